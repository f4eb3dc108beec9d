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
from .schema import Claim
from .stated import Stated

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["VERDICTS", "ScenarioResult", "ClaimResult", "scenario_row", "summary_row", "explain_result"]

# strongest first: ``ClaimResult.best`` prefers the reading that holds
VERDICTS = ("holds", "holds-if", "understated", "overstated", "contradicted", "unverifiable")


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

    scenario: str  # "at claim date" | "price history" | "as reported" | "fixed"
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


@dataclass
class ClaimResult:
    """The verdict on one published claim, with every reading that was recomputed.

    Fields: ``claim`` (the :class:`~tokencost.Claim` checked), ``stated`` (what its figure means:
    the exact interval each rounding rule allows, or None for an unverifiable claim),
    ``verdict`` (one of ``holds``, ``holds-if``, ``understated``, ``overstated``,
    ``contradicted``, ``unverifiable``) and ``reason`` in words, ``scenarios`` (one
    :class:`ScenarioResult` per reading; ``best`` is the one the verdict rests on),
    ``forensics`` (known prices the article's figures coincide with) and ``unit``.
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

    @property
    def best(self) -> ScenarioResult | None:
        """The scenario the overall verdict rests on: in effect at the claim date first, then the closest."""
        rank = {v: i for i, v in enumerate(VERDICTS)}
        return min(self.scenarios, key=lambda s: (s.scenario not in ("at claim date", "fixed"), rank[s.verdict]),
                   default=None)

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


def scenario_row(r: ClaimResult, s: ScenarioResult | None) -> dict[str, Any]:
    """One flat row (claim, scenario, verdict, reason, ...) for tables and JSON; ``s`` None: the claim alone."""
    st = r.stated
    unit = st.unit if st else ""
    def q(x: Fraction | None) -> Decimal | None:
        if x is None:
            return None
        d = Decimal(x.numerator) / Decimal(x.denominator)
        return d.quantize(Decimal("0.0001")) if Fraction(d) != x else d
    return {
        "claim_id": r.claim.id, "source": r.claim.source, "kind": r.claim.kind, "quote": r.claim.quote,
        "stated": r.claim.stated if not r.claim.hedge or r.claim.hedge.lower() in r.claim.stated.lower()
        else f"{r.claim.hedge} {r.claim.stated}",
        "stated_interval": "; ".join(f"{k}: {iv.describe()}" for k, iv in st.intervals.items()) if st else "",
        "unit": unit,
        "scenario": s.scenario if s else "",
        "baseline": (f"{s.baseline}@{s.baseline_version}" if s and s.baseline else ""),
        "versions": (f"{r.claim.subject.split('@')[0]}@{s.subject_version}" if s and s.subject_version and r.claim.subject
                     else (r.claim.subject or "")),
        "computed_min": q(s.computed_min) if s else None, "computed_max": q(s.computed_max) if s else None,
        "verdict": s.verdict if s else r.verdict, "holds_where": s.holds_where if s else "",
        "implied": s.implied if s else "", "reason": s.reason if s else r.reason,
        "claim_verdict": r.verdict, "claim_reason": r.reason,
        "forensics": r.forensics_text,
    }


def summary_row(r: ClaimResult) -> dict[str, Any]:
    """One row per claim: its overall verdict and reason (from the scenario the verdict rests on)."""
    best = r.best
    base = scenario_row(r, best)
    return {"claim_id": r.claim.id, "source": r.claim.source, "kind": r.claim.kind, "stated": base["stated"],
            "verdict": r.verdict, "reason": r.reason, "implied": base["implied"],
            "forensics": base["forensics"], "quote": r.claim.quote}


def explain_result(r: ClaimResult) -> str:
    """The explanation ``ClaimResult.explain()`` returns (``tokencost explain ID`` prints it)."""
    c = r.claim
    out = [f"Claim {c.id} ({c.source or 'user claim'})"]
    if c.quote:
        out.append(f'  "{c.quote}"')
    out.append(f"Kind: {c.kind.replace('_', ' ')}" + (f", {c.basis} prices" if c.basis else "")
               + (f"; subject {c.subject}" if c.subject else ""))
    if c.kind == "unverifiable":
        out += [f"Verdict: unverifiable. {c.reason}"]
        return "\n".join(out)
    st = r.stated
    if st is not None:
        out.append(f"1. What the figure means: {c.stated!r}" + (f" (hedge: {st.hedge})" if st.hedge else "")
                   + (f" = {st.explanation}" if st.explanation else ""))
        for rule, iv in st.intervals.items():
            out.append(f"   - {rule.replace('_', ' ')}: true value in {iv.describe()}")
    if c.fixed or c.free:
        out.append("2. Assumptions: " + ", ".join([f"{k} = {v}" for k, v in c.fixed.items()]
                                                  + [f"{k} free in {v[0]}..{v[1]}" for k, v in c.free.items()]))
    if c.baseline or c.baseline_candidates:
        out.append(f"   Baseline: {c.baseline or 'not named; candidates ' + ', '.join(c.baseline_candidates)}")
    out.append("3. Recomputed under each reading:")
    for s in r.scenarios:
        head = f"   - {s.scenario}: " + (f"vs {s.baseline}@{s.baseline_version}" if s.baseline else "")
        out.append(f"{head} -> {s.verdict}")
        for step in s.steps:
            out.append(f"       {step}")
        out.append(f"       {s.reason}")
        if s.holds_where:
            out.append(f"       holds at: {s.holds_where}")
        if s.implied:
            out.append(f"       implied: {s.implied}")
    if r.forensics:
        out.append("4. Figure forensics (known prices the figures coincide with):")
        out += [f"   - {m.describe()}" for m in r.forensics]
    out.append(f"Verdict: {r.verdict}. {r.reason}")
    return "\n".join(out)
