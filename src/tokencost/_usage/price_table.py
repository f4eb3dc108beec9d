"""A catalog flattened into arrays for pricing usage logs without a per-row Python call.

For every *spec* (a model id, or ``MODEL@VERSION`` pinned to one version) the time
axis is cut at every instant where anything that changes a price changes: a
version starts or ends (as :meth:`Catalog.resolve` picks them: promotional over
official, USD first), a provider batch policy starts or ends, or a new dated
exchange rate applies to the version's currency. Between two cuts a spec has one
*segment*: one version, one batch discount (or none), one exchange rate.

Each segment has a few *regimes*, the ways one request can be priced in it::

    standard, tier 1..K        live traffic, by prompt size (``above_prompt_tokens``)
    batch, batch tier 1..K     batch traffic: tier rates x (1 - discount) where it applies
    off-peak window 1..W       live traffic inside a daily UTC window (window rates)
    flex / priority tier 1..K  service tiers in effect (their rates or multiplier)

exactly the choices :func:`tokencost.request_cost` makes (the regimes *are* the pricing
rule's, :func:`tokencost._pricing.rule.regimes`). A regime's rate per unit
(:data:`PRICED_UNITS`) is the rule's exact Decimal (``Regime.rates`` / ``Regime.extra_rate``)
x USD per unit of the version's currency; totals multiply integer sums by these and never
touch a float.

The whole table is built from the catalog alone (never from the data), so regime
numbers mean the same on every Dask worker and in every chunk of a streamed file.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from decimal import Decimal, localcontext

import numpy as np

from .._catalog.catalog import Catalog, Resolved
from .._catalog.schema import COMPONENTS, UNIT_SCALE, OffPeak, PriceVersion
from .._exact import EXACT
from .._pricing import rule
from .._pricing.rule import Regimes
from .._time import from_ticks, to_ticks, to_utc
from ..errors import ExchangeRateError, MissingRateError, NoPriceError, TokencostError, UnknownModelError
from .columns import UNIT_COLUMNS

__all__ = ["PriceTable", "price_table", "INT64_MIN", "SEG_OK", "SEG_NO_PRICE", "SEG_NO_FX", "PRICED_UNITS",
           "EXTRA_PRICED", "EXTRA_EXP"]

# the units a usage log can price: the four token components, then one per UNIT_COLUMNS column
EXTRA_PRICED = tuple(UNIT_COLUMNS.values())
PRICED_UNITS = COMPONENTS + EXTRA_PRICED
# rates are per UNIT_SCALE units, a power of ten: n x rate is shifted by this exponent, exactly
EXTRA_EXP = tuple(-len(str(UNIT_SCALE[u])) + 1 for u in EXTRA_PRICED)

INT64_MIN = np.iinfo(np.int64).min
INT64_MAX = np.iinfo(np.int64).max
MTOK = Decimal(1_000_000)
ONE = Decimal(1)

SEG_OK, SEG_NO_PRICE, SEG_NO_FX = 0, 1, 2


def time_ticks(t: dt.time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


@dataclass
class Segment:
    spec: int
    start_tick: int
    status: int  # SEG_OK / SEG_NO_PRICE / SEG_NO_FX
    res: Resolved | None = None
    fx: Decimal | None = None  # USD per unit of the version's currency (1 for USD)
    fx_note: str | None = None
    batch_discount: Decimal | None = None
    batch_applies: tuple[str, ...] = ()
    batch_from: str | None = None
    thresholds: tuple[int, ...] = ()
    windows: tuple[OffPeak, ...] = ()
    base: int = -1  # first regime id
    regs: Regimes | None = None  # the pricing rule's regimes of this segment, in regime-id order


@dataclass
class PriceTable:
    """Flattened prices for a tuple of specs under one catalog (see the module docstring)."""

    catalog: Catalog
    specs: tuple[str, ...]
    spec_model: list[str]  # canonical model id of each spec
    segments: list[Segment]
    breaks: np.ndarray  # global cut instants (int64 ns), breaks[0] = INT64_MIN
    seg_of: np.ndarray  # (n_specs + 1, n_breaks) -> segment index; the last row (unknown model) -> sink
    # per segment (one extra "sink" row at the end for rows that resolve nowhere)
    seg_status: np.ndarray
    seg_base: np.ndarray  # first regime id
    seg_ntier: np.ndarray  # K + 1
    seg_has_batch: np.ndarray
    seg_thresholds: np.ndarray  # (max_tiers, n_segments+1) int64, INT64_MAX where absent
    seg_windows: np.ndarray  # (max_windows, 2, n_segments+1) int64 ns-of-day, -1 where absent
    seg_flags: np.ndarray  # bit 1: tiers, bit 2: off-peak windows
    # per regime
    reg_segment: np.ndarray
    reg_spec: np.ndarray  # spec index of each regime; len(specs) for the sink
    reg_label: list[str]
    reg_rate: list[
        tuple[Decimal | None, ...]
    ]  # exact USD per Mtok for (fresh input, cached, cache write, output)
    reg_float: np.ndarray  # (len(PRICED_UNITS), n_regimes+1) float USD per unit, 0 where missing; sink last
    reg_missing: np.ndarray  # (len(PRICED_UNITS), n_regimes+1) bool: the rate is unknown
    # exact USD per UNIT_SCALE units of EXTRA_PRICED, per regime (the rule's extra_rate, fallbacks included)
    reg_extra: list[tuple[Decimal | None, ...]] = field(default_factory=list)
    # exact USD per 1,000 requests where the regime charges a per-request fee (None: no fee)
    reg_request: list[Decimal | None] = field(default_factory=list)
    has_request_fee: bool = False
    sink: int = 0
    _names: dict[str, int] = field(default_factory=dict)
    _vlabels: list[str] | None = None

    # -- lookups ----------------------------------------------------------
    def spec_index(self, name: str, *, suggest: bool = True) -> int:
        """Index of a model name (alias, any case) in ``specs``; raises UnknownModelError."""
        hit = self._names.get(name)
        if hit is not None:
            return hit
        mid = self.catalog.model_id(name, suggest=suggest)
        try:
            idx = self.specs.index(mid)
        except ValueError:  # a table built for another log's models
            raise UnknownModelError(name, ()) from None
        self._names[name] = idx
        return idx

    def version_of(self, reg: int) -> PriceVersion | None:
        seg = self.segments[self.reg_segment[reg]] if reg < self.sink else None
        return seg.res.version if seg is not None and seg.res is not None else None

    def regime_model(self, reg: int) -> str:
        return self.spec_model[self.segments[self.reg_segment[reg]].spec]

    def regime_version(self, reg: int) -> str:
        v = self.version_of(reg)
        return v.id if v is not None else ""

    def version_labels(self) -> list[str]:
        """``model@version`` of every regime (cached)."""
        if self._vlabels is None:
            self._vlabels = [f"{self.regime_model(r)}@{self.regime_version(r)}" for r in range(self.sink)]
        return self._vlabels


def _model_cuts(cat: Catalog, mid: str, versions: list[PriceVersion]) -> set[int]:
    cuts: set[int] = set()
    model = cat.models[mid]
    for v in versions:
        cuts.add(to_ticks(v.start))
        if v.end is not None:
            cuts.add(to_ticks(v.end))
    for p in cat.policies:
        if p.kind == "batch" and p.provider == model.provider:
            cuts.add(to_ticks(p.start))
            if p.end is not None:
                cuts.add(to_ticks(p.end))
    for v in versions:  # a service tier may start or end inside a version
        for st in (v.service_tiers or {}).values():
            for edge in (st.effective_from, st.effective_to):
                if edge is not None:
                    cuts.add(to_ticks(to_utc(edge)))
    currencies = {v.currency for v in versions} - {"USD"}
    for r in cat.exchange_rates:
        if r.currency in currencies:
            cuts.add(to_ticks(to_utc(r.on)))  # the rate applies from 00:00 UTC of its day
    return cuts


def _segment(cat: Catalog, spec_idx: int, spec: str, start_tick: int) -> Segment:
    if start_tick == INT64_MIN and "@" not in spec:
        return Segment(spec_idx, start_tick, SEG_NO_PRICE)
    at = from_ticks(max(start_tick, to_ticks(dt.datetime(1, 1, 2, tzinfo=dt.timezone.utc))))
    try:
        res = cat.resolve(spec, at)
    except NoPriceError:
        return Segment(spec_idx, start_tick, SEG_NO_PRICE)
    regs = rule.regimes(cat, res, at)
    seg = Segment(spec_idx, start_tick, SEG_OK, res=res, fx=ONE, thresholds=regs.thresholds,
                  windows=regs.windows, regs=regs)
    if res.version.currency != "USD":
        try:
            ex = cat.exchange_rate(res.version.currency, at)
        except ExchangeRateError:
            seg.status, seg.fx = SEG_NO_FX, None
        else:
            seg.fx, seg.fx_note = ex.usd_per_unit, f"{ex.currency} at {ex.usd_per_unit} USD ({ex.on})"
    if regs.batch is not None:
        seg.batch_discount, seg.batch_applies, seg.batch_from = (regs.batch.discount, tuple(regs.batch.applies_to),
                                                                 regs.batch_from)
    return seg


def build_table(cat: Catalog, specs: tuple[str, ...]) -> PriceTable:
    spec_model: list[str] = []
    seg_lists: list[list[Segment]] = []
    cuts_per_spec: list[np.ndarray] = []
    for i, spec in enumerate(specs):
        name, _, vid = spec.partition("@")
        mid = cat.model_id(name)
        spec_model.append(mid)
        model = cat.models[mid]
        if vid:
            res = cat.resolve(spec)  # raises UnknownVersionError early
            cuts = _model_cuts(cat, mid, [res.version]) - {to_ticks(res.version.start)}
            if res.version.end is not None:
                cuts.discard(to_ticks(res.version.end))
        else:
            eligible = [v for v in model.versions if v.status in ("promotional", "official")]
            cuts = _model_cuts(cat, mid, eligible)
        points = np.array(sorted({INT64_MIN} | cuts), dtype=np.int64)
        cuts_per_spec.append(points)
        seg_lists.append([_segment(cat, i, spec, int(p)) for p in points])
    breaks = (
        np.unique(np.concatenate(cuts_per_spec)) if cuts_per_spec else np.array([INT64_MIN], dtype=np.int64)
    )
    segments: list[Segment] = []
    seg_of = np.zeros((len(specs) + 1, len(breaks)), dtype=np.int32)
    for i, (points, segs) in enumerate(zip(cuts_per_spec, seg_lists)):
        offset = len(segments)
        segments.extend(segs)
        seg_of[i] = offset + (np.searchsorted(points, breaks, side="right") - 1)
    seg_of[len(specs)] = len(segments)  # unknown model -> the sink segment
    # regimes
    reg_segment: list[int] = []
    reg_label: list[str] = []
    reg_rate: list[tuple[Decimal | None, ...]] = []
    reg_extra: list[tuple[Decimal | None, ...]] = []
    reg_request: list[Decimal | None] = []
    exact = localcontext(EXACT)
    exact.__enter__()
    for s_idx, seg in enumerate(segments):
        if seg.status != SEG_OK:
            continue
        seg.base = len(reg_label)
        assert seg.regs is not None and seg.fx is not None
        for reg in seg.regs.all:  # ids: standard tiers, batch tiers, windows (the rule's order)
            # USD per Mtok: the rule's rate (batch discount applied) x USD per unit of its currency
            reg_segment.append(s_idx)
            reg_label.append(reg.label)
            reg_rate.append(tuple(None if r is None else r * seg.fx for r in reg.rates))
            reg_extra.append(tuple(None if r is None else r * seg.fx for r in map(_extra_rate(reg), EXTRA_PRICED)))
            fee = dict(reg.extra).get("request")  # a fee applies only where the version lists one
            reg_request.append(None if fee is None else fee * seg.fx)
    exact.__exit__(None, None, None)
    n_seg, n_reg = len(segments), len(reg_label)
    sink = n_reg
    max_t = max((len(s.thresholds) for s in segments), default=0)
    max_w = max((len(s.windows) for s in segments), default=0)
    seg_status = np.full(n_seg + 1, SEG_NO_PRICE, dtype=np.int8)
    seg_base = np.full(n_seg + 1, sink, dtype=np.int32)
    seg_ntier = np.ones(n_seg + 1, dtype=np.int32)
    seg_has_batch = np.zeros(n_seg + 1, dtype=bool)
    seg_thr = np.full((max_t, n_seg + 1), INT64_MAX, dtype=np.int64)
    seg_win = np.full((max_w, 2, n_seg + 1), -1, dtype=np.int64)
    seg_flags = np.zeros(n_seg + 1, dtype=np.int8)
    for s_idx, seg in enumerate(segments):
        seg_status[s_idx] = seg.status
        if seg.status != SEG_OK:
            continue
        seg_base[s_idx] = seg.base
        seg_ntier[s_idx] = len(seg.thresholds) + 1
        seg_has_batch[s_idx] = seg.batch_discount is not None
        for k, t in enumerate(seg.thresholds):
            seg_thr[k, s_idx] = t
        for j, w in enumerate(seg.windows):
            seg_win[j, 0, s_idx], seg_win[j, 1, s_idx] = time_ticks(w.start), time_ticks(w.end)
        seg_flags[s_idx] = (1 if seg.thresholds else 0) | (2 if seg.windows else 0)
    n_units = len(PRICED_UNITS)
    reg_float = np.zeros((n_units, n_reg + 1), dtype=np.float64)
    reg_missing = np.zeros((n_units, n_reg + 1), dtype=bool)
    scales = [UNIT_SCALE[u] for u in PRICED_UNITS]
    for r_idx, (rates, extras) in enumerate(zip(reg_rate, reg_extra)):
        for c, rate in enumerate(rates + extras):
            if rate is None:
                reg_missing[c, r_idx] = True
            else:
                reg_float[c, r_idx] = float(rate / scales[c])
    return PriceTable(
        catalog=cat,
        specs=specs,
        spec_model=spec_model,
        segments=segments,
        breaks=breaks,
        seg_of=seg_of,
        seg_status=seg_status,
        seg_base=seg_base,
        seg_ntier=seg_ntier,
        seg_has_batch=seg_has_batch,
        seg_thresholds=seg_thr,
        seg_windows=seg_win,
        seg_flags=seg_flags,
        reg_segment=np.array(reg_segment + [n_seg], dtype=np.int32),
        reg_spec=np.array([segments[x].spec for x in reg_segment] + [len(specs)], dtype=np.int64),
        reg_label=reg_label,
        reg_rate=reg_rate,
        reg_float=reg_float,
        reg_missing=reg_missing,
        reg_extra=reg_extra,
        reg_request=reg_request,
        has_request_fee=any(f is not None for f in reg_request),
        sink=sink,
    )


def _extra_rate(reg: rule.Regime) -> Any:
    """The rule's rate of an extra unit in this regime (its fallbacks included), None if it has none."""
    def rate(unit: str) -> Decimal | None:
        try:
            return reg.extra_rate(unit)
        except MissingRateError:
            return None
    return rate


_CACHE: weakref.WeakKeyDictionary[Catalog, dict[tuple[str, ...], PriceTable]] = weakref.WeakKeyDictionary()


def price_table(cat: Catalog, extra_specs: tuple[str, ...] = (), names: Sequence[str] | None = None) -> PriceTable:
    """The table for the models a log names (``names``; every model of ``cat`` when None) plus pinned
    ``MODEL@VERSION`` specs (cached per catalog and spec set).

    Building it costs time per model (each version's regimes), so a log that names 3 of 600 models
    builds 3; a name the catalog does not know is left out and rejected by ``spec_index`` as before.
    """
    if names is None:
        models = tuple(cat)
    else:
        found = []
        for n in dict.fromkeys(names):
            try:
                found.append(cat.model_id(n, suggest=False))  # suggestions come later, per rejected name
            except TokencostError:
                continue  # an unknown or blank name: its rows are rejected with the catalog's own message
        models = tuple(dict.fromkeys(found))
    specs = models + tuple(s for s in dict.fromkeys(extra_specs) if s not in models)
    per = _CACHE.setdefault(cat, {})
    hit = per.get(specs)
    if hit is None:
        hit = build_table(cat, specs)
        if names is not None:
            # results keep one shape whichever models a log names (and the same as a whole-catalog table's,
            # which Dask logs use): requests are counted when any model of the catalog charges per request
            hit.has_request_fee = hit.has_request_fee or cat.any_request_fee
        per[specs] = hit
    return hit
