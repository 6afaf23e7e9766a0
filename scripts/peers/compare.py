#!/usr/bin/env python3
"""Homeward against its peers on the national allocation, in one run on one machine.

Times, in this order:
  - our whole `homeward allocate` command (wall clock, best of --repeats, peak RSS from /usr/bin/time),
    and our solve alone (summary.json's timing.solve_seconds in the same runs);
  - glpsol (GLPK's simplex) on the exported free MPS, with a time limit;
  - HiGHS (highspy) on the same MPS: Highs.run() alone, reading timed apart;
  - OR-Tools' SimpleMinCostFlow on the same network in DIMACS form: solve() alone.
Every peer that finishes must reach our optimum (1e-6 relative) or the script fails.
Prints a table of peer seconds, our seconds and ours/peer, then the issue's targets.

Usage: compare.py --homeward BIN --scenario YAML --mps FILE --dimacs FILE --work DIR [options]
"""
import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def fail(message):
    print(f"\nFAILED: {message}", file=sys.stderr)
    sys.exit(1)


def run_ours(args):
    """Best-of-N wall clock of the whole allocate command, its solve time, and the peak RSS over the runs."""
    runs = []
    for i in range(args.repeats):
        out = os.path.join(args.work, "plan")
        rss_file = os.path.join(args.work, "time.txt")
        command = ["/usr/bin/time", "-f", "%M", "-o", rss_file,
                   args.homeward, "allocate", args.scenario, "--out", out, "--force"]
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            fail(f"homeward allocate exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
        with open(rss_file) as f:
            rss_kib = int(f.read().split()[-1])
        with open(os.path.join(out, "summary.json")) as f:
            summary = json.load(f)
        if summary.get("status", "optimal") != "optimal":
            fail(f"homeward allocate: status {summary.get('status')}")
        runs.append({"wall": wall, "rss_kib": rss_kib, "solve": summary["timing"]["solve_seconds"],
                     "timing": summary["timing"], "objective": summary["objective"],
                     "dual_objective": summary.get("dual_objective")})
        print(f"  homeward allocate run {i + 1}: {wall:.3f} s wall, solve {summary['timing']['solve_seconds']:.3f} s, "
              f"peak RSS {rss_kib / 1024:.0f} MiB", flush=True)
    objectives = {r["objective"] for r in runs}
    if len(objectives) != 1:
        fail(f"homeward allocate gave different objectives across runs: {sorted(objectives)}")
    best = min(runs, key=lambda r: r["wall"])
    return {
        "wall": best["wall"],
        "timing": best["timing"],
        "solve": min(r["solve"] for r in runs),
        "rss_kib": max(r["rss_kib"] for r in runs),
        # summary.json's objective is in points with two decimals: exact centipoints / 100.
        "objective": round(best["objective"] * 100),
        "dual_objective": None if best["dual_objective"] is None else round(best["dual_objective"] * 100),
    }


def run_json(command, timeout):
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        fail(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def best_of(command, repeats, timeout):
    """Runs a peer script `repeats` times (each in a fresh process); keeps the fastest solve."""
    results = []
    for _ in range(repeats):
        result = run_json(command, timeout)
        if result is None:
            return None
        results.append(result)
        print(f"  {result['peer']}: solve {result['solve_seconds']:.3f} s, status {result['status']}", flush=True)
    best = min(results, key=lambda r: r["solve_seconds"])
    best["runs"] = len(results)
    return best


def run_glpsol(args):
    """glpsol on the MPS with --tmlim; solve time is glpsol's own 'Time used' (reading excluded)."""
    if args.glpsol_limit <= 0:
        return {"peer": "glpsol", "status": "skipped"}
    solution = os.path.join(args.work, "glpsol.txt")
    command = ["glpsol", "--freemps", args.mps, "--tmlim", str(args.glpsol_limit), "-o", solution]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=args.glpsol_limit + 120)
    except subprocess.TimeoutExpired:
        return {"peer": "glpsol", "status": f"did not finish in {args.glpsol_limit} s (killed)",
                "wall_seconds": time.perf_counter() - start}
    wall = time.perf_counter() - start
    log = done.stdout
    version = re.search(r"GLPSOL[^\n]*?(v?\d+\.\d+)", log)
    used = re.findall(r"Time used:\s+([\d.]+) secs", log)
    result = {"peer": "glpsol", "version": f"glpsol {version.group(1)}" if version else "glpsol",
              "wall_seconds": wall, "solve_seconds": float(used[-1]) if used else None}
    if "OPTIMAL LP SOLUTION FOUND" in log:
        with open(solution) as f:
            match = re.search(r"Objective:\s+\S+\s+=\s+(\S+)", f.read())
        result.update(status="optimal", objective=float(match.group(1)))
    elif "TIME LIMIT EXCEEDED" in log:
        result.update(status=f"did not finish in {args.glpsol_limit} s")
    else:
        tail = "\n".join(log.splitlines()[-5:])
        result.update(status=f"no optimum (exit {done.returncode}): {tail}")
    print(f"  glpsol: {result['status']}, {wall:.1f} s wall", flush=True)
    return result


def check_objective(peer, ours):
    if peer.get("status") != "optimal":
        return
    theirs = peer["objective"]
    if abs(theirs - ours) > 1e-6 * max(1.0, abs(ours)):
        fail(f"{peer['peer']} reports objective {theirs!r}, Homeward {ours} (centipoints): the models or the solvers disagree")
    peer["objective_ok"] = True


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            kib = int(f.readline().split()[1])
            memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    load = ", load average at the end {:.2f} {:.2f} {:.2f} (other work on the machine slows every row alike)".format(*os.getloadavg())
    return f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}{load}"


def main():
    parser = argparse.ArgumentParser(description="Homeward against glpsol, HiGHS and OR-Tools")
    parser.add_argument("--homeward", required=True)
    parser.add_argument("--scenario", required=True)
    parser.add_argument("--mps", required=True)
    parser.add_argument("--dimacs", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--repeats", type=int, default=3, help="runs of our command (best wall clock kept)")
    parser.add_argument("--highs-repeats", type=int, default=1, help="runs of HiGHS (fastest kept; each takes tens of seconds)")
    parser.add_argument("--ortools-repeats", type=int, default=3, help="runs of OR-Tools (fastest kept)")
    parser.add_argument("--glpsol-limit", type=int, default=60, help="glpsol --tmlim in seconds (0 skips glpsol)")
    parser.add_argument("--peer-timeout", type=int, default=600, help="seconds before a peer script is abandoned")
    parser.add_argument("--markdown", help="also write the table here")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()

    python = sys.executable
    print("Homeward (whole command):", flush=True)
    ours = run_ours(args)
    if ours["dual_objective"] is not None and ours["dual_objective"] != ours["objective"]:
        fail(f"our dual objective {ours['dual_objective']} differs from the cost {ours['objective']}: not proven optimal")
    print("Peers:", flush=True)
    highs = best_of([python, os.path.join(HERE, "highs_solve.py"), args.mps], args.highs_repeats, args.peer_timeout) \
        or {"peer": "HiGHS", "status": f"did not finish in {args.peer_timeout} s"}
    ortools = best_of([python, os.path.join(HERE, "ortools_mcf.py"), args.dimacs], args.ortools_repeats, args.peer_timeout) \
        or {"peer": "OR-Tools", "status": f"did not finish in {args.peer_timeout} s"}
    glpsol = run_glpsol(args)
    for peer in (highs, ortools, glpsol):
        check_objective(peer, ours["objective"])

    def row(name, what, peer_seconds, our_seconds, our_what):
        ratio = f"{our_seconds / peer_seconds:.3f}" if peer_seconds else "—"
        peer_text = f"{peer_seconds:.3f}" if peer_seconds is not None else "—"
        return [name, what, peer_text, f"{our_seconds:.3f}", our_what, ratio]

    rows = []
    our_solve = f"our solve, best of {args.repeats}"
    for peer, what in ((glpsol, "simplex on the MPS (solve)"), (highs, "run() on the MPS"),
                       (ortools, "SimpleMinCostFlow.solve() on the DIMACS network")):
        name = peer.get("version", peer["peer"])
        if peer.get("runs", 1) > 1:
            what += f", best of {peer['runs']}"
        if peer.get("status") == "optimal":
            rows.append(row(name, what, peer["solve_seconds"], ours["solve"], our_solve))
        else:
            rows.append([name, what, peer["status"], f"{ours['solve']:.3f}", our_solve, "—"])
    if highs.get("status") == "optimal":
        rows.append(row(highs.get("version", "HiGHS"), "read MPS + run()", highs["read_seconds"] + highs["solve_seconds"],
                        ours["wall"], f"our whole command, best of {args.repeats}"))

    header = ["peer", "peer measures", "peer s", "ours s", "ours measures", "ours/peer"]
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(header, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)) for r in rows]

    timing = ours["timing"]
    gib = ours["rss_kib"] / 1024 / 1024
    targets = [
        ("whole `homeward allocate` <= 2 s", ours["wall"] <= 2.0, f"{ours['wall']:.3f} s (best of {args.repeats})"),
        ("peak memory <= 1 GiB", gib <= 1.0, f"{ours['rss_kib'] / 1024:.0f} MiB"),
        ("solve faster than HiGHS run()", highs.get("status") == "optimal" and ours["solve"] < highs["solve_seconds"],
         f"{ours['solve']:.3f} s vs {highs['solve_seconds']:.3f} s" if highs.get("status") == "optimal" else highs["status"]),
        ("solve at least as fast as OR-Tools min-cost flow",
         ortools.get("status") == "optimal" and ours["solve"] <= ortools["solve_seconds"],
         f"{ours['solve']:.3f} s vs {ortools['solve_seconds']:.3f} s" if ortools.get("status") == "optimal" else ortools["status"]),
    ]
    report = [
        f"Machine: {machine()}",
        f"Date: {time.strftime('%Y-%m-%d %H:%M %Z')}",
        f"Model: national allocation, {ortools.get('nodes', '?')} nodes, {ortools.get('arcs', '?')} arcs; "
        f"optimum {ours['objective']} centipoints ({ours['objective'] / 100:.2f} points), proven (dual objective equal)",
        f"Ours: whole command {ours['wall']:.3f} s (load {timing['load_seconds']:.3f}, build {timing['build_seconds']:.3f}, "
        f"solve {timing['solve_seconds']:.3f}, report {timing['report_seconds']:.3f}); best solve {ours['solve']:.3f} s; "
        f"peak RSS {ours['rss_kib'] / 1024:.0f} MiB",
    ]
    if highs.get("status") == "optimal":
        report.append(f"HiGHS: read {highs['read_seconds']:.3f} s, run() {highs['solve_seconds']:.3f} s, "
                      f"{highs.get('iterations')} simplex iterations")
    if ortools.get("status") == "optimal":
        report.append(f"OR-Tools: read {ortools['read_seconds']:.3f} s, build {ortools['build_seconds']:.3f} s, "
                      f"solve() {ortools['solve_seconds']:.3f} s")
    if glpsol.get("status") != "skipped":
        report.append(f"glpsol: {glpsol['status']}, {glpsol.get('wall_seconds', 0):.1f} s wall in all")
    checked = [p["peer"] for p in (glpsol, highs, ortools) if p.get("objective_ok")]
    report.append(f"Objectives equal to ours (1e-6 relative): {', '.join(checked) if checked else 'none finished'}")

    text = "\n".join(report) + "\n\n" + "\n".join(lines) + "\n\nTargets:\n" + "\n".join(
        f"  [{'met' if ok else 'MISSED'}] {name}: {detail}" for name, ok, detail in targets)
    print("\n" + text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("\n".join(report) + "\n\n")
            f.write("| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n")
            for r in rows:
                f.write("| " + " | ".join(str(c) for c in r) + " |\n")
            f.write("\nTargets:\n\n" + "\n".join(f"- {'met' if ok else '**missed**'}: {name}: {detail}"
                                                  for name, ok, detail in targets) + "\n")
    if args.strict and not all(ok for _, ok, _ in targets):
        fail("a target was missed (see above)")


if __name__ == "__main__":
    main()
