#!/usr/bin/env bash
# Regenerates the web app's typed api client from the api's routes (apps/web/src/api/schema.d.ts).
# With --check, only tells whether the committed client is up to date.
set -euo pipefail
cd "$(dirname "$0")/.."
target=apps/web/src/api/schema.d.ts
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node bin/run.js scripts/openapi.ts "$work/openapi.json"
npx openapi-typescript "$work/openapi.json" --output "$work/schema.d.ts" --root-types --root-types-no-schema-prefix >/dev/null 2>&1
npx prettier --stdin-filepath "$target" <"$work/schema.d.ts" >"$work/schema.formatted.d.ts"
if [ "${1:-}" = "--check" ]; then
  cmp -s "$work/schema.formatted.d.ts" "$target" \
    || { echo "the web client is older than the api's routes: npm run web:client" >&2; exit 1; }
else
  cp "$work/schema.formatted.d.ts" "$target"
  echo "wrote $target"
fi
