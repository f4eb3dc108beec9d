"""Benchmark: does pricing a usage log slow down when the catalog holds 20x the models?

    python benchmarks/bench_catalog_size.py [--rows 10000000]

Prices one synthetic log of 5 curated models (first call on each catalog, code paths warmed on a small
log first) under data/prices.yaml alone (27 models) and under the bundled tables (prices.yaml plus
every data/prices/<provider>.yaml, 600+ models). The usage price table is built for the models a log
names, so the two should take the same time; each catalog runs in a fresh process.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODELS = ["gpt-4o", "gpt-4o-mini", "claude-3.5-sonnet", "deepseek-chat", "gemini-2.0-flash"]


def run(rows: int, which: str) -> None:
    import warnings

    import numpy as np
    import pandas as pd

    import tokencost as tc
    warnings.simplefilter("ignore")
    rng = np.random.default_rng(7)
    df = pd.DataFrame({
        "timestamp": pd.Timestamp("2025-03-01", tz="UTC") + pd.to_timedelta(rng.integers(0, 150 * 86400, rows), unit="s"),
        "model": pd.Categorical(rng.choice(MODELS, rows)), "input_tokens": rng.integers(1, 5000, rows),
        "output_tokens": rng.integers(1, 1000, rows)})
    small = tc.load_catalog(ROOT / "data" / "prices.yaml")
    cat = small if which == "curated" else tc.load_catalog()
    tc.cost_usage(df.head(1000), catalog=tc.load_catalog(ROOT / "data" / "prices.yaml"))
    t = time.perf_counter()
    res = tc.cost_usage(df, catalog=cat)
    print(f"{which:8s} {len(cat):4d} models: {rows:,} rows priced in {time.perf_counter() - t:.3f} s "
          f"(total {res.total:.2f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--only", choices=["curated", "bundled"])
    args = ap.parse_args()
    if args.only:
        run(args.rows, args.only)
        return
    for which in ("curated", "bundled", "curated", "bundled"):
        subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--only", which], check=True)


if __name__ == "__main__":
    main()
