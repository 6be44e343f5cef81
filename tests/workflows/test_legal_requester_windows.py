"""Issue 13, point 8: the requester's windows start when the requester received the notice.

O30 runs from the requester's receipt of the written notice (UU 14/2008 Pasal 36(1)), D14 from their
receipt of the superior's written response (Pasal 37(2)). Handed over, on the portal or by e-mail, a
notice is received the day it is sent (UU ITE Pasal 8 for e-mail); by post, when the delivery receipt
says, recorded later; until then the window shows its earliest possible end and nothing is late on it.
An objection on ground b needs no registered request, and an objection or dispute that also cites
ground a is settled or mediated for its b-g part.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select

from engine import chain, notice_delivery, queries
from engine.errors import Conflict, Invalid
from engine.models import Case, User
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import DELIVERED, NOTICE, STEP, decision
from tests.workflows.test_sengketa_paths import BERKAS, MANDAT, SURAT_KUASA

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
WIB = ZoneInfo("Asia/Jakarta")
BY_POST = {**NOTICE["ditolak_dikecualikan"], "tanggal_pemberitahuan": "2026-12-03", "dikirim_melalui": "pos"}


def _refused(office):
    """A request refused on an exemption, up to its written notice."""
    ticket = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    office.complete(ticket, "uji_konsekuensi")
    office.complete(ticket, "tetapkan_pengecualian")
    return ticket


def _refused_by_post(office, clock):
    ticket = _refused(office)
    clock.move_to(datetime(2026, 12, 3, 3, 0, tzinfo=UTC))
    office.complete(ticket, "pemberitahuan_tertulis", BY_POST)
    return ticket


def _window(office, ticket, calendar="lenient"):
    with office.sessions() as s:
        return chain.objection_window(
            office.rt, s, s.scalar(select(Case).where(Case.ticket == ticket)), "a", None, calendar
        )


def _record_delivery(office, ticket, day):
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        user = s.scalar(select(User).where(User.username == "petugas"))
        return notice_delivery.record_delivery(s, office.rt, user, case, day)


def test_the_objection_window_runs_from_the_requesters_receipt_of_a_notice_sent_by_post(office):
    """The written notice goes by post on Thu 3 Dec 2026.

    Until its receipt is known, O30 shows its earliest possible end, from the dispatch date: on the
    lenient reading a receipt known only by its date counts from the next working day, Fri 4 Dec: 7-11 Dec
    (5), 14-18 (10), 21-23 (13), Thu 24 Dec a cuti bersama, Fri 25 Natal, 28-31 (17), Fri 1 Jan, Mon 4 Jan
    (18), Tue 5 Jan Isra Mikraj, 6-8 (21), 11-15 (26), 18-21 Jan 2027 (30): Thu 21 Jan, 16:00 WIB.
    The post's receipt says Tue 8 Dec 2026: lenient, from Wed 9 Dec: 10, 11 (2), 14-18 (7), 21-23 (10),
    28-31 (14), 4 Jan (15), 6-8 (18), 11-15 (23), 18-22 (28), 25 (29), Tue 26 Jan 2027 (30); strict, from
    8 Dec itself, with 24 Dec counting: 9-11 (3), 14-18 (8), 21-24 (12), 28-31 (16), 4 (17), 6-8 (20),
    11-15 (25), 18-22 Jan 2027 (30): Fri 22 Jan.
    An objection filed 22 Jan before the receipt is recorded is past the earliest possible end only: it
    is not late; once recorded, one filed 26 Jan is in time on the latest reading, 27 Jan late."""
    with time_machine.travel(RECEIVED, tick=True) as clock:
        ticket = _refused_by_post(office, clock)
        window = _window(office, ticket)
        assert (window.start_known, window.due_at) == (False, datetime(2027, 1, 21, 9, 0, tzinfo=UTC))
        with office.sessions() as s:
            shown = queries.public_status(s, s.scalar(select(Case).where(Case.ticket == ticket)), "id", office.rt)
        assert "akhir paling cepat" in shown["windows"][0]["explanation"]
        with office.sessions() as s:
            request = s.scalar(select(Case).where(Case.ticket == ticket))
            early = chain.timeliness(office.rt, s, request, ["a"], datetime(2027, 1, 22, 3, 0, tzinfo=UTC))
        assert early["verdict"] == "tidak_dapat_dihitung"  # never "late" on a guessed start
        clock.move_to(datetime(2026, 12, 10, 3, 0, tzinfo=UTC))
        _record_delivery(office, ticket, date(2026, 12, 8))
        lenient, strict = _window(office, ticket), _window(office, ticket, "strict")
        assert (lenient.start_known, lenient.due_at) == (True, datetime(2027, 1, 26, 9, 0, tzinfo=UTC))
        assert strict.due_at == datetime(2027, 1, 22, 9, 0, tzinfo=UTC)
        with office.sessions() as s:
            request = s.scalar(select(Case).where(Case.ticket == ticket))
            on_26 = chain.timeliness(office.rt, s, request, ["a"], datetime(2027, 1, 26, 3, 0, tzinfo=UTC))
            on_27 = chain.timeliness(office.rt, s, request, ["a"], datetime(2027, 1, 27, 3, 0, tzinfo=UTC))
        assert (on_26["verdict"], on_27["verdict"]) == ("tepat_waktu_kalender_longgar", "terlambat")


def test_objecting_that_the_information_is_not_what_was_asked_runs_from_its_hand_over_legal_process_4_2(office):
    """§4.2: grounds a, d, e, f run from the day "the written notice or information was received". The grant is
    sent by Kawal's e-mail on Thu 3 Dec 2026 at 10:00 WIB and the information handed over on Thu 14 Jan 2027. On
    ground a the window runs from the notice (lenient: received in office hours, so 3 Dec is day zero; ends Wed 20
    Jan 2027); on ground d (not what was asked for) from the
    hand-over: a receipt known by its date counts from Fri 15 Jan on the lenient reading; 18-22 Jan (5), 25-29
    (10), 1-4 Feb (14), Fri 5 Feb a cuti bersama, 8-12 (19), 15-19 (24), 22-26 (29), Mon 1 Mar 2027 (30),
    16:00 WIB. An objection on ground d filed Mon 1 Feb 2027 is on time; the same filing on ground a is late."""
    with time_machine.travel(RECEIVED, tick=True) as clock:
        ticket = office.submit()
        for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
            office.complete(ticket, step)
        office.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
        clock.move_to(datetime(2026, 12, 3, 3, 0, tzinfo=UTC))
        sent = {
            **NOTICE["dikabulkan_seluruhnya"],
            "tanggal_pemberitahuan": "2026-12-03",
            "jadwal_penyerahan": "2026-12-16",  # as promised, the hand-over's clock ends then; it came late
        }
        office.complete(ticket, "pemberitahuan_tertulis", sent)
        clock.move_to(datetime(2027, 1, 14, 3, 0, tzinfo=UTC))
        handed = {**STEP["penyerahan_informasi"], "tanggal_penyerahan": "2027-01-14"}
        files = {"berkas_informasi": [("informasi.pdf", DELIVERED)]}  # by e-mail: with its files
        office.complete(ticket, "penyerahan_informasi", handed, files=files)
        with office.sessions() as s:
            request = s.scalar(select(Case).where(Case.ticket == ticket))
            on_a = chain.objection_window(office.rt, s, request, "a")
            on_d = chain.objection_window(office.rt, s, request, "d")
            filed = datetime(2027, 2, 1, 3, 0, tzinfo=UTC)
            verdict_d = chain.timeliness(office.rt, s, request, ["d"], filed)["verdict"]
            verdict_a = chain.timeliness(office.rt, s, request, ["a"], filed)["verdict"]
    assert (on_a.opened_by, on_a.due_at) == ("notice", datetime(2027, 1, 20, 9, 0, tzinfo=UTC))
    assert on_d.opened_by == "information"
    assert on_d.provenance["counted_from"] == "2027-01-15"
    assert on_d.due_at == datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    assert (verdict_d, verdict_a) == ("tepat_waktu", "terlambat")


def test_a_date_of_receipt_before_the_dispatch_or_in_the_future_is_refused(office):
    with time_machine.travel(RECEIVED, tick=True) as clock:
        ticket = office.submit()
        with pytest.raises(Conflict):  # nothing was sent yet
            _record_delivery(office, ticket, date(2026, 12, 2))
        ticket = _refused_by_post(office, clock)
        for wrong in (date(2026, 12, 2), date(2026, 12, 4)):  # before the dispatch; tomorrow
            with pytest.raises(Invalid):
                _record_delivery(office, ticket, wrong)


def test_the_front_desk_records_a_receipt_over_the_api(client, login, desk):
    with time_machine.travel(RECEIVED, tick=True):
        ticket = desk.submit()["ticket"]
        url = f"/api/v1/cases/{ticket}/notice-delivery"
        r = client.post(url, json={"diterima_pada": "2026-12-02"}, headers=login("petugas"))
        assert r.status_code == 409  # no notice yet
        for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
            desk.complete(ticket, step)
        desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
        desk.complete(ticket, "pemberitahuan_tertulis")
        assert client.post(url, json={"diterima_pada": "tomorrow"}, headers=login("petugas")).status_code == 422
        assert client.post(url, json={"diterima_pada": "2026-12-02"}, headers=login("auditor")).status_code == 403
        r = client.post(url, json={"diterima_pada": "2026-12-02"}, headers=login("petugas"))
        assert r.status_code == 200, r.json
        assert (r.json["task"], r.json["delivered_on"]) == ("pemberitahuan_tertulis", "2026-12-02")


OBJECTION_B = {
    "pemohon": {
        "name": "Budi Santoso",
        "nik": "3171234507890002",
        "address": "Jl. Kenanga 3, Jakarta",
        "email": "budi@example.org",
    },
    "alasan": ["b"],
    "informasi_yang_diminta": "Laporan keuangan berkala 2025",
    "kasus_posisi": "Petugas loket menolak menerima permohonan saya tanpa alasan",
    "tanggal_alasan_ditemukan": "2026-11-30",
}


def test_an_objection_on_ground_b_needs_no_registered_request(client):
    """Found Mon 30 Nov 2026, filed Wed 2 Dec 2026: within 30 working days. It gets its own ticket and
    access code, follows the objection process, and has no parent."""
    with time_machine.travel(RECEIVED, tick=True):
        r = client.post("/api/v1/objections/without-request", json=OBJECTION_B)
        assert r.status_code == 201, r.json
        assert r.json["ticket"].startswith("KEB-2026-")
        assert r.json["timeliness"] == "tepat_waktu"
        status = client.post("/api/v1/status", json={"ticket": r.json["ticket"], "access_code": r.json["access_code"]})
        assert status.status_code == 200
        assert status.json["status"] == "keberatan_diterima"
        assert status.json["linked"] == []
        assert "Budi" not in str(status.json)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"alasan": ["a"]}, "alasan.0"),
        ({"pemohon": None}, "pemohon"),
        ({"tanggal_alasan_ditemukan": "2026-12-05"}, "tanggal_alasan_ditemukan"),
    ],
)
def test_an_objection_without_a_request_on_another_ground_or_without_identity_is_refused(
    client, unchanged, change, field
):
    payload = {**OBJECTION_B, **change}
    if payload["pemohon"] is None:
        del payload["pemohon"]
    with time_machine.travel(RECEIVED, tick=True), unchanged():
        r = client.post("/api/v1/objections/without-request", json=payload)
    assert r.status_code == 422, r.json
    assert any(f.startswith(field) for f in r.json["errors"]), r.json["errors"]


def test_a_late_objection_on_ground_b_is_registered_and_flagged(client):
    """Found Mon 2 Nov 2026; 30 working days (lenient, from the next working day Tue 3 Nov): 4-6 Nov (3),
    9-13 (8), 16-20 (13), 23-27 (18), 30 Nov - 4 Dec (23), 7-11 (28), 14 (29), Tue 15 Dec 2026 (30).
    Filed Wed 16 Dec: late, and still registered."""
    with time_machine.travel(datetime(2026, 12, 16, 3, 0, tzinfo=UTC), tick=True):
        r = client.post(
            "/api/v1/objections/without-request", json={**OBJECTION_B, "tanggal_alasan_ditemukan": "2026-11-02"}
        )
    assert r.status_code == 201, r.json
    assert r.json["timeliness"] == "terlambat"


def test_an_objection_citing_ground_a_and_c_is_settled_for_c_and_decided_for_a(office):
    with time_machine.travel(RECEIVED, tick=True):
        request = office.submit()
        objection = office.objection(request, ["a", "c"])
        office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
        assert office.open_tasks(objection) == ["tawarkan_musyawarah"]  # the b-g part may be settled
        office.complete(
            objection,
            "tawarkan_musyawarah",
            {
                "hasil": "sepakat",
                "kesepakatan": "Dijawab dalam 5 hari kerja",
                "informasi_diserahkan": False,
                "tanggal": "2026-12-02",
            },
        )
        case = office.case(objection)
        assert (case.status, case.closed_at) == ("diselesaikan_musyawarah_sebagian", None)
        assert office.open_tasks(objection) == ["susun_kronologi"]  # ground a still goes to the superior


def test_a_dispute_citing_ground_a_and_c_is_mediated_for_c_and_adjudicated_for_a(office):
    with time_machine.travel(datetime(2027, 1, 13, 3, 0, tzinfo=UTC), tick=True) as traveller:
        request = office.submit()
        objection = office.objection(request, ["a", "c"])
        ticket = office.dispute(objection)
        office.complete(ticket, "surat_kuasa", SURAT_KUASA)
        office.complete(ticket, "siapkan_berkas", BERKAS)
        traveller.move_to(datetime(2027, 1, 20, 3, 0, tzinfo=UTC))
        office.message(
            ticket,
            "pemeriksaan_awal",
            {"tanggal": "2027-01-20", "hasil": "dilanjutkan", "mediasi": True, "tanggal_mediasi": "2027-01-20"},
        )
        office.complete(ticket, "mandat_mediasi", MANDAT)
        assert office.case(ticket).status == "mediasi"
        traveller.move_to(datetime(2027, 1, 28, 3, 0, tzinfo=UTC))
        office.message(
            ticket,
            "hasil_mediasi",
            {"tanggal": "2027-01-27", "hasil": "berhasil", "kesepakatan": "Jawaban tertulis dikirim"},
        )
        assert office.open_tasks(ticket) == ["laksanakan_kesepakatan_mediasi"]
        office.complete(
            ticket,
            "laksanakan_kesepakatan_mediasi",
            {"tanggal_pelaksanaan": "2027-01-28", "uraian": "Jawaban tertulis dikirim", "nomor_berita_acara": "BA-1"},
        )
        assert office.case(ticket).status == "ajudikasi"
        assert office.open_tasks(ticket) == ["bukti_ajudikasi"]


def test_ground_g_runs_from_the_lapse_of_the_hand_over_deadline_when_the_information_never_came(office):
    """Granted on Mon 5 Apr 2027 with a notice the same day (T10 met), free soft copy: the hand-over (SERAH) is
    due Mon 19 Apr and never happens. Ground g (information given later than the law allows) is found then, and
    the requester has 30 working days from that lapse (Pasal 36(1)), as their status page promised; the window
    from the notice (ending late May) would have closed while the office was still late."""
    with time_machine.travel(datetime(2027, 4, 5, 3, 0, tzinfo=UTC), tick=True) as clock:
        ticket = office.submit()
        for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
            office.complete(ticket, step)
        office.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
        office.complete(ticket, "pemberitahuan_tertulis")
        serah = office.deadline(ticket, "SERAH")
        assert serah.due_at.astimezone(WIB).date() == date(2027, 4, 19)
        notice = _window(office, ticket)  # ground a: from the notice
        clock.move_to(datetime(2027, 4, 21, 3, 0, tzinfo=UTC))  # past both readings of SERAH's lapse
        office.run(ticket)
        assert office.deadline(ticket, "SERAH").status == "missed"
        with office.sessions() as s:
            request = s.scalar(select(Case).where(Case.ticket == ticket))
            late = chain.objection_window(office.rt, s, request, "g", None, "lenient")
            shown = queries.public_status(s, request, "id", office.rt)["windows"]
        assert (late.opened_by, late.start_at > notice.start_at, late.due_at > notice.due_at) == (
            "delivery_lapse",
            True,
            True,
        )
        # Both are shown, each for what it is: the answer's window for every ground, ground g's own after it.
        assert [(w["opened_by"], w["due_at"]) for w in shown] == [
            ("notice", notice.due_at),
            ("delivery_lapse", late.due_at),
        ]
        clock.move_to(notice.due_at + (late.due_at - notice.due_at) / 2)  # after the notice's window, in this one
        objection = office.objection(ticket, ["g", "e"])
        verdicts = office.case(objection).details["ketepatan_waktu"]["grounds"]
        assert (verdicts["g"]["verdict"], verdicts["e"]["verdict"]) == ("tepat_waktu", "terlambat")


def test_an_objection_filed_online_in_the_evening_of_its_last_day_is_in_time(office):
    """O30 counts working days: its last day is whole. Refused on Wed 2 Dec 2026 by e-mail (received that day,
    UU ITE Pasal 8); an objection filed online at 20:00 WIB on the window's last day entered the system that day,
    as D14's filings are judged by their date too."""
    with time_machine.travel(RECEIVED, tick=True) as clock:
        _evening_of_the_last_day(office, clock)


def _evening_of_the_last_day(office, clock):
    ticket = _refused(office)
    by_email = {**NOTICE["ditolak_dikecualikan"], "tanggal_pemberitahuan": "2026-12-02", "dikirim_melalui": "email"}
    office.complete(ticket, "pemberitahuan_tertulis", by_email)
    strict, lenient = _window(office, ticket, "strict"), _window(office, ticket)
    clock.move_to(strict.due_at.astimezone(WIB).replace(hour=20))
    objection = office.objection(ticket, ["a"])
    assert office.case(objection).details["ketepatan_waktu"]["verdict"] == "tepat_waktu"
    clock.move_to(lenient.due_at.astimezone(WIB).replace(hour=20))  # the last day's evening: still open, says so
    with office.sessions() as s:
        shown = queries.public_status(s, s.scalar(select(Case).where(Case.ticket == ticket)), "id", office.rt)
    assert [w["open"] for w in shown["windows"]] == [True]
