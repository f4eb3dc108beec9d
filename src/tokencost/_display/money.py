"""Money, shares and exact numbers as text, rounded for display only and saying how.

Every rounded figure names its rounding ("rounded half-up to the cent") and carries the exact value
next to it, so a reader never has to guess whether "$42,000.00" is the whole story.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from fractions import Fraction
from typing import Any

__all__ = ["CENT_RULE", "escape", "exact_text", "money", "money_exact", "percent", "percent_exact", "rate",
           "to_decimal"]

CENT_RULE = "rounded half-up to the cent"
_SYMBOL = {"USD": "$", "CNY": "CN¥"}
_WIDE = Context(prec=80)
EXACT_SHOWN = 24  # significant digits of an exact value shown inline; the attribute has them all


def to_decimal(x: Decimal | Fraction | int) -> Decimal:
    """A Decimal for display: Fractions become 80-digit Decimals (exact when they terminate)."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, Fraction):
        with localcontext(_WIDE):
            return Decimal(x.numerator) / Decimal(x.denominator)
    return Decimal(x)


def _quantize(d: Decimal, places: int) -> Decimal:
    with localcontext(_WIDE):
        return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def exact_text(x: Decimal | Fraction | int, *, limit: int = EXACT_SHOWN) -> str:
    """The exact value, every digit when it has few; a non-terminating Fraction says so."""
    if isinstance(x, Fraction) and x.denominator != 1:
        d = to_decimal(x)
        if Fraction(d) != x:  # does not terminate: show the fraction itself
            return f"{x.numerator}/{x.denominator}"
        x = d
    d = to_decimal(x)
    with localcontext(_WIDE):
        s = f"{d.normalize():f}" if d == d.to_integral_value() else f"{d:f}".rstrip("0")
    digits = sum(ch.isdigit() for ch in s)
    if digits > limit:  # 80-digit totals from a 1/3-style share: the attribute holds them all
        keep = s.index(".") + 1 + max(2, limit - s.index(".")) if "." in s else len(s)
        s = s[:keep] + f"… ({digits} digits)"
    return s


def money(x: Decimal | Fraction | int | None, currency: str = "USD", places: int = 2) -> str:
    """``$42,000.00``: rounded half-up to the cent (``places``); ``n/a`` for a missing amount."""
    if x is None:
        return "n/a"
    q = _quantize(to_decimal(x), places)
    sign = "-" if q < 0 else ""
    sym = _SYMBOL.get(currency)
    body = f"{abs(q):,f}"
    return f"{sign}{sym}{body}" if sym else f"{sign}{body} {currency}"


def money_exact(x: Decimal | Fraction | int, currency: str = "USD") -> str:
    """``$42,000.00 (rounded half-up to the cent; exact: 42000)``."""
    return f"{money(x, currency)} ({CENT_RULE}; exact: {exact_text(x)})"


def percent(x: Decimal | Fraction | int | None, places: int = 2) -> str:
    return "n/a" if x is None else f"{_quantize(to_decimal(x), places):f}%"


def percent_exact(x: Decimal | Fraction | int | None, places: int = 2) -> str:
    """``95.80% (rounded half-up to 0.01 point; exact: 95.8)``."""
    if x is None:
        return "n/a"
    step = f"{Decimal(1).scaleb(-places):f}"
    return f"{percent(x, places)} (rounded half-up to {step} point; exact: {exact_text(x)})"


def rate(x: Decimal | None, currency: str = "USD") -> str:
    """A per-Mtok rate exactly as the data has it (rates are never rounded): ``$2.5``."""
    if x is None:
        return "—"
    sym = _SYMBOL.get(currency)
    s = f"{x.normalize():f}" if x == x.to_integral_value() else f"{x:f}"
    return f"{sym}{s}" if sym else f"{s} {currency}"


def escape(x: Any) -> str:
    import html
    return html.escape("" if x is None else str(x), quote=True)
