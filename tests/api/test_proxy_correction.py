"""An objection's proxy (kuasa, engine.proxy_data): read with the case by those who read identities, corrected by
the PPID desk (UU 27/2022's right to rectification, and the desk's typing errors) as the objection form checks it;
the case records which fields changed, never the values; letters already issued keep what they printed."""

import json
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import proxy_data
from engine.models import Case, CaseEvent
from tests.api.test_chain_api import OBJECTION, decided
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
PROXY = {
    "name": "Budi Santoso, S.H.",
    "address": "Jl. Gatot Subroto 10, Jakarta",
    "phone": "0812 3456 7890",
    "nomor_surat_kuasa": "SK-07/XII/2026",
    "tanggal_surat_kuasa": "2026-11-30",
    "bermeterai": True,
}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def by_proxy(desk, client) -> str:
    """An objection filed by a proxy on the portal, with the request's code: its ticket."""
    receipt = decided(desk)
    body = {"ticket": receipt["ticket"], "access_code": receipt["access_code"], **OBJECTION, "kuasa": PROXY}
    r = client.post(f"{API}/objections", json=body)
    assert r.status_code == 201, r.json
    return r.json["ticket"]


# Most tests start from an objection filed by a proxy: built once per worker and copied for every later test
# (kept_database).
@pytest.fixture
def proxied(desk, client, kept_database):
    """``proxied()``: an objection filed by a proxy on the portal (``by_proxy``): its ticket."""
    return lambda: kept_database("proxy_correction-by_proxy", lambda: by_proxy(desk, client))


def put(client, login, ticket, who="petugas", reason="kesalahan_pencatatan", **changes):
    kuasa = {k: v for k, v in {**PROXY, **changes}.items() if v is not None}
    return client.put(f"{API}/cases/{ticket}/proxy", json={"kuasa": kuasa, "reason": reason}, headers=login(who))


def register(desk, ticket) -> None:
    """The desk registers the objection: its receipt is issued."""
    desk.complete(ticket, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})


def to_response(client, desk, login, ticket) -> tuple[str, dict]:
    """A registered objection through the chronology to the superior's refusal: its letters' address and the
    letters by kind."""
    desk.complete(ticket, "susun_kronologi", {"kronologi": "Ditolak", "pertimbangan_ppid": "Dikecualikan"})
    decided = "Informasi dikecualikan berdasarkan Pasal 17 huruf h; uji konsekuensi terlampir."
    desk.complete(
        ticket,
        "putuskan_keberatan",
        {"keputusan": "keberatan_ditolak", "tanggal_keputusan": "2026-12-02", "alasan_tertulis": decided},
    )
    base = f"{API}/cases/{ticket}/letters"
    return base, {x["kind"]: x for x in client.get(base, headers=login("ppid")).json["items"]}


def history(app, ticket, type_=proxy_data.EVENT) -> list[CaseEvent]:
    with app.app_context():
        return db.session.scalars(
            select(CaseEvent).join(Case).where(Case.ticket == ticket, CaseEvent.type == type_).order_by(CaseEvent.seq)
        ).all()


def test_the_desk_reads_the_objection_s_proxy_with_the_case_and_an_auditor_does_not(proxied, client, login):
    ticket = proxied()
    assert client.get(f"{API}/cases/{ticket}", headers=login("petugas")).json["proxy"] == PROXY | {"revoked": False}
    assert client.get(f"{API}/cases/{ticket}", headers=login("ppid")).json["proxy"] == PROXY | {"revoked": False}
    audited = client.get(f"{API}/cases/{ticket}", headers=login("auditor"))
    assert audited.status_code == 200
    assert audited.json["proxy"] is None
    assert PROXY["name"] not in audited.get_data(as_text=True)


def test_a_corrected_proxy_records_which_fields_changed_and_why_never_the_values(proxied, app, client, login):
    ticket = proxied()
    r = put(client, login, ticket, name="Budi Santosa, S.H.", phone=None, nomor_surat_kuasa="SK-08/XII/2026")
    assert r.status_code == 200, r.json
    assert r.json["changed"] == ["name", "phone", "nomor_surat_kuasa"]  # in the form's order
    assert client.get(f"{API}/cases/{ticket}", headers=login("ppid")).json["proxy"] == {
        "name": "Budi Santosa, S.H.",
        "address": PROXY["address"],
        "nomor_surat_kuasa": "SK-08/XII/2026",
        "tanggal_surat_kuasa": "2026-11-30",
        "bermeterai": True,
        "revoked": False,
    }
    (event,) = history(app, ticket)
    assert event.actor == "petugas"
    assert event.data == {"fields": ["name", "phone", "nomor_surat_kuasa"], "reason": "kesalahan_pencatatan"}
    text = json.dumps(event.data)
    assert "Santosa" not in text
    assert "SK-08" not in text
    exported = client.get(f"{API}/audit/export", headers=login("auditor"))
    assert exported.status_code == 200
    assert "Santosa" not in exported.get_data(as_text=True)


def test_the_same_proxy_sent_again_records_nothing(proxied, app, client, login):
    ticket = proxied()
    r = put(client, login, ticket)
    assert r.status_code == 200, r.json
    assert r.json["changed"] == []
    assert history(app, ticket) == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "B"}, "kuasa.name"),  # shorter than the objection form allows
        ({"tanggal_surat_kuasa": None}, "kuasa.tanggal_surat_kuasa"),  # required by the objection form
        ({"phone": "call me"}, "kuasa.phone"),
        ({"bermeterai": False}, "kuasa.bermeterai"),  # Perki 1/2021 Pasal 39(4): a power bearing a duty stamp
    ],
)
def test_a_proxy_the_objection_form_would_refuse_is_refused_beside_its_field_and_changes_nothing(
    proxied, client, login, unchanged, changes, field
):
    ticket = proxied()
    with unchanged():
        r = put(client, login, ticket, **changes)
    assert r.status_code == 422, r.json
    assert field in json.dumps(r.json)


@pytest.mark.parametrize(("who", "status"), [("unit", 404), ("auditor", 403), ("admin", 403), ("atasan", 200)])
def test_only_the_ppid_desk_corrects_a_proxy(proxied, client, login, who, status):
    ticket = proxied()
    r = put(client, login, ticket, who=who, address="Jl. Kuningan 2, Jakarta")
    assert r.status_code == status, r.json


def test_a_case_not_filed_by_a_proxy_has_none_to_correct(proxied, client, login, unchanged):
    ticket = proxied()
    request = client.get(f"{API}/cases/{ticket}", headers=login("ppid")).json["details"]["permohonan"]
    with unchanged():
        missing = put(client, login, request)  # the request was filed by the requester in person
    assert missing.status_code == 404, missing.json
    assert missing.json["reason"] == "no_proxy_data"
    assert client.get(f"{API}/cases/{request}", headers=login("ppid")).json["proxy"] is None


def test_a_reason_outside_the_list_is_refused(proxied, client, login):
    ticket = proxied()
    refused = put(client, login, ticket, reason="karena saja", name="Orang Lain")
    assert refused.status_code == 422, refused.json
    assert "reason" in refused.json["errors"], refused.json


def test_the_objection_receipt_keeps_the_proxy_it_printed_and_its_correction_prints_the_new(
    proxied, client, desk, login
):
    ticket = proxied()
    register(desk, ticket)  # its receipt is issued, naming the proxy
    base = f"{API}/cases/{ticket}/letters"
    receipt = next(
        x for x in client.get(base, headers=login("ppid")).json["items"] if x["kind"] == "tanda_terima_keberatan"
    )
    assert put(client, login, ticket, nomor_surat_kuasa="SK-08/XII/2026").status_code == 200
    old = client.get(f"{base}/{receipt['id']}/print", headers=login("ppid")).get_data(as_text=True)
    assert "SK-07/XII/2026" in old  # a letter of record is never rewritten
    assert "SK-08/XII/2026" not in old
    fixed = client.post(
        f"{base}/{receipt['id']}/correction", json={"reason": "Nomor surat kuasa"}, headers=login("ppid")
    )
    assert fixed.status_code == 201, fixed.json
    new = client.get(f"{base}/{fixed.json['id']}/print", headers=login("ppid")).get_data(as_text=True)
    assert "SK-08/XII/2026" in new
    assert "SK-07/XII/2026" not in new


# -- the end of the power of attorney ---------------------------------------------------------------------------


def revoke(client, login, ticket, reason="dicabut_pemohon", who="petugas"):
    return client.post(f"{API}/cases/{ticket}/proxy/revocation", json={"reason": reason}, headers=login(who))


def test_after_the_power_ends_the_superior_s_response_neither_names_nor_copies_the_proxy(
    proxied, app, client, desk, login
):
    ticket = proxied()
    register(desk, ticket)  # the receipt names the proxy
    r = revoke(client, login, ticket)
    assert r.status_code == 200, r.json
    assert r.json["proxy"] == PROXY | {"revoked": True}  # who filed it, still shown
    events = history(app, ticket, proxy_data.REVOKED)
    assert [(e.actor, e.data) for e in events] == [("petugas", {"reason": "dicabut_pemohon"})]
    base, issued = to_response(client, desk, login, ticket)
    response = client.get(f"{base}/{issued['tanggapan_atasan']['id']}/print", headers=login("ppid"))
    assert PROXY["name"] not in response.get_data(as_text=True)  # neither named nor copied
    receipt = client.get(f"{base}/{issued['tanda_terima_keberatan']['id']}/print", headers=login("ppid"))
    assert PROXY["name"] in receipt.get_data(as_text=True)  # a letter of record keeps what it printed
    fixed = client.post(
        f"{base}/{issued['tanda_terima_keberatan']['id']}/correction", json={"reason": "Tanggal"}, headers=login("ppid")
    )
    assert fixed.status_code == 201, fixed.json
    corrected = client.get(f"{base}/{fixed.json['id']}/print", headers=login("ppid")).get_data(as_text=True)
    assert f"Diajukan melalui kuasa pemohon, Sdr. {PROXY['name']}" in corrected  # who filed it, then


def test_a_proxy_whose_power_ended_is_no_longer_corrected_nor_revoked_twice(proxied, client, login, unchanged):
    ticket = proxied()
    assert revoke(client, login, ticket, "kuasa_mengundurkan_diri").status_code == 200
    with unchanged():
        assert put(client, login, ticket, name="Orang Lain").status_code == 404
        again = revoke(client, login, ticket)
    assert again.status_code == 409, again.json  # ended already: a second click says so
    assert again.json["reason"] == "proxy_already_revoked"


def test_the_register_of_objections_still_names_the_proxy_who_filed(proxied, client, login):
    ticket = proxied()
    assert revoke(client, login, ticket, "kuasa_berakhir").status_code == 200
    register = client.get(f"{API}/registers/keberatan?format=json", headers=login("ppid"))
    assert register.status_code == 200, register.json
    (row,) = [x for x in register.json["items"] if x["ticket"] == ticket]
    assert row["proxy_name"] == PROXY["name"]


@pytest.mark.parametrize(("who", "reason", "status"), [("petugas", "bosan", 422), ("auditor", "dicabut_pemohon", 403)])
def test_a_revocation_without_a_known_reason_or_by_another_than_the_desk_changes_nothing(
    proxied, client, login, unchanged, who, reason, status
):
    ticket = proxied()
    with unchanged():
        r = revoke(client, login, ticket, reason, who)
    assert r.status_code == status, r.json


# -- a proxy appointed after the filing ------------------------------------------------------------------------

LATER = {
    "name": "Siti Aminah, S.H.",
    "address": "Jl. Diponegoro 3, Bandung",
    "nomor_surat_kuasa": "SK-11/XII/2026",
    "tanggal_surat_kuasa": "2026-11-30",
    "bermeterai": True,
}


def appoint(client, login, ticket, who="petugas", **changes):
    kuasa = {k: v for k, v in {**LATER, **changes}.items() if v is not None}
    return client.post(f"{API}/cases/{ticket}/proxy", json={"kuasa": kuasa}, headers=login(who))


def test_a_proxy_appointed_after_the_filing_is_copied_on_the_superior_s_response(app, client, desk, login):
    from tests.api.test_chain_api import objected

    _receipt, objection = objected(desk, client)  # filed by the requester in person
    ticket = objection["ticket"]
    r = appoint(client, login, ticket)
    assert r.status_code == 201, r.json
    assert r.json["proxy"] == LATER | {"revoked": False}
    (event,) = history(app, ticket, proxy_data.APPOINTED)
    assert (event.actor, event.data) == ("petugas", {})  # that a proxy was appointed, never who
    register(desk, ticket)
    base, issued = to_response(client, desk, login, ticket)
    response = client.get(f"{base}/{issued['tanggapan_atasan']['id']}/print", headers=login("ppid"))
    assert f"{LATER['name']}, kuasa pemohon" in response.get_data(as_text=True)  # copied to the proxy


def test_a_new_proxy_follows_one_whose_power_ended_and_never_two_at_once(proxied, client, login, unchanged):
    ticket = proxied()
    with unchanged():
        busy = appoint(client, login, ticket)
    assert busy.status_code == 409, busy.json
    assert busy.json["reason"] == "proxy_in_office"
    assert revoke(client, login, ticket, "kuasa_mengundurkan_diri").status_code == 200
    r = appoint(client, login, ticket)
    assert r.status_code == 201, r.json
    assert r.json["proxy"]["name"] == LATER["name"]
    assert put(client, login, ticket, name="Siti Aminah, S.H., M.H.").status_code == 200  # the new one is corrected


@pytest.mark.parametrize(
    ("who", "changes", "status"),
    [("petugas", {"tanggal_surat_kuasa": None}, 422), ("petugas", {"name": "S"}, 422), ("auditor", {}, 403)],
)
def test_an_appointment_the_form_refuses_or_by_another_than_the_desk_changes_nothing(
    client, desk, login, unchanged, who, changes, status
):
    from tests.api.test_chain_api import objected

    _receipt, objection = objected(desk, client)
    with unchanged():
        r = appoint(client, login, objection["ticket"], who=who, **changes)
    assert r.status_code == status, r.json
