"""Finding 7: a message that cannot be built is an incident at once, never a retry loop.

Before, a requester e-mail with CR/LF passed the form check; the mail library then refused to put it
in a header, the sender raised something other than a ``ChannelError``, the row stayed claimed, the
stale-claim sweep put it back, and it was tried again forever without an administrator hearing of it.
Such addresses are now refused at intake (tests/security/test_email_validation.py); one already
stored is planted here directly in the vault.

On SQLite alone: what a failure to build a message becomes is Python's decision over the claimed row; the outbox's
claims and their retries on PostgreSQL are test_reminders.py's (a worker killed mid-message).
"""

from sqlalchemy import select

from engine.models import Case, Incident, Notification, Party
from notifications import delivery
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.reminders.test_reminders import submit

BAD_ADDRESS = "ani@example.org\r\nBcc: everyone@example.org"


def plant_address(svc, case_id: int, email: str) -> None:
    with svc.sessions.begin() as s:
        party = s.get(Party, s.get(Case, case_id).requester_party_id)
        identity = {**svc.runtime.vault.read(party), "email": email}
        party.key_id, party.ciphertext = svc.runtime.vault.seal(identity)


def test_a_message_to_an_address_with_a_line_break_is_an_incident_on_the_first_try(services_for, mailbox):
    """One attempt, then status incident with an Incident row; the error names neither the address nor the body."""
    svc = services_for()
    case_id = submit(svc)
    plant_address(svc, case_id, BAD_ADDRESS)
    with svc.sessions() as s:
        row_id = s.scalar(
            select(Notification.id).where(Notification.case_id == case_id, Notification.to_requester.is_(True))
        )
    with svc.sessions() as s:
        assert delivery.deliver(s, svc.runtime, svc.channels, row_id) == "incident"
    with svc.sessions() as s:
        row = s.get(Notification, row_id)
        assert (row.status, row.attempts) == ("incident", 1)
        assert "example.org" not in row.last_error
        assert s.scalar(select(Incident).where(Incident.subject == f"notification:{row_id}")) is not None
        assert delivery.deliver(s, svc.runtime, svc.channels, row_id) == "not-pending"  # no loop
    assert mailbox.messages == []


def test_any_exception_while_building_a_message_is_an_incident(services_for, monkeypatch):
    """Not only the mail library: whatever raises between the claim and the send ends as an incident."""
    svc = services_for(KAWAL_NOTIFY_CHANNELS="log")
    case_id = submit(svc)
    with svc.sessions() as s:
        row_id = s.scalar(select(Notification.id).where(Notification.case_id == case_id).order_by(Notification.id))

    def broken(_message):
        raise KeyError("surprise")

    monkeypatch.setattr(svc.channels["log"], "send", broken)
    with svc.sessions() as s:
        assert delivery.deliver(s, svc.runtime, svc.channels, row_id) == "incident"
    with svc.sessions() as s:
        assert s.get(Notification, row_id).status == "incident"
