"""Draft claims from article text (``tc.extract_claims``) and write them as a claims file."""

from __future__ import annotations

from .draft import extract_claims
from .text import repair_mojibake

__all__ = ["extract_claims", "repair_mojibake"]
