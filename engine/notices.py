"""Who is told what after a run: reminders planned, and outbox rows for every notice the law or the
office expects (receipt, extension, decision, overdue apology; an objection's receipt as it comes in, and its Objection
Receipt when the officer who registers it gives it by e-mail; a complaint's receipt, recording, referral, its
deemed withdrawal and its reopening; a dispute's decision final and binding, and its compliance recorded; new task,
escalation, overdue; a task handed to a stand-in).

Called by ``engine.run`` after each sync, inside the same transaction, so a rolled-back change tells nobody.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit, clock, dip_match, facts, kinds, lateness, proxy_party, reminders, status, survey
from engine.calendar import iso_day
from engine.letters.types import TRIGGERS
from engine.letters.types import Facts as TriggerFacts
from engine.models import Absence, Case, HumanTask, Notification, Reminder
from engine.outbox import (
    LETTER_KINDS,
    Outbox,
    audience_users,
    deadline_context,
    instant,
    lane_members,
    own_deadline,
    stated,
)
from engine.runtime import Runtime
from engine.sync import Changes

# Which line tells a citizen where to follow the case (notifications.wording.HINTS): the renderer words it in the
# reader's language, with the absolute link to the portal's status page; never an API call, never the code.
PORTAL_HINT = "status"
SURVEY_HINT = "survey"
COMPLAINT_HINT = "complaint"

# A complaint's referral (legal-process.md §7.2 stage 4, Penyaluran/Disposisi: "tell the reporter"): to the
# Inspectorate General, to a unit of the office, or to another agency. The reporter's mail says where in the status
# page's words (engine.status), naming no unit (another agency is named: the reporter may follow it up there).
COMPLAINT_REFERRALS = frozenset({"diteruskan_itjen", "didisposisikan_unit", "diteruskan_instansi_lain"})
# The reporter's evidence window lapsed and the team confirmed it (legal-process.md §7.4; UU 25/2009 Pasal 45): the
# complaint is deemed withdrawn, and the reporter is told which period ended under which rule, and that the evidence
# sent on the complaint's messages page reopens it, with no closing date (engine.complaints.reporter_message takes it,
# archived or not). Late evidence reopens it: they are told it is handled again, and by when. Once each: the return
# path runs at most once (workflows/pengaduan.bpmn).
DEEMED_WITHDRAWN, REOPENED = "dianggap_dicabut", "dibuka_kembali_pengaduan"
# An anonymous complaint whose evidence never came is not actionable, kept as information (legal-process.md §7.3 rule 4;
# pengaduan v4): told by the same mail, in its words (engine.evidence_lapse, read when sent: notifications.case_facts).
NOT_ACTIONABLE_ANONYMOUS = status.ANONYMOUS_NOT_ACTIONABLE
# Forwarding to another agency is told once, when the forwarding letter is recorded (surat_penerusan; the review that
# decided it tells nothing, engine.complaints.CLOSURES): only then was it forwarded. Its mail names the agency and the
# letter's date, and its number: the office's own, or (engine.letters) the one Kawal gives it, read when the mail is
# sent (notifications.case_facts); never the letter itself, which is the agency's.
FORWARDED = "diteruskan_instansi_lain"
# The WBS managers hear of a whistleblower's report as it comes in (KMA 765/2018: the WBS is theirs to oversee), not
# only the team that records it: its ticket, mode and time of receipt and the case's page, never who or what.
WBS_NEWS, WBS_LANE = "whistleblower_report_received", "pengelola_wbs"

# How the registration task (forms/registrasi.json ``cara_kirim_tanda_bukti``; an objection's,
# forms/keberatan_registrasi.json ``cara_kirim_tanda_terima``) says the receipt was given, when it went by e-mail.
RECEIPT_BY_MAIL = "email"
# The objection's field (engine.delivery.check_receipt refuses it by e-mail when no address is on file to send it to).
RECEIPT_FIELD = "cara_kirim_tanda_terima"
# The cause of an objection's receipt mailed at its registration (its first mail, "received", says it came in).
REGISTERED = "registered"

# A dispute's decision final and binding (legal-process.md §5.2 row 10): the requester, a party who follows the
# dispute on the portal, is told the day it became final (the model's ``tanggal_berkekuatan_hukum_tetap``: the
# certificate's, the Supreme Court's judgment's, or the day after the windows lapsed; else the day Kawal reached it,
# as the dispute register reads it) and what the office must now do: carry it out by the compliance clock it arms,
# unless it dismissed the application (``amar_final``). Which decision it is (the Commission's, the court's, the
# Supreme Court's, with the court's name and case number) is read when the mail is sent (notifications.case_facts):
# a Supreme Court decision recorded in the same run is not written yet. The court's and the Supreme Court's
# decisions themselves are not mailed: the court serves its judgment on the parties, and the requester's own time to
# challenge it runs from that service, never from the office's record of it; the office tells them once the decision
# binds it, and the portal shows each decision as recorded.
FINAL, FINAL_DAY, DECISION = "berkekuatan_hukum_tetap", "tanggal_berkekuatan_hukum_tetap", "amar_final"
DISMISSED = "ditolak"
COMPLIANCE_CLOCK = "LAKSANA"
# The tasks that record a decision or a mediation agreement carried out (forms/sengketa_pelaksanaan.json): the
# requester is told once per completion, with the Berita Acara Pelaksanaan Putusan Kawal issues them when its
# trigger does (engine.letters.types ``TRIGGERS``: the office gave no number of its own), which goes with the mail
# (notifications.case_facts); with the office's own record, its number. Never what the officer wrote of it
# (``uraian``): the letter says it. The tasks and the condition are the triggers' own, so that the mail never promises
# a letter that is not issued. Named here, not imported from engine.letters.dispute (MEDIATION_COMPLIANCE_TASK): that
# module reads engine.chain, which reads engine.run, which reads this one; engine.letters.types reads engine.kinds
# alone.
MEDIATION_COMPLIANCE_TASK, COMPLIANCE_RECORD = "laksanakan_kesepakatan_mediasi", "berita_acara_pelaksanaan_putusan"
COMPLIANCE_TRIGGERS = {t.task: t for t in TRIGGERS if t.kind == kinds.DISPUTE and t.letter == COMPLIANCE_RECORD}
OWN_RECORD = "nomor_berita_acara"
# The office goes to court against the Commission's decision (sikap_atas_putusan "mengajukan_keberatan", UU 14/2008
# Pasal 48(1)): its written statement of non-acceptance is copied to the Pemohon ("Tembusan"), so the requester is
# sent it with the mail as a compliance record is (the trigger's own condition: the office gave no number of its own;
# else its number), with the court it went to and the day. The applicant's own challenge tells them nothing: it is
# theirs.
COURT_CHALLENGE, BY_THE_OFFICE = "keberatan_pengadilan", "termohon"
STATEMENT = "pernyataan_tidak_menerima_putusan"
[STATEMENT_TRIGGER] = [t for t in TRIGGERS if t.kind == kinds.DISPUTE and t.letter == STATEMENT]

# Lanes whose task, when a lapse creates it, is an escalation to the superior.
ESCALATION_LANES = frozenset({"atasan_ppid", "pengelola_wbs"})


def announce(session: Session, rt: Runtime, case: Case, changes: Changes) -> None:
    cal = rt.calendars["strict"]
    outbox = Outbox(session, rt.settings.notify_channels)
    for deadline, policy in changes.started:
        reminders.plan(session, rt.calendars[deadline.calendar], deadline, policy)
    missed = [deadline for deadline in changes.closed if deadline.status == "missed"]
    # Who a lapse escalates to (below) reads of it in the escalation; the overdue message goes to the others.
    escalating = {
        task.task_guid: lane_members(session, case, task.lane, task.unit_id)
        for task in (changes.tasks if missed else [])
        if task.lane in ESCALATION_LANES
    }
    escalated = {user for users in escalating.values() for user in users}
    for deadline in changes.closed:
        reminders.close(session, deadline)
        if deadline.status == "missed":
            cause = f"{deadline.name}:{deadline.task_guid}"
            context = stated(rt.calendars, deadline)  # its own reading: a reporter's window is lenient
            group = [user for user in audience_users(session, case, "group") if user not in escalated]
            outbox.to_users(case, "deadline_overdue", cause, group, context)
    current = _public_deadline(case)
    told = deadline_context(cal, current) if changes.statuses or changes.tasks else {}  # what each message states
    hint = {"portal_hint": COMPLAINT_HINT}
    for reached, data in changes.statuses:
        # The status by its code too: the renderer words it in the reader's language (notifications.wording).
        context = {**told, "status_label": status.label(reached), "status_code": reached, "portal_hint": PORTAL_HINT}
        if reached == "diterima":
            # A paper request recorded after its notice period ended on the earliest reading: the receipt still
            # states that period, on the latest reading, as the requester is told of it (engine.lateness).
            lapsed = next((d for d in reversed(missed) if d.public), None) if current is None else None
            receipt = {**context, **lateness.apology_context(rt, lapsed)} if lapsed is not None else context
            if proxy_party.party_id(case) is not None:  # the receipt says the power of attorney must reach the PPID
                receipt = {**receipt, "filed_by_proxy": True}
            outbox.to_requester(case, "receipt", "received", receipt)
        elif reached == "terdaftar" and data.get("cara_kirim_tanda_bukti") == RECEIPT_BY_MAIL:
            # The registered receipt (Tanda Bukti Penerimaan, Pasal 22(4)-(5)) the officer gave by e-mail: the letter
            # goes with the mail (notifications.case_facts); given another way, no mail says it was sent.
            outbox.to_requester(case, "request_registered", "registered", context)
        elif reached == "diperpanjang":
            reason = data.get("rincian_alasan_perpanjangan") or ""
            new_due = context.get("due_at", "")
            outbox.to_requester(
                case, "extension_notice", "extended", {**context, "reason": reason, "new_due_at": new_due}
            )
        elif reached == "menunggu_kelengkapan":  # what is missing and until when (the requester's window)
            window = _last(case, "K_LENGKAP")
            asked = deadline_context(rt.calendars[window.calendar], window) if window is not None else {}
            missing = {"missing": data.get("kekurangan") or "", "portal_hint": PORTAL_HINT}
            outbox.to_requester(case, "completion_request", "incomplete", {**context, **asked, **missing})
        elif reached in status.NOTICE_STATUSES:  # a decision, or the closure of an incomplete request
            decided = {"outcome_label": status.label(reached), "outcome_code": reached}
            context = {**context, **decided, **dip_match.notice_context(session, data)}
            outbox.to_requester(case, "decision_notice", "decided", context)
        elif reached == "pengaduan_baru":  # when it came in; what comes next and the law's limit: the template
            received = {"received_at": instant(case.received_at.astimezone(cal.tz)), "portal_hint": COMPLAINT_HINT}
            outbox.to_requester(case, "complaint_receipt", "received", {**context, **received})
            if case.reporter_mode == "whistleblower":
                managers = lane_members(session, case, WBS_LANE)
                news = {
                    **lateness.team_clock(rt, case),
                    "mode": case.reporter_mode,
                    "received_at": received["received_at"],
                }
                outbox.to_users(case, WBS_NEWS, "received", managers, news)
        elif reached == "tercatat":  # recorded: its Tanda Terima is issued, and goes with the mail (case_facts)
            outbox.to_requester(case, "complaint_recorded", "recorded", {**context, "portal_hint": COMPLAINT_HINT})
        elif reached in (DEEMED_WITHDRAWN, NOT_ACTIONABLE_ANONYMOUS):  # the period that ended, the reopening
            ended = stated(rt.calendars, _last(case, "BUKTI"))  # the reporter's window, on its own (lenient) reading
            outbox.to_requester(case, "complaint_deemed_withdrawn", "deemed_withdrawn", {**ended, **hint})
        elif reached == REOPENED:  # handled again: the limit the status page shows, counted from the reopening
            shown = deadline_context(cal, _nearest_public(case))
            outbox.to_requester(case, "complaint_reopened", "reopened", {**shown, **hint})
        elif reached in COMPLAINT_REFERRALS:  # once a stage: a re-referral to another unit leaves the page as it was
            # The date the status page shows: the nearest of the complaint's clocks (its service standard), not the
            # statutory 60 days it runs beside (the receipt stated those).
            shown = deadline_context(cal, _nearest_public(case))
            referred = {**shown, "status_label": context["status_label"], "status_code": reached}
            referred["portal_hint"] = COMPLAINT_HINT
            if reached == FORWARDED:  # the letter's own facts (its number, when Kawal gave it, read when sent)
                forwarded = {"agency": data.get("instansi_tujuan"), "letter_date": data.get("tanggal")}
                forwarded["letter_number"] = data.get("nomor_surat")
                referred |= {key: value for key, value in forwarded.items() if value}
            outbox.to_requester(case, "complaint_referred", f"referred:{reached}", referred)
        elif reached == "keberatan_diterima":  # it came in: the officer registers it, and issues its receipt, later
            outbox.to_requester(case, "objection_receipt", "received", context)
        elif reached == "keberatan_terdaftar" and data.get(RECEIPT_FIELD) == RECEIPT_BY_MAIL:
            # The Objection Receipt (Tanda Terima Keberatan, Perki 1/2021 Pasal 41(3)-(4)) the officer gave by e-mail,
            # as a request's registered receipt: the letter goes with the mail (notifications.case_facts); the portal
            # says it was sent only once this mail was (``receipt_mailed``).
            outbox.to_requester(case, "objection_receipt", REGISTERED, {**context, "registered": True})
        elif reached == "tanggapan_dikirim":
            # "Late" in a letter only when late on every reading (engine.lateness).
            answered = {
                **lateness.letter_context(rt, _last(case, "A30")),
                "outcome_label": status.label(case.outcome or ""),
                "outcome_code": case.outcome or "",
            }
            outbox.to_requester(case, "objection_response", "answered", {**context, **answered})
        elif reached == "dicabut":  # the requester (or whoever knows the code) withdrew it: the requester is told
            withdrawn = {"deadline": None, "withdrawn_at": instant(clock.now().astimezone(cal.tz))}
            outbox.to_requester(case, "request_withdrawn", "withdrawn", {**withdrawn, "portal_hint": PORTAL_HINT})
        elif reached == FINAL:
            outbox.to_requester(case, "dispute_final", "final", _final(rt, case, data))
        elif reached == COURT_CHALLENGE and data.get("pihak_keberatan") == BY_THE_OFFICE:
            outbox.to_requester(case, "dispute_challenged", "challenged", {**told, **_challenged(case, data)})
    for completed in _compliance_recorded(session, case):
        cause = f"carried_out:{completed['task_id']}"
        outbox.to_requester(case, "dispute_carried_out", cause, _carried_out(rt, case, completed))
    # The requester hears of a lapse only once the lenient count has lapsed too (engine.lateness), and after what
    # the change did to the case: a request recorded late is acknowledged before it is apologized for.
    for deadline in missed:
        lateness.after_lapse(session, rt, case, deadline, outbox, PORTAL_HINT)
    for task in changes.tasks:
        # A task that a lapse created is the escalation to the superior; any other is news for its group (one the run
        # gave an officer, for them alone: engine.sync), with the deadline the task itself is due by (a unit's
        # clarification: the SLA, not the statutory 60 days).
        event = "escalation" if missed and task.lane in ESCALATION_LANES else "task_new_group"
        own = own_deadline(task, case.deadlines)  # as a leave's mails state it too (engine.leave_returns)
        # Each on its own reading (a staff mail counts a period as the requester's does: days when the law counts days).
        said = stated(rt.calendars, missed[-1]) if event == "escalation" else stated(rt.calendars, own) if own else told
        context = {**said, "task_title": task.title}
        if event == "escalation":
            told_users = escalating[task.task_guid]
            # The lapses it tells of: a "+1" reminder of theirs does not tell its readers again (remind).
            context[reminders.LAPSES] = [deadline.id for deadline in missed]
        elif task.assignee_id is not None:  # the run gave it to an officer (engine.sync): theirs, not the queue's
            event, told_users = "task_assigned", [task.assignee_id]
            leave = _stand_in_for(session, case, task)
            if leave is not None:  # the referrer is away: his stand-in is told whose work it is and until when
                event, context = "task_handed_over", {**context, **_leave_facts(leave)}
        else:
            told_users = lane_members(session, case, task.lane, task.unit_id)
        outbox.to_users(case, event, f"task:{task.task_guid}", told_users, context)
    outbox.write()


def invite_to_survey(session: Session, rt: Runtime, case: Case, statuses: list[tuple[str, dict]]) -> None:
    """After a run that closed ``case`` (``statuses``: the run's), and after what it told the cases it is linked to
    (engine.run: a granted objection reopens its request's delivery): the satisfaction survey (engine.survey) for
    each closed case of its chain once the whole chain is finished (``survey.chain_finished``), once per case,
    whichever closing status comes first. Its mail says the case's handling is complete: never while an objection
    on it, or the order one gave, still runs; the case whose closing finishes the chain invites those waiting."""
    if not any(reached in status.CLOSED for reached, _data in statuses):
        return
    members = survey.finished_chain(session, case)
    if members is None:
        return
    outbox = Outbox(session, rt.settings.notify_channels)
    for member in members:
        if survey.invited(member):
            outbox.to_requester(member, "survey_invitation", "closed", {"deadline": None, "portal_hint": SURVEY_HINT})
    outbox.write()


def receipt_mailed(session: Session, case: Case) -> str | None:
    """Whether an objection's receipt, given by e-mail at its registration, went by e-mail, as its portal page says
    it: ``sent`` (to the requester), ``sending`` (to the requester, not yet), ``sent_to_proxy`` (the proxy's copy
    went, the requester's own mail did not: ``Outbox.to_requester`` keys it ``...:requester:smtp``, the copy
    ``...:proxy<party>:smtp``), or None (never written: no e-mail channel; or not sent: no address on file, an
    incident). The page never says a mail went to the requester that went only to their proxy, or not at all."""
    key = f"objection_receipt:{case.id}:{REGISTERED}:%"
    rows = session.execute(
        select(Notification.idempotency_key, Notification.status).where(
            Notification.case_id == case.id,
            Notification.channel == "smtp",
            Notification.idempotency_key.like(key),
        )
    )
    own, proxy = set(), set()
    for idempotency_key, state in rows:
        (own if idempotency_key.endswith(":requester:smtp") else proxy).add(state)
    if "sent" in own:
        return "sent"
    if own & {"pending", "sending"}:
        return "sending"
    return "sent_to_proxy" if "sent" in proxy else None


def _final(rt: Runtime, case: Case, data: dict) -> dict:
    """What the mail of a dispute's decision that became final states (``FINAL``): the day, the decision's effect on the
    request, and the compliance clock the office now runs (none when the application was dismissed)."""
    tz = rt.calendars["strict"].tz
    final_on = iso_day(data.get(FINAL_DAY)) or clock.now().astimezone(tz).date()
    decided = data.get(DECISION) or ""
    comply = _last(case, COMPLIANCE_CLOCK) if decided != DISMISSED else None
    running = comply if comply is not None and comply.status == "pending" else None
    told = {"final_on": final_on.isoformat(), "decision_code": decided, "portal_hint": PORTAL_HINT}
    return {**stated(rt.calendars, running), **told}


def _compliance_recorded(session: Session, case: Case) -> list[dict]:
    """The completions of a compliance task this run recorded (``COMPLIANCE_TRIGGERS``; their events not written
    yet)."""
    return [
        event["data"]
        for event in audit.pending(session, case)
        if event["type"] == "task_completed" and event["data"].get("task") in COMPLIANCE_TRIGGERS
    ]


def _carried_out(rt: Runtime, case: Case, completed: dict) -> dict:
    """What the mail of a decision (or a mediation agreement) carried out states: the day, the compliance clock as a
    letter states it ("late" only when late on every reading: engine.lateness; a mediation agreement on grounds b-g
    runs none), and the record: Kawal's (``LETTER_KINDS``, attached when sent) or the office's own number."""
    recorded = completed.get("data") or {}
    mediation = completed["task"] == MEDIATION_COMPLIANCE_TASK
    told = {"carried_out_on": recorded.get("tanggal_pelaksanaan") or "", "portal_hint": PORTAL_HINT}
    if mediation:
        told["mediation"] = True
    # The trigger reads the completed form alone (whether the office numbered its own record).
    form = TriggerFacts(data=recorded, recorded={}, details=case.details or {})
    if COMPLIANCE_TRIGGERS[completed["task"]].when(form):
        told[LETTER_KINDS] = [COMPLIANCE_RECORD]
    elif recorded.get(OWN_RECORD):
        told["record_number"] = recorded[OWN_RECORD]
    clock_of = None if mediation else _last(case, COMPLIANCE_CLOCK)
    return {**lateness.letter_context(rt, clock_of), **told}


def _challenged(case: Case, data: dict) -> dict:
    """What the mail of the office's court challenge states: the court, the day it was lodged, and its statement of
    non-acceptance: Kawal's (``LETTER_KINDS``, attached when sent) or the office's own number."""
    told = {"court": data.get("pengadilan") or "", "lodged_on": data.get("tanggal_pengajuan_keberatan") or ""}
    if STATEMENT_TRIGGER.when(TriggerFacts(data=data, recorded={}, details=case.details or {})):
        told[LETTER_KINDS] = [STATEMENT]
    elif data.get("nomor_pernyataan"):
        told["record_number"] = data["nomor_pernyataan"]
    return {**told, "portal_hint": PORTAL_HINT}


def _stand_in_for(session: Session, case: Case, task: HumanTask) -> Absence | None:
    """The leave under which this run gave ``task`` to a stand-in: a unit's answer routed back to the officer who
    referred the case, away now (engine.stand_ins.route_back; its ``task_assigned`` event, not written yet, names the
    leave, ``absence_id``, as an assignment by hand to an officer on leave does, engine.inbox.assign_task)."""
    for event in audit.pending(session, case):
        data = event["data"]
        if event["type"] == "task_assigned" and data.get("task_guid") == task.task_guid and data.get("absence_id"):
            return session.get(Absence, data["absence_id"])
    return None


def _leave_facts(leave: Absence) -> dict:
    """Whose work it is and until when, as ``task_handed_over`` says it (engine.leave_returns.leave_context, which
    this module cannot import: engine.leave_returns reads engine.run, which reads this one)."""
    return {"absent_name": leave.user.display_name, "leave_last_day": leave.last_day.isoformat()}


def remind(session: Session, rt: Runtime, reminder: Reminder) -> list[int]:
    """Turn a due reminder into outbox rows for its audience (idempotent by the reminder's id); their ids.

    A catch-up (no sweep ran while several points of the deadline came: the server was down, Redis lost its
    schedule, the case was recorded late) tells each reader the most pressing word once, as of now: a point before
    the due instant of a deadline that has passed gives way to its lapse for whom the lapse tells (the overdue notice
    to the group, a "+1" point to whom it names: ``reminders.lapse_audiences``); an officer or requester whom a later
    point, due too, tells is left out of this one. A lapse is told once to each officer: a "+1" point leaves out
    whoever read of it in its escalation (``reminders.told_in_escalation``). A reminder left with nobody to tell is
    recorded as cancelled with its reason (``reminders.SUPERSEDED``, ``reminders.ESCALATED``), not sent. The apology
    is never superseded, nor does it supersede anything.
    """
    case = session.get(Case, reminder.case_id)
    now = clock.now()
    later = {a for other in reminders.later_due(reminder, now) for a in other.audience.split(",")}
    later |= reminders.lapse_audiences(reminder, now)  # whom the deadline's lapse, already due, tells
    escalated = reminders.told_in_escalation(session, reminder)
    # Counted on the deadline's own reading: a reporter's window is lenient.
    context = {
        **deadline_context(rt.calendars[reminder.deadline.calendar], reminder.deadline),
        "reminder": reminder.kind,
    }
    outbox = Outbox(session, rt.settings.notify_channels)
    cause = f"reminder{reminder.id}"
    # Whom a later point tells, and an officer in two audiences (the assignee of their own group's task): told once.
    told = {u for a in later & reminders.OFFICERS for u in audience_users(session, case, a)}
    reached, passed_over = 0, set()  # why readers were left out: SUPERSEDED, ESCALATED
    for audience in reminder.audience.split(","):
        if audience == lateness.APOLOGY_AUDIENCE:
            judged = lateness.apologize_when_due(session, rt, case, reminder, outbox, PORTAL_HINT)
            # Late on the lenient reading at the apology's instant: the reports count it so (engine.facts).
            facts.refresh(session, rt, case, at=judged)
            reached += 1  # the apology decides for itself whether it is due
        elif audience == "requester":  # a window that is the requester's own, e.g. a reporter's evidence
            if "requester" in later:
                passed_over.add(reminders.SUPERSEDED)
                continue
            outbox.to_requester(case, "reporter_reminder", cause, {**context, "portal_hint": COMPLAINT_HINT})
            reached += 1
        else:
            audience_ids = audience_users(session, case, audience)
            users = [u for u in audience_ids if u not in told and u not in escalated]
            if any(u in told for u in audience_ids):
                passed_over.add(reminders.SUPERSEDED)
            if any(u in escalated and u not in told for u in audience_ids):
                passed_over.add(reminders.ESCALATED)
            reached += len(users)
            told.update(users)
            outbox.to_users(case, "deadline_reminder", f"{cause}:{audience}", users, context)
    if passed_over and not reached:
        return _cancelled(reminder, passed_over)
    return outbox.write()


def _cancelled(reminder: Reminder, reasons: set[str]) -> list[int]:
    """The reminder told nobody: recorded as cancelled with why (in a fixed order), never dropped silently."""
    reason = "; ".join(r for r in (reminders.SUPERSEDED, reminders.ESCALATED) if r in reasons)
    reminder.status, reminder.sent_at, reminder.last_error = "cancelled", None, reason
    return []


def _last(case: Case, name: str):
    rows = [d for d in case.deadlines if d.name == name]
    return rows[-1] if rows else None


def _nearest_public(case: Case):
    """The pending public deadline the status page shows (engine.queries: the nearest, the first armed on a tie)."""
    pending = [d for d in case.deadlines if d.public and d.status == "pending"]
    return min(pending, key=lambda d: (d.due_at, d.id or 0)) if pending else None


def _public_deadline(case: Case):
    pending = [d for d in case.deadlines if d.public and d.status == "pending"]
    return max(pending, key=lambda d: d.due_at) if pending else None
