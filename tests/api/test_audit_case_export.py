"""The auditor's export of one case (``GET /api/v1/audit/export?ticket=``): the same filter as ``kawal audit export
--case``. A ticket no case holds is 404 and a text that is no ticket (an empty one too) or a ticket beside a period or
a process 422, never the whole history nor an empty one; a query parameter
the audit API does not know is refused (422, naming it), as an unknown field of a body is, never ignored. The chain
check (``GET /api/v1/audit/verify``) takes the same ticket.

On PostgreSQL too: the export and the chain check of one case as read from the database, and each export recorded and
read back. The refusals of a ticket, a parameter or a caller are Python's (a ticket no case holds: one lookup by
ticket, as the export's own): their PostgreSQL twins ran the same Python again."""

import json

import pytest

from engine import clock
from engine.audit import verify_lines
from tests.conftest import complaint_payload, sqlite_only

API = "/api/v1"


@pytest.fixture
def two_cases(desk, client):
    """An information request one step in and a confidential complaint: (request ticket, complaint ticket)."""
    request = desk.submit()
    desk.complete(request["ticket"], "periksa_kelengkapan")
    r = client.post(f"{API}/complaints", json=complaint_payload("rahasia"))
    assert r.status_code == 201, r.json
    return request["ticket"], r.json["ticket"]


def export(client, login, **query):
    r = client.get(f"{API}/audit/export", query_string=query, headers=login("auditor"))
    body = r.get_data()
    r.close()
    return r, body


def test_the_export_of_one_ticket_holds_that_case_whole_and_verifies(client, login, two_cases):
    request, complaint = two_cases
    whole = export(client, login)[1].splitlines(keepends=True)
    for ticket in (request, complaint):
        r, body = export(client, login, ticket=ticket)
        assert r.status_code == 200, body
        lines = body.splitlines(keepends=True)
        assert lines == [line for line in whole if json.loads(line)["ticket"] == ticket]  # the lines of that case
        assert [json.loads(line)["seq"] for line in lines] == list(range(1, len(lines) + 1))  # from its first event
        assert list(verify_lines(lines)) == []
        assert f"kawal-audit-{ticket}.jsonl" in r.headers["Content-Disposition"]
    # Typed as a person types it: lower case, spaces around.
    assert export(client, login, ticket=f"  {request.lower()} ")[1] == export(client, login, ticket=request)[1]
    r, body = export(client, login, ticket=complaint, format="csv")
    assert r.status_code == 200
    assert {row.split(",")[1] for row in body.decode().splitlines()[1:]} == {complaint}


@sqlite_only
def test_a_ticket_no_case_holds_is_404_never_the_whole_history(client, login, two_cases):
    for lang, said in [("id", "kasus tidak ditemukan"), ("en", "case not found")]:
        r = client.get(
            f"{API}/audit/export",
            query_string={"ticket": "PPID-2026-999999"},
            headers={**login("auditor"), "Accept-Language": lang},
        )
        assert r.status_code == 404, r.get_data(as_text=True)
        assert (r.json["reason"], r.json["message"]) == ("case_not_found", said)
        assert r.json["errors"] == {"ticket": [said]}


@sqlite_only
@pytest.mark.parametrize("typed", ["SIP-2026-000001; DROP", "satu kasus", "PPID-26-1", "x" * 200])
def test_a_text_that_is_no_ticket_is_refused_on_ticket(client, login, two_cases, typed):
    r = client.get(f"{API}/audit/export", query_string={"ticket": typed}, headers=login("auditor"))
    assert r.status_code == 422, r.get_data(as_text=True)
    assert r.json["reason"] == "invalid_data"
    example = f"PPID-{clock.now().year}-000123"
    assert r.json["errors"] == {
        "ticket": [f"nomor tiket seperti {example}: huruf registernya (PPID, KEB, SIP, ADU), tahun dan nomornya"]
    }


@sqlite_only
def test_a_ticket_with_a_period_or_a_process_is_refused_on_ticket_a_case_is_taken_whole(client, login, two_cases):
    request, _complaint = two_cases  # an information request: not an objection
    today = clock.now().isoformat()
    for path in ("/audit/export", "/audit/verify"):
        for beside in ({"from": today}, {"to": today}, {"process": "keberatan"}, {"process": "permohonan_informasi"}):
            r = client.get(
                f"{API}{path}",
                query_string={"ticket": request, **beside},
                headers={**login("auditor"), "Accept-Language": "en"},
            )
            assert r.status_code == 422, (path, beside, r.get_data(as_text=True))
            assert r.json["reason"] == "invalid_data"
            told = "one case is exported and checked whole: leave the period and the process empty"
            assert r.json["errors"] == {"ticket": [told]}, (path, beside)
    r = client.get(f"{API}/audit/export", query_string={"ticket": request, "from": today}, headers=login("auditor"))
    assert r.json["errors"] == {"ticket": ["satu kasus diekspor dan diperiksa utuh: kosongkan periode dan prosesnya"]}


@sqlite_only
def test_an_empty_ticket_is_refused_never_the_whole_history(client, login, two_cases):
    for path in ("/audit/export", "/audit/verify"):
        r = client.get(f"{API}{path}", query_string={"ticket": ""}, headers=login("auditor"))
        assert r.status_code == 422, r.get_data(as_text=True)
        assert list(r.json["errors"]) == ["ticket"]


@sqlite_only
def test_an_unknown_query_parameter_is_refused_naming_it_not_ignored(client, login, two_cases):
    request, _complaint = two_cases
    r = client.get(
        f"{API}/audit/export",
        query_string={"case": request, "formaat": "csv"},
        headers={**login("auditor"), "Accept-Language": "en"},
    )
    assert r.status_code == 422, r.get_data(as_text=True)
    assert r.json["reason"] == "invalid_data"
    assert r.json["errors"] == {"case": ["unknown field"], "formaat": ["unknown field"]}
    id_ = client.get(f"{API}/audit/export", query_string={"tiket": request}, headers=login("auditor"))
    assert (id_.status_code, id_.json["errors"]) == (422, {"tiket": ["isian tidak dikenal"]})
    for path in ("/audit/verify", "/audit/access"):  # the audit API's other questions: the same rule
        r = client.get(f"{API}{path}", query_string={"tiket": request}, headers=login("auditor"))
        assert (r.status_code, r.json["errors"]) == (422, {"tiket": ["isian tidak dikenal"]}), path


def test_the_chain_check_of_one_ticket_checks_that_case_alone(client, login, two_cases):
    request, _complaint = two_cases
    r = client.get(f"{API}/audit/verify", query_string={"ticket": request}, headers=login("auditor"))
    assert r.status_code == 200, r.json
    events = len(export(client, login, ticket=request)[1].splitlines())
    assert (r.json["checked_cases"], r.json["checked_events"], r.json["ok"]) == (1, events, True)
    missing = client.get(f"{API}/audit/verify", query_string={"ticket": "KEB-2026-000404"}, headers=login("auditor"))
    assert (missing.status_code, missing.json["reason"]) == (404, "case_not_found")
    checks = client.get(f"{API}/audit/checks", headers=login("auditor")).json
    assert checks[0]["scope"] == {"ticket": request}  # the console lists it as the check of that case


@sqlite_only
def test_only_auditors_export_a_case(client, login, two_cases):
    request, _complaint = two_cases
    r = client.get(f"{API}/audit/export", query_string={"ticket": request}, headers=login("ppid"))
    assert r.status_code == 403


def test_each_export_is_recorded_who_when_what_and_the_format_never_personal_data(client, login, two_cases, app):
    """Who read what (engine.audit.record_read): the auditor console lists the API's exports beside its own."""
    from api.extensions import db
    from engine.audit import recent_reads

    request, _complaint = two_cases
    export(client, login, ticket=request, format="csv")
    export(client, login, process="pengaduan", **{"from": "2026-01-01T00:00:00+07:00"})
    assert export(client, login, ticket="PPID-2026-999999")[0].status_code == 404  # refused: nothing read
    with app.app_context():
        reads = [(r.by, r.action, r.channel, r.scope, r.format) for r in recent_reads(db.session)]
    assert reads == [
        ("auditor", "export", "api", {"from": "2026-01-01", "process": "pengaduan"}, "jsonl"),
        ("auditor", "export", "api", {"ticket": request}, "csv"),
    ]
