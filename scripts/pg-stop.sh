#!/usr/bin/env bash
# Stops and deletes the cluster started by scripts/pg-start.sh (PGDATA_TEST names it).
set -u
[ -n "${PGDATA_TEST:-}" ] && [ -d "$PGDATA_TEST" ] || exit 0
if [ "$(id -u)" = 0 ]; then
  runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PGDATA_TEST" stop -m fast >/dev/null 2>&1
else
  /usr/lib/postgresql/15/bin/pg_ctl -D "$PGDATA_TEST" stop -m fast >/dev/null 2>&1
fi
rm -rf "$PGDATA_TEST"
