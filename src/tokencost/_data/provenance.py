"""What an import produces: rows in tokencost's terms, with provenance, the unmapped report, and the file text.

Shared by the three importers. A price the dataset gives without a start date is placed in time here
(``Builder.place``): at the earliest dated evidence of it (``first_seen``: a commit of a dataset's git
history that lists the row at that price), else on the day the copy was read. Either way the version
says ``effective_from_known: false``: the date is when the price is first *evidenced*, and the price
may have started earlier; tokencost then refuses earlier dates saying so, rather than pretending the
price began there.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import DataFileError
from .mapping import UNITS, vendor_of
from .rows import URLS

__all__ = ["Builder", "Evidence", "Flow", "FlowList", "ImportResult", "Period", "Row", "Unmapped", "decimal_text",
           "dump_yaml", "plain", "write_price_file"]


@dataclass(frozen=True)
class Evidence:
    """The earliest dated evidence of an undated price: a dated copy of a dataset listing the row at it.

    ``revision`` names the copy ('git <sha>'), ``day`` its (commit) date, ``entry`` the row there and
    ``fields`` the figures it states; ``head`` is the last commit of the history that was read.
    Written as a citation of the source ``dataset-<dataset>-history``.
    """

    day: dt.date
    dataset: str
    revision: str
    entry: str
    fields: tuple[str, ...]
    head: str
    start_known: bool = False  # the copy states ``day`` as the price's start (llm-prices' from_date)

    @property
    def source_id(self) -> str:
        return f"dataset-{self.dataset}-history"

    def source(self, retrieved: dt.date) -> dict[str, Any]:
        return {"kind": "dataset", "title": f"{self.dataset}: git history (the commit that dates each price)",
                "url": URLS[self.dataset], "revision": self.head, "retrieved": retrieved,
                "note": "Each citation names a commit (its own revision): the first from which on the dataset "
                        "lists the row at the cited figures, whose date is the earliest evidence of the price "
                        "(not its start)" + (", or, where the row states the price's start (from_date), the "
                                             "first commit stating it." if self.dataset == "llm-prices" else ".")}


@dataclass(frozen=True)
class Unmapped:
    """One thing a dataset states that the import did not carry over, and why."""

    entry: str
    field: str
    value: str
    reason: str
    provider: str = ""


@dataclass
class Period:
    """One price of one row over [start, end), in tokencost's terms (rates per million tokens)."""

    start: dt.date | None
    end: dt.date | None
    rates: dict[str, Decimal]
    tiers: list[tuple[int, dict[str, Decimal]]] = field(default_factory=list)
    batch: dict[str, Any] | None = None
    off_peak: list[dict[str, Any]] = field(default_factory=list)
    service_tiers: dict[str, dict[str, Any]] = field(default_factory=dict)
    note: str | None = None
    start_known: bool = True  # False: ``start`` is the earliest evidence of the price, not its start
    evidence: Evidence | None = None


@dataclass
class Row:
    entry: str
    provider: str
    model_id: str
    name: str | None
    aliases: list[str]
    periods: list[Period]
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
    rows: list[Row]
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
                "note": "Rows read by tokencost's importer; each citation names its row. A price without a "
                        "start date in the dataset starts on its earliest dated evidence (the first commit of "
                        "a dataset's history that lists it) or else on the date the copy was read, and says "
                        "effective_from_known: false, as each version's note explains."}

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
        sources = {self.source_id: self.source()}
        for ev in sorted({p.evidence for r in self.rows for p in r.periods if p.evidence is not None
                          and r.model_id in models}, key=lambda e: e.source_id):
            sources.setdefault(ev.source_id, ev.source(self.as_of))
        return {"schema_version": 1, "as_of": self.as_of, "sources": sources, "models": models}

    def _model(self, row: Row, taken: set[str]) -> dict[str, Any] | None:
        from .._catalog.loader import normalize_name
        versions = []
        for p in row.periods:
            fields = sorted(p.rates)
            v: dict[str, Any] = {"id": f"{self.dataset}-{p.start.isoformat()}", "status": "official",
                                 "effective_from": p.start}
            if not p.start_known:
                v["effective_from_known"] = False
            if p.end is not None:
                v["effective_to"] = p.end
            v["currency"] = "USD"
            v["rates"] = Flow({k: p.rates[k] for k in UNITS if k in p.rates})
            if p.tiers:
                v["tiers"] = [{"above_prompt_tokens": n, "rates": Flow(r)} for n, r in p.tiers]
                fields.append("tiers")
            if p.batch:
                v["batch"] = {"discount": p.batch["discount"], "applies_to": FlowList(p.batch["applies_to"])}
                fields.append("batch")
            if p.off_peak:
                v["off_peak"] = [{**w, "rates": Flow(w["rates"])} for w in p.off_peak]
                fields.append("off_peak")
            if p.service_tiers:
                v["service_tiers"] = {name: {**t, "rates": Flow(t["rates"])} for name, t in p.service_tiers.items()}
                fields.append("service_tiers")
            cit: dict[str, Any] = {"source": self.source_id, "entry": row.entry, "fields": FlowList(fields)}
            v["citations"] = [cit]
            if p.evidence is not None:
                ev = p.evidence
                v["citations"].append({"source": ev.source_id, "entry": ev.entry, "revision": ev.revision,
                                       "fields": FlowList(ev.fields)})
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
            if hosted and vendor_of(a) not in (None, row.provider):
                continue  # a host's row never takes the vendor's own name: that is the vendor's price
            k = normalize_name(a)
            if k != normalize_name(row.model_id) and k not in taken and k not in {normalize_name(x) for x in aliases}:
                aliases.append(a)
        if aliases:
            doc["aliases"] = FlowList(aliases)
        if row.note:
            doc["note"] = row.note
        doc["versions"] = versions
        return doc

    def validate(self, provider: str | None = None, *, exclude: Iterable[str] = ()) -> None:
        """Check the document against the schema and the cross-file rules (raises DataFileError)."""
        from .._catalog.loader import MergedData, check_merged, merge_into, parse_price_file
        doc = plain(self.document(provider, exclude=exclude))
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

def decimal_text(d: Decimal) -> str:
    t = format(d.normalize(), "f")
    return t.rstrip("0").rstrip(".") if "." in t else t


def plain(value: Any) -> Any:
    """Decimals as their text (the loader reads text back to the same Decimal); the rest unchanged."""
    if isinstance(value, Decimal):
        return Decimal(decimal_text(value))
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


class Flow(dict):
    """A mapping written on one line (rates)."""


class FlowList(list):
    """A list written on one line (fields, aliases)."""


def dump_yaml(doc: Any) -> str:
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _dec(dumper: yaml.SafeDumper, d: Decimal) -> yaml.Node:
        text = decimal_text(d)
        return dumper.represent_scalar("tag:yaml.org,2002:" + ("float" if "." in text else "int"), text)

    _Dumper.add_representer(Decimal, _dec)
    _Dumper.add_representer(Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))
    _Dumper.add_representer(FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v,
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


class Builder:
    """Collects rows and unmapped items for one import."""

    def __init__(self, dataset: str, as_of: dt.date, first_seen: Mapping[str, dt.date | Evidence]) -> None:
        self.dataset, self.as_of, self.first_seen = dataset, as_of, first_seen
        self.rows: list[Row] = []
        self.unmapped: list[Unmapped] = []
        self.provider = ""  # ours, of the row being read: each unmapped item says whose it is

    def skip(self, entry: str, fld: str, value: Any, reason: str) -> None:
        v = decimal_text(value) if isinstance(value, Decimal) else str(value)
        self.unmapped.append(Unmapped(entry, fld, v if len(v) <= 80 else v[:77] + "...", reason, self.provider))

    def place(self, entry: str, periods: list[Period]) -> list[Period]:
        """Give undated prices their start (first_seen or as_of); report those that cannot be placed."""
        out = []
        for p in sorted(periods, key=lambda p: (p.start is not None, p.start or dt.date.min)):
            if p.start is None:
                seen = self.first_seen.get(entry)
                ev = seen if isinstance(seen, Evidence) else None
                day = ev.day if ev is not None else seen
                if day is not None and (p.end is None or day < p.end):
                    p.start, p.evidence = day, ev
                    p.start_known = ev is not None and ev.start_known
                    where = (f"{ev.dataset} commit {ev.revision[4:16]}" if ev is not None else "the dataset's history")
                    p.note = (f"No start date in {self.dataset}; {where} states {day} as the start of these token "
                              "rates." if p.start_known else
                              f"No start date in {self.dataset}; the earliest dated evidence of these token rates "
                              f"is {where} ({day}): the price may have started earlier (start unknown).")
                elif p.end is None:
                    p.start, p.start_known = self.as_of, False
                    p.note = (f"No start date in {self.dataset} and no dated evidence: current when the copy was "
                              f"read ({self.as_of}); the price may have started earlier (start unknown).")
                else:
                    self.skip(entry, "prices", ", ".join(f"{k}={decimal_text(v)}" for k, v in p.rates.items()),
                              f"superseded on {p.end} and undated: its start is unknown")
                    continue
            if p.end is not None and not p.start < p.end:
                self.skip(entry, "prices", p.start, f"empty interval {p.start}..{p.end}")
                continue
            out.append(p)
        return out

    def add(self, row: Row) -> None:
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


