"""An office's internal limit is never the case's lateness (engine.lateness.COORDINATION: a unit's time to answer,
UNIT; the complaint team's time to refer a complaint to the Inspectorate General, pengaduan.bpmn's ITJEN; a dispute's
preparation before the first hearing, sengketa_informasi.bpmn's PERSIAPAN).

A reviewer read the team's reminder and overdue mail for the new ITJEN limit saying "kewajiban hukum ... sudah
melewati batas waktunya, dan setiap hari tambahan tercatat sebagai keterlambatan" / "Keterlambatan tercatat pada
pengaduan": the templates treated UNIT alone as internal. They now switch on ``internal_limit``, which the renderer
gives from engine.lateness.COORDINATION, so every internal limit reads as internal, in both languages.

Python's decisions (wording) on SQLite alone: nothing is stored."""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from engine import lateness
from notifications.rendering import render
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: wording, nothing stored

LEGAL = re.compile(
    r"kewajiban hukum|tercatat sebagai keterlambatan|Keterlambatan tercatat|legal obligation|recorded as late"
    r"|delay is recorded|grounds for an objection"
)
INTERNAL = {"id": "batas internal kantor", "en": "internal limit of the office"}
INTERNAL_UNIT = {"id": "batas internal kantor", "en": "internal limit"}
TICKETS = {"ITJEN": "ADU-2027-000001", "UNIT": "ADU-2027-000001", "PERSIAPAN": "SKI/2027/000001"}


def _context(deadline: str, left: int) -> dict:
    return {
        "ticket": TICKETS[deadline],
        "deadline": deadline,
        "legal_basis": "Batas internal",
        "due_at": "2027-03-09T16:00+07:00",
        "working_days_left": left,
    }


def test_every_internal_limit_is_tested_here():
    assert set(TICKETS) == set(lateness.COORDINATION)


@pytest.mark.parametrize("deadline", sorted(TICKETS))
@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize(
    ("event", "left"), [("deadline_reminder", 1), ("deadline_reminder", -1), ("deadline_overdue", -1)]
)
def test_an_internal_limit_s_mail_never_speaks_of_the_case_s_legal_lateness(deadline, locale, event, left):
    with time_machine.travel(datetime(2027, 3, 10, 2, 0, tzinfo=UTC), tick=False):
        subject, body = render(event, locale, _context(deadline, left))
    assert not LEGAL.search(subject + body), (LEGAL.search(subject + body), body)
    if deadline == "UNIT" and event == "deadline_reminder":  # the unit's reminder speaks of the team waiting on it
        return
    assert (INTERNAL_UNIT if deadline == "UNIT" else INTERNAL)[locale] in body, body


@pytest.mark.parametrize("event", ["deadline_reminder", "deadline_overdue"])
def test_the_office_s_legal_clock_still_says_its_lateness_is_recorded(event):
    context = {**_context("ITJEN", -1), "deadline": "S60", "legal_basis": "Perpres 76/2013"}
    with time_machine.travel(datetime(2027, 3, 10, 2, 0, tzinfo=UTC), tick=False):
        _subject, body = render(event, "id", context)
    assert LEGAL.search(body), body
