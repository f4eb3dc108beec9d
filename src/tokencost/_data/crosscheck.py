"""Compare the catalog with a public dataset: every disagreement, and the models the dataset prices that we lack.

The peer is read with the importers (so its figures are in our terms: per million tokens, tiers by
prompt size, batch as a discount). Each of its prices is compared at the first instant it states it
(a dated price: its start; an undated one: the day the copy was read) with our USD price in effect
then. A field both state and differ on is a disagreement; one only they state is a gap we report as
``ours=None``; a date we hold no price for is listed with ``field="(no price)"``.

Example::

    >>> rep = crosscheck("genai-prices")              # the installed package   # doctest: +SKIP
    >>> rep.disagreements[0]                                                     # doctest: +SKIP
    Disagreement(model='gpt-4o', field='cached_input', ours=Decimal('1.25'), theirs=Decimal('1.5'), ...)
    >>> rep.frame(); rep.missing_frame()                                         # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..errors import TokencostError
from .importers import UNITS as _FIELDS
from .importers import ImportResult, import_prices

if TYPE_CHECKING:
    import pandas as pd

    from .._catalog.catalog import Catalog

__all__ = ["CrossCheck", "Disagreement", "Missing", "crosscheck"]




@dataclass(frozen=True)
class Disagreement:
    """One figure on which our catalog and the peer differ, at one instant.

    ``kind``: "differs" (both state it, differently), "we-lack" (only they state this unit or tier),
    "no-price" (we hold no price for the model at their date).
    """

    kind: str
    model: str
    field: str
    ours: Decimal | str | None
    theirs: Decimal | str | None
    at: dt.date
    our_version: str
    our_from: str
    our_to: str
    entry: str
    their_from: str
    their_to: str


@dataclass(frozen=True)
class Missing:
    """A model the peer prices and we do not."""

    entry: str
    provider: str
    model: str


@dataclass
class CrossCheck:
    """The result of ``crosscheck``: disagreements, models we lack, and the peer copy compared."""

    against: str
    revision: str
    as_of: dt.date
    compared: int = 0
    disagreements: list[Disagreement] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)

    def summary(self) -> str:
        kinds = {k: sum(d.kind == k for d in self.disagreements) for k in ("differs", "no-price", "we-lack")}
        return (f"against {self.revision} (read {self.as_of}): {self.compared} of our models compared, "
                f"{len(self.disagreements)} disagreement(s) ({kinds['differs']} differing figures, "
                f"{kinds['no-price']} dates we do not price, {kinds['we-lack']} units or tiers only they list); "
                f"{len(self.missing)} model(s) they price that we lack")

    def frame(self) -> pd.DataFrame:
        import pandas as pd
        cols = ["kind", "model", "field", "ours", "theirs", "at", "our_version", "our_from", "our_to", "entry",
                "their_from", "their_to"]
        return pd.DataFrame([{c: getattr(d, c) for c in cols} for d in self.disagreements], columns=cols)

    def missing_frame(self) -> pd.DataFrame:
        import pandas as pd
        return pd.DataFrame([{"entry": m.entry, "provider": m.provider, "model": m.model} for m in self.missing],
                            columns=["entry", "provider", "model"])


def _tiers_text(tiers: Any) -> str:
    return "; ".join(f">{n}: " + ", ".join(f"{k}={v}" for k, v in sorted(r.items())) for n, r in tiers) or "-"


def _ours_tiers(v: Any) -> list[tuple[int, dict[str, Decimal]]]:
    return [(t.above_prompt_tokens, {k: getattr(t.rates, k) for k in _FIELDS if getattr(t.rates, k) is not None})
            for t in v.tiers]


def _tiers_agree(ours: list[tuple[int, dict]], theirs: list[tuple[int, dict]]) -> bool:
    """Same thresholds, and the same rate wherever both state one (a rate only one side states is not a
    disagreement about tiers: the base-rate comparison already reports a component one side lacks)."""
    if [n for n, _ in ours] != [n for n, _ in theirs]:
        return False
    return all(o[k] == t[k] for (_, o), (_, t) in zip(ours, theirs) for k in o.keys() & t.keys())


def crosscheck(against: str = "genai-prices", path: str | os.PathLike[str] | None = None, *,
               catalog: Catalog | None = None, as_of: Any = None, revision: str | None = None,
               peer: ImportResult | None = None) -> CrossCheck:
    """Every disagreement between ``catalog`` (default: the bundled one) and the dataset ``against``."""
    from .._catalog.catalog import load_catalog
    from .._catalog.loader import normalize_name
    cat = catalog if catalog is not None else load_catalog()
    res = peer if peer is not None else import_prices(against, path, as_of=as_of, revision=revision)
    out = CrossCheck(against, res.revision, res.as_of)
    ours_providers = {m.provider for m in cat.models.values()}
    for row in res.rows:
        if row.provider not in ours_providers:  # no model of ours can match (and a failed lookup is slow)
            out.missing.append(Missing(row.entry, row.provider, row.model_id))
            continue
        # a peer row is compared only with our model of the same provider: a host's price of a model is
        # not the vendor's (Azure's gpt-4o, OpenRouter's or Avian's GLM-5 are other offers)
        mid = None
        for name in (row.model_id, row.entry, *row.aliases):
            try:
                found = cat.model_id(name)
            except TokencostError:
                continue
            if cat.models[found].provider == row.provider:
                mid = found
                break
        if mid is None:
            out.missing.append(Missing(row.entry, row.provider, row.model_id))
            continue
        out.compared += 1
        for p in row.periods:
            day = p.start
            their_from, their_to = str(p.start), str(p.end or "open")

            where = (mid, day, row.entry, their_from, their_to)

            def add(fld: str, ours: Any, theirs: Any, version: str = "-", frm: str = "-", to: str = "-",
                    where: tuple[Any, ...] = where) -> None:
                kind = "no-price" if fld == "(no price)" else "we-lack" if ours is None else "differs"
                m, at, entry, t_from, t_to = where
                out.disagreements.append(Disagreement(kind, m, fld, ours, theirs, at, version, frm, to, entry,
                                                      t_from, t_to))
            try:
                v = cat.resolve(mid, day, currency="USD").version
            except TokencostError:
                add("(no price)", None, ", ".join(f"{k}={x}" for k, x in sorted(p.rates.items())))
                continue
            vto = str(v.effective_to or "open")
            for k in _FIELDS:
                theirs = p.rates.get(k)
                ours = getattr(v.rates, k)
                if theirs is not None and ours != theirs:
                    add(k, ours, theirs, v.id, str(v.effective_from), vto)
            if p.tiers and not _tiers_agree(_ours_tiers(v), p.tiers):
                add("tiers", _tiers_text(_ours_tiers(v)), _tiers_text(p.tiers), v.id, str(v.effective_from), vto)
            for name, theirs_t in p.service_tiers.items():
                ours_t = v.service_tiers.get(name)
                for k, theirs_r in theirs_t["rates"].items():
                    if ours_t is None:
                        ours_r = None
                    elif ours_t.rates is not None:
                        ours_r = getattr(ours_t.rates, k)
                    else:
                        base = getattr(v.rates, k)
                        ours_r = base * ours_t.multiplier if base is not None and k in ours_t.applies_to else None
                    if ours_r != theirs_r:
                        add(f"service_tiers.{name}.{k}", ours_r, theirs_r, v.id, str(v.effective_from), vto)
            if p.batch:
                batch, _why = cat.batch_for(cat.resolve(mid, day, currency="USD"),
                                            dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))
                ours_d = batch.discount if batch is not None else None
                if ours_d != p.batch["discount"]:
                    add("batch", ours_d, p.batch["discount"], v.id, str(v.effective_from), vto)
    out.missing.sort(key=lambda m: (m.provider, normalize_name(m.model)))
    return out
