"""Claims: recompute published price claims and report where they hold."""

from .evaluate import check_claim, check_claims
from .result import ClaimResult, ScenarioResult
from .schema import Claim, load_claims
from .stated import TolerancePolicy

__all__ = ["Claim", "ClaimResult", "ScenarioResult", "TolerancePolicy", "check_claim", "check_claims",
           "explain", "load_claims"]


def explain(claim_id: str | Claim, claims: list[Claim] | str | None = None, catalog=None,  # noqa: ANN001
            *, policy: TolerancePolicy | None = None) -> str:
    """The arithmetic behind one claim's verdict, step by step, in plain words and numbers."""
    from ..errors import ClaimError
    if isinstance(claim_id, Claim):
        return check_claim(claim_id, catalog, policy=policy).explain()
    pool = claims if isinstance(claims, list) else load_claims(claims)
    for c in pool:
        if c.id == claim_id:
            return check_claim(c, catalog, policy=policy).explain()
    import difflib
    close = difflib.get_close_matches(claim_id, [c.id for c in pool], n=3, cutoff=0.4)
    raise ClaimError(f"no claim {claim_id!r}" + (f"; did you mean {', '.join(close)}?" if close else ""))
