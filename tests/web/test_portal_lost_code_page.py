"""The lost-code page (/publik/kode-hilang) names a request's ticket and a complaint's alike, and tells a reporter
what Kawal allows for a complaint's code: a new one only to an e-mail or phone given with it; an anonymous report
keeps none, so its lost code cannot be replaced, at the desk either.

It advised the holder of an anonymous complaint's ticket to "Bawa nomor tiket dan kartu identitas Anda ke meja
layanan", which defeats the anonymity (the anonymous receipt says a lost code cannot be sent again), and labelled the
field "Nomor tiket permohonan Anda" for a complaint's ticket too.

A walk found that the ticket alone ended the owner's code and sent a whistleblower a mail whoever asked; the page
said "Kode lama tidak berlaku lagi setelah kode baru dikirim". Now the old code keeps working until the new one is
used, and a complaint's ticket needs the e-mail or phone its reporter gave (engine.lost_codes).
"""

import re

import pytest

from tests.conftest import complaint_payload
from tests.web.pages import text
from tests.web.test_portal import complaint_form, receipt_of

IDENTITY_AT_THE_DESK = "Bawa nomor tiket dan kartu identitas Anda ke meja layanan informasi."
NO_NEW_CODE = "tidak dapat diberi kode baru, baik di sini maupun di meja layanan"
OLD_CODE_WORKS = "Kode lama Anda tetap berlaku sampai Anda memakai kode baru"
REPORTER_EMAIL = complaint_payload()["pelapor"]["email"]


def answer(b, ticket: str, contact: str = "") -> str:
    b.get("/publik/kode-hilang")
    r = b.post("/publik/kode-hilang", {"ticket": ticket, "contact": contact})
    assert r.status_code == 200, text(r)
    return re.search(r'<div class="notice code-sent" role="status">(.*?)</div>', text(r), re.S)[1]


def test_the_ticket_field_is_named_for_any_ticket_with_both_kinds_as_examples(browser):
    page = text(browser().get("/publik/kode-hilang"))
    assert re.search(r'<label for="f-ticket">Nomor tiket Anda', page)
    assert "Nomor tiket permohonan Anda" not in page
    assert "misalnya PPID-2026-000123 atau ADU-2026-000045" in page
    assert "Pengaduan anonim tidak memiliki e-mail atau nomor telepon" in page  # said before asking


@pytest.mark.parametrize("mode", ["anonim", "whistleblower"])
def test_a_complaint_s_ticket_is_never_told_to_bring_an_identity_card_to_the_desk(browser, mode):
    b = browser()
    ticket, _code = receipt_of(b, "/publik/pengaduan", complaint_form(mode))
    said = answer(b, ticket, REPORTER_EMAIL)
    assert IDENTITY_AT_THE_DESK not in said
    assert "kartu identitas" not in said
    assert NO_NEW_CODE in said
    assert "Tim tetap menanganinya." in said
    assert 'href="/publik/pengaduan"' in said  # more to tell: a new complaint


def test_the_answer_still_tells_nothing_about_the_ticket(browser):
    """Whether the complaint is there, and in which mode, is not looked at: only its series (ADU-) is read."""
    b = browser()
    ticket, _code = receipt_of(b, "/publik/pengaduan", complaint_form("anonim"))
    assert answer(b, ticket, REPORTER_EMAIL) == answer(browser(), "ADU-2026-999999", REPORTER_EMAIL)


def test_a_whistleblower_s_contact_named_right_or_wrong_gets_the_same_answer(browser):
    b = browser()
    ticket, _code = receipt_of(b, "/publik/pengaduan", complaint_form("whistleblower"))
    right = answer(b, ticket, REPORTER_EMAIL)
    assert right == answer(browser(), ticket, "someone.else@example.org")
    assert right == answer(browser(), "ADU-2026-999999", "someone.else@example.org")


def test_a_complaint_s_ticket_alone_is_asked_for_the_reporter_s_contact_beside_its_field(browser):
    """Whoever knew a whistleblower's ticket made a mail go to their mailbox, for the mail server to see."""
    b = browser()
    ticket, _code = receipt_of(b, "/publik/pengaduan", complaint_form("whistleblower"))
    for asked in (ticket, "ADU-2026-999999"):  # asked of any complaint's ticket: its series says it, not the case
        b.get("/publik/kode-hilang")
        r = b.post("/publik/kode-hilang", {"ticket": asked})
        assert r.status_code == 422
        page = text(r)
        assert 'id="f-contact-error"' in page
        assert re.search(r'id="f-contact-error">.*Wajib untuk tiket pengaduan\.', page)
        assert 'class="notice code-sent"' not in page


def test_the_page_says_the_old_code_keeps_working_until_the_new_one_is_used(browser, desk):
    b = browser()
    before = text(b.get("/publik/kode-hilang"))
    assert "Kode lama Anda tetap berlaku sampai Anda memakai kode baru." in before
    assert "Untuk pengaduan, berikan juga alamat e-mail atau nomor telepon itu" in before
    assert 'name="contact"' in before
    said = answer(b, desk.submit()["ticket"])  # a request's ticket needs no contact
    assert OLD_CODE_WORKS in said
    assert "tidak berlaku lagi setelah kode baru dikirim" not in said
    assert "paling banyak satu kode baru sehari" in said


def test_a_request_s_ticket_is_still_pointed_to_the_desk(browser, desk):
    receipt = desk.submit()
    said = answer(browser(), receipt["ticket"])
    assert IDENTITY_AT_THE_DESK in said
    assert NO_NEW_CODE not in said
