"""``tokencost usage FILE``: what a usage log cost, exactly, and what it would have cost elsewhere.

    tokencost usage usage.csv --by month --reprice-as deepseek-chat --format table

The file is read in chunks (CSV, Parquet, JSON Lines) and priced chunk by chunk, so
memory stays bounded; a progress bar (tqdm if installed, else a plain counter) shows
on stderr for large files. Totals are exact; the table shows them to the cent
(half-up), CSV and JSON give every digit.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..errors import DataFileError, TokencostError, UsageLogError
from .options import add_price_options, catalog_from

__all__ = ["register", "parse_columns"]

KEYS = ("model", "day", "month", "version", "segment")  # any other --by is a column of the file
MAPPINGS = ("auto", "canonical", "openai", "anthropic", "litellm", "plain")
OUT_FORMATS = ("table", "csv", "json", "markdown")
BIG_FILE = 64 * 1024 * 1024  # show progress above this size


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "usage",
        help="exact cost of a usage log (CSV/Parquet/JSONL), by model/day/month, and repriced",
        description="Price every row of a usage log at the prices in effect at its timestamp. "
        "Exact totals; bad rows are an error (or, with --errors report, listed and excluded).",
    )
    p.add_argument(
        "file",
        help="usage log: .csv, .parquet or .jsonl (OpenAI, Anthropic, LiteLLM exports or canonical columns)",
    )
    p.add_argument(
        "--by",
        action="append",
        default=None,
        metavar="KEY",
        help=f"group totals by {', '.join(KEYS)} or any column of the file, e.g. project_id "
        "(repeatable: --by model --by month); default model. A column of the file reads the whole "
        "file into memory",
    )
    p.add_argument(
        "--reprice-as",
        action="append",
        default=[],
        metavar="MODEL",
        help="also price the log as MODEL (or MODEL@VERSION); repeatable",
    )
    p.add_argument("--format", default="table", choices=OUT_FORMATS)
    p.add_argument(
        "--columns",
        default="auto",
        metavar="MAPPING",
        help=f"which column is which: {'|'.join(MAPPINGS)} (default: detect), or your own names as "
        "canonical=yours pairs, e.g. --columns model=my_model,input_tokens=prompt,output_tokens=completion,"
        "timestamp=created",
    )
    p.add_argument(
        "--errors",
        default="raise",
        choices=("raise", "report"),
        help="raise: stop on bad rows (default); report: exclude and list them",
    )
    p.add_argument("--rejected", metavar="CSV", help="with --errors report: write the rejected rows here")
    p.add_argument("--assume-utc", action="store_true", help="read timestamps without an offset as UTC")
    p.add_argument(
        "--assume-live",
        action="store_true",
        help="the export has no batch column (or empty cells): price those rows as live, not batch, traffic",
    )
    p.add_argument("--chunksize", type=int, default=1_000_000, help="rows per chunk (default 1,000,000)")
    p.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="progress bar on stderr: auto = for files over 64 MB on a terminal",
    )
    add_price_options(p)
    p.set_defaults(func=run)


class _Progress:
    """tqdm when installed, else a carriage-return counter; silent when disabled."""

    def __init__(self, enabled: bool, label: str) -> None:
        self.enabled, self.label, self.bar, self._last, self._unit = enabled, label, None, 0.0, ""

    def __call__(self, done: int, total: int | None, unit: str) -> None:
        if not self.enabled:
            return
        if self.bar is None and not self._unit:
            self._unit = unit
            try:
                from tqdm import tqdm
            except ImportError:
                self.bar = None
            else:
                self.bar = tqdm(
                    total=total, unit=unit, unit_scale=True, desc=self.label, file=sys.stderr, leave=False
                )
        if self.bar is not None:
            self.bar.update(done - self.bar.n)
            return
        now = time.monotonic()
        if now - self._last > 0.5 or (total is not None and done >= total):
            self._last = now
            pct = f" ({100 * done / total:.0f}%)" if total else ""
            print(f"\r{self.label}: {done:,} {unit}{pct}", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.enabled and self._unit:
            print(file=sys.stderr)


def _cents(d: Any) -> Any:
    return d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if isinstance(d, Decimal) else d


def _exact(d: Any) -> Any:
    return f"{d.normalize():f}" if isinstance(d, Decimal) else d


def _json_value(v: Any) -> Any:
    import datetime as dt

    if isinstance(v, Decimal):
        return _exact(v)
    if isinstance(v, float) and v != v:  # a missing cost (NaN in the frame) is null, never NaN or 0
        return None
    if isinstance(v, dt.date):
        return v.isoformat()
    if hasattr(v, "item"):
        return v.item()
    return v


def parse_columns(text: str) -> str | dict[str, str]:
    """``--columns``: a mapping name, or ``canonical=yours`` pairs separated by commas."""
    if "=" not in text:
        if text not in MAPPINGS:
            raise UsageLogError(
                f"--columns {text!r}: choose one of {', '.join(MAPPINGS)}, or give canonical=yours pairs "
                "such as model=my_model,input_tokens=prompt"
            )
        return text
    out: dict[str, str] = {}
    for part in text.split(","):
        canon, eq, yours = (x.strip() for x in part.partition("="))
        if not (eq and canon and yours):
            raise UsageLogError(f"--columns: {part.strip()!r} is not canonical=yours (e.g. model=my_model)")
        if canon in out:
            raise UsageLogError(f"--columns names {canon!r} twice")
        out[canon] = yours
    return out


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except (TokencostError, BrokenPipeError):
        raise
    except (OSError, ValueError) as exc:  # the file could not be read or parsed as its kind
        raise DataFileError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, path=args.file) from exc


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # the output does not exist yet
        return os.path.realpath(a) == os.path.realpath(b)


def _run(args: argparse.Namespace) -> int:
    from .._usage.api import cost_usage, cost_usage_stream
    from .._usage.read import file_kind, iter_usage

    if not os.path.isfile(args.file):
        raise DataFileError("no such usage file", path=args.file)
    file_kind(args.file)
    if args.rejected and args.errors != "report":
        raise UsageLogError("--rejected needs --errors report")
    if args.rejected and _same_file(args.rejected, args.file):  # it would overwrite the log being read
        raise UsageLogError(f"--rejected {args.rejected} is the input log itself; write the rejected rows elsewhere")
    if args.rejected and os.path.isdir(args.rejected):
        raise UsageLogError(f"--rejected {args.rejected} is a directory; give a file name")
    if args.chunksize < 1:
        raise UsageLogError("--chunksize must be a positive number of rows")
    columns = parse_columns(args.columns)
    keys = list(dict.fromkeys(args.by or ["model"]))
    cat = catalog_from(args)
    size = os.path.getsize(args.file)
    show = args.progress == "always" or (args.progress == "auto" and size > BIG_FILE and sys.stderr.isatty())
    progress = _Progress(show, os.path.basename(args.file))
    options = dict(
        reprice_as=args.reprice_as or None,
        errors=args.errors,
        columns=columns,
        assume_utc=args.assume_utc,
        assume_live=args.assume_live,
    )
    try:  # a possibly stale price is said in the footer (_stale_lines); main() silences the warning
        if all(k in KEYS for k in keys):  # chunk by chunk: memory stays bounded
            result = cost_usage_stream(iter_usage(args.file, args.chunksize, progress), cat, **options)
        else:  # grouping by a column of the file needs its rows in memory
            import pandas as pd

            chunks = list(iter_usage(args.file, args.chunksize, progress))
            result = cost_usage(pd.concat(chunks) if len(chunks) > 1 else chunks[0], cat, **options)
    finally:
        progress.close()
    df = result.by(keys)
    cost_cols = [c for c in df.columns if c == "cost" or c.startswith("cost_as_")]
    if args.rejected:
        result.rejected.to_csv(args.rejected, index=False)
    if args.format == "json":
        doc = {
            "file": args.file,
            "currency": "USD",
            "rows": result.n_rows,
            "excluded_rows": result.excluded_rows,
            "total": _exact(result.total),
            "by": keys,
            "groups": [{k: _json_value(v) for k, v in rec.items()} for rec in df.to_dict(orient="records")],
            "repriced": {
                t: {"total": _exact(rc.total), "excluded_rows": rc.excluded_rows}
                for t, rc in result.repriced.items()
            },
            "rejected_reasons": (
                result.rejected["reason"].astype(str).value_counts().to_dict() if result.excluded_rows else {}
            ),
            "notes": result.notes,
            "possibly_stale": result.stale,
            "repriced_possibly_stale": {t: rc.stale for t, rc in result.repriced.items() if rc.stale},
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        out = df.copy()
        for c in cost_cols:
            out[c] = out[c].map(_exact)
        print(out.to_csv(index=False), end="")
        if result.excluded_rows:
            print(
                f"tokencost: {result.excluded_rows:,} rejected row(s) excluded from these totals",
                file=sys.stderr,
            )
        for line in _stale_lines(result):
            print(f"tokencost: {line}", file=sys.stderr)
    else:
        from .._report.tables import render

        out = df.copy()
        for c in cost_cols:
            out[c] = out[c].map(_cents)
        out = out.rename(columns={c: f"{c}_usd" for c in cost_cols})
        print(
            f"{args.file}: {result.n_rows:,} rows; total {_cents(result.total)} USD "
            f"(exact {_exact(result.total)}); totals shown to the cent (half-up)"
        )
        for t, rc in result.repriced.items():
            print(
                f"  as {t}: {_cents(rc.total)} USD (exact {_exact(rc.total)})"
                + (f"; excludes {rc.excluded_rows:,} row(s)" if rc.excluded_rows else "")
            )
        if result.excluded_rows:
            print(
                f"  EXCLUDES {result.excluded_rows:,} rejected row(s)"
                + (f" (written to {args.rejected})" if args.rejected else " (--rejected FILE writes them)")
            )
            for reason, n in result.rejected["reason"].astype(str).value_counts().head(5).items():
                print(f"    {n:,} x {reason}")
        print()
        print(render(out, args.format, max_width=60))
        for line in _stale_lines(result):
            print(f"_{line}_" if args.format == "markdown" else line)
    return 0


def _stale_lines(result: Any) -> list[str]:
    """The footer's staleness flags: the log's own prices, then each repricing's."""
    out = [f"possibly stale: {result.stale}"] if result.stale else []
    out += [f"as {t}, possibly stale: {rc.stale}" for t, rc in result.repriced.items() if rc.stale]
    return out
