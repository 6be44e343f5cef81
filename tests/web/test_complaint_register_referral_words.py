"""The complaint register, Indonesian first (legal-process.md §7.2 stage 4, §9.3): a complaint referred to the
Inspectorate General names where it went in the Unit column (it was blank: only a unit's disposition filled it), and
every word of a row is the reader's language, the Decision column's outcome included ("Selesai", never "Resolved").
The JSON API gives codes: the unit's code stays what it was (empty; the ``unit=`` filter reads it), the referral its
own key, ``referred_to``.
"""

import csv
import io
import re

import pytest
import time_machine
from openpyxl import load_workbook

from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the register's words of known facts
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import (
    CATAT,
    KE_ITJEN,
    KE_UNIT,
    LAYAK,
    NOTICE,
    TANGGAPAN_UNIT,
    TINDAK_LANJUT,
    clarification,
    wib,
)


@pytest.fixture
def clock():
    with time_machine.travel(wib("2027-01-11"), tick=True) as traveller:  # the dates the walk's forms give
        yield traveller


@pytest.fixture
def office(settings, session_factory_, clock):
    return Office(session_factory_, Runtime(settings))


def _classified(office, classification) -> str:
    ticket, _code = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", classification)
    return ticket


def _settled(office) -> str:
    ticket = _classified(office, KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", clarification("cukup_ditindaklanjuti"))
    office.complete(ticket, "tindak_lanjut", TINDAK_LANJUT)
    office.complete(ticket, "pemberitahuan_hasil", NOTICE)
    return ticket


def _csv(reader) -> dict[str, dict]:
    body = reader.get("/laporan/register/pengaduan?format=csv").get_data(as_text=True)
    return {next(iter(row.values())): row for row in csv.DictReader(io.StringIO(body.removeprefix("\ufeff")))}


def _row(page: str, ticket: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page.split(f">{ticket}</a>", 1)[1].split("</tr>", 1)[0]).split())


def test_a_complaint_referred_to_the_inspectorate_general_names_it_in_the_unit_column(office, browser):
    itjen = _classified(office, KE_ITJEN)
    unit = _classified(office, KE_UNIT)
    reader = browser("tim")
    rows = _csv(reader)
    assert rows[itjen]["Unit"] == "Inspektorat Jenderal"
    assert rows[unit]["Unit"].endswith("(KANWIL)")  # a unit's disposition: the unit, as before
    page = reader.get("/laporan/register/pengaduan").get_data(as_text=True)
    assert "Inspektorat Jenderal" in _row(page, itjen)
    reader.get("/bahasa/en")
    assert _csv(reader)[itjen]["Unit"] == "Inspectorate General"


def test_the_register_s_json_keeps_the_unit_code_and_says_the_referral_apart(office, browser, client, login):
    """The JSON gives codes: no made-up unit code for the Inspectorate General (``unit_code`` stays empty, as the
    ``unit=`` filter reads it); the referral is its own key, ``referred_to``."""
    itjen = _classified(office, KE_ITJEN)
    unit = _classified(office, KE_UNIT)
    r = client.get("/api/v1/registers/pengaduan?format=json", headers=login("tim"))
    assert r.status_code == 200, r.json
    rows = {row["ticket"]: row for row in r.json["items"]}
    assert not rows[itjen]["unit_code"]
    assert rows[itjen]["referred_to"] == "inspektorat_jenderal"
    assert (rows[unit]["unit_code"], rows[unit]["referred_to"]) == ("KANWIL", None)
    only = client.get("/api/v1/registers/pengaduan?format=json&unit=KANWIL", headers=login("tim")).json["items"]
    assert [row["ticket"] for row in only] == [unit]
    # The downloads keep their columns: the referral is shown in the Unit column, never a column of its own.
    book = load_workbook(io.BytesIO(browser("tim").client.get("/laporan/register/pengaduan?format=xlsx").get_data()))
    sheet = [list(row) for row in book.active.iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(sheet) if "Unit" in row)
    at = sheet[header].index("Unit")
    assert "inspektorat_jenderal" not in {str(c) for row in sheet for c in row}
    assert any(row[at] == "Inspektorat Jenderal" and itjen in row for row in sheet[header + 1 :])


def test_the_indonesian_register_words_a_settled_complaint_s_decision_in_indonesian(office, browser):
    ticket = _settled(office)
    reader = browser("tim")
    rows = _csv(reader)
    decision = next(key for key in rows[ticket] if key.lower().startswith("keputusan") or key == "Hasil")
    assert rows[ticket][decision] == "Selesai"
    page = reader.get("/laporan/register/pengaduan").get_data(as_text=True)
    assert "Resolved" not in _row(page, ticket)
    assert "Selesai" in _row(page, ticket)
