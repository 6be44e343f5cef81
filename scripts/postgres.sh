#!/usr/bin/env bash
# Start or stop the private PostgreSQL 15 server the tests use.
#   scripts/postgres.sh start   -> prints the URL to use as KAWAL_TEST_POSTGRES_URL
#   scripts/postgres.sh stop
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user, on its own
# port and socket directory, with its data in a throw-away directory.
set -euo pipefail
DIR=${KAWAL_PG_DIR:-/tmp/kawal-test-pg}
PORT=${KAWAL_PG_PORT:-55432}

find_bin() {
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  done
  command -v pg_ctl >/dev/null && dirname "$(command -v pg_ctl)" && return
  return 1
}

as_db_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if ! BIN=$(find_bin); then
      if [ "$(id -u)" = 0 ]; then
        echo "installing PostgreSQL 15 from Debian" >&2
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
        BIN=$(find_bin)
      else
        echo "PostgreSQL 15 binaries not found; install the postgresql-15 package" >&2; exit 1
      fi
    fi
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then useradd --system postgres; fi
    as_db_user "$BIN/pg_ctl" -D "$DIR/data" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$DIR"; mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_db_user "$BIN/initdb" -D "$DIR/data" -U kawal --auth=trust -E UTF8 >"$DIR/initdb.log" 2>&1
    as_db_user "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null
    as_db_user "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U kawal kawal_test
    echo "postgresql+psycopg://kawal@127.0.0.1:$PORT/kawal_test"
    ;;
  stop)
    BIN=$(find_bin) || exit 0
    as_db_user "$BIN/pg_ctl" -D "$DIR/data" stop -m fast >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
