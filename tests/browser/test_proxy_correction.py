"""The desk corrects an objection's proxy on a phone in a real browser (its pages checked at a desk's width too): the
case page shows the proxy, the correction form refuses a mistyped phone beside its field, then saves the corrected
power of attorney number; the case page names the field that changed. The form passes axe-core and fits 360 px."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from tests.api.test_proxy_correction import PROXY, by_proxy
from tests.browser.steps import (
    PHONE,
    at_both_widths,
    keep_screenshot,
    log_in,
)
from tests.helpers import Desk

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def test_the_desk_corrects_the_proxy_s_power_of_attorney_number_from_the_case_page(new_page, client, login):
    ticket = by_proxy(Desk(client, login), client)
    page = new_page(**PHONE)
    log_in(page, "petugas")
    page.goto(f"/kasus/{ticket}")
    expect(page.locator("#proxy-title")).to_have_text("Kuasa pemohon (dengan surat kuasa khusus)")
    expect(page.locator("main")).to_contain_text(PROXY["nomor_surat_kuasa"])
    page.get_by_role("link", name="Perbaiki data kuasa").click()
    expect(page.locator("h1")).to_have_text("Perbaiki data kuasa")
    number = page.get_by_label(re.compile(r"^Nomor surat kuasa"))
    expect(number).to_have_value(PROXY["nomor_surat_kuasa"])  # the form starts from the data on file
    expect(page.get_by_label(re.compile(r"^Surat kuasa khusus itu bermeterai"))).to_be_checked()
    phone = page.get_by_label(re.compile(r"^Telepon"))
    phone.fill("nomor saya")
    number.fill("SK-08/XII/2026")
    page.get_by_role("group", name=re.compile(r"^Alasan perbaikan")).get_by_label(
        re.compile(r"^Kesalahan pencatatan")
    ).check()
    page.get_by_role("button", name="Simpan perbaikan").click()
    expect(page.locator("main")).to_contain_text("Formulir masih berisi kesalahan")
    expect(phone).to_have_value("nomor saya")  # what was typed stays, beside its error
    at_both_widths(page, "the proxy correction form with an error", "proxy-correction-error")
    phone.fill(PROXY["phone"])
    page.get_by_role("button", name="Simpan perbaikan").click()
    expect(page.locator(".flash-success")).to_contain_text("Data kuasa telah diperbaiki: Nomor surat kuasa")
    expect(page.locator("main")).to_contain_text("SK-08/XII/2026")
    expect(page.locator("main")).to_contain_text("Data kuasa diperbaiki")
    at_both_widths(page, "the case page with the corrected proxy", "case-after-proxy-correction")
    # The requester revokes the power of attorney: recorded on the same page, refused first without a reason.
    page.get_by_role("link", name="Perbaiki data kuasa").click()
    page.get_by_role("button", name="Catat bahwa kuasa berakhir").click()
    expect(page.locator("#revoke-error")).to_contain_text("Sebutkan mengapa kuasa berakhir")
    at_both_widths(page, "the proxy page with the revocation refused")
    page.get_by_role("group", name="Alasan berakhirnya kuasa").get_by_label("Dicabut oleh pemohon").check()
    page.get_by_role("button", name="Catat bahwa kuasa berakhir").click()
    expect(page.locator(".flash-success")).to_contain_text("Kuasa telah berakhir")
    expect(page.locator("#proxy-title")).to_contain_text("kuasa telah berakhir")
    expect(page.get_by_role("link", name="Perbaiki data kuasa")).to_have_count(0)
    keep_screenshot(page, "case-after-proxy-revoked")


def test_the_desk_records_a_proxy_appointed_after_the_filing(new_page, client, login):
    from tests.api.test_chain_api import objected

    _receipt, objection = objected(Desk(client, login), client)
    page = new_page(**PHONE)
    log_in(page, "petugas")
    page.goto(f"/kasus/{objection['ticket']}")
    page.get_by_role("link", name="Catat kuasa pemohon").click()
    expect(page.locator("h1")).to_have_text("Catat kuasa pemohon")
    page.get_by_label(re.compile(r"^Nama kuasa")).fill("Siti Aminah, S.H.")
    page.get_by_label(re.compile(r"^Alamat kuasa")).fill("Jl. Diponegoro 3, Bandung")
    page.get_by_role("button", name="Catat kuasa", exact=True).click()
    expect(page.locator("main")).to_contain_text("Formulir masih berisi kesalahan")  # no power of attorney date
    at_both_widths(page, "the proxy appointment form with an error", "proxy-appointment-error")
    page.get_by_label(re.compile(r"^Nomor surat kuasa")).fill("SK-11/XII/2026")
    page.get_by_label(re.compile(r"^Tanggal surat kuasa")).fill("2026-11-30")
    page.get_by_role("button", name="Catat kuasa", exact=True).click()
    error = page.locator("#f-kuasa-bermeterai-error")  # Perki 1/2021 Pasal 39(4): its power bears a duty stamp
    expect(error).to_be_visible()
    page.get_by_label(re.compile(r"^Surat kuasa khusus itu bermeterai")).check()
    page.get_by_role("button", name="Catat kuasa", exact=True).click()
    expect(page.locator(".flash-success")).to_contain_text("Kuasa telah dicatat")
    expect(page.locator("#proxy-title")).to_have_text("Kuasa pemohon (dengan surat kuasa khusus)")
    expect(page.locator("main")).to_contain_text("SK-11/XII/2026")
