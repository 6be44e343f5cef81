"""Bad input is refused with the right status and field paths, and leaves the database as it was.

Every refusal is checked against a snapshot of every table (all rows, ordered by primary key) read
through a separate engine, so a half-done change that the app's own session might hide is seen.

On PostgreSQL too: a task id beyond the column's range (PostgreSQL refuses what SQLite stores). Every other refusal
here is decided in Python before anything is written (the JSON, the schema, the form's and the law's checks, who may
do what): its PostgreSQL twin ran the same Python again, so those run on SQLite alone (``sqlite_only``).
"""

import copy
from contextlib import nullcontext
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import PASSWORD, request_payload, sqlite_only
from tests.helpers import STEP

API = "/api/v1"


def payload(changes: dict | None = None, drop=()) -> dict:
    """A valid request form with fields (dotted paths, ``"requester.nik"``) changed or dropped."""
    data = copy.deepcopy(request_payload())
    for path, value in [*(changes or {}).items(), *((p, None) for p in drop)]:
        *parents, key = path.split(".")
        target = data
        for parent in parents:
            target = target[parent]
        if path in drop:
            del target[key]
        else:
            target[key] = value
    return data


def assert_refused(response, status, fields=None):
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    body = response.json
    assert set(body) - {"reason"} == {"code", "message", "errors"}
    if fields is not None:
        assert set(body["errors"]) == set(fields), body["errors"]
        assert all(body["errors"][f] and all(isinstance(m, str) for m in body["errors"][f]) for f in fields)


# How a fresh case reaches each task below: (task, who completes it, form data).
STEPS = [
    ("periksa_kelengkapan", "petugas", STEP["periksa_kelengkapan"]),
    ("registrasi", "petugas", STEP["registrasi"]),
    ("proses_permohonan", "ppid", STEP["proses_permohonan"]),
    ("tentukan_langkah", "ppid", STEP["tentukan_langkah"]),
]
PATH_TO = {name: STEPS[:i] for i, (name, _, _) in enumerate(STEPS)} | {"putuskan": STEPS}
LANE = {"periksa_kelengkapan": "petugas", "registrasi": "petugas", "putuskan": "ppid"}


def bring_to(desk, login, name, receipt=None) -> tuple[str, dict]:
    """The case of ``receipt`` (a new one by default) brought to task ``name``: its ticket and the task."""
    receipt = receipt or desk.submit()
    tasks = desk.open_tasks(receipt["ticket"])
    for step, who, data in PATH_TO[name]:
        r = desk.client.post(f"{API}/tasks/{tasks[step]['id']}/complete", json={"data": data}, headers=desk.login(who))
        assert r.status_code == 200, r.json
        tasks = {t["name"]: t for t in r.json["next_tasks"]}
    return receipt["ticket"], tasks[name]


# --- malformed JSON -------------------------------------------------------------------------------

MALFORMED = {
    "submit_request": ("/requests", None),
    "status": ("/status", None),
    "complete_task": ("/tasks/{task}/complete", "petugas"),
}


@sqlite_only
@pytest.mark.parametrize("endpoint", MALFORMED)
def test_malformed_json_is_400_and_changes_nothing(desk, client, login, unchanged, endpoint):
    _, task = bring_to(desk, login, "periksa_kelengkapan")
    path, who = MALFORMED[endpoint]
    headers = {"Content-Type": "application/json", **(login(who) if who else {})}
    with unchanged():
        r = client.post(API + path.format(task=task["id"]), data='{"ticket": "PPID-', headers=headers)
    assert_refused(r, 400)
    assert r.json["code"] == "bad_request"


# --- the public request form ----------------------------------------------------------------------

BAD_REQUESTS = {
    "missing_and_wrong_typed_fields": (
        payload({"purpose": 5, "requester.name": ["Ani"]}, drop=["information", "requester.nik"]),
        {"information", "requester.nik", "purpose", "requester.name"},
    ),
    "unknown_field": (payload({"priority": "urgent"}), {"priority"}),
    "unknown_requester_field": (payload({"requester.religion": "x"}), {"requester.religion"}),
    "nik_of_wrong_shape": (payload({"requester.nik": "3171 2345"}), {"requester.nik"}),
    # An individual's NIK is 16 digits; letters pass only as a legal entity's decree number.
    "nik_of_a_person_with_letters": (payload({"requester.nik": "31712345078900AB"}), {"requester.nik"}),
    "no_email_and_no_phone": (payload(drop=["requester.email", "requester.phone"]), {"requester"}),
    "unknown_choices_and_too_short": (
        payload({"requester_type": "alien", "delivery_method": "merpati", "information": "x"}),
        {"requester_type", "delivery_method", "information"},
    ),
    "not_an_object": (["Daftar penerima beasiswa"], {"_schema"}),
}


@sqlite_only
@pytest.mark.parametrize("case", BAD_REQUESTS)
def test_invalid_request_form_is_422_with_field_paths(client, unchanged, case):
    body, fields = BAD_REQUESTS[case]
    with unchanged():
        r = client.post(f"{API}/requests", json=body)
    assert_refused(r, 422, fields)


@sqlite_only
def test_a_legal_entity_files_with_its_decree_number_an_individual_with_a_sixteen_digit_nik(client):
    for decree in ("AHU-0012345.AH.01.04/2020", "AHU-0012345.AH.01.04.Tahun 2020"):  # as decrees are written
        entity = payload({"requester_type": "badan_hukum", "requester.nik": decree})
        assert client.post(f"{API}/requests", json=entity).status_code == 201, decree
    r = client.post(f"{API}/requests", json=payload({"requester.nik": "31712345078900AB"}))
    assert r.json["errors"]["requester.nik"] == ["NIK terdiri atas 16 angka"]


@sqlite_only
def test_a_text_too_short_or_too_long_says_its_limit(client):
    r = client.post(f"{API}/requests", json=payload({"purpose": "uji", "information": "x" * 5001}))
    assert r.json["errors"]["purpose"] == ["terlalu pendek: paling sedikit 5 karakter"]
    assert r.json["errors"]["information"] == ["terlalu panjang: paling banyak 5000 karakter"]


FUTURE = (datetime.now(UTC) + timedelta(days=1)).isoformat()
BAD_INTAKE = {
    # The public may not choose the channel or backdate its request.
    "public_with_channel": (None, {"channel": "pos"}, {"channel"}),
    "public_with_received_at": (None, {"received_at": "2025-01-06T10:00:00+07:00"}, {"received_at"}),
    # The front desk may, but only with a real channel and a past instant with a time zone.
    "officer_received_at_in_the_future": ("petugas", {"channel": "pos", "received_at": FUTURE}, {"received_at"}),
    "officer_received_at_naive": ("petugas", {"channel": "pos", "received_at": "2025-01-06T10:00:00"}, {"received_at"}),
    "officer_unknown_channel": ("petugas", {"channel": "merpati"}, {"channel"}),
}


@sqlite_only
@pytest.mark.parametrize("case", BAD_INTAKE)
def test_channel_and_receipt_time_are_checked(client, login, unchanged, case):
    who, extra, fields = BAD_INTAKE[case]
    with unchanged():
        r = client.post(f"{API}/requests", json=request_payload(**extra), headers=login(who) if who else {})
    assert_refused(r, 422, fields)


# --- the requester's ticket and access code -------------------------------------------------------


@sqlite_only
@pytest.mark.parametrize("endpoint", ["/status", "/requests/withdraw"])
def test_unknown_ticket_and_wrong_code_get_the_same_404(desk, client, unchanged, endpoint):
    receipt = desk.submit()
    other = desk.submit()
    code = other["access_code"]  # a real code, of another case
    with unchanged():
        wrong_code = client.post(API + endpoint, json={"ticket": receipt["ticket"], "access_code": code})
        unknown = client.post(API + endpoint, json={"ticket": "PPID-1999-999999", "access_code": code})
    assert_refused(wrong_code, 404, set())
    assert unknown.status_code == 404
    assert unknown.json == wrong_code.json  # nothing tells a guessed ticket from a guessed code
    assert desk.status(receipt)["status"] == "diterima"


@sqlite_only
def test_invalid_withdrawal_is_422(client, unchanged):
    body = {"ticket": "PPID-2026-000001", "reason": "x" * 2001, "name": "Ani"}
    with unchanged():
        r = client.post(f"{API}/requests/withdraw", json=body)
    assert_refused(r, 422, {"access_code", "reason", "name"})


# --- completing tasks -----------------------------------------------------------------------------

BAD_FORMS = {
    "incomplete_without_kekurangan": ("periksa_kelengkapan", {"data": {"lengkap": False}}, {"kekurangan"}),
    "wrong_type": ("periksa_kelengkapan", {"data": {"lengkap": "ya"}}, {"lengkap"}),
    "missing_required": ("periksa_kelengkapan", {"data": {}}, {"lengkap"}),
    "unknown_form_field": ("periksa_kelengkapan", {"data": {"lengkap": True, "catatan": "ok"}}, {"catatan"}),
    "receipt_way_unknown": (
        "registrasi",
        {"data": {"cara_kirim_tanda_bukti": "faks"}},
        {"cara_kirim_tanda_bukti"},
    ),
    "rejection_without_exemption": (
        "putuskan",
        {"data": {"keputusan": "ditolak_dikecualikan", "alasan_keputusan": "Rahasia pribadi"}},
        {"pasal_pengecualian"},
    ),
    "data_not_an_object": ("periksa_kelengkapan", {"data": [True]}, {"data"}),
    "unknown_body_field": ("periksa_kelengkapan", {"data": {"lengkap": True}, "lengkap": True}, {"lengkap"}),
}


@sqlite_only
@pytest.mark.parametrize("case", BAD_FORMS)
def test_invalid_form_data_is_422_and_the_task_stays_open(desk, client, login, unchanged, case):
    name, body, fields = BAD_FORMS[case]
    ticket, task = bring_to(desk, login, name)
    with unchanged():
        r = client.post(f"{API}/tasks/{task['id']}/complete", json=body, headers=login(LANE[name]))
    assert_refused(r, 422, fields)
    assert desk.task(ticket, name)["id"] == task["id"]


@sqlite_only
def test_completing_a_task_twice_is_409(desk, client, login, unchanged):
    _, task = bring_to(desk, login, "periksa_kelengkapan")
    url = f"{API}/tasks/{task['id']}/complete"
    assert client.post(url, json={"data": STEP["periksa_kelengkapan"]}, headers=login("petugas")).status_code == 200
    with unchanged():
        r = client.post(url, json={"data": STEP["periksa_kelengkapan"]}, headers=login("petugas"))
    assert_refused(r, 409)
    assert r.json["code"] == "conflict"


@sqlite_only
def test_completing_a_task_of_another_lane_is_403_naming_the_group_in_the_callers_words(desk, client, login, unchanged):
    _, task = bring_to(desk, login, "periksa_kelengkapan")
    url, body = f"{API}/tasks/{task['id']}/complete", {"data": STEP["periksa_kelengkapan"]}
    with unchanged():
        r = client.post(url, json=body, headers=login("ppid"))
        english = client.post(url, json=body, headers={**login("ppid"), "Accept-Language": "en"})
    assert_refused(r, 403)
    assert r.json["code"] == "forbidden"
    assert r.json["message"] == "tugas ini untuk kelompok Petugas layanan"
    assert english.json["message"] == "this task belongs to the Front-desk officers group"


@sqlite_only
@pytest.mark.parametrize("action", ["claim", "complete"])
def test_a_task_claimed_by_another_officer_is_409(desk, client, login, unchanged, action):
    ticket, task = bring_to(desk, login, "periksa_kelengkapan")
    assert client.post(f"{API}/tasks/{task['id']}/claim", headers=login("petugas")).status_code == 200
    body = {"data": STEP["periksa_kelengkapan"]} if action == "complete" else None
    with unchanged():
        r = client.post(f"{API}/tasks/{task['id']}/{action}", json=body, headers=login("petugas2"))
    assert_refused(r, 409)
    assert desk.task(ticket, "periksa_kelengkapan")["assignee"] == "petugas"


@sqlite_only
@pytest.mark.parametrize(
    ("username", "fields"),
    [("nobody", {"username"}), ("unit", {"username"})],
    ids=["unknown_user", "user_outside_the_lane"],
)
def test_assigning_to_someone_who_may_not_work_the_task_is_422(desk, client, login, unchanged, username, fields):
    _, task = bring_to(desk, login, "periksa_kelengkapan")
    with unchanged():
        r = client.post(f"{API}/tasks/{task['id']}/assign", json={"username": username}, headers=login("ppid"))
    assert_refused(r, 422, fields)


@sqlite_only
def test_a_unit_task_assigned_to_an_officer_of_another_unit_is_refused_naming_the_unit(desk, client, login, unchanged):
    """A request referred to KANWIL: its unit task goes only to KANWIL's officers; the PPID who tries another unit's
    officer (unitmad, PENDMAD) is told the task's unit, not that the officer is outside the group they are in."""
    ticket, _task = bring_to(desk, login, "proses_permohonan")
    desk.complete(ticket, "proses_permohonan", STEP["proses_permohonan_unit"])
    task = desk.task(ticket, "tanggapan_unit")
    with unchanged():
        r = client.post(f"{API}/tasks/{task['id']}/assign", json={"username": "unitmad"}, headers=login("ppid"))
    assert_refused(r, 422, {"username"})
    assert r.json["message"] == "pengguna berada di unit lain, bukan unit tugas ini"
    assert r.json["errors"]["username"] == ["bukan anggota unit Kantor Wilayah: tugas ini dirujuk ke unit itu"]
    r = client.post(f"{API}/tasks/{task['id']}/assign", json={"username": "unit"}, headers=login("ppid"))
    assert r.status_code == 200, r.json


# --- queries --------------------------------------------------------------------------------------

START = "2025-03-26T10:00:00+07:00"  # a Wednesday, office hours (WIB)
BAD_QUERIES = {  # (path, query string, who asks, status, field paths)
    "unknown_task": ("/tasks/99999", {}, "ppid", 404, set()),
    # 2**63 is past the id column on both backends (SQLite INTEGER: 64 bits, PostgreSQL integer: 32).
    "task_id_out_of_range": ("/tasks/9223372036854775808", {}, "ppid", 404, set()),
    "unknown_scope": ("/tasks", {"scope": "bogus"}, "ppid", 422, {"scope"}),
    "negative_working_days": ("/calendar/due", {"start": START, "working_days": -1}, None, 422, {"working_days"}),
    "naive_start": ("/calendar/due", {"start": "2025-03-26T10:00:00", "working_days": 10}, None, 422, {"start"}),
    "bad_calendar": ("/calendar/due", {"start": START, "working_days": 1, "calendar": "?"}, None, 422, {"calendar"}),
    # 400 working days from December 9999 fall after the last date Python can represent.
    "start_out_of_range": (
        "/calendar/due",
        {"start": "9999-12-01T10:00:00+07:00", "working_days": 400},
        None,
        422,
        None,
    ),
    "naive_audit_window": ("/audit/export", {"from": "2025-01-01T00:00:00"}, "auditor", 422, {"from"}),
}


@pytest.mark.parametrize(
    ("db_url", "case"),
    [
        *(("sqlite", case) for case in BAD_QUERIES),
        pytest.param("postgres", "task_id_out_of_range", marks=pytest.mark.postgres),
    ],
    indirect=["db_url"],
)
def test_bad_queries_are_refused_with_field_paths(client, login, unchanged, case):
    path, query, who, status, fields = BAD_QUERIES[case]
    with unchanged():
        r = client.get(API + path, query_string=query, headers=login(who) if who else {})
    assert_refused(r, status, fields)


@sqlite_only
def test_the_schema_layer_s_refusals_are_said_in_the_caller_s_language_with_a_reason(client, login, unchanged):
    body = {"action": "claim", "ids": [], "zzz": 1, "username": 7}
    with unchanged():
        id_ = client.post(f"{API}/tasks/bulk", json=body, headers=login("ppid"))
        en = client.post(f"{API}/tasks/bulk", json=body, headers={**login("ppid"), "Accept-Language": "en"})
    assert_refused(id_, 422, {"ids", "zzz", "username"})
    assert (id_.json["reason"], id_.json["message"]) == ("invalid_data", "data tidak sah")
    assert id_.json["errors"] == {
        "ids": ["1 sampai 200 butir"],
        "zzz": ["isian tidak dikenal"],
        "username": ["teks (string JSON)"],
    }
    assert en.json["errors"] == {
        "ids": ["1 to 200 items"],
        "zzz": ["unknown field"],
        "username": ["text (a JSON string)"],
    }
    query = client.get(f"{API}/tasks", query_string={"limit": 0, "scope": "x"}, headers=login("ppid"))
    assert query.json["errors"] == {"limit": ["angka dari 1 sampai 200"], "scope": ["salah satu dari mine, group, all"]}


@sqlite_only
def test_an_unknown_address_or_method_is_said_in_the_caller_s_language(client, login):
    missing = client.get(f"{API}/tidak-ada", headers={"Accept-Language": "en"})
    assert_refused(missing, 404)
    assert (missing.json["reason"], missing.json["message"]) == (
        "no_such_address",
        "there is no such address in the API",
    )
    wrong = client.delete(f"{API}/tasks", headers=login("ppid"))
    assert_refused(wrong, 405)
    assert wrong.json["message"] == "alamat ini tidak menerima DELETE"
    assert "GET" in wrong.headers["Allow"]


# --- the extension guard: an extension must be sent before T10 ------------------------------------


@sqlite_only
@pytest.mark.parametrize("how", ["receipt_recorded_late", "time_passes"])
def test_no_extension_once_t10_has_passed_but_deciding_still_works(desk, client, login, unchanged, how):
    if how == "receipt_recorded_late":
        long_ago = (datetime.now(UTC) - timedelta(days=30)).isoformat()
        receipt = desk.submit(headers=login("petugas"), channel="langsung", received_at=long_ago)
    else:
        receipt = desk.submit()
    _, task = bring_to(desk, login, "tentukan_langkah", receipt)
    url = f"{API}/tasks/{task['id']}/complete"
    # 30 days on, 10 working days have passed whatever the holidays.
    later = time_machine.travel(datetime.now(UTC) + timedelta(days=30), tick=False)
    with later if how == "time_passes" else nullcontext():
        token = client.post(f"{API}/auth/token", json={"username": "ppid", "password": PASSWORD}).json["token"]
        ppid = {"Authorization": f"Bearer {token}"}
        # The extension notice dated the day it is sent (a dispatch date is never before the receipt).
        sent_on = datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date().isoformat()
        late_notice = {**STEP["tentukan_langkah_perpanjang"], "tanggal_pemberitahuan_perpanjangan": sent_on}
        with unchanged():
            r = client.post(url, json={"data": late_notice}, headers=ppid)
        assert_refused(r, 422, {"_schema"})
        assert (r.json["reason"], r.json["message"]) == ("deadline_passed", "batas waktu T10 sudah lewat")
        (before,) = r.json["errors"]["_schema"]  # the deadline as the pages write it: "21 Des 2026, 16:00 WIB"
        assert before.startswith("harus dilakukan paling lambat "), before
        assert before.endswith(" WIB"), before

        r = client.post(url, json={"data": STEP["tentukan_langkah"]}, headers=ppid)
    assert r.status_code == 200, r.json
    assert "putuskan" in {t["name"] for t in r.json["next_tasks"]}
    assert r.json["case"]["status"] != "diperpanjang"
    assert "T17" not in {d["name"] for d in r.json["case"]["deadlines"]}
