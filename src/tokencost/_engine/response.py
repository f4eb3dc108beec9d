"""The cost of an API response, from the usage object its SDK returned."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .._catalog.catalog import Catalog, load_catalog
from .._pricing.counting import read_usage_object, to_request
from ..errors import UsageLogError
from .cost import request_cost

__all__ = ["response_cost"]

_TIERS = {"standard": "standard", "default": "standard", "auto": "standard", "batch": "batch", "flex": "flex",
          "priority": "priority", "scale": "scale"}


def response_cost(usage: Any, model: str, provider: str | None = None, *, at: Any = None,
                  service_tier: str | None = None, currency: str = "USD",
                  catalog: Catalog | None = None) -> Decimal:
    """Exact cost of one API response from its SDK ``usage``: an OpenAI Chat Completions or Responses
    ``usage``, an Anthropic ``usage``, a Gemini ``usage_metadata`` or a DeepSeek ``usage`` (object or
    dict). The provider's counting rule (from the price data) turns its counts into billable units:
    cache reads and writes (by TTL), reasoning, audio, image and video tokens and web searches.

    ``provider`` defaults to the model's provider in the catalog. ``service_tier`` defaults to
    the one the usage reports (Anthropic), else "standard"; pass the response's ``service_tier``
    for OpenAI ("flex", "priority"; "default"/"auto" mean standard).

    >>> response_cost({"input_tokens": 1000, "output_tokens": 200, "cache_read_input_tokens": 4000},
    ...               model="claude-sonnet-4", at="2025-09-01")            # doctest: +SKIP
    Decimal('0.0072')
    """
    cat = catalog or load_catalog()
    mid = cat.model_id(model)
    prov_id = provider or cat.model(mid).provider
    prov = cat.providers.get(prov_id)
    if prov is None or prov.counting is None:
        known = ", ".join(p for p, v in cat.providers.items() if v.counting is not None)
        raise UsageLogError(f"no counting rule is recorded for provider {prov_id!r} (known: {known}); "
                            "pass provider= one of those, or price the counts with request_cost")
    raw = read_usage_object(usage, prov_id)
    tier = service_tier if service_tier is not None else (raw.service_tier or "standard")
    if tier not in _TIERS:
        raise UsageLogError(f"unknown service tier {tier!r}; known: {', '.join(_TIERS)}", column="service_tier")
    return request_cost(model, at=at, currency=currency, catalog=cat, service_tier=_TIERS[tier],
                        **to_request(raw, prov.counting))
