"""Deadlines explained to people, and the admin's holiday overrides moving open deadlines (legal-process.md §2).

A request received Wed 2 Dec 2026, 10:00 WIB has T10 on Wed 16 Dec 2026 at close of business; the
four weekend days between are the only days skipped. An extra day off on Mon 7 Dec moves it to Thu 17.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import casework
from engine.errors import Conflict
from engine.models import Case, Deadline, HolidayOverrideRow, Reminder
from tests.conftest import PASSWORD, sqlite_only

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
WIB = ZoneInfo("Asia/Jakarta")
T10 = "2026-12-16T16:00:00+07:00"
T10_AFTER_EXTRA_DAY_OFF = "2026-12-17T16:00:00+07:00"
EXTRA_DAY_OFF = {"day": "2026-12-07", "reason": "Libur daerah (Keppres contoh)"}
# The T10 reminders (-3, -1, 0, +1 working days, at office opening), before and after the extra day off.
REMINDERS = {"T-3": "2026-12-11", "T-1": "2026-12-15", "T0": "2026-12-16", "T+1": "2026-12-17"}
REMINDERS_MOVED = {"T-3": "2026-12-14", "T-1": "2026-12-16", "T0": "2026-12-17", "T+1": "2026-12-18"}


@pytest.fixture
def at_receipt():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def receipt(desk, at_receipt):
    return desk.submit()


def _deadlines(client, login, ticket, username="ppid"):
    r = client.get(f"/api/v1/cases/{ticket}/deadlines", headers=login(username))
    assert r.status_code == 200, r.json
    return {d["name"]: d for d in r.json["items"]}


def _add(client, login, body, username="admin"):
    return client.post("/api/v1/calendar/overrides", json=body, headers=login(username))


def _reminders(app, ticket) -> dict[str, dict]:
    """The case's reminders by status: {status: {kind: local date}} and their ids."""
    with app.app_context():
        rows = db.session.scalars(select(Reminder).join(Case).where(Case.ticket == ticket).order_by(Reminder.id))
        found: dict[str, dict] = {}
        for r in rows:
            assert r.fire_at.astimezone(WIB).strftime("%H:%M") == "08:00"
            found.setdefault(r.status, {})[r.kind] = r.fire_at.astimezone(WIB).date().isoformat()
            found.setdefault("ids", {})[(r.kind, r.fire_at.astimezone(WIB).date().isoformat())] = r.id
        return found


def _run(app, ticket):
    """What the timer job does: run the case's due timers."""
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        casework.run_case(db.session, app.extensions["kawal_runtime"], case)
        db.session.commit()


def _fresh_login(client, username):
    """A new token: moving time by days outlives the cached ones."""
    r = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
    return {"Authorization": f"Bearer {r.json['token']}"}


def _event_types(client, login, ticket):
    r = client.get(f"/api/v1/cases/{ticket}/events", headers=login("ppid"))
    assert r.status_code == 200
    return [e["type"] for e in r.json["items"]], r.json["items"]


# On PostgreSQL too: a deadline stored and read back in office time (the fresh request's), the open deadlines and
# their reminders' rows recomputed and restored by an override (cancelled rows pending again, no twins), an id beyond
# the column's range, and a failed change rolled back. The others are @sqlite_only: wording, who may, form checks
# and the calendar's rules, computed in Python over the same rows (their PostgreSQL twin ran the same Python again).
# -- deadlines explained ------------------------------------------------------------------------------------
def test_deadlines_of_a_fresh_request_show_t10_with_its_legal_basis_and_the_days_not_counted(client, login, receipt):
    r = client.get(f"/api/v1/cases/{receipt['ticket']}/deadlines", headers=login("petugas"))
    assert r.status_code == 200
    assert r.json["ticket"] == receipt["ticket"]
    [t10] = r.json["items"]
    assert t10["name"] == "T10"
    assert t10["legal_basis"] == "UU 14/2008 Pasal 22(7)"
    assert t10["calendar"] == "strict"
    assert t10["start_at"] == receipt["received_at"]
    assert t10["working_days"] == 10
    assert t10["due_at"] == T10 == receipt["due_at"]
    assert t10["status"] == "pending"
    skipped = [(s["date"], s["kind"], s["reason"]) for s in t10["provenance"]["skipped"]]
    assert skipped == [
        ("2026-12-05", "weekend", "Sabtu"),
        ("2026-12-06", "weekend", "Minggu"),
        ("2026-12-12", "weekend", "Sabtu"),
        ("2026-12-13", "weekend", "Minggu"),
    ]
    assert "10 hari kerja" in t10["explanation_id"]
    assert "2026-12-05 (Sabtu)" in t10["explanation_id"]
    assert "10 working days" in t10["explanation_en"]
    assert "strict calendar" in t10["explanation_en"]
    assert t10["provenance"]["received_at"] == receipt["received_at"]  # office time, as every other instant


@sqlite_only
def test_the_english_explanation_names_the_days_not_counted_in_english(client, login, receipt):
    r = client.get(f"/api/v1/cases/{receipt['ticket']}/deadlines", headers=login("petugas"))
    [t10] = r.json["items"]
    assert "2026-12-05 (Saturday), 2026-12-06 (Sunday)" in t10["explanation_en"]
    assert "Sabtu" not in t10["explanation_en"]
    assert "Minggu" not in t10["explanation_en"]


@sqlite_only
def test_deadlines_are_not_shown_to_a_unit_without_a_task_on_the_case_nor_without_login(client, login, receipt):
    assert client.get(f"/api/v1/cases/{receipt['ticket']}/deadlines", headers=login("unit")).status_code == 404
    assert client.get(f"/api/v1/cases/{receipt['ticket']}/deadlines").status_code == 401


# -- overrides move open deadlines ------------------------------------------------------------------------------
def test_extra_day_off_inside_t10_moves_it_one_working_day_with_its_timer_reminders_and_explanation(
    app, client, login, desk, receipt, at_receipt
):
    ticket = receipt["ticket"]
    assert _reminders(app, ticket)["pending"] == REMINDERS

    r = _add(client, login, EXTRA_DAY_OFF)
    assert r.status_code == 201, r.json
    assert (r.json["day"], r.json["is_working"], r.json["calendars"]) == ("2026-12-07", False, ["strict", "lenient"])
    assert r.json["recomputed"] == [
        {"ticket": ticket, "deadline": "T10", "old_due_at": T10, "new_due_at": T10_AFTER_EXTRA_DAY_OFF}
    ]

    t10 = _deadlines(client, login, ticket)["T10"]
    assert (t10["due_at"], t10["status"]) == (T10_AFTER_EXTRA_DAY_OFF, "pending")
    assert {"date": "2026-12-07", "kind": "override", "reason": EXTRA_DAY_OFF["reason"]} in t10["provenance"]["skipped"]
    assert EXTRA_DAY_OFF["reason"] in t10["explanation_id"]
    assert desk.case(ticket)["due_at"] == T10_AFTER_EXTRA_DAY_OFF
    assert desk.open_tasks(ticket)["periksa_kelengkapan"]["due_at"] == T10_AFTER_EXTRA_DAY_OFF
    status = desk.status(receipt)  # the requester's own deadline, and why
    assert status["due_at"] == T10_AFTER_EXTRA_DAY_OFF
    assert EXTRA_DAY_OFF["reason"] in status["due_explanation"]

    types, events = _event_types(client, login, ticket)
    [moved] = [e for e in events if e["type"] == "deadline_recomputed"]
    assert moved["actor"] == "admin"
    assert moved["data"]["deadline"] == "T10"
    assert (moved["data"]["old_due_at"], moved["data"]["new_due_at"]) == (T10, T10_AFTER_EXTRA_DAY_OFF)
    assert "2026-12-07" in moved["data"]["reason"]
    assert EXTRA_DAY_OFF["reason"] in moved["data"]["reason"]

    reminders = _reminders(app, ticket)
    assert reminders["pending"] == REMINDERS_MOVED
    assert reminders["cancelled"] == REMINDERS

    # The workflow's own timer moved too: nothing happens at the old instant, the lapse comes at the new one.
    at_receipt.move_to(datetime.fromisoformat(T10) + timedelta(minutes=1))
    _run(app, ticket)
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        assert case.overdue is False
        assert {d.name: d.status for d in case.deadlines} == {"T10": "pending"}
        assert [t.bpmn_id for t in case.tasks if t.state == "open"] == ["periksa_kelengkapan"]
    at_receipt.move_to(datetime.fromisoformat(T10_AFTER_EXTRA_DAY_OFF) + timedelta(minutes=1))
    _run(app, ticket)
    r = client.get(f"/api/v1/cases/{ticket}", headers=_fresh_login(client, "atasan"))
    assert r.json["overdue"] is True
    assert "eskalasi_t10" in {t["name"] for t in r.json["open_tasks"]}
    assert {d["name"]: d["status"] for d in r.json["deadlines"]} == {"T10": "missed"}


def test_removing_the_override_moves_t10_back_and_restores_its_reminders(app, client, login, desk, receipt):
    ticket = receipt["ticket"]
    first_ids = _reminders(app, ticket)["ids"]
    added = _add(client, login, EXTRA_DAY_OFF).json

    r = client.delete(f"/api/v1/calendar/overrides/{added['id']}", headers=login("admin"))
    assert r.status_code == 200, r.json
    assert (r.json["id"], r.json["day"]) == (added["id"], "2026-12-07")
    assert r.json["recomputed"] == [
        {"ticket": ticket, "deadline": "T10", "old_due_at": T10_AFTER_EXTRA_DAY_OFF, "new_due_at": T10}
    ]
    t10 = _deadlines(client, login, ticket)["T10"]
    assert t10["due_at"] == T10
    assert "override" not in {s["kind"] for s in t10["provenance"]["skipped"]}
    assert desk.case(ticket)["due_at"] == T10
    assert desk.status(receipt)["due_at"] == T10
    reminders = _reminders(app, ticket)
    assert reminders["pending"] == REMINDERS
    assert reminders["cancelled"] == REMINDERS_MOVED
    assert {k: reminders["ids"][k] for k in first_ids} == first_ids  # the same rows, pending again: no twins
    assert len(reminders["ids"]) == 8
    types, _ = _event_types(client, login, ticket)
    assert types.count("deadline_recomputed") == 2
    assert client.get("/api/v1/calendar/overrides", headers=login("admin")).json["items"] == []


@sqlite_only
def test_override_on_the_lenient_calendar_only_does_not_move_a_strict_t10(app, client, login, receipt):
    r = _add(client, login, {**EXTRA_DAY_OFF, "calendars": ["lenient"]})
    assert r.status_code == 201, r.json
    assert r.json["calendars"] == ["lenient"]
    assert r.json["recomputed"] == []
    assert _deadlines(client, login, receipt["ticket"])["T10"]["due_at"] == T10
    assert "deadline_recomputed" not in _event_types(client, login, receipt["ticket"])[0]
    assert _reminders(app, receipt["ticket"])["pending"] == REMINDERS


@sqlite_only
def test_a_cuti_bersama_added_by_its_kind_goes_on_the_latest_reading_only_and_moves_no_strict_t10(
    app, client, login, receipt
):
    """legal-process.md §2.2: the strict reading holds holidays only. An API caller naming the day a cuti bersama
    is not asked to know the readings; a cuti bersama named on the strict reading is refused, and nothing is added."""
    r = _add(client, login, {**EXTRA_DAY_OFF, "kind": "cuti_bersama"})
    assert r.status_code == 201, r.json
    assert r.json["calendars"] == ["lenient"]
    assert r.json["recomputed"] == []
    assert _deadlines(client, login, receipt["ticket"])["T10"]["due_at"] == T10
    refused = _add(
        client, login, {**EXTRA_DAY_OFF, "day": "2026-12-11", "kind": "cuti_bersama", "calendars": ["strict"]}
    )
    assert refused.status_code == 422, refused.json
    assert len(client.get("/api/v1/calendar/overrides", headers=login("admin")).json["items"]) == 1
    both = _add(client, login, {**EXTRA_DAY_OFF, "day": "2026-12-11", "kind": "holiday", "is_working": True})
    assert both.status_code == 422  # a day off and a working day at once: which is meant?
    assert "is_working" in str(both.json)
    unknown = _add(client, login, {**EXTRA_DAY_OFF, "day": "2026-12-11", "kind": "libur"})
    assert unknown.status_code == 422
    assert "kind" in str(unknown.json)


# The reminders' rows kept or moved: proven on PostgreSQL by the override added and removed above.
@sqlite_only
def test_day_off_after_t10_keeps_the_deadline_but_moves_the_reminder_due_after_it(app, client, login, receipt):
    before = _reminders(app, receipt["ticket"])["ids"]
    r = _add(client, login, {"day": "2026-12-17", "reason": "Kantor tutup"})
    assert r.json["recomputed"] == []
    assert _deadlines(client, login, receipt["ticket"])["T10"]["due_at"] == T10
    reminders = _reminders(app, receipt["ticket"])
    assert reminders["pending"] == {**REMINDERS, "T+1": "2026-12-18"}
    assert reminders["cancelled"] == {"T+1": "2026-12-17"}
    for kind in ("T-3", "T-1", "T0"):  # an unchanged instant keeps its row
        key = (kind, REMINDERS[kind])
        assert reminders["ids"][key] == before[key]


@sqlite_only
def test_working_day_correction_moves_t10_earlier(client, login, receipt):
    r = _add(client, login, {"day": "2026-12-05", "reason": "Sabtu masuk kerja (koreksi)", "is_working": True})
    assert r.status_code == 201, r.json
    assert r.json["recomputed"][0]["new_due_at"] == "2026-12-15T16:00:00+07:00"


# -- who may, and what is refused --------------------------------------------------------------------------------
@sqlite_only
def test_only_admins_change_overrides_while_every_officer_may_read_them(client, login, receipt):
    assert _add(client, login, EXTRA_DAY_OFF, username="ppid").status_code == 403
    added = _add(client, login, EXTRA_DAY_OFF).json
    assert client.delete(f"/api/v1/calendar/overrides/{added['id']}", headers=login("atasan")).status_code == 403
    assert client.post("/api/v1/calendar/overrides", json=EXTRA_DAY_OFF).status_code == 401
    for username in ("petugas", "auditor", "unit"):
        r = client.get("/api/v1/calendar/overrides", headers=login(username))
        assert r.status_code == 200
        assert [(o["id"], o["reason"]) for o in r.json["items"]] == [(added["id"], EXTRA_DAY_OFF["reason"])]
    assert client.get("/api/v1/calendar/overrides").status_code == 401
    assert _deadlines(client, login, receipt["ticket"])["T10"]["due_at"] == T10_AFTER_EXTRA_DAY_OFF


BAD_OVERRIDES = {
    "no_day": ({"reason": "Libur"}, {"day"}),
    "not_a_date": ({"day": "07/12/2026", "reason": "Libur"}, {"day"}),
    "beyond_the_calendar_s_years": ({"day": "9999-12-31", "reason": "Libur"}, {"day"}),
    "before_the_calendar_s_years": ({"day": "1945-08-17", "reason": "Libur"}, {"day"}),
    "no_reason": ({"day": "2026-12-07"}, {"reason"}),
    "blank_reason": ({"day": "2026-12-07", "reason": "   "}, {"reason"}),
    "reason_too_long": ({"day": "2026-12-07", "reason": "x" * 201}, {"reason"}),
    "unknown_calendar": ({**EXTRA_DAY_OFF, "calendars": ["strict", "gregorian"]}, {"calendars.1"}),
    "no_calendar": ({**EXTRA_DAY_OFF, "calendars": []}, {"calendars"}),
    "not_a_flag": ({**EXTRA_DAY_OFF, "is_working": "perhaps"}, {"is_working"}),
    "unknown_field": ({**EXTRA_DAY_OFF, "colour": "red"}, {"colour"}),
}


@sqlite_only
@pytest.mark.parametrize("case", BAD_OVERRIDES.values(), ids=BAD_OVERRIDES.keys())
def test_bad_override_is_refused_with_the_field_named_and_nothing_changes(app, client, login, receipt, case):
    body, fields = case
    r = _add(client, login, body)
    assert r.status_code == 422, r.json
    assert set(r.json["errors"]) == fields
    assert client.get("/api/v1/calendar/overrides", headers=login("admin")).json["items"] == []
    assert _deadlines(client, login, receipt["ticket"])["T10"]["due_at"] == T10
    with app.app_context():
        assert db.session.scalars(select(HolidayOverrideRow)).all() == []


# Refused in Python (engine.holidays) before the unique constraint is reached.
@sqlite_only
def test_second_override_for_the_same_day_and_calendars_is_refused(app, client, login, receipt):
    assert _add(client, login, EXTRA_DAY_OFF).status_code == 201
    r = _add(client, login, {**EXTRA_DAY_OFF, "reason": "Lagi"})
    assert r.status_code == 422
    assert set(r.json["errors"]) == {"day"}
    assert len(client.get("/api/v1/calendar/overrides", headers=login("admin")).json["items"]) == 1
    assert _deadlines(client, login, receipt["ticket"])["T10"]["due_at"] == T10_AFTER_EXTRA_DAY_OFF
    # The runtime's calendars still match the table: a new request counts the day off once.
    other = client.get(
        "/api/v1/calendar/due", query_string={"start": "2026-12-02T10:00:00+07:00", "working_days": 10}
    ).json
    assert other["due_at"] == T10_AFTER_EXTRA_DAY_OFF


@pytest.mark.parametrize("override_id", [999, 2**40])
def test_removing_an_unknown_override_is_not_found(client, login, receipt, override_id):
    r = client.delete(f"/api/v1/calendar/overrides/{override_id}", headers=login("admin"))
    assert r.status_code == 404


def test_override_change_that_fails_leaves_table_calendars_and_deadlines_as_they_were(
    app, client, login, receipt, monkeypatch
):
    import engine.holidays

    def broken(*args, **kwargs):
        raise Conflict("case_changed")  # as a concurrent change would

    monkeypatch.setattr(engine.holidays, "recompute_open_deadlines", broken)
    assert _add(client, login, EXTRA_DAY_OFF).status_code == 409
    with app.app_context():
        assert db.session.scalars(select(HolidayOverrideRow)).all() == []
        assert db.session.scalar(select(Deadline.due_at)) == datetime.fromisoformat(T10)
    due = client.get("/api/v1/calendar/due", query_string={"start": "2026-12-02T10:00:00+07:00", "working_days": 10})
    assert due.json["due_at"] == T10


@sqlite_only
@pytest.mark.parametrize(
    ("username", "deadlines", "add"),
    [
        ("petugas", 200, 403),
        ("ppid", 200, 403),
        ("atasan", 200, 403),
        ("unit", 404, 403),
        ("auditor", 200, 403),
        ("admin", 200, 201),
    ],
)
def test_who_reads_deadlines_and_who_adds_overrides(client, login, receipt, username, deadlines, add):
    assert client.get(f"/api/v1/cases/{receipt['ticket']}/deadlines", headers=login(username)).status_code == deadlines
    assert _add(client, login, EXTRA_DAY_OFF, username=username).status_code == add
