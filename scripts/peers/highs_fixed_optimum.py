#!/usr/bin/env python3
"""Find and prove the optimum of an exported Homeward MIP with HiGHS, by reduced-cost fixing at its LP relaxation.

Solves the LP relaxation (HiGHS's solve_relaxation), then for each gap G given (points) fixes every column whose
LP reduced cost exceeds G in magnitude at the bound it sits at, and solves the MIP on the columns left (no relative
gap allowed, time limit 900 s). Any plan costing at most LP + G keeps every fixed column where the LP has it, so
when the restricted MIP's optimum is at most LP + G it is the optimum of the whole MIP; otherwise the next, wider G
is tried. Prints one line per step: the LP bound, and per G the columns fixed, HiGHS's status and objective, seconds,
and whether it proves the whole MIP's optimum. Objectives are in the model's units (centipoints).

This is how the README's optimum of the national week with 10,000 made-up non-associations was found (G = 10, 50,
200, 300 points): outside Homeward, on HiGHS, for comparison only. Run it in the venv of the peer benchmarks:
    homeward export Benchmarks/Scenarios/national-non-associations-stress.yaml --mip --format mps --out model.mps
    .venv-bench/bin/python scripts/peers/highs_fixed_optimum.py model.mps 10 50 200 300

Usage: highs_fixed_optimum.py MODEL GAP_POINTS...
"""
import argparse
import sys
import time

import highspy
import numpy as np


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("gaps", nargs="+", type=float, help="gaps in points, narrowest first")
    args = parser.parse_args()

    relaxed = highspy.Highs()
    relaxed.setOptionValue("output_flag", False)
    relaxed.readModel(args.model)
    relaxed.setOptionValue("solve_relaxation", True)
    start = time.perf_counter()
    relaxed.run()
    if relaxed.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        print(f"LP relaxation: {relaxed.modelStatusToString(relaxed.getModelStatus())}")
        return 1
    bound = relaxed.getInfo().objective_function_value
    print(f"LP relaxation: {bound:.0f} in {time.perf_counter() - start:.1f} s", flush=True)
    reduced = np.array(relaxed.getSolution().col_dual)
    lp = relaxed.getLp()
    lower, upper = np.array(lp.col_lower_), np.array(lp.col_upper_)

    for points in args.gaps:
        gap = points * 100
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.readModel(args.model)
        at_lower = np.where(reduced > gap)[0].astype(np.int32)
        at_upper = np.where(reduced < -gap)[0].astype(np.int32)
        h.changeColsBounds(len(at_lower), at_lower, lower[at_lower], lower[at_lower])
        h.changeColsBounds(len(at_upper), at_upper, upper[at_upper], upper[at_upper])
        h.setOptionValue("time_limit", 900.0)
        h.setOptionValue("mip_rel_gap", 0.0)
        start = time.perf_counter()
        h.run()
        status = h.modelStatusToString(h.getModelStatus())
        optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        objective = h.getInfo().objective_function_value if optimal else None
        proves = objective is not None and objective <= bound + gap
        print(f"gap {points:g} points: {len(at_lower) + len(at_upper)} of {len(reduced)} columns fixed; {status}; "
              f"objective {objective if objective is not None else '-'}; {time.perf_counter() - start:.1f} s; "
              f"{'the optimum of the whole MIP' if proves else 'not proven for the whole MIP'}", flush=True)
        if proves:
            return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
