"""The officer's case page shows a dispute's court stage among its facts (walk of a dispute through the court stage,
finding 11 (b); legal-process.md §9.2 (c) 5-6): who went to court, the court and its case number, the court's
decision and its day, the cassation's case number, the Supreme Court's decision and its day, and the day the decision
became final and binding; only what was recorded, in both languages.

Python's reading of existing rows: SQLite alone."""

import html
import re

import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: nothing new is stored
from tests.web.pages import text
from tests.web.test_dispute_clock_words import SUMMONED, _at_cassation, office  # noqa: F401 - the office fixture
from tests.workflows.test_sengketa_paths import wib

CASSATION_NUMBER = "101 K/TUN/KI/2027"


def _facts(page: str) -> str:
    """The case facts block, in words."""
    block = page.split('id="facts-title"', 1)[1].split("</section>", 1)[0]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", block)))


def _pages(officer, dispute) -> tuple[str, str]:
    indonesian = _facts(text(officer.get(f"/kasus/{dispute}")))
    officer.get(f"/bahasa/en?next=/kasus/{dispute}")
    english = _facts(text(officer.get(f"/kasus/{dispute}")))
    officer.get(f"/bahasa/id?next=/kasus/{dispute}")
    return indonesian, english


def test_the_case_page_shows_the_court_s_name_case_numbers_and_decisions_with_their_days(browser, office):  # noqa: F811
    """The applicant went to PTUN Jakarta (12/G/KI/2027/PTUN.JKT), whose judgment of Mon 3 May 2027 granted the
    request in full; the applicant filed for cassation (101 K/TUN/KI/2027), and the Supreme Court's decision of Wed
    1 Sep 2027 refused it: final that day."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute = _at_cassation(office, clock)
        at_court, _ = _pages(browser("ppid"), dispute)
        clock.move_to(wib("2027-05-10"))
        filed = {"tanggal": "2027-05-10", "pihak": "pemohon", "nomor_perkara": CASSATION_NUMBER}
        office.message(dispute, "kasasi_diajukan", filed)
        clock.move_to(wib("2027-09-02"))
        decided = {"tanggal": "2027-09-01", "nomor_perkara": CASSATION_NUMBER, "amar": "ditolak"}
        office.message(dispute, "putusan_kasasi", decided)
        indonesian, english = _pages(browser("ppid"), dispute)  # months later: a new session
    assert "Diajukan ke pengadilan oleh Pemohon" in at_court
    assert "Pengadilan PTUN Jakarta" in at_court
    assert "Nomor perkara di pengadilan 12/G/KI/2027/PTUN.JKT" in at_court
    assert "Putusan pengadilan (akibat bagi permohonan) Permohonan informasi dikabulkan seluruhnya" in at_court
    assert "Tanggal putusan pengadilan 3 Mei 2027" in at_court
    for not_yet in ("Nomor perkara kasasi", "Putusan Mahkamah Agung", "Berkekuatan hukum tetap sejak"):
        assert not_yet not in at_court  # only what was recorded
    assert "Kasasi diajukan oleh Pemohon" in indonesian  # the party the message of the cassation filed names
    assert "Nomor perkara kasasi 101 K/TUN/KI/2027" in indonesian
    assert "Putusan Mahkamah Agung (akibat bagi permohonan) Permohonan informasi ditolak" in indonesian
    assert "Tanggal putusan Mahkamah Agung 1 Sep 2027" in indonesian
    assert "Berkekuatan hukum tetap sejak 1 Sep 2027" in indonesian
    assert "Taken to court by The applicant" in english
    assert "Court PTUN Jakarta" in english
    assert "Court case number 12/G/KI/2027/PTUN.JKT" in english
    assert "Court's decision (effect on the request) Information request granted in full" in english
    assert "Date of the court's decision 3 May 2027" in english
    assert "Cassation case number 101 K/TUN/KI/2027" in english
    assert "Supreme Court's decision (effect on the request) Information request refused" in english
    assert "Final and binding since 1 Sep 2027" in english


def test_a_dispute_that_never_went_to_court_shows_no_court_facts(browser, office):  # noqa: F811
    """Before any court: no empty court rows in the facts."""
    with time_machine.travel(SUMMONED, tick=True):
        dispute = office.dispute(office.objection(office.submit(), ["c"]))
        indonesian, english = _pages(browser("ppid"), dispute)
    assert "Pengadilan" not in indonesian
    assert "Court" not in english
