"""The cost engine as a specification: hand-worked monthly bills, then the laws every bill obeys.

Conventions in the comments: M = million tokens, rates are $ per M tokens, a month is 30 days
unless the workload says otherwise. cost = tokens x rate / 1,000,000, exactly.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tokencost import Workload, compare, load_catalog, monthly_cost, request_cost, savings
import tokencost as tc
from tokencost.errors import (
    ExchangeRateError,
    MissingRateError,
    NoPriceError,
    UnitError,
    UnmodelledDiscountError,
    WorkloadError,
)

D = Decimal
UTC = dt.timezone.utc
ARTICLE = {"tokens": "100M/day", "input_share": "0.8"}  # the article's workload: 100M tokens a day, 80% input


def W(**kw) -> Workload:
    return Workload(**{**ARTICLE, **kw})


def cost(model: str, at: str, **kw) -> Decimal:
    return monthly_cost(W(**kw), model, at).total


# =========================================================================== hand-worked months

def test_article_workload_on_gpt_4_turbo_costs_42000_a_month():
    # 100M/day x 30 d = 3,000M tok; 80% input: 2,400M x $10 + 600M x $30 = $24,000 + $18,000 = $42,000
    c = monthly_cost(W(), "gpt-4-turbo", "2024-06-01")
    assert c.total == D("42000")
    assert (c.model, c.version_id, c.currency, c.tier) == ("gpt-4-turbo", "official-2023-11-06", "USD", "base")
    assert c.tokens_per_month == D("3000000000") and c.month_days == D("30")
    assert {(li.component, li.segment, li.tokens, li.rate, li.cost) for li in c.lines} == {
        ("input", "standard", D("2400000000"), D("10"), D("24000")),
        ("output", "standard", D("600000000"), D("30"), D("18000")),
    }
    assert sum(li.cost for li in c.lines) == c.total


def test_article_workload_on_gpt_4o_in_november_2024_costs_12000():
    # gpt-4o from 2024-10-02: $2.50 / $10. 2,400M x $2.50 + 600M x $10 = $6,000 + $6,000 = $12,000
    assert cost("gpt-4o", "2024-11-01") == D("12000")


def test_article_workload_on_gpt_4o_before_the_repoint_costs_21000():
    # $5 / $15: 2,400M x $5 + 600M x $15 = $12,000 + $9,000 = $21,000
    assert cost("gpt-4o", "2024-09-01") == D("21000")


def test_article_workload_on_the_reported_r2_price_costs_504():
    # deepseek-r2@article-004-launch: $0.14 / $0.28. 2,400M x $0.14 + 600M x $0.28 = $336 + $168 = $504
    c = monthly_cost(W(), "deepseek-r2@article-004-launch", "2026-05-01")
    assert c.total == D("504")
    assert c.status == "reported"
    assert any("reported figure" in a for a in c.assumptions)


@pytest.mark.parametrize(("month", "at", "days", "total"), [
    # 100M x 30 = 3,000M: $42,000 (above)
    ("30d", "2024-06-01", D("30"), D("42000")),
    # 100M x 30.4375 = 3,043.75M; 2,435M x $10 + 608.75M x $30 = $24,350 + $18,262.50 = $42,612.50
    ("30.4375d", "2024-06-01", D("30.4375"), D("42612.5")),
    ("mean", "2024-06-01", D("30.4375"), D("42612.5")),
    # February 2024 has 29 days: 2,900M; 2,320M x $10 + 580M x $30 = $23,200 + $17,400 = $40,600
    ("calendar", "2024-02-15", D("29"), D("40600")),
    # the first instant of February 2024 is in February: 29 days, $40,600
    ("calendar", "2024-02-01", D("29"), D("40600")),
    # July: 31 days, 3,100M; 2,480M x $10 + 620M x $30 = $24,800 + $18,600 = $43,400
    ("calendar", "2024-07-31T23:00:00Z", D("31"), D("43400")),
    (31, "2024-06-01", D("31"), D("43400")),
])
def test_month_length_is_explicit(month, at, days, total):
    c = monthly_cost(W(month=month), "gpt-4-turbo", at)
    assert (c.month_days, c.total) == (days, total)


def test_calendar_february_2023_has_28_days():
    assert monthly_cost(W(month="calendar"), "gpt-4-turbo", "2024-02-29").month_days == D("29")
    # 100M x 28 = 2,800M; gpt-4 at $30 / $60: 2,240M x $30 + 560M x $60 = $67,200 + $33,600 = $100,800
    c = monthly_cost(W(month="calendar"), "gpt-4@official-2023-03-14", "2023-02-10")
    assert (c.month_days, c.total) == (D("28"), D("100800"))


def test_calendar_month_is_the_utc_month_of_the_pricing_instant():
    # 2024-03-01 01:00 at UTC+8 is 2024-02-29 17:00 UTC: February, 29 days -> $40,600 on gpt-4-turbo
    c = monthly_cost(W(month="calendar"), "gpt-4-turbo", "2024-03-01T01:00:00+08:00")
    assert (c.month_days, c.total) == (D("29"), D("40600"))


def test_requests_times_tokens_volume():
    # 2,500 req/day x 4,000 tok = 10M/day x 30 = 300M; 240M x $2.50 + 60M x $10 = $600 + $600 = $1,200
    w = Workload(tokens="2500 requests/day x 4k tokens", input_share="0.8")
    assert w.split() == (D("240000000"), D("60000000"))
    assert w.prompt_tokens == 3200  # 4,000 x 80% input per request
    assert monthly_cost(w, "gpt-4o", "2024-11-01").total == D("1200")


def test_requests_volume_selects_the_context_tier_from_the_prompt_size():
    # 100 req/day x 300k tok, 90% input -> 270,000 prompt tokens > 200,000: Sonnet 4's $6 / $22.50 tier.
    # 30M/day x 30 = 900M: 810M x $6 + 90M x $22.50 = $4,860 + $2,025 = $6,885
    w = Workload(tokens="100 requests/day x 300k tokens", input_share="0.9")
    assert w.prompt_tokens == 270000
    c = monthly_cost(w, "claude-sonnet-4", "2025-09-01")
    assert (c.tier, c.total) == (">200000", D("6885"))


def test_input_and_output_volumes_given_separately():
    # 2B in x $2.50 + 500M out x $10 = $5,000 + $5,000 = $10,000 (per-month volumes: month length irrelevant)
    w = Workload(input="2B tokens/month", output="500M tokens/month", month="calendar")
    assert monthly_cost(w, "gpt-4o", "2025-02-01").total == D("10000")
    # 50M/day in, 10M/day out x 30 = 1,500M x $2.50 + 300M x $10 = $3,750 + $3,000 = $6,750
    w = Workload(input="50M/day", output="10M/day")
    assert monthly_cost(w, "gpt-4o", "2024-11-01").total == D("6750")


def test_plain_numbers_are_tokens_per_month():
    # 1,000,000 in x $10 + 1,000,000 out x $30 = $10 + $30 = $40
    assert monthly_cost(Workload(input=1_000_000, output=1_000_000), "gpt-4-turbo", "2024-06-01").total == D("40")


def test_cached_share_uses_the_cached_input_rate():
    # gpt-4o (2024-11): input 2,400M, half cache hits:
    # 1,200M x $2.50 + 1,200M x $1.25 + 600M x $10 = $3,000 + $1,500 + $6,000 = $10,500
    c = monthly_cost(W(cached_share="0.5"), "gpt-4o", "2024-11-01")
    assert c.total == D("10500")
    assert {li.component: li.tokens for li in c.lines} == {
        "input": D("1200000000"), "cached_input": D("1200000000"), "output": D("600000000")}


def test_cache_writes_use_the_cache_write_rate():
    # claude-3.5-sonnet (2024-11): input 2,400M = 50% fresh, 25% cache reads, 25% cache writes
    # 1,200M x $3 + 600M x $0.30 + 600M x $3.75 + 600M out x $15 = $3,600 + $180 + $2,250 + $9,000 = $15,030
    assert cost("claude-3.5-sonnet", "2024-11-01", cached_share="0.25", cache_write_share="0.25") == D("15030")


# --------------------------------------------------------------------------- batch

def test_openai_batch_halves_input_and_output_from_2024_04_15():
    # all batch: 2,400M x $1.25 + 600M x $5 = $3,000 + $3,000 = $6,000 (half of $12,000)
    c = monthly_cost(W(batch_share=1), "gpt-4o", "2024-11-01")
    assert c.total == D("6000")
    assert {li.segment for li in c.lines} == {"batch"}
    assert any("openai-batch-2024-04" in a for a in c.assumptions)
    # half batch: $12,000 / 2 + $6,000 / 2 = $9,000
    assert cost("gpt-4o", "2024-11-01", batch_share="0.5") == D("9000")
    # the first day of the policy: gpt-4-turbo half batch = $21,000 + $10,500 = $31,500
    assert cost("gpt-4-turbo", "2024-04-15", batch_share="0.5") == D("31500")


def test_batch_before_openai_had_a_batch_api_is_an_unmodelled_discount():
    with pytest.raises(UnmodelledDiscountError) as ei:
        monthly_cost(W(batch_share="0.5"), "gpt-4-turbo", "2024-04-14")
    assert (ei.value.model, ei.value.discount) == ("gpt-4-turbo", "batch")
    # without batch traffic the same date prices fine
    assert cost("gpt-4-turbo", "2024-04-14") == D("42000")


def test_openai_batch_does_not_discount_cached_input():
    # policy applies_to [input, output]: cache hits in a batch pay the full cached rate
    # 1,200M x $1.25 (batch input) + 1,200M x $1.25 (cached, undiscounted) + 600M x $5 = $1,500 + $1,500 + $3,000
    assert cost("gpt-4o", "2024-11-01", cached_share="0.5", batch_share=1) == D("6000")


def test_anthropic_batch_stacks_on_cache_reads_and_writes():
    # claude-3.5-sonnet (2024-11), all batch, 50% off all four components:
    # fresh 600M x $1.50 + reads 1,200M x $0.15 + writes 600M x $1.875 + out 600M x $7.50
    # = $900 + $180 + $1,125 + $4,500 = $6,705 (half of the $13,410 live price)
    live = cost("claude-3.5-sonnet", "2024-11-01", cached_share="0.5", cache_write_share="0.25")
    batch = cost("claude-3.5-sonnet", "2024-11-01", cached_share="0.5", cache_write_share="0.25", batch_share=1)
    assert (live, batch) == (D("13410"), D("6705"))


def test_anthropic_batch_before_the_batches_api_is_an_unmodelled_discount():
    with pytest.raises(UnmodelledDiscountError):
        monthly_cost(W(batch_share="0.1"), "claude-3.5-sonnet", "2024-10-07")
    assert cost("claude-3.5-sonnet", "2024-10-08", batch_share=1) == D("8100")  # $16,200 / 2


def test_a_versions_own_batch_discount_applies():
    # article 004: "an additional 50 percent off": $504 / 2 = $252
    assert cost("deepseek-r2@article-004-launch", "2026-05-01", batch_share=1) == D("252")


# --------------------------------------------------------------------------- context tiers

@pytest.mark.parametrize(("prompt", "total", "tier"), [
    # over 200K: 2,400M x $6 + 600M x $22.50 = $14,400 + $13,500 = $27,900
    (250_000, D("27900"), ">200000"),
    # at 200K exactly the base rates apply: 2,400M x $3 + 600M x $15 = $7,200 + $9,000 = $16,200
    (200_000, D("16200"), "base"),
    (1_000, D("16200"), "base"),
])
def test_claude_sonnet_4_long_context_tier_after_2025_08_12(prompt, total, tier):
    c = monthly_cost(W(prompt_tokens=prompt), "claude-sonnet-4", "2025-09-01")
    assert (c.total, c.tier) == (total, tier)


def test_claude_sonnet_4_had_no_long_context_tier_before_2025_08_12():
    c = monthly_cost(W(prompt_tokens=250_000), "claude-sonnet-4", "2025-08-11")
    assert (c.version_id, c.tier, c.total) == ("launch-2025-05", "base", D("16200"))


def test_tier_applies_to_cache_rates_too():
    # Sonnet 4 >200K, half cache hits: 1,200M x $6 + 1,200M x $0.60 + 600M x $22.50 = $7,200 + $720 + $13,500
    assert cost("claude-sonnet-4", "2025-09-01", prompt_tokens=250_000, cached_share="0.5") == D("21420")


@pytest.mark.parametrize(("at", "prompt", "total"), [
    # 2024-11 (cut-2024-10-01), > 128K: 2,400M x $2.50 + 600M x $10 = $6,000 + $6,000 = $12,000
    ("2024-11-01", 200_000, D("12000")),
    # <= 128K: 2,400M x $1.25 + 600M x $5 = $3,000 + $3,000 = $6,000
    ("2024-11-01", 128_000, D("6000")),
    # 2024-09 (paid-2024-05-30), > 128K: 2,400M x $7 + 600M x $21 = $16,800 + $12,600 = $29,400
    ("2024-09-01", 128_001, D("29400")),
    # <= 128K: 2,400M x $3.50 + 600M x $10.50 = $8,400 + $6,300 = $14,700
    ("2024-09-01", 100_000, D("14700")),
])
def test_gemini_1_5_pro_prompts_above_128k_use_the_tier_rates(at, prompt, total):
    assert cost("gemini-1.5-pro", at, prompt_tokens=prompt) == total


def test_unknown_prompt_size_prices_at_base_rates_and_says_so():
    c = monthly_cost(W(), "gemini-1.5-pro", "2024-11-01")
    assert c.total == D("6000")
    assert any("prompt_tokens" in a for a in c.assumptions)


# --------------------------------------------------------------------------- off-peak

def test_off_peak_share_on_deepseek_chat_in_march_2025():
    # peak $0.27 / $1.10; off-peak (16:30-00:30 UTC) $0.135 / $0.55. Half the traffic off-peak:
    # peak 1,200M x $0.27 + 300M x $1.10 = $324 + $330 = $654; off-peak 1,200M x $0.135 + 300M x $0.55 = $162 + $165
    c = monthly_cost(W(off_peak_share="0.5"), "deepseek-chat", "2025-03-01")
    assert c.total == D("981")
    assert {li.segment for li in c.lines} == {"standard", "off-peak 16:30-00:30 UTC"}


def test_off_peak_share_none_means_peak_rates_with_a_note():
    # all peak: 2,400M x $0.27 + 600M x $1.10 = $648 + $660 = $1,308
    c = monthly_cost(W(), "deepseek-chat", "2025-03-01")
    assert c.total == D("1308")
    assert any("off-peak" in a for a in c.assumptions)
    assert cost("deepseek-chat", "2025-03-01", off_peak_share=1) == D("654")  # all off-peak: half


def test_uniform_traffic_is_off_peak_8_hours_of_24():
    # 16:30-00:30 is 8 h = 1/3 of the day: 2/3 x $1,308 + 1/3 x $654 = $872 + $218 = $1,090
    c = monthly_cost(W(off_peak_share="uniform"), "deepseek-chat", "2025-03-01")
    assert c.rounded() == D("1090.00")
    assert c.exact and c.total == D("1090") and c.total_exact == 1090  # every line's 1/3 cancels out


def test_off_peak_share_on_a_model_without_windows_is_an_unmodelled_discount():
    with pytest.raises(UnmodelledDiscountError):
        monthly_cost(W(off_peak_share="0.5"), "gpt-4o", "2024-11-01")
    assert cost("gpt-4o", "2024-11-01", off_peak_share=0) == D("12000")


def test_promotional_price_is_used_during_the_promotion():
    # deepseek-chat 2025-01-15: promo $0.14 / $0.28 = $336 + $168 = $504 (list price would be $1,308)
    c = monthly_cost(W(), "deepseek-chat", "2025-01-15")
    assert (c.version_id, c.status, c.total) == ("v3-promo-2024-12", "promotional", D("504"))


# --------------------------------------------------------------------------- currencies

def test_cny_version_is_converted_through_the_recorded_exchange_rate():
    # ¥2 / ¥8: 2,400M x ¥2 + 600M x ¥8 = ¥4,800 + ¥4,800 = ¥9,600;
    # rate on or before 2025-03-01 is 2025-02-26's 0.137751 USD/CNY: ¥9,600 x 0.137751 = $1,322.4096
    c = monthly_cost(W(), "deepseek-chat@v3-offpeak-2025-02-cny", "2025-03-01")
    assert (c.currency, c.total, c.rounded()) == ("USD", D("1322.4096"), D("1322.41"))
    assert (c.exchange.on, c.exchange.usd_per_unit) == (dt.date(2025, 2, 26), D("0.137751"))
    native = monthly_cost(W(), "deepseek-chat@v3-offpeak-2025-02-cny", "2025-03-01", currency="CNY")
    assert (native.currency, native.total, native.exchange) == ("CNY", D("9600"), None)


def test_usd_price_in_cny_divides_by_the_recorded_rate():
    # $42,000 / 0.138752 USD/CNY (2024-05-06) = ¥302,698.3394833948... = ¥302,698.34
    c = monthly_cost(W(), "gpt-4-turbo", "2024-06-01", currency="CNY")
    assert c.rounded() == D("302698.34")
    assert c.total_exact == Fraction(42000) / Fraction("0.138752")  # held exactly, not to 80 digits
    assert not c.exact and abs(Fraction(c.total) - c.total_exact) <= Fraction(1, 2 * 10**30)


def test_missing_exchange_rate_raises_exchange_rate_error():
    # the first recorded CNY rate is 2024-05-06
    with pytest.raises(ExchangeRateError) as ei:
        monthly_cost(W(), "deepseek-chat@v2-2024-05-cny", "2024-05-01")
    assert isinstance(ei.value, LookupError)
    assert ei.value.currency == "CNY"
    # ¥1 / ¥2: ¥2,400 + ¥1,200 = ¥3,600 x 0.138752 = $499.5072 once a rate exists
    assert monthly_cost(W(), "deepseek-chat@v2-2024-05-cny", "2024-05-06").total == D("499.5072")


# --------------------------------------------------------------------------- missing rates

def test_missing_cached_rate_raises_missing_rate_error_never_zero():
    # gpt-4o before 2024-10-02 (gpt-4o-2024-05-13) had no prompt caching
    with pytest.raises(MissingRateError) as ei:
        monthly_cost(W(cached_share="0.5"), "gpt-4o", "2024-09-01")
    assert (ei.value.model, ei.value.version, ei.value.component) == ("gpt-4o", "official-2024-05-13",
                                                                      "cached_input")


@pytest.mark.parametrize(("model", "at", "kw", "component"), [
    ("gpt-4o", "2024-11-01", {"cache_write_share": "0.1"}, "cache_write"),
    ("gemini-1.5-flash", "2024-06-01", {"cached_share": "0.1"}, "cached_input"),
    ("deepseek-r2@leak-2025-04", "2025-05-01", {"cached_share": "0.01"}, "cached_input"),
    ("gpt-4@article-000-reported", "2025-05-01", {}, "output"),
])
def test_a_rate_the_workload_needs_but_the_version_lacks_raises(model, at, kw, component):
    with pytest.raises(MissingRateError) as ei:
        monthly_cost(W(**kw), model, at)
    assert ei.value.component == component


def test_a_missing_rate_the_workload_does_not_use_is_fine():
    # gpt-4@article-000-reported has only an input rate ($2.80): an input-only workload prices
    # 3,000M x $2.80 = $8,400
    assert monthly_cost(W(input_share=1), "gpt-4@article-000-reported", "2025-05-01").total == D("8400")


def test_no_price_at_the_date_raises_no_price_error():
    with pytest.raises(NoPriceError):
        monthly_cost(W(), "gpt-4o", "2024-05-12")


# --------------------------------------------------------------------------- workloads

@pytest.mark.parametrize(("kw", "field"), [
    ({"input_share": "2"}, "input_share"),
    ({"input_share": "-0.1"}, "input_share"),
    ({"cached_share": "1.5"}, "cached_share"),
    ({"batch_share": "abc"}, "batch_share"),
    ({"month": "45d"}, "month"),
    ({"tokens": "100M"}, "tokens"),
    ({"prompt_tokens": "1.5"}, "prompt_tokens"),
])
def test_bad_workloads_raise_workload_error_naming_the_field(kw, field):
    with pytest.raises(WorkloadError) as ei:
        W(**kw)
    assert ei.value.field == field


def test_input_share_is_required_and_shares_must_fit():
    with pytest.raises(WorkloadError):
        Workload(tokens="100M/day")
    with pytest.raises(WorkloadError):
        W(cached_share="0.6", cache_write_share="0.5")
    with pytest.raises(WorkloadError):
        Workload(tokens="1M/day", input_share="0.5", input="1M/day", output="1M/day")


def test_scaling_a_workload_is_exact_beyond_28_digits():
    # 123,456,789,012.345678 x 123,456.789012 = 15,241,578,753,196,160.232056090136 (30 significant digits)
    w = Workload(tokens="123456789012.345678 tokens/day", input_share="0.5")
    assert w.scaled("123456.789012").tokens.tokens == D("15241578753196160.232056090136")


def test_float_shares_are_read_through_their_shortest_repr():
    assert W(input_share=0.8).input_share == D("0.8")
    assert cost("gpt-4-turbo", "2024-06-01", input_share=0.8) == D("42000")


# =========================================================================== single requests

def test_request_cost_for_one_gpt_4o_request():
    # 1,000 in x $2.50 + 500 out x $10 = $0.0025 + $0.005 = $0.0075
    assert request_cost("gpt-4o", 1000, 500, at="2024-11-01") == D("0.0075")
    # 400 of the 1,000 prompt tokens from cache: 600 x $2.50 + 400 x $1.25 + 500 x $10 = $0.0015 + $0.0005 + $0.005
    assert request_cost("gpt-4o", 1000, 500, cached_tokens=400, at="2024-11-01") == D("0.007")
    # batch: half of $0.0075
    assert request_cost("gpt-4o", 1000, 500, at="2024-11-01", batch=True) == D("0.00375")


@pytest.mark.parametrize(("at", "off_peak", "expected"), [
    # 1M in + 1M out; off-peak $0.135 + $0.55 = $0.685; peak $0.27 + $1.10 = $1.37
    ("2025-03-01T17:00:00Z", None, D("0.685")),
    ("2025-03-01T16:30:00Z", None, D("0.685")),  # window opens at 16:30 (inclusive)
    ("2025-03-02T00:29:59Z", None, D("0.685")),  # wraps past midnight
    ("2025-03-02T00:30:00Z", None, D("1.37")),  # closes at 00:30 (exclusive)
    ("2025-03-01T12:00:00Z", None, D("1.37")),
    ("2025-03-02T01:00:00+08:00", None, D("0.685")),  # = 2025-03-01 17:00 UTC
    ("2025-03-01", None, D("1.37")),  # a bare date means peak
    ("2025-03-01", True, D("0.685")),
    ("2025-03-01T17:00:00Z", False, D("1.37")),
])
def test_request_cost_off_peak_by_time_of_day(at, off_peak, expected):
    assert request_cost("deepseek-chat", 1_000_000, 1_000_000, at=at, off_peak=off_peak) == expected


def test_request_cost_off_peak_on_a_model_without_windows_raises():
    with pytest.raises(UnmodelledDiscountError):
        request_cost("gpt-4o", 1000, 1000, at="2024-11-01", off_peak=True)


@pytest.mark.parametrize(("prompt", "expected"), [
    # 250,000 x $6 + 1,000 x $22.50 = $1.50 + $0.0225 = $1.5225
    (250_000, D("1.5225")),
    # 200,000 x $3 + 1,000 x $15 = $0.60 + $0.015 = $0.615
    (200_000, D("0.615")),
])
def test_request_cost_tier_follows_the_prompt_size(prompt, expected):
    assert request_cost("claude-sonnet-4", prompt, 1000, at="2025-09-01") == expected


def test_request_cost_tier_counts_cached_prompt_tokens():
    # 250,000 prompt tokens of which 200,000 cached: still >200K, so tier rates for all:
    # 50,000 x $6 + 200,000 x $0.60 + 1,000 x $22.50 = $0.30 + $0.12 + $0.0225 = $0.4425
    assert request_cost("claude-sonnet-4", 250_000, 1000, cached_tokens=200_000, at="2025-09-01") == D("0.4425")


def test_request_cost_converts_cny_versions():
    # ¥2 + ¥8 = ¥10 for 1M in + 1M out at peak; x 0.137751 = $1.37751
    assert request_cost("deepseek-chat@v3-offpeak-2025-02-cny", 1_000_000, 1_000_000,
                        at="2025-03-01T12:00:00Z") == D("1.37751")


def test_request_cost_errors():
    with pytest.raises(MissingRateError):
        request_cost("gpt-4o", 1000, 10, cached_tokens=100, at="2024-09-01")
    with pytest.raises(UnmodelledDiscountError):
        request_cost("gpt-4-turbo", 1000, 10, at="2024-04-01", batch=True)
    with pytest.raises(WorkloadError):
        request_cost("gpt-4o", -1, 10, at="2024-11-01")
    with pytest.raises(WorkloadError):
        request_cost("gpt-4o", 100, 10, cached_tokens=101, at="2024-11-01")
    with pytest.raises(UnitError):
        request_cost("gpt-4o", 100, 10, at="2024-13-45")


# =========================================================================== compare and savings

def test_compare_orders_models_cheapest_first_with_exact_totals():
    df = compare(W(), ["gpt-4-turbo", "gpt-4o", "deepseek-r2@article-004-launch", "claude-3.5-sonnet"],
                 "2024-11-01")
    assert isinstance(df, pd.DataFrame)
    # $504 (R2) < $12,000 (gpt-4o) < 2,400M x $3 + 600M x $15 = $16,200 (3.5 Sonnet) < $42,000 (gpt-4-turbo)
    assert list(df["model"]) == ["deepseek-r2", "gpt-4o", "claude-3.5-sonnet", "gpt-4-turbo"]
    assert list(df["monthly_cost"]) == [D("504"), D("12000"), D("16200"), D("42000")]
    # multiples of the cheapest, to 2 places: 12,000/504 = 23.809..., 16,200/504 = 32.142..., 42,000/504 = 83.333...
    assert list(df["x_cheapest"]) == [D("1.00"), D("23.81"), D("32.14"), D("83.33")]
    assert list(df["version"]) == ["article-004-launch", "official-2024-10-02", "caching-2024-08",
                                   "official-2023-11-06"]


def test_compare_keeps_input_order_for_ties():
    df = compare(W(), ["o3-mini", "o1-mini"], "2025-02-15")  # same $1.10 / $4.40 prices
    assert list(df["model"]) == ["o3-mini", "o1-mini"]
    assert df["monthly_cost"][0] == df["monthly_cost"][1] == D("5280")  # 2,400M x $1.10 + 600M x $4.40


def test_savings_from_gpt_4_turbo_to_the_reported_r2_price():
    # $42,000 - $504 = $41,496 a month; 41,496 / 42,000 = 98.8%; ratio 504 / 42,000 = 0.012
    s = savings(W(), "gpt-4-turbo", "deepseek-r2@article-004-launch", "2024-06-01")
    assert (s.absolute, s.percent, s.ratio) == (D("41496"), D("98.8"), D("0.012"))
    assert (s.baseline.total, s.candidate.total) == (D("42000"), D("504"))


def test_savings_from_gpt_4o_to_gpt_4o_mini():
    # mini: 2,400M x $0.15 + 600M x $0.60 = $360 + $360 = $720; $12,000 - $720 = $11,280 = 94%
    s = savings(W(), "gpt-4o", "gpt-4o-mini", "2024-11-01")
    assert (s.absolute, s.percent, s.ratio) == (D("11280"), D("94"), D("0.06"))


def test_negative_savings_when_the_candidate_costs_more():
    # $12,000 -> $42,000: -$30,000 = -250%
    s = savings(W(), "gpt-4o", "gpt-4-turbo", "2024-11-01")
    assert (s.absolute, s.percent, s.ratio) == (D("-30000"), D("-250"), D("3.5"))


def test_compare_orders_by_the_exact_total_not_a_float(tmp_path):
    # two prices that differ in the 17th significant digit, which a float cannot tell apart
    p = tmp_path / "near.yaml"
    p.write_text(
        "sources:\n  s: {kind: other, note: test}\nmodels:\n"
        "  pricier:\n    provider: acme\n    versions:\n      - id: v1\n        status: official\n"
        "        effective_from: 2024-01-01\n        rates: {input: 1.0000000000000001, output: 1}\n"
        "        citations: [{source: s}]\n"
        "  cheaper:\n    provider: acme\n    versions:\n      - id: v1\n        status: official\n"
        "        effective_from: 2024-01-01\n        rates: {input: 1, output: 1}\n"
        "        citations: [{source: s}]\n", encoding="utf-8")
    cat = load_catalog(p)
    # 1M input tokens: $1.0000000000000001 vs $1
    df = compare(Workload(input=1_000_000, output=0), ["pricier", "cheaper"], "2024-06-01", catalog=cat)
    assert list(df["model"]) == ["cheaper", "pricier"]
    assert list(df["monthly_cost"]) == [D("1"), D("1.0000000000000001")]


def test_rounded_totals_round_half_up_to_the_cent():
    # 50,000 input tokens a month x $2.50 = $0.125 -> $0.13 (half-up, not banker's $0.12)
    c = monthly_cost(Workload(input=50_000, output=0), "gpt-4o", "2024-11-01")
    assert (c.total, c.rounded()) == (D("0.125"), D("0.13"))
    assert c.rounded(0) == D("0")


# =========================================================================== laws (hypothesis)

CAT = load_catalog()
ALL = ("input", "cached_input", "cache_write", "output")
IO = ("input", "output")

# (model spec, pricing instant, batch discount and the components it covers, written by hand from the policies)
FIXTURES = [
    ("gpt-4-turbo", "2024-06-01", (Fraction(1, 2), IO)),
    ("gpt-4-turbo", "2024-03-01", None),  # before OpenAI's Batch API
    ("gpt-4o", "2024-11-01", (Fraction(1, 2), IO)),
    ("gpt-4o-mini", "2024-11-01", (Fraction(1, 2), IO)),
    ("claude-3.5-sonnet", "2024-11-01", (Fraction(1, 2), ALL)),
    ("claude-3.5-haiku", "2025-01-15", (Fraction(1, 2), ALL)),
    ("claude-sonnet-4", "2025-09-01", (Fraction(1, 2), ALL)),
    ("gemini-1.5-pro", "2024-11-01", None),
    ("gemini-1.5-flash", "2024-06-01", None),
    ("gemini-2.5-pro", "2025-11-01", (Fraction(1, 2), IO)),
    ("deepseek-chat", "2025-03-01", None),
    ("deepseek-chat", "2025-01-15", None),
    ("deepseek-r2@article-004-launch", "2026-05-01", (Fraction(1, 2), ALL)),
]
BATCHABLE = [f for f in FIXTURES if f[2] is not None]


def _when(at: str) -> dt.datetime:
    d = dt.date.fromisoformat(at)
    return dt.datetime(d.year, d.month, d.day, tzinfo=UTC)


def expected_version(mid: str, at: dt.datetime, currency: str | None = None):
    """As-of oracle: the official/promotional version whose [from, to) contains ``at``;
    promotions win, USD first when no currency is asked for."""
    live = []
    for v in CAT.models[mid].versions:
        start = v.effective_from if isinstance(v.effective_from, dt.datetime) else _when(str(v.effective_from))
        end = v.effective_to
        if end is not None and not isinstance(end, dt.datetime):
            end = _when(str(end))
        if v.status in ("official", "promotional") and start <= at and (end is None or at < end):
            if currency is None or v.currency == currency:
                live.append(v)
    live.sort(key=lambda v: (v.currency != "USD", v.status != "promotional"))
    return live[0] if live else None


def oracle(spec: str, at: str, batch, tokens_per_day: Decimal, input_share: Decimal, cached: Decimal,
           write: Decimal, batch_share: Decimal, off_peak: Decimal | None, prompt: int | None,
           month: str) -> Fraction | type:
    """The monthly bill by the stacking rules, in Fractions, from the version's rates alone."""
    when = _when(at)
    if "@" in spec:
        mid, vid = spec.split("@")
        version = next(v for v in CAT.models[mid].versions if v.id == vid)
    else:
        version = expected_version(spec, when)
    days = {"30d": Fraction(30), "30.4375d": Fraction(304375, 10000),
            "calendar": Fraction(calendar.monthrange(when.year, when.month)[1])}[month]
    total = Fraction(tokens_per_day) * days
    inp = total * Fraction(input_share)
    tokens = {"input": inp * (1 - Fraction(cached) - Fraction(write)), "cached_input": inp * Fraction(cached),
              "cache_write": inp * Fraction(write), "output": total - inp}
    rates = version.rates
    for tier in version.tiers:
        if prompt is not None and prompt > tier.above_prompt_tokens:
            rates = tier.rates
    b = Fraction(batch_share)
    if b > 0 and batch is None:
        return UnmodelledDiscountError
    s = Fraction(off_peak or 0)
    if s > 0 and not version.off_peak:
        return UnmodelledDiscountError
    segments = [("batch", b, rates), ("standard", (1 - b) * (1 - s), rates)]
    if s > 0:
        segments.append(("off-peak", (1 - b) * s, version.off_peak[0].rates))
    bill = Fraction(0)
    for comp, n in tokens.items():
        for seg, share, seg_rates in segments:
            if n == 0 or share == 0:
                continue
            r = getattr(seg_rates, comp)
            if r is None:
                return MissingRateError
            r = Fraction(r)
            if seg == "batch" and comp in batch[1]:
                r *= 1 - batch[0]
            bill += n * share * r / 1_000_000
    return bill


def _dec(places: int, lo: str = "0", hi: str = "1") -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=D(lo), max_value=D(hi), places=places, allow_nan=False, allow_infinity=False)


@st.composite
def workloads(draw, *, batch_ok: bool = True, off_peak_ok: bool = True, token_places: int = 3):
    tokens = draw(_dec(token_places, "0", "1e12"))
    input_share = draw(_dec(3))
    cached = draw(st.one_of(st.just(D(0)), _dec(3)))
    write = draw(st.one_of(st.just(D(0)), _dec(3, "0", str(1 - cached))))
    batch_share = draw(st.one_of(st.just(D(0)), _dec(2))) if batch_ok else D(0)
    off_peak = draw(st.one_of(st.none(), _dec(2))) if off_peak_ok else None
    prompt = draw(st.one_of(st.none(), st.integers(0, 400_000)))
    month = draw(st.sampled_from(["30d", "30.4375d", "calendar"]))
    return dict(tokens_per_day=tokens, input_share=input_share, cached=cached, write=write,
                batch_share=batch_share, off_peak=off_peak, prompt=prompt, month=month)


def _workload(p: dict) -> Workload:
    return Workload(tokens=f"{p['tokens_per_day']:f} tokens/day", input_share=p["input_share"],
                    cached_share=p["cached"], cache_write_share=p["write"], batch_share=p["batch_share"],
                    off_peak_share=p["off_peak"], prompt_tokens=p["prompt"], month=p["month"])


@settings(max_examples=400, deadline=None)
@given(fixture=st.sampled_from(FIXTURES), p=workloads())
def test_monthly_total_equals_a_fraction_oracle_exactly(fixture, p):
    spec, at, batch = fixture
    expected = oracle(spec, at, batch, **p)
    if isinstance(expected, type):
        with pytest.raises(expected):
            monthly_cost(_workload(p), spec, at)
    else:
        c = monthly_cost(_workload(p), spec, at)
        assert Fraction(c.total) == expected
        assert sum((Fraction(li.cost) for li in c.lines), Fraction(0)) == expected


@settings(max_examples=200, deadline=None)
@given(fixture=st.sampled_from(FIXTURES), p=workloads(token_places=6),
       k=st.decimals(min_value=0, max_value=D("1e6"), places=6, allow_nan=False, allow_infinity=False))
def test_cost_is_linear_in_volume(fixture, p, k):
    spec, at, batch = fixture
    assume(not isinstance(oracle(spec, at, batch, **p), type))
    w = _workload(p)
    base = monthly_cost(w, spec, at).total
    scaled = monthly_cost(w.scaled(k), spec, at).total
    assert Fraction(scaled) == Fraction(k) * Fraction(base)


@settings(max_examples=200, deadline=None)
@given(fixture=st.sampled_from(FIXTURES),
       inp=_dec(2, "0", "1e10"), out=_dec(2, "0", "1e10"), more_in=_dec(2, "0", "1e10"), more_out=_dec(2, "0", "1e10"))
def test_cost_is_monotone_in_tokens(fixture, inp, out, more_in, more_out):
    spec, at, _ = fixture
    small = Workload(input=f"{inp:f} tokens/day", output=f"{out:f} tokens/day")
    big = Workload(input=f"{inp + more_in:f} tokens/day", output=f"{out + more_out:f} tokens/day")
    assert monthly_cost(small, spec, at).total <= monthly_cost(big, spec, at).total


@settings(max_examples=200, deadline=None)
@given(fixture=st.sampled_from(BATCHABLE), p=workloads(batch_ok=False, off_peak_ok=False),
       b1=_dec(2), b2=_dec(2))
def test_batch_never_costs_more_than_standard(fixture, p, b1, b2):
    spec, at, batch = fixture
    assume(not isinstance(oracle(spec, at, batch, **p), type))
    lo, hi = sorted((b1, b2))
    standard = monthly_cost(_workload(p), spec, at).total
    some = monthly_cost(_workload({**p, "batch_share": lo}), spec, at).total
    more = monthly_cost(_workload({**p, "batch_share": hi}), spec, at).total
    assert more <= some <= standard


ZONES = [UTC, dt.timezone(dt.timedelta(hours=8)), dt.timezone(dt.timedelta(hours=-5, minutes=-30))]


@settings(max_examples=400, deadline=None)
@given(mid=st.sampled_from(sorted(CAT)),
       at=st.datetimes(min_value=dt.datetime(2023, 1, 1), max_value=dt.datetime(2027, 12, 31),
                       timezones=st.sampled_from(ZONES)),
       form=st.sampled_from(["aware", "naive-utc", "iso-string"]),
       currency=st.sampled_from([None, "USD", "CNY"]))
def test_as_of_resolution_picks_the_version_whose_interval_contains_the_date(mid, at, form, currency):
    # the same instant given as an aware datetime, a naive datetime (= UTC) or an ISO string
    arg = {"aware": at, "naive-utc": at.astimezone(UTC).replace(tzinfo=None), "iso-string": at.isoformat()}[form]
    want = expected_version(mid, at, currency)
    if want is None:
        with pytest.raises(NoPriceError):
            CAT.price(mid, arg, currency=currency)
        return
    got = CAT.price(mid, arg, currency=currency)
    assert got.id == want.id
    assert got.in_effect(at)
    if currency is None:
        # only the units the version prices: an embedding model has no output rate (and says so)
        r = want.rates
        c = monthly_cost(Workload(input=1_000_000 if r.input is not None else 0,
                                  output=1_000_000 if r.output is not None else 0), mid, arg)
        assert c.version_id == want.id


def test_as_of_resolution_at_every_version_boundary():
    # intervals are half-open: at a boundary the new version applies, a microsecond before it the old one
    tick = dt.timedelta(microseconds=1)
    for mid, model in CAT.models.items():
        bounds = {b for v in model.versions for b in (v.start, v.end) if b is not None}
        for b in sorted(bounds):
            for at in (b - tick, b, b + tick):
                for currency in (None, "USD", "CNY"):
                    want = expected_version(mid, at, currency)
                    if want is None:
                        with pytest.raises(NoPriceError):
                            CAT.price(mid, at, currency=currency)
                    else:
                        assert CAT.price(mid, at, currency=currency).id == want.id, (mid, at, currency)


@settings(max_examples=400, deadline=None)
@given(fixture=st.sampled_from(FIXTURES), prompt=st.integers(0, 400_000), out=st.integers(0, 100_000),
       cached_part=st.fractions(0, 1), write_part=st.fractions(0, 1), batch=st.booleans(),
       off_peak=st.sampled_from([None, None, True, False]), seconds=st.integers(0, 86_399),
       form=st.sampled_from(["bare-date", "iso-string", "datetime", "datetime+08:00"]))
def test_request_cost_equals_a_fraction_oracle(fixture, prompt, out, cached_part, write_part, batch, off_peak,
                                               seconds, form):
    spec, day, policy = fixture
    cached = int(prompt * cached_part)
    written = int((prompt - cached) * write_part) if spec.startswith("claude") else 0
    instant = _when(day) + dt.timedelta(seconds=0 if form == "bare-date" else seconds)
    at = {"bare-date": day, "iso-string": instant.isoformat(), "datetime": instant,
          "datetime+08:00": instant.astimezone(dt.timezone(dt.timedelta(hours=8)))}[form]
    version = (next(v for v in CAT.models[spec.split("@")[0]].versions if v.id == spec.split("@")[1])
               if "@" in spec else expected_version(spec, instant))

    def call():
        return request_cost(spec, prompt, out, cached, written, at=at, batch=batch, off_peak=off_peak)

    # the oracle: tier by prompt size; then batch, or else off-peak by flag or by the time of day
    rates = version.rates
    for tier in version.tiers:
        if prompt > tier.above_prompt_tokens:
            rates = tier.rates
    discount = None
    if batch:
        if policy is None:
            with pytest.raises(UnmodelledDiscountError):
                call()
            return
        discount = policy
    elif version.off_peak:
        window = version.off_peak[0]
        assert window.start > window.end  # the fixtures' window (16:30-00:30) wraps past midnight
        t = instant.time()
        in_window = window.start <= t or t < window.end
        if off_peak if off_peak is not None else (form != "bare-date" and in_window):
            rates = window.rates
    elif off_peak:
        with pytest.raises(UnmodelledDiscountError):
            call()
        return
    want = Fraction(0)
    for comp, n in (("input", prompt - cached - written), ("cached_input", cached), ("cache_write", written),
                    ("output", out)):
        if n:
            r = getattr(rates, comp)
            if r is None:
                with pytest.raises(MissingRateError):
                    call()
                return
            r = Fraction(r)
            if discount is not None and comp in discount[1]:
                r *= 1 - discount[0]
            want += n * r / 1_000_000
    assert Fraction(call()) == want


def test_asking_for_cny_uses_deepseeks_own_cny_list_price_not_a_conversion():
    # deepseek-chat V3 CNY list price (2025-04): 2 CNY in / 8 CNY out per Mtok; 500 Mtok each = 1,000 + 4,000
    w = tc.Workload(tokens="1B/month", input_share="0.5")
    c = tc.monthly_cost(w, "deepseek-chat", at="2025-04-01", currency="CNY")
    assert c.version.currency == "CNY" and c.exchange is None
    assert c.total == Decimal("5000") and c.exact


def test_a_share_without_a_finite_decimal_is_flagged_not_called_exact():
    w = tc.Workload(tokens="1B/month", input_share="0.5", off_peak_share="uniform")  # 8 h of 24 = 1/3
    c = tc.monthly_cost(w, "deepseek-chat", at="2025-04-01")
    assert not c.exact and "from the exact 3425/6 (= 570.833333…), which has no finite decimal form" in str(c)
    # 500 Mtok in, 500 out; 1/3 off-peak: 500(0.27 x 2/3 + 0.135/3) + 500(1.10 x 2/3 + 0.55/3) = 3425/6
    assert c.total_exact == Fraction(3425, 6)
    assert c.total == Decimal("570.833333333333333333333333333333")  # 30 places, half-even
