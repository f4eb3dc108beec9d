"""The pricing rule: from a resolved price version and a request's context to the rate of each unit.

Every calculator (``request_cost``, ``monthly_cost``, the usage-log price grid and the claim
checker) prices through :mod:`tokencost._pricing.rule`; none keeps its own copy.
"""
