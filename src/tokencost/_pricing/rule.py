"""The one pricing rule: which rate each billable unit of a request pays.

Given a resolved price version, the pricing instant and the request's context (prompt size,
batch or live, time of day, currency wanted), :func:`regimes` lists every way the version can
price a request at that instant and :func:`select` picks the one that applies:

1. **Context tier**: the prompt (``prompt_tokens``) above a tier's ``above_prompt_tokens``
   prices *every* unit at that tier's rates (the last such tier wins).
2. **Batch**: tier rates x (1 - discount) for the units the discount covers; the discount is
   the version's own, else the provider policy in effect at the instant.
3. **Off-peak**: live (non-batch) traffic inside a daily UTC window pays the window's rates.
   Batch traffic is never also off-peak. (No version has both windows and tiers; the
   schema rejects the combination rather than guess how they stack.)
4. **Currency**: rates stay in the version's currency; :func:`convert` turns an amount into
   another currency through the dated exchange rate in the data (latest on or before the
   instant), exactly (a division is held as a :class:`~fractions.Fraction`).

A workload spreads its tokens over several regimes at once (a batch share, an off-peak
share): :func:`mix` gives the weight of each, and the same notes, for every calculator that
prices shares (``monthly_cost`` and the claim checker).

The rule also owns the counting convention: a request's ``input_tokens`` include the cache
reads and writes, so fresh input = input - cached - cache writes (:meth:`Regime.cost`).

Example::

    >>> from tokencost import load_catalog
    >>> from tokencost._pricing.rule import regimes, select
    >>> cat = load_catalog()
    >>> res = cat.resolve("gemini-2.5-pro", "2025-07-01")
    >>> reg = select(regimes(cat, res, res.version.start), prompt_tokens=250_000)
    >>> reg.label, reg.rates[0]
    ('standard >200000', Decimal('2.50'))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._catalog.schema import COMPONENTS, UNIT_SCALE, UNITS as ALL_UNITS, Batch, ExchangeRate, OffPeak, Rates, ServiceTier
from ..errors import MissingRateError, UnmodelledDiscountError

if TYPE_CHECKING:
    from .._catalog.catalog import Catalog, Resolved

__all__ = ["UNITS", "EXTRA_UNITS", "SERVICE_TIERS", "Regime", "Regimes", "regimes", "select", "mix", "convert",
           "fx_factor", "window_label", "resolve_for"]

UNITS = COMPONENTS  # the four token units in rate-tuple order: fresh input, cache read, cache write (5 min), output
EXTRA_UNITS = tuple(u for u in ALL_UNITS if u not in COMPONENTS)  # priced from Regime.extra
SERVICE_TIERS = ("standard", "batch", "flex", "priority", "scale", "provisioned")
_ZERO = Decimal(0)
_FALLBACK = {"reasoning": "output", "image_input": "input", "video_input": "input"}
_ONE = Decimal(1)
_F1 = Fraction(1)


def window_label(w: OffPeak) -> str:
    """``off-peak 16:30-00:30 UTC``; seconds shown only where the window has them."""
    def t(x: dt.time) -> str:
        return f"{x:%H:%M}" if not (x.second or x.microsecond) else f"{x:%H:%M:%S}"
    return f"off-peak {t(w.start)}-{t(w.end)} UTC"


@dataclass(frozen=True, slots=True)
class Regime:
    """One way a price version prices a request: its rates per unit and where they come from.

    ``rates`` are per million units, in the version's currency, with any batch discount
    applied, in :data:`UNITS` order (``None`` = the version states no such rate).

    >>> reg.segment, reg.tier, reg.label          # doctest: +SKIP
    ('batch', '>200000', 'batch >200000')
    """

    res: Resolved
    segment: str  # "standard" | "batch" | "flex" | "priority" | "off-peak HH:MM-HH:MM UTC"
    tier: str  # "base" | ">N" (prompt tokens)
    tier_index: int  # 0 = base rates, k = the k-th tier
    window: OffPeak | None
    batch: Batch | None
    batch_from: str | None  # "version X" | "policy Y"
    rates: tuple[Decimal | None, ...]
    available: bool = True  # False: a batch regime where no batch discount is recorded
    extra: tuple[tuple[str, Decimal | None], ...] = ()  # (unit, rate) for EXTRA_UNITS, same treatment

    @property
    def label(self) -> str:
        return self.segment if self.tier == "base" else f"{self.segment} {self.tier}"

    @property
    def currency(self) -> str:
        return self.res.version.currency

    def rate(self, unit: str) -> Decimal:
        """The rate of one unit; MissingRateError when the version has none."""
        r = self.rates[UNITS.index(unit)]
        if r is None:
            raise MissingRateError(self.res.model_id, self.res.version.id, unit, self._why())
        return r

    def _why(self) -> str:
        if self.window is not None:
            return f"in the {self.segment} window"
        if self.segment == "batch":
            return "needed for batch"
        return f"tier {self.tier}" if self.tier != "base" else ""

    def extra_rate(self, unit: str) -> Decimal:
        """The rate of a unit beyond the four token components (per UNIT_SCALE units). Without a rate
        of their own, reasoning tokens are billed as output and image / video input tokens as text
        input, as the vendors that list them do (Gemini: "text / image / video" share one price);
        audio has no fallback (it is priced apart wherever it is sold)."""
        r = dict(self.extra).get(unit)
        if r is None and unit in _FALLBACK:
            r = self.rates[UNITS.index(_FALLBACK[unit])]
        if r is None:
            raise MissingRateError(self.res.model_id, self.res.version.id, unit, self._why())
        return r

    def cost(self, fresh: int, cached: int = 0, cache_write: int = 0, output: int = 0,
             extra: Mapping[str, Any] | None = None) -> Decimal:
        """Exact cost of these unit counts, in the version's currency. ``extra`` counts the other
        units (``{"reasoning": 1200, "web_search": 2}``), each at its own scale (UNIT_SCALE)."""
        ri, rc, rw, ro = self.rates
        # unrolled: this is request_cost's hot path (a loop over zip() costs ~1 us a call)
        try:
            total = (fresh * ri if fresh else _ZERO) + (output * ro if output else _ZERO)  # type: ignore[operator]
            if cached:
                total += cached * rc  # type: ignore[operator]
            if cache_write:
                total += cache_write * rw  # type: ignore[operator]
        except TypeError:  # int * None: a unit the version has no rate for
            for unit, n, r in zip(UNITS, (fresh, cached, cache_write, output), self.rates):
                if n and r is None:
                    raise MissingRateError(self.res.model_id, self.res.version.id, unit, self._why()) from None
            raise
        total = total.scaleb(-6)
        if extra:
            for unit, n in extra.items():
                if n:
                    total += n * self.extra_rate(unit) / UNIT_SCALE[unit]
        return total


@dataclass(frozen=True, slots=True)
class Regimes:
    """Every regime of one version at one instant, in a fixed order that the usage grid keeps as ids:
    standard tiers ``0..K``, batch tiers ``K+1..2K+1``, off-peak windows after them."""

    res: Resolved
    all: tuple[Regime, ...]
    thresholds: tuple[int, ...]  # above_prompt_tokens of tiers 1..K
    windows: tuple[OffPeak, ...]
    batch: Batch | None
    batch_from: str | None
    services: tuple[str, ...] = ()  # service tiers in effect (flex, priority, ...), after the windows

    @property
    def n_tiers(self) -> int:
        return len(self.thresholds) + 1

    def standard(self, tier: int = 0) -> Regime:
        return self.all[tier]

    def batched(self, tier: int = 0) -> Regime:
        return self.all[self.n_tiers + tier]

    def in_window(self, j: int) -> Regime:
        return self.all[2 * self.n_tiers + j]

    def service(self, name: str, tier: int = 0) -> Regime:
        k = self.services.index(name)
        return self.all[2 * self.n_tiers + len(self.windows) + k * self.n_tiers + tier]

    def tier_of(self, prompt_tokens: int | None) -> int:
        """Index of the tier a prompt of this size falls in (0 = base rates)."""
        if prompt_tokens is None:
            return 0
        k = 0
        for i, t in enumerate(self.thresholds):
            if prompt_tokens > t:
                k = i + 1
        return k

    def window_at(self, t: dt.time) -> int | None:
        for j, w in enumerate(self.windows):
            if w.contains(t):
                return j
        return None


def _scaled(r: Rates, discount: Batch | None = None, service: ServiceTier | None = None,
            ) -> tuple[tuple[Decimal | None, ...], tuple[tuple[str, Decimal | None], ...]]:
    """(core rates, extra rates) of ``r`` under a batch discount or a service tier."""
    values: dict[str, Decimal | None] = {}
    for unit in ALL_UNITS:
        x = getattr(r, unit)
        if service is not None:
            if service.rates is not None:
                own = getattr(service.rates, unit)
                x = own if own is not None else x
            elif x is not None and unit in service.applies_to:
                assert service.multiplier is not None
                x = x * service.multiplier
        if x is not None and discount is not None and unit in discount.applies_to:
            x = x * (_ONE - discount.discount)
        values[unit] = x
    return tuple(values[u] for u in UNITS), tuple((u, values[u]) for u in EXTRA_UNITS)


_CACHE_MAX = 50_000
_cache: dict[tuple[Any, ...], tuple[Resolved, Regimes]] = {}


def regimes(cat: Catalog, res: Resolved, at: dt.datetime) -> Regimes:
    """Every regime of ``res`` at the UTC instant ``at`` (which decides the batch policy and the
    service tiers in force)."""
    batch, whence = cat.batch_for(res, at)
    v = res.version
    services = tuple(n for n, t in v.service_tiers.items() if t.in_effect(at)) if v.service_tiers else ()
    key = (id(res), whence, services)
    hit = _cache.get(key)
    if hit is not None and hit[0] is res:
        return hit[1]
    tiers = [("base", v.rates)] + [(f">{t.above_prompt_tokens}", t.rates) for t in v.tiers]
    regs: list[Regime] = [Regime(res, "standard", lab, k, None, None, None, *_scaled(r)[:1],
                                 extra=_scaled(r)[1]) for k, (lab, r) in enumerate(tiers)]
    regs += [Regime(res, "batch", lab, k, None, batch, whence, _scaled(r, batch)[0], batch is not None,
                    extra=_scaled(r, batch)[1]) for k, (lab, r) in enumerate(tiers)]
    regs += [Regime(res, window_label(w), "base", 0, w, None, None, _scaled(w.rates)[0],
                    extra=_scaled(w.rates)[1]) for w in v.off_peak]
    for name in services:
        st = v.service_tiers[name]  # type: ignore[index]
        regs += [Regime(res, name, lab, k, None, None, None, _scaled(r, service=st)[0],
                        extra=_scaled(r, service=st)[1]) for k, (lab, r) in enumerate(tiers)]
    out = Regimes(res, tuple(regs), tuple(t.above_prompt_tokens for t in v.tiers), tuple(v.off_peak),
                  batch, whence, services)
    if len(_cache) > _CACHE_MAX:
        _cache.clear()
    _cache[key] = (res, out)  # the entry keeps res alive, so its id is not reused meanwhile
    return out


def select(regs: Regimes, *, prompt_tokens: int | None = None, batch: bool = False,
           off_peak: bool | None = None, time_of_day: dt.time | None = None,
           service_tier: str = "standard") -> Regime:
    """The regime one request pays.

    ``service_tier`` is "standard", "batch" (same as ``batch=True``), "flex", "priority", ...;
    a tier the version does not offer at that instant is an UnmodelledDiscountError, never the
    list price. ``off_peak=None`` decides by ``time_of_day`` (peak when it is None); ``True``
    asks for the window containing ``time_of_day`` (the first window when no time is given);
    ``False`` forces peak rates. Off-peak windows apply to standard live traffic only.
    """
    res = regs.res
    tier = regs.tier_of(prompt_tokens)
    if service_tier not in SERVICE_TIERS:
        raise UnmodelledDiscountError(res.model_id, res.version.id, service_tier,
                                      f"unknown service tier {service_tier!r}; known: {', '.join(SERVICE_TIERS)}")
    if batch or service_tier == "batch":
        if regs.batch is None:
            raise UnmodelledDiscountError(res.model_id, res.version.id, "batch",
                                          "no batch discount is recorded at this date")
        return regs.batched(tier)
    if service_tier != "standard":
        if service_tier not in regs.services:
            offered = ", ".join(("standard", *(("batch",) if regs.batch else ()), *regs.services))
            raise UnmodelledDiscountError(res.model_id, res.version.id, service_tier,
                                          f"the {service_tier} tier is not recorded for this version at this "
                                          f"date (recorded: {offered})")
        return regs.service(service_tier, tier)
    if off_peak is False:
        return regs.standard(tier)
    if not regs.windows:
        if off_peak:
            raise UnmodelledDiscountError(res.model_id, res.version.id, "off-peak",
                                          "this version has no off-peak window")
        return regs.standard(tier)
    j = regs.window_at(time_of_day) if time_of_day is not None else None
    if j is None and off_peak:
        j = 0
    return regs.standard(tier) if j is None else regs.in_window(j)


def mix(regs: Regimes, *, prompt_tokens: int | None = None, batch_share: Fraction = Fraction(0),
        off_peak_share: Fraction | str | None = None, service_shares: Mapping[str, Fraction] | None = None,
        notes: list[str] | None = None) -> list[tuple[Fraction, Regime]]:
    """How a workload's tokens spread over regimes: ``[(weight, regime)]``, weights summing to 1.

    ``batch_share`` of all tokens goes to the batch regime of the prompt's tier, and each of
    ``service_shares`` (``{"flex": 1/4}``) to that service tier; the standard rest splits into
    off-peak windows (``off_peak_share`` of it, or ``"uniform"``: each window's share of the day;
    several windows share in proportion to their length) and standard time. Notes that a result
    should carry (tiers priced at base rates for want of a prompt size, windows left unused) are
    appended to ``notes``.
    """
    res, v = regs.res, regs.res.version
    notes = notes if notes is not None else []
    if regs.thresholds and prompt_tokens is None:
        notes.append(f"{v.id} has context-length tiers (first above {regs.thresholds[0]} prompt tokens); "
                     f"priced at base rates, assuming prompts at or below that. Set prompt_tokens.")
    tier = regs.tier_of(prompt_tokens)
    out: list[tuple[Fraction, Regime]] = []
    shares = {"batch": Fraction(batch_share), **{k: Fraction(x) for k, x in (service_shares or {}).items()}}
    if sum(shares.values()) > 1:
        raise UnmodelledDiscountError(res.model_id, v.id, "service tiers",
                                      f"service-tier shares add up to more than 1 ({dict(shares)})")
    for name, share in shares.items():
        if share:
            out.append((share, select(regs, prompt_tokens=prompt_tokens, service_tier=name)))
            if name == "batch":
                assert regs.batch is not None
                notes.append(f"batch discount {regs.batch.discount * 100:f}% from {regs.batch_from}")
    live = _F1 - sum(shares.values())
    used = Fraction(0)
    if off_peak_share is None:
        if regs.windows:
            notes.append(f"{res.label} has off-peak windows; all traffic priced at peak (list) rates. "
                         "Set off_peak_share (or 'uniform') to use them.")
    elif off_peak_share == "uniform" or off_peak_share:
        if not regs.windows:
            raise UnmodelledDiscountError(res.model_id, v.id, "off-peak",
                                          f"off_peak_share={off_peak_share} but this version has no "
                                          "off-peak window")
        lengths = [w.fraction_of_day() for w in regs.windows]
        if off_peak_share == "uniform":
            split = lengths
        else:
            split = [Fraction(off_peak_share) * x / sum(lengths) for x in lengths]
        for j, s_ in enumerate(split):
            if s_:
                out.append((live * s_, regs.in_window(j)))
                used += s_
    if live * (_F1 - used):
        out.append((live * (_F1 - used), regs.standard(tier)))
    return out


def fx_factor(cat: Catalog, src: str, dst: str, at: Any) -> tuple[Fraction, ExchangeRate | None]:
    """Units of ``dst`` per unit of ``src`` at ``at``, exactly, and the dated rate it rests on."""
    if src == dst:
        return _F1, None
    if dst == "USD":
        ex = cat.exchange_rate(src, at)
        return Fraction(ex.usd_per_unit), ex
    if src == "USD":
        ex = cat.exchange_rate(dst, at)
        return 1 / Fraction(ex.usd_per_unit), ex
    a, b = cat.exchange_rate(src, at), cat.exchange_rate(dst, at)
    return Fraction(a.usd_per_unit) / Fraction(b.usd_per_unit), a


def convert(cat: Catalog, amount: Decimal, src: str, dst: str, at: Any) -> tuple[Decimal, ExchangeRate | None]:
    """``amount`` in ``src`` as ``dst`` through the dated exchange rate; a product of Decimals stays exact
    (CNY -> USD multiplies by the recorded USD per CNY); a division rounds to the context's precision."""
    if src == dst:
        return amount, None
    if dst == "USD":
        ex = cat.exchange_rate(src, at)
        return amount * ex.usd_per_unit, ex
    if src == "USD":
        ex = cat.exchange_rate(dst, at)
        return amount / ex.usd_per_unit, ex
    a, b = cat.exchange_rate(src, at), cat.exchange_rate(dst, at)
    return amount * a.usd_per_unit / b.usd_per_unit, a


def resolve_for(cat: Catalog, spec: str, when: dt.datetime, currency: str = "USD") -> Resolved:
    """The version a calculator prices ``spec`` with: a list price in the asked currency wins over
    converting another one (DeepSeek lists CNY prices too); else the default pick (USD first)."""
    if currency != "USD" and "@" not in spec:
        from ..errors import TokencostError
        try:
            return cat.resolve(spec, when, currency=currency)
        except TokencostError:
            pass
    return cat.resolve(spec, when)
