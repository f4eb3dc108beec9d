"""``tokencost cost`` and ``tokencost compare``: a monthly workload priced on one model or several.

The workload is given either as a volume and an input share::

    tokencost cost gpt-4o --tokens 100M/day --input-share 0.8

or per request (the prompt size then also picks the context-length tier)::

    tokencost cost gemini-2.5-pro --requests 2500/day --prompt 250k --output 500
    tokencost cost gpt-4o --tokens "2500 requests/day x 4k prompt + 500 output tokens"
"""

from __future__ import annotations

import argparse
import json
import re
from typing import TYPE_CHECKING, Any

from .._report.tables import FORMATS, jsonable, render
from .options import add_price_options, catalog_from

if TYPE_CHECKING:
    from .._engine.cost import CostBreakdown
    from .._engine.workload import Workload

__all__ = ["register", "workload_from", "cost_document"]

SHARES = ("input_share", "cached_share", "cache_write_share", "cache_write_1h_share", "reasoning_share",
          "batch_share", "flex_share", "priority_share", "off_peak_share")


def _add_workload_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("workload (give --tokens with --input-share, or --requests, --prompt and --output)")
    g.add_argument("--tokens", default=None,
                   help="volume, e.g. 100M/day, '3B tokens/month', '2500 requests/day x 4k tokens', "
                        "'2500 requests/day x 4k prompt + 500 output tokens'")
    g.add_argument("--input-share", default=None,
                   help="fraction of the tokens that are input: 0.8, 80%%, or exactly 8/9")
    g.add_argument("--requests", default=None, help="requests per period, e.g. 2500/day")
    g.add_argument("--prompt", default=None, help="input (prompt) tokens per request, e.g. 4k")
    g.add_argument("--output", default=None, help="output tokens per request, e.g. 500")
    p.add_argument("--cached-share", default="0", help="fraction of input tokens read from cache")
    p.add_argument("--cache-write-share", default="0", help="fraction of input tokens written to cache")
    p.add_argument("--cache-write-1h-share", default="0", help="fraction of input tokens written to a 1-hour cache")
    p.add_argument("--reasoning-share", default="0", help="fraction of output tokens that are reasoning tokens")
    p.add_argument("--batch-share", default="0", help="fraction of tokens sent via batch API")
    p.add_argument("--flex-share", default="0", help="fraction of tokens sent at the flex service tier")
    p.add_argument("--priority-share", default="0", help="fraction of tokens sent at the priority service tier")
    p.add_argument("--web-searches", default=None, help="web-search tool calls per period, e.g. 1000/day")
    p.add_argument("--off-peak-share", default=None, help="fraction of live tokens in off-peak windows, or 'uniform'")
    p.add_argument("--prompt-tokens", default=None, help="prompt tokens per request (selects context tiers)")
    p.add_argument("--month", default="30d", help="month length: 30d (default), 30.4375d, calendar, or days")
    p.add_argument("--at", default=None, help="pricing date (ISO); default now")
    p.add_argument("--currency", default="USD", choices=["USD", "CNY"])
    p.add_argument("--format", default="table", choices=FORMATS)
    add_price_options(p)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("cost", help="exact monthly cost of a workload on one model")
    p.add_argument("model")
    _add_workload_options(p)
    p.set_defaults(func=run_cost, parser=p)

    p = sub.add_parser("compare", help="monthly cost of one workload on several models")
    p.add_argument("models", nargs="+")
    _add_workload_options(p)
    p.set_defaults(func=run_compare, parser=p)


# "2500/day", "2,500 per day", "2.5k a day": the count, then where its period starts
_BARE_RATE = re.compile(r"^\s*([0-9][0-9,_]*(?:\.[0-9]+)?\s*(?:[kKmMbB](?![a-zA-Z]))?)\s*(?=/|per\b|an?\b|each\b|every\b)",
                        re.I)


def _requests_text(text: str) -> str:
    """``"2500/day"`` -> ``"2500 requests/day"``; text that names its unit is left alone."""
    return _BARE_RATE.sub(lambda m: f"{m.group(1)} requests", text, count=1)


def workload_from(args: argparse.Namespace) -> Workload:
    """The workload the flags describe; argparse-style usage errors (exit 2) for flags that do not fit."""
    from .._engine.workload import Workload

    parser: argparse.ArgumentParser = args.parser
    per_request = {"--requests": args.requests, "--prompt": args.prompt, "--output": args.output}
    if any(v is not None for v in per_request.values()):
        missing = [k for k, v in per_request.items() if v is None]
        if args.tokens is not None:
            parser.error("give either --tokens or --requests/--prompt/--output, not both")
        if missing:
            parser.error(f"--requests, --prompt and --output go together; missing {', '.join(missing)}")
        if args.input_share is not None:
            parser.error("--input-share does not apply to --requests/--prompt/--output (they fix the split)")
        req = _requests_text(args.requests)
        volumes: dict[str, Any] = {"input": f"{req} x {args.prompt} tokens", "output": f"{req} x {args.output} tokens"}
    elif args.tokens is None:
        parser.error("the following arguments are required: --tokens (with --input-share), "
                     "or --requests, --prompt and --output")
    else:
        volumes = {"tokens": args.tokens, "input_share": args.input_share}
    return Workload(**volumes, cached_share=args.cached_share, cache_write_share=args.cache_write_share,
                    cache_write_1h_share=args.cache_write_1h_share, reasoning_share=args.reasoning_share,
                    batch_share=args.batch_share, flex_share=args.flex_share, priority_share=args.priority_share,
                    off_peak_share=args.off_peak_share, web_searches=args.web_searches,
                    prompt_tokens=args.prompt_tokens, month=args.month)


def cost_document(c: CostBreakdown, w: Workload) -> dict[str, Any]:
    """What ``cost --format json`` prints: the total, its currency, every assumption, the versions used."""
    from .._fraction import exact_decimal

    exact = c.total_exact if c.total_exact is not None else None
    v = c.version
    assumptions: dict[str, Any] = {
        "month": str(w.month), "month_days": c.month_days, "tokens_per_month": c.tokens_per_month,
        "prompt_tokens": w.prompt_tokens, "tier": c.tier,
        **{s: getattr(w, s) for s in SHARES},
    }
    if w.tokens is not None:
        assumptions["tokens"] = str(w.tokens)
    else:
        assumptions["input"], assumptions["output"] = str(w.input), str(w.output)
    doc: dict[str, Any] = {
        "model": c.model,
        "currency": c.currency,
        "total": c.total if c.exact else None,
        "total_fraction": exact,  # exact value as numerator/denominator (also when it has no decimal form)
        "total_rounded": f"{c.rounded():f}",  # to the cent, as shown
        "rounding": "half-up to the cent, for display; 'total' is exact" if c.exact else
                    "half-up to the cent, for display; the exact total is 'total_fraction' "
                    "(no finite decimal form)",
        "at": c.at,
        "assumptions": assumptions,
        "versions": [{"model": c.model, "version": v.id, "status": v.status, "currency": v.currency,
                      "effective_from": v.start, "effective_to": v.end,
                      "sources": list(dict.fromkeys(x.source for x in v.citations))}],
        "exchange_rate": None if c.exchange is None else {
            "currency": c.exchange.currency, "usd_per_unit": c.exchange.usd_per_unit, "on": c.exchange.on,
            "source": c.exchange.source},
        "notes": list(c.assumptions),
        "possibly_stale": c.stale,
        "lines": [{"component": li.component, "segment": li.segment,
                   "tokens": li.tokens if li.exact else None,
                   "tokens_fraction": None if li.exact else li.tokens_exact,
                   "rate_per_mtok": li.rate, "cost": li.cost if li.exact else None,
                   "cost_fraction": None if li.exact else li.cost_exact, "exact": li.exact} for li in c.lines],
    }
    if exact is not None and exact_decimal(exact) is not None:
        doc["total_fraction"] = None  # the decimal says it all
    return jsonable(doc)


def run_cost(args: argparse.Namespace) -> int:
    from .._engine.cost import monthly_cost

    w = workload_from(args)
    c = monthly_cost(w, args.model, args.at, currency=args.currency, catalog=catalog_from(args))
    if args.format == "table":
        print(c)
    elif args.format == "json":
        print(json.dumps(cost_document(c, w), indent=2, ensure_ascii=False))
    else:
        rows = [{"model": c.model, "version": c.version_id, "component": li.component, "segment": li.segment,
                 "tokens": li.tokens, "rate_per_mtok": li.rate, "cost": li.cost, "exact": li.exact}
                for li in c.lines]
        print(render(rows, args.format))
        if c.stale and args.format == "markdown":
            print(f"\n_possibly stale: {c.stale}_")
    return 0


def run_compare(args: argparse.Namespace) -> int:
    from .._engine.cost import compare

    w = workload_from(args)
    df = compare(w, args.models, args.at, currency=args.currency, catalog=catalog_from(args))
    stale = [f"{m}: {s}" for m, s in zip(df["model"], df["possibly_stale"]) if s] if len(df) else []
    if args.format == "table":
        print(f"Workload: {w.describe()}; prices at {args.at or 'today'}; totals exact, shown to the cent (half-up)")
        df = df.drop(columns=["monthly_cost", "possibly_stale"]).rename(
            columns={"rounded": f"monthly_{args.currency}"})
    print(render(df, args.format, max_width=90))
    if stale and args.format in ("table", "markdown"):
        print("possibly stale prices:\n  " + "\n  ".join(stale))
    return 0
