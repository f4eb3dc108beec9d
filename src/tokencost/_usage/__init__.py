"""Usage logs: price millions of logged requests at the prices in effect when they were made.

``import tokencost`` stays cheap: numpy, pandas and the pricing engine load on the first
call of :func:`cost_usage` or :func:`read_usage`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .result import UsageCost

if TYPE_CHECKING:
    import pandas as pd

    from .._catalog.catalog import Catalog

__all__ = ["UsageCost", "cost_usage", "read_usage"]


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
    from .cost import cost_usage as _impl

    return _impl(df, catalog, reprice_as=reprice_as, errors=errors, columns=columns, assume_utc=assume_utc)


def read_usage(
    path: str | os.PathLike[str], columns: str | Mapping[str, str] | None = "auto"
) -> pd.DataFrame:
    """Read a usage log (CSV, Parquet via pyarrow, JSON Lines) into canonical columns.

    ``columns`` picks the export mapping (``"auto"`` detects OpenAI, Anthropic and LiteLLM
    exports, else canonical names or common synonyms; see ``docs/usage.md``). The export's
    own columns are kept next to the canonical ones.
    """
    from .read import read_usage as _impl

    return _impl(path, columns)
