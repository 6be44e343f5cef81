"""When the agency is late, and when it may say so to the requester (issue 13, point 2; legal-process.md §2.2).

The agency's own deadlines (T10, T17, A30, ...) lapse internally at their strict instant, the reading
that ends earliest: the case is flagged overdue, the superior gets the escalation, staff are told.
But the law is unclear (cuti bersama, the hour of receipt), so nothing the requester sees says
"late" (the apology, the public status "terlambat" or "not answered", the objection window that a
lapse opens) until the lenient count of the same deadline, the reading that ends latest, has lapsed
too and no answer was dispatched by then. An agency is never late in law, nor does it say it was,
on a reading the Komisi Informasi might not share.

A deadline is met by the dispatch date recorded on the notice that answers it (a user task with the
properties ``dispatch_date``, the form field holding the date, and ``answers``, the deadlines it
answers), not by the moment an officer clicks: a notice sent on the due day and recorded the next
morning is in time, because the deadline ends at the close of office hours of its due day. The
recorded date is bounded: not before the receipt, not in the future.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import UUID

from SpiffWorkflow.bpmn.specs.control import _EndJoin
from SpiffWorkflow.exceptions import TaskNotFoundException
from SpiffWorkflow.util.task import TaskState
from sqlalchemy.orm import Session

from engine import clock
from engine.audit import EventLog
from engine.calendar import LENIENT, DueDate, iso_day
from engine.errors import Invalid
from engine.messages import msg
from engine.models import Case, Deadline, Reminder
from engine.outbox import Outbox, deadline_context, stated
from engine.runtime import Runtime

# An office's internal limits (a unit's time to answer; a complaint team's time to refer a complaint to the
# Inspectorate General, pengaduan.bpmn's ITJEN; a dispute's preparation before the first hearing,
# sengketa_informasi.bpmn's PERSIAPAN): a lapse reminds and escalates, and never keeps a case late that its legal
# deadlines do not; it shows late on the tasks it bounds, not on the case's later ones (engine.sync.due_dates).
COORDINATION = frozenset({"UNIT", "PERSIAPAN", "ITJEN"})
APOLOGY_KIND = "LATE"  # the reminder row that sends the apology when the lenient count has lapsed too
APOLOGY_AUDIENCE = "apology"
# Statuses that tell of a lapse; the requester reads the stage before them until the lapse is late
# on every reading (a milestone with the property ``public_after_lapse``).
LAPSE_STATUSES = frozenset({"keberatan_tidak_ditanggapi"})


def lenient_reading(rt: Runtime, deadline: Deadline) -> DueDate:
    """The same deadline counted on the reading that ends latest, in its own unit (working or calendar days)."""
    cal = rt.calendars[LENIENT]
    unit = deadline.provenance.get("unit", "working_days")
    return cal.count(deadline.start_at.astimezone(cal.tz), deadline.working_days, unit)


def lenient_due(rt: Runtime, deadline: Deadline) -> datetime:
    """The due instant of the same deadline on the reading that ends latest."""
    if deadline.calendar == LENIENT:
        return deadline.due_at.astimezone(rt.calendars[LENIENT].tz)
    return lenient_reading(rt, deadline).due_at


def late_for_requester(rt: Runtime, deadline: Deadline, at: datetime | None = None) -> bool:
    """Is the agency late on this deadline on every reading, as of ``at`` (default: now)?

    Only the agency's own deadlines can be late. One answered by a notice dispatched by the lenient due
    date is not; one closed in time without a recorded date (met, superseded, cancelled) is not; one
    still pending or missed is late once the lenient due instant has passed.
    """
    if deadline.kind != "agency":
        return False
    latest = lenient_due(rt, deadline)
    if deadline.met_on is not None:
        return deadline.met_on > latest.date()
    if deadline.status in ("met", "superseded", "cancelled"):
        return False
    return (at or clock.now()) > latest


def late_deadline(rt: Runtime, case: Case, at: datetime | None = None) -> Deadline | None:
    """The case's public deadline the requester may be told is late, if any, as of ``at`` (default: now; the
    apology's instant, ``apologize_when_due``). A closed case is judged when it closed (or at ``at`` if earlier): a
    request withdrawn before the lenient due instant left the office nothing to be late on."""
    judged = case.closed_at if at is None else min(at, case.closed_at) if case.closed_at is not None else at
    for deadline in case.deadlines:
        if deadline.public and late_for_requester(rt, deadline, judged):
            return deadline
    return None


def letter_context(rt: Runtime, deadline: Deadline | None) -> dict:
    """A deadline as a letter to the requester states it: "late" only when late on every reading.

    Counted at the answer's dispatch date when there is one (else today): on time by the strict reading,
    the strict due date; past it, the lenient one, which says "late" only once that has passed too.
    """
    if deadline is None:
        return {"deadline": None}
    strict_cal = rt.calendars["strict"]
    on = deadline.met_on or clock.now().astimezone(strict_cal.tz).date()
    if on <= deadline.due_at.astimezone(strict_cal.tz).date():
        return {**deadline_context(strict_cal, deadline), "working_days_left": _left(strict_cal, on, deadline.due_at)}
    cal = rt.calendars[LENIENT]
    latest = lenient_due(rt, deadline)
    return {
        **deadline_context(cal, deadline),
        "due_at": latest.strftime("%d-%m-%Y %H:%M ") + (latest.tzname() or ""),
        "working_days_left": _left(cal, on, latest),
    }


def _left(cal, on: date, due: datetime) -> int:
    return cal.working_days_between(on, due.astimezone(cal.tz).date())


# -- the apology -------------------------------------------------------------------------------------


def apology_context(rt: Runtime, deadline: Deadline) -> dict:
    """The deadline as the apology states it: on the lenient reading, which has lapsed too."""
    cal = rt.calendars[LENIENT]
    latest = lenient_due(rt, deadline)
    today = clock.now().astimezone(cal.tz).date()
    return {
        **deadline_context(cal, deadline),
        "due_at": latest.strftime("%d-%m-%Y %H:%M ") + (latest.tzname() or ""),
        "working_days_left": cal.working_days_between(today, latest.date()),
    }


def _apology(rt: Runtime, case: Case, deadline: Deadline, hint: str) -> dict:
    """The apology's facts. A request whose requester did not complete it in their window (K_LENGKAP lapsed) is not
    "still being processed": the notice the office owes, by T10 counted from the receipt all the same (§3.3, §3.10),
    is the one closing it and stating what was missing (``not_completed``). The lateness is the office's own: the
    window lapsing ended the requester's part, not the office's duty to answer in writing in time."""
    context = {**apology_context(rt, deadline), "portal_hint": hint}
    if any(d.name == "K_LENGKAP" and d.status == "lapsed" for d in case.deadlines):
        context["not_completed"] = True
    return context


def after_lapse(session: Session, rt: Runtime, case: Case, deadline: Deadline, outbox: Outbox, hint: str) -> None:
    """A public agency deadline lapsed on the strict reading: apologize now if it is late on every
    reading already (a receipt recorded late), else plan the apology for the lenient due instant."""
    if not deadline.public or deadline.kind != "agency":
        return
    if late_for_requester(rt, deadline):
        cause = f"{deadline.name}:{deadline.task_guid}"
        outbox.to_requester(case, "overdue_apology", cause, _apology(rt, case, deadline, hint))
        return
    plan_apology(session, deadline, lenient_due(rt, deadline))


def plan_apology(session: Session, deadline: Deadline, at: datetime) -> None:
    if any(r.kind == APOLOGY_KIND and r.fire_at == at for r in deadline.reminders):
        return
    session.add(
        Reminder(
            case_id=deadline.case_id,
            deadline=deadline,
            kind=APOLOGY_KIND,
            audience=APOLOGY_AUDIENCE,
            fire_at=at,
            status="pending",
            attempts=0,
        )
    )


def apologize_when_due(
    session: Session, rt: Runtime, case: Case, reminder: Reminder, outbox: Outbox, hint: str
) -> datetime:
    """The apology reminder fired: tell the requester only if the deadline is late on every reading now; returns
    the instant it judged at (the case's facts are derived at it too: ``late_deadline``'s ``at``).

    An override entered meanwhile may have moved the lenient due instant later: then the apology is
    planned again for it; a notice dispatched in time meanwhile, or the request withdrawn before the lenient
    due instant, means no apology at all.
    """
    deadline = reminder.deadline
    # It fires at the lenient due instant: judge the moment just after it, even if the job ran a little early;
    # a case closed meanwhile (withdrawn) as it stood when it closed.
    at = max(clock.now(), reminder.fire_at + timedelta(seconds=1))
    if case.closed_at is not None:
        at = min(at, case.closed_at)
    if late_for_requester(rt, deadline, at):
        cause = f"{deadline.name}:{deadline.task_guid}"
        outbox.to_requester(case, "overdue_apology", cause, _apology(rt, case, deadline, hint))
    elif deadline.met_on is None and deadline.status == "missed" and case.closed_at is None:
        plan_apology(session, deadline, lenient_due(rt, deadline))
    return at


# -- the dispatch date -------------------------------------------------------------------------------


def dispatch_field(props: dict) -> str | None:
    return props.get("dispatch_date")


def listed(props: dict, key: str) -> list[str]:
    """A BPMN property holding names separated by commas (``answers``, ``cancelled_in``)."""
    return [name.strip() for name in props.get(key, "").split(",") if name.strip()]


def guard_due(rt: Runtime, props: dict, deadline: Deadline) -> datetime:
    """The instant after which a task's ``mustCompleteBefore`` refuses it: the deadline's own (strict) end, or
    with ``mustCompleteBeforeReading: lenient`` the end of its lenient count (a refusal that would make a
    decision final waits until the filing is late on every reading, legal-process.md §2.2)."""
    if props.get("mustCompleteBeforeReading") == LENIENT:
        return lenient_due(rt, deadline)
    return deadline.due_at


def guard_applies(rt: Runtime, props: dict, data: dict) -> bool:
    """Does the task's ``mustCompleteBefore`` bind this completion? Only for the choice its
    ``mustCompleteBeforeWhen`` names (challenging the decision, not accepting it), when it names one."""
    condition = props.get("mustCompleteBeforeWhen")
    return not condition or bool(rt.script_engine.environment.evaluate(condition, dict(data)))


# Ways of sending by which the requester has the notice the day it is sent: in person, on the portal, or
# by e-mail (received when it enters the recipient's system, UU ITE Pasal 8). By post or courier the
# date of receipt is recorded when known (engine.notice_delivery).
RECEIVED_WHEN_SENT = frozenset({"langsung", "email", "web"})
DELIVERED_FIELD = "diterima_pemohon_pada"


def _date_between(data: dict, field: str, first: date, today: date, what: str) -> date:
    try:
        value = date.fromisoformat(data[field])
    except (TypeError, ValueError):
        value = None
    if value is None or not first <= value <= today:
        raise Invalid(what, fields={field: [msg("between_and_today", first=first)]})
    return value


def check_dispatch_date(rt: Runtime, case: Case, props: dict, data: dict, known: dict | None = None) -> date | None:
    """The dispatch date a notice task is completed with: not before the receipt, nor before the day the task's
    data names in ``dispatch_not_before`` (``known``: the task's data; e.g. the decision a court objection
    answers, received), not in the future; and the requester's date of receipt, when given: not before the
    dispatch, not in the future."""
    field = dispatch_field(props)
    if not field or not data.get(field):
        return None
    tz = rt.calendars["strict"].tz
    today = clock.now().astimezone(tz).date()
    first = case.received_at.astimezone(tz).date()
    earliest = iso_day((known or {}).get(props.get("dispatch_not_before", "")))
    if earliest is not None:
        first = max(first, earliest)
    sent = _date_between(data, field, first, today, "dispatch_date_invalid")
    if data.get(DELIVERED_FIELD):
        _date_between(data, DELIVERED_FIELD, sent, today, "receipt_date_invalid")
    return sent


def _withdraw_escalation(wf, deadline: Deadline) -> bool:
    """The superior's escalation task that the deadline's lapse opened, not yet done, is withdrawn: the notice was
    in fact sent in time (recorded after the timer fired), so there is no lateness to act on. Sync closes its row
    (``task_cancelled``); the lapse and its correction stay in the history.

    A (sub)process whose other branches had all ended waits in its end join for the escalation's branch; SpiffWorkflow
    looks at a waiting join again only when something runs, so the joins of the timer's process are looked at here,
    and True tells the run to step the instance on (engine.run: a request then waits for an objection)."""
    try:
        timer = wf.get_task_from_id(UUID(deadline.task_guid))
    except (TaskNotFoundException, ValueError):
        return False
    if timer is None:
        return False
    withdrawn = False
    branch = list(timer.children)  # the timer's branch: the lapse's milestone, then the escalation
    while branch:
        task = branch.pop()
        if task.task_spec.manual and not task.has_state(TaskState.FINISHED_MASK):
            task.cancel()
            withdrawn = True
        else:
            branch += task.children
    if withdrawn:  # the timer's own (sub)process's end join, if it waits: nothing else of the instance is looked at
        joins = timer.workflow.get_tasks(state=TaskState.WAITING, spec_class=_EndJoin)
        release_end_joins([waiting for waiting in joins if waiting.workflow is timer.workflow])
    return withdrawn


def release_end_joins(joins) -> None:
    """Let waiting end joins look again whether every branch of theirs has ended (what SpiffWorkflow does when a
    branch arrives): one that waits for nothing any more becomes ready, and the next step of the instance runs on
    from it. Used by ``_withdraw_escalation`` and by the repair of instances withdrawn before it did so
    (engine.repair)."""
    for waiting in joins:
        if waiting.state == TaskState.WAITING:
            waiting.task_spec._update(waiting)  # noqa: SLF001 - what SpiffWorkflow calls when a branch arrives


def stuck_end_joins(wf) -> list:
    """The end joins of the instance ((sub)processes included) that wait although none of their branches is left
    to arrive: SpiffWorkflow never looks at them again, so their process never ends. A branch withdrawn outside
    SpiffWorkflow's own run left them so (``_withdraw_escalation`` before it released them); a run never does."""
    return [
        task
        for task in wf.get_tasks(state=TaskState.WAITING, spec_class=_EndJoin)
        if task.task_spec._check_threshold_unstructured(task)  # noqa: SLF001 - the join's own test, read only
    ]


def record_dispatch(session: Session, rt: Runtime, case: Case, task, log: EventLog) -> bool:
    """A notice task completed: the deadlines it answers are met by its recorded dispatch date.

    A deadline that lapsed on the strict reading while the notice was in fact dispatched by its due
    day is corrected to ``met``; the case stays overdue only if another agency deadline is missed.
    True when an escalation was withdrawn and the instance may run on (``_withdraw_escalation``).
    """
    freed = False
    props = (getattr(task.task_spec, "extensions", None) or {}).get("properties", {})
    field = dispatch_field(props)
    answers = listed(props, "answers")
    if not field or not answers:
        return False
    if not guard_applies(rt, props, task.data):  # a date recorded with another choice answers nothing
        return False
    value = task.data.get(field)
    if not value:
        return False
    sent = date.fromisoformat(value)
    tz = rt.calendars["strict"].tz
    via = task.data.get("dikirim_melalui")
    if via:  # a letter to the requester: when it reached them starts their window (engine.chain)
        delivered = task.data.get(DELIVERED_FIELD) or (value if via in RECEIVED_WHEN_SENT else None)
        log.append(
            case,
            "notice_dispatched",
            "system",
            {"task": task.task_spec.bpmn_id, "dispatched_on": value, "via": via, "delivered_on": delivered},
        )
    for name in answers:
        rows = [d for d in case.deadlines if d.name == name and d.status in ("met", "missed", "cancelled")]
        if not rows:
            continue
        deadline = rows[-1]
        if deadline.met_on is not None:
            continue
        deadline.met_on = sent
        if deadline.status == "cancelled":  # the stage ended (e.g. closed as incomplete) by this very notice
            deadline.status = "met"
        if deadline.status == "missed" and sent <= deadline.due_at.astimezone(tz).date():
            deadline.status = "met"
            log.append(
                case,
                "deadline_met_by_dispatch",
                "system",
                {"deadline": name, "dispatched_on": sent.isoformat(), "due_at": deadline.due_at.isoformat()},
            )
            freed = _withdraw_escalation(task.workflow.top_workflow, deadline) or freed
        elif deadline.status == "missed" and props.get("mustCompleteBeforeReading") == LENIENT:
            # Late on the strict count, in time on the lenient one: recorded, and flagged for the people who
            # must answer for it (the court decides whether the filing was in time), never refused.
            log.append(
                case,
                "deadline_in_time_on_lenient_reading",
                "system",
                {
                    "deadline": name,
                    "dispatched_on": sent.isoformat(),
                    "strict_due_at": deadline.due_at.astimezone(tz).isoformat(),
                    "due_at": lenient_due(rt, deadline).isoformat(),
                },
            )
        if not late_for_requester(rt, deadline):
            for reminder in deadline.reminders:
                if reminder.kind == APOLOGY_KIND and reminder.status == "pending":
                    reminder.status = "cancelled"
    if case.overdue and not missed_by_office(case):
        case.overdue = False
        log.append(case, "case_overdue_cleared", "system", {"reason": "answered by its recorded dispatch date"})
    return freed


def missed_by_office(case: Case) -> list[Deadline]:
    """The office's own deadlines the case missed, those that keep it overdue: a unit's coordination clock (UNIT),
    internal to the office, does not."""
    return [d for d in case.deadlines if d.status == "missed" and d.kind == "agency" and d.name not in COORDINATION]


def team_clock(rt: Runtime, case: Case) -> dict:
    """The office's most pressing pending clock of its own, as a staff mail states it (on the deadline's own
    calendar; ``{"deadline": None}`` without one, a template needs the key): a complaint team's new complaint's
    review (V3) or the handling's SLA. An internal limit (COORDINATION: a unit's time to answer) is not one: it never
    makes the case late, and it is the unit's, told to the unit."""
    pending = [d for d in case.deadlines if d.status == "pending" and d.kind == "agency" and d.name not in COORDINATION]
    return stated(rt.calendars, min(pending, key=lambda d: d.due_at) if pending else None)


def late_since(case: Case) -> Deadline | None:
    """The first of them: the deadline a case flagged overdue has been late since (None when none is missed)."""
    return min(missed_by_office(case), key=lambda d: d.due_at, default=None)
