"""Price one frame of a usage log, and combine the chunks' results exactly.

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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._catalog.catalog import Catalog
from ..errors import UnknownModelError, UsageLogError, spell
from .binning import bin_chunk, exclude_rows, price_bins, relevant_specs
from .chunks import Chunk, make_chunk
from .columns import to_canonical
from .exact_totals import combine_partials
from .price_table import PriceTable
from .rejected import BadSummary, bad_rows
from .row_costs import RowData
from .usage_cost import UsageCost

__all__ = ["ChunkResult", "spec_of_codes", "reprice_targets", "spec_of", "process_frame", "finish", "staleness"]


def spec_of_codes(ch: Chunk, table: PriceTable) -> np.ndarray:
    """Spec index per model name of the chunk (-1 unknown/blank), marking rows of unknown names."""
    out = np.full(len(ch.names) + 1, -1, dtype=np.int64)
    reason = np.zeros(len(ch.names) + 1, dtype=np.int64)  # per name: the reason code of its rows, 0 = known
    unknown = 0
    for i, name in enumerate(ch.names):
        if not name.strip():
            continue
        try:
            out[i] = table.spec_index(name, suggest=unknown < _NAMED_UNKNOWN)
        except UnknownModelError as exc:
            unknown += 1
            # each name's own message (with suggestions) for the first ones; past that one shared
            # reason, so 40,000 distinct unknown names stay 40,000 rejected rows, not an error
            text = str(exc) if unknown <= _NAMED_UNKNOWN else "unknown model (the model column names it)"
            reason[i] = ch.reasons.code(text)
    if unknown:
        codes = reason[ch.codes]
        ch.bad[:] = np.where((ch.bad == 0) & (codes > 0), codes, ch.bad)
    return out


_NAMED_UNKNOWN = 1_000


def reprice_targets(cat: Catalog, reprice_as: str | Iterable[str] | None) -> list[str]:
    if reprice_as is None:
        return []
    if isinstance(reprice_as, str):
        items = [reprice_as]
    elif isinstance(reprice_as, (list, tuple, set, frozenset)):
        items = list(reprice_as)
    else:
        raise UsageLogError(f"reprice_as is a model name or a list of them, not {type(reprice_as).__name__} "
                            f"{reprice_as!r:.40}")
    out: list[str] = []
    for t in items:
        if not isinstance(t, str):
            raise UsageLogError(f"reprice_as names models by str, not {type(t).__name__} {t!r:.40}")
        spec = spec_of(cat, t)  # UnknownModelError with suggestions, before any work
        if "@" in spec:
            cat.resolve(spec)  # UnknownVersionError early
        if t not in out:
            out.append(t)
    return out


def spec_of(cat: Catalog, t: str) -> str:
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
    rowdata: RowData | None = None
    source: str = "canonical"
    target_rows: dict[str, RowData] = field(default_factory=dict)


def process_frame(
    df: pd.DataFrame,
    table: PriceTable,
    targets: Sequence[str],
    *,
    columns: Any,
    assume_utc: bool,
    assume_live: bool = False,
    keep_rejected: bool,
    keep_rows: bool,
    prepared: tuple[pd.DataFrame, str] | None = None,
) -> ChunkResult:
    """Validate, bin and price one frame under the log's own models and every target.

    ``prepared``: the frame already mapped to canonical columns, with its source name.
    """
    if prepared is None:
        canon, source = to_canonical(df, columns, assume_live=assume_live)
    else:
        canon, source = prepared
    ch = make_chunk(canon, assume_utc=assume_utc, count_requests=table.has_request_fee)
    soc = spec_of_codes(ch, table)
    tidx = [table.specs.index(spec_of(table.catalog, t)) for t in targets]
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
        res.rowdata = RowData(canon, ch, bn, pr, soc, table.sink)
    for t, ti in zip(targets, tidx):
        tpr = price_bins(ch, bn, table, soc, ti, f"as {t}: ")
        tsumm, trej = bad_rows(
            ch, report_frame, tpr.bad_rows, tpr.bad_codes, keep_frame=keep_rejected, texts=ch.reasons.texts
        )
        if keep_rejected and rej is not None and len(rej):
            trej = pd.concat([rej, trej]) if trej is not None and len(trej) else rej
        res.partials[t], res.bad[t], res.rejected[t] = tpr.partial(table.sink), tsumm, trej
        if keep_rows:
            res.target_rows[t] = RowData(canon, ch, bn, tpr, soc, table.sink)
    return res


def staleness(partial: pd.DataFrame, table: PriceTable) -> str | None:
    """Why some rows' prices may be out of date (``Catalog.staleness`` at each row's day), or None.

    A price that is stale on one day is stale on every later day (past the data date, or longer
    unchecked), so per segment the first stale day is found by bisection over the days it has.
    """
    if not len(partial):
        return None
    cat = table.catalog
    seg_of_reg = table.reg_segment[partial["reg"].to_numpy()]
    days = partial["day"].to_numpy()
    rows = partial["rows"].to_numpy()
    n_stale, reasons = 0, []
    for s in np.unique(seg_of_reg):
        res = table.segments[int(s)].res
        if res is None:
            continue
        mine = seg_of_reg == s
        uniq = np.unique(days[mine])

        def why(d: int) -> str | None:
            return cat.staleness(res, dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(days=int(d)))

        if why(uniq[-1]) is None:
            continue
        lo, hi = 0, len(uniq) - 1  # uniq[hi] is stale; find the first stale day
        while lo < hi:
            mid = (lo + hi) // 2
            if why(uniq[mid]) is None:
                lo = mid + 1
            else:
                hi = mid
        n_stale += int(rows[mine & (days >= uniq[lo])].sum())
        text = why(uniq[lo])
        if text not in reasons:
            reasons.append(text)
    if not n_stale:
        return None
    more = f" (and {len(reasons) - 1} more version(s) likewise)" if len(reasons) > 1 else ""
    return f"{n_stale:,} row(s) priced on possibly stale figures: {reasons[0]}{more}"


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
    main.stale = staleness(main.partial, table)
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
        rc.stale = staleness(rc.partial, table)
        if len(results) == 1 and t in results[0].target_rows:
            rc._rowdata = results[0].target_rows[t]
        extra = summaries[t].total
        if extra:
            main.notes.append(
                f"repricing as {t} leaves out {extra:,} more row(s) that {t} cannot price "
                f"({spell(f'see .repriced[{t!r}].rejected', f'excluded_as_{t} counts them per group')}); "
                "its totals cover fewer rows"
            )
        main.repriced[t] = rc
    if summaries[None].total:
        main.notes.insert(
            0,
            f"{summaries[None].total:,} row(s) rejected and excluded from every total "
            f"({spell('see .rejected', '--rejected FILE writes them')})",
        )
    return main
