"""``tokencost prices add | set | retire``: append-only edits of a price file.

    tokencost prices set acme-fast --file my_prices.yaml --id cut-2025-09 --from 2025-09-01 \\
        --input 0.80 --output 3.20 --source acme-pricing
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["ACTIONS", "build_edit_parser", "run_edit"]

ACTIONS = ("add", "set", "retire")


def build_edit_parser(parser_class: type[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    ap = parser_class(prog="tokencost prices", description="Append-only edits of a price file: each edit is "
                      "validated, keeps every existing line, and replaces the file atomically.")
    sub = ap.add_subparsers(dest="action", required=True)
    for name, what in (("add", "append a version (a new model needs --provider)"),
                       ("set", "a new price from --from: close the open version then, append the new one"),
                       ("retire", "close the model's open version at --at")):
        p = sub.add_parser(name, help=what, description=what)
        p.add_argument("model")
        p.add_argument("--file", required=True, metavar="PRICES.yaml", help="the price file to edit")
        p.add_argument("--with-bundled", action="store_true",
                       help="validate it merged over the bundled tables (a file citing bundled sources)")
        p.add_argument("--status", default="official", choices=["official", "promotional", "reported", "rumored"])
        if name == "retire":
            p.add_argument("--at", required=True, help="date (ISO) from which the model is no longer sold")
            p.add_argument("--currency", default=None, choices=["USD", "CNY"])
            continue
        p.add_argument("--id", required=True, help="the new version's id, e.g. official-2025-09-01")
        p.add_argument("--from", dest="effective_from", required=True, help="effective from (ISO date or instant)")
        if name == "add":
            p.add_argument("--to", dest="effective_to", default=None, help="effective to (exclusive), if known")
            p.add_argument("--provider", default=None, help="provider, for a model new to the file")
        for rate in ("input", "cached-input", "cache-write", "output"):
            p.add_argument(f"--{rate}", default=None, metavar="USD_PER_MTOK", help=f"{rate} rate per million tokens")
        p.add_argument("--currency", default="USD", choices=["USD", "CNY"])
        p.add_argument("--source", action="append", required=True, metavar="SOURCE_ID",
                       help="a source id the file defines (repeatable)")
        p.add_argument("--quote", default=None, help="verbatim quote (required when the source is an article)")
        p.add_argument("--note", default=None)
    return ap


def run_edit(argv: Sequence[str], parser_class: type[argparse.ArgumentParser]) -> int:
    from .._catalog.edit import edit_prices

    args = build_edit_parser(parser_class).parse_args(argv)
    ed = edit_prices(args.file, with_bundled=args.with_bundled)
    if args.action == "retire":
        ed.retire(args.model, at=args.at, status=args.status, currency=args.currency)
        print(f"{args.file}: {args.model} retired from {args.at}")
        return 0
    rates = {k: getattr(args, k) for k in ("input", "cached_input", "cache_write", "output")
             if getattr(args, k) is not None}
    cites = [{"source": s} for s in args.source]
    if args.quote:
        cites[-1]["quote"] = args.quote
    common = dict(id=args.id, effective_from=args.effective_from, rates=rates, citations=cites, status=args.status,
                  currency=args.currency, note=args.note)
    if args.action == "add":
        ed.add_version(args.model, effective_to=args.effective_to, provider=args.provider, **common)
    else:
        ed.set_price(args.model, **common)
    print(f"{args.file}: {args.model}@{args.id} added" + (" (the previous price closed)" if args.action == "set" else ""),
          file=sys.stdout)
    return 0
