"""Bin rows once, price bins many times.

Every row gets one integer *bin key* that captures everything its price can depend
on, and nothing about which model it is priced as::

    key = ((((code * ndays + day) * S + sub) * B + mode) * A + agg) * T + tier_bucket) * W + tod_bucket

* ``code``: the row's model name (category code); ``day``: its UTC day;
* ``sub``: which piece of the day, for the few days containing a price change;
* ``mode``: the row's service tier (0 standard, 1 batch, 2 flex, ...; ``chunks.MODES``);
* ``tier_bucket``: prompt size against every context-tier threshold in play;
* ``tod_bucket``: time of day against every off-peak window boundary in play.

Integer token sums per bin are computed once (``numpy.bincount``, exact; see
``_bincount_exact``). Pricing then maps each *bin* (tens of thousands, not millions
of rows) to a regime of the price table: for the log's own models, and again for
every ``reprice_as`` target, at almost no extra cost. Rows go back to the row level
only to name bad rows and to build the per-row ``cost`` column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._pricing import rule
from .._time import DAY_TICKS, TICKS_PER_SECOND, fmt_instant, from_ticks, to_ticks
from ..errors import TokencostError, UnmodelledDiscountError
from .chunks import MODES, Chunk
from .columns import INPUT_PARTS, OUTPUT_PARTS, TOKEN_COLUMNS, UNIT_COLUMNS
from .price_table import INT64_MIN, PRICED_UNITS, SEG_NO_FX, SEG_NO_PRICE, SEG_OK, PriceTable
from .rejected import ROW_TIME

__all__ = ["Binned", "bin_chunk", "bincount_exact", "Priced", "price_bins", "row_regimes", "exclude_rows",
           "relevant_specs", "summed_columns", "unit_sums"]
_F53 = 2**53
_LIMB = 21


def bincount_exact(key: np.ndarray, w: np.ndarray | None, nb: int, sink: int | None = None) -> np.ndarray:
    """Per-bin sums of int64 ``w``, non-negative in every bin but ``sink`` (whose sum is not read and
    may be anything): int64 when they fit, else Python ints (object).

    float64 ``bincount`` is exact while every partial sum is an integer below 2**53. A bin whose float
    sum ends below 2**53 had every partial sum there (non-negative terms: once a rounded sum reaches
    2**53 it stays at or above it), so checking the few bin sums replaces a pass over ``w``. Otherwise
    ``w`` is split into three 21-bit limbs whose sums stay exact (for fewer than 2**32 rows) and are
    recombined as Python ints.
    """
    if w is None:
        return np.zeros(nb, dtype=np.int64)
    fast = np.bincount(key, weights=w, minlength=nb)
    if sink is not None:
        fast[sink] = 0
    if not len(fast) or fast.max() < _F53:
        return fast.astype(np.int64)
    mask = (1 << _LIMB) - 1
    total = np.zeros(nb, dtype=object)
    for i in range(3):
        limb = (w >> (_LIMB * i)) & mask
        s = np.bincount(key, weights=limb, minlength=nb).astype(np.int64)
        total = total + s.astype(object) * (1 << (_LIMB * i))
    if sink is not None:
        total[sink] = 0
    if all(int(x) < 2**63 for x in total):
        return total.astype(np.int64)
    return total


_BLOCK = 1 << 18  # rows per block of the per-bin sums (see _block_sums)


def _block_sums(
    key: np.ndarray, cols: list[tuple[str, np.ndarray | None]], nb: int, sink: int
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Rows and column sums per bin (as :func:`bincount_exact`), a block of rows at a time.

    ``bincount`` converts the keys to intp and the weights to float64 before counting; over a
    whole 10M-row log those copies go to memory and back, and they cost as much as the counting.
    A block's copies stay in the CPU cache for every column. Worth it while the per-bin arrays
    (zeroed and added once per block and column) are small next to a block.
    """
    n = len(key)
    rows = np.zeros(nb, dtype=np.int64)
    acc = {name: np.zeros(nb) for name, arr in cols if arr is not None}
    for i in range(0, n, _BLOCK):
        k = key[i : i + _BLOCK].astype(np.intp, copy=False)
        rows += np.bincount(k, minlength=nb)
        for name, arr in cols:
            if arr is not None:
                acc[name] += np.bincount(k, weights=arr[i : i + _BLOCK], minlength=nb)
    out: dict[str, np.ndarray] = {}
    wide: np.ndarray | None = None
    for name, arr in cols:
        if arr is None:
            out[name] = np.zeros(nb, dtype=np.int64)
            continue
        fast = acc.pop(name)
        fast[sink] = 0
        if not len(fast) or fast.max() < _F53:  # exact: see bincount_exact (any order of additions)
            out[name] = fast.astype(np.int64)
        else:
            wide = key.astype(np.intp) if wide is None else wide
            out[name] = bincount_exact(wide, arr, nb, sink)
    return rows, out


def _sub(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a - b if a.dtype != object and b.dtype != object else a.astype(object) - b.astype(object)


def summed_columns(ch: Chunk) -> list[tuple[str, np.ndarray | None]]:
    """(column, per-row counts) summed per bin: the classic four always, other units only if the log has them."""
    out = [*zip(TOKEN_COLUMNS, (ch.inp, ch.cached, ch.cw, ch.out)), *ch.extra.items()]
    return out if ch.nreq is None else [*out, ("requests", ch.nreq)]


def unit_sums(sums: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Per-bin counts of each priced unit present (pricing rule names), from the column sums: fresh
    input and text output have every part counted inside them taken out (request_cost's convention)."""
    fresh = _sub(sums["input_tokens"], sums["cached_tokens"])
    fresh = _sub(fresh, sums["cache_write_tokens"])
    text_out = sums["output_tokens"]
    for c in INPUT_PARTS:
        if c in sums:
            fresh = _sub(fresh, sums[c])
    for c in OUTPUT_PARTS:
        if c in sums:
            text_out = _sub(text_out, sums[c])
    out = {"input": fresh, "cached_input": sums["cached_tokens"], "cache_write": sums["cache_write_tokens"],
           "output": text_out}
    out.update({u: sums[c] for c, u in UNIT_COLUMNS.items() if c in sums})
    return out


@dataclass
class Binned:
    """Bin keys per row and exact integer sums per non-empty bin (rows the log rejected excluded)."""

    key: np.ndarray  # int32 (int64 if the bins need it) per row; ``sink`` for rejected rows
    sink: int
    dims: tuple[int, ...]  # (codes, ndays, S, B, A, T, W)
    thresholds: np.ndarray  # tier bucket b covers prompt sizes (T[b-1], T[b]]
    bounds: np.ndarray  # tod bucket w covers [W[w-1], W[w]) (ns of day)
    gs_day: np.ndarray  # first global break interval of each day
    bins: np.ndarray  # non-empty bin ids (excluding the sink)
    sums: dict[str, np.ndarray]  # rows + summed_columns, aligned with ``bins``

    def decode(self) -> dict[str, np.ndarray]:
        K, nd, S, B, A, T, W = self.dims
        q = self.bins
        q, w = np.divmod(q, W)
        q, t = np.divmod(q, T)
        q, a = np.divmod(q, A)
        q, b = np.divmod(q, B)
        q, s = np.divmod(q, S)
        code, day = np.divmod(q, nd)
        return {"code": code, "day": day, "sub": s, "mode": b, "agg": a, "tb": t, "wb": w}

    def drop(self, keep: np.ndarray) -> None:
        self.bins = self.bins[keep]
        self.sums = {k: v[keep] for k, v in self.sums.items()}

    def subtract(self, ch: Chunk, rows: np.ndarray) -> dict[str, np.ndarray]:
        """Sums per bin (aligned with ``bins``) of a subset of rows."""
        k = self.key[rows]
        pos = np.searchsorted(self.bins, k)
        pos = np.minimum(pos, len(self.bins) - 1) if len(self.bins) else pos
        nb = len(self.bins)
        out = {"rows": np.bincount(pos, minlength=nb).astype(np.int64)}
        for name, arr in summed_columns(ch):
            out[name] = bincount_exact(pos, None if arr is None else arr[rows], nb)
        return out


def relevant_specs(ch: Chunk, spec_of_code: np.ndarray, targets: list[int], n_specs: int) -> list[int]:
    present = {int(s) for s in spec_of_code if 0 <= s < n_specs}
    return sorted(present | set(targets))


def bin_chunk(ch: Chunk, table: PriceTable, spec_of_code: np.ndarray, specs: list[int]) -> Binned:
    """Bin every row of ``ch`` (see the module docstring). ``specs``: the specs that may price it."""
    n = ch.n
    K = len(ch.names) + 1  # last code: model missing
    nd = ch.ndays
    d0, d1 = ch.dmin, ch.dmin + nd - 1
    days = np.arange(d0, d1 + 1, dtype=np.int64)
    breaks = table.breaks
    gs_day = (np.searchsorted(breaks, days * DAY_TICKS, side="right") - 1).astype(np.int64)
    ge_day = np.searchsorted(breaks, days * DAY_TICKS + (DAY_TICKS - 1), side="right") - 1
    S = int((ge_day - gs_day).max()) + 1 if nd else 1
    # thresholds and window boundaries of every segment these specs can reach in these days
    if nd and specs:
        lo, hi = int(gs_day.min()), int(ge_day.max())
        segs = np.unique(table.seg_of[np.asarray(specs, dtype=np.int64)][:, lo : hi + 1].ravel())
    else:
        segs = np.zeros(0, dtype=np.int64)
    thr = table.seg_thresholds[:, segs] if len(segs) else np.zeros((0, 0), np.int64)
    T_vals = np.unique(thr[thr < np.iinfo(np.int64).max]) if thr.size else np.zeros(0, np.int64)
    win = table.seg_windows[:, :, segs] if len(segs) else np.zeros((0, 2, 0), np.int64)
    W_vals = np.unique(win[win > 0]) if win.size else np.zeros(0, np.int64)  # 0 is always a bucket start
    T = len(T_vals) + 1
    W = len(W_vals) + 1
    B = int(ch.mode.max()) + 1 if ch.mode is not None else 1
    A = 3 if ch.agg is not None else 1
    M = B * A * T * W
    nb = K * nd * S * M
    if nb >= 2**62:
        raise TokencostError("usage log too varied to bin (too many models x days x price pieces)")
    # key = code * nd + day ...: int32 when it fits (half the memory of int64), built a block of rows
    # at a time so that every temporary of a block stays in the CPU cache
    acc = np.int32 if nb + 1 < 2**31 else np.int64
    small = np.int8 if M < 128 else (np.int16 if M < 2**15 else np.int32)
    sink = nb
    missing = bool(ch.codes.size) and int(ch.codes.min()) < 0
    cut_rows = cut_sub = None  # rows on days a price change cuts (few), in row order, and their piece
    if S > 1:
        mixed = np.flatnonzero(ge_day != gs_day)
        if len(mixed) <= 8:
            cut_rows = np.sort(np.concatenate([np.flatnonzero(ch.d_rel == d) for d in mixed]))
        else:
            cut_rows = np.flatnonzero((ge_day != gs_day)[ch.d_rel])
        g = np.searchsorted(breaks, ch.table_ticks(cut_rows), side="right") - 1
        cut_sub = (g - gs_day[ch.d_rel[cut_rows]]).astype(acc)
    # off-peak boundaries are whole microseconds: in nanoseconds, tod >= v*1000 iff floor(tod/1000) >= v
    bounds = [int(v) * ch.per_us for v in W_vals]
    key = np.empty(n, dtype=acc)

    def fill(i: int) -> None:  # one block; its temporaries go when it returns
        sl = slice(i, i + _BLOCK)
        k = key[sl]
        k[...] = ch.codes[sl]
        if missing:
            k[k < 0] = K - 1
        k *= nd
        k += ch.d_rel[sl]
        if cut_rows is not None:
            k *= S
            a, b = np.searchsorted(cut_rows, [i, i + len(k)])
            k[cut_rows[a:b] - i] += cut_sub[a:b]  # type: ignore[index]
        if M > 1:
            k *= M
            m = np.zeros(len(k), dtype=small) if B == 1 else ch.mode[sl].astype(small)  # type: ignore[index]
            if A > 1:
                agg = ch.agg[sl]  # type: ignore[index]
                m *= A
                m += agg
                m += (agg & (ch.ctx[sl] < 0)) if ch.ctx is not None else agg
            if T > 1:
                prompt = ch.inp[sl] if ch.ctx is None else np.where(ch.ctx[sl] >= 0, ch.ctx[sl], ch.inp[sl])
                m *= T
                for v in T_vals:
                    m += (prompt > v).view(np.int8).astype(small, copy=False)
            if W > 1:
                # time of day = ts - the start of the row's day, which d_rel already knows: cheaper
                # than np.remainder, an int64 division of every row
                tod = ch.d_rel[sl].astype(np.int64)
                tod += ch.dmin
                tod *= ch.day_ticks
                np.subtract(ch.ts[sl], tod, out=tod)
                m *= W
                for v in bounds:
                    m += (tod >= v).view(np.int8).astype(small, copy=False)
            k += m
        bad = ch.bad[sl] != 0
        if bad.any():
            k[bad] = sink

    for i in range(0, n, _BLOCK):
        fill(i)
    return _sum_bins(ch, key, sink, (K, nd, S, B, A, T, W), T_vals, W_vals, gs_day)


def _sum_bins(
    ch: Chunk,
    key: np.ndarray,
    sink: int,
    dims: tuple[int, ...],
    T_vals: np.ndarray,
    W_vals: np.ndarray,
    gs_day: np.ndarray,
) -> Binned:
    nb = sink + 1
    if nb <= _BLOCK // 2:
        rows, per_col = _block_sums(key, summed_columns(ch), nb, sink)
        bins = np.flatnonzero(rows[:sink])
        sums = {"rows": rows[bins]}
        sums.update((name, v[bins]) for name, v in per_col.items())
    elif nb <= 4 * len(key) + (1 << 22):
        key = key.astype(np.intp, copy=False)
        rows = np.bincount(key, minlength=nb)
        bins = np.flatnonzero(rows[:sink])
        sums = {"rows": rows[bins].astype(np.int64)}
        for name, arr in summed_columns(ch):
            sums[name] = bincount_exact(key, arr, nb, sink)[bins]
    else:  # sparse: compact the keys first
        key = key.astype(np.intp, copy=False)
        uniq, inv = np.unique(key, return_inverse=True)
        rows = np.bincount(inv, minlength=len(uniq))
        keep = uniq < sink
        bins = uniq[keep]
        sums = {"rows": rows[keep].astype(np.int64)}
        last = len(uniq) - 1 if len(uniq) and uniq[-1] == sink else None
        for name, arr in summed_columns(ch):
            sums[name] = bincount_exact(inv, arr, len(uniq), last)[keep]
    return Binned(
        key=key,
        sink=sink,
        dims=dims,
        thresholds=T_vals,
        bounds=W_vals,
        gs_day=gs_day,
        bins=bins.astype(np.int64),
        sums=sums,
    )


@dataclass
class Priced:
    """One pricing (the log's own models, or one target) of a binned chunk."""

    reg: np.ndarray  # regime per bin of ``binned.bins`` (table.sink where the whole bin is rejected)
    bin_reason: np.ndarray  # reason code per bin (0 = fine)
    sums: dict[str, np.ndarray]  # accepted sums per bin
    model: np.ndarray  # spec index of the row's own model, per bin
    day: np.ndarray  # days since epoch, per bin
    bad_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # positions, rejected here
    bad_codes: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int16))

    def partial(self, sink: int) -> pd.DataFrame:
        keep = self.reg < sink
        df = pd.DataFrame(
            {
                "reg": self.reg[keep].astype(np.int64),
                "model": self.model[keep].astype(np.int64),
                "day": self.day[keep].astype(np.int64),
                **{k: v[keep] for k, v in self.sums.items()},
            }
        )
        keep2 = df["rows"].to_numpy() > 0
        df = df[keep2]
        if len(df) and df.duplicated(["reg", "model", "day"]).any():
            vals = list(self.sums)
            if any(df[c].dtype == object for c in vals):
                df[vals] = df[vals].astype(object)
            df = df.groupby(["reg", "model", "day"], sort=True, as_index=False)[vals].sum()
        return df.reset_index(drop=True)


def _time_of_day(ns: int) -> dt.time:
    sec, us_rest = divmod(ns, TICKS_PER_SECOND)
    h, rem = divmod(sec, 3600)
    return dt.time(h, rem // 60, rem % 60, us_rest)


def _no_price_why(table: PriceTable, spec_idx: int, start_tick: int) -> str:
    """Where a priceless stretch lies among the model's versions: before the first, between two, after."""
    spec = table.specs[spec_idx]
    if "@" in spec:  # a pinned version: only its own dates count
        v = table.catalog.resolve(spec).version
        return f"{spec} is in effect {fmt_instant(v.start)}..{fmt_instant(v.end) if v.end else 'open'}"
    priced = [v for v in table.catalog.versions(table.spec_model[spec_idx])
              if v.status in ("official", "promotional")]
    if not priced:
        listed = ", ".join(f"{v.id} ({v.status})" for v in table.catalog.versions(table.spec_model[spec_idx]))
        return f"it has none at any time (versions: {listed or 'none'})"
    first = min(priced, key=lambda v: v.start)
    if start_tick < to_ticks(first.start):
        if not first.effective_from_known:  # its date is evidence, not a start: say so rather than imply one
            return (f"the row is before its first version, {first.id} ({first.status}), whose start is unknown: "
                    f"it is evidenced only from {fmt_instant(first.start)} on")
        return f"the row is before its first version, {first.id} ({first.status}, from {fmt_instant(first.start)})"
    ended = max((v for v in priced if v.end is not None and to_ticks(v.end) <= start_tick), key=lambda v: v.end,
                default=None)
    later = min((v for v in priced if to_ticks(v.start) > start_tick), key=lambda v: v.start, default=None)
    out = f"{ended.id} ended {fmt_instant(ended.end)}" if ended is not None and ended.end else "between versions"
    if later is not None and not later.effective_from_known:
        return out + f" and {later.id}'s start is unknown (evidenced from {fmt_instant(later.start)} on)"
    return out + (f" and {later.id} starts {fmt_instant(later.start)}" if later is not None else "")


def _segment_reason(ch: Chunk, table: PriceTable, s: int, label: str) -> int:
    sg = table.segments[s] if s < len(table.segments) else None
    if sg is None:
        return 0
    spec = table.specs[sg.spec]
    when = (
        "before any price" if sg.start_tick == INT64_MIN else f"from {from_ticks(sg.start_tick):%Y-%m-%d %H:%M} UTC"
    )
    if sg.status == SEG_NO_PRICE:
        return ch.reasons.code(f"{label}no official or promotional price of {spec!r} {ROW_TIME}: "
                               + _no_price_why(table, sg.spec, sg.start_tick))
    if sg.status == SEG_NO_FX:
        v = sg.res.version  # type: ignore[union-attr]
        return ch.reasons.code(
            f"{label}no recorded {v.currency}->USD exchange rate for {sg.res.label} ({when})"
        )  # type: ignore[union-attr]
    return 0


def price_bins(
    ch: Chunk,
    bn: Binned,
    table: PriceTable,
    spec_of_code: np.ndarray | None,
    target: int | None,
    label: str = "",
) -> Priced:
    """Regime of every bin for the log's models (``target`` None) or for one target spec."""
    d = bn.decode()
    n_specs = len(table.specs)
    own = spec_of_code[d["code"]] if spec_of_code is not None else np.full(len(bn.bins), n_specs)
    own = np.where(own < 0, n_specs, own)
    spec = own if target is None else np.full(len(bn.bins), target, dtype=np.int64)
    g = bn.gs_day[d["day"]] + d["sub"]
    seg = table.seg_of[spec, g]
    reason = np.zeros(len(bn.bins), dtype=np.int16)
    status = table.seg_status[seg]
    for s in np.unique(seg[status != SEG_OK]):
        code = _segment_reason(ch, table, int(s), label)
        reason[(seg == s) & (reason == 0)] = code
    # the regime of each bin comes from the pricing rule, asked once per distinct (segment, prompt
    # bucket, time-of-day bucket, service tier) with a representative of each bucket: the smallest
    # prompt above the bucket's lower threshold, the bucket's first instant of the day
    tb, wb = d["tb"].astype(np.int64), d["wb"].astype(np.int64)
    mode = d["mode"].astype(np.int64)
    n_m = len(MODES)
    n_t, n_w = len(bn.thresholds) + 1, len(bn.bounds) + 1
    combo = ((seg.astype(np.int64) * n_t + tb) * n_w + wb) * n_m + mode
    ok = status == SEG_OK
    uniq, inv = np.unique(np.where(ok, combo, -1), return_inverse=True)
    reg_of = np.full(len(uniq), table.sink, dtype=np.int64)
    why_of = np.zeros(len(uniq), dtype=np.int16)
    for u, key in enumerate(uniq.tolist()):
        if key < 0:
            continue
        rest, m = divmod(key, n_m)
        rest, w_b = divmod(rest, n_w)
        s_i, t_b = divmod(rest, n_t)
        sg = table.segments[s_i]
        regs = sg.regs
        assert regs is not None
        prompt = int(bn.thresholds[t_b - 1]) + 1 if t_b > 0 else 0
        tod = _time_of_day(int(bn.bounds[w_b - 1])) if w_b > 0 else dt.time(0)
        try:
            r = rule.select(regs, prompt_tokens=prompt, time_of_day=tod, service_tier=MODES[m])
        except UnmodelledDiscountError:
            why_of[u] = ch.reasons.code(
                f"{label}batch row, but no batch discount is recorded for {sg.res.label} "  # type: ignore
                f"at the row's time" if m == 1 else
                f"{label}{MODES[m]} row, but no {MODES[m]} tier is recorded for {sg.res.label} "  # type: ignore
                f"at the row's time"
            )
            continue
        reg_of[u] = sg.base + next(i for i, x in enumerate(regs.all) if x is r)
    reg = reg_of[inv]
    reason = np.where(reason == 0, why_of[inv], reason).astype(np.int16)
    agg = d["agg"]
    flags = table.seg_flags[seg]
    agg_tier = (agg == 2) & ((flags & 1) != 0) & (status == SEG_OK)
    if agg_tier.any():
        reason[agg_tier & (reason == 0)] = ch.reasons.code(
            f"{label}the row aggregates several requests (requests != 1) on a price with context-length "
            "tiers; give context_tokens (the per-request prompt size)"
        )
    agg_op = (agg > 0) & ((flags & 2) != 0) & (mode == 0) & (status == SEG_OK)
    if agg_op.any():
        reason[agg_op & (reason == 0)] = ch.reasons.code(
            f"{label}the row aggregates several requests (requests != 1) on a price with off-peak "
            "windows: its requests cannot be placed in or out of the window"
        )
    reg = np.where(reason != 0, table.sink, reg)
    sums = dict(bn.sums)
    pr = Priced(reg=reg, bin_reason=reason, sums=sums, model=own, day=d["day"] + ch.dmin)
    # rows in whole-bin rejections
    bad_rows: list[np.ndarray] = []
    bad_codes: list[np.ndarray] = []
    if (reason != 0).any():
        lut = np.zeros(bn.sink + 1, dtype=np.int16) if bn.sink < 4 * ch.n + (1 << 24) else None
        if lut is not None:
            lut[bn.bins] = reason
            codes = lut[bn.key]
        else:
            pos = np.minimum(np.searchsorted(bn.bins, bn.key), max(len(bn.bins) - 1, 0))
            codes = np.where(bn.bins[pos] == bn.key, reason[pos], 0).astype(np.int16)
        rows = np.flatnonzero(codes)
        bad_rows.append(rows)
        bad_codes.append(codes[rows])
        for k in sums:
            sums[k] = (
                np.where(reason != 0, 0, sums[k])
                if sums[k].dtype != object
                else np.array([0 if r else v for r, v in zip(reason, sums[k])], dtype=object)
            )
    # units whose rate is unknown in the bin's regime: only rows that use them are bad
    miss = table.reg_missing[:, reg]  # (len(PRICED_UNITS), bins)
    used = unit_sums(sums)
    # per unit, the bins whose regime lacks its rate although the bin uses it (vectorised: a log may
    # have thousands of such bins, e.g. web searches on models with no search fee)
    bad_bins: list[tuple[str, np.ndarray]] = []
    for c, comp in enumerate(PRICED_UNITS):
        if comp in used:
            hit = miss[c] & (np.asarray(used[comp] > 0, dtype=bool)) & (reg < table.sink)
            if hit.any():
                bad_bins.append((comp, hit))
    if bad_bins:
        any_bad = np.logical_or.reduce([h for _, h in bad_bins])
        in_bad = np.isin(bn.key, bn.bins[any_bad])
        cand = np.flatnonzero(in_bad)
        pos = np.searchsorted(bn.bins, bn.key[cand])
        rcodes = np.zeros(len(cand), dtype=np.int16)
        for comp, hit in bad_bins:  # the first unit (in PRICED_UNITS order) a row lacks names it
            code_of_bin = np.zeros(len(reg), dtype=np.int16)
            for r in np.unique(reg[hit]).tolist():
                segm = table.segments[table.reg_segment[r]]
                code_of_bin[hit & (reg == r)] = ch.reasons.code(
                    f"{label}{segm.res.label} has no {comp!r} rate ({table.reg_label[r]}), "  # type: ignore
                    + (f"but the row has {comp.replace('_', ' ')}es" if comp == "web_search" else
                       f"but the row uses {comp} tokens")
                )
            row_hit = hit[pos] & (rcodes == 0)
            sub = np.flatnonzero(row_hit)
            vals = ch.unit_counts(comp, cand[sub])
            sub = sub[vals > 0]
            rcodes[sub] = code_of_bin[pos[sub]]
        rows = cand[rcodes != 0]
        codes = rcodes[rcodes != 0]
        if len(rows):
            dec = bn.subtract(ch, rows)
            for k in sums:
                sums[k] = _sub(sums[k], dec[k])
            bad_rows.append(rows)
            bad_codes.append(codes)
    if ch.req_unknown is not None:
        _reject_unknown_requests(ch, bn, table, pr, sums, bad_rows, bad_codes, label)
    if bad_rows:
        pr.bad_rows = np.concatenate(bad_rows)
        pr.bad_codes = np.concatenate(bad_codes)
    return pr


def _reject_unknown_requests(ch: Chunk, bn: Binned, table: PriceTable, pr: Priced, sums: dict[str, np.ndarray],
                             bad_rows: list[np.ndarray], bad_codes: list[np.ndarray], label: str) -> None:
    """Rows whose request count is unknown, priced where a per-request fee applies: rejected."""
    fee = np.array([r is not None for r in table.reg_request] + [False], dtype=bool)
    reg = np.where(pr.reg < table.sink, pr.reg, table.sink)
    if not fee[reg].any():
        return
    lut_pos = np.searchsorted(bn.bins, bn.key)
    lut_pos = np.minimum(lut_pos, max(len(bn.bins) - 1, 0))
    in_bin = (bn.bins[lut_pos] == bn.key) if len(bn.bins) else np.zeros(len(bn.key), dtype=bool)
    row_fee = in_bin & fee[reg[lut_pos]] if len(bn.bins) else in_bin
    already = np.zeros(ch.n, dtype=bool)
    for r in bad_rows:
        already[r] = True
    rows = np.flatnonzero(ch.req_unknown & row_fee & ~already)
    if not len(rows):
        return
    code = ch.reasons.code(f"{label}requests is missing: the price charges a fee per request, so the number of "
                           "requests the row adds up must be known")
    dec = bn.subtract(ch, rows)
    for k in sums:
        sums[k] = _sub(sums[k], dec[k])
    bad_rows.append(rows)
    bad_codes.append(np.full(len(rows), code, dtype=np.int16))


def row_regimes(bn: Binned, pr: Priced, sink_reg: int) -> np.ndarray:
    """Regime per row for one pricing (``sink_reg`` for rows it rejected)."""
    if bn.sink < 4 * len(bn.key) + (1 << 24):
        lut = np.full(bn.sink + 1, sink_reg, dtype=np.int32)
        lut[bn.bins] = pr.reg
        reg = lut[bn.key]
    else:
        pos = np.minimum(np.searchsorted(bn.bins, bn.key), max(len(bn.bins) - 1, 0))
        reg = np.where(bn.bins[pos] == bn.key, pr.reg[pos], sink_reg).astype(np.int32)
    if len(pr.bad_rows):
        reg[pr.bad_rows] = sink_reg
    return reg


def exclude_rows(bn: Binned, rows: np.ndarray) -> None:
    """Send rows to the sink (after the log's own pricing rejected them; targets skip them)."""
    if len(rows):
        bn.key[rows] = bn.sink
