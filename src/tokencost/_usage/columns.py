"""Usage-log columns: the canonical schema, mappings from common exports, and validation.

Canonical columns (one row = one request unless ``requests`` says otherwise):

==================== ======== ===========================================================
column               required meaning
==================== ======== ===========================================================
timestamp            yes      when the request was made; tz-aware (naive = error unless
                              ``assume_utc=True``); priced at the version in effect then
model                yes      model id or alias (case-insensitive), resolved once per name
input_tokens         yes      ALL prompt tokens, cached reads and cache writes included
output_tokens        yes      completion tokens (reasoning tokens included)
cached_tokens        no (0)   prompt tokens read from the cache (part of input_tokens)
cache_write_tokens   no (0)   prompt tokens written to the cache (part of input_tokens)
batch                no (F)   sent through the provider's batch API
requests             no (1)   requests the row aggregates (exports are often bucketed);
                              missing/NaN = unknown, treated as aggregated
context_tokens       no       per-request prompt size that picks a context-length tier;
                              defaults to input_tokens for single-request rows
==================== ======== ===========================================================

Other columns are kept (``UsageCost.by("project_id")`` groups by them).

Export mappings (``columns=`` in :func:`cost_usage` / :func:`read_usage`) are
documented in ``docs/usage.md``; each is row-preserving (row *i* of the export is
row *i* of the canonical frame), so rejected rows are reported with the export's
own columns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..errors import UsageLogError, spell

__all__ = ["CANONICAL", "REQUIRED", "OPTIONAL", "MAPPINGS", "REJECT_COL", "to_canonical", "detect_source"]

REQUIRED = ("timestamp", "model", "input_tokens", "output_tokens")
OPTIONAL = ("cached_tokens", "cache_write_tokens", "batch", "requests", "context_tokens")
CANONICAL = REQUIRED + OPTIONAL
TOKEN_COLUMNS = ("input_tokens", "cached_tokens", "cache_write_tokens", "output_tokens")
# A mapping may flag a row it cannot price faithfully (audio tokens, 1h cache writes, a
# service tier the catalog has no price for); the text becomes the row's rejection reason.
REJECT_COL = "_tokencost_reject"

def _LIVE() -> str:  # noqa: N802 - the hint, spelled for the caller
    return spell("assume_live=True", "--assume-live")


_NULL_TIERS = {"", "default", "auto", "standard", "on_demand", "none", "nan"}


def _col(df: pd.DataFrame, *names: str) -> pd.Series | None:
    for n in names:
        if n in df.columns:
            return df[n]
    return None


def _num(s: pd.Series | None, default: float | None = 0) -> pd.Series | None:
    """Numeric counts; a missing optional count is 0 (exports omit zero breakdowns)."""
    if s is None:
        return None
    out = pd.to_numeric(s, errors="coerce")
    return out.fillna(default) if default is not None else out


def _add_reason(reasons: pd.Series, mask: pd.Series | np.ndarray, text: str) -> pd.Series:
    mask = pd.Series(np.asarray(mask, dtype=bool), index=reasons.index)
    return reasons.mask(mask & reasons.isna(), text)


def _batch_from_tier(
    tier: pd.Series, reasons: pd.Series, what: str, assume_live: bool
) -> tuple[pd.Series, pd.Series]:
    t = tier.astype("string").str.strip().str.lower()
    batch = t.eq("batch").fillna(False).astype(bool)
    unknown = t.isna()
    other = ~unknown & ~batch & ~t.isin(list(_NULL_TIERS)).fillna(False).astype(bool)
    if not assume_live:
        reasons = _add_reason(
            reasons,
            unknown.to_numpy(dtype=bool),
            f"{what} is empty: batch or not is unknown (export grouped by {what}, or "
            f"{_LIVE()} if none of the traffic went through the batch API)",
        )
    for val in sorted(set(t[other].dropna())):
        reasons = _add_reason(
            reasons,
            (t == val).fillna(False).to_numpy(dtype=bool),
            f"{what} {val!r} has no price in the catalog",
        )
    return batch, reasons


# -- OpenAI -----------------------------------------------------------------------------
def _openai(df: pd.DataFrame, assume_live: bool = False) -> pd.DataFrame:
    """OpenAI Usage API (``/v1/organization/usage/completions``) buckets, one row per result.

    Flatten the JSON as the OpenAI cookbook does (each result plus its bucket's
    ``start_time``). A dashboard CSV whose columns use these field names maps the same
    way; one that does not needs ``columns={...}``.
    """
    out = df.copy(deep=False)
    reasons = pd.Series(pd.NA, index=df.index, dtype="object")
    if "start_time_iso" in df.columns:
        out["timestamp"] = pd.to_datetime(df["start_time_iso"], utc=True, format="ISO8601", errors="coerce")
    elif "start_time" in df.columns:
        out["timestamp"] = pd.to_datetime(
            pd.to_numeric(df["start_time"], errors="coerce"), unit="s", utc=True
        )
    out["input_tokens"] = _num(df["input_tokens"], None)
    out["output_tokens"] = _num(df["output_tokens"], None)
    out["cached_tokens"] = _num(_col(df, "input_cached_tokens"))
    if "input_cache_write_tokens" in df.columns:
        out["cache_write_tokens"] = _num(df["input_cache_write_tokens"])
    if "num_model_requests" in df.columns:
        out["requests"] = _num(df["num_model_requests"], None)
    for audio in ("input_audio_tokens", "output_audio_tokens"):
        if audio in df.columns:
            reasons = _add_reason(
                reasons,
                _num(df[audio]).gt(0).to_numpy(),
                f"{audio}: audio tokens have their own rates, not in the catalog",
            )
    batch = df["batch"] if "batch" in df.columns else pd.Series(pd.NA, index=df.index)
    b = batch.astype("string").str.strip().str.lower()
    if not assume_live:
        reasons = _add_reason(
            reasons,
            b.isna().to_numpy(dtype=bool),
            "batch is empty: batch or not is unknown (export the usage grouped by batch, or "
            f"{_LIVE()} if none of the traffic went through the batch API)",
        )
    out["batch"] = b.isin(["true", "1", "1.0", "yes"]).fillna(False).astype(bool)
    if "service_tier" in df.columns:
        t = df["service_tier"].astype("string").str.strip().str.lower()
        odd = ~t.isna() & ~t.isin(list(_NULL_TIERS) + ["batch"]).fillna(False)
        for val in sorted(set(t[odd.fillna(False)].dropna())):
            reasons = _add_reason(
                reasons,
                (t == val).fillna(False).to_numpy(dtype=bool),
                f"service_tier {val!r} has no price in the catalog",
            )
        out["batch"] = out["batch"] | t.eq("batch").fillna(False).astype(bool)
    out[REJECT_COL] = reasons
    return out


# -- Anthropic ----------------------------------------------------------------------------
def _anthropic(df: pd.DataFrame, assume_live: bool = False) -> pd.DataFrame:
    """Anthropic usage report (``/v1/organizations/usage_report/messages``), one row per result.

    Flatten with ``pd.json_normalize`` (``cache_creation.ephemeral_5m_input_tokens``)
    or underscores (``cache_creation_ephemeral_5m_input_tokens``). A Console CSV export
    with these field names maps the same way; one that does not needs ``columns={...}``.
    """
    out = df.copy(deep=False)
    reasons = pd.Series(pd.NA, index=df.index, dtype="object")
    when = _col(df, "starting_at", "start_time", "usage_date_utc", "date")
    if when is not None:
        out["timestamp"] = pd.to_datetime(when, utc=True, format="ISO8601", errors="coerce")
    uncached = _num(df["uncached_input_tokens"], None)
    read = _num(_col(df, "cache_read_input_tokens"))
    w5 = _num(
        _col(
            df,
            "cache_creation.ephemeral_5m_input_tokens",
            "cache_creation_ephemeral_5m_input_tokens",
            "cache_creation_input_tokens",
        )
    )
    w1h = _num(
        _col(df, "cache_creation.ephemeral_1h_input_tokens", "cache_creation_ephemeral_1h_input_tokens")
    )
    zero = pd.Series(0, index=df.index)
    read = zero if read is None else read
    w5 = zero if w5 is None else w5
    if w1h is not None:
        reasons = _add_reason(
            reasons,
            w1h.gt(0).to_numpy(),
            "1-hour cache writes have their own rate (2x input), not in the catalog",
        )
        w1h_v = w1h
    else:
        w1h_v = zero
    out["input_tokens"] = uncached + read + w5 + w1h_v
    out["cached_tokens"] = read
    out["cache_write_tokens"] = w5 + w1h_v
    out["output_tokens"] = _num(df["output_tokens"], None)
    out["requests"] = np.nan  # usage reports aggregate an unknown number of requests
    if "service_tier" in df.columns:
        out["batch"], reasons = _batch_from_tier(df["service_tier"], reasons, "service_tier", assume_live)
    else:
        if not assume_live:
            reasons = _add_reason(
                reasons,
                np.ones(len(df), dtype=bool),
                "no service_tier column: batch or not is unknown (group the report by service_tier, or "
                f"{_LIVE()} if none of the traffic went through the batch API)",
            )
        out["batch"] = False
    if "context_window" in df.columns:
        cw = df["context_window"].astype("string").str.strip().str.lower()
        # "0-200k" -> no tier; "200k-1M" -> above Anthropic's 200,000-token threshold
        out["context_tokens"] = np.where(
            cw.eq("200k-1m").fillna(False), 200_001, np.where(cw.eq("0-200k").fillna(False), 0, np.nan)
        )
    out[REJECT_COL] = reasons
    return out


# -- LiteLLM --------------------------------------------------------------------------------
_LITELLM_PREFIXES = (
    "openai/",
    "anthropic/",
    "gemini/",
    "vertex_ai/",
    "deepseek/",
    "google/",
    "text-completion-openai/",
)


def _litellm(df: pd.DataFrame, assume_live: bool = False) -> pd.DataFrame:
    """LiteLLM proxy spend logs (``LiteLLM_SpendLogs`` table, ``/spend/logs``), one row per request."""
    import json

    out = df.copy(deep=False)
    reasons = pd.Series(pd.NA, index=df.index, dtype="object")
    # LiteLLM's database keeps UTC instants without an offset (Prisma DateTime): read naive as UTC.
    when = _col(df, "startTime", "start_time")
    if when is not None:  # else to_canonical names the missing timestamp column
        out["timestamp"] = pd.to_datetime(when, utc=True, format="ISO8601", errors="coerce")
    model = df["model"].astype("string")
    prov = _col(df, "custom_llm_provider")
    if prov is not None:
        pre = prov.astype("string") + "/"
        has = [isinstance(m, str) and isinstance(p, str) and m.startswith(p) for m, p in zip(model, pre)]
        model = model.where(~pd.Series(has, index=df.index), model.str.split("/", n=1).str[1])
    for p in _LITELLM_PREFIXES:
        model = model.where(~model.str.startswith(p).fillna(False), model.str.slice(len(p)))
    out["model"] = model
    out["input_tokens"] = _num(df["prompt_tokens"], None)
    out["output_tokens"] = _num(df["completion_tokens"], None)
    cached = _num(_col(df, "cached_tokens", "metadata.usage_object.prompt_tokens_details.cached_tokens"))
    write = _num(_col(df, "cache_creation_input_tokens", "metadata.usage_object.cache_creation_input_tokens"))
    if (cached is None or write is None) and "metadata" in df.columns:

        def usage(meta: Any) -> dict[str, Any]:
            if isinstance(meta, str):
                try:
                    meta = json.loads(meta)
                except ValueError:
                    return {}
            u = meta.get("usage_object") if isinstance(meta, dict) else None
            return u if isinstance(u, dict) else {}

        objs = [usage(m) for m in df["metadata"]]
        if cached is None:
            cached = pd.Series(
                [((u.get("prompt_tokens_details") or {}).get("cached_tokens") or 0) for u in objs],
                index=df.index,
            )
        if write is None:
            write = pd.Series([u.get("cache_creation_input_tokens") or 0 for u in objs], index=df.index)
    if cached is not None:
        out["cached_tokens"] = cached
    if write is not None:
        out["cache_write_tokens"] = write
    out["batch"] = False
    if "cache_hit" in df.columns:
        hit = df["cache_hit"].astype("string").str.lower().isin(["true", "1", "yes"]).fillna(False)
        reasons = _add_reason(
            reasons, hit.to_numpy(dtype=bool), "served from LiteLLM's response cache: no provider charge"
        )
    if "call_type" in df.columns:
        ct = df["call_type"].astype("string")
        chat = ct.str.contains("completion|generate_content|messages|responses", case=False, regex=True)
        reasons = _add_reason(
            reasons,
            (~chat.fillna(True)).to_numpy(dtype=bool),
            "call_type is not a chat/completion call (not token-priced here)",
        )
    out[REJECT_COL] = reasons
    return out


# -- plain CSV ------------------------------------------------------------------------------
_PLAIN_ALIASES: dict[str, tuple[str, ...]] = {
    "timestamp": ("time", "created_at", "created", "datetime", "date", "ts"),
    "model": ("model_name", "model_id"),
    "input_tokens": ("prompt_tokens", "input"),
    "output_tokens": ("completion_tokens", "output"),
    "cached_tokens": ("cached_input_tokens", "cache_read_tokens", "cache_read_input_tokens"),
    "cache_write_tokens": ("cache_creation_tokens", "cache_creation_input_tokens"),
    "batch": ("is_batch",),
}


def _plain(df: pd.DataFrame, assume_live: bool = False) -> pd.DataFrame:
    """Canonical names, or common synonyms (``prompt_tokens``/``completion_tokens``, ``created_at``...)."""
    ren: dict[str, str] = {}
    for canon, aliases in _PLAIN_ALIASES.items():
        if canon in df.columns:
            continue
        for a in aliases:
            if a in df.columns and a not in ren:
                ren[a] = canon
                break
    return df.rename(columns=ren) if ren else df


@dataclass(frozen=True)
class ExportMapping:
    name: str
    convert: Callable[[pd.DataFrame, bool], pd.DataFrame]  # (export, assume_live) -> canonical
    needs: tuple[str, ...]
    doc: str


MAPPINGS: dict[str, ExportMapping] = {
    "canonical": ExportMapping("canonical", lambda df, assume_live=False: df, REQUIRED, "the canonical columns"),
    "openai": ExportMapping(
        "openai",
        _openai,
        ("input_tokens", "output_tokens", "model"),
        "OpenAI usage export / Usage API completions buckets",
    ),
    "anthropic": ExportMapping(
        "anthropic",
        _anthropic,
        ("uncached_input_tokens", "output_tokens", "model"),
        "Anthropic usage report / Console export",
    ),
    "litellm": ExportMapping(
        "litellm", _litellm, ("prompt_tokens", "completion_tokens", "model"), "LiteLLM proxy spend logs"
    ),
    "plain": ExportMapping("plain", _plain, (), "a plain CSV with canonical names or common synonyms"),
}


def detect_source(df: pd.DataFrame) -> str:
    cols = set(df.columns)
    if set(REQUIRED) <= cols:
        return "canonical"
    if "uncached_input_tokens" in cols:
        return "anthropic"
    if {"startTime", "prompt_tokens"} <= cols or {"spend", "prompt_tokens", "completion_tokens"} <= cols:
        return "litellm"
    if ({"input_cached_tokens"} & cols or {"num_model_requests"} & cols) and {
        "start_time",
        "start_time_iso",
    } & cols:
        return "openai"
    return "plain"


def to_canonical(
    df: pd.DataFrame, columns: str | Mapping[str, str] | None = None, *, assume_live: bool = False
) -> tuple[pd.DataFrame, str]:
    """(canonical frame, source name). ``columns``: a source name, ``"auto"``/None, or {canonical: column}.

    ``assume_live``: an export that cannot say which rows went through the batch API (no batch
    or service-tier column, or empty cells) is priced as live traffic instead of rejected.
    """
    if isinstance(columns, Mapping):
        bad = [k for k in columns if k not in CANONICAL]
        if bad:
            raise UsageLogError(
                f"unknown canonical column(s) {bad} in {spell('columns=', '--columns')}; "
                f"canonical: {list(CANONICAL)}"
            )
        missing = [v for v in columns.values() if v not in df.columns]
        if missing:
            raise UsageLogError(
                f"{spell('columns=', '--columns')} names column(s) {missing} that the log does not have; "
                f"it has {list(df.columns)[:20]}"
            )
        out = df.rename(columns={v: k for k, v in columns.items()})
        source = "custom"
    else:
        source = detect_source(df) if columns in (None, "auto") else str(columns)
        if source not in MAPPINGS:
            raise UsageLogError(
                f"unknown column mapping {source!r}; choose one of {sorted(MAPPINGS)} "
                f"or {spell('pass a dict {canonical: column}', 'canonical=column pairs')}"
            )
        m = MAPPINGS[source]
        miss = [c for c in m.needs if c not in df.columns]
        if miss:
            raise UsageLogError(
                f"the log does not match the {m.name!r} mapping ({m.doc}): missing {miss}", column=miss[0]
            )
        out = m.convert(df, assume_live)
    missing = [c for c in REQUIRED if c not in out.columns]
    if missing:
        have = ", ".join(map(str, list(df.columns)[:12]))
        raise UsageLogError(
            f"missing required column(s) {missing} (mapping {source!r}; the log has: {have}); "
            "pass " + spell(f"columns={{'{missing[0]}': '<your column>'}} or columns='openai'|'anthropic'|'litellm'",
                            f"--columns {missing[0]}=<your column> or --columns openai|anthropic|litellm"),
            column=missing[0],
        )
    return out, source
