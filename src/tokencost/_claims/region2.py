"""Exact regions in two free assumptions: where ``Q(x, y) = N(x, y) / D(x, y)`` lies in a stated interval.

With two shares free (say the input share and the cached share), the pricing rule's mix is affine in
each one separately, so every price is *bilinear*: ``a + b x + c y + d x y``, and so are ``N`` and
``D`` (``D > 0`` on the box: a price). Each side of the stated interval is then one bilinear
inequality ``g(x, y) = (a + b x) + (c + d x) y >= 0``, which for a fixed ``x`` is linear in ``y``:

* ``y >= -(a + b x) / (c + d x)`` where ``c + d x > 0``, ``y <=`` it where ``< 0``;
* the bound crosses a side of the box, or flips, only at rational ``x`` (each a linear equation).

So the box splits into vertical slabs between those rational break points; within a slab each side of
the region is one fixed curve (a linear-fractional function of ``x``, a straight line when ``d = 0``)
or a side of the box, and the two level curves ``Q = L`` and ``Q = H`` never cross. The region is the
union of these pieces: solved with Fractions, no sampling, and described as inequalities. Where the
curve is a straight line the piece is a polygon; in general its curved side is a hyperbola arc.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

from .region import LinFrac
from .stated import Interval

__all__ = ["BiLin", "Box", "Piece", "describe_pieces", "solve_region2", "value_range2"]

F0, F1 = Fraction(0), Fraction(1)


@dataclass(frozen=True, slots=True)
class BiLin:
    """``a + b x + c y + d x y``."""

    a: Fraction
    b: Fraction
    c: Fraction
    d: Fraction

    def __call__(self, x: Fraction, y: Fraction) -> Fraction:
        return self.a + self.b * x + self.c * y + self.d * x * y

    @classmethod
    def through(cls, f00: Fraction, f10: Fraction, f01: Fraction, f11: Fraction) -> BiLin:
        """The bilinear function with these values at the unit square's corners (x, y)."""
        return cls(f00, f10 - f00, f01 - f00, f11 - f10 - f01 + f00)

    def scale(self, k: Fraction) -> BiLin:
        return BiLin(self.a * k, self.b * k, self.c * k, self.d * k)

    def minus(self, o: BiLin) -> BiLin:
        return BiLin(self.a - o.a, self.b - o.b, self.c - o.c, self.d - o.d)


@dataclass(frozen=True, slots=True)
class Box:
    x0: Fraction
    x1: Fraction
    y0: Fraction
    y1: Fraction


@dataclass(frozen=True, slots=True)
class YBound:
    """One side of a piece: a constant (a side of the box) or the curve y = (p + q x) / (r + t x)."""

    curve: LinFrac
    closed: bool = True

    def at(self, x: Fraction) -> Fraction:
        return self.curve(x)

    @property
    def constant(self) -> bool:
        return self.curve.b == 0 and self.curve.d == 0 and self.curve.c == 1


@dataclass(frozen=True, slots=True)
class Piece:
    """The part of the region over ``x`` from x_lo to x_hi (ends closed or open): ``lo(x) <= y <= hi(x)``."""

    x_lo: Fraction
    x_hi: Fraction
    lo: YBound
    hi: YBound
    x_lo_closed: bool = True
    x_hi_closed: bool = True

    def contains(self, x: Fraction, y: Fraction) -> bool:
        if not ((self.x_lo < x or (self.x_lo_closed and x == self.x_lo))
                and (x < self.x_hi or (self.x_hi_closed and x == self.x_hi))):
            return False
        lo, hi = self.lo.at(x), self.hi.at(x)
        return (lo < y or (self.lo.closed and lo == y)) and (y < hi or (self.hi.closed and y == hi))


def value_range2(n: BiLin, d: BiLin, box: Box) -> tuple[Fraction, Fraction]:
    """Min and max of N/D on the box: it is monotone in each variable, so they are at corners."""
    vals = [n(x, y) / d(x, y) for x in (box.x0, box.x1) for y in (box.y0, box.y1)]
    return min(vals), max(vals)


def _sides(n: BiLin, d: BiLin, iv: Interval) -> list[tuple[BiLin, bool]]:
    """Each side of the interval as ``g >= 0`` (``> 0`` when strict)."""
    out = []
    if iv.lo.value is not None:
        out.append((n.minus(d.scale(iv.lo.value)), not iv.lo.closed))  # N - L D >= 0
    if iv.hi.value is not None:
        out.append((d.scale(iv.hi.value).minus(n), not iv.hi.closed))  # H D - N >= 0
    return out


def _bounds_at(sides: list[tuple[BiLin, bool]], box: Box, x: Fraction) -> tuple[YBound, YBound] | None:
    """The y-interval at ``x`` (active sides as curves), or None where it is empty."""
    lo = YBound(LinFrac(box.y0, F0), True)
    hi = YBound(LinFrac(box.y1, F0), True)
    lo_v, hi_v = box.y0, box.y1
    for g, strict in sides:
        k, m = g.c + g.d * x, g.a + g.b * x
        if k == 0:
            if m < 0 or (strict and m == 0):
                return None
            continue
        b = YBound(LinFrac(-g.a, -g.b, g.c, g.d), not strict)  # y = -(a + b x) / (c + d x)
        v = -m / k
        if k > 0 and (v > lo_v or (v == lo_v and not b.closed)):
            lo, lo_v = b, v
        elif k < 0 and (v < hi_v or (v == hi_v and not b.closed)):
            hi, hi_v = b, v
    a, z = lo_v, hi_v
    if a > z or (a == z and not (lo.closed and hi.closed)):
        return None
    return lo, hi


def _same_at(p: Piece, lo: YBound, hi: YBound, x: Fraction) -> bool:
    """Whether piece ``p``'s sides, taken at ``x``, give the y-interval ``[lo(x), hi(x)]`` exactly."""
    return (p.lo.at(x), p.lo.closed, p.hi.at(x), p.hi.closed) == (lo.at(x), lo.closed, hi.at(x), hi.closed)


def solve_region2(n: BiLin, d: BiLin, iv: Interval, box: Box) -> list[Piece]:
    """The pieces of the box where ``L <= N/D <= H`` (per ``iv``), ordered by x; empty when nowhere."""
    sides = _sides(n, d, iv)
    cuts = {box.x0, box.x1}
    for g, _ in sides:
        if g.d != 0:
            cuts.add(-g.c / g.d)  # the bound flips or has its pole
        for y in (box.y0, box.y1):  # the bound meets a side of the box: (a + c y) + (b + d y) x = 0
            slope = g.b + g.d * y
            if slope != 0:
                cuts.add(-(g.a + g.c * y) / slope)
    xs = sorted(x for x in cuts if box.x0 <= x <= box.x1)
    pieces: list[Piece] = []
    for i, x in enumerate(xs):
        # the break point itself (a closed piece of width 0), then the open slab after it
        got = _bounds_at(sides, box, x)
        if got is not None:
            lo, hi = got
            last = pieces[-1] if pieces else None
            if last is not None and last.x_hi == x and not last.x_hi_closed and (
                    (last.lo, last.hi) == (lo, hi) or _same_at(last, lo, hi, x)):
                pieces[-1] = Piece(last.x_lo, x, last.lo, last.hi, last.x_lo_closed, True)
            else:
                pieces.append(Piece(x, x, lo, hi))
        if i + 1 == len(xs):
            break
        nxt = xs[i + 1]
        got = _bounds_at(sides, box, (x + nxt) / 2)
        if got is None:
            continue
        lo, hi = got
        last = pieces[-1] if pieces else None
        if last is not None and last.x_hi == x and last.x_hi_closed:
            if (last.lo, last.hi) == (lo, hi):
                pieces[-1] = Piece(last.x_lo, nxt, lo, hi, last.x_lo_closed, False)
                continue
            if last.x_lo == last.x_hi and _same_at(Piece(x, nxt, lo, hi), last.lo, last.hi, x):
                pieces[-1] = Piece(x, nxt, lo, hi, True, False)
                continue
        pieces.append(Piece(x, nxt, lo, hi, False, False))
    return pieces


def _curve_text(c: LinFrac, xname: str, fmt: Callable[[Fraction], str],
                unit: Callable[[Fraction], str] | None) -> str:
    """A side of a piece in words; ``unit`` formats y-values when y is not in x's unit (a volume)."""
    if c.b == 0 and c.d == 0:
        return (unit or fmt)(c.a / c.c)
    if c.d == 0:  # a straight line: p + q x
        p, q = c.a / c.c, c.b / c.c
        coef = unit(abs(q)) if unit else f"{float(abs(q)):.4g}"
        return f"{(unit or fmt)(p)} {'-' if q < 0 else '+'} {coef} × {xname}"
    k = c.c if c.c != 0 else c.d  # scale so the denominator reads "1 + ..." (or "... x")
    a, b, cc, d = c.a / k, c.b / k, c.c / k, c.d / k

    def terms(p: Fraction, q: Fraction, val: Callable[[Fraction], str]) -> str:
        out = val(p) if p else ""
        if q:
            coef = val(abs(q))
            out = (f"{out} {'-' if q < 0 else '+'} " if out else ("-" if q < 0 else "")) + f"{coef} × {xname}"
        return out or "0"

    def plain(v: Fraction) -> str:
        return f"{float(v):.4g}"
    return (f"({terms(a, b, unit or plain)}) / ({terms(cc, d, plain)})"
            + ("" if unit else " (shares as fractions)"))


def describe_pieces(pieces: list[Piece], box: Box, xname: str, yname: str,
                    fmt: Callable[[Fraction], str], fmt_y: Callable[[Fraction], str] | None = None) -> str:
    """Readable inequalities, one clause per piece: "input share <= 41% and cached share >= 30%".
    ``fmt`` prints x-values (and y-values in the same unit); ``fmt_y`` y-values in a unit of their own."""
    out = []
    for p in pieces:
        parts = []
        ge, le = (">=" if p.x_lo_closed else ">"), ("<=" if p.x_hi_closed else "<")
        full_lo, full_hi = p.x_lo == box.x0 and p.x_lo_closed, p.x_hi == box.x1 and p.x_hi_closed
        if p.x_lo == p.x_hi:
            parts.append(f"{xname} exactly {fmt(p.x_lo)}")
        elif not full_lo and not full_hi:
            parts.append(f"{xname} {ge} {fmt(p.x_lo)} and {le} {fmt(p.x_hi)}" if not (p.x_lo_closed and p.x_hi_closed)
                         else f"{xname} between {fmt(p.x_lo)} and {fmt(p.x_hi)}")
        elif not full_lo:
            parts.append(f"{xname} {ge} {fmt(p.x_lo)}")
        elif not full_hi:
            parts.append(f"{xname} {le} {fmt(p.x_hi)}")
        lo_free = p.lo.constant and p.lo.curve.a == box.y0
        hi_free = p.hi.constant and p.hi.curve.a == box.y1
        if not lo_free:
            parts.append(f"{yname} {'>=' if p.lo.closed else '>'} {_curve_text(p.lo.curve, xname, fmt, fmt_y)}")
        if not hi_free:
            parts.append(f"{yname} {'<=' if p.hi.closed else '<'} {_curve_text(p.hi.curve, xname, fmt, fmt_y)}")
        out.append(" and ".join(parts) or "anywhere")
    return "; or ".join(out)
