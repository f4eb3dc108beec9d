"""The claim report: every claim's result together, as a table, a notebook view, or a page.

>>> rep = tc.claim_report()                 # the bundled article claims   # doctest: +SKIP
>>> rep                                     # verdict counts; in a notebook, the verdict table
>>> rep["a004-saves-42k-per-month"].plot()  # one claim's ClaimResult
>>> rep.summary()                           # one row per claim (= check_claims(summary=True))
>>> rep.write("report.html")                # one self-contained page (inline SVG and CSS)
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ClaimError, DataFileError

if TYPE_CHECKING:
    import pandas as pd

    from .._catalog.catalog import Catalog
    from .._catalog.schema import PriceVersion
    from .._claims.result import ClaimResult
    from .._claims.schema import Claim
    from .._claims.stated import TolerancePolicy

__all__ = ["ClaimReport", "claim_report", "write_atomic"]


class ClaimReport:
    """The results of checking a set of claims against one catalog.

    Iterate it for :class:`ClaimResult` objects, index it by claim id, ``summary()`` /
    ``frame()`` for DataFrames, ``to_html()`` / ``to_markdown()`` / ``write(path)`` for a report.
    """

    def __init__(self, results: Sequence[ClaimResult], catalog: Catalog, *, claims_file: str | None = None,
                 price_files: Sequence[str] = ()) -> None:
        self.results = list(results)
        self.catalog = catalog
        self.claims_file = claims_file
        self.price_files = list(price_files)
        self._by_id = {r.claim.id: r for r in self.results}

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self) -> Iterator[ClaimResult]:
        return iter(self.results)

    def __getitem__(self, claim_id: str) -> ClaimResult:
        try:
            return self._by_id[claim_id]
        except KeyError:
            import difflib
            close = difflib.get_close_matches(claim_id, list(self._by_id), n=3, cutoff=0.4)
            raise ClaimError(f"no claim {claim_id!r} in this report"
                             + (f"; did you mean {', '.join(close)}?" if close else "")) from None

    def counts(self) -> dict[str, int]:
        """Claims per verdict, in the order verdicts are ranked (holds first)."""
        from .._display.reprs import VERDICT_COLORS
        n = Counter(r.verdict for r in self.results)
        return {v: n[v] for v in VERDICT_COLORS if n[v]}

    def summary(self) -> pd.DataFrame:
        """One row per claim: its overall verdict, reason, implied value, forensics, quote."""
        import pandas as pd

        from .._claims.result import summary_row
        from .._display.frames import tidy
        return tidy(pd.DataFrame([summary_row(r) for r in self.results]))

    def frame(self) -> pd.DataFrame:
        """One row per claim x scenario (= ``check_claims()``)."""
        import pandas as pd

        from .._claims.result import scenario_row
        from .._display.frames import tidy
        return tidy(pd.DataFrame([scenario_row(r, s) for r in self.results for s in (r.scenarios or [None])]))

    def versions_used(self, r: ClaimResult) -> list[tuple[str, PriceVersion]]:
        """(model id, version) for every price version a claim's readings used, in first-use order."""
        seen: dict[tuple[str, str], PriceVersion] = {}
        subject = (r.claim.subject or "").split("@")[0]
        for s in r.scenarios:
            for model, vid in ((subject, s.subject_version), (s.baseline, s.baseline_version)):
                if model and vid and (model, vid) not in seen and model in self.catalog:
                    mid = self.catalog.model_id(model)
                    for v in self.catalog.versions(mid):
                        if v.id == vid:
                            seen[(mid, vid)] = v
        return [(m, v) for (m, _), v in seen.items()]

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}: {v}" for k, v in self.counts().items())
        return f"<ClaimReport {len(self)} claims ({counts}); .summary(), ['<claim id>'], .write('report.html')>"

    def _repr_html_(self) -> str:
        from .html import verdict_table
        return ('<div style="font-family:system-ui,sans-serif;line-height:1.4">'
                + verdict_table(self, inline_style=True)
                + '<p style="color:#555;font-size:12px">report[claim_id] for one claim (.explain(), .plot()); '
                  ".summary() as a DataFrame; .write('report.html') for the whole page.</p></div>")

    def to_html(self, *, plots: bool = True) -> str:
        """One self-contained HTML page: inline CSS and SVG, nothing fetched over the network."""
        from .html import render_html
        return render_html(self, plots=plots)

    def to_markdown(self) -> str:
        from .markdown import render_markdown
        return render_markdown(self)

    def write(self, path: str | os.PathLike[str], fmt: str | None = None, *,
              inputs: Sequence[str | os.PathLike[str]] = ()) -> Path:
        """Write the report (``fmt`` "html" or "markdown"; by default from the suffix) atomically.

        Refuses to write over any of ``inputs`` or of the files this report was built from.
        """
        out = Path(path)
        kind = fmt or ("markdown" if out.suffix.lower() in (".md", ".markdown") else "html")
        if kind not in ("html", "markdown"):
            raise DataFileError(f"unknown report format {kind!r}; use html or markdown", path=str(out))
        text = self.to_html() if kind == "html" else self.to_markdown()
        write_atomic(out, text, [*inputs, *self.inputs()])
        return out

    def inputs(self) -> list[str]:
        """The files this report was built from (the bundled ones included): never written over."""
        from .._catalog.loader import bundled_data_path
        claims = self.claims_file or str(bundled_data_path("claims.yaml"))
        return [claims, *self.price_files]


def write_atomic(out: Path, text: str, protected: Sequence[str | os.PathLike[str]] = ()) -> None:
    """Write ``text`` to ``out`` through a temporary file in the same folder and ``os.replace``.

    A reader never sees half a report, and an input file named as the output is refused, not
    overwritten.
    """
    import tempfile
    for p in protected:
        if os.path.exists(p) and os.path.exists(out) and os.path.samefile(p, out):
            raise DataFileError("refusing to overwrite an input file with the report", path=str(out))
        if os.path.abspath(p) == os.path.abspath(out):
            raise DataFileError("refusing to overwrite an input file with the report", path=str(out))
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise DataFileError("the folder for the report does not exist", path=str(out))
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def claim_report(claims: list[Claim] | str | os.PathLike[str] | None = None, catalog: Catalog | None = None, *,
                 policy: TolerancePolicy | None = None) -> ClaimReport:
    """Check ``claims`` (the bundled article claims by default, or a claims YAML path) into a report."""
    from .._catalog.catalog import load_catalog
    from .._claims.evaluate import check_claim
    from .._claims.schema import load_claims
    path = None if claims is None or isinstance(claims, list) else str(claims)
    pool = claims if isinstance(claims, list) else load_claims(path)
    cat = catalog or load_catalog()
    results = [check_claim(c, cat, policy=policy) for c in pool]
    return ClaimReport(results, cat, claims_file=path, price_files=[str(p) for p in cat.paths])
