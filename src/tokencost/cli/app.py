"""The ``tokencost`` command line: prices, cost, compare, claims, explain, usage, data.

Exit codes: 0 success, 2 bad input (one line on stderr), 1 unexpected failure. Every
subcommand's errors end in :func:`main`'s one handler; messages name command-line flags
(``--input-share``), not the library's keyword arguments.
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from collections.abc import Sequence

from ..errors import StalePriceWarning, TokencostError, cli_spelling
from . import claims, data, prices, usage, workload

__all__ = ["build_parser", "main"]

# the library's parameter names in messages -> the flags that set them
_FLAG_OF = {name: "--" + name.replace("_", "-") for name in (
    "input_share", "cached_share", "cache_write_share", "batch_share", "off_peak_share", "prompt_tokens",
    "reprice_as", "assume_utc", "assume_live")}
_PARAM = re.compile(r"\b(" + "|".join(_FLAG_OF) + r")\b(?!-)")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="tokencost", description="LLM API prices, exact costs, and claim checks.")
    sub = ap.add_subparsers(dest="command", required=True)
    prices.register(sub)
    workload.register(sub)
    claims.register(sub)
    usage.register(sub)
    data.register(sub)
    return ap


def error_line(exc: TokencostError) -> str:
    """The one line printed for a bad input: the message's first line, parameters named as flags."""
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return "tokencost: error: " + _PARAM.sub(lambda m: _FLAG_OF[m.group(1)], first)


def main(argv: Sequence[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    with cli_spelling(), warnings.catch_warnings():
        # a possibly stale price is said in the command's own footer, once, not as a Python warning
        warnings.simplefilter("ignore", StalePriceWarning)
        try:
            return int(args.func(args) or 0)
        except TokencostError as exc:
            print(error_line(exc), file=sys.stderr)
            return 2
        except BrokenPipeError:  # output piped into `head`: not an error
            return 0


if __name__ == "__main__":
    sys.exit(main())
