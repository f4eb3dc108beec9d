"""Which components a provider's batch discount covers (data/prices.yaml policies), seen through request_cost.

Figures are worked by hand from the rates cited in data/prices.yaml:
gpt-5 $1.25 input / $0.125 cached input / $10 output per 1M, Batch 50% off all three (policy
openai-batch-gpt-5); gpt-4o $2.50 / $1.25 / $10, Batch 50% off input and output only
(openai-batch-2024-04).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc


def test_gpt5_batch_halves_cached_input_too():
    # 1M cached tokens x $0.125 x 0.5 = $0.0625 (was $0.125 when batch skipped cached input)
    assert tc.request_cost("gpt-5", input_tokens=1_000_000, output_tokens=0, cached_tokens=1_000_000,
                           batch=True, at="2025-09-01") == Decimal("0.0625")


def test_gpt5_batch_request_mixing_fresh_cached_and_output():
    # 600k fresh x $0.625 = 0.375; 400k cached x $0.0625 = 0.025; 1M output x $5 = 5  -> 5.400
    assert tc.request_cost("gpt-5", input_tokens=1_000_000, output_tokens=1_000_000, cached_tokens=400_000,
                           batch=True, at="2025-09-01") == Decimal("5.4")


def test_gpt4o_batch_still_leaves_cached_input_at_the_live_rate():
    # OpenAI's GPT-4o Batch table has no cached-input column: 1M cached x $1.25, undiscounted
    assert tc.request_cost("gpt-4o", input_tokens=1_000_000, output_tokens=0, cached_tokens=1_000_000,
                           batch=True, at="2025-09-01") == Decimal("1.25")


def test_gpt5_is_covered_by_its_own_batch_policy_only():
    cat = tc.load_catalog()
    res = cat.resolve("gpt-5", dt.datetime(2025, 9, 1, tzinfo=dt.UTC))
    batch, whence = cat.batch_for(res, dt.datetime(2025, 9, 1, tzinfo=dt.UTC))
    assert whence == "policy openai-batch-gpt-5"
    assert batch is not None and set(batch.applies_to) == {"input", "cached_input", "output"}
    general = next(p for p in cat.policies if p.id == "openai-batch-2024-04")
    assert not general.covers("gpt-5", "openai", dt.datetime(2025, 9, 1, tzinfo=dt.UTC))


@given(fresh=st.integers(0, 10**9), cached=st.integers(0, 10**9), output=st.integers(0, 10**9),
       day=st.dates(dt.date(2025, 8, 7), dt.date(2026, 12, 10)))  # gpt-5 shuts down on 2026-12-11
def test_gpt5_batch_costs_exactly_half_of_live_for_any_request(fresh, cached, output, day):
    live = tc.request_cost("gpt-5", fresh + cached, output, cached, at=day.isoformat())
    batch = tc.request_cost("gpt-5", fresh + cached, output, cached, at=day.isoformat(), batch=True)
    assert batch * 2 == live
