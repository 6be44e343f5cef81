"""The request register at a desk's 1366 px with the rows of a working year (walk report r3, finding a): the page's own
columns, the final result after an objection and a dispute among them, needed sideways scrolling to reach the last
("Informasi diserahkan"). The decision now reads under the stage it closed, in the stage's cell; every column is
still one tick away and in the downloads. At 360 px the register scrolls inside its region, the page never does."""

import pytest
from playwright.sync_api import expect

from tests.browser.steps import DESKTOP, PHONE, assert_fits_narrow_screen, keep_screenshot, log_in
from tests.helpers import NOTICE, decision
from tests.workflows.conftest import Office

NAME = "Raden Ayu Kusumawardhani Purbaningrum"  # a Javanese name of long words


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _refused(office, **payload) -> str:
    """A request refused as exempt information (Pasal 17 huruf h), its written notice sent."""
    ticket = office.submit(**payload)
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    office.complete(ticket, "uji_konsekuensi")
    office.complete(ticket, "tetapkan_pengecualian")
    sent = office.rt.today().isoformat()
    office.complete(ticket, "pemberitahuan_tertulis", {**NOTICE["ditolak_dikecualikan"], "tanggal_pemberitahuan": sent})
    return ticket


def test_the_request_register_s_own_columns_fit_1366_px_with_the_decision_under_the_stage(new_page, office):
    refused = _refused(office, name=NAME)
    office.dispute(office.objection(refused, ["a"]))  # its final result: the objection, then the dispute
    office.submit(name="Ani Wijaya")  # an open request: a stage and no decision yet
    page = new_page(DESKTOP["width"], DESKTOP["height"])
    log_in(page, "ppid")
    page.goto("/laporan/register/permohonan")
    region = page.locator("div.table-scroll[role=region]")
    row = region.locator("tbody tr").filter(has_text=refused)
    expect(row).to_contain_text("KEB-")  # the final result names the objection
    width, visible = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert width <= visible, f"the register's own columns scroll sideways at 1366 px ({width} > {visible})"
    expect(region.locator("thead th").last).to_contain_text("Informasi diserahkan")
    assert region.locator("thead th").last.bounding_box()["x"] < DESKTOP["width"]
    # The decision under the stage: one cell, each part named for a screen reader.
    stage = row.locator("td").filter(has_text="Selesai")
    expect(stage).to_contain_text("Keputusan: Ditolak (Informasi Dikecualikan)")
    expect(stage.locator(".under")).to_be_visible()
    expect(region.locator("thead")).to_contain_text("Keputusan")
    keep_screenshot(page, "request-register")
    page.set_viewport_size(PHONE)
    assert_fits_narrow_screen(page, "the request register")
    keep_screenshot(page, "request-register")
