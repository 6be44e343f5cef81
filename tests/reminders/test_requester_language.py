"""A requester is written to in the language they filed in (Bahasa Indonesia unless they chose English).

The language is kept with the identity in the vault, never in the case or its messages' rows; the
messages go through a real SMTP server the test starts.

On SQLite alone: the mail's language is Python's choice over the identity read from the vault; an English requester's
identity sealed and read back is proved on PostgreSQL by tests/workflows/test_letter_reads.py, the outbox's rows by
tests/reminders/test_reminders.py.
"""

import pytest
from sqlalchemy import select

from api.extensions import db
from engine.models import Notification
from notifications.channels import SmtpChannel
from notifications.delivery import deliver
from tests.conftest import complaint_payload, request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)


@pytest.fixture
def settings_overrides():
    return {"KAWAL_NOTIFY_CHANNELS": "smtp"}


def _deliver_all(app, mailbox):
    smtp = {"smtp": SmtpChannel("127.0.0.1", mailbox.port, "ppid@kanwil.example")}
    with app.app_context():
        for row in db.session.scalars(select(Notification).where(Notification.to_requester.is_(True))).all():
            assert deliver(db.session, app.extensions["kawal_runtime"], smtp, row.id) == "sent"
            assert "locale" not in row.context


@pytest.mark.parametrize(
    ("accept", "subject", "language"),
    [("en-GB,en;q=0.9", "Receipt", "en"), ("id-ID,id;q=0.9", "Tanda Bukti", "id"), (None, "Tanda Bukti", "id")],
)
def test_a_request_receipt_is_written_in_the_language_the_requester_filed_in(
    app, client, mailbox, accept, subject, language
):
    headers = {"Accept-Language": accept} if accept else {}
    assert client.post("/api/v1/requests", json=request_payload(), headers=headers).status_code == 201
    _deliver_all(app, mailbox)
    (receipt,) = mailbox.by_event()
    assert subject in str(receipt["Subject"])
    assert receipt["Content-Language"] == language


def test_a_complaint_filed_in_english_is_answered_in_english(app, client, mailbox):
    r = client.post("/api/v1/complaints", json=complaint_payload("rahasia"), headers={"Accept-Language": "en"})
    assert r.status_code == 201, r.json
    _deliver_all(app, mailbox)
    (receipt,) = mailbox.by_event()
    assert receipt["Content-Language"] == "en"
    assert "Dear Reporter" in receipt.get_payload(decode=True).decode()
