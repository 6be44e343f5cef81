"""The proxy's own request to correct their contacts is sealed by the vault until the desk answers, read back as
asked, listed with the requester's requests as the proxy's, and once applied the vault holds the proxy's new
contacts, their name and power of attorney unchanged (engine.proxy_corrections, engine.correction_requests).

On both databases: a new kind of sealed row (a request of a party that is not the case's requester) stored and read
back, and the desk's lists' new queries (a case's waiting requests of its requester or proxy; whose each is)."""

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from api.boundary import runtime
from api.extensions import db
from engine import correction_requests, proxy_party
from engine.models import Case, Party, RequesterCorrection, User
from tests.api.test_request_proxy import PROXY

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # Thu 3 Dec 2026, 10:00 WIB
PAGE = "/publik/status/perbaikan-data"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


def test_the_proxy_s_sealed_request_reads_back_and_once_applied_is_the_proxy_s_record(app, browser, desk):
    receipt = desk.submit(kuasa={**PROXY, "email": "rahmat@kantorhukum.example"})
    ticket = receipt["ticket"]
    desk.submit()  # another case's requester asks too: the lists tell whose request is whose
    other = desk.submit()
    visitor = browser()
    visitor.get("/publik/status")
    visitor.post("/publik/status", {"ticket": ticket, "access_code": receipt["access_code"]})
    asked = {"kuasa.email": "rahmat@baru.example", "cleared": "phone", "kasus": ticket, "data": "kuasa"}
    assert visitor.post(PAGE, asked).status_code == 303
    visitor.post("/publik/status", {"ticket": other["ticket"], "access_code": other["access_code"]})
    own = {"requester.address": "Jl. Asia Afrika 8, Bandung", "kasus": other["ticket"]}
    assert visitor.post(PAGE, own).status_code == 303
    with app.app_context():
        rt = runtime()
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        (row,) = db.session.scalars(select(RequesterCorrection).where(RequesterCorrection.case_id == case.id)).all()
        assert row.party_id == proxy_party.party_id(case) != case.requester_party_id
        assert b"rahmat@baru.example" not in row.context  # sealed
        wanted = correction_requests.proposal(rt, row)["kuasa"]
        assert wanted == {
            "name": PROXY["name"],
            "address": PROXY["address"],
            "email": "rahmat@baru.example",
            "nomor_surat_kuasa": PROXY["nomor_surat_kuasa"],
            "tanggal_surat_kuasa": PROXY["tanggal_surat_kuasa"],
        }
        desk_user = db.session.scalar(select(User).where(User.username == "petugas"))
        assert [r.id for r in correction_requests.waiting(db.session, desk_user, case)] == [row.id]
        listed = correction_requests.listed(db.session, correction_requests.waiting(db.session, desk_user))
        assert {(item["ticket"], item["proxy"]) for item in listed} == {(ticket, True), (other["ticket"], False)}
        request_id = row.id
    officer = browser("petugas")
    assert officer.get(f"/kasus/{ticket}/data-kuasa?permintaan={request_id}").status_code == 200
    form = {f"kuasa.{k}": v for k, v in wanted.items()}
    response = officer.post(
        f"/kasus/{ticket}/data-kuasa", {**form, "reason": "permintaan_kuasa", "permintaan": str(request_id)}
    )
    assert response.status_code == 303
    with app.app_context():
        rt = runtime()
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        assert rt.vault.read(db.session.get(Party, proxy_party.party_id(case))) == wanted
        assert db.session.get(RequesterCorrection, request_id).status == "applied"
