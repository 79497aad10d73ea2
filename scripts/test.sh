#!/usr/bin/env bash
# npm test: install what is missing, then typecheck, lint and run every test project against the real
# stack (the vitest global setup starts it on free ports and stops it at the end).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/bootstrap.sh
echo "[test] typecheck"; npx tsc --noEmit
echo "[test] lint"; npx biome lint .
echo "[test] vitest"; npx vitest run "$@"
