"""Exact costs: a workload's month, one request, comparisons and savings.

Stacking rules (documented in the README, tested in tests/test_engine.py):
  1. Tokens split into components: fresh input, cache reads (``cached_input``),
     cache writes (``cache_write``) and output.
  2. A context-length tier is chosen per request by prompt size: when the prompt
     exceeds a tier's threshold, every component is priced at that tier's rates.
  3. Each component's tokens split into segments: ``batch`` (``batch_share`` of all
     tokens, priced at rate x (1 - discount) for the components the discount covers,
     cache reads included), then the rest into ``off-peak`` windows and ``standard``.
     Batch traffic is never also off-peak: off-peak discounts apply to live traffic.
  4. cost = tokens x rate / 1,000,000, in the version's currency, exactly; converted
     to the requested currency only through a dated exchange rate from the data.
Nothing is rounded here; round for display with :meth:`CostBreakdown.rounded`.
"""

from __future__ import annotations

import datetime as dt
import warnings
import weakref
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from fractions import Fraction
from time import time_ns as _time_ns
from typing import TYPE_CHECKING, Any

from .._catalog.catalog import Catalog, Resolved, load_catalog
from .._catalog.schema import UNIT_SCALE, ExchangeRate, PriceVersion
from .._exact import CHECKED as EXACT
from .._fraction import SHOWN_PLACES, as_decimal as _decimal, fmt_fraction as _fmt_fraction, round_half_up
from .._pricing import rule
from .._time import to_utc
from ..errors import StalePriceWarning, UnmodelledDiscountError, WorkloadError

if TYPE_CHECKING:
    import pandas as pd

    from .workload import Workload

__all__ = ["CostBreakdown", "LineItem", "Savings", "monthly_cost", "request_cost", "compare", "savings"]

# Wide enough that no product of a token count and a rate is ever rounded.
MTOK = Decimal(1_000_000)
ZERO = Decimal(0)
ONE = Decimal(1)
_MTOK_F = Fraction(1_000_000)
_DISPLAY_UNITS = {"request": ("requests", "1k requests"), "web_search": ("searches", "1k searches"),
                  "code_execution": ("h", "hour")}


@dataclass(frozen=True)
class LineItem:
    """One priced piece of a cost: tokens of one unit in one regime, at one rate.

    ``tokens`` and ``cost`` are exact Decimals when ``exact``; a piece that has no finite decimal
    form (50M tokens a week is 50M/7 a day) keeps its exact value in ``tokens_exact`` /
    ``cost_exact`` and shows :data:`SHOWN_PLACES` places in the Decimal fields.

    >>> li = monthly_cost(Workload(tokens="100M/day", input_share="0.8"), "gpt-4-turbo",   # doctest: +SKIP
    ...                   at="2024-06-01").lines[0]
    >>> li.component, li.segment, li.tokens, li.rate, li.cost                               # doctest: +SKIP
    ('input', 'standard', Decimal('2400000000.0'), Decimal('10.00'), Decimal('24000.000'))
    """

    component: str  # input | cached_input | cache_write | output
    segment: str  # standard | batch | off-peak HH:MM-HH:MM UTC
    tokens: Decimal
    rate: Decimal  # per million tokens, in the version's currency (batch discount applied)
    cost: Decimal  # in the breakdown's currency
    exact: bool = True
    tokens_exact: Fraction | None = field(default=None, repr=False, compare=False)
    cost_exact: Fraction | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class CostBreakdown:
    """A month of a workload on one model under one price version.

    ``total`` is the exact Decimal total when ``exact`` is True; ``total_exact`` is always the
    exact value as a :class:`~fractions.Fraction` (a 1/3 share has no finite decimal form: then
    ``total`` shows it to 30 places and ``exact`` is False). Nothing is rounded until
    :meth:`rounded`, which rounds half-up to the cent for display.

    >>> c = monthly_cost(Workload(tokens="100M/day", input_share="0.8"), "gpt-4-turbo",   # doctest: +SKIP
    ...                  at="2024-06-01")
    >>> c.total, c.rounded(), c.version_id                                                 # doctest: +SKIP
    (Decimal('42000.000'), Decimal('42000.00'), 'official-2023-11-06')
    """

    model: str
    version: PriceVersion
    at: dt.datetime
    currency: str
    total: Decimal
    lines: tuple[LineItem, ...]
    tokens_per_month: Decimal
    month_days: Decimal | None
    tier: str
    exchange: ExchangeRate | None = None
    assumptions: tuple[str, ...] = field(default=())
    exact: bool = True
    total_exact: Fraction | None = field(default=None, repr=False, compare=False)
    stale: str | None = None  # why the price may be out of date (see Catalog.staleness), else None

    @property
    def version_id(self) -> str:
        return self.version.id

    @property
    def status(self) -> str:
        return self.version.status

    @property
    def label(self) -> str:
        return f"{self.model}@{self.version.id}"

    def rounded(self, places: int = 2) -> Decimal:
        """Total rounded half-up to ``places`` decimals (display only), from the exact value."""
        return round_half_up(self.total_exact if self.total_exact is not None else Fraction(self.total), places)

    def frame(self) -> pd.DataFrame:
        import pandas as pd
        from .._display.frames import tidy
        return tidy(pd.DataFrame([{"component": li.component, "segment": li.segment, "tokens": li.tokens,
                                   "rate_per_mtok": li.rate, "cost": li.cost, "exact": li.exact}
                                  for li in self.lines]))

    def __repr__(self) -> str:
        from .._display.reprs import cost_repr
        return cost_repr(self)

    def _repr_html_(self) -> str:
        from .._display.reprs import cost_html
        return cost_html(self)

    def __str__(self) -> str:
        exact = self.total_exact if self.total_exact is not None else Fraction(self.total)
        if self.exact:
            how = f"rounded half-up to the cent from the exact {_fmt_fraction(exact)}"
        else:
            how = (f"rounded half-up to the cent from the exact {_fmt_fraction(exact)}, "
                   f"which has no finite decimal form")
        out = [f"{self.label} [{self.status}] at {self.at:%Y-%m-%d}: {self.rounded()} {self.currency}/month "
               f"({how})"]
        width = max((len(li.segment) for li in self.lines), default=0)
        cwidth = max((len(li.component) for li in self.lines), default=12)
        for li in self.lines:
            unit, per = _DISPLAY_UNITS.get(li.component, ("tok", "Mtok"))
            n = (f"{li.tokens.normalize():,f}" if li.exact or li.tokens_exact is None
                 else _fmt_fraction(li.tokens_exact))
            cost = f"{li.cost.normalize():f}" if li.exact or li.cost_exact is None else _fmt_fraction(li.cost_exact)
            out.append(f"  {li.component:<{cwidth}} {li.segment:<{width}} {n:>18} {unit} x "
                       f"{li.rate.normalize():f}/{per} = {cost}")
        if self.exchange:
            out.append(f"  converted at 1 {self.exchange.currency} = {self.exchange.usd_per_unit} USD "
                       f"({self.exchange.on}, source {self.exchange.source})")
        out += [f"  note: {a}" for a in self.assumptions]
        if self.stale:
            out.append(f"  possibly stale: {self.stale}")
        return "\n".join(out)


@dataclass(frozen=True)
class Savings:
    """Baseline minus candidate, exactly; ``percent`` = 100 x absolute / baseline.

    >>> s = savings(Workload(tokens="100M/day", input_share="0.8"), baseline="gpt-4o",     # doctest: +SKIP
    ...             candidate="deepseek-chat", at="2025-03-01")
    >>> s.absolute, s.percent                                                               # doctest: +SKIP
    """

    baseline: CostBreakdown
    candidate: CostBreakdown
    absolute: Decimal
    percent: Decimal | None
    ratio: Decimal | None  # candidate / baseline

    def __repr__(self) -> str:
        from .._display.reprs import savings_repr
        return savings_repr(self)

    def _repr_html_(self) -> str:
        from .._display.reprs import savings_html
        return savings_html(self)

    def __str__(self) -> str:
        pct = "n/a" if self.percent is None else f"{self.percent.quantize(Decimal('0.01'))}%"
        return (f"{self.candidate.label} vs {self.baseline.label}: saves "
                f"{self.absolute.quantize(Decimal('0.01'))} {self.baseline.currency}/month ({pct})")


def __getattr__(name: str) -> Any:
    # ``Workload`` (pydantic + pint) is imported on first use, not with this module: a request
    # cost needs neither. ``from tokencost._engine.cost import Workload`` still works.
    if name == "Workload":
        from .workload import Workload
        return Workload
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _coerce_workload(w: Workload | dict[str, Any]) -> Workload:
    from .workload import Workload
    if isinstance(w, Workload):
        return w
    if isinstance(w, dict):
        return Workload(**w)
    raise WorkloadError(f"expected a Workload, got {type(w).__name__}")


def monthly_cost(workload: Workload | dict[str, Any], model: str, at: Any = None, *,
                 currency: str = "USD", catalog: Catalog | None = None) -> CostBreakdown:
    """Exact monthly cost of ``workload`` on ``model`` (``"MODEL@VERSION"`` to pick a version).

    The tokens spread over the pricing rule's regimes (:func:`tokencost._pricing.rule.mix`);
    every product is an exact Fraction, so a weekly volume or a 1/3 share loses nothing.
    """
    w = _coerce_workload(workload)
    cat = catalog or load_catalog()
    when = to_utc(at)
    res = rule.resolve_for(cat, model, when, currency)
    v = res.version
    notes: list[str] = []
    regs = rule.regimes(cat, res, when)
    if w.batch_share and regs.batch is None:
        raise UnmodelledDiscountError(res.model_id, v.id, "batch",
                                      f"batch_share={w.batch_share} but no batch discount is recorded "
                                      f"for {res.model_id} at {when:%Y-%m-%d}")
    off_peak = w.off_peak_share if not isinstance(w.off_peak_share, Decimal) else Fraction(w.off_peak_share)
    parts = rule.mix(regs, prompt_tokens=w.prompt_tokens, batch_share=Fraction(w.batch_share),
                     off_peak_share=off_peak, notes=notes,
                     service_shares={"flex": Fraction(w.flex_share), "priority": Fraction(w.priority_share)})
    tier = regs.standard(regs.tier_of(w.prompt_tokens)).tier
    inp, out = w.split_exact(when)
    cached, written, written_1h = (Fraction(w.cached_share), Fraction(w.cache_write_share),
                                   Fraction(w.cache_write_1h_share))
    reasoning = Fraction(w.reasoning_share)
    comps = {"input": inp * (1 - cached - written - written_1h), "cached_input": inp * cached,
             "cache_write": inp * written, "cache_write_1h": inp * written_1h,
             "output": out * (1 - reasoning), "reasoning": out * reasoning}
    for name, vol in (("request", w.requests), ("web_search", w.web_searches)):
        # a request fee applies only where the version lists one; a web search always needs its rate
        if vol is not None and (name == "web_search" or any(dict(r.extra).get("request") is not None
                                                            for _, r in parts)):
            comps[name] = vol.per_month_exact(w.month, when)
    fx, ex = rule.fx_factor(cat, v.currency, currency, when)
    lines: list[LineItem] = []
    total = Fraction(0)
    for comp, n in comps.items():
        if n == 0:
            continue
        for weight, reg in parts:
            r = reg.rate(comp) if comp in rule.UNITS else reg.extra_rate(comp)
            t = n * weight
            cost = t * Fraction(r) / UNIT_SCALE[comp] * fx
            total += cost
            td, t_ok = _decimal(t)
            cd, c_ok = _decimal(cost)
            lines.append(LineItem(comp, reg.segment, td, r, cd, t_ok and c_ok, t, cost))
    days = None if (w.tokens is not None and w.tokens.per == "month") else w.month.days(when)
    if ex is not None:
        notes.append(f"{v.currency} prices converted at {ex.usd_per_unit} USD per {ex.currency} ({ex.on})")
    if v.status not in ("official", "promotional"):
        notes.append(f"{res.label} is a {v.status} figure, not an official price")
    total_d, exact = _decimal(total)
    if not exact:
        notes.append(f"the exact total {total.numerator}/{total.denominator} has no finite decimal form "
                     f"(a 1/3-style share, or a division by an exchange rate); total shows {SHOWN_PLACES} "
                     "places, total_exact holds the fraction")
    tokens_month, _ = _decimal(inp + out)
    stale = cat.staleness(res, when)
    if stale:
        warnings.warn(f"possibly stale price: {stale}", StalePriceWarning, stacklevel=2)
    return CostBreakdown(model=res.model_id, version=v, at=when, currency=currency, total=total_d,
                         lines=tuple(lines), tokens_per_month=tokens_month, month_days=days, tier=tier,
                         exchange=ex, assumptions=tuple(notes), exact=exact, total_exact=total, stale=stale)


# -- request_cost hot path ------------------------------------------------------------------------
# What a request costs depends on (catalog, model, at) only through the resolved price version.
# Per catalog we memoise (a) per resolved version, its base rates and whether the plain path
# applies ("facts"), and (b) for ``at`` given as a string or None (now, to the second), the whole
# resolution ("plans"). Datetimes are not memoised by value: a usage log's timestamps are nearly
# all distinct, and Catalog.resolve answers those without a per-instant cache. The arithmetic is
# redone on every call in the caller's Decimal context and in the same order as always, so results
# are the identical Decimals (value and exponent). Tables never outlive their catalog (weak keys)
# and are dropped wholesale past _MEMO_MAX entries, like Catalog.resolve's cache.
_MEMO_MAX = 100_000
_Tables = tuple[dict[Any, tuple[Any, ...]], dict[int, tuple[Any, ...]]]
_tables_by_catalog: weakref.WeakKeyDictionary[Catalog, _Tables] = weakref.WeakKeyDictionary()
_last_tables: tuple[Any, _Tables] = (lambda: None, ({}, {}))  # (weakref to catalog, its tables)
_now_second: tuple[int, dt.datetime | None] = (-1, None)  # (unix second, that second as a UTC datetime)
_UTC = dt.timezone.utc


def _tables(cat: Catalog) -> _Tables:
    global _last_tables
    tables = _tables_by_catalog.get(cat)
    if tables is None:
        tables = _tables_by_catalog[cat] = ({}, {})
    _last_tables = (weakref.ref(cat), tables)  # one tuple: swapped atomically
    return tables


def _now_utc_second() -> dt.datetime:
    """``datetime.now(utc).replace(microsecond=0)``: the same clock (CLOCK_REALTIME, floored to
    the second), but one datetime per second instead of two allocations per call."""
    global _now_second
    sec = _time_ns() // 1_000_000_000
    last = _now_second
    if last[0] == sec:
        return last[1]  # type: ignore[return-value]
    when = dt.datetime.fromtimestamp(sec, _UTC)
    _now_second = (sec, when)
    return when


def _facts(facts: dict[int, tuple[Any, ...]], cat: Catalog, res: Resolved, when: dt.datetime) -> tuple[Any, ...]:
    """(resolved, version, the rule's plain regime, plain?, currency), memoised per Resolved object
    (kept alive by its entry, so its id is not reused meanwhile). *Plain* = no tiers and no
    off-peak windows: a live request then always pays the rule's standard base regime."""
    f = facts.get(id(res))
    if f is None or f[0] is not res:
        v = res.version
        f = (res, v, rule.regimes(cat, res, when).standard(0),
             not v.tiers and not v.off_peak and v.rates.request is None, v.currency)
        if len(facts) > _MEMO_MAX:
            facts.clear()
        facts[id(res)] = f
    return f


def _has_time(at: Any) -> bool:
    return not (isinstance(at, str) and len(at.strip()) == 10) and not (
        isinstance(at, dt.date) and not isinstance(at, dt.datetime))


# No request is a quadrillion tokens; below this, count x rate stays within the Decimal context's
# 28 digits for any rate of up to 12 significant digits, so a request's cost is never silently rounded.
MAX_REQUEST_TOKENS = 10**15


def _check_counts(input_tokens: Any, output_tokens: Any, cached_tokens: Any, cache_write_tokens: Any) -> None:
    for name, n in (("input_tokens", input_tokens), ("output_tokens", output_tokens),
                    ("cached_tokens", cached_tokens), ("cache_write_tokens", cache_write_tokens)):
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise WorkloadError(f"must be a non-negative integer (got {n!r:.60})", field=name)
        if n > MAX_REQUEST_TOKENS:
            raise WorkloadError(f"{n:.3e} tokens in one request is more than any API takes (at most 1e15); "
                                "for traffic over time use monthly_cost or cost_usage", field=name)


def request_cost(model: str, input_tokens: int, output_tokens: int, cached_tokens: int = 0,
                 cache_write_tokens: int = 0, *, at: Any = None, batch: bool = False,
                 off_peak: bool | None = None, currency: str = "USD",
                 cache_write_1h_tokens: int = 0, reasoning_tokens: int = 0, audio_input_tokens: int = 0,
                 audio_output_tokens: int = 0, image_input_tokens: int = 0, video_input_tokens: int = 0,
                 requests: int = 1, web_searches: int = 0, service_tier: str = "standard",
                 catalog: Catalog | None = None) -> Decimal:
    """Exact cost of one request (or ``requests`` identical ones' fees).

    Counting follows OpenAI's usage convention, so a count is never billed twice:
    ``input_tokens`` counts every prompt token, *including* the ``cached_tokens`` read from and the
    ``cache_write_tokens`` (5-minute) / ``cache_write_1h_tokens`` written to the prompt cache and
    the audio / image / video input tokens; ``output_tokens`` *include* ``reasoning_tokens`` and
    ``audio_output_tokens``. (:func:`response_cost` takes each SDK's own usage object and converts
    its provider's convention.) Reasoning tokens pay the version's reasoning rate where it lists
    one, else the output rate. ``web_searches`` pay the version's per-1,000-call fee, and a
    per-request fee applies to ``requests`` where the version lists one.

    ``service_tier``: "standard", "batch" (same as ``batch=True``), "flex" or "priority"; a tier
    the version does not offer is an error, never the list price. Tiers follow the prompt size.
    ``off_peak=None`` decides from the time of day of ``at`` when ``at`` has one, and means peak
    for a bare date. The regime comes from the pricing rule (:func:`tokencost._pricing.rule.select`).

    >>> request_cost("gpt-4o", 1200, 300, at="2025-01-01")      # doctest: +SKIP
    Decimal('0.006')
    """
    if (cache_write_1h_tokens or reasoning_tokens or audio_input_tokens or audio_output_tokens
            or image_input_tokens or video_input_tokens or web_searches or requests != 1
            or service_tier != "standard"):
        return _request_cost_full(model, input_tokens, output_tokens, cached_tokens, cache_write_tokens, at,
                                  batch, off_peak, currency, catalog, cache_write_1h_tokens, reasoning_tokens,
                                  audio_input_tokens, audio_output_tokens, image_input_tokens,
                                  video_input_tokens, requests, web_searches, service_tier)
    cat = catalog or load_catalog()
    last = _last_tables
    plans, facts = last[1] if last[0]() is cat else _tables(cat)
    if currency != "USD":  # a list price in that currency may exist: resolve as monthly_cost does
        when = to_utc(at)
        plan = (when, _has_time(at), *_facts(facts, cat, rule.resolve_for(cat, model, when, currency), when))
        when, has_time, res, v, plain, simple, vcur = plan
    elif at is None or type(at) is str:
        when = _now_utc_second() if at is None else None
        key: Any = ((model, at) if at is not None else (model, when)) if type(model) is str else None
        plan = plans.get(key) if key is not None else None
        if plan is None:
            if when is None:
                when = to_utc(at)
            plan = (when, _has_time(at), *_facts(facts, cat, cat.resolve(model, when), when))
            if key is not None:
                if len(plans) > _MEMO_MAX:
                    plans.clear()
                plans[key] = plan
        when, has_time, res, v, plain, simple, vcur = plan
    else:
        when = at if type(at) is dt.datetime and at.tzinfo is _UTC else to_utc(at)  # to_utc's own shortcut
        res = cat.resolve(model, when)
        f = facts.get(id(res))
        if f is None or f[0] is not res:
            f = _facts(facts, cat, res, when)
        res, v, plain, simple, vcur = f
        has_time = type(at) is dt.datetime or _has_time(at)
    if not (type(input_tokens) is int and type(output_tokens) is int and type(cached_tokens) is int
            and type(cache_write_tokens) is int and 0 <= input_tokens <= MAX_REQUEST_TOKENS
            and 0 <= output_tokens <= MAX_REQUEST_TOKENS and cached_tokens >= 0 and cache_write_tokens >= 0):
        _check_counts(input_tokens, output_tokens, cached_tokens, cache_write_tokens)
    fresh = input_tokens - cached_tokens - cache_write_tokens
    if fresh < 0:
        raise WorkloadError("cached_tokens + cache_write_tokens exceed input_tokens", field="cached_tokens")
    if simple and not batch and not off_peak:
        reg = plain  # the common case: the rule's standard base regime, nothing to decide
    else:
        reg = rule.select(rule.regimes(cat, res, when), prompt_tokens=input_tokens, batch=batch,
                          off_peak=off_peak, time_of_day=when.timetz() if has_time else None)
    total = reg.cost(fresh, cached_tokens, cache_write_tokens, output_tokens)
    if vcur != currency:
        total = rule.convert(cat, total, vcur, currency, when)[0]
    return total


def _count(name: str, n: Any) -> int:
    if type(n) is not int or n < 0:
        raise WorkloadError(f"must be a non-negative integer (got {n!r})", field=name)
    return n


def _request_cost_full(model: str, input_tokens: int, output_tokens: int, cached_tokens: int,
                       cache_write_tokens: int, at: Any, batch: bool, off_peak: bool | None, currency: str,
                       catalog: Catalog | None, cw1h: int, reasoning: int, audio_in: int, audio_out: int,
                       image_in: int, video_in: int, requests: int, web_searches: int,
                       service_tier: str) -> Decimal:
    """request_cost with every unit: the same rule, the same counting, nothing on the fast path."""
    for name, n in (
        ("input_tokens", input_tokens), ("output_tokens", output_tokens), ("cached_tokens", cached_tokens),
        ("cache_write_tokens", cache_write_tokens), ("cache_write_1h_tokens", cw1h),
        ("reasoning_tokens", reasoning), ("audio_input_tokens", audio_in), ("audio_output_tokens", audio_out),
        ("image_input_tokens", image_in), ("video_input_tokens", video_in), ("requests", requests),
        ("web_searches", web_searches)):
        _count(name, n)
    fresh = input_tokens - cached_tokens - cache_write_tokens - cw1h - audio_in - image_in - video_in
    if fresh < 0:
        raise WorkloadError("cached, cache-write, audio, image and video input tokens exceed input_tokens "
                            "(they are counted inside it)", field="input_tokens")
    text_out = output_tokens - reasoning - audio_out
    if text_out < 0:
        raise WorkloadError("reasoning and audio output tokens exceed output_tokens (they are counted inside it)",
                            field="output_tokens")
    if not isinstance(service_tier, str):
        raise WorkloadError(f"must be a service tier name (got {service_tier!r})", field="service_tier")
    cat = catalog or load_catalog()
    when = to_utc(at)
    res = rule.resolve_for(cat, model, when, currency)
    has_time = type(at) is dt.datetime or (at is not None and _has_time(at))
    reg = rule.select(rule.regimes(cat, res, when), prompt_tokens=input_tokens, batch=batch,
                      off_peak=off_peak, time_of_day=when.timetz() if has_time else None,
                      service_tier=service_tier)
    extra = {"cache_write_1h": cw1h, "reasoning": reasoning, "audio_input": audio_in, "audio_output": audio_out,
             "image_input": image_in, "video_input": video_in, "web_search": web_searches}
    if dict(reg.extra).get("request") is not None:
        extra["request"] = requests
    total = reg.cost(fresh, cached_tokens, cache_write_tokens, text_out, extra)
    if res.version.currency != currency:
        total = rule.convert(cat, total, res.version.currency, currency, when)[0]
    return total


def compare(workload: Workload | dict[str, Any], models: list[str], at: Any = None, *,
            currency: str = "USD", catalog: Catalog | None = None) -> pd.DataFrame:
    """One row per model: exact monthly cost, its version, and how it compares to the cheapest."""
    import pandas as pd
    rows = []
    for m in models:
        c = monthly_cost(workload, m, at, currency=currency, catalog=catalog)
        rows.append({"model": c.model, "version": c.version_id, "status": c.status, "currency": c.currency,
                     "monthly_cost": c.total, "rounded": c.rounded(), "tier": c.tier,
                     "notes": " | ".join(c.assumptions), "possibly_stale": c.stale})
    df = pd.DataFrame(rows)
    if not df.empty:
        cheapest = min(df["monthly_cost"])
        df["x_cheapest"] = [(x / cheapest).quantize(Decimal("0.01")) if cheapest else None
                            for x in df["monthly_cost"]]
        # sort on the exact Decimals: float() would tie (and keep in input order) totals that differ
        # beyond ~17 significant digits
        df = df.sort_values("monthly_cost", kind="stable").reset_index(drop=True)
    from .._display.frames import tidy
    return tidy(df)


def savings(workload: Workload | dict[str, Any], baseline: str, candidate: str, at: Any = None, *,
            currency: str = "USD", catalog: Catalog | None = None) -> Savings:
    """What moving ``workload`` from ``baseline`` to ``candidate`` saves per month, exactly."""
    b = monthly_cost(workload, baseline, at, currency=currency, catalog=catalog)
    c = monthly_cost(workload, candidate, at, currency=currency, catalog=catalog)
    with localcontext(EXACT):
        absolute = b.total - c.total
        percent = (absolute * 100 / b.total) if b.total else None
        ratio = (c.total / b.total) if b.total else None
    return Savings(b, c, absolute, percent, ratio)
