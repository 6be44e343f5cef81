"""A fresh `kawal demo year` database has no row without its record in a hash chain (engine.chain_gaps): its page
price was written as a bare fee_rate row, which `kawal db upgrade` then counted as a gap and `kawal audit verify`'s
readers would take for a price written past the chain. It is recorded as the administrator's are
(engine.fees.record_rate).

On SQLite alone: a new file database per test; the chains' storage is tested on both in tests/dip.
"""

from click.testing import CliRunner

from api.cli import main
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: its own new database file


def test_a_demo_year_database_has_no_chain_gap(tmp_path, monkeypatch):
    monkeypatch.setenv("KAWAL_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.setenv("KAWAL_FILES_DIR", str(tmp_path / "files"))
    monkeypatch.setenv("KAWAL_ENV", "test")
    monkeypatch.delenv("KAWAL_REDIS_URL", raising=False)
    run = CliRunner()
    assert run.invoke(main, ["db", "upgrade"]).exit_code == 0
    demo = run.invoke(main, ["demo", "year", "--cases", "3"])
    assert demo.exit_code == 0, demo.output
    listed = run.invoke(main, ["repair", "chain-gaps"])
    assert listed.exit_code == 0, listed.output
    assert "no rows without their record in a hash chain" in listed.output
    upgraded = run.invoke(main, ["db", "upgrade"])
    assert "no record in their hash chain" not in upgraded.output
