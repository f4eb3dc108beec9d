"""UTC instants and the exact Decimal context: the conventions every module shares."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, Inexact, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tokencost._exact import CHECKED, EXACT
from tokencost._time import UTC, day_start, fmt_instant, from_ticks, to_ticks, to_utc
from tokencost.errors import UnitError


def test_a_date_means_midnight_utc_and_a_naive_datetime_is_utc():
    assert to_utc(dt.date(2025, 3, 15)) == dt.datetime(2025, 3, 15, tzinfo=UTC)
    assert to_utc("2025-03-15") == dt.datetime(2025, 3, 15, tzinfo=UTC)
    assert to_utc(dt.datetime(2025, 3, 15, 16, 30)) == dt.datetime(2025, 3, 15, 16, 30, tzinfo=UTC)


def test_an_aware_time_is_converted_to_utc():
    # 01:30 at +02:00 is 23:30 UTC the day before
    assert to_utc("2025-03-16T01:30+02:00") == dt.datetime(2025, 3, 15, 23, 30, tzinfo=UTC)
    assert day_start("2025-03-16T01:30+02:00") == dt.datetime(2025, 3, 15, tzinfo=UTC)


def test_a_bad_date_is_a_unit_error_naming_it():
    with pytest.raises(UnitError, match="2024-13-45"):
        to_utc("2024-13-45")


def test_ticks_are_microseconds_and_reach_year_9999():
    t = dt.datetime(2025, 3, 15, 16, 30, 0, 123456, tzinfo=UTC)
    assert to_ticks(t) == 1_742_056_200_123_456 and from_ticks(to_ticks(t)) == t
    # int64 nanoseconds would have ended in 2262; microseconds need no clamping up to 9999
    far = dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    assert from_ticks(to_ticks(far)) == far


@given(st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)))
def test_to_ticks_and_from_ticks_are_inverse_to_the_microsecond(naive):
    t = naive.replace(tzinfo=UTC)
    assert from_ticks(to_ticks(t)) == t


def test_instants_read_as_dates_at_midnight_else_to_the_minute():
    assert fmt_instant(to_utc("2025-04-14")) == "2025-04-14"
    assert fmt_instant(to_utc("2025-03-01T12:00Z")) == "2025-03-01 12:00"


def test_the_exact_context_raises_where_a_result_would_round():
    with localcontext(EXACT):
        assert Decimal(3) * Decimal("2.50") == Decimal("7.50")
        with pytest.raises(Inexact):
            Decimal(1) / Decimal(3)


def test_the_checked_context_records_a_rounding_instead():
    with localcontext(CHECKED) as ctx:
        ctx.clear_flags()
        Decimal(1) / Decimal(3)
        assert ctx.flags[Inexact]
