"""Seed articles (``shared/seeds/*.txt``) as the quotes in the data files expect them.

The stored copies of the articles were saved through a wrong code page at some
point, so a few UTF-8 characters appear as Thai-script mojibake (TIS-620 /
cp874 read of the UTF-8 bytes). ``repair_mojibake`` maps the sequences that
occur back to the characters the authors wrote; quotes in ``prices.yaml`` and
``claims.yaml`` are written with the repaired characters.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["MOJIBAKE", "repair_mojibake", "read_seed", "normalize_space"]

# the repair lives in the package (tc.extract_claims repairs articles before reading them)
from tokencost._extract.text import MOJIBAKE, normalize_space, repair_mojibake  # noqa: E402


def read_seed(path: str | os.PathLike[str]) -> str:
    """The text of a seed article, decoded as UTF-8, with its mojibake repaired."""
    return repair_mojibake(Path(path).read_text(encoding="utf-8"))
