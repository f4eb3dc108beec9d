"""Cold start: ``import tokencost`` + the first ``request_cost`` in a fresh interpreter (issue 2),
next to ``import genai_prices`` + its first ``calc_price``.

Every sample is a new ``python`` process (nothing cached in memory; the OS file cache is warm).
Children get compiled bytecode as an installed package would: this environment sets
PYTHONDONTWRITEBYTECODE=1 and tokencost is an editable install, so by default the children run
with it unset and PYTHONPYCACHEPREFIX pointing at a temporary directory (nothing is written into
the source tree), after one unmeasured warm-up run; ``--no-bytecode`` keeps the inherited
environment instead. Reported:

* ``wall``        the whole subprocess as the parent sees it: interpreter start-up + import +
                  first cost + exit (what a CLI invocation or a cold serverless call pays);
* ``in-process``  time.perf_counter() around the import and the first cost inside the child
                  (what the target <= 0.15 s is about once the interpreter is up);
* ``python -c pass`` wall, the floor no library can go under on this machine.

``--breakdown`` also times each phase of tokencost's first cost in a fresh process (imports,
YAML parse, validation, merge; the uncached path), and says whether pandas / pint / numpy got imported.
Set TOKENCOST_NO_CACHE=1 to time a first start on a new machine (no cached catalog).

Run: ``python benchmarks/bench_import.py [--runs 15] [--breakdown] [--json out.json]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_S = 0.15

TOKENCOST = """
import time
t0 = time.perf_counter()
import tokencost as tc
t1 = time.perf_counter()
c = tc.request_cost("gpt-4o", input_tokens=1200, output_tokens=300, cached_tokens=0, at="2025-03-01")
t2 = time.perf_counter()
import sys
heavy = [m for m in ("pandas", "pint", "numpy", "dask", "tokencost._claims") if m in sys.modules]
print(t1 - t0, t2 - t1, str(c), ",".join(heavy) or "-")
"""

GENAI = """
import time
t0 = time.perf_counter()
import datetime as dt
import genai_prices
from genai_prices import Usage, calc_price
t1 = time.perf_counter()
p = calc_price(Usage(input_tokens=1200, output_tokens=300, cache_read_tokens=0), "gpt-4o", provider_id="openai",
               genai_request_timestamp=dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc)).total_price
t2 = time.perf_counter()
print(t1 - t0, t2 - t1, str(p), "-")
"""

BREAKDOWN = """
import time, sys
T = {}
t = time.perf_counter()
import pydantic, yaml
T["import pydantic + yaml"] = time.perf_counter() - t
t = time.perf_counter()
import tokencost
T["import tokencost (package)"] = time.perf_counter() - t
t = time.perf_counter()
import tokencost._catalog.schema
T["import _catalog.schema (pydantic models)"] = time.perf_counter() - t
t = time.perf_counter()
import tokencost._engine.cost
T["import _engine.cost + _catalog (rest)"] = time.perf_counter() - t
from tokencost._catalog import catalog as C, loader as L
from tokencost import _yaml as Y
p = L.bundled_data_path("prices.yaml")
t = time.perf_counter()
text = p.read_text(encoding="utf-8")
T["read prices.yaml"] = time.perf_counter() - t
t = time.perf_counter()
doc = Y.load_yaml_text(text, path=str(p))
T["YAML parse (PyYAML with libyaml when available)"] = time.perf_counter() - t
t = time.perf_counter()
pf = L.parse_price_file(doc, str(p))
T["pydantic validation"] = time.perf_counter() - t
t = time.perf_counter()
m = L.MergedData(); L.merge_into(m, pf, doc, str(p)); L.check_merged(m); cat = C.Catalog(m)
T["merge + cross-file checks + Catalog"] = time.perf_counter() - t
C._DEFAULT = cat
t = time.perf_counter()
tokencost.request_cost("gpt-4o", input_tokens=1200, output_tokens=300, cached_tokens=0, at="2025-03-01")
T["first request_cost on the loaded catalog"] = time.perf_counter() - t
T["_heavy_modules"] = [m for m in ("pandas", "pint", "numpy", "dask") if m in sys.modules]
import json; print(json.dumps(T))
"""


ENV: dict | None = None  # children's environment (None = inherited)


def sample(code: str, runs: int) -> dict:
    walls, inproc, imports, firsts = [], [], [], []
    out = ""
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=ENV)  # warm-up
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=ENV)
        walls.append(time.perf_counter() - t)
        a, b, out, heavy = r.stdout.split()
        imports.append(float(a))
        firsts.append(float(b))
        inproc.append(float(a) + float(b))
    st = lambda xs: {"best_s": min(xs), "median_s": statistics.median(xs)}  # noqa: E731
    return {"wall": st(walls), "in_process": st(inproc), "import": st(imports), "first_cost": st(firsts),
            "result": out, "heavy_modules_loaded": heavy}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=15, help="fresh processes per measurement")
    ap.add_argument("--breakdown", action="store_true", help="time each phase of the first cost")
    ap.add_argument("--no-bytecode", action="store_true", help="inherit the environment as is (see above)")
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args()
    global ENV
    tmp = None
    if not args.no_bytecode:
        tmp = tempfile.TemporaryDirectory(prefix="tokencost-bench-pyc-")
        ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        ENV["PYTHONPYCACHEPREFIX"] = tmp.name
    try:
        return run(args)
    finally:
        if tmp is not None:
            tmp.cleanup()


def run(args: argparse.Namespace) -> int:
    res: dict = {"python": platform.python_version(), "bytecode": not args.no_bytecode}
    bare = []
    for _ in range(args.runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True, env=ENV)
        bare.append(time.perf_counter() - t)
    res["python -c pass"] = {"best_s": min(bare), "median_s": statistics.median(bare)}
    res["tokencost"] = sample(TOKENCOST, args.runs)
    try:
        res["genai-prices"] = sample(GENAI, args.runs)
    except subprocess.CalledProcessError as exc:
        res["genai-prices"] = {"error": exc.stderr.strip().splitlines()[-1]}

    print(f"python {platform.python_version()}; {args.runs} fresh processes each; seconds, best / median")
    b = res["python -c pass"]
    print(f"{'python -c pass (floor)':<34} wall {b['best_s']:.3f} / {b['median_s']:.3f}")
    for name in ("tokencost", "genai-prices"):
        r = res[name]
        if "error" in r:
            print(f"{name:<34} failed: {r['error']}")
            continue
        print(f"{name + ' import + first cost':<34} wall {r['wall']['best_s']:.3f} / {r['wall']['median_s']:.3f}"
              f"   in-process {r['in_process']['best_s']:.3f} / {r['in_process']['median_s']:.3f}"
              f"   (import {r['import']['median_s']:.3f} + first cost {r['first_cost']['median_s']:.3f})"
              f"   = {r['result']}; heavy modules loaded: {r['heavy_modules_loaded']}")
    tc = res["tokencost"]["in_process"]["best_s"]
    print(f"target <= {TARGET_S} s in-process: {'met' if tc <= TARGET_S else f'MISSED by {tc - TARGET_S:.3f} s'}"
          f"; wall incl. interpreter: {res['tokencost']['wall']['best_s']:.3f} s")

    if args.breakdown:
        rows: dict[str, list] = {}
        for _ in range(max(3, args.runs // 3)):
            r = subprocess.run([sys.executable, "-c", BREAKDOWN], capture_output=True, text=True, check=True, env=ENV)
            for k, v in json.loads(r.stdout).items():
                rows.setdefault(k, []).append(v)
        print("\nwhere the first cost's time goes (fresh process, median of runs):")
        for k, vs in rows.items():
            if not k.startswith("_"):
                print(f"  {k:<52} {statistics.median(vs) * 1000:8.1f} ms")
        print(f"  heavy modules loaded by then: {rows['_heavy_modules'][0] or 'none'}")
        res["breakdown_median_s"] = {k: statistics.median(v) for k, v in rows.items() if not k.startswith("_")}
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(res, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
