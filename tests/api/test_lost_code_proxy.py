"""A lost access code of a request filed through a proxy (walk report s41, finding 4): when the requester left no
contact a channel reaches (a phone, and no SMS gateway), the new code goes to the e-mail of the proxy in office, who
acts for the requester under the special power of attorney (legal-process.md §3.2), marked as sent to them as the
proxy; never to a proxy whose power has ended. Through a real SMTP sink."""

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import lost_codes
from engine.models import Case, Notification
from tests.api.test_request_proxy import PROXY
from tests.conftest import request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.delivery.test_partial_grant_walk import _send_outbox, _text, settings_overrides  # noqa: F401 - SMTP on

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
PROXY_MAIL = "rahmat.hidayat@advokat.example"
PHONE_ONLY = {k: v for k, v in request_payload()["requester"].items() if k != "email"}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _ask(app, ticket):
    with app.app_context():
        lost_codes.send_new_code(db.session, app.extensions["kawal_runtime"], ticket, "203.0.113.7")
        db.session.commit()


def _rows(app):
    with app.app_context():
        return db.session.scalars(select(Notification).where(Notification.event == lost_codes.EVENT)).all()


def test_a_requester_with_only_a_phone_gets_the_new_code_at_the_proxy_s_e_mail(app, settings, desk, mailbox, client):
    receipt = desk.submit(requester=PHONE_ONLY, delivery_method="langsung", kuasa={**PROXY, "email": PROXY_MAIL})
    _ask(app, receipt["ticket"])
    assert set(_send_outbox(app, settings, lost_codes.EVENT)) == {"sent"}
    (mail,) = [m for m in mailbox.messages if m["To"] == PROXY_MAIL]
    body = _text(mail)
    # The proxy's own mail, not a copy of a letter's: no "Tembusan:", and the line says why it reached them.
    assert not mail["Subject"].startswith(("Tembusan", "Copy"))
    assert "tembusan" not in body.lower()
    assert f"Anda menerima kode akses baru ini sebagai kuasa pemohon dalam permohonan {receipt['ticket']}." in body
    code = next(line.strip() for line in body.splitlines() if line.strip().count("-") >= 3 and " " not in line.strip())
    r = client.post(f"{API}/status", json={"ticket": receipt["ticket"], "access_code": code})
    assert r.status_code == 200, r.json  # the code the proxy got opens the case


def test_a_requester_reached_by_e_mail_gets_the_code_themselves_not_the_proxy(app, settings, desk, mailbox):
    receipt = desk.submit(kuasa={**PROXY, "email": PROXY_MAIL})
    _ask(app, receipt["ticket"])
    _send_outbox(app, settings, lost_codes.EVENT)
    assert [m["To"] for m in mailbox.messages] == [request_payload()["requester"]["email"]]


def test_a_proxy_without_an_e_mail_or_whose_power_ended_gets_nothing(app, desk, login, client):
    receipt = desk.submit(requester=PHONE_ONLY, delivery_method="langsung", kuasa=PROXY)  # no proxy e-mail
    _ask(app, receipt["ticket"])
    assert _rows(app) == []
    ended = desk.submit(requester=PHONE_ONLY, delivery_method="langsung", kuasa={**PROXY, "email": PROXY_MAIL})
    r = client.post(
        f"{API}/cases/{ended['ticket']}/proxy/revocation", json={"reason": "dicabut_pemohon"}, headers=login("petugas")
    )
    assert r.status_code in (200, 201), r.json
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ended["ticket"]))
        assert case is not None
    _ask(app, ended["ticket"])
    assert [r for r in _rows(app) if r.case_id == case.id] == []
