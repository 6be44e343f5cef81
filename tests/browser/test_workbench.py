"""Issue 11 points 8 to 10 in the browser, with axe: the inbox for volume (rows with requester and subject,
search, sort, saved views, bulk claim), internal notes on the case page with a mention and a file, leave with a
stand-in, and the superior's workload page. Each journey is walked on a phone's 360 px, where a control out of
reach fails it; each page on the way is checked at 360 px and again at a desk's 1366 px, and photographed into
test-artifacts/ (git-ignored) at both widths. (Each journey walked once per width cost twice the time, ~5 s a
walk, for the same pages.)"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.api.test_inbox_search import more_open_tasks
from tests.browser.steps import PHONE, at_both_widths, log_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _filed(desk, days_ago: float, **payload):
    received = (datetime.now(UTC) - timedelta(days=days_ago)).isoformat()
    return desk.submit(headers=desk.login("petugas"), channel="langsung", received_at=received, **payload)


def test_the_inbox_shows_requester_and_subject_searches_and_claims_several_at_once(new_page, desk):
    ani = _filed(desk, 3)
    budi = _filed(desk, 1, name="Budi Santoso", nik="3171234507890002", information="Anggaran rumah ibadah")
    page = new_page(**PHONE)
    log_in(page, "petugas")
    rows = page.locator("table.tasks tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text(ani["ticket"])  # most urgent first: received earlier, due earlier
    expect(rows.first).to_contain_text("Ani Wijaya")
    expect(rows.nth(1)).to_contain_text("Anggaran rumah ibadah")
    at_both_widths(page, "the inbox page", "workbench-inbox")

    # Search by NIK: one row; the words of the search stay in the box. On a phone the filters are folded into one
    # line, so that the first task is in view: open them first.
    page.locator("details.filter-fold > summary").click()
    page.get_by_label("Cari").fill("3171234507890002")
    page.get_by_role("button", name="Saring").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(budi["ticket"])
    expect(page.get_by_label("Cari")).to_have_value("3171234507890002")

    # Save the view under a name: it is offered above the list from now on.
    expect(page.locator("details.filter-fold > summary")).to_contain_text("(1 aktif)")
    page.locator("details.filter-fold > summary").click()
    page.get_by_label("Simpan tampilan ini sebagai").fill("NIK Budi")
    page.get_by_role("button", name="Simpan tampilan").click()
    expect(page.locator(".flash-success")).to_contain_text("Tampilan disimpan: NIK Budi")
    page.goto("/kotak-masuk")
    expect(
        page.get_by_role("navigation", name="Tampilan tersimpan").get_by_role("link", name="NIK Budi")
    ).to_be_visible()

    # Sort by receipt, newest first; then tick both and claim them at once.
    page.locator("details.filter-fold > summary").click()
    page.get_by_label("Urutkan menurut").select_option("-received")
    page.get_by_role("button", name="Saring").click()
    expect(rows.first).to_contain_text(budi["ticket"])
    page.get_by_label(f"Pilih {ani['ticket']}").check()
    page.get_by_label(f"Pilih {budi['ticket']}").check()
    page.locator("details.bulk-fold > summary").click()
    page.get_by_label("Tindakan").select_option("claim")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.locator(".flash-success")).to_contain_text(f"Anda mengambil 2 tugas: {budi['ticket']} (Periksa")
    expect(page.locator(".counter")).to_contain_text("Milik saya: 2")
    at_both_widths(page, "the inbox-after-bulk page", "workbench-inbox-after-bulk")


def test_a_busy_queue_says_more_than_a_thousand_and_a_subject_word_finds_its_case(app, new_page, desk):
    ani = _filed(desk, 3)  # "Daftar penerima beasiswa tahun 2026 ..."
    budi = _filed(desk, 1, name="Budi Santoso", nik="3171234507890002", information="Anggaran rumah ibadah")
    more_open_tasks(app, budi["ticket"], 999)  # 1,001 open tasks in the front desk's queue
    page = new_page(**PHONE)
    log_in(page, "petugas")
    expect(page.locator(".counter")).to_contain_text("Terbuka: 1.000+")
    expect(page.locator("p.count")).to_contain_text("50 dari 1.000+ tugas ditampilkan")
    at_both_widths(page, "the inbox-busy page", "workbench-inbox-busy")

    page.locator("details.filter-fold > summary").click()
    page.get_by_label("Cari").fill("beasiswa")
    page.get_by_role("button", name="Saring").click()
    rows = page.locator("table.tasks tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(ani["ticket"])
    expect(page.locator("p.count")).to_contain_text("1 dari 1 tugas ditampilkan")
    at_both_widths(page, "the inbox-search page", "workbench-inbox-search")


def test_an_officer_writes_an_internal_note_with_a_mention_and_a_file_on_the_case_page(new_page, desk, tmp_path):
    receipt = desk.submit()
    page = new_page(**PHONE)
    log_in(page, "petugas")
    page.goto(f"/kasus/{receipt['ticket']}")
    notes = page.locator("section.notes")
    expect(notes.get_by_role("heading", name="Catatan internal")).to_be_visible()
    expect(notes).to_contain_text("tidak pernah ditampilkan kepada pemohon")
    scan = tmp_path / "surat-telepon.pdf"
    scan.write_bytes(PDF)
    notes.get_by_label("Catatan baru").fill("Pemohon menelepon, minta salinan PDF. @ppid mohon dicek.")
    notes.get_by_label(re.compile("^Berkas")).set_input_files(str(scan))
    notes.get_by_role("button", name="Tambahkan catatan").click()
    expect(page.locator(".flash-success")).to_contain_text("Catatan ditambahkan.")
    expect(notes.locator(".note-body")).to_have_text("Pemohon menelepon, minta salinan PDF. @ppid mohon dicek.")
    expect(notes.get_by_role("link", name="surat-telepon.pdf")).to_be_visible()
    at_both_widths(page, "the case-notes page", "workbench-case-notes")

    # A mention of someone who may not read this case is refused, with the reason beside the note, what was typed
    # kept, and nothing is added; the page's error summary leads to it.
    notes.get_by_label("Catatan baru").fill("@tim lihat ini")
    notes.get_by_role("button", name="Tambahkan catatan").click()
    expect(notes.locator("#note-body-error")).to_contain_text("@tim bukan petugas yang boleh membaca kasus ini")
    expect(notes.get_by_label("Catatan baru")).to_have_value("@tim lihat ini")
    expect(notes.locator(".note-body")).to_have_count(1)
    page.locator(".error-summary a[href='#note-body']").click()
    expect(notes.get_by_label("Catatan baru")).to_be_focused()
    at_both_widths(page, "the case page with a refused note", "workbench-case-note-refused")


def test_the_superior_records_a_leave_and_sees_the_workload(new_page, desk):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    desk.client.post(f"/api/v1/tasks/{task['id']}/claim", headers=desk.login("petugas"))
    today = datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date()
    page = new_page(**PHONE)
    log_in(page, "ppid")
    page.goto("/beban-kerja")
    table = page.locator("table.workload")
    expect(table.locator("tr").filter(has_text="Petugas").first).to_be_visible()
    at_both_widths(page, "the workload page", "workbench-workload")

    page.goto("/cuti")
    page.get_by_label("Petugas yang cuti").select_option("petugas")
    page.get_by_role("button", name="Pilih", exact=True).click()  # then the stand-ins for that officer
    expect(page.locator(".absence-for")).to_have_text("Cuti Petugas")
    page.get_by_label("Pengganti", exact=True).select_option("petugas2")
    page.get_by_label("Hari pertama").fill(today.isoformat())
    page.get_by_label("Hari terakhir").fill((today + timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Catat cuti").click()
    expect(page.locator(".flash-success")).to_contain_text("menjadi pengganti")
    expect(page.locator("table.tasks tbody tr")).to_have_count(1)
    at_both_widths(page, "the leave page", "workbench-leave")
    assert desk.task(receipt["ticket"], "periksa_kelengkapan")["assignee"] == "petugas2"
    page.goto("/beban-kerja")
    expect(page.locator("table.workload")).to_contain_text("sedang cuti")
    # Cancelling asks first, saying what changes (the tasks still held go back); keeping it changes nothing.
    page.goto("/cuti")
    page.get_by_role("link", name="Batalkan cuti Petugas").click()
    expect(page.locator("h1")).to_have_text("Batalkan cuti Petugas?")
    expect(page.locator("main")).to_contain_text("masih dipegangnya kembali kepada Petugas")
    at_both_widths(page, "the leave-cancel page", "workbench-leave-cancel")
    page.get_by_role("link", name="Tetap cuti").click()
    expect(page.locator("table.tasks tbody tr")).not_to_contain_text("dibatalkan")
    page.get_by_role("link", name="Batalkan cuti Petugas").click()
    page.get_by_role("button", name="Ya, batalkan cuti").click()
    expect(page.locator(".flash-success")).to_have_text(
        "Cuti Petugas dibatalkan. 1 tugas yang masih dipegang Petugas2 dikembalikan."
    )
    assert desk.task(receipt["ticket"], "periksa_kelengkapan")["assignee"] == "petugas"  # back with the officer
    expect(page.locator("table.tasks tbody tr")).to_contain_text("dibatalkan")
