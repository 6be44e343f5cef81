"""A letter Kawal itself delivers by e-mail is received no earlier than Kawal's mail (UU 14/2008 Pasal 36(1), 37(2):
the requester's window runs from receipt; legal-process.md §2.2: their window is counted on the reading that ends
latest).

An acceptance walk found the desk completing the superior's response on 7 Dec with "sent by e-mail on 10 Nov": Kawal
e-mailed the response that day and told the requester, in that fresh mail, that their 14 working days to go to the
Information Commission ended on 1 Dec; the status page said the time had ended. A written notice dated 14 Oct and
e-mailed on 7 Dec counted its objection window from 14 Oct alike. The day the desk records stays the office's (it
meets the office's own deadline, and it is the earliest reading of the requester's receipt, which the office may argue
before the Commission); what the requester is told runs from Kawal's own mail, which is the e-mail on record.
"""

from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import select

from engine import chain, queries
from engine.models import Case
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import NOTICE, decision
from tests.notifications.test_mail_words import decided, filed, long_day, render_letters, send
from tests.workflows.conftest import Office

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
LATER = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB: the desk records the sending
PUBLIC = "https://ppid.kanwil.example"


@pytest.fixture
def settings_overrides(mailbox):
    return {
        "KAWAL_NOTIFY_CHANNELS": "smtp",
        "KAWAL_SMTP_HOST": "127.0.0.1",
        "KAWAL_SMTP_PORT": str(mailbox.port),
        "KAWAL_SMTP_FROM": "ppid@kanwil.example",
        "KAWAL_PUBLIC_URL": PUBLIC,
    }


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _window(office, ticket, calendar="lenient"):
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        if case.kind == "keberatan":
            return chain.dispute_window(office.rt, s, case, calendar)
        return chain.objection_windows(office.rt, s, case, calendar)[0]


def _shown(office, ticket, locale):
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        [window] = queries.public_status(s, case, locale, office.rt)["windows"]
        return window


@pytest.mark.parametrize("locale", ["en", "id"])
def test_a_response_recorded_as_e_mailed_weeks_ago_gives_the_requester_14_working_days_from_kawals_own_mail(
    app, settings, mailbox, office, clock, locale
):
    """The response is recorded on Mon 11 Jan 2027 as e-mailed on Thu 3 Dec 2026, and Kawal e-mails it that Monday.
    Counted from 3 Dec, the 14 working days ended on Mon 28 Dec 2026 (24 Dec a cuti bersama, 25 Dec Christmas); from
    Kawal's mail of 11 Jan 10:00 WIB they end on Fri 29 Jan 2027: the mail, the status page and the window say so."""
    request, _code = filed(office, locale)
    decided(office, request)
    objection = office.objection(request)
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    office.complete(objection, "susun_kronologi", {"kronologi": "Ditolak", "pertimbangan_ppid": "Dikecualikan"})
    reasons = "Informasi dikecualikan berdasarkan Pasal 17 huruf h; uji konsekuensi terlampir."
    upheld = {"keputusan": "keberatan_ditolak", "tanggal_keputusan": "2026-12-02", "alasan_tertulis": reasons}
    office.complete(objection, "putuskan_keberatan", upheld)
    clock.move_to(LATER)
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": "2026-12-03", "dikirim_melalui": "email"})
    render_letters(app)
    [response] = send(app, settings, mailbox, "objection_response")

    lenient = _window(office, objection)
    assert lenient.due_at.date() == date(2027, 1, 29)
    assert lenient.open
    assert lenient.start_known
    shown = _shown(office, objection, locale)
    assert (shown["due_at"].date(), shown["open"]) == (date(2027, 1, 29), True)
    if locale == "en":
        assert f"within 14 working days of receiving it, that is by {long_day(lenient.due_at, 'en')} (" in response.text
    else:
        assert f"sejak tanggapan ini diterima, yaitu sampai dengan {long_day(lenient.due_at, 'id')} (" in response.text
    assert "28 Dec" not in response.text
    assert "28 Des" not in response.text
    # The office's record stands: its own deadline met on the day recorded, and the earliest reading of the receipt.
    assert office.deadline(objection, "A30").met_on == date(2026, 12, 3)
    strict = _window(office, objection, "strict")
    assert strict.start_at.date() == date(2026, 12, 3)
    assert strict.due_at.date() < lenient.due_at.date()


def test_a_written_notice_recorded_as_e_mailed_weeks_ago_gives_the_requester_30_working_days_from_kawals_own_mail(
    app, settings, mailbox, office, clock
):
    """The written notice is recorded on Mon 11 Jan 2027 as e-mailed on Thu 3 Dec 2026: counted from 3 Dec, the
    objection window would end on Thu 21 Jan 2027; the requester is told from Kawal's mail of 11 Jan instead."""
    request, _code = filed(office, "en")
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(request, step)
    office.complete(request, "putuskan", decision("tidak_dikuasai"))
    office.decisions[request] = "tidak_dikuasai"
    clock.move_to(LATER)
    office.complete(
        request, "pemberitahuan_tertulis", {**NOTICE["tidak_dikuasai"], "tanggal_pemberitahuan": "2026-12-03"}
    )
    [notice] = send(app, settings, mailbox, "decision_notice")
    window = _window(office, request)
    assert window.start_at.astimezone(office.rt.calendars["lenient"].tz).date() == date(2027, 1, 11)
    assert window.open
    assert window.due_at.date() > date(2027, 2, 15)
    # The day to file by: the earliest reading's end from Kawal's mail (Fri 5 Feb 2027 a cuti bersama counted), the
    # latest's the office accepts as in time (legal-process.md §2.2).
    assert window.told_on < window.due_at.date()
    assert f"that is by {long_day(window.told_on, 'en')}," in notice.text
    assert f"filed up to {long_day(window.due_at, 'en')} as in time" in notice.text
    assert "21 January 2027" not in notice.text
    assert _window(office, request, "strict").start_at.date() == date(2026, 12, 3)


def test_a_response_handed_over_in_person_runs_from_the_day_recorded(app, settings, mailbox, office, clock):
    """Handed over at the desk, the response reached the requester that day, whatever Kawal mails later: a copy by
    e-mail does not start the window again (the day the desk records is the requester's receipt)."""
    request, _code = filed(office)
    decided(office, request)
    objection = office.objection(request)
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    office.complete(objection, "susun_kronologi", {"kronologi": "Ditolak", "pertimbangan_ppid": "Dikecualikan"})
    upheld = {
        "keputusan": "keberatan_ditolak",
        "tanggal_keputusan": "2026-12-02",
        "alasan_tertulis": "Informasi dikecualikan berdasarkan Pasal 17 huruf h.",
    }
    office.complete(objection, "putuskan_keberatan", upheld)
    clock.move_to(datetime(2026, 12, 7, 3, 0, tzinfo=UTC))
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": "2026-12-03", "dikirim_melalui": "langsung"})
    assert _window(office, objection).start_at.date() == date(2026, 12, 3)
