"""Every error tokencost raises, in one place.

Each error derives from :class:`TokencostError` and from the builtin it
resembles, so ``except KeyError`` keeps working for code that expected a
dict lookup. Errors carry structured attributes; the message is built from
them, so callers can react to ``err.model`` instead of parsing text.

Hierarchy::

    TokencostError(Exception)
    ├── DataFileError(TokencostError, ValueError)       a price/claim/usage file is malformed
    │   └── SourceQuoteError                             an article quote is not in its seed text
    ├── UnknownModelError(TokencostError, KeyError)      no model or alias by that name
    │   └── AmbiguousModelError                          a name that matches several models
    ├── UnknownVersionError(TokencostError, KeyError)    "MODEL@VERSION" names no version
    ├── NoPriceError(TokencostError, LookupError)        no version in effect at that date
    │   ├── RetiredModelError                            the name was retired then (names the successor)
    │   └── StartUnknownError                            before a price whose start no source gives
    ├── MissingRateError(TokencostError, LookupError)    the version lacks a rate the workload needs
    ├── UnmodelledDiscountError(TokencostError, ValueError)  a discount asked for that the data cannot price
    ├── UnmodelledUnitError(TokencostError, ValueError)  a billable unit tokencost does not price (pages, ...)
    ├── ExchangeRateError(TokencostError, LookupError)   no dated exchange rate for a currency conversion
    ├── UnitError(TokencostError, ValueError)            a volume or price string that cannot be read
    ├── WorkloadError(TokencostError, ValueError)        shares outside [0, 1] and other bad workloads
    ├── UsageLogError(TokencostError, ValueError)        bad rows or columns in a usage log
    └── ClaimError(TokencostError, ValueError)           a claim that cannot be evaluated as written

Warnings: ``StalePriceWarning(UserWarning)`` -- a price asked for after the data date, or resting on
figures not checked against their source for more than 180 days at that instant.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = [
    "TokencostError",
    "DataFileError",
    "SourceQuoteError",
    "UnknownModelError",
    "AmbiguousModelError",
    "RetiredModelError",
    "StartUnknownError",
    "UnmodelledUnitError",
    "StalePriceWarning",
    "UnknownVersionError",
    "NoPriceError",
    "MissingRateError",
    "UnmodelledDiscountError",
    "ExchangeRateError",
    "UnitError",
    "WorkloadError",
    "UsageLogError",
    "ClaimError",
    "spell",
    "cli_spelling",
]

# Hints in messages name the option the way the caller types it: a keyword argument for the
# library, a flag for the command line (which sets this for the duration of a command).
_CLI: ContextVar[bool] = ContextVar("tokencost_cli_spelling", default=False)


def spell(python: str, cli: str) -> str:
    """``python`` (e.g. ``"assume_utc=True"``) for library callers, ``cli`` (``"--assume-utc"``) in the CLI."""
    return cli if _CLI.get() else python


@contextmanager
def cli_spelling() -> Iterator[None]:
    """Within this block, :func:`spell` gives the command-line spelling."""
    token = _CLI.set(True)
    try:
        yield
    finally:
        _CLI.reset(token)


class TokencostError(Exception):
    """Root of every error tokencost raises."""

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0]) if self.args else self.__class__.__name__


class DataFileError(TokencostError, ValueError):
    """A data file (prices, claims, usage) is malformed; names the file, line and field."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.path, self.line, self.field, self.detail = path, line, field, message
        where = ""
        if path:
            where = f"{path}:{line}" if line else str(path)
        if field:
            where = f"{where} [{field}]" if where else f"[{field}]"
        super().__init__(f"{where}: {message}" if where else message)


class SourceQuoteError(DataFileError):
    """A quoted figure does not appear verbatim in the article it cites."""


class UnknownModelError(TokencostError, KeyError):
    def __init__(self, model: str, suggestions: Sequence[str] = ()) -> None:
        self.model, self.suggestions = model, list(suggestions)
        hint = f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown model {model!r}{hint}")


class AmbiguousModelError(UnknownModelError):
    """A name that, after the documented normalisation, matches several models; lists them."""

    def __init__(self, model: str, candidates: Sequence[str], how: str = "") -> None:
        self.model, self.candidates, self.suggestions = model, list(candidates), list(candidates)
        extra = f" ({how})" if how else ""
        TokencostError.__init__(self, f"ambiguous model name {model!r}{extra}: it matches "
                                      f"{', '.join(repr(c) for c in self.candidates)}; use one of those ids")


class UnknownVersionError(TokencostError, KeyError):
    def __init__(self, model: str, version: str, available: Sequence[str]) -> None:
        self.model, self.version, self.available = model, version, list(available)
        super().__init__(f"model {model!r} has no price version {version!r}; "
                         f"versions: {', '.join(self.available) or '(none)'}")


class NoPriceError(TokencostError, LookupError):
    def __init__(self, model: str, at: object, available: Sequence[str], reason: str = "") -> None:
        self.model, self.at, self.available = model, at, list(available)
        why = reason or f"no price version of {model!r} is in effect at {at}"
        super().__init__(f"{why}; versions: {'; '.join(self.available) or '(none)'}")


class RetiredModelError(NoPriceError):
    """The model id was retired before the pricing instant; names the date and the successor."""

    def __init__(self, model: str, at: object, retired: object, successor: str | None,
                 available: Sequence[str] = ()) -> None:
        self.retired, self.successor = retired, successor
        then = f"; its successor is {successor!r} (price that instead)" if successor else ""
        super().__init__(model, at, available, reason=f"{model!r} was retired on {retired}, before {at}{then}")


class StartUnknownError(NoPriceError):
    """The instant is before a price version whose start no source gives (``effective_from_known: false``).

    The version is known to be in effect from ``evidence_date`` (its earliest dated evidence,
    ``evidence``) on; whether it, or another price, applied earlier is unknown.
    """

    def __init__(self, model: str, at: object, version: str, evidence_date: object, evidence: str,
                 available: Sequence[str] = ()) -> None:
        self.version, self.evidence_date, self.evidence = version, evidence_date, evidence
        super().__init__(model, at, available, reason=(
            f"the price of {model!r} at {at} is unknown: the start of its next version {version!r} is unknown "
            f"(no source dates it); its earliest evidence is {evidence}, dated {evidence_date}, so it is "
            f"known to be in effect only from {evidence_date} on"))


class UnmodelledUnitError(TokencostError, ValueError):
    """A billable unit tokencost does not price (characters, pages, seconds, an unknown modality)."""

    def __init__(self, unit: str, reason: str = "") -> None:
        self.unit = unit
        super().__init__(f"the unit {unit!r} is not modelled" + (f": {reason}" if reason else ""))


class StalePriceWarning(UserWarning):
    """A price that may be out of date: asked for after the data date, or unchecked for > 180 days."""


class MissingRateError(TokencostError, LookupError):
    def __init__(self, model: str, version: str, component: str, reason: str = "") -> None:
        self.model, self.version, self.component = model, version, component
        extra = f" ({reason})" if reason else ""
        super().__init__(f"{model}@{version} has no {component!r} rate, "
                         f"but the workload uses {component} tokens{extra}")


class UnmodelledDiscountError(TokencostError, ValueError):
    def __init__(self, model: str, version: str, discount: str, reason: str = "") -> None:
        self.model, self.version, self.discount = model, version, discount
        extra = f": {reason}" if reason else ""
        super().__init__(f"{model}@{version}: no {discount} pricing is recorded{extra}")


class ExchangeRateError(TokencostError, LookupError):
    def __init__(self, currency: str, target: str, at: object, available: Sequence[str] = ()) -> None:
        self.currency, self.target, self.at = currency, target, at
        have = f"; recorded rates: {', '.join(available)}" if available else ""
        super().__init__(f"no recorded {currency}->{target} exchange rate on or before {at}{have}")


class UnitError(TokencostError, ValueError):
    def __init__(self, text: object, reason: str) -> None:
        self.text = text
        super().__init__(f"cannot read {text!r}: {reason}")


class WorkloadError(TokencostError, ValueError):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)


class UsageLogError(TokencostError, ValueError):
    def __init__(self, message: str, *, rows: Sequence[int] = (), count: int | None = None,
                 column: str | None = None) -> None:
        self.rows, self.count, self.column = list(rows), count, column
        parts = [message]
        if column:
            parts.append(f"column {column!r}")
        if count is not None:
            shown = ", ".join(str(r) for r in self.rows[:5])
            more = "" if count <= 5 else f" (and {count - 5} more)"
            parts.append(f"{count} row(s): {shown}{more}")
        super().__init__("; ".join(parts))


class ClaimError(TokencostError, ValueError):
    """A claim that cannot be evaluated as written; ``where`` is its ``file:line`` when read from a file."""

    def __init__(self, message: str, *, claim_id: str | None = None, where: str | None = None) -> None:
        self.claim_id, self.where, self.detail = claim_id, where, message
        text = f"claim {claim_id}: {message}" if claim_id else message
        super().__init__(f"{where}: {text}" if where else text)
