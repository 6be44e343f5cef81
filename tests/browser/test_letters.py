"""The letters in a real browser: the officer downloads a letter's PDF from the case page, and anyone
checks that file on the public verification page its QR code opens; both pages pass axe-core."""

import hashlib
import re

from playwright.sync_api import expect

from tests.api.test_letters_api import render_letters
from tests.browser.steps import assert_accessible, assert_fits_narrow_screen, log_in


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
    number = letters.locator("tbody tr td").nth(1).inner_text()
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
