"""Write the litellm rows the cross-check compares to tests/data/crosscheck_extracts/, so the test can run it offline.

    pip download --no-deps litellm==1.110.2 && unzip -o litellm-1.110.2-*.whl \\
        litellm/model_prices_and_context_window_backup.json
    python tools/extract_crosscheck_rows.py litellm/model_prices_and_context_window_backup.json \\
        --revision "litellm 1.110.2" --as-of 2026-12-01

litellm's price file is 3.5 MB and is not a dependency of tokencost. tests/test_crosscheck_litellm.py needs
only the rows the cross-check compares with one of our models (the same provider, a name that resolves to
it): this script runs the cross-check against the whole file with the bundled tables and keeps exactly
those rows, and of each row only what the importer reads (``litellm_provider``, ``mode`` and the numeric
``*cost*`` keys), numbers as the file's own decimal text. Rows our tables cite from this same copy (Azure,
Vertex, Qwen, Bedrock's global profiles) are left out: they agree by construction, and
tests/test_dataset_citations.py checks each of their figures against the row. A row the tables gain a
model for later is not in the extract until this is run again.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tokencost._data.crosscheck import crosscheck
from tokencost._data.importers import import_prices, write_price_file

OUT = ROOT / "tests" / "data" / "crosscheck_extracts"


def _kept(row: dict) -> dict:
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in row.items()
            if k in ("litellm_provider", "mode") or ("cost" in k and isinstance(v, (int, Decimal))
                                                     and not isinstance(v, bool))}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--revision", required=True)
    ap.add_argument("--as-of", required=True)
    args = ap.parse_args(argv)
    peer = import_prices("litellm", args.path, as_of=args.as_of, revision=args.revision)
    report = crosscheck("litellm", peer=peer)
    lacking = {m.entry for m in report.missing}
    # a row our tables cite from this very copy agrees by construction (tests/test_dataset_citations.py
    # holds every such figure to the row): only the rows of the other sources are worth the bytes
    from tokencost._catalog.catalog import load_catalog
    cat = load_catalog()
    cited = {c.entry for m in cat.models.values() for v in m.versions for c in v.citations
             if c.entry and (c.revision or cat.sources[c.source].revision) == args.revision}
    compared = [r.entry for r in peer.rows if r.entry not in lacking and r.entry not in cited]
    doc = json.loads(args.path.read_text(encoding="utf-8"), parse_float=Decimal)
    out = {
        "dataset": "BerriAI/litellm model_prices_and_context_window_backup.json",
        "revision": args.revision,
        "read_on": args.as_of,
        "generated_by": "tools/extract_crosscheck_rows.py: the rows the cross-check compares with the bundled "
                        "tables; of each, litellm_provider, mode and the *cost* keys",
        "compared": report.compared,
        "left_out_as_cited_from_this_copy": len([r for r in peer.rows if r.entry not in lacking]) - len(compared),
        "rows": {e: _kept(doc[e]) for e in sorted(compared)},
    }
    OUT.mkdir(parents=True, exist_ok=True)
    name = OUT / f"{args.revision.replace(' ', '-')}.json"
    # one row per line: small diffs when the tables or the dataset change
    lines = [f"  {json.dumps(k)}: {json.dumps(v, sort_keys=True)}" for k, v in out["rows"].items()]
    head = {k: v for k, v in out.items() if k != "rows"}
    text = "{\n" + "".join(f"  {json.dumps(k)}: {json.dumps(v)},\n" for k, v in head.items())
    text += '  "rows": {\n' + ",\n".join("  " + line for line in lines) + "\n  }\n}\n"
    write_price_file(name, text, force=True)
    name.chmod(0o644)
    print(f"{name.relative_to(ROOT)}: {len(compared)} rows, {report.compared} of our models compared; "
          f"{report.summary()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
