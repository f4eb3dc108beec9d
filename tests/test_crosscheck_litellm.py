"""The bundled tables agree with litellm 1.110.2, except where tests/data/crosscheck_allow_litellm.yaml explains why.

litellm is not a dependency: tests/data/crosscheck_extracts/litellm-1.110.2.json holds the rows of its price
file that the cross-check compares with one of our models (written by tools/extract_crosscheck_rows.py; rows
our tables cite from that same copy are left out, tests/test_dataset_citations.py holds those to the row).
The check reads them as the litellm importer reads the whole file, and compares each undated price on
2026-12-01, the day that copy was read.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from tokencost._data.crosscheck import crosscheck

DATA = Path(__file__).resolve().parent / "data"
EXTRACT = DATA / "crosscheck_extracts" / "litellm-1.110.2.json"
ALLOW = DATA / "crosscheck_allow_litellm.yaml"


def _text(x: object) -> str:
    """A figure as the allow-list writes it: plain decimal notation, no trailing zeros; other values as printed."""
    return "" if x is None else format(Decimal(x).normalize(), "f") if isinstance(x, (int, Decimal)) else str(x)


@pytest.fixture(scope="module")
def extract() -> dict:
    return json.loads(EXTRACT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(extract, tmp_path_factory):
    path = tmp_path_factory.mktemp("litellm") / "model_prices_and_context_window.json"
    path.write_text(json.dumps(extract["rows"]), encoding="utf-8")
    return crosscheck("litellm", path, as_of=extract["read_on"], revision=extract["revision"])


@pytest.fixture(scope="module")
def allowed() -> dict[tuple[str, str, str], tuple[str, str, str]]:
    """(model, their row, field) -> (ours, theirs, category)."""
    out = {}
    for e in yaml.safe_load(ALLOW.read_text(encoding="utf-8"))["allow"]:
        assert e.get("evidence", "").strip(), f"allow-list entry {e['model']} / {e['entry']} has no evidence"
        for fld, (ours, theirs) in e["figures"].items():
            out[(e["model"], e["entry"], fld)] = (ours, theirs, e["category"])
    return out


def test_the_extract_is_litellm_1_110_2_read_on_2026_12_01(extract):
    assert (extract["revision"], extract["read_on"]) == ("litellm 1.110.2", "2026-12-01")
    assert all(set(r) >= {"litellm_provider", "mode"} for r in extract["rows"].values())


def test_every_row_of_the_extract_is_still_compared_with_one_of_our_models(report, extract):
    # a model renamed or dropped would silently stop being cross-checked: the extract names what must be
    assert report.missing == []
    assert report.compared == len(extract["rows"]) >= 450


def test_every_disagreement_with_litellm_is_explained(report, allowed):
    unexplained = [d for d in report.disagreements if d.kind in ("differs", "no-price")
                   and allowed.get((d.model, d.entry, d.field), ())[:2] != (_text(d.ours), _text(d.theirs))]
    assert not unexplained, "\n".join(
        f"{d.model} {d.field}: ours {d.ours} vs theirs {d.theirs} at {d.at} ({d.entry})" for d in unexplained)


def test_every_allow_list_figure_still_matches_a_disagreement(report, allowed):
    seen = {(d.model, d.entry, d.field): (_text(d.ours), _text(d.theirs)) for d in report.disagreements}
    stale = [k for k, (ours, theirs, _) in allowed.items() if seen.get(k) != (ours, theirs)]
    assert not stale, f"stale allow-list figures, remove them: {stale}"


def test_the_explained_disagreements_by_category(allowed):
    # the resolution of the 2026-12-01 cross-check, figure by figure (the report counts them the same way)
    counts: dict[str, int] = {}
    for _, _, category in allowed.values():
        counts[category] = counts.get(category, 0) + 1
    assert counts == {"in_region": 36, "govcloud": 31, "one_m_retired": 2, "azure_emb": 3, "ds_retired": 4,
                      "xai_inclusive": 15, "grok_code": 12, "argon": 3, "ds_peak": 3, "cyber": 1, "rounding": 1,
                      "mistral_latest": 13, "fw_8b": 2, "fw_gemma": 2, "fw_deepseek": 6, "together": 5}


def test_a_global_bedrock_profile_prices_at_the_global_rate_not_the_regional_one():
    # the litellm cross-check found 'global.anthropic.claude-fable-5' priced as the in-Region id (+10%):
    # genai-prices has no global row for it, and the name matcher dropped the 'global.' prefix
    import tokencost as tc
    cat = tc.load_catalog()
    assert cat.model_id("global.anthropic.claude-fable-5") == "aws-bedrock/global.anthropic.claude-fable-5"
    glob = tc.request_cost("global.anthropic.claude-fable-5", input_tokens=1_000_000, output_tokens=100_000,
                           at="2026-12-01")
    regional = tc.request_cost("anthropic.claude-fable-5", input_tokens=1_000_000, output_tokens=100_000,
                               at="2026-12-01")
    # 1M x $10 + 0.1M x $50 = $15 global; 1M x $11 + 0.1M x $55 = $16.50 in-Region
    assert (glob, regional) == (Decimal(15), Decimal("16.5"))
