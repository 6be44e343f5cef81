"""`kawal serve --production` refuses a database whose schema is not this release's, as every other database command
does, before it starts gunicorn.

Walk report: on a database one migration behind, `kawal serve --production` started gunicorn without a word, and its
workers answered each page that touched a new table or column with a 500 (only /api/v1/health said 503 "schema"),
while `kawal serve`, `kawal worker` and the rest said "the database is at migration X, this release needs Y: run
kawal db upgrade" and stopped.

SQLite alone: the command's decision over alembic's one row, which tests/test_release_refuses_a_schema_not_its_own.py
reads on both databases.
"""

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from api import server
from api.cli import main
from engine.db import head_revision, make_engine
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the docstring


def _set_revision(url: str, revision: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def _one_behind() -> str:
    return f"{int(head_revision()) - 1:04d}"


@pytest.fixture
def production(settings, monkeypatch):
    """`kawal serve --production` on the test's database, gunicorn's exec recorded instead of run."""
    monkeypatch.setenv("KAWAL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KAWAL_FILES_DIR", str(settings.files_dir))
    monkeypatch.setenv("KAWAL_ENV", "test")
    monkeypatch.setenv("KAWAL_REDIS_URL", "redis://127.0.0.1:9/0")  # never reached: gunicorn is not started
    started = []
    monkeypatch.setattr(server, "exec_production", lambda config, options: started.append((config, options)))
    return lambda: (CliRunner().invoke(main, ["serve", "--production"]), started)


def test_serve_production_on_a_database_one_migration_behind_says_to_run_db_upgrade(production, settings):
    behind = _one_behind()
    _set_revision(settings.database_url, behind)
    try:
        result, started = production()
    finally:
        _set_revision(settings.database_url, head_revision())
    said = f"the database is at migration {behind}, this release needs {head_revision()}: run kawal db upgrade"
    assert (result.exit_code, started) == (1, []), result.output
    assert said in result.output
    assert "Traceback" not in result.output


def test_serve_production_on_a_database_ahead_of_the_release_refuses(production, settings):
    _set_revision(settings.database_url, "9999")
    try:
        result, started = production()
    finally:
        _set_revision(settings.database_url, head_revision())
    assert (result.exit_code, started) == (1, []), result.output
    assert "newer than this release's" in result.output


def test_serve_production_on_a_database_without_a_schema_says_to_run_db_upgrade(production, monkeypatch, tmp_path):
    monkeypatch.setenv("KAWAL_DATABASE_URL", f"sqlite:///{tmp_path}/empty.db")
    result, started = production()
    assert (result.exit_code, started) == (1, []), result.output
    assert "the database has no schema yet: run `kawal db upgrade` first" in result.output


def test_serve_production_on_this_release_s_schema_starts_gunicorn(production):
    result, started = production()
    assert result.exit_code == 0, result.output
    assert [config for config, _ in started] == [server.PRODUCTION_CONFIG]
