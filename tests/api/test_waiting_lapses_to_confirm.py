"""A complaint whose reporter's evidence window (BUKTI, 30 days) lapsed waits for the team to confirm that nothing came
(``bukti_tidak_dikirim``; legal-process.md §7.4). engine.waiting reads which cases those are, once, for the page and
the API:

- ``GET /api/v1/waiting-cases`` did not flag them: each item says ``to_confirm`` (the message to post and when the
  window ended), the answer counts them, and ``?to_confirm=true`` lists them alone.
- With more waiting cases than are shown (100), a lapse, which has no clock left, sorted last and could fall outside
  the rows shown (the page sorted only the rows it had): it comes first, on the page and in the API.
- The page lists them alone at ``?perlu_konfirmasi=1``, linked from its count.

The API's on SQLite and PostgreSQL (the lapse ordered first in SQL, the counts); the pages' words on SQLite alone, over
the same query.
"""

from datetime import datetime

import pytest
import time_machine

from engine import waiting as waiting_list
from tests.conftest import sqlite_only
from tests.web.pages import text
from tests.web.test_complaint_lapse_pages import EVENT, lapsed, short_day
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import (
    CATAT,
    KE_UNIT,
    LAYAK,
    QUESTION,
    RECEIVED,
    TANGGAPAN_UNIT,
    clarification,
)

API = "/api/v1"


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def asked_for_evidence(office) -> str:
    """A complaint whose reporter was just asked for evidence: their 30 days run, the first clock of the list."""
    ticket, _code = office.complaint("rahasia")
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", clarification("perlu_bukti_pelapor"))
    office.complete(ticket, "minta_bukti", {"pertanyaan": QUESTION})
    return ticket


def day_of(at: datetime) -> str:
    return at.astimezone(datetime.fromisoformat("2027-01-01T00:00+07:00").tzinfo).date().isoformat()


@pytest.fixture
def two_waiting(office, clock, monkeypatch):
    """A lapse to confirm, and a complaint waiting with a clock running (due first on the old order), with one row
    shown: (lapsed ticket, its window's end, the other ticket)."""
    ticket, _code, ended = lapsed(office, clock)
    other = asked_for_evidence(office)
    monkeypatch.setattr(waiting_list, "SHOWN", 1)
    return ticket, ended, other


def test_the_api_flags_a_lapse_to_confirm_lists_it_first_beyond_the_rows_shown_and_alone_on_request(
    two_waiting, client, login
):
    ticket, ended, other = two_waiting
    r = client.get(f"{API}/waiting-cases", headers=login("tim"))
    assert r.status_code == 200, r.json
    assert (r.json["total"], r.json["to_confirm"]) == (2, 1)
    [item] = r.json["items"]  # one shown: the lapse, though the other's clock is the only one running
    assert item["ticket"] == ticket
    assert item["to_confirm"]["event"] == EVENT
    assert item["to_confirm"]["ended_on"] == day_of(ended)
    assert datetime.fromisoformat(item["to_confirm"]["ended_at"]) == ended
    assert item["clocks"] == []
    only = client.get(f"{API}/waiting-cases?to_confirm=true", headers=login("tim")).json
    assert (only["total"], only["to_confirm"], [i["ticket"] for i in only["items"]]) == (1, 1, [ticket])
    unfiltered = client.get(f"{API}/waiting-cases?to_confirm=false", headers=login("tim")).json
    assert unfiltered["total"] == 2
    # The auditor reads both and records nothing: none is theirs to confirm.
    audit = client.get(f"{API}/waiting-cases", headers=login("auditor")).json
    assert audit["to_confirm"] == 0
    assert all(i["to_confirm"] is None for i in audit["items"])
    assert other not in str(only)


@sqlite_only
def test_the_page_lists_a_lapse_first_beyond_the_rows_shown_and_alone_at_perlu_konfirmasi(two_waiting, browser):
    ticket, ended, other = two_waiting
    team = browser("tim")
    page = text(team.get("/kotak-masuk/menunggu"))
    assert f">{ticket}</a>" in page  # the one row shown is the lapse
    assert f">{other}</a>" not in page
    assert "Yang ditampilkan 1 pertama." in page
    assert '<a href="/kotak-masuk/menunggu?perlu_konfirmasi=1">Tampilkan yang perlu konfirmasi saja</a>' in page
    only = text(team.get("/kotak-masuk/menunggu?perlu_konfirmasi=1"))
    assert "1 kasus menunggu konfirmasi tim bahwa jangka waktu pengiriman bukti oleh pelapor telah berakhir." in only
    assert f"Jangka waktu pengiriman bukti oleh pelapor berakhir {short_day(ended)} — konfirmasikan" in only
    assert f">{other}</a>" not in only
    assert '<a href="/kotak-masuk/menunggu">Tampilkan semua kasus yang menunggu pihak lain</a>' in only
    team.get("/bahasa/en")
    only = text(team.get("/kotak-masuk/menunggu?perlu_konfirmasi=1"))
    assert "1 case waits for the team to confirm that the reporter's evidence period ended." in only
    assert "Show every case waiting on others" in only


@sqlite_only
def test_with_none_to_confirm_the_filtered_page_says_so(office, browser):
    asked_for_evidence(office)
    page = text(browser("tim").get("/kotak-masuk/menunggu?perlu_konfirmasi=1"))
    assert (
        "Tidak ada kasus yang menunggu konfirmasi tim bahwa jangka waktu pengiriman bukti oleh pelapor telah berakhir."
        in page
    )
    assert "Tidak ada kasus yang menunggu pihak lain." not in page
