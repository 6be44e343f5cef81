"""The register of exempt information's page downloads the files the API gives (engine.exemptions.export_csv and
export_xlsx: one writer of the register's files, in the page's language, the workbook titled with whose register and
the period), shares the process registers' form and table (reports/_register.html), and says why an entry ended in
the reader's language (engine.exemption_words)."""

import io
from datetime import date

from babel.dates import format_date
from markupsafe import escape
from openpyxl import load_workbook
from sqlalchemy import select

from api.extensions import db
from engine import exemption_words, exemptions
from engine.models import Exemption
from tests.conftest import (
    db_url,  # noqa: F401 - both databases again (tests/web/conftest.py): the register's query and its export
    sqlite_only,
)
from tests.web.test_exemption_register_page import URL, refuse_as_exempt

HEADERS_ID = [
    "No.",
    "No. Register",
    "Nomor Permohonan",
    "Informasi yang Dikecualikan",
    "Bagian yang Dikecualikan",
    "Pasal 17 UU 14/2008 (huruf)",
    "Dasar Hukum",
    "Uji Konsekuensi",
    "Uji Kepentingan Publik",
    "Berlaku Sampai",
    "Nomor Penetapan",
    "Tanggal Penetapan",
    "Nama Pejabat yang Menetapkan",
    "Ditetapkan oleh (jabatan)",
    "Status",
    "Tanggal Berakhir",
    "Alasan Berakhir",
]
OBJECTION = "KEB-2026-000007"


def ended_by_objection(app, desk) -> Exemption:
    """An entry decreed today and ended today by an objection granted in full, its reason stored as Kawal stores it."""
    refuse_as_exempt(desk)
    with app.app_context():
        entry = db.session.scalars(select(Exemption)).one()
        entry.ended_on = entry.decree_date
        entry.ended_reason = exemption_words.stored(exemption_words.OBJECTION, objection=OBJECTION)
        db.session.commit()
        db.session.expunge(entry)
        return entry


def test_the_page_s_download_is_the_register_s_export_with_its_columns_and_rows(app, browser, desk):
    entry = ended_by_objection(app, desk)
    ppid = browser("ppid").client
    csv_file = ppid.get(f"{URL}?format=csv")
    assert csv_file.status_code == 200
    assert csv_file.mimetype == "text/csv"
    with app.app_context():
        rows = exemptions.register(db.session, entry.decree_date)
        assert csv_file.get_data() == exemptions.export_csv(rows, "id")  # the API's file, byte for byte
    lines = csv_file.get_data().decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(HEADERS_ID)
    day = format_date(entry.decree_date, "d MMM y", locale="id")  # as the other registers' CSV write a day
    (listed,) = rows
    assert listed["request_ticket"].startswith("PPID-")  # traced to the request it was made on
    assert listed["decided_by_name"]  # and to the official who made it, by name
    assert lines[1] == ",".join(
        [
            "1",
            str(entry.id),
            listed["request_ticket"],
            entry.information,
            entry.exempted_parts,
            ", ".join(entry.letters) if len(entry.letters) == 1 else f'"{", ".join(entry.letters)}"',
            entry.legal_basis,
            entry.harm_test,
            entry.public_interest_test,
            format_date(entry.valid_until, "d MMM y", locale="id"),
            entry.decree_number,
            day,
            listed["decided_by_name"],
            exemptions.DECIDED_AS[entry.decided_as][0],
            "Berakhir",
            day,
            f"Keberatan {OBJECTION} dikabulkan seluruhnya oleh Atasan PPID",
        ]
    )
    workbook = load_workbook(io.BytesIO(ppid.get(f"{URL}?format=xlsx").get_data()))
    sheet = workbook.active
    assert sheet.title == "Informasi yang Dikecualikan"
    title, headers, row = sheet.iter_rows(values_only=True)
    assert title[0].startswith("Register Informasi yang Dikecualikan · ")
    assert list(headers) == HEADERS_ID
    assert sheet.freeze_panes == "A3"  # the headers stay in view
    assert row[:2] == (1, entry.id)  # numbers
    assert [row[9].date(), row[11].date(), row[15].date()] == [entry.valid_until, entry.decree_date, entry.decree_date]
    assert row[-1] == f"Keberatan {OBJECTION} dikabulkan seluruhnya oleh Atasan PPID"


# The others on SQLite alone: the same register's rows and days again, then its words and layout, in Python. The
# first test keeps the register's query, its days read back and its export on PostgreSQL.
@sqlite_only
def test_the_api_s_workbook_writes_the_register_s_days_as_dates_as_the_page_s_does(app, desk, client, login):
    entry = ended_by_objection(app, desk)
    response = client.get("/api/v1/exemptions/export?format=xlsx&lang=en", headers=login("ppid"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert sheet.title == "Exempt information"
    headers, row = sheet.iter_rows(values_only=True)  # no title: the API's file is the whole register
    assert headers[:3] == ("No.", "Register no.", "Request no.")
    assert (row[1], row[11].date()) == (entry.id, entry.decree_date)
    assert row[-1] == f"Objection {OBJECTION} granted in full by the PPID's superior"


@sqlite_only
def test_why_an_entry_ended_reads_in_the_page_s_language_on_the_page_and_in_its_files(app, browser, desk):
    entry = ended_by_objection(app, desk)
    english = f"Objection {OBJECTION} granted in full by the PPID's superior"
    indonesian = f"Keberatan {OBJECTION} dikabulkan seluruhnya oleh Atasan PPID"
    ppid = browser("ppid")
    assert f"<td>{indonesian}</td>" in ppid.get(URL).get_data(as_text=True)
    ppid.client.get("/bahasa/en")
    page = ppid.get(URL).get_data(as_text=True)
    assert f"<td>{escape(english)}</td>" in page
    assert "dikabulkan" not in page
    assert english in ppid.client.get(f"{URL}?format=csv").get_data().decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(ppid.client.get(f"{URL}?format=xlsx").get_data())).active
    assert sheet.title == "Exempt information"
    assert [r[-1] for r in sheet.iter_rows(values_only=True)][2] == english
    assert f'<th scope="row">1</th><td>{entry.id}</td><td>PPID-' in page


@sqlite_only
def test_both_registers_pages_share_the_form_and_the_table(app, browser, desk):
    """The process registers and the register of exempt information are one form and one table (the macros of
    reports/_register.html): the same buttons, the same scrolling table headed by its first column, and an invalid
    choice of rows marked on its select on both (the process registers' select was not)."""
    ended_by_objection(app, desk)
    ppid = browser("ppid")
    pages = {
        "exemptions": ppid.get(URL).get_data(as_text=True),
        "register": ppid.get("/laporan/register/permohonan").get_data(as_text=True),
    }
    for prefix, page in pages.items():
        assert '<button type="submit" class="secondary" name="format" value="xlsx">Unduh XLSX</button>' in page
        assert '<div class="table-scroll" tabindex="0" role="region" aria-label="Register ' in page
        assert '<tbody>\n    <tr><th scope="row">' in page
        assert f'<select id="{prefix}-state" name="state">' in page
    assert '<th scope="row"><a href="/kasus/' in pages["register"]  # a register's ticket opens its case
    for url, prefix in ((f"{URL}?state=semua", "exemptions"), ("/laporan/register/permohonan?state=semua", "register")):
        refused = ppid.get(url)
        assert refused.status_code == 422
        page = refused.get_data(as_text=True)
        assert f'<div class="field has-error">\n    <label for="{prefix}-state">' in page
    days = ppid.get(f"{URL}?from={date(2026, 1, 1).isoformat()}").get_data(as_text=True)
    assert "<legend>Ditetapkan dalam periode</legend>" in days
    assert 'aria-describedby="exemptions-period-hint"' in days


@sqlite_only
def test_the_api_s_register_says_why_an_entry_ended_in_the_caller_s_language(app, desk, client, login):
    ended_by_objection(app, desk)
    english = f"Objection {OBJECTION} granted in full by the PPID's superior"
    indonesian = f"Keberatan {OBJECTION} dikabulkan seluruhnya oleh Atasan PPID"
    listed = client.get("/api/v1/exemptions", headers={**login("ppid"), "Accept-Language": "en"})
    assert [item["ended_reason"] for item in listed.get_json()["items"]] == [english]
    listed = client.get("/api/v1/exemptions", headers=login("ppid"))
    assert [item["ended_reason"] for item in listed.get_json()["items"]] == [indonesian]
