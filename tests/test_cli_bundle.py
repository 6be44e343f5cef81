"""``kawal export bundle``: the Komisi Informasi's evidence bundle from the command line."""

import hashlib
import re
import zipfile

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from api.cli import main
from engine.db import make_engine, session_factory
from engine.models import Case, CaseEvent
from tests.conftest import sqlite_only


@pytest.fixture
def db_template():
    return "empty"  # `kawal demo` sets up its office only in a database without users


@pytest.fixture
def kawal(db_url, monkeypatch):
    monkeypatch.setenv("KAWAL_DATABASE_URL", db_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return run


@pytest.fixture
def ticket(kawal):
    demo = kawal("demo")
    assert demo.exit_code == 0, demo.output
    return re.search(r"PPID-\d{4}-\d{6}", demo.output).group()


def _exports(db_url, ticket):
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as s:
            case = s.scalar(select(Case).where(Case.ticket == ticket))
            return s.execute(
                select(CaseEvent.actor, CaseEvent.data).where(
                    CaseEvent.case_id == case.id, CaseEvent.type == "bundle_exported"
                )
            ).all()
    finally:
        engine.dispose()


# On PostgreSQL too: the bundle read from the demo's database and its export recorded on the case (a ticket typed in
# lower case found). The others are @sqlite_only: where the file goes and what is said, decided in Python; each
# builds the demo's office again, the cost of a PostgreSQL twin.
def test_export_bundle_writes_the_zip_prints_its_sha256_and_records_the_export(kawal, ticket, tmp_path, db_url):
    target = tmp_path / "ki" / "berkas.zip"
    target.parent.mkdir()
    result = kawal("export", "bundle", ticket.lower(), "--output", str(target))
    assert result.exit_code == 0, result.output
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    assert result.output.splitlines() == [str(target), f"sha256 {digest}"]
    with zipfile.ZipFile(target) as archive:
        assert {"MANIFEST.sha256", f"riwayat/{ticket}.jsonl", "kronologi.txt"} <= set(archive.namelist())
    assert _exports(db_url, ticket) == [("cli", {"sha256": digest})]


@sqlite_only
def test_export_bundle_writes_to_the_current_folder_by_default(kawal, ticket, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = kawal("export", "bundle", ticket)
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"berkas-{ticket}.zip").is_file()
    assert result.output.splitlines()[0] == f"berkas-{ticket}.zip"


@sqlite_only
def test_export_bundle_of_an_unknown_ticket_names_it_and_fails(kawal, ticket, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = kawal("export", "bundle", "PPID-2026-999999")
    assert result.exit_code == 1
    assert "no case with ticket PPID-2026-999999" in result.output
    assert list(tmp_path.glob("*.zip")) == []


@sqlite_only
def test_export_bundle_names_the_files_folder_when_a_case_s_file_is_not_in_it(kawal, ticket, tmp_path, db_url):
    """Run from another folder, KAWAL_FILES_DIR (default ./kawal-files) held none of the case's files: a traceback.
    Here a letter the database says is ready has its PDF elsewhere."""
    from engine.models import Letter

    engine = make_engine(db_url)
    with session_factory(engine)() as s, s.begin():
        letter = s.scalars(select(Letter).where(Letter.to_requester.is_(False))).first()
        assert letter is not None, "the demo issues a letter to no requester"
        letter.status, letter.storage_key, letter.key_id, letter.sha256 = "ready", "0" * 32, "k1", "0" * 64
        chain_ticket = s.get(Case, letter.case_id).ticket
    engine.dispose()
    result = kawal("export", "bundle", chain_ticket, "--output", str(tmp_path / "b.zip"))
    assert result.exit_code == 1
    assert f"a file of {chain_ticket} is not in KAWAL_FILES_DIR" in result.output
    assert not (tmp_path / "b.zip").exists()
