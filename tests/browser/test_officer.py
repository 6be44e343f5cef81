"""An officer's day in the browser: log in, find the task, claim it, get a form wrong, decide the request."""

import re

from playwright.sync_api import expect

from tests.browser.steps import PHONE, at_both_widths, log_in


def _row(page, ticket):
    return page.locator("table.tasks tbody tr").filter(has_text=ticket)


def test_an_officer_claims_fixes_an_invalid_form_and_brings_the_request_to_a_decision(page, new_page, desk):
    receipt = desk.submit()
    ticket = receipt["ticket"]

    # The front-desk officer logs in and lands on the inbox, where the new request waits in the group's queue.
    log_in(page, "petugas")
    expect(page).to_have_url(re.compile(r"/kotak-masuk"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kotak masuk")
    expect(page.locator(".flash-success")).to_contain_text("Selamat datang, Petugas.")
    row = _row(page, ticket)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Periksa kelengkapan permohonan")
    expect(row).to_contain_text("belum ada")  # assigned to nobody yet
    expect(page.locator(".counter")).to_contain_text("Terbuka: 1")

    # Claims it: the page says so, the row names them, and the counter counts it as theirs.
    row.get_by_role("button", name=re.compile(r"^Ambil")).click()
    expect(page.locator(".flash-success")).to_have_text("Tugas sudah Anda ambil.")
    expect(_row(page, ticket)).to_contain_text("Petugas")
    expect(page.locator(".counter")).to_contain_text("Milik saya: 1")

    # Opens the task page from the inbox.
    _row(page, ticket).get_by_role("link", name="Periksa kelengkapan permohonan").click()
    expect(page).to_have_url(re.compile(r"/tugas/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa kelengkapan permohonan")
    expect(page.locator(".task-facts")).to_contain_text(ticket)
    expect(page.locator(".task-facts")).to_contain_text("Ani Wijaya")
    task_url = page.url

    # "Not complete" without saying what is missing: refused, with the message beside the field.
    page.get_by_role("group", name=re.compile(r"Permohonan lengkap\?")).get_by_label("Tidak").check()
    page.get_by_role("button", name="Selesaikan tugas").click()
    expect(page).to_have_title(re.compile(r"^Galat: "))
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Formulir masih berisi kesalahan")
    expect(summary.get_by_role("link", name="Kekurangan yang harus dilengkapi wajib diisi.")).to_be_visible()
    missing = page.get_by_label(re.compile(r"^Kekurangan yang harus dilengkapi"))
    expect(missing).to_have_attribute("aria-invalid", "true")
    error = page.locator("#f-kekurangan-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("wajib diisi")
    # Beside the field: in the same field block, named by the field, and right above it on the screen.
    expect(page.locator(".field.has-error").filter(has=missing).locator(".field-error")).to_have_count(1)
    expect(missing).to_have_attribute("aria-describedby", re.compile(r"\bf-kekurangan-error\b"))
    page.wait_for_load_state("load")  # measured once the stylesheet applies (steps.axe)
    error_box, field_box = error.bounding_box(), missing.bounding_box()
    assert 0 <= field_box["y"] - (error_box["y"] + error_box["height"]) < 40, (error_box, field_box)
    expect(page.get_by_role("group", name=re.compile(r"Permohonan lengkap\?")).get_by_label("Tidak")).to_be_checked()
    # The summary's link takes the keyboard to the field.
    summary.get_by_role("link", name=re.compile(r"^Kekurangan")).click()
    expect(missing).to_be_focused()
    assert "periksa_kelengkapan" in desk.open_tasks(ticket)  # nothing was saved

    # Corrected: the request is complete. The case has moved on to registration, the desk's own next step: the
    # officer lands on it, not back in the inbox.
    page.get_by_role("group", name=re.compile(r"Permohonan lengkap\?")).get_by_label("Ya").check()
    page.get_by_role("button", name="Selesaikan tugas").click()
    expect(page).to_have_url(re.compile(r"/tugas/\d+$"))
    expect(page).not_to_have_url(task_url)
    expect(page.locator(".flash-success")).to_contain_text(f"Tugas selesai. Kasus {ticket} sekarang pada tahap:")
    expect(page.locator(".flash-info")).to_contain_text("di antrean kelompok Anda (Petugas layanan): Registrasi")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Registrasi"))
    assert "registrasi" in desk.open_tasks(ticket)

    # Registration, a second form in the browser: the way the receipt is given (Kawal issues it on completion).
    page.get_by_role("group", name=re.compile(r"^Cara penyampaian tanda bukti")).get_by_label("E-mail").check()
    page.get_by_role("button", name="Selesaikan tugas").click()
    expect(page.locator(".flash-success")).to_contain_text(f"Tugas selesai. Kasus {ticket}")

    # The PPID's middle steps through the API (their forms are drawn the same way), then the decision
    # in the browser, as the PPID.
    desk.complete(ticket, "proses_permohonan")
    desk.complete(ticket, "tentukan_langkah")
    ppid = new_page()
    log_in(ppid, "ppid")
    _row(ppid, ticket).get_by_role("link", name="Putuskan permohonan").click()
    expect(ppid.get_by_role("heading", level=1)).to_have_text("Putuskan permohonan")
    ppid.get_by_role("group", name=re.compile(r"^Keputusan")).get_by_label(
        re.compile(r"^Dikabulkan seluruhnya", re.I)
    ).check()
    ppid.get_by_label(re.compile(r"^Alasan keputusan")).fill("Informasi terbuka menurut UU 14/2008 Pasal 11.")
    ppid.get_by_role("button", name="Selesaikan tugas").click()
    expect(ppid.locator(".flash-success")).to_contain_text(f"Tugas selesai. Kasus {ticket}")
    result = desk.complete(ticket, "pemberitahuan_tertulis")
    assert result["case"]["status"] == "dikabulkan_seluruhnya"  # the decision the PPID took in the browser


def test_a_wrong_password_keeps_the_officer_on_the_login_page_with_a_message(page):
    page.goto("/masuk")
    page.get_by_label("Nama pengguna").fill("petugas")
    page.get_by_label("Kata sandi").fill("not-the-password")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("alert")).to_have_text("Nama pengguna atau kata sandi salah.")
    expect(page.get_by_label("Nama pengguna")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Nama pengguna")).to_have_value("petugas")


def test_an_officer_on_a_phone_takes_the_next_task_and_lands_on_it(new_page, desk):
    """No hunting through the list: "Ambil tugas berikutnya" takes the most urgent task no one has taken."""
    tickets = [desk.submit()["ticket"] for _ in range(2)]
    page = new_page(**PHONE)
    log_in(page, "petugas")
    at_both_widths(page, "the inbox with its take-next button", "inbox-take-next")
    # A double click takes one task (static/forms.js: the form is sent once, however busy the server).
    page.get_by_role("button", name="Ambil tugas berikutnya").dblclick()
    expect(page).to_have_url(re.compile(r"/tugas/\d+$"))
    expect(page.locator(".flash-success")).to_have_text(f"Anda mengambil tugas: {tickets[0]}.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa kelengkapan permohonan")
    expect(page.locator(".task-facts")).to_contain_text(tickets[0])
    assert [desk.task(t, "periksa_kelengkapan")["assignee"] for t in tickets] == ["petugas", None]


def test_an_officer_sets_a_follow_up_on_a_task_they_hold_and_the_inbox_marks_it(app, new_page, desk):
    from tests.api.test_follow_up import working_day

    ticket = desk.submit()["ticket"]
    page = new_page(**PHONE)
    log_in(page, "petugas")
    page.get_by_role("button", name="Ambil tugas berikutnya").click()
    expect(page.get_by_role("heading", name="Tindak lanjut")).to_be_visible()
    page.get_by_label("Hari tindak lanjut").fill("2000-01-03")  # a day gone: refused beside its field
    page.get_by_role("button", name="Simpan tindak lanjut").click()
    expect(page.locator(".error-summary")).to_contain_text("Hari tindak lanjut: hari setelah hari ini")
    page.get_by_label("Hari tindak lanjut").fill(str(working_day(app)))
    page.get_by_label("Catatan tindak lanjut").fill("Unit Humas janji kirim data; telepon kalau belum")
    page.get_by_role("button", name="Simpan tindak lanjut").click()
    expect(page.locator(".flash-success")).to_have_text(
        "Tindak lanjut disimpan: siapa pun yang memegang tugas ini pada hari itu mendapat pesan."
    )
    expect(page.locator("p.follow-up")).to_contain_text("Catatan: Unit Humas janji kirim data")
    at_both_widths(page, "the task with its follow-up", "task-follow-up")
    page.goto("/kotak-masuk?scope=mine")
    expect(page.locator("table.tasks tbody tr").filter(has_text=ticket).locator(".follow-up")).to_contain_text(
        "Unit Humas janji kirim data"
    )


def test_the_desk_finds_a_dispute_waiting_for_the_commission_under_the_inbox(new_page, desk, client, login):
    """A case nobody holds a task in is in no task list: the inbox's "Menunggu pihak lain" lists it with its clocks,
    at 360 and 1366 px, and opens it."""
    from tests.api.test_waiting_cases import awaiting_the_commission

    ticket = awaiting_the_commission(desk, client, login)
    page = new_page(PHONE["width"], PHONE["height"])
    log_in(page, "ppid")
    page.get_by_role("link", name="Menunggu pihak lain").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kotak masuk")
    row = page.locator("table.waiting tbody tr").filter(has_text=ticket)
    expect(row).to_contain_text("Penyelesaian sengketa oleh Komisi Informasi")
    at_both_widths(page, "the cases waiting on others", "inbox-waiting")
    row.get_by_role("link", name=ticket).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(ticket)
    page.go_back()  # the Commission's examination came: recorded from the list, on its own form
    row.locator("a[href$='/peristiwa/pemeriksaan_awal']").click()
    expect(page).to_have_url(re.compile(rf"/kasus/{ticket}/peristiwa/pemeriksaan_awal$"))


def test_the_desk_on_a_phone_finds_by_its_ticket_a_request_the_ppid_holds_and_opens_it(new_page, desk):
    """A requester telephones about a request now with the PPID: the desk's search lists it under "Kasus terbuka
    lain yang cocok", at 360 and 1366 px, and its link opens the case."""
    ticket = desk.submit(name="Rudi Hartono")["ticket"]
    desk.complete(ticket, "periksa_kelengkapan")
    desk.complete(ticket, "registrasi")
    page = new_page(**PHONE)
    log_in(page, "petugas")
    page.locator("details.filter-fold > summary").click()  # folded on a phone, so the first task is in view
    page.get_by_label("Cari").fill(ticket)
    page.get_by_role("button", name="Saring").click()
    expect(page.locator("p.empty").first).to_have_text("Tidak ada tugas di sini.")
    section = page.locator("section.other-cases")
    expect(section.get_by_role("heading", level=2)).to_have_text(f"Kasus terbuka lain yang cocok dengan “{ticket}”")
    row = section.locator("tbody tr").filter(has_text=ticket)
    expect(row).to_contain_text("Terdaftar")
    expect(row).to_contain_text("Rudi Hartono")
    at_both_widths(page, "the inbox's search with another group's open case", "inbox-other-open-cases")
    row.get_by_role("link", name=ticket).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(ticket)


def test_the_ppid_follows_the_overdue_counter_to_the_late_tasks_it_counts(new_page, desk, login):
    """The header said "Lewat batas: 1" and its link listed nothing: a task of a case escalated for its lapsed
    T10, on time by its own date, is late as its case is, and listed as such, at 360 and 1366 px; the bulk form
    offers the PPID no action the PPID may not take."""
    import time_machine

    from tests.api.test_inbox_pages import LETTER_RECEIVED, RECORDED
    from tests.helpers import STEP

    with time_machine.travel(RECORDED, tick=True):
        ticket = desk.submit(headers=login("petugas"), channel="pos", received_at=LETTER_RECEIVED.isoformat())["ticket"]
        desk.complete(ticket, "periksa_kelengkapan", STEP["periksa_kelengkapan_kurang"])
        page = new_page(**PHONE)
        log_in(page, "ppid")
        page.locator(".counter").get_by_role("link", name="Lewat batas: 1").click()
        row = _row(page, ticket)
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Melewati batas")
        expect(row).to_contain_text("kasusnya melewati batas waktu")
        expect(page.locator("#bulk-action option")).to_have_text(["Tugaskan"])  # the desk's task: assigned, not taken
        at_both_widths(page, "the late tasks behind the overdue counter", "inbox-overdue")


def test_on_a_phone_the_header_leaves_the_page_heading_in_the_first_half_of_the_screen(narrow_page):
    """The PPID's header carries the most: six links, three counters, the name. At 360 px it took 335 px of an 800 px
    screen, and every page's own heading began below it; the page, not the frame, is what the officer came for."""
    log_in(narrow_page, "ppid")
    for path, heading in (("/kotak-masuk", "Kotak masuk"), ("/dasbor", "Dasbor")):
        narrow_page.goto(path)
        narrow_page.wait_for_load_state("load")  # measured once the stylesheet applies
        expect(narrow_page.get_by_role("heading", level=1)).to_have_text(heading)
        header = narrow_page.locator(".site-header").bounding_box()
        title = narrow_page.get_by_role("heading", level=1).bounding_box()
        assert header["height"] <= 240, (path, header)
        assert title["y"] + title["height"] <= 400, (path, title)
        # Every link of the header is still a thumb's target (WCAG 2.5.8: 24 px).
        for link in narrow_page.locator(".site-header .main-nav a").all():
            assert link.bounding_box()["height"] >= 24, (path, link.inner_text())
