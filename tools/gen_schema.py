"""Write data/prices.schema.json, the JSON Schema of prices.yaml, from the pydantic models.

    python tools/gen_schema.py           # (re)write data/prices.schema.json
    python tools/gen_schema.py --check   # exit 1 if the file is stale

The pydantic models in src/tokencost/_catalog/schema.py are the source of truth; this file is
generated from them so editors and other tools can validate price files. tests/test_packaging.py
fails when it is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "prices.schema.json"


def render() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from tokencost._catalog.schema import PriceFile

    return json.dumps(PriceFile.model_json_schema(), indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run python tools/gen_schema.py", file=sys.stderr)
            return 1
        print(f"{OUT.relative_to(ROOT)} is up to date")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
