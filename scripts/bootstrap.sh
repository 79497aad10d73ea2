#!/usr/bin/env bash
# Installs whatever is missing for `npm start` and `npm test`: npm packages, PostgreSQL and Redis from
# Debian, the Temporal CLI (dev server + UI) built from the Go module proxy, and the Java
# time-skipping test server from Maven Central. Every step is skipped when already done, so a second
# run takes a second or two. Tools are cached outside the repo, per user.
# With --cluster (or ESCROWFLOW_TEMPORAL=cluster) also the official Temporal server, its SQL tool and
# the Temporal ui-server, built the same way (cluster mode: npm run start:cluster, npm test).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${ESCROWFLOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/escrowflow}"
TEMPORAL_CLI_VERSION=v1.5.1
# Keep in step with scripts/stack/temporal-cluster.ts.
TEMPORAL_SERVER_VERSION=v1.29.1
TEMPORAL_UI_SERVER_VERSION=v2.42.1
# Keep in step with scripts/stack/paths.ts (STRIPE_MOCK_VERSION).
STRIPE_MOCK_VERSION=v0.203.0
cluster="${ESCROWFLOW_TEMPORAL:-}"
[ "${1:-}" = "--cluster" ] && cluster=cluster
mkdir -p "$cache"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# Runs a long command, printing a progress line every 15 s so a cold build never looks hung.
with_progress() {
  local label="$1"; shift
  local log; log="$(mktemp)"
  local start=$SECONDS
  "$@" >"$log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if (( (SECONDS - start) % 15 == 0 )); then
      say "$label: $((SECONDS - start))s elapsed, $(wc -l <"$log") log lines (last: $(tail -n1 "$log" | cut -c1-80))"
    fi
  done
  if ! wait "$pid"; then
    say "$label failed; log follows:"; cat "$log"; rm -f "$log"; return 1
  fi
  rm -f "$log"
  say "$label: done in $((SECONDS - start))s"
}

ensure_npm_packages() {
  cd "$repo"
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    # Not `npm ci`: the registry mirror here lacks some other platforms' optional binaries
    # (biome, swc), which `npm ci` treats as a lock mismatch. `npm install` honours the lock.
    say "installing npm packages (npm install from package-lock.json)"
    npm install --no-audit --no-fund --loglevel=error
  fi
}

ensure_debian_packages() {
  local missing=()
  [ -x "$(pg_bindir)/initdb" ] || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  # The browser test drives Debian's Chromium (never a downloaded browser); CHROMIUM_PATH picks another.
  [ -n "${CHROMIUM_PATH:-}" ] || [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    say "missing: ${missing[*]}. Install them with:"
    say "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
    say "or set DATABASE_URL / REDIS_URL to servers you already run."
    [ -n "${DATABASE_URL:-}" ] && [ -n "${REDIS_URL:-}" ] && return 0
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  with_progress "apt-get install ${missing[*]}" \
    bash -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends ${missing[*]}"

}

pg_bindir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  echo "${d:-/usr/lib/postgresql/15/bin}"
}

ensure_temporal_cli() {
  [ -n "${TEMPORAL_CLI:-}" ] && { [ -x "$TEMPORAL_CLI" ] || { say "TEMPORAL_CLI=$TEMPORAL_CLI is not executable"; exit 1; }; return 0; }
  local bin="$cache/temporal-cli-$TEMPORAL_CLI_VERSION/temporal"
  [ -x "$bin" ] && return 0
  command -v go >/dev/null 2>&1 || { say "Go is needed to build the Temporal CLI (or set TEMPORAL_CLI)"; exit 1; }
  say "building Temporal CLI $TEMPORAL_CLI_VERSION with go install (about 3 minutes, once per machine)"
  mkdir -p "$(dirname "$bin")"
  with_progress "temporal cli build" env GOBIN="$(dirname "$bin")" GOFLAGS=-mod=mod \
    go install -v "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION"
}

# Cluster mode: the Temporal server and its SQL tool (one go install, about 2.5-3.5 minutes here).
ensure_temporal_server() {
  local dir="$cache/temporal-server-$TEMPORAL_SERVER_VERSION"
  for pair in "TEMPORAL_SERVER:server" "TEMPORAL_SQL_TOOL:sql"; do
    local var="${pair%%:*}"
    if [ -n "${!var:-}" ] && [ ! -x "${!var}" ]; then say "$var=${!var} is not executable"; exit 1; fi
  done
  { [ -n "${TEMPORAL_SERVER:-}" ] || [ -x "$dir/server" ]; } &&
    { [ -n "${TEMPORAL_SQL_TOOL:-}" ] || [ -x "$dir/sql" ]; } && return 0
  command -v go >/dev/null 2>&1 || { say "Go is needed to build the Temporal server (or set TEMPORAL_SERVER and TEMPORAL_SQL_TOOL)"; exit 1; }
  say "building Temporal server $TEMPORAL_SERVER_VERSION and its SQL tool with go install (about 3 minutes, once per machine)"
  mkdir -p "$dir"
  with_progress "temporal server build" env GOBIN="$dir" \
    go install -v "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" \
    "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION"
}

# Cluster mode: the Temporal UI server (the UI's assets are embedded in the module).
ensure_temporal_ui_server() {
  [ -n "${TEMPORAL_UI_SERVER:-}" ] && { [ -x "$TEMPORAL_UI_SERVER" ] || { say "TEMPORAL_UI_SERVER=$TEMPORAL_UI_SERVER is not executable"; exit 1; }; return 0; }
  local bin="$cache/temporal-ui-server-$TEMPORAL_UI_SERVER_VERSION/server"
  [ -x "$bin" ] && return 0
  command -v go >/dev/null 2>&1 || { say "Go is needed to build the Temporal ui-server (or set TEMPORAL_UI_SERVER)"; exit 1; }
  say "building Temporal ui-server $TEMPORAL_UI_SERVER_VERSION with go install (about 2-4 minutes, once per machine)"
  mkdir -p "$(dirname "$bin")"
  with_progress "temporal ui-server build" env GOBIN="$(dirname "$bin")" \
    go install -v "github.com/temporalio/ui-server/v2/cmd/server@$TEMPORAL_UI_SERVER_VERSION"
}

# stripe-mock: Stripe's own mock of its API (its OpenAPI spec embedded), for the Stripe adapter's
# contract tests (payments/stripe.ts). A Go module, built once like the Temporal CLI (seconds).
ensure_stripe_mock() {
  [ -n "${STRIPE_MOCK:-}" ] && { [ -x "$STRIPE_MOCK" ] || { say "STRIPE_MOCK=$STRIPE_MOCK is not executable"; exit 1; }; return 0; }
  local bin="$cache/stripe-mock-$STRIPE_MOCK_VERSION/stripe-mock"
  [ -x "$bin" ] && return 0
  command -v go >/dev/null 2>&1 || { say "Go is needed to build stripe-mock (or set STRIPE_MOCK)"; exit 1; }
  say "building stripe-mock $STRIPE_MOCK_VERSION with go install (once per machine)"
  mkdir -p "$(dirname "$bin")"
  with_progress "stripe-mock build" env GOBIN="$(dirname "$bin")" \
    go install -v "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION"
}

ensure_test_server() {
  [ -n "${TEMPORAL_TEST_SERVER:-}" ] && return 0
  local version lib
  version="$(sed -n 's:.*<temporal.version>\(.*\)</temporal.version>.*:\1:p' "$repo/scripts/test-server/pom.xml")"
  lib="$cache/temporal-test-server-$version/lib"
  [ -f "$lib/.complete" ] && return 0
  command -v mvn >/dev/null 2>&1 || { say "Maven is needed to fetch the Temporal test server (or set TEMPORAL_TEST_SERVER)"; exit 1; }
  say "fetching temporal-test-server $version and its runtime jars from Maven Central"
  rm -rf "$lib"; mkdir -p "$lib"
  with_progress "test server jars" mvn -B -q -f "$repo/scripts/test-server/pom.xml" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib"
  touch "$lib/.complete"
}

# schemathesis (PyPI) in a cached venv: test/e2e/contract.test.ts fuzzes the API's OpenAPI document with it.
SCHEMATHESIS_VERSION=4.32.5
ensure_schemathesis() {
  [ -n "${SCHEMATHESIS:-}" ] && return 0
  local venv="$cache/schemathesis-$SCHEMATHESIS_VERSION"
  [ -x "$venv/bin/st" ] && return 0
  command -v python3 >/dev/null 2>&1 || { say "Python 3 is needed for schemathesis (or set SCHEMATHESIS)"; exit 1; }
  say "installing schemathesis $SCHEMATHESIS_VERSION from PyPI into $venv"
  rm -rf "$venv"
  with_progress "schemathesis install" bash -c \
    "python3 -m venv '$venv' && '$venv/bin/pip' install -q 'schemathesis==$SCHEMATHESIS_VERSION'"
}

ensure_npm_packages
ensure_debian_packages
ensure_schemathesis
ensure_temporal_cli
ensure_stripe_mock
ensure_test_server
if [ "$cluster" = cluster ]; then
  ensure_temporal_server
  ensure_temporal_ui_server
  # npm test's deploy checks render deploy/kubernetes/ with it (test/deploy/kubernetes.test.ts).
  source "$repo/scripts/stack/kustomize-install.sh"
  ensure_kustomize
fi
