"""``tokencost data import|crosscheck``: public price datasets into our schema, and compared with it.

    tokencost data import genai-prices --provider deepseek -o data/prices/deepseek.yaml
    tokencost data import llm-prices path/to/llm-prices/data --provider alibaba -o qwen.yaml
    tokencost data crosscheck --against genai-prices --format csv

``import`` writes a validated price file (atomically; an existing file only with --force) and prints
what could not be mapped, and why, on stderr (or to --report FILE). ``crosscheck`` prints every
disagreement (model, field, ours, theirs, dates) and, with --missing, the models the peer prices that
we lack. It exits 1 when there is any disagreement, so scripts can gate on it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._report.tables import FORMATS, render
from ..errors import TokencostError
from .options import add_price_options, catalog_from

__all__ = ["register"]


def cmd_import(args: argparse.Namespace) -> int:
    from .._data.importers import import_prices, write_price_file
    res = import_prices(args.dataset, args.path, as_of=args.as_of, revision=args.revision, commit=args.commit)
    providers = res.providers()
    if args.provider is not None and args.provider not in providers:
        raise TokencostError(f"{res.revision} has no provider {args.provider!r}; it has: {', '.join(providers)}")
    text = res.to_yaml(args.provider)
    n = len(res.model_ids(args.provider))
    if args.output:
        write_price_file(args.output, text, force=args.force)
    else:
        sys.stdout.write(text)
    report = res.report(args.provider)
    if args.report:
        write_price_file(args.report, report + "\n", force=args.force)
    else:
        print(report, file=sys.stderr)
    where = f" to {args.output}" if args.output else ""
    print(f"{n} model(s) of {args.provider or 'every provider'} imported from {res.revision}{where}; "
          f"{sum(args.provider in (None, u.provider) for u in res.unmapped)} item(s) not mapped", file=sys.stderr)
    return 0


def cmd_crosscheck(args: argparse.Namespace) -> int:
    from .._data.crosscheck import crosscheck
    rep = crosscheck(args.against, args.path, catalog=catalog_from(args), as_of=args.as_of, revision=args.revision)
    df = rep.missing_frame() if args.missing else rep.frame()
    print(render(df, args.format, max_width=60) if len(df) else "(none)")
    print(rep.summary(), file=sys.stderr)
    return 1 if rep.disagreements and not args.missing else 0


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("data", help="import public price datasets; cross-check the tables against them")
    sub = p.add_subparsers(dest="data_command", required=True)
    datasets = ("genai-prices", "litellm", "llm-prices")

    q = sub.add_parser("import", help="read a dataset into tokencost's price-file schema")
    q.add_argument("dataset", choices=datasets)
    q.add_argument("path", nargs="?", default=None,
                   help="the dataset's data (default: the installed package's); a bare git directory works")
    q.add_argument("--provider", default=None, help="only this provider (our id, e.g. deepseek, xai, groq)")
    q.add_argument("-o", "--output", default=None, help="price file to write (default: stdout)")
    q.add_argument("--force", action="store_true", help="replace an existing output file")
    q.add_argument("--report", default=None, help="write the unmapped items here instead of stderr")
    q.add_argument("--as-of", default=None, help="date the copy was read (ISO); default today")
    q.add_argument("--revision", default=None, help="the copy read, when the path cannot tell: "
                                                    "'litellm 1.110.2' or 'git <sha>'")
    q.add_argument("--commit", default="HEAD", help="commit to read from a git directory")
    q.set_defaults(func=cmd_import)

    q = sub.add_parser("crosscheck", help="every disagreement with a dataset, and the models it has that we lack")
    q.add_argument("--against", default="genai-prices", choices=datasets)
    q.add_argument("path", nargs="?", default=None, help="the dataset's data (default: the installed package's)")
    q.add_argument("--missing", action="store_true", help="list the models they price that we lack instead")
    q.add_argument("--as-of", default=None, help="date the copy was read (ISO); default today")
    q.add_argument("--revision", default=None, help="the copy read, when the path cannot tell")
    q.add_argument("--format", default="table", choices=FORMATS)
    add_price_options(q)
    q.set_defaults(func=cmd_crosscheck)
