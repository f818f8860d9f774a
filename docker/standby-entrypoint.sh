#!/bin/bash
# The `postgres-standby` service (profile replica): on first start, clone the primary with
# pg_basebackup -R (which writes standby.signal and primary_conninfo), then run as a hot
# standby. Later starts reuse the clone and catch up by streaming.
set -euo pipefail
data=/var/lib/postgresql/data/pgdata
if [ ! -s "$data/PG_VERSION" ]; then
  until pg_isready -h postgres -U "$PGUSER" -q; do sleep 1; done
  pg_basebackup -h postgres -U "$PGUSER" -D "$data" -R -X stream --checkpoint=fast
  chmod 700 "$data"
fi
exec postgres -D "$data" -c hot_standby=on -c hot_standby_feedback=on
