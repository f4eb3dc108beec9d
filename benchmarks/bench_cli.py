"""CLI start-up (issue 7, section 4): whole commands as a user runs them, in fresh processes.

* ``tokencost cost gpt-4o --tokens 100M/day --input-share 0.8`` next to
  ``genai-prices calc -i 1000 -o 500 gpt-4o`` in the same run, interleaved (the target: no slower);
* ``tokencost claims`` (the target: <= 0.35 s);
* ``python -c pass``, the interpreter's own start-up on this machine at this moment (a loaded
  machine slows every row; the load average is printed with the figures).

Every sample is a new process running the command's console script (``tokencost`` through
``python -m tokencost.cli`` so that the source tree on ``PYTHONPATH`` is what runs; ``genai-prices``
through its installed script, i.e. also ``python`` + its ``main``). Commands alternate within each
round, so a busy machine slows all of them alike. Children get compiled bytecode as an installed
package would (PYTHONDONTWRITEBYTECODE unset, PYTHONPYCACHEPREFIX in a temporary directory), after
one unmeasured warm-up run each; the cached catalog/claims in the user cache are warm, as on any
second run. Also reported: which heavy modules (pandas, numpy, pint, yaml) each tokencost command
imported.

``--baseline SRC`` also times the same two tokencost commands from another source tree (e.g. a
checkout of the commit before a change, ``.../src``) in the same interleaved rounds.

Run: ``python benchmarks/bench_cli.py [--runs 15] [--baseline SRC] [--json out.json]``
(``pip install 'genai-prices[cli]'``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

COST = ["cost", "gpt-4o", "--tokens", "100M/day", "--input-share", "0.8"]
CLAIMS_TARGET_S = 0.35

PROBE = """
import runpy, sys, io, contextlib
sys.argv = ["tokencost", *{argv!r}]
with contextlib.redirect_stdout(io.StringIO()):
    try:
        runpy.run_module("tokencost.cli", run_name="__main__")
    except SystemExit:
        pass
print(",".join(m for m in ("pandas", "numpy", "pint", "yaml", "dask") if m in sys.modules) or "-")
"""


def commands(baseline: str | None) -> dict[str, tuple[list[str], dict[str, str]]]:
    out = {
        "python -c pass": [sys.executable, "-c", "pass"],  # the floor: interpreter start-up alone
        "tokencost cost": [sys.executable, "-m", "tokencost.cli", *COST],
        "tokencost claims": [sys.executable, "-m", "tokencost.cli", "claims"],
    }
    script = shutil.which("genai-prices")
    if script:
        out["genai-prices calc"] = [script, "calc", "-i", "1000", "-o", "500", "gpt-4o"]
    cmds = {k: (v, {}) for k, v in out.items()}
    if baseline:
        for name in ("tokencost cost", "tokencost claims"):
            cmds[f"baseline {name.split()[1]}"] = (out[name], {"PYTHONPATH": baseline})
    return cmds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--baseline", metavar="SRC", help="another tree's src/ to time next to this one")
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="tokencost-bench-pyc-")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = tmp.name
    cmds = commands(args.baseline)
    times: dict[str, list[float]] = {k: [] for k in cmds}
    try:
        for argv, extra in cmds.values():  # warm-up: bytecode written, user cache filled
            subprocess.run(argv, capture_output=True, check=True, env={**env, **extra})
        for _ in range(args.runs):
            for name, (argv, extra) in cmds.items():
                t = time.perf_counter()
                subprocess.run(argv, capture_output=True, check=True, env={**env, **extra})
                times[name].append(time.perf_counter() - t)
        heavy = {}
        for name, argv in (("tokencost cost", COST), ("tokencost claims", ["claims"])):
            r = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True,
                               check=True, env=env)
            heavy[name] = r.stdout.strip()
    finally:
        tmp.cleanup()
    res = {"python": platform.python_version(), "runs": args.runs, "load_average": os.getloadavg(),
           "commands": {k: {"best_s": min(v), "median_s": statistics.median(v)} for k, v in times.items()},
           "heavy_modules": heavy}
    print(f"python {res['python']}; {args.runs} interleaved rounds; load average {res['load_average'][0]:.1f}; "
          "seconds, best / median")
    for name, st in res["commands"].items():
        extra = f"   imports: {heavy[name]}" if name in heavy else ""
        print(f"  {name:<20} {st['best_s']:.3f} / {st['median_s']:.3f}{extra}")
    c = res["commands"]
    if "genai-prices calc" in c:
        ratio = c["tokencost cost"]["median_s"] / c["genai-prices calc"]["median_s"]
        print(f"tokencost cost / genai-prices calc (medians): {ratio:.2f} "
              f"({'no slower: met' if ratio <= 1 else 'slower: MISSED'})")
    claims = c["tokencost claims"]["median_s"]
    print(f"tokencost claims median {claims:.3f} s: target <= {CLAIMS_TARGET_S} s "
          f"{'met' if claims <= CLAIMS_TARGET_S else 'MISSED'}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(res, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
