"""The portal's pages in English that show what the office wrote in Bahasa Indonesia alone (a service page, the fee
standard's legal basis, the public information list and an item) mark it lang="id": axe-core finds no WCAG
violation on them, and they fit a 360 px screen. The request form, whose two "Phone" fields now have labels of their
own, is checked in English too (test_quality.py checks the pages in Bahasa Indonesia)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from engine import clock
from tests.browser.conftest import NARROW
from tests.browser.steps import assert_accessible, assert_fits_narrow_screen
from tests.dip.conftest import item_data
from tests.web.test_portal_english_words import BASIS, HOURS


@pytest.fixture
def published(desk) -> int:
    """A service page in Bahasa Indonesia alone, the fee standard with its legal basis, and a published item."""
    ppid, admin = desk.login("ppid"), desk.login("admin")
    page = {"body_id": HOURS, "body_en": ""}
    assert desk.client.put("/api/v1/service-pages/jam_layanan", json=page, headers=ppid).status_code == 200
    tz = desk.client.application.extensions["kawal_runtime"].calendars["strict"].tz
    rate = {"code": "halaman", "amount": 500, "effective_from": clock.now().astimezone(tz).date().isoformat()}
    answer = desk.client.post("/api/v1/fee-standard", json=rate | {"legal_basis": BASIS}, headers=admin)
    assert answer.status_code == 201, answer.json
    item = desk.client.post("/api/v1/dip/items", json={"data": item_data(), "publish": True}, headers=ppid)
    assert item.status_code == 201, item.json
    return item.json["id"]


@pytest.mark.parametrize(
    "path",
    ["/publik/halaman/jam_layanan", "/publik/halaman/biaya", "/publik/informasi", "item", "/publik/permohonan"],
)
def test_an_english_page_with_the_office_s_indonesian_passes_axe_and_fits_360_px(page, published, path):
    page.goto("/bahasa/en")
    page.goto(f"/publik/informasi/{published}" if path == "item" else path)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    if path != "/publik/permohonan":
        expect(page.locator("#language-note")).to_contain_text("in Indonesian only")
        assert page.locator("main [lang=id]").count() >= 1
    assert_accessible(page, f"the English page {path}")
    page.set_viewport_size(NARROW)
    assert_fits_narrow_screen(page, f"the English page {path} at 360 px")
