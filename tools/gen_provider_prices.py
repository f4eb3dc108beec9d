"""Write data/prices/<provider>.yaml from the public datasets, through tokencost's own importers.

    python tools/gen_provider_prices.py --genai-prices-git /work/.mirror/pydantic+genai-prices/repo \\
        --litellm-json litellm/model_prices_and_context_window_backup.json --litellm-revision "litellm 1.110.2" \\
        --as-of 2026-12-01 [--force]

What it does, and why:
  * Current prices come from the installed genai-prices (pinned in the test extra, so the cross-check
    test reads the same copy) and, for Alibaba's Qwen models (genai-prices has no DashScope provider),
    from litellm's dashscope rows.
  * A price genai-prices gives without a start date is dated by the dataset's git history: the first
    commit from which on every later commit lists the row at that same price (``first_seen``). Where the
    history never shows it (added after the last commit read), the version starts on --as-of: the
    citation vouches for nothing earlier.
  * Models curated in data/prices.yaml (ids and aliases) are left out: their histories live there.
  * Files that exist are kept unless --force. Hand-curated models and sources (official citations,
    histories the datasets cannot express) live in tools/curated/<provider>.yaml and are merged into the
    provider's file; a curated model replaces a generated one of the same id.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import re
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tokencost._catalog.loader import load_merged
from tokencost._data import importers as imp
from tokencost._yaml import load_yaml

OPENROUTER_VENDORS = frozenset({"openai", "anthropic", "google", "deepseek", "x-ai", "mistralai", "qwen", "moonshotai",
                                "z-ai", "minimax", "amazon", "cohere", "meta-llama", "meta"})
# Vertex pins a model version with '@': '@20240620', '@001' and '@latest' are read as names by the catalog,
# any other '@' suffix ('@default', '@2407') as a price-version pin, so those rows cannot be ids here
# ('@default' rows restate the unpinned row; the few '@2407'-style Mistral snapshots are left out, said below).
_VERTEX_NAME_AT = re.compile(r"@(?:\d{8}|\d{3}|latest)$")


def _vertex_id(mid: str) -> bool:
    return "@" not in mid or bool(_VERTEX_NAME_AT.search(mid))


# genai-prices' deepseek file holds three rows its OpenRouter sync added (commit cee9e74c, 2026-06-15, "sync
# models from OpenRouter API"): OpenRouter's prices (deepseek-v3.2 at 0.2288 / 0.3432), under ids DeepSeek's
# API never served (it served V3.x as deepseek-chat / deepseek-reasoner). They are OpenRouter's offer, and
# openrouter.yaml prices them as such ('openrouter/deepseek/deepseek-v3.2'); found by the litellm cross-check.
NOT_DEEPSEEKS_OWN = frozenset({"deepseek-v3.1-terminus", "deepseek-v3.2", "deepseek-v3.2-exp"})
# our provider id -> (dataset, dataset provider ids, keep(model id) or None)
PLAN: dict[str, tuple[str, tuple[str, ...], Any]] = {
    "openai": ("genai-prices", ("openai",), None),
    "anthropic": ("genai-prices", ("anthropic",), None),
    "google": ("genai-prices", ("google",), None),
    "deepseek": ("genai-prices", ("deepseek",), lambda mid: mid not in NOT_DEEPSEEKS_OWN),
    "xai": ("genai-prices", ("x-ai",), None),
    "mistral": ("genai-prices", ("mistral",), None),
    "moonshot": ("genai-prices", ("moonshotai",), None),
    "zhipu": ("genai-prices", ("zai",), None),
    "minimax": ("genai-prices", ("minimax",), None),
    "cohere": ("genai-prices", ("cohere",), None),
    "meta": ("genai-prices", ("meta",), None),
    "aws-bedrock": ("genai-prices", ("aws",), None),
    "groq": ("genai-prices", ("groq",), None),
    "together": ("genai-prices", ("together",), None),
    "fireworks": ("genai-prices", ("fireworks",), None),
    "alibaba": ("litellm", ("dashscope",), lambda mid: mid.lower().startswith(("qwen", "qwq", "qvq"))),
    # Azure: genai-prices' few rows (dated by its history), the rest of Azure's list from litellm (SUPPLEMENTS)
    "azure": ("genai-prices", ("azure",), None),
    # Vertex has no genai-prices provider of its own: litellm's rows
    "vertex": ("litellm", tuple(k for k, v in imp.PROVIDERS["litellm"].items() if v == "vertex"), _vertex_id),
    # OpenRouter resells hundreds of models: those of the vendors the tables cover (its '~' ids are aliases)
    "openrouter": ("genai-prices", ("openrouter",), lambda mid: mid.split("/")[0] in OPENROUTER_VENDORS),
}
# A second dataset's rows added to a provider's file for models the first does not price (never replacing
# one it does): genai-prices 0.2.3 lacks Bedrock's global cross-Region profiles of the newest Claude models,
# and without them the name matcher reads 'global.anthropic.claude-fable-5' as the in-Region id, priced
# with the regional endpoints' 10% premium. litellm prices those profiles.
SUPPLEMENTS: dict[str, tuple[str, Any]] = {
    "aws-bedrock": ("litellm", lambda mid: mid.startswith("global.anthropic.")),
    # litellm's Azure OpenAI ('azure/...') and Azure AI Foundry ('azure_ai/...', Meta Llama and the other
    # vendors) rows, for the models genai-prices' 23 Azure rows do not cover
    "azure": ("litellm", None),
}
# A host's row takes the vendor's product name ("Claude Haiku 4.5", OpenRouter's "R1"); as a display name it
# would also be a prose spelling the claim extractor reads as that model, so the host is named in it.
HOST_NAMES = {"openrouter": "OpenRouter", "azure": "Azure", "aws-bedrock": "Bedrock", "groq": "Groq",
              "together": "Together", "fireworks": "Fireworks", "vertex": "Vertex"}
HEADERS = {
    "aws-bedrock": "Amazon Bedrock on-demand prices (us-east-1 list): Amazon Nova, Meta Llama and the other\n"
                   "vendors' models Bedrock sells; ids as Bedrock spells them, prefixed 'aws-bedrock/'.",
    "groq": "Groq's prices for the open models it hosts (Meta Llama and others), ids prefixed 'groq/'.",
    "together": "Together AI's prices for the open models it hosts, ids prefixed 'together/'.",
    "fireworks": "Fireworks AI's prices for the open models it hosts, ids prefixed 'fireworks/'.",
    "alibaba": "Alibaba Cloud Model Studio (DashScope, international) USD prices of the Qwen models.",
    "zhipu": "Z.ai (Zhipu) international USD prices of the GLM models.",
    "azure": "Microsoft Azure's prices (Azure OpenAI and Azure AI Foundry models: OpenAI, Meta Llama, Phi and the\n"
             "other vendors' models Azure sells), ids prefixed 'azure/'. A deployment scope litellm prices apart\n"
             "is its own id: 'azure/eu/...', 'azure/us/...' (Data Zone), 'azure/global/...', 'azure/us-gov/...'.",
    "vertex": "Google Cloud Vertex AI's prices: Gemini as Vertex sells it, and the Anthropic, Meta Llama, Mistral and\n"
              "other partner models of its Model Garden, ids prefixed 'vertex/'.",
    "openrouter": "OpenRouter's prices for the models of the vendors these tables cover (Meta Llama and the others),\n"
                  "ids as OpenRouter spells them, prefixed 'openrouter/'.",
}


def _norm(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        return imp._decimal_text(Decimal(str(value)))
    return str(value)


TOKEN_KEYS = ("input_mtok", "cache_read_mtok", "cache_write_mtok", "output_mtok")


def _undated(prices: Any) -> Any:
    """The token rates of the row's price that has no start date (a plain price, else its unconditioned
    entry). Only the token rates are compared: a fee the dataset added later (web search, say) does not
    make an old token price new."""
    if isinstance(prices, list):
        prices = next((p.get("prices") for p in prices if not p.get("constraint")), None)
    if not prices:
        return None
    return _norm({k: v for k, v in prices.items() if k in TOKEN_KEYS}) or None


def first_seen(git_dir: Path, providers: list[str], current: dict[str, Any]) -> dict[str, dt.date]:
    """entry -> date of the first commit from which on the history lists the row at its current undated price."""
    from tokencost._yaml import load_yaml_text
    out: dict[str, dt.date] = {}
    for prov in providers:
        log = subprocess.run(["git", "--git-dir", str(git_dir), "log", "--reverse", "--format=%H %cI", "--",
                              f"prices/providers/{prov}.yml"], capture_output=True, text=True, check=True).stdout
        since: dict[str, dt.date | None] = {}
        for line in log.splitlines():
            sha, when = line.split()
            try:
                text = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{sha}:prices/providers/{prov}.yml"],
                                      capture_output=True, text=True, check=True).stdout
                doc = load_yaml_text(text)
            except Exception:  # noqa: BLE001 - a commit that deleted or broke the file: the row is not listed
                doc = {}
            rows = {f"{prov}/{m['id']}": _undated(m.get("prices")) for m in (doc or {}).get("models") or ()}
            day = dt.datetime.fromisoformat(when).astimezone(dt.UTC).date()
            for entry, cur in current.items():
                if not entry.startswith(prov + "/"):
                    continue
                if rows.get(entry) == cur and cur is not None:
                    since.setdefault(entry, day)
                    if since[entry] is None:
                        since[entry] = day
                else:
                    since[entry] = None
        out.update({e: d for e, d in since.items() if d is not None})
    return out


def _plain_doc(value: Any) -> Any:
    """A loaded YAML document as plain dicts/lists; rates and lists of scalars written on one line."""
    if isinstance(value, dict):
        out = {k: _plain_doc(v) for k, v in value.items()}
        if out and all(not isinstance(v, (dict, list)) for v in out.values()) and set(out) <= {
                "input", "cached_input", "cache_write", "output"}:
            return imp._Flow(out)
        return out
    if isinstance(value, list):
        items = [_plain_doc(v) for v in value]
        return imp._FlowList(items) if all(not isinstance(v, (dict, list)) for v in items) else items
    return value


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--genai-prices-git", type=Path, required=True)
    ap.add_argument("--litellm-json", type=Path, required=True)
    ap.add_argument("--litellm-revision", required=True)
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--force", action="store_true")
    args = ap.parse_args(argv)
    as_of = dt.date.fromisoformat(args.as_of)

    from genai_prices import data  # the installed release
    gp_ids = sorted({p for ds, ps, _ in PLAN.values() if ds == "genai-prices" for p in ps})
    current = {f"{p.id}/{m.id}": _undated(imp._genai_plain(m.prices)) for p in data.providers if p.id in gp_ids
               for m in p.models}
    seen = first_seen(args.genai_prices_git, gp_ids, current)
    head = subprocess.run(["git", "--git-dir", str(args.genai_prices_git), "log", "-1", "--format=%H %cI"],
                          capture_output=True, text=True, check=True).stdout.split()
    print(f"first_seen: {len(seen)} of {len(current)} rows dated from genai-prices history up to {head}",
          file=sys.stderr)

    results = {"genai-prices": imp.import_prices("genai-prices", as_of=as_of, first_seen=seen),
               "litellm": imp.import_prices("litellm", args.litellm_json, as_of=as_of, revision=args.litellm_revision)}
    curated = load_merged([ROOT / "data" / "prices.yaml"])
    taken = [n for mid, m in curated.models.items() for n in (mid, *m.aliases)]
    outdir = ROOT / "data" / "prices"
    outdir.mkdir(exist_ok=True)
    total = 0
    for ours, (ds, _, keep) in PLAN.items():
        res = results[ds]
        if keep is not None:
            dropped = [r.entry for r in res.rows if r.provider == ours and not keep(r.model_id.removeprefix(ours + "/"))]
            res.rows = [r for r in res.rows if r.provider != ours or keep(r.model_id.removeprefix(ours + "/"))]
            if dropped and ours in ("vertex", "deepseek"):  # the other filters choose a vendor's models, this one drops ids
                print(f"{ours}: {len(dropped)} row(s) of {ds} left out by the plan's filter: {', '.join(dropped)}",
                      file=sys.stderr)
        header = HEADERS.get(ours, "")
        header += ("\n" if header else "") + (
            "Generated by tools/gen_provider_prices.py from the dataset named in each citation; dates of\n"
            "undated prices from the dataset's git history (see each version's note).")
        doc = res.document(ours, exclude=taken)
        if ours in SUPPLEMENTS:
            ds2, keep2 = SUPPLEMENTS[ours]
            res2 = results[ds2]
            rows2 = [r for r in res2.rows if r.provider == ours
                     and (keep2 is None or keep2(r.model_id.removeprefix(ours + "/")))]
            names = taken + [n for mid, m in doc["models"].items() for n in (mid, *m.get("aliases", ()))]
            extra2 = dataclasses.replace(res2, rows=rows2).document(ours, exclude=names)
            if ours == "aws-bedrock":
                # Bedrock's own id ('global.anthropic.claude-fable-5') is what a user types: litellm writes it
                # without a provider prefix, so it is no alias of ours unless said (as genai-prices' rows have it)
                for mid, model in list(extra2["models"].items()):
                    aliases = imp._FlowList([*model.pop("aliases", ()), mid.removeprefix("aws-bedrock/")])
                    extra2["models"][mid] = {"provider": model.pop("provider"), "aliases": aliases, **model}
            if extra2["models"]:
                doc["sources"].update(extra2["sources"])
                doc["models"].update(extra2["models"])
                added = sorted(extra2["models"])
                listed = ": " + ", ".join(added) if len(added) <= 12 else " (each cites its row)"
                header += "\n" + textwrap.fill(f"{len(added)} models {res.dataset} lacks, from {res2.revision}"
                                               + listed + ".", 108, break_on_hyphens=False)
        if ours in HOST_NAMES:
            for model in doc["models"].values():
                if "display_name" in model:
                    model["display_name"] = f"{model['display_name']} ({HOST_NAMES[ours]})"
        curated_part = ROOT / "tools" / "curated" / f"{ours}.yaml"
        if curated_part.exists():
            extra = _plain_doc(load_yaml(curated_part))
            doc["sources"].update(extra.get("sources", {}))
            for mid, model in extra.get("models", {}).items():
                doc["models"][mid] = model
            header += f"\nCurated entries (official citations, histories) from tools/curated/{ours}.yaml."
        lines = ["# yaml-language-server: $schema=../prices.schema.json",
                 f"# {ours}: prices imported from {res.revision} (read {as_of}) by tools/gen_provider_prices.py."]
        lines += [f"# {h}" for h in header.splitlines()]
        text = "\n".join(lines) + "\n" + imp.dump_yaml(doc)
        load_merged([ROOT / "data" / "prices.yaml"], texts=[(f"{ours}.yaml", text)])  # valid with the rest
        n = len(doc["models"])
        taken += [n for mid, m in doc["models"].items() for n in (mid, *m.get("aliases", ()))]
        total += n
        path = outdir / f"{ours}.yaml"
        imp.write_price_file(path, text, force=args.force)
        print(f"{path.relative_to(ROOT)}: {n} models", file=sys.stderr)
    print(f"{total} models in {len(PLAN)} provider files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
