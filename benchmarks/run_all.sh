#!/usr/bin/env bash
# Run the tokencost benchmarks (not timed tests): request_cost per call, cold import + first
# cost, the claim checker; plus the usage-log benchmark when present.
#   benchmarks/run_all.sh            full runs
#   benchmarks/run_all.sh --quick    smoke run (fewer repetitions; figures are rough)
# Each script prints its table; JSON figures go to $OUT (default: a temporary directory).
# USAGE_ARGS="..." passes extra arguments to bench_usage.py (e.g. USAGE_ARGS="--rows 100000").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py="${PYTHON:-python}"
out="${OUT:-$(mktemp -d -t tokencost-bench.XXXXXX)}"
mkdir -p "$out"
quick=0
[[ "${1:-}" == "--quick" ]] && quick=1

echo "== machine: $(nproc) CPUs, $("$py" --version 2>&1), $(uname -srm)"
echo "== JSON figures in $out"
echo
echo "== request_cost per call vs genai-prices calc_price (issue 2)"
if ((quick)); then "$py" "$here/bench_request_cost.py" --quick --json "$out/request_cost.json"
else "$py" "$here/bench_request_cost.py" --json "$out/request_cost.json"; fi
echo
echo "== cold import + first cost (issue 2)"
if ((quick)); then "$py" "$here/bench_import.py" --runs 3 --json "$out/import.json"
else "$py" "$here/bench_import.py" --runs 15 --breakdown --json "$out/import.json"; fi
echo
echo "== claim checker: article report and 1,000 claims x 100 versions (issue 3)"
if ((quick)); then "$py" "$here/bench_claims.py" --runs 1 --claims 100 --json "$out/claims.json"
else "$py" "$here/bench_claims.py" --runs 5 --json "$out/claims.json"; fi
echo
echo "== CLI start: tokencost cost vs genai-prices calc, tokencost claims (issue 7)"
if ((quick)); then "$py" "$here/bench_cli.py" --runs 3 --json "$out/cli.json"
else "$py" "$here/bench_cli.py" --runs 15 --json "$out/cli.json"; fi
if [[ -f "$here/bench_usage.py" ]]; then  # another benchmark's file: run as it is, if present
    echo
    echo "== usage logs (bench_usage.py; see README.md, "Usage logs")"
    uargs=()
    if ((quick)) && grep -q -- "--quick" "$here/bench_usage.py"; then uargs+=(--quick); fi
    # shellcheck disable=SC2086  # USAGE_ARGS: extra arguments, word-split on purpose
    "$py" "$here/bench_usage.py" "${uargs[@]}" ${USAGE_ARGS:-}
fi
