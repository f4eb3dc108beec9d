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
cache_write_1h_tokens no (0)  prompt tokens written to the 1-hour cache (part of input_tokens)
reasoning_tokens     no (0)   reasoning/thinking tokens (part of output_tokens)
audio_input_tokens   no (0)   audio prompt tokens (part of input_tokens)
audio_output_tokens  no (0)   audio completion tokens (part of output_tokens)
image_input_tokens   no (0)   image prompt tokens (part of input_tokens)
web_searches         no (0)   web-search tool calls (billed per 1,000)
batch                no (F)   sent through the provider's batch API
service_tier         no       standard | batch | flex | priority (empty, "default",
                              "auto" = standard); must agree with ``batch``
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

__all__ = ["CANONICAL", "REQUIRED", "OPTIONAL", "UNIT_COLUMNS", "INPUT_PARTS", "OUTPUT_PARTS", "TOKEN_COLUMNS",
           "MAPPINGS", "REJECT_COL", "to_canonical", "detect_source"]

REQUIRED = ("timestamp", "model", "input_tokens", "output_tokens")
# every unit beyond the classic four that a usage log can carry, and the pricing rule's unit for it
UNIT_COLUMNS = {
    "cache_write_1h_tokens": "cache_write_1h",
    "reasoning_tokens": "reasoning",
    "audio_input_tokens": "audio_input",
    "audio_output_tokens": "audio_output",
    "image_input_tokens": "image_input",
    "web_searches": "web_search",
}
# counted inside input_tokens / output_tokens (the convention of tc.request_cost)
INPUT_PARTS = ("cache_write_1h_tokens", "audio_input_tokens", "image_input_tokens")
OUTPUT_PARTS = ("reasoning_tokens", "audio_output_tokens")
OPTIONAL = ("cached_tokens", "cache_write_tokens", *UNIT_COLUMNS, "batch", "service_tier", "requests",
            "context_tokens")
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
    """Numeric counts; a missing optional count is 0 (exports omit zero breakdowns), but text that is
    not a number stays NaN (the row is rejected, never priced as 0; see :func:`_counts_of`)."""
    if s is None:
        return None
    out = pd.to_numeric(s, errors="coerce")
    if default is None:
        return out
    return out.where(out.notna() | _text_not_number(s), default)


def _text_not_number(s: pd.Series) -> pd.Series:
    """True where the cell holds something that is not a number (missing and blank cells are False)."""
    if s.dtype.kind in "iufb":
        return pd.Series(False, index=s.index)
    conv = pd.to_numeric(s, errors="coerce")
    blank = s.isna() | s.astype("string").str.strip().eq("").fillna(True)
    return conv.isna() & ~blank


def _counts_of(
    df: pd.DataFrame, reasons: pd.Series, *names: str, required: bool = False
) -> tuple[pd.Series | None, pd.Series]:
    """The first of ``names`` the export has, as numbers (missing optional cells: 0), and the reasons
    with a rejection naming the export's own field for every cell that is not a number."""
    s = _col(df, *names)
    if s is None:
        return None, reasons
    name = next(n for n in names if n in df.columns)
    bad = _text_not_number(s)
    if bad.any():
        reasons = _add_reason(reasons, bad.to_numpy(dtype=bool), f"{name} is not a number")
    return _num(s, None if required else 0), reasons


def _add_reason(reasons: pd.Series, mask: pd.Series | np.ndarray, text: str) -> pd.Series:
    mask = pd.Series(np.asarray(mask, dtype=bool), index=reasons.index)
    return reasons.mask(mask & reasons.isna(), text)


# -- OpenAI -----------------------------------------------------------------------------
def _tier(s: pd.Series) -> pd.Series:
    return s.astype("string").str.strip().str.lower()


def _openai(df: pd.DataFrame, assume_live: bool = False) -> pd.DataFrame:
    """OpenAI Usage API (``/v1/organization/usage/completions``) buckets, one row per result.

    Flatten the JSON as the OpenAI cookbook does (each result plus its bucket's
    ``start_time``). A dashboard CSV whose columns use these field names maps the same
    way; one that does not needs ``columns={...}``.

    Counting (the API reference): ``input_tokens`` include the cached, cache-write, audio and
    image tokens; ``output_tokens`` include the audio output, so ``input_cached_tokens``,
    ``input_audio_tokens`` and ``output_audio_tokens`` are parts of them, as in the canonical
    columns. ``service_tier`` (``default`` = standard, ``flex``, ``priority``, ...) and ``batch``
    pick the regime together.
    """
    out = df.copy(deep=False)
    reasons = pd.Series(pd.NA, index=df.index, dtype="object")
    if "start_time_iso" in df.columns:
        out["timestamp"] = pd.to_datetime(df["start_time_iso"], utc=True, format="ISO8601", errors="coerce")
    elif "start_time" in df.columns:
        out["timestamp"] = pd.to_datetime(
            pd.to_numeric(df["start_time"], errors="coerce"), unit="s", utc=True
        )
    fields = {
        "input_tokens": ("input_tokens",),
        "output_tokens": ("output_tokens",),
        "cached_tokens": ("input_cached_tokens",),
        "cache_write_tokens": ("input_cache_write_tokens",),
        "audio_input_tokens": ("input_audio_tokens",),
        "audio_output_tokens": ("output_audio_tokens",),
        "image_input_tokens": ("input_image_tokens",),
    }
    for canon, names in fields.items():
        v, reasons = _counts_of(df, reasons, *names, required=canon in ("input_tokens", "output_tokens"))
        if v is not None:
            out[canon] = v
        elif canon in ("cached_tokens",):
            out[canon] = 0
    if "num_model_requests" in df.columns:
        out["requests"] = _num(df["num_model_requests"], None)
    batch = df["batch"] if "batch" in df.columns else pd.Series(pd.NA, index=df.index)
    b = batch.astype("string").str.strip().str.lower()
    tier = _tier(df["service_tier"]) if "service_tier" in df.columns else None
    unknown = b.isna().to_numpy(dtype=bool).copy()
    if tier is not None:  # a service tier other than standard says "not batch" (or "batch") by itself
        unknown &= ~(tier.notna() & ~tier.isin(list(_NULL_TIERS))).fillna(False).to_numpy(dtype=bool)
    if not assume_live:
        reasons = _add_reason(
            reasons,
            unknown,
            "batch is empty: batch or not is unknown (export the usage grouped by batch, or "
            f"{_LIVE()} if none of the traffic went through the batch API)",
        )
    out["batch"] = b.isin(["true", "1", "1.0", "yes"]).fillna(False).astype(bool)
    if tier is not None:
        out["service_tier"] = tier
    out[REJECT_COL] = reasons
    return out


# -- Anthropic ----------------------------------------------------------------------------
def _anthropic(df: pd.DataFrame, assume_live: bool = False) -> pd.DataFrame:
    """Anthropic usage report (``/v1/organizations/usage_report/messages``), one row per result.

    Flatten with ``pd.json_normalize`` (``cache_creation.ephemeral_5m_input_tokens``)
    or underscores (``cache_creation_ephemeral_5m_input_tokens``). A Console CSV export
    with these field names maps the same way; one that does not needs ``columns={...}``.

    Counting (Anthropic's): ``uncached_input_tokens`` exclude the cache reads and both cache
    writes, so the canonical ``input_tokens`` = uncached + reads + 5-minute writes + 1-hour
    writes; ``server_tool_use.web_search_requests`` are billed per 1,000 searches.
    """
    out = df.copy(deep=False)
    reasons = pd.Series(pd.NA, index=df.index, dtype="object")
    when = _col(df, "starting_at", "start_time", "usage_date_utc", "date")
    if when is not None:
        out["timestamp"] = pd.to_datetime(when, utc=True, format="ISO8601", errors="coerce")
    uncached, reasons = _counts_of(df, reasons, "uncached_input_tokens", required=True)
    read, reasons = _counts_of(df, reasons, "cache_read_input_tokens")
    w5, reasons = _counts_of(
        df, reasons,
        "cache_creation.ephemeral_5m_input_tokens",
        "cache_creation_ephemeral_5m_input_tokens",
        "cache_creation_5m_input_tokens",
        "cache_creation_input_tokens",
    )
    w1h, reasons = _counts_of(
        df, reasons,
        "cache_creation.ephemeral_1h_input_tokens",
        "cache_creation_ephemeral_1h_input_tokens",
        "cache_creation_1h_input_tokens",
    )
    searches, reasons = _counts_of(
        df, reasons, "server_tool_use.web_search_requests", "server_tool_use_web_search_requests",
        "web_search_requests",
    )
    output, reasons = _counts_of(df, reasons, "output_tokens", required=True)
    zero = pd.Series(0, index=df.index)
    read = zero if read is None else read
    w5 = zero if w5 is None else w5
    assert uncached is not None
    total = uncached + read + w5
    if w1h is not None:
        total = total + w1h
        out["cache_write_1h_tokens"] = w1h
    out["input_tokens"] = total
    out["cached_tokens"] = read
    out["cache_write_tokens"] = w5
    out["output_tokens"] = output
    if searches is not None:
        out["web_searches"] = searches
    out["requests"] = np.nan  # usage reports aggregate an unknown number of requests
    out["batch"] = False
    if "service_tier" in df.columns:
        t = _tier(df["service_tier"])
        if not assume_live:
            reasons = _add_reason(
                reasons,
                t.isna().to_numpy(dtype=bool),
                "service_tier is empty: batch or not is unknown (export grouped by service_tier, or "
                f"{_LIVE()} if none of the traffic went through the batch API)",
            )
        out["service_tier"] = t
    elif not assume_live:
        reasons = _add_reason(
            reasons,
            np.ones(len(df), dtype=bool),
            "no service_tier column: batch or not is unknown (group the report by service_tier, or "
            f"{_LIVE()} if none of the traffic went through the batch API)",
        )
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
                [_detail(u.get("prompt_tokens_details"), "cached_tokens") for u in objs],
                index=df.index,
            )
        if write is None:
            write = pd.Series([_or_zero(u.get("cache_creation_input_tokens")) for u in objs], index=df.index)
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


def _or_zero(v: Any) -> Any:
    """An SDK usage count: absent (None) is 0; anything else is kept for the row checks to judge
    ("abc", -3, a list: a bad row, never a silent 0)."""
    return 0 if v is None else v


def _detail(details: Any, key: str) -> Any:
    if details is None:
        return 0
    if not isinstance(details, dict):
        return float("nan")  # a malformed usage object: the row is rejected as not a number
    return _or_zero(details.get(key))


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
    dups = list(dict.fromkeys(c for c in df.columns[df.columns.duplicated()]))
    if dups:  # df[name] would be a frame, not a column
        raise UsageLogError(f"the log has duplicate column name(s) {dups}; rename or drop the copies",
                            column=str(dups[0]))
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
