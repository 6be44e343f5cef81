"""Making a pending letter's PDF, after the commit that issued it (STYLE.md rule 11: future work lives in a table).

A ``pending`` letter row is the job: ``notifications.jobs.render_letter`` (RQ, or the embedded clock's
reconcile, which sweeps pending rows by ``(status, issued_at)``) reads its content (``prepare``), makes
the PDF with no transaction open (``produce``: the slow part, ~0.1 s), then stores it encrypted and marks
the row ``ready`` with the PDF's sha256 and the time it was made, in a short transaction (``record``). A run
that finds the row no longer pending does nothing: two workers never store two PDFs for one letter.

The same transaction appends ``letter_rendered`` with the PDF's sha256 to the case's history, so the audit
export carries the hash of every letter (issue 14: "the audit export (hash only)"). The history's head and
the case's optimistic lock live on the case row: an officer completing a task on the case at that very
moment conflicts, and the boundary runs the completion again on the new state (api.boundary.retried);
nothing of the lost attempt was kept. A failure is counted
(``note_failure``); after ``MAX_ATTEMPTS`` the letter is ``failed``, the case page says so and an admin
retries it (notifications.incidents).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.orm import Session

from engine import clock
from engine.audit import EventLog
from engine.files import FileStore
from engine.letters import render
from engine.letters.issue import unseal
from engine.models import Case, Letter
from engine.runtime import Runtime

MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Job:
    letter_id: int
    content: dict


def prepare(session: Session, rt: Runtime, letter_id: int) -> Job | None:
    """The content of a letter still waiting for its PDF, or None (done already, failed, or gone)."""
    letter = session.get(Letter, letter_id)
    if letter is None or letter.status != "pending":
        return None
    return Job(letter.id, unseal(rt, letter))


def produce(rt: Runtime, job: Job) -> bytes:
    """The PDF (render.pdf): no database work, so no transaction waits on it."""
    return render.pdf(rt.settings, job.content)


def record(session: Session, rt: Runtime, store: FileStore, letter_id: int, pdf: bytes) -> Letter | None:
    """Store the PDF and mark the letter ready, once; None when another run did it first. The caller commits."""
    digest = hashlib.sha256(pdf).hexdigest()
    key, kid = store.put(pdf, session)  # removed again if this transaction rolls back
    claimed = session.execute(
        update(Letter)
        .where(Letter.id == letter_id, Letter.status == "pending")
        .values(
            status="ready",
            sha256=digest,
            size=len(pdf),
            storage_key=key,
            key_id=kid,
            signed=rt.settings.signing_key is not None,
            rendered_at=clock.now(),
            last_error=None,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        session.rollback()
        return None
    letter = session.get(Letter, letter_id)
    session.refresh(letter)
    case = session.get(Case, letter.case_id)
    data = {"letter": letter.id, "number": letter.number, "locale": letter.locale, "sha256": digest}
    EventLog(session).append(case, "letter_rendered", "system", data)
    session.flush()
    return letter


def note_failure(session: Session, letter_id: int, error: BaseException) -> str | None:
    """Count a failed attempt; the letter is ``failed`` after MAX_ATTEMPTS. Returns its status. The caller commits."""
    letter = session.get(Letter, letter_id)
    if letter is None or letter.status != "pending":
        return None
    letter.attempts += 1
    letter.last_error = f"{type(error).__name__}: {error}"[:2000]
    if letter.attempts >= MAX_ATTEMPTS:
        letter.status = "failed"
    return letter.status


def retry(letter: Letter) -> None:
    """A failed letter goes back to pending (an admin retries its incident)."""
    if letter.status == "failed":
        letter.status, letter.attempts, letter.last_error = "pending", 0, None


def file_bytes(store: FileStore, letter: Letter, scan: bool = False) -> bytes:
    """The stored PDF (or the uploaded scan), checked against the sha256 recorded when it was stored."""
    key, kid, digest = (
        (letter.scan_storage_key, letter.scan_key_id, letter.scan_sha256)
        if scan
        else (letter.storage_key, letter.key_id, letter.sha256)
    )
    if key is None:
        raise LookupError("no file stored for this letter")
    data = store.get(key, kid)
    if hashlib.sha256(data).hexdigest() != digest:
        raise RuntimeError(f"letter {letter.number}: stored file does not match its sha256")
    return data
