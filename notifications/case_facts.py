"""What a requester's message states that is read when it is sent, not when it was written: the letters it goes
with, and the last day of the requester's next step (``notifications.delivery``).

A message is written inside the run of the change that causes it (``engine.notices.announce``), before that change
issues its letters (``engine.letters.issue.after_task`` runs once the run is closed) and while the change's events
are not flushed yet. When it is sent the change is committed, so the letters' titles and numbers, and the window the
portal's status page shows (``engine.chain``, read here as the page reads it), are there to read.

The letters (the written notice, the superior's response...) travel as PDF attachments of the e-mail when every one
of them is rendered already (``engine.letters.production``: a job after the commit, queued before the message's) and
fits ``KAWAL_EMAIL_ATTACHMENT_MAX_BYTES``; otherwise the message names them and links the status page, where the
requester downloads them. A letter that cannot be read never holds a notice back: it is linked instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from engine import chain, kinds
from engine.files import FileStore
from engine.letters import production, records
from engine.letters.types import TYPES
from engine.models import Case, Letter, Notification
from engine.runtime import Runtime

log = logging.getLogger("kawal.notifications")

# The letters each message goes with, by the kind of letter (engine.letters.types), in the order they are named.
LETTERS = {
    "extension_notice": ("pemberitahuan_perpanjangan",),
    "decision_notice": ("pemberitahuan_tertulis", "pemberitahuan_tidak_lengkap", "keputusan_penolakan"),
    "objection_receipt": ("tanda_terima_keberatan",),
    "objection_response": ("tanggapan_atasan",),
}
# The messages that open a window of the requester's (Pasal 36(1): objection; Pasal 37(2): dispute), and so say its
# last day.
WINDOWS = frozenset({"decision_notice", "objection_response"})


@dataclass
class Facts:
    context: dict = field(default_factory=dict)
    attachments: tuple[tuple[str, str, bytes], ...] = ()


def read(session: Session, rt: Runtime, row: Notification, locale: str) -> Facts:
    """The letters and the window of a requester's message (nothing for any other)."""
    if not row.to_requester or row.case_id is None or (row.event not in LETTERS and row.event not in WINDOWS):
        return Facts()
    case = session.get(Case, row.case_id)
    facts = Facts(context=window(session, rt, case, row.event))
    chosen = letters(session, case, row.event, locale)
    if not chosen:
        return facts
    facts.attachments = _files(rt, chosen) if row.channel == "smtp" else ()
    facts.context["letters"] = [{"title": TYPES[x.kind].title(locale), "number": x.number} for x in chosen]
    facts.context["letters_attached"] = bool(facts.attachments)
    return facts


def letters(session: Session, case: Case, event: str, locale: str) -> list[Letter]:
    """The latest letter of each kind the message goes with that the requester may read, in their language when it
    was translated for them (else the original)."""
    wanted = LETTERS.get(event, ())
    theirs = [x for x in records.for_requester(session, case) if x.kind in wanted]
    latest = {x.kind: x for x in theirs if x.translation_of_id is None}  # oldest first: a correction comes later
    chosen = []
    for kind in wanted:
        original = latest.get(kind)
        if original is None:
            continue
        copy = next((x for x in theirs if x.translation_of_id == original.id and x.locale == locale), None)
        chosen.append(copy or original)
    return chosen


def _files(rt: Runtime, chosen: list[Letter]) -> tuple[tuple[str, str, bytes], ...]:
    """Every letter's file of record, or none: a message says either "attached" or "download", never half."""
    if any(x.status != "ready" and x.scan_storage_key is None for x in chosen):
        return ()
    store = FileStore.of(rt.settings, rt.vault)
    out = []
    try:
        for letter in chosen:
            scan = letter.scan_storage_key is not None  # the signed scan, once uploaded, is the letter of record
            data = production.file_bytes(store, letter, scan=scan)
            media_type = letter.scan_media_type if scan else "application/pdf"
            extension = {"image/png": "png", "image/jpeg": "jpg"}.get(media_type, "pdf")
            out.append((f"{letter.number.replace('/', '-')}.{letter.locale}.{extension}", media_type, data))
    except Exception as exc:  # the notice goes all the same, pointing to the status page
        log.warning("letters of case %s not attached: %s", chosen[0].case_id, type(exc).__name__)
        return ()
    if sum(len(data) for _name, _type, data in out) > rt.settings.email_attachment_max_bytes:
        return ()
    return tuple(out)


def window(session: Session, rt: Runtime, case: Case, event: str) -> dict:
    """The last day of the window the message opens, as the status page shows it (``engine.queries``)."""
    if event not in WINDOWS:
        return {}
    if case.kind == kinds.REQUEST:
        found = chain.objection_windows(rt, session, case, public=True)
        opened = found[0] if found else None
    elif case.kind == kinds.OBJECTION:
        opened = chain.dispute_window(rt, session, case, public=True)
    else:
        opened = None
    if opened is None:
        return {}
    last_day = opened.due_at.astimezone(opened.tz).date()
    return {"window_ends_on": last_day.isoformat(), "window_from_dispatch": not opened.start_known}
