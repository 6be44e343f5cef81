"""A filing refused by the public's quota (engine.quotas: too many filings from one address in an hour) is not an
error of the form: every filing form says so plainly, when it can be sent again and how the office takes it
meanwhile, and keeps what was typed.

It said "Mohon perbaiki formulir. Belum ada yang terkirim. Perbaiki isian di bawah lalu kirim formulir lagi.
Terlalu banyak percobaan dari sini. Tunggu 58 menit", though nothing in the form was wrong.
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_chain_api import decided
from tests.web.pages import text
from tests.web.test_portal import complaint_form, open_case, request_form

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB: the quota frees one filing at 11:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def settings_overrides():
    return {"KAWAL_QUOTA_FILINGS_PER_HOUR": "1", "KAWAL_OFFICE_CONTACT": "(021) 555-0100"}


def assert_refused_by_the_quota_not_by_the_form(r, typed: str) -> str:
    page = text(r)
    assert r.status_code == 429
    assert "Belum terkirim: terlalu banyak formulir dari sambungan ini" in page
    assert "Tidak ada yang salah dengan isian Anda." in page
    assert "mulai 2 Des 2026, 11:00 WIB, sekitar 60 menit lagi" in page  # when to try again
    assert "Kontak: (021) 555-0100." in page  # the office, to file meanwhile
    assert "<title>Belum terkirim:" in page
    # Not a form error: no "correct the form", no field marked wrong.
    assert "Mohon perbaiki formulir" not in page
    assert "Perbaiki isian" not in page
    assert "Galat:" not in page
    assert 'aria-invalid="true"' not in page
    assert typed in page  # what was typed stays
    return page


def test_a_request_refused_by_the_quota_says_when_to_send_it_again_and_that_the_desk_takes_it(browser, desk):
    desk.submit()  # this address's one filing of the hour
    b = browser()
    b.get("/publik/permohonan")
    r = b.post("/publik/permohonan", request_form(information="Anggaran madrasah 2026 per kabupaten"))
    page = assert_refused_by_the_quota_not_by_the_form(r, "Anggaran madrasah 2026 per kabupaten</textarea>")
    assert "menerima permohonan secara langsung atau melalui telepon" in page


def test_an_objection_refused_by_the_quota_says_the_desk_takes_it_in_writing_and_keeps_the_code(browser, desk):
    receipt = decided(desk)  # its filing is the hour's one
    b = browser()
    b.get(f"/publik/keberatan?tiket={receipt['ticket']}")
    form = {
        "ticket": receipt["ticket"],
        "access_code": receipt["access_code"],
        "alasan": ["a"],
        "kasus_posisi": "Informasi ditolak tanpa uji konsekuensi yang layak",
    }
    r = b.post("/publik/keberatan", form)
    page = assert_refused_by_the_quota_not_by_the_form(r, "Informasi ditolak tanpa uji konsekuensi yang layak")
    # An objection is filed in writing (engine.intake.OBJECTION_CHANNELS): never "by telephone".
    assert "menerima keberatan Anda secara tertulis" in page
    assert "telepon" not in page.split("Sementara itu")[1].split("</p>")[0]
    assert f'value="{receipt["access_code"]}"' in page


@pytest.mark.parametrize("mode", ["anonim", "rahasia", "whistleblower"])
def test_a_complaint_refused_by_the_quota_in_each_mode_says_how_the_office_takes_complaints(browser, desk, mode):
    desk.submit()
    b = browser()
    b.get("/publik/pengaduan")
    r = b.post("/publik/pengaduan", complaint_form(mode, pokok_masalah="Pungutan pada wisuda madrasah"))
    page = assert_refused_by_the_quota_not_by_the_form(r, ">Pungutan pada wisuda madrasah</textarea>")
    assert "menerima pengaduan secara langsung di meja layanan, melalui telepon, surat, atau e-mail" in page
    assert re.search(rf'name="mode" value="{mode}"[^>]* checked', page)  # the mode chosen stays chosen


def test_a_data_correction_refused_by_the_quota_says_so_and_keeps_the_data_typed(browser, desk):
    receipt = desk.submit()
    b = browser()
    open_case(b, receipt["ticket"], receipt["access_code"])
    b.get(f"/publik/status/perbaikan-data?kasus={receipt['ticket']}")
    identity = {"name": "Ani Wijaya Putri", "nik": "3171234507890001", "address": "Jl. Baru 2, Bandung"}
    form = {f"requester.{k}": v for k, v in identity.items()} | {"requester.email": "ani@example.org"}
    r = b.post("/publik/status/perbaikan-data", {**form, "requester_type": "perorangan", "kasus": receipt["ticket"]})
    page = assert_refused_by_the_quota_not_by_the_form(r, 'value="Ani Wijaya Putri"')
    assert "menerima permintaan perbaikan data Anda secara langsung" in page


def test_the_quota_notice_speaks_english_when_chosen(browser, desk):
    desk.submit()
    b = browser()
    b.get("/bahasa/en")
    b.get("/publik/permohonan")
    r = b.post("/publik/permohonan", request_form())
    page = text(r)
    assert r.status_code == 429
    assert "Not sent: too many forms from this connection" in page
    assert "You can send this form again from" in page
    assert "in about 60 minutes" in page
    assert "Please correct the form" not in page
