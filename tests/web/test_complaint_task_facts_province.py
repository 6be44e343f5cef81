"""The province of the events (``provinsi_kejadian``, legal-process.md §7.2 stage 2: the case location's province)
is among the facts "recorded at an earlier step" on a complaint's later tasks, by its name: the unit's clarification
("Klarifikasi oleh unit"), as the unit and the team read it, and the memo to the Inspectorate General ("Kirim nota
dinas ke Inspektorat Jenderal").

A walker reported it blank on these two tasks though Jawa Timur (35) was chosen. Not reproduced: the walk's own
screenshots of both tasks show "Provinsi kejadian · Jawa Timur", and so do these pages on the walk's database; the
case page lists no field of the recording, and the walk's script printed an empty slice where it found no
"Provinsi" there. This guards the facts as the tasks show them.

Wording of a page over the same data: SQLite alone."""

import re

import pytest

from tests.api.test_complaint_documents import TO_PENDMAD
from tests.browser.journeys import ComplaintDesk
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a page's wording over stored data
from tests.workflows.test_pengaduan_paths import CATAT, KE_ITJEN

PROVINCE = re.compile(r"Provinsi kejadian</dt>\s*<dd[^>]*>\s*Jawa Timur\s*</dd>")


def _page(browser, who, task_id) -> str:
    page = browser(who).get(f"/tugas/{task_id}")
    assert page.status_code == 200, page.status_code
    return page.get_data(as_text=True)


@pytest.mark.parametrize(
    ("classified", "task", "readers"),
    [(TO_PENDMAD, "klarifikasi_unit", ("unitmad", "tim")), (KE_ITJEN, "rujukan_itjen", ("tim",))],
)
def test_the_province_of_the_events_shows_by_name_on_the_later_tasks(client, login, browser, classified, task, readers):
    assert CATAT["provinsi_kejadian"] == "35"
    complaint = ComplaintDesk(client, login, "rahasia")
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    complaint.complete("klasifikasi", classified)
    task_id = complaint.task(task)["id"]
    for who in readers:
        text = _page(browser, who, task_id)
        assert PROVINCE.search(text), re.findall(r"Provinsi kejadian.{0,200}", text, re.S)
