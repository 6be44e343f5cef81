"""The delivery task's file field in the browser: choose files, get one wrong, hand over the rest.

The page draws the field from the form's ``x-kawal-file`` (a file input that takes several, only the
allowed types offered), posts the form as multipart, and puts a refusal beside the field (a wrong type,
then someone else's NIK found by the scan, until the officer redacts it or confirms each finding in the row
the page prepares with its code); at 360 px
and 1366 px wide the page fits and axe-core finds no WCAG A/AA violation.
"""

import hashlib
import re

from playwright.sync_api import expect

from tests.browser.steps import assert_accessible, assert_fits_narrow_screen, keep_screenshot, log_in, look_up
from tests.delivery.conftest import PNG, pdf, walk_to_delivery

LETTER = pdf("SALINAN DAFTAR PENERIMA BEASISWA 2026\nMadrasah Aliyah Negeri 1")
WITH_NIK = pdf("SALINAN DAFTAR PENERIMA BEASISWA 2026\nSiti Aminah, NIK 3273015208900002")


def _open_delivery(page, desk, ticket):
    log_in(page, "petugas")
    task = desk.task(ticket, "penyerahan_informasi")
    page.goto(f"/tugas/{task['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Biaya dan penyerahan informasi")


def _fill(page, day: str):
    page.get_by_label(re.compile(r"^Biaya yang dibayar")).fill("0")
    page.get_by_label(re.compile(r"^Tanggal penyerahan")).fill(day)
    page.get_by_role("group", name=re.compile(r"^Cara penyerahan")).get_by_label("E-mail").check()


def test_an_officer_attaches_the_information_on_the_delivery_task_page(page, desk):
    ticket = walk_to_delivery(desk)["ticket"]
    day = desk.case(ticket)["received_at"][:10]  # the notice went out the day of receipt
    page.set_viewport_size({"width": 1366, "height": 900})
    _open_delivery(page, desk, ticket)
    files = page.get_by_label(re.compile(r"^Berkas informasi yang diserahkan"))
    expect(files).to_have_attribute("type", "file")
    expect(files).to_have_attribute("multiple", "multiple")
    expect(files).to_have_attribute("accept", "application/pdf,image/png,image/jpeg")
    assert_accessible(page, "the delivery task page")

    # A file that is not what it says is refused beside the field; nothing is handed over.
    _fill(page, day)
    files.set_input_files(
        [
            {"name": "daftar.pdf", "mimeType": "application/pdf", "buffer": LETTER},
            {"name": "palsu.pdf", "mimeType": "application/pdf", "buffer": b"MZ not a pdf"},
        ]
    )
    page.get_by_role("button", name="Selesaikan tugas").click()
    expect(page).to_have_title(re.compile(r"^Galat: "))
    error = page.locator("#f-berkas_informasi-error")
    expect(error).to_contain_text("Hanya PDF, PNG atau JPEG.")
    expect(page.get_by_label(re.compile(r"^Berkas informasi yang diserahkan"))).to_have_attribute(
        "aria-invalid", "true"
    )
    assert_accessible(page, "the delivery task page with a refused file")
    assert "penyerahan_informasi" in desk.open_tasks(ticket)

    # A copy with someone else's NIK in it: the scan stops it, the finding masked beside the file.
    _fill(page, day)
    files = page.get_by_label(re.compile(r"^Berkas informasi yang diserahkan"))
    files.set_input_files([{"name": "daftar.pdf", "mimeType": "application/pdf", "buffer": WITH_NIK}])
    page.get_by_role("button", name="Selesaikan tugas").click()
    expect(page.locator("#f-berkas_informasi-error")).to_contain_text("NIK 3273********0002 (hlm. 1; temuan ")
    expect(page.locator(".error-summary")).to_contain_text("konfirmasi setiap temuan")
    code = page.locator("#f-konfirmasi_temuan-0-temuan")
    expect(code).to_have_value(f"{hashlib.sha256(WITH_NIK).hexdigest()[:12]}-1")  # the row is ready
    assert_accessible(page, "the delivery task page with a personal-data finding")
    assert "penyerahan_informasi" in desk.open_tasks(ticket)

    # The blacked-out copy and a photo: the photo has no text to read, so it needs a confirmation of its own.
    both = [
        {"name": "daftar.pdf", "mimeType": "application/pdf", "buffer": LETTER},
        {"name": "foto.png", "mimeType": "image/png", "buffer": PNG},
    ]
    _fill(page, day)
    code.fill("")  # the NIK is gone: nothing of that file to confirm
    page.get_by_label(re.compile(r"^Berkas informasi yang diserahkan")).set_input_files(both)
    page.get_by_role("button", name="Selesaikan tugas").click()
    expect(page.locator("#f-berkas_informasi-error")).to_contain_text("Teksnya tidak terbaca")
    expect(code).to_have_value(f"{hashlib.sha256(PNG).hexdigest()[:12]}-1")

    # The officer looked at the photo: checked by eye, it goes out with the copy.
    _fill(page, day)
    page.get_by_label(re.compile(r"^Berkas informasi yang diserahkan")).set_input_files(both)
    page.locator("#f-konfirmasi_temuan-0-alasan").get_by_label(re.compile(r"^Teks tidak terbaca")).check()
    page.get_by_role("button", name="Selesaikan tugas").click()
    expect(page.locator(".flash-success")).to_contain_text(f"Tugas selesai. Kasus {ticket}")
    events = desk.client.get(f"/api/v1/cases/{ticket}/events", headers=desk.login("ppid")).json["items"]
    attached = [e for e in events if e["type"] == "files_attached"]
    assert [f["media_type"] for f in attached[0]["data"]["files"]] == ["application/pdf", "image/png"]


def test_the_delivery_task_page_with_its_file_field_fits_a_phone(narrow_page, desk):
    ticket = walk_to_delivery(desk)["ticket"]
    _open_delivery(narrow_page, desk, ticket)
    expect(narrow_page.get_by_label(re.compile(r"^Berkas informasi yang diserahkan"))).to_be_visible()
    assert_fits_narrow_screen(narrow_page, "the delivery task page at 360 px")
    assert_accessible(narrow_page, "the delivery task page at 360 px")


def _handed_over(page, desk) -> dict:
    """A request walked to its delivery, and the list of recipients handed over on the task page; its receipt."""
    receipt = walk_to_delivery(desk)
    ticket = receipt["ticket"]
    _open_delivery(page, desk, ticket)
    _fill(page, desk.case(ticket)["received_at"][:10])
    files = page.get_by_label(re.compile(r"^Berkas informasi yang diserahkan"))
    files.set_input_files([{"name": "daftar-penerima.pdf", "mimeType": "application/pdf", "buffer": LETTER}])
    page.get_by_role("button", name="Selesaikan tugas").click()
    expect(page.locator(".flash-success")).to_contain_text(f"Tugas selesai. Kasus {ticket}")
    return receipt


def test_a_handed_over_file_s_digest_wraps_on_a_phone_on_the_case_and_status_pages(narrow_page, desk):
    """The line "SHA-256: <64 hex digits>" did not wrap: the case page and the requester's status page were 557 px
    wide at 360 px once a file had been handed over (a review of a day's work)."""
    receipt = _handed_over(narrow_page, desk)
    ticket = receipt["ticket"]
    digest = hashlib.sha256(LETTER).hexdigest()
    narrow_page.goto(f"/kasus/{ticket}")
    expect(narrow_page.locator("code.digest", has_text=digest)).to_be_visible()
    assert_fits_narrow_screen(narrow_page, "the case page with a handed-over file at 360 px")
    keep_screenshot(narrow_page, "case-with-handed-over-file")
    look_up(narrow_page, ticket, receipt["access_code"])
    expect(narrow_page.locator("code.digest", has_text=digest)).to_be_visible()
    assert_fits_narrow_screen(narrow_page, "the status page with a handed-over file at 360 px")
    keep_screenshot(narrow_page, "status-with-handed-over-file")


def test_the_handover_receipt_s_print_view_lists_the_files_by_their_digests(page, desk):
    """legal-process.md §10b: the Berita Acara Serah Terima the handover issued, as the desk prints it to sign."""
    ticket = _handed_over(page, desk)["ticket"]
    page.goto(f"/kasus/{ticket}#letters-title")
    row = page.locator("table.letters tr", has_text="Berita Acara Serah Terima")
    row.get_by_role("link", name="Tampilan cetak").click()
    main = page.locator("main")
    expect(main).to_contain_text("daftar-penerima.pdf")
    expect(main).to_contain_text(hashlib.sha256(LETTER).hexdigest()[:16])
    expect(main).to_contain_text("Yang menerima")
    assert_accessible(page, "the handover receipt's print view")
    keep_screenshot(page, "handover-receipt-print-view")
    # Read on a phone (a unit officer opens a letter there): it ran 435 px wide, its date off the right edge.
    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    assert_fits_narrow_screen(page, "the handover receipt's print view at 360 px")
    keep_screenshot(page, "handover-receipt-print-view")
