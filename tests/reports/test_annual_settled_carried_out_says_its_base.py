"""The yearly report says what a share is of wherever that is not its table's total: in words after the share, the
same on the page (both languages), in the PDF and the DOCX, and in a column of its own beside the XLSX's number.

Walk report: "Diselesaikan secara musyawarah dan dilaksanakan (informasi diserahkan) 1 | 100,0%" stood under
"Diselesaikan secara musyawarah 1 | 25,0%" and "Dikabulkan dan dilaksanakan 2 | 50,0%": the base (100%) was the
settled objections (engine.reports ``objections.settled``), as intended, but nothing said so. Review: the first mend
(an 11-line label at 360 px on that row alone) left every other such row unsaid: mediation's outcomes (of those
mediated), adjudication's (of those adjudicated), the time table (of those decided; of all received; of those
extended), the refusals and partial grants by exemption (of those refused, granted in part). A row whose share is of
its table's total ("of all objections received") says nothing more.

SQLite alone: the words of rows over figures either database counts alike (tests/reports/test_year_figures.py).
"""

import io
import re

import time_machine
from docx import Document
from openpyxl import load_workbook

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the docstring
from tests.reports.conftest import YEAR
from tests.reports.test_report_documents import NOW, _get, _pdf_text, _ppid

PATH = f"/laporan/tahunan?periode={YEAR}"
SETTLED_CARRIED_OUT = "Diselesaikan secara musyawarah dan dilaksanakan (informasi diserahkan)"
SHARE = r"\d+,\d%"  # as Bahasa Indonesia writes it


def _rows(page: str) -> list[tuple[str, str]]:
    """(label, share cell) of every figure row, the cell's text as a reader reads it."""
    found = re.findall(
        r'<tr><th scope="row">([^<]*)</th><td class="num">[^<]*</td><td class="num">(.*?)</td></tr>', page
    )
    return [(label, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()) for label, cell in found]


def _share_of(rows, label: str) -> list[str]:
    return [cell for row_label, cell in rows if row_label == label]


def test_the_page_says_the_base_of_every_share_not_of_its_table_s_total(year, app):
    rows = _rows(_get(app, PATH).get_data(as_text=True))
    # the walk report's row: its label short again, its share saying it is of the settled objections
    assert _share_of(rows, SETTLED_CARRIED_OUT) == ["100,0% dari yang diselesaikan secara musyawarah"]
    (settled,) = _share_of(rows, "Diselesaikan secara musyawarah")
    assert re.fullmatch(SHARE, settled)  # of all objections received: the table's total, nothing more said
    # the time table's three bases
    assert re.fullmatch(f"{SHARE} dari yang diputus", *_share_of(rows, "0 sampai 5 hari kerja"))
    assert re.fullmatch(f"{SHARE} dari yang diputus", *_share_of(rows, "Dijawab terlambat (batas waktu terlewati)"))
    assert re.fullmatch(f"{SHARE} dari seluruh permohonan yang diterima", *_share_of(rows, "Diperpanjang 7 hari kerja"))
    extension = _share_of(rows, "Diperpanjang karena: informasi belum didokumentasikan")
    assert re.fullmatch(f"{SHARE} dari yang diperpanjang", *extension)
    # the exemption letters: once among the refusals, once among the partial grants
    refused, partly = _share_of(rows, "d. kekayaan alam Indonesia")
    assert re.fullmatch(f"{SHARE} dari yang ditolak", refused)
    assert re.fullmatch(f"{SHARE} dari yang dikabulkan sebagian", partly)
    # a share of all requests received in a table of them: the figure alone
    assert re.fullmatch(SHARE, *_share_of(rows, "Permohonan yang dikenai biaya"))


def test_the_page_in_english_says_it_in_english(year, app):
    with time_machine.travel(NOW, tick=True):  # signed in on the day the report is read
        reader = _ppid(app)
        reader.client.set_cookie("kawal_lang", "en")
        rows = _rows(_get(app, PATH, reader).get_data(as_text=True))
    carried_out = "Settled by agreement and carried out (information delivered)"
    assert _share_of(rows, carried_out) == ["100.0% of those settled by agreement"]
    assert re.fullmatch(r"\d+\.\d% of those decided", *_share_of(rows, "0 to 5 working days"))


def test_the_pdf_and_docx_write_the_base_after_the_share_and_the_xlsx_beside_it(year, app):
    printed = _pdf_text(_get(app, f"{PATH}&format=pdf"))
    assert f"{SETTLED_CARRIED_OUT} 1 100,0% dari yang diselesaikan secara musyawarah" in printed
    document = Document(io.BytesIO(_get(app, f"{PATH}&format=docx").get_data()))
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert [SETTLED_CARRIED_OUT, "1", "100,0% dari yang diselesaikan secara musyawarah"] in cells
    (band,) = [row for row in cells if row[0] == "0 sampai 5 hari kerja"]
    assert re.fullmatch(f"{SHARE} dari yang diputus", band[2])

    book = load_workbook(io.BytesIO(_get(app, f"{PATH}&format=xlsx").get_data()))
    sheet = [row for row in book.worksheets[0].iter_rows(values_only=True) if row[0]]
    (head,) = [row for row in sheet if row[2] == "Kunci"]
    assert head[4:6] == ("Persentase", "Persentase dari")
    by_key = {row[2]: row for row in sheet}
    # the share a number a spreadsheet computes on, what it is of in words beside it
    assert by_key["objections.settled_carried_out"][3:6] == (1, 1.0, "dari yang diselesaikan secara musyawarah")
    assert by_key["time.extended"][5] == "dari seluruh permohonan yang diterima"
    assert by_key["objections.settled"][5] is None  # of all objections received: the table's total
