"""The pages tell the reporter and the team what an anonymous complaint's evidence lapse leads to by the path the case's
process version takes (engine.evidence_lapse), never "dianggap dicabut" where it will close as not actionable.

On pengaduan version 4 an anonymous complaint whose evidence never came is not actionable and kept as bahan informasi
(legal-process.md §7.3 rule 4, the Inspectorate General's practice; never UU 25/2009 Pasal 45, the named
complainant's deemed withdrawal); evidence sent later reopens it (§7.4). Each surface:

- the reporter's status page: the line under their evidence deadline (BUKTI), then the closing in "What happened so
  far" (why, since when, and that the evidence still reopens it) and the stepper's current stage;
- the case page's help beside the BUKTI clock, the task's instructions (asking for evidence, archiving the file);
- the page recording the team's confirmation that no evidence came (what recording it closes the complaint as);
- the complaint register: "not followed up because" tells this closing apart from the verification's own.

An anonymous complaint started on version 3 will be deemed withdrawn, and its pages keep saying so.
"""

import csv
import dataclasses
import io
import shutil
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import instructions
from engine.models import Case, HumanTask
from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the pages' wording over known rows
from tests.web.pages import text
from tests.web.test_portal import open_case
from tests.workflows.conftest import Office
from tests.workflows.test_anonymous_complaint_without_evidence_not_actionable import asked
from tests.workflows.test_pengaduan_paths import (
    CATAT,
    FIXTURES,
    KE_UNIT,
    LAYAK,
    RECEIVED,
    TANGGAPAN_UNIT,
    clarification,
    clock_today,
)

EVENT = "bukti_tidak_dikirim"


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


@pytest.fixture
def kept_asked(app, settings, session_factory_, tmp_path_factory, kept_database, clock):
    """``kept_asked()``: anonymous complaints asked for evidence, built once: one started on version 3 ("old") and
    one on this version ("new"): {"old": (ticket, code), "new": (ticket, code)}."""

    def build():
        workflows = tmp_path_factory.mktemp("v3") / "workflows"
        shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
        shutil.copy(FIXTURES / "pengaduan.v3.bpmn", workflows / "pengaduan.bpmn")
        old = asked(Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows))), "anonim")
        new = asked(Office(session_factory_, app.extensions["kawal_runtime"]), "anonim")
        return {"old": old, "new": new}

    return lambda: kept_database("anonymous-lapse-asked", build)


def lapsed(office, clock, cases):
    """The reporters' windows ended, the team confirmed it on both."""
    clock.move_to(office.deadline(cases["new"][0], "BUKTI").due_at + timedelta(hours=17))
    for ticket, _code in cases.values():
        office.message(ticket, EVENT, {"tanggal": clock_today()}, "tim")


def section(page: str, title_id: str) -> str:
    return page.split(f'id="{title_id}"', 1)[1].split("</section>", 1)[0]


def test_the_reporter_s_status_page_says_under_the_evidence_deadline_what_a_lapse_leads_to(kept_asked, browser):
    cases = kept_asked()
    page = text(open_case(browser(), *cases["new"]))
    assert (
        "Bila sampai tanggal itu tidak ada yang diterima, pengaduan anonim ini tidak dapat diklarifikasi dan ditutup"
        " sebagai tidak dapat ditindaklanjuti: pengaduan tetap kami simpan sebagai bahan informasi"
    ) in page
    assert "dianggap dicabut" not in page.lower()
    english = browser()
    english.get("/bahasa/en")
    page = text(open_case(english, *cases["new"]))
    assert "this anonymous complaint cannot be clarified and is closed as not actionable" in page
    assert "deemed withdrawn" not in page.lower()
    page = text(open_case(browser(), *cases["old"]))  # version 3: what will happen to it
    assert "Bila sampai tanggal itu tidak ada yang diterima, pengaduan dianggap dicabut" in page
    assert "bahan informasi untuk perencanaan" not in page


def test_the_case_page_tells_the_team_what_the_evidence_window_s_lapse_leads_to(kept_asked, browser):
    cases = kept_asked()
    team = browser("tim")
    page = text(team.get(f"/kasus/{cases['new'][0]}"))
    assert (
        "Bila lewat tanpa bukti: pengaduan anonim ini ditutup sebagai tidak dapat ditindaklanjuti setelah dikonfirmasi"
        " tim, dan disimpan sebagai bahan informasi"
    ) in page
    assert "pengaduan dianggap dicabut setelah dikonfirmasi tim" not in page
    assert "Bila lewat tanpa bukti: pengaduan dianggap dicabut" in text(team.get(f"/kasus/{cases['old'][0]}"))
    team.get("/bahasa/en")
    page = text(team.get(f"/kasus/{cases['new'][0]}"))
    assert "this anonymous complaint is closed as not actionable once the team confirms" in page


@pytest.mark.parametrize(
    ("mode", "says"),
    [("anonim", "tidak dapat ditindaklanjuti"), ("rahasia", "dianggap dicabut"), ("whistleblower", "dianggap dicabut")],
)
def test_the_evidence_request_task_tells_the_team_what_the_reporter_s_silence_leads_to(office, clock, mode, says):
    ticket, _code = office.complaint(mode)
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", clarification("perlu_bukti_pelapor"))
    with office.sessions() as s:
        task = s.scalar(select(HumanTask).join(Case).where(Case.ticket == ticket, HumanTask.bpmn_id == "minta_bukti"))
        words = instructions.for_task(s, office.rt, task)
    assert f"tim mengonfirmasi bahwa pengaduan {'anonim ini ' if mode == 'anonim' else ''}{says}" in words["id"]
    english = {"anonim": "this anonymous complaint is not actionable, and it is kept as information"}.get(
        mode, "the complaint is deemed withdrawn"
    )
    assert english in words["en"]
    assert ("dicabut" in words["id"], "withdrawn" in words["en"]) == (mode != "anonim", mode != "anonim")


def test_the_confirmation_page_says_recording_closes_an_anonymous_complaint_as_not_actionable(
    kept_asked, office, clock, browser
):
    cases = kept_asked()
    clock.move_to(office.deadline(cases["new"][0], "BUKTI").due_at + timedelta(hours=17))
    team = browser("tim")
    page = text(team.get(f"/kasus/{cases['new'][0]}/peristiwa/{EVENT}"))
    assert "Pengaduan ini anonim dan tanpa bukti itu tidak dapat diklarifikasi" in page
    assert "pengaduan ditutup sebagai Tidak Dapat Ditindaklanjuti dan disimpan sebagai bahan informasi" in page
    assert "Dianggap Dicabut" not in page
    # an anonymous reporter gives no address (engine.complaints): told on the status page alone
    assert "pelapor diberi tahu di halaman status (pelapor anonim tidak memberikan alamat e-mail)" in page
    assert "melalui e-mail bila ia memberikan alamatnya" not in page
    assert "pengaduan ditutup sebagai Dianggap Dicabut" in text(team.get(f"/kasus/{cases['old'][0]}/peristiwa/{EVENT}"))
    team.get("/bahasa/en")
    page = text(team.get(f"/kasus/{cases['new'][0]}/peristiwa/{EVENT}"))
    assert "recording it closes the complaint as Not Actionable, kept as information" in page


def test_the_reporter_s_status_page_tells_of_the_not_actionable_closing_and_that_the_evidence_still_reopens_it(
    kept_asked, office, clock, browser
):
    cases = kept_asked()
    lapsed(office, clock, cases)
    assert office.case(cases["new"][0]).status == "anonim_tidak_ditindaklanjuti"
    page = text(open_case(browser(), *cases["new"]))
    history = section(page, "history-title")
    assert "Tidak Dapat Ditindaklanjuti — waktu Anda untuk melengkapi data/bukti yang diminta berakhir pada" in history
    assert "tetap kami simpan sebagai bahan informasi untuk perencanaan pengawasan (praktik Inspektorat Jenderal" in (
        history
    )
    assert "Kirim data/bukti itu di halaman ini dan pengaduan dibuka kembali" in history
    assert "Pasal 45" not in history
    assert "dicabut" not in page.lower()
    stepper = page.split('class="legal-path"', 1)[1].split("</ol>", 1)[0]
    here = stepper.split('aria-current="step"', 1)[1].split("</li>", 1)[0]  # the stage it stands at, not "Selesai"
    assert "Tidak Dapat Ditindaklanjuti" in here
    assert "Selesai" not in stepper
    old = text(open_case(browser(), *cases["old"]))
    assert "Dianggap Dicabut — waktu Anda untuk melengkapi data/bukti" in section(old, "history-title")
    office.reporter_reply(*cases["new"], "Kuitansi terlampir.")
    history = section(text(open_case(browser(), *cases["new"])), "history-title")
    assert "Dibuka Kembali — bukti Anda telah kami terima" in history


def test_the_register_tells_the_anonymous_closing_apart_from_the_verification_s_not_actionable(
    kept_asked, office, clock, browser
):
    cases = kept_asked()
    lapsed(office, clock, cases)
    reader = browser("tim")
    body = reader.get("/laporan/register/pengaduan?format=csv").get_data(as_text=True)
    rows = {next(iter(r.values())): r for r in csv.DictReader(io.StringIO(body.removeprefix("\ufeff")))}
    new, old = rows[cases["new"][0]], rows[cases["old"][0]]
    assert new["Tidak ditindaklanjuti karena"] == "Anonim, tanpa bukti: disimpan sebagai bahan informasi"
    assert new["Tahap"] == "Tidak Dapat Ditindaklanjuti"
    assert old["Tidak ditindaklanjuti karena"] == "Bukti tidak dilengkapi: dianggap dicabut"
    page = reader.get("/laporan/register/pengaduan").get_data(as_text=True)
    row = page.split(f">{cases['new'][0]}</a>", 1)[1].split("</tr>", 1)[0]
    assert "Anonim, tanpa bukti: disimpan sebagai bahan informasi" in row  # under its stage
