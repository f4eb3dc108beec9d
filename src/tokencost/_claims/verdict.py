"""Verdicts from computed values: where they sit against a stated interval, in the claim's terms.

Shared by the comparisons (``evaluate``) and the single-figure claims (``figures``): the
direction rule (``judge``), the readable regions and the per-scenario verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._engine.units import to_decimal
from .region import Region, fmt_pct
from .schema import Claim
from .stated import Stated, fmt_num, parse_stated  # noqa: F401  (parse_stated: judge's doctest)

__all__ = ["COMPARISONS", "HOW_ROUNDED", "F", "Free", "describe_region", "fmt_q", "judge", "verdict_from", "wrong_direction"]

COMPARISONS = ("percent_cheaper", "cost_fraction", "monthly_savings")
HOW_ROUNDED = {"truncate": "truncated", "half_even": "rounded half-even", "up_or_down": "rounded either way",
               "half_up": "rounded half-up"}


def F(x: Any) -> Fraction:
    return Fraction(to_decimal(x)) if not isinstance(x, Fraction) else x


@dataclass(frozen=True)
class Free:
    """The one continuous free assumption of a claim: its name and exact domain."""

    name: str  # "input_share" | "cached_share" | ... | "tokens" | "" (nothing free)
    dom: Region
    per: str = ""  # for "tokens": the period the volumes are per

    def label(self) -> str:
        return self.name.replace("_", " ") if self.name != "tokens" else f"tokens/{self.per}"

    def fmt(self, x: Fraction) -> str:
        if self.name == "tokens":
            return f"{fmt_num(x / 10**6, 2)}M"
        return fmt_pct(x)


def wrong_direction(kind: str, stated: Stated, lo: Fraction, hi: Fraction) -> bool:
    """The data never points the claim's way: the subject is nowhere cheaper (or saves nothing)."""
    m = stated.measure
    if kind not in COMPARISONS:
        return False
    if m in ("saving", "amount"):
        return hi <= 0
    if m == "multiple":
        return hi <= 1
    if m == "share":
        return lo >= 100
    if m == "ratio":
        return lo >= 1
    return False


def judge(stated: Stated, lo: Fraction, hi: Fraction, rule_name: str | None = None) -> str:
    """Where the computed values [lo, hi] sit against the stated interval, in the claim's terms.

    "overstated": the claim makes the subject look cheaper (larger saving, smaller share, larger
    multiple, bigger discount) than every computed value -- for an amount or a price, the figure
    is above every computed value; "understated": the reverse; "holds" when they meet.

        >>> judge(parse_stated("a third", None, kind="cost_fraction"), Fraction(50), Fraction(50))
        'overstated'
    """
    iv = stated.intervals[rule_name or next(iter(stated.intervals))]
    below = iv.lo.value is not None and (hi < iv.lo.value or (hi == iv.lo.value and not iv.lo.closed))
    above = iv.hi.value is not None and (lo > iv.hi.value or (lo == iv.hi.value and not iv.hi.closed))
    if not (below or above):
        return "holds"
    # the stated figure is above the computed values when they are below its interval
    stated_higher = below
    more_advantage = stated_higher if stated.advantage > 0 else not stated_higher
    return "overstated" if more_advantage else "understated"


def fmt_q(x: Fraction, stated: Stated) -> str:
    if stated.unit == "percent":
        return f"{fmt_num(x, 2)}%"
    if stated.unit == "usd":
        sign = {"USD": "$", "CNY": "¥"}.get(stated.currency, stated.currency + " ")
        return f"{sign}{fmt_num(x, 6 if abs(x) < 1 else 2)}"
    if stated.unit == "multiple":
        return f"{fmt_num(x, 2)}x"
    return fmt_num(x, 4)


def describe_region(r: Region, free: Free) -> str:
    """Readable inequalities: "input share <= 17.9%", "input share between 72.1% and 86.2%"."""
    what = free.label()
    d = free.dom
    if r.is_point():
        return f"{what} exactly {free.fmt(r.lo)}"
    at_lo, at_hi = r.lo == d.lo and r.lo_closed == d.lo_closed, r.hi == d.hi and r.hi_closed == d.hi_closed
    if at_lo and not at_hi:
        return f"{what} {'<=' if r.hi_closed else '<'} {free.fmt(r.hi)}"
    if at_hi and not at_lo:
        return f"{what} {'>=' if r.lo_closed else '>'} {free.fmt(r.lo)}"
    return f"{what} between {free.fmt(r.lo)} and {free.fmt(r.hi)}"


def verdict_from(claim: Claim, stated: Stated, lo: Fraction, hi: Fraction,
                  regions: dict[str, dict[Fraction, Region | None]], free: Free,
                  months: list[Fraction]) -> tuple[str, str, str]:
    """(verdict, reason, holds_where) for one scenario."""
    dom = free.dom

    def full(r: Region | None) -> bool:
        return r is dom or (r is not None and r == dom)  # _region hands back dom itself when all of it holds

    anywhere = f"any {free.label()}" if free.name else "as stated"

    prim = regions[next(iter(regions))]
    multi_month = len(months) > 1
    where_parts = []
    for m, r in prim.items():
        if r is not None:
            txt = anywhere if full(r) else describe_region(r, free)
            where_parts.append(f"{txt} ({fmt_num(m, 4)}-day month)" if multi_month else txt)
    if prim and all(full(r) for r in prim.values()):
        return "holds", "", "everywhere in the stated range" if dom.lo != dom.hi else "as stated"
    if any(r is not None for r in prim.values()):
        return "holds-if", "", "; ".join(where_parts)
    for rule_name, per_m in list(regions.items())[1:]:
        alt = [r for r in per_m.values() if r is not None]
        if alt:
            parts = [anywhere if full(r) else describe_region(r, free) for r in alt]
            how = HOW_ROUNDED[rule_name]
            tail = "" if parts == ["as stated"] else ": " + "; ".join(sorted(set(parts)))
            return "holds-if", "", f"only if the figure was {how}{tail}"
    if wrong_direction(claim.kind, stated, lo, hi):
        span = fmt_q(lo, stated) if lo == hi else f"{fmt_q(lo, stated)}–{fmt_q(hi, stated)}"
        return "contradicted", f"computed {span}: the subject is not cheaper", ""
    verdicts = {judge(stated, q, q) for q in (lo, hi)}
    if verdicts == {"overstated", "understated"} or "holds" in verdicts:
        # e.g. one month length gives less and another more, and none meets the figure
        return "contradicted", "", ""
    return verdicts.pop(), "", ""
