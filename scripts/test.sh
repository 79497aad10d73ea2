#!/usr/bin/env bash
# npm test: install what is missing, then typecheck, lint and run every test project against the real
# stack (the vitest global setup starts it on free ports and stops it at the end). Then, when no
# arguments narrow the run, the `cluster` project (vitest.cluster.config.ts): the same stack with the
# official Temporal server on PostgreSQL instead of the dev server.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/bootstrap.sh --cluster
echo "[test] typecheck"; npx tsc --noEmit
echo "[test] lint"; npx biome lint .
echo "[test] vitest"; npx vitest run "$@"
if [ $# -eq 0 ]; then
  echo "[test] vitest (cluster mode)"; npx vitest run --config vitest.cluster.config.ts
fi
