"""A fact-checker's casebook: each defect of issue 10 as a case with its hand-worked figures, and the
general laws behind the verdict words (one meaning of over/understated, whatever the phrasing)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tokencost as tc
from tokencost._claims.evaluate import judge
from tokencost._claims.stated import parse_stated
from tokencost.cli import main

CAT = tc.load_catalog()


def check(**kw) -> tc.ClaimResult:
    kw.setdefault("id", "case")
    return tc.check_claim(tc.Claim(**kw), CAT)


# --- 1. one meaning of over/understated -----------------------------------------------------------------
# gpt-4o at launch (2024-05-13): $5 in / $15 out; gpt-4-turbo: $10 / $30 -> gpt-4o costs exactly half,
# on any mix. A claim that it costs less than half makes gpt-4o look cheaper than it is: overstated.
GPT4O_VS_TURBO = dict(subject="gpt-4o", baseline="gpt-4-turbo", basis="blended", at="2024-05-20")


@pytest.mark.parametrize("kind,stated,verdict", [
    ("cost_fraction", "a third", "overstated"),           # 33.3% of the cost claimed, 50% true
    ("cost_fraction", "33% of the cost", "overstated"),
    ("cost_fraction", "33%", "overstated"),               # a bare % in a cost_fraction claim is a share
    ("cost_fraction", "40%", "overstated"),
    ("percent_cheaper", "3x cheaper", "overstated"),      # a multiple of 3 claimed, 2 true
    ("percent_cheaper", "67% cheaper", "overstated"),     # a 67% saving claimed, 50% true
    ("cost_fraction", "half the price", "holds"),
    ("percent_cheaper", "50% less", "holds"),
    ("percent_cheaper", "2x cheaper", "holds"),
    ("cost_fraction", "two-thirds", "understated"),       # 66.7% of the cost claimed: less advantage
    ("percent_cheaper", "30%", "understated"),            # a 30% saving claimed, 50% true
    ("percent_cheaper", "1.5x cheaper", "understated"),
])
def test_gpt4o_costs_half_of_gpt4_turbo_and_every_phrasing_is_judged_in_the_same_direction(kind, stated, verdict):
    r = check(kind=kind, stated=stated, **GPT4O_VS_TURBO)
    assert r.verdict == verdict, r.reason


def test_a_third_reads_the_exact_share_of_the_cost():
    s = check(kind="cost_fraction", stated="a third", **GPT4O_VS_TURBO).best
    assert s.computed_min == s.computed_max == 50  # percent of gpt-4-turbo's cost


def test_a_stated_price_is_over_or_understated_as_a_figure():
    # gpt-4o input on 2025-01-01 is $2.50/Mtok; "$3.00" means [2.995, 3.005), "$2.00" [1.995, 2.005)
    assert check(kind="price", stated="$3.00", component="input", subject="gpt-4o", at="2025-01-01").verdict \
        == "overstated"
    assert check(kind="price", stated="$2.00", component="input", subject="gpt-4o", at="2025-01-01").verdict \
        == "understated"
    # "$3" is read to the dollar: [2.5, 3.5) contains $2.50
    assert check(kind="price", stated="$3", component="input", subject="gpt-4o", at="2025-01-01").verdict == "holds"


PHRASES = [("a third", "cost_fraction"), ("33% of the cost", "cost_fraction"), ("3x cheaper", "percent_cheaper"),
           ("67% cheaper", "percent_cheaper"), ("three times cheaper", "percent_cheaper"),
           ("one-third of the price", "cost_fraction")]


def _as_measure(measure: str, share: Fraction) -> Fraction:
    """The true cost share (percent of the baseline's cost) in the figure's own terms."""
    return {"share": share, "saving": 100 - share, "multiple": 100 / share}[measure]


@settings(max_examples=300, deadline=None)
@given(st.fractions(min_value=Fraction(1, 100), max_value=Fraction(250)))
def test_equivalent_phrasings_never_get_opposite_directions(share):
    verdicts = set()
    for text, kind in PHRASES:
        s = parse_stated(text, None, kind=kind)
        q = _as_measure(s.measure, share)
        verdicts.add(judge(s, q, q))
    assert not {"overstated", "understated"} <= verdicts, (share, verdicts)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999),
       st.fractions(min_value=Fraction(1, 10), max_value=Fraction(99)))
def test_a_share_and_the_saving_it_implies_get_the_same_direction(tenths, true_share):
    # "X% of the cost" and "(100 - X)% cheaper" are one claim, mirrored; the rounding intervals mirror
    # with their open ends swapped, so only the verdict on an exact boundary may differ (holds vs not)
    share = parse_stated(f"{tenths // 10}.{tenths % 10}% of the cost", None, kind="cost_fraction")
    rest = 1000 - tenths
    saving = parse_stated(f"{rest // 10}.{rest % 10}% cheaper", None, kind="percent_cheaper")
    a, b = judge(share, true_share, true_share), judge(saving, 100 - true_share, 100 - true_share)
    assert a == b or "holds" in (a, b)
    assert {a, b} != {"overstated", "understated"}


# --- 2. word fractions and one-sided hedges keep the rounding ------------------------------------------
def test_half_is_fifty_percent_under_rounding_not_forty_to_sixty_seven():
    # 45% of the cost would have passed as "half" when "half" read as a multiple rounding to 2
    for true_share, verdict in ((Fraction(45), "understated"), (Fraction(50), "holds"), (Fraction("50.4"), "holds"),
                                (Fraction(60), "overstated")):
        s = parse_stated("half the price", None, kind="cost_fraction")
        assert judge(s, true_share, true_share) == verdict, true_share


def test_up_to_83_percent_holds_for_a_computed_83_33_percent():
    # gpt-4o input $2.50 vs claude-3-opus input $15: 1 - 2.5/15 = 83.33...% cheaper, which rounds to 83
    r = check(kind="percent_cheaper", stated="83%", hedge="up to", basis="input", subject="gpt-4o",
              baseline="claude-3-opus", at="2025-01-01")
    assert r.best.computed_min == Fraction(250, 3)
    assert r.verdict == "holds"


@pytest.mark.parametrize("rounding,verdict", [("half_up", "holds"), ("half_even", "holds"),
                                              ("truncate", "holds"), ("up_or_down", "holds")])
def test_a_claim_can_declare_its_rounding(rounding, verdict):
    # 1 - 0.07/2.80 = 97.5% exactly (article 000's own figures): "97%" half-up is [96.5, 97.5) -> no;
    # half-even: 97.5 is a tie that goes to 98 -> no; truncated [97, 98) -> yes; up-or-down (96, 98) -> yes
    expected = {"half_up": "understated", "half_even": "understated", "truncate": "holds", "up_or_down": "holds"}
    r = check(kind="percent_cheaper", stated="97%", basis="input", subject="deepseek-r2@leak-2025-04",
              baseline="gpt-4@article-000-reported", at="2025-05-02", rounding=rounding)
    assert r.verdict == expected[rounding]
    assert verdict  # every mode is a valid declaration


def test_half_even_keeps_a_tie_with_the_even_figure():
    assert parse_stated("50%", None, kind="cost_fraction", rounding="half_even").intervals["half_even"].describe() \
        == "[49.5, 50.5]"
    assert parse_stated("51%", None, kind="cost_fraction", rounding="half_even").intervals["half_even"].describe() \
        == "(50.5, 51.5)"


@pytest.mark.parametrize("text,measure,value", [
    ("3x cheaper", "multiple", 3), ("27 times cheaper", "multiple", 27), ("8X lower cost", "multiple", 8),
    ("a tenth of the price", "share", 10), ("two-thirds", "share", Fraction(200, 3)), ("50% less", "saving", 50),
    ("half the price", "share", 50), ("1/20th", "share", 5), ("67% cheaper", "saving", 67),
])
def test_stated_reads_the_phrases_people_write(text, measure, value):
    s = parse_stated(text, None, kind="percent_cheaper")
    assert (s.measure, s.value) == (measure, value)


# --- 3. the headline is the claim's date; the article's own figures are secondary ----------------------
def test_a_users_one_tenth_claim_is_not_rescued_by_an_unrelated_articles_gpt4_figure():
    # deepseek-chat input $0.27 vs GPT-4 $30 on 2025-03-01: 0.9% of the cost (111x): "one-tenth" (10%)
    # understates it. Article 000's "$2.80" for GPT-4 is not this claim's source: no scenario, no line.
    r = check(kind="cost_fraction", stated="one-tenth", basis="input", subject="deepseek-chat", baseline="gpt-4",
              at="2025-03-01")
    assert r.verdict == "understated"
    assert r.best.computed_min == Fraction(90, 100)  # 100 x 0.27 / 30
    assert not any("article-000" in (s.baseline_version or "") for s in r.scenarios)
    assert r.secondary == []


def test_the_same_claim_from_article_000_gets_its_own_figure_as_a_secondary_line_only():
    r = check(kind="cost_fraction", stated="one-tenth", basis="input", subject="deepseek-chat", baseline="gpt-4",
              at="2025-05-02", source="article-000")
    # 0.27 / 2.80 = 9.64% -> rounds to 10: it would hold under the article's own figure, not at the headline
    assert r.verdict == "understated"
    assert r.secondary == ["would hold under gpt-4@article-000-reported (the figure article-000 itself reports)"]


def test_gpt41_60_percent_cheaper_than_gpt4o_is_overstated_at_the_claim_date():
    # 2025-05-01: gpt-4.1 $2 / $8, gpt-4o $2.50 / $10 -> 20% cheaper on any mix. Against gpt-4o's superseded
    # launch price ($5 / $15) it would be 46.7%..60%: a secondary line, not the headline.
    r = check(kind="percent_cheaper", stated="60%", basis="blended", subject="gpt-4.1", baseline="gpt-4o",
              at="2025-05-01")
    assert r.verdict == "overstated"
    head = r.best
    assert (head.scenario, head.baseline_version) == ("at claim date", "official-2024-10-02")
    assert head.computed_min == head.computed_max == 20
    assert any(line.startswith("would hold under gpt-4o@official-2024-05-13 (a price not in effect on 2025-05-01)")
               for line in r.secondary)


# --- 4. each claim on its own ------------------------------------------------------------------------
BAD_FILE = """claims:
  - id: fine
    kind: cost_fraction
    stated: "two-thirds"
    basis: input
    subject: gpt-4o
    baseline: gpt-4-turbo
    at: 2024-05-20
  - id: no-such-model
    kind: percent_cheaper
    stated: "50% less"
    basis: input
    subject: gpt-99
    baseline: gpt-4o
    at: 2025-01-01
  - id: odd-figure
    kind: percent_cheaper
    stated: "lots cheaper"
    basis: input
    subject: gpt-4o
    baseline: gpt-4-turbo
    at: 2024-05-20
  - id: bad-kind
    kind: vibes
    stated: "2x cheaper"
  - id: also-fine
    kind: percent_cheaper
    stated: "2x cheaper"
    basis: input
    subject: gpt-4o
    baseline: gpt-4-turbo
    at: 2024-05-20
"""


def test_an_unreadable_claim_is_a_row_and_the_rest_of_the_file_is_checked(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text(BAD_FILE)
    df = tc.check_claims(str(f), CAT, summary=True).set_index("claim_id")
    assert df.loc["fine", "verdict"] == "understated"      # 2/3 claimed, 1/2 true: less advantage
    assert df.loc["also-fine", "verdict"] == "holds"
    assert df.loc["no-such-model", "verdict"] == "unreadable" and "gpt-99" in df.loc["no-such-model", "reason"]
    assert df.loc["odd-figure", "verdict"] == "unreadable" and "cannot read" in df.loc["odd-figure", "reason"]
    assert df.loc["bad-kind", "verdict"] == "unreadable" and "kind" in df.loc["bad-kind", "reason"]
    # the reason names the file and the line of the field at fault (issue 12), as load_claims would
    assert f"{f}:24 [claims.3.kind]: claim bad-kind: " in df.loc["bad-kind", "reason"]
    assert df.loc["no-such-model", "reason"].startswith(f"{f}:9: claim no-such-model: unknown model 'gpt-99'")


def test_unreadable_claims_are_claimreview_records_without_a_rating(tmp_path, capsys):
    import json
    f = tmp_path / "mine.yaml"
    f.write_text(BAD_FILE)
    assert main(["claims", "--file", str(f), "--format", "json"]) == 3
    reviews = {r["identifier"]: r for r in json.loads(capsys.readouterr().out)}
    assert reviews["bad-kind"]["reviewRating"]["alternateName"] == "unreadable"
    assert "ratingValue" not in reviews["bad-kind"]["reviewRating"]


def test_the_cli_prints_every_row_and_exits_3_when_some_claims_could_not_be_read(tmp_path, capsys):
    f = tmp_path / "mine.yaml"
    f.write_text(BAD_FILE)
    assert main(["claims", "--file", str(f)]) == 3
    out = capsys.readouterr()
    assert "also-fine" in out.out and "unreadable" in out.out and "3 claim(s) could not be read" in out.err


# --- 5. forensics: matches within the figure's own rounding, and the probable slip ------------------------
def test_a_figure_matches_a_price_only_within_its_own_rounding():
    # "$2.333" means [2.3325, 2.3335): deepseek-reasoner's $2.19 is 6% off -- the nearest, not a match
    r = check(kind="price", stated="$2.333", component="output", subject="deepseek-reasoner", at="2025-03-01")
    assert not any(m.exact and m.figure == Fraction("2.19") for m in r.forensics)
    near = [m for m in r.forensics if m.figure == Fraction("2.19")]
    assert near and "6.5% off: not a match" in near[0].describe()
    # "$0.07" (article 003's R2 input price) equals deepseek-chat's cache-hit price exactly
    r = tc.check_claim(next(c for c in tc.load_claims() if c.id == "a003-r2-input-price"), CAT)
    assert any(m.exact and m.figure == Fraction("0.07") and m.what == "cached_input" for m in r.forensics)


@pytest.mark.parametrize("model,component,stated,at,slip", [
    ("gpt-4o", "input", "$0.0025", "2025-01-01", "a per-1K-token price quoted as per million"),
    ("gpt-4o", "input", "$10", "2025-01-01", "input and output swapped"),
    ("deepseek-chat", "input", "$0.07", "2025-03-01", "the cache-hit price quoted as the input price"),
    ("deepseek-chat", "input", "$2", "2025-03-01", "a CNY figure quoted as USD"),
])
def test_probable_slips_are_named(model, component, stated, at, slip):
    r = check(kind="price", stated=stated, component=component, subject=model, at=at)
    assert r.verdict in ("overstated", "understated")
    assert any(x.startswith(slip) for x in r.slips), r.slips


def test_a_right_price_has_no_slip():
    assert check(kind="price", stated="$2.50", component="input", subject="gpt-4o", at="2025-01-01").slips == []


# --- 6. explain ----------------------------------------------------------------------------------------
def test_explain_finds_a_claim_checked_from_a_file_and_numbers_steps_without_gaps(tmp_path, capsys):
    f = tmp_path / "mine.yaml"
    f.write_text(BAD_FILE)
    assert main(["explain", "fine", "--file", str(f)]) == 0
    text = capsys.readouterr().out
    steps = [line.split(".")[0] for line in text.splitlines() if line[:1].isdigit()]
    assert steps == [str(i) for i in range(1, len(steps) + 1)] and len(steps) >= 2


def test_explain_without_file_says_to_pass_it(capsys):
    assert main(["explain", "fine"]) == 2
    assert "pass --file F" in capsys.readouterr().err


# --- 7. the claims people write: discounts, request costs, periods ----------------------------------------
def test_prompt_caching_cuts_claude_input_costs_by_up_to_90_percent():
    # claude-3.5-sonnet: cache hit $0.30 vs input $3 -> 90% off
    r = check(kind="discount", stated="90%", hedge="up to", component="cached_input", subject="claude-3.5-sonnet",
              at="2025-01-01")
    assert r.verdict == "holds" and r.best.computed_min == 90


def test_75_percent_off_in_off_peak_hours_holds_for_deepseek_reasoner_input():
    # 2025-03-01: $0.135 off-peak vs $0.55 -> 1 - 0.135/0.55 = 75.45...% -> rounds to 75
    r = check(kind="discount", stated="75% off", component="off_peak", basis="input", subject="deepseek-reasoner",
              at="2025-03-01")
    assert r.verdict == "holds" and r.best.computed_min == 100 * (1 - Fraction("0.135") / Fraction("0.55"))


def test_a_discount_the_version_does_not_offer_is_contradicted():
    r = check(kind="discount", stated="50%", component="flex", subject="gpt-4o", at="2025-01-01")
    assert r.verdict == "contradicted" and "no flex discount" in r.reason


def test_a_request_cost_is_priced_by_the_rule_and_truncation_is_a_reading():
    # gpt-4o 2025-01-01: 500 x $2.50/M + 200 x $10/M = $0.00125 + $0.002 = $0.00325. "$0.0032" half-up means
    # [0.00315, 0.00325): just below -> understated at the headline; it holds if the writer truncated.
    r = check(kind="request_cost", stated="$0.0032", subject="gpt-4o", at="2025-01-01",
              fixed={"input_tokens": 500, "output_tokens": 200})
    assert r.best.computed_min == Fraction("0.00325")
    assert r.verdict == "holds-if" and "truncate" in r.best.holds_where


def test_cost_claims_take_a_period():
    # deepseek-r2@article-004-launch at 80% input: 0.8 x 0.14 + 0.2 x 0.28 = $0.168/Mtok; 100M/day -> $16.80/day,
    # $504 in a 30-day month, $6,132 in a 365-day year
    base = dict(kind="monthly_cost", subject="deepseek-r2@article-004-launch", at="2026-05-01",
                fixed={"tokens": "100M/day", "input_share": "0.8"})
    assert check(stated="$16.80", period="day", **base).verdict == "holds"
    assert check(stated="$504", **base).verdict == "holds"
    assert check(stated="$6,132", period="year", **base).verdict == "holds"
    assert check(stated="$5,000", period="year", **base).verdict == "understated"  # [4,500, 5,500)


def test_a_free_cached_share_is_solved_exactly():
    # gpt-4o 2025-01-01, all input: $2.50 fresh, $1.25 cached -> price(c) = 2.5 - 1.25 c per Mtok; 100M/day over
    # 30 days = 3,000 Mtok -> cost(c) = 7,500 - 3,750 c. "$6,000" means [5,500, 6,500):
    # cost < 6,500 <=> c > 4/15;  cost >= 5,500 <=> c <= 8/15
    r = check(kind="monthly_cost", stated="$6,000", subject="gpt-4o", at="2025-01-01",
              fixed={"tokens": "100M/day", "input_share": "1"}, free={"cached_share": ["0", "1"]})
    region = r.best.regions["half_up"][Fraction(30)]
    assert (region.lo, region.lo_closed, region.hi, region.hi_closed) == (Fraction(4, 15), False, Fraction(8, 15), True)
    assert r.verdict == "holds-if" and "cached share between 26.7% and 53.3%" in r.reason


# --- 8. the reference page documents what the checker reads ---------------------------------------------
def test_docs_claims_md_names_every_kind_field_hedge_rounding_mode_and_verdict():
    from pathlib import Path
    from typing import get_args

    from tokencost._claims import schema, stated
    from tokencost._claims.result import VERDICTS
    doc = (Path(__file__).resolve().parents[1] / "docs" / "claims.md").read_text(encoding="utf-8")
    words = (list(get_args(schema.Kind)) + list(tc.Claim.model_fields) + list(schema.FIXED) + list(schema.FREE)
             + list(stated.ROUNDING_MODES) + list(VERDICTS) + list(schema.DiscountComponent))
    hedges = stated.ROUGH_WORDS + stated.NEAR_WORDS + stated.LOWER_WORDS + stated.UPPER_WORDS
    missing = [w for w in words if f"`{w}`" not in doc] + [h for h in hedges if f'"{h}"' not in doc]
    assert missing == []


# --- 9. two free assumptions: exact regions in the plane ------------------------------------------------
def test_a_monthly_cost_with_free_cached_share_and_free_volume_is_solved_in_the_plane():
    # gpt-4o, all input, 2025-01-01: $2.50 fresh, $1.25 cached -> cost = V x 30 x (2.5 - 1.25 c) / 1e6 for V
    # tokens/day. "$6,000" = [5,500, 6,500): V >= 5,500e6 / (75 (1 - c/2)) = 73.33M / (1 - c/2) and
    # V < 86.67M / (1 - c/2); the upper curve leaves the box (V <= 150M) where 1 - c/2 < 86.67/150, c > 84.4%
    r = check(kind="monthly_cost", stated="$6,000", subject="gpt-4o", at="2025-01-01", fixed={"input_share": "1"},
              free={"cached_share": ["0", "1"], "tokens": ["50M/day", "150M/day"]})
    assert r.verdict == "holds-if"
    # readable: each side one curve, with its values where the part starts and ends (the upper one meets the
    # box's 150M where 1 - c/2 = (260/3)/150 = 26/45: c = 38/45 = 84.4%)
    assert r.best.holds_where == (
        "tokens/day >= 73.33…M / (1 - 0.5 × cached share) (73.33…M at cached share 0%, rising to 146.67…M at 100%)"
        " and tokens/day < 86.67…M / (1 - 0.5 × cached share) (86.67…M at cached share 0%, rising to 150M at "
        "84.4%, level until 100%)")
    # one attribute away, exactly: 5,500e6 / 75 = 220M/3 and 6,500e6 / 75 = 260M/3
    assert r.best.holds_where_exact == (
        "0 <= cached share <= 38/45 and 220000000/3 / (1 - 1/2 × cached share) <= tokens/day < 260000000/3 / "
        "(1 - 1/2 × cached share); or 38/45 < cached share <= 1 and 220000000/3 / (1 - 1/2 × cached share) "
        "<= tokens/day <= 150000000")
    # the extremes are at the corners: 50M/day, c = 1 -> $1,875; 150M/day, c = 0 -> $11,250
    assert (r.best.computed_min, r.best.computed_max) == (1875, 11250)


def test_two_interacting_shares_read_as_curves_with_their_ends_and_exactly_one_attribute_away():
    # gpt-4o ($2.50 / $1.25 cached / $10) vs claude-3.5-sonnet ($3 / $0.30 cached / $15), 2025-01-01, input share
    # s and cached share c free. Per Mtok: B = 15 - 12 s - 2.7 s c, C = 10 - 7.5 s - 1.25 s c. "30% cheaper" =
    # [29.5, 30.5): saving >= 29.5 <=> 0.705 B >= C <=> c <= (0.575 - 0.96 s) / (0.6535 s) = (1150/1307 -
    # 1920/1307 s) / s; saving < 30.5 <=> c > (0.425 - 0.84 s) / (0.6265 s) = (850/1253 - 240/179 s) / s. The
    # lower curve is 1 at s = 0.425 / 1.4665 = 850/2933 (29.0%) and 0 at s = 85/168 (50.6%); the upper one is 1
    # at s = 1150/3227 (35.6%) and 0 at s = 0.575 / 0.96 = 115/192 (59.9%)
    r = check(kind="percent_cheaper", stated="30%", basis="blended", subject="gpt-4o", baseline="claude-3.5-sonnet",
              at="2025-01-01", free={"input_share": ["0", "1"], "cached_share": ["0", "1"]})
    s = r.best
    assert r.verdict == "holds-if"
    assert s.holds_where == (
        "input share > 29% and <= 59.9% and cached share > (67.8% - 134.1% × input share) / input share (100% at "
        "input share 29%, falling to 0% at 50.6%, level until 59.9%) and cached share <= (88% - 146.9% × input "
        "share) / input share (100% at input share 29%, level until 35.6%, falling to 0% at 59.9%)")
    assert s.holds_where_exact == (
        "850/2933 < input share <= 1150/3227 and (850/1253 - 240/179 × input share) / input share < cached share "
        "<= 1; or 1150/3227 < input share <= 85/168 and (850/1253 - 240/179 × input share) / input share < cached "
        "share <= (1150/1307 - 1920/1307 × input share) / input share; or 85/168 < input share <= 115/192 and 0 <= "
        "cached share <= (1150/1307 - 1920/1307 × input share) / input share")
    text = r.explain()
    assert f"holds at (shown to 0.1 point): {s.holds_where}" in text and f"exactly: {s.holds_where_exact}" in text


def test_two_free_shares_that_never_meet_the_figure_get_a_direction():
    # gpt-4o ($2.50 / $1.25 cached / $10) vs claude-3.5-sonnet ($3 / $0.30 cached / $15), 2025-01-01, any input
    # and cached share: the largest saving is output-only, 1 - 10/15 = 33.3%; "90% cheaper" overstates it
    r = check(kind="percent_cheaper", stated="90%", basis="blended", subject="gpt-4o", baseline="claude-3.5-sonnet",
              at="2025-01-01", free={"input_share": ["0", "1"], "cached_share": ["0", "1"]})
    assert r.verdict == "overstated" and r.best.computed_max == Fraction(100, 3)
    # the smallest: all input, all cached: 1 - 1.25/0.30 = -316.7%
    assert r.best.computed_min == 100 * (1 - Fraction("1.25") / Fraction("0.3"))


def test_three_free_assumptions_are_solved_exactly_with_the_range_of_each():
    # gpt-4o on 2025-01-01: $2.50 input, $1.25 cached, $10 output. With input share s, cached share c and V
    # tokens/day (V' in millions): price = s (2.5 - 1.25 c) + 10 (1 - s) = 10 - 7.5 s - 1.25 s c, and a 30-day
    # month costs 30 V' price. "$6,000" = [5,500, 6,500). Over s in [0.8, 1], c in [0, 1], V in [100M, 200M]:
    # * the cost is largest at s = 0.8, c = 0, 200M: 6,000 x 4 = $24,000; smallest at s = c = 1, 100M: $3,750
    # * s can hold where its cheapest corner (c = 1, 100M) is under 6,500: 3,000 (10 - 8.75 s) < 6,500 <=>
    #   s > 94/105 (89.5%); its dearest corner (c = 0, 200M) is always >= 5,500
    # * c: the cheapest corner (s = 1, 100M): 3,000 (2.5 - 1.25 c) < 6,500 <=> c > 4/15 (26.7%)
    # * V: the cheapest corner (s = c = 1): 37.5 V' < 6,500 <=> V' < 520/3 (173.33M)
    # * the stated point: s = 90% (the middle of its range), c = 0 (no caching), V = 150M (the middle):
    #   4,500 x 3.25 = $14,625, it does not hold
    # * the cross-section at s = 9/10: price 3.25 - 1.125 c; V' < (650/3) / (3.25 - 1.125 c) = (200/3) /
    #   (1 - 9c/26), which is >= 100 only for c > 26/27 (96.3%); the lower bound stays under 100M
    r = check(kind="monthly_cost", stated="$6,000", subject="gpt-4o", at="2025-01-01",
              free={"input_share": ["0.8", "1"], "cached_share": ["0", "1"], "tokens": ["100M/day", "200M/day"]})
    s = r.best
    assert r.verdict == "holds-if"
    assert (s.computed_min, s.computed_max) == (3750, 24000)
    solid = s.solids["half_up"][Fraction(30)]
    assert [[(x.lo, x.lo_closed, x.hi, x.hi_closed) for x in sh] for sh in solid.shadows] == [
        [(Fraction(94, 105), False, 1, True)], [(Fraction(4, 15), False, 1, True)],
        [(100_000_000, True, Fraction(520_000_000, 3), False)]]
    assert s.point == (Fraction(9, 10), 0, 150_000_000)
    assert not solid.contains(s.point)
    assert solid.contains((Fraction(1), Fraction(1), Fraction(150_000_000)))  # 4,500 x 1.25 = $5,625
    assert not solid.contains((Fraction(1), Fraction(1, 2), Fraction(120_000_000)))  # 3,600 x 1.875 = $6,750
    assert s.holds_where == (
        "some points with input share > 89.5%, cached share > 26.7% and tokens/day < 173.33…M (each range exact; "
        "not every combination holds); at the stated point (input share 90%, cached share 0%, tokens/day 150M) it "
        "does not; at input share 90%: cached share > 96.3% and tokens/day < 66.67…M / (1 - 0.3462 × cached share) "
        "(100M at cached share 96.3%, rising to 101.96…M at 100%)")
    assert s.holds_where_exact == (
        "input share in (94/105, 1]; cached share in (4/15, 1]; tokens/day in [100000000, 520000000/3); at input "
        "share = 9/10: 26/27 < cached share <= 1 and 100000000 <= tokens/day < 200000000/3 / (1 - 9/26 × cached "
        "share)")


def test_three_free_assumptions_that_hold_at_the_stated_point_say_so():
    # the same cost at 1,000M/month (33.33M/day over 30 days) with all three shares free: s in [0, 1], c in
    # [0, 1], batch share b in [0, 1]. The stated point is s = 1/2 (the middle), c = 0, b = 0: 1,000 x (1.25 +
    # 5) = $6,250, inside [5,500, 6,500)
    r = check(kind="monthly_cost", stated="$6,000", subject="gpt-4o", at="2025-01-01",
              fixed={"tokens": "1000M/month"},
              free={"input_share": ["0", "1"], "cached_share": ["0", "1"], "batch_share": ["0", "1"]})
    # the dearest corner for each input share is c = b = 0: 1,000 (10 - 7.5 s) >= 5,500 <=> s <= 3/5; for each
    # batch share, s = c = 0: 1,000 (10 (1 - b) + 5 b) >= 5,500 <=> b <= 9/10 (the batch price halves $10);
    # the cheapest corners cost under $1,250, always below 6,500; any cached share can hold
    s = r.best
    assert r.verdict == "holds-if" and s.point == (Fraction(1, 2), 0, 0)
    shadows = s.solids["half_up"][Fraction(30)].shadows
    assert [[(x.lo, x.hi) for x in sh] for sh in shadows] == [[(0, Fraction(3, 5))], [(0, 1)], [(0, Fraction(9, 10))]]
    assert "some points with input share <= 60%, any cached share and batch share <= 90%" in s.holds_where
    assert "at the stated point (input share 50%, cached share 0%, batch share 0%) it holds" in s.holds_where


def test_four_free_assumptions_are_unreadable_with_the_reason():
    r = check(kind="monthly_cost", stated="$6,000", subject="gpt-4o", at="2025-01-01",
              free={"input_share": ["0", "1"], "cached_share": ["0", "1"], "batch_share": ["0", "1"],
                    "tokens": ["1M/day", "2M/day"]})
    assert r.verdict == "unreadable" and "up to three" in r.reason
