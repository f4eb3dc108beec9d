"""Every citation of a dataset says only what that dataset states, at the revision it names.

A citation of a ``kind: dataset`` source names the dataset's row (``entry``) and the copy read
(the source's ``revision``, or its own). tests/data/dataset_extracts/ holds those rows exactly as
each copy states them (written by tools/extract_datasets.py). For every figure a citation vouches
for (its ``fields``, or all of the version's figures when omitted) the dataset must state the same
value. The rows are read by tokencost's one dataset reader (``tokencost._data.rows.stated``, shared with
the importers and tools/extract_datasets.py); it applies these conversions, and nothing else:

* litellm states USD per token: x 1,000,000 gives our USD per million tokens (exact decimals);
  ``<key>_above_<N>k_tokens`` is the rate for prompts over N x 1000 tokens, ``<key>_batches`` the
  Batch rate; cache_creation = our cache_write (5-minute), cache_read = our cached_input.
* genai-prices states USD per million (``*_mtok``); a tier ``start: N`` applies to prompts over N
  tokens; of several conditional prices the last whose constraint holds wins (its own rule);
  a ``processing: batch`` variant overrides the prices it lists. cache_write_mtok is the 5-minute write.
* llm-prices states USD per million with dated price periods [from_date, to_date); a companion row
  '<id>-<N>k', named '... >Nk', holds the rates for prompts over N x 1000 tokens.

Datasets mostly hold current prices, versions are history. A figure is stated for a version if the
dataset states it for the whole of one day within the version's interval: the first full day, or any
day on which the dataset's own prices change. Within that day every minute is compared (our off-peak
windows against the dataset's time-of-day prices), so a daytime-only price cannot pass as all-day.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tokencost._catalog.loader import load_merged
from tokencost._catalog.schema import CITABLE, COMPONENTS, Citation, Policy, PriceVersion
from tokencost._data.rows import Priced, Stated, changes, stated
from tokencost.errors import DataFileError

REPO = Path(__file__).resolve().parents[1]
EXTRACTS = REPO / "tests" / "data" / "dataset_extracts"
DATA = load_merged(None)  # data/prices.yaml and every data/prices/<provider>.yaml



def _extracts() -> dict[tuple[str, str], dict[str, Any]]:
    out = {}
    for path in sorted(EXTRACTS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        out[(doc["source"], doc["revision"])] = doc
    return out


EXTRACT = _extracts()


def _in_window(minute: int, start: int, end: int) -> bool:
    return start <= minute < end if start < end else (minute >= start or minute < end)


# ---- the check ------------------------------------------------------------------------------------

def _extract_for(c: Citation) -> dict[str, Any]:
    revision = c.revision or DATA.sources[c.source].revision
    doc = EXTRACT.get((c.source, revision))
    assert doc is not None, f"no extract of {c.source} at {revision!r}: run tools/extract_datasets.py"
    assert c.entry in doc["rows"], f"{c.source} at {revision} has no row {c.entry!r}"
    return doc


def _days(start: dt.datetime, end: dt.datetime | None, changes: set[dt.date]) -> list[dt.date]:
    first = start.date() if start.time() == dt.time(0) else start.date() + dt.timedelta(days=1)
    if end is not None and dt.datetime.combine(first, dt.time(0), dt.UTC) >= end:
        first = start.date()  # no full day in the interval: its first day is the best there is
    days = {first} | {d for d in changes
                      if start <= dt.datetime.combine(d, dt.time(0), dt.UTC) and (end is None or
                         dt.datetime.combine(d, dt.time(0), dt.UTC) < end)}
    return sorted(days)


def _fmt(x: Any) -> str:
    return format(x.normalize(), "f") if isinstance(x, Decimal) else str(x)


def _scaled(p: Priced, k: Decimal) -> Priced:
    return p[0] * k, tuple((t, r * k) for t, r in p[1])


def _changes(base: Decimal | None, tiers: tuple[tuple[int, Decimal], ...]) -> tuple[tuple[int, Decimal], ...]:
    """The thresholds at which a rate actually changes: our tiers restate every rate (a tier replaces the base
    rates), a dataset tiers only the units whose rate changes; both say the same where this agrees."""
    out, current = [], base
    for n, r in tiers:
        if r != current:
            out.append((n, r))
        current = r
    return tuple(out)


def _check_version_at(v: PriceVersion, fields: set[str], st: Stated, minute: int) -> list[str]:
    bad = []
    window = next((w for w in v.off_peak if _in_window(minute, w.start.hour * 60 + w.start.minute,
                                                       w.end.hour * 60 + w.end.minute)), None)
    if window is not None:
        if "off_peak" in fields:
            for c in window.rates.present():
                if st.rates.get(c, (None,))[0] != getattr(window.rates, c):
                    bad.append(f"off-peak {c}: ours {_fmt(getattr(window.rates, c))}, "
                               f"dataset {_fmt(st.rates.get(c, ('not stated',))[0])}")
        return bad
    for c in v.rates.present():
        if c in fields and st.rates.get(c, (None,))[0] != getattr(v.rates, c):
            bad.append(f"{c}: ours {_fmt(getattr(v.rates, c))}, dataset {_fmt(st.rates.get(c, ('not stated',))[0])}")
    if "tiers" in fields and v.tiers:
        for c in {c for t in v.tiers for c in t.rates.present()}:
            ours = _changes(getattr(v.rates, c), tuple((t.above_prompt_tokens, getattr(t.rates, c))
                                                       for t in v.tiers if getattr(t.rates, c) is not None))
            base, stated_tiers = st.rates.get(c, (None, ()))
            theirs = _changes(base, stated_tiers)
            if ours != theirs:
                bad.append(f"tiers {c}: ours {ours}, dataset {theirs or 'no tier'}")
    if "batch" in fields and v.batch is not None:
        bad += _check_batch(v.batch.discount, v.batch.applies_to, st, {c: (getattr(v.rates, c), ())
                                                                        for c in v.rates.present()})
    return bad


def _check_batch(discount: Decimal, applies_to: tuple[str, ...], st: Stated, standard: dict[str, Priced]) -> list[str]:
    bad = []
    for c, rate in standard.items():
        want = _scaled(rate, 1 - discount) if c in applies_to else rate
        got = st.batch.get(c)
        if got is None and c in applies_to:
            bad.append(f"batch {c}: dataset states no batch rate")
        elif got is not None and (got[0], got[1] if want[1] else ()) != want:
            bad.append(f"batch {c}: expected {_fmt(want[0])} ({'discounted' if c in applies_to else 'undiscounted'}), "
                       f"dataset {_fmt(got[0])}")
    return bad


def _check_policy_at(p: Policy, st: Stated) -> list[str]:
    if p.kind == "batch":
        assert p.discount is not None
        standard = {c: r for c, r in st.rates.items() if c in COMPONENTS}
        missing = [c for c in p.applies_to if c not in standard]
        return [f"{c}: dataset states no standard rate" for c in missing] + \
            _check_batch(p.discount, p.applies_to, st, standard)
    bad = []
    base = st.rates.get("input", (None,))[0]
    for comp, mult in (("cached_input", p.read_multiplier), ("cache_write", p.write_multiplier)):
        if mult is None:
            continue
        got = st.rates.get(comp, (None,))[0]
        if base is None or got is None or got != base * mult:
            bad.append(f"{comp} = input x {_fmt(mult)}: dataset input {_fmt(base)}, {comp} {_fmt(got)}")
    return bad


def check_citation(c: Citation, owner: PriceVersion | Policy) -> list[str]:
    """Mismatches between a dataset citation and the dataset, on the best day; [] if it holds."""
    doc = _extract_for(c)
    days, minutes = changes(doc["format"], doc["rows"], c.entry)
    if isinstance(owner, PriceVersion):
        fields = set(c.fields if c.fields is not None else CITABLE)
        minutes |= {m for w in owner.off_peak for m in (w.start.hour * 60 + w.start.minute,
                                                        w.end.hour * 60 + w.end.minute)}
    failures = []
    for day in _days(owner.start, owner.end, days):
        bad = []
        for minute in sorted(minutes | {0}):
            st = stated(doc["format"], doc["rows"], c.entry, day, minute)
            found = (_check_version_at(owner, fields, st, minute) if isinstance(owner, PriceVersion)
                     else _check_policy_at(owner, st))
            bad += [f"{day} {minute // 60:02d}:{minute % 60:02d} {b}" for b in found]
        if not bad:
            return []
        failures += bad
    return failures


def _dataset_citations() -> list[Any]:
    out = []
    for mid, model in DATA.models.items():
        for v in model.versions:
            for i, c in enumerate(v.citations):
                if DATA.sources[c.source].kind == "dataset":
                    out.append(pytest.param(c, v, id=f"{mid}@{v.id}[{i}]{c.source}"))
    for p in DATA.policies:
        for i, c in enumerate(p.citations):
            if DATA.sources[c.source].kind == "dataset":
                out.append(pytest.param(c, p, id=f"policy:{p.id}[{i}]{c.source}"))
    return out


CITATIONS = _dataset_citations()


def test_every_dataset_in_the_price_file_is_cited_through_an_extract():
    cited = {(c.values[0].source, c.values[0].revision or DATA.sources[c.values[0].source].revision)
             for c in CITATIONS}
    assert len(CITATIONS) > 60
    assert cited == set(EXTRACT), "extracts and citations out of step: run tools/extract_datasets.py"


@pytest.mark.parametrize(("citation", "owner"), CITATIONS)
def test_dataset_citation_states_what_the_dataset_states(citation, owner):
    assert check_citation(citation, owner) == []


def _perturbed(owner: PriceVersion | Policy, fields: set[str]) -> list[tuple[str, Any]]:
    """One copy of the owner per vouched-for figure, with just that figure changed."""
    one = Decimal(1)
    if isinstance(owner, Policy):
        if owner.kind == "batch":
            return [("discount", owner.model_copy(update={"discount": owner.discount / 2}))]
        return [(m, owner.model_copy(update={m: getattr(owner, m) * 2}))
                for m in ("read_multiplier", "write_multiplier") if getattr(owner, m) is not None]
    out = []
    for c in owner.rates.present():
        if c in fields:
            out.append((c, owner.model_copy(update={"rates": owner.rates.model_copy(
                update={c: getattr(owner.rates, c) + one})})))
    if "tiers" in fields and owner.tiers:
        t = owner.tiers[-1]
        c = t.rates.present()[0]
        bumped = t.model_copy(update={"rates": t.rates.model_copy(update={c: getattr(t.rates, c) + one})})
        out.append(("tiers", owner.model_copy(update={"tiers": owner.tiers[:-1] + (bumped,)})))
    if "off_peak" in fields and owner.off_peak:
        w = owner.off_peak[0]
        c = w.rates.present()[0]
        bumped = w.model_copy(update={"rates": w.rates.model_copy(update={c: getattr(w.rates, c) + one})})
        out.append(("off_peak", owner.model_copy(update={"off_peak": (bumped,) + owner.off_peak[1:]})))
    return out


@pytest.mark.parametrize(("citation", "owner"), CITATIONS)
def test_changing_any_figure_a_dataset_citation_vouches_for_breaks_it(citation, owner):
    fields = set(citation.fields if citation.fields is not None else CITABLE)
    variants = _perturbed(owner, fields)
    # every dataset citation vouches for something, else it would not be a citation of a figure
    assert variants, "the citation vouches for no figure of its version"
    for name, changed in variants:
        assert check_citation(citation, changed), f"changing {name} went unnoticed"


# ---- the checker fails where it should (the defects of issue 7, 3i) ------------------------------

def _version(model: str, vid: str) -> PriceVersion:
    return next(v for v in DATA.models[model].versions if v.id == vid)


def test_a_cached_rate_llm_prices_never_listed_for_claude_is_refused():
    c = Citation(source="dataset-llm-prices", entry="anthropic/claude-3-opus", fields=("input", "cached_input", "output"))
    bad = check_citation(c, _version("claude-3-opus", "caching-2024-08"))
    assert bad and all("cached_input" in b for b in bad)


def test_a_long_context_tier_whose_cache_rates_the_dataset_lacks_is_refused():
    c = Citation(source="dataset-llm-prices", entry="anthropic/claude-sonnet-4.5", fields=("tiers",))
    bad = check_citation(c, _version("claude-sonnet-4", "long-context-2025-08"))
    assert any("tiers cached_input" in b for b in bad) and any("tiers cache_write" in b for b in bad)
    assert not any("tiers input" in b or "tiers output" in b for b in bad)  # 6 / 22.5 are stated


def test_a_daytime_only_price_does_not_pass_as_an_all_day_price():
    # genai-prices states deepseek-chat 0.27 / 0.07 / 1.1 only for 00:30-16:30 UTC
    c = Citation(source="dataset-genai-prices", entry="deepseek/deepseek-chat", fields=("input", "cached_input", "output"))
    bad = check_citation(c, _version("deepseek-chat", "v3-2024-12"))
    assert any(b.endswith("input: ours 0.27, dataset 0.135") for b in bad)
    assert check_citation(c.model_copy(update={"fields": ("input", "cached_input", "output", "off_peak")}),
                          _version("deepseek-chat", "v3-offpeak-2025-02")) == []


def test_litellm_per_token_figures_are_compared_per_million():
    c = Citation(source="dataset-litellm", entry="gpt-4", fields=("input", "output"))
    assert check_citation(c, _version("gpt-4", "official-2023-03-14")) == []  # 3e-05 x 1e6 = 30
    wrong = PriceVersion.model_validate({**_version("gpt-4", "official-2023-03-14").model_dump(),
                                         "rates": {"input": "0.00003", "output": "0.00006"}})
    assert len(check_citation(c, wrong)) == 2


def test_a_batch_policy_that_leaves_out_a_component_the_dataset_discounts_is_refused():
    gpt5 = next(p for p in DATA.policies if p.id == "openai-batch-gpt-5")
    c = next(c for c in gpt5.citations if c.source == "dataset-litellm" and c.entry == "gpt-5")
    assert check_citation(c, gpt5) == []
    narrow = gpt5.model_copy(update={"applies_to": ("input", "output")})
    assert check_citation(c, narrow) == [
        "2025-08-07 00:00 batch cached_input: expected 0.125 (undiscounted), dataset 0.0625"]


def test_a_stale_row_is_refused_for_the_later_price():
    # litellm 1.77.0 kept claude-3-5-haiku-latest at the launch price 1 / 1.25 / 0.1 / 5
    c = Citation(source="dataset-litellm", entry="claude-3-5-haiku-latest", revision="litellm 1.77.0")
    assert check_citation(c, _version("claude-3.5-haiku", "launch-2024-11")) == []
    bad = check_citation(c, _version("claude-3.5-haiku", "price-cut-2024-12"))
    assert [b.split(" ", 2)[2] for b in bad] == [
        "input: ours 0.8, dataset 1", "cached_input: ours 0.08, dataset 0.1",
        "cache_write: ours 1, dataset 1.25", "output: ours 4, dataset 5"]


# ---- the loader insists on revision and entry -----------------------------------------------------

BASE = """\
schema_version: 1
sources:
  ds:
    kind: dataset
    url: https://example.com/data
    revision: "somedata 1.2.3"
  page:
    kind: vendor_page
    url: https://example.com/pricing
models:
  m1:
    provider: acme
    versions:
      - id: v1
        status: official
        effective_from: 2024-01-01
        rates: {input: 2.50, output: 10}
        citations:
          - source: ds
            entry: acme/m1
"""


def _load(text: str) -> Any:
    return load_merged([], texts=[("prices.yaml", text)])


def test_a_well_formed_dataset_citation_loads():
    assert _load(BASE).models["m1"].versions[0].citations[0].entry == "acme/m1"


def test_a_dataset_source_without_a_revision_is_refused():
    with pytest.raises(DataFileError, match="needs 'revision'") as e:
        _load(BASE.replace('    revision: "somedata 1.2.3"\n', ""))
    assert "prices.yaml:3" in str(e.value)


def test_a_dataset_citation_without_its_row_is_refused():
    with pytest.raises(DataFileError, match="needs 'entry'"):
        _load(BASE.replace("            entry: acme/m1\n", ""))


def test_entry_on_a_citation_of_a_web_page_is_refused():
    with pytest.raises(DataFileError, match="locate a row of a dataset"):
        _load(BASE.replace("          - source: ds\n", "          - source: page\n"))


@pytest.mark.parametrize("revision", ["latest", "git abc123", "main", "1.2.3"])
def test_a_revision_that_names_no_fixed_copy_is_refused(revision):
    with pytest.raises(DataFileError, match="revision"):
        _load(BASE.replace('"somedata 1.2.3"', f'"{revision}"'))


def test_the_extracts_record_where_they_were_read():
    for (source, revision), doc in EXTRACT.items():
        assert DATA.sources[source].kind == "dataset"
        assert doc["read_from"] and doc["rows"], source
        assert not re.search(r'":\s*-?[0-9]', json.dumps(doc["rows"])), f"{source}@{revision}: a bare number"
