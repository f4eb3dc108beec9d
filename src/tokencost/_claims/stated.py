"""What a stated figure means: the interval of true values that would be written that way.

Policy (``TolerancePolicy``, every number overridable; docs/claims.md has the full table):

* A number means the values that round to it at the precision written, under the claim's
  rounding mode (``half_up`` by default; ``half_even``, ``truncate``, ``up_or_down``). "97.3%"
  -> [97.25, 97.35) half-up, [97.3, 97.4) truncated, (97.2, 97.4) up-or-down. An integer
  with trailing zeros ("$42,000") is read at its last non-zero digit ("to the thousand").
* What the figure measures (``Stated.measure``) comes from its words: "67% cheaper", "50% less"
  -> a saving; "33% of the cost", "a third", "half the price", "two-thirds" -> a share of the
  baseline's cost; "3x cheaper", "27 times cheaper", "8X lower cost" -> a multiple (baseline /
  subject). A bare "60%" is a saving in a ``percent_cheaper`` claim and a share in a
  ``cost_fraction`` claim.
* Word fractions name a percentage written to the whole percent: "half" -> [49.5, 50.5) under
  half-up, like "50%"; a fraction whose percentage does not terminate ("a third" = 33.33...%)
  -> +-``word_points`` (default 0.5) percentage points around it, closed.
* Multiples are rounded numbers: "3x" -> [2.5, 3.5); "27 times" -> [26.5, 27.5).
* "roughly", "about", "around", "approximately", "some", "reportedly" widen the interval to
  at least +-``rough`` (default 10%) of the value; "nearly", "almost", "close to": downwards only.
* One-sided hedges keep the rounding: "up to 83%" and "at most" -> at most what rounds to 83
  (< 83.5 half-up); "at least 60%", "upwards of" -> at least what rounds to 60 (>= 59.5).
  The strict ones compare with the figure itself: "more than", "over", "above" (> 60) and
  "under", "less than", "below" (< 60).
* "just", "only": emphasis, no widening.
* Money: "$0.07", "US$2", "15 cents" (= $0.15; "12.5 cents" -> [0.1245, 0.1255)), and yuan:
  "¥2", "2 yuan", "RMB 2", "CNY 2" (``Stated.currency`` "CNY"; compared with CNY list prices, or
  converted through the recorded exchange rate). A price per 1K tokens ("$0.002 per 1K tokens", "per
  thousand tokens", "per 1,000 tokens") is read per million: x1000 exactly, interval and all ("$0.002"
  -> [0.0015, 0.0025) per 1K -> [1.5, 2.5) per million).
* Qualitative cost words: "cheaper" / "a fraction" -> ratio < 1; "a small fraction"
  -> ratio <= ``small_fraction`` (default 1/4); "thousands ... hundreds" -> a ratio in
  (1/100, 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Literal

from ..errors import ClaimError

__all__ = ["HEDGE_WORDS", "MEASURES", "ROUNDING_MODES", "Bound", "Interval", "Stated", "TolerancePolicy", "fmt_num", "in_currency", "parse_stated",
           "rounding_interval", "unknown_hedge_words"]

Rounding = Literal["half_up", "half_even", "truncate", "up_or_down"]
ROUNDING_MODES: tuple[Rounding, ...] = ("half_up", "half_even", "truncate", "up_or_down")
ROUNDINGS: tuple[Rounding, ...] = ("half_up", "truncate")

ROUGH_WORDS = ("roughly", "about", "around", "approximately", "approx", "some", "reportedly", "~", "circa")
NEAR_WORDS = ("nearly", "almost", "close to")
LOWER_WORDS = ("at least", "over", "more than", "upwards of", "above")
UPPER_WORDS = ("up to", "under", "less than", "at most", "below")
EMPHASIS_WORDS = ("just", "only", "a mere", "could", "potentially", "could potentially", "may", "might")

#: what a figure measures, and which way a larger value moves the subject's advantage
#: (+1: a larger figure makes the subject look cheaper; -1: dearer). For an amount or a
#: price the figure itself is what is over- or understated (+1).
MEASURES = {"saving": 1, "share": -1, "multiple": 1, "ratio": -1, "amount": 1, "discount": 1}


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
    of the price" may mean: 1/4), ``roundings`` (how a bare figure may have been rounded, the first
    being the headline reading: ``"half_up"``, ``"half_even"``, ``"truncate"``, ``"up_or_down"``; a
    claim that holds only under a later one is ``holds-if``) and ``word_points`` (the band, in
    percentage points, around a word fraction whose percentage does not terminate: "a third").

        >>> from fractions import Fraction
        >>> strict = TolerancePolicy(rough=Fraction(1, 20))     # "about" = +-5%
        >>> tc.check_claims(policy=strict, summary=True)        # doctest: +SKIP
    """

    rough: Fraction = Fraction(1, 10)
    small_fraction: Fraction = Fraction(1, 4)
    roundings: tuple[Rounding, ...] = ROUNDINGS
    word_points: Fraction = Fraction(1, 2)

    def __post_init__(self) -> None:
        def frac(name: str, v: object) -> Fraction:
            if isinstance(v, bool) or not isinstance(v, (int, Fraction, Decimal, str)):
                raise ClaimError(f"TolerancePolicy.{name} must be a number such as Fraction(1, 10), not {v!r}")
            try:
                return Fraction(v)  # type: ignore[arg-type]
            except (ValueError, ZeroDivisionError):
                raise ClaimError(f"TolerancePolicy.{name} must be a number, not {v!r}") from None
        rough, small = frac("rough", self.rough), frac("small_fraction", self.small_fraction)
        points = frac("word_points", self.word_points)
        if not 0 <= rough < 1:
            raise ClaimError(f"TolerancePolicy.rough must be at least 0 and below 1 (got {self.rough})")
        if not 0 < small <= 1:
            raise ClaimError(f"TolerancePolicy.small_fraction must be above 0 and at most 1 (got {self.small_fraction})")
        if not 0 <= points < 100:  # percentage points around a non-terminating word fraction ("a third")
            raise ClaimError(f"TolerancePolicy.word_points must be at least 0 and below 100 (got {self.word_points})")
        # every rounding mode issue 10 defines may be declared; unknown, repeated or none is an error
        rules = tuple(self.roundings) if isinstance(self.roundings, (tuple, list)) else None
        if not rules or any(r not in ROUNDING_MODES for r in rules) or len(set(rules)) != len(rules):
            raise ClaimError(f"TolerancePolicy.roundings must be distinct values from {list(ROUNDING_MODES)}, "
                             f"not {self.roundings!r}")
        object.__setattr__(self, "rough", rough)
        object.__setattr__(self, "small_fraction", small)
        object.__setattr__(self, "word_points", points)
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
        # compared in integers (denominators are positive): a hot path, and Fraction's own comparison
        # checks its operand's type through the numbers ABCs each time
        xn, xd = x.numerator, x.denominator
        lo, hi = self.lo, self.hi
        if lo.value is not None:
            c = xn * lo.value.denominator - lo.value.numerator * xd
            if c < 0 or (c == 0 and not lo.closed):
                return False
        if hi.value is not None:
            c = xn * hi.value.denominator - hi.value.numerator * xd
            if c > 0 or (c == 0 and not hi.closed):
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


@lru_cache(maxsize=65536)  # rates and figures repeat across scenarios; formatting them is not free
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
    """A parsed stated figure: the value, its unit, what it measures, and its interval under each
    rounding rule (the first rule is the headline reading).

    ``unit`` is "percent", "usd" (an amount of money, in ``currency``: "USD" or "CNY"), "multiple" or
    "ratio"; ``measure`` is "saving" (percent cheaper),
    "share" (percent of the baseline's cost), "multiple" (baseline / subject), "ratio" (subject /
    baseline, qualitative), "amount" (dollars) or "discount" (percent off a standard rate).
    """

    text: str
    hedge: str | None
    value: Fraction | None  # None for qualitative figures
    unit: Literal["percent", "usd", "multiple", "ratio"]
    intervals: dict[str, Interval] = field(default_factory=dict)
    qualitative: bool = False
    explanation: str = ""
    measure: str = ""
    currency: str = "USD"  # an amount's currency: "USD" or "CNY" ("¥2", "2 yuan", "RMB 2")

    def means(self, iv: Interval) -> str:
        """``iv`` for a reason line; an amount read through cents, yuan or per-1K shows its currency at
        each end and says how it was read ("[¥1.5, ¥2.5) (in yuan (CNY))"). Plain dollar figures and
        other units read as before ("[2.795, 2.805)")."""
        if self.unit != "usd" or not self.explanation:
            return iv.describe()
        sign = {"USD": "$", "CNY": "¥"}.get(self.currency, f"{self.currency} ")
        desc = re.sub(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?…?)", lambda m: sign + m.group(1), iv.describe())
        return f"{desc} ({self.explanation})"

    @property
    def advantage(self) -> int:
        """+1 when a larger value of the figure means a larger advantage for the subject."""
        return MEASURES.get(self.measure, 1)


_WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
            "fifty": 50, "hundred": 100, "a": 1, "an": 1}
_ORDINAL = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
            "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "eighth": 8, "tenth": 10, "tenths": 10,
            "twelfth": 12, "fifteenth": 15, "twentieth": 20, "fiftieth": 50, "hundredth": 100}
_SCALE = {"k": 10**3, "thousand": 10**3, "m": 10**6, "million": 10**6, "mn": 10**6, "b": 10**9,
          "billion": 10**9, "bn": 10**9, "t": 10**12, "trillion": 10**12}
_NUM = r"[0-9][0-9,]*(?:\.[0-9]+)?"
_NUMWORD = "|".join(sorted((k for k in _WORDNUM if k not in ("a", "an")), key=len, reverse=True))
_CHEAPER = r"(?:cheaper|less expensive|less|lower(?: costs?| prices?)?|off|savings?|cut|reduction|saved)"
# "of the cost", "the price", "of the base input token price" (up to three words before the noun)
_OF_COST = r"(?:(?:of\s+)?(?:the\s+|its\s+|their\s+)?(?:[a-z0-9-]+\s+){0,3}?(?:price|cost|costs|bill|spend|rate))"


def _step(digits: str) -> Fraction:
    if "." in digits:
        return Fraction(1, 10 ** len(digits.split(".")[1]))
    v = Fraction(digits)
    if v >= 1000:  # "42,000": trailing zeros are ambiguous; read at the last non-zero digit
        stripped = digits.rstrip("0")
        return Fraction(10 ** (len(digits) - len(stripped) if stripped else 0))
    return Fraction(1)  # "60 percent": whole units


def rounding_interval(v: Fraction, step: Fraction, rounding: Rounding) -> Interval:
    """The true values written as ``v`` at precision ``step`` under ``rounding``.

    >>> rounding_interval(Fraction(50), Fraction(1), "half_even").describe()
    '[49.5, 50.5]'
    """
    half = step / 2
    if rounding == "half_up":
        return Interval(Bound(v - half), Bound(v + half, closed=False))
    if rounding == "half_even":  # ties go to the even last digit: both ends belong to an even figure
        even = (v / step) % 2 == 0
        return Interval(Bound(v - half, closed=even), Bound(v + half, closed=even))
    if rounding == "truncate":
        return Interval(Bound(v), Bound(v + step, closed=False))
    return Interval(Bound(v - step, closed=False), Bound(v + step, closed=False))  # up_or_down


def _rounding_interval(digits: str, rounding: Rounding) -> tuple[Fraction, Fraction]:
    """[lo, hi) of true values written as ``digits`` (e.g. "97.3", "42000")."""
    iv = rounding_interval(Fraction(digits), _step(digits), rounding)
    assert iv.lo.value is not None and iv.hi.value is not None
    return iv.lo.value, iv.hi.value


def _hedge_kind(hedge: str | None) -> str:
    h = (hedge or "").strip().lower()
    if not h:
        return "exact"
    if any(h == w or h.startswith(w + " ") for w in NEAR_WORDS):
        return "near"
    if any(h == w or h.startswith(w) for w in LOWER_WORDS):
        return "lower" if h.startswith(("at least", "upwards of")) else "lower_strict"
    if any(h == w or h.startswith(w) for w in UPPER_WORDS):
        return "upper" if h.startswith(("up to", "at most")) else "upper_strict"
    if any(w in h for w in ROUGH_WORDS):
        return "rough"
    return "exact"  # emphasis and modal words ("just", "could potentially") do not change the figure


def _apply_hedge(rounded: Interval, v: Fraction, kind: str, policy: TolerancePolicy) -> Interval:
    lo, hi = rounded.lo, rounded.hi
    assert lo.value is not None and hi.value is not None
    if kind == "rough":
        band = abs(v) * policy.rough
        new_lo = lo if lo.value <= v - band else Bound(v - band)
        new_hi = hi if hi.value >= v + band else Bound(v + band)
        return Interval(new_lo, new_hi)
    if kind == "near":
        return Interval(lo if lo.value <= v - abs(v) * policy.rough else Bound(v - abs(v) * policy.rough), hi)
    if kind == "lower":  # "at least 60%": anything written 60 or more -> from the bottom of 60's interval
        return Interval(lo, Bound(None))
    if kind == "lower_strict":  # "more than 60%": above the figure itself
        return Interval(Bound(v, closed=False), Bound(None))
    if kind == "upper":  # "up to 83%": the maximum rounds to at most 83
        return Interval(Bound(None), hi)
    if kind == "upper_strict":
        return Interval(Bound(None), Bound(v, closed=False))
    return rounded


def _readings(v: Fraction, step: Fraction | None, hk: str, policy: TolerancePolicy,
              rounding: Rounding | None, scale: Fraction = Fraction(1)) -> dict[str, Interval]:
    """The interval per rounding rule (one rule when the claim declares its own). ``step`` None: the
    figure has no rounding precision of its own (a non-terminating word fraction): +-word_points."""
    rules: tuple[Rounding, ...] = (rounding,) if rounding else policy.roundings
    out: dict[str, Interval] = {}
    for r in rules:
        if step is None:
            base = Interval(Bound(v - policy.word_points), Bound(v + policy.word_points))
        else:
            base = rounding_interval(v, step, r)
        if scale != 1:
            assert base.lo.value is not None and base.hi.value is not None
            base = Interval(Bound(base.lo.value * scale, base.lo.closed), Bound(base.hi.value * scale, base.hi.closed))
        out[r] = _apply_hedge(base, v * scale, hk, policy)
    return out


def in_currency(stated: Stated, factor: Fraction, currency: str, how: str) -> Stated:
    """``stated`` re-expressed in another currency: value and every interval end times ``factor`` (> 0),
    exactly, so the verdict is the one the original figure gets at that exchange rate."""
    if factor <= 0:
        raise ClaimError(f"an exchange factor must be positive, not {factor}")

    def b(x: Bound) -> Bound:
        return Bound(None if x.value is None else x.value * factor, x.closed)
    ivs = {r: Interval(b(iv.lo), b(iv.hi)) for r, iv in stated.intervals.items()}
    expl = "; ".join(filter(None, [stated.explanation, how]))
    return replace(stated, value=None if stated.value is None else stated.value * factor, intervals=ivs,
                   currency=currency, explanation=expl)


def _measure_of_percent(kind: str, suffix: str) -> str:
    if suffix == "cheaper":
        return "saving"
    if suffix == "of":
        return "share"
    return {"percent_cheaper": "saving", "cost_fraction": "share", "discount": "discount"}.get(kind, "percent")


def parse_stated(text: str, hedge: str | None, *, kind: str, policy: TolerancePolicy = TolerancePolicy(),
                 rounding: Rounding | None = None) -> Stated:
    """Read ``text`` (as written in the article) for a claim of ``kind``.

    >>> s = parse_stated("3x cheaper", None, kind="percent_cheaper")
    >>> s.measure, s.intervals["half_up"].describe()
    ('multiple', '[2.5, 3.5)')
    """
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
    quali = {r: Interval(Bound(None), Bound(Fraction(1), closed=False)) for r in ((rounding,) if rounding
                                                                                    else policy.roundings)}
    # qualitative cost comparisons
    if kind == "cost_fraction" and re.fullmatch(r"(a |the )?(fraction|cheaper|less|lower)", low):
        return Stated(t, hedge, None, "ratio", quali, True, "a cost ratio below 1 (the candidate is cheaper)",
                      "ratio")
    if kind == "cost_fraction" and "small fraction" in low:
        iv = Interval(Bound(None), Bound(policy.small_fraction))
        return Stated(t, hedge, None, "ratio", dict.fromkeys(quali, iv), True,
                      f"a cost ratio of at most {policy.small_fraction} (policy for 'a small fraction')", "ratio")
    if kind == "cost_fraction" and "thousands" in low and "hundreds" in low:
        iv = Interval(Bound(Fraction(1, 100), closed=False), Bound(Fraction(1), closed=False))
        return Stated(t, hedge, None, "ratio", dict.fromkeys(quali, iv), True,
                      "a ratio between 1/100 and 1: some volume costs thousands on the baseline "
                      "and hundreds on the candidate", "ratio")
    # multiples: "3x cheaper", "27 times cheaper", "8X lower cost", "three times cheaper"
    m = re.fullmatch(rf"({_NUM}|{_NUMWORD})\s*(?:x|×|times)(?:\s+(?:{_CHEAPER}|{_OF_COST}|as cheap))*", low)
    if m:
        word = m.group(1)
        if word in _WORDNUM:
            v, step = Fraction(_WORDNUM[word]), Fraction(1)
        else:
            digits = word.replace(",", "")
            v, step = Fraction(digits), _step(digits)
        if v <= 1:
            raise ClaimError(f"a multiple of {word} is not a saving: {text!r}")
        return Stated(t, hedge, v, "multiple", _readings(v, step, hk, policy, rounding), False,
                      f"the baseline costs {fmt_num(v)} times the subject", "multiple")
    # word fractions: "one-tenth", "a tenth of the price", "half the price", "two-thirds", "1/20th"
    m = re.fullmatch(rf"(?:({_NUMWORD}|a|an|one)[\s-]+)?(half|halves|thirds?|quarters?|fourths?|fifths?|sixth|eighth"
                     rf"|tenths?|twelfth|fifteenth|twentieth|fiftieth|hundredth)(?:\s+{_OF_COST})?", low) \
        or re.fullmatch(rf"(\d+)\s*/\s*(\d+)(?:st|nd|rd|th)?(?:\s+{_OF_COST})?", low)
    if m:
        if m.group(2).isdigit():
            k, n = int(m.group(1)), int(m.group(2))
        else:
            k, n = (_WORDNUM[m.group(1)] if m.group(1) else 1), _ORDINAL[m.group(2)]
        if not 0 < k < n:
            raise ClaimError(f"{text!r} is not a fraction below one")
        pct = Fraction(100 * k, n)
        step = Fraction(1) if pct.denominator == 1 else None
        return Stated(t, hedge, pct, "percent", _readings(pct, step, hk, policy, rounding), False,
                      f"the subject costs {k}/{n} of the baseline ({fmt_num(pct, 2)}% of the cost)", "share")
    # amounts in words: "ten million dollars": precise to the scale word (a million)
    words = re.fullmatch(rf"(a|{_NUMWORD})\s+(thousand|million|billion|trillion)\s*(dollars)?", low)
    if words:
        n = _WORDNUM[words.group(1)]
        scale_w = Fraction(_SCALE[words.group(2)])
        return Stated(t, hedge, n * scale_w, "usd", _readings(Fraction(n), Fraction(1), hk, policy, rounding,
                                                               scale_w), False, "", "amount")
    # a price per 1K tokens ("$0.002 per 1K tokens", "per thousand tokens") is x1000 per million
    low, per_k, per_text = _per_tokens(low, text, kind)
    # the currency: "¥2", "RMB 2", "CNY 2", "2 yuan" are yuan; "15 cents" is $0.15
    low, currency, money_scale, money_words = _currency(low)
    # numbers with a unit: "97.3%", "60 percent", "50% less", "33% of the cost", "$42,000", "$8M"
    m2 = re.fullmatch(rf"(?:a\s+)?\$?\s*({_NUM})\s*(k|m|mn|b|bn|t|thousand|million|billion|trillion)?"
                      rf"\s*(%|percent|per cent|dollars|usd)?(?:\s+({_CHEAPER}|{_OF_COST}))?"
                      rf"(?:\s+(?:{_OF_COST}|than|in \w+(?: \w+)?))?", low)
    if not m2:
        raise ClaimError(f"cannot read stated figure {text!r} (docs/claims.md lists the phrases understood)")
    digits = m2.group(1).replace(",", "")
    scale = Fraction(_SCALE.get(m2.group(2) or "", 1))
    pct = m2.group(3) in ("%", "percent", "per cent")
    suffix = "" if not m2.group(4) else ("cheaper" if re.fullmatch(_CHEAPER, m2.group(4)) else "of")
    if not pct and suffix:
        raise ClaimError(f"{text!r}: only a percentage can be 'cheaper' or 'of the cost'; write it as a percentage")
    if pct and (money_words or per_k is not None):
        raise ClaimError(f"{text!r} mixes a percentage with money; write one or the other")
    unit = "percent" if pct else "usd"
    measure = _measure_of_percent(kind, suffix) if pct else "amount"
    scale *= money_scale * (per_k or 1)
    v = Fraction(digits) * scale
    why = [w for w in (money_words, per_text) if w]
    return Stated(t, hedge, v, unit, _readings(Fraction(digits), _step(digits), hk, policy, rounding, scale),  # type: ignore[arg-type]
                  False, "; ".join(why), measure, currency)


_PER_TOKENS = re.compile(r"\s*(?:/|per|a|for\s+(?:every|each))\s*(?:1\s?|one\s)?(k|thousand|1,000|1000|m|mtok|million|"
                         r"1,000,000|mn)\b\s*(?:input|output|prompt|completion|cached(?:\s+input)?)?\s*(?:tokens?)?$")


def _per_tokens(low: str, text: str, kind: str) -> tuple[str, int | None, str]:
    """Strip a per-token unit from a price: (the rest, 1000 for per-1K (1 for per-million), how)."""
    m = _PER_TOKENS.search(low)
    if m is None or not re.search(r"\d", low[:m.start()]):
        return low, None, ""
    if kind != "price":
        raise ClaimError(f"{text!r} is a price per tokens; a {kind} claim states "
                         f"{'an amount' if kind in ('monthly_cost', 'monthly_savings', 'training_cost', 'request_cost') else 'a comparison'}")
    if m.group(1) in ("k", "thousand", "1,000", "1000"):
        return low[:m.start()].strip(), 1000, "per 1K tokens: x1000 for the price per million tokens"
    return low[:m.start()].strip(), 1, ""


_CNY_BEFORE = re.compile(r"^(?:¥|￥|rmb|cny)\s*(?=[\d.])")
_USD_BEFORE = re.compile(r"^(?:us\$|usd)\s*(?=[\d.$])")
_AFTER = re.compile(rf"^({_NUM}\s*(?:k|m|mn|b|bn|thousand|million|billion)?)\s*(yuan|rmb|cny|元|cents?|¢)$")


def _currency(low: str) -> tuple[str, str, Fraction, str]:
    """(the figure without its currency words, currency, factor to the currency's unit, how read)."""
    m = _CNY_BEFORE.match(low)
    if m:
        return low[m.end():], "CNY", Fraction(1), "in yuan (CNY)"
    m = _USD_BEFORE.match(low)
    if m:
        low = "$" + low[m.end():].lstrip("$")
    a = _AFTER.match(low.lstrip("$") if not low.startswith("$") else "")
    if a:
        if a.group(2) in ("yuan", "rmb", "cny", "元"):
            return a.group(1), "CNY", Fraction(1), "in yuan (CNY)"
        return a.group(1), "USD", Fraction(1, 100), "in cents: /100 for dollars"
    if re.match(r"^(?:€|£|eur|gbp)", low) or re.search(r"\d\s*(?:euros?|pounds?)$", low):
        raise ClaimError(f"{low!r}: only US dollars (and cents) and yuan (CNY) are read; the price tables "
                         f"record no other currency")
    return low, "USD", Fraction(1), ""
