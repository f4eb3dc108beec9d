"""``tokencost extract`` (draft an article's claims as a claims file) and ``tokencost check`` (draft, then check)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .._report.tables import FORMATS, render
from .options import add_price_options, catalog_from

__all__ = ["register"]


def _read(path: str) -> str:
    from ..errors import TokencostError
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TokencostError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise TokencostError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _draft(args: argparse.Namespace):
    from .._extract import extract_claims
    cat = catalog_from(args)
    return cat, extract_claims(_read(args.article), source=args.source, published=args.published, catalog=cat)


def run_extract(args: argparse.Namespace) -> int:
    from .._extract.write import claims_yaml, write_new_file
    _, claims = _draft(args)
    review = sum(1 for c in claims if c.needs_review)
    header = (f"Claims drafted by `tokencost extract` from {Path(args.article).name} (rules, no model).\n"
              f"{len(claims)} claims, {review} marked needs_review: check subject, baseline and basis before "
              "publishing a verdict.\nQuotes and quote_span refer to the article text after mojibake repair.")
    text = claims_yaml(claims, header=header)
    if args.output:
        write_new_file(args.output, text, force=args.force)
        print(f"wrote {len(claims)} claims ({review} to review) to {args.output}")
    else:
        print(text, end="")
    return 0


def run_check(args: argparse.Namespace) -> int:
    import sys
    from collections import Counter

    from .._claims.evaluate import check_claim
    from .._claims.result import unreadable
    from ..errors import TokencostError

    if args.html:
        _refuse_to_overwrite(args)
    cat, claims = _draft(args)
    results = []
    for c in claims:
        try:
            results.append(check_claim(c, cat))
        except TokencostError as exc:
            # one claim the checker cannot read must not stop the report: it is a row saying why
            results.append(unreadable(c.model_dump(), str(exc).splitlines()[0]))
    drafted = {c.id: c for c in claims}
    rows: list[dict[str, Any]] = []
    for r in results:
        c = drafted[r.claim.id]
        rows.append({"claim_id": c.id, "kind": c.kind, "stated": c.stated, "subject": c.subject,
                     "verdict": r.verdict, "reason": r.reason, "quote": c.quote, "confidence": c.confidence,
                     "needs_review": c.needs_review})
    counts = Counter(r["verdict"] for r in rows).most_common()
    summary = ", ".join(f"{k}: {v}" for k, v in counts) or "no quantitative claims found"
    if args.html:
        from .._report.claim_report import ClaimReport, write_atomic
        report = ClaimReport(results, cat, claims_file=args.article, price_files=[str(p) for p in cat.paths])
        try:
            page = report.to_html(plots=not args.no_plots)
        except ImportError as exc:  # matplotlib missing: say how to get plots, or how to do without
            print(f"tokencost: error: {exc} (or pass --no-plots)", file=sys.stderr)
            return 2
        write_atomic(Path(args.html), page, [args.article, *report.inputs()])
    shown = rows if args.all else [r for r in rows if r["verdict"] != "unverifiable"]
    cols = ("claim_id", "stated", "verdict", "reason") if args.format == "table" else \
        ("claim_id", "kind", "stated", "subject", "verdict", "reason", "quote", "confidence", "needs_review")
    print(render([{k: r[k] for k in cols} for r in shown], args.format, max_width=130))
    if args.format == "table":
        review = sum(1 for c in claims if c.needs_review)
        print("\n" + summary + ("" if args.all else "  (unverifiable claims hidden: --all shows them)")
              + f"\n{review} of {len(claims)} drafted claims are marked needs_review (`tokencost extract -o F` "
              "writes them for review)" + (f"\nwrote {args.html}" if args.html else ""))
    if any(r["verdict"] == "unreadable" for r in rows):
        from .claims import EXIT_UNREADABLE
        n = sum(r["verdict"] == "unreadable" for r in rows)
        print(f"{n} drafted claim(s) could not be read (verdict 'unreadable'); the others were checked.",
              file=sys.stderr)
        return EXIT_UNREADABLE
    return 0


def _refuse_to_overwrite(args: argparse.Namespace) -> None:
    """Before any work: an existing file is replaced only with --force, and never the article itself."""
    import os

    from ..errors import TokencostError
    out = Path(args.html)
    if out.exists() and (not args.force or os.path.samefile(out, args.article)):
        raise TokencostError(f"{out} exists; pass --force to overwrite it" if not args.force
                             else f"{out} is the article; refusing to overwrite it")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("article", help="the article as UTF-8 text")
    p.add_argument("--published", default=None, metavar="DATE",
                   help="the article's date (YYYY-MM-DD; default: a dateline in its first lines)")
    p.add_argument("--source", default=None, metavar="ID",
                   help="a source id from the price data for this article (pins figures it reports)")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    add_price_options(p)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="draft an article's price claims as a claims file")
    _common(p)
    p.add_argument("-o", "--output", default=None, metavar="FILE", help="claims YAML to write (default: stdout)")
    p.set_defaults(func=run_extract)
    p = sub.add_parser("check", help="draft an article's price claims and check them, in one report")
    _common(p)
    p.add_argument("--html", default=None, metavar="OUT",
                   help="also write the claim report: one self-contained HTML page (as `tokencost report`)")
    p.add_argument("--no-plots", action="store_true", help="HTML without plots (no matplotlib needed)")
    p.add_argument("--format", default="table", choices=FORMATS)
    p.add_argument("--all", action="store_true", help="include unverifiable claims in the table")
    p.set_defaults(func=run_check)
