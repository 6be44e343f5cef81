"""A complaint forwarded to another agency, as its reporter is told of it (legal-process.md §7.2 stage 4, §7.5).

The review decides that the complaint is outside the office's authority and names the competent agency (verifikasi:
``diteruskan_instansi_lain``); the forwarding letter, recorded by its task (``surat_penerusan``), sends it there.
Only then was it forwarded, and only then is the reporter told: on their messages page, the agency, the letter's
number and date, the review's reason for them and where else they may go (the Ombudsman, SP4N-LAPOR!); by one mail,
the complaint's referral (engine.notices: ``complaint_referred``), which says the same but the reason, the officer's
words being read on the messages page only. The letter itself is the agency's: it never goes to the reporter. The
page's message is Kawal's words (engine.reporter_words), read in the reader's language; the reason stays as typed.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import kinds, reporter_words
from engine.complaints import tell_reporter_words
from engine.letters.context import task_data
from engine.models import Case, CaseMessage, Letter
from engine.runtime import Runtime

TASK, REVIEW, LETTER = "surat_penerusan", "verifikasi", "surat_penerusan"


def tell_reporter_forwarded(
    session: Session, rt: Runtime, case: Case, author: str, data: dict, issued: list[Letter]
) -> CaseMessage | None:
    """The forwarding letter is recorded (``data``: its task's form; ``issued``: the letters the task issued, among
    them the letter Kawal numbered, when the office gave no number of its own): the reporter's messages page says so.
    Its mail is the referral's, written by the run (``mail=False`` here)."""
    if case.kind != kinds.COMPLAINT or _told(session, case):
        return None
    review = task_data(session, case, REVIEW)
    numbered = next((x.number for x in issued if x.kind == LETTER and x.translation_of_id is None), "")
    params = {
        "agency": (data.get("instansi_tujuan") or review.get("instansi_tujuan") or "").strip(),
        "number": data.get("nomor_surat") or numbered,
        "day": data.get("tanggal") or "",  # ISO: each reader's language writes it
        "reason": (review.get("alasan_untuk_pelapor") or "").strip(),
    }
    return tell_reporter_words(session, rt, case, author, reporter_words.FORWARDED, params, mail=False)


def _told(session: Session, case: Case) -> bool:
    """Whether the reporter was told an outcome already: a complaint reviewed before the forwarding was told at the
    review (the release before this one), and is not told twice."""
    told = select(CaseMessage.id).where(
        CaseMessage.case_id == case.id, CaseMessage.direction == "to_reporter", CaseMessage.kind == "outcome"
    )
    return session.scalar(told.limit(1)) is not None
