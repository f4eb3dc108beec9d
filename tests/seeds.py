"""Seed articles (``shared/seeds/*.txt``) as the quotes in the data files expect them.

The stored copies of the articles were saved through a wrong code page at some
point, so a few UTF-8 characters appear as Thai-script mojibake (TIS-620 /
cp874 read of the UTF-8 bytes). ``repair_mojibake`` maps the sequences that
occur back to the characters the authors wrote; quotes in ``prices.yaml`` and
``claims.yaml`` are written with the repaired characters.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["MOJIBAKE", "repair_mojibake", "read_seed", "normalize_space"]

# Longest sequences first: "โ€”" is the full form of an em dash, "โ" what is left of it
# when the two following bytes were lost.
MOJIBAKE: tuple[tuple[str, str], ...] = (
    ("๐Ÿ’ฌ", "💬"),  # U+1F4AC speech balloon: F0 9F 92 AC
    ("โ€”", "—"),  # U+2014 em dash: E2 80 94
    ("ยท", "·"),  # U+00B7 middle dot: C2 B7
    ("โ", "—"),  # a lone lead byte E2 of an em dash
)

_SPACE = re.compile(r"\s+")


def repair_mojibake(text: str) -> str:
    """``text`` with the known mojibake sequences replaced by the intended characters."""
    for bad, good in MOJIBAKE:
        text = text.replace(bad, good)
    return text


def normalize_space(text: str) -> str:
    """Runs of whitespace (including newlines and NBSP) as one space, without leading/trailing space."""
    return _SPACE.sub(" ", text).strip()


def read_seed(path: str | os.PathLike[str]) -> str:
    """The text of a seed article, decoded as UTF-8, with its mojibake repaired."""
    return repair_mojibake(Path(path).read_text(encoding="utf-8"))
