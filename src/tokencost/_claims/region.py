"""Exact regions: where a linear-fractional quantity lies inside a stated interval.

Every claim quantity is ``Q(s) = (a + b*s) / (c + d*s)`` in the input share ``s``
(a constant, a linear function, or a ratio of two blended prices). With a
denominator that keeps one sign on the domain, ``Q >= L`` is the linear inequality
``(a - L c) + (b - L d) s >= 0``, so the set where the claim holds is one interval,
found with Fractions; no sampling.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from .stated import Interval

__all__ = ["LinFrac", "Region", "fmt_pct", "solve_region", "value_range"]


@dataclass(frozen=True, slots=True)
class LinFrac:
    a: Fraction
    b: Fraction
    c: Fraction = Fraction(1)
    d: Fraction = Fraction(0)

    def __call__(self, s: Fraction) -> Fraction:
        # The hot path of every scenario, so in integers: (a + b s) / (c + d s) over one common
        # denominator, normalised once by Fraction (each Fraction operator would normalise, and check
        # its operand's type through the numbers ABCs, on its own).
        a, b, c, d = self.a, self.b, self.c, self.d
        if not s:
            return a if c.numerator == c.denominator else a / c
        sn, sd = s.numerator, s.denominator
        an, ad, bn, bd = a.numerator, a.denominator, b.numerator, b.denominator
        cn, cd, dn, dd = c.numerator, c.denominator, d.numerator, d.denominator
        # numerator a + b s = (an bd sd + bn sn ad) / (ad bd sd); denominator likewise
        num = (an * bd * sd + bn * sn * ad) * (cd * dd)
        den = (cn * dd * sd + dn * sn * cd) * (ad * bd)
        if den == 0:
            raise ZeroDivisionError("Fraction(%s, 0)" % num)
        return Fraction(num, den)

    def solve(self, target: Fraction) -> Fraction | None:
        """The s with Q(s) == target, if unique."""
        beta = self.b - target * self.d
        if beta == 0:
            return None
        return -(self.a - target * self.c) / beta


@dataclass(frozen=True, slots=True)
class Region:
    """A closed-or-open interval of the input share, within the domain."""

    lo: Fraction
    hi: Fraction
    lo_closed: bool = True
    hi_closed: bool = True

    def contains(self, s: Fraction) -> bool:
        return (self.lo < s or (self.lo_closed and s == self.lo)) and (s < self.hi or (self.hi_closed and s == self.hi))

    def is_point(self) -> bool:
        return self.lo == self.hi

    def describe(self, what: str = "input share") -> str:
        if self.is_point():
            return f"{what} exactly {fmt_pct(self.lo)}"
        return (f"{what} {'' if self.lo_closed else '>'}{fmt_pct(self.lo)}–"
                f"{'' if self.hi_closed else '<'}{fmt_pct(self.hi)}")


@lru_cache(maxsize=16384)
def fmt_pct(f: Fraction) -> str:
    """A share as a percentage for display, to 0.1 point (exact bounds stay in the Region)."""
    return f"{float(f * 100):.1f}".rstrip("0").rstrip(".") + "%"


def _halfline(alpha: Fraction, beta: Fraction, strict: bool, dom: Region) -> Region | None:
    """{s in dom : alpha + beta*s >= 0} (> 0 when strict)."""
    if beta == 0:
        ok = alpha > 0 if strict else alpha >= 0
        return dom if ok else None
    root = -alpha / beta
    if beta > 0:  # s >= root
        if root > dom.lo:
            lo, lo_closed = root, not strict
        else:
            lo, lo_closed = dom.lo, dom.lo_closed and not (root == dom.lo and strict)
        r = Region(lo, dom.hi, lo_closed, dom.hi_closed)
    else:  # s <= root
        if root < dom.hi:
            hi, hi_closed = root, not strict
        else:
            hi, hi_closed = dom.hi, dom.hi_closed and not (root == dom.hi and strict)
        r = Region(dom.lo, hi, dom.lo_closed, hi_closed)
    if r.lo > r.hi or (r.lo == r.hi and not (r.lo_closed and r.hi_closed)):
        return None
    return r


def solve_region(q: LinFrac, iv: Interval, dom: Region) -> Region | None:
    """The sub-interval of ``dom`` where ``q(s)`` lies in ``iv``; None if empty."""
    den_lo, den_hi = q.c + q.d * dom.lo, q.c + q.d * dom.hi
    if den_lo <= 0 or den_hi <= 0:
        if den_lo < 0 and den_hi < 0:  # flip to a positive denominator
            q = LinFrac(-q.a, -q.b, -q.c, -q.d)
        else:
            raise ZeroDivisionError("the quantity's denominator (a cost) is not positive on the domain")
    region: Region | None = dom
    if iv.lo.value is not None and region is not None:
        L = iv.lo.value
        region = _halfline(q.a - L * q.c, q.b - L * q.d, not iv.lo.closed, region)
    if iv.hi.value is not None and region is not None:
        H = iv.hi.value
        region = _halfline(-(q.a - H * q.c), -(q.b - H * q.d), not iv.hi.closed, region)
    return region


def value_range(q: LinFrac, dom: Region) -> tuple[Fraction, Fraction]:
    """Min and max of a linear-fractional function on an interval (it is monotone there)."""
    if (q.b == 0 and q.d == 0) or dom.lo == dom.hi:  # a constant, or a single point
        v = q(dom.lo)
        return v, v
    v1, v2 = q(dom.lo), q(dom.hi)
    return (v1, v2) if v1.numerator * v2.denominator <= v2.numerator * v1.denominator else (v2, v1)
