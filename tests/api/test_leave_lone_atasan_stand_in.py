"""The only Atasan PPID goes on leave: the head names the stand-in and grants the lane for the leave alone.

The Atasan PPID's lane is its own superior's (engine.access.SUPERIOR_OF): its only officer away, nobody could name a
stand-in (an officer names for their own leave only a colleague who works in the lane already; an administrator as
such grants none), and an objection waited with nobody to decide it. Now the head of the public body (``pimpinan``:
legal-process.md §1, the Kakanwil above the office's desks) records the leave and grants the lane (engine.absence,
engine.access.GRANTED_BY); in an office with no head's account, the administrator records the designation made
outside Kawal (``ungranted_lanes``). The grant and its withdrawal are in the auditors' access log; the stand-in works
the lane's tasks while the leave runs and no longer once it is cancelled.

On both databases: the leave's rows, its grant and withdrawal in the access log, the lane held and lost, and the query
that finds a lane nobody else may grant. Who may record or grant, and the words of each refusal, are
tests/api/test_leave_lane_grant_refusals.py's (SQLite alone).
"""

from datetime import date

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine.models import User
from tests.api.test_chain_api import RECEIVED, objected

API = "/api/v1"
# The leave's days: the working week the objection is decided in (RECEIVED is Wednesday 2 December 2026).
DAYS = {"first_day": "2026-12-02", "last_day": "2026-12-04"}
KRONOLOGI = {"kronologi": "Ditolak 2 Des 2026", "pertimbangan_ppid": "Dikecualikan"}
DECIDED = {
    "keputusan": "keberatan_ditolak",
    "alasan_tertulis": "Pengecualian sudah melalui uji konsekuensi",
    "tanggal_keputusan": "2026-12-02",
}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


@pytest.fixture
def awaiting_decision(desk, client, kept_database):
    """An objection at the Atasan PPID's ``putuskan_keberatan`` (built once per worker and database): its ticket."""

    def build():
        _receipt, objection = objected(desk, client)
        ticket = objection["ticket"]
        desk.complete(ticket, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
        desk.complete(ticket, "susun_kronologi", KRONOLOGI)
        return ticket

    return kept_database("objection-awaiting-decision", build)


def _leave(client, headers, substitute="unit", **extra):
    body = {"username": "atasan", "substitute": substitute, "grant_lanes": True, **DAYS, **extra}
    return client.post(f"{API}/absences", json=body, headers=headers)


def _decide(client, login, desk, ticket, username):
    task = desk.task(ticket, "putuskan_keberatan")
    return client.post(f"{API}/tasks/{task['id']}/complete", json={"data": DECIDED}, headers=login(username))


def _access_changes(client, login):
    return [(c["type"], c["actor"], c["subject"], c["data"]["lanes"]) for c in _changes(client, login)]


def _changes(client, login):
    """The access log's records of leaves' lanes (the objection's own steps record other changes)."""
    r = client.get(f"{API}/audit/access", headers=login("auditor"))
    assert r.status_code == 200, r.json
    return [c for c in r.json if c["type"].startswith("leave_lanes_")]


def test_the_head_grants_the_only_atasan_ppids_lane_and_the_stand_in_decides_the_objection(
    awaiting_decision, client, login, desk
):
    r = _leave(client, login("kepala"))
    assert r.status_code == 201, r.json
    assert (r.json["username"], r.json["substitute"], r.json["granted_lanes"]) == ("atasan", "unit", ["atasan_ppid"])
    r = _decide(client, login, desk, awaiting_decision, "unit")
    assert r.status_code == 200, r.json
    assert "putuskan_keberatan" not in desk.open_tasks(awaiting_decision)
    assert _access_changes(client, login) == [("leave_lanes_granted", "kepala", "unit", ["atasan_ppid"])]
    (granted,) = _changes(client, login)
    assert (granted["data"]["for"], granted["data"]["first_day"], granted["data"]["last_day"]) == (
        "atasan",
        DAYS["first_day"],
        DAYS["last_day"],
    )
    # The head sees the leave recorded, as the superior of the lanes they grant does.
    items = client.get(f"{API}/absences", headers=login("kepala")).json["items"]
    seen = [(a["username"], a["substitute"], a["granted_lanes"]) for a in items]
    assert seen == [("atasan", "unit", ["atasan_ppid"])]


def test_a_cancelled_leave_takes_the_atasan_ppids_lane_back_from_the_stand_in(awaiting_decision, client, login, desk):
    leave = _leave(client, login("kepala")).json
    assert client.delete(f"{API}/absences/{leave['id']}", headers=login("kepala")).status_code == 204
    assert _decide(client, login, desk, awaiting_decision, "unit").status_code == 404  # not even the case, as before
    assert _decide(client, login, desk, awaiting_decision, "atasan").status_code == 200
    assert _access_changes(client, login) == [  # the latest first
        ("leave_lanes_withdrawn", "kepala", "unit", ["atasan_ppid"]),
        ("leave_lanes_granted", "kepala", "unit", ["atasan_ppid"]),
    ]


def test_with_no_heads_account_the_administrator_records_the_only_atasan_ppids_stand_in(
    app, awaiting_decision, client, login, desk
):
    """The designation is then made outside Kawal (the ministry names the Kakanwil's Plh.): the admin records it."""
    admin = login("admin")
    with app.app_context():
        db.session.scalar(select(User).where(User.username == "kepala")).active = False
        db.session.commit()
    r = _leave(client, admin)
    assert r.status_code == 201, r.json
    assert r.json["granted_lanes"] == ["atasan_ppid"]
    assert _decide(client, login, desk, awaiting_decision, "unit").status_code == 200
    assert _access_changes(client, login) == [("leave_lanes_granted", "admin", "unit", ["atasan_ppid"])]
    # The head's account active again, the head grants the lane: the administrator no longer does.
    with app.app_context():
        db.session.scalar(select(User).where(User.username == "kepala")).active = True
        db.session.commit()
    later = {"first_day": str(date(2026, 12, 14)), "last_day": str(date(2026, 12, 15))}
    r = _leave(client, admin, **later)
    assert r.status_code == 422, r.json
    assert "substitute" in r.json["errors"]
