"""A partial grant's decree says that only parts of the information are refused (walk report 41, finding 11).

Its point SECOND read "Information refused: Laporan ...; exempted parts: ...", as if the whole report were refused,
while the request was granted in part. It now says the information is refused in part, which parts, and that the
rest is given; a full refusal's decree reads as before. Both copies.

On SQLite alone: a decree's words are Python's over rows either database returns alike.
"""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_letters_api import to_notice
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a decree's words
from tests.delivery.test_english_letters_words import _letters


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=True):
        yield


def _decree(app, desk, outcome: str, locale: str) -> str:
    ticket = to_notice(desk, outcome)["ticket"]
    desk.complete(ticket, "pemberitahuan_tertulis")
    return _letters(app, ticket)[("keputusan_penolakan", locale)]


def test_a_partial_grant_s_decree_refuses_parts_and_gives_the_rest_in_indonesian(app, desk):
    decree = _decree(app, desk, "dikabulkan_sebagian", "id")
    assert "Informasi yang ditolak sebagian:" in decree
    assert "bagian yang ditolak karena dikecualikan:" in decree
    assert "selebihnya diberikan kepada Pemohon." in decree
    assert "Informasi yang ditolak:" not in decree


def test_a_full_refusal_s_decree_reads_as_before(app, desk):
    decree = _decree(app, desk, "ditolak_dikecualikan", "id")
    assert "Informasi yang ditolak:" in decree
    assert "selebihnya diberikan" not in decree


def test_an_english_requester_s_partial_decree_says_the_same_in_english(app, desk):
    ticket = to_notice(desk, "dikabulkan_sebagian", locale="en")["ticket"]
    desk.complete(ticket, "pemberitahuan_tertulis")
    decree = _letters(app, ticket)[("keputusan_penolakan", "en")]
    assert "Information refused in part:" in decree
    assert "the parts refused, as exempt:" in decree
    assert "the rest of the information is given to the requester." in decree
    assert "Information refused:" not in decree
