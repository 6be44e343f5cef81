"""The working calendar's page in a real browser: the admin enters a day off on a phone and the table lists it."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from tests.browser.steps import PHONE, at_both_widths, log_in

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def test_the_admin_enters_an_office_closure_and_the_overrides_list_it(new_page):
    page = new_page(**PHONE)
    log_in(page, "admin")
    page.get_by_role("link", name="Kalender kerja").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kalender kerja 2026")
    page.locator("#override-day").fill("2026-12-07")
    page.get_by_label("Hari libur nasional atau kantor tutup").check()  # no kind of day is preselected
    page.locator("#override-reason").fill("Kantor tutup: renovasi gedung")
    page.get_by_role("button", name="Simpan penyesuaian").click()
    expect(page.locator(".flash")).to_contain_text("Penyesuaian telah disimpan.")
    expect(page.locator("#overrides-title + .table-scroll")).to_contain_text("Kantor tutup: renovasi gedung")
    at_both_widths(page, "the working calendar", "working-calendar")


def test_a_refused_override_s_error_summary_names_the_field_and_leads_to_it(new_page):
    """The summary said only "wajib diisi": which field, the admin had to guess (the task pages name it)."""
    page = new_page(**PHONE)
    log_in(page, "admin")
    page.goto("/kalender?tahun=2027")
    page.locator("#override-day").fill("2027-08-16")
    page.get_by_role("button", name="Simpan penyesuaian").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Alasan wajib diisi.")
    summary.get_by_role("link", name="Alasan wajib diisi.").click()
    expect(page).to_have_url(re.compile(r"#override-reason$"))
    at_both_widths(page, "the working calendar's refused override", "working-calendar-refused")
