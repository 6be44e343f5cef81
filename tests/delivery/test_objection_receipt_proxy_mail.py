"""An objection's receipt given by e-mail whose requester has no e-mail address on file, filed through a proxy with
one: only the proxy's copy goes (engine.outbox.PROXY_COPIES). The portal does not say the receipt was sent to the
requester; it says it went to their proxy (engine.notices.receipt_mailed counts only the requester's own mail as
sent to them). The registered mail without its letter yet says where to download it in one sentence."""

from notifications.rendering import render
from tests.api.test_request_proxy import PROXY
from tests.delivery.test_objection_receipt_mail import (  # noqa: F401 - the fixtures: SMTP on, the clock
    EVENT,
    NO_EMAIL,
    OBJECTION,
    _clock,
    _decided_with,
    _mails,
    _objected,
    _receipt_sentence,
    _registered,
    settings_overrides,
)
from tests.delivery.test_partial_grant_walk import _send_outbox

PROXY_MAIL = "rahmat.hidayat@advokat.example"


def test_a_receipt_mailed_only_to_the_proxy_is_said_to_have_gone_to_the_proxy(
    app, settings, desk, client, mailbox, browser
):
    receipt = _decided_with(desk, requester=NO_EMAIL, delivery_method="langsung")
    body = {"ticket": receipt["ticket"], "access_code": receipt["access_code"], **OBJECTION}
    # filed through a proxy with an e-mail address (a stamped power of attorney)
    r = client.post("/api/v1/objections", json={**body, "kuasa": {**PROXY, "email": PROXY_MAIL, "bermeterai": True}})
    assert r.status_code == 201, r.json
    objection = r.json["ticket"]
    _registered(app, desk, objection, "email")
    assert "sent" in _send_outbox(app, settings, EVENT)  # the proxy's copy
    assert {m["To"] for m in _mails(mailbox, objection)} == {PROXY_MAIL}
    page = _receipt_sentence(browser, receipt, objection)
    assert "The receipt was sent by e-mail to your proxy." in page
    assert "The receipt was sent to you by e-mail." not in page
    page_id = _receipt_sentence(browser, receipt, objection, "id")
    assert "Tanda terima dikirim melalui e-mail kepada kuasa Anda." in page_id
    assert "Tanda terima dikirim kepada Anda melalui e-mail." not in page_id


def test_the_registered_mail_without_its_letter_yet_says_where_to_download_it_in_one_sentence():
    context = {"ticket": "KEB-2026-000001", "registered": True, "deadline": None, "portal_hint": ""}
    _subject, body = render(EVENT, "id", context, "https://ppid.example")
    said = " ".join(body.split())
    assert (
        "dan Tanda Terima Keberatan resmi telah diterbitkan. Tanda Terima dapat diunduh di"
        " https://ppid.example/publik/status?kasus=KEB-2026-000001 dengan nomor KEB-2026-000001 dan kode akses"
        " permohonan Anda segera setelah selesai disiapkan." in said
    )
    assert ", dan dapat diunduh" not in said
    _subject, body = render(EVENT, "en", context, "https://ppid.example")
    assert "has been issued. The receipt can be downloaded at" in " ".join(body.split())
