"""Example budgets for the property tests: small under the default ``ci`` profile (the suite must
stay fast), 10,000 per property under ``HYPOTHESIS_PROFILE=thorough``."""

from __future__ import annotations

import os

from hypothesis import settings

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"


def examples(ci: int, **kw: object) -> settings:
    """``ci`` examples normally; the thorough profile's 10,000 when it is selected (``kw``: other settings)."""
    return settings(max_examples=10_000 if THOROUGH else ci, **kw)  # type: ignore[arg-type]
