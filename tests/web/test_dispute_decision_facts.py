"""The officer who takes the office's position on a dispute's decision reads that decision among the case's facts, on
the task page and on the case page (walk of a dispute's decision and court stage, finding 1): the Commission's
operative part in its form's words, the day it was read, the days the office and the applicant received its copy;
at court, the court's ruling on the challenge and its effect on the request, the days each party received the
judgment; who filed the cassation and the Supreme Court's ruling on it. Only what was recorded, in both languages.

Python's reading of existing rows: SQLite alone."""

import html
import re

import time_machine
from sqlalchemy import select

from engine.models import Case, HumanTask
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: nothing new is stored
from tests.web.pages import text
from tests.web.test_dispute_clock_words import SUMMONED, office  # noqa: F401 - the office fixture
from tests.workflows.test_dispute_court_stage_task import CHALLENGE, POWER
from tests.workflows.test_dispute_final_on_the_day_after_the_windows import _decided
from tests.workflows.test_sengketa_paths import wib

JUDGMENT = {
    "tanggal": "2027-05-03",
    "pengadilan": "PTUN Jakarta",
    "nomor_perkara": "12/G/KI/2027/PTUN.JKT",
    "putusan_atas_keberatan": "ditolak",
    "amar": "dikabulkan_seluruhnya",
    "tanggal_diterima": "2027-05-05",
    "tanggal_diterima_pemohon": "2027-05-06",
}
CASSATION = {"sikap": "mengajukan_kasasi", "alasan_sikap": "Putusan keliru", "tanggal_permohonan_kasasi": "2027-05-10"}
CASSATION_JUDGMENT = {
    "tanggal": "2027-08-02",
    "nomor_perkara": "101 K/TUN/KI/2027",
    "putusan_atas_kasasi": "dikabulkan",
    "amar": "ditolak",
}


def _facts(page: str) -> str:
    """The page's case facts, in words: the case page's facts section, the task page's aside."""
    block = page.split('id="facts-title"', 1)[1]
    block = block.split("</section>", 1)[0] if "</section>" in block else block.split("</aside>", 1)[0]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", block)))


def _task_id(office, ticket: str, name: str) -> int:  # noqa: F811 - the office fixture
    with office.sessions() as s:
        return s.scalar(
            select(HumanTask.id)
            .join(Case)
            .where(Case.ticket == ticket, HumanTask.bpmn_id == name)
            .order_by(HumanTask.id.desc())
        )


def _both(officer, path: str) -> tuple[str, str]:
    """The facts of the page at ``path`` in Indonesian, then in English."""
    indonesian = _facts(text(officer.get(path)))
    officer.get(f"/bahasa/en?next={path}")
    english = _facts(text(officer.get(path)))
    officer.get(f"/bahasa/id?next={path}")
    return indonesian, english


def test_the_position_task_shows_the_commission_s_decision_its_reading_and_both_receipts(browser, office):  # noqa: F811
    """The decision granting the request in full, read Fri 26 Feb 2027; its copy reached the applicant Mon 1 Mar and
    the office Tue 2 Mar: the office's position task and the case page say so."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute = _decided(office, clock, "2027-03-02", "2027-03-01")
        officer = browser("ppid")
        task, task_en = _both(officer, f"/tugas/{_task_id(office, dispute, 'sikap_atas_putusan')}")
        case, case_en = _both(officer, f"/kasus/{dispute}")
    for page in (task, case):
        assert "Putusan Komisi Informasi Dikabulkan seluruhnya" in page
        assert "Dibacakan 26 Feb 2027" in page
        assert "Salinan diterima kantor 2 Mar 2027" in page
        assert "Salinan diterima pemohon 1 Mar 2027" in page
        assert "Pengadilan" not in page  # no court yet: no empty court rows
    for page in (task_en, case_en):
        assert "The Commission's decision Granted in full" in page
        assert "Read on 26 Feb 2027" in page
        assert "Copy received by the office 2 Mar 2027" in page
        assert "Copy received by the applicant 1 Mar 2027" in page


def test_the_applicant_s_receipt_is_shown_only_when_recorded(browser, office):  # noqa: F811
    """Without the applicant's receipt the model counts their window from the reading; the page does not present
    that assumption as a recorded receipt."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute = _decided(office, clock, "2027-03-01")
        indonesian, english = _both(browser("ppid"), f"/tugas/{_task_id(office, dispute, 'sikap_atas_putusan')}")
    assert "Salinan diterima kantor 1 Mar 2027" in indonesian
    assert "Salinan diterima pemohon" not in indonesian
    assert "Copy received by the applicant" not in english


def test_the_court_stage_tasks_show_the_rulings_their_effects_the_receipts_and_who_filed_the_cassation(
    browser,
    office,  # noqa: F811
):
    """The office challenged the decision; PTUN Jakarta rejected the challenge on Mon 3 May 2027 (the request stays
    granted in full), its judgment reaching the office Wed 5 May and the applicant Thu 6 May; the office filed for
    cassation, which the Supreme Court granted on Mon 2 Aug (the request refused)."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute = _decided(office, clock, "2027-03-01", "2027-03-01")
        clock.move_to(wib("2027-03-15"))
        office.complete(dispute, "sikap_atas_putusan", CHALLENGE)
        at_court, _ = _both(browser("ppid"), f"/tugas/{_task_id(office, dispute, 'kuasa_pengadilan')}")
        clock.move_to(wib("2027-03-16"))
        office.complete(dispute, "kuasa_pengadilan", POWER)
        clock.move_to(wib("2027-05-06"))
        office.message(dispute, "putusan_pengadilan", JUDGMENT)
        judged, judged_en = _both(browser("ppid"), f"/tugas/{_task_id(office, dispute, 'sikap_kasasi')}")
        clock.move_to(wib("2027-05-10"))
        office.complete(dispute, "sikap_kasasi", CASSATION)
        appealed, _ = _both(browser("ppid"), f"/tugas/{_task_id(office, dispute, 'kuasa_kasasi')}")
        clock.move_to(wib("2027-08-05"))
        office.message(dispute, "putusan_kasasi", CASSATION_JUDGMENT)
        final, final_en = _both(browser("ppid"), f"/kasus/{dispute}")
    assert "Putusan Komisi Informasi Dikabulkan seluruhnya" in at_court
    assert "Diajukan ke pengadilan oleh Kantor" in at_court
    assert "Putusan atas keberatan" not in at_court  # not judged yet
    assert "Putusan atas keberatan Keberatan ditolak" in judged
    assert "Putusan pengadilan (akibat bagi permohonan) Permohonan informasi dikabulkan seluruhnya" in judged
    assert "Putusan pengadilan diterima kantor 5 Mei 2027" in judged
    assert "Putusan pengadilan diterima pemohon 6 Mei 2027" in judged
    assert "Ruling on the challenge Challenge rejected" in judged_en
    assert "Court's decision (effect on the request) Information request granted in full" in judged_en
    assert "Court's decision received by the office 5 May 2027" in judged_en
    assert "Court's decision received by the applicant 6 May 2027" in judged_en
    assert "Kasasi diajukan oleh Kantor" in appealed
    assert "Kasasi diajukan oleh Kantor" in final
    assert "Putusan atas permohonan kasasi Permohonan kasasi dikabulkan" in final
    assert "Putusan Mahkamah Agung (akibat bagi permohonan) Permohonan informasi ditolak" in final
    assert "Cassation filed by The office" in final_en
    assert "Ruling on the cassation Cassation granted" in final_en
    assert "Supreme Court's decision (effect on the request) Information request refused" in final_en
