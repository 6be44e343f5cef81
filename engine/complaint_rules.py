"""A complaint's tasks checked against the case's own record (pengaduan.bpmn, legal-process.md §7.2), beyond their
forms' JSON Schemas; ``inbox.complete_task`` calls ``check`` after the schema, so the API (422) and the task page
(messages beside the fields) say the same thing, and nothing is changed by a refused form.

- A re-referral (``disposisi_ulang``, to another unit) names a unit other than the one that has just answered that
  the report is not its matter (stage 4: the competent unit). The task page does not offer that unit
  (``units_offered``).
- The follow-up (``tindak_lanjut``) of an examination whose report recorded a state loss at or above
  ``KAWAL_KPK_REFERRAL_THRESHOLD`` (default Rp1 billion) is a referral to the KPK or says why not
  (``alasan_bukan_kpk``). Stage 7's "cases with state loss >= Rp1 billion go to the KPK" is [V2], from a secondary
  description of the procedure (S26); the threshold is that of the KPK's own competence (UU 30/2002 Pasal 11 as
  amended by UU 19/2019 [GK]), which does not oblige an agency to refer to the KPK rather than to the police or the
  prosecutor. So a reason is asked, not the referral forced, and the office sets the threshold (0: not asked).
- The outcome notice (``pemberitahuan_hasil``, stage 9: told "within the limits of confidentiality") waits until the
  team has said who the complaint reports (engine.reported_party.said: a person on file, or none identified), so that
  the names check of what the reporter receives (engine.reported_party.unnamed) has the names it refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import kinds, reported_party
from engine.errors import Invalid
from engine.letters.context import task_data
from engine.messages import Money, msg
from engine.models import Case, HumanTask, Unit
from engine.runtime import Runtime

RE_REFERRAL, UNIT_ANSWER = "disposisi_ulang", "klarifikasi_unit"
TO_ANOTHER_UNIT = "unit_lain"
FOLLOW_UP, EXAMINATION = "tindak_lanjut", "pemeriksaan"
TO_KPK = "rujukan_kpk"
LOSS, KPK_REASON = "kerugian_negara", "alasan_bukan_kpk"
OUTCOME, OUTCOME_TEXT = "pemberitahuan_hasil", "ringkasan_untuk_pelapor"


def declining_unit(session: Session, case: Case) -> Unit | None:
    """The unit whose answer sent the complaint back to the team: the unit of its latest answered clarification
    request (a re-referral follows only a unit's "not our matter"). Only the latest: a unit that declined an earlier
    referral may be chosen again (what it holds may have changed since; legal-process.md §7.2 limits the rounds,
    not the units)."""
    return session.scalar(
        select(Unit)
        .join(HumanTask, HumanTask.unit_id == Unit.id)
        .where(HumanTask.case_id == case.id, HumanTask.bpmn_id == UNIT_ANSWER, HumanTask.state == "completed")
        .order_by(HumanTask.completed_at.desc(), HumanTask.id.desc())
        .limit(1)
    )


def units_offered(session: Session, task: HumanTask, units: Iterable) -> list:
    """The units a task's referral field offers: on a re-referral, every one but the unit that has just declined."""
    units = list(units)
    if task.bpmn_id != RE_REFERRAL or task.case.kind != kinds.COMPLAINT:
        return units
    declined = declining_unit(session, task.case)
    return [u for u in units if declined is None or u.code != declined.code]


def _re_referral(session: Session, rt: Runtime, case: Case, data: dict) -> dict:
    if data.get("langkah_disposisi") != TO_ANOTHER_UNIT:
        return {}
    declined = declining_unit(session, case)
    if declined is not None and data.get("unit_tujuan") == declined.code:
        return {"unit_tujuan": [msg("unit_declined_referral", unit=declined.name or declined.code)]}
    return {}


def _follow_up(session: Session, rt: Runtime, case: Case, data: dict) -> dict:
    threshold = rt.settings.kpk_referral_threshold
    if not threshold or data.get(FOLLOW_UP) in (None, TO_KPK) or str(data.get(KPK_REASON) or "").strip():
        return {}
    loss = task_data(session, case, EXAMINATION).get(LOSS)
    if not isinstance(loss, int | float) or loss < threshold:
        return {}
    return {KPK_REASON: [msg("kpk_reason_required", loss=Money(int(loss)), threshold=Money(threshold))]}


def _outcome(session: Session, rt: Runtime, case: Case, data: dict) -> dict:
    return {} if reported_party.said(case) else {OUTCOME_TEXT: [msg("reported_not_said")]}


RULES: dict[str, Callable[[Session, Runtime, Case, dict], dict]] = {
    RE_REFERRAL: _re_referral,
    FOLLOW_UP: _follow_up,
    OUTCOME: _outcome,
}


def check(session: Session, rt: Runtime, task: HumanTask, data: dict) -> None:
    """Refuse (422, field messages) a complaint task's data that the case's record contradicts."""
    rule = RULES.get(task.bpmn_id) if task.case.kind == kinds.COMPLAINT else None
    fields = rule(session, rt, task.case, data) if rule is not None else {}
    if fields:
        raise Invalid("complaint_step_refused", fields=fields)
