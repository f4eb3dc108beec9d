"""Figure forensics: which known prices a reported or implied figure coincides with.

A figure an article attributes to a new model often is a real price of another
model or component ($0.07 is DeepSeek's cache-hit input price, for one). A catalog
figure *matches* a stated figure only when it lies in the stated figure's own rounding
interval ("$2.19" matches 2.185..2.195, never $2.333); a computed figure (an implied
baseline price) matches only exactly. Every match says how close it is; the nearest
official figures that do not match are listed as "nearest", with their distance.

``slips`` names the probable slip behind a wrong price: a per-1K price quoted per million
(x1000), a per-request fee vs per million requests, input and output swapped, the cache-hit
price quoted as the input price, the batch price quoted as the list price, a CNY figure
quoted as USD.
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

__all__ = ["Match", "nearest_figures", "slips"]


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
    within: bool = False  # in the stated figure's rounding interval (a match, though not equal)

    @property
    def off(self) -> Fraction:
        """Relative distance of the catalog figure from the value: |figure - value| / figure."""
        return abs(self.figure - self.value) / self.figure if self.figure else Fraction(0)

    def closeness(self) -> str:
        if self.figure == self.value:
            return "exactly"
        pct = f"{float(self.off * 100):.2g}% off"
        return f"{pct}, within the figure's rounding" if self.within else f"{pct}: not a match"

    def describe(self) -> str:
        rel = "=" if self.figure == self.value else "≈" if self.exact else "nearest:"
        kind = "%" if self.what.startswith("discount") else "/Mtok"
        v = f"{fmt_num(self.value, 4)}{'%' if kind == '%' else ''}"
        f = f"{fmt_num(self.figure, 4)}{'%' if kind == '%' else ''}"
        prefix = "" if kind == "%" else "$"
        when = " — in effect at the claim date" if self.current else ""
        more = f" (+{self.more} more version{'s' if self.more > 1 else ''})" if self.more else ""
        how = "" if self.figure == self.value else f" ({self.closeness()})"
        return (f"{prefix}{v} {rel} {self.model} {self.what} {prefix}{f}{how} "
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
        if cat.is_bundled:  # the bundled tables: the index is cached with them, keyed by the same files
            from pathlib import Path

            from .._catalog.cache import cached
            from .._catalog.loader import bundled_price_paths
            hit = cached(bundled_price_paths(), lambda: _build_index(cat), code=(Path(__file__),), kind="figures")
        else:
            hit = _build_index(cat)
        _INDEX[cat] = hit
    return hit


def _build_index(cat: Catalog) -> dict[bool, tuple[list[Fraction], list[Fig], dict[Fraction, list[Fig]]]]:
    # every model's figures: with ~1,500 models this unpickles and scans them all (~60 ms), hence the cache
    hit: dict[bool, tuple[list[Fraction], list[Fig], dict[Fraction, list[Fig]]]] = {}
    for disc in (False, True):
        # the float first: exact Fraction comparisons only break the (rare) float ties, so the order is
        # exactly the Fractions' order at a fraction of the cost
        figs = sorted((f for f in _figures(cat) if f[4].startswith("discount") == disc),
                      key=lambda f: (float(f[0]), f[0]))
        by_value: dict[Fraction, list[Fig]] = {}
        for f in figs:
            by_value.setdefault(f[0], []).append(f)
        hit[disc] = ([f[0] for f in figs], figs, by_value)
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
                    limit: int = 8, exclude: tuple[str, str] | None = None, at: object = None,
                    stated: Any = None) -> list[Match]:
    """Matches first (those in effect at ``at`` leading), then the nearest official figures.

    A match is a catalog figure equal to the value or, for the ``stated`` figure itself, inside its
    headline rounding interval. Only prices that existed by ``at`` are candidates. ``exclude`` = (model, _) leaves out that model's own reported
    figures (a figure matching itself).
    """
    iv = next(iter(stated.intervals.values())) if stated is not None else None
    sorted_values, figs, by_value = _index(cat)[kind == "discount"]

    def live(f: Fig) -> bool:
        return at is not None and f[6] <= at and (f[7] is None or at < f[7])  # type: ignore[operator]

    def skip(f: Fig) -> bool:
        # a figure matching itself (the subject's own reported figure), or a price that did not exist yet
        # at the claim's date: a 2025 article cannot be quoting a 2026 price
        if at is not None and f[6] > at:  # type: ignore[operator]
            return True
        return exclude is not None and f[1] == exclude[0] and f[3] not in ("official", "promotional")

    out: list[Match] = []
    for value in dict.fromkeys(values):
        if value <= 0:
            continue
        exact = [f for f in by_value.get(value, ()) if not skip(f)]
        within: list[Fig] = []
        if iv is not None and stated.value == value and iv.lo.value is not None and iv.hi.value is not None:
            a = bisect.bisect_left(sorted_values, iv.lo.value)
            b = bisect.bisect_right(sorted_values, iv.hi.value)
            within = [f for f in figs[a:b] if f[0] != value and iv.contains(f[0]) and not skip(f)]
        near = [f for f in _nearest_official(sorted_values, figs, value, skip) if f not in within]
        groups: dict[tuple[str, str, Fraction], list[Fig]] = {}
        for f in exact + within + near:
            groups.setdefault((f[1], f[4], f[0]), []).append(f)
        inside = {id(f) for f in within}
        for fs in groups.values():
            fs.sort(key=lambda f: not live(f))
            f = fs[0]
            ok = f[0] == value or id(f) in inside
            out.append(Match(value, f[1], f[2], f[3], f[4], f[0], f[5], ok, live(f), len(fs) - 1, id(f) in inside))
    prov = cat.provider_of(exclude[0]) if exclude and exclude[0] in cat.models else None

    def provider(m: Match) -> str:
        return cat.provider_of(m.model) if m.model in cat.models else m.model

    # same provider first: a "new" DeepSeek figure is most tellingly an old DeepSeek figure
    out.sort(key=lambda m: (not m.exact, provider(m) != prov, not m.current,
                            m.status not in ("official", "promotional")))
    return out[:limit]


def slips(cat: Catalog, claim: Any, stated: Any, at: Any) -> list[str]:
    """The probable slips behind a stated price (or request cost) that the data contradicts: each a
    transformation of the subject's real figures that lands inside the stated figure's rounding
    interval. Empty when the figure holds as stated."""
    from .._pricing import rule
    from ..errors import TokencostError
    iv = next(iter(stated.intervals.values()))
    if claim.subject is None or stated.value is None:
        return []
    try:
        mid = cat.model_id(claim.subject.split("@")[0])
    except TokencostError:
        return []
    out: list[str] = []

    def hit(x: Fraction | None) -> bool:
        return x is not None and iv.contains(x)
    if claim.kind == "request_cost":
        return _request_slips(cat, claim, stated, at, hit)
    comp = claim.component or ""
    versions = [v for v in cat.versions(mid) if v.status in ("official", "promotional")]
    usd_now = [v for v in versions if v.currency == "USD" and v.in_effect(at)] or \
        [v for v in versions if v.currency == "USD"]
    for v in usd_now:
        own = getattr(v.rates, comp, None)
        if own is not None and iv.contains(Fraction(own)):
            return []  # the figure is right for this version: no slip to explain
    for v in usd_now:
        r = {u: (None if getattr(v.rates, u, None) is None else Fraction(getattr(v.rates, u)))
             for u in ("input", "cached_input", "output", "request")}
        own = r.get(comp) if comp in r else (None if getattr(v.rates, comp, None) is None
                                             else Fraction(getattr(v.rates, comp)))
        tag = f"{mid}@{v.id}"
        if own is not None and comp != "request":
            if hit(own / 1000):
                out.append(f"a per-1K-token price quoted as per million: {tag} {comp} is ${fmt_num(own, 4)}/Mtok "
                           f"= ${fmt_num(own / 1000, 6)}/1K tokens")
            if hit(own * 1000):
                out.append(f"a per-million price read as per 1K tokens (x1000): {tag} {comp} is "
                           f"${fmt_num(own, 4)}/Mtok")
        if own is not None and comp == "request":
            if hit(own / 1000):
                out.append(f"a per-request fee quoted per 1,000 requests: {tag} charges ${fmt_num(own, 4)} "
                           f"per 1,000 requests = ${fmt_num(own / 1000, 6)} per request")
            if hit(own * 1000):
                out.append(f"a per-million-requests fee quoted per 1,000 requests: {tag} charges "
                           f"${fmt_num(own * 1000, 4)} per million requests")
        other = {"input": "output", "output": "input"}.get(comp)
        if other and hit(r[other]):
            out.append(f"input and output swapped: {tag} {other} is ${fmt_num(r[other], 4)}/Mtok")  # type: ignore[arg-type]
        if comp == "input" and hit(r["cached_input"]):
            out.append(f"the cache-hit price quoted as the input price: {tag} cached_input is "
                       f"${fmt_num(r['cached_input'], 4)}/Mtok")  # type: ignore[arg-type]
        try:
            res = cat.resolve(f"{mid}@{v.id}")
            regs = rule.regimes(cat, res, at if v.in_effect(at) else res.version.start)
            if regs.batch is not None and comp in rule.UNITS:
                b = regs.batched(0).rates[rule.UNITS.index(comp)]
                if b is not None and hit(Fraction(b)):
                    out.append(f"the batch price quoted as the list price: {tag} {comp} is ${fmt_num(own, 4)}/Mtok, "
                               f"${fmt_num(Fraction(b), 4)} in batch ({regs.batch_from})")
        except TokencostError:
            pass
    for v in versions:
        if v.currency == "CNY" and getattr(v.rates, comp, None) is not None \
                and hit(Fraction(getattr(v.rates, comp))):
            out.append(f"a CNY figure quoted as USD: {mid}@{v.id} {comp} is ¥{fmt_num(Fraction(getattr(v.rates, comp)), 4)}"
                       f"/Mtok")
    return list(dict.fromkeys(out))


def _request_slips(cat: Catalog, claim: Any, stated: Any, at: Any, hit: Any) -> list[str]:
    from .._engine.cost import request_cost
    from ..errors import TokencostError
    fx = claim.fixed
    counts = {k: int(Fraction(str(fx.get(k, 0)))) for k in ("input_tokens", "output_tokens", "cached_tokens")}
    out = []
    try:
        true = Fraction(request_cost(claim.subject, counts["input_tokens"], counts["output_tokens"],
                                     counts["cached_tokens"], at=at, catalog=cat))
        if hit(true):
            return []
        if hit(true * 1000):
            out.append(f"per-1K prices applied to per-million counts (x1000): the request costs ${fmt_num(true, 6)}")
        if hit(true / 1000):
            out.append(f"off by /1000 (a per-million price read per 1K): the request costs ${fmt_num(true, 6)}")
        if counts["input_tokens"] >= counts["cached_tokens"] and counts["output_tokens"] >= 0:
            swapped = Fraction(request_cost(claim.subject, counts["output_tokens"], counts["input_tokens"], 0,
                                            at=at, catalog=cat))
            if not counts["cached_tokens"] and hit(swapped):
                out.append(f"input and output counts swapped: {counts['output_tokens']} in / "
                           f"{counts['input_tokens']} out costs ${fmt_num(swapped, 6)}")
    except TokencostError:
        return []
    return out
