"""Drafted claims as a claims file: YAML that ``load_claims`` reads unchanged, written atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .._claims.schema import Claim
from ..errors import TokencostError

__all__ = ["claims_yaml", "write_new_file"]

# the order a reviewer reads a claim in; fields left at their default are not written
_ORDER = ("id", "source", "kind", "stated", "hedge", "subject", "baseline", "baseline_candidates", "basis",
          "component", "period", "fixed", "free", "at", "quote", "quote_span", "confidence", "needs_review",
          "note", "reason")


class _Dumper(yaml.SafeDumper):
    """Safe YAML without anchors: every claim reads on its own."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _plain(v: Any) -> Any:
    if isinstance(v, tuple | list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def claims_yaml(claims: list[Claim], *, header: str = "") -> str:
    """The claims as a YAML claims file, with ``header`` as leading comment lines."""
    docs = []
    for c in claims:
        data = c.model_dump(exclude_defaults=True)
        data.setdefault("kind", c.kind)
        data.setdefault("stated", c.stated)
        keys = [k for k in _ORDER if k in data] + sorted(k for k in data if k not in _ORDER)
        docs.append({k: _plain(data[k]) for k in keys})
    body = yaml.dump({"claims": docs}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110,
                     default_flow_style=None)
    lines = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return lines + body


def write_new_file(path: str | os.PathLike[str], text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` atomically (a temporary file in the same folder, then a rename).

    An existing file is never overwritten unless ``force``: it may be someone's reviewed claims.
    """
    p = Path(path)
    if p.exists() and not force:
        raise TokencostError(f"{p} exists; pass --force to overwrite it")
    if not p.parent.exists():
        raise TokencostError(f"{p.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        if not force and p.exists():  # appeared meanwhile: still never overwrite
            raise TokencostError(f"{p} exists; pass --force to overwrite it")
        os.replace(tmp, p)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
