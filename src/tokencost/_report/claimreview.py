"""schema.org ClaimReview records for claim verdicts (what fact-checkers publish)."""

from __future__ import annotations

from typing import Any

from .._catalog.catalog import Catalog
from .._claims.result import ClaimResult, scenario_row
from .tables import jsonable

__all__ = ["claim_review"]

RATING = {"holds": 5, "holds-if": 3, "understated": 2, "overstated": 2, "contradicted": 1, "unverifiable": None}


def claim_review(r: ClaimResult, cat: Catalog) -> dict[str, Any]:
    c = r.claim
    src = cat.sources.get(c.source or "")
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if src is not None:
        appearance.update({k: v for k, v in {"headline": src.title, "url": src.url, "author": src.author,
                                             "datePublished": src.published,
                                             "identifier": src.seed}.items() if v})
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": r.verdict, "ratingExplanation": r.reason,
                              "bestRating": 5, "worstRating": 1}
    if RATING[r.verdict] is not None:
        rating["ratingValue"] = RATING[r.verdict]
    return jsonable({
        "@context": "https://schema.org", "@type": "ClaimReview", "identifier": c.id,
        "claimReviewed": c.quote or c.stated,
        "itemReviewed": {"@type": "Claim", "appearance": appearance, **({"datePublished": c.at} if c.at else {})},
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": "tokencost"},
        "tokencost": {"kind": c.kind, "stated": c.stated, "hedge": c.hedge, "subject": c.subject,
                      "scenarios": [{k: v for k, v in scenario_row(r, s).items()
                                     if k not in ("quote", "claim_verdict", "claim_reason", "source", "claim_id")}
                                    for s in r.scenarios],
                      "forensics": [m.describe() for m in r.forensics]},
    })
