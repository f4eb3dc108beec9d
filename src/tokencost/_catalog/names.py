"""Model ids as users type them: one deterministic matching procedure.

A name is tried against the model ids and aliases of the catalog in these steps; the first
step that finds exactly one model wins, and a step that finds several raises
:class:`~tokencost.errors.AmbiguousModelError` listing them:

1. **exact**: case-insensitive, spaces and underscores read as hyphens (``GPT 4o`` = ``gpt-4o``);
2. **separators**: dots read as hyphens too (``claude-3.5-sonnet`` = ``claude-3-5-sonnet``);
3. **routing prefixes** dropped, repeatedly: ``provider/`` (litellm, OpenRouter: ``openai/gpt-4o``,
   ``openrouter/anthropic/claude-3.5-sonnet``, ``models/gemini-1.5-pro``) and ``vendor.``
   (Bedrock: ``anthropic.claude-3-5-sonnet-20240620-v1:0``), then steps 1-2 again;
4. **deployment suffixes** dropped: a Bedrock revision (``-v1:0``), a Vertex snapshot
   (``@20240620``), then steps 1-3 again;
5. **snapshot dates** dropped (``-20250929``, ``-2024-08-06``) and ``-latest``, then steps 1-3:
   ``claude-sonnet-4-5-20250929`` prices as ``claude-sonnet-4-5``. A snapshot the tables list
   under its own id (``gpt-4o-2024-05-13``) is found in step 1 and keeps its own prices.

Fine-tuned ids (``ft:gpt-4o-mini-2024-07-18:org::abc``) are recognised by
:func:`fine_tune_base`; the catalog prices them at the base version's ``fine_tuned`` rates.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from ..errors import AmbiguousModelError, UnknownModelError

__all__ = ["NameIndex", "normalize_name", "fold", "fine_tune_base"]

_SNAPSHOT = re.compile(r"(?:-(?:\d{8}|\d{4}-\d{2}-\d{2})|-latest)$")
_DEPLOYMENT = re.compile(r"(?:-v\d+(?::\d+)?|:\d+|@\d{8}|@latest|@\d{3})$")
_VENDOR_DOT = re.compile(r"^(?:[a-z][a-z0-9-]*)\.(?=[a-z])")
_FT = re.compile(r"^ft:(?P<base>[^:]+):")
_SEPARATORS = re.compile(r"[\s_]+")


def normalize_name(name: str) -> str:
    """Lookup key: case-insensitive, spaces/underscores as hyphens (``GPT 4o`` -> ``gpt-4o``)."""
    key = name.strip().lower()
    # the catalog normalises every id and alias of the tables at each start, and nearly all are already
    # keys: every character \s matches is a space or non-printable, so the regex runs only when one may be
    if "_" in key or " " in key or not key.isprintable():
        return _SEPARATORS.sub("-", key)
    return key


def fold(key: str) -> str:
    """A normalised key with dots as hyphens: ``claude-3.5-sonnet`` -> ``claude-3-5-sonnet``."""
    return key.replace(".", "-")


def fine_tune_base(name: str) -> str | None:
    """The base model of an OpenAI-style fine-tuned id, else None."""
    m = _FT.match(name.strip())
    return m["base"] if m else None


class NameIndex:
    """Every id and alias of a catalog, answering :meth:`lookup` by the steps above."""

    def __init__(self, names: Iterable[tuple[str, str]], vendor_prefixes: Iterable[str] = ()) -> None:
        self.exact: dict[str, str] = {}
        self.folded: dict[str, set[str]] = {}
        for name, mid in names:
            key = normalize_name(name)
            self.exact.setdefault(key, mid)
            self.folded.setdefault(fold(key), set()).add(mid)
        self.vendor_prefixes = tuple(sorted({p.lower() for p in vendor_prefixes}, key=len, reverse=True))
        self._memo: dict[str, str] = {}

    def _direct(self, key: str, original: str, how: str) -> str | None:
        mid = self.exact.get(key)
        if mid is not None:
            return mid
        hits = self.folded.get(fold(key), set())
        if len(hits) > 1:
            raise AmbiguousModelError(original, sorted(hits), how)
        return next(iter(hits)) if hits else None

    def _strip_prefixes(self, key: str, original: str) -> str | None:
        seen = key
        while True:
            if "/" in seen:
                seen = seen.split("/", 1)[1]
            else:
                m = _VENDOR_DOT.match(seen)
                if m is None:
                    for p in self.vendor_prefixes:
                        if seen.startswith(p) and len(seen) > len(p):
                            m = re.match(re.escape(p), seen)
                            break
                if m is None:
                    return None
                seen = seen[m.end():]
            hit = self._direct(seen, original, "after dropping a routing prefix")
            if hit is not None:
                return hit

    def lookup(self, name: str, *, suggest: bool = True) -> str:
        """The canonical model id for ``name``; UnknownModelError (with suggestions) or
        AmbiguousModelError otherwise."""
        hit = self._memo.get(name)
        if hit is not None:
            return hit
        key = normalize_name(name)
        mid = self._direct(key, name, "") or self._strip_prefixes(key, name)
        for pattern, how in ((_DEPLOYMENT, "deployment suffix"), (_SNAPSHOT, "snapshot date")):
            if mid is not None:
                break
            stripped = key
            # a deployment suffix can sit behind a routing prefix: strip from the last segment
            while pattern.search(stripped):
                stripped = pattern.sub("", stripped)
                mid = self._direct(stripped, name, f"after dropping the {how}") or \
                    self._strip_prefixes(stripped, name)
                if mid is not None:
                    break
            key = stripped
        if mid is None:
            raise UnknownModelError(name, self.suggest(name) if suggest else ())
        if len(self._memo) < 100_000:
            self._memo[name] = mid
        return mid

    def suggest(self, name: str, n: int = 5) -> list[str]:
        key = normalize_name(name)
        close = difflib.get_close_matches(key, list(self.exact), n=n, cutoff=0.6)
        seen: list[str] = []
        for c in close:
            if self.exact[c] not in seen:
                seen.append(self.exact[c])
        for k, mid in self.exact.items():
            if (k.startswith(key) or key.startswith(k)) and mid not in seen:
                seen.append(mid)
        return seen[:n]
