"""A walk in English through a complaint, as its reporter and as the complaint team, found words that were not true
or not the reader's: an ordinary complaint's lateness "escalated to the WBS managers" as if it were a whistleblower's
report; "Its next task is yours" above a task nobody had claimed; the portal saying the officers wrote "in
Indonesian" what they wrote in English; deadline codes (V3, SLA) for names; the reporter's files named
"lampiran-1.pdf" to an English reader."""

import io
import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.browser.journeys import ComplaintDesk
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: words on pages over stored data
from tests.helpers import SAMPLE_PDF
from tests.web.pages import text
from tests.workflows.test_pengaduan_paths import CATAT

RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _words(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).replace("&#39;", "'")


def _deadline_row(page: str, name: str) -> str:
    row = re.search(
        rf'<tr class="deadline-[a-z]+">\s*<th scope="row">[^<]*<span class="clock-code">{name}</span>'
        r".*?</tr>",
        page,
        re.S,
    )
    assert row, f"no {name} row"
    return _words(row[0])


@pytest.mark.parametrize("mode", ["rahasia", "anonim"])
def test_an_ordinary_complaint_s_lateness_goes_to_the_complaint_team_s_superiors_in_those_words(
    client, login, browser, mode
):
    complaint = ComplaintDesk(client, login, mode=mode)
    team = browser("tim")
    row = _deadline_row(text(team.get(f"/kasus/{complaint.ticket}")), "V3")
    assert "dieskalasi kepada atasan tim pengaduan (kelompok Pengelola WBS" in row
    team.get(f"/bahasa/en?next=/kasus/{complaint.ticket}")
    page = text(team.get(f"/kasus/{complaint.ticket}"))
    row = _deadline_row(page, "V3")
    assert "escalated to the complaint team's superiors (the WBS managers' group" in row
    assert "If it passes: escalated to the WBS managers." not in _words(page)


def test_the_due_date_names_its_deadline_in_words_and_the_task_page_too(client, login, browser):
    complaint = ComplaintDesk(client, login)
    team = browser("tim")
    team.get(f"/bahasa/en?next=/kasus/{complaint.ticket}")
    clock = re.search(r'<small id="due-clock">(.*?)</small>', text(team.get(f"/kasus/{complaint.ticket}")), re.S)
    assert clock, "no clock under the due date"
    assert clock[1].startswith("Review and verification of the complaint")
    assert "(V3)" not in clock[1]
    task = complaint.task("catat_pengaduan")
    heading = re.search(r'<div class="deadline">\s*<h3>(.*?)</h3>', text(team.get(f"/tugas/{task['id']}")), re.S)
    assert heading, "no deadline on the task page"
    assert heading[1].startswith("Review and verification of the complaint")  # the code only a note beside it
    assert '<span class="clock-code">V3</span>' in heading[1]


def test_after_a_task_the_next_one_is_said_to_be_yours_only_when_it_is(client, login, browser):
    complaint = ComplaintDesk(client, login)
    team = browser("tim")
    task = complaint.task("catat_pengaduan")
    team.get(f"/tugas/{task['id']}")
    done = team.post(f"/tugas/{task['id']}", {**CATAT, "waktu_kejadian": "2026-11-03"})
    assert done.status_code == 302, text(done)
    page = _words(text(team.get(done.headers["Location"])))
    assert "Tugas berikutnya untuk kasus ini bagian Anda" not in page  # nobody had given it to them
    waits = "Tugas berikutnya menunggu di antrean kelompok Anda (Tim pengaduan): Telaah dan verifikasi pengaduan."
    assert waits in page
    assert '<button type="submit"' in text(team.get(done.headers["Location"]))  # its Claim button, still the queue's


def test_the_reporter_s_files_are_named_in_the_reader_s_language(client, login, browser):
    complaint = ComplaintDesk(client, login)
    complaint.reporter_writes("Kuitansi terlampir.", {"kuitansi.pdf": io.BytesIO(SAMPLE_PDF)})
    team = browser("tim")
    page = text(team.get(f"/kasus/{complaint.ticket}"))
    assert re.search(rf'href="/kasus/{complaint.ticket}/lampiran/\d+" download>lampiran-1.pdf</a>', page)
    team.get(f"/bahasa/en?next=/kasus/{complaint.ticket}")
    page = text(team.get(f"/kasus/{complaint.ticket}"))
    link = re.search(rf'href="(/kasus/{complaint.ticket}/lampiran/\d+)" download>attachment-1.pdf</a>', page)
    assert link, "the file is not named in English"
    assert team.client.get(link[1]).headers["Content-Disposition"] == 'attachment; filename="attachment-1.pdf"'

    reporter = browser()
    reporter.get("/bahasa/en?next=/publik/status")
    reporter.get("/publik/status")
    opened = reporter.post("/publik/status", {"ticket": complaint.ticket, "access_code": complaint.code})
    page = text(reporter.get(opened.headers["Location"]) if opened.status_code in (302, 303) else opened)
    link = re.search(r'href="(/publik/pengaduan/lampiran/\d+)" download>attachment-1.pdf</a>', page)
    assert link, "the reporter's file is not named in English"
    served = reporter.client.get(link[1])
    assert served.headers["Content-Disposition"] == 'attachment; filename="attachment-1.pdf"'


def test_the_letters_note_names_no_language_the_officers_may_not_have_written_in(browser, desk):
    from tests.api.test_chain_api import decided
    from tests.web.test_portal_status_page import opened, section

    _b, page = opened(browser, decided(desk), "en")
    note = " ".join(section(page, "letters-title").split())
    assert "are quoted as they wrote them." in note
    assert "in Indonesian" not in note
