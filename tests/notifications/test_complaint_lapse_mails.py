"""A complaint deemed withdrawn, and reopened, as the reporter reads it by e-mail (legal-process.md §7.4; UU 25/2009
Pasal 45: a complainant who does not complete the file in time is deemed to have withdrawn it).

The reporter was asked for evidence and reminded; when the team confirmed that nothing came, the complaint closed
as Dianggap Dicabut and nobody told them, nor when their late evidence reopened it. Each is now a mail to the
reporter's own contact, in their language, queued as every complaint mail is (engine.outbox: the row names "the
case's requester", never who): the period that ended and its rule, how the complaint reopens (the evidence sent on
the complaint's messages page, with no closing date: the portal takes it, archived or not), and, once reopened, that
it is handled again with the limit the status page shows.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import complaints
from engine.models import Case, Notification
from tests.conftest import REPORTER_NAME, REPORTER_NIK, complaint_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.notifications.staff import smtp_settings
from tests.notifications.test_complaint_mails import FILED, INDONESIAN, _asked_for_evidence, local, long_moment, written
from tests.notifications.test_mail_words import send
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import _deadlines, clock_today


@pytest.fixture
def settings_overrides(mailbox):
    return smtp_settings(mailbox, sender="pengaduan@kanwil.example")


@pytest.fixture
def clock():
    with time_machine.travel(FILED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _filed(office, locale="id", mode="rahasia", **submitted) -> tuple[str, str]:
    with office.sessions.begin() as s:
        sub = complaints.submit_complaint(s, office.rt, complaint_payload(mode), locale=locale, **submitted)
        return sub.case.ticket, sub.access_code


def _deemed_withdrawn(office, clock, ticket):
    """Asked for evidence, the reporter's window lapsed, and the team confirmed that nothing came: the BUKTI row."""
    _asked_for_evidence(office, ticket)
    bukti = office.deadline(ticket, "BUKTI")
    clock.move_to(bukti.due_at + timedelta(hours=17))  # the next morning: dated after the window's last day
    office.run(ticket)
    office.message(ticket, "bukti_tidak_dikirim", {"tanggal": clock_today()}, "tim")
    # an anonymous one is not actionable instead (legal-process.md §7.3 rule 4; pengaduan.bpmn version 4)
    case = office.case(ticket)
    assert case.status == ("anonim_tidak_ditindaklanjuti" if case.reporter_mode == "anonim" else "dianggap_dicabut")
    return bukti


@pytest.mark.parametrize(
    ("locale", "subject", "says"),
    [
        (
            "id",
            "Pengaduan {ticket} Dianggap Dicabut",
            [
                "pengaduan Anda dianggap dicabut menurut UU 25/2009 Pasal 45 (30 hari)",
                "Dasar hukum  : UU 25/2009 Pasal 45 (30 hari)\n",
                "Berakhir     : {ended}\n",
                "Pengaduan dibuka kembali bila Anda mengirim data/bukti yang diminta",
                "Tidak ada batas waktu untuk itu",
            ],
        ),
        (
            "en",
            "Complaint {ticket} Deemed Withdrawn",
            [
                "your complaint is deemed withdrawn under Law 25/2009 Article 45 (30 days)",
                "Legal basis  : Law 25/2009 Article 45 (30 days)\n",
                "Ended        : {ended}\n",
                "The complaint reopens when you send the data or evidence asked for",
                "There is no closing date for this",
            ],
        ),
    ],
)
def test_a_complaint_deemed_withdrawn_tells_the_reporter_the_law_the_period_s_end_and_how_to_reopen_it(
    app, settings, mailbox, office, clock, locale, subject, says
):
    ticket, _code = _filed(office, locale)
    bukti = _deemed_withdrawn(office, clock, ticket)
    [mail] = send(app, settings, mailbox, "complaint_deemed_withdrawn")
    assert mail.to == "pelapor.rahasia@example.org"  # the reporter's own contact
    assert mail.subject == subject.format(ticket=ticket)
    ended = long_moment(local(bukti.due_at), locale)
    for line in says:
        assert line.format(ended=ended) in mail.text, mail.text
    assert "/publik/status" in mail.text  # where the evidence is sent: the complaint's messages page
    # The period the law counts in days, as ended: in days, never "time left" nor "overdue"
    passed = "Telah lewat  : {} hari" if locale == "id" else "Passed by    : {} day"
    days = (local(datetime.now(UTC)).date() - local(bukti.due_at).date()).days
    assert passed.format(days) in mail.text
    assert not re.search("hari kerja|working day|Sisa waktu|Terlambat|Time left|Overdue", mail.text)
    if locale == "en":
        assert not INDONESIAN.search(mail.subject + mail.text), INDONESIAN.search(mail.text)
    # Told once: archiving its file (still deemed withdrawn) tells nothing more.
    office.complete(ticket, "arsip_dicabut", {"lokasi_arsip": "Arsip pengaduan"})
    assert written(office, ticket).count("complaint_deemed_withdrawn") == 1


def test_a_complaint_from_sp4n_lapor_deemed_withdrawn_cites_its_working_days_not_the_law_s_thirty_days(
    app, settings, mailbox, office, clock
):
    with office.sessions.begin() as s:
        tim = office.user(s, "tim")
    ticket, _code = _filed(office, user=tim, channel="lapor", received_at=FILED - timedelta(minutes=5))
    _deemed_withdrawn(office, clock, ticket)
    [mail] = send(app, settings, mailbox, "complaint_deemed_withdrawn")
    assert "Dasar hukum  : SP4N-LAPOR! (10 hari kerja)\n" in mail.text
    assert "Pasal 45" not in mail.text


@pytest.mark.parametrize(
    ("locale", "subject", "says", "limit"),
    [
        (
            "id",
            "Pengaduan {ticket} Dibuka Kembali",
            "Bukti yang Anda kirim atas pengaduan {ticket} telah kami terima; pengaduan yang dianggap dicabut itu kini"
            " dibuka kembali",
            "Batas waktu  : Penyelesaian pengaduan (standar layanan)\n",
        ),
        (
            "en",
            "Complaint {ticket} Reopened",
            "We have received the evidence you sent on complaint {ticket}; the complaint deemed withdrawn is now"
            " reopened",
            "Deadline     : Settlement of the complaint (service standard)\n",
        ),
    ],
)
def test_late_evidence_reopens_the_complaint_and_the_reporter_is_told_with_its_new_limit(
    app, settings, mailbox, office, clock, locale, subject, says, limit
):
    ticket, code = _filed(office, locale)
    _deemed_withdrawn(office, clock, ticket)
    office.reporter_reply(ticket, code, "Maaf terlambat, kuitansi terlampir.")
    assert office.case(ticket).status == "dibuka_kembali_pengaduan"
    [mail] = send(app, settings, mailbox, "complaint_reopened")
    assert mail.subject == subject.format(ticket=ticket)
    assert says.format(ticket=ticket) in mail.text
    assert limit in mail.text
    *_first, fresh = _deadlines(office, ticket, "SLA")
    due = long_moment(local(fresh.due_at), locale)
    assert due in mail.text  # the fresh limit, counted from the reopening
    if locale == "en":
        assert not INDONESIAN.search(mail.subject + mail.text), INDONESIAN.search(mail.text)


def test_a_whistleblower_s_lapse_mails_are_queued_to_the_reporter_without_their_identity(office, clock):
    ticket, code = _filed(office, mode="whistleblower")
    _deemed_withdrawn(office, clock, ticket)
    office.reporter_reply(ticket, code, "Bukti terlampir.")
    with office.sessions() as s:
        rows = s.scalars(
            select(Notification)
            .join(Case, Notification.case_id == Case.id)
            .where(Case.ticket == ticket, Notification.event.in_(("complaint_deemed_withdrawn", "complaint_reopened")))
        ).all()
        assert {(n.event, n.to_requester, n.recipient_user_id) for n in rows} == {
            ("complaint_deemed_withdrawn", True, None),
            ("complaint_reopened", True, None),
        }
        stored = repr([n.context for n in rows])
    for identity in (REPORTER_NAME, REPORTER_NIK, "pelapor.rahasia@example.org", "0000 7777", "Jl. Rahasia"):
        assert identity not in stored


def test_an_anonymous_reporter_who_gave_no_contact_is_sent_nothing_and_follows_on_the_portal(office, clock):
    ticket, _code = _filed(office, mode="anonim")
    _deemed_withdrawn(office, clock, ticket)
    assert "complaint_deemed_withdrawn" not in written(office, ticket)
