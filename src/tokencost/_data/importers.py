"""Read a public price dataset into tokencost's price-file schema, with provenance and a report.

Three datasets are understood:

* ``"genai-prices"`` (pydantic/genai-prices): the installed ``genai_prices`` package by default, or its
  repository's ``prices/data.json``, a ``prices/providers`` directory of ``*.yml``, or a bare git
  directory (read at ``commit``, default ``HEAD``).
* ``"litellm"`` (BerriAI/litellm): ``model_prices_and_context_window.json`` (or the ``_backup.json``
  that ships in the wheel) from a litellm install or a path; USD per token.
* ``"llm-prices"`` (simonw/llm-prices): its ``data/*.json`` directory, or a bare git directory.

Every figure written cites the dataset at the revision read (release or git commit) and names the row
(``entry``); every figure or condition that tokencost's schema cannot express is listed in
``ImportResult.unmapped`` with the reason, never dropped in silence.

Dates: a dataset row that gives a price without a start date says only that the price was current when
the copy was read. Such a price starts at ``first_seen[entry]`` when given (e.g. from the dataset's git
history: the first commit listing that price), else at ``as_of`` (default: today, UTC). A superseded
price without a start date and without ``first_seen`` cannot be placed in time: it is reported.

Example::

    >>> res = import_prices("genai-prices")                     # doctest: +SKIP
    >>> res.summary()                                           # doctest: +SKIP
    'genai-prices 0.2.3: 2,290 models from 47 providers; 1,004 items not mapped (see .report())'
    >>> text = res.to_yaml(provider="deepseek")                 # a validated price file  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import DataFileError, TokencostError

__all__ = ["DATASETS", "ImportResult", "Unmapped", "import_prices", "write_price_file"]

DATASETS = ("genai-prices", "litellm", "llm-prices")
URLS = {
    "genai-prices": "https://github.com/pydantic/genai-prices",
    "litellm": "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json",
    "llm-prices": "https://github.com/simonw/llm-prices",
}
MILLION = Decimal(1_000_000)
UNITS = ("input", "cached_input", "cache_write", "output", "cache_write_1h", "reasoning", "audio_input",
         "audio_output", "cached_audio_input", "image_input", "image_output", "video_input", "request",
         "web_search", "code_execution")

# Dataset provider ids -> ours. Providers not listed keep their own id.
PROVIDERS: dict[str, dict[str, str]] = {
    "genai-prices": {"x-ai": "xai", "moonshotai": "moonshot", "zai": "zhipu", "zhipuai": "zhipu-cn",
                     "aws": "aws-bedrock", "cohere": "cohere"},
    # Vertex AI and Azure each sell under several litellm provider names (one per model family): one host each
    "litellm": {"gemini": "google", "vertex_ai": "vertex", "vertex_ai-language-models": "vertex",
                "vertex_ai-anthropic_models": "vertex", "vertex_ai-llama_models": "vertex",
                "vertex_ai-mistral_models": "vertex", "vertex_ai-deepseek_models": "vertex",
                "vertex_ai-qwen_models": "vertex", "vertex_ai-zai_models": "vertex", "vertex_ai-openai_models": "vertex",
                "vertex_ai-minimax_models": "vertex", "vertex_ai-moonshot_models": "vertex",
                "vertex_ai-ai21_models": "vertex", "azure_ai": "azure", "dashscope": "alibaba",
                "zai": "zhipu", "bedrock": "aws-bedrock", "bedrock_converse": "aws-bedrock",
                "cohere_chat": "cohere", "together_ai": "together", "fireworks_ai": "fireworks",
                "meta_llama": "meta", "text-completion-openai": "openai", "moonshot": "moonshot"},
    "llm-prices": {"meta-ai": "meta", "moonshot-ai": "moonshot", "qwen": "alibaba"},
}
# Providers whose models are their own: their ids are written bare. A host's ids are written
# '<provider>/<id>' (groq/llama-3.3-70b-versatile), so two hosts of one model never collide.
FIRST_PARTY = frozenset({"openai", "anthropic", "google", "deepseek", "xai", "mistral", "alibaba", "moonshot",
                         "zhipu", "minimax", "cohere", "meta", "amazon"})


@dataclass(frozen=True)
class Unmapped:
    """One thing a dataset states that the import did not carry over, and why."""

    entry: str
    field: str
    value: str
    reason: str
    provider: str = ""


@dataclass
class _Period:
    """One price of one row over [start, end), in tokencost's terms (rates per million tokens)."""

    start: dt.date | None
    end: dt.date | None
    rates: dict[str, Decimal]
    tiers: list[tuple[int, dict[str, Decimal]]] = field(default_factory=list)
    batch: dict[str, Any] | None = None
    off_peak: list[dict[str, Any]] = field(default_factory=list)
    service_tiers: dict[str, dict[str, Any]] = field(default_factory=dict)
    note: str | None = None


@dataclass
class _Row:
    entry: str
    provider: str
    model_id: str
    name: str | None
    aliases: list[str]
    periods: list[_Period]
    note: str | None = None


@dataclass
class ImportResult:
    """What an import produced: models in tokencost's schema, with what could not be mapped.

    ``document(provider)`` is a price-file mapping (validated by ``validate``), ``to_yaml`` its text,
    ``report()`` the unmapped items, one line each.
    """

    dataset: str
    revision: str
    as_of: dt.date
    rows: list[_Row]
    unmapped: list[Unmapped]

    @property
    def source_id(self) -> str:
        rev = self.revision.split(" ", 1)[1]
        return f"dataset-{self.dataset}-{rev[:12] if self.revision.startswith('git ') else rev}"

    def providers(self) -> list[str]:
        return sorted({r.provider for r in self.rows})

    def model_ids(self, provider: str | None = None) -> list[str]:
        return [r.model_id for r in self.rows if provider is None or r.provider == provider]

    def summary(self) -> str:
        return (f"{self.revision}: {len(self.rows):,} models from {len(self.providers())} providers; "
                f"{len(self.unmapped):,} items not mapped (see .report())")

    def source(self) -> dict[str, Any]:
        return {"kind": "dataset", "title": f"{self.dataset} (imported by tokencost data import)",
                "url": URLS[self.dataset], "revision": self.revision, "retrieved": self.as_of,
                "note": "Rows read by tokencost's importer; each citation names its row. Prices without a "
                        "start date in the dataset start on the date the copy was read, or on the first "
                        "commit of the dataset's history that lists them, as each version's note says."}

    def document(self, provider: str | None = None, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
        """A price-file mapping of the rows of ``provider`` (all when None), minus model ids in ``exclude``."""
        from .._catalog.loader import normalize_name
        taken = {normalize_name(n) for n in exclude}
        models: dict[str, Any] = {}
        for row in self.rows:
            if provider is not None and row.provider != provider:
                continue
            if normalize_name(row.model_id) in taken:
                continue
            doc = self._model(row, taken)
            if doc is not None:
                models[row.model_id] = doc
                taken.add(normalize_name(row.model_id))
                taken.update(normalize_name(a) for a in doc.get("aliases", ()))
        return {"schema_version": 1, "as_of": self.as_of, "sources": {self.source_id: self.source()},
                "models": models}

    def _model(self, row: _Row, taken: set[str]) -> dict[str, Any] | None:
        from .._catalog.loader import normalize_name
        versions = []
        for p in row.periods:
            fields = sorted(p.rates)
            v: dict[str, Any] = {"id": f"{self.dataset}-{p.start.isoformat()}", "status": "official",
                                 "effective_from": p.start}
            if p.end is not None:
                v["effective_to"] = p.end
            v["currency"] = "USD"
            v["rates"] = _Flow({k: p.rates[k] for k in UNITS if k in p.rates})
            if p.tiers:
                v["tiers"] = [{"above_prompt_tokens": n, "rates": _Flow(r)} for n, r in p.tiers]
                fields.append("tiers")
            if p.batch:
                v["batch"] = {"discount": p.batch["discount"], "applies_to": _FlowList(p.batch["applies_to"])}
                fields.append("batch")
            if p.off_peak:
                v["off_peak"] = [{**w, "rates": _Flow(w["rates"])} for w in p.off_peak]
                fields.append("off_peak")
            if p.service_tiers:
                v["service_tiers"] = {name: {**t, "rates": _Flow(t["rates"])} for name, t in p.service_tiers.items()}
                fields.append("service_tiers")
            cit: dict[str, Any] = {"source": self.source_id, "entry": row.entry, "fields": _FlowList(fields)}
            v["citations"] = [cit]
            if p.note:
                v["note"] = p.note
            versions.append(v)
        if not versions:
            return None
        doc: dict[str, Any] = {"provider": row.provider}
        if row.name and row.name != row.model_id:
            doc["display_name"] = row.name
        aliases = []
        hosted = row.model_id.startswith(row.provider + "/")
        for a in row.aliases:
            if hosted and _vendor_of(a) not in (None, row.provider):
                continue  # a host's row never takes the vendor's own name: that is the vendor's price
            k = normalize_name(a)
            if k != normalize_name(row.model_id) and k not in taken and k not in {normalize_name(x) for x in aliases}:
                aliases.append(a)
        if aliases:
            doc["aliases"] = _FlowList(aliases)
        if row.note:
            doc["note"] = row.note
        doc["versions"] = versions
        return doc

    def validate(self, provider: str | None = None, *, exclude: Iterable[str] = ()) -> None:
        """Check the document against the schema and the cross-file rules (raises DataFileError)."""
        from .._catalog.loader import MergedData, check_merged, merge_into, parse_price_file
        doc = _plain(self.document(provider, exclude=exclude))
        merged = MergedData()
        merge_into(merged, parse_price_file(doc, f"<{self.dataset} import>"), doc, f"<{self.dataset} import>")
        check_merged(merged)

    def to_yaml(self, provider: str | None = None, *, exclude: Iterable[str] = (), header: str = "") -> str:
        doc = self.document(provider, exclude=exclude)
        lines = ["# yaml-language-server: $schema=../prices.schema.json",
                 f"# Imported from {self.revision} by `tokencost data import` on {self.as_of.isoformat()}."]
        lines += [f"# {h}" if h else "#" for h in header.splitlines()]
        text = "\n".join(lines) + "\n" + dump_yaml(doc)
        from .._catalog.loader import load_merged
        load_merged([], texts=[(f"<{self.dataset} import>", text)])  # what is written reads back valid
        return text

    def report(self, provider: str | None = None) -> str:
        items = [u for u in self.unmapped if provider is None or u.provider == provider]
        whose = f" ({provider})" if provider else ""
        if not items:
            return f"{self.revision}{whose}: every price was mapped."
        out = [f"{self.revision}{whose}: {len(items)} item(s) not mapped:"]
        out += [f"  {u.entry}  {u.field}={u.value}: {u.reason}" for u in items]
        return "\n".join(out)


# ---- YAML out ------------------------------------------------------------------------------------

def _decimal_text(d: Decimal) -> str:
    t = format(d.normalize(), "f")
    return t.rstrip("0").rstrip(".") if "." in t else t


def _plain(value: Any) -> Any:
    """Decimals as their text (the loader reads text back to the same Decimal); the rest unchanged."""
    if isinstance(value, Decimal):
        return Decimal(_decimal_text(value))
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class _Flow(dict):
    """A mapping written on one line (rates)."""


class _FlowList(list):
    """A list written on one line (fields, aliases)."""


def dump_yaml(doc: Any) -> str:
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _dec(dumper: yaml.SafeDumper, d: Decimal) -> yaml.Node:
        text = _decimal_text(d)
        return dumper.represent_scalar("tag:yaml.org,2002:" + ("float" if "." in text else "int"), text)

    _Dumper.add_representer(Decimal, _dec)
    _Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))
    _Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v,
                                                                           flow_style=True))
    _Dumper.ignore_aliases = lambda self, data: True  # type: ignore[method-assign]
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)


def write_price_file(path: str | os.PathLike[str], text: str, *, force: bool = False) -> None:
    """Write atomically; an existing file is never replaced unless ``force``."""
    import tempfile
    p = Path(path)
    if p.exists() and not force:
        raise DataFileError("exists; pass --force to replace it", path=str(p))
    fd, tmp = tempfile.mkstemp(dir=p.parent if str(p.parent) else ".", prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, p)
        else:
            try:
                os.link(tmp, p)  # fails if the file appeared meanwhile: still never overwritten
            except FileExistsError:
                raise DataFileError("exists; pass --force to replace it", path=str(p)) from None
            os.unlink(tmp)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ---- shared mapping helpers ---------------------------------------------------------------------

def _our_provider(dataset: str, provider: str) -> str:
    p = PROVIDERS[dataset].get(provider, provider)
    return re.sub(r"[^a-z0-9-]+", "-", p.lower()).strip("-")


# Model families by vendor: a first-party provider that also resells another vendor's model (Google's
# Vertex sells Claude, Alibaba's DashScope sells DeepSeek) writes that row as a host would.
FAMILIES = {
    "anthropic": ("claude",), "openai": ("gpt", "o1", "o3", "o4", "chatgpt", "text-embedding", "davinci", "babbage"),
    "google": ("gemini", "gemma", "imagen", "veo"), "deepseek": ("deepseek",), "xai": ("grok",),
    "mistral": ("mistral", "ministral", "magistral", "codestral", "pixtral", "devstral", "voxtral", "mixtral",
                "open-mistral", "open-mixtral"),
    "alibaba": ("qwen", "qwq", "qvq"), "moonshot": ("kimi", "moonshot"), "zhipu": ("glm",),
    "minimax": ("minimax",), "cohere": ("command", "c4ai", "embed", "rerank"), "meta": ("llama", "muse"),
    "amazon": ("nova", "amazon"),
}


def _vendor_of(model_id: str) -> str | None:
    low = model_id.lower()
    for vendor, prefixes in FAMILIES.items():
        if low.startswith(prefixes):
            return vendor
    return None


def _our_id(provider: str, model_id: str) -> str:
    vendor = _vendor_of(model_id)
    if provider in FIRST_PARTY and vendor in (None, provider):
        return model_id
    return f"{provider}/{model_id}"


def _uniform_discount(standard: Mapping[str, Decimal], batch: Mapping[str, Decimal]) -> Decimal | None:
    """The one discount d with batch = standard x (1 - d) for every listed component, else None."""
    ds = {1 - batch[k] / standard[k] for k in batch if standard.get(k)}
    if len(ds) != 1 or any(k not in standard for k in batch):
        return None
    d = ds.pop()
    return d if 0 <= d <= 1 else None


def _git_show(git_dir: Path, commit: str, path: str) -> str:
    try:
        return subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"], check=True,
                              capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        raise DataFileError(f"cannot read {path} at {commit}: {getattr(exc, 'stderr', exc)}",
                            path=str(git_dir)) from None


def _git_ls(git_dir: Path, commit: str, folder: str) -> list[str]:
    out = subprocess.run(["git", "--git-dir", str(git_dir), "ls-tree", "--name-only", f"{commit}:{folder}"],
                         capture_output=True, text=True, check=False)
    if out.returncode:
        raise DataFileError(f"no folder {folder!r} at {commit}: {out.stderr.strip()}", path=str(git_dir))
    return out.stdout.split()


def _git_commit(git_dir: Path, commit: str) -> str:
    out = subprocess.run(["git", "--git-dir", str(git_dir), "rev-parse", f"{commit}^{{commit}}"],
                         capture_output=True, text=True, check=False)
    if out.returncode:
        raise DataFileError(f"no commit {commit!r}", path=str(git_dir))
    return out.stdout.strip()


def _is_git_dir(p: Path) -> bool:
    return p.is_dir() and (p / "HEAD").is_file() and (p / "objects").is_dir()


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _time(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value.replace(tzinfo=None) if value.utcoffset() in (None, dt.timedelta(0)) else value
    t = dt.time.fromisoformat(str(value).rstrip("Z"))
    return t


class _Builder:
    """Collects rows and unmapped items for one import."""

    def __init__(self, dataset: str, as_of: dt.date, first_seen: Mapping[str, dt.date]) -> None:
        self.dataset, self.as_of, self.first_seen = dataset, as_of, first_seen
        self.rows: list[_Row] = []
        self.unmapped: list[Unmapped] = []
        self.provider = ""  # ours, of the row being read: each unmapped item says whose it is

    def skip(self, entry: str, fld: str, value: Any, reason: str) -> None:
        v = _decimal_text(value) if isinstance(value, Decimal) else str(value)
        self.unmapped.append(Unmapped(entry, fld, v if len(v) <= 80 else v[:77] + "...", reason, self.provider))

    def place(self, entry: str, periods: list[_Period]) -> list[_Period]:
        """Give undated prices their start (first_seen or as_of); report those that cannot be placed."""
        out = []
        for p in sorted(periods, key=lambda p: (p.start is not None, p.start or dt.date.min)):
            if p.start is None:
                seen = self.first_seen.get(entry)
                if seen is not None and (p.end is None or seen < p.end):
                    p.start = seen
                    p.note = (f"No start date in {self.dataset}; listed at these token rates since {seen} "
                              "(first commit of the dataset's history with it).")
                elif p.end is None or self.as_of < p.end:  # current on the day read (a dated rise still ahead)
                    p.start = self.as_of
                    p.note = (f"No start date in {self.dataset}: current when the copy was read "
                              f"({self.as_of}); earlier dates are not covered by this citation.")
                else:
                    self.skip(entry, "prices", ", ".join(f"{k}={_decimal_text(v)}" for k, v in p.rates.items()),
                              f"superseded on {p.end} and undated: its start is unknown")
                    continue
            if p.end is not None and not p.start < p.end:
                self.skip(entry, "prices", p.start, f"empty interval {p.start}..{p.end}")
                continue
            out.append(p)
        return out

    def add(self, row: _Row) -> None:
        row.periods = self.place(row.entry, row.periods)
        if row.periods:
            self.rows.append(row)

    def result(self, revision: str) -> ImportResult:
        # two dataset rows may land on one id (a provider id mapping merges two of theirs): keep the first
        seen: dict[str, str] = {}
        rows = []
        for r in self.rows:
            key = r.model_id.lower()
            if key in seen:
                self.provider = r.provider
                self.skip(r.entry, "id", r.model_id, f"same model id as {seen[key]}; the first row is kept")
                continue
            seen[key] = r.entry
            rows.append(r)
        return ImportResult(self.dataset, revision, self.as_of, rows, self.unmapped)


# ---- genai-prices ---------------------------------------------------------------------------------

# Both sides price tokens per million, and requests and web searches per thousand: no conversion.
GENAI_KEYS = {"input_mtok": "input", "cache_read_mtok": "cached_input", "cache_write_mtok": "cache_write",
              "output_mtok": "output", "cache_write_1h_mtok": "cache_write_1h", "output_reasoning_mtok": "reasoning",
              "input_audio_mtok": "audio_input", "output_audio_mtok": "audio_output",
              "cache_audio_read_mtok": "cached_audio_input", "input_image_mtok": "image_input",
              "output_image_mtok": "image_output", "input_video_mtok": "video_input",
              "requests_kcount": "request", "web_searches_kcount": "web_search"}
GENAI_REASONS = {
    "storage_searches_kcount": "fee per 1,000 file searches: not a unit of the schema",
    "cache_image_read_mtok": "cached image input: not a unit of the schema",
    "output_video_mtok": "video output tokens: not a unit of the schema",
    "output_citation_mtok": "citation tokens: not a unit of the schema",
    "audio_hours": "audio hours: not a unit of the schema",
    "input_audio_hours": "audio hours: not a unit of the schema",
    "input_document_kpages": "document pages: not a unit of the schema",
    "input_annotated_document_kpages": "document pages: not a unit of the schema",
    "input_mchars": "characters: not a unit of the schema",
    "input_text_messages_kcount": "messages: not a unit of the schema",
}
SERVICE_TIERS = ("flex", "priority", "scale", "provisioned")  # the schema's; others are reported


def _genai_plain(obj: Any) -> Any:
    """genai_prices.types objects -> the dict shape of prices/providers/*.yml."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {}
        for f in dataclasses.fields(obj):
            v = getattr(obj, f.name)
            if v is None or v == [] or v == {}:
                continue
            out[f.name.rstrip("_")] = _genai_plain(v)
        return out
    if type(obj).__name__ == "ModelPrice":
        return {k: _genai_plain(v) for k, v in vars(obj).items() if v is not None and not k.startswith("_")}
    if isinstance(obj, (list, tuple)):
        return [_genai_plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _genai_plain(v) for k, v in obj.items()}
    return obj


def _genai_equals(match: Any) -> list[str]:
    """The exact ids a match rule accepts (its 'equals' clauses)."""
    out: list[str] = []
    if isinstance(match, dict):
        if "equals" in match:
            out.append(str(match["equals"]))
        for k in ("or", "and"):
            for m in match.get(k, ()) if k == "or" else ():
                out += _genai_equals(m)
    return out


def _genai_price(b: _Builder, entry: str, prices: Mapping[str, Any]) -> tuple[dict[str, Decimal], dict[int, dict]]:
    rates: dict[str, Decimal] = {}
    tiered: dict[int, dict[str, Decimal]] = {}
    for k, v in prices.items():
        comp = GENAI_KEYS.get(k)
        if comp is None:
            b.skip(entry, k, v if not isinstance(v, dict) else v.get("base"),
                   GENAI_REASONS.get(k, "unit not in the schema (media, characters, pages, hours or other)"))
            continue
        if isinstance(v, dict):
            rates[comp] = Decimal(v["base"])
            for t in v["tiers"]:
                tiered.setdefault(int(t["start"]), {})[comp] = Decimal(t["price"])
        else:
            rates[comp] = Decimal(v)
    return rates, tiered


def _genai_tiers(rates: Mapping[str, Decimal], tiered: dict[int, dict[str, Decimal]]) -> list[tuple[int, dict]]:
    """Our tiers replace every rate above a threshold: untiered components keep their base rate there,
    and a component tiered at a lower threshold keeps that tier's rate."""
    out: list[tuple[int, dict]] = []
    current = dict(rates)
    for n in sorted(tiered):
        current = {**current, **tiered[n]}
        out.append((n, {k: current[k] for k in UNITS if k in current}))
    return out


def _genai_row(b: _Builder, provider_id: str, m: Mapping[str, Any]) -> None:
    entry = f"{provider_id}/{m['id']}"
    ours = b.provider = _our_provider("genai-prices", provider_id)
    prices = m.get("prices")
    items = prices if isinstance(prices, list) else [{"prices": prices or {}}]
    dated: list[tuple[dt.date | None, Mapping[str, Any]]] = []
    windows: list[tuple[Mapping[str, Any], Mapping[str, Any]]] = []
    for it in items:
        c = it.get("constraint") or {}
        if "start_time" in c:
            windows.append((c, it["prices"]))
        elif "start_date" in c:
            dated.append((_date(c["start_date"]), it["prices"]))
        else:
            dated.append((None, it["prices"]))
    if windows and len(dated) != 1:
        b.skip(entry, "prices", "time-of-day and start-date conditions together",
               "combined date and time-of-day conditions are not modelled")
        return
    periods: list[_Period] = []
    starts = sorted({d for d, _ in dated if d is not None})
    for d, pr in dated:
        rates, tiered = _genai_price(b, entry, pr)
        later = [s for s in starts if d is None or s > d]
        periods.append(_Period(d, later[0] if later else None, rates, _genai_tiers(rates, tiered)))
    if windows:
        p = periods[0]
        if p.tiers:
            b.skip(entry, "prices", "tiers with time-of-day prices", "tiers and windows on one version")
            return
        for c, pr in windows:
            wrates, wtiers = _genai_price(b, entry, pr)
            start, end = _time(c["start_time"]), _time(c["end_time"])
            if wtiers:
                b.skip(entry, "prices", "tiered window price", "tiers inside a time window are not modelled")
                return
            if len(windows) == 1 and all(wrates.get(k, 0) >= v for k, v in p.rates.items()) and wrates != p.rates:
                # the dataset's default is the cheaper price and the window the dearer one (DeepSeek's
                # standard hours): ours is the other way round, off-peak windows hold the cheaper rates
                p.off_peak = [{"start": end.strftime("%H:%M"), "end": start.strftime("%H:%M"), "rates": p.rates}]
                p.rates = wrates
            else:
                p.off_peak.append({"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M"), "rates": wrates})
    for v in m.get("price_variants") or ():
        when = v.get("when") or {}
        vc = v.get("constraint") or {}
        if when == {"service_tier": "default"} and not v.get("prices"):
            continue  # the standard tier restated: nothing to map
        if set(when) == {"service_tier"} and when["service_tier"] in SERVICE_TIERS and "start_time" not in vc:
            trates, ttiers = _genai_price(b, entry, v.get("prices") or {})
            if ttiers:
                b.skip(entry, "price_variants", json.dumps(when), "service-tier prices with context tiers")
                continue
            since = _date(vc.get("start_date"))
            for p in periods:
                if since is not None and p.end is not None and p.end <= since:
                    continue
                tier: dict[str, Any] = {"rates": trates}
                if since is not None and (p.start is None or p.start < since):
                    tier["effective_from"] = since
                # genai-prices resolves variants first to last: the first listed that applies wins
                p.service_tiers.setdefault(when["service_tier"], tier)
            continue
        if when != {"processing": "batch"} or "start_time" in vc:
            b.skip(entry, "price_variants", json.dumps(when, sort_keys=True),
                   "service tier or request variant the schema does not name" if "service_tier" in when
                   else "request variant: not in the schema")
            continue
        vrates, vtiers = _genai_price(b, entry, v.get("prices") or {})
        since = _date(vc.get("start_date"))
        if since is not None:  # batch rates from a date on: split the period there
            split: list[_Period] = []
            for p in periods:
                if (p.start is None or p.start < since) and (p.end is None or since < p.end):
                    split += [dataclasses.replace(p, end=since, service_tiers=dict(p.service_tiers)),
                              dataclasses.replace(p, start=since, service_tiers=dict(p.service_tiers))]
                else:
                    split.append(p)
            periods = split
        for p in periods:
            if since is not None and (p.start is None or p.start < since):
                continue
            if p.batch is not None:
                continue  # an earlier-listed batch variant applies here: the first listed wins (theirs)
            if not vrates and not vtiers:
                # a batch variant that overrides no price: batch at the standard rates ("the Batch table lists
                # the same rates as standard"), a discount of 0, not the provider's usual one
                p.batch = {"discount": Decimal(0), "applies_to": [k for k in UNITS if k in p.rates]}
                continue
            d = _uniform_discount(p.rates, vrates)
            if d is None or vtiers:
                b.skip(entry, "price_variants.batch", ", ".join(f"{k}={_decimal_text(x)}" for k, x in vrates.items()),
                       "batch prices are not one discount off the standard prices")
                continue
            p.batch = {"discount": d, "applies_to": [k for k in UNITS if k in vrates]}
    periods = [p for p in periods if p.rates]
    if not periods:
        b.skip(entry, "prices", "-", "no token price the schema can express")
        return
    note = "Deprecated by the provider (genai-prices)." if m.get("deprecated") else None
    b.add(_Row(entry, ours, _our_id(ours, str(m["id"])), m.get("name"),
               [a for a in _genai_equals(m.get("match")) if a != m["id"]], periods, note))


def _genai_providers(path: str | os.PathLike[str] | None, commit: str,
                     revision: str | None) -> tuple[str, list[dict[str, Any]]]:
    if path is None:
        try:
            from importlib.metadata import version

            from genai_prices import data  # type: ignore[import-not-found]
        except ImportError:
            raise DataFileError("genai-prices is not installed: pip install genai-prices, or pass its data "
                                "(prices/data.json, prices/providers/, or a git directory)") from None
        return f"genai-prices {version('genai-prices')}", [_genai_plain(p) for p in data.providers]
    p = Path(path)
    if _is_git_dir(p):
        sha = _git_commit(p, commit)
        from .._yaml import load_yaml_text
        docs = [load_yaml_text(_git_show(p, sha, f"prices/providers/{n}"), path=n)
                for n in _git_ls(p, sha, "prices/providers") if n.endswith(".yml")]
        return f"git {sha}", docs
    if p.is_dir():
        from .._yaml import load_yaml
        files = sorted(p.glob("*.yml")) or sorted((p / "prices" / "providers").glob("*.yml"))
        if not files:
            raise DataFileError("no genai-prices provider files (*.yml) here", path=str(p))
        return _revision_of(p, "genai-prices", revision), [load_yaml(f) for f in files]
    try:
        doc = json.loads(p.read_text(encoding="utf-8"), parse_float=Decimal)
    except (OSError, ValueError) as exc:
        raise DataFileError(f"not a readable genai-prices data.json: {exc}", path=str(p)) from None
    if not isinstance(doc, list):
        raise DataFileError("expected genai-prices data.json: a list of providers", path=str(p))
    return _revision_of(p, "genai-prices", revision), doc


def _revision_of(p: Path, name: str, revision: str | None = None) -> str:
    """``revision`` when given, else the git commit of a checkout the path lies in."""
    if revision is not None:
        return revision
    out = subprocess.run(["git", "-C", str(p if p.is_dir() else p.parent), "rev-parse", "HEAD"],
                         capture_output=True, text=True, check=False)
    if out.returncode == 0 and re.fullmatch(r"[0-9a-f]{40}", out.stdout.strip()):
        return f"git {out.stdout.strip()}"
    raise DataFileError(f"cannot tell which revision of {name} this is (not in a git checkout); "
                        "pass revision='<name> <version>' or 'git <sha>'", path=str(p))


def _import_genai(b: _Builder, path: Any, commit: str, revision: str | None) -> str:
    rev, providers = _genai_providers(path, commit, revision)
    for prov in providers:
        for m in prov.get("models") or ():
            _genai_row(b, str(prov["id"]), m)
    return revision or rev


# ---- litellm --------------------------------------------------------------------------------------

# USD per token; x 1,000,000 gives our per-million rates. "_above_1hr" is a TTL, not a context tier.
LITELLM_KEYS = {"input_cost_per_token": "input", "cache_read_input_token_cost": "cached_input",
                "cache_creation_input_token_cost": "cache_write", "output_cost_per_token": "output",
                "cache_creation_input_token_cost_above_1hr": "cache_write_1h",
                "output_cost_per_reasoning_token": "reasoning", "input_cost_per_audio_token": "audio_input",
                "output_cost_per_audio_token": "audio_output", "cache_read_input_audio_token_cost": "cached_audio_input",
                "input_cost_per_image_token": "image_input", "output_cost_per_image_token": "image_output",
                "input_cost_per_video_token": "video_input"}
LITELLM_MODES = {"chat", "completion", "responses", "embedding", None}


def _litellm_reason(key: str) -> str:
    if key.endswith("_balanced"):
        return "service tier the schema does not name ('balanced')"
    if "_above_12hr" in key:
        return "12-hour cache-write rate: not a unit of the schema"
    if any(w in key for w in ("audio", "image", "video", "pixel", "second", "character", "page", "query")):
        return "unit not in the schema (media, characters, pages, seconds, queries)"
    return "not a token rate the schema knows"


def _litellm_row(b: _Builder, key: str, row: Mapping[str, Any]) -> None:
    if not isinstance(row, Mapping) or key == "sample_spec":
        return
    prov = str(row.get("litellm_provider") or "")
    b.provider = _our_provider("litellm", prov) if prov else ""
    if row.get("mode") not in LITELLM_MODES:
        costs = [k for k in row if "cost" in k]
        if costs:
            b.skip(key, "mode", row.get("mode"), "not a token-priced text model")
        return
    if not prov:
        b.skip(key, "litellm_provider", "-", "row names no provider")
        return
    ours = _our_provider("litellm", prov)
    # 'vertex_ai/claude-opus-5' is filed under 'vertex_ai-anthropic_models': the key's prefix is the family's
    bare = key.split("/", 1)[1] if key.startswith((prov + "/", prov.split("-")[0] + "/")) else key
    if re.match(r"^[a-z]{2}-[a-z]+-[0-9]/", bare) or "/" in bare and ours == "aws-bedrock":
        b.skip(key, "id", key, "region- or commitment-specific row (regional price variants are not imported)")
        return
    rates: dict[str, Decimal] = {}
    tiered: dict[int, dict[str, Decimal]] = {}
    batch: dict[str, Decimal] = {}
    tiers_sold: dict[str, dict[str, Decimal]] = {}
    for k, v in row.items():
        if "cost" not in k or isinstance(v, (dict, list, bool)) or v is None:
            continue
        m = re.fullmatch(r"(.+?)(?:_above_([0-9]+)k_tokens)?(?:_(batches|priority|flex))?", k)
        base, above, variant = (m.group(1), m.group(2), m.group(3)) if m else (k, None, None)
        comp = LITELLM_KEYS.get(base)
        if comp is None:
            b.skip(key, k, Decimal(str(v)), _litellm_reason(k))
            continue
        rate = Decimal(str(v)) * MILLION
        if variant and above:
            b.skip(key, k, Decimal(str(v)), f"{variant} rate of a context tier: not in the schema")
        elif variant == "batches":
            batch[comp] = rate
        elif variant:
            tiers_sold.setdefault(variant, {})[comp] = rate
        elif above:
            tiered.setdefault(int(above) * 1000, {})[comp] = rate
        else:
            rates[comp] = rate
    if not rates:
        if any("cost" in k for k in row):
            b.skip(key, "prices", "-", "no token price the schema can express")
        return
    p = _Period(None, None, rates, _genai_tiers(rates, tiered))
    p.service_tiers = {name: {"rates": r} for name, r in tiers_sold.items()}
    if batch:
        d = _uniform_discount(rates, batch)
        if d is None:
            b.skip(key, "*_batches", ", ".join(f"{k}={_decimal_text(x)}" for k, x in batch.items()),
                   "batch prices are not one discount off the standard prices")
        else:
            p.batch = {"discount": d, "applies_to": [k for k in UNITS if k in batch]}
    b.add(_Row(key, ours, _our_id(ours, bare), None, [key] if key != bare else [], [p]))


def _import_litellm(b: _Builder, path: Any, revision: str | None) -> str:
    if path is None:
        from importlib.metadata import PackageNotFoundError, distribution
        try:
            dist = distribution("litellm")
        except PackageNotFoundError:
            raise DataFileError("litellm is not installed: pass the path of "
                                "model_prices_and_context_window.json") from None
        p = Path(str(dist.locate_file("litellm/model_prices_and_context_window_backup.json")))
        rev = f"litellm {dist.version}"
    else:
        p = Path(path)
        rev = revision or _litellm_revision(p)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"), parse_float=Decimal)
    except (OSError, ValueError) as exc:
        raise DataFileError(f"not a readable litellm price file: {exc}", path=str(p)) from None
    if not isinstance(doc, dict):
        raise DataFileError("expected a JSON object keyed by model name", path=str(p))
    for key, row in doc.items():
        _litellm_row(b, str(key), row)
    return revision or rev


def _litellm_revision(p: Path) -> str:
    # inside an unpacked wheel or site-packages: litellm-X.dist-info beside the package
    for d in p.parent.parent.glob("litellm-*.dist-info"):
        m = re.match(r"litellm-([0-9][^-]*)\.dist-info", d.name)
        if m:
            return f"litellm {m.group(1)}"
    return _revision_of(p, "litellm")


# ---- llm-prices -----------------------------------------------------------------------------------

LLM_KEYS = {"input": "input", "input_cached": "cached_input", "output": "output"}


def _llm_vendor(b: _Builder, vendor: str, doc: Mapping[str, Any]) -> None:
    ours = b.provider = _our_provider("llm-prices", vendor)
    models = doc.get("models") or []
    ids = {str(m["id"]) for m in models}
    for m in models:
        mid = str(m["id"])
        entry = f"{vendor}/{mid}"
        tier = re.fullmatch(r"(.+)-([0-9]+)k", mid)
        if tier and tier.group(1) in ids:
            continue  # a long-context companion row: read with its base row below
        companions = {int(re.fullmatch(re.escape(mid) + r"-([0-9]+)k", c["id"]).group(1)) * 1000: c
                      for c in models if re.fullmatch(re.escape(mid) + r"-([0-9]+)k", str(c["id"]))}
        periods = []
        for ph in m.get("price_history") or ():
            rates = {}
            for k, v in ph.items():
                if k in ("from_date", "to_date") or v is None:
                    continue
                if k in LLM_KEYS:
                    rates[LLM_KEYS[k]] = Decimal(str(v))
                else:
                    b.skip(entry, k, v, "not a token rate the schema knows")
            if not rates:
                continue
            start, end = _date(ph.get("from_date")), _date(ph.get("to_date"))
            tiers = []
            for n, c in sorted(companions.items()):
                for cph in c.get("price_history") or ():
                    cs, ce = _date(cph.get("from_date")), _date(cph.get("to_date"))
                    if cs == start and ce == end:
                        trates = {LLM_KEYS[k]: Decimal(str(v)) for k, v in cph.items() if k in LLM_KEYS and v is not None}
                        tiers.append((n, {**rates, **trates}))
            periods.append(_Period(start, end, rates, tiers))
        if not periods:
            b.skip(entry, "price_history", "-", "no token price")
            continue
        b.add(_Row(entry, ours, _our_id(ours, mid), m.get("name"), [], periods))


def _import_llm(b: _Builder, path: Any, commit: str, revision: str | None) -> str:
    if path is None:
        raise DataFileError("llm-prices is not a package: pass its data/ directory (or a git directory)")
    p = Path(path)
    if _is_git_dir(p):
        sha = _git_commit(p, commit)
        for n in _git_ls(p, sha, "data"):
            if n.endswith(".json"):
                _llm_vendor(b, n[:-5], json.loads(_git_show(p, sha, f"data/{n}"), parse_float=Decimal))
        return revision or f"git {sha}"
    files = sorted(p.glob("*.json")) if p.is_dir() else [p]
    if p.is_dir() and not files:
        files = sorted((p / "data").glob("*.json"))
    if not files:
        raise DataFileError("no llm-prices vendor files (*.json) here", path=str(p))
    rev = _revision_of(p, "llm-prices", revision)
    for f in files:
        try:
            doc = json.loads(f.read_text(encoding="utf-8"), parse_float=Decimal)
        except (OSError, ValueError) as exc:
            raise DataFileError(f"not readable JSON: {exc}", path=str(f)) from None
        if not isinstance(doc, dict) or "models" not in doc:
            raise DataFileError("expected an llm-prices vendor file with 'models'", path=str(f))
        _llm_vendor(b, str(doc.get("vendor") or f.stem), doc)
    return rev


# ---- entry point ---------------------------------------------------------------------------------

def _copy_date(path: Any, commit: str) -> dt.date | None:
    """The UTC date of the commit a git copy holds (a bare git directory at ``commit``, or a checkout's HEAD)."""
    if path is None:
        return None
    p = Path(path)
    args = (["git", "--git-dir", str(p), "log", "-1", "--format=%cI", commit] if _is_git_dir(p) else
            ["git", "-C", str(p if p.is_dir() else p.parent), "log", "-1", "--format=%cI", "HEAD"])
    out = subprocess.run(args, capture_output=True, text=True, check=False)
    if out.returncode or not out.stdout.strip():
        return None
    return dt.datetime.fromisoformat(out.stdout.strip()).astimezone(dt.UTC).date()


def import_prices(dataset: str, path: str | os.PathLike[str] | None = None, *, as_of: Any = None,
                  commit: str = "HEAD", revision: str | None = None,
                  first_seen: Mapping[str, dt.date] | None = None) -> ImportResult:
    """Read ``dataset`` ("genai-prices", "litellm", "llm-prices") into tokencost's schema.

    ``path`` defaults to the installed package's data (genai-prices, litellm). ``revision`` names the
    copy when it cannot be told from the path ("litellm 1.110.2", "git <sha>"). ``as_of`` is the date the
    copy was read (default: a git copy's commit date, else today, UTC): undated current prices start then
    unless ``first_seen`` gives the date the dataset first listed them. See ``ImportResult``.
    """
    if dataset not in DATASETS:
        raise TokencostError(f"unknown dataset {dataset!r}; known: {', '.join(DATASETS)}")
    if as_of is not None:
        day = _date(as_of)
    else:  # a git copy was "read" on its commit's date; anything else today
        day = _copy_date(path, commit) or dt.datetime.now(dt.UTC).date()
    b = _Builder(dataset, day, dict(first_seen or {}))
    if dataset == "genai-prices":
        rev = _import_genai(b, path, commit, revision)
    elif dataset == "litellm":
        rev = _import_litellm(b, path, revision)
    else:
        rev = _import_llm(b, path, commit, revision)
    from .._catalog.schema import REVISION_PATTERN
    if not re.fullmatch(REVISION_PATTERN, rev):
        raise DataFileError(f"revision {rev!r} is not '<name> <version>' or 'git <40 hex>'")
    return b.result(rev)
