"""The portal tells the public the office's SMS/WhatsApp number for a status question (``KAWAL_TEXT_NUMBER``, with
the gateway's secret: api.views.gateway): the lookup page and a request's receipt, never a whistleblower's."""

import html

import pytest

from tests.web.pages import text
from tests.web.test_portal import complaint_form, request_form

NUMBER = "0811 1500 123"


@pytest.fixture
def settings_overrides():
    return {"KAWAL_WEBHOOK_SECRET": "rahasia-gateway-kanwil", "KAWAL_TEXT_NUMBER": NUMBER}


def test_the_lookup_page_and_a_request_s_receipt_give_the_number_to_text(browser):
    b = browser()
    assert f"ke {NUMBER} lewat SMS atau WhatsApp" in html.unescape(text(b.get("/publik/status")))
    b.get("/publik/permohonan")
    assert b.post("/publik/permohonan", request_form()).status_code == 303
    receipt = html.unescape(text(b.get("/publik/tanda-terima")))
    assert "kirim STATUS PPID-" in receipt
    assert f"dan kode akses Anda ke {NUMBER}." in receipt


def test_a_whistleblower_s_receipt_does_not_offer_the_text(browser):
    b = browser()
    b.get("/publik/pengaduan")
    assert b.post("/publik/pengaduan", complaint_form("whistleblower")).status_code == 303
    receipt = html.unescape(text(b.get("/publik/tanda-terima")))
    assert "Pengaduan Anda sudah kami terima" in receipt
    assert NUMBER not in receipt
