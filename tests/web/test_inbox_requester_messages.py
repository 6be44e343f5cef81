"""A requester's message to the desk waits in the inbox until it is answered (engine.inbox_messages): a walker wrote
on a request from the portal and no officer heard of it. The notice mail reaches only officers with an e-mail
address; the inbox showed the requesters' corrections and no message, no mark on the case's row, and the task page
did not show it either.

Now the inbox of the front desk, the PPID and its superior (the readers of the messages, never a unit) lists each
message no one has answered, with its case, when it was written and a link to answer it; the case's tasks are marked;
the task page shows the message with its answer form, which comes back to the task; once answered, it leaves the
inbox. The box is one statement however many messages wait. On both databases: a new query over the messages.
"""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_inbox_pages import statements
from tests.conftest import (
    db_url,  # noqa: F401 - both databases again (tests/web/conftest.py: SQLite alone): the box's and marks' queries
    sqlite_only,
)
from tests.helpers import STEP
from tests.web.pages import text

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
BOX = "Pesan pemohon yang menunggu jawaban"
MARK = "pesan pemohon belum dijawab"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def written(client, receipt: dict, body: str = "Kapan permohonan saya diproses?") -> int:
    """The requester writes to the desk with the ticket and the access code: the message's id."""
    r = client.post(
        f"{API}/status/messages",
        json={"ticket": receipt["ticket"], "access_code": receipt["access_code"], "body": body},
    )
    assert r.status_code == 201, r.json
    return r.json["items"][-1]["id"]


def _box(page: str) -> str:
    start = page.find('aria-labelledby="requester-messages-box-title"')
    return page[start : page.index("</section>", start)] if start >= 0 else ""


def test_an_unanswered_message_waits_in_the_inbox_and_on_the_task_until_answered_there(desk, client, browser):
    receipt = desk.submit()
    ticket = receipt["ticket"]
    message_id = written(client, receipt)
    # The front desk, the PPID and its superior: the box names the case, when it was written, and where to answer.
    for who in ("petugas", "ppid", "atasan"):
        box = _box(text(browser(who).get("/kotak-masuk")))
        assert BOX in box, who
        assert f'href="/kasus/{ticket}#requester-message-{message_id}">{ticket}</a>' in box, who
        assert "ditulis 2 Des 2026" in box, who
        assert f'href="/kasus/{ticket}#desk-reply-{message_id}">Jawab' in box, who
        assert "Kapan permohonan" not in box, who  # the words are read on the case page
    # Never a unit's: it does not read the requester's words.
    assert BOX not in text(browser("unit").get("/kotak-masuk"))
    # The completeness task's row is marked, and its page shows the message with its answer form.
    petugas = browser("petugas")
    assert f"1 {MARK}" in text(petugas.get("/kotak-masuk"))
    task = desk.task(ticket, "periksa_kelengkapan")
    page = text(petugas.get(f"/tugas/{task['id']}"))
    assert "1 pesan pemohon yang menunggu jawaban" in page
    assert "Kapan permohonan saya diproses?" in page
    assert f'action="/kasus/{ticket}/pesan-pemohon/{message_id}/jawab"' in page
    # Answered from the task: the page comes back, and the message leaves the inbox, its mark and the task.
    r = petugas.post(
        f"/kasus/{ticket}/pesan-pemohon/{message_id}/jawab",
        {"body": "Permohonan Anda sedang diperiksa kelengkapannya.", "next": f"/tugas/{task['id']}"},
    )
    assert (r.status_code, r.location) == (303, f"/tugas/{task['id']}")
    page = text(petugas.get(f"/tugas/{task['id']}"))
    assert "menunggu jawaban" not in page
    inbox = text(petugas.get("/kotak-masuk"))
    assert BOX not in inbox
    assert MARK not in inbox


@sqlite_only  # who reads the messages is Python's decision, before any query
def test_a_unit_s_task_on_the_case_shows_no_message(desk, client, browser):
    """The unit asked for the information reads none of the requester's words, on its task or in its inbox."""
    receipt = desk.submit()
    ticket = receipt["ticket"]
    written(client, receipt, "Mohon dikirim segera.")
    for step in ("periksa_kelengkapan", "registrasi"):
        desk.complete(ticket, step)
    desk.complete(ticket, "proses_permohonan", STEP["proses_permohonan_unit"])
    unit_task = desk.task(ticket, "tanggapan_unit")
    unit = browser("unit")
    page = text(unit.get(f"/tugas/{unit_task['id']}"))
    assert "Mohon dikirim segera." not in page
    assert "menunggu jawaban" not in page
    assert MARK not in text(unit.get("/kotak-masuk"))


def test_the_box_and_the_marks_cost_the_same_statements_however_many_messages_wait(app, desk, client, browser):
    petugas = browser("petugas")
    first = desk.submit()
    written(client, first)
    petugas.get("/kotak-masuk")
    with statements(app) as few:
        page = text(petugas.get("/kotak-masuk"))
    assert page.count("#desk-reply-") == 1
    for _ in range(4):
        receipt = desk.submit()
        written(client, receipt)
        written(client, receipt, "Satu pertanyaan lagi.")
    with statements(app) as many:
        page = text(petugas.get("/kotak-masuk"))
    assert page.count("#desk-reply-") == 9
    assert page.count(MARK) == 5
    assert len(many) == len(few)
    assert sum("case_message" in s for s in many) == 2  # the box, and the page's marks


@sqlite_only  # the page's words
def test_the_case_page_says_the_messages_wait_in_the_inbox_not_only_that_the_desk_is_told(desk, client, browser):
    receipt = desk.submit()
    written(client, receipt)
    page = " ".join(text(browser("ppid").get(f"/kasus/{receipt['ticket']}")).split())
    assert "setiap pesan menunggu di kotak masuk petugas layanan, PPID, dan atasan PPID" in page
    assert "bila akunnya mempunyai alamat surel" in page
    assert "petugas layanan diberi tahu setiap pesan" not in page
