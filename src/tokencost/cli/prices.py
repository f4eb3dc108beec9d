"""``tokencost prices``: the price tables, current or the full history."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from .._report.tables import FORMATS, render
from .._time import fmt_instant
from ..errors import TokencostError, UnitError
from .options import add_price_options, catalog_from

if TYPE_CHECKING:
    from .._catalog.catalog import Catalog

__all__ = ["register"]

COLUMNS = ["model", "version", "status", "effective_from", "start", "effective_to", "currency", "input",
           "cached_input", "cache_write", "output", "batch_discount", "tiers", "off_peak", "sources"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("prices", help="price tables: current or full history")
    p.add_argument("model", nargs="?", help="model id or alias (MODEL@VERSION for one version)")
    p.add_argument("--history", action="store_true", help="every version, not just the one in effect")
    p.add_argument("--at", default=None, help="date (ISO); default now")
    p.add_argument("--format", default="table", choices=FORMATS)
    add_price_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.history and args.at:  # --history lists every version; --at would be silently ignored
        raise UnitError(args.at, "--at picks the version in effect then; --history lists every version: use one")
    cat = catalog_from(args)
    retired: list[dict[str, object]] = []
    if args.model:
        if args.history:
            df = cat.history(args.model)
        else:
            res = cat.resolve(args.model, args.at)
            df = cat.history(res.model_id, at=args.at)
            df = df[df["version"] == res.version.id]
    else:
        df = cat.frame(at=None if args.history else args.at)
        if not args.history:
            from .._time import to_utc

            when = to_utc(args.at)
            keep = set()
            for mid in cat:
                try:
                    keep.add((mid, cat.resolve(mid, when).version.id))
                except TokencostError:
                    continue  # no price in effect then: not listed as current
            df = df[[(m, v) in keep for m, v in zip(df["model"], df["version"])]]
            retired = _retired(cat, when)
    # "unknown": effective_from is the price's earliest evidence, not its start (no source gives one)
    df = df.assign(start=["" if known else "unknown" for known in df["effective_from_known"]])
    # the table drops columns with nothing in them (missing values are NaN, which is truthy)
    shown = [c for c in COLUMNS if (df[c].notna() & df[c].astype(bool)).any()]
    df = df[COLUMNS] if args.format != "table" else df[shown]
    print(render(df.reset_index(drop=True), args.format))
    if not args.model and not args.history and retired and args.format in ("table", "markdown"):
        print(f"\nRetired by {fmt_instant(when)} (priced only before their retirement):")
        print(render(retired, args.format))
    return 0


def _retired(cat: Catalog, when: dt.datetime) -> list[dict[str, object]]:
    """Models whose id was retired at ``when``, with the dates and the successor."""
    rows = []
    for mid in cat:
        m = cat.model(mid)
        if m.retired_at is not None and m.retired_at <= when:
            rows.append({"model": mid, "deprecated": m.deprecated, "retired": fmt_instant(m.retired_at) + " UTC",
                         "successor": m.successor or "", "last_version": max(m.versions, key=lambda v: v.start).id})
    return rows
