"""Exact fractions shown as decimals: when a Fraction has a finite decimal form, and how it is shown
when it has none. Money and token counts are held as Fractions wherever a share like 1/3 or a
weekly volume can make them non-terminating; these helpers are the only place they become text
or Decimals."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

__all__ = ["SHOWN_PLACES", "exact_decimal", "as_decimal", "fmt_fraction", "round_half_up"]

SHOWN_PLACES = 30  # places kept where a value has no finite decimal form


def exact_decimal(f: Fraction) -> Decimal | None:
    """``f`` as a Decimal when it has a finite decimal form (its denominator divides a power
    of ten), else None. Exact: built from text, so no context precision is involved."""
    den, k2, k5 = f.denominator, 0, 0
    while den % 2 == 0:
        den //= 2
        k2 += 1
    while den % 5 == 0:
        den //= 5
        k5 += 1
    if den != 1:
        return None
    k = max(k2, k5)
    return Decimal(f"{f.numerator * (10**k // f.denominator)}E-{k}")


def as_decimal(f: Fraction) -> tuple[Decimal, bool]:
    """(Decimal, exact?): the exact Decimal, else ``f`` rounded half-even to SHOWN_PLACES places."""
    d = exact_decimal(f)
    if d is not None:
        return d, True
    n = round(f * 10**SHOWN_PLACES)  # Fraction.__round__ rounds half to even
    return Decimal(f"{n}E-{SHOWN_PLACES}"), False


def round_half_up(f: Fraction, places: int = 2) -> Decimal:
    """``f`` rounded half-up (away from zero on a tie) to ``places`` decimals, for display."""
    n = abs(f) * 10**places
    whole = n.numerator // n.denominator
    if n - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(f"{'-' if f < 0 else ''}{whole}E-{places}")


def fmt_fraction(f: Fraction) -> str:
    """``937.5``; ``1125000000/7 (= 160714285.714286…)`` where there is no finite decimal form."""
    d = exact_decimal(f)
    if d is not None:
        return f"{d:f}"
    approx = as_decimal(f)[0].quantize(Decimal("0.000001"))
    return f"{f.numerator}/{f.denominator} (= {approx:f}…)"
