"""The registers and reports as paper, read by the PPID and the Commission (legal-process.md §4.3, §9): the objection
register holds the requester's reaction to the superior's answer and the position of the one who decided, in the
reader's language; a register's workbook is titled with the office under its agency, as the letters' letterhead
names it; shares are written in the reader's number format and kept as numbers in a workbook; every CSV download
opens in a spreadsheet as UTF-8 (its byte order mark).

On SQLite alone: each test checks what Python writes of the registers' and reports' rows (words, languages, titles,
number formats, a file's encoding, the columns shown), rows either database returns alike. The registers and the
report are counted on PostgreSQL in tests/reports/test_year_figures.py; the objection and dispute registers' dates
and final days in tests/reports/test_dispute_register.py and test_objection_dispute_register_columns.py.
"""

import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine
from openpyxl import load_workbook

from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see the docstring)
from tests.reports.test_dispute_register import _page
from tests.workflows.conftest import Office
from tests.workflows.test_keberatan_paths import _decide, _decided, _to_superior
from tests.workflows.test_pengaduan_paths import CATAT

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
BOM = "\ufeff"
SUPERIOR = ("Dr. H. Ahmad Fauzi, M.Ag.", "Kepala Kantor Wilayah", "196805121994031002")
REACTION = {"id": "Tanggapan Pemohon", "en": "Requester's reaction"}
POSITION = {"id": "Jabatan yang memutus", "en": "Position of the one who decided"}


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(settings, session_factory_):
    return Office(session_factory_, Runtime(settings))


def _csv(reader, path) -> list[dict]:
    body = reader.get(path).get_data(as_text=True)
    assert body.startswith(BOM), body[:20]
    assert not body.startswith(BOM * 2)
    return list(csv.DictReader(io.StringIO(body.removeprefix(BOM))))


def _objection_answered(office):
    objection = office.objection(_decided(office), ["a"])
    _to_superior(office, objection)
    _decide(office, objection, "keberatan_ditolak")
    return objection


def test_the_objection_register_says_how_the_requester_reacted_to_the_superior_s_answer(office, clock, browser):
    """legal-process.md §4.3: the register holds the requester's reaction to the response (tanggapan Pemohon). Kawal
    records none of its own but the dispute the requester brings to the Commission: until one is filed the register
    says no reaction is recorded (and nothing before the superior has answered)."""
    waiting = office.objection(_decided(office), ["a"])
    answered = _objection_answered(office)
    ppid = browser("ppid")
    rows = {row["Nomor register"]: row for row in _page(ppid, "/laporan/register/keberatan")}
    assert rows[waiting][REACTION["id"]] == ""
    assert rows[answered][REACTION["id"]] == "Tidak ada tanggapan tercatat"

    dispute = office.dispute(answered)
    lines = {line["Nomor register"]: line for line in _csv(ppid, "/laporan/register/keberatan?format=csv")}
    assert lines[answered][REACTION["id"]] == f"Mengajukan sengketa {dispute}"
    ppid.get("/bahasa/en")
    lines = {line["Register number"]: line for line in _csv(ppid, "/laporan/register/keberatan?format=csv")}
    assert lines[answered][REACTION["en"]] == f"Brought a dispute: {dispute}"
    assert lines[waiting][REACTION["en"]] == ""


def test_the_objection_register_names_the_superior_s_position_in_the_reader_s_language(office, clock, browser):
    """The position of the one who decided is the letters' (engine.letters.signers): without a configured signatory,
    the lane's title, which the English CSV printed in Bahasa Indonesia ("Atasan PPID")."""
    objection = _objection_answered(office)
    ppid = browser("ppid")
    [line] = _csv(ppid, "/laporan/register/keberatan?format=csv")
    assert (line["Nomor register"], line[POSITION["id"]]) == (objection, "Atasan PPID")
    ppid.get("/bahasa/en")
    [line] = _csv(ppid, "/laporan/register/keberatan?format=csv")
    assert line[POSITION["en"]] == "PPID Superior"


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_SIGNATORY_ATASAN_PPID": "; ".join(SUPERIOR)}])
def test_the_objection_register_names_the_configured_superior_s_position_as_the_letters_sign_it(office, clock, browser):
    _objection_answered(office)
    ppid = browser("ppid")
    for language in ("id", "en"):
        ppid.get(f"/bahasa/{language}")
        [line] = _csv(ppid, "/laporan/register/keberatan?format=csv")
        assert line[POSITION[language]] == "Kepala Kantor Wilayah"


def test_a_register_workbook_is_titled_with_the_office_under_its_agency(office, clock, browser, settings):
    """The workbook's first row named the ministry alone ("KEMENTERIAN AGAMA REPUBLIK INDONESIA"): every Kanwil's
    register read as the ministry's. The letters' letterhead names the agency, then the office."""
    _objection_answered(office)
    data = browser("ppid").client.get("/laporan/register/keberatan?format=xlsx").get_data()
    title = load_workbook(io.BytesIO(data)).active["A1"].value
    assert f"{settings.agency_name}, {settings.office_name}" in title
    assert title.startswith("Register Keberatan")


def test_every_csv_download_opens_in_a_spreadsheet_as_utf_8(office, clock, browser, client, login):
    """A spreadsheet reads a CSV as UTF-8 only with its byte order mark: the exemption register's CSV had one, the
    registers' and the announcement's did not ("Kepala Bagian Tata Usaha — PPID" came out garbled)."""
    _objection_answered(office)
    ppid = browser("ppid")
    for path in (
        "/laporan/register/keberatan?format=csv",
        "/laporan/register/permohonan?format=csv",
        "/laporan/register/dikecualikan?format=csv",
        "/api/v1/registers/keberatan?format=csv",
        "/publik/pengumuman?tahun=2026&format=csv",
    ):
        response = client.get(path, headers=login("ppid")) if path.startswith("/api/") else ppid.client.get(path)
        assert response.status_code == 200, path
        body = response.get_data(as_text=True)
        assert body.startswith(BOM), path
        assert BOM not in body[1:], path  # once: a file of two parts opens with one mark


def test_the_complaint_statistics_write_a_share_in_the_reader_s_number_format(office, clock, browser):
    """The page wrote "1 (33.3%)" in Bahasa Indonesia, whose decimal mark is a comma, beside counts written its way."""
    for _i in range(2):
        office.complaint()
    ticket, _code = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    verdict = {"hasil": "tidak_dapat_ditindaklanjuti", "alasan": "Terlapor tidak jelas dan tidak dapat dikonfirmasi"}
    verdict["jenis_alasan"] = "pihak_tidak_jelas"
    verdict["alasan_untuk_pelapor"] = "Pihak yang dilaporkan tidak dapat kami kenali dari laporan ini."
    office.complete(ticket, "verifikasi", verdict)
    team = browser("tim")
    page = team.get("/laporan/pengaduan?periode=2026").get_data(as_text=True)
    assert "(33,3%)" in page
    assert "33.3" not in page
    team.get("/bahasa/en")
    assert "(33.3%)" in team.get("/laporan/pengaduan?periode=2026").get_data(as_text=True)


def test_the_annual_workbook_keeps_each_share_as_a_number_with_a_percent_format(office, clock, browser):
    """A share was written as text ("50,0%"): a spreadsheet could not sum, sort or chart it."""
    _decided(office, "ditolak_dikecualikan")
    _decided(office, "dikabulkan_seluruhnya")
    data = browser("ppid").client.get("/laporan/tahunan?periode=2026&format=xlsx").get_data()
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    shares = {row[2].value: row[4] for row in sheet.iter_rows(min_row=2) if row[2].value}  # under the heading
    granted = shares["outcomes.granted_full"]
    assert (granted.data_type, granted.value, granted.number_format) == ("n", 0.5, "0.0%")
    assert shares["requests.received"].value is None  # a figure with no base has no share


def test_a_register_page_shows_the_decision_its_date_and_the_reaction_and_the_download_every_column(
    office, clock, browser
):
    """At 1366 px the objection register showed 11 of its 24 columns: the superior's decision, the response's date and
    the requester's reaction were beyond the edge. The page shows the columns a row is read by; every column on
    asking (``kolom=semua``) and in the downloads."""
    objection = _objection_answered(office)
    ppid = browser("ppid")
    [row] = _page(ppid, "/laporan/register/keberatan")
    assert row["Nomor register"] == objection
    assert (row["Keputusan"], row["Tanggal keputusan"], row["Tanggal surat dikirim"]) == (
        "Keberatan Ditolak (Menguatkan PPID)",
        "2 Des 2026",
        "2 Des 2026",
    )
    assert row[REACTION["id"]] == "Tidak ada tanggapan tercatat"
    assert len(row) <= 12
    assert "Tujuan penggunaan" not in row
    page = ppid.get("/laporan/register/keberatan").get_data(as_text=True)
    assert "Tampilkan semua kolom" in page
    [every] = _page(ppid, "/laporan/register/keberatan?kolom=semua")
    [line] = _csv(ppid, "/laporan/register/keberatan?format=csv&kolom=")
    assert list(every) == list(line)
    assert {"Tujuan penggunaan", POSITION["id"], REACTION["id"]} <= set(line)
    assert len(line) > 20
