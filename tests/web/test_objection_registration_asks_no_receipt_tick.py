"""The objection's registration does not ask the officer to confirm a receipt Kawal has not issued yet (Perki 1/2021
Pasal 41(3)-(4); legal-process.md §4.2: the copy of the objection form with its registration number is the receipt).

The walk found a required tick, "Salinan formulir keberatan diberikan kepada pemohon sebagai tanda terima", on a task
whose completion is what issues the Tanda Terima Keberatan (engine.letters.types: the registration's trigger): the
officer was asked to confirm what did not exist yet. As on the information request's registration
(tests/workflows/test_fee_and_registration_task_words.py), the task asks only how the requester gets the receipt and
says that Kawal issues it when the task is completed; the registration works through the API and the page, and the
requester's portal still tells how the receipt was given. An API client still sending the old tick is not refused:
the field stays in the file, marked ``x-not-asked`` (asked on no case), and its answer is dropped, not recorded.

On SQLite alone (tests/web/conftest.py): the form's checks and the pages' words are Python's.
"""

import html
import re

from engine.config import FORMS_DIR
from engine.forms import FormRegistry, for_case
from tests.api.test_chain_api import objected
from tests.web.pages import text
from tests.web.test_portal_objection_language import letter_languages

FORM = "keberatan_registrasi.json"
TICK = "salinan_formulir_diserahkan"


def test_the_form_asks_only_how_the_receipt_is_given():
    schema = for_case(FormRegistry(FORMS_DIR).schema(FORM), dict)  # as every objection's task offers it
    assert schema["required"] == ["cara_kirim_tanda_terima"]
    assert TICK not in schema["properties"]
    assert schema["x-not-asked"] == [TICK]  # retired, never asked: an old client's answer is dropped
    assert not any(node.get("const") is True for node in schema["properties"].values())  # no confirmation to tick


def test_the_page_registers_the_objection_without_a_tick_and_says_kawal_issues_the_receipt(app, desk, client, browser):
    _receipt, objection = objected(desk, client)
    ticket = objection["ticket"]
    task = desk.task(ticket, "registrasi_keberatan")
    b = browser("petugas")
    page = html.unescape(text(b.get(f"/tugas/{task['id']}")))
    assert f'name="{TICK}"' not in page
    assert "Kawal menerbitkan Tanda Terima Keberatan bernomor saat tugas ini diselesaikan" in page
    english = html.unescape(text(b.get(b.get(f"/bahasa/en?next=/tugas/{task['id']}").location)))
    assert "Kawal issues the numbered Objection Receipt (Tanda Terima Keberatan) when this task is completed" in english
    b.get("/bahasa/id")
    done = b.post(f"/tugas/{task['id']}", {"cara_kirim_tanda_terima": "langsung"})
    assert done.status_code in (302, 303), text(done)
    assert "susun_kronologi" in desk.open_tasks(ticket)
    assert letter_languages(app, ticket, "tanda_terima_keberatan")  # issued on completion


def test_the_api_registers_the_objection_without_a_tick(desk, client):
    _receipt, objection = objected(desk, client)
    ticket = objection["ticket"]
    desk.complete(ticket, "registrasi_keberatan", {"cara_kirim_tanda_terima": "langsung"})
    assert "susun_kronologi" in desk.open_tasks(ticket)


def test_an_api_client_still_sending_the_old_tick_registers_and_the_tick_is_not_recorded(desk, client, login):
    """The old body (the tick, const true and required before) is neither refused (422 field_unknown) nor kept:
    the field is marked ``x-not-asked`` (engine.forms.for_case), so its answer is dropped like any the case does
    not ask."""
    _receipt, objection = objected(desk, client)
    ticket = objection["ticket"]
    task = desk.task(ticket, "registrasi_keberatan")
    detail = client.get(f"/api/v1/tasks/{task['id']}", headers=login("petugas")).json
    assert TICK not in detail["form_schema"]["properties"]
    desk.complete(ticket, "registrasi_keberatan", {TICK: True, "cara_kirim_tanda_terima": "langsung"})
    assert "susun_kronologi" in desk.open_tasks(ticket)
    events = client.get(f"/api/v1/cases/{ticket}/events", headers=login("atasan")).json["items"]
    (done,) = [e for e in events if e["type"] == "task_completed" and e["data"]["task"] == "registrasi_keberatan"]
    assert TICK not in done["data"]["data"]
    assert done["data"]["data"]["cara_kirim_tanda_terima"] in ("langsung", ["langsung"])


def test_the_portal_still_says_the_copy_of_the_form_was_given_as_its_receipt(desk, client, browser):
    receipt, objection = objected(desk, client)
    desk.complete(objection["ticket"], "registrasi_keberatan", {"cara_kirim_tanda_terima": "langsung"})
    requester = browser()
    page = html.unescape(
        text(requester.post("/publik/status", {"ticket": objection["ticket"], "access_code": receipt["access_code"]}))
    )
    said = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Salinan formulir keberatan Anda telah diberikan kepada Anda sebagai tanda terimanya." in said
    assert "Tanda terima diserahkan langsung kepada Anda." in said
