#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster on a loopback port for the tests and prints the line to eval:
#   eval "$(scripts/pg-start.sh)"      ...      scripts/pg-stop.sh
# PG_DURABLE=1 keeps PostgreSQL's durable defaults (fsync, synchronous_commit, full_page_writes) for benchmarks.
# The packaged "main" cluster is not used (no systemd here); this one lives in a temporary folder.
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
PGPORT="${PGPORT:-55432}"
PGDATA="${PGDATA:-/tmp/continualdash-pg-$PGPORT}"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# A cluster left running by an interrupted earlier run would hold the port: stop it first.
if [ -f "$PGDATA/postmaster.pid" ]; then as_pg "$PGBIN/pg_ctl" -D "$PGDATA" stop -m immediate >/dev/null 2>&1 || true; fi
rm -rf "$PGDATA"; mkdir -p "$PGDATA"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA"
chmod 700 "$PGDATA"
pw=$(mktemp); echo postgres >"$pw"; chmod 644 "$pw"
as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --pwfile="$pw" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
rm -f "$pw"
# fsync and friends off: a test cluster trades durability for speed (unless PG_DURABLE=1).
durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${PG_DURABLE:-0}" = 1 ] && durability=""
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA $durability -c max_connections=300" \
  start >/dev/null
echo "export PGDATA_TEST='$PGDATA'"
echo "export TEST_PG='Host=127.0.0.1;Port=$PGPORT;Username=postgres;Password=postgres;Database=continualdash_test'"
