"""Reading volumes: the exact fast parser agrees with pint, and mixed per-request text reads clearly."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tokencost as tc
from tokencost._engine import units
from tokencost.errors import UnitError, WorkloadError

D = Decimal

TOKEN_UNITS = ["", "tokens", "token", "tok"]
PERIODS = ["s", "sec", "second", "seconds", "min", "minute", "minutes", "h", "hr", "hour", "hours", "d", "day",
           "days", "wk", "week", "weeks", "mo", "month", "months", "yr", "year", "years"]
REQUEST_UNITS = ["requests", "request", "req", "calls", "call"]
AMOUNTS = st.one_of(st.integers(0, 10**13).map(str),
                    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False).map(lambda d: f"{d:f}"),
                    st.tuples(st.integers(1, 999), st.sampled_from("kMBT")).map(lambda t: f"{t[0]}{t[1]}"))


@settings(max_examples=150, deadline=None)
@given(AMOUNTS, st.sampled_from(TOKEN_UNITS), st.sampled_from(PERIODS))
def test_the_fast_volume_parser_gives_what_pint_gives(amount, unit, period):
    text = f"{amount} {unit}/{period}" if unit else f"{amount}/{period}"
    assert units._fast_volume(text) == units._pint_volume(text, text)


@settings(max_examples=80, deadline=None)
@given(AMOUNTS, st.sampled_from(REQUEST_UNITS), st.sampled_from(PERIODS), AMOUNTS, st.sampled_from(TOKEN_UNITS))
def test_the_fast_parser_reads_requests_times_tokens_as_pint_does(n, req, period, per, tok):
    text = f"{n} {req}/{period} x {per} {tok}".strip()
    assert units._fast_volume(text) == units._pint_volume(text, text)


def test_a_plain_volume_is_read_without_importing_pint():
    code = ("import sys, tokencost as tc; v = tc.Workload(tokens='100M/day', input_share='0.8'); "
            "print(v.tokens, 'pint' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["100,000,000", "tokens/day", "False"]


def test_fifty_million_a_week_is_exactly_fifty_million_sevenths_a_day():
    v = tc.parse_volume("50M tokens/week")
    assert (v.per, v.fraction()) == ("day", Fraction(50_000_000, 7))


def test_per_request_input_and_output_split_into_two_volumes():
    assert units.split_per_request("2500 requests/day x 4k prompt + 500 output tokens") == (
        "2500 requests/day x 4k tokens", "2500 requests/day x 500 tokens")
    assert units.split_per_request("100M/day") is None


def test_a_workload_reads_per_request_input_and_output():
    # 2,500/day x 4,000 = 10M input tokens a day, 2,500 x 500 = 1.25M output; prompt 4,000 picks the tier
    w = tc.Workload(tokens="2500 requests/day x 4k prompt + 500 output tokens")
    assert (w.input.tokens, w.output.tokens, w.prompt_tokens) == (D(10_000_000), D(1_250_000), 4000)
    # gpt-4o 2024-10-02: 300M x $2.50 + 37.5M x $10 = $750 + $375
    assert tc.monthly_cost(w, "gpt-4o", at="2025-03-01").total == D(1125)


def test_a_per_request_mix_with_an_input_share_is_a_clear_error():
    with pytest.raises(WorkloadError, match="already gives input and output"):
        tc.Workload(tokens="2500 requests/day x 4k prompt + 500 output tokens", input_share="0.8")


def test_a_mixed_volume_given_as_one_volume_says_why_not_pint_internals():
    with pytest.raises(UnitError) as ei:
        tc.parse_volume("2500 requests/day x 4k prompt + 500 output tokens")
    assert "input and output per request" in str(ei.value)
    assert "ParserHelper" not in str(ei.value)


def test_an_unknown_unit_names_the_forms_a_volume_takes():
    with pytest.raises(UnitError) as ei:
        tc.parse_volume("2500 requests/day x 4k bananas")
    assert "'bananas'" in str(ei.value) and "100M/day" in str(ei.value)


def test_an_input_share_of_eight_ninths_stays_exact():
    # 90M/day x 30 = 2,700M tokens; 8/9 of them = 2,400M input x $2.50 + 300M output x $10 = $6,000 + $3,000
    w = tc.Workload(tokens="90M/day", input_share="8/9")
    assert w.input_share == Fraction(8, 9)
    assert tc.monthly_cost(w, "gpt-4o", at="2025-03-01").total == D(9000)


def test_a_fraction_with_a_finite_decimal_form_becomes_that_decimal():
    assert tc.Workload(tokens="90M/day", input_share="4/5").input_share == D("0.8")


@pytest.mark.parametrize("share", ["9/8", "1/0"])
def test_a_fraction_outside_zero_to_one_is_a_workload_error(share):
    with pytest.raises(WorkloadError, match="input_share"):
        tc.Workload(tokens="90M/day", input_share=share)
