"""A request's page after a dispute's final decision overturned its refusal (walk of a dispute's court stage, finding
6): the page said "Permohonan Anda ditolak ... Pasal 17 huruf h" as if the refusal still stood. Once the decision
granting the request in full is final (engine.exemption_ends: the request's ``refusal_overturned`` event), the page
says the refusal no longer stands, by whose decision and from which day, and where to follow its carrying out; before
that (the office may still go to court) it still reads the notice's refusal. In both languages. Its message section
no longer says the objection goes on once that is closed too (the dispute after it may).

Python's wording of existing rows: SQLite alone."""

import html
import re
from datetime import UTC, datetime, timedelta

import time_machine

from engine import intake
from tests.conftest import request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the wording of existing rows
from tests.helpers import decision
from tests.web.pages import text
from tests.workflows.conftest import Office
from tests.workflows.test_exemption_overturned import _objection_decided
from tests.workflows.test_sengketa_paths import BERKAS, BUKTI, KESIMPULAN, SURAT_KUASA_GROUND_A, wib

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB


def _refused_and_disputed(app, session_factory_, clock):
    """A request refused on Pasal 17 h, an objection on ground a upheld, a dispute whose Commission granted the
    request in full, read Fri 26 Feb 2027 and received by both on Mon 1 Mar: (office, request, its code, dispute)."""
    office = Office(session_factory_, app.extensions["kawal_runtime"])
    with office.sessions.begin() as s:
        sub = intake.submit_request(s, office.rt, request_payload())
        request, code = sub.case.ticket, sub.access_code
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(request, step)
    office.complete(request, "putuskan", decision("ditolak_dikecualikan"))
    office.complete(request, "uji_konsekuensi")
    office.complete(request, "tetapkan_pengecualian")
    office.complete(request, "pemberitahuan_tertulis")
    objection = _objection_decided(office, request, ["a"], "keberatan_ditolak")
    clock.move_to(wib("2027-01-13"))
    dispute = office.dispute(objection)
    office.complete(dispute, "surat_kuasa", SURAT_KUASA_GROUND_A)
    office.complete(dispute, "siapkan_berkas", BERKAS)
    clock.move_to(wib("2027-01-20"))
    office.message(dispute, "pemeriksaan_awal", {"tanggal": "2027-01-20", "hasil": "dilanjutkan", "mediasi": False})
    clock.move_to(wib("2027-02-17"))
    office.complete(dispute, "bukti_ajudikasi", BUKTI)
    office.complete(dispute, "kesimpulan", KESIMPULAN)
    clock.move_to(wib("2027-03-01"))
    read = {"tanggal_dibacakan": "2027-02-26", "tanggal_diterima": "2027-03-01", "amar": "dikabulkan_seluruhnya"}
    office.message(dispute, "putusan_ajudikasi", {**read, "tanggal_diterima_pemohon": "2027-03-01"})
    return office, request, code, dispute


def _page(browser, ticket, code, lang="id") -> str:
    b = browser()
    if lang == "en":
        b.get("/bahasa/en?next=/publik/status")
    raw = text(b.post("/publik/status", {"ticket": ticket, "access_code": code})).split("<main", 1)[1]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def test_the_request_s_page_says_the_refusal_no_longer_stands_once_the_dispute_s_decision_is_final(
    app, session_factory_, browser
):
    with time_machine.travel(RECEIVED, tick=True) as clock:
        office, request, code, dispute = _refused_and_disputed(app, session_factory_, clock)
        refused = "Permohonan Anda ditolak: informasinya dikecualikan berdasarkan UU 14/2008 Pasal 17"
        assert refused in _headline(_page(browser, request, code))  # not final yet: the office may still go to court
        office.complete(dispute, "sikap_atas_putusan", {"sikap": "menerima", "alasan_sikap": "Putusan sesuai"})
        clock.move_to(office.deadline(dispute, "P14P").due_at + timedelta(days=6))  # Wed 7 Apr 2027
        office.run(dispute)
        office.message(dispute, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-04-07"})
        page = _page(browser, request, code)
        headline = _headline(page)
        assert refused not in headline  # the written notice itself still says it, below, among the letters
        assert headline.endswith(
            "Penolakan dalam pemberitahuan tertulis tidak berlaku lagi: Putusan Komisi Informasi Pusat atas sengketa"
            f" {dispute} mengabulkan permohonan seluruhnya, berkekuatan hukum tetap pada 2 Apr 2027. Kantor wajib"
            " memberikan informasinya kepada Anda; ikuti pelaksanaannya di halaman sengketa."
        ), headline
        assert (
            "The refusal in the written notice no longer stands: The decision of Komisi Informasi Pusat on dispute"
            f" {dispute} granted the request in full and became final on 2 Apr 2027. The office must give you the"
            " information; follow it on the dispute's page."
        ) in _page(browser, request, code, "en")
        # Its objection is closed too; the dispute goes on: the page no longer says the objection does.
        assert "keberatan Anda atasnya sedang berjalan" not in page
        closed = "Permohonan ini dan keberatan Anda atasnya sudah ditutup: tulis pesan Anda di halaman kasus terkait"
        assert closed in page


def _headline(page: str) -> str:
    """What the page says first, under the stage: from the receipt's line to the stepper."""
    return page.split("WIB. ", 1)[1].split(" Diterima sudah dilalui", 1)[0].split(" Received passed", 1)[0]
