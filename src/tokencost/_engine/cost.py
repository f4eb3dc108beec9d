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
import weakref
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, Inexact, localcontext
from time import time_ns as _time_ns
from typing import TYPE_CHECKING, Any

from .._catalog.catalog import Catalog, Resolved, load_catalog, to_utc
from .._catalog.schema import COMPONENTS, ExchangeRate, OffPeak, PriceVersion, Rates
from ..errors import MissingRateError, TokencostError, UnmodelledDiscountError, WorkloadError

if TYPE_CHECKING:
    import pandas as pd

    from .workload import Workload

__all__ = ["CostBreakdown", "LineItem", "Savings", "monthly_cost", "request_cost", "compare", "savings"]

# Wide enough that no product of a token count and a rate is ever rounded.
EXACT = Context(prec=80)
MTOK = Decimal(1_000_000)
ZERO = Decimal(0)
ONE = Decimal(1)


@dataclass(frozen=True)
class LineItem:
    component: str  # input | cached_input | cache_write | output
    segment: str  # standard | batch | off-peak HH:MM-HH:MM
    tokens: Decimal
    rate: Decimal  # per million tokens, in the version's currency
    cost: Decimal  # in the breakdown's currency


@dataclass(frozen=True)
class CostBreakdown:
    """A month of a workload on one model under one price version. ``total`` is exact."""

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
    exact: bool = True  # False when a share like 1/3 has no finite decimal (then 80 significant digits)

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
        """Total rounded half-up to ``places`` decimals (display only)."""
        return self.total.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

    def frame(self) -> pd.DataFrame:
        import pandas as pd
        from .._display.frames import tidy
        return tidy(pd.DataFrame([{"component": li.component, "segment": li.segment, "tokens": li.tokens,
                                   "rate_per_mtok": li.rate, "cost": li.cost} for li in self.lines]))

    def __repr__(self) -> str:
        from .._display.reprs import cost_repr
        return cost_repr(self)

    def _repr_html_(self) -> str:
        from .._display.reprs import cost_html
        return cost_html(self)

    def __str__(self) -> str:
        with localcontext(EXACT):  # show every digit we have, not the default context's 28
            shown = f"{self.total.normalize():f}"
        if not self.exact:
            shown = shown[:shown.index(".") + 13] + "… (not a finite decimal)" if "." in shown else shown
        out = [f"{self.label} [{self.status}] at {self.at:%Y-%m-%d}: {self.rounded()} {self.currency}/month "
               f"({'exact ' if self.exact else ''}{shown})"]
        for li in self.lines:
            out.append(f"  {li.component:<12} {li.segment:<22} {li.tokens.normalize():>18,f} tok x "
                       f"{li.rate.normalize():f}/Mtok = {li.cost.normalize():f}")
        if self.exchange:
            out.append(f"  converted at 1 {self.exchange.currency} = {self.exchange.usd_per_unit} USD "
                       f"({self.exchange.on}, source {self.exchange.source})")
        out += [f"  note: {a}" for a in self.assumptions]
        return "\n".join(out)


@dataclass(frozen=True)
class Savings:
    """Baseline minus candidate, exactly; ``percent`` = 100 x absolute / baseline."""

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


def _tier(v: PriceVersion, prompt_tokens: int | None, notes: list[str]) -> tuple[Rates, str]:
    if not v.tiers:
        return v.rates, "base"
    if prompt_tokens is None:
        notes.append(f"{v.id} has context-length tiers (first above {v.tiers[0].above_prompt_tokens} prompt "
                     f"tokens); priced at base rates, assuming prompts at or below that. Set prompt_tokens.")
        return v.rates, "base"
    chosen, label = v.rates, "base"
    for t in v.tiers:
        if prompt_tokens > t.above_prompt_tokens:
            chosen, label = t.rates, f">{t.above_prompt_tokens}"
    return chosen, label


def _rate(rates: Rates, component: str, res: Resolved, why: str = "") -> Decimal:
    r = getattr(rates, component)
    if r is None:
        raise MissingRateError(res.model_id, res.version.id, component, why)
    return r


def _windows(v: PriceVersion, share: Decimal | str | None, notes: list[str],
             res: Resolved) -> list[tuple[OffPeak, Decimal]]:
    if share is None:
        if v.off_peak:
            notes.append(f"{res.label} has off-peak windows; all traffic priced at peak (list) rates. "
                         "Set off_peak_share (or 'uniform') to use them.")
        return []
    if share == "uniform":
        return [(w, w.fraction_of_day()) for w in v.off_peak]
    assert isinstance(share, Decimal)
    if share == 0:
        return []
    if not v.off_peak:
        raise UnmodelledDiscountError(res.model_id, v.id, "off-peak",
                                      f"off_peak_share={share} but this version has no off-peak window")
    if len(v.off_peak) > 1:
        total = sum((w.fraction_of_day() for w in v.off_peak), ZERO)
        return [(w, share * w.fraction_of_day() / total) for w in v.off_peak]
    return [(v.off_peak[0], share)]


def _convert(total_lines: list[LineItem], res: Resolved, currency: str, when: dt.datetime,
             cat: Catalog) -> tuple[list[LineItem], ExchangeRate | None]:
    src = res.version.currency
    if src == currency:
        return total_lines, None
    if src != "USD" and currency == "USD":
        ex = cat.exchange_rate(src, when)
        f = ex.usd_per_unit
        return [LineItem(li.component, li.segment, li.tokens, li.rate, li.cost * f) for li in total_lines], ex
    if src == "USD":
        ex = cat.exchange_rate(currency, when)
        return [LineItem(li.component, li.segment, li.tokens, li.rate, li.cost / ex.usd_per_unit)
                for li in total_lines], ex
    ex_a, ex_b = cat.exchange_rate(src, when), cat.exchange_rate(currency, when)
    return [LineItem(li.component, li.segment, li.tokens, li.rate, li.cost * ex_a.usd_per_unit / ex_b.usd_per_unit)
            for li in total_lines], ex_a


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
    """Exact monthly cost of ``workload`` on ``model`` (``"MODEL@VERSION"`` to pick a version)."""
    w = _coerce_workload(workload)
    cat = catalog or load_catalog()
    when = to_utc(at)
    try:  # a list price in the asked currency beats converting another one (DeepSeek lists CNY too)
        res = cat.resolve(model, when, currency=currency) if currency != "USD" else cat.resolve(model, when)
    except TokencostError:
        res = cat.resolve(model, when)
    v = res.version
    notes: list[str] = []
    with localcontext(EXACT) as ctx:  # a fresh copy: its Inexact flag tells whether anything rounded
        ctx.clear_flags()
        inp, out = w.split(when)
        fresh = inp * (ONE - w.cached_share - w.cache_write_share)
        comps = {"input": fresh, "cached_input": inp * w.cached_share,
                 "cache_write": inp * w.cache_write_share, "output": out}
        rates, tier = _tier(v, w.prompt_tokens, notes)
        segments: list[tuple[str, Decimal, Any]] = []
        if w.batch_share > 0:
            batch, whence = cat.batch_for(res, when)
            if batch is None:
                raise UnmodelledDiscountError(res.model_id, v.id, "batch",
                                              f"batch_share={w.batch_share} but no batch discount is recorded "
                                              f"for {res.model_id} at {when:%Y-%m-%d}")
            segments.append(("batch", w.batch_share, batch))
            notes.append(f"batch discount {batch.discount * 100:f}% from {whence}")
        live = ONE - w.batch_share
        windows = _windows(v, w.off_peak_share, notes, res)
        if windows and tier != "base":
            raise UnmodelledDiscountError(res.model_id, v.id, "off-peak",
                                          "off-peak windows combined with a context-length tier")
        used = ZERO
        for win, share in windows:
            segments.append((f"off-peak {win.start:%H:%M}-{win.end:%H:%M} UTC", live * share, win))
            used += share
        segments.append(("standard", live * (ONE - used), None))
        lines: list[LineItem] = []
        for comp, n in comps.items():
            if n == 0:
                continue
            for seg, share, extra in segments:
                if share == 0:
                    continue
                if seg == "batch":
                    r = _rate(rates, comp, res, "needed for batch")
                    if comp in extra.applies_to:
                        r = r * (ONE - extra.discount)
                elif seg == "standard":
                    r = _rate(rates, comp, res, f"tier {tier}" if tier != "base" else "")
                else:
                    r = _rate(extra.rates, comp, res, f"in the {seg} window")
                t = n * share
                lines.append(LineItem(comp, seg, t, r, t * r / MTOK))
        lines, ex = _convert(lines, res, currency, when, cat)
        total = sum((li.cost for li in lines), ZERO)
    days = None if (w.tokens is not None and w.tokens.per == "month") else w.month.days(when)
    if ex is not None:
        notes.append(f"{v.currency} prices converted at {ex.usd_per_unit} USD per {ex.currency} ({ex.on})")
    if v.status not in ("official", "promotional"):
        notes.append(f"{res.label} is a {v.status} figure, not an official price")
    exact = not ctx.flags[Inexact]
    if not exact:
        notes.append("not a finite decimal (a 1/3-style share, or a division by an exchange rate): "
                     "the total carries 80 significant digits")
    return CostBreakdown(model=res.model_id, version=v, at=when, currency=currency, total=total,
                         lines=tuple(lines), tokens_per_month=inp + out, month_days=days, tier=tier,
                         exchange=ex, assumptions=tuple(notes), exact=exact)


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


def _facts(facts: dict[int, tuple[Any, ...]], res: Resolved) -> tuple[Any, ...]:
    """(resolved, version, base rates, plain (no tiers, no off-peak), currency), memoised per
    Resolved object (kept alive by its entry, so its id is not reused meanwhile)."""
    f = facts.get(id(res))
    if f is None or f[0] is not res:
        v = res.version
        r = v.rates
        f = (res, v, (r.input, r.cached_input, r.cache_write, r.output), not v.tiers and not v.off_peak,
             v.currency)
        if len(facts) > _MEMO_MAX:
            facts.clear()
        facts[id(res)] = f
    return f


def _has_time(at: Any) -> bool:
    return not (isinstance(at, str) and len(at.strip()) == 10) and not (
        isinstance(at, dt.date) and not isinstance(at, dt.datetime))


def _check_counts(input_tokens: Any, output_tokens: Any, cached_tokens: Any, cache_write_tokens: Any) -> None:
    for name, n in (("input_tokens", input_tokens), ("output_tokens", output_tokens),
                    ("cached_tokens", cached_tokens), ("cache_write_tokens", cache_write_tokens)):
        if not isinstance(n, int) or n < 0:
            raise WorkloadError(f"must be a non-negative integer (got {n!r})", field=name)


def request_cost(model: str, input_tokens: int, output_tokens: int, cached_tokens: int = 0,
                 cache_write_tokens: int = 0, *, at: Any = None, batch: bool = False,
                 off_peak: bool | None = None, currency: str = "USD",
                 catalog: Catalog | None = None) -> Decimal:
    """Exact cost of one request.

    ``input_tokens`` counts every prompt token, including the ``cached_tokens`` read
    from and the ``cache_write_tokens`` written to the prompt cache (OpenAI's usage
    convention). Tiers follow the prompt size. ``off_peak=None`` decides from the
    time of day of ``at`` when ``at`` has one, and means peak for a bare date.
    """
    cat = catalog or load_catalog()
    last = _last_tables
    plans, facts = last[1] if last[0]() is cat else _tables(cat)
    if at is None or type(at) is str:
        when = _now_utc_second() if at is None else None
        key: Any = ((model, at) if at is not None else (model, when)) if type(model) is str else None
        plan = plans.get(key) if key is not None else None
        if plan is None:
            if when is None:
                when = to_utc(at)
            plan = (when, _has_time(at), *_facts(facts, cat.resolve(model, when)))
            if key is not None:
                if len(plans) > _MEMO_MAX:
                    plans.clear()
                plans[key] = plan
        when, has_time, res, v, base, simple, vcur = plan
    else:
        when = at if type(at) is dt.datetime and at.tzinfo is _UTC else to_utc(at)  # to_utc's own shortcut
        res = cat.resolve(model, when)
        f = facts.get(id(res))
        if f is None or f[0] is not res:
            f = _facts(facts, res)
        res, v, base, simple, vcur = f
        has_time = type(at) is dt.datetime or _has_time(at)
    if not (type(input_tokens) is int and type(output_tokens) is int and type(cached_tokens) is int
            and type(cache_write_tokens) is int and input_tokens >= 0 and output_tokens >= 0
            and cached_tokens >= 0 and cache_write_tokens >= 0):
        _check_counts(input_tokens, output_tokens, cached_tokens, cache_write_tokens)
    fresh = input_tokens - cached_tokens - cache_write_tokens
    if fresh < 0:
        raise WorkloadError("cached_tokens + cache_write_tokens exceed input_tokens", field="cached_tokens")
    discount = None
    if simple and not batch and not off_peak:
        rates_t = base  # the common case: base rates, nothing to decide
    else:
        rates = v.rates
        if v.tiers:
            for t in v.tiers:
                if input_tokens > t.above_prompt_tokens:
                    rates = t.rates
        if batch:
            b, _ = cat.batch_for(res, when)
            if b is None:
                raise UnmodelledDiscountError(res.model_id, v.id, "batch", f"no batch discount at {when:%Y-%m-%d}")
            discount = b
        elif v.off_peak:
            is_off = off_peak
            if is_off is None:
                is_off = has_time and any(w.contains(when.timetz()) for w in v.off_peak)
            if is_off:
                for w in v.off_peak:
                    if off_peak or w.contains(when.timetz()):
                        rates = w.rates
                        break
        elif off_peak:
            raise UnmodelledDiscountError(res.model_id, v.id, "off-peak", "this version has no off-peak window")
        rates_t = (rates.input, rates.cached_input, rates.cache_write, rates.output)
    total = ZERO
    for comp, n, r in zip(COMPONENTS, (fresh, cached_tokens, cache_write_tokens, output_tokens), rates_t):
        if n:
            if r is None:
                raise MissingRateError(res.model_id, v.id, comp)
            if discount is not None and comp in discount.applies_to:
                r = r * (ONE - discount.discount)
            total += n * r
    total = total.scaleb(-6)
    if vcur != currency:
        line = [LineItem("total", "", Decimal(0), Decimal(0), total)]
        total = _convert(line, res, currency, when, cat)[0][0].cost
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
                     "notes": " | ".join(c.assumptions)})
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
