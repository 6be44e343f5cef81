"""The public information list's downloads on the English side (walk report 41, finding 9).

/publik/informasi/unduh/xlsx and .../pdf were wholly Indonesian for an English reader (headers, categories,
headings), with nothing beside the English links to say so. Asked in English they now write their fixed words in
English; the office's own entries stay as written, in Indonesian, which the files and the page say. The Indonesian
download is unchanged, and the English workbook imports again as it is.
"""

import io

from openpyxl import load_workbook
from sqlalchemy import select

from engine import dip, dip_io
from engine.models import DipItem
from tests.dip.conftest import item_data
from tests.web.pages import text


def test_the_english_workbook_has_english_headers_and_categories_and_the_office_s_entries_as_written(keeper):
    keeper.run("ppid", dip.create_item, item_data(title="Laporan Keuangan Semester I"), publish=True)
    with keeper.sessions() as s:
        book = load_workbook(io.BytesIO(dip_io.export_xlsx(s, keeper.rt, locale="en")))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Code", "Title", "Summary", "Category")
    assert "Kawal ID" in rows[0]
    assert "Kategori" not in rows[0]
    assert rows[1][1] == "Laporan Keuangan Semester I"  # the office's title, as written
    assert rows[1][3] in ("Published periodically", "Published immediately", "Available at any time", "Exempt")
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Language"] == "The office writes the entries of this list in Indonesian only."
    assert "Law 14/2008" in about["Basis"]
    assert "Public Information List" in book.properties.title

    buffer = io.BytesIO()
    book.save(buffer)
    done = keeper.run("ppid", dip_io.import_xlsx, buffer.getvalue())  # the English download, imported again
    assert [d.outcome for d in done] == ["unchanged"]
    with keeper.sessions() as s:
        assert s.scalar(select(DipItem.title)) == "Laporan Keuangan Semester I"


def test_the_english_pdf_says_its_fixed_words_in_english_and_the_indonesian_one_is_unchanged(keeper):
    keeper.run("ppid", dip.create_item, item_data(title="Laporan Keuangan Semester I"), publish=True)
    with keeper.sessions() as s:
        english = dip_io.export_pdf(s, keeper.rt, compress=False, locale="en")
        indonesian = dip_io.export_pdf(s, keeper.rt, compress=False)
    for words in (b"Public Information List", b"Title and summary", b"As of", b"Page 1/", b"in Indonesian only"):
        assert words in english
    assert b"Laporan Keuangan Semester I" in english
    assert b"Judul dan ringkasan" not in english
    for words in (b"Daftar Informasi Publik", b"Judul dan ringkasan", b"Keadaan per", b"Halaman 1/"):
        assert words in indonesian
    assert b"Title and summary" not in indonesian


def test_the_english_list_page_says_the_files_entries_are_in_indonesian_and_serves_english_files(browser):
    b = browser()
    b.get("/bahasa/en")
    page = text(b.get("/publik/informasi"))
    assert "The files' headings are in English; their entries are in Indonesian, as the office writes them." in page
    r = b.client.get("/publik/informasi/unduh/xlsx")
    assert r.status_code == 200
    assert "public-information-list.xlsx" in r.headers["Content-Disposition"]
    assert load_workbook(io.BytesIO(r.data)).active["B1"].value == "Title"
    r = browser().client.get("/publik/informasi/unduh/xlsx")  # Indonesian, the default: as before
    assert load_workbook(io.BytesIO(r.data)).active["B1"].value == "Judul"
