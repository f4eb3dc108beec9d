"""Exact regions in two free assumptions (bilinear N/D over a box): hand cases and the law that a
point is in the solved region exactly when the quantity there meets the stated interval."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from tokencost._claims.region import fmt_pct
from tokencost._claims.region2 import BiLin, Box, describe_pieces, solve_region2, value_range2
from tokencost._claims.stated import Bound, Interval

UNIT = Box(Fraction(0), Fraction(1), Fraction(0), Fraction(1))
ONE = BiLin(Fraction(1), Fraction(0), Fraction(0), Fraction(0))


def test_a_sum_between_half_and_one_is_a_polygon_in_two_pieces():
    # Q = x + y in [1/2, 1]: y >= 1/2 - x up to x = 1/2, then y >= 0; always y <= 1 - x
    q = BiLin(Fraction(0), Fraction(1), Fraction(1), Fraction(0))
    pieces = solve_region2(q, ONE, Interval(Bound(Fraction(1, 2)), Bound(Fraction(1))), UNIT)
    assert [(p.x_lo, p.x_hi, p.x_hi_closed) for p in pieces] == [(0, Fraction(1, 2), True), (Fraction(1, 2), 1, True)]
    assert describe_pieces(pieces, UNIT, "input share", "cached share", fmt_pct) == (
        "input share <= 50% and cached share >= 50% - 1 × input share and cached share <= 100% - 1 × input share"
        "; or input share > 50% and cached share <= 100% - 1 × input share")


def test_a_box_shaped_region_reads_as_two_plain_inequalities():
    # Q = x (y plays no part) in [0, 0.41] -> "input share <= 41%" and nothing about y
    q = BiLin(Fraction(0), Fraction(1), Fraction(0), Fraction(0))
    pieces = solve_region2(q, ONE, Interval(Bound(None), Bound(Fraction(41, 100))), UNIT)
    assert describe_pieces(pieces, UNIT, "input share", "cached share", fmt_pct) == "input share <= 41%"


def test_the_value_range_is_at_the_corners():
    # (1 + x y) / (1 + x): at (1, 0) 1/2, at (0, y) 1, at (1, 1) 1
    n, d = BiLin(Fraction(1), Fraction(0), Fraction(0), Fraction(1)), BiLin(Fraction(1), Fraction(1), Fraction(0),
                                                                                Fraction(0))
    assert value_range2(n, d, UNIT) == (Fraction(1, 2), Fraction(1))


coef = st.fractions(min_value=-5, max_value=5, max_denominator=7)
pos = st.fractions(min_value=Fraction(1, 4), max_value=5, max_denominator=7)
share = st.fractions(min_value=0, max_value=1, max_denominator=9)


@settings(max_examples=300, deadline=None)
@given(coef, coef, coef, coef, pos, st.fractions(min_value=0, max_value=1, max_denominator=5),
       st.fractions(min_value=0, max_value=1, max_denominator=5), coef, st.fractions(min_value=0, max_value=3),
       st.booleans(), st.booleans(), st.lists(st.tuples(share, share), min_size=8, max_size=8))
def test_a_point_is_in_the_solved_region_exactly_when_the_quantity_meets_the_interval(
        a, b, c, d, d0, d1, d2, lo, width, lo_closed, hi_closed, points):
    n = BiLin(a, b, c, d)
    den = BiLin(d0, d1, d2, Fraction(0))  # positive on the unit box: a price
    iv = Interval(Bound(lo, lo_closed), Bound(lo + width, hi_closed))
    pieces = solve_region2(n, den, iv, UNIT)
    corners = [(Fraction(x), Fraction(y)) for x in (0, 1) for y in (0, 1)]
    for x, y in points + corners + [(p.x_lo, Fraction(1, 2)) for p in pieces]:
        inside = any(p.contains(x, y) for p in pieces)
        assert inside == iv.contains(n(x, y) / den(x, y)), (x, y, pieces)
