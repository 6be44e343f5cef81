"""Letters as records: who may read which, the signed scan that becomes the letter of record, and the
public verification (``/verifikasi/<code>``), which shows no personal data.

A letter addressed to the requester is theirs to read once it is sent (``shown_after``: the superior's
response is written when decided and sent later); every letter of a PPID case is the PPID staff's
(engine.access). The verification answers with the number, date, type, issuing office and sha256 of
the generated PDF (and of the scan of record, when one was uploaded), and refuses a hash that is
neither. A complaint's letter is confirmed as a complaint's document and no more (``COMPLAINT_DOCUMENT``):
its type would tell whoever holds its code that a complaint named persons, went to the Inspectorate, or asked a
unit for clarification (legal-process.md §7: the reporter's and the reported persons' confidentiality).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, clock, complaints
from engine.audit import EventLog
from engine.errors import Conflict, Invalid, NotFound
from engine.files import FileStore, Upload, check
from engine.letters.types import TYPES
from engine.messages import msg
from engine.models import Case, CaseEvent, Letter, User
from engine.run import touch
from engine.runtime import Runtime

_SHA256 = re.compile(r"[0-9a-f]{64}")
# What the public verification calls every letter of a complaint (a type with an audience, engine.letters.types):
# its kind and its title in Bahasa Indonesia and English, the same for each.
COMPLAINT_DOCUMENT = ("dokumen_pengaduan", "Dokumen Pengaduan", "Complaint Document")


def for_case(session: Session, case: Case) -> list[Letter]:
    return list(session.scalars(select(Letter).where(Letter.case_id == case.id).order_by(Letter.id)))


def _completed_tasks(session: Session, case: Case) -> set[str]:
    return {
        data.get("task")
        for (data,) in session.execute(
            select(CaseEvent.data).where(CaseEvent.case_id == case.id, CaseEvent.type == "task_completed")
        )
    }


def for_requester(session: Session, case: Case) -> list[Letter]:
    """The letters addressed to the requester that have been sent to them, oldest first."""
    done = None
    out = []
    for letter in for_case(session, case):
        if not letter.to_requester:
            continue
        if letter.shown_after:
            done = _completed_tasks(session, case) if done is None else done
            if letter.shown_after not in done:
                continue
        out.append(letter)
    return out


def require_letter(session: Session, case: Case, letter_id: int) -> Letter:
    letter = session.get(Letter, letter_id) if isinstance(letter_id, int) and 0 < letter_id < 2**31 else None
    if letter is None or letter.case_id != case.id:
        raise NotFound("letter_not_found")
    return letter


def require_requester_letter(session: Session, case: Case, letter_id: int) -> Letter:
    letter = require_letter(session, case, letter_id)
    if letter not in for_requester(session, case):
        raise NotFound("letter_not_found")
    return letter


def of_record(letter: Letter) -> str:
    """Which file is the letter of record: the signed scan once uploaded, else the generated PDF."""
    return "scan" if letter.scan_storage_key else "generated"


def record_scan(session: Session, rt: Runtime, store: FileStore, user: User, letter: Letter, upload: Upload) -> Letter:
    """The signed scan of a printed letter becomes its letter of record, beside the generated PDF.

    Checked like an attachment (PDF, PNG or JPEG by content, size limit); once only: a different scan
    would be a different letter (a correction).
    """
    if letter.scan_storage_key is not None:
        raise Conflict("letter_scan_exists")
    (checked,) = check([upload], rt.settings.max_attachment_bytes)
    key, kid = store.put(checked.data, session)
    letter.scan_sha256, letter.scan_size, letter.scan_media_type = checked.sha256, checked.size, checked.media_type
    letter.scan_storage_key, letter.scan_key_id = key, kid
    letter.scan_at, letter.scan_by = clock.now(), user.username
    case = session.get(Case, letter.case_id)
    data = {"letter": letter.id, "number": letter.number, "locale": letter.locale, "sha256": checked.sha256}
    EventLog(session).append(case, "letter_scan_recorded", user.username, data)
    touch(case)
    session.flush()
    return letter


@dataclass(frozen=True)
class Verification:
    """What the public page shows of a letter: nothing that names a person."""

    code: str
    number: str
    letter_date: date
    kind: str
    title_id: str
    title_en: str
    locale: str
    office: str
    agency: str
    status: str
    sha256: str | None
    scan_sha256: str | None
    signed: bool
    issued_at: datetime
    corrected_by: str | None
    corrects: str | None
    checked: str | None = None  # "generated", "scan" or "mismatch" when a hash was given


def verify(session: Session, rt: Runtime, code: str, sha256: str | None = None) -> Verification:
    """The public facts of letter ``code``; with ``sha256``, which of its files that hash is (or a mismatch)."""
    letter = session.scalar(select(Letter).where(Letter.code == (code or "").strip().lower()))
    if letter is None:
        raise NotFound("letter_not_found")
    checked = None
    if sha256 is not None:
        given = sha256.strip().lower()
        if not _SHA256.fullmatch(given):
            raise Invalid("sha256_invalid", fields={"sha256": [msg("sha256_invalid")]})
        checked = "generated" if given == letter.sha256 else "scan" if given == letter.scan_sha256 else "mismatch"
    corrected_by = session.scalar(select(Letter.number).where(Letter.corrects_id == letter.id).limit(1))
    corrects = (
        session.scalar(select(Letter.number).where(Letter.id == letter.corrects_id)) if letter.corrects_id else None
    )
    kind = TYPES[letter.kind]
    # The decree of a request granted in part reads "in part": its title by the case's decision.
    outcome = session.scalar(select(Case.outcome).where(Case.id == letter.case_id)) if kind.titled_by_outcome else None
    shown_kind, title_id, title_en = (
        COMPLAINT_DOCUMENT if kind.audience is not None else (letter.kind, *kind.titles(outcome))
    )
    return Verification(
        code=letter.code,
        number=letter.number,
        letter_date=letter.letter_date,
        kind=shown_kind,
        title_id=title_id,
        title_en=title_en,
        locale=letter.locale,
        office=rt.settings.office_name,
        agency=rt.settings.agency_name,
        status=letter.status,
        sha256=letter.sha256,
        scan_sha256=letter.scan_sha256,
        signed=letter.signed,
        issued_at=letter.issued_at,
        corrected_by=corrected_by,
        corrects=corrects,
        checked=checked,
    )


def verify_file(session: Session, rt: Runtime, code: str, data: bytes) -> Verification:
    """The same check for a file someone holds: its sha256 against the letter's."""
    return verify(session, rt, code, hashlib.sha256(data).hexdigest())


def note_read(session: Session, user: User, case: Case, letter: Letter) -> None:
    """An officer opened a letter: recorded as any read of a confidential complaint (engine.complaints.note_read);
    the annex naming the reported persons whatever the reporter's mode, as a read of them on their own page is."""
    what = f"letter:{letter.id}"
    if letter.kind in access.TEAM_ONLY_LETTERS:
        EventLog(session).append(case, "case_read", user.username, {"what": what})
    else:
        complaints.note_read(session, user, case, what)
