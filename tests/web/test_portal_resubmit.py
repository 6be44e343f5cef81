"""A portal form sent again files nothing new: the requester gets the receipt of the first sending.

Each rendering of the request, objection and complaint forms carries a submission key; a successful
filing is remembered in the session for 30 minutes and on the server for a day
(api/web/portal/repeats.py). When the session does not know the key (the first answer, and the cookie
it set, never arrived), the server's record finds the case, which gets a new access code. A refused
form uses nothing up, and a form without a key (a page from before) is filed as it always was.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from api.extensions import db
from api.web.portal import repeats as portal_repeats
from engine import submissions
from engine.models import Case, CaseEvent
from tests.api.test_chain_api import decided
from tests.conftest import REPORTER_NIK
from tests.web.pages import text
from tests.web.test_portal import RECEIPT, complaint_form, request_form

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
KEY = re.compile(r'name="submission_key" value="([^"]+)"')
REPEATED = "Formulir ini sudah terkirim; berikut tanda terimanya."
REISSUED = "kasus ini mendapat kode akses baru"
TICKET = re.compile(r'<dd class="secret">([A-Z]+-\d{4}-\d{6})</dd>')


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


@pytest.fixture
def cases(app):
    """``cases()``: how many cases the database holds (requests, objections and complaints)."""

    def count() -> int:
        with app.app_context():
            return db.session.scalar(select(func.count()).select_from(Case))

    return count


def rendered_key(b, path) -> str:
    found = KEY.search(text(b.get(path)))
    assert found, f"{path} has no submission key"
    return found[1]


def send(b, path, form, key):
    return b.post(path, form | {"submission_key": key})


def receipt(b) -> str:
    shown = b.get("/publik/tanda-terima")
    assert shown.headers["Cache-Control"] == "no-store"
    return text(shown)


def sent_again_after_the_answer_was_lost(b, path, form, key):
    """Send the form, then send it again with the cookie from before: the first answer never arrived."""
    before = b.client.get_cookie("session").value
    assert send(b, path, form, key).status_code == 303
    b.client.set_cookie("session", before)
    assert send(b, path, form, key).status_code == 303
    return receipt(b)


def opens(browser, ticket, code) -> bool:
    """Whether the ticket and code open the case's status page (from another browser)."""
    looked_up = browser().post("/publik/status", {"ticket": ticket, "access_code": code})
    assert looked_up.status_code in (200, 404)
    return looked_up.status_code == 200


def history(app, ticket) -> list[CaseEvent]:
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        return list(db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)))


def ticket_and_code(page) -> tuple[str, str]:
    found = RECEIPT.search(page)
    assert found, page
    return found[1], found[2]


def objection_form(receipt_of_request, **overrides) -> dict:
    return {
        "ticket": receipt_of_request["ticket"],
        "access_code": receipt_of_request["access_code"],
        "alasan": ["a", "e"],
        "kasus_posisi": "Informasi ditolak tanpa uji konsekuensi yang layak",
    } | overrides


# --- an information request ----------------------------------------------------------------------


def test_a_request_form_sent_twice_files_one_case_and_shows_its_receipt_with_the_code_again(browser, cases):
    b = browser()
    key = rendered_key(b, "/publik/permohonan")
    assert send(b, "/publik/permohonan", request_form(), key).status_code == 303
    first = receipt(b)
    ticket, code = ticket_and_code(first)
    assert REPEATED not in first

    again = send(b, "/publik/permohonan", request_form(), key)
    assert again.status_code == 303
    assert again.headers["Location"].endswith("/publik/tanda-terima")
    second = receipt(b)
    assert ticket_and_code(second) == (ticket, code)
    assert REPEATED in second
    assert cases() == 1
    # The receipt of the repeat is shown once, like the first one.
    assert code not in text(b.get("/publik/tanda-terima"))


def test_two_renderings_of_the_request_form_file_two_cases(browser, cases):
    b = browser()
    first_key = rendered_key(b, "/publik/permohonan")
    second_key = rendered_key(b, "/publik/permohonan")
    assert first_key != second_key
    send(b, "/publik/permohonan", request_form(), first_key)
    first = ticket_and_code(receipt(b))
    send(b, "/publik/permohonan", request_form(information="Anggaran perjalanan dinas tahun 2026"), second_key)
    second = receipt(b)
    assert REPEATED not in second
    assert ticket_and_code(second)[0] != first[0]
    assert cases() == 2


def test_a_refused_request_form_does_not_use_up_its_key(browser, cases):
    b = browser()
    key = rendered_key(b, "/publik/permohonan")
    refused = send(b, "/publik/permohonan", request_form(information="pendek"), key)
    assert refused.status_code == 422
    assert f'name="submission_key" value="{key}"' in text(refused)  # the corrected form is the same sending
    assert send(b, "/publik/permohonan", request_form(), key).status_code == 303
    page = receipt(b)
    assert REPEATED not in page
    ticket_and_code(page)
    assert cases() == 1


def test_the_same_fields_sent_from_a_form_rendered_again_are_a_repeat(browser, cases):
    # Going back re-renders the no-store form with a new key, while the browser restores what was typed.
    b = browser()
    send(b, "/publik/permohonan", request_form(), rendered_key(b, "/publik/permohonan"))
    ticket, code = ticket_and_code(receipt(b))
    send(b, "/publik/permohonan", request_form(), rendered_key(b, "/publik/permohonan"))
    page = receipt(b)
    assert ticket_and_code(page) == (ticket, code)
    assert REPEATED in page
    assert cases() == 1


def test_a_request_form_without_a_key_is_filed_each_time_as_before(browser, cases):
    b = browser()
    b.get("/publik/permohonan")
    assert b.post("/publik/permohonan", request_form()).status_code == 303
    assert b.post("/publik/permohonan", request_form()).status_code == 303
    assert cases() == 2


def test_after_thirty_minutes_the_browser_has_forgotten_the_code_so_the_same_form_gets_the_case_a_new_one(
    browser, cases
):
    b = browser()
    key = rendered_key(b, "/publik/permohonan")
    send(b, "/publik/permohonan", request_form(), key)
    ticket, code = ticket_and_code(receipt(b))
    later = RECEIVED + timedelta(seconds=portal_repeats.REPEAT_WINDOW + 60)
    with time_machine.travel(later, tick=True):
        send(b, "/publik/permohonan", request_form(), key)
        page = receipt(b)
        assert REPEATED in page
        assert REISSUED in page
        assert ticket_and_code(page)[0] == ticket
        assert ticket_and_code(page)[1] != code
    assert cases() == 1


def test_after_a_day_the_same_form_files_a_new_case(browser, cases):
    b = browser()
    key = rendered_key(b, "/publik/permohonan")
    send(b, "/publik/permohonan", request_form(), key)
    ticket, code = ticket_and_code(receipt(b))
    with time_machine.travel(RECEIVED + submissions.WINDOW + timedelta(minutes=1), tick=True):
        b.get("/publik/permohonan")  # a fresh CSRF token: the page's own expired long ago
        send(b, "/publik/permohonan", request_form(), key)
        page = receipt(b)
        assert REPEATED not in page
        assert ticket_and_code(page)[0] != ticket
        assert opens(browser, ticket, code)  # the first case keeps its code
    assert cases() == 2


def test_closing_the_case_on_this_device_forgets_the_forms_sent_from_it(browser, cases):
    # On a shared computer the next person sending the form again must not take the case's code.
    b = browser()
    key = rendered_key(b, "/publik/permohonan")
    send(b, "/publik/permohonan", request_form(), key)
    ticket, code = ticket_and_code(receipt(b))
    b.post("/publik/status/tutup")
    send(b, "/publik/permohonan", request_form(), key)
    page = receipt(b)
    assert REPEATED not in page
    assert ticket_and_code(page)[0] != ticket
    assert opens(browser, ticket, code)
    assert cases() == 2


def test_the_session_keeps_neither_the_key_nor_the_fields_in_clear_and_only_a_few_filings(app, browser):
    b = browser()
    keys = []
    for number in range(portal_repeats.REPEATS_KEPT + 2):
        keys.append(rendered_key(b, "/publik/permohonan"))
        send(b, "/publik/permohonan", request_form(information=f"Dokumen anggaran nomor {number} tahun 2026"), keys[-1])
        receipt(b)
    cookie = b.client.get_cookie("session").value
    stored = app.session_interface.get_signing_serializer(app).loads(cookie)
    filings = stored[portal_repeats.FILINGS_KEY]
    assert len(filings) == portal_repeats.REPEATS_KEPT
    assert not any(key in repr(stored) for key in keys)
    assert "3171234507890001" not in repr(stored)  # the requester's NIK, typed in the form


def test_a_form_sent_again_after_its_answer_was_lost_files_one_case(app, browser, cases):
    b = browser()
    key = rendered_key(b, "/publik/permohonan")
    before = b.client.get_cookie("session").value
    send(b, "/publik/permohonan", request_form(), key)
    with app.app_context():  # the case was filed, but its receipt (with the code) never reached the phone
        first_code_was = db.session.scalar(select(Case.access_code_hash))
    b.client.set_cookie("session", before)  # the answer, and the cookie it set, never reached the phone
    send(b, "/publik/permohonan", request_form(), key)
    assert cases() == 1
    page = receipt(b)
    assert REPEATED in page
    assert REISSUED in page
    ticket, code = ticket_and_code(page)
    with app.app_context():
        assert db.session.scalar(select(Case.ticket)) == ticket
        assert db.session.scalar(select(Case.access_code_hash)) != first_code_was
    assert opens(browser, ticket, code)


def test_the_code_shown_first_stops_working_and_the_history_records_the_new_one_without_it(app, browser, cases):
    b = browser()
    key = rendered_key(b, "/publik/permohonan")
    send(b, "/publik/permohonan", request_form(), key)
    ticket, first_code = ticket_and_code(receipt(b))
    b.client.delete_cookie("session")  # as if the first answer had been lost: this browser knows nothing
    b.get("/publik/permohonan")  # a new session, with its own CSRF token; the form's key is the old one
    send(b, "/publik/permohonan", request_form(), key)
    again = receipt(b)
    assert ticket_and_code(again)[0] == ticket
    new_code = ticket_and_code(again)[1]
    assert new_code != first_code
    assert not opens(browser, ticket, first_code)
    assert opens(browser, ticket, new_code)
    assert cases() == 1
    reissued = [e for e in history(app, ticket) if e.type == "access_code_reissued"]
    assert [(e.actor, e.data) for e in reissued] == [("pemohon", {"reason": "form_sent_again", "for": ticket})]
    assert new_code not in repr([e.data for e in history(app, ticket)])


def test_after_a_new_code_the_same_browser_sending_again_gets_that_code_and_no_other(browser, cases):
    b = browser()
    key = rendered_key(b, "/publik/permohonan")
    ticket, code = ticket_and_code(sent_again_after_the_answer_was_lost(b, "/publik/permohonan", request_form(), key))
    send(b, "/publik/permohonan", request_form(), key)  # this time the answer arrived: the session knows it
    page = receipt(b)
    assert ticket_and_code(page) == (ticket, code)
    assert REISSUED not in page
    assert opens(browser, ticket, code)
    assert cases() == 1


def test_a_key_only_finds_a_case_filed_from_its_own_form(browser, cases):
    b = browser()
    key = rendered_key(b, "/publik/permohonan")
    send(b, "/publik/permohonan", request_form(), key)
    ticket, code = ticket_and_code(receipt(b))
    other = browser()
    other.get("/publik/pengaduan")
    send(other, "/publik/pengaduan", complaint_form("rahasia"), key)  # the request form's key, on another form
    page = receipt(other)
    assert REPEATED not in page
    assert ticket_and_code(page)[0].startswith("ADU-2026-")
    assert opens(browser, ticket, code)
    assert cases() == 2


def test_the_api_takes_no_submission_key(client, browser, cases):
    b = browser()
    key = rendered_key(b, "/publik/permohonan")
    send(b, "/publik/permohonan", request_form(), key)
    ticket, code = ticket_and_code(receipt(b))
    api_request = {
        "requester": {"name": "Ani Wijaya", "nik": "3171234507890001", "address": "Jl. Merdeka 1, Jakarta"},
        "requester_type": "perorangan",
        "information": "Daftar penerima beasiswa tahun 2026",
        "purpose": "Penelitian",
        "obtain_method": "salinan_softcopy",
        "delivery_method": "email",
    }
    refused = client.post("/api/v1/requests", json=api_request | {"submission_key": key})
    assert refused.status_code == 422
    assert "submission_key" in refused.json["errors"]
    assert opens(browser, ticket, code)
    assert cases() == 1


# --- a complaint ---------------------------------------------------------------------------------


def test_a_complaint_form_sent_twice_files_one_complaint(browser, cases):
    b = browser()
    key = rendered_key(b, "/publik/pengaduan")
    send(b, "/publik/pengaduan", complaint_form("rahasia"), key)
    ticket, code = ticket_and_code(receipt(b))
    assert ticket.startswith("ADU-2026-")
    assert send(b, "/publik/pengaduan", complaint_form("rahasia"), key).status_code == 303
    page = receipt(b)
    assert ticket_and_code(page) == (ticket, code)
    assert REPEATED in page
    assert REPORTER_NIK not in page
    assert cases() == 1


def test_a_complaint_sent_again_after_its_answer_was_lost_gets_a_new_code_not_a_second_complaint(app, browser, cases):
    b = browser()
    key = rendered_key(b, "/publik/pengaduan")
    page = sent_again_after_the_answer_was_lost(b, "/publik/pengaduan", complaint_form("whistleblower"), key)
    assert REPEATED in page
    assert REISSUED in page
    ticket, code = ticket_and_code(page)
    assert ticket.startswith("ADU-2026-")
    assert REPORTER_NIK not in page
    assert opens(browser, ticket, code)
    assert cases() == 1
    reissued = [e for e in history(app, ticket) if e.type == "access_code_reissued"]
    assert [e.actor for e in reissued] == ["pelapor"]
    assert code not in repr([e.data for e in history(app, ticket)])


def test_a_refused_complaint_form_does_not_use_up_its_key(browser, cases):
    b = browser()
    key = rendered_key(b, "/publik/pengaduan")
    no_identity = {k: v for k, v in complaint_form("rahasia").items() if not k.startswith("pelapor.")}
    refused = send(b, "/publik/pengaduan", no_identity, key)
    assert refused.status_code == 422
    assert f'name="submission_key" value="{key}"' in text(refused)
    send(b, "/publik/pengaduan", complaint_form("rahasia"), key)
    assert REPEATED not in receipt(b)
    assert cases() == 1


def test_two_renderings_of_the_complaint_form_file_two_complaints(browser, cases):
    b = browser()
    first_key, second_key = rendered_key(b, "/publik/pengaduan"), rendered_key(b, "/publik/pengaduan")
    send(b, "/publik/pengaduan", complaint_form("anonim"), first_key)
    receipt(b)
    send(b, "/publik/pengaduan", complaint_form("rahasia"), second_key)
    assert REPEATED not in receipt(b)
    assert cases() == 2


# --- an objection --------------------------------------------------------------------------------


def test_an_objection_form_sent_twice_files_one_objection(browser, desk, cases):
    filed = decided(desk)
    before = cases()
    b = browser()
    key = rendered_key(b, f"/publik/keberatan?tiket={filed['ticket']}")
    send(b, "/publik/keberatan", objection_form(filed), key)
    objection = TICKET.search(receipt(b))[1]
    assert objection.startswith("KEB-2026-")
    assert send(b, "/publik/keberatan", objection_form(filed), key).status_code == 303
    page = receipt(b)
    assert TICKET.search(page)[1] == objection
    assert REPEATED in page
    assert filed["access_code"] not in page  # the request's code is still not shown
    assert cases() == before + 1


def test_an_objection_sent_again_after_its_answer_was_lost_files_one_objection_and_keeps_the_code(
    app, browser, desk, cases
):
    filed = decided(desk)
    before = cases()
    b = browser()
    key = rendered_key(b, f"/publik/keberatan?tiket={filed['ticket']}")
    page = sent_again_after_the_answer_was_lost(b, "/publik/keberatan", objection_form(filed), key)
    assert REPEATED in page
    assert REISSUED not in page
    objection = TICKET.search(page)[1]
    assert objection.startswith("KEB-2026-")
    assert filed["access_code"] not in page
    assert cases() == before + 1
    # The objection opens with the request's code, which the requester typed: nothing was reissued.
    assert opens(browser, objection, filed["access_code"])
    assert opens(browser, filed["ticket"], filed["access_code"])
    assert not any(e.type == "access_code_reissued" for e in history(app, objection))


def test_an_objection_refused_for_a_wrong_code_does_not_use_up_its_key(browser, desk, cases):
    filed = decided(desk)
    before = cases()
    b = browser()
    key = rendered_key(b, "/publik/keberatan")
    refused = send(b, "/publik/keberatan", objection_form(filed, access_code="SALAH"), key)
    assert refused.status_code == 404
    assert f'name="submission_key" value="{key}"' in text(refused)
    assert send(b, "/publik/keberatan", objection_form(filed), key).status_code == 303
    page = receipt(b)
    assert REPEATED not in page
    assert TICKET.search(page)[1].startswith("KEB-2026-")
    assert cases() == before + 1
