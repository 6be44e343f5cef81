"""The lost-code page (/publik/kode-hilang) names a request's ticket and a complaint's alike, and tells a reporter
what Kawal allows for a complaint's code: a new one only to an e-mail or phone given with it; an anonymous report
keeps none, so its lost code cannot be replaced, at the desk either.

It advised the holder of an anonymous complaint's ticket to "Bawa nomor tiket dan kartu identitas Anda ke meja
layanan", which defeats the anonymity (the anonymous receipt says a lost code cannot be sent again), and labelled the
field "Nomor tiket permohonan Anda" for a complaint's ticket too.
"""

import re

import pytest

from tests.web.pages import text
from tests.web.test_portal import complaint_form, receipt_of

IDENTITY_AT_THE_DESK = "Bawa nomor tiket dan kartu identitas Anda ke meja layanan informasi."
NO_NEW_CODE = "tidak dapat diberi kode baru, baik di sini maupun di meja layanan"


def answer(b, ticket: str) -> str:
    b.get("/publik/kode-hilang")
    r = b.post("/publik/kode-hilang", {"ticket": ticket})
    assert r.status_code == 200
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
    said = answer(b, ticket)
    assert IDENTITY_AT_THE_DESK not in said
    assert "kartu identitas" not in said
    assert NO_NEW_CODE in said
    assert "Tim tetap menanganinya." in said
    assert 'href="/publik/pengaduan"' in said  # more to tell: a new complaint


def test_the_answer_still_tells_nothing_about_the_ticket(browser):
    """Whether the complaint is there, and in which mode, is not looked at: only its series (ADU-) is read."""
    b = browser()
    ticket, _code = receipt_of(b, "/publik/pengaduan", complaint_form("anonim"))
    assert answer(b, ticket) == answer(browser(), "ADU-2026-999999")


def test_a_request_s_ticket_is_still_pointed_to_the_desk(browser, desk):
    receipt = desk.submit()
    said = answer(browser(), receipt["ticket"])
    assert IDENTITY_AT_THE_DESK in said
    assert NO_NEW_CODE not in said
