"""Malformed price files are refused with file:line [field]; numbers stay exact; quotes are verbatim."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from tokencost import load_catalog
from tokencost._catalog.loader import load_merged
from seeds import normalize_space, read_seed, repair_mojibake
from tokencost._yaml import load_yaml_text
from tokencost.errors import DataFileError, SourceQuoteError

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# A minimal valid price file. Each test breaks one thing in it.
VALID = """\
schema_version: 1
sources:
  vendor:
    kind: vendor_page
    url: https://example.com/pricing
  blog:
    kind: article
    seed: blog.txt
models:
  m1:
    provider: acme
    versions:
      - id: v1
        status: official
        effective_from: 2024-01-01
        effective_to: 2024-06-01
        rates: {input: 2.50, output: 10}
        citations:
          - source: vendor
"""

SECOND_VERSION = """\
      - id: v2
        status: official
        effective_from: 2024-05-01
        rates: {input: 1.25, output: 5}
        citations:
          - source: vendor
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "prices.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def _line(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]


def _refused(tmp_path: Path, text: str) -> DataFileError:
    p = _write(tmp_path, text)
    with pytest.raises(DataFileError) as ei:
        load_catalog(p)
    err = ei.value
    assert err.path == str(p)
    assert str(err).startswith(f"{p}:{err.line}")  # "file:line [field]: message"
    assert isinstance(err, ValueError)
    return err


def test_the_minimal_file_is_valid(tmp_path):
    cat = load_catalog(_write(tmp_path, VALID))
    assert list(cat) == ["m1"]
    assert cat.price("m1", at="2024-03-01").id == "v1"


def test_unknown_key_is_refused_at_its_line(tmp_path):
    text = VALID.replace("        citations:", "        discount_code: SAVE10\n        citations:")
    err = _refused(tmp_path, text)
    assert err.line == _line(text, "discount_code:")
    assert err.field == "models.m1.versions.0.discount_code"
    assert "Extra inputs are not permitted" in str(err)


def test_unknown_rate_component_is_refused(tmp_path):
    text = VALID.replace("output: 10}", "output: 10, thinking_tokens: 3}")
    err = _refused(tmp_path, text)
    assert err.line == _line(text, "thinking_tokens: 3")
    assert err.field == "models.m1.versions.0.rates.thinking_tokens"


def test_negative_rate_is_refused(tmp_path):
    text = VALID.replace("input: 2.50", "input: -2.50")
    err = _refused(tmp_path, text)
    assert err.line == _line(text, "input: -2.50")
    assert err.field == "models.m1.versions.0.rates.input"
    assert "greater than or equal to 0" in str(err)


@pytest.mark.parametrize("effective_to", ["2024-01-01", "2023-12-31", "2024-01-01T00:00:00Z"])
def test_effective_from_not_before_effective_to_is_refused(tmp_path, effective_to):
    text = VALID.replace("effective_to: 2024-06-01", f"effective_to: {effective_to}")
    err = _refused(tmp_path, text)
    assert err.line == _line(text, "- id: v1")
    assert err.field == "models.m1.versions.0"
    assert "is not before effective_to" in str(err)


def test_overlapping_official_versions_are_refused(tmp_path):
    # v1 = [2024-01-01, 2024-06-01), v2 from 2024-05-01: May is priced twice
    text = VALID + SECOND_VERSION
    err = _refused(tmp_path, text)
    assert err.line == _line(text, "- id: v2")
    assert err.field == "models.m1.v2"
    assert "official versions 'v1' and 'v2' of 'm1' overlap" in str(err)


def test_an_open_ended_official_version_overlaps_any_later_one(tmp_path):
    text = (VALID + SECOND_VERSION.replace("2024-05-01", "2025-01-01")).replace("        effective_to: 2024-06-01\n", "")
    err = _refused(tmp_path, text)
    assert err.field == "models.m1.v2" and "overlap" in str(err)


def test_adjacent_official_versions_do_not_overlap(tmp_path):
    cat = load_catalog(_write(tmp_path, VALID + SECOND_VERSION.replace("2024-05-01", "2024-06-01")))
    assert cat.price("m1", at="2024-05-31T23:59:59Z").id == "v1"
    assert cat.price("m1", at="2024-06-01").id == "v2"


def test_an_official_and_a_promotional_version_may_overlap(tmp_path):
    text = VALID + SECOND_VERSION.replace("status: official", "status: promotional").replace(
        "effective_from: 2024-05-01", "effective_from: 2024-05-01\n        effective_to: 2024-05-15")
    cat = load_catalog(_write(tmp_path, text))
    assert cat.price("m1", at="2024-05-10").id == "v2"


def test_official_versions_in_different_currencies_may_overlap(tmp_path):
    text = VALID + SECOND_VERSION.replace("effective_from: 2024-05-01", "effective_from: 2024-05-01\n"
                                          "        currency: CNY")
    cat = load_catalog(_write(tmp_path, text))
    assert cat.price("m1", at="2024-05-10", currency="CNY").id == "v2"


def test_citation_of_an_unknown_source_is_refused(tmp_path):
    text = VALID.replace("- source: vendor", "- source: vendr")
    err = _refused(tmp_path, text)
    assert err.line == _line(text, "- id: v1")
    assert err.field == "models.m1.v1.citations"
    assert "unknown source 'vendr'" in str(err)


def test_article_citation_without_a_quote_is_refused(tmp_path):
    text = VALID.replace("- source: vendor", "- source: blog")
    err = _refused(tmp_path, text)
    assert err.line == _line(text, "- id: v1")
    assert err.field == "models.m1.v1.citations"
    assert "needs its verbatim 'quote'" in str(err)


def test_article_citation_with_a_quote_is_accepted(tmp_path):
    text = VALID.replace("- source: vendor", '- source: blog\n            quote: "input $2.50"')
    assert load_catalog(_write(tmp_path, text)).price("m1@v1").citations[0].quote == "input $2.50"


def test_rate_without_a_citation_is_refused(tmp_path):
    text = VALID.replace("- source: vendor", "- source: vendor\n            fields: [input]")
    err = _refused(tmp_path, text)
    assert err.field == "models.m1.versions.0"
    assert "figures without a citation: ['output']" in str(err)


def test_duplicate_yaml_key_is_refused_at_the_second_key(tmp_path):
    text = VALID.replace("rates: {input: 2.50, output: 10}",
                         "rates:\n          input: 2.50\n          output: 10\n          input: 3")
    err = _refused(tmp_path, text)
    assert err.line == _line(text, "input: 3")
    assert err.field == "input"
    assert "duplicate key 'input'" in str(err)


def test_duplicate_model_is_refused(tmp_path):
    text = VALID + "  m1:\n    provider: other\n    versions: []\n"
    err = _refused(tmp_path, text)
    assert err.line == _line(text, "  m1:", nth=2)
    assert "duplicate key 'm1'" in str(err)


def test_bad_yaml_syntax_is_refused_with_its_line(tmp_path):
    text = VALID.replace("status: official", "status: official: yes")
    err = _refused(tmp_path, text)
    assert err.line == _line(text, "status: official: yes")
    assert "not valid YAML" in str(err)


def test_impossible_calendar_date_is_refused_with_its_line(tmp_path):
    text = VALID.replace("effective_to: 2024-06-01", "effective_to: 2024-02-30")
    err = _refused(tmp_path, text)
    assert err.line == _line(text, "2024-02-30")
    assert "2024-02-30" in str(err)


def test_unknown_status_is_refused(tmp_path):
    text = VALID.replace("status: official", "status: leaked")
    err = _refused(tmp_path, text)
    assert err.line == _line(text, "status: leaked")
    assert err.field == "models.m1.versions.0.status"


def test_missing_file_is_a_data_file_error(tmp_path):
    with pytest.raises(DataFileError) as ei:
        load_catalog(tmp_path / "nope.yaml")
    assert ei.value.path == str(tmp_path / "nope.yaml")


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path):
    p = _write(tmp_path, "- just\n- a list\n")
    with pytest.raises(DataFileError) as ei:
        load_catalog(p)
    assert ei.value.path == str(p) and "must be a mapping" in str(ei.value)


# --------------------------------------------------------------------------- user files over the bundled ones

USER = """\
sources:
  my-contract:
    kind: other
    note: negotiated price
models:
  gpt-4o:
    provider: openai
    versions:
      - id: enterprise-2025
        status: promotional
        effective_from: 2025-01-01
        rates: {input: 2, output: 8}
        citations:
          - source: my-contract
  my-model:
    provider: acme
    aliases: [mine]
    versions:
      - id: v1
        status: official
        effective_from: 2025-01-01
        rates: {input: 1, output: 2}
        citations:
          - source: my-contract
"""


def test_a_user_file_merges_over_the_bundled_tables(tmp_path):
    from tokencost import Workload, monthly_cost

    cat = load_catalog(_write(tmp_path, USER), bundled=True)
    assert len(cat) == len(load_catalog()) + 1
    assert cat.price("mine", at="2025-06-01").id == "v1"
    assert cat.price("gpt-4o", at="2025-06-01").id == "enterprise-2025"  # a promotion wins
    assert cat.price("gpt-4o", at="2024-11-01").id == "official-2024-10-02"  # history kept
    # 2,400M x $2 + 600M x $8 = $4,800 + $4,800 = $9,600
    w = Workload(tokens="100M/day", input_share="0.8")
    assert monthly_cost(w, "gpt-4o", "2025-06-01", catalog=cat).total == Decimal("9600")
    # the bundled catalog is untouched
    assert "enterprise-2025" not in [v.id for v in load_catalog().models["gpt-4o"].versions]


def test_a_user_alias_may_not_steal_a_bundled_name(tmp_path):
    p = _write(tmp_path, USER.replace("aliases: [mine]", "aliases: [GPT 4o]"))
    with pytest.raises(DataFileError) as ei:
        load_catalog(p, bundled=True)
    err = ei.value
    assert err.path == str(p) and err.line == _line(USER, "  my-model:")
    assert "already used by model 'gpt-4o'" in str(err)


def test_a_user_official_version_overlapping_a_bundled_one_is_refused(tmp_path):
    p = _write(tmp_path, USER.replace("status: promotional", "status: official"))
    with pytest.raises(DataFileError) as ei:
        load_catalog(p, bundled=True)
    assert ei.value.path == str(p) and "overlap" in str(ei.value)


# --------------------------------------------------------------------------- exact numbers

def test_numbers_are_decimals_built_from_their_text():
    doc = load_yaml_text("a: 2.50\nb: 0.1\nc: 1.0e-3\nd: 7\ne: 0.014\n")
    assert type(doc["a"]) is Decimal and str(doc["a"]) == "2.50"
    assert doc["b"] == Decimal("0.1")  # not 0.1000000000000000055511151231257827
    assert doc["c"] == Decimal("0.001")
    assert type(doc["d"]) is int and doc["d"] == 7
    assert doc["a"] + doc["b"] + doc["e"] == Decimal("2.614")


def test_rates_of_a_loaded_file_keep_the_digits_as_written(tmp_path):
    v = load_catalog(_write(tmp_path, VALID)).price("m1@v1")
    assert type(v.rates.input) is Decimal and str(v.rates.input) == "2.50"
    assert type(v.rates.output) is Decimal and v.rates.output == 10


def test_bundled_rates_are_never_floats():
    m = load_merged(None)
    v = next(v for v in m.models["gpt-4o"].versions if v.id == "official-2024-10-02")
    assert str(v.rates.input) == "2.50" and str(v.rates.cached_input) == "1.25"
    v = next(v for v in m.models["deepseek-chat"].versions if v.id == "v4-flash-cache-cut-2026-04")
    assert str(v.rates.cached_input) == "0.0028"
    assert all(type(r.usd_per_unit) is Decimal for r in m.exchange_rates)
    assert str(m.exchange_rates[0].usd_per_unit) == "0.138752"


def test_on_and_other_yaml_1_1_booleans_stay_strings():
    doc = load_yaml_text("on: 2024-01-01\noff: x\nyes: no\nn: y\nt: true\nf: False\n")
    assert set(doc) == {"on", "off", "yes", "n", "t", "f"}
    assert doc["yes"] == "no" and doc["n"] == "y"
    assert doc["on"] == dt.date(2024, 1, 1)
    assert doc["t"] is True and doc["f"] is False


def test_an_unquoted_on_key_works_in_an_exchange_rate(tmp_path):
    text = VALID.replace("models:", "exchange_rates:\n  - {currency: CNY, usd_per_unit: 0.14, on: 2024-01-01, "
                                    "source: vendor}\nmodels:")
    cat = load_catalog(_write(tmp_path, text))
    r = cat.exchange_rate("CNY", "2024-02-01")
    assert r.on == dt.date(2024, 1, 1) and r.usd_per_unit == Decimal("0.14")


# --------------------------------------------------------------------------- seeds and quotes

def test_repair_mojibake_restores_the_characters_seen_in_the_seeds():
    assert repair_mojibake("1 May 2026ยท10 min readยทBy Marcus Thorne") == "1 May 2026·10 min read·By Marcus Thorne"
    assert repair_mojibake("key benchmarks โ at roughly") == "key benchmarks — at roughly"
    assert repair_mojibake("a โ€” b") == "a — b"
    assert repair_mojibake("๐Ÿ’ฌ Comments (0)") == "💬 Comments (0)"


def test_repair_mojibake_leaves_clean_text_alone_and_is_idempotent():
    clean = "GPT-4's $2.80 — 97% · 💬 价格 0.5元"
    assert repair_mojibake(clean) == clean
    broken = "aยทb โ c ๐Ÿ’ฌ"
    assert repair_mojibake(repair_mojibake(broken)) == repair_mojibake(broken)


def test_read_seed_decodes_utf8_and_repairs(tmp_path):
    p = tmp_path / "seed.txt"
    p.write_bytes("readยท10\nmore โ text".encode())
    assert read_seed(p) == "read·10\nmore — text"


def test_normalize_space_collapses_runs_of_whitespace():
    assert normalize_space("  a\n\n b\t c\u00a0 d ") == "a b c d"


def _quoted_articles() -> list[tuple[str, str, str]]:
    """(where, seed file, quote) for every quote that must be verbatim in a seed article."""
    from tokencost._claims.schema import load_claims

    merged = load_merged(None)
    out = []
    for mid, model in merged.models.items():
        for v in model.versions:
            for i, c in enumerate(v.citations):
                src = merged.sources[c.source]
                if src.kind == "article" and src.seed:
                    out.append((f"prices:{mid}@{v.id}#{i}", src.seed, c.quote))
    for p in merged.policies:
        for i, c in enumerate(p.citations):
            src = merged.sources[c.source]
            if src.kind == "article" and src.seed:
                out.append((f"prices:policy {p.id}#{i}", src.seed, c.quote))
    for claim in load_claims(REPO / "data" / "claims.yaml"):
        src = merged.sources.get(claim.source or "")
        assert src is not None and src.seed, f"claim {claim.id} cites {claim.source!r}, not a seeded article"
        out.append((f"claims:{claim.id}", src.seed, claim.quote))
    return out


QUOTES = _quoted_articles()


def test_there_are_quotes_to_check():
    assert sum(1 for w, _, _ in QUOTES if w.startswith("prices:")) >= 5
    assert sum(1 for w, _, _ in QUOTES if w.startswith("claims:")) >= 20


# Quotes that vouch for a figure by relation, not by stating it: techgethub says R1 off-peak is
# "75 per cent" off and "priced identically" to V3 off-peak ($0.035 / $0.135 / $0.55, quoted for V3).
QUOTE_BY_RELATION = {("deepseek-reasoner", "r1-offpeak-2025-02", "techgethub-offpeak-2025-02")}


def test_every_figure_a_quote_is_cited_for_appears_in_the_quote():
    import re

    from tokencost._catalog.schema import CITABLE, COMPONENTS

    merged = load_merged(None)
    checked = 0
    for mid, model in merged.models.items():
        for v in model.versions:
            for c in v.citations:
                if not c.quote or (mid, v.id, c.source) in QUOTE_BY_RELATION:
                    continue
                numbers = {Decimal(x) for x in re.findall(r"\d+(?:\.\d+)?", c.quote.replace(",", ""))}
                for f in c.fields if c.fields is not None else CITABLE:
                    if f in COMPONENTS:
                        values = [getattr(v.rates, f)]
                    elif f == "off_peak":
                        values = [getattr(w.rates, k) for w in v.off_peak for k in COMPONENTS]
                    elif f == "tiers":
                        values = [getattr(t.rates, k) for t in v.tiers for k in COMPONENTS]
                    else:  # batch: "50 percent" for a 0.5 discount
                        values = [v.batch.discount * 100] if v.batch else []
                    for x in values:
                        if x is not None:
                            assert x in numbers, f"{mid}@{v.id}: {f} = {x} is not in the {c.source} quote {c.quote!r}"
                            checked += 1
    assert checked >= 30


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS} (shared/seeds next to the repo)")
@pytest.mark.parametrize(("where", "seed", "quote"), QUOTES, ids=[w for w, _, _ in QUOTES])
def test_article_quotes_are_verbatim_in_the_seed_text(where, seed, quote):
    assert quote, f"{where}: no quote"
    text = normalize_space(read_seed(SEEDS / seed))
    assert normalize_space(repair_mojibake(quote)) in text, f"{where}: quote not found in {seed}: {quote!r}"


def test_a_bad_rate_is_reported_once_without_its_containers_echo(tmp_path):
    import tokencost as tc
    from tokencost.errors import DataFileError
    p = tmp_path / "p.yaml"
    p.write_text("sources:\n  s: {kind: vendor_page, url: 'https://x'}\nmodels:\n  m:\n    provider: p\n"
                 "    versions:\n      - id: v\n        status: official\n        effective_from: 2025-01-01\n"
                 "        rates: {input: -1, output: 2}\n        citations: [{source: s}]\n")
    with pytest.raises(DataFileError) as e:
        tc.load_catalog(p)
    assert str(e.value).endswith("p.yaml:10 [models.m.versions.0.rates.input]: "
                                 "Input should be greater than or equal to 0")


def test_a_date_outside_every_version_lists_them_compactly():
    import tokencost as tc
    from tokencost.errors import NoPriceError
    with pytest.raises(NoPriceError) as e:
        tc.load_catalog().price("deepseek-reasoner", at="2026-08-01")
    msg = str(e.value)
    assert "retired on 2026-07-24 15:59 UTC, before 2026-08-01" in msg and "2026-04-26 12:15..2026-07-24 15:59" in msg
    assert "+00:00" not in msg and "(+6 in other currencies)" in msg


def test_a_misquoted_article_is_refused_at_load_where_the_article_can_be_read(tmp_path, monkeypatch):
    # the quote must appear verbatim (mojibake repaired, whitespace folded) in the cited article's text
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "blog.txt").write_text("The model costs $2.50 per million input tokens.ยท", encoding="utf-8")
    monkeypatch.setenv("TOKENCOST_SEEDS_DIR", str(seeds))
    good = VALID.replace("- source: vendor", '- source: blog\n            quote: "costs $2.50 per  million"')
    assert load_catalog(_write(tmp_path, good)).price("m1@v1")
    bad = good.replace("costs $2.50 per  million", "costs $2.00 per million")
    err = _refused(tmp_path, bad)
    assert isinstance(err, SourceQuoteError) and err.line == _line(bad, "- id: v1")  # as other citation errors
    assert err.field == "models.m1.v1.citations"
    assert "is not in blog.txt" in str(err)
