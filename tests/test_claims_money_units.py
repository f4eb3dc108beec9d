"""Prices written in cents, in yuan, or per 1K tokens: what the claim language reads them as, and the
verdicts with hand-worked figures (docs/claims.md, "Money: cents, yuan, per 1K tokens")."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tokencost as tc
from tokencost._claims.stated import Bound, Interval, parse_stated
from tokencost.errors import ClaimError

CAT = tc.load_catalog()


def check(**kw) -> tc.ClaimResult:
    kw.setdefault("id", "case")
    return tc.check_claim(tc.Claim(**kw), CAT)


def half_up(text: str, kind: str = "price") -> Interval:
    return parse_stated(text, None, kind=kind).intervals["half_up"]


# --- reading the figure ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, value, currency, lo, hi", [
    ("15 cents", Fraction(15, 100), "USD", Fraction(145, 1000), Fraction(155, 1000)),   # to the cent
    ("12.5 cents", Fraction(1, 8), "USD", Fraction(1245, 10000), Fraction(1255, 10000)),  # to a tenth of a cent
    ("¥2", Fraction(2), "CNY", Fraction(3, 2), Fraction(5, 2)),
    ("2 yuan", Fraction(2), "CNY", Fraction(3, 2), Fraction(5, 2)),
    ("RMB 3", Fraction(3), "CNY", Fraction(5, 2), Fraction(7, 2)),
    ("CNY 0.2", Fraction(1, 5), "CNY", Fraction(15, 100), Fraction(25, 100)),
    # per 1K: "$0.002" means [0.0015, 0.0025) per 1K tokens = [1.5, 2.5) per million, exactly
    ("$0.002 per 1K tokens", Fraction(2), "USD", Fraction(3, 2), Fraction(5, 2)),
    ("$0.03 per thousand tokens", Fraction(30), "USD", Fraction(25), Fraction(35)),
    ("$0.06 per 1,000 completion tokens", Fraction(60), "USD", Fraction(55), Fraction(65)),
    ("0.2 cents per 1K tokens", Fraction(2), "USD", Fraction(3, 2), Fraction(5, 2)),  # /100 then x1000
    ("$0.25 per million input tokens", Fraction(1, 4), "USD", Fraction(245, 1000), Fraction(255, 1000)),
])
def test_cents_yuan_and_per_thousand_prices_read_exactly(text, value, currency, lo, hi):
    s = parse_stated(text, None, kind="price")
    assert (s.value, s.currency, s.unit) == (value, currency, "usd")
    assert s.intervals["half_up"] == Interval(Bound(lo), Bound(hi, closed=False))


@pytest.mark.parametrize("text, kind, words", [
    ("$0.002 per 1K tokens", "monthly_cost", "is a price per tokens"),   # a rate is not a monthly amount
    ("€2", "price", r"only US dollars \(and cents\) and yuan"),           # no EUR prices or rates are recorded
    ("5% per 1K tokens", "price", "mixes a percentage with money"),
])
def test_money_the_checker_cannot_read_is_refused_with_the_reason(text, kind, words):
    with pytest.raises(ClaimError, match=words):
        parse_stated(text, None, kind=kind)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 10**6), st.integers(0, 4))
def test_per_thousand_is_exactly_a_thousand_times_the_same_figure_per_million(n, places):
    digits = f"{n // 10 ** places}.{n % 10 ** places:0{places}d}" if places else str(n)
    per_m = parse_stated(f"${digits}", None, kind="price")
    per_k = parse_stated(f"${digits} per 1K tokens", None, kind="price")
    assert per_k.value == per_m.value * 1000
    for r, iv in per_m.intervals.items():
        k = per_k.intervals[r]
        assert (k.lo.value, k.hi.value) == (iv.lo.value * 1000, iv.hi.value * 1000)
        assert (k.lo.closed, k.hi.closed) == (iv.lo.closed, iv.hi.closed)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 10**5))
def test_cents_are_exactly_a_hundredth_of_dollars(n):
    cents = parse_stated(f"{n} cents", None, kind="price")
    assert cents.value == Fraction(n, 100)
    dollars = parse_stated(f"${n}", None, kind="price")
    assert cents.intervals["half_up"].lo.value == dollars.intervals["half_up"].lo.value / 100


# --- verdicts -------------------------------------------------------------------------------------------
def test_fifteen_cents_is_gpt4o_minis_input_price():
    # gpt-4o mini at launch (2024-07-18): $0.15 input, $0.60 output per million tokens
    assert check(kind="price", stated="15 cents", component="input", subject="gpt-4o-mini",
                 at="2024-08-01").verdict == "holds"
    r = check(kind="price", stated="60 cents", component="input", subject="gpt-4o-mini", at="2024-08-01")
    assert r.verdict == "overstated"  # 60 cents is its output price, above the $0.15 input price


def test_a_price_per_thousand_tokens_is_checked_per_million():
    # gpt-4 (2023-03-14): $30 input, $60 output per million = $0.03 / $0.06 per 1K
    for stated, comp in (("$0.03 per 1K tokens", "input"), ("$0.06 per thousand tokens", "output")):
        assert check(kind="price", stated=stated, component=comp, subject="gpt-4", at="2023-06-01").verdict == "holds"
    # GPT-4 Turbo (2023-11-06): $10 input; "$0.01 per 1K" holds, "$0.003 per 1K" ($3/M) is understated
    assert check(kind="price", stated="$0.01 per 1K tokens", component="input", subject="gpt-4-turbo",
                 at="2023-11-07").verdict == "holds"
    assert check(kind="price", stated="$0.003 per 1K tokens", component="input", subject="gpt-4-turbo",
                 at="2023-11-07").verdict == "understated"


def test_a_yuan_price_is_compared_with_the_cny_list_price():
    # DeepSeek V3.2-Exp (2025-09-29) CNY list: input ¥2 (cache miss), ¥0.2 (cache hit), output ¥3
    r = check(kind="price", stated="2 yuan", component="input", subject="deepseek-chat", at="2025-10-15")
    assert r.verdict == "holds"
    assert "v3-2-2025-09-cny" in r.reason and "¥2/Mtok" in r.reason
    assert check(kind="price", stated="RMB 3", component="output", subject="deepseek-chat",
                 at="2025-10-15").verdict == "holds"
    assert check(kind="price", stated="¥0.2", component="cached_input", subject="deepseek-chat",
                 at="2025-10-15").verdict == "holds"
    # ¥2 written for the $0.28 USD price would be ¥2 too; "¥0.28" is a dollar figure in yuan: understated
    assert check(kind="price", stated="¥0.28", component="input", subject="deepseek-chat",
                 at="2025-10-15").verdict == "understated"


def test_a_yuan_price_of_a_model_with_usd_prices_only_is_converted_at_the_recorded_rate():
    # kimi-k2 (2026-06-15): $0.57 input; the latest recorded rate on or before 2026-07-20 is 0.14 USD/CNY
    # (2026-04-26), so $0.57 = 0.57 / 0.14 = 57/14 = ¥4.0714...; "4 yuan" means [3.5, 4.5): holds
    r = check(kind="price", stated="4 yuan", component="input", subject="kimi-k2", at="2026-07-20")
    assert r.verdict == "holds"
    assert r.scenarios[0].computed_min == Fraction(57, 14)
    assert "0.14 USD/CNY (2026-04-26" in r.reason


def test_a_yuan_price_before_any_recorded_exchange_rate_cannot_be_read():
    # the first CNY rate is recorded for 2024-05-06; gpt-4 has USD prices only
    r = check(kind="price", stated="¥200", component="input", subject="gpt-4", at="2023-06-01")
    assert r.verdict == "unverifiable"
    assert "no exchange rate" in r.reason


def test_a_monthly_cost_in_yuan_is_converted_to_usd_at_the_claim_dates_rate():
    # deepseek-chat 2025-10-15: $0.28 input; 100M input tokens/day x 30 days = 3,000 Mtok -> $840.
    # "about ¥6,000" = [5,400, 6,600] yuan x 0.140461 USD/CNY (2025-09-29) = [$758.4894, $927.0426]: holds
    r = check(kind="monthly_cost", stated="¥6,000", hedge="about", subject="deepseek-chat", at="2025-10-15",
              fixed={"tokens": "100M/day", "input_share": "1"})
    assert r.verdict == "holds"
    assert r.scenarios[0].computed_min == 840
    assert "758.4894" in r.reason and "0.140461 USD/CNY" in r.reason
    # "¥4,000" ([3,500, 4,500) -> [$491.6135, $632.0745)) is below $840: understated
    assert check(kind="monthly_cost", stated="¥4,000", subject="deepseek-chat", at="2025-10-15",
                 fixed={"tokens": "100M/day", "input_share": "1"}).verdict == "understated"


ACME = """
sources:
  acme-pricing: {kind: vendor_page, url: "https://example.com/acme", publisher: Acme, retrieved: 2025-07-01}
  acme-fx: {kind: other, url: "https://example.com/fx", publisher: Acme}
models:
  acme-cn:
    provider: acme
    versions:
      - {id: usd-2025-01, status: official, effective_from: 2025-01-01, rates: {input: 1.00, output: 4.00},
         citations: [{source: acme-pricing}]}
      - {id: cny-2025-06, status: official, effective_from: 2025-06-01, currency: CNY, rates: {input: 8, output: 30},
         citations: [{source: acme-pricing}]}
exchange_rates:
  - {currency: CNY, usd_per_unit: 0.14, "on": 2025-01-01, source: acme-fx}
"""


def test_a_yuan_price_uses_the_cny_list_once_there_is_one_and_converts_before(tmp_path):
    f = tmp_path / "acme.yaml"
    f.write_text(ACME, encoding="utf-8")
    cat = tc.load_catalog(f)
    claim = {"id": "c", "kind": "price", "component": "input", "subject": "acme-cn"}
    # 2025-03-01: no CNY list yet; $1 / 0.14 = ¥50/7 = ¥7.142857...; "¥7" means [6.5, 7.5): holds
    r = tc.check_claim(tc.Claim(stated="¥7", at="2025-03-01", **claim), cat)
    assert r.verdict == "holds" and r.scenarios[0].computed_min == Fraction(50, 7)
    # 2025-07-01: the CNY list (¥8) wins over converting $1 (¥7.14): "¥7" is now understated
    r = tc.check_claim(tc.Claim(stated="¥7", at="2025-07-01", **claim), cat)
    assert r.verdict == "understated" and "cny-2025-06" in r.reason


# --- a price in a service tier (fixed.service_tier) -----------------------------------------------------
def test_a_batch_price_is_the_list_price_under_the_batch_discount_then():
    # gpt-4o (2024-10-02): $2.50 input; OpenAI batch policy (2024-04-15): 50% off -> $1.25
    r = check(kind="price", stated="$1.25", component="input", subject="gpt-4o", at="2024-11-01",
              fixed={"service_tier": "batch"})
    assert r.verdict == "holds" and "in batch (policy openai-batch-2024-04)" in r.reason
    # claude-3-haiku: $0.25 input; Anthropic's Message Batches (2024-10-08): 50% off -> 12.5 cents
    assert check(kind="price", stated="12.5 cents", component="input", subject="claude-3-haiku", at="2024-10-09",
                 fixed={"service_tier": "batch"}).verdict == "holds"
    # the same figure as a list price is understated
    assert check(kind="price", stated="12.5 cents", component="input", subject="claude-3-haiku",
                 at="2024-10-09").verdict == "understated"


def test_a_batch_price_before_any_batch_discount_is_contradicted():
    r = check(kind="price", stated="12.5 cents", component="input", subject="claude-3-haiku", at="2024-06-01",
              fixed={"service_tier": "batch"})
    assert r.verdict == "contradicted" and "no batch discount is recorded" in r.reason


def test_a_flex_price_is_the_flex_tiers_rate():
    # gpt-5 (2025-08-07): $1.25 input standard, flex at half: $0.625
    assert check(kind="price", stated="$0.625", component="input", subject="gpt-5", at="2025-09-01",
                 fixed={"service_tier": "flex"}).verdict == "holds"


def test_reports_show_a_yuan_prices_computed_values_in_yuan():
    c = tc.Claim(id="cny", kind="price", stated="2 yuan", component="input", subject="deepseek-chat",
                 at="2025-10-15")
    rep = tc.claim_report([c], CAT)
    md = rep.to_markdown()
    assert "| at claim date |  | v3-2-2025-09-cny | CN¥2.00 | holds | as stated |" in md
    assert "CN¥2.00" in rep["cny"]._repr_html_()
