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


def _draft(args: argparse.Namespace):  # noqa: ANN202
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
    from collections import Counter

    from .._claims.evaluate import check_claim
    from ..errors import TokencostError

    cat, claims = _draft(args)
    rows: list[dict[str, Any]] = []
    for c in claims:
        base = {"claim_id": c.id, "kind": c.kind, "stated": c.stated, "subject": c.subject, "quote": c.quote,
                "confidence": c.confidence, "needs_review": c.needs_review}
        try:
            r = check_claim(c, cat)
        except TokencostError as exc:
            # one claim the checker cannot read must not stop the report (it is listed, with why)
            rows.append({**base, "verdict": "unreadable", "reason": str(exc).splitlines()[0]})
            continue
        rows.append({**base, "verdict": r.verdict, "reason": r.reason})
    counts = Counter(r["verdict"] for r in rows).most_common()
    summary = ", ".join(f"{k}: {v}" for k, v in counts) or "no quantitative claims found"
    if args.html:
        from .._extract.write import write_new_file
        from .._report.extract_page import check_page
        write_new_file(args.html, check_page(f"Price claims in {Path(args.article).name}", rows, summary),
                       force=args.force)
    shown = rows if args.all else [r for r in rows if r["verdict"] != "unverifiable"]
    cols = ("claim_id", "stated", "verdict", "reason") if args.format == "table" else \
        ("claim_id", "kind", "stated", "subject", "verdict", "reason", "quote", "confidence", "needs_review")
    print(render([{k: r[k] for k in cols} for r in shown], args.format, max_width=130))
    if args.format == "table":
        print("\n" + summary + ("" if args.all else "  (unverifiable claims hidden: --all shows them)")
              + (f"\nwrote {args.html}" if args.html else ""))
    if any(r["verdict"] == "unreadable" for r in rows):
        import sys

        from .claims import EXIT_UNREADABLE
        n = sum(r["verdict"] == "unreadable" for r in rows)
        print(f"{n} drafted claim(s) could not be read (verdict 'unreadable'); the others were checked.",
              file=sys.stderr)
        return EXIT_UNREADABLE
    return 0


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
    p.add_argument("--html", default=None, metavar="OUT", help="also write a self-contained HTML page")
    p.add_argument("--format", default="table", choices=FORMATS)
    p.add_argument("--all", action="store_true", help="include unverifiable claims in the table")
    p.set_defaults(func=run_check)
