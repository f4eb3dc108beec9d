"""Safe YAML in, exact numbers out, errors that name file:line.

Numbers written in a data file (``2.50``, ``1e-3``) reach the models as
``Decimal`` built from their text, never through a binary float. Integers stay
``int``. Each mapping remembers the line of each of its keys so a pydantic error
location (``models -> gpt-4o -> versions -> 0 -> rates -> input``) can be turned
back into ``prices.yaml:123``.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import DataFileError

__all__ = ["LineList", "LineMap", "line_of", "load_yaml", "load_yaml_text", "validation_error"]


# libyaml's parser when PyYAML was built with it (7x faster on prices.yaml); same resolvers/constructors
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader whose floats are Decimals and whose mappings know their lines."""


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:  # .inf / .nan: let validation reject them by name
        return Decimal(text.lower().replace(".", ""))


class LineMap(dict):
    """A dict that also records, per key, the line (1-based) it was written on."""

    __slots__ = ("lines", "line")


class LineList(list):
    __slots__ = ("lines", "line")


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    out = LineMap()
    out.lines, out.line = {}, node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise DataFileError(f"duplicate key {key!r}", line=key_node.start_mark.line + 1, field=str(key))
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    return out


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    # PyYAML raises a bare ValueError for dates such as 2024-13-01 or 2025-02-30; name the line instead
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise DataFileError(f"invalid date {node.value!r} ({exc})", line=node.start_mark.line + 1) from None


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.lines = [child.start_mark.line + 1 for child in node.value]
    out.line = node.start_mark.line + 1
    return out


# YAML 1.2 booleans only: "on", "off", "yes", "no" stay strings (an exchange rate's "on:" key is a word)
_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml_text(text: str, *, path: str = "<string>") -> Any:
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader
    except DataFileError as exc:
        raise DataFileError(exc.detail, path=path, line=exc.line, field=exc.field) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataFileError(f"not valid YAML: {problem}", path=path, line=line) from None


def load_yaml(path: str | os.PathLike[str]) -> Any:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"cannot read: {exc.strerror}", path=str(p)) from None
    return load_yaml_text(text, path=str(p))


def line_of(doc: Any, loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest node on ``loc`` that the YAML file actually has."""
    line, node = getattr(doc, "line", None), doc
    for key in loc:
        if isinstance(node, LineMap) and key in node:
            line, node = node.lines[key], node[key]
        elif isinstance(node, LineList) and isinstance(key, int) and 0 <= key < len(node):
            line, node = node.lines[key], node[key]
        else:
            break
    return line


def validation_error(exc: ValidationError, doc: Any, path: str) -> DataFileError:
    """Turn pydantic's first error into a DataFileError at file:line [field]."""
    err = exc.errors(include_url=False)[0]
    loc = tuple(err["loc"])
    # pydantic inserts union-member names ("date", "function-after[...]") into loc; drop them
    clean = tuple(k for k in loc if isinstance(k, int) or (isinstance(k, str) and "[" not in k
                                                             and k not in ("date", "datetime", "decimal")))
    field = ".".join(str(k) for k in clean) or None
    # count distinct places, not pydantic's echoes: one error per union branch, and a container
    # ("versions: at least 1 item") failing only because an item inside it failed
    places = {tuple(k for k in e["loc"] if not (isinstance(k, str) and "[" in k)) for e in exc.errors()}
    roots = [p for p in places if not any(q != p and q[:len(p)] == p for q in places)]
    more = len(roots) - 1
    msg = err["msg"] + (f" (and {more} more error(s))" if more > 0 else "")
    return DataFileError(msg, path=path, line=line_of(doc, clean), field=field)
