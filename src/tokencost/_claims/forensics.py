"""Figure forensics: which known prices a reported or implied figure coincides with.

A figure an article attributes to a new model often is a real price of another
model or component ($0.07 is DeepSeek's cache-hit input price, for one). We look
for exact matches across every USD figure in the catalog (any status), then the
nearest official figures by relative distance.
"""

from __future__ import annotations

import bisect
import weakref
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._catalog.catalog import Catalog
from .._catalog.schema import COMPONENTS
from .._time import fmt_instant
from .stated import fmt_num

__all__ = ["Match", "nearest_figures"]


@dataclass(frozen=True)
class Match:
    value: Fraction  # the figure being explained
    model: str
    version: str
    status: str
    what: str  # component and segment, e.g. "cached_input" or "output (>200000)"
    figure: Fraction
    period: str
    exact: bool
    current: bool = False  # in effect at the claim's date
    more: int = 0  # further versions with the same figure

    def describe(self) -> str:
        rel = "=" if self.exact else "≈"
        kind = "%" if self.what.startswith("discount") else "/Mtok"
        v = f"{fmt_num(self.value, 4)}{'%' if kind == '%' else ''}"
        f = f"{fmt_num(self.figure, 4)}{'%' if kind == '%' else ''}"
        prefix = "" if kind == "%" else "$"
        when = " — in effect at the claim date" if self.current else ""
        more = f" (+{self.more} more version{'s' if self.more > 1 else ''})" if self.more else ""
        return (f"{prefix}{v} {rel} {self.model} {self.what} {prefix}{f} "
                f"[{self.status} {self.version}, {self.period}{more}]{when}")


Fig = tuple[Fraction, str, str, str, str, str, object, object]  # value, model, version, status, what, period, start, end
_CACHE: weakref.WeakKeyDictionary[Catalog, list[Fig]] = weakref.WeakKeyDictionary()


def _figures(cat: Catalog) -> list[Fig]:
    hit = _CACHE.get(cat)
    if hit is not None:
        return hit
    out = []
    for mid, model in cat.models.items():
        for v in model.versions:
            if v.currency != "USD":
                continue
            period = f"{fmt_instant(v.start)}..{fmt_instant(v.end) if v.end else 'open'}"
            parts = [("", v.rates)] + [(f" (>{t.above_prompt_tokens})", t.rates) for t in v.tiers]
            parts += [(f" (off-peak {w.start:%H:%M}-{w.end:%H:%M})", w.rates) for w in v.off_peak]
            for seg, rates in parts:
                for c in COMPONENTS:
                    r = getattr(rates, c)
                    if r is not None:
                        out.append((Fraction(r), mid, v.id, v.status, c + seg, period, v.start, v.end))
            for w in v.off_peak:  # off-peak windows as discounts off the list price
                for c in COMPONENTS:
                    base, off = getattr(v.rates, c), getattr(w.rates, c)
                    if base and off is not None:
                        out.append((100 * (1 - Fraction(off) / Fraction(base)), mid, v.id, v.status,
                                    f"discount off-peak {c}", period, v.start, v.end))
            if v.batch is not None:
                out.append((Fraction(v.batch.discount) * 100, mid, v.id, v.status, "discount batch", period,
                            v.start, v.end))
    for p in cat.policies:
        if p.kind == "batch" and p.discount is not None:
            out.append((Fraction(p.discount) * 100, p.provider, p.id, "official", "discount batch (policy)",
                        f"{p.effective_from}..{p.effective_to or 'open'}", p.start, p.end))
    _CACHE[cat] = out
    return out


def _index(cat: Catalog) -> dict[bool, tuple[list[Fraction], list[Fig], dict[Fraction, list[Fig]]]]:
    """Per kind (price / discount): figures sorted by value, and by exact value, built once per catalog."""
    hit = _INDEX.get(cat)
    if hit is None:
        hit = {}
        for disc in (False, True):
            figs = sorted((f for f in _figures(cat) if f[4].startswith("discount") == disc), key=lambda f: f[0])
            by_value: dict[Fraction, list[Fig]] = {}
            for f in figs:
                by_value.setdefault(f[0], []).append(f)
            hit[disc] = ([f[0] for f in figs], figs, by_value)
        _INDEX[cat] = hit
    return hit


_INDEX: weakref.WeakKeyDictionary[Catalog, Any] = weakref.WeakKeyDictionary()


def _nearest_official(values: list[Fraction], figs: list[Fig], value: Fraction, skip: Any, n: int = 2) -> list[Fig]:
    """The ``n`` official figures closest to ``value`` (relative distance), not equal to it."""
    i = bisect.bisect_left(values, value)
    lo, hi, out = i - 1, i, []
    def ok(f: Fig) -> bool:
        return f[0] != value and f[3] in ("official", "promotional") and not skip(f)
    while len(out) < n and (lo >= 0 or hi < len(figs)):
        while lo >= 0 and not ok(figs[lo]):
            lo -= 1
        while hi < len(figs) and not ok(figs[hi]):
            hi += 1
        cands = [(abs(figs[j][0] - value), j) for j in (lo, hi) if 0 <= j < len(figs)]
        if not cands:
            break
        _, j = min(cands)
        out.append(figs[j])
        if j == lo:
            lo -= 1
        else:
            hi += 1
    return out


def nearest_figures(cat: Catalog, values: list[Fraction], *, kind: str = "", component: str | None = None,
                    limit: int = 8, exclude: tuple[str, str] | None = None, at: object = None) -> list[Match]:
    """Exact coincidences first (those in effect at ``at`` leading), then the nearest official figures.

    ``exclude`` = (model, _) leaves out that model's own reported figures (a figure matching itself).
    """
    sorted_values, figs, by_value = _index(cat)[kind == "discount"]

    def live(f: Fig) -> bool:
        return at is not None and f[6] <= at and (f[7] is None or at < f[7])  # type: ignore[operator]

    def skip(f: Fig) -> bool:
        return exclude is not None and f[1] == exclude[0] and f[3] not in ("official", "promotional")

    out: list[Match] = []
    for value in dict.fromkeys(values):
        if value <= 0:
            continue
        exact = [f for f in by_value.get(value, ()) if not skip(f)]
        near = _nearest_official(sorted_values, figs, value, skip)
        groups: dict[tuple[str, str, Fraction], list[Fig]] = {}
        for f in exact + near:
            groups.setdefault((f[1], f[4], f[0]), []).append(f)
        for fs in groups.values():
            fs.sort(key=lambda f: not live(f))
            f = fs[0]
            out.append(Match(value, f[1], f[2], f[3], f[4], f[0], f[5], f[0] == value, live(f), len(fs) - 1))
    prov = cat.models[exclude[0]].provider if exclude and exclude[0] in cat.models else None

    def provider(m: Match) -> str:
        return cat.models[m.model].provider if m.model in cat.models else m.model

    # same provider first: a "new" DeepSeek figure is most tellingly an old DeepSeek figure
    out.sort(key=lambda m: (not m.exact, provider(m) != prov, not m.current,
                            m.status not in ("official", "promotional")))
    return out[:limit]
