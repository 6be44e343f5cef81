"""legal-process.md §2.2 in the registers and reports: the days may be counted on the strict calendar, but a document
never says the office was late on the strict reading alone (cuti bersama counted as working days); it says late only
once the lenient count has lapsed too, and it says which reading it used.

Walk report, session 41: PPID-2025-000003 took 11 working days on the strict reading and 10 on the lenient one, yet
the register and the yearly report counted it "answered late". A request closed as incomplete kept no date or form
of its written notice in the register (legal-process.md §3.3: date and form of the written notice).
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import kinds, lateness, registers, reports
from engine.models import Case, CaseFacts, Notification, Reminder
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import STEP
from tests.workflows.test_legal_lateness import LENIENT_T10, RECEIVED, STRICT_T10, _send_due_reminders, _to_notice


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _facts(office, ticket):
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        return s.get(CaseFacts, case.id)


def _register_row(office, ticket):
    with office.sessions() as s:
        rows = registers.rows(s, office.rt, office.user(s, "ppid"), registers.Filter(kinds.REQUEST))
        return next(row for row in rows if row["ticket"] == ticket)


def _report(office):
    with office.sessions() as s:
        return reports.annual_report(s, office.rt, reports.Period(2026))


def test_report_does_not_count_late_on_strict_calendar_alone(office, clock):
    """Received Tue 17 Mar 2026; the notice went out Thu 2 Apr: 11 working days on the strict reading (T10 lapsed
    on 1 Apr), 7 on the lenient one (T10 on 8 Apr). The office is flagged internally; the register and the yearly
    report do not call the request late."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    clock.move_to(STRICT_T10 + timedelta(hours=1))
    office.run(ticket)
    assert office.case(ticket).overdue is True  # the office's own clock: escalation, staff told
    clock.move_to(datetime(2026, 4, 2, 3, 0, tzinfo=UTC))
    _to_notice(office, ticket)
    notice = {
        **STEP["pemberitahuan_tertulis"],
        "jadwal_penyerahan": "2026-04-02",
        "tanggal_pemberitahuan": "2026-04-02",
    }
    office.complete(ticket, "pemberitahuan_tertulis", notice)
    assert office.case(ticket).overdue is True
    assert _facts(office, ticket).decision_days == 11  # counted on the strict calendar, as the document says
    assert _register_row(office, ticket)["overdue"] is False
    report = _report(office)
    assert (report.value("time.overdue"), report.value("time.band_11_17")) == (0, 1)


def test_report_counts_late_once_the_lenient_count_has_lapsed_too(office, clock):
    """The same request answered on Thu 9 Apr 2026, after the lenient T10 (8 Apr): late on every reading."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    clock.move_to(LENIENT_T10 + timedelta(hours=1))
    office.run(ticket)
    clock.move_to(datetime(2026, 4, 9, 3, 0, tzinfo=UTC))
    _to_notice(office, ticket)
    notice = {
        **STEP["pemberitahuan_tertulis"],
        "jadwal_penyerahan": "2026-04-09",
        "tanggal_pemberitahuan": "2026-04-09",
    }
    office.complete(ticket, "pemberitahuan_tertulis", notice)
    assert _register_row(office, ticket)["overdue"] is True
    assert _report(office).value("time.overdue") == 1


def test_an_unanswered_request_counts_late_when_the_apology_tells_the_requester_so(office, clock):
    """Not answered: past the strict T10 only, the report says nothing of lateness; when the lenient T10 lapses the
    apology's reminder tells the requester, and the report counts it "not answered though a deadline was missed"."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    clock.move_to(STRICT_T10 + timedelta(hours=1))
    office.run(ticket)
    _send_due_reminders(office)
    assert _report(office).value("time.overdue_unanswered") == 0
    clock.move_to(LENIENT_T10 + timedelta(hours=1))
    _send_due_reminders(office)
    assert _report(office).value("time.overdue_unanswered") == 1


def test_a_request_closed_as_incomplete_keeps_the_date_and_form_of_its_written_notice(office, clock):
    """legal-process.md §3.3: the register holds the date and form of the written notice; for a request the
    requester did not complete, the notice of what was missing (which answers T10)."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan", {"lengkap": False, "kekurangan": "Salinan KTP"})
    clock.move_to(office.deadline(ticket, "K_LENGKAP").due_at + timedelta(minutes=1))
    office.run(ticket)
    sent = (office.deadline(ticket, "K_LENGKAP").due_at + timedelta(minutes=1)).date()
    notice = {**STEP["pemberitahuan_tidak_lengkap"], "kekurangan": "Salinan KTP", "dikirim_melalui": "email"}
    office.complete(ticket, "pemberitahuan_tidak_lengkap", {**notice, "tanggal_pemberitahuan": sent.isoformat()})
    assert office.case(ticket).status == "ditutup_tidak_lengkap"
    row = _register_row(office, ticket)
    assert (row["result"], row["notice_sent_on"], row["notice_via"]) == (
        "ditutup_tidak_lengkap",
        sent,
        "email",
    )
    # The completion window (3 working days, lenient) lapsed on Fri 27 Mar, the notice's day: 7 working days from
    # day zero (Tue 17 Mar) on the strict calendar the register counts on (see STRICT_T10).
    assert row["decision_days"] == 7
    report = _report(office)
    assert (report.value("outcomes.closed_incomplete"), report.value("outcomes.decided")) == (1, 0)
    assert report.time_to_fulfil.decided == 0  # no decision: not in the time to fulfil


def test_a_sweep_at_the_apology_s_very_instant_counts_the_request_late_as_the_apology_says(office, clock):
    """The apology judges the moment just after its instant (engine.lateness.apologize_when_due); the report's facts
    are judged at that same moment, so a sweep run exactly when the lenient T10 lapses both tells the requester the
    office is late and counts the request late."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    clock.move_to(STRICT_T10 + timedelta(hours=1))
    office.run(ticket)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        (fire_at,) = s.scalars(
            select(Reminder.fire_at).where(Reminder.case_id == case.id, Reminder.kind == lateness.APOLOGY_KIND)
        ).all()
    with time_machine.travel(fire_at, tick=False):
        _send_due_reminders(office)
        with office.sessions() as s:
            apologies = s.scalars(select(Notification.id).where(Notification.event == "overdue_apology")).all()
    assert len(apologies) == 1
    assert _facts(office, ticket).overdue is True
    assert _report(office).value("time.overdue_unanswered") == 1
