"""The requester's status by the API (``POST /api/v1/status``, ticket and access code) carries a request's or an
objection's messages to the desk and the desk's answers as the portal's status page shows them: in full
(``desk_messages``, each answer from "the desk", never by the officer's username) and among the milestones, each on
its day (``requester_message``, ``desk_reply``, ``message_id``), in the caller's language.

SQLite alone: the API words rows the other modules already store and read back on both databases
(tests/workflows/test_requester_messages.py); tests/security/test_openapi_fuzz.py checks the answer's document.
"""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.conftest import complaint_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the API's words over stored rows

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
ANSWERED = datetime(2026, 12, 3, 7, 30, tzinfo=UTC)  # Thu 3 Dec 2026, 14:30 WIB
WORDS = "Mohon dijelaskan format salinan yang akan dikirim."
ANSWER = "Salinan dikirim dalam bentuk PDF melalui surel."


def _answered(client, desk, login) -> tuple[str, str, int, int]:
    """A request filed and written to on Wed 2 Dec, answered by the PPID on Thu 3 Dec: (ticket, code, the
    message's id, the answer's id)."""
    with time_machine.travel(RECEIVED, tick=False):
        receipt = desk.submit()
        ticket, code = receipt["ticket"], receipt["access_code"]
        sent = client.post("/api/v1/status/messages", json={"ticket": ticket, "access_code": code, "body": WORDS})
        assert sent.status_code == 201, sent.json
    message_id = sent.json["items"][0]["id"]
    with time_machine.travel(ANSWERED, tick=False):
        path = f"/api/v1/cases/{ticket}/requester-messages/{message_id}/reply"
        r = client.post(path, json={"body": ANSWER}, headers=login("ppid"))
        assert r.status_code == 201, r.json
    return ticket, code, message_id, r.json["items"][0]["replies"][0]["id"]


def _status(client, ticket, code, language="id"):
    with time_machine.travel(ANSWERED, tick=False):
        r = client.post(
            "/api/v1/status", json={"ticket": ticket, "access_code": code}, headers={"Accept-Language": language}
        )
    assert r.status_code == 200, r.json
    return r.json


def test_the_status_carries_the_messages_and_the_desk_s_answers_without_the_officer_s_name(client, desk, login):
    ticket, code, message_id, answer_id = _answered(client, desk, login)
    status = _status(client, ticket, code)
    [message] = status["desk_messages"]
    assert (message["id"], message["body"], message["created_at"]) == (message_id, WORDS, "2026-12-02T10:00:00+07:00")
    assert message["replies"] == [{"id": answer_id, "created_at": "2026-12-03T14:30:00+07:00", "body": ANSWER}]
    assert "ppid" not in str(status["desk_messages"])  # the desk answers, never an officer by name
    assert status["can_write_to_desk"] is True
    # What /status/messages answers the requester, the same
    again = client.post(
        "/api/v1/status/messages", json={"ticket": ticket, "access_code": code, "body": "Terima kasih."}
    )
    assert again.json["items"][0] == message


@pytest.mark.parametrize(
    ("language", "wrote", "answered"),
    [
        ("id", "Anda mengirim pesan kepada petugas", "Petugas menjawab pesan Anda"),
        ("en", "You wrote to the desk", "The desk answered your message"),
    ],
)
def test_each_message_and_answer_is_a_milestone_on_its_day_in_the_caller_s_language(
    client, desk, login, language, wrote, answered
):
    ticket, code, message_id, answer_id = _answered(client, desk, login)
    milestones = _status(client, ticket, code, language)["milestones"]
    said = [m for m in milestones if m["name"] in ("requester_message", "desk_reply")]
    assert said == [
        {
            "name": "requester_message",
            "label": wrote,
            "at": "2026-12-02T10:00:00+07:00",
            "on": None,
            "detail": None,
            "message_id": message_id,
        },
        {
            "name": "desk_reply",
            "label": answered,
            "at": "2026-12-03T14:30:00+07:00",
            "on": None,
            "detail": None,
            "message_id": answer_id,
        },
    ]
    assert [m["name"] for m in milestones][0] == "diterima"  # among the stages, by date
    assert ANSWER not in str(milestones)
    assert WORDS not in str(milestones)


def test_a_complaint_s_status_has_no_messages_to_the_desk(client):
    with time_machine.travel(RECEIVED, tick=False):
        receipt = client.post("/api/v1/complaints", json=complaint_payload("rahasia"))
    assert receipt.status_code == 201, receipt.json
    status = _status(client, receipt.json["ticket"], receipt.json["access_code"])
    assert (status["desk_messages"], status["can_write_to_desk"]) == ([], False)
