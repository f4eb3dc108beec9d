"""tokencost: versioned LLM API price tables, exact workload costs, and a checker
for published price claims.

Data flows one way: ``data/*.yaml`` -> catalog (``load_catalog``) -> engine
(``monthly_cost``, ``request_cost``, ``compare``, ``savings``) -> claims
(``check_claims``) -> reports and the ``tokencost`` CLI.
"""

from ._catalog.catalog import Catalog, load_catalog
from ._catalog.schema import PriceVersion, Rates
from ._claims import Claim, ClaimResult, TolerancePolicy, check_claim, check_claims, explain, load_claims
from ._engine.cost import CostBreakdown, LineItem, Savings, compare, monthly_cost, request_cost, savings
from ._engine.units import MonthLength, Q_, parse_price, parse_volume, ureg
from ._engine.workload import Workload
from .errors import TokencostError, UnknownModelError

__version__ = "0.1.0"

__all__ = [
    "Catalog",
    "Claim",
    "ClaimResult",
    "TolerancePolicy",
    "check_claim",
    "check_claims",
    "explain",
    "load_claims",
    "CostBreakdown",
    "LineItem",
    "MonthLength",
    "PriceVersion",
    "Q_",
    "Rates",
    "Savings",
    "TokencostError",
    "UnknownModelError",
    "Workload",
    "compare",
    "load_catalog",
    "monthly_cost",
    "parse_price",
    "parse_volume",
    "request_cost",
    "savings",
    "ureg",
]
