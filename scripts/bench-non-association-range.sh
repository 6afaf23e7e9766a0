#!/usr/bin/env bash
# How far the exact solve of a week with non-associations reaches (issue #23): the national synthetic week of
# Benchmarks/Scenarios/national-non-associations.yaml with other stress seeds and other numbers of made-up pairs
# (StressNonAssociations, an estimate of the shape), each run once. Prints a line per week: pairs, seed, whether the
# plan is proven optimal, the rows left to the Lagrangian bound, its network solves, the gap left (points), and
# seconds (solving; the whole command). Not part of `make bench`: it takes about two minutes.
#   swift build -c release --product homeward && scripts/bench-non-association-range.sh
#
# Environment: HOMEWARD_BIN (default .build/release/homeward), RANGE_WEEKS (space-separated COUNT:SEED; default
# 2,000 pairs with seeds 23 to 28, then 3,000 to 6,000 and 10,000 pairs with seed 23).
set -euo pipefail

PEERS_NAME=bench-non-association-range
source "$(dirname "${BASH_SOURCE[0]}")/peers/common.sh"
HOMEWARD="${HOMEWARD_BIN:-$ROOT/.build/release/homeward}"
WEEKS="${RANGE_WEEKS:-2000:23 2000:24 2000:25 2000:26 2000:27 2000:28 3000:23 4000:23 5000:23 6000:23 10000:23}"
need_homeward "$HOMEWARD"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
BASE="$ROOT/Benchmarks/Scenarios/national-non-associations.yaml"

printf '%-7s %-5s %-11s %-10s %-7s %-12s %-9s %s\n' pairs seed proven rows_left solves gap_points solve_s whole_s
for week in $WEEKS; do
    count="${week%%:*}" seed="${week##*:}"
    scenario="$WORK/week-$count-$seed.yaml"
    # The same week with another count and seed; paths made absolute, since the copy lives elsewhere.
    sed -e "s/count: 2000, seed: 23/count: $count, seed: $seed/" -e "s#\.\./\.\./#$ROOT/#g" "$BASE" > "$scenario"
    grep -q "count: $count, seed: $seed" "$scenario" || die "$BASE no longer reads 'count: 2000, seed: 23'"
    start=$(date +%s.%N)
    "$HOMEWARD" allocate "$scenario" --out "$WORK/out-$count-$seed" >/dev/null
    end=$(date +%s.%N)
    python3 - "$WORK/out-$count-$seed/summary.json" "$count" "$seed" "$start" "$end" <<'EOF'
import json, sys
summary = json.load(open(sys.argv[1]))
n = summary["non_associations"]
print(f"{sys.argv[2]:<7} {sys.argv[3]:<5} {'yes' if n['proven_optimal'] else 'NOT':<11} {n['lagrangian_rows']:<10} "
      f"{n['lagrangian_solves']:<7} {n['objective'] - n['integer_bound']:<12.2f} {summary['timing']['solve_seconds']:<9.2f} "
      f"{float(sys.argv[5]) - float(sys.argv[4]):.2f}")
EOF
done
