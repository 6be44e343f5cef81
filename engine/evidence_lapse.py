"""What a complaint's evidence lapse leads to: the one answer every page, letter, form and mail words it from.

A complaint whose reporter never sends the evidence asked for (the BUKTI window lapsed, the team confirmed it:
workflows/pengaduan.bpmn) closes one of two ways (legal-process.md §7.4, last row), and late evidence reopens either:

- ``WITHDRAWN``: deemed withdrawn (Dianggap Dicabut), a named complainant who left the file incomplete (§7.4 row 1);
- ``NOT_ACTIONABLE``: an anonymous complaint that cannot be clarified is not actionable (Tidak Dapat
  Ditindaklanjuti) and kept as bahan informasi for audit planning (§7.3 product rule 4, the Inspectorate General's
  practice; §7.4 row 3).

Which one is the case's process version's to say, not the reporter's mode alone: a case keeps the version it started
on (engine.runtime), and only since pengaduan version 4 does the step that marks the lapse choose by the mode. An
anonymous case started on version 3 is deemed withdrawn, and is told so everywhere, since that is what will happen
to it. The version's steps are the runtime's (``Runtime.steps``, read once per version and process).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine import kinds, status
from engine.models import Case
from engine.runtime import Runtime

WITHDRAWN, NOT_ACTIONABLE = "withdrawn", "not_actionable"
# The step of pengaduan version 4 that marks the lapse and chooses the closing by the reporter's mode (version 3's,
# tandai_dianggap_dicabut, deemed every complaint withdrawn).
BRANCH_STEP = "tandai_tutup_tanpa_bukti"
# The key under which a task's instructions (engine.instructions) and a mail's context (notifications.case_facts)
# carry the answer.
KEY = "akibat_tanpa_bukti"


def consequence(session: Session, case: Case, rt: Runtime) -> str:
    """``NOT_ACTIONABLE`` when ``case``'s evidence lapse closes it as not actionable (an anonymous complaint on a
    process version with the anonymous branch), else ``WITHDRAWN`` (a named complaint, or any on version 3)."""
    if case.kind != kinds.COMPLAINT or case.reporter_mode != "anonim":
        return WITHDRAWN
    if case.status in status.ANONYMOUS_CLOSINGS:  # it took the branch, whatever else is read
        return NOT_ACTIONABLE
    return NOT_ACTIONABLE if branched(session, case.process_version_id, rt) else WITHDRAWN


def branched(session: Session, version_id: int | None, rt: Runtime) -> bool:
    """Whether the process version ``version_id`` has the step that closes an anonymous complaint as not actionable:
    by ``rt``'s steps of it (no query once the runtime has read the version)."""
    return version_id is not None and BRANCH_STEP in rt.steps(session, version_id)
