"""The case page: what happened, what is due and why, what was issued, the chain, and the diagram.

It shows what the REST API shows, to the same officers: the requester's identity only to those who
may read it, a complaint to its team (never its reporter) and to a unit only once referred to it.
"""

import html
import io
import json
import re
from datetime import UTC, datetime

import pytest
import time_machine

from api.web import case as case_page
from tests.api.test_chain_api import objected
from tests.api.test_complaint_documents import TO_PENDMAD, Team
from tests.api.test_letters_api import to_notice
from tests.conftest import REPORTER_NAME, REPORTER_NIK
from tests.web.pages import text
from tests.web.test_fee_pages import _today

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
COMPLAINT_RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
DATA = re.compile(r'<script type="application/json" id="case-diagram-data">(.*?)</script>', re.S)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def registered(desk):
    """A request midway: completeness checked and registered, the processing task open."""
    receipt = desk.submit()
    desk.complete(receipt["ticket"], "periksa_kelengkapan")
    desk.complete(receipt["ticket"], "registrasi")
    return receipt["ticket"]


# Most tests look at a request midway: built once per worker and copied for every later test (kept_database).
@pytest.fixture
def registered_case(desk, kept_database):
    """``registered_case()``: a request midway (``registered``): its ticket."""
    return lambda: kept_database("case_page-registered", lambda: registered(desk))


def highlights(page: str) -> dict:
    found = DATA.search(page)
    assert found, "the page carries no diagram data"
    return json.loads(found[1])


def test_the_page_shows_the_timeline_the_deadlines_with_basis_and_explanation_and_the_open_tasks(
    registered_case, desk, browser
):
    ticket = registered_case()
    task = desk.task(ticket, "proses_permohonan")
    r = browser("ppid").get(f"/kasus/{ticket}")
    page = text(r)
    assert r.status_code == 200
    assert f"<h1>Kasus {ticket}</h1>" in page
    # timeline, oldest first, in words, with who did it
    rows = re.findall(r'<tr class="event-([a-z_]+)">', page)
    assert rows[0] == "request_submitted"
    assert rows.index("task_completed") < rows.index("task_created", rows.index("task_completed"))
    assert "Permohonan diterima" in page
    assert "Tugas diselesaikan" in page
    assert "Tahap tercapai" in page
    assert "Registrasi dan tanda bukti penerimaan" in page
    assert "Petugas" in page  # the officer who completed the steps, by name
    # the deadline T10 with its provenance
    assert "T10" in page
    assert "Pemberitahuan tertulis (10 hari kerja)" in page
    assert "UU 14/2008 Pasal 22(7)" in page
    assert "10 hari kerja dihitung sejak 2 Des 2026" in page  # dates in words, not ISO (issue 11, point 4)
    assert '<span class="clock-status clock-pending">Berjalan</span>' in page
    assert "Instansi wajib bertindak" in page  # kind: agency
    # the open task, linked
    assert f'<a href="/tugas/{task["id"]}">' in page
    # the front desk may read the requester's identity
    assert "Ani Wijaya" in page


def test_tables_have_headers_and_scroll_in_their_own_region(registered_case, browser):
    ticket = registered_case()  # before the login: the kept copy replaces the database
    page = text(browser("ppid").get(f"/kasus/{ticket}"))
    assert page.count('<div class="table-wrap" role="group"') == 3  # deadlines, timeline, letters
    assert '<th scope="col">Dasar hukum</th>' in page
    assert '<th scope="row">Pemberitahuan tertulis (10 hari kerja) <span class="clock-code">T10</span>' in page
    for tag in re.findall(r"<script\b[^>]*>", page):  # the CSP forbids inline script
        assert " src=" in tag or 'type="application/json"' in tag, tag


def test_the_auditor_sees_the_case_but_not_the_requesters_identity(registered_case, browser):
    ticket = registered_case()
    page = text(browser("auditor").get(f"/kasus/{ticket}"))
    assert "T10" in page
    assert "Ani Wijaya" not in page
    assert "3171234507890001" not in page


def test_the_auditor_reads_the_notes_and_is_offered_no_box_to_add_one(registered_case, browser):
    ticket = registered_case()
    ppid = browser("ppid")
    ppid.get(f"/kasus/{ticket}")
    assert ppid.post(f"/kasus/{ticket}/catatan", {"body": "Cek lampiran."}).status_code == 302
    auditor = browser("auditor")
    page = auditor.get(f"/kasus/{ticket}").get_data(as_text=True)
    assert "Cek lampiran." in page
    assert "note-form" not in page
    assert auditor.post(f"/kasus/{ticket}/catatan", {"body": "Catatan auditor: uji"}).status_code == 403
    assert "note-form" in ppid.get(f"/kasus/{ticket}").get_data(as_text=True)


def test_the_desk_sees_the_requesters_other_filings_by_nik_with_the_names_they_were_filed_under(desk, browser):
    first = desk.submit()["ticket"]
    again = desk.submit(name="Ani W.", information="Rekap nilai ujian madrasah 2026")["ticket"]
    page = text(browser("petugas").get(f"/kasus/{first}"))
    assert '<h3 id="other-filings-title">Permohonan lain dari pemohon ini</h3>' in page
    assert "Diajukan dengan NIK yang sama, yang terbaru lebih dulu: 1 dari 1." in page
    row = re.search(r'<table class="data other-filings">.*?</table>', page, re.S)[0]
    assert f'<a href="/kasus/{again}">{again}</a>' in row
    assert "Rekap nilai ujian madrasah 2026" in row
    assert "Ani W." in row
    assert "(berjalan)" in row
    task = desk.task(first, "periksa_kelengkapan")  # the task page points to the list
    link = f'<a href="/kasus/{first}#other-filings-title">Pemohon ini mengajukan 1 permohonan atau keberatan lain'
    assert link in text(browser("petugas").get(f"/tugas/{task['id']}"))
    alone = desk.submit(nik="3171010107778888")["ticket"]
    page = text(browser("petugas").get(f"/kasus/{alone}"))
    assert "Tidak ada permohonan atau keberatan lain yang diajukan dengan NIK ini." in page
    task = desk.task(alone, "periksa_kelengkapan")
    assert "other-filings" not in text(browser("petugas").get(f"/tugas/{task['id']}"))
    # the auditor reads the case, not its requester: no list
    assert "other-filings" not in text(browser("auditor").get(f"/kasus/{first}"))


def test_a_unit_not_referred_to_gets_404_for_the_page_and_the_diagram(registered_case, browser):
    ticket = registered_case()
    b = browser("unit")
    assert b.get(f"/kasus/{ticket}").status_code == 404
    assert b.get(f"/kasus/{ticket}/diagram.bpmn").status_code == 404


def test_the_page_needs_a_login(registered_case, browser):
    ticket = registered_case()
    for path in (f"/kasus/{ticket}", f"/kasus/{ticket}/diagram.bpmn"):
        r = browser().get(path)
        assert r.status_code == 302
        assert r.location.startswith("/masuk")


def test_the_diagram_is_the_bpmn_file_of_the_process_version_the_case_runs(registered_case, browser):
    ticket = registered_case()
    r = browser("ppid").get(f"/kasus/{ticket}/diagram.bpmn")
    assert r.status_code == 200
    assert r.mimetype == "application/xml"
    assert r.headers["X-Kawal-Diagram-Version"] == "case"
    body = r.get_data(as_text=True)
    assert 'id="permohonan_informasi"' in body
    assert "<bpmndi:BPMNDiagram" in body


def test_the_highlights_are_the_completed_steps_and_the_current_task_of_a_case_midway(registered_case, browser):
    ticket = registered_case()
    page = text(browser("ppid").get(f"/kasus/{ticket}"))
    marks = highlights(page)
    assert {"start", "periksa_kelengkapan", "registrasi", "ms_diterima", "ms_terdaftar"} <= set(marks["completed"])
    assert marks["current"] == ["proses_permohonan"]
    assert marks["active"] == ["penanganan", "tahap_pemberitahuan"]  # the subprocesses it is in
    assert not set(marks["completed"]) & set(marks["current"])
    # the same in words, for a visitor without JavaScript or without the viewer
    steps = page[page.index("<h3>Tugas saat ini</h3>") :]
    assert "<li>Proses permohonan" in steps
    assert "<li>Periksa kelengkapan permohonan</li>" in steps
    assert "Tahap tercapai: Terdaftar" in steps


def test_the_viewer_is_loaded_from_kawal_itself_and_only_when_it_is_there(
    registered_case, browser, monkeypatch, tmp_path
):
    ticket = registered_case()
    b = browser("ppid")
    page = text(b.get(f"/kasus/{ticket}"))
    assert '<script src="/assets/vendor/bpmn-viewer.production.min.js" defer></script>' in page
    assert '<script src="/assets/case-diagram.js" defer></script>' in page
    assert 'id="case-diagram" class="diagram" hidden' in page  # shown by the script once drawn
    script = b.get("/assets/case-diagram.js")
    assert script.status_code == 200
    script.close()
    monkeypatch.setattr(case_page, "VENDOR_VIEWER", tmp_path / "missing.js")
    page = text(b.get(f"/kasus/{ticket}"))
    assert "bpmn-viewer" not in page
    assert "<h3>Langkah selesai</h3>" in page  # the text fallback stands alone


def test_a_request_page_shows_its_objection_and_each_stage_clock(desk, client, browser):
    receipt, objection = objected(desk, client)
    b = browser("ppid")
    page = text(b.get(f"/kasus/{receipt['ticket']}"))
    assert '<h2 id="chain-title">Kasus terkait</h2>' in page
    assert f'<a href="/kasus/{objection["ticket"]}">{objection["ticket"]}</a> · Keberatan' in page
    assert "A30" in page  # the objection's clock
    assert "O30" in page
    assert "UU 14/2008 Pasal 36(1)" in page
    # the notices and decisions the request issued
    assert "Surat Keputusan PPID tentang Penolakan Permohonan Informasi" in page
    assert "Pemberitahuan Tertulis" in page
    assert "Lembar Uji Konsekuensi" in page
    # and the objection's page leads back to the request
    back = text(b.get(f"/kasus/{objection['ticket']}"))
    assert f'<a href="/kasus/{receipt["ticket"]}">{receipt["ticket"]}</a> · Permohonan Informasi Publik' in back


@pytest.fixture
def complaint(client, login, kept_database):
    """A confidential complaint verified and referred to a unit: the team on it; built once per worker and copied
    for every later test (kept_database)."""

    def build():
        team = Team(client, login, "rahasia").verified()
        team.complete("klasifikasi", TO_PENDMAD)
        return team.ticket

    with time_machine.travel(COMPLAINT_RECEIVED, tick=True):
        yield Team(client, login, ticket=kept_database("case_page-complaint", build))


def test_the_complaint_team_sees_the_documents_and_never_the_reporter(complaint, browser, client, login):
    b = browser("tim")
    r = b.get(f"/kasus/{complaint.ticket}")
    page = text(r)
    assert r.status_code == 200
    assert REPORTER_NAME not in page
    assert REPORTER_NIK not in page
    assert f'action="/kasus/{complaint.ticket}/identitas"' in page  # a button that reads it (recorded), not shown
    # the receipt and the disposition sheet are numbered letters of record, listed with the case's letters
    assert "/dokumen/tanda_terima" not in page
    assert "/dokumen/lembar_disposisi" not in page
    for title, series in (("Tanda Terima Pengaduan", "TTP"), ("Lembar Disposisi Pengaduan", "LDP")):
        assert f"<td>{title}</td>" in page
        assert f'<td class="nowrap">B-1/PPID/{series}/I/2027</td>' in page
    assert f'<a href="/kasus/{complaint.ticket}/dokumen/surat_permintaan_klarifikasi">' in page
    assert "Pengaduan diterima" in page  # the team reads the history
    letter = b.get(f"/kasus/{complaint.ticket}/dokumen/surat_permintaan_klarifikasi")
    assert letter.status_code == 200
    assert '<pre class="document-text">' in text(letter)
    assert "laporan yang kami terima" in text(letter).lower()
    assert "Nomor: B-1/PPID/KLR/I/2027" in text(letter)  # the letter of record's number, as its PDF has it
    assert REPORTER_NAME not in text(letter)
    # every read of a confidential complaint is an event of the case
    events = client.get(f"/api/v1/cases/{complaint.ticket}/events", headers=login("tim")).json["items"]
    reads = [e["data"]["what"] for e in events if e["type"] == "case_read" and e["actor"] == "tim"]
    assert "case" in reads
    assert "document:surat_permintaan_klarifikasi" in reads


def test_a_period_the_law_counts_in_days_is_shown_in_calendar_days_and_the_others_in_working_days(complaint, browser):
    """The complaint's statutory 60 days (S60, UU 25/2009 Pasal 50) run in calendar days; its tier in working
    days. The deadlines table said "Hari kerja: 60" for S60 while its explanation said 60 calendar days."""
    page = text(browser("tim").get(f"/kasus/{complaint.ticket}"))
    rows = dict(re.findall(r'<th scope="row">[^<]*<span class="clock-code">(\w+)</span></th>(.*?)</tr>', page, re.S))
    assert '<th scope="col">Jangka waktu</th>' in page
    assert "60 hari kalender" in rows["S60"]
    length = re.findall(r"<td>(.*?)</td>", rows["SLA"], re.S)[3]  # its legal basis names the statute's 60 days
    assert "hari kerja" in length
    assert "hari kalender" not in length


def test_a_unit_reads_a_referred_complaint_without_its_history_or_the_teams_papers(complaint, browser):
    b = browser("unitmad")
    page = text(b.get(f"/kasus/{complaint.ticket}"))
    assert "Surat Permintaan Klarifikasi" in page
    assert "Lembar Disposisi Pengaduan" in page  # addressed to it: the head's disposition (legal-process.md §10b)
    assert "Tanda Terima Pengaduan" not in page
    assert "Riwayat pengaduan hanya ditampilkan kepada tim pengaduan dan auditor." in page
    assert REPORTER_NAME not in page
    assert b.get(f"/kasus/{complaint.ticket}/dokumen/lembar_disposisi").status_code == 403
    assert b.get(f"/kasus/{complaint.ticket}/dokumen/surat_permintaan_klarifikasi").status_code == 200
    assert b.get(f"/kasus/{complaint.ticket}/diagram.bpmn").status_code == 200


def test_a_unit_not_referred_to_does_not_see_the_complaint(complaint, browser):
    b = browser("unit")
    assert b.get(f"/kasus/{complaint.ticket}").status_code == 404
    assert b.get(f"/kasus/{complaint.ticket}/diagram.bpmn").status_code == 404
    assert b.get(f"/kasus/{complaint.ticket}/dokumen/surat_permintaan_klarifikasi").status_code == 404
    assert browser("ppid").get(f"/kasus/{complaint.ticket}").status_code == 404  # the PPID desk never does


def test_a_document_not_issued_or_of_a_request_is_404(complaint, desk, browser):
    b = browser("tim")
    assert b.get(f"/kasus/{complaint.ticket}/dokumen/pemberitahuan_hasil").status_code == 404
    ticket = registered(desk)  # beside the complaint: not the kept request, whose copy would replace it
    assert browser("ppid").get(f"/kasus/{ticket}/dokumen/tanda_terima").status_code == 404


def test_the_page_speaks_english_when_chosen(registered_case, browser):
    ticket = registered_case()
    b = browser("ppid")
    r = b.get(f"/bahasa/en?next=/kasus/{ticket}")
    assert r.status_code == 302
    page = text(b.get(r.location))
    assert f"<h1>Case {ticket}</h1>" in page
    assert "Timeline" in page
    assert "Deadlines" in page
    assert "Documents issued" in page
    assert "Written notice (10 working days)" in page
    assert "10 working days counted from 2 Dec 2026" in page
    assert "Request received" in page
    assert "Task completed" in page
    assert "Public information request" in page
    assert "An individual" in page  # the request's choices in English, not "Perorangan"
    assert "Perorangan" not in page
    assert "<h3>Current tasks</h3>" in page
    assert "Law 14/2008 Article 22(7)" in page  # the deadline's legal basis, stored as "UU 14/2008 Pasal 22(7)"
    assert "Pasal" not in page


def test_a_refused_reveal_request_keeps_its_reason_beside_the_field_and_in_the_summary(browser, client, login):
    """The reason was thrown away and the refusal flashed at the top of a long page, naming no field."""
    team = Team(client, login, mode="whistleblower")
    manager = browser("wbs")
    assert 'id="reveal-reason"' in text(manager.get(f"/kasus/{team.ticket}"))
    r = manager.post(f"/kasus/{team.ticket}/buka-identitas", {"reason": "perlu cek"})
    assert r.status_code == 422
    page = text(r)
    assert "<title>Galat:" in page
    assert 'class="error-summary"' in page
    assert '<a href="#reveal-reason">' in page
    assert 'aria-invalid="true" aria-describedby="reveal-reason-error">perlu cek</textarea>' in page
    assert 'id="reveal-reason-error"' in page


def test_a_new_complaint_s_page_gives_its_review_deadline_at_the_top(browser, client, login):
    """The 3 working days of review (V3, internal) run from receipt; the page said "no deadline" above a table
    showing it running."""
    team = Team(client, login, mode="rahasia")
    page = text(browser("tim").get(f"/kasus/{team.ticket}"))
    top = page.split('id="facts-title"', 1)[1].split("</dl>", 1)[0]
    assert "Tanpa batas waktu" not in top
    assert re.search(r'class="due due-(on_track|due_soon)"', top)


def test_a_letter_an_officer_opened_is_named_in_the_history_not_by_its_row(complaint, browser, client, login):
    """The history's line read "letter:9" for a letter of record of a confidential complaint that was opened."""
    b = browser("tim")
    letters = client.get(f"/api/v1/cases/{complaint.ticket}/letters", headers=login("tim")).json["items"]
    (sheet,) = [x for x in letters if x["kind"] == "lembar_disposisi" and x["locale"] == "id"]
    assert b.get(f"/kasus/{complaint.ticket}/surat/{sheet['id']}/cetak").status_code == 200
    page = html.unescape(text(b.get(f"/kasus/{complaint.ticket}")))
    assert f"surat: Lembar Disposisi Pengaduan {sheet['number']}" in page
    assert "letter:" not in page


def test_a_run_of_reads_by_one_officer_is_one_line_of_the_timeline_and_every_read_stays_in_the_history(
    complaint, browser, client, login
):
    """Every page view of a confidential complaint records its reads: after a walk-through about 150 lines of
    "Pengaduan rahasia dibaca" buried the steps of the case."""
    b = browser("tim")

    def read_lines():
        page = html.unescape(text(b.get(f"/kasus/{complaint.ticket}")))
        return re.findall(r'<tr class="event-case_read">(.*?)</tr>', page, re.S)

    for _ in range(4):
        b.get(f"/kasus/{complaint.ticket}")
    lines = read_lines()
    counted = re.search(r"halaman kasus[^<]*\(dibaca (\d+) kali\)", lines[-1])
    assert counted, lines[-1]
    assert int(counted[1]) >= 4  # the views in a row by one officer: one line, saying how many reads
    events = client.get(f"/api/v1/cases/{complaint.ticket}/events", headers=login("tim")).json["items"]
    assert sum(e["type"] == "case_read" and e["actor"] == "tim" for e in events) >= 4  # each kept


def test_a_confidential_reporter_s_identity_read_on_the_case_page_names_their_kab_kota_and_province(client, browser):
    """Permenpan 5/2009's recording of the reporter (legal-process.md §7.2): name, address, occupation, kab/kota,
    province; labelled by the complaint form, the province by its name."""
    from tests.conftest import complaint_payload

    payload = complaint_payload("rahasia", kategori_pelapor="kelompok")
    payload["pelapor"] = {**payload["pelapor"], "kabkota": "Kota Batu", "provinsi": "35", "occupation": "Guru"}
    r = client.post("/api/v1/complaints", json=payload)
    assert r.status_code == 201, r.json
    b = browser("tim")
    b.get(f"/kasus/{r.json['ticket']}")
    page = text(b.post(f"/kasus/{r.json['ticket']}/identitas"))
    assert REPORTER_NAME in page
    for label, value in (("Kabupaten/kota", "Kota Batu"), ("Provinsi", "Jawa Timur"), ("Pekerjaan", "Guru")):
        assert re.search(rf"<dt>{label}</dt>\s*<dd>{value}</dd>", page), label
    assert re.search(r"<dt>Kategori pelapor</dt>\s*<dd>Kelompok masyarakat</dd>", page)
    assert re.search(r"<dt>Kategori usulan pelapor</dt>\s*<dd>Pungutan liar \(pungli\)</dd>", page)  # the suggestion


def test_the_complaint_register_names_where_it_happened_and_the_reporter_category_in_words(client, browser, login):
    from tests.conftest import complaint_payload
    from tests.workflows.test_pengaduan_paths import CATAT

    r = client.post("/api/v1/complaints", json=complaint_payload("rahasia", kategori_pelapor="kelompok"))
    ticket = r.json["ticket"]
    case = client.get(f"/api/v1/cases/{ticket}", headers=login("tim")).json
    (task,) = [t for t in case["open_tasks"] if t["name"] == "catat_pengaduan"]
    done = client.post(
        f"/api/v1/tasks/{task['id']}/complete",
        json={"data": {**CATAT, "kabkota_kejadian": "kota batu"}},
        headers=login("tim"),
    )
    assert done.status_code == 200, done.json
    csv = browser("tim").get("/laporan/register/pengaduan", query_string={"format": "csv"}).get_data(as_text=True)
    header, *rows = csv.splitlines()
    assert "Provinsi kejadian" in header
    assert "Kabupaten/kota kejadian" in header
    assert "Kategori pelapor" in header
    (row,) = [line for line in rows if ticket in line]
    assert "Jawa Timur" in row
    assert "Kota Batu" in row
    assert "Kelompok masyarakat" in row


def test_a_refused_note_comes_back_with_its_text_and_its_message_beside_it(desk, browser):
    """A note naming an unknown colleague was thrown away: an empty box, its error at the page's top, out of view."""

    ticket = desk.submit()["ticket"]
    b = browser("ppid")
    b.get(f"/kasus/{ticket}")
    typed = "Mohon @petugas cek lampiran, dan @tidakada juga."
    r = b.post(
        f"/kasus/{ticket}/catatan",
        {"body": typed, "attachments": (io.BytesIO(b"%PDF-1.4 x"), "memo.pdf")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    error = re.search(r'<p class="field-error" id="note-body-error">(.*?)</p>', page, re.S)
    assert error is not None, page
    assert "@tidakada" in error[1]
    assert "Pilih lagi berkasnya" in error[1]
    assert f'aria-describedby="note-body-error">{html.escape(typed)}</textarea>' in page
    assert 'href="#note-body"' in page  # the page's error summary leads to it


def test_a_late_case_names_the_deadline_it_missed_beside_the_date_it_runs_to_now(desk, login, browser):
    """A request escalated for its lapsed T10, then found incomplete: the case facts read "Batas waktu 10 Des 2026
    [Melewati batas]", a date to come (the requester's time to complete) called late, with no word of which clock."""
    from tests.api.test_inbox_pages import LETTER_RECEIVED, RECORDED
    from tests.helpers import STEP

    with time_machine.travel(RECORDED, tick=True):
        ticket = desk.submit(headers=login("petugas"), channel="pos", received_at=LETTER_RECEIVED.isoformat())["ticket"]
        desk.complete(ticket, "periksa_kelengkapan", STEP["periksa_kelengkapan_kurang"])
        page = browser("ppid").get(f"/kasus/{ticket}").get_data(as_text=True)
    late = re.search(r'<small id="late-since">(.*?)</small>', page)
    assert late is not None, page
    assert late[1].startswith("Terlambat sejak ")
    assert "Pemberitahuan tertulis (10 hari kerja)" in html.unescape(late[1])
    assert 'id="late-since"' not in browser("ppid").get(f"/kasus/{desk.submit()['ticket']}").get_data(as_text=True)


def test_an_impossible_nik_is_flagged_for_the_desk_to_check_and_a_possible_one_is_not(desk, browser):
    """A NIK whose region the office's table lacks (a regency 55: regencies are 01-40, cities 71-79) is filed as
    given, since a province or regency made later keeps its NIKs (one that cannot exist at all, 0000000000000000 or
    a birth month 13, is refused by the form: tests/unit/test_nik.py); the desk, which checks identities, is told on
    the case page."""
    impossible = desk.submit(nik="3155051208900001")["ticket"]
    possible = desk.submit(nik="3174051208900001")["ticket"]  # Jakarta Selatan, born 12 Aug 1990
    flag = "bukan NIK yang mungkin"
    assert flag in text(browser("petugas").get(f"/kasus/{impossible}"))
    assert flag not in text(browser("petugas").get(f"/kasus/{possible}"))


def _steps(page: str) -> str:
    """The lists of current tasks and steps done under the diagram."""
    return page[page.index('<div class="steps">') :]


def test_an_english_page_names_the_steps_and_the_diagram_in_english_and_an_indonesian_one_as_the_process_does(
    desk, login, browser
):
    """The steps done read "T10: 10 hari kerja" and "Permohonan masuk" on an English page, and the diagram kept its
    Indonesian names: where Kawal has an English name (a task's form, a deadline, a stage, what opened the case), an
    English page uses it, in the list and in the drawing alike; an Indonesian page keeps the process's own words."""
    from tests.api.test_inbox_pages import LETTER_RECEIVED, RECORDED

    with time_machine.travel(RECORDED, tick=True):
        ticket = desk.submit(headers=login("petugas"), channel="pos", received_at=LETTER_RECEIVED.isoformat())["ticket"]
        b = browser("ppid")
        indonesian = text(b.get(f"/kasus/{ticket}"))
        b.get("/bahasa/en")
        english = text(b.get(f"/kasus/{ticket}"))
    steps = _steps(english)
    assert "<li>Request received</li>" in steps
    assert "<li>T10 · Written notice (10 working days)</li>" in steps  # the deadline lapsed: its timer is a step
    assert "<li>Stage reached: Received</li>" in steps
    assert "<li>Check the request is complete" in steps  # the open task, by its form's English title
    assert "hari kerja" not in steps
    assert "Permohonan masuk" not in steps
    names = highlights(english)["names"]  # the drawing is named as the lists are
    assert names["t10"] == "T10 · Written notice (10 working days)"
    assert names["tahap_pemberitahuan"] == "Written notice (10 working days)"  # the stage its deadline bounds
    assert names["permohonan_informasi"] == "Public information request"
    assert names["start"] == "Request received"
    assert names["ms_terdaftar"] == "Registered"
    assert names["keberatan_dikabulkan"] == "Objection granted"  # a message Kawal sends itself: no form to name it
    assert names["gw_lengkap"] == "Complete?"  # a gateway by the English of its question (the BPMN: "Lengkap?")
    steps = _steps(indonesian)
    assert "<li>Permohonan masuk</li>" in steps
    assert "<li>T10: 10 hari kerja</li>" in steps
    assert "<li>Tahap tercapai: Diterima</li>" in steps
    assert highlights(indonesian)["names"] == {}  # the drawing keeps the file's names


def paper_fee_notice(app, client, login, desk, page_rate: int) -> dict:
    """A request for printed copies by post, granted, its written notice charging 8 pages at ``page_rate`` and one
    postal delivery at Rp25,000 (the fee standard set first, from today); returns the receipt."""
    today = _today(app)
    for code, amount in (("halaman", page_rate), ("pos", 25000)):
        body = {"code": code, "amount": amount, "effective_from": today, "legal_basis": "Keputusan Kepala Kantor"}
        assert client.post("/api/v1/fee-standard", json=body, headers=login("admin")).status_code == 201
    receipt = to_notice(desk, obtain_method="salinan_hardcopy", delivery_method="pos")  # paper, by post
    notice = {
        "informasi_dikuasai": True,
        "materi_diberikan": "Daftar penerima",
        "media_format": "Salinan cetak",
        "jumlah_halaman": 8,
        "dikirim_pos": True,
        "cara_pembayaran": "Tunai di loket",
        "jadwal_penyerahan": today,
        "tanggal_pemberitahuan": today,
        "dikirim_melalui": "langsung",
    }
    desk.complete(receipt["ticket"], "pemberitahuan_tertulis", notice)
    return receipt


def test_a_written_notice_s_fee_is_written_as_the_reader_s_language_writes_money(app, client, login, desk, browser):
    """The notice's fee read "29000" and its items "halaman; lembar halaman cetak; printed page; 8; 500; 4000; 1; ..."
    (codes, rate ids and both languages at once) on either page: an English page writes "29,000" and "IDR 25,000",
    an Indonesian one "29.000" and "Rp25.000", each item in words."""
    ticket = paper_fee_notice(app, client, login, desk, page_rate=500)["ticket"]
    b = browser("ppid")
    indonesian = text(b.get(f"/kasus/{ticket}"))
    b.get("/bahasa/en")
    english = text(b.get(f"/kasus/{ticket}"))
    assert "<dd>29,000</dd>" in english  # "g. Copying/delivery fee (IDR), ...": the label names the currency
    assert "<dt>Fee, itemised</dt>" in english
    assert (
        "printed page: 8 × IDR\u00a0500 = IDR\u00a04,000; postal delivery: 1 × IDR\u00a025,000 = IDR\u00a025,000"
        in english
    )
    assert "25.000" not in english
    assert "Rincian biaya" not in english
    assert "rate_id" not in english
    assert "<dd>29.000</dd>" in indonesian
    assert "<dt>Rincian biaya</dt>" in indonesian
    assert "8 lembar halaman cetak × Rp500 = Rp4.000; 1 kali pengiriman pos × Rp25.000 = Rp25.000" in indonesian
    assert "printed page" not in indonesian


def _deadline_headings(page: str) -> list[str]:
    """The row headings of the case page's deadline table, as written."""
    table = page.split('<table class="data deadlines">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<th scope="row">(.*?)</th>', table, re.S)


def test_the_deadline_table_names_each_deadline_in_words_its_code_only_a_note_beside_it(complaint, browser):
    """The complaint's deadline table was headed "V3", "UNIT", "SLA", "S60": codes an officer must learn, their names
    in small print under them. Each is named in words (engine.outbox.deadline_label, as the e-mails name it), in the
    page's language; the code stays as a small note, as the officers' SOP and the diagram use it."""
    from markupsafe import escape

    from engine.outbox import deadline_label

    b = browser("tim")
    for locale in ("id", "en"):
        b.get(f"/bahasa/{locale}")
        page = text(b.get(f"/kasus/{complaint.ticket}"))
        headings = _deadline_headings(page)
        codes = [re.search(r'<span class="clock-code">(\w+)</span>', h)[1] for h in headings]
        assert {"V3", "UNIT", "SLA", "S60"} <= set(codes), headings
        for heading, code in zip(headings, codes, strict=True):
            assert heading == f'{escape(deadline_label(code, locale))} <span class="clock-code">{code}</span>'
        counted = re.findall(r"<dt>(.*?)</dt>", page.split('id="counted-title"', 1)[1].split("</dl>", 1)[0], re.S)
        assert counted == headings  # "How it was counted" names them the same way


def test_what_an_officer_read_is_named_in_words_in_the_history_in_either_language(complaint, browser, client, login):
    """The history's read lines said "Pengaduan rahasia dibaca — halaman kasus; deadlines; documents; events": the
    reads the API records (its deadlines, documents and history lists) kept their English keys on both pages."""
    for path in ("events", "deadlines", "documents"):
        assert client.get(f"/api/v1/cases/{complaint.ticket}/{path}", headers=login("tim")).status_code == 200
    b = browser("tim")
    reads = {}
    for locale in ("id", "en"):
        b.get(f"/bahasa/{locale}")
        page = html.unescape(text(b.get(f"/kasus/{complaint.ticket}")))
        reads[locale] = " ".join(re.findall(r'<tr class="event-case_read">(.*?)</tr>', page, re.S))
    for word in ("riwayat kasus", "daftar batas waktu", "daftar dokumen yang diterbitkan", "halaman kasus"):
        assert word in reads["id"], word
    for key in ("events", "deadlines", "documents"):
        assert not re.search(rf"\b{key}\b", reads["id"]), key
    for words in ("the case's history", "the list of deadlines", "the list of documents issued", "the case page"):
        assert words in reads["en"], words


@pytest.mark.parametrize(
    "what",
    ["case", "events", "deadlines", "documents", "messages", "reporter", "terlapor", "file:7", "attachment:2"],
)
def test_every_read_the_history_records_has_its_words(app, what):
    """Every key a read is recorded under (api.boundary.noted, engine.complaints.note_read) reads as words in Bahasa
    Indonesia and in English: none falls back to its key ("file:7" was shown as it is)."""
    with app.test_request_context(headers={"Accept-Language": "id"}):
        from flask_babel import force_locale

        for locale in ("id", "en"):
            with force_locale(locale):
                words = case_page._read_what(what, locale, {})
            assert words != what, locale
            assert ":" not in words, (locale, words)
            if locale == "id":
                assert not re.search(r"\b(the|list|file|page)\b", words), words
