"""tokencost: versioned LLM API price tables, exact workload costs, and a checker
for published price claims.

Data flows one way: ``data/*.yaml`` -> catalog (``load_catalog``) -> engine
(``monthly_cost``, ``request_cost``, ``compare``, ``savings``) -> claims
(``check_claims``) -> reports and the ``tokencost`` CLI.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import TokencostError, UnknownModelError

# Public names are imported on first use (PEP 562), so ``import tokencost`` stays cheap and a
# first ``request_cost`` never pays for pint/numpy/dask (units, workloads) or the claims checker.
# name -> submodule that defines it; keep in step with the TYPE_CHECKING imports below.
_LAZY: dict[str, str] = {
    "Catalog": "._catalog.catalog", "load_catalog": "._catalog.catalog",
    "PriceFileEditor": "._catalog.edit", "edit_prices": "._catalog.edit",
    "PriceVersion": "._catalog.schema", "Rates": "._catalog.schema", "TrainingCost": "._catalog.schema",
    "Claim": "._claims", "ClaimResult": "._claims", "TolerancePolicy": "._claims", "check_claim": "._claims",
    "check_claims": "._claims", "explain": "._claims", "load_claims": "._claims",
    "CostBreakdown": "._engine.cost", "LineItem": "._engine.cost", "Savings": "._engine.cost",
    "compare": "._engine.cost", "monthly_cost": "._engine.cost", "request_cost": "._engine.cost",
    "savings": "._engine.cost", "response_cost": "._engine.response",
    "MonthLength": "._engine.units", "Q_": "._engine.units", "parse_price": "._engine.units",
    "parse_volume": "._engine.units", "ureg": "._engine.units",
    "Workload": "._engine.workload",
    "UsageCost": "._usage", "cost_usage": "._usage", "read_usage": "._usage",
    "import_prices": "._data.importers", "crosscheck": "._data.crosscheck",
    "ClaimReport": "._report.claim_report", "claim_report": "._report.claim_report",
    "plot_cost_curve": "._report.cost_curve",
    "extract_claims": "._extract",
}

if TYPE_CHECKING:
    from ._catalog.catalog import Catalog, load_catalog
    from ._catalog.edit import PriceFileEditor, edit_prices
    from ._catalog.schema import PriceVersion, Rates, TrainingCost
    from ._claims import Claim, ClaimResult, TolerancePolicy, check_claim, check_claims, explain, load_claims
    from ._engine.cost import CostBreakdown, LineItem, Savings, compare, monthly_cost, request_cost, savings
    from ._engine.response import response_cost
    from ._engine.units import MonthLength, Q_, parse_price, parse_volume, ureg
    from ._engine.workload import Workload
    from ._extract import extract_claims
    from ._data.crosscheck import crosscheck
    from ._data.importers import import_prices
    from ._usage import UsageCost, cost_usage, read_usage
    from ._report.claim_report import ClaimReport, claim_report
    from ._report.cost_curve import plot_cost_curve


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(mod, __name__), name)
    globals()[name] = value  # later lookups skip this hook
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

__version__ = "0.1.0"

__all__ = [
    "Catalog",
    "Claim",
    "ClaimReport",
    "ClaimResult",
    "CostBreakdown",
    "LineItem",
    "MonthLength",
    "PriceFileEditor",
    "PriceVersion",
    "Q_",
    "Rates",
    "Savings",
    "TokencostError",
    "TolerancePolicy",
    "TrainingCost",
    "UnknownModelError",
    "UsageCost",
    "Workload",
    "check_claim",
    "check_claims",
    "claim_report",
    "compare",
    "cost_usage",
    "crosscheck",
    "edit_prices",
    "explain",
    "extract_claims",
    "import_prices",
    "load_catalog",
    "load_claims",
    "monthly_cost",
    "parse_price",
    "parse_volume",
    "plot_cost_curve",
    "read_usage",
    "request_cost",
    "response_cost",
    "savings",
    "ureg",
]
