"""The PPID's paper for a year as the walk report of session 41 read it (`kawal demo year`): what each document says
of itself (whose, of which period, which reading of the working days, a draft or not), and what it counts.

legal-process.md §2.2 (which reading), §9.1 (the announcement: reasons for refusal), §9.2 (the report: narrative (a),
(d), (e) required; how objections were carried out).
"""

import csv
import io
import re
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import time_machine
from docx import Document
from docx.shared import Cm
from openpyxl import load_workbook
from pypdf import PdfReader

from api.reports import files
from engine import complaint_stats, exemptions
from engine.letters.signers import DEFAULT_POSITIONS
from tests.reports.conftest import YEAR
from tests.reports.narratives import write_narrative
from tests.web.pages import Browser

SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
NOW = datetime(YEAR + 1, 3, 2, 3, 0, tzinfo=UTC)  # March after the year told
READING_ID = "Hari kerja dihitung menurut kalender ketat"


def _ppid(app):
    reader = Browser(app.test_client())
    assert reader.login("tahun_ppid", "kawal-demo").status_code == 302
    return reader


def _get(app, path, reader=None):
    with time_machine.travel(NOW, tick=True):
        response = (reader or _ppid(app)).client.get(path)
    assert response.status_code == 200, path
    return response


def _pdf_text(response) -> str:
    pages = PdfReader(io.BytesIO(response.get_data())).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


@SQLITE_ONLY
def test_a_report_whose_narrative_is_not_written_is_a_draft_without_signature_and_the_page_says_so(year, app):
    """§9.2 (a), (d), (e) are required: with them empty the report printed "(belum diisi)" under each heading over
    the PPID's signature. It is now titled a draft, names the sections to write, and carries no signature."""
    with time_machine.travel(NOW, tick=True):  # one session: signed in once
        reader = _ppid(app)
        page = reader.client.get(f"/laporan/tahunan?periode={YEAR}").get_data(as_text=True)
        printed = _pdf_text(reader.client.get(f"/laporan/tahunan?periode={YEAR}&format=pdf"))
        docx = Document(io.BytesIO(reader.client.get(f"/laporan/tahunan?periode={YEAR}&format=docx").get_data()))
        write_narrative(app, "tahun_ppid", str(YEAR))
        written = reader.client.get(f"/laporan/tahunan?periode={YEAR}").get_data(as_text=True)
        signed = _pdf_text(reader.client.get(f"/laporan/tahunan?periode={YEAR}&format=pdf"))
    assert 'id="draft-warning"' in page
    assert "Kendala internal" in page.split('id="draft-warning"', 1)[1].split("</p>", 1)[0]
    assert f"Konsep: Laporan Layanan Informasi Publik {YEAR}" in printed
    assert "Konsep, belum ditandatangani" in printed
    assert "NIP" not in printed
    assert not any(p.paragraph_format.left_indent == Cm(9) for p in docx.paragraphs)  # no signature block
    assert 'id="draft-warning"' not in written
    assert "Konsep" not in signed
    assert "Pejabat Pengelola Informasi dan Dokumentasi" in signed


@SQLITE_ONLY
def test_the_yearly_report_xlsx_names_the_report_the_public_body_the_period_and_the_reading_above_its_figures(
    year, app
):
    """The register workbooks have a title row; the report's first sheet started at its column headers."""
    book = load_workbook(io.BytesIO(_get(app, f"/laporan/tahunan?periode={YEAR}&format=xlsx").get_data()))
    top = [row[0] for row in book.worksheets[0].iter_rows(max_row=6, values_only=True)]
    settings = app.config["KAWAL"]
    assert top[0].endswith(f"Laporan Layanan Informasi Publik {YEAR}")
    assert top[1] == f"Badan publik: {settings.agency_name}, {settings.office_name}"
    assert top[2].startswith("Periode: 1 Januari")
    assert top[2].endswith(f"31 Desember {YEAR}")
    assert top[3].startswith(READING_ID)


@SQLITE_ONLY
def test_the_yearly_report_docx_is_a4_under_the_letterhead_and_authored_by_the_public_body(year, app):
    """The DOCX was US Letter (8.5 x 11 in) where the PDF is A4, had no letterhead and was authored "python-docx"."""
    docx = Document(io.BytesIO(_get(app, f"/laporan/tahunan?periode={YEAR}&format=docx").get_data()))
    section = docx.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    settings = app.config["KAWAL"]
    assert [p.text for p in docx.paragraphs[:2]] == [settings.agency_name, settings.office_name]
    assert docx.core_properties.author == f"{settings.agency_name}, {settings.office_name}"
    assert any(p.text.startswith(READING_ID) for p in docx.paragraphs)


@SQLITE_ONLY
def test_the_announcement_offers_no_year_before_the_office_s_first_request_and_says_a_year_is_still_running(year, app):
    """Pasal 12: /publik/pengumuman?tahun=2024 printed a letterheaded "0 requests received" for years before any
    record in Kawal; the running year was shown without saying it was running."""
    public = app.test_client()
    with time_machine.travel(NOW, tick=True):
        page = public.get("/publik/pengumuman").get_data(as_text=True)
        before = public.get(f"/publik/pengumuman?tahun={YEAR - 1}&format=csv").get_data().decode("utf-8-sig")
        running = public.get(f"/publik/pengumuman?tahun={YEAR + 1}").get_data(as_text=True)
    offered = re.findall(r'<option value="(\d{4})"', page)
    assert offered == [str(YEAR + 1), str(YEAR)]
    assert next(csv.reader(io.StringIO(before)))[0] == f"Layanan informasi publik {YEAR} dalam angka"  # not YEAR - 1
    assert f"Tahun {YEAR + 1} masih berjalan" in running
    assert f"Tahun {YEAR} masih berjalan" not in page
    assert READING_ID in page


@SQLITE_ONLY
def test_the_announcement_gives_the_reasons_of_partial_grants_and_says_one_refusal_may_cite_several_grounds(year, app):
    """§9.1 (d): the reasons by Pasal 17 letter added to more than the refusals without a word, and the reasons the
    partial grants withheld information were not announced at all (the officers' report had them)."""
    with time_machine.travel(NOW, tick=True):
        page = app.test_client().get(f"/publik/pengumuman?tahun={YEAR}").get_data(as_text=True)
    assert "Satu penolakan dapat didasarkan pada lebih dari satu alasan" in page
    assert "Alasan pengecualian sebagian informasi (UU 14/2008 Pasal 17)" in page
    assert "Sebagian informasi dikecualikan pada" in page


def test_a_settlement_carried_out_is_counted_apart_from_a_grant_carried_out(app):
    """Walk report: "Dikabulkan dan dilaksanakan (informasi diserahkan) 4" counted KEB-2025-000002, settled by
    agreement (musyawarah), not granted (tests/reports/test_year_figures.py counts each against the year told)."""
    from api.reports import labels
    from engine import reports

    keys = [key for _s, key, _p, _of in reports.objection_figures()]
    assert {"carried_out", "settled_carried_out"} <= set(keys)
    with app.test_request_context():
        assert labels.figure_label(None, "objections.settled_carried_out").startswith("Diselesaikan secara musyawarah")


def test_the_complaint_statistics_never_let_a_withheld_time_band_be_worked_out_from_the_closed_count():
    """ "Lebih dari 60 hari kerja <5" was 51 closed minus 49 within 60: the two bands add up to the closed count, so
    the other is withheld with it, as in a breakdown (engine.complaint_stats.breakdown)."""
    tiers = {"within_2": 3, "within_5": 20, "within_14": 40, "within_60": 49, "over_60": 2}
    tiers.update(within_own_tier=45, within_statutory=48, statutory_missed=1, with_tier=51)
    cells = files.complaint_tiers(SimpleNamespace(tiers=tiers))
    assert (cells["within_60"].value, cells["over_60"].value) == (None, None)
    assert cells["within_14"].value == 40


def test_complaint_statistics_xlsx_holds_counts_as_numbers_and_names_the_public_body(app):
    stats = complaint_stats.ComplaintStats(
        total=26,
        closed=20,
        breakdowns={"channel": {"web": complaint_stats.cell(26)}},
        tiers={
            **dict.fromkeys(("within_2", "within_5", "within_14", "within_60"), 20),
            "over_60": 0,
            "within_own_tier": 20,
            "with_tier": 20,
            "within_statutory": 20,
            "statutory_missed": 0,
        },
        not_actionable=0,
        median_days=4,
    )
    with app.test_request_context():
        body = files.complaint_xlsx(app.extensions["kawal_runtime"], stats, "2025")
    rows = list(load_workbook(io.BytesIO(body)).worksheets[0].iter_rows(values_only=True))
    settings = app.config["KAWAL"]
    assert rows[1][:2] == ("Badan publik", f"{settings.agency_name}, {settings.office_name}")
    counts = [row[2] for row in rows if row[0] and row[2] is not None]
    assert all(isinstance(n, int) for n in counts)  # never '26' as text
    assert 26 in counts


def test_the_superior_is_spelled_one_way_in_english_on_every_register():
    """ "PPID Superior" on the objection register (the letters' position), "PPID superior" on the exemption
    register."""
    assert exemptions.DECIDED_AS["atasan_ppid"][1] == DEFAULT_POSITIONS["atasan_ppid"][1] == "PPID Superior"


def test_upheld_objections_read_as_the_ppid_s_decision_upheld_in_english(app):
    from api.reports import labels

    with app.test_request_context(headers={"Accept-Language": "en"}):
        from flask_babel import force_locale

        with force_locale("en"):
            assert labels.figure_label(None, "objections.upheld") == "Dismissed: the PPID's decision upheld"
