"""Walk w4: what the complaint pages say along a complaint's referral, and the words of its forms.

- A unit that answered "bukan kewenangan unit kami" was offered again on the re-referral's list of units, and its
  own confirmation said the case was "sekarang pada tahap: Didisposisikan ke Unit", with no word that it went back
  to the complaint team.
- The public form's identity group was headed "Identitas pelapor (wajib bila “Perlindungan identitas pelapor”:
  Rahasia: … atau Pelapor pelanggaran (whistleblower): … pengelola WBS lain)": a question the page does not ask
  (it asks "Siapa yang boleh tahu siapa Anda?"), long enough to run across the fieldset's border at 360 px.
- English task titles: both assessments of the reporter's evidence read the same, the reopened one without its
  marker; "Catat pengaduan" read "Recording of the complaint (no names)".
- "Catat pengaduan" prefilled the place from the filing but left the subject and the summary empty without saying
  why (the team rewrites them without names, since the unit reads them).
"""

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
NOT_OURS = {"tanggapan": "Beasiswa diurus Bidang Pendidikan Madrasah, bukan unit kami.", "bukan_kewenangan": "true"}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _form(name: str) -> dict:
    return json.loads(Path(FORMS_DIR, name).read_text(encoding="utf-8"))


def _options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select [^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, f"no list for {name}"
    return [code for code in re.findall(r'<option value="([^"]*)"', select[1]) if code]


def test_the_unit_that_declined_is_told_the_case_went_back_to_the_team_and_is_not_offered_again(client, login, browser):
    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    complaint.complete("klasifikasi", KE_UNIT)  # KANWIL
    unit = browser("unit")
    answer = f"/tugas/{complaint.task('klarifikasi_unit')['id']}"
    unit.get(answer)
    done = unit.post(answer, NOT_OURS)
    assert done.status_code == 302, text(done)
    after = text(unit.get(done.headers["Location"]))
    (told,) = re.findall(r'<div class="flash flash-success"[^>]*>([^<]*)</div>', after)
    assert f"Kasus {complaint.ticket} kembali ke tim pengaduan" in told
    assert "Didisposisikan ke Unit" not in told

    team = browser("tim")
    task = complaint.task("disposisi_ulang")
    page = text(team.get(f"/tugas/{task['id']}"))
    offered = _options(page, "unit_tujuan")
    assert "KANWIL" not in offered
    assert "PENDMAD" in offered
    refused = team.post(f"/tugas/{task['id']}", {"langkah_disposisi": "unit_lain", "unit_tujuan": "KANWIL"})
    assert refused.status_code == 422
    assert "baru saja menyatakan pengaduan ini bukan kewenangannya" in text(refused)


def test_the_identity_group_of_the_public_form_names_the_choices_the_page_offers(browser):
    reporter = browser()
    page = re.sub(r"\s+", " ", text(reporter.get("/publik/pengaduan")))
    legend = re.search(r"<legend>\s*Identitas pelapor.*?</legend>", page)
    assert legend, "no identity group"
    words = re.sub(r"<[^>]+>", "", legend[0]).strip()
    assert words == "Identitas pelapor (wajib bila bukan Anonim)"
    assert "Perlindungan identitas pelapor" not in words
    reporter.get("/bahasa/en?next=/publik/pengaduan")
    page = re.sub(r"\s+", " ", text(reporter.get("/publik/pengaduan")))
    legend = re.search(r"<legend>\s*Reporter.*?</legend>", page)
    assert legend, "no identity group in English"
    assert re.sub(r"<[^>]+>", "", legend[0]).strip() == "Reporter (required if not Anonymous)"


def test_each_task_s_english_title_says_what_its_indonesian_name_says():
    reopened = _form("pengaduan_klarifikasi_dibuka_kembali.json")
    answered = _form("pengaduan_klarifikasi_lanjutan.json")
    assert reopened["x-title-en"] == "Assessment of the reporter's evidence (reopened)"
    assert answered["x-title-en"] == "Assessment of the reporter's answer and evidence"
    assert reopened["properties"] == answered["properties"]  # the same assessment, its own title
    assert _form("pengaduan_catat_pengaduan.json")["x-title-en"] == "Recording of the complaint"
    bpmn = Path(FORMS_DIR).parent.joinpath("workflows", "pengaduan.bpmn").read_text(encoding="utf-8")
    task = re.search(r'<bpmn:userTask id="klarifikasi_setelah_dibuka".*?</bpmn:userTask>', bpmn, re.S)[0]
    assert 'value="pengaduan_klarifikasi_dibuka_kembali.json"' in task


def test_the_recording_form_says_why_the_subject_and_summary_are_not_copied_from_the_filing(client, login, browser):
    complaint = ComplaintDesk(client, login)
    task = complaint.task("catat_pengaduan")
    page = re.sub(r"\s+", " ", text(browser("tim").get(f"/tugas/{task['id']}")))
    assert "Tidak disalin dari pengaduan, karena tulisan pelapor dapat memuat nama orang" in page
    assert "Tidak disalin dari pengaduan, dengan alasan yang sama" in page
    schema = _form("pengaduan_catat_pengaduan.json")["properties"]
    assert "Not copied from the complaint" in schema["pokok_masalah"]["x-description-en"]
