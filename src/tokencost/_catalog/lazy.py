"""The bundled models as a mapping that unpickles one provider's models when one of them is first used.

The cached bundled tables hold ~1,500 validated models; unpickling them all took about half of a cold
start (``import tokencost`` + first cost), although a first cost needs one model. So the cache stores
each provider's models as its own pickle, plus every model's id and aliases (what the name index needs),
and a model is unpickled with the rest of its provider on first access. It behaves as a read-only
``Mapping[str, Model]`` in the original order; iterating values or items loads everything.
"""

from __future__ import annotations

import gc
import pickle
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .schema import Model

__all__ = ["LazyModels", "alias_items", "any_request_fee"]


class LazyModels(Mapping[str, Model]):
    """``{model id: Model}``, unpickled a provider at a time on first use.

    >>> from tokencost._catalog.loader import load_merged
    >>> lazy = LazyModels(load_merged(None).models)
    >>> "gpt-4o" in lazy, lazy.loaded_providers()
    (True, [])
    >>> lazy["gpt-4o"].provider, lazy.loaded_providers()
    ('openai', ['openai'])
    """

    def __init__(self, models: Mapping[str, Model]) -> None:
        groups: dict[str, dict[str, Model]] = {}
        for mid, model in models.items():
            groups.setdefault(model.provider, {})[mid] = model
        self._shards = {p: pickle.dumps(g, protocol=pickle.HIGHEST_PROTOCOL) for p, g in groups.items()}
        self._provider_of = {mid: m.provider for mid, m in models.items()}  # in the original order
        self._aliases = {mid: tuple(m.aliases) for mid, m in models.items()}
        #: whether any version of any model charges per request (usage tables ask it of the whole catalog)
        self.any_request_fee = any(v.rates.request is not None for m in models.values() for v in m.versions)
        self._loaded: dict[str, Model] = {}
        self._done: set[str] = set()
        self._lock = threading.Lock()

    def _load(self, provider: str) -> None:
        with self._lock:
            if provider in self._done:
                return
            collecting = gc.isenabled()
            gc.disable()  # thousands of fresh containers, none garbage: a collection pass would be wasted
            try:
                models = pickle.loads(self._shards[provider])  # noqa: S301 - our own cache's bytes
            finally:
                if collecting:
                    gc.enable()
            self._loaded.update(models)
            self._done.add(provider)

    def __getitem__(self, mid: str) -> Model:
        model = self._loaded.get(mid)
        if model is None:
            provider = self._provider_of[mid]  # KeyError for an id that is not here, as a dict
            self._load(provider)
            model = self._loaded[mid]
        return model

    def __contains__(self, mid: object) -> bool:
        return mid in self._provider_of

    def __iter__(self) -> Iterator[str]:
        return iter(self._provider_of)

    def __len__(self) -> int:
        return len(self._provider_of)

    def items(self):  # type: ignore[override]
        for provider in self._shards:
            self._load(provider)
        return {mid: self._loaded[mid] for mid in self._provider_of}.items()

    def values(self):  # type: ignore[override]
        return dict(self.items()).values()

    def provider_of(self, mid: str) -> str:
        """A model's provider, without unpickling it."""
        return self._provider_of[mid]

    def copy(self) -> dict[str, Model]:
        """A plain dict of every model (all loaded), as ``dict.copy`` gives."""
        return dict(self.items())

    def alias_items(self) -> Iterable[tuple[str, tuple[str, ...]]]:
        """(id, aliases) of every model, without unpickling any."""
        return self._aliases.items()

    def loaded_providers(self) -> list[str]:
        return sorted(self._done)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<LazyModels: {len(self)} models, providers loaded: {', '.join(self.loaded_providers()) or 'none'}>"


def any_request_fee(models: Mapping[str, Model]) -> bool:
    """Whether any version of any model charges per request, without loading a lazy mapping."""
    if isinstance(models, LazyModels):
        return models.any_request_fee
    return any(v.rates.request is not None for m in models.values() for v in m.versions)


def alias_items(models: Mapping[str, Model]) -> Iterable[tuple[str, tuple[str, ...]]]:
    """(id, aliases) of every model of a plain or lazy mapping, without loading a lazy one."""
    if isinstance(models, LazyModels):
        return models.alias_items()
    return ((mid, tuple(m.aliases)) for mid, m in models.items())
