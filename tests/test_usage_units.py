"""Usage logs price every unit the pricing rule knows, with request_cost's counting convention.

``input_tokens`` include the cache reads, both cache writes (5 min, 1 h), audio and image input;
``output_tokens`` include reasoning and audio output. Hand-worked costs for each new column and
for each export mapping (worked in the comments, on the small price file below), then the laws:
a log costs the sum of ``request_cost`` over its rows (same keywords), and Dask, chunked and
in-memory pricing agree to the last digit.
"""

from __future__ import annotations

import datetime as dt
import warnings
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tokencost as tc
from tokencost._usage.api import cost_usage_stream
from tokencost.errors import StalePriceWarning, TokencostError

D = Decimal
M = 1_000_000

PRICES = """
sources:
  test:
    kind: vendor_page
    url: https://example.com/prices
models:
  omni:
    provider: acme
    versions:
      - id: v1
        status: official
        effective_from: 2025-01-01
        rates: {input: 2.00, cached_input: 0.50, cache_write: 2.50, cache_write_1h: 4.00, output: 8.00,
                reasoning: 10.00, audio_input: 40.00, audio_output: 80.00, image_input: 1.00, web_search: 10}
        batch: {discount: 0.5}
        service_tiers:
          flex: {multiplier: 0.6, applies_to: [input, cached_input, output]}
          priority: {rates: {input: 3.50, cached_input: 0.875, output: 14.00}, effective_from: 2025-06-01}
        citations: [{source: test}]
  plain:
    provider: acme
    versions:
      - id: v1
        status: official
        effective_from: 2025-01-01
        rates: {input: 1.00, cached_input: 0.25, output: 4.00}
        citations: [{source: test}]
  feed:
    provider: acme
    versions:
      - id: v1
        status: official
        effective_from: 2025-01-01
        rates: {input: 1.00, output: 4.00, request: 5}
        citations: [{source: test}]
"""
UNITS = ("cached_tokens", "cache_write_tokens", "cache_write_1h_tokens", "reasoning_tokens", "audio_input_tokens",
         "audio_output_tokens", "image_input_tokens", "web_searches")


@pytest.fixture(scope="module")
def cat(tmp_path_factory: pytest.TempPathFactory) -> tc.Catalog:
    path = tmp_path_factory.mktemp("units") / "prices.yaml"
    path.write_text(PRICES)
    return tc.load_catalog(path)


def one_row(model: str = "omni", when: str = "2025-03-03T10:00:00Z", **cols) -> pd.DataFrame:
    base = {"timestamp": pd.Timestamp(when), "model": model, "input_tokens": M, "output_tokens": M}
    return pd.DataFrame([{**base, **cols}])


def log(*frames: pd.DataFrame) -> pd.DataFrame:
    """Rows of a log; a column some rows lack is 0 / false / standard there (as one export would say)."""
    df = pd.concat(frames, ignore_index=True)
    for c in df.columns:
        if c in UNITS:
            df[c] = df[c].fillna(0).astype("int64")
    if "batch" in df:
        df["batch"] = df["batch"].fillna(False).astype(bool)
    return df


# -- each new column, by hand (omni: 1M input, 1M output; $2 in / $8 out = $10.00 with no split) ---------
@pytest.mark.parametrize(
    "cols, expected",
    [
        # 750k fresh x $2 = 1.50; 250k 1-hour writes x $4 = 1.00; 1M output x $8 = 8.00
        ({"cache_write_1h_tokens": 250_000}, D("10.50")),
        # input 2.00; 600k text output x $8 = 4.80; 400k reasoning x $10 = 4.00
        ({"reasoning_tokens": 400_000}, D("10.80")),
        # 900k fresh x $2 = 1.80; 100k audio in x $40 = 4.00; output 8.00
        ({"audio_input_tokens": 100_000}, D("13.80")),
        # input 2.00; 950k text output x $8 = 7.60; 50k audio out x $80 = 4.00
        ({"audio_output_tokens": 50_000}, D("13.60")),
        # 500k fresh x $2 = 1.00; 500k image in x $1 = 0.50; output 8.00
        ({"image_input_tokens": 500_000}, D("9.50")),
        # 10.00 + 3 searches x $10 per 1,000 = 0.03
        ({"web_searches": 3}, D("10.03")),
        # batch: 50% off every unit: 1.00 + 4.00
        ({"service_tier": "batch"}, D("5.00")),
        ({"batch": True, "service_tier": "standard"}, D("5.00")),
        # flex: 0.6 x input and output: 1.20 + 4.80
        ({"service_tier": "flex"}, D("6.00")),
        # priority (from 2025-06-01): its own rates $3.50 / $14: 3.50 + 14.00
        ({"service_tier": "priority", "when": "2025-06-01T00:00:00Z"}, D("17.50")),
        # empty, "default" and "auto" mean standard
        ({"service_tier": "default"}, D("10.00")),
    ],
)
def test_each_unit_column_is_priced_at_its_own_rate_with_parts_counted_inside_the_totals(cat, cols, expected):
    cols = dict(cols)
    r = tc.cost_usage(one_row(when=cols.pop("when", "2025-03-03T10:00:00Z"), **cols), cat)
    assert r.total == expected
    assert r.rows["cost"].iloc[0] == pytest.approx(float(expected), rel=1e-12)


def test_every_unit_at_once_is_the_sum_of_the_hand_worked_parts(cat):
    # fresh = 1,000,000 - 200k cached - 100k 5-min writes - 50k 1-h writes - 20k audio - 30k image = 600k
    #   600k x $2 = 1.20; 200k x $0.5 = 0.10; 100k x $2.5 = 0.25; 50k x $4 = 0.20; 20k x $40 = 0.80;
    #   30k x $1 = 0.03
    # text output = 500k - 300k reasoning - 10k audio = 190k x $8 = 1.52; 300k x $10 = 3.00; 10k x $80 = 0.80
    # 7 searches x $0.01 = 0.07                                                   total 7.97
    df = one_row(input_tokens=M, output_tokens=500_000, cached_tokens=200_000, cache_write_tokens=100_000,
                 cache_write_1h_tokens=50_000, audio_input_tokens=20_000, image_input_tokens=30_000,
                 reasoning_tokens=300_000, audio_output_tokens=10_000, web_searches=7)
    r = tc.cost_usage(df, cat)
    assert r.total == D("7.97")
    by = r.by("model")
    assert by.loc[0, "reasoning_tokens"] == 300_000 and by.loc[0, "web_searches"] == 7
    assert by.loc[0, "cost"] == D("7.97")


def test_reasoning_and_image_input_fall_back_to_output_and_input_rates_where_no_rate_of_their_own(cat):
    # plain: $1 in / $4 out, no reasoning or image rate: priced as output and text input, so 1 + 4 = 5.00
    r = tc.cost_usage(one_row("plain", reasoning_tokens=400_000, image_input_tokens=500_000), cat)
    assert r.total == D("5.00")


def test_a_unit_the_version_has_no_rate_for_rejects_the_row_never_prices_it_at_zero(cat):
    df = log(one_row("plain", audio_input_tokens=1), one_row("plain", web_searches=2), one_row("plain"))
    r = tc.cost_usage(df, cat, errors="report")
    assert r.total == D("5.00")  # only the third row: $1 + $4
    reasons = list(r.rejected["reason"])
    assert "has no 'audio_input' rate" in reasons[0] and "audio_input tokens" in reasons[0]
    assert "has no 'web_search' rate" in reasons[1] and "web searches" in reasons[1]


def test_a_service_tier_not_recorded_at_the_rows_time_is_rejected_with_the_reason(cat):
    df = log(one_row(service_tier="priority", when="2025-05-31T23:59:59Z"),
             one_row("plain", service_tier="flex"), one_row(service_tier="turbo"),
             one_row(batch=True, service_tier="flex"))
    r = tc.cost_usage(df, cat, errors="report")
    assert r.total == 0 and r.excluded_rows == 4
    reasons = list(r.rejected["reason"])
    assert reasons[0].startswith("priority row, but no priority tier is recorded for omni")
    assert reasons[1].startswith("flex row, but no flex tier is recorded for plain")
    assert "service_tier 'turbo' is not one of" in reasons[2]
    assert reasons[3] == "batch is true but service_tier is 'flex'"


def test_parts_exceeding_the_totals_they_are_counted_in_are_rejected(cat):
    df = log(one_row(cached_tokens=600_000, audio_input_tokens=500_000),
             one_row(reasoning_tokens=900_000, audio_output_tokens=200_000))
    r = tc.cost_usage(df, cat, errors="report")
    assert r.excluded_rows == 2
    assert "exceed input_tokens" in r.rejected["reason"].iloc[0]
    assert "exceed output_tokens" in r.rejected["reason"].iloc[1]


def test_a_non_numeric_unit_cell_is_a_rejected_row(cat):
    df = pd.concat([one_row(), one_row()], ignore_index=True)
    df["reasoning_tokens"] = pd.Series([100, "lots"], dtype=object)
    r = tc.cost_usage(df, cat, errors="report")
    # row 0: 2 + 0.999900 x 8 + 0.0001 x 10 = 2 + 7.9992 + 0.001 = 10.0002
    assert r.total == D("10.0002")
    assert r.rejected["reason"].iloc[0] == "reasoning_tokens is missing (NaN) or not a number"


def test_a_per_request_fee_is_charged_per_request_the_row_adds_up(cat):
    # feed: $1 in, $4 out, $5 per 1,000 requests. 10 requests: 1 + 4 + 10 x 0.005 = 5.05;
    # a log without a requests column: one request per row, 5.005
    assert tc.cost_usage(one_row("feed", requests=10), cat).total == D("5.05")
    assert tc.cost_usage(one_row("feed"), cat).total == D("5.005")
    assert tc.request_cost("feed", M, M, requests=10, at="2025-03-03", catalog=cat) == D("5.05")


def test_an_unknown_request_count_is_rejected_only_where_a_fee_applies(cat):
    df = log(one_row("feed", requests=float("nan")), one_row("plain", requests=float("nan")),
             one_row("feed", requests=2))
    r = tc.cost_usage(df, cat, errors="report")
    # plain has no fee: its unknown count costs nothing extra (1 + 4); feed x 2 requests: 5 + 0.01
    assert r.total == D("10.01")
    assert list(r.rejected.index) == [0]
    assert r.rejected["reason"].iloc[0].startswith("requests is missing: the price charges a fee per request")
    assert list(r.rows["cost"]) == pytest.approx([5.0, 5.01], rel=1e-12)


# -- mappings, by hand -------------------------------------------------------------------------------
def openai_bucket(**kw) -> dict:
    # one result of /v1/organization/usage/completions, flattened with its bucket's start_time
    row = {"start_time": 1740960000, "model": "omni", "input_tokens": M, "output_tokens": M,
           "input_cached_tokens": 0, "input_audio_tokens": 0, "output_audio_tokens": 0,
           "num_model_requests": 10, "batch": False, "service_tier": "default"}
    row.update(kw)
    return row


def test_openai_usage_api_counts_cached_and_audio_inside_input_and_audio_inside_output(cat):
    # start_time 1740960000 = 2025-03-03 00:00 UTC
    # input 1M incl. 200k cached and 100k audio: fresh 700k x $2 = 1.40; 200k x $0.5 = 0.10; 100k x $40 = 4.00
    # output 1M incl. 50k audio: 950k x $8 = 7.60; 50k x $80 = 4.00                          total 17.10
    df = pd.DataFrame([openai_bucket(input_cached_tokens=200_000, input_audio_tokens=100_000,
                                     output_audio_tokens=50_000)])
    r = tc.cost_usage(df, cat, columns="openai")
    assert r.total == D("17.10")
    by = r.by("model")
    assert by.loc[0, "audio_input_tokens"] == 100_000 and by.loc[0, "audio_output_tokens"] == 50_000


def test_openai_usage_api_service_tier_and_batch_pick_the_regime(cat):
    df = pd.DataFrame([openai_bucket(service_tier="flex"),      # 0.6 x (2 + 8) = 6.00
                       openai_bucket(batch=True),               # 0.5 x (2 + 8) = 5.00
                       openai_bucket(batch=None, service_tier="flex"),  # flex says "not batch": 6.00
                       openai_bucket(service_tier="priority")])  # before 2025-06-01: rejected
    r = tc.cost_usage(df, cat, columns="openai", errors="report")
    assert r.total == D("17.00")
    assert list(r.rejected.index) == [3]
    assert r.by("segment").set_index("segment")["cost"].to_dict() == {"batch": D("5.00"), "flex": D("12.00")}


def test_openai_usage_api_non_numeric_token_field_is_rejected_naming_the_field(cat):
    df = pd.DataFrame([openai_bucket(), openai_bucket(input_cached_tokens="n/a"),
                       openai_bucket(input_audio_tokens="")])  # blank breakdown = none: priced
    r = tc.cost_usage(df, cat, columns="openai", errors="report")
    assert r.total == D("20.00")
    assert list(r.rejected["reason"]) == ["input_cached_tokens is not a number"]


def anthropic_result(**kw) -> dict:
    # one result of /v1/organizations/usage_report/messages, flattened with pd.json_normalize
    row = {"starting_at": "2025-03-03T00:00:00Z", "model": "omni", "uncached_input_tokens": M,
           "cache_read_input_tokens": 0, "cache_creation.ephemeral_5m_input_tokens": 0,
           "cache_creation.ephemeral_1h_input_tokens": 0, "output_tokens": M,
           "server_tool_use.web_search_requests": 0, "service_tier": "standard", "context_window": "0-200k"}
    row.update(kw)
    return row


ANTHROPIC_EXAMPLE = dict(uncached_input_tokens=500_000, cache_read_input_tokens=200_000,
                         **{"cache_creation.ephemeral_5m_input_tokens": 100_000,
                            "cache_creation.ephemeral_1h_input_tokens": 200_000,
                            "server_tool_use.web_search_requests": 5})


def test_anthropic_usage_report_adds_reads_and_both_writes_to_the_uncached_input(cat):
    # input = 500k uncached + 200k reads + 100k 5-min + 200k 1-h writes = 1M (none counted twice):
    #   500k x $2 = 1.00; 200k x $0.5 = 0.10; 100k x $2.5 = 0.25; 200k x $4 = 0.80
    # output 1M x $8 = 8.00; 5 web searches x $10 / 1,000 = 0.05                 total 10.20
    r = tc.cost_usage(pd.DataFrame([anthropic_result(**ANTHROPIC_EXAMPLE)]), cat, columns="anthropic")
    assert r.total == D("10.20")
    by = r.by("model")
    assert by.loc[0, "input_tokens"] == M and by.loc[0, "cache_write_1h_tokens"] == 200_000


def test_anthropic_usage_report_with_underscored_field_names_maps_the_same(cat):
    row = {k.replace(".", "_"): v for k, v in anthropic_result(**ANTHROPIC_EXAMPLE).items()}
    assert "cache_creation_ephemeral_1h_input_tokens" in row
    assert tc.cost_usage(pd.DataFrame([row]), cat).total == D("10.20")  # detected as anthropic


def test_anthropic_usage_report_service_tiers(cat):
    df = pd.DataFrame([anthropic_result(service_tier="batch"),                                # 5.00
                       anthropic_result(service_tier="priority", starting_at="2025-06-02T00:00:00Z"),  # 17.50
                       anthropic_result(service_tier="flex_discount")])                        # rejected
    r = tc.cost_usage(df, cat, columns="anthropic", errors="report")
    assert r.total == D("22.50")
    assert "service_tier 'flex_discount' is not one of" in r.rejected["reason"].iloc[0]


def test_anthropic_usage_report_non_numeric_cache_read_is_rejected_not_zero(cat):
    df = pd.DataFrame([anthropic_result(cache_read_input_tokens="abc"), anthropic_result()])
    r = tc.cost_usage(df, cat, columns="anthropic", errors="report")
    assert r.total == D("10.00")
    assert list(r.rejected["reason"]) == ["cache_read_input_tokens is not a number"]


# -- laws ----------------------------------------------------------------------------------------------
TIERS = ["standard", "batch", "flex", "priority"]


@st.composite
def unit_rows(draw: st.DrawFn) -> dict:
    inp = draw(st.integers(0, 3 * M))
    out = draw(st.integers(0, M))
    left = inp
    row: dict = {"model": draw(st.sampled_from(["omni", "plain", "feed"])), "input_tokens": inp,
                 "output_tokens": out, "requests": draw(st.integers(1, 5))}
    for c in ("cached_tokens", "cache_write_tokens", "cache_write_1h_tokens", "audio_input_tokens",
              "image_input_tokens"):
        row[c] = draw(st.sampled_from([0, 0, None])) or draw(st.integers(0, left))
        left -= row[c]
    row["reasoning_tokens"] = draw(st.integers(0, out))
    row["audio_output_tokens"] = draw(st.sampled_from([0, 0, None])) or draw(
        st.integers(0, out - row["reasoning_tokens"]))
    row["web_searches"] = draw(st.integers(0, 50))
    row["service_tier"] = draw(st.sampled_from(TIERS))
    row["timestamp"] = pd.Timestamp("2025-01-01", tz="UTC") + pd.Timedelta(seconds=draw(st.integers(0, 300 * 86400)))
    return row


def _request_cost(row: dict, cat: tc.Catalog) -> Decimal | None:
    try:
        return tc.request_cost(row["model"], row["input_tokens"], row["output_tokens"],
                               at=row["timestamp"].to_pydatetime(), catalog=cat, requests=row["requests"],
                               **{c: row[c] for c in UNITS}, service_tier=row["service_tier"])
    except TokencostError:
        return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(unit_rows(), min_size=1, max_size=25))
def test_a_log_costs_the_sum_of_request_cost_over_its_rows_with_every_unit(tmp_path_factory, rows):
    cat = _law_catalog(tmp_path_factory)
    df = pd.DataFrame(rows)
    r = tc.cost_usage(df, cat, errors="report")
    each = [_request_cost(row, cat) for row in rows]
    # a row request_cost refuses (a rate or tier the version lacks) is exactly a rejected row
    assert sorted(r.rejected.index) == [i for i, c in enumerate(each) if c is None]
    assert r.total == sum((c for c in each if c is not None), D(0))


_LAW_CAT: list[tc.Catalog] = []


def _law_catalog(tmp_path_factory: pytest.TempPathFactory) -> tc.Catalog:
    if not _LAW_CAT:  # hypothesis forbids function-scoped fixtures in @given tests
        path = tmp_path_factory.mktemp("law") / "prices.yaml"
        path.write_text(PRICES)
        _LAW_CAT.append(tc.load_catalog(path))
    return _LAW_CAT[0]


def _mixed_log() -> pd.DataFrame:
    rows = []
    for k in range(40):
        rows.append({"timestamp": pd.Timestamp("2025-05-25", tz="UTC") + pd.Timedelta(hours=7 * k),
                     "model": ["omni", "plain"][k % 2], "input_tokens": 100_000 + k, "output_tokens": 50_000 + k,
                     "cached_tokens": 10_000, "cache_write_1h_tokens": 2_000 * (k % 3),
                     "reasoning_tokens": 1_000 * k, "audio_input_tokens": 500 * (k % 2 == 0),
                     "audio_output_tokens": 0, "image_input_tokens": 7 * k, "web_searches": k % 4,
                     "service_tier": TIERS[k % 4]})
    return pd.DataFrame(rows)


def test_dask_prices_the_new_columns_exactly_as_pandas(cat):
    dd = pytest.importorskip("dask.dataframe")
    df = _mixed_log()
    here = tc.cost_usage(df, cat, errors="report", reprice_as="omni")
    there = tc.cost_usage(dd.from_pandas(df, npartitions=3), cat, errors="report", reprice_as="omni")
    assert here.excluded_rows > 0 and here.total > 0  # the log exercises both outcomes
    assert there.total == here.total
    assert there.repriced["omni"].total == here.repriced["omni"].total
    pd.testing.assert_frame_equal(there.by(["model", "segment"]), here.by(["model", "segment"]))
    assert sorted(there.rejected.index) == sorted(here.rejected.index)
    rows_there = there.rows.compute().sort_index()
    assert list(rows_there["cost"]) == pytest.approx(list(here.rows["cost"]), rel=1e-12)


def test_chunks_that_lack_a_unit_column_combine_exactly_with_chunks_that_have_it(cat):
    df = _mixed_log()
    first = df.iloc[:20].drop(columns=["web_searches", "reasoning_tokens"])
    whole = df.copy()
    whole.loc[:19, ["web_searches", "reasoning_tokens"]] = 0
    streamed = cost_usage_stream([first, df.iloc[20:]], cat, errors="report")
    in_memory = tc.cost_usage(whole, cat, errors="report")
    assert streamed.total == in_memory.total and streamed.excluded_rows == in_memory.excluded_rows
    pd.testing.assert_frame_equal(streamed.by(["model", "segment"]), in_memory.by(["model", "segment"]))


def test_the_classic_four_columns_give_no_unit_columns_in_the_groupings():
    r = tc.cost_usage(one_row("gpt-4o"))  # the bundled tables: no per-request fee anywhere
    assert list(r.by("model").columns) == ["model", "rows", "input_tokens", "cached_tokens",
                                           "cache_write_tokens", "output_tokens", "cost"]


# -- staleness -----------------------------------------------------------------------------------------
STALE_PRICES = PRICES.replace("sources:", "as_of: 2025-06-30\nsources:", 1)


def test_rows_after_the_data_date_are_flagged_stale_with_one_warning(tmp_path):
    path = tmp_path / "prices.yaml"
    path.write_text(STALE_PRICES)
    cat = tc.load_catalog(path)
    df = pd.concat([one_row(when="2025-06-30T23:00:00Z"), one_row(when="2025-07-01T00:00:00Z"),
                    one_row("plain", when="2025-09-01T00:00:00Z")], ignore_index=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = tc.cost_usage(df, cat)
    stale = [w for w in caught if issubclass(w.category, StalePriceWarning)]
    assert len(stale) == 1 and stale[0].filename == __file__
    assert r.stale is not None and r.stale.startswith("2 row(s) priced on possibly stale figures: ")
    assert "after the tables' data date 2025-06-30" in r.stale
    assert "possibly stale" in str(r)
    assert "POSSIBLY STALE (.stale)" in repr(r) and "possibly stale:</b> 2 row(s)" in r._repr_html_()
    with warnings.catch_warnings():
        warnings.simplefilter("error", StalePriceWarning)
        fresh = tc.cost_usage(df.iloc[:1], cat, reprice_as="plain")  # on the data date: not stale, no warning
    assert fresh.stale is None and fresh.repriced["plain"].stale is None


def test_a_figure_unchecked_for_more_than_180_days_at_the_rows_time_is_stale(tmp_path):
    text = PRICES.replace("        status: official\n        effective_from: 2025-01-01\n        rates: {input: 1.00",
                          "        status: official\n        effective_from: 2025-01-01\n        last_checked: 2025-01-01"
                          "\n        rates: {input: 1.00", 1)
    assert "last_checked" in text
    path = tmp_path / "prices.yaml"
    path.write_text(text)
    cat = tc.load_catalog(path)
    # 2025-01-01 + 180 days = 2025-06-30: still fresh; 2025-07-01 is 181 days after the check
    df = pd.concat([one_row("plain", when="2025-06-30T12:00:00Z"), one_row("plain", when="2025-07-01T12:00:00Z")],
                   ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StalePriceWarning)
        r = tc.cost_usage(df, cat)
    assert r.stale == ("1 row(s) priced on possibly stale figures: plain@v1 was last checked against its "
                       "source on 2025-01-01, 181 days before 2025-07-01")


def test_usage_cli_prints_staleness_in_its_footer(tmp_path, capsys):
    from tokencost.cli import main

    path = tmp_path / "prices.yaml"
    path.write_text(STALE_PRICES)
    log = tmp_path / "log.csv"
    one_row(when="2025-08-01T00:00:00Z").to_csv(log, index=False)
    assert main(["usage", str(log), "--prices", str(path), "--prices-only", "--assume-live"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().splitlines()[-1].startswith("possibly stale: 1 row(s) priced on possibly stale figures")


def test_a_date_is_not_a_price_change_for_the_unit_columns(cat):
    # sanity for the hand-worked table above: the priority tier starts at 2025-06-01 00:00 UTC, so a
    # day holding both sides of the start prices each row by its own instant
    df = pd.concat([one_row(service_tier="priority", when="2025-06-01T00:00:00Z"),
                    one_row(service_tier="priority", when="2025-05-31T23:59:59.999Z")], ignore_index=True)
    r = tc.cost_usage(df, cat, errors="report")
    assert r.total == D("17.50") and list(r.rejected.index) == [1]
    assert dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc) == pd.Timestamp(df.loc[0, "timestamp"])


def test_the_docs_anthropic_example_on_the_bundled_claude_sonnet_4_prices():
    # docs/usage.md: $3 input, $0.30 reads, $3.75 5-min writes, $6 1-h writes, $15 output, $10 / 1,000 searches
    # 500k x 3 + 200k x 0.30 + 100k x 3.75 + 200k x 6 + 1M x 15 per Mtok + 5 x 0.01
    # = 1.50 + 0.06 + 0.375 + 1.20 + 15 + 0.05 = 18.185
    row = anthropic_result(model="claude-sonnet-4", starting_at="2025-09-01T00:00:00Z", **ANTHROPIC_EXAMPLE)
    assert tc.cost_usage(pd.DataFrame([row]), columns="anthropic").total == D("18.185")


def test_grouped_totals_say_which_rows_were_left_out():
    # issue 12: under errors="report" the by("model") frame itself says rows were excluded;
    # 100 in x $2.50 + 10 out x $10 per Mtok = $0.00035 for the one good gpt-4o row
    log = pd.DataFrame({"timestamp": pd.to_datetime(["2025-03-01T10:00Z"] * 3), "model": ["gpt-4o", "nope", "gpt-4o"],
                        "input_tokens": [100, 100, -5], "output_tokens": [10, 10, 10]})
    r = tc.cost_usage(log, errors="report")
    by = r.by("model")
    assert by[["model", "rows", "excluded_rows"]].values.tolist() == [["gpt-4o", 1, 1], ["nope", 0, 1]]
    assert by["cost"].iloc[0] == Decimal("0.00035") and pd.isna(by["cost"].iloc[1])  # missing, never $0
    assert by.attrs["excluded_rows"] == 2 and "see .rejected" in by.attrs["note"]
    assert r.by("day").attrs["excluded_rows"] == 2


def test_timestamps_after_2262_are_priced_and_flagged_stale():
    # issue 12: datetime64[s] timestamps in year 2500 were rejected (int64 nanoseconds end in 2262);
    # the pipeline counts microseconds. 1M input tokens on gpt-4o at $2.50 each row.
    import numpy as np

    ts = pd.Series(np.array(["2500-06-01T17:00:00", "2025-03-01T10:00:00"], dtype="datetime64[s]")).dt.tz_localize("UTC")
    log = pd.DataFrame({"timestamp": ts, "model": ["gpt-4o", "gpt-4o"], "input_tokens": [1_000_000, 1_000_000],
                        "output_tokens": [0, 0]})
    with pytest.warns(StalePriceWarning):
        r = tc.cost_usage(log)
    assert r.total == Decimal("5") and r.excluded_rows == 0
    assert [str(d) for d in r.by("day")["day"]] == ["2025-03-01", "2500-06-01"]
    assert "priced at 2500-06-01" in r.stale
