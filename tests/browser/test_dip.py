"""On a phone: a requester finds an item of the public information list by an inflected word, gets it, and
when the list lacks something, asks for it with the request form already filled in. On a laptop: the keeper's
list page."""

import re

from playwright.sync_api import expect

from tests.browser.steps import assert_fits_narrow_screen, keep_screenshot, log_in
from tests.dip.conftest import exemption_row, item_data


def publish(desk, **overrides) -> int:
    data = item_data(**{"category": "setiap_saat", "rhythm_months": None, **overrides})
    r = desk.client.post("/api/v1/dip/items", json={"data": data, "publish": True}, headers=desk.login("ppid"))
    assert r.status_code == 201, r.json
    return r.json["id"]


def test_a_requester_finds_an_item_by_an_inflected_word_on_a_phone(narrow_page, desk):
    item_id = publish(desk, title="Izin operasional madrasah swasta", url="https://ppid.example.go.id/izin.pdf")
    publish(desk, title="Laporan realisasi anggaran")
    page = narrow_page
    page.goto("/publik")
    page.get_by_role("link", name="Cari di Daftar Informasi Publik").click()
    expect(page).to_have_url(re.compile(r"/publik/informasi$"))
    page.get_by_label("Cari di daftar").fill("perizinan")
    page.get_by_role("button", name="Cari", exact=True).click()
    results = page.locator("ol.catalogue li")
    expect(results).to_have_count(1)
    assert_fits_narrow_screen(page, "the search results")
    results.get_by_role("link", name="Izin operasional madrasah swasta").click()
    expect(page).to_have_url(re.compile(rf"/publik/informasi/{item_id}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Izin operasional madrasah swasta")
    expect(page.get_by_role("link", name="Buka di situs kantor")).to_have_attribute(
        "href", "https://ppid.example.go.id/izin.pdf"
    )
    assert_fits_narrow_screen(page, "the item page")


def test_not_found_asks_for_it_with_the_request_form_already_filled_in(narrow_page, desk):
    publish(desk, title="Laporan realisasi anggaran")
    page = narrow_page
    page.goto("/publik/informasi")
    page.get_by_label("Cari di daftar").fill("jadwal vaksinasi jemaah haji")
    page.get_by_role("button", name="Cari", exact=True).click()
    expect(page.locator(".empty")).to_be_visible()
    page.get_by_role("link", name="Minta informasi ini").click()
    expect(page).to_have_url(re.compile(r"/publik/permohonan\?informasi="))
    expect(page.locator("#f-information")).to_have_value("jadwal vaksinasi jemaah haji")


def test_the_keeper_s_page_links_to_the_public_list_and_its_links_sit_in_a_row_without_stray_bullets(page):
    """The public list is a link, not a path to retype; the PPID's five links (new item, import, record an exemption
    determination, template, download) read as a row of links: a list's bullet markers beside a flex row landed
    glued to the end of the link before."""
    log_in(page, "ppid")
    page.goto("/dip")
    page.get_by_role("link", name="/publik/informasi", exact=True).click()
    expect(page).to_have_url(re.compile(r"/publik/informasi$"))
    page.go_back()
    links = page.locator("ul.dip-actions > li")
    expect(links).to_have_count(5)
    markers = links.evaluate_all("items => items.map(li => getComputedStyle(li).listStyleType)")
    assert set(markers) == {"none"}, f"the links carry list markers: {markers}"
    keep_screenshot(page, "dip-list")


def test_an_item_whose_exemption_ended_says_so_to_the_public_and_to_the_keeper(app, page, desk):
    """The entry an exempt item cites is ended by a granted objection: the public page no longer says the information
    is withheld, and the keeper's list names the item to open; both read at 360 and 1366 px."""
    from datetime import UTC, datetime, timedelta

    from api.extensions import db
    from engine.models import Exemption
    from tests.browser.steps import at_both_widths

    today = datetime.now(UTC).date()
    with app.app_context():
        entry = exemption_row(today + timedelta(days=365), number="SK-9/2026")
        db.session.add(entry)
        db.session.commit()
        entry_id = entry.id
    title = "Berkas pemeriksaan disiplin pegawai"
    item_id = publish(desk, category="dikecualikan", url=None, exemption_id=entry_id, title=title)
    with app.app_context():
        db.session.get(Exemption, entry_id).ended_on = today  # an objection against the refusal was granted
        db.session.commit()
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"/publik/informasi/{item_id}")
    expect(page.locator("#exemption-ended")).to_contain_text("Pengecualiannya berakhir pada")
    expect(page.locator("main")).not_to_contain_text("Tidak diberikan")
    at_both_widths(page, "the public page of an item whose exemption ended", "dip-exemption-ended-public")
    log_in(page, "ppid")
    page.goto("/dip")
    ended = page.locator("section[aria-labelledby=ended-title]")
    expect(ended).to_contain_text(title)
    at_both_widths(page, "the keeper's list naming it", "dip-exemption-ended-list")


def test_a_title_without_spaces_wraps_on_a_phone_instead_of_widening_the_page(narrow_page, desk):
    """A 300-letter title typed without a space widened the phone's page to 4,125 px (the list, the item pages)."""
    title = "Laporan" + "A" * 293
    item_id = publish(desk, title=title, summary="B" * 600, category="berkala", rhythm_months=6, made_on="2024-01-01")
    page = narrow_page
    page.goto(f"/publik/informasi/{item_id}")
    expect(page.locator("#main").get_by_text("terlambat", exact=True)).to_be_visible()  # its next edition is late
    assert_fits_narrow_screen(page, "the public item page")
    page.goto("/publik/informasi")
    assert_fits_narrow_screen(page, "the public list")
    log_in(page, "ppid")
    for url in ("/dip", f"/dip/{item_id}"):
        page.goto(url)
        assert_fits_narrow_screen(page, f"the keeper's {url}")
