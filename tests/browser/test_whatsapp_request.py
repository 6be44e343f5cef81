"""A request recorded from WhatsApp: the requester confirms it on the portal on a phone, and the officer reads the
confirmation on the case page; both pages axe-clean, the phone's without sideways scrolling."""

from playwright.sync_api import expect

from tests.browser.conftest import NARROW
from tests.browser.steps import DESKTOP, assert_accessible, assert_fits_narrow_screen, keep_screenshot, log_in, look_up


def test_the_requester_confirms_a_request_from_whatsapp_on_a_phone_and_the_officer_sees_it(new_page, desk, login):
    receipt = desk.submit(headers=login("petugas"), channel="medsos")
    officer = new_page(**DESKTOP)
    log_in(officer, "petugas")
    row = officer.locator("table.tasks tbody tr").filter(has_text=receipt["ticket"])
    expect(row.locator(".to-confirm")).to_have_text("menunggu konfirmasi pemohon")
    officer.goto(f"/kasus/{receipt['ticket']}")
    expect(officer.get_by_role("heading", name="Konfirmasi pemohon")).to_be_visible()
    expect(officer.get_by_label("Pemohon mengonfirmasi melalui")).to_be_visible()
    assert_accessible(officer, "the case page asking for the requester's confirmation")
    keep_screenshot(officer, "case-whatsapp-unconfirmed")

    phone = new_page(**NARROW)
    look_up(phone, receipt["ticket"], receipt["access_code"])
    section = phone.locator("section.confirm-request")
    expect(section.get_by_role("heading", name="Konfirmasi permohonan Anda")).to_be_visible()
    # What the desk recorded, above the button, for the requester to judge (never their identity).
    recorded = section.locator("dl.recorded-request")
    expect(recorded).to_contain_text("Daftar penerima beasiswa tahun 2026 beserta kriteria seleksinya")
    expect(recorded).to_contain_text("Penelitian kebijakan pendidikan")
    expect(recorded).not_to_contain_text("Ani Wijaya")
    assert_fits_narrow_screen(phone, "the status page asking for a confirmation")
    assert_accessible(phone, "the status page asking for a confirmation")
    keep_screenshot(phone, "portal-status-confirm")
    section.get_by_role("button", name=f"Saya mengonfirmasi permohonan {receipt['ticket']}").click()
    expect(phone.locator(".flash-success")).to_contain_text("permohonan Anda telah dikonfirmasi")
    expect(phone.locator("section.confirm-request")).to_have_count(0)

    officer.reload()
    expect(officer.locator("p.confirmed")).to_contain_text("melalui Portal web")
    expect(officer.get_by_label("Pemohon mengonfirmasi melalui")).to_have_count(0)
