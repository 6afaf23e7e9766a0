#!/usr/bin/env python3
"""Homeward's exact solve of a week with non-associations against glpsol and HiGHS on the exported MIP.

For each scenario, in this order:
  - our whole `homeward allocate` command (wall clock, best of --repeats) and our solve alone, with
    summary.json's non_associations section (proven flag, gap, nodes, lower and upper bounds) and
    timing.solve_non_associations (relaxation, laying rows, upper bound, Lagrangian bound, fixing, MIP:
    where the time went);
  - `homeward export SCENARIO --mip --format mps`: the same problem as one mixed-integer program;
  - glpsol (GLPK's simplex, then its branch-and-cut) on that file, with --tmlim;
  - HiGHS's MIP solver (highspy, scripts/peers/highs_solve.py) on that file, with a time limit;
  - HiGHS on its LP relaxation (--highs-lp-limit): a bound on every plan, found independently of ours.
Prints a table per scenario: solver, seconds, objective, gap, nodes, and whether it agrees with ours.
A peer that proves an optimum different from a plan we proved optimal, or finds a plan cheaper than
our proven optimum, or a bound above it, fails the run (exit 1): the models or the solvers disagree.

Usage: mip_compare.py --homeward BIN --scenario YAML [--scenario YAML ...] --work DIR [options]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from compare import machine  # noqa: E402  (the machine line, as the LP comparison prints it)


def fail(message):
    print(f"\nFAILED: {message}", file=sys.stderr)
    sys.exit(1)


def run_ours(args, scenario, work):
    """Best-of-N wall clock of `homeward allocate`, with summary.json's bounds, proof and phase timings."""
    runs = []
    for i in range(args.repeats):
        out = os.path.join(work, "plan")
        start = time.perf_counter()
        done = subprocess.run([args.homeward, "allocate", scenario, "--out", out, "--force"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            fail(f"homeward allocate {scenario} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
        with open(os.path.join(out, "summary.json")) as f:
            summary = json.load(f)
        pairs = summary.get("non_associations")
        if not pairs:
            fail(f"{scenario}: summary.json has no non_associations section (no pair the policy counts?)")
        timing = summary["timing"]
        runs.append({"wall": wall, "solve": timing["solve_seconds"], "timing": timing, "pairs": pairs,
                     "objective": round(pairs["objective"] * 100)})
        phases = timing.get("solve_non_associations", {})
        print(f"  homeward allocate run {i + 1}: {wall:.2f} s wall, solve {timing['solve_seconds']:.2f} s ("
              + ", ".join(f"{k.replace('_seconds', '')} {v:.2f}" for k, v in phases.items())
              + f"), proven {pairs['proven_optimal']}, nodes {pairs['nodes']}", flush=True)
    if len({r["objective"] for r in runs}) != 1:
        fail(f"homeward allocate gave different objectives across runs: {sorted({r['objective'] for r in runs})}")
    best = min(runs, key=lambda r: r["solve"])
    best["wall"] = min(r["wall"] for r in runs)
    return best


def export_mip(args, scenario, work):
    path = os.path.join(work, "model.mps")
    start = time.perf_counter()
    done = subprocess.run([args.homeward, "export", scenario, "--mip", "--format", "mps", "--out", path, "--force"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        fail(f"homeward export --mip {scenario} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    print(f"  export: {time.perf_counter() - start:.1f} s, {os.path.getsize(path) / 1e6:.0f} MB; "
          + " ".join(done.stdout.split()), flush=True)
    return path


# glpsol's branch-and-cut progress line (GLPK's show_progress): "+  1234: mip =   1.23e+05 >=   1.20e+05   2.4% (12; 3)",
# or ">>>>>" for a new incumbent: the best plan (or "not found yet"), the best bound (or "tree is empty"), the gap
# (blank when over 999.9%), then the active nodes and the nodes already finished.
PROGRESS = re.compile(r"^\+\s*\d+: (?:mip =|>>>>>)\s+(not found yet|\S+)\s+[<>]=\s+(tree is empty|\S+)\s+"
                      r"(< 0\.1%|\S+%)?\s*\((\d+); (\d+)\)", re.M)


def run_glpsol(args, model, work):
    """glpsol on the MIP with --tmlim (it limits the simplex and the branch-and-cut each); reading is not counted."""
    if args.glpsol_limit <= 0:
        return {"peer": "glpsol", "status": "skipped"}
    solution = os.path.join(work, "glpsol.txt")
    command = ["glpsol", "--freemps", model, "--tmlim", str(args.glpsol_limit), "-o", solution]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=2 * args.glpsol_limit + 300)
        log = done.stdout
    except subprocess.TimeoutExpired:
        return {"peer": "glpsol", "status": "killed", "wall_seconds": time.perf_counter() - start}
    wall = time.perf_counter() - start
    version = re.search(r"GLPSOL[^\n]*?(v?\d+\.\d+)", log)
    used = re.findall(r"Time used:\s+([\d.]+) secs", log)
    result = {"peer": version and f"glpsol {version.group(1)}" or "glpsol", "wall_seconds": wall,
              "solve_seconds": float(used[-1]) if used else wall}
    progress = PROGRESS.findall(log)
    if progress:
        plan, bound, gap, active, finished = progress[-1]
        result["nodes"] = int(active) + int(finished)
        if bound != "tree is empty":
            result["bound"] = float(bound)
        result["gap"] = gap.strip() if gap and plan != "not found yet" else None
    if "INTEGER OPTIMAL SOLUTION FOUND" in log:
        result["status"] = "optimal"
    elif "TIME LIMIT EXCEEDED" in log:
        result["status"] = "time limit"
        if "PROBLEM HAS NO INTEGER FEASIBLE SOLUTION" not in log and not progress:
            result["stage"] = "stopped in the LP relaxation (simplex) before the branch-and-cut began"
    else:
        tail = " / ".join(log.strip().splitlines()[-3:])
        result["status"] = f"no answer (exit {done.returncode}): {tail}"
    if os.path.exists(solution):
        with open(solution) as f:
            text = f.read()
        status = re.search(r"^Status:\s+(.+)$", text, re.M)
        objective = re.search(r"^Objective:\s+\S+\s+=\s+(\S+)", text, re.M)
        if status and "INTEGER" in status.group(1) and "UNDEFINED" not in status.group(1) and objective:
            result["objective"] = float(objective.group(1))
    if result["status"] == "optimal" and progress:
        result["gap"] = "0.0%"
    print(f"  glpsol: {result['status']}, {wall:.1f} s wall", flush=True)
    return result


def run_highs(args, model, relaxation=False):
    """HiGHS's MIP solver on the model, or (relaxation) its LP relaxation, whose optimum bounds the MIP's from below."""
    limit = args.highs_lp_limit if relaxation else args.highs_limit
    if limit <= 0:
        return {"peer": "HiGHS", "status": "skipped"}
    command = [sys.executable, os.path.join(HERE, "highs_solve.py"), model, "--time-limit", str(limit)]
    command += ["--relaxation"] if relaxation else []
    start = time.perf_counter()
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=limit + 600)
    except subprocess.TimeoutExpired:
        return {"peer": "HiGHS", "status": "killed", "wall_seconds": time.perf_counter() - start}
    if done.returncode != 0:
        return {"peer": "HiGHS", "status": f"failed (exit {done.returncode}): {done.stderr.strip()[-300:]}"}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["peer"] = result.get("version", "HiGHS") + (" LP relaxation" if relaxation else "")
    if relaxation and result.get("objective") is not None:
        # The LP's optimum is a bound on every plan, not a plan.
        result["bound"] = result["objective"] if result["status"] == "optimal" else None
        result["objective"] = None
    result["wall_seconds"] = time.perf_counter() - start
    result["nodes"] = result.get("mip_nodes")
    result["bound"] = result.get("bound", result.get("mip_dual_bound"))
    gap = result.get("mip_gap")
    result["gap"] = None if gap is None or gap != gap or gap > 1e9 else f"{100 * gap:.2f}%"
    print(f"  {result['peer']}: {result['status']}, run() {result['solve_seconds']:.1f} s, read {result['read_seconds']:.1f} s",
          flush=True)
    return result


def agreement(peer, ours, proven):
    """Whether a peer's answer agrees with ours; fails the run on a contradiction."""
    tolerance = 1e-6 * max(1.0, abs(ours))
    objective, bound = peer.get("objective"), peer.get("bound")
    if peer["status"] == "optimal" and objective is not None:
        if abs(objective - ours) <= tolerance:
            return "yes: same optimum"
        if proven or objective > ours + tolerance:
            fail(f"{peer['peer']} proves {objective}, Homeward {ours} centipoints ({'proven' if proven else 'not proven'})")
        return f"no: its optimum is {(ours - objective) / 100:.2f} points below our plan (ours not proven)"
    notes = []
    if objective is not None:
        if proven and objective < ours - tolerance:
            fail(f"{peer['peer']} found a plan costing {objective}, below our proven optimum {ours} centipoints")
        notes.append(f"its plan {(objective - ours) / 100:+.2f} points from ours")
    if bound is not None and bound == bound and abs(bound) < 1e300:
        if bound > ours + tolerance:
            fail(f"{peer['peer']} proves a bound {bound} above our plan's cost {ours} centipoints")
        if peer.get("relaxation"):
            if abs(bound - ours) <= tolerance:
                return "yes: its LP bound equals our plan's cost"
            return f"yes: its LP bound is {(ours - bound) / 100:.2f} points below our plan"
        notes.append(f"its bound {(bound - ours) / 100:+.2f} points from ours")
    return "consistent, not finished: " + "; ".join(notes) if notes else "no answer to compare"


def table(scenario, ours, peers, args):
    pairs, timing = ours["pairs"], ours["timing"]
    phases = timing.get("solve_non_associations", {})
    proven = pairs["proven_optimal"]
    rows = [
        ["Homeward (solve, best of %d)" % args.repeats, f"{ours['solve']:.2f}", f"{ours['objective'] / 100:.2f}",
         f"{100 * pairs['gap']:.4f}%", str(pairs["nodes"]), "proven" if proven else "NOT proven"],
        ["Homeward (whole command, best of %d)" % args.repeats, f"{ours['wall']:.2f}", "", "", "", ""],
    ]
    for peer in peers:
        if peer["status"] == "skipped":
            continue
        seconds = peer.get("solve_seconds", peer.get("wall_seconds"))
        objective = peer.get("objective")
        status = "" if peer["status"] == "optimal" else f" ({peer['status']})"
        rows.append([peer["peer"] + status, f"{seconds:.2f}" if seconds is not None else "—",
                     f"{objective / 100:.2f}" if objective is not None else "—",
                     peer.get("gap") or "—", str(peer.get("nodes")) if peer.get("nodes") is not None else "—",
                     agreement(peer, ours["objective"], proven)])
    header = ["solver", "seconds", "objective (points)", "gap", "nodes", "agrees with ours"]
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(header, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    notes = [
        f"Scenario: {scenario}",
        f"Pairs: {pairs['apart_pairs']} apart, {pairs['costed_pairs']} costed; {pairs['conflicts_in_relaxation']} apart pairs "
        f"shared an establishment in the relaxation; {pairs['pairs_sharing_at_a_cost']} costed pairs share in the plan",
        f"Ours: LB {pairs['lower_bound']:.2f}, {pairs.get('laid_rows', 0)} rows laid into the network in "
        f"{pairs.get('laying_rounds', 0)} rounds, laid bound {pairs.get('laid_bound', pairs['lower_bound']):.2f}, Lagrangian bound {pairs.get('lagrangian_bound', pairs['lower_bound']):.2f}, UB {pairs['upper_bound']:.2f}, plan {pairs['objective']:.2f} points "
        f"(sharing {pairs['sharing_cost']:.2f}); {pairs['repair_rounds']} repair rounds; {pairs.get('lagrangian_solves', 0)} Lagrangian solves on {pairs.get('lagrangian_rows', 0)} rows; {pairs['fixed_arcs']} arcs fixed; "
        f"MIP {pairs['mip_columns']} columns x {pairs['mip_rows']} rows; "
        + ("proven optimal" if proven else f"not proven: {pairs['not_proven_because']}"),
        f"Where our time went: load {timing['load_seconds']:.2f} s, build {timing['build_seconds']:.2f} s, solve "
        f"{timing['solve_seconds']:.2f} s (relaxation {phases.get('relaxation_seconds', 0):.2f}, laying rows "
        f"{phases.get('laying_seconds', 0):.2f}, upper bound "
        f"{phases.get('upper_bound_seconds', 0):.2f}, Lagrangian bound {phases.get('lagrangian_seconds', 0):.2f}, fixing {phases.get('fixing_seconds', 0):.2f}, MIP "
        f"{phases.get('mip_seconds', 0):.2f}), report {timing['report_seconds']:.2f} s",
    ]
    for peer in peers:
        if peer.get("stage"):
            notes.append(f"{peer['peer']}: {peer['stage']}")
        if peer.get("read_seconds") is not None:
            notes.append(f"{peer['peer']}: reading the MPS took {peer['read_seconds']:.1f} s (not counted above)")
    return notes, header, rows, lines


def main():
    parser = argparse.ArgumentParser(description="Homeward's non-association solve against glpsol and HiGHS on its MIP")
    parser.add_argument("--homeward", required=True)
    parser.add_argument("--scenario", action="append", required=True, help="a scenario with non-associations (repeatable)")
    parser.add_argument("--work", required=True)
    parser.add_argument("--repeats", type=int, default=3, help="runs of our command (best kept)")
    parser.add_argument("--glpsol-limit", type=int, default=60, help="glpsol --tmlim in seconds (0 skips glpsol)")
    parser.add_argument("--highs-limit", type=int, default=60, help="HiGHS time_limit in seconds (0 skips HiGHS)")
    parser.add_argument("--highs-lp-limit", type=int, default=300,
                        help="time_limit for HiGHS on the LP relaxation, an independent check of our bounds (0 skips it)")
    parser.add_argument("--markdown", help="also write the tables here")
    args = parser.parse_args()

    sections = []
    for scenario in args.scenario:
        work = os.path.join(args.work, os.path.splitext(os.path.basename(scenario))[0])
        os.makedirs(work, exist_ok=True)
        print(f"{scenario}:", flush=True)
        ours = run_ours(args, scenario, work)
        model = export_mip(args, scenario, work)
        peers = [run_glpsol(args, model, work), run_highs(args, model), run_highs(args, model, relaxation=True)]
        sections.append(table(scenario, ours, peers, args))

    head = [f"Machine: {machine()}", f"Date: {time.strftime('%Y-%m-%d %H:%M %Z')}",
            f"Time limits: glpsol --tmlim {args.glpsol_limit} s (simplex and branch-and-cut each), "
            f"HiGHS time_limit {args.highs_limit} s; seconds are each solver's own, reading the model excluded"]
    print("\n" + "\n".join(head))
    for notes, _, _, lines in sections:
        print("\n" + "\n".join(notes) + "\n\n" + "\n".join(lines))
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("\n".join(head) + "\n")
            for notes, header, rows, _ in sections:
                f.write("\n" + "\n".join(f"- {n}" for n in notes) + "\n\n")
                f.write("| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n")
                for r in rows:
                    f.write("| " + " | ".join(r) + " |\n")


if __name__ == "__main__":
    main()
