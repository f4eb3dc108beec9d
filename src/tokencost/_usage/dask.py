"""``cost_usage`` on a ``dask.dataframe.DataFrame``: per-partition binning, exact combination.

Each partition is validated, binned and priced on its worker exactly as a pandas frame
is; what comes back is small: integer token sums per (regime, model, day) -- regime
numbers are the same everywhere because the price table is built from the catalog
alone -- plus the rejected rows (``errors="report"``) or their counts and first few
labels (``errors="raise"``). The client adds the integer sums (Python ints when int64
could overflow) and multiplies by Decimal rates once, so the totals equal a single
in-memory run's to the last digit, whatever the partitioning.

The active Dask scheduler is used: the local threaded scheduler by default, a
``dask.distributed.Client`` when one is connected (see ``docs/usage.md``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from .pipeline import ChunkResult, finish, process_frame
from .price_table import PriceTable
from .row_costs import row_frame
from .usage_cost import UsageCost

__all__ = ["cost_usage_dask"]


def _partition(
    df: pd.DataFrame,
    table: PriceTable,
    targets: tuple[str, ...],
    columns: Any,
    assume_utc: bool,
    assume_live: bool,
    keep_rejected: bool,
) -> ChunkResult:
    res = process_frame(
        df,
        table,
        targets,
        columns=columns,
        assume_utc=assume_utc,
        assume_live=assume_live,
        keep_rejected=keep_rejected,
        keep_rows=False,
    )
    return res


def _rows(
    df: pd.DataFrame, table: PriceTable, target: str | None, columns: Any, assume_utc: bool, assume_live: bool
) -> pd.DataFrame:
    """The accepted rows of one partition with version, segment and float cost (for ``.rows``)."""
    targets = (target,) if target is not None else ()
    res = process_frame(
        df,
        table,
        targets,
        columns=columns,
        assume_utc=assume_utc,
        assume_live=assume_live,
        keep_rejected=False,
        keep_rows=True,
    )
    rd = res.rowdata if target is None else res.target_rows[target]
    assert rd is not None
    return row_frame(rd.frame, rd.chunk, rd.reg(), table, rd.accepted())


def cost_usage_dask(
    ddf: Any,
    table: PriceTable,
    targets: Sequence[str],
    *,
    errors: str,
    columns: str | Mapping[str, str] | None,
    assume_utc: bool,
    assume_live: bool = False,
) -> UsageCost:
    import dask

    parts = ddf.to_delayed()
    fn = dask.delayed(_partition, pure=True)
    tbl = dask.delayed(table, pure=True, traverse=False)
    tasks = [fn(p, tbl, tuple(targets), columns, assume_utc, assume_live, errors == "report") for p in parts]
    results: list[ChunkResult] = list(dask.compute(*tasks))
    source = results[0].source if results else "canonical"

    def lazy_rows(target: str | None) -> Any:
        return ddf.map_partitions(_rows, table, target, columns, assume_utc, assume_live)

    out = finish(results, table, list(targets), errors=errors, source=source, dask_rows=lazy_rows(None))
    for t, rc in out.repriced.items():
        rc._dask_rows = lazy_rows(t)
    return out
