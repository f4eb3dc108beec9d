"""The one dataset reader (tokencost._data.rows): rows keyed as citations name them, and what a row states when.

The importers, tools/extract_datasets.py and tests/test_dataset_citations.py all read datasets through
it. The fixtures in tests/data/importers/ are hand-made; every expected figure is read off them by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from tokencost._data.rows import changes, read_rows, stated
from tokencost.errors import DataFileError, TokencostError

REPO = Path(__file__).resolve().parents[1]
FIX = REPO / "tests" / "data" / "importers"
D = Decimal


def test_genai_rows_are_keyed_provider_slash_model_with_exact_decimals():
    copy = read_rows("genai-prices", FIX / "genai-prices.json", revision="genai-prices 9.9")
    assert (copy.dataset, copy.revision) == ("genai-prices", "genai-prices 9.9")
    assert list(copy.rows)[:2] == ["deepseek/ds-window", "deepseek/ds-dated"]
    assert "groq/llama-3.3-70b-versatile" in copy.rows
    price = copy.rows["deepseek/ds-window"]["prices"][0]["prices"]["input_mtok"]
    assert price == D("0.135") and isinstance(price, Decimal)  # from the JSON text, never a float


def test_a_provider_filter_keeps_only_their_rows():
    copy = read_rows("genai-prices", FIX / "genai-prices.json", revision="genai-prices 9.9", providers={"groq"})
    assert sorted(copy.rows) == ["groq/claude-hosted", "groq/llama-3.3-70b-versatile"]


def test_litellm_rows_are_keyed_by_model_name():
    copy = read_rows("litellm", FIX / "litellm.json", revision="litellm 9.9")
    assert copy.rows["dashscope/qwen-fixture"]["input_cost_per_token"] == D("4e-07")


def test_llm_prices_rows_are_keyed_vendor_slash_id():
    copy = read_rows("llm-prices", FIX / "llm-prices", revision="git " + "c" * 40)
    assert {"anthropic/claude-fixture", "anthropic/claude-fixture-200k"} <= set(copy.rows)


def test_a_litellm_wheel_is_read_and_named_by_its_version(tmp_path):
    wheel = tmp_path / "litellm-9.8.7-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("litellm/model_prices_and_context_window_backup.json",
                   json.dumps({"m": {"litellm_provider": "openai", "input_cost_per_token": 2e-06}}))
    copy = read_rows("litellm", wheel)
    assert (copy.revision, copy.read_from) == ("litellm 9.8.7", wheel.name)
    assert copy.rows["m"]["input_cost_per_token"] == D("0.000002")


def test_unreadable_copies_are_clear_errors(tmp_path):
    with pytest.raises(TokencostError, match="unknown dataset 'openrouter'"):
        read_rows("openrouter")
    bad = tmp_path / "litellm-1.0.0-py3-none-any.whl"
    bad.write_text("not a zip")
    with pytest.raises(DataFileError, match="not a readable litellm wheel"):
        read_rows("litellm", bad)


# ---- what a row states when ------------------------------------------------------------------------

def test_genai_time_of_day_prices_are_stated_by_the_minute():
    rows = read_rows("genai-prices", FIX / "genai-prices.json", revision="genai-prices 9.9").rows
    day = dt.date(2026, 6, 1)
    # 00:30-16:30 UTC: 0.27 in; outside it the default 0.135
    assert stated("genai-prices", rows, "deepseek/ds-window", day, 30).rates["input"] == (D("0.27"), ())
    assert stated("genai-prices", rows, "deepseek/ds-window", day, 16 * 60 + 30).rates["input"] == (D("0.135"), ())
    assert changes("genai-prices", rows, "deepseek/ds-window") == (set(), {30, 16 * 60 + 30})


def test_litellm_per_token_rates_are_stated_per_million_with_tiers_and_batch():
    rows = read_rows("litellm", FIX / "litellm.json", revision="litellm 9.9").rows
    st = stated("litellm", rows, "gpt-fixture", dt.date(2026, 1, 1))
    # 1.25e-06 x 1e6 = 1.25; above 272k: 2.5e-06 x 1e6 = 2.5; batch 6.25e-07 x 1e6 = 0.625
    assert st.rates["input"] == (D("1.25"), ((272_000, D("2.5")),))
    assert st.rates["cached_input"] == (D("0.125"), ())
    assert st.batch["input"] == (D("0.625"), ())


def test_llm_prices_periods_are_stated_by_day_with_the_companion_tier():
    rows = read_rows("llm-prices", FIX / "llm-prices", revision="git " + "c" * 40).rows
    entry = "anthropic/claude-fixture"
    assert stated("llm-prices", rows, entry, dt.date(2026, 4, 30)).rates["input"] == (D(1), ())
    assert stated("llm-prices", rows, entry, dt.date(2026, 5, 1)).rates["input"] == (D(2), ())
    st = stated("llm-prices", rows, entry, dt.date(2026, 9, 1))
    assert st.rates["input"] == (D(3), ((200_000, D(6)),))  # the '>200k' companion row
    assert changes("llm-prices", rows, entry)[0] == {dt.date(2026, 5, 1), dt.date(2026, 9, 1)}


def test_the_extract_tool_and_the_citation_test_read_through_the_library():
    tool = (REPO / "tools" / "extract_datasets.py").read_text(encoding="utf-8")
    check = (REPO / "tests" / "test_dataset_citations.py").read_text(encoding="utf-8")
    assert "from tokencost._data.rows import read_rows" in tool
    assert "from tokencost._data.rows import" in check
    # neither parses a dataset copy or a price key of its own any more
    for text in (tool, check):
        assert "yaml.load(" not in text and "zipfile" not in text
        assert "input_cost_per_token" not in text and "cache_read_mtok" not in text
