"""Benchmark: price a 10M-row synthetic usage log with tokencost, against per-row calculators.

    python benchmarks/bench_usage.py [--rows 10000000] [--sample 20000] [--seed 7] [--repeat 5]
                                     [--breakdown] [--no-litellm] [--quick] [--json out.json]

One run measures:
  * tokencost ``cost_usage`` on the full log (totals + by model; then by day/month; then the
    per-row float ``cost`` column), wall time and peak traced memory (tracemalloc) versus
    the input frame's own size;
  * genai-prices ``calc_price`` and litellm ``cost_per_token`` called once per row on a
    ``--sample`` of the same log (rows/s, extrapolated), and the ratios;
  * a check that tokencost's exact total on the sample equals the sum of ``request_cost``.

The price file is generated here (real model names, synthetic but realistic prices with
price changes, off-peak windows, a context tier, a batch policy and a CNY version) so the
benchmark does not depend on the bundled data. litellm is optional: if ``import litellm``
fails it also looks in ``$LITELLM_SITE`` (a ``pip install --target`` directory) and
otherwise skips it. Figures go into benchmarks/README.md ("Usage logs") by hand.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal, localcontext
from pathlib import Path

import numpy as np
import pandas as pd

import tokencost as tc
from tokencost import cost_usage
from tokencost._exact import EXACT

PRICES = """
sources:
  bench:
    kind: other
    note: synthetic prices for the benchmark (shaped like the real ones)
exchange_rates:
  - {currency: CNY, usd_per_unit: 0.1389, on: 2024-01-01, source: bench}
  - {currency: CNY, usd_per_unit: 0.1372, on: 2025-01-01, source: bench}
policies:
  - {id: openai-batch, provider: openai, kind: batch, effective_from: 2024-04-15, discount: 0.5,
     applies_to: [input, output], citations: [{source: bench}]}
  - {id: anthropic-batch, provider: anthropic, kind: batch, effective_from: 2024-10-08, discount: 0.5,
     citations: [{source: bench}]}
models:
  gpt-4o:
    provider: openai
    versions:
      - {id: launch, status: official, effective_from: 2024-05-13, effective_to: 2024-10-02,
         rates: {input: 5, output: 15}, citations: [{source: bench}]}
      - {id: cut, status: official, effective_from: 2024-10-02,
         rates: {input: 2.5, cached_input: 1.25, output: 10}, citations: [{source: bench}]}
  gpt-4o-mini:
    provider: openai
    versions:
      - {id: launch, status: official, effective_from: 2024-07-18,
         rates: {input: 0.15, cached_input: 0.075, output: 0.6}, citations: [{source: bench}]}
  gpt-4.1:
    provider: openai
    versions:
      - {id: launch, status: official, effective_from: 2024-04-14,
         rates: {input: 2, cached_input: 0.5, output: 8}, citations: [{source: bench}]}
  gpt-4.1-mini:
    provider: openai
    versions:
      - {id: launch, status: official, effective_from: 2024-04-14,
         rates: {input: 0.4, cached_input: 0.1, output: 1.6}, citations: [{source: bench}]}
  o3-mini:
    provider: openai
    versions:
      - {id: launch, status: official, effective_from: 2024-01-31,
         rates: {input: 1.1, cached_input: 0.55, output: 4.4}, citations: [{source: bench}]}
  claude-3-5-sonnet:
    provider: anthropic
    aliases: [claude-3-5-sonnet-20241022]
    versions:
      - {id: launch, status: official, effective_from: 2024-06-20,
         rates: {input: 3, cached_input: 0.3, cache_write: 3.75, output: 15}, citations: [{source: bench}]}
  claude-3-5-haiku:
    provider: anthropic
    aliases: [claude-3-5-haiku-20241022]
    versions:
      - {id: launch, status: official, effective_from: 2024-01-04, effective_to: 2024-12-04,
         rates: {input: 1, cached_input: 0.1, cache_write: 1.25, output: 5}, citations: [{source: bench}]}
      - {id: cut, status: official, effective_from: 2024-12-04,
         rates: {input: 0.8, cached_input: 0.08, cache_write: 1, output: 4}, citations: [{source: bench}]}
  claude-3-haiku:
    provider: anthropic
    aliases: [claude-3-haiku-20240307]
    versions:
      - {id: launch, status: official, effective_from: 2024-03-13,
         rates: {input: 0.25, cached_input: 0.03, cache_write: 0.3, output: 1.25},
         citations: [{source: bench}]}
  gemini-1.5-pro:
    provider: google
    versions:
      - {id: launch, status: official, effective_from: 2024-05-30, effective_to: 2024-10-01,
         rates: {input: 3.5, output: 10.5},
         tiers: [{above_prompt_tokens: 128000, rates: {input: 7, output: 21}}],
         citations: [{source: bench}]}
      - {id: cut, status: official, effective_from: 2024-10-01,
         rates: {input: 1.25, output: 5},
         tiers: [{above_prompt_tokens: 128000, rates: {input: 2.5, output: 10}}],
         citations: [{source: bench}]}
  gemini-1.5-flash:
    provider: google
    versions:
      - {id: launch, status: official, effective_from: 2024-05-30, effective_to: 2024-08-12,
         rates: {input: 0.35, output: 1.05},
         tiers: [{above_prompt_tokens: 128000, rates: {input: 0.7, output: 2.1}}],
         citations: [{source: bench}]}
      - {id: cut, status: official, effective_from: 2024-08-12,
         rates: {input: 0.075, output: 0.3},
         tiers: [{above_prompt_tokens: 128000, rates: {input: 0.15, output: 0.6}}],
         citations: [{source: bench}]}
  deepseek-chat:
    provider: deepseek
    versions:
      - {id: v2.5, status: official, effective_from: 2024-01-01, effective_to: 2025-02-08T16:00:00Z,
         rates: {input: 0.14, cached_input: 0.014, output: 0.28}, citations: [{source: bench}]}
      - id: v3
        status: official
        effective_from: 2025-02-08T16:00:00Z
        rates: {input: 0.27, cached_input: 0.07, output: 1.1}
        off_peak:
          - {start: "16:30", end: "00:30", rates: {input: 0.135, cached_input: 0.035, output: 0.55}}
        citations: [{source: bench}]
  deepseek-reasoner:
    provider: deepseek
    versions:
      - id: cny
        status: official
        effective_from: 2024-01-01
        currency: CNY
        rates: {input: 4, cached_input: 1, output: 16}
        off_peak:
          - {start: "16:30", end: "00:30", rates: {input: 1, cached_input: 0.25, output: 4}}
        citations: [{source: bench}]
"""

# model, provider (for genai-prices / litellm), share of rows, batch-capable
MODELS = [
    ("gpt-4o", "openai", 0.18, True),
    ("gpt-4o-mini", "openai", 0.20, True),
    ("gpt-4.1", "openai", 0.06, True),
    ("gpt-4.1-mini", "openai", 0.06, True),
    ("o3-mini", "openai", 0.05, True),
    ("claude-3-5-sonnet-20241022", "anthropic", 0.12, True),
    ("claude-3-5-haiku-20241022", "anthropic", 0.07, True),
    ("claude-3-haiku-20240307", "anthropic", 0.04, True),
    ("gemini-1.5-pro", "google", 0.05, False),
    ("gemini-1.5-flash", "google", 0.07, False),
    ("deepseek-chat", "deepseek", 0.07, False),
    ("deepseek-reasoner", "deepseek", 0.03, False),
]
START, END = pd.Timestamp("2024-11-01", tz="UTC"), pd.Timestamp("2025-04-01", tz="UTC")


def synthetic_log(n: int, seed: int = 7) -> pd.DataFrame:
    """A seeded log: 12 models, Nov 2024 - Mar 2025 (crosses 3 price changes and the off-peak start)."""
    rng = np.random.default_rng(seed)
    names = [m[0] for m in MODELS]
    p = np.array([m[2] for m in MODELS])
    codes = rng.choice(len(names), size=n, p=p / p.sum()).astype(np.int8)
    span = END.value - START.value
    ts = np.sort(rng.integers(START.value, END.value, size=n, dtype=np.int64))
    del span
    inp = np.minimum(rng.lognormal(7.3, 1.3, size=n), 400_000).astype(np.int64) + 1
    cached = np.where(rng.random(n) < 0.3, (inp * rng.random(n)).astype(np.int64), 0)
    # models without a cached-input rate in this price file get no cached tokens
    no_cache = np.isin(codes, [names.index("gemini-1.5-pro"), names.index("gemini-1.5-flash")])
    cached[no_cache] = 0
    out = np.minimum(rng.lognormal(5.5, 1.1, size=n), 32_000).astype(np.int64)
    can_batch = np.array([m[3] for m in MODELS])[codes]
    batch = (rng.random(n) < 0.1) & can_batch
    # the Anthropic batch policy starts 2024-10-08; the log starts later, so every batch row is priceable
    return pd.DataFrame(
        {
            "timestamp": pd.DatetimeIndex(ts.view("M8[ns]")).tz_localize("UTC"),
            "model": pd.Categorical.from_codes(codes, categories=names),
            "input_tokens": inp,
            "cached_tokens": cached,
            "output_tokens": out,
            "batch": batch,
        }
    )


def frame_bytes(df: pd.DataFrame) -> int:
    return int(df.memory_usage(deep=True, index=False).sum())


def timed(fn, repeat: int = 1):  # noqa: ANN001, ANN201
    best, out = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def peak_of(fn) -> int:  # noqa: ANN001
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    r = fn()
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    del r
    return peak


def breakdown(df: pd.DataFrame, cat: tc.Catalog, repeat: int) -> dict[str, float]:
    """Time each stage of cost_usage (best of ``repeat``), through the private engine."""
    from tokencost._usage.chunks import make_chunk
    from tokencost._usage.columns import to_canonical
    from tokencost._usage.exact_totals import decimal_costs
    from tokencost._usage.pipeline import spec_of_codes
    from tokencost._usage.binning import _sum_bins, bin_chunk, price_bins, relevant_specs
    from tokencost._usage.price_table import price_table

    table = price_table(cat)
    best: dict[str, float] = {}
    for _ in range(repeat):
        gc.collect()
        t = [time.perf_counter()]
        canon, _ = to_canonical(df, None)
        ch = make_chunk(canon, assume_utc=False)
        t.append(time.perf_counter())
        soc = spec_of_codes(ch, table)
        bn = bin_chunk(ch, table, soc, relevant_specs(ch, soc, [], len(table.specs)))
        t.append(time.perf_counter())
        s0 = time.perf_counter()
        _sum_bins(ch, bn.key, bn.sink, bn.dims, bn.thresholds, bn.bounds, bn.gs_day)  # again, timed alone
        sums_only = time.perf_counter() - s0
        t.append(time.perf_counter())
        pr = price_bins(ch, bn, table, soc, None)
        part = pr.partial(table.sink)
        t.append(time.perf_counter())
        sum(decimal_costs(part, table), Decimal(0))
        t.append(time.perf_counter())
        spans = [t[1] - t[0], (t[2] - t[1]) - sums_only, sums_only, t[4] - t[3], t[5] - t[4]]
        stages = [
            "validate columns into arrays",
            "bin key per row",
            "exact integer sums per bin (bincount)",
            "price the bins (regimes, rejections)",
            "Decimal totals",
        ]
        for name, secs in zip(stages, spans):
            best[name] = min(best.get(name, float("inf")), secs)
    print("    where the time goes (best of each stage):")
    for name, secs in best.items():
        print(f"      {name:<44} {secs * 1000:7.1f} ms")
    return best


def bench_genai(sample: pd.DataFrame) -> float | None:
    try:
        from genai_prices import Usage, calc_price
    except ImportError:
        return None
    prov = {m[0]: m[1] for m in MODELS}
    rows = list(
        zip(
            sample["model"].astype(str),
            sample["input_tokens"].tolist(),
            sample["cached_tokens"].tolist(),
            sample["output_tokens"].tolist(),
            sample["timestamp"].dt.to_pydatetime(),
        )
    )
    calc_price(Usage(input_tokens=10, output_tokens=1), model_ref="gpt-4o", provider_id="openai")  # warm up

    def run() -> int:
        ok = 0
        for m, i, c, o, t in rows:
            try:
                calc_price(
                    Usage(input_tokens=i, cache_read_tokens=c, output_tokens=o),
                    model_ref=m,
                    provider_id=prov[m],
                    genai_request_timestamp=t,
                )
                ok += 1
            except LookupError:
                pass
        return ok

    secs, ok = timed(run)
    print(f"    genai-prices: {ok}/{len(rows)} rows priced")
    return len(rows) / secs


def _litellm_ok(litellm, model: str, provider: str) -> bool:  # noqa: ANN001
    try:
        litellm.cost_per_token(
            model=model, custom_llm_provider=provider, prompt_tokens=1, completion_tokens=1
        )
        return True
    except Exception:  # noqa: BLE001
        return False


def bench_litellm(sample: pd.DataFrame) -> float | None:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    try:
        import litellm  # noqa: F401
    except ImportError:
        site = os.environ.get("LITELLM_SITE")
        if not site:
            return None
        sys.path.append(site)
        try:
            import litellm  # noqa: F401
        except ImportError:
            return None
    import litellm

    rows = list(
        zip(
            sample["model"].astype(str),
            sample["input_tokens"].tolist(),
            sample["cached_tokens"].tolist(),
            sample["output_tokens"].tolist(),
        )
    )
    prov = {m[0]: m[1] for m in MODELS}
    prov["gemini-1.5-pro"] = prov["gemini-1.5-flash"] = "gemini"

    def run() -> int:
        ok = 0
        for m, i, c, o in rows:
            try:
                litellm.cost_per_token(
                    model=m,
                    custom_llm_provider=prov[m],
                    prompt_tokens=i,
                    completion_tokens=o,
                    cache_read_input_tokens=c,
                )
                ok += 1
            except Exception:  # noqa: BLE001 - litellm raises many kinds for unknown models
                pass
        return ok

    run()  # warm its caches once
    secs, ok = timed(run)
    from importlib.metadata import PackageNotFoundError, version

    try:
        ver = version("litellm")
    except PackageNotFoundError:
        ver = "?"
    failed = sorted({m for m, i, c, o in rows if not _litellm_ok(litellm, m, prov[m])})
    print(f"    litellm {ver}: {ok}/{len(rows)} rows priced; raised for: {', '.join(failed) or 'none'}")
    return len(rows) / secs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--sample", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-litellm", action="store_true")
    ap.add_argument("--breakdown", action="store_true", help="time each stage of cost_usage")
    ap.add_argument("--quick", action="store_true", help="smoke run: 1M rows, 2,000-row sample, 1 repeat")
    ap.add_argument("--json", metavar="PATH", help="also write the figures to this JSON file")
    args = ap.parse_args()
    if args.quick:
        args.rows, args.sample, args.repeat = min(args.rows, 1_000_000), min(args.sample, 2_000), 1
    fig: dict[str, object] = {"rows": args.rows, "sample": args.sample, "cpus": os.cpu_count()}

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "bench_prices.yaml"
        path.write_text(PRICES)
        cat = tc.load_catalog(path)
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, "
        f"{os.cpu_count()} CPUs, {platform.machine()}"
    )
    t0 = time.perf_counter()
    df = synthetic_log(args.rows, args.seed)
    print(
        f"synthetic log: {len(df):,} rows, {df['model'].nunique()} models, "
        f"{df['timestamp'].min():%Y-%m-%d}..{df['timestamp'].max():%Y-%m-%d}, "
        f"{frame_bytes(df) / 1e6:.0f} MB in memory (generated in {time.perf_counter() - t0:.1f}s)"
    )
    cost_usage(df.head(1000), cat)  # build and cache the price table once (per catalog)

    def totals():  # noqa: ANN202
        r = cost_usage(df, cat)
        return r, r.total, r.by("model")

    secs, out = timed(totals, args.repeat)
    res, total = out[0], out[1]
    rps = len(df) / secs
    print(f"tokencost cost_usage + total + by('model'): {secs:.3f} s  ->  {rps:,.0f} rows/s")
    fig.update(tokencost_seconds=secs, tokencost_rows_per_s=rps)
    print(f"    total {res.rounded()} USD (exact {total})")
    s_day, _ = timed(lambda: (res.by("day"), res.by("month")), args.repeat)
    print(f"    by('day') + by('month') afterwards: {s_day:.3f} s")
    s_rows, _ = timed(lambda: res.rows, args.repeat)
    print(f"    .rows (per-row float cost, version, segment): {s_rows:.3f} s")
    fig.update(by_day_month_seconds=s_day, rows_seconds=s_rows)
    df_str = df.assign(model=df["model"].astype(str))
    s_str, _ = timed(lambda: cost_usage(df_str, cat).total, args.repeat)
    print(
        f"    same log with a str model column ({df_str['model'].dtype}; factorized each call): {s_str:.3f} s"
    )
    s_rep, rep = timed(
        lambda: cost_usage(df, cat, reprice_as=["gpt-4o-mini", "claude-3-5-haiku"]).by("model"), args.repeat
    )
    print(f"    with reprice_as=[gpt-4o-mini, claude-3-5-haiku] (+ by('model') with both): {s_rep:.3f} s")
    fig.update(str_model_seconds=s_str, reprice_two_seconds=s_rep)
    if args.breakdown:
        fig["breakdown"] = breakdown(df, cat, args.repeat)
    res = out = None  # free the first result before the memory runs
    inp_bytes = frame_bytes(df)
    peak = peak_of(lambda: cost_usage(df, cat).total)
    print(
        f"peak traced memory while pricing: {peak / 1e6:.0f} MB = {peak / inp_bytes:.2f} x the input frame "
        f"({inp_bytes / 1e6:.0f} MB); total with the input: {(peak + inp_bytes) / inp_bytes:.2f} x"
    )
    peak_rows = peak_of(lambda: cost_usage(df, cat).rows)
    print(f"    with .rows built: {peak_rows / 1e6:.0f} MB = {peak_rows / inp_bytes:.2f} x")
    fig.update(input_bytes=inp_bytes, peak_bytes=peak, peak_rows_bytes=peak_rows)

    sample = df.sample(args.sample, random_state=args.seed).sort_index()
    # exactness: the vectorized total equals the sum of request_cost over the rows
    r = cost_usage(sample, cat)
    with localcontext(EXACT):
        oracle = sum(
            (
                tc.request_cost(str(m), int(i), int(o), int(c), at=t, batch=bool(b), catalog=cat)
                for m, i, o, c, t, b in zip(
                    sample["model"],
                    sample["input_tokens"],
                    sample["output_tokens"],
                    sample["cached_tokens"],
                    sample["timestamp"],
                    sample["batch"],
                )
            ),
            Decimal(0),
        )
    same = r.total == oracle
    print(f"sample of {len(sample):,}: cost_usage total {r.total} == sum(request_cost) {oracle}: {same}")
    fig["sample_total_equals_request_cost"] = r.total == oracle
    s_req, _ = timed(
        lambda: [
            tc.request_cost(str(m), int(i), int(o), int(c), at=t, batch=bool(b), catalog=cat)
            for m, i, o, c, t, b in zip(
                sample["model"],
                sample["input_tokens"],
                sample["output_tokens"],
                sample["cached_tokens"],
                sample["timestamp"],
                sample["batch"],
            )
        ]
    )
    print(f"    tokencost request_cost per row: {len(sample) / s_req:,.0f} rows/s")
    fig["request_cost_rows_per_s"] = len(sample) / s_req

    g = bench_genai(sample)
    if g:
        print(f"genai-prices calc_price per row: {g:,.0f} rows/s  ->  tokencost is {rps / g:,.0f}x")
        fig.update(genai_prices_rows_per_s=g, ratio_vs_genai_prices=rps / g)
    else:
        print("genai-prices: not installed (pip install genai-prices)")
    if not args.no_litellm:
        ll = bench_litellm(sample)
        if ll:
            print(f"litellm cost_per_token per row: {ll:,.0f} rows/s  ->  tokencost is {rps / ll:,.0f}x")
            fig.update(litellm_rows_per_s=ll, ratio_vs_litellm=rps / ll)
        else:
            print("litellm: not importable (pip install litellm, or set LITELLM_SITE); skipped")
    if args.json:
        Path(args.json).write_text(json.dumps(fig, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
