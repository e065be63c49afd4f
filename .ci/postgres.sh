#!/usr/bin/env bash
# Installs (if missing) and starts Debian's PostgreSQL, with a `sop` role and an empty
# `sop_test` database for the API tests. Idempotent.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -n | tail -1)
if [ -z "$version" ]; then
  pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -1)" main
  version=$(ls /etc/postgresql | sort -n | tail -1)
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for i in $(seq 1 30); do
  su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname='sop'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"create role sop login password 'sop' superuser\""
su postgres -c "psql -qc 'drop database if exists sop_test'"
su postgres -c "createdb -O sop sop_test"
echo "PostgreSQL $version ready on 127.0.0.1:5432"
