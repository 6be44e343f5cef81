"""The outcome notice to a complaint's reporter waits until the complaint team has said who the complaint reports
(engine.complaint_rules, engine.reported_party.said): the drivers of tests that record no one say, before the
notice, that no person is identified, as the team would on the reported-persons page
(tests/api/test_complaint_outcome_names_no_one.py proves the rule)."""

from sqlalchemy import select

from api.extensions import db
from engine import complaint_rules, reported_party
from engine.models import Case

OUTCOME = complaint_rules.OUTCOME
NONE_IDENTIFIED = {"terlapor": [], reported_party.NONE: True}


def say_who_was_reported(client, login, ticket: str) -> None:
    """Say over HTTP that no person is identified, unless the team has said who was reported already."""
    with client.application.app_context():
        said = reported_party.said(db.session.scalar(select(Case).where(Case.ticket == ticket)))
    if not said:
        r = client.put(f"/api/v1/complaints/{ticket}/reported", json=NONE_IDENTIFIED, headers=login("tim"))
        assert r.status_code == 200, r.json
