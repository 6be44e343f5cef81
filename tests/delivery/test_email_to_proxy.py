"""E-mail when the requester has none on file (walk report s41). The request form takes an e-mail delivery when only
the proxy gave an address (engine.intake), and a proxy with a special power of attorney receives for the requester
(legal-process.md §3.2): the information handed over by e-mail goes to the proxy's address, the handover record
names the proxy as the one who received it, at their address, and the history says the mail went to the proxy. It is
refused only when neither gave an address. An objection's receipt given by e-mail is refused at its registration when
neither the requester nor the objection's proxy gave an address: nothing could be sent."""

from __future__ import annotations

from sqlalchemy import select

from api.extensions import db
from engine.models import Case, CaseEvent
from tests.api.test_request_proxy import PROXY, letters, printed
from tests.conftest import request_payload, sqlite_only
from tests.delivery.conftest import walk_to_delivery
from tests.delivery.test_objection_receipt_mail import (  # noqa: F401 - the fixtures: SMTP on, the clock
    NO_EMAIL,
    OBJECTION,
    _clock,
    _decided_with,
    _mails,
    settings_overrides,
)
from tests.delivery.test_partial_grant_walk import CRITERIA, _deliver, _send_outbox, _text

PROXY_MAIL = "rahmat.hidayat@advokat.example"
PHONE_ONLY = {k: v for k, v in request_payload()["requester"].items() if k != "email"}
FILES = {"berkas_informasi": [("kriteria.pdf", CRITERIA)]}
BY_EMAIL = {"cara_penyerahan": "email"}


def _walked(desk, proxy_mail: str | None = PROXY_MAIL, requester: dict = PHONE_ONLY) -> str:
    """A request by a requester (phone only unless told) through a proxy, at its delivery task."""
    kuasa = {**PROXY, "email": proxy_mail} if proxy_mail else PROXY
    method = "email" if proxy_mail or requester.get("email") else "pos"  # the request form wants an address for e-mail
    return walk_to_delivery(desk, requester=requester, kuasa=kuasa, delivery_method=method)["ticket"]


def _events(app, ticket: str, kind: str) -> list[dict]:
    with app.app_context():
        rows = db.session.scalars(
            select(CaseEvent.data).join(Case).where(Case.ticket == ticket, CaseEvent.type == kind)
        ).all()
        db.session.remove()
    return list(rows)


def test_information_for_a_requester_with_no_e_mail_goes_to_the_proxy_s_address_and_the_record_says_so(
    app, client, login, desk, mailbox, settings
):
    ticket = _walked(desk)
    r = _deliver(client, login, desk, ticket, BY_EMAIL, **FILES)
    assert r.status_code == 200, r.json
    assert _send_outbox(app, settings, "information_sent") == ["sent"]
    (mail,) = mailbox.by_event(ticket)
    assert mail["To"] == PROXY_MAIL
    assert [p.get_filename() for p in mail.walk() if p.get_filename()] == ["kriteria.pdf"]
    body = " ".join(_text(mail).split())
    assert f"Anda menerima informasi ini sebagai kuasa pemohon dalam permohonan {ticket}" in body
    assert "karena pemohon tidak mencantumkan alamat e-mail" in body
    assert not str(mail["Subject"]).startswith("Tembusan")  # the proxy's own mail, not a copy
    (delivered,) = _events(app, ticket, "information_delivered")
    assert (delivered["method"], delivered["emailed"], delivered["emailed_to"]) == ("email", True, "kuasa")
    (completed,) = [e for e in _events(app, ticket, "task_completed") if e["task"] == "penyerahan_informasi"]
    assert completed["data"]["penerima"] == "kuasa"
    record = " ".join(printed(client, login, letters(client, login, ticket)["berita_acara_serah_terima"]).split())
    assert f"Diterima melalui kuasa pemohon, Sdr. {PROXY['name']}" in record
    assert "Berkas berikut dikirim melalui e-mail ke alamat e-mail kuasa pemohon" in record
    assert "ke alamat e-mail pemohon" not in record


# The others on SQLite alone: a form's rule checked before anything is written, whom a mail goes to decided in Python.
# The first test keeps on PostgreSQL the proxy sealed and read back, the outbox's row and the delivery's events;
# tests/delivery/test_objection_receipt_proxy_mail.py an objection's proxy.
@sqlite_only
def test_a_record_naming_the_requester_as_receiver_of_a_mail_to_the_proxy_is_refused_beside_the_receiver(
    client, login, desk, unchanged
):
    ticket = _walked(desk)
    with unchanged():
        r = _deliver(client, login, desk, ticket, {**BY_EMAIL, "penerima": "pemohon"}, **FILES)
    assert r.status_code == 422, r.json
    assert r.json["errors"] == {
        "penerima": [
            "pemohon tidak mencantumkan alamat e-mail: berkas dikirim ke alamat e-mail kuasanya, sehingga kuasa"
            " pemohon yang menerimanya"
        ]
    }
    r = _deliver(client, login, desk, ticket, {**BY_EMAIL, "penerima": "kuasa"}, **FILES)
    assert r.status_code == 200, r.json


@sqlite_only
def test_information_is_refused_by_e_mail_only_when_neither_the_requester_nor_the_proxy_gave_an_address(
    client, login, desk, unchanged
):
    ticket = _walked(desk, proxy_mail=None)
    with unchanged():
        r = _deliver(client, login, desk, ticket, BY_EMAIL, **FILES)
    assert r.status_code == 422, r.json
    assert r.json["reason"] == "requester_has_no_email"
    assert r.json["errors"] == {
        "cara_penyerahan": [
            "pemohon maupun kuasanya tidak mencantumkan alamat e-mail: serahkan informasi dengan cara lain"
        ]
    }


@sqlite_only
def test_a_requester_with_an_e_mail_receives_the_information_at_their_own_and_the_proxy_gets_nothing(
    app, client, login, desk, mailbox, settings
):
    ticket = _walked(desk, requester=request_payload()["requester"])
    r = _deliver(client, login, desk, ticket, BY_EMAIL, **FILES)
    assert r.status_code == 200, r.json
    assert _send_outbox(app, settings, "information_sent") == ["sent"]
    (mail,) = mailbox.by_event(ticket)
    assert mail["To"] == request_payload()["requester"]["email"]
    (delivered,) = _events(app, ticket, "information_delivered")
    assert "emailed_to" not in delivered
    record = printed(client, login, letters(client, login, ticket)["berita_acara_serah_terima"])
    assert "ke alamat e-mail pemohon" in record


def _objection(client, desk, **kuasa) -> str:
    receipt = _decided_with(desk, requester=NO_EMAIL, delivery_method="langsung")
    body = {"ticket": receipt["ticket"], "access_code": receipt["access_code"], **OBJECTION}
    if kuasa:
        body["kuasa"] = {**PROXY, "bermeterai": True, **kuasa}
    r = client.post("/api/v1/objections", json=body)
    assert r.status_code == 201, r.json
    return r.json["ticket"]


@sqlite_only
def test_an_objection_receipt_by_e_mail_is_refused_when_neither_the_requester_nor_its_proxy_gave_an_address(
    app, client, desk, mailbox, settings, unchanged
):
    objection = _objection(client, desk)
    registered = {"cara_kirim_tanda_terima": "email"}
    with unchanged():
        r = desk.complete(objection, "registrasi_keberatan", registered, expect=422)
    assert r["reason"] == "receipt_has_no_address"
    assert r["errors"] == {
        "cara_kirim_tanda_terima": [
            "pemohon maupun kuasa dalam keberatan ini tidak mencantumkan alamat e-mail: serahkan tanda terima dengan"
            " cara lain"
        ]
    }
    desk.complete(objection, "registrasi_keberatan", {**registered, "cara_kirim_tanda_terima": "langsung"})


@sqlite_only
def test_an_objection_receipt_by_e_mail_goes_when_only_the_objection_s_proxy_gave_an_address(
    app, client, desk, mailbox, settings
):
    objection = _objection(client, desk, email=PROXY_MAIL)
    desk.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    _send_outbox(app, settings, "objection_receipt")
    assert {m["To"] for m in _mails(mailbox, objection)} == {PROXY_MAIL}
