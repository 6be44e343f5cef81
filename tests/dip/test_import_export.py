"""A PPID imports the office's list from XLSX (all rows or none), and the DIP downloads match the items."""

import io
from datetime import date, timedelta

import pytest
import xlsxwriter
from openpyxl import load_workbook
from sqlalchemy import func, select

from engine import clock, dip, dip_io
from engine.errors import Forbidden, Invalid
from engine.models import DipItem, DipItemVersion
from tests.conftest import sqlite_only
from tests.dip.conftest import exemption_row, item_data

HEADERS = [c.header for c in dip_io.COLUMNS]
UNITS = ("KANWIL", "pendmad", "bagian hubungan masyarakat")  # codes and names, in any case


def workbook(rows, headers=HEADERS) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("DIP")
    dated = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["No", *headers])  # an office's own "No" column is ignored
    for r, row in enumerate(rows, start=1):
        sheet.write_number(r, 0, r)
        for c, header in enumerate(headers, start=1):
            value = row.get(header)
            if isinstance(value, date):
                sheet.write_datetime(r, c, value, dated)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    return buffer.getvalue()


def office_list(n=500, units=UNITS, exemption_id: int | None = None) -> list[dict]:
    """An office's list as it keeps it: four categories (the exempt rows citing ``exemption_id``, the register's
    entry; without one, no row is exempt), three units, dates as cells, text and years."""
    rows = []
    for i in range(1, n + 1):
        kind = ("berkala", "Serta-merta", "setiap saat", "Dikecualikan" if exemption_id else "setiap saat")[i % 4]
        row = {
            "Kode": f"DIP-{i:04d}",
            "Judul": f"Informasi nomor {i} tentang perizinan dan pelayanan madrasah",
            "Ringkasan Isi Informasi": f"Ringkasan informasi {i}",
            "Kategori": kind,
            "Unit Penguasa Informasi": units[i % len(units)],
            "Waktu Pembuatan": date(2026, 1 + i % 11, 1 + i % 28) if i % 2 else str(2020 + i % 6),  # all past
            "Penanggung Jawab": "Kepala Bagian Umum",
            "Jangka Waktu Penyimpanan": "5 tahun",
            "Bentuk Informasi": "Softcopy (PDF)",
            "Dasar Hukum": "UU 14/2008",
        }
        if kind == "berkala":
            row["Ritme (bulan)"] = ("semesteran", 12, "3 bulan")[i % 3]
        if kind == "Dikecualikan":
            row["Dasar Pengecualian"] = "Pasal 17 huruf h"
            row["Nomor Register Pengecualian"] = exemption_id
        else:
            row["Tautan"] = f"https://ppid.example.go.id/dip/{i}"
        rows.append(row)
    return rows


def register_entry(keeper) -> int:
    with keeper.sessions.begin() as s:
        row = exemption_row(clock.now().date() + timedelta(days=365))
        s.add(row)
        s.flush()
        return row.id


# On PostgreSQL too: 500 rows imported in one transaction (their units found by code or name in any case, in SQL) and
# exported again, and an import again changing items and keeping their versions. The others are @sqlite_only: the
# rows' checks (all made before anything is written), who may import, and the downloads' layout and words, Python's
# decision over the same rows (their PostgreSQL twin ran the same Python again).
def test_a_ppid_imports_an_xlsx_of_500_items_and_the_export_matches_them(keeper):
    keeper.run("ppid", dip_io.import_xlsx, workbook(office_list(500, exemption_id=register_entry(keeper))))
    with keeper.sessions() as s:
        assert s.scalar(select(func.count()).select_from(DipItem).where(DipItem.status == "published")) == 500
        assert set(s.scalars(select(DipItemVersion.action))) == {"imported"}
        items = {i.code: i for i in s.scalars(select(DipItem))}
        assert items["DIP-0007"].made_on == date(2026, 8, 8)
        assert items["DIP-0008"].made_on == date(2022, 1, 1)  # a year alone: its first day
        assert items["DIP-0008"].rhythm_months == 3  # "3 bulan"
        assert items["DIP-0004"].rhythm_months == 12
        assert items["DIP-0003"].exemption_note == "Pasal 17 huruf h"
        assert items["DIP-0003"].url is None
        assert items["DIP-0002"].unit.code == "HUMAS"
        exported = load_workbook(io.BytesIO(dip_io.export_xlsx(s, keeper.rt))).active
        rows = list(exported.iter_rows(values_only=True))
        assert list(rows[0]) == [*HEADERS, "Berkas", "Diperbarui", "ID Kawal"]
        by_code = {row[0]: row for row in rows[1:]}
        assert len(by_code) == 500
        for code, item in items.items():
            row = dict(zip(rows[0], by_code[code], strict=True))
            assert row["Judul"] == item.title
            assert row["Kategori"] == dip_io.category_label(item.category, "id")
            assert row["Unit Penguasa Informasi"] == item.unit.name
            assert (row["Waktu Pembuatan"].date() if row["Waktu Pembuatan"] else None) == item.made_on
            assert row["Tautan"] == item.url
            assert row["Ritme (bulan)"] == item.rhythm_months
            assert row["Dasar Pengecualian"] == item.exemption_note


@sqlite_only
def test_one_bad_row_refuses_the_whole_file_naming_every_bad_row(keeper, unchanged):
    rows = office_list(40)
    rows[4]["Kategori"] = "rahasia"
    rows[9]["Unit Penguasa Informasi"] = "Bagian Entah"
    rows[15]["Ritme (bulan)"] = None  # berkala without its rhythm
    rows[20]["Kode"] = rows[19]["Kode"]
    rows[30]["Waktu Pembuatan"] = "kemarin"
    rows[24]["Ringkasan Isi Informasi"] = rows[24]["Tautan"] = None  # serta-merta, saying nothing
    with unchanged(), pytest.raises(Invalid) as refused:
        keeper.run("ppid", dip_io.import_xlsx, workbook(rows))
    assert set(refused.value.fields) == {
        "baris 6.category",
        "baris 11.unit",
        "baris 17.rhythm_months",
        "baris 22.code",
        "baris 26.summary",
        "baris 32.made_on",
    }
    assert "nothing imported" in str(refused.value)


@sqlite_only
def test_a_file_without_a_required_column_or_not_a_workbook_is_refused(keeper, unchanged):
    with unchanged(), pytest.raises(Invalid) as refused:
        keeper.run("ppid", dip_io.import_xlsx, workbook(office_list(3), [h for h in HEADERS if h != "Kategori"]))
    assert "baris 1" in refused.value.fields
    with unchanged(), pytest.raises(Invalid) as refused:
        keeper.run("ppid", dip_io.import_xlsx, b"No,Judul\n1,Laporan\n")
    assert "file" in refused.value.fields


def test_importing_again_changes_the_items_of_the_same_code_and_keeps_their_history(keeper):
    rows = office_list(4)
    keeper.run("ppid", dip_io.import_xlsx, workbook(rows))
    first_title, rows[0]["Judul"] = rows[0]["Judul"], "Judul yang diperbaiki"
    keeper.run("ppid", dip_io.import_xlsx, workbook(rows))
    with keeper.sessions() as s:
        assert s.scalar(select(func.count()).select_from(DipItem)) == 4
        item = s.scalar(select(DipItem).where(DipItem.code == "DIP-0001"))
        assert item.title == "Judul yang diperbaiki"
        assert [v.data["title"] for v in dip.versions(s, item)] == ["Judul yang diperbaiki", first_title]


@sqlite_only
def test_only_the_ppid_imports_a_unit_and_the_admin_are_refused(keeper):
    for user in ("unitmad", "admin"):
        with pytest.raises(Forbidden):
            keeper.run(user, dip_io.import_xlsx, workbook(office_list(2)))


@sqlite_only
def test_the_template_has_the_documented_columns_and_explains_them(keeper):
    book = load_workbook(io.BytesIO(dip_io.template_xlsx()))
    assert [c.value for c in book["DIP"][1]] == HEADERS
    explained = [row[0] for row in book["Petunjuk"].iter_rows(min_row=2, values_only=True)]
    assert [h.replace(" (wajib)", "") for h in explained] == HEADERS


@sqlite_only
def test_the_pdf_lists_the_published_items_and_not_the_drafts(keeper):
    keeper.run("ppid", dip.create_item, item_data(title="Laporan Keuangan Semester I"), publish=True)
    keeper.run("ppid", dip.create_item, item_data(title="Rancangan yang belum terbit"))
    with keeper.sessions() as s:
        pdf = dip_io.export_pdf(s, keeper.rt, compress=False)
    assert pdf.startswith(b"%PDF-")
    assert b"Laporan Keuangan Semester I" in pdf
    assert b"belum terbit" not in pdf


@sqlite_only
def test_the_downloads_name_the_public_body_whose_list_it_is_and_each_unit_by_its_name(keeper, settings):
    """The DIP is the public body's (UU 14/2008 Pasal 11): the PDF is headed by the agency and the office as its
    letters are, and names them at every page's foot; the workbook names them in its properties and printed pages.
    The public reads a unit's name, not its code (KANWIL, PENDMAD), and the workbook still imports again as it is."""
    keeper.run("ppid", dip.create_item, item_data(title="Laporan Keuangan Semester I"), publish=True)
    keeper.run("ppid", dip.create_item, item_data(title="Siaran pers", unit="HUMAS"), publish=True)
    with keeper.sessions() as s:
        pdf = dip_io.export_pdf(s, keeper.rt, compress=False)
        book = load_workbook(io.BytesIO(dip_io.export_xlsx(s, keeper.rt)))
    for name in (settings.agency_name, settings.office_name):
        assert name.upper().encode() in pdf
        assert name in book.properties.title
        assert name in book.active.oddHeader.center.text
    rows = list(book.active.iter_rows(values_only=True))
    units = {row[1]: row[HEADERS.index("Unit Penguasa Informasi")] for row in rows[1:]}
    assert units == {"Laporan Keuangan Semester I": "Kantor Wilayah", "Siaran pers": "Bagian Hubungan Masyarakat"}
    assert b"KANWIL" not in pdf
    assert b"HUMAS" not in pdf

    buffer = io.BytesIO()
    book.save(buffer)
    keeper.run("ppid", dip_io.import_xlsx, buffer.getvalue())  # the export, imported again as it is
    with keeper.sessions() as s:
        again = {i.title: i.unit.code for i in s.scalars(select(DipItem).where(DipItem.status == "published"))}
    assert again == {"Laporan Keuangan Semester I": "KANWIL", "Siaran pers": "HUMAS"}


@sqlite_only
def test_a_unit_whose_name_another_unit_shares_is_exported_by_its_code_so_it_imports_to_the_same_unit(keeper):
    from engine.users import ensure_unit

    with keeper.sessions.begin() as s:
        ensure_unit(s, "HUMAS-2", "Bagian Hubungan Masyarakat")  # two units named alike (a merger under way)
    keeper.run("ppid", dip.create_item, item_data(title="Siaran pers", unit="HUMAS"), publish=True)
    with keeper.sessions() as s:
        rows = list(load_workbook(io.BytesIO(dip_io.export_xlsx(s, keeper.rt))).active.iter_rows(values_only=True))
    assert rows[1][HEADERS.index("Unit Penguasa Informasi")] == "HUMAS"


@sqlite_only
def test_the_downloaded_list_imported_again_changes_its_items_and_duplicates_none(keeper):
    """Re-importing /publik/informasi/unduh/xlsx duplicated every item without an office code (18 -> 28 items)."""
    keeper.run("ppid", dip.create_item, item_data(title="Laporan Keuangan Semester I"), publish=True)
    keeper.run("ppid", dip.create_item, item_data(title="Siaran pers", unit="HUMAS"), publish=True)
    keeper.run("ppid", dip.create_item, item_data(title="Dengan kode", code="DIP-9"), publish=True)
    with keeper.sessions() as s:
        book = load_workbook(io.BytesIO(dip_io.export_xlsx(s, keeper.rt)))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert "ID Kawal" in header
    sheet.cell(row=2, column=header.index("Ringkasan Isi Informasi") + 1, value="Ringkasan diperbarui")
    buffer = io.BytesIO()
    book.save(buffer)
    with keeper.sessions.begin() as s:
        done = dip_io.import_xlsx(s, keeper.rt, keeper.user(s, "ppid"), buffer.getvalue())
        outcomes = sorted((r.row, r.outcome) for r in done)
    assert outcomes == [(2, "updated"), (3, "unchanged"), (4, "unchanged")]
    with keeper.sessions() as s:
        assert s.scalar(select(func.count()).select_from(DipItem)) == 3


@sqlite_only
def test_a_row_without_code_or_id_that_repeats_an_items_title_and_unit_changes_that_item(keeper):
    item_id = keeper.run("ppid", dip.create_item, item_data(title="Siaran pers", unit="HUMAS"), publish=True)
    row = {
        "Judul": "siaran  pers",  # the same title, spelled loosely
        "Kategori": "setiap saat",
        "Unit Penguasa Informasi": "Bagian Hubungan Masyarakat",
        "Ringkasan Isi Informasi": "Siaran pers kantor",
        "Penanggung Jawab": "Kepala Bagian Hubungan Masyarakat",
        "Jangka Waktu Penyimpanan": "5 tahun",
    }
    with keeper.sessions.begin() as s:
        (done,) = dip_io.import_xlsx(s, keeper.rt, keeper.user(s, "ppid"), workbook([row]))
        assert (done.item.id, done.outcome) == (item_id, "updated")
    with pytest.raises(Invalid) as refused:  # two rows for one item: which one holds?
        keeper.run("ppid", dip_io.import_xlsx, workbook([row, row]))
    assert list(refused.value.fields) == ["baris 3.title"]
    with pytest.raises(Invalid) as refused:  # an id that names no item
        keeper.run("ppid", dip_io.import_xlsx, workbook([{**row, "ID Kawal": 999}], [*HEADERS, "ID Kawal"]))
    assert list(refused.value.fields) == ["baris 2.id"]


@sqlite_only
def test_the_downloads_give_each_items_code_real_dates_and_the_day_the_list_stands(keeper, settings):
    """The PDF left out the office's code of each item; the XLSX wrote dates as text and named no day."""
    keeper.run("ppid", dip.create_item, item_data(title="Laporan Keuangan", code="DIP-07"), publish=True)
    with keeper.sessions() as s:
        pdf = dip_io.export_pdf(s, keeper.rt, compress=False)
        book = load_workbook(io.BytesIO(dip_io.export_xlsx(s, keeper.rt)))
    assert b"DIP-07" in pdf
    rows = list(book["DIP"].iter_rows(values_only=True))
    made = rows[1][HEADERS.index("Waktu Pembuatan")]
    assert made.date() == date(2026, 7, 1)  # a date cell, not the text "2026-07-01"
    about = [row for row in book["Keterangan"].iter_rows(values_only=True)]
    assert about[0][1] == dip_io.publisher(keeper.rt)
    assert about[1][0] == "Keadaan per"
    buffer = io.BytesIO()
    book.save(buffer)
    keeper.run("ppid", dip_io.import_xlsx, buffer.getvalue())  # still imports as it is
