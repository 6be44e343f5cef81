"""``kawal demo year`` tells a year through the engine; ``kawal reports rebuild`` derives every case's facts again."""

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from api.cli import main
from engine.db import make_engine, session_factory
from engine.models import Case, CaseFacts

SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def db_template():
    """`kawal demo` loads an empty database only."""
    return "empty"


@SQLITE_ONLY
def test_demo_year_tells_closed_cases_of_the_year_and_rebuild_derives_their_facts_again(db_url, monkeypatch, tmp_path):
    monkeypatch.setenv("KAWAL_DATABASE_URL", db_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    monkeypatch.setenv("KAWAL_FILES_DIR", str(tmp_path / "files"))
    runner = CliRunner()
    assert "Demo logins" in runner.invoke(main, ["demo"], catch_exceptions=False).output  # beside the demo
    engine = make_engine(db_url)
    with session_factory(engine)() as s:
        demo = s.scalar(select(func.count()).select_from(Case))
    told = runner.invoke(
        main, ["demo", "year", "--cases", "6", "--year", "2025", "--seed", "3"], catch_exceptions=False
    )
    assert told.exit_code == 0, told.output
    assert "cases of 2025 told through the engine" in told.output
    with session_factory(engine)() as s:
        cases = s.scalar(select(func.count()).select_from(Case))
        of_2025 = select(func.count()).select_from(Case).where(Case.ticket.like("%-2025-%"))
        assert s.scalar(of_2025) == cases - demo >= 6
        assert s.scalar(of_2025.where(Case.closed_at.is_not(None))) == cases - demo
        assert s.scalar(select(func.count()).select_from(CaseFacts)) == cases
    engine.dispose()
    rebuilt = runner.invoke(main, ["reports", "rebuild"], catch_exceptions=False)
    assert rebuilt.exit_code == 0
    assert f"facts of {cases} cases derived" in rebuilt.output


@SQLITE_ONLY
def test_db_upgrade_past_0022_derives_the_facts_again_with_each_notice_s_sent_date(db_url, monkeypatch, tmp_path):
    """A database from before 0022 has facts without the notice's date and form: the upgrade that adds them
    derives every case's facts again, so the register and the report read them at once; a later upgrade
    that applies nothing derives nothing."""
    from alembic import command

    from engine.db import alembic_config

    monkeypatch.setenv("KAWAL_DATABASE_URL", db_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    monkeypatch.setenv("KAWAL_FILES_DIR", str(tmp_path / "files"))
    runner = CliRunner()
    runner.invoke(main, ["demo"], catch_exceptions=False)
    engine = make_engine(db_url)
    with session_factory(engine)() as s:
        decided = s.scalar(select(func.count()).select_from(CaseFacts).where(CaseFacts.notice_sent_on.is_not(None)))
        cases = s.scalar(select(func.count()).select_from(Case))
    assert decided >= 1
    engine.dispose()
    command.downgrade(alembic_config(db_url), "0019")  # before the columns: what an older installation has
    result = runner.invoke(main, ["db", "upgrade"], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"facts of {cases} cases derived again" in result.output
    with session_factory(engine)() as s:
        refilled = select(func.count()).select_from(CaseFacts).where(CaseFacts.notice_sent_on.is_not(None))
        assert s.scalar(refilled) == decided
    engine.dispose()
    again = runner.invoke(main, ["db", "upgrade"], catch_exceptions=False)
    assert "derived again" not in again.output
