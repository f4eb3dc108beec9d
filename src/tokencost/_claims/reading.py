"""Reading a claims file claim by claim: one entry that does not validate is an ``unreadable``
row, never the end of the file."""

from __future__ import annotations

import os
from typing import Any

from pydantic import ValidationError

from ..errors import ClaimError, DataFileError
from .result import unreadable
from .schema import Claim, load_claims

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
        raise DataFileError("a claims file must be a mapping with a 'claims' list", path=name)
    out: list[Any] = []
    seen: set[str] = set()
    for i, item in enumerate(doc["claims"]):
        line = doc["claims"].lines[i] if hasattr(doc["claims"], "lines") else None
        raw = item if isinstance(item, dict) else {"id": f"claims.{i}"}
        if not isinstance(item, dict):
            out.append(unreadable(raw, "each claim must be a mapping", line))
            continue
        try:
            c = Claim(**item)
        except ClaimError as exc:
            out.append(unreadable(raw, str(exc), line))
            continue
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            out.append(unreadable(raw, f"{'.'.join(str(x) for x in err['loc'])}: {err['msg']}", line))
            continue
        if c.id in seen:
            out.append(unreadable(raw, f"duplicate claim id {c.id!r}", line))
            continue
        seen.add(c.id)
        out.append(c)
    return out
