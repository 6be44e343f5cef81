"""A requester's message to the desk (engine.requester_messages) is stored with its case, on both databases.

The words are the requester's own, and may hold their identity: they are kept with the case (``CaseMessage``) and read
on the case page by the PPID's staff; the history records that a message came, its id and length, so the audit
export, the staff mail and the jobs never carry it. A case takes a message while it is open, and once closed while
the requester's route of appeal from it runs unused.
"""

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import requester_messages
from engine.audit import iter_export
from engine.errors import Conflict, Invalid
from engine.models import Case, CaseMessage, Notification
from tests.conftest import sqlite_only
from tests.notifications.test_mail_words import decided

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB

WORDS = "Mohon dijelaskan format salinan yang akan dikirim; saya Ani Wijaya, telepon 0812-1234-5678."


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _send(office, ticket, body=WORDS):
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        return requester_messages.send(s, office.rt, case, body).id


def _refused(office, ticket, body=WORDS):
    try:
        _send(office, ticket, body)
    except (Invalid, Conflict) as refusal:
        return refusal
    return None


def test_the_message_is_kept_with_its_case_and_the_history_and_its_export_name_only_its_id_and_length(office):
    ticket = office.submit()
    message_id = _send(office, ticket)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        kept = s.get(CaseMessage, message_id)
        assert (kept.case_id, kept.body, kept.author) == (case.id, WORDS, "pemohon")
        exported = [row for row in iter_export(s, ticket=ticket) if row["type"] == "requester_message_received"]
        assert [row["data"] for row in exported] == [{"message_id": message_id, "chars": len(WORDS)}]
        assert "Ani Wijaya" not in json.dumps(list(iter_export(s, ticket=ticket)), default=str)
        notices = list(s.scalars(select(Notification).where(Notification.event == "requester_message")))
        assert notices
        assert all("Ani Wijaya" not in json.dumps(n.context) for n in notices)
        assert requester_messages.listed(s, case)[0]["body"] == WORDS
    office.verify()  # the hash chain holds with the new event


# On PostgreSQL too: the first test (the message kept with its case, the history and its export, the staff's notices,
# the chain). The others are @sqlite_only: a message refused or taken is Python's decision (the form's check, the law's
# windows, engine.requester_messages) over rows either database returns alike.
@sqlite_only
def test_an_empty_or_too_long_message_is_refused_and_nothing_is_kept(office):
    ticket = office.submit()
    for body in ("  \r\n ", "x" * (requester_messages.MAX_BODY + 1), None):
        refusal = _refused(office, ticket, body)
        assert isinstance(refusal, Invalid)
        assert [m.code for m in refusal.fields["body"]] in (["message_required"], ["message_too_long"])
    with office.sessions() as s:
        assert s.scalars(select(CaseMessage)).all() == []


@sqlite_only
def test_a_closed_request_takes_messages_until_its_time_to_object_ends(office, clock):
    ticket = office.submit()
    decided(office, ticket)  # refused as exempt, its written notice e-mailed
    assert office.case(ticket).closed_at is not None
    assert _refused(office, ticket) is None  # the notice opened the time to object (O30)
    clock.shift(timedelta(days=120))  # 30 working days on any reading, long past
    refusal = _refused(office, ticket)
    assert isinstance(refusal, Conflict)
    assert refusal.reason == "requester_message_closed"


@sqlite_only
def test_a_complaint_takes_no_message_here_its_reporter_writes_in_its_own_conversation(office):
    complaint, _code = office.complaint()
    refusal = _refused(office, complaint)
    assert isinstance(refusal, Conflict)
    assert refusal.reason == "requester_message_not_here"


def _why_not(office, ticket):
    with office.sessions() as s:
        return requester_messages.why_not(s, office.rt, s.scalar(select(Case).where(Case.ticket == ticket)))


def _upheld_objection(office) -> tuple[str, str]:
    """A refused request and its objection on ground a, upheld by the superior in writing: (request, objection)."""
    from tests.workflows.test_keberatan_paths import _decide, _decided, _to_superior

    request = _decided(office)
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    _decide(office, objection, "keberatan_ditolak")
    assert office.case(objection).closed_at is not None
    return request, objection


@sqlite_only
def test_a_closed_objection_takes_messages_while_its_time_to_bring_a_dispute_runs_and_none_after(office, clock):
    request, objection = _upheld_objection(office)
    assert _why_not(office, objection) is None  # the superior's response opened the time to bring a dispute (D14)
    assert _refused(office, objection) is None
    # The request's way on is its objection: the page sends the requester there, not "your time has ended".
    assert _why_not(office, request) == requester_messages.OBJECTION_FILED
    assert _refused(office, request).reason == "requester_message_closed"
    clock.shift(timedelta(days=60))  # 14 working days on any reading, long past
    assert _why_not(office, objection) == requester_messages.ENDED
    refusal = _refused(office, objection)
    assert isinstance(refusal, Conflict)
    assert refusal.reason == "requester_message_closed"


@sqlite_only
def test_a_closed_objection_takes_no_message_once_a_dispute_was_brought_on_it(office, clock):
    _request, objection = _upheld_objection(office)
    office.dispute(objection)  # within D14: the Commission hears it now, and its parties speak through it
    assert _why_not(office, objection) == requester_messages.ENDED
    refusal = _refused(office, objection)
    assert isinstance(refusal, Conflict)
    assert refusal.reason == "requester_message_closed"
