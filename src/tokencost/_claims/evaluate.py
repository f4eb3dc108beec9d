"""Recompute a claim under every reading the data allows, and say where it holds.

A *scenario* is one subject price version x one baseline price version (the one in
effect at the claim's date, any other official version in the baseline's history,
or a figure the articles themselves report). Within a scenario the free
assumptions are the input share ``s`` (solved exactly, see ``region``) and, where
the claim leaves it open, the month length (each conventional length in the range:
28, 29, 30, 30.4375, 31 days).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .._catalog.catalog import Catalog, Resolved, load_catalog
from .._engine.units import parse_volume, to_decimal
from .._pricing import rule
from .._time import day_start
from ..errors import ClaimError, TokencostError
from .forensics import nearest_figures
from .region import LinFrac, Region, fmt_pct, solve_region, value_range
from .result import ClaimResult, ScenarioResult, scenario_row, summary_row
from .schema import Claim, claim_origin
from .stated import Stated, TolerancePolicy, fmt_num, parse_stated

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["check_claim", "check_claims"]

MONTHS = (Fraction(28), Fraction(29), Fraction(30), Fraction(487, 16), Fraction(31))
F0, F1, F100, MTOK = Fraction(0), Fraction(1), Fraction(100), Fraction(10**6)


def F(x: Any) -> Fraction:
    return Fraction(to_decimal(x)) if not isinstance(x, Fraction) else x


# -- quantities --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PricingContext:
    """What a claim fixes about how its tokens are priced, in the pricing rule's terms
    (``fixed: {cached_share, cache_write_share, batch_share, off_peak_share, prompt_tokens}``)."""

    cached_share: Fraction = F0
    cache_write_share: Fraction = F0
    batch_share: Fraction = F0
    off_peak_share: Fraction | str | None = None
    prompt_tokens: int | None = None

    @classmethod
    def of(cls, claim: Claim) -> PricingContext:
        fx = claim.fixed
        def share(name: str) -> Fraction:
            if name not in fx:
                return F0
            v = F(fx[name])
            if not F0 <= v <= F1:
                raise ClaimError(f"fixed.{name} must be between 0 and 1 (got {fx[name]})", claim_id=claim.id)
            return v
        op = fx.get("off_peak_share")
        return cls(share("cached_share"), share("cache_write_share"), share("batch_share"),
                   None if op is None else ("uniform" if op == "uniform" else share("off_peak_share")),
                   None if fx.get("prompt_tokens") is None else int(F(fx["prompt_tokens"])))


def _when(res: Resolved, at: dt.datetime) -> dt.datetime:
    """The instant a version is priced at: the claim date, or the nearest instant it was in effect
    (a superseded price gets the batch policy of its own time)."""
    v = res.version
    if v.in_effect(at):
        return at
    if at < v.start:
        return v.start
    assert v.end is not None
    return v.end - dt.timedelta(microseconds=1)


def _usd_rates(cat: Catalog, res: Resolved, at: dt.datetime,
               ctx: PricingContext = PricingContext()) -> tuple[Fraction | None, Fraction | None, str]:
    """USD per million input and per million output tokens under the pricing rule's mix of regimes
    for ``ctx`` (None where the version lacks a rate the mix needs)."""
    regs = rule.regimes(cat, res, _when(res, at))
    parts = rule.mix(regs, prompt_tokens=ctx.prompt_tokens, batch_share=ctx.batch_share,
                     off_peak_share=ctx.off_peak_share)
    fresh = F1 - ctx.cached_share - ctx.cache_write_share
    i: Fraction | None = F0
    o: Fraction | None = F0
    for w, reg in parts:
        ri, rc, rw, ro = (None if r is None else Fraction(r) for r in reg.rates)
        if i is not None:
            pieces = [(fresh, ri), (ctx.cached_share, rc), (ctx.cache_write_share, rw)]
            if any(share and r is None for share, r in pieces):
                i = None
            else:
                i += w * sum((share * r for share, r in pieces if share), F0)
        o = None if o is None or ro is None else o + w * ro
    fx, ex = rule.fx_factor(cat, res.version.currency, "USD", at)
    note = "" if ex is None else f" (converted at {ex.usd_per_unit} USD/{ex.currency}, {ex.on})"
    return (None if i is None else i * fx), (None if o is None else o * fx), note


def _price_fn(i: Fraction | None, o: Fraction | None, basis: str) -> LinFrac:
    """Price per Mtok as a function of input share s: s*i + (1-s)*o, or one component."""
    if basis == "input":
        if i is None:
            raise _Missing("input")
        return LinFrac(i, F0)
    if basis == "output":
        if o is None:
            raise _Missing("output")
        return LinFrac(o, F0)
    if i is None or o is None:
        raise _Missing("input" if i is None else "output")
    return LinFrac(o, i - o)


class _Missing(Exception):
    def __init__(self, component: str) -> None:
        self.component = component


def _quantity(kind: str, stated: Stated, cand: LinFrac, base: LinFrac | None, scale: Fraction) -> LinFrac:
    """The claim's quantity Q(s), in the stated figure's unit."""
    if kind == "percent_cheaper":
        assert base is not None  # 100 (B - C) / B
        return LinFrac(F100 * (base.a - cand.a), F100 * (base.b - cand.b), base.a, base.b)
    if kind == "cost_fraction":
        assert base is not None
        if stated.unit == "multiple":  # B / C
            return LinFrac(base.a, base.b, cand.a, cand.b)
        if stated.unit == "percent":  # 100 C / B
            return LinFrac(F100 * cand.a, F100 * cand.b, base.a, base.b)
        return LinFrac(cand.a, cand.b, base.a, base.b)  # ratio C / B
    if kind == "monthly_savings":
        assert base is not None  # tokens/month x (B - C) / 1e6
        return LinFrac(scale * (base.a - cand.a) / MTOK, scale * (base.b - cand.b) / MTOK)
    if kind == "monthly_cost":
        return LinFrac(scale * cand.a / MTOK, scale * cand.b / MTOK)
    raise ClaimError(f"kind {kind} has no price quantity")


def _direction_ok(kind: str, stated: Stated, lo: Fraction, hi: Fraction) -> bool:
    """Whether the data points the claim's way somewhere (cheaper, saves money)."""
    if kind in ("percent_cheaper", "monthly_savings"):
        return hi > 0
    if kind == "cost_fraction":  # the candidate must be cheaper somewhere
        if stated.unit == "multiple":
            return hi > 1
        return lo < (100 if stated.unit == "percent" else 1)
    return True


def _month_options(claim: Claim) -> list[Fraction]:
    if "month_days" in claim.fixed:
        return [F(claim.fixed["month_days"])]
    if "month_days" in claim.free:
        lo, hi = (F(x) for x in claim.free["month_days"])
        return [m for m in MONTHS if lo <= m <= hi] or [lo]
    return [Fraction(30)]


def _share_domain(claim: Claim) -> Region:
    if "input_share" in claim.fixed:
        s = F(claim.fixed["input_share"])
        return Region(s, s)
    lo, hi = claim.free.get("input_share", ("0", "1"))
    return Region(F(lo), F(hi))


def _fmt_q(x: Fraction, unit: str) -> str:
    if unit == "percent":
        return f"{fmt_num(x, 2)}%"
    if unit == "usd":
        return f"${fmt_num(x, 2)}"
    if unit == "multiple":
        return f"{fmt_num(x, 2)}x"
    return fmt_num(x, 4)


def _verdict_from(stated: Stated, kind: str, lo: Fraction, hi: Fraction,
                  regions: dict[str, dict[Fraction, Region | None]], dom: Region, months: list[Fraction],
                  unit: str) -> tuple[str, str, str]:
    """(verdict, reason, holds_where) for one scenario."""
    primary = next(iter(regions))
    def full(r: Region | None) -> bool:
        return r is not None and r == dom
    prim = regions[primary]
    where_parts: list[str] = []
    multi_month = len(months) > 1
    for m, r in prim.items():
        if r is not None:
            txt = "any input share" if full(r) else r.describe()
            where_parts.append(f"{txt} ({fmt_num(m, 4)}-day month)" if multi_month else txt)
    if prim and all(full(r) for r in prim.values()):
        return "holds", "", "everywhere in the stated range" if dom.lo != dom.hi else "as stated"
    if any(r is not None for r in prim.values()):
        return "holds-if", "", "; ".join(where_parts)
    for rule, per_m in list(regions.items())[1:]:
        alt = [(m, r) for m, r in per_m.items() if r is not None]
        if alt:
            parts = ["any input share" if full(r) else r.describe() for _, r in alt]
            return "holds-if", "", f"only if the figure was {rule.replace('_', ' ')}d, not rounded: " + "; ".join(
                sorted(set(parts)))
    iv = stated.intervals[primary]
    if not _direction_ok(kind, stated, lo, hi):
        span = _fmt_q(lo, unit) if lo == hi else f"{_fmt_q(lo, unit)}–{_fmt_q(hi, unit)}"
        return "contradicted", f"computed {span}: the direction is wrong", ""
    if kind in ("price", "discount"):
        return "contradicted", "", ""
    if iv.lo.value is not None and hi < iv.lo.value or (iv.lo.value is not None and hi == iv.lo.value and not iv.lo.closed):
        return "overstated", "", ""
    return "understated", "", ""


def _price_scenario(claim: Claim, stated: Stated, cat: Catalog, base_res: Resolved | None,
                    subj_res: Resolved, scen: str, at: dt.datetime, months: list[Fraction],
                    dom: Region, vol: Any) -> ScenarioResult:
    sr = ScenarioResult(scen, base_res.model_id if base_res else None, base_res.version.id if base_res else None,
                        subj_res.version.id, "unverifiable", "")
    basis = claim.basis or "blended"
    try:
        ctx = PricingContext.of(claim)
        ci, co, cnote = _usd_rates(cat, subj_res, at, ctx)
        cand = _price_fn(ci, co, basis)
        base, bnote, bi, bo = None, "", None, None
        if base_res is not None:
            bi, bo, bnote = _usd_rates(cat, base_res, at, ctx)
            base = _price_fn(bi, bo, basis)
    except _Missing as m:
        who = base_res.label if base_res is not None and (
            getattr(base_res.version.rates, m.component) is None) else subj_res.label
        sr.reason = f"{who} has no {m.component} price, which a {basis} reading needs"
        return sr
    except TokencostError as exc:
        sr.reason = str(exc)
        return sr
    sr.steps.append(f"{subj_res.label}: input ${fmt_num(ci or F0, 6)}, output ${fmt_num(co or F0, 6)} per Mtok{cnote}"
                    if basis == "blended" else
                    f"{subj_res.label}: {basis} ${fmt_num(cand.a, 6)} per Mtok{cnote}")
    if base_res is not None:
        sr.steps.append(f"{base_res.label} [{base_res.version.status}]: input ${fmt_num(bi, 6) if bi is not None else '?'}, "
                        f"output ${fmt_num(bo, 6) if bo is not None else '?'} per Mtok{bnote}")
    lo_all, hi_all = None, None
    regions: dict[str, dict[Fraction, Region | None]] = {r: {} for r in stated.intervals}
    rules = list(stated.intervals)
    qs: dict[Fraction, LinFrac] = {}
    try:
        for m in months:
            scale = vol.per_month_fraction(m) if vol is not None else F1
            q = qs[m] = _quantity(claim.kind, stated, cand, base, scale)
            lo, hi = value_range(q, dom)
            regions[rules[0]][m] = solve_region(q, stated.intervals[rules[0]], dom)
            lo_all = lo if lo_all is None else min(lo_all, lo)
            hi_all = hi if hi_all is None else max(hi_all, hi)
        # other rounding rules matter only where the primary reading finds nothing
        if all(r is None for r in regions[rules[0]].values()):
            for rule in rules[1:]:
                for m, q in qs.items():
                    regions[rule][m] = solve_region(q, stated.intervals[rule], dom)
        else:
            for rule in rules[1:]:
                del regions[rule]
    except ZeroDivisionError:
        sr.reason = "a price in the comparison is zero"
        return sr
    first_q = qs[months[0]]
    assert lo_all is not None and hi_all is not None
    sr.computed_min, sr.computed_max, sr.regions = lo_all, hi_all, regions
    sr.quantities, sr.domain = dict(qs), dom
    unit = stated.unit
    sr.verdict, reason, sr.holds_where = _verdict_from(stated, claim.kind, lo_all, hi_all, regions, dom, months, unit)
    if len(months) > 1 and sr.verdict == "holds-if":
        m0 = Fraction(30) if Fraction(30) in months else months[0]
        r0 = regions[next(iter(regions))].get(m0)
        sr.holds_where_short = (f"{r0.describe()} ({fmt_num(m0, 4)}-day month)" if r0 is not None
                                else f"some month lengths only: {sr.holds_where}")
    else:
        sr.holds_where_short = sr.holds_where
    span = _fmt_q(lo_all, unit) if lo_all == hi_all else f"{_fmt_q(lo_all, unit)}–{_fmt_q(hi_all, unit)}"
    over = "" if dom.lo == dom.hi or basis in ("input", "output") and claim.kind not in ("monthly_savings", "monthly_cost") \
        else f" over input share {fmt_pct(dom.lo)}–{fmt_pct(dom.hi)}"
    iv = stated.intervals[next(iter(stated.intervals))]
    sr.reason = reason or f"computed {span}{over}; stated {stated.text!r} means {iv.describe()}"
    # implied values: what would make the stated figure exact
    if stated.value is not None:
        target = stated.value
        q0 = qs.get(Fraction(30), first_q)
        s_star = q0.solve(target)
        if s_star is not None and dom.lo <= s_star <= dom.hi and dom.lo != dom.hi:
            sr.implied = f"input share {fmt_pct(s_star)} makes it exact"
        elif base is not None and claim.kind in ("percent_cheaper", "cost_fraction") and basis != "blended":
            # the baseline price that would make the stated figure exact
            if claim.kind == "percent_cheaper":
                b_star = cand.a / (1 - target / F100) if target != F100 else None
            elif stated.unit == "multiple":
                b_star = cand.a * target
            elif stated.unit == "percent":
                b_star = cand.a * F100 / target
            else:
                b_star = cand.a / target
            if b_star is not None:
                sr.implied = f"a baseline {basis} price of ${fmt_num(b_star, 4)}/Mtok makes it exact"
                sr.implied_values.append(b_star)
        elif base is not None and claim.kind == "percent_cheaper" and target != F100:  # 100%: no finite price
            ends = [cand(dom.lo) / (1 - target / F100), cand(dom.hi) / (1 - target / F100)]
            sr.implied = (f"no input share makes it exact; the baseline's blended price would need to be "
                          f"${fmt_num(min(ends), 4)}–${fmt_num(max(ends), 4)}/Mtok")
        elif claim.kind == "monthly_savings" and vol is not None and base is not None:
            m = Fraction(30) if Fraction(30) in months else months[0]
            per_day = [(base(s) - cand(s)) for s in (dom.lo, dom.hi)]
            need = [target * MTOK / (m * d) for d in per_day if d > 0]
            if need:
                sr.implied = (f"no input share makes it exact; it needs {fmt_num(min(need) / 10**6, 1)}M–"
                              f"{fmt_num(max(need) / 10**6, 1)}M tokens/day ({fmt_num(m, 4)}-day month)")
            per_mtok = target * MTOK / vol.per_month_fraction(m)
            lo_b = [cand(s) + per_mtok for s in (dom.lo, dom.hi)]
            sr.implied += (f"; or a baseline blended price of ${fmt_num(min(lo_b), 4)}–${fmt_num(max(lo_b), 4)}/Mtok")
    return sr


class _Vol:
    """A token volume in Fractions, per month of ``m`` days."""

    def __init__(self, text: Any) -> None:
        v = parse_volume(text)
        self.tokens, self.per = Fraction(v.tokens), v.per

    def per_month_fraction(self, m: Fraction) -> Fraction:
        return self.tokens if self.per == "month" else self.tokens * m


def _subject_versions(claim: Claim, cat: Catalog, at: dt.datetime) -> list[Resolved]:
    assert claim.subject is not None
    if "@" in claim.subject:
        return [cat.resolve(claim.subject)]
    mid = cat.model_id(claim.subject)
    try:
        return [cat.resolve(mid, at)]
    except TokencostError:
        # no official price then: every figure reported for the subject is a reading
        return [cat.resolve(f"{mid}@{v.id}") for v in cat.versions(mid)]


def _baseline_versions(name: str, cat: Catalog, at: dt.datetime) -> list[tuple[str, Resolved]]:
    out: list[tuple[str, Resolved]] = []
    if "@" in name:
        return [("fixed", cat.resolve(name))]
    mid = cat.model_id(name)
    current: Resolved | None = None
    try:
        current = cat.resolve(mid, at)
        out.append(("at claim date", current))
    except TokencostError:
        pass
    for v in cat.versions(mid):
        if current is not None and v.id == current.version.id:
            continue
        if v.status in ("official", "promotional") and v.currency == "USD":
            out.append(("price history", cat.resolve(f"{mid}@{v.id}")))
        elif v.status in ("reported", "rumored"):
            out.append(("as reported", cat.resolve(f"{mid}@{v.id}")))
    return out


def _summarize(claim: Claim, scen: list[ScenarioResult], named: bool) -> tuple[str, str]:
    usable = [s for s in scen if s.verdict != "unverifiable"]
    if not usable:
        return "unverifiable", scen[0].reason if scen else "no price data applies"
    now = [s for s in usable if s.scenario in ("at claim date", "fixed")]
    def who(s: ScenarioResult) -> str:
        return f"{s.baseline}@{s.baseline_version}" if s.baseline else f"{claim.subject}"

    def vs(s: ScenarioResult) -> str:
        return f"vs {who(s)}" if s.baseline else (claim.subject or claim.id)

    def lead(s: ScenarioResult) -> str:  # a price claim's reason already names the version it checks
        return "" if claim.kind in ("price", "discount") else f"{vs(s)}: "
    hold = [s for s in now if s.verdict == "holds"]
    if hold:
        s = hold[0]
        if named or len({x.baseline for x in now}) <= 1 or len(hold) == len(now):
            return "holds", f"{lead(s)}{s.reason}" + (" (and every other candidate baseline)"
                                                         if len(hold) > 1 and not named else "")
        return "holds-if", f"if the baseline is {', '.join(sorted({x.baseline or '' for x in hold}))}: {s.reason}"
    partial = [s for s in now if s.verdict == "holds-if"]
    if partial:
        return "holds-if", " or ".join(f"vs {who(s)} at {s.holds_where_short}" for s in partial[:4])
    other = [s for s in usable if s.verdict in ("holds", "holds-if") and s.scenario not in ("at claim date", "fixed")]
    if other:
        s = other[0]
        kind = "the article's own reported figure" if s.scenario == "as reported" else "a price not in effect then"
        where = "" if s.verdict == "holds" else f" at {s.holds_where_short}"
        return "holds-if", f"only vs {who(s)} ({kind}){where}"
    pool = now or usable
    verdicts = {s.verdict for s in pool}
    if len(verdicts) == 1:
        v = verdicts.pop()
        return v, f"{lead(pool[0])}{pool[0].reason}"
    detail = "; ".join(f"{s.verdict} {vs(s)}" for s in pool[:4])
    return "contradicted", f"no reading reproduces it: {detail}"


def check_claim(claim: Claim | dict[str, Any], catalog: Catalog | None = None, *,
                policy: TolerancePolicy | None = None) -> ClaimResult:
    """Evaluate one claim under every applicable scenario.

    Any error names the claim, and the file and line it was read from (a :class:`ClaimError`
    whose ``__cause__`` is the original error, e.g. an UnknownModelError)."""
    if not isinstance(claim, (Claim, dict)):
        raise ClaimError(f"expected a Claim or a dict, not {type(claim).__name__}")
    c = claim if isinstance(claim, Claim) else Claim(**claim)
    try:
        return _check_claim(c, catalog, policy)
    except ClaimError as exc:
        if exc.where or (exc.claim_id == c.id and not claim_origin(c)):
            raise
        raise ClaimError(exc.detail, claim_id=c.id, where=claim_origin(c) or None) from exc.__cause__
    except TokencostError as exc:
        raise ClaimError(str(exc), claim_id=c.id, where=claim_origin(c) or None) from exc


def _before_any_price(c: Claim, cat: Catalog, at: dt.datetime) -> None:
    """A claim dated before every price of a model it names has nothing to be judged against."""
    def first(name: str) -> dt.datetime | None:
        if "@" in name:
            return None  # a pinned version is judged whatever its dates
        starts = [v.start for v in cat.versions(name) if v.status in ("official", "promotional")]
        return min(starts) if starts else None
    names = [("subject", c.subject)] if c.subject else []
    names += [("baseline", c.baseline)] if c.baseline else []
    for role, name in names:
        assert name is not None
        t = first(name)
        if t is not None and at < t:
            raise ClaimError(f"at {at:%Y-%m-%d} is before any official price of {role} {name!r} "
                             f"(the first is from {t:%Y-%m-%d}); nothing to judge the claim against",
                             claim_id=c.id)
    cands = [first(b) for b in c.baseline_candidates if not c.baseline]
    if cands and all(t is not None and at < t for t in cands):
        raise ClaimError(f"at {at:%Y-%m-%d} is before any official price of every candidate baseline",
                         claim_id=c.id)


def _check_claim(c: Claim, catalog: Catalog | None, policy: TolerancePolicy | None) -> ClaimResult:
    cat = catalog or load_catalog()
    pol = policy or TolerancePolicy()
    at = day_start(c.at)  # the claim's date (today if undated), 00:00 UTC
    if c.kind == "unverifiable":
        return ClaimResult(c, None, "unverifiable", c.reason or "", [], [])
    if c.kind == "training_cost" and not ("gpu_hours" in c.fixed and "usd_per_gpu_hour" in c.fixed):
        why = c.reason or "no public GPU-hour and hourly-rate figures back this training cost"
        return ClaimResult(c, None, "unverifiable", why,
                           [ScenarioResult("fixed", None, None, None, "unverifiable", why)], [])
    unknown = [sid for sid in c.fixed_sources if sid not in cat.sources]
    if unknown:
        raise ClaimError(f"fixed_sources cites unknown source(s) {unknown}", claim_id=c.id)
    if c.source is not None and c.source not in cat.sources:
        raise ClaimError(f"source {c.source!r} is not a source in the price tables "
                         f"({', '.join(cat.paths) or 'bundled'})", claim_id=c.id)
    if c.kind in ("percent_cheaper", "cost_fraction", "monthly_savings", "monthly_cost", "price", "discount"):
        _before_any_price(c, cat, at)
    try:
        stated = parse_stated(c.stated, c.hedge, kind=c.kind, policy=pol)
    except ClaimError as exc:
        raise ClaimError(str(exc), claim_id=c.id) from None
    scen: list[ScenarioResult] = []
    forensic_values: list[Fraction] = []
    if c.kind in ("percent_cheaper", "cost_fraction", "monthly_savings", "monthly_cost"):
        months = _month_options(c) if c.kind in ("monthly_savings", "monthly_cost") else [Fraction(30)]
        dom = _share_domain(c) if (c.basis in (None, "blended") or c.kind in ("monthly_savings", "monthly_cost")) \
            else Region(F1, F1) if c.basis == "input" else Region(F0, F0)
        vol = _Vol(c.fixed["tokens"]) if "tokens" in c.fixed else None
        subjects = _subject_versions(c, cat, at)
        bases: list[tuple[str, Resolved | None]] = [("fixed", None)] if c.kind == "monthly_cost" else []
        for b in c.baselines:
            bases += _baseline_versions(b, cat, at)
        for subj in subjects:
            for scen_name, b_res in bases:
                scen.append(_price_scenario(c, stated, cat, b_res, subj, scen_name, at, months, dom, vol))
        for s in scen:
            forensic_values += s.implied_values
        # the subject's own figures: a "new" price often is an old price of something else
        for subj in subjects:
            forensic_values += [Fraction(r) for r in (subj.version.rates.input, subj.version.rates.output)
                                if r is not None and subj.version.currency == "USD"]
    elif c.kind in ("price", "discount"):
        scen += _figure_scenarios(c, stated, cat, at)
        if stated.value is not None:
            forensic_values.append(stated.value)
    elif c.kind == "training_cost":
        scen.append(_training_scenario(c, stated))
        for sid in c.fixed_sources:
            src = cat.sources[sid]
            scen[-1].steps.append(f"source of the fixed figures: {src.title or sid} ({src.url or src.seed or ''})")
    verdict, reason = _summarize(c, scen, named=bool(c.baseline) or c.kind not in ("percent_cheaper",
                                                                                   "cost_fraction", "monthly_savings"))
    unit = "percent" if stated.unit == "percent" else ""
    own = None
    if c.subject and c.subject.split("@")[0] in cat:
        own = (cat.model_id(c.subject.split("@")[0]), "")
    matches = nearest_figures(cat, forensic_values, kind=c.kind, component=c.component, exclude=own, at=at) \
        if forensic_values else []
    exact = [m for m in matches if m.exact and m.status in ("official", "promotional")]
    if exact and verdict in ("unverifiable", "contradicted") and c.kind in ("price", "discount"):
        m = exact[0]
        what = m.what.replace("discount ", "") + " discount" if m.what.startswith("discount") else m.what
        reason += (f"; the figure equals {m.model}'s official {what} ({m.version}"
                   f"{', in effect at the claim date' if m.current else ''})")
    return ClaimResult(c, stated, verdict, reason, scen, matches, unit)


def _figure_scenarios(c: Claim, stated: Stated, cat: Catalog, at: dt.datetime) -> list[ScenarioResult]:
    """A stated price or discount vs the official figure of the subject model."""
    assert c.subject is not None
    if "@" in c.subject:
        cat.resolve(c.subject)  # an unknown version is an error, not silently the model's whole history
    mid = cat.model_id(c.subject.split("@")[0])
    official = [v for v in cat.versions(mid) if v.status in ("official", "promotional")]
    out: list[ScenarioResult] = []
    if not official:
        return [ScenarioResult("at claim date", None, None, None, "unverifiable",
                               f"{mid} has no official price to compare with; only reported figures exist")]
    for v in official:
        res = cat.resolve(f"{mid}@{v.id}")
        in_effect = v.in_effect(at)
        scen = "at claim date" if in_effect else "price history"
        sr = ScenarioResult(scen, None, None, v.id, "unverifiable", "")
        if c.kind == "price":
            r = getattr(v.rates, c.component or "", None)
            if r is None:
                sr.reason = f"{res.label} has no {c.component} price"
                out.append(sr)
                continue
            val = Fraction(r)
            if v.currency != "USD":
                continue
            label = f"${fmt_num(val, 4)}/Mtok"
        else:
            b, whence = cat.batch_for(res, at if in_effect else v.start) if c.component == "batch" else (None, None)
            if b is None:
                sr.reason = f"{res.label}: no {c.component} discount is recorded"
                sr.verdict = "contradicted" if in_effect else "unverifiable"
                out.append(sr)
                continue
            val = Fraction(b.discount) * 100
            label = f"{fmt_num(val, 2)}% ({whence})"
        hold = {rule: iv.contains(val) for rule, iv in stated.intervals.items()}
        sr.computed_min = sr.computed_max = val
        iv = next(iter(stated.intervals.values()))
        if all(hold.values()) or hold.get("half_up"):
            sr.verdict, sr.holds_where = "holds", "as stated"
        elif any(hold.values()):
            sr.verdict, sr.holds_where = "holds-if", "only if the figure was truncated, not rounded"
        else:
            sr.verdict = "contradicted"
        sr.reason = f"{res.label} [{v.status}] is {label}; stated {stated.text!r} means {iv.describe()}"
        out.append(sr)
    return out


def _training_scenario(c: Claim, stated: Stated) -> ScenarioResult:
    # check_claim answers "unverifiable" before this when either figure is missing
    hours, rate = F(c.fixed["gpu_hours"]), F(c.fixed["usd_per_gpu_hour"])
    val = hours * rate
    sr = ScenarioResult("fixed", None, None, None, "unverifiable", "")
    sr.computed_min = sr.computed_max = val
    sr.steps.append(f"{fmt_num(hours)} GPU-hours x ${fmt_num(rate, 2)}/GPU-hour = ${fmt_num(val, 2)}")
    iv = stated.intervals["half_up"]
    if iv.contains(val):
        sr.verdict, sr.holds_where = "holds", "as stated"
    elif any(i.contains(val) for i in stated.intervals.values()):
        sr.verdict, sr.holds_where = "holds-if", "only if the figure was truncated"
    else:
        sr.verdict = "understated" if iv.hi.value is not None and val >= iv.hi.value else "overstated"
    sr.reason = f"recomputed ${fmt_num(val, 2)}; stated {stated.text!r} means {iv.describe()}"
    return sr


def check_claims(claims: list[Claim] | str | None = None, catalog: Catalog | None = None, *,
                 policy: TolerancePolicy | None = None, summary: bool = False) -> pd.DataFrame:
    """Evaluate claims (the bundled article claims by default): one row per claim x scenario.

    ``summary=True`` gives one row per claim with its overall verdict.
    """
    import pandas as pd

    from .schema import load_claims
    if claims is None or isinstance(claims, str):
        claims = load_claims(claims)
    cat = catalog or load_catalog()
    rows = []
    for c in claims:
        r = check_claim(c, cat, policy=policy)
        if summary:
            rows.append(summary_row(r))
        else:
            rows += [scenario_row(r, s) for s in r.scenarios] or [scenario_row(r, None)]
    from .._display.frames import tidy
    return tidy(pd.DataFrame(rows))
