"""The task page: the form drawn from its JSON Schema, validated as the API validates, and completed."""

import re

from tests.web.pages import text


def _open(desk, browser, username="petugas", task_name="periksa_kelengkapan"):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], task_name)
    b = browser(username)
    return receipt, task, b, b.get(f"/tugas/{task['id']}")


def test_the_task_page_draws_the_form_from_its_schema(desk, browser):
    receipt, _task, _b, r = _open(desk, browser)
    page = text(r)
    assert r.status_code == 200
    assert "<h1>Periksa kelengkapan permohonan</h1>" in page
    # boolean -> yes/no radios in a fieldset, required in words
    assert re.search(r'<legend>Permohonan lengkap\? <span class="required">\(wajib\)</span></legend>', page)
    assert 'type="radio" id="f-lengkap-1" name="lengkap" value="true"' in page
    assert 'type="radio" id="f-lengkap-2" name="lengkap" value="false"' in page
    # a long text (maxLength 4000) -> textarea with its label
    assert '<label for="f-kekurangan">Kekurangan yang harus dilengkapi' in page
    assert re.search(r'<textarea [^>]*id="f-kekurangan" name="kekurangan"[^>]*maxlength="4000"', page)


def test_the_task_page_shows_instructions_deadline_and_case_facts(desk, browser):
    receipt, _task, _b, r = _open(desk, browser)
    page = text(r)
    assert f"Periksa kelengkapan permohonan {receipt['ticket']}." in page  # instructions, placeholder filled
    assert "{{" not in page
    assert "UU 14/2008 Pasal 22(7)" in page  # T10 and its legal basis
    assert "10 hari kerja dihitung sejak" in page  # how it was counted
    assert "Daftar penerima beasiswa tahun 2026" in page  # what is asked
    assert "Ani Wijaya" in page  # the front desk may read the requester's identity


def test_the_auditor_never_sees_the_requesters_identity(desk, browser):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    r = browser("auditor").get(f"/tugas/{task['id']}")
    assert r.status_code == 200
    assert "Ani Wijaya" not in text(r)
    assert "3171234507890001" not in text(r)
    assert "Anda dapat membaca tugas ini tetapi tidak dapat menyelesaikannya" in text(r)


def test_an_invalid_submission_shows_each_error_beside_its_field_and_changes_nothing(desk, browser, unchanged):
    receipt, task, b, _r = _open(desk, browser)
    with unchanged():
        r = b.post(f"/tugas/{task['id']}", {"lengkap": "false", "kekurangan": "   "})
    page = text(r)
    assert r.status_code == 422
    assert "<title>Galat: " in page
    assert 'class="error-summary" role="alert"' in page
    assert '<a href="#f-kekurangan">Kekurangan yang harus dilengkapi wajib diisi.</a>' in page
    assert '<p class="field-error" id="f-kekurangan-error">' in page
    assert re.search(r'<textarea [^>]*aria-invalid="true" aria-describedby="f-kekurangan-error"', page)
    assert 'value="false" checked' in page  # the choice made is kept
    assert "periksa_kelengkapan" in desk.open_tasks(receipt["ticket"])


def test_a_value_of_the_wrong_type_is_reported_not_dropped(desk, browser, unchanged):
    receipt, task, b, _r = _open(desk, browser)
    with unchanged():
        r = b.post(f"/tugas/{task['id']}", {"lengkap": "mungkin"})
    assert r.status_code == 422
    assert "Permohonan lengkap? Jenis isian salah." in text(r)


def test_a_valid_submission_completes_the_task_and_the_case_moves_on(desk, browser):
    receipt, task, b, _r = _open(desk, browser)
    r = b.post(f"/tugas/{task['id']}", {"lengkap": "true", "kekurangan": ""})
    assert r.status_code == 302
    tasks = desk.open_tasks(receipt["ticket"])
    assert "periksa_kelengkapan" not in tasks
    assert "registrasi" in tasks
    assert r.location == f"/tugas/{tasks['registrasi']['id']}"  # the desk's own next step: straight to it
    page = text(b.get(r.location))
    assert f"Tugas selesai. Kasus {receipt['ticket']} sekarang pada tahap:" in page
    assert "Tugas berikutnya menunggu di antrean kelompok Anda (Petugas layanan): Registrasi" in page  # not claimed


def test_a_completed_task_opened_again_says_who_completed_it_and_offers_no_form(desk, browser):
    """Opened again from the history, a done task showed an empty form, "Lepaskan" and "Selesaikan tugas", and
    both buttons answered that the task was no longer open."""
    receipt, task, b, _r = _open(desk, browser)
    b.post(f"/tugas/{task['id']}", {"lengkap": "true", "kekurangan": ""})
    page = b.get(f"/tugas/{task['id']}")
    shown = text(page)
    assert "Tugas sudah ditutup" in shown
    assert re.search(r"\S+ telah menyelesaikan tugas ini pada \d", shown), shown
    html = page.get_data(as_text=True)
    assert 'class="task-form"' not in html
    assert "Selesaikan tugas" not in shown
    assert "Lepaskan" not in shown
    assert f'href="/kasus/{receipt["ticket"]}"' in html


def test_after_a_task_whose_next_step_is_another_group_s_the_officer_is_back_in_the_inbox(desk, browser):
    receipt, task, b, _r = _open(desk, browser)
    b.post(f"/tugas/{task['id']}", {"lengkap": "true", "kekurangan": ""})
    registration = desk.open_tasks(receipt["ticket"])["registrasi"]
    b.get(f"/tugas/{registration['id']}")
    r = b.post(
        f"/tugas/{registration['id']}",
        {"cara_kirim_tanda_bukti": "email"},
    )
    assert (r.status_code, r.location) == (302, "/kotak-masuk")  # the PPID's step next, not the desk's


def test_a_task_claimed_by_another_officer_cannot_be_completed_here(desk, browser):
    receipt, task, first, _r = _open(desk, browser)
    first.post(f"/tugas/{task['id']}/ambil")
    second = browser("petugas2")
    page = text(second.get(f"/tugas/{task['id']}"))
    assert "Petugas lain sudah mengambil tugas ini" in page
    assert 'action="/tugas/{}" novalidate'.format(task["id"]) not in page
    r = second.post(f"/tugas/{task['id']}", {"lengkap": "true"})
    assert r.status_code == 302
    assert "sudah diambil oleh Petugas" in text(second.get(r.location))  # their name, not login
    assert "periksa_kelengkapan" in desk.open_tasks(receipt["ticket"])


def test_an_officer_of_another_group_gets_not_found_or_not_allowed_pages(desk, browser):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    complaint_team = browser("tim")  # may not know the PPID case exists
    r = complaint_team.get(f"/tugas/{task['id']}")
    assert (r.status_code, r.mimetype) == (404, "text/html")
    assert "Halaman tidak ditemukan" in text(r)
    assert complaint_team.get(f"/kasus/{receipt['ticket']}").status_code == 404
    ppid = browser("ppid")  # sees the case, but the task is the front desk's
    page = text(ppid.get(f"/tugas/{task['id']}"))
    assert "Tugas ini milik kelompok Petugas layanan" in page  # the group by its name, never its code
    r = ppid.post(f"/tugas/{task['id']}", {"lengkap": "true"})
    assert (r.status_code, r.mimetype) == (403, "text/html")
    assert "Anda tidak diizinkan melakukan ini" in text(r)
    assert "periksa_kelengkapan" in desk.open_tasks(receipt["ticket"])
    assert browser("petugas").get("/tugas/999999").status_code == 404


def test_the_task_page_speaks_english(desk, browser):
    receipt, task, b, _r = _open(desk, browser)
    b.get("/bahasa/en")
    page = text(b.get(f"/tugas/{task['id']}"))
    assert "<h1>Check the request is complete</h1>" in page
    assert "Is the request complete?" in page
    assert "(required)" in page
    assert "Complete task" in page


def test_the_placeholder_case_page_links_to_its_open_tasks(desk, browser):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    page = text(browser("petugas").get(f"/kasus/{receipt['ticket']}"))
    assert f'href="/tugas/{task["id"]}"' in page


def test_the_complaint_team_refers_to_a_unit_chosen_by_name_from_the_office_s_units(client, login, browser):
    """The referral's unit code is chosen from a list of the office's units, not typed from memory; the unit
    chosen gets the clarification task."""
    from tests.browser.journeys import ComplaintDesk
    from tests.workflows.test_pengaduan_paths import CATAT

    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    task = complaint.task("klasifikasi")
    team = browser("tim")
    page = text(team.get(f"/tugas/{task['id']}"))
    select = re.search(r'<select [^>]*name="unit_tujuan"[^>]*>(.*?)</select>', page, re.S)
    assert select, "the unit is not chosen from a list"
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select[1])
    assert options[0][0] == ""  # nothing chosen yet: the complaint may go to the Inspectorate instead
    assert ("KANWIL", "Kantor Wilayah (KANWIL)") in options
    assert ("PENDMAD", "PENDMAD") in options  # a unit with no name of its own shows its code
    referral = {"kode_masalah": "02", "kategori": "beasiswa_bantuan", "berkadar_pengawasan": "false"}
    done = team.post(f"/tugas/{task['id']}", {**referral, "unit_tujuan": "PENDMAD"})
    assert done.status_code == 302, text(done)
    assert complaint.task("klarifikasi_unit")["id"]
    assert complaint.client.get("/api/v1/tasks", headers=login("unitmad")).json["items"], "the unit got nothing"


def test_a_verified_complaint_s_classification_is_due_by_its_review_deadline(client, login, browser):
    """Classifying is part of a complaint's review (V3: 3 working days from receipt, legal-process.md §7.2 stage 3).
    Verified but not classified, its classification's page said "Tanpa batas waktu" and that it had no deadline of
    its own, and the inbox ranked it after every task a clock runs on."""
    from tests.browser.journeys import ComplaintDesk
    from tests.workflows.test_pengaduan_paths import CATAT

    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    task = complaint.task("klasifikasi")
    case = client.get(f"/api/v1/cases/{complaint.ticket}", headers=login("tim")).json
    (v3,) = [d for d in case["deadlines"] if d["name"] == "V3"]
    assert (v3["status"], task["due_at"]) == ("pending", v3["due_at"])
    page = text(browser("tim").get(f"/tugas/{task['id']}"))
    deadline = page.split('id="deadline-title"', 1)[1].split("</section>", 1)[0]
    assert "Batas waktu tugas ini " in deadline
    assert "Tugas ini tidak memiliki batas waktu hukum sendiri." not in deadline
    assert re.search(r"<h3>Penelaahan[^<]*<span class=\"clock-code\">V3</span> · ", deadline)  # named, its code a note
    assert "Tanpa batas waktu" not in page


def test_an_objection_task_page_in_english_tells_its_chronology_and_facts_in_english(desk, client, browser):
    """The chronology's stages and the facts the engine adds (the request, the timeliness) were in Indonesian
    on the English page."""
    from tests.api.test_chain_api import objected

    receipt, objection = objected(desk, client)
    task = desk.task(objection["ticket"], "registrasi_keberatan")
    b = browser("petugas")
    page = text(b.get(b.get(f"/bahasa/en?next=/tugas/{task['id']}").location))
    chronology = re.search(r'<ol class="chronology">(.*?)</ol>', page, re.S)
    assert chronology, "no chronology"
    assert "Information request received" in chronology[1]
    assert "Objection received" in chronology[1]
    for indonesian in ("Permohonan informasi diterima", "Terdaftar", "Diproses", "Keberatan diterima"):
        assert indonesian not in chronology[1]
    assert "Information request" in page
    assert "Filed in time" in page
    assert "Ketepatan waktu" not in page


def test_the_task_that_judges_the_reporter_s_answer_shows_the_answer_and_its_files(client, login, browser):
    """ "Nilai jawaban dan bukti pelapor" said the answer was on the messages page and showed none of it."""
    import io

    from tests.browser.journeys import ComplaintDesk
    from tests.helpers import SAMPLE_PDF

    complaint = ComplaintDesk(client, login).waiting_for_evidence()
    complaint.reporter_writes("Kuitansi pungutan Rp500.000 terlampir.", {"kuitansi.pdf": io.BytesIO(SAMPLE_PDF)})
    task = complaint.task("klarifikasi_lanjutan")
    page = text(browser("tim").get(f"/tugas/{task['id']}"))
    assert "Pesan dengan pelapor" in page
    assert "Kuitansi pungutan Rp500.000 terlampir." in page
    assert re.search(rf'href="/kasus/{complaint.ticket}/lampiran/\d+" download>lampiran-1.pdf</a>', page)
    unit_page = browser("unitmad").get(f"/tugas/{task['id']}")  # the unit never reads the conversation
    assert "Kuitansi pungutan" not in text(unit_page)


def test_the_complaint_team_s_forms_start_from_what_the_filing_already_said(browser, client, login):
    """The recording form asked again for the incident's date and place the reporter gave, and the classification
    did not start from the category the reporter suggested; the team's own summary is still typed by the team."""
    from tests.conftest import complaint_payload

    assert client.post("/api/v1/complaints", json=complaint_payload("rahasia")).status_code == 201
    team = browser("tim")
    [task] = client.get("/api/v1/tasks", headers=login("tim")).json["items"]
    page = text(team.get(f"/tugas/{task['id']}"))
    assert re.search(r'id="f-lokasi_kejadian"[^>]*>Kantor Kementerian Agama Kota Contoh</textarea>', page)
    assert re.search(r'value="2026-11-03" id="f-waktu_kejadian"', page)
    assert not re.search(r'id="f-pokok_masalah"[^>]*>Pungutan liar', page)  # the team's own summary
    assert 'value="Pungutan liar pada pendaftaran madrasah"' not in page


def test_the_recording_form_suggests_the_kab_kota_already_recorded_the_most_frequent_first(browser, client, login):
    """A kab/kota typed as before is one place in the statistics: the form offers those recorded (a datalist)."""
    from tests.api.test_complaint_documents import Team
    from tests.workflows.test_pengaduan_paths import CATAT

    for place in ("Kota Batu", "kab. malang", "Kabupaten Malang"):
        Team(client, login, "rahasia").complete("catat_pengaduan", {**CATAT, "kabkota_kejadian": place})
    fresh = Team(client, login, "rahasia")
    case = client.get(f"/api/v1/cases/{fresh.ticket}", headers=login("tim")).json
    (task,) = [t for t in case["open_tasks"] if t["name"] == "catat_pengaduan"]
    page = text(browser("tim").get(f"/tugas/{task['id']}"))
    assert re.search(r'id="f-kabkota_kejadian"[^>]* list="f-kabkota_kejadian-suggestions"', page) or re.search(
        r'list="f-kabkota_kejadian-suggestions"[^>]*id="f-kabkota_kejadian"', page
    )
    datalist = re.search(r'<datalist id="f-kabkota_kejadian-suggestions">(.*?)</datalist>', page).group(1)
    assert re.findall(r'<option value="([^"]+)">', datalist) == ["Kabupaten Malang", "Kota Batu"]


def test_the_holder_sets_a_follow_up_on_the_task_page_the_inbox_shows_it_and_a_wrong_day_is_said_beside_it(
    app, desk, browser, unchanged
):
    from tests.api.test_follow_up import working_day

    receipt, task, b, r = _open(desk, browser)
    assert 'id="tindak-lanjut"' not in text(r)  # nobody holds it: no follow-up to set
    b.post(f"/tugas/{task['id']}/ambil", {"next": f"/tugas/{task['id']}"})
    page = text(b.get(f"/tugas/{task['id']}"))
    assert '<h2 id="follow-up-title">Tindak lanjut</h2>' in page
    with app.app_context():
        today = app.extensions["kawal_runtime"].today()
    with unchanged():
        wrong = b.post(f"/tugas/{task['id']}/tindak-lanjut", {"on": str(today), "note": "cek unit"})
    assert wrong.status_code == 422
    page = text(wrong)
    assert '<a href="#follow-up-on">Hari tindak lanjut: hari setelah hari ini</a>' in page
    assert 'aria-invalid="true"' in page
    assert 'value="cek unit"' in page  # what was typed stays
    day = working_day(app, 2)
    done = b.post(f"/tugas/{task['id']}/tindak-lanjut", {"on": str(day), "note": "Unit Humas janji kirim Kamis"})
    assert done.location == f"/tugas/{task['id']}#tindak-lanjut"
    page = text(b.get(f"/tugas/{task['id']}"))
    assert "Tindak lanjut disimpan: siapa pun yang memegang tugas ini pada hari itu mendapat pesan." in page
    assert "Catatan: Unit Humas janji kirim Kamis" in page
    inbox = text(b.get("/kotak-masuk?scope=mine"))
    assert re.search(
        r'<small class="follow-up">Tindak lanjut \d+ \w+ \d{4}: Unit Humas janji kirim Kamis</small>', inbox
    )
    assert '<select id="filter-follow_up" name="follow_up">' in inbox
    case_page = text(b.get(f"/kasus/{receipt['ticket']}"))  # the case's open tasks say it too
    assert re.search(
        r'<small class="follow-up">Tindak lanjut \d+ \w+ \d{4}: Unit Humas janji kirim Kamis</small>', case_page
    )
    chosen = text(b.get("/kotak-masuk?follow_up=set"))
    assert '<option value="set" selected>Ada tindak lanjut</option>' in chosen
    assert "Unit Humas janji kirim Kamis" in chosen
    assert "Unit Humas janji kirim Kamis" not in text(b.get("/kotak-masuk?follow_up=due"))  # its day is to come
    other = text(browser("petugas2").get(f"/tugas/{task['id']}"))
    assert "Catatan: Unit Humas janji kirim Kamis" in other  # shown to the group, set by the holder alone
    assert "Simpan tindak lanjut" not in other
    b.post(f"/tugas/{task['id']}/tindak-lanjut", {"hapus": "1"})
    assert "Tindak lanjut dihapus." in text(b.get(f"/tugas/{task['id']}"))
    assert "follow-up" not in text(b.get("/kotak-masuk?scope=mine")).split("<tbody>")[1]
