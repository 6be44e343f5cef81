"""The desk answers a requester's message in Kawal (engine.requester_messages.reply): under the message on the case
page, for the PPID's staff who read the requester's identity; by the API too, with the requester's message itself
(``POST /api/v1/status/messages``, ticket and access code).

The answer is kept with the case (``CaseMessage`` kind ``desk_reply``, its author the officer) in one transaction
with its event (``requester_message_answered``: its id and length only); it is checked as an officer's words to
someone outside are (engine.officer_text: no one's NIK, NIP, phone or e-mail); the requester is told by mail where to
read it, never what it says (as a complaint's reporter is of the team's message), and reads it under their message
on the portal, from "the desk", never by an officer's name.
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import requester_messages
from engine.errors import Forbidden
from engine.models import Case, CaseEvent, CaseMessage, Notification, User
from tests.notifications.staff import smtp_settings
from tests.web.pages import text
from tests.web.test_portal_desk_messages import WORDS, delivered, opened_request, write

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
OFFICE = "Telepon (021) 555-1234, ppid.layanan@kanwil.example"
NOT_IN_AN_ANSWER = "yang tidak dimuat dalam jawaban kepada pemohon"
ANSWER = "Data beasiswa tahun 2025 dapat disertakan; salinannya kami kirim bersama jawaban resmi."


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


@pytest.fixture
def settings_overrides(mailbox):
    return smtp_settings(mailbox) | {"KAWAL_OFFICE_CONTACT": OFFICE}


def _written(browser):
    """A request filed and opened on the portal, its requester's message written: (portal browser, ticket, code,
    the message's id)."""
    b, ticket, code = opened_request(browser)
    assert write(b, ticket, WORDS).status_code == 303
    return b, ticket, code, int(re.search(r'id="desk-message-(\d+)"', text(b.get("/publik/status")))[1])


def _answer(officer, ticket, message_id, body=ANSWER):
    officer.get(f"/kasus/{ticket}")  # the page, and its form's token
    return officer.post(f"/kasus/{ticket}/pesan-pemohon/{message_id}/jawab", {"body": body})


def _kept(app, ticket) -> tuple[list[CaseMessage], list[CaseEvent], list[Notification]]:
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        answers = list(
            db.session.scalars(
                select(CaseMessage).where(CaseMessage.case_id == case.id, CaseMessage.kind == "desk_reply")
            )
        )
        events = list(
            db.session.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.type == "requester_message_answered")
            )
        )
        notices = list(
            db.session.scalars(
                select(Notification).where(Notification.case_id == case.id, Notification.event == "desk_reply")
            )
        )
        db.session.expunge_all()
        return answers, events, notices


def test_the_desk_s_answer_is_kept_with_its_event_and_the_requester_is_mailed_where_to_read_it(
    app, settings, mailbox, browser
):
    _b, ticket, _code, message_id = _written(browser)
    officer = browser("petugas")
    page = text(officer.get(f"/kasus/{ticket}"))
    assert f'action="/kasus/{ticket}/pesan-pemohon/{message_id}/jawab"' in page
    assert "Jawab pemohon" in page

    r = _answer(officer, ticket, message_id)
    assert r.status_code == 303
    assert r.headers["Location"].endswith(f"/kasus/{ticket}#requester-message-{message_id}")

    [answer], [event], notices = _kept(app, ticket)
    assert (answer.body, answer.author, answer.reply_to_id) == (ANSWER, "petugas", message_id)
    assert (answer.direction, event.actor) == ("to_reporter", "petugas")
    assert event.data == {"message_id": answer.id, "chars": len(ANSWER)}  # the words stay out of the history
    assert notices
    assert all(ANSWER not in str(n.context) for n in notices)

    [mail] = delivered(app, settings, mailbox, "desk_reply")
    assert mail.to == "ani@example.org"
    assert mail.subject == f"Jawaban petugas atas pesan Anda: permohonan {ticket}"
    assert "Petugas PPID telah menjawab pesan yang Anda kirim melalui portal" in mail.text
    assert f"/publik/status?kasus={ticket}" in mail.text
    assert "beasiswa tahun 2025 dapat disertakan" not in mail.text  # where to read it, never what it says

    shown = text(officer.get(f"/kasus/{ticket}"))
    section = re.search(r'<section aria-labelledby="requester-messages-title">(.*?)</section>', shown, re.S)[1]
    assert ANSWER in section
    assert "Jawaban Petugas <span" in section  # the officers' page names who answered (its name on file)
    timeline = re.search(r'<table class="data timeline">(.*?)</table>', shown, re.S)[1]
    assert "Jawaban petugas kepada pemohon" in timeline
    assert "beasiswa tahun 2025 dapat" not in timeline


def test_the_requester_reads_the_answer_under_their_message_on_the_portal_from_the_desk(browser):
    b, ticket, _code, message_id = _written(browser)
    assert _answer(browser("ppid"), ticket, message_id).status_code == 303
    page = text(b.get(f"/publik/status?kasus={ticket}"))
    section = re.search(r'<section aria-labelledby="desk-messages-title"(.*?)</section>', page, re.S)[1]
    assert section.index(f'id="desk-message-{message_id}"') < section.index(ANSWER)
    assert re.findall(r"<h3>Jawaban ([^<]*)<span", section) == ["petugas "]  # "the desk", never the officer's name


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("   ", "Tulis pesan Anda (paling banyak 2000 karakter)"),
        ("x" * 2001, "Pesan Anda 2001 karakter: persingkat menjadi paling banyak 2000 karakter"),
        ("NIK pemohon 3171234507890001 sudah kami periksa.", f"Memuat data pribadi (NIK), {NOT_IN_AN_ANSWER}"),
        ("Hubungi Pak Budi di 0812-9876-5432.", f"Memuat data pribadi (nomor telepon), {NOT_IN_AN_ANSWER}"),
    ],
)
def test_an_empty_too_long_or_personal_answer_is_refused_beside_its_form_keeping_what_was_typed(
    browser, unchanged, body, said
):
    _b, ticket, _code, message_id = _written(browser)
    officer = browser("petugas")
    with unchanged():
        r = _answer(officer, ticket, message_id, body)
    assert r.status_code == 422
    page = text(r)
    assert f'<a href="#desk-reply-{message_id}">Jawab pemohon:' in page
    assert f'id="desk-reply-{message_id}-error"' in page
    error = re.search(rf'<p class="field-error" id="desk-reply-{message_id}-error">(.*?)</p>', page, re.S)[1]
    assert said in error, error
    assert f"{body}</textarea>" in page


def test_the_office_s_own_contact_may_be_given_in_the_answer(browser):
    _b, ticket, _code, message_id = _written(browser)
    said = "Silakan hubungi kami di 021-555-1234 atau ppid.layanan@kanwil.example."
    assert _answer(browser("petugas"), ticket, message_id, said).status_code == 303


def test_an_auditor_reads_no_message_and_cannot_answer_and_a_unit_officer_cannot_answer(app, browser, unchanged):
    _b, ticket, _code, message_id = _written(browser)
    auditor = browser("auditor")
    assert f"/pesan-pemohon/{message_id}/jawab" not in text(auditor.get(f"/kasus/{ticket}"))
    with unchanged():
        assert _answer(auditor, ticket, message_id).status_code == 403
    with app.app_context():  # a unit referred the case reads no requester's words, so answers none
        unit = db.session.scalar(select(User).where(User.username == "unit"))
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        assert not requester_messages.can_reply(unit, case)
        with pytest.raises(Forbidden):
            requester_messages.reply(db.session, app.extensions["kawal_runtime"], unit, case, message_id, ANSWER)
        db.session.rollback()


def test_an_answer_to_another_case_s_message_is_not_found(browser, unchanged):
    _b, ticket, _code, message_id = _written(browser)
    _b2, other, _code2, _other_id = _written(browser)
    with unchanged():
        assert _answer(browser("petugas"), other, message_id).status_code == 404
