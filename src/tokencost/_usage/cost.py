"""Price a usage log: vectorized, per row by timestamp, with exact totals.

How a row is priced (the same choices as :func:`tokencost.request_cost`, which the
tests check row by row):

1. The row's model name resolves once per distinct name (aliases, any case).
2. Its timestamp picks the price *segment* (version, batch discount, exchange rate)
   in effect at that instant, via a per-day lookup table plus ``numpy.searchsorted``
   for the few days that contain a price change.
3. Within the segment the row's *regime* follows from its prompt size (context
   tier: ``context_tokens`` if given, else ``input_tokens``, above the threshold),
   its batch flag (tier rates x (1 - discount)), and, for live traffic only, the
   UTC time of day (off-peak window rates, which replace the tier rates).
4. Exact totals: integer token counts are summed per (regime, day[, model]) --
   with float64 ``bincount`` only when every partial sum is provably below 2**53,
   otherwise in 21-bit limbs recombined as Python ints -- and each sum is
   multiplied by the regime's Decimal rate. No float ever reaches a total.

Per-row ``cost`` is float64 for display: for token counts below 2**53 its relative
error is at most 7 x 2**-53 (about 8e-16) of the exact row cost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, Inexact, InvalidOperation, Overflow, localcontext
from typing import Any

import numpy as np
import pandas as pd

from .._catalog.catalog import Catalog, load_catalog
from .._catalog.schema import COMPONENTS
from ..errors import TokencostError, UnknownModelError, UsageLogError
from .arrays import Chunk, make_chunk
from .columns import REJECT_COL, to_canonical
from .table import DAY_NS, SEG_NO_FX, SEG_NO_PRICE, SEG_OK, PriceTable, _from_ns, price_table

__all__ = ["UsageCost", "cost_usage", "STANDARD_KEYS"]

# Exact arithmetic: wide enough for any sum of token counts x rates; a rounding would raise.
EXACT = Context(prec=120, traps=[Inexact, InvalidOperation, Overflow])
ZERO = Decimal(0)
STANDARD_KEYS = ("model", "version", "segment", "day", "month")
TOKEN_OUT = ("input_tokens", "cached_tokens", "cache_write_tokens", "output_tokens")
_F53 = 2 ** 53
_LIMB = 21


# -- exact integer group sums ----------------------------------------------------------
def _bincount_exact(key: np.ndarray, w: np.ndarray | None, nb: int) -> np.ndarray:
    """Per-bin sums of non-negative int64 ``w``: int64 when they fit, else Python ints (object)."""
    if w is None:
        return np.zeros(nb, dtype=np.int64)
    n = len(w)
    top = int(w.max()) if n else 0
    if top * max(n, 1) < _F53:  # every partial sum is an integer below 2**53: float64 adds exactly
        return np.bincount(key, weights=w, minlength=nb).astype(np.int64)
    mask = (1 << _LIMB) - 1
    total = np.zeros(nb, dtype=object)
    for i in range(3):  # 3 x 21 bits cover 0..2**63; each limb's sums stay below 2**53 for n < 2**32
        limb = (w >> (_LIMB * i)) & mask
        s = np.bincount(key, weights=limb, minlength=nb).astype(np.int64)
        total = total + s.astype(object) * (1 << (_LIMB * i))
    if all(int(x) < 2 ** 63 for x in total):
        return total.astype(np.int64)
    return total


def _partial(ch: Chunk, table: PriceTable, reg: np.ndarray, model: np.ndarray | None,
             extra: np.ndarray | None = None, n_extra: int = 0) -> pd.DataFrame:
    """Integer sums per (regime, [model,] [extra,] day) over the rows not in the sink regime."""
    n_reg = table.sink + 1
    if model is None:
        a = reg.astype(np.int64)
        na = n_reg
    else:
        ns = len(table.specs) + 1
        a = reg.astype(np.int64) * ns + model
        na = n_reg * ns
    if extra is not None:
        a = a * (n_extra + 1) + extra
        na = na * (n_extra + 1)
    if na <= 4 * len(a) + (1 << 20):
        cnt = np.bincount(a, minlength=na)
        used = np.flatnonzero(cnt)
        remap = np.full(na, -1, dtype=np.int64)
        remap[used] = np.arange(len(used))
        ca = remap[a]
        del remap, cnt
    else:
        used, ca = np.unique(a, return_inverse=True)
    del a
    nd = ch.ndays
    key = ca * nd
    key += ch.d_rel
    nb = len(used) * nd
    if nb > 4 * len(key) + (1 << 22):
        ukeys, key = np.unique(key, return_inverse=True)
        nb = len(ukeys)
    else:
        ukeys = None
    rows = np.bincount(key, minlength=nb)
    nz = np.flatnonzero(rows)
    cols = {"rows": rows[nz].astype(np.int64)}
    for name, arr in (("input_tokens", ch.inp), ("cached_tokens", ch.cached), ("cache_write_tokens", ch.cw),
                      ("output_tokens", ch.out)):
        cols[name] = _bincount_exact(key, arr, nb)[nz]
    del key
    full = ukeys[nz] if ukeys is not None else nz
    a_val = used[full // nd]
    day = (full % nd) + ch.dmin
    if extra is not None:
        ex = a_val % (n_extra + 1)
        a_val = a_val // (n_extra + 1)
    if model is None:
        r = a_val
        mod = np.asarray(table.reg_spec)[np.minimum(r, table.sink)]
    else:
        ns = len(table.specs) + 1
        r, mod = a_val // ns, a_val % ns
    frame = {"reg": r.astype(np.int64), "model": mod.astype(np.int64), "day": day.astype(np.int64)}
    if extra is not None:
        frame["extra"] = ex.astype(np.int64)
    frame.update(cols)
    out = pd.DataFrame(frame)
    return out[out["reg"] < table.sink].reset_index(drop=True)


def combine_partials(parts: Sequence[pd.DataFrame], keys: Sequence[str] = ("reg", "model", "day")) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame({c: pd.Series([], dtype=np.int64) for c in [*keys, "rows", *TOKEN_OUT]})
    if len(parts) == 1:
        return parts[0]
    df = pd.concat(parts, ignore_index=True)
    vals = ["rows", *TOKEN_OUT]
    safe = all(df[c].dtype != object and (len(df) * int(df[c].max() or 0)) < 2 ** 63 for c in vals)
    if not safe:
        df[vals] = df[vals].astype(object)
    return df.groupby(list(keys), sort=True, as_index=False)[vals].sum()


# -- regime assignment ----------------------------------------------------------------------
def _spec_rows(ch: Chunk, table: PriceTable) -> np.ndarray:
    """Spec index per row (len(specs) for unknown/missing models), marking unknown names."""
    n_specs = len(table.specs)
    lut = np.full(len(ch.names) + 1, n_specs, dtype=np.int32)  # last slot: code -1
    for i, name in enumerate(ch.names):
        if not name.strip():
            continue
        try:
            lut[i] = table.spec_index(name)
        except UnknownModelError as exc:
            rows = ch.codes == i
            ch.mark(rows, str(exc))
    codes = ch.codes
    return lut[np.where(codes < 0, len(ch.names), codes)] if (codes < 0).any() else lut[codes]


def _mark_segments(ch: Chunk, table: PriceTable, seg: np.ndarray, segs: np.ndarray, label: str) -> None:
    reason = np.zeros(len(table.segments) + 1, dtype=np.int16)
    for s in segs:
        if s >= len(table.segments):
            continue
        sg = table.segments[s]
        spec = table.specs[sg.spec]
        when = "before any price" if sg.start_ns == np.iinfo(np.int64).min else \
            f"from {_from_ns(sg.start_ns):%Y-%m-%d %H:%M} UTC"
        if sg.status == SEG_NO_PRICE:
            text = (f"{label}no official or promotional price of {spec!r} is in effect then ({when}); "
                    f"versions: {', '.join(v.id for v in table.catalog.versions(table.spec_model[sg.spec]))}")
        elif sg.status == SEG_NO_FX:
            v = sg.res.version  # type: ignore[union-attr]
            text = f"{label}no recorded {v.currency}->USD exchange rate for {sg.res.label} ({when})"  # type: ignore
        else:
            continue
        reason[s] = ch.reasons.code(text)
    codes = reason[seg]
    ch.bad[:] = np.where((ch.bad == 0) & (codes != 0), codes, ch.bad)


def assign(ch: Chunk, table: PriceTable, target: int | None = None, label: str = "") -> np.ndarray:
    """Regime id per row (``table.sink`` for bad rows). ``target``: price every row as that spec."""
    G = len(table.breaks)
    g = table.day_lut(ch.dmin, ch.dmin + ch.ndays - 1)[ch.d_rel] if ch.n else np.zeros(0, np.int32)
    mixed = np.flatnonzero(g < 0)
    if len(mixed):
        g[mixed] = np.searchsorted(table.breaks, ch.ts[mixed], side="right") - 1
    if target is None:
        spec = _spec_rows(ch, table)
        flat = table.seg_of.ravel()
        idx = spec * np.int32(G)
        del spec
        idx += g
        seg = flat[idx]
        del idx
    else:
        seg = table.seg_of[target][g]
    del g
    n_seg = len(table.segments)
    counts = np.bincount(seg, minlength=n_seg + 1)
    used = np.flatnonzero(counts[:n_seg])
    status = table.seg_status[used]
    if (status != SEG_OK).any():
        _mark_segments(ch, table, seg, used[status != SEG_OK], label)
    reg = table.seg_base[seg]
    flags = np.bitwise_or.reduce(table.seg_flags[used]) if len(used) else 0
    # context-length tiers
    if flags & 1:
        rows = np.flatnonzero((table.seg_flags & 1).astype(bool)[seg])
        s_t = seg[rows]
        if ch.ctx is not None:
            c = ch.ctx[rows]
            p = np.where(c >= 0, c, ch.inp[rows])
            unknown = c < 0
        else:
            p = ch.inp[rows]
            unknown = np.ones(len(rows), dtype=bool)
        tier = np.zeros(len(rows), dtype=np.int32)
        for k in range(table.seg_thresholds.shape[0]):
            tier += p > table.seg_thresholds[k][s_t]
        reg[rows] += tier
        if ch.agg is not None:
            bad_rows = rows[ch.agg[rows] & unknown]
            if len(bad_rows):
                ch.mark(bad_rows, f"{label}the row aggregates several requests (requests != 1) on a price with "
                                  "context-length tiers; give context_tokens (per-request prompt size)")
    # batch
    if ch.batch is not None:
        rows = np.flatnonzero(ch.batch)
        s_b = seg[rows]
        ok = table.seg_has_batch[s_b]
        if not ok.all():
            for s in np.unique(s_b[~ok]):
                sg = table.segments[s] if s < n_seg else None
                if sg is None or sg.res is None:
                    continue
                ch.mark(rows[~ok & (s_b == s)],
                        f"{label}batch row, but no batch discount is recorded for {sg.res.label} then")
        reg[rows[ok]] += table.seg_ntier[s_b[ok]]
    # off-peak windows (live traffic only)
    if flags & 2:
        live = (table.seg_flags & 2).astype(bool)[seg]
        if ch.batch is not None:
            live &= ~ch.batch
        rows = np.flatnonzero(live)
        del live
        s_o = seg[rows]
        tod = ch.ts[rows] - (ch.d_rel[rows].astype(np.int64) + ch.dmin) * DAY_NS
        done = np.zeros(len(rows), dtype=bool)
        for j in range(table.seg_windows.shape[0]):
            st, en = table.seg_windows[j, 0][s_o], table.seg_windows[j, 1][s_o]
            inside = (st >= 0) & ~done & np.where(st < en, (tod >= st) & (tod < en), (tod >= st) | (tod < en))
            hit = rows[inside]
            reg[hit] = table.seg_base[s_o[inside]] + 2 * table.seg_ntier[s_o[inside]] + j
            done |= inside
        if ch.agg is not None:
            bad_rows = rows[ch.agg[rows]]
            if len(bad_rows):
                ch.mark(bad_rows, f"{label}the row aggregates several requests (requests != 1) on a price with "
                                  "off-peak windows: its requests cannot be placed in or out of the window")
    del seg
    return reg


def _missing_rates(ch: Chunk, table: PriceTable, reg: np.ndarray, partial: pd.DataFrame, label: str) -> bool:
    """Mark rows using a component whose rate is unknown in their regime; True if any."""
    found = False
    if not len(partial):
        return False
    by_reg = partial.groupby("reg")[list(TOKEN_OUT)].sum()
    for r, sums in by_reg.iterrows():
        r = int(r)
        fresh = int(sums["input_tokens"]) - int(sums["cached_tokens"]) - int(sums["cache_write_tokens"])
        used = {"input": fresh, "cached_input": int(sums["cached_tokens"]),
                "cache_write": int(sums["cache_write_tokens"]), "output": int(sums["output_tokens"])}
        for c, comp in enumerate(COMPONENTS):
            if used[comp] > 0 and table.reg_rate[r][c] is None:
                in_reg = reg == r
                tok = {"input": None, "cached_input": ch.cached, "cache_write": ch.cw, "output": ch.out}[comp]
                pos = (ch.fresh() if tok is None else tok) > 0
                mask = in_reg & pos
                seg = table.segments[table.reg_segment[r]]
                ch.mark(mask, f"{label}{seg.res.label} has no {comp!r} rate"  # type: ignore[union-attr]
                              f" ({table.reg_label[r]}), but the row uses {comp} tokens")
                found = True
    return found


def price_chunk(ch: Chunk, table: PriceTable, target: int | None, label: str = "",
                excluded: np.ndarray | None = None) -> tuple[np.ndarray, pd.DataFrame]:
    """(regime per row, partial sums) for the original pricing (target None) or one target spec."""
    reg = assign(ch, table, target, label)
    if excluded is not None:
        ch.bad[(ch.bad == 0) & excluded] = -1  # rows the original pricing rejected: not repriced
    bad = ch.bad != 0
    if bad.any():
        reg[bad] = table.sink
    model = None
    if target is not None:
        model = _spec_rows_quiet(ch, table)
    part = _partial(ch, table, reg, model)
    if _missing_rates(ch, table, reg, part, label):
        bad = ch.bad != 0
        reg[bad] = table.sink
        part = _partial(ch, table, reg, model)
    return reg, part


def _spec_rows_quiet(ch: Chunk, table: PriceTable) -> np.ndarray:
    n_specs = len(table.specs)
    lut = np.full(len(ch.names) + 1, n_specs, dtype=np.int64)
    for i, name in enumerate(ch.names):
        try:
            lut[i] = table.spec_index(name)
        except TokencostError:
            pass
    return lut[np.where(ch.codes < 0, len(ch.names), ch.codes)]


# -- Decimal reduction -------------------------------------------------------------------------
def _decimal_costs(partial: pd.DataFrame, table: PriceTable) -> list[Decimal]:
    """Exact USD cost of each partial row."""
    out: list[Decimal] = []
    rates = table.reg_rate
    with localcontext(EXACT):
        for r, i, c, w, o in zip(partial["reg"].tolist(), partial["input_tokens"].tolist(),
                                 partial["cached_tokens"].tolist(), partial["cache_write_tokens"].tolist(),
                                 partial["output_tokens"].tolist()):
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
    return out


def _key_columns(partial: pd.DataFrame, table: PriceTable, keys: Sequence[str],
                 extra_names: Mapping[str, Sequence[Any]] | None = None) -> pd.DataFrame:
    cols: dict[str, Any] = {}
    for k in keys:
        if k == "model":
            names = np.array(table.spec_model + [""], dtype=object)
            cols["model"] = names[partial["model"].to_numpy()]
        elif k == "version":
            if "model" not in keys:
                names = np.array(table.spec_model + [""], dtype=object)
                cols["priced_model"] = np.array([table.regime_model(r) for r in range(table.sink)] + [""],
                                                dtype=object)[partial["reg"].to_numpy()]
                _ = names
            cols["version"] = np.array([table.regime_version(r) for r in range(table.sink)] + [""],
                                       dtype=object)[partial["reg"].to_numpy()]
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


def reduce_partial(partial: pd.DataFrame, table: PriceTable, keys: Sequence[str],
                   extra_names: Mapping[str, Sequence[Any]] | None = None) -> pd.DataFrame:
    """Group a partial by ``keys``: Python-int token sums and an exact Decimal ``cost`` (USD)."""
    costs = _decimal_costs(partial, table)
    kc = _key_columns(partial, table, keys, extra_names)
    group_cols = list(kc.columns)
    acc: dict[tuple[Any, ...], list[Any]] = {}
    vals = [partial[c].tolist() for c in ("rows", *TOKEN_OUT)]
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
    df = pd.DataFrame(rows, columns=[*group_cols, "rows", *TOKEN_OUT, "cost"])
    for c in ("rows", *TOKEN_OUT):
        if len(df) and all(-(2 ** 63) < int(x) < 2 ** 63 for x in df[c]):
            df[c] = df[c].astype(np.int64)
    return df


def _sortable(x: Any) -> tuple[int, Any]:
    return (1, "") if x is None or (isinstance(x, float) and x != x) else (0, x)


# -- the result -------------------------------------------------------------------------------
@dataclass
class _RowData:
    """What a pandas (in-memory) result keeps to build ``rows`` and ``by(<other column>)`` later."""

    frame: pd.DataFrame  # canonical frame
    chunk: Chunk
    reg: np.ndarray


@dataclass
class UsageCost:
    """The cost of a usage log: exact totals, groupings, per-row costs, and rejected rows.

    * ``total``: exact Decimal, USD, over the accepted rows only.
    * ``by(key)``: a DataFrame per ``"model"``, ``"version"``, ``"segment"``, ``"day"``,
      ``"month"`` (or a list of them; for in-memory pandas logs also any other column),
      with integer token sums and an exact Decimal ``cost``. With ``reprice_as``, one more
      Decimal column per target, ``cost_as_<target>``.
    * ``rows``: the accepted rows with ``version``, ``segment`` and a float ``cost`` (USD;
      display only, relative error <= 8e-16); a lazy Dask frame for Dask input.
    * ``rejected``: every row left out, with its ``reason``; ``excluded_rows`` counts them.
    * ``repriced[target]``: a full :class:`UsageCost` for the same log priced as ``target``
      (by the version of ``target`` in effect at each row's time). It covers the rows this
      result accepted; rows the target cannot price are in its own ``rejected``.
    """

    table: PriceTable
    partial: pd.DataFrame
    n_rows: int
    rejected: pd.DataFrame
    label: str | None = None  # the reprice target, None for the log's own models
    repriced: dict[str, UsageCost] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    source: str = "canonical"
    _rowdata: _RowData | None = None
    _dask_rows: Any = None
    _total: Decimal | None = None
    currency: str = "USD"

    @property
    def excluded_rows(self) -> int:
        return len(self.rejected)

    @property
    def accepted_rows(self) -> int:
        return self.n_rows - self.excluded_rows

    @property
    def total(self) -> Decimal:
        if self._total is None:
            with localcontext(EXACT):
                self._total = sum(_decimal_costs(self.partial, self.table), ZERO)
        return self._total

    def rounded(self, places: int = 2) -> Decimal:
        return self.total.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

    def by(self, key: str | Sequence[str]) -> pd.DataFrame:
        keys = [key] if isinstance(key, str) else list(key)
        if not keys:
            raise UsageLogError("by() needs at least one key")
        other = [k for k in keys if k not in STANDARD_KEYS]
        if other:
            df = self._by_columns(keys, other)
        else:
            df = reduce_partial(self.partial, self.table, keys)
        if self.repriced:
            gcols = [c for c in df.columns if c not in ("rows", *TOKEN_OUT, "cost")]
            gkeys = [k for k in keys if k not in ("version", "segment")]
            for name, rc in self.repriced.items():
                other_df = rc.by(gkeys) if gkeys else None
                col = f"cost_as_{name}"
                if other_df is None:
                    df[col] = rc.total
                    continue
                m = dict(zip(map(tuple, other_df[gkeys].itertuples(index=False, name=None)), other_df["cost"]))
                df[col] = [m.get(tuple(r), ZERO) for r in df[gkeys].itertuples(index=False, name=None)]
                if set(gcols) - set(gkeys):
                    df[col] = None  # a target has its own versions/segments: compare by model/day/month
            if any(k in ("version", "segment") for k in keys):
                for name in self.repriced:
                    df = df.drop(columns=[f"cost_as_{name}"])
        return df

    def _by_columns(self, keys: list[str], other: list[str]) -> pd.DataFrame:
        rd = self._rowdata
        if rd is None:
            raise UsageLogError(f"grouping by {other} needs the rows in memory; for Dask or streamed logs "
                                f"group by {list(STANDARD_KEYS)}")
        missing = [k for k in other if k not in rd.frame.columns]
        if missing:
            raise UsageLogError(f"cannot group by {missing}: no such column; keys are {list(STANDARD_KEYS)} "
                                f"or a column of the log ({', '.join(map(str, rd.frame.columns[:15]))})")
        if len(other) == 1:
            codes, uniq = pd.factorize(rd.frame[other[0]], use_na_sentinel=True)
            names = {other[0]: list(uniq)}
        else:
            codes, uniq = pd.factorize(pd.MultiIndex.from_frame(rd.frame[other]), use_na_sentinel=True)
            names = {"__multi__": list(uniq)}
        n_extra = len(uniq)
        codes = np.where(codes < 0, n_extra, codes).astype(np.int64)
        model = None
        if self.label is not None:
            model = _spec_rows_quiet(rd.chunk, self.table)
        part = _partial(rd.chunk, self.table, rd.reg, model, codes, n_extra)
        if len(other) == 1:
            return reduce_partial(part, self.table, keys, names)
        keys2 = [k if k not in other else "__multi__" for k in keys]
        keys2 = list(dict.fromkeys(keys2))
        df = reduce_partial(part, self.table, keys2, names)
        split = pd.DataFrame([list(t) if isinstance(t, tuple) else [None] * len(other) for t in df["__multi__"]],
                             columns=other)
        df = df.drop(columns=["__multi__"])
        pos = keys2.index("__multi__")
        for j, c in enumerate(other):
            df.insert(pos + j, c, split[c])
        return df

    @property
    def rows(self) -> Any:
        if self._dask_rows is not None:
            return self._dask_rows
        rd = self._rowdata
        if rd is None:
            raise UsageLogError("per-row costs are only kept for in-memory logs (cost_usage on a DataFrame)")
        return row_frame(rd.frame, rd.chunk, rd.reg, self.table)

    def summary(self) -> str:
        who = f" priced as {self.label}" if self.label else ""
        s = (f"{self.n_rows:,} rows{who}: total {self.rounded()} USD (exact {self.total.normalize():f})")
        if self.excluded_rows:
            s += f"; EXCLUDES {self.excluded_rows:,} rejected row(s) (see .rejected)"
        return s

    def __str__(self) -> str:
        lines = [self.summary()]
        for name, rc in self.repriced.items():
            lines.append("  as " + rc.summary())
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


def row_frame(frame: pd.DataFrame, ch: Chunk, reg: np.ndarray, table: PriceTable) -> pd.DataFrame:
    """The accepted rows with ``version``, ``segment`` and float ``cost`` (USD)."""
    f = table.reg_float
    cost = np.take(f[3], reg) * ch.out
    fresh = ch.fresh()
    cost += np.take(f[0], reg) * fresh
    del fresh
    if ch.cached is not None:
        cost += np.take(f[1], reg) * ch.cached
    if ch.cw is not None:
        cost += np.take(f[2], reg) * ch.cw
    vlabels = [f"{table.regime_version(r)}" for r in range(table.sink)]
    vcats = list(dict.fromkeys(vlabels))
    vcode = np.array([vcats.index(v) for v in vlabels] + [-1], dtype=np.int32)
    scats = list(dict.fromkeys(table.reg_label))
    scode = np.array([scats.index(s) for s in table.reg_label] + [-1], dtype=np.int32)
    out = frame.drop(columns=[REJECT_COL], errors="ignore").copy(deep=False)
    out["version"] = pd.Categorical.from_codes(vcode[reg], categories=vcats)
    out["segment"] = pd.Categorical.from_codes(scode[reg], categories=scats)
    out["cost"] = cost
    good = ch.bad == 0
    if not good.all():
        out = out[good]
    return out


# -- errors -----------------------------------------------------------------------------------
@dataclass
class BadSummary:
    """Counts and first few row labels per reason (enough to raise a helpful error)."""

    counts: dict[str, int] = field(default_factory=dict)
    first: dict[str, list[Any]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    def add(self, reason: str, count: int, labels: Sequence[Any]) -> None:
        if reason not in self.counts:
            self.counts[reason], self.first[reason] = 0, []
            self.order.append(reason)
        self.counts[reason] += count
        room = 5 - len(self.first[reason])
        if room > 0:
            self.first[reason].extend(list(labels[:room]))

    def merge(self, other: BadSummary) -> None:
        for r in other.order:
            self.add(r, other.counts[r], other.first[r])

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def error(self, prefix: str = "") -> UsageLogError:
        first = self.order[0]
        n = self.counts[first]
        rest = self.total - n
        msg = prefix + first
        if rest:
            msg += (f" (and {rest} more bad row(s) for {len(self.order) - 1} other reason(s), e.g. "
                    f"{self.order[1]!r}; errors='report' lists them all)")
        err = UsageLogError(msg, rows=self.first[first], count=n)
        err.reasons = dict(self.counts)  # type: ignore[attr-defined]
        return err


def bad_rows(ch: Chunk, frame: pd.DataFrame, *, keep_frame: bool, only_new: bool = False
             ) -> tuple[BadSummary, pd.DataFrame | None]:
    """Summarize the chunk's bad rows; with ``keep_frame`` also the rejected rows of ``frame``."""
    summ = BadSummary()
    codes = ch.bad
    mask = codes > 0 if only_new else codes != 0
    if not mask.any():
        return summ, (frame.iloc[0:0].assign(reason=pd.Series([], dtype=object)) if keep_frame else None)
    pos = np.flatnonzero(mask)
    sub = codes[pos]
    for code in pd.unique(sub):
        if code <= 0:
            continue
        p = pos[sub == code]
        summ.add(ch.reasons.texts[code], len(p), [_label(x) for x in ch.index[p[:5]]])
    rej = None
    if keep_frame:
        texts = np.array(ch.reasons.texts, dtype=object)
        rej = frame.iloc[pos].copy()
        rej["reason"] = [texts[c] if c > 0 else "rejected by the log's own pricing" for c in sub]
    return summ, rej


def _label(x: Any) -> Any:
    return x.item() if hasattr(x, "item") else x


# -- entry point ------------------------------------------------------------------------------
def _targets(cat: Catalog, reprice_as: str | Iterable[str] | None) -> list[str]:
    if reprice_as is None:
        return []
    items = [reprice_as] if isinstance(reprice_as, str) else list(reprice_as)
    out: list[str] = []
    for t in items:
        name, _, vid = t.partition("@")
        mid = cat.model_id(name)  # UnknownModelError with suggestions, before any work
        spec = f"{mid}@{vid}" if vid else mid
        if vid:
            cat.resolve(spec)  # UnknownVersionError early
        if t not in out:
            out.append(t)
        _ = spec
    return out


def _spec_of(cat: Catalog, t: str) -> str:
    name, _, vid = t.partition("@")
    mid = cat.model_id(name)
    return f"{mid}@{vid}" if vid else mid


@dataclass
class ChunkResult:
    """What one chunk/partition contributes: partial sums, bad-row summaries, rejected rows."""

    n: int
    partials: dict[str | None, pd.DataFrame]
    bad: dict[str | None, BadSummary]
    rejected: dict[str | None, pd.DataFrame | None]
    rowdata: _RowData | None = None
    target_regs: dict[str, np.ndarray] = field(default_factory=dict)


def process_frame(df: pd.DataFrame, table: PriceTable, targets: Sequence[str], *, columns: Any,
                  assume_utc: bool, keep_rejected: bool, keep_rows: bool) -> ChunkResult:
    """Validate and price one frame under the original models and every target."""
    canon, _ = to_canonical(df, columns)
    ch = make_chunk(canon, assume_utc=assume_utc)
    reg, part = price_chunk(ch, table, None)
    report_frame = df if len(df.columns) else canon
    summ, rej = bad_rows(ch, report_frame, keep_frame=keep_rejected)
    res = ChunkResult(n=ch.n, partials={None: part}, bad={None: summ}, rejected={None: rej})
    if keep_rows:
        res.rowdata = _RowData(canon, ch, reg)
    if targets:
        base_bad = ch.bad.copy()
        base_reasons = ch.reasons
        excluded = base_bad != 0
        for t in targets:
            spec = _spec_of(table.catalog, t)
            ti = table.specs.index(spec)
            tch = Chunk(**{**ch.__dict__, "bad": np.zeros(ch.n, dtype=np.int16)})
            from .arrays import Reasons
            tch.reasons = Reasons()
            treg, tpart = price_chunk(tch, table, ti, f"as {t}: ", excluded=excluded)
            tsumm, trej = bad_rows(tch, report_frame, keep_frame=keep_rejected, only_new=True)
            if keep_rejected and rej is not None and len(rej):
                trej = pd.concat([rej, trej]) if trej is not None and len(trej) else rej
            res.partials[t], res.bad[t], res.rejected[t] = tpart, tsumm, trej
            if keep_rows:
                res.target_regs[t] = (treg, tch)  # type: ignore[assignment]
        ch.reasons = base_reasons
    return res


def finish(results: Sequence[ChunkResult], table: PriceTable, targets: Sequence[str], *, errors: str,
           source: str, rejected_frames: dict[str | None, list[pd.DataFrame]] | None = None,
           dask_rows: Any = None) -> UsageCost:
    n = sum(r.n for r in results)
    summaries: dict[str | None, BadSummary] = {}
    for key in [None, *targets]:
        s = BadSummary()
        for r in results:
            s.merge(r.bad[key])
        summaries[key] = s
    if errors == "raise":
        for key in [None, *targets]:
            if summaries[key].total:
                raise summaries[key].error("" if key is None else f"repricing as {key}: ")

    def rejected_for(key: str | None) -> pd.DataFrame:
        frames = [r.rejected[key] for r in results if r.rejected.get(key) is not None]
        if rejected_frames is not None:
            frames += rejected_frames.get(key, [])
        frames = [f for f in frames if f is not None]
        if not frames:
            return pd.DataFrame({"reason": pd.Series([], dtype=object)})
        nonempty = [f for f in frames if len(f)]
        return pd.concat(nonempty) if nonempty else frames[0]

    main = UsageCost(table=table, partial=combine_partials([r.partials[None] for r in results]), n_rows=n,
                     rejected=rejected_for(None), source=source)
    if len(results) == 1 and results[0].rowdata is not None:
        main._rowdata = results[0].rowdata
    main._dask_rows = dask_rows
    for t in targets:
        rc = UsageCost(table=table, partial=combine_partials([r.partials[t] for r in results]), n_rows=n,
                       rejected=rejected_for(t), label=t, source=source)
        if len(results) == 1 and results[0].rowdata is not None and t in results[0].target_regs:
            treg, tch = results[0].target_regs[t]  # type: ignore[misc]
            rc._rowdata = _RowData(results[0].rowdata.frame, tch, treg)
        extra = summaries[t].total
        if extra:
            main.notes.append(f"repricing as {t} leaves out {extra:,} more row(s) that {t} cannot price "
                              f"(see .repriced[{t!r}].rejected); its totals cover fewer rows")
        main.repriced[t] = rc
    if summaries[None].total:
        main.notes.insert(0, f"{summaries[None].total:,} row(s) rejected and excluded from every total "
                             f"(see .rejected)")
    return main


def cost_usage(df: Any, catalog: Catalog | None = None, *, reprice_as: str | Iterable[str] | None = None,
               errors: str = "raise", columns: str | Mapping[str, str] | None = None,
               assume_utc: bool = False) -> UsageCost:
    """Price a usage log row by row at the prices in effect at each row's timestamp.

    ``df``: a pandas DataFrame, or a ``dask.dataframe.DataFrame`` (computed per partition,
    with the active Dask scheduler, and combined exactly). ``columns``: ``"auto"`` (default),
    ``"canonical"``, ``"openai"``, ``"anthropic"``, ``"litellm"``, ``"plain"``, or a dict
    ``{canonical_name: your_column}``. ``reprice_as``: a model (or ``MODEL@VERSION``) or a
    list; each gets a :class:`UsageCost` in ``.repriced``. ``errors="raise"`` raises
    :class:`~tokencost.errors.UsageLogError` naming the first bad rows and their count;
    ``errors="report"`` leaves them out of every total and lists them in ``.rejected``.
    """
    if errors not in ("raise", "report"):
        raise UsageLogError(f"errors must be 'raise' or 'report', not {errors!r}")
    cat = catalog or load_catalog()
    targets = _targets(cat, reprice_as)
    pins = tuple(_spec_of(cat, t) for t in targets if "@" in t)
    table = price_table(cat, pins)
    if type(df).__module__.startswith("dask"):
        from .dask import cost_usage_dask
        return cost_usage_dask(df, table, targets, errors=errors, columns=columns, assume_utc=assume_utc)
    if not isinstance(df, pd.DataFrame):
        raise UsageLogError(f"cost_usage takes a pandas or Dask DataFrame, not {type(df).__name__}; "
                            "read files with tc.read_usage(path)")
    source = to_canonical(df.iloc[0:0], columns)[1] if len(df.columns) else "canonical"
    res = process_frame(df, table, targets, columns=columns, assume_utc=assume_utc,
                        keep_rejected=errors == "report", keep_rows=True)
    return finish([res], table, targets, errors=errors, source=source)
