"""The moment Kawal's own mail delivered a letter is fixed once, when the mail is sent, and read back from the case's
history (UU 14/2008 Pasal 36(1), 37(2): the requester's window runs from receipt; legal-process.md §2.2: the reading
that ends latest is the one the requester is told, and what they are told never moves earlier).

A review found the moment read from the outbox's last claim: a sender that took the mail and had sent nothing yet
counted as delivered, a claim put back after its sender died snapped the window back to the desk's record, shortening
the end the requester had been shown, and every retry moved it; the audit chain could not say where it came from.
"""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine.models import Case, CaseEvent, Notification
from notifications import delivery
from notifications.channels import ChannelError, channels_from_settings
from tests.helpers import NOTICE, decision
from tests.notifications.staff import smtp_settings
from tests.notifications.test_mail_words import filed, long_day, send, window_end
from tests.smtp import free_port
from tests.workflows.conftest import Office

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
RECORDED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB: the desk records the sending
CLAIMED = datetime(2027, 1, 12, 3, 0, tzinfo=UTC)  # Tue 12 Jan: a sender takes the mail, and dies before sending it
FAILED = datetime(2027, 1, 13, 3, 0, tzinfo=UTC)  # Wed 13 Jan: the mail server is down
SENT = datetime(2027, 1, 15, 3, 0, tzinfo=UTC)  # Fri 15 Jan: the mail goes
WIB = timedelta(hours=7)


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


def _notice_e_mailed_weeks_ago(office, clock) -> str:
    """A written notice recorded on Mon 11 Jan 2027 as e-mailed on Thu 3 Dec 2026: Kawal's mail carries it."""
    request, _code = filed(office, "en")
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(request, step)
    office.complete(request, "putuskan", decision("tidak_dikuasai"))
    office.decisions[request] = "tidak_dikuasai"
    clock.move_to(RECORDED)
    office.complete(
        request, "pemberitahuan_tertulis", {**NOTICE["tidak_dikuasai"], "tanggal_pemberitahuan": "2026-12-03"}
    )
    return request


def _mail(app) -> int:
    with app.app_context():
        [row] = db.session.scalars(
            select(Notification.id).where(Notification.event == "decision_notice", Notification.to_requester)
        ).all()
        db.session.remove()
        return row


def _starts_on(office, ticket) -> date:
    """The day the requester's objection window starts on the reading they are told (the status page's)."""
    from engine import chain

    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        return (chain.objection_windows(office.rt, s, case, "lenient")[0].start_at + WIB).date()


def _mailed_events(office, ticket) -> list[dict]:
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        return list(
            s.scalars(select(CaseEvent.data).where(CaseEvent.case_id == case.id, CaseEvent.type == "notice_mailed"))
        )


def test_a_mail_taken_by_a_sender_and_not_yet_sent_does_not_count_as_delivered(app, settings, mailbox, office, clock):
    """A sender took the mail on Tue 12 Jan and died before sending it: nothing reached the requester, so the window
    still runs from the desk's record of Mon 11 Jan, and when the claim is put back the end shown does not move."""
    request = _notice_e_mailed_weeks_ago(office, clock)
    before = window_end(office, request)
    clock.move_to(CLAIMED)
    with app.app_context():
        assert delivery.claim(db.session, _mail(app))
        db.session.remove()
    assert _starts_on(office, request) == date(2027, 1, 11)
    assert window_end(office, request) == before
    clock.move_to(CLAIMED + timedelta(minutes=15))
    with app.app_context():
        assert delivery.release_stale_claims(db.session, settings) == 1
        db.session.remove()
    assert _starts_on(office, request) == date(2027, 1, 11)
    assert window_end(office, request) == before
    assert _mailed_events(office, request) == []


def test_a_mail_retried_after_a_failed_attempt_runs_from_its_first_sending_and_stays_there(
    app, settings, mailbox, office, clock
):
    """The mail failed on Wed 13 Jan (the mail server down) and went on Fri 15 Jan: the window runs from 15 Jan, the
    moment is in the case's history once, and the end the requester is told never moves earlier: not while the mail
    waits, not after it went, not days later."""
    request = _notice_e_mailed_weeks_ago(office, clock)
    ends = [window_end(office, request)]
    clock.move_to(FAILED)
    down = channels_from_settings(replace(settings, smtp_port=free_port()))
    with app.app_context(), pytest.raises(ChannelError):
        delivery.deliver(db.session, app.extensions["kawal_runtime"], down, _mail(app))
    with app.app_context():
        db.session.remove()
    assert _starts_on(office, request) == date(2027, 1, 11)
    ends.append(window_end(office, request))
    clock.move_to(SENT)
    [mail] = send(app, settings, mailbox, "decision_notice")
    assert _starts_on(office, request) == date(2027, 1, 15)
    ends.append(window_end(office, request))
    [mailed] = _mailed_events(office, request)
    assert datetime.fromisoformat(mailed["mailed_at"]).astimezone(UTC).date() == date(2027, 1, 15)
    assert mailed["task"] == "pemberitahuan_tertulis"
    clock.move_to(SENT + timedelta(days=3))
    with app.app_context():
        assert delivery.release_stale_claims(db.session, settings) == 0
        db.session.remove()
    assert _starts_on(office, request) == date(2027, 1, 15)
    ends.append(window_end(office, request))
    assert len(_mailed_events(office, request)) == 1
    assert ends == sorted(ends)
    assert ends[-1] > ends[0]
    # What the mail itself told the requester (read while it was being sent) is never later than what holds now.
    told = [end for end in ends if f"that is by {long_day(end, 'en')}," in mail.text]
    assert told
    assert told[0] <= ends[-1]
