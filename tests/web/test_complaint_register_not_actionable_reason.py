"""The complaint register says why a complaint was not actionable at its verification (legal-process.md §7.4 row 3,
§8.3): the reason the verification form chose (``jenis_alasan``: outside the office's authority, before a court,
parties unclear, another) beside "Tidak dapat ditindaklanjuti saat verifikasi", in its own column of the CSV and the
XLSX and under the outcome on the page. The register said only that it was not actionable, whatever the reason. A
complaint verified before the form asked the reason has none on file: nothing is added for it.
"""

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from engine.models import Case, CaseFacts
from engine.runtime import Runtime
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import CATAT

REASON = "Alasan tidak dapat ditindaklanjuti saat verifikasi"
NOT_ACTIONABLE = {
    "hasil": "tidak_dapat_ditindaklanjuti",
    "jenis_alasan": "perkara_pengadilan",
    "alasan": "Pokok masalah sedang diperiksa Pengadilan Negeri Contoh",
    "alasan_untuk_pelapor": "Masalah yang Anda laporkan sedang diperiksa pengadilan.",
}


@pytest.fixture
def office(settings, session_factory_):
    return Office(session_factory_, Runtime(settings))


def _not_actionable(office) -> str:
    ticket, _code = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", NOT_ACTIONABLE)
    return ticket


def _csv(reader) -> dict[str, dict]:
    body = reader.get("/laporan/register/pengaduan?format=csv").get_data(as_text=True)
    return {next(iter(row.values())): row for row in csv.DictReader(io.StringIO(body.removeprefix("\ufeff")))}


def _xlsx(reader) -> dict[str, dict]:
    data = reader.client.get("/laporan/register/pengaduan?format=xlsx").get_data()
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if REASON in row)
    names = rows[header]
    return {row[0]: dict(zip(names, row, strict=True)) for row in rows[header + 1 :] if row[0]}


def _row(page: str, ticket: str) -> str:
    """The page's register row of ``ticket``, as text."""
    return re.sub(r"<[^>]+>", " ", page.split(f">{ticket}</a>", 1)[1].split("</tr>", 1)[0])


def test_the_register_gives_the_verification_s_reason_for_a_complaint_not_actionable_in_every_format(
    office, browser, session_factory_
):
    ticket = _not_actionable(office)
    older = _not_actionable(office)
    with session_factory_() as session:  # verified before the form asked the reason (before migration 0057)
        case_id = session.query(Case.id).filter(Case.ticket == older).scalar()
        session.execute(update(CaseFacts).where(CaseFacts.case_id == case_id).values(not_actionable_reason=None))
        session.commit()
    reader = browser("tim")

    rows = _csv(reader)
    assert rows[ticket]["Tidak ditindaklanjuti karena"] == "Tidak dapat ditindaklanjuti saat verifikasi"
    assert rows[ticket][REASON] == "Sedang atau telah diperiksa pengadilan"
    assert rows[older]["Tidak ditindaklanjuti karena"] == "Tidak dapat ditindaklanjuti saat verifikasi"
    assert rows[older][REASON] == ""
    cells = _xlsx(reader)
    assert cells[ticket][REASON] == "Sedang atau telah diperiksa pengadilan"
    assert not cells[older][REASON]

    page = reader.get("/laporan/register/pengaduan").get_data(as_text=True)
    assert "Tidak Dapat Ditindaklanjuti" in _row(page, ticket)
    assert "Sedang atau telah diperiksa pengadilan" in _row(page, ticket)  # under the outcome
    assert "pengadilan" not in _row(page, older)

    reader.get("/bahasa/en")
    body = reader.get("/laporan/register/pengaduan?format=csv").get_data(as_text=True)
    row = next(r for r in csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))) if ticket in r.values())
    assert row["Why not actionable at verification"] == "Before a court, now or earlier"


def test_a_complaint_followed_up_has_no_reason_in_the_register(office, browser):
    ticket, _code = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", {"hasil": "layak"})
    assert _csv(browser("tim"))[ticket][REASON] == ""
