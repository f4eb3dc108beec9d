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



def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="tokencost", description="LLM API prices, exact costs, and claim checks.")
    sub = ap.add_subparsers(dest="command", required=True)
    prices.register(sub)
    workload.register(sub)
    claims.register(sub)
    usage.register(sub)
    data.register(sub)
    return ap


def flag_names(ap: argparse.ArgumentParser) -> dict[str, str]:
    """Library parameter name -> the flag that sets it, for every multi-word flag of every command
    (``input_share`` -> ``--input-share``); one-word flags (``--at``, ``--month``) are ordinary words."""
    out: dict[str, str] = {}
    commands = [a for a in ap._actions if isinstance(a, argparse._SubParsersAction)]
    for parser in (p for c in commands for p in c.choices.values()):
        for action in parser._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and "-" in flag[2:]:
                    out[flag[2:].replace("-", "_")] = flag
    return out


def error_line(exc: TokencostError, flags: dict[str, str]) -> str:
    """The one line printed for a bad input: the message's first line, parameters named as flags.

    A quoted name (``'prompt_tokens'``, a column of a usage log) is left as written."""
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    names = sorted(flags, key=len, reverse=True)
    edge = r"[\w'\"-]"  # not inside a longer name, not a quoted column name
    param = re.compile(rf"(?<!{edge})(" + "|".join(map(re.escape, names)) + rf")(?!{edge})")
    return "tokencost: error: " + param.sub(lambda m: flags[m.group(1)], first)


def main(argv: Sequence[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    with cli_spelling(), warnings.catch_warnings():
        # a possibly stale price is said in the command's own footer, once, not as a Python warning
        warnings.simplefilter("ignore", StalePriceWarning)
        try:
            return int(args.func(args) or 0)
        except TokencostError as exc:
            print(error_line(exc, flag_names(ap)), file=sys.stderr)
            return 2
        except BrokenPipeError:  # output piped into `head`: not an error
            return 0


if __name__ == "__main__":
    sys.exit(main())
