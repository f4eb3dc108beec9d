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
from itertools import pairwise
from typing import Callable

from .region import LinFrac
from .stated import Interval

__all__ = ["BiLin", "Box", "Piece", "Run", "YBound", "describe_exact", "describe_region2", "runs",
           "solve_region2", "value_range2"]

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
        c = self.curve
        if c.d != 0 and c.c + c.d * x == 0 and c.a + c.b * x == 0:
            return c.b / c.d  # numerator and denominator share the root: the curve is this constant
        return c(x)

    def end_value(self, x: Fraction, edge: Fraction) -> Fraction:
        """The side's value at ``x``, where it may be an open end of the piece at the curve's pole: there
        the limit -- finite when the pole cancels (``0 / (x - x0)``-like), else beyond the box, so the
        box's ``edge`` on this side."""
        c = self.curve
        num, den = c.a + c.b * x, c.c + c.d * x
        if den != 0:
            return num / den
        if num == 0 and c.d != 0:
            return c.b / c.d
        return edge

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
    try:
        p.lo.at(x), p.hi.at(x)
    except ZeroDivisionError:  # a side's pole: it runs off the box there, unlike a finite interval
        return False
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


def _normal(c: LinFrac) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    """(a, b, c, d) of ``(a + b x) / (c + d x)`` scaled so the denominator reads ``1 + d x`` (or ``x``)."""
    k = c.c if c.c != 0 else c.d
    return c.a / k, c.b / k, c.c / k, c.d / k


def _terms(p: Fraction, q: Fraction, xname: str, val: Callable[[Fraction], str]) -> str:
    """``p + q x`` in words: "50% - input share", "30% - 20% × input share", "0.5 × input share"."""
    out = val(p) if p else ""
    if q:
        coef = "" if abs(q) == 1 else f"{val(abs(q))} × "
        out = (f"{out} {'-' if q < 0 else '+'} " if out else ("-" if q < 0 else "")) + f"{coef}{xname}"
    return out or val(F0)


def _plain(v: Fraction) -> str:
    return f"{float(v):.4g}"


def _curve_text(c: LinFrac, xname: str, fmt: Callable[[Fraction], str],
                unit: Callable[[Fraction], str] | None) -> str:
    """A side of a piece in words, rounded for display: the numerator in y's unit (``unit`` when y is a
    volume, else ``fmt``: a share as a percent), the denominator a plain number; shares read as
    fractions of 1 in the formula ("(30% - 20% × input share) / (1 + 0.5 × input share)")."""
    y = unit or fmt
    a, b, cc, d = _normal(c)
    if d == 0:
        return _terms(a, b, xname, y)
    num = _terms(a, b, xname, y)
    num = num if not (a and b) else f"({num})"
    den = xname if cc == 0 and d == 1 else f"({_terms(cc, d, xname, _plain)})"
    return f"{num} / {den}"


# -- readable descriptions: one clause per connected run of the region -----------------------------------
@dataclass(frozen=True, slots=True)
class Run:
    """Pieces that follow each other over an unbroken range of x: one connected part of the region.

    ``x_lo``..``x_hi`` and ``y_lo``..``y_hi`` are its exact bounding box (Fractions)."""

    pieces: tuple[Piece, ...]
    box: Box

    @property
    def x_lo(self) -> Fraction:
        return self.pieces[0].x_lo

    @property
    def x_hi(self) -> Fraction:
        return self.pieces[-1].x_hi

    @property
    def y_lo(self) -> Fraction:
        return min(v for _, v in _knots(self, "lo", self.box))

    @property
    def y_hi(self) -> Fraction:
        return max(v for _, v in _knots(self, "hi", self.box))


def runs(pieces: list[Piece], box: Box) -> list[Run]:
    """The region's connected runs: pieces that meet at a shared x (one of them closed there)."""
    out: list[list[Piece]] = []
    for p in pieces:
        if out and out[-1][-1].x_hi == p.x_lo and (out[-1][-1].x_hi_closed or p.x_lo_closed):
            out[-1].append(p)
        else:
            out.append([p])
    return [Run(tuple(r), box) for r in out]


def _side(p: Piece, which: str) -> YBound:
    return p.lo if which == "lo" else p.hi


def _knots(run: Run, which: str, box: Box) -> list[tuple[Fraction, Fraction]]:
    """The side's value at each end of each piece (x ascending): a linear-fractional side has no pole
    inside its slab (the pole is a break point), so it is monotone between two knots and the knots
    hold its extremes exactly."""
    out: list[tuple[Fraction, Fraction]] = []
    edge = box.y0 if which == "lo" else box.y1
    for p in run.pieces:
        b = _side(p, which)
        for x in ((p.x_lo,) if p.x_lo == p.x_hi else (p.x_lo, p.x_hi)):
            v = b.end_value(x, edge)
            if not out or out[-1] != (x, v):
                out.append((x, v))
    return out


def _one_curve(run: Run, which: str, box: Box) -> YBound | None:
    """The single bound ``y >= C(x)`` (or ``<=``) that gives this side over the whole run, where the
    side is one curve C on some pieces and the box's edge on the others (C beyond the edge there)."""
    edge = box.y0 if which == "lo" else box.y1
    curves = {_side(p, which).curve for p in run.pieces if not _is_edge(_side(p, which), edge)}
    if len(curves) != 1:
        return None
    (c,) = curves
    closed = {_side(p, which).closed for p in run.pieces if not _is_edge(_side(p, which), edge)}
    if len(closed) != 1:
        return None
    c_closed = closed.pop()
    for p in run.pieces:
        if not _is_edge(_side(p, which), edge):
            continue
        for x in (p.x_lo, p.x_hi):
            if c.c + c.d * x == 0:
                return None  # its pole: not one curve through this piece
            v = c(x)
            if (which == "lo" and v > edge) or (which == "hi" and v < edge):
                return None
            ends_in = (x == p.x_lo and p.x_lo_closed) or (x == p.x_hi and p.x_hi_closed)
            if v == edge and ends_in and not c_closed:
                return None  # the edge is in the region there, but the strict curve would leave it out
        if c.d != 0 and (p.x_lo < -c.c / c.d < p.x_hi):
            return None
    return YBound(c, c_closed)


def _is_edge(b: YBound, edge: Fraction) -> bool:
    return b.constant and b.curve.a / b.curve.c == edge


def _ends_text(knots: list[tuple[Fraction, Fraction]], xname: str, fmt: Callable[[Fraction], str],
               fmt_y: Callable[[Fraction], str]) -> str:
    """ "55% at input share 12%, falling to 30% at 41%": the side at its ends and turning points, left to right."""
    def sign(d: Fraction) -> int:
        return (d > 0) - (d < 0)
    pts = [knots[0]]
    for k in range(1, len(knots) - 1):
        if sign(knots[k][1] - knots[k - 1][1]) != sign(knots[k + 1][1] - knots[k][1]):
            pts.append(knots[k])
    if len(knots) > 1:
        pts.append(knots[-1])
    out = f"{fmt_y(pts[0][1])} at {xname} {fmt(pts[0][0])}"
    for (_, v0), (x, v) in pairwise(pts):
        out += (f", rising to {fmt_y(v)} at {fmt(x)}" if v > v0 else f", falling to {fmt_y(v)} at {fmt(x)}"
                if v < v0 else f", level until {fmt(x)}")
    return out


def _x_clause(run: Run, box: Box, xname: str, fmt: Callable[[Fraction], str]) -> str:
    first, last = run.pieces[0], run.pieces[-1]
    lo_c, hi_c = first.x_lo_closed, last.x_hi_closed
    full_lo, full_hi = run.x_lo == box.x0 and lo_c, run.x_hi == box.x1 and hi_c
    ge, le = (">=" if lo_c else ">"), ("<=" if hi_c else "<")
    if run.x_lo == run.x_hi:
        return f"{xname} exactly {fmt(run.x_lo)}"
    if not full_lo and not full_hi:
        if lo_c and hi_c:
            return f"{xname} between {fmt(run.x_lo)} and {fmt(run.x_hi)}"
        return f"{xname} {ge} {fmt(run.x_lo)} and {le} {fmt(run.x_hi)}"
    if not full_lo:
        return f"{xname} {ge} {fmt(run.x_lo)}"
    if not full_hi:
        return f"{xname} {le} {fmt(run.x_hi)}"
    return ""


def describe_region2(pieces: list[Piece], box: Box, xname: str, yname: str, fmt: Callable[[Fraction], str],
                     fmt_y: Callable[[Fraction], str] | None = None) -> str:
    """Readable inequalities, one clause per connected run, values rounded for display by ``fmt``.

    A side that is one constant reads "cached share >= 30%"; one straight line, "cached share >= 50% -
    1.5 × input share"; one curve (a hyperbola arc where the two assumptions interact), its formula
    with rounded coefficients and its values at the run's ends; a side made of several curves, its
    values at the ends and turning points ("cached share >= 55% at input share 12%, falling to 30% at
    41%"). The run's x-range comes first: with the sides' end values it is the run's bounding box.
    ``describe_exact`` gives the same region with exact Fractions."""
    fy = fmt_y or fmt
    out = []
    for run in runs(pieces, box):
        parts = [c for c in (_x_clause(run, box, xname, fmt),) if c]
        for which, edge, op in (("lo", box.y0, ">"), ("hi", box.y1, "<")):
            sides = [_side(p, which) for p in run.pieces]
            if all(_is_edge(b, edge) for b in sides):
                continue
            one = _one_curve(run, which, box)
            rel = f"{op}=" if (one.closed if one is not None else all(b.closed for b in sides)) else op
            if one is not None and (one.constant or one.curve.d == 0):
                parts.append(f"{yname} {rel} {_curve_text(one.curve, xname, fmt, fmt_y)}")
                continue
            knots = _knots(run, which, box)
            ends = _ends_text(knots, xname, fmt, fy)
            if one is not None:
                parts.append(f"{yname} {rel} {_curve_text(one.curve, xname, fmt, fmt_y)} ({ends})")
            elif len({v for _, v in knots}) == 1:
                parts.append(f"{yname} {rel} {fy(knots[0][1])}")
            else:
                parts.append(f"{yname} {rel} {ends}")
        out.append(" and ".join(parts) or "anywhere")
    return "; or ".join(out)


def _exact_curve(c: LinFrac, xname: str) -> str:
    a, b, cc, d = _normal(c)
    num = _terms(a, b, xname, str)
    if d == 0:
        return num
    num = num if not (a and b) else f"({num})"
    return f"{num} / {xname}" if cc == 0 and d == 1 else f"{num} / ({_terms(cc, d, xname, str)})"


def describe_exact(pieces: list[Piece], xname: str, yname: str) -> str:
    """The region exactly, piece by piece, with the values as Fractions (shares as fractions of 1, a
    volume in tokens): "1/2 <= x <= 1 and y >= (-1/2 + 1·x) / (1 + 0·x)"; what the readable text rounds."""
    out = []
    for p in pieces:
        lo_op, hi_op = ("<=" if p.x_lo_closed else "<"), ("<=" if p.x_hi_closed else "<")
        xs = (f"{xname} = {p.x_lo}" if p.x_lo == p.x_hi else f"{p.x_lo} {lo_op} {xname} {hi_op} {p.x_hi}")
        ys = (f"{_exact_curve(p.lo.curve, xname)} {'<=' if p.lo.closed else '<'} {yname} "
              f"{'<=' if p.hi.closed else '<'} {_exact_curve(p.hi.curve, xname)}")
        out.append(f"{xs} and {ys}")
    return "; or ".join(out)
