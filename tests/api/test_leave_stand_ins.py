"""Leave and stand-ins (engine.absence), from the walk of an officer's day (walk h8: C1, C2, C3, C7, A6).

The PPID (``ppid``, the lane's only officer) goes on leave; his superior (``atasan``) names a front-desk officer
(``petugas2``) to stand in, granting her the PPID lane for the period. His open tasks go to her. When the leave ends
or is cancelled, the tasks she still holds under it go back to him, each with its event, and she is told; she can
always release a task she holds; the header counts what "My tasks" lists.

On PostgreSQL too: a leave cancelled and its tasks given back, the sweep that finds the leaves over (their instants
against the clock, the access log's JSON read in SQL) run twice, the header's count beside the list's, and the access
log of a leave's lanes with its chain. Who may stand in or grant, the mails' words and deadlines, and the further
scenarios of the same sweep are Python over rows either database returns alike: their PostgreSQL twins ran the same
Python again.
"""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import absence, clock, inbox_list, leave_returns
from engine.calendar import CALENDARS, HolidayOverride, WorkingCalendar
from engine.models import Absence, AccountEvent, CaseEvent, Group, HumanTask, Membership, Notification, User
from notifications.reconcile import reconcile
from notifications.rendering import render
from notifications.services import Services, use
from tests.conftest import sqlite_only

API = "/api/v1"
WIB = ZoneInfo("Asia/Jakarta")
# A working Monday, mid-morning in WIB: the leave's days never cross the office's midnight or fall on a holiday.
FIXED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _pinned():
    with time_machine.travel(FIXED, tick=True):
        yield


def today():
    return datetime.now(UTC).astimezone(WIB).date()


def _at_ppid(desk, client, login, claim=True, **payload):
    """A request waiting in the PPID's lane (``proses_permohonan``), claimed by the PPID."""
    receipt = desk.submit(**payload)
    desk.complete(receipt["ticket"], "periksa_kelengkapan")
    desk.complete(receipt["ticket"], "registrasi")
    task = desk.task(receipt["ticket"], "proses_permohonan")
    if claim:
        assert client.post(f"{API}/tasks/{task['id']}/claim", headers=login("ppid")).status_code == 200
    return receipt["ticket"], task["id"]


def _leave(client, login, first=None, last=None, substitute="petugas2", username="ppid", headers=None, **extra):
    first = first or today()
    body = {
        "username": username,
        "substitute": substitute,
        "first_day": str(first),
        "last_day": str(last or first + timedelta(days=2)),
        **extra,
    }
    return client.post(f"{API}/absences", json=body, headers=headers or login("atasan"))


def _granted(client, login, **kwargs):
    r = _leave(client, login, grant_lanes=True, **kwargs)
    assert r.status_code == 201, r.json
    return r.json


def _told(event):
    rows = db.session.execute(
        select(User.username, Notification.context)
        .join(User, User.id == Notification.recipient_user_id)
        .where(Notification.event == event)
        .order_by(Notification.id)
    ).all()
    return [(name, context) for name, context in rows]


def _reconcile_at(settings, moment):
    services = Services(settings)
    use(services)
    clock.set_clock(lambda: moment)
    try:
        report = reconcile(services)
    finally:
        clock.set_clock(None)
        use(None)
        services.sessions.kw["bind"].dispose()
    assert report.failed == []


# -- C1: the return ------------------------------------------------------------------------------------------------


def test_cancelling_a_leave_gives_the_tasks_the_stand_in_still_holds_back_to_the_officer_and_tells_her(
    app, client, desk, login
):
    ticket, task_id = _at_ppid(desk, client, login)
    leave = _granted(client, login)
    assert desk.task(ticket, "proses_permohonan")["assignee"] == "petugas2"

    assert client.delete(f"{API}/absences/{leave['id']}", headers=login("atasan")).status_code == 204

    assert desk.task(ticket, "proses_permohonan")["assignee"] == "ppid"
    with app.app_context():
        (back,) = db.session.scalars(select(CaseEvent).where(CaseEvent.type == "task_returned"))
        assert (back.actor, back.data["from"], back.data["assignee"]) == ("atasan", "petugas2", "ppid")
        ((name, context),) = _told("task_returned")
        assert name == "petugas2"
        _, body = render("task_returned", "id", context)
        assert "Ppid" in body
        assert "dibatalkan" in body
    # The officer works it again; the stand-in no longer can.
    r = client.post(f"{API}/tasks/{task_id}/complete", json={"data": {}}, headers=login("petugas2"))
    assert r.status_code == 403
    desk.complete(ticket, "proses_permohonan", username="ppid")


def test_when_a_leave_ends_the_reconcile_sweep_gives_the_handed_over_tasks_back_once(
    app, client, desk, login, settings
):
    ticket, _task_id = _at_ppid(desk, client, login)
    _granted(client, login, last=today())
    assert desk.task(ticket, "proses_permohonan")["assignee"] == "petugas2"
    with app.app_context():
        leave = db.session.scalar(select(Absence))
        ends_at = leave.ends_at
        assert not leave_returns.returns_due(db.session)  # the leave runs still
    _reconcile_at(settings, ends_at + timedelta(hours=9))
    assert desk.task(ticket, "proses_permohonan")["assignee"] == "ppid"
    _reconcile_at(settings, ends_at + timedelta(hours=10))  # safe to run twice
    with app.app_context():
        assert len(_told("task_returned")) == 1
        assert db.session.scalar(select(CaseEvent.data).where(CaseEvent.type == "task_returned"))["assignee"] == "ppid"
        clock.set_clock(lambda: ends_at + timedelta(hours=11))
        try:
            assert not leave_returns.returns_due(db.session)
        finally:
            clock.set_clock(None)


@sqlite_only
def test_a_task_of_the_officers_lane_the_stand_in_took_herself_goes_back_to_the_lanes_queue(
    app, client, desk, login, settings
):
    """A new task of the PPID's lane while its only officer is away goes to the stand-in (engine.stand_ins): she
    holds it in a lane that is not hers once the leave is over, and it was never his."""
    leave = _granted(client, login, last=today())
    ticket, _task_id = _at_ppid(desk, client, login, claim=False)
    assert desk.task(ticket, "proses_permohonan")["assignee"] == "petugas2"
    with app.app_context():
        ends_at = db.session.get(Absence, leave["id"]).ends_at
    _reconcile_at(settings, ends_at + timedelta(hours=9))
    assert desk.task(ticket, "proses_permohonan")["assignee"] is None
    with app.app_context():
        back = db.session.scalar(select(CaseEvent.data).where(CaseEvent.type == "task_returned"))
        assert (back["from"], back["assignee"]) == ("petugas2", None)


@sqlite_only
def test_the_holder_of_a_task_may_always_release_it_even_outside_her_lanes(app, client, desk, login):
    """A task left with an officer who no longer works in its lane (a leave's stand-in after it): she could neither
    complete, release nor give it back (403), and the officer could not claim it (409)."""
    ticket, task_id = _at_ppid(desk, client, login)
    with app.app_context():
        task = db.session.get(HumanTask, task_id)
        task.assignee_id = db.session.scalar(select(User.id).where(User.username == "petugas2"))
        db.session.commit()
    r = client.post(f"{API}/tasks/{task_id}/unclaim", headers=login("petugas2"))
    assert r.status_code == 200, r.json
    assert desk.task(ticket, "proses_permohonan")["assignee"] is None
    assert client.post(f"{API}/tasks/{task_id}/claim", headers=login("ppid")).status_code == 200


def test_the_headers_count_of_my_tasks_counts_what_my_tasks_lists(app, client, desk, login):
    """ "Milik saya: 0" in the header while "Tugas saya" listed five tasks held outside the officer's lanes."""
    _ticket, task_id = _at_ppid(desk, client, login)
    with app.app_context():
        task = db.session.get(HumanTask, task_id)
        holder = db.session.scalar(select(User).where(User.username == "petugas2"))
        task.assignee_id = holder.id
        db.session.commit()
        rt = app.extensions["kawal_runtime"]
        listed = inbox_list.total(db.session, rt, holder, inbox_list.parse({"scope": "mine"}))
        assert listed.value == 1
        assert inbox_list.counts(db.session, rt, holder)["mine"].value == 1


# -- C2: assigning to an officer on leave --------------------------------------------------------------------------


@sqlite_only
def test_a_task_assigned_to_an_officer_on_leave_goes_to_his_stand_in_and_he_is_not_mailed(app, client, desk, login):
    ticket, task_id = _at_ppid(desk, client, login, claim=False)
    _granted(client, login)
    r = client.post(f"{API}/tasks/{task_id}/assign", json={"username": "ppid"}, headers=login("atasan"))
    assert r.status_code == 200, r.json
    assert desk.task(ticket, "proses_permohonan")["assignee"] == "petugas2"
    with app.app_context():
        (assigned,) = db.session.scalars(select(CaseEvent).where(CaseEvent.type == "task_assigned"))
        assert (assigned.data["assignee"], assigned.data["for"]) == ("petugas2", "ppid")
        assert _told("task_assigned") == []  # "Task assigned to you" to the officer away
        assert [name for name, _ in _told("task_handed_over")] == ["petugas2"]
    # Given under the leave, it goes back to him with the rest when the leave is cancelled.
    leave_id = client.get(f"{API}/absences", headers=login("atasan")).json["items"][0]["id"]
    assert client.delete(f"{API}/absences/{leave_id}", headers=login("atasan")).status_code == 204
    assert desk.task(ticket, "proses_permohonan")["assignee"] == "ppid"


# -- C3: what the stand-in is told ---------------------------------------------------------------------------------


@sqlite_only
def test_the_hand_over_mail_says_whose_work_it_is_and_until_when(app, client, desk, login):
    _at_ppid(desk, client, login)
    last = today() + timedelta(days=2)
    _granted(client, login, last=last)
    with app.app_context():
        ((name, context),) = _told("task_handed_over")
    assert name == "petugas2"
    subject, body = render("task_handed_over", "id", context)
    assert "Ppid" in subject
    assert "Ppid" in body
    assert f"{last.day} " in body
    assert str(last.year) in body
    assert "Batas waktu" in body  # the request's clock (T10)
    _, english = render("task_handed_over", "en", context)
    assert "standing in for Ppid" in english


@sqlite_only
def test_a_task_handed_over_already_late_says_since_when_it_is_late(app, client, desk, login, settings):
    """The mail of a task one working day late had no deadline lines at all: its deadline was no longer pending."""
    received = datetime.now(UTC) - timedelta(days=30)
    ticket, _task_id = _at_ppid(
        desk, client, login, headers=login("petugas"), channel="langsung", received_at=received.isoformat()
    )
    _reconcile_at(settings, clock.now())  # the lapsed T10 fires: missed
    assert desk.deadlines(ticket)["T10"]["status"] == "missed"
    _granted(client, login)
    with app.app_context():
        ((_name, context),) = _told("task_handed_over")
    assert context["deadline"] == "T10"
    assert context["working_days_left"] < 0
    _, body = render("task_handed_over", "id", context)
    assert "Terlambat sejak" in body
    _, english = render("task_handed_over", "en", context)
    assert "Overdue since" in english


# -- C7 and A6: who may stand in, and the grant in the access log --------------------------------------------------


@sqlite_only
def test_a_stand_in_outside_the_officers_lanes_is_refused_unless_the_superior_grants_them(client, login):
    r = _leave(client, login)
    assert r.status_code == 422
    assert "substitute" in r.json["errors"]
    assert "PPID" in " ".join(r.json["errors"]["substitute"])
    r = _leave(client, login, substitute="tim", grant_lanes=False)
    assert r.status_code == 422
    r = _leave(client, login, grant_lanes=True)
    assert r.status_code == 201, r.json
    assert r.json["granted_lanes"] == ["ppid"]


@sqlite_only
def test_an_officer_cannot_grant_their_own_lanes_to_a_stand_in(client, login):
    days = {"first_day": str(today()), "last_day": str(today() + timedelta(days=1))}
    r = client.post(
        f"{API}/absences", json={"substitute": "ppid", "grant_lanes": True, **days}, headers=login("petugas")
    )
    assert r.status_code == 422
    assert "substitute" in r.json["errors"]


def test_a_leave_that_grants_lanes_is_in_the_auditors_access_changes_with_its_cancellation(client, login):
    first, last = today() + timedelta(days=7), today() + timedelta(days=9)
    leave = _granted(client, login, first=first, last=last)
    assert client.delete(f"{API}/absences/{leave['id']}", headers=login("atasan")).status_code == 204
    changes = client.get(f"{API}/audit/access", headers=login("auditor")).json
    by_type = {c["type"]: c for c in changes}
    granted = by_type["leave_lanes_granted"]
    assert (granted["actor"], granted["subject_kind"], granted["subject"]) == ("atasan", "officer", "petugas2")
    assert granted["data"]["lanes"] == ["ppid"]
    assert granted["data"]["for"] == "ppid"
    assert (granted["data"]["first_day"], granted["data"]["last_day"]) == (str(first), str(last))
    withdrawn = by_type["leave_lanes_withdrawn"]
    assert (withdrawn["actor"], withdrawn["subject"], withdrawn["data"]["lanes"]) == ("atasan", "petugas2", ["ppid"])
    verified = client.get(f"{API}/audit/access/verify", headers=login("auditor")).json
    assert verified["officer"] == {"records": 2, "broken_at": None}


@sqlite_only
def test_a_leave_whose_stand_in_works_in_the_lanes_already_grants_nothing_and_logs_nothing(client, login):
    days = {"first_day": str(today()), "last_day": str(today() + timedelta(days=1))}
    r = client.post(f"{API}/absences", json={"substitute": "petugas2", **days}, headers=login("petugas"))
    assert r.status_code == 201, r.json
    assert r.json["granted_lanes"] == []
    assert client.get(f"{API}/audit/access", headers=login("auditor")).json == []


@sqlite_only
def test_the_auditor_reads_every_leave(client, login):
    _granted(client, login)
    items = client.get(f"{API}/absences", headers=login("auditor")).json["items"]
    assert [(a["username"], a["substitute"], a["granted_lanes"]) for a in items] == [("ppid", "petugas2", ["ppid"])]


# -- Who may grant a leave's lanes: the superior of each lane, to a colleague who works in a lane of their own --------


def _refused(r, *words):
    assert r.status_code == 422, r.json
    said = " ".join(r.json["errors"]["substitute"])
    for word in words:
        assert word in said
    return said


def _nothing_granted(app):
    with app.app_context():
        assert db.session.scalar(select(Absence)) is None
        assert db.session.scalars(select(AccountEvent.type)).all() == []


@sqlite_only
def test_an_admin_cannot_name_themselves_stand_in_for_the_complaint_team_and_take_its_lane(app, client, login):
    """Walk: the admin marked ``tim``'s leave with himself standing in, granted Tim Pengaduan, then read a
    confidential reporter's identity."""
    r = _leave(client, login, substitute="admin", grant_lanes=True, username="tim", headers=login("admin"))
    _refused(r, "Tim Pengelola Pengaduan")
    _nothing_granted(app)
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.username == "admin"))
        assert "tim_pengaduan" not in admin.group_codes


@sqlite_only
def test_a_stand_in_without_a_work_lane_of_their_own_is_never_granted_one(app, client, login):
    """Walk: the Atasan PPID made the auditor a stand-in with the PPID lane granted."""
    for who in ("auditor", "admin"):
        _refused(_leave(client, login, substitute=who, grant_lanes=True), "PPID")
    _nothing_granted(app)


@sqlite_only
def test_a_superior_cannot_grant_the_lanes_to_themselves(app, client, login):
    _refused(_leave(client, login, substitute="atasan", grant_lanes=True), "PPID")
    _nothing_granted(app)


@sqlite_only
def test_the_superior_of_one_of_the_officers_lanes_cannot_grant_the_others(app, client, login):
    """The PPID who is also of the complaint team: his superior as PPID is not the complaint team's."""
    with app.app_context():
        ppid = db.session.scalar(select(User).where(User.username == "ppid"))
        team = db.session.scalar(select(Group).where(Group.code == "tim_pengaduan"))
        db.session.add(Membership(user_id=ppid.id, group_id=team.id))
        db.session.commit()
    said = _refused(_leave(client, login, grant_lanes=True), "Tim Pengelola Pengaduan")
    assert "PPID" not in said.replace("Atasan PPID", "")  # only the lane he may not grant is named
    _nothing_granted(app)


@sqlite_only
def test_an_admin_alone_grants_no_lane_least_of_all_the_complaint_teams(app, client, login):
    admin = login("admin")
    _refused(_leave(client, login, username="tim", grant_lanes=True, headers=admin), "Tim Pengelola Pengaduan")
    _refused(_leave(client, login, grant_lanes=True, headers=admin), "PPID")
    _nothing_granted(app)
    # Without a grant the admin still records a leave whose stand-in already works in the lanes.
    r = _leave(client, login, username="tim", substitute="tim2", headers=admin)
    assert r.status_code == 201, r.json
    assert r.json["granted_lanes"] == []


# -- The lanes go when the leave ends, in the access log too ---------------------------------------------------------


def test_a_leave_that_ends_records_the_withdrawal_of_its_lanes_once(app, client, login, settings):
    """Only a cancellation recorded it: the auditors read the grant of a leave that ended, and never its end."""
    leave = _granted(client, login, last=today())
    with app.app_context():
        ends_at = db.session.get(Absence, leave["id"]).ends_at
    _reconcile_at(settings, ends_at + timedelta(hours=9))
    _reconcile_at(settings, ends_at + timedelta(hours=10))  # safe to run twice
    changes = client.get(f"{API}/audit/access", headers=login("auditor")).json
    assert [c["type"] for c in changes].count("leave_lanes_withdrawn") == 1
    (withdrawn,) = (c for c in changes if c["type"] == "leave_lanes_withdrawn")
    assert (withdrawn["actor"], withdrawn["subject"], withdrawn["data"]["lanes"]) == ("system", "petugas2", ["ppid"])
    assert withdrawn["data"]["absence_id"] == leave["id"]
    assert withdrawn["data"]["ended"] is True
    verified = client.get(f"{API}/audit/access/verify", headers=login("auditor")).json
    assert verified["officer"] == {"records": 2, "broken_at": None}


# -- Assigning to an officer on leave whose stand-in can no longer work ----------------------------------------------


@sqlite_only
def test_a_task_assigned_to_an_officer_on_leave_whose_stand_in_is_deactivated_stays_in_the_queue(
    app, client, desk, login
):
    ticket, task_id = _at_ppid(desk, client, login, claim=False)
    _granted(client, login)
    with app.app_context():
        db.session.scalar(select(User).where(User.username == "petugas2")).active = False
        db.session.commit()
    r = client.post(f"{API}/tasks/{task_id}/assign", json={"username": "ppid"}, headers=login("atasan"))
    assert r.status_code == 422, r.json
    assert "Petugas2" in " ".join(r.json["errors"]["username"])
    assert desk.task(ticket, "proses_permohonan")["assignee"] is None


# -- Review: the mails count on the deadline's own calendar; a return to an officer away again; an idle sweep -------


@sqlite_only
def test_a_leave_mail_counts_the_tasks_deadline_on_its_own_calendar(app, client, desk, login):
    """Other staff mails state each deadline on its own reading (engine.outbox.stated): a leave's mails counted every
    deadline on the strict calendar."""
    _ticket, task_id = _at_ppid(desk, client, login)
    tomorrow = today() + timedelta(days=1)
    only_lenient = HolidayOverride(tomorrow, False, "lenient only", ("lenient",))
    rt = SimpleNamespace(calendars={name: WorkingCalendar(name, overrides=[only_lenient]) for name in CALENDARS})
    with app.app_context():
        task = db.session.get(HumanTask, task_id)
        own = leave_returns.task_deadline(task)
        own.calendar = "lenient"
        lenient = rt.calendars["lenient"].working_days_between(today(), own.due_at.astimezone(WIB).date())
        strict = rt.calendars["strict"].working_days_between(today(), own.due_at.astimezone(WIB).date())
        assert lenient != strict
        assert leave_returns.task_context(rt, task)["working_days_left"] == lenient


@sqlite_only
def test_a_task_given_back_to_an_officer_on_another_leave_goes_to_that_leaves_stand_in(
    app, client, desk, login, settings
):
    """Two leaves in a row with different stand-ins: when the first ends, the task it handed over went back to the
    officer, who is away again, and waited there for the next sweep."""
    ticket, task_id = _at_ppid(desk, client, login)
    first = _granted(client, login, last=today())
    second = _granted(client, login, substitute="petugas", first=today() + timedelta(days=1))
    with app.app_context():
        ends_at = db.session.get(Absence, first["id"]).ends_at
        clock.set_clock(lambda: ends_at + timedelta(hours=9))
        try:
            returned = leave_returns.give_back(
                db.session, app.extensions["kawal_runtime"], db.session.get(Absence, first["id"]), "system"
            )
            assert [t.id for t in returned] == [task_id]
            assert db.session.get(HumanTask, task_id).assignee.username == "petugas"
            db.session.commit()
            handed = db.session.scalars(
                select(CaseEvent.data).where(CaseEvent.type == "task_handed_over").order_by(CaseEvent.id)
            ).all()
            assert (handed[-1]["from"], handed[-1]["assignee"]) == ("ppid", "petugas")
            assert handed[-1]["absence_id"] == second["id"]
            assert [name for name, _ in _told("task_handed_over")] == ["petugas2", "petugas"]
            assert [name for name, _ in _told("task_returned")] == ["petugas2"]
            # Held under the second leave now: its cancellation gives the task back to him.
            superior = db.session.scalar(select(User).where(User.username == "atasan"))
            absence.cancel_absence(db.session, app.extensions["kawal_runtime"], superior, second["id"])
            db.session.commit()
        finally:
            clock.set_clock(None)
    assert desk.task(ticket, "proses_permohonan")["assignee"] == "ppid"


@sqlite_only
def test_a_stand_in_of_two_leaves_in_a_row_holds_the_task_on_with_one_mail_and_no_return_that_never_was(
    app, client, desk, login, settings
):
    """The same stand-in for both leaves: she was told the task came back to him and, at once, that she holds it
    for him, and the history recorded a return to an officer who was away."""
    ticket, task_id = _at_ppid(desk, client, login)
    first = _granted(client, login, last=today())
    second = _granted(client, login, first=today() + timedelta(days=1))
    with app.app_context():
        ends_at = db.session.get(Absence, first["id"]).ends_at
        clock.set_clock(lambda: ends_at + timedelta(hours=9))
        try:
            leave_returns.give_back(
                db.session, app.extensions["kawal_runtime"], db.session.get(Absence, first["id"]), "system"
            )
            db.session.commit()
            assert db.session.get(HumanTask, task_id).assignee.username == "petugas2"
            returns = db.session.scalars(select(CaseEvent.data).where(CaseEvent.type == "task_returned")).all()
            assert returns == []
            handed = db.session.scalars(
                select(CaseEvent.data).where(CaseEvent.type == "task_handed_over").order_by(CaseEvent.id)
            ).all()
            assert handed[-1]["absence_id"] == second["id"]
            assert _told("task_returned") == []
            assert [name for name, _ in _told("task_handed_over")] == ["petugas2", "petugas2"]
        finally:
            clock.set_clock(None)


@sqlite_only
def test_a_task_the_sweep_leaves_with_a_stand_in_who_holds_its_lane_under_another_leave_is_not_due(
    app, client, desk, login, settings
):
    """``returns_due`` stayed true for 30 days for a task give_back deliberately skips: every reconcile swept."""
    _ticket, task_id = _at_ppid(desk, client, login, claim=False)
    with app.app_context():  # the desk officer works the PPID's lane too: his leave grants it to his stand-in
        petugas = db.session.scalar(select(User).where(User.username == "petugas"))
        lane = db.session.scalar(select(Group).where(Group.code == "ppid"))
        db.session.add(Membership(user_id=petugas.id, group_id=lane.id))
        db.session.commit()
    first = _granted(client, login, last=today())
    _granted(client, login, username="petugas", last=today() + timedelta(days=5))
    with app.app_context():  # she took the PPID's task from the queue herself
        task = db.session.get(HumanTask, task_id)
        task.assignee_id = db.session.scalar(select(User.id).where(User.username == "petugas2"))
        task.claimed_at = datetime.now(UTC)
        db.session.commit()
        ends_at = db.session.get(Absence, first["id"]).ends_at
    _reconcile_at(settings, ends_at + timedelta(hours=9))
    with app.app_context():
        assert db.session.get(HumanTask, task_id).assignee.username == "petugas2"  # hers still, under the other
        clock.set_clock(lambda: ends_at + timedelta(hours=10))
        try:
            assert not leave_returns.returns_due(db.session)
        finally:
            clock.set_clock(None)
