"""An English requester's mails say what is true, in plain English (a walk of an English requester's mails): the
decision was issued some working days before the deadline (which has not ended); a notice that states no fee cites
no fee rule "after payment" in its deadline block; the hand-over mail names the Request Registration Number as the
other mails do; a partial grant's decree is titled as it reads, "Rejecting the Request in Part", in the mail and on
the portal; the survey of a request is signed by the PPID, not by the complaint team. The Indonesian mails too.

On SQLite alone: what a mail says is Python's over rows either database returns alike; the outbox's rows and their
sending are proved on PostgreSQL by tests/delivery/test_partial_grant_walk.py and test_objection_receipt_mail.py."""

from datetime import UTC, datetime

import pytest
import time_machine

from notifications.rendering import render
from tests.api.test_letters_api import render_letters, to_notice
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a mail's words
from tests.delivery.conftest import walk_to_delivery
from tests.delivery.test_partial_grant_walk import _send_outbox, _text
from tests.smtp import mail_settings
from tests.web.pages import text
from tests.web.test_portal import open_case

PARTIAL_EN = "PPID Decision Rejecting the Request in Part"
PARTIAL_ID = "Surat Keputusan PPID tentang Penolakan Sebagian Permohonan Informasi"


@pytest.fixture
def settings_overrides(mailbox):
    return mail_settings(mailbox)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=True):
        yield


def _mail(mailbox, ticket: str, first_word: str):
    (mail,) = [
        m
        for m in mailbox.messages
        if ticket in " ".join(str(m["Subject"]).split()) and " ".join(str(m["Subject"]).split()).startswith(first_word)
    ]
    return mail


@pytest.mark.parametrize("locale", ["en", "id"])
def test_a_free_grant_s_decision_mail_counts_days_before_the_deadline_and_cites_no_fee(
    app, settings, desk, mailbox, locale
):
    ticket = walk_to_delivery(desk, locale=locale)["ticket"]
    render_letters(app)
    assert set(_send_outbox(app, settings, "decision_notice")) == {"sent"}
    body = _text(_mail(mailbox, ticket, "Written" if locale == "en" else "Pemberitahuan"))
    assert "before it ended" not in body
    if locale == "en":
        assert "working days before the deadline." in body
    else:
        assert "hari kerja sebelum batas waktunya." in body
    for fee_rule in ("2(3)", "after payment", "setelah pembayaran", "fees:", "biaya:"):
        assert fee_rule not in body, fee_rule
    assert ("Legal basis  : Law 14/2008 Article 22(7)" if locale == "en" else "Dasar hukum  : UU 14/2008") in body


@pytest.mark.parametrize("locale", ["en", "id"])
def test_the_hand_over_mail_names_the_request_registration_number(app, settings, desk, mailbox, locale):
    ticket = walk_to_delivery(desk, locale=locale)["ticket"]
    desk.complete(ticket, "penyerahan_informasi")
    assert set(_send_outbox(app, settings, "information_sent")) == {"sent"}
    body = _text(_mail(mailbox, ticket, "The" if locale == "en" else "Informasi"))
    if locale == "en":
        assert "request Registration Number" not in body
        assert f"public information request, Request Registration Number {ticket}: 1 file." in body
    else:
        assert f"permohonan informasi publik Anda dengan Nomor Pendaftaran {ticket} (1 berkas)" in body


def test_a_partial_grant_s_decree_is_titled_rejecting_in_part_in_the_mail_and_on_the_portal(
    app, settings, desk, mailbox, browser
):
    receipt = to_notice(desk, "dikabulkan_sebagian", locale="en")
    ticket = receipt["ticket"]
    desk.complete(ticket, "pemberitahuan_tertulis")
    render_letters(app)
    assert set(_send_outbox(app, settings, "decision_notice")) == {"sent"}
    body = _text(_mail(mailbox, ticket, "Written"))
    assert PARTIAL_EN in body
    assert "PPID Decision Rejecting the Request," not in body
    visitor = browser()
    visitor.get("/bahasa/en")
    assert PARTIAL_EN in text(open_case(visitor, ticket, receipt["access_code"]))
    indonesian = browser()
    indonesian.get("/bahasa/id")
    assert PARTIAL_ID in text(open_case(indonesian, ticket, receipt["access_code"]))


def test_a_refusal_s_decree_keeps_its_title(app, settings, desk, mailbox):
    ticket = to_notice(desk, "ditolak_dikecualikan", locale="en")["ticket"]
    desk.complete(ticket, "pemberitahuan_tertulis")
    render_letters(app)
    assert set(_send_outbox(app, settings, "decision_notice")) == {"sent"}
    body = _text(_mail(mailbox, ticket, "Written"))
    assert "PPID Decision Rejecting the Request, number" in body
    assert "in Part" not in body


@pytest.mark.parametrize(
    ("ticket", "en", "id_"),
    [
        ("PPID-2026-000123", "PPID (Information and Documentation Management Officer)", "PPID"),
        ("KEB-2026-000123", "PPID (Information and Documentation Management Officer)", "PPID"),
        ("ADU-2026-000123", "Complaint Handling Team", "Tim Pengelola Pengaduan"),
    ],
)
def test_the_survey_is_signed_by_who_handled_the_case(ticket, en, id_):
    context = {"ticket": ticket, "deadline": None, "portal_hint": "survey"}
    _, english = render("survey_invitation", "en", context)
    _, indonesian = render("survey_invitation", "id", context)
    assert english.rstrip().endswith(f"Thank you,\n{en}")
    assert indonesian.rstrip().endswith(f"Terima kasih,\n{id_}")
    assert ("Complaint" in english) == ticket.startswith("ADU")
