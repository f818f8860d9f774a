#!/bin/bash
# Run once by the postgres image when it first creates the primary's data directory
# (/docker-entrypoint-initdb.d): lets the standby service stream WAL from it as user nofdb.
set -euo pipefail
echo "host replication ${POSTGRES_USER} all scram-sha-256" >> "$PGDATA/pg_hba.conf"
