"""The "Waiting on others" list asks for the team's confirmation of a lapsed evidence window from the day after the
window's last day, the first date the confirmation may carry (legal-process.md §2.2, §7.4; engine.casework
check_event_dates, allowed_after BUKTI).

The reporter's window (BUKTI) ends at 16:00 WIB on its last day, and the list marks the complaint for confirmation from
then; but the last day is still the reporter's, and a confirmation dated on it is refused. The row said "berakhir
<last day> — konfirmasikan" that evening, sending the officer to a form that refuses today's date. It says from which
day to confirm (the next), on the page in both languages and in ``GET /api/v1/waiting-cases`` (``confirm_from``).
"""

from datetime import timedelta

import pytest
import time_machine

from tests.api.test_waiting_lapses_to_confirm import day_of
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a list's wording of a stored clock
from tests.web.pages import text
from tests.web.test_complaint_lapse_pages import short_day
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import RECEIVED, _awaiting_evidence

API = "/api/v1"


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def test_the_waiting_list_asks_for_the_confirmation_from_the_day_after_the_window_s_last_day(
    office, clock, browser, client, login
):
    ticket, _code = _awaiting_evidence(office)
    ended = office.deadline(ticket, "BUKTI").due_at  # 16:00 WIB on its last day, on the latest reading
    clock.move_to(ended + timedelta(hours=1))  # that evening: listed to confirm, its day still the reporter's
    office.run(ticket)
    team = browser("tim")
    row = text(team.get("/kotak-masuk/menunggu")).split(f">{ticket}</a>", 1)[1].split("</tr>", 1)[0]
    next_day = ended + timedelta(days=1)
    assert (
        f"Jangka waktu pengiriman bukti oleh pelapor berakhir {short_day(ended)} — konfirmasikan mulai"
        f" {short_day(next_day)}" in row
    )
    team.get("/bahasa/en")
    row = text(team.get("/kotak-masuk/menunggu")).split(f">{ticket}</a>", 1)[1].split("</tr>", 1)[0]
    assert (
        f"The reporter's evidence period ended {short_day(ended, 'en')} — confirm it from"
        f" {short_day(next_day, 'en')}" in row
    )
    [item] = client.get(f"{API}/waiting-cases", headers=login("tim")).json["items"]
    assert (item["to_confirm"]["ended_on"], item["to_confirm"]["confirm_from"]) == (day_of(ended), day_of(next_day))
