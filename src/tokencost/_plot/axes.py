"""matplotlib, imported on demand, and the few conventions every tokencost plot shares."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from .._display.reprs import VERDICT_COLORS

__all__ = ["SERIES", "VERDICT_COLORS", "headless", "money_axis", "new_axes", "require"]

_HEADLESS: ContextVar[bool] = ContextVar("tokencost_plot_headless", default=False)

# colour-blind-safe cycle (Okabe-Ito); a series keeps its colour across the panels of one figure
SERIES = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


def require() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise ImportError("tokencost's plots need matplotlib: pip install 'tokencost[plot]'") from None
    return matplotlib


def new_axes(ax: Any = None, *, figsize: tuple[float, float] = (7.5, 4.2), ncols: int = 1) -> tuple[Any, list[Any]]:
    """(figure, axes): the caller's ``ax``, else a new pyplot figure (so notebooks show it)."""
    require()
    if ax is not None:
        return ax.figure, [ax]
    if _HEADLESS.get():  # reports: a bare Figure, no pyplot state, no GUI backend, freed when dropped
        from matplotlib.figure import Figure
        fig = Figure(figsize=figsize, layout="constrained")
        return fig, list(fig.subplots(1, ncols, squeeze=False)[0])
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, ncols, figsize=figsize, layout="constrained", squeeze=False)
    return fig, list(axes[0])


@contextlib.contextmanager
def headless() -> Iterator[None]:
    """Within this block new plots are bare Figures (for files), not pyplot windows."""
    token = _HEADLESS.set(True)
    try:
        yield
    finally:
        _HEADLESS.reset(token)


def money_axis(axis: Any, symbol: str = "$") -> None:
    from matplotlib.ticker import FuncFormatter
    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{'-' if v < 0 else ''}{symbol}{abs(v):,.0f}"
                                           if abs(v) >= 100 or v == 0 else f"{symbol}{v:,.2f}"))
