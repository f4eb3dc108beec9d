"""A second, independent implementation of tokencost's arithmetic, in Fractions, for property tests.

It reads only data: the PriceVersion / Policy / ExchangeRate fields of a catalog and the fields of
a Workload. It picks versions, tiers, batch discounts and off-peak windows itself, from the rules
as the README states them, and computes every amount as an exact Fraction. It shares no code with
the engine (``_engine``, ``_usage``, ``_claims``), so when the two agree, both are right or both
misread the same sentence of the README, and the README is what users read.

``Unpriceable`` means the rules give no price (no version then, a rate missing, no batch
discount): the library must then raise a TokencostError rather than return a number.
"""

from __future__ import annotations

import calendar
import datetime as dt
from fractions import Fraction
from typing import Any

UTC = dt.timezone.utc
MTOK = Fraction(10**6)
COMPONENTS = ("input", "cached_input", "cache_write", "output")


class Unpriceable(Exception):
    """The stated rules give no price for this request or workload."""


def instant(at: Any) -> dt.datetime:
    if isinstance(at, str):
        at = dt.datetime.fromisoformat(at) if len(at) > 10 else dt.date.fromisoformat(at)
    if isinstance(at, dt.datetime):
        return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    return dt.datetime(at.year, at.month, at.day, tzinfo=UTC)


def _start(x: Any) -> dt.datetime:
    return instant(x)


def in_effect(v: Any, when: dt.datetime) -> bool:
    return _start(v.effective_from) <= when and (v.effective_to is None or when < _start(v.effective_to))


def pick(catalog: Any, name: str, when: dt.datetime) -> tuple[str, Any, Any]:
    """(model id, model, version): ``MODEL@ID`` pins a version; else the version in effect, USD before
    other currencies, promotional before official; reported/rumored figures never."""
    if "@" in name:
        base, _, vid = name.rpartition("@")
        mid = catalog.model_id(base)
        model = catalog.models[mid]
        for v in model.versions:
            if v.id == vid:
                return mid, model, v
        raise Unpriceable(f"no version {vid}")
    mid = catalog.model_id(name)
    model = catalog.models[mid]
    live = [v for v in model.versions if v.status in ("official", "promotional") and in_effect(v, when)]
    if not live:
        raise Unpriceable(f"{mid}: no price at {when}")
    live.sort(key=lambda v: (v.currency != "USD", v.status != "promotional"))
    return mid, model, live[0]


def batch_discount(catalog: Any, mid: str, model: Any, v: Any, when: dt.datetime) -> tuple[Fraction, tuple[str, ...]]:
    if v.batch is not None:
        return Fraction(v.batch.discount), tuple(v.batch.applies_to)
    for p in catalog.policies:
        if p.kind != "batch" or p.provider != model.provider or mid in p.excludes:
            continue
        if p.models is not None and mid not in p.models:
            continue
        if in_effect(p, when):
            return Fraction(p.discount), tuple(p.applies_to)
    raise Unpriceable(f"{mid}@{v.id}: no batch discount at {when}")


def usd_per_unit(catalog: Any, currency: str, when: dt.datetime) -> Fraction:
    if currency == "USD":
        return Fraction(1)
    found = [r for r in catalog.exchange_rates if r.currency == currency and r.on <= when.date()]
    if not found:
        raise Unpriceable(f"no {currency} rate by {when}")
    return Fraction(max(found, key=lambda r: r.on).usd_per_unit)


def _rates_dict(rates: Any) -> dict[str, Fraction | None]:
    return {c: (None if getattr(rates, c) is None else Fraction(getattr(rates, c))) for c in COMPONENTS}


def tier_rates(v: Any, prompt_tokens: int | None) -> dict[str, Fraction | None]:
    chosen = v.rates
    if prompt_tokens is not None:
        for t in v.tiers:
            if prompt_tokens > t.above_prompt_tokens:
                chosen = t.rates
    return _rates_dict(chosen)


def _window_contains(w: Any, t: dt.time) -> bool:
    t = t.replace(tzinfo=None)
    if w.start < w.end:
        return w.start <= t < w.end
    return t >= w.start or t < w.end


def _need(rate: Fraction | None, what: str) -> Fraction:
    if rate is None:
        raise Unpriceable(f"no {what} rate")
    return rate


def request_cost(catalog: Any, model: str, input_tokens: int, output_tokens: int, cached_tokens: int = 0,
                 cache_write_tokens: int = 0, *, at: Any, batch: bool = False) -> Fraction:
    """USD cost of one request: tier by prompt size; batch at rate x (1 - discount) on the covered
    components; otherwise the off-peak window containing the request's UTC time of day."""
    when = instant(at)
    mid, m, v = pick(catalog, model, when)
    rates = tier_rates(v, input_tokens)
    mult = {c: Fraction(1) for c in COMPONENTS}
    if batch:
        disc, covered = batch_discount(catalog, mid, m, v, when)
        mult = {c: (1 - disc if c in covered else Fraction(1)) for c in COMPONENTS}
    elif isinstance(at, dt.datetime) or (isinstance(at, str) and len(at) > 10):
        for w in v.off_peak:
            if _window_contains(w, when.timetz()):
                rates = _rates_dict(w.rates)
                break
    counts = {"input": input_tokens - cached_tokens - cache_write_tokens, "cached_input": cached_tokens,
              "cache_write": cache_write_tokens, "output": output_tokens}
    if counts["input"] < 0:
        raise Unpriceable("cache tokens exceed input tokens")
    total = sum((n * _need(rates[c], c) * mult[c] for c, n in counts.items() if n), Fraction(0)) / MTOK
    return total * usd_per_unit(catalog, v.currency, when)


def month_days(workload: Any, when: dt.datetime) -> Fraction:
    spec = str(workload.month.spec).strip().lower()
    if spec == "calendar":
        return Fraction(calendar.monthrange(when.year, when.month)[1])
    if spec in ("mean", "gregorian", "average"):
        return Fraction("30.4375")
    for suffix in ("days", "day", "d"):
        if spec.endswith(suffix):
            spec = spec[: -len(suffix)]
            break
    return Fraction(spec.strip())


def monthly_tokens(workload: Any, when: dt.datetime) -> tuple[Fraction, Fraction]:
    """(input, output) tokens in the month."""
    def per_month(vol: Any) -> Fraction:
        n = Fraction(vol.tokens)
        return n if vol.per == "month" else n * month_days(workload, when)
    if workload.tokens is not None:
        total = per_month(workload.tokens)
        inp = total * Fraction(workload.input_share)
        return inp, total - inp
    return per_month(workload.input), per_month(workload.output)


def _day_fraction(w: Any) -> Fraction:
    s, e = w.start.hour * 60 + w.start.minute, w.end.hour * 60 + w.end.minute
    return Fraction((e - s) % 1440, 1440)


def monthly_cost(catalog: Any, workload: Any, model: str, at: Any) -> Fraction:
    """USD cost of a month of ``workload``: components, then tier by prompt size, then batch share at
    the discounted rate, then the live rest split into off-peak windows and standard time."""
    when = instant(at)
    mid, m, v = pick(catalog, model, when)
    inp, out = monthly_tokens(workload, when)
    c, cw = Fraction(workload.cached_share), Fraction(workload.cache_write_share)
    comps = {"input": inp * (1 - c - cw), "cached_input": inp * c, "cache_write": inp * cw, "output": out}
    rates = tier_rates(v, workload.prompt_tokens)
    tiered = workload.prompt_tokens is not None and any(workload.prompt_tokens > t.above_prompt_tokens
                                                        for t in v.tiers)
    b = Fraction(workload.batch_share)
    segments: list[tuple[Fraction, dict[str, Fraction | None], dict[str, Fraction]]] = []
    one = {k: Fraction(1) for k in COMPONENTS}
    if b:
        disc, covered = batch_discount(catalog, mid, m, v, when)
        segments.append((b, rates, {k: (1 - disc if k in covered else Fraction(1)) for k in COMPONENTS}))
    live = 1 - b
    share = workload.off_peak_share
    windows: list[tuple[Any, Fraction]] = []
    if share == "uniform":  # spread over the day: each window's share of it; there must be windows
        if not v.off_peak:
            raise Unpriceable("uniform off-peak share on a version without windows")
        windows = [(w, _day_fraction(w)) for w in v.off_peak]
    elif share is not None and Fraction(share) != 0:
        if not v.off_peak:
            raise Unpriceable("off-peak share on a version without windows")
        total_day = sum((_day_fraction(w) for w in v.off_peak), Fraction(0))
        windows = [(w, Fraction(share) * _day_fraction(w) / total_day) for w in v.off_peak]
    if windows and tiered:
        raise Unpriceable("off-peak with a context tier")
    used = Fraction(0)
    for w, f in windows:
        segments.append((live * f, _rates_dict(w.rates), one))
        used += f
    segments.append((live * (1 - used), rates, one))
    total = Fraction(0)
    for comp, n in comps.items():
        if not n:
            continue
        for seg_share, seg_rates, mult in segments:
            if seg_share:
                total += n * seg_share * _need(seg_rates[comp], comp) * mult[comp] / MTOK
    return total * usd_per_unit(catalog, v.currency, when)


def savings(catalog: Any, workload: Any, baseline: str, candidate: str, at: Any) -> tuple[Fraction, Fraction | None]:
    """(baseline - candidate, percent of baseline saved)."""
    b = monthly_cost(catalog, workload, baseline, at)
    c = monthly_cost(catalog, workload, candidate, at)
    return b - c, (100 * (b - c) / b if b else None)


def usage_cost(catalog: Any, frame: Any) -> Fraction:
    """A canonical usage log's total: the sum of its rows' request costs."""
    total = Fraction(0)
    for r in frame.itertuples(index=False):
        total += request_cost(catalog, r.model, int(r.input_tokens), int(r.output_tokens), int(r.cached_tokens),
                              int(r.cache_write_tokens), at=r.timestamp.to_pydatetime(), batch=bool(r.batch))
    return total


def blended_price(v: Any, s: Fraction) -> Fraction:
    """USD-or-listed price per Mtok of a token mix with input share ``s`` (base rates)."""
    r = _rates_dict(v.rates)
    return s * _need(r["input"], "input") + (1 - s) * _need(r["output"], "output")


def percent_cheaper(base_v: Any, cand_v: Any, s: Fraction) -> Fraction:
    b = blended_price(base_v, s)
    return 100 * (b - blended_price(cand_v, s)) / b
