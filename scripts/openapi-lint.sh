#!/usr/bin/env bash
# Lints the api's OpenAPI document (the web client's source) with Redocly's recommended rules,
# strict: a warning fails too (redocly.yaml).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node bin/run.js scripts/openapi.ts "$work/openapi.json"
# No usage report leaves the machine, and no notice about newer versions.
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  npx redocly lint "$work/openapi.json" --config redocly.yaml --format stylish
