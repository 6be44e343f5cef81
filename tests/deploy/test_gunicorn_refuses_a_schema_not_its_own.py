"""gunicorn on the shipped config (deploy/systemd/kawal-web.service runs it directly, not through `kawal serve`)
refuses a database whose schema is not this release's, in its master, in one line saying what to run.

Before, only `kawal serve --production` checked the schema: the shipped unit started gunicorn on a database one
migration behind without a word, and its workers answered every page that touched a new table or column with a 500.
deploy/gunicorn.conf.py checks it in ``on_starting`` after the settings, and exits as the settings check does
(EX_CONFIG, 78). A database that cannot be opened yet is a warning only: the workers connect once it is up.

SQLite alone: gunicorn's decision over alembic's one row (tests/test_release_refuses_a_schema_not_its_own.py reads it
on both databases).
"""

import base64
import http.client
import os
import shutil
import subprocess
import sys
import time

from sqlalchemy import text

from engine.db import head_revision, make_engine
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the docstring
from tests.deploy.test_gunicorn_bad_settings import EX_CONFIG, _start
from tests.deploy.topology import GUNICORN_CONFIG, ROOT
from tests.smtp import free_port

# Production's placeholders replaced (engine.config), so the schema is what the check meets.
SETTLED = {
    "KAWAL_PUBLIC_URL": "https://ppid.kanwil-jatim.go.id",
    "KAWAL_OFFICE_NAME": "KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TIMUR",
}


def _database(tmp_path, template, revision: str | None) -> None:
    shutil.copy(template, tmp_path / "kawal.db")
    if revision is not None:
        engine = make_engine(f"sqlite:///{tmp_path}/kawal.db")
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
        engine.dispose()


def _refused_with(started: subprocess.CompletedProcess, said: str) -> None:
    output = started.stdout + started.stderr
    assert started.returncode == EX_CONFIG, output
    assert "Traceback" not in output
    assert "Booting worker" not in output  # refused before any worker was forked
    lines = [line for line in output.splitlines() if said in line]
    assert len(lines) == 1, output
    assert "[ERROR] Kawal's database is not this release's: " in lines[0], lines[0]


def test_gunicorn_on_a_database_one_migration_behind_says_to_run_db_upgrade(tmp_path, sqlite_template):
    behind = f"{int(head_revision()) - 1:04d}"
    _database(tmp_path, sqlite_template, behind)
    said = f"the database is at migration {behind}, this release needs {head_revision()}: run kawal db upgrade"
    _refused_with(_start(tmp_path, **SETTLED), said)


def test_gunicorn_on_a_database_ahead_of_the_release_refuses(tmp_path, sqlite_template):
    _database(tmp_path, sqlite_template, "9999")
    _refused_with(_start(tmp_path, **SETTLED), "newer than this release's")


def test_gunicorn_on_a_database_without_a_schema_says_to_run_db_upgrade(tmp_path):
    _refused_with(_start(tmp_path, **SETTLED), "the database has no schema yet: run `kawal db upgrade` first")


def test_gunicorn_on_this_release_s_schema_boots_its_workers(tmp_path, sqlite_template):
    _database(tmp_path, sqlite_template, None)
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "KAWAL_ENV": "production",
        "KAWAL_SECRET_KEY": base64.b64encode(os.urandom(48)).decode(),
        "KAWAL_VAULT_KEY": base64.b64encode(os.urandom(32)).decode(),
        "KAWAL_DATABASE_URL": f"sqlite:///{tmp_path}/kawal.db",
        **SETTLED,
        "KAWAL_WEB_BIND": f"127.0.0.1:{port}",
        "KAWAL_WEB_WORKERS": "1",
    }
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as out:
        web = subprocess.Popen(  # noqa: S603 - gunicorn on the shipped config
            [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONFIG)],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while "Booting worker" not in log.read_text() and web.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        output = log.read_text()
        assert web.poll() is None, output  # still running: not refused
        assert "Booting worker" in output, output
        assert "is not this release's" not in output
        # Its worker answers once it has loaded the app; stopped before then, gunicorn waits for the load to finish
        # (up to graceful_timeout, 30 s): on a busy two-core machine the stop outlasted the test's wait.
        assert _answers(port, deadline), log.read_text()
    finally:
        web.terminate()
        web.wait(timeout=45)


def _answers(port: int, deadline: float) -> bool:
    """Whether the server on ``port`` answers an HTTP request (whatever its status) before ``deadline``."""
    while time.monotonic() < deadline:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.request("GET", "/api/v1/health")
            return conn.getresponse().status > 0
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    return False
