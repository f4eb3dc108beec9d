"""A claim that compares with a model retired before the claim's date is read at that model's last list
price, and says so: the article can only have meant the price the model had when it was last sold.

Claude 3.5 Sonnet was retired from Anthropic's API on 2025-10-28 (deprecated 2025-08-13); its last list
price was $3 input / $15 output per million tokens (cache read $0.30, write $3.75)."""

from __future__ import annotations

import pytest

import tokencost as tc
from tokencost.errors import RetiredModelError
from tokencost._claims.result import HEADLINE, RETIRED

CAT = tc.load_catalog()


def check(**kw) -> tc.ClaimResult:
    kw.setdefault("id", "case")
    return tc.check_claim(tc.Claim(**kw), CAT)


def test_claude_3_5_sonnet_cannot_be_priced_after_its_retirement():
    with pytest.raises(RetiredModelError, match="2025-10-28"):
        tc.request_cost("claude-3.5-sonnet", input_tokens=1000, output_tokens=0, at="2025-11-01")
    # the day before, it is still sold at $3 / $15: 1M input + 1M output = $18
    assert tc.request_cost("claude-3.5-sonnet", input_tokens=10**6, output_tokens=10**6,
                           at="2025-10-27") == 18


def test_a_baseline_retired_before_the_claim_date_is_read_at_its_last_list_price():
    # gpt-4o-mini output $0.60 vs Sonnet's last $15: 1 - 0.6/15 = 96% cheaper, exactly
    r = check(kind="percent_cheaper", stated="96%", basis="output", subject="gpt-4o-mini",
              baseline="claude-3.5-sonnet", at="2026-05-01")
    assert r.verdict == "holds"
    s = r.best
    assert s.scenario == RETIRED and s.scenario in HEADLINE
    assert s.baseline_version == "caching-2024-08"
    assert s.computed_min == s.computed_max == 96
    assert "retired before the claim date" in r.reason
    assert any("retired on 2025-10-28" in step for step in s.steps)


def test_before_the_retirement_the_same_claim_is_read_at_the_claim_date():
    r = check(kind="percent_cheaper", stated="96%", basis="output", subject="gpt-4o-mini",
              baseline="claude-3.5-sonnet", at="2025-06-01")
    assert r.verdict == "holds" and r.best.scenario == "at claim date"
    assert "retired" not in r.reason


def test_a_subject_retired_before_the_claim_date_is_read_at_its_last_list_price_too():
    # Sonnet's last $3 input vs gpt-4o's $2.50 on 2026-05-01: Sonnet costs 120% of it, i.e. "20% more"
    # is no saving; "6/5 of the cost" states exactly the computed share
    r = check(kind="cost_fraction", stated="120%", basis="input", subject="claude-3.5-sonnet",
              baseline="gpt-4o", at="2026-05-01")
    assert r.best.scenario == RETIRED
    assert r.best.computed_min == r.best.computed_max == 120
    assert r.verdict == "holds"
