"""Short ``__repr__`` texts and notebook ``_repr_html_`` for tokencost's result objects.

The classes keep one-line hooks that call these functions, so the layout of the objects and the way
they look stay in separate files. Money is shown to the cent, rounded half-up, and every rounded
figure says so; the exact value is always named (``.total``, ``.absolute``, ``.percent``).
HTML uses inline styles only: it renders the same in Jupyter, VS Code and a saved notebook.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import Any

from .money import CENT_RULE, escape, exact_text, money, percent, percent_exact, rate

__all__ = ["VERDICT_COLORS", "badge", "catalog_html", "catalog_repr", "claim_html", "claim_repr", "cost_html",
           "cost_repr", "counts_text", "fmt_quantity", "price_version_html", "price_version_repr", "rates_text",
           "savings_html", "savings_repr", "scenario_rows", "usage_html", "usage_repr", "workload_html",
           "workload_repr"]

# verdict -> (background, text); readable on white, distinct for the colour-blind by their words too
VERDICT_COLORS = {
    "holds": ("#1b7f3b", "#ffffff"), "holds-if": ("#2f6fb0", "#ffffff"), "understated": ("#b8860b", "#ffffff"),
    "overstated": ("#c05a00", "#ffffff"), "contradicted": ("#b3261e", "#ffffff"),
    "unverifiable": ("#6b6b6b", "#ffffff"), "unreadable": ("#3d3d3d", "#ffffff"),
}
_TABLE = "border-collapse:collapse;font-size:13px;margin:4px 0"
_TH = "text-align:left;border-bottom:1px solid #999;padding:2px 8px"
_TD = "padding:2px 8px;border-bottom:1px solid #e3e3e3;vertical-align:top"
_NUM = _TD + ";text-align:right;font-variant-numeric:tabular-nums"
_NOTE = "color:#555;font-size:12px;margin:2px 0"


def badge(verdict: str) -> str:
    bg, fg = VERDICT_COLORS.get(verdict, ("#444", "#fff"))
    return (f'<span class="badge verdict-{escape(verdict)}" style="background:{bg};color:{fg};'
            f'padding:1px 7px;border-radius:9px;font-size:12px;white-space:nowrap">{escape(verdict)}</span>')


def _table(head: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:  # type: ignore[assignment]
    th = "".join(f'<th style="{_TH}">{h}</th>' for h in head)
    body = "".join("<tr>" + "".join(f'<td style="{_NUM if i in numeric else _TD}">{c}</td>'
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f'<table style="{_TABLE}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def _box(title: str, *parts: str) -> str:
    return (f'<div style="font-family:system-ui,sans-serif;line-height:1.4">'
            f'<div style="font-weight:600">{title}</div>{"".join(parts)}</div>')


def _note(text: str) -> str:
    return f'<p style="{_NOTE}">{text}</p>'


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# -- costs -------------------------------------------------------------------------------------------
def _date(t: Any) -> str:
    from .._time import fmt_instant
    return fmt_instant(t)


def _exact_total(c: Any) -> Any:
    """The exact total: a Fraction where it has no finite decimal form (``total_exact``)."""
    ex = getattr(c, "total_exact", None)
    return ex if ex is not None and not getattr(c, "exact", True) else c.total


# what a line counts and what its rate is per, for the components that are not tokens
# (as CostBreakdown's text shows them)
_UNITS = {"request": ("requests", "1k requests"), "web_search": ("searches", "1k searches"),
          "code_execution": ("h", "hour")}


def cost_repr(c: Any) -> str:
    notes = f"; {len(c.assumptions)} note(s) in .assumptions" if c.assumptions else ""
    if getattr(c, "stale", None):
        notes += "; POSSIBLY STALE (.stale)"
    attr = ".total" if getattr(c, "exact", True) else ".total_exact"
    return (f"<CostBreakdown {c.label} [{c.status}] at {_date(c.at)}: {money(_exact_total(c), c.currency)}/month "
            f"({CENT_RULE}; exact: {exact_text(_exact_total(c))} = {attr}){notes}>")


def cost_html(c: Any) -> str:
    rows = []
    for li in c.lines:
        unit, per = _UNITS.get(li.component, ("tok", "Mtok"))
        rows.append([escape(li.component), escape(li.segment), f"{li.tokens.normalize():,f} {unit}",
                     f"{escape(rate(li.rate, c.version.currency))} per {per}", escape(money(li.cost, c.currency))])
    parts = [_table(["component", "segment", "per month", "rate", "cost"], rows, {2, 3, 4})]
    attr = ".total" if getattr(c, "exact", True) else ".total_exact"
    parts.append(_note(f"Total {escape(money(_exact_total(c), c.currency))} per month, {CENT_RULE}; exact "
                       f"<code>{attr}</code> = {escape(exact_text(_exact_total(c)))}. Line costs rounded the same way "
                       f"(exact in <code>.lines</code>); rates exact as published."))
    parts += [_note("note: " + escape(a)) for a in c.assumptions]
    if getattr(c, "stale", None):
        parts.append(_note("<b>possibly stale:</b> " + escape(c.stale)))
    return _box(f"{escape(c.label)} [{escape(c.status)}], priced at {escape(_date(c.at))}: "
                f"{escape(money(_exact_total(c), c.currency))}/month", *parts)


def savings_repr(s: Any) -> str:
    cur = s.baseline.currency
    pct = "" if s.percent is None else f", {percent(s.percent)} of the baseline"
    return (f"<Savings {s.candidate.label} vs {s.baseline.label}: saves {money(s.absolute, cur)}/month{pct} "
            f"(money {CENT_RULE}, percent to 0.01 point; exact: .absolute = {exact_text(s.absolute)}"
            + ("" if s.percent is None else f", .percent = {exact_text(s.percent)}") + ")>")


def savings_html(s: Any) -> str:
    cur = s.baseline.currency
    rows = [["baseline", escape(s.baseline.label), escape(money(s.baseline.total, cur))],
            ["candidate", escape(s.candidate.label), escape(money(s.candidate.total, cur))],
            ["<b>saves</b>", "", f"<b>{escape(money(s.absolute, cur))}</b>"]]
    parts = [_table(["", "model@version", "per month"], rows, {2}),
             _note(f"Saves {escape(percent_exact(s.percent))} of the baseline. Money {CENT_RULE}; exact "
                   f"<code>.absolute</code> = {escape(exact_text(s.absolute))}"
                   + ("" if s.ratio is None else f", <code>.ratio</code> (candidate/baseline) = "
                      f"{escape(exact_text(s.ratio))}") + ".")]
    return _box(f"Savings: {escape(s.candidate.label)} instead of {escape(s.baseline.label)}", *parts)


# -- catalog objects ---------------------------------------------------------------------------------
def _span(v: Any) -> str:
    unknown = "" if getattr(v, "effective_from_known", True) else " (start unknown: evidenced from then)"
    return f"{_date(v.start)}..{_date(v.end) if v.end is not None else 'open'}{unknown}"


def _per(component: str) -> str:
    return _UNITS.get(component, ("tok", "Mtok"))[1]


def _present(v: Any) -> list[str]:
    """Components any of a version's rate tables prices (base, tiers, off-peak windows), in schema order."""
    tables = [v.rates, *(t.rates for t in v.tiers), *(w.rates for w in v.off_peak)]
    return [c for c in type(v.rates).model_fields if any(getattr(r, c, None) is not None for r in tables)]


def rates_text(v: Any) -> str:
    """A version's base rates as published: ``input $3, output $15 per Mtok; web_search $10 per 1k searches``."""
    by_per: dict[str, list[str]] = {}  # per Mtok, per 1k searches, ...: grouped, each unit said once
    for c in v.rates.present():
        by_per.setdefault(_per(c), []).append(f"{c} {rate(getattr(v.rates, c), v.currency)}")
    return "; ".join(f"{', '.join(items)} per {per}" for per, items in by_per.items())


def price_version_repr(v: Any) -> str:
    rates = rates_text(v)
    extra = [f"{len(v.tiers)} tier(s)"] if v.tiers else []
    extra += [f"{len(v.off_peak)} off-peak window(s)"] if v.off_peak else []
    extra += [f"batch -{percent(v.batch.discount * 100, 0)}"] if v.batch else []
    return (f"<PriceVersion {v.id} [{v.status}] {_span(v)}: {rates}"
            + (f"; {', '.join(extra)}" if extra else "") + f"; {len(v.citations)} citation(s)>")


def price_version_html(v: Any) -> str:
    COMPONENTS = _present(v)
    rows = [["base", *[escape(rate(getattr(v.rates, c), v.currency)) for c in COMPONENTS]]]
    rows += [[f"prompt &gt; {t.above_prompt_tokens:,}", *[escape(rate(getattr(t.rates, c), v.currency))
                                                          for c in COMPONENTS]] for t in v.tiers]
    rows += [[escape(f"off-peak {w.start:%H:%M}-{w.end:%H:%M} UTC"),
              *[escape(rate(getattr(w.rates, c), v.currency)) for c in COMPONENTS]] for w in v.off_peak]
    head = [c if _per(c) == "Mtok" else f"{c} (per {_per(c)})" for c in COMPONENTS]
    parts = [_table(["per Mtok", *head], rows, set(range(1, len(COMPONENTS) + 1)))]
    if v.batch:
        parts.append(_note(f"batch: {escape(percent(v.batch.discount * 100, 0))} off "
                           f"{escape(', '.join(v.batch.applies_to))}"))
    cites = "".join(f"<li><code>{escape(c.source)}</code>"
                    + (f" ({escape(', '.join(c.fields))})" if c.fields else "")
                    + (f': &ldquo;{escape(_short(c.quote, 200))}&rdquo;' if c.quote else "") + "</li>"
                    for c in v.citations)
    parts.append(f'<div style="{_NOTE}">Cited by:<ul style="margin:0">{cites}</ul></div>')
    if v.note:
        parts.append(_note("note: " + escape(v.note)))
    return _box(f"{escape(v.id)} [{escape(v.status)}], {escape(_span(v))}, {escape(v.currency)}; rates exact "
                f"as published", *parts)


def workload_repr(w: Any) -> str:
    return f"<Workload {w.describe()}>"


def workload_html(w: Any) -> str:
    # every field that is set: the defaults (no cache, no batch, ...) would only add noise
    fields = type(w).model_fields

    def shown(f: str, v: Any) -> str:
        if f in ("requests", "web_searches") and hasattr(v, "per"):  # counts, not tokens
            return f"{v.tokens:,f}/{v.per}"
        return str(v)
    rows = [[f"<code>{f}</code>", escape(shown(f, getattr(w, f)))] for f, info in fields.items()
            if getattr(w, f) is not None and (f == "month" or getattr(w, f) != info.default)]
    return _box("Workload: " + escape(w.describe()), _table(["field", "value"], rows))


def catalog_repr(cat: Any) -> str:
    n = sum(len(m.versions) for m in cat.models.values())
    files = ", ".join(p.rsplit("/", 1)[-1] for p in map(str, cat.paths)) or "bundled"
    return f"<Catalog {len(cat)} models, {n} price versions, {len(cat.sources)} sources; files: {files}>"


def catalog_html(cat: Any) -> str:
    rows = []
    for mid, model in cat.models.items():
        vs = sorted(model.versions, key=lambda v: v.start)
        official = [v for v in vs if v.status in ("official", "promotional")]
        last = (official or vs)[-1]
        rows.append([f"<code>{escape(mid)}</code>", escape(model.provider), str(len(vs)),
                     escape(f"{last.id} [{last.status}]"), escape(rate(last.rates.input, last.currency)),
                     escape(rate(last.rates.output, last.currency))])
    return _box(escape(catalog_repr(cat)),
                _table(["model", "provider", "versions", "latest version", "input /Mtok", "output /Mtok"],
                       rows, {2, 4, 5}),
                _note("Rates exact as published; <code>.history(model)</code> lists every version with its "
                      "sources, <code>.plot_history(model)</code> draws it."))


def usage_repr(u: Any) -> str:
    who = f" priced as {u.label}" if u.label else ""
    s = (f"<UsageCost {u.n_rows:,} rows{who}: {money(u.total, u.currency)} ({CENT_RULE}; exact: "
         f"{exact_text(u.total)} = .total)")
    if u.excluded_rows:
        s += f"; EXCLUDES {u.excluded_rows:,} rejected row(s) (.rejected)"
    if u.repriced:
        s += "; repriced as " + ", ".join(f"{t}: {money(rc.total, rc.currency)}" for t, rc in u.repriced.items())
    if getattr(u, "stale", None) or any(getattr(rc, "stale", None) for rc in u.repriced.values()):
        s += "; POSSIBLY STALE (.stale)"
    return s + ">"


def usage_html(u: Any) -> str:
    rows = [["as logged" if not u.label else escape(u.label), f"{u.n_rows - u.excluded_rows:,}", f"{u.excluded_rows:,}",
             escape(money(u.total, u.currency))]]
    rows += [[f"repriced as <code>{escape(t)}</code>", f"{rc.n_rows - rc.excluded_rows:,}", f"{rc.excluded_rows:,}",
              escape(money(rc.total, rc.currency))] for t, rc in u.repriced.items()]
    parts = [_table(["pricing", "rows priced", "rows excluded", "total"], rows, {1, 2, 3}),
             _note(f"Totals {CENT_RULE}; exact <code>.total</code> = {escape(exact_text(u.total))}. "
                   f"<code>.by('month')</code> groups them; <code>.rejected</code> lists excluded rows.")]
    parts += [_note("note: " + escape(n)) for n in u.notes]
    if getattr(u, "stale", None):
        parts.append(_note("<b>possibly stale:</b> " + escape(u.stale)))
    parts += [_note(f"<b>as <code>{escape(t)}</code>, possibly stale:</b> " + escape(rc.stale))
              for t, rc in u.repriced.items() if getattr(rc, "stale", None)]
    return _box(f"Usage log: {u.n_rows:,} rows", *parts)


# -- claims ------------------------------------------------------------------------------------------
def fmt_quantity(x: Fraction | None, unit: str, currency: str = "USD") -> str:
    """A recomputed claim quantity for display (percent to 0.01 point, money to the cent, in the stated
    figure's currency: a yuan price is computed in yuan)."""
    if x is None:
        return ""
    if unit == "percent":
        return percent(x)
    if unit == "usd":
        return money(x, currency)
    if unit == "multiple":
        return f"{percent(x).rstrip('%')}x"
    return exact_text(x) if isinstance(x, Fraction) and x.denominator == 1 else percent(x, 4).rstrip("%")


def _range(s: Any, unit: str, currency: str = "USD") -> str:
    if s.computed_min is None:
        return ""
    lo, hi = fmt_quantity(s.computed_min, unit, currency), fmt_quantity(s.computed_max, unit, currency)
    return lo if lo == hi else f"{lo} – {hi}"


def _unit(r: Any) -> str:
    return r.stated.unit if r.stated is not None else ""


def _currency(r: Any) -> str:
    return getattr(r.stated, "currency", "USD") if r.stated is not None else "USD"


def claim_repr(r: Any) -> str:
    return (f"<ClaimResult {r.claim.id} [{r.verdict}]: stated {r.claim.stated!r}; {len(r.scenarios)} scenario(s); "
            f"{_short(r.reason, 140)}>")


def scenario_rows(r: Any) -> list[list[str]]:
    unit = _unit(r)
    out = []
    for s in r.scenarios:
        base = f"{s.baseline}@{s.baseline_version}" if s.baseline else ""
        out.append([escape(s.scenario), f"<code>{escape(base)}</code>" if base else "", escape(s.subject_version or ""),
                    escape(_range(s, unit, _currency(r))), badge(s.verdict), escape(s.holds_where or s.reason)])
    return out


def claim_html(r: Any) -> str:
    c = r.claim
    parts = []
    if c.quote:
        parts.append(f'<blockquote style="margin:4px 0 4px 8px;color:#333">&ldquo;{escape(c.quote)}&rdquo;'
                     + (f' <span style="{_NOTE}">({escape(c.source)})</span>' if c.source else "") + "</blockquote>")
    parts.append(f"<div>{badge(r.verdict)} stated <b>{escape(c.stated)}</b>: {escape(r.reason)}</div>")
    if r.scenarios:
        parts.append(_table(["scenario", "baseline", "subject version", "computed", "verdict", "holds where / why"],
                            scenario_rows(r), {3}))
        parts.append(_note("Computed values rounded half-up for display (percent to 0.01 point, money to the "
                           "cent); exact Fractions in <code>.scenarios</code>. <code>.explain()</code> shows the "
                           "arithmetic, <code>.plot()</code> where it holds."))
    return _box(f"Claim <code>{escape(c.id)}</code>", *parts)


def counts_text(results: list[Any]) -> str:
    n = Counter(r.verdict for r in results)
    return ", ".join(f"{v}: {n[v]}" for v in VERDICT_COLORS if n[v])

