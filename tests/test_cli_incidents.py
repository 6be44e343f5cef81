"""`kawal incidents` on the server: the list in the words of the administrators' page, and closing with a reason.

The list printed each incident's raw error, which may quote whatever the failing code saw (an exception naming a
requester's address); it prints the page's words (api.web.incident_words), never an address nor a message's body.
`kawal incidents close` closes one without retrying, with a reason, as the page and the API do; `--closed` lists the
closed ones with who, when, how and why.
"""

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from api.cli import main
from engine import clock
from engine.db import make_engine, session_factory
from engine.models import Incident

RAW = [
    ("notification:999", "smtp mail.kanwil.example:25: recipient refused (550)"),
    ("case:999", "OperationalError: could not connect to 'ani.wijaya@example.org'"),
    ("quota:filing", "filing quota refused 12 times within a day"),
]


@pytest.fixture
def kawal(db_url, monkeypatch):
    monkeypatch.setenv("KAWAL_DATABASE_URL", db_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return run


@pytest.fixture
def incidents(db_url) -> dict[str, int]:
    """Incidents as the outbox, a job and a quota open theirs: subject -> id."""
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session, session.begin():
            rows = [Incident(subject=s, message=m, attempts=5, created_at=clock.now()) for s, m in RAW]
            session.add_all(rows)
            session.flush()
            return {row.subject: row.id for row in rows}
    finally:
        engine.dispose()


def _incident(db_url, incident_id: int) -> Incident:
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            return session.scalar(select(Incident).where(Incident.id == incident_id))
    finally:
        engine.dispose()


def test_the_list_prints_the_pages_words_for_each_error_never_the_raw_text_nor_an_address(kawal, incidents):
    listed = kawal("incidents", "list")
    assert listed.exit_code == 0, listed.output
    lines = {line.split("\t")[1]: line for line in listed.output.splitlines()}
    mail = lines["notification:999"]
    assert "The mail server mail.kanwil.example:25 refused the recipient's address (code 550)" in mail
    assert "recipient refused (550)" not in mail  # not the raw text
    job = lines["case:999"]
    assert "A background job kept failing (OperationalError)" in job
    assert "ani.wijaya@example.org" not in listed.output  # the address the exception quoted
    assert "could not connect" not in listed.output
    assert "The public's limit on filings was reached 12 times within a day" in lines["quota:filing"]
    assert f"{incidents['quota:filing']}\tquota:filing\t5 attempts\t" in lines["quota:filing"]


def test_an_incident_closed_on_the_server_keeps_its_reason_and_is_listed_with_the_closed_ones(kawal, incidents, db_url):
    incident_id = incidents["notification:999"]
    refused = kawal("incidents", "close", str(incident_id), "--reason", "  ")
    assert refused.exit_code == 1
    assert "--reason: is required" in refused.output
    contact = kawal("incidents", "close", str(incident_id), "--reason", "ditelepon ke 0812 3456 7890")
    assert contact.exit_code == 1
    assert "--reason: holds personal data (phone number)" in contact.output
    assert _incident(db_url, incident_id).resolved_at is None

    done = kawal("incidents", "close", str(incident_id), "--reason", "Alamat salah; PPID menelepon pemohon")
    assert done.exit_code == 0, done.output
    assert f"incident {incident_id} closed without retrying" in done.output
    closed = _incident(db_url, incident_id)
    assert (closed.resolved_by, closed.close_reason) == ("cli", "Alamat salah; PPID menelepon pemohon")
    assert closed.resolved_at is not None
    again = kawal("incidents", "close", str(incident_id), "--reason", "lagi")
    assert again.exit_code == 1
    assert f"incident {incident_id} is already resolved" in again.output

    still_open = kawal("incidents", "list").output
    assert "notification:999" not in still_open
    listed = kawal("incidents", "list", "--closed").output.splitlines()
    assert len(listed) == 1
    assert listed[0].startswith(f"{incident_id}\tnotification:999\t")
    assert "by cli\tclosed: Alamat salah; PPID menelepon pemohon" in listed[0]
    assert kawal("incidents", "close", "999999", "--reason", "x").output.strip().endswith("incident 999999 not found")
