"""What a stated figure means: the interval of true values that would be written that way.

Policy (``TolerancePolicy``, every number overridable):

* A number means the values that round to it at the precision written. "97.3%"
  -> [97.25, 97.35) when rounded half-up, [97.3, 97.4) when truncated. An integer
  with trailing zeros ("$42,000") is read at its last non-zero digit ("to the
  thousand": [41,500, 42,500)), the coarsest reading a writer could mean.
* Unit fractions mean the multiple rounds to the denominator: "one-tenth" ->
  baseline/candidate in [9.5, 10.5); "1/20th" -> [19.5, 20.5).
* "roughly", "about", "around", "approximately", "some", "reportedly" widen the
  interval to at least +-``rough`` (default 10%) of the value.
* "nearly", "almost", "close to": [value x (1 - rough), hi).
* "at least", "upwards of" (>=) and "over", "more than", "above" (>): one-sided from below;
  "up to", "at most" (<=) and "under", "less than", "below" (<): one-sided from above.
* "just", "only": emphasis, no widening.
* Qualitative cost words: "cheaper" / "a fraction" -> ratio < 1; "a small fraction"
  -> ratio <= ``small_fraction`` (default 1/4); "thousands ... hundreds" -> a ratio in
  (1/100, 1), the ratios for which some volume costs thousands on one and hundreds
  on the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from ..errors import ClaimError

__all__ = ["Bound", "Interval", "Stated", "TolerancePolicy", "fmt_num", "parse_stated"]

Rounding = Literal["half_up", "truncate"]
ROUNDINGS: tuple[Rounding, ...] = ("half_up", "truncate")

ROUGH_WORDS = ("roughly", "about", "around", "approximately", "approx", "some", "reportedly", "~", "circa")
NEAR_WORDS = ("nearly", "almost", "close to")
LOWER_WORDS = ("at least", "over", "more than", "upwards of", "above")
UPPER_WORDS = ("up to", "under", "less than", "at most", "below")
EMPHASIS_WORDS = ("just", "only", "a mere", "could", "potentially", "could potentially", "may", "might")


HEDGE_WORDS = tuple(sorted(set(ROUGH_WORDS + NEAR_WORDS + LOWER_WORDS + UPPER_WORDS + EMPHASIS_WORDS), key=len,
                          reverse=True))


def unknown_hedge_words(hedge: str) -> str:
    """What is left of ``hedge`` after removing every known hedge word ('' when all are known)."""
    rest = f" {' '.join(hedge.lower().split())} "
    for w in HEDGE_WORDS:  # longest first: "could potentially" before "could"
        rest = rest.replace(f" {w} ", " ")
    return rest.strip()


@dataclass(frozen=True)
class TolerancePolicy:
    """How precisely stated figures are read. Pass your own to ``check_claims(policy=...)``.

    Fields: ``rough`` (the band a hedge such as "roughly" or "about" allows, as a fraction of the
    figure: 1/10 means +-10%), ``small_fraction`` (the largest cost ratio an article's "a small fraction
    of the price" may mean: 1/4) and ``roundings`` (how a bare figure may have been rounded:
    ``"half_up"`` and/or ``"truncate"``; a claim holds under any of them only as ``holds-if``).

        >>> from fractions import Fraction
        >>> strict = TolerancePolicy(rough=Fraction(1, 20))     # "about" = +-5%
        >>> tc.check_claims(policy=strict, summary=True)        # doctest: +SKIP
    """

    rough: Fraction = Fraction(1, 10)
    small_fraction: Fraction = Fraction(1, 4)
    roundings: tuple[Rounding, ...] = ROUNDINGS

    def __post_init__(self) -> None:
        def frac(name: str, v: object) -> Fraction:
            if isinstance(v, bool) or not isinstance(v, (int, Fraction, Decimal, str)):
                raise ClaimError(f"TolerancePolicy.{name} must be a number such as Fraction(1, 10), not {v!r}")
            try:
                return Fraction(v)  # type: ignore[arg-type]
            except (ValueError, ZeroDivisionError):
                raise ClaimError(f"TolerancePolicy.{name} must be a number, not {v!r}") from None
        rough, small = frac("rough", self.rough), frac("small_fraction", self.small_fraction)
        if not 0 <= rough < 1:
            raise ClaimError(f"TolerancePolicy.rough must be at least 0 and below 1 (got {self.rough})")
        if not 0 < small <= 1:
            raise ClaimError(f"TolerancePolicy.small_fraction must be above 0 and at most 1 (got {self.small_fraction})")
        rules = tuple(self.roundings) if isinstance(self.roundings, (tuple, list)) else None
        if not rules or any(r not in ROUNDINGS for r in rules) or len(set(rules)) != len(rules):
            raise ClaimError(f"TolerancePolicy.roundings must be distinct values from {list(ROUNDINGS)}, "
                             f"not {self.roundings!r}")
        object.__setattr__(self, "rough", rough)
        object.__setattr__(self, "small_fraction", small)
        object.__setattr__(self, "roundings", rules)


@dataclass(frozen=True)
class Bound:
    value: Fraction | None  # None = unbounded
    closed: bool = True


@dataclass(frozen=True)
class Interval:
    lo: Bound
    hi: Bound

    def contains(self, x: Fraction) -> bool:
        if self.lo.value is not None and (x < self.lo.value or (x == self.lo.value and not self.lo.closed)):
            return False
        if self.hi.value is not None and (x > self.hi.value or (x == self.hi.value and not self.hi.closed)):
            return False
        return True

    def describe(self, unit: str = "", scale: Fraction = Fraction(1)) -> str:
        def num(f: Fraction) -> str:
            return fmt_num(f * scale)
        lo, hi = self.lo, self.hi
        if lo.value is None and hi.value is None:
            return "any value"
        if lo.value is None:
            return f"{'<=' if hi.closed else '<'} {num(hi.value)}{unit}"
        if hi.value is None:
            return f"{'>=' if lo.closed else '>'} {num(lo.value)}{unit}"
        return f"{'[' if lo.closed else '('}{num(lo.value)}, {num(hi.value)}{']' if hi.closed else ')'}{unit}"


def fmt_num(f: Fraction, places: int = 6) -> str:
    """A Fraction for people: exact when it is a short decimal, else rounded to ``places`` with an ellipsis."""
    if f.denominator == 1:
        return f"{f.numerator:,}"
    scale = 10 ** places
    if scale % f.denominator == 0:  # a terminating decimal within `places` digits: print it exactly
        s = f"{Decimal(f.numerator) / Decimal(f.denominator):,f}"
        return s.rstrip("0").rstrip(".") if "." in s else s
    s = f"{float(f):,.{places}f}".rstrip("0").rstrip(".")
    return s + "…"


@dataclass(frozen=True)
class Stated:
    """A parsed stated figure: the value, its unit, and its interval under each rounding rule."""

    text: str
    hedge: str | None
    value: Fraction | None  # None for qualitative figures
    unit: Literal["percent", "usd", "multiple", "ratio"]
    intervals: dict[str, Interval] = field(default_factory=dict)
    qualitative: bool = False
    explanation: str = ""


_WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "twenty": 20, "hundred": 100, "half": 2, "third": 3, "quarter": 4, "fourth": 4,
            "fifth": 5, "tenth": 10, "twentieth": 20, "hundredth": 100}
_SCALE = {"k": 10**3, "thousand": 10**3, "m": 10**6, "million": 10**6, "mn": 10**6, "b": 10**9,
          "billion": 10**9, "bn": 10**9, "t": 10**12, "trillion": 10**12}


def _rounding_interval(digits: str, rounding: Rounding) -> tuple[Fraction, Fraction]:
    """[lo, hi) of true values written as ``digits`` (e.g. "97.3", "42000")."""
    v = Fraction(digits)
    if "." in digits:
        step = Fraction(1, 10 ** len(digits.split(".")[1]))
    elif v >= 1000:  # "42,000": trailing zeros are ambiguous; read at the last non-zero digit
        stripped = digits.rstrip("0")
        zeros = len(digits) - len(stripped) if stripped else 0
        step = Fraction(10 ** zeros)
    else:  # "60 percent": whole units
        step = Fraction(1)
    if rounding == "half_up":
        return v - step / 2, v + step / 2
    return v, v + step


def _hedge_kind(hedge: str | None) -> str:
    h = (hedge or "").strip().lower()
    if not h:
        return "exact"
    if any(w in h for w in EMPHASIS_WORDS) and not any(w in h for w in ROUGH_WORDS + NEAR_WORDS):
        pass
    if any(h == w or h.startswith(w + " ") for w in NEAR_WORDS):
        return "near"
    if any(h == w or h.startswith(w) for w in LOWER_WORDS):
        return "lower" if h.startswith(("at least", "upwards of")) else "lower_strict"
    if any(h == w or h.startswith(w) for w in UPPER_WORDS):
        return "upper" if h.startswith(("up to", "at most")) else "upper_strict"
    if any(w in h for w in ROUGH_WORDS):
        return "rough"
    return "exact"  # emphasis and modal words ("just", "could potentially") do not change the figure


def _apply_hedge(lo: Fraction, hi: Fraction, v: Fraction, kind: str, policy: TolerancePolicy) -> Interval:
    if kind == "rough":
        band = abs(v) * policy.rough
        return Interval(Bound(min(lo, v - band)), Bound(max(hi, v + band), closed=hi < v + band))
    if kind == "near":
        return Interval(Bound(min(lo, v - abs(v) * policy.rough)), Bound(hi, closed=False))
    if kind in ("lower", "lower_strict"):  # "at least 60%" includes 60; "more than 60%" does not
        return Interval(Bound(v, closed=kind == "lower"), Bound(None))
    if kind in ("upper", "upper_strict"):
        return Interval(Bound(None), Bound(v, closed=kind == "upper"))
    return Interval(Bound(lo), Bound(hi, closed=False))


def parse_stated(text: str, hedge: str | None, *, kind: str, policy: TolerancePolicy = TolerancePolicy()) -> Stated:
    """Read ``text`` (as written in the article) for a claim of ``kind``."""
    if not isinstance(text, str) or len(text) > 200 or (hedge is not None and not isinstance(hedge, str)):
        raise ClaimError(f"a stated figure is a short str such as '97%' or '$42,000', not {str(text)[:40]!r}...")
    t = " ".join(text.split())  # one space per run: the patterns below stay linear on any input
    low = t.lower()
    # a hedge written inside the figure ("roughly $42,000") counts like one given separately
    for w in sorted(ROUGH_WORDS + NEAR_WORDS + LOWER_WORDS + UPPER_WORDS + EMPHASIS_WORDS, key=len, reverse=True):
        if low.startswith(w + " "):
            hedge = f"{hedge} {w}".strip() if hedge and w not in hedge.lower() else (hedge or w)
            low = low[len(w):].strip()
            break
    hk = _hedge_kind(hedge)
    # qualitative cost comparisons
    if kind == "cost_fraction" and re.fullmatch(r"(a |the )?(fraction|cheaper|less|lower)", low):
        iv = Interval(Bound(None), Bound(Fraction(1), closed=False))
        return Stated(t, hedge, None, "ratio", {r: iv for r in policy.roundings}, True,
                      "a cost ratio below 1 (the candidate is cheaper)")
    if kind == "cost_fraction" and "small fraction" in low:
        iv = Interval(Bound(None), Bound(policy.small_fraction))
        return Stated(t, hedge, None, "ratio", {r: iv for r in policy.roundings}, True,
                      f"a cost ratio of at most {policy.small_fraction} (policy for 'a small fraction')")
    if kind == "cost_fraction" and "thousands" in low and "hundreds" in low:
        iv = Interval(Bound(Fraction(1, 100), closed=False), Bound(Fraction(1), closed=False))
        return Stated(t, hedge, None, "ratio", {r: iv for r in policy.roundings}, True,
                      "a ratio between 1/100 and 1: some volume costs thousands on the baseline "
                      "and hundreds on the candidate")
    # unit fractions: "one-tenth", "1/20th", "one tenth", "a tenth", "half"
    m = re.fullmatch(r"(?:(one|a)[\s-]+)?(half|third|quarter|fourth|fifth|tenth|twentieth|hundredth)", low) \
        or re.fullmatch(r"1\s*/\s*(\d+)(?:st|nd|rd|th)?", low)
    if m:
        n = int(m.group(1)) if m.re.pattern.startswith("1") else _WORDNUM[m.group(2)]
        if n < 2:  # "1/0" and "1/1" are no fraction of a cost
            raise ClaimError(f"cannot read stated figure {text!r}: 1/{n} is not a fraction of a cost")
        ivs = {}
        for r in policy.roundings:
            lo, hi = (n - Fraction(1, 2), n + Fraction(1, 2)) if r == "half_up" else (Fraction(n), Fraction(n + 1))
            ivs[r] = _apply_hedge(lo, hi, Fraction(n), hk, policy)
        return Stated(t, hedge, Fraction(n), "multiple", ivs, False,
                      f"the baseline costs {n} times the candidate (1/{n} of the cost)")
    # numbers with a unit: "97.3%", "60 percent", "$42,000", "$8M", "ten million dollars"
    words = re.fullmatch(r"(a|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+(thousand|million|billion|trillion)"
                         r"\s*(dollars)?", low)
    if words:  # "ten million dollars": precise to the scale word (a million)
        n = 1 if words.group(1) == "a" else _WORDNUM[words.group(1)]
        scale_w = _SCALE[words.group(2)]
        v = Fraction(n * scale_w)
        ivs = {}
        for r in policy.roundings:
            lo, hi = (n - Fraction(1, 2), n + Fraction(1, 2)) if r == "half_up" else (Fraction(n), Fraction(n + 1))
            ivs[r] = _apply_hedge(lo * scale_w, hi * scale_w, v, hk, policy)
        return Stated(t, hedge, v, "usd", ivs, False, "")
    else:
        m2 = re.fullmatch(r"(?:a\s+)?\$?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(k|m|mn|b|bn|t|thousand|million|billion|trillion)?"
                          r"\s*(%|percent|per cent|dollars|usd)?", low.replace("us$", "$"))
        if not m2:
            raise ClaimError(f"cannot read stated figure {text!r}")
        digits = m2.group(1).replace(",", "")
        scale = _SCALE.get(m2.group(2) or "", 1)
        pct = m2.group(3) in ("%", "percent", "per cent")
        unit = "percent" if pct else "usd"
        v = Fraction(digits) * scale
        if scale != 1:
            # "$8M": precision is in the written digits, scaled
            ivs = {}
            for r in policy.roundings:
                lo, hi = _rounding_interval(m2.group(1).replace(",", ""), r)
                ivs[r] = _apply_hedge(lo * scale, hi * scale, v, hk, policy)
            return Stated(t, hedge, v, unit, ivs, False, "")  # type: ignore[arg-type]
    ivs = {}
    for r in policy.roundings:
        lo, hi = _rounding_interval(digits, r)
        ivs[r] = _apply_hedge(lo, hi, v, hk, policy)
    return Stated(t, hedge, v, unit, ivs, False, "")  # type: ignore[arg-type]
