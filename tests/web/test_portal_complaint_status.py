"""A complaint's status page as the reporter reads it around the office's deadline (legal-process.md §2.2, §7; README
"Legal clocks: two readings"), as an acceptance walk read it.

Filed Mon 7 Dec 2026, 10:00 WIB, referred to a unit: its service standard (SLA, 14 working days) ends Mon 28 Dec 2026
on the strict reading (Thu 24 Dec, cuti bersama Natal, counts) and Tue 29 Dec 2026, 16:00 WIB on the lenient one; the
statutory 60 days (S60) run to Fri 5 Feb 2027. Between the two readings of the SLA the page said "paling lambat 5 Feb
2027" (S60's date) instead of the lenient SLA date the README promises; once late, "Yang dapat Anda lakukan
selanjutnya" was a heading with nothing under it.
"""

import html
import re
from pathlib import Path

import pytest
import time_machine

from engine import status
from tests.web.pages import text
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import CATAT, KE_UNIT, LAYAK, wib


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _words(html_text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


def _page(browser, ticket, code, lang="id") -> str:
    """The status page as the reporter reads it (HTML)."""
    b = browser()
    b.get(f"/bahasa/{lang}")
    return text(b.post("/publik/status", {"ticket": ticket, "access_code": code}))


def _section(page: str, title_id: str) -> str | None:
    """The text of the page's ``<section aria-labelledby=title_id>``, or None when the page has no such section."""
    found = re.search(rf'<section aria-labelledby="{title_id}"[^>]*>(.*?)</section>', page, re.S)
    return _words(found[1]) if found else None


def _referred(office, clock) -> tuple[str, str]:
    ticket, code = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    return ticket, code


def test_between_the_strict_and_the_lenient_end_of_the_service_standard_the_page_shows_its_lenient_date(
    browser, office
):
    """The README: until the same deadline has lapsed on the lenient reading too, "the public status shows the
    lenient due date and why", as a request's T10 is shown (tests/workflows/test_legal_lateness.py)."""
    with time_machine.travel(wib("2026-12-07"), tick=True) as clock:
        ticket, code = _referred(office, clock)
        assert office.deadline(ticket, "SLA").due_at == wib("2026-12-28", 16)
        before = _section(_page(browser, ticket, code), "due-title")
        clock.move_to(wib("2026-12-29"))
        office.run(ticket)
        assert office.deadlines(ticket)["SLA"] == "missed"
        gap = _section(_page(browser, ticket, code), "due-title")
        gap_en = _section(_page(browser, ticket, code, "en"), "due-title")
    assert "kantor wajib bertindak paling lambat 28 Des 2026, 16:00 WIB." in before
    assert "kantor wajib bertindak paling lambat 29 Des 2026, 16:00 WIB." in gap
    assert "5 Feb 2027" not in gap
    assert "Kantor terlambat." not in gap  # not late on every reading yet
    assert "pembacaan paling akhir (kalender longgar)" in gap  # why: the lenient reading
    assert "24 Des 2026" in gap  # the cuti bersama the lenient reading does not count
    assert "the office must act by 29 Dec 2026, 16:00 WIB." in gap_en


def test_a_late_complaint_says_under_what_you_can_do_next_where_the_reporter_may_take_it(browser, office):
    """Late on every reading (after Tue 29 Dec 2026, 16:00 WIB): the heading "Yang dapat Anda lakukan selanjutnya"
    stood alone. The law's outside route is the Ombudsman (UU 25/2009 Pasal 40 and 46) or SP4N-LAPOR!."""
    with time_machine.travel(wib("2026-12-07"), tick=True) as clock:
        ticket, code = _referred(office, clock)
        clock.move_to(wib("2027-01-05"))
        office.run(ticket)
        page = _page(browser, ticket, code)
        english = _page(browser, ticket, code, "en")
    late = _section(page, "due-title")
    assert "Kantor terlambat." in late
    assert "belum menjawab" not in late  # a complaint is acted on, as its deadline said ("wajib bertindak")
    assert "menindaklanjuti pengaduan Anda paling lambat 29 Des 2026, 16:00 WIB" in late
    step = _section(page, "next-title")
    assert step.startswith("Yang dapat Anda lakukan selanjutnya")
    assert "Ombudsman Republik Indonesia (ombudsman.go.id)" in step
    assert "SP4N-LAPOR! (lapor.go.id)" in step
    assert "UU 25/2009 Pasal 40 dan 46" in step
    assert "tidak ada yang perlu Anda lakukan" not in step
    assert "Ombudsman" not in late  # said once, under the next step
    step_en = _section(english, "next-title")
    assert "Ombudsman of the Republic of Indonesia (ombudsman.go.id)" in step_en
    assert "Law 25/2009 Articles 40 and 46" in step_en
    assert "UU " not in step_en


def test_what_you_can_do_next_is_never_a_heading_alone(browser, office, desk, login):
    """A late request's route is in its notice of lateness (the objection, with its link); the section of the next
    step then goes rather than stand empty."""
    with time_machine.travel(wib("2026-12-02"), tick=True):  # a letter by post of 2 Nov, typed in a month later
        receipt = desk.submit(headers=login("petugas"), channel="pos", received_at="2026-11-02T03:00:00+00:00")
        b = browser()
        page = text(b.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]}))
    assert "Kantor terlambat." in page
    step = _section(page, "next-title")
    assert step is None or step != "Yang dapat Anda lakukan selanjutnya", step


def test_before_classification_the_english_page_cites_the_statutory_limit_by_the_laws_english_names(browser, office):
    with time_machine.travel(wib("2026-12-07"), tick=True):
        ticket, code = office.complaint()
        due = _section(_page(browser, ticket, code, "en"), "due-title")
        due_id = _section(_page(browser, ticket, code), "due-title")
    assert "(Law 25/2009; Presidential Regulation 76/2013)" in due
    assert "UU " not in due
    assert "Perpres" not in due
    assert "(UU 25/2009; Perpres 76/2013)" in due_id


# The status page's English sentences cite laws as engine.citations does ("Law 14/2008 Article 22(8)", "Presidential
# Regulation 76/2013"), never the Indonesian abbreviations, and gloss the NIK the first time: "national identity
# number (NIK)".
STATUS_PAGE = Path(__file__).parents[2] / "api/web/templates/portal/status.html"
INDONESIAN_CITATION = re.compile(r"\b(UU|Perpres|Perki|PP|Pasal) \d")


def test_the_english_sentences_of_the_status_page_and_its_next_steps_cite_laws_in_english():
    sentences = re.findall(r'_\("((?:[^"\\]|\\.)*)"', STATUS_PAGE.read_text(encoding="utf-8"))
    sentences += [s.next_step for s in status.STATUSES.values()]  # the English message ids
    assert [s for s in sentences if INDONESIAN_CITATION.search(s)] == []
    assert [s for s in sentences if "NIK" in s and "national identity number (NIK)" not in s] == []
