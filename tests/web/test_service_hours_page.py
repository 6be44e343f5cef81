"""The published service hours are the hours deadlines count by (``KAWAL_OFFICE_HOURS``), and the portal names the
office (``KAWAL_OFFICE_NAME``).

A tester found the page "Jam layanan" saying "Jumat: 08.00-16.30" (the demo's text) while deadlines counted by
08:00-16:00: an objection filed at 16:15 on a Friday, inside the published hours, counted from the next working day.
The page now shows the office hours of the settings, as the fee page shows the fee table in force, so that the two
cannot disagree; the office's own text stays for what the settings do not say (where the desk is). And every
Kanwil's portal looked the same: its header named the ministry only.
"""

import html
from datetime import UTC, datetime

import pytest
import time_machine

from engine import dip_demo
from tests.web.pages import text

NOW = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)  # Mon 7 Dec 2026, 10:00 WIB
OFFICE = "KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TIMUR"


@pytest.fixture
def settings_overrides():
    return {
        "KAWAL_OFFICE_HOURS": "07:30-16:00; jumat=07:30-16:30; 2026-12-14..2026-12-18=08:00-15:00 Rapat kerja;"
        " 2026-11-02..2026-11-06=08:00-14:00 Sudah lewat",
        "KAWAL_OFFICE_NAME": OFFICE,
    }


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


def page_of(response) -> str:
    return html.unescape(text(response))


def test_the_service_hours_page_shows_the_hours_deadlines_count_by_even_before_the_office_writes_it(browser):
    page = page_of(browser().get("/publik/halaman/jam_layanan"))
    assert "Senin–Kamis: 07:30–16:00 WIB" in page
    assert "Jumat: 07:30–16:30 WIB" in page
    assert "Sabtu, Minggu, dan hari libur nasional: tutup" in page
    assert "14–18 Des 2026 (Rapat kerja): 08:00–15:00 WIB" in page
    assert "Sudah lewat" not in page  # an exception already over is not announced
    assert "batas waktu berakhir saat kantor tutup" in page
    assert "belum menerbitkan halaman ini" not in page


def test_the_hours_read_in_english_too(browser):
    visitor = browser()
    visitor.get("/bahasa/en")
    page = page_of(visitor.get("/publik/halaman/jam_layanan"))
    assert "Monday–Thursday: 07:30–16:00 WIB" in page
    assert "Friday: 07:30–16:30 WIB" in page
    assert "Saturday, Sunday and public holidays: closed" in page


def test_the_office_s_text_stays_beside_the_hours_and_the_editor_says_where_the_hours_come_from(browser):
    ppid = browser("ppid")
    editor = page_of(ppid.get("/dip/halaman/jam_layanan"))
    assert "KAWAL_OFFICE_HOURS" in editor
    assert "Jumat: 07:30–16:30 WIB" in editor  # what the portal shows above the text
    body = "Meja layanan informasi: lantai 1, gedung utama."
    assert ppid.post("/dip/halaman/jam_layanan", {"body_id": body, "body_en": ""}).status_code == 302
    page = page_of(browser().get("/publik/halaman/jam_layanan"))
    assert body in page
    assert "Jumat: 07:30–16:30 WIB" in page
    assert "KAWAL_OFFICE_HOURS" not in page  # the public is not told a setting's name
    other = page_of(ppid.get("/dip/halaman/maklumat"))
    assert "KAWAL_OFFICE_HOURS" not in other


def test_the_demo_s_hours_page_no_longer_states_hours_of_its_own():
    """The demo wrote "Jumat: 08.00-16.30" while its deadlines closed at 16:00."""
    for body in (dip_demo.PAGES["jam_layanan"], dip_demo.PAGES_EN["jam_layanan"]):
        assert "16.30" not in body
        assert "08.00" not in body


def test_the_portal_names_the_office_in_its_header(browser):
    """Every Kanwil's portal looked the same: the header named the ministry only, the home page "this office"."""
    for path in ("/publik", "/publik/halaman/jam_layanan", "/publik/informasi"):
        assert f" · {OFFICE}</span>" in page_of(browser().get(path)), path  # under its agency, as the letterhead
