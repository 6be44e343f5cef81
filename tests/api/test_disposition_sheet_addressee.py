"""A disposition sheet is addressed by the one rule of which unit a complaint's task disposes it to
(engine.referral.referred_to, the rule the case's facts and migration 0049 use too): the classification's unit when
the complaint is not oversight-relevant, none when it goes to the Inspectorate General (whatever unit the form still
holds), a re-referral's new unit; a copy addresses its original's unit.

On SQLite alone: the addressee is Python's rule (engine.referral.referred_to); the sheets' units stored and read back
are proved on PostgreSQL by tests/api/test_complaint_disposition.py (the migration addressing the sheets issued without
a unit).
"""

from sqlalchemy import select

from api.extensions import db
from engine.models import Case, Letter, Unit
from engine.referral import referred_to
from tests.api.test_complaint_disposition import AGAIN, INSTRUCTIONS, TO_PENDMAD, classified, referred_on
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)

SHEET = "lembar_disposisi"


def addressed(app, ticket: str) -> list[tuple[str | None, str | None]]:
    """Each sheet of the case in issue order: the task that issued it and the code of the unit it is addressed to."""
    with app.app_context():
        rows = db.session.execute(
            select(Letter.task, Unit.code)
            .join(Case, Case.id == Letter.case_id)
            .outerjoin(Unit, Unit.id == Letter.unit_id)
            .where(Case.ticket == ticket, Letter.kind == SHEET)
            .order_by(Letter.id)
        ).all()
    return [tuple(row) for row in rows]


def test_each_sheet_goes_to_the_unit_its_task_disposes_the_complaint_to(app, client, login):
    complaint, _first, _second = referred_on(client, login)
    assert addressed(app, complaint.ticket) == [
        ("klasifikasi", referred_to("klasifikasi", {**TO_PENDMAD, **INSTRUCTIONS})),
        ("disposisi_ulang", referred_to("disposisi_ulang", AGAIN)),
    ]
    assert [unit for _task, unit in addressed(app, complaint.ticket)] == ["PENDMAD", "KANWIL"]


def test_a_sheet_to_the_inspectorate_general_goes_to_no_unit_though_the_form_still_names_one(app, client, login):
    oversight = {"kode_masalah": "03", "kategori": "pungli", "berkadar_pengawasan": True, "unit_tujuan": "PENDMAD"}
    itjen = classified(client, login, oversight)
    assert addressed(app, itjen.ticket) == [("klasifikasi", None)]
    assert client.get(f"/api/v1/cases/{itjen.ticket}/letters", headers=login("unitmad")).status_code == 404
