"""Shared data for the usage-log tests: a small price file with every feature, and log builders.

Imported by tests/test_usage.py and tests/test_usage_dask.py (tests/ is on sys.path via conftest.py).
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import strategies as st

import tokencost as tc

PRICES = """
sources:
  test:
    kind: vendor_page
    url: https://example.com/prices
exchange_rates:
  - {currency: CNY, usd_per_unit: 0.14, on: 2025-01-01, source: test}
  - {currency: CNY, usd_per_unit: 0.125, on: 2025-06-01, source: test}
policies:
  - id: acme-batch
    provider: acme
    kind: batch
    effective_from: 2025-02-01
    discount: 0.5
    applies_to: [input, output]
    citations: [{source: test}]
models:
  alpha:
    provider: acme
    aliases: [Alpha Large]
    versions:
      - id: v1
        status: official
        effective_from: 2025-01-01
        effective_to: 2025-03-01T12:00:00Z
        rates: {input: 2.00, cached_input: 0.50, cache_write: 2.50, output: 8.00}
        citations: [{source: test}]
      - id: v2
        status: official
        effective_from: 2025-03-01T12:00:00Z
        rates: {input: 1.00, cached_input: 0.25, cache_write: 1.25, output: 4.00}
        citations: [{source: test}]
  nightowl:
    provider: deepfish
    versions:
      - id: list
        status: official
        effective_from: 2025-01-01
        rates: {input: 0.27, cached_input: 0.07, output: 1.10}
        batch: {discount: 0.25}
        off_peak:
          - start: "16:30"
            end: "00:30"
            rates: {input: 0.135, cached_input: 0.035, output: 0.55}
        citations: [{source: test}]
  longctx:
    provider: goo
    versions:
      - id: base
        status: official
        effective_from: 2025-01-01
        rates: {input: 1.25, cached_input: 0.3125, output: 5.00}
        tiers:
          - above_prompt_tokens: 200000
            rates: {input: 2.50, cached_input: 0.625, output: 10.00}
        batch: {discount: 0.5}
        citations: [{source: test}]
  yuan:
    provider: cnco
    versions:
      - id: cny-1
        status: official
        effective_from: 2024-12-01
        currency: CNY
        rates: {input: 2, cached_input: 0.5, output: 8}
        citations: [{source: test}]
"""

D = Decimal
M = 1_000_000


def catalog(tmp_path_factory: pytest.TempPathFactory) -> tc.Catalog:
    path = tmp_path_factory.mktemp("prices") / "prices.yaml"
    path.write_text(PRICES)
    return tc.load_catalog(path)


def log(
    *rows: tuple, columns: tuple[str, ...] = ("timestamp", "model", "input_tokens", "output_tokens")
) -> pd.DataFrame:
    df = pd.DataFrame(list(rows), columns=list(columns))
    if "timestamp" in df and all(isinstance(t, str) and t.endswith("Z") for t in df["timestamp"]):
        df["timestamp"] = pd.to_datetime(df["timestamp"], utc=True)
    return df


MODELS = ["alpha", "Alpha Large", "nightowl", "longctx", "yuan", "ALPHA"]
EDGES = [
    pd.Timestamp(x).value
    for x in (
        "2024-12-01",
        "2025-01-01",
        "2025-02-01",
        "2025-03-01T12:00:00Z",
        "2025-06-01",
        "2025-03-05T16:30:00Z",
        "2025-03-06T00:30:00Z",
    )
]
T0, T1 = pd.Timestamp("2024-11-25").value, pd.Timestamp("2025-08-01").value


@st.composite
def timestamps(draw: st.DrawFn) -> int:
    if draw(st.booleans()):
        return draw(st.integers(T0, T1))
    return draw(st.sampled_from(EDGES)) + draw(
        st.one_of(st.sampled_from([0, -1, 1]), st.integers(-2_000_000_000, 2_000_000_000))
    )


@st.composite
def usage_rows(draw: st.DrawFn) -> tuple:
    inp = draw(st.integers(0, 400_000))
    cached = draw(st.integers(0, inp))
    write = draw(st.sampled_from([0, 0, min(inp - cached, draw(st.integers(0, 5_000)))]))
    return (
        draw(timestamps()),
        draw(st.sampled_from(MODELS)),
        inp,
        cached,
        write,
        draw(st.integers(0, 60_000)),
        draw(st.booleans()),
    )


def frame(rows: list[tuple]) -> pd.DataFrame:
    df = pd.DataFrame(
        rows,
        columns=[
            "ts",
            "model",
            "input_tokens",
            "cached_tokens",
            "cache_write_tokens",
            "output_tokens",
            "batch",
        ],
    )
    df.insert(0, "timestamp", pd.to_datetime(df.pop("ts"), utc=True))
    return df
