"""Official vendor list prices in CNY next to the USD ones, and the lifecycle of retired models, through the public
API, by hand.

CNY requests are the same as in test_provider_prices.py: 100,000 prompt tokens of which 20,000 are cache reads, and
10,000 output tokens, priced on 2026-12-01 at 12:00 UTC, so per million-token rates in, cached and out:

    cost = 0.08 x in + 0.02 x cached + 0.01 x out           (80,000 fresh + 20,000 cached + 10,000 output)

Each expected total is that arithmetic on the CNY rates quoted from the vendor's page (in the comment).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tokencost as tc

AT = "2026-12-01T12:00:00Z"

# model, expected CNY, the hand computation on the vendor page's CNY list price
CNY_CASES = [
    ("GLM-5.3", "0.96"),            # 8 / 2 / 28: 0.64 + 0.04 + 0.28
    ("GLM-5.3-Flash", "0.0966"),    # list 0.8 / 0.23 / 2.8: 0.064 + 0.0046 + 0.028
    ("MiniMax-M2.7", "0.2604"),     # 2.1 / 0.42 / 8.4: 0.168 + 0.0084 + 0.084
    ("kimi-k3", "2.64"),            # 20 / 2 / 100: 1.6 + 0.04 + 1.0
]


@pytest.mark.filterwarnings("ignore::Warning")
@pytest.mark.parametrize(("model", "expected"), CNY_CASES, ids=[c[0] for c in CNY_CASES])
def test_mainland_cny_list_price_of_chinese_providers_by_hand(model, expected):
    got = tc.request_cost(model, input_tokens=100_000, output_tokens=10_000, cached_tokens=20_000, at=AT,
                          currency="CNY")
    assert got == Decimal(expected)


@pytest.mark.filterwarnings("ignore::Warning")
def test_without_a_currency_the_international_usd_offer_is_priced_not_the_cny_one():
    # GLM-5.3 on Z.ai: 1.4 / 0.26 / 4.4 USD -> 0.112 + 0.0052 + 0.044 = 0.1612 (the CNY offer would be 0.96 CNY)
    cat = tc.load_catalog()
    assert cat.price("GLM-5.3", at=AT).currency == "USD"
    assert cat.price("GLM-5.3", at=AT, currency="CNY").id == "bigmodel-cny-2026-08-19"
    got = tc.request_cost("GLM-5.3", input_tokens=100_000, output_tokens=10_000, cached_tokens=20_000, at=AT)
    assert got == Decimal("0.1612")


@pytest.mark.filterwarnings("ignore::Warning")
def test_glm_5_3_flash_cny_list_price_starts_when_the_launch_discount_ended():
    # The discount ended 2026-09-09 24:00 Beijing time = 16:00 UTC; the discounted prices have no start date, so
    # before that instant there is no CNY price rather than the list price.
    cat = tc.load_catalog()
    assert cat.price("GLM-5.3-Flash", at="2026-09-09T16:00:00Z", currency="CNY").rates.input == Decimal("0.8")
    with pytest.raises(tc.errors.NoPriceError):
        cat.price("GLM-5.3-Flash", at="2026-09-09T15:59:59Z", currency="CNY")


@pytest.mark.filterwarnings("ignore::Warning")
def test_minimax_cny_list_price_is_seven_times_the_usd_one_on_every_unit():
    cat = tc.load_catalog()
    usd, cny = cat.price("MiniMax-M2.7", at=AT), cat.price("MiniMax-M2.7", at=AT, currency="CNY")
    for unit in ("input", "cached_input", "cache_write", "output"):
        assert getattr(cny.rates, unit) == 7 * getattr(usd.rates, unit), unit


@pytest.mark.filterwarnings("ignore::Warning")
def test_a_cny_price_without_a_cache_write_rate_refuses_cache_writes_instead_of_charging_nothing():
    with pytest.raises(tc.errors.MissingRateError):
        tc.request_cost("kimi-k3", input_tokens=100_000, output_tokens=10_000, cache_write_tokens=20_000, at=AT,
                        currency="CNY")


@pytest.mark.filterwarnings("ignore::Warning")
def test_qwen_turbo_beijing_cny_price_by_hand():
    # 0.0003 / 0.0006 CNY per thousand = 0.3 / 0.6 per million, no cache-read rate, so no cache reads:
    # 0.1 x 0.3 + 0.01 x 0.6 = 0.03 + 0.006 = 0.036 CNY; the USD offer 0.05 / 0.2: 0.005 + 0.002 = 0.007 USD
    cny = tc.request_cost("qwen-turbo", input_tokens=100_000, output_tokens=10_000, at=AT, currency="CNY")
    usd = tc.request_cost("qwen-turbo", input_tokens=100_000, output_tokens=10_000, at=AT)
    assert (cny, usd) == (Decimal("0.036"), Decimal("0.007"))


# Lifecycle: after the vendor's shutdown instant a price is an error naming the date (and the successor where the
# vendor names one), never the last list price.

@pytest.mark.filterwarnings("ignore::Warning")
def test_gemini_3_pro_preview_is_priced_until_its_shutdown_then_names_gemini_3_1_pro_preview():
    # 2 / 0.2 / 12 on the day before: 0.16 + 0.004 + 0.12 = 0.284
    before = tc.request_cost("gemini-3-pro-preview", input_tokens=100_000, output_tokens=10_000, cached_tokens=20_000,
                             at="2026-03-08T23:59:59Z")
    assert before == Decimal("0.284")
    with pytest.raises(tc.errors.RetiredModelError) as exc:
        tc.request_cost("gemini-3-pro-preview", input_tokens=100_000, output_tokens=10_000, at="2026-03-09")
    assert "gemini-3.1-pro-preview" in str(exc.value) and "2026-03-09" in str(exc.value)


@pytest.mark.filterwarnings("ignore::Warning")
def test_gpt_5_mini_retires_on_2026_12_11_with_gpt_6_1_terra_as_successor():
    # 0.25 / 0.025 / 2 on 2026-12-10: 0.02 + 0.0005 + 0.02 = 0.0405
    last_day = tc.request_cost("gpt-5-mini", input_tokens=100_000, output_tokens=10_000, cached_tokens=20_000,
                               at="2026-12-10T12:00:00Z")
    assert last_day == Decimal("0.0405")
    with pytest.raises(tc.errors.RetiredModelError) as exc:
        tc.request_cost("gpt-5-mini", input_tokens=100_000, output_tokens=10_000, at="2026-12-11")
    assert "gpt-6.1-terra" in str(exc.value)


@pytest.mark.filterwarnings("ignore::Warning")
@pytest.mark.parametrize(("model", "retired"), [("claude-3-sonnet-20240229", "2025-07-21"),
                                                ("claude-3-opus-20240229", "2026-01-05"),
                                                ("gpt-5", "2026-12-11")])
def test_retired_models_refuse_a_price_from_the_retirement_date_on(model, retired):
    cat = tc.load_catalog()
    model_id = cat.model_id(model)
    assert str(cat.models[model_id].retired) == retired
    with pytest.raises(tc.errors.RetiredModelError) as exc:
        tc.request_cost(model, input_tokens=1000, output_tokens=1000, at=retired)
    assert retired in str(exc.value)


@pytest.mark.filterwarnings("ignore::Warning")
def test_claude_3_opus_history_still_prices_dates_before_its_retirement():
    # 2025-01-01, caching-2024-08: 15 / 75 -> 1,000 in + 1,000 out = 0.015 + 0.075 = 0.09
    got = tc.request_cost("claude-3-opus", input_tokens=1000, output_tokens=1000, at="2025-01-01")
    assert got == Decimal("0.09")


# General laws, for any request.


@pytest.mark.filterwarnings("ignore::Warning")
@settings(max_examples=50, deadline=None)
@given(fresh=st.integers(0, 10**8), cached=st.integers(0, 10**8), writes=st.integers(0, 10**8),
       output=st.integers(0, 10**8))
def test_minimax_m2_7_costs_exactly_seven_times_as_many_yuan_as_dollars(fresh, cached, writes, output):
    # every CNY rate is 7x the USD one, and cost is linear in the rates
    args = {"input_tokens": fresh + cached + writes, "output_tokens": output, "cached_tokens": cached,
            "cache_write_tokens": writes, "at": AT}
    assert tc.request_cost("MiniMax-M2.7", currency="CNY", **args) == 7 * tc.request_cost("MiniMax-M2.7", **args)


@pytest.mark.filterwarnings("ignore::Warning")
@settings(max_examples=30, deadline=None)
@given(seconds_after=st.integers(0, 10 * 365 * 86400))
def test_a_retired_model_is_refused_at_every_instant_from_its_retirement_on(seconds_after):
    when = dt.datetime(2026, 3, 9, tzinfo=dt.UTC) + dt.timedelta(seconds=seconds_after)
    with pytest.raises(tc.errors.RetiredModelError):
        tc.request_cost("gemini-3-pro-preview", input_tokens=1, output_tokens=1, at=when.isoformat())


def test_no_retired_model_keeps_a_list_price_open_past_its_retirement():
    # the price history and the lifecycle must tell the same story: a version left open after the retirement
    # instant would claim a price for a model the vendor no longer serves
    cat = tc.load_catalog()
    retired = {mid: m for mid, m in cat.models.items() if m.retired is not None}
    assert {"claude-3-opus", "claude-3-sonnet", "gemini-3-pro-preview", "gpt-5", "gpt-5-mini"} <= set(retired)
    for mid, m in retired.items():
        for v in m.versions:
            if v.status in ("official", "promotional"):
                assert v.end is not None and v.end <= m.retired_at, (mid, v.id, v.end, m.retired_at)
