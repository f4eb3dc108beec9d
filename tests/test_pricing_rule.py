"""The pricing rule is written once and every calculator prices through it.

Hand-worked cases for each stacking step, then the law that matters most: one request priced by
``request_cost``, by ``monthly_cost`` (a workload of exactly that request), by ``cost_usage`` (a
one-row log) and by the claim checker (a monthly-cost claim fixing that request) costs the
identical amount, for random models, instants and contexts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import tokencost as tc
from tokencost._claims.evaluate import check_claim
from tokencost._pricing import rule
from tokencost.errors import MissingRateError, NoPriceError, TokencostError, UnmodelledDiscountError

CAT = tc.load_catalog()
UTC = dt.timezone.utc


def regs(model: str, at: str):
    when = tc._catalog.catalog.to_utc(at)
    return rule.regimes(CAT, CAT.resolve(model, when), when)


# -- each step of the rule, by hand -------------------------------------------------------------
def test_a_prompt_above_the_threshold_prices_every_unit_at_the_tier_rates():
    r = rule.select(regs("gemini-2.5-pro", "2025-07-01"), prompt_tokens=200_001)
    assert (r.label, r.tier) == ("standard >200000", ">200000")
    assert r.rates == (D("2.50"), None, None, D("15.00"))  # no cached rate recorded before 2025-10-08


def test_a_prompt_at_the_threshold_stays_at_base_rates():
    r = rule.select(regs("gemini-2.5-pro", "2025-07-01"), prompt_tokens=200_000)
    assert (r.label, r.rates[0], r.rates[3]) == ("standard", D("1.25"), D("10.00"))


def test_batch_halves_the_rates_the_policy_covers_at_the_tier_of_the_prompt():
    r = rule.select(regs("gemini-2.5-pro", "2025-07-10"), prompt_tokens=300_000, batch=True)
    # Google's batch policy for 2.5 Pro from 2025-07-07: 50% off input and output (>200k: $2.50, $15)
    assert r.label == "batch >200000"
    assert (r.rates[0], r.rates[3]) == (D("1.25"), D("7.5"))


def test_batch_before_the_policy_starts_is_an_unmodelled_discount_not_a_list_price():
    with pytest.raises(UnmodelledDiscountError):
        rule.select(regs("gemini-2.5-pro", "2025-07-01"), batch=True)


def test_live_traffic_inside_the_window_pays_off_peak_rates_and_outside_it_list_rates():
    r = regs("deepseek-chat", "2025-03-01")
    night = rule.select(r, time_of_day=dt.time(17, 0))
    day = rule.select(r, time_of_day=dt.time(12, 0))
    assert (night.label, night.rates[0], night.rates[3]) == ("off-peak 16:30-00:30 UTC", D("0.135"), D("0.55"))
    assert (day.label, day.rates[0], day.rates[3]) == ("standard", D("0.27"), D("1.10"))


def test_off_peak_asked_for_on_a_model_without_windows_is_an_error():
    with pytest.raises(UnmodelledDiscountError):
        rule.select(regs("gpt-4o", "2025-01-01"), off_peak=True)


def test_mix_splits_live_traffic_by_window_length_after_batch():
    parts = rule.mix(regs("gpt-4o", "2025-01-01"), batch_share=Fraction(1, 4))
    assert [(w, r.label) for w, r in parts] == [(Fraction(1, 4), "batch"), (Fraction(3, 4), "standard")]
    parts = rule.mix(regs("deepseek-chat", "2025-03-01"), off_peak_share="uniform")
    assert [(w, r.segment) for w, r in parts] == [(Fraction(1, 3), "off-peak 16:30-00:30 UTC"),
                                                  (Fraction(2, 3), "standard")]


def test_regime_cost_counts_cache_reads_and_writes_inside_the_input():
    r = regs("claude-3.5-sonnet", "2024-09-01").standard()
    # fresh 1,000 x $3 + 2,000 reads x $0.30 + 500 writes x $3.75 + 100 out x $15 = 3,000 + 600 + 1,875 + 1,500 per Mtok
    assert r.cost(1_000, 2_000, 500, 100) == D("0.006975")


def test_versions_with_both_tiers_and_windows_are_rejected_rather_than_guessed():
    text = """
sources: {s: {kind: vendor_page, url: "https://example.com"}}
models:
  m:
    provider: p
    versions:
      - id: v
        status: official
        effective_from: 2025-01-01
        rates: {input: 1, output: 2}
        tiers: [{above_prompt_tokens: 100, rates: {input: 2, output: 4}}]
        off_peak: [{start: "16:30", end: "00:30", rates: {input: 0.5, output: 1}}]
        citations: [{source: s}]
"""
    from tokencost._catalog.loader import load_merged
    with pytest.raises(TokencostError, match="tiers and off-peak windows"):
        load_merged([], texts=[("both.yaml", text)])


# -- defects found in use -----------------------------------------------------------------------
def test_per_request_input_volume_selects_the_context_tier():
    # 2,500 requests/day x 250k prompt tokens: above Gemini 2.5 Pro's 200k threshold.
    # input 2500 x 250,000 x 30 = 18.75 Btok x $2.50 = $46,875; output 2500 x 500 x 30 = 37.5 Mtok x $15 = $562.50
    w = tc.Workload(input="2500 requests/day x 250k tokens", output="2500 requests/day x 500 tokens")
    c = tc.monthly_cost(w, "gemini-2.5-pro", at="2025-07-01")
    assert (w.prompt_tokens, c.tier, c.total) == (250_000, ">200000", D("47437.50"))


def test_a_weekly_volume_is_exact_and_its_lines_say_they_have_no_finite_decimal_form():
    # 50M/week x 30/7 weeks = 1,500M/7 tokens; 3/4 input: 1,125M/7 x $2.50 + 375M/7 x $10 = 937.5 exactly
    c = tc.monthly_cost(tc.Workload(tokens="50M tokens/week", input_share="0.75"), "gpt-4o", at="2025-01-01")
    assert c.exact and c.total == D("937.5") and c.total_exact == 937.5
    assert [li.exact for li in c.lines] == [False, False]
    assert c.lines[0].tokens_exact == Fraction(1_125_000_000, 7)
    assert "1125000000/7 (= 160714285.714286…)" in str(c)
    assert "rounded half-up to the cent from the exact 937.5" in str(c)


def test_lines_priced_in_thirds_that_sum_to_a_finite_total_are_exact():
    # 50M/day, 70% input, 1/3 off-peak: 189 + 47.25 + 330 + 82.5 = 648.75
    w = tc.Workload(tokens="50M/day", input_share="0.7", off_peak_share="uniform")
    c = tc.monthly_cost(w, "deepseek-chat", at="2025-03-15")
    assert c.exact and c.total == D("648.75")
    assert all(li.exact for li in c.lines)


def test_an_input_share_given_as_a_fraction_is_held_exactly():
    w = tc.Workload(tokens="90M/day", input_share="8/9")
    assert w.input_share == Fraction(8, 9)
    # 2.7 Btok: 2.4 B input x $2.50 + 0.3 B output x $10 = $9,000
    assert tc.monthly_cost(w, "gpt-4o", at="2025-01-01").total == D("9000")


def test_claims_price_cache_and_batch_through_the_rule():
    # 100M tokens a month on gpt-4o (2025-01-01), all input, half of it cache reads, all batch:
    # 50M fresh x $2.50 x 0.5 + 50M cached x $1.25 (batch covers input and output only) = 62.5 + 62.5
    claim = tc.Claim(id="c", kind="monthly_cost", stated="$125", subject="gpt-4o", at="2025-01-01",
                     fixed={"tokens": "100M/month", "input_share": 1, "cached_share": "0.5", "batch_share": 1})
    r = check_claim(claim, CAT)
    s = r.scenarios[0]
    assert (s.computed_min, s.computed_max, r.verdict) == (125, 125, "holds")


# -- the four paths agree ----------------------------------------------------------------------
PRICED = sorted(m for m in CAT if any(v.status in ("official", "promotional") and v.currency == "USD"
                                      for v in CAT.model(m).versions))
days = st.dates(dt.date(2023, 3, 1), dt.date(2026, 9, 1))
counts = st.integers(0, 400_000) | st.sampled_from([0, 1, 128_000, 128_001, 200_000, 200_001])


def _four_paths(model: str, day: dt.date, i: int, c: int, w: int, o: int, batch: bool):
    """The cost of one request by each calculator (or the error each raises)."""
    at = dt.datetime(day.year, day.month, day.day, tzinfo=UTC)
    res = CAT.resolve(model, at)
    in_window = any(win.contains(dt.time(0)) for win in res.version.off_peak) and not batch
    out: dict[str, object] = {}
    try:
        out["request"] = tc.request_cost(model, i, o, c, w, at=at, batch=batch, catalog=CAT)
    except TokencostError as exc:
        out["request"] = type(exc)
    shares = {"cached_share": Fraction(c, i) if i else 0, "cache_write_share": Fraction(w, i) if i else 0,
              "batch_share": 1 if batch else 0, "off_peak_share": 1 if in_window else 0}
    try:
        wl = tc.Workload(input=i, output=o, prompt_tokens=i, **shares)
        out["workload"] = tc.monthly_cost(wl, model, at, catalog=CAT).total_exact
    except TokencostError as exc:
        out["workload"] = type(exc)
    log = pd.DataFrame({"timestamp": [pd.Timestamp(at)], "model": [model], "input_tokens": [i],
                        "output_tokens": [o], "cached_tokens": [c], "cache_write_tokens": [w], "batch": [batch]})
    u = tc.cost_usage(log, CAT, errors="report")
    out["usage"] = u.total if u.rejected.empty else "rejected"
    claim = tc.Claim(id="p", kind="monthly_cost", stated="$1", subject=model, at=day,
                     fixed={"tokens": i + o, "input_share": Fraction(i, i + o), "prompt_tokens": i, **shares})
    s = check_claim(claim, CAT).scenarios[0]
    out["claims"] = s.computed_min if s.verdict != "unverifiable" else "unverifiable"
    return out


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(model=st.sampled_from(PRICED), day=days, i=counts, o=counts, batch=st.booleans(), data=st.data())
def test_request_workload_usage_and_claims_price_one_request_identically(model, day, i, o, batch, data):
    assume(i + o > 0)
    try:
        CAT.resolve(model, dt.datetime(day.year, day.month, day.day, tzinfo=UTC))
    except NoPriceError:
        assume(False)
    c = data.draw(st.integers(0, i), label="cached")
    w = data.draw(st.integers(0, i - c), label="cache_write")
    got = _four_paths(model, day, i, c, w, o, batch)
    if isinstance(got["request"], type):  # refused: no batch discount, or a rate the request needs is missing
        assert got["request"] in (UnmodelledDiscountError, MissingRateError)
        assert got["workload"] is got["request"]
        assert got["usage"] == "rejected" and got["claims"] == "unverifiable"
    else:
        exact = Fraction(got["request"])
        assert got["workload"] == exact
        assert Fraction(got["usage"]) == exact
        assert got["claims"] == exact


def test_the_four_paths_agree_on_a_batch_request_on_a_tiered_model():
    # 250k prompt (40k cache reads) + 2k output on gemini-2.5-pro, batch, 2025-11-01:
    # >200k tier: fresh 210,000 x $2.50 + 40,000 x $0.25 + 2,000 x $15 = 0.525 + 0.01 + 0.03 = $0.565;
    # the batch policy halves input and output, not cache reads: 0.2625 + 0.01 + 0.015 = $0.2875
    got = _four_paths("gemini-2.5-pro", dt.date(2025, 11, 1), 250_000, 40_000, 0, 2_000, True)
    assert got == {"request": D("0.2875"), "workload": Fraction("0.2875"), "usage": D("0.2875"),
                   "claims": Fraction("0.2875")}


def test_the_four_paths_refuse_together_when_a_needed_rate_is_missing():
    got = _four_paths("gemini-2.5-pro", dt.date(2025, 8, 1), 250_000, 40_000, 0, 2_000, True)
    assert got == {"request": MissingRateError, "workload": MissingRateError, "usage": "rejected",
                   "claims": "unverifiable"}


# -- the paths agree on 1-hour cache writes, reasoning and service tiers -----------------------------
# The claim checker's `fixed` context has no 1-hour-write, reasoning or service-tier share, so it joins
# only where those are absent (standard or batch, no 1-hour writes, no reasoning split).
TIERS = ("standard", "batch", "flex", "priority")
RICH = ["gpt-5", "claude-sonnet-4"]  # flex/priority tiers; 1-hour cache writes


def _paths_every_unit(model: str, day: dt.date, i: int, c: int, w: int, w1h: int, o: int, r: int, tier: str):
    at = dt.datetime(day.year, day.month, day.day, tzinfo=UTC)
    res = CAT.resolve(model, at)
    in_window = any(win.contains(dt.time(0)) for win in res.version.off_peak) and tier == "standard"
    out: dict[str, object] = {}
    try:
        out["request"] = tc.request_cost(model, i, o, c, w, at=at, cache_write_1h_tokens=w1h, reasoning_tokens=r,
                                         service_tier=tier, catalog=CAT)
    except TokencostError as exc:
        out["request"] = type(exc)
    shares = {"cached_share": Fraction(c, i) if i else 0, "cache_write_share": Fraction(w, i) if i else 0,
              "batch_share": 1 if tier == "batch" else 0, "off_peak_share": 1 if in_window else 0}
    try:
        wl = tc.Workload(input=i, output=o, prompt_tokens=i, cache_write_1h_share=Fraction(w1h, i) if i else 0,
                         reasoning_share=Fraction(r, o) if o else 0, flex_share=1 if tier == "flex" else 0,
                         priority_share=1 if tier == "priority" else 0, **shares)
        out["workload"] = tc.monthly_cost(wl, model, at, catalog=CAT).total_exact
    except TokencostError as exc:
        out["workload"] = type(exc)
    log = pd.DataFrame({"timestamp": [pd.Timestamp(at)], "model": [model], "input_tokens": [i],
                        "output_tokens": [o], "cached_tokens": [c], "cache_write_tokens": [w],
                        "cache_write_1h_tokens": [w1h], "reasoning_tokens": [r], "service_tier": [tier]})
    u = tc.cost_usage(log, CAT, errors="report")
    out["usage"] = u.total if u.rejected.empty else "rejected"
    if not w1h and not r and tier in ("standard", "batch"):
        claim = tc.Claim(id="p", kind="monthly_cost", stated="$1", subject=model, at=day,
                         fixed={"tokens": i + o, "input_share": Fraction(i, i + o), "prompt_tokens": i, **shares})
        s = check_claim(claim, CAT).scenarios[0]
        out["claims"] = s.computed_min if s.verdict != "unverifiable" else "unverifiable"
    return out


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(model=st.sampled_from(RICH * 4 + PRICED), day=st.dates(dt.date(2025, 5, 22), dt.date(2026, 9, 1)),
       i=counts, o=counts, tier=st.sampled_from(TIERS), data=st.data())
def test_the_paths_price_1h_cache_writes_reasoning_and_service_tiers_identically(model, day, i, o, tier, data):
    assume(i + o > 0)
    try:
        CAT.resolve(model, dt.datetime(day.year, day.month, day.day, tzinfo=UTC))
    except NoPriceError:
        assume(False)
    c = data.draw(st.integers(0, i), label="cached")
    w = data.draw(st.integers(0, i - c), label="cache_write")
    w1h = data.draw(st.sampled_from([0, i - c - w]) | st.integers(0, i - c - w), label="cache_write_1h")
    r = data.draw(st.integers(0, o), label="reasoning")
    got = _paths_every_unit(model, day, i, c, w, w1h, o, r, tier)
    if isinstance(got["request"], type):  # refused: a tier or a rate the version lacks
        assert got["request"] in (UnmodelledDiscountError, MissingRateError)
        assert got["workload"] is got["request"]
        assert got["usage"] == "rejected" and got.get("claims", "unverifiable") == "unverifiable"
    else:
        exact = Fraction(got["request"])
        assert got["workload"] == exact
        assert Fraction(got["usage"]) == exact
        assert got.get("claims", exact) == exact


def test_the_paths_agree_on_a_flex_gpt5_request_with_reasoning():
    # gpt-5, 2025-09-01, flex (0.5 x input, cached input, output): 100k prompt of which 40k cached,
    # 10k output of which 6k reasoning (billed as output: gpt-5 lists no reasoning rate of its own):
    # 60,000 x $0.625 + 40,000 x $0.0625 + 10,000 x $5 per Mtok = 0.0375 + 0.0025 + 0.05 = $0.09
    got = _paths_every_unit("gpt-5", dt.date(2025, 9, 1), 100_000, 40_000, 0, 0, 10_000, 6_000, "flex")
    assert got == {"request": D("0.09"), "workload": Fraction("0.09"), "usage": D("0.09")}


def test_the_paths_agree_on_1h_cache_writes_on_claude_sonnet_4():
    # claude-sonnet-4, 2025-09-01: 100k prompt = 50k fresh + 10k reads + 20k 5-min + 20k 1-h writes; 1k output:
    # 50,000 x $3 + 10,000 x $0.30 + 20,000 x $3.75 + 20,000 x $6 + 1,000 x $15 per Mtok
    # = 0.15 + 0.003 + 0.075 + 0.12 + 0.015 = $0.363
    got = _paths_every_unit("claude-sonnet-4", dt.date(2025, 9, 1), 100_000, 10_000, 20_000, 20_000, 1_000, 0,
                            "standard")
    assert got == {"request": D("0.363"), "workload": Fraction("0.363"), "usage": D("0.363")}
