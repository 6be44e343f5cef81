"""A deadline's legal basis on an English page: every basis the models and engine.chain store has its English, and
it cites the law as the English letters do ("Law 14/2008 Article 22(7)", not "UU 14/2008")."""

import re
from pathlib import Path

import pytest

from engine import chain
from engine.citations import ENGLISH, citation_in_english, legal_basis
from engine.letters.types import TYPES

ROOT = Path(__file__).resolve().parents[2]
INDONESIAN = re.compile(
    r"\b(Pasal|huruf|ayat|dan|tentang|hari|kerja|jangka|waktu|pemohon|setelah|putusan|tanggapan)\b"
    r"|\b(UU|Perki|PP|Perpres|Permenpan|KMA) \d"
)


def _stored_bases() -> set[str]:
    bases = set()
    for model in (ROOT / "workflows").glob("*.bpmn"):
        bases |= set(re.findall(r'name="legal_basis" value="([^"]*)"', model.read_text(encoding="utf-8")))
    source = Path(chain.__file__).read_text(encoding="utf-8")
    bases |= set(re.findall(r'(?:basis = |"dasar": )"([^"]*)"', source))
    return bases


def test_every_legal_basis_the_models_and_the_chain_store_is_written_out_in_english():
    bases = _stored_bases()
    assert len(bases) >= 20  # the four models' deadlines and the chain's windows
    assert sorted(bases - set(ENGLISH)) == []
    assert [text for text in ENGLISH.values() if INDONESIAN.search(text)] == []


def test_every_letter_type_s_legal_basis_reads_in_english_for_an_english_letter():
    """The basis is an English PDF's Subject (engine.letters.render): it read "UU 14/2008 Pasal 22 ayat (8)"."""
    english = {t.legal_basis: legal_basis(t.legal_basis, "en") for t in TYPES.values()}
    assert {stored: text for stored, text in english.items() if INDONESIAN.search(text)} == {}
    assert english["UU 14/2008 Pasal 22 ayat (8)"] == "Law 14/2008 Article 22(8)"


def test_bahasa_indonesia_reads_the_basis_as_stored():
    assert legal_basis("UU 14/2008 Pasal 22(7)", "id") == "UU 14/2008 Pasal 22(7)"
    assert legal_basis(None, "en") == ""


@pytest.mark.parametrize(
    ("stored", "english"),
    [
        ("UU 14/2008 Pasal 17 huruf h", "Law 14/2008 Article 17(h)"),
        ("UU 14/2008 Pasal 9 ayat (2)", "Law 14/2008 Article 9(2)"),
        ("UU 14/2008 Pasal 22 ayat (7) huruf c", "Law 14/2008 Article 22(7)(c)"),
        ("UU 14/2008 Pasal 36-37 dan Pasal 40", "Law 14/2008 Articles 36-37 and Article 40"),
        ("Perki 1/2013 Pasal 59", "Information Commission Regulation 1/2013 Article 59"),
        ("PP 61/2010 Pasal 14", "Government Regulation 61/2010 Article 14"),
        ("UU 25/2009 Pasal 50; Perpres 76/2013", "Law 25/2009 Article 50; Presidential Regulation 76/2013"),
    ],
)
def test_a_basis_not_written_out_has_its_citation_words_in_english(stored, english):
    assert legal_basis(stored, "en") == english


def test_a_limit_the_office_sets_is_named_in_words_never_by_its_setting():
    """The unit's time to answer showed "(KAWAL_UNIT_RESPONSE_DAYS hari kerja)" on the officers' pages."""
    stored = "Koordinasi dengan unit: batas internal (KAWAL_UNIT_RESPONSE_DAYS hari kerja)"
    assert legal_basis(stored, "id") == "Koordinasi dengan unit: batas internal yang ditetapkan kantor"
    assert "KAWAL_" not in legal_basis(stored, "en")


@pytest.mark.parametrize(
    ("written", "english"),
    [
        ("UU 14/2008 Pasal 9 ayat (2) huruf c", "Law 14/2008 Article 9(2)(c)"),
        ("PMA 90/2013", "Minister of Religious Affairs Regulation 90/2013"),
        ("Perpres 16/2018", "Presidential Regulation 16/2018"),
        ("Keputusan Kepala Kantor Wilayah Nomor 12 Tahun 2026", None),
        ("Contoh standar biaya untuk demo; ganti dengan keputusan kepala kantor", None),
    ],
)
def test_an_office_s_own_basis_is_cited_in_english_only_when_it_is_nothing_but_citations(written, english):
    """An item's or a fee's basis is the office's own text: a citation reads as the English letters cite laws; any
    other words stay as written (the page marks them as Indonesian) rather than come out half translated."""
    assert citation_in_english(written) == english
