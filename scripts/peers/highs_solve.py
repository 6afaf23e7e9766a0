#!/usr/bin/env python3
"""Solve an exported Homeward LP (MPS or CPLEX LP) with HiGHS through highspy.

Reads the model (timed separately), then times Highs.run() alone, with HiGHS's
default options (its choice of solver: dual simplex for an LP) and its log
switched off. Prints one JSON object: peer, version, status, objective (the
LP's units: centipoints), read_seconds, solve_seconds.

Usage: highs_solve.py MODEL [--threads N]
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
    args = parser.parse_args()

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if args.threads:
        h.setOptionValue("threads", args.threads)
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
    print(json.dumps({
        "peer": "HiGHS",
        "version": f"highspy {h.version()}" if hasattr(h, "version") else "highspy",
        "status": "optimal" if model_status == highspy.HighsModelStatus.kOptimal else h.modelStatusToString(model_status),
        "objective": info.objective_function_value,
        "iterations": info.simplex_iteration_count,
        "read_seconds": read_seconds,
        "solve_seconds": solve_seconds,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
