"""An objection is written to in the language it was filed in, as a request is (engine.languages).

The person who files an objection on the English portal chose English for it; the request it objects to keeps the
language it was filed in, which nobody changed. Its receipt mail and its letters (the objection's receipt) are in
English; the request's mails and letters stay Indonesian. A correction of the requester's language by the desk is
the requester's language for every case of the chain from then on."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine.letters.context import requester_locale
from engine.models import Case, Letter
from tests.api.test_chain_api import SUMMONS, decided
from tests.api.test_requester_correction import corrected
from tests.notifications.test_mail_words import send
from tests.web.pages import text

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
API = "/api/v1"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


@pytest.fixture
def settings_overrides(mailbox):
    return {"KAWAL_NOTIFY_CHANNELS": "smtp", "KAWAL_SMTP_HOST": "127.0.0.1", "KAWAL_SMTP_PORT": str(mailbox.port)}


def objected_in(browser, receipt, language: str) -> str:
    """An objection to ``receipt``'s request filed on the portal in ``language``: its ticket."""
    b = browser()
    b.get(f"/bahasa/{language}")
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
    return re.search(r'<dd class="secret">(KEB-2026-\d{6})</dd>', text(b.get("/publik/tanda-terima")))[1]


def written_in(app, ticket: str) -> str:
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        return requester_locale(app.extensions["kawal_runtime"], db.session, case)


def letter_languages(app, ticket: str, kind: str) -> set[str]:
    with app.app_context():
        rows = db.session.scalars(select(Letter.locale).join(Case).where(Case.ticket == ticket, Letter.kind == kind))
        return set(rows)


def test_an_objection_filed_in_english_is_written_to_in_english_and_its_request_keeps_its_language(
    app, settings, mailbox, browser, desk, login, client
):
    receipt = decided(desk)  # filed without a language: Indonesian, its mails sent
    send(app, settings, mailbox, "receipt")
    send(app, settings, mailbox, "decision_notice")
    objection = objected_in(browser, receipt, "en")

    [mail] = send(app, settings, mailbox, "objection_receipt")
    assert mail.language == "en"
    assert "Yth." not in mail.text
    assert "Pemohon" not in mail.subject
    desk.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    assert letter_languages(app, objection, "tanda_terima_keberatan") == {"id", "en"}  # the original and its copy
    assert written_in(app, objection) == "en"
    assert written_in(app, receipt["ticket"]) == "id"  # the request's own language was not changed
    assert letter_languages(app, receipt["ticket"], "pemberitahuan_tertulis") == {"id"}

    # The dispute the requester then brings follows the objection it is about.
    r = client.post(f"{API}/disputes", json={"perkara": objection, **SUMMONS}, headers=login("ppid"))
    assert r.status_code == 201, r.json
    assert written_in(app, r.json["ticket"]) == "en"

    # The desk corrects the requester's language on the objection: theirs on every case of the chain from then on.
    body = {**corrected(reason="kesalahan_pencatatan"), "locale": "id"}
    r = client.put(f"{API}/cases/{objection}/requester", json=body, headers=login("petugas"))
    assert r.status_code == 200, r.json
    assert r.json["changed"] == ["locale"]
    assert {written_in(app, ticket) for ticket in (receipt["ticket"], objection, r.json["cases"][-1])} == {"id"}


def test_an_objection_filed_in_the_request_s_own_language_records_none_of_its_own(app, browser, desk):
    receipt = decided(desk)
    objection = objected_in(browser, receipt, "id")
    assert written_in(app, objection) == "id"
    with app.app_context():
        details = db.session.scalar(select(Case.details).where(Case.ticket == objection))
    assert "locale" not in details  # nothing to say apart from the requester's own language


def test_a_correction_on_an_english_objection_that_leaves_the_language_as_shown_changes_no_case_s_language(
    app, browser, desk, login, client
):
    """The correction form on an objection filed in English shows English (the objection's own language): sent back
    with only the phone changed, it switched the requester's record, and so the request, to English unsaid."""
    receipt = decided(desk)
    objection = objected_in(browser, receipt, "en")
    body = {**corrected(reason="kesalahan_pencatatan", phone="081299990000"), "locale": "en"}
    r = client.put(f"{API}/cases/{objection}/requester", json=body, headers=login("petugas"))
    assert r.status_code == 200, r.json
    assert r.json["changed"] == ["phone"]
    assert written_in(app, receipt["ticket"]) == "id"
    assert written_in(app, objection) == "en"


def test_an_objection_without_a_request_recorded_by_the_desk_is_not_written_in_the_officer_s_language(
    app, client, login
):
    """The desk's own Accept-Language chose the requester's language (as it did for a request recorded at the desk):
    recorded by an officer, the objection is written to in Indonesian; filed by the requester, in theirs."""
    from tests.workflows.test_legal_requester_windows import OBJECTION_B

    english = {"Accept-Language": "en"}
    recorded = client.post(
        f"{API}/objections/without-request", json=OBJECTION_B, headers={**login("petugas"), **english}
    )
    assert recorded.status_code == 201, recorded.json
    assert written_in(app, recorded.json["ticket"]) == "id"
    own = client.post(f"{API}/objections/without-request", json=OBJECTION_B, headers=english)
    assert own.status_code == 201, own.json
    assert written_in(app, own.json["ticket"]) == "en"
