"""An officer's mail links to the case in Kawal, and every mail's Message-ID is on the sender's own domain.

A tester installing Kawal found the new-task and reminder mails to officers without a link: the officer had to open
Kawal and search for the ticket, while the requester's mails link the status page (``KAWAL_PUBLIC_URL``). Every mail
to an officer that asks them to act now names the case's page under ``KAWAL_PUBLIC_URL`` (/kasus/<ticket>, which
asks them to log in first).

And every Message-ID ended in ``@kawal.local`` whatever ``KAWAL_SMTP_FROM`` said: a domain nobody owns, which spam
filters count against a message. It is now the From address's domain; a From without one (or with a bare host name,
as the default ``ppid@localhost``) keeps ``kawal.local``.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import inbox
from engine.models import HumanTask, Notification
from notifications import delivery
from notifications.channels import Message, SmtpChannel, channels_from_settings
from notifications.rendering import EVENTS, LOCALES, message_id, render
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.notifications.staff import officers_have_mail, smtp_settings
from tests.notifications.test_mail_words import Mail, filed
from tests.notifications.test_templates import full_context
from tests.workflows.conftest import Office

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
PUBLIC_URL = "https://ppid.kanwil.example"
# The officers' mails that ask them to act on a case: each links it. ``task_returned`` tells a stand-in a task is no
# longer theirs (nothing to open); the whistleblowing report's mail linked its case already.
ACTING = sorted(event for event, audience in EVENTS.items() if audience == "staff" and event != "task_returned")


@pytest.fixture
def settings_overrides(mailbox):
    return smtp_settings(mailbox, sender="PPID Kanwil <ppid@kanwil.example>")


@pytest.fixture
def office(app, session_factory_):
    with time_machine.travel(RECEIVED, tick=True):
        yield Office(session_factory_, app.extensions["kawal_runtime"])


def _sent(app, settings, mailbox, event: str) -> list:
    before = len(mailbox.messages)
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        pending = select(Notification.id).where(Notification.event == event, Notification.status == "pending")
        for notification_id in db.session.scalars(pending).all():
            delivery.deliver(db.session, rt, channels_from_settings(settings), notification_id)
        db.session.remove()
    return mailbox.messages[before:]


def test_the_new_task_and_assigned_task_mails_link_the_case_and_carry_the_senders_domain(
    app, settings, mailbox, office
):
    officers_have_mail(office, english=("ppid",))
    ticket, _code = filed(office)
    office.complete(ticket, "periksa_kelengkapan")
    office.complete(ticket, "registrasi")
    link = f"{PUBLIC_URL}/kasus/{ticket.replace('/', '%2F')}"
    news = _sent(app, settings, mailbox, "task_new_group")
    assert news
    for message in news:
        assert link in Mail(message).text, Mail(message).text
        assert message["Message-ID"].endswith("@kanwil.example>")
    with office.sessions.begin() as s:
        task = s.scalar(select(HumanTask).where(HumanTask.bpmn_id == "proses_permohonan", HumanTask.state == "open"))
        inbox.assign_task(s, office.rt, office.user(s, "atasan"), task.id, "ppid")
    [assigned] = _sent(app, settings, mailbox, "task_assigned")
    assert link in Mail(assigned).text
    with app.app_context():
        row = db.session.scalar(select(Notification).where(Notification.event == "task_assigned"))
        # Stable over a resend: the same digest of the row's key, on the sender's domain.
        assert assigned["Message-ID"] == message_id(row.idempotency_key, "kanwil.example")
        db.session.remove()


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("event", ACTING)
def test_every_officers_mail_that_asks_them_to_act_links_the_case(event, locale):
    _subject, body = render(event, locale, full_context(event), PUBLIC_URL)
    assert f"{PUBLIC_URL}/kasus/PPID%2F2026%2F000123" in body


@pytest.mark.parametrize(
    ("sender", "domain"),
    [
        ("ppid@kemenag.go.id", "kemenag.go.id"),
        ("PPID Kanwil <ppid@kanwil.kemenag.go.id>", "kanwil.kemenag.go.id"),
        ("ppid", "kawal.local"),  # no domain: as before
        ("ppid@localhost", "kawal.local"),  # the default From: a host, no domain of the office's
    ],
)
def test_the_message_id_is_on_the_from_addresss_domain(sender, domain):
    channel = SmtpChannel("127.0.0.1", 25, sender)
    message = Message("smtp", "a@example.org", "S", "B\n", message_id("case:1:receipt"), "receipt", "", "id")
    built = channel.build(message)
    assert built["Message-ID"] == message_id("case:1:receipt", domain)
