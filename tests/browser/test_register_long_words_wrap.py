"""A very long unbroken word in a register's cell wraps inside its cell: the register still fits 1366 px.

A walk found the request register widening past a desk's 1366 px (the last columns only reachable by scrolling
sideways) when the information asked held one URL of 200 characters: a table column is as wide as its longest word.
Such a cell (reports/_register.html ``long_words``: a word longer than 30 characters) now wraps anywhere (kawal.css
``.register td.long-words``); ordinary cells keep their words whole. The same macro draws every register (requests,
objections, disputes, complaints, exempt information); the request, dispute and complaint registers are checked here,
each at 1366 px (fits) and at 360 px (the register scrolls inside its region, the page never does)."""

import string

import pytest
from playwright.sync_api import expect

from tests.browser.steps import DESKTOP, PHONE, assert_fits_narrow_screen, keep_screenshot, log_in
from tests.workflows.conftest import Office

# A shared file's address as people paste it: 200 characters and more, with no space or hyphen to break at.
URL = "https://drive.kemenag.go.id/file/d/" + (string.ascii_letters + string.digits) * 3 + "/view?usp=sharing"


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _fits_with_the_word_wrapped(new_page, user: str, path: str, word: str, name: str) -> None:
    page = new_page(DESKTOP["width"], DESKTOP["height"])
    log_in(page, user)
    page.goto(path)
    region = page.locator("div.table-scroll[role=region]")
    cell = region.locator("td.long-words")
    expect(cell).to_have_count(1)  # only the cell with the long word wraps anywhere
    expect(cell).to_contain_text(word[:40])
    width, visible = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert width <= visible, f"{name} scrolls sideways at 1366 px with a long word ({width} > {visible})"
    box = cell.bounding_box()
    assert box["height"] > 3 * 18, "the long word is wrapped on several lines"
    keep_screenshot(page, f"{name}-long-word")
    page.set_viewport_size(PHONE)
    assert_fits_narrow_screen(page, name)
    keep_screenshot(page, f"{name}-long-word")


def test_a_request_asking_for_a_long_url_keeps_the_request_register_within_1366_px(new_page, office):
    office.submit(name="Ani Wijaya", information=f"Salinan berkas di {URL}")
    office.submit(name="Budi Hartono")  # an ordinary row: no cell of it wraps anywhere
    _fits_with_the_word_wrapped(new_page, "ppid", "/laporan/register/permohonan", URL, "the request register")


def test_a_complaint_whose_subject_is_a_long_url_keeps_the_complaint_register_within_1366_px(new_page, office):
    office.complaint("anonim", pokok_masalah=f"Pungutan liar, bukti di {URL}")
    office.complaint("anonim")
    _fits_with_the_word_wrapped(new_page, "tim", "/laporan/register/pengaduan", URL, "the complaint register")


def test_a_long_commission_register_number_keeps_the_dispute_register_within_1366_px(new_page, office):
    number = "001/REG-PSI/I/2027/" + "X" * 80  # the Commission's number field holds 100 characters
    office.dispute(office.objection(office.submit(), ["c"]), nomor_register=number.replace("-", ""))
    word = number.replace("-", "")
    _fits_with_the_word_wrapped(new_page, "ppid", "/laporan/register/sengketa", word, "the dispute register")
