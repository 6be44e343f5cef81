"""A complaint's reporter changes where they are told of their report (engine.reporter_contact), with the ticket and
access code: the next message goes to the new address (a real SMTP sink), the history names the fields that
changed and never their values, the identity the team may read keeps the name, and an anonymous report has no
contact to change."""

import json

import pytest
from sqlalchemy import select

from api.extensions import db
from engine import former_contacts, reporter_contact
from engine.models import Notification
from tests.api.test_complaints_api import code, events, file_complaint
from tests.conftest import REPORTER_NAME
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.delivery.test_partial_grant_walk import _send_outbox, _text, settings_overrides  # noqa: F401 - SMTP on

API = "/api/v1"
NEW_EMAIL = "pelapor.baru@contoh.example"
OLD_EMAIL = "pelapor.rahasia@example.org"


def put(client, receipt, access_code=None, **contact):
    headers = {"X-Access-Code": access_code} if access_code is not None else code(receipt)
    return client.put(f"{API}/complaints/{receipt['ticket']}/contact", json=contact, headers=headers)


def test_a_changed_e_mail_receives_the_notice_and_the_team_s_next_question(
    app,
    client,
    login,
    settings,
    mailbox,
):
    receipt = file_complaint(client, "rahasia")
    _send_outbox(app, settings, "complaint_receipt")  # the receipt went to the address given at filing
    assert [m["To"] for m in mailbox.messages] == [OLD_EMAIL]
    r = put(client, receipt, email=NEW_EMAIL, phone="+62 811 0000 7777")
    assert r.status_code == 200, r.json
    assert r.json["changed"] == ["email"]
    with app.app_context():  # waiting to go, the former address is in its row only sealed
        rows = db.session.scalars(select(Notification).where(Notification.event == reporter_contact.EVENT)).all()
        assert sum(former_contacts.SEALED in row.context for row in rows) == 1
        assert OLD_EMAIL not in json.dumps([row.context for row in rows])
    _send_outbox(app, settings, reporter_contact.EVENT)
    notices = {m["To"]: _text(m).replace("\r\n", "\n") for m in mailbox.by_event("diubah")}
    assert set(notices) == {NEW_EMAIL, OLD_EMAIL}  # the new contact, and the one it replaced, once each
    for body in notices.values():
        assert "- alamat e-mail\n" in body
        assert NEW_EMAIL not in body  # its names, never the values
        assert REPORTER_NAME not in body
    assert "Pemberitahuan selanjutnya dikirim ke kontak ini." in notices[NEW_EMAIL]
    assert "kontak Anda yang lama, yang tidak lagi menerima pemberitahuan" in notices[OLD_EMAIL]
    assert "kembalikan kontak Anda" in notices[OLD_EMAIL]  # a stranger with the code is seen at the old address
    with app.app_context():  # the former address was sealed for that one message, and is gone once sent
        rows = db.session.scalars(select(Notification).where(Notification.event == reporter_contact.EVENT)).all()
        assert all(former_contacts.SEALED not in row.context for row in rows)
        assert OLD_EMAIL not in json.dumps([row.context for row in rows])
    asked = client.post(
        f"{API}/complaints/{receipt['ticket']}/messages", json={"body": "Mohon kirim bukti."}, headers=login("tim")
    )
    assert asked.status_code == 201, asked.json
    _send_outbox(app, settings, "complaint_question")
    assert mailbox.messages[-1]["To"] == NEW_EMAIL
    assert [m["To"] for m in mailbox.messages].count(OLD_EMAIL) == 2  # the receipt, and the notice of the change


def test_the_history_names_the_changed_fields_as_the_reporter_never_the_values(app, client, login):
    receipt = file_complaint(client, "rahasia")
    assert put(client, receipt, email=NEW_EMAIL).json["changed"] == ["email", "phone"]  # the phone left out: removed
    (event,) = events(app, receipt["ticket"], reporter_contact.EVENT)
    assert event == {"fields": ["email", "phone"], "actor": "pelapor"}
    identity = client.get(f"{API}/complaints/{receipt['ticket']}/reporter", headers=login("tim"))
    assert identity.status_code == 200, identity.json
    reporter = identity.json["reporter"]
    assert reporter["email"] == NEW_EMAIL
    assert reporter["name"] == REPORTER_NAME  # only the contact is the reporter's to change here
    assert "phone" not in reporter
    exported = client.get(f"{API}/audit/export", headers=login("auditor"))
    assert NEW_EMAIL not in exported.get_data(as_text=True)


def test_the_same_contact_sent_again_records_nothing(app, client):
    receipt = file_complaint(client, "whistleblower")
    r = put(client, receipt, email=OLD_EMAIL, phone="+62 811 0000 7777")
    assert r.status_code == 200, r.json
    assert r.json["changed"] == []
    assert events(app, receipt["ticket"], reporter_contact.EVENT) == []


def test_a_changed_language_is_recorded_and_the_notice_is_written_in_it(
    app,
    client,
    settings,
    mailbox,
):
    receipt = file_complaint(client, "rahasia")
    r = put(client, receipt, email=OLD_EMAIL, phone="+62 811 0000 7777", locale="en")
    assert r.json["changed"] == ["locale"]
    _send_outbox(app, settings, reporter_contact.EVENT)
    (notice,) = mailbox.by_event(receipt["ticket"])
    assert notice["Subject"] == f"Your contact for complaint {receipt['ticket']} was changed"
    assert "- language of the messages\n" in _text(notice).replace("\r\n", "\n")


@pytest.mark.parametrize(("contact", "field"), [({"email": "pelapor@@contoh"}, "email"), ({"phone": "nomor"}, "phone")])
def test_a_contact_the_complaint_form_would_refuse_is_refused_beside_its_field(client, unchanged, contact, field):
    receipt = file_complaint(client, "rahasia")
    with unchanged():
        r = put(client, receipt, **contact)
    assert r.status_code == 422, r.json
    assert field in r.json["errors"], r.json


def test_a_wrong_code_changes_nothing_and_counts(client, unchanged):
    receipt = file_complaint(client, "rahasia")
    r = put(client, receipt, access_code="AAAA-BBBB-CCCC-DDDD", email=NEW_EMAIL)
    assert r.status_code == 404, r.json
    assert NEW_EMAIL not in json.dumps(r.json)


def test_an_anonymous_report_has_no_contact_to_change(client, unchanged):
    receipt = file_complaint(client, "anonim")
    with unchanged():
        r = put(client, receipt, email=NEW_EMAIL)
    assert r.status_code == 404, r.json
    assert r.json["reason"] == "no_reporter_contact"


def test_a_request_s_requester_asks_the_desk_instead(client, desk):
    receipt = desk.submit()
    r = client.put(
        f"{API}/complaints/{receipt['ticket']}/contact",
        json={"email": NEW_EMAIL},
        headers={"X-Access-Code": receipt["access_code"]},
    )
    assert r.status_code == 404, r.json
