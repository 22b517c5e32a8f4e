#!/usr/bin/env bash
# One login role per service, owning the one schema that service migrates with Flyway at start (SPEC §2).
# Nobody else may use a schema or the database: PUBLIC loses its default rights, so a leaked credential of
# one service reads nothing of another.
#
# The postgres image runs this once, when it initialises an empty data directory, as $POSTGRES_USER against
# $POSTGRES_DB. Role names and passwords come from the environment, where they are the same values the
# services get as QUARKUS_DATASOURCE_USERNAME / QUARKUS_DATASOURCE_PASSWORD.
set -euo pipefail

psql_admin() {
  psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" "$@"
}

psql_admin <<'SQL'
REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL

schema_owner() {
  local schema=$1 role=$2 password=$3
  psql_admin -v schema="$schema" -v role="$role" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', :'role', :'password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
GRANT CONNECT, TEMPORARY ON DATABASE :"DBNAME" TO :"role";
CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION :"role";
REVOKE ALL ON SCHEMA :"schema" FROM PUBLIC;
ALTER ROLE :"role" IN DATABASE :"DBNAME" SET search_path = :"schema";
SQL
}

schema_owner selftest "$SELFTEST_DB_USER" "$SELFTEST_DB_PASSWORD"
schema_owner variants "$VARIANTS_DB_USER" "$VARIANTS_DB_PASSWORD"
schema_owner runs     "$RUNS_DB_USER"     "$RUNS_DB_PASSWORD"
schema_owner verify   "$VERIFY_DB_USER"   "$VERIFY_DB_PASSWORD"
