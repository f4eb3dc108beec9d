"""A validated cache for the bundled data (prices, claims), so a cold start skips parsing and validation.

The key is a hash of the data files' names and bytes (prices.yaml and every prices/<provider>.yaml), of the code that validates it (schema, loader, YAML
reader), tokencost's version and pydantic's version: any edit to the data or those rules, or an
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


def _package_version() -> str:
    # from the installed distribution's metadata, not tokencost/__init__: the catalog layer
    # must not import the package root (which re-exports every layer above it)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tokencost")
    except PackageNotFoundError:  # a source tree on sys.path: the code hashes below still key the cache
        return "unknown"


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
    # the code that turns the file into a catalog is part of the key too: a changed rule is a changed catalog
    here = Path(__file__).resolve().parent
    try:
        for source in (here / "schema.py", here / "loader.py", here.parent / "_yaml.py", *code):
            h.update(source.read_bytes())
    except OSError:  # sources not on disk (zipped install): no safe key, so no cache
        return build()
    h.update(f"|{_package_version()}|{pydantic.VERSION}".encode())
    key = h.hexdigest()[:24]
    file = d / f"{kind}-{key}.pickle"
    # Unpickling allocates ~100,000 containers (1,500 models) and none of them is garbage: with the
    # collector on, its passes over the growing heap take about half the load time, and once it is back on
    # its next passes scan them all again (~7 ms). So the load runs with the collector paused, and what it
    # loaded is frozen (gc.freeze: kept out of later collections; reference counting still frees it).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with open(file, "rb") as fh:
            value = pickle.load(fh)  # noqa: S301 - the user's own cache, keyed by content hash
        if collecting:
            gc.freeze()
        return value
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
