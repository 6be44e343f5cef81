"""A case's subject in one line: what the inbox shows beside the ticket and what its text search reads.

Each kind takes it from one field of its intake form (``SUBJECT_FIELDS``), so whether a reader may see
the subject is whether they may see that field (engine.visibility): a unit referred a complaint sees its
matter only if the complaint form marks ``pokok_masalah`` visible to it.

A complaint's reporter's own subject line is the complaint team's alone (legal-process.md §7.3 rules 1 and 3, as
engine.complaints.details_read_by reads the details): every other reader reads the subject the team recorded when it
recorded the complaint (``team_subjects``), or none before it has.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, kinds, visibility
from engine.models import Case, CaseEvent, User

SUBJECT_FIELDS = {
    kinds.REQUEST: "information",
    kinds.OBJECTION: "kasus_posisi",
    kinds.DISPUTE: "nomor_register",
    kinds.COMPLAINT: "pokok_masalah",
}
MAX_LENGTH = 300  # the column's width; the full text stays in the case's details
# Where the complaint team records a complaint's subject in its own words, without anyone's name
# (pengaduan_catat_pengaduan.json ``pokok_masalah``, ``x-no-names``): engine.complaints.SUMMARY_TASK.
TEAM_TASK, TEAM_FIELD = "catat_pengaduan", "pokok_masalah"
TEAM_FORM = "pengaduan_catat_pengaduan.json"
# Which of a complaint's subject lines a reader reads (``complaint_subject_read_by``).
REPORTERS, TEAMS = "reporter", "team"


def subject_of(kind: str, details: dict) -> str:
    """The subject of a case of ``kind`` with these intake ``details``: one line, at most ``MAX_LENGTH``."""
    value = details.get(SUBJECT_FIELDS.get(kind, ""), "")
    if kind == kinds.DISPUTE and value:
        value = f"{details.get('ki', '')} {value}".strip()
    text = " ".join(str(value or "").split())
    return text if len(text) <= MAX_LENGTH else text[: MAX_LENGTH - 1] + "…"


def team_subjects(session: Session, case_ids: list[int]) -> dict[int, str]:
    """The subject the complaint team recorded for each of these complaints (its last recording), by case id; a
    complaint the team has not recorded yet is absent. Read from the tasks' completions, as
    engine.complaints.team_summary reads the team's summary."""
    found: dict[int, str] = {}
    if not case_ids:
        return found
    events = select(CaseEvent.case_id, CaseEvent.data).where(
        CaseEvent.case_id.in_(case_ids),
        CaseEvent.type == "task_completed",
        CaseEvent.data["task"].as_string() == TEAM_TASK,  # the team's recordings only, as exemptions.decisions
    )
    for case_id, data in session.execute(events.order_by(CaseEvent.case_id, CaseEvent.seq)):
        subject = (data.get("data") or {}).get(TEAM_FIELD)
        if subject:
            found[case_id] = subject
    return found


def readable_kinds(forms, user: User) -> frozenset[str]:
    """The kinds of case whose subject ``user`` may read in a list (and so search by its words): a complaint's, the
    reporter's own words, for its team only (engine.complaints.details_read_by)."""
    shown = set()
    for kind, name in SUBJECT_FIELDS.items():
        readers = access.field_readers(user, Case(kind=kind))
        if readers is None:
            if kind != kinds.COMPLAINT or access.is_complaint_team(user):
                shown.add(kind)
            continue
        try:
            schema = forms.schema(visibility.INTAKE_FORMS[kind])
        except LookupError:
            continue
        if name in visibility.visible_names(schema, readers):
            shown.add(kind)
    return frozenset(shown)


def complaint_subject_read_by(forms, user: User) -> Literal["reporter", "team"] | None:
    """Which subject line of a complaint ``user`` reads, wherever complaints are listed (the inbox, the search, the
    complaint register): the reporter's own (``REPORTERS``: the complaint team), the one the team recorded
    (``TEAMS``: a reader of every recorded field, as an auditor, or one the team's form marks that field visible to),
    or none."""
    if kinds.COMPLAINT in readable_kinds(forms, user):
        return REPORTERS
    if access.is_complaint_team(user):
        return None
    readers = access.field_readers(user, Case(kind=kinds.COMPLAINT))
    if readers is None:
        return TEAMS
    try:
        schema = forms.schema(TEAM_FORM)
    except LookupError:
        return None
    return TEAMS if TEAM_FIELD in visibility.visible_names(schema, readers) else None
