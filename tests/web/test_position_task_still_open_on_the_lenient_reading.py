"""A task refused only once its deadline lapsed on every reading (``mustCompleteBeforeReading: lenient``) says, after
its strict end, what is still possible and until when, and when it ends by itself (walk of a dispute's decision,
finding 3; legal-process.md §2.2): the office's challenge of the Commission's decision may still be lodged until P14's
lenient end, and the position task ends after the office's last day (P14_AKHIR), though the page counts it late on
the strict reading.

Python's reading of existing rows: SQLite alone."""

import re

import time_machine
from sqlalchemy import select

from engine.models import Case, HumanTask
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: nothing new is stored
from tests.web.pages import text
from tests.web.test_dispute_clock_words import SUMMONED, office  # noqa: F401 - the office fixture
from tests.workflows.test_dispute_final_on_the_day_after_the_windows import _decided
from tests.workflows.test_sengketa_paths import wib


def _page(browser, office, ticket: str, locale: str = "id") -> str:  # noqa: F811 - the office fixture
    with office.sessions() as s:
        task = s.scalar(
            select(HumanTask.id).join(Case).where(Case.ticket == ticket, HumanTask.bpmn_id == "sikap_atas_putusan")
        )
    officer = browser("ppid")
    if locale == "en":
        officer.get(f"/bahasa/en?next=/tugas/{task}")
    return " ".join(re.sub(r"<[^>]+>", " ", text(officer.get(f"/tugas/{task}"))).split())


def test_after_the_strict_end_the_position_task_says_the_challenge_is_still_possible_until_the_lenient_end(
    browser,
    office,  # noqa: F811
):
    """The office received the decision Tue 2 Mar 2027: P14 ended Thu 25 Mar on the strict reading, ends Thu 1 Apr on
    the lenient one; the task ends by itself after Fri 2 Apr (P14_AKHIR). On Mon 29 Mar the task is late on the
    strict count, and the challenge still possible."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute = _decided(office, clock, "2027-03-02", "2027-03-01")
        clock.move_to(wib("2027-03-15", 9))
        in_time = _page(browser, office, dispute)
        clock.move_to(wib("2027-03-29", 9))
        office.run(dispute)
        indonesian = _page(browser, office, dispute)
        english = _page(browser, office, dispute, "en")
    assert "masih dapat dilakukan" not in in_time  # before the strict end: nothing to add to the due date
    assert "terlambat" in indonesian  # late on the strict count, as the due words say
    # Its badge is not "Overdue" (red): the office counts itself late only once the lenient end passed too (§2.2).
    # (The header's count of the unit's overdue tasks, before the breadcrumb, still counts it on the strict reading.)
    assert "Lewat menurut pembacaan paling awal" in indonesian
    assert "Melewati batas" not in indonesian.split(" › ", 1)[1]
    assert "Past on the earliest reading" in english
    assert "Overdue" not in english.split(" › ", 1)[1]
    assert (
        "“Mengajukan keberatan ke pengadilan” masih dapat dilakukan sampai 1 Apr 2027, 16:00 WIB (pembacaan paling"
        " akhir). Tugas berakhir sendiri setelah 2 Apr 2027, 16:00 WIB."
    ) in indonesian
    assert (
        "“Challenge it in court” is still possible until 1 Apr 2027, 16:00 WIB (latest reading). The task ends by"
        " itself after 2 Apr 2027, 16:00 WIB."
    ) in english
