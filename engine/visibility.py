"""Which recorded fields of a case a reader sees (ASVS 8.2.3, field-level authorization).

Every form field is private to the case's team (``access.case_team``) unless its JSON Schema marks
it ``"x-visible-to": [group codes]``. A unit referred a complaint thus reads what the referral gives
it (the team's summary, the unit named, its own answers), never the team's verification reason,
classification or questions to the reporter; a new field nobody marked stays private. The pseudo-group
``access.REQUESTER`` marks what the requester or reporter reads in the portal's letters.

Every page and export that shows recorded data asks here: the task (API and page), the case's
details, a complaint's documents and the portal's letters. The case history, which holds every
field, is for the team only (``access.can_read_history``); the evidence bundle and the audit export
are for readers who are always of the team (PPID officers, auditors).
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import kinds
from engine.forms import FormRegistry
from engine.models import Case, CaseEvent, HumanTask

VISIBLE_TO = "x-visible-to"
# The form each kind of case is filed with: its ``details`` are that form's fields.
INTAKE_FORMS = {
    kinds.REQUEST: "permohonan.json",
    kinds.OBJECTION: "keberatan.json",
    kinds.DISPUTE: "sengketa.json",
    kinds.COMPLAINT: "pengaduan.json",
}

Readers = frozenset[str] | None
"""``None``: reads every field (the case's team); else the groups whose marks open a field."""


def visible_names(schema: dict, readers: frozenset[str]) -> frozenset[str]:
    """The top-level fields of ``schema`` marked visible to one of ``readers``."""
    return frozenset(
        name
        for name, node in schema.get("properties", {}).items()
        if isinstance(node, dict) and readers & set(node.get(VISIBLE_TO, ()))
    )


def shown(forms: FormRegistry, form: str | None, data: dict, readers: Readers) -> dict:
    """``data`` recorded with ``form``, cut to what ``readers`` may see (all of it for the team)."""
    if readers is None:
        return dict(data)
    try:
        schema = forms.schema(form) if form else {}
    except LookupError:
        schema = {}  # a form that no longer exists marks nothing visible
    allowed = visible_names(schema, readers)
    return {key: value for key, value in data.items() if key in allowed}


def details(forms: FormRegistry, case: Case, readers: Readers) -> dict:
    """The case's details (its intake form's fields) as ``readers`` may see them."""
    return shown(forms, INTAKE_FORMS.get(case.kind), case.details or {}, readers)


def completed(session: Session, forms: FormRegistry, case: Case, readers: Readers) -> Iterator[tuple[str, dict]]:
    """Each completed task of the case, oldest first: its BPMN id and its data as ``readers`` may see it."""
    form_of = {}  # the team reads every field: no form is asked which ones it marks
    if readers is not None:
        form_of = dict(session.execute(select(HumanTask.id, HumanTask.form).where(HumanTask.case_id == case.id)).all())
    for (data,) in session.execute(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == "task_completed")
        .order_by(CaseEvent.seq)
    ):
        yield data.get("task", ""), shown(forms, form_of.get(data.get("task_id")), data.get("data", {}), readers)


def recorded(session: Session, forms: FormRegistry, case: Case, readers: Readers) -> dict:
    """What the case's tasks recorded, later values over earlier ones, as ``readers`` may see it."""
    out: dict = {}
    for _task, data in completed(session, forms, case, readers):
        out.update(data)
    return out
