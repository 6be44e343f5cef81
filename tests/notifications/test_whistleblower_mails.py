"""The whistleblowing system's mails (legal-process.md §7.3; KMA 765/2018 as Kemenag's WBS pages state it), from an
acceptance walk with an SMTP sink:

- the WBS managers (pengelola_wbs) learn that a whistleblower's report came in, not only the complaint team that
  records it: its ticket, its mode, when it came in and where the case is; never who reported nor what;
- the whistleblower, whose rights include "information on the progress of the report" and the confidentiality of
  their identity, is told when that identity is made known to an officer through the two-person reveal (a handler's
  request approved by another WBS manager, read by the handler): that it was, on which day, for the handling of the
  report; never by whom. Once per approved reveal; only by e-mail.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import complaints
from engine.models import Case, Notification, User
from notifications import delivery
from notifications.channels import channels_from_settings
from tests.conftest import REPORTER_NAME, REPORTER_NIK, complaint_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.notifications.staff import smtp_settings
from tests.notifications.test_mail_words import Mail
from tests.workflows.conftest import Office

FILED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
PUBLIC = "https://ppid.kanwil.example"
REPORTER_MAIL = complaint_payload()["pelapor"]["email"]
REASON = "Pemeriksaan memerlukan keterangan langsung dari pelapor"


@pytest.fixture
def settings_overrides(mailbox):
    return {
        **smtp_settings(mailbox, sender="pengaduan@kanwil.example"),
        "KAWAL_NOTIFY_CHANNELS": "smtp,webhook",
        "KAWAL_WEBHOOK_URL": "http://127.0.0.1:9/gateway",  # never reached by these tests' mails
        "KAWAL_WEBHOOK_SECRET": "rahasia-gateway",
    }


@pytest.fixture
def clock():
    with time_machine.travel(FILED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


# The handler who asks and reads, and the manager who approves: names no mail to the reporter may hold.
NAMED = {"tim": "Rahmat Penelaah", "wbs": "Dewi Pengelola"}


def officers_have_mail(office, english=()) -> None:
    with office.sessions.begin() as s:
        for user in s.scalars(select(User)):
            user.email = f"{user.username}@kanwil.example"
            user.locale = "en" if user.username in english else "id"
            user.display_name = NAMED.get(user.username, user.display_name)


def filed(office, mode="whistleblower", locale=None, **payload) -> str:
    with office.sessions.begin() as s:
        return complaints.submit_complaint(s, office.rt, complaint_payload(mode, **payload), locale=locale).case.ticket


def send(app, settings, mailbox, event: str) -> list[Mail]:
    """Deliver every pending e-mail of ``event`` (its text-message rows, if any, are left alone); what arrived."""
    before = len(mailbox.messages)
    with app.app_context():
        ids = db.session.scalars(
            select(Notification.id).where(
                Notification.event == event, Notification.status == "pending", Notification.channel == "smtp"
            )
        ).all()
        rt = app.extensions["kawal_runtime"]
        for notification_id in ids:
            delivery.deliver(db.session, rt, channels_from_settings(settings), notification_id)
        db.session.remove()
    return [Mail(m) for m in mailbox.messages[before:]]


def rows(app, event) -> list[Notification]:
    with app.app_context():
        found = db.session.scalars(select(Notification).where(Notification.event == event)).all()
        db.session.expunge_all()
    return found


# -- 4: the WBS managers are told a whistleblower's report came in ---------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "says", "mode", "received"),
    [
        (
            "id",
            "Laporan baru melalui Whistleblowing System",
            "Whistleblower (identitas pelapor disegel)",
            "11 Januari 2027 pukul 10.00 WIB",
        ),
        (
            "en",
            "A new report through the Whistleblowing System",
            "Whistleblower (the reporter's identity is sealed)",
            "11 January 2027, 10:00 WIB",
        ),
    ],
)
def test_the_wbs_managers_are_told_a_whistleblower_s_report_came_in_without_who_or_what(
    app, settings, mailbox, office, locale, says, mode, received
):
    officers_have_mail(office, english={"wbs", "wbs2"} if locale == "en" else ())
    ticket = filed(office)
    mails = send(app, settings, mailbox, "whistleblower_report_received")
    assert sorted(m.to for m in mails) == ["wbs2@kanwil.example", "wbs@kanwil.example"]
    for mail in mails:
        assert ticket in mail.subject
        assert says in mail.text
        assert mode in mail.text
        assert received in mail.text
        assert f"{PUBLIC}/kasus/{ticket}" in mail.text
        payload = complaint_payload("whistleblower")
        for secret in (REPORTER_NAME, REPORTER_NIK, REPORTER_MAIL, payload["pokok_masalah"], payload["uraian"]):
            assert secret not in mail.text
            assert secret not in mail.subject
        for detail in (payload["lokasi"], "Pungutan", "pungli", "Rp500.000"):
            assert detail not in mail.text


@pytest.mark.parametrize("mode", ["rahasia", "anonim"])
def test_only_a_whistleblower_s_report_is_announced_to_the_wbs_managers(app, office, mode):
    officers_have_mail(office)
    filed(office, mode)
    assert rows(app, "whistleblower_report_received") == []


# -- 5: the whistleblower is told their identity was made known to an authorised officer -----------------------------


def reveal(office, ticket, approve=True) -> int:
    """The handler ``tim`` asks, the WBS manager ``wbs`` decides (with the second factor): the request's id."""
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        request = complaints.request_reveal(s, office.rt, office.user(s, "tim"), case, REASON)
        complaints.decide_reveal(
            s, office.rt, office.user(s, "wbs"), case, request.id, approve, "Untuk klarifikasi", second_factor=True
        )
        return request.id


def read_identity(office, ticket, who="tim") -> dict:
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        return complaints.read_reporter(s, office.rt, office.user(s, who), case)


@pytest.mark.parametrize(
    ("locale", "subject", "says", "when"),
    [
        (
            "id",
            "Identitas Anda sebagai pelapor pengaduan {ticket} telah dibuka",
            "identitas Anda telah diketahui oleh petugas yang berwenang untuk keperluan penanganan laporan Anda",
            "pada 12 Januari 2027",
        ),
        (
            "en",
            "Your identity as the reporter of complaint {ticket} has been disclosed",
            "your identity was made known to an authorised officer for the handling of your report",
            "on 12 January 2027",
        ),
    ],
)
def test_a_whistleblower_is_told_the_day_their_identity_was_made_known_to_an_officer_and_never_who(
    app, settings, mailbox, office, clock, locale, subject, says, when
):
    officers_have_mail(office)
    ticket = filed(office, locale=locale)
    clock.move_to(datetime(2027, 1, 12, 2, 0, tzinfo=UTC))  # Tue 12 Jan 2027, 09:00 WIB
    reveal(office, ticket)
    assert rows(app, "identity_revealed") == []  # approved, not read yet: nobody knows it yet
    assert read_identity(office, ticket)["name"] == REPORTER_NAME
    read_identity(office, ticket)  # read again under the same approval: told once
    [mail] = send(app, settings, mailbox, "identity_revealed")
    assert mail.to == REPORTER_MAIL
    assert mail.subject == subject.format(ticket=ticket)
    assert says in " ".join(mail.text.split())
    assert when in mail.text
    for name in (*NAMED.values(), "tim@kanwil.example", "wbs@kanwil.example"):  # neither who read nor who approved
        assert name not in mail.text
        assert name not in mail.subject
    assert REASON not in mail.text
    assert [r.channel for r in rows(app, "identity_revealed")] == ["smtp"]  # by e-mail only, never a text message


def test_a_refused_reveal_and_a_confidential_reporter_s_identity_read_by_the_team_tell_the_reporter_nothing(
    app, office
):
    ticket = filed(office)
    reveal(office, ticket, approve=False)
    confidential = filed(office, "rahasia")
    read_identity(office, confidential)  # the team reads a confidential identity without a reveal
    assert rows(app, "identity_revealed") == []


def test_a_whistleblower_without_an_e_mail_address_is_sent_nothing_of_the_reveal(app, settings, mailbox, office):
    payload = complaint_payload("whistleblower")
    contact = {k: v for k, v in payload["pelapor"].items() if k != "email"}
    ticket = filed(office, pelapor=contact)
    reveal(office, ticket)
    read_identity(office, ticket)
    assert send(app, settings, mailbox, "identity_revealed") == []
    assert [r.channel for r in rows(app, "identity_revealed")] in ([], ["smtp"])
