#!/usr/bin/env bash
# Homeward's exact solve of a week with non-associations against glpsol and HiGHS on the same problem as one MIP
# (issue #23), in one run on this machine.
#
# For the national synthetic population with 2,000 made-up non-associations and the 10,000-pair stress case
# (Benchmarks/Scenarios/national-non-associations*.yaml; pairs from StressNonAssociations, an estimate of the shape),
# times our whole `homeward allocate` (best of BENCH_REPEATS) and reads from its summary.json whether the plan is
# proven optimal, the gap, the branch-and-cut nodes, the bounds and where the solve's time went (relaxation, laying
# rows, upper bound, Lagrangian bound, fixing, MIP); exports the MIP (`homeward export --mip --format mps`); runs
# glpsol (--tmlim) and HiGHS's MIP solver (highspy, pinned as in bench-peers.sh, with a time limit) on it, and HiGHS
# on its LP relaxation (a bound found independently of ours); and prints a table per case: solver, seconds,
# objective, gap, nodes, agrees-with-ours. A peer that contradicts a plan we proved optimal, or a bound above our
# plan, fails the run.
# `make bench` runs it after bench-peers.sh; on its own it needs a release build of homeward:
#   swift build -c release --scratch-path .build-bench --product homeward && scripts/bench-peers-mip.sh
#
# Environment: HOMEWARD_BIN (default .build-bench/release/homeward), BENCH_MIP_SCENARIOS (space-separated; default
# the two cases above), BENCH_OUT (out/bench), BENCH_VENV (.venv-bench), GLPSOL_MIP_LIMIT and HIGHS_MIP_LIMIT
# (seconds, default 60 each; 0 leaves that peer out), HIGHS_LP_LIMIT (the LP relaxation's, default 300; 0 leaves it
# out), BENCH_REPEATS (runs of our command, 3).
set -euo pipefail

PEERS_NAME=bench-peers-mip
source "$(dirname "${BASH_SOURCE[0]}")/peers/common.sh"
HOMEWARD="${HOMEWARD_BIN:-$ROOT/.build-bench/release/homeward}"
SCENARIOS="${BENCH_MIP_SCENARIOS:-Benchmarks/Scenarios/national-non-associations.yaml Benchmarks/Scenarios/national-non-associations-stress.yaml}"
OUT="${BENCH_OUT:-$ROOT/out/bench}/mip"
VENV="${BENCH_VENV:-$ROOT/.venv-bench}"
GLPSOL_LIMIT="${GLPSOL_MIP_LIMIT:-60}"
HIGHS_LIMIT="${HIGHS_MIP_LIMIT:-60}"
HIGHS_LP_LIMIT="${HIGHS_LP_LIMIT:-300}"
REPEATS="${BENCH_REPEATS:-3}"

need_homeward "$HOMEWARD"
need_glpsol "$GLPSOL_LIMIT" GLPSOL_MIP_LIMIT
if [ "$HIGHS_LIMIT" != 0 ] || [ "$HIGHS_LP_LIMIT" != 0 ]; then peers_venv "$VENV" "$HIGHS_PACKAGE"; else peers_venv "$VENV"; fi

mkdir -p "$OUT"
args=()
for scenario in $SCENARIOS; do args+=(--scenario "$scenario"); done
"$VENV/bin/python" scripts/peers/mip_compare.py --homeward "$HOMEWARD" "${args[@]}" --work "$OUT" \
    --repeats "$REPEATS" --glpsol-limit "$GLPSOL_LIMIT" --highs-limit "$HIGHS_LIMIT" --highs-lp-limit "$HIGHS_LP_LIMIT" --markdown "$OUT/peers-mip.md"
echo
echo "Tables also in $OUT/peers-mip.md"
