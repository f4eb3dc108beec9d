"""Safe YAML in, exact numbers out, errors that name file:line.

Numbers written in a data file (``2.50``, ``1e-3``) reach the models as
``Decimal`` built from their text, never through a binary float. Integers stay
``int``. Each mapping remembers the line of each of its keys so a pydantic error
location (``models -> gpt-4o -> versions -> 0 -> rates -> input``) can be turned
back into ``prices.yaml:123``.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import DataFileError

__all__ = ["LineList", "LineMap", "line_of", "load_yaml", "load_yaml_text", "read_data_text", "decode_utf8",
           "validation_error", "MAX_MB_ENV"]


# libyaml's parser when PyYAML was built with it (7x faster on prices.yaml); same resolvers/constructors
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A data file is a few hundred KB; parsing 200 MB of YAML takes minutes and gigabytes. Refuse early.
MAX_MB_ENV = "TOKENCOST_MAX_DATA_MB"
DEFAULT_MAX_MB = 10
MAX_DEPTH = 100  # nesting levels; prices.yaml uses 7
MAX_NODES = 1_000_000  # values after expanding aliases; prices.yaml has ~20,000
MAX_DIGITS = 40  # digits in one number; exponents beyond +-MAX_EXPONENT are refused too
MAX_EXPONENT = 30


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader whose floats are Decimals and whose mappings know their lines."""

    depth = 0


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


# YAML 1.1 reads 010 as 8, 0x10 as 16, 0b11 as 3 and 1:30 as 90; YAML 1.2 and people read them
# differently. Only plain decimal numbers are numbers here; anything else is refused by line.
_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_PLAIN_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$")


def _ambiguous(text: str, node: yaml.Node) -> DataFileError:
    low = text.lower().lstrip("+-")
    how = ("hexadecimal" if low.startswith("0x") else "binary" if low.startswith("0b") else "octal"
           if low.startswith("0o") or (low[:1] == "0" and low[1:2].isdigit()) else "base 60" if ":" in low else "")
    if how:
        return DataFileError(f"ambiguous number {text!r} (YAML 1.1 reads it as {how}); write plain decimal digits, "
                             f"or quote it if it is text", line=_line(node))
    return DataFileError(f"{text!r} is not a number", line=_line(node))


def _checked_size(d: Decimal, text: str, node: yaml.Node) -> Decimal:
    digits = len(d.as_tuple().digits)
    if digits > MAX_DIGITS or (d and abs(d.adjusted()) > MAX_EXPONENT):
        raise DataFileError(f"number {text[:40]!r}{'...' if len(text) > 40 else ''} is out of range (at most "
                            f"{MAX_DIGITS} digits, magnitudes 1e-{MAX_EXPONENT}..1e{MAX_EXPONENT})", line=_line(node))
    return d


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if not _PLAIN_INT.match(text):
        raise _ambiguous(text, node)
    digits = text.replace("_", "")
    if len(digits.lstrip("+-")) > MAX_DIGITS:  # int() itself refuses beyond 4,300 digits, with a ValueError
        raise DataFileError(f"number with {len(digits)} digits is out of range (at most {MAX_DIGITS})",
                            line=_line(node))
    return int(digits)


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node))
    if _SPECIAL_FLOAT.match(text):  # .inf / .nan: let validation reject them by field name
        return Decimal(text.lower().replace(".", ""))
    if not _PLAIN_FLOAT.match(text) or len(text) > 4 * MAX_DIGITS:
        raise _ambiguous(text, node)
    try:
        d = Decimal(text.replace("_", ""))
    except InvalidOperation:
        raise _ambiguous(text, node) from None
    return _checked_size(d, text, node)


def _construct_bool(loader: _Loader, node: yaml.ScalarNode) -> bool:
    text = str(loader.construct_scalar(node))
    if text.lower() not in ("true", "false"):
        raise DataFileError(f"{text!r} is not a boolean (true or false)", line=_line(node))
    return text.lower() == "true"


class LineMap(dict):
    """A dict that also records, per key, the line (1-based) it was written on."""

    __slots__ = ("lines", "line")


class LineList(list):
    __slots__ = ("lines", "line")


def _enter(loader: _Loader, node: yaml.Node) -> None:
    loader.depth += 1
    if loader.depth > MAX_DEPTH:  # before Python's own recursion limit turns it into a RecursionError
        raise DataFileError(f"nested more than {MAX_DEPTH} levels deep", line=_line(node))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineMap:
    _enter(loader, node)
    try:
        loader.flatten_mapping(node)
        out = LineMap()
        out.lines, out.line = {}, _line(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise DataFileError("a mapping key must be a single value, not a list or mapping",
                                    line=_line(key_node)) from None
            if key in out:
                raise DataFileError(f"duplicate key {key!r}", line=_line(key_node), field=str(key))
            out[key] = loader.construct_object(value_node, deep=True)
            out.lines[key] = _line(key_node)
        return out
    finally:
        loader.depth -= 1


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    # PyYAML raises a bare ValueError for dates such as 2024-13-01 or 2025-02-30, AttributeError for
    # !!timestamp abc and OverflowError past year 9999; name the line instead
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, AttributeError, TypeError, OverflowError) as exc:
        why = f" ({exc})" if isinstance(exc, ValueError) else ""
        raise DataFileError(f"invalid date {node.value!r}{why}", line=_line(node)) from None


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    _enter(loader, node)
    try:
        out = LineList(loader.construct_object(child, deep=True) for child in node.value)
        out.lines = [_line(child) for child in node.value]
        out.line = _line(node)
        return out
    finally:
        loader.depth -= 1


def _construct_other(loader: _Loader, node: yaml.Node) -> Any:
    raise DataFileError(f"the YAML tag {node.tag!r} is not allowed in a tokencost data file", line=_line(node))


# YAML 1.2 booleans only: "on", "off", "yes", "no" stay strings (an exchange rate's "on:" key is a word)
_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))
# YAML 1.2 reads 1e-3 and 2E6 as numbers; YAML 1.1 (PyYAML) as text that pydantic then parsed unchecked
_Loader.add_implicit_resolver("tag:yaml.org,2002:float", re.compile(r"^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$"),
                              list("-+0123456789"))
_Loader.yaml_constructors = dict(_Loader.yaml_constructors)
for _tag in ("binary", "set", "omap", "pairs"):  # values no tokencost field takes: refuse them by line
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _construct_other)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor(None, _construct_other)  # any other tag, e.g. !!python/object/apply


def _max_bytes() -> int:
    try:
        mb = float(os.environ.get(MAX_MB_ENV, DEFAULT_MAX_MB))
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(mb * 2**20)


def _too_big(size: int, path: str) -> DataFileError:
    return DataFileError(f"is {size / 2**20:.1f} MB; tokencost data files are limited to {_max_bytes() / 2**20:g} MB "
                         f"(set {MAX_MB_ENV} to raise the limit)", path=path)


def _expanded_nodes(doc: Any, path: str) -> None:
    """Refuse alias bombs: count values as if every alias were expanded (each shared value once per use)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(doc, False)]
    while stack:
        node, done = stack.pop()
        if not isinstance(node, (dict, list)) or (not done and id(node) in sizes):
            continue
        kids = list(node.values()) if isinstance(node, dict) else node
        if done:
            n = 1 + sum(sizes.get(id(k), 1) for k in kids)
            sizes[id(node)] = n
            if n > MAX_NODES:
                raise DataFileError(f"expands to more than {MAX_NODES:,} values through YAML aliases "
                                    f"(an alias bomb?)", path=path, line=getattr(node, "line", None))
        else:
            stack.append((node, True))
            stack.extend((k, False) for k in kids)


def load_yaml_text(text: str, *, path: str = "<string>") -> Any:
    if not isinstance(text, str):
        raise DataFileError(f"YAML text must be a str, not {type(text).__name__}", path=path)
    if len(text) > _max_bytes():
        raise _too_big(len(text.encode("utf-8", "surrogatepass")), path)
    try:
        doc = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader
    except DataFileError as exc:
        raise DataFileError(exc.detail, path=path, line=exc.line, field=exc.field) from None
    except yaml.reader.ReaderError as exc:  # a control character (NUL, BEL...): the reader gives an offset
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise DataFileError(f"not valid YAML: control character {char} is not allowed", path=path,
                            line=line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataFileError(f"not valid YAML: {problem}", path=path, line=line) from None
    except RecursionError:
        raise DataFileError(f"nested too deeply (more than {MAX_DEPTH} levels)", path=path) from None
    except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError) as exc:  # a constructor's own error
        raise DataFileError(f"not valid YAML: {type(exc).__name__}: {exc}", path=path) from None
    if "*" in text:  # aliases only; a file without any cannot expand
        _expanded_nodes(doc, path)
    return doc


def read_data_text(path: str | os.PathLike[str]) -> str:
    """A data file's text: a regular file, under the size limit, UTF-8 (a UTF-8 byte-order mark is dropped)."""
    if not isinstance(path, (str, os.PathLike)):
        raise DataFileError(f"a data file path must be a str or os.PathLike, not {type(path).__name__}",
                            path=repr(path))
    p = Path(path)
    try:
        st = p.stat()
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        raise DataFileError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", path=str(p)) from None
    if stat.S_ISDIR(st.st_mode):
        raise DataFileError("is a directory, not a file", path=str(p))
    if not stat.S_ISREG(st.st_mode):  # a FIFO would block forever, a device never end
        raise DataFileError("is not a regular file (a FIFO, socket or device?)", path=str(p))
    if st.st_size > _max_bytes():
        raise _too_big(st.st_size, str(p))
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise DataFileError(f"cannot read: {exc.strerror}", path=str(p)) from None
    return decode_utf8(data, str(p))


def decode_utf8(data: bytes, path: str) -> str:
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                      (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if data.startswith(bom):
            raise DataFileError(f"is {name}-encoded (byte-order mark); save it as UTF-8", path=path, line=1)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataFileError(f"not UTF-8: byte 0x{data[exc.start]:02x} at column {col}; save the file as UTF-8",
                            path=path, line=line) from None


def load_yaml(path: str | os.PathLike[str]) -> Any:
    text = read_data_text(path)
    return load_yaml_text(text, path=str(path))


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
    msg = err["msg"].removeprefix("Value error, ") + (f" (and {more} more error(s))" if more > 0 else "")
    return DataFileError(msg, path=path, line=line_of(doc, clean), field=field)
