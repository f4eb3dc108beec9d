"""A usage-log chunk as validated numpy arrays, with a reason code for every bad row.

Nothing here drops a row: a row that cannot be priced gets a non-zero reason code
and the text of that reason is kept in :class:`Reasons`; later stages only ever
*add* reasons (first reason wins).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._pricing.rule import SERVICE_TIERS
from .._time import DAY_TICKS
from ..errors import UsageLogError, spell
from .columns import INPUT_PARTS, OUTPUT_PARTS, REJECT_COL, UNIT_COLUMNS

__all__ = ["Reasons", "Chunk", "make_chunk", "MODES"]

# service-tier codes of a row (the bin key's mode): 0 standard, 1 batch, then the rule's other tiers
MODES = SERVICE_TIERS
_STANDARD_SPELLINGS = {"", "standard", "default", "auto", "on_demand", "none", "nan"}

# microseconds per unit of a datetime64 column that is widened to microseconds; nanosecond columns are
# kept as they are (Chunk.per_us = 1000): a division of every timestamp costs more than the rest of
# reading the column
_TICKS_PER = {"s": 1_000_000, "ms": 1_000, "us": 1}
_TWO63 = 2**63
_NAT = np.iinfo(np.int64).min
_BLOCK = 1 << 18  # rows per block where a whole-column int64 temporary would go to memory and back


class Reasons:
    """Reason texts, numbered from 1 (0 = the row is fine)."""

    def __init__(self) -> None:
        self.texts: list[str] = [""]
        self._ids: dict[str, int] = {}

    def code(self, text: str) -> int:
        hit = self._ids.get(text)
        if hit is None:
            hit = len(self.texts)
            if hit >= 32_000:
                raise UsageLogError("too many distinct problems in one usage log chunk")
            self.texts.append(text)
            self._ids[text] = hit
        return hit


@dataclass
class Chunk:
    """Validated columns of one frame (or one partition / one chunk of a file)."""

    n: int
    index: pd.Index
    ts: np.ndarray  # int64 UTC since the epoch, ``per_us`` per microsecond (bad rows hold a harmless valid value)
    d_rel: np.ndarray  # int16/int32 day index relative to dmin
    dmin: int
    ndays: int
    names: list[str]  # distinct model names
    codes: np.ndarray  # int codes into names, -1 = missing
    inp: np.ndarray
    out: np.ndarray
    cached: np.ndarray | None
    cw: np.ndarray | None
    ctx: np.ndarray | None  # int64, -1 = not given
    mode: np.ndarray | None  # int8 code into MODES (service tier, batch = 1); None: all standard
    agg: np.ndarray | None  # row aggregates != 1 request
    bad: np.ndarray  # int16 reason codes
    reasons: Reasons = field(default_factory=Reasons)
    # the log's other unit columns (UNIT_COLUMNS), int64, only those the log has: absent = no cost
    extra: dict[str, np.ndarray] = field(default_factory=dict)
    # requests per row, only when some price charges per request (int64; 1 a row without the column)
    nreq: np.ndarray | None = None
    req_unknown: np.ndarray | None = None  # the row's request count is missing (NaN)
    # ticks of ``ts`` per microsecond (the price table's tick): 1000 when the log holds nanoseconds, which
    # are used as they come (no copy, no division); 1 for every other unit, widened to microseconds
    per_us: int = 1

    @property
    def day_ticks(self) -> int:
        """One day in ticks of ``ts``."""
        return DAY_TICKS * self.per_us

    def table_ticks(self, rows: np.ndarray) -> np.ndarray:
        """``ts`` of some rows in the price table's ticks (microseconds, floored: a row 1 ns before a
        price change is before it)."""
        t = self.ts[rows]
        return t if self.per_us == 1 else t // self.per_us

    def fresh(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Fresh (uncached text) input tokens: input minus every part counted inside it."""
        f = self.inp if rows is None else self.inp[rows]
        parts = [self.cached, self.cw, *(self.extra.get(c) for c in INPUT_PARTS)]
        for p in parts:
            if p is not None:
                f = f - (p if rows is None else p[rows])
        return f

    def text_output(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Output tokens billed at the output rate: output minus reasoning and audio output."""
        f = self.out if rows is None else self.out[rows]
        for c in OUTPUT_PARTS:
            p = self.extra.get(c)
            if p is not None:
                f = f - (p if rows is None else p[rows])
        return f

    def unit_counts(self, unit: str, rows: np.ndarray) -> np.ndarray:
        """Per-row count of one priced unit (the pricing rule's unit names)."""
        if unit == "input":
            return self.fresh(rows)
        if unit == "output":
            return self.text_output(rows)
        arr = {"cached_input": self.cached, "cache_write": self.cw}.get(unit)
        if arr is None:
            col = next((c for c, u in UNIT_COLUMNS.items() if u == unit), None)
            arr = self.extra.get(col) if col is not None else None
        return np.zeros(len(rows), dtype=np.int64) if arr is None else arr[rows]

    def mark(self, mask_or_rows: np.ndarray, text: str) -> None:
        """Give ``text`` as the reason to rows not already bad."""
        code = self.reasons.code(text)
        if mask_or_rows.dtype == bool:
            self.bad[mask_or_rows & (self.bad == 0)] = code
        else:
            sub = self.bad[mask_or_rows]
            self.bad[mask_or_rows] = np.where(sub == 0, code, sub)


# -- columns -> arrays ------------------------------------------------------------------
_AWARE = r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[zZ]|UTC|GMT|[+-]\d{2}(?::?\d{2})?)\s*$"
_AWARE_RE = re.compile(_AWARE)


def _timestamps(s: pd.Series, assume_utc: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(int64 ticks UTC, missing/unparsable mask, naive mask, ticks per microsecond)."""
    dtype = s.dtype
    n = len(s)
    none = _NONE
    if isinstance(dtype, pd.DatetimeTZDtype) or (isinstance(dtype, np.dtype) and dtype.kind == "M"):
        naive = not isinstance(dtype, pd.DatetimeTZDtype)
        arr = s.array if naive or str(dtype.tz) == "UTC" else s.dt.tz_convert("UTC").array
        raw = np.asarray(arr.asi8)
        # NaT is the int64 minimum: one min() finds whether there is any (cheaper than isna(), a mask)
        nat = (raw == _NAT) if raw.size and raw.min() == _NAT else _NONE
        per_us = 1000 if arr.unit == "ns" else 1
        factor = _TICKS_PER.get(arr.unit, 1)
        if factor != 1:
            lim = np.iinfo(np.int64).max // factor
            out_of = (raw > lim) | (raw < -lim)
            if len(nat):
                out_of &= ~nat
                out_of |= nat
            raw = np.where(out_of, 0, raw) * factor if out_of.any() else raw * factor
            nat = out_of if out_of.any() else _NONE
        if naive and not assume_utc:
            return raw, nat, (~nat if len(nat) else np.ones(n, dtype=bool)), per_us
        return raw, nat, none, per_us
    if isinstance(dtype, pd.ArrowDtype) and str(dtype.pyarrow_dtype).startswith("timestamp"):
        pa_type = dtype.pyarrow_dtype
        unit = pa_type.unit
        target = f"datetime64[{unit}, UTC]" if pa_type.tz else f"datetime64[{unit}]"
        return _timestamps(s.astype(target), assume_utc)
    if isinstance(dtype, np.dtype) and dtype.kind in "iufb":
        raise UsageLogError(
            "the timestamp column is numeric; convert it to datetimes first "
            "(e.g. pd.to_datetime(col, unit='s', utc=True) for Unix seconds)",
            column="timestamp",
        )
    # strings and Python objects: parse ISO 8601, then find the ones without an offset
    parsed = pd.to_datetime(s, utc=True, format="ISO8601", errors="coerce")
    if not isinstance(parsed.dtype, pd.DatetimeTZDtype):  # all missing
        parsed = pd.Series(pd.NaT, index=s.index, dtype="datetime64[us, UTC]")
    raw, nat, _, per_us = _timestamps(parsed, True)
    if assume_utc:
        return raw, nat, none, per_us
    if pd.api.types.is_string_dtype(dtype) and not (isinstance(dtype, np.dtype) and dtype.kind == "O"):
        aware = s.str.contains(_AWARE, regex=True).fillna(False).to_numpy(dtype=bool)
    else:

        def is_aware(x: object) -> bool:
            if isinstance(x, str):
                return _AWARE_RE.search(x) is not None
            return getattr(x, "tzinfo", None) is not None

        aware = np.fromiter((is_aware(x) for x in s.array), dtype=bool, count=n)
    return raw, nat, (~nat & ~aware) if len(nat) else ~aware, per_us


_NONE = np.zeros(0, dtype=bool)  # "no row has this problem" (tested with .any(), never indexed)


def _counts(s: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(int64 values, missing mask, negative mask, not-a-whole-number mask); empty masks mean none."""
    zero = _NONE
    dtype = s.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iu":
        v = s.to_numpy()
        if dtype.kind == "u" and dtype.itemsize == 8:
            big = v >= _TWO63
            return np.where(big, 0, v).astype(np.int64), zero, zero, big
        v = v if dtype == np.int64 else v.astype(np.int64)
        return v, zero, (v < 0) if v.size and v.min() < 0 else zero, zero
    if isinstance(dtype, np.dtype) and dtype.kind == "b":  # True is not one token: a mis-mapped flag column
        return np.zeros(len(s), dtype=np.int64), np.ones(len(s), dtype=bool), zero, zero
    if not (isinstance(dtype, np.dtype) and dtype.kind == "f"):
        if dtype == object:  # Python booleans among numbers would otherwise convert to 1 and 0
            flags = s.map(lambda x: isinstance(x, (bool, np.bool_))).to_numpy(dtype=bool)
            if flags.any():
                s = s.mask(flags)
        na = s.isna().to_numpy(dtype=bool)
        if pd.api.types.is_integer_dtype(dtype):  # nullable / arrow integers
            v = s.to_numpy(dtype="int64", na_value=0)
            return v, na, v < 0, zero
        conv = pd.to_numeric(s, errors="coerce")
        if pd.api.types.is_integer_dtype(conv.dtype):
            return _counts(conv)
        v, nan, neg, frac = _counts(conv.astype("float64"))  # text that is not a number: NaN here
        return v, nan, neg, frac
    f = s.to_numpy(dtype=np.float64)
    nan = np.isnan(f)
    with np.errstate(invalid="ignore"):
        neg = f < 0
        frac = ~nan & ((f != np.floor(f)) | (f >= _TWO63))
    ok = ~(nan | neg | frac)
    return np.where(ok, f, 0).astype(np.int64), nan, neg, frac


def _flags(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(bool values, invalid mask)."""
    dtype = s.dtype
    if isinstance(dtype, np.dtype) and dtype.kind == "b":
        return s.to_numpy(), np.zeros(len(s), dtype=bool)
    if isinstance(dtype, np.dtype) and dtype.kind in "iuf":
        v = s.to_numpy(dtype=np.float64)
        return v == 1, ~((v == 0) | (v == 1))
    t = s.astype("string").str.strip().str.lower()
    yes = t.isin(["true", "1", "1.0", "yes", "y", "t", "batch"]).fillna(False).to_numpy(dtype=bool)
    no = t.isin(["false", "0", "0.0", "no", "n", "f", ""]).fillna(False).to_numpy(dtype=bool)
    return yes, ~(yes | no)


def make_chunk(df: pd.DataFrame, *, assume_utc: bool, count_requests: bool = False) -> Chunk:
    """Validate a canonical frame into arrays. Column-level problems raise; row-level ones are coded.
    ``count_requests``: keep each row's request count (some price in play charges per request)."""
    n = len(df)
    reasons = Reasons()
    bad = np.zeros(n, dtype=np.int16)

    def mark(mask: np.ndarray, text: str) -> None:
        if len(mask) and mask.any():
            code = reasons.code(text)
            bad[mask & (bad == 0)] = code

    if REJECT_COL in df.columns:
        rej = df[REJECT_COL]
        has = rej.notna().to_numpy(dtype=bool)
        if has.any():
            for text in pd.unique(rej[has]):
                mark((rej == text).fillna(False).to_numpy(dtype=bool), str(text))
    ts, nat, naive, per_us = _timestamps(df["timestamp"], assume_utc)
    mark(nat, "timestamp is missing or not an ISO 8601 date-time")
    mark(naive, f"timestamp has no UTC offset (naive); pass {spell('assume_utc=True', '--assume-utc')} "
         "if the log is in UTC")
    # models
    m = df["model"]
    if isinstance(m.dtype, pd.CategoricalDtype):
        codes = m.cat.codes.to_numpy()  # int8/int16/...: kept narrow (-1 = missing)
        names = [str(c) for c in m.cat.categories]
    else:
        codes, uniq = pd.factorize(m, use_na_sentinel=True)
        codes = codes.astype(np.int32, copy=False)
        names = [str(c) for c in uniq]
    blank = [i for i, nm in enumerate(names) if not nm.strip()]
    missing_model = codes < 0
    if blank:
        missing_model |= np.isin(codes, blank)
    mark(missing_model, "model is missing")
    # counts
    arrays: dict[str, np.ndarray | None] = {}
    for col in ("input_tokens", "output_tokens", "cached_tokens", "cache_write_tokens", *UNIT_COLUMNS):
        if col not in df.columns:
            arrays[col] = None
            continue
        v, na, neg, frac = _counts(df[col])
        mark(na, f"{col} is missing (NaN) or not a number")
        mark(neg, f"{col} is negative")
        mark(frac, f"{col} is not a whole number of tokens")
        arrays[col] = v
    inp, out = arrays["input_tokens"], arrays["output_tokens"]
    cached, cw = arrays["cached_tokens"], arrays["cache_write_tokens"]
    assert inp is not None and out is not None
    extra = {c: arrays[c] for c in UNIT_COLUMNS if arrays[c] is not None}
    in_parts = [c for c in INPUT_PARTS if c in extra]
    if in_parts:
        inside = inp.copy()
        for a in (cached, cw, *(extra[c] for c in in_parts)):
            if a is not None:
                inside -= a
        mark(inside < 0, "cached, cache-write (5 min and 1 h), audio and image input tokens exceed "
             "input_tokens (input_tokens counts every prompt token, these included)")
    elif cached is not None or cw is not None:
        if cached is not None and cw is not None:
            over = cached > inp - cw
        else:
            over = (cached if cached is not None else cw) > inp  # type: ignore[operator]
        mark(
            over,
            "cached_tokens + cache_write_tokens exceed input_tokens (input_tokens counts every "
            "prompt token, cached ones included)",
        )
    out_parts = [extra[c] for c in OUTPUT_PARTS if c in extra]
    if out_parts:
        mark(sum(out_parts) > out, "reasoning and audio output tokens exceed output_tokens (output_tokens "
             "counts every completion token, these included)")
    ctx = None
    if "context_tokens" in df.columns:
        cv, cna, cneg, cfrac = _counts(df["context_tokens"])
        mark(cneg, "context_tokens is negative")
        mark(cfrac, "context_tokens is not a whole number")
        ctx = np.where(cna, -1, cv)
    batch = None
    if "batch" in df.columns:
        batch, invalid = _flags(df["batch"])
        mark(invalid, "batch is missing or not true/false")
        if not batch.any():
            batch = None
    mode = None if batch is None else batch.view(np.int8)  # 0 standard, 1 batch: no copy (read only)
    if "service_tier" in df.columns:
        mode = _service_tiers(df["service_tier"], batch, mark)
    agg = None
    nreq = req_unknown = None
    if "requests" in df.columns:
        r = pd.to_numeric(df["requests"], errors="coerce").to_numpy(dtype=np.float64)
        with np.errstate(invalid="ignore"):  # NaN = unknown (an aggregated row); -5 or 2.5 requests = a bad row
            mark(~np.isnan(r) & ((r < 0) | (r != np.floor(r))), "requests is negative or not a whole number")
        agg = ~(r == 1)
        if not agg.any():
            agg = None
        if count_requests:
            nreq, rna, rneg, rfrac = _counts(df["requests"])
            mark(rneg, "requests is negative")
            mark(rfrac, "requests is not a whole number")
            req_unknown = rna if len(rna) and rna.any() else None
    elif count_requests:
        nreq = np.ones(n, dtype=np.int64)
    # days
    bad_ts = nat if not len(naive) else (naive if not len(nat) else (nat | naive))
    if len(bad_ts) and bad_ts.any():
        good = ~bad_ts
        fill = ts[good][0] if good.any() else 0
        ts = np.where(good, ts, fill)
    if n:
        day_ticks = DAY_TICKS * per_us
        dmin = int(ts.min()) // day_ticks
        ndays = int(ts.max()) // day_ticks - dmin + 1
        d_rel = np.empty(n, dtype=np.int16 if ndays < 2**15 else np.int32)
        for i in range(0, n, _BLOCK):  # a block's int64 quotients stay in the CPU cache
            day = ts[i : i + _BLOCK] // day_ticks
            day -= dmin
            d_rel[i : i + _BLOCK] = day
    else:
        dmin, ndays, d_rel = 0, 1, np.zeros(0, dtype=np.int16)
    return Chunk(
        n=n,
        index=df.index,
        ts=ts,
        d_rel=d_rel,
        dmin=dmin,
        ndays=ndays,
        names=names,
        codes=codes,
        inp=inp,
        out=out,
        cached=cached,
        cw=cw,
        ctx=ctx,
        mode=mode,
        agg=agg,
        bad=bad,
        reasons=reasons,
        extra=extra,
        nreq=nreq,
        req_unknown=req_unknown,
        per_us=per_us,
    )


def _service_tiers(s: pd.Series, batch: np.ndarray | None, mark: Any) -> np.ndarray | None:
    """Service-tier code per row (MODES), from the column's distinct values (factorized: cheap)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        codes, raw = s.cat.codes.to_numpy(), list(s.cat.categories)
    else:  # hash the raw values once; only the few distinct ones are normalised
        codes, raw = pd.factorize(s, use_na_sentinel=True)
    uniq = [str(v).strip().lower() for v in raw]
    lut = np.zeros(len(uniq) + 1, dtype=np.int8)  # last entry: missing = standard
    for i, val in enumerate(uniq):
        if val in _STANDARD_SPELLINGS:
            continue
        if val in MODES:
            lut[i] = MODES.index(val)
            continue
        lut[i] = 0
        mark(codes == i, f"service_tier {val!r} is not one of {', '.join(MODES)} (empty, 'default' and "
             "'auto' mean standard)")
    mode = lut[np.where(codes < 0, len(uniq), codes)]
    if batch is not None:
        clash = batch & (mode > 1)
        if clash.any():
            for m in np.unique(mode[clash]):
                mark(clash & (mode == m), f"batch is true but service_tier is {MODES[int(m)]!r}")
        mode = np.where(batch & (mode == 0), np.int8(1), mode).astype(np.int8)
    return mode if mode.any() else None
