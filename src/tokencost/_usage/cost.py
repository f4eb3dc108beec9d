"""Price a usage log: vectorized, per row by timestamp, with exact totals.

How a row is priced (the same choices as :func:`tokencost.request_cost`, which the
tests check row by row):

1. The row's model name resolves once per distinct name (aliases, any case).
2. Its timestamp picks the price *segment* (version, batch discount, exchange rate)
   in effect at that instant (see ``table.py``).
3. Within the segment the row's *regime* follows from its prompt size (context
   tier: ``context_tokens`` if given, else ``input_tokens``, above the threshold),
   its batch flag (tier rates x (1 - discount)), and, for live traffic only, the
   UTC time of day (off-peak window rates, which replace the tier rates).
4. Rows are binned once by everything steps 1-3 depend on (``engine.py``); integer
   token sums per bin are exact (float64 ``bincount`` only when every partial sum is
   provably below 2**53, else 21-bit limbs recombined as Python ints); bins are priced
   for the log's own models and for each ``reprice_as`` target; totals multiply the
   integer sums by Decimal rates in a context that raises instead of rounding.

Per-row ``cost`` is float64 for display: for token counts below 2**53 its relative
error is at most 7 x 2**-53 (about 8e-16) of the exact row cost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow, localcontext
from typing import Any

import numpy as np
import pandas as pd

from .._catalog.catalog import Catalog, load_catalog
from ..errors import UnknownModelError, UsageLogError
from .arrays import Chunk, make_chunk
from .columns import REJECT_COL, to_canonical
from .engine import (
    Binned,
    Priced,
    bin_chunk,
    bincount_exact,
    exclude_rows,
    price_bins,
    relevant_specs,
    row_regimes,
)
from .result import UsageCost
from .table import PriceTable, price_table

__all__ = ["UsageCost", "cost_usage", "STANDARD_KEYS"]

# Exact arithmetic: wide enough for any sum of token counts x rates; a rounding would raise.
EXACT = Context(prec=120, traps=[Inexact, InvalidOperation, Overflow])
ZERO = Decimal(0)
STANDARD_KEYS = ("model", "version", "segment", "day", "month")
TOKEN_OUT = ("input_tokens", "cached_tokens", "cache_write_tokens", "output_tokens")


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
    for name, arr in zip(TOKEN_OUT, (ch.inp, ch.cached, ch.cw, ch.out)):
        cols[name] = bincount_exact(inv, arr, len(uniq))
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
        return pd.DataFrame({c: pd.Series([], dtype=np.int64) for c in [*keys, "rows", *TOKEN_OUT]})
    if len(parts) == 1:
        return parts[0]
    df = pd.concat(parts, ignore_index=True)
    vals = ["rows", *TOKEN_OUT]
    safe = all(df[c].dtype != object and (len(df) * int(df[c].max() or 0)) < 2**63 for c in vals)
    if not safe:
        df[vals] = df[vals].astype(object)
    return df.groupby(list(keys), sort=True, as_index=False)[vals].sum()


def spec_of_codes(ch: Chunk, table: PriceTable) -> np.ndarray:
    """Spec index per model name of the chunk (-1 unknown/blank), marking rows of unknown names."""
    out = np.full(len(ch.names) + 1, -1, dtype=np.int64)
    for i, name in enumerate(ch.names):
        if not name.strip():
            continue
        try:
            out[i] = table.spec_index(name)
        except UnknownModelError as exc:
            ch.mark(ch.codes == i, str(exc))
    return out


# -- Decimal reduction -------------------------------------------------------------------------
def decimal_costs(partial: pd.DataFrame, table: PriceTable) -> list[Decimal]:
    """Exact USD cost of each partial row."""
    out: list[Decimal] = []
    rates = table.reg_rate
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
    return out


def _key_columns(
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
) -> pd.DataFrame:
    """Group a partial by ``keys``: Python-int token sums and an exact Decimal ``cost`` (USD)."""
    costs = decimal_costs(partial, table)
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
        if len(df) and all(-(2**63) < int(x) < 2**63 for x in df[c]):
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
    binned: Binned
    priced: Priced
    spec_of_code: np.ndarray
    sink: int

    def reg(self) -> np.ndarray:
        return row_regimes(self.binned, self.priced, self.sink)

    def model(self) -> np.ndarray:
        codes = self.chunk.codes
        spec = self.spec_of_code[np.where(codes < 0, len(self.spec_of_code) - 1, codes)]
        return np.where(spec < 0, len(self.spec_of_code), spec)

    def accepted(self) -> np.ndarray:
        ok = self.chunk.bad == 0
        if len(self.priced.bad_rows):
            ok = ok.copy()
            ok[self.priced.bad_rows] = False
        return ok


def row_costs(ch: Chunk, reg: np.ndarray, table: PriceTable, block: int = 1 << 20) -> np.ndarray:
    """Float USD cost per row (NaN for rejected rows), computed in blocks to bound temporaries.

    Each term is ``tokens x float(rate / 1e6)``: one rounding for the rate, one for the
    product, three for the sum, so |float - exact| <= 7 x 2**-53 x exact (~8e-16 relative)
    for token counts below 2**53.
    """
    f = table.reg_float.copy()
    f[:, table.sink] = np.nan
    cost = np.empty(ch.n, dtype=np.float64)
    for i in range(0, ch.n, block):
        j = min(i + block, ch.n)
        r = reg[i:j]
        fresh = ch.inp[i:j]
        if ch.cached is not None:
            fresh = fresh - ch.cached[i:j]
        if ch.cw is not None:
            fresh = fresh - ch.cw[i:j]
        c = np.take(f[0], r) * fresh
        c += np.take(f[3], r) * ch.out[i:j]
        if ch.cached is not None:
            c += np.take(f[1], r) * ch.cached[i:j]
        if ch.cw is not None:
            c += np.take(f[2], r) * ch.cw[i:j]
        cost[i:j] = c
    return cost


def _codes_lut(labels: list[str]) -> tuple[np.ndarray, list[str]]:
    cats = list(dict.fromkeys(labels))
    dtype = np.int8 if len(cats) < 127 else (np.int16 if len(cats) < 32_000 else np.int32)
    lut = np.array([cats.index(x) for x in labels] + [-1], dtype=dtype)
    return lut, cats


def row_frame(
    frame: pd.DataFrame, ch: Chunk, reg: np.ndarray, table: PriceTable, good: np.ndarray | None = None
) -> pd.DataFrame:
    """The accepted rows with ``version`` (``model@version``), ``segment`` and float ``cost`` (USD)."""
    vlut, vcats = _codes_lut(table.version_labels())
    slut, scats = _codes_lut(table.reg_label)
    cols = {c: frame[c] for c in frame.columns if c != REJECT_COL}
    cols["version"] = pd.Categorical.from_codes(vlut[reg], categories=vcats)
    cols["segment"] = pd.Categorical.from_codes(slut[reg], categories=scats)
    cols["cost"] = row_costs(ch, reg, table)
    out = pd.DataFrame(cols, index=frame.index, copy=False)
    if good is None:
        good = reg < table.sink
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

    def error(self) -> UsageLogError:
        first = self.order[0]
        n = self.counts[first]
        rest = self.total - n
        msg = first
        if rest:
            msg += (
                f" (and {rest} more bad row(s) for {len(self.order) - 1} other reason(s), e.g. "
                f"{self.order[1]!r}; errors='report' lists them all)"
            )
        err = UsageLogError(msg, rows=self.first[first], count=n)
        err.reasons = dict(self.counts)  # type: ignore[attr-defined]
        return err


def bad_rows(
    ch: Chunk,
    frame: pd.DataFrame,
    rows: np.ndarray,
    codes: np.ndarray,
    *,
    keep_frame: bool,
    texts: Sequence[str],
) -> tuple[BadSummary, pd.DataFrame | None]:
    """Summarize rejected rows (positions and reason codes); with ``keep_frame`` also their frame rows."""
    summ = BadSummary()
    if not len(rows):
        return summ, (frame.iloc[0:0].assign(reason=pd.Series([], dtype=object)) if keep_frame else None)
    order = np.argsort(rows, kind="stable")
    rows, codes = rows[order], codes[order]
    for code in pd.unique(codes):
        p = rows[codes == code]
        summ.add(texts[code], len(p), [_label(x) for x in ch.index[p[:5]]])
    rej = None
    if keep_frame:
        used = sorted(set(codes.tolist()))
        remap = np.zeros(max(used) + 1, dtype=np.int32)
        remap[used] = np.arange(len(used))
        rej = frame.iloc[rows].copy()
        rej["reason"] = pd.Categorical.from_codes(remap[codes], categories=[texts[c] for c in used])
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
        spec = _spec_of(cat, t)  # UnknownModelError with suggestions, before any work
        if "@" in spec:
            cat.resolve(spec)  # UnknownVersionError early
        if t not in out:
            out.append(t)
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
    source: str = "canonical"
    target_rows: dict[str, _RowData] = field(default_factory=dict)


def process_frame(
    df: pd.DataFrame,
    table: PriceTable,
    targets: Sequence[str],
    *,
    columns: Any,
    assume_utc: bool,
    keep_rejected: bool,
    keep_rows: bool,
    prepared: tuple[pd.DataFrame, str, Chunk] | None = None,
) -> ChunkResult:
    """Validate, bin and price one frame under the log's own models and every target.

    ``prepared``: the frame already mapped to canonical columns and read into a chunk (its source name).
    """
    if prepared is None:
        canon, source = to_canonical(df, columns)
        ch = make_chunk(canon, assume_utc=assume_utc)
    else:
        canon, source, ch = prepared
    soc = spec_of_codes(ch, table)
    tidx = [table.specs.index(_spec_of(table.catalog, t)) for t in targets]
    bn = bin_chunk(ch, table, soc, relevant_specs(ch, soc, tidx, len(table.specs)))
    pr = price_bins(ch, bn, table, soc, None)
    if len(pr.bad_rows):
        ch.bad[pr.bad_rows] = pr.bad_codes
        exclude_rows(bn, pr.bad_rows)
    bn.sums = pr.sums  # what the targets reprice: the rows the log's own pricing accepted
    report_frame = df
    rows = np.flatnonzero(ch.bad)
    summ, rej = bad_rows(
        ch, report_frame, rows, ch.bad[rows], keep_frame=keep_rejected, texts=ch.reasons.texts
    )
    res = ChunkResult(
        n=ch.n, partials={None: pr.partial(table.sink)}, bad={None: summ}, rejected={None: rej}, source=source
    )
    if keep_rows:
        res.rowdata = _RowData(canon, ch, bn, pr, soc, table.sink)
    for t, ti in zip(targets, tidx):
        tpr = price_bins(ch, bn, table, soc, ti, f"as {t}: ")
        tsumm, trej = bad_rows(
            ch, report_frame, tpr.bad_rows, tpr.bad_codes, keep_frame=keep_rejected, texts=ch.reasons.texts
        )
        if keep_rejected and rej is not None and len(rej):
            trej = pd.concat([rej, trej]) if trej is not None and len(trej) else rej
        res.partials[t], res.bad[t], res.rejected[t] = tpr.partial(table.sink), tsumm, trej
        if keep_rows:
            res.target_rows[t] = _RowData(canon, ch, bn, tpr, soc, table.sink)
    return res


def finish(
    results: Sequence[ChunkResult],
    table: PriceTable,
    targets: Sequence[str],
    *,
    errors: str,
    source: str,
    dask_rows: Any = None,
) -> UsageCost:
    """Combine chunk results exactly; raise for bad rows (errors="raise") or build the result."""
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
                raise summaries[key].error()

    def rejected_for(key: str | None) -> pd.DataFrame:
        frames = [f for r in results if (f := r.rejected.get(key)) is not None]
        if not frames:
            return pd.DataFrame({"reason": pd.Series([], dtype=object)})
        nonempty = [f for f in frames if len(f)]
        return pd.concat(nonempty) if nonempty else frames[0]

    main = UsageCost(
        table=table,
        partial=combine_partials([r.partials[None] for r in results]),
        n_rows=n,
        rejected=rejected_for(None),
        source=source,
    )
    if len(results) == 1 and results[0].rowdata is not None:
        main._rowdata = results[0].rowdata
    main._dask_rows = dask_rows
    for t in targets:
        rc = UsageCost(
            table=table,
            partial=combine_partials([r.partials[t] for r in results]),
            n_rows=n,
            rejected=rejected_for(t),
            label=t,
            source=source,
        )
        if len(results) == 1 and t in results[0].target_rows:
            rc._rowdata = results[0].target_rows[t]
        extra = summaries[t].total
        if extra:
            main.notes.append(
                f"repricing as {t} leaves out {extra:,} more row(s) that {t} cannot price "
                f"(see .repriced[{t!r}].rejected); its totals cover fewer rows"
            )
        main.repriced[t] = rc
    if summaries[None].total:
        main.notes.insert(
            0, f"{summaries[None].total:,} row(s) rejected and excluded from every total (see .rejected)"
        )
    return main


def cost_usage(
    df: Any,
    catalog: Catalog | None = None,
    *,
    reprice_as: str | Iterable[str] | None = None,
    errors: str = "raise",
    columns: str | Mapping[str, str] | None = None,
    assume_utc: bool = False,
) -> UsageCost:
    """Price a usage log row by row at the prices in effect at each row's timestamp.

    ``df``: a pandas DataFrame, or a ``dask.dataframe.DataFrame`` (priced per partition by the
    active Dask scheduler and combined exactly). Columns: ``timestamp`` (tz-aware), ``model``,
    ``input_tokens`` (all prompt tokens, cached included), ``output_tokens``, and optionally
    ``cached_tokens``, ``cache_write_tokens``, ``batch``, ``requests``, ``context_tokens``;
    ``columns`` maps exports instead: ``"auto"`` (default), ``"canonical"``, ``"openai"``,
    ``"anthropic"``, ``"litellm"``, ``"plain"``, or ``{canonical_name: your_column}``.

    ``reprice_as``: a model, ``MODEL@VERSION``, or a list of them; each gets a full result in
    ``.repriced`` and a ``cost_as_<target>`` column in ``.by(...)``.

    ``errors="raise"`` raises :class:`~tokencost.errors.UsageLogError` naming the first bad rows
    and how many there are; ``errors="report"`` leaves them out of every total, lists them in
    ``.rejected`` (with a ``reason``) and says so in ``.notes`` and ``str(result)``.
    ``assume_utc=True`` reads naive timestamps as UTC instead of rejecting them.
    """
    if errors not in ("raise", "report"):
        raise UsageLogError(f"errors must be 'raise' or 'report', not {errors!r}")
    cat = catalog or load_catalog()
    targets = _targets(cat, reprice_as)
    pins = tuple(_spec_of(cat, t) for t in targets if "@" in t)
    if type(df).__module__.startswith("dask"):
        table = price_table(cat, pins)
        from .dask import cost_usage_dask

        return cost_usage_dask(df, table, targets, errors=errors, columns=columns, assume_utc=assume_utc)
    if not isinstance(df, pd.DataFrame):
        raise UsageLogError(
            f"cost_usage takes a pandas or Dask DataFrame, not {type(df).__name__}; "
            "read files with tc.read_usage(path)"
        )
    # one frame: its model names are known before pricing, so the table holds just those models and the
    # targets (a catalog of 600 models costs what a catalog of the log's 3 does)
    canon, source = to_canonical(df, columns)
    ch = make_chunk(canon, assume_utc=assume_utc)
    table = price_table(cat, (*(_spec_of(cat, t) for t in targets), *pins), names=ch.names)
    res = process_frame(
        df,
        table,
        targets,
        columns=columns,
        assume_utc=assume_utc,
        keep_rejected=errors == "report",
        keep_rows=True,
        prepared=(canon, source, ch),
    )
    return finish([res], table, targets, errors=errors, source=res.source)


def cost_usage_stream(
    chunks: Iterable[pd.DataFrame],
    catalog: Catalog | None = None,
    *,
    reprice_as: str | Iterable[str] | None = None,
    errors: str = "raise",
    columns: str | Mapping[str, str] | None = None,
    assume_utc: bool = False,
) -> UsageCost:
    """``cost_usage`` over an iterable of frames (chunks of one file), holding one chunk at a time.

    Totals are exact and identical to a single in-memory run; per-row costs are not kept
    (``rows`` and ``by(<other column>)`` are unavailable). Row labels in errors and in
    ``rejected`` are the chunks' own index labels.
    """
    if errors not in ("raise", "report"):
        raise UsageLogError(f"errors must be 'raise' or 'report', not {errors!r}")
    cat = catalog or load_catalog()
    targets = _targets(cat, reprice_as)
    table = price_table(cat, tuple(_spec_of(cat, t) for t in targets if "@" in t))
    results = [
        process_frame(
            df,
            table,
            targets,
            columns=columns,
            assume_utc=assume_utc,
            keep_rejected=errors == "report",
            keep_rows=False,
        )
        for df in chunks
    ]
    if not results:
        raise UsageLogError("the usage log has no rows")
    return finish(results, table, targets, errors=errors, source=results[0].source)
