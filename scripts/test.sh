#!/usr/bin/env bash
# Runs every check and test of Cordage, as CI does: lint, types, formatting, then unit,
# integration and end-to-end tests on real Postgres and Redis (started here when they are down).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/machine.sh

prepare_machine
ensure_pdf_tools
ensure_spreadsheet_tools
ensure_chromium

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

log "lint, types, formatting, the OpenAPI document"
npx eslint . --max-warnings 0
npx tsc -p tsconfig.json --noEmit
npx tsc -p apps/web/tsconfig.json
npx tsc -p apps/web/tsconfig.node.json
bash scripts/web-api-client.sh --check
bash scripts/openapi-lint.sh
npx prettier --check . >/dev/null || { npx prettier --check . || true; die "files are not formatted: npm run format"; }

log "building the web app (served by the api in the end-to-end and browser tests)"
# Built aside, then put in place by a rename, and only when it changed: a run beside this one, in
# the same checkout, may be serving apps/web/dist to its browser right now.
mkdir -p dist
build=$(mktemp -d dist/.web-build.XXXXXX)
trap 'rm -rf "$results" "$build"' EXIT
npx vite build apps/web --outDir "$PWD/$build" --emptyOutDir --logLevel warn
if [ -d apps/web/dist ] && diff -rq "$build" apps/web/dist >/dev/null; then
  rm -rf "$build"
else
  previous="$build.previous"
  [ ! -e apps/web/dist ] || mv apps/web/dist "$previous"
  mv "$build" apps/web/dist
  rm -rf "$previous"
fi

log "unit tests"
npx jest --selectProjects unit --json --outputFile="$results/unit.json"
log "integration tests (real Postgres)"
npx jest --selectProjects integration --runInBand --json --outputFile="$results/integration.json"
log "end-to-end tests (api, worker processes, Postgres, Redis)"
npx jest --selectProjects e2e --runInBand --json --outputFile="$results/e2e.json"
log "benchmarks at their smallest size (each runs to the end and prints its ratio)"
npx jest --selectProjects bench --runInBand --json --outputFile="$results/bench.json"
log "browser tests (the built web app in Chromium, api, worker, Postgres, Redis)"
npx jest --selectProjects browser --runInBand --json --outputFile="$results/browser.json"

node -e '
  const files = process.argv.slice(1).map((f) => require(f));
  const sum = (key) => files.reduce((n, r) => n + r[key], 0);
  console.log(`tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests")} skipped`);
' "$results/unit.json" "$results/integration.json" "$results/e2e.json" "$results/bench.json" "$results/browser.json"
