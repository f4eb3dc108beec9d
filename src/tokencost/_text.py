"""Article text as stored: the mojibake some copies carry, repaired, and whitespace folded.

Used wherever an article's words are compared with a quote (price-file loading, the claim
extractor, the tests); lives at the bottom of the package so every layer may use it.
"""

from __future__ import annotations

import re

__all__ = ["MOJIBAKE", "normalize_space", "repair_mojibake"]

# UTF-8 text that was once decoded through the Thai code page (TIS-620 / cp874) shows these
# sequences. Longest first: "โ€”" is the full form of an em dash, "โ" what is left of it when the
# two following bytes were lost.
MOJIBAKE: tuple[tuple[str, str], ...] = (
    ("๐Ÿ’ฌ", "💬"),  # U+1F4AC speech balloon: F0 9F 92 AC
    ("โ€”", "—"),  # U+2014 em dash: E2 80 94
    ("โ€“", "–"),  # U+2013 en dash: E2 80 93
    ("โ€™", "’"),  # U+2019 right single quote: E2 80 99
    ("โ€œ", "“"),  # U+201C left double quote: E2 80 9C
    ("โ€", "”"),   # U+201D right double quote: E2 80 9D (its last byte is unmapped in cp874)
    ("ยท", "·"),  # U+00B7 middle dot: C2 B7
)
# A lone lead byte E2 of an em dash; only between non-Thai characters, so real Thai text is kept.
_LONE_E2 = re.compile(r"(?<![\u0e00-\u0e7f])โ(?![\u0e00-\u0e7f])")
_SPACE = re.compile(r"\s+")


def repair_mojibake(text: str) -> str:
    """``text`` with the known mojibake sequences replaced by the characters the author wrote.

        >>> repair_mojibake("1 May 2026ยท10 min read")
        '1 May 2026·10 min read'
    """
    for bad, good in MOJIBAKE:
        text = text.replace(bad, good)
    return _LONE_E2.sub("—", text)


def normalize_space(text: str) -> str:
    """Runs of whitespace (including newlines and NBSP) as one space, without leading/trailing space."""
    return _SPACE.sub(" ", text).strip()
