"""A register in the browser: the legal register's twenty-odd columns scroll inside their region, and the
register number stays at the region's left edge while they do (which row is which is never lost)."""

from playwright.sync_api import expect

from tests.browser.steps import DESKTOP, PHONE, at_both_widths, keep_screenshot, log_in


def test_the_register_number_stays_in_view_while_the_register_s_columns_scroll_past(new_page, desk):
    ticket = desk.submit()["ticket"]
    page = new_page(DESKTOP["width"], DESKTOP["height"])
    log_in(page, "ppid")
    page.goto("/laporan/register/permohonan?kolom=semua")  # every column: the page's own set fits at 1366 px
    region = page.locator("div.table-scroll[role=region]")
    number = region.locator("tbody th[scope=row]").filter(has_text=ticket)
    expect(number).to_be_visible()
    width, visible = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert width > visible, "the register no longer scrolls at 1366 px: nothing to keep in view"
    region.evaluate("r => { r.scrollLeft = r.scrollWidth; }")
    left = region.bounding_box()["x"]
    assert abs(number.bounding_box()["x"] - left) <= 1, "the register number scrolled away with the columns"
    last = region.locator("tbody tr").filter(has_text=ticket).locator("td").last
    assert last.bounding_box()["x"] > number.bounding_box()["x"] + number.bounding_box()["width"] - 1
    keep_screenshot(page, "register-scrolled")


def test_the_ppid_records_the_years_report_handed_over_on_its_page(new_page):
    """legal-process.md §9.2: the report of 2025 was due by 31 March 2026; the page says it is late until the PPID
    records the day it went to the superior, with its copy to the Commission and the covering letter's number."""
    page = new_page(**PHONE)
    log_in(page, "ppid")
    page.goto("/laporan/tahunan?periode=2025")
    section = page.locator("#penyampaian")
    expect(section.locator(".notice-late")).to_contain_text("belum tercatat disampaikan kepada Atasan PPID")
    section.get_by_label("Disampaikan kepada Atasan PPID pada").fill("2026-04-10")
    section.get_by_label("Tembusan kepada Komisi Informasi pada").fill("2026-04-13")
    section.get_by_label("Nomor surat pengantar").fill("B-31/PPID/HM.00/04/2026")
    section.get_by_role("button", name="Catat penyampaian").click()
    expect(page.locator(".flash-success")).to_contain_text("Tercatat: laporan tahun 2025")
    expect(page.locator("#penyampaian .notice")).to_contain_text(
        "Laporan tahun 2025 telah disampaikan kepada Atasan PPID pada 10 Apr 2026. Batas waktunya 31 Mar 2026:"
        " penyampaiannya terlambat."
    )
    expect(section.get_by_label("Disampaikan kepada Atasan PPID pada")).to_have_value("2026-04-10")  # to correct
    expect(section).to_contain_text("Untuk memperbaiki catatan ini")
    at_both_widths(page, "the annual report's page after the handing over was recorded", "annual-report-handed-over")
