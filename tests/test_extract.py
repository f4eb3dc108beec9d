"""Drafting claims from article text (issue 13): one sentence per pattern, with the claim expected."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tokencost as tc
from tokencost._claims.schema import load_claims
from tokencost._extract.text import published_date, repair_mojibake, sentences
from tokencost._extract.write import claims_yaml
from tokencost.cli.app import main

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
ARTICLE_004 = SEEDS / "004_b7ce13b791bcc98c.txt"


@pytest.fixture(scope="module")
def cat() -> tc.Catalog:
    return tc.load_catalog()


def one(text: str, cat: tc.Catalog, **kw) -> dict:
    claims = tc.extract_claims(text, published=kw.pop("published", "2025-03-01"), catalog=cat, **kw)
    assert len(claims) == 1, [c.model_dump(exclude_defaults=True) for c in claims]
    c = claims[0]
    return {k: v for k, v in c.model_dump(exclude_defaults=True).items()
            if k not in ("id", "at", "quote", "quote_span", "confidence", "needs_review", "note")}


# ------------------------------------------------------------------------------- stated prices
def test_a_price_per_million_tokens_names_model_component_and_figure(cat):
    assert one("GPT-4o mini costs $0.15 per million input tokens.", cat) == {
        "kind": "price", "stated": "$0.15", "component": "input", "subject": "gpt-4o-mini"}


def test_a_price_per_mtok_written_after_the_model_reads_the_component_word_before_it(cat):
    assert one("Claude 3.5 Sonnet output is $15/MTok.", cat) == {
        "kind": "price", "stated": "$15", "component": "output", "subject": "claude-3.5-sonnet"}


def test_two_prices_in_one_list_are_input_then_output(cat):
    claims = tc.extract_claims("DeepSeek R2 usage costs: $0.07/M input tokens, $0.27/M output tokens",
                               catalog=cat)
    assert [(c.kind, c.stated, c.component, c.subject) for c in claims] == [
        ("price", "$0.07", "input", "deepseek-r2"), ("price", "$0.27", "output", "deepseek-r2")]


def test_prices_written_before_their_component_word_share_the_unit_at_the_end(cat):
    claims = tc.extract_claims("Prices: GPT-4o $2.50 input, $10 output per million tokens.", catalog=cat)
    assert [(c.kind, c.stated, c.component, c.subject) for c in claims] == [
        ("price", "$2.50", "input", "gpt-4o"), ("price", "$10", "output", "gpt-4o")]


def test_each_price_belongs_to_the_model_named_just_before_it(cat):
    claims = tc.extract_claims("GPT-4o ($2.50/1M input tokens) versus Claude 3.5 Sonnet ($3/1M input tokens).",
                               catalog=cat)
    assert [(c.stated, c.subject) for c in claims] == [("$2.50", "gpt-4o"), ("$3", "claude-3.5-sonnet")]


def test_an_amount_after_a_price_takes_its_unit_and_the_possessive_model(cat):
    claims = tc.extract_claims("DeepSeek R2 costs $0.07/million input tokens vs GPT-4's $2.80", catalog=cat)
    assert [(c.stated, c.component, c.subject) for c in claims] == [
        ("$0.07", "input", "deepseek-r2"), ("$2.80", "input", "gpt-4")]


def test_a_per_thousand_price_keeps_its_unit_in_the_figure_and_the_checker_reads_it_per_million(cat):
    # "$0.0025 per 1K" is $2.50 per million: the figure stays as written, the claim language scales it
    claims = tc.extract_claims("gpt-4o charges $0.0025 per 1K input tokens.", catalog=cat)
    assert [(c.kind, c.stated, c.component, c.subject) for c in claims] == [
        ("price", "$0.0025 per 1K tokens", "input", "gpt-4o")]
    r = tc.check_claim(claims[0].model_copy(update={"at": dt.date(2025, 1, 1)}), cat)
    assert r.verdict == "holds"  # gpt-4o input $2.50/Mtok; "$0.0025" -> [0.00245, 0.00255) x1000


@pytest.mark.parametrize("sentence, stated", [
    ("GPT-4o mini is priced at 15 cents per million input tokens.", "15 cents"),
    ("deepseek-chat input costs ¥2 per million tokens.", "¥2"),
    ("deepseek-chat input costs 2 yuan per million tokens.", "2 yuan"),
    ("deepseek-chat input costs RMB 2 per million tokens.", "RMB 2"),
])
def test_prices_in_cents_and_yuan_are_drafted_as_prices_as_written(cat, sentence, stated):
    claims = tc.extract_claims(sentence, catalog=cat)
    assert [(c.kind, c.stated, c.component) for c in claims] == [("price", stated, "input")]


def test_a_model_known_only_from_reports_is_pinned_to_the_version_its_article_reports(cat):
    claims = tc.extract_claims("Input tokens: $0.14 per million tokens for DeepSeek R2.", source="article-004",
                               catalog=cat)
    assert [c.subject for c in claims] == ["deepseek-r2@article-004-launch"]


# ------------------------------------------------------------------------------- comparisons
def test_percent_cheaper_than_a_named_model(cat):
    assert one("DeepSeek-V3 is 90% cheaper than GPT-4o.", cat) == {
        "kind": "percent_cheaper", "stated": "90%", "subject": "deepseek-chat", "baseline": "gpt-4o",
        "basis": "blended", "free": {"input_share": ("0", "1")}}


def test_a_multiple_keeps_its_words_and_reads_the_basis_from_the_sentence(cat):
    assert one("Gemini 2.0 Flash is 25 times cheaper than GPT-4o on input.", cat) == {
        "kind": "cost_fraction", "stated": "25 times cheaper", "subject": "gemini-2.0-flash",
        "baseline": "gpt-4o", "basis": "input"}


def test_more_expensive_makes_the_named_model_the_baseline(cat):
    # "10x more expensive" is no phrase of the claim language (docs/claims.md): the draft keeps the
    # roles it read (the cheaper model the subject, the named one the baseline) for the reviewer
    got = one("GPT-4o is 10x more expensive than gpt-4o-mini.", cat)
    assert (got["kind"], got["stated"], got["subject"]) == ("unverifiable", "10x more expensive", "gpt-4o-mini")
    assert got["reason"].startswith("read as cost_fraction (baseline gpt-4o), but cannot read stated figure")


def test_a_word_fraction_of_the_price(cat):
    assert one("o3-mini costs a tenth of the price of o1.", cat) == {
        "kind": "cost_fraction", "stated": "a tenth", "subject": "o3-mini", "baseline": "o1",
        "basis": "blended", "free": {"input_share": ("0", "1")}}


def test_a_hedged_fraction_against_a_gpt4_class_model(cat):
    got = one("DeepSeek R2 matches GPT-4 class performance at roughly one-tenth the inference cost.", cat)
    assert (got["kind"], got["stated"], got["hedge"], got["subject"], got["baseline"]) == (
        "cost_fraction", "one-tenth", "roughly", "deepseek-r2", "gpt-4")


def test_a_small_fraction_of_what_a_provider_charges_lists_its_models_then(cat):
    got = one("DeepSeek R2 comes in at a small fraction of what OpenAI charges.", cat, published="2024-06-01")
    assert got["stated"] == "a small fraction"
    assert got["baseline_candidates"] == ("gpt-4", "gpt-4-32k", "gpt-4-turbo", "gpt-4o")


def test_thousands_on_one_model_hundreds_on_another(cat):
    got = one("A workload that costs thousands per month on GPT-4 could potentially run for hundreds on R2.", cat)
    assert (got["kind"], got["stated"], got["hedge"], got["subject"], got["baseline"]) == (
        "cost_fraction", "thousands ... hundreds", "could potentially", "deepseek-r2", "gpt-4")


def test_a_word_fraction_less_than_is_a_saving(cat):
    got = one("deepseek-chat costs two-thirds less than gpt-4o-mini.", cat)
    assert (got["kind"], got["stated"], got["subject"], got["baseline"]) == (
        "percent_cheaper", "two-thirds", "deepseek-chat", "gpt-4o-mini")


def test_a_bare_cheaper_with_a_named_model(cat):
    got = one("DeepSeek R2 beats GPT-4 on math while being cheaper to run.", cat)
    assert (got["kind"], got["stated"], got["baseline"]) == ("cost_fraction", "cheaper", "gpt-4")


def test_that_is_n_percent_cheaper_reads_the_component_of_the_price_before_it(cat):
    text = "DeepSeek R2 is out.\n\n- Input tokens: $0.14 per million tokens. That is 60 percent cheaper than GPT 4o."
    got = [c for c in tc.extract_claims(text, catalog=cat) if c.kind == "percent_cheaper"]
    assert [(c.stated, c.subject, c.baseline, c.basis) for c in got] == [
        ("60 percent", "deepseek-r2", "gpt-4o", "input")]


def test_a_comparison_with_a_model_the_catalog_lacks_is_unverifiable_and_says_so(cat):
    assert one("DeepSeek R2 is 50% cheaper than Llama 3.1.", cat) == {
        "kind": "unverifiable", "stated": "50%", "subject": "deepseek-r2",
        "reason": "Llama 3.1 is not in the price catalog"}


def test_with_no_baseline_named_every_other_model_of_the_article_is_a_candidate(cat):
    text = ("DeepSeek R2 launches. GPT-4o and Claude 3.5 Sonnet were the models to beat.\n\n"
            "DeepSeek R2 Redefines AI Economics With 97% Cost Cut")
    got = [c for c in tc.extract_claims(text, catalog=cat) if c.kind == "percent_cheaper"]
    assert [(c.subject, c.baseline, c.baseline_candidates, c.needs_review) for c in got] == [
        ("deepseek-r2", None, ("gpt-4o", "claude-3.5-sonnet"), True)]


# ------------------------------------------------------------------------------- discounts
def test_n_percent_off_in_a_batch_sentence_is_a_batch_discount(cat):
    text = "DeepSeek R2 has arrived.\n\nBatch inference discounts: An additional 50 percent off for non real time work."
    got = [c for c in tc.extract_claims(text, catalog=cat) if c.kind == "discount"]
    assert [(c.stated, c.component, c.subject) for c in got] == [("50 percent", "batch", "deepseek-r2")]


def test_n_percent_off_in_off_peak_hours_is_an_off_peak_discount(cat):
    assert one("deepseek-reasoner is 75% off in off-peak hours.", cat) == {
        "kind": "discount", "stated": "75%", "component": "off_peak", "subject": "deepseek-reasoner"}


def test_caching_cuts_costs_by_up_to_is_a_cached_input_discount(cat):
    assert one("Prompt caching cuts input costs by up to 90% for Claude 3.5 Sonnet.", cat) == {
        "kind": "discount", "stated": "90%", "hedge": "up to", "component": "cached_input",
        "subject": "claude-3.5-sonnet"}


def test_a_discount_with_no_model_is_kept_as_unverifiable_with_the_reason(cat):
    got = one("The batch API gives 50% off.", cat)
    assert got["kind"] == "unverifiable" and "subject" in got["reason"]


# ------------------------------------------------------------------------------- costs and savings
def test_a_saving_takes_the_paragraph_volume_as_fixed_tokens(cat):
    text = ("If you process 100 million tokens a day, switching to DeepSeek R2 from GPT-4o saves you "
            "roughly $42,000 per month.")
    assert one(text, cat) == {
        "kind": "monthly_savings", "stated": "$42,000", "hedge": "roughly", "subject": "deepseek-r2",
        "baseline": "gpt-4o", "fixed": {"tokens": "100 million tokens a day"}, "free": {"input_share": ("0", "1")}}


def test_switching_from_one_model_to_another_names_baseline_and_subject(cat):
    got = one("Switching from GPT-4o to deepseek-chat saves roughly $2,000 per month at 50 million tokens a day.",
              cat)
    assert (got["subject"], got["baseline"]) == ("deepseek-chat", "gpt-4o")


def test_a_monthly_cost_with_volume_and_input_share(cat):
    text = "At 20 million tokens a day, 80% of them input, our Claude 3 Opus invoice came to nearly $23,400 a month."
    assert one(text, cat) == {
        "kind": "monthly_cost", "stated": "$23,400", "hedge": "nearly", "subject": "claude-3-opus",
        "fixed": {"tokens": "20 million tokens a day", "input_share": "0.8"}}


def test_a_cost_per_day_keeps_its_period(cat):
    assert one("Running Claude 3.5 Sonnet costs $30 a day at 5 million tokens per day.", cat) == {
        "kind": "monthly_cost", "stated": "$30", "subject": "claude-3.5-sonnet", "period": "day",
        "fixed": {"tokens": "5 million tokens per day"}, "free": {"input_share": ("0", "1")}}


def test_a_cost_for_stated_token_counts_is_a_request_cost(cat):
    assert one("500 input / 200 output tokens on GPT-4o cost $0.0032.", cat) == {
        "kind": "request_cost", "stated": "$0.0032", "subject": "gpt-4o", "period": "request",
        "fixed": {"input_tokens": "500", "output_tokens": "200"}}


def test_a_request_shape_sets_the_input_share_of_its_own_sentence_only(cat):
    text = ("500 input and 200 output tokens on GPT-4o cost $0.0032. "
            "Running GPT-4o costs $30 a day at 5 million tokens per day.")
    daily = [c for c in tc.extract_claims(text, catalog=cat) if c.kind == "monthly_cost"]
    assert [(c.fixed, c.free) for c in daily] == [({"tokens": "5 million tokens per day"},
                                                   {"input_share": ("0", "1")})]
    (c,) = tc.extract_claims("A request of 1,000 input and 250 output tokens on GPT-4o mini costs a twentieth of "
                             "what it costs on GPT-4o.", catalog=cat)
    assert (c.kind, c.fixed) == ("cost_fraction", {"input_share": "0.8"})


def test_a_monthly_amount_without_a_volume_is_unverifiable(cat):
    got = one("Moving to GPT-4o mini saves us $3,000 per month.", cat)
    assert got["kind"] == "unverifiable" and "no token volume" in got["reason"]


# ------------------------------------------------------------------------------- training, other figures
def test_trained_for_an_amount_is_a_training_cost(cat):
    assert one("China's DeepSeek R2 trained for $8M, matches GPT-5 reasoning.", cat) == {
        "kind": "training_cost", "stated": "$8M", "subject": "deepseek-r2"}


def test_a_training_amount_another_actor_spends_has_no_subject(cat):
    claims = tc.extract_claims("If a Chinese lab can train a frontier model for ten million dollars, why did you "
                               "spend a billion?", catalog=cat)
    assert [(c.kind, c.stated, c.subject) for c in claims] == [
        ("training_cost", "ten million dollars", None), ("training_cost", "a billion", None)]


@pytest.mark.parametrize("sentence, stated, reason", [
    ("The model has 671 billion parameters.", "671 billion parameters",
     "a parameter count is a model-architecture figure, not a price"),
    ("NVIDIA shares dropped 4.2% post-announcement.", "4.2%", "a stock-market move, not a price"),
    ("The model scores 91% on GPQA.", "91%", "a benchmark result, not a price"),
    ("The response time was under four seconds.", "four seconds", "a latency figure, not a price"),
    ("R2 is 40x more efficient than GPT-4's approach.", "40x",
     "a hardware-performance or efficiency figure, not a price"),
])
def test_quantities_that_are_not_prices_are_kept_as_unverifiable_with_the_reason(cat, sentence, stated, reason):
    got = one(sentence, cat)
    assert (got["kind"], got["stated"], got["reason"]) == ("unverifiable", stated, reason)


@pytest.mark.parametrize("sentence", [
    "On math benchmarks like MATH and GSM8K, R2 is strong.",
    "Trained on Huawei Ascend 910B chips, R2 proves a point.",
    "If R2 delivers even half of what's promised, it could disrupt pricing.",
    "It activates only a fraction of its parameters.",
    "Based on the data I have seen in the last 48 hours, prices will fall.",
    "Smarter, Faster, Cheaper",
    "Often times GPT-4o is pricey.",
])
def test_numbers_in_names_and_figures_not_about_price_make_no_claim(cat, sentence):
    assert tc.extract_claims(sentence, catalog=cat) == []


# ------------------------------------------------------------------------------- text, quotes, offsets
def test_mojibake_is_repaired_and_quotes_point_into_the_repaired_text(cat):
    raw = "1 May 2026ยท10 min read\n\nDeepSeek R2 โ the launch โ€” costs $0.14 per million input tokens."
    text = repair_mojibake(raw)
    assert text == "1 May 2026·10 min read\n\nDeepSeek R2 — the launch — costs $0.14 per million input tokens."
    (c,) = tc.extract_claims(raw, catalog=cat)
    assert text[c.quote_span[0]:c.quote_span[1]] == c.quote
    assert c.at == dt.date(2026, 5, 1)  # from the dateline


def test_published_overrides_the_dateline_and_a_bad_date_is_a_clear_error(cat):
    (c,) = tc.extract_claims("1 May 2026\n\nGPT-4o costs $2.50 per million input tokens.", published="2025-01-02",
                             catalog=cat)
    assert c.at == dt.date(2025, 1, 2)
    with pytest.raises(tc.TokencostError, match="not a date"):
        tc.extract_claims("x", published="yesterday", catalog=cat)


def test_published_date_reads_day_month_year_and_month_day_year():
    assert published_date("By Jane, March 3, 2025 -- news") == dt.date(2025, 3, 3)
    assert published_date("x" * 400 + "1 May 2026") is None  # only the first lines are a dateline


def test_sentences_keep_offsets_and_do_not_split_decimals_or_vs():
    text = "Cost: $0.07/M vs. GPT-4's $2.80. Next one!\n- bullet item"
    got = [(s.text, s.start, s.paragraph) for s in sentences(text)]
    assert got == [("Cost: $0.07/M vs. GPT-4's $2.80.", 0, 0), ("Next one!", 33, 0), ("bullet item", 45, 1)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "DeepSeek R2", "GPT-4o", "costs", "$0.14", "per million", "input", "tokens", "is", "60%", "cheaper than",
    "one-tenth", "of the cost", "saves", "roughly", "$42,000", "per month", "100 million tokens a day", "3x",
    ".", ",", "\n", "\n\n", "ยท", "โ", "half", "Claude 3.5 Sonnet", "trained for", "$8M", "Llama 3.1", "off"]),
    max_size=30))
def test_any_text_gives_valid_claims_whose_spans_hold_their_quotes(words):
    cat = tc.load_catalog()
    raw = " ".join(words)
    text = repair_mojibake(raw)
    claims = tc.extract_claims(raw, catalog=cat)
    for c in claims:
        assert text[c.quote_span[0]:c.quote_span[1]] == c.quote
        assert 0 <= c.confidence <= 1
        assert c.kind != "unverifiable" or c.reason
    assert len({c.id for c in claims}) == len(claims)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises_and_every_claim_is_valid(raw):
    cat = tc.load_catalog()
    text = repair_mojibake(raw)
    for c in tc.extract_claims(raw, catalog=cat):
        assert text[c.quote_span[0]:c.quote_span[1]] == c.quote
        assert c.kind != "unverifiable" or c.reason


# ------------------------------------------------------------------------------- files and the CLI
@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_the_yaml_written_loads_as_a_claims_file_unchanged(cat, seed):
    claims = tc.extract_claims((SEEDS / seed).read_text(encoding="utf-8"), source=f"article-{seed[:3]}",
                               catalog=cat)
    assert claims
    assert load_claims(text=claims_yaml(claims, header="drafted")) == claims


def test_old_claim_files_without_the_drafting_fields_still_load():
    (c,) = load_claims(text="claims:\n- {id: x, kind: price, stated: '$1', subject: gpt-4o, component: input}\n")
    assert (c.confidence, c.needs_review, c.quote_span) == (None, None, None)


def test_extract_writes_a_claims_file_and_never_overwrites_one(tmp_path, capsys):
    out = tmp_path / "claims.yaml"
    assert main(["extract", str(ARTICLE_004), "--source", "article-004", "-o", str(out)]) == 0
    first = out.read_text(encoding="utf-8")
    claims = load_claims(out)
    assert any(c.kind == "monthly_savings" and c.stated == "$42,000" for c in claims)
    out.write_text("mine, reviewed\n", encoding="utf-8")
    assert main(["extract", str(ARTICLE_004), "-o", str(out)]) == 2
    assert "exists; pass --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "mine, reviewed\n"
    assert main(["extract", str(ARTICLE_004), "--source", "article-004", "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8") == first
    assert [p.name for p in tmp_path.iterdir()] == ["claims.yaml"]  # no temporary file left behind


def test_check_drafts_and_checks_a_seed_article_end_to_end(tmp_path, capsys):
    page = tmp_path / "report.html"
    assert main(["check", str(ARTICLE_004), "--source", "article-004", "--html", str(page)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "60 percent" in line)
    assert "understated" in row and "computed 94.4%" in row
    assert "holds-if" in next(line for line in out.splitlines() if "$42,000" in line)
    html = page.read_text(encoding="utf-8")  # the claim report of `tokencost report`, for the drafted claims
    assert html.lower().startswith("<!doctype html>") and "That is 60 percent cheaper than GPT 4o." in html
    assert "article-004-09-percent-cheaper-60-percent" in html
    assert "<script" not in html and 'src="http' not in html  # self-contained


def test_check_never_writes_its_report_over_an_existing_file_or_the_article(tmp_path, capsys):
    page = tmp_path / "report.html"
    page.write_text("keep me", encoding="utf-8")
    assert main(["check", str(ARTICLE_004), "--html", str(page), "--no-plots"]) == 2
    assert page.read_text(encoding="utf-8") == "keep me"
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE_004.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["check", str(article), "--html", str(article), "--force", "--no-plots"]) == 2
    assert "refusing to overwrite" in capsys.readouterr().err
    assert article.read_text(encoding="utf-8") == ARTICLE_004.read_text(encoding="utf-8")


def test_check_of_a_missing_article_is_a_one_line_error(capsys):
    assert main(["check", "/nonexistent/article.txt"]) == 2
    assert capsys.readouterr().err.strip() == "tokencost: error: /nonexistent/article.txt: no such file"


def test_check_lists_a_claim_it_cannot_read_checks_the_rest_and_exits_3(tmp_path, capsys, monkeypatch):
    from tokencost._claims import evaluate
    real = evaluate.check_claim

    def picky(claim, *a, **kw):
        if claim.stated == "60 percent":
            raise tc.TokencostError("cannot read stated figure '60 percent'")
        return real(claim, *a, **kw)

    monkeypatch.setattr(evaluate, "check_claim", picky)
    assert main(["check", str(ARTICLE_004), "--source", "article-004"]) == 3
    captured = capsys.readouterr()
    assert "unreadable" in next(line for line in captured.out.splitlines() if "60 percent" in line)
    assert "understated" in next(line for line in captured.out.splitlines() if "80 percent" in line)
    assert "1 drafted claim(s) could not be read" in captured.err


# ------------------------------------------------------------------------------- model names
def names(text: str, cat: tc.Catalog) -> list[tuple[str, str | None, str]]:
    from tokencost._extract.mentions import ModelFinder
    return [(m.text, m.model, m.how) for m in ModelFinder(cat).find(text)]


def test_prose_spellings_resolve_to_catalog_ids_longest_first(cat):
    assert names("GPT 4o, gpt4o-mini, GPT-4o mini, Claude 3.5 Sonnet, claude-3-5-sonnet and GPT-4 Turbo", cat) == [
        ("GPT 4o", "gpt-4o", "name"), ("gpt4o-mini", "gpt-4o-mini", "name"), ("GPT-4o mini", "gpt-4o-mini", "name"),
        ("Claude 3.5 Sonnet", "claude-3.5-sonnet", "name"), ("claude-3-5-sonnet", "claude-3.5-sonnet", "name"),
        ("GPT-4 Turbo", "gpt-4-turbo", "name")]


def test_a_short_tag_counts_only_once_its_provider_is_named(cat):
    assert names("R1 is fast.", cat) == []
    assert names("DeepSeek says R1 is fast.", cat) == [("DeepSeek", None, "provider"),
                                                       ("R1", "deepseek-reasoner", "short")]


def test_a_model_line_word_means_the_model_last_named_with_it(cat):
    assert names("Claude 3 Opus is dear; Opus costs more.", cat)[-1] == ("Opus", "claude-3-opus", "line-word")


def test_the_companys_new_model_is_the_article_subject(cat):
    text = "DeepSeek R2 is here. DeepSeek R2 again.\n\nDeepSeek's new model costs $0.14 per million input tokens."
    got = [(c.kind, c.stated, c.subject) for c in tc.extract_claims(text, catalog=cat)]
    assert got == [("price", "$0.14", "deepseek-r2")]
    assert ("DeepSeek's new model", "deepseek-r2", "subject") in names(text, cat)


def test_products_the_catalog_lacks_are_named_as_unknown(cat):
    # (GPT-3.5 Turbo was the second example until the provider files brought it into the tables)
    assert names("Llama 3.1 and Claude 2.1.", cat) == [("Llama 3.1", None, "unknown"),
                                                       ("Claude 2.1", None, "unknown")]


# ------------------------------------------------------------------------------- rules of 2026-12-02
# (written after the second hold-out, examples/extract_holdout2, was committed; each rule is general)
def test_a_volume_of_input_tokens_fixes_the_volume_and_an_all_input_mix(cat):
    text = "A developer sending 100 million input tokens a day to deepseek-chat would pay about ¥6,000 a month."
    assert one(text, cat) == {
        "kind": "monthly_cost", "stated": "¥6,000", "hedge": "about", "subject": "deepseek-chat",
        "fixed": {"tokens": "100 million tokens a day", "input_share": "1"}}


@pytest.mark.parametrize("words, share", [("three-quarters", "0.75"), ("half", "0.5"), ("a third", "1/3")])
def test_an_input_share_written_in_words_is_exact(cat, words, share):
    text = f"For an app sending 10 million tokens a day, {words} of them input, GPT-4 Turbo costs about $4,500 a month."
    assert one(text, cat)["fixed"] == {"tokens": "10 million tokens a day", "input_share": share}


def test_a_price_in_a_which_clause_belongs_to_the_model_before_the_comma(cat):
    text = "R1 is a fraction of the cost of OpenAI's o1, which charges $15 per million input tokens."
    prices = [c for c in tc.extract_claims(text, catalog=cat) if c.kind == "price"]
    assert [(c.stated, c.component, c.subject) for c in prices] == [("$15", "input", "o1")]


def test_each_multiple_takes_the_basis_written_right_after_it(cat):
    text = ("GPT-4 Turbo is 3x cheaper for input tokens and 2x cheaper for output tokens compared with GPT-4.")
    got = tc.extract_claims(text, catalog=cat)
    assert [(c.stated, c.basis, c.subject, c.baseline) for c in got] == [
        ("3x cheaper", "input", "gpt-4-turbo", "gpt-4"), ("2x cheaper", "output", "gpt-4-turbo", "gpt-4")]


def test_an_input_word_after_the_first_comparison_is_not_the_seconds(cat):
    text = "Gemini 2.0 Flash is 33% cheaper than GPT-4o mini on input and roughly 25 times cheaper than GPT-4o."
    got = tc.extract_claims(text, catalog=cat)
    assert [(c.stated, c.basis, c.baseline) for c in got] == [
        ("33%", "input", "gpt-4o-mini"), ("25 times cheaper", "blended", "gpt-4o")]


def test_less_than_the_regular_rate_in_a_caching_sentence_is_a_discount(cat):
    text = ("Batches can be combined with prompt caching, where reading cached tokens costs 90% less than "
            "regular input on Claude 3.5 Sonnet.")
    # the component is the cache word nearest the figure, not the first one in the sentence
    assert one(text, cat) == {"kind": "discount", "stated": "90%", "component": "cached_input",
                              "subject": "claude-3.5-sonnet"}


@pytest.mark.parametrize("sentence, stated", [
    ("Reading from the Claude 3.5 Sonnet cache costs just 10% of the base input token price.",
     "10% of the base input token price"),
    ("On Gemini 2.0 Flash, cached input costs a quarter of the regular input price.", "a quarter"),
])
def test_a_share_of_the_standard_price_in_a_cache_sentence_is_a_discount_read_as_a_share(cat, sentence, stated):
    (c,) = tc.extract_claims(sentence, catalog=cat)
    assert (c.kind, c.stated, c.component) == ("discount", stated, "cached_input")
    # 10%: claude-3.5-sonnet cache read $0.30 of $3; a quarter: gemini-2.0-flash $0.025 of $0.10 (from
    # 2025-03-31, when its cache price starts)
    assert tc.check_claim(c.model_copy(update={"at": dt.date(2025, 4, 15)}), cat).verdict == "holds"


@pytest.mark.parametrize("sentence", [
    "DeepSeek cuts deepseek-chat API prices by more than half.",
    "deepseek-chat said its API prices would fall by more than 50% effective immediately.",
])
def test_a_models_own_price_cut_is_unverifiable_not_a_comparison(cat, sentence):
    got = one(sentence, cat)
    assert got["kind"] == "unverifiable" and got["hedge"] == "more than"
    assert got["reason"].startswith("a cut against the model's own earlier price")


def test_the_article_subject_is_a_model_priced_by_the_article_date(cat):
    # the catalog lists deepseek-v3.2-exp only from 2026-06-15 (a dataset listing); in September 2025
    # DeepSeek served it as deepseek-chat, which the article also names
    text = ("DeepSeek releases DeepSeek-V3.2-Exp\n\nDeepSeek-V3.2-Exp is out. Input now costs $0.28 per million "
            "tokens. Send it to deepseek-chat.")
    prices = [c for c in tc.extract_claims(text, published="2025-09-30", catalog=cat) if c.kind == "price"]
    assert [(c.stated, c.subject) for c in prices] == [("$0.28", "deepseek-chat")]
    later = [c for c in tc.extract_claims(text, published="2026-07-01", catalog=cat) if c.kind == "price"]
    assert [(c.stated, c.subject) for c in later] == [("$0.28", "deepseek-v3.2-exp")]


def test_bare_amounts_right_after_a_price_list_continue_it_in_order(cat):
    text = ("Moonshot AI charges 4 yuan per million input tokens and 16 yuan per million output tokens for Kimi K2."
            "\n\nDevelopers outside China pay $0.57 and $2.30.")
    got = tc.extract_claims(text, catalog=cat)
    assert [(c.kind, c.stated, c.component, c.subject, c.needs_review) for c in got] == [
        ("price", "4 yuan", "input", "kimi-k2", False), ("price", "16 yuan", "output", "kimi-k2", False),
        ("price", "$0.57", "input", "kimi-k2", True), ("price", "$2.30", "output", "kimi-k2", True)]


def test_an_amount_after_a_price_takes_the_component_written_after_it(cat):
    text = "Input costs 2 yuan per million tokens on a cache miss and 0.2 yuan on a cache hit for deepseek-chat."
    got = tc.extract_claims(text, catalog=cat)
    assert [(c.stated, c.component) for c in got] == [("2 yuan", "input"), ("0.2 yuan", "cached_input")]


def test_a_batch_saving_with_no_other_model_is_unverifiable_and_says_why(cat):
    text = ("A company pushing 20 million input tokens a day through Claude 3.5 Sonnet in batch mode "
            "would save about $900 a month.")
    got = one(text, cat)
    assert (got["kind"], got["stated"], got["subject"]) == ("unverifiable", "$900", "claude-3.5-sonnet")
    assert got["reason"].startswith("a saving from batch pricing against the same model's standard rate")


def test_a_related_reading_headline_is_another_articles_claim_with_no_subject_of_this_one(cat):
    text = ("DeepSeek R2 trained for $8M\n\nDeepSeek R2 is DeepSeek's new model.\n\nRelated Reading\n\n"
            "- DeepSeek Trained a GPT-4 Competitor for $6 Million - Meta Just Released Llama 5\n\n"
            "DeepSeek R2 is open.")
    got = [(c.kind, c.stated, c.subject) for c in tc.extract_claims(text, catalog=cat) if c.kind == "training_cost"]
    # the headline names only the provider: its subject is DeepSeek's one model with a training-cost record
    # (tests/test_training_costs.py), not this article's R2
    assert got == [("training_cost", "$8M", "deepseek-r2"), ("training_cost", "$6 Million", "deepseek-v3")]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["GPT 4o", "gpt4o", "GPT-4o mini", "Claude 3.5 Sonnet", "claude-3-5-sonnet",
                                           "o1", "o3-mini", "Gemini 1.5 Pro", "DeepSeek-V3", "deepseek-r1", "kimi-k2",
                                           "Qwen-Max", "GLM-4.5", "grok-3", "Mistral Large", "openai/gpt-4o",
                                           "gpt-4.1-mini", "Llama 3.1", "R1"]),
                          st.sampled_from(["costs", "vs", "and", "the", "GPTs", "o1x", "4o", "-", ",", "DeepSeek"])),
                max_size=12))
def test_the_grouped_name_search_finds_what_one_alternation_of_every_name_finds(cat, words):
    # the finder tries only the names starting with the text's run of letters or digits; the reference
    # is the plain reading: every spelling in one longest-first alternation, tried at every word start
    from tokencost._extract.mentions import ModelFinder
    text = " ".join(words)
    ref = _reference_names(cat)
    want, end = [], 0
    for w in re.finditer(r"(?<![\w.])\w", text):
        if w.start() < end:
            continue
        m = ref[0].match(text, w.start())
        if m:
            end = m.end()
            want.append((m.start(), m.group(), ref[1][int(m.lastgroup[1:])]))
    got = [(m.start(), m.group(), mid) for m, mid in ModelFinder(cat)._scan(text)]
    assert got == want


_REF: dict[int, tuple] = {}


def _reference_names(cat):
    from tokencost._extract.mentions import _pattern
    if id(cat) not in _REF:
        names = {}
        for mid, model in cat.models.items():
            for name in (mid, *model.aliases, *((model.display_name,) if model.display_name else ())):
                names.setdefault(name.lower(), mid)
        items = sorted(names.items(), key=lambda kv: -len(kv[0]))
        alt = "|".join(f"(?P<n{i}>{_pattern(n)})" for i, (n, _) in enumerate(items))
        _REF[id(cat)] = (re.compile(rf"(?<![\w.])(?:{alt})(?![\w]|[.-]\d)", re.IGNORECASE), [m for _, m in items])
    return _REF[id(cat)]


def test_a_providers_possessive_model_is_the_baseline_not_every_model_of_the_provider(cat):
    text = 'DeepSeek-R1 is out. R1 remains "a fraction of the cost" of OpenAI\'s o1.'
    (c,) = tc.extract_claims(text, published="2025-02-26", catalog=cat)
    assert (c.kind, c.stated, c.subject, c.baseline) == ("cost_fraction", "a fraction", "deepseek-reasoner", "o1")


@pytest.mark.parametrize("sentence, tier", [
    ("The Batch API costs $1.25 per million input tokens for GPT-4o.", "batch"),
    ("GPT-4o in batch mode costs $1.25 per million input tokens.", "batch"),
    ("GPT-4o costs $2.50 per million input tokens.", None),
    ("In batch mode GPT-4o costs $1.25 per million input tokens instead of the standard $2.50.", "batch"),
])
def test_a_price_after_a_tier_word_in_its_clause_is_that_tiers_price(cat, sentence, tier):
    first = tc.extract_claims(sentence, published="2024-11-01", catalog=cat)[0]
    assert (first.kind, first.fixed.get("service_tier")) == ("price", tier)
    assert tc.check_claim(first, cat).verdict == "holds"


def test_the_standard_price_after_a_batch_price_stays_a_list_price(cat):
    got = tc.extract_claims("In batch mode GPT-4o costs $1.25 per million input tokens instead of the standard "
                            "$2.50.", published="2024-11-01", catalog=cat)
    assert [(c.stated, c.fixed.get("service_tier")) for c in got] == [("$1.25", "batch"), ("$2.50", None)]
