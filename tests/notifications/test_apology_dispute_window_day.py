"""The apology for an objection the superior never answered (A30 lapsed) opens the requester's window to bring the
dispute to the Komisi Informasi (UU 14/2008 Pasal 37(2); Perki 1/2013 Pasal 13): it said "within 14 working days
after that period ends" without the day, where the superior's response mail gives it (``window_ends_on``). It gives
the last day as the status page shows it, in both languages. Sent through a
real SMTP server (tests/smtp.py) by the sender the RQ job runs.

On SQLite alone: the day is Python's count over the case's history, which
tests/notifications/test_kawals_mail_moment.py reads on PostgreSQL; the apology's Commission read back is
tests/notifications/test_commission_mail.py's."""

import pytest
import time_machine

from api.extensions import db
from engine.models import Case, Notification
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.notifications.test_commission_apology_mail import _apology
from tests.notifications.test_commission_mail import settings_overrides  # noqa: F401
from tests.notifications.test_mail_words import RECEIVED, long_day, window_end
from tests.workflows.conftest import Office


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


SAID = {
    "id": "paling lambat 14 (empat belas) hari kerja sejak jangka waktu tersebut berakhir, yaitu sampai dengan {day} (",
    "en": "within 14 (fourteen) working days after that period ends, that is by {day} (Law 14/2008 Article 37(2)",
}


@pytest.mark.parametrize("locale", ["id", "en"])
def test_the_apology_for_an_unanswered_objection_gives_the_last_day_to_bring_the_dispute(
    app, settings, mailbox, office, clock, locale
):
    said = _apology(app, settings, mailbox, office, clock, locale)
    with app.app_context():
        ticket = db.session.query(Case.ticket).join(Notification).filter(Notification.event == "overdue_apology")
        (objection,) = {t for (t,) in ticket}
        db.session.remove()
    shown = long_day(window_end(office, objection), locale)  # the status page's last day, as the reader writes it
    assert SAID[locale].format(day=shown) in said
