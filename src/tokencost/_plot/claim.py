"""``ClaimResult.plot()``: the recomputed value against the claim's free assumption, per reading.

* The input share is free (a blended price, a monthly cost or saving): one curve per scenario
  (baseline or subject version), the stated band shaded, and the sub-intervals where the claim
  holds drawn thick. The curves are sampled for drawing; the highlighted intervals are the exact
  regions the checker solved (Fractions, shown as floats).
* The month length is free too: a second panel maps where it holds, input share x month length.
* Two assumptions are free (say the input and the cached share): a map of the plane with each reading's
  exact region filled. Its pieces are bounded by the solved sides themselves: a straight side is drawn
  from its two exact end points, a curved side (a hyperbola arc) through points computed on the exact
  curve; no grid is sampled. The claim's stated point is marked.
* Three are free: the same map of the cross-section ``holds_where`` reads (the first assumption at the
  stated point's value), for each reading whose solid is not empty.
* Nothing is free (an input-price claim, a stated price): one dot per reading against the band.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..errors import ClaimError
from .axes import SERIES, VERDICT_COLORS, money_axis, new_axes

# The result objects are read, not imported (this module sits below the claims layer, which calls
# it from ClaimResult.plot): ClaimResult and ScenarioResult below are names for the duck types.
ClaimResult = ScenarioResult = Any

__all__ = ["MAX_SERIES", "plot_claim"]

MAX_SERIES = 8  # more readings than this are listed as "+N more" rather than drawn illegibly
_STYLE = {"at claim date": "-", "fixed": "-", "price history": "--", "as reported": ":"}
_UNIT_LABEL = {"percent": "percent", "usd": "US$", "multiple": "times (baseline / subject)",
               "ratio": "ratio (subject / baseline)"}
_KIND_LABEL = {"monthly_savings": "US$ per month", "monthly_cost": "US$ per month", "price": "US$ per million tokens"}


def _value_label(r: ClaimResult, unit: str) -> str:
    if unit == "usd" and r.claim.kind == "price" and getattr(r.stated, "currency", "USD") == "CNY":
        return "yuan (CNY) per million tokens"  # a yuan price is compared in yuan
    return _KIND_LABEL.get(r.claim.kind, _UNIT_LABEL.get(unit, unit)) if unit == "usd" else _UNIT_LABEL.get(unit, unit)


def _label(r: ClaimResult, s: ScenarioResult) -> str:
    subject = (r.claim.subject or "").split("@")[0]
    if s.baseline:
        who = f"vs {s.baseline}@{s.baseline_version}"
        if len({x.subject_version for x in r.scenarios}) > 1:  # several subject prices: say whose
            who = f"{subject}@{s.subject_version} {who}"
    else:
        who = f"{subject}@{s.subject_version}" if s.subject_version else (subject or "recomputed")
    return f"{who} ({s.scenario})"


def _legend(ax: Any, entries: int) -> None:
    """Few entries inside the plot; many below it, where they cover no line."""
    if entries > 4:
        ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, frameon=False)
    else:
        ax.legend(fontsize=7, loc="best")


def _log_if_wide(axis_setter: Any, values: list[float], iv: Any) -> bool:
    """A log scale where readings differ by orders of magnitude (215x vs 10x), so the band stays visible."""
    pts = list(values) + ([float(b.value) for b in (iv.lo, iv.hi) if b.value is not None] if iv is not None else [])
    if pts and min(pts) > 0 and max(pts) / min(pts) >= 20:
        axis_setter("log")
        return True
    return False


def _band(r: ClaimResult) -> tuple[str, Any] | None:
    st = r.stated
    if st is None or not st.intervals:
        return None
    rule = next(iter(st.intervals))
    return rule, st.intervals[rule]


def _f(x: Fraction | None) -> float | None:
    return None if x is None else float(x)


def _draw_band(ax: Any, iv: Any, lo_data: float, hi_data: float, text: str, vertical: bool = False) -> None:
    """Shade the stated interval; a one-sided bound extends past the data's range."""
    pad = max(abs(hi_data - lo_data) * 0.15, abs(hi_data) * 0.05, 1e-9)
    lo = _f(iv.lo.value) if iv.lo.value is not None else min(lo_data, _f(iv.hi.value) or lo_data) - pad
    hi = _f(iv.hi.value) if iv.hi.value is not None else max(hi_data, _f(iv.lo.value) or hi_data) + pad
    span = ax.axvspan if vertical else ax.axhspan
    span(lo, hi, color="#f2c14e", alpha=0.35, lw=0, label=text, zorder=0)
    edge = ax.axvline if vertical else ax.axhline
    for b in (iv.lo, iv.hi):  # a band narrower than a pixel still shows as its edges
        if b.value is not None:
            edge(float(b.value), color="#c8961e", lw=0.8, ls="-" if b.closed else "--", zorder=0)


def _ordered(r: ClaimResult, scen: list[ScenarioResult]) -> list[ScenarioResult]:
    first = [s for s in scen if s.scenario in ("at claim date", "fixed")]
    return first + [s for s in scen if s not in first]


def plot_claim(r: ClaimResult, *, ax: Any = None) -> Any:
    scen = [s for s in r.scenarios if s.computed_min is not None]
    if not scen or r.stated is None:
        raise ClaimError(f"nothing to plot: the claim is {r.verdict} and nothing was recomputed ({r.reason})",
                         claim_id=r.claim.id)
    scen = _ordered(r, scen)
    planes = [s for s in scen if len(s.axes) == 2]
    sections = [s for s in scen if len(s.axes) == 3 and s.section is not None]
    if planes or sections:
        fig, axes = new_axes(ax, figsize=(7.5, 5.4))
        if planes:
            _plane_map(r, planes, axes[0])
        else:
            _plane_map(r, sections, axes[0], section=True)
        fig.suptitle(f"{r.claim.id}: {r.verdict} (stated {r.claim.stated!r})", fontsize=11)
        return fig
    curves = [s for s in scen if s.quantities and s.domain is not None and s.domain.lo != s.domain.hi]
    months = sorted({m for s in curves for m in s.quantities})
    if curves:
        two_d = len(months) > 1
        fig, axes = new_axes(ax, figsize=(11.5, 4.4) if two_d and ax is None else (7.5, 4.4),
                             ncols=2 if two_d and ax is None else 1)
        m0 = Fraction(30) if Fraction(30) in months else months[0]
        if two_d and ax is not None:  # the caller gave one Axes: the region map is the 2-D answer
            _region_map(r, curves, months, axes[0])
        else:
            _curves(r, curves, m0, axes[0], two_d, legend=not two_d)
            if two_d:  # one legend for both panels: a reading has the same colour in each
                _region_map(r, curves, months, axes[1], legend=False)
                handles, labels = axes[0].get_legend_handles_labels()
                fig.legend(handles, labels, loc="outside lower center", ncol=2, fontsize=7, frameon=False)
    else:
        fig, axes = new_axes(ax, figsize=(7.5, 1.6 + 0.42 * min(len(scen), MAX_SERIES)))
        _dots(r, scen, axes[0])
    fig.suptitle(f"{r.claim.id}: {r.verdict} (stated {r.claim.stated!r})", fontsize=11)
    return fig


def _curves(r: ClaimResult, curves: list[ScenarioResult], m0: Fraction, ax: Any, two_d: bool, *,
            legend: bool = True) -> None:
    unit = r.stated.unit if r.stated else ""
    rule, iv = _band(r) or (None, None)
    shown = [s for s in curves if m0 in s.quantities][:MAX_SERIES]
    ys_all: list[float] = []
    for i, s in enumerate(shown):
        q, dom = s.quantities[m0], s.domain
        assert dom is not None
        lo, hi = float(dom.lo), float(dom.hi)
        xs = [lo + (hi - lo) * k / 200 for k in range(201)]
        a, b, c, d = (float(q.a), float(q.b), float(q.c), float(q.d))
        ys = [(a + b * x) / (c + d * x) for x in xs]
        ys_all += ys
        color = SERIES[i % len(SERIES)]
        ax.plot([x * 100 for x in xs], ys, _STYLE.get(s.scenario, "-"), color=color, lw=1.4,
                label=f"{_label(r, s)}: {s.verdict}")
        region = None
        for per_month in s.regions.values():  # the primary rounding first; others only where it fails
            region = per_month.get(m0)
            if region is not None:
                break
        if region is not None:
            rx = [float(region.lo) + (float(region.hi) - float(region.lo)) * k / 60 for k in range(61)]
            ry = [(a + b * x) / (c + d * x) for x in rx]
            ax.plot([x * 100 for x in rx], ry, "-", color=color, lw=5, alpha=0.55, solid_capstyle="butt")
            ax.axvspan(float(region.lo) * 100, float(region.hi) * 100, ymin=0, ymax=0.035, color=color, lw=0)
    if unit in ("multiple", "ratio"):  # money stays linear: a linear saving should look linear
        _log_if_wide(ax.set_yscale, ys_all, iv)
    if iv is not None:
        _draw_band(ax, iv, min(ys_all), max(ys_all), f"stated {r.claim.stated!r}: {iv.describe()}"
                   + ("" if rule == "half_up" else f" ({rule})"))
        ax.set_ylim(*_limits(ys_all, iv, ax.get_yscale() == "log"))
    if len(curves) > len(shown):
        ax.text(0.99, 0.01, f"+{len(curves) - len(shown)} more readings (see .scenarios)", transform=ax.transAxes,
                ha="right", va="bottom", fontsize=8, color="#555")
    ax.set_xlabel("input share of tokens (%)")
    ax.set_ylabel(_value_label(r, unit))
    if unit == "usd":
        money_axis(ax.yaxis)
    ax.set_title("value at each input share" + (f" ({float(m0):g}-day month)" if two_d else "")
                 + "; thick where it holds", fontsize=9)
    ax.grid(alpha=0.25)
    if legend:
        _legend(ax, len(shown) + 1)


def _limits(values: list[float], iv: Any, log: bool) -> tuple[float, float]:
    """Axis limits that show every reading and the band's finite edges, with a margin."""
    pts = list(values) + [float(b.value) for b in (iv.lo, iv.hi) if b.value is not None]
    if log:
        pts = [p for p in pts if p > 0]
        return min(pts) / 1.6, max(pts) * 1.6
    lo, hi = min(pts), max(pts)
    pad = (hi - lo) * 0.08 or abs(hi) * 0.05 or 1.0
    return lo - pad, hi + pad


def _region_map(r: ClaimResult, curves: list[ScenarioResult], months: list[Fraction], ax: Any, *,
                legend: bool = True) -> None:
    shown = curves[:MAX_SERIES]
    n = len(shown)
    h = 0.8 / max(n, 1)
    for i, s in enumerate(shown):
        color = SERIES[i % len(SERIES)]
        for j, m in enumerate(months):
            region = None
            for per_month in s.regions.values():
                region = per_month.get(m)
                if region is not None:
                    break
            if region is None:
                continue
            y = j - 0.4 + i * h
            lo, hi = float(region.lo) * 100, float(region.hi) * 100
            if hi - lo < 0.2:  # a single share: a mark, not an invisible bar
                ax.plot([lo], [y + h / 2], "d", color=color, ms=6)
            else:
                ax.broken_barh([(lo, hi - lo)], (y, h * 0.9), color=color, alpha=0.8)
        ax.plot([], [], "s", color=color, label=_label(r, s))
    ax.set_yticks(range(len(months)), [f"{float(m):g} d" for m in months])
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(months) - 0.4)
    ax.set_xlabel("input share of tokens (%)")
    ax.set_ylabel("month length")
    ax.set_title("where it holds: input share x month length (exact regions)", fontsize=9)
    ax.grid(axis="x", alpha=0.25)
    if legend:
        _legend(ax, n)


def _dots(r: ClaimResult, scen: list[ScenarioResult], ax: Any) -> None:
    unit = r.stated.unit if r.stated else ""
    rule, iv = _band(r) or (None, None)
    shown = scen[:MAX_SERIES]
    vals: list[float] = []
    for i, s in enumerate(shown):
        lo, hi = float(s.computed_min), float(s.computed_max)  # type: ignore[arg-type]
        vals += [lo, hi]
        color = VERDICT_COLORS.get(s.verdict, ("#444", ""))[0]
        if hi > lo:
            ax.plot([lo, hi], [i, i], "-", color=color, lw=3)
        ax.plot([lo], [i], "o", color=color, ms=7)
        ax.annotate(s.verdict, (hi, i), xytext=(6, 0), textcoords="offset points", va="center", fontsize=8,
                    color=color)
    if unit in ("multiple", "ratio") or r.claim.kind == "price":
        _log_if_wide(ax.set_xscale, vals, iv)
    if iv is not None:
        _draw_band(ax, iv, min(vals), max(vals), f"stated {r.claim.stated!r}: {iv.describe()}"
                   + ("" if rule == "half_up" else f" ({rule})"), vertical=True)
        ax.set_xlim(*_limits(vals, iv, ax.get_xscale() == "log"))
    ax.set_yticks(range(len(shown)), [_label(r, s) for s in shown], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(_value_label(r, unit))
    if unit == "usd" and r.claim.kind != "price":
        money_axis(ax.xaxis)
    ax.grid(axis="x", alpha=0.25)
    ax.legend(fontsize=7, loc="best")
    if len(scen) > len(shown):
        ax.text(0.99, 0.01, f"+{len(scen) - len(shown)} more readings", transform=ax.transAxes, ha="right",
                fontsize=8, color="#555")


ARC_POINTS = 48  # points computed on a curved side (exact values, drawn joined); a straight side needs two


def _axis_scale(free: Any) -> tuple[float, str]:
    """Display factor and label of a free assumption: shares in percent, a volume in millions."""
    if free.name == "tokens":
        return 1e-6, f"{free.label()} (millions)"
    return 100.0, f"{free.label()} (%)"


def _side_points(side: Any, x0: Fraction, x1: Fraction, edge: Fraction, reverse: bool) -> list[tuple[float, float]]:
    c = side.curve
    straight = c.d == 0
    n = 1 if straight or x0 == x1 else ARC_POINTS
    xs = [x0 + (x1 - x0) * Fraction(k, n) for k in range(n + 1)]
    pts = [(float(x), float(side.end_value(x, edge))) for x in xs]  # an open end may be the curve's pole
    return pts[::-1] if reverse else pts


def _piece_outline(p: Any, y0: Fraction, y1: Fraction) -> list[tuple[float, float]]:
    """The closed outline of a piece: its lower side left to right, then its upper side back."""
    return _side_points(p.lo, p.x_lo, p.x_hi, y0, False) + _side_points(p.hi, p.x_lo, p.x_hi, y1, True)


def _plane_pieces(s: ScenarioResult) -> tuple[str | None, list[Any]]:
    """The rounding rule and the exact pieces to draw: the headline rule's, else the first that holds,
    at a 30-day month when the month length is free too."""
    for rule, per_month in s.pieces.items():
        if per_month:
            m = Fraction(30) if Fraction(30) in per_month else min(per_month)
            return rule, per_month[m]
    return None, []


def _plane_map(r: ClaimResult, planes: list[ScenarioResult], ax: Any, *, section: bool = False) -> None:
    """The plane of two free assumptions, each reading's exact region filled; ``section``: the (y, z)
    cross-section of three, at the first assumption's value each reading's ``section`` names."""
    fx, fy = planes[0].axes[-2:]
    kx, xlabel = _axis_scale(fx)
    ky, ylabel = _axis_scale(fy)
    shown = planes[:MAX_SERIES]
    first_rule = next(iter(r.stated.intervals)) if r.stated else None
    for i, s in enumerate(shown):
        color = SERIES[i % len(SERIES)]
        rule, pieces = (first_rule, s.section[1]) if section else _plane_pieces(s)
        how = "" if rule in (None, first_rule) else f" (only if {rule.replace('_', ' ')})"
        label = f"{_label(r, s)}: {s.verdict}{how}" + ("" if pieces else " (holds nowhere)") + (
            f" at {s.axes[0].label()} {s.axes[0].fmt(s.section[0])}" if section else "")
        for j, p in enumerate(pieces):
            pts = _piece_outline(p, fy.dom.lo, fy.dom.hi)
            if p.x_lo == p.x_hi:  # a region one share wide: a segment, not an invisible sliver
                (line,) = ax.plot([x * kx for x, _ in pts[:1] + pts[-1:]], [y * ky for _, y in pts[:1] + pts[-1:]],
                                  "-", color=color, lw=2.5, label=label if j == 0 else None)
                line.set_gid(f"region:{i}:{j}")
                continue
            (patch,) = ax.fill([x * kx for x, _ in pts], [y * ky for _, y in pts], color=color, alpha=0.4,
                               lw=0, label=label if j == 0 else None)  # no seams where pieces meet
            patch.set_gid(f"region:{i}:{j}")
        if not pieces:
            ax.plot([], [], "s", color=color, alpha=0.4, label=label)
    point = planes[0].point[-2:] if planes[0].point is not None else None
    if point is not None:
        ax.plot([float(point[0]) * kx], [float(point[1]) * ky], marker="*", ms=13, color="black", ls="none", clip_on=False,
                label=f"stated point ({fx.label()} {fx.fmt(point[0])}, {fy.label()} {fy.fmt(point[1])})", gid="point")
    ax.set_xlim(float(fx.dom.lo) * kx, float(fx.dom.hi) * kx)
    ax.set_ylim(float(fy.dom.lo) * ky, float(fy.dom.hi) * ky)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    iv = r.stated.intervals[first_rule] if r.stated and first_rule else None
    what = (f"cross-section at {planes[0].axes[0].label()} {planes[0].axes[0].fmt(planes[0].section[0])}"
            if section else "where it holds")
    ax.set_title(f"{what} (exact regions): stated {r.claim.stated!r} = {iv.describe() if iv else ''}", fontsize=9)
    ax.grid(alpha=0.25)
    if len(planes) > len(shown):
        ax.text(0.99, 0.01, f"+{len(planes) - len(shown)} more readings (see .scenarios)", transform=ax.transAxes,
                ha="right", va="bottom", fontsize=8, color="#555")
    _legend(ax, len(shown) + 1)
