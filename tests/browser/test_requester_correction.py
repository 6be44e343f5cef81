"""The desk corrects a requester's e-mail address on a phone in a real browser (its pages checked at a desk's width
too): from the case page to the correction form, a mistyped address refused beside its field, then saved; the case
page names the field that changed. The form passes axe-core and fits 360 px."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from tests.browser.steps import (
    PHONE,
    at_both_widths,
    keep_screenshot,
    log_in,
    look_up,
)
from tests.helpers import Desk

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def test_the_desk_corrects_a_mistyped_e_mail_address_from_the_case_page(new_page, client, login):
    ticket = Desk(client, login).submit()["ticket"]
    page = new_page(**PHONE)
    log_in(page, "petugas")
    page.goto(f"/kasus/{ticket}")
    page.get_by_role("link", name="Perbaiki data pemohon").click()
    expect(page.locator("h1")).to_have_text("Perbaiki data pemohon")
    email = page.get_by_label(re.compile(r"^E-mail"))
    expect(email).to_have_value("ani@example.org")  # the form starts from the data on file
    # Measured once the page has loaded: right after the click the DOM may be there before its stylesheet (a busy
    # machine's fresh clone measured every field at the browser's default 21 px).
    page.wait_for_load_state("load")
    phone, name = (
        page.get_by_label(re.compile(r"^Telepon")).bounding_box(),
        page.get_by_label(re.compile(r"^Nama lengkap")).bounding_box(),
    )
    assert phone["height"] >= 44, phone  # a touch target like every field (a phone field was left unstyled)
    assert phone["width"] == name["width"], (phone, name)
    email.fill("ani.wijaya@@contoh")
    page.get_by_role("group", name=re.compile(r"^Alasan perbaikan")).get_by_label(
        re.compile(r"^Kesalahan pencatatan")
    ).check()
    page.get_by_role("button", name="Simpan perbaikan").click()
    expect(page.locator("main")).to_contain_text("Formulir masih berisi kesalahan")
    expect(email).to_have_value("ani.wijaya@@contoh")  # what was typed stays, beside its error
    at_both_widths(page, "the requester correction form with an error", "requester-correction-error")
    email.fill("ani.wijaya@contoh.example")
    page.get_by_role("button", name="Simpan perbaikan").click()
    expect(page.locator(".flash-success")).to_contain_text("Data pemohon telah diperbaiki: E-mail")
    expect(page.locator("main")).to_contain_text("ani.wijaya@contoh.example")
    expect(page.locator("main")).to_contain_text("Data pemohon diperbaiki")
    keep_screenshot(page, "case-after-requester-correction")


def test_the_requester_asks_on_the_portal_and_the_desk_answers_from_its_inbox(new_page, client, login):
    receipt = Desk(client, login).submit()
    requester = new_page(**PHONE)
    look_up(requester, receipt["ticket"], receipt["access_code"])
    requester.get_by_role("link", name="Minta perbaikan data saya").click()
    expect(requester.locator("h1")).to_have_text("Perbaiki data saya")
    requester.get_by_label(re.compile(r"^Nama lengkap")).fill("Ani Wijaya")
    requester.get_by_label(re.compile(r"^NIK")).fill("3171234507890001")
    requester.get_by_label(re.compile(r"^Alamat")).fill("Jl. Braga 12, Bandung")
    requester.get_by_label(re.compile(r"^E-mail")).fill("ani@example.org")
    requester.get_by_role("group", name=re.compile(r"^Jenis pemohon")).get_by_label(re.compile(r"^Perorangan")).check()
    at_both_widths(requester, "the requester's correction form", "portal-requester-correction")
    requester.get_by_role("button", name="Minta perbaikan").click()
    expect(requester.locator(".flash-success")).to_contain_text("Permintaan Anda diterima")
    expect(requester.locator("main")).to_contain_text("Permintaan Anda untuk memperbaiki data diterima pada")
    keep_screenshot(requester, "portal-status-correction-waiting")

    officer = new_page(**PHONE)
    log_in(officer, "petugas")
    officer.goto("/kotak-masuk")
    waiting = officer.get_by_role("region", name="Pemohon yang menunggu perbaikan datanya")
    expect(waiting).to_contain_text(receipt["ticket"])
    keep_screenshot(officer, "inbox-correction-waiting")
    waiting.get_by_role("link", name=receipt["ticket"]).click()
    expect(officer.locator("#asked-hint")).to_contain_text("Pemohon meminta perbaikan data pada")
    expect(officer.get_by_label(re.compile(r"^Alamat"))).to_have_value("Jl. Braga 12, Bandung")
    at_both_widths(officer, "the desk's answer to a requester's correction request", "requester-correction-asked")
    officer.get_by_role("button", name="Simpan perbaikan").click()
    expect(officer.locator(".flash-success")).to_contain_text("Data pemohon telah diperbaiki: Alamat")
    expect(officer.locator("main")).to_contain_text("Jl. Braga 12, Bandung")
