"""Safe edits of a price file: append a version, change a price from a date, retire a model.

History is append-only. An edit inserts lines into the file and never rewrites one: a new version
goes after the model's last version (a new model after the last model), and closing a version
adds its ``effective_to`` line. Every other byte stays as it was, so comments, order, quoting and
blank lines survive. ruamel.yaml's round-trip parser says where things are; the text is then
checked twice before anything is written:

1. the edited text loads and validates as a price file (the same rules as ``load_catalog``),
2. every version the file had is still there, field for field (only an ``effective_to`` may be
   added to the version being closed).

The file is replaced atomically (a temporary file in the same directory, fsync, rename), and not
at all if it changed on disk since it was read.

    >>> ed = edit_prices("my_prices.yaml")                                   # doctest: +SKIP
    >>> ed.set_price("acme-fast", id="cut-2025-09", effective_from="2025-09-01",
    ...              rates={"input": "0.80", "output": "3.20"}, citations=[{"source": "acme-pricing"}])
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..errors import DataFileError

__all__ = ["PriceFileEditor", "edit_prices"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")  # written without quotes, read back as the same str


def edit_prices(path: str | os.PathLike[str], *, with_bundled: bool = False) -> PriceFileEditor:
    """An editor for the price file at ``path`` (each change is validated and written at once).

    ``with_bundled=True`` validates the file merged over the bundled tables, for a file of your own
    that cites the bundled sources."""
    return PriceFileEditor(path, with_bundled=with_bundled)


def _scalar(v: Any) -> str:
    """A YAML scalar that reads back as exactly ``v``."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, Decimal)):
        return f"{v:f}" if isinstance(v, Decimal) else str(v)
    if isinstance(v, dt.datetime):
        if v.tzinfo is None:
            raise DataFileError(f"{v} has a time of day but no timezone")
        return v.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(v, dt.date):
        return v.isoformat()
    s = str(v)
    if _PLAIN.match(s) and s.lower() not in ("true", "false", "null", "yes", "no", "on", "off", "~") \
            and not re.match(r"^[-+.0-9]", s):
        return s
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _flow(d: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in d.items() if v is not None) + "}"


def _decimal(v: Any, what: str) -> Decimal:
    """A rate as written (``"0.80"`` stays 0.80); a float through its shortest repr, never its binary value."""
    if isinstance(v, bool) or not isinstance(v, (int, float, str, Decimal)):
        raise DataFileError(f"{what} must be a number such as '2.50', not {v!r}", field=what)
    try:
        d = Decimal(repr(v) if isinstance(v, float) else str(v).strip())
    except InvalidOperation:
        raise DataFileError(f"{what} must be a number such as '2.50', not {v!r}", field=what) from None
    if not d.is_finite():
        raise DataFileError(f"{what} must be finite, not {v!r}", field=what)
    return d


def _when(v: Any, what: str) -> dt.date | dt.datetime:
    """A date stays a date; a time of day is kept (in UTC)."""
    if isinstance(v, dt.datetime):
        return v if v.tzinfo else v.replace(tzinfo=dt.timezone.utc)
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        from .._time import to_utc
        from ..errors import TokencostError
        try:
            t = to_utc(v, what)
        except TokencostError as exc:
            raise DataFileError(str(exc), field=what) from None
        return t.date() if len(v.strip()) == 10 else t
    raise DataFileError(f"{what} must be a date such as 2025-09-01, not {v!r}", field=what)


class PriceFileEditor:
    """Append-only edits of one price file. Build one with :func:`edit_prices`."""

    def __init__(self, path: str | os.PathLike[str], *, with_bundled: bool = False) -> None:
        from .._yaml import read_data_text
        self.path = Path(path)
        self.with_bundled = with_bundled
        self._text = read_data_text(self.path)
        self._digest = hashlib.sha256(self._text.encode("utf-8")).hexdigest()
        self._validate(self._text)  # refuse to edit a file that is already broken

    # -- public edits ------------------------------------------------------------------------
    def add_version(self, model: str, *, id: str, effective_from: Any, rates: Mapping[str, Any],
                    citations: Sequence[Mapping[str, Any]], status: str = "official", currency: str = "USD",
                    effective_to: Any = None, note: str | None = None, provider: str | None = None) -> None:
        """Append a version to ``model`` (a new model needs ``provider``). Nothing else changes:
        an official version that overlaps the open one is refused (use :meth:`set_price`)."""
        self._apply(model, self._version(id, effective_from, rates, citations, status, currency, effective_to, note),
                    close=None, provider=provider)

    def set_price(self, model: str, *, id: str, effective_from: Any, rates: Mapping[str, Any],
                  citations: Sequence[Mapping[str, Any]], status: str = "official", currency: str = "USD",
                  note: str | None = None) -> None:
        """A new price from ``effective_from`` on: the open version of the same status and currency
        is closed at that instant (its ``effective_to`` is added) and the new version appended."""
        start = _when(effective_from, "effective_from")
        self._apply(model, self._version(id, start, rates, citations, status, currency, None, note),
                    close=(start, status, currency), provider=None)

    def retire(self, model: str, *, at: Any, status: str = "official", currency: str | None = None) -> None:
        """The model is no longer sold from ``at``: close its open version(s) of ``status``."""
        self._apply(model, None, close=(_when(at, "at"), status, currency), provider=None)

    # -- machinery ---------------------------------------------------------------------------
    def _version(self, vid: str, start: Any, rates: Mapping[str, Any], citations: Sequence[Mapping[str, Any]],
                 status: str, currency: str, end: Any, note: str | None) -> dict[str, Any]:
        if not isinstance(vid, str) or not _ID.match(vid):
            raise DataFileError(f"version id {vid!r} must be letters, digits, '.', '_' or '-'", field="id")
        if not isinstance(rates, Mapping) or not rates:
            raise DataFileError("a version needs rates, e.g. {'input': '2.50', 'output': '10'}", field="rates")
        if not citations or not all(isinstance(c, Mapping) and c.get("source") for c in citations):
            raise DataFileError("a version needs citations, each with a 'source'", field="citations")
        out: dict[str, Any] = {"id": vid, "status": status, "effective_from": _when(start, "effective_from")}
        if end is not None:
            out["effective_to"] = _when(end, "effective_to")
        if currency != "USD":
            out["currency"] = currency
        out["rates"] = {k: _decimal(v, f"rates.{k}") for k, v in rates.items() if v is not None}
        out["citations"] = [dict(c) for c in citations]
        if note:
            out["note"] = note
        return out

    def _block(self, v: dict[str, Any], indent: int) -> list[str]:
        pad = " " * indent
        lines = [f"{pad}- id: {_scalar(v['id'])}"]
        for k, val in v.items():
            if k == "id":
                continue
            if k == "rates":
                lines.append(f"{pad}  rates: {_flow(val)}")
            elif k == "citations":
                lines.append(f"{pad}  citations: [" + ", ".join(_flow(c) for c in val) + "]")
            else:
                lines.append(f"{pad}  {k}: {_scalar(val)}")
        return lines

    def _apply(self, model: str, version: dict[str, Any] | None, *, close: tuple[Any, str, str | None] | None,
               provider: str | None) -> None:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        if not isinstance(model, str) or not _ID.match(model):
            raise DataFileError(f"model id {model!r} must be letters, digits, '.', '_' or '-'", field="model")
        try:
            doc = YAML(typ="rt").load(self._text)
        except YAMLError as exc:  # pragma: no cover - the file validated on open
            raise DataFileError(f"not valid YAML: {exc}", path=str(self.path)) from None
        lines = self._text.split("\n")
        inserts: list[tuple[int, list[str]]] = []  # (0-based line index to insert before, lines)
        models = doc.get("models")
        entry = models.get(model) if models is not None else None
        closed: set[str] = set()
        if entry is None:
            if version is None or close is not None:
                raise DataFileError(f"no model {model!r} in this file", path=str(self.path), field="models")
            if not provider:
                raise DataFileError(f"{model!r} is a new model: give its provider", field="provider")
            col = models.lc.key(next(iter(models)))[1] if models else 2
            end = self._end_of(lines, models.lc.key(list(models)[-1])[0], col) if models else len(lines)
            block = [f"{' ' * col}{model}:", f"{' ' * col}  provider: {_scalar(provider)}",
                     f"{' ' * col}  versions:", *self._block(version, col + 4)]
            inserts.append((end, block))
        else:
            versions = entry.get("versions")
            if versions is None or versions.fa.flow_style() or any(v.fa.flow_style() for v in versions):
                raise DataFileError(f"the versions of {model!r} are written in flow style ([...] or {{...}}); "
                                    "edit them by hand", path=str(self.path), field=f"models.{model}.versions")
            if close is not None:
                when, status, currency = close
                t = _as_instant(when)
                open_ = [v for v in versions if v.get("effective_to") is None and v.get("status") == status
                         and (currency is None or v.get("currency", "USD") == currency)]
                if not open_:
                    raise DataFileError(f"{model!r} has no open {status} version to close",
                                        path=str(self.path), field=f"models.{model}.versions")
                for v in open_:
                    if not _as_instant(v["effective_from"]) < t:
                        raise DataFileError(f"{model}@{v['id']} starts {v['effective_from']}, not before {when}",
                                            path=str(self.path), field=f"models.{model}.versions")
                    line, col = v.lc.key("effective_from")
                    inserts.append((line + 1, [f"{' ' * col}effective_to: {_scalar(when)}"]))
                    closed.add(str(v["id"]))
            if version is not None:
                last = versions[-1]
                line = last.lc.line
                text = lines[line]
                dash = len(text) - len(text.lstrip(" "))  # the "- " of the last version
                inserts.append((self._end_of(lines, line, dash), self._block(version, dash)))
        for at, block in sorted(inserts, key=lambda x: x[0], reverse=True):
            lines[at:at] = block
        new = "\n".join(lines)
        self._check(new, closed)
        self._write(new)

    @staticmethod
    def _end_of(lines: list[str], start: int, col: int) -> int:
        """The index after the last content line of the block that starts at line ``start`` with its key
        or list dash at column ``col``: the block ends at the next content line indented ``col`` or less."""
        end = start + 1
        for i in range(start + 1, len(lines)):
            s = lines[i]
            stripped = s.strip()
            if not stripped or stripped.startswith("#"):
                continue  # blank lines and comments after a block belong to what follows
            if len(s) - len(s.lstrip(" ")) <= col:
                break
            end = i + 1
        return end

    def _validate(self, text: str) -> Any:
        from .loader import bundled_data_path, load_merged
        if self.with_bundled:
            return load_merged([bundled_data_path("prices.yaml")], texts=[(str(self.path), text)])
        return load_merged([], texts=[(str(self.path), text)])

    def _check(self, new: str, closed: set[str]) -> None:
        before = self._validate(self._text)
        try:
            after = self._validate(new)
        except DataFileError as exc:
            at = f" (line {exc.line} of the edited text)" if exc.line else ""
            raise DataFileError(f"the edit was not written: {exc.detail}{at}", path=str(self.path),
                                field=exc.field) from None
        for mid, model in before.models.items():
            if str(self.path) not in {o.path for k, o in before.origins.items() if k[:2] == ("version", mid)}:
                continue  # a bundled model, not this file's
            now = {v.id: v for v in after.models[mid].versions}
            for v in model.versions:
                w = now.get(v.id)
                if w is None:
                    raise DataFileError(f"the edit would lose {mid}@{v.id}; nothing was written", path=str(self.path))
                if v.id in closed and v.effective_to is None:
                    w = w.model_copy(update={"effective_to": None})
                if w != v:
                    raise DataFileError(f"the edit would change {mid}@{v.id}; nothing was written", path=str(self.path))
        for name in ("sources", "policies", "exchange_rates", "training_costs"):
            old, cur = getattr(before, name), getattr(after, name)
            if (list(old.items()) if isinstance(old, dict) else list(old)) != \
                    (list(cur.items())[:len(old)] if isinstance(cur, dict) else list(cur)[:len(old)]):
                raise DataFileError(f"the edit would change the file's {name}; nothing was written", path=str(self.path))

    def _write(self, text: str) -> None:
        from .._yaml import read_data_text
        if hashlib.sha256(read_data_text(self.path).encode("utf-8")).hexdigest() != self._digest:
            raise DataFileError("changed on disk since it was read; nothing was written (open it again)",
                                path=str(self.path))
        mode = self.path.stat().st_mode & 0o7777
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._text, self._digest = text, hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def text(self) -> str:
        """The file's text as last read or written."""
        return self._text


def _as_instant(v: Any) -> dt.datetime:
    from .._time import to_utc
    return to_utc(v)
