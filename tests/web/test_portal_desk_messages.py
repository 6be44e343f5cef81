"""A requester writes to the desk from their case's page on the portal ("Kirim pesan ke petugas"): a request or an
objection, while it is open or while the requester's time to go further from it runs (engine.requester_messages).

The words are kept with the case (``CaseMessage``), read on the case page by the PPID's staff who read the
requester's identity, never in the history, the mail or the audit export; the front desk is told by e-mail.
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine.models import Case, CaseEvent, CaseMessage, Notification, User
from notifications import delivery
from notifications.channels import channels_from_settings
from tests.notifications.staff import smtp_settings
from tests.notifications.test_mail_words import Mail
from tests.web.pages import text
from tests.web.test_portal import complaint_form, open_case, receipt_of, request_form

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
WORDS = "Apakah data beasiswa tahun 2025 juga bisa <disertakan>? Terima kasih."
FORM_TITLE = "Kirim pesan ke petugas"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


@pytest.fixture
def settings_overrides(mailbox):
    return smtp_settings(mailbox)


def officers_have_mail(app, english=()) -> None:
    """Every officer has an address; those named in ``english`` read English."""
    with app.app_context():
        for user in db.session.scalars(select(User)):
            user.email = f"{user.username}@kanwil.example"
            user.locale = "en" if user.username in english else "id"
        db.session.commit()


def opened_request(browser):
    """A request filed on the portal and opened with its code in a browser: (browser, ticket, code)."""
    b = browser()
    ticket, code = receipt_of(b, "/publik/permohonan", request_form())
    assert open_case(b, ticket, code).status_code == 200
    return b, ticket, code


def write(b, ticket: str, body: str, **kwargs):
    return b.post("/publik/status/pesan", {"kasus": ticket, "body": body}, **kwargs)


def delivered(app, settings, mailbox, event: str) -> list[Mail]:
    """Send every pending mail of ``event`` (an officer without an e-mail address is skipped); what arrived."""
    before = len(mailbox.messages)
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        pending = select(Notification.id).where(Notification.event == event, Notification.status == "pending")
        for notification_id in db.session.scalars(pending).all():
            delivery.deliver(db.session, rt, channels_from_settings(settings), notification_id)
        db.session.remove()
    return [Mail(m) for m in mailbox.messages[before:]]


def stored(app, ticket: str) -> tuple[list[CaseMessage], list[CaseEvent], list[Notification]]:
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        messages = list(db.session.scalars(select(CaseMessage).where(CaseMessage.case_id == case.id)))
        events = list(
            db.session.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.type == "requester_message_received")
            )
        )
        notices = list(
            db.session.scalars(
                select(Notification).where(Notification.case_id == case.id, Notification.event == "requester_message")
            )
        )
        db.session.expunge_all()
        return messages, events, notices


def test_a_requester_s_message_is_kept_with_the_case_its_event_names_it_only_and_the_desk_is_told_by_mail(
    app, settings, mailbox, browser
):
    officers_have_mail(app, english=("petugas2",))
    b, ticket, _code = opened_request(browser)
    page = text(b.get("/publik/status"))
    assert FORM_TITLE in page
    assert 'maxlength="2000"' in page

    r = write(b, ticket, WORDS)
    assert r.status_code == 303
    assert r.headers["Location"].endswith(f"/publik/status?kasus={ticket}#desk-messages-title")

    [message], [event], notices = stored(app, ticket)
    assert (message.body, message.author, message.direction) == (WORDS, "pemohon", "from_reporter")
    assert event.actor == "pemohon"
    assert event.data == {"message_id": message.id, "chars": len(WORDS)}  # the words stay out of the history
    assert notices
    assert all(WORDS not in str(n.context) for n in notices)  # and out of the outbox

    mails = {m.to: m for m in delivered(app, settings, mailbox, "requester_message")}
    assert set(mails) == {"petugas@kanwil.example", "petugas2@kanwil.example"}  # the front desk, holding its task
    said = mails["petugas@kanwil.example"]
    assert said.subject == f"Pesan baru dari pemohon: {ticket}"
    assert f"Pemohon permohonan {ticket} mengirim pesan kepada petugas melalui portal." in said.text
    assert f"https://ppid.kanwil.example/kasus/{ticket}" in said.text
    english = mails["petugas2@kanwil.example"]
    assert english.subject == f"New message from the requester: {ticket}"
    assert f"The requester of request {ticket} wrote to the desk on the portal." in english.text
    for mail in mails.values():  # the mail says a message came, never what it says
        assert "beasiswa tahun 2025" not in mail.text


def test_the_portal_shows_the_requester_s_own_messages_in_its_messages_and_its_history(browser):
    b, ticket, _code = opened_request(browser)
    write(b, ticket, WORDS)
    page = text(b.get(f"/publik/status?kasus={ticket}"))
    assert "Pesan Anda telah dikirim kepada petugas." in page
    assert "Apakah data beasiswa tahun 2025 juga bisa &lt;disertakan&gt;? Terima kasih." in page  # escaped
    history = re.search(r'<ol class="milestones">(.*?)</ol>', page, re.S)[1]
    assert re.search(r'<a href="#desk-message-\d+">Anda mengirim pesan kepada petugas</a>', history)


def test_the_ppid_s_staff_read_the_message_on_the_case_page_and_its_timeline_an_auditor_does_not(browser):
    b, ticket, _code = opened_request(browser)
    write(b, ticket, WORDS)
    page = text(browser("petugas").get(f"/kasus/{ticket}"))
    section = re.search(r'<section aria-labelledby="requester-messages-title">(.*?)</section>', page, re.S)[1]
    assert "Pesan dari pemohon" in section
    assert "Apakah data beasiswa tahun 2025 juga bisa &lt;disertakan&gt;? Terima kasih." in section
    timeline = re.search(r'<table class="data timeline">(.*?)</table>', page, re.S)[1]
    assert "Pesan pemohon kepada petugas" in timeline
    assert "Pesannya ada di bagian Pesan dari pemohon." in timeline
    assert "beasiswa tahun 2025" not in timeline

    audited = text(browser("auditor").get(f"/kasus/{ticket}"))
    assert "Pesan pemohon kepada petugas" in audited  # the event, in the history the auditors read
    assert "beasiswa tahun 2025" not in audited  # the words, which may hold the requester's identity: not theirs
    assert 'id="requester-messages-title"' not in audited


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("   ", "tulis pesan Anda (paling banyak 2000 karakter)"),
        ("x" * 2001, "pesan Anda 2001 karakter: persingkat menjadi paling banyak 2000 karakter"),
    ],
)
def test_an_empty_or_too_long_message_is_refused_beside_its_field_keeping_what_was_typed(
    browser, unchanged, body, said
):
    b, ticket, _code = opened_request(browser)
    with unchanged():
        r = write(b, ticket, body)
    assert r.status_code == 422
    page = text(r)
    assert "Pesan Anda belum terkirim" in page  # the summary, linking the field
    assert '<a href="#reply-body">' in page
    assert said in page
    assert 'id="reply-body-error"' in page
    assert f"{body}</textarea>" in page


def test_a_line_break_counts_once_as_the_browser_counts_it_against_the_limit(app, browser):
    b, ticket, _code = opened_request(browser)
    body = ("a" * 999) + "\r\n" + ("b" * 1000)  # 2000 in the field, 2001 as sent
    assert write(b, ticket, body).status_code == 303
    [message], _events, _notices = stored(app, ticket)
    assert len(message.body) == 2000


def test_a_withdrawn_request_takes_no_message_and_its_page_says_why(browser, unchanged):
    """Withdrawn: closed, with no time to object opened; nothing the desk does on it can follow."""
    b, ticket, _code = opened_request(browser)
    r = b.post("/publik/status/cabut", {"kasus": ticket, "confirm": "yes"})
    assert r.status_code == 303
    page = text(b.get(f"/publik/status?kasus={ticket}"))
    assert FORM_TITLE not in page
    assert "Kasus ini sudah ditutup dan waktu Anda untuk menempuh langkah lanjutan sudah berakhir" in page
    with unchanged():
        r = write(b, ticket, WORDS)
    assert r.status_code == 303
    refused = text(b.get(r.headers["Location"]))
    assert "kantor tidak lagi menerima pesan untuk kasus ini" in refused


def test_a_refused_request_takes_messages_while_its_objection_window_runs_and_the_objection_once_filed(
    app, browser, desk
):
    from tests.api.test_chain_api import decided

    receipt = decided(desk)  # refused, its written notice given: closed, the time to object running
    b = browser()
    open_case(b, receipt["ticket"], receipt["access_code"])
    assert FORM_TITLE in text(b.get(f"/publik/status?kasus={receipt['ticket']}"))
    assert write(b, receipt["ticket"], "Mengapa ditolak?").status_code == 303
    assert len(stored(app, receipt["ticket"])[0]) == 1

    r = b.post(
        "/publik/keberatan",
        {
            "ticket": receipt["ticket"],
            "access_code": receipt["access_code"],
            "alasan": ["a"],
            "kasus_posisi": "Informasi ditolak tanpa uji konsekuensi yang layak",
        },
    )
    assert r.status_code == 303, text(r)
    objection = re.search(r'<dd class="secret">(KEB-2026-\d{6})</dd>', text(b.get("/publik/tanda-terima")))[1]
    # The request's way on is its objection now: the request takes no more, the objection does.
    open_case(b, receipt["ticket"], receipt["access_code"])
    request_page = text(b.get(f"/publik/status?kasus={receipt['ticket']}"))
    assert FORM_TITLE not in request_page
    # Not "your time has ended": the objection window still runs, and the objection's page takes the messages.
    assert "waktu Anda untuk menempuh langkah lanjutan sudah berakhir" not in request_page
    assert "tulis pesan Anda di halaman keberatan Anda." in request_page
    assert f'<a href="/publik/status?kasus={objection}">{objection}</a>' in request_page
    page = text(b.get(f"/publik/status?kasus={objection}"))
    assert FORM_TITLE in page
    assert write(b, objection, "Kapan keberatan saya diputus?").status_code == 303
    [message], [_event], _notices = stored(app, objection)
    assert message.body == "Kapan keberatan saya diputus?"


def test_a_complaint_keeps_its_own_conversation_and_gets_no_second_form(browser, unchanged):
    """A complaint's reporter writes to the team in its conversation (any mode, anonymous too); this form is not
    offered there, and a post to it writes nothing."""
    b = browser()
    ticket, code = receipt_of(b, "/publik/pengaduan", complaint_form("anonim"))
    page = text(open_case(b, ticket, code))
    assert "Tulis kepada tim pengaduan" in page
    assert FORM_TITLE not in page
    with unchanged():
        r = write(b, ticket, WORDS)
    assert r.status_code == 303
    assert "pesan kepada petugas ditulis di halaman permohonan atau keberatan" in text(b.get(r.headers["Location"]))


def test_writing_needs_the_case_opened_with_its_code_and_keeps_what_was_typed(browser, unchanged):
    b = browser()
    ticket, code = receipt_of(b, "/publik/permohonan", request_form())
    with unchanged():
        r = write(b, ticket, WORDS)  # filed here, never opened with the code in this browser
    assert r.status_code == 200
    page = text(r)
    assert "Pesan Anda tetap tersimpan" in page
    again = b.post("/publik/status", {"ticket": ticket, "access_code": code, "kept_body": WORDS})
    assert again.status_code == 200
    assert "juga bisa &lt;disertakan&gt;? Terima kasih.</textarea>" in text(again)  # back in the form, unsent


def test_the_form_without_its_csrf_token_writes_nothing(browser, unchanged):
    b, ticket, _code = opened_request(browser)
    with unchanged():
        r = write(b, ticket, WORDS, csrf=False)
    assert r.status_code == 400
    assert "Formulir ini sudah kedaluwarsa" in text(r)


def test_the_form_and_its_answers_speak_english_when_chosen(browser):
    b, ticket, _code = opened_request(browser)
    b.get("/bahasa/en")
    page = text(b.get(f"/publik/status?kasus={ticket}"))
    assert "Write to the desk" in page
    assert "Messages to the desk" in page
    refused = text(write(b, ticket, ""))
    assert "write your message (at most 2000 characters)" in refused
    assert "tulis pesan" not in refused
    r = write(b, ticket, WORDS)
    page = text(b.get(r.headers["Location"]))
    assert "Your message has been sent to the desk." in page
    assert "You wrote to the desk" in page


def test_a_unit_referred_the_request_neither_reads_the_messages_nor_is_told_of_them(app, browser, desk, login):
    """The requester's words may hold their identity, which a unit referred the case does not read
    (access.IDENTITY_READERS): the case page it opens has no messages section, and its officers are not mailed."""
    from engine import requester_messages
    from tests.api.test_access_matrix import API, PATH_TO

    receipt = desk.submit()
    tasks = desk.open_tasks(receipt["ticket"])
    for step, who, data in PATH_TO["tanggapan_unit"]:  # referred to the unit: its task open in its lane
        r = desk.client.post(f"{API}/tasks/{tasks[step]['id']}/complete", json={"data": data}, headers=login(who))
        assert r.status_code == 200, r.json
        tasks = {t["name"]: t for t in r.json["next_tasks"]}
    assert "tanggapan_unit" in tasks
    b = browser()
    open_case(b, receipt["ticket"], receipt["access_code"])
    assert write(b, receipt["ticket"], WORDS).status_code == 303

    unit_page = browser("unit").get(f"/kasus/{receipt['ticket']}")
    assert unit_page.status_code == 200  # the unit reads the case it was referred
    assert 'id="requester-messages-title"' not in text(unit_page)
    assert "beasiswa tahun 2025" not in text(unit_page)
    assert 'id="requester-messages-title"' in text(browser("petugas").get(f"/kasus/{receipt['ticket']}"))
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == receipt["ticket"]))
        unit = db.session.scalar(select(User).where(User.username == "unit"))
        desk_officer = db.session.scalar(select(User).where(User.username == "petugas"))
        told = requester_messages.recipients(db.session, case)
        assert unit.id not in told
        assert desk_officer.id in told
        _messages, _events, notices = stored(app, receipt["ticket"])
        assert unit.id not in {n.recipient_user_id for n in notices}
