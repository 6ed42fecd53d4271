#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster (for the server tests and benchmarks) and prints its URL.
#
#   scripts/start-postgres.sh [start] [DIR] [PORT]  -> prints postgresql://postgres@127.0.0.1:PORT/postgres
#   scripts/start-postgres.sh stop DIR
#
# The cluster lives in DIR (default: a new /tmp/layan-pg.XXXXXX), listens on 127.0.0.1 only, trusts
# local connections and runs with fsync off: it is for tests, never for real data. As root it runs
# the server as the `postgres` user. CI: export LAYAN_TEST_PG_URL="$(scripts/start-postgres.sh)".
# LAYAN_PG_DURABLE=1 keeps PostgreSQL's own fsync, synchronous_commit and full_page_writes (on), as a
# centre runs it: for benchmarks of what the disk costs.
set -euo pipefail

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "${PGBIN}" ] || [ ! -x "${PGBIN}/initdb" ]; then
  PGBIN=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
fi
[ -x "${PGBIN}/initdb" ] || { echo "start-postgres: initdb not found (install postgresql)" >&2; exit 2; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:-start}
case "$cmd" in
  stop)
    dir=${2:?usage: start-postgres.sh stop DIR}
    as_pg "${PGBIN}/pg_ctl" -D "${dir}/data" -m immediate stop >/dev/null 2>&1 || true
    ;;
  start|/*)
    [ "$cmd" = start ] && shift || true
    dir=${1:-$(mktemp -d /tmp/layan-pg.XXXXXX)}
    port=${2:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
    mkdir -p "${dir}"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "${dir}"; chmod 700 "${dir}"; fi
    as_pg "${PGBIN}/initdb" -D "${dir}/data" -A trust -U postgres -E UTF8 --no-sync >"${dir}/initdb.log" 2>&1 \
      || { cat "${dir}/initdb.log" >&2; exit 1; }
    unsafe="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${LAYAN_PG_DURABLE:-}" = 1 ] && unsafe=""
    as_pg "${PGBIN}/pg_ctl" -D "${dir}/data" -l "${dir}/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} ${unsafe} -c max_connections=300" \
      start >/dev/null || { cat "${dir}/server.log" >&2; exit 1; }
    echo "postgresql://postgres@127.0.0.1:${port}/postgres"
    ;;
  *)
    echo "usage: $0 [start] [DIR] [PORT] | stop DIR" >&2; exit 2 ;;
esac
