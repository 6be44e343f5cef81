"""A task no longer open says how its time stood when it closed, not still counting to today: the office's position
task that ended after its last day (walk of a dispute's court stage, finding 9) read "8 working days late" a week
later, counted to the day it was opened.

Python's reading of existing rows: SQLite alone."""

import time_machine
from sqlalchemy import select

from engine.models import Case, HumanTask
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: nothing new is stored
from tests.web.pages import text
from tests.web.test_dispute_clock_words import SUMMONED, office  # noqa: F401 - the office fixture
from tests.workflows.test_dispute_final_on_the_day_after_the_windows import _decided
from tests.workflows.test_sengketa_paths import wib


def _task_id(office, ticket: str, name: str) -> int:  # noqa: F811 - the fixture passed in
    with office.sessions() as s:
        return s.scalar(select(HumanTask.id).join(Case).where(Case.ticket == ticket, HumanTask.bpmn_id == name))


def _deadline_section(page: str) -> str:
    return page.split("Batas waktu", 1)[1].split("Selesaikan tugas", 1)[0]


def test_the_position_task_ended_by_its_last_day_keeps_the_lateness_it_had_when_it_ended(browser, office):  # noqa: F811
    """Received Tue 2 Mar 2027, P14 due Wed 24 Mar; the task ended when the case ran on Mon 5 Apr, after the office's
    last day (P14_AKHIR); read that day and again on Tue 13 Apr, the page says the lateness it had when it ended."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute = _decided(office, clock, "2027-03-02", "2027-03-01")
        clock.move_to(wib("2027-04-05", 9))
        office.run(dispute)
        task_id = _task_id(office, dispute, "sikap_atas_putusan")
        first = _deadline_section(text(browser("atasan").get(f"/tugas/{task_id}")))
        clock.move_to(wib("2027-04-13", 9))
        later = _deadline_section(text(browser("atasan").get(f"/tugas/{task_id}")))
    assert "terlambat" in first
    assert first == later  # frozen at the task's end, not counting to today
