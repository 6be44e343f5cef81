"""A requester's message to the desk and the desk's answer by the API (api.views.desk_messages): the requester
writes with the ticket and access code (``POST /api/v1/status/messages``, the portal form's rules and limits), the
PPID's staff answer (``POST /api/v1/cases/{ticket}/requester-messages/{id}/reply``), the requester reads the answer
from "the desk", never by an officer's name.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine.models import Case, CaseEvent, CaseMessage
from tests.conftest import complaint_payload

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
WORDS = "Mohon dijelaskan format salinan yang akan dikirim."
ANSWER = "Salinan dikirim dalam bentuk PDF melalui surel."


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _filed(desk) -> tuple[str, str]:
    receipt = desk.submit()
    return receipt["ticket"], receipt["access_code"]


def _write(client, ticket, code, body=WORDS):
    return client.post("/api/v1/status/messages", json={"ticket": ticket, "access_code": code, "body": body})


def test_the_requester_writes_with_the_code_and_reads_the_desk_s_answer_without_the_officer_s_name(
    app, client, desk, login
):
    ticket, code = _filed(desk)
    r = _write(client, ticket, code)
    assert r.status_code == 201, r.json
    [message] = r.json["items"]
    assert (message["body"], message["replies"], r.json["can_write"]) == (WORDS, [], True)

    r = client.post(
        f"/api/v1/cases/{ticket}/requester-messages/{message['id']}/reply",
        json={"body": ANSWER},
        headers=login("ppid"),
    )
    assert r.status_code == 201, r.json
    [reply] = r.json["items"][0]["replies"]
    assert (reply["body"], reply["author"]) == (ANSWER, "ppid")
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        event = db.session.scalar(
            select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.type == "requester_message_answered")
        )
        assert event.data == {"message_id": reply["id"], "chars": len(ANSWER)}

    r = _write(client, ticket, code, "Terima kasih.")
    [first, second] = r.json["items"]
    assert first["replies"] == [{"id": reply["id"], "created_at": reply["created_at"], "body": ANSWER}]
    assert second["body"] == "Terima kasih."


def test_a_wrong_code_or_an_empty_or_too_long_message_is_refused_and_nothing_is_kept(app, client, desk):
    ticket, code = _filed(desk)
    assert _write(client, ticket, "salah-kode").status_code in (401, 403, 404)
    for body in ("  ", "x" * 2001):
        r = _write(client, ticket, code, body)
        assert r.status_code == 422, r.json
        assert "body" in r.json["errors"]
    with app.app_context():
        assert db.session.scalars(select(CaseMessage)).all() == []


def test_a_complaint_takes_no_message_here(client):
    receipt = client.post("/api/v1/complaints", json=complaint_payload("rahasia"))
    assert receipt.status_code == 201, receipt.json
    r = _write(client, receipt.json["ticket"], receipt.json["access_code"])
    assert r.status_code == 409
    assert r.json["reason"] == "requester_message_not_here"


def test_the_answer_is_refused_with_a_nik_and_to_an_auditor(client, desk, login):
    ticket, code = _filed(desk)
    message_id = _write(client, ticket, code).json["items"][0]["id"]
    path = f"/api/v1/cases/{ticket}/requester-messages/{message_id}/reply"
    r = client.post(path, json={"body": "NIK 3171234507890001 cocok."}, headers=login("petugas"))
    assert r.status_code == 422
    assert r.json["reason"] == "personal_data_in"
    r = client.post(path, json={"body": ANSWER}, headers=login("auditor"))
    assert r.status_code == 403
    assert r.json["reason"] == "requester_reply_forbidden"
    assert client.post(path, json={"body": ANSWER}).status_code == 401
