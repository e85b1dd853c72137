#!/usr/bin/env bash
# Contract test: schemathesis checks the running server against its own
# /openapi.json (every check, a bounded number of examples per operation).
# Loopback only. Usage: Tests/contract/run.sh [path-to-exodus-binary]
set -euo pipefail
cd "$(dirname "$0")/../.."

bin="${1:-$(swift build --show-bin-path)/exodus}"
venv=.venv
examples="${CONTRACT_EXAMPLES:-60}"

if [ ! -x "$venv/bin/st" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "schemathesis==4.32.5"
fi

out=$(mktemp)
log=$(mktemp)
EXODUS_ADMIN_TOKEN=contract-token "$bin" serve --port 0 --log-level warning >"$out" 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$out" "$log"' EXIT

port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$out")
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "exodus exited early:"; cat "$log"; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "exodus did not start listening"; cat "$log"; exit 1; }

# One worker: with two, Hypothesis (on Python 3.11) sometimes parses lambda
# sources in both threads at once and fails with "AST constructor recursion
# depth mismatch", an error of the tool, not of the API. It is no slower here.
"$venv/bin/st" --config-file Tests/contract/schemathesis.toml run "http://127.0.0.1:$port/openapi.json" \
  --checks all \
  --max-examples "$examples" \
  --seed 20250116 \
  --workers 1 \
  --request-timeout 5 \
  --no-color \
  --header "Authorization: Bearer contract-token"
