#!/usr/bin/env bash
# npm test: install what is missing, then typecheck, lint and run every test project against the real
# stack (the vitest global setup starts it on free ports and stops it at the end). Then, when no
# arguments narrow the run, the `cluster` project (vitest.cluster.config.ts): the same stack with the
# official Temporal server on PostgreSQL instead of the dev server.
#
# A whole run goes in two lanes at once: the e2e project, which mostly waits on its stack's
# workflows one file at a time, runs in the background (its output printed when it ends) beside
# typecheck, lint, the unit, workflow and simulation projects and the cluster project. Each lane has
# its own stack on its own ports, and no test depends on timing, so the lanes do not disturb each
# other's results; the run takes the longer lane's time instead of the sum.
#
# Every step runs even when one before it failed, so one run reports everything. The last line is
# `tests: N passed, M failed`, summed over every vitest run (scripts/test-count.ts reads their JSON
# reports); the exit code is non-zero when a test failed or any step did (a vitest run that crashed
# before writing its report included).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT

# A step's failure is recorded as a file, so steps in the background lane count too.
step() {
  local name=$1
  shift
  echo "[test] $name"
  "$@" || { echo "[test] $name failed"; touch "$reports/failed"; }
}

vitest_run() {
  local name=$1
  shift
  local report="$reports/$name.json"
  step "vitest ($name)" npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
  [ -s "$report" ] || { echo "[test] vitest ($name) ended without a report"; touch "$reports/failed"; }
}

if ! bash scripts/bootstrap.sh --cluster; then
  echo "[test] bootstrap failed: no test ran"
  touch "$reports/failed"
elif [ $# -gt 0 ]; then
  step typecheck npx tsc --noEmit
  step lint npx biome lint .
  vitest_run main "$@"
else
  echo "[test] the e2e project runs in the background; its output follows when it ends"
  vitest_run e2e --project e2e >"$reports/e2e.log" 2>&1 &
  e2e_lane=$!
  step typecheck npx tsc --noEmit
  step lint npx biome lint .
  vitest_run kit --project unit --project workflow --project simulation
  # The cluster project runs the compiled build (dist/), as the image does.
  step build npm run build
  vitest_run cluster --config vitest.cluster.config.ts
  wait "$e2e_lane"
  echo "[test] vitest (e2e) output:"
  cat "$reports/e2e.log"
fi

shopt -s nullglob
failed=0
[ -e "$reports/failed" ] && failed=1
npx tsx scripts/test-count.ts "$reports"/*.json || failed=1
exit "$failed"
