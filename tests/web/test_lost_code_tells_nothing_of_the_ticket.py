"""The lost-code page and mail (/publik/kode-hilang; engine.lost_codes) tell a stranger nothing, and tell the
requester that someone asked.

Tickets are sequential: anyone may ask for the code of any of them, and the requester gets a mail (at most one a day
a ticket, tests/api/test_lost_code.py). A tester checked both ends. The page answers a request's ticket that exists,
one that does not and a text that is no ticket at all in the same words (a complaint's are proved in
tests/web/test_portal_lost_code_page.py); the requester's mail says a new code was asked for and that, if it was not
them, they need do nothing (their old code works on), and it holds nothing of the case or of whoever asked: no name,
no NIK, no subject, no address the request came from, not the old code.

On SQLite alone: the page's and the mail's words.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the page's and the mail's words
from tests.notifications.test_mail_words import send
from tests.web.pages import text

ASKER = "203.0.113.77"  # the asker's address (the test client's peer: environ_base)
SOMEONE_ASKED = "Kami menerima permintaan kode akses baru untuk permohonan Anda dengan nomor"
IGNORE_IF_NOT_YOU = "Bila bukan Anda yang meminta kode baru, Anda tidak perlu berbuat apa-apa: kode lama Anda tetap"


@pytest.fixture
def settings_overrides(mailbox):
    return {"KAWAL_NOTIFY_CHANNELS": "smtp", "KAWAL_SMTP_HOST": "127.0.0.1", "KAWAL_SMTP_PORT": str(mailbox.port)}


def _answer(b, ticket: str) -> str:
    b.get("/publik/kode-hilang")
    r = b.post("/publik/kode-hilang", {"ticket": ticket, "contact": ""}, environ_base={"REMOTE_ADDR": ASKER})
    assert r.status_code == 200, text(r)
    return re.search(r'<div class="notice code-sent" role="status">(.*?)</div>', text(r), re.S)[1]


def test_a_request_s_ticket_that_exists_one_that_does_not_and_no_ticket_get_the_same_answer(browser, desk):
    ticket = desk.submit()["ticket"]
    said = _answer(browser(), ticket)
    assert "Bila nomor tiket ini ada" in said
    for other in ("PPID-2026-999999", "bukan tiket"):  # one address asks five times an hour at most
        assert _answer(browser(), other) == said, other
    assert _answer(browser(), ticket.lower()) == said  # asked again the same day: no mail, the same answer


def test_the_requester_s_mail_says_someone_asked_and_to_ignore_it_and_holds_nothing_else(
    app, settings, mailbox, browser, desk
):
    filed = desk.submit()
    _answer(browser(), filed["ticket"])
    [mail] = send(app, settings, mailbox, "access_code_resent")
    assert mail.to == request_payload()["requester"]["email"]
    assert mail.subject == f"Kode akses baru untuk permohonan {filed['ticket']}"
    said = " ".join(mail.text.split())
    assert SOMEONE_ASKED in said
    assert IGNORE_IF_NOT_YOU in said
    requester = request_payload()
    for secret in (
        requester["requester"]["name"],
        requester["requester"]["nik"],
        requester["requester"]["phone"],
        requester["information"],
        ASKER,
        filed["access_code"],
    ):
        assert secret not in mail.text, secret
