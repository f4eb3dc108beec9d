"""A validated cache for the bundled data (prices, claims), so a cold start skips parsing and validation.

The key is a hash of the data files' names and bytes (prices.yaml and every prices/<provider>.yaml), of the
code that reads and validates it (every module of the catalog layer and the package's top-level modules:
schema, loader, YAML reader, ...) and pydantic's version: any edit to the data or that code, or a pydantic
upgrade, misses the cache and re-validates. The cache lives in the user's own cache
directory (``$TOKENCOST_CACHE_DIR``, else ``$XDG_CACHE_HOME/tokencost``, else ``~/.cache/tokencost``);
``TOKENCOST_NO_CACHE=1`` turns it off. It is written atomically and any problem reading or writing it
falls back to a normal load: the cache can make loading faster, never different.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["cached"]


def _dir() -> Path | None:
    if os.environ.get("TOKENCOST_NO_CACHE"):
        return None
    explicit = os.environ.get("TOKENCOST_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tokencost"


def cached(paths: Path | Sequence[Path], build: Callable[[], Any], *, code: tuple[Path, ...] = (),
           kind: str = "catalog") -> Any:
    """``build()``'s result for the file(s) at ``paths``, from the cache when their names and bytes are unchanged
    (a file added, removed or renamed changes the key as surely as an edited one).

    ``code``: more source files whose text is part of the key (the code that builds the value);
    ``kind`` names the cache file (``catalog-<key>.pickle``, ``claims-<key>.pickle``).
    """
    d = _dir()
    if d is None:
        return build()
    import pydantic

    h = hashlib.sha256()
    for path in [paths] if isinstance(paths, Path) else paths:
        data = path.read_bytes()
        h.update(f"{path.name}|{len(data)}|".encode())
        h.update(data)
    # the code that turns the file into a catalog is part of the key too: a changed rule is a changed catalog.
    # That is every module of this layer and the package's top-level modules (the classes the pickle holds
    # come from them), not the installed version: looking that up (importlib.metadata) cost ~3 ms a start,
    # and an upgrade that leaves this code and the data alone builds the same catalog.
    here = Path(__file__).resolve().parent
    sources = [*sorted(here.glob("*.py")), *sorted(here.parent.glob("*.py")), *code]
    try:
        if not any(s.name == "schema.py" for s in sources):
            raise OSError("sources not on disk")
        for source in sources:
            h.update(f"{source.name}|".encode())
            h.update(source.read_bytes())
    except OSError:  # sources not on disk (zipped install): no safe key, so no cache
        return build()
    h.update(f"|{pydantic.VERSION}".encode())
    key = h.hexdigest()[:24]
    file = d / f"{kind}-{key}.pickle"
    # Unpickling allocates thousands of containers and none of them is garbage: with the collector on,
    # its passes over the growing heap are wasted, so the load runs with it paused. (No gc.freeze(): it
    # would also exempt every object of the user's program alive at that moment from later collections.)
    collecting = gc.isenabled()
    gc.disable()
    try:
        with open(file, "rb") as fh:
            return pickle.load(fh)  # noqa: S301 - the user's own cache, keyed by content hash
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    finally:
        if collecting:
            gc.enable()
    value = build()
    try:
        d.mkdir(parents=True, exist_ok=True)
        tmp = file.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, file)
    except OSError:
        pass
    return value
