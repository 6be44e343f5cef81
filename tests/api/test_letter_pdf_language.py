"""A letter's PDF speaks the letter's language in its metadata too: an English copy's Subject (its legal basis) read
"UU 14/2008 Pasal 22 ayat (8)" in an English PDF; it cites the law as the English letter's text does."""

import io
from datetime import UTC, datetime

import pytest
import time_machine
from pypdf import PdfReader

from tests.api.test_letters_api import render_letters, to_notice
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)

API = "/api/v1"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=True):
        yield


def test_an_english_copy_s_pdf_names_its_legal_basis_in_english_and_the_original_in_indonesian(
    app, client, desk, login
):
    receipt = to_notice(desk)
    base = f"{API}/cases/{receipt['ticket']}/letters"
    (original,) = client.get(base, headers=login("ppid")).json["items"]
    english = client.post(f"{base}/{original['id']}/translation", json={"locale": "en"}, headers=login("ppid")).json
    assert render_letters(app) == 2

    def metadata(letter_id):
        pdf = client.get(f"{base}/{letter_id}/pdf", headers=login("ppid"))
        assert pdf.status_code == 200
        reader = PdfReader(io.BytesIO(pdf.data))
        return reader.metadata

    assert metadata(original["id"]).subject == "UU 14/2008 Pasal 22 ayat (4)-(6)"
    assert metadata(english["id"]).subject == "Law 14/2008 Article 22(4)-(6)"
    assert metadata(english["id"]).title.startswith("Receipt of Information Request")
