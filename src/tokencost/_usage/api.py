"""The two ways to price a usage log: ``cost_usage`` (a DataFrame) and ``cost_usage_stream`` (chunks)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from .._catalog.catalog import Catalog, load_catalog
from ..errors import UsageLogError
from .columns import to_canonical
from .pipeline import finish, process_frame, reprice_targets, spec_of
from .price_table import price_table
from .usage_cost import UsageCost

__all__ = ["cost_usage", "cost_usage_stream"]


def _prepare(catalog: Catalog | None, reprice_as: str | Iterable[str] | None,
             errors: str) -> tuple[Catalog, list[str], tuple[str, ...]]:
    """What both entry points check and resolve first: the catalog, the repricing targets, the pinned specs."""
    if errors not in ("raise", "report"):
        raise UsageLogError(f"errors must be 'raise' or 'report', not {errors!r}")
    cat = catalog or load_catalog()
    targets = reprice_targets(cat, reprice_as)
    return cat, targets, tuple(spec_of(cat, t) for t in targets if "@" in t)


def cost_usage(
    df: Any,
    catalog: Catalog | None = None,
    *,
    reprice_as: str | Iterable[str] | None = None,
    errors: str = "raise",
    columns: str | Mapping[str, str] | None = None,
    assume_utc: bool = False,
    assume_live: bool = False,
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
    ``assume_utc=True`` reads naive timestamps as UTC instead of rejecting them;
    ``assume_live=True`` prices rows of an export that cannot say batch or not (no batch or
    service-tier column, or empty cells) as live traffic instead of rejecting them.
    """
    cat, targets, pins = _prepare(catalog, reprice_as, errors)
    if type(df).__module__.startswith("dask"):
        from .dask import cost_usage_dask

        table = price_table(cat, pins)
        out = cost_usage_dask(
            df, table, targets, errors=errors, columns=columns, assume_utc=assume_utc, assume_live=assume_live
        )
        out.warn_if_stale()
        return out
    if not isinstance(df, pd.DataFrame):
        raise UsageLogError(
            f"cost_usage takes a pandas or Dask DataFrame, not {type(df).__name__}; "
            "read files with tc.read_usage(path)"
        )
    # one frame: its model names are known before pricing, so the table holds just those models and the
    # targets (a catalog of 600 models then costs what a catalog of the log's 3 does)
    canon, source = to_canonical(df, columns, assume_live=assume_live)
    m = canon["model"]
    names = [str(c) for c in (m.cat.categories if isinstance(m.dtype, pd.CategoricalDtype) else m.dropna().unique())]
    table = price_table(cat, (*(spec_of(cat, t) for t in targets), *pins), names=names)
    res = process_frame(
        df,
        table,
        targets,
        columns=columns,
        assume_utc=assume_utc,
        assume_live=assume_live,
        keep_rejected=errors == "report",
        keep_rows=True,
        prepared=(canon, source),
    )
    out = finish([res], table, targets, errors=errors, source=res.source)
    out.warn_if_stale()
    return out


def cost_usage_stream(
    chunks: Iterable[pd.DataFrame],
    catalog: Catalog | None = None,
    *,
    reprice_as: str | Iterable[str] | None = None,
    errors: str = "raise",
    columns: str | Mapping[str, str] | None = None,
    assume_utc: bool = False,
    assume_live: bool = False,
) -> UsageCost:
    """``cost_usage`` over an iterable of frames (chunks of one file), holding one chunk at a time.

    Totals are exact and identical to a single in-memory run; per-row costs are not kept
    (``rows`` and ``by(<other column>)`` are unavailable). Row labels in errors and in
    ``rejected`` are the chunks' own index labels.
    """
    cat, targets, pins = _prepare(catalog, reprice_as, errors)
    table = price_table(cat, pins)
    results = [
        process_frame(
            df,
            table,
            targets,
            columns=columns,
            assume_utc=assume_utc,
            assume_live=assume_live,
            keep_rejected=errors == "report",
            keep_rows=False,
        )
        for df in chunks
    ]
    if not results:
        raise UsageLogError("the usage log has no rows")
    out = finish(results, table, targets, errors=errors, source=results[0].source)
    out.warn_if_stale()
    return out
