"""``tokencost usage`` as a user meets it: flags for every library option, errors that name flags."""

from __future__ import annotations

import json
from decimal import Decimal

import pandas as pd
import pytest
from usage_support import PRICES

import tokencost as tc
from tokencost.cli import main
from tokencost.errors import UsageLogError

D = Decimal
M = 1_000_000


@pytest.fixture()
def prices(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text(PRICES)
    return ["--prices", str(p), "--prices-only"]


def usage(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(["usage", *argv])
    out, err = capsys.readouterr()
    return rc, out, err


def test_columns_flag_maps_a_files_own_names(tmp_path, prices, capsys):
    # alpha v2 (from 2025-03-01 12:00): 1M input x $1 + 100k output x $4 = $1.40
    pd.DataFrame({"created": ["2025-04-02T10:00:00Z"], "my_model": ["alpha"], "prompt": [M],
                  "completion": [100_000]}).to_csv(tmp_path / "mine.csv", index=False)
    rc, out, err = usage(capsys, str(tmp_path / "mine.csv"), *prices, "--format", "json", "--columns",
                         "model=my_model,input_tokens=prompt,output_tokens=completion,timestamp=created")
    assert (rc, err) == (0, "")
    assert json.loads(out)["total"] == "1.4"


def test_a_missing_column_hint_names_the_columns_flag(tmp_path, prices, capsys):
    pd.DataFrame({"timestamp": ["2025-04-02T10:00:00Z"], "my_model": ["alpha"], "input_tokens": [M],
                  "output_tokens": [1]}).to_csv(tmp_path / "mine.csv", index=False)
    rc, _, err = usage(capsys, str(tmp_path / "mine.csv"), *prices)
    assert rc == 2 and "--columns model=<your column>" in err and "columns={" not in err


def test_a_malformed_columns_flag_is_a_one_line_error(tmp_path, prices, capsys):
    pd.DataFrame({"timestamp": ["2025-04-02T10:00:00Z"]}).to_csv(tmp_path / "x.csv", index=False)
    rc, _, err = usage(capsys, str(tmp_path / "x.csv"), *prices, "--columns", "model")
    assert rc == 2 and "canonical=yours" in err


def test_naive_timestamps_hint_names_the_assume_utc_flag(tmp_path, prices, capsys):
    pd.DataFrame({"timestamp": ["2025-04-02 10:00:00"], "model": ["alpha"], "input_tokens": [M],
                  "output_tokens": [0]}).to_csv(tmp_path / "naive.csv", index=False)
    rc, _, err = usage(capsys, str(tmp_path / "naive.csv"), *prices)
    assert rc == 2 and "--assume-utc" in err and "assume_utc=True" not in err
    rc, out, _ = usage(capsys, str(tmp_path / "naive.csv"), *prices, "--assume-utc", "--format", "json")
    assert rc == 0 and json.loads(out)["total"] == "1"  # 1M x $1 (alpha v2)


def test_the_library_keeps_naming_its_keyword(cat_from_prices):
    df = pd.DataFrame({"timestamp": ["2025-04-02 10:00:00"], "model": ["alpha"], "input_tokens": [M],
                       "output_tokens": [0]})
    with pytest.raises(UsageLogError, match=r"assume_utc=True"):
        tc.cost_usage(df, cat_from_prices)


@pytest.fixture()
def cat_from_prices(tmp_path):
    p = tmp_path / "lib.yaml"
    p.write_text(PRICES)
    return tc.load_catalog(p)


def openai_export(batch: list) -> pd.DataFrame:
    """Two OpenAI Usage API buckets (batch column as given)."""
    df = pd.DataFrame({"start_time": [1743588000, 1743591600], "model": ["alpha", "alpha"],
                       "input_tokens": [M, M], "output_tokens": [0, 0], "input_cached_tokens": [0, 0],
                       "num_model_requests": [1, 1]})
    if batch:
        df["batch"] = batch
    return df


def test_an_export_without_a_batch_column_is_priced_as_live_with_assume_live(tmp_path, prices, capsys):
    openai_export([]).to_csv(tmp_path / "oa.csv", index=False)
    rc, _, err = usage(capsys, str(tmp_path / "oa.csv"), *prices)
    assert rc == 2 and "--assume-live" in err
    # 2 buckets x 1M input at alpha v2's live $1 = $2 (batch would be half)
    rc, out, _ = usage(capsys, str(tmp_path / "oa.csv"), *prices, "--assume-live", "--format", "json")
    assert rc == 0 and json.loads(out)["total"] == "2"


def test_assume_live_keeps_rows_that_say_batch_as_batch(tmp_path, prices, capsys):
    # row 1 batch at half price ($0.50), row 2 empty -> live ($1)
    openai_export(["true", None]).to_csv(tmp_path / "oa.csv", index=False)
    rc, out, _ = usage(capsys, str(tmp_path / "oa.csv"), *prices, "--assume-live", "--format", "json")
    assert rc == 0 and json.loads(out)["total"] == "1.5"


def test_by_groups_by_any_column_of_the_file(tmp_path, prices, capsys):
    # alpha v2: p1 = 1M input ($1) + 2M input ($2); p2 = 100k output ($0.40)
    pd.DataFrame({"timestamp": ["2025-04-02T10:00:00Z", "2025-04-03T10:00:00Z", "2025-04-03T11:00:00Z"],
                  "model": ["alpha"] * 3, "input_tokens": [M, 2 * M, 0], "output_tokens": [0, 0, 100_000],
                  "project_id": ["p1", "p1", "p2"]}).to_csv(tmp_path / "proj.csv", index=False)
    rc, out, err = usage(capsys, str(tmp_path / "proj.csv"), *prices, "--by", "project_id", "--format", "json")
    assert (rc, err) == (0, "")
    assert [(g["project_id"], g["cost"]) for g in json.loads(out)["groups"]] == [("p1", "3"), ("p2", "0.4")]


def test_a_row_before_a_models_first_version_names_its_own_time_and_that_version(tmp_path, prices, capsys):
    # alpha's first version v1 starts 2025-01-01; a row on 2024-12-15 10:00 cannot be priced
    pd.DataFrame({"timestamp": ["2024-12-15T10:00:00Z"], "model": ["alpha"], "input_tokens": [M],
                  "output_tokens": [0]}).to_csv(tmp_path / "early.csv", index=False)
    rc, _, err = usage(capsys, str(tmp_path / "early.csv"), *prices)
    assert rc == 2
    assert "at the row's time (2024-12-15 10:00:00 UTC)" in err
    assert "before its first version, v1 (official, from 2025-01-01)" in err


def test_a_gpt_4_1_row_before_launch_is_rejected_naming_the_launch_version():
    # bundled data: gpt-4.1's first version starts 2025-04-14; the row is 2025-02-01 10:00
    df = pd.DataFrame({"timestamp": pd.to_datetime(["2025-02-01T10:00:00Z"], utc=True), "model": ["gpt-4.1"],
                       "input_tokens": [1000], "output_tokens": [10]})
    reason = tc.cost_usage(df, errors="report").rejected["reason"].iloc[0]
    assert reason == ("no official or promotional price of 'gpt-4.1' at the row's time: the row is before its "
                      "first version, official-2025-04-14 (official, from 2025-04-14)")
    with pytest.raises(UsageLogError, match=r"\(2025-02-01 10:00:00 UTC\)"):
        tc.cost_usage(df)


def test_a_row_before_a_price_of_unknown_start_says_the_start_is_unknown():
    # bundled data: genai-prices gives grok-4-0709 no start; its history lists it from 2025-07-12 on
    df = pd.DataFrame({"timestamp": pd.to_datetime(["2025-03-01T10:00:00Z"], utc=True), "model": ["grok-4"],
                       "input_tokens": [1000], "output_tokens": [10]})
    reason = tc.cost_usage(df, errors="report").rejected["reason"].iloc[0]
    assert reason == ("no official or promotional price of 'grok-4-0709' at the row's time: the row is before its "
                      "first version, genai-prices-2025-07-12 (official), whose start is unknown: it is evidenced "
                      "only from 2025-07-12 on")
