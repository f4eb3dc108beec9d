"""The ``tokencost`` command line: prices, cost, compare, claims, explain, usage.

Exit codes: 0 success, 2 bad input (one line on stderr), 1 unexpected failure.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._report.options import add_price_options, catalog_from
from ._report.tables import FORMATS, render
from .errors import TokencostError


def _add_workload_opts(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tokens", required=True, help="volume, e.g. 100M/day, '3B tokens/month', "
                                                   "'2500 requests/day x 4k tokens'")
    p.add_argument("--input-share", required=True, help="fraction of tokens that are input, e.g. 0.8")
    p.add_argument("--cached-share", default="0", help="fraction of input tokens read from cache")
    p.add_argument("--cache-write-share", default="0", help="fraction of input tokens written to cache")
    p.add_argument("--batch-share", default="0", help="fraction of tokens sent via batch API")
    p.add_argument("--off-peak-share", default=None, help="fraction of live tokens in off-peak windows, or 'uniform'")
    p.add_argument("--prompt-tokens", default=None, help="prompt tokens per request (selects context tiers)")
    p.add_argument("--month", default="30d", help="month length: 30d (default), 30.4375d, calendar, or days")
    p.add_argument("--at", default=None, help="pricing date (ISO); default now")
    p.add_argument("--currency", default="USD", choices=["USD", "CNY"])
    p.add_argument("--format", default="table", choices=FORMATS)
    add_price_options(p)


def _workload(args: argparse.Namespace):  # noqa: ANN202
    from ._engine.workload import Workload
    return Workload(tokens=args.tokens, input_share=args.input_share, cached_share=args.cached_share,
                    cache_write_share=args.cache_write_share, batch_share=args.batch_share,
                    off_peak_share=args.off_peak_share, prompt_tokens=args.prompt_tokens, month=args.month)


def cmd_prices(args: argparse.Namespace) -> int:
    cat = catalog_from(args)
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
            from ._catalog.catalog import to_utc
            when = to_utc(args.at)
            keep = []
            for mid in cat:
                try:
                    keep.append((mid, cat.resolve(mid, when).version.id))
                except TokencostError:
                    continue
            df = df[[(m, v) in set(keep) for m, v in zip(df["model"], df["version"])]]
    cols = ["model", "version", "status", "effective_from", "effective_to", "currency", "input", "cached_input",
            "cache_write", "output", "batch_discount", "tiers", "off_peak", "sources"]
    df = df[cols] if args.format != "table" else df[[c for c in cols if df[c].astype(bool).any()]]
    print(render(df.reset_index(drop=True), args.format))
    return 0


def cmd_cost(args: argparse.Namespace) -> int:
    from ._engine.cost import monthly_cost
    c = monthly_cost(_workload(args), args.model, args.at, currency=args.currency, catalog=catalog_from(args))
    if args.format == "table":
        print(c)
    else:
        df = c.frame()
        df.insert(0, "version", c.version_id)
        df.insert(0, "model", c.model)
        print(render(df, args.format))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from ._engine.cost import compare
    w = _workload(args)
    df = compare(w, args.models, args.at, currency=args.currency, catalog=catalog_from(args))
    if args.format == "table":
        print(f"Workload: {w.describe()}; prices at {args.at or 'today'}; totals exact, shown to the cent (half-up)")
        df = df.drop(columns=["monthly_cost"]).rename(columns={"rounded": f"monthly_{args.currency}"})
    print(render(df, args.format, max_width=90))
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="tokencost", description="LLM API prices, exact costs, and claim checks.")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("prices", help="price tables: current or full history")
    p.add_argument("model", nargs="?", help="model id or alias (MODEL@VERSION for one version)")
    p.add_argument("--history", action="store_true", help="every version, not just the one in effect")
    p.add_argument("--at", default=None, help="date (ISO); default now")
    p.add_argument("--format", default="table", choices=FORMATS)
    add_price_options(p)
    p.set_defaults(func=cmd_prices)

    p = sub.add_parser("cost", help="exact monthly cost of a workload on one model")
    p.add_argument("model")
    _add_workload_opts(p)
    p.set_defaults(func=cmd_cost)

    p = sub.add_parser("compare", help="monthly cost of one workload on several models")
    p.add_argument("models", nargs="+")
    _add_workload_opts(p)
    p.set_defaults(func=cmd_compare)

    for name in ("claims_cli", "usage_cli", "data_cli"):
        try:
            mod = __import__(f"tokencost._report.{name}", fromlist=["register"])
        except ImportError:
            continue
        mod.register(sub)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except TokencostError as exc:
        print(f"tokencost: error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

