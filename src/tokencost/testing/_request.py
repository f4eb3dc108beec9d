"""One API request as a value: what ``requests()`` generates and ``request_cost`` prices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._catalog.catalog import Catalog

__all__ = ["Request"]


@dataclass(frozen=True)
class Request:
    """A single request: model, token counts (input includes cache reads and writes), instant, batch.

    >>> r = Request("gpt-4o", input_tokens=1200, output_tokens=300, at="2025-01-01")
    >>> r.cost()
    Decimal('0.00600000')
    """

    model: str
    input_tokens: int
    output_tokens: int
    cached_tokens: int = 0
    cache_write_tokens: int = 0
    at: dt.datetime | str | None = None
    batch: bool = False

    def cost(self, catalog: Catalog | None = None) -> Decimal:
        """Exact cost through :func:`tokencost.request_cost`."""
        from .._engine.cost import request_cost
        return request_cost(self.model, self.input_tokens, self.output_tokens, self.cached_tokens,
                            self.cache_write_tokens, at=self.at, batch=self.batch, catalog=catalog)

    def describe(self) -> str:
        parts = [f"{self.model}: {self.input_tokens:,} input"]
        if self.cached_tokens:
            parts.append(f"{self.cached_tokens:,} cached")
        if self.cache_write_tokens:
            parts.append(f"{self.cache_write_tokens:,} cache-write")
        parts.append(f"{self.output_tokens:,} output tokens")
        when = f" at {self.at}" if self.at is not None else ""
        return ", ".join(parts) + when + (" (batch)" if self.batch else "")
