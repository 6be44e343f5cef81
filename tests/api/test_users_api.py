"""Officers' accounts kept by an administrator (engine.accounts, /api/v1/users): a new officer logs in and works in
their groups; a deactivated one is logged out everywhere and their claimed tasks go back to the queues; each change
is recorded (who did what to whom, never a password); an administrator cannot lock the office out."""

from datetime import UTC, datetime, timedelta

from click.testing import CliRunner
from sqlalchemy import select

from api.cli import main
from api.extensions import db
from engine import accounts
from engine.models import Case, CaseEvent
from tests.conftest import PASSWORD, sqlite_only

API = "/api/v1/users"
SARI = {
    "username": "sari.w",
    "display_name": "Sari Wulandari, S.Kom.",
    "email": "sari@kanwil.example",
    "unit": "KANWIL",
    "groups": ["petugas_layanan"],
    "password": "lembar-kerja-2026",
}


def token(client, username, password=PASSWORD):
    r = client.post("/api/v1/auth/token", json={"username": username, "password": password})
    return r.status_code, ({"Authorization": f"Bearer {r.json['token']}"} if r.status_code == 200 else None)


def history(client, login, username):
    r = client.get(f"{API}/{username}", headers=login("admin"))
    assert r.status_code == 200, r.json
    return [(h["type"], h["actor"], h["data"]) for h in r.json["history"]]


# On PostgreSQL too: an officer added, logging in (a session row) and listed in the database's order of usernames, and
# a deactivation ending the officer's sessions and releasing their claims. The others are @sqlite_only: who may, form
# and NIP checks, the rules that keep the office an administrator, what a change records, Python's decision over the
# same rows (their PostgreSQL twin ran the same Python again).
def test_an_admin_adds_an_officer_who_logs_in_and_works_in_their_group(client, login):
    r = client.post(API, json=SARI, headers=login("admin"))
    assert r.status_code == 201, r.json
    assert r.json["username"] == "sari.w"
    assert r.json["groups"] == ["petugas_layanan"]
    assert (r.json["unit"], r.json["active"], r.json["second_factor"]) == ("KANWIL", True, False)
    assert "password" not in r.json
    assert SARI["password"] not in str(r.json)
    status, headers = token(client, "sari.w", SARI["password"])
    assert status == 200
    assert client.get("/api/v1/tasks", headers=headers).json["code"] == "password_change_required"  # hers first
    own = {
        "current_password": SARI["password"],
        "new_password": "sari-sendiri-2026",
        "new_password_repeat": "sari-sendiri-2026",
    }
    changed = client.put("/api/v1/me/password", json=own, headers=headers)
    assert changed.status_code == 200
    headers = {"Authorization": f"Bearer {changed.json['token']}"}  # the session goes on under a new token
    assert client.get("/api/v1/tasks", headers=headers).status_code == 200
    assert history(client, login, "sari.w") == [
        ("password_changed", "sari.w", {"sessions": 0}),
        ("account_created", "admin", {"groups": ["petugas_layanan"], "unit": "KANWIL"}),
    ]
    listed = client.get(API, headers=login("admin")).json
    assert [o["username"] for o in listed] == sorted(o["username"] for o in listed)
    assert "sari.w" in [o["username"] for o in listed]


@sqlite_only
def test_only_an_administrator_reads_or_keeps_accounts(client, login, unchanged):
    assert client.get(API).status_code == 401
    with unchanged():
        for who in ("ppid", "atasan", "auditor"):
            assert client.get(API, headers=login(who)).status_code == 403
            assert client.post(API, json=SARI, headers=login(who)).status_code == 403
            assert client.post(f"{API}/petugas/deactivation", headers=login(who)).status_code == 403
            assert (
                client.put(f"{API}/petugas/password", json={"password": "x" * 12}, headers=login(who)).status_code
                == 403
            )
    assert client.get(f"{API}/nobody", headers=login("admin")).status_code == 404


@sqlite_only
def test_a_new_officer_the_rules_refuse_is_refused_beside_each_field_and_nothing_is_created(client, login, unchanged):
    body = {**SARI, "username": "ppid", "password": "password", "unit": "NOWHERE", "email": "sari@"}
    with unchanged():
        r = client.post(API, json=body, headers=login("admin"))
        assert r.status_code == 422, r.json
        assert set(r.json["errors"]) == {"username", "password", "unit", "email"}
        assert r.json["errors"]["unit"] == ["unit tidak dikenal"]  # a typo is never made a new unit
        unknown = client.post(API, json={**SARI, "groups": ["superuser"]}, headers=login("admin"))
        assert unknown.status_code == 422
        assert "groups" in str(unknown.json)
        none = client.post(API, json={**SARI, "groups": []}, headers=login("admin"))
        assert none.status_code == 422, none.json


@sqlite_only
def test_a_change_of_groups_records_what_was_added_and_removed_and_nothing_else(client, login):
    admin = login("admin")
    body = {"display_name": "Petugas Dua", "email": "dua@kanwil.example", "unit": "KANWIL", "groups": ["ppid"]}
    r = client.put(f"{API}/petugas2", json=body, headers=admin)
    assert r.status_code == 200, r.json
    assert r.json["changed"] == ["display_name", "email", "groups"]
    assert r.json["officer"]["groups"] == ["ppid"]
    again = client.put(f"{API}/petugas2", json=body, headers=admin)
    assert again.json["changed"] == []
    assert history(client, login, "petugas2") == [
        (
            "account_changed",
            "admin",
            {"fields": ["display_name", "email", "groups"], "added": ["ppid"], "removed": ["petugas_layanan"]},
        )
    ]  # the new values themselves (a name, an address) are not in the record
    _status, headers = token(client, "petugas2")
    assert client.get("/api/v1/registers/permohonan_informasi", headers=headers).status_code == 200  # the PPID's now


def test_a_deactivated_officer_is_logged_out_and_their_claimed_task_goes_back_to_its_queue(app, client, desk, login):
    ticket = desk.submit()["ticket"]
    task = desk.task(ticket, "periksa_kelengkapan")
    _status, petugas = token(client, "petugas")
    assert client.post(f"/api/v1/tasks/{task['id']}/claim", headers=petugas).status_code == 200
    r = client.post(f"{API}/petugas/deactivation", headers=login("admin"))
    assert r.status_code == 200, r.json
    assert r.json["tasks_released"] == 1
    assert r.json["sessions_ended"] >= 1
    assert client.get("/api/v1/tasks", headers=petugas).status_code == 401
    assert token(client, "petugas")[0] == 401
    assert desk.task(ticket, "periksa_kelengkapan")["assignee"] is None  # free for a colleague to take
    with app.app_context():
        events = db.session.scalars(
            select(CaseEvent).join(Case).where(Case.ticket == ticket, CaseEvent.type == "task_unclaimed")
        ).all()
        assert [(e.actor, e.data["reason"]) for e in events] == [("admin", accounts.DEACTIVATED)]
    twice = client.post(f"{API}/petugas/deactivation", headers=login("admin"))
    assert twice.status_code == 409
    assert client.post(f"{API}/petugas/activation", headers=login("admin")).status_code == 200
    assert token(client, "petugas")[0] == 200
    assert [t for t, _a, _d in history(client, login, "petugas")] == ["account_activated", "account_deactivated"]


@sqlite_only
def test_an_officer_moved_out_of_a_group_gives_back_the_tasks_they_claimed_in_it_and_keeps_the_others(
    app, client, desk, login
):
    first, second = (desk.submit()["ticket"] for _ in range(2))
    _status, petugas = token(client, "petugas")
    for ticket in (first, second):
        task = desk.task(ticket, "periksa_kelengkapan")
        assert client.post(f"/api/v1/tasks/{task['id']}/claim", headers=petugas).status_code == 200
    both = {"display_name": "Petugas", "email": None, "unit": "KANWIL", "groups": ["petugas_layanan", "ppid"]}
    assert client.put(f"{API}/petugas", json=both, headers=login("admin")).json["changed"] == ["groups"]
    assert desk.task(first, "periksa_kelengkapan")["assignee"] == "petugas"  # still theirs: still in the group
    moved = {**both, "groups": ["ppid"]}
    assert client.put(f"{API}/petugas", json=moved, headers=login("admin")).status_code == 200
    assert [desk.task(t, "periksa_kelengkapan")["assignee"] for t in (first, second)] == [None, None]
    recorded = history(client, login, "petugas")[0]
    assert recorded == (
        "account_changed",
        "admin",
        {"fields": ["groups"], "added": [], "removed": ["petugas_layanan"], "released": 2},
    )
    with app.app_context():
        reasons = db.session.scalars(select(CaseEvent.data).where(CaseEvent.type == "task_unclaimed")).all()
        assert [r["reason"] for r in reasons] == [accounts.MOVED, accounts.MOVED]


@sqlite_only
def test_an_administrator_neither_deactivates_their_own_account_nor_takes_away_their_own_admin_group(
    client, login, unchanged
):
    admin = login("admin")
    with unchanged():
        own = client.post(f"{API}/admin/deactivation", headers=admin)
        assert own.status_code == 409
        assert own.json["reason"] == "own_account"
        body = {"display_name": "Admin", "email": None, "unit": "KANWIL", "groups": ["auditor"]}
        demoted = client.put(f"{API}/admin", json=body, headers=admin)
        assert demoted.status_code == 422
        assert "groups" in demoted.json["errors"]
    second = client.post(API, json={**SARI, "username": "admin2", "groups": ["admin"]}, headers=admin)
    assert second.status_code == 201
    own = {
        "current_password": SARI["password"],
        "new_password": "admin-dua-2026",
        "new_password_repeat": "admin-dua-2026",
    }
    changed = client.put("/api/v1/me/password", json=own, headers=login("admin2"))  # theirs first
    assert changed.status_code == 200
    by_another = client.put(f"{API}/admin", json=body, headers={"Authorization": f"Bearer {changed.json['token']}"})
    assert by_another.status_code == 200, by_another.json


# Sessions ended: the deactivation above proves it on PostgreSQL.
@sqlite_only
def test_a_new_password_or_a_removed_second_factor_ends_the_officer_s_sessions_and_is_never_recorded(
    client, login, unchanged
):
    _status, ppid = token(client, "ppid")
    with unchanged():
        weak = client.put(f"{API}/ppid/password", json={"password": "12345678"}, headers=login("admin"))
        assert weak.status_code == 422
        assert "password" in weak.json["errors"]
    r = client.put(f"{API}/ppid/password", json={"password": "meja-depan-77"}, headers=login("admin"))
    assert r.status_code == 200
    assert r.json["sessions_ended"] >= 1
    assert client.get("/api/v1/tasks", headers=ppid).status_code == 401
    assert token(client, "ppid")[0] == 401
    status, ppid = token(client, "ppid", "meja-depan-77")
    assert status == 200
    assert client.delete(f"{API}/ppid/second-factor", headers=login("admin")).status_code == 200
    assert client.get("/api/v1/tasks", headers=ppid).status_code == 401
    recorded = history(client, login, "ppid")
    assert [t for t, _a, _d in recorded] == ["second_factor_removed", "password_set"]
    assert "meja-depan-77" not in str(recorded)


# One row by the CLI, a rule in Python; tests/test_cli.py runs `kawal users` on PostgreSQL.
@sqlite_only
def test_the_server_s_kawal_users_is_recorded_and_keeps_one_active_administrator(client, login, db_url):
    runner = CliRunner(env={"KAWAL_ENV": "test", "KAWAL_DATABASE_URL": db_url})
    last = runner.invoke(main, ["users", "deactivate", "admin"])
    assert last.exit_code == 1
    assert "the office must keep one active administrator" in last.output
    done = runner.invoke(main, ["users", "set-email", "ppid", "ppid@kanwil.example"])
    assert done.exit_code == 0, done.output
    assert history(client, login, "ppid") == [("account_changed", "cli", {"fields": ["email"]})]


@sqlite_only
def test_an_officer_standing_in_for_a_colleague_s_leave_is_deactivated_only_once_the_leave_is_settled(
    client, login, unchanged
):
    """A leave hands the officer's tasks to the substitute when it begins (engine.absence): to someone who cannot
    log in, they would wait unseen. The refusal names whose leave it is."""
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    days = {"first_day": str(tomorrow), "last_day": str(tomorrow + timedelta(days=2))}
    leave = client.post("/api/v1/absences", json={"substitute": "petugas2", **days}, headers=login("petugas"))
    assert leave.status_code == 201, leave.json
    with unchanged():
        r = client.post(f"{API}/petugas2/deactivation", headers=login("admin"))
    assert r.status_code == 409
    assert r.json["reason"] == "substitute_on_leave"
    assert "Petugas" in r.json["message"]
    cancelled = client.delete(f"/api/v1/absences/{leave.json['id']}", headers=login("petugas"))
    assert cancelled.status_code == 204
    assert client.post(f"{API}/petugas2/deactivation", headers=login("admin")).status_code == 200


NIP = "198203152006041002"  # born 15 March 1982, appointed April 2006, a man


@sqlite_only
def test_an_officer_s_nip_is_kept_as_its_digits_shown_to_administrators_and_recorded_by_name_only(
    client, login, caplog
):
    """The NIP is printed on the letters the officer signs: an administrator sets it, typed with its groups' spaces or
    not, and clears it (an honorer has none). It is personal data: the records and the logs name the field only."""
    admin = login("admin")
    caplog.set_level("DEBUG")
    made = client.post(API, json={**SARI, "nip": "19820315 200604 1 002"}, headers=admin)
    assert made.status_code == 201, made.json
    assert made.json["nip"] == NIP
    assert client.get(f"{API}/sari.w", headers=admin).json["nip"] == NIP
    assert {o["username"]: o["nip"] for o in client.get(API, headers=admin).json}["sari.w"] == NIP
    body = {k: SARI[k] for k in ("display_name", "email", "unit", "groups")}
    assert client.put(f"{API}/sari.w", json=body, headers=admin).json["changed"] == []  # left out: it stays
    cleared = client.put(f"{API}/sari.w", json={**body, "nip": None}, headers=admin)
    assert (cleared.json["changed"], cleared.json["officer"]["nip"]) == (["nip"], None)
    again = client.put(f"{API}/sari.w", json={**body, "nip": NIP}, headers=admin)
    assert (again.json["changed"], again.json["officer"]["nip"]) == (["nip"], NIP)
    assert client.put(f"{API}/sari.w", json={**body, "nip": ""}, headers=admin).json["officer"]["nip"] is None
    assert history(client, login, "sari.w") == [
        ("account_changed", "admin", {"fields": ["nip"]}),
        ("account_changed", "admin", {"fields": ["nip"]}),
        ("account_changed", "admin", {"fields": ["nip"]}),
        ("account_created", "admin", {"groups": ["petugas_layanan"], "unit": "KANWIL"}),
    ]
    audit = client.get("/api/v1/audit/access", headers=login("auditor"))
    assert audit.status_code == 200
    assert "nip" in str(audit.json)
    assert NIP not in str(audit.json)
    assert NIP not in caplog.text
    assert client.get(f"{API}/sari.w", headers=login("ppid")).status_code == 403  # nobody else reads it


@sqlite_only
def test_a_nip_not_of_18_digits_or_whose_dates_or_sex_digit_are_not_real_is_refused_beside_its_field(
    client, login, unchanged
):
    admin = login("admin")
    body = {"display_name": "Petugas Dua", "email": None, "unit": "KANWIL", "groups": ["petugas_layanan"]}
    refused = {
        "19820315 200604 1 00": "NIP terdiri atas 18 angka (boleh dikelompokkan dengan spasi)",
        "19820315.200604.1.002": "NIP terdiri atas 18 angka (boleh dikelompokkan dengan spasi)",
        "19820230 200604 1 002": (
            "angka ke-1 sampai ke-8 NIP adalah tanggal lahir pegawai (tahun, bulan, tanggal): bukan tanggal yang valid"
        ),
        "19820315 200613 1 002": (
            "angka ke-9 sampai ke-14 NIP adalah bulan pengangkatan (tahun, bulan): bukan bulan yang valid"
        ),
        "19820315 200604 3 002": "angka ke-15 NIP adalah jenis kelamin pegawai: 1 atau 2",
    }
    with unchanged():
        for typed, said in refused.items():
            new = client.post(API, json={**SARI, "nip": typed}, headers=admin)
            assert (new.status_code, new.json["errors"]) == (422, {"nip": [said]}), typed
            changed = client.put(f"{API}/petugas2", json={**body, "nip": typed}, headers=admin)
            assert (changed.status_code, changed.json["errors"]) == (422, {"nip": [said]}), typed
        english = client.put(
            f"{API}/petugas2", json={**body, "nip": "19820315 200604 3 002"}, headers={**admin, "Accept-Language": "en"}
        )
        assert english.json["errors"] == {"nip": ["digit 15 of a NIP is the officer's sex: 1 or 2"]}
