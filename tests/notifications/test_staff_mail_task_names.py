"""An officer who reads English reads a task's English name in the mails about it, as the English pages name it (the
title of its form, ``x-title-en``): an acceptance walk read "New task for your group: Proses permohonan" and "Task
assigned to you: Proses permohonan" in otherwise English mails. An Indonesian reader keeps the process's own name."""

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import inbox
from engine.models import HumanTask, Notification
from notifications import delivery
from notifications.channels import channels_from_settings
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.notifications.staff import officers_have_mail, smtp_settings
from tests.notifications.test_mail_words import Mail, filed
from tests.workflows.conftest import Office

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB


@pytest.fixture
def settings_overrides(mailbox):
    return smtp_settings(mailbox)


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _sent(app, settings, mailbox, event: str) -> list[Mail]:
    """Run the sender for every pending e-mail of ``event`` (news of a task done meanwhile is skipped, as it should
    be); the mails that arrived."""
    before = len(mailbox.messages)
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        pending = select(Notification.id).where(Notification.event == event, Notification.status == "pending")
        for notification_id in db.session.scalars(pending).all():
            delivery.deliver(db.session, rt, channels_from_settings(settings), notification_id)
        db.session.remove()
    return [Mail(m) for m in mailbox.messages[before:]]


def test_an_english_reading_officer_reads_the_tasks_english_name_in_its_mails(app, settings, mailbox, office):
    officers_have_mail(office, english=("ppid",))
    ticket, _code = filed(office)
    office.complete(ticket, "periksa_kelengkapan")
    office.complete(ticket, "registrasi")
    mails = {mail.to: mail for mail in _sent(app, settings, mailbox, "task_new_group")}
    english = mails["ppid@kanwil.example"]
    assert english.subject == f"New task for your group: Process the request ({ticket})"
    assert "Proses permohonan" not in english.text
    with office.sessions.begin() as s:
        task = s.scalar(select(HumanTask).where(HumanTask.bpmn_id == "proses_permohonan", HumanTask.state == "open"))
        atasan = office.user(s, "atasan")
        inbox.assign_task(s, office.rt, atasan, task.id, "ppid")
    [assigned] = _sent(app, settings, mailbox, "task_assigned")
    assert assigned.subject == f"Task assigned to you: Process the request ({ticket})"


def test_an_indonesian_reading_officer_keeps_the_process_s_own_task_name(app, settings, mailbox, office):
    officers_have_mail(office)
    ticket, _code = filed(office)
    office.complete(ticket, "periksa_kelengkapan")
    office.complete(ticket, "registrasi")
    [mail] = [m for m in _sent(app, settings, mailbox, "task_new_group") if m.to == "ppid@kanwil.example"]
    assert "Proses permohonan" in mail.subject
