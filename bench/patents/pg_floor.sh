#!/usr/bin/env bash
# How long PostgreSQL itself takes to load what a PostgreSQL import loads — the import's floor on this server, with
# no .NET in the loop. In a database that already holds the imported file (PG=Npgsql connection string, as run.sh
# takes it), the rows are written out with server-side COPY in the formats the import sends (records binary, link rows
# text), then loaded into new tables of the same columns, keyed and indexed as the import does it (the symbol links'
# key live during the load, the others built after it with 1 GB of maintenance memory, then ANALYZE), inside one
# transaction that is rolled back. Prints psql's time for each statement. Needs a superuser (server-side files).
# Usage: PG="Host=127.0.0.1;Port=55432;Username=postgres;Database=patents_bench" bench/patents/pg_floor.sh
set -euo pipefail
IFS=';' read -ra parts <<< "${PG:?PG=connection string of a database holding an import}"
for kv in "${parts[@]}"; do
  case "${kv%%=*}" in
    Host) export PGHOST="${kv#*=}" ;; Port) export PGPORT="${kv#*=}" ;; Username) export PGUSER="${kv#*=}" ;;
    Password) export PGPASSWORD="${kv#*=}" ;; Database) export PGDATABASE="${kv#*=}" ;;
  esac
done
dir=$(mktemp -d /tmp/archipelago-pg-floor.XXXXXX)
chmod 777 "$dir"   # the server's own user writes and reads the files
trap 'rm -rf "$dir"' EXIT
psql -v ON_ERROR_STOP=1 -q <<SQL
\timing on
\echo 'written out for the load (not counted):'
COPY patents_records TO '$dir/records.bin' (FORMAT BINARY);
COPY patents_record_applicants TO '$dir/applicants.txt';
COPY patents_record_symbols TO '$dir/symbols.txt';
SET maintenance_work_mem = '1GB';
SET work_mem = '64MB';
SET synchronous_commit = off;
BEGIN;
CREATE TABLE floor_records (LIKE patents_records);
CREATE TABLE floor_applicants (LIKE patents_record_applicants);
CREATE TABLE floor_symbols (LIKE patents_record_symbols INCLUDING INDEXES);
\echo 'records (with their word vectors), applicant links, classification links (keyed as they come):'
COPY floor_records FROM '$dir/records.bin' (FORMAT BINARY);
COPY floor_applicants FROM '$dir/applicants.txt';
COPY floor_symbols FROM '$dir/symbols.txt';
\echo 'keys of the records and of the applicant links:'
ALTER TABLE floor_records ADD PRIMARY KEY (id), ADD UNIQUE (publication_number);
ALTER TABLE floor_applicants ADD PRIMARY KEY (record_id, position);
\echo 'word index (GIN), year, jurisdiction, family and applicant indexes, statistics:'
CREATE INDEX ON floor_records USING gin (words);
CREATE INDEX ON floor_records (publication_year);
CREATE INDEX ON floor_records (jurisdiction);
CREATE INDEX ON floor_records (family_id);
CREATE INDEX ON floor_applicants (applicant);
ANALYZE floor_records, floor_applicants, floor_symbols;
ROLLBACK;
SQL
# The same work spread over sessions (one per table, then one per key or index), as an import into an empty workspace
# could do it before swapping the tables in: committed tables, dropped afterwards.
q() { psql -v ON_ERROR_STOP=1 -qAtc "SET client_min_messages = warning; SET maintenance_work_mem = '1GB'; SET synchronous_commit = off; $1"; }
# Runs each statement in a session of its own, all at once; fails when one of them fails. Prints the seconds taken.
together() {
  local t0=$EPOCHREALTIME pids=() sql pid
  for sql in "$@"; do q "$sql" > /dev/null & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" || return 1; done
  awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $t0 }"
}
q "DROP TABLE IF EXISTS floor_records, floor_applicants, floor_symbols;
   CREATE TABLE floor_records (LIKE patents_records); CREATE TABLE floor_applicants (LIKE patents_record_applicants);
   CREATE TABLE floor_symbols (LIKE patents_record_symbols INCLUDING INDEXES);"
load=$(together "COPY floor_records FROM '$dir/records.bin' (FORMAT BINARY)" "COPY floor_applicants FROM '$dir/applicants.txt'" \
  "COPY floor_symbols FROM '$dir/symbols.txt'")
index=$(together "CREATE INDEX ON floor_records USING gin (words)" \
  "ALTER TABLE floor_records ADD PRIMARY KEY (id), ADD UNIQUE (publication_number)" \
  "CREATE INDEX ON floor_records (publication_year); CREATE INDEX ON floor_records (jurisdiction); CREATE INDEX ON floor_records (family_id)" \
  "ALTER TABLE floor_applicants ADD PRIMARY KEY (record_id, position); CREATE INDEX ON floor_applicants (applicant)")
analyze=$(together "ANALYZE floor_records, floor_applicants, floor_symbols")
echo "in parallel sessions: load $load s, keys and indexes $index s, statistics $analyze s"
q "DROP TABLE floor_records, floor_applicants, floor_symbols"
echo "postgresql $(psql -Atc 'SHOW server_version'), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
