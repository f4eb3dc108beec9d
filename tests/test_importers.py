"""Importers read each public dataset into our schema exactly, with provenance, and report what they cannot map.

The fixtures in tests/data/importers/ are small hand-made files in each dataset's own format; every
expected figure below is worked from them by hand.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import tokencost as tc
from tokencost._data.importers import Evidence, import_prices
from tokencost.cli import main
from tokencost.errors import DataFileError, TokencostError

FIX = Path(__file__).resolve().parent / "data" / "importers"
D = Decimal


@pytest.fixture(scope="module")
def genai():
    return import_prices("genai-prices", FIX / "genai-prices.json", as_of="2026-12-01", revision="genai-prices 9.9")


def _row(res, model_id):
    return next(r for r in res.rows if r.model_id == model_id)


def _reasons(res, entry):
    return {u.field: u.reason for u in res.unmapped if u.entry == entry}


# ---- genai-prices -----------------------------------------------------------------------------------

def test_genai_daily_window_becomes_standard_rates_with_a_cheaper_off_peak_window(genai):
    # the dataset's default (0.135/0.035/0.55) applies outside 00:30-16:30 UTC, the dearer 0.27/0.07/1.1 inside:
    # ours states the standard (dearer) rates and the cheaper window 16:30-00:30
    doc = genai.document("deepseek")["models"]["ds-window"]
    v = doc["versions"][0]
    assert v["rates"] == {"input": D("0.27"), "cached_input": D("0.07"), "output": D("1.1")}
    assert v["off_peak"] == [{"start": "16:30", "end": "00:30",
                              "rates": {"input": D("0.135"), "cached_input": D("0.035"), "output": D("0.55")}}]
    assert doc["aliases"] == ["ds-window-0301"]
    # undated in the dataset: current on the day the copy was read, and the note says so
    assert v["effective_from"] == dt.date(2026, 12, 1) and "No start date" in v["note"]
    assert v["citations"] == [{"source": "dataset-genai-prices-9.9", "entry": "deepseek/ds-window",
                               "fields": ["cached_input", "input", "output", "off_peak"]}]


def test_genai_start_dates_become_versions_and_an_undated_superseded_price_is_reported(genai):
    versions = genai.document("deepseek")["models"]["ds-dated"]["versions"]
    assert [(v["id"], v["effective_from"], v.get("effective_to")) for v in versions] == [
        ("genai-prices-2026-03-01", dt.date(2026, 3, 1), None)]
    v = versions[0]
    # input tiered above 200,000 prompt tokens at 4; output and audio keep their base rates in the tier
    assert v["rates"] == {"input": D(2), "output": D(8), "audio_input": D(10)}
    assert v["tiers"] == [{"above_prompt_tokens": 200000,
                           "rates": {"input": D(4), "output": D(8), "audio_input": D(10)}}]
    # batch 1/4 against 2/8 is one discount of 0.5; flex from 2026-05-01 at its own rates
    assert v["batch"] == {"discount": D("0.5"), "applies_to": ["input", "output"]}
    assert v["service_tiers"] == {"flex": {"rates": {"input": D(1), "output": D(4)},
                                           "effective_from": dt.date(2026, 5, 1)}}
    reasons = [u.reason for u in genai.unmapped if u.entry == "deepseek/ds-dated"]
    assert "superseded on 2026-03-01 and undated: its start is unknown" in reasons
    assert "fee per 1,000 file searches: not a unit of the schema" in reasons
    assert any("does not name" in r for r in reasons)  # the 'fast' tier


def test_genai_batch_variants_resolve_first_listed_first_as_the_dataset_does():
    # from 2027-01-01 the first-listed batch variant (1 / 4 against 2 / 8) applies: a discount of 0.5, not the
    # 0.75 the second (0.5 / 2, from 2026-10-14) would give; before then only the second applies (0.5 off 1 / 4)
    res = import_prices("genai-prices", FIX / "genai-prices.json", as_of="2026-12-01", revision="genai-prices 9.9",
                        first_seen={"deepseek/ds-two-batch": dt.date(2026, 1, 1)})
    versions = res.document("deepseek")["models"]["ds-two-batch"]["versions"]
    assert [(v["effective_from"], v.get("batch", {}).get("discount")) for v in versions] == [
        (dt.date(2026, 1, 1), None), (dt.date(2026, 10, 14), D("0.5")), (dt.date(2027, 1, 1), D("0.5"))]


def test_genai_first_seen_dates_an_undated_price():
    res = import_prices("genai-prices", FIX / "genai-prices.json", as_of="2026-12-01", revision="genai-prices 9.9",
                        first_seen={"deepseek/ds-dated": dt.date(2025, 11, 1)})
    versions = res.document("deepseek")["models"]["ds-dated"]["versions"]
    first = versions[0]
    assert (first["effective_from"], first["effective_to"], first["rates"]) == (
        dt.date(2025, 11, 1), dt.date(2026, 3, 1), {"input": D(1), "output": D(4)})
    # the date is the earliest evidence, not a start any source gives: the version says so
    assert first["effective_from_known"] is False
    assert "earliest dated evidence of these token rates is the dataset's history (2025-11-01)" in first["note"]
    assert "may have started earlier" in first["note"]
    assert len(first["citations"]) == 1  # a bare date names no copy to cite


def test_evidence_from_a_commit_is_cited_by_revision_and_its_source_is_written():
    ev = Evidence(dt.date(2025, 11, 1), "genai-prices", "git " + "a" * 40, "deepseek/ds-window",
                  ("input", "cached_input", "output"), "git " + "b" * 40)
    res = import_prices("genai-prices", FIX / "genai-prices.json", as_of="2026-12-01", revision="genai-prices 9.9",
                        first_seen={"deepseek/ds-window": ev})
    doc = res.document("deepseek")
    v = doc["models"]["ds-window"]["versions"][0]
    assert (v["id"], v["effective_from"], v["effective_from_known"]) == ("genai-prices-2025-11-01", dt.date(2025, 11, 1),
                                                                         False)
    assert v["citations"][1] == {"source": "dataset-genai-prices-history", "entry": "deepseek/ds-window",
                                 "revision": "git " + "a" * 40, "fields": ["input", "cached_input", "output"]}
    assert "genai-prices commit aaaaaaaaaaaa (2025-11-01)" in v["note"]
    src = doc["sources"]["dataset-genai-prices-history"]
    assert (src["kind"], src["revision"]) == ("dataset", "git " + "b" * 40)
    res.validate("deepseek")  # the written document loads: schema and citations check out


def test_evidence_that_states_the_start_makes_a_known_start():
    ev = Evidence(dt.date(2025, 11, 1), "llm-prices", "git " + "a" * 40, "deepseek/x", ("input", "output"),
                  "git " + "b" * 40, start_known=True)
    res = import_prices("genai-prices", FIX / "genai-prices.json", as_of="2026-12-01", revision="genai-prices 9.9",
                        first_seen={"deepseek/ds-window": ev})
    v = res.document("deepseek")["models"]["ds-window"]["versions"][0]
    assert v["effective_from"] == dt.date(2025, 11, 1) and "effective_from_known" not in v
    assert "llm-prices commit aaaaaaaaaaaa states 2025-11-01 as the start" in v["note"]


def test_an_undated_price_without_evidence_starts_on_the_read_date_as_unknown(genai):
    v = genai.document("deepseek")["models"]["ds-window"]["versions"][0]
    assert (v["effective_from"], v["effective_from_known"]) == (dt.date(2026, 12, 1), False)
    assert "no dated evidence" in v["note"] and "start unknown" in v["note"]


def test_genai_rows_without_a_token_price_are_reported_not_dropped(genai):
    assert "ds-tts" not in genai.document("deepseek")["models"]
    reasons = _reasons(genai, "deepseek/ds-tts")
    assert reasons["audio_hours"] == "audio hours: not a unit of the schema"
    assert reasons["prices"] == "no token price the schema can express"


def test_a_hosts_ids_carry_its_name_and_never_take_the_vendors_own_names(genai):
    models = genai.document("groq")["models"]
    assert set(models) == {"groq/llama-3.3-70b-versatile", "groq/claude-hosted"}
    assert models["groq/llama-3.3-70b-versatile"]["provider"] == "groq"
    assert "aliases" not in models["groq/llama-3.3-70b-versatile"]  # 'llama-3.3-70b' is Meta's name


def test_imported_file_reads_back_and_prices_by_hand(genai, tmp_path):
    path = tmp_path / "deepseek.yaml"
    path.write_text(genai.to_yaml("deepseek"), encoding="utf-8")
    assert path.read_text().startswith("# yaml-language-server: $schema=../prices.schema.json")
    cat = tc.load_catalog(path)
    # 1M input + 1M output at noon UTC (standard): 0.27 + 1.1 = 1.37; at 20:00 UTC (off-peak) 0.135 + 0.55
    noon = tc.request_cost("ds-window", input_tokens=10**6, output_tokens=10**6, at="2026-12-02T12:00Z", catalog=cat)
    night = tc.request_cost("ds-window", input_tokens=10**6, output_tokens=10**6, at="2026-12-02T20:00Z",
                            catalog=cat)
    assert (noon, night) == (D("1.37"), D("0.685"))
    # 300,000 prompt tokens are over the 200k tier: 0.3M x $4 + 1,000 output x $8/M = 1.2 + 0.008
    big = tc.request_cost("ds-dated", input_tokens=300_000, output_tokens=1_000, at="2026-04-01", catalog=cat)
    assert big == D("1.208")


# ---- litellm ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def litellm():
    return import_prices("litellm", FIX / "litellm.json", as_of="2026-12-01", revision="litellm 9.9")


def test_litellm_per_token_costs_become_exact_per_million_rates(litellm):
    v = litellm.document("openai")["models"]["gpt-fixture"]["versions"][0]
    # 1.25e-06 USD/token x 1,000,000 = 1.25 exactly (the JSON's text, never a float)
    assert v["rates"] == {"input": D("1.25"), "cached_input": D("0.125"), "output": D(10)}
    assert v["tiers"] == [{"above_prompt_tokens": 272000,
                           "rates": {"input": D("2.5"), "cached_input": D("0.125"), "output": D(15)}}]
    assert v["batch"] == {"discount": D("0.5"), "applies_to": ["input", "output"]}
    assert v["service_tiers"] == {"priority": {"rates": {"input": D("2.5"), "output": D(20)}}}
    assert _reasons(litellm, "gpt-fixture")["input_cost_per_token_above_272k_tokens_priority"] == (
        "priority rate of a context tier: not in the schema")


def test_litellm_providers_ids_and_reported_rows(litellm):
    alibaba = litellm.document("alibaba")["models"]
    assert set(alibaba) == {"qwen-fixture", "alibaba/deepseek-fixture"}  # DashScope resells DeepSeek
    assert alibaba["qwen-fixture"]["aliases"] == ["dashscope/qwen-fixture"]
    assert _reasons(litellm, "dashscope/qwen-fixture")["input_cost_per_character"].startswith("unit not in")
    assert _reasons(litellm, "image-fixture")["mode"] == "not a token-priced text model"
    assert "region" in _reasons(litellm, "bedrock/us-east-1/meta.llama-fixture")["id"]
    assert "sample_spec" not in litellm.model_ids()


# ---- llm-prices -------------------------------------------------------------------------------------

def test_llm_prices_history_becomes_dated_versions_with_the_long_context_row_as_a_tier():
    res = import_prices("llm-prices", FIX / "llm-prices", as_of="2026-12-01", revision="llm-prices 9.9")
    versions = res.document()["models"]["claude-fixture"]["versions"]
    assert [(v["effective_from"], v.get("effective_to"), v["rates"]) for v in versions] == [
        (dt.date(2026, 5, 1), dt.date(2026, 9, 1), {"input": D(2), "output": D(10)}),
        (dt.date(2026, 9, 1), None, {"input": D(3), "cached_input": D("0.3"), "output": D(15)}),
    ]
    assert versions[1]["tiers"] == [{"above_prompt_tokens": 200000,
                                     "rates": {"input": D(6), "cached_input": D("0.6"), "output": D("22.5")}}]
    assert "claude-fixture-200k" not in res.document()["models"]
    assert [u.reason for u in res.unmapped] == ["superseded on 2026-05-01 and undated: its start is unknown"]


def test_unknown_dataset_and_unreadable_path_are_clear_errors(tmp_path):
    with pytest.raises(TokencostError, match="unknown dataset 'openrouter'"):
        import_prices("openrouter")
    with pytest.raises(DataFileError, match="no llm-prices vendor files"):
        import_prices("llm-prices", tmp_path, revision="llm-prices 1")
    bad = tmp_path / "x.json"
    bad.write_text("{not json")
    with pytest.raises(DataFileError, match="not a readable litellm price file"):
        import_prices("litellm", bad, revision="litellm 1")


# ---- CLI --------------------------------------------------------------------------------------------

def test_cli_import_writes_a_file_and_never_overwrites_without_force(tmp_path, capsys):
    out = tmp_path / "deepseek.yaml"
    args = ["data", "import", "genai-prices", str(FIX / "genai-prices.json"), "--provider", "deepseek",
            "-o", str(out), "--as-of", "2026-12-01", "--revision", "genai-prices 9.9"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "4 model(s) of deepseek imported from genai-prices 9.9" in err
    assert "deepseek/ds-tts  audio_hours=1.2: audio hours" in err  # the report names every unmapped item
    first = out.read_text()
    out.write_text("# mine\n")
    assert main(args) == 2 and out.read_text() == "# mine\n"
    assert "exists; pass --force" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0 and out.read_text() == first


def test_cli_import_names_the_providers_when_asked_for_an_unknown_one(capsys):
    assert main(["data", "import", "genai-prices", str(FIX / "genai-prices.json"), "--provider", "nope",
                 "--revision", "genai-prices 9.9"]) == 2
    assert "has no provider 'nope'; it has: deepseek, groq" in capsys.readouterr().err


# ---- cross-check ------------------------------------------------------------------------------------

def test_crosscheck_finds_a_changed_figure_and_the_models_we_lack(genai, tmp_path):
    text = genai.to_yaml("deepseek").replace("rates: {input: 0.27, cached_input: 0.07", "rates: {input: 0.28, "
                                                                                          "cached_input: 0.07")
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    rep = tc.crosscheck("genai-prices", peer=genai, catalog=tc.load_catalog(path))
    assert [(d.kind, d.model, d.field, d.ours, d.theirs) for d in rep.disagreements] == [
        ("differs", "ds-window", "input", D("0.28"), D("0.27"))]
    assert {m.model for m in rep.missing} == {"groq/llama-3.3-70b-versatile", "groq/claude-hosted"}
    assert rep.compared == 4


def test_crosscheck_of_the_unchanged_import_agrees(genai, tmp_path):
    path = tmp_path / "all.yaml"
    path.write_text(genai.to_yaml(), encoding="utf-8")
    rep = tc.crosscheck("genai-prices", peer=genai, catalog=tc.load_catalog(path))
    assert rep.disagreements == [] and rep.missing == [] and rep.compared == 6
