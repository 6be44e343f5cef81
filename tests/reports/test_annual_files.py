"""The Laporan Layanan Informasi Publik's files (PDF and DOCX) read as the Commission reads them, in both languages:
whose report it is, of which days, to whom, signed by whom (legal-process.md §9.2); every figure, the annex's too,
in words and never by its key; a semester named in words; the reasons for extension said to be the extensions'.
"""

import io
import re
from collections import Counter
from datetime import UTC, datetime

import pytest
import time_machine
from docx import Document
from pypdf import PdfReader

from engine import kinds
from tests.reports.conftest import YEAR
from tests.reports.narratives import write_narrative
from tests.web.pages import Browser

# The files do not depend on the database's kind: read on SQLite (telling the year on PostgreSQL takes a while).
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
NOW = datetime(YEAR + 1, 3, 2, 3, 0, tzinfo=UTC)  # the report is made in March after the year told
OFFICE = "KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TIMUR"
AGENCY = "KEMENTERIAN AGAMA REPUBLIK INDONESIA"
PPID = ("Dra. Siti Aminah, M.Pd.", "Kepala Bagian Tata Usaha selaku PPID", "197001011995032001")
CONFIGURED = {"KAWAL_OFFICE_NAME": OFFICE, "KAWAL_OFFICE_CITY": "Surabaya", "KAWAL_SIGNATORY_PPID": "; ".join(PPID)}
BLANK_NAME = "(........................................)"
# A figure's key as engine.reports names it ("requests.channel_langsung"): never printed in the PDF or the DOCX.
FIGURE_KEY = re.compile(r"\b(requests|outcomes|refusals|redactions|time|fees|objections|disputes|court)\.[a-z_0-9]+")


# The files read so far in this process, by what decides their text (the office and PPID configured, the period and
# the language): the tests read the same year's files again and again, each render about a second.
_READ: dict[tuple, dict[str, str]] = {}


def _files(app, period: str, language: str) -> dict[str, str]:
    """The text of the report's PDF and DOCX as the PPID downloads them from the page, spaces folded to one."""
    settings = app.config["KAWAL"]
    key = (settings.office_name, settings.office_city, settings.signatories.get("ppid"), period, language)
    if key not in _READ:
        _READ[key] = _download(app, period, language)
    return _READ[key]


def _download(app, period: str, language: str) -> dict[str, str]:
    texts = {}
    write_narrative(app, "tahun_ppid", period)  # no draft: a draft is not signed
    with time_machine.travel(NOW, tick=True):
        ppid = Browser(app.test_client())
        assert ppid.login("tahun_ppid", "kawal-demo").status_code == 302
        ppid.client.get(f"/bahasa/{language}")
        body = ppid.client.get(f"/laporan/tahunan?periode={period}&format=pdf")
        assert body.status_code == 200
        texts["pdf"] = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body.get_data())).pages)
        body = ppid.client.get(f"/laporan/tahunan?periode={period}&format=docx")
        assert body.status_code == 200
    document = Document(io.BytesIO(body.get_data()))
    cells = [" | ".join(cell.text for cell in row.cells) for table in document.tables for row in table.rows]
    texts["docx"] = "\n".join([p.text for p in document.paragraphs] + cells)
    return {kind: re.sub(r"\s+", " ", text) for kind, text in texts.items()}


@SQLITE_ONLY
@pytest.mark.parametrize("settings_overrides", [CONFIGURED])
def test_the_report_names_the_public_body_the_period_s_first_and_last_day_and_whom_it_goes_to(year, app):
    """§9.2: the report of the public body (its office and agency, as its letters name them) for the year or the
    semester, to the PPID's superior with a copy to the Commission."""
    expected = {
        ("id", str(YEAR)): ("Badan publik", f"1 Januari {YEAR} – 31 Desember {YEAR}", "Atasan PPID, dengan tembusan"),
        ("en", str(YEAR)): ("Public body", f"1 January {YEAR} – 31 December {YEAR}", "The PPID's superior, with a"),
        ("id", f"{YEAR}-S1"): ("Badan publik", f"1 Januari {YEAR} – 30 Juni {YEAR}", "kepada Komisi Informasi"),
        ("en", f"{YEAR}-S2"): ("Public body", f"1 July {YEAR} – 31 December {YEAR}", "to the Information Commission"),
    }
    for (language, period), (label, days, addressee) in expected.items():
        for kind, text in _files(app, period, language).items():
            where = (language, period, kind)
            # The public body as the letterhead names it: the agency, the office under it.
            assert f"{AGENCY} {OFFICE}" in text, where
            assert f"{OFFICE}, {AGENCY}" not in text, where
            assert label in text, where
            assert days in text, where
            assert addressee in text, where


@SQLITE_ONLY
@pytest.mark.parametrize("settings_overrides", [CONFIGURED])
def test_the_report_is_signed_by_the_ppid_the_office_configured(year, app):
    name, position, nip = PPID
    for language, day in (("id", f"Surabaya, 2 Maret {YEAR + 1}"), ("en", f"Surabaya, 2 March {YEAR + 1}")):
        for kind, text in _files(app, str(YEAR), language).items():
            assert f"{day} {position}, {name} NIP {nip}" in text, (language, kind)
            assert BLANK_NAME not in text, (language, kind)


@SQLITE_ONLY
def test_without_a_configured_ppid_the_report_is_signed_by_the_office_s_only_ppid_as_a_letter_is(year, app):
    """As a letter is (engine.letters.signers): the office's only PPID under the PPID's position, not a blank line
    (tests/reports/test_paper_office.py: several PPIDs, a NIP)."""
    for language, position in (
        ("id", "Pejabat Pengelola Informasi dan Dokumentasi"),
        ("en", "Information and Documentation Management Officer"),
    ):
        for kind, text in _files(app, str(YEAR), language).items():
            assert f"{position}, Tahun_Ppid" in text, (language, kind)
            assert BLANK_NAME not in text, (language, kind)
            assert "NIP" not in text, (language, kind)


@SQLITE_ONLY
def test_the_annex_names_each_figure_in_words_with_its_count_never_by_its_key(year, app):
    """The annex printed "Langsung (requests.channel_langsung, 21)"; it reads "Langsung (21): PPID-…" under its
    section's title, the title that tells one "Dikabulkan seluruhnya" from another."""
    web = sum(1 for story in year.told(kinds.REQUEST) if story.channel == "web")
    assert web
    for language, section, channel in (
        ("id", "Permohonan diterima", "Portal web"),
        ("en", "Requests received", "Web portal"),
    ):
        for kind, text in _files(app, str(YEAR), language).items():
            where = (language, kind)
            assert FIGURE_KEY.findall(text) == [], where
            annex = text.partition("Lampiran" if language == "id" else "Annex: the tickets")[2]
            assert re.search(rf"{section} .*{channel} \({web}\): PPID-{YEAR}-", annex), where


@SQLITE_ONLY
@pytest.mark.parametrize("settings_overrides", [CONFIGURED])  # the semesters' files the first test read
def test_a_semester_report_is_titled_by_its_semester_in_words_not_by_its_key(year, app):
    titles = {
        ("id", "S1"): f"Laporan Layanan Informasi Publik Semester I (Januari–Juni) {YEAR}",
        ("en", "S2"): f"Public Information Service Report Semester II (July–December) {YEAR}",
    }
    for (language, semester), title in titles.items():
        for kind, text in _files(app, f"{YEAR}-{semester}", language).items():
            # a line of the PDF's title may break after the dash: compared without spaces
            assert title.replace(" ", "") in text.replace(" ", ""), (language, semester, kind)
            assert f"{YEAR}-{semester}" not in text, (language, semester, kind)


@SQLITE_ONLY
def test_the_reasons_for_extension_are_printed_as_the_extensions_reasons_and_count_the_extended_requests(year, app):
    """Bare, "Belum dikuasai 3" read as contradicting the decision "Belum dikuasai atau belum didokumentasikan 7".
    Each reason says it is why a request was extended, counts the requests extended for it, and its share is of the
    requests extended (which the reasons add up to)."""
    plans = [s.plan for s in year.told(kinds.REQUEST) if s.plan["result"] not in ("dicabut", "ditutup_tidak_lengkap")]
    reasons = Counter(plan["extension_reason"] for plan in plans if plan["extended"])
    extended = sum(reasons.values())
    assert len(reasons) >= 2
    words = {
        "id": {
            "belum_dikuasai": "Diperpanjang karena: informasi belum dikuasai",
            "belum_didokumentasikan": "Diperpanjang karena: informasi belum didokumentasikan",
            "belum_dapat_diputuskan_dikecualikan": "Diperpanjang karena: belum dapat diputuskan apakah dikecualikan",
        },
        "en": {
            "belum_dikuasai": "Extended because: information not yet held",
            "belum_didokumentasikan": "Extended because: information not yet documented",
            "belum_dapat_diputuskan_dikecualikan": "Extended because: not yet decided whether it is exempt",
        },
    }
    for language, labels in words.items():
        decimal = "," if language == "id" else "."
        for kind, text in _files(app, str(YEAR), language).items():
            for reason, label in labels.items():
                count = reasons[reason]
                share = f"{100 * count / extended:.1f}%".replace(".", decimal)
                row = f"{label} | {count} | {share}" if kind == "docx" else f"{label} {count} {share}"
                assert row in text, (language, kind, row)
            bare = "Belum dikuasai |" if language == "id" else "Not yet held |"
            assert bare not in text, (language, kind)
