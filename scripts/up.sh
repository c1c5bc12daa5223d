#!/usr/bin/env bash
# Starts Cordage on this machine with the demo network loaded: installs what is missing, starts
# Postgres and Redis if needed, compiles (dist/, when a source changed since the last build),
# migrates, loads the French geography and the example bid, then runs the api and the worker
# until Ctrl-C, compiled (bin/run.js runs dist/ while it is current).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/machine.sh

prepare_machine

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cordage}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export HTTP_PORT="${HTTP_PORT:-3000}"
export PUBLIC_URL="${PUBLIC_URL:-http://localhost:$HTTP_PORT}"
# The demo sends no mail: they are printed to the log and listed at /api/admin/mails. A demo says
# so (DEMO_MODE), or the api and worker refuse to keep mails when NODE_ENV=production.
export MAIL_MODE="${MAIL_MODE:-log}"
export DEMO_MODE="${DEMO_MODE:-true}"
ensure_database "${DATABASE_URL##*/}"
# The key that seals every signing key: made once for this checkout, kept out of git (var/).
if [ -z "${SIGNING_MASTER_KEY:-}" ]; then
  mkdir -p var
  [ -s var/signing-master-key ] || (umask 077 && node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('base64'))" >var/signing-master-key)
  SIGNING_MASTER_KEY=$(cat var/signing-master-key)
  export SIGNING_MASTER_KEY
fi

log "building the web app"
npx vite build apps/web --logLevel warn

log "compiling the api, the worker and the command line (once: again only when a source changed)"
node bin/compiled.js || npm run --silent build

log "migrating and loading the demo (French territories, example bid)"
demo=$(node bin/cordage.js demo)
echo "$demo"
bid_id=$(grep -oE '[0-9a-f]{8}-[0-9a-f-]{27}' <<<"$demo" | head -n 1)
coordinator_link=$(grep -oE 'http[^ ]*/api/auth/callback[^ ]*' <<<"$demo" | head -n 1)

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM
node bin/run.js apps/worker/src/main.ts & pids+=($!)
node bin/run.js apps/api/src/main.ts & pids+=($!)

for _ in $(seq 1 120); do port_open 127.0.0.1 "$HTTP_PORT" && break; sleep 0.5; done
port_open 127.0.0.1 "$HTTP_PORT" || die "the api did not start on port $HTTP_PORT"
cat >&2 <<INFO

  Cordage is running (Ctrl-C stops it).
    Web app            http://localhost:$HTTP_PORT/
    API documentation  http://localhost:$HTTP_PORT/api/docs
    Health             http://localhost:$HTTP_PORT/api/health
    Sign in            $coordinator_link
                       (the demo network's coordinator, valid 15 minutes; another one:
                        npm run cordage -- login-link --email coordination@demo.cordage.fr)
    Example bid        http://localhost:$HTTP_PORT/api/bids/$bid_id (once signed in)
    Mails (demo)       printed to this log, and at /api/admin/mails for admin@demo.cordage.fr

INFO
wait -n "${pids[@]}"
