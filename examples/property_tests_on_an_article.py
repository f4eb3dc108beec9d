"""Property tests a reader might write about one article: Briefly Global's "DeepSeek R2: China's
New AI Model Shocks" (2026-05-01, article 004 in data/claims.yaml).

The article says: "processes 100 million tokens a day, switching to DeepSeek R2 saves you roughly
$42,000 per month", and R2 costs $0.14 input / $0.28 output per million tokens. It names neither
the model you switch from nor how much of the traffic is input. These tests pin down when the
figure holds, for every input share in a range rather than at a few hand-picked points.

Run: pytest examples/property_tests_on_an_article.py   (needs pip install 'tokencost[testing]')
"""

from decimal import Decimal

import pytest
from hypothesis import given

import tokencost as tc
from tokencost.testing import ClaimCounterexample, assert_claim_holds, assert_cost_equal, claim_value, workloads

CLAIM = "a004-saves-42k-per-month"  # "saves you roughly $42,000 per month" at 100M tokens/day
R2 = "deepseek-r2@article-004-launch"  # the article's own figures: $0.14 in / $0.28 out
ON_ARTICLE_DATE = "2026-05-01"


def test_the_saving_holds_against_gpt_4_turbo_for_three_quarters_to_four_fifths_input():
    # GPT-4 Turbo at its list price ($10 / $30): at 80% input, 3,000M tokens save
    # 2,400M x (10 - 0.14) + 600M x (30 - 0.28) = $23,664 + $17,832 = $41,496, within "roughly $42,000"
    assert_claim_holds(CLAIM, baseline="gpt-4-turbo@official-2023-11-06",
                       over=workloads(tokens="100M/day", input_share=(0.75, 0.85)))


def test_the_saving_holds_against_claude_3_5_sonnet_only_for_output_heavy_traffic():
    assert_claim_holds(CLAIM, baseline="claude-3.5-sonnet",
                       over=workloads(tokens="100M/day", input_share=(0, 0.17)))


def test_against_gpt_4o_the_smallest_counterexample_is_reported_as_a_workload():
    # GPT-4o ($2.50 / $10) never costs enough more: the saving tops out at $29,160 (all output)
    with pytest.raises(ClaimCounterexample) as failure:
        assert_claim_holds(CLAIM, baseline="gpt-4o", over=workloads(tokens="100M/day", input_share=(0, 1)))
    assert "100,000,000 tokens/day" in str(failure.value)
    assert failure.value.value < 37_800  # the bottom of "roughly $42,000" (±10%)


@given(workloads(tokens="100M/day", input_share=(0, 1)))
def test_no_input_share_makes_gpt_4o_save_more_than_29_160_a_month(w):
    saved = claim_value(CLAIM, w, baseline="gpt-4o")
    assert 0 < saved <= 29_160


@given(workloads(tokens="100M/day", input_share=(0.01, 1)))
def test_the_article_is_wrong_that_r2_is_60_percent_cheaper_than_gpt_4o_on_input(w):
    # the input side alone: 100 x (2.50 - 0.14) / 2.50 = 94.4%, whatever the mix (as long as there is input)
    assert claim_value("a004-input-60pct-vs-gpt4o", w) == Decimal("94.4")


@given(workloads(tokens=(10**6, 10**11), input_share=(0, 1)))
def test_the_saving_grows_in_proportion_to_the_volume(w):
    one = tc.savings(w, "gpt-4o", R2, ON_ARTICLE_DATE).absolute
    ten = tc.savings(w.scaled(10), "gpt-4o", R2, ON_ARTICLE_DATE).absolute
    assert_cost_equal(ten, one * 10)
