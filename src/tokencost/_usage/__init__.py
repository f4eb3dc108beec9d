"""Usage logs: price millions of logged requests at the prices in effect when they were made.

``import tokencost`` stays cheap: the package loads this module (and with it numpy and
pandas) only when ``tc.cost_usage``, ``tc.read_usage`` or ``tc.UsageCost`` is first used.
"""

from .api import cost_usage
from .read import read_usage
from .usage_cost import UsageCost

__all__ = ["UsageCost", "cost_usage", "read_usage"]
