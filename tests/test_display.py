"""Notebook display: short reprs with money to the cent (rounding named, exact value named), HTML views,
and DataFrames whose exact Decimal columns read consistently and plot through ``df.tc.floats()``."""

from __future__ import annotations

from decimal import Decimal as D

import pandas as pd
import pytest

import tokencost as tc
from tokencost._display.frames import tidy
from tokencost._display.money import exact_text, money, money_exact, percent_exact

W = dict(tokens="100M/day", input_share="0.8")


def test_cost_repr_shows_the_monthly_total_to_the_cent_with_the_rounding_and_the_exact_value():
    # 100M/day x 30 days = 3,000 Mtok: 2,400 Mtok input x $10 + 600 Mtok output x $30 = $42,000
    c = tc.monthly_cost(tc.Workload(**W), "gpt-4-turbo", at="2024-06-01")
    assert repr(c) == ("<CostBreakdown gpt-4-turbo@official-2023-11-06 [official] at 2024-06-01: $42,000.00/month "
                       "(rounded half-up to the cent; exact: 42000 = .total)>")
    assert c.total == D("42000")


def test_cost_html_lists_each_line_to_the_cent_and_names_the_exact_total():
    html = tc.monthly_cost(tc.Workload(**W), "gpt-4-turbo", at="2024-06-01")._repr_html_()
    assert "$24,000.00" in html and "$18,000.00" in html and "$42,000.00" in html
    assert "rounded half-up to the cent" in html and "<code>.total</code> = 42000" in html


def test_money_rounds_half_up_not_to_even():
    assert money(D("2.005")) == "$2.01" and money(D("2.004999")) == "$2.00"
    assert money(D("-3.005")) == "-$3.01"
    assert money(D("1234.5"), "CNY") == "CN¥1,234.50"
    assert money_exact(D("42000")) == "$42,000.00 (rounded half-up to the cent; exact: 42000)"


def test_a_non_terminating_value_is_shown_short_and_says_how_many_digits_it_has():
    from fractions import Fraction
    assert exact_text(Fraction(200, 3)) == "200/3"
    assert percent_exact(D(200) / D(3)) == "66.67% (rounded half-up to 0.01 point; exact: 66.6666666666666666666666… (28 digits))"


def test_savings_repr_rounds_the_percent_instead_of_printing_80_digits():
    # 1M input tokens a month: gpt-4 $30 vs gpt-4-turbo $10 -> saves $20, 200/3 = 66.67% of the baseline
    w = tc.Workload(tokens="1M/month", input_share=1)
    s = tc.savings(w, baseline="gpt-4", candidate="gpt-4-turbo", at="2024-06-01")
    assert len(str(s.percent).replace(".", "")) >= 60  # the attribute keeps every digit
    r = repr(s)
    assert "saves $20.00/month, 66.67% of the baseline" in r
    assert ".absolute = 20" in r and ".percent = 66.666666" in r and len(r) < 300
    assert "$30.00" in s._repr_html_() and "$10.00" in s._repr_html_()


def test_workload_and_price_version_reprs_are_one_readable_line():
    assert repr(tc.Workload(**W)) == "<Workload 100,000,000 tokens/day, 80.0% input; month = 30d>"
    v = tc.load_catalog().price("gpt-4o", at="2024-09-01")
    assert repr(v).startswith("<PriceVersion official-2024-05-13 [official] 2024-05-13..2024-10-02: "
                              "input $5, output $15 per Mtok; ")
    assert "<th" in v._repr_html_() and "Cited by" in v._repr_html_()
    assert "Workload" in tc.Workload(**W)._repr_html_()


def test_a_price_version_of_unknown_start_says_so_in_its_repr():
    v = tc.load_catalog().price("grok-4", at="2026-01-01")
    assert repr(v).startswith("<PriceVersion genai-prices-2025-07-12 [official] 2025-07-12..open "
                              "(start unknown: evidenced from then): input $3, cached_input $0.75, output $15")
    assert "start unknown" in v._repr_html_()


def test_catalog_and_claim_reprs_are_short():
    cat = tc.load_catalog()
    assert repr(cat).startswith(f"<Catalog {len(cat)} models, ") and "files: prices.yaml" in repr(cat)
    assert "gpt-4o" in cat._repr_html_()
    r = tc.check_claim(tc.Claim(id="mine", kind="percent_cheaper", stated="90%", basis="input",
                                subject="gpt-4o-mini", baseline="gpt-4o", at="2025-03-01"))
    # input prices: gpt-4o-mini $0.15 vs gpt-4o $2.50 -> 94% cheaper, not "90%" ([89.5, 90.5))
    assert repr(r).startswith("<ClaimResult mine [understated]: stated '90%'; ")
    assert len(repr(r)) < 300 and "94.00%" in r._repr_html_()


def test_usage_cost_repr_shows_the_total_to_the_cent():
    log = pd.DataFrame({"timestamp": ["2024-06-01T00:00:00Z"] * 2, "model": ["gpt-4-turbo"] * 2,
                        "input_tokens": [1000, 2000], "output_tokens": [500, 1500]})
    u = tc.cost_usage(log)
    # 3,000 input x $10/M + 2,000 output x $30/M = $0.03 + $0.06 = $0.09
    assert u.total == D("0.09")
    assert repr(u) == "<UsageCost 2 rows: $0.09 (rounded half-up to the cent; exact: 0.09 = .total)>"
    assert "$0.09" in u._repr_html_()


def test_compare_keeps_exact_decimals_and_plots_through_the_float_accessor():
    # at 2024-06-01 gpt-4o is $5/$15: 2,400 x 5 + 600 x 15 = $21,000; gpt-4-turbo $42,000
    df = tc.compare(tc.Workload(**W), ["gpt-4-turbo", "gpt-4o"], at="2024-06-01")
    assert list(df["monthly_cost"]) == [D("21000"), D("42000")]
    assert all(isinstance(x, D) for x in df["monthly_cost"])
    f = df.tc.floats()
    assert f["monthly_cost"].dtype == "float64" and list(f["monthly_cost"]) == [21000.0, 42000.0]
    assert "monthly_cost" in df.tc.exact_columns and "model" not in df.tc.exact_columns
    assert df["monthly_cost"].dtype == object  # the original frame is untouched


def test_exact_columns_get_one_number_of_decimal_places_without_changing_a_value():
    raw = [D("2235.750000"), D("3855.00000"), D("16200.0")]
    df = tidy(pd.DataFrame({"cost": raw}))
    assert [str(x) for x in df["cost"]] == ["2235.75", "3855.00", "16200.00"]
    assert list(df["cost"]) == raw
    # figures from the data files only gain zeros: the most precise one reads as written
    rates = tidy(pd.DataFrame({"input": [D("5"), D("2.50")]}), written=True)
    assert [str(x) for x in rates["input"]] == ["5.00", "2.50"]


def test_missing_values_are_nan_not_none():
    df = tidy(pd.DataFrame({"rate": [D("1.5"), None], "note": ["a", None]}))
    assert isinstance(df.loc[1, "rate"], float) and pd.isna(df.loc[1, "rate"])
    assert df.tc.floats()["rate"].tolist()[0] == 1.5
    h = tc.load_catalog().history("gpt-4o")
    assert pd.isna(h.loc[0, "cached_input"]) and h["cached_input"].isna().tolist() == [True, False]


def test_check_claims_summary_is_the_short_view_one_row_per_claim():
    claims = tc.load_claims()
    full, short = tc.check_claims(), tc.check_claims(summary=True)
    assert len(short) == len(claims) and len(full) > len(short)
    assert list(short.columns)[:5] == ["claim_id", "source", "kind", "stated", "verdict"]
    assert len(short.columns) <= 9 < len(full.columns)


@pytest.mark.parametrize("attr", ["computed_min", "computed_max"])
def test_claim_frames_have_float_twins_for_their_exact_columns(attr):
    df = tc.check_claims()
    assert attr in df.tc.exact_columns
    assert df.tc.floats()[attr].dtype == "float64"


# -- general laws ------------------------------------------------------------------------------------
from decimal import ROUND_HALF_UP  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

decimals = st.decimals(min_value=-10**9, max_value=10**9, places=8, allow_nan=False, allow_infinity=False)


@given(st.lists(decimals, min_size=1, max_size=12))
def test_aligning_a_column_changes_no_value_and_gives_one_exponent(values):
    df = tidy(pd.DataFrame({"x": values}))
    assert list(df["x"]) == values
    assert len({d.as_tuple().exponent for d in df["x"]}) == 1


@given(decimals)
def test_money_is_the_half_up_cent_with_separators(x):
    q = x.quantize(D("0.01"), rounding=ROUND_HALF_UP)
    shown = money(x)
    assert D(shown.replace("$", "").replace(",", "")) == q
    assert shown.startswith("-$" if q < 0 else "$")


def test_a_cost_line_that_is_not_tokens_names_its_unit_and_a_stale_price_is_flagged():
    import warnings
    # 1,000 searches a day x 30 days = 30,000 searches at $10 per 1k = $300
    w = tc.Workload(tokens="100M/day", input_share="0.8", web_searches="1000/day")
    html = tc.monthly_cost(w, "claude-sonnet-4", at="2025-09-01")._repr_html_()
    assert "30,000 searches" in html and "$10 per 1k searches" in html and "$300.00" in html
    assert "1,000/day" in w._repr_html_()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        late = tc.monthly_cost(tc.Workload(**W), "gpt-4o", at="2030-01-01")
    assert late.stale and "POSSIBLY STALE (.stale)" in repr(late) and "possibly stale:" in late._repr_html_()


def test_a_price_version_says_per_what_each_rate_is():
    v = tc.load_catalog().price("claude-sonnet-4", at="2025-09-01")
    r = repr(v)
    assert "output $15" in r and "per Mtok; web_search $10 per 1k searches;" in r
    assert "web_search (per 1k searches)" in v._repr_html_()
