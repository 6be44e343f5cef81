"""The officers' accounts in a real browser: on a phone the admin adds an officer with their NIP (the form first says
what is wrong), then takes the officer's claim away by deactivating them; the pages are checked at both widths."""

import re

from playwright.sync_api import expect

from tests.browser.steps import PHONE, at_both_widths, log_in


def test_the_admin_adds_an_officer_then_deactivates_one_who_left(new_page):
    page = new_page(**PHONE)
    log_in(page, "admin")
    page.get_by_role("link", name="Akun petugas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Akun petugas")
    at_both_widths(page, "the officers page", "users")
    page.get_by_role("link", name="Tambah petugas").click()
    page.locator("#user-username").fill("sari.w")
    page.locator("#user-display_name").fill("Sari Wulandari, S.Kom.")
    page.locator("#user-password").fill("sari")
    page.get_by_label("NIP").fill("19820315 200613 1 002")  # appointed in a 13th month
    page.get_by_role("button", name="Tambahkan petugas").click()
    expect(page.locator(".error-summary")).to_contain_text("minimal satu kelompok")
    expect(page.locator("#user-nip-error")).to_have_text(
        "Angka ke-9 sampai ke-14 NIP adalah bulan pengangkatan (tahun, bulan): bukan bulan yang valid."
    )
    at_both_widths(page, "the new officer form with its errors", "user-new-errors")
    page.get_by_label("Petugas layanan", exact=True).check()
    page.get_by_label("NIP").fill("19820315 200604 1 002")
    page.locator("#user-password").fill("lembar-kerja-2026")
    page.get_by_role("button", name="Tambahkan petugas").click()
    expect(page.locator(".flash")).to_contain_text("Sari Wulandari, S.Kom. sekarang dapat masuk.")
    expect(page.get_by_label("NIP")).to_have_value("198203152006041002")
    expect(page.locator("table.data")).to_contain_text("Akun dibuat")
    page.goto("/pengguna/petugas2")
    page.get_by_role("button", name="Nonaktifkan").click()
    expect(page.locator(".flash")).to_contain_text("tidak dapat masuk lagi")
    expect(page.get_by_role("button", name="Aktifkan")).to_be_visible()
    at_both_widths(page, "a deactivated officer's page", "user-deactivated")


def test_on_a_phone_the_officers_list_shows_the_count_and_every_officer_s_status_without_scrolling(new_page):
    """At 360 px the count read "Petugas: 2…", cut by the edge, and the status column was out of view in a table
    scrolled sideways: each officer is now a card of labelled lines, the whole of it and the count in view."""
    page = new_page(**PHONE)
    log_in(page, "admin")
    page.goto("/pengguna")
    caption = page.locator("table.officers caption")
    expect(caption).to_have_text(re.compile(r"^Petugas: \d+$"))
    shown = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const inside = el => { const r = el.getBoundingClientRect(); return r.left >= 0 && r.right <= width; };
            const caption = document.querySelector('table.officers caption');
            const range = document.createRange();
            range.selectNodeContents(caption);
            return {
                captionLines: new Set([...range.getClientRects()].map(r => Math.round(r.top))).size,
                captionInside: inside(caption),
                cells: [...document.querySelectorAll('table.officers tbody td')].filter(td => !inside(td)).length,
                // the table and the boxes around it: none scrolls sideways, nor is wider than the window
                scrolled: [document.querySelector('table.officers'),
                           ...document.querySelectorAll('main :has(table.officers)')]
                    .filter(el => el.scrollWidth > el.clientWidth + 1 || !inside(el)).length,
            };
        }"""
    )
    assert shown == {"captionLines": 1, "captionInside": True, "cells": 0, "scrolled": 0}
    # each line of the card says what it is (the columns' headings are not seen on a phone)
    expect(page.get_by_role("cell", name="Status: Aktif", exact=True).first).to_be_in_viewport()
    at_both_widths(page, "the officers list", "users-list")
