"""``tokencost check --html``: one self-contained page with an article's drafted claims and verdicts.

No scripts, no external assets: a table (claim, figure, verdict, reason, quote, review flag) with
inline CSS, so the file can be mailed or archived as it is. Every text is HTML-escaped.
"""

from __future__ import annotations

import html
from typing import Any

__all__ = ["check_page"]

_CSS = """body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.4em .5em;text-align:left;vertical-align:top}th{background:#f4f4f4}
.v{font-weight:600;white-space:nowrap}.holds{color:#1a7f37}.holds-if{color:#9a6700}.overstated,.understated{color:#bc4c00}
.contradicted{color:#cf222e}.unverifiable,.unreadable{color:#6e7781}q{color:#444}.r{color:#bc4c00;font-size:12px}
.s{color:#555}"""


def check_page(title: str, rows: list[dict[str, Any]], summary: str) -> str:
    """The HTML page: ``rows`` have claim_id, kind, stated, subject, verdict, reason, quote, needs_review."""
    e = html.escape
    body = []
    for r in rows:
        v = str(r.get("verdict", ""))
        body.append(
            "<tr>"
            f"<td><code>{e(str(r['claim_id']))}</code><br><span class=s>{e(str(r.get('kind', '')))}</span></td>"
            f"<td>{e(str(r.get('stated', '')))}<br><span class=s>{e(str(r.get('subject') or ''))}</span></td>"
            f"<td class='v {e(v)}'>{e(v)}</td>"
            f"<td>{e(str(r.get('reason') or ''))}</td>"
            f"<td><q>{e(str(r.get('quote') or ''))}</q></td>"
            f"<td>{'<span class=r>review</span>' if r.get('needs_review') else ''}"
            f"{'' if r.get('confidence') is None else '<br>' + e(str(r['confidence']))}</td>"
            "</tr>")
    return ("<!doctype html><html><head><meta charset='utf-8'>"
            f"<title>{e(title)}</title><style>{_CSS}</style></head><body>"
            f"<h1>{e(title)}</h1><p>{e(summary)}</p>"
            "<p class=s>Claims drafted by <code>tokencost extract</code> (rules, no model); those marked "
            "<em>review</em> need a person's check before the verdict is published.</p>"
            "<table><thead><tr><th>claim</th><th>figure / subject</th><th>verdict</th><th>reason</th>"
            "<th>quote</th><th>confidence</th></tr></thead><tbody>"
            + "".join(body) + "</tbody></table></body></html>\n")
