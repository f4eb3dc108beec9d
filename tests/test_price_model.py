"""What current price lists contain: every billable unit, service tiers, counting rules, model ids as
users type them, lifecycle and possibly-stale prices. Every expected cost is worked by hand in the
comment above it from the rates in data/prices.yaml."""

from __future__ import annotations

import datetime as dt
import warnings
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

import tokencost as tc
from tokencost._catalog.loader import load_merged
from tokencost._catalog.catalog import Catalog
from tokencost.errors import (AmbiguousModelError, MissingRateError, NoPriceError, RetiredModelError,
                              StalePriceWarning, UnknownModelError, UnmodelledDiscountError, UnmodelledUnitError,
                              UsageLogError, WorkloadError)

AT = "2025-09-01"  # gpt-5 $1.25 / $0.125 cached / $10; Sonnet 4 $3 / $0.30 / $3.75 5m / $6 1h / $15, $10 per 1k searches


# -- units ---------------------------------------------------------------------------------------
def test_one_hour_cache_writes_pay_twice_the_input_rate():
    # 10,000 prompt tokens of which 4,000 written to the 1-hour cache: 6,000 x $3 + 4,000 x $6 = $0.042
    assert tc.request_cost("claude-sonnet-4", 10_000, 0, cache_write_1h_tokens=4_000, at=AT) == D("0.042")


def test_five_minute_and_one_hour_writes_in_one_request_are_priced_apart():
    # 2,000 fresh x $3 + 1,000 x $3.75 (5 min) + 1,000 x $6 (1 h) = 0.006 + 0.00375 + 0.006
    c = tc.request_cost("claude-sonnet-4", 4_000, 0, cache_write_tokens=1_000, cache_write_1h_tokens=1_000, at=AT)
    assert c == D("0.01575")


def test_reasoning_tokens_are_billed_at_the_output_rate_and_counted_inside_the_output():
    # 1,000 input x $1.25 + (5,000 output of which 4,000 reasoning) x $10 = 0.00125 + 0.05
    assert tc.request_cost("gpt-5", 1_000, 5_000, reasoning_tokens=4_000, at=AT) == D("0.05125")


def test_web_searches_pay_the_per_thousand_fee_on_top_of_tokens():
    # 1,000 in x $3 + 100 out x $15 + 3 searches x $10/1,000 = 0.003 + 0.0015 + 0.03
    assert tc.request_cost("claude-sonnet-4", 1_000, 100, web_searches=3, at=AT) == D("0.0345")


def test_a_unit_the_version_does_not_price_is_an_error_not_zero():
    with pytest.raises(MissingRateError, match="audio_input"):
        tc.request_cost("gpt-4o", 1_000, 100, audio_input_tokens=500, at=AT)
    with pytest.raises(MissingRateError, match="web_search"):
        tc.request_cost("gpt-4o", 1_000, 100, web_searches=1, at=AT)


def test_counts_inside_another_count_cannot_exceed_it():
    with pytest.raises(WorkloadError, match="input_tokens"):
        tc.request_cost("claude-sonnet-4", 1_000, 0, cached_tokens=800, cache_write_1h_tokens=300, at=AT)
    with pytest.raises(WorkloadError, match="output_tokens"):
        tc.request_cost("gpt-5", 10, 100, reasoning_tokens=101, at=AT)


def test_booleans_are_not_token_counts():
    with pytest.raises(WorkloadError):
        tc.request_cost("gpt-5", True, 10, at=AT)
    with pytest.raises(WorkloadError):
        tc.request_cost("gpt-5", 10, 10, reasoning_tokens=True, at=AT)


# -- service tiers -------------------------------------------------------------------------------
def test_flex_halves_input_cached_input_and_output():
    # 1M fresh x $0.625 + 1M cached x $0.0625 + 1M out x $5
    assert tc.request_cost("gpt-5", 2_000_000, 1_000_000, cached_tokens=1_000_000, service_tier="flex",
                           at=AT) == D("5.6875")


def test_priority_has_its_own_rates():
    # 500k fresh x $2.50 + 500k cached x $0.25 + 1M out x $20 = 1.25 + 0.125 + 20
    assert tc.request_cost("gpt-5", 1_000_000, 1_000_000, cached_tokens=500_000, service_tier="priority",
                           at=AT) == D("21.375")


def test_batch_as_a_service_tier_equals_batch_true():
    a = tc.request_cost("gpt-5", 10_000, 1_000, cached_tokens=2_000, service_tier="batch", at=AT)
    b = tc.request_cost("gpt-5", 10_000, 1_000, cached_tokens=2_000, batch=True, at=AT)
    # 8,000 x $0.625 + 2,000 x $0.0625 + 1,000 x $5 = 0.005 + 0.000125 + 0.005
    assert a == b == D("0.010125")


def test_a_tier_the_version_does_not_sell_is_an_error_never_the_list_price():
    with pytest.raises(UnmodelledDiscountError, match="flex"):
        tc.request_cost("gpt-4o", 1_000, 100, service_tier="flex", at=AT)
    with pytest.raises(UnmodelledDiscountError, match="unknown service tier"):
        tc.request_cost("gpt-5", 1_000, 100, service_tier="turbo", at=AT)


def test_a_workload_split_across_service_tiers():
    # 100M/day x 30 = 3B tokens, 80% input; half flex, half standard:
    # standard: 1.2B x $1.25 + 0.3B x $10 = 1,500 + 3,000; flex: half of that = 2,250; total 6,750
    w = tc.Workload(tokens="100M/day", input_share="0.8", flex_share="0.5")
    assert tc.monthly_cost(w, "gpt-5", at=AT).total == D("6750")


# -- counting rules: the SDKs' usage objects -------------------------------------------------------
def test_anthropic_usage_excludes_cache_reads_and_writes_from_input_tokens():
    usage = {"input_tokens": 1_000, "output_tokens": 200, "cache_read_input_tokens": 4_000,
             "cache_creation_input_tokens": 2_000,
             "cache_creation": {"ephemeral_5m_input_tokens": 500, "ephemeral_1h_input_tokens": 1_500},
             "server_tool_use": {"web_search_requests": 2}}
    # 1,000 x $3 + 4,000 x $0.30 + 500 x $3.75 + 1,500 x $6 + 200 x $15 = 3,000 + 1,200 + 1,875 + 9,000 + 3,000
    # per Mtok = $0.018075; + 2 searches x $0.01 = $0.038075
    assert tc.response_cost(usage, model="claude-sonnet-4-20250514", at=AT) == D("0.038075")


def test_openai_chat_usage_counts_cached_inside_prompt_and_reasoning_inside_completion():
    usage = SimpleNamespace(prompt_tokens=1_000, completion_tokens=500,
                            prompt_tokens_details=SimpleNamespace(cached_tokens=400, audio_tokens=0),
                            completion_tokens_details=SimpleNamespace(reasoning_tokens=300, audio_tokens=0))
    # 600 x $1.25 + 400 x $0.125 + 500 x $10 (reasoning billed as output) = 750 + 50 + 5,000 per Mtok
    assert tc.response_cost(usage, model="openai/gpt-5", at=AT) == D("0.0058")


def test_openai_responses_usage_and_the_service_tier_of_the_response():
    usage = {"input_tokens": 2_000, "output_tokens": 1_000, "input_tokens_details": {"cached_tokens": 1_000},
             "output_tokens_details": {"reasoning_tokens": 600}}
    # flex: 1,000 x $0.625 + 1,000 x $0.0625 + 1,000 x $5 = 625 + 62.5 + 5,000 per Mtok
    assert tc.response_cost(usage, model="gpt-5", at=AT, service_tier="flex") == D("0.0056875")


def test_gemini_thoughts_are_billed_as_output_though_not_counted_in_candidates():
    usage = {"promptTokenCount": 1_000, "candidatesTokenCount": 100, "thoughtsTokenCount": 400,
             "cachedContentTokenCount": 200}
    # 2025-11-01 gemini-2.5-pro: 800 x $1.25 + 200 x $0.125 + (100 + 400) x $10 = 1,000 + 25 + 5,000 per Mtok
    assert tc.response_cost(usage, model="models/gemini-2.5-pro", at="2025-11-01") == D("0.006025")


def test_gemini_snake_case_sdk_object_with_modalities():
    usage = SimpleNamespace(prompt_token_count=1_500, candidates_token_count=100, thoughts_token_count=None,
                            cached_content_token_count=None,
                            prompt_tokens_details=[SimpleNamespace(modality="TEXT", token_count=1_000),
                                                   SimpleNamespace(modality="IMAGE", token_count=500)])
    # images are priced as text input where the version lists no image rate: 1,500 x $1.25 + 100 x $10
    assert tc.response_cost(usage, model="gemini-2.5-pro", at="2025-11-01") == D("0.002875")


def test_a_modality_without_a_price_unit_is_unmodelled():
    usage = {"promptTokenCount": 10, "candidatesTokenCount": 1,
             "promptTokensDetails": [{"modality": "SMELL", "tokenCount": 10}]}
    with pytest.raises(UnmodelledUnitError, match="SMELL"):
        tc.response_cost(usage, model="gemini-2.5-pro", at="2025-11-01")


def test_deepseek_usage_reports_cache_hits_apart():
    usage = {"prompt_tokens": 1_000, "completion_tokens": 100, "prompt_cache_hit_tokens": 600,
             "prompt_cache_miss_tokens": 400}
    # deepseek-v4-flash 2026-06-01: 400 x $0.14 + 600 x $0.0028 + 100 x $0.28 = 56 + 1.68 + 28 per Mtok
    assert tc.response_cost(usage, model="deepseek/deepseek-v4-flash", at="2026-06-01") == D("0.00008568")


def test_a_usage_object_with_bad_counts_is_a_clear_error():
    with pytest.raises(UsageLogError, match="input_tokens"):
        tc.response_cost({"input_tokens": -5, "output_tokens": 1, "cache_read_input_tokens": 0},
                         model="claude-sonnet-4", at=AT)
    with pytest.raises(UsageLogError, match="not a usage object"):
        tc.response_cost({"tokens": 5}, model="claude-sonnet-4", at=AT)


# -- model ids as users type them ---------------------------------------------------------------------
@pytest.mark.parametrize(("typed", "model"), [
    ("openai/gpt-4o", "gpt-4o"),
    ("GPT 4o", "gpt-4o"),
    ("claude-3-5-sonnet", "claude-3.5-sonnet"),
    ("claude-3-5-sonnet-20241022", "claude-3.5-sonnet"),
    ("anthropic.claude-3-5-sonnet-20240620-v1:0", "claude-3.5-sonnet"),
    ("claude-3-5-sonnet@20240620", "claude-3.5-sonnet"),
    # OpenRouter is a host of the tables: its own id is its own offer, priced at its own row
    ("openrouter/anthropic/claude-3.5-sonnet", "openrouter/anthropic/claude-3.5-sonnet"),
    ("models/gemini-1.5-pro", "gemini-1.5-pro"),
    ("gemini/gemini-2.5-pro", "gemini-2.5-pro"),
    ("gpt-4o-2024-05-13", "gpt-4o-2024-05-13"),  # a listed snapshot keeps its own prices
    ("claude-sonnet-4-20250514", "claude-sonnet-4"),
])
def test_model_ids_as_users_type_them(typed, model):
    assert tc.load_catalog().model_id(typed) == model


def test_a_name_two_models_fold_to_is_ambiguous_and_lists_both():
    text = """
sources: {s: {kind: vendor_page, url: "https://example.com"}}
models:
  acme-2.1: {provider: acme, versions: [{id: v, status: official, effective_from: 2025-01-01,
             rates: {input: 1, output: 2}, citations: [{source: s}]}]}
  acme.2-1: {provider: acme, versions: [{id: v, status: official, effective_from: 2025-01-01,
             rates: {input: 3, output: 4}, citations: [{source: s}]}]}
"""
    cat = Catalog(load_merged([], texts=[("acme.yaml", text)]))
    with pytest.raises(AmbiguousModelError) as e:
        cat.model_id("acme-2-1")
    assert e.value.candidates == ["acme-2.1", "acme.2-1"]
    assert cat.model_id("acme-2.1") == "acme-2.1"  # an exact spelling is never ambiguous


def test_an_unknown_model_is_an_error_with_suggestions_never_zero():
    with pytest.raises(UnknownModelError) as e:
        tc.request_cost("gpt-4oo", 10, 10, at=AT)
    assert "gpt-4o" in e.value.suggestions


def test_a_fine_tuned_id_without_fine_tune_rates_is_a_clear_error():
    with pytest.raises(NoPriceError, match="fine-tuned gpt-4o-mini.*no fine-tune price"):
        tc.request_cost("ft:gpt-4o-mini:acme::abc123", 10, 10, at=AT)


def test_a_fine_tuned_id_is_priced_at_the_fine_tune_rates_where_listed():
    text = """
sources: {s: {kind: vendor_page, url: "https://example.com"}}
models:
  base-1: {provider: acme, versions: [{id: v, status: official, effective_from: 2025-01-01,
           rates: {input: 1, output: 2}, fine_tuned: {input: 3, output: 6}, citations: [{source: s}]}]}
"""
    cat = Catalog(load_merged([], texts=[("ft.yaml", text)]))
    # 1,000 x $3 + 1,000 x $6 per Mtok
    assert tc.request_cost("ft:base-1:org::x", 1_000, 1_000, at="2025-06-01", catalog=cat) == D("0.009")
    assert tc.request_cost("base-1", 1_000, 1_000, at="2025-06-01", catalog=cat) == D("0.003")


# -- lifecycle --------------------------------------------------------------------------------------
def test_a_retired_name_after_its_retirement_names_the_date_and_the_successor():
    with pytest.raises(RetiredModelError) as e:
        tc.request_cost("deepseek-chat", 1_000, 100, at="2026-12-01")
    assert e.value.successor == "deepseek-v4-flash"
    assert "retired on 2026-07-24 15:59 UTC" in str(e.value) and "deepseek-v4-flash" in str(e.value)


def test_a_retired_name_still_prices_before_its_retirement():
    # 2026-07-24 15:58 UTC, one minute before: deepseek-chat = V4-Flash $0.14 / $0.28
    at = dt.datetime(2026, 7, 24, 15, 58, tzinfo=dt.timezone.utc)
    assert tc.request_cost("deepseek-chat", 1_000_000, 1_000_000, at=at) == D("0.42")
    with pytest.raises(RetiredModelError):
        tc.request_cost("deepseek-chat", 1, 1, at=dt.datetime(2026, 7, 24, 15, 59, tzinfo=dt.timezone.utc))


def test_the_alias_repointing_is_data():
    m = tc.load_catalog().model("deepseek-chat")
    assert [(s.model, str(s.effective_from)) for s in m.serves] == [("deepseek-v4-flash", "2026-04-24")]


# -- as of: possibly stale prices ---------------------------------------------------------------------
def test_a_price_after_the_data_date_is_flagged_not_refused():
    w = tc.Workload(tokens="1M/day", input_share="0.5")
    # the data date is the latest of the bundled files' (data/prices/*.yaml were read on 2026-12-01)
    assert tc.load_catalog().data_date.isoformat() == "2026-12-01"
    with pytest.warns(StalePriceWarning, match="after the tables' data date 2026-12-01"):
        c = tc.monthly_cost(w, "gpt-4o", at="2030-01-01")
    assert c.stale and "2030-01-01" in c.stale and "possibly stale" in str(c)
    # 15M x $2.50 + 15M x $10: the number is still given
    assert c.total == D("187.5")


def test_a_price_inside_the_data_date_is_not_flagged():
    with warnings.catch_warnings():
        warnings.simplefilter("error", StalePriceWarning)
        c = tc.monthly_cost(tc.Workload(tokens="1M/day", input_share="0.5"), "gpt-4o", at="2025-01-01")
    assert c.stale is None


def test_figures_unchecked_for_more_than_180_days_are_flagged():
    text = """
as_of: 2026-01-01
sources: {s: {kind: vendor_page, url: "https://example.com"}}
models:
  m: {provider: p, versions: [{id: v, status: official, effective_from: 2025-01-01, last_checked: 2025-03-01,
      rates: {input: 1, output: 2}, citations: [{source: s}]}]}
"""
    cat = Catalog(load_merged([], texts=[("old.yaml", text)]))
    res = cat.resolve("m", "2025-12-01")
    assert cat.staleness(res, res.version.start.replace(year=2025, month=12)) == (
        "m@v was last checked against its source on 2025-03-01, 275 days before 2025-12-01")
    assert cat.staleness(res, res.version.start.replace(month=6)) is None  # 92 days: fine
