#!/usr/bin/env bash
# Homeward against glpsol and HiGHS on a national week within transfer limits (issue #23, item 3):
# Scenarios/national-week-limits.yaml (moves_limit 1,500 and an arrivals cap at every prison, an estimate).
#
# Exports the week's LP (free MPS: the network's balance rows, the moves_limit row, and the arrivals caps as
# arcs arrivals_cap_CODE, checked here), times our whole `homeward allocate` (best of BENCH_REPEATS) and its
# solve, glpsol's simplex on the LP (time-limited) and HiGHS's LP on it (highspy, the version bench-peers.sh
# pins, in the same .venv-bench), and says whether the objectives agree. Which is which: glpsol and HiGHS
# solve the LP relaxation, so their optimum is a lower bound; ours is the integer optimum (proven, or with
# its gap), at or above the LP bound (summary.json's moves_limit.lower_bound is our own LP bound, which must
# equal theirs).
# `make bench` runs it after bench-peers.sh; on its own it needs a release build of homeward:
#   swift build -c release --scratch-path .build-bench --product homeward && scripts/bench-peers-week.sh
#
# Environment: HOMEWARD_BIN (default .build-bench/release/homeward), BENCH_SCENARIO
# (Scenarios/national-week-limits.yaml), BENCH_OUT (out/bench-week), BENCH_VENV (.venv-bench),
# GLPSOL_LIMIT (seconds, default 60; 0 skips glpsol), BENCH_REPEATS (runs of our command, 3).
set -euo pipefail

PEERS_NAME=bench-peers-week
source "$(dirname "${BASH_SOURCE[0]}")/peers/common.sh"
HOMEWARD="${HOMEWARD_BIN:-$ROOT/.build-bench/release/homeward}"
SCENARIO="${BENCH_SCENARIO:-Scenarios/national-week-limits.yaml}"
OUT="${BENCH_OUT:-$ROOT/out/bench-week}"
VENV="${BENCH_VENV:-$ROOT/.venv-bench}"
GLPSOL_LIMIT="${GLPSOL_LIMIT:-60}"
REPEATS="${BENCH_REPEATS:-3}"

need_homeward "$HOMEWARD"
need_glpsol "$GLPSOL_LIMIT" GLPSOL_LIMIT
peers_venv "$VENV" "$HIGHS_PACKAGE"

mkdir -p "$OUT"
echo "Exporting $SCENARIO"
"$HOMEWARD" export "$SCENARIO" --format mps --out "$OUT/week.mps" --force
grep -q ' moves_limit' "$OUT/week.mps" || die "the exported LP has no moves_limit row"
caps=$(grep -c 'arrivals_cap_' "$OUT/week.mps" || true)
[ "$caps" -gt 0 ] || die "the exported LP has no arrivals caps"
echo "The LP has the moves_limit row and $caps entries on arrivals-cap columns"

best=""
for _ in $(seq "$REPEATS"); do
    start=$(date +%s.%N)
    "$HOMEWARD" allocate "$SCENARIO" --out "$OUT/plan" --force > "$OUT/allocate.txt"
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
done

glpsol_seconds="skipped"; glpsol_objective=""
if [ "$GLPSOL_LIMIT" != 0 ]; then
    start=$(date +%s.%N)
    glpsol --freemps "$OUT/week.mps" --min --tmlim "$GLPSOL_LIMIT" -o "$OUT/glpsol.txt" > "$OUT/glpsol.log" 2>&1 || true
    end=$(date +%s.%N)
    glpsol_seconds=$(echo "$end - $start" | bc)
    if grep -q 'Status:.*OPTIMAL' "$OUT/glpsol.txt" 2>/dev/null; then
        glpsol_objective=$(awk '/^Objective:/ {print $4; exit}' "$OUT/glpsol.txt")
    else
        glpsol_seconds="$glpsol_seconds (stopped: $(grep -m1 -o 'TIME LIMIT EXCEEDED\|PROBLEM HAS NO.*' "$OUT/glpsol.log" || echo 'no optimum'))"
    fi
fi

"$VENV/bin/python" - "$OUT" "$best" "$glpsol_seconds" "$glpsol_objective" <<'PY'
import json, sys, time
import highspy
out, ours_total, glpsol_seconds, glpsol_objective = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
summary = json.load(open(f"{out}/plan/summary.json"))
limits = summary.get("moves_limit") or {}
h = highspy.Highs()
h.setOptionValue("output_flag", False)
h.readModel(f"{out}/week.mps")
began = time.perf_counter()
h.run()
highs_seconds = time.perf_counter() - began
highs_lp = h.getInfo().objective_function_value
ours = summary["objective"] * 100          # centipoints: the MPS costs are centipoints
bound = limits.get("lower_bound", 0) * 100
print()
print("National week within limits: moves_limit %s, moves %s (%s without the limit), %s" % (
    limits.get("limit"), limits.get("moves"), limits.get("moves_without_limit"),
    "proven optimal" if limits.get("proven_optimal") else "NOT proven: %s" % limits.get("not_proven_because")))
print("| solver | what it solves | seconds | objective (centipoints) |")
print("|---|---|---|---|")
proof = "integer plan, proven optimal" if limits.get("proven_optimal") else "integer plan within the limit, NOT proven (gap %s)" % limits.get("gap")
print("| homeward allocate (whole command, best of runs) | %s | %.2f | %.0f |" % (proof, ours_total, ours))
print("| homeward solve alone | | %.2f | |" % summary.get("solve_seconds", float("nan")))
print("| homeward's own LP bound (Lagrangian dual at the breakpoint) | LP bound | | %.0f |" % bound)
print("| HiGHS run() | LP relaxation: a lower bound | %.2f | %.0f |" % (highs_seconds, highs_lp))
print("| glpsol --tmlim | LP relaxation: a lower bound | %s | %s |" % (glpsol_seconds, glpsol_objective or "-"))
agree = abs(highs_lp - bound) <= 1 + 1e-9 * abs(bound)
print()
print("HiGHS's LP optimum %s our LP bound (to a centipoint); our integer plan is %.0f above it." % (
    "equals" if agree else "DIFFERS FROM", ours - highs_lp))
print("HiGHS's LP took %.1f times our whole command (%.2f s against %.2f s), in the same run." % (
    highs_seconds / ours_total, highs_seconds, ours_total))
PY
