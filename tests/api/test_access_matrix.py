"""Who may do what: every endpoint against every group, one test id per cell (engine/access.py).

The rules: without a valid token every officer endpoint answers 401; a case the caller may not see
is a 404 (its existence is not revealed); a visible case or task the caller may not act on is a 403.
A task is worked (claimed, completed) by its lane's group and assigned by the lane's superior
(ppid for the petugas_layanan and unit_pengolah lanes, atasan_ppid for the ppid and atasan_ppid
lanes). unit_pengolah sees only cases with a task in its lane. Only petugas_layanan, ppid and
atasan_ppid read the requester's identity; only auditors export the audit trail.

``admin`` under the current rules: it sees every case and task (``cases_visible_to`` lets it
through) but never the requester's identity; it is no lane's member and no lane's superior, so it
may not claim, complete or assign any task and ``scope=all`` is 403; the audit export is 403; and
a request it submits while sending its token is refused with 403 (only the front-desk groups may
record requests). The ``auditor`` group gets the same answers, except that it may export the audit
trail.

Each cell builds the small case it needs through the HTTP API (``tests.helpers.Desk``).
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import update

from api.auth import SALT
from api.extensions import db
from engine.models import User
from tests.conftest import PASSWORD, request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import STEP

API = "/api/v1"
GROUPS = ("petugas", "ppid", "unit", "atasan", "auditor", "admin")
ERROR_CODES = {401: "unauthorized", 403: "forbidden", 404: "not_found"}

# The officer endpoints, each called on a case whose periksa_kelengkapan task is open.
OFFICER_ENDPOINTS = {
    "list_tasks": ("GET", "/tasks?scope=group", None),
    "get_task": ("GET", "/tasks/{task}", None),
    "claim": ("POST", "/tasks/{task}/claim", None),
    "unclaim": ("POST", "/tasks/{task}/unclaim", None),
    "assign": ("POST", "/tasks/{task}/assign", {"username": "petugas2"}),
    "complete": ("POST", "/tasks/{task}/complete", {"data": STEP["periksa_kelengkapan"]}),
    "get_case": ("GET", "/cases/{ticket}", None),
    "case_events": ("GET", "/cases/{ticket}/events", None),
    "audit_export": ("GET", "/audit/export?format=jsonl", None),
}

# How a case reaches each task the action tables use: (task, who completes it, form data). eskalasi_t10
# is opened by a receipt recorded 40 days late: T10 has passed at intake, so the superior's
# escalation task is there at once.
TO_UNIT = [
    ("periksa_kelengkapan", "petugas", STEP["periksa_kelengkapan"]),
    ("registrasi", "petugas", STEP["registrasi"]),
    ("proses_permohonan", "ppid", STEP["proses_permohonan_unit"]),
]
PATH_TO = {"periksa_kelengkapan": [], "proses_permohonan": TO_UNIT[:2], "tanggapan_unit": TO_UNIT}
# Valid form data for each task (the escalation tasks share one form).
DATA = {**STEP, "eskalasi_t10": STEP["eskalasi"]}
# A member of the task's lane, to whom its superior may assign it.
ASSIGNEE = {
    "periksa_kelengkapan": "petugas2",
    "proses_permohonan": "ppid",
    "tanggapan_unit": "unit",
    "eskalasi_t10": "atasan",
}

# --- the tables: expected status per group -----------------------------------------------------
# Working a task (claiming it, completing it) is for its lane's group; assigning it is for the
# lane's superior, not the lane itself (ppid may not assign a ppid task). One task per lane:
# periksa_kelengkapan (petugas_layanan) and proses_permohonan (ppid) on a case the unit has not been
# asked about, so the unit cannot see it (404); tanggapan_unit (unit_pengolah) once it is asked, so
# everyone sees the case (403 for whoever may not act); eskalasi_t10 (atasan_ppid) on a case the
# unit cannot see.
WORK = {
    "periksa_kelengkapan": {"petugas": 200, "ppid": 403, "unit": 404, "atasan": 403, "auditor": 403, "admin": 403},
    "proses_permohonan": {"petugas": 403, "ppid": 200, "unit": 404, "atasan": 403, "auditor": 403, "admin": 403},
    "tanggapan_unit": {"petugas": 403, "ppid": 403, "unit": 200, "atasan": 403, "auditor": 403, "admin": 403},
    "eskalasi_t10": {"petugas": 403, "ppid": 403, "unit": 404, "atasan": 200, "auditor": 403, "admin": 403},
}
ASSIGN = {
    "periksa_kelengkapan": {"petugas": 403, "ppid": 200, "unit": 404, "atasan": 403, "auditor": 403, "admin": 403},
    "proses_permohonan": {"petugas": 403, "ppid": 403, "unit": 404, "atasan": 200, "auditor": 403, "admin": 403},
    "tanggapan_unit": {"petugas": 403, "ppid": 200, "unit": 403, "atasan": 403, "auditor": 403, "admin": 403},
    "eskalasi_t10": {"petugas": 403, "ppid": 403, "unit": 404, "atasan": 200, "auditor": 403, "admin": 403},
}
# Releasing a claim needs lane membership too: the PPID, superior of the lane, is refused.
# The lane's own officers release a claim, and so does the lane's superior (the PPID for the front desk).
UNCLAIM = {"petugas": 200, "ppid": 200, "unit": 404, "atasan": 403, "auditor": 403, "admin": 403}
# Every officer lists its own tasks (scope=mine) and its groups' (scope=group); scope=all, the
# whole queue of the lanes one supervises, is for superiors.
TASK_SCOPES = {
    "mine_and_group": dict.fromkeys(GROUPS, 200),
    "all": {"petugas": 403, "ppid": 200, "unit": 403, "atasan": 200, "auditor": 403, "admin": 403},
}
# Reading a new case, its events and its open task: everyone but the unit, which has no task in it.
NEW_CASE_READS = {"petugas": 200, "ppid": 200, "unit": 404, "atasan": 200, "auditor": 200, "admin": 200}
IDENTITY_SHOWN = {"petugas": True, "ppid": True, "unit": False, "atasan": True, "auditor": False, "admin": False}
AUDIT_EXPORT = {"petugas": 403, "ppid": 403, "unit": 403, "atasan": 403, "auditor": 200, "admin": 403}
# The public form: anyone without a token, and the front desk with one; other officers are refused.
SUBMIT = {"anonymous": 201, "petugas": 201, "ppid": 201, "unit": 403, "atasan": 201, "auditor": 403, "admin": 403}


def cells(table: dict) -> list:
    """``{row: {group: status}}`` -> one pytest param per cell, id ``group-row-status``."""
    return [
        pytest.param(group, row, status, id=f"{group}-{row}-{status}")
        for row, by_group in table.items()
        for group, status in by_group.items()
    ]


def work_and_assign_cells() -> list:
    """WORK and ASSIGN side by side, id ``group-task-work<status>-assign<status>``."""
    return [
        pytest.param(group, task, work, assign, id=f"{group}-{task}-work{work}-assign{assign}")
        for task, by_group in WORK.items()
        for group, work in by_group.items()
        for assign in [ASSIGN[task][group]]
    ]


def column(by_group: dict) -> list:
    return [pytest.param(group, status, id=f"{group}-{status}") for group, status in by_group.items()]


def headers_of(group, login) -> dict:
    return {} if group == "anonymous" else login(group)


def bring_to(desk, login, name) -> tuple[str, dict]:
    """A new case with task ``name`` open; returns its ticket and the task.

    Follows ``next_tasks`` of each completion rather than re-reading the case (Desk.complete does),
    to keep the cells cheap.
    """
    if name == "eskalasi_t10":
        long_ago = datetime.now(UTC) - timedelta(days=40)
        receipt = desk.submit(headers=login("petugas"), channel="langsung", received_at=long_ago.isoformat())
    else:
        receipt = desk.submit()
    tasks = desk.open_tasks(receipt["ticket"])
    for step, who, data in PATH_TO.get(name, []):
        r = desk.client.post(f"{API}/tasks/{tasks[step]['id']}/complete", json={"data": data}, headers=login(who))
        assert r.status_code == 200, r.json
        tasks = {t["name"]: t for t in r.json["next_tasks"]}
    return receipt["ticket"], tasks[name]


def call(client, endpoint, headers, ticket="", task=None):
    method, path, body = OFFICER_ENDPOINTS[endpoint]
    url = API + path.format(ticket=ticket, task=task["id"] if task else 0)
    return client.open(url, method=method, json=body, headers=headers)


def assert_status(response, status):
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    if status in ERROR_CODES:
        assert response.json["code"] == ERROR_CODES[status]


# --- 401: no valid token ------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", OFFICER_ENDPOINTS)
def test_every_officer_endpoint_answers_401_without_a_token(client, endpoint):
    # Ids of nothing are enough: only the token check answers 401 (a lookup would answer 404).
    r = call(client, endpoint, {}, "PPID-1999-999999", {"id": 999999})
    assert_status(r, 401)


def test_a_401_names_the_bearer_scheme(client):
    # RFC 9110 §15.5.2: a 401 response must carry WWW-Authenticate with the scheme to use.
    r = client.get(f"{API}/tasks")
    assert_status(r, 401)
    assert r.headers.get("WWW-Authenticate") == "Bearer"


def bad_credentials(kind, app, client, login) -> dict:
    if kind == "garbage":
        return {"Authorization": "Bearer not-a-token"}
    if kind == "not_bearer":
        return {"Authorization": "Basic cHBpZDp0ZXN0LXBhc3N3b3JkLTE="}  # ppid:test-password-1
    if kind == "forged":
        token = URLSafeTimedSerializer("not-the-server-secret", salt=SALT).dumps({"uid": 1})
        return {"Authorization": f"Bearer {token}"}
    if kind == "expired":
        ttl = app.config["KAWAL"].token_ttl_seconds
        with time_machine.travel(datetime.now(UTC) - timedelta(seconds=ttl + 60), tick=False):
            r = client.post(f"{API}/auth/token", json={"username": "ppid", "password": PASSWORD})
        assert r.status_code == 200
        return {"Authorization": f"Bearer {r.json['token']}"}
    assert kind == "deactivated"
    headers = login("ppid")
    with app.app_context():
        db.session.execute(update(User).where(User.username == "ppid").values(active=False))
        db.session.commit()
    return headers


@pytest.mark.parametrize("kind", ["garbage", "not_bearer", "forged", "expired", "deactivated"])
def test_a_bad_or_expired_token_answers_401(desk, app, client, login, kind):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    r = call(client, "complete", bad_credentials(kind, app, client, login), receipt["ticket"], task)
    assert_status(r, 401)
    assert "periksa_kelengkapan" in desk.open_tasks(receipt["ticket"])


# The token is checked inside the view, below flask-smorest's @blp.arguments: an anonymous caller
# whose body or query string the schema refuses gets 400/422 instead of 401.
BEFORE_THE_BODY = {
    "complete_with_empty_body": ("POST", "/tasks/{task}/complete", {}),
    "assign_with_empty_body": ("POST", "/tasks/{task}/assign", {}),
    "list_tasks_with_unknown_scope": ("GET", "/tasks?scope=bogus", None),
    "audit_export_with_unknown_format": ("GET", "/audit/export?format=xml", None),
}


@pytest.mark.parametrize("request_", BEFORE_THE_BODY)
def test_no_token_is_401_before_the_input_is_checked(client, request_):
    method, path, body = BEFORE_THE_BODY[request_]
    r = client.open(API + path.format(task=1), method=method, json=body)
    assert_status(r, 401)


@pytest.mark.parametrize(
    ("username", "password"),
    [("ppid", "wrong-password-1"), ("nobody", PASSWORD)],
    ids=["wrong_password", "unknown_user"],
)
def test_login_refuses_wrong_credentials_alike(client, username, password):
    r = client.post(f"{API}/auth/token", json={"username": username, "password": password})
    assert_status(r, 401)
    assert (r.json["reason"], r.json["message"]) == ("wrong_login", "nama pengguna atau kata sandi salah")


def test_login_refuses_a_deactivated_officer(app, client):
    with app.app_context():
        db.session.execute(update(User).where(User.username == "ppid").values(active=False))
        db.session.commit()
    r = client.post(f"{API}/auth/token", json={"username": "ppid", "password": PASSWORD})
    assert_status(r, 401)


# --- seeing: 404 for what the caller may not see ------------------------------------------------


@pytest.mark.parametrize(("group", "status"), column(NEW_CASE_READS))
def test_a_new_case_is_hidden_from_the_unit_only(desk, client, login, group, status):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    for endpoint in ("get_case", "case_events", "get_task"):
        r = call(client, endpoint, login(group), receipt["ticket"], task)
        assert_status(r, status)
        if status == 404:
            # Same answer as for a ticket that does not exist: the case's existence is not revealed.
            missing = call(client, endpoint, login(group), "PPID-1999-999999", {"id": 999999})
            assert missing.status_code == 404
            assert missing.json == r.json


@pytest.mark.parametrize("endpoint", ["get_case", "case_events", "get_task", "list_tasks"])
def test_unit_sees_the_case_once_the_ppid_asks_it(desk, client, login, endpoint):
    """...but not its history, which holds every field the PPID's desk recorded (issue 12, finding 1)."""
    ticket, task = bring_to(desk, login, "tanggapan_unit")
    r = call(client, endpoint, login("unit"), ticket, task)
    assert_status(r, 403 if endpoint == "case_events" else 200)
    if endpoint == "list_tasks":
        assert [t["name"] for t in r.json["items"]] == ["tanggapan_unit"]
    elif endpoint == "get_case":
        assert [t["name"] for t in r.json["open_tasks"]] == ["tanggapan_unit"]


@pytest.mark.parametrize(("group", "shown"), column(IDENTITY_SHOWN))
def test_only_request_staff_read_the_requester_identity(desk, client, login, group, shown):
    # The unit reads a case it was asked about; the others a new one.
    ticket, _ = bring_to(desk, login, "tanggapan_unit" if group == "unit" else "periksa_kelengkapan")
    r = client.get(f"{API}/cases/{ticket}", headers=login(group))
    assert_status(r, 200)
    if shown:
        assert r.json["requester"]["name"] == "Ani Wijaya"
        assert r.json["requester"]["nik"] == "3171234507890001"
    else:
        assert r.json["requester"] is None
        assert "Ani Wijaya" not in r.get_data(as_text=True)


@pytest.mark.parametrize(("group", "scopes", "status"), cells(TASK_SCOPES))
def test_scope_all_is_only_for_superiors(desk, client, login, group, scopes, status):
    if scopes == "all":
        desk.submit()
    for scope in scopes.split("_and_"):
        r = client.get(f"{API}/tasks", query_string={"scope": scope}, headers=login(group))
        assert_status(r, status)
    if scopes == "all" and group == "ppid":
        # The superior's view: the lanes it supervises, here the petugas task of the new case.
        assert [t["name"] for t in r.json["items"]] == ["periksa_kelengkapan"]


@pytest.mark.parametrize(("group", "status"), column(AUDIT_EXPORT))
def test_only_auditors_export_the_audit_trail(desk, client, login, group, status):
    desk.submit()
    for fmt in ("jsonl", "csv"):
        r = client.get(f"{API}/audit/export", query_string={"format": fmt}, headers=login(group))
        assert_status(r, status)
        if status == 200:
            assert r.get_data(as_text=True)


# --- acting on tasks: 403 for another lane, 404 for a case not visible --------------------------


@pytest.mark.parametrize(("group", "task_name", "work", "assign"), work_and_assign_cells())
def test_only_the_lane_group_works_a_task_and_only_its_superior_assigns_it(
    desk, client, login, group, task_name, work, assign
):
    ticket, task = bring_to(desk, login, task_name)
    url = f"{API}/tasks/{task['id']}"
    # Assign first: only the atasan, on its own lane, both assigns and works a task; it assigns the
    # task to itself, so its claim and completion still go through.
    r = client.post(f"{url}/assign", json={"username": ASSIGNEE[task_name]}, headers=login(group))
    assert_status(r, assign)
    r = client.post(f"{url}/claim", headers=login(group))
    assert_status(r, work)
    r = client.post(f"{url}/complete", json={"data": DATA[task_name]}, headers=login(group))
    assert_status(r, work)
    open_tasks = desk.open_tasks(ticket)
    if work == 200:
        assert task_name not in open_tasks
    else:
        assert open_tasks[task_name]["assignee"] == (ASSIGNEE[task_name] if assign == 200 else None)


@pytest.mark.parametrize(("group", "status"), column(UNCLAIM))
def test_only_the_lane_group_or_its_superior_may_release_a_claim(desk, client, login, group, status):
    ticket, task = bring_to(desk, login, "periksa_kelengkapan")
    assert client.post(f"{API}/tasks/{task['id']}/claim", headers=login("petugas")).status_code == 200
    r = client.post(f"{API}/tasks/{task['id']}/unclaim", headers=login(group))
    assert_status(r, status)
    assert desk.task(ticket, "periksa_kelengkapan")["assignee"] == (None if status == 200 else "petugas")


# --- the public endpoints -------------------------------------------------------------------------


@pytest.mark.parametrize(("group", "status"), column(SUBMIT))
def test_requests_come_from_the_public_or_the_front_desk(desk, client, login, group, status):
    r = client.post(f"{API}/requests", json=request_payload(), headers=headers_of(group, login))
    assert_status(r, status)
    if status == 201:
        assert r.json["ticket"].startswith("PPID-")


@pytest.mark.parametrize("group", ["anonymous", *GROUPS])
def test_public_endpoints_answer_everyone_alike(desk, client, login, group):
    # status, withdraw and calendar/due never read the token: one cell per group covers the three.
    headers = headers_of(group, login)
    query = {"start": "2025-03-26T10:00:00+07:00", "working_days": 10}
    r = client.get(f"{API}/calendar/due", query_string=query, headers=headers)
    assert_status(r, 200)
    assert r.json["due_at"].startswith("2025-04-11")
    receipt = desk.submit()
    access = {"ticket": receipt["ticket"], "access_code": receipt["access_code"]}
    r = client.post(f"{API}/status", json=access, headers=headers)
    assert_status(r, 200)
    assert r.json["status"] == "diterima"
    r = client.post(f"{API}/requests/withdraw", json={**access, "reason": "Tidak perlu lagi"}, headers=headers)
    assert_status(r, 200)
    assert r.json["status"] == "dicabut"
