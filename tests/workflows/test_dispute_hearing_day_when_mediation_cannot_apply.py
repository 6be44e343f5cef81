"""A first hearing recorded days later keeps its own day on the requester's timeline, also when the Commission ordered
a mediation that cannot settle a dispute on ground a alone (walk of a dispute's court stage, finding 12): the note
saying why no mediation follows is written between the hearing's message and the stages it moved, and the stages
read the hearing's day, not the day it was typed in (engine.queries: a stage moved by a message is reached on the day
the message gives).

Python's reading of existing events: SQLite alone."""

from datetime import date

from sqlalchemy import select

from engine import queries
from engine.models import Case
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a reading of existing events
from tests.workflows.test_sengketa_paths import _prepared, clock, wib  # noqa: F401 - the clock fixture


def test_the_hearing_s_day_stays_when_mediation_cannot_apply(office, clock):  # noqa: F811
    ticket = _prepared(office, ["a"])
    clock.move_to(wib("2027-01-22"))  # the hearing of Wed 20 Jan typed in on Friday
    heard = {"tanggal": "2027-01-20", "hasil": "dilanjutkan", "mediasi": True, "tanggal_mediasi": "2027-01-20"}
    office.message(ticket, "pemeriksaan_awal", heard)
    assert office.case(ticket).status == "ajudikasi"
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        shown = {m["name"]: m["on"] for m in queries.public_status(s, case, "id", office.rt)["milestones"]}
    assert shown["pemeriksaan_awal"] == date(2027, 1, 20)
    assert shown["ajudikasi"] == date(2027, 1, 20)
