"""What every API request reads afresh because another process may have changed it (issue 18).

A token's session and officer, whether anyone is on leave (engine.stand_ins) and the holiday overrides'
signature (Runtime.refresh_overrides) are read by each request, in the request's first statement: a change
made by the CLI, a job or another web worker counts from the next request on, and no request pays three
statements for it.
"""

import re
from datetime import date, datetime, timedelta

from sqlalchemy import event

from api.extensions import db
from engine import absence, holidays
from engine.models import User
from engine.runtime import Runtime

FRIDAY = datetime.fromisoformat("2026-12-04T10:00:00+07:00")  # a Friday: the next working day is Monday 7 Dec
EXTRA_DAY_OFF = date(2026, 12, 7)


def _statements(app, call):
    """The SQL statements ``call`` sends, in order."""
    sent = []

    def record(_conn, _cursor, statement, *_args):
        sent.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = call()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return response, sent


def _reading(statements, table):
    """The statements that read ``table`` itself: "holiday" is not "holiday_year", which a case whose deadline
    reaches into a year of unconfirmed cuti bersama reads for its warning (from December 2027 on, every case)."""
    named = re.compile(rf'\b(FROM|JOIN) "?{table}"?(?![\w])')
    return [s for s in statements if named.search(s)]


def test_an_api_request_reads_its_login_leave_and_overrides_in_its_first_statement(app, client, login, desk):
    ticket = desk.submit()["ticket"]
    headers = login("ppid")
    r, sent = _statements(app, lambda: client.get(f"/api/v1/cases/{ticket}", headers=headers))
    assert r.status_code == 200, r.json
    first = sent[0]
    assert "FROM auth_session" in first
    assert "FROM absence" in first
    assert "FROM holiday" in first
    assert len(_reading(sent, "holiday")) == 1  # the runtime asked no second time
    assert len(_reading(sent, "absence")) == 1


class Cli:
    """The CLI in another process: its own runtime, and each step its own committed transaction."""

    def __init__(self, app, settings):
        self.app, self.rt = app, Runtime(settings)

    def add_day_off(self, day: date, reason: str = "Libur daerah") -> int:
        with self.app.app_context():
            row_id = holidays.add_override(db.session, self.rt, day=day, reason=reason, actor="cli").id
            db.session.commit()
            db.session.remove()
        return row_id

    def remove(self, override_id: int) -> None:
        with self.app.app_context():
            holidays.remove_override(db.session, self.rt, override_id, actor="cli")
            db.session.commit()
            db.session.remove()


def test_a_day_off_added_by_another_process_counts_from_the_next_api_request(app, client, login, desk, settings):
    ticket = desk.submit()["ticket"]
    headers = login("ppid")
    rt = app.extensions["kawal_runtime"]
    cli = Cli(app, settings)
    assert client.get(f"/api/v1/cases/{ticket}", headers=headers).status_code == 200
    assert rt.calendars["strict"].add_working_days(FRIDAY, 1).due_at.date() == EXTRA_DAY_OFF

    row_id = cli.add_day_off(EXTRA_DAY_OFF)
    assert client.get(f"/api/v1/cases/{ticket}", headers=headers).status_code == 200
    assert rt.calendars["strict"].add_working_days(FRIDAY, 1).due_at.date() == EXTRA_DAY_OFF + timedelta(days=1)

    cli.remove(row_id)
    assert client.get(f"/api/v1/cases/{ticket}", headers=headers).status_code == 200
    assert rt.calendars["strict"].add_working_days(FRIDAY, 1).due_at.date() == EXTRA_DAY_OFF


def test_a_day_off_replaced_by_another_under_the_same_id_counts_from_the_next_api_request(
    app, client, login, desk, settings
):
    """SQLite gives a new row the highest id again once that row is gone: the same count and ids, another day."""
    ticket = desk.submit()["ticket"]
    headers = login("ppid")
    rt = app.extensions["kawal_runtime"]
    cli = Cli(app, settings)
    first_id = cli.add_day_off(EXTRA_DAY_OFF)
    assert client.get(f"/api/v1/cases/{ticket}", headers=headers).status_code == 200
    assert rt.calendars["strict"].add_working_days(FRIDAY, 1).due_at.date() == EXTRA_DAY_OFF + timedelta(days=1)

    cli.remove(first_id)  # the CLI moves the day off to the Tuesday, between two requests of this worker
    cli.add_day_off(EXTRA_DAY_OFF + timedelta(days=1), "Libur daerah (diundur)")
    assert client.get(f"/api/v1/cases/{ticket}", headers=headers).status_code == 200
    calendar = rt.calendars["strict"]
    assert calendar.add_working_days(FRIDAY, 1).due_at.date() == EXTRA_DAY_OFF  # Monday works again
    assert calendar.add_working_days(FRIDAY, 2).due_at.date() == EXTRA_DAY_OFF + timedelta(days=2)


def test_a_leave_recorded_by_another_process_gives_the_stand_in_the_lane_from_the_next_request(
    app, client, login, desk
):
    ticket = desk.submit()["ticket"]
    desk.complete(ticket, "periksa_kelengkapan")
    desk.complete(ticket, "registrasi")  # proses_permohonan waits in the PPID's lane
    headers = login("petugas2")

    def lane_tasks():
        r = client.get("/api/v1/tasks", headers=headers)
        assert r.status_code == 200, r.json
        return [t["name"] for t in r.json["items"] if t["ticket"] == ticket]

    assert "proses_permohonan" not in lane_tasks()
    with app.app_context():  # the superior records the PPID's leave in another process
        superior = db.session.query(User).filter_by(username="atasan").one()
        today = datetime.now(app.extensions["kawal_runtime"].calendars["strict"].tz).date()
        rt = Runtime(app.config["KAWAL"])
        absence.mark_absence(db.session, rt, superior, "ppid", "petugas2", today, today, grant_lanes=True)
        db.session.commit()
        db.session.remove()
    assert "proses_permohonan" in lane_tasks()
