"""Who may grant a lane for a leave, and the leave that would leave a lane with nobody (engine.absence).

The head (``kepala``) grants the Atasan PPID's lane only: never the PPID's (the Atasan PPID's to grant), nor the
complaint team's, nor to themselves. An administrator grants a lane only when nobody else in the office may: while
the head's account is active, the Atasan PPID's is the head's. An officer who stands in for a colleague is refused
leave of their own in that period: the lanes they hold for the colleague would have nobody (``first_day``, in the
reader's language); a leave after it is recorded. The leave page offers the head the Atasan PPID and the stand-ins
with the grant.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import update

from api.extensions import db
from engine.models import User
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: who may grant, and the refusals' words
from tests.web.pages import text

API = "/api/v1"
WIB = ZoneInfo("Asia/Jakarta")
FIXED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # a working Monday, 10:00 WIB


@pytest.fixture(autouse=True)
def _pinned():
    with time_machine.travel(FIXED, tick=True):
        yield


def _days(offset=0, length=2):
    first = FIXED.astimezone(WIB).date() + timedelta(days=offset)
    return {"first_day": str(first), "last_day": str(first + timedelta(days=length))}


def _leave(client, headers, username, substitute, grant=True, **days):
    body = {"username": username, "substitute": substitute, "grant_lanes": grant, **(days or _days())}
    return client.post(f"{API}/absences", json=body, headers=headers)


def _said(r, field="substitute"):
    assert r.status_code == 422, r.json
    return " ".join(r.json["errors"][field])


def test_the_head_records_no_leave_of_the_ppid_nor_of_the_complaint_team(client, login):
    head = login("kepala")
    assert _leave(client, head, "ppid", "petugas2").status_code == 403
    assert _leave(client, head, "tim", "petugas2").status_code == 403
    assert client.get(f"{API}/absences", headers=head).json["items"] == []


def test_the_head_grants_the_atasan_ppids_lane_to_an_officer_with_a_lane_never_to_themselves(client, login):
    head = login("kepala")
    assert "Kepala tidak bertugas di kelompok kerja" in _said(_leave(client, head, "atasan", "kepala"))
    assert "Auditor tidak bertugas di kelompok kerja" in _said(_leave(client, head, "atasan", "auditor"))
    assert "Atasan PPID" in _said(_leave(client, head, "atasan", "unit", grant=False))  # the grant, explicitly
    assert _leave(client, head, "atasan", "unit").status_code == 201


def test_an_administrator_does_not_grant_the_atasan_ppids_lane_while_the_office_has_a_head(client, login):
    said = _said(_leave(client, login("admin"), "atasan", "unit"))
    assert "Atasan PPID" in said
    assert "Pimpinan Badan Publik" in said  # who does


def test_an_officer_who_stands_in_for_a_colleague_is_refused_leave_in_that_period(client, login):
    assert _leave(client, login("atasan"), "ppid", "petugas2").status_code == 201
    r = _leave(client, login("petugas2"), "petugas2", "petugas", grant=False, **_days(1, 3))
    said = _said(r, "first_day")
    assert "Petugas2 menjadi pengganti Ppid" in said
    english = _leave(client, {**login("petugas2"), "Accept-Language": "en"}, "petugas2", "petugas", False, **_days(1))
    assert "Petugas2 stands in for Ppid in that period" in _said(english, "first_day")
    # After his leave she takes hers.
    assert _leave(client, login("petugas2"), "petugas2", "petugas", grant=False, **_days(3, 1)).status_code == 201


def test_the_leave_page_offers_the_head_the_atasan_ppid_and_stand_ins_with_the_grant(browser):
    b = browser("kepala")
    page = text(b.get("/cuti?untuk=atasan"))
    assert 'name="username" value="atasan"' in page
    assert 'value="unit"' in page
    assert 'name="grant_lanes"' in page
    r = b.post("/cuti", data={"username": "atasan", "substitute": "unit", "grant_lanes": "1", **_days()})
    assert r.status_code == 302, text(r)
    assert "Kelompok yang diberikan selama cuti: Atasan PPID" in text(b.get(r.headers["Location"]))


def test_an_administrator_grants_no_complaint_team_lane_even_with_no_wbs_manager(app, client, login):
    """The administrator's grant records the Atasan PPID's stand-in, named outside Kawal (engine.access
    .ADMIN_RECORDS): with both WBS managers' accounts closed, the complaint officer's lane is no one's to grant."""
    with app.app_context():
        db.session.execute(update(User).where(User.username.in_(["wbs", "wbs2"])).values(active=False))
        db.session.commit()
    admin = login("admin")
    said = _said(_leave(client, admin, "tim", "petugas2"))
    assert "Tim Pengelola Pengaduan" in said, said
    assert client.get(f"{API}/absences", headers=admin).json["items"] == []
