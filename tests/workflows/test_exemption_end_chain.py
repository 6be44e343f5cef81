"""An entry's early end is held to the exemption register's hash chain (engine.access_log EXEMPTION, format 3): when an
objection granted in full or a final decision overturns the refusal it rests on (engine.exemption_ends), the chain gets
an ``exemption_ended`` record with the day and the reason's code, in the same transaction as the end, and ``kawal audit
verify`` compares the entry's ``ended_on`` and ``ended_reason`` with it. An end written, changed or erased in the
database is told. A record older than format 3 says nothing of an end (the snapshot of migration 0056 took each entry
as it stood, its end not among what it held): such an entry's end is compared with its request's history, where every
end left an ``exemption_ended`` event since migration 0023, so an entry ended before still verifies.

On PostgreSQL too: the end's record in the chain (its JSON read back), an end changed in the database with SQL (a day, a
NULL, a JSON reason, read back as each database returns them) and the end and its record in one transaction. The
others (``sqlite_only``) run the same comparison in Python again over rows either database returns alike (the CLI's
``kawal audit verify`` on PostgreSQL: tests/dip/test_exemption_register_chain.py)."""

import pytest
import time_machine
from sqlalchemy import create_engine, select
from sqlalchemy import text as sql

from engine import access_log
from engine.models import Exemption, ExemptionEvent
from tests.conftest import sqlite_only
from tests.workflows.test_exemption_overturned import RECEIVED, _dispute_decided, _final, _objection_decided, _refused


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def tamper(office, statement: str, **params) -> None:
    """A change made in the database itself, past Kawal."""
    engine = create_engine(office.rt.settings.database_url)
    with engine.begin() as conn:
        conn.execute(sql(statement), params)
    engine.dispose()


def entry_told(office) -> list[tuple[int, str]]:
    with office.sessions() as s:
        state = access_log.verify(s)[access_log.EXEMPTION]
    assert state.broken_at is None  # the chain itself holds: the row changed, not a record
    return [(told.entry, told.reason) for told in state.entries]


def records(office, entry_id: int) -> list[ExemptionEvent]:
    with office.sessions() as s:
        return s.scalars(
            select(ExemptionEvent).where(ExemptionEvent.exemption_id == entry_id).order_by(ExemptionEvent.id)
        ).all()


def ended_by_objection(office) -> tuple[Exemption, str]:
    request = _refused(office)
    objection = _objection_decided(office, request, ("a",), "keberatan_dikabulkan_seluruhnya")
    with office.sessions() as s:
        (entry,) = s.scalars(select(Exemption)).all()
    return entry, objection


def test_an_objection_granted_in_full_records_the_end_in_the_register_s_chain(office, clock):
    entry, objection = ended_by_objection(office)
    determined, ended = records(office, entry.id)
    assert determined.type == "exemption_determined"
    assert (determined.data["format"], determined.data["ended_on"], determined.data["ended_reason"]) == (3, None, None)
    assert ended.type == "exemption_ended"
    assert ended.data["format"] == 3
    assert ended.data["ended_on"] == entry.ended_on.isoformat()
    assert ended.data["ended_reason"] == {"code": "objection_granted", "params": {"objection": objection}}
    assert ended.data["content"] == determined.data["content"]  # the entry's text did not change, nor is it held
    assert entry_told(office) == []
    office.verify()


@sqlite_only
def test_a_final_decision_records_the_end_in_the_register_s_chain(office, clock):
    _request, dispute = _dispute_decided(office, clock, "dikabulkan_seluruhnya")
    _final(office, clock, dispute, certified="2027-04-02")
    with office.sessions() as s:
        (entry,) = s.scalars(select(Exemption)).all()
    ended = records(office, entry.id)[-1]
    assert (ended.type, ended.data["ended_on"]) == ("exemption_ended", "2027-04-02")
    assert ended.data["ended_reason"]["code"] == "dispute_final"
    assert ended.data["ended_reason"]["params"]["dispute"] == dispute
    assert entry_told(office) == []


TAMPERED = {
    "ended_on_moved": ("ended_on = '2030-01-01'", "ended_on: 2030-01-01"),
    "end_erased": ("ended_on = NULL, ended_reason = NULL", "ended_on: -"),
    "reason_changed": (
        """ended_reason = '{"code": "objection_granted", "params": {"objection": "KEB-2099-000001"}}'""",
        "ended_reason: objection_granted KEB-2099-000001",
    ),
}


@pytest.mark.parametrize("change", TAMPERED)
def test_an_end_changed_in_the_database_is_told(office, clock, change):
    entry, _objection = ended_by_objection(office)
    statement, said = TAMPERED[change]
    tamper(office, "UPDATE exemption SET " + statement + " WHERE id = :id", id=entry.id)  # noqa: S608
    ((told, reason),) = entry_told(office)
    assert told == entry.id
    assert reason.startswith(f"the register's entry ({said}) is not what its chain last recorded (")


@sqlite_only
def test_an_entry_ended_in_the_database_without_a_record_is_told(office, clock):
    """The entry holds (its last record, of format 3, says so); someone ends it in the database so that a later
    refusal cannot cite it, or to make it look overturned."""
    _refused(office)
    with office.sessions() as s:
        (entry_id,) = s.scalars(select(Exemption.id)).all()
    assert entry_told(office) == []
    tamper(office, "UPDATE exemption SET ended_on = '2026-12-03' WHERE id = :id", id=entry_id)
    assert entry_told(office) == [
        (entry_id, "the register's entry (ended_on: 2026-12-03) is not what its chain last recorded (-)")
    ]


@sqlite_only
def test_the_cli_tells_an_end_changed_in_the_database(office, clock, monkeypatch):
    from click.testing import CliRunner

    from api.cli import main

    entry, _objection = ended_by_objection(office)
    tamper(office, "UPDATE exemption SET ended_on = '2030-01-01' WHERE id = :id", id=entry.id)
    monkeypatch.setenv("KAWAL_DATABASE_URL", office.rt.settings.database_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    told = CliRunner().invoke(main, ["audit", "verify"])
    assert told.exit_code == 1
    assert f"exemption register, entry {entry.id}: the register's entry (ended_on: 2030-01-01)" in told.output


def _as_before_format_3(office, entry_id: int) -> None:
    """The entry's chain as a Kawal before format 3 left it: its records without the end (the end record removed,
    the chain rehashed from there, as an older database holds it)."""
    with office.sessions.begin() as s:
        kept = s.scalars(select(ExemptionEvent).order_by(ExemptionEvent.id)).all()
        for row in kept:
            s.delete(row)
        s.flush()
        for row in kept:
            if row.type == "exemption_ended":
                continue
            data = {k: v for k, v in row.data.items() if k not in ("ended_on", "ended_reason")} | {"format": 2}
            access_log.record(s, access_log.EXEMPTION, row.exemption_id, row.actor, row.type, data, row.at)


@sqlite_only
def test_an_entry_ended_before_format_3_still_verifies_against_its_request_s_history(office, clock):
    entry, _objection = ended_by_objection(office)
    _as_before_format_3(office, entry.id)
    assert [r.data["format"] for r in records(office, entry.id)] == [2]
    assert entry_told(office) == []  # its end is the one its request's history recorded


@sqlite_only
@pytest.mark.parametrize(
    ("statement", "said"),
    [
        ("ended_on = '2030-01-01'", "2030-01-01"),
        ("ended_on = NULL, ended_reason = NULL", "-"),
    ],
    ids=["moved", "erased"],
)
def test_an_older_entry_s_end_changed_in_the_database_is_told_by_its_request_s_history(office, clock, statement, said):
    entry, _objection = ended_by_objection(office)
    _as_before_format_3(office, entry.id)
    tamper(office, "UPDATE exemption SET " + statement + " WHERE id = :id", id=entry.id)  # noqa: S608
    recorded = entry.ended_on.isoformat()
    assert entry_told(office) == [
        (
            entry.id,
            f"the register's entry (ended_on: {said}) is not what its request's history recorded ({recorded})",
        )
    ]


@sqlite_only
def test_an_older_entry_ended_in_the_database_without_any_event_is_told(office, clock):
    _refused(office)
    with office.sessions() as s:
        (entry_id,) = s.scalars(select(Exemption.id)).all()
    _as_before_format_3(office, entry_id)
    tamper(office, "UPDATE exemption SET ended_on = '2026-12-03' WHERE id = :id", id=entry_id)
    assert entry_told(office) == [
        (entry_id, "the register's entry (ended_on: 2026-12-03) is not what its request's history recorded (-)")
    ]


def test_the_end_and_its_record_are_one_transaction(office, clock, monkeypatch):
    """A record that cannot be written leaves the entry in force: the decision that would end it fails whole."""
    from engine import exemption_ends

    def refuse(*_args, **_kwargs):
        raise RuntimeError("the chain cannot be written")

    request = _refused(office)
    monkeypatch.setattr(exemption_ends.access_log, "record", refuse)
    with pytest.raises(RuntimeError):
        _objection_decided(office, request, ("a",), "keberatan_dikabulkan_seluruhnya")
    monkeypatch.undo()
    with office.sessions() as s:
        (entry,) = s.scalars(select(Exemption)).all()
    assert entry.ended_on is None
    assert [r.type for r in records(office, entry.id)] == ["exemption_determined"]


@sqlite_only
def test_the_auditor_reads_the_end_on_the_access_page_and_a_changed_end_in_the_check(office, clock, browser):
    entry, _objection = ended_by_objection(office)
    auditor = browser("auditor")
    page = auditor.get("/audit/akses").get_data(as_text=True)
    (line,) = [row for row in page.split("<tr>") if "Entri register berakhir" in row]
    assert "Entri register berakhir: penolakan yang didasarkan padanya dibatalkan: keputusan" in line
    assert f"; berakhir pada {entry.ended_on.day} Des {entry.ended_on.year}" in line
    _as_before_format_3(office, entry.id)
    tamper(office, "UPDATE exemption SET ended_on = NULL, ended_reason = NULL WHERE id = :id", id=entry.id)
    checked = auditor.get("/audit", query_string={"periksa": "1"}).get_data(as_text=True)
    assert f"Register Informasi yang Dikecualikan, nomor {entry.id}" in checked
    assert "entri register (Tanggal Berakhir: -) tidak sama dengan yang dicatat riwayat permohonannya" in checked
