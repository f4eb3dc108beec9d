"""Write data/prices/<provider>.yaml from the public datasets, through tokencost's own importers.

    python tools/gen_provider_prices.py --genai-prices-git /work/.mirror/pydantic+genai-prices/repo \\
        --llm-prices-git /work/.mirror/simonw+llm-prices/repo \\
        --litellm-json litellm/model_prices_and_context_window_backup.json --litellm-revision "litellm 1.110.2" \\
        --as-of 2026-12-01 [--force]

(the git directories are bare mirrors, e.g. from ``git clone --mirror``; litellm's JSON is in its wheel:
``pip download --no-deps litellm==1.110.2`` and unzip it).

What it does, and why:
  * Current prices come from the installed genai-prices (pinned in the test extra, so the cross-check
    test reads the same copy) and, for Alibaba's Qwen models (genai-prices has no DashScope provider),
    from litellm's dashscope rows.
  * A price a dataset gives without a start date is placed at its earliest dated evidence, cited by
    commit: the first commit of genai-prices' history from which on every later commit lists the row at
    those token rates, or of llm-prices' history listing the model (same provider and id) at the same
    token rates, whichever is earlier. Where llm-prices states the price's start (from_date), that is
    a known start; every other such version says ``effective_from_known: false`` (the price may have
    started before its evidence). Where no history shows the price (added after the last commit read),
    the version starts on --as-of, also with ``effective_from_known: false``. litellm's history is not
    read (its repository is too large to mirror here): its rows are dated by llm-prices or not at all.
  * Models curated in data/prices.yaml (ids and aliases) are left out: their histories live there.
  * Files that exist are kept unless --force. Hand-curated models and sources (official citations,
    histories the datasets cannot express) live in tools/curated/<provider>.yaml and are merged into the
    provider's file; a curated model replaces a generated one of the same id.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tokencost._catalog.loader import load_merged, normalize_name
from tokencost._data import importers as imp
from tokencost._data.importers import Evidence
from tokencost._data.mapping import our_id, our_provider
from tokencost._data.provenance import Flow, FlowList, decimal_text, dump_yaml, write_price_file
from tokencost._data.rows import read_rows
from tokencost._yaml import load_yaml

# our provider id -> (dataset, dataset provider ids, keep(model id) or None)
PLAN: dict[str, tuple[str, tuple[str, ...], Any]] = {
    "openai": ("genai-prices", ("openai",), None),
    "anthropic": ("genai-prices", ("anthropic",), None),
    "google": ("genai-prices", ("google",), None),
    "deepseek": ("genai-prices", ("deepseek",), None),
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
}
HEADERS = {
    "aws-bedrock": "Amazon Bedrock on-demand prices (us-east-1 list): Amazon Nova, Meta Llama and the other\n"
                   "vendors' models Bedrock sells; ids as Bedrock spells them, prefixed 'aws-bedrock/'.",
    "groq": "Groq's prices for the open models it hosts (Meta Llama and others), ids prefixed 'groq/'.",
    "together": "Together AI's prices for the open models it hosts, ids prefixed 'together/'.",
    "fireworks": "Fireworks AI's prices for the open models it hosts, ids prefixed 'fireworks/'.",
    "alibaba": "Alibaba Cloud Model Studio (DashScope, international) USD prices of the Qwen models.",
    "zhipu": "Z.ai (Zhipu) international USD prices of the GLM models.",
}


def _norm(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        return decimal_text(Decimal(str(value)))
    return str(value)


TOKEN_KEYS = ("input_mtok", "cache_read_mtok", "cache_write_mtok", "output_mtok")
TOKEN_UNITS = ("input", "cached_input", "cache_write", "output")


def _undated(prices: Any) -> Any:
    """The token rates of the row's price that has no start date (a plain price, else its unconditioned
    entry). Only the token rates are compared: a fee the dataset added later (web search, say) does not
    make an old token price new."""
    if isinstance(prices, list):
        prices = next((p.get("prices") for p in prices if not p.get("constraint")), None)
    if not prices:
        return None
    return _norm({k: v for k, v in prices.items() if k in TOKEN_KEYS}) or None


def _git(git_dir: Path, *args: str, stdin: str | None = None) -> str:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], input=stdin, capture_output=True, text=True,
                          check=True).stdout


def _blobs(git_dir: Path, shas: set[str]) -> dict[str, str]:
    """The text of many blobs, read by one ``git cat-file --batch``."""
    out = subprocess.run(["git", "--git-dir", str(git_dir), "cat-file", "--batch"], input=("\n".join(sorted(shas)) + "\n").encode(),
                         capture_output=True, check=True).stdout
    texts, i = {}, 0
    while i < len(out):
        nl = out.index(b"\n", i)
        sha, _, size = out[i:nl].decode().split()
        texts[sha] = out[nl + 1:nl + 1 + int(size)].decode("utf-8")
        i = nl + 1 + int(size) + 1
    return texts


def history(git_dir: Path, folder: str, suffix: str, parse: Any) -> list[tuple[str, dt.date, dict[str, Any]]]:
    """(commit, UTC date, {entry: price}) for every commit touching ``folder``, oldest first. ``parse(text)``
    gives a file's {entry: price}; a file is read once per distinct content (blob)."""
    commits = [line.split() for line in _git(git_dir, "log", "--reverse", "--format=%H %cI", "--", folder).splitlines()]
    trees = {}
    for sha, _ in commits:
        rows = [line.split(None, 3) for line in _git(git_dir, "ls-tree", f"{sha}:{folder}").splitlines()]
        trees[sha] = [r[2] for r in rows if r[1] == "blob" and r[3].endswith(suffix)]
    texts = _blobs(git_dir, {b for blobs in trees.values() for b in blobs})
    parsed: dict[str, dict[str, Any]] = {}
    out = []
    for sha, when in commits:
        rows: dict[str, Any] = {}
        for b in trees[sha]:
            if b not in parsed:
                try:
                    parsed[b] = parse(texts[b])
                except Exception:  # noqa: BLE001 - a broken file in some commit: its rows are not listed then
                    parsed[b] = {}
            rows.update(parsed[b])
        out.append((sha, dt.datetime.fromisoformat(when).astimezone(dt.UTC).date(), rows))
    return out


def first_listed(hist: list[tuple[str, dt.date, dict[str, Any]]], current: dict[str, Any]) -> dict[str, tuple[str, dt.date]]:
    """entry -> (commit, date) of the first commit from which on every later commit lists the row at ``current[entry]``."""
    since: dict[str, tuple[str, dt.date] | None] = {}
    for sha, day, rows in hist:
        for entry, cur in current.items():
            if cur is not None and rows.get(entry) == cur:
                if since.get(entry) is None:
                    since[entry] = (sha, day)
            else:
                since[entry] = None
    return {e: s for e, s in since.items() if s is not None}


def _genai_file(providers: set[str]) -> Any:
    from tokencost._yaml import load_yaml_text

    def parse(text: str) -> dict[str, Any]:
        m = re.search(r"^id: *['\"]?([^'\"\s]+)", text, re.MULTILINE)
        if not m or m.group(1) not in providers:
            return {}
        doc = load_yaml_text(text) or {}
        return {f"{doc['id']}/{r['id']}": r for r in doc.get("models") or ()}
    return parse


def _llm_file(text: str) -> dict[str, Any]:
    doc = json.loads(text, parse_float=Decimal)
    return {f"{doc.get('vendor')}/{m['id']}": m for m in doc.get("models") or ()}


def genai_evidence(git_dir: Path, providers: list[str], current: dict[str, Any]) -> dict[str, Evidence]:
    """entry -> the first commit of genai-prices' history from which on it lists the row at its current
    undated token rates (``current``: entry -> genai row)."""
    hist = history(git_dir, "prices/providers", ".yml", _genai_file(set(providers)))
    want = {e: _undated(r.get("prices")) for e, r in current.items()}
    seen = first_listed([(s, d, {e: _undated(r.get("prices")) for e, r in rows.items()}) for s, d, rows in hist], want)
    head = _git(git_dir, "rev-parse", "HEAD").strip()
    out = {}
    for entry, (sha, day) in seen.items():
        # the base token rates: the citation check reads "tiers" as every unit's tiers, and the history
        # is compared on the token units only
        units = tuple(GENAI_UNIT[k] for k in TOKEN_KEYS if k in want[entry])
        out[entry] = Evidence(day, "genai-prices", f"git {sha}", entry, units, f"git {head}")
    return out


GENAI_UNIT = dict(zip(TOKEN_KEYS, TOKEN_UNITS))


def _llm_current(row: Any) -> tuple[Any, Any] | None:
    """(from_date, {unit: rate}) of an llm-prices row's open-ended price, else None."""
    open_ = [p for p in row.get("price_history") or () if not p.get("to_date")]
    if len(open_) != 1:
        return None
    p = open_[0]
    rates = {u: _norm(Decimal(str(p[k]))) for k, u in (("input", "input"), ("input_cached", "cached_input"),
                                                         ("output", "output")) if p.get(k) is not None}
    return p.get("from_date"), rates


def llm_evidence(git_dir: Path, ours: dict[str, tuple[str, dict[str, str]]]) -> dict[str, Evidence]:
    """Our undated rows dated by llm-prices: ``ours`` maps our dataset entry -> (llm-prices entry, our token
    rates). A row counts when llm-prices lists the same token units at the same rates (llm-prices states no
    cache writes, so a row with one is not dated by it). Its stated from_date is a known start; else the
    first commit from which on it lists the price is the earliest evidence."""
    hist = history(git_dir, "data", ".json", _llm_file)
    head = _git(git_dir, "rev-parse", "HEAD").strip()
    wanted = {llm for llm, _ in ours.values()}
    full = [(s, d, {e: _llm_current(r) for e, r in rows.items() if e in wanted}) for s, d, rows in hist]
    rates_only = [(s, d, {e: c[1] if c else None for e, c in rows.items()}) for s, d, rows in full]
    last = full[-1][2] if full else {}
    out = {}
    for entry, (llm_entry, rates) in ours.items():
        cur = last.get(llm_entry)
        if cur is None or cur[1] != rates:
            continue
        fields = tuple(u for u in TOKEN_UNITS if u in rates)
        if cur[0]:  # the dataset states the start
            sha, _ = first_listed(full, {llm_entry: cur})[llm_entry]
            out[entry] = Evidence(dt.date.fromisoformat(str(cur[0])), "llm-prices", f"git {sha}", llm_entry, fields,
                                  f"git {head}", start_known=True)
        else:
            sha, day = first_listed(rates_only, {llm_entry: rates})[llm_entry]
            out[entry] = Evidence(day, "llm-prices", f"git {sha}", llm_entry, fields, f"git {head}")
    return out


def _plain_doc(value: Any) -> Any:
    """A loaded YAML document as plain dicts/lists; rates and lists of scalars written on one line."""
    if isinstance(value, dict):
        out = {k: _plain_doc(v) for k, v in value.items()}
        if out and all(not isinstance(v, (dict, list)) for v in out.values()) and set(out) <= {
                "input", "cached_input", "cache_write", "output"}:
            return Flow(out)
        return out
    if isinstance(value, list):
        items = [_plain_doc(v) for v in value]
        return FlowList(items) if all(not isinstance(v, (dict, list)) for v in items) else items
    return value


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--genai-prices-git", type=Path, required=True)
    ap.add_argument("--llm-prices-git", type=Path, help="simonw/llm-prices git directory: dates undated rows")
    ap.add_argument("--litellm-json", type=Path, required=True)
    ap.add_argument("--litellm-revision", required=True)
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--force", action="store_true")
    args = ap.parse_args(argv)
    as_of = dt.date.fromisoformat(args.as_of)

    gp_ids = sorted({p for ds, ps, _ in PLAN.values() if ds == "genai-prices" for p in ps})
    installed = read_rows("genai-prices")  # the installed release
    current = {e: r for e, r in installed.rows.items() if e.split("/", 1)[0] in gp_ids}
    evidence: dict[str, dict[str, Evidence]] = {"genai-prices": genai_evidence(args.genai_prices_git, gp_ids, current),
                                                "litellm": {}}
    undated = {"genai-prices": imp.import_prices("genai-prices", as_of=as_of),
               "litellm": imp.import_prices("litellm", args.litellm_json, as_of=as_of, revision=args.litellm_revision)}
    if args.llm_prices_git is not None:
        llm = read_rows("llm-prices", args.llm_prices_git)
        by_name: dict[tuple[str, str], str] = {}
        for e in llm.rows:
            vendor, mid = e.split("/", 1)
            prov = our_provider("llm-prices", vendor)
            by_name.setdefault((prov, normalize_name(our_id(prov, mid))), e)
        for ds, res in undated.items():
            ours = {}
            for r in res.rows:
                p = r.periods[-1]
                if p.start_known or p.end is not None or p.tiers:
                    continue  # dated by the dataset itself, superseded, or tiered (llm-prices rarely tiers)
                llm_entry = next((by_name[(r.provider, normalize_name(n))] for n in (r.model_id, *r.aliases)
                                  if (r.provider, normalize_name(n)) in by_name), None)
                if llm_entry is not None:
                    ours[r.entry] = (llm_entry, {u: _norm(p.rates[u]) for u in TOKEN_UNITS if u in p.rates})
            for entry, ev in llm_evidence(args.llm_prices_git, ours).items():
                have = evidence[ds].get(entry)
                if have is None or (ev.day, not ev.start_known) < (have.day, not have.start_known):
                    evidence[ds][entry] = ev
    for ds, evs in evidence.items():
        by = {d: sum(1 for e in evs.values() if e.dataset == d) for d in ("genai-prices", "llm-prices")}
        print(f"{ds}: dated evidence for {len(evs)} rows ({by}; "
              f"{sum(e.start_known for e in evs.values())} with a stated start)", file=sys.stderr)

    results = {"genai-prices": imp.import_prices("genai-prices", as_of=as_of, first_seen=evidence["genai-prices"]),
               "litellm": imp.import_prices("litellm", args.litellm_json, as_of=as_of, revision=args.litellm_revision,
                                            first_seen=evidence["litellm"])}
    curated = load_merged([ROOT / "data" / "prices.yaml"])
    taken = [n for mid, m in curated.models.items() for n in (mid, *m.aliases)]
    outdir = ROOT / "data" / "prices"
    outdir.mkdir(exist_ok=True)
    total = 0
    for ours, (ds, _, keep) in PLAN.items():
        res = results[ds]
        if keep is not None:
            res.rows = [r for r in res.rows if r.provider != ours or keep(r.model_id.split("/")[-1])]
        header = HEADERS.get(ours, "")
        header += ("\n" if header else "") + (
            "Generated by tools/gen_provider_prices.py from the dataset named in each citation; undated prices\n"
            "start at their earliest dated evidence (a cited commit of a dataset's git history) or on the day\n"
            "the copy was read, with effective_from_known: false (see each version's note).")
        doc = res.document(ours, exclude=taken)
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
        text = "\n".join(lines) + "\n" + dump_yaml(doc)
        load_merged([ROOT / "data" / "prices.yaml"], texts=[(f"{ours}.yaml", text)])  # valid with the rest
        n = len(doc["models"])
        taken += [n for mid, m in doc["models"].items() for n in (mid, *m.get("aliases", ()))]
        total += n
        path = outdir / f"{ours}.yaml"
        write_price_file(path, text, force=args.force)
        print(f"{path.relative_to(ROOT)}: {n} models", file=sys.stderr)
    print(f"{total} models in {len(PLAN)} provider files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
