"""Rejected usage rows: reason codes per row summarised for an error, or kept as a frame."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._time import from_ticks
from ..errors import UsageLogError, spell
from .chunks import Chunk

__all__ = ["BadSummary", "bad_rows", "ROW_TIME"]

# Reasons about the prices at a row's timestamp say this; a raised error puts the first such
# row's own time next to it (reason texts stay shared by every row they describe).
ROW_TIME = "at the row's time"


@dataclass
class BadSummary:
    """Counts and first few row labels per reason (enough to raise a helpful error)."""

    counts: dict[str, int] = field(default_factory=dict)
    first: dict[str, list[Any]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    first_tick: dict[str, int] = field(default_factory=dict)  # timestamp of the first row, per reason

    def add(self, reason: str, count: int, labels: Sequence[Any], first_tick: int | None = None) -> None:
        if reason not in self.counts:
            self.counts[reason], self.first[reason] = 0, []
            self.order.append(reason)
            if first_tick is not None:
                self.first_tick[reason] = first_tick
        self.counts[reason] += count
        room = 5 - len(self.first[reason])
        if room > 0:
            self.first[reason].extend(list(labels[:room]))

    def merge(self, other: BadSummary) -> None:
        for r in other.order:
            self.add(r, other.counts[r], other.first[r], other.first_tick.get(r))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def error(self) -> UsageLogError:
        first = self.order[0]
        n = self.counts[first]
        rest = self.total - n
        msg = first
        if ROW_TIME in first and first in self.first_tick:
            when = from_ticks(self.first_tick[first])
            msg = first.replace(ROW_TIME, f"{ROW_TIME} ({when:%Y-%m-%d %H:%M:%S} UTC)", 1)
        if rest:
            report = spell("errors='report'", "--errors report")
            msg += (
                f" (and {rest} more bad row(s) for {len(self.order) - 1} other reason(s), e.g. "
                f"{self.order[1]!r}; {report} lists them all)"
            )
        err = UsageLogError(msg, rows=self.first[first], count=n)
        err.reasons = dict(self.counts)  # type: ignore[attr-defined]
        return err


def bad_rows(
    ch: Chunk,
    frame: pd.DataFrame,
    rows: np.ndarray,
    codes: np.ndarray,
    *,
    keep_frame: bool,
    texts: Sequence[str],
) -> tuple[BadSummary, pd.DataFrame | None]:
    """Summarize rejected rows (positions and reason codes); with ``keep_frame`` also their frame rows."""
    summ = BadSummary()
    if not len(rows):
        return summ, (frame.iloc[0:0].assign(reason=pd.Series([], dtype=object)) if keep_frame else None)
    order = np.argsort(rows, kind="stable")
    rows, codes = rows[order], codes[order]
    for code in pd.unique(codes):
        p = rows[codes == code]
        summ.add(texts[code], len(p), [_label(x) for x in ch.index[p[:5]]], int(ch.table_ticks(p[:1])[0]))
    rej = None
    if keep_frame:
        used = sorted(set(codes.tolist()))
        remap = np.zeros(max(used) + 1, dtype=np.int32)
        remap[used] = np.arange(len(used))
        rej = frame.iloc[rows].copy()
        rej["reason"] = pd.Categorical.from_codes(remap[codes], categories=[texts[c] for c in used])
    return summ, rej


def _label(x: Any) -> Any:
    return x.item() if hasattr(x, "item") else x
