"""A server without Pango (README "Production", step 1) cannot print the documents made from HTML (the yearly
report, the public announcement): their pages do not offer the PDF, a PDF download asked for anyway answers 503
and says so in the reader's language, the other formats still work, and the log names the packages that cure it,
once per process.

The missing library is WeasyPrint's own failure on such a machine: importing it raises the OSError of cffi's
``dlopen`` (``cannot load library 'libpango-1.0-0'``), raised here by an import hook.

On SQLite alone: what a server without Pango answers is Python's (engine.pdf), whatever the database; the yearly
report's queries run on PostgreSQL in tests/reports/test_annual_api.py.
"""

import logging
import sys
from datetime import UTC, datetime

import pytest
import time_machine

from engine import pdf
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)

API = "/api/v1"
NO_PANGO = "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file"
SAID_ID = "dokumen PDF tidak dapat dibuat di server ini"
SAID_EN = "PDF documents cannot be made on this server"


class _NoPango:
    """An import hook failing ``import weasyprint`` as a machine without Pango does."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "weasyprint":
            raise OSError(NO_PANGO)
        return None


@pytest.fixture(autouse=True)
def no_pango(monkeypatch):
    for name in [m for m in sys.modules if m.split(".")[0] == "weasyprint"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    pdf._weasyprint.cache_clear()  # the process's answer, kept once found: found again on this "machine"
    yield
    pdf._weasyprint.cache_clear()


def test_the_yearly_report_pdf_answers_503_in_the_caller_s_language_and_the_other_formats_still_work(
    client, login, caplog
):
    headers = login("ppid")
    with caplog.at_level(logging.ERROR, logger="kawal.pdf"):
        refused = client.get(f"{API}/reports/annual?period=2026&format=pdf", headers=headers)
    assert refused.status_code == 503
    assert refused.json["code"] == "unavailable"
    assert refused.json["reason"] == "pdf_unavailable"
    assert refused.json["message"].startswith(SAID_ID)
    english = client.get(f"{API}/reports/annual?period=2026&format=pdf", headers={**headers, "Accept-Language": "en"})
    assert english.status_code == 503
    assert english.json["message"].startswith(SAID_EN)
    # The log says what is missing and how to install it; the reader is not told the server's insides.
    logged = [r.getMessage() for r in caplog.records if r.name == "kawal.pdf"]
    assert logged, "nothing logged"
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in logged[0]
    assert NO_PANGO in logged[0]
    assert "libpango" not in refused.json["message"]
    assert [r.name for r in caplog.records].count("kawal.pdf") == 1, "the same cause logged again on every request"
    for fmt in ("docx", "xlsx", "json"):
        assert client.get(f"{API}/reports/annual?period=2026&format={fmt}", headers=headers).status_code == 200, fmt


def test_the_yearly_report_page_offers_no_pdf_says_why_and_a_pdf_asked_for_anyway_answers_a_503_page(browser):
    ppid = browser("ppid")
    page = ppid.get("/laporan/tahunan?periode=2026").get_data(as_text=True)
    assert 'value="pdf"' not in page
    assert 'value="docx"' in page
    assert 'value="xlsx"' in page
    assert "PDF tidak dapat dibuat di server ini" in page
    refused = ppid.client.get("/laporan/tahunan?periode=2026&format=pdf")
    assert refused.status_code == 503
    assert refused.mimetype == "text/html"
    page = refused.get_data(as_text=True)
    assert "Fitur ini belum tersedia di server ini" in page  # the title of a 503, not of a bad request
    assert SAID_ID in page
    assert ppid.client.get("/laporan/tahunan?periode=2026&format=docx").status_code == 200


@time_machine.travel(datetime(2027, 3, 1, 3, 0, tzinfo=UTC), tick=True)
def test_the_public_announcement_offers_no_pdf_one_asked_for_answers_503_and_its_csv_still_downloads(client):
    year = 2026  # in March 2027 the announcement of the year before
    page = client.get(f"/publik/pengumuman?tahun={year}").get_data(as_text=True)
    assert "format=pdf" not in page
    assert "format=csv" in page
    refused = client.get(f"/publik/pengumuman?tahun={year}&format=pdf")
    assert refused.status_code == 503
    assert SAID_ID in refused.get_data(as_text=True)
    csv = client.get(f"/publik/pengumuman?tahun={year}&format=csv")
    assert csv.status_code == 200
    assert csv.mimetype == "text/csv"
