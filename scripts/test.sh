#!/usr/bin/env bash
# Runs every check and test of Cordage, as CI does: lint, types, formatting, then unit,
# integration and end-to-end tests on real Postgres and Redis (started here when they are down).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/machine.sh

prepare_machine
ensure_pdf_tools
ensure_chromium

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

log "lint, types, formatting"
npx eslint . --max-warnings 0
npx tsc -p tsconfig.json --noEmit
npx tsc -p apps/web/tsconfig.json
npx tsc -p apps/web/tsconfig.node.json
bash scripts/web-api-client.sh --check
npx prettier --check . >/dev/null || { npx prettier --check . || true; die "files are not formatted: npm run format"; }

log "building the web app (served by the api in the end-to-end and browser tests)"
npx vite build apps/web --logLevel warn

log "unit tests"
npx jest --selectProjects unit --json --outputFile="$results/unit.json"
log "integration tests (real Postgres)"
npx jest --selectProjects integration --runInBand --json --outputFile="$results/integration.json"
log "end-to-end tests (api, worker processes, Postgres, Redis)"
npx jest --selectProjects e2e --runInBand --json --outputFile="$results/e2e.json"
log "browser tests (the built web app in Chromium, api, worker, Postgres, Redis)"
npx jest --selectProjects browser --runInBand --json --outputFile="$results/browser.json"

node -e '
  const files = process.argv.slice(1).map((f) => require(f));
  const sum = (key) => files.reduce((n, r) => n + r[key], 0);
  console.log(`tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests")} skipped`);
' "$results/unit.json" "$results/integration.json" "$results/e2e.json" "$results/browser.json"
