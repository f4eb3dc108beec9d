"""tokencost.testing: its strategies draw valid values that respect every pin, its assertions fail
with messages a person can act on, and hypothesis finds the strategies through the entry point."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tomllib
from decimal import Decimal
from fractions import Fraction
from importlib import import_module
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc
from profiles import examples
from tokencost.errors import ClaimError
from tokencost.testing import (
    ClaimCounterexample,
    Request,
    assert_claim_holds,
    assert_cost_equal,
    catalogs,
    claim_value,
    claims,
    price_versions,
    requests,
    usage_frames,
    workloads,
)

ROOT = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------------------------------------ strategies
@examples(60)
@given(workloads(tokens="100M/day", input_share=(0.6, 0.9)))
def test_workloads_keep_a_pinned_volume_and_draw_the_share_inside_its_range(w):
    assert (w.tokens.tokens, w.tokens.per) == (Decimal(100_000_000), "day")
    assert Decimal("0.6") <= w.input_share <= Decimal("0.9")
    assert w.batch_share == 0 and w.cached_share == 0 and w.off_peak_share is None


@examples(60)
@given(workloads(cached_share=(0, 1), cache_write_share=(0, 1), batch_share=st.just("0.5"), month="31d"))
def test_workloads_always_form_a_valid_mix(w):
    assert w.cached_share + w.cache_write_share <= 1
    assert w.batch_share == Decimal("0.5") and w.month.days() == 31


@examples(40)
@given(price_versions(rates={"input": "2.50"}, tiers=True, batch=True, status="promotional"))
def test_price_versions_keep_pinned_rates_and_carry_the_extras_asked_for(v):
    assert v.rates.input == Decimal("2.50") and v.status == "promotional"
    assert v.tiers and v.batch is not None and not v.off_peak
    assert [t.above_prompt_tokens for t in v.tiers] == sorted({t.above_prompt_tokens for t in v.tiers})


def test_price_versions_refuse_tiers_with_off_peak_windows_as_the_schema_does():
    with pytest.raises(ValueError, match="not modelled"):
        price_versions(tiers=True, off_peak=True)


@examples(30)
@given(catalogs(models=["acme-small", "acme-large"], versions=3))
def test_catalogs_have_consecutive_versions_and_price_every_day_from_the_start(cat):
    assert sorted(cat) == ["acme-large", "acme-small"]
    for mid in cat:
        vs = cat.versions(mid)
        assert len(vs) == 3 and vs[-1].effective_to is None
        assert all(a.end == b.start for a, b in zip(vs, vs[1:]))
        assert cat.price(mid, "2024-01-01").id == "v1"


@examples(40)
@given(claims(kind="percent_cheaper", subject="deepseek-chat", baseline="gpt-4o", input_share=(0.5, 1)))
def test_claims_with_pins_can_be_checked(claim):
    assert (claim.subject, claim.baseline, claim.free["input_share"]) == ("deepseek-chat", "gpt-4o", ("0.5", "1"))
    assert tc.check_claim(claim).verdict in ("holds", "holds-if", "understated", "overstated", "contradicted")


@examples(40)
@given(claims())
def test_every_generated_claim_gets_a_verdict(claim):
    assert tc.check_claim(claim).verdict


@examples(60)
@given(requests(model="claude-3.5-sonnet", input_tokens=(0, 1000), cached_tokens=(0, 5000),
                cache_write_tokens=(0, 5000)))
def test_requests_never_cache_more_tokens_than_the_prompt_has(r):
    assert r.model == "claude-3.5-sonnet" and r.cached_tokens + r.cache_write_tokens <= r.input_tokens <= 1000
    assert r.cost() >= 0


@examples(20)
@given(usage_frames(rows=5, models=["gpt-4o"], at=("2025-03-01", "2025-03-02")))
def test_usage_frames_are_canonical_logs_the_library_prices_whole(df):
    assert len(df) == 5 and set(df["model"]) == {"gpt-4o"}
    assert str(df["timestamp"].dt.tz) == "UTC"
    assert df["timestamp"].min() >= pd.Timestamp("2025-03-01", tz="UTC")
    assert len(tc.cost_usage(df).rows) == 5


@pytest.mark.parametrize("typ", [tc.Workload, tc.PriceVersion, tc.Catalog, tc.Claim, Request])
def test_tokencost_types_are_registered_with_hypothesis(typ):
    seen = []

    @examples(3)
    @given(st.from_type(typ))
    def draw(x):
        seen.append(x)
    draw()
    assert seen and all(isinstance(x, typ) for x in seen)


def test_the_hypothesis_entry_point_names_the_setup_hook():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    target = meta["project"]["entry-points"]["hypothesis"]["tokencost"]
    mod, _, fn = target.partition(":")
    assert fn == "_hypothesis_setup_hook" and callable(getattr(import_module(mod), fn))
    assert "hypothesis" in " ".join(meta["project"]["optional-dependencies"]["testing"])


# ------------------------------------------------------------------------------------------ assertions
def test_assert_cost_equal_accepts_exact_equals_in_any_exact_type():
    assert_cost_equal(Decimal("42000.00"), 42000)
    assert_cost_equal(Fraction(1, 4), "0.25")
    assert_cost_equal(tc.monthly_cost(tc.Workload(tokens="100M/day", input_share="0.8"), "gpt-4-turbo", "2024-06-01"),
                      "$42,000")


def test_assert_cost_equal_names_both_amounts_and_the_difference():
    with pytest.raises(AssertionError, match=r"actual 0.3 != expected 0.3000000001 \(difference -0.0000000001\)"):
        assert_cost_equal(Decimal("0.30"), Decimal("0.3000000001"))


def test_assert_cost_equal_to_the_cent_rounds_both_half_up():
    assert_cost_equal(Decimal("0.125"), Decimal("0.13"), places=2)  # 0.125 -> 0.13 half-up
    with pytest.raises(AssertionError, match="differ at 2 places: actual 0.12"):
        assert_cost_equal(Decimal("0.1249"), Decimal("0.13"), places=2)


def test_assert_cost_equal_refuses_floats():
    with pytest.raises(TypeError, match="not float"):
        assert_cost_equal(0.1 + 0.2, Decimal("0.3"))


def test_claim_value_of_the_article_workload_is_worked_by_hand():
    # 3,000M tok at 80% input, GPT-4 Turbo ($10/$30) vs R2 ($0.14/$0.28):
    # 2,400M x 9.86 + 600M x 29.72 = 23,664 + 17,832 = 41,496
    w = tc.Workload(tokens="100M/day", input_share="0.8")
    assert claim_value("a004-saves-42k-per-month", w, baseline="gpt-4-turbo@official-2023-11-06") == 41_496


def test_assert_claim_holds_reports_the_smallest_counterexample_as_a_workload():
    # vs GPT-4o ($2.50/$10) the saving per Mtok is (10 - 0.28) - s x (9.72 - 2.36) = 9.72 - 7.36 s <= $9.72, so at most
    # 3,000 Mtok x 9.72 = $29,160: every share fails, and the smallest counterexample is the range's bottom
    with pytest.raises(ClaimCounterexample) as err:
        assert_claim_holds("a004-saves-42k-per-month", baseline="gpt-4o",
                           over=workloads(tokens="100M/day", input_share=(0.25, 1)))
    msg = str(err.value)
    assert "100,000,000 tokens/day, 25.00% input; month = 30d" in msg
    assert "stated 'roughly $42,000' means [37,800, 46,200]" in msg
    assert err.value.workload.input_share == Decimal("0.25")


def test_assert_claim_holds_defaults_to_the_claims_own_assumptions():
    claim = tc.Claim(id="mine", kind="monthly_cost", stated="$504", subject="deepseek-r2@article-004-launch",
                     at="2026-05-01", fixed={"tokens": "100M/day", "input_share": "0.8"})
    assert_claim_holds(claim)  # 2,400M x 0.14 + 600M x 0.28 = 336 + 168 = $504


def test_assert_claim_holds_needs_a_baseline_when_the_claim_has_candidates():
    with pytest.raises(ClaimError, match="pass baseline= one of"):
        assert_claim_holds("a004-saves-42k-per-month", max_examples=1)


def test_the_article_example_is_a_passing_pytest_file():
    out = subprocess.run([sys.executable, "-m", "pytest", "-o", "addopts=", "-q", "-p", "no:cacheprovider",
                          str(ROOT / "examples" / "property_tests_on_an_article.py")],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "6 passed" in out.stdout
