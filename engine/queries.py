"""Read models: the inbox, a case as an officer sees it, and the public status a requester sees.

Everything here reads rows; nothing deserializes a workflow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from engine import (
    access,
    chain,
    clock,
    complaints,
    confirmations,
    delivery,
    explanation,
    facts,
    holiday_years,
    kinds,
    lateness,
    milestone_words,
    proxy_data,
    status,
    visibility,
)
from engine.calendar import iso_day
from engine.catalogs import N_, catalog
from engine.models import Attachment, Case, CaseEvent, CaseMessage, Deadline, HumanTask, Party, User
from engine.runtime import Runtime

SCOPES = ("mine", "group", "all")


def working_days_left(rt: Runtime, due_at: datetime | None) -> int | None:
    """Working days from today to the due date (strict calendar); negative once it has passed."""
    if due_at is None:
        return None
    cal = rt.calendars["strict"]
    today = clock.now().astimezone(cal.tz).date()
    return cal.working_days_between(today, due_at.astimezone(cal.tz).date())


def task_item(rt: Runtime, task: HumanTask) -> dict:
    return {
        "id": task.id,
        "ticket": task.case.ticket,
        "name": task.bpmn_id,
        "title": task.title,
        "lane": task.lane,
        "process": task.process_id,
        "state": task.state,
        "assignee": task.assignee.username if task.assignee else None,
        "due_at": task.due_at,
        "working_days_left": working_days_left(rt, task.due_at),
        **follow_up(rt, task.follow_up_at, task.follow_up_note),
    }


def follow_up(rt: Runtime, at: datetime | None, note: str | None) -> dict:
    """A task's follow-up as the inbox and the API give it (engine.follow_ups): the office day, the holder's note,
    and whether the day has come."""
    if at is None:
        return {"follow_up_on": None, "follow_up_note": None, "follow_up_due": False}
    return {
        "follow_up_on": at.astimezone(rt.calendars["strict"].tz).date(),
        "follow_up_note": note,
        "follow_up_due": at <= clock.now(),
    }


def task_title(rt: Runtime, task: HumanTask, locale: str) -> str:
    """The task's name in ``locale``: the BPMN's Bahasa Indonesia, or its form's English title (``x-title-en``),
    as the pages (api.web.display) and the officers' mails (notifications.case_facts) name it."""
    if locale == "en" and task.form:
        try:
            return rt.forms.schema(task.form).get("x-title-en") or task.title
        except LookupError:
            return task.title
    return task.title


def task_instructions(rt: Runtime, task: HumanTask, locale: str) -> str | None:
    """The task's instructions in ``locale``: the BPMN's Bahasa Indonesia, or its form's English.

    A form's ``x-instructions-en`` is the English text, or, for a form several tasks share (the
    escalations), a mapping from each task's BPMN id to its English text. Without English, the
    BPMN's Bahasa Indonesia is given rather than nothing.
    """
    if locale == "en" and task.form and task.instructions:
        try:
            english = rt.forms.schema(task.form).get("x-instructions-en")
        except LookupError:
            return task.instructions
        if isinstance(english, dict):
            english = english.get(task.bpmn_id)
        return english or task.instructions
    return task.instructions


def task_detail(session: Session, rt: Runtime, task: HumanTask, user: User, locale: str = "id") -> dict:
    """A task as ``user`` reads it: what earlier tasks recorded and the case's details, only the fields
    their forms let ``user`` see (engine.visibility; never the requester's identity, which is not there)."""
    readers = access.field_readers(user, task.case)
    item = task_item(rt, task)
    item["instructions"] = task.instructions
    item["instructions_en"] = task_instructions(rt, task, "en")
    item["form_schema"] = rt.task_form(session, task) or None
    item["data"] = visibility.recorded(session, rt.forms, task.case, readers)
    item["case"] = {
        "ticket": task.case.ticket,
        "status": task.case.status,
        "details": complaints.details_read_by(session, rt.forms, user, task.case),
    }
    if task.case.kind != kinds.REQUEST:
        # The brief for the superior and the evidence file for the Commission start from the chain's story.
        tz = rt.calendars["strict"].tz
        item["case"]["chronology"] = [
            {**row, "at": row["at"].astimezone(tz).isoformat()}
            for row in chain.chronology(session, task.case, locale, rt.forms)
        ]
    return item


def explained_deadlines(case: Case) -> list[dict]:
    """Every deadline of the case with its explanation in both languages (the officer's deadline page)."""
    confirmed = holiday_years.confirmed_years(object_session(case))
    return [
        {
            **chain.deadline_view(d),
            "explanation_id": explain(d.provenance, holder=_holder(d), confirmed_years=confirmed),
            "explanation_en": explain(d.provenance, "en", holder=_holder(d), confirmed_years=confirmed),
        }
        for d in case.deadlines
    ]


def _holder(deadline: Deadline) -> str:
    if deadline.name in chain.APPLICANT_CLOCKS:  # the applicant's own time in a dispute, not the Commission's
        return "requester"
    if deadline.name in chain.OFFICE_LAST_DAYS:  # the office's own last day to take a position, not the Commission's
        return "agency"
    return explanation.holder_of(deadline.kind, deadline.calendar)


def case_view(
    session: Session, rt: Runtime, user: User, case: Case, with_identity: bool = True, with_chain: bool = True
) -> dict:
    """The case for an officer; ``with_chain=False`` leaves out the linked cases and their clocks (which
    cost three more queries), as the answer to a completed task does."""
    deadlines = case.deadlines  # loaded already when the case has just run
    tasks = [t for t in case.tasks if t.state == "open"]
    view = {
        "ticket": case.ticket,
        "kind": case.kind,
        "status": case.status,
        "status_label": status.label(case.status),
        "outcome": case.outcome,
        "overdue": case.overdue,
        "channel": case.channel,
        "received_at": case.received_at,
        "due_at": case.due_at,
        "closed_at": case.closed_at,
        "details": complaints.details_read_by(session, rt.forms, user, case),  # an auditor: the team's summary
        "deadlines": [chain.deadline_view(d) for d in deadlines],
        "open_tasks": [task_item(rt, t) for t in tasks],
        "requester": None,
        "proxy": None,
        # Years a pending deadline reaches into whose cuti bersama nobody confirmed (engine.holiday_years).
        "calendar_unconfirmed": holiday_years.case_warnings(session, case),
    }
    if with_chain:
        view["chain"] = chain.chain_view(rt, session, case)
    if with_identity and access.can_read_identity(user, case) and case.requester_party_id:
        view["requester"] = rt.vault.read(session.get(Party, case.requester_party_id))
    proxy = proxy_data.read(session, rt, user, case) if with_identity else None
    if proxy is not None:
        view["proxy"] = proxy | {"revoked": proxy_data.revoked(case)}
    return view


def case_events(session: Session, case: Case) -> list[dict]:
    events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq))
    return [
        {
            "seq": e.seq,
            "at": e.at,
            "type": e.type,
            "actor": e.actor,
            "data": e.data,
            "prev_hash": e.prev_hash,
            "hash": e.hash,
        }
        for e in events
    ]


def explain(
    provenance: dict, locale: str = "id", holder: str | None = None, confirmed_years=None, words: bool = False
) -> str:
    """How a due date was counted, with the reading it used and why (engine.explanation); ``words``: the
    dates as a person reads them (the pages), not ISO 8601 (the API, the CLI)."""
    return explanation.explain(provenance, locale, holder, confirmed_years, words)


# Deadlines of the office the requester is told of though the model keeps them off the case's public date
# (sengketa_informasi.bpmn marks no clock of a dispute public): carrying out the decision or the mediation agreement
# (LAKSANA), which is done for the requester, by a date they must be able to hold the office to.
TOLD_TO_REQUESTER = frozenset({"LAKSANA"})


def _told(case: Case) -> list[Deadline]:
    return [d for d in case.deadlines if d.public or d.name in TOLD_TO_REQUESTER]


def _late(rt: Runtime, case: Case) -> Deadline | None:
    """``lateness.late_deadline``, with the deadlines the requester is told of (``TOLD_TO_REQUESTER``)."""
    found = lateness.late_deadline(rt, case)
    if found is not None:
        return found
    told = [d for d in case.deadlines if not d.public and d.name in TOLD_TO_REQUESTER]
    return next((d for d in told if lateness.late_for_requester(rt, d, case.closed_at)), None)


def _due_at(case: Case, deadline: Deadline):
    """The date the page shows: the case's own (a public deadline), or, for one the requester is told of, its due
    date while it runs or has been missed."""
    if deadline.public:
        return case.due_at
    return deadline.due_at if deadline.status in ("pending", "missed") else None


def _shown_deadline(case: Case) -> Deadline | None:
    """The public deadline whose date the case shows (``case.due_at``, engine.sync.due_dates): the nearest pending
    one, else the last missed; else the last armed. Its name and explanation go with that date: a complaint's
    resolution period ends before the statutory 60 days it runs beside, and "why this date?" explains the former."""
    public = _told(case)
    pending = sorted((d for d in public if d.status == "pending"), key=lambda d: (d.due_at, d.id))
    missed = sorted((d for d in public if d.status == "missed"), key=lambda d: (d.due_at, d.id))
    return (pending[:1] or missed[-1:] or public[-1:] or [None])[0]


def _in_the_gap(rt: Runtime, case: Case, shown: Deadline | None) -> Deadline | None:
    """An agency deadline lapsed on the strict reading alone, which ends on its lenient reading before the deadline
    shown (``_shown_deadline``): the requester reads that one, at its lenient due date (README, "Late, and saying
    so"). A complaint's service standard lapsed on Mon 28 Dec 2026 is still in time until Tue 29 Dec on the lenient
    reading; the statutory 60 days pending beside it end in February, and the page said February."""
    if shown is None or shown.status != "pending" or case.closed_at is not None:
        return None
    gap = [
        (lateness.lenient_due(rt, d), d.id, d)
        for d in _told(case)
        if d.status == "missed" and d.kind == "agency" and not lateness.late_for_requester(rt, d)
    ]
    earliest = min(gap, default=None, key=lambda row: row[:2])
    if earliest is None or earliest[0] >= shown.due_at:
        return None
    return earliest[2]


def public_status(
    session: Session, case: Case, locale: str = "id", rt: Runtime | None = None, words: bool = False
) -> dict:
    """What the requester may read: stage, milestones, the deadline and why; no officers, no notes.

    Nothing here says "late" on the strict reading alone (engine.lateness): the case is shown overdue,
    and a stage that tells of a lapse (A30 not answered) is shown, only once the agency's deadline has
    lapsed on the lenient reading too; until then a deadline that lapsed on the strict reading is shown
    with its lenient due date and why.
    """
    late = _late(rt, case) if rt is not None else None
    milestones = _milestones(session, rt, case, locale, late is not None)
    court = facts.court_stage(session, case) if case.kind == kinds.DISPUTE else {}
    milestones = _with_court(milestones, court)
    shown = _public_stage(session, rt, case)
    deadline = _shown_deadline(case)
    if rt is not None:
        deadline = _in_the_gap(rt, case, deadline) or deadline
    disputes = [
        {"ticket": d.ticket, "status_label": status.label(_public_stage(session, rt, d), locale)}
        for d in chain.disputes_on(session, case)
    ]
    question = complaints.awaited_question(session, case)
    completion = _completion(case) if shown == "menunggu_kelengkapan" else None
    label = status.label(shown, locale)
    if late is not None and case.closed_at is None:
        label += " — " + status.overdue_label(locale)
    due_at, explanation_text = None, None
    if deadline is not None and case.closed_at is None:
        due_at, provenance, holder = _due_at(case, deadline), deadline.provenance, _holder(deadline)
        if rt is not None and deadline.status == "missed" and deadline.kind == "agency":
            # Lapsed on the strict reading: the requester reads the latest reading's date and why.
            latest = lateness.lenient_reading(rt, deadline)
            due_at, provenance, holder = latest.due_at, latest.to_dict(), "agency"
        explanation_text = explain(provenance, locale, holder, holiday_years.confirmed_years(session), words)
    return {
        "ticket": case.ticket,
        "kind": case.kind,
        "status": shown,
        "status_label": label,
        "received_at": case.received_at,
        "overdue": late is not None,
        # Since when the office is late on every reading, and whose deadline it was (the requester is told).
        "late_since": lateness.lenient_due(rt, late) if late is not None and case.closed_at is None else None,
        "late_deadline": late.name if late is not None and case.closed_at is None else None,
        "milestones": milestones,
        "due_at": due_at,
        # Whose deadline it is: the citizen's own window (a reporter's evidence, a requester's completion:
        # missing it ends something for them) or the office's; and its name, which says what a lapse does.
        "due_owner": _owner(deadline) if due_at is not None else None,
        "due_name": deadline.name if due_at is not None else None,
        # The working days it counts (0: a date the decision or the mediation agreement set itself, not a count).
        "due_days": deadline.working_days if due_at is not None else None,
        "due_explanation": explanation_text,
        # The office's own deadline running beside the requester's window shown (T10 while a request waits for its
        # missing items: it counts from the receipt and does not start again when they come, §3.10).
        "office_due_at": _office_beside(case, deadline) if due_at is not None else None,
        # The shown office deadline on the reading that ends latest: until then the office is not late on every
        # reading, and what its lapse opens for the requester (an objection, a dispute) waits for it (§2.2).
        "due_latest_at": _latest(rt, deadline) if due_at is not None else None,
        # A complaint's statutory limit (S60) on its latest reading: the reporter may take it to the Ombudsman after it.
        "statutory_due_at": statutory["due_at"] if (statutory := statutory_limit(rt, case)) else None,
        "next_step": _question_step(question, shown, locale)
        or _completion_step(rt, completion, locale)
        or _answered_step(case, locale, lambda: _evidence_sent(session, case))
        or _dispute_step(disputes, locale)
        or _decision_step(session, rt, case, shown, milestones, locale)
        or _court_step(court, shown, locale)
        or _outcome_step(session, case, shown, locale)
        or _objection_step(session, rt, case, shown, locale)
        or status.next_step(shown, locale),
        # An objection's disputes before the Commission: the page links them instead of inviting one.
        "disputes": disputes,
        # The complaint team's message or request the reporter has not answered yet (its message id, and which it
        # is): the page links its form.
        "question_waiting": question.id if question is not None else None,
        "question_kind": question.kind if question is not None else None,
        # What the requester must supply while the office waits for it (the officer's words, to them alone).
        "missing": _missing(session, case) if shown == "menunggu_kelengkapan" else None,
        # The requester's window to supply it (K_LENGKAP, on its lenient reading) and whether it lapsed: the office
        # then owes the written notice closing the request, by T10 (§3.10), and the requester can no longer act on it.
        "completion": completion,
        "windows": _windows(rt, session, case, locale, words, disputes) if rt is not None else [],
        "linked": [
            {"ticket": m.ticket, "kind": m.kind, "status_label": status.label(_public_stage(session, rt, m), locale)}
            for m in chain.members(session, case)
            if m.id != case.id
        ],
        "files": delivery.public_files(session, rt, case) if rt is not None else [],
        # A request an officer recorded from WhatsApp or social media: the requester is asked to confirm it.
        "confirmation_asked": confirmations.awaited(session, case),
    }


def _milestones(session: Session, rt: Runtime | None, case: Case, locale: str, late: bool) -> list[dict]:
    """The stages the requester reads the case went through, in date order, each on the day it was reached
    (``_stages_reached``) and with what the public decision or filing that moved it said (``_said``). A stage that
    tells of a lapse only once the office is late on every reading (``late``)."""
    tz = rt.calendars["strict"].tz if rt is not None else None
    out = [
        {
            "name": event.data["status"],
            "label": status.label(event.data["status"], locale),
            "at": event.at,
            "on": day,
            "detail": _said(event.data["status"], message, task),
        }
        for event, day, message, task in _stages_reached(session, case, tz)
        if late or event.data["status"] not in lateness.LAPSE_STATUSES
    ]
    if out:  # the first stage is the receipt: its real date, not the day an officer typed it in
        out[0]["at"] = case.received_at
    out += _identity_opened(session, case, locale)
    # The earliest first; the stages of one day as they were reached (a stable sort).
    return sorted(out, key=lambda m: m["on"] or m["at"].astimezone(tz).date())


# A whistleblower's sealed identity made known (legal-process.md §7.3: the reporter's right to information on the
# progress of their report), as engine.reveal_notice tells them by e-mail: to whom by role, never by name, nor why
# (the reason is the team's and may concern others). On the portal too, so one without an e-mail address learns it.
IDENTITY_OPENED = "identitas_dibuka"
IDENTITY_OPENED_WORDS = N_(
    "Your identity was made known to the complaint team's officer who asked for it with a reason, after another"
    " manager of the Whistleblowing System approved that reason, for the handling of your report only"
)


def _identity_opened(session: Session, case: Case, locale: str) -> list[dict]:
    """A milestone for each approved reveal under which the identity was read (its first read: when an officer came
    to know it), for a whistleblower's complaint; none for another."""
    if case.kind != kinds.COMPLAINT or case.reporter_mode != "whistleblower":
        return []
    reads = session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.type == "identity_read").order_by(CaseEvent.seq)
    )
    first: dict[int, CaseEvent] = {}
    for event in reads:
        grant = (event.data or {}).get("request_id")
        if grant is not None and grant not in first:
            first[grant] = event
    words = catalog(locale).gettext(IDENTITY_OPENED_WORDS)
    return [
        {"name": IDENTITY_OPENED, "label": words, "at": event.at, "on": None, "detail": None}
        for event in first.values()
    ]


MODEL_DATED = "berkekuatan_hukum_tetap"  # the stage whose own day (``on``) beats the message's
# Events a run writes between a message and the stage it moved, which leave the stage the message's day: the note that
# the mediation the Commission ordered cannot settle a dispute on ground a alone (engine.casework).
NOTED_IN_A_RUN = ("mediation_not_applicable",)


def _stages_reached(
    session: Session, case: Case, tz=None
) -> list[tuple[CaseEvent, date | None, dict | None, str | None]]:
    """The case's stage changes in order, each with the day it was reached when that is not the day it was recorded,
    the Commission's or a court's message that moved it, if any, and the office's own task that moved it, if any (its
    completion written in the same run, right before the stage change).

    An officer records the Commission's or a court's event some days after it (a hearing on Monday typed in on
    Wednesday): the stage it moved the case to was reached on the day the event gives, not on the day of typing.
    Such a stage change is written in the same run, right after the event (consecutive sequence numbers). A stage an
    officer's task moved is dated by the day the task recorded (the status change's ``on``: the model's milestone
    names its field, ``reached_on``). A stage reached in the same run right after another shares that one's day: a
    dispute's preparation begins the day the summons was received (the receipt: ``Case.received_at``), its
    adjudication the day its mediation failed.
    """
    rows = session.scalars(
        select(CaseEvent)
        .where(
            CaseEvent.case_id == case.id,
            CaseEvent.type.in_(("status_changed", "message_received", "task_completed", *NOTED_IN_A_RUN)),
        )
        .order_by(CaseEvent.seq)
    )
    out, told, message, task, carried, last_seq = [], None, None, None, None, None
    for event in rows:
        if event.type in NOTED_IN_A_RUN:  # said between the message and the stage it moved: part of the same run
            last_seq = event.seq
            continue
        if event.type == "message_received":
            told, message, task, carried = chain.event_day(event.data), event.data, None, None
        elif event.type == "task_completed":
            told, message, task, carried = None, None, event.data.get("task"), None  # dated when recorded
        elif last_seq is None or event.seq != last_seq + 1:
            told, message, task, carried = None, None, None, None  # moved by a timer or a filing: dated when recorded
        if event.type == "status_changed":
            # A lapse is reached when its clock ran out, whatever stage was reached in the same run before it.
            lapse = event.data["status"] in lateness.LAPSE_STATUSES and message is None
            on = iso_day(event.data.get("on"))
            # A dispute's finality is dated by the model (the certificate's, the cassation's or the day after the
            # windows lapsed, sengketa_informasi.bpmn), never by the day an officer checked the court's registry.
            model_dated = on is not None and event.data["status"] == MODEL_DATED
            day = (on if model_dated else told) or on or (None if lapse else carried)
            out.append((event, day, message, task))
            # The next stage of this run shares its day; the first stage's is the receipt's.
            carried = day or (case.received_at.astimezone(tz).date() if len(out) == 1 else None)
        last_seq = event.seq
    return out


# What the requester reads of the public decision or filing that moved a dispute's stage (legal-process.md §5.2 rows
# 7 and 9: an adjudication decision is read in a public session and published, a court's judgment is public), as
# codes the pages word (a milestone's ``detail``): the decision's operative part (``amar``, a choice of its message's
# form, ``form``) and, of a court's, what it ruled on the challenge or the cassation when the officer recorded it
# (``ruling``: ditolak, dikabulkan, dikabulkan_sebagian, tidak_dapat_diterima), and who went to court or filed for
# cassation (``filed_by``: pemohon, termohon). Never the decision's summary, the office's reasons, or anything of a
# mediation, which is closed.
DECISIONS = {"putusan_ajudikasi": "putusan_ajudikasi", "putusan_pengadilan": "putusan_pengadilan"}
# The field of a court's message that records its ruling on the challenge (optional: older records have none).
RULED_ON = {"putusan_pengadilan": "putusan_atas_keberatan", "putusan_kasasi": "putusan_atas_kasasi"}
CASSATION = ("berkekuatan_hukum_tetap", "putusan_kasasi")  # the Supreme Court's decision makes the judgment final
FILINGS = {"keberatan_pengadilan": "gugatan_pemohon", "kasasi": "kasasi_diajukan"}  # a party's filing, by message
PARTIES = ("pemohon", "termohon")


def _said(stage: str, message: dict | None, task: str | None) -> dict | None:
    """What moved a dispute to ``stage`` (``DECISIONS``, ``FILINGS``), as codes, or None: a decision recorded
    without its operative part says nothing; the office is said to have filed only when its own task moved the
    stage (``task``), or the filing's message says so."""
    told = (message or {}).get("message")
    payload = (message or {}).get("data") or {}
    if told is not None and (DECISIONS.get(stage) == told or (stage, told) == CASSATION):
        amar = payload.get("amar")
        if not amar:
            return None
        ruling = payload.get(RULED_ON[told]) if told in RULED_ON else None
        return {"decision": amar, "form": told, "cassation": (stage, told) == CASSATION, "ruling": ruling}
    if stage in FILINGS:
        if told == FILINGS[stage]:  # the filing's message says who filed (the applicant unless it says otherwise)
            party = payload.get("pihak") or "pemohon"
            return {"filed_by": party} if party in PARTIES else None
        if task is not None:  # the office's own task: its decision to go to court or to file for cassation
            return {"filed_by": "termohon"}
    return None


FINAL = "berkekuatan_hukum_tetap"
# The decisions a dispute may become final after with no party going on (sengketa_informasi.bpmn: the Commission's,
# once no one went to court in time; the court's, once no one filed for cassation), and the stages after which it did.
UNCHALLENGED = ("putusan_ajudikasi", "putusan_pengadilan")
CHALLENGED = ("keberatan_pengadilan", "kasasi")


def _with_court(milestones: list[dict], court: dict) -> list[dict]:
    """A dispute's milestones with what the requester reads of its court stage beyond the filing itself: the court and
    its case number on the challenge, the Supreme Court's case number on the cassation (``court``:
    engine.facts ``court_stage``); and, on the decision become final with no party going on, which decision it was
    (``unchallenged``): the stage alone read bare after the Commission's decision (legal-process.md §5.2 row 10)."""
    out, last = [], None
    for milestone in milestones:
        name, detail = milestone["name"], milestone["detail"]
        if name == "keberatan_pengadilan" and (court.get("court") or court.get("court_number")):
            detail = {"filed_by": None, **(detail or {}), "court": court["court"], "case_number": court["court_number"]}
        elif name == "kasasi" and court.get("cassation_number"):
            detail = {"filed_by": None, **(detail or {}), "cassation": True, "case_number": court["cassation_number"]}
        elif name == FINAL and detail is None and last in UNCHALLENGED:
            detail = {"unchallenged": last}
        last = name if name in (*UNCHALLENGED, *CHALLENGED) else last
        out.append({**milestone, "detail": detail})
    return out


# A dispute's decision either party may take further (engine.status ``DECISION_STEPS``), and what ends each party's
# window there (sengketa_informasi.bpmn): the applicant's, its lenient reading's last day passed (legal-process.md
# §2.2), as the page's own window says (engine.chain ``applicant_window``), and its deadline row (engine.chain
# ``APPLICANT_CLOCKS``: P14P, K14P) lapsed once the model has armed it, which it does only after the office's position;
# the office's, its last day (engine.chain ``OFFICE_LAST_DAYS``: P14_AKHIR, K14_AKHIR, after its window's lenient end)
# lapsed, or its position task completed: it accepted the decision, since going on would have moved the stage.
OFFICE_POSITIONS = {
    "putusan_ajudikasi": ("P14_AKHIR", "sikap_atas_putusan"),
    "putusan_pengadilan": ("K14_AKHIR", "sikap_kasasi"),
}
# The court's judgment refused the request entirely: the office, which went to court for nothing else, has nothing
# to appeal against, and the page names the applicant's cassation alone (the applicant may still want more).
REFUSED = "ditolak"


def _decision_step(
    session: Session, rt: Runtime | None, case: Case, shown: str, milestones: list[dict], locale: str
) -> str | None:
    """At a dispute's decision either party may take further, the next step by whose window is still open."""
    if case.kind != kinds.DISPUTE or shown not in OFFICE_POSITIONS:
        return None
    last_day, position = OFFICE_POSITIONS[shown]
    taken = session.scalar(
        select(func.count(HumanTask.id)).where(
            HumanTask.case_id == case.id, HumanTask.bpmn_id == position, HumanTask.state == "completed"
        )
    )
    lapsed = any(d.name == last_day and d.status == "lapsed" for d in case.deadlines)
    office_open = not lapsed and not taken and not _refused(milestones, shown)
    return status.decision_step(shown, not _applicant_closed(session, rt, case, shown), office_open, locale)


def _applicant_closed(session: Session, rt: Runtime | None, case: Case, shown: str) -> bool:
    """Whether the applicant's window on the decision ``shown`` has ended on its lenient reading: its last day over
    (the evening of it is still in time), and its deadline row, once armed, lapsed."""
    name = chain.APPLICANT_WINDOWS[shown][0]
    row = next((d for d in case.deadlines if d.name == name), None)
    if row is not None and row.status != "lapsed":
        return False
    window = chain.applicant_window(rt, session, case) if rt is not None else None
    return not window.open if window is not None else row is not None


def _refused(milestones: list[dict], shown: str) -> bool:
    """Whether the decision the dispute stands at refused the request entirely."""
    decided = next((m["detail"] for m in reversed(milestones) if m["name"] == shown), None) or {}
    return shown == "putusan_pengadilan" and decided.get("decision") == REFUSED


def _court_step(court: dict, shown: str, locale: str) -> str | None:
    """Before a court or the Supreme Court, the next step names it and its case number once known (engine.facts
    ``court_stage``); else the stage's own."""
    gettext = catalog(locale).gettext
    if shown == "keberatan_pengadilan" and (court.get("court") or court.get("court_number")):
        where = milestone_words.where(court["court"], court["court_number"], locale)
        return gettext(status.COURT_NAMED) % {"where": where}
    if shown == "kasasi" and court.get("cassation_number"):
        return gettext(status.SUPREME_COURT_NUMBERED) % {"number": court["cassation_number"]}
    return None


# The next steps said here rather than by the stage (engine.status), in the catalogs (portal.po): what waits for the
# reporter's answer, by what the team sent (engine.complaints.ANSWERABLE).
QUESTION = {
    complaints.REQUEST: N_(
        "The complaint team has asked you for supporting data or evidence and is waiting for your answer. Answer it"
        " on your complaint's messages page."
    ),
    complaints.MESSAGE: N_(
        "The complaint team has sent you a message and is waiting for your answer. Read it and answer on your"
        " complaint's messages page."
    ),
}
# Stages whose own next step already asks the reporter for their answer and evidence (and says until when, or that it
# reopens the complaint): an unanswered question leaves their words.
ASKING_STAGES = frozenset({"menunggu_kelengkapan_pelapor", *status.REOPENABLE})


def _question_step(question, shown: str, locale: str) -> str | None:
    """A message or an evidence request of the complaint team the reporter has not answered
    (``complaints.awaited_question``) is their next step: the stage alone said "waiting for the officers; nothing to
    do for you" while it waited."""
    if question is None or shown in ASKING_STAGES:
        return None
    return catalog(locale).gettext(QUESTION.get(question.kind, QUESTION[complaints.MESSAGE]))


# What the reporter sent in answer to the evidence request, in their words: a text alone, or a text with files.
ANSWERED = N_("We have received your answer; the complaint team is assessing it. You will be told the outcome.")
ANSWERED_WITH_EVIDENCE = N_(
    "We have received your answer and evidence; the complaint team is assessing them. You will be told the outcome."
)


def _answered_step(case: Case, locale: str, evidence_sent: Callable[[], bool]) -> str | None:
    """Once the reporter answered in time (their window met), the next step is the team's, not "answer before the
    deadline": at "in clarification" again, or at "awaiting the reporter's evidence" on a case of the process
    version before that stage followed the answer. It says "evidence" only when their answers since the request
    carried a file (``evidence_sent``, asked only then: ``_evidence_sent``)."""
    if case.status not in ("menunggu_kelengkapan_pelapor", "dalam_klarifikasi"):
        return None
    window = [d for d in case.deadlines if d.name == "BUKTI"]
    if not window or window[-1].status != "met":
        return None
    return catalog(locale).gettext(ANSWERED_WITH_EVIDENCE if evidence_sent() else ANSWERED)


def _evidence_sent(session: Session, case: Case) -> bool:
    """Whether a message of the reporter's after the team's latest evidence request carried a file."""
    asked = session.scalar(
        select(func.max(CaseMessage.id)).where(
            CaseMessage.case_id == case.id,
            CaseMessage.direction == "to_reporter",
            CaseMessage.kind == complaints.REQUEST,
        )
    )
    filed = (
        select(Attachment.id)
        .join(CaseMessage, Attachment.message_id == CaseMessage.id)
        .where(CaseMessage.case_id == case.id, CaseMessage.direction == "from_reporter")
    )
    if asked is not None:
        filed = filed.where(CaseMessage.id > asked)
    return session.scalar(filed.limit(1)) is not None


# A complaint resolved (or its file archived): the outcome letter (Surat Pemberitahuan Hasil) names where the
# reporter may go when not satisfied, whatever the outcome (UU 25/2009 Pasal 46); the page says it too, not "None".
# A complaint reaches "archived" by three routes (workflows/pengaduan.bpmn): after the outcome notice
# (pemberitahuan_hasil), after "not actionable" (Flow_6) and after forwarding to another agency (Flow_8, its letter
# surat_penerusan); only the first issues an outcome letter.
RESOLVED_STAGES = frozenset({"pengaduan_selesai", "diarsipkan"})
OUTCOME_NOTICE = "pemberitahuan_hasil"
FORWARDING_LETTER = "surat_penerusan"
OUTCOME_ROUTE = N_(
    "If you are not satisfied with the outcome, you may take your complaint to the Ombudsman of the Republic of"
    " Indonesia (Law 25/2009 Article 46; ombudsman.go.id) or through SP4N-LAPOR! (lapor.go.id), as the outcome letter"
    " says."
)
NOT_ACTIONABLE_ROUTE = N_(
    "Why your complaint could not be followed up is on your complaint's messages page. If you are not satisfied, you"
    " may take your complaint to the Ombudsman of the Republic of Indonesia (Law 25/2009 Article 46; ombudsman.go.id)"
    " or through SP4N-LAPOR! (lapor.go.id)."
)
FORWARDED_ROUTE = N_(
    "Your complaint is followed up by the agency it was forwarded to; which agency, and why, is on your complaint's"
    " messages page. You may also contact the Ombudsman of the Republic of Indonesia (ombudsman.go.id) or SP4N-LAPOR!"
    " (lapor.go.id)."
)


def _outcome_step(session: Session, case: Case, shown: str, locale: str) -> str | None:
    """Where a resolved or archived complaint's reporter may go next, by the route it took: the outcome letter's
    words only when the outcome notice was completed (one read of its tasks, at those stages alone)."""
    if case.kind != kinds.COMPLAINT or shown not in RESOLVED_STAGES:
        return None
    done = set(
        session.scalars(
            select(HumanTask.bpmn_id).where(
                HumanTask.case_id == case.id,
                HumanTask.bpmn_id.in_((OUTCOME_NOTICE, FORWARDING_LETTER)),
                HumanTask.state == "completed",
            )
        )
    )
    if OUTCOME_NOTICE in done:
        return catalog(locale).gettext(OUTCOME_ROUTE)
    return catalog(locale).gettext(FORWARDED_ROUTE if FORWARDING_LETTER in done else NOT_ACTIONABLE_ROUTE)


DISPUTE_FILED = N_(
    "A dispute on this objection is before the Information Commission: %(disputes)s. Follow it on the dispute's own"
    " page."
)


def _dispute_step(disputes: list[dict], locale: str) -> str | None:
    """Once a dispute was brought on the objection, its next step says so (the stage alone invited one)."""
    if not disputes:
        return None
    named = ", ".join(f"{d['ticket']} ({d['status_label']})" for d in disputes)
    return catalog(locale).gettext(DISPUTE_FILED) % {"disputes": named}


OBJECTION_FILED = N_(
    "An objection to this request has been filed: %(objections)s. Follow it on the objection's own page, with its"
    " ticket number and access code."
)


def _objection_step(session: Session, rt: Runtime | None, case: Case, shown: str, locale: str) -> str | None:
    """A request whose stage invites an objection, once one was filed on it: its next step names the objection (the
    stage alone would invite another)."""
    if case.kind != chain.REQUEST or not status.invites_objection(shown):
        return None
    objections = chain.objections_on(session, case)
    if not objections:
        return None
    named = ", ".join(f"{o.ticket} ({status.label(_public_stage(session, rt, o), locale)})" for o in objections)
    return catalog(locale).gettext(OBJECTION_FILED) % {"objections": named}


# The tasks open while a request waits on what was missing: the record of what the requester supplies, and once their
# window lapsed the written notice closing the request (permohonan_informasi.bpmn).
AWAITING_COMPLETION = ("terima_kelengkapan", "pemberitahuan_tidak_lengkap")
COMPLETE_BY = N_("Supply the missing items of your request to the officers by %(date)s.")
COMPLETION_LAPSED = N_(
    "Your time to supply the missing items ended on %(date)s without them reaching the office, so this request can no"
    " longer be completed. The office closes it with a written notice stating what was missing. You may file a new,"
    " complete request at any time."
)


def _completion(case: Case) -> dict | None:
    """The requester's window to complete the request (the last K_LENGKAP armed): its due instant, and whether it
    lapsed (the process cancelled the record of what they supply and waits for the closing notice)."""
    windows = [d for d in case.deadlines if d.name == "K_LENGKAP"]
    if not windows:
        return None
    window = windows[-1]
    return {"due_at": window.due_at, "lapsed": window.status == "lapsed", "running": window.status == "pending"}


def _completion_step(rt: Runtime | None, completion: dict | None, locale: str) -> str | None:
    """The next step of a request waiting on what was missing, with the date of the requester's window: supply it by
    then, or, the window lapsed, that it ended and what follows (the stage's own words said "before the completion
    window ends", with no date, after it had ended too)."""
    if rt is None or completion is None or not (completion["lapsed"] or completion["running"]):
        return None  # met: the items came (a case of a version whose stage stayed "awaiting completion" then)
    due = completion["due_at"].astimezone(rt.calendars["lenient"].tz).isoformat(timespec="seconds")
    words = COMPLETION_LAPSED if completion["lapsed"] else COMPLETE_BY
    return catalog(locale).gettext(words) % {
        "date": explanation.instant_in_words(due, "en" if locale == "en" else "id")
    }


def _missing(session: Session, case: Case) -> str | None:
    """The items the check of completeness found missing, as the officer wrote them for the requester, while the
    office still waits for them (its task to record what the requester supplies is open) or, their window lapsed,
    for its written notice closing the request."""
    waiting = select(HumanTask.id).where(
        HumanTask.case_id == case.id, HumanTask.bpmn_id.in_(AWAITING_COMPLETION), HumanTask.state == "open"
    )
    if session.scalar(waiting.limit(1)) is None:
        return None
    for (data,) in session.execute(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == "task_completed")
        .order_by(CaseEvent.seq.desc())
    ):
        if data.get("task") == "periksa_kelengkapan":
            return (data.get("data") or {}).get("kekurangan") or None
    return None


def _latest(rt: Runtime | None, deadline: Deadline) -> datetime | None:
    """An office's deadline's due instant on the reading that ends latest; None for another's window."""
    if rt is None or deadline.kind != "agency":
        return None
    return lateness.lenient_due(rt, deadline)


# A complaint's statutory limit (pengaduan.bpmn S60: a decision within 60 days of the complete file, UU 25/2009 Pasal
# 50; Perpres 76/2013), which the staff's case page ties the Ombudsman to (api.web.case WHEN_PASSED). Its service
# standard (SLA, 14 or 60 working days) is the office's own target: its lapse escalates inside the office.
STATUTORY_LIMIT = "S60"


def statutory_limit(rt: Runtime | None, case: Case) -> dict | None:
    """When the reporter of an open complaint may take it to the Ombudsman because the office is late: the statutory
    limit on the reading that ends latest (legal-process.md §2.2: what the reporter reads of the office being late),
    before and after it lapses on the strict one, and whether that end has passed. None when no such limit runs (a
    request, a closed complaint, one waiting for the reporter's evidence)."""
    if rt is None or case.kind != kinds.COMPLAINT or case.closed_at is not None:
        return None
    rows = [d for d in case.deadlines if d.name == STATUTORY_LIMIT]
    if not rows or rows[-1].status not in ("pending", "missed"):
        return None
    return {"due_at": lateness.lenient_due(rt, rows[-1]), "passed": lateness.late_for_requester(rt, rows[-1])}


def _office_beside(case: Case, shown: Deadline) -> datetime | None:
    """When the requester's own window is the deadline shown: the due date of the office's nearest public deadline
    still running beside it, if any."""
    if _owner(shown) != "citizen":
        return None
    running = sorted(
        (d for d in _told(case) if d.status == "pending" and d.kind == "agency"),
        key=lambda d: (d.due_at, d.id),
    )
    return running[0].due_at if running else None


def _owner(deadline: Deadline) -> str:
    """``citizen`` for a window the requester or reporter must act in (a lenient window), else ``office``."""
    return "citizen" if deadline.kind == "window" and deadline.calendar == "lenient" else "office"


def _public_stage(session: Session, rt: Runtime | None, case: Case) -> str:
    """A case's stage as its requester may read it: a lapse stage only once it is late on every reading."""
    if case.status not in lateness.LAPSE_STATUSES or (rt is not None and lateness.late_deadline(rt, case)):
        return case.status
    earlier = [
        d["status"]
        for d in session.scalars(
            select(CaseEvent.data)
            .where(CaseEvent.case_id == case.id, CaseEvent.type == "status_changed")
            .order_by(CaseEvent.seq)
        )
        if d["status"] not in lateness.LAPSE_STATUSES
    ]
    return earlier[-1] if earlier else case.status


def _windows(
    rt: Runtime, session: Session, case: Case, locale: str, words: bool = False, disputes: list | None = None
) -> list[dict]:
    """The requester's own window that this case opened: objection (a request), dispute (an objection), or going to
    court or the Supreme Court (a dispute at the Commission's decision or the court's judgment). ``filed``: the
    disputes already brought in a dispute window (the page then links them instead of inviting one)."""
    gettext = catalog(locale).gettext
    filed = []
    if case.kind == kinds.REQUEST:
        windows, how = chain.objection_windows(rt, session, case, public=True), gettext(chain.HOW_TO_OBJECT)
    elif case.kind == kinds.OBJECTION:
        found = chain.dispute_window(rt, session, case, public=True)
        windows = [found] if found is not None else []
        # Its last day in words; the Commission the superior's response named, else the office's (engine.chain).
        how = chain.how_to_dispute(found, chain.commission(rt, session, case), locale) if found is not None else ""
        filed = [d["ticket"] for d in disputes or []]
    elif case.kind == kinds.DISPUTE:
        found = chain.applicant_window(rt, session, case)
        windows = [found] if found is not None else []
        how = chain.how_to_go_on(rt, found, locale) if found is not None else ""  # the court the setting names
    else:
        return []
    return [
        {
            "name": window.name,
            "legal_basis": window.legal_basis,
            "due_at": window.due_at,
            # The day the requester is told to file by, and the later one a filing is still in time until, if any
            # (the earliest and the latest reading: engine.chain ``Window.told_on``, ``later_filing``).
            "file_by": window.told_on,
            "accepted_until": window.accepted_until,
            "later": chain.later_filing(window, locale),
            "open": window.open,
            "opened_by": window.opened_by,
            "explanation": explain(
                window.provenance, locale, "requester", holiday_years.confirmed_years(session), words
            ),
            "how": how,
            "filed": filed,
        }
        for window in windows
    ]


def count_open(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(HumanTask).where(HumanTask.state == "open")) or 0


def count_overdue_tasks(session: Session, user: User) -> int:
    """The header's "overdue" count: open tasks the officer answers for that are late, by their own due date or
    because their case is still flagged overdue (an agency deadline lapsed; the escalation being done does not
    make the case on time). A superior answers for the lanes below too (``access.supervised_lanes``)."""
    lanes = access.supervised_lanes(user) if access.is_superior(user) else user.group_codes
    query = access.cases_visible_to(user, select(func.count(HumanTask.id)).join(Case)).where(
        HumanTask.state == "open",
        HumanTask.lane.in_(lanes),
        (HumanTask.due_at < clock.now()) | Case.overdue.is_(True),
    )
    return session.scalar(query) or 0
