#!/usr/bin/env python3
"""Solve an exported Homeward LP (MPS or CPLEX LP) with HiGHS through highspy.

Reads the model (timed separately), then times Highs.run() alone, with HiGHS's
default options (its choice of solver: dual simplex for an LP, branch-and-cut
for a MIP) and its log switched off. Prints one JSON object: peer, version,
status, objective (the LP's units: centipoints), read_seconds, solve_seconds;
for a MIP also the best bound, the relative gap and the branch-and-bound nodes.
With --time-limit, a search that stops at the limit reports status
"time limit" with the best objective found (if any) and its gap.

With --relaxation, a MIP's integrality is dropped (HiGHS's solve_relaxation): the
LP relaxation's optimum, a lower bound on the MIP's.

Usage: highs_solve.py MODEL [--threads N] [--time-limit SECONDS] [--relaxation]
"""
import argparse
import json
import sys
import time

import highspy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--threads", type=int, default=0, help="HiGHS threads (0: its default)")
    parser.add_argument("--time-limit", type=float, default=0, help="HiGHS time_limit in seconds (0: none)")
    parser.add_argument("--relaxation", action="store_true", help="solve the LP relaxation of a MIP")
    args = parser.parse_args()

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if args.threads:
        h.setOptionValue("threads", args.threads)
    if args.time_limit > 0:
        h.setOptionValue("time_limit", float(args.time_limit))
    if args.relaxation:
        h.setOptionValue("solve_relaxation", True)
    start = time.perf_counter()
    status = h.readModel(args.model)
    read_seconds = time.perf_counter() - start
    if status == highspy.HighsStatus.kError:
        print(json.dumps({"peer": "HiGHS", "status": "read failed"}))
        return 1

    start = time.perf_counter()
    h.run()
    solve_seconds = time.perf_counter() - start

    model_status = h.getModelStatus()
    info = h.getInfo()
    if model_status == highspy.HighsModelStatus.kOptimal:
        status = "optimal"
    elif model_status == highspy.HighsModelStatus.kTimeLimit:
        status = "time limit"
    else:
        status = h.modelStatusToString(model_status)
    result = {
        "peer": "HiGHS",
        "version": f"highspy {h.version()}" if hasattr(h, "version") else "highspy",
        "status": status,
        "objective": info.objective_function_value,
        "iterations": info.simplex_iteration_count,
        "read_seconds": read_seconds,
        "solve_seconds": solve_seconds,
    }
    integer = highspy.HighsVarType.kInteger
    if args.relaxation:
        result["relaxation"] = True
    elif any(t == integer for t in (h.getLp().integrality_ or [])):
        # A MIP: the solution found (if any), the best bound, the relative gap and the nodes.
        has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
        result.update(mip=True, has_solution=has_solution, mip_dual_bound=info.mip_dual_bound,
                      mip_gap=info.mip_gap, mip_nodes=info.mip_node_count)
        if not has_solution:
            result["objective"] = None
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
