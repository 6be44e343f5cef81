"""A complaint's reporter changes where Kawal tells them of their report: their e-mail address, phone number and
language, with the ticket and access code.

A reporter whose e-mail changed misses the team's question and its window (30 days, or 10 working days through
SP4N-LAPOR!): the complaint is then deemed withdrawn. The PPID desk corrects a requester's data
(engine.requester_data), but no officer may read a reporter's identity without cause (engine.complaints; a
whistleblower's only through two officers' approval), so the reporter changes their contact themselves, as the
one holding the code; their name and NIK are not theirs to rewrite later (the team reads them only to protect or
contact them).

- The contact is given again in full: a field left out is removed (a reporter who no longer wants messages
  follows the report on the status page). The language, left out, stays. Checked by the complaint form's rules.
- The party is sealed again; the case records ``reporter_contact_changed`` with the names of the fields that
  changed, never their values, as done by ``pelapor`` (the reporter, never by name).
- The reporter is told at the new contact and at the one it replaced (engine.former_contacts), with no content
  (as every message to a reporter): a stranger who learned the code and redirected the messages is seen at the
  old address.
- The page never shows the contact on file: a code that leaked must not show a stranger the reporter's e-mail.
- An anonymous report has no contact to change: its reporter gave none and follows it with the code alone.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine import former_contacts, kinds, languages
from engine.audit import EventLog
from engine.complaints import FORM as COMPLAINT_FORM
from engine.complaints import REPORTER
from engine.errors import Invalid, NotFound
from engine.forms import errors_in
from engine.intake import language_property
from engine.models import Case, Party
from engine.notices import PORTAL_HINT
from engine.outbox import Outbox
from engine.run import touch
from engine.runtime import Runtime

EVENT = "reporter_contact_changed"  # the history's event and the reporter's message
FIELDS = ("email", "phone")


def can_change(case: Case) -> bool:
    """A complaint whose reporter gave an identity (not an anonymous one)."""
    return case.kind == kinds.COMPLAINT and case.reporter_mode != "anonim" and case.requester_party_id is not None


def form_schema(rt: Runtime) -> dict:
    """The complaint form's e-mail and phone, and the language of the reporter's messages."""
    reporter = rt.forms.schema(COMPLAINT_FORM)["properties"]["pelapor"]["properties"]
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            **{name: reporter[name] for name in FIELDS},
            "locale": language_property("Bahasa pesan", "Language of the messages"),
        },
    }


def change(session: Session, rt: Runtime, case: Case, payload: dict) -> tuple[str, ...]:
    """Replace the reporter's contact with ``payload``'s; the names of the fields that changed (none: nothing
    recorded). One transaction (the caller's); see the module's docstring."""
    if not can_change(case):
        raise NotFound("no_reporter_contact")
    errors = errors_in(form_schema(rt), payload)
    if errors:
        raise Invalid("invalid_data", fields=errors)
    party = session.get(Party, case.requester_party_id)
    before = rt.vault.read(party)
    after = {key: value for key, value in before.items() if key not in FIELDS}
    after |= {name: payload[name] for name in FIELDS if payload.get(name)}
    after["locale"] = payload.get("locale") or before.get("locale") or languages.DEFAULT
    changed = [name for name in FIELDS if before.get(name) != after.get(name)]
    if after["locale"] != (before.get("locale") or languages.DEFAULT):
        changed.append("locale")
    if not changed:
        return ()
    party.key_id, party.ciphertext = rt.vault.seal(after)
    touch(case)
    EventLog(session).append(case, EVENT, REPORTER, {"fields": changed})
    outbox = Outbox(session, rt.settings.notify_channels)
    cause = f"contact{case.event_seq}"  # one message a change (the case's history grew by one)
    told = {"deadline": None, "fields": changed, "portal_hint": PORTAL_HINT}
    outbox.to_requester(case, EVENT, cause, told)
    former_contacts.tell(outbox, rt, case, EVENT, cause, before, after, told)  # a stranger with the code is seen
    outbox.write()
    session.flush()
    return tuple(changed)
