"""A request's own receipt by e-mail, and the history of information e-mailed to the proxy (follow-ups of walk s41).

The registered receipt (Tanda Bukti Penerimaan, UU 14/2008 Pasal 22(4)-(5)) given by e-mail at the request's
registration (``cara_kirim_tanda_bukti``) is mailed by Kawal (engine.notices): it is refused, nothing written, when
neither the requester nor the request's proxy gave an e-mail address, as an objection's receipt is
(engine.delivery.check_receipt). And the officer's case history says the information went to the proxy's e-mail
when the requester gave no address (``information_delivered`` with ``emailed_to: kuasa``).
"""

from __future__ import annotations

import html
import re

from tests.api.test_request_proxy import PROXY
from tests.delivery.test_email_to_proxy import BY_EMAIL, FILES, PHONE_ONLY, PROXY_MAIL, _walked
from tests.delivery.test_objection_receipt_mail import (  # noqa: F401 - the fixtures: SMTP on, the clock
    _clock,
    settings_overrides,
)
from tests.delivery.test_partial_grant_walk import _deliver
from tests.helpers import STEP

BY_MAIL = {**STEP["registrasi"], "cara_kirim_tanda_bukti": "email"}


def _checked(desk, **request) -> str:
    """A request (phone-only requester unless told; no delivery by e-mail) at its registration."""
    ticket = desk.submit(**{"requester": PHONE_ONLY, "delivery_method": "pos", **request})["ticket"]
    desk.complete(ticket, "periksa_kelengkapan")
    return ticket


def test_a_request_receipt_by_e_mail_is_refused_when_neither_the_requester_nor_its_proxy_gave_an_address(
    desk, unchanged
):
    ticket = _checked(desk)
    with unchanged():
        r = desk.complete(ticket, "registrasi", BY_MAIL, expect=422)
    assert r["reason"] == "receipt_has_no_address"
    assert r["message"] == "tidak ada alamat e-mail untuk mengirim tanda terima"
    assert r["errors"] == {
        "cara_kirim_tanda_bukti": [
            "pemohon maupun kuasanya tidak mencantumkan alamat e-mail: serahkan tanda bukti penerimaan dengan cara lain"
        ]
    }
    desk.complete(ticket, "registrasi", {**BY_MAIL, "cara_kirim_tanda_bukti": "langsung"})
    assert "proses_permohonan" in desk.open_tasks(ticket)


def test_a_request_receipt_by_e_mail_is_registered_when_the_requester_or_only_its_proxy_gave_an_address(desk):
    own = _checked(desk, requester={**PHONE_ONLY, "email": "ani@example.org"})
    desk.complete(own, "registrasi", BY_MAIL)
    by_proxy = _checked(desk, kuasa={**PROXY, "email": PROXY_MAIL})
    desk.complete(by_proxy, "registrasi", BY_MAIL)
    assert "proses_permohonan" in desk.open_tasks(by_proxy)


def _history_row(page: str, event: str) -> str:
    row = page.split(f'<tr class="event-{event}">', 1)[1].split("</tr>", 1)[0]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split())


def test_the_case_history_says_the_information_went_by_e_mail_to_the_proxy(app, client, login, desk, browser):
    ticket = _walked(desk)  # the requester gave a phone number only, the proxy an e-mail address
    r = _deliver(client, login, desk, ticket, BY_EMAIL, **FILES)
    assert r.status_code == 200, r.json
    officer = browser("petugas")
    row = _history_row(officer.get(f"/kasus/{ticket}").get_data(as_text=True), "information_delivered")
    assert "Informasi diserahkan" in row
    assert "dikirim melalui e-mail ke kuasa pemohon" in row
    officer.get("/bahasa/en")
    row = _history_row(officer.get(f"/kasus/{ticket}").get_data(as_text=True), "information_delivered")
    assert "sent by e-mail to the requester's proxy" in row


def test_the_case_history_says_nothing_of_a_proxy_when_the_information_went_to_the_requester(
    client, login, desk, browser
):
    ticket = _walked(desk, requester={**PHONE_ONLY, "email": "ani@example.org"})
    r = _deliver(client, login, desk, ticket, BY_EMAIL, **FILES)
    assert r.status_code == 200, r.json
    page = browser("petugas").get(f"/kasus/{ticket}").get_data(as_text=True)
    assert "kuasa pemohon" not in _history_row(page, "information_delivered")
