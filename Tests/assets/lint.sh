#!/usr/bin/env bash
# Lints the API's static files (Sources/ExodusAPI/Assets/): the dashboard's script with
# `node --check` (Debian's nodejs) and the OpenAPI description with openapi-spec-validator
# (PyPI, into .venv), after filling its placeholders the way the server does
# (OpenAPIDocument.swift). Both are installed when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
assets=Sources/ExodusAPI/Assets
venv=.venv

if ! command -v node >/dev/null 2>&1; then
  SUDO=$( [ "$(id -u)" = 0 ] || echo sudo )
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs
fi
node --check "$assets/dashboard.js"
echo "dashboard.js: syntax ok"

if [ ! -x "$venv/bin/openapi-spec-validator" ]; then
  [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "openapi-spec-validator==0.9.0"
fi
filled=$(mktemp --suffix=.json)
trap 'rm -f "$filled"' EXIT
sed -e 's/@VERSION@/0.0.0/' -e 's/"@MIN_CONFIDENCE@"/0.5/' "$assets/openapi.json" >"$filled"
"$venv/bin/openapi-spec-validator" "$filled"
