"""An English letter cites a law by its English name, as engine.citations writes every English citation ("Law
25/2009", "Presidential Regulation 76/2013"): the complaint letters cited "UU 25/2009" and "Perpres 76/2013" in the
middle of English sentences."""

import re
from pathlib import Path

from engine.citations import legal_basis

ENGINE = Path(__file__).resolve().parents[2] / "engine"
INDONESIAN_CITATION = re.compile(r"\b(?:UU|Perpres|Perki|PP|Permenpan(?:-RB)?|KMA|PMA) \d+/\d{4}\b")


def test_the_english_letters_and_documents_cite_laws_by_their_english_names():
    found = {
        f"{path.relative_to(ENGINE)}: {cited}"
        for folder in ("letters/templates", "documents/templates")
        for path in sorted((ENGINE / folder).glob("*.en.*"))
        for cited in INDONESIAN_CITATION.findall(path.read_text(encoding="utf-8"))
    }
    assert found == set()


def test_the_names_the_english_letters_give_are_the_citations_own():
    for indonesian, english in (
        ("UU 25/2009", "Law 25/2009"),
        ("Perpres 76/2013", "Presidential Regulation 76/2013"),
        ("UU 31/2014", "Law 31/2014"),
        ("KMA 765/2018", "Minister of Religious Affairs Decree 765/2018"),
    ):
        assert legal_basis(indonesian, "en") == english
