"""The receipt's "how to receive copies" when a request by e-mail names only the proxy's e-mail (walk report s41,
finding 4): the request form takes e-mail delivery when the requester or their proxy gave an address
(engine.intake), and a proxy with a special power of attorney receives for the requester (legal-process.md §3.2), so
the receipt says that the copies go to the proxy's address, not "by e-mail" to a requester who has none."""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_request_proxy import PROXY, letters, printed
from tests.conftest import request_payload

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
PROXY_MAIL = "rahmat.hidayat@advokat.example"
PHONE_ONLY = {k: v for k, v in request_payload()["requester"].items() if k != "email"}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _receipt(client, desk, login, **overrides) -> str:
    ticket = desk.submit(kuasa={**PROXY, "email": PROXY_MAIL}, **overrides)["ticket"]
    desk.complete(ticket, "periksa_kelengkapan")
    desk.complete(ticket, "registrasi")
    return " ".join(printed(client, login, letters(client, login, ticket)["tanda_bukti_penerimaan"]).split())


def test_a_receipt_by_e_mail_without_the_requester_s_address_says_it_goes_to_the_proxy(client, desk, login):
    receipt = _receipt(client, desk, login, requester=PHONE_ONLY)
    assert f"Cara mendapatkan salinan</td><td>: melalui e-mail, ke alamat kuasa pemohon ({PROXY_MAIL})" in receipt


def test_a_requester_with_an_e_mail_receives_the_copies_at_their_own(client, desk, login):
    receipt = _receipt(client, desk, login)
    assert "Cara mendapatkan salinan</td><td>: melalui e-mail</td>" in receipt
    assert PROXY_MAIL not in receipt
