"""The ``tokencost`` command line: prices, cost, compare, claims, explain, extract, check, usage, data.

Exit codes: 0 success, 2 bad input (one line on stderr), 1 unexpected failure. Every
subcommand's errors end in :func:`main`'s one handler; messages name command-line flags
(``--input-share``), not the library's keyword arguments.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import NoReturn

from ..errors import StalePriceWarning, TokencostError, cli_spelling
from . import claims, data, edit, extract, prices, usage, workload

__all__ = ["build_parser", "main"]



def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="tokencost", description="LLM API prices, exact costs, and claim checks.")
    sub = ap.add_subparsers(dest="command", required=True)
    prices.register(sub)
    workload.register(sub)
    claims.register(sub)
    extract.register(sub)
    usage.register(sub)
    data.register(sub)
    return ap


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (``tokencost: error: ...``), exit status 2,
    like every other bad input; ``tokencost CMD --help`` still prints the full usage."""

    def error(self, message: str) -> NoReturn:
        prog, *sub = self.prog.split()  # "tokencost cost" for a subcommand's parser
        where = f"{' '.join(sub)}: " if sub else ""
        self.exit(2, f"{prog}: error: {where}{message} (see {self.prog} --help)\n")


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
    if not names:
        return "tokencost: error: " + first
    edge = r"[\w'\"-]"  # not inside a longer name, not a quoted column name
    param = re.compile(rf"(?<!{edge})(" + "|".join(map(re.escape, names)) + rf")(?!{edge})")
    return "tokencost: error: " + param.sub(lambda m: flags[m.group(1)], first)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["prices"] and argv[1:2] and argv[1] in edit.ACTIONS:
        # `tokencost prices add|set|retire ...` edits a file; `tokencost prices MODEL` shows prices
        return _guarded(lambda: edit.run_edit(argv[1:], _Parser))
    ap = build_parser()
    args = ap.parse_args(argv)
    return _guarded(lambda: int(args.func(args) or 0), ap)


def _guarded(run: Callable[[], int], ap: argparse.ArgumentParser | None = None) -> int:
    """Run a command: bad input is exit 2 with one line on stderr, never a traceback."""
    with cli_spelling(), warnings.catch_warnings():
        # a possibly stale price is said in the command's own footer, once, not as a Python warning
        warnings.simplefilter("ignore", StalePriceWarning)
        try:
            code = run()
            sys.stdout.flush()  # a full disk (> /dev/full) shows here, not as a traceback at exit
            return code
        except TokencostError as exc:
            print(error_line(exc, flag_names(ap) if ap is not None else {}), file=sys.stderr)
            return 2
        except BrokenPipeError:  # output piped into `head`: not an error
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
