"""A unit's answer routed back to the officer who referred the case, away on leave, goes to their stand-in
(engine.stand_ins.route_back), who was sent a plain "task assigned to you" mail; a task assigned by hand to an officer
on leave sends the stand-in ``task_handed_over``, which says whose work it is and until when (engine.inbox.assign_task).
The route back says the same. Sent by the sender the RQ job runs, through a real SMTP server (tests/smtp.py); on
SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import absence
from engine.models import Case, Notification
from engine.users import create_user
from tests.conftest import PASSWORD
from tests.notifications.test_mail_words import long_day, send, settings_overrides  # noqa: F401 - mail by SMTP
from tests.workflows.conftest import Office
from tests.workflows.test_back_to_referrer import MONDAY, _referred


@pytest.fixture
def office(app, session_factory_):
    with time_machine.travel(MONDAY, tick=True):
        yield Office(session_factory_, app.extensions["kawal_runtime"])


def test_the_stand_in_of_a_referrer_on_leave_is_told_whose_work_the_returned_task_is_and_until_when(
    app, settings, mailbox, office
):
    with office.sessions.begin() as s:  # the stand-in, with an address to be mailed at
        create_user(s, "ppid2", PASSWORD, ["ppid"], display_name="PPID Kedua", email="ppid2@kanwil.example")
    ticket = _referred(office)  # referred to the unit by "ppid"
    last_day = MONDAY.astimezone(office.rt.calendars["strict"].tz).date() + timedelta(days=2)
    with office.sessions.begin() as s:
        absence.mark_absence(
            s, office.rt, office.user(s, "atasan"), "ppid", "ppid2", last_day - timedelta(days=2), last_day
        )
        away = office.user(s, "ppid").display_name
    office.complete(ticket, "tanggapan_unit")  # the answer goes back to "ppid", away: to "ppid2"
    with office.sessions() as s:
        told = (
            s.execute(
                select(Notification.event)
                .join(Case, Case.id == Notification.case_id)
                .where(
                    Case.ticket == ticket,
                    Notification.context["task_title"].as_string() == "Putuskan sekarang atau perpanjang",
                )
            )
            .scalars()
            .all()
        )
    assert "task_assigned" not in told  # no plain "assigned to you"
    [mail] = send(app, settings, mailbox, "task_handed_over")
    assert "ppid2@kanwil.example" in mail.to
    text = " ".join(mail.text.split())
    assert f"Tugas sebagai pengganti {away}: Putuskan sekarang atau perpanjang ({ticket})" == mail.subject
    assert f"Anda menggantikan {away} selama cutinya, sampai dengan {long_day(last_day, 'id')}." in text
    assert f"Tugas berikut adalah pekerjaan {away}" in text
    assert "Batas waktu" in text  # the request's clock, as a hand-over by hand states it
