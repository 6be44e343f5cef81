"""A status answered by SMS or WhatsApp fits two parts of a long SMS (engine.text_status.TEXT_LIMIT, 306
characters): the page's next step whole when it fits, else its first sentence; the link to the page always.

After the Commission's decision the status page's next step names both parties' windows to go to court and when
the decision becomes final: the reply carried it whole, ~390 characters in English, three parts billed to the office.
"""

import pytest
import time_machine
from sqlalchemy import select

from engine import intake, queries, text_status
from engine.models import Case
from tests.conftest import request_payload
from tests.notifications.test_dispute_court_mails import decided
from tests.web.test_portal_dispute_status import SUMMONED
from tests.workflows.conftest import Office

URL = "https://ppid.kanwil.example/publik/status"


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


@pytest.mark.parametrize(
    ("locale", "first_sentence", "more"),
    [
        ("id", "Anda dapat mengajukan keberatan ke pengadilan", "Rincian: "),
        ("en", "you may challenge it in court within 14 working days", "Details: "),
    ],
)
def test_after_the_commission_s_decision_a_texted_status_fits_two_sms_parts_with_the_next_step_s_first_sentence(
    office, locale, first_sentence, more
):
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute = decided(office, clock, locale=locale)
        with office.sessions() as s:
            case = s.scalar(select(Case).where(Case.ticket == dispute))
            page = queries.public_status(s, case, locale, office.rt)
            reply = text_status.status_text(s, office.rt, case, URL)
    assert len(page["next_step"]) > text_status.TEXT_LIMIT - 60  # whole, with the stage and the link, too long
    assert len(reply) <= text_status.TEXT_LIMIT
    assert reply.startswith(f"Kawal {dispute}: {page['status_label']}.")
    said = reply.split(more)[0]
    assert first_sentence in said
    assert said.strip() in f"Kawal {dispute}: {page['status_label']}. {page['next_step']}"  # its first sentence, as is
    assert reply.endswith(f"{more}{URL}")


def test_a_short_next_step_is_texted_whole(office):
    with office.sessions.begin() as s:
        ticket = intake.submit_request(s, office.rt, request_payload()).case.ticket
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        page = queries.public_status(s, case, "id", office.rt)
        reply = text_status.status_text(s, office.rt, case, URL)
    assert page["next_step"]
    assert page["next_step"] in reply
    assert len(reply) <= text_status.TEXT_LIMIT
