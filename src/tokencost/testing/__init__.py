"""Property testing with tokencost: hypothesis strategies for its values and assertions about
costs and claims (``pip install 'tokencost[testing]'``).

>>> from hypothesis import given
>>> from tokencost.testing import workloads, assert_claim_holds
>>> assert_claim_holds("a004-saves-42k-per-month", baseline="gpt-4-turbo",
...                    over=workloads(tokens="100M/day", input_share=(0.75, 0.85)))  # doctest: +SKIP

See docs/testing.md.
"""

from ._assertions import ClaimCounterexample, assert_claim_holds, assert_cost_equal, claim_value
from ._register import register_strategies
from ._request import Request
from ._strategies import (
    DEFAULT_MODELS,
    DEFAULT_PERIOD,
    catalogs,
    claims,
    decimals,
    price_versions,
    requests,
    usage_frames,
    workloads,
)

register_strategies()

__all__ = [
    "DEFAULT_MODELS",
    "DEFAULT_PERIOD",
    "ClaimCounterexample",
    "Request",
    "assert_claim_holds",
    "assert_cost_equal",
    "catalogs",
    "claim_value",
    "claims",
    "decimals",
    "price_versions",
    "register_strategies",
    "requests",
    "usage_frames",
    "workloads",
]
