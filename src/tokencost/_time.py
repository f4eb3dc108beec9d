"""UTC instants: every date, time and timestamp the package compares goes through here.

Prices change at instants, so every comparison is between aware UTC datetimes (or, in the
vectorized usage pricing, int64 ticks since the epoch: see ``TICKS_PER_SECOND``). The conventions:

* ``None`` means now;
* a ``date`` (or an ISO date string) means 00:00 UTC of that day;
* a naive ``datetime`` is read as UTC; an aware one is converted to UTC.

    >>> to_utc("2025-03-15")
    datetime.datetime(2025, 3, 15, 0, 0, tzinfo=datetime.timezone.utc)
    >>> fmt_instant(to_utc("2025-03-15T16:30Z"))
    '2025-03-15 16:30'
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

__all__ = ["UTC", "DAY_TICKS", "TICKS_PER_SECOND", "to_utc", "day_start", "to_ticks", "from_ticks", "fmt_instant"]

UTC = dt.timezone.utc
# Usage price tables keep instants as int64 *ticks*: microseconds since the epoch (int64 nanoseconds would
# end in 2262; microseconds reach beyond year 9999, and no price changes within a microsecond). A log's
# own datetime64[ns] column is compared in nanoseconds against these x 1000 (``Chunk.per_us``), which
# saves dividing every row's timestamp
TICKS_PER_SECOND = 1_000_000
DAY_TICKS = 86_400 * TICKS_PER_SECOND
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
_TICK_MIN, _TICK_MAX = -(2**63), 2**63 - 1


def _bad(at: Any, what: str, reason: str) -> Exception:
    from .errors import UnitError

    return UnitError(at, f"{what}: {reason}")


@lru_cache(maxsize=4096)
def _parse(text: str, what: str = "at") -> dt.datetime:
    t = text.strip()
    try:
        if len(t) == 10:
            d = dt.date.fromisoformat(t)
            return dt.datetime(d.year, d.month, d.day, tzinfo=UTC)
        value = dt.datetime.fromisoformat(t.replace("Z", "+00:00"))
    except ValueError:
        raise _bad(text, what, "expected an ISO date such as '2024-09-01' or '2024-09-01T16:30Z'") from None
    return _aware(value, text, what)


def _aware(value: dt.datetime, original: Any, what: str) -> dt.datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+05:00 is before year 1 in UTC; 9999-12-31T23:00-05:00 after 9999
        raise _bad(original, what, "in UTC this instant falls outside years 1-9999") from None


def to_utc(at: Any, what: str = "at") -> dt.datetime:
    """An aware UTC datetime: None = now; a date = 00:00 UTC that day; naive datetimes are UTC.
    ``what`` names the argument in errors (``at``, ``--at``, ``timestamp``)."""
    if at is None:
        return dt.datetime.now(UTC)
    if isinstance(at, str):
        return _parse(at, what)
    if type(at) is dt.datetime and at.tzinfo is UTC:
        return at  # what astimezone(UTC) returns for an exact datetime already in UTC: itself
    if isinstance(at, dt.datetime):  # includes pandas.Timestamp
        return _aware(at, at, what)
    if isinstance(at, dt.date):
        return dt.datetime(at.year, at.month, at.day, tzinfo=UTC)
    raise _bad(at, what, f"a date must be an ISO string, date or datetime, not {type(at).__name__}")


def day_start(at: Any = None) -> dt.datetime:
    """00:00 UTC of the UTC day ``at`` falls on (default: today in UTC, not in local time)."""
    t = to_utc(at)
    return dt.datetime(t.year, t.month, t.day, tzinfo=UTC)


def to_ticks(when: dt.datetime) -> int:
    """UTC microseconds since the epoch (the usage pipeline's ticks), clamped into int64."""
    delta = when - _EPOCH
    t = (delta.days * 86_400 + delta.seconds) * TICKS_PER_SECOND + delta.microseconds
    return max(_TICK_MIN + 1, min(_TICK_MAX, t))


def from_ticks(t: int) -> dt.datetime:
    """The UTC datetime of ``t`` microseconds since the epoch."""
    return _EPOCH + dt.timedelta(microseconds=int(t))


def fmt_instant(t: dt.datetime) -> str:
    """A UTC instant for people: the date alone at midnight, else date and minute."""
    return f"{t:%Y-%m-%d}" if (t.hour, t.minute, t.second) == (0, 0, 0) else f"{t:%Y-%m-%d %H:%M}"
