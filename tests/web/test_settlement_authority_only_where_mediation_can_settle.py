"""An authority to settle given where nothing can be settled is refused, not silently dropped.

Settling by agreement is for grounds b-g (UU 14/2008 Pasal 35(2), legal-process.md §4.4); a dispute on ground a alone
(a refusal under the exemptions) is not mediated (Pasal 40) and its power of attorney asks no authority to settle
(tests/web/test_power_of_attorney_ground_a_form.py). A walk found an API client's ``wewenang_berdamai: true`` on such
a dispute accepted and silently dropped: the officer was told nothing, and believed the attorneys could settle. It is
refused beside the field (422, Bahasa Indonesia first, English on request), and nothing is recorded; "no" is what the
case holds anyway and passes. The page never offers the question there.

SQLite alone: a form check (Python's decision over a task either database returns alike).
"""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a form check, no new data stored
from tests.web.pages import text
from tests.web.test_objection_dispute_desk import POWER
from tests.web.test_power_of_attorney_ground_a_form import FIELD, _asked, _power_task

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _events(client, login, ticket) -> list[str]:
    items = client.get(f"{API}/cases/{ticket}/events", headers=login("atasan")).json["items"]
    return [e["type"] for e in items]


def test_on_ground_a_alone_an_authority_to_settle_is_refused_beside_the_field_and_nothing_changes(
    desk, client, browser, login
):
    dispute, task = _power_task(desk, client, browser, ("a",))
    before = _events(client, login, dispute)
    url, body = f"{API}/tasks/{task['id']}/complete", {"data": {**POWER, FIELD: True}}
    refused = client.post(url, json=body, headers=login("atasan"))
    assert refused.status_code == 422
    assert list(refused.json["errors"]) == [FIELD]  # beside the field, nothing else
    (said,) = refused.json["errors"][FIELD]
    assert "huruf a" in said
    assert "Pasal 40" in said
    assert "b-g" in said
    english = client.post(url, json=body, headers={**login("atasan"), "Accept-Language": "en"})
    assert english.status_code == 422
    (said_en,) = english.json["errors"][FIELD]
    assert "ground a alone" in said_en
    assert "grounds b-g only" in said_en
    # Nothing changed: the task is still open, the case's history has no new event.
    assert "surat_kuasa" in desk.open_tasks(dispute)
    assert _events(client, login, dispute) == before


def test_on_ground_a_alone_the_page_offers_no_authority_to_settle_and_completes_without_it(desk, client, browser):
    dispute, task = _power_task(desk, client, browser, ("a",))
    atasan = browser("atasan")
    page = text(atasan.get(f"/tugas/{task['id']}"))
    assert "penerima_kuasa" in page
    assert not _asked(page)
    form = {"nomor_surat": POWER["nomor_surat"], "tanggal": POWER["tanggal"], "penerima_kuasa": "Kabag TU"}
    assert atasan.post(f"/tugas/{task['id']}", form).status_code == 302
    assert "surat_kuasa" not in desk.open_tasks(dispute)


@pytest.mark.parametrize("grounds", [("c",), ("a", "c")])
def test_where_mediation_can_settle_the_authority_to_settle_is_recorded(desk, client, browser, login, grounds):
    dispute, _task = _power_task(desk, client, browser, grounds)
    desk.complete(dispute, "surat_kuasa", {**POWER, FIELD: True})
    events = client.get(f"{API}/cases/{dispute}/events", headers=login("atasan")).json["items"]
    (done,) = [e for e in events if e["type"] == "task_completed" and e["data"]["task"] == "surat_kuasa"]
    assert done["data"]["data"][FIELD] is True
