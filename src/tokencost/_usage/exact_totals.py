"""Exact totals of a usage log: integer token sums per bin, times Decimal rates, grouped by key.

A *partial* is a small frame of integer token sums per (regime, model, day[, extra key]),
what binning (``binning.py``) leaves of millions of rows. Everything here turns partials
into money without a float: token sums are Python ints (or int64 where they provably fit),
rates are exact Decimals from the price table, and the arithmetic runs in
:data:`tokencost._exact.EXACT`, which raises instead of rounding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, localcontext
from typing import Any

import numpy as np
import pandas as pd

from .._exact import EXACT
from .binning import bincount_exact, summed_columns
from .chunks import Chunk
from .columns import INPUT_PARTS, OUTPUT_PARTS, TOKEN_COLUMNS, UNIT_COLUMNS
from .price_table import EXTRA_EXP, EXTRA_PRICED, PriceTable

__all__ = ["STANDARD_KEYS", "row_partial", "combine_partials", "decimal_costs", "reduce_partial", "value_columns"]

ZERO = Decimal(0)
# the keys every result can be grouped by (any other column needs the rows in memory)
STANDARD_KEYS = ("model", "version", "segment", "day", "month")
_UNIT_ORDER = ("rows", *TOKEN_COLUMNS, *UNIT_COLUMNS, "requests")


def value_columns(partial: pd.DataFrame) -> list[str]:
    """The count columns of a partial: rows, the classic four, and the other units the log had."""
    return [c for c in _UNIT_ORDER if c in partial.columns]


# -- row-level grouping (by a column of an in-memory log) ---------------------------------
def row_partial(
    ch: Chunk, table: PriceTable, reg: np.ndarray, model: np.ndarray, extra: np.ndarray, n_extra: int
) -> pd.DataFrame:
    """Integer sums per (regime, model, extra, day) over rows not in the sink regime."""
    ns = len(table.specs) + 1
    a = (reg.astype(np.int64) * ns + model) * (n_extra + 1) + extra
    a[reg >= table.sink] = -1
    key = a * ch.ndays + ch.d_rel
    key[a < 0] = -1
    del a
    uniq, inv = np.unique(key, return_inverse=True)
    rows = np.bincount(inv, minlength=len(uniq))
    cols = {"rows": rows.astype(np.int64)}
    sink = 0 if len(uniq) and uniq[0] < 0 else None  # the rows left out, dropped below
    for name, arr in summed_columns(ch):
        cols[name] = bincount_exact(inv, arr, len(uniq), sink)
    keep = uniq >= 0
    uniq = uniq[keep]
    a_val, day = np.divmod(uniq, ch.ndays)
    q, ex = np.divmod(a_val, n_extra + 1)
    r, mod = np.divmod(q, ns)
    out = pd.DataFrame(
        {"reg": r, "model": mod, "day": day + ch.dmin, "extra": ex, **{k: v[keep] for k, v in cols.items()}}
    )
    return out.reset_index(drop=True)


def combine_partials(
    parts: Sequence[pd.DataFrame], keys: Sequence[str] = ("reg", "model", "day")
) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame({c: pd.Series([], dtype=np.int64) for c in [*keys, "rows", *TOKEN_COLUMNS]})
    if len(parts) == 1:
        return parts[0]
    df = pd.concat(parts, ignore_index=True)
    vals = value_columns(df)
    for c in vals:  # a unit column some chunks lack: those chunks had none of it
        if df[c].isna().any():
            df[c] = df[c].astype(object).where(df[c].notna(), 0)
    safe = all(df[c].dtype != object and (len(df) * int(df[c].max() or 0)) < 2**63 for c in vals)
    if not safe:
        df[vals] = df[vals].astype(object)
    return df.groupby(list(keys), sort=True, as_index=False)[vals].sum()


# -- Decimal reduction -------------------------------------------------------------------------
def decimal_costs(partial: pd.DataFrame, table: PriceTable) -> list[Decimal]:
    """Exact USD cost of each partial row: the integer count of every unit x the rule's rate for it.

    Counting as in :func:`tokencost.request_cost`: fresh input = input - cached - cache writes (both
    TTLs) - audio and image input; text output = output - reasoning - audio output; the other units
    at their own rates, each per its UNIT_SCALE (a power of ten: an exact shift).
    """
    out: list[Decimal] = []
    rates = table.reg_rate
    n = len(partial)
    cols = [c for c in (*UNIT_COLUMNS, "requests") if c in partial.columns and any(partial[c].tolist())]
    if cols:
        return _decimal_costs_all_units(partial, table, cols)
    with localcontext(EXACT):
        for r, i, c, w, o in zip(
            partial["reg"].tolist(),
            partial["input_tokens"].tolist(),
            partial["cached_tokens"].tolist(),
            partial["cache_write_tokens"].tolist(),
            partial["output_tokens"].tolist(),
        ):
            ri, rc, rw, ro = rates[r]
            fresh = int(i) - int(c) - int(w)
            total = ZERO
            if fresh:
                total += fresh * ri  # type: ignore[operator]
            if c:
                total += int(c) * rc  # type: ignore[operator]
            if w:
                total += int(w) * rw  # type: ignore[operator]
            if o:
                total += int(o) * ro  # type: ignore[operator]
            out.append(total.scaleb(-6))
    assert len(out) == n
    return out


def _decimal_costs_all_units(partial: pd.DataFrame, table: PriceTable, cols: list[str]) -> list[Decimal]:
    unit_pos = {c: EXTRA_PRICED.index(u) for c, u in UNIT_COLUMNS.items()}
    counts = {c: partial[c].tolist() for c in cols}
    in_parts = [c for c in INPUT_PARTS if c in counts]
    out_parts = [c for c in OUTPUT_PARTS if c in counts]
    out: list[Decimal] = []
    with localcontext(EXACT):
        for k, (r, i, c, w, o) in enumerate(zip(
            partial["reg"].tolist(),
            partial["input_tokens"].tolist(),
            partial["cached_tokens"].tolist(),
            partial["cache_write_tokens"].tolist(),
            partial["output_tokens"].tolist(),
        )):
            ri, rc, rw, ro = table.reg_rate[r]
            extra = table.reg_extra[r]
            fresh = int(i) - int(c) - int(w) - sum(int(counts[x][k]) for x in in_parts)
            text_out = int(o) - sum(int(counts[x][k]) for x in out_parts)
            total = ZERO
            for cnt, rate in ((fresh, ri), (int(c), rc), (int(w), rw), (text_out, ro)):
                if cnt:
                    total += cnt * rate  # type: ignore[operator]
            total = total.scaleb(-6)
            for x in cols:
                cnt = int(counts[x][k])
                if x == "requests":
                    fee = table.reg_request[r]
                    if cnt and fee is not None:  # per 1,000 requests
                        total += (cnt * fee).scaleb(-3)
                    continue
                if cnt:
                    j = unit_pos[x]
                    # a missing rate here would be a bug: binning rejects rows that need one
                    total += (cnt * extra[j]).scaleb(EXTRA_EXP[j])  # type: ignore[operator]
            out.append(total)
    return out


def key_columns(
    partial: pd.DataFrame,
    table: PriceTable,
    keys: Sequence[str],
    extra_names: Mapping[str, Sequence[Any]] | None = None,
) -> pd.DataFrame:
    cols: dict[str, Any] = {}
    for k in keys:
        if k == "model":
            names = np.array(table.spec_model + [""], dtype=object)
            cols["model"] = names[partial["model"].to_numpy()]
        elif k == "version":
            cols["version"] = np.array(table.version_labels() + [""], dtype=object)[partial["reg"].to_numpy()]
        elif k == "segment":
            cols["segment"] = np.array(table.reg_label + [""], dtype=object)[partial["reg"].to_numpy()]
        elif k == "day":
            days = partial["day"].to_numpy()
            cols["day"] = [dt.date(1970, 1, 1) + dt.timedelta(days=int(d)) for d in days]
        elif k == "month":
            days = partial["day"].to_numpy()
            cols["month"] = [f"{(dt.date(1970, 1, 1) + dt.timedelta(days=int(d))):%Y-%m}" for d in days]
        else:
            vals = np.asarray(list((extra_names or {})[k]) + [None], dtype=object)
            cols[k] = vals[partial["extra"].to_numpy()]
    return pd.DataFrame(cols, index=partial.index)


def reduce_partial(
    partial: pd.DataFrame,
    table: PriceTable,
    keys: Sequence[str],
    extra_names: Mapping[str, Sequence[Any]] | None = None,
    *,
    costs: Sequence[Decimal] | None = None,
) -> pd.DataFrame:
    """Group a partial by ``keys``: Python-int token sums and an exact Decimal ``cost`` (USD).
    ``costs``: :func:`decimal_costs` of ``partial``, when the caller has them already."""
    if costs is None:
        costs = decimal_costs(partial, table)
    kc = key_columns(partial, table, keys, extra_names)
    group_cols = list(kc.columns)
    acc: dict[tuple[Any, ...], list[Any]] = {}
    vcols = value_columns(partial)
    vals = [partial[c].tolist() for c in vcols]
    key_lists = [kc[c].tolist() for c in group_cols]
    with localcontext(EXACT):
        for i, cost in enumerate(costs):
            k = tuple(kl[i] for kl in key_lists)
            a = acc.get(k)
            if a is None:
                acc[k] = [int(v[i]) for v in vals] + [cost]
            else:
                for j, v in enumerate(vals):
                    a[j] += int(v[i])
                a[-1] += cost
    rows = [(*k, *v) for k, v in sorted(acc.items(), key=lambda kv: tuple(_sortable(x) for x in kv[0]))]
    df = pd.DataFrame(rows, columns=[*group_cols, *vcols, "cost"])
    for c in vcols:
        if len(df) and all(-(2**63) < int(x) < 2**63 for x in df[c]):
            df[c] = df[c].astype(np.int64)
    return df


def _sortable(x: Any) -> tuple[int, Any]:
    return (1, "") if x is None or (isinstance(x, float) and x != x) else (0, x)
