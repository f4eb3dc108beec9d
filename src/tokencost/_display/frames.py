"""DataFrames that read well and plot: exact Decimal columns kept, floats one accessor away.

tokencost's tables keep money as exact ``Decimal`` objects (pandas has no exact decimal dtype), which
pandas cannot plot and prints with whatever exponent each value happened to have
(``2235.750000 / 3855.00000 / 16200.0``). Every DataFrame tokencost returns passes through
:func:`tidy`, which

* gives each Decimal column one number of decimal places (the most any of its values needs, and
  no fewer than all of them were written with; at most 12), by appending or dropping trailing
  zeros only: every value stays equal to what was computed. Figures from the data files (catalog
  tables) only gain zeros, so the most precise one reads as written;
* puts NaN (``float('nan')``) where a value is missing, so ``isna``, ``dropna`` and plotting treat it
  as missing (it used to be ``None``); a missing price is never 0;
* registers the ``.tc`` accessor: ``df.tc.floats()`` is a copy with every exact column (Decimal or
  Fraction) as float64, for plotting and quick arithmetic, e.g.
  ``tc.compare(...).tc.floats().plot.bar(x="model", y="monthly_cost")``; ``df.tc.exact_columns``
  names those columns. Floats are for looking at; totals stay exact in the original frame.
"""

from __future__ import annotations

from decimal import Context, Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MAX_ALIGN_PLACES", "exact_columns", "floats", "tidy"]

MAX_ALIGN_PLACES = 12  # beyond this a value is a non-terminating 80-digit one: left as computed
_EXACT = (Decimal, Fraction)
_registered = False


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and v != v) or (isinstance(v, Decimal) and v.is_nan())


def exact_columns(df: pd.DataFrame) -> list[str]:
    """Columns whose present values are all Decimal or Fraction (and at least one is)."""
    out = []
    for c in df.columns:
        if df[c].dtype != object:
            continue
        vals = [v for v in df[c] if not _missing(v)]
        if vals and all(isinstance(v, _EXACT) for v in vals):
            out.append(c)
    return out


def _places(d: Decimal) -> int:
    exp = d.normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def _align(values: list[Any], written: bool = False) -> list[Any]:
    decs = [v for v in values if isinstance(v, Decimal) and v.is_finite()]
    wanted = [p for p in map(_places, decs) if p <= MAX_ALIGN_PLACES]
    if not wanted:
        return values
    # as many places as the most precise value needs, and no fewer than every value was written
    # with (a column rounded to the cent keeps its cents even where they are zero)
    own = [max(0, -e) if isinstance(e := d.as_tuple().exponent, int) else 0 for d in decs]
    keep = max(own) if written else min(own)
    q = Decimal(1).scaleb(-min(MAX_ALIGN_PLACES, max(*wanted, keep)))
    out = []
    with localcontext(Context(prec=120)):  # wide enough that appending zeros never rounds
        for v in values:
            if isinstance(v, Decimal) and v.is_finite() and _places(v) <= MAX_ALIGN_PLACES:
                w = v.quantize(q)
                out.append(w if w == v else v)
            else:
                out.append(v)
    return out


def tidy(df: pd.DataFrame, *, written: bool = False) -> pd.DataFrame:
    """Align the exact columns' decimal places, NaN for missing values, and enable ``df.tc``.

    ``written=True`` (figures from the data files) only appends zeros, so the most precise figure
    reads as the file wrote it ("2.50", and "5.00" beside it).
    """
    register()
    nan = float("nan")
    for c in exact_columns(df):
        vals = [nan if _missing(v) else v for v in df[c]]
        df[c] = _align(vals, written) if any(isinstance(v, Decimal) for v in vals) else vals
        df[c] = df[c].astype(object)
    for c in df.columns:  # columns that hold nothing but None (a missing rate everywhere)
        if df[c].dtype == object and len(df) and all(v is None for v in df[c]):
            df[c] = [nan] * len(df)
    return df


def floats(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with every exact (Decimal/Fraction) column as float64; missing values are NaN."""
    out = df.copy()
    nan = float("nan")
    for c in exact_columns(df):
        out[c] = [nan if _missing(v) else float(v) for v in df[c]]
        out[c] = out[c].astype("float64")
    return out


def register() -> None:
    """Register the ``.tc`` DataFrame accessor (once; needs pandas, which the caller has loaded)."""
    global _registered
    if _registered:
        return
    import pandas as pd

    @pd.api.extensions.register_dataframe_accessor("tc")
    class TokencostAccessor:
        """``df.tc.floats()``: exact columns as float64 for plotting; ``df.tc.exact_columns``."""

        def __init__(self, obj: pd.DataFrame) -> None:
            self._df = obj

        @property
        def exact_columns(self) -> list[str]:
            return exact_columns(self._df)

        def floats(self) -> pd.DataFrame:
            return floats(self._df)

    _registered = True
