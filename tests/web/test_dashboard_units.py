"""The dashboard names a unit as the other pages do: "Kantor Wilayah (KANWIL)", never the bare code, in its tables
per unit (cases closed on time, the satisfaction index); answers kept without a unit are said to be so."""

import re

from sqlalchemy import select

from api.extensions import db
from engine import clock
from engine.models import Case, SurveyResponse
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import GRANT_PATH, decision


def rows_of(page: str, caption: str) -> list[str]:
    """The row headings of the dashboard's table with this caption."""
    table = re.search(rf"<caption>{re.escape(caption)}</caption>(.*?)</table>", page, re.S)
    assert table, f"no table {caption!r}"
    return re.findall(r'<th scope="row">([^<]*)</th>', table[1])


def test_the_dashboard_s_tables_per_unit_name_the_unit_not_its_code(app, desk, browser):
    ticket = desk.submit()["ticket"]
    for step in GRANT_PATH:
        desk.complete(ticket, step, decision("dikabulkan_seluruhnya") if step == "putuskan" else None)
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        assert case.closed_at is not None
        month = clock.now().astimezone(app.extensions["kawal_runtime"].calendars["strict"].tz).strftime("%Y-%m")
        scores = {f"u{i}": 4 for i in range(1, 10)}
        for unit in ["KANWIL"] * 5 + [None] * 5:
            db.session.add(SurveyResponse(month=month, kind=case.kind, unit_code=unit, **scores))
        db.session.commit()

    page = browser("ppid").get("/dasbor").get_data(as_text=True)
    assert rows_of(page, "Selesai tepat waktu dalam periode, menurut unit") == ["Kantor Wilayah (KANWIL)"]
    assert rows_of(page, "Indeks kepuasan menurut unit") == ["Kantor Wilayah (KANWIL)", "Tidak tercatat"]
    assert ">KANWIL<" not in page
