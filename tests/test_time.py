"""UTC instants and the exact Decimal context: the conventions every module shares."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, Inexact, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tokencost._exact import CHECKED, EXACT
from tokencost._time import UTC, day_start, fmt_instant, from_ns, to_ns, to_utc
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


def test_nanoseconds_round_trip_and_far_dates_clamp_into_int64():
    t = dt.datetime(2025, 3, 15, 16, 30, 0, 123456, tzinfo=UTC)
    assert to_ns(t) == 1_742_056_200_123_456_000 and from_ns(to_ns(t)) == t
    assert to_ns(dt.datetime(9999, 12, 31, tzinfo=UTC)) == 2**63 - 1


@given(st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1)))
def test_to_ns_and_from_ns_are_inverse_to_the_microsecond(naive):
    t = naive.replace(tzinfo=UTC)
    assert from_ns(to_ns(t)) == t


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
