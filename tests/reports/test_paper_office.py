"""The public body and its PPID on the report and the announcement, as on the letters (legal-process.md §9.1, §9.2).

The letters' letterhead names the agency with the office under it (engine.letters.render); the yearly announcement
(UU 14/2008 Pasal 12) named no public body at all, the report "<office>, <agency>". Both now name them as the
letterhead does. The report was signed over a blank line although the office has a PPID the letters name: it is
signed by the letters' rule (engine.letters.signers). Its sections B (service) and C (disputes) each have their own
heading, and the median time to fulfil stands with the time bands.
"""

import csv
import io
import re
from datetime import UTC, datetime

import pytest
import time_machine
from pypdf import PdfReader
from sqlalchemy import select

from api.extensions import db
from engine.models import User
from engine.users import create_user
from tests.conftest import PASSWORD
from tests.reports.narratives import write_narrative
from tests.web.pages import Browser

YEAR = 2026
NOW = datetime(YEAR + 1, 3, 2, 3, 0, tzinfo=UTC)
OFFICE = "KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TIMUR"
AGENCY = "KEMENTERIAN AGAMA REPUBLIK INDONESIA"
NAMED = {"KAWAL_OFFICE_NAME": OFFICE, "KAWAL_AGENCY_NAME": AGENCY}
PPID = "Pejabat Pengelola Informasi dan Dokumentasi"
BLANK_NAME = "(........................................)"
# The files do not depend on the database's kind.
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _text(response) -> str:
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.get_data()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _report(app, username="ppid") -> str:
    write_narrative(app, username, str(YEAR))  # no draft: a draft is not signed
    with time_machine.travel(NOW, tick=True):
        reader = Browser(app.test_client())
        assert reader.login(username, PASSWORD).status_code == 302
        return _text(reader.client.get(f"/laporan/tahunan?periode={YEAR}&format=pdf"))


@SQLITE_ONLY
@pytest.mark.parametrize("settings_overrides", [NAMED])
def test_the_announcement_names_the_public_body_as_its_letters_do_in_the_pdf_and_the_csv(app):
    """§9.1: the announcement is the public body's own; its PDF and CSV said only "UU 14/2008 Pasal 12"."""
    public = app.test_client()
    year = NOW.year  # the office holds no request yet: only the running year is offered (no year before its records)
    with time_machine.travel(NOW, tick=True):
        printed = _text(public.get(f"/publik/pengumuman?tahun={year}&format=pdf"))
        table = public.get(f"/publik/pengumuman?tahun={year}&format=csv")
    assert printed.startswith(f"{AGENCY} {OFFICE} Layanan informasi publik {year} dalam angka")  # the letterhead
    assert f"Badan publik {AGENCY} {OFFICE} UU 14/2008 Pasal 12" in printed
    body = table.get_data().decode("utf-8-sig")  # a byte order mark, if any, opens the file and nothing else
    assert "\ufeff" not in body
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == [f"Layanan informasi publik {year} dalam angka", "UU 14/2008 Pasal 12"]
    assert rows[1] == ["Badan publik", f"{AGENCY}, {OFFICE}"]  # the agency, the office under it, as a register's
    assert rows[2] == [
        f"Tahun {year} masih berjalan: angka ini menghitung permohonan yang diterima sampai dengan 2 Maret 2027."
    ]
    assert rows[rows.index([]) + 1] == ["Angka", "Jumlah"]  # then the figures, as before


@SQLITE_ONLY
@pytest.mark.parametrize("settings_overrides", [NAMED])
def test_the_report_names_the_public_body_as_its_letters_do(app):
    text = _report(app)
    assert text.startswith(f"{AGENCY} {OFFICE} Laporan Layanan Informasi Publik {YEAR}")  # the letterhead
    assert f"Badan publik {AGENCY} {OFFICE} Periode" in text
    assert f"{OFFICE}, {AGENCY}" not in text


@SQLITE_ONLY
def test_the_report_is_signed_by_the_office_s_ppid_with_their_nip_as_the_letters_are(app):
    """No signatory configured: the letters name the office's only PPID, with the NIP their account holds; so does
    the report, not a blank line."""
    with app.app_context():
        db.session.scalar(select(User).where(User.username == "ppid")).nip = "197001011995032001"
        db.session.commit()
    text = _report(app, "atasan")
    assert f"{PPID}, Ppid NIP 197001011995032001" in text
    assert BLANK_NAME not in text


@SQLITE_ONLY
def test_with_several_ppids_the_report_is_signed_by_the_ppid_who_makes_it_and_by_nobody_s_name_otherwise(app):
    with app.app_context():
        create_user(db.session, "ppid2", PASSWORD, ["ppid"], "Dewi Lestari (PPID)")
        db.session.commit()
    made = _report(app, "ppid2")
    assert f"{PPID}, Dewi Lestari" in made
    assert "Dewi Lestari (PPID)" not in made  # the name as it signs, without the page's role note
    read = _report(app, "atasan")  # the superior reads it: neither PPID is picked for them
    assert f"{PPID}, {BLANK_NAME}" in read
    assert "Dewi Lestari" not in read


@SQLITE_ONLY
@pytest.mark.parametrize("settings_overrides", [{"KAWAL_SIGNATORY_PPID": "Dra. Siti Aminah; Kepala Bagian TU; 1970"}])
def test_a_configured_ppid_still_signs_the_report(app):
    text = _report(app)
    assert "Kepala Bagian TU, Dra. Siti Aminah NIP 1970" in text
    assert "Ppid" not in text


@SQLITE_ONLY
def test_the_report_gives_service_and_disputes_their_own_headings_and_the_median_with_the_time_bands(app):
    """§9.2 (b) service details, with the time to fulfil by its bands; (c) dispute details. The median was printed
    after the court cases, under one heading "B. ... dan C. ..."."""
    text = _report(app)
    order = [
        "B. Rincian layanan informasi publik",
        "Permohonan diterima",
        "Waktu pemenuhan permohonan",
        "Dalam 17 hari kerja",
        "Median waktu pemenuhan",
        "Biaya dikenakan",
        "C. Rincian penyelesaian sengketa informasi publik",
        "Keberatan kepada Atasan PPID",
        "Sengketa di Komisi Informasi",
        "Perkara di pengadilan",
        "D. Kendala",
    ]
    found = [text.find(words) for words in order]
    assert -1 not in found, dict(zip(order, found, strict=True))
    assert found == sorted(found), dict(zip(order, found, strict=True))
    assert "B. Rincian layanan dan C." not in text
    median = text.index("Median waktu pemenuhan")
    assert text.index("Lebih dari 17 hari kerja") < median < text.index("Permohonan yang dikenai biaya")
