"""The ``tokencost`` command line: prices, cost, compare, claims, explain, usage.

Exit codes: 0 success, 2 bad input (one line on stderr), 1 unexpected failure.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from .._report.tables import FORMATS, render
from ..errors import TokencostError, UnitError
from . import claims, edit, usage
from .options import add_price_options, catalog_from


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
    from .._engine.workload import Workload
    return Workload(tokens=args.tokens, input_share=args.input_share, cached_share=args.cached_share,
                    cache_write_share=args.cache_write_share, batch_share=args.batch_share,
                    off_peak_share=args.off_peak_share, prompt_tokens=args.prompt_tokens, month=args.month)


def cmd_prices(args: argparse.Namespace) -> int:
    if args.history and args.at:  # --history lists every version; --at would be silently ignored
        raise UnitError(args.at, "--at picks the version in effect then; --history lists every version: use one")
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
            from .._time import to_utc
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
    from .._engine.cost import monthly_cost
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
    from .._engine.cost import compare
    w = _workload(args)
    df = compare(w, args.models, args.at, currency=args.currency, catalog=catalog_from(args))
    if args.format == "table":
        print(f"Workload: {w.describe()}; prices at {args.at or 'today'}; totals exact, shown to the cent (half-up)")
        df = df.drop(columns=["monthly_cost"]).rename(columns={"rounded": f"monthly_{args.currency}"})
    print(render(df, args.format, max_width=90))
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="tokencost", description="LLM API prices, exact costs, and claim checks.")
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

    claims.register(sub)
    usage.register(sub)
    return ap


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (``tokencost: error: ...``), exit status 2,
    like every other bad input; ``tokencost CMD --help`` still prints the full usage."""

    def error(self, message: str) -> NoReturn:
        prog, *sub = self.prog.split()  # "tokencost cost" for a subcommand's parser
        where = f"{' '.join(sub)}: " if sub else ""
        self.exit(2, f"{prog}: error: {where}{message} (see {self.prog} --help)\n")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["prices"] and argv[1:2] and argv[1] in edit.ACTIONS:
        # `tokencost prices add|set|retire ...` edits a file; `tokencost prices MODEL` shows prices
        return _guarded(lambda: edit.run_edit(argv[1:], _Parser))
    ap = build_parser()
    args = ap.parse_args(argv)
    return _guarded(lambda: int(args.func(args) or 0))


def _guarded(run: Callable[[], int]) -> int:
    """Run a command: bad input is exit 2 with one line on stderr, never a traceback."""
    try:
        code = run()
        sys.stdout.flush()  # a full disk (> /dev/full) shows here, not as a traceback at exit
        return code
    except TokencostError as exc:
        print(f"tokencost: error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EIO, errno.EPIPE, errno.EBADF):
            _quiet_stdout()
            print(f"tokencost: error: cannot write the output: {exc.strerror}", file=sys.stderr)
            return 2
        raise


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush of the unwritable buffer is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())

