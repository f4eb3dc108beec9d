"""Exact regions in three free assumptions (trilinear N/D over a box): hand cases, and the laws that tie
the three exact views together -- a shadow on an axis is exactly where the cross-section there is not
empty, and every point that holds casts its shadow."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from tokencost._claims.region import Region
from tokencost._claims.region2 import describe_exact
from tokencost._claims.region3 import Cube, Solid, TriLin, corner_points, intersect, union, value_range3
from tokencost._claims.stated import Bound, Interval

F0, F1 = Fraction(0), Fraction(1)
UNIT = Cube((F0, F0, F0), (F1, F1, F1))
ONE = TriLin((F1, F0, F0, F0, F0, F0, F0, F0))
XYZ = TriLin((F0, F0, F0, F0, F0, F0, F0, F1))


def test_a_product_of_three_shares_at_least_an_eighth():
    # x y z >= 1/8 on the unit cube: each variable must be >= 1/8 (the others at 1), and at x = 1/2 the
    # cross-section is y z >= 1/4: y >= 1/4 and z >= 1/4 / y
    s = Solid.solve(XYZ, ONE, Interval(Bound(Fraction(1, 8)), Bound(None)), UNIT)
    assert [[(r.lo, r.lo_closed, r.hi) for r in sh] for sh in s.shadows] == [[(Fraction(1, 8), True, 1)]] * 3
    assert describe_exact(s.slice(Fraction(1, 2)), "y", "z") == "1/4 <= y <= 1 and 1/4 / y <= z <= 1"
    assert s.contains((Fraction(1, 2), Fraction(1, 2), Fraction(1, 2)))
    assert not s.contains((Fraction(1, 2), Fraction(1, 2), Fraction(49, 100)))
    assert value_range3(XYZ, ONE, UNIT) == (0, 1)


def test_a_strict_band_keeps_the_open_ends_of_its_shadow():
    # x + y z in (1/4, 1/2) with y, z in [0, 1/10]: y z is 0..1/100, so x in (1/4 - 1/100, 1/2), open at both ends
    q = TriLin((F0, F1, F0, F0, F0, F0, F1, F0))
    cube = Cube((F0, F0, F0), (F1, Fraction(1, 10), Fraction(1, 10)))
    s = Solid.solve(q, ONE, Interval(Bound(Fraction(1, 4), False), Bound(Fraction(1, 2), False)), cube)
    assert [(r.lo, r.lo_closed, r.hi, r.hi_closed) for r in s.shadows[0]] == [
        (Fraction(6, 25), False, Fraction(1, 2), False)]


def test_unions_and_intersections_keep_open_and_closed_ends():
    a = union([Region(F0, Fraction(1, 3), True, False), Region(Fraction(1, 3), Fraction(1, 2), True, True),
               Region(Fraction(3, 4), F1, False, True)])
    assert a == [Region(F0, Fraction(1, 2), True, True), Region(Fraction(3, 4), F1, False, True)]
    assert intersect(a, [Region(Fraction(1, 2), Fraction(3, 4), True, True)]) == [
        Region(Fraction(1, 2), Fraction(1, 2), True, True)]
    # touching only at a point that neither contains: nothing
    assert intersect([Region(F0, Fraction(1, 2), True, False)], [Region(Fraction(1, 2), F1, True, True)]) == []


coef = st.fractions(min_value=-4, max_value=4, max_denominator=5)
share = st.fractions(min_value=0, max_value=1, max_denominator=7)


@settings(max_examples=150, deadline=None)
@given(st.lists(coef, min_size=8, max_size=8), st.fractions(min_value=Fraction(1, 4), max_value=3, max_denominator=4),
       st.lists(st.fractions(min_value=0, max_value=2, max_denominator=3), min_size=3, max_size=3),
       coef, st.fractions(min_value=0, max_value=3, max_denominator=4), st.booleans(), st.booleans(),
       st.lists(st.tuples(share, share, share), min_size=6, max_size=6))
def test_the_shadow_is_exactly_where_a_cross_section_holds_and_every_holding_point_casts_one(
        ks, d0, ds, lo, width, lo_closed, hi_closed, points):
    n = TriLin(tuple(ks))  # type: ignore[arg-type]
    d = TriLin((d0, ds[0], ds[1], ds[2], F0, F0, F0, F0))  # positive on the unit cube: a price
    iv = Interval(Bound(lo, lo_closed), Bound(lo + width, hi_closed))
    s = Solid.solve(n, d, iv, UNIT)

    def within(t: Fraction, shadow: list[Region]) -> bool:
        return any(r.contains(t) for r in shadow)
    # the shadow on x, solved from corner values, against the plane solved at that x by region2
    ends = [e for r in s.shadows[0] for e in (r.lo, r.hi)]
    for x in [p[0] for p in points] + ends + [F0, F1]:
        assert bool(s.slice(x)) == within(x, s.shadows[0]), x
    for p in points:
        if s.contains(p):
            assert all(within(p[i], s.shadows[i]) for i in range(3)), p
    # and a point a cross-section says holds does hold
    for x in [p[0] for p in points[:2]]:
        for piece in s.slice(x):
            y = piece.x_lo if piece.x_lo_closed else (piece.x_lo + piece.x_hi) / 2
            z = piece.lo.at(y) if piece.lo.closed else piece.hi.at(y)
            if piece.hi.closed or z != piece.hi.at(y):
                assert s.contains((x, y, z)), (x, y, z)


@settings(max_examples=100, deadline=None)
@given(st.lists(coef, min_size=8, max_size=8), st.lists(st.tuples(share, share), min_size=3, max_size=3))
def test_values_at_the_corners_taken_one_variable_at_a_time_are_the_function_s_values(ks, ends):
    f = TriLin(tuple(ks))  # type: ignore[arg-type]
    cube = Cube(tuple(min(e) for e in ends), tuple(max(e) for e in ends))  # type: ignore[arg-type]
    assert f.at_corners(cube) == [f(*p) for p in corner_points(cube)]
