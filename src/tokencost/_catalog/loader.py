"""Read price files, validate them, and merge several into one catalog document.

Validation that a single model can do lives in ``schema``; what needs the whole
file (citations that name real sources, aliases unique across models, official
versions that do not overlap) lives here, with errors that name file:line.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import DataFileError, SourceQuoteError
from .schema import ExchangeRate, Model, Policy, PriceFile, Provider, Source, TrainingCost

__all__ = [
    "MergedData", "Origin", "bundled_data_path", "bundled_price_paths", "check_merged", "load_merged", "merge_into", "normalize_name", "parse_price_file",
]


def normalize_name(name: str) -> str:
    """Lookup key: case-insensitive, spaces/underscores as hyphens (``GPT 4o`` -> ``gpt-4o``)."""
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def bundled_data_path(name: str) -> Path:
    """A data file shipped in the wheel, or the repo's ``data/`` in a source checkout."""
    packaged = resources.files("tokencost").joinpath("data", name)
    if packaged.is_file():
        return Path(str(packaged))
    repo = Path(__file__).resolve().parents[3] / "data" / name
    if repo.is_file():
        return repo
    raise DataFileError("bundled data file is missing from the installation", path=name)


def bundled_price_paths() -> list[Path]:
    """The bundled price tables: ``prices.yaml``, then every ``prices/<provider>.yaml`` in name order."""
    main = bundled_data_path("prices.yaml")
    return [main, *sorted((main.parent / "prices").glob("*.yaml"))]


@dataclass
class Origin:
    path: str
    line: int | None


@dataclass
class MergedData:
    """The union of one or more price files, remembering where each piece came from."""

    sources: dict[str, Source] = field(default_factory=dict)
    models: dict[str, Model] = field(default_factory=dict)
    policies: list[Policy] = field(default_factory=list)
    exchange_rates: list[ExchangeRate] = field(default_factory=list)
    training_costs: list[TrainingCost] = field(default_factory=list)
    origins: dict[tuple[str, ...], Origin] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)
    providers: dict[str, Provider] = field(default_factory=dict)
    as_of: dt.date | None = None  # the latest data date of the files merged

    def where(self, *key: str) -> dict[str, Any]:
        o = self.origins.get(key)
        return {"path": o.path, "line": o.line} if o else {}


def parse_price_file(doc: Any, path: str) -> PriceFile:
    if not isinstance(doc, dict):
        raise DataFileError("a price file must be a mapping with 'sources' and 'models'", path=path)
    try:
        return PriceFile.model_validate(doc)
    except ValidationError as exc:
        from .._yaml import validation_error
        raise validation_error(exc, doc, path) from None


def _line(doc: Any, *keys: Any) -> int | None:
    from .._yaml import LineList, LineMap  # YAML machinery loads only when a file is actually read
    node, line = doc, getattr(doc, "line", None)
    for k in keys:
        if isinstance(node, LineMap) and k in node:
            line, node = node.lines[k], node[k]
        elif isinstance(node, LineList) and isinstance(k, int) and k < len(node):
            line, node = node.lines[k], node[k]
        else:
            break
    return line


def merge_into(merged: MergedData, pf: PriceFile, doc: Any, path: str, *, replace: bool = False) -> None:
    """Add one file's content. Same-id sources must agree; same-id models gain versions.

    ``replace=True`` lets a user's file override a bundled model wholesale.
    """
    merged.paths.append(path)
    if pf.as_of is not None and (merged.as_of is None or pf.as_of > merged.as_of):
        merged.as_of = pf.as_of
    if pf.as_of is not None:  # a version's figures were checked when its file was, unless it says otherwise
        pf = pf.model_copy(update={"models": {
            mid: mo.model_copy(update={"versions": tuple(
                v if v.last_checked is not None else v.model_copy(update={"last_checked": pf.as_of})
                for v in mo.versions)}) for mid, mo in pf.models.items()}})
    # providers and sources: the same id in two files must mean the same thing
    for section, kind, merged_map in (("providers", "provider", merged.providers),
                                      ("sources", "source", merged.sources)):
        for key, item in getattr(pf, section).items():
            have = merged_map.get(key)
            if have is not None and have != item and not replace:
                o = merged.origins[(kind, key)]
                raise DataFileError(f"{kind} {key!r} is defined differently in {o.path}:{o.line}",
                                    path=path, line=_line(doc, section, key), field=f"{section}.{key}")
            merged_map[key] = item
            merged.origins[(kind, key)] = Origin(path, _line(doc, section, key))
    for i, pol in enumerate(pf.policies):
        merged.policies = [p for p in merged.policies if not (replace and p.id == pol.id)]
        if any(p.id == pol.id for p in merged.policies):
            raise DataFileError(f"duplicate policy id {pol.id!r}", path=path, line=_line(doc, "policies", i))
        merged.policies.append(pol)
        merged.origins[("policy", pol.id)] = Origin(path, _line(doc, "policies", i))
    for i, rec in enumerate(pf.training_costs):
        merged.training_costs = [t for t in merged.training_costs if not (replace and t.id == rec.id)]
        if any(t.id == rec.id for t in merged.training_costs):
            raise DataFileError(f"duplicate training-cost id {rec.id!r}", path=path,
                                line=_line(doc, "training_costs", i), field=f"training_costs.{i}.id")
        merged.training_costs.append(rec)
        merged.origins[("training", rec.id)] = Origin(path, _line(doc, "training_costs", i))
    merged.exchange_rates.extend(pf.exchange_rates)
    for j, rate in enumerate(pf.exchange_rates):
        merged.origins[("rate", rate.currency, str(rate.on))] = Origin(path, _line(doc, "exchange_rates", j))
    for mid, model in pf.models.items():
        have = merged.models.get(mid)
        if have is not None and not replace:
            if have.provider != model.provider:
                raise DataFileError(f"model {mid!r} has provider {have.provider!r} elsewhere",
                                    path=path, line=_line(doc, "models", mid, "provider"),
                                    field=f"models.{mid}.provider")
            ids = {v.id for v in have.versions}
            for k, v in enumerate(model.versions):
                if v.id in ids:
                    raise DataFileError(f"version id {v.id!r} already exists for {mid!r}", path=path,
                                        line=_line(doc, "models", mid, "versions", k),
                                        field=f"models.{mid}.versions.{k}.id")
            aliases = tuple(dict.fromkeys(have.aliases + model.aliases))
            model = have.model_copy(update={
                "versions": have.versions + model.versions, "aliases": aliases,
                **{k: getattr(model, k) for k in ("deprecated", "retired", "successor")
                   if getattr(have, k) is None and getattr(model, k) is not None},
                "serves": have.serves + model.serves, "citations": have.citations + model.citations,
                "display_name": have.display_name or model.display_name,
                "note": " ".join(n for n in (have.note, model.note) if n) or None})
        else:
            merged.origins[("model", mid)] = Origin(path, _line(doc, "models", mid))
        merged.models[mid] = model
        for k, v in enumerate(pf.models[mid].versions):
            merged.origins[("version", mid, v.id)] = Origin(path, _line(doc, "models", mid, "versions", k))


def check_merged(m: MergedData) -> None:
    """Cross-file rules; each error names the file:line of the offending entry."""
    def fail(msg: str, *key: str, fld: str | None = None) -> None:
        raise DataFileError(msg, field=fld, **m.where(*key))

    def check_citations(cits: Any, *key: str, fld: str) -> None:
        for c in cits:
            if c.source not in m.sources:
                fail(f"cites unknown source {c.source!r}", *key, fld=fld)
            kind = m.sources[c.source].kind
            if kind == "article" and not c.quote:
                fail(f"a figure from article {c.source!r} needs its verbatim 'quote'", *key, fld=fld)
            # a dataset holds thousands of rows and is rewritten in place: without the row and the copy
            # read, nobody can check the citation (tests/test_dataset_citations.py does)
            if kind == "dataset" and not c.entry:
                fail(f"a citation of dataset {c.source!r} needs 'entry' (the row read)", *key, fld=fld)
            if kind != "dataset" and (c.entry or c.revision):
                fail(f"'entry' and 'revision' locate a row of a dataset; {c.source!r} is a {kind}",
                     *key, fld=fld)

    for sid, src in m.sources.items():
        if src.kind == "dataset" and not src.revision:
            fail(f"dataset source {sid!r} needs 'revision' (the release or git commit read)",
                 "source", sid, fld=f"sources.{sid}.revision")

    names: dict[str, str] = {}
    for mid, model in m.models.items():
        for name in (mid, *model.aliases):
            key = normalize_name(name)
            if key in names and names[key] != mid:
                fail(f"name {name!r} of model {mid!r} is already used by model {names[key]!r}",
                     "model", mid, fld=f"models.{mid}.aliases")
            names[key] = mid
        check_citations(model.citations, "model", mid, fld=f"models.{mid}.citations")
        for v in model.versions:
            check_citations(v.citations, "version", mid, v.id, fld=f"models.{mid}.{v.id}.citations")
        # official prices must be unambiguous per currency; so must promotions
        for status in ("official", "promotional"):
            by_cur: dict[str, list[Any]] = {}
            for v in model.versions:
                if v.status == status:
                    by_cur.setdefault(v.currency, []).append(v)
            for vs in by_cur.values():
                vs.sort(key=lambda v: v.start)
                for a, b in zip(vs, vs[1:]):
                    if a.end is None or b.start < a.end:
                        fail(f"{status} versions {a.id!r} and {b.id!r} of {mid!r} overlap "
                             f"({a.effective_from}..{a.effective_to or 'open'} vs {b.effective_from}..)",
                             "version", mid, b.id, fld=f"models.{mid}.{b.id}")
                    # a price that replaces another on a known day starts that day: "unknown" would be false
                    if a.end == b.start and not b.effective_from_known:
                        fail(f"{b.id!r} of {mid!r} says effective_from_known: false, yet {a.id!r} ends exactly at "
                             f"its start ({b.effective_from}): the start is that change; drop the flag or the end",
                             "version", mid, b.id, fld=f"models.{mid}.{b.id}.effective_from_known")
        for what, target in [("successor", model.successor), *(("serves", sv.model) for sv in model.serves)]:
            if target is not None and target not in m.models:
                fail(f"{what} {target!r} of {mid!r} is not a model in the tables", "model", mid,
                     fld=f"models.{mid}.{what}")
    for pid, prov in m.providers.items():
        if prov.counting is not None and prov.counting.source is not None and prov.counting.source not in m.sources:
            fail(f"counting rule cites unknown source {prov.counting.source!r}", "provider", pid,
                 fld=f"providers.{pid}.counting.source")
    for p in m.policies:
        check_citations(p.citations, "policy", p.id, fld=f"policies.{p.id}")
        if p.end is not None and not p.start < p.end:
            fail("effective_from is not before effective_to", "policy", p.id, fld=f"policies.{p.id}")
    for t in m.training_costs:
        check_citations(t.citations, "training", t.id, fld=f"training_costs.{t.id}.citations")
        if normalize_name(t.model) not in names:
            fail(f"training cost {t.id!r} is for {t.model!r}, which is not a model in the tables",
                 "training", t.id, fld=f"training_costs.{t.id}.model")
    for r in m.exchange_rates:
        if r.source not in m.sources:
            fail(f"exchange rate cites unknown source {r.source!r}", "rate", r.currency, str(r.on),
                 fld="exchange_rates")


def _seeds_dir(m: MergedData) -> Path | None:
    """Where the articles cited by ``seed`` are: ``$TOKENCOST_SEEDS_DIR``, else a ``shared/seeds`` folder
    beside one of the price files' ancestors (the repository's layout), else None."""
    explicit = os.environ.get("TOKENCOST_SEEDS_DIR")
    if explicit:
        return Path(explicit) if Path(explicit).is_dir() else None
    for p in m.paths:
        for ancestor in list(Path(p).resolve().parents)[:4]:
            cand = ancestor / "shared" / "seeds"
            if cand.is_dir():
                return cand
    return None


def check_quotes(m: MergedData) -> None:
    """Every article quote appears verbatim in the article it cites (mojibake repaired, whitespace folded),
    wherever that article's text can be found; a misquote is a SourceQuoteError at the citation's line."""
    seeds = _seeds_dir(m)
    if seeds is None:
        return
    from .._text import normalize_space, repair_mojibake

    texts: dict[str, str | None] = {}

    def article(sid: str) -> str | None:
        if sid not in texts:
            seed = m.sources[sid].seed
            f = seeds / seed if seed else None
            try:
                texts[sid] = normalize_space(repair_mojibake(f.read_text(encoding="utf-8"))) if f else None
            except (OSError, UnicodeDecodeError):
                texts[sid] = None  # not readable here: nothing to check against
        return texts[sid]

    def check(cits: Any, key: tuple[str, ...], fld: str) -> None:
        for c in cits:
            src = m.sources.get(c.source)
            if src is None or src.kind != "article" or not c.quote:
                continue
            text = article(c.source)
            if text is not None and normalize_space(repair_mojibake(c.quote)) not in text:
                raise SourceQuoteError(f"the quote {c.quote!r} is not in {src.seed} (source {c.source!r})",
                                       field=fld, **m.where(*key))

    for mid, model in m.models.items():
        check(model.citations, ("model", mid), f"models.{mid}.citations")
        for v in model.versions:
            check(v.citations, ("version", mid, v.id), f"models.{mid}.{v.id}.citations")
    for p in m.policies:
        check(p.citations, ("policy", p.id), f"policies.{p.id}")
    for t in m.training_costs:
        check(t.citations, ("training", t.id), f"training_costs.{t.id}.citations")


def load_merged(paths: list[str | os.PathLike[str]] | None = None, *, texts: list[tuple[str, str]] = (),
                replace: bool = False) -> MergedData:
    """Load and merge price files (bundled file when ``paths`` is None)."""
    from .._yaml import load_yaml, load_yaml_text
    merged = MergedData()
    items: list[tuple[str, Any]] = []
    for p in paths if paths is not None else bundled_price_paths():
        items.append((str(p), load_yaml(p)))
    for name, text in texts:
        items.append((name, load_yaml_text(text, path=name)))
    for i, (path, doc) in enumerate(items):
        merge_into(merged, parse_price_file(doc, path), doc, path, replace=replace and i > 0)
    check_merged(merged)
    check_quotes(merged)
    return merged
