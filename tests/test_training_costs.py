"""Published training costs as data (issue 13): the ``training_costs`` records of a price file, the
claim checker reading a ``training_cost`` claim against its subject's record, and the extractor
proposing the model of a provider's only record for a sentence that names just the provider."""

from __future__ import annotations

import datetime as dt
import doctest
from decimal import Decimal
from pathlib import Path

import pytest

import tokencost as tc
from tokencost._catalog import catalog as catalog_module
from tokencost.errors import DataFileError

V3_QUOTE = "DeepSeek-V3 requires only 2.788M H800 GPU hours for its full training."

# A second DeepSeek record, published later than V3's (the figures are made up for the test; the
# bundled tables record only what a source states).
R1_RECORD = """
sources:
  test-r1-paper: {kind: other, title: "A test paper"}
training_costs:
  - id: test-r1-rl-run
    model: deepseek-r1
    gpu_hours: "147000"
    gpu: H800
    usd_per_gpu_hour: "2"
    rate_assumed: true
    total_usd: "294000"
    published: 2025-09-17
    citations: [{source: test-r1-paper, quote: "147K H800 GPU hours"}]
models: {}
"""


@pytest.fixture(scope="module")
def cat() -> tc.Catalog:
    return tc.load_catalog()


@pytest.fixture(scope="module")
def two_records(tmp_path_factory) -> tc.Catalog:
    p = tmp_path_factory.mktemp("tc") / "r1.yaml"
    p.write_text(R1_RECORD, encoding="utf-8")
    return tc.load_catalog(p, bundled=True)


def _file(tmp_path: Path, record: str) -> Path:
    p = tmp_path / "mine.yaml"
    p.write_text("sources:\n  s: {kind: other}\ntraining_costs:\n" + record + "models: {}\n", encoding="utf-8")
    return p


# ------------------------------------------------------------------------------------- the records
def test_the_v3_report_figures_are_a_cited_record(cat):
    (rec,) = cat.training_costs("deepseek-v3")
    assert (rec.gpu_hours, rec.gpu, rec.usd_per_gpu_hour, rec.rate_assumed, rec.total_usd, rec.published) == (
        Decimal("2788000"), "H800", Decimal("2"), True, Decimal("5576000"), dt.date(2024, 12, 27))
    assert rec.cost == Decimal("5576000")
    assert rec.citations[0].source == "deepseek-v3-tech-report" and rec.citations[0].quote == V3_QUOTE


def test_records_are_found_by_any_name_provider_and_publication_date(cat):
    assert [t.id for t in cat.training_costs("DeepSeek V3")] == ["deepseek-v3-final-run"]
    assert [t.id for t in cat.training_costs(provider="deepseek", at="2024-12-27")] == ["deepseek-v3-final-run"]
    assert cat.training_costs(provider="deepseek", at="2024-12-26") == []
    assert cat.training_costs(provider="openai") == []
    assert cat.training_costs("gpt-4o") == []


def test_records_come_oldest_first(two_records):
    assert [t.id for t in two_records.training_costs(provider="deepseek")] == ["deepseek-v3-final-run",
                                                                               "test-r1-rl-run"]


def test_a_published_total_that_is_not_hours_times_rate_is_rejected(tmp_path):
    p = _file(tmp_path, '  - {id: x, model: gpt-4o, gpu_hours: "10", usd_per_gpu_hour: "2", rate_assumed: false,\n'
                        '     total_usd: "21", published: 2025-01-01, citations: [{source: s, quote: "q"}]}\n')
    with pytest.raises(DataFileError, match=r"total_usd 21 is not gpu_hours x usd_per_gpu_hour = 20") as e:
        tc.load_catalog(p, bundled=True)
    assert "mine.yaml" in str(e.value)


def test_a_record_needs_a_verbatim_quote(tmp_path):
    p = _file(tmp_path, '  - {id: x, model: gpt-4o, gpu_hours: "10", usd_per_gpu_hour: "2", rate_assumed: false,\n'
                        '     published: 2025-01-01, citations: [{source: s}]}\n')
    with pytest.raises(DataFileError, match="verbatim 'quote'"):
        tc.load_catalog(p, bundled=True)


def test_a_record_of_an_unknown_model_names_its_line(tmp_path):
    p = _file(tmp_path, '  - {id: x, model: gpt-99, gpu_hours: "10", usd_per_gpu_hour: "2", rate_assumed: false,\n'
                        '     published: 2025-01-01, citations: [{source: s, quote: "q"}]}\n')
    with pytest.raises(DataFileError, match="'gpt-99', which is not a model in the tables") as e:
        tc.load_catalog(p, bundled=True)
    assert e.value.line == 4


def test_a_record_citing_an_unknown_source_is_rejected(tmp_path):
    p = _file(tmp_path, '  - {id: x, model: gpt-4o, gpu_hours: "10", usd_per_gpu_hour: "2", rate_assumed: false,\n'
                        '     published: 2025-01-01, citations: [{source: nowhere, quote: "q"}]}\n')
    with pytest.raises(DataFileError, match="unknown source 'nowhere'"):
        tc.load_catalog(p, bundled=True)


def test_two_records_with_one_id_are_rejected(tmp_path):
    rec = ('  - {id: x, model: gpt-4o, gpu_hours: "10", usd_per_gpu_hour: "2", rate_assumed: false,\n'
           '     published: 2025-01-01, citations: [{source: s, quote: "q"}]}\n')
    with pytest.raises(DataFileError, match="duplicate training-cost id 'x'"):
        tc.load_catalog(_file(tmp_path, rec + rec), bundled=True)


def test_the_documented_examples_run():
    for obj, name in ((tc.TrainingCost, "TrainingCost"), (tc.Catalog.training_costs, "Catalog.training_costs")):
        globs = {**vars(catalog_module), "TrainingCost": tc.TrainingCost}
        tests = doctest.DocTestFinder(recurse=False).find(obj, name, globs=globs)
        assert tests and all(doctest.DocTestRunner().run(t).failed == 0 for t in tests), name


# ------------------------------------------------------------------------------------- the checker
def _claim(**kw) -> tc.Claim:
    base = dict(id="t", kind="training_cost", stated="$6 million", subject="deepseek-v3", at="2025-04-27",
                quote="DeepSeek trained a GPT-4 competitor for $6 million")
    return tc.Claim(**{**base, **kw})


def test_a_training_cost_with_a_subject_reads_the_catalog_record(cat):
    r = tc.check_claim(_claim(), cat)
    # 2,788,000 GPU-hours x $2 = $5,576,000, inside "$6 million" = [5.5M, 6.5M)
    assert r.verdict == "holds" and r.scenarios[0].computed_min == 5_576_000
    assert "from the catalog's training-cost record deepseek-v3-final-run" in r.reason
    assert any("assumed H800 rental price" in step for step in r.scenarios[0].steps)


def test_a_record_decides_the_verdict_not_only_the_wording(cat):
    # $5,576,000 is outside "$5 million" = [4.5M, 5.5M)
    assert tc.check_claim(_claim(stated="$5 million"), cat).verdict != "holds"


def test_the_claims_own_figures_win_over_the_record(cat):
    r = tc.check_claim(_claim(fixed={"gpu_hours": "1000000", "usd_per_gpu_hour": "6"}), cat)
    assert r.verdict == "holds" and r.scenarios[0].computed_min == 6_000_000
    assert "fixed by the claim" in r.reason and "deepseek-v3-final-run" not in r.reason


def test_one_fixed_figure_is_combined_with_the_records_other(cat):
    r = tc.check_claim(_claim(fixed={"usd_per_gpu_hour": "3"}), cat)
    assert r.scenarios[0].computed_min == 8_364_000  # 2,788,000 x $3
    assert "hourly rate fixed by the claim, GPU-hours from the catalog's training-cost record" in r.reason


def test_a_record_published_after_the_claim_is_not_used(cat):
    r = tc.check_claim(_claim(at="2024-12-26"), cat)
    assert r.verdict == "unverifiable"
    assert r.reason.startswith("no training-cost record of deepseek-v3 (deepseek-chat) published on or before "
                               "2024-12-26")


def test_a_record_is_used_from_its_publication_date_on(two_records):
    r = tc.check_claim(_claim(subject="deepseek-r1", stated="$294K", at="2025-10-01"), two_records)
    assert r.verdict == "holds" and r.scenarios[0].computed_min == 294_000
    assert tc.check_claim(_claim(subject="deepseek-r1", stated="$294K", at="2025-09-16"),
                          two_records).verdict == "unverifiable"


def test_no_subject_or_no_record_is_unverifiable_with_the_reason(cat):
    assert "no subject model" in tc.check_claim(_claim(subject=None), cat).reason
    r = tc.check_claim(_claim(subject="deepseek-r2"), cat)
    assert (r.verdict, r.reason.split(";")[0]) == (
        "unverifiable", "no training-cost record of deepseek-r2 published on or before 2025-04-27")


def test_a_vague_figure_with_a_record_is_unverifiable_not_an_error(cat):
    r = tc.check_claim(_claim(stated="a fraction"), cat)
    assert r.verdict == "unverifiable" and "'a fraction' is not an amount" in r.reason


# ------------------------------------------------------------------------------------- the extractor
def _training(text: str, cat: tc.Catalog, published: str | None = "2025-04-27") -> list[tc.Claim]:
    return [c for c in tc.extract_claims(text, published=published, catalog=cat) if c.kind == "training_cost"]


def test_a_provider_with_one_record_makes_its_model_the_subject(cat):
    (c,) = _training("DeepSeek trained a GPT-4 competitor for $6 million.", cat)
    assert (c.stated, c.subject, c.confidence, c.needs_review) == ("$6 million", "deepseek-v3", 0.5, True)
    assert "subject inferred from the catalog's training-cost record deepseek-v3-final-run" in c.note
    assert tc.check_claim(c, cat).verdict == "holds"


def test_a_related_reading_headline_gets_the_subject_and_keeps_its_note(cat):
    text = ("DeepSeek R2 is DeepSeek's new model.\n\nRelated Reading\n\n"
            "- DeepSeek Trained a GPT-4 Competitor for $6 Million - Meta Just Released Llama 5 - "
            "OpenAI's GPT-5 Beats Everyone\n\nDeepSeek R2 is open.")
    (c,) = _training(text, cat)
    assert (c.stated, c.subject, c.needs_review) == ("$6 Million", "deepseek-v3", True)
    assert "the headline of another article (a 'Related Reading' list)" in c.note
    assert "inferred from the catalog's training-cost record" in c.note


def test_a_provider_with_two_recorded_models_lists_them_for_review(two_records):
    (c,) = _training("DeepSeek trained a GPT-4 competitor for $6 million.", two_records, "2025-10-01")
    assert c.subject is None and c.needs_review
    assert ("candidate subjects from the catalog's training-cost records of DeepSeek published on or before "
            "2025-10-01: deepseek-v3 (deepseek-v3-final-run, published 2024-12-27), deepseek-r1 "
            "(test-r1-rl-run, published 2025-09-17)") in c.note


def test_a_record_published_after_the_article_is_not_a_candidate(two_records):
    (c,) = _training("DeepSeek trained a GPT-4 competitor for $6 million.", two_records, "2025-04-27")
    assert c.subject == "deepseek-v3"
    (c,) = _training("DeepSeek trained a GPT-4 competitor for $6 million.", two_records, "2024-12-01")
    assert c.subject is None and "inferred" not in (c.note or "")


def test_another_providers_record_is_not_used(cat):
    (c,) = _training("Anthropic trained a GPT-4 competitor for $6 million.", cat)
    assert c.subject is None and "deepseek" not in (c.note or "").lower()


def test_a_named_model_is_the_subject_whatever_the_records(cat):
    (c,) = _training("DeepSeek trained R2 for $8 million, it says.", cat)
    assert c.subject == "deepseek-r2" and "inferred" not in (c.note or "")
