"""The bundled tables agree with genai-prices 0.2.3, except where tests/data/crosscheck_allow.yaml explains why.

genai-prices is pinned in the test extra, so this reads the same copy everywhere; the cross-check compares
each of its prices at the first instant it states it (an undated price: 2026-12-01, the day that copy
was read for this check) with our USD version in effect then.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

pytest.importorskip("genai_prices")

from tokencost._data.crosscheck import crosscheck

ALLOW = Path(__file__).resolve().parent / "data" / "crosscheck_allow.yaml"
READ_ON = "2026-12-01"


def _key(model: str, field: str, ours: object, theirs: object) -> tuple[str, str, str, str]:
    def text(x: object) -> str:
        return "" if x is None else str(Decimal(x).normalize()) if isinstance(x, (int, Decimal)) else str(x)
    return model, field, text(ours), text(theirs)


@pytest.fixture(scope="module")
def report():
    from importlib.metadata import version
    assert version("genai-prices") == "0.2.3", "the allow-list was written against genai-prices 0.2.3"
    return crosscheck("genai-prices", as_of=READ_ON)


@pytest.fixture(scope="module")
def allowed() -> dict[tuple[str, str, str, str], str]:
    doc = yaml.safe_load(ALLOW.read_text(encoding="utf-8"))
    out = {}
    for e in doc["allow"]:
        assert e.get("evidence", "").strip(), f"allow-list entry for {e['model']} {e['field']} has no evidence"
        out[_key(e["model"], e["field"], e.get("ours"), e.get("theirs"))] = e["evidence"]
    return out


def test_every_disagreement_with_genai_prices_is_explained(report, allowed):
    unexplained = [d for d in report.disagreements if d.kind in ("differs", "no-price")
                   and _key(d.model, d.field, d.ours, d.theirs) not in allowed]
    assert not unexplained, "\n".join(
        f"{d.model} {d.field}: ours {d.ours} vs theirs {d.theirs} at {d.at} ({d.entry})" for d in unexplained)


def test_every_allow_list_entry_still_matches_a_disagreement(report, allowed):
    seen = {_key(d.model, d.field, d.ours, d.theirs) for d in report.disagreements}
    assert not [k for k in allowed if k not in seen], "stale allow-list entries: remove them"


def test_the_crosscheck_compares_most_of_the_catalog(report):
    # the importer-generated provider files are read back from this very copy: hundreds of models compared
    assert report.compared >= 400
    # units only they list are gaps, not conflicts; they are all on the hand-curated models of data/prices.yaml
    from tokencost._catalog.loader import load_merged
    curated = set(load_merged([Path(__file__).resolve().parents[1] / "data" / "prices.yaml"]).models)
    assert {d.model for d in report.disagreements if d.kind == "we-lack"} <= curated
