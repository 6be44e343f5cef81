"""The letters in a real browser: the officer downloads a letter's PDF from the case page, and anyone
checks that file on the public verification page its QR code opens; both pages pass axe-core."""

import hashlib
import re

import pytest
from playwright.sync_api import expect

from tests.api.test_letters_api import render_letters
from tests.browser.steps import DESKTOP, assert_accessible, assert_fits_narrow_screen, keep_screenshot, log_in


def _registered(desk) -> str:
    ticket = desk.submit()["ticket"]
    desk.complete(ticket, "periksa_kelengkapan")
    desk.complete(ticket, "registrasi")
    return ticket


def test_a_downloaded_letter_is_confirmed_genuine_on_its_verification_page(page, new_page, desk, app, tmp_path):
    ticket = _registered(desk)
    render_letters(app)
    log_in(page, "ppid")
    page.goto(f"/kasus/{ticket}#letters-title")
    letters = page.locator("table.letters")
    expect(letters).to_contain_text("Tanda Bukti Penerimaan Permintaan Informasi Publik")
    assert_accessible(page, "the case page with its letters")
    with page.expect_download() as download:
        letters.get_by_role("link", name="PDF").click()
    download.value.save_as(tmp_path / "surat.pdf")
    pdf = (tmp_path / "surat.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    number = letters.locator("tbody tr td.nowrap").first.inner_text()  # the letter's number
    assert re.fullmatch(r"B-\d+/PPID/TBP/[IVX]+/\d{4}", number), number
    code = (
        desk.client.get(f"/api/v1/cases/{ticket}/letters", headers=desk.login("ppid"))
        .json["items"][0]["verify_url"]
        .rsplit("/", 1)[1]
    )

    public = new_page(360, 740)  # someone else, on a phone, who scanned the QR code
    public.goto(f"/verifikasi/{code}")
    expect(public.get_by_role("heading", level=1)).to_have_text("Verifikasi surat")
    expect(public.locator("main")).to_contain_text(number)
    expect(public.locator("main")).to_contain_text(hashlib.sha256(pdf).hexdigest())
    assert_accessible(public, "the verification page")
    assert_fits_narrow_screen(public, "the verification page")
    public.locator("#file").set_input_files(str(tmp_path / "surat.pdf"))
    public.get_by_role("button", name="Periksa").click()
    expect(public.get_by_role("status")).to_contain_text("Asli:")

    (tmp_path / "palsu.pdf").write_bytes(pdf.replace(b"Tanda", b"Tandx", 1) if b"Tanda" in pdf else pdf + b"\n")
    public.locator("#file").set_input_files(str(tmp_path / "palsu.pdf"))
    public.get_by_role("button", name="Periksa").click()
    expect(public.get_by_role("alert")).to_contain_text(re.compile("Tidak asli"))


@pytest.mark.parametrize("width", [360, DESKTOP["width"]])
def test_the_signed_scan_uploaded_on_the_case_page_becomes_the_letter_of_record(new_page, desk, app, tmp_path, width):
    ticket = _registered(desk)
    render_letters(app)
    page = new_page(width, 800)
    log_in(page, "ppid")
    page.goto(f"/kasus/{ticket}#letters-title")
    form = page.locator("form.scan-form")
    expect(form.get_by_label("Surat", exact=True)).to_contain_text("Tanda Bukti Penerimaan")
    assert_accessible(page, "the case page with the signed-scan form")
    if width == 360:
        assert_fits_narrow_screen(page, "the case page with the signed-scan form")
    shot = keep_screenshot(page, "case-letter-scan-form")
    page.locator("section[aria-labelledby=letters-title]").screenshot(path=str(shot.with_suffix(".letters.png")))

    (tmp_path / "bukan.pdf").write_bytes(b"MZ not a scan at all")  # a name is not a type: the content is sniffed
    form.get_by_label("Pindaian bertanda tangan (PDF, PNG atau JPEG)").set_input_files(str(tmp_path / "bukan.pdf"))
    form.get_by_role("button", name="Unggah pindaian").click()
    expect(page.locator(".flash-error")).to_contain_text("PDF, PNG")

    scan = b"%PDF-1.4\n% a signed scan\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    (tmp_path / "pindaian.pdf").write_bytes(scan)
    form = page.locator("form.scan-form")
    form.get_by_label("Pindaian bertanda tangan (PDF, PNG atau JPEG)").set_input_files(str(tmp_path / "pindaian.pdf"))
    form.get_by_role("button", name="Unggah pindaian").click()
    expect(page.locator(".flash-success")).to_contain_text("kini menjadi surat resminya")
    letters = page.locator("table.letters")
    expect(letters.get_by_role("link", name="Pindaian bertanda tangan")).to_be_visible()
    expect(page.locator("form.scan-form")).to_have_count(0)  # once per letter: nothing left to upload
    assert_accessible(page, "the case page after the upload")
    keep_screenshot(page, "case-letter-scan")
    items = desk.client.get(f"/api/v1/cases/{ticket}/letters", headers=desk.login("ppid")).json["items"]
    assert (items[0]["of_record"], items[0]["scan_sha256"]) == ("scan", hashlib.sha256(scan).hexdigest())
    assert len(items[0]["sha256"]) == 64  # the generated PDF is kept beside it
