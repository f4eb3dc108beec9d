"""Units at the boundary: token volumes, time periods, money per million tokens.

tokencost keeps its own pint registry rather than pint's default one, for two
reasons: the default reads ``M`` as molar (so "100M tokens" would be moles), and
it defines ``month`` as 30.4375 days, silently picking one of several month
lengths people actually use. Here ``month`` is its own dimension: a per-day
volume becomes a per-month volume only through an explicit :class:`MonthLength`.

Magnitudes are ``Decimal``; a binary float that reaches us is converted through
its shortest repr (``0.8`` -> ``Decimal("0.8")``), never through its binary value.

pint itself is imported on first need, not with this module: the plain volumes people
type (``"100M/day"``, ``"3B tokens/month"``, ``"2500 requests/day x 4k tokens"``) are read
by a small exact parser that gives the same Volume pint would (a test checks that), so a
command-line cost never waits for pint to load.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import sys
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..errors import UnitError

if TYPE_CHECKING:
    import pint

__all__ = ["ureg", "Q_", "Volume", "MonthLength", "to_decimal", "parse_volume", "parse_price", "parse_amount",  # noqa: F822
           "split_per_request"]


@lru_cache(maxsize=1)
def _registry() -> pint.UnitRegistry:
    import pint

    reg = pint.UnitRegistry(None, non_int_type=Decimal, autoconvert_offset_to_baseunit=False)
    for line in (
        # decimal prefixes as LLM pricing uses them ("B" is billion, never byte here)
        "kilo- = 1000 = k- = K-",
        "mega- = 1000000 = M-",
        "giga- = 1000000000 = G- = B-",
        "tera- = 1000000000000 = T-",
        "token = [token] = tok = tokens",
        "request = [request] = req = requests = call = calls",
        "second = [time] = s = sec = seconds",
        "minute = 60 * second = min = minutes",
        "hour = 60 * minute = h = hr = hours",
        "day = 24 * hour = d = days",
        "week = 7 * day = wk = weeks",
        # a month is NOT a number of days: see MonthLength
        "month = [month] = mo = months",
        "year = 12 * month = yr = years",
        "USD = [usd] = usd = dollar = dollars",
        "CNY = [cny] = cny = RMB = yuan",
    ):
        reg.define(line)
    return reg


def __getattr__(name: str) -> Any:
    # ``ureg`` and ``Q_`` are built on first access (module __getattr__, PEP 562)
    if name == "ureg":
        return _registry()
    if name == "Q_":
        return _registry().Quantity
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _q(magnitude: Any, unit: Any) -> pint.Quantity:
    return _registry().Quantity(magnitude, unit)


def _pint_failures() -> tuple[type[BaseException], ...]:
    import pint

    # pint's parser also fails with AttributeError/TypeError on text such as "4k prompt + 500 output"
    return (pint.errors.PintError, AttributeError, TypeError)


def to_decimal(value: Any, *, what: str = "value") -> Decimal:
    """Decimal from a str, int, Decimal, Fraction or float (floats via their shortest repr)."""
    if isinstance(value, Decimal):
        if not value.is_finite():  # NaN compares by raising InvalidOperation; infinity is no amount
            raise UnitError(value, f"{what} must be finite")
        return value
    if isinstance(value, bool):
        raise UnitError(value, f"{what} must be a number, not a bool")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise UnitError(value, f"{what} must be finite")
        return Decimal(repr(value))
    if isinstance(value, Fraction):
        d = Decimal(value.numerator) / Decimal(value.denominator)
        if Fraction(d) != value:
            raise UnitError(value, f"{what} has no exact decimal form")
        return d
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("_", "")
        pct = text.endswith("%")
        try:
            d = Decimal(text[:-1] if pct else text)
        except InvalidOperation:
            raise UnitError(value, f"{what} is not a number") from None
        if not d.is_finite():
            raise UnitError(value, f"{what} must be finite")
        return _in_range(d / 100 if pct else d, value, what)
    if hasattr(value, "item"):  # numpy scalars
        return to_decimal(value.item(), what=what)
    raise UnitError(value, f"{what} must be a number or numeric string, got {type(value).__name__}")


_WORD_SCALE = {"thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "mn": 10**6, "mio": 10**6,
               "billion": 10**9, "b": 10**9, "bn": 10**9, "g": 10**9, "trillion": 10**12, "t": 10**12}
_AMOUNT = re.compile(r"^\s*\$?\s*(?P<num>[0-9][0-9,_]*(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+)\s*"
                     r"(?P<scale>thousand|million|billion|trillion|mn|mio|bn|[kKmMbBgGtT](?![a-z]))?\s*(?P<rest>.*)$")


MAX_TEXT = 200  # characters in a volume, price or stated figure; longer text is not a figure
MAX_EXPONENT = 30  # volumes and prices between 1e-30 and 1e30: beyond that pint and Decimal grind or overflow


def clean_text(text: Any, what: str) -> str:
    """``text`` with every run of whitespace made one space, refused when it is not a short str.

    Collapsing first keeps the parsers' regular expressions linear: a run of 60,000 spaces between
    a number and its unit would otherwise make them backtrack for minutes."""
    if not isinstance(text, str):
        raise UnitError(text, f"{what} must be a str, not {type(text).__name__}")
    if len(text) > MAX_TEXT * 50:  # don't even split a megabyte
        raise UnitError(text[:40] + "...", f"{what} is {len(text):,} characters long (at most {MAX_TEXT})")
    out = " ".join(text.split())
    if len(out) > MAX_TEXT:
        raise UnitError(out[:40] + "...", f"{what} is {len(out):,} characters long (at most {MAX_TEXT})")
    return out


def _in_range(d: Decimal, text: str, what: str) -> Decimal:
    if d and not -MAX_EXPONENT <= d.adjusted() <= MAX_EXPONENT:
        raise UnitError(text, f"{what} is out of range (magnitudes 1e-{MAX_EXPONENT} to 1e{MAX_EXPONENT})")
    return d


def parse_amount(text: str) -> tuple[Decimal, str]:
    """``"100M tokens/day"`` -> ``(Decimal(100000000), "tokens/day")``."""
    text = clean_text(text, "an amount")
    m = _AMOUNT.match(text)
    if not m:
        raise UnitError(text, "expected a number such as '100M', '3 billion' or '2.5e9'")
    num = _in_range(Decimal(m["num"].replace(",", "").replace("_", "")), text, "the number")
    if m["scale"]:
        num = _in_range(num * _WORD_SCALE[m["scale"].lower()], text, "the number")
    return num, m["rest"].strip()


@dataclass(frozen=True)
class MonthLength:
    """How long "a month" is when a per-day (or per-hour...) volume becomes monthly.

    ``MonthLength("30d")`` (the default, what most articles use), ``"30.4375d"`` (the
    mean Gregorian month), ``"calendar"`` (the days of the month containing the
    pricing date), or any number of days.
    """

    spec: str = "30d"

    def days(self, at: dt.date | dt.datetime | None = None) -> Decimal:
        s = self.spec.strip().lower()
        if s == "calendar":
            if at is None:
                raise UnitError(self.spec, "a calendar month needs a pricing date")
            return Decimal(calendar.monthrange(at.year, at.month)[1])
        if s in ("mean", "gregorian", "average"):
            return Decimal("30.4375")
        d = to_decimal(s.removesuffix("days").removesuffix("day").removesuffix("d").strip(), what="month length")
        if not Decimal(1) <= d <= Decimal(31):
            raise UnitError(self.spec, "a month must be between 1 and 31 days")
        return d

    @classmethod
    def of(cls, value: Any) -> MonthLength:
        if isinstance(value, MonthLength):
            return value
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            m = cls(f"{to_decimal(value, what='month length')}d")
            m.days()  # 1 to 31 days, as for text
            return m
        if isinstance(value, str):
            m = cls(value)
            if m.spec.strip().lower() != "calendar":
                m.days()  # validate now, not at costing time
            return m
        raise UnitError(value, "month must be '30d', '30.4375d', 'calendar' or a number of days")

    def __str__(self) -> str:
        return self.spec


@dataclass(frozen=True)
class Volume:
    """Tokens per period. ``per`` is 'day' (time-based volumes) or 'month'."""

    tokens: Decimal
    per: str  # "day" | "month"
    requests: Decimal | None = None  # per the same period, when stated
    tokens_per_request: Decimal | None = None
    # the exact count where ``tokens`` is not (e.g. "50M tokens/week" is 50M/7 a day)
    exact: Fraction | None = None

    def fraction(self) -> Fraction:
        """Tokens per period, exactly."""
        return self.exact if self.exact is not None else Fraction(self.tokens)

    def per_month(self, month: MonthLength, at: dt.date | dt.datetime | None = None) -> Decimal:
        return self.tokens if self.per == "month" else self.tokens * month.days(at)

    def per_month_exact(self, month: MonthLength, at: dt.date | dt.datetime | None = None) -> Fraction:
        """Tokens per month as an exact fraction (a weekly volume need not be whole tokens a day)."""
        f = self.fraction()
        return f if self.per == "month" else f * Fraction(month.days(at))

    def __str__(self) -> str:
        return f"{self.tokens:,f} tokens/{self.per}"


_PER_WORDS = re.compile(r"\b(?:a|an|per|each|every)\s+(second|minute|hour|day|week|month|year)s?\b", re.I)
_TIMES = re.compile(r"\s+(?:x|×|\*|at|of)\s+", re.I)


@lru_cache(maxsize=256)
def _base_factor(unit: str) -> Fraction:
    """Base units per one ``unit``: exact, since every unit here is a whole multiple of its base."""
    return Fraction(_q(Decimal(1), unit).to_base_units().magnitude)


def _exact_magnitude(q: pint.Quantity, target_per: Fraction) -> Fraction:
    """``q`` in tokens per (``target_per`` base units of time or month), as an exact fraction:
    pint converts in Decimal at 28 digits, which rounds any volume per week or per 7 hours."""
    f = Fraction(to_decimal(q.magnitude))
    for name, exp in q.unit_items():
        f *= _base_factor(name) ** int(exp)
    return f * target_per


def _volume(exact: Fraction, per: str, requests: Decimal | None = None) -> Volume:
    d = Decimal(exact.numerator) / Decimal(exact.denominator)
    return Volume(d, per, requests, exact=None if Fraction(d) == exact else exact)


def _quantity_to_volume(q: pint.Quantity, text: Any, requests: Decimal | None = None) -> Volume:
    ureg = _registry()
    dims = q.dimensionality
    if dims == ureg.token.dimensionality:
        raise UnitError(text, "a volume needs a period, e.g. '100M tokens/day' or '3B/month'")
    if dims == (ureg.token / ureg.month).dimensionality:
        exact, per = _exact_magnitude(q, Fraction(1)), "month"
    elif dims == (ureg.token / ureg.second).dimensionality:
        exact, per = _exact_magnitude(q, Fraction(86_400)), "day"
    else:
        raise UnitError(text, f"not a token volume (dimensions {dims})")
    return _volume(exact, per, requests)


# -- the exact parser for plain volumes (pint's definitions above, spelled out) -----------------
_PERIOD: dict[str, tuple[str, Fraction]] = {}  # unit after "/" -> (per, count per unit -> count per ``per``)
for _names, _seconds in ((("s", "sec", "second", "seconds"), 1), (("min", "minute", "minutes"), 60),
                         (("h", "hr", "hour", "hours"), 3600), (("d", "day", "days"), 86_400),
                         (("wk", "week", "weeks"), 604_800)):
    _PERIOD.update({n: ("day", Fraction(86_400, _seconds)) for n in _names})
_PERIOD.update({n: ("month", Fraction(1)) for n in ("mo", "month", "months")})
_PERIOD.update({n: ("month", Fraction(1, 12)) for n in ("yr", "year", "years")})
_TOKEN_WORDS = frozenset({"token", "tokens", "tok"})
_REQUEST_WORDS = frozenset({"request", "requests", "req", "call", "calls"})


def _rate(unit: str, words: frozenset[str]) -> tuple[str, Fraction] | None:
    """``"tokens/day"`` -> ("day", 1), ``"tok/week"`` -> ("day", 1/7); None where pint must decide."""
    num, slash, period = unit.partition("/")
    return _PERIOD.get(period) if slash and num in words else None


def _fast_volume(t: str) -> Volume | None:
    """The Volume pint would give for ``t`` (already normalised: "per day" -> "/day"), or None."""
    parts = _TIMES.split(t, maxsplit=1)
    try:
        if len(parts) == 2:
            n_req, unit_req = parse_amount(parts[0])
            per_req, unit_tok = parse_amount(parts[1])
        else:
            amount, unit = parse_amount(t)
    except UnitError:
        return None  # pint's path raises the error with its own wording
    if len(parts) == 2:
        unit_req = unit_req.replace(" ", "") or "request/day"
        unit_tok = unit_tok.replace(" ", "") or "token"
        rate = _rate(unit_req if "/" in unit_req else unit_req + "/day", _REQUEST_WORDS)
        num, slash, per_what = (unit_tok if "/" in unit_tok else unit_tok + "/request").partition("/")
        if rate is None or num not in _TOKEN_WORDS or per_what not in _REQUEST_WORDS:
            return None
        per, factor = rate
        requests = Fraction(n_req) * factor
        vol = _volume(requests * Fraction(per_req), per)
        return Volume(vol.tokens, per, _volume(requests, per).tokens, per_req, exact=vol.exact)
    unit = unit.replace(" ", "")
    rate = _rate("token" + unit if unit.startswith("/") else unit, _TOKEN_WORDS)
    if rate is None:
        return None
    per, factor = rate
    return _volume(Fraction(amount) * factor, per)


def _pint_volume(t: str, text: str) -> Volume:
    parts = _TIMES.split(t, maxsplit=1)
    failures = _pint_failures()
    if len(parts) == 2:  # "2500 requests/day x 4k tokens"
        n_req, unit_req = parse_amount(parts[0])
        per_req, unit_tok = parse_amount(parts[1])
        unit_req = unit_req.replace(" ", "") or "request/day"
        unit_tok = unit_tok.replace(" ", "") or "token"
        try:
            q_req = _q(n_req, unit_req if "/" in unit_req else unit_req + "/day")
            q_tok = _q(per_req, unit_tok if "/" in unit_tok else unit_tok + "/request")
        except failures:
            raise UnitError(text, f"unknown unit in {unit_req!r} or {unit_tok!r}; {_VOLUME_FORMS}") from None
        vol = _quantity_to_volume(q_req * q_tok, text)
        reqs = _quantity_to_volume(_q(Decimal(1), "token") * q_req / _registry().request, text)
        return Volume(vol.tokens, vol.per, reqs.tokens, Decimal(q_tok.to("token/request").magnitude),
                      exact=vol.exact)
    amount, unit = parse_amount(t)
    unit = unit.replace(" ", "")
    if unit.startswith("/"):
        unit = "token" + unit
    if not unit:
        raise UnitError(text, "a volume needs a period, e.g. '100M tokens/day' or '3B/month'")
    try:
        q = _q(amount, unit)
    except failures:
        raise UnitError(text, f"unknown unit {unit!r}; {_VOLUME_FORMS}") from None
    return _quantity_to_volume(q, text)


_VOLUME_FORMS = ("a volume looks like '100M/day', '3B tokens/month', '2500 requests/day x 4k tokens' "
                 "or, for a workload, '2500 requests/day x 4k prompt + 500 output tokens'")
# "2500 requests/day x 4k prompt + 500 output tokens": input and output per request
_PER_REQUEST_MIX = re.compile(
    r"^(?P<req>.+?)\s+(?:x|×|\*)\s+(?P<inp>[0-9][0-9,_.]*\s*[kKmMbB]?)\s*(?:prompt|input)(?:\s+tokens?)?"
    r"\s*\+\s*(?P<out>[0-9][0-9,_.]*\s*[kKmMbB]?)\s*(?:output|completion)(?:\s+tokens?)?\s*$", re.I)


def split_per_request(text: str) -> tuple[str, str] | None:
    """``"2500 requests/day x 4k prompt + 500 output tokens"`` -> the input and the output volume
    (``"2500 requests/day x 4k tokens"``, ``"2500 requests/day x 500 tokens"``); None for other text."""
    try:
        text = clean_text(text, "a volume")  # collapsed and bounded: the pattern stays linear
    except UnitError:
        return None  # not this form; reading it as a volume says what is wrong
    m = _PER_REQUEST_MIX.match(text)
    if m is None:
        return None
    return f"{m['req']} x {m['inp'].strip()} tokens", f"{m['req']} x {m['out'].strip()} tokens"


@lru_cache(maxsize=512)
def _parse_volume_text(text: str) -> Volume:
    if split_per_request(text) is not None:
        raise UnitError(text, "this gives input and output per request, two volumes: pass it as a workload's "
                              "tokens (Workload(tokens=...), --tokens), or give input and output separately")
    t = _PER_WORDS.sub(lambda m: f"/{m.group(1).lower()}", text.strip())
    t = re.sub(r"\bper\b", "/", t, flags=re.I)
    fast = _fast_volume(t)
    return fast if fast is not None else _pint_volume(t, text)


def _is_quantity(value: Any) -> bool:
    import pint

    return isinstance(value, pint.Quantity)


def parse_volume(value: Any) -> Volume:
    """Read a token volume: ``"100M/day"``, ``"3B tokens/month"``, ``"100 million tokens a day"``,
    ``"2500 requests/day x 4k tokens"``, a pint quantity, or a bare number (tokens per month)."""
    if isinstance(value, Volume):
        return value
    if "pint" in sys.modules and _is_quantity(value):  # a pint Quantity implies pint is loaded
        if value._REGISTRY is not _registry():
            import pint

            try:
                value = _q(to_decimal(value.magnitude), str(value.units))
            except (pint.errors.PintError, UnitError) as exc:
                raise UnitError(value, f"cannot convert from another unit registry ({exc})") from None
        return _quantity_to_volume(value, value)
    if isinstance(value, str):
        text = clean_text(value, "a volume")
        if not text:
            raise UnitError(value, "empty volume")
        try:
            return _parse_volume_text(text)
        except ArithmeticError as exc:  # "1e30 tokens / 0 day": decimal DivisionByZero, Overflow
            raise UnitError(text, f"not a usable volume ({type(exc).__name__})") from None
    d = to_decimal(value, what="volume")
    if d < 0:
        raise UnitError(value, "a volume cannot be negative")
    return Volume(d, "month")


_PRICE = re.compile(r"^\s*(?P<cur>\$|US\$|USD|¥|CNY|RMB)?\s*(?P<num>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<cur2>USD|CNY|RMB|yuan|dollars?)?"
                    r"\s*(?:/|per)\s*(?P<unit>.+?)\s*$", re.I)


def parse_price(text: str) -> tuple[Decimal, str]:
    """``"$2.50/Mtok"``, ``"2.5 USD per million tokens"``, ``"¥2/M"`` -> (per-million rate, currency)."""
    text = clean_text(text, "a price")
    m = _PRICE.match(text)
    if not m:
        raise UnitError(text, "expected a price such as '$2.50/Mtok' or '2 CNY per million tokens'")
    cur = (m["cur"] or m["cur2"] or "USD").upper()
    cur = {"$": "USD", "US$": "USD", "¥": "CNY", "RMB": "CNY", "YUAN": "CNY", "DOLLAR": "USD", "DOLLARS": "USD"}.get(cur, cur)
    unit = m["unit"].replace("million tokens", "Mtok").replace("million", "Mtok").replace(" ", "")
    if unit in ("M", "1M", "MTok", "mtok"):
        unit = "Mtok"
    amount = _in_range(Decimal(m["num"].replace(",", "")), text, "the price")
    try:
        per = _q(Decimal(1), unit)
        rate = (_q(amount, cur) / per).to(f"{cur}/Mtok")
    except _pint_failures() as exc:
        raise UnitError(text, f"unknown unit {unit!r} ({exc.__class__.__name__})") from None
    return Decimal(rate.magnitude), cur
