"""This release on a database whose schema is not its own: the commands say which migration it is at and which the
release needs, and the health check answers 503 naming the schema.

Walk report (an office upgraded from 154d8a5): the new code on the database before `kawal db upgrade` ran, `kawal
reconcile` and `kawal audit verify` died with sqlalchemy's ProgrammingError (relation "account_event" does not exist)
and GET /api/v1/health answered 200 "ok". The revision is alembic's one row (engine.db.schema_revision), read on
both databases.
"""

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from api.cli import main
from engine.db import head_revision, make_engine


def _set_revision(db_url: str, revision: str) -> None:
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


@pytest.fixture
def at_revision(db_url):
    """The database's recorded migration set for the test, this release's again after it (the table is kept between
    tests)."""
    yield lambda revision: _set_revision(db_url, revision)
    _set_revision(db_url, head_revision())


@pytest.fixture
def kawal(settings, monkeypatch):
    monkeypatch.setenv("KAWAL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KAWAL_FILES_DIR", str(settings.files_dir))
    monkeypatch.setenv("KAWAL_ENV", "test")
    monkeypatch.delenv("KAWAL_REDIS_URL", raising=False)
    return lambda *args: CliRunner().invoke(main, list(args))


def test_the_head_is_alembics_head():
    from alembic.script import ScriptDirectory

    from engine.db import MIGRATIONS, alembic_config

    assert MIGRATIONS.is_dir()
    assert head_revision() == ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def test_commands_on_a_database_not_yet_upgraded_say_to_run_db_upgrade(kawal, at_revision, monkeypatch):
    at_revision("0031")
    said = f"the database is at migration 0031, this release needs {head_revision()}: run kawal db upgrade"
    for command in (("reconcile",), ("audit", "verify"), ("incidents", "list"), ("units", "list")):
        result = kawal(*command)
        assert result.exit_code == 1, (command, result.output)
        assert said in result.output
        assert "Traceback" not in result.output
    monkeypatch.setenv("KAWAL_REDIS_URL", "redis://127.0.0.1:9/0")  # never reached: the schema is said first
    worker = kawal("worker", "--burst")
    assert (worker.exit_code, said in worker.output) == (1, True)


def test_the_clock_and_serve_s_embedded_clock_refuse_a_schema_not_their_own(kawal, at_revision, monkeypatch):
    """`kawal clock` (and `kawal serve`, which starts it beside the pages) swept on an older schema each minute,
    failing on each table it lacked; `kawal worker` already said the schema first."""
    from api import server

    at_revision("0031")
    said = f"the database is at migration 0031, this release needs {head_revision()}: run kawal db upgrade"
    clock = kawal("clock", "--interval", "0.1", "--parent", "1")  # before: one sweep, then gone (no parent 1)
    assert (clock.exit_code, said in clock.output) == (1, True), clock.output
    served = []
    monkeypatch.setattr(server, "serve_embedded", lambda *args: served.append(args))
    serve = kawal("serve", "--port", "5999")
    assert (serve.exit_code, said in serve.output, served) == (1, True, []), serve.output


def test_health_answers_503_naming_the_schema_behind_or_ahead(client, at_revision):
    assert client.get("/api/v1/health").json["database"]["ok"] is True
    at_revision("0031")
    behind = client.get("/api/v1/health")
    assert behind.status_code == 503
    assert behind.json["status"] == "down"
    assert behind.json["database"] == {
        "ok": False,
        "error": "schema",
        "schema": f"the database is at migration 0031, this release needs {head_revision()}: run kawal db upgrade",
    }
    at_revision("9999")
    ahead = client.get("/api/v1/health")
    assert ahead.status_code == 503
    assert "newer than this release's" in ahead.json["database"]["schema"]
