"""Internal notes on a case: what officers tell each other, with @mentions and their own files.

A note is never shown to the requester or reporter and never goes into a letter: it lives in its own
table (``CaseNote``), which the portal, the letters (engine.documents) and the public status never read.
Who reads a case's notes: the case's team (engine.access.case_team), never a unit the case was referred to:
notes are free text, which may name the requester, and a unit reads only the fields marked for it; a unit
referred a complaint may be the party complained about (``access.can_read_notes``). Each note is an event of
the case (``note_added``) holding its id, a sha256 of its text and its files' hashes, never the text itself:
the history and its exports stay free of what officers write about people. An ``@username`` of an officer who
may read the notes tells them through the outbox (``note_mention``); files share the encrypted store of the
complaint attachments. A note on a complaint holds no one's NIK, phone number or e-mail address, the reporter's least
of all: it is refused (engine.officer_text).
"""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, clock, officer_text
from engine.audit import EventLog
from engine.errors import Invalid, NotFound
from engine.files import FileStore, Upload, check, keep
from engine.ids import in_range
from engine.messages import msg
from engine.models import Attachment, Case, CaseNote, User
from engine.outbox import Outbox
from engine.run import touch
from engine.runtime import Runtime

MAX_BODY = 4000
MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9._]{1,80})")


def mentioned(body: str) -> list[str]:
    """The usernames ``@named`` in a note, each once, in order (a trailing full stop is punctuation)."""
    return list(dict.fromkeys(name.rstrip(".") for name in MENTION.findall(body) if name.rstrip(".")))


def add_note(
    session: Session, rt: Runtime, store: FileStore, user: User, case: Case, body: str, uploads: list[Upload]
) -> CaseNote:
    """Write an internal note (with files) on ``case``; mentioned colleagues are told. The caller commits."""
    access.require_write_notes(user, case)
    text = (body or "").strip()
    fields: dict[str, list] = {}
    if not text:
        fields["body"] = [msg("note_empty")]
    elif len(text) > MAX_BODY:
        fields["body"] = [msg("max_length", max=MAX_BODY)]
    names = mentioned(text)
    colleagues = {
        u.username: u
        for u in session.scalars(select(User).where(User.username.in_(names), User.active.is_(True)))
        if names
    }
    unknown = [
        n for n in names if n not in colleagues or not access.can_read_notes(colleagues[n], case, session=session)
    ]
    if unknown:
        fields["body"] = fields.get("body", []) + [msg("mention_unknown", name=n) for n in unknown]
    if fields:
        raise Invalid("invalid_data", fields=fields)
    officer_text.require_note(session, rt, case, text)  # on a complaint: no one's NIK, phone or e-mail
    checked = check(uploads, rt.settings.max_attachment_bytes)
    now = clock.now()
    note = CaseNote(case_id=case.id, author_id=user.id, body=text, mentions=names, created_at=now)
    session.add(note)
    session.flush()
    files = [keep(session, store, case.id, item, now, note_id=note.id) for item in checked]
    session.flush()
    EventLog(session).append(
        case,
        "note_added",
        user.username,
        {
            "note_id": note.id,
            "sha256": hashlib.sha256(text.encode()).hexdigest(),
            "mentions": names,
            "attachments": [
                {"id": f.id, "sha256": f.sha256, "size": f.size, "media_type": f.media_type} for f in files
            ],
        },
    )
    told = [colleagues[n].id for n in names if colleagues[n].id != user.id]
    if told:
        current = next((t.title for t in case.tasks if t.state == "open"), "-")
        context = {"deadline": None, "task_title": current, "author": user.username}
        outbox = Outbox(session, rt.settings.notify_channels)
        outbox.to_users(case, "note_mention", f"note{note.id}", told, context)
        outbox.write()
    touch(case)
    return note


def notes_of(session: Session, user: User, case: Case) -> list[CaseNote]:
    """The case's notes, oldest first, for a reader who may read them (else none)."""
    if not access.can_read_notes(user, case, session=session):
        return []
    return list(session.scalars(select(CaseNote).where(CaseNote.case_id == case.id).order_by(CaseNote.id)))


def note_attachment(session: Session, user: User, case: Case, attachment_id: int) -> Attachment:
    """A file of one of the case's notes, for a reader of its notes; 404 otherwise."""
    row = session.get(Attachment, attachment_id) if in_range(attachment_id) else None
    if row is None or row.case_id != case.id or row.note_id is None or not access.can_read_notes(user, case, session):
        raise NotFound("attachment_not_found")
    return row
