# Shared by up.sh and test.sh: make this machine able to run Cordage. Installs what is missing
# (Debian packages as root, npm dependencies) and starts Postgres and Redis when they are down.
# Sourced, not run.

log() { printf '\033[1m[cordage]\033[0m %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PG_HOST=127.0.0.1
PG_PORT=5432
REDIS_PORT=6379
ADMIN_DATABASE_URL="postgres://postgres@${PG_HOST}:${PG_PORT}/postgres"

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

APT_UPDATED=
apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing packages (${missing[*]}) and no apt-get: install them by hand"
  log "installing Debian packages: ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq || die "apt-get update failed (root needed)"; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "could not install ${missing[*]} (run as root, or install them by hand)"
}

ensure_node() {
  command -v node >/dev/null || die "Node.js 20 (>= 20.19) is required"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node.js >= 20.19 is required (found $(node --version))"
}

ensure_npm_dependencies() {
  if [ -n "${CI:-}" ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm dependencies (npm ci)"
    # A registry that lacks other platforms' optional binaries (@swc/core-darwin-*, ...) makes
    # `npm ci` call the lockfile out of sync; `npm install` then installs the same locked versions.
    npm ci --no-audit --no-fund --loglevel=error 2>/dev/null \
      || { log "npm ci refused the lockfile here; installing it with npm install"; \
           npm install --no-audit --no-fund --loglevel=error; }
  fi
}

ensure_postgres() {
  if ! port_open "$PG_HOST" "$PG_PORT"; then
    command -v pg_ctlcluster >/dev/null || apt_install postgresql
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    [ -n "$version" ] || die "PostgreSQL is installed but has no cluster in /etc/postgresql"
    log "starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || die "could not start PostgreSQL"
    for _ in $(seq 1 60); do port_open "$PG_HOST" "$PG_PORT" && break; sleep 0.5; done
    port_open "$PG_HOST" "$PG_PORT" || die "PostgreSQL did not come up on $PG_HOST:$PG_PORT"
  fi
  command -v psql >/dev/null || apt_install postgresql-client
  if ! psql "$ADMIN_DATABASE_URL" -qAtc 'SELECT 1' >/dev/null 2>&1; then
    # A fresh Debian cluster asks for a password over TCP: trust loopback, as on the dev machines.
    local version hba
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    hba="/etc/postgresql/$version/main/pg_hba.conf"
    [ -f "$hba" ] || die "cannot connect to $ADMIN_DATABASE_URL and no pg_hba.conf to adjust"
    log "allowing passwordless loopback connections in $hba"
    as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    sleep 1
    psql "$ADMIN_DATABASE_URL" -qAtc 'SELECT 1' >/dev/null || die "cannot connect to $ADMIN_DATABASE_URL"
  fi
}

ensure_redis() {
  port_open 127.0.0.1 "$REDIS_PORT" && return 0
  command -v redis-server >/dev/null || apt_install redis-server
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save '' --appendonly no \
    --dir /tmp --logfile /tmp/cordage-redis.log >/dev/null || die "could not start Redis"
  for _ in $(seq 1 40); do port_open 127.0.0.1 "$REDIS_PORT" && return 0; sleep 0.25; done
  die "Redis did not come up on 127.0.0.1:$REDIS_PORT"
}

# Everything both commands need before they start: Node, Postgres, Redis, npm dependencies.
prepare_machine() {
  ensure_node
  ensure_postgres
  ensure_redis
  ensure_npm_dependencies
}

# What the tests read generated PDFs with (text, fonts, structure, signatures), and the tools
# ../shared/tools/verify-pdf-signatures calls: poppler's pdftotext/pdffonts/pdfsig, qpdf, openssl,
# and NSS's certutil to trust the test CA.
ensure_pdf_tools() {
  apt_install poppler-utils qpdf openssl libnss3-tools
}

# The CSV exports are checked as a spreadsheet opens them: LibreOffice Calc without its GUI
# (soffice --headless --convert-to), as bid-csv.libreoffice.int-spec.ts runs it.
ensure_spreadsheet_tools() {
  apt_install libreoffice-calc-nogui
  command -v soffice >/dev/null || die "libreoffice-calc-nogui is installed but soffice is missing"
}

# The browser tests drive Debian's Chromium (a browser cannot be downloaded here).
ensure_chromium() {
  apt_install chromium fonts-dejavu-core
  [ -x /usr/bin/chromium ] || die "chromium is installed but /usr/bin/chromium is missing"
}

ensure_database() {
  local name=$1
  psql "$ADMIN_DATABASE_URL" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1 \
    || psql "$ADMIN_DATABASE_URL" -qc "CREATE DATABASE \"$name\"" >/dev/null
}
