#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the @x/sync tests, used by .ci/run and by developers.
#
#   eval "$(bash scripts/pg-test-cluster.sh start)"   # exports X_SYNC_TEST_PG_URL and X_SYNC_TEST_PG_DIR
#   pnpm vitest run --project sync
#   bash scripts/pg-test-cluster.sh stop "$X_SYNC_TEST_PG_DIR"
#
# `start` runs initdb into a new temporary folder (as the user `postgres` when run as root:
# initdb refuses root), with password authentication (scram-sha-256) so that a wrong password is
# refused, and starts the server on a free loopback port with its socket in the same folder. It
# prints the exports on stdout; progress goes to stderr. `restart DIR` restarts the server (the
# fault tests use it), `stop DIR` stops it and deletes the folder.
set -euo pipefail

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local dir port password
  dir="$(mktemp -d "${TMPDIR:-/tmp}/x-sync-pg.XXXXXX")"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  chmod 700 "$dir"
  password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$password" | as_owner tee "$dir/pwfile" >/dev/null
  as_owner initdb --pgdata="$dir/data" --username=postgres --pwfile="$dir/pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >&2
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  as_owner pg_ctl --pgdata="$dir/data" --log="$dir/server.log" --wait \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=100" start >&2
  printf 'export X_SYNC_TEST_PG_URL=%q\n' "postgres://postgres:${password}@127.0.0.1:${port}/postgres"
  printf 'export X_SYNC_TEST_PG_DIR=%q\n' "$dir"
}

case "${1:-}" in
  start) start ;;
  restart) as_owner pg_ctl --pgdata="$2/data" --log="$2/server.log" --wait --mode=fast restart >&2 ;;
  stop)
    as_owner pg_ctl --pgdata="$2/data" --wait --mode=fast stop >&2 || true
    rm -rf -- "$2"
    ;;
  *) echo "usage: $0 start | restart DIR | stop DIR" >&2; exit 2 ;;
esac
