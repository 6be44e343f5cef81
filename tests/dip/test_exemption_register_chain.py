"""The register of exempt information is checked against its hash chain (engine.access_log EXEMPTION), as a case row
is against its history: an entry changed in the database (its information, a test, its period, its decree number),
whether the PPID recorded it without a request or the head determined it on one, or an entry whose records were
removed, is told by ``kawal audit verify``, the console's check and the API alike. The chain records what the register
shows and a digest of the entry's legal content (format 2); records written before still verify, and the upgrade
(migration 0056) appends a snapshot of every entry so that each is covered from then on.

On PostgreSQL too: the records' round trip, ``kawal audit verify`` with the console and the API over an entry's period
changed with SQL, and the migration's downgrade and upgrade (an entry's harm test changed with SQL after it). The others
(``sqlite_only``) tell further columns and a deleted record by the same comparison in Python over rows either database
returns alike."""

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, select
from sqlalchemy import text as sql

from api.cli import main
from engine import access_log
from engine.models import Exemption, ExemptionEvent
from tests.conftest import sqlite_only
from tests.dip.test_direct_determination import determination, record
from tests.web.test_exemption_register_page import refuse_as_exempt


def tamper(db_url: str, statement: str, **params) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sql(statement), params)
    engine.dispose()


def two_entries(keeper, desk) -> tuple[int, int]:
    """One entry the PPID recorded on /dip/pengecualian/baru, one the head determined on a refused request."""
    direct = record(keeper, "ppid", determination(keeper))
    refuse_as_exempt(desk)
    with keeper.sessions() as s:
        (on_request,) = s.scalars(select(Exemption.id).where(Exemption.case_id.is_not(None))).all()
    return direct, on_request


def state(keeper) -> access_log.ChainState:
    with keeper.sessions() as s:
        return access_log.verify(s)[access_log.EXEMPTION]


def test_every_entry_of_the_register_has_a_record_that_verifies(keeper, desk):
    direct, on_request = two_entries(keeper, desk)
    assert state(keeper) == access_log.ChainState(2, None)
    with keeper.sessions() as s:
        events = s.scalars(select(ExemptionEvent).order_by(ExemptionEvent.id)).all()
        assert [(e.exemption_id, e.type) for e in events] == [
            (direct, "exemption_recorded"),
            (on_request, "exemption_determined"),
        ]
        assert events[1].data["case"].startswith("PPID-")
        assert all(e.data["format"] == 3 and len(e.data["content"]) == 64 for e in events)
        assert "Berkas pemeriksaan" not in str(events[0].data)  # a digest of the text, never the text


CHANGES = {
    "information": "information = 'Daftar gaji seluruh pegawai'",
    "harm_test": "harm_test = 'Tidak ada'",
    "valid_until": "valid_until = '2099-12-31'",
    "decree_number": "decree_number = 'SK-PALSU/2099'",
}


@sqlite_only
@pytest.mark.parametrize("column", CHANGES)
@pytest.mark.parametrize("which", ["direct", "on_request"])
def test_an_entry_changed_in_the_database_is_told(keeper, desk, db_url, column, which):
    entries = dict(zip(("direct", "on_request"), two_entries(keeper, desk), strict=True))
    tamper(db_url, "UPDATE exemption SET " + CHANGES[column] + " WHERE id = :id", id=entries[which])  # noqa: S608
    found = state(keeper)
    assert found.broken_at is None  # the chain itself holds: the row changed, not a record
    assert not found.ok
    assert [told.entry for told in found.entries] == [entries[which]]
    if column in ("valid_until", "decree_number"):
        assert f"{column}: " in found.entries[0].reason
    else:
        assert "information, exempted parts, basis, tests or note changed" in found.entries[0].reason


@sqlite_only
def test_an_entry_whose_only_record_was_deleted_is_told(keeper, desk, db_url):
    direct, _on_request = two_entries(keeper, desk)
    tamper(db_url, "DELETE FROM exemption_event WHERE exemption_id = :id", id=direct)
    found = state(keeper)
    assert [(told.entry, told.reason) for told in found.entries] == [(direct, access_log.ENTRY_MISSING)]


def test_the_cli_the_console_and_the_api_tell_the_same_entry(keeper, desk, db_url, browser, login, client, monkeypatch):
    direct, _on_request = two_entries(keeper, desk)
    tamper(db_url, "UPDATE exemption SET valid_until = '2099-12-31' WHERE id = :id", id=direct)
    monkeypatch.setenv("KAWAL_DATABASE_URL", db_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    told = CliRunner().invoke(main, ["audit", "verify"])
    assert told.exit_code == 1
    assert f"exemption register, entry {direct}: the register's entry (valid_until: 2099-12-31)" in told.output
    api = client.get("/api/v1/audit/access/verify", headers=login("auditor")).json
    assert api["exemption"]["entries"] == [
        {"entry": direct, "reason": told.output.split(f"entry {direct}: ")[1].split("\n")[0]}
    ]
    page = browser("auditor").get("/audit", query_string={"periksa": "1"}).get_data(as_text=True)
    assert f"Register Informasi yang Dikecualikan, nomor {direct}" in page
    assert "2099-12-31" in page
    assert "RUSAK" in page
    # The console's list of the last checks keeps it, as it keeps a chain's break.
    listed = browser("auditor").get("/audit").get_data(as_text=True).split('id="checks-title"')[1].split("</table>")[0]
    newest = listed.split("<tr")[2]
    assert "row-overdue" in newest
    assert (
        f"Register Informasi yang Dikecualikan, nomor {direct}: entri register (Berlaku Sampai: 2099-12-31)" in newest
    )


def test_records_written_before_still_verify_and_the_upgrade_covers_every_entry(keeper, desk, db_url):
    """A database of 0055: the PPID's determination recorded in format 1 (no content), the request's entry with no
    record at all. The upgrade appends a snapshot of each; the old record still verifies; from then on a change
    shows."""
    from alembic import command

    from engine.db import alembic_config

    direct, on_request = two_entries(keeper, desk)
    tamper(db_url, "DELETE FROM exemption_event")
    command.downgrade(alembic_config(db_url), "0055")
    with keeper.sessions.begin() as s:  # the PPID's record as 0055 wrote it
        entry = s.get(Exemption, direct)
        old = {k: v for k, v in access_log.exemption_record(entry).items() if k not in ("format", "content")}
        access_log.record(s, access_log.EXEMPTION, direct, "ppid", "exemption_recorded", old, entry.decided_at)
    with keeper.sessions() as s:
        assert [b.entry for b in access_log.verify(s)[access_log.EXEMPTION].entries] == [on_request]  # not covered
    command.upgrade(alembic_config(db_url), "head")
    assert state(keeper) == access_log.ChainState(3, None)
    with keeper.sessions() as s:
        events = s.scalars(select(ExemptionEvent).order_by(ExemptionEvent.id)).all()
        assert [(e.exemption_id, e.type, e.actor) for e in events[1:]] == [
            (direct, "exemption_snapshot", "system"),
            (on_request, "exemption_snapshot", "system"),
        ]
    tamper(db_url, "UPDATE exemption SET harm_test = 'Tidak ada' WHERE id = :id", id=on_request)
    assert [b.entry for b in state(keeper).entries] == [on_request]
