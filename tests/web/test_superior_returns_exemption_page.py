"""The superior's determination page offers a way not to confirm the exemption (the walk found only a required
checkbox, "Lembar uji konsekuensi PPID telah diperiksa dan informasinya ditetapkan dikecualikan (wajib)", and no way
on for a superior who disagrees): a choice between determining it and returning it to the PPID, the reasons said to
be required when returning; posted from the page, a return opens the PPID's decision again with the reasons in its
instructions, and a return without reasons comes back beside the field. SQLite alone (tests/web/conftest.py)."""

import re

import pytest
import time_machine

from tests.helpers import decision
from tests.web.pages import text
from tests.web.test_conditional_required_marks import STEPS, _label
from tests.workflows.test_exemption_overturned import RECEIVED

REASONS = "Konsekuensi yang diuraikan PPID belum cukup untuk menutup daftar penerima."


@pytest.fixture(autouse=True)
def _on_the_day():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _determination_page(desk, browser):
    ticket = desk.submit()["ticket"]
    for step in STEPS:
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    desk.complete(ticket, "uji_konsekuensi")
    task = desk.task(ticket, "tetapkan_pengecualian")
    b = browser("atasan")
    return ticket, b, task["id"], text(b.get(f"/tugas/{task['id']}"))


def test_the_superior_may_return_the_exemption_to_the_ppid_from_the_page(desk, browser):
    ticket, b, task_id, page = _determination_page(desk, browser)
    assert "Tetapkan sebagai informasi yang dikecualikan" in page
    assert "Tidak menyetujui: kembalikan kepada PPID untuk diputuskan ulang" in page
    assert _label(page, "alasan_dikembalikan").startswith(
        "Alasan tidak menyetujui (disampaikan kepada PPID) (wajib bila"
    )

    refused = b.post(f"/tugas/{task_id}", {"penetapan": "dikembalikan"})
    assert refused.status_code == 422
    assert re.search(r'id="f-alasan_dikembalikan-error"', text(refused))
    assert "tetapkan_pengecualian" in desk.open_tasks(ticket)

    done = b.post(f"/tugas/{task_id}", {"penetapan": "dikembalikan", "alasan_dikembalikan": REASONS})
    assert done.status_code in (302, 303), text(done)
    decide = desk.task(ticket, "putuskan")
    ppid = browser("ppid")
    assert f"dengan alasan: {REASONS}" in text(ppid.get(f"/tugas/{decide['id']}"))
