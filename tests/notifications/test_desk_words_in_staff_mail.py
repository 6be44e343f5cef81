"""A staff mail speaks for the desk the case is at, and names whose time a deadline is.

A walker read, on the complaint team's mails, the footer "Pesan ini dikirim otomatis oleh Kawal, sistem layanan
PPID": the complaint team is not the PPID (engine.kinds: a complaint is the complaint team's, never the PPID's). The
footer now names the complaint handling on a complaint's mails, the Whistleblowing System on the WBS managers' mails
(a report received, a request to open a whistleblower's identity), and the PPID on a request's, an objection's and a
dispute's.

The unit's late answer (UNIT, an internal limit) said "batas waktunya sendiri terus berjalan" ("its own time limit
keeps running"): the mail now names the case's legal deadline that keeps running.

The Commission's own periods in a dispute (sengketa_informasi.bpmn's clock "info": the mediation's M14 and M21, the
settlement's K100) were told as "kewajiban hukum PPID sudah melewati batas waktunya": they are the Commission's, not
the PPID's, and a lapse is no fault of the office's. The mail now says whose period it is and what the office does.

Python's decisions (wording) on SQLite alone: nothing is stored."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

from engine import chain
from notifications import wording
from notifications.rendering import EVENTS, ITEM_EVENTS, render
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: wording, nothing stored
from tests.notifications.test_templates import full_context

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"
PPID_FOOTER = {"id": "sistem layanan PPID", "en": "the PPID service system"}
STAFF = sorted(e for e, audience in EVENTS.items() if audience == "staff" and e not in ITEM_EVENTS)
WBS_EVENTS = {"whistleblower_report_received", "reveal_requested", "reveal_decided"}
# A requester's or a reporter's message to the desk is signed by Kawal alone, naming no desk (nor the PPID).
SIGNED_BY_KAWAL_ALONE = {"reporter_message", "requester_message"}
LEGAL = re.compile(
    r"kewajiban hukum|tercatat sebagai keterlambatan|Keterlambatan tercatat|Terlambat|legal obligation"
    r"|recorded as late|delay is recorded|grounds for an objection|Overdue"
)


def _footer(body: str) -> str:
    return body.rstrip("\n").rsplit("\n", 1)[-1]


@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize("event", STAFF)
def test_a_complaint_s_staff_mail_is_never_signed_by_the_ppid_s_system(event, locale):
    _subject, body = render(event, locale, full_context(event, ticket="ADU-2026-000123"))
    footer = _footer(body)
    assert "Kawal" in footer, footer
    assert "PPID" not in footer, footer
    if event in SIGNED_BY_KAWAL_ALONE:
        assert footer.endswith("Kawal."), footer
    elif event in WBS_EVENTS:
        assert "Whistleblowing System" in footer, footer
    else:
        assert ("pengaduan" if locale == "id" else "complaint") in footer, footer


@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize("ticket", ["PPID-2026-000123", "KEB-2026-000001", "SIP-2026-000001"])
def test_a_request_s_objection_s_and_dispute_s_staff_mail_is_the_ppid_s(ticket, locale):
    for event in sorted(set(STAFF) - WBS_EVENTS - SIGNED_BY_KAWAL_ALONE):
        _subject, body = render(event, locale, full_context(event, ticket=ticket))
        assert PPID_FOOTER[locale] in _footer(body), (event, _footer(body))


def _unit_context(ticket: str, left: int) -> dict:
    return {
        "ticket": ticket,
        "deadline": "UNIT",
        "legal_basis": "Batas internal",
        "due_at": "2027-03-09T16:00+07:00",
        "working_days_left": left,
    }


@pytest.mark.parametrize(
    ("ticket", "locale", "named"),
    [
        ("ADU-2027-000001", "id", "batas waktu penyelesaian pengaduan (60 hari"),
        ("ADU-2027-000001", "en", "the time limit for settling the complaint (60 days"),
        ("PPID-2027-000001", "id", "batas waktu pemberitahuan tertulis kepada pemohon (10 hari kerja"),
        ("PPID-2027-000001", "en", "the time limit for the written notice to the requester (10 working days"),
    ],
)
@pytest.mark.parametrize("left", [1, -1])
def test_the_unit_s_late_answer_names_the_case_s_legal_deadline_that_keeps_running(ticket, locale, named, left):
    with time_machine.travel(datetime(2027, 3, 10, 2, 0, tzinfo=UTC), tick=False):
        _subject, body = render("deadline_reminder", locale, _unit_context(ticket, left))
    assert "batas waktunya sendiri" not in body, body
    assert "its own time limit" not in body, body
    assert named in body, body


COMMISSION = {"id": "jangka waktu Komisi Informasi", "en": "a period of the Information Commission"}


def _commission_context(deadline: str, left: int) -> dict:
    return {
        "ticket": "SIP-2027-000001",
        "deadline": deadline,
        "legal_basis": "Perki 1/2013 Pasal 41",
        "due_at": "2027-03-09T16:00+07:00",
        "working_days_left": left,
    }


@pytest.mark.parametrize("deadline", ["M14", "M21", "K100"])
@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize(
    ("event", "left"), [("deadline_reminder", 2), ("deadline_reminder", -1), ("deadline_overdue", -1)]
)
def test_the_commission_s_period_is_never_told_as_the_ppid_s_lateness(deadline, locale, event, left):
    with time_machine.travel(datetime(2027, 3, 10, 2, 0, tzinfo=UTC), tick=False):
        subject, body = render(event, locale, _commission_context(deadline, left))
    assert not LEGAL.search(subject + body), (LEGAL.search(subject + body), body)
    assert COMMISSION[locale] in body, body


def test_the_commission_s_clocks_are_those_the_dispute_model_marks_as_information():
    """engine.chain.holder's rule, read from the model: clock "info" and not the applicant's window."""
    marked = set()
    for props in re.findall(
        r"<spiffworkflow:properties>(.*?)</spiffworkflow:properties>",
        (WORKFLOWS / "sengketa_informasi.bpmn").read_text(),
        re.S,
    ):
        said = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', props))
        if said.get("clock") == "info" and "deadline" in said and said["deadline"] not in chain.APPLICANT_CLOCKS:
            marked.add(said["deadline"])
    # The office's own last days to record a position (p14_lewat, k14_lewat) are information clocks too, so that their
    # lapse tells nobody; they have no reminders, so no staff mail ever names them.
    marked -= chain.OFFICE_LAST_DAYS
    assert {"M14", "M21", "K100"} <= marked
    assert marked == wording.COMMISSION_CLOCKS
