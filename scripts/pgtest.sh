#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS cluster on loopback, for the tests only.
#
#   eval "$(bash scripts/pgtest.sh start)"   # prints `export YUQIAN_TEST_PG_DSN=...`
#   bash scripts/pgtest.sh stop
#
# The cluster lives in a fresh temporary folder owned by the `postgres` user
# (PostgreSQL refuses to run as root), listens on 127.0.0.1 only, on a free
# port, trusts loopback connections and has a database `yuqian_test` with the
# postgis extension.  `stop` shuts it down and deletes the folder.  Nothing is
# written to a system cluster.
set -euo pipefail

STATE_FILE="${YUQIAN_PGTEST_STATE:-/tmp/yuqian_pgtest.state}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "pgtest: no PostgreSQL server binaries (install postgresql-15-postgis-3)" >&2
    exit 1
  fi
  local dir port user
  dir=$(mktemp -d /tmp/yuqian_pg.XXXXXX)
  chmod 755 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; user=postgres; else user=$(id -un); fi
  port=$(free_port)
  as_postgres "$PG_BIN/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
  as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null
  as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U "$user" yuqian_test
  as_postgres "$PG_BIN/psql" -q -h 127.0.0.1 -p "$port" -U "$user" -d yuqian_test -c "CREATE EXTENSION postgis" >/dev/null
  printf 'dir=%s\nport=%s\n' "$dir" "$port" >"$STATE_FILE"
  echo "export YUQIAN_TEST_PG_DSN=postgresql://$user@127.0.0.1:$port/yuqian_test"
}

stop() {
  [ -f "$STATE_FILE" ] || exit 0
  local dir
  dir=$(sed -n 's/^dir=//p' "$STATE_FILE")
  if [ -n "$dir" ] && [ -d "$dir/data" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
  fi
  rm -f "$STATE_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
