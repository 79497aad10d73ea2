#!/usr/bin/env bash
# npm test: install what is missing, then typecheck, lint and run every test project against the real
# stack (the vitest global setup starts it on free ports and stops it at the end). Then, when no
# arguments narrow the run, the `cluster` project (vitest.cluster.config.ts): the same stack with the
# official Temporal server on PostgreSQL instead of the dev server.
#
# Every step runs even when one before it failed, so one run reports everything. The last line is
# `tests: N passed, M failed`, summed over every vitest run (scripts/test-count.ts reads their JSON
# reports); the exit code is non-zero when a test failed or any step did (a vitest run that crashed
# before writing its report included).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT
failed=0

step() {
  local name=$1
  shift
  echo "[test] $name"
  "$@" || { echo "[test] $name failed"; failed=1; }
}

vitest_run() {
  local name=$1
  shift
  local report="$reports/$name.json"
  step "vitest ($name)" npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
  [ -s "$report" ] || { echo "[test] vitest ($name) ended without a report"; failed=1; }
}

if bash scripts/bootstrap.sh --cluster; then
  step typecheck npx tsc --noEmit
  step lint npx biome lint .
  vitest_run main "$@"
  if [ $# -eq 0 ]; then
    vitest_run cluster --config vitest.cluster.config.ts
  fi
else
  echo "[test] bootstrap failed: no test ran"
  failed=1
fi

shopt -s nullglob
npx tsx scripts/test-count.ts "$reports"/*.json || failed=1
exit "$failed"
