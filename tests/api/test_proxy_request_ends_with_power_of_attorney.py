"""A proxy's waiting request to correct their contacts ends with their power of attorney (engine.proxy_data.revoke,
engine.correction_requests.end): it is closed unanswered in the same transaction, the history records that (the
request's id, no values), the inbox no longer lists it and the PPID is not told it is late. A request left waiting
by a proxy no longer in office is not refused: the refusal would be sent to whoever is in office now.

On both databases: a stored request's new status, and the revocation's new query of the proxy's waiting requests."""

import html
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from api.boundary import runtime
from api.extensions import db
from engine import correction_requests
from engine.models import Case, CaseEvent, Notification, RequesterCorrection
from tests.api.test_request_proxy import PROXY
from tests.web.pages import text

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # Thu 3 Dec 2026, 10:00 WIB
API = "/api/v1"
PAGE = "/publik/status/perbaikan-data"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


def _asked_then_revoked(desk, browser, client, login) -> tuple[str, int]:
    receipt = desk.submit(kuasa={**PROXY, "email": "rahmat@kantorhukum.example"})
    ticket = receipt["ticket"]
    visitor = browser()
    visitor.get("/publik/status")
    visitor.post("/publik/status", {"ticket": ticket, "access_code": receipt["access_code"]})
    asked = {"kuasa.phone": "0812 1111 2222", "kasus": ticket, "data": "kuasa"}
    assert visitor.post(PAGE, asked).status_code == 303
    inbox = html.unescape(text(browser("petugas").get("/kotak-masuk")))
    assert f"/kasus/{ticket}/data-kuasa?permintaan=" in inbox  # it waits, linked to the proxy's page
    r = client.post(
        f"{API}/cases/{ticket}/proxy/revocation", json={"reason": "dicabut_pemohon"}, headers=login("petugas")
    )
    assert r.status_code == 200, r.json
    return ticket, int(inbox.split(f"/kasus/{ticket}/data-kuasa?permintaan=", 1)[1].split('"', 1)[0])


def test_the_end_of_the_power_of_attorney_closes_the_proxy_s_waiting_request(app, browser, client, desk, login):
    ticket, request_id = _asked_then_revoked(desk, browser, client, login)
    with app.app_context():
        row = db.session.get(RequesterCorrection, request_id)
        assert (row.status, row.decided_by) == ("ended", "petugas")
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        events = db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
        (ended,) = [e for e in events if e.type == correction_requests.PROXY_ENDED]
        assert (ended.actor, ended.data) == ("petugas", {"request": request_id})  # no values
    officer = browser("petugas")
    assert f"data-kuasa?permintaan={request_id}" not in text(officer.get("/kotak-masuk"))
    history = html.unescape(text(officer.get(f"/kasus/{ticket}")))
    assert "Permintaan perbaikan data kontak kuasa ditutup: kuasanya telah berakhir" in history
    with time_machine.travel(NOW + timedelta(days=4), tick=False), app.app_context():
        assert correction_requests.sweep(db.session, runtime()) == (0, 0)  # the PPID is not told it is late
        db.session.commit()


def test_a_request_left_waiting_by_a_proxy_no_longer_in_office_is_not_refused(app, browser, client, desk, login):
    ticket, request_id = _asked_then_revoked(desk, browser, client, login)
    with app.app_context():  # as a revocation before requests were closed with it left it
        db.session.get(RequesterCorrection, request_id).status = "pending"
        db.session.commit()
    r = client.post(
        f"{API}/requester-corrections/{request_id}/refusal",
        json={"reason": "Bukan milik kantor itu."},
        headers=login("petugas"),
    )
    assert r.status_code == 409, r.json
    assert r.json["reason"] == "proxy_request_ended"
    with app.app_context():
        assert db.session.get(RequesterCorrection, request_id).status == "pending"
        refused = select(Notification).where(Notification.event == correction_requests.REFUSED)
        assert db.session.scalars(refused).all() == []  # nobody, the new proxy least, is sent the reason
