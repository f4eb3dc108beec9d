"""Usage logs: price millions of logged requests at the prices in effect when they were made."""

from .cost import UsageCost, cost_usage
from .read import read_usage

__all__ = ["UsageCost", "cost_usage", "read_usage"]
