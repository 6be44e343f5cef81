#!/usr/bin/env bash
# The Debian packages Kawal needs from the system, installed in one apt transaction when missing.
#   scripts/system-packages.sh run    Pango (PDF documents) and the letters' fonts: a warning each if missing
#   scripts/system-packages.sh test   the same, and redis-server, tesseract with its Indonesian pack, Chromium,
#                                     the PostgreSQL 15 server and nginx the tests start: an error if missing
#
# As root, whatever is missing is installed with one `apt-get update` and one `apt-get install` (on a fresh
# CI machine that is up to six packages sets, each of which used to pay its own index update and dpkg
# triggers). Without root, or if the install fails, each missing part is named with the command that adds it.
set -euo pipefail
mode=${1:-run}

missing=()   # package sets still missing, "packages|what needs them"
need() { missing+=("$1|$2"); }

check() {
  missing=()
  # grep reads to the end (no -q): under pipefail an early exit would fail the pipe with ldconfig's SIGPIPE once the
  # cache is long (it did on a fresh machine, right after this script installed Chromium's libraries).
  ldconfig -p 2>/dev/null | grep libpangoft2-1.0.so.0 >/dev/null ||
    need "libpango-1.0-0 libpangoft2-1.0-0" "PDF downloads need Pango"
  # Letters (engine.letters.render) are set in Liberation Serif, DejaVu Serif drawing what it lacks.
  { [ -f /usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf ] &&
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ]; } ||
    need "fonts-liberation fonts-dejavu-core" "Letters need their fonts (without them: Times, and '?' outside Latin-1)"
  [ "$mode" = test ] || return 0
  command -v redis-server >/dev/null || need "redis-server" "The reminder tests start a redis-server"
  # The personal-data scan reads images' text with tesseract and its Indonesian pack (engine.pii_scan).
  { command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -x ind >/dev/null; } ||
    need "tesseract-ocr tesseract-ocr-ind" "The personal-data scan needs tesseract and its Indonesian pack"
  # The browser tests drive Debian's headless Chromium through Playwright (never a downloaded browser).
  [ -x /usr/bin/chromium-headless-shell ] || need "chromium-headless-shell" "The browser tests need headless Chromium"
  # scripts/postgres.sh starts a server of the run's own from these binaries.
  compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || command -v pg_ctl >/dev/null ||
    need "postgresql-15" "The tests start a PostgreSQL server"
  # tests/deploy/test_nginx.py runs the shipped site (deploy/nginx) in front of gunicorn.
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || need "nginx" "The proxy test runs nginx"
  # tests/deploy/test_units.py has systemd read the shipped units (deploy/systemd); it starts nothing.
  command -v systemd-analyze >/dev/null || need "systemd" "The units' test runs systemd-analyze verify"
}

check
[ ${#missing[@]} = 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then
  packages=$(printf '%s\n' "${missing[@]}" | cut -d'|' -f1 | tr '\n' ' ')
  echo "installing from Debian: $packages" >&2
  # shellcheck disable=SC2086 # one word per package
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      -o DPkg::Lock::Timeout=300 $packages >/dev/null; } || echo "apt-get could not install them" >&2
  check
  [ ${#missing[@]} = 0 ] && exit 0
fi

for entry in "${missing[@]}"; do
  echo "${entry#*|}: apt-get install ${entry%%|*}" >&2
done
[ "$mode" != test ]
