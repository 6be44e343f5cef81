#!/usr/bin/env bash
# Fetch the third-party browser files Kawal serves itself (no CDN) and copy them where Flask serves them.
#   scripts/assets.sh            -> api/web/static/vendor/{bpmn-viewer.production.min.js, bpmn-js.css,
#                                   diagram-js.css, axe.min.js} and their licences
# The versions are pinned in web-assets/package.json and web-assets/package-lock.json; the files are
# never committed. `npm ci` runs only when web-assets/node_modules is missing or older than the lock,
# so a second run only copies a few files.
#
# Without npm (or when the install fails, e.g. offline) this warns and exits 0: Kawal still runs and
# the case page shows its fallback instead of the diagram. KAWAL_ASSETS_STRICT=1 turns those warnings
# into failures, for runs that need the files (the browser tests need axe-core).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC="$ROOT/web-assets"
MODULES="$SRC/node_modules"
DEST="$ROOT/api/web/static/vendor"
# source (relative to node_modules) -> file name in the vendor directory
FILES=(
  "bpmn-js/dist/bpmn-viewer.production.min.js:bpmn-viewer.production.min.js"
  "bpmn-js/dist/assets/bpmn-js.css:bpmn-js.css"
  "bpmn-js/dist/assets/diagram-js.css:diagram-js.css"
  "bpmn-js/LICENSE:bpmn-js.LICENSE.txt"
  "axe-core/axe.min.js:axe.min.js"
  "axe-core/LICENSE:axe-core.LICENSE.txt"
)

# Give up without failing the caller, unless KAWAL_ASSETS_STRICT=1 asks for the files to be there.
give_up() {
  echo "assets.sh: warning: $1; the BPMN diagram will show its fallback message" >&2
  if [ "${KAWAL_ASSETS_STRICT:-0}" = 1 ]; then exit 1; fi
  exit 0
}

# npm writes node_modules/.package-lock.json on every install: older than the lock means stale.
install_needed() {
  [ ! -f "$MODULES/.package-lock.json" ] || [ "$SRC/package-lock.json" -nt "$MODULES/.package-lock.json" ] ||
    [ "$SRC/package.json" -nt "$MODULES/.package-lock.json" ]
}

install_packages() {
  command -v npm >/dev/null 2>&1 || give_up "npm is not installed (Debian: apt-get install nodejs npm)"
  echo "assets.sh: installing the pinned web assets (npm ci)" >&2
  (cd "$SRC" && npm ci --no-audit --no-fund --loglevel=error >&2) || give_up "npm ci failed in web-assets/"
  touch "$MODULES/.package-lock.json"
}

# Plain copies (not hard links): a fresh mtime tells make the vendor files are newer than the lock.
copy_files() {
  mkdir -p "$DEST"
  local entry
  for entry in "${FILES[@]}"; do
    [ -f "$MODULES/${entry%%:*}" ] || give_up "node_modules/${entry%%:*} is missing"
  done
  for entry in "${FILES[@]}"; do
    cp -f "$MODULES/${entry%%:*}" "$DEST/${entry##*:}"
  done
}

if install_needed; then install_packages; fi
copy_files
