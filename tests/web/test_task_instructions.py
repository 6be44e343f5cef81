"""A task's instructions in both languages: the BPMN's Bahasa Indonesia, its form's ``x-instructions-en``."""

import re
from types import SimpleNamespace

import pytest
import time_machine
from jsonschema import Draft202012Validator
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser

from api.web import display
from engine.config import FORMS_DIR, ROOT
from engine.forms import FormRegistry
from engine.models import HumanTask
from tests.web.pages import text

PROCESSES = ("permohonan_informasi", "keberatan", "sengketa_informasi", "pengaduan")
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def _instructed_tasks():
    """(process, BPMN id, form, Indonesian instructions) of every user task with instructions, read as the engine
    reads them (engine.sync: ``formJsonSchemaFilename`` and ``instructionsForEndUser``)."""
    found = []
    for process in PROCESSES:
        parser = SpiffBpmnParser(validator=VALIDATOR)
        parser.add_bpmn_file(str(ROOT / "workflows" / f"{process}.bpmn"))
        specs = [parser.get_spec(process), *parser.get_subprocess_specs(process).values()]
        for spec in specs:
            for task_spec in spec.task_specs.values():
                extensions = getattr(task_spec, "extensions", None) or {}
                if task_spec.manual and extensions.get("instructionsForEndUser"):
                    form = extensions.get("properties", {}).get("formJsonSchemaFilename")
                    found.append((process, task_spec.bpmn_id, form, extensions["instructionsForEndUser"]))
    return sorted(set(found))


TASKS = _instructed_tasks()
FORMS = FormRegistry(FORMS_DIR)


def test_every_process_has_instructed_tasks():
    assert {process for process, *_ in TASKS} == set(PROCESSES)


@pytest.mark.parametrize(("process", "bpmn_id", "form", "indonesian"), TASKS, ids=[t[1] for t in TASKS])
def test_every_instructed_task_has_english_instructions_with_the_same_placeholders(process, bpmn_id, form, indonesian):
    assert form, f"{process}:{bpmn_id} has instructions but no form"
    english = FORMS.schema(form).get("x-instructions-en")
    assert english, f"{form} has no x-instructions-en"
    if isinstance(english, dict):  # a form shared by several tasks has one text per task
        assert bpmn_id in english, f"{form} x-instructions-en has no text for {bpmn_id}"
    task = HumanTask(bpmn_id=bpmn_id, form=form, instructions=indonesian)
    shown = display.task_instructions(SimpleNamespace(forms=FORMS), task, "en")
    assert shown != indonesian
    assert sorted(PLACEHOLDER.findall(shown)) == sorted(PLACEHOLDER.findall(indonesian))
    assert display.task_instructions(SimpleNamespace(forms=FORMS), task, "id") == indonesian


def test_a_shared_form_gives_each_task_its_own_english():
    shared = [t for t in TASKS if t[2] == "eskalasi.json"]
    assert len(shared) > 1
    shown = {
        display.task_instructions(SimpleNamespace(forms=FORMS), HumanTask(bpmn_id=i, form=f, instructions=t), "en")
        for _p, i, f, t in shared
    }
    assert len(shown) == len(shared)


def test_without_english_the_indonesian_instructions_are_shown():
    task = HumanTask(bpmn_id="tugas_baru", form="eskalasi.json", instructions="Kerjakan tugas {{ ticket }}.")
    assert display.task_instructions(SimpleNamespace(forms=FORMS), task, "en") == "Kerjakan tugas {{ ticket }}."
    task = HumanTask(bpmn_id="tugas_baru", form=None, instructions="Kerjakan tugas.")
    assert display.task_instructions(SimpleNamespace(forms=FORMS), task, "en") == "Kerjakan tugas."


@pytest.mark.parametrize("form", sorted({t[2] for t in TASKS}))
def test_the_extra_key_is_still_a_valid_schema_that_validates_data(form):
    Draft202012Validator.check_schema(FORMS.schema(form))
    assert "x-instructions-en" not in FORMS.errors(form, {})  # reported fields are the data's, not the key


def _open_task_page(desk, browser, language):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    b = browser("petugas")
    if language == "en":
        assert b.get("/bahasa/en").status_code == 302
    r = b.get(f"/tugas/{task['id']}")
    assert r.status_code == 200
    return receipt["ticket"], text(r)


def test_the_task_page_in_english_shows_the_english_instructions(desk, browser):
    ticket, page = _open_task_page(desk, browser, "en")
    assert '<h2 id="instructions-title">Instructions</h2>' in page
    assert f"Check that request {ticket} is complete. If it is not, state what is missing;" in page
    assert re.search(r"the requester is given \d+ working days to complete it\.", page)  # placeholder filled
    assert "Periksa kelengkapan permohonan" not in page.split(">Instructions</h2>")[1].split("</section>")[0]
    assert "{{" not in page


def test_the_task_page_in_indonesian_shows_the_indonesian_instructions(desk, browser):
    ticket, page = _open_task_page(desk, browser, "id")
    assert f"Periksa kelengkapan permohonan {ticket}. Jika belum lengkap, sebutkan kekurangannya;" in page
    assert re.search(r"pemohon diberi \d+ hari kerja untuk melengkapi\.", page)
    assert "Check that request" not in page
    assert "{{" not in page


def test_a_dispute_s_first_hearing_is_named_in_words_in_the_office_s_time_not_as_iso(desk, client, login, browser):
    """The summons records the first hearing as an instant (ISO 8601, any offset): the power-of-attorney task's
    instructions name it as every date on the pages is named, in the reader's language and the office's zone."""
    from tests.api.test_chain_api import RECEIVED, SUMMONS, objected

    with time_machine.travel(RECEIVED, tick=True):
        _receipt, objection = objected(desk, client)
        summons = {**SUMMONS, "perkara": objection["ticket"], "sidang_pertama": "2027-01-06T02:00:00+00:00"}
        dispute = client.post("/api/v1/disputes", json=summons, headers=login("ppid")).json
        case = client.get(f"/api/v1/cases/{dispute['ticket']}", headers=login("ppid")).json
        (task,) = [t for t in case["open_tasks"] if t["name"] == "surat_kuasa"]
        ppid = browser("ppid")
        page = text(ppid.get(f"/tugas/{task['id']}"))
        assert "sidang pertama 6 Jan 2027, 09:00 WIB." in page  # 02:00 UTC is 09:00 in Jakarta
        assert "2027-01-06T" not in page
        ppid.get("/bahasa/en")
        english = text(ppid.get(f"/tugas/{task['id']}"))
    assert "first hearing 6 Jan 2027, 09:00 WIB" in english


def test_a_dispute_s_admissibility_reads_as_a_sentence_with_its_date_in_words_in_the_reader_s_language(
    desk, client, login, browser
):
    """The evidence-file task's instructions and the case's facts state the admissibility (D14, a preceding
    objection) as one sentence: the filing date in words, in the reader's language, never "2026-12-02" or the
    bare verdicts joined by semicolons."""
    from tests.api.test_chain_api import RECEIVED, disputed

    with time_machine.travel(RECEIVED, tick=True):
        _receipt, objection, dispute = disputed(desk, client, login)
        power = {"nomor_surat": "B-12/Kw/2026", "tanggal": "2026-12-02", "penerima_kuasa": ["Kabag TU"]}
        desk.complete(dispute["ticket"], "surat_kuasa", power)  # ground a alone: no authority to settle asked
        task = desk.task(dispute["ticket"], "siapkan_berkas")
        ppid = browser("ppid")
        page = text(ppid.get(f"/tugas/{task['id']}"))
        case_page = text(ppid.get(f"/kasus/{dispute['ticket']}"))
        ppid.get("/bahasa/en")
        english = text(ppid.get(f"/tugas/{task['id']}"))
    said = f"Diajukan ke Komisi Informasi pada 2 Des 2026: %s; didahului keberatan {objection['ticket']}."
    assert re.search(re.escape(said).replace("%s", "[^;<]+"), page), "the task's instructions"
    assert re.search(re.escape(said).replace("%s", "[^;<]+"), case_page), "the case's facts"
    assert "2026-12-02" not in page
    assert "Filed with the Commission on 2 Dec 2026: " in english
    assert f"objection {objection['ticket']} preceded it." in english
    # K14 (UU 14/2008 Pasal 38(1)), lenient: 14 working days from Wed 2 Dec 2026 end on Tue 22 Dec. The first
    # hearing, Wed 6 Jan 2027, is 7 working days later: 23, 28, 29, 30, 31 Dec, 4 and 6 Jan (24 Dec cuti bersama,
    # 25 Dec, 1 Jan and 5 Jan holidays).
    assert "Mulai penyelesaian oleh Komisi Informasi" in case_page
    assert (
        "Sidang pertama setelah 14 hari kerja: paling lambat 22 Des 2026, terlambat 7 hari kerja (keterlambatan"
        " Komisi Informasi; UU 14/2008 Pasal 38(1), sebagai informasi)"
    ) in case_page


def test_the_superior_reads_an_objection_s_timeliness_in_words_on_the_task_and_the_case_not_as_its_code(
    desk, client, login, browser
):
    """The superior's decision task says whether the objection came in time (a flag, never a refusal) in the
    reader's language: "tepat waktu", never the stored code "tepat_waktu"."""
    from tests.api.test_chain_api import RECEIVED, objected

    with time_machine.travel(RECEIVED, tick=True):
        _receipt, objection = objected(desk, client)
        ticket = objection["ticket"]
        desk.complete(ticket, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
        chronology = {"kronologi": "Ditolak 2 Des 2026", "pertimbangan_ppid": "Dikecualikan"}
        desk.complete(ticket, "susun_kronologi", chronology)
        task = desk.task(ticket, "putuskan_keberatan")
        superior = browser("atasan")
        page = text(superior.get(f"/tugas/{task['id']}"))
        facts = text(superior.get(f"/kasus/{ticket}"))
        superior.get("/bahasa/en")
        english = text(superior.get(f"/tugas/{task['id']}"))
    assert "Ketepatan waktu pengajuan: tepat waktu." in page
    assert "tepat_waktu" not in page
    assert re.search(r"<dd>tepat waktu</dd>", facts), "the case's facts say it in the same words"
    assert "Timeliness of the filing: in time." in english


def _steps(process: str) -> set[str]:
    parser = SpiffBpmnParser(validator=VALIDATOR)
    parser.add_bpmn_file(str(ROOT / "workflows" / f"{process}.bpmn"))
    specs = [parser.get_spec(process), *parser.get_subprocess_specs(process).values()]
    return {name for spec in specs for name in spec.task_specs}


def test_a_field_offered_only_with_a_step_names_a_step_of_the_process_whose_task_asks_it():
    """``x-needs-step`` (engine.forms.for_steps) hides a field on cases whose process version lacks the step: a
    misspelt step would hide it on every case."""
    marked = 0
    steps = {process: _steps(process) for process in PROCESSES}
    for process, _task, form, _ in TASKS:
        for name, node in (FORMS.schema(form).get("properties", {}) if form else {}).items():
            if "x-needs-step" in node:
                marked += 1
                assert node["x-needs-step"] in steps[process], f"{form}: {name} needs a step {process} lacks"
    assert marked  # the unit's "not our matter" (pengaduan_klarifikasi_unit.json) at least


def test_the_time_the_copy_of_a_decision_took_reads_as_a_sentence_in_the_case_s_facts(app):
    """The C3 record (engine.chain.decision_copy) is shown in words, never as its keys and codes."""
    from api.web import facts
    from engine import chain

    copy = chain.decision_copy(app.extensions["kawal_runtime"], "2027-02-26", "2027-03-05")
    with app.test_request_context("/"):
        (pair,) = facts.labelled({}, {"salinan_putusan": copy}, "id")
    assert pair == (
        "Salinan putusan ajudikasi",
        "Salinan putusan diterima 5 hari kerja setelah dibacakan; Komisi Informasi menyampaikannya paling lambat"
        " 3 hari kerja, 3 Mar 2027 (Perki 1/2013 Pasal 59, sebagai informasi)",
    )
