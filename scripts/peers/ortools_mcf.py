#!/usr/bin/env python3
"""Solve an exported Homeward network (DIMACS `p min`) with OR-Tools' SimpleMinCostFlow.

Reads the file and builds the solver's graph outside the timing (vectorised
add_arcs_with_capacity_and_unit_cost and set_nodes_supplies), then times
solve() alone. Prints one JSON object: peer, version, status, objective (the
network's integer cost: centipoints), read_seconds, build_seconds, solve_seconds.

Usage: ortools_mcf.py NETWORK.dimacs
"""
import json
import sys
import time

import numpy as np
import ortools
from ortools.graph.python import min_cost_flow


def read_dimacs(path):
    """(node count, supplies by node, tails, heads, capacities, costs), nodes 0-based."""
    nodes = 0
    supply_fields = []
    arc_fields = []
    with open(path, "r", encoding="ascii") as f:
        for line in f:
            kind = line[:1]
            if kind == "a":
                arc_fields.append(line[2:])
            elif kind == "n":
                supply_fields.append(line[2:])
            elif kind == "p":
                _, problem, n, _m = line.split()
                if problem != "min":
                    raise ValueError(f"{path}: not a min-cost flow problem ({problem})")
                nodes = int(n)
    arcs = np.array(" ".join(arc_fields).split(), dtype=np.int64).reshape(-1, 5)
    if np.any(arcs[:, 2] != 0):
        raise ValueError(f"{path}: lower bounds other than 0 are not supported")
    supplies = np.zeros(nodes, dtype=np.int64)
    if supply_fields:
        pairs = np.array(" ".join(supply_fields).split(), dtype=np.int64).reshape(-1, 2)
        supplies[pairs[:, 0] - 1] = pairs[:, 1]
    return nodes, supplies, arcs[:, 0] - 1, arcs[:, 1] - 1, arcs[:, 3], arcs[:, 4]


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    start = time.perf_counter()
    nodes, supplies, tails, heads, capacities, costs = read_dimacs(sys.argv[1])
    read_seconds = time.perf_counter() - start

    start = time.perf_counter()
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    smcf.set_nodes_supplies(np.arange(nodes, dtype=np.int64), supplies)
    build_seconds = time.perf_counter() - start

    start = time.perf_counter()
    status = smcf.solve()
    solve_seconds = time.perf_counter() - start

    print(json.dumps({
        "peer": "OR-Tools",
        "version": f"ortools {ortools.__version__}",
        "status": "optimal" if status == smcf.OPTIMAL else str(status),
        "objective": smcf.optimal_cost() if status == smcf.OPTIMAL else None,
        "nodes": nodes,
        "arcs": int(len(tails)),
        "read_seconds": read_seconds,
        "build_seconds": build_seconds,
        "solve_seconds": solve_seconds,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
