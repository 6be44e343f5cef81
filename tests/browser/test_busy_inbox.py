"""A superior's busy inbox (walk w3, findings 1 and 4): the PPID and the Atasan see, on every row, the control that
gives the task to a colleague. With it the table was 1338 px in a 1152 px column at 1366 px (the actions cut off,
each ticket broken over three lines), each 360 px card was ~480 px tall, and the header's counters, two digits
each, broke over two lines into targets 21.6 px high (WCAG 2.2 "target-size")."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.steps import DESKTOP, PHONE, assert_accessible, horizontal_overflow, keep_screenshot, log_in

SUBJECT = "Daftar nama penerima bantuan operasional madrasah tahun berjalan beserta rincian penyalurannya"
NAMES = (
    "Firmansyah",
    "Kusumawardani",
    "Nugroho",
    "Pratama",
    "Saputra",
    "Hidayatullah",
    "Maharani",
    "Gunawan",
    "Susanti",
    "Rahayu",
    "Wijayakusuma",
    "Halim",
    "Setiadi",
    "Purnomo",
    "Hartono",
    "Lestari",
)
BUSY = 12  # the PPID's open tasks: two-digit counters in the header
ALL = len(NAMES)


@pytest.fixture
def busy(desk, kept_database) -> list[str]:
    """A dozen requests waiting for the PPID's decision (the Atasan assigns those) and four for the desk's check
    (the PPID assigns those), each with a long name and a long subject. Built through the API by the first test,
    copied for the others (16 filings and 36 completions, ~1.5 s a test)."""

    def build():
        tickets = [
            desk.submit(
                headers=desk.login("petugas"),  # recorded at the desk: no public quota
                channel="pos",
                name=f"Bambang Setiawan {name}",
                nik=f"31712345078900{n:02d}",
                information=SUBJECT,
            )["ticket"]
            for n, name in enumerate(NAMES, start=1)
        ]
        for ticket in tickets[:BUSY]:
            for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan"):
                desk.complete(ticket, step)
        return tickets

    return kept_database("busy-inbox", build)


def _table_fits(page, what: str) -> None:
    wide = horizontal_overflow(page)
    assert wide["scrollWidth"] <= wide["clientWidth"], f"{what} scrolls sideways: {wide}"
    assert not wide["wide"], f"{what} has elements past the edge: {wide}"
    table = page.locator("table.tasks").bounding_box()
    main = page.locator("main").bounding_box()
    assert table["x"] + table["width"] <= main["x"] + main["width"] + 1, (what, table, main)


@pytest.mark.parametrize("username", ["ppid", "atasan"])
def test_a_superiors_inbox_row_fits_a_1366_px_laptop_with_its_assign_control(new_page, busy, username):
    """Every column, the actions included, within the page at 1366 px; the ticket on one line."""
    page = new_page(**DESKTOP)
    log_in(page, username)
    page.goto("/kotak-masuk?scope=all")
    rows = page.locator("table.tasks tbody tr")
    expect(rows).to_have_count(ALL)
    expect(page.get_by_label("Tugaskan kepada")).not_to_have_count(0)
    _table_fits(page, f"{username}'s inbox at 1366 px")
    ticket = rows.first.locator("td").nth(1).get_by_role("link").first
    box = ticket.bounding_box()
    assert box["height"] < 30, f"the ticket breaks over lines: {box}"  # one line of text
    for row in rows.all():
        assert row.bounding_box()["height"] <= 150, row.inner_text()  # was ~190 px with shorter subjects
    keep_screenshot(page, f"inbox-busy-{username}")


def test_a_superiors_inbox_card_on_a_phone_folds_the_assign_control_and_still_assigns(new_page, busy, desk):
    """At 360 px each card is short (the assign control behind a disclosure); opened, it assigns."""
    page = new_page(**PHONE)
    log_in(page, "ppid")
    page.goto("/kotak-masuk?scope=all")
    rows = page.locator("table.tasks tbody tr")
    expect(rows).to_have_count(ALL)
    wide = horizontal_overflow(page)
    assert wide["scrollWidth"] <= wide["clientWidth"], wide
    assert not wide["wide"], wide
    for row in rows.all():
        assert row.bounding_box()["height"] <= 450, row.inner_text()  # was 611 px with these words, assign control open
    first = rows.filter(has_text="Periksa kelengkapan permohonan").first  # a desk's task: the PPID assigns it
    select = first.get_by_label("Tugaskan kepada")
    expect(select).to_be_hidden()
    first.locator("summary").filter(has_text="Tugaskan").click()
    expect(select).to_be_visible()
    ticket = first.locator("td").nth(1).get_by_role("link").first.inner_text()
    select.select_option("petugas2")
    first.get_by_role("button", name="Tugaskan").click()
    expect(page.locator(".flash-success")).to_be_visible()
    assert desk.task(ticket, "periksa_kelengkapan")["assignee"] == "petugas2"
    keep_screenshot(page, "inbox-busy-ppid")


OFFICER_PAGES = (
    "/kotak-masuk",
    "/kotak-masuk?scope=all",
    "/dasbor",
    "/laporan",
    "/laporan/register/permohonan",
    "/cuti",
    "/kotak-masuk/menunggu",
    "/akun",
)


def test_officer_pages_pass_axe_at_360_and_1366_px_with_two_digit_counters(new_page, busy):
    """The header's counters ("Terbuka: 12", "Milik saya: 12") stay whole targets at 360 px on every page."""
    page = new_page(**PHONE)
    log_in(page, "ppid")
    expect(page.locator(".counter")).to_contain_text(f"Terbuka: {BUSY}")
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        for path in OFFICER_PAGES:
            page.goto(path)
            assert_accessible(page, f"{path} at {size['width']} px")
            for link in page.locator(".counter a").all():
                box = link.bounding_box()
                assert box["height"] >= 24, (path, link.inner_text(), box)  # a target (WCAG 2.5.8)
                assert box["height"] < 40, (path, link.inner_text(), box)  # on one line
