#!/usr/bin/env bash
# Exports and feed read back by the tools people use: Python's csv module, pandas
# (a spreadsheet-style reader) and feedparser, against the built binary on a
# free loopback port, over the shipped seed plus a document of hostile strings
# (Tests/exports/seeds). Installs pandas and feedparser from PyPI into .venv.
# Usage: Tests/exports/run.sh [path-to-exodus-binary]
set -euo pipefail
cd "$(dirname "$0")/../.."

bin="${1:-$(swift build --show-bin-path)/exodus}"
venv=.venv

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import feedparser' 2>/dev/null || "$venv/bin/pip" install --quiet "feedparser==6.0.14"
"$venv/bin/python" -c 'import pandas' 2>/dev/null || "$venv/bin/pip" install --quiet "pandas==2.3.3" || \
  echo "pandas could not be installed; the spreadsheet-style check falls back to csv.Sniffer"

seeds=$(mktemp -d)
out=$(mktemp)
log=$(mktemp)
cp Config/seeds/* Tests/exports/seeds/* "$seeds"/
"$bin" serve --seeds "$seeds" --port 0 --log-level warning >"$out" 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$out" "$log" "$seeds"' EXIT

port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$out")
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "exodus exited early:"; cat "$log"; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "exodus did not start listening"; cat "$log"; exit 1; }
if grep -q "problem\|error" "$log"; then echo "seed problems:"; cat "$log"; exit 1; fi

"$venv/bin/python" Tests/exports/check_exports.py "http://127.0.0.1:$port"
