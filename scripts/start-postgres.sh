#!/usr/bin/env bash
# Start a local PostgreSQL for the storage conformance tests (idempotent).
# Installs Debian's postgresql package when missing, starts the default cluster, creates the
# role and database `jamsos` (password `jamsos`, allowed to create databases so every test gets
# its own fresh one) and prints the URL as its only standard output (.ci/run reads it):
#   export JAMSOS_TEST_POSTGRES_URL=$(scripts/start-postgres.sh | tail -n1)
#   cargo test -p jamsos-store
set -euo pipefail

if ! command -v pg_lsclusters >/dev/null 2>&1; then
    echo "installing postgresql from Debian's packages" >&2
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
fi

# The newest installed major version and its first cluster (Debian creates "main").
read -r version cluster port status _ < <(pg_lsclusters --no-header | sort -k1,1n | tail -n1)
if [ -z "${version:-}" ]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -n1)
    pg_createcluster "$version" main >&2
    read -r version cluster port status _ < <(pg_lsclusters --no-header | sort -k1,1n | tail -n1)
fi
if [ "$status" != "online" ]; then
    pg_ctlcluster "$version" "$cluster" start >&2
fi

as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -c "$(printf '%q ' "$@")"; fi
}
for _ in $(seq 1 30); do
    as_postgres psql -p "$port" -qtAc 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.5
done
as_postgres psql -p "$port" -v ON_ERROR_STOP=1 -qtAc \
    "DO \$\$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'jamsos') THEN
         CREATE ROLE jamsos LOGIN CREATEDB PASSWORD 'jamsos';
       END IF;
     END \$\$;" >&2
if [ "$(as_postgres psql -p "$port" -qtAc "SELECT 1 FROM pg_database WHERE datname = 'jamsos'")" != 1 ]; then
    as_postgres createdb -p "$port" -O jamsos jamsos >&2
fi

echo "postgres://jamsos:jamsos@localhost:${port}/jamsos"
