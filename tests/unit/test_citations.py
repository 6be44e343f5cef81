"""A deadline's legal basis on an English page: every basis the models and engine.chain store has its English."""

import re
from pathlib import Path

import pytest

from engine import chain
from engine.citations import ENGLISH, legal_basis

ROOT = Path(__file__).resolve().parents[2]
INDONESIAN = re.compile(r"\b(Pasal|huruf|ayat|dan|hari|kerja|jangka|waktu|pemohon|setelah|putusan|tanggapan)\b")


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


def test_bahasa_indonesia_reads_the_basis_as_stored():
    assert legal_basis("UU 14/2008 Pasal 22(7)", "id") == "UU 14/2008 Pasal 22(7)"
    assert legal_basis(None, "en") == ""


@pytest.mark.parametrize(
    ("stored", "english"),
    [
        ("UU 14/2008 Pasal 17 huruf h", "UU 14/2008 Article 17(h)"),
        ("UU 14/2008 Pasal 9 ayat (2)", "UU 14/2008 Article 9 paragraph (2)"),
        ("UU 14/2008 Pasal 36-37 dan Pasal 40", "UU 14/2008 Articles 36-37 and Article 40"),
    ],
)
def test_a_basis_not_written_out_has_its_citation_words_in_english(stored, english):
    assert legal_basis(stored, "en") == english


def test_a_limit_the_office_sets_is_named_in_words_never_by_its_setting():
    """The unit's time to answer showed "(KAWAL_UNIT_RESPONSE_DAYS hari kerja)" on the officers' pages."""
    stored = "Koordinasi dengan unit: batas internal (KAWAL_UNIT_RESPONSE_DAYS hari kerja)"
    assert legal_basis(stored, "id") == "Koordinasi dengan unit: batas internal yang ditetapkan kantor"
    assert "KAWAL_" not in legal_basis(stored, "en")
