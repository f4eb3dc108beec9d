"""``tokencost claims``, ``tokencost explain`` and ``tokencost report``."""

from __future__ import annotations

import argparse
import json
from fractions import Fraction

from .._report.tables import FORMATS, render
from .options import add_price_options, catalog_from

__all__ = ["register"]


#: exit status when every claim was checked but some could not be read (their rows say why)
EXIT_UNREADABLE = 3


def _inputs(args: argparse.Namespace):  # noqa: ANN202
    from .._claims.reading import read_claims
    from .._claims.stated import TolerancePolicy
    from .._engine.units import to_decimal
    cat = catalog_from(args)
    claims = read_claims(args.file) if args.file else read_claims()
    if getattr(args, "claim", None):
        ids = set(args.claim)
        missing = ids - {c.claim.id if hasattr(c, "claim") else c.id for c in claims}
        if missing:
            from ..errors import ClaimError
            raise ClaimError(f"no claim(s) {sorted(missing)} in {args.file or 'the bundled claims'}"
                             + ("" if args.file else "; checked from your own file? pass --file F"))
        claims = [c for c in claims if (c.claim.id if hasattr(c, "claim") else c.id) in ids]
    rough = Fraction(to_decimal(args.rough, what="--rough")) if args.rough else None
    if rough is not None and not 0 <= rough < 1:
        from ..errors import UnitError
        raise UnitError(args.rough, "--rough must be a fraction between 0 and 1, e.g. 0.1")
    policy = TolerancePolicy(rough=rough) if rough is not None else TolerancePolicy()
    return cat, claims, policy


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--file", help="your own claims YAML (same format as data/claims.yaml)")
    add_price_options(p)
    p.add_argument("--rough", default=None, help="band for 'roughly'/'about' as a fraction (default 0.1)")


def run_claims(args: argparse.Namespace) -> int:
    from collections import Counter

    from .._claims.evaluate import check_claim
    from .._claims.result import scenario_row, summary_row

    from .._claims.result import ClaimResult

    cat, claims, policy = _inputs(args)
    results = [c if isinstance(c, ClaimResult) else check_claim(c, cat, policy=policy) for c in claims]
    status = EXIT_UNREADABLE if any(r.verdict == "unreadable" for r in results) else 0
    if args.format == "json":
        from .._report.claimreview import claim_review

        print(json.dumps([claim_review(r, cat) for r in results], indent=2, ensure_ascii=False))
        return status
    if args.detail:
        rows = [scenario_row(r, s) for r in results for s in (r.scenarios or [None])]
    else:
        rows = [summary_row(r) for r in results]
        if args.format == "table":
            rows = [{k: row[k] for k in ("claim_id", "stated", "verdict", "reason")} for row in rows]
        if args.format in ("table", "markdown"):
            rows = [{k: v for k, v in row.items() if k not in ("quote", "kind")} for row in rows]
            if not args.all:  # unreadable rows always show: the user has to fix them
                rows = [row for row in rows if row["verdict"] != "unverifiable"]
    print(render(rows, args.format, max_width=130))
    if args.format == "table" and not args.detail:
        counts = Counter(r.verdict for r in results).most_common()
        print("\n" + ", ".join(f"{k}: {v}" for k, v in counts)
              + ("" if args.all else "  (unverifiable claims hidden: --all shows them)")
              + f"\n`tokencost explain ID{' --file ' + args.file if args.file else ''}` shows the arithmetic; "
              "--format json gives schema.org ClaimReview.")
    if status:
        import sys
        n = sum(r.verdict == "unreadable" for r in results)
        print(f"{n} claim(s) could not be read (verdict 'unreadable'); the others were checked.", file=sys.stderr)
    return status


def run_explain(args: argparse.Namespace) -> int:
    from .._claims.evaluate import check_claim
    from .._claims.result import ClaimResult
    cat, claims, policy = _inputs(args)
    for c in claims:
        if isinstance(c, ClaimResult) and c.claim.id == args.id:
            print(c.explain())
            return EXIT_UNREADABLE
        if not isinstance(c, ClaimResult) and c.id == args.id:
            print(check_claim(c, cat, policy=policy).explain())
            return 0
    import difflib

    from ..errors import ClaimError
    ids = [c.claim.id if isinstance(c, ClaimResult) else c.id for c in claims]
    close = difflib.get_close_matches(args.id, ids, n=3, cutoff=0.4)
    raise ClaimError(f"no claim {args.id!r} in {args.file or 'the bundled claims'}"
                     + (f"; did you mean {', '.join(close)}?" if close else "")
                     + ("" if args.file else "; checked from your own file? pass --file F"))


def run_report(args: argparse.Namespace) -> int:
    """Write the claim report: one self-contained HTML page and/or Markdown, atomically."""
    import os
    import sys

    from .._claims.evaluate import check_claim
    from .._report.claim_report import ClaimReport
    from ..errors import DataFileError
    if not (args.html or args.markdown):
        print("tokencost: error: report needs --html OUT.html and/or --markdown OUT.md", file=sys.stderr)
        return 2
    inputs = [*([args.file] if args.file else []), *args.prices]
    for out in (args.html, args.markdown):  # refuse before any work is done
        if out and any(os.path.abspath(out) == os.path.abspath(i)
                       or (os.path.exists(out) and os.path.exists(i) and os.path.samefile(out, i)) for i in inputs):
            raise DataFileError("refusing to overwrite an input file with the report", path=out)
    if args.html and args.markdown and os.path.abspath(args.html) == os.path.abspath(args.markdown):
        raise DataFileError("--html and --markdown name the same file", path=args.html)
    cat, claims, policy = _inputs(args)
    from .._claims.result import ClaimResult
    results = [c if isinstance(c, ClaimResult) else check_claim(c, cat, policy=policy) for c in claims]
    report = ClaimReport(results, cat, claims_file=args.file,
                         price_files=[str(p) for p in cat.paths])
    for out, fmt in ((args.html, "html"), (args.markdown, "markdown")):
        if not out:
            continue
        try:
            if fmt == "html" and not args.no_plots:
                report.write(out, fmt, inputs=inputs)
            else:
                from pathlib import Path

                from .._report.claim_report import write_atomic
                text = report.to_html(plots=False) if fmt == "html" else report.to_markdown()
                write_atomic(Path(out), text, [*inputs, *report.inputs()])
        except ImportError as exc:  # matplotlib missing: say how to get plots, or how to do without
            print(f"tokencost: error: {exc} (or pass --no-plots)", file=sys.stderr)
            return 2
        print(f"wrote {out}: {len(report)} claim{'s' if len(report) != 1 else ''} ("
              + ", ".join(f"{k}: {v}" for k, v in report.counts().items()) + ")")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("claims", help="check the articles' price claims (or your own) and say where they hold")
    p.add_argument("--format", default="table", choices=FORMATS)
    p.add_argument("--claim", action="append", metavar="ID", help="only this claim (repeatable)")
    p.add_argument("--detail", action="store_true", help="one row per claim x scenario")
    p.add_argument("--all", action="store_true", help="include unverifiable claims in the table")
    _common(p)
    p.set_defaults(func=run_claims)
    p = sub.add_parser("explain", help="the arithmetic behind one claim's verdict")
    p.add_argument("id")
    _common(p)
    p.set_defaults(func=run_explain)
    p = sub.add_parser("report", help="one self-contained page: verdicts, quotes, explanations, plots, sources",
                       description="Check the claims and write a report that works offline: HTML with inline "
                       "CSS and SVG plots (--html), and/or Markdown (--markdown). Files are written atomically; "
                       "an input file is never overwritten.")
    p.add_argument("--html", metavar="OUT.html", help="write the HTML report here")
    p.add_argument("--markdown", metavar="OUT.md", help="write the Markdown report here")
    p.add_argument("--claim", action="append", metavar="ID", help="only this claim (repeatable)")
    p.add_argument("--no-plots", action="store_true", help="HTML without plots (no matplotlib needed)")
    _common(p)
    p.set_defaults(func=run_report)
