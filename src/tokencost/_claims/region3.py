"""Exact regions in three free assumptions: where ``Q(x, y, z) = N / D`` lies in a stated interval.

With three shares free (or two shares and the volume) every price is *trilinear* -- affine in each
variable separately -- and so are ``N`` and ``D`` (``D > 0`` on the box). The set where the claim
holds, ``{p in box : L <= N(p) / D(p) <= H}``, is given three exact ways, all in Fractions:

* **its shadow on each axis** (``projection``): the values of one assumption at which *some* choice of
  the other two makes the claim hold. For a fixed value ``t`` of one variable, ``Q`` is monotone in each
  of the other two, so over their rectangle it takes every value between its four corner values and no
  other: the slice meets the interval exactly when the largest corner value reaches ``L`` and the
  smallest reaches ``H``. Each corner value is linear-fractional in ``t``, so the shadow is a union of
  intervals solved like a one-free claim -- exact, with no search.
* **any cross-section** ``x = t`` (``slice``): a bilinear problem in the other two, solved exactly by
  ``region2`` (polygons and hyperbola arcs).
* **membership** (``contains``): the quantity itself, evaluated exactly.

The boundary surfaces are not cut into cells: where two of them meet, the coordinates solve quadratic
equations, which need not be rational. The shadows and cross-sections need none of that.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .region import LinFrac, Region, solve_region
from .region2 import BiLin, Box, Piece, solve_region2
from .stated import Bound, Interval

__all__ = ["CORNERS", "Cube", "Solid", "TriLin", "corner_points", "intersect", "projection", "union", "value_range3"]

F0, F1 = Fraction(0), Fraction(1)
CORNERS = tuple((i, j, k) for i in (0, 1) for j in (0, 1) for k in (0, 1))


@dataclass(frozen=True, slots=True)
class TriLin:
    """``a + b x + c y + d z + e xy + f xz + g yz + h xyz``: coefficients in that order."""

    k: tuple[Fraction, Fraction, Fraction, Fraction, Fraction, Fraction, Fraction, Fraction]

    def __call__(self, x: Fraction, y: Fraction, z: Fraction) -> Fraction:
        a, b, c, d, e, f, g, h = self.k
        return (a + b * x) + (c + e * x) * y + ((d + f * x) + (g + h * x) * y) * z  # 7 products, not 12

    def at_corners(self, cube: Cube) -> list[Fraction]:
        """The values at the box's eight corners (``corner_points`` order), by fixing one variable at a
        time: 24 products instead of 56, fewer where an end is 0 or 1 (most shares' ranges)."""
        a, b, c, d, e, f, g, h = self.k
        out = []
        for x in (cube.lo[0], cube.hi[0]):
            p = (a, c, d, g) if x == 0 else (a + b, c + e, d + f, g + h) if x == 1 else \
                (a + b * x, c + e * x, d + f * x, g + h * x)  # (1, y, z, yz) coefficients at this x
            for y in (cube.lo[1], cube.hi[1]):
                u, w = (p[0], p[2]) if y == 0 else (p[0] + p[1], p[2] + p[3]) if y == 1 else \
                    (p[0] + p[1] * y, p[2] + p[3] * y)  # u + w z
                for z in (cube.lo[2], cube.hi[2]):
                    out.append(u if z == 0 else u + w if z == 1 else u + w * z)
        return out

    @classmethod
    def through(cls, v: dict[tuple[int, int, int], Fraction]) -> TriLin:
        """The trilinear function with values ``v[(i, j, k)]`` at the unit cube's corners."""
        a = v[0, 0, 0]
        b, c, d = v[1, 0, 0] - a, v[0, 1, 0] - a, v[0, 0, 1] - a
        e = v[1, 1, 0] - v[1, 0, 0] - v[0, 1, 0] + a
        f = v[1, 0, 1] - v[1, 0, 0] - v[0, 0, 1] + a
        g = v[0, 1, 1] - v[0, 1, 0] - v[0, 0, 1] + a
        h = v[1, 1, 1] - v[1, 1, 0] - v[1, 0, 1] - v[0, 1, 1] + v[1, 0, 0] + v[0, 1, 0] + v[0, 0, 1] - a
        return cls((a, b, c, d, e, f, g, h))

    @classmethod
    def of_plane(cls, p: BiLin) -> TriLin:
        """A bilinear function of (x, y), constant in z."""
        return cls((p.a, p.b, p.c, F0, p.d, F0, F0, F0))

    def times_z(self, p: Fraction, q: Fraction) -> TriLin:
        """This function (constant in z) times ``p + q z``: a volume scaling a price difference."""
        a, b, c, d, e, f, g, h = self.k
        assert d == f == g == h == 0, "times_z needs a function constant in z"
        return TriLin((a * p, b * p, c * p, a * q, e * p, b * q, c * q, e * q))

    def scale(self, s: Fraction) -> TriLin:
        return TriLin(tuple(x * s for x in self.k))  # type: ignore[arg-type]

    def minus(self, o: TriLin) -> TriLin:
        return TriLin(tuple(x - y for x, y in zip(self.k, o.k)))  # type: ignore[arg-type]

    def fix_x(self, x: Fraction) -> BiLin:
        """The cross-section at ``x``: a bilinear function of (y, z)."""
        a, b, c, d, e, f, g, h = self.k
        return BiLin(a + b * x, c + e * x, d + f * x, g + h * x)

    def along(self, axis: int, u: Fraction, w: Fraction) -> tuple[Fraction, Fraction]:
        """``(p, q)`` with the function ``= p + q t`` along ``axis``, the other two fixed at ``u``, ``w``
        (in axis order)."""
        a, b, c, d, e, f, g, h = self.k
        if axis == 0:  # u = y, w = z
            return a + c * u + d * w + g * u * w, b + e * u + f * w + h * u * w
        if axis == 1:  # u = x, w = z
            return a + b * u + d * w + f * u * w, c + e * u + g * w + h * u * w
        return a + b * u + c * w + e * u * w, d + f * u + g * w + h * u * w  # u = x, w = y


@dataclass(frozen=True, slots=True)
class Cube:
    """The box of three free assumptions: ``lo[i]`` .. ``hi[i]`` on axis ``i``."""

    lo: tuple[Fraction, Fraction, Fraction]
    hi: tuple[Fraction, Fraction, Fraction]

    def dom(self, axis: int) -> Region:
        return Region(self.lo[axis], self.hi[axis])

    def plane(self) -> Box:
        """The (y, z) rectangle of a cross-section at fixed x."""
        return Box(self.lo[1], self.hi[1], self.lo[2], self.hi[2])

    def contains(self, p: tuple[Fraction, Fraction, Fraction]) -> bool:
        return all(self.lo[i] <= p[i] <= self.hi[i] for i in range(3))


def value_range3(n: TriLin, d: TriLin, cube: Cube) -> tuple[Fraction, Fraction]:
    """Min and max of N/D on the box: monotone in each variable, so both are at corners."""
    vals = [n(*p) / d(*p) for p in corner_points(cube)]
    return min(vals), max(vals)


def corner_points(cube: Cube) -> list[tuple[Fraction, Fraction, Fraction]]:
    """The box's eight corners, in the order of ``CORNERS`` (0: the low end, 1: the high end)."""
    return [(cube.hi[0] if i else cube.lo[0], cube.hi[1] if j else cube.lo[1], cube.hi[2] if k else cube.lo[2])
            for i, j, k in CORNERS]


def union(regions: list[Region]) -> list[Region]:
    """Disjoint, ordered intervals covering exactly the given ones."""
    out: list[Region] = []
    for r in sorted(regions, key=lambda r: (r.lo, not r.lo_closed)):
        if out:
            last = out[-1]
            if r.lo < last.hi or (r.lo == last.hi and (last.hi_closed or r.lo_closed)):
                if r.hi > last.hi or (r.hi == last.hi and r.hi_closed):
                    out[-1] = Region(last.lo, r.hi, last.lo_closed, r.hi_closed or (r.hi == last.hi and last.hi_closed))
                continue
        out.append(r)
    return out


def intersect(a: list[Region], b: list[Region]) -> list[Region]:
    """The intervals in both (each list disjoint)."""
    out = []
    for r in a:
        for s in b:
            lo, lo_c = (r.lo, r.lo_closed) if (r.lo > s.lo or (r.lo == s.lo and not r.lo_closed)) else (s.lo, s.lo_closed)
            hi, hi_c = (r.hi, r.hi_closed) if (r.hi < s.hi or (r.hi == s.hi and not r.hi_closed)) else (s.hi, s.hi_closed)
            if lo < hi or (lo == hi and lo_c and hi_c):
                out.append(Region(lo, hi, lo_c, hi_c))
    return union(out)


def projection(n: TriLin, d: TriLin, iv: Interval, cube: Cube, axis: int) -> list[Region]:
    """The values of variable ``axis`` at which some point of the box with it meets ``iv``: exact
    intervals (empty when nowhere). See the module docstring for why the four corners decide."""
    lo, hi = iv.lo, iv.hi
    if lo.value is not None and hi.value is not None and (
            lo.value > hi.value or (lo.value == hi.value and not (lo.closed and hi.closed))):
        return []  # an empty interval: the corner argument below needs some value to reach
    others = [i for i in range(3) if i != axis]
    dom = cube.dom(axis)
    reach_lo: list[Region] = []  # where the largest corner value is >= L
    reach_hi: list[Region] = []  # where the smallest is <= H
    up = Interval(iv.lo, Bound(None))
    down = Interval(Bound(None), iv.hi)
    for i in (0, 1):
        for j in (0, 1):
            u = cube.hi[others[0]] if i else cube.lo[others[0]]
            w = cube.hi[others[1]] if j else cube.lo[others[1]]
            np_, nq = n.along(axis, u, w)
            dp, dq = d.along(axis, u, w)
            q = LinFrac(np_, nq, dp, dq)
            for want, acc in ((up, reach_lo), (down, reach_hi)):
                r = solve_region(q, want, dom)
                if r is not None:
                    acc.append(r)
    return intersect(union(reach_lo), union(reach_hi))


@dataclass(frozen=True)
class Solid:
    """Where a claim holds over three free assumptions, exactly: ``{p in cube : N(p)/D(p) in iv}``.

    ``shadows[i]`` is the projection on axis ``i`` (exact intervals); ``slice(t)`` the cross-section at
    ``x = t`` as ``region2`` pieces in (y, z); ``contains(p)`` the exact membership test.

        >>> one = TriLin((F1, F0, F0, F0, F0, F0, F0, F0))
        >>> s = Solid.solve(TriLin((F0, F1, F1, F1, F0, F0, F0, F0)), one,   # x + y + z in [2, 3]
        ...                 Interval(Bound(Fraction(2)), Bound(Fraction(3))), Cube((F0,) * 3, (F1,) * 3))
        >>> [(r.lo, r.hi) for r in s.shadows[0]]
        [(Fraction(0, 1), Fraction(1, 1))]
        >>> s.contains((F1, F1, F0)), s.contains((F0, F0, F1))
        (True, False)
    """

    n: TriLin
    d: TriLin
    iv: Interval
    cube: Cube
    shadows: tuple[list[Region], list[Region], list[Region]]

    @classmethod
    def solve(cls, n: TriLin, d: TriLin, iv: Interval, cube: Cube) -> Solid:
        return cls(n, d, iv, cube, (projection(n, d, iv, cube, 0), projection(n, d, iv, cube, 1),
                                    projection(n, d, iv, cube, 2)))

    @property
    def empty(self) -> bool:
        return not self.shadows[0]

    def contains(self, p: tuple[Fraction, Fraction, Fraction]) -> bool:
        return self.cube.contains(p) and self.iv.contains(self.n(*p) / self.d(*p))

    def slice(self, x: Fraction) -> list[Piece]:
        """The cross-section at ``x``: where (y, z) meet the interval, solved exactly in the plane."""
        return solve_region2(self.n.fix_x(x), self.d.fix_x(x), self.iv, self.cube.plane())
