"""The request's status page names the objection already filed on it (walk report 41, findings 13 and 11).

After the superior decided the objection, the request's page still offered "File an objection" with no mention of
the one filed: the requester could not tell whether theirs counted. The objection window now names it (with its
stage, linked to its own page) and offers another only on a ground it did not raise. Before any objection, the
window reads as before.

The dispute's page showed the applicant "Respondent Preparing", the office's own stage: it says what the applicant
waits for, the first hearing.
"""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.web.test_portal_dispute_status import RECEIVED, _answered_objection, _page, _request
from tests.workflows.conftest import Office
from tests.workflows.test_keberatan_paths import _decided


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def test_the_request_page_names_the_objection_decided_and_offers_another_only_on_another_ground(browser, office):
    with time_machine.travel(RECEIVED, tick=True) as clock:
        objection, code = _answered_objection(office, clock)
        request = _request_of(office, objection)
        indonesian = _page(browser, request, code)
        english = _page(browser, request, code, "en")
    assert f"Anda sudah mengajukan keberatan atas permohonan ini: {objection} (" in indonesian
    assert "Ajukan keberatan atas alasan lain" in indonesian
    assert f"You have already filed an objection on this request: {objection} (" in english
    assert "Follow it on its own page. File another only on a ground it did not raise." in english
    assert "File an objection on another ground" in english


def test_before_any_objection_the_window_offers_one_as_before(browser, office):
    with time_machine.travel(RECEIVED, tick=True):
        request, code = _request(office)
        _decided(office, ticket=request)
        english = _page(browser, request, code, "en")
    assert "File an objection" in english
    assert "already filed an objection" not in english
    assert "on another ground" not in english


def test_the_dispute_page_tells_the_applicant_they_await_the_first_hearing(browser, office):
    with time_machine.travel(RECEIVED, tick=True) as clock:
        objection, code = _answered_objection(office, clock)
        clock.move_to(datetime(2026, 12, 14, 3, 0, tzinfo=UTC))
        dispute = office.dispute(objection, diajukan_ke_ki="2026-12-10", sidang_pertama="2027-01-06T09:00:00+07:00")
        indonesian = _page(browser, dispute, code)
        english = _page(browser, dispute, code, "en")
    assert "Menunggu Sidang Pertama" in indonesian
    assert "Awaiting the First Hearing" in english
    assert "Respondent Preparing" not in english
    assert "Persiapan Termohon" not in indonesian


def _request_of(office, objection: str) -> str:
    from sqlalchemy import select

    from engine.models import Case

    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == objection))
        return s.get(Case, case.parent_id).ticket
