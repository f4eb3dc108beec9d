"""Make tests/ importable for shared test data (usage_support), under any pytest import mode."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
