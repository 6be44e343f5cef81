"""The superior's decision on an objection names the Komisi Informasi its response sends the requester to
(keberatan_putusan.json's ``komisi_informasi``; UU 14/2008 Pasal 37(2); legal-process.md §5.1). The web page offers
the office's own (KAWAL_COMMISSION_NAME); an API client that leaves the field out, or sends it blank, gets the same:
the completion stores the office's Commission, and the response letter names it rather than "Komisi Informasi".

A Commission the superior names for the case is kept as typed.

On SQLite alone: the default is Python's choice at the completion, the letter's words Python's; a Commission stored in
the case's history and read back is proved on PostgreSQL by tests/notifications/test_commission_mail.py.
"""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_chain_api import objected
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import Desk

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
JATIM = "Komisi Informasi Provinsi Jawa Timur"
REASONS = "Informasi tersebut dikecualikan berdasarkan uji konsekuensi yang telah ditetapkan PPID."


@pytest.fixture
def settings_overrides():
    return {"KAWAL_COMMISSION_NAME": JATIM}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _decided(desk: Desk, client, **commission) -> str:
    """An objection decided through the API by the superior, ``commission`` the only Commission field sent: its
    ticket."""
    _receipt, objection = objected(desk, client)
    ticket = objection["ticket"]
    desk.complete(ticket, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    desk.complete(ticket, "susun_kronologi", {"kronologi": "Ditolak 2 Des 2026", "pertimbangan_ppid": "Dikecualikan"})
    decision = {"keputusan": "keberatan_ditolak", "alasan_tertulis": REASONS, "tanggal_keputusan": "2026-12-02"}
    desk.complete(ticket, "putuskan_keberatan", {**decision, **commission}, username="atasan")
    return ticket


def _stored(client, login, ticket: str) -> dict:
    """What the decision's completion stored, as the case's history shows it."""
    events = client.get(f"{API}/cases/{ticket}/events", headers=login("atasan")).json["items"]
    (done,) = [e for e in events if e["type"] == "task_completed" and e["data"]["task"] == "putuskan_keberatan"]
    return done["data"]["data"]


def _response_letter(client, login, ticket: str) -> str:
    letters = client.get(f"{API}/cases/{ticket}/letters", headers=login("atasan")).json["items"]
    (letter,) = [x for x in letters if x["kind"] == "tanggapan_atasan"]
    printed = client.get(f"{API}/cases/{ticket}/letters/{letter['id']}/print", headers=login("atasan"))
    assert printed.status_code == 200
    return printed.get_data(as_text=True)


@pytest.mark.parametrize(
    "sent", [{}, {"komisi_informasi": ""}, {"komisi_informasi": "   "}], ids=["left_out", "empty", "blank"]
)
def test_a_decision_completed_without_the_commission_names_the_office_s_own(desk, client, login, sent):
    ticket = _decided(desk, client, **sent)
    assert _stored(client, login, ticket)["komisi_informasi"] == JATIM
    letter = _response_letter(client, login, ticket)
    assert f"penyelesaian sengketa informasi publik kepada {JATIM} paling lambat" in letter


def test_a_commission_the_superior_names_is_stored_as_typed(desk, client, login):
    ticket = _decided(desk, client, komisi_informasi="Komisi Informasi Pusat")
    assert _stored(client, login, ticket)["komisi_informasi"] == "Komisi Informasi Pusat"
    letter = _response_letter(client, login, ticket)
    assert "penyelesaian sengketa informasi publik kepada Komisi Informasi Pusat paling lambat" in letter
    assert JATIM not in letter
