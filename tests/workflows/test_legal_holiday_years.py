"""Issue 13, point 10: holiday years are a rule the product keeps, not a test that reads today's date.

A deadline that reaches into a year whose cuti bersama neither the ``holidays`` package (0.109: up to
2027) nor the admin confirmed is flagged on its case and raises one incident for the admin; the admin
confirms the year (``kawal calendar confirm 2028``, or the admin API) after entering the SKB's days.
Dates the package marks as estimated ("perkiraan") are shown as estimated to requesters until their
year is confirmed.
"""

from datetime import UTC, date, datetime

import pytest
import time_machine
from click.testing import CliRunner
from sqlalchemy import select

from api.cli import main
from engine import holiday_years, holidays, queries
from engine.errors import Conflict, Invalid
from engine.models import Case, CaseEvent, Incident
from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)

# Mon 20 Dec 2027, 10:00 WIB.
DECEMBER_2027 = datetime(2027, 12, 20, 3, 0, tzinfo=UTC)
# Fri 5 Mar 2027, 10:00 WIB: the T10 count crosses Idul Fitri 2027, which the package only estimates.
MARCH_2027 = datetime(2027, 3, 5, 3, 0, tzinfo=UTC)


def _incidents(office):
    with office.sessions() as s:
        return [(i.subject, i.resolved_by) for i in s.scalars(select(Incident).order_by(Incident.id))]


def _events(office, ticket, kind):
    with office.sessions() as s:
        return [
            e.data
            for e in s.scalars(
                select(CaseEvent).join(Case).where(Case.ticket == ticket, CaseEvent.type == kind).order_by(CaseEvent.id)
            )
        ]


def _warnings(office, ticket):
    with office.sessions() as s:
        return holiday_years.case_warnings(s, s.scalar(select(Case).where(Case.ticket == ticket)))


def test_a_deadline_reaching_into_a_year_nobody_confirmed_is_flagged_and_raises_one_incident(office):
    """T10 of a request received Mon 20 Dec 2027, 10:00 WIB, on the strict reading: day zero Mon 20 Dec;
    Tue 21 (1), Wed 22 (2), Thu 23 (3), Fri 24 (4; Cuti Bersama Natal counts on this reading), Mon 27 (5),
    Tue 28 (6), Wed 29 (7), Thu 30 (8), Fri 31 (9); Sat 1 Jan 2028 Tahun Baru; Mon 3 Jan 2028 (10).
    The package lists no cuti bersama for 2028 and nobody confirmed 2028: flagged, one incident."""
    with time_machine.travel(DECEMBER_2027, tick=True):
        first = office.submit()
        second = office.submit()
    t10 = office.deadline(first, "T10")
    assert t10.due_at == datetime(2028, 1, 3, 9, 0, tzinfo=UTC)
    assert t10.provenance["unconfirmed_years"] == [2028]
    assert _events(office, first, "calendar_year_unconfirmed") == [{"deadline": "T10", "years": [2028]}]
    assert _warnings(office, first) == _warnings(office, second) == [2028]
    assert _incidents(office) == [("calendar:2028", None)]  # once, not once per case


def test_a_deadline_within_years_the_package_lists_is_not_flagged(office):
    """A request received Fri 5 Mar 2027 has T10 on Wed 24 Mar 2027: 2027's cuti bersama are in the package."""
    with time_machine.travel(MARCH_2027, tick=True):
        ticket = office.submit()
    assert "unconfirmed_years" not in office.deadline(ticket, "T10").provenance
    assert _warnings(office, ticket) == []
    assert _incidents(office) == []


def test_the_admin_confirms_a_year_only_after_entering_its_days_then_flag_and_incident_go(office):
    with time_machine.travel(DECEMBER_2027, tick=True):
        ticket = office.submit()
        with office.sessions.begin() as s, pytest.raises(Invalid) as refused:
            holiday_years.confirm_year(s, 2028, "admin")
        assert "year" in refused.value.fields
        with office.sessions.begin() as s:
            holidays.add_override(
                s, office.rt, day=date(2028, 2, 25), reason="Cuti bersama Idul Fitri (SKB 2028)", actor="admin"
            )
            holiday_years.confirm_year(s, 2028, "admin", "SKB 3 Menteri 2028")
        with office.sessions.begin() as s, pytest.raises(Conflict):
            holiday_years.confirm_year(s, 2028, "admin")
    assert _incidents(office) == [("calendar:2028", "admin")]
    assert _warnings(office, ticket) == []
    assert _events(office, ticket, "calendar_year_confirmed") == [{"year": 2028}]
    with office.sessions() as s:
        view = holiday_years.year_view(s, 2028)
    assert (view["confirmed"], view["confirmed_by"], view["note"]) == (True, "admin", "SKB 3 Menteri 2028")


def test_estimated_holiday_dates_are_shown_as_estimated_to_requesters_until_the_year_is_confirmed(office):
    """T10 of a request received Fri 5 Mar 2027, 10:00 WIB, strict: day zero Fri 5 Mar; Mon 8 Nyepi;
    Tue 9 (1; a cuti bersama counts on this reading); Wed 10 and Thu 11 Idul Fitri, which the package
    gives as "(perkiraan)"; Fri 12 (2), Mon 15 (3), Tue 16 (4), Wed 17 (5), Thu 18 (6), Fri 19 (7),
    Mon 22 (8), Tue 23 (9), Wed 24 Mar 2027 (10)."""
    with time_machine.travel(MARCH_2027, tick=True):
        ticket = office.submit()

        def explanation(locale):
            with office.sessions() as s:
                case = s.scalar(select(Case).where(Case.ticket == ticket))
                return queries.public_status(s, case, locale)["due_explanation"]

        assert office.deadline(ticket, "T10").due_at == datetime(2027, 3, 24, 9, 0, tzinfo=UTC)
        assert (
            "2027-03-10 (Hari Raya Idul Fitri (perkiraan); tanggal perkiraan, belum dikonfirmasi SKB)"
            in explanation("id")
        )
        assert "estimated date, not yet confirmed by the joint ministerial decree (SKB)" in explanation("en")
        with office.sessions.begin() as s:
            holiday_years.confirm_year(s, 2027, "admin", "SKB 2027")
        assert "2027-03-10 (Hari Raya Idul Fitri)" in explanation("id")
        assert "perkiraan" not in explanation("id")


@pytest.fixture
def kawal(db_url, monkeypatch):  # noqa: F811 - db_url: the fixture imported above
    monkeypatch.setenv("KAWAL_DATABASE_URL", db_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args))


def test_kawal_calendar_confirm_2028_after_entering_the_skb_days(kawal, settings, session_factory_):
    refused = kawal("calendar", "confirm", "2028")
    assert refused.exit_code != 0
    assert "override table first" in refused.output
    with time_machine.travel(DECEMBER_2027, tick=True), session_factory_.begin() as s:
        holidays.add_override(s, Runtime(settings), day=date(2028, 2, 25), reason="SKB 2028", actor="admin")
    done = kawal("calendar", "confirm", "2028", "--note", "SKB 2028")
    assert done.exit_code == 0, done.output
    assert "2028 confirmed by cli" in done.output  # root's command, not the officer named admin
    shown = kawal("calendar", "year", "2028")
    assert '"confirmed": true' in shown.output


def test_only_an_admin_confirms_a_year_over_the_api(client, login, app):
    r = client.post("/api/v1/calendar/years/2028/confirm", json={}, headers=login("ppid"))
    assert r.status_code == 403
    r = client.post("/api/v1/calendar/years/2028/confirm", json={}, headers=login("admin"))
    assert (r.status_code, list(r.json["errors"])) == (422, ["year"])
    r = client.post(
        "/api/v1/calendar/overrides",
        json={"day": "2028-02-25", "reason": "Cuti bersama (SKB 2028)"},
        headers=login("admin"),
    )
    assert r.status_code == 201, r.json
    r = client.post("/api/v1/calendar/years/2028/confirm", json={"note": "SKB 2028"}, headers=login("admin"))
    assert r.status_code == 201, r.json
    assert (r.json["confirmed"], r.json["confirmed_by"]) == (True, "admin")
    r = client.post("/api/v1/calendar/years/2028/confirm", json={}, headers=login("admin"))
    assert r.status_code == 409
    r = client.get("/api/v1/calendar/years/2027", headers=login("ppid"))
    assert r.status_code == 200
    assert r.json["package_lists_cuti_bersama"] is True
    assert {"date": "2027-03-10", "name": "Hari Raya Idul Fitri (perkiraan)"} in r.json["estimated_dates"]
