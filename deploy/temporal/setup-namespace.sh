#!/bin/sh
# The `temporal-setup` one-shot of docker-compose.yml, run in temporalio/admin-tools once the server is
# up (as temporalio/samples-server compose/scripts/create-namespace.sh does): creates the namespace or
# sets its retention, registers escrowflow's search attributes (domain/task-queues.ts SEARCH_ATTRIBUTES,
# given as SEARCH_ATTRIBUTES="Name=Type ..."), and returns once a visibility query naming every one of
# them succeeds, so the api and workers never start against a namespace that cannot take them yet.
# Safe to run again: existing attributes of the same type are kept.
set -eu

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is the frontend, host:port}"
: "${TEMPORAL_NAMESPACE:?TEMPORAL_NAMESPACE names the namespace}"
: "${TEMPORAL_NAMESPACE_RETENTION:?TEMPORAL_NAMESPACE_RETENTION is how long closed workflows are kept, e.g. 7d}"
: "${SEARCH_ATTRIBUTES:?SEARCH_ATTRIBUTES lists Name=Type pairs}"

# Address and namespace on every call: not every command of the CLI reads them from the environment.
cli() { temporal "$@" --address "$TEMPORAL_ADDRESS"; }
ns_cli() { cli "$@" --namespace "$TEMPORAL_NAMESPACE"; }

# Runs "$@" until it succeeds: the frontend, then a new namespace, take a few seconds to be usable.
retry() {
  what=$1
  shift
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge 60 ]; then
      echo "temporal-setup: $what failed $attempt times, giving up" >&2
      exit 1
    fi
    echo "temporal-setup: $what not yet (attempt $attempt), retrying in 2 s"
    attempt=$((attempt + 1))
    sleep 2
  done
}

serving() { cli operator cluster health | grep -q SERVING; }
retry "cluster health" serving

if ns_cli operator namespace describe >/dev/null 2>&1; then
  ns_cli operator namespace update --retention "$TEMPORAL_NAMESPACE_RETENTION"
else
  ns_cli operator namespace create --retention "$TEMPORAL_NAMESPACE_RETENTION"
fi

query=""
for pair in $SEARCH_ATTRIBUTES; do
  name=${pair%%=*}
  type=${pair#*=}
  # One call per attribute: the CLI takes several --name but a single --type.
  retry "search attribute $name" ns_cli operator search-attribute create --name "$name" --type "$type"
  case $type in
    Int) probe="$name = 0" ;;
    *) probe="$name = 'probe'" ;;
  esac
  query="${query:+$query AND }$probe"
done

usable() { ns_cli workflow list --query "$query" --limit 1 >/dev/null; }
retry "a visibility query on every attribute" usable
ns_cli operator search-attribute list
echo "temporal-setup: namespace $TEMPORAL_NAMESPACE ready"
