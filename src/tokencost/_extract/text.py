"""Article text as the extractor reads it: mojibake repaired, split into paragraphs and sentences.

Offsets everywhere in the extractor are character offsets into the *repaired* text
(:func:`repair_mojibake` of the input), which is also what quotes are checked against.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["MOJIBAKE", "Sentence", "normalize_space", "published_date", "repair_mojibake", "sentences"]

from .._text import MOJIBAKE, normalize_space, repair_mojibake

@dataclass(frozen=True)
class Sentence:
    """One sentence (or headline, or list item) of the article, with its place in the text."""

    text: str
    start: int          # offset of the first character in the repaired article
    paragraph: int      # index of the paragraph (a block of non-empty lines; a list item is its own)
    index: int          # index of the sentence in the article

    @property
    def end(self) -> int:
        return self.start + len(self.text)


# A sentence ends at . ! ? (and a closing quote) followed by space and an upper-case letter,
# a digit or an opening quote -- but not after abbreviations a price article uses.
_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[A-Z0-9\"“‘'($])")
_ABBREV = re.compile(r"(?:\b(?:vs|e\.g|i\.e|etc|approx|Inc|Ltd|Dr|Mr|Ms|No|St|U\.S|U\.K|Jan|Feb|Mar|Apr|Jun|"
                     r"Jul|Aug|Sep|Sept|Oct|Nov|Dec))\.$")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` (already repaired), each with its offset and paragraph.

    Each line is a paragraph (a list item too), unless it continues a soft-wrapped sentence
    (the previous line has no final punctuation and this one starts in lower case); a line without
    final punctuation (a headline) is its own sentence.
    """
    out: list[Sentence] = []
    para = -1
    prev_blank = True
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        start_of_line = pos
        pos += len(line)
        if not body.strip():
            prev_blank = True
            continue
        bullet = _BULLET.match(body)
        # a new line is a new paragraph unless it continues a soft-wrapped sentence
        if prev_blank or bullet or not out or not _continues(out[-1].text, body):
            para += 1
        prev_blank = False
        offset = bullet.end() if bullet else len(body) - len(body.lstrip())
        chunk = body[offset:]
        last = 0
        for m in _END.finditer(chunk):
            piece = chunk[last:m.start()]
            if _ABBREV.search(piece):
                continue
            _add(out, piece, start_of_line + offset + last, para)
            last = m.end()
        _add(out, chunk[last:], start_of_line + offset + last, para)
    return out


def _continues(previous: str, line: str) -> bool:
    return not previous.rstrip().endswith((".", "!", "?", ":", '"', "”")) and line.lstrip()[:1].islower()


def _add(out: list[Sentence], piece: str, start: int, para: int) -> None:
    stripped = piece.rstrip()
    lead = len(stripped) - len(stripped.lstrip())
    stripped = stripped.strip()
    if stripped:
        out.append(Sentence(stripped, start + lead, para, len(out)))


_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), 1)}
_MON = r"(January|February|March|April|May|June|July|August|September|October|November|December|" \
       r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_DMY = re.compile(r"\b(\d{1,2})\s+" + _MON + r",?\s+(20\d\d)\b")
_MDY = re.compile(r"\b" + _MON + r"\s+(\d{1,2}),?\s+(20\d\d)\b")
_ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i for m, i in _MONTHS.items() if m.startswith(name))


def published_date(text: str) -> dt.date | None:
    """The date in the article's first lines (a dateline such as "1 May 2026·10 min read"), else None.

    Only the first 300 characters are read: a date further down is about something else.
    """
    head = text[:300]
    found: list[tuple[int, dt.date]] = []
    for m in _DMY.finditer(head):
        found.append((m.start(), dt.date(int(m[3]), _month(m[2]), int(m[1]))))
    for m in _MDY.finditer(head):
        found.append((m.start(), dt.date(int(m[3]), _month(m[1]), int(m[2]))))
    for m in _ISO.finditer(head):
        found.append((m.start(), dt.date(int(m[1]), int(m[2]), int(m[3]))))
    return min(found)[1] if found else None
