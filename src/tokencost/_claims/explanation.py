"""Explain a claim's arithmetic step by step, as a reader would want it."""

from __future__ import annotations

from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from .evaluate import ClaimResult


def explain_result(r: ClaimResult) -> str:
    c = r.claim
    out = [f"Claim {c.id} ({c.source or 'user claim'})"]
    if c.quote:
        out.append(f'  "{c.quote}"')
    out.append(f"Kind: {c.kind.replace('_', ' ')}" + (f", {c.basis} prices" if c.basis else "")
               + (f"; subject {c.subject}" if c.subject else ""))
    if c.kind == "unverifiable":
        out += [f"Verdict: unverifiable. {c.reason}"]
        return "\n".join(out)
    st = r.stated
    if st is not None:
        out.append(f"1. What the figure means: {c.stated!r}" + (f" (hedge: {st.hedge})" if st.hedge else "")
                   + (f" = {st.explanation}" if st.explanation else ""))
        for rule, iv in st.intervals.items():
            out.append(f"   - {rule.replace('_', ' ')}: true value in {iv.describe()}")
    if c.fixed or c.free:
        out.append("2. Assumptions: " + ", ".join([f"{k} = {v}" for k, v in c.fixed.items()]
                                                  + [f"{k} free in {v[0]}..{v[1]}" for k, v in c.free.items()]))
    if c.baseline or c.baseline_candidates:
        out.append(f"   Baseline: {c.baseline or 'not named; candidates ' + ', '.join(c.baseline_candidates)}")
    out.append("3. Recomputed under each reading:")
    for s in r.scenarios:
        head = f"   - {s.scenario}: " + (f"vs {s.baseline}@{s.baseline_version}" if s.baseline else "")
        out.append(f"{head} -> {s.verdict}")
        for step in s.steps:
            out.append(f"       {step}")
        out.append(f"       {s.reason}")
        if s.holds_where:
            out.append(f"       holds at: {s.holds_where}")
        if s.implied:
            out.append(f"       implied: {s.implied}")
    if r.forensics:
        out.append("4. Figure forensics (known prices the figures coincide with):")
        out += [f"   - {m.describe()}" for m in r.forensics]
    out.append(f"Verdict: {r.verdict}. {r.reason}")
    return "\n".join(out)

