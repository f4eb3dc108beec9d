"""Figure forensics: which known prices a reported or implied figure coincides with.

A figure an article attributes to a new model often is a real price of another
model or component ($0.07 is DeepSeek's cache-hit input price, for one). We look
for exact matches across every USD figure in the catalog (any status), then the
nearest official figures by relative distance.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from fractions import Fraction

from .._catalog.catalog import Catalog
from .._catalog.schema import COMPONENTS
from .stated import fmt_num


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

    def describe(self) -> str:
        rel = "=" if self.exact else "≈"
        kind = "%" if self.what.startswith("discount") else "/Mtok"
        v = f"{fmt_num(self.value, 4)}{'%' if kind == '%' else ''}"
        f = f"{fmt_num(self.figure, 4)}{'%' if kind == '%' else ''}"
        prefix = "" if kind == "%" else "$"
        return (f"{prefix}{v} {rel} {self.model} {self.what} {prefix}{f} "
                f"[{self.status} {self.version}, {self.period}]")


_CACHE: weakref.WeakKeyDictionary[Catalog, list[tuple[Fraction, str, str, str, str, str]]] = \
    weakref.WeakKeyDictionary()


def _figures(cat: Catalog) -> list[tuple[Fraction, str, str, str, str, str]]:
    hit = _CACHE.get(cat)
    if hit is not None:
        return hit
    out = []
    for mid, model in cat.models.items():
        for v in model.versions:
            if v.currency != "USD":
                continue
            period = f"{v.effective_from}..{v.effective_to or 'now'}"
            parts = [("", v.rates)] + [(f" (>{t.above_prompt_tokens})", t.rates) for t in v.tiers]
            parts += [(f" (off-peak {w.start:%H:%M}-{w.end:%H:%M})", w.rates) for w in v.off_peak]
            for seg, rates in parts:
                for c in COMPONENTS:
                    r = getattr(rates, c)
                    if r is not None:
                        out.append((Fraction(r), mid, v.id, v.status, c + seg, period))
            for w in v.off_peak:  # off-peak windows as discounts off the list price
                for c in COMPONENTS:
                    base, off = getattr(v.rates, c), getattr(w.rates, c)
                    if base and off is not None:
                        out.append((100 * (1 - Fraction(off) / Fraction(base)), mid, v.id, v.status,
                                    f"discount off-peak {c}", period))
            if v.batch is not None:
                out.append((Fraction(v.batch.discount) * 100, mid, v.id, v.status, "discount batch", period))
    for p in cat.policies:
        if p.kind == "batch" and p.discount is not None:
            out.append((Fraction(p.discount) * 100, p.provider, p.id, "official", "discount batch (policy)",
                        f"{p.effective_from}..{p.effective_to or 'now'}"))
    _CACHE[cat] = out
    return out


def nearest_figures(cat: Catalog, values: list[Fraction], *, kind: str = "", component: str | None = None,
                    limit: int = 6) -> list[Match]:
    """Exact coincidences first, then the nearest official figures, for each value."""
    figs = _figures(cat)
    discount = kind == "discount"
    out: list[Match] = []
    seen: set[tuple[str, str, str]] = set()
    for value in dict.fromkeys(values):
        if value <= 0:
            continue
        pool = [f for f in figs if f[4].startswith("discount") == discount]
        exact = [f for f in pool if f[0] == value]
        near = sorted((f for f in pool if f[0] != value and f[3] in ("official", "promotional")),
                      key=lambda f: abs(f[0] - value) / value)[:2]
        for f in exact + near:
            key = (f[1], f[2], f[4])
            if key in seen:
                continue
            seen.add(key)
            out.append(Match(value, f[1], f[2], f[3], f[4], f[0], f[5], f[0] == value))
    out.sort(key=lambda m: (not m.exact, m.status not in ("official", "promotional")))
    return out[:limit]
