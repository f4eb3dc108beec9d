"""A discount written as a share of the standard price ("cache reads cost 10% of the base input price",
"a quarter of the price", "half price"): read as 100 x component rate / standard rate, with the verdict
direction of a share (a smaller share flatters the discount)."""

from __future__ import annotations

import tokencost as tc

CAT = tc.load_catalog()


def check(**kw) -> tc.ClaimResult:
    kw.setdefault("id", "case")
    return tc.check_claim(tc.Claim(**kw), CAT)


SONNET_CACHE = {"kind": "discount", "component": "cached_input", "basis": "input", "subject": "claude-3.5-sonnet",
                "at": "2024-09-01"}


def test_a_cache_read_at_ten_percent_of_the_input_price_holds():
    # claude-3.5-sonnet (prompt caching, 2024-08): cache read $0.30, input $3 -> 100 x 0.30 / 3 = 10%
    r = check(stated="10% of the base input token price", **SONNET_CACHE)
    assert r.verdict == "holds"
    assert r.scenarios[0].computed_min == 10 and "10% of the standard input rate" in r.reason


def test_the_same_discount_as_a_percentage_off_holds_too():
    assert check(stated="90%", **SONNET_CACHE).verdict == "holds"          # 100 x (1 - 0.30 / 3)
    assert check(stated="90% off", **SONNET_CACHE).verdict == "holds"


def test_a_smaller_share_than_the_data_flatters_the_discount_and_is_overstated():
    # "5% of the price" claims a 95% discount; the data gives 10% of the price (a 90% discount)
    assert check(stated="5% of the price", **SONNET_CACHE).verdict == "overstated"
    assert check(stated="a fifth of the price", **SONNET_CACHE).verdict == "understated"  # 20% of it


def test_half_price_in_batch_is_a_fifty_percent_share():
    # OpenAI batch (from 2024-04-15): half of gpt-4o's $5 / $15 on any mix
    r = check(kind="discount", stated="half", component="batch", subject="gpt-4o", at="2024-06-01")
    assert r.verdict == "holds" and r.scenarios[0].computed_min == r.scenarios[0].computed_max == 50
