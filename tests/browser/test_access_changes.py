"""The auditor reads the access changes in a real browser, from the console, on a phone and on a desk."""

from playwright.sync_api import expect

from tests.browser.steps import PHONE, at_both_widths, log_in


def test_the_auditor_finds_who_was_given_a_group_and_a_day_off_added(new_page, client, login):
    changed = {"display_name": "Petugas Dua", "email": None, "unit": "KANWIL", "groups": ["petugas_layanan", "ppid"]}
    assert client.put("/api/v1/users/petugas2", json=changed, headers=login("admin")).status_code == 200
    day_off = {"day": "2028-03-27", "reason": "Cuti bersama Nyepi (SKB 2028)", "calendars": ["lenient"]}
    assert client.post("/api/v1/calendar/overrides", json=day_off, headers=login("admin")).status_code == 201
    rate = {"code": "pos", "amount": 25000, "effective_from": "2099-01-05", "legal_basis": "Keputusan Kepala 7/2098"}
    assert client.post("/api/v1/fee-standard", json=rate, headers=login("admin")).status_code == 201
    page = new_page(**PHONE)
    log_in(page, "auditor")
    page.goto("/audit")
    page.get_by_role(
        "link", name="Perubahan akses: siapa diberi atau dicabut kelompok apa; unit kantor, kalender dan standar biaya"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Perubahan akses")
    expect(page.locator("table.data")).to_contain_text("Kelompok ditambahkan: PPID")
    expect(page.locator("table.data")).to_contain_text(
        "Kalender: hari ditetapkan: 27 Mar 2028, hari libur (longgar): Cuti bersama Nyepi (SKB 2028)"
    )
    expect(page.locator("table.data")).to_contain_text(
        "Standar biaya: Pengiriman pos, Rp 25.000 mulai 5 Jan 2099 (Keputusan Kepala 7/2098)"
    )
    at_both_widths(page, "the access changes", "audit-access-changes")
