#!/bin/sh
# The `temporal-schema` one-shot of docker-compose.yml, run in temporalio/admin-tools before the server
# starts (as temporalio/samples-server compose/scripts/setup-postgres.sh does): creates Temporal's two
# databases when missing and brings each schema to this release's newest version. Safe to run at every
# `up` and after an image upgrade: an up-to-date schema is left as it is. scripts/stack/temporal-cluster-db.ts
# does the same for cluster mode, with the same tool and embedded schemas.
set -eu

: "${POSTGRES_SEEDS:?POSTGRES_SEEDS names the PostgreSQL host}"
: "${POSTGRES_USER:?POSTGRES_USER names the PostgreSQL role}"
: "${SQL_PASSWORD:?SQL_PASSWORD is the role password (temporal-sql-tool reads it from there)}"

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "${DB_PORT:-5432}" -u "$POSTGRES_USER" "$@"
}

# database:schema pairs; the schemas are the ones embedded in the tool (postgresql/v12/...).
for pair in "${DBNAME:-temporal}:temporal" "${VISIBILITY_DBNAME:-temporal_visibility}:visibility"; do
  database=${pair%%:*}
  schema=${pair#*:}
  echo "temporal-schema: $database ($schema)"
  sql_tool --db "$database" create-database --defaultdb postgres # an existing database is kept
  sql_tool --db "$database" setup-schema -v 0.0                   # the version table, once
  sql_tool --db "$database" update-schema --schema-name "postgresql/v12/$schema"
done
echo "temporal-schema: done"
