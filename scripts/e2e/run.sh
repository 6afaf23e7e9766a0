#!/usr/bin/env bash
# make e2e: starts `homeward serve` on a free port with a temporary data folder, drives it in headless
# Chromium (scripts/e2e/e2e.py), and stops it. Screenshots go to out/e2e/.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${HOMEWARD_BIN:-.build/debug/homeward}
PY=.venv-e2e/bin/python
started=$(date +%s)
port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
data=$(mktemp -d)
mkdir -p out/e2e
"$BIN" serve --port "$port" --data "$data" > out/e2e/server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
    if curl -fs "http://127.0.0.1:$port/estate" > /dev/null; then break; fi
    sleep 0.2
done
$PY scripts/e2e/e2e.py --base "http://127.0.0.1:$port" --cli "$BIN" --out out/e2e
echo "e2e: passed in $(( $(date +%s) - started )) s"
