"""A complaint's subject as each reader reads it (legal-process.md §7.3 rules 1 and 3): the complaint team reads the
reporter's own words; an auditor reads the team's summary (engine.complaints.details_read_by), and so the complaint
register and the inbox's case search show an auditor the subject the team recorded, or nothing before it has, and
never find a complaint by the reporter's words.
"""

import csv
import io

import pytest

from engine.runtime import Runtime
from tests.web.pages import text
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import CATAT

OWN_WORDS = "Kepala madrasah Budi Santoso memungut uang pendaftaran"  # the reporter's subject line, naming a person
TEAM_WORDS = CATAT["pokok_masalah"]  # the team's: "Pungutan liar pada pendaftaran madrasah"


@pytest.fixture
def office(settings, session_factory_):
    return Office(session_factory_, Runtime(settings))


def _register(reader) -> list[dict]:
    body = reader.get("/laporan/register/pengaduan?format=csv").get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))


def test_an_auditor_reads_the_team_s_subject_in_the_complaint_register_never_the_reporter_s(office, browser):
    ticket, _code = office.complaint(pokok_masalah=OWN_WORDS)
    auditor, team = browser("auditor"), browser("tim")
    [row] = _register(auditor)
    assert (row["Nomor register"], row["Pokok masalah"]) == (ticket, "")  # not yet summarised by the team
    page = auditor.get("/laporan/register/pengaduan").get_data(as_text=True)
    assert ticket in page
    assert "Budi Santoso" not in page

    office.complete(ticket, "catat_pengaduan", CATAT)
    [row] = _register(auditor)
    assert row["Pokok masalah"] == TEAM_WORDS
    assert "Budi Santoso" not in auditor.get("/laporan/register/pengaduan").get_data(as_text=True)
    [row] = _register(team)
    assert row["Pokok masalah"] == TEAM_WORDS  # once recorded, the team's register too names the recorded subject


def test_an_auditor_s_case_search_shows_the_team_s_subject_and_never_finds_by_the_reporter_s_words(office, browser):
    ticket, _code = office.complaint(pokok_masalah=OWN_WORDS)
    auditor, team = browser("auditor"), browser("tim")
    page = text(auditor.get(f"/audit/kasus?q={ticket}"))
    assert f'href="/kasus/{ticket}"' in page
    assert "Budi Santoso" not in page
    assert f'href="/kasus/{ticket}"' not in text(auditor.get("/audit/kasus?q=budi+santoso"))

    office.complete(ticket, "catat_pengaduan", CATAT)
    page = text(auditor.get(f"/audit/kasus?q={ticket}"))
    assert TEAM_WORDS in page
    assert "Budi Santoso" not in page
    assert f'href="/kasus/{ticket}"' not in text(auditor.get("/audit/kasus?q=budi+santoso"))

    assert "Budi Santoso" in text(team.get(f"/kotak-masuk?q={ticket}"))
    assert ticket in text(team.get("/kotak-masuk?q=budi+santoso"))
