"""The examples in examples/ run as a user would run them."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("script", ["monthly_cost.py", "check_my_claim.py"])
def test_example_script_runs(script):
    out = subprocess.run([sys.executable, str(ROOT / "examples" / script)], capture_output=True, text=True,
                         timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip()


def test_example_claims_file_checks_against_example_prices():
    out = subprocess.run([sys.executable, "-m", "tokencost.cli", "claims", "--file", "examples/my_claims.yaml",
                          "--prices", "examples/my_prices.yaml", "--format", "csv"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    # input: 1 - 1.00/2.00 = 50% -> holds; savings at 50M/day x 30 d = 1,500 Mtok:
    # (2-1) s + (8-4)(1-s) per Mtok -> $1,950 (s=0.9) .. $3,750 (s=0.5), below "at least $10,000"
    assert "acme-half-price,article" not in out.stdout
    rows = {line.split(",")[0]: line for line in out.stdout.splitlines()[1:]}
    assert ",holds," in rows["acme-half-price"] and ",overstated," in rows["acme-saves-10k"]
