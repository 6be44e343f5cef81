"""A complaint's letters of record in a real browser, on a phone and on a desk: the reporter finds the numbered
receipt on the status page and downloads it (never the team's disposition sheet); the team's case page lists
the receipt, the disposition sheet and the clarification request. Both pages pass axe-core and fit 360 px."""

import io
from datetime import UTC, datetime

import pytest
import time_machine
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.api.test_complaint_documents import TO_PENDMAD
from tests.api.test_letters_api import render_letters
from tests.browser.journeys import ComplaintDesk
from tests.browser.steps import DESKTOP, assert_accessible, assert_fits_narrow_screen, keep_screenshot, log_in, look_up
from tests.conftest import REPORTER_NAME, REPORTER_NIK
from tests.workflows.test_pengaduan_paths import CATAT

RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


@pytest.mark.parametrize("width", [360, DESKTOP["width"]])
def test_the_reporter_downloads_the_numbered_receipt_and_the_team_lists_the_disposition_sheet(
    new_page, client, login, app, tmp_path, width
):
    complaint = ComplaintDesk(client, login, "whistleblower")
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    complaint.complete("klasifikasi", {**TO_PENDMAD, "instruksi_disposisi": ["tindak_lanjuti", "laporkan_hasil"]})
    assert render_letters(app) == 3

    reporter = new_page(width, 800)
    look_up(reporter, complaint.ticket, complaint.code)
    files = reporter.locator("ul.letter-files")
    expect(files).to_contain_text("Tanda Terima Pengaduan")
    expect(files).to_contain_text("B-1/PPID/TTP/I/2027")
    expect(files).not_to_contain_text("Lembar Disposisi")  # the team's own paper
    expect(files).not_to_contain_text("Klarifikasi")  # the unit's letter
    expect(reporter.locator("main")).not_to_contain_text("Belum ada surat yang dikirim kepada Anda.")
    assert_accessible(reporter, "the reporter's status page with the receipt")
    if width == 360:
        assert_fits_narrow_screen(reporter, "the reporter's status page with the receipt")
    keep_screenshot(reporter, "portal-status-complaint-receipt")
    with reporter.expect_download() as download:
        files.get_by_role("link", name="Tanda Terima Pengaduan").click()
    download.value.save_as(tmp_path / "tanda-terima.pdf")
    pdf = (tmp_path / "tanda-terima.pdf").read_bytes()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert f"Pelapor pengaduan {complaint.ticket}" in text
    for secret in (REPORTER_NAME, REPORTER_NIK, complaint.code):
        assert secret not in text

    team = new_page(width, 800)
    log_in(team, "tim")
    team.goto(f"/kasus/{complaint.ticket}#letters-title")
    letters = team.locator("table.letters")
    for title in ("Tanda Terima Pengaduan", "Lembar Disposisi Pengaduan", "Surat Permintaan Klarifikasi"):
        expect(letters).to_contain_text(title)
    expect(letters).to_contain_text("B-1/PPID/LDP/I/2027")
    assert_accessible(team, "the complaint's case page with its letters")
    if width == 360:
        assert_fits_narrow_screen(team, "the complaint's case page with its letters")
        # The table scrolls in its region; each letter's PDF shows beside its name without scrolling it.
        shown = letters.locator("xpath=..").bounding_box()
        link = letters.locator("tbody tr").first.get_by_role("link", name="PDF").bounding_box()
        assert link["x"] + link["width"] <= shown["x"] + shown["width"], "the letter's PDF is off the phone's screen"
    shot = keep_screenshot(team, "case-complaint-letters")
    team.locator("section[aria-labelledby=letters-title]").screenshot(path=str(shot.with_suffix(".letters.png")))
    sheet = letters.locator("tr", has_text="Lembar Disposisi Pengaduan")
    sheet.get_by_role("link", name="Tampilan cetak").click()
    expect(team.locator("tr", has_text="Diteruskan kepada")).to_contain_text("PENDMAD")  # the unit it goes to
    expect(team.locator("td", has_text="Untuk ditindaklanjuti").locator("xpath=preceding-sibling::td[1]")).to_have_text(
        "[X]"
    )
    keep_screenshot(team, "complaint-disposition-print-view")
    # A screen reader moves by landmarks: the print view's letterhead, letter and verification footer are each one,
    # and nothing is left outside them.
    outside = team.evaluate(
        """() => [...document.body.children]
            .filter(el => !['HEADER', 'MAIN', 'FOOTER'].includes(el.tagName) && el.textContent.trim())
            .map(el => `${el.tagName}: ${el.textContent.trim().slice(0, 40)}`)"""
    )
    assert not outside, f"the print view has content outside its landmarks: {outside}"
    expect(team.locator("main")).to_contain_text("Lembar Disposisi Pengaduan")
    expect(team.locator("header")).to_contain_text("Ctrl+P")
    assert_accessible(team, "the disposition sheet's print view")


def test_the_team_prints_the_annex_naming_the_reported_persons_for_the_inspectorate(new_page, client, login, app):
    """The annex to the memo (``lampiran_terlapor``) on the case page's letters, opened as a page to print."""
    from tests.api.test_reported_persons import HARTO, RINA, put
    from tests.workflows.test_pengaduan_paths import KE_ITJEN

    complaint = ComplaintDesk(client, login, "whistleblower")
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    assert put(client, login, complaint.ticket, [HARTO, RINA]).status_code == 200
    complaint.complete("klasifikasi", KE_ITJEN)
    complaint.complete("rujukan_itjen", {"tanggal": "2027-01-11"})
    assert render_letters(app) == 4
    page = new_page(DESKTOP["width"], 800)
    log_in(page, "tim")
    page.goto(f"/kasus/{complaint.ticket}")
    row = page.locator("table.letters tbody tr").filter(has_text="Lampiran Nota Dinas: Daftar Terlapor")
    expect(row).to_have_count(1)
    row.get_by_role("link", name="Tampilan cetak").click()
    expect(page.locator("table.items")).to_contain_text("Suharto Wibisono")
    expect(page.locator("table.items")).to_contain_text("Rina Marlina")
    keep_screenshot(page, "letter-annex-reported-persons")
