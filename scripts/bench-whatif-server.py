#!/usr/bin/env python3
"""What-if in a second (issue #24): the time from request to finished run of a one-change assessment against the
server's warm national base, as a user of the web workspace or the API sees it.

Starts `homeward serve` on a free loopback port with a temporary data folder, runs one assessment of
SCENARIO to warm the base (not counted), then RUNS more, each a POST /api/runs polled every 5 ms until it has
finished, and prints every time, the best and the median. Standard library only. `make bench` runs it; on its own:
    swift build -c release --scratch-path .build-bench --product homeward && scripts/bench-whatif-server.py
Environment: HOMEWARD_BIN (default .build-bench/release/homeward), SCENARIO (Scenarios/close-bedford.yaml), RUNS (12).
"""
import json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.request

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.environ.get("HOMEWARD_BIN", os.path.join(root, ".build-bench/release/homeward"))
scenario = open(os.path.join(root, os.environ.get("SCENARIO", "Scenarios/close-bedford.yaml"))).read()
runs = int(os.environ.get("RUNS", "12"))
if not os.access(binary, os.X_OK):
    sys.exit(f"bench-whatif-server: no homeward binary at {binary}")

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
base = f"http://127.0.0.1:{port}"
data = tempfile.mkdtemp(prefix="homeward-whatif-")
server = subprocess.Popen([binary, "serve", "--port", str(port), "--data", data], cwd=root,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/api/estate", timeout=1)
            break
        except Exception:
            time.sleep(0.1)
    else:
        sys.exit("bench-whatif-server: the server did not start")

    def run():
        began = time.perf_counter()
        body = json.dumps({"kind": "assess", "scenario": scenario}).encode()
        request = urllib.request.Request(base + "/api/runs", data=body, headers={"Content-Type": "application/json"})
        run_id = json.load(urllib.request.urlopen(request))["id"]
        while True:
            status = json.load(urllib.request.urlopen(f"{base}/api/runs/{run_id}"))
            if status["status"] in ("finished", "failed", "cancelled"):
                break
            time.sleep(0.005)
        if status["status"] != "finished":
            sys.exit(f"bench-whatif-server: run {run_id} {status['status']}: {status.get('error')}")
        return time.perf_counter() - began, status.get("warm")

    first, _ = run()
    print(f"first run (keeps the base warm, not counted): {first:.3f} s")
    times = []
    for _ in range(runs):
        seconds, warm = run()
        times.append(seconds)
        print(f"{seconds:.3f} s{'' if warm else ' (NOT warm)'}")
    times.sort()
    print(f"What-if through the server, {runs} runs: best {times[0]:.3f} s, median {times[len(times) // 2]:.3f} s, "
          f"worst {times[-1]:.3f} s; load average {os.getloadavg()[0]:.2f}")
finally:
    server.terminate()
    server.wait()
    shutil.rmtree(data, ignore_errors=True)
