"""A whistleblower is told, before their identity can ever be opened, who may open it and how (the code's rule:
an officer of the complaint team asks in writing with a reason, a WBS manager other than that officer approves,
the reporter is told the day), and the protection of UU 31/2014 Pasal 10 and the LPSK (legal-process.md §7.3), in
Bahasa Indonesia and in English alike: the complaint form's choice said only "approved by a second manager".
"""

import pytest

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a page's words, no new data
from tests.web.pages import text


@pytest.mark.parametrize(
    ("language", "says"),
    [
        (
            "id",
            [
                "Identitas itu hanya dibuka bagi petugas yang memintanya secara tertulis dengan alasan, setelah"
                " disetujui oleh pengelola Whistleblowing System selain petugas itu",
                "Anda diberi tahu tanggalnya di halaman pengaduan Anda",
                "(UU 31/2014 Pasal 10)",
                "Lembaga Perlindungan Saksi dan Korban (LPSK)",
            ],
        ),
        (
            "en",
            [
                "It is opened only to the officer who asks for it in writing with a reason, once a manager of the"
                " Whistleblowing System other than that officer approves",
                "you are told the day, on your complaint's page",
                "(Law 31/2014 Article 10)",
                "the Witness and Victim Protection Agency (LPSK)",
            ],
        ),
    ],
)
def test_the_complaint_form_tells_a_whistleblower_who_may_open_their_identity_and_the_law_s_protection(
    browser, language, says
):
    b = browser()
    b.get(f"/bahasa/{language}")
    page = " ".join(text(b.get("/publik/pengaduan")).split())
    for words in says:
        assert words in page
    assert "second manager" not in page
    assert "pengelola kedua" not in page
    # Any complaint-team member may ask (engine.complaints.request_reveal): never promised to be the handler alone.
    assert "Only the officer handling your complaint" not in page
    assert "Hanya petugas yang menangani pengaduan Anda" not in page
