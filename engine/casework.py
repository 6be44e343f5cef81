"""Case-level verbs: what happens to a whole case rather than one of its tasks (STYLE.md rule 2).

An event from outside recorded by an officer (the Komisi Informasi, a court), the requester's
withdrawal, the timers a job runs, and the requester's way in (ticket + access code) with its
reissue. Each verb that moves the case's process returns its ``RunResult`` so the caller commits and
schedules every case the run touched; none commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, chain, clock, kinds, tickets, windows
from engine.audit import EventLog
from engine.calendar import day_off_name, iso_day
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.messages import Message, Named, group_term, msg
from engine.models import Case, CaseEvent, User
from engine.run import CaseRun, RunResult, touch
from engine.runtime import Runtime
from engine.sync import properties


def send_case_message(session: Session, rt: Runtime, user: User, case: Case, name: str, payload: dict) -> RunResult:
    """An event from outside (the Komisi Informasi, a court) recorded by an officer: 409 unless awaited.

    The catch event's lane says which group records it (or a group above it); its
    ``formJsonSchemaFilename`` validates the payload. Messages without one come only from Kawal itself.
    """
    if not isinstance(payload, dict):
        raise Invalid("data_not_object", fields={"data": [msg("object_expected")]})
    with CaseRun(session, rt, case, user.username) as run:
        waiting = run.waiting_for(name)
        if waiting is None:
            if not run.defines_message(name):
                raise NotFound("message_not_in_process", name=name)
            raise Conflict("case_not_waiting", name=name)
        form = properties(waiting.task_spec).get("formJsonSchemaFilename")
        if not form:
            raise Forbidden("message_system_only")
        lane = waiting.task_spec.lane
        if lane is not None and lane not in access.supervised_lanes(user):
            raise Forbidden("message_for_group", group=group_term(lane))
        rt.forms.validate(form, payload)
        props = properties(waiting.task_spec)
        windows.check_confirmation_allowed(session, rt, case, props)  # 409 until the day after its last day
        check_event_dates(rt, case, rt.forms.schema(form), payload, _last_event_day(session, case), props)
        run.send_message(name, payload)
        run.log.append(case, "message_received", user.username, {"message": name, "data": payload})
        if _mediation_not_applicable(case, payload):
            # Mediation settles grounds b-g only (UU 14/2008 Pasal 40; §5.2 row 5): the process goes on to
            # adjudication (mediasi_mungkin), and the history says why, so the officer is not left wondering.
            run.log.append(case, "mediation_not_applicable", user.username, {"grounds": case.details.get("alasan")})
        if name == DECISION_READ and payload.get("tanggal_diterima"):  # C3: how long the copy took (information)
            copy = chain.decision_copy(rt, payload["tanggal_dibacakan"], payload["tanggal_diterima"])
            case.details = {**case.details, "salinan_putusan": copy}
    return run.result


DECISION_READ = "putusan_ajudikasi"  # the message whose copy the Commission owes within 3 working days


# Dates an event's form gives that are still to come: a schedule, the date a mediation agreement sets.
SCHEDULED = frozenset({"tanggal_mediasi", "batas_pelaksanaan"})
# Dates that follow another of the same form: a decision is received after it is read; an agreement is carried out
# after it is made.
FOLLOWS = {
    "tanggal_diterima": ("tanggal_dibacakan", "tanggal"),
    "tanggal_diterima_pemohon": ("tanggal_dibacakan", "tanggal"),
    "batas_pelaksanaan": ("tanggal",),
    "tanggal_mediasi": ("tanggal",),  # the first mediation meeting: the first hearing's day or after (§5.2 row 5)
}


def check_event_dates(
    rt: Runtime,
    case: Case,
    schema: dict,
    payload: dict,
    last_event: date | None = None,
    props: dict | None = None,
) -> None:
    """An event's dates tell what already happened: each between the dispute's filing with the Commission (for a
    complaint, its receipt), or the date of the event recorded before it (the law's steps come in order: no
    mediation failed before the examination that ordered it), and today; a schedule after the filing; none
    before the date it follows; and a confirmation that another party's window ended (``allowed_after``) dated
    after that window's last day, which is still theirs until its end on the latest reading; the Commission's or
    a court's own date of finality (``window_reading`` "strict") after its last day on the strict reading, the
    earliest, as a body that counts so may certify it (engine.windows; 422 per field)."""
    tz = rt.calendars["strict"].tz
    today = clock.now().astimezone(tz).date()
    filed = iso_day(case.details.get("diajukan_ke_ki")) if case.kind == kinds.DISPUTE else None
    first = max(filter(None, (filed or case.received_at.astimezone(tz).date(), last_event)))
    allowed_after = (props or {}).get("allowed_after")
    after = _confirm_from(rt, case, allowed_after, (props or {}).get("window_reading"))
    window = after - timedelta(days=1) if after is not None else None  # the window's last day
    if after is not None:  # its last day is the other party's until its end: a confirmation is dated after it
        first = max(first, after)
    fields: dict[str, list] = {}
    for name, node in schema.get("properties", {}).items():
        value = iso_day(payload.get(name)) if node.get("format") == "date" else None
        if value is None:
            continue
        earlier = next((iso_day(payload.get(other)) for other in FOLLOWS.get(name, ()) if payload.get(other)), None)
        if earlier is not None and value < earlier:
            fields[name] = [msg("not_before_date", day=earlier)]
        elif name in SCHEDULED and value < first:
            fields[name] = [msg("not_before_date", day=first)]
        elif window is not None and value <= window:
            words = windows.window_words(allowed_after)
            fields[name] = [msg("confirmed_within_window", name=words, due=window, first=after)]
        elif name not in SCHEDULED and not first <= value <= today:
            fields[name] = [msg("between_and_today", first=first)]
    for name, node in schema.get("properties", {}).items():
        day = iso_day(payload.get(name)) if node.get(HEARING_DAY) and name not in fields else None
        if day is not None and (off := _no_hearing_on(rt, day)) is not None:
            fields[name] = [off]
    if fields:
        raise Invalid("invalid_data", fields=fields)


# A form's date of a Commission's hearing (the preliminary examination, a mediation meeting, the public session that
# reads the decision): never a weekend nor a national holiday.
HEARING_DAY = "x-hearing-day"


def _no_hearing_on(rt: Runtime, day: date) -> Message | None:
    """Why the Komisi Informasi held no hearing on ``day`` (a Saturday, a Sunday or a national holiday), or None.

    The Commission is a state body on the five-day week (Perpres 21/2023; legal-process.md §2) and counts every step
    of a dispute in working days (a mediation meeting within 3 WD of the adjournment, 14 WD from the first: Perki
    1/2013 Pasal 38, 41): such a date is a typo, and the clocks counted from it would be wrong. Refused on the strict
    reading (cuti bersama are working days there); an office's own day off in the override table is not, since an
    office's closure does not close the Commission, and a day the table makes a working day is one."""
    off = rt.calendars["strict"].day_off(day)
    if off is None or off.kind not in ("weekend", "holiday"):
        return None
    skipped = off.to_dict()
    return msg("hearing_not_working_day", day=day, what=Named(day_off_name(skipped, "en"), day_off_name(skipped)))


def _mediation_not_applicable(case: Case, payload: dict) -> bool:
    """The Commission ordered mediation in a dispute on ground a alone (a refusal under Pasal 17), which mediation
    cannot settle: recorded as the Commission did it, and the process adjudicates."""
    if case.kind != kinds.DISPUTE or payload.get("mediasi") is not True:
        return False
    return not set(case.details.get("alasan") or ()) & chain.AMICABLE_GROUNDS


def _last_event_day(session: Session, case: Case) -> date | None:
    """The latest date an event recorded on the case gave for what happened (its schedules aside)."""
    days = []
    for (data,) in session.execute(
        select(CaseEvent.data).where(CaseEvent.case_id == case.id, CaseEvent.type == "message_received")
    ):
        payload = data.get("data") or {}
        days += [iso_day(v) for k, v in payload.items() if k not in SCHEDULED and isinstance(v, str)]
    return max((d for d in days if d is not None), default=None)


def _confirm_from(rt: Runtime, case: Case, name: str | None, reading: str | None) -> date | None:
    """The first day a confirmation that the named window ended may be dated (engine.windows.confirm_from): after
    its last day on its latest reading, or on the strict one when ``reading`` says so."""
    rows = [d for d in case.deadlines if d.name == name] if name else []
    if not rows:
        return None
    return windows.confirm_from(windows.ends_at(rt, rows[-1], reading), windows.office_zone(rt))


@dataclass(frozen=True)
class Awaited:
    """A message from outside the case waits for and an officer records: its name, its form, who records it."""

    name: str
    form: str
    lane: str | None


def awaited_messages(session: Session, rt: Runtime, user: User, case: Case) -> list[Awaited]:
    """What the case waits to hear from the Commission, a court or the reporter's silence that ``user`` may record
    (``send_case_message``): the waiting catch events with a form, in a lane the user answers for, by name."""
    if case.closed_at is not None or case.workflow_state is None:
        return []
    lanes = access.supervised_lanes(user)
    found: dict[str, Awaited] = {}
    for task in rt.load(session, case).get_tasks(state=TaskState.WAITING):
        definition = getattr(task.task_spec, "event_definition", None)
        form = properties(task.task_spec).get("formJsonSchemaFilename")
        lane = task.task_spec.lane
        if isinstance(definition, MessageEventDefinition) and form and (lane is None or lane in lanes):
            found.setdefault(definition.name, Awaited(definition.name, form, lane))
    return list(found.values())


def withdraw_request(
    session: Session, rt: Runtime, case: Case, reason: str | None, actor: str = "pemohon"
) -> RunResult:
    """The requester withdraws (status ``dicabut``); every open task and clock of the case ends."""
    if case.closed_at is not None:
        raise Conflict("case_closed")
    with CaseRun(session, rt, case, actor) as run:
        run.send_message("permohonan_dicabut", {"reason_given": bool(reason)})
        run.log.append(case, "request_withdrawn", actor, {"reason": (reason or "")[:2000]})
    return run.result


def run_case(session: Session, rt: Runtime, case: Case, actor: str = "system") -> RunResult:
    """Run a case's due timers (idempotent: a case with nothing due is left unchanged)."""
    if case.closed_at is not None:
        return RunResult(case, (case,))
    with CaseRun(session, rt, case, actor) as run:
        run.fire_due_timers()
    return run.result


# The history's reason when a new code mailed for a lost one (engine.lost_codes) is first used and ends the old one.
NEW_CODE_USED = "lost_code_new_code_used"
NEW_CODE_TAKEN = "kawal_new_code_taken"  # marks the session (``Session.info``) whose lookup ended an old code


def find_by_code(session: Session, ticket: str, code: str) -> Case:
    """The requester's way in: ticket + access code. Unknown ticket and wrong code look the same.

    A new code mailed for a lost one (``pending_code_hash``) opens the case too, and its first use makes it the
    case's code: the old one then stops working on every case of the chain it opened. The caller commits (api.public
    does at once, whatever the request does next: ``NEW_CODE_TAKEN`` tells it). Both hashes are always compared,
    so the time taken tells nobody whether a new code is waiting.
    """
    case = session.scalar(select(Case).where(Case.ticket == (ticket or "").strip().upper()))
    current = tickets.code_matches(case.access_code_hash if case else None, code or "")
    waiting = tickets.code_matches(case.pending_code_hash if case else None, code or "")
    if waiting:
        _take_new_code(session, case)
    elif not current:
        raise NotFound("wrong_ticket_or_code")
    return case


def _take_new_code(session: Session, case: Case) -> None:
    old_hash, new_hash = case.access_code_hash, case.pending_code_hash
    actor = "pelapor" if case.kind == kinds.COMPLAINT else "pemohon"  # never by name (complaints.REPORTER)
    log = EventLog(session)
    for member in chain.members(session, case):
        if member.access_code_hash == old_hash or member.pending_code_hash == new_hash:
            member.access_code_hash, member.pending_code_hash = new_hash, None
            touch(member)
            log.append(member, "access_code_reissued", actor, {"reason": NEW_CODE_USED, "for": case.ticket})
    session.flush()
    session.info[NEW_CODE_TAKEN] = True  # for a caller that would not otherwise commit (api.public)


def reissue_access_code(session: Session, case: Case, actor: str, reason: str) -> str:
    """Replace a case's access code with a new one and return it (shown once, like the first).

    Only the code's hash is stored, so a code that never reached its owner cannot be shown again: a new
    one is the only way. The old code stops working on every case of the chain it opened (an objection
    follows its request with the request's code). The history records the reissue, never a code.
    """
    old_hash = case.access_code_hash
    code, code_hash = tickets.new_access_code()
    log = EventLog(session)
    for member in chain.members(session, case):
        if member.access_code_hash == old_hash:
            member.access_code_hash = code_hash
            member.pending_code_hash = None  # a new code mailed for a lost one and not used yet: replaced too
            touch(member)
            log.append(member, "access_code_reissued", actor, {"reason": reason, "for": case.ticket})
    session.flush()
    return code
