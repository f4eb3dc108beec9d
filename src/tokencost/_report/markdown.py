"""The claim report as Markdown: the verdict table, then each claim's quote, source, readings,
explanation and the price versions it used with their citations. Plots are in the HTML report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._display.reprs import fmt_quantity, rates_text

if TYPE_CHECKING:
    from .._claims.result import ClaimResult

ClaimReport = Any  # the report renders a ClaimReport it is handed (claim_report.py imports this module)

__all__ = ["render_markdown"]


def _cell(text: object) -> str:
    return " ".join(str(text or "").split()).replace("|", "\\|")


def _claim(report: ClaimReport, r: ClaimResult) -> list[str]:
    c = r.claim
    out = [f"### {c.id}", "", f"**Verdict: {r.verdict}.** {r.reason}", ""]
    if c.quote:
        out += [f"> {' '.join(c.quote.split())}", ""]
    src = report.catalog.sources.get(c.source or "")
    if src is not None:
        bits = [f"*{src.title or c.source}*"] + [str(x) for x in (src.publisher, src.published) if x]
        bits += [f"<{src.url}>"] if src.url else []
        out += ["Source: " + ", ".join(bits), ""]
    if r.scenarios:
        unit = r.stated.unit if r.stated else ""
        cur = getattr(r.stated, "currency", "USD") if r.stated else "USD"
        out += ["| reading | baseline | subject version | computed | verdict | holds where / why |",
                "|---|---|---|---:|---|---|"]
        for s in r.scenarios:
            lo, hi = fmt_quantity(s.computed_min, unit, cur), fmt_quantity(s.computed_max, unit, cur)
            comp = lo if lo == hi else f"{lo} – {hi}"
            base = f"{s.baseline}@{s.baseline_version}" if s.baseline else ""
            out.append(f"| {_cell(s.scenario)} | {_cell(base)} | {_cell(s.subject_version)} | {_cell(comp)} | "
                       f"{s.verdict} | {_cell(s.holds_where or s.reason)} |")
        out.append("")
    out += ["<details><summary>Explanation</summary>", "", "```", r.explain(), "```", "", "</details>", ""]
    used = report.versions_used(r)
    if used:
        out += ["Price versions used:", ""]
        for mid, v in used:
            out.append(f"* `{mid}@{v.id}` [{v.status}], {v.start.date()} – {v.end.date() if v.end else 'open'}: "
                       f"{rates_text(v)}")
            for ci in v.citations:
                s2 = report.catalog.sources.get(ci.source)
                where = (f" <{s2.url}>" if s2 is not None and s2.url else
                         f" (seed {s2.seed})" if s2 is not None and s2.seed else "")
                quote = f": “{' '.join(ci.quote.split())}”" if ci.quote else ""
                out.append(f"  * {s2.title if s2 is not None and s2.title else ci.source}{where}{quote}")
        out.append("")
    return out


def render_markdown(report: ClaimReport) -> str:
    counts = ", ".join(f"{k}: {v}" for k, v in report.counts().items())
    from .html import price_names
    out = ["# Price claims, checked", "",
           (f"{len(report)} claim{'s' if len(report) != 1 else ''} ({counts}). Claims: `{report.claims_file or 'bundled claims.yaml'}`; "
            f"prices: {', '.join(f'`{p}`' for p in price_names(report))}. Recomputed values are exact and shown "
            "rounded half-up (percent to 0.01 point, money to the cent). Plots: `tokencost report --html`."), "",
           "| claim | article | stated | verdict | why |", "|---|---|---|---|---|"]
    out += [f"| [{r.claim.id}](#{r.claim.id}) | {_cell(r.claim.source)} | {_cell(r.claim.stated)} | **{r.verdict}** | "
            f"{_cell(r.reason)} |" for r in report]
    out.append("")
    for r in report:
        out += _claim(report, r)
    return "\n".join(out) + "\n"
