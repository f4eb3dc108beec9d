"""``Catalog.plot_history(model)``: a model's price steps over time, per component.

Official (and promotional) prices are steps: a solid segment per version over its effective
interval. Figures that articles or datasets only *report* (status reported/rumored) are hollow
markers at their date, apart from the steps, so a rumour never reads as a price. A version that
ends with nothing after it is a retirement, marked with a cross and "retired". A version whose start
no source gives (``effective_from_known: false``) is marked "start unknown" at its evidence date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from .axes import SERIES, money_axis, new_axes

Catalog = Any  # read, not imported: Catalog.plot_history (a lower layer) calls this module

__all__ = ["plot_history"]

_OFFICIAL = ("official", "promotional")


def plot_history(cat: Catalog, model: str, *, components: Sequence[str] | None = None, currency: str = "USD",
                 ax: Any = None) -> Any:
    mid = cat.model_id(model)
    versions = [v for v in cat.versions(mid) if v.currency == currency]
    if not versions:
        from ..errors import NoPriceError
        raise NoPriceError(mid, "any date", [f"{v.id} ({v.currency})" for v in cat.versions(mid)],
                           reason=f"{mid} has no {currency} prices to plot")
    # token rates only by default: request and search fees are per 1k, not per Mtok, and would share no axis
    every = [c for c in type(versions[0].rates).model_fields if c not in ("request", "web_search", "code_execution")]
    comps = [c for c in (components or every) if any(getattr(v.rates, c, None) is not None for v in versions)]
    fig, (axis,) = new_axes(ax, figsize=(8.5, 4.2))
    now = dt.datetime.now(dt.timezone.utc)
    official = [v for v in versions if v.status in _OFFICIAL]
    latest = max([v.start for v in versions] + [v.end for v in versions if v.end is not None])
    right = max(now, latest + dt.timedelta(days=30))
    for i, comp in enumerate(comps):
        color = SERIES[i % len(SERIES)]
        labelled = False
        prev = None
        for v in official:
            r = getattr(v.rates, comp)
            if r is None:
                prev = None
                continue
            end = v.end or right
            style = "-" if v.status == "official" else "--"
            axis.hlines(float(r), v.start, end, colors=color, lw=2.2, linestyles=style,
                        label=None if labelled else f"{comp} (official)", gid=f"official:{comp}:{v.id}")
            labelled = True
            if prev is not None and prev[0] == v.start:  # a step: join it
                axis.vlines(v.start, prev[1], float(r), colors=color, lw=1, linestyles=":")
            prev = (end, float(r))
        rep = [v for v in versions if v.status not in _OFFICIAL and getattr(v.rates, comp) is not None]
        for k, v in enumerate(rep):
            axis.plot([v.start], [float(getattr(v.rates, comp))], "o", mfc="none", mec=color, mew=1.6, ms=8,
                      label=f"{comp} ({v.status}, not an official price)" if k == 0 else None,
                      gid=f"{v.status}:{comp}:{v.id}")
    for v in official:
        if not v.effective_from_known:  # the step begins at its evidence, not at a known start: say so
            axis.axvline(v.start, color="#777777", ls=":", lw=1, gid=f"start-unknown:{v.id}")
            axis.annotate("start unknown", (v.start, 1), xytext=(-3, -12), textcoords="offset points", fontsize=8,
                          color="#555555", ha="right", xycoords=("data", "axes fraction"))
    retired = [v for v in official if v.end is not None
               and not any(w.start >= v.end and w.status in _OFFICIAL for w in official)]
    for v in retired:
        axis.axvline(v.end, color="#b3261e", ls="--", lw=1, gid=f"retired:{v.id}")
        axis.annotate("retired", (v.end, 1), xytext=(3, -12), textcoords="offset points", fontsize=8,
                      color="#b3261e", xycoords=("data", "axes fraction"))
    axis.set_xlim(min(v.start for v in versions) - dt.timedelta(days=20), right)
    axis.set_ylim(bottom=0)
    axis.set_ylabel(f"{currency} per million tokens")
    money_axis(axis.yaxis, "$" if currency == "USD" else "")
    axis.grid(alpha=0.25)
    axis.legend(fontsize=8, loc="best")
    axis.set_title(f"{mid}: price history ({len(official)} official, {len(versions) - len(official)} reported "
                   f"figure(s)); rates exact as published", fontsize=9)
    fig.autofmt_xdate() if ax is None else None
    return fig
