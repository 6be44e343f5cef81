"""The auditor downloads the history export on the console and finds the case's events in it."""

import csv
import io
import json
import re

from playwright.sync_api import expect

from tests.browser.conftest import NARROW
from tests.browser.steps import assert_accessible, assert_fits_narrow_screen, keep_screenshot, log_in


def _case_with_history(desk, login):
    receipt = desk.submit()
    ticket = receipt["ticket"]
    desk.complete(ticket, "periksa_kelengkapan")
    desk.complete(ticket, "registrasi")
    r = desk.client.get(f"/api/v1/cases/{ticket}/events", headers=login("auditor"))
    assert r.status_code == 200, r.json
    events = [e["type"] for e in r.json["items"]]
    assert len(events) >= 4, events  # submitted, two tasks completed, ...
    return ticket, events


def test_an_auditor_downloads_the_csv_export_with_the_cases_events(page, desk, login):
    ticket, events = _case_with_history(desk, login)
    log_in(page, "auditor")
    page.goto("/audit")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.locator("#audit-process").select_option("permohonan_informasi")

    with page.expect_download() as info:
        page.locator("button[name=format][value=csv]").click()
    download = info.value
    assert re.fullmatch(r"kawal-audit-permohonan_informasi\.csv", download.suggested_filename)
    content = download.path().read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(content)))
    mine = [row for row in rows if row["tiket"] == ticket]  # the console speaks Bahasa Indonesia: so do its headers
    assert [row["peristiwa"] for row in mine] == events, rows
    assert [int(row["urutan"]) for row in mine] == list(range(1, len(events) + 1))
    assert all(row["hash"] for row in mine)
    assert "Ani Wijaya" not in content  # no identities
    # The progress line says the download finished (audit.js; without it the browser downloads alone).
    expect(page.locator("#audit-progress")).to_contain_text(str(len(events)))


def test_an_auditor_downloads_json_lines_and_checks_the_hash_chains(page, desk, login):
    ticket, events = _case_with_history(desk, login)
    log_in(page, "auditor")
    page.goto("/audit")
    with page.expect_download() as info:
        page.locator("button[name=format][value=jsonl]").click()
    content = info.value.path().read_text(encoding="utf-8")
    lines = [json.loads(line) for line in content.splitlines() if line.strip()]
    assert [line["type"] for line in lines if line["ticket"] == ticket] == events

    page.locator("button[name=periksa]").click()
    expect(page.locator("#hasil-periksa .verify-ok")).to_be_visible()
    progress = page.locator("#hasil-periksa .check-progress")  # its lines, once the verdict has come: none shows
    assert progress.count() >= 1
    for line in progress.all():  # waited for: on a busy machine the verdict can be drawn a frame before they hide
        expect(line).to_be_hidden()
    expect(page.locator("#hasil-periksa .verify-broken")).to_have_count(0)
    keep_screenshot(page, "audit-chains-checked")


def test_an_officer_who_is_not_an_auditor_is_refused_the_console(page):
    log_in(page, "petugas")
    response = page.goto("/audit")
    assert response.status == 403
    expect(page.locator(".error-code")).to_have_text("Galat 403")


def test_an_auditor_downloads_an_anchor_and_checks_the_database_against_it_on_a_phone(new_page, desk, login):
    """No shell needed: the anchor is made and checked from the console, at 360 px, axe-clean."""
    ticket, _ = _case_with_history(desk, login)
    page = new_page(**NARROW)
    log_in(page, "auditor")
    page.goto("/audit")
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh jangkar saat ini").click()
    download = info.value
    assert re.fullmatch(r"kawal-jangkar-\d{4}-\d\d-\d\d-\d{4}\.jsonl", download.suggested_filename)
    anchor = download.path()
    assert ticket in anchor.read_text(encoding="utf-8")
    page.get_by_label("Berkas jangkar sebagai pembanding basis data").set_input_files(str(anchor))
    page.get_by_role("button", name="Periksa terhadap jangkar").click()
    expect(page.locator(".anchor-ok")).to_contain_text("setiap peristiwa pada jangkar masih ada dalam rantainya")
    assert_fits_narrow_screen(page, "the auditor console with an anchor's check")
    assert_accessible(page, "the auditor console with an anchor's check")
    keep_screenshot(page, "audit-anchor-checked")


def test_the_last_chain_checks_are_listed_for_the_auditor_on_a_phone(new_page, desk, login):
    """A check made on the console, listed after it with who ran it and what it found, at 360 px, axe-clean."""
    _case_with_history(desk, login)
    page = new_page(**NARROW)
    log_in(page, "auditor")
    page.goto("/audit")
    expect(page.locator("#checks-title")).to_have_count(0)  # nothing checked yet
    page.get_by_role("button", name="Periksa rantai hash").click()
    expect(page.locator("#hasil-periksa .verify-ok")).to_be_visible()
    page.goto("/audit")
    checks = page.locator(".chain-checks tbody tr")
    expect(checks).to_have_count(1)
    expect(checks.first).to_contain_text("Auditor")
    expect(checks.first).to_contain_text("seluruh riwayat: 1 kasus")
    assert_fits_narrow_screen(page, "the auditor console with its last checks")
    assert_accessible(page, "the auditor console with its last checks")
    keep_screenshot(page, "audit-last-checks")
