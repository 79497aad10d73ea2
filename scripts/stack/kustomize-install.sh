#!/usr/bin/env bash
# kustomize, the Kustomize CLI, built from the Go module proxy into the tool cache: test/deploy/
# kubernetes.test.ts renders deploy/kubernetes/ with it (the same build logic as `kubectl apply -k`).
# Sourced by scripts/bootstrap.sh, whose $cache, say and with_progress it uses; run alone
# (`bash scripts/stack/kustomize-install.sh`) it installs with plain output. KUSTOMIZE=<path> uses
# another build. The test reads KUSTOMIZE_VERSION from this file.
KUSTOMIZE_VERSION=v5.8.1

ensure_kustomize() {
  if [ -n "${KUSTOMIZE:-}" ]; then
    [ -x "$KUSTOMIZE" ] || { say "KUSTOMIZE=$KUSTOMIZE is not executable"; exit 1; }
    return 0
  fi
  local bin="$cache/kustomize-$KUSTOMIZE_VERSION/kustomize"
  [ -x "$bin" ] && return 0
  command -v go >/dev/null 2>&1 || { say "Go is needed to build kustomize (or set KUSTOMIZE)"; exit 1; }
  say "building kustomize $KUSTOMIZE_VERSION with go install (under a minute, once per machine)"
  mkdir -p "$(dirname "$bin")"
  with_progress "kustomize build" env GOBIN="$(dirname "$bin")" \
    go install -v "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  cache="${ESCROWFLOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/escrowflow}"
  say() { printf '[setup] %s\n' "$*"; }
  with_progress() { local label="$1"; shift; "$@"; say "$label: done"; }
  ensure_kustomize
fi
