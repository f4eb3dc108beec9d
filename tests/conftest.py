"""Make tests/ importable for shared test data (usage_support, oracle), under any pytest import mode,
and choose the hypothesis profile: ``ci`` by default, ``HYPOTHESIS_PROFILE=thorough`` for >= 10,000
examples per property (see tests/profiles.py)."""

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

# ci keeps hypothesis' own default count, so tests that do not choose one are unchanged;
# no deadline: the first example of a property pays for imports and catalog loading
settings.register_profile("ci", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=10_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
