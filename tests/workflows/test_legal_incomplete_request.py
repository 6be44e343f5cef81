"""Issue 13, point 7: an incomplete request closes with a written notice, never silently.

The requester's time to complete the request is theirs (lenient reading); when it lapses, the PPID
sends a written notice stating what was missing. The notice answers T10 (UU 14/2008 Pasal 22(7)),
reaches the requester, and opens the 30-working-day objection window like any other notice
(Pasal 35-36); nothing closes before it is sent.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import queries
from engine.models import Case, CaseEvent, Notification
from notifications.rendering import render
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import STEP

# Tue 22 Dec 2026, 10:00 WIB, before Cuti Bersama Natal (Thu 24 Dec) and Natal (Fri 25 Dec).
RECEIVED = datetime(2026, 12, 22, 3, 0, tzinfo=UTC)
INCOMPLETE = {"lengkap": False, "kekurangan": "Salinan KTP dan tujuan penggunaan informasi"}


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def test_the_completion_window_is_the_requesters_and_counts_on_the_lenient_reading(office, clock):
    """3 working days from Tue 22 Dec 2026. Strict: Wed 23 (1), Thu 24 (2, a cuti bersama), Mon 28 Dec (3).
    Lenient: 24 Dec does not count, Fri 25 is Natal: Wed 23 (1), Mon 28 (2), Tue 29 Dec 2026 (3), 16:00 WIB.
    The window is the requester's: it ends on the latest reading, and its lapse is no fault of the office."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan", INCOMPLETE)
    window = office.deadline(ticket, "K_LENGKAP")
    assert (window.due_at, window.calendar, window.kind) == (
        datetime(2026, 12, 29, 9, 0, tzinfo=UTC),
        "lenient",
        "window",
    )
    clock.move_to(datetime(2026, 12, 28, 10, 0, tzinfo=UTC))  # Mon 28 Dec, 17:00 WIB: past the strict reading only
    office.run(ticket)
    assert office.open_tasks(ticket) == ["terima_kelengkapan"]
    assert office.deadlines(ticket)["K_LENGKAP"] == "pending"


def test_an_incomplete_request_closes_with_a_written_notice_and_opens_the_objection_window(office, clock):
    """The window lapses Tue 29 Dec 2026, 16:00 WIB: the PPID gets the notice task; nothing is closed yet.
    The notice goes out by Kawal's e-mail on Wed 30 Dec 2026 at 10:00 WIB: it answers T10 (strict: 23, 24, 28, 29,
    30, 31 Dec, 4 Jan, 6, 7, 8 Jan 2027; Fri 1 Jan and Tue 5 Jan are holidays), and opens O30 from the requester's
    receipt, then: in office hours on a working day, so 30 Dec is day zero on the lenient reading too
    (legal-process.md §2.2; it was counted from the end of that day, Tue 16 Feb): Thu 31 Dec (1), Mon 4 Jan (2),
    6-8 Jan (5), 11-15 (10), 18-22 (15), 25-29 (20), 1-4 Feb (24), Fri 5 Feb a cuti bersama, 8-12 Feb (29), Mon 15
    Feb 2027 (30), 16:00 WIB."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan", INCOMPLETE)
    clock.move_to(office.deadline(ticket, "K_LENGKAP").due_at + timedelta(minutes=1))
    office.run(ticket)
    case = office.case(ticket)
    assert (case.status, case.closed_at) == ("menunggu_kelengkapan", None)
    assert office.open_tasks(ticket) == ["pemberitahuan_tidak_lengkap"]
    clock.move_to(datetime(2026, 12, 30, 3, 0, tzinfo=UTC))
    notice = {**STEP["pemberitahuan_tidak_lengkap"], "kekurangan": INCOMPLETE["kekurangan"]}
    office.complete(ticket, "pemberitahuan_tidak_lengkap", {**notice, "tanggal_pemberitahuan": "2026-12-30"})
    case = office.case(ticket)
    assert (case.status, case.closed_at is not None) == ("ditutup_tidak_lengkap", True)
    t10 = office.deadline(ticket, "T10")
    assert (t10.status, t10.met_on.isoformat()) == ("met", "2026-12-30")
    with office.sessions() as s:
        sent = s.scalars(select(Notification.event).join(Case).where(Case.ticket == ticket)).all()
        recorded = s.scalar(
            select(CaseEvent)
            .join(Case)
            .where(Case.ticket == ticket, CaseEvent.type == "task_completed")
            .order_by(CaseEvent.id.desc())
            .limit(1)
        )
        shown = queries.public_status(s, s.scalar(select(Case).where(Case.ticket == ticket)), "id", office.rt)
    assert "decision_notice" in sent
    assert recorded.data["data"]["kekurangan"] == "Salinan KTP dan tujuan penggunaan informasi"
    assert "keberatan" in shown["next_step"]
    [window] = shown["windows"]
    assert (window["name"], window["due_at"]) == ("O30", datetime(2027, 2, 15, 9, 0, tzinfo=UTC))


def test_the_requester_is_told_what_is_missing_and_until_when(office, clock):
    """§3.10: the request waits for its completion, and the requester must know for what and until when. Before,
    the only message was the receipt, and the status page showed T10 with "nothing for you to do"."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan", INCOMPLETE)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        [row] = s.scalars(
            select(Notification).where(Notification.case_id == case.id, Notification.event == "completion_request")
        ).all()
        subject, body = render(row.event, "id", row.context)
        shown = queries.public_status(s, case, "id", office.rt)
    assert ticket in subject
    assert "Salinan KTP dan tujuan penggunaan informasi" in body
    assert "Jatuh tempo  : 29 Desember 2026 pukul 16.00 WIB" in body  # the requester's window, on its lenient reading
    assert shown["missing"] == "Salinan KTP dan tujuan penggunaan informasi"
    assert (shown["due_name"], shown["due_owner"]) == ("K_LENGKAP", "citizen")
    assert shown["due_at"] == datetime(2026, 12, 29, 9, 0, tzinfo=UTC)
    office.complete(ticket, "terima_kelengkapan", {**STEP["terima_kelengkapan"], "dilengkapi_pada": "2026-12-22"})
    with office.sessions() as s:
        assert (
            queries.public_status(s, s.scalar(select(Case).where(Case.ticket == ticket)), "id", office.rt)["missing"]
            is None
        )
