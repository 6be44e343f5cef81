"""The written notice of a granted request in the browser: what the decision requires of it is marked "(wajib)", what
another answer requires says when; answering yes to a redaction and sending marks its reason required; a repeated
group's error names its row. At 360 px and 1366 px the page fits and axe-core finds no WCAG A/AA violation."""

import re

from playwright.sync_api import expect

from tests.browser.steps import at_both_widths, log_in
from tests.helpers import decision

STEPS = ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah")


def test_the_ppid_sees_what_a_granted_request_s_notice_requires_before_sending_it(narrow_page, desk):
    page = narrow_page
    ticket = desk.submit()["ticket"]
    for step in STEPS:
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    task = desk.task(ticket, "pemberitahuan_tertulis")
    log_in(page, "ppid")
    page.goto(f"/tugas/{task['id']}")
    expect(page.locator("label[for=f-jadwal_penyerahan]")).to_have_text("Waktu penyerahan informasi (wajib)")
    expect(page.get_by_label(re.compile(r"^Waktu penyerahan informasi"))).to_have_attribute("aria-required", "true")
    expect(page.locator("label[for=f-alasan_penghitaman]")).to_have_text(
        "e. Alasan penghitaman (wajib bila ada bagian yang dihitamkan)"
    )
    at_both_widths(page, "the written notice's required marks")

    # Redaction answered yes, its reason and the delivery date left empty: both refused, and the reason now required.
    page.get_by_role("group", name=re.compile(r"^a\. Informasi berada")).get_by_label("Ya").check()
    page.get_by_role("group", name=re.compile(r"^e\. Ada bagian yang dihitamkan")).get_by_label("Ya").check()
    page.get_by_role("button", name="Selesaikan tugas").click()
    expect(page).to_have_title(re.compile(r"^Galat: "))
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator("label[for=f-alasan_penghitaman]")).to_have_text("e. Alasan penghitaman (wajib)")
    at_both_widths(page, "the written notice refused", shot="task-written-notice-refused")
    assert "pemberitahuan_tertulis" in desk.open_tasks(ticket)  # nothing was saved
