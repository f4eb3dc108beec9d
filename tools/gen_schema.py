"""Write data/prices.schema.json and data/claims.schema.json, the JSON Schemas of price and claim
files, from the pydantic models.

    python tools/gen_schema.py           # (re)write both
    python tools/gen_schema.py --check   # exit 1 if either is stale

The pydantic models (src/tokencost/_catalog/schema.py, src/tokencost/_claims/schema.py) are the
source of truth; these files are generated from them so editors and other tools can validate
price and claim files. tests/test_packaging.py fails when one is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "prices.schema.json"
CLAIMS_OUT = ROOT / "data" / "claims.schema.json"


def render(which: str = "prices") -> str:
    sys.path.insert(0, str(ROOT / "src"))
    if which == "claims":
        from tokencost._claims.schema import ClaimFile

        return json.dumps(ClaimFile.model_json_schema(), indent=2, sort_keys=True) + "\n"
    from tokencost._catalog.schema import PriceFile

    return json.dumps(PriceFile.model_json_schema(), indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    status = 0
    for which, out in (("prices", OUT), ("claims", CLAIMS_OUT)):
        text = render(which)
        if "--check" in argv:
            current = out.read_text(encoding="utf-8") if out.exists() else ""
            if current != text:
                print(f"{out.relative_to(ROOT)} is stale: run python tools/gen_schema.py", file=sys.stderr)
                status = 1
            else:
                print(f"{out.relative_to(ROOT)} is up to date")
            continue
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)} ({len(text)} bytes)")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
