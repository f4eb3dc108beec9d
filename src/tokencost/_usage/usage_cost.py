"""The result of :func:`tokencost.cost_usage` (kept free of numpy/pandas imports until used)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import TYPE_CHECKING, Any

from ..errors import UsageLogError

if TYPE_CHECKING:
    import pandas as pd

    from .price_table import PriceTable
    from .row_costs import RowData

__all__ = ["UsageCost"]

ZERO = Decimal(0)


@dataclass(eq=False)
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
    * ``n_rows``, ``notes`` (what was left out, in words), ``currency`` (always USD).
    * ``stale``: why some rows' prices may be out of date (priced after the tables' data date, or
      on figures unchecked for more than 180 days at the row's time), else None; ``cost_usage``
      also warns once (:class:`~tokencost.errors.StalePriceWarning`). Never an error.

        >>> r = tc.cost_usage(tc.read_usage("usage.csv"), reprice_as="deepseek-chat")  # doctest: +SKIP
        >>> r.total, r.excluded_rows                                                 # doctest: +SKIP
        (Decimal('1234.5678'), 0)
        >>> r.by("month")[["month", "rows", "cost", "cost_as_deepseek-chat"]]        # doctest: +SKIP
    """

    table: PriceTable
    partial: pd.DataFrame
    n_rows: int
    rejected: pd.DataFrame
    label: str | None = None  # the reprice target, None for the log's own models
    repriced: dict[str, UsageCost] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    source: str = "canonical"
    _rowdata: RowData | None = None
    _dask_rows: Any = None
    _total: Decimal | None = None
    _costs: list[Decimal] | None = None  # exact cost of each partial row: .total and .by() share them
    currency: str = "USD"
    stale: str | None = None  # see Catalog.staleness, at each row's day

    @property
    def excluded_rows(self) -> int:
        return len(self.rejected)

    @property
    def total(self) -> Decimal:
        """Exact USD total of the accepted rows."""
        if self._total is None:
            from .._exact import EXACT

            with localcontext(EXACT):
                self._total = sum(self._partial_costs(), ZERO)
        return self._total

    def _partial_costs(self) -> list[Decimal]:
        if self._costs is None:
            from .exact_totals import decimal_costs

            self._costs = decimal_costs(self.partial, self.table)
        return self._costs

    def rounded(self, places: int = 2) -> Decimal:
        return self.total.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

    def by(self, key: str | Sequence[str]) -> pd.DataFrame:
        """Exact totals grouped by ``key`` (see the class docstring), sorted by key."""
        from .exact_totals import STANDARD_KEYS, reduce_partial

        keys = [key] if isinstance(key, str) else list(key)
        if not keys:
            raise UsageLogError("by() needs at least one key")
        other = [k for k in keys if k not in STANDARD_KEYS]
        if other:
            df = self._by_columns(keys, other)
        else:
            df = reduce_partial(self.partial, self.table, keys, costs=self._partial_costs())
        if self.repriced and not any(k in ("version", "segment") for k in keys):
            # targets have versions and segments of their own: compare by model/day/month/columns
            for name, rc in self.repriced.items():
                other_df = rc.by(keys)
                idx = list(other_df[keys].itertuples(index=False, name=None))
                m = dict(zip(idx, other_df["cost"]))
                n = dict(zip(idx, other_df["rows"])) if "rows" in other_df.columns else {}
                here = list(df[keys].itertuples(index=False, name=None))
                # a group none of whose rows could be repriced has no cost there: None, never $0
                df[f"cost_as_{name}"] = [m.get(k) for k in here]
                if "rows" in df.columns and n:
                    excluded = [int(r) - int(n.get(k, 0)) for k, r in zip(here, df["rows"])]
                    if any(excluded):
                        df[f"excluded_as_{name}"] = excluded
        df = self._with_excluded(df, keys)
        from .._display.frames import tidy
        return tidy(df)

    def _with_excluded(self, df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
        """Say what the totals leave out: an ``excluded_rows`` column (rows of each group rejected under
        ``errors="report"``, with groups that only have rejected rows, cost missing) where the keys are
        columns of the log, and ``df.attrs["excluded_rows"]`` / ``["note"]`` always."""
        n = self.excluded_rows
        if not n:
            return df
        rej = self.rejected
        if rej is not None and len(rej) and all(k in rej.columns for k in keys):
            import pandas as pd

            counts = rej.groupby(keys, dropna=False).size()
            here = list(df[keys].itertuples(index=False, name=None))
            lookup = {(k if isinstance(k, tuple) else (k,)): int(v) for k, v in counts.items()}
            df = df.copy()
            df["excluded_rows"] = [lookup.get(k, 0) for k in here]
            missing = [k for k in lookup if k not in set(here)]
            if missing:
                extra = pd.DataFrame([dict(zip(keys, k)) for k in missing])
                extra["excluded_rows"] = [lookup[k] for k in missing]
                if "rows" in df.columns:
                    extra["rows"] = 0
                df = pd.concat([df, extra], ignore_index=True)  # their cost stays missing, never $0
        df.attrs["excluded_rows"] = n
        df.attrs["note"] = f"{n} row(s) were rejected and are not in these totals: see .rejected"
        return df

    def _by_columns(self, keys: list[str], other: list[str]) -> pd.DataFrame:
        import numpy as np
        import pandas as pd

        from .exact_totals import STANDARD_KEYS, reduce_partial, row_partial

        rd = self._rowdata
        if rd is None:
            raise UsageLogError(
                f"grouping by {other} needs the rows in memory; for Dask or streamed logs "
                f"group by {list(STANDARD_KEYS)}"
            )
        missing = [k for k in other if k not in rd.frame.columns]
        if missing:
            raise UsageLogError(
                f"cannot group by {missing}: no such column; keys are {list(STANDARD_KEYS)} "
                f"or a column of the log ({', '.join(map(str, rd.frame.columns[:15]))})"
            )
        if len(other) == 1:
            codes, uniq = pd.factorize(rd.frame[other[0]], use_na_sentinel=True)
            names = {other[0]: list(uniq)}
        else:
            codes, uniq = pd.factorize(pd.MultiIndex.from_frame(rd.frame[other]), use_na_sentinel=True)
            names = {"__multi__": list(uniq)}
        n_extra = len(uniq)
        codes = np.where(codes < 0, n_extra, codes).astype(np.int64)
        part = row_partial(rd.chunk, self.table, rd.reg(), rd.model(), codes, n_extra)
        if len(other) == 1:
            return reduce_partial(part, self.table, keys, names)
        keys2 = [k if k not in other else "__multi__" for k in keys]
        keys2 = list(dict.fromkeys(keys2))
        df = reduce_partial(part, self.table, keys2, names)
        split = pd.DataFrame(
            [list(t) if isinstance(t, tuple) else [None] * len(other) for t in df["__multi__"]], columns=other
        )
        df = df.drop(columns=["__multi__"])
        pos = keys2.index("__multi__")
        for j, c in enumerate(other):
            df.insert(pos + j, c, split[c])
        return df

    @property
    def rows(self) -> Any:
        """Accepted rows with ``version``, ``segment`` and float ``cost`` (lazy Dask frame for Dask input)."""
        from .row_costs import row_frame

        if self._dask_rows is not None:
            return self._dask_rows
        rd = self._rowdata
        if rd is None:
            raise UsageLogError("per-row costs are only kept for in-memory logs (cost_usage on a DataFrame)")
        return row_frame(rd.frame, rd.chunk, rd.reg(), self.table, rd.accepted())

    def summary(self) -> str:
        who = f" priced as {self.label}" if self.label else ""
        s = f"{self.n_rows:,} rows{who}: total {self.rounded()} USD (exact {self.total.normalize():f})"
        if self.excluded_rows:
            s += f"; EXCLUDES {self.excluded_rows:,} rejected row(s) (see .rejected)"
        return s

    def warn_if_stale(self, stacklevel: int = 3) -> None:
        """One StalePriceWarning for this result and its repricings (what ``cost_usage`` calls)."""
        import warnings

        from ..errors import StalePriceWarning

        texts = ([self.stale] if self.stale else []) + [f"as {t}: {rc.stale}" for t, rc in self.repriced.items()
                                                         if rc.stale]
        if texts:
            warnings.warn("possibly stale price: " + "; ".join(texts), StalePriceWarning, stacklevel=stacklevel)

    def __repr__(self) -> str:
        from .._display.reprs import usage_repr
        return usage_repr(self)

    def _repr_html_(self) -> str:
        from .._display.reprs import usage_html
        return usage_html(self)

    def __str__(self) -> str:
        lines = [self.summary()]
        for name, rc in self.repriced.items():
            lines.append("  as " + rc.summary())
        lines += [f"  note: {n}" for n in self.notes]
        if self.stale:
            lines.append(f"  possibly stale: {self.stale}")
        lines += [f"  as {t}, possibly stale: {rc.stale}" for t, rc in self.repriced.items() if rc.stale]
        return "\n".join(lines)
