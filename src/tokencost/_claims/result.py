"""What checking a claim returns: verdicts per reading, flat rows for tables, and the explanation.

:class:`ClaimResult` is the public answer of :func:`tokencost.check_claim`; the row builders
and the step-by-step explanation only read it, so they live with it (the evaluation in
``evaluate.py`` builds results and never needs their presentation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .forensics import Match
from .region import LinFrac, Region
from .region2 import Piece
from .region3 import Solid
from .schema import Claim
from .stated import Stated

#: a model retired before the claim date is read at its last list price: what the claim could have meant
RETIRED = "last price before retirement"
#: the scenarios a headline verdict rests on
HEADLINE = ("at claim date", "fixed", RETIRED)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["VERDICTS", "ClaimResult", "ScenarioResult", "explain_result", "scenario_row", "summary_row", "unreadable"]

# strongest first: ``ClaimResult.best`` prefers the reading that holds
VERDICTS = ("holds", "holds-if", "understated", "overstated", "contradicted", "unverifiable", "unreadable")


@dataclass
class ScenarioResult:
    """One reading of a claim: a subject price version x a baseline version, over the free assumptions.

    Fields: ``scenario`` (which reading: ``"at claim date"``, ``"price history"``, ``"as reported"``
    or ``"fixed"``), ``baseline`` and ``baseline_version`` (what the claim compares against, if
    anything), ``subject_version``, ``verdict`` (one of :data:`VERDICTS`) and ``reason``;
    ``computed_min``/``computed_max`` (exact Fractions: the range the recomputed quantity takes
    over the free assumptions), ``regions`` (rounding rule -> month length -> the input shares
    where the claim holds), ``holds_where`` (those shares in words), ``implied`` (what the
    stated figure would imply instead) and ``steps`` (the arithmetic, one line per step).

        >>> r = tc.check_claim(claim)                    # doctest: +SKIP
        >>> s = r.best
        >>> s.scenario, s.verdict, s.holds_where          # doctest: +SKIP
        ('at claim date', 'holds-if', 'input share 75%..88.9% (30-day month)')
    """

    scenario: str  # "at claim date" | "last price before retirement" | "price history" | "as reported" | "fixed"
    baseline: str | None
    baseline_version: str | None
    subject_version: str | None
    verdict: str
    reason: str
    computed_min: Fraction | None = None
    computed_max: Fraction | None = None
    regions: dict[str, dict[Fraction, Region | None]] = field(default_factory=dict)  # rounding -> month -> region
    implied: str = ""
    implied_values: list[Fraction] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    holds_where: str = ""
    holds_where_short: str = ""  # at the default (30-day) month, for one-line summaries
    # what was solved, kept for plots: month length -> Q(input share), over ``domain``
    quantities: dict[Fraction, LinFrac] = field(default_factory=dict, repr=False)
    domain: Region | None = None
    # two or three free assumptions: the region exactly, kept for plots and for programs --
    #: the same region as ``holds_where``, with every bound an exact Fraction (shares as fractions of 1)
    holds_where_exact: str = ""
    #: the free assumptions (``Free``: name, exact domain, display format), in the order solved
    axes: tuple[Any, ...] = field(default=(), repr=False)
    #: the claim's stated point in those assumptions (``fixed`` value, else 0 for an optional share,
    #: else the middle of the range)
    point: tuple[Fraction, ...] | None = None
    #: two: rounding rule -> month length -> the exact pieces (``region2.Piece``) where it holds
    pieces: dict[str, dict[Fraction, list[Piece]]] = field(default_factory=dict, repr=False)
    #: three: rounding rule -> month length -> the exact solid (``region3.Solid``)
    solids: dict[str, dict[Fraction, Solid]] = field(default_factory=dict, repr=False)
    #: three: the cross-section ``holds_where`` reads -- (value of the first assumption, its exact pieces)
    section: tuple[Fraction, list[Piece]] | None = field(default=None, repr=False)


@dataclass
class ClaimResult:
    """The verdict on one published claim, with every reading that was recomputed.

    Fields: ``claim`` (the :class:`~tokencost.Claim` checked), ``stated`` (what its figure means:
    the exact interval each rounding rule allows, or None for an unverifiable claim),
    ``verdict`` (one of ``holds``, ``holds-if``, ``understated``, ``overstated``,
    ``contradicted``, ``unverifiable``, ``unreadable``) and ``reason`` in words -- the headline, at
    the claim's date --, ``scenarios`` (one :class:`ScenarioResult` per reading; ``best`` is the one
    the verdict rests on), ``secondary`` ("would hold under ..." lines from other readings),
    ``forensics`` (known prices the article's figures match within their rounding), ``slips``
    (probable slips behind a wrong figure) and ``unit``.
    ``frame()`` gives one row per scenario, ``explain()`` the arithmetic step by step.

        >>> import tokencost as tc
        >>> r = tc.check_claim(tc.load_claims()[0])      # doctest: +SKIP
        >>> r.verdict, r.reason                          # doctest: +SKIP
        ('holds-if', 'holds at input share 75%..88.9% vs gpt-4o@2024-08-06')
        >>> print(r.explain())                           # doctest: +SKIP
    """

    claim: Claim
    stated: Stated | None
    verdict: str
    reason: str
    scenarios: list[ScenarioResult]
    forensics: list[Match]
    unit: str = ""
    _forensics_text: str | None = field(default=None, repr=False)
    _interval_text: str | None = field(default=None, repr=False)
    #: "would hold under ..." lines: readings other than the claim date's that reproduce the figure
    secondary: list[str] = field(default_factory=list)
    #: probable slips behind a wrong figure ("per-1K price quoted as per-1M", "input and output swapped")
    slips: list[str] = field(default_factory=list)

    @property
    def best(self) -> ScenarioResult | None:
        """The scenario the overall verdict rests on: in effect at the claim date first, then the closest."""
        rank = {v: i for i, v in enumerate(VERDICTS)}
        return min(self.scenarios, key=lambda s: (s.scenario not in HEADLINE, rank[s.verdict]),
                   default=None)

    @property
    def interval_text(self) -> str:
        """The stated figure's interval under each rounding rule, in words (one string per claim)."""
        if self._interval_text is None:
            st = self.stated
            self._interval_text = "; ".join(f"{k}: {iv.describe()}" for k, iv in st.intervals.items()) if st else ""
        return self._interval_text

    @property
    def forensics_text(self) -> str:
        if self._forensics_text is None:
            self._forensics_text = "; ".join(m.describe() for m in self.forensics[:4])
        return self._forensics_text

    def frame(self) -> pd.DataFrame:
        import pandas as pd

        from .._display.frames import tidy
        return tidy(pd.DataFrame([scenario_row(self, s) for s in self.scenarios] or [scenario_row(self, None)]))

    def explain(self) -> str:
        """The arithmetic behind the verdict, step by step, in plain words and numbers."""
        return explain_result(self)

    def plot(self, *, ax: Any = None) -> Any:
        """Where the claim holds, drawn: a matplotlib Figure (``pip install tokencost[plot]``).

        The recomputed value against the input share per reading, the stated band shaded, the
        exact sub-intervals where it holds drawn thick; a region map when the month length is
        free too; one dot per reading when nothing is free. See ``tokencost._plot.claim``.
        """
        from .._plot.claim import plot_claim
        return plot_claim(self, ax=ax)

    def __repr__(self) -> str:
        from .._display.reprs import claim_repr
        return claim_repr(self)

    def _repr_html_(self) -> str:
        from .._display.reprs import claim_html
        return claim_html(self)


def unreadable(raw: dict[str, Any], reason: str, line: int | None = None) -> ClaimResult:
    """The row for a claim that could not be read: its id (or position), what it says, and why."""
    cid = str(raw.get("id") or "?")
    placeholder = Claim.model_construct(
        id=cid, kind="unverifiable", stated=str(raw.get("stated") or ""), source=raw.get("source"),
        quote=raw.get("quote"), hedge=None, basis=None, component=None, subject=raw.get("subject"),
        baseline=None, baseline_candidates=(), fixed={}, fixed_sources=(), free={}, at=None, note=None,
        reason=reason, period=None, rounding=None)
    where = f" (line {line})" if line else ""
    prefix = f"claim {cid}: "
    return ClaimResult(placeholder, None, "unreadable", (reason.removeprefix(prefix)) + where, [], [])


_TENTHOUSANDTH = Decimal("0.0001")


def _finite_decimal(den: int) -> bool:
    """Whether 1/den has a finite decimal expansion (den = 2^a 5^b): a cheap test before the exact one."""
    den >>= (den & -den).bit_length() - 1
    while den % 5 == 0:
        den //= 5
    return den == 1


def scenario_row(r: ClaimResult, s: ScenarioResult | None) -> dict[str, Any]:
    """One flat row (claim, scenario, verdict, reason, ...) for tables and JSON; ``s`` None: the claim alone."""
    st = r.stated
    unit = st.unit if st else ""
    def q(x: Fraction | None) -> Decimal | None:
        if x is None:
            return None
        d = Decimal(x.numerator) / Decimal(x.denominator)
        return d if _finite_decimal(x.denominator) and Fraction(d) == x else d.quantize(_TENTHOUSANDTH)
    return {
        "claim_id": r.claim.id, "source": r.claim.source, "kind": r.claim.kind, "quote": r.claim.quote,
        "stated": r.claim.stated if not r.claim.hedge or r.claim.hedge.lower() in r.claim.stated.lower()
        else f"{r.claim.hedge} {r.claim.stated}",
        "stated_interval": r.interval_text,
        "unit": unit,
        "scenario": s.scenario if s else "",
        "baseline": (f"{s.baseline}@{s.baseline_version}" if s and s.baseline else ""),
        "versions": (f"{r.claim.subject.split('@')[0]}@{s.subject_version}" if s and s.subject_version and r.claim.subject
                     else (r.claim.subject or "")),
        "computed_min": q(s.computed_min) if s else None, "computed_max": q(s.computed_max) if s else None,
        "verdict": s.verdict if s else r.verdict, "holds_where": s.holds_where if s else "",
        "implied": s.implied if s else "", "reason": s.reason if s else r.reason,
        "claim_verdict": r.verdict, "claim_reason": r.reason,
        "forensics": r.forensics_text, "secondary": "; ".join(r.secondary), "slips": "; ".join(r.slips),
    }


def summary_row(r: ClaimResult) -> dict[str, Any]:
    """One row per claim: its overall verdict and reason (from the scenario the verdict rests on)."""
    best = r.best
    base = scenario_row(r, best)
    reason = r.reason + "".join(f"; {line}" for line in r.secondary)
    return {"claim_id": r.claim.id, "source": r.claim.source, "kind": r.claim.kind, "stated": base["stated"],
            "verdict": r.verdict, "reason": reason, "implied": base["implied"],
            "forensics": "; ".join(x for x in (base["forensics"], *(f"probable slip: {x}" for x in r.slips)) if x),
            "quote": r.claim.quote}


def explain_result(r: ClaimResult) -> str:
    """The explanation ``ClaimResult.explain()`` returns (``tokencost explain ID`` prints it). Steps
    are numbered in order and only those that apply are shown, so the numbers never skip."""
    c = r.claim
    out = [f"Claim {c.id} ({c.source or 'user claim'})"]
    if c.quote:
        out.append(f'  "{c.quote}"')
    if r.verdict == "unreadable":
        out.append(f"Verdict: unreadable. {r.reason}")
        return "\n".join(out)
    out.append(f"Kind: {c.kind.replace('_', ' ')}" + (f", {c.basis} prices" if c.basis else "")
               + (f"; subject {c.subject}" if c.subject else "") + (f"; at {c.at}" if c.at else ""))
    if c.kind == "unverifiable":
        out += [f"Verdict: unverifiable. {c.reason}"]
        return "\n".join(out)
    n = 0

    def step(text: str) -> None:
        nonlocal n
        n += 1
        out.append(f"{n}. {text}")
    st = r.stated
    if st is not None:
        step(f"What the figure means: {c.stated!r}" + (f" (hedge: {st.hedge})" if st.hedge else "")
             + (f" = {st.explanation}" if st.explanation else "")
             + (f"; it measures a {st.measure}" if st.measure and not st.explanation else ""))
        for rule, iv in st.intervals.items():
            out.append(f"   - {rule.replace('_', ' ')}: true value in {iv.describe()}")
    if c.fixed or c.free or c.period:
        step("Assumptions: " + ", ".join([f"{k} = {v}" for k, v in c.fixed.items()]
                                         + [f"{k} free in {v[0]}..{v[1]}" for k, v in c.free.items()]
                                         + ([f"per {c.period}"] if c.period else [])))
    if c.baseline or c.baseline_candidates:
        out.append(f"   Baseline: {c.baseline or 'not named; candidates ' + ', '.join(c.baseline_candidates)}")
    step("Recomputed under each reading (the headline rests on those at the claim date):")
    for s in r.scenarios:
        head = f"   - {s.scenario}: " + (f"vs {s.baseline}@{s.baseline_version}" if s.baseline else "")
        out.append(f"{head} -> {s.verdict}")
        for line in s.steps:
            out.append(f"       {line}")
        out.append(f"       {s.reason}")
        if s.holds_where:
            rounded = " (shown to 0.1 point)" if s.holds_where_exact else ""
            out.append(f"       holds at{rounded}: {s.holds_where}")
        if s.holds_where_exact:
            out.append(f"       exactly: {s.holds_where_exact}")
        if s.implied:
            out.append(f"       implied: {s.implied}")
    if r.forensics:
        step("Figure forensics (known prices the figures match within their rounding, or the nearest):")
        out += [f"   - {m.describe()}" for m in r.forensics]
    if r.slips:
        step("Probable slips:")
        out += [f"   - {x}" for x in r.slips]
    out.append(f"Verdict: {r.verdict}. {r.reason}")
    out += [f"  ({line})" for line in r.secondary]
    return "\n".join(out)
