"""The dispute register as a reader reads it (legal-process.md §5.2): each decision by the day it is dated, the
court's judgment by its date and by what it means for the information request; and the registers' workbooks
hold numbers and dates a spreadsheet can sort and sum (the CSV stays text).

The cases are worked at engine level (tests.workflows.conftest.Office), then read as the PPID reads them: the
register page in both languages, its CSV and its XLSX.

On PostgreSQL too: the adjudication's date, a day kept in the dispute's facts and read back into the register. The
other tests read further days and instants of the same rows (the same round trip) and check what Python writes of
them (the wording in both languages, a workbook's cell types): SQLite alone.
"""

import csv
import io
import itertools
import re
from datetime import UTC, datetime

import pytest
import time_machine
from openpyxl import load_workbook

from engine.runtime import Runtime
from tests.conftest import sqlite_only
from tests.helpers import NOTICE, decision
from tests.workflows.conftest import Office
from tests.workflows.test_sengketa_paths import BERKAS, BUKTI, KESIMPULAN, MANDAT, SURAT_KUASA, wib

SUMMONED = datetime(2027, 1, 13, 3, 0, tzinfo=UTC)  # Wed 13 Jan 2027, 10:00 WIB


@pytest.fixture
def clock():
    with time_machine.travel(SUMMONED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(settings, session_factory_):
    return Office(session_factory_, Runtime(settings))


def _heard(office, clock, **outcome):
    """A dispute on an unanswered request (ground c), prepared and through its preliminary hearing on 20 Jan."""
    ticket = office.dispute(office.objection(office.submit(), ["c"]))
    office.complete(ticket, "surat_kuasa", SURAT_KUASA)
    office.complete(ticket, "siapkan_berkas", BERKAS)
    clock.move_to(wib("2027-01-20"))
    office.message(ticket, "pemeriksaan_awal", {"tanggal": "2027-01-20", "hasil": "dilanjutkan", **outcome})
    return ticket


def _adjudicated(office, clock, amar):
    """The decision read on Fri 26 Feb 2027, its copy received on Mon 1 Mar, recorded on Wed 3 Mar."""
    ticket = _heard(office, clock, mediasi=False)
    clock.move_to(wib("2027-02-17"))
    office.complete(ticket, "bukti_ajudikasi", BUKTI)
    office.complete(ticket, "kesimpulan", KESIMPULAN)
    clock.move_to(wib("2027-03-03", hour=9))
    decision = {"tanggal_dibacakan": "2027-02-26", "tanggal_diterima": "2027-03-01", "amar": amar}
    office.message(ticket, "putusan_ajudikasi", decision)
    return ticket


def _page(reader, path) -> list[dict]:
    """The register page's rows, each as {header: cell text}."""
    page = reader.get(path).get_data(as_text=True)
    headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', page)
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S)[1:]:
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
        if len(cells) == len(headers):
            rows.append(dict(zip(headers, cells, strict=True)))
    return rows


def _csv(reader, path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(reader.get(path).get_data(as_text=True).removeprefix("\ufeff"))))


def _xlsx(reader, path) -> list[dict]:
    """The workbook's rows under its title and header, each as {header: openpyxl cell}, to the blank row under the
    table (a note on the reading of the working days may follow it)."""
    sheet = load_workbook(io.BytesIO(reader.client.get(path).get_data())).active
    rows = list(sheet.iter_rows(min_row=2))
    headers = [cell.value for cell in rows[0]]
    table = itertools.takewhile(lambda row: any(cell.value is not None for cell in row), rows[1:])
    return [dict(zip(headers, row, strict=True)) for row in table]


def test_the_dispute_register_dates_the_adjudication_by_the_day_it_was_read_not_the_day_it_was_recorded(
    office, clock, browser
):
    """Perki 1/2013 Pasal 59: an adjudication decision is read in a public session; the register printed the
    moment an officer recorded it ("3 Mar 2027, 09:00 WIB") as its date."""
    ticket = _adjudicated(office, clock, "ditolak")
    ppid = browser("ppid")
    [row] = _page(ppid, "/laporan/register/sengketa")
    assert (row["Nomor register"], row["Tanggal keputusan"]) == (ticket, "26 Feb 2027")
    [line] = _csv(ppid, "/laporan/register/sengketa?format=csv")
    assert line["Tanggal keputusan"] == "26 Feb 2027"
    [cells] = _xlsx(ppid, "/laporan/register/sengketa?format=xlsx")
    assert cells["Tanggal keputusan"].value == datetime(2027, 2, 26)  # a date, not the moment recorded


@sqlite_only
def test_the_dispute_register_dates_a_mediation_agreement_by_the_day_it_was_made(office, clock, browser):
    """UU 14/2008 Pasal 39: the agreement is the mediation's decision; it is dated when it was made (27 Jan), not
    when an officer recorded it two days later."""
    ticket = _heard(office, clock, mediasi=True, tanggal_mediasi="2027-01-20")
    office.complete(ticket, "mandat_mediasi", MANDAT)
    clock.move_to(wib("2027-01-29", hour=15))
    agreement = {"tanggal": "2027-01-27", "hasil": "berhasil", "kesepakatan": "Informasi diserahkan"}
    office.message(ticket, "hasil_mediasi", agreement)
    [row] = _page(browser("ppid"), "/laporan/register/sengketa")
    assert (row["Mediasi"], row["Tanggal keputusan"]) == ("Sepakat", "27 Jan 2027")


@sqlite_only
def test_the_dispute_register_gives_the_court_s_judgment_its_date_and_its_effect_on_the_information_request(
    office, clock, browser
):
    """The court's amar is recorded as its effect on the information request (pesan_putusan_pengadilan.json): beside
    "challenged by the office", a bare "Ditolak" read as the office's challenge dismissed, when the office won it
    and the request was refused. The judgment's date was not in the register at all."""
    ticket = _adjudicated(office, clock, "dikabulkan_seluruhnya")
    clock.move_to(wib("2027-03-15"))
    challenge = {
        "sikap": "mengajukan_keberatan",
        "alasan_sikap": "Informasi dikecualikan",
        "pengadilan": "PTUN Jakarta",
        "tanggal_pengajuan_keberatan": "2027-03-15",
    }
    office.complete(ticket, "sikap_atas_putusan", challenge)
    clock.move_to(wib("2027-05-06"))  # the judgment of Mon 3 May recorded on Thursday
    judgment = {
        "tanggal": "2027-05-03",
        "pengadilan": "PTUN Jakarta",
        "nomor_perkara": "12/G/KI/2027",
        "amar": "ditolak",
    }
    office.message(ticket, "putusan_pengadilan", judgment)

    ppid = browser("ppid")
    court = ("Keberatan ke pengadilan oleh", "Putusan pengadilan: akibat bagi permohonan informasi")
    wanted = {court[0]: "Kantor (Termohon)", court[1]: "Permohonan informasi ditolak"}
    wanted["Tanggal putusan pengadilan"] = "3 Mei 2027"
    [row] = _page(ppid, "/laporan/register/sengketa?kolom=semua")  # who challenged: in the full set
    assert {key: row[key] for key in wanted} == wanted
    headers = list(row)
    assert headers.index(court[1]) == headers.index(court[0]) + 1  # the court stage's columns stand together
    assert headers.index("Tanggal putusan pengadilan") == headers.index(court[1]) + 1
    [line] = _csv(ppid, "/laporan/register/sengketa?format=csv")
    assert {key: line[key] for key in wanted} == wanted
    [cells] = _xlsx(ppid, "/laporan/register/sengketa?format=xlsx")
    assert cells[court[1]].value == "Permohonan informasi ditolak"
    assert cells["Tanggal putusan pengadilan"].value == datetime(2027, 5, 3)

    ppid.get("/bahasa/en")
    [row] = _page(ppid, "/laporan/register/sengketa?kolom=semua")
    assert (
        row["Court challenge by"],
        row["Court decision: effect on the information request"],
        row["Court decision date"],
    ) == ("The office", "Information request refused", "3 May 2027")


@sqlite_only
def test_a_register_workbook_holds_numbers_as_numbers_and_dates_as_dates_and_its_csv_text(office, clock, browser):
    """A spreadsheet sorts and sums the XLSX's working days, fees and dates: they were all written as text."""
    ticket = office.submit()  # Wed 13 Jan 2027, 10:00 WIB
    clock.move_to(wib("2027-01-18"))
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    office.complete(ticket, "uji_konsekuensi")
    office.complete(ticket, "tetapkan_pengecualian")
    office.complete(
        ticket, "pemberitahuan_tertulis", {**NOTICE["ditolak_dikecualikan"], "tanggal_pemberitahuan": "2027-01-18"}
    )

    ppid = browser("ppid")
    days, sent, fee = "Jangka waktu (hari kerja)", "Tanggal surat dikirim", "Biaya dikenakan (Rp)"
    [row] = _page(ppid, "/laporan/register/permohonan")
    assert (row["Diterima"], row[sent], row[fee]) == ("13 Jan 2027, 10:00 WIB", "18 Jan 2027", "0")
    [cells] = _xlsx(ppid, "/laporan/register/permohonan?format=xlsx")
    assert cells["Nomor register"].value == ticket
    assert cells[days].data_type == "n"
    assert cells[days].value == int(row[days]) > 0
    assert (cells[fee].value, cells[fee].number_format) == (0, "#,##0")
    received, notice = cells["Diterima"], cells[sent]
    assert (received.is_date, received.number_format) == (True, 'yyyy-mm-dd hh:mm "WIB"')
    assert received.value.replace(second=0, microsecond=0) == datetime(2027, 1, 13, 10, 0)  # the office's time
    assert (notice.is_date, notice.number_format, notice.value) == (True, "yyyy-mm-dd", datetime(2027, 1, 18))
    [line] = _csv(ppid, "/laporan/register/permohonan?format=csv")
    assert (line["Diterima"], line[sent], line[days]) == ("13 Jan 2027, 10:00 WIB", "18 Jan 2027", row[days])
