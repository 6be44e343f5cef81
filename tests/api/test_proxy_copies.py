"""The proxy's copy ("Tembusan", legal-process.md §3.2; engine.outbox.PROXY_COPIES): a request filed by a proxy who
gave an e-mail sends them a copy of the requester's messages about the letters that copy them (the receipt, the
notices), marked as a copy, through a real SMTP sink; the address stays in the vault; without one, or once the power
of attorney has ended, nothing goes to them."""

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import inspect, select

from api.extensions import db
from engine.models import Base, Notification
from tests.api.test_chain_api import OBJECTION, decided
from tests.api.test_proxy_correction import PROXY as OBJECTION_PROXY
from tests.api.test_proxy_correction import register, to_response
from tests.api.test_request_proxy import PROXY
from tests.api.test_request_proxy import decided as refused
from tests.conftest import request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.delivery.test_partial_grant_walk import _send_outbox, _text, settings_overrides  # noqa: F401 - SMTP on

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
PROXY_MAIL = "rahmat.hidayat@advokat.example"
REQUESTER_MAIL = request_payload()["requester"]["email"]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _skipped(app) -> Notification:
    """The one row the outbox skipped."""
    with app.app_context():
        return db.session.scalars(select(Notification).where(Notification.status == "skipped")).one()


def _mails(sink, to: str) -> list:
    return [m for m in sink.messages if m["To"] == to]


def _subject(mail) -> str:
    return " ".join(str(mail["Subject"]).split())  # unfolded


def test_a_proxy_with_an_e_mail_gets_a_marked_copy_of_the_receipt_and_the_notice_the_requester_their_own(
    app,
    settings,
    desk,
    mailbox,
):
    ticket = desk.submit(kuasa={**PROXY, "email": PROXY_MAIL})["ticket"]
    refused(desk, ticket)  # the written notice and the decree copy the proxy
    assert set(_send_outbox(app, settings, "receipt")) == {"sent"}
    assert set(_send_outbox(app, settings, "decision_notice")) == {"sent"}

    copies = _mails(mailbox, PROXY_MAIL)
    assert len(copies) == 2
    assert all(_subject(m).startswith("Tembusan: ") and ticket in _subject(m) for m in copies)
    for mail in copies:
        body = _text(mail).replace("\r\n", "\n")
        assert body.startswith(f"Anda menerima tembusan pesan ini sebagai kuasa pemohon dalam permohonan {ticket}")
    own = _mails(mailbox, REQUESTER_MAIL)
    assert len(own) == 2
    assert not any("Tembusan" in _subject(m) or "kuasa pemohon" in _text(m) for m in own)
    assert len({m["Message-ID"] for m in mailbox.messages}) == 4  # a copy is a message of its own

    with app.app_context():  # the address is read from the vault when sent: no row holds it
        names = set(inspect(db.engine).get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name in names:
                for row in db.session.execute(select(table)).all():
                    assert PROXY_MAIL not in repr(tuple(row)), table.name


def test_a_proxy_who_gave_no_e_mail_is_sent_nothing_and_the_copy_is_skipped(
    app,
    settings,
    desk,
    mailbox,
):
    ticket = desk.submit(kuasa=PROXY)["ticket"]
    assert sorted(_send_outbox(app, settings, "receipt")) == ["sent", "skipped"]
    assert [m["To"] for m in mailbox.messages] == [REQUESTER_MAIL]
    skipped = _skipped(app)
    assert (skipped.last_error, skipped.context["ticket"]) == ("no address on this channel", ticket)


def test_once_the_power_ends_later_notices_are_not_copied_but_the_copy_already_written_goes(
    app,
    client,
    settings,
    desk,
    login,
    mailbox,
):
    ticket = desk.submit(kuasa={**PROXY, "email": PROXY_MAIL})["ticket"]
    ended = client.post(
        f"{API}/cases/{ticket}/proxy/revocation", json={"reason": "kuasa_mengundurkan_diri"}, headers=login("petugas")
    )
    assert ended.status_code == 200, ended.json
    refused(desk, ticket)  # the notice issued after the power ended copies nobody
    _send_outbox(app, settings, "receipt")
    _send_outbox(app, settings, "decision_notice")
    assert [_subject(m).split(":")[0] for m in _mails(mailbox, PROXY_MAIL)] == ["Tembusan"]  # the receipt's
    assert len(_mails(mailbox, REQUESTER_MAIL)) == 2


def test_a_complaint_s_or_an_officer_s_message_is_never_copied_to_a_proxy(app, desk):
    desk.submit(kuasa={**PROXY, "email": PROXY_MAIL})
    with app.app_context():
        rows = db.session.scalars(select(Notification)).all()
    copies = [n for n in rows if "proxy_party_id" in n.context]
    assert {n.event for n in copies} == {"receipt"}
    assert all(n.to_requester and n.recipient_user_id is None for n in copies)
    assert {n.event for n in rows if not n.to_requester} >= {"task_new_group"}  # officers' news: never copied
    assert not any("proxy" in n.idempotency_key for n in rows if not n.to_requester)


@pytest.mark.parametrize("email", ["rahmat@", "rahmat@advokat.example\r\nBcc: x@y.example"])
def test_a_proxy_e_mail_the_form_refuses_is_refused_beside_its_field_and_files_nothing(client, unchanged, email):
    with unchanged():
        r = client.post(f"{API}/requests", json=request_payload(kuasa={**PROXY, "email": email}))
    assert r.status_code == 422, r.json
    assert "kuasa.email" in r.json["errors"], r.json


def test_an_objection_s_proxy_gets_a_copy_of_its_receipt_and_the_superior_s_response(
    app,
    client,
    settings,
    desk,
    login,
    mailbox,
):
    receipt = decided(desk)  # the objected request, filed in person: its own messages copy nobody
    body = {"ticket": receipt["ticket"], "access_code": receipt["access_code"], **OBJECTION}
    filed = client.post(f"{API}/objections", json=body | {"kuasa": OBJECTION_PROXY | {"email": PROXY_MAIL}})
    assert filed.status_code == 201, filed.json
    ticket = filed.json["ticket"]
    register(desk, ticket)
    to_response(client, desk, login, ticket)
    desk.complete(ticket, "kirim_tanggapan", {"tanggal_dikirim": "2026-12-02", "dikirim_melalui": "email"})
    for event in ("receipt", "decision_notice", "objection_receipt", "objection_response"):
        _send_outbox(app, settings, event)
    copies = _mails(mailbox, PROXY_MAIL)
    assert len(copies) == 3  # it came in; registered, its receipt given by e-mail (engine.notices); the response
    assert all(_subject(m).startswith("Tembusan: ") and ticket in _subject(m) for m in copies)
    assert all(f"kuasa pemohon dalam keberatan {ticket}" in _text(m).replace("\r\n", " ") for m in copies)


def test_a_proxy_who_gave_the_requester_s_own_e_mail_gets_the_message_once_not_a_copy_too(
    app,
    settings,
    desk,
    mailbox,
):
    desk.submit(kuasa={**PROXY, "email": REQUESTER_MAIL.upper()})
    assert sorted(_send_outbox(app, settings, "receipt")) == ["sent", "skipped"]
    assert [_subject(m).startswith("Tembusan") for m in mailbox.messages] == [False]
    assert _skipped(app).last_error == "the proxy's address is the requester's own, which gets the message itself"


# -- a correction of the proxy's data --------------------------------------------------------------------------

NEW_PROXY_MAIL = "rahmat.baru@advokat.example"


def _correct(client, login, ticket, **changes):
    kuasa = {k: v for k, v in {**PROXY, "email": PROXY_MAIL, **changes}.items() if v is not None}
    body = {"kuasa": kuasa, "reason": "permintaan_kuasa"}
    return client.put(f"{API}/cases/{ticket}/proxy", json=body, headers=login("petugas"))


def test_a_proxy_correction_tells_the_requester_and_the_proxy_s_former_e_mail_which_fields_changed(
    app,
    client,
    settings,
    desk,
    login,
    mailbox,
):
    """A proxy's name and e-mail corrected at the desk told nobody: the letters' copies went to a new address without
    a word to the requester or to the address they left (a walk report). Names of fields, never the values."""
    from engine import former_contacts, proxy_data

    ticket = desk.submit(kuasa={**PROXY, "email": PROXY_MAIL})["ticket"]
    r = _correct(client, login, ticket, name="Rahmat Hidayat, S.H., M.H.", email=NEW_PROXY_MAIL)
    assert r.status_code == 200, r.json
    assert r.json["changed"] == ["name", "email"]
    with app.app_context():  # waiting to go: the former address sealed in its one row, no value anywhere
        rows = db.session.scalars(select(Notification).where(Notification.event == proxy_data.EVENT)).all()
        assert sum(former_contacts.SEALED in row.context for row in rows) == 1
        assert all(row.context["fields"] == ["name", "email"] for row in rows)
        said = repr([row.context for row in rows])
        assert PROXY_MAIL not in said
        assert NEW_PROXY_MAIL not in said
        assert "M.H." not in said
    assert set(_send_outbox(app, settings, proxy_data.EVENT)) == {"sent"}
    told = {m["To"]: (_subject(m), _text(m).replace("\r\n", "\n")) for m in mailbox.messages}
    assert set(told) == {REQUESTER_MAIL, PROXY_MAIL}  # the requester, and the address the copies no longer go to
    for subject, body in told.values():
        assert subject == f"Data kuasa pada permohonan {ticket} telah diperbaiki"
        assert "- nama kuasa\n" in body
        assert "- alamat e-mail kuasa\n" in body
        assert "alamat kuasa" not in body  # unchanged: not listed
        assert NEW_PROXY_MAIL not in body
        assert "M.H." not in body
        assert "tidak meminta perbaikan ini, segera hubungi PPID." in body
    assert "alamat e-mail yang sebelumnya tercatat untuk kuasa pemohon" in told[PROXY_MAIL][1]
    assert "sebelumnya tercatat" not in told[REQUESTER_MAIL][1]
    assert "Bila Anda atau kuasa Anda tidak meminta" in told[REQUESTER_MAIL][1]
    assert told[PROXY_MAIL][1].startswith("Yth. Kuasa Pemohon,")


def test_a_proxy_correction_is_told_in_the_requester_s_language_and_only_to_them_when_the_e_mail_stays(
    app,
    client,
    settings,
    desk,
    login,
    mailbox,
):
    from engine import proxy_data

    ticket = desk.submit(headers={"Accept-Language": "en"}, kuasa={**PROXY, "email": PROXY_MAIL})["ticket"]
    assert _correct(client, login, ticket, nomor_surat_kuasa="SKK-20/XII/2026").status_code == 200
    _send_outbox(app, settings, proxy_data.EVENT)
    (notice,) = mailbox.messages
    assert notice["To"] == REQUESTER_MAIL
    assert _subject(notice) == f"The proxy's data on request {ticket} has been corrected"
    body = _text(notice).replace("\r\n", "\n")
    assert "- power of attorney no.\n" in body
    assert "SKK-20" not in body
    assert "If you or your proxy did not ask for this correction, contact the PPID at once." in body


def test_the_receipt_of_a_request_filed_by_a_proxy_says_to_hand_in_or_send_the_power_of_attorney(
    app,
    settings,
    desk,
    mailbox,
):
    """The receipt e-mail never said that the special power of attorney must reach the PPID (a walk report)."""
    by_proxy = desk.submit(kuasa={**PROXY, "email": PROXY_MAIL})["ticket"]
    in_person = desk.submit()["ticket"]
    _send_outbox(app, settings, "receipt")
    bodies = {
        (m["To"], ticket): _text(m).replace("\r\n", "\n")
        for m in mailbox.messages
        for ticket in [by_proxy, in_person]
        if ticket in _subject(m)
    }
    said = "Permohonan ini diajukan melalui kuasa. Bila surat kuasa khusus belum diserahkan"
    for to in (REQUESTER_MAIL, PROXY_MAIL):  # the requester and the proxy's copy
        body = " ".join(bodies[(to, by_proxy)].split())
        assert said in body
        assert "bersama salinan KTP pemohon" in body
        assert f"kirim pindaiannya melalui e-mail atau pos dengan menyebut Nomor Pendaftaran {by_proxy}" in body
    assert "surat kuasa" not in bodies[(REQUESTER_MAIL, in_person)]
