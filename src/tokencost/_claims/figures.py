"""Claims about one model's own figures: a price, a discount, the cost of one request.

Each official version of the subject is a reading; the one in effect at the claim's date is the
headline, the others are price history (secondary "would hold under ..." lines).

* ``price``: the stated figure against the version's rate for ``component`` (per Mtok for token
  units, in the table's unit for the others: per 1,000 requests or web searches). A yuan figure ("¥2",
  "2 yuan") is compared with the model's CNY list prices where it has them (a list price in the asked
  currency wins over converting), else with its USD prices converted exactly through the recorded
  exchange rate in effect at the version's date (``rule.fx_factor``); no rate, no reading. With
  ``fixed.service_tier`` (``batch``, ``flex``, ``priority``) the figure is compared with that tier's rate
  (a batch price: the list price under the batch discount in effect then).
* ``discount``: ``component`` (batch, cached_input, off_peak, flex, priority) against the
  standard rate, as a percentage off: ``100 x (1 - component rate / standard rate)``, or, when the
  figure is a share ("10% of the base input price", "a quarter of the price", "half price"), as the
  share ``100 x component rate / standard rate``; on the
  ``basis`` prices (input, output or blended over the input share: solved exactly, like every
  region). Priority is a surcharge, so its "discount" is negative.
* ``request_cost``: ``tc.request_cost`` of the fixed counts (input_tokens, output_tokens,
  cached_tokens, ...) with the version's rates.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from .._catalog.catalog import Catalog, Resolved
from .._pricing import rule
from ..errors import TokencostError
from .region import LinFrac, Region, solve_region, value_range
from .result import ScenarioResult
from .schema import REQUEST_COUNTS, Claim
from .stated import Stated, fmt_num
from .verdict import HOW_ROUNDED, F, Free, fmt_q, judge, verdict_from

__all__ = ["figure_scenarios", "request_scenarios"]

F0, F1, F100 = Fraction(0), Fraction(1), Fraction(100)


def _readings(c: Claim, cat: Catalog, at: dt.datetime, usd_only: bool,
              currency: str | None = None) -> list[tuple[str, Resolved]]:
    assert c.subject is not None
    if "@" in c.subject:
        res = cat.resolve(c.subject)
        return [("fixed", res)] if res.version.status in ("official", "promotional") else []
    mid = cat.model_id(c.subject)
    out = []
    for v in cat.versions(mid):
        if v.status not in ("official", "promotional") or (usd_only and v.currency != "USD") \
                or (currency is not None and v.currency != currency):
            continue
        out.append(("at claim date" if v.in_effect(at) else "price history", cat.resolve(f"{mid}@{v.id}")))
    out.sort(key=lambda x: x[0] != "at claim date")
    return out


def _when(res: Resolved, at: dt.datetime) -> dt.datetime:
    v = res.version
    if v.in_effect(at):
        return at
    return v.start if at < v.start else v.end - dt.timedelta(microseconds=1)  # type: ignore[operator]


def _judge_constant(sr: ScenarioResult, stated: Stated, val: Fraction, label: str) -> None:
    sr.computed_min = sr.computed_max = val
    rules = list(stated.intervals)
    sr.verdict = judge(stated, val, val)
    if sr.verdict == "holds":
        sr.holds_where = "as stated"
    elif any(judge(stated, val, val, r) == "holds" for r in rules[1:]):
        how = HOW_ROUNDED[next(r for r in rules[1:] if judge(stated, val, val, r) == "holds")]
        sr.verdict, sr.holds_where = "holds-if", f"only if the figure was {how}"
    sr.reason = f"{label}; stated {stated.text!r} means {stated.means(stated.intervals[rules[0]])}"


def figure_scenarios(c: Claim, stated: Stated, cat: Catalog, at: dt.datetime) -> list[ScenarioResult]:
    """A stated price or discount vs the official figure of the subject model."""
    assert c.subject is not None
    # a discount is a ratio, so CNY list prices count too, but USD ones first (one headline per date);
    # a price is compared in its own currency: a yuan figure with the CNY list prices where the model
    # has them, else with the USD prices converted at the recorded rate (the pricing rule's fx)
    cny = c.kind == "price" and stated.currency != "USD"
    if cny:
        readings = _readings(c, cat, at, usd_only=False, currency=stated.currency)
        if not any(scen == "at claim date" for scen, _ in readings):
            # no list price in that currency then: the USD prices, converted, carry the headline
            readings = _readings(c, cat, at, usd_only=True) + readings
    else:
        readings = _readings(c, cat, at, usd_only=True) or ([] if c.kind == "price" else
                                                            _readings(c, cat, at, usd_only=False))
    mid = cat.model_id(c.subject.split("@")[0])
    if not readings:
        return [ScenarioResult("at claim date", None, None, None, "unverifiable",
                               f"{mid} has no official price to compare with; only reported figures exist")]
    out = []
    for scen, res in readings:
        sr = ScenarioResult(scen, None, None, res.version.id, "unverifiable", "")
        if c.kind == "price":
            tier = str(c.fixed.get("service_tier", "standard"))
            r, why = _tier_rate(cat, res, _when(res, at), c.component or "", tier)
            if r is None:
                sr.reason = why
                if tier != "standard" and "is recorded" in why and scen in ("at claim date", "fixed"):
                    sr.verdict = "contradicted"  # a batch (or flex...) price where no such tier exists then
                out.append(sr)
                continue
            val, cur = Fraction(r), res.version.currency
            sign = {"USD": "$", "CNY": "¥"}.get(cur, cur + " ")
            label = f"{res.label} [{res.version.status}]{'' if tier == 'standard' else ' ' + why} is " \
                    f"{sign}{fmt_num(val, 4)}"
            if cur != stated.currency:
                try:
                    fx, ex = rule.fx_factor(cat, cur, stated.currency, _when(res, at))
                except TokencostError as exc:
                    sr.reason = f"{res.label} is priced in {cur}; no exchange rate to {stated.currency}: {exc}"
                    out.append(sr)
                    continue
                val *= fx
                assert ex is not None
                per = "/Mtok" if c.component in rule.UNITS else ""
                label += (f"{per} = ¥{fmt_num(val, 4)}{per} at {ex.usd_per_unit} USD/{ex.currency} ({ex.on}, "
                          f"{ex.source})" if stated.currency == "CNY" else f"{per} = ${fmt_num(val, 4)}{per}")
            else:
                label += "/Mtok" if c.component in rule.UNITS else ""
            _judge_constant(sr, stated, val, label)
        else:
            _discount(sr, c, stated, cat, res, _when(res, at), scen)
        out.append(sr)
    return out


def _tier_rate(cat: Catalog, res: Resolved, when: dt.datetime, comp: str, tier: str) -> tuple[object, str]:
    """(the version's rate for ``comp`` in service tier ``tier``, how it was found) or (None, why not).
    A batch price is the list price with the batch discount in effect then (the version's or the
    provider's policy); flex, priority and the like are the tier's own rates."""
    if tier == "standard":
        r = getattr(res.version.rates, comp, None)
        return (r, "") if r is not None else (None, f"{res.label} has no {comp} price")
    if comp not in rule.UNITS:
        return None, f"a {tier} price of {comp} is not modelled (token units only)"
    regs = rule.regimes(cat, res, when)
    if tier == "batch":
        if regs.batch is None:
            return None, f"{res.label}: no batch discount is recorded at that date"
        reg, how = regs.batched(0), f"in batch ({regs.batch_from})"
    elif tier in regs.services:
        reg, how = regs.service(tier), f"in the {tier} tier"
    else:
        return None, f"{res.label}: no {tier} tier is recorded at that date"
    r = reg.rates[rule.UNITS.index(comp)]
    return (r, how) if r is not None else (None, f"{res.label} has no {comp} price {how}")


def _discount(sr: ScenarioResult, c: Claim, stated: Stated, cat: Catalog, res: Resolved, when: dt.datetime,
              scen: str) -> None:
    comp = c.component or ""
    regs = rule.regimes(cat, res, when)
    std = regs.standard(0)
    if comp == "cached_input":
        pairs = [("cache hit", std, std)]
    elif comp == "batch":
        pairs = [(f"batch ({regs.batch_from})", regs.batched(0), std)] if regs.batch is not None else []
    elif comp == "off_peak":
        pairs = [(regs.in_window(j).segment, regs.in_window(j), std) for j in range(len(regs.windows))]
    else:
        pairs = [(comp, regs.service(comp), std)] if comp in regs.services else []
    if not pairs:
        sr.reason = f"{res.label}: no {comp.replace('_', '-')} discount is recorded"
        sr.verdict = "contradicted" if scen in ("at claim date", "fixed") else "unverifiable"
        return
    basis = c.basis or ("input" if comp == "cached_input" else "blended")
    if comp == "cached_input" and basis != "input":
        sr.reason = "a cache-hit discount is on input prices (basis: input)"
        return
    if "input_share" in c.fixed:
        s = F(c.fixed["input_share"])
        dom = Region(s, s)
    elif basis == "blended":
        lo, hi = (F(x) for x in c.free.get("input_share", ("0", "1")))
        dom = Region(lo, hi)
    else:
        dom = Region(F1, F1) if basis == "input" else Region(F0, F0)
    free = Free("input_share" if dom.lo != dom.hi else "", dom)
    best: tuple[str, ScenarioResult] | None = None
    for label, reg, base in pairs:
        ri, rc, _, ro = (None if x is None else Fraction(x) for x in reg.rates)
        si, _, _, so = (None if x is None else Fraction(x) for x in base.rates)
        ci = rc if comp == "cached_input" else ri
        need_out = dom.lo < 1
        need_in = dom.hi > 0
        if (need_in and (ci is None or not si)) or (need_out and (ro is None or not so)):
            sr.reason = f"{res.label} lacks the {label} or standard rate a {basis} reading needs"
            continue
        # price lines in the input share s: S(s) = s*si + (1-s)*so, C likewise
        S = LinFrac(so or F0, (si or F0) - (so or F0))
        C = LinFrac(ro or F0, (ci or F0) - (ro or F0))
        if stated.measure == "share":  # "cached input costs a quarter of the input price": 100 C / S
            q = LinFrac(F100 * C.a, F100 * C.b, S.a, S.b)
        else:
            q = LinFrac(F100 * (S.a - C.a), F100 * (S.b - C.b), S.a, S.b)  # 100 (S - C) / S
        lo, hi = value_range(q, dom)
        regions = {r: {Fraction(30): solve_region(q, iv, dom)} for r, iv in stated.intervals.items()}
        cand = ScenarioResult(sr.scenario, None, None, sr.subject_version, "unverifiable", "")
        cand.computed_min, cand.computed_max, cand.regions = lo, hi, regions
        cand.verdict, why, cand.holds_where = verdict_from(c, stated, lo, hi, regions, free, [Fraction(30)])
        cand.holds_where_short = cand.holds_where
        span = fmt_q(lo, stated) if lo == hi else f"{fmt_q(lo, stated)}–{fmt_q(hi, stated)}"
        of = "of" if stated.measure == "share" else "off"
        cand.reason = why or (f"{res.label} [{res.version.status}] {label}: {span} {of} the standard {basis} rate; "
                              f"stated {stated.text!r} means {next(iter(stated.intervals.values())).describe()}")
        if best is None or (cand.verdict in ("holds", "holds-if") and best[1].verdict not in ("holds", "holds-if")):
            best = (label, cand)
    if best is None:
        return
    b = best[1]
    sr.verdict, sr.reason, sr.holds_where, sr.holds_where_short = b.verdict, b.reason, b.holds_where, b.holds_where_short
    sr.computed_min, sr.computed_max, sr.regions = b.computed_min, b.computed_max, b.regions


def request_scenarios(c: Claim, stated: Stated, cat: Catalog, at: dt.datetime) -> list[ScenarioResult]:
    """The cost of one request with the fixed counts, priced by ``tc.request_cost`` per version."""
    from .._engine.cost import request_cost
    counts = {k: int(F(c.fixed[k])) for k in REQUEST_COUNTS if k in c.fixed}
    if stated.measure != "amount":
        from ..errors import ClaimError
        raise ClaimError(f"a request_cost claim states a dollar amount, not {stated.text!r}", claim_id=c.id)
    out = []
    for scen, res in _readings(c, cat, at, usd_only=False):
        sr = ScenarioResult(scen, None, None, res.version.id, "unverifiable", "")
        when = _when(res, at)
        try:
            cost = Fraction(request_cost(res.label, counts.get("input_tokens", 0), counts.get("output_tokens", 0),
                                         counts.get("cached_tokens", 0), counts.get("cache_write_tokens", 0),
                                         at=when, catalog=cat,
                                         service_tier=str(c.fixed.get("service_tier", "standard")),
                                         **{k: v for k, v in counts.items() if k in (
                                             "cache_write_1h_tokens", "reasoning_tokens", "requests",
                                             "web_searches")}))
        except TokencostError as exc:
            sr.reason = str(exc)
            out.append(sr)
            continue
        what = ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in counts.items())
        sr.steps.append(f"{res.label}: {what} cost ${fmt_num(cost, 8)} (tc.request_cost)")
        _judge_constant(sr, stated, cost, f"{res.label} [{res.version.status}]: ${fmt_num(cost, 8)} a request")
        out.append(sr)
    return out
