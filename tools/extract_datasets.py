"""Write the small dataset extracts that tests/test_dataset_citations.py checks our citations against.

    python tools/extract_datasets.py \\
        --genai-prices-wheel genai_prices-0.2.3-py3-none-any.whl \\
        --genai-prices-git   path/to/pydantic/genai-prices/.git \\
        --llm-prices-git     path/to/simonw/llm-prices/.git \\
        --litellm-wheel      litellm-1.110.2-....whl --litellm-wheel litellm-1.77.0-....whl

Every citation of a ``kind: dataset`` source in data/prices.yaml names the row it read (``entry``)
and the copy of the dataset (the source's ``revision``, or the citation's own). This script reads
exactly those rows from exactly those copies and writes one file per (source, revision) to
tests/data/dataset_extracts/. The rows are copied as the dataset states them; only the numbers are
kept as their own decimal text (strings), so no float ever touches them. Unit conversions (litellm's
USD per token to our USD per million) happen in the test, where they are documented.

Where the copies come from (all read by tokencost's own dataset reader, tokencost._data.rows, which
the importers and tests/test_dataset_citations.py use too):
  * genai-prices: the PyPI wheel (``pip download --no-deps genai-prices``; revision "genai-prices X")
    holds its data in genai_prices/data.py, written here in the shape of prices/providers/*.yml;
    a git clone (revision "git <sha>") is read from prices/providers/*.yml at that commit.
  * llm-prices: a git clone, data/<vendor>.json at the commit.
  * litellm: the PyPI wheel (revision "litellm X"), litellm/model_prices_and_context_window_backup.json.

A row that is not in the copy is an error here, so a mistyped entry cannot produce an extract.
Nothing from those projects but the cited rows is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tokencost._data.rows import read_rows

OUT = ROOT / "tests" / "data" / "dataset_extracts"

# Which dataset each source of data/prices.yaml is, and what its rows look like.
FORMATS = {
    "dataset-genai-prices": "genai-prices",
    "dataset-llm-prices": "llm-prices",
    "dataset-litellm": "litellm",
}
DESCRIPTIONS = {
    "genai-prices": "pydantic/genai-prices: models of prices/providers/<provider>.yml, keyed '<provider>/<model id>'",
    "llm-prices": "simonw/llm-prices: models of data/<vendor>.json, keyed '<vendor>/<model id>'; a long-context "
                  "companion row ('<id>-200k', named '... >200k') is copied with its base row",
    "litellm": "BerriAI/litellm model_prices_and_context_window_backup.json, keyed by model name; only the "
               "*cost* keys are copied",
}


def dataset_format(source: str) -> str | None:
    """The format of a dataset source: the curated ids above, or the importers' 'dataset-<name>-<rev>'."""
    if source in FORMATS:
        return FORMATS[source]
    for fmt in ("genai-prices", "llm-prices", "litellm"):
        if source.startswith(f"dataset-{fmt}-"):
            return fmt
    return None


def slug(revision: str) -> str:
    """A file-name form of a revision: 'genai-prices 0.2.3' -> 'genai-prices-0.2.3', a commit -> 12 hex."""
    if revision.startswith("git "):
        return "git-" + revision[4:16]
    return revision.replace(" ", "-")


def _text(value: Any) -> Any:
    """Numbers as their exact decimal text; containers recursively; everything else unchanged."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, float):  # never produced by the readers below; refuse rather than round
        raise TypeError(f"float {value!r} reached the extract")
    if isinstance(value, dict):
        return {str(k): _text(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_text(v) for v in value]
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S") + ("Z" if value.tzinfo is not None else "")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _split(entry: str) -> tuple[str, str]:
    if "/" not in entry:
        raise SystemExit(f"entry {entry!r} must be '<provider>/<model id>'")
    provider, model = entry.split("/", 1)
    return provider, model


def _picked(fmt: str, row: dict[str, Any]) -> dict[str, Any]:
    """What of a row is copied: genai-prices' prices and variants, litellm's *cost* keys, llm-prices' whole row."""
    if fmt == "genai-prices":
        return {k: row[k] for k in ("id", "prices", "price_variants") if k in row}
    if fmt == "litellm":
        return {k: v for k, v in row.items() if "cost" in k and not isinstance(v, dict)}
    return row


def _llm_with_companions(rows: dict[str, Any], entry: str) -> dict[str, Any]:
    out = {entry: rows[entry]}
    for key, row in rows.items():
        if re.fullmatch(re.escape(entry) + r"-[0-9]+k", key):
            out[key] = row
    return out


# ---- driver -------------------------------------------------------------------------------------

def cited_rows() -> dict[tuple[str, str], set[str]]:
    """(source id, revision) -> entries cited, from the validated data/prices.yaml."""
    from tokencost._catalog.loader import load_merged

    merged = load_merged(None)  # prices.yaml and every data/prices/<provider>.yaml
    wanted: dict[tuple[str, str], set[str]] = {}
    owners = [c for m in merged.models.values() for v in m.versions for c in v.citations]
    owners += [c for p in merged.policies for c in p.citations]
    for c in owners:
        src = merged.sources[c.source]
        if src.kind != "dataset":
            continue
        if dataset_format(c.source) is None:
            raise SystemExit(f"no reader for dataset source {c.source!r}; add it to FORMATS")
        assert c.entry is not None and src.revision is not None  # the loader requires both
        wanted.setdefault((c.source, c.revision or src.revision), set()).add(c.entry)
    return wanted


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--genai-prices-wheel", type=Path, action="append", default=[])
    ap.add_argument("--genai-prices-git", type=Path)
    ap.add_argument("--llm-prices-git", type=Path)
    ap.add_argument("--litellm-wheel", type=Path, action="append", default=[])
    args = ap.parse_args(argv)

    wheels: dict[str, tuple[str, dict[str, Any]]] = {}
    for fmt, paths in (("genai-prices", args.genai_prices_wheel), ("litellm", args.litellm_wheel)):
        for w in paths:
            copy = read_rows(fmt, w)
            wheels[copy.revision] = (copy.read_from, copy.rows)

    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    for (source, revision), entries in sorted(cited_rows().items()):
        fmt = dataset_format(source)
        if revision.startswith("git "):
            git_dir = args.genai_prices_git if fmt == "genai-prices" else args.llm_prices_git
            if fmt == "litellm" or git_dir is None:
                raise SystemExit(f"{source} at {revision}: pass the git clone of the {fmt} repository")
            copy = read_rows(fmt, git_dir, commit=revision[4:], providers={_split(e)[0] for e in entries})
            rows, read_from = copy.rows, copy.read_from
        else:
            if revision not in wheels:
                raise SystemExit(f"{source} at {revision}: pass that release's wheel")
            read_from, rows = wheels[revision]
        missing = sorted(e for e in entries if e not in rows)
        if missing:
            raise SystemExit(f"{source} at {revision} has no row {missing}")
        picked: dict[str, Any] = {}
        for e in sorted(entries):
            picked.update(_llm_with_companions(rows, e) if fmt == "llm-prices" else {e: _picked(fmt, rows[e])})
        doc = {
            "source": source,
            "format": fmt,
            "dataset": DESCRIPTIONS[fmt],
            "revision": revision,
            "read_from": read_from,
            "generated_by": "tools/extract_datasets.py (numbers kept as the dataset's decimal text)",
            "rows": _text(picked),
        }
        path = OUT / f"{source}@{slug(revision)}.json"
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(path)
        written.append(path)
    stale = sorted(set(OUT.glob("*.json")) - set(written))
    for p in stale:  # an extract no citation uses any more would only mislead
        p.unlink()
    for p in written:
        print(p.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
