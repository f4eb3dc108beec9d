"""Merge data/_fragments/[0-9]*.yaml into data/prices.yaml, keeping comments and layout.

Fragments are complete price documents written in parallel (one per provider).
Shared dataset sources are defined once here; a model defined in two fragments
gets the later fragment's versions appended. The result is validated by loading.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("sources", "exchange_rates", "policies", "models")
HEADER = """\
# tokencost price tables. Schema: src/tokencost/_catalog/schema.py (JSON Schema: data/prices.schema.json).
# Rates are per million tokens in the version's currency; numbers are read as exact decimals.
# Versions are append-only history: a price change closes the old version (effective_to) and adds a new one.
# Intervals are half-open [effective_from, effective_to) in UTC. Official versions of a model never overlap
# (per currency); promotional versions may overlap them and win while in effect; reported/rumored figures are
# what articles say, each with the verbatim quote, and are never used unless asked for as MODEL@VERSION.
schema_version: 1
"""
SHARED = {
    "dataset-genai-prices": '    kind: dataset\n    title: "pydantic/genai-prices (prices/providers/*.yml)"\n'
                            "    url: https://github.com/pydantic/genai-prices\n",
    "dataset-llm-prices": '    kind: dataset\n    title: "simonw/llm-prices (data/*.json)"\n'
                          "    url: https://github.com/simonw/llm-prices\n",
    "dataset-litellm": '    kind: dataset\n    title: "BerriAI/litellm model_prices_and_context_window.json"\n'
                       "    url: https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json\n",
}


def sections(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    cur = None
    for line in text.splitlines(keepends=True):
        m = re.match(r"^([a-z_]+):\s*(.*)$", line)
        if m and not line.startswith(" "):
            cur = m.group(1)
            out.setdefault(cur, [])
            if m.group(2).strip() not in ("", "{}", "[]"):
                raise SystemExit(f"inline section {cur} not supported")
            continue
        if cur is not None:
            out[cur].append(line)
    return out


def entries(lines: list[str]) -> list[tuple[str | None, list[str]]]:
    """Split a mapping section into (key, lines) by its 2-space keys."""
    out: list[tuple[str | None, list[str]]] = []
    pending: list[str] = []
    for line in lines:
        m = re.match(r"^  ([^\s#][^:]*):\s*$", line)
        if m:
            out.append((m.group(1), pending + [line]))
            pending = []
        elif out and not (line.strip().startswith("#") and not line.startswith("   ")):
            out[-1][1].append(line)
        else:
            pending.append(line)
    return out


def main() -> None:
    frags = sorted(p for p in (ROOT / "data/_fragments").glob("[0-9]*.yaml"))
    src, rates, pols, models = [], [], [], {}
    order: list[str] = []
    seen_src = set(SHARED)
    for p in frags:
        sec = sections(p.read_text())
        for key, lines in entries(sec.get("sources", [])):
            if key in seen_src:
                continue
            seen_src.add(key)
            src += lines
        rates += sec.get("exchange_rates", [])
        pols += sec.get("policies", [])
        for key, lines in entries(sec.get("models", [])):
            if key in models:
                body = "".join(lines)
                idx = body.index("    versions:\n") + len("    versions:\n")
                models[key] = models[key] + [body[idx:]]
            else:
                models[key] = lines
                order.append(key)
    text = HEADER + "\nsources:\n"
    text += "".join(f"  {k}:\n{v}" for k, v in SHARED.items()) + "".join(src)
    text += "\nexchange_rates:\n" + "".join(rates) if rates else ""
    text += "\npolicies:\n" + "".join(pols)
    text += "\nmodels:\n" + "".join("".join(models[k]) for k in order)
    out = ROOT / "data/prices.yaml"
    out.write_text(text)
    sys.path.insert(0, str(ROOT / "src"))
    from tokencost import load_catalog
    cat = load_catalog(out)
    print(cat)


if __name__ == "__main__":
    main()
