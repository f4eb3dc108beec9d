"""Exact regions in two free assumptions (bilinear N/D over a box): hand cases read as inequalities, the law that a
point is in the solved region exactly when the quantity there meets the stated interval, and exact
bounding boxes for each connected part."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tokencost._claims.region import fmt_pct
from tokencost._claims.region2 import (
    BiLin,
    Box,
    describe_exact,
    describe_region2,
    runs,
    solve_region2,
    value_range2,
)
from tokencost._claims.stated import Bound, Interval

F0, F1 = Fraction(0), Fraction(1)
UNIT = Box(F0, F1, F0, F1)
ONE = BiLin(Fraction(1), Fraction(0), Fraction(0), Fraction(0))


def test_a_sum_between_half_and_one_is_a_polygon_in_two_pieces_read_as_two_straight_lines():
    # Q = x + y in [1/2, 1]: y >= 1/2 - x up to x = 1/2, then y >= 0; always y <= 1 - x. The lower side is one
    # line where it matters (below the box's floor beyond x = 1/2), so it reads as one inequality
    q = BiLin(Fraction(0), Fraction(1), Fraction(1), Fraction(0))
    pieces = solve_region2(q, ONE, Interval(Bound(Fraction(1, 2)), Bound(Fraction(1))), UNIT)
    assert [(p.x_lo, p.x_hi, p.x_hi_closed) for p in pieces] == [(0, Fraction(1, 2), True), (Fraction(1, 2), 1, True)]
    assert describe_region2(pieces, UNIT, "input share", "cached share", fmt_pct) == (
        "cached share >= 50% - input share and cached share <= 100% - input share")
    assert describe_exact(pieces, "x", "y") == "0 <= x <= 1/2 and 1/2 - x <= y <= 1 - x; or 1/2 < x <= 1 and 0 <= y <= 1 - x"


def test_a_product_band_is_bounded_by_hyperbola_arcs_with_their_values_at_the_ends():
    # Q = x y in [1/10, 3/10]: y >= 1/10 / x (needs x >= 1/10: y <= 1) and y <= 3/10 / x (binding for x > 3/10)
    q = BiLin(Fraction(0), Fraction(0), Fraction(0), Fraction(1))
    pieces = solve_region2(q, ONE, Interval(Bound(Fraction(1, 10)), Bound(Fraction(3, 10))), UNIT)
    assert describe_region2(pieces, UNIT, "input share", "cached share", fmt_pct) == (
        "input share >= 10% and cached share >= 10% / input share (100% at input share 10%, falling to 10% at 100%) "
        "and cached share <= 30% / input share (100% at input share 10%, level until 30%, falling to 30% at 100%)")
    assert describe_exact(pieces, "x", "y") == (
        "1/10 <= x <= 3/10 and 1/10 / x <= y <= 1; or 3/10 < x <= 1 and 1/10 / x <= y <= 3/10 / x")
    (run,) = runs(pieces, UNIT)  # one connected part; its exact bounding box
    assert (run.x_lo, run.x_hi, run.y_lo, run.y_hi) == (Fraction(1, 10), 1, Fraction(1, 10), 1)


def test_two_separate_parts_are_two_clauses_each_with_its_bounding_box():
    # (x - 1/2)(y - 1/2) >= 1/16: two hyperbolic corners. For x < 1/2, y <= 1/2 - 1 / (16 (1/2 - x)) =
    # (3/8 - x) / (1 - 2x): 3/8 at x = 0, 0 at x = 3/8; mirrored for x > 1/2 (from 5/8 on)
    q = BiLin(Fraction(1, 4), Fraction(-1, 2), Fraction(-1, 2), Fraction(1))
    pieces = solve_region2(q, ONE, Interval(Bound(Fraction(1, 16)), Bound(None)), UNIT)
    assert describe_region2(pieces, UNIT, "input share", "cached share", fmt_pct) == (
        "input share <= 37.5% and cached share <= (37.5% - input share) / (1 - 2 × input share) (37.5% at input "
        "share 0%, falling to 0% at 37.5%); or input share >= 62.5% and cached share >= (37.5% - input share) / "
        "(1 - 2 × input share) (100% at input share 62.5%, falling to 62.5% at 100%)")
    assert [(r.x_lo, r.x_hi, r.y_lo, r.y_hi) for r in runs(pieces, UNIT)] == [
        (0, Fraction(3, 8), 0, Fraction(3, 8)), (Fraction(5, 8), 1, Fraction(5, 8), 1)]


def test_a_box_shaped_region_reads_as_two_plain_inequalities():
    # Q = x (y plays no part) in [0, 0.41] -> "input share <= 41%" and nothing about y
    q = BiLin(Fraction(0), Fraction(1), Fraction(0), Fraction(0))
    pieces = solve_region2(q, ONE, Interval(Bound(None), Bound(Fraction(41, 100))), UNIT)
    assert describe_region2(pieces, UNIT, "input share", "cached share", fmt_pct) == "input share <= 41%"


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
@example(Fraction(0), Fraction(0), Fraction(-1), Fraction(1), Fraction(1, 4), Fraction(0), Fraction(0), Fraction(0),
         Fraction(1), True, False, [(Fraction(1), Fraction(1, 2))] * 8)  # y (x - 1) >= 0: a pole that cancels at x = 1
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


@settings(max_examples=200, deadline=None)
@given(coef, coef, coef, coef, pos, st.fractions(min_value=0, max_value=1, max_denominator=5),
       st.fractions(min_value=0, max_value=1, max_denominator=5), coef, st.fractions(min_value=0, max_value=3),
       st.lists(share, min_size=6, max_size=6))
def test_each_part_lies_inside_its_bounding_box_and_its_ends_are_on_the_box(a, b, c, d, d0, d1, d2, lo, width, xs):
    n, den = BiLin(a, b, c, d), BiLin(d0, d1, d2, Fraction(0))
    pieces = solve_region2(n, den, Interval(Bound(lo), Bound(lo + width)), UNIT)
    for run in runs(pieces, UNIT):
        for x in xs + [run.x_lo, run.x_hi]:
            for p in run.pieces:
                if p.x_lo <= x <= p.x_hi:  # at a pole (an open end), the side's limit
                    assert run.y_lo <= p.lo.end_value(x, F0) and p.hi.end_value(x, F1) <= run.y_hi
        # the box is tight: its y-ends are values the sides take
        assert any(p.lo.end_value(x, F0) == run.y_lo for p in run.pieces for x in (p.x_lo, p.x_hi))
        assert any(p.hi.end_value(x, F1) == run.y_hi for p in run.pieces for x in (p.x_lo, p.x_hi))


@settings(max_examples=200, deadline=None)
@given(coef, coef, coef, coef, pos, st.fractions(min_value=0, max_value=1, max_denominator=5),
       st.fractions(min_value=0, max_value=1, max_denominator=5), coef, st.fractions(min_value=0, max_value=3),
       st.lists(share, min_size=6, max_size=6))
def test_a_side_printed_as_one_formula_is_that_formula_cut_at_the_box_everywhere_in_its_part(
        a, b, c, d, d0, d1, d2, lo, width, xs):
    from tokencost._claims.region2 import _one_curve
    n, den = BiLin(a, b, c, d), BiLin(d0, d1, d2, Fraction(0))
    pieces = solve_region2(n, den, Interval(Bound(lo), Bound(lo + width)), UNIT)
    for run in runs(pieces, UNIT):
        for which, edge, clip in (("lo", F0, max), ("hi", F1, min)):
            one = _one_curve(run, which, UNIT)
            if one is None:
                continue
            for p in run.pieces:
                side = p.lo if which == "lo" else p.hi
                for x in [x for x in xs if p.x_lo < x < p.x_hi] + [(p.x_lo + p.x_hi) / 2]:
                    assert side.at(x) == clip(edge, one.at(x)), (x, p)
