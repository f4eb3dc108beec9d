"""Register tokencost's types with hypothesis, so ``st.from_type(tc.Workload)`` and
``@given(w=...)`` with type annotations draw valid values.

Hypothesis runs :func:`_hypothesis_setup_hook` at import through the ``hypothesis`` entry point
that tokencost's ``pyproject.toml`` declares; importing :mod:`tokencost.testing` registers too.
"""

from __future__ import annotations

__all__ = ["register_strategies", "_hypothesis_setup_hook"]

_done = False


def register_strategies() -> None:
    """Register a strategy for Workload, PriceVersion, Catalog, Claim and Request (idempotent)."""
    global _done
    if _done:
        return
    from hypothesis import strategies as st

    from .._catalog.catalog import Catalog
    from .._catalog.schema import PriceVersion
    from .._claims.schema import Claim
    from .._engine.workload import Workload
    from . import _strategies as s
    from ._request import Request

    for typ, strategy in ((Workload, s.workloads), (PriceVersion, s.price_versions), (Catalog, s.catalogs),
                          (Claim, s.claims), (Request, s.requests)):
        st.register_type_strategy(typ, st.deferred(strategy))
    _done = True


def _hypothesis_setup_hook() -> None:
    # runs inside `import hypothesis` for every project in this environment: a failure here must not
    # break their imports, only say why tokencost's types have no strategies
    try:
        register_strategies()
    except Exception as exc:  # noqa: BLE001
        import warnings
        warnings.warn(f"tokencost: hypothesis strategies not registered ({type(exc).__name__}: {exc})",
                      stacklevel=2)
