"""The requester's side, on the public portal: file a request, keep the receipt, follow the case."""

import re

from playwright.sync_api import expect
from sqlalchemy import func, select

from api.extensions import db
from engine.models import Case
from tests.browser.steps import (
    assert_fits_narrow_screen,
    keep_screenshot,
    look_up,
    signed_in,
    submit_request_on_portal,
)
from tests.helpers import decision


def test_a_requester_submits_a_request_and_gets_a_receipt_with_ticket_and_code_shown_once(page, desk):
    ticket, code = submit_request_on_portal(page)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".receipt")).to_contain_text(ticket)
    # The officers see the same request, with what was typed.
    case = desk.case(ticket)
    assert case["status"] == "diterima"
    assert case["details"]["information"] == "Daftar penerima beasiswa tahun 2026 beserta kriteria seleksinya"
    assert case["requester"]["name"] == "Ani Wijaya"
    # The access code is shown once: a reload of the receipt no longer has it.
    page.reload()
    expect(page.locator(".receipt")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(code)


def test_an_incomplete_request_is_refused_with_the_errors_beside_the_fields(page, desk):
    page.goto("/publik/permohonan")
    page.locator("#f-requester-name").fill("Ani Wijaya")
    page.locator("form.portal-form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(".error-summary")).to_be_focused()  # the keyboard starts at the list of errors, not at the top
    information = page.locator("#f-information")
    expect(information).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".field.has-error").filter(has=information).locator(".field-error")).to_be_visible()
    expect(page.locator("#f-requester-name")).to_have_value("Ani Wijaya")  # what was typed is kept


def test_the_requester_sees_the_decision_and_the_written_notice_on_the_status_page(page, desk):
    ticket, code = submit_request_on_portal(page)

    look_up(page, ticket, code)
    expect(page.get_by_role("heading", level=1)).to_contain_text(ticket)
    expect(page.locator(".stage-now")).to_have_text("Diterima")
    expect(page.locator(".legal-path [aria-current=step]")).to_be_visible()
    # The step the case is at stands out from the others (its thick left edge), not only by its words.
    expect(page.locator(".legal-path [aria-current=step]")).to_have_css("border-left-width", "10px")
    expect(page.locator(".letter")).to_have_count(0)

    # The officers decide: granted in full, and the written notice is sent.
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    desk.complete(ticket, "pemberitahuan_tertulis")

    # Back on the status page (still open on this device): the new stage and the notice addressed to them.
    page.goto("/publik/status")
    if page.locator("form.portal-form input[name=access_code]").count():
        look_up(page, ticket, code)
    expect(page.locator(".stage-now")).to_have_text("Dikabulkan Seluruhnya")
    notice = page.locator(".letter").filter(has_text="Pemberitahuan Tertulis")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text("Daftar penerima")  # the material to be given, from the notice's form
    expect(notice).to_contain_text("PDF")
    expect(page.locator("main")).not_to_contain_text("3171234507890001")  # no NIK on the public page


def test_a_wrong_access_code_gets_the_same_answer_as_an_unknown_ticket(page, desk):
    ticket, _code = submit_request_on_portal(page)
    look_up(page, ticket, "AAAA-BBBB-CCCC-DDDD")
    wrong_code = page.locator(".error-summary").inner_text()
    look_up(page, "PPID-2026-999999", "AAAA-BBBB-CCCC-DDDD")
    expect(page.locator(".error-summary")).to_have_text(wrong_code)
    expect(page.locator("main")).not_to_contain_text("Diterima")


def test_a_request_sent_again_after_going_back_files_one_case_and_shows_the_same_receipt(page, desk, app):
    ticket, code = submit_request_on_portal(page)
    page.go_back()  # the form again, as typed: the browser restores the fields
    expect(page).to_have_url(re.compile(r"/publik/permohonan$"))
    expect(page.locator("#f-information")).to_have_value(re.compile("Daftar penerima beasiswa"))
    page.locator("form.portal-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/publik/tanda-terima$"))
    expect(page.locator("main .notice").first).to_contain_text("Formulir ini sudah terkirim")
    secrets = page.locator(".receipt dd.secret")
    expect(secrets.nth(0)).to_have_text(ticket)
    expect(secrets.nth(1)).to_have_text(code)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 1


def test_a_proxy_files_a_request_on_a_phone_and_the_receipt_letter_names_them(
    narrow_page, new_page, desk, client, login
):
    """Someone filing for the requester with a special power of attorney (legal-process.md §3.2) gives their own
    name, address and the power of attorney's number in the form's proxy section, on a 360 px screen."""
    page = narrow_page
    page.goto("/publik/permohonan")
    proxy = page.locator("#f-kuasa")
    expect(proxy).to_contain_text("Kuasa pemohon")
    page.locator("#f-kuasa-name").fill("Rahmat Hidayat, S.H.")
    page.locator("#f-kuasa-address").fill("Jl. Cikini Raya 5, Jakarta Pusat")
    page.locator("#f-kuasa-nomor_surat_kuasa").fill("SKK-19/XII/2026")
    page.locator("#f-kuasa-tanggal_surat_kuasa").fill("2026-12-01")
    assert_fits_narrow_screen(page, "the request form with a proxy")
    keep_screenshot(page, "portal-request-by-proxy")
    ticket, _code = submit_request_on_portal(page, goto=False)
    assert desk.case(ticket, "petugas")["proxy"]["nomor_surat_kuasa"] == "SKK-19/XII/2026"
    desk.complete(ticket, "periksa_kelengkapan")
    desk.complete(ticket, "registrasi")
    letters = client.get(f"/api/v1/cases/{ticket}/letters", headers=login("ppid")).json["items"]
    (receipt,) = [x for x in letters if x["kind"] == "tanda_bukti_penerimaan"]
    desk_page = new_page()
    signed_in(desk_page, "petugas")
    desk_page.goto(f"/kasus/{ticket}/surat/{receipt['id']}/cetak")  # as the desk prints it
    expect(desk_page.locator("main")).to_contain_text("Diajukan melalui kuasa pemohon, Sdr. Rahmat Hidayat, S.H.")
    keep_screenshot(desk_page, "letter-receipt-by-proxy")
