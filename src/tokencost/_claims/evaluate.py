"""Recompute a claim under every reading the data allows, and say where it holds.

A *scenario* is one subject price version x one baseline price version. The **headline**
verdict rests on the scenarios at the claim's date: the prices in effect then, for the models
available then (or the versions the claim names, ``MODEL@VERSION``). Every other official
version of a model, and the figures the claim's *own* source reports (``status: reported``
versions citing the claim's ``source``), are secondary readings: they can only add a "would
hold under ..." line, never rescue or sink the headline. Figures reported by other articles
are not used at all (a user's claim is not judged by an unrelated article's numbers).

Within a scenario every quantity is linear-fractional in the one continuous free assumption
(input share, cached share, batch share, off-peak share or the volume: the pricing rule's mix is
affine in each share), so the region where the stated interval is met is solved exactly with
Fractions (``region``). A free month length is a set of conventional lengths (28, 29, 30,
30.4375, 31 days), each solved on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .._catalog.catalog import Catalog, Resolved, load_catalog
from .._engine.units import parse_volume
from .._pricing import rule
from .._time import day_start
from ..errors import ClaimError, TokencostError
from .figures import figure_scenarios, request_scenarios
from .forensics import nearest_figures, slips
from .region import LinFrac, Region, solve_region, value_range
from .region2 import BiLin, Box, Piece, YBound, describe_exact, describe_region2, solve_region2
from .region3 import CORNERS, Cube, Solid, TriLin
from .result import HEADLINE, RETIRED, ClaimResult, ScenarioResult, scenario_row, summary_row, unreadable
from .schema import Claim, claim_origin
from .stated import Stated, TolerancePolicy, fmt_num, in_currency, parse_stated
from .verdict import (
    COMPARISONS,
    HOW_ROUNDED,
    F,
    Free,
    describe_region,
    fmt_q,
    judge,
    verdict_from,
    wrong_direction,
)

if TYPE_CHECKING:
    import pandas as pd

    from .._catalog.schema import PriceVersion

__all__ = ["HEADLINE", "PricingContext", "check_claim", "check_claims", "judge"]



class _Days(Fraction):
    """A month length: a Fraction that computes its hash once. Month lengths key the dicts of every
    scenario (quantities, ranges, regions), and a Fraction's hash is a modular inverse each time."""

    __slots__ = ("_hash",)

    def __hash__(self) -> int:
        try:
            return self._hash  # type: ignore[no-any-return]
        except AttributeError:
            h = self._hash = Fraction.__hash__(self)
            return h


MONTHS = (_Days(28), _Days(29), _Days(30), _Days(487, 16), _Days(31))
YEAR_DAYS = Fraction(365)
F0, F1, F100, MTOK = Fraction(0), Fraction(1), Fraction(100), Fraction(10**6)
SHARES = ("input_share", "cached_share", "cache_write_share", "batch_share", "off_peak_share")


# -- pricing through the one rule --------------------------------------------------------------------
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


_RATES: dict[tuple[Any, ...], tuple[Catalog, tuple[Fraction | None, Fraction | None, str]]] = {}


def _usd_rates(cat: Catalog, res: Resolved, at: dt.datetime,
               ctx: PricingContext = PricingContext()) -> tuple[Fraction | None, Fraction | None, str]:
    """USD per million input and per million output tokens under the pricing rule's mix of regimes
    for ``ctx`` (None where the version lacks a rate the mix needs)."""
    key = (id(cat), res.model_id, res.version.id, _when(res, at), ctx)
    hit = _RATES.get(key)
    if hit is not None and hit[0] is cat:
        return hit[1]
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
                i += w * sum((share * r for share, r in pieces if share), F0)  # type: ignore[operator]
        o = None if o is None or ro is None else o + w * ro
    fx, ex = rule.fx_factor(cat, res.version.currency, "USD", at)
    note = "" if ex is None else f" (converted at {ex.usd_per_unit} USD/{ex.currency}, {ex.on})"
    out = ((None if i is None else i * fx), (None if o is None else o * fx), note)
    if len(_RATES) > 100_000:
        _RATES.clear()
    _RATES[key] = (cat, out)  # keeps cat alive, so its id is not reused meanwhile
    return out


class _Missing(Exception):
    def __init__(self, component: str) -> None:
        self.component = component


def _free_names(claim: Claim, blended: bool) -> list[str]:
    free = [k for k in claim.free if k != "month_days"]
    if blended and "input_share" not in claim.fixed and "input_share" not in free:
        free.insert(0, "input_share")  # a blended claim that does not say its mix leaves it open: [0, 1]
    if not blended and "input_share" in free:
        free.remove("input_share")  # the mix does not matter on one component's price
    if "tokens" in free:  # the volume goes last: it scales the price difference
        free.remove("tokens")
        free.append("tokens")
    if len(free) > 3:
        raise ClaimError(f"{len(free)} continuous free assumptions ({', '.join(free)}); the checker solves up to "
                         f"three exactly: fix the others (fixed: {{{free[3]}: ...}})", claim_id=claim.id)
    return free


def _free_dim(claim: Claim, blended: bool, name: str | None = None) -> Free:
    """One free assumption with its domain (the only one, unless ``name`` picks one of two)."""
    free = _free_names(claim, blended)
    if name is None and len(free) > 1:
        raise ClaimError("several free assumptions: solved as a plane or a solid", claim_id=claim.id)
    if not free:
        s = F(claim.fixed["input_share"]) if "input_share" in claim.fixed else F0
        return Free("", Region(s, s))
    name = name or free[0]
    if name == "tokens":
        lo, hi = (parse_volume(x) for x in claim.free["tokens"])
        if lo.per != hi.per:
            raise ClaimError("free.tokens: both ends must be per the same period", claim_id=claim.id)
        return Free("tokens", Region(lo.fraction(), hi.fraction()), lo.per)
    lo, hi = (F(x) for x in claim.free.get(name, ("0", "1")))
    if not F0 <= lo <= hi <= F1:
        raise ClaimError(f"free.{name} must be a range within 0..1 (got {lo}..{hi})", claim_id=claim.id)
    return Free(name, Region(lo, hi))


_LINES: dict[tuple[Any, ...], Any] = {}
_TAILS: dict[tuple[Any, ...], tuple[Any, ...]] = {}
_CTX: dict[int, tuple[Claim, PricingContext, int]] = {}


def _price_line(cat: Catalog, res: Resolved, at: dt.datetime, claim: Claim, basis: str,
                free: Free) -> tuple[LinFrac, Fraction | None, Fraction | None, str]:
    """The price per Mtok (on ``basis``) as an affine function of the free share, with the input and
    output rates at the fixed context (for the explanation). The rule's mix is affine in each share,
    so two evaluations give the line exactly."""
    ctx = _CTX.get(id(claim))
    if ctx is None or ctx[0] is not claim:
        pc = PricingContext.of(claim)
        tail = (pc, basis, free, claim.fixed.get("input_share"))
        tail = _TAILS.setdefault(tail, tail)  # hashed once per claim, then looked up by identity
        if len(_CTX) > 10_000:
            _CTX.clear()
        ctx = _CTX[id(claim)] = (claim, pc, id(tail))
    _, pc, tail_id = ctx
    # one line per version, pricing instant and assumptions: claims share baselines and their history
    key = (id(cat), res.model_id, res.version.id, _when(res, at), tail_id)
    hit = _LINES.get(key)
    if hit is not None and hit[0] is cat:
        return hit[1]  # type: ignore[no-any-return]
    out = _price_line_uncached(cat, res, at, claim, basis, free, pc)
    if len(_LINES) > 100_000:
        _LINES.clear()
    _LINES[key] = (cat, out)  # keeps cat alive, so its id is not reused meanwhile
    return out


def _price_line_uncached(cat: Catalog, res: Resolved, at: dt.datetime, claim: Claim, basis: str,
                         free: Free, ctx: PricingContext) -> tuple[LinFrac, Fraction | None, Fraction | None, str]:
    s_fixed = F(claim.fixed["input_share"]) if "input_share" in claim.fixed else None

    def price(c: PricingContext, s: Fraction | None) -> tuple[Fraction, Fraction | None, Fraction | None, str]:
        i, o, note = _usd_rates(cat, res, at, c)
        if basis == "input" or (basis == "blended" and s == F1):
            if i is None:
                raise _Missing("input")
            return i, i, o, note
        if basis == "output" or (basis == "blended" and s == F0):
            if o is None:
                raise _Missing("output")
            return o, i, o, note
        if i is None or o is None:
            raise _Missing("input" if i is None else "output")
        assert s is not None
        return s * i + (F1 - s) * o, i, o, note

    if free.name in ("cached_share", "cache_write_share", "batch_share", "off_peak_share"):
        p0, i, o, note = price(replace(ctx, **{free.name: F0}), s_fixed)
        p1, _, _, _ = price(replace(ctx, **{free.name: F1}), s_fixed)
        _, i, o, note = price(replace(ctx, **{free.name: free.dom.lo}), s_fixed)
        return LinFrac(p0, p1 - p0), i, o, note
    if free.name == "input_share" and basis == "blended":
        i, o, note = _usd_rates(cat, res, at, ctx)
        if i is None or o is None:
            raise _Missing("input" if i is None else "output")
        return LinFrac(o, i - o), i, o, note
    p, i, o, note = price(ctx, s_fixed if basis == "blended" else None)
    return LinFrac(p, F0), i, o, note


# -- what a claim's figure is computed as ---------------------------------------------------------------
def _quantity(kind: str, stated: Stated, cand: LinFrac, base: LinFrac | None, scale: LinFrac) -> LinFrac:
    """The claim's quantity Q(x), in the stated figure's unit. ``scale`` is tokens per period (a
    LinFrac in x when the volume is the free assumption)."""
    m = stated.measure
    if kind in ("percent_cheaper", "cost_fraction"):
        assert base is not None
        if m == "saving":  # 100 (B - C) / B
            return LinFrac(F100 * (base.a - cand.a), F100 * (base.b - cand.b), base.a, base.b)
        if m == "multiple":  # B / C
            return LinFrac(base.a, base.b, cand.a, cand.b)
        if m == "share":  # 100 C / B
            return LinFrac(F100 * cand.a, F100 * cand.b, base.a, base.b)
        if m == "ratio":
            return LinFrac(cand.a, cand.b, base.a, base.b)
        raise ClaimError(f"a {kind} claim needs a percentage, a fraction or a multiple, not {stated.text!r}")
    if m != "amount":
        raise ClaimError(f"a {kind} claim states a dollar amount, not {stated.text!r}")
    diff = cand if kind == "monthly_cost" else LinFrac(base.a - cand.a, base.b - cand.b)  # type: ignore[union-attr]
    # tokens x price / 1e6, where one side is constant (one free dimension)
    if scale.b == 0:
        return LinFrac(scale.a * diff.a / MTOK, scale.a * diff.b / MTOK)
    if diff.b == 0:
        return LinFrac(scale.a * diff.a / MTOK, scale.b * diff.a / MTOK)
    raise ClaimError(f"a {kind} claim with a free volume needs the token mix fixed (fixed.input_share)")


def _month_options(claim: Claim) -> list[Fraction]:
    if "month_days" in claim.fixed:
        return [_Days(F(claim.fixed["month_days"]))]
    if "month_days" in claim.free:
        lo, hi = (F(x) for x in claim.free["month_days"])
        return [m for m in MONTHS if lo <= m <= hi] or [_Days(lo)]
    return [MONTHS[2]]


@lru_cache(maxsize=4096)
def _volume_text(text: str) -> tuple[Fraction, str]:
    v = parse_volume(text)
    return v.fraction(), v.per


def _volume(value: Any) -> tuple[Fraction, str]:
    """Tokens per period and the period ("day" or "month") of a fixed volume."""
    if isinstance(value, str):
        return _volume_text(value)
    v = parse_volume(value)
    return v.fraction(), v.per


def _volume_scale(claim: Claim, free: Free, m: Fraction) -> LinFrac:
    """Tokens per the claim's period as a LinFrac in the free volume (a constant otherwise)."""
    period = claim.period or "month"
    if free.name == "tokens":
        per = free.per
        tokens = LinFrac(F0, F1)
    else:
        n, per = _volume(claim.fixed["tokens"])
        tokens = LinFrac(n, F0)
    if period == "request":
        raise ClaimError("period: request needs kind: request_cost (fixed input_tokens / output_tokens)",
                         claim_id=claim.id)
    days = {"day": F1, "month": m, "year": YEAR_DAYS}[period]
    factor = days if per == "day" else days / m  # a monthly volume spread over a month of m days
    return LinFrac(tokens.a * factor, tokens.b * factor)


@lru_cache(maxsize=16384)  # one line per version and assumptions, repeated across claims
def _rates_step(label: str, i: Fraction | None, o: Fraction | None, note: str) -> str:
    money = [f"{n} ${fmt_num(x, 6)}" for n, x in (("input", i), ("output", o)) if x is not None]
    return f"{label}: {', '.join(money) or 'no token price'} per Mtok{note}"


def _region(q: LinFrac, iv: Any, dom: Region, lo: Fraction, hi: Fraction) -> Region | None:
    """``solve_region``, answered without solving when the whole range [lo, hi] is inside or outside
    the interval (q is monotone on the domain, so its range is the interval between its end values)."""
    if iv.contains(lo) and iv.contains(hi):
        return dom
    # the whole range below the interval or above it (compared in integers, as Interval.contains does)
    if iv.lo.value is not None:
        c = hi.numerator * iv.lo.value.denominator - iv.lo.value.numerator * hi.denominator
        if c < 0 or (c == 0 and not iv.lo.closed):
            return None
    if iv.hi.value is not None:
        c = lo.numerator * iv.hi.value.denominator - iv.hi.value.numerator * lo.denominator
        if c > 0 or (c == 0 and not iv.hi.closed):
            return None
    return solve_region(q, iv, dom)


def _price_scenario(claim: Claim, stated: Stated, cat: Catalog, base_res: Resolved | None,
                    subj_res: Resolved, scen: str, at: dt.datetime, months: list[Fraction],
                    free: Free) -> ScenarioResult:
    sr = ScenarioResult(scen, base_res.model_id if base_res else None, base_res.version.id if base_res else None,
                        subj_res.version.id, "unverifiable", "")
    basis = claim.basis or "blended"
    dom = free.dom
    try:
        cand, ci, co, cnote = _price_line(cat, subj_res, at, claim, basis, free)
        base, bnote, bi, bo = None, "", None, None
        if base_res is not None:
            base, bi, bo, bnote = _price_line(cat, base_res, at, claim, basis, free)
    except _Missing as m:
        who = base_res.label if base_res is not None and (
            getattr(base_res.version.rates, m.component) is None) else subj_res.label
        sr.reason = f"{who} has no {m.component} price, which a {basis} reading needs"
        return sr
    except TokencostError as exc:
        sr.reason = str(exc)
        return sr

    sr.steps.append(_rates_step(subj_res.label, ci, co, cnote))
    if base_res is not None:
        sr.steps.append(_rates_step(f"{base_res.label} [{base_res.version.status}]", bi, bo, bnote))
    lo_all: Fraction | None = None
    hi_all: Fraction | None = None
    rules = list(stated.intervals)
    regions: dict[str, dict[Fraction, Region | None]] = {r: {} for r in rules}
    qs: dict[Fraction, LinFrac] = {}
    ranges: dict[Fraction, tuple[Fraction, Fraction]] = {}
    try:
        for m in months:
            scale = _volume_scale(claim, free, m) if claim.kind in ("monthly_savings", "monthly_cost") \
                else LinFrac(F1, F0)
            q = qs[m] = _quantity(claim.kind, stated, cand, base, scale)
            lo, hi = ranges[m] = value_range(q, dom)
            regions[rules[0]][m] = _region(q, stated.intervals[rules[0]], dom, lo, hi)
            lo_all = lo if lo_all is None else min(lo_all, lo)
            hi_all = hi if hi_all is None else max(hi_all, hi)
        # other rounding rules matter only where the headline reading finds nothing
        if all(r is None for r in regions[rules[0]].values()):
            for rule_name in rules[1:]:
                for m, q in qs.items():
                    regions[rule_name][m] = _region(q, stated.intervals[rule_name], dom, *ranges[m])
        else:
            for rule_name in rules[1:]:
                del regions[rule_name]
    except ZeroDivisionError:
        sr.reason = "a price in the comparison is zero"
        return sr
    assert lo_all is not None and hi_all is not None
    sr.computed_min, sr.computed_max, sr.regions = lo_all, hi_all, regions
    sr.quantities, sr.domain = dict(qs), dom  # kept for plots: month length -> Q(free assumption)
    sr.verdict, reason, sr.holds_where = verdict_from(claim, stated, lo_all, hi_all, regions, free, months)
    if len(months) > 1 and sr.verdict == "holds-if":
        m0 = Fraction(30) if Fraction(30) in months else months[0]
        r0 = regions[next(iter(regions))].get(m0)
        sr.holds_where_short = (f"{describe_region(r0, free)} ({fmt_num(m0, 4)}-day month)" if r0 is not None
                                else f"some month lengths only: {sr.holds_where}")
    else:
        sr.holds_where_short = sr.holds_where
    span = fmt_q(lo_all, stated) if lo_all == hi_all else f"{fmt_q(lo_all, stated)}–{fmt_q(hi_all, stated)}"
    over = "" if dom.lo == dom.hi or lo_all == hi_all else f" over {free.label()} {free.fmt(dom.lo)}–{free.fmt(dom.hi)}"
    iv = stated.intervals[rules[0]]
    sr.reason = reason or f"computed {span}{over}; stated {stated.text!r} means {stated.means(iv)}"
    if scen in HEADLINE:  # what would make it exact matters (and feeds forensics) for the headline only
        _implied(sr, claim, stated, qs, months, free, cand, base, basis)
    return sr


def _implied(sr: ScenarioResult, claim: Claim, stated: Stated, qs: dict[Fraction, LinFrac],
             months: list[Fraction], free: Free, cand: LinFrac, base: LinFrac | None, basis: str) -> None:
    """What would make the stated figure exact: a value of the free assumption, or a baseline price."""
    if stated.value is None:
        return
    dom, target, m = free.dom, stated.value, (Fraction(30) if Fraction(30) in months else months[0])
    q0 = qs[m]
    x_star = q0.solve(target)
    if x_star is not None and dom.lo <= x_star <= dom.hi and dom.lo != dom.hi:
        sr.implied = f"{free.label()} {free.fmt(x_star)} makes it exact"
        return
    if base is None or claim.kind not in ("percent_cheaper", "cost_fraction"):
        return
    c_lo, c_hi = cand(dom.lo), cand(dom.hi)
    need = []
    for c in {c_lo, c_hi}:
        if stated.measure == "saving":
            need.append(c / (1 - target / F100) if target != F100 else None)
        elif stated.measure == "multiple":
            need.append(c * target)
        elif stated.measure == "share":
            need.append(c * F100 / target if target else None)  # "0% of the cost": no finite baseline price
    need_ok = sorted(x for x in need if x is not None)
    if not need_ok:
        return
    if dom.lo == dom.hi or c_lo == c_hi:
        sr.implied = f"a baseline {basis} price of ${fmt_num(need_ok[0], 4)}/Mtok makes it exact"
        sr.implied_values.append(need_ok[0])
    else:
        sr.implied = (f"no {free.label()} makes it exact; the baseline's {basis} price would need to be "
                      f"${fmt_num(need_ok[0], 4)}–${fmt_num(need_ok[-1], 4)}/Mtok")


# -- which versions are read --------------------------------------------------------------------------
def _own_figure(v: Any, claim: Claim) -> bool:
    """A reported figure counts for a claim only when the claim's own source reports it."""
    return claim.source is not None and any(c.source == claim.source for c in v.citations)


def _subject_versions(claim: Claim, cat: Catalog, at: dt.datetime) -> list[tuple[str, Resolved]]:
    assert claim.subject is not None
    if "@" in claim.subject:
        return [("fixed", cat.resolve(claim.subject))]
    mid = cat.model_id(claim.subject)
    try:
        return [("at claim date", cat.resolve(mid, at))]
    except TokencostError:
        pass
    last = cat.last_price_before_retirement(mid, at)
    if last is not None:
        return [(RETIRED, last)]
    # no price in effect then: only the figures the claim's own source gives for the subject
    # (the claim's own premise, so read as fixed: the claim is checked given its source's figure)
    reported = [v for v in cat.versions(mid) if v.status in ("reported", "rumored")]
    own = [("fixed", cat.resolve(f"{mid}@{v.id}")) for v in reported if _own_figure(v, claim)]
    if own:
        return own
    if not reported:
        raise ClaimError(f"{mid} has no price in effect on {at:%Y-%m-%d} and no reported figure", claim_id=claim.id)
    # only other sources' figures: readings that cannot carry the headline ("unverifiable")
    return [("other source", cat.resolve(f"{mid}@{v.id}")) for v in reported]


def _baseline_versions(name: str, claim: Claim, cat: Catalog, at: dt.datetime) -> list[tuple[str, Resolved]]:
    if "@" in name:
        return [("fixed", cat.resolve(name))]
    mid = cat.model_id(name)
    out: list[tuple[str, Resolved]] = []
    current: Resolved | None = None
    try:
        current = cat.resolve(mid, at)
        out.append(("at claim date", current))
    except TokencostError:
        current = cat.last_price_before_retirement(mid, at)
        if current is not None:
            out.append((RETIRED, current))
    for v in cat.versions(mid):
        if current is not None and v.id == current.version.id:
            continue
        if v.status in ("official", "promotional") and v.currency == "USD":
            out.append(("price history", cat.resolve(f"{mid}@{v.id}")))
        elif v.status in ("reported", "rumored") and _own_figure(v, claim):
            out.append(("as reported", cat.resolve(f"{mid}@{v.id}")))
    return out


# -- the headline and the secondary lines --------------------------------------------------------------
def _who(s: ScenarioResult, claim: Claim) -> str:
    tag = " (retired before the claim date: its last list price)" if s.scenario == RETIRED else ""
    if s.baseline:
        return f"{s.baseline}@{s.baseline_version}{tag}"
    return f"{(claim.subject or '').split('@')[0]}@{s.subject_version}{tag}"


def _secondary(claim: Claim, scen: list[ScenarioResult], at: dt.datetime, cat: Catalog) -> list[str]:
    """Lines for readings other than the claim date's: "would hold under ..." where they reproduce
    the figure; for a subject priced only by other sources, what each of their figures would give."""
    out = []
    others: dict[str, list[ScenarioResult]] = {}
    for s in scen:
        if s.scenario in HEADLINE or s.verdict == "unverifiable":
            continue
        if s.scenario == "other source":
            others.setdefault(s.subject_version or "", []).append(s)
            continue
        why = (f"the figure {claim.source} itself reports" if s.scenario == "as reported"
               else f"a price not in effect on {at:%Y-%m-%d}")
        if s.verdict in ("holds", "holds-if"):
            hw = s.holds_where_short
            where = "" if s.verdict == "holds" else f", {hw}" if hw.startswith("only if") else f" at {hw}"
            out.append(f"would hold under {_who(s, claim)} ({why}){where}")
    subj = (claim.subject or "").split("@")[0]
    for vid, group in others.items():
        v = cat.resolve(f"{subj}@{vid}").version
        cites = ", ".join(sorted({c.source for c in v.citations})) or "another source"
        by: dict[str, list[str]] = {}
        for s in group:
            by.setdefault(s.verdict, []).append(s.baseline or subj)
        parts = "; ".join(f"{k} vs {', '.join(dict.fromkeys(b))}" for k, b in by.items())
        out.append(f"with {subj}@{vid} (reported by {cites}, not by the claim's source): {parts}")
    return list(dict.fromkeys(out))


def _summarize(claim: Claim, scen: list[ScenarioResult], named: bool, at: dt.datetime) -> tuple[str, str]:
    now = [s for s in scen if s.scenario in HEADLINE]
    usable = [s for s in now if s.verdict != "unverifiable"]
    figure = claim.kind not in COMPARISONS

    def vs(s: ScenarioResult) -> str:
        return "" if figure else f"vs {_who(s, claim)}: "
    if not usable:
        if now:
            return "unverifiable", now[0].reason
        if any(s.scenario == "other source" for s in scen):
            subj = (claim.subject or "").split("@")[0]
            return "unverifiable", (f"{subj} has no official price on {at:%Y-%m-%d} and "
                                    f"{claim.source or 'the claim'} reports none; figures from other sources "
                                    f"are not used for the verdict")
        return "unverifiable", f"no price in effect on {at:%Y-%m-%d} to judge it by"
    hold = [s for s in usable if s.verdict == "holds"]
    if hold:
        s = hold[0]
        if named or len({x.baseline for x in usable}) <= 1 or len(hold) == len(usable):
            return "holds", f"{vs(s)}{s.reason}" + (" (and every other candidate baseline)"
                                                   if len(hold) > 1 and not named else "")
        return "holds-if", f"if the baseline is {', '.join(sorted({x.baseline or '' for x in hold}))}: {s.reason}"
    partial = [s for s in usable if s.verdict == "holds-if"]
    if partial:
        return "holds-if", " or ".join(f"vs {_who(s, claim)}" + (f", {s.holds_where_short}" if s.holds_where_short
                                                                 .startswith("only if") else f" at {s.holds_where_short}")
                                       for s in partial[:4])
    verdicts = {s.verdict for s in usable}
    if len(verdicts) == 1:
        return verdicts.pop(), f"{vs(usable[0])}{usable[0].reason}"
    detail = "; ".join(f"{s.verdict} vs {_who(s, claim)}" for s in usable[:4])
    return "contradicted", f"no baseline it could mean reproduces it: {detail}"


# -- the claim ----------------------------------------------------------------------------------------
def check_claim(claim: Claim | dict[str, Any], catalog: Catalog | None = None, *,
                policy: TolerancePolicy | None = None) -> ClaimResult:
    """Evaluate one claim under every applicable scenario.

    A claim that cannot be read (a figure in no known phrasing, an unknown model, a field that
    contradicts its kind, a date before any price) is not an exception: it comes back with verdict
    ``unreadable`` and the reason, which names the claim and the file:line it was read from, so a
    file of claims is checked claim by claim. Only something that is no claim at all raises.
    """
    if not isinstance(claim, (Claim, dict)):
        raise ClaimError(f"expected a Claim or a dict, not {type(claim).__name__}")
    try:
        c = claim if isinstance(claim, Claim) else Claim(**claim)
    except ClaimError as exc:
        return unreadable(claim, str(exc))
    cat = catalog or load_catalog()
    try:
        return _check(c, cat, policy or TolerancePolicy())
    except TokencostError as exc:
        # the reason names where the claim was read (file:line) and its id, as a load error would
        reason = str(exc.detail if isinstance(exc, ClaimError) else exc).removeprefix(f"claim {c.id}: ")
        origin = claim_origin(c)
        where = f"{origin}: claim {c.id}" if origin else f"claim {c.id}"
        return ClaimResult(c, None, "unreadable", f"{where}: {reason}", [], [])


def _before_any_price(c: Claim, cat: Catalog, at: dt.datetime) -> None:
    """A claim dated before every price of a model it names has nothing to be judged against."""
    def earliest(name: str) -> PriceVersion | None:
        if "@" in name:
            return None  # a pinned version is judged whatever its dates
        priced = [v for v in cat.versions(name) if v.status in ("official", "promotional")]
        return min(priced, key=lambda v: v.start) if priced else None

    def first(name: str) -> dt.datetime | None:
        v = earliest(name)
        return v.start if v is not None else None
    names = [("subject", c.subject)] if c.subject else []
    names += [("baseline", c.baseline)] if c.baseline else []
    for role, name in names:
        assert name is not None
        v = earliest(name)
        if v is not None and at < v.start:
            since = (f"the first is from {v.start:%Y-%m-%d}" if v.effective_from_known else
                     f"the first is evidenced from {v.start:%Y-%m-%d}, its start is unknown")
            raise ClaimError(f"at {at:%Y-%m-%d} is before any official price of {role} {name!r} "
                             f"({since}); nothing to judge the claim against", claim_id=c.id)
    cands = [first(b) for b in c.baseline_candidates if not c.baseline]
    if cands and all(t is not None and at < t for t in cands):
        raise ClaimError(f"at {at:%Y-%m-%d} is before any official price of every candidate baseline",
                         claim_id=c.id)


def _check(c: Claim, cat: Catalog, pol: TolerancePolicy) -> ClaimResult:
    at = day_start(c.at)  # the claim's date (today if undated), 00:00 UTC
    if c.kind == "unverifiable":
        return ClaimResult(c, None, "unverifiable", c.reason or "", [], [])
    training: tuple[Fraction, Fraction, list[str]] | None = None
    if c.kind == "training_cost":
        got = _training_inputs(c, cat, at)
        if isinstance(got, str):
            return ClaimResult(c, None, "unverifiable", got,
                               [ScenarioResult("fixed", None, None, None, "unverifiable", got)], [])
        training = got
        try:  # without fixed GPU-hours a claim file does not parse the figure ("a fraction" passes)
            parse_stated(c.stated, c.hedge, kind=c.kind, policy=pol, rounding=c.rounding)
        except ClaimError as exc:
            why = f"{c.stated!r} is not an amount the training cost can be compared with ({exc.args[0]})"
            return ClaimResult(c, None, "unverifiable", why,
                               [ScenarioResult("fixed", None, None, None, "unverifiable", why)], [])
    unknown = [sid for sid in c.fixed_sources if sid not in cat.sources]
    if unknown:
        raise ClaimError(f"fixed_sources cites unknown source(s) {unknown}", claim_id=c.id)
    if c.source is not None and c.source not in cat.sources:
        raise ClaimError(f"source {c.source!r} is not a source in the price tables "
                         f"({', '.join(cat.paths) or 'bundled'})", claim_id=c.id)
    if c.kind in ("percent_cheaper", "cost_fraction", "monthly_savings", "monthly_cost", "price", "discount",
                  "request_cost"):
        _before_any_price(c, cat, at)
    stated = parse_stated(c.stated, c.hedge, kind=c.kind, policy=pol, rounding=c.rounding)
    if c.kind == "discount" and stated.measure in ("saving", "percent"):
        stated = replace(stated, measure="discount")
    if stated.currency != "USD" and c.kind not in ("price", "unverifiable"):
        # a cost or saving in yuan: the figure (and its interval) in USD at the recorded rate on the claim
        # date, exactly; prices are computed in USD, so the verdict is the yuan figure's at that rate
        try:
            fx, ex = rule.fx_factor(cat, stated.currency, "USD", at)
        except TokencostError as exc:
            raise ClaimError(f"stated {c.stated!r} is in {stated.currency}: {exc}", claim_id=c.id) from None
        assert ex is not None
        stated = in_currency(stated, fx, "USD", f"converted to USD at {ex.usd_per_unit} USD/{ex.currency} "
                                                f"({ex.on}, {ex.source})")
    scen: list[ScenarioResult] = []
    forensic_values: list[Fraction] = []
    if c.kind in ("percent_cheaper", "cost_fraction", "monthly_savings", "monthly_cost"):
        months = _month_options(c) if c.kind in ("monthly_savings", "monthly_cost") else [Fraction(30)]
        blended = (c.basis or "blended") == "blended"
        names = _free_names(c, blended)
        free = _free_dim(c, blended) if len(names) < 2 else None
        frees = [_free_dim(c, blended, n) for n in names] if free is None else []
        if free is not None and not blended and free.name == "":
            free = Free("", Region(F1, F1) if c.basis == "input" else Region(F0, F0))
        subjects = _subject_versions(c, cat, at)
        bases: list[tuple[str, Resolved | None]] = [("fixed", None)] if c.kind == "monthly_cost" else []
        for b in c.baselines:
            bases += _baseline_versions(b, c, cat, at)
        for s_scen, subj in subjects:
            for b_scen, b_res in bases:
                if s_scen == "other source" and b_scen not in HEADLINE:
                    continue  # another source's figure is read only against the prices of the claim date
                # a reading is in effect at the claim date only if both sides are
                name = b_scen if s_scen in HEADLINE else s_scen if b_scen in HEADLINE or s_scen == "other source" \
                    else b_scen
                if RETIRED in (s_scen, b_scen) and s_scen in HEADLINE and b_scen in HEADLINE:
                    name = RETIRED
                if free is None:
                    solve = _plane_scenario if len(frees) == 2 else _solid_scenario
                    scen.append(solve(c, stated, cat, b_res, subj, name, at, months, frees))
                else:
                    scen.append(_price_scenario(c, stated, cat, b_res, subj, name, at, months, free))
                if name == RETIRED:
                    scen[-1].steps[:0] = [
                        f"{r.model_id} was retired on {r.model.retired_at:%Y-%m-%d}, before the claim date "
                        f"{at:%Y-%m-%d}: read at its last list price ({r.version.id})"
                        for r in (subj, b_res) if r is not None and r.model.retired_at is not None
                        and r.model.retired_at <= at]
        for s in scen:
            forensic_values += s.implied_values
        # the subject's own figures: a "new" price often is an old price of something else
        for _, subj in subjects:
            forensic_values += [Fraction(r) for r in (subj.version.rates.input, subj.version.rates.output)
                                if r is not None and subj.version.currency == "USD"]
    elif c.kind in ("price", "discount"):
        scen += figure_scenarios(c, stated, cat, at)
        if stated.value is not None and stated.currency == "USD":  # the figures searched are in USD
            forensic_values.append(stated.value)
    elif c.kind == "request_cost":
        scen += request_scenarios(c, stated, cat, at)
    elif c.kind == "training_cost":
        assert training is not None  # read above, before anything else could answer
        scen.append(_training_scenario(stated, *training))
        if c.fixed.keys() & {"gpu_hours", "usd_per_gpu_hour"}:
            for sid in c.fixed_sources:
                src = cat.sources[sid]
                scen[-1].steps.append(f"source of the fixed figures: {src.title or sid} "
                                      f"({src.url or src.seed or ''})")
    verdict, reason = _summarize(c, scen, named=bool(c.baseline) or c.kind not in COMPARISONS, at=at)
    secondary = _secondary(c, scen, at, cat) if verdict != "holds" else []
    unit = "percent" if stated.unit == "percent" else ""
    own = None
    if c.subject and c.subject.split("@")[0] in cat:
        own = (cat.model_id(c.subject.split("@")[0]), "")
    matches = nearest_figures(cat, forensic_values, kind=c.kind, component=c.component, exclude=own, at=at,
                              stated=stated if c.kind in ("price", "discount") else None) \
        if forensic_values else []
    exact = [m for m in matches if m.exact and m.status in ("official", "promotional")]
    if exact and verdict in ("unverifiable", "contradicted", "understated", "overstated") \
            and c.kind in ("price", "discount"):
        m = exact[0]
        what = m.what.replace("discount ", "") + " discount" if m.what.startswith("discount") else m.what
        reason += (f"; the figure matches {m.model}'s official {what} ({m.version}"
                   f"{', in effect at the claim date' if m.current else ''}; {m.closeness()})")
    result = ClaimResult(c, stated, verdict, reason, scen, matches, unit)
    result.secondary = secondary
    # the slips are read against list prices: a batch or flex price claim has its own reading
    result.slips = slips(cat, c, stated, at) if c.kind in ("price", "request_cost") and stated.value \
        and stated.currency == "USD" and not (c.kind == "price" and c.fixed.get("service_tier")) else []
    return result


def _training_inputs(c: Claim, cat: Catalog, at: dt.datetime) -> tuple[Fraction, Fraction, list[str]] | str:
    """The GPU-hours and hourly rate a training cost is read with, and where each came from; or why
    there are none. The claim's own ``fixed`` figures win; a missing one comes from the catalog's
    latest training-cost record of the subject published on or before the claim date."""
    fixed = {k: F(c.fixed[k]) for k in ("gpu_hours", "usd_per_gpu_hour") if k in c.fixed}
    if len(fixed) == 2:
        return fixed["gpu_hours"], fixed["usd_per_gpu_hour"], ["GPU-hours and hourly rate fixed by the claim"]
    if c.reason:
        return c.reason
    if not c.subject:
        return "no public GPU-hour and hourly-rate figures back this training cost (no subject model to look up)"
    name = c.subject.split("@")[0]
    if name not in cat:
        return f"{name!r} is not a model in the price tables, so no training-cost record can back this figure"
    records = cat.training_costs(name, at=at)
    if not records:
        mid = cat.model_id(name)
        return (f"no training-cost record of {name if mid == name else f'{name} ({mid})'} published on or before {at:%Y-%m-%d}; "
                f"give fixed.gpu_hours and fixed.usd_per_gpu_hour with their sources")
    rec = records[-1]
    src = cat.sources.get(rec.citations[0].source)
    where = f"{src.title or rec.citations[0].source}" if src else rec.citations[0].source
    record = f"the catalog's training-cost record {rec.id} ({rec.model}, published {rec.published}, {where})"
    if fixed:  # one figure stated by the claim, the other from the record
        own = next(iter(fixed))
        steps = [f"{'GPU-hours' if own == 'gpu_hours' else 'hourly rate'} fixed by the claim, "
                 f"{'hourly rate' if own == 'gpu_hours' else 'GPU-hours'} from {record}"]
    else:
        steps = [f"GPU-hours and hourly rate from {record}"]
    for key in ("gpu_hours", "usd_per_gpu_hour"):
        fixed.setdefault(key, F(getattr(rec, key)))
    if "usd_per_gpu_hour" not in c.fixed and rec.rate_assumed:
        steps.append(f"the ${fmt_num(fixed['usd_per_gpu_hour'], 2)}/GPU-hour is the publisher's assumed "
                     f"{rec.gpu + ' ' if rec.gpu else ''}rental price, not an amount paid")
    if rec.scope:
        steps.append(f"the record covers: {rec.scope}")
    return fixed["gpu_hours"], fixed["usd_per_gpu_hour"], steps


def _training_scenario(stated: Stated, hours: Fraction, rate: Fraction, origin: list[str]) -> ScenarioResult:
    # origin[0] says where the two figures came from; it leads the reason, so a reader sees it first
    val = hours * rate
    sr = ScenarioResult("fixed", None, None, None, "unverifiable", "")
    sr.computed_min = sr.computed_max = val
    sr.steps += origin
    sr.steps.append(f"{fmt_num(hours)} GPU-hours x ${fmt_num(rate, 2)}/GPU-hour = ${fmt_num(val, 2)}")
    sr.verdict = judge(stated, val, val)
    if sr.verdict == "holds":
        sr.holds_where = "as stated"
    elif any(judge(stated, val, val, r) == "holds" for r in list(stated.intervals)[1:]):
        sr.verdict, sr.holds_where = "holds-if", "only if the figure was truncated"
    iv = next(iter(stated.intervals.values()))
    sr.reason = f"recomputed ${fmt_num(val, 2)} ({origin[0]}); stated {stated.text!r} means {iv.describe()}"
    return sr


def check_claims(claims: list[Claim] | str | None = None, catalog: Catalog | None = None, *,
                 policy: TolerancePolicy | None = None, summary: bool = False) -> pd.DataFrame:
    """Evaluate claims (the bundled article claims by default): one row per claim x scenario.

    ``summary=True`` gives one row per claim with its overall verdict. A path reads the file
    claim by claim: an entry that does not validate is an ``unreadable`` row, the rest are checked.
    """
    import pandas as pd

    from .reading import read_claims
    cat = catalog or load_catalog()
    if claims is None or isinstance(claims, str):
        results = [r if isinstance(r, ClaimResult) else check_claim(r, cat, policy=policy)
                   for r in read_claims(claims)]
    else:
        results = [check_claim(c, cat, policy=policy) for c in claims]
    rows = []
    for r in results:
        if summary:
            rows.append(summary_row(r))
        else:
            rows += [scenario_row(r, s) for s in r.scenarios] or [scenario_row(r, None)]
    from .._display.frames import tidy
    return tidy(pd.DataFrame(rows))


# -- two or three free assumptions: the plane and the solid ----------------------------------------------
def _price_corners_uncached(cat: Catalog, res: Resolved, at: dt.datetime, claim: Claim, basis: str,
                            frees: list[Free]) -> dict[tuple[int, ...], Fraction]:
    """The price per Mtok at each corner of the unit square (cube) of the free shares. The rule's mix is
    affine in each share separately, so these corners give the price exactly everywhere: a bilinear
    (trilinear) function. The volume, if free, is no price variable: the price is constant along it."""
    ctx = PricingContext.of(claim)
    s_fixed = F(claim.fixed["input_share"]) if "input_share" in claim.fixed else None

    def price(corner: tuple[int, ...]) -> Fraction:
        vals = {f.name: Fraction(v) for f, v in zip(frees, corner) if f.name and f.name != "tokens"}
        c = replace(ctx, **{k: v for k, v in vals.items() if k != "input_share"})
        i, o, _ = _usd_rates(cat, res, at, c)
        s = vals.get("input_share", s_fixed)
        if basis == "input" or (basis == "blended" and s == F1):
            if i is None:
                raise _Missing("input")
            return i
        if basis == "output" or (basis == "blended" and s == F0):
            if o is None:
                raise _Missing("output")
            return o
        if i is None or o is None:
            raise _Missing("input" if i is None else "output")
        assert s is not None
        return s * i + (F1 - s) * o
    k = len(frees)
    return {c: price(c) for c in ((i, j) if k == 2 else (i, j, l) for i in (0, 1) for j in (0, 1)
                                  for l in ((0, 1) if k == 3 else (0,)))}


def _price_plane(cat: Catalog, res: Resolved, at: dt.datetime, claim: Claim, basis: str,
                 fx: Free, fy: Free) -> BiLin:
    """The price per Mtok as a bilinear function of two free shares (``_price_several``)."""
    return _price_several(cat, res, at, claim, basis, [fx, fy])  # type: ignore[return-value]


def _both_sides(price: Callable[[Resolved], Any], subj_res: Resolved, base_res: Resolved | None,
                basis: str) -> tuple[Any, Any, str]:
    """(subject's cost, baseline's cost or None, "") priced by ``price``; (None, None, why) when a version
    lacks a price the reading needs."""
    try:
        return price(subj_res), (price(base_res) if base_res is not None else None), ""
    except _Missing as m:
        return None, None, f"a {basis} reading needs an {m.component} price that a version here lacks"
    except TokencostError as exc:
        return None, None, str(exc)


def _comparison_parts(kind: str, stated: Stated, cand: Any, base: Any) -> tuple[Any, Any]:
    """(N, D) with Q = N / D for a comparison, whatever the polynomial type of the two costs (BiLin,
    TriLin: anything with ``minus`` and ``scale``): saving 100 (B - C) / B, multiple B / C, share
    100 C / B, ratio C / B. The one-assumption path (``_quantity``) writes the same rule on LinFrac."""
    m = stated.measure
    assert base is not None
    if m == "saving":
        return base.minus(cand).scale(F100), base
    if m == "multiple":
        return base, cand
    if m == "share":
        return cand.scale(F100), base
    if m == "ratio":
        return cand, base
    raise ClaimError(f"a {kind} claim needs a percentage, a fraction or a multiple, not {stated.text!r}")


def _amount_difference(kind: str, stated: Stated, cand: Any, base: Any) -> Any:
    """The cost a money claim speaks of: the subject's (monthly_cost) or the saving B - C."""
    if stated.measure != "amount":
        raise ClaimError(f"a {kind} claim states a dollar amount, not {stated.text!r}")
    return cand if kind == "monthly_cost" else base.minus(cand)


def _plane_quantity(kind: str, stated: Stated, cand: BiLin, base: BiLin | None,
                    tokens: BiLin) -> tuple[BiLin, BiLin]:
    """(N, D) with Q = N / D in the stated figure's unit; ``tokens`` is tokens per period (a BiLin in
    the volume when it is one of the two free assumptions, then the prices are constant in it)."""
    one = BiLin(F1, F0, F0, F0)
    if kind in ("percent_cheaper", "cost_fraction"):
        return _comparison_parts(kind, stated, cand, base)
    diff = _amount_difference(kind, stated, cand, base)
    if tokens.b == 0 and tokens.c == 0 and tokens.d == 0:
        return diff.scale(tokens.a / MTOK), one
    # volume is y, the share x: diff depends on x only -> (p + q x) (t0 + t1 y)
    assert diff.c == 0 and diff.d == 0 and tokens.b == 0 and tokens.d == 0
    return BiLin(diff.a * tokens.a, diff.b * tokens.a, diff.a * tokens.c, diff.b * tokens.c).scale(F1 / MTOK), one


def _stated_point(claim: Claim, f: Free) -> Fraction:
    """The value a free assumption takes at the claim's *stated point*: the value the claim also gives in
    ``fixed`` (its typical case), else the pricing rule's default for an optional share (0: no caching,
    no batch, no off-peak) when the range allows it, else the middle of the range."""
    lo, hi = f.dom.lo, f.dom.hi
    v: Fraction | None = None
    if f.name == "tokens" and "tokens" in claim.fixed:
        n, per = _volume(claim.fixed["tokens"])
        v = n if per == f.per else None
    elif f.name in claim.fixed and claim.fixed[f.name] != "uniform":
        v = F(claim.fixed[f.name])
    elif f.name not in ("input_share", "tokens"):
        v = F0
    return v if v is not None and lo <= v <= hi else (lo + hi) / 2


def _point_text(frees: list[Free], point: tuple[Fraction, ...]) -> str:
    return ", ".join(f"{f.label()} {f.fmt(v)}" for f, v in zip(frees, point))


def _several_verdict(sr: ScenarioResult, claim: Claim, stated: Stated, rules: list[str], found: dict[str, list[str]],
                     full: dict[str, bool], lo_all: Fraction, hi_all: Fraction, span: str) -> None:
    """The verdict of a reading over two or three free assumptions, from what each rounding rule found."""
    first = rules[0]
    if full[first] and found[first]:
        sr.verdict, sr.holds_where = "holds", "everywhere in the stated range"
    elif found[first]:
        sr.verdict, sr.holds_where = "holds-if", "; or ".join(found[first])
    elif any(found[r] for r in rules[1:]):
        r = next(r for r in rules[1:] if found[r])
        sr.verdict, sr.holds_where = "holds-if", f"only if the figure was {HOW_ROUNDED[r]}: " + "; or ".join(found[r])
        if sr.holds_where_short:
            sr.holds_where_short = f"only if the figure was {HOW_ROUNDED[r]}: {sr.holds_where_short}"
    elif wrong_direction(claim.kind, stated, lo_all, hi_all):
        sr.verdict, sr.reason = "contradicted", f"computed {span}: the subject is not cheaper"
    else:
        v = {judge(stated, q, q) for q in (lo_all, hi_all)}
        sr.verdict = v.pop() if len(v) == 1 and "holds" not in v else "contradicted"
    if not sr.holds_where_short:
        sr.holds_where_short = sr.holds_where


def _plane_scenario(claim: Claim, stated: Stated, cat: Catalog, base_res: Resolved | None, subj_res: Resolved,
                    scen: str, at: dt.datetime, months: list[Fraction], frees: list[Free]) -> ScenarioResult:
    """A reading over two free assumptions: the exact region in the plane, as readable inequalities
    (``holds_where``), exactly (``holds_where_exact``) and as pieces (``pieces``, for plots)."""
    sr = ScenarioResult(scen, base_res.model_id if base_res else None, base_res.version.id if base_res else None,
                        subj_res.version.id, "unverifiable", "")
    fx, fy = frees
    basis = claim.basis or "blended"
    box = Box(fx.dom.lo, fx.dom.hi, fy.dom.lo, fy.dom.hi)
    sr.axes, sr.point = (fx, fy), (_stated_point(claim, fx), _stated_point(claim, fy))
    cand, base, sr.reason = _both_sides(lambda r: _price_plane(cat, r, at, claim, basis, fx, fy),
                                        subj_res, base_res, basis)
    if sr.reason:
        return sr
    rules = list(stated.intervals)
    lo_all: Fraction | None = None
    hi_all: Fraction | None = None
    found: dict[str, list[str]] = {r: [] for r in rules}
    exact: dict[str, list[str]] = {r: [] for r in rules}
    full = {r: True for r in rules}
    qs: list[tuple[Fraction, LinFrac, Fraction, Fraction]] = []
    points = [(x, y) for x in (box.x0, box.x1) for y in (box.y0, box.y1)]
    cand_c = _box_prices(cand, points, claim)  # type: ignore[arg-type]
    base_c = _box_prices(base, points, claim) if base is not None else None  # type: ignore[arg-type]
    for m in months:
        t = _volume_scale(claim, fy, m) if claim.kind in ("monthly_savings", "monthly_cost") else LinFrac(F1, F0)
        try:  # monotone in each variable: the extremes are at the corners
            vals = _corner_quantities(claim.kind, stated, cand_c, base_c, t, (box.y0, box.y1), [0, 1, 0, 1])
        except ZeroDivisionError:
            sr.reason = "a price in the comparison is zero"
            return sr
        lo, hi = min(vals), max(vals)
        lo_all = lo if lo_all is None else min(lo_all, lo)
        hi_all = hi if hi_all is None else max(hi_all, hi)
        qs.append((m, t, lo, hi))
    m0 = Fraction(30) if Fraction(30) in months else months[0]
    for r in rules:
        if r != rules[0] and found[rules[0]]:
            break  # later rounding modes matter only where the headline reading finds nothing
        iv = stated.intervals[r]
        for m, t, lo, hi in qs:
            month = f" ({fmt_num(m, 4)}-day month)" if len(months) > 1 else ""
            if iv.contains(lo) and iv.contains(hi):
                found[r].append("everywhere" + month)
                sr.pieces.setdefault(r, {})[m] = [Piece(box.x0, box.x1, _edge(box.y0), _edge(box.y1))]
                continue
            full[r] = False
            if (iv.lo.value is not None and (hi < iv.lo.value or (hi == iv.lo.value and not iv.lo.closed))) or \
                    (iv.hi.value is not None and (lo > iv.hi.value or (lo == iv.hi.value and not iv.hi.closed))):
                continue  # the whole range misses the interval: nothing to solve
            n, d = _plane_quantity(claim.kind, stated, cand, base, BiLin(t.a, F0, t.b, F0))
            pieces = solve_region2(n, d, iv, box)
            if pieces:
                sr.pieces.setdefault(r, {})[m] = pieces
                fmt_y = fy.fmt if fy.name == "tokens" else None
                found[r].append(describe_region2(pieces, box, fx.label(), fy.label(), fx.fmt, fmt_y) + month)
                exact[r].append(describe_exact(pieces, fx.label(), fy.label()) + month)
                if m == m0 and len(months) > 1:
                    sr.holds_where_short = found[r][-1]
    assert lo_all is not None and hi_all is not None
    sr.computed_min, sr.computed_max = lo_all, hi_all
    sr.regions = {r: dict.fromkeys(months) for r in rules}  # the 2-D regions are in ``pieces``
    span = fmt_q(lo_all, stated) if lo_all == hi_all else f"{fmt_q(lo_all, stated)}–{fmt_q(hi_all, stated)}"
    sr.reason = (f"computed {span} over {fx.label()} {fx.fmt(box.x0)}–{fx.fmt(box.x1)} and {fy.label()} "
                 f"{fy.fmt(box.y0)}–{fy.fmt(box.y1)}; stated {stated.text!r} means "
                 f"{stated.intervals[rules[0]].describe()}")
    _several_verdict(sr, claim, stated, rules, found, full, lo_all, hi_all, span)
    used = next((r for r in rules if exact[r]), None)
    if used is not None:
        sr.holds_where_exact = "; or ".join(exact[used])
    return sr


def _edge(v: Fraction) -> YBound:
    return YBound(LinFrac(v, F0))


# -- three free assumptions: the solid ----------------------------------------------------------------------
_SEVERAL: dict[tuple[Any, ...], tuple[Catalog, BiLin | TriLin]] = {}
_BOX_PRICES: dict[tuple[int, int], tuple[BiLin | TriLin, Claim, list[Fraction]]] = {}


def _price_several(cat: Catalog, res: Resolved, at: dt.datetime, claim: Claim, basis: str,
                   frees: list[Free]) -> BiLin | TriLin:
    """The price per Mtok as a bilinear (two free shares) or trilinear (three) function, once per version,
    pricing instant and assumptions (claims share them: the assumptions are hashed once per claim, then
    found by identity)."""
    ctx = _CTX.get(id(claim))
    if ctx is None or ctx[0] is not claim:
        pc = PricingContext.of(claim)
        tail = (pc, basis, tuple(f.name for f in frees), claim.fixed.get("input_share"))
        tail = _TAILS.setdefault(tail, tail)
        if len(_CTX) > 10_000:
            _CTX.clear()
        ctx = _CTX[id(claim)] = (claim, pc, id(tail))
    key = (id(cat), res.model_id, res.version.id, _when(res, at), ctx[2])
    hit = _SEVERAL.get(key)
    if hit is not None and hit[0] is cat:
        return hit[1]
    v = _price_corners_uncached(cat, res, at, claim, basis, frees)
    out = TriLin.through(v) if len(frees) == 3 else BiLin.through(v[0, 0], v[1, 0], v[0, 1], v[1, 1])  # type: ignore[arg-type]
    if len(_SEVERAL) > 100_000:
        _SEVERAL.clear()
    _SEVERAL[key] = (cat, out)  # keeps cat alive, so its id is not reused meanwhile
    return out


def _box_prices(price: BiLin | TriLin, points: Any, claim: Claim) -> list[Fraction]:
    """The price at the box's corners ``points`` (for three assumptions, the Cube itself), once per price and claim (the claim fixes the box):
    what the range of the quantity needs, without building its numerator and denominator."""
    key = (id(price), id(claim))
    hit = _BOX_PRICES.get(key)
    if hit is not None and hit[0] is price and hit[1] is claim:
        return hit[2]
    if len(_BOX_PRICES) > 100_000:
        _BOX_PRICES.clear()
    vals = price.at_corners(points) if isinstance(price, TriLin) else [price(*p) for p in points]  # type: ignore[arg-type]
    _BOX_PRICES[key] = (price, claim, vals)  # keeps both alive, so their ids are not reused meanwhile
    return vals


def _corner_quantities(kind: str, stated: Stated, cand: list[Fraction], base: list[Fraction] | None,
                       scale: LinFrac, vol: tuple[Fraction, Fraction], vol_end: list[int]) -> list[Fraction]:
    """The claim's quantity at the box's corners, from the prices there. ``scale`` gives tokens per period
    from the volume, which runs over ``vol`` (low, high end) on the volume's axis; ``vol_end[k]`` says
    which end corner k is at (the prices are constant along it)."""
    m = stated.measure
    if kind in ("percent_cheaper", "cost_fraction"):
        assert base is not None
        if m == "saving":
            return [F100 * (b - c) / b for b, c in zip(base, cand)]
        if m == "multiple":
            return [b / c for b, c in zip(base, cand)]
        if m == "share":
            return [F100 * c / b for b, c in zip(base, cand)]
        if m == "ratio":
            return [c / b for b, c in zip(base, cand)]
        raise ClaimError(f"a {kind} claim needs a percentage, a fraction or a multiple, not {stated.text!r}")
    if m != "amount":
        raise ClaimError(f"a {kind} claim states a dollar amount, not {stated.text!r}")
    diff = cand if kind == "monthly_cost" else [b - c for b, c in zip(base, cand)]  # type: ignore[arg-type]
    ends = (scale(vol[0]) / MTOK, scale(vol[1]) / MTOK)
    return [v * ends[k] for v, k in zip(diff, vol_end)]


def _solid_quantity(kind: str, stated: Stated, cand: TriLin, base: TriLin | None,
                    scale: LinFrac) -> tuple[TriLin, TriLin]:
    """(N, D) with Q = N / D in the stated figure's unit; ``scale`` is tokens per period, a LinFrac in
    the third assumption when that is the (free) volume."""
    one = TriLin((F1, F0, F0, F0, F0, F0, F0, F0))
    if kind in ("percent_cheaper", "cost_fraction"):
        return _comparison_parts(kind, stated, cand, base)
    diff = _amount_difference(kind, stated, cand, base)
    if scale.b == 0:
        return diff.scale(scale.a / MTOK), one
    return diff.times_z(scale.a, scale.b).scale(F1 / MTOK), one  # the volume is z; prices are constant in it


def _shadow_text(shadow: list[Region], f: Free) -> str:
    if len(shadow) == 1 and shadow[0] == f.dom:
        return f"any {f.label()}"
    return " or ".join(describe_region(r, f) for r in shadow)


def _shadow_exact(shadow: list[Region], f: Free) -> str:
    return " or ".join(f"{f.label()} in {'[' if r.lo_closed else '('}{r.lo}, {r.hi}{']' if r.hi_closed else ')'}"
                       for r in shadow)


def _describe_solid(solid: Solid, frees: list[Free],
                    point: tuple[Fraction, ...]) -> tuple[str, str, str, tuple[Fraction, list[Piece]]]:
    """(short, readable, exact) words for where a claim holds over three assumptions: the range of each
    where some choice of the other two holds, whether the stated point holds, and the exact cross-section
    at the stated point's first value (else at the middle of the first range where it can hold)."""
    fx, fy, fz = frees
    ranges = [_shadow_text(sh, f) for sh, f in zip(solid.shadows, frees)]
    at_point = "holds" if solid.contains(point) else "does not"  # type: ignore[arg-type]
    short = (f"some points with {ranges[0]}, {ranges[1]} and {ranges[2]} (each range exact; not every "
             f"combination holds); at the stated point ({_point_text(frees, point)}) it {at_point}")
    x = point[0]
    cut = solid.slice(x)
    if not cut:
        r = solid.shadows[0][0]
        x = (r.lo + r.hi) / 2
        cut = solid.slice(x)
    box = solid.cube.plane()
    fmt_z = fz.fmt if fz.name == "tokens" else None
    where = describe_region2(cut, box, fy.label(), fz.label(), fy.fmt, fmt_z) if cut else "nowhere"
    exact = ("; ".join(_shadow_exact(sh, f) for sh, f in zip(solid.shadows, frees))
             + f"; at {fx.label()} = {x}: " + (describe_exact(cut, fy.label(), fz.label()) if cut else "nowhere"))
    return short, f"{short}; at {fx.label()} {fx.fmt(x)}: {where}", exact, (x, cut)


def _solid_scenario(claim: Claim, stated: Stated, cat: Catalog, base_res: Resolved | None, subj_res: Resolved,
                    scen: str, at: dt.datetime, months: list[Fraction], frees: list[Free]) -> ScenarioResult:
    """A reading over three free assumptions: the exact solid (``solids``), in words."""
    sr = ScenarioResult(scen, base_res.model_id if base_res else None, base_res.version.id if base_res else None,
                        subj_res.version.id, "unverifiable", "")
    basis = claim.basis or "blended"
    cube = Cube((frees[0].dom.lo, frees[1].dom.lo, frees[2].dom.lo), (frees[0].dom.hi, frees[1].dom.hi,
                                                                        frees[2].dom.hi))
    point = (_stated_point(claim, frees[0]), _stated_point(claim, frees[1]), _stated_point(claim, frees[2]))
    sr.axes, sr.point = tuple(frees), point
    cand, base, sr.reason = _both_sides(lambda r: _price_several(cat, r, at, claim, basis, frees),
                                        subj_res, base_res, basis)
    if sr.reason:
        return sr
    assert isinstance(cand, TriLin) and (base is None or isinstance(base, TriLin))
    rules = list(stated.intervals)
    lo_all: Fraction | None = None
    hi_all: Fraction | None = None
    found: dict[str, list[str]] = {r: [] for r in rules}
    exact: dict[str, list[str]] = {r: [] for r in rules}
    full = {r: True for r in rules}
    qs: list[tuple[Fraction, Fraction, Fraction]] = []
    cand_c = _box_prices(cand, cube, claim)
    base_c = _box_prices(base, cube, claim) if base is not None else None
    vol, vol_end = (cube.lo[2], cube.hi[2]), [k for _, _, k in CORNERS]
    scales: dict[Fraction, LinFrac] = {}
    for m in months:
        scale = scales[m] = _volume_scale(claim, frees[2], m) if claim.kind in ("monthly_savings", "monthly_cost") \
            else LinFrac(F1, F0)
        try:
            vals = _corner_quantities(claim.kind, stated, cand_c, base_c, scale, vol, vol_end)
        except ZeroDivisionError:
            sr.reason = "a price in the comparison is zero"
            return sr
        lo, hi = min(vals), max(vals)  # monotone in each variable: the extremes are at corners
        lo_all = lo if lo_all is None else min(lo_all, lo)
        hi_all = hi if hi_all is None else max(hi_all, hi)
        qs.append((m, lo, hi))
    m0 = Fraction(30) if Fraction(30) in months else months[0]
    for r in rules:
        if r != rules[0] and found[rules[0]]:
            break
        iv = stated.intervals[r]
        for m, lo, hi in qs:
            month = f" ({fmt_num(m, 4)}-day month)" if len(months) > 1 else ""
            if iv.contains(lo) and iv.contains(hi):
                found[r].append("everywhere" + month)
                continue
            full[r] = False
            if (iv.lo.value is not None and (hi < iv.lo.value or (hi == iv.lo.value and not iv.lo.closed))) or \
                    (iv.hi.value is not None and (lo > iv.hi.value or (lo == iv.hi.value and not iv.hi.closed))):
                continue
            n, d = _solid_quantity(claim.kind, stated, cand, base, scales[m])
            solid = Solid.solve(n, d, iv, cube)
            if solid.empty:
                continue
            sr.solids.setdefault(r, {})[m] = solid
            short, text, ex, section = _describe_solid(solid, frees, point)
            if m == m0 or sr.section is None:
                sr.section = section
            found[r].append(text + month)
            exact[r].append(ex + month)
            if m == m0 or not sr.holds_where_short:
                sr.holds_where_short = short + month
    assert lo_all is not None and hi_all is not None
    sr.computed_min, sr.computed_max = lo_all, hi_all
    sr.regions = {r: dict.fromkeys(months) for r in rules}  # the 3-D regions are in ``solids``
    span = fmt_q(lo_all, stated) if lo_all == hi_all else f"{fmt_q(lo_all, stated)}–{fmt_q(hi_all, stated)}"
    over = ", ".join(f"{f.label()} {f.fmt(f.dom.lo)}–{f.fmt(f.dom.hi)}" for f in frees)
    sr.reason = (f"computed {span} over {over}; stated {stated.text!r} means "
                 f"{stated.intervals[rules[0]].describe()}")
    _several_verdict(sr, claim, stated, rules, found, full, lo_all, hi_all, span)
    used = next((r for r in rules if exact[r]), None)
    if used is not None:
        sr.holds_where_exact = "; or ".join(exact[used])
    return sr
