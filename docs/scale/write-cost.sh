#!/bin/bash
# Write cost of the 0250 roll-up triggers: demo generate 200,000 participants into a fresh
# database with and without them (dropped after migrating), SQLite then PostgreSQL (the
# local cluster of scripts/start-postgres.sh; run as root for `su postgres`).
#   JAMSOS=target/release/jamsos docs/scale/write-cost.sh
B=${JAMSOS:-target/release/jamsos}
B=$(realpath "$B")
mkdir -p "${WORKDIR:-/tmp/jamsos-write-cost}" && cd "${WORKDIR:-/tmp/jamsos-write-cost}"
for mode in with without with without; do
  rm -f s.db*
  U="sqlite://$PWD/s.db?mode=rwc"
  JAMSOS_DATABASE_URL=$U $B coverage --month 2026-01 --json > /dev/null 2>&1
  if [ $mode = without ]; then
    sqlite3 s.db "drop trigger coverage_rollup_insert; drop trigger coverage_rollup_update; drop trigger coverage_rollup_move; drop trigger coverage_rollup_delete;"
  fi
  s=$(date +%s.%N)
  JAMSOS_DATABASE_URL=$U $B demo generate --participants 200000 --seed 3 > /dev/null 2>&1
  echo "sqlite $mode $(echo "$(date +%s.%N) - $s" | bc)"
done
for mode in with without with without; do
  su postgres -c "psql -qc 'drop database if exists wc' -c 'create database wc owner jamsos'"
  U="postgres://jamsos:jamsos@localhost:5432/wc"
  JAMSOS_DATABASE_URL=$U $B coverage --month 2026-01 --json > /dev/null 2>&1
  if [ $mode = without ]; then
    su postgres -c "psql -d wc -qc 'drop trigger coverage_rollup_current on coverage_current'"
  fi
  s=$(date +%s.%N)
  JAMSOS_DATABASE_URL=$U $B demo generate --participants 200000 --seed 3 > /dev/null 2>&1
  echo "pg $mode $(echo "$(date +%s.%N) - $s" | bc)"
done
su postgres -c "psql -qc 'drop database if exists wc'"
rm -f s.db*
