"""The Objection Receipt (Tanda Terima Keberatan, Perki 1/2021 Pasal 41(3)-(4)) goes to the requester by e-mail when
the officer who registers the objection says it was given by e-mail, with the letter itself, as the request's
registered receipt is mailed (tests/delivery/test_registered_receipt_mail.py). The portal says it was sent by e-mail
only when that mail went: a requester with no e-mail address on file is told to download it instead. The first mail,
when the objection comes in, does not say it was registered: an officer registers it later."""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_chain_api import OBJECTION, decided
from tests.api.test_letters_api import render_letters
from tests.conftest import request_payload
from tests.delivery.test_partial_grant_walk import _send_outbox, _text
from tests.smtp import mail_settings
from tests.web.pages import text

EVENT = "objection_receipt"
API = "/api/v1"
NO_EMAIL = {
    "name": "Budi Santoso",
    "nik": "3171234507890002",
    "address": "Jl. Kenanga 2, Jakarta Pusat",
    "phone": "+62 812 9876 5432",
    "occupation": "Wartawan",
}


# What a mail and a page say does not depend on the database: read on SQLite; the mail's own record (the notification
# rows the portal reads) is proved on both.
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def settings_overrides(mailbox):
    return mail_settings(mailbox)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=True):
        yield


def _objected(app, settings, desk, client, **request) -> tuple[dict, str]:
    """An objection filed on a decided request, the mail saying it came in sent at once (as the worker sends it)."""
    receipt = decided(desk) if not request else _decided_with(desk, **request)
    body = {"ticket": receipt["ticket"], "access_code": receipt["access_code"], **OBJECTION}
    r = client.post(f"{API}/objections", json=body)
    assert r.status_code == 201, r.json
    _send_outbox(app, settings, EVENT)
    return receipt, r.json["ticket"]


def _decided_with(desk, **request) -> dict:
    from tests.helpers import decision

    receipt = desk.submit(**request)
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    desk.complete(ticket, "uji_konsekuensi")
    desk.complete(ticket, "tetapkan_pengecualian")
    desk.complete(ticket, "pemberitahuan_tertulis")
    return receipt


def _registered(app, desk, objection: str, how: str) -> None:
    desk.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": how})
    render_letters(app)


def _mails(mailbox, ticket: str) -> list:
    return [m for m in mailbox.messages if ticket in " ".join(str(m["Subject"]).split())]


def _receipt_sentence(browser, receipt: dict, objection: str, language: str = "en") -> str:
    """What the objection's status page says of how its receipt was given."""
    b = browser()
    b.get(f"/bahasa/{language}")
    r = b.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    assert r.status_code == 200, text(r)
    r = b.get(f"/publik/status?kasus={objection}")
    assert r.status_code == 200, text(r)
    return " ".join(text(r).split())


def test_an_objection_receipt_given_by_e_mail_is_mailed_with_the_letter_and_the_portal_says_so(
    app, settings, desk, client, mailbox, browser
):
    receipt, objection = _objected(app, settings, desk, client)
    _registered(app, desk, objection, "email")
    assert "sent" in _send_outbox(app, settings, EVENT)
    mails = _mails(mailbox, objection)
    attached = [m for m in mails if any(p.get_content_type() == "application/pdf" for p in m.walk())]
    assert len(attached) == 1, [str(m["Subject"]) for m in mails]
    (mail,) = attached
    files = [p.get_filename() for p in mail.walk() if p.get_content_type() == "application/pdf"]
    assert len(files) == 1
    assert "-TTK-" in files[0]
    assert files[0].endswith(".id.pdf")
    body = _text(mail)
    assert "Tanda Terima Keberatan" in body
    assert "/PPID/TTK/" in body
    assert "terlampir" in body
    assert "The receipt was sent to you by e-mail." in _receipt_sentence(browser, receipt, objection)


@SQLITE_ONLY
def test_the_mail_sent_when_the_objection_comes_in_does_not_say_it_was_registered(app, settings, desk, client, mailbox):
    """Registering is the officer's later step (the history shows "Objection Registered" after it)."""
    _receipt, objection = _objected(app, settings, desk, client)
    (mail,) = _mails(mailbox, objection)
    body = " ".join(_text(mail).split())
    assert "telah kami terima" in body
    assert "dicatat dalam Register Keberatan" not in body
    assert "setelah keberatan diregistrasi oleh petugas" in body


# The same notification rows again, left unsent, and a requester's vault again: the first test (a receipt given by
# e-mail) keeps them on PostgreSQL.
@SQLITE_ONLY
def test_a_requester_with_no_e_mail_on_file_is_not_told_the_receipt_was_e_mailed(
    app, settings, desk, client, mailbox, browser, login
):
    """Their address was on file when the officer registered the objection, and the desk removed it before the mail
    went (with none on file at all, e-mail is refused at the registration: tests/delivery/test_email_to_proxy.py)."""
    receipt, objection = _objected(app, settings, desk, client)
    _registered(app, desk, objection, "email")
    requester = {k: v for k, v in request_payload()["requester"].items() if k != "email"}
    body = {"requester": requester, "requester_type": "perorangan", "reason": "permintaan_pemohon"}
    r = client.put(f"{API}/cases/{objection}/requester", json=body, headers=login("petugas"))
    assert r.status_code == 200, r.json
    assert "sent" not in _send_outbox(app, settings, EVENT)
    assert not any(p.get_content_type() == "application/pdf" for m in _mails(mailbox, objection) for p in m.walk())
    page = _receipt_sentence(browser, receipt, objection)
    assert "The receipt was sent to you by e-mail." not in page
    assert "The receipt could not be sent to you by e-mail" in page
    page_id = _receipt_sentence(browser, receipt, objection, "id")
    assert "Tanda terima dikirim kepada Anda melalui e-mail." not in page_id
    assert "Tanda terima tidak dapat dikirim kepada Anda melalui e-mail" in page_id


@SQLITE_ONLY
def test_a_receipt_being_sent_is_said_to_be_on_its_way(app, settings, desk, client, browser):
    receipt, objection = _objected(app, settings, desk, client)
    _registered(app, desk, objection, "email")  # the sender has not run yet
    assert "The receipt is being sent to you by e-mail." in _receipt_sentence(browser, receipt, objection)


@SQLITE_ONLY
@pytest.mark.parametrize("how", ["langsung", "pos", "web"])
def test_a_receipt_given_another_way_is_not_mailed(app, settings, desk, client, mailbox, how):
    _receipt, objection = _objected(app, settings, desk, client)
    _registered(app, desk, objection, how)
    _send_outbox(app, settings, EVENT)
    mails = _mails(mailbox, objection)
    assert len(mails) == 1  # the objection's coming in, without the letter
    assert not any(p.get_content_type() == "application/pdf" for p in mails[0].walk())
