"""The claim checker's integer fast paths give exactly what the plain Fraction formulas give."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from tokencost._claims.region import LinFrac, Region, value_range
from tokencost._claims.stated import Bound, Interval

fractions = st.fractions(min_value=-1000, max_value=1000, max_denominator=10**6)
shares = st.fractions(min_value=0, max_value=1, max_denominator=10**4)


@given(fractions, fractions, fractions, fractions, shares)
def test_a_linear_fractional_quantity_is_evaluated_exactly(a, b, c, d, s):
    q = LinFrac(a, b, c, d)
    den = c + d * s
    if den == 0:
        try:
            q(s)
        except ZeroDivisionError:
            return
        raise AssertionError("a zero denominator must raise")
    assert q(s) == (a + b * s) / den


@given(fractions, fractions, fractions, fractions, shares, shares)
def test_the_range_of_a_quantity_is_its_values_at_the_ends_in_order(a, b, c, d, x, y):
    lo, hi = min(x, y), max(x, y)
    if (c + d * lo) * (c + d * hi) <= 0:  # a pole or a zero cost inside: never a claim's quantity
        return
    q = LinFrac(a, b, c, d)
    v1, v2 = (a + b * lo) / (c + d * lo), (a + b * hi) / (c + d * hi)
    assert value_range(q, Region(lo, hi)) == (min(v1, v2), max(v1, v2))


@given(fractions, st.one_of(st.none(), fractions), st.one_of(st.none(), fractions), st.booleans(), st.booleans())
def test_an_interval_contains_exactly_the_values_the_fraction_comparisons_admit(x, lo, hi, lo_closed, hi_closed):
    iv = Interval(Bound(lo, lo_closed), Bound(hi, hi_closed))
    expected = (lo is None or x > lo or (x == lo and lo_closed)) and (hi is None or x < hi or (x == hi and hi_closed))
    assert iv.contains(x) == expected
    assert iv.contains(Fraction(x)) == expected
