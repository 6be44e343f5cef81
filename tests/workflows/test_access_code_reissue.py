"""A new access code for a case, and the record of the portal forms that filed a case (engine level).

The access code is stored only as a hash, so a code that never reached its owner cannot be shown
again: ``casework.reissue_access_code`` replaces it, in the caller's transaction, and the history
says so without the code. ``engine.submissions`` keeps which form key filed which case, for a day.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from engine import casework, complaints, intake, submissions
from engine.errors import NotFound
from engine.models import Case, CaseEvent, Submission
from tests.conftest import complaint_payload, request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
KEY_HASH = "a" * 64  # a submission key's HMAC, as the portal computes it


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def filed(office) -> tuple[str, str]:
    """An information request filed online: (ticket, access code)."""
    with office.sessions.begin() as s:
        sub = intake.submit_request(s, office.rt, request_payload())
        return sub.case.ticket, sub.access_code


def reissued(office, ticket, actor="pemohon") -> str:
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        return casework.reissue_access_code(s, case, actor, "form_sent_again")


def opens(office, ticket, code) -> bool:
    with office.sessions() as s:
        try:
            casework.find_by_code(s, ticket, code)
        except NotFound:
            return False
        return True


def events(office, ticket, type_) -> list[CaseEvent]:
    with office.sessions() as s:
        return list(
            s.scalars(
                select(CaseEvent)
                .join(Case)
                .where(Case.ticket == ticket, CaseEvent.type == type_)
                .order_by(CaseEvent.seq)
            )
        )


# --- reissuing an access code ----------------------------------------------------------------------


def test_a_reissued_code_opens_the_case_and_the_old_one_no_longer_does(office):
    ticket, old = filed(office)
    new = reissued(office, ticket)
    assert new != old
    assert opens(office, ticket, new)
    assert not opens(office, ticket, old)


def test_the_history_records_the_reissue_by_the_requester_without_the_code(office):
    ticket, _old = filed(office)
    new = reissued(office, ticket)
    [event] = events(office, ticket, "access_code_reissued")
    assert (event.actor, event.data) == ("pemohon", {"reason": "form_sent_again", "for": ticket})
    assert new not in repr(event.data)
    assert office.case(ticket).access_code_hash not in repr(event.data)
    office.verify()  # the hash chain still holds


def test_a_reissue_rolled_back_leaves_the_old_code_and_no_event(office):
    ticket, old = filed(office)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        casework.reissue_access_code(s, case, "pemohon", "form_sent_again")
        s.rollback()
    assert opens(office, ticket, old)
    assert events(office, ticket, "access_code_reissued") == []


def test_a_reissued_request_code_follows_the_chain_to_its_objection(office):
    ticket, old = filed(office)
    objection = office.objection(ticket, grounds=("c",))
    new = reissued(office, ticket)
    assert opens(office, objection, new)
    assert not opens(office, objection, old)
    assert len(events(office, objection, "access_code_reissued")) == 1
    office.verify()


def test_a_complaints_code_is_reissued_by_its_reporter(office):
    with office.sessions.begin() as s:
        sub = complaints.submit_complaint(s, office.rt, complaint_payload("anonim"))
        ticket, old = sub.case.ticket, sub.access_code
    new = reissued(office, ticket, actor=complaints.REPORTER)
    assert opens(office, ticket, new)
    assert not opens(office, ticket, old)
    assert [e.actor for e in events(office, ticket, "access_code_reissued")] == ["pelapor"]


# --- the record of the forms that filed a case ------------------------------------------------------


def test_a_key_finds_the_case_it_filed_for_a_day(office):
    ticket, _code = filed(office)
    with office.sessions.begin() as s:
        assert submissions.record(s, KEY_HASH, s.scalar(select(Case).where(Case.ticket == ticket)))
    with office.sessions() as s:
        assert submissions.filed_case(s, KEY_HASH).ticket == ticket
        assert submissions.filed_case(s, "b" * 64) is None
    # The clock runs on from RECEIVED while the case is filed: a loaded machine may spend seconds on it.
    with time_machine.travel(RECEIVED + submissions.WINDOW + timedelta(minutes=5)), office.sessions() as s:
        assert submissions.filed_case(s, KEY_HASH) is None


def test_a_key_files_one_case_only(office):
    first, _code = filed(office)
    second, _code = filed(office)
    with office.sessions.begin() as s:
        assert submissions.record(s, KEY_HASH, s.scalar(select(Case).where(Case.ticket == first)))
    with office.sessions() as s:
        # The same form sent twice at once: the second filing finds the key taken and is rolled back.
        assert not submissions.record(s, KEY_HASH, s.scalar(select(Case).where(Case.ticket == second)))
        s.rollback()
    with office.sessions() as s:
        assert submissions.filed_case(s, KEY_HASH).ticket == first


def test_a_filing_rolled_back_leaves_neither_case_nor_record(office):
    with office.sessions() as s:
        sub = intake.submit_request(s, office.rt, request_payload())
        assert submissions.record(s, KEY_HASH, sub.case)
        s.rollback()  # a crash before the commit
    with office.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0
        assert s.scalar(select(func.count()).select_from(Submission)) == 0


def test_records_older_than_a_day_are_pruned_when_a_filing_is_recorded(office):
    ticket, _code = filed(office)
    with office.sessions.begin() as s:
        submissions.record(s, KEY_HASH, s.scalar(select(Case).where(Case.ticket == ticket)))
    with time_machine.travel(RECEIVED + submissions.WINDOW + timedelta(minutes=1), tick=True):
        later, _code = filed(office)
        with office.sessions.begin() as s:
            submissions.record(s, "b" * 64, s.scalar(select(Case).where(Case.ticket == later)))
    with office.sessions() as s:
        assert s.scalars(select(Submission.key_hash)).all() == ["b" * 64]


def test_forgetting_a_cases_filing_lets_its_key_file_anew(office):
    ticket, _code = filed(office)
    with office.sessions.begin() as s:
        submissions.record(s, KEY_HASH, s.scalar(select(Case).where(Case.ticket == ticket)))
    with office.sessions.begin() as s:
        submissions.forget(s, [ticket])
    with office.sessions() as s:
        assert submissions.filed_case(s, KEY_HASH) is None
