"""What the reporter and the complaint team read of one complaint says the same thing: its category by one name,
its resolution period counted from where the process counts it (pengaduan.bpmn ``hitung_sla``), and the reported
person's unit chosen among the office's units (legal-process.md §7.2, §7.6)."""

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

from engine.config import FORMS_DIR
from tests.browser.journeys import ComplaintDesk
from tests.web.pages import text
from tests.workflows.test_pengaduan_paths import CATAT, KE_UNIT

RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
FROM_CLASSIFICATION = {"KAWAL_COMPLAINT_SLA_FROM": "klasifikasi"}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _choices(form: str, field: str) -> dict:
    return json.loads(Path(FORMS_DIR, form).read_text(encoding="utf-8"))["properties"][field]


def _options(page: str, name: str) -> dict[str, str]:
    select = re.search(rf'<select [^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, f"no list for {name}"
    return {code: label for code, label in re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', select[1])}


def _status_page(browser, complaint) -> str:
    b = browser()
    b.get("/publik/status")
    page = b.post("/publik/status", {"ticket": complaint.ticket, "access_code": complaint.code})
    page = b.get(page.headers["Location"]) if page.status_code in (302, 303) else page
    return re.sub(r"\s+", " ", text(page))


def _deadline_row(page: str, name: str) -> str:
    code = rf'<th scope="row">[^<]*<span class="clock-code">{name}</span>'  # named in words, its code a note
    row = re.search(rf'<tr class="deadline-[a-z]+">\s*{code}.*?</tr>', page, re.S)
    assert row, f"no {name} row"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row[0]))


def test_the_reporter_s_categories_are_the_team_s_list_by_the_same_names(client, login, browser):
    """The reporter chose "Kolusi dengan rekanan" and the team read "Main mata dengan rekanan" (and two more names
    apart): the suggestion and the classification are one list, each category with one name in each language."""
    suggested, classified = (
        _choices("pengaduan.json", "kategori_usulan"),
        _choices("pengaduan_klasifikasi.json", "kategori"),
    )
    for key in ("enum", "x-enum-titles", "x-enum-titles-en"):
        assert suggested[key] == classified[key], key
    names = classified["x-enum-titles"]
    assert (names["kolusi_rekanan"], names["kriminal_asusila"]) == (
        "Kolusi dengan rekanan",
        "Tindakan kriminal dan asusila aparatur",
    )
    assert names["kepegawaian_rekrutmen"].startswith("Kepegawaian dan rekrutmen")

    reporter = browser()
    form = text(reporter.get("/publik/pengaduan"))
    assert _options(form, "kategori_usulan") == names
    assert "Tindakan kriminal dan asusila aparatur: kejahatan atau perbuatan asusila oleh pegawai" in form  # the hint
    reporter.get("/bahasa/en?next=/publik/pengaduan")
    assert _options(text(reporter.get("/publik/pengaduan")), "kategori_usulan") == classified["x-enum-titles-en"]

    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    team = browser("tim")
    page = text(team.get(f"/tugas/{complaint.task('klasifikasi')['id']}"))
    assert _options(page, "kategori") == names


@pytest.mark.parametrize(
    ("settings_overrides", "counted", "not_counted"),
    [
        ({}, "dihitung sejak pengaduan diterima", "diklasifikasikan: 14"),
        (FROM_CLASSIFICATION, "dihitung sejak pengaduan diklasifikasikan", "dihitung sejak pengaduan diterima"),
    ],
    ids=["from_receipt", "from_classification"],
)
def test_before_its_classification_the_status_page_says_where_the_resolution_period_counts_from(
    client, login, browser, counted, not_counted
):
    """The page said the period "runs once it is classified" while the process counted it from the receipt; it
    says now what the process counts (KAWAL_COMPLAINT_SLA_FROM), the two tiers, and the statutory limit apart."""
    page = _status_page(browser, ComplaintDesk(client, login))
    assert f"Jangka waktu penyelesaiannya {counted}: 14 hari kerja, atau 60 hari kerja bila perlu pemeriksaan" in page
    assert not_counted not in page
    assert "berjalan setelah pengaduan diklasifikasikan" not in page
    assert "Terpisah dari standar layanan itu, undang-undang menetapkan batas terluar" in page
    assert "60 hari kalender sejak berkas lengkap" in page


def test_the_status_page_explains_the_date_it_shows_not_the_statutory_limit_beside_it(client, login, browser):
    """Classified, the complaint runs its 14 working days beside the statutory 60 days: the page showed the first
    date and, under "why this date?", how the second was counted."""
    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    complaint.complete("klasifikasi", KE_UNIT)
    case = client.get(f"/api/v1/cases/{complaint.ticket}", headers=login("tim")).json
    (sla,) = [d for d in case["deadlines"] if d["name"] == "SLA"]
    page = _status_page(browser, complaint)
    assert "kantor wajib bertindak paling lambat 29 Jan 2027, 16:00 WIB" in page  # 14 working days from 11 Jan
    assert sla["due_at"].startswith("2027-01-29")
    why = re.search(r"<summary>Mengapa tanggal ini\?</summary><p>(.*?)</p>", page)
    assert why, page
    assert "14 hari kerja dihitung sejak 11 Jan 2027" in why[1]
    assert "batas waktu 29 Jan 2027, 16:00 WIB" in why[1]
    assert "60 hari kalender" not in why[1]


@pytest.mark.parametrize(
    ("settings_overrides", "counted"),
    [({}, "Dihitung sejak pengaduan diterima"), (FROM_CLASSIFICATION, "Dihitung sejak pengaduan diklasifikasikan")],
    ids=["from_receipt", "from_classification"],
)
def test_the_case_page_says_where_the_resolution_period_started_and_tells_it_from_the_statutory_limit(
    client, login, browser, counted
):
    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    complaint.complete("klasifikasi", KE_UNIT)
    page = text(browser("tim").get(f"/kasus/{complaint.ticket}"))
    sla = _deadline_row(page, "SLA")
    assert "Penyelesaian pengaduan (standar layanan)" in sla
    assert counted in sla
    assert "14 hari kerja, 60 hari kerja bila berkadar pengawasan; dipotong agar tidak melewati batas 60 hari" in sla
    assert "tidak melebihi 60 hari" not in sla
    assert "Dihitung" not in _deadline_row(page, "S60")  # the statute's own start: the complete file


def test_the_recording_form_chooses_the_reported_unit_among_the_office_s_units(client, login, browser):
    """ "Kode unit terlapor" was typed: "Bendahara MI" was refused with "format salah" alone and "pendmad" kept as
    typed. It is chosen from the office's units now, as the classification's referral is."""
    complaint = ComplaintDesk(client, login)
    task = complaint.task("catat_pengaduan")
    team = browser("tim")
    page = text(team.get(f"/tugas/{task['id']}"))
    units = _options(page, "unit_terlapor")
    assert units["KANWIL"] == "Kantor Wilayah (KANWIL)"
    assert units["PENDMAD"] == "PENDMAD"
    assert re.search(r'<select [^>]*name="unit_terlapor"[^>]*>\s*<option value="">', page)  # may stay unknown
    recorded = {**CATAT, "waktu_kejadian": "2026-11-03", "unit_terlapor": "PENDMAD"}
    done = team.post(f"/tugas/{task['id']}", recorded)
    assert done.status_code == 302, text(done)
    assert complaint.task("verifikasi")["id"]


def test_the_escalation_form_asks_for_instructions_to_whoever_handles_the_case_not_the_ppid_alone():
    """eskalasi.json serves the requests', objections', disputes' and complaints' escalations (its instructions per
    task): a complaint's asked for "Instruksi kepada PPID" while its own instructions said to instruct the complaint
    team. Its label fits every process, and its help says who that is in each."""
    schema = json.loads(Path(FORMS_DIR, "eskalasi.json").read_text(encoding="utf-8"))
    assert {"eskalasi_sla", "eskalasi_s60", "eskalasi_t10"} <= set(schema["x-instructions-en"])  # complaints too
    field = schema["properties"]["instruksi_kepada_ppid"]  # the data's name stays: recorded escalations keep it
    assert "PPID" not in field["title"]
    assert "PPID" not in field["x-title-en"]
    assert "tim pengaduan" in field["description"]
    assert "PPID" in field["description"]


def test_the_classification_chooses_the_unit_by_name_and_says_which_categories_are_usually_oversight_relevant(
    client, login, browser
):
    """ "Kode unit tujuan disposisi": the officer picks a unit by its name. And nothing told the team that pungli or
    abuse of office is oversight-relevant by default (legal-process.md §7.6): the form says so beside the choice."""
    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    page = re.sub(r"\s+", " ", text(browser("tim").get(f"/tugas/{complaint.task('klasifikasi')['id']}")))
    label = re.search(r'<label for="f-unit_tujuan">(.*?)</label>', page)
    assert label, "no label for the unit"
    assert "Kode" not in label[1]
    assert "Unit tujuan disposisi" in label[1]
    hint = re.search(r'<p class="hint" id="f-berkadar_pengawasan-hint">(.*?)</p>', page)
    assert hint, "no guidance beside the choice"
    for words in ("pungutan liar", "penyelewengan jabatan dan anggaran", "Inspektorat Jenderal", "Lazimnya"):
        assert words in hint[1], words


def test_a_complaint_usually_oversight_relevant_classified_otherwise_needs_the_reason(client, login, unchanged):
    """legal-process.md §7.6 gives "berkadar pengawasan" as the default for pungli, abuse of office and budget,
    collusion, adultery by officials and crimes by officials (and §7.5 sends corruption, pungli and abuse of authority
    to the Inspectorate General): a default, not a rule. The team may decide otherwise, saying why; without a reason
    the form is refused beside the reason's field, and nothing changes."""
    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    task_id = complaint.task("klasifikasi")["id"]
    usual = {"kode_masalah": "03", "kategori": "pungli", "berkadar_pengawasan": False, "unit_tujuan": "PENDMAD"}
    url = f"/api/v1/tasks/{task_id}/complete"
    with unchanged():
        r = client.post(url, json={"data": usual}, headers=login("tim"))
    assert r.status_code == 422, r.json
    assert list(r.json["errors"]) == ["alasan_tidak_berkadar"], r.json
    reason = "Pungutan resmi sesuai ketentuan yang belum diumumkan; cukup diperbaiki oleh unit."
    done = client.post(url, json={"data": {**usual, "alasan_tidak_berkadar": reason}}, headers=login("tim"))
    assert done.status_code == 200, done.json
    # A scholarship matter is not oversight-relevant by default: no reason asked.
    other = ComplaintDesk(client, login)
    other.complete("catat_pengaduan", CATAT)
    other.complete("verifikasi", {"hasil": "layak"})
    other.complete("klasifikasi", KE_UNIT)
