"""The team's messages to a reporter are named by what they are, in both languages: a message from the team is a
message, the evidence request a request for data or evidence; and the portal says "your answer" or "your answer and
evidence" by what the reporter sent. Every team message was "Question from the team" on the portal and "The
Officers' Question on Complaint …" in the mail, and a reply without a file was "your answer and evidence".
"""

import re

import pytest
import time_machine
from sqlalchemy import select

from engine import complaints, queries
from engine.models import Case
from tests.conftest import complaint_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import SAMPLE_PDF
from tests.notifications.staff import smtp_settings
from tests.notifications.test_mail_words import COMPLAINT_FILED, send
from tests.web.pages import text
from tests.web.test_portal import open_case
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import CATAT, KE_UNIT, LAYAK, QUESTION, TANGGAPAN_UNIT, clarification


@pytest.fixture
def settings_overrides(mailbox):
    return smtp_settings(mailbox, sender="pengaduan@kanwil.example")


@pytest.fixture
def clock():
    with time_machine.travel(COMPLAINT_FILED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _complaint(office, locale):
    with office.sessions.begin() as s:
        sub = complaints.submit_complaint(s, office.rt, complaint_payload("rahasia"), locale=locale)
        return sub.case.ticket, sub.access_code


def _write(office, ticket, body):
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        complaints.officer_message(s, office.rt, office.user(s, "tim"), case, body)


def _ask_for_evidence(office, ticket):
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", clarification("perlu_bukti_pelapor"))
    office.complete(ticket, "minta_bukti", {"pertanyaan": QUESTION})


def _headings(page: str) -> list[str]:
    section = page.split('id="messages-title"')[1]
    return [re.sub(r"<[^>]+>|\s+", " ", h).split("  ")[0].strip() for h in re.findall(r"<h3>(.*?)</h3>", section, re.S)]


def test_a_team_message_and_an_evidence_request_are_named_as_such_in_the_mail_and_on_the_portal(
    app, settings, mailbox, office, clock, browser
):
    clock.move_to(COMPLAINT_FILED)
    ticket, code = _complaint(office, None)
    office.complete(ticket, "catat_pengaduan", CATAT)
    _write(office, ticket, "Di loket mana pungutan itu diminta?")
    [message] = send(app, settings, mailbox, "complaint_question")
    assert message.subject == f"Pesan Tim Pengaduan atas Pengaduan {ticket}"
    assert "Tim pengaduan mengirim pesan kepada Anda" in message.text
    assert "pertanyaan" not in message.text.casefold()

    _ask_for_evidence(office, ticket)
    [asked] = send(app, settings, mailbox, "complaint_question")
    assert asked.subject == f"Permintaan Kelengkapan Data/Bukti atas Pengaduan {ticket}"

    reporter = browser()
    page = text(open_case(reporter, ticket, code))
    headings = _headings(page)
    assert headings[:2] == ["Pesan dari tim", "Permintaan kelengkapan data/bukti dari tim"]
    assert "Pertanyaan dari tim" not in page


def test_the_mails_are_worded_alike_in_english(app, settings, mailbox, office, clock, browser):
    clock.move_to(COMPLAINT_FILED)
    ticket, code = _complaint(office, "en")
    office.complete(ticket, "catat_pengaduan", CATAT)
    _write(office, ticket, "At which counter was the levy asked for?")
    [message] = send(app, settings, mailbox, "complaint_question")
    assert message.subject == f"A Message from the Complaint Team on Complaint {ticket}"
    assert "Question" not in message.subject
    _ask_for_evidence(office, ticket)
    [asked] = send(app, settings, mailbox, "complaint_question")
    assert asked.subject == f"Request for Supporting Evidence on Complaint {ticket}"
    reporter = browser()
    reporter.get("/bahasa/en")
    headings = _headings(text(open_case(reporter, ticket, code)))
    assert headings[:2] == ["Message from the team", "Request for evidence from the team"]


def _next_step(office, ticket):
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        return queries.public_status(s, case, "id", office.rt)["next_step"], queries.public_status(
            s, case, "en", office.rt
        )["next_step"]


def test_the_portal_says_answer_or_answer_and_evidence_by_what_the_reporter_sent(office, clock):
    clock.move_to(COMPLAINT_FILED)
    ticket, code = _complaint(office, None)
    office.complete(ticket, "catat_pengaduan", CATAT)
    _ask_for_evidence(office, ticket)
    office.reporter_reply(ticket, code, "Loketnya loket 2, saya tidak punya kuitansi.")
    said_id, said_en = _next_step(office, ticket)
    assert said_id.startswith("Jawaban Anda sudah kami terima;")
    assert said_en.startswith("We have received your answer;")
    assert "bukti" not in said_id.split(";")[0]

    ticket, code = _complaint(office, None)
    office.complete(ticket, "catat_pengaduan", CATAT)
    _ask_for_evidence(office, ticket)
    office.reporter_reply(ticket, code, "Kuitansi terlampir.", files=[("kuitansi.pdf", SAMPLE_PDF)])
    said_id, said_en = _next_step(office, ticket)
    assert said_id.startswith("Jawaban dan bukti Anda sudah kami terima;")
    assert said_en.startswith("We have received your answer and evidence;")
