"""The auditor finds the identity reads from the console and reads them on a phone and at a desk: each row says who
read which kind of identity of which case under what authority, the page passes axe-core and does not scroll
sideways at 360 px."""

from playwright.sync_api import expect

from tests.browser.conftest import NARROW
from tests.browser.steps import assert_accessible, assert_fits_narrow_screen, keep_screenshot, log_in
from tests.conftest import REPORTER_NAME, complaint_payload
from tests.helpers import second_factor_login

API = "/api/v1"


def _reads(app, client, login) -> str:
    """A whistleblower's identity read under an approved reveal, a confidential reporter's and the reported persons
    read by the team; the whistleblower's ticket."""
    tickets = []
    for mode in ("whistleblower", "rahasia"):
        r = client.post(f"{API}/complaints", json=complaint_payload(mode))
        assert r.status_code == 201, r.json
        tickets.append(r.json["ticket"])
    sealed, confidential = tickets
    reason = {"reason": "LPSK meminta identitas pelapor untuk perlindungan saksi (surat 12/LPSK/2026)"}
    asked = client.post(f"{API}/complaints/{sealed}/reveal-requests", json=reason, headers=login("tim"))
    assert asked.status_code == 201, asked.json
    approved = client.post(
        f"{API}/complaints/{sealed}/reveal-requests/{asked.json['id']}/approve",
        json={"note": "Disetujui untuk LPSK"},
        headers=second_factor_login(app, client, "wbs"),
    )
    assert approved.status_code == 200, approved.json
    assert client.get(f"{API}/complaints/{sealed}/reporter", headers=login("tim")).status_code == 200
    assert client.get(f"{API}/complaints/{confidential}/reporter", headers=login("tim2")).status_code == 200
    assert client.get(f"{API}/complaints/{confidential}/reported", headers=login("tim")).status_code == 200
    return sealed


def test_the_auditor_reads_who_read_which_identity_on_a_phone_and_at_a_desk(new_page, app, client, login):
    sealed = _reads(app, client, login)
    for size in (NARROW, {"width": 1366, "height": 900}):
        page = new_page(**size)
        log_in(page, "auditor")
        page.goto("/audit")
        page.get_by_role("link", name="Pembacaan identitas", exact=False).click()
        expect(page.locator("h1")).to_have_text("Pembacaan identitas")
        rows = page.locator("table.identity-reads tbody tr")
        expect(rows).to_have_count(3)
        expect(rows.last).to_contain_text(sealed)
        expect(rows.last).to_contain_text("disetujui oleh Wbs (wbs)")
        expect(page.locator("main")).not_to_contain_text(REPORTER_NAME)
        assert_fits_narrow_screen(page, f"the identity reads at {size['width']} px")
        assert_accessible(page, f"the identity reads at {size['width']} px")
        keep_screenshot(page, "audit-identity-reads")
        page.close()
