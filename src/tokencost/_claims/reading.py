"""Reading a claims file claim by claim: one entry that does not validate is an ``unreadable``
row, never the end of the file."""

from __future__ import annotations

import os
from typing import Any

from pydantic import ValidationError

from ..errors import ClaimError, DataFileError
from .result import unreadable
from .schema import Claim, load_claims, located_error

__all__ = ["read_claims"]


def read_claims(path: str | os.PathLike[str] | None = None, *, text: str | None = None) -> list[Any]:
    """Claims from a file, one by one: each entry is a :class:`Claim`, or, where the entry does not
    validate, the ``unreadable`` ClaimResult saying why (so one bad entry does not stop the file).
    A file that is not a claims file at all is still a DataFileError."""
    if text is None and path is None:
        return list(load_claims())
    from .._yaml import load_yaml, load_yaml_text

    name = str(path or "<string>")
    doc = load_yaml_text(text, path=name) if text is not None else load_yaml(path)  # type: ignore[arg-type]
    if not isinstance(doc, dict) or not isinstance(doc.get("claims"), list):
        raise DataFileError("a claims file must be a mapping with a 'claims' list", path=name,
                            line=getattr(doc, "line", None))
    for key in doc:  # a misspelt top-level key is the file's error, as in load_claims
        if key not in ("claims", "schema_version"):
            raise DataFileError(f"unknown top-level key {key!r}; a claims file has 'claims' (and 'schema_version')",
                                path=name, line=doc.lines.get(key) if hasattr(doc, "lines") else None,
                                field=str(key))
    out: list[Any] = []
    seen: set[str] = set()
    for i, item in enumerate(doc["claims"]):
        line = doc["claims"].lines[i] if hasattr(doc["claims"], "lines") else None
        raw = item if isinstance(item, dict) else {"id": f"claims.{i}"}
        # each reason names the file:line of the field at fault, as load_claims' error would
        def at(msg: str, *, field: str = f"claims.{i}", where: int | None = line) -> str:
            return str(DataFileError(msg, path=name, line=where, field=field))
        if not isinstance(item, dict):
            out.append(unreadable(raw, at("each claim must be a mapping")))
            continue
        bad_key = next((k for k in item if not isinstance(k, str)), None)
        if bad_key is not None or None in item:
            where = item.lines.get(bad_key, line) if hasattr(item, "lines") else line
            out.append(unreadable({"id": f"claims.{i}"},
                                  at(f"a claim's keys are names such as 'stated', not {bad_key!r}", where=where)))
            continue
        try:
            c = Claim(**item)
        except (ClaimError, ValidationError) as exc:
            out.append(unreadable(raw, str(located_error(exc, item, name, i, line))))
            continue
        if c.id in seen:
            out.append(unreadable(raw, at(f"duplicate claim id {c.id!r}", field=f"claims.{i}.id")))
            continue
        seen.add(c.id)
        c._origin = (name, line)  # check-time reasons name the claim's file:line
        out.append(c)
    return out
