"""A request or an objection filed on the portal by a proxy (kuasa): its receipt says that the special power of
attorney must reach the PPID, and how (legal-process.md §3.2: "Surat kuasa khusus (if represented)", and "surat
kuasa + KTP" among the attachments; for an objection, bearing meterai: Perki 1/2021 Pasal 39(4)). The portal takes
no file with a request: the proxy shows it at the desk or sends it by e-mail or post, naming the ticket.

A walk report: the proxy's receipt page, its e-mail and the status page never said to bring or send the power of
attorney; the form only said "the desk may ask for it"."""

import html

import pytest
import time_machine

from tests.api.test_chain_api import decided
from tests.web.pages import text
from tests.web.test_portal import RECEIPT, RECEIVED, request_form

PROXY = {
    "kuasa.name": "Rahmat Hidayat, S.H.",
    "kuasa.address": "Jl. Cikini Raya 5, Jakarta Pusat",
    "kuasa.nomor_surat_kuasa": "SKK-19/XII/2026",
    "kuasa.tanggal_surat_kuasa": "2026-12-01",
}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _said(page: str) -> str:
    return " ".join(html.unescape(page).split())


def test_a_proxy_s_receipt_says_to_hand_in_or_send_the_power_of_attorney_naming_the_ticket(browser):
    b = browser()
    b.get("/publik/permohonan")
    assert b.post("/publik/permohonan", request_form() | PROXY).status_code == 303
    page = _said(text(b.get("/publik/tanda-terima")))
    ticket = RECEIPT.search(page)[1]
    assert "Anda mengajukan permohonan ini sebagai kuasa pemohon: PPID memerlukan surat kuasa khususnya." in page
    assert "bersama salinan KTP pemohon" in page
    assert f"atau kirim pindaiannya melalui e-mail atau pos dengan menyebut nomor tiket {ticket}" in page
    assert 'id="power-of-attorney"' in page
    # No address or contact configured: the receipt says where to ask instead of leaving "send it" nowhere.
    assert "Kantor belum mengumumkan alamat pos atau surelnya di situs ini" in page


def test_a_receipt_of_a_request_filed_in_person_asks_for_no_power_of_attorney(browser):
    b = browser()
    b.get("/publik/permohonan")
    assert b.post("/publik/permohonan", request_form()).status_code == 303
    page = _said(text(b.get("/publik/tanda-terima")))
    assert RECEIPT.search(page)
    assert "surat kuasa" not in page


def test_an_objection_s_proxy_is_told_the_power_of_attorney_must_bear_meterai(browser, desk):
    receipt = decided(desk)
    b = browser()
    b.get(f"/publik/keberatan?tiket={receipt['ticket']}")
    form = {
        "ticket": receipt["ticket"],
        "access_code": receipt["access_code"],
        "alasan": ["a"],
        "kasus_posisi": "Informasi ditolak tanpa uji konsekuensi yang layak",
        **PROXY,
        "kuasa.bermeterai": "true",
    }
    assert b.post("/publik/keberatan", form).status_code == 303
    page = _said(text(b.get("/publik/tanda-terima")))
    assert "Anda mengajukan keberatan ini sebagai kuasa pemohon" in page
    assert "surat kuasa khusus yang bermeterai" in page
