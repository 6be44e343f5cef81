"""A requester's window that a letter Kawal itself delivered opens runs from the moment Kawal delivered it, and the
requester is told the earliest end as the day to file by (legal-process.md §2.2, §4.2, §5.2 row 1; UU ITE Pasal 8).

A walk found the objection window of a notice Kawal e-mailed on Wed 30 Dec 2026 at 09:01 WIB told as "sampai dengan 16
Februari 2027", explained "bertanggal 30 Des 2026 tanpa jam: dihitung sejak akhir hari itu": a day later than any
reading. Received in office hours on a working day, 30 Dec is day zero on every reading (§2.2). Strict (cuti bersama
count as working days): 31 Dec (1), 4 Jan (2; 1 Jan New Year), 6-8 (5; 5 Jan Isra Mikraj), 11-15 (10), 18-22 (15),
25-29 (20), 1-5 Feb (25; Fri 5 Feb a cuti bersama, counted), 8-12 (30): Fri 12 Feb 2027. Lenient (5 Feb not counted):
Mon 15 Feb 2027. The requester is told 12 Feb, and that the office accepts an objection up to 15 Feb as in time; the
superior's check of a filed objection judges by 15 Feb. The superior's response and its dispute window (D14, 14
working days) the same: e-mailed in office hours on Wed 10 Feb 2027, 14 working days end on Tue 2 Mar 2027 on both
readings (the letter had said 3 Mar); e-mailed after office hours, the latest reading ends on Wed 3 Mar, and the
requester is told 2 Mar with the Commission's own say on the later day.

On SQLite alone: the windows are counted in Python from the case's history, over rows either database returns alike;
the moment Kawal's mail went is read back from the history on PostgreSQL in
tests/notifications/test_kawals_mail_moment.py.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import chain, queries
from engine.models import Case
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see above)
from tests.helpers import NOTICE, decision
from tests.notifications.staff import smtp_settings
from tests.notifications.test_mail_words import filed, send
from tests.workflows.conftest import Office

RECEIVED = datetime(2026, 12, 30, 2, 0, tzinfo=UTC)  # Wed 30 Dec 2026, 09:00 WIB
NOTICE_SENT = datetime(2026, 12, 30, 2, 1, tzinfo=UTC)  # 09:01 WIB: the desk records it, Kawal e-mails it
ANSWERED = datetime(2027, 2, 10, 3, 0, tzinfo=UTC)  # Wed 10 Feb 2027, 10:00 WIB
ANSWERED_LATE = datetime(2027, 2, 10, 10, 30, tzinfo=UTC)  # Wed 10 Feb 2027, 17:30 WIB: after office hours
WIB = timedelta(hours=7)


@pytest.fixture
def settings_overrides(mailbox):
    return smtp_settings(mailbox)


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=False) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _notice_e_mailed(office, clock) -> str:
    """A request granted in part on Wed 30 Dec 2026, its written notice recorded at 09:01 WIB as sent by e-mail."""
    request, _code = filed(office)
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(request, step)
    office.complete(request, "putuskan", decision("dikabulkan_sebagian"))
    office.decisions[request] = "dikabulkan_sebagian"
    office.complete(request, "uji_konsekuensi")
    office.complete(request, "tetapkan_pengecualian")
    clock.move_to(NOTICE_SENT)
    notice = {**NOTICE["dikabulkan_sebagian"], "tanggal_pemberitahuan": "2026-12-30", "jadwal_penyerahan": "2026-12-30"}
    office.complete(request, "pemberitahuan_tertulis", notice)
    return request


def _public_window(office, ticket, locale="id") -> dict:
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        [window] = queries.public_status(s, case, locale, office.rt, words=True)["windows"]  # as the portal words it
        return window


def _timeliness(office, ticket, filed_at: datetime) -> str:
    with office.sessions() as s:
        request = s.scalar(select(Case).where(Case.ticket == ticket))
        return chain.timeliness(office.rt, s, request, ["a"], filed_at)["verdict"]


def test_a_notice_kawal_e_mailed_in_office_hours_makes_that_day_day_zero_legal_process_2_2(
    app, settings, mailbox, office, clock
):
    request = _notice_e_mailed(office, clock)
    [mail] = send(app, settings, mailbox, "decision_notice")
    window = _public_window(office, request)
    assert (window["due_at"] + WIB).date() == date(2027, 2, 15)  # the latest reading: it was 16 Feb
    assert (window["file_by"], window["accepted_until"]) == (date(2027, 2, 12), date(2027, 2, 15))
    said = window["explanation"]
    assert "hari ke-0: diterima 30 Des 2026, 09:01" in said
    assert "dalam jam kerja" in said
    assert "tanpa jam" not in said
    assert "Menurut pembacaan paling awal (kalender ketat" in said  # which reading gives which end
    english = _public_window(office, request, "en")["explanation"]
    assert "day zero: received 30 Dec 2026, 09:01" in english
    assert "On the earliest reading" in english
    # The mail tells the earliest end as the day to file by, and the later one the office accepts, in one sentence.
    assert "yaitu sampai dengan 12 Februari 2027," in mail.text
    assert (
        "Kantor tetap menerima keberatan yang diajukan sampai dengan 15 Februari 2027 sebagai tepat waktu" in mail.text
    )
    assert "16 Februari 2027" not in mail.text


def test_the_portal_tells_the_earliest_end_to_file_by_and_the_later_end_the_office_accepts_legal_process_2_2(
    office, clock
):
    request = _notice_e_mailed(office, clock)
    window = _public_window(office, request, "en")
    assert window["later"].startswith("The office still accepts an objection filed up to 15 Feb 2027 as in time")
    clock.move_to(datetime(2027, 2, 15, 3, 0, tzinfo=UTC))  # past the earliest end: the later one alone is told
    window = _public_window(office, request, "en")
    assert (window["file_by"], window["accepted_until"], window["open"]) == (date(2027, 2, 15), date(2027, 2, 15), True)


def test_a_filed_objection_is_judged_by_the_latest_end_never_the_earliest_legal_process_2_2(office, clock):
    request = _notice_e_mailed(office, clock)
    at = lambda day: datetime(2027, 2, day, 3, 0, tzinfo=UTC)  # noqa: E731 - 10:00 WIB that day
    assert _timeliness(office, request, at(12)) == "tepat_waktu"
    assert _timeliness(office, request, at(15)) == "tepat_waktu_kalender_longgar"  # in time: flagged, not late
    assert _timeliness(office, request, at(16)) == "terlambat"


def _answered(office, clock, at: datetime) -> str:
    """The requester objects on Thu 31 Dec 2026; the superior dismisses it and the response is e-mailed ``at``."""
    request = _notice_e_mailed(office, clock)
    clock.move_to(datetime(2026, 12, 31, 3, 0, tzinfo=UTC))
    objection = office.objection(request, ["a"])
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    office.complete(objection, "susun_kronologi", {"kronologi": "Dikabulkan sebagian", "pertimbangan_ppid": "NIK"})
    clock.move_to(at)
    day = (at + WIB).date().isoformat()
    reasons = "Informasi dikecualikan berdasarkan Pasal 17 huruf h; uji konsekuensi terlampir."
    decided = {"keputusan": "keberatan_ditolak", "tanggal_keputusan": day, "alasan_tertulis": reasons}
    office.complete(objection, "putuskan_keberatan", decided)
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": day, "dikirim_melalui": "email"})
    return objection


def test_a_response_e_mailed_in_office_hours_opens_the_dispute_window_that_day_legal_process_5_2(
    app, settings, mailbox, office, clock
):
    objection = _answered(office, clock, ANSWERED)
    [mail] = send(app, settings, mailbox, "objection_response")
    window = _public_window(office, objection)
    assert (window["due_at"] + WIB).date() == date(2027, 3, 2)  # the same on both readings: it was 3 Mar
    assert (window["file_by"], window["accepted_until"], window["later"]) == (date(2027, 3, 2), None, "")
    assert "yaitu sampai dengan 2 Maret 2027 (" in mail.text
    assert "3 Maret 2027" not in mail.text
    assert "paling lambat 2 Mar 2027 (14 hari kerja)" in window["how"]


def test_a_response_e_mailed_after_office_hours_tells_the_earliest_end_and_leaves_the_later_to_the_commission(
    app, settings, mailbox, office, clock
):
    objection = _answered(office, clock, ANSWERED_LATE)
    [mail] = send(app, settings, mailbox, "objection_response")
    window = _public_window(office, objection)
    assert (window["file_by"], window["accepted_until"]) == (date(2027, 3, 2), date(2027, 3, 3))
    assert "Komisi Informasi sendiri yang menilai" in window["later"]
    assert "paling lambat 2 Mar 2027 (14 hari kerja)" in window["how"]
    assert "yaitu sampai dengan 2 Maret 2027 (" in mail.text
    assert "jangka waktu Anda berakhir pada 3 Maret 2027, tetapi Komisi Informasi sendiri yang menilai" in mail.text
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == objection))
        filed_on_3_march = chain.admissibility(office.rt, s, case, date(2027, 3, 3))["jangka_waktu_d14"]["verdict"]
    assert filed_on_3_march == "tepat_waktu_kalender_longgar"  # the office never argues it late


def test_the_superior_s_letter_gives_the_earliest_end_for_a_receipt_on_its_date_legal_process_2_2(office):
    """The letter cannot know the hour it is received: on its date, the earliest reading ends Tue 2 Mar 2027 (the
    latest, counted from the end of that day, Wed 3 Mar: the day the letter gave)."""
    from engine.letters.context import _response_periods

    assert _response_periods(office.rt, date(2027, 2, 10))["dispute_by"] == "2027-03-02"
