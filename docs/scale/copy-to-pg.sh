#!/bin/bash
# Copies a `jamsos demo generate` SQLite database table by table into a PostgreSQL database
# already migrated by jamsos (docs/performance.md, "Analytics"): COPY with triggers off (the
# trigger-kept summaries are copied as they are; check them with the recount queries and
# `jamsos compliance --json --reference`), then the sequences and VACUUM ANALYZE.
# Runs as root (psql as the postgres superuser: session_replication_role needs it).
#   SQLITE_DB=/work/scale-data/big.db PG_DB=big docs/scale/copy-to-pg.sh
set -euo pipefail
db=${SQLITE_DB:-/work/scale-data/big.db}
pg=${PG_DB:-big}
for t in id_counters imports sponsors employers persons person_reviews memberships wage_history \
         audit_log audit_head analytics_imports workforce_potential company_reports coverage_current \
         employer_wage_summary employer_wage_hist coverage_rollup; do
  cols=$(sqlite3 "$db" "select group_concat(name, ',') from pragma_table_info('$t')")
  start=$(date +%s)
  sqlite3 -csv -nullvalue '\N' "$db" "select $cols from $t" | \
    su postgres -c "psql -q -v ON_ERROR_STOP=1 -d $pg -c 'SET session_replication_role = replica' -c 'DELETE FROM $t' -c \"\\copy $t ($cols) FROM STDIN WITH (FORMAT csv, NULL '\\N')\""
  echo "$t $(( $(date +%s) - start )) s"
done
su postgres -c "psql -q -d $pg" <<'SQL'
DO $$
DECLARE r record; s text;
BEGIN
  FOR r IN SELECT table_name FROM information_schema.columns
           WHERE table_schema = 'public' AND column_name = 'id' LOOP
    s := pg_get_serial_sequence(r.table_name, 'id');
    IF s IS NOT NULL THEN
      EXECUTE format('SELECT setval(%L, COALESCE((SELECT max(id) FROM %I), 1))', s, r.table_name);
    END IF;
  END LOOP;
END $$;
VACUUM ANALYZE;
SQL
echo done
