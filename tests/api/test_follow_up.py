"""An officer's own follow-up on a task they hold (engine.follow_ups, PUT|DELETE /api/v1/tasks/{id}/follow-up): a
day after today and a note to themselves; on that day the reconcile sweep tells the holder once, and the note stays in
Kawal (never in the message or the case's history). On SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date
from sqlalchemy import select

from api.extensions import db
from engine import clock, inbox_list, queries
from engine.letters.render import MONTHS
from engine.models import Case, CaseEvent, HumanTask, Notification, User
from notifications.reconcile import reconcile
from notifications.rendering import render
from notifications.services import Services, use
from tests.api.test_workbench import _claimed
from tests.conftest import sqlite_only

API = "/api/v1"
WIB = ZoneInfo("Asia/Jakarta")
NOTE = "Unit Humas janji kirim data Kamis; telepon Bu Sari 0812 0000 1111 kalau belum"


def today():
    return datetime.now(UTC).astimezone(WIB).date()


def working_day(app, nth: int = 1):
    """The ``nth`` working day of the office after today (the lenient calendar: cuti bersama off too)."""
    office = app.extensions["kawal_runtime"].calendars["lenient"]
    day, found = today(), 0
    while found < nth:
        day += timedelta(days=1)
        found += office.is_working_day(day)
    return day


def follow_up(client, login, task_id, who="petugas", **body):
    return client.put(f"{API}/tasks/{task_id}/follow-up", json=body, headers=login(who))


def history(app, ticket) -> list[tuple[str, dict]]:
    with app.app_context():
        case_id = db.session.scalar(select(Case.id).where(Case.ticket == ticket))
        rows = db.session.execute(
            select(CaseEvent.type, CaseEvent.data).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
        )
        return [(t, d) for t, d in rows if t.startswith("follow_up")]


def test_the_holder_sets_a_follow_up_the_inbox_shows_it_and_the_history_keeps_the_day_not_the_note(
    app, client, desk, login
):
    ticket, task_id = _claimed(desk, client, login)
    day = working_day(app, 2)
    r = follow_up(client, login, task_id, on=str(day), note=NOTE)
    assert r.status_code == 200, r.json
    assert (r.json["follow_up_on"], r.json["follow_up_note"], r.json["follow_up_due"]) == (str(day), NOTE, False)
    (row,) = client.get(f"{API}/tasks", query_string={"scope": "mine"}, headers=login("petugas")).json["items"]
    assert (row["ticket"], row["follow_up_on"], row["follow_up_note"]) == (ticket, str(day), NOTE)
    assert history(app, ticket) == [
        ("follow_up_set", {"task": "periksa_kelengkapan", "task_id": task_id, "on": str(day)})
    ]
    listed = client.get(f"{API}/tasks", query_string={"follow_up": "set"}, headers=login("petugas")).json["items"]
    assert [t["ticket"] for t in listed] == [ticket]
    assert client.get(f"{API}/tasks", query_string={"follow_up": "due"}, headers=login("petugas")).json["items"] == []
    later = working_day(app, 4)
    assert follow_up(client, login, task_id, on=str(later)).json["follow_up_on"] == str(later)  # a new day replaces
    r = client.delete(f"{API}/tasks/{task_id}/follow-up", headers=login("petugas"))
    assert (r.status_code, r.json["follow_up_on"], r.json["follow_up_note"]) == (200, None, None)
    assert [t for t, _d in history(app, ticket)] == ["follow_up_set", "follow_up_set", "follow_up_cleared"]


# Who may set it and which days: Python's checks before anything is written.
@sqlite_only
def test_a_follow_up_is_refused_to_anyone_but_the_holder_and_for_today_the_past_a_day_off_or_beyond_a_year(
    app, client, desk, login, unchanged
):
    _ticket, task_id = _claimed(desk, client, login)
    tomorrow = str(working_day(app))
    saturday = today() + timedelta(days=(5 - today().weekday()) % 7 or 7)
    with unchanged():
        other = follow_up(client, login, task_id, who="petugas2", on=tomorrow)
        assert other.status_code == 409
        assert "ambil tugas ini dulu" in other.json["message"]
        for day in (today(), today() - timedelta(days=2)):
            r = follow_up(client, login, task_id, on=str(day))
            assert r.status_code == 422, r.json
            assert r.json["errors"]["on"] == ["hari setelah hari ini"]
        weekend = follow_up(client, login, task_id, on=str(saturday))
        office = app.extensions["kawal_runtime"].calendars["lenient"]
        after = next(d for d in (saturday + timedelta(days=n) for n in range(1, 30)) if office.is_working_day(d))
        written = format_date(after, "d MMM y", locale="id")  # "14 Des 2026", as every page writes a day
        assert weekend.json["errors"]["on"] == [f"bukan hari kerja kantor: hari kerja berikutnya {written}"]
        far = follow_up(client, login, task_id, on=str(today() + timedelta(days=400)))
        assert far.json["errors"]["on"] == ["paling lambat setahun dari hari ini"]
        long = follow_up(client, login, task_id, on=tomorrow, note="x" * 201)
        assert (long.status_code, list(long.json["errors"])) == (422, ["note"])
        assert follow_up(client, login, task_id, on="besok").status_code == 422
    assert follow_up(client, login, task_id, on=tomorrow).status_code == 200


def test_on_the_day_the_holder_is_told_once_without_the_note(app, client, desk, login, settings):
    ticket, task_id = _claimed(desk, client, login)
    day = working_day(app)
    opens = app.extensions["kawal_runtime"].calendars["lenient"].opening(day)  # 08:00 on the schedule of this day
    assert follow_up(client, login, task_id, on=str(day), note=NOTE).status_code == 200
    services = Services(settings)
    use(services)

    def told():
        with app.app_context():
            return db.session.execute(
                select(User.username, Notification.context)
                .join(User, User.id == Notification.recipient_user_id)
                .where(Notification.event == "task_follow_up")
            ).all()

    try:
        clock.set_clock(lambda: opens - timedelta(minutes=1))
        assert reconcile(services).failed == []
        assert told() == []  # not before the office opens that day
        clock.set_clock(lambda: opens + timedelta(minutes=1))
        assert reconcile(services).failed == []
        reconcile(services)  # and once only
        with app.app_context():  # the inbox marks it from now on, and lists it under "its day has come"
            user = db.session.scalar(select(User).where(User.username == "petugas"))
            rt = app.extensions["kawal_runtime"]
            came = inbox_list.page(db.session, rt, user, inbox_list.parse({"follow_up": "due"})).items
            assert [t["id"] for t in came] == [task_id]
            task = db.session.get(HumanTask, task_id)
            shown = queries.follow_up(app.extensions["kawal_runtime"], task.follow_up_at, task.follow_up_note)
        assert (shown["follow_up_on"], shown["follow_up_due"]) == (day, True)
    finally:
        clock.set_clock(None)
        use(None)
        services.sessions.kw["bind"].dispose()
    (sent,) = [context for username, context in told() if username == "petugas"]
    assert len(told()) == len({(u, c["ticket"]) for u, c in told()})  # one per channel at most, to the holder alone
    assert {username for username, _c in told()} == {"petugas"}
    subject, body = render("task_follow_up", "id", sent)
    assert subject == f"Tindak lanjut hari ini: Periksa kelengkapan permohonan ({ticket})"
    assert f"hari ini, {day.day} {MONTHS['id'][day.month - 1]} {day.year}," in body  # the long date mails use
    assert NOTE not in subject + body
    assert "Bu Sari" not in str(sent)


# The personal-data guard of a note: Python's (engine.officer_text).
@sqlite_only
def test_a_follow_up_note_on_a_complaint_holds_no_ones_number_as_every_note_on_it(app, client, desk, login, unchanged):
    """A follow-up note on a complaint's task is read by whoever works the task (a unit among them) on its page and
    in the inbox: the personal-data guard of the complaint's notes and forms (engine.officer_text) refuses a NIK,
    a phone number or an e-mail in it, naming the field and the kind, never the value. A note on a request's task is
    the officer's own, as before (above: a phone number in it)."""
    from tests.conftest import complaint_payload

    ticket = client.post(f"{API}/complaints", json=complaint_payload("rahasia")).json["ticket"]
    task = desk.open_tasks(ticket, "tim")["catat_pengaduan"]
    assert client.post(f"{API}/tasks/{task['id']}/claim", headers=login("tim")).status_code == 200
    day = str(working_day(app, 2))
    with unchanged():
        r = follow_up(client, login, task["id"], who="tim", on=day, note=NOTE)
    assert r.status_code == 422, r.json
    assert list(r.json["errors"]) == ["note"]
    assert "nomor telepon" in " ".join(r.json["errors"]["note"])
    assert "catatan tindak lanjut" in r.json["message"]
    assert "0812" not in str(r.json)
    r = follow_up(client, login, task["id"], who="tim", on=day, note="Unit Humas janji kirim data Kamis")
    assert r.status_code == 200, r.json
    assert r.json["follow_up_note"] == "Unit Humas janji kirim data Kamis"
