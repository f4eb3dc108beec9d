"""``tc.plot_cost_curve(workload, models)``: monthly cost against volume, one line per model.

Each point is an exact :func:`~tokencost.monthly_cost` of the workload scaled to that volume
(same mix, same month length), converted to float only to be drawn. The workload's own volume
is marked, with each model's cost there written to the cent.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._display.money import money
from .._plot.axes import SERIES, money_axis, new_axes

if TYPE_CHECKING:
    from .._catalog.catalog import Catalog
    from .._engine.workload import Workload

__all__ = ["plot_cost_curve"]


def plot_cost_curve(workload: Workload | dict[str, Any], models: Sequence[str] | str, at: Any = None, *,
                    up_to: Any = 2, points: int = 21, currency: str = "USD", catalog: Catalog | None = None,
                    ax: Any = None) -> Any:
    """Monthly cost of ``workload`` on each of ``models`` from zero to ``up_to`` times its volume.

    Returns the matplotlib Figure (``fig.axes[0]`` to restyle). Needs ``pip install tokencost[plot]``.

    >>> fig = tc.plot_cost_curve(tc.Workload(tokens="100M/day", input_share="0.8"),
    ...                          ["gpt-4o", "deepseek-chat"], at="2025-03-01")   # doctest: +SKIP
    """
    from .._engine.cost import monthly_cost
    from .._engine.units import to_decimal
    from .._engine.workload import Workload
    from ..errors import WorkloadError

    w = workload if isinstance(workload, Workload) else Workload(**workload)
    names = [models] if isinstance(models, str) else list(models)
    top = to_decimal(up_to, what="up_to")
    if top <= 0 or points < 2:
        raise WorkloadError("needs up_to > 0 and at least 2 points", field="up_to")
    factors = [top * Decimal(k) / Decimal(points - 1) for k in range(points)]
    per_day = w.tokens is not None and w.tokens.per == "day"
    base = w.tokens.tokens if w.tokens is not None else None
    fig, (axis,) = new_axes(ax)
    for i, name in enumerate(names):
        costs = [monthly_cost(w.scaled(f), name, at, currency=currency, catalog=catalog) for f in factors]
        here = monthly_cost(w, name, at, currency=currency, catalog=catalog)
        if per_day and base is not None:
            xs = [float(base * f) / 1e6 for f in factors]
        else:
            xs = [float(c.tokens_per_month) / 1e6 for c in costs]
        color = SERIES[i % len(SERIES)]
        axis.plot(xs, [float(c.total) for c in costs], "-", color=color, lw=1.6,
                  label=f"{here.label}: {money(here.total, currency)}/month here")
        x0 = float(base) / 1e6 if per_day and base is not None else float(here.tokens_per_month) / 1e6
        axis.plot([x0], [float(here.total)], "o", color=color, ms=6)
    x_here = float(base) / 1e6 if per_day and base is not None else float(w.split(None)[0] + w.split(None)[1]) / 1e6 \
        if w.month.spec.strip().lower() != "calendar" else None
    if x_here is not None:
        axis.axvline(x_here, color="#888", ls=":", lw=1)
        axis.annotate("this workload", (x_here, 0), xytext=(4, 4), textcoords="offset points", fontsize=8,
                      color="#555", xycoords=("data", "axes fraction"))
    axis.set_xlabel("million tokens per " + ("day" if per_day else "month")
                    + (f" ({w.month.spec} month)" if per_day else ""))
    axis.set_ylabel(f"{currency} per month")
    money_axis(axis.yaxis, "$" if currency == "USD" else "")
    axis.set_xlim(left=0)
    axis.set_ylim(bottom=0)
    axis.grid(alpha=0.25)
    axis.legend(fontsize=8, loc="upper left")
    axis.set_title(f"Monthly cost against volume ({w.describe()}); money rounded half-up to the cent",
                   fontsize=9, wrap=True)
    return fig
