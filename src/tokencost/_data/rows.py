"""The one reader of public price datasets: rows as each dataset states them, and what a row states when.

Everything in tokencost that reads a dataset goes through here: the importers (``import_prices``),
``tools/extract_datasets.py`` (which copies cited rows into tests/data/dataset_extracts/) and the
citation check (tests/test_dataset_citations.py), so the three cannot drift apart on what a row is
or what its keys mean.

``read_rows(dataset, path)`` gives a :class:`DatasetCopy`: the copy's revision and every row keyed
by its *entry*, the name a citation uses:

* ``"genai-prices"`` (pydantic/genai-prices): ``'<provider id>/<model id>'``, the model as in
  prices/providers/*.yml. Read from the installed package (default), a wheel, ``prices/data.json``,
  a ``prices/providers`` directory, or a bare git directory at ``commit``.
* ``"litellm"`` (BerriAI/litellm): the model name, the row of model_prices_and_context_window.json
  (USD per token). Read from the installed package (default), a wheel or the JSON file.
* ``"llm-prices"`` (simonw/llm-prices): ``'<vendor>/<model id>'``, the model of data/<vendor>.json.
  Read from its data/ directory, one vendor file, or a bare git directory at ``commit``.

Numbers are ``Decimal`` built from the dataset's text (JSON and YAML alike), never binary floats.

``stated(dataset, rows, entry, day, minute)`` is what a row states for one instant, in tokencost's
units (USD per million tokens; a tier ``(threshold, rate)`` applies to prompts over the threshold).

Example::

    >>> copy = read_rows("genai-prices")                            # doctest: +SKIP
    >>> copy.revision, copy.rows["x-ai/grok-4-0709"]["prices"]      # doctest: +SKIP
    ('genai-prices 0.2.3', {'input_mtok': Decimal('3'), ...})
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
import types
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import DataFileError

__all__ = ["DATASETS", "GENAI_KEYS", "LITELLM_KEYS", "LLM_KEYS", "MILLION", "URLS", "DatasetCopy", "Priced", "Stated",
           "changes", "commit_date", "genai_plain", "git_commit", "is_git_dir", "read_rows", "stated"]

DATASETS = ("genai-prices", "litellm", "llm-prices")
URLS = {
    "genai-prices": "https://github.com/pydantic/genai-prices",
    "litellm": "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json",
    "llm-prices": "https://github.com/simonw/llm-prices",
}
MILLION = Decimal(1_000_000)

# What each dataset's price keys are in tokencost's units.
# genai-prices prices tokens per million and requests and web searches per thousand, as we do.
GENAI_KEYS = {"input_mtok": "input", "cache_read_mtok": "cached_input", "cache_write_mtok": "cache_write",
              "output_mtok": "output", "cache_write_1h_mtok": "cache_write_1h", "output_reasoning_mtok": "reasoning",
              "input_audio_mtok": "audio_input", "output_audio_mtok": "audio_output",
              "cache_audio_read_mtok": "cached_audio_input", "input_image_mtok": "image_input",
              "output_image_mtok": "image_output", "input_video_mtok": "video_input",
              "requests_kcount": "request", "web_searches_kcount": "web_search"}
# litellm prices USD per token: x 1,000,000 gives ours. "_above_1hr" is a cache TTL, not a context tier.
LITELLM_KEYS = {"input_cost_per_token": "input", "cache_read_input_token_cost": "cached_input",
                "cache_creation_input_token_cost": "cache_write", "output_cost_per_token": "output",
                "cache_creation_input_token_cost_above_1hr": "cache_write_1h",
                "output_cost_per_reasoning_token": "reasoning", "input_cost_per_audio_token": "audio_input",
                "output_cost_per_audio_token": "audio_output", "cache_read_input_audio_token_cost": "cached_audio_input",
                "input_cost_per_image_token": "image_input", "output_cost_per_image_token": "image_output",
                "input_cost_per_video_token": "video_input"}
# llm-prices prices USD per million tokens.
LLM_KEYS = {"input": "input", "input_cached": "cached_input", "output": "output"}


@dataclass(frozen=True)
class DatasetCopy:
    """One copy of a dataset: its revision ('genai-prices 0.2.3', 'litellm 1.110.2', 'git <sha>'),
    where it was read, and its rows by entry, in the dataset's order."""

    dataset: str
    revision: str
    read_from: str
    rows: dict[str, dict[str, Any]]


# ---- git ------------------------------------------------------------------------------------------

def is_git_dir(p: Path) -> bool:
    return p.is_dir() and (p / "HEAD").is_file() and (p / "objects").is_dir()


def _git(git_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], capture_output=True, text=True, check=False)


def git_commit(git_dir: Path, commit: str) -> str:
    """The full hash of ``commit`` (a ref, a short hash) in ``git_dir``."""
    out = _git(git_dir, "rev-parse", f"{commit}^{{commit}}")
    if out.returncode:
        raise DataFileError(f"no commit {commit!r}", path=str(git_dir))
    return out.stdout.strip()


def commit_date(git_dir: Path, commit: str) -> dt.date:
    """The UTC date of a commit (its committer date)."""
    out = _git(git_dir, "log", "-1", "--format=%cI", commit)
    if out.returncode or not out.stdout.strip():
        raise DataFileError(f"no commit {commit!r}", path=str(git_dir))
    return dt.datetime.fromisoformat(out.stdout.strip()).astimezone(dt.UTC).date()


def _git_show(git_dir: Path, commit: str, path: str) -> str:
    out = _git(git_dir, "show", f"{commit}:{path}")
    if out.returncode:
        raise DataFileError(f"cannot read {path} at {commit}: {out.stderr.strip()}", path=str(git_dir))
    return out.stdout


def _git_ls(git_dir: Path, commit: str, folder: str) -> list[str]:
    out = _git(git_dir, "ls-tree", "--name-only", f"{commit}:{folder}")
    if out.returncode:
        raise DataFileError(f"no folder {folder!r} at {commit}: {out.stderr.strip()}", path=str(git_dir))
    return out.stdout.split()


def _checkout_revision(p: Path, name: str, revision: str | None) -> str:
    """``revision`` when given, else the git commit of a checkout the path lies in."""
    if revision is not None:
        return revision
    out = subprocess.run(["git", "-C", str(p if p.is_dir() else p.parent), "rev-parse", "HEAD"],
                         capture_output=True, text=True, check=False)
    if out.returncode == 0 and re.fullmatch(r"[0-9a-f]{40}", out.stdout.strip()):
        return f"git {out.stdout.strip()}"
    raise DataFileError(f"cannot tell which revision of {name} this is (not in a git checkout); "
                        "pass revision='<name> <version>' or 'git <sha>'", path=str(p))


def _json(text: str, where: str, what: str = "JSON") -> Any:
    try:
        return json.loads(text, parse_float=Decimal)
    except ValueError as exc:
        raise DataFileError(f"not a readable {what}: {exc}", path=where) from None


# ---- genai-prices ---------------------------------------------------------------------------------

def genai_plain(obj: Any) -> Any:
    """genai_prices.types objects -> the dict shape of prices/providers/*.yml (empty fields dropped)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {}
        for f in dataclasses.fields(obj):
            v = getattr(obj, f.name)
            if v is None or v == [] or v == {}:
                continue
            out[f.name.rstrip("_")] = genai_plain(v)
        return out
    if type(obj).__name__ == "ModelPrice":  # a plain class whose prices are its instance attributes
        return {k: genai_plain(v) for k, v in vars(obj).items() if v is not None and not k.startswith("_")}
    if isinstance(obj, (list, tuple)):
        return [genai_plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: genai_plain(v) for k, v in obj.items()}
    return obj


def _genai_wheel_providers(wheel: Path) -> list[dict[str, Any]]:
    """The providers of a genai-prices wheel's data.py, imported without the package's __init__ (which
    pulls in an HTTP client) and without touching an installed genai_prices."""
    saved = {k: v for k, v in sys.modules.items() if k == "genai_prices" or k.startswith("genai_prices.")}
    with tempfile.TemporaryDirectory(prefix="genai-prices-") as tmp:
        try:
            with zipfile.ZipFile(wheel) as z:
                for name in z.namelist():
                    if name.startswith("genai_prices/") and name.endswith(".py") and not name.endswith("__init__.py"):
                        z.extract(name, tmp)
        except (OSError, zipfile.BadZipFile) as exc:
            raise DataFileError(f"not a readable wheel: {exc}", path=str(wheel)) from None
        for k in saved:
            del sys.modules[k]
        try:
            pkg = types.ModuleType("genai_prices")
            pkg.__path__ = [str(Path(tmp) / "genai_prices")]
            sys.modules["genai_prices"] = pkg
            import importlib
            data = importlib.import_module("genai_prices.data")
            return [genai_plain(p) for p in data.providers]
        finally:
            for k in [k for k in sys.modules if k == "genai_prices" or k.startswith("genai_prices.")]:
                del sys.modules[k]
            sys.modules.update(saved)


def _genai_copy(path: Any, commit: str, revision: str | None,
                only: frozenset[str] | None = None) -> tuple[str, str, list[dict[str, Any]]]:
    if path is None:
        try:
            from importlib.metadata import version

            from genai_prices import data  # type: ignore[import-not-found]
        except ImportError:
            raise DataFileError("genai-prices is not installed: pip install genai-prices, or pass its data "
                                "(prices/data.json, prices/providers/, a wheel or a git directory)") from None
        v = version("genai-prices")
        return f"genai-prices {v}", f"the installed genai-prices {v}", [genai_plain(p) for p in data.providers]
    p = Path(path)
    if is_git_dir(p):
        sha = git_commit(p, commit)
        from .._yaml import load_yaml_text
        docs = []
        for n in _git_ls(p, sha, "prices/providers"):
            if n.endswith(".yml"):
                text = _git_show(p, sha, f"prices/providers/{n}")
                m = re.search(r"^id: *['\"]?([^'\"\s]+)", text, re.MULTILINE)
                if only is None or (m is not None and m.group(1) in only):  # parse only the providers asked for
                    docs.append(load_yaml_text(text, path=n))
        return f"git {sha}", f"git commit {sha}", docs
    if p.suffix == ".whl":
        m = re.match(r"genai_prices-([^-]+)-", p.name)
        if not m:
            raise DataFileError("not a genai-prices wheel name (genai_prices-<version>-...whl)", path=str(p))
        return revision or f"genai-prices {m.group(1)}", p.name, _genai_wheel_providers(p)
    if p.is_dir():
        from .._yaml import load_yaml
        files = sorted(p.glob("*.yml")) or sorted((p / "prices" / "providers").glob("*.yml"))
        if not files:
            raise DataFileError("no genai-prices provider files (*.yml) here", path=str(p))
        return _checkout_revision(p, "genai-prices", revision), str(p), [load_yaml(f) for f in files]
    try:
        doc = _json(p.read_text(encoding="utf-8"), str(p), "genai-prices data.json")
    except OSError as exc:
        raise DataFileError(f"not a readable genai-prices data.json: {exc}", path=str(p)) from None
    if not isinstance(doc, list):
        raise DataFileError("expected genai-prices data.json: a list of providers", path=str(p))
    return _checkout_revision(p, "genai-prices", revision), str(p), doc


def _genai_rows(providers: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f"{prov['id']}/{m['id']}": dict(m) for prov in providers for m in (prov.get("models") or ())}


# ---- litellm --------------------------------------------------------------------------------------

def _litellm_copy(path: Any, revision: str | None) -> tuple[str, str, dict[str, Any]]:
    if path is None:
        from importlib.metadata import PackageNotFoundError, distribution
        try:
            dist = distribution("litellm")
        except PackageNotFoundError:
            raise DataFileError("litellm is not installed: pass the path of model_prices_and_context_window.json "
                                "or of a litellm wheel") from None
        p = Path(str(dist.locate_file("litellm/model_prices_and_context_window_backup.json")))
        rev, where, text = f"litellm {dist.version}", f"the installed litellm {dist.version}", None
    else:
        p = Path(path)
        if p.suffix == ".whl":
            m = re.match(r"litellm-([^-]+)-", p.name)
            if not m:
                raise DataFileError("not a litellm wheel name (litellm-<version>-...whl)", path=str(p))
            try:
                with zipfile.ZipFile(p) as z:
                    text = z.read("litellm/model_prices_and_context_window_backup.json").decode("utf-8")
            except (OSError, KeyError, zipfile.BadZipFile) as exc:
                raise DataFileError(f"not a readable litellm wheel: {exc}", path=str(p)) from None
            rev, where = revision or f"litellm {m.group(1)}", p.name
        else:
            rev, where, text = revision or _litellm_revision(p), str(p), None
    if text is None:
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(f"not a readable litellm price file: {exc}", path=str(p)) from None
    doc = _json(text, str(p), "litellm price file")
    if not isinstance(doc, dict):
        raise DataFileError("expected a JSON object keyed by model name", path=str(p))
    return rev, where, doc


def _litellm_revision(p: Path) -> str:
    # inside an unpacked wheel or site-packages: litellm-X.dist-info beside the package
    for d in p.parent.parent.glob("litellm-*.dist-info"):
        m = re.match(r"litellm-([0-9][^-]*)\.dist-info", d.name)
        if m:
            return f"litellm {m.group(1)}"
    return _checkout_revision(p, "litellm", None)


# ---- llm-prices -----------------------------------------------------------------------------------

def _llm_vendor_file(doc: Any, stem: str, where: str) -> tuple[str, list[dict[str, Any]]]:
    if not isinstance(doc, dict) or "models" not in doc:
        raise DataFileError("expected an llm-prices vendor file with 'models'", path=where)
    return str(doc.get("vendor") or stem), list(doc["models"] or ())


def _llm_copy(path: Any, commit: str, revision: str | None) -> tuple[str, str, dict[str, Any]]:
    if path is None:
        raise DataFileError("llm-prices is not a package: pass its data/ directory (or a git directory)")
    p = Path(path)
    vendors: list[tuple[str, list[dict[str, Any]]]] = []
    if is_git_dir(p):
        sha = git_commit(p, commit)
        for n in _git_ls(p, sha, "data"):
            if n.endswith(".json"):
                vendors.append(_llm_vendor_file(_json(_git_show(p, sha, f"data/{n}"), f"data/{n}@{sha}"),
                                                n[:-5], f"data/{n}@{sha}"))
        rev, where = revision or f"git {sha}", f"git commit {sha}"
    else:
        files = sorted(p.glob("*.json")) if p.is_dir() else [p]
        if p.is_dir() and not files:
            files = sorted((p / "data").glob("*.json"))
        if not files:
            raise DataFileError("no llm-prices vendor files (*.json) here", path=str(p))
        rev, where = _checkout_revision(p, "llm-prices", revision), str(p)
        for f in files:
            try:
                text = f.read_text(encoding="utf-8")
            except OSError as exc:
                raise DataFileError(f"not readable: {exc}", path=str(f)) from None
            vendors.append(_llm_vendor_file(_json(text, str(f)), f.stem, str(f)))
    return rev, where, {f"{v}/{m['id']}": m for v, models in vendors for m in models}


# ---- entry point ----------------------------------------------------------------------------------

def read_rows(dataset: str, path: Any = None, *, commit: str = "HEAD", revision: str | None = None,
              providers: Any = None) -> DatasetCopy:
    """Every row of one copy of ``dataset``, keyed by entry (see the module docstring for the copies read).

    ``providers`` (dataset provider ids), when given, limits the rows to theirs (and spares reading the
    other files of a git copy)."""
    only = frozenset(providers) if providers is not None else None
    if dataset == "genai-prices":
        rev, where, docs = _genai_copy(path, commit, revision, only)
        copy = DatasetCopy(dataset, rev, where, _genai_rows(docs))
    elif dataset == "litellm":
        rev, where, doc = _litellm_copy(path, revision)
        copy = DatasetCopy(dataset, rev, where, {str(k): v for k, v in doc.items() if isinstance(v, Mapping)})
    elif dataset == "llm-prices":
        rev, where, rows = _llm_copy(path, commit, revision)
        copy = DatasetCopy(dataset, rev, where, rows)
    else:
        from ..errors import TokencostError
        raise TokencostError(f"unknown dataset {dataset!r}; known: {', '.join(DATASETS)}")
    if only is None or dataset == "litellm":  # litellm's rows name their provider inside, not in the key
        return copy
    return dataclasses.replace(copy, rows={e: r for e, r in copy.rows.items() if e.split("/", 1)[0] in only})


# ---- what a row states for one instant ------------------------------------------------------------

# A price as a row states it: the base rate and (threshold, rate) of each tier, USD per million.
Priced = tuple[Decimal, tuple[tuple[int, Decimal], ...]]


@dataclass
class Stated:
    """What a dataset row states for one instant: standard and batch rates by tokencost unit."""

    rates: dict[str, Priced] = field(default_factory=dict)
    batch: dict[str, Priced] = field(default_factory=dict)


def _minute(t: Any) -> int:
    if isinstance(t, dt.time):
        return t.hour * 60 + t.minute
    h, m = str(t).rstrip("Z").split(":")[:2]
    return int(h) * 60 + int(m)


def _in_window(minute: int, start: int, end: int) -> bool:
    return start <= minute < end if start < end else (minute >= start or minute < end)


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _genai_price(value: Any) -> Priced:
    if isinstance(value, Mapping):
        return Decimal(value["base"]), tuple((int(t["start"]), Decimal(t["price"])) for t in value["tiers"])
    return Decimal(value), ()


def _genai_active(constraint: Mapping[str, Any] | None, day: dt.date, minute: int) -> bool:
    if not constraint:
        return True
    if "start_date" in constraint:
        return day >= _day(constraint["start_date"])
    return _in_window(minute, _minute(constraint["start_time"]), _minute(constraint["end_time"]))


def _genai_prices(prices: Mapping[str, Any]) -> dict[str, Priced]:
    return {GENAI_KEYS[k]: _genai_price(v) for k, v in prices.items() if k in GENAI_KEYS}


def _genai_stated(rows: Mapping[str, Any], entry: str, day: dt.date, minute: int) -> Stated:
    row = rows[entry]
    prices = row["prices"]
    if isinstance(prices, list):  # conditional prices: the last whose constraint holds wins (its own rule)
        chosen = prices[0]["prices"]
        for cp in reversed(prices):
            if _genai_active(cp.get("constraint"), day, minute):
                chosen = cp["prices"]
                break
        prices = chosen
    st = Stated(rates=_genai_prices(prices))
    batch_variants = [v for v in row.get("price_variants", ())
                      if v["when"] == {"processing": "batch"} and _genai_active(v.get("constraint"), day, minute)]
    if batch_variants:  # listed prices override; unlisted ones keep the standard price (its own rule)
        st.batch = dict(st.rates)
        for v in reversed(batch_variants):
            st.batch.update(_genai_prices(v["prices"]))
    return st


def _genai_changes(rows: Mapping[str, Any], entry: str) -> tuple[set[dt.date], set[int]]:
    row, days, minutes = rows[entry], set(), set()
    items = row["prices"] if isinstance(row["prices"], list) else []
    for c in [i.get("constraint") or {} for i in items] + [v.get("constraint") or {} for v in
                                                             row.get("price_variants", ())]:
        if "start_date" in c:
            days.add(_day(c["start_date"]))
        if "start_time" in c:
            minutes |= {_minute(c["start_time"]), _minute(c["end_time"])}
    return days, minutes


def _llm_period(row: Mapping[str, Any], day: dt.date) -> Mapping[str, Any] | None:
    for p in row["price_history"]:
        lo = _day(p["from_date"]) if p.get("from_date") else dt.date.min
        hi = _day(p["to_date"]) if p.get("to_date") else dt.date.max
        if lo <= day < hi:
            return p
    return None


def _llm_stated(rows: Mapping[str, Any], entry: str, day: dt.date, minute: int) -> Stated:
    """A companion row '<id>-<N>k' (named '... >Nk') holds the rates for prompts over N x 1000 tokens."""
    period = _llm_period(rows[entry], day)
    if period is None:
        return Stated()
    tiers: dict[str, list[tuple[int, Decimal]]] = {}
    for key, row in rows.items():
        m = re.fullmatch(re.escape(entry) + r"-([0-9]+)k", key)
        if not m:
            continue
        if f">{m.group(1)}k" not in str(row.get("name", "")):
            raise DataFileError(f"{key} is not named as the >{m.group(1)}k rates: {row.get('name')!r}")
        tp = _llm_period(row, day)
        for k, c in LLM_KEYS.items():
            if tp and tp.get(k) is not None:
                tiers.setdefault(c, []).append((int(m.group(1)) * 1000, Decimal(tp[k])))
    return Stated(rates={c: (Decimal(period[k]), tuple(tiers.get(c, ())))
                         for k, c in LLM_KEYS.items() if period.get(k) is not None})


def _llm_changes(rows: Mapping[str, Any], entry: str) -> tuple[set[dt.date], set[int]]:
    return {_day(p[k]) for p in rows[entry]["price_history"] for k in ("from_date", "to_date") if p.get(k)}, set()


def _litellm_rates(row: Mapping[str, Any], suffix: str) -> dict[str, Priced]:
    """``<key>_above_<N>k_tokens`` is the rate for prompts over N x 1000 tokens, ``<key>_batches`` the Batch rate."""
    out = {}
    for key, comp in LITELLM_KEYS.items():
        if key + suffix not in row:
            continue
        tiers = []
        for k, v in row.items():
            m = re.fullmatch(re.escape(key) + r"_above_([0-9]+)k_tokens" + re.escape(suffix), k)
            if m:
                tiers.append((int(m.group(1)) * 1000, Decimal(v) * MILLION))
        out[comp] = (Decimal(row[key + suffix]) * MILLION, tuple(sorted(tiers)))
    return out


def stated(dataset: str, rows: Mapping[str, Any], entry: str, day: dt.date, minute: int = 0) -> Stated:
    """What row ``entry`` states for ``day`` at ``minute`` past midnight UTC (litellm states no dates)."""
    if dataset == "genai-prices":
        return _genai_stated(rows, entry, day, minute)
    if dataset == "llm-prices":
        return _llm_stated(rows, entry, day, minute)
    return Stated(rates=_litellm_rates(rows[entry], ""), batch=_litellm_rates(rows[entry], "_batches"))


def changes(dataset: str, rows: Mapping[str, Any], entry: str) -> tuple[set[dt.date], set[int]]:
    """The days and minutes of the day at which what ``entry`` states changes."""
    if dataset == "genai-prices":
        return _genai_changes(rows, entry)
    if dataset == "llm-prices":
        return _llm_changes(rows, entry)
    return set(), set()
