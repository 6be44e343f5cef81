"""What issuing a letter costs a completion: the case's history and the requester's identity read once for all
the letters of the completion (engine.letters.context.CaseRecord), and a bounded number of statements.

The budgets are what a completion needed when they were written (December 2026, SQLite and PostgreSQL alike):
a change that makes a completion read more fails here and says by how much.
"""

from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import event, select

from engine import intake
from engine.letters import issue
from engine.models import Case, Letter
from tests.conftest import request_payload
from tests.helpers import GRANT_DATA, GRANT_PATH, GRANT_REQUEST, dated, decision

REQUESTER = request_payload()["requester"]
# Statements of one completion, engine level (tests/workflows/conftest.py Office.complete: finding the task and
# its officer included): a task that issues no letter, and the two of the grant path that issue one. Before the
# letters read their sources once, the two took 35 and 45.
BUDGET = {"periksa_kelengkapan": 19, "registrasi": 29, "pemberitahuan_tertulis": 38}


@pytest.fixture
def at_receipt():
    with time_machine.travel(datetime(2026, 11, 30, 2, 0, tzinfo=UTC), tick=True):  # Monday 09:00 WIB
        yield


@contextmanager
def statements(office):
    """Every SQL statement the office's database is sent meanwhile."""
    seen: list[str] = []

    def note(_conn, _cursor, statement, _parameters, _context, _executemany):
        seen.append(" ".join(statement.split()))

    engine = office.sessions.kw["bind"]
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def contents(office, ticket) -> dict[str, dict]:
    """The sealed content of each letter of the case, by locale."""
    with office.sessions() as s:
        rows = s.scalars(select(Letter).join(Case).where(Case.ticket == ticket).order_by(Letter.id))
        return {letter.locale: issue.unseal(office.rt, letter) for letter in rows}


def test_both_copies_for_an_english_writing_requester_are_addressed_to_them_from_one_read_of_their_identity(
    office, at_receipt
):
    with office.sessions.begin() as s:
        ticket = intake.submit_request(s, office.rt, request_payload(), locale="en").case.ticket
    office.complete(ticket, "periksa_kelengkapan")
    with statements(office) as seen:
        office.complete(ticket, "registrasi")
    letters = contents(office, ticket)
    assert sorted(letters) == ["en", "id"]
    for locale, content in letters.items():
        assert content["letter"]["locale"] == locale
        assert content["requester"]["name"] == REQUESTER["name"]
        assert content["requester"]["address"] == REQUESTER["address"]
        assert content["requester"]["locale"] == "en"
        assert "nik" not in content["requester"]
    assert sum(" FROM party " in f" {sql} " for sql in seen) == 1


def test_an_indonesian_writing_requester_gets_one_copy_and_their_identity_is_read_once(office, at_receipt):
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    with statements(office) as seen:
        office.complete(ticket, "registrasi")
    letters = contents(office, ticket)
    assert list(letters) == ["id"]
    assert letters["id"]["requester"]["name"] == REQUESTER["name"]
    assert sum(" FROM party " in f" {sql} " for sql in seen) == 1


def test_a_completion_stays_within_its_statement_budget_whether_or_not_it_issues_a_letter(office, at_receipt):
    ticket = office.submit()
    counted = {}
    for step in GRANT_PATH[:-1]:  # up to the hand-over
        data = decision("dikabulkan_seluruhnya") if step == "putuskan" else None
        with statements(office) as seen:
            office.complete(ticket, step, data)
        counted[step] = len(seen)
    over = {step: (counted[step], limit) for step, limit in BUDGET.items() if counted[step] > limit}
    assert not over, f"statements (counted, budget): {over}"
    with office.sessions() as s:
        kinds = s.scalars(select(Letter.kind).join(Case).where(Case.ticket == ticket).order_by(Letter.id)).all()
    assert kinds == ["tanda_bukti_penerimaan", "pemberitahuan_tertulis"]


def test_handing_over_without_a_file_to_scan_reads_the_requesters_identity_once_for_its_receipt(office, at_receipt):
    # The requester's own NIK, phone and e-mail are what the personal-data scan must not flag in their files
    # (engine.task_files.requester_identity); with no file sent there is nothing to scan: the identity is read
    # once, for the handover's receipt that names the requester (legal-process.md §10b). A printed copy handed over in
    # person has no file (a digital one has: engine.delivery.require_files).
    ticket = office.submit(**GRANT_REQUEST)
    for step in GRANT_PATH[:-1]:  # up to the hand-over
        office.complete(ticket, step, decision("dikabulkan_seluruhnya") if step == "putuskan" else None)
    received_on = office.case(ticket).received_at.astimezone(office.rt.calendars["strict"].tz).date().isoformat()
    with statements(office) as seen:
        office.complete(ticket, GRANT_PATH[-1], dated(GRANT_DATA[GRANT_PATH[-1]], received_on))
    assert office.case(ticket).status == "selesai"
    assert sum(" FROM party " in f" {sql} " for sql in seen) == 1
    assert contents(office, ticket)["id"]["type"]["code"] == "berita_acara_serah_terima"
