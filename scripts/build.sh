#!/usr/bin/env bash
# npm run build: compiles the api, the worker, the command line and their libs into dist/ (tsc,
# then tsc-alias for the @cordage/* aliases), stamped with the sources it was made from so that
# bin/compiled.js runs it only while they are unchanged. Built aside, then put in place: a process
# of this checkout never reads half a build, and files of deleted sources do not linger.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p dist
rm -f dist/build-stamp.json # from here until the end, every command runs from source
work=$(mktemp -d dist/.build.XXXXXX)
trap 'rm -rf "$work"' EXIT

node bin/compiled.js snapshot >"$work/snapshot.json"
npx tsc -p tsconfig.build.json --outDir "$work/out" --listFiles >"$work/listed.txt" \
  || { grep -v "^/" "$work/listed.txt" >&2 || true; exit 1; }
npx tsc-alias -p tsconfig.build.json --outDir "$work/out"
node bin/compiled.js stamp "$work/snapshot.json" "$work/listed.txt" >"$work/build-stamp.json"

for part in apps libs; do
  [ ! -e "dist/$part" ] || mv "dist/$part" "$work/previous-$part"
  mv "$work/out/$part" "dist/$part"
done
mv "$work/build-stamp.json" dist/build-stamp.json
