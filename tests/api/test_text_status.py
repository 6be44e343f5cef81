"""A case's status by SMS or WhatsApp (engine.text_status, api.views.gateway): the office's gateway signs the text
it received with its secret and sends the reply Kawal gives back to the sender. The reply tells the stage, the
deadline's day and the next step in the requester's language, never personal data; wrong codes are counted per
sender; a whistleblower's report is never told by text; an unsigned text is refused and counts nothing."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from api.extensions import db
from engine import text_status
from engine.models import Tally
from notifications.channels import sign
from tests.conftest import complaint_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
SECRET = "rahasia-gateway-kanwil"
PHONE = "+62 812 1234 5678"


@pytest.fixture
def settings_overrides():
    return {"KAWAL_WEBHOOK_SECRET": SECRET, "KAWAL_CODE_MAX_FAILURES_PER_ADDRESS": "3"}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def texted(client, text, sender="+62 877 0000 1111", secret=SECRET, body=None, at=None):
    """The gateway posts ``text`` from ``sender``, signed with ``secret``, stamped ``at`` (now by default)."""
    stamp = (at or datetime.now(UTC)).isoformat()
    raw = body if body is not None else json.dumps({"from": sender, "text": text, "at": stamp}).encode()
    headers = {"Content-Type": "application/json", "X-Kawal-Signature": sign(secret.encode(), raw)}
    return client.post(f"{API}/gateway/texts", data=raw, headers=headers)


def wrong_codes(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Tally).where(Tally.kind == "wrong_code"))


def test_a_requester_texts_status_and_reads_the_stage_and_the_deadline_without_personal_data(client, desk):
    receipt = desk.submit()
    code = receipt["access_code"].lower().replace("-", " ")  # as a phone types it
    r = texted(client, f"status {receipt['ticket'].lower()} {code}")
    assert r.status_code == 200, r.json
    reply = r.json["reply"]
    assert reply.startswith(f"Kawal {receipt['ticket']}: ")
    assert "Batas waktu: 16 Des 2026." in reply  # 10 working days from Wed 2 Dec 2026
    assert "/publik/status" in reply
    for private in ("Ani", "Wijaya", "3171234507890001", "Merdeka", "ani@example.org", "1234 5678"):
        assert private not in reply
    assert receipt["access_code"] not in reply


def test_a_requester_who_writes_in_english_is_answered_in_english(client, desk):
    receipt = desk.submit(headers={"Accept-Language": "en"})
    reply = texted(client, f"CEK {receipt['ticket']} {receipt['access_code']}").json["reply"]
    assert "Deadline: 16 Dec 2026." in reply
    assert "Details: " in reply


def test_an_objection_is_asked_after_with_its_request_s_code(client, desk):
    from tests.api.test_chain_api import objected

    receipt, objection = objected(desk, client)
    reply = texted(client, f"STATUS {objection['ticket']} {receipt['access_code']}").json["reply"]
    assert reply.startswith(f"Kawal {objection['ticket']}: ")


def test_a_wrong_code_is_answered_as_not_matching_and_counted_per_sender_until_that_sender_waits(app, client, desk):
    receipt = desk.submit()
    for _ in range(3):
        reply = texted(client, f"STATUS {receipt['ticket']} AAAA-BBBB-CCCC").json["reply"]
        assert reply == text_status.NOT_FOUND
    assert wrong_codes(app) == 6  # each counted for the ticket and for the sender
    blocked = texted(client, f"STATUS {receipt['ticket']} {receipt['access_code']}").json["reply"]
    assert "terlalu banyak kode yang salah" in blocked  # even the right code waits: the sender guessed
    assert receipt["ticket"] + ":" not in blocked
    other = texted(client, f"STATUS {receipt['ticket']} {receipt['access_code']}", sender=PHONE).json["reply"]
    assert other.startswith(f"Kawal {receipt['ticket']}: ")  # another sender is not held up


@pytest.mark.parametrize("text", ["halo", "STATUS", "STATUS 12345 ABCD", "status PPID-2026-000001", "x" * 3000])
def test_a_text_that_is_not_a_status_question_is_answered_with_the_form_to_use(client, text):
    r = texted(client, text[:2000])
    assert r.status_code == 200, r.json
    assert r.json["reply"] == text_status.HELP


def test_a_whistleblower_s_report_is_never_told_by_text(client):
    filed = client.post(f"{API}/complaints", json=complaint_payload(mode="whistleblower"))
    assert filed.status_code == 201, filed.json
    reply = texted(client, f"STATUS {filed.json['ticket']} {filed.json['access_code']}").json["reply"]
    assert "hanya dapat dibaca di" in reply
    assert "/publik/status" in reply
    assert not re.search(r"Batas waktu|Diterima|Verifikasi", reply)


def test_a_reporter_who_chose_english_is_answered_in_english(client):
    filed = client.post(f"{API}/complaints", json=complaint_payload(mode="rahasia"), headers={"Accept-Language": "en"})
    assert filed.status_code == 201, filed.json
    reply = texted(client, f"STATUS {filed.json['ticket']} {filed.json['access_code']}").json["reply"]
    assert reply.startswith(f"Kawal {filed.json['ticket']}: ")
    assert "Details: " in reply


def test_an_anonymous_complaint_is_told_its_stage(client):
    filed = client.post(f"{API}/complaints", json=complaint_payload(mode="anonim"))
    reply = texted(client, f"STATUS {filed.json['ticket']} {filed.json['access_code']}").json["reply"]
    assert reply.startswith(f"Kawal {filed.json['ticket']}: ")


def test_an_unsigned_or_forged_text_is_refused_and_counts_nothing(app, client, desk, unchanged):
    receipt = desk.submit()
    asked = f"STATUS {receipt['ticket']} AAAA-BBBB-CCCC"
    with unchanged():
        assert texted(client, asked, secret="bukan-rahasianya").status_code == 401
        raw = json.dumps({"from": PHONE, "text": asked}).encode()
        unsigned = client.post(f"{API}/gateway/texts", data=raw, headers={"Content-Type": "application/json"})
        assert unsigned.status_code == 401
    assert wrong_codes(app) == 0


def test_a_signed_question_sent_again_later_is_refused(client, desk, unchanged):
    receipt = desk.submit()
    asked = f"STATUS {receipt['ticket']} {receipt['access_code']}"
    with unchanged():
        stale = texted(client, asked, at=datetime.now(UTC) - timedelta(minutes=6))
    assert stale.status_code == 401, stale.json
    assert stale.json["reason"] == "gateway_stale"
    assert receipt["ticket"] not in json.dumps(stale.json)
    assert texted(client, asked, at=datetime.now(UTC) - timedelta(minutes=4)).status_code == 200


def test_a_body_longer_than_a_text_is_refused_unread(client, unchanged):
    with unchanged():
        r = texted(client, None, body=json.dumps({"from": PHONE, "text": "x" * 5000}).encode())
    assert r.status_code == 413


def test_a_signed_body_that_is_not_a_text_is_refused_beside_its_field(client):
    r = texted(client, None, body=json.dumps({"text": "STATUS", "at": datetime.now(UTC).isoformat()}).encode())
    assert r.status_code == 422, r.json
    assert "from" in json.dumps(r.json)
    assert texted(client, None, body=b"not json").status_code == 400  # as every JSON body that is not JSON
