"""The superior and a case still late after its escalation (issue 11, point 6), on both databases: the header
counts it, and the superior may assign the late task of the lane below."""

import re
from datetime import UTC, datetime

import time_machine

from tests.helpers import STEP
from tests.web.pages import text

RECEIVED = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)  # Mon 2 Nov 2026, 10:00 WIB: a letter by post
OPENED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # typed in a month later


def test_a_case_still_late_after_its_escalation_counts_and_its_late_task_can_be_assigned(desk, login, browser):
    with time_machine.travel(OPENED, tick=True):
        ticket = desk.submit(headers=login("petugas"), channel="pos", received_at=RECEIVED.isoformat())["ticket"]
        desk.complete(ticket, "eskalasi_t10", STEP["eskalasi"], username="atasan")
        late = desk.task(ticket, "periksa_kelengkapan")
        atasan = browser("atasan")
        page = text(atasan.get("/kotak-masuk"))
        assert re.search(r"Lewat batas: 1\b", page), re.findall(r"Lewat batas: \d+", page)
        assert f'action="/tugas/{late["id"]}/tugaskan"' in text(atasan.get(f"/tugas/{late['id']}"))
        r = atasan.post(f"/tugas/{late['id']}/tugaskan", {"username": "petugas2", "next": "/kotak-masuk"})
        assert r.status_code == 302
        assert desk.task(ticket, "periksa_kelengkapan")["assignee"] == "petugas2"
        # Someone with no say over the lane still cannot.
        other = browser("tim")
        assert other.get(f"/tugas/{late['id']}").status_code == 404


def test_the_escalation_names_the_task_that_is_held_up_with_whom_and_since_when(desk, login, browser):
    """The superior's escalation said the notice was late and not where the case stood: its page lists the case's
    other open tasks, each with who holds it (or which queue it waits in) and since when, linked to its page."""
    with time_machine.travel(OPENED, tick=True):
        ticket = desk.submit(headers=login("petugas"), channel="pos", received_at=RECEIVED.isoformat())["ticket"]
        late = desk.task(ticket, "periksa_kelengkapan")
        escalation = desk.task(ticket, "eskalasi_t10")
        atasan = browser("atasan")
        page = text(atasan.get(f"/tugas/{escalation['id']}"))
        assert "Di mana kasus ini tertahan" in page
        assert f'<a href="/tugas/{late["id"]}">Periksa kelengkapan permohonan</a>:' in page
        assert "menunggu di antrean Petugas layanan sejak 2 Des 2026, 10:00 WIB; jatuh tempo 16 Nov 2026" in page
        desk.client.post(f"/api/v1/tasks/{late['id']}/claim", headers=login("petugas"))
        page = text(atasan.get(f"/tugas/{escalation['id']}"))
        assert "dipegang Petugas sejak 2 Des 2026" in page
        assert "Di mana kasus ini tertahan" not in text(atasan.get(f"/tugas/{late['id']}"))
