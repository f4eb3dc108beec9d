"""Assertions for tests about costs and claims, with failure messages a person can act on."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from .._catalog.catalog import Catalog
    from .._claims.schema import Claim
    from .._claims.stated import TolerancePolicy
    from .._engine.workload import Workload

__all__ = ["assert_cost_equal", "assert_claim_holds", "claim_value", "ClaimCounterexample"]


def _exact(x: Any, what: str) -> Fraction:
    """An exact value from a Decimal, Fraction, int, numeric string, or anything with ``.total``."""
    if hasattr(x, "total") and not isinstance(x, (Decimal, Fraction, int, str)):
        x = x.total
    if isinstance(x, bool) or isinstance(x, float):
        raise TypeError(f"{what}: compare exact values (Decimal, Fraction, int or str), not {type(x).__name__}")
    if isinstance(x, (Decimal, Fraction, int)):
        return Fraction(x)
    if isinstance(x, str):
        return Fraction(Decimal(x.replace(",", "").replace("$", "").strip()))
    raise TypeError(f"{what}: cannot read {type(x).__name__} as an amount")


def _show(f: Fraction) -> str:
    if f.denominator == 1 or 10**40 % f.denominator == 0:
        return f"{Decimal(f.numerator) / Decimal(f.denominator):f}"
    return f"{f} (≈ {float(f):.12g})"


def assert_cost_equal(actual: Any, expected: Any, *, places: int | None = None, msg: str = "") -> None:
    """Assert two amounts are equal: exactly, or after rounding both half-up to ``places`` decimals.

    Amounts are Decimals, Fractions, ints, numeric strings (``"$42,000.00"``) or results with a
    ``.total`` (``CostBreakdown``, ``UsageCost``). Floats are refused: a float has already lost
    the digits this assertion is about.

    >>> import tokencost as tc
    >>> w = tc.Workload(tokens="100M/day", input_share="0.8")
    >>> assert_cost_equal(tc.monthly_cost(w, "gpt-4-turbo", "2024-06-01"), "42000")
    >>> assert_cost_equal(Decimal("0.125"), Decimal("0.13"), places=2)
    """
    a, e = _exact(actual, "actual"), _exact(expected, "expected")
    if places is not None:
        q = Decimal(1).scaleb(-places)

        def rnd(f: Fraction) -> Decimal:
            from decimal import localcontext
            with localcontext(prec=max(80, len(str(abs(f.numerator))) + places + 10)):
                return (Decimal(f.numerator) / Decimal(f.denominator)).quantize(q, rounding=ROUND_HALF_UP)
        if rnd(a) != rnd(e):
            raise AssertionError(f"{msg + ': ' if msg else ''}costs differ at {places} places: actual {rnd(a)} "
                                 f"(exact {_show(a)}) != expected {rnd(e)} (exact {_show(e)})")
        return
    if a != e:
        raise AssertionError(f"{msg + ': ' if msg else ''}costs differ: actual {_show(a)} != expected {_show(e)} "
                             f"(difference {_show(a - e)})")


class ClaimCounterexample(AssertionError):
    """A workload under which a claim's figure is not what the article states."""

    def __init__(self, message: str, workload: Workload, value: Fraction) -> None:
        super().__init__(message)
        self.workload, self.value = workload, value


def _claim_of(claim: Claim | dict[str, Any] | str) -> Claim:
    from .._claims.schema import Claim, load_claims
    from ..errors import ClaimError
    if isinstance(claim, Claim):
        return claim
    if isinstance(claim, dict):
        return Claim(**claim)
    if isinstance(claim, str):
        for c in load_claims():
            if c.id == claim:
                return c
        raise ClaimError(f"no bundled claim {claim!r}")
    raise TypeError(f"claim must be a Claim, a dict or a bundled claim id, not {type(claim).__name__}")


def claim_value(claim: Claim | dict[str, Any] | str, workload: Workload, *, baseline: str | None = None,
                catalog: Catalog | None = None, unit: str | None = None) -> Fraction:
    """The claim's quantity for one workload, exactly, in the unit of its stated figure.

    percent_cheaper: 100 (B - C) / B; cost_fraction: B / C ("one-tenth"), 100 C / B ("3%") or C / B;
    monthly_savings: B - C; monthly_cost: C. B and C are the workload's monthly costs on the
    baseline and on the subject at the claim's date; ``basis: input`` / ``output`` counts only the
    input-side (fresh, cached, cache-write) or output lines.
    """
    from .._claims.stated import parse_stated
    from .._catalog.catalog import load_catalog
    from .._engine.cost import monthly_cost
    from ..errors import ClaimError
    c = _claim_of(claim)
    if unit is None:
        unit = parse_stated(c.stated, c.hedge, kind=c.kind).unit
    at = c.at

    cat = catalog if catalog is not None else load_catalog()

    def cost(model: str) -> Fraction:
        # a model retired by the claim date is read at its last list price, as the claim checker does
        last = cat.last_price_before_retirement(model, at) if "@" not in model else None
        br = monthly_cost(workload, last.label if last else model, at, catalog=cat)
        if c.basis in ("input", "output"):
            want = ("output",) if c.basis == "output" else ("input", "cached_input", "cache_write")
            return sum((Fraction(li.cost) for li in br.lines if li.component in want), Fraction(0))
        return Fraction(br.total)

    if c.subject is None:
        raise ClaimError("the claim has no subject", claim_id=c.id)
    cand = cost(c.subject)
    if c.kind == "monthly_cost":
        return cand
    base_name = baseline or c.baseline
    if base_name is None:
        raise ClaimError(f"the claim names no single baseline; pass baseline= one of {list(c.baseline_candidates)}",
                         claim_id=c.id)
    base = cost(base_name)
    if c.kind == "monthly_savings":
        return base - cand
    if base == 0 or (c.kind == "cost_fraction" and unit == "multiple" and cand == 0):
        raise ClaimError("a cost in the comparison is zero, so the ratio is undefined", claim_id=c.id)
    if c.kind == "percent_cheaper":
        return 100 * (base - cand) / base
    if c.kind == "cost_fraction":
        return base / cand if unit == "multiple" else 100 * cand / base if unit == "percent" else cand / base
    raise ClaimError(f"a {c.kind} claim has no workload quantity", claim_id=c.id)


def _default_over(c: Claim) -> SearchStrategy[Workload]:
    from ._strategies import decimals, workloads
    fixed, free = c.fixed, c.free
    tokens = fixed.get("tokens", "1M/day")
    share: Any = fixed.get("input_share") if "input_share" in fixed else tuple(free.get("input_share", (0, 1)))
    if "month_days" in fixed:
        month: Any = f"{fixed['month_days']}d"
    elif "month_days" in free:
        lo, hi = free["month_days"]
        month = decimals(lo, hi, places=0).map(lambda d: f"{d}d")
    else:
        month = "30d"
    return workloads(tokens=tokens, input_share=share, month=month,
                     prompt_tokens=fixed.get("prompt_tokens"))


def assert_claim_holds(claim: Claim | dict[str, Any] | str, over: SearchStrategy[Workload] | None = None, *,
                       baseline: str | None = None, catalog: Catalog | None = None,
                       policy: TolerancePolicy | None = None, rounding: str = "half_up",
                       max_examples: int = 200) -> None:
    """Assert a claim's stated figure is right for every workload ``over`` can draw.

    The figure means the interval of values that would be written that way (``"97.3%"`` ->
    [97.25, 97.35); hedges widen it, see :class:`tokencost.TolerancePolicy`). On failure hypothesis
    shrinks to the smallest counterexample and the AssertionError (a :class:`ClaimCounterexample`
    carrying ``.workload`` and ``.value``) names it as a readable workload. ``over`` defaults to the
    claim's own assumptions (``fixed.tokens``, the free ``input_share`` and ``month_days`` ranges).

    >>> from tokencost.testing import workloads
    >>> assert_claim_holds("a004-saves-42k-per-month", baseline="gpt-4-turbo",
    ...                    over=workloads(tokens="100M/day", input_share=(0.75, 0.85)))  # doctest: +SKIP
    """
    from .._claims.stated import TolerancePolicy, parse_stated
    c = _claim_of(claim)
    stated = parse_stated(c.stated, c.hedge, kind=c.kind, policy=policy or TolerancePolicy())
    if rounding not in stated.intervals:
        raise ValueError(f"rounding must be one of {list(stated.intervals)}")
    iv = stated.intervals[rounding]
    strategy = over if over is not None else _default_over(c)
    who = f" vs {baseline or c.baseline}" if c.kind != "monthly_cost" else ""
    unit_fmt = {"percent": "{}%", "usd": "${}", "multiple": "{}x", "ratio": "{}"}[stated.unit]

    @settings(max_examples=max_examples, deadline=None, database=None, report_multiple_bugs=False,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def run(data: Any) -> None:
        w = data.draw(strategy, label="workload")
        v = claim_value(c, w, baseline=baseline, catalog=catalog, unit=stated.unit)
        if not iv.contains(v):
            from .._claims.stated import fmt_num
            raise ClaimCounterexample(
                f"claim {c.id!r} ({c.subject}{who}, prices at {c.at}) fails for the workload\n"
                f"    {w.describe()}\n"
                f"  computed {unit_fmt.format(fmt_num(v, 6))}; stated {c.stated!r} means "
                f"{iv.describe(unit='%' if stated.unit == 'percent' else '')}", w, v)

    run()
