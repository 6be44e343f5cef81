"""The mails say what an anonymous complaint's evidence lapse leads to by the path the case's process version takes
(engine.evidence_lapse, read when the mail is sent: notifications.case_facts), never "dianggap dicabut" where it will
close as not actionable and be kept as bahan informasi (legal-process.md §7.3 rule 4; pengaduan version 4).

The reporter's mails (the evidence request, its reminder, the closing, the reopening) and the team's mails about the
reporter's window (BUKTI: its reminder and its end). An anonymous reporter leaves no address today (engine.complaints),
so their mails are read here as rendered for the case; the team's are sent. An anonymous complaint started on version
3, and a named one, are still told they would be, or are, deemed withdrawn.
"""

import dataclasses
import shutil
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine.models import Case, Notification, Reminder
from engine.notices import remind
from engine.runtime import Runtime
from notifications import case_facts, rendering
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the mails' wording over known rows
from tests.notifications.staff import officers_have_mail, smtp_settings
from tests.notifications.test_mail_words import send
from tests.notifications.test_templates import full_context
from tests.workflows.conftest import Office
from tests.workflows.test_anonymous_complaint_without_evidence_not_actionable import asked
from tests.workflows.test_pengaduan_paths import FIXTURES, RECEIVED

REPORTER_EVENTS = ("complaint_question", "reporter_reminder", "complaint_deemed_withdrawn", "complaint_reopened")
# What each reporter's mail says of an anonymous complaint on version 4 (id, en).
SAYS = {
    "complaint_question": (
        "pengaduan anonim ini tidak dapat diklarifikasi dan ditutup sebagai tidak dapat ditindaklanjuti",
        "this anonymous complaint cannot be clarified and is closed as not actionable",
    ),
    "reporter_reminder": (
        "pengaduan anonim ini tidak dapat diklarifikasi dan ditutup sebagai tidak dapat ditindaklanjuti",
        "this anonymous complaint cannot be clarified and is closed as not actionable",
    ),
    "complaint_deemed_withdrawn": (
        "pengaduan Anda tidak dapat ditindaklanjuti dan penanganannya dihentikan; pengaduan tetap kami simpan sebagai"
        " bahan informasi",
        "your complaint is not actionable and its handling has stopped; we keep it as information",
    ),
    "complaint_reopened": (
        "pengaduan yang ditutup sebagai tidak dapat ditindaklanjuti itu kini dibuka kembali",
        "the complaint closed as not actionable is now reopened",
    ),
}


@pytest.fixture
def settings_overrides(mailbox):
    return smtp_settings(mailbox, sender="pengaduan@kanwil.example")


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def on_version_3(settings, session_factory_, tmp_path) -> Office:
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(FIXTURES / "pengaduan.v3.bpmn", workflows / "pengaduan.bpmn")
    return Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))


def mail_for(office, ticket, event, locale) -> tuple[str, str]:
    """``event`` for ``ticket``'s reporter as it is sent: the row's context with what case_facts reads when sending."""
    context = full_context(event, ticket=ticket, deadline="BUKTI", legal_basis="UU 25/2009 Pasal 45 (30 hari)")
    with office.sessions() as s:
        case_id = s.scalar(select(Case.id).where(Case.ticket == ticket))
        row = Notification(case_id=case_id, event=event, context=context, to_requester=True, channel="smtp")
        context |= case_facts.evidence_lapse_of(s, office.rt, row)
    return rendering.render(event, locale, context)


def test_the_reporter_s_mails_tell_an_anonymous_reporter_on_version_4_it_would_be_not_actionable(
    office, settings, session_factory_, tmp_path, clock
):
    old, _ = asked(on_version_3(settings, session_factory_, tmp_path), "anonim")
    new, _ = asked(office, "anonim")
    named, _ = asked(office, "rahasia")
    for event in REPORTER_EVENTS:
        for locale, says in zip(("id", "en"), SAYS[event], strict=True):
            subject, body = mail_for(office, new, event, locale)
            flat = " ".join(body.split())
            assert says in flat, (event, locale, body)
            assert "dicabut" not in (subject + flat).lower()
            assert "withdrawn" not in (subject + flat).lower()
        for ticket in (old, named):  # what will happen to them: deemed withdrawn
            subject, body = mail_for(office, ticket, event, "id")
            assert "dianggap dicabut" in (subject + body).lower(), (event, body)
            assert "bahan informasi" not in body
    subject, body = mail_for(office, new, "complaint_deemed_withdrawn", "id")
    assert subject.endswith("Tidak Dapat Ditindaklanjuti")
    assert "Dasar hukum" not in body  # the anonymous closing cites no Pasal 45 (§7.3 rule 4 is practice, not a law)


def test_the_team_s_mail_after_the_reporter_s_window_says_an_anonymous_complaint_closes_as_not_actionable(
    app, settings, mailbox, office, session_factory_, tmp_path, clock
):
    """BUKTI's "+1:group" reminder (pengaduan.bpmn), as the team reads it the day after the window ended, sent."""
    officers_have_mail(office)
    old, _ = asked(on_version_3(settings, session_factory_, tmp_path), "anonim")
    new, _ = asked(office, "anonim")
    with office.sessions() as s:
        after = {
            ticket: s.scalar(
                select(Reminder).where(
                    Reminder.deadline_id == office.deadline(ticket, "BUKTI").id, Reminder.audience == "group"
                )
            ).id
            for ticket in (new, old)
        }
    clock.move_to(office.deadline(new, "BUKTI").due_at + timedelta(days=2))
    with office.sessions.begin() as s:
        for reminder_id in after.values():
            remind(s, office.rt, s.get(Reminder, reminder_id))
    mails = send(app, settings, mailbox, "deadline_reminder")
    about = {ticket: [m.text for m in mails if ticket in m.subject] for ticket in (new, old)}
    assert about[new], [m.subject for m in mails]
    assert about[old], [m.subject for m in mails]
    for text in about[new]:
        assert "pengaduan lalu ditutup sebagai tidak dapat ditindaklanjuti (anonim, tidak dapat diklarifikasi)" in text
        assert "dianggap dicabut" not in text
    for text in about[old]:
        assert "pengaduan lalu dianggap dicabut" in text
    # the overdue notice of the same window words it alike (rendered as sent)
    context = full_context("deadline_overdue", ticket=new, deadline="BUKTI", deadline_holder="requester")
    _subject, body = rendering.render("deadline_overdue", "en", {**context, "akibat_tanpa_bukti": "not_actionable"})
    assert "closed as not actionable (anonymous, it cannot be clarified) and kept as information" in body
    assert "deemed withdrawn" not in body
