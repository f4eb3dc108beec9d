"""The Decimal contexts for exact money arithmetic (one precision for the whole package).

Costs are sums of token counts times rates written with a few decimals; 120 significant
digits hold any such sum with room to spare (the default context's 28 would round a
large volume). Two ways to use that precision:

* ``EXACT`` traps: a rounding raises ``decimal.Inexact`` instead of happening silently.
  Use it where a result must be exact by construction (integer token sums x rates).
* ``CHECKED`` records: an inexact step (e.g. dividing by a month length of 30.4375 days
  sets the ``Inexact`` flag of the local copy, which the caller then reports.

    >>> from decimal import Decimal, localcontext
    >>> with localcontext(EXACT):
    ...     Decimal(3) * Decimal("2.50")
    Decimal('7.50')
"""

from __future__ import annotations

from decimal import Context, Inexact, InvalidOperation, Overflow

__all__ = ["PRECISION", "EXACT", "CHECKED"]

PRECISION = 120
EXACT = Context(prec=PRECISION, traps=[Inexact, InvalidOperation, Overflow])
CHECKED = Context(prec=PRECISION, traps=[InvalidOperation, Overflow])
