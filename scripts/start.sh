#!/usr/bin/env bash
# npm start: install what is missing, then run the whole stack in the foreground (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/bootstrap.sh
exec node --import tsx scripts/start.ts
