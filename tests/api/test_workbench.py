"""Issue 11 points 9 and 10: internal notes with mentions and files; leave with a substitute; workload.

On PostgreSQL too: a note and its event stored and read back, a mention's notice in the outbox, a leave's hand-over and
the queries that compare its instants with the clock (an overlapping leave, a leave that begins later, the stand-in a
message goes to, rolled back with its transaction), the workload's counts, the blind index rebuilt from the vault. Who
reads the notes, a file's sealing, a stand-in's lanes and the reconcile's call are Python over rows either database
returns alike: their PostgreSQL twins ran the same Python again."""

import io
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from sqlalchemy import select

from api.extensions import db
from engine import absence, clock, stand_ins
from engine.models import Absence, CaseEvent, Notification, User
from notifications.reconcile import reconcile
from notifications.services import Services, use
from tests.api.test_complaint_documents import TO_PENDMAD, Team
from tests.conftest import complaint_payload, sqlite_only
from tests.helpers import STEP
from tests.workflows.test_pengaduan_paths import CATAT

API = "/api/v1"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NOTE = "Pemohon menelepon: mohon salinan dalam bentuk PDF. @ppid mohon dicek."
WIB = ZoneInfo("Asia/Jakarta")


def today():
    return datetime.now(UTC).astimezone(WIB).date()


def note(client, login, ticket, body, who="petugas", files=()):
    if files:
        data = {"body": body, "attachments": [(io.BytesIO(content), name) for name, content in files]}
        return client.post(f"{API}/cases/{ticket}/notes", data=data, headers=login(who))
    return client.post(f"{API}/cases/{ticket}/notes", json={"body": body}, headers=login(who))


def test_an_internal_note_is_read_by_the_officers_and_never_by_the_requester(app, client, desk, login):
    receipt = desk.submit()
    r = note(client, login, receipt["ticket"], NOTE)
    assert r.status_code == 201, r.json
    assert r.json["mentions"] == ["ppid"]
    items = client.get(f"{API}/cases/{receipt['ticket']}/notes", headers=login("ppid")).json["items"]
    assert [(n["author"], n["body"]) for n in items] == [("petugas", NOTE)]
    public = client.post(f"{API}/status", json={"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    assert "salinan dalam bentuk PDF" not in public.get_data(as_text=True)
    with app.app_context():
        (event,) = db.session.scalars(select(CaseEvent).where(CaseEvent.type == "note_added"))
        assert event.actor == "petugas"
        assert event.data["mentions"] == ["ppid"]
        assert "PDF" not in str(event.data)  # the history holds a hash of the text, never the text
    audit = client.get(f"{API}/audit/export?format=jsonl", headers=login("auditor"))
    assert "note_added" in audit.get_data(as_text=True)
    assert "salinan dalam bentuk PDF" not in audit.get_data(as_text=True)


@sqlite_only
def test_an_auditor_reads_the_notes_but_adds_none_to_the_history_being_audited(app, client, desk, login):
    receipt = desk.submit()
    assert note(client, login, receipt["ticket"], NOTE).status_code == 201
    items = client.get(f"{API}/cases/{receipt['ticket']}/notes", headers=login("auditor")).json["items"]
    assert [n["body"] for n in items] == [NOTE]
    r = note(client, login, receipt["ticket"], "Catatan auditor: uji", who="auditor")
    assert r.status_code == 403
    with app.app_context():
        assert db.session.scalars(select(CaseEvent.actor).where(CaseEvent.type == "note_added")).all() == ["petugas"]
    assert len(client.get(f"{API}/cases/{receipt['ticket']}/notes", headers=login("ppid")).json["items"]) == 1


def test_a_mention_tells_the_colleague_through_the_outbox_and_an_unknown_one_is_refused(app, client, desk, login):
    receipt = desk.submit()
    assert note(client, login, receipt["ticket"], NOTE).status_code == 201
    with app.app_context():
        ppid = db.session.scalar(select(User.id).where(User.username == "ppid"))
        (told,) = db.session.scalars(select(Notification).where(Notification.event == "note_mention"))
        assert told.recipient_user_id == ppid
        assert told.context["author"] == "petugas"
        assert "PDF" not in str(told.context)  # the message points at the case, it does not carry the note
    for body in ("@nobody lihat ini", "@tim lihat ini"):  # no such officer; one who may not read PPID cases
        r = note(client, login, receipt["ticket"], body)
        assert r.status_code == 422
        assert "body" in r.json["errors"]
    assert len(client.get(f"{API}/cases/{receipt['ticket']}/notes", headers=login("ppid")).json["items"]) == 1
    assert note(client, login, receipt["ticket"], "   ").status_code == 422


@sqlite_only
def test_an_officers_file_on_a_complaint_is_encrypted_for_the_team_and_never_reaches_the_reporter(
    client, login, settings
):
    filed = client.post(f"{API}/complaints", json=complaint_payload("rahasia")).json
    team = SimpleNamespace(ticket=filed["ticket"])
    r = note(client, login, team.ticket, "Foto lokasi dari survei", who="tim", files=[("foto.pdf", PDF)])
    assert r.status_code == 201, r.json
    (attachment,) = r.json["attachments"]
    stored = [p.read_bytes() for p in settings.files_dir.iterdir() if not p.name.startswith(".")]
    assert stored
    assert all(PDF not in blob for blob in stored)
    got = client.get(f"{API}/cases/{team.ticket}/notes/attachments/{attachment['id']}", headers=login("tim"))
    assert got.status_code == 200
    assert got.data == PDF
    code = {"X-Access-Code": filed["access_code"]}
    assert client.get(f"{API}/complaints/{team.ticket}/messages", headers=code).status_code == 200
    reporter = client.get(f"{API}/complaints/{team.ticket}/attachments/{attachment['id']}", headers=code)
    assert reporter.status_code == 404  # the reporter's code opens the conversation's files, not the team's


@sqlite_only
def test_a_unit_referred_a_complaint_does_not_read_the_teams_notes(client, login):
    team = Team(client, login)
    team.complete("catat_pengaduan", CATAT)
    team.complete("verifikasi", {"hasil": "layak"})
    team.complete("klasifikasi", TO_PENDMAD)
    assert note(client, login, team.ticket, "Pelapor mungkin guru honorer di sana", who="tim").status_code == 201
    r = client.get(f"{API}/cases/{team.ticket}/notes", headers=login("unitmad"))
    assert r.status_code == 403
    assert note(client, login, team.ticket, "@unitmad lihat", who="tim").status_code == 422


@sqlite_only
def test_a_unit_referred_a_request_does_not_read_the_desks_notes(client, desk, login):
    """The PPID's note of a call, with the requester's name and NIK, was readable by the unit asked for the
    information, which is shown no identity (README, "Who may see what")."""
    ticket = desk.submit()["ticket"]
    for step in ("periksa_kelengkapan", "registrasi"):
        desk.complete(ticket, step)
    desk.complete(ticket, "proses_permohonan", STEP["proses_permohonan_unit"])
    assert note(client, login, ticket, "Pemohon menelepon, NIK 3171234507895555", who="ppid").status_code == 201
    assert client.get(f"{API}/cases/{ticket}", headers=login("unit")).status_code == 200  # the unit sees the case
    assert client.get(f"{API}/cases/{ticket}/notes", headers=login("unit")).status_code == 403
    assert client.get(f"{API}/cases/{ticket}/notes", headers=login("petugas")).status_code == 200


def _claimed(desk, client, login, who="petugas"):
    receipt = desk.submit(headers=login("petugas"), channel="langsung", received_at=datetime.now(UTC).isoformat())
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    assert client.post(f"{API}/tasks/{task['id']}/claim", headers=login(who)).status_code == 200
    return receipt["ticket"], task["id"]


def test_leave_hands_the_officers_tasks_to_the_substitute_and_reminders_follow(app, client, desk, login):
    ticket, task_id = _claimed(desk, client, login)
    r = client.post(
        f"{API}/absences",
        json={
            "username": "petugas",
            "substitute": "petugas2",
            "first_day": str(today()),
            "last_day": str(today() + timedelta(days=3)),
        },
        headers=login("ppid"),
    )
    assert r.status_code == 201, r.json
    assert desk.task(ticket, "periksa_kelengkapan")["assignee"] == "petugas2"
    with app.app_context():
        ids = dict(db.session.execute(select(User.username, User.id)).all())
        (handed,) = db.session.scalars(select(CaseEvent).where(CaseEvent.type == "task_handed_over"))
        assert (handed.data["from"], handed.data["assignee"]) == ("petugas", "petugas2")
        told = db.session.scalars(
            select(Notification.recipient_user_id).where(Notification.event == "task_handed_over")
        )
        assert list(told) == [ids["petugas2"]]
        # Reminders for the absent officer, or for their group, reach the substitute instead.
        assert stand_ins.recipients(db.session, [ids["petugas"], ids["ppid"]]) == [ids["petugas2"], ids["ppid"]]


def test_an_officer_marks_their_own_leave_only_with_a_colleague_of_their_lanes(client, login):
    days = {"first_day": str(today()), "last_day": str(today() + timedelta(days=1))}
    r = client.post(f"{API}/absences", json={"substitute": "ppid", **days}, headers=login("petugas"))
    assert r.status_code == 422
    assert "substitute" in r.json["errors"]
    r = client.post(
        f"{API}/absences", json={"username": "petugas2", "substitute": "petugas", **days}, headers=login("petugas")
    )
    assert r.status_code == 403
    past = {"first_day": str(today() - timedelta(days=5)), "last_day": str(today() - timedelta(days=4))}
    r = client.post(f"{API}/absences", json={"substitute": "petugas2", **past}, headers=login("petugas"))
    assert r.status_code == 422
    assert "last_day" in r.json["errors"]
    r = client.post(f"{API}/absences", json={"substitute": "petugas2", **days}, headers=login("petugas"))
    assert r.status_code == 201
    again = client.post(f"{API}/absences", json={"substitute": "petugas2", **days}, headers=login("petugas"))
    assert again.status_code == 409


@sqlite_only
def test_a_stand_in_named_by_the_superior_holds_the_lanes_and_gets_the_lanes_new_tasks(app, client, desk, login):
    days = {"first_day": str(today()), "last_day": str(today() + timedelta(days=2))}
    r = client.post(
        f"{API}/absences",
        json={"username": "ppid", "substitute": "petugas2", "grant_lanes": True, **days},
        headers=login("atasan"),
    )
    assert r.status_code == 201, r.json
    receipt = desk.submit()
    desk.complete(receipt["ticket"], "periksa_kelengkapan")
    desk.complete(receipt["ticket"], "registrasi")
    # The PPID's only officer is away: the PPID's new task goes to the stand-in, who may work it.
    assert desk.task(receipt["ticket"], "proses_permohonan")["assignee"] == "petugas2"
    desk.complete(receipt["ticket"], "proses_permohonan", username="petugas2")
    with app.app_context():
        stand_in = db.session.scalar(select(User).where(User.username == "petugas2"))
        assert "ppid" in stand_in.group_codes
        leave = db.session.scalar(select(Absence))
        clock.set_clock(lambda: leave.ends_at + timedelta(seconds=1))
        try:
            assert stand_in.acting_groups() == frozenset()  # the period is over: no more PPID
        finally:
            clock.set_clock(None)


def test_the_superior_sees_each_officers_workload_and_leave(client, desk, login):
    _claimed(desk, client, login)
    _claimed(desk, client, login)
    days = {"first_day": str(today() + timedelta(days=7)), "last_day": str(today() + timedelta(days=9))}
    client.post(f"{API}/absences", json={"substitute": "petugas", **days}, headers=login("petugas2"))
    r = client.get(f"{API}/workload", headers=login("ppid"))
    assert r.status_code == 200
    rows = {row["username"]: row for row in r.json["items"]}
    assert rows["petugas"]["open"] == 2
    assert rows["petugas"]["absence"] is None
    assert rows["petugas2"]["open"] == 0
    assert rows["petugas2"]["absence"]["substitute"] == "petugas"
    assert rows["petugas2"]["absence"]["now"] is False
    assert client.get(f"{API}/workload", headers=login("petugas")).status_code == 403


def test_leave_that_begins_later_is_handed_over_by_the_reconcile_sweep(app, client, desk, login):
    ticket, _task_id = _claimed(desk, client, login)
    days = {"first_day": str(today() + timedelta(days=1)), "last_day": str(today() + timedelta(days=2))}
    r = client.post(f"{API}/absences", json={"substitute": "petugas2", **days}, headers=login("petugas"))
    assert r.status_code == 201, r.json
    assert desk.task(ticket, "periksa_kelengkapan")["assignee"] == "petugas"  # not yet: the leave is tomorrow
    with app.app_context():
        leave = db.session.scalar(select(Absence))
        assert not absence.hand_over_due(db.session)
        clock.set_clock(lambda: leave.starts_at + timedelta(hours=9))
        try:
            assert absence.hand_over_due(db.session)
            assert absence.sweep(db.session, app.extensions["kawal_runtime"]) == 1
            db.session.commit()
            assert absence.sweep(db.session, app.extensions["kawal_runtime"]) == 0  # safe to run twice
            assert not absence.hand_over_due(db.session)  # the stand-in holds it now
        finally:
            clock.set_clock(None)
    assert desk.task(ticket, "periksa_kelengkapan")["assignee"] == "petugas2"


@sqlite_only
def test_reconcile_itself_hands_over_the_tasks_of_an_officer_whose_leave_has_begun(app, client, desk, login, settings):
    """Through ``notifications.reconcile`` as the clock and the scheduler run it (it once called its runtime as a
    function: the first leave that began with a task held stopped every reconcile, timers and reminders with it)."""
    ticket, _task_id = _claimed(desk, client, login)
    days = {"first_day": str(today() + timedelta(days=1)), "last_day": str(today() + timedelta(days=2))}
    r = client.post(f"{API}/absences", json={"substitute": "petugas2", **days}, headers=login("petugas"))
    assert r.status_code == 201, r.json
    with app.app_context():
        starts = db.session.scalar(select(Absence)).starts_at
    services = Services(settings)
    use(services)
    clock.set_clock(lambda: starts + timedelta(hours=9))
    try:
        report = reconcile(services)
    finally:
        clock.set_clock(None)
        use(None)
        services.sessions.kw["bind"].dispose()
    assert report.failed == []
    assert desk.task(ticket, "periksa_kelengkapan")["assignee"] == "petugas2"


def test_messages_reach_the_substitute_from_the_moment_a_leave_begins_or_is_recorded(app, client, login):
    """Who is on leave is looked up once per transaction; the answer holds only until the next leave begins,
    and a leave recorded in the same transaction counts at once."""
    days = {"first_day": str(today() + timedelta(days=1)), "last_day": str(today() + timedelta(days=2))}
    r = client.post(f"{API}/absences", json={"substitute": "petugas2", **days}, headers=login("petugas"))
    assert r.status_code == 201, r.json
    with app.app_context():
        ids = dict(db.session.execute(select(User.username, User.id)).all())
        assert stand_ins.recipients(db.session, [ids["petugas"]]) == [ids["petugas"]]  # the leave is tomorrow
        leave = db.session.scalar(select(Absence))
        clock.set_clock(lambda: leave.starts_at + timedelta(hours=9))
        try:
            assert stand_ins.recipients(db.session, [ids["petugas"]]) == [ids["petugas2"]]  # same transaction
        finally:
            clock.set_clock(None)
        db.session.rollback()
        assert stand_ins.recipients(db.session, [ids["petugas"]]) == [ids["petugas"]]  # "nobody until tomorrow"
        superior = db.session.scalar(select(User).where(User.username == "ppid"))
        absence.mark_absence(
            db.session, app.extensions["kawal_runtime"], superior, "petugas", "petugas2", today(), today()
        )
        assert stand_ins.recipients(db.session, [ids["petugas"]]) == [ids["petugas2"]]
        db.session.rollback()


def test_the_blind_index_is_rebuilt_from_the_vault(app, desk):
    from engine import blind_index
    from engine.models import PartyToken

    desk.submit()
    with app.app_context():
        before = set(db.session.scalars(select(PartyToken.token)))
        db.session.execute(PartyToken.__table__.delete())
        rt = app.extensions["kawal_runtime"]
        assert blind_index.reindex(db.session, blind_index.search_key(rt.settings), rt.vault) == 1
        db.session.commit()
        assert set(db.session.scalars(select(PartyToken.token))) == before
