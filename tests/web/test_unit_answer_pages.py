"""A unit's day (the walk of a unit officer): what it is asked first on its task page, how its answer must say how the
information reaches the PPID (and who holds it when the office does not: UU 14/2008 Pasal 22(7)(b)), and the
PPID and the complaint team reading that answer, with its files, in the case's facts."""

import re

from engine.models import Attachment
from tests.api.test_complaint_disposition import classified
from tests.delivery.conftest import multipart, pdf
from tests.helpers import STEP, decision
from tests.web.pages import text

API = "/api/v1"
FOUND = pdf("LAPORAN REALISASI ANGGARAN 2025")
ANSWER = {"ketersediaan": "tersedia", "tanggapan": "Laporan realisasi terlampir", "penyampaian": "berkas"}


def _referred(desk, **request) -> str:
    """A request (``request``: its payload's overrides) referred to the unit KANWIL; its ticket."""
    ticket = desk.submit(**request)["ticket"]
    for step in ("periksa_kelengkapan", "registrasi"):
        desk.complete(ticket, step)
    desk.complete(ticket, "proses_permohonan", STEP["proses_permohonan_unit"])
    return ticket


def _answer(client, login, desk, ticket, data, **files):
    task = desk.task(ticket, "tanggapan_unit")
    return client.post(
        f"{API}/tasks/{task['id']}/complete-with-files",
        data=multipart(data, **files),
        content_type="multipart/form-data",
        headers=login("unit"),
    )


def _words(response) -> str:
    return re.sub(r"\s+", " ", text(response))


def _file_id(app) -> int:
    from api.extensions import db

    with app.app_context():
        return db.session.query(Attachment.id).filter(Attachment.field == "berkas_temuan").scalar()


# --- 10: the history's notice on a request -------------------------------------------------------------------------


def test_a_units_request_page_says_the_history_is_the_ppids_and_what_the_unit_reads(desk, browser):
    ticket = _referred(desk)
    page = _words(browser("unit").get(f"/kasus/{ticket}"))
    assert "Riwayat pengaduan" not in page  # a request is no complaint
    assert "Riwayat permohonan, keberatan dan sengketa hanya ditampilkan kepada petugas PPID dan auditor" in page
    assert "Unit membaca apa yang dirujuk kepadanya" in page
    assert 'class="data timeline"' not in page  # access.can_read_history: the history stays the PPID's


def test_a_units_complaint_page_keeps_the_complaint_wording(client, login, browser):
    complaint = classified(client, login)
    page = _words(browser("unitmad").get(f"/kasus/{complaint.ticket}"))
    assert "Riwayat pengaduan hanya ditampilkan kepada tim pengaduan dan auditor" in page


# --- 11: the unit's answer in the case's facts, its files linked ---------------------------------------------------


def test_the_ppid_reads_the_units_answer_in_the_case_facts_with_a_link_to_its_file(app, client, login, desk, browser):
    ticket = _referred(desk)
    r = _answer(
        client, login, desk, ticket, ANSWER, berkas_temuan=[("realisasi 2025.pdf", FOUND)]
    )  # kept as realisasi_2025.pdf
    assert r.status_code == 200, r.json
    file_id = _file_id(app)
    link = f'href="/kasus/{ticket}/berkas/{file_id}"'
    for who in ("ppid", "auditor", "unit"):
        page = _words(browser(who).get(f"/kasus/{ticket}"))
        facts = re.search(r'<section aria-labelledby="facts-title">(.*?)</section>', page)[1]
        assert "Jawaban unit pengolah" in facts, who
        assert "Jawaban unit pengolah: Kantor Wilayah" in facts, who  # which unit
        assert "Dijawab oleh Unit pada" in facts, who  # who answered, and when
        assert "Ketersediaan informasi</dt><dd>Tersedia" in facts, who
        assert "Laporan realisasi terlampir" in facts, who
        assert re.search(link + r"[^>]*>realisasi_2025\.pdf</a>", facts), who
    # The PPID's next task lists it too, the file by its name and linked, not "1 berkas".
    task = desk.task(ticket, "tentukan_langkah")
    page = _words(browser("ppid").get(f"/tugas/{task['id']}"))
    assert re.search(link + r"[^>]*>realisasi_2025\.pdf</a>", page)
    assert "1 berkas" not in page


def test_another_unit_never_reads_the_answer(client, login, desk, browser):
    ticket = _referred(desk)
    assert _answer(client, login, desk, ticket, {**ANSWER, "penyampaian": "tercetak"}).status_code == 200
    assert browser("unitmad").get(f"/kasus/{ticket}").status_code == 404


def test_the_complaint_team_reads_the_units_clarification_in_the_case_facts(app, client, login, browser):
    complaint = classified(client, login)
    task = complaint.task("klarifikasi_unit")
    answer = {"tanggapan": "Panitia telah dipanggil", "tindakan_yang_diambil": "Teguran tertulis"}
    r = client.post(
        f"{API}/tasks/{task['id']}/complete-with-files",
        data=multipart(answer, berkas_pendukung=[("notula.pdf", pdf("NOTULA"))]),
        content_type="multipart/form-data",
        headers=login("unitmad"),
    )
    assert r.status_code == 200, r.json
    page = _words(browser("tim").get(f"/kasus/{complaint.ticket}"))
    facts = re.search(r'<section aria-labelledby="facts-title">(.*?)</section>', page)[1]
    assert "Jawaban unit pengolah" in facts
    assert "Unitmad" in facts
    assert "Teguran tertulis" in facts
    assert re.search(rf'href="/kasus/{complaint.ticket}/berkas/\d+"[^>]*>notula\.pdf</a>', facts)


# --- 12: an available answer says how the information reaches the PPID; who holds it when we do not ---------------


def test_an_available_answer_without_a_file_must_say_how_the_information_reaches_the_ppid(
    client, login, desk, unchanged
):
    ticket = _referred(desk)  # the request asks for a digital copy (salinan_softcopy)
    with unchanged():
        r = _answer(client, login, desk, ticket, {"ketersediaan": "tersedia", "tanggapan": "Ada"})
    assert r.status_code == 422, r.json
    assert "penyampaian" in r.json["errors"]
    with unchanged():
        r = _answer(client, login, desk, ticket, ANSWER)  # "attached as files", and none attached
    assert r.status_code == 422, r.json
    assert r.json["errors"]["berkas_temuan"] == ["wajib diisi"]
    r = _answer(client, login, desk, ticket, {**ANSWER, "penyampaian": "tercetak"})  # on paper only: its choice
    assert r.status_code == 200, r.json


def test_an_answer_that_the_information_is_not_held_needs_no_file(client, login, desk):
    ticket = _referred(desk)
    r = _answer(client, login, desk, ticket, {"ketersediaan": "tidak_tersedia", "tanggapan": "Tidak ada pada kami"})
    assert r.status_code == 200, r.json


def test_the_body_holding_it_named_by_the_unit_is_shown_on_the_ppids_decision_and_notice(client, login, desk, browser):
    ticket = _referred(desk)
    held_by = "Badan Pusat Statistik"
    data = {"ketersediaan": "tidak_tersedia", "tanggapan": "Datanya milik BPS", "badan_publik_penguasa": held_by}
    assert _answer(client, login, desk, ticket, data).status_code == 200
    desk.complete(ticket, "tentukan_langkah")
    task = desk.task(ticket, "putuskan")
    page = _words(browser("ppid").get(f"/tugas/{task['id']}"))
    assert f"Dikuasai oleh badan publik lain (jika diketahui)</dt><dd>{held_by}" in page
    desk.complete(ticket, "putuskan", decision("tidak_dikuasai"))
    task = desk.task(ticket, "pemberitahuan_tertulis")
    page = _words(browser("ppid").get(f"/tugas/{task['id']}"))
    assert held_by in page


# --- 13 and 14: the unit's task page ---------------------------------------------------------------------------------


def test_the_unit_clock_counts_from_the_referral_not_from_the_receipt(desk, browser):
    ticket = _referred(desk)
    task = desk.task(ticket, "tanggapan_unit")
    page = _words(browser("unit").get(f"/tugas/{task['id']}"))
    unit = re.search(r'<h3>[^<]*<span class="clock-code">UNIT</span> · (.*?)</div>', page)[1]
    assert "hari ke-0: tanggal dirujuk ke unit" in unit
    assert "tanggal diterima" not in unit


def test_on_the_units_task_page_what_is_asked_and_the_form_come_before_the_deadlines_explanations(desk, browser):
    ticket = _referred(desk)
    task = desk.task(ticket, "tanggapan_unit")
    page = _words(browser("unit").get(f"/tugas/{task['id']}"))
    asked = page.index("Rincian informasi yang dibutuhkan")
    form = page.index('class="task-form"')
    explained = page.index("Dihitung menurut pembacaan paling awal")
    assert asked < form, "what the requester asked for comes after the form"
    # The clocks' explanations: collapsed, or after the form.
    details = page.rfind("<details", 0, explained)
    assert form < explained or (details != -1 and "</details>" not in page[details:explained])
