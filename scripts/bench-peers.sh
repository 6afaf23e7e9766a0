#!/usr/bin/env bash
# Homeward against glpsol, HiGHS and OR-Tools on the national allocation, in one run on this machine.
#
# Exports the national LP (free MPS) and its network (DIMACS), installs the Python peers from PyPI into
# .venv-bench, then times our whole `homeward allocate` command (best of 3, peak RSS), our solve alone,
# glpsol (time-limited), HiGHS run() and OR-Tools' SimpleMinCostFlow.solve() on exactly that model, checks
# that every peer that finishes reaches our optimum, and prints peer seconds, our seconds and ours/peer.
# `make bench` runs it after the benchmarks; on its own it needs a release build of homeward:
#   swift build -c release --scratch-path .build-bench --product homeward && scripts/bench-peers.sh
#
# Environment: HOMEWARD_BIN (default .build-bench/release/homeward), BENCH_SCENARIO (Scenarios/national.yaml),
# BENCH_OUT (out/bench), BENCH_VENV (.venv-bench), GLPSOL_LIMIT (seconds, default 60; 0 skips glpsol),
# BENCH_REPEATS (runs of our command, 3), BENCH_STRICT=1 (exit 1 when a target is missed).
set -euo pipefail

PEERS_NAME=bench-peers
source "$(dirname "${BASH_SOURCE[0]}")/peers/common.sh"
HOMEWARD="${HOMEWARD_BIN:-$ROOT/.build-bench/release/homeward}"
SCENARIO="${BENCH_SCENARIO:-Scenarios/national.yaml}"
OUT="${BENCH_OUT:-$ROOT/out/bench}"
VENV="${BENCH_VENV:-$ROOT/.venv-bench}"
GLPSOL_LIMIT="${GLPSOL_LIMIT:-60}"
REPEATS="${BENCH_REPEATS:-3}"
# The versions this comparison was last run with (HiGHS's in peers/common.sh); change them deliberately.
PEER_PACKAGES=("$HIGHS_PACKAGE" ortools==9.15.6755)

need_homeward "$HOMEWARD"
[ -x /usr/bin/time ] || die "/usr/bin/time is needed for peak memory (apt-get install time)"
need_glpsol "$GLPSOL_LIMIT" GLPSOL_LIMIT
peers_venv "$VENV" "${PEER_PACKAGES[@]}"

mkdir -p "$OUT"
echo "Exporting $SCENARIO"
"$HOMEWARD" export "$SCENARIO" --format mps --out "$OUT/national.mps" --force
"$HOMEWARD" export "$SCENARIO" --format dimacs --out "$OUT/national.dimacs" --force

strict=()
[ "${BENCH_STRICT:-0}" = 1 ] && strict=(--strict)
"$VENV/bin/python" scripts/peers/compare.py \
    --homeward "$HOMEWARD" --scenario "$SCENARIO" --mps "$OUT/national.mps" --dimacs "$OUT/national.dimacs" \
    --work "$OUT" --repeats "$REPEATS" --glpsol-limit "$GLPSOL_LIMIT" --markdown "$OUT/peers.md" "${strict[@]}"
echo
echo "Table also in $OUT/peers.md"
