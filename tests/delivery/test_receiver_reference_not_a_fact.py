"""The case page's record of the hand-over names no vault row: a legal entity's receiver is sealed in the vault
(``yang_menerima_party_id`` in the task's data is a reference, as a proxy's ``kuasa_party_id`` is), and the page
never shows it as "Yang menerima party id: 17" (api.web.facts keeps such references out of the case's facts)."""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.delivery.conftest import walk_to_delivery
from tests.delivery.test_legal_entity_receiver import ENTITY, RECEIVER, _given
from tests.helpers import GRANT_REQUEST
from tests.web.pages import text as page_text


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=True):
        yield


def test_the_case_page_shows_no_party_reference_of_the_hand_over_s_receiver(desk, browser):
    ticket = walk_to_delivery(desk, **GRANT_REQUEST, **ENTITY)["ticket"]
    desk.complete(ticket, "penyerahan_informasi", _given(desk, ticket, yang_menerima=RECEIVER))
    page = page_text(browser("ppid").get(f"/kasus/{ticket}"))
    assert "Cara penyerahan" in page  # the hand-over is on the page
    assert "party id" not in page.lower()
    assert "party_id" not in page
