"""The information request through the HTTP API, as a requester and the officers would run it."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.conftest import sqlite_only
from tests.helpers import STEP, decision

# On PostgreSQL too: the ticket and its deadline stored and read back, the grant path walked end to end, the inbox's
# order and count, the events' hash chain, the audit export and its window by event time. The others are
# @sqlite_only: wording and language, form checks, who may see and do what, the calendar computed in Python (their
# PostgreSQL twin ran the same Python again over the same rows).


def test_submitted_request_gets_ticket_access_code_and_t10_due_date(desk):
    receipt = desk.submit()
    assert receipt["ticket"].startswith(f"PPID-{datetime.now(UTC).year}-")
    assert len(receipt["access_code"].replace("-", "")) * 5 >= 80
    assert receipt["status"] == "diterima"
    t10 = desk.deadlines(receipt["ticket"])["T10"]
    assert receipt["due_at"] == t10["due_at"]
    assert t10["legal_basis"] == "UU 14/2008 Pasal 22(7)"
    assert t10["provenance"]["working_days"] == 10


def test_requester_follows_grant_path_to_completion(desk):
    receipt = desk.submit()
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    assert desk.status(receipt)["status"] == "diproses"
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    result = desk.complete(ticket, "pemberitahuan_tertulis")
    assert result["case"]["status"] == "dikabulkan_seluruhnya"
    assert [t["name"] for t in result["next_tasks"]] == ["penyerahan_informasi"]
    desk.complete(ticket, "penyerahan_informasi")

    status = desk.status(receipt)
    assert status["status"] == "selesai"
    assert [m["name"] for m in status["milestones"]] == [
        "diterima",
        "terdaftar",
        "diproses",
        "dikabulkan_seluruhnya",
        "informasi_diserahkan",
        "selesai",
    ]
    assert status["due_at"] is None
    assert desk.deadlines(ticket)["T10"]["status"] == "met"
    assert desk.open_tasks(ticket) == {}


@sqlite_only
def test_public_status_explains_the_deadline_and_next_step(desk):
    receipt = desk.submit()
    status = desk.status(receipt)
    assert status["status_label"] == "Diterima"
    assert status["due_at"] == receipt["due_at"]
    assert "10 hari kerja" in status["due_explanation"]
    assert status["next_step"]
    assert "Ani" not in str(status)


# The deadline of a receipt backdated: the law's count, in Python.
@sqlite_only
def test_front_desk_records_offline_request_with_its_real_receipt_time(desk, login):
    received = datetime(2025, 3, 26, 10, 0, tzinfo=UTC) + timedelta(hours=-7)  # 10:00 WIB, Wed 26 Mar 2025
    with time_machine.travel(datetime(2025, 4, 15, 2, 0, tzinfo=UTC), tick=True):  # the letter is opened late
        receipt = desk.submit(headers=login("petugas"), channel="pos", received_at=received.isoformat())
    t10 = desk.deadlines(receipt["ticket"])["T10"]
    assert t10["due_at"] == "2025-04-11T16:00:00+07:00"  # close of business, §2.3 worked example
    case = desk.case(receipt["ticket"])
    assert case["channel"] == "pos"
    assert case["overdue"] is True  # long past: the escalation is already with the superior
    assert "eskalasi_t10" in desk.open_tasks(receipt["ticket"])


@sqlite_only
def test_front_desk_may_not_record_a_receipt_more_than_a_year_back(desk, client, login):
    from tests.conftest import request_payload

    long_ago = (datetime.now(UTC) - timedelta(days=400)).isoformat()
    r = client.post("/api/v1/requests", json=request_payload(received_at=long_ago), headers=login("petugas"))
    assert r.status_code == 422
    assert "received_at" in r.json["errors"]


@sqlite_only
def test_public_intake_may_not_backdate_or_choose_channel(client):
    from tests.conftest import request_payload

    r = client.post("/api/v1/requests", json=request_payload(received_at="2025-01-01T00:00:00+07:00"))
    assert r.status_code == 422
    assert "received_at" in r.json["errors"]


@sqlite_only
def test_public_status_speaks_english_when_asked(desk, client):
    receipt = desk.submit()
    r = client.post(
        "/api/v1/status",
        json={"ticket": receipt["ticket"], "access_code": receipt["access_code"]},
        headers={"Accept-Language": "en-US,en;q=0.9"},
    )
    assert r.json["status_label"] == "Received"
    assert "working days" in r.json["due_explanation"]


# Who reads the identity: the vault's round trip stays on PostgreSQL in the letters of tests/workflows.
@sqlite_only
def test_officer_case_view_reads_identity_from_vault_but_auditor_does_not(desk, login, client):
    receipt = desk.submit()
    assert desk.case(receipt["ticket"], "petugas")["requester"]["name"] == "Ani Wijaya"
    r = client.get(f"/api/v1/cases/{receipt['ticket']}", headers=login("auditor"))
    assert r.status_code == 200
    assert r.json["requester"] is None


@sqlite_only
def test_task_detail_carries_its_form_schema(desk, client, login):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    r = client.get(f"/api/v1/tasks/{task['id']}", headers=login("petugas"))
    assert r.status_code == 200
    assert r.json["form_schema"]["properties"]["lengkap"]["type"] == "boolean"
    assert r.json["form_schema"]["properties"]["lengkap"]["x-title-en"]


def test_inbox_lists_most_urgent_first(desk, client, login):
    late = desk.submit(
        headers=login("petugas"), channel="langsung", received_at=(datetime.now(UTC) - timedelta(days=5)).isoformat()
    )
    fresh = desk.submit()
    r = client.get("/api/v1/tasks?scope=group", headers=login("petugas"))
    tickets = [t["ticket"] for t in r.json["items"]]
    assert tickets.index(late["ticket"]) < tickets.index(fresh["ticket"])
    assert r.json["total"] == len(r.json["items"]) == 2
    item = r.json["items"][0]
    assert item["working_days_left"] < 10
    assert set(item) >= {"id", "ticket", "name", "title", "lane", "assignee", "due_at", "working_days_left"}


# Who may claim and assign: checked in Python over the task's row (engine.inbox.claim_task).
@sqlite_only
def test_claim_unclaim_and_superior_assign(desk, client, login):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    base = f"/api/v1/tasks/{task['id']}"
    assert client.post(f"{base}/claim", headers=login("petugas")).json["assignee"] == "petugas"
    assert client.post(f"{base}/claim", headers=login("petugas2")).status_code == 409
    assert (
        client.post(
            f"{base}/complete", json={"data": STEP["periksa_kelengkapan"]}, headers=login("petugas2")
        ).status_code
        == 409
    )
    r = client.get("/api/v1/tasks?scope=mine", headers=login("petugas"))
    assert [t["id"] for t in r.json["items"]] == [task["id"]]
    assert client.post(f"{base}/unclaim", headers=login("petugas")).json["assignee"] is None
    assert client.post(f"{base}/assign", json={"username": "petugas2"}, headers=login("petugas")).status_code == 403
    r = client.post(f"{base}/assign", json={"username": "petugas2"}, headers=login("ppid"))
    assert r.status_code == 200
    assert r.json["assignee"] == "petugas2"
    r = client.post(f"{base}/assign", json={"username": "unit"}, headers=login("ppid"))
    assert r.status_code == 422
    assert "username" in r.json["errors"]


@sqlite_only
def test_requester_withdraws_and_every_task_and_clock_ends(desk, client):
    receipt = desk.submit()
    desk.complete(receipt["ticket"], "periksa_kelengkapan")
    r = client.post(
        "/api/v1/requests/withdraw",
        json={"ticket": receipt["ticket"], "access_code": receipt["access_code"], "reason": "Sudah tidak diperlukan"},
    )
    assert r.status_code == 200
    assert r.json["status"] == "dicabut"
    assert desk.open_tasks(receipt["ticket"]) == {}
    assert desk.deadlines(receipt["ticket"])["T10"]["status"] == "cancelled"
    again = client.post(
        "/api/v1/requests/withdraw", json={"ticket": receipt["ticket"], "access_code": receipt["access_code"]}
    )
    assert again.status_code == 409


def test_case_events_are_hash_chained(desk, client, login):
    receipt = desk.submit()
    desk.complete(receipt["ticket"], "periksa_kelengkapan")
    r = client.get(f"/api/v1/cases/{receipt['ticket']}/events", headers=login("ppid"))
    events = r.json["items"]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert events[0]["type"] == "request_submitted"
    assert events[0]["prev_hash"] == "0" * 64
    assert all(b["prev_hash"] == a["hash"] for a, b in zip(events, events[1:], strict=False))
    assert "Ani Wijaya" not in str(events)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_auditor_exports_history_that_verifies(desk, client, login, fmt):
    import csv
    import io
    import json

    from engine.audit import verify_rows

    receipt = desk.submit()
    desk.complete(receipt["ticket"], "periksa_kelengkapan")
    r = client.get(f"/api/v1/audit/export?format={fmt}", headers=login("auditor"))
    assert r.status_code == 200
    body = r.get_data(as_text=True)
    canonical = client.get("/api/v1/audit/export?format=jsonl", headers=login("auditor")).get_data(as_text=True)
    rows = [json.loads(line) for line in canonical.splitlines()]
    if fmt == "csv":  # the readable export: the same events and hashes, one column per field; JSON lines verifies
        readable = list(csv.DictReader(io.StringIO(body)))
        assert [(r["tiket"], int(r["urutan"]), r["hash"]) for r in readable] == [
            (r["ticket"], r["seq"], r["hash"]) for r in rows
        ]
    assert {"ticket", "seq", "at", "type", "actor", "data", "prev_hash", "hash"} <= set(rows[0])
    assert len(rows) >= 5
    assert list(verify_rows(rows)) == []
    rows[1]["data"] = {"forged": True}
    assert [b.seq for b in verify_rows(rows)] == [2]
    assert "Ani Wijaya" not in body
    assert "3171234507890001" not in body


def test_audit_export_window_selects_cases_by_event_time(desk, client, login):
    desk.submit()
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat().replace("+00:00", "Z")
    r = client.get("/api/v1/audit/export", query_string={"from": future}, headers=login("auditor"))
    assert r.status_code == 200
    assert r.get_data(as_text=True) == ""


@sqlite_only
def test_calendar_due_explains_the_worked_example(client):
    r = client.get(
        "/api/v1/calendar/due",
        query_string={"start": "2025-03-26T10:00:00+07:00", "working_days": 17, "calendar": "lenient"},
    )
    assert r.status_code == 200
    assert r.json["due_at"].startswith("2025-04-30")
    kinds = {d["kind"] for d in r.json["provenance"]["skipped"]}
    assert {"weekend", "holiday", "cuti_bersama"} <= kinds


@sqlite_only
def test_calendar_due_gives_the_receipt_in_office_time_whatever_zone_it_was_given_in(client):
    r = client.get(
        "/api/v1/calendar/due", query_string={"start": "2025-03-26T03:00:00Z", "working_days": 10, "calendar": "strict"}
    )
    assert r.status_code == 200
    assert r.json["provenance"]["received_at"] == "2025-03-26T10:00:00+07:00"
    assert r.json["due_at"] == "2025-04-11T16:00:00+07:00"


@sqlite_only
def test_openapi_and_swagger_ui_are_served_without_a_cdn(client):
    spec = client.get("/api/v1/openapi.json").json
    assert {"/api/v1/requests", "/api/v1/status", "/api/v1/tasks/{task_id}/complete"} <= set(spec["paths"])
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "/api/v1/static/swagger-ui/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    asset = client.get("/api/v1/static/swagger-ui/swagger-ui-bundle.js")
    asset.close()
    assert asset.status_code == 200


@sqlite_only
def test_the_superior_sees_the_whole_office_queue(desk, client, login):
    receipt = desk.submit()
    r = client.get(
        "/api/v1/tasks", query_string={"scope": "all", "process": "permohonan_informasi"}, headers=login("atasan")
    )
    assert [(t["ticket"], t["lane"]) for t in r.json["items"]] == [(receipt["ticket"], "petugas_layanan")]
    r = client.get("/api/v1/tasks", query_string={"scope": "all", "process": "pengaduan"}, headers=login("atasan"))
    assert r.json["total"] == 0
    assert client.get("/api/v1/tasks?scope=all", headers=login("petugas")).status_code == 403


@sqlite_only
def test_times_are_shown_in_the_office_time_zone(desk):
    receipt = desk.submit()
    assert receipt["due_at"].endswith("T16:00:00+07:00")
    assert receipt["received_at"].endswith("+07:00")


@sqlite_only
def test_a_task_carries_its_instructions_in_both_languages(client, desk, login):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    detail = client.get(f"/api/v1/tasks/{task['id']}", headers=login("petugas")).json
    assert detail["instructions"]
    assert detail["instructions_en"]
    assert detail["instructions_en"] != detail["instructions"]


@sqlite_only
def test_a_tasks_instructions_name_its_case_and_its_completion_window_in_both_languages(client, desk, login):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    detail = client.get(f"/api/v1/tasks/{task['id']}", headers=login("petugas")).json
    assert detail["instructions"] == (
        f"Periksa kelengkapan permohonan {receipt['ticket']}. Jika belum lengkap, sebutkan kekurangannya; "
        "pemohon diberi 3 hari kerja untuk melengkapi. Bila permohonan diajukan melalui kuasa (data kuasa tampil pada "
        "halaman ini), periksa juga surat kuasa khusus dan salinan KTP pemohon."
    )
    assert detail["instructions_en"] == (
        f"Check that request {receipt['ticket']} is complete. If it is not, state what is missing; "
        "the requester is given 3 working days to complete it. When a proxy filed it (the proxy is shown on this "
        "page), check the special power of attorney and the copy of the requester's ID card too."
    )


@sqlite_only
def test_a_later_tasks_instructions_name_what_an_earlier_task_recorded(client, desk, login):
    ticket = desk.submit()["ticket"]
    desk.complete(ticket, "periksa_kelengkapan", STEP["periksa_kelengkapan_kurang"])
    task = desk.task(ticket, "terima_kelengkapan")
    detail = client.get(f"/api/v1/tasks/{task['id']}", headers=login("petugas")).json
    assert detail["instructions"] == "Catat kelengkapan yang diserahkan pemohon: Salinan KTP belum dilampirkan."
    assert "{{" not in detail["instructions_en"]
