"""Usage logs: tc.cost_usage / tc.read_usage / `tokencost usage`.

Every test builds its own price file (below), so nothing here depends on the bundled
data. Expected values are worked by hand from that file; the properties check the
vectorized engine against ``request_cost`` row by row.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tokencost as tc
from tokencost._exact import EXACT
from tokencost.errors import TokencostError, UsageLogError
from usage_support import EDGES, MODELS, PRICES, D, M, catalog, frame, log, timestamps, usage_rows  # noqa: F401




@pytest.fixture(scope="module")
def cat(tmp_path_factory: pytest.TempPathFactory) -> tc.Catalog:
    return catalog(tmp_path_factory)




def costs_by(df: pd.DataFrame, key: str, col: str = "cost") -> dict:
    return dict(zip(df[key].astype(str), df[col]))


# -- hand-worked totals ---------------------------------------------------------------------
def test_rows_either_side_of_a_price_change_use_the_version_in_effect(cat):
    df = log(
        ("2025-03-01T11:59:59Z", "alpha", M, 100_000),  # v1: 2.00 + 0.80
        ("2025-03-01T12:00:00Z", "alpha", M, 100_000),
    )  # v2: 1.00 + 0.40
    r = tc.cost_usage(df, cat)
    assert r.total == D("4.20")
    assert costs_by(r.by("version"), "version") == {"alpha@v1": D("2.80"), "alpha@v2": D("1.40")}
    assert list(r.rows["version"].astype(str)) == ["alpha@v1", "alpha@v2"]
    assert r.by("day")["day"].tolist() == [dt.date(2025, 3, 1)]


def test_off_peak_window_wrapping_midnight_is_decided_by_utc_time(cat):
    df = log(
        ("2025-03-05T16:29:59Z", "nightowl", M, M),  # peak     0.27 + 1.10 = 1.37
        ("2025-03-05T16:30:00Z", "nightowl", M, M),  # off-peak 0.135 + 0.55 = 0.685
        ("2025-03-06T00:29:59Z", "nightowl", M, M),  # off-peak (window wraps midnight)
        ("2025-03-06T00:30:00Z", "nightowl", M, M),  # peak again
        ("2025-03-06T00:45:00Z", "nightowl", M, M),
    )  # peak
    r = tc.cost_usage(df, cat)
    assert r.total == D("1.37") * 3 + D("0.685") * 2 == D("5.48")
    seg = r.by("segment")
    assert costs_by(seg, "segment") == {"off-peak 16:30-00:30 UTC": D("1.37"), "standard": D("4.11")}
    assert seg["rows"].tolist() == [2, 3]
    off = "off-peak 16:30-00:30 UTC"
    assert r.rows["segment"].astype(str).tolist() == ["standard", off, off, "standard", "standard"]


def test_offsets_other_than_utc_are_converted_before_the_window_test(cat):
    # 00:45 at +08:00 is 16:45 UTC: off-peak; 16:45 at +08:00 is 08:45 UTC: peak
    df = pd.DataFrame(
        {
            "timestamp": ["2025-03-06T00:45:00+08:00", "2025-03-06T16:45:00+08:00"],
            "model": ["nightowl", "nightowl"],
            "input_tokens": [M, M],
            "output_tokens": [M, M],
        }
    )
    assert tc.cost_usage(df, cat).total == D("0.685") + D("1.37")


def test_batch_traffic_gets_the_discount_and_is_never_off_peak(cat):
    df = log(
        ("2025-03-05T17:00:00Z", "nightowl", M, M, True),  # (0.27 + 1.10) x 0.75 = 1.0275
        ("2025-02-15T10:00:00Z", "alpha", M, 100_000, True),  # policy: input/output halved
        ("2025-04-01T10:00:00Z", "longctx", 300_000, 100, True),  # tier, then version batch 50%
        columns=("timestamp", "model", "input_tokens", "output_tokens", "batch"),
    )
    df["cached_tokens"] = [0, 200_000, 0]
    r = tc.cost_usage(df, cat)
    # alpha: 800k x 2.00 x 0.5 + 200k x 0.50 (cache reads not in the policy) + 100k x 8 x 0.5 = 1.30
    # longctx: 300k x 2.50 x 0.5 + 100 x 10 x 0.5 (per million) = 0.3755
    assert costs_by(r.by("model"), "model") == {
        "alpha": D("1.30"),
        "longctx": D("0.3755"),
        "nightowl": D("1.0275"),
    }
    assert set(r.rows["segment"].astype(str)) == {"batch", "batch >200000"}


def test_cached_reads_and_cache_writes_are_part_of_input_tokens(cat):
    df = log(
        ("2025-04-01T10:00:00Z", "alpha", M, 0, 400_000, 100_000),
        columns=(
            "timestamp",
            "model",
            "input_tokens",
            "output_tokens",
            "cached_tokens",
            "cache_write_tokens",
        ),
    )
    # fresh 500k x 1.00 + cached 400k x 0.25 + written 100k x 1.25 = 0.50 + 0.10 + 0.125
    assert tc.cost_usage(df, cat).total == D("0.725")


def test_context_tier_applies_only_above_the_threshold(cat):
    df = log(
        ("2025-04-01T10:00:00Z", "longctx", 200_000, 10_000),  # 0.25 + 0.05
        ("2025-04-01T10:00:00Z", "longctx", 200_001, 10_000),
    )  # 0.5000025 + 0.10
    r = tc.cost_usage(df, cat)
    assert r.total == D("0.9000025")
    assert costs_by(r.by("segment"), "segment") == {"standard": D("0.30"), "standard >200000": D("0.6000025")}


def test_cny_prices_convert_at_the_exchange_rate_of_the_rows_date(cat):
    df = log(
        ("2025-03-01T10:00:00Z", "yuan", M, M),  # 10 CNY x 0.14
        ("2025-06-01T00:00:00Z", "yuan", M, M),
    )  # 10 CNY x 0.125 (new rate from that day)
    r = tc.cost_usage(df, cat)
    assert r.total == D("2.65")
    assert costs_by(r.by("month"), "month") == {"2025-03": D("1.40"), "2025-06": D("1.25")}


def test_reprice_as_answers_what_the_log_would_have_cost_on_another_model(cat):
    df = log(
        ("2025-03-01T11:59:59Z", "alpha", M, 100_000), ("2025-03-01T12:00:00Z", "Alpha Large", M, 100_000)
    )
    r = tc.cost_usage(df, cat, reprice_as=["nightowl", "alpha@v1"])
    # nightowl at 11:59/12:00 UTC is peak: 0.27 + 0.11 = 0.38 a row; alpha@v1 pinned: 2.80 a row
    assert r.repriced["nightowl"].total == D("0.76")
    assert r.repriced["alpha@v1"].total == D("5.60")
    by = r.by("model")
    assert by.loc[0, ["model", "cost", "cost_as_nightowl", "cost_as_alpha@v1"]].tolist() == [
        "alpha",
        D("4.20"),
        D("0.76"),
        D("5.60"),
    ]
    assert list(r.repriced["nightowl"].rows["version"].astype(str)) == ["nightowl@list"] * 2


# -- bad rows never vanish and never cost $0 ----------------------------------------------------
def bad_log() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "timestamp": [
                "2025-03-05T10:00:00Z",
                "2025-03-05T10:00:00Z",
                "2025-03-05T10:00:00Z",
                "2025-03-05T10:00:00Z",
                "2025-03-05 10:00:00",
                "2025-03-05T10:00:00Z",
            ],
            "model": ["alpha", "alpah", "alpha", "alpha", "alpha", "nightowl"],
            "input_tokens": [1000, 1000, -5, 1000, 1000, M],
            "output_tokens": [0.0, 0.0, 0.0, float("nan"), 0.0, 0.0],
        }
    )


def test_bad_rows_raise_naming_the_first_rows_and_the_count(cat):
    with pytest.raises(UsageLogError) as exc:
        tc.cost_usage(bad_log(), cat)
    err = exc.value
    assert "unknown model 'alpah'" in str(err) and "'alpha'" in str(err)  # with the suggestion
    assert err.rows == [1] and err.count == 1
    assert "3 more bad row(s)" in str(err)
    assert isinstance(err, TokencostError)


def test_many_rows_with_one_problem_are_counted_and_the_first_five_named(cat):
    df = log(*[("2025-03-05T10:00:00Z", "alpha", -1 if i % 2 else 10, 1) for i in range(20)])
    with pytest.raises(
        UsageLogError, match=r"input_tokens is negative; 10 row\(s\): 1, 3, 5, 7, 9 \(and 5 more\)"
    ):
        tc.cost_usage(df, cat)


def test_errors_report_excludes_bad_rows_and_lists_them_with_reasons(cat):
    r = tc.cost_usage(bad_log(), cat, errors="report")
    assert r.excluded_rows == 4 and r.n_rows == 6
    assert r.total == D("0.001") + D("0.27")  # rows 0 and 5 only
    assert r.rejected.index.tolist() == [1, 2, 3, 4]
    reasons = r.rejected["reason"].astype(str).tolist()
    assert reasons[0].startswith("unknown model 'alpah'")
    assert reasons[1] == "input_tokens is negative"
    assert reasons[2] == "output_tokens is missing (NaN) or not a number"
    assert reasons[3].startswith("timestamp has no UTC offset")
    assert "EXCLUDES 4 rejected row(s)" in str(r)
    assert r.rows.index.tolist() == [0, 5]


def test_naive_timestamps_are_accepted_as_utc_only_when_asked(cat):
    df = log(("2025-03-05 10:00:00", "alpha", M, 0))
    with pytest.raises(UsageLogError, match="no UTC offset"):
        tc.cost_usage(df, cat)
    naive_dt64 = df.assign(timestamp=pd.to_datetime(df["timestamp"]))
    with pytest.raises(UsageLogError, match="no UTC offset"):
        tc.cost_usage(naive_dt64, cat)
    assert tc.cost_usage(naive_dt64, cat, assume_utc=True).total == D("1.00")


def test_missing_required_column_is_an_error_naming_it(cat):
    df = log(("2025-03-05T10:00:00Z", "alpha", M, 0)).drop(columns=["output_tokens"])
    with pytest.raises(UsageLogError) as exc:
        tc.cost_usage(df, cat)
    assert exc.value.column == "output_tokens" and "output_tokens" in str(exc.value)


@pytest.mark.parametrize(
    "row, reason",
    [
        (("2025-03-05T10:00:00Z", "alpha", 10, 1, 8, 5, False), "exceed input_tokens"),
        (("2025-03-05T10:00:00Z", "yuan", 10, 1, 0, 0, True), "no batch discount is recorded for yuan@cny-1"),
        (("2025-01-15T10:00:00Z", "alpha", 10, 1, 0, 0, True), "no batch discount is recorded for alpha@v1"),
        (("2024-11-30T10:00:00Z", "yuan", 10, 1, 0, 0, False), "no official or promotional price of 'yuan'"),
        (("2024-12-15T10:00:00Z", "yuan", 10, 1, 0, 0, False), "no recorded CNY->USD exchange rate"),
        (("2025-03-05T10:00:00Z", "nightowl", 10, 1, 0, 4, False), "has no 'cache_write' rate"),
        (("2025-03-05T10:00:00Z", "alpha", 10.5, 1, 0, 0, False), "input_tokens is not a whole number"),
    ],
)
def test_rows_that_cannot_be_priced_are_rejected_not_zero(cat, row, reason):
    cols = (
        "timestamp",
        "model",
        "input_tokens",
        "output_tokens",
        "cached_tokens",
        "cache_write_tokens",
        "batch",
    )
    good = ("2025-03-05T10:00:00Z", "nightowl", 10, 1, 0, 0, False)
    df = log(good, row, columns=cols)
    r = tc.cost_usage(df, cat, errors="report")
    assert r.rejected.index.tolist() == [1]
    assert reason in str(r.rejected["reason"].iloc[0])
    assert r.total == D("0.0000038")  # only the good nightowl row: 10 x 0.27 + 1 x 1.10 per million
    with pytest.raises(UsageLogError, match="1 row\\(s\\): 1"):
        tc.cost_usage(df, cat)


def test_aggregated_rows_are_rejected_where_tiers_or_windows_depend_on_single_requests(cat):
    df = log(
        ("2025-04-01T10:00:00Z", "longctx", 300_000, 10, 3, None),
        ("2025-04-01T10:00:00Z", "longctx", 300_000, 10, 3, 0),  # context_tokens given: base tier
        ("2025-04-01T10:00:00Z", "nightowl", 300_000, 10, 3, None),
        ("2025-04-01T10:00:00Z", "alpha", 300_000, 10, 3, None),  # no tiers, no window: fine
        columns=("timestamp", "model", "input_tokens", "output_tokens", "requests", "context_tokens"),
    )
    r = tc.cost_usage(df, cat, errors="report")
    assert r.rejected.index.tolist() == [0, 2]
    assert "context_tokens" in str(r.rejected["reason"].iloc[0])
    assert "off-peak" in str(r.rejected["reason"].iloc[1])
    # 300k x 1.25 + 10 x 5.00 ; 300k x 1.00 + 10 x 4.00 (per million)
    assert r.total == D("0.37505") + D("0.30004")


def test_rows_a_target_cannot_price_are_rejected_for_that_target_only(cat):
    df = log(
        ("2025-03-05T10:00:00Z", "alpha", M, 0, False),
        ("2025-03-05T10:00:00Z", "alpha", M, 0, True),
        columns=("timestamp", "model", "input_tokens", "output_tokens", "batch"),
    )
    with pytest.raises(UsageLogError, match="as yuan: batch row"):
        tc.cost_usage(df, cat, reprice_as="yuan")
    r = tc.cost_usage(df, cat, reprice_as="yuan", errors="report")
    assert r.excluded_rows == 0 and r.total == D("1.50")
    assert r.repriced["yuan"].excluded_rows == 1 and r.repriced["yuan"].total == D("0.28")
    assert any("cannot price" in n for n in r.notes)


def test_a_group_no_row_of_which_a_target_can_price_shows_no_cost_not_zero(cat):
    df = log(
        ("2025-03-05T10:00:00Z", "alpha", M, 0, True),  # batch: yuan has no batch price
        ("2025-03-05T10:00:00Z", "nightowl", M, 0, False),
        columns=("timestamp", "model", "input_tokens", "output_tokens", "batch"),
    )
    by = tc.cost_usage(df, cat, reprice_as="yuan", errors="report").by("model").set_index("model")
    # missing, shown as NaN like any missing value in a DataFrame (issue 11), and never $0
    assert pd.isna(by.loc["alpha", "cost_as_yuan"]) and by.loc["alpha", "excluded_as_yuan"] == 1
    assert by.loc["nightowl", "cost_as_yuan"] is not None and by.loc["nightowl", "excluded_as_yuan"] == 0


def test_unknown_reprice_target_fails_before_any_work(cat):
    with pytest.raises(tc.UnknownModelError):
        tc.cost_usage(log(("2025-03-05T10:00:00Z", "alpha", 1, 1)), cat, reprice_as="nightowel")


def test_nanosecond_timestamps_one_nanosecond_either_side_of_a_change_or_window_edge(cat):
    # a log's datetime64[ns] column is used as it is (no rounding to microseconds): the boundaries, whole
    # microseconds, must still be compared at the nanosecond
    df = log(
        ("2025-03-01T11:59:59.999999999Z", "alpha", M, 0),  # v1: 2.00
        ("2025-03-01T12:00:00.000000000Z", "alpha", M, 0),  # v2: 1.00
        ("2025-03-05T16:29:59.999999999Z", "nightowl", M, 0),  # peak: 0.27
        ("2025-03-05T16:30:00.000000001Z", "nightowl", M, 0),  # off-peak: 0.135
        ("2025-03-06T00:29:59.999999999Z", "nightowl", M, 0),  # off-peak, the window wraps midnight
        ("2025-03-06T00:30:00.000000000Z", "nightowl", M, 0),  # peak
    )
    assert df["timestamp"].dt.unit == "ns"
    r = tc.cost_usage(df, cat)
    assert r.total == D("2.00") + D("1.00") + D("0.27") * 2 + D("0.135") * 2 == D("3.81")
    assert list(r.rows["version"].astype(str)) == ["alpha@v1", "alpha@v2", *["nightowl@list"] * 4]
    off = "off-peak 16:30-00:30 UTC"
    assert r.rows["segment"].astype(str).tolist()[2:] == ["standard", off, off, "standard"]
    assert [str(d) for d in r.by("day")["day"]] == ["2025-03-01", "2025-03-05", "2025-03-06"]


@pytest.mark.parametrize("unit", ["ns", "us", "ms", "s"])
def test_the_timestamp_column_unit_does_not_change_prices_days_or_windows(cat, unit):
    # whole seconds, so every unit holds the same instants; each crosses a change, a window edge, midnight
    stamps = ["2025-03-01T11:59:59", "2025-03-01T12:00:00", "2025-03-05T16:29:59", "2025-03-05T16:30:00",
              "2025-03-05T23:59:59", "2025-03-06T00:00:00", "2025-03-06T00:30:00"]
    df = pd.DataFrame({"timestamp": pd.Series(np.array(stamps, dtype=f"datetime64[{unit}]")).dt.tz_localize("UTC"),
                       "model": ["alpha", "alpha", *["nightowl"] * 5], "input_tokens": [M] * 7,
                       "output_tokens": [0] * 7})
    r = tc.cost_usage(df, cat)
    assert r.total == D("2.00") + D("1.00") + D("0.27") * 2 + D("0.135") * 3 == D("3.945")
    assert r.by("day")["rows"].tolist() == [2, 3, 2]
    assert r.by("segment")["rows"].tolist() == [3, 4]  # off-peak 16:30, 23:59:59, 00:00; the rest standard


def test_a_rejected_row_in_a_nanosecond_log_names_its_own_time(cat):
    df = log(("2024-06-01T10:00:00.123456789Z", "alpha", M, 0), ("2025-04-01T10:00:00.000000000Z", "alpha", M, 0))
    assert df["timestamp"].dt.unit == "ns"
    with pytest.raises(TokencostError, match=r"at the row's time \(2024-06-01 10:00:00 UTC\)"):
        tc.cost_usage(df, cat)


# -- exactness -------------------------------------------------------------------------------------
def test_totals_stay_exact_when_token_sums_pass_two_to_the_53(cat):
    big = 3 * 10**15  # four rows: 1.2e16 tokens > 2**53, past float64's exact integers
    df = log(*[("2025-04-01T10:00:00Z", "alpha", big + i, 7) for i in range(4)])
    r = tc.cost_usage(df, cat)
    expected = Fraction(4 * big + 6, M) * 1 + Fraction(28 * 4, M)  # v2: 1.00 in, 4.00 out per million
    assert Fraction(r.total) == expected
    assert int(r.by("model")["input_tokens"].iloc[0]) == 4 * big + 6


def test_sums_past_two_to_the_53_stay_exact_when_their_rows_are_a_million_rows_apart(cat):
    # the per-bin sums run over blocks of rows: each block's float sum is exact, their sum is not
    n = 1_100_000
    inp = np.zeros(n, dtype=np.int64)
    inp[0], inp[-1] = 5 * 10**15 + 1, 5 * 10**15 + 2  # 10**16 + 3: odd, past 2**53 no float64 holds it
    df = pd.DataFrame({"timestamp": pd.Timestamp("2025-04-01T10:00:00Z"), "model": "alpha",
                       "input_tokens": inp, "output_tokens": 0})
    r = tc.cost_usage(df, cat)
    assert int(r.by("model")["input_tokens"].iloc[0]) == 10**16 + 3
    assert r.total == D(10**16 + 3) / M  # v2: 1.00 per million


def test_a_rejected_row_with_a_huge_count_leaves_the_other_sums_exact(cat):
    df = log(("2025-04-01T10:00:00Z", "alpha", 2**62, 0), ("2025-04-01T10:00:00Z", "nosuchmodel", 2**62, 0),
             ("2025-04-01T10:00:00Z", "alpha", 3, 0), ("2024-01-01T10:00:00Z", "alpha", 2**62, 0))
    r = tc.cost_usage(df, cat, errors="report")
    assert r.excluded_rows == 2
    assert r.by("day")["input_tokens"].tolist() == [2**62 + 3]
    assert r.total == D(2**62 + 3) / M


def test_per_row_float_costs_are_within_the_documented_bound(cat):
    rng = np.random.default_rng(3)
    n = 300
    df = pd.DataFrame(
        {
            "timestamp": pd.to_datetime(
                rng.integers(pd.Timestamp("2025-01-02").value, pd.Timestamp("2025-08-01").value, n), utc=True
            ),
            "model": rng.choice(["alpha", "nightowl", "longctx", "yuan"], n),
            "input_tokens": rng.integers(0, 400_000, n),
            "output_tokens": rng.integers(0, 50_000, n),
        }
    )
    rows = tc.cost_usage(df, cat).rows
    for r in rows.itertuples():
        exact = tc.request_cost(
            r.model, int(r.input_tokens), int(r.output_tokens), at=r.timestamp, catalog=cat
        )
        assert abs(Fraction(r.cost) - Fraction(exact)) <= Fraction(8, 10**16) * Fraction(exact) + Fraction(
            1, 10**30
        )


# -- properties ---------------------------------------------------------------------------------------




def request_cost_oracle(df: pd.DataFrame, cat: tc.Catalog) -> tuple[Decimal, list[int]]:
    total, bad = Decimal(0), []
    with localcontext(EXACT):
        for i, r in enumerate(df.itertuples()):
            try:
                total += tc.request_cost(
                    r.model,
                    r.input_tokens,
                    r.output_tokens,
                    r.cached_tokens,
                    r.cache_write_tokens,
                    at=r.timestamp,
                    batch=r.batch,
                    catalog=cat,
                )
            except TokencostError:
                bad.append(i)
    return total, bad


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(usage_rows(), min_size=1, max_size=40))
def test_cost_usage_equals_the_sum_of_request_cost_over_rows(cat, rows):
    df = frame(rows)
    oracle, bad = request_cost_oracle(df, cat)
    r = tc.cost_usage(df, cat, errors="report")
    assert r.total == oracle
    assert r.rejected.index.tolist() == bad  # exactly the rows request_cost refuses


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(usage_rows(), min_size=1, max_size=40), st.randoms(use_true_random=False))
def test_totals_do_not_depend_on_row_order(cat, rows, rnd):
    df = frame(rows)
    shuffled = df.sample(frac=1, random_state=rnd.randint(0, 2**31))
    a, b = tc.cost_usage(df, cat, errors="report"), tc.cost_usage(shuffled, cat, errors="report")
    assert a.total == b.total
    pd.testing.assert_frame_equal(a.by(["model", "day"]), b.by(["model", "day"]))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(usage_rows(), min_size=1, max_size=30))
def test_reprice_equals_request_cost_on_the_target(cat, rows):
    df = frame(rows)
    r = tc.cost_usage(df, cat, errors="report", reprice_as="nightowl")
    kept = df.drop(index=r.rejected.index).assign(model="nightowl")
    oracle, bad = request_cost_oracle(kept, cat)
    assert r.repriced["nightowl"].total == oracle
    assert len(bad) == r.repriced["nightowl"].excluded_rows - r.excluded_rows


# -- grouping, mapping, reading, CLI ----------------------------------------------------------------
def test_by_any_column_of_an_in_memory_log(cat):
    df = log(
        ("2025-04-01T10:00:00Z", "alpha", M, 0, "p1"),
        ("2025-04-01T10:00:00Z", "alpha", M, 0, "p2"),
        ("2025-04-02T10:00:00Z", "nightowl", M, 0, "p1"),
        columns=("timestamp", "model", "input_tokens", "output_tokens", "project"),
    )
    by = tc.cost_usage(df, cat).by(["project", "model"])
    assert by[["project", "model", "cost"]].values.tolist() == [
        ["p1", "alpha", D("1.00")],
        ["p1", "nightowl", D("0.27")],
        ["p2", "alpha", D("1.00")],
    ]
    with pytest.raises(UsageLogError, match="no such column"):
        tc.cost_usage(df, cat).by("team")


def test_openai_usage_export_maps_to_canonical_columns(cat):
    df = pd.DataFrame(
        {
            "start_time": [1741168800, 1741168800],
            "end_time": [1741172400, 1741172400],
            "model": ["alpha", "alpha"],
            "input_tokens": [M, M],
            "input_cached_tokens": [400_000, 0],
            "output_tokens": [0, 0],
            "num_model_requests": [1, 1],
            "batch": [False, True],
            "project_id": ["proj_a", "proj_b"],
        }
    )
    r = tc.cost_usage(df, cat)  # 2025-03-05T10:00Z: v2; 600k x 1.00 + 400k x 0.25 ; batch 1M x 0.50
    assert r.source == "openai" and r.total == D("0.70") + D("0.50")
    nulls = df.assign(batch=[None, None])
    with pytest.raises(UsageLogError, match="batch is empty"):
        tc.cost_usage(nulls, cat)


def test_anthropic_usage_report_maps_cache_columns_and_service_tier(cat):
    df = pd.json_normalize(
        [
            {
                "starting_at": "2025-04-01T00:00:00Z",
                "model": "longctx",
                "uncached_input_tokens": 100_000,
                "cache_read_input_tokens": 100_000,
                "output_tokens": 1000,
                "service_tier": "batch",
                "context_window": "0-200k",
                "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
            }
        ]
    )
    r = tc.cost_usage(df, cat)
    # base tier (context_window 0-200k), batch 50%: (100k x 1.25 + 100k x 0.3125 + 1000 x 5) / 2 per million
    assert r.source == "anthropic" and r.total == D("0.080625")
    long = df.assign(context_window="200k-1M")
    assert tc.cost_usage(long, cat).total == D("0.16125")  # > 200k tier rates, halved


def test_litellm_spend_logs_strip_provider_prefixes_and_read_naive_times_as_utc(cat):
    df = pd.DataFrame(
        {
            "request_id": ["a", "b"],
            "startTime": ["2025-03-05 10:00:00", "2025-03-05 10:00:00"],
            "model": ["acme/alpha", "alpha"],
            "custom_llm_provider": ["acme", "acme"],
            "prompt_tokens": [M, M],
            "completion_tokens": [0, 0],
            "spend": [1.0, 1.0],
            "call_type": ["acompletion", "aembedding"],
        }
    )
    r = tc.cost_usage(df, cat, errors="report")
    assert r.source == "litellm" and r.total == D("1.00")
    assert "not a chat/completion call" in str(r.rejected["reason"].iloc[0])


def test_read_usage_reads_csv_and_parquet_to_the_same_costs(cat, tmp_path):
    df = log(("2025-03-01T11:59:59Z", "alpha", M, 100_000), ("2025-03-05T16:45:00Z", "nightowl", M, M))
    df.assign(timestamp=df["timestamp"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")).to_csv(
        tmp_path / "u.csv", index=False
    )
    df.to_parquet(tmp_path / "u.parquet")
    for name in ("u.csv", "u.parquet"):
        assert tc.cost_usage(tc.read_usage(tmp_path / name), cat).total == D("2.80") + D("0.685")
    with pytest.raises(TokencostError):
        tc.read_usage(tmp_path / "missing.csv")


def run_cli(*argv: str) -> int:
    from tokencost.cli import main

    return main(["usage", *argv])


def test_cli_prints_totals_by_month_with_repricing(cat, tmp_path, capsys):
    prices = tmp_path / "p.yaml"
    prices.write_text(PRICES)
    df = log(("2025-03-01T11:59:59Z", "alpha", M, 100_000), ("2025-04-02T10:00:00Z", "alpha", M, 100_000))
    df.to_parquet(tmp_path / "u.parquet")
    common = [str(tmp_path / "u.parquet"), "--prices", str(prices), "--prices-only"]
    assert run_cli(*common, "--by", "month", "--reprice-as", "nightowl", "--format", "json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["total"] == "4.2" and doc["repriced"]["nightowl"]["total"] == "0.76"
    assert [(g["month"], g["cost"]) for g in doc["groups"]] == [("2025-03", "2.8"), ("2025-04", "1.4")]
    assert run_cli(*common, "--format", "csv") == 0
    assert capsys.readouterr().out.splitlines()[1] == "alpha,2,2000000,0,0,200000,4.2"
    assert run_cli(*common) == 0
    assert "total 4.20 USD (exact 4.2)" in capsys.readouterr().out


def test_cli_json_gives_null_for_a_group_no_row_of_which_the_target_can_price(tmp_path, capsys):
    prices = tmp_path / "p.yaml"
    prices.write_text(PRICES)
    log(("2025-03-05T10:00:00Z", "alpha", M, 0, True), ("2025-03-05T10:00:00Z", "nightowl", M, 0, False),
        columns=("timestamp", "model", "input_tokens", "output_tokens", "batch")).to_parquet(tmp_path / "u.parquet")
    assert run_cli(str(tmp_path / "u.parquet"), "--prices", str(prices), "--prices-only", "--reprice-as", "yuan",
                   "--errors", "report", "--format", "json") == 0
    def strict(const: str):
        raise AssertionError(f"{const} is not JSON")
    groups = {g["model"]: g for g in json.loads(capsys.readouterr().out, parse_constant=strict)["groups"]}
    assert groups["alpha"]["cost_as_yuan"] is None and groups["nightowl"]["cost_as_yuan"] is not None


def test_cli_bad_rows_print_one_line_and_exit_2(cat, tmp_path, capsys):
    prices = tmp_path / "p.yaml"
    prices.write_text(PRICES)
    bad_log().to_csv(tmp_path / "bad.csv", index=False)
    common = [str(tmp_path / "bad.csv"), "--prices", str(prices), "--prices-only"]
    assert run_cli(*common) == 2
    err = capsys.readouterr().err
    assert err.startswith("tokencost: error: unknown model 'alpah'") and len(err.strip().splitlines()) == 1
    assert run_cli(*common, "--errors", "report", "--rejected", str(tmp_path / "rej.csv")) == 0
    assert "EXCLUDES 4 rejected row(s)" in capsys.readouterr().out
    assert len(pd.read_csv(tmp_path / "rej.csv")) == 4


def test_a_file_priced_in_small_chunks_gives_the_same_exact_totals(cat, tmp_path, capsys):
    prices = tmp_path / "p.yaml"
    prices.write_text(PRICES)
    rng = np.random.default_rng(11)
    n = 500
    df = pd.DataFrame(
        {
            "timestamp": pd.to_datetime(
                rng.integers(pd.Timestamp("2025-02-20").value, pd.Timestamp("2025-07-01").value, n), utc=True
            ).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "model": rng.choice(["alpha", "nightowl", "longctx", "yuan"], n),
            "input_tokens": rng.integers(0, 400_000, n),
            "output_tokens": rng.integers(0, 50_000, n),
        }
    )
    df.to_csv(tmp_path / "log.csv", index=False)
    whole = tc.cost_usage(tc.read_usage(tmp_path / "log.csv"), cat, reprice_as="alpha")
    args = [
        str(tmp_path / "log.csv"),
        "--prices",
        str(prices),
        "--prices-only",
        "--format",
        "json",
        "--by",
        "month",
        "--reprice-as",
        "alpha",
        "--chunksize",
        "37",
    ]
    assert run_cli(*args) == 0
    doc = json.loads(capsys.readouterr().out)
    assert Decimal(doc["total"]) == whole.total
    assert Decimal(doc["repriced"]["alpha"]["total"]) == whole.repriced["alpha"].total
    assert [Decimal(g["cost"]) for g in doc["groups"]] == whole.by("month")["cost"].tolist()


def test_an_empty_log_costs_zero_and_says_so(cat):
    r = tc.cost_usage(log(("2025-03-05T10:00:00Z", "alpha", 1, 1)).iloc[0:0], cat)
    assert r.total == 0 and r.n_rows == 0 and r.by("model").empty and r.excluded_rows == 0


def test_columns_mapping_renames_your_columns(cat):
    df = pd.DataFrame(
        {"ts": pd.to_datetime(["2025-04-01T10:00:00Z"]), "engine": ["alpha"], "p": [M], "c": [0]}
    )
    r = tc.cost_usage(
        df, cat, columns={"timestamp": "ts", "model": "engine", "input_tokens": "p", "output_tokens": "c"}
    )
    assert r.total == D("1.00")
    with pytest.raises(UsageLogError, match="names column"):
        tc.cost_usage(df, cat, columns={"timestamp": "time"})
