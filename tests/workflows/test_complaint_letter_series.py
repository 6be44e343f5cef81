"""A complaint's letters are numbered in the complaint unit's series, not the PPID's (engine.kinds: a complaint is the
complaint team's, never the PPID's).

A walker read on a complaint's receipt "Nomor: B-1/PPID/TTP/XII/2026": the ``{office}`` of the number pattern was the
PPID's code (KAWAL_OFFICE_CODE) on every letter. A complaint's letters (engine.letters.types: those with an
audience) put the complaint unit's code there once the office sets KAWAL_COMPLAINT_OFFICE_CODE; unset, the office's own
code, so an upgrade renumbers no series unasked (a reviewer: "PENGADUAN" by default replaced every office's agenda code
mid-year). A letter already issued keeps its sealed number, and the counter of its type runs on (one counter per
letter type, ``surat:<series>``), so no number is given twice.

Python's decisions and a walk that issues letters on SQLite alone: numbers are stored as before, no new query."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import select

from engine.config import load_settings
from engine.letters import numbering, types
from engine.models import Letter
from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: numbers stored as before
from tests.workflows.conftest import Office
from tests.workflows.test_letters import by_kind, letters, render_pending
from tests.workflows.test_pengaduan_paths import CATAT

RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
COMPLAINT_LETTERS = {code for code, kind in types.TYPES.items() if kind.audience is not None}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _settings(**env):
    return load_settings({"KAWAL_ENV": "test", "KAWAL_DATABASE_URL": "sqlite://", **env})


def test_unset_a_complaint_letter_keeps_the_office_s_code_and_nothing_is_renumbered():
    settings = _settings(KAWAL_OFFICE_CODE="Kw.13.1")
    assert settings.complaint_office_code == ""
    on = date(2027, 1, 11)
    for code in types.TYPES:
        assert "/Kw.13.1/" in numbering.format_number(settings, types.TYPES[code].series, 1, on), code


def test_a_complaint_letter_carries_the_complaint_unit_s_code_and_a_ppid_letter_the_ppid_s():
    settings = _settings(KAWAL_COMPLAINT_OFFICE_CODE="PENGADUAN")
    on = date(2027, 1, 11)
    assert numbering.format_number(settings, "TTP", 1, on) == "B-1/PENGADUAN/TTP/I/2027"
    assert numbering.format_number(settings, "TBP", 1, on) == "B-1/PPID/TBP/I/2027"
    for code in COMPLAINT_LETTERS:
        assert "/PENGADUAN/" in numbering.format_number(settings, types.TYPES[code].series, 1, on), code
    for code in set(types.TYPES) - COMPLAINT_LETTERS:
        assert "/PPID/" in numbering.format_number(settings, types.TYPES[code].series, 1, on), code


def test_an_office_sets_its_complaint_unit_s_code():
    settings = _settings(KAWAL_COMPLAINT_OFFICE_CODE="  Tim   Pengaduan ", KAWAL_OFFICE_CODE="Kw.13.1")
    on = date(2027, 1, 11)
    assert numbering.format_number(settings, "KLR", 3, on) == "B-3/Tim Pengaduan/KLR/I/2027"
    assert numbering.format_number(settings, "PT", 3, on) == "B-3/Kw.13.1/PT/I/2027"


def test_the_complaint_letters_series_never_share_a_code_with_the_ppid_s():
    """One counter per series: a complaint letter's number never repeats a PPID letter's, whatever the codes."""
    series = [t.series for t in types.TYPES.values()]
    assert len(series) == len(set(series))


def test_a_complaint_letter_issued_before_keeps_its_number_and_the_next_one_follows_it(settings, session_factory_):
    before = Office(session_factory_, Runtime(settings))  # unset: the office's code, as before the setting existed
    first, _code = before.complaint("rahasia")
    before.complete(first, "catat_pengaduan", CATAT)
    render_pending(before)
    office = Office(session_factory_, Runtime(_with(settings, "PENGADUAN")))  # the office then sets its code
    second, _code = office.complaint("rahasia")
    office.complete(second, "catat_pengaduan", CATAT)
    render_pending(office)
    assert by_kind(letters(office, first))["tanda_terima_pengaduan"].number == "B-1/PPID/TTP/I/2027"
    assert by_kind(letters(office, second))["tanda_terima_pengaduan"].number == "B-2/PENGADUAN/TTP/I/2027"
    with office.sessions() as s:
        numbers = s.scalars(select(Letter.number).where(Letter.locale == "id")).all()
    assert len(numbers) == len(set(numbers))


def _with(settings, code: str):
    return replace(settings, complaint_office_code=code)
