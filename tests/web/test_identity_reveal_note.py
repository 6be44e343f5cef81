"""The reasons behind an identity reveal's decision are kept where their readers look (walk report: "the reasons
behind a reveal decision are lost"): the case page decides a reveal only with a note, lists each request's reason
and decision note to the complaint team, the case's history says what was asked and decided and why to its readers
(the complaint team and the auditors, who read both in the export already), and the e-mail to the one who asked says
where the note is."""

import html
import re
from datetime import UTC, datetime

import pytest
import time_machine

from notifications.rendering import render
from tests.conftest import complaint_payload
from tests.web.pages import text

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
REASON = "Pelapor perlu dipanggil sebagai saksi dalam pemeriksaan"
NOTE = "Keterangan tertulis pelapor sudah cukup untuk tahap ini"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def asked(client, login) -> tuple[str, int]:
    r = client.post(f"{API}/complaints", json=complaint_payload("whistleblower"))
    ticket = r.json["ticket"]
    r = client.post(f"{API}/complaints/{ticket}/reveal-requests", json={"reason": REASON}, headers=login("wbs"))
    assert r.status_code == 201, r.json
    return ticket, r.json["id"]


def status(client, login, ticket) -> str:
    return client.get(f"{API}/complaints/{ticket}/reveal-requests", headers=login("tim")).json["items"][0]["status"]


def timeline(page: str) -> str:
    return html.unescape(re.search(r'<table class="data timeline">.*?</table>', page, re.S)[0])


def reveals(page: str) -> str:
    return html.unescape(re.search(r'<ul class="reveals">.*?</ul>', page, re.S)[0])


def test_a_reveal_is_refused_on_the_case_page_only_with_a_note_kept_beside_its_field(client, login, browser):
    """'Tolak' was one click with no note: nothing said why the identity stayed sealed."""
    ticket, request_id = asked(client, login)
    manager = browser("wbs2")
    page = text(manager.get(f"/kasus/{ticket}"))
    field = f'id="reveal-note-{request_id}"'
    assert field in page
    assert 'name="note"' in page
    r = manager.post(f"/kasus/{ticket}/buka-identitas/{request_id}/tolak", {"note": "  "})
    assert r.status_code == 422
    page = text(r)
    assert f'<a href="#reveal-note-{request_id}">' in page  # the summary names the field
    assert f'id="reveal-note-{request_id}-error"' in page
    assert status(client, login, ticket) == "pending"  # nothing changed
    r = manager.post(f"/kasus/{ticket}/buka-identitas/{request_id}/tolak", {"note": NOTE})
    assert r.status_code == 303
    assert status(client, login, ticket) == "refused"


def test_the_reason_and_the_decision_note_are_on_the_case_page_and_in_its_history_to_their_readers(
    client, login, browser
):
    ticket, request_id = asked(client, login)
    r = client.post(
        f"{API}/complaints/{ticket}/reveal-requests/{request_id}/refuse", json={"note": NOTE}, headers=login("wbs2")
    )
    assert r.status_code == 200, r.json
    team = text(browser("tim").get(f"/kasus/{ticket}"))
    assert REASON in reveals(team)
    assert NOTE in reveals(team)
    for who, page in (("tim", team), ("auditor", text(browser("auditor").get(f"/kasus/{ticket}")))):
        history = timeline(page)
        requested = re.search(r'<tr class="event-reveal_requested">.*?</tr>', history, re.S)[0]
        refused = re.search(r'<tr class="event-reveal_refused">.*?</tr>', history, re.S)[0]
        assert REASON in requested, who
        assert "Wbs2" in refused, who
        assert NOTE in refused, who
    auditor = text(browser("auditor").get(f"/kasus/{ticket}"))
    assert 'class="reveals"' not in auditor  # the identity panel stays the complaint team's


@pytest.mark.parametrize("outcome", ["disetujui", "ditolak"])
def test_the_decision_mail_says_where_the_note_is(outcome):
    context = {"ticket": "ADU-1", "author": "Wbs2", "task_title": "-", "deadline": None, "outcome_label": outcome}
    _, body = render("reveal_decided", "id", context)
    assert "bagian Identitas pelapor" in body
    _, body = render("reveal_decided", "en", context)
    assert "under The reporter's identity" in body
