"""An objection's and a dispute's row in the inbox names the information the requester asked for, as the request's
row does: the walker's PPID read the requester's whole statement of their case (kasus posisi) in the "Perihal"
column of an objection, and a dispute's showed the Commission's register number. An objection with no registered
request names the information it states was asked. On both databases: the inbox's statement joins the chain.
"""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_chain_api import OBJECTION, disputed
from tests.conftest import (
    db_url,  # noqa: F401 - both databases again (tests/web/conftest.py takes SQLite alone): the chain's joins
    request_payload,
)
from tests.web.pages import text
from tests.web.test_inbox import _rows
from tests.workflows.test_legal_requester_windows import OBJECTION_B

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
ASKED = request_payload()["information"]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _subjects(client, login, who: str) -> dict[str, str]:
    """Each listed task's case ticket -> its row's subject, in the reader's whole unit (``GET /api/v1/tasks``)."""
    r = client.get(f"{API}/tasks", query_string={"scope": "all", "limit": 200}, headers=login(who))
    assert r.status_code == 200, r.json
    return {item["ticket"]: item["subject"] for item in r.json["items"]}


def test_an_objection_s_and_a_dispute_s_rows_name_the_information_the_request_asked_for(desk, client, login, browser):
    receipt, objection, dispute = disputed(desk, client, login)
    subjects = _subjects(client, login, "atasan")
    assert subjects[dispute["ticket"]] == ASKED
    if objection["ticket"] in subjects:  # its own tasks may be done by now
        assert subjects[objection["ticket"]] == ASKED
    page = text(browser("atasan").get("/kotak-masuk?scope=all"))
    (row,) = [r for r in _rows(page) if dispute["ticket"] in r]
    assert f'class="subject">{ASKED}<' in row
    assert OBJECTION["kasus_posisi"] not in page
    assert "001/REG-PSI/XII/2026" not in row


def test_an_objection_s_row_names_what_it_asked_and_a_search_lists_it_so(desk, client, login, browser):
    receipt = desk.submit()
    r = client.post(
        f"{API}/objections", json={"ticket": receipt["ticket"], "access_code": receipt["access_code"], **OBJECTION}
    )
    assert r.status_code == 201, r.json
    objection = r.json["ticket"]
    assert _subjects(client, login, "atasan")[objection] == ASKED
    # Its registration, in the front desk's queue; searched for by the PPID, whose queue lists no task of it, the
    # case is listed under the tasks, with the same subject.
    (row,) = [r for r in _rows(text(browser("petugas").get("/kotak-masuk"))) if objection in r]
    assert f'class="subject">{ASKED}<' in row
    page = text(browser("ppid").get(f"/kotak-masuk?q={objection}"))
    others = page[page.index('id="others-title"') :]
    assert objection in others
    assert ASKED in others
    assert OBJECTION["kasus_posisi"] not in page


def test_an_objection_with_no_registered_request_names_the_information_it_says_was_asked(client, login):
    r = client.post(f"{API}/objections/without-request", json=OBJECTION_B, headers=login("petugas"))
    assert r.status_code == 201, r.json
    assert _subjects(client, login, "atasan")[r.json["ticket"]] == OBJECTION_B["informasi_yang_diminta"]
