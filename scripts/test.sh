#!/usr/bin/env bash
# What `make test` runs: ruff, then the whole suite against a PostgreSQL server of this run's own.
#   scripts/test.sh [pytest arguments]      (make test PYTEST_ARGS="tests/api -x")
#
# - The server lives in a fresh directory (mktemp) on a free port: two runs on one machine never share one.
# - It is stopped and its directory removed however the run ends: success, failure, Ctrl-C or kill. The trap
#   is this script's, not the Makefile recipe's: make's /bin/sh, killed by Ctrl-C, never ran its EXIT trap.
# - pytest runs the tests in parallel (pytest-xdist, KAWAL_TEST_WORKERS workers, default: two more than the cores;
#   0 runs them in this process), each worker on its own databases (tests/databases.py), and prints the slowest 20.
#   More workers than cores, because part of the suite waits on its real parts (redis-server, `kawal worker`,
#   gunicorn, Chromium, PostgreSQL) and leaves a core idle meanwhile: on the project's two-core machine 3 workers ran
#   the suite in 575 s of pytest against 630 s for 2 (the same commit, one run each, 2026-12-05); on a slower one
#   (2026-12-08) 4 workers in 563 s and 591 s against 641 s for 3, using 1.6 of the 2 cores either way.
# - The tests' temporary files (the SQLite databases each test copies and closes, attachments, Chromium's profiles,
#   the `kawal` processes' files) go to a directory of the run's own on /dev/shm when that tmpfs has room (4 GiB;
#   KAWAL_TEST_TMPDIR chooses another parent): each SQLite test closes its database, which writes its WAL back and
#   waits on the disk; on tmpfs that wait is gone.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}

"$BIN/ruff" check .

# This machine and CI set PYTHONDONTWRITEBYTECODE: each process the run starts (the pytest workers, and every `kawal`
# command, RQ worker, gunicorn worker and clock process the tests start, some hundreds) compiled the project's
# modules again from source, ~0.45 s of CPU each on a fresh clone, and each pytest worker rewrote every test module
# again. The suite is CPU-bound on two cores: the run writes the bytecode once, into the git-ignored __pycache__
# folders, and every later process reads it.
unset PYTHONDONTWRITEBYTECODE

free_port() {
  "$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

export KAWAL_PG_DIR
KAWAL_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/kawal-test-pg.XXXXXX")
tmp_parent=${KAWAL_TEST_TMPDIR:-}
if [ -z "$tmp_parent" ] && [ -d /dev/shm ] && [ -w /dev/shm ] &&
  [ "$(df -Pk /dev/shm | awk 'NR == 2 {print $4}')" -ge 4194304 ]; then
  tmp_parent=/dev/shm
fi
tests_tmp=$(mktemp -d "${tmp_parent:-${TMPDIR:-/tmp}}/kawal-test.XXXXXX")
stop_postgres() {
  scripts/postgres.sh stop || true
  rm -rf "$KAWAL_PG_DIR" "$tests_tmp"
}
trap stop_postgres EXIT
trap 'exit 130' INT  # exit (and with it the EXIT trap) once pytest has stopped
trap 'exit 143' TERM

url=""
for _ in 1 2 3; do  # the free port may be taken between the look and the start: try another
  export KAWAL_PG_PORT
  KAWAL_PG_PORT=$(free_port)
  if url=$(scripts/postgres.sh start); then break; fi
  url=""
done
if [ -z "$url" ]; then
  echo "test.sh: could not start PostgreSQL; its log:" >&2
  cat "$KAWAL_PG_DIR/server.log" >&2 || true
  exit 1
fi

workers=${KAWAL_TEST_WORKERS:-$(($(nproc) + 2))}
TMPDIR=$tests_tmp KAWAL_TEST_POSTGRES_URL=$url KAWAL_REQUIRE_POSTGRES=1 "$BIN/pytest" -p no:cacheprovider \
  -n "$workers" --dist worksteal --durations=20 "$@"
