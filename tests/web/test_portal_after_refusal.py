"""The requester's side of the path after a refusal (legal-process.md §4-§5), as a walk from the objection to the
Commission read it: the objection's receipt shows what was filed (Perki 1/2021 Pasal 41: the receipt is a copy of the
form); the way to the Commission names which one (KAWAL_COMMISSION_NAME: tests/web/test_office_commission.py), the
last day, that it is free and what to bring (Perki 1/2013 Pasal 10-13); the way to court follows
KAWAL_COURT_OF_CHALLENGE; the stages follow the stage the headline shows around a missed A30; a refusal to record
finality before the applicant's time ends names that time in words."""

from datetime import UTC, datetime

import pytest
import time_machine

from api.language import say
from engine.errors import Conflict
from tests.api.test_chain_api import decided
from tests.web.pages import text
from tests.web.test_portal_dispute_status import (
    RECEIVED,
    SUMMONED,
    _adjudicated,
    _answered_objection,
    _page,
    _request,
    _stepper,
    _words,
)
from tests.workflows.conftest import Office
from tests.workflows.test_keberatan_paths import _decided

REASONS_TYPED = "Informasi anggaran ditolak tanpa uji konsekuensi yang layak"


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _objection_receipt(browser, desk, language="id") -> str:
    """An objection on grounds a and e filed on the portal in ``language``: its receipt page, in words."""
    request = decided(desk)
    b = browser()
    if language == "en":
        b.get("/bahasa/en")
    form = {
        "ticket": request["ticket"],
        "access_code": request["access_code"],
        "alasan": ["a", "e"],
        "kasus_posisi": REASONS_TYPED,
    }
    r = b.post("/publik/keberatan", form)
    assert r.status_code == 303, text(r)
    return request["ticket"], _words(text(b.get("/publik/tanda-terima")))


# --- finding 2: the objection's receipt is a copy of what was filed -----------------------------------------------


def test_the_objection_receipt_shows_what_was_filed_and_when_the_numbered_receipt_letter_follows(browser, desk):
    """Perki 1/2021 Pasal 41(3)-(4): the requester gets a copy of the registered form as receipt. The page gave the
    ticket, the request's number and the superior's due date only; the e-mail alone spoke of the numbered letter."""
    with time_machine.travel(RECEIVED, tick=False):
        request, page = _objection_receipt(browser, desk)
    assert "Diterima pada 2 Des 2026, 10:00 WIB" in page
    assert f"Atas permohonan {request}" in page
    assert "Penolakan berdasarkan alasan pengecualian (Pasal 17)" in page  # the grounds in words, not "a, e"
    assert "Permintaan informasi tidak dipenuhi" in page
    assert REASONS_TYPED in page  # what the requester typed, to them alone
    assert "Tanda Terima Keberatan" in page
    assert "Register Keberatan" in page
    assert "Perki 1/2021 Pasal 41" in page
    assert "Surat yang dikirim kepada Anda" in page  # where on the case's page it will be


def test_the_objection_receipt_in_english_names_the_law_as_the_english_pages_do(browser, desk):
    with time_machine.travel(RECEIVED, tick=False):
        request, page = _objection_receipt(browser, desk, "en")
    assert "Received on 2 Dec 2026, 10:00 WIB" in page
    assert f"About request {request}" in page
    assert "Rejection on grounds of exemption (Article 17)" in page
    assert "Request not fulfilled" in page
    assert REASONS_TYPED in page
    assert "Objection Receipt" in page
    assert "Information Commission Regulation 1/2021 Article 41" in page
    assert "Perki" not in page


def test_an_objection_without_a_ticket_gets_the_same_copy_of_its_form_and_its_own_code_for_the_letter(browser):
    """Ground b with no request to name (engine.unregistered): its receipt copies its form too, the information it
    asked for among it, and the numbered letter is fetched with the objection's own code."""
    form = {
        "pemohon.name": "Budi Santoso",
        "pemohon.nik": "3171234507890002",
        "pemohon.address": "Jl. Kenanga 3, Jakarta",
        "pemohon.email": "budi@example.org",
        "informasi_yang_diminta": "Laporan keuangan berkala 2025",
        "kasus_posisi": REASONS_TYPED,
        "tanggal_alasan_ditemukan": "2026-11-30",
    }
    with time_machine.travel(RECEIVED, tick=False):
        b = browser()
        b.get("/publik/keberatan/tanpa-tiket")
        r = b.post("/publik/keberatan/tanpa-tiket", form)
        assert r.status_code == 303, text(r)
        page = _words(text(b.get("/publik/tanda-terima")))
    assert "Diterima pada 2 Des 2026, 10:00 WIB" in page
    assert "Tidak disediakannya informasi berkala (Pasal 9)" in page
    assert "Laporan keuangan berkala 2025" in page
    assert REASONS_TYPED in page
    assert "30 Nov 2026" in page  # the day the ground was found, as the page writes dates
    assert "dan kode akses di atas" in page


# --- finding 9: how to go to the Commission -----------------------------------------------------------------------


def test_the_way_to_the_commission_names_which_one_the_last_day_that_it_is_free_and_what_to_bring(
    browser, office, client
):
    """D14 from the response e-mailed on Mon 7 Dec 2026 at 10:00 WIB: the requester is told to file by Mon 28 Dec 2026,
    the earliest reading's end (legal-process.md §2.2; the latest, Tue 29 Dec, is the Commission's to weigh; it was
    counted from the end of 7 Dec, Wed 30 Dec, as if the hour were unknown). The page said only "Ajukan
    permohonan penyelesaian sengketa kepada Komisi Informasi (Perki 1/2013 Pasal 13)"."""
    with time_machine.travel(RECEIVED, tick=True) as clock:
        objection, code = _answered_objection(office, clock)
        page = _page(browser, objection, code)
        english = _page(browser, objection, code, "en")
        api = client.post("/api/v1/status", json={"ticket": objection, "access_code": code}).json
    how = page.split("Caranya:")[1]
    assert "Komisi Informasi yang berwenang atas kantor ini, yaitu Komisi Informasi Pusat," in how  # the setting's
    assert "paling lambat 28 Des 2026" in how
    assert "tanpa biaya" in how
    for document in ("tanda terimanya", "tanggapan PPID", "tanggapan Atasan PPID", "identitas"):
        assert document in how, document
    assert "Perki 1/2013 Pasal 10-13" in how
    how_en = english.split("How:")[1]
    assert "Information Commission competent for this office, Komisi Informasi Pusat," in how_en
    assert "by 28 Dec 2026" in how_en
    assert "free of charge" in how_en
    assert "Information Commission Regulation 1/2013 Articles 10-13" in how_en
    assert "Perki" not in english
    (window,) = api["windows"]
    assert "paling lambat 28 Des 2026" in window["how"]  # the API says the same


# --- finding 10: how to go to court follows the office's setting -------------------------------------------------


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_COURT_OF_CHALLENGE": "pn"}])
def test_the_way_to_court_follows_the_court_the_office_is_configured_for(browser, office):
    """KAWAL_COURT_OF_CHALLENGE=pn (a public body that is not a state body, UU 14/2008 Pasal 47(2)): the page still
    named the PTUN "as this office is a state public body", and in English "UU 14/2008 Articles 47-48"."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _adjudicated(office, clock)
        page = _page(browser, dispute, code)
        english = _page(browser, dispute, code, "en")
    how = page.split("Caranya:")[1]
    assert "Pengadilan Negeri" in how
    assert "Tata Usaha Negara" not in how
    assert "badan publik negara" not in how.replace("selain badan publik negara", "")
    how_en = english.split("How:")[1]
    assert "district court" in how_en
    assert "administrative court" not in how_en
    assert "Law 14/2008 Articles 47-48" in how_en
    assert "UU 14/2008" not in english


def test_the_way_to_court_of_a_state_public_body_is_the_administrative_court_in_english_legal_names(browser, office):
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _adjudicated(office, clock)
        page = _page(browser, dispute, code)
        english = _page(browser, dispute, code, "en")
    assert "Pengadilan Tata Usaha Negara" in page.split("Caranya:")[1]
    how_en = english.split("How:")[1]
    assert "administrative court (PTUN)" in how_en
    assert "Law 14/2008 Articles 47-48" in how_en
    assert "UU 14/2008" not in english


# --- finding 11: the stages follow the stage the headline shows ----------------------------------------------------

OBJECTED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # A30: strict Mon 18 Jan 2027, lenient Tue 19 Jan 2027, 16:00 WIB


def test_the_stages_follow_the_headline_around_a_missed_a30_and_say_not_answered(browser, office):
    """Between the strict and the lenient end of A30 the headline rightly stays "Keberatan Diterima", while the stages
    said "Diperiksa Atasan PPID tidak dilalui / Keputusan posisi sekarang"; after the lenient end, "Keputusan" stood
    "current" though nothing was decided."""
    with time_machine.travel(OBJECTED, tick=True) as clock:
        request, code = _request(office)
        _decided(office, ticket=request)
        objection = office.objection(request, ["a"])
        clock.move_to(datetime(2027, 1, 18, 10, 0, tzinfo=UTC))  # 17:00 WIB: after the strict end only
        office.run(objection)
        assert office.case(objection).status == "keberatan_tidak_ditanggapi"  # internally
        between = _page(browser, objection, code)
        clock.move_to(datetime(2027, 1, 19, 9, 1, tzinfo=UTC))  # after the lenient end
        office.run(objection)
        after = _page(browser, objection, code)
        english = _page(browser, objection, code, "en")
    assert "Keberatan Diterima" in between.split("Batas waktu")[0]
    stages = _stepper(between)
    assert "Diterima posisi sekarang" in stages
    assert "tidak dilalui" not in stages
    assert "Keputusan akan datang" in stages
    stages = _stepper(after)
    assert "Tidak Ditanggapi dalam 30 Hari Kerja" in stages  # the headline
    assert "Keputusan tidak ditanggapi" in stages
    assert "posisi sekarang" not in stages  # nothing was decided
    assert "Tanggapan dikirim akan datang" in stages
    assert "Decision not answered" in _stepper(english)


# --- finding 12: a refusal names the window in words ---------------------------------------------------------------


def test_recording_finality_before_the_applicant_s_time_ends_names_that_time_in_words(office):
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, _code = _adjudicated(office, clock)
        office.complete(dispute, "sikap_atas_putusan", {"sikap": "menerima", "alasan_sikap": "Sesuai telaah"})
        with pytest.raises(Conflict) as early:
            office.message(dispute, "berkekuatan_hukum_tetap", {"tanggal": "2027-03-08"})
    assert early.value.reason == "window_not_ended"
    indonesian, english = say(early.value.message, "id"), say(early.value.message, "en")
    assert "P14P" not in indonesian
    assert "P14P" not in english
    assert indonesian.startswith("jangka waktu pemohon untuk mengajukan keberatan ke pengadilan belum berakhir")
    assert english.startswith("the applicant's time to go to court has not ended yet")
