# The two commands that matter: `make run` and `make test`. Both set up from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One venv, a stamp per dependency group (named by pyproject.toml's hash): `make run` installs only
# what running needs; `make test`, `lint` and `bench` add the test group on top.
HASH := $(shell cat pyproject.toml | sha256sum | cut -c1-12)
STAMP := $(VENV)/.installed-$(HASH)
TEST_STAMP := $(VENV)/.installed-test-$(HASH)
HOST ?= 127.0.0.1
PORT ?= 5000

VENDOR := api/web/static/vendor/bpmn-viewer.production.min.js

.PHONY: run test lint bench bench-scale clean system-run system-test

# The Debian packages Kawal needs (Pango for PDF documents, the letters' fonts; for the tests also redis-server,
# tesseract, Chromium, PostgreSQL and nginx): installed in one apt transaction when missing and run as root, beside the
# venv. Otherwise `make run` warns (only PDF downloads and the letters' typeface suffer) and `make test` stops.
system-run:
	@scripts/system-packages.sh run

system-test:
	@scripts/system-packages.sh test

# uv installs both groups in 18 s from a cold cache, bytecode compiled, where pip took 38 s (runtime 18, test
# group 20) on a fresh clone here: the time a fresh `make test` waits before it tests. The bytecode is compiled
# at install, as pip does, because a process never writes it where PYTHONDONTWRITEBYTECODE is set (as here):
# each `kawal` command, worker and test would compile its imports again. uv is installed into the venv by the
# venv's own pip, which stays there for `pip install 'kawal[...]'`. Both resolve the same versions.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q uv
	$(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python --group test
	touch $(TEST_STAMP)

# Third-party browser files (bpmn-js viewer, axe-core), pinned in web-assets/; without npm, a warning only.
$(VENDOR): web-assets/package.json web-assets/package-lock.json scripts/assets.sh
	@command -v npm >/dev/null || [ "$${KAWAL_ASSETS_STRICT:-0}" != 1 ] || [ "$$(id -u)" != 0 ] || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 nodejs npm >/dev/null; }
	scripts/assets.sh

# The venv, the browser files and the system packages are independent: made side by side, a fresh clone answers
# sooner.
run:
	@$(MAKE) --no-print-directory -j2 $(STAMP) $(VENDOR) system-run
	$(BIN)/kawal db upgrade
	$(BIN)/kawal demo
	$(BIN)/kawal serve --host $(HOST) --port $(PORT)

test: export KAWAL_ASSETS_STRICT = 1
test:
	@$(MAKE) --no-print-directory -j3 $(TEST_STAMP) $(VENDOR) system-test
	@# ruff, then pytest in parallel against a PostgreSQL of this run's own, stopped however the run ends.
	@BIN=$(BIN) scripts/test.sh $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

# The benchmark's PostgreSQL has its own directory and port, so it never wipes a test server.
bench: export KAWAL_PG_DIR = /tmp/kawal-bench-pg
bench: export KAWAL_PG_PORT = 55433
bench: $(TEST_STAMP) system-run
	@url=$$(scripts/postgres.sh start) && \
	trap 'scripts/postgres.sh stop' EXIT && \
	KAWAL_BENCH_POSTGRES_URL=$$url $(BIN)/python -m bench.request_lifecycle $(BENCH_ARGS) && \
	KAWAL_BENCH_POSTGRES_URL=$$url $(BIN)/python -m bench.topology $(TOPOLOGY_ARGS) && \
	KAWAL_BENCH_POSTGRES_URL=$$url $(BIN)/python -m bench.reconcile $(RECONCILE_ARGS) && \
	KAWAL_BENCH_POSTGRES_URL=$$url $(BIN)/python -m bench.dip_search $(DIP_SEARCH_ARGS) && \
	KAWAL_BENCH_POSTGRES_URL=$$url $(BIN)/python -m bench.inbox_page $(INBOX_ARGS) && \
	KAWAL_BENCH_POSTGRES_URL=$$url $(BIN)/python -m bench.letters $(LETTERS_ARGS) && \
	KAWAL_BENCH_POSTGRES_URL=$$url $(BIN)/python -m bench.reports $(REPORTS_ARGS)

# A province's volume (a million cases, 100,000 open tasks, a million events, bulk-generated on PostgreSQL):
# apart from `make bench`, its setup alone is long. SCALE_ARGS="--cases 100000 --open 10000 --events 100000" is smaller.
bench-scale: export KAWAL_PG_DIR = /tmp/kawal-bench-pg
bench-scale: export KAWAL_PG_PORT = 55433
bench-scale: $(TEST_STAMP)
	@url=$$(scripts/postgres.sh start) && \
	trap 'scripts/postgres.sh stop' EXIT && \
	KAWAL_BENCH_POSTGRES_URL=$$url $(BIN)/python -m bench.scale $(SCALE_ARGS)

clean:
	rm -rf $(VENV) kawal.db kawal.db-wal kawal.db-shm web-assets/node_modules api/web/static/vendor
