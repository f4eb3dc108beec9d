"""Render DataFrames for people (aligned tables, markdown) and machines (CSV, JSON).

Decimals are printed with their exact digits; nothing is rounded unless a column
was rounded on purpose upstream.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas loads only when a table is rendered, not when the CLI starts
    import pandas as pd

__all__ = ["FORMATS", "jsonable", "render"]


def _is_nat(v: Any) -> bool:
    return type(v).__name__ == "NaTType"  # pandas.NaT, recognised without importing pandas


FORMATS = ("table", "csv", "json", "markdown")


def _cell(v: Any) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if _is_nat(v):
        return ""
    if isinstance(v, Decimal):
        return f"{v:f}"  # the digits as computed or as written in the data; never re-rounded
    if isinstance(v, dt.datetime):
        if v.hour == v.minute == v.second == 0:
            return f"{v:%Y-%m-%d}"
        return f"{v:%Y-%m-%d %H:%M}"
    return str(v)


def jsonable(v: Any) -> Any:
    if v is None or _is_nat(v) or (isinstance(v, float) and v != v):
        return None  # NaT is also a datetime: test it first
    if isinstance(v, Decimal):
        return f"{v.normalize():f}" if v == v.to_integral_value() else f"{v:f}"
    if isinstance(v, Fraction):  # exact, as written: "8/9"
        return str(v)
    if isinstance(v, dt.datetime | dt.date):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [jsonable(x) for x in v]
    if hasattr(v, "item"):
        return v.item()
    return v


def render(data: pd.DataFrame | Sequence[Mapping[str, Any]], fmt: str = "table", *, max_width: int = 60) -> str:
    """``data`` (a DataFrame, or rows as dicts: no pandas needed) as a table, markdown, CSV or JSON."""
    if isinstance(data, Sequence):
        cols = list(dict.fromkeys(k for row in data for k in row))
        rows = [[row.get(c) for c in cols] for row in data]
    else:
        cols, rows = [str(c) for c in data.columns], list(data.itertuples(index=False))
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        w.writerows([[_cell(v) for v in row] for row in rows])
        return buf.getvalue()
    if fmt == "json":
        return json.dumps([jsonable(dict(zip(cols, r))) for r in rows], indent=2, ensure_ascii=False)
    cells = [[_cell(v) for v in row] for row in rows]
    if fmt == "markdown":
        esc = [[c.replace("|", "\\|") for c in row] for row in cells]
        lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in esc]
        return "\n".join(lines)
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    numeric = [all(_looks_numeric(r[i]) for r in cells if r[i]) for i in range(len(cols))]

    def fmt_row(row: list[str]) -> str:
        return "  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(row, widths, numeric)).rstrip()

    out = [fmt_row(cols), "  ".join("-" * w for w in widths)]
    out += [fmt_row(r) for r in cells]
    return "\n".join(out)


def _looks_numeric(s: str) -> bool:
    try:
        Decimal(s.replace(",", "").rstrip("%"))
        return True
    except ArithmeticError:
        return False
