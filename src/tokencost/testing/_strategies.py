"""Hypothesis strategies for tokencost's values: workloads, price versions, catalogs, claims,
usage logs and single requests.

Every keyword argument pins one part of what is generated, in one of three ways:

* a plain value pins it (``tokens="100M/day"``, ``model="gpt-4o"``);
* a pair ``(lo, hi)`` draws it from that closed range (``input_share=(0.6, 0.9)``,
  ``input_tokens=(0, 10_000)``, ``at=("2025-01-01", "2025-06-30")``);
* a hypothesis strategy draws it from that strategy (``month=st.sampled_from(["30d", "31d"])``).

Numbers are drawn as exact ``Decimal`` values on a grid (shares to 1/10,000 by default), so every
example prints the way it was drawn and shrinks towards the low end of its range.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

if TYPE_CHECKING:
    import pandas as pd

    from .._catalog.catalog import Catalog
    from .._catalog.schema import PriceVersion
    from .._claims.schema import Claim
    from .._engine.workload import Workload
    from ._request import Request

__all__ = ["workloads", "price_versions", "catalogs", "claims", "usage_frames", "requests", "decimals",
           "DEFAULT_MODELS", "DEFAULT_PERIOD"]

# Bundled models priced (official, USD, with cache-read rates) throughout DEFAULT_PERIOD; deepseek-chat
# has off-peak windows then, so time-of-day pricing is exercised too.
DEFAULT_MODELS = ("gpt-4o", "gpt-4o-mini", "o3-mini", "claude-3.5-sonnet", "claude-3-haiku", "deepseek-chat")
DEFAULT_PERIOD = ("2025-02-15", "2025-06-30")
_UTC = dt.timezone.utc
_SOURCE_ID = "generated"


def _is_range(v: Any) -> bool:
    return isinstance(v, tuple) and len(v) == 2 and not isinstance(v, SearchStrategy)


def _dec(v: Any) -> Decimal:
    from .._engine.units import to_decimal
    return to_decimal(v, what="bound")


def decimals(lo: Any, hi: Any, places: int = 4) -> SearchStrategy[Decimal]:
    """Exact decimals in the closed range [lo, hi] on a grid of ``10**-places`` (bounds included
    even when they are off the grid)."""
    a, b = _dec(lo), _dec(hi)
    if a > b:
        raise ValueError(f"empty range ({lo}, {hi})")
    scale = Decimal(10) ** places
    ia, ib = int((a * scale).to_integral_value(rounding="ROUND_CEILING")), int((b * scale).to_integral_value(
        rounding="ROUND_FLOOR"))
    grid = st.integers(ia, ib).map(lambda n: _tidy(Decimal(n).scaleb(-places))) if ia <= ib else st.nothing()
    return st.one_of(grid, st.sampled_from(sorted({a, b})))


def _tidy(d: Decimal) -> Decimal:
    """0.2500 -> 0.25, 0E-4 -> 0: the value as a person would write it (never 1E+2)."""
    n = d.normalize()
    return n if n.as_tuple().exponent <= 0 else n.quantize(Decimal(1))


def _pin(v: Any, default: SearchStrategy[Any], rng: Any = None) -> SearchStrategy[Any]:
    """A strategy for one part: None -> default; strategy -> itself; (lo, hi) -> rng(lo, hi); else just(v)."""
    if v is None:
        return default
    if isinstance(v, SearchStrategy):
        return v
    if _is_range(v) and rng is not None:
        return rng(*v)
    return st.just(v)


def _share(v: Any, default: SearchStrategy[Any]) -> SearchStrategy[Any]:
    return _pin(v, default, lambda lo, hi: decimals(lo, hi))


def _ints(v: Any, default: SearchStrategy[int]) -> SearchStrategy[int]:
    return _pin(v, default, lambda lo, hi: st.integers(int(lo), int(hi)))


def _instant(v: Any) -> dt.datetime:
    from .._catalog.catalog import to_utc
    return to_utc(v)


def _instants(v: Any, default: tuple[str, str] = DEFAULT_PERIOD, *, whole_days: bool = False) -> SearchStrategy[Any]:
    def rng(lo: Any, hi: Any) -> SearchStrategy[dt.datetime]:
        a, b = _instant(lo), _instant(hi)
        if whole_days:
            return st.integers(0, (b - a).days).map(lambda n: (a + dt.timedelta(days=n)).date())
        # to the second: usage logs and requests are stamped to the second
        return st.integers(0, int((b - a).total_seconds())).map(lambda n: a + dt.timedelta(seconds=n))
    return _pin(v, rng(*default), rng)


_SCALE_WORDS = {"": 1, "k": 10**3, "M": 10**6, "B": 10**9}


@st.composite
def _volume_text(draw: Any) -> str:
    word = draw(st.sampled_from(["k", "M", "B"]))
    n = draw(st.integers(0, 999 if word != "B" else 9))
    per = draw(st.sampled_from(["day", "month"]))
    return f"{n}{word}/{per}" if draw(st.booleans()) else f"{n}{word} tokens/{per}"


def _volumes(v: Any) -> SearchStrategy[Any]:
    def rng(lo: Any, hi: Any) -> SearchStrategy[int]:  # tokens per month
        return st.integers(int(_dec(lo)), int(_dec(hi)))
    return _pin(v, st.one_of(_volume_text(), st.integers(0, 10**13)), rng)


def workloads(*, tokens: Any = None, input_share: Any = None, cached_share: Any = 0, cache_write_share: Any = 0,
              batch_share: Any = 0, off_peak_share: Any = None, prompt_tokens: Any = None,
              month: Any = "30d") -> SearchStrategy[Workload]:
    """:class:`tokencost.Workload` values.

    >>> workloads(tokens="100M/day", input_share=(0.6, 0.9))          # doctest: +SKIP

    ``tokens``: a volume (``"100M/day"``, tokens per month as a number), a ``(lo, hi)`` range of tokens
    per month, or a strategy; by default ``"<n>{k,M,B}/{day,month}"`` strings and plain numbers.
    Shares (``input_share``, ``cached_share``, ``cache_write_share``, ``batch_share``,
    ``off_peak_share``): a value, a ``(lo, hi)`` range or a strategy; by default ``input_share`` is
    anywhere in [0, 1] and the discount shares are 0 (a model without a batch or off-peak price
    cannot price them). ``cached_share + cache_write_share`` never exceeds 1: the write share is
    drawn from what the cache-read share leaves. ``month``: "30d" unless pinned.
    """
    from .._engine.workload import Workload

    @st.composite
    def build(draw: Any) -> Workload:
        cached = draw(_share(cached_share, st.just(Decimal(0))))
        write = draw(_share(cache_write_share, st.just(Decimal(0))))
        if cached is not None and write is not None and _dec(cached) + _dec(write) > 1:
            write = _dec(write) * (1 - _dec(cached))  # keep it a valid mix, still exact
        return Workload(tokens=draw(_volumes(tokens)), input_share=draw(_share(input_share, decimals(0, 1))),
                        cached_share=cached, cache_write_share=write,
                        batch_share=draw(_share(batch_share, st.just(Decimal(0)))),
                        off_peak_share=draw(_pin(off_peak_share, st.none(), lambda lo, hi: decimals(lo, hi))),
                        prompt_tokens=draw(_ints(prompt_tokens, st.none())),
                        month=draw(_pin(month, st.just("30d"))))
    return build()


def _rate() -> SearchStrategy[Decimal]:
    return decimals(0, 100, places=4)


@st.composite
def _rates_of(draw: Any, components: tuple[str, ...], rates: Any) -> Any:
    from .._catalog.schema import Rates
    if isinstance(rates, Rates):
        return rates
    fixed = dict(rates or {})
    values = {c: draw(_pin(fixed.get(c), _rate(), lambda lo, hi: decimals(lo, hi))) for c in components}
    values.update({c: _dec(v) for c, v in fixed.items() if c not in values})
    return Rates(**{c: None if v is None else _dec(v) for c, v in values.items()})


def price_versions(*, id: Any = None, status: Any = "official", currency: Any = "USD", effective_from: Any = None,
                   effective_to: Any = None, rates: Any = None,
                   components: tuple[str, ...] = ("input", "cached_input", "output"), tiers: Any = False,
                   batch: Any = False, off_peak: Any = False, source: str = _SOURCE_ID) -> SearchStrategy[PriceVersion]:
    """Valid :class:`tokencost.PriceVersion` values, each citing ``source`` for every figure.

    ``rates``: a :class:`Rates`, or a dict pinning some components (values, ranges or strategies);
    the other ``components`` get rates in [0, 100] per Mtok to 4 places. ``effective_from``:
    a date, a ``(lo, hi)`` date range or a strategy (default 2023-01-01..2026-12-31);
    ``effective_to``: None (open) by default, or a date after it. ``tiers=True`` adds one or two
    context-length tiers, ``batch=True`` a batch discount, ``off_peak=True`` one off-peak window
    (each also accepts a value or a strategy of its own; tiers and off-peak windows exclude each other,
    as in the price schema).
    """
    from .._catalog.schema import Batch, Citation, OffPeak, PriceVersion, Tier
    if tiers is not False and off_peak is not False:
        raise ValueError("tiers and off-peak windows on one version are not modelled (the price schema "
                         "rejects the combination); ask for one of them")

    @st.composite
    def build(draw: Any) -> PriceVersion:
        start = draw(_instants(effective_from, ("2023-01-01", "2026-12-31"), whole_days=True))
        end = draw(_pin(effective_to, st.none()))
        if isinstance(end, str):
            end = dt.date.fromisoformat(end)
        if end is not None and _instant(end) <= _instant(start):
            end = None
        base = draw(_rates_of(tuple(components), rates))
        present = base.present()
        tier_v: Any = ()
        if tiers is True:
            n = draw(st.integers(1, 2))
            sizes = sorted(draw(st.sets(st.integers(1, 10**6), min_size=n, max_size=n)))
            tier_v = tuple(Tier(above_prompt_tokens=s, rates=draw(_rates_of(present, None))) for s in sizes)
        elif tiers is not False:
            tier_v = draw(_pin(tiers, st.just(())))
        batch_v: Any = None
        if batch is True:
            batch_v = Batch(discount=draw(decimals(0, 1, places=2)))
        elif batch is not False:
            batch_v = draw(_pin(batch, st.none()))
        peak_v: Any = ()
        if off_peak is True:
            h0, h1 = draw(st.integers(0, 23)), draw(st.integers(1, 23))
            peak_v = (OffPeak(start=dt.time(h0, 30), end=dt.time((h0 + h1) % 24, 30),
                              rates=draw(_rates_of(present, None))),)
        elif off_peak is not False:
            peak_v = draw(_pin(off_peak, st.just(())))
        vid = draw(_pin(id, st.just(f"v-{start}")))
        return PriceVersion(id=vid, status=draw(_pin(status, st.just("official"))),
                            effective_from=start, effective_to=end, currency=draw(_pin(currency, st.just("USD"))),
                            rates=base, tiers=tier_v, batch=batch_v, off_peak=peak_v,
                            citations=(Citation(source=source),))
    return build()


def catalogs(*, models: Any = (1, 3), versions: Any = (1, 3), start: Any = "2024-01-01",
             components: tuple[str, ...] = ("input", "cached_input", "output"), tiers: Any = False,
             batch: Any = False, off_peak: Any = False, provider: str = "acme") -> SearchStrategy[Catalog]:
    """Self-consistent :class:`tokencost.Catalog` values: each model has consecutive official
    versions (each closing where the next begins, the last open) from ``start`` on.

    ``models``: a count, a ``(lo, hi)`` count range, or a list of model ids to create;
    ``versions``: versions per model (count or range). ``tiers``/``batch``/``off_peak`` are passed to
    :func:`price_versions`. One vendor-page source (``"generated"``) backs every figure.
    """
    from .._catalog.catalog import Catalog
    from .._catalog.loader import MergedData, check_merged, merge_into
    from .._catalog.schema import Model, PriceFile, Source

    names_s = (st.just(list(models)) if isinstance(models, (list, tuple)) and not _is_range(models)
               else _ints(models, st.integers(1, 3)).map(lambda n: [f"model-{chr(97 + i)}" for i in range(n)]))

    @st.composite
    def build(draw: Any) -> Catalog:
        t0 = _instant(start).date()
        out: dict[str, Model] = {}
        for mid in draw(names_s):
            n = draw(_ints(versions, st.integers(1, 3)))
            gaps = draw(st.lists(st.integers(1, 400), min_size=n - 1, max_size=n - 1))
            bounds = [t0]
            for g in gaps:
                bounds.append(bounds[-1] + dt.timedelta(days=g))
            vs = []
            for i, b in enumerate(bounds):
                end = bounds[i + 1] if i + 1 < len(bounds) else None
                vs.append(draw(price_versions(id=f"v{i + 1}", effective_from=b, effective_to=end,
                                              components=components, tiers=tiers, batch=batch,
                                              off_peak=off_peak)))
            out[mid] = Model(provider=provider, versions=tuple(vs))
        pf = PriceFile(sources={_SOURCE_ID: Source(kind="vendor_page", url="https://example.invalid/generated",
                                                    title="generated by tokencost.testing")},
                       models=out)
        merged = MergedData()
        merge_into(merged, pf, {}, "<generated>")
        check_merged(merged)
        return Catalog(merged)
    return build()


def _stated_for(kind: str) -> SearchStrategy[str]:
    if kind == "percent_cheaper":
        return decimals(0, 100, places=1).map(lambda d: f"{d.normalize():f}%")
    if kind == "cost_fraction":
        return st.one_of(st.sampled_from(["one-tenth", "a fifth", "half", "1/20th", "a fraction"]),
                         decimals(0, 100, places=0).map(lambda d: f"{d}%"))
    return st.integers(0, 10**7).map(lambda n: f"${n:,}")


def claims(*, kind: Any = None, stated: Any = None, hedge: Any = None, basis: Any = "blended", subject: Any = None,
           baseline: Any = None, at: Any = None, input_share: Any = (0, 1), tokens: Any = "100M/day",
           models: Any = DEFAULT_MODELS, id: Any = None) -> SearchStrategy[Claim]:
    """:class:`tokencost.Claim` values that the checker can evaluate.

    ``kind``: one of percent_cheaper, cost_fraction, monthly_savings, monthly_cost (default: any);
    ``stated``: the figure as written (default: a figure of the right unit for the kind);
    ``subject``/``baseline``: catalog names (default: two different ``models``, priced at ``at``);
    ``at``: the claim date (default: a day in DEFAULT_PERIOD); ``input_share``: the free range
    (a pair) or a fixed value; ``tokens``: the fixed volume of monthly claims.
    """
    from .._claims.schema import Claim

    kinds = ("percent_cheaper", "cost_fraction", "monthly_savings", "monthly_cost")

    @st.composite
    def build(draw: Any) -> Claim:
        k = draw(_pin(kind, st.sampled_from(kinds)))
        pool = list(models)
        subj = draw(_pin(subject, st.sampled_from(pool)))
        base = draw(_pin(baseline, st.sampled_from([m for m in pool if m != subj] or pool)))
        when = draw(_instants(at, whole_days=True))
        fixed: dict[str, Any] = {}
        free: dict[str, Any] = {}
        if _is_range(input_share):
            free["input_share"] = tuple(str(x) for x in input_share)
        elif input_share is not None:
            fixed["input_share"] = str(draw(_pin(input_share, st.none())))
        if k in ("monthly_savings", "monthly_cost"):
            fixed["tokens"] = draw(_pin(tokens, st.just("100M/day")))
        data = {"id": draw(_pin(id, st.integers(0, 10**6).map(lambda n: f"generated-{n}"))), "kind": k,
                "stated": draw(_pin(stated, _stated_for(k))), "hedge": draw(_pin(hedge, st.none())),
                "subject": subj, "at": when, "fixed": fixed, "free": free}
        if k in ("percent_cheaper", "cost_fraction"):
            data["basis"] = draw(_pin(basis, st.just("blended")))
        if k != "monthly_cost":
            data["baseline"] = base
        return Claim(**data)
    return build()


def requests(*, model: Any = None, at: Any = None, input_tokens: Any = None, output_tokens: Any = None,
             cached_tokens: Any = 0, cache_write_tokens: Any = 0, batch: Any = False,
             models: Any = DEFAULT_MODELS) -> SearchStrategy[Request]:
    """Single :class:`tokencost.testing.Request` values (price them with ``.cost()``).

    By default one of ``models`` at a second in DEFAULT_PERIOD with up to 200k input and 50k
    output tokens; ``cached_tokens``/``cache_write_tokens`` (values, ranges or strategies) are
    capped at what ``input_tokens`` leaves, so every request is well formed.
    """
    from ._request import Request

    @st.composite
    def build(draw: Any) -> Request:
        inp = draw(_ints(input_tokens, st.integers(0, 200_000)))
        cached = min(draw(_ints(cached_tokens, st.just(0))), inp)
        write = min(draw(_ints(cache_write_tokens, st.just(0))), inp - cached)
        return Request(model=draw(_pin(model, st.sampled_from(list(models)))), input_tokens=inp,
                       output_tokens=draw(_ints(output_tokens, st.integers(0, 50_000))), cached_tokens=cached,
                       cache_write_tokens=write, at=draw(_instants(at)), batch=draw(_pin(batch, st.just(False))))
    return build()


def usage_frames(*, rows: Any = (0, 20), models: Any = DEFAULT_MODELS, at: Any = None, input_tokens: Any = None,
                 output_tokens: Any = None, cached_tokens: Any = 0, cache_write_tokens: Any = 0,
                 batch: Any = False) -> SearchStrategy[pd.DataFrame]:
    """Usage logs as pandas DataFrames in canonical columns (timestamp in UTC, model, token counts,
    batch), one row per request; each row is drawn like :func:`requests` with the same keywords.
    ``rows``: a count or a ``(lo, hi)`` range."""
    import pandas as pd

    one = requests(at=at, input_tokens=input_tokens, output_tokens=output_tokens, cached_tokens=cached_tokens,
                   cache_write_tokens=cache_write_tokens, batch=batch, models=models)

    @st.composite
    def build(draw: Any) -> pd.DataFrame:
        n = draw(_ints(rows, st.integers(0, 20)))
        reqs = draw(st.lists(one, min_size=n, max_size=n))
        cols = {
            "timestamp": pd.to_datetime([_instant(r.at) for r in reqs], utc=True),
            "model": pd.Series([r.model for r in reqs], dtype=object),
            "input_tokens": pd.Series([r.input_tokens for r in reqs], dtype="int64"),
            "output_tokens": pd.Series([r.output_tokens for r in reqs], dtype="int64"),
            "cached_tokens": pd.Series([r.cached_tokens for r in reqs], dtype="int64"),
            "cache_write_tokens": pd.Series([r.cache_write_tokens for r in reqs], dtype="int64"),
            "batch": pd.Series([bool(r.batch) for r in reqs], dtype=bool),
        }
        return pd.DataFrame({k: (v.reset_index(drop=True) if hasattr(v, "reset_index") else v)
                             for k, v in cols.items()})
    return build()
