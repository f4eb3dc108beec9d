"""The catalog: every model's price history, answerable by name and date."""

from __future__ import annotations

import datetime as dt
import os
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .._time import UTC, fmt_instant, to_utc
from ..errors import (
    ExchangeRateError,
    NoPriceError,
    RetiredModelError,
    StartUnknownError,
    UnknownModelError,
    UnknownVersionError,
    WorkloadError,
)
from .lazy import LazyModels, alias_items, any_request_fee
from .loader import MergedData, load_merged
from .names import NameIndex, fine_tune_base, normalize_name
from .schema import COMPONENTS, Batch, ExchangeRate, Model, Policy, PriceVersion, Provider, Source, TrainingCost

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Catalog", "Resolved", "load_catalog"]

DEFAULT_STATUSES = ("promotional", "official")
STALE_DAYS = 180  # figures unchecked for longer than this are flagged as possibly stale
_VERTEX_AT = re.compile(r"@(?:\d{8}|\d{3}|latest)$")  # "claude-3-5-sonnet@20240620" is a name, not a pin


@dataclass(frozen=True)
class Resolved:
    """A price version together with the model it belongs to."""

    model_id: str
    model: Model
    version: PriceVersion

    @property
    def label(self) -> str:
        return f"{self.model_id}@{self.version.id}"


def _describe(v: PriceVersion) -> str:
    start = fmt_instant(v.start) if v.effective_from_known else f"(start unknown, evidenced from {fmt_instant(v.start)})"
    return f"{v.id} [{v.status}] {start}..{fmt_instant(v.end) if v.end else 'open'}"


def _evidence(v: PriceVersion, sources: Mapping[str, Any]) -> str:
    """The citation that dates a version of unknown start: the one naming its own dated copy, else the first."""
    c = next((c for c in v.citations if c.revision), v.citations[0])
    src = sources.get(c.source)
    revision = c.revision or getattr(src, "revision", None)
    if revision is not None and revision.startswith("git "):
        revision = f"commit {revision[4:16]}"
    return (f"{c.source}" + (f" row {c.entry!r}" if c.entry else "") + (f" ({revision})" if revision else "")
            + ("" if src is None or src.retrieved is None or c.revision else f" read {src.retrieved}"))


def _fmt(d: Decimal | None) -> str:
    return "" if d is None else f"{d.normalize():f}"


def _not_a_name(spec: object) -> WorkloadError:
    return WorkloadError(f"a model is named by a str such as 'gpt-4o' or 'gpt-4o@VERSION', not "
                         f"{type(spec).__name__} {spec!r:.60}", field="model")


class Catalog:
    """Versioned price tables with provenance. Build one with :func:`load_catalog`.

    Iterating gives the canonical model ids; ``name in catalog`` accepts aliases in any case.
    Lookups: ``model_id(name)`` (alias -> id, with suggestions on a miss), ``resolve(spec, at)``
    (the version in effect at ``at``: promotional over official, or ``"MODEL@VERSION"`` pinned),
    ``versions(name)``, ``batch_for(resolved, at)`` (the batch discount that applies then),
    ``exchange_rate(currency, at)``, ``training_costs(model, at=...)`` (published training-cost figures,
    not API prices). Tables: ``history(name)`` (one row per version),
    ``frame(at=...)`` (every model), ``conflicts()`` (reported figures that disagree). Also
    ``models``, ``sources``, ``policies``, ``exchange_rates`` and ``paths`` (the files merged).

        >>> cat = load_catalog()
        >>> res = cat.resolve("GPT 4o", "2024-09-01")
        >>> res.label, res.version.rates.input
        ('gpt-4o@official-2024-05-13', Decimal('5'))
    """

    def __init__(self, data: MergedData) -> None:
        self._data = data
        self._names: dict[str, str] = {}
        names = list(alias_items(data.models))  # ids and aliases only: a lazy mapping stays unloaded
        for mid, aliases in names:
            for name in (mid, *aliases):
                self._names[normalize_name(name)] = mid
        prefixes = [p for prov in data.providers.values() for p in prov.prefixes]
        self._index = NameIndex(((n, mid) for mid, aliases in names for n in (mid, *aliases)), prefixes)
        self._request_fee: bool | None = None
        self.is_bundled = False  # True for load_catalog()'s bundled tables (what caches may be keyed on)
        self._pinned_cache: dict[str, Resolved] = {}
        self._batches: dict[str, Batch] = {}
        # (spec, currency, statuses) -> (model id, model, version boundaries, interval index -> Resolved)
        self._timelines: dict[tuple[Any, ...], tuple[str, Model, list[dt.datetime], dict[int, Resolved]]] = {}

    # -- mapping-ish access -------------------------------------------------
    @property
    def models(self) -> Mapping[str, Model]:
        """``{id: Model}``, read-only and without a copy (a lookup here costs what a dict lookup does)."""
        return MappingProxyType(self._data.models)  # type: ignore[arg-type]

    def provider_of(self, name: str) -> str:
        """The provider of a model (any accepted spelling), without loading the model's prices."""
        mid = self.model_id(name)
        models = self._data.models
        return models.provider_of(mid) if isinstance(models, LazyModels) else models[mid].provider

    @property
    def any_request_fee(self) -> bool:
        """Whether any model of the catalog charges a fee per request (asked once per usage table)."""
        hit = self._request_fee
        if hit is None:
            hit = self._request_fee = any_request_fee(self._data.models)
        return hit

    @property
    def sources(self) -> dict[str, Source]:
        return dict(self._data.sources)

    @property
    def policies(self) -> list[Policy]:
        return list(self._data.policies)

    @property
    def exchange_rates(self) -> list[ExchangeRate]:
        return list(self._data.exchange_rates)

    @property
    def providers(self) -> dict[str, Provider]:
        """Provider-wide facts (display name, the counting rule of its usage objects)."""
        return dict(self._data.providers)

    @property
    def paths(self) -> list[str]:
        return list(self._data.paths)

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        try:
            self.model_id(name.split("@")[0])
        except UnknownModelError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._data.models)

    def __len__(self) -> int:
        return len(self._data.models)

    def __repr__(self) -> str:
        from .._display.reprs import catalog_repr
        return catalog_repr(self)

    def _repr_html_(self) -> str:
        from .._display.reprs import catalog_html
        return catalog_html(self)

    # -- names ----------------------------------------------------------------
    def model_id(self, name: str, *, suggest: bool = True) -> str:
        """Canonical id for a model id, alias or any spelling the documented matching accepts
        (provider prefixes, dots for hyphens, snapshot dates: see ``tokencost._catalog.names``);
        UnknownModelError with suggestions (``suggest=False`` skips the search for them: a usage
        log with thousands of unknown names), or AmbiguousModelError listing the candidates."""
        if not isinstance(name, str):
            raise _not_a_name(name)
        mid = self._names.get(normalize_name(name))
        if mid is not None:
            return mid
        base = fine_tune_base(name)
        if base is not None:
            return self.model_id(base, suggest=suggest)
        return self._index.lookup(name, suggest=suggest)

    def model(self, name: str) -> Model:
        return self._data.models[self.model_id(name)]

    # -- prices -------------------------------------------------------------
    def resolve(self, spec: str, at: Any = None, *, currency: str | None = None,
                statuses: Sequence[str] = DEFAULT_STATUSES) -> Resolved:
        """``"gpt-4o"`` at a date, or ``"gpt-4o@<version id>"`` regardless of date.

        A retired id priced after its retirement raises :class:`RetiredModelError` naming the date
        and the successor; a fine-tuned id (``ft:BASE:...``) resolves to the base version's
        ``fine_tuned`` rates (an error where none are recorded).
        """
        if type(spec) is not str and not isinstance(spec, str):
            raise _not_a_name(spec)
        if "@" in spec and not _VERTEX_AT.search(spec):
            return self._pinned(spec)
        when = at if type(at) is dt.datetime and at.tzinfo is UTC else to_utc(at)
        # Which versions are in effect changes only at a version's start or end (or the model's
        # retirement), so _pick's answer is constant between two consecutive such instants: pick
        # once per interval, find the interval by bisection. Unlike a cache keyed by instant, this
        # costs the same for a log of distinct timestamps as for one repeated date.
        tkey = (spec, currency, statuses if type(statuses) is tuple else tuple(statuses))
        tl = self._timelines.get(tkey)
        if tl is None:
            mid = self.model_id(spec)
            model = self._data.models[mid]
            bounds = {b for v in model.versions for b in (v.start, v.end) if b is not None}
            if model.retired_at is not None:
                bounds.add(model.retired_at)
            if len(self._timelines) > 100_000:
                self._timelines.clear()
            tl = self._timelines[tkey] = (mid, model, sorted(bounds), {})
        i = bisect_right(tl[2], when)
        res = tl[3].get(i)
        if res is None:  # no price then: _pick raises afresh each time, nothing is kept
            v = self._pick(tl[0], tl[1], when, currency, tkey[2])
            if fine_tune_base(spec) is not None:
                v = self._fine_tuned(tl[0], v, spec)
            res = tl[3][i] = Resolved(tl[0], tl[1], v)
        return res

    def _fine_tuned(self, mid: str, v: PriceVersion, spec: str) -> PriceVersion:
        if v.fine_tuned is None:
            raise NoPriceError(spec, fmt_instant(v.start), [f"{mid}@{v.id}"],
                               reason=f"{spec!r} is a fine-tuned {mid}, and no fine-tune price of {mid} is "
                                      f"recorded in version {v.id}")
        return v.model_copy(update={"id": f"{v.id}+fine-tuned", "rates": v.fine_tuned, "tiers": (),
                                    "off_peak": (), "service_tiers": {}, "batch": None})

    def _pinned(self, spec: str) -> Resolved:
        """``MODEL@VERSION``: that version, whatever its dates or status."""
        hit = self._pinned_cache.get(spec)
        if hit is not None:
            return hit
        name, _, vid = spec.rpartition("@")
        mid = self.model_id(name)
        model = self._data.models[mid]
        for v in model.versions:
            if v.id == vid:
                res = self._pinned_cache[spec] = Resolved(mid, model, v)
                return res
        raise UnknownVersionError(mid, vid, [v.id for v in model.versions])

    def _pick(self, mid: str, model: Model, when: dt.datetime, currency: str | None,
              statuses: Sequence[str]) -> PriceVersion:
        def listing() -> list[str]:
            # the versions in the currency asked for (USD by default); the others just counted
            cur = currency or "USD"
            same = sorted((v for v in model.versions if v.currency == cur), key=lambda v: v.start)
            listed = [_describe(v) for v in same]
            if others := len(model.versions) - len(same):
                listed.append(f"(+{others} in other currencies)")
            return listed

        retired = model.retired_at
        if retired is not None and when >= retired:
            raise RetiredModelError(mid, fmt_instant(when), f"{fmt_instant(retired)} UTC", model.successor,
                                    listing())
        eligible = [v for v in model.versions if v.status in statuses]
        if not eligible:
            raise NoPriceError(mid, when.date(), [f"{mid}@{v.id} ({v.status})" for v in model.versions],
                               reason=f"{mid!r} has no {'/'.join(statuses)} price; pick a reported "
                                      f"figure explicitly as MODEL@VERSION")
        live = [v for v in eligible if v.in_effect(when)]
        if currency is not None:
            live = [v for v in live if v.currency == currency]
        if not live:
            later = [v for v in eligible if v.start > when and (currency is None or v.currency == currency)]
            nxt = min(later, key=lambda v: v.start) if later else None
            if nxt is not None and not nxt.effective_from_known:
                raise StartUnknownError(mid, fmt_instant(when), nxt.id, fmt_instant(nxt.start),
                                        _evidence(nxt, self._data.sources),
                                        listing())
            raise NoPriceError(mid, fmt_instant(when), listing())
        rank = {s: i for i, s in enumerate(statuses)}
        live.sort(key=lambda v: (v.currency != "USD", rank[v.status]))
        return live[0]

    def price(self, spec: str, at: Any = None, *, currency: str | None = None,
              statuses: Sequence[str] = DEFAULT_STATUSES) -> PriceVersion:
        """The price version in effect at ``at`` (promotions win over list prices; USD first)."""
        return self.resolve(spec, at, currency=currency, statuses=statuses).version

    def versions(self, name: str) -> list[PriceVersion]:
        return sorted(self.model(name).versions, key=lambda v: (v.start, v.currency, v.id))

    def last_price_before_retirement(self, name: str, at: Any = None) -> Resolved | None:
        """The last official USD price of a model retired on or before ``at``, else ``None``.

        Pricing a retired model is an error (:meth:`resolve`); this is for reading what someone who
        compares with it after its retirement can only have meant, the price it had when last sold::

            >>> cat = load_catalog()
            >>> cat.last_price_before_retirement("claude-3.5-sonnet", "2026-05-01").label
            'claude-3.5-sonnet@caching-2024-08'
            >>> cat.last_price_before_retirement("claude-3.5-sonnet", "2025-06-01") is None
            True
        """
        mid = self.model_id(name)
        model = self._data.models[mid]
        retired = model.retired_at
        when = to_utc(at)
        if retired is None or when < retired:
            return None
        last = [v for v in model.versions
                if v.status in ("official", "promotional") and v.currency == "USD" and v.start < retired]
        return Resolved(mid, model, max(last, key=lambda v: v.start)) if last else None

    @property
    def data_date(self) -> dt.date | None:
        """When the tables' figures were last checked as a whole (the latest ``as_of`` of its files)."""
        return self._data.as_of

    def staleness(self, res: Resolved, at: dt.datetime) -> str | None:
        """Why a price may be out of date at ``at``, or None: asked for after the data date, or an
        open-ended version whose figures were last checked more than STALE_DAYS before ``at``."""
        day = at.date()
        if self._data.as_of is not None and day > self._data.as_of:
            return (f"priced at {day}, after the tables' data date {self._data.as_of}: "
                    f"{res.label} may have changed since")
        checked = res.version.last_checked
        if res.version.end is None and checked is not None and (day - checked).days > STALE_DAYS:
            return (f"{res.label} was last checked against its source on {checked}, "
                    f"{(day - checked).days} days before {day}")
        return None

    def batch_for(self, res: Resolved, at: dt.datetime) -> tuple[Batch | None, str | None]:
        """The batch discount for a resolved version: its own, else the provider policy then."""
        if res.version.batch is not None:
            return res.version.batch, f"version {res.version.id}"
        for p in self._data.policies:
            if p.kind == "batch" and p.covers(res.model_id, res.model.provider, at):
                assert p.discount is not None
                b = self._batches.get(p.id)
                if b is None:  # one Batch per policy: the pricing rule memoises regimes by it
                    b = self._batches[p.id] = Batch(discount=p.discount, applies_to=p.applies_to)
                return b, f"policy {p.id}"
        return None, None

    def exchange_rate(self, currency: str, at: Any = None) -> ExchangeRate:
        """The latest recorded ``currency``->USD rate on or before ``at``."""
        when = to_utc(at).date()
        rates = sorted((r for r in self._data.exchange_rates if r.currency == currency), key=lambda r: r.on)
        before = [r for r in rates if r.on <= when]
        if not before:
            raise ExchangeRateError(currency, "USD", when, [f"{r.on}: {r.usd_per_unit}" for r in rates])
        return before[-1]

    def training_costs(self, model: str | None = None, *, provider: str | None = None,
                       at: Any = None) -> list[TrainingCost]:
        """Published training-cost records, oldest first: of ``model`` (by any of its names), of
        ``provider``'s models, and only those published on or before ``at`` (a date; default: all).

            >>> cat = load_catalog()
            >>> [(t.id, t.gpu_hours, t.usd_per_gpu_hour, t.cost) for t in cat.training_costs("DeepSeek-V3")]
            [('deepseek-v3-final-run', Decimal('2788000'), Decimal('2'), Decimal('5576000'))]
            >>> cat.training_costs("deepseek-v3", at="2024-12-01")
            []
        """
        mid = self.model_id(model) if model is not None else None
        when = None if at is None else to_utc(at).date()
        out = []
        for t in self._data.training_costs:
            tid = self._names.get(normalize_name(t.model))
            if mid is not None and tid != mid:
                continue
            if provider is not None and (tid is None or self._data.models[tid].provider != provider):
                continue
            if when is not None and t.published > when:
                continue
            out.append(t)
        return sorted(out, key=lambda t: (t.published, t.id))

    # -- tables -------------------------------------------------------------
    def _rows(self, mid: str, at: dt.datetime | None = None) -> list[dict[str, Any]]:
        model = self._data.models[mid]
        rows = []
        for v in sorted(model.versions, key=lambda v: (v.start, v.currency, v.id)):
            # batch availability has its own start date: show what applied at `at`, else at the
            # version's last instant (a policy that began mid-version still applies to it)
            when = at or (v.end - dt.timedelta(microseconds=1) if v.end else to_utc(None))
            batch, why = self.batch_for(Resolved(mid, model, v), max(when, v.start))
            rows.append({
                "model": mid, "provider": model.provider, "version": v.id, "status": v.status,
                "effective_from": v.start, "effective_from_known": v.effective_from_known,
                "effective_to": v.end, "currency": v.currency,
                **{c: getattr(v.rates, c) for c in COMPONENTS},
                "batch_discount": batch.discount if batch else None,
                "tiers": "; ".join(f">{t.above_prompt_tokens}: " + ", ".join(
                    f"{c} {_fmt(getattr(t.rates, c))}" for c in t.rates.present()) for t in v.tiers),
                "off_peak": "; ".join(f"{w.start:%H:%M}-{w.end:%H:%M} UTC: " + ", ".join(
                    f"{c} {_fmt(getattr(w.rates, c))}" for c in w.rates.present()) for w in v.off_peak),
                "sources": ", ".join(dict.fromkeys(c.source for c in v.citations)),
            })
        return rows

    def history(self, name: str, *, at: Any = None) -> pd.DataFrame:
        """One row per price version of a model, oldest first. Rates are exact Decimals."""
        import pandas as pd
        from .._display.frames import tidy
        rows = self._rows(self.model_id(name), None if at is None else to_utc(at))
        return tidy(pd.DataFrame(rows), written=True)

    def frame(self, *, at: Any = None) -> pd.DataFrame:
        """Every version of every model, one row each."""
        import pandas as pd
        when = None if at is None else to_utc(at)
        from .._display.frames import tidy
        return tidy(pd.DataFrame([r for mid in self._data.models for r in self._rows(mid, when)]), written=True)

    def conflicts(self) -> pd.DataFrame:
        """Reported figures that disagree with each other or with the official price then."""
        import pandas as pd
        rows = []
        for mid, model in self._data.models.items():
            reported = [v for v in model.versions if v.status in ("reported", "rumored")]
            for i, a in enumerate(reported):
                others = [(b, "reported-vs-reported") for b in reported[i + 1:]]
                others += [(b, "reported-vs-official") for b in model.versions
                           if b.status == "official" and b.currency == a.currency and b.in_effect(a.start)]
                for b, kind in others:
                    for c in COMPONENTS:
                        va, vb = getattr(a.rates, c), getattr(b.rates, c)
                        if va is not None and vb is not None and va != vb:
                            rows.append({"model": mid, "component": c, "kind": kind,
                                         "version_a": a.id, "status_a": a.status, "value_a": va,
                                         "sources_a": ", ".join(dict.fromkeys(x.source for x in a.citations)),
                                         "version_b": b.id, "status_b": b.status, "value_b": vb,
                                         "sources_b": ", ".join(dict.fromkeys(x.source for x in b.citations)),
                                         "currency": a.currency})
        cols = ["model", "component", "kind", "version_a", "status_a", "value_a", "sources_a",
                "version_b", "status_b", "value_b", "sources_b", "currency"]
        from .._display.frames import tidy
        return tidy(pd.DataFrame(rows, columns=cols), written=True)

    def plot_history(self, model: str, *, components: Sequence[str] | None = None, currency: str = "USD",
                     ax: Any = None) -> Any:
        """A model's price steps over time, per component: a matplotlib Figure (``tokencost[plot]``).

        Official prices are steps over their effective intervals; reported and rumored figures are
        hollow markers apart from them; a last version that ends is marked "retired".

        >>> fig = tc.load_catalog().plot_history("deepseek-chat")   # doctest: +SKIP
        """
        from .._plot.history import plot_history
        return plot_history(self, model, components=components, currency=currency, ax=ax)


_DEFAULT: Catalog | None = None


def _relocated(data: MergedData, main_file: os.PathLike[str] | str) -> MergedData:
    """Cached data with its file paths pointing at this installation's data files: the cache is keyed
    by content, so it may have been built from another checkout with identical files, and paths
    decide error locations and which files a writer must never overwrite."""
    from pathlib import Path

    if not data.paths or data.paths[0] == str(main_file):
        return data
    old_root, new_root = str(Path(data.paths[0]).parent), str(Path(main_file).parent)
    old_prefix = old_root.rstrip(os.sep) + os.sep
    cut = len(old_root.rstrip(os.sep))
    moved: dict[str, str] = {}

    def move(p: str) -> str:
        # string surgery, not pathlib: thousands of origins share a handful of paths, on every cold start
        hit = moved.get(p)
        if hit is None:
            hit = moved[p] = new_root.rstrip(os.sep) + p[cut:] if p.startswith(old_prefix) else p
        return hit

    data.paths = [move(p) for p in data.paths]
    for origin in data.origins.values():
        origin.path = move(origin.path)
    return data


def _bundled_lazily() -> MergedData:
    """The bundled tables, their models packed a provider at a time (see ``lazy``): what the cache keeps."""
    from .lazy import LazyModels
    data = load_merged(None)
    data.models = LazyModels(data.models)  # type: ignore[assignment]
    return data


def load_catalog(*paths: str | os.PathLike[str], bundled: bool | None = None, replace: bool = False) -> Catalog:
    """Load price tables.

    ``load_catalog()`` gives the bundled tables (cached). ``load_catalog("mine.yaml")``
    reads only your file; ``load_catalog("mine.yaml", bundled=True)`` merges it over
    the bundled tables (``replace=True`` lets your models replace bundled ones).
    """
    global _DEFAULT
    if not paths:
        if _DEFAULT is None:
            from .cache import cached
            from .loader import bundled_data_path, bundled_price_paths
            main_file = bundled_data_path("prices.yaml")
            data = cached(bundled_price_paths(), _bundled_lazily)
            _DEFAULT = Catalog(_relocated(data, main_file))
            _DEFAULT.is_bundled = True
        return _DEFAULT
    from .loader import bundled_price_paths
    files = [*bundled_price_paths(), *paths] if bundled else list(paths)
    return Catalog(load_merged(files, replace=replace))
