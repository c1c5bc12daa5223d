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
database="${DATABASE_URL##*/}"
# The key that seals every signing key belongs with the database it sealed, not with a checkout:
# kept for this machine's database (outside git), so that another clone opens the same demo.
if [ -z "${SIGNING_MASTER_KEY:-}" ]; then
  keys="${XDG_DATA_HOME:-$HOME/.local/share}/cordage"
  key_file="$keys/$database.signing-master-key"
  mkdir -p "$keys"
  # Earlier, the key was kept in the checkout (var/): that checkout's key goes on sealing its demo.
  if [ ! -s "$key_file" ] && [ -s var/signing-master-key ]; then
    (umask 077 && cp var/signing-master-key "$key_file")
  fi
  if [ ! -s "$key_file" ]; then
    # A database whose key is lost (made by a clone since deleted) cannot sign: set it aside,
    # renamed, so that nothing is lost, and start the demo afresh.
    if psql "$ADMIN_DATABASE_URL" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
      aside="${database}_without_key_$(date +%Y%m%d%H%M%S)"
      log "the database $database was sealed with a key this machine no longer has: renamed $aside"
      psql "$ADMIN_DATABASE_URL" -qc "ALTER DATABASE \"$database\" RENAME TO \"$aside\"" >/dev/null
    fi
    (umask 077 && node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('base64'))" >"$key_file")
  fi
  SIGNING_MASTER_KEY=$(cat "$key_file")
  export SIGNING_MASTER_KEY
fi
ensure_database "$database"

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
