"""Safe edits of a price file (tc.edit_prices, `tokencost prices add|set|retire`): history is
append-only, every existing line survives, nothing invalid is written, writes are atomic."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

import tokencost as tc
from profiles import examples
from tokencost.cli import main
from tokencost.errors import DataFileError, NoPriceError

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "tests" / "bad_inputs" / "base_prices.yaml"
CITE = [{"source": "acme-pricing"}]


@pytest.fixture
def prices(tmp_path: Path) -> Path:
    p = tmp_path / "prices.yaml"
    text = BASE.read_text().replace("  acme-night:", "  # the night model: cheaper off-peak\n  acme-night:")
    p.write_text(text)
    return p


def kept_in_order(old: str, new: str) -> bool:
    """Every line of ``old`` is in ``new``, in the same order (an edit only inserts lines)."""
    it = iter(new.splitlines())
    return all(any(line == n for n in it) for line in old.splitlines())


def versions(path: Path) -> dict[tuple[str, str], tc.PriceVersion]:
    cat = tc.load_catalog(path)
    return {(m, v.id): v for m in cat for v in cat.versions(m)}


def test_set_price_closes_the_open_version_and_appends_the_new_one(prices):
    old = prices.read_text()
    tc.edit_prices(prices).set_price("acme-fast", id="cut-2025-09", effective_from="2025-09-01",
                                     rates={"input": "0.80", "output": "3.20"}, citations=CITE)
    new = prices.read_text()
    added = [d[2:] for d in difflib.ndiff(old.splitlines(), new.splitlines()) if d.startswith("+ ")]
    assert added == ["        effective_to: 2025-09-01", "      - id: cut-2025-09", "        status: official",
                     "        effective_from: 2025-09-01", "        rates: {input: 0.80, output: 3.20}",
                     "        citations: [{source: acme-pricing}]"]
    assert kept_in_order(old, new) and "  # the night model: cheaper off-peak" in new
    cat = tc.load_catalog(prices)
    assert cat.price("acme-fast", "2025-08-31").id == "cut-2025-06"
    assert cat.price("acme-fast", "2025-09-01").rates.input == Decimal("0.80")


def test_add_version_of_a_new_model_goes_after_the_last_model(prices):
    ed = tc.edit_prices(prices)
    ed.add_version("acme-pro", provider="acme", id="launch", effective_from="2025-10-01",
                   rates={"input": 3, "output": "15"}, citations=CITE, note='first "pro" model')
    cat = tc.load_catalog(prices)
    assert list(cat) == ["acme-fast", "acme-night", "acme-pro"]
    v = cat.price("acme-pro", "2025-10-02")
    assert (v.rates.input, v.rates.output, v.note) == (Decimal(3), Decimal(15), 'first "pro" model')


def test_retire_closes_the_open_version_at_the_instant_given(prices):
    tc.edit_prices(prices).retire("acme-night", at="2026-01-01T16:00Z")
    cat = tc.load_catalog(prices)
    assert cat.versions("acme-night")[0].end == dt.datetime(2026, 1, 1, 16, tzinfo=dt.timezone.utc)
    with pytest.raises(NoPriceError):
        cat.price("acme-night", "2026-01-02")


@pytest.mark.parametrize("edit,message", [
    (lambda ed: ed.set_price("acme-fast", id="launch-2025-01", effective_from="2025-09-01",
                             rates={"input": 1}, citations=CITE), "duplicate version id"),
    (lambda ed: ed.add_version("acme-fast", id="overlap", effective_from="2025-09-01",
                               rates={"input": 1}, citations=CITE), "overlap"),
    (lambda ed: ed.set_price("acme-fast", id="early", effective_from="2025-05-01",
                             rates={"input": 1}, citations=CITE), "not before 2025-05-01"),
    (lambda ed: ed.set_price("acme-fast", id="neg", effective_from="2025-09-01",
                             rates={"input": -1}, citations=CITE), "greater than or equal to 0"),
    (lambda ed: ed.set_price("acme-fast", id="nan", effective_from="2025-09-01",
                             rates={"input": "NaN"}, citations=CITE), "finite"),
    (lambda ed: ed.set_price("acme-fast", id="src", effective_from="2025-09-01",
                             rates={"input": 1}, citations=[{"source": "nowhere"}]), "unknown source 'nowhere'"),
    (lambda ed: ed.set_price("acme-fast", id="art", effective_from="2025-09-01",
                             rates={"input": 1}, citations=[{"source": "acme-blog"}]), "verbatim 'quote'"),
    (lambda ed: ed.set_price("acme-fast", id="bad id!", effective_from="2025-09-01",
                             rates={"input": 1}, citations=CITE), "version id"),
    (lambda ed: ed.set_price("acme-fast", id="nocite", effective_from="2025-09-01",
                             rates={"input": 1}, citations=[]), "citations"),
    (lambda ed: ed.set_price("acme-fast", id="date", effective_from="2025-02-30",
                             rates={"input": 1}, citations=CITE), "effective_from"),
    (lambda ed: ed.add_version("acme-pro", id="v1", effective_from="2025-09-01",
                               rates={"input": 1}, citations=CITE), "provider"),
    (lambda ed: ed.retire("acme-nothing", at="2026-01-01"), "no model 'acme-nothing'"),
    (lambda ed: ed.retire("acme-fast", at="2026-01-01", status="promotional"), "no open promotional version"),
    (lambda ed: ed.set_price("acme-fast", id="typo", effective_from="2025-09-01",
                             rates={"inptu": 1}, citations=CITE), "inptu"),
])
def test_a_refused_edit_names_the_problem_and_leaves_the_file_as_it_was(prices, edit, message):
    before = prices.read_bytes()
    with pytest.raises(DataFileError, match=message):
        edit(tc.edit_prices(prices))
    assert prices.read_bytes() == before
    assert [p.name for p in prices.parent.iterdir()] == ["prices.yaml"]  # no temporary file left behind


def test_a_file_changed_on_disk_since_it_was_read_is_not_overwritten(prices):
    ed = tc.edit_prices(prices)
    prices.write_text(prices.read_text() + "# someone else's edit\n")
    with pytest.raises(DataFileError, match="changed on disk"):
        ed.retire("acme-night", at="2026-01-01")
    assert prices.read_text().endswith("# someone else's edit\n")


def test_a_failed_replace_leaves_the_old_file_and_no_temporary(prices, monkeypatch):
    before = prices.read_bytes()

    def fail(*_a):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        tc.edit_prices(prices).retire("acme-night", at="2026-01-01")
    assert prices.read_bytes() == before and [p.name for p in prices.parent.iterdir()] == ["prices.yaml"]


def test_versions_in_flow_style_are_refused_rather_than_rewritten(tmp_path):
    p = tmp_path / "flow.yaml"
    p.write_text("sources:\n  s: {kind: vendor_page, url: 'https://x.example'}\nmodels:\n  m:\n    provider: p\n"
                 "    versions: [{id: v1, status: official, effective_from: 2025-01-01, rates: {input: 1},"
                 " citations: [{source: s}]}]\n")
    with pytest.raises(DataFileError, match="flow style"):
        tc.edit_prices(p).retire("m", at="2026-01-01")


def test_a_broken_file_is_not_edited(tmp_path):
    p = tmp_path / "broken.yaml"
    p.write_text("sources: {}\nmodels: {m: {provider: p, versions: []}}\n")
    with pytest.raises(DataFileError):
        tc.edit_prices(p)


def test_the_bundled_price_file_takes_an_edit_that_only_inserts_lines(tmp_path):
    p = tmp_path / "prices.yaml"
    shutil.copy(ROOT / "data" / "prices.yaml", p)
    old = p.read_text()
    before = versions(p)
    tc.edit_prices(p).set_price("gpt-4o-mini", id="official-2027-01-01", effective_from="2027-01-01",
                                rates={"input": "0.10", "cached_input": "0.05", "output": "0.40"},
                                citations=[{"source": "openai-pricing"}])
    new = p.read_text()
    assert kept_in_order(old, new) and len(new.splitlines()) == len(old.splitlines()) + 6
    after = versions(p)
    assert set(before) < set(after)
    changed = [k for k in before if before[k] != after[k]]
    assert changed == [("gpt-4o-mini", "official-2024-10-01")]  # closed, nothing else
    assert after[changed[0]].effective_to == dt.date(2027, 1, 1)


# ------------------------------------------------------------------------------------------ CLI
def test_cli_set_add_and_retire(prices, capsys):
    assert main(["prices", "set", "acme-fast", "--file", str(prices), "--id", "cut-2025-09", "--from",
                 "2025-09-01", "--input", "0.80", "--output", "3.20", "--source", "acme-pricing"]) == 0
    assert main(["prices", "add", "acme-pro", "--file", str(prices), "--provider", "acme", "--id", "launch",
                 "--from", "2025-10-01", "--input", "3", "--source", "acme-pricing"]) == 0
    assert main(["prices", "retire", "acme-pro", "--file", str(prices), "--at", "2026-10-01"]) == 0
    out = capsys.readouterr().out
    assert "acme-fast@cut-2025-09 added (the previous price closed)" in out and "acme-pro retired" in out
    cat = tc.load_catalog(prices)
    assert cat.price("acme-fast", "2025-09-02").rates.output == Decimal("3.20")


def test_cli_refusals_are_one_line_and_exit_2(prices, capsys):
    before = prices.read_bytes()
    assert main(["prices", "add", "acme-fast", "--file", str(prices), "--id", "x", "--from", "2025-09-01",
                 "--input", "-1", "--source", "acme-pricing"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tokencost: error: ") and err.count("\n") == 1 and "rates.input" in err
    with pytest.raises(SystemExit) as ei:
        main(["prices", "set", "acme-fast", "--file", str(prices)])
    assert ei.value.code == 2 and "required" in capsys.readouterr().err
    assert prices.read_bytes() == before


# ------------------------------------------------------------------------------------------ the property
EDIT = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(["acme-fast", "acme-night"]), st.integers(0, 900),
              st.decimals(0, 100, places=2)),
    st.tuples(st.just("add"), st.sampled_from(["acme-fast", "acme-new", "acme-night"]), st.integers(-400, 900),
              st.decimals(0, 100, places=2)),
    st.tuples(st.just("retire"), st.sampled_from(["acme-fast", "acme-night", "acme-new"]), st.integers(0, 900),
              st.just(Decimal(0))),
)


@examples(25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(st.lists(EDIT, min_size=1, max_size=6))
def test_after_any_sequence_of_edits_every_earlier_version_is_unchanged_and_the_file_loads(tmp_path, edits):
    p = tmp_path / f"p{abs(hash(tuple(edits))) % 10**9}.yaml"
    shutil.copy(BASE, p)
    day0 = dt.date(2025, 6, 2)
    for n, (op, model, days, rate) in enumerate(edits):
        text_before, before = p.read_text(), versions(p)
        when = (day0 + dt.timedelta(days=days)).isoformat()
        kw = dict(id=f"e{n}", effective_from=when, rates={"input": rate, "output": rate * 2}, citations=CITE)
        try:
            ed = tc.edit_prices(p)
            if op == "set":
                ed.set_price(model, **kw, currency="CNY" if model == "acme-night" else "USD")
            elif op == "add":
                ed.add_version(model, provider="acme", **kw)
            else:
                ed.retire(model, at=when)
        except DataFileError:
            assert p.read_text() == text_before  # refused: not a byte changed
            continue
        after = versions(p)  # the file still loads
        assert kept_in_order(text_before, p.read_text())
        for key, v in before.items():
            w = after[key]
            assert w == v or (v.effective_to is None and w.model_copy(update={"effective_to": None}) == v), key
