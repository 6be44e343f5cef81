"""The apology when the superior never answers an objection (A30 lapsed: 30 working days, UU 14/2008 Pasal 35(1)
huruf e and 37(2)) names the Komisi Informasi the requester may bring the dispute to, as the superior's response
would have (tests/notifications/test_commission_mail.py): the office's setting (KAWAL_COMMISSION_NAME, its address
and website), or the one the superior named when deciding a response that never went out.

The apology said only "kepada Komisi Informasi", naming none, while the response's mail and the status page named the
office's own. Sent by the sender the RQ job runs, through a real SMTP server (tests/smtp.py), read in the language the
requester filed in. On SQLite alone: the Commission read back from the case's history is proved on PostgreSQL
by tests/notifications/test_commission_mail.py (the superior's naming one); the apology's words are Python's over
the same rows.
"""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.notifications.test_commission_mail import ADDRESS, JATIM, WEBSITE, settings_overrides  # noqa: F401
from tests.notifications.test_mail_words import RECEIVED, decided, filed, send
from tests.workflows.conftest import Office
from tests.workflows.test_keberatan_paths import REASONS, _to_superior

# The objection is received Wed 2 Dec 2026 (the clock of test_mail_words): A30 ends Mon 18 Jan 2027 on the strict
# reading and Tue 19 Jan 2027, 16:00 WIB on the lenient one (tests/workflows/test_legal_lateness.py). The day after,
# it is late on every reading: the requester is sent the apology.
AFTER_A30 = datetime(2027, 1, 20, 3, 0, tzinfo=UTC)  # Wed 20 Jan 2027, 10:00 WIB


@pytest.fixture
def clock():
    """The objection's day, as test_mail_words's: Wed 2 Dec 2026, 10:00 WIB."""
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _apology(app, settings, mailbox, office, clock, locale, decision=None):
    """A refused request's objection before the superior, who never sends a response (``decision``: what the superior
    recorded without sending it, if anything): the requester's apology once A30 has lapsed on every reading."""
    request, _code = filed(office, locale)
    decided(office, request)
    objection = office.objection(request)
    _to_superior(office, objection)
    if decision is not None:
        office.complete(objection, "putuskan_keberatan", decision)
    clock.move_to(AFTER_A30)
    office.run(objection)
    [mail] = send(app, settings, mailbox, "overdue_apology")
    return " ".join(mail.text.split())


def test_the_apology_for_an_unanswered_objection_names_the_office_s_commission_with_its_address_and_website(
    app, settings, mailbox, office, clock
):
    said = _apology(app, settings, mailbox, office, clock, "id")
    assert f"penyelesaian sengketa informasi kepada {JATIM} paling lambat 14 (empat belas) hari kerja" in said
    assert f"Alamat : {ADDRESS}" in said
    assert f"Situs web : {WEBSITE}" in said
    assert "kepada Komisi Informasi paling lambat" not in said


def test_the_english_apology_for_an_unanswered_objection_names_the_office_s_commission(
    app, settings, mailbox, office, clock
):
    said = _apology(app, settings, mailbox, office, clock, "en")
    assert f"before the Information Commission competent for this office, {JATIM}, within 14 (fourteen)" in said
    assert f"Address : {ADDRESS}" in said
    assert f"Website : {WEBSITE}" in said
    assert "Alamat" not in said
    assert "(Komisi Informasi)" not in said


@pytest.mark.parametrize("locale", ["id", "en"])
def test_the_commission_a_superior_named_in_a_response_never_sent_is_the_one_the_apology_names(
    app, settings, mailbox, office, clock, locale
):
    """The superior decided, naming the Central Commission for this case, but the response never went out: A30 is
    met only by its dispatch, so the requester is sent the apology, naming the Commission the decision named, and
    not the address or website of the office's own."""
    upheld = {"keputusan": "keberatan_ditolak", "tanggal_keputusan": "2026-12-02", "alasan_tertulis": REASONS}
    said = _apology(
        app, settings, mailbox, office, clock, locale, {**upheld, "komisi_informasi": "Komisi Informasi Pusat"}
    )
    assert "Komisi Informasi Pusat" in said
    assert JATIM not in said
    assert ADDRESS not in said
    assert WEBSITE not in said
