"""A/B the 10M-row usage benchmark between source trees, interleaved in the same minutes.

    python benchmarks/bench_usage_ab.py OTHER/src [MORE/src ...] [--rounds 8] [--rows 10000000]
                                        [--what totals|rows|breakdown]

On a shared machine, figures taken minutes apart differ by more than most changes do; this
script runs one long-lived worker process per tree (this checkout's ``src`` first, then the
others), each importing tokencost from its own tree and building the same seeded log as
``bench_usage.py`` once, and alternates them round by round (the order reversed every other
round). Each round times, per tree, ``cost_usage(df, cat)`` + ``.total`` + ``.by("model")``
(``--what totals``, the ``bench_usage.py`` figure), or ``cost_usage`` + ``.rows``, or the
stages of ``bench_usage.py --breakdown``. It prints wall and CPU time (``time.process_time``:
less sensitive to other jobs than wall time, though cache contention still shows) and, at the
end, best and median per tree, and checks that every tree gives the same exact total. It is
not a test; nothing is asserted about time.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def worker(rows: int) -> None:
    spec = importlib.util.spec_from_file_location("bench_usage", HERE / "bench_usage.py")
    bu = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(bu)  # type: ignore[union-attr]
    import tokencost as tc

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "bench_prices.yaml"
        path.write_text(bu.PRICES)
        cat = tc.load_catalog(path)
    df = bu.synthetic_log(rows, 7)
    tc.cost_usage(df.head(1000), cat)  # the price table, cached per catalog
    print("ready", Path(tc.__file__).parent.parent, flush=True)
    for line in sys.stdin:
        what = line.strip()
        if what == "quit":
            break
        if what == "breakdown":
            import contextlib
            import io

            with contextlib.redirect_stdout(io.StringIO()):
                stages = bu.breakdown(df, cat, 1)
            print("  ".join(f"{k.split()[0]} {v * 1000:.0f}" for k, v in stages.items()), flush=True)
            continue
        gc.collect()
        t, c = time.perf_counter(), time.process_time()
        r = tc.cost_usage(df, cat)
        total = r.total
        if what == "rows":
            r.rows
        else:
            r.by("model")
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        del r
        print(f"{wall:.4f} {cpu:.4f} {total}", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("trees", nargs="*", help="other trees' src directories (this checkout's src comes first)")
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--what", choices=("totals", "rows", "breakdown"), default="totals")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.rows)
        return 0
    if not args.trees:
        ap.error("give at least one other tree's src directory to compare with")
    trees = [str(HERE.parent / "src"), *(str(Path(t).resolve()) for t in args.trees)]
    procs = {}
    for t in trees:
        env = dict(os.environ, PYTHONPATH=t)
        procs[t] = subprocess.Popen(
            [sys.executable, __file__, "--worker", "--rows", str(args.rows)],
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
    for t, p in procs.items():
        print(p.stdout.readline().strip(), flush=True)  # type: ignore[union-attr]
    out: dict[str, list[str]] = {t: [] for t in trees}
    for i in range(args.rounds):
        for t in trees if i % 2 == 0 else trees[::-1]:
            p = procs[t]
            p.stdin.write(args.what + "\n")  # type: ignore[union-attr]
            p.stdin.flush()  # type: ignore[union-attr]
            line = p.stdout.readline().strip()  # type: ignore[union-attr]
            out[t].append(line)
            print(f"round {i}  {t}: {line}  (load {os.getloadavg()[0]:.1f})", flush=True)
    for p in procs.values():
        p.stdin.write("quit\n")  # type: ignore[union-attr]
        p.stdin.flush()  # type: ignore[union-attr]
        p.wait()
    if args.what == "breakdown":
        return 0
    totals = set()
    for t in trees:
        wall = [float(x.split()[0]) for x in out[t]]
        cpu = [float(x.split()[1]) for x in out[t]]
        totals |= {x.split()[2] for x in out[t]}
        print(f"{t}: wall best {min(wall):.3f} s, median {statistics.median(wall):.3f} s; "
              f"CPU best {min(cpu):.3f} s, median {statistics.median(cpu):.3f} s")
    print("same exact total in every tree:", len(totals) == 1, sorted(totals))
    return 0 if len(totals) == 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
