#!/usr/bin/env bash
# Browser test of the dashboard: headless Chromium (Debian's chromium and
# chromium-driver) driven by Selenium (PyPI, into .venv) against the built
# binary on a free loopback port. Installs what is missing first. Screenshots
# land in artifacts/browser/ (git-ignored).
# Usage: Tests/browser/run.sh [path-to-exodus-binary]
set -euo pipefail
cd "$(dirname "$0")/../.."

bin="${1:-$(swift build --show-bin-path)/exodus}"
venv=.venv

missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
if [ -n "$missing" ]; then
  echo "installing:$missing"
  SUDO=$( [ "$(id -u)" = 0 ] || echo sudo )
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq$missing >/dev/null
fi

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# 4.51.0: the newest whose dependencies the package index here can satisfy.
"$venv/bin/python" -c 'import selenium' 2>/dev/null || "$venv/bin/pip" install --quiet "selenium==4.51.0"

# Selenium is handed both binaries, so it never looks for (or downloads) a driver.
export SE_OFFLINE=true SE_AVOID_STATS=true
exec "$venv/bin/python" Tests/browser/test_dashboard.py "$bin"
