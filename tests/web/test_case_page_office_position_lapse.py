"""What the lapse of the office's own windows to go to court (P14) and to the Supreme Court (K14) leads to, as the
officer's case page says beside each: on sengketa_informasi since version 5 the position task ends by itself once
the window has passed on every reading, and the decision stands as accepted; a case started on version 4 keeps its
task open (tests/workflows/fixtures/sengketa_informasi.v4.bpmn), and the officer must record the acceptance. The
page says what will happen to the case on its own version.

Python's reading of existing rows: SQLite alone."""

import dataclasses
import html
import shutil
from pathlib import Path

import time_machine

from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: nothing new is stored
from tests.web.pages import text
from tests.web.test_dispute_clock_words import SUMMONED, _at_cassation, _row, office  # noqa: F401 - the fixture
from tests.workflows.conftest import Office

FIXTURES = Path(__file__).parent.parent / "workflows" / "fixtures"


def _page(officer, dispute: str, lang: str) -> str:
    officer.get(f"/bahasa/{lang}?next=/kasus/{dispute}")
    return html.unescape(text(officer.get(f"/kasus/{dispute}")))


def test_the_office_s_position_windows_say_what_their_lapse_does_on_the_case_s_process_version(
    browser,
    office,  # noqa: F811 - the office fixture
    settings,
    session_factory_,
    tmp_path,
):
    """Both cases went to the court's judgment, accepted by the office each time: one started on version 4, one on
    the current version."""
    # The pages' runtime outlives each test's database: tests/conftest.py's app forgets the versions an earlier test's
    # database numbered like this test's version 4.
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(FIXTURES / "sengketa_informasi.v4.bpmn", workflows / "sengketa_informasi.bpmn")
    before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
    with time_machine.travel(SUMMONED, tick=True) as clock:
        old = _at_cassation(before, clock)
        clock.move_to(SUMMONED)
        new = _at_cassation(office, clock)
        officer = browser("ppid")
        pages = {(case, lang): _page(officer, case, lang) for case in (old, new) for lang in ("id", "en")}
    assert (
        "If it passes on every reading without a position: the office may no longer challenge the decision; record"
        " its acceptance so that the case goes on."
    ) in _row(pages[old, "en"], "P14")
    assert (
        "Bila lewat menurut setiap pembacaan tanpa sikap diambil: kantor tidak dapat lagi mengajukan kasasi; catat"
        " penerimaannya agar kasus berlanjut."
    ) in _row(pages[old, "id"], "K14")
    for name in ("P14", "K14"):
        assert "stands as accepted" not in _row(pages[old, "en"], name)
        assert "dianggap diterima" not in _row(pages[old, "id"], name)
        assert "record its acceptance" not in _row(pages[new, "en"], name)
    assert (
        "the office may no longer challenge the decision; it stands as accepted and becomes final once the applicant's"
        " time has passed too."
    ) in _row(pages[new, "en"], "P14")
    assert (
        "Bila lewat menurut setiap pembacaan tanpa sikap diambil: kantor tidak dapat lagi mengajukan kasasi; putusan"
        " dianggap diterima oleh kantor dan berkekuatan hukum tetap setelah jangka waktu Pemohon juga lewat."
    ) in _row(pages[new, "id"], "K14")
