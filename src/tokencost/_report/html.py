"""The claim report as one self-contained HTML page.

Everything is in the file: CSS in a ``<style>`` element, plots as inline SVG (matplotlib's svg
backend, text kept as text), no scripts, fonts or images to fetch. A Content-Security-Policy of
``default-src 'none'`` tells the browser to load nothing else, so the page reads the same offline.
The only URLs are the citations' links, which a reader follows on purpose.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import TYPE_CHECKING, Any

from .._display.money import escape
from .._display.reprs import VERDICT_COLORS, badge, rates_text, scenario_rows

if TYPE_CHECKING:
    from .._claims.result import ClaimResult

ClaimReport = Any  # the report renders a ClaimReport it is handed (claim_report.py imports this module)

__all__ = ["price_names", "render_html", "svg_of", "verdict_table"]

CSS = """
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d1d1f;
       max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 0 0 6px; }
h3 { font-size: 15px; margin: 14px 0 4px; }
.meta, .note { color: #555; font-size: 13px; }
.counts { margin: 10px 0 16px; } .counts .badge { margin-right: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 10px; }
th { text-align: left; border-bottom: 2px solid #999; padding: 4px 8px; background: #f6f6f6; position: sticky; top: 0; }
td { border-bottom: 1px solid #e2e2e2; padding: 4px 8px; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.verdicts td:first-child, table.verdicts td:nth-child(2) { white-space: nowrap; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; white-space: nowrap; }
section.claim { border-top: 1px solid #ccc; padding: 18px 0 8px; }
blockquote { margin: 6px 0 6px 0; padding: 4px 12px; border-left: 4px solid #c9c9c9; color: #333; background: #fafafa; }
.source { font-size: 13px; color: #444; }
pre.explain { background: #f7f7f9; border: 1px solid #e3e3e8; padding: 10px 12px; font-size: 12px; line-height: 1.35;
              white-space: pre-wrap; overflow-wrap: anywhere; }
figure { margin: 8px 0; } figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: #555; font-size: 12px; }
code { font-size: 12px; background: #f2f2f2; padding: 0 3px; border-radius: 3px; }
a { color: #0b57d0; } a.cite { overflow-wrap: anywhere; }
@media print { th { position: static; } section.claim { break-inside: avoid-page; } }
"""


def svg_of(fig: Any) -> str:
    """A figure as an inline ``<svg>`` element (no XML prolog, no metadata, text as text)."""
    import matplotlib
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Creator": None, "Date": None,
                                                                       "Format": None, "Type": None})
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)
    return text.replace("<svg ", '<svg class="plot" role="img" ', 1)


def _article(report: ClaimReport, r: ClaimResult) -> str:
    src = report.catalog.sources.get(r.claim.source or "")
    if src is None:
        return escape(r.claim.source or "user claim")
    bits = [f"<i>{escape(src.title or r.claim.source)}</i>"]
    bits += [escape(x) for x in (src.publisher, src.author, src.published) if x]
    if src.url:
        bits.append(f'<a class="cite" href="{escape(src.url)}" rel="noopener noreferrer">{escape(src.url)}</a>')
    if src.seed:
        bits.append(f"seed text <code>{escape(src.seed)}</code>")
    return ", ".join(bits)


def verdict_table(report: ClaimReport, *, inline_style: bool = False, links: bool = True,
                  results: list[ClaimResult] | None = None, table_id: str = "verdicts", counts: bool = True) -> str:
    """The verdict table: claim, article, stated figure, verdict badge, reason."""
    th = ' style="text-align:left;border-bottom:1px solid #999;padding:2px 8px"' if inline_style else ""
    td = ' style="padding:2px 8px;border-bottom:1px solid #e3e3e3;vertical-align:top"' if inline_style else ""
    rows = []
    for r in (report.results if results is None else results):
        cid = escape(r.claim.id)
        name = f'<a href="#claim-{cid}">{cid}</a>' if links and not inline_style else f"<code>{cid}</code>"
        rows.append(f'<tr class="verdict-row" data-claim="{cid}"><td{td}>{name}</td>'
                    f"<td{td}>{escape(r.claim.source or '')}</td><td{td}>{escape(r.claim.stated)}</td>"
                    f"<td{td}>{badge(r.verdict)}</td><td{td}>{escape(r.reason)}</td></tr>")
    tally = " ".join(f"{badge(v)} {n}" for v, n in report.counts().items())
    tstyle = ' style="border-collapse:collapse;font-size:13px"' if inline_style else ""
    table = (f'<table id="{table_id}" class="verdicts"{tstyle}>'
             f"<thead><tr><th{th}>claim</th><th{th}>article</th><th{th}>stated</th><th{th}>verdict</th>"
             f"<th{th}>why</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
    n = len(report)
    return (f'<div class="counts">{n} claim{"" if n == 1 else "s"}: {tally}</div>' if counts else "") + table


def _versions(report: ClaimReport, r: ClaimResult) -> str:
    used = report.versions_used(r)
    if not used:
        return ""
    rows = []
    for mid, v in used:
        rates = escape(rates_text(v))
        cites = []
        for c in v.citations:
            src = report.catalog.sources.get(c.source)
            head = escape(src.title if src and src.title else c.source)
            if src is not None and src.url:
                head += f' (<a class="cite" href="{escape(src.url)}" rel="noopener noreferrer">{escape(src.url)}</a>)'
            elif src is not None and src.seed:
                head += f" (seed <code>{escape(src.seed)}</code>)"
            if c.fields:
                head += f" for {escape(', '.join(c.fields))}"
            if c.quote:
                head += f": &ldquo;{escape(c.quote)}&rdquo;"
            cites.append(f"<li>{head}</li>")
        end = v.end.date().isoformat() if v.end else "open"
        rows.append(f"<tr><td><code>{escape(mid)}@{escape(v.id)}</code></td><td>{escape(v.status)}</td>"
                    f"<td>{v.start.date().isoformat()} – {end}</td><td>{rates}</td>"
                    f'<td><ul style="margin:0;padding-left:18px">{"".join(cites)}</ul></td></tr>')
    return ("<h3>Price versions used, with their sources</h3><table class=\"versions\"><thead><tr><th>version</th>"
            "<th>status</th><th>in effect</th><th>rates (exact, as published)</th><th>cited by</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _plot(r: ClaimResult) -> str:
    if not any(s.computed_min is not None for s in r.scenarios) or r.stated is None:
        return '<p class="note">No plot: nothing could be recomputed for this claim.</p>'
    from .._plot.axes import headless
    from ..errors import TokencostError
    try:
        with headless():
            fig = r.plot()
    except TokencostError as exc:  # one claim's plot never costs the whole report
        return f'<p class="note">No plot: {escape(exc)}</p>'
    svg = svg_of(fig)
    curves = any(s.domain is not None and s.domain.lo != s.domain.hi for s in r.scenarios)
    how = ("Lines: the recomputed value at each input share, one per reading; thick segments (and the marks on "
           "the axis): where the claim holds, from the exact regions." if curves else
           "Dots: the recomputed value under each reading, coloured by its verdict.")
    return (f'<figure class="claim-plot">{svg}<figcaption>Shaded: the values the stated figure stands for. '
            f"{how}</figcaption></figure>")


def _claim_section(report: ClaimReport, r: ClaimResult, plots: bool) -> str:
    c = r.claim
    cid = escape(c.id)
    parts = [f'<section class="claim" id="claim-{cid}" data-verdict="{escape(r.verdict)}">',
             f"<h2>{cid} {badge(r.verdict)}</h2>"]
    if c.quote:
        parts.append(f"<blockquote>&ldquo;{escape(c.quote)}&rdquo;</blockquote>")
    parts.append(f'<div class="source">Source: {_article(report, r)}'
                 + (f"; dated {c.at.isoformat()}" if c.at else "") + "</div>")
    parts.append(f"<p><b>Stated {escape(c.stated)}</b> ({escape(c.kind.replace('_', ' '))}): "
                 f"{badge(r.verdict)} {escape(r.reason)}</p>")
    if r.scenarios:
        head = "".join(f"<th>{h}</th>" for h in ("reading", "baseline", "subject version", "computed",
                                                 "verdict", "holds where / why"))
        num = ' class="num"'
        body = "".join("<tr>" + "".join(f"<td{num if i == 3 else ''}>{cell}</td>"
                                        for i, cell in enumerate(row)) + "</tr>" for row in scenario_rows(r))
        parts.append(f'<table class="scenarios"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')
    if plots:
        parts.append(_plot(r))
    parts.append(f'<h3>Explanation</h3><pre class="explain">{escape(r.explain())}</pre>')
    parts.append(_versions(report, r))
    parts.append("</section>")
    return "\n".join(p for p in parts if p)


def price_names(report: ClaimReport) -> list[str]:
    """The price files as a reader knows them: the bundled tables by that name, not a site-packages path."""
    from pathlib import Path

    from .._catalog.loader import bundled_data_path
    data_dir = bundled_data_path("prices.yaml").parent
    own, bundled = [], 0
    for p in report.price_files:
        try:
            Path(p).resolve().relative_to(data_dir.resolve())
        except ValueError:
            own.append(p)
        else:
            bundled += 1
    head = [f"bundled tables ({bundled} file{'s' if bundled != 1 else ''})"] if bundled else []
    return head + own


def render_html(report: ClaimReport, *, plots: bool = True) -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        __version__ = version("tokencost")
    except PackageNotFoundError:  # a source checkout on sys.path, not installed
        __version__ = "(source)"
    inputs = [f"claims: <code>{escape(report.claims_file or 'bundled claims.yaml')}</code>"]
    inputs.append("prices: " + ", ".join(f"<code>{escape(p)}</code>" for p in price_names(report)))
    checked = [r for r in report if r.verdict != "unverifiable"]
    unchecked = [r for r in report if r.verdict == "unverifiable"]
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    legend = " ".join(badge(v) for v in VERDICT_COLORS)
    body = [
        "<header><h1>Price claims, checked</h1>",
        f'<p class="meta">tokencost {escape(__version__)}, {now}. {"; ".join(inputs)}.</p></header>',
        (f'<p class="note">Verdicts: {legend}. A stated figure stands for every value that would be written '
         "that way (\"97.3%\" is [97.25, 97.35) rounded half-up); hedges like \"roughly\" widen it. Recomputed "
         "values are exact Fractions, shown rounded half-up (percent to 0.01 point, money to the cent).</p>"),
        "<h2>Verdicts</h2>",
        verdict_table(report, results=checked),
        *([f"<h3>Claims price data cannot check ({len(unchecked)})</h3>",
           verdict_table(report, results=unchecked, table_id="unverifiable", counts=False)] if unchecked else []),
        *(_claim_section(report, r, plots) for r in checked + unchecked),
    ]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>tokencost: price claims checked ({len(report)})</title><style>{CSS}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")
