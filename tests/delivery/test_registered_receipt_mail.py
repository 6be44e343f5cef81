"""The registered receipt (Tanda Bukti Penerimaan, UU 14/2008 Pasal 22(4)-(5)) goes to the requester by e-mail when
the officer who registers the request says it was given by e-mail, with the letter itself: the Indonesian original,
which is the letter of record, and the English translation for an English requester (as the objection's and the
complaint's receipts are mailed). Given in person, by post or on the portal, no mail says it was sent.

On SQLite alone: whether a mail is written, and what it carries, are Python's over rows either database returns alike; a
receipt mailed with its letter through the outbox is proved on PostgreSQL by
tests/delivery/test_objection_receipt_mail.py.
"""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_letters_api import render_letters
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.delivery.test_partial_grant_walk import _send_outbox, _text
from tests.helpers import STEP
from tests.smtp import mail_settings

EVENT = "request_registered"


@pytest.fixture
def settings_overrides(mailbox):
    return mail_settings(mailbox)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=True):
        yield


def _registered(app, desk, how: str, **request) -> str:
    ticket = desk.submit(**request)["ticket"]
    desk.complete(ticket, "periksa_kelengkapan")
    desk.complete(ticket, "registrasi", {**STEP["registrasi"], "cara_kirim_tanda_bukti": how})
    render_letters(app)
    return ticket


def test_a_receipt_given_by_e_mail_is_mailed_with_both_copies_to_an_english_requester(app, settings, desk, mailbox):
    ticket = _registered(app, desk, "email", locale="en")
    assert set(_send_outbox(app, settings, EVENT)) == {"sent"}
    (mail,) = [m for m in mailbox.messages if ticket in " ".join(str(m["Subject"]).split())]
    subject = " ".join(str(mail["Subject"]).split())
    assert subject.startswith("Receipt")
    files = sorted(p.get_filename() for p in mail.walk() if p.get_content_type() == "application/pdf")
    assert len(files) == 2
    assert files[0].endswith(".en.pdf")
    assert files[1].endswith(".id.pdf")
    body = _text(mail)
    assert "Receipt of Information Request" in body
    assert "/PPID/TBP" in body
    assert "Indonesian original, the letter of record" in body
    assert mail["Content-Language"] == "en"


def test_an_indonesian_requester_is_mailed_the_original(app, settings, desk, mailbox):
    ticket = _registered(app, desk, "email")
    assert set(_send_outbox(app, settings, EVENT)) == {"sent"}
    (mail,) = [m for m in mailbox.messages if ticket in " ".join(str(m["Subject"]).split())]
    files = [p.get_filename() for p in mail.walk() if p.get_content_type() == "application/pdf"]
    assert len(files) == 1
    assert files[0].endswith(".id.pdf")
    assert "Tanda Bukti Penerimaan Permintaan Informasi Publik" in _text(mail)


@pytest.mark.parametrize("how", ["langsung", "pos", "web"])
def test_a_receipt_given_another_way_is_not_mailed(app, settings, desk, mailbox, how):
    _registered(app, desk, how, locale="en")
    assert _send_outbox(app, settings, EVENT) == []
