"""The requester's status page in English quotes what the officers typed (what is missing, the reasons of a decision
or of the superior) as they wrote it, in Indonesian: it says so, as the public information list says of its entries,
and marks the missing items as Indonesian for a screen reader (WCAG 3.1.2). The Indonesian page says nothing of it."""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_chain_api import decided
from tests.web.test_portal_status_page import _incomplete, opened, section

NOTE = "The officers' own words in these letters (reasons, what is missing, instructions) are quoted as they wrote"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=True):
        yield


def test_what_is_missing_is_marked_as_the_officer_s_indonesian_words(browser, desk):
    receipt = _incomplete(desk)
    _b, page = opened(browser, receipt, "en")
    how = section(page, "next-title")
    assert '<span lang="id">Salinan KTP</span>' in how
    assert "(as the officer wrote it, in Indonesian)" in how
    _b, indonesian = opened(browser, receipt, "id")
    assert "missing-language-note" not in indonesian
    assert "Salinan KTP" in section(indonesian, "next-title")


def test_the_letters_sent_say_the_officers_words_in_them_are_in_indonesian(browser, desk):
    receipt = decided(desk)
    _b, page = opened(browser, receipt, "en")
    assert NOTE in " ".join(section(page, "letters-title").split())
    _b, indonesian = opened(browser, receipt, "id")
    assert "letters-language-note" not in indonesian
