"""A price whose start no source gives says so: ``effective_from_known: false``.

Its ``effective_from`` is then the earliest dated evidence of the price (a dated copy of a dataset
listing it, or the day a copy was read), never posing as the day the price began: pricing an earlier
instant is a StartUnknownError that says the start is unknown and names that evidence.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tokencost._catalog.catalog import Catalog
from tokencost._catalog.loader import load_merged
from tokencost.cli import main
from tokencost.errors import DataFileError, NoPriceError, StartUnknownError

REPO = Path(__file__).resolve().parents[1]
SHA = "42ca128c421eaa62ef1401c4b56c27ec561b8412"

TEXT = f"""\
schema_version: 1
sources:
  ds:
    kind: dataset
    url: https://example.com/data
    revision: "somedata 1.2.3"
    retrieved: 2026-12-01
  hist:
    kind: dataset
    url: https://example.com/data
    revision: "git {'b' * 40}"
models:
  acme-1:
    provider: acme
    versions:
      - id: launch
        status: official
        effective_from: 2024-01-01
        effective_to: 2024-06-01
        rates: {{input: 2, output: 8}}
        citations: [{{source: ds, entry: acme/acme-1}}]
      - id: evidenced
        status: official
        effective_from: 2025-03-10
        effective_from_known: false
        rates: {{input: 1, output: 4}}
        citations:
          - {{source: ds, entry: acme/acme-1}}
          - {{source: hist, entry: acme/acme-1, revision: "git {SHA}", fields: [input, output]}}
  acme-2:
    provider: acme
    versions:
      - id: read-day
        status: official
        effective_from: 2026-12-01
        effective_from_known: false
        rates: {{input: 3, output: 9}}
        citations: [{{source: ds, entry: acme/acme-2}}]
"""


@pytest.fixture(scope="module")
def cat():
    return Catalog(load_merged([], texts=[("acme.yaml", TEXT)]))


def test_a_version_of_unknown_start_prices_from_its_evidence_date_on(cat):
    assert cat.price("acme-1", at="2025-03-10").id == "evidenced"
    assert cat.price("acme-1", at="2026-01-01").rates.input == Decimal(1)


def test_before_the_evidence_the_price_is_unknown_and_the_error_names_the_evidence(cat):
    with pytest.raises(StartUnknownError) as ei:
        cat.price("acme-1", at="2025-01-01")
    err = ei.value
    assert isinstance(err, NoPriceError)  # code catching the general case keeps working
    assert (err.model, err.version, err.evidence_date) == ("acme-1", "evidenced", "2025-03-10")
    msg = str(err)
    assert "the price of 'acme-1' at 2025-01-01 is unknown" in msg
    assert "the start of its next version 'evidenced' is unknown" in msg
    assert "hist row 'acme/acme-1' (commit 42ca128c421e), dated 2025-03-10" in msg
    assert "(start unknown, evidenced from 2025-03-10)..open" in msg
    assert "the only version" not in msg


def test_a_read_date_is_named_as_such(cat):
    with pytest.raises(StartUnknownError, match=r"ds row 'acme/acme-2' \(somedata 1\.2\.3\) read 2026-12-01, "
                                                r"dated 2026-12-01"):
        cat.price("acme-2", at="2026-11-30T23:59:59Z")


def test_before_a_version_of_known_start_the_error_stays_a_plain_no_price(cat):
    with pytest.raises(NoPriceError) as ei:
        cat.price("acme-1", at="2023-12-31")
    assert type(ei.value) is NoPriceError
    assert cat.price("acme-1", at="2024-02-01").id == "launch"


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(2024, 6, 1), max_value=dt.date(2027, 12, 31)))
def test_every_day_after_the_known_version_is_either_priced_from_evidence_or_unknown(day):
    cat = Catalog(load_merged([], texts=[("acme.yaml", TEXT)]))
    if day >= dt.date(2025, 3, 10):
        assert cat.price("acme-1", at=day).id == "evidenced"
    else:
        with pytest.raises(StartUnknownError):
            cat.price("acme-1", at=day)


def test_the_flag_must_be_a_boolean():
    with pytest.raises(DataFileError, match="effective_from_known"):
        load_merged([], texts=[("acme.yaml", TEXT.replace("effective_from_known: false", "effective_from_known: maybe",
                                                            1))])


def test_a_start_that_follows_a_known_change_cannot_be_called_unknown():
    # 'launch' ends 2024-06-01; a version starting then replaces it on a known day
    text = TEXT.replace("effective_from: 2025-03-10", "effective_from: 2024-06-01")
    with pytest.raises(DataFileError, match="'evidenced' of 'acme-1' says effective_from_known: false, yet 'launch' "
                                            "ends exactly at its start") as ei:
        load_merged([], texts=[("acme.yaml", text)])
    assert "acme.yaml:" in str(ei.value)


def test_the_json_schema_documents_the_flag():
    schema = json.loads((REPO / "data" / "prices.schema.json").read_text(encoding="utf-8"))
    prop = schema["$defs"]["PriceVersion"]["properties"]["effective_from_known"]
    assert prop["type"] == "boolean" and prop["default"] is True
    assert "earliest dated evidence" in prop["description"]


# ---- the bundled data -------------------------------------------------------------------------------

def test_grok_4_before_its_evidence_says_the_start_is_unknown(capsys):
    # genai-prices gives grok-4-0709 no start date; its history lists it at 3 / 0.75 / 15 from commit
    # 42ca128c421e (2025-07-12) on: the earliest evidence, not the launch
    assert main(["cost", "grok-4", "--at", "2020-01-01", "--requests", "1", "--prompt", "100", "--output", "100"]) != 0
    err = capsys.readouterr().err
    assert "the price of 'grok-4-0709' at 2020-01-01 is unknown" in err
    assert "dataset-genai-prices-history row 'x-ai/grok-4-0709' (commit 42ca128c421e), dated 2025-07-12" in err


def test_no_bundled_version_starts_on_a_read_date_unless_it_says_its_start_is_unknown():
    # a version cited only by datasets read on the day it starts, that follows no dated price change
    # (an earlier version ending there, as gemini-4-argon's 2026-12-01 price does), starts on a read date
    data = load_merged(None)
    wrong, flagged = [], 0
    for mid, m in data.models.items():
        for v in m.versions:
            flagged += not v.effective_from_known
            srcs = [data.sources[c.source] for c in v.citations]
            changed = any(w.end == v.start for w in m.versions)
            if all(s.kind == "dataset" for s in srcs) and not any(c.revision for c in v.citations) and any(
                    s.retrieved == v.start.date() for s in srcs) and not changed and v.effective_from_known:
                wrong.append(f"{mid}@{v.id}")
    assert wrong == []
    assert flagged >= 159  # the versions the datasets give no start and no dated evidence for, at least


def test_the_price_table_marks_a_start_that_is_only_evidence(capsys):
    assert main(["prices", "grok-4", "--format", "csv"]) == 0
    header, row = capsys.readouterr().out.strip().splitlines()[:2]
    cols = dict(zip(header.split(","), row.split(",")))
    assert (cols["effective_from"][:10], cols["start"]) == ("2025-07-12", "unknown")
    assert main(["prices", "gpt-4o", "--at", "2024-09-01", "--format", "csv"]) == 0
    header, row = capsys.readouterr().out.strip().splitlines()[:2]
    assert dict(zip(header.split(","), row.split(",")))["start"] == ""  # a start the vendor announced
