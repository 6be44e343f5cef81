"""The complaint register names a complaint by the subject the team recorded at "Catat pengaduan" (what its letters
use), for every reader and in every format; the reporter's own subject line only before the team recorded one, and
then to the complaint team alone (engine.subjects). The team read the reporter's raw subject in the register while
the clarification letter and the disposition sheet carried the recorded one.
"""

import csv
import io

import pytest
from openpyxl import load_workbook

from engine.runtime import Runtime
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import CATAT

OWN_WORDS = "tolong pak, uang pendaftaran anak saya diminta lagi!!"
RECORDED = CATAT["pokok_masalah"]  # "Pungutan liar pada pendaftaran madrasah"


@pytest.fixture
def office(settings, session_factory_):
    return Office(session_factory_, Runtime(settings))


def _csv(reader) -> list[dict]:
    body = reader.get("/laporan/register/pengaduan?format=csv").get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))


def _xlsx_subjects(reader) -> list[str]:
    data = reader.client.get("/laporan/register/pengaduan?format=xlsx").get_data()  # binary: not the page reader
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if "Pokok masalah" in row)
    column = rows[header].index("Pokok masalah")
    return [row[column] for row in rows[header + 1 :] if row[column]]


@pytest.mark.parametrize("who", ["tim", "auditor"])
def test_the_complaint_register_shows_the_subject_the_team_recorded_in_html_csv_and_xlsx(office, browser, who):
    ticket, _code = office.complaint(pokok_masalah=OWN_WORDS)
    reader = browser(who)
    [row] = _csv(reader)
    assert row["Pokok masalah"] == (OWN_WORDS if who == "tim" else "")  # before recording: the team's raw line

    office.complete(ticket, "catat_pengaduan", CATAT)
    [row] = _csv(reader)
    assert row["Pokok masalah"] == RECORDED
    assert _xlsx_subjects(reader) == [RECORDED]
    page = reader.get("/laporan/register/pengaduan").get_data(as_text=True)
    assert RECORDED in page
    assert "uang pendaftaran anak saya" not in page
