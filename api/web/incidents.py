"""The administrator's incidents page (``/insiden``): the work that kept failing, and its retry.

A message that failed ``notifications.delivery.MAX_ATTEMPTS`` times, a job whose last retry failed, a quota refused
again and again, the disk of the files nearly full, a year whose cuti bersama nobody confirmed: each is an incident
(notifications.incidents) that waits for an administrator. Before this page only ``GET /api/v1/incidents`` and
``kawal incidents list`` showed them, so a requester's notice could fail unseen. Each row says what failed (which
message, to whom by role, which case's ticket, which channel), how many attempts, and the last error in words
(api.web.incident_words); never an address, a name of the public or a message's body.

Administrators only (``access.require_admin``, as the API's): others get the 403 page. Retrying is the API's verb,
in the same transaction rules: ``notifications.incidents.retry`` puts the item back (a message pending again, a
reminder, a letter's PDF, a case's timers) and closes the incident as done by the administrator; the commit then
schedules the case (``api.boundary.commit``). A quota's or the disk's incident is only acknowledged; a calendar
year's closes when the year is confirmed on the working calendar. The count of open incidents is on the
navigation link, on every page the administrator opens.

An administrator who decides not to retry (the requester's address is wrong and the PPID phoned them instead) closes
the incident with a reason (``notifications.incidents.close``, as ``POST /api/v1/incidents/<id>/close``): a short
text, refused beside its field when empty, too long or holding someone's address, number or NIK. The closed
incidents are listed apart (``/insiden/ditutup``), newest closed first: who closed each, when, and how (retried,
marked handled, the year confirmed, or closed without retrying, with its reason).
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from api.boundary import commit
from api.extensions import db
from api.web import display
from api.web.blueprint import bp
from api.web.i18n import current_language, field_errors, translated
from api.web.incident_words import error_words
from api.web.layout import NAV, NavItem
from api.web.session import officer
from engine import access, accounts, kinds
from engine.errors import Conflict, Invalid
from engine.letters.context import title as letter_title
from engine.models import Case, Incident, Letter, Notification, Reminder, User
from engine.outbox import PROXY_COPY
from notifications.incidents import (
    ACKNOWLEDGED_ONLY,
    CLOSES_ITSELF,
    REASON_MAX,
    close,
    is_job,
    last_error,
    outcome,
    retry,
)

PAGE_SIZE = 20
OPEN = Incident.resolved_at.is_(None)
CLOSED = Incident.resolved_at.is_not(None)


class _NavLabel:
    """ "Incidents (3)": the navigation names how many are open, counted once per page (the link is an admin's only).
    A database that does not answer (an error page's frame) leaves the plain word."""

    def __str__(self) -> str:
        if "open_incidents" not in g:
            try:
                g.open_incidents = open_count()
            except SQLAlchemyError:
                g.open_incidents = 0
        count = g.open_incidents
        return _("Incidents (%(num)d)", num=count) if count else _("Incidents")


NAV.append(NavItem("web.incidents_page", _NavLabel(), frozenset({"admin"})))

EVENTS = {  # notifications.rendering.EVENTS and ITEM_EVENTS: each message as the office calls it
    "receipt": _l("Receipt"),
    "request_registered": _l("Registered receipt letter"),
    "extension_notice": _l("Notice of an extended deadline"),
    "completion_request": _l("Request to complete the filing"),
    "decision_notice": _l("Written notice of the decision"),
    "objection_receipt": _l("Receipt of the objection"),
    "objection_response": _l("Response to the objection"),
    "complaint_receipt": _l("Receipt of the complaint"),
    "complaint_recorded": _l("Complaint receipt letter"),
    "complaint_referred": _l("Complaint forwarded"),
    "complaint_question": _l("Question to the reporter"),
    "complaint_outcome": _l("Outcome of the complaint"),
    # deemed withdrawn, or an anonymous complaint not actionable (engine.evidence_lapse): the same mail
    "complaint_deemed_withdrawn": _l("Complaint closed: evidence not sent"),
    "complaint_reopened": _l("Complaint reopened"),
    "identity_revealed": _l("The reporter's identity was opened"),
    "reporter_reminder": _l("Reminder to the reporter"),
    "overdue_apology": _l("Apology for a late answer"),
    "survey_invitation": _l("Satisfaction survey"),
    "access_code_resent": _l("New access code"),
    "proxy_ended_new_code": _l("New access code after the proxy's power ended"),
    "requester_data_corrected": _l("The requester's data corrected"),
    "proxy_data_corrected": _l("The proxy's data corrected"),
    "requester_correction_refused": _l("A data correction refused"),
    "reporter_contact_changed": _l("The reporter's contact changed"),
    "information_sent": _l("The information requested"),
    "request_withdrawn": _l("Withdrawal confirmed"),
    "desk_reply": _l("The desk's answer to a requester's message"),
    "task_new_group": _l("New task for a group"),
    "task_assigned": _l("Task assigned"),
    "task_handed_over": _l("Task handed over for a leave"),
    "task_returned": _l("Task given back after a leave"),
    "deadline_reminder": _l("Deadline reminder"),
    "deadline_overdue": _l("Deadline passed"),
    "escalation": _l("Escalation to the superior"),
    "reporter_message": _l("New message from a reporter"),
    "requester_message": _l("New message from a requester"),
    "note_mention": _l("Mention in an internal note"),
    "reveal_requested": _l("Identity reveal awaiting a decision"),
    "reveal_decided": _l("Identity reveal decided"),
    "whistleblower_report_received": _l("New whistleblowing report"),
    "requester_correction_asked": _l("Data correction to handle"),
    "requester_correction_overdue": _l("Data correction overdue"),
    "requester_correction_reminder": _l("Data correction reminder"),
    "task_follow_up": _l("Task's follow-up day"),
    "dip_due_reminder": _l("Public information item falling due"),
    "dip_overdue": _l("Public information item overdue"),
    "dip_exemption_ended": _l("An exemption of the public information list ended"),
    "annual_report_due": _l("Annual report falling due"),
    "annual_report_overdue": _l("Annual report overdue"),
}
CHANNELS = {"smtp": _l("E-mail"), "webhook": _l("SMS/WhatsApp gateway"), "log": _l("Server log (no sending)")}


OUTCOMES = {  # notifications.incidents.outcome: how a closed incident was closed
    "retried": _l("Retried: its work went back to the sending queue"),
    "acknowledged": _l("Marked handled"),
    "confirmed": _l("Closed when the year was confirmed on the working calendar"),
    "closed": _l("Closed without retrying"),
}


def open_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Incident).where(OPEN)) or 0


def closed_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Incident).where(CLOSED)) or 0


@bp.get("/insiden")
@login_required
def incidents_page():
    """The open incidents, oldest first, ``PAGE_SIZE`` a page (``?page=``; a page that is not there is 404)."""
    access.require_admin(officer())
    return _page(_page_number())


@bp.get("/insiden/ditutup")
@login_required
def incidents_closed_page():
    """The closed incidents, newest closed first, ``PAGE_SIZE`` a page: who closed each, when, how and why."""
    access.require_admin(officer())
    number = _page_number()
    total = closed_count()
    pages = max(1, -(-total // PAGE_SIZE))
    if number > pages:
        abort(404)
    found = db.session.scalars(
        select(Incident)
        .where(CLOSED)
        .order_by(Incident.resolved_at.desc(), Incident.id.desc())
        .offset((number - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return render_template(
        "incidents.html",
        closed=True,
        closing={},
        rows=[_closed_row(incident) for incident in found],
        total=total,
        open_total=open_count(),
        number=number,
        pages=pages,
        previous_url=url_for("web.incidents_closed_page", page=number - 1) if number > 1 else None,
        next_url=url_for("web.incidents_closed_page", page=number + 1) if number < pages else None,
    )


def _page_number() -> int:
    raw = request.args.get("page", "1").strip()
    if not raw.isdigit() or not 1 <= int(raw) <= 10**6:
        abort(404)
    return int(raw)


def _page(number: int, closing: dict | None = None, status: int = 200):
    """The open incidents' page ``number``; ``closing``: a refused closing (its incident, reason and field errors),
    shown open beside its incident."""
    total = open_count()
    pages = max(1, -(-total // PAGE_SIZE))
    if number > pages:
        abort(404)
    found = db.session.scalars(
        select(Incident).where(OPEN).order_by(Incident.id).offset((number - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    ).all()
    page = render_template(
        "incidents.html",
        closed=False,
        rows=[_row(incident) for incident in found],
        total=total,
        open_total=total,
        number=number,
        pages=pages,
        previous_url=url_for("web.incidents_page", page=number - 1) if number > 1 else None,
        next_url=url_for("web.incidents_page", page=number + 1) if number < pages else None,
        closing=closing or {},
        reason_max=REASON_MAX,
    )
    return page, status


@bp.post("/insiden/<id:incident_id>/ulangi")
@login_required
def incident_retry(incident_id: int):
    """Retry (or acknowledge) one incident, as ``POST /api/v1/incidents/<id>/retry``; back to the page it was on."""
    admin = officer()
    access.require_admin(admin)
    back = url_for("web.incidents_page", **_page_arg())
    incident = db.session.get(Incident, incident_id) or abort(404)  # the id converter keeps it in range
    acknowledged = incident.subject.partition(":")[0] in ACKNOWLEDGED_ONLY
    try:
        case_id = retry(db.session, incident_id, admin.username)
    except Conflict as refused:  # handled meanwhile (another tab, another admin, the CLI), or not retryable
        db.session.rollback()
        flash(translated(refused.message), "error")
        return redirect(back, 303)
    commit(*([db.session.get(Case, case_id)] if case_id is not None else []))
    if acknowledged:
        flash(_("Incident %(id)d is marked handled.", id=incident_id), "success")
    else:
        flash(_("Incident %(id)d is retried: its work is put back in the sending queue.", id=incident_id), "success")
    return redirect(back, 303)


@bp.post("/insiden/<id:incident_id>/tutup")
@login_required
def incident_close(incident_id: int):
    """Close one incident without retrying its work, with a reason (``POST /api/v1/incidents/<id>/close``); a reason
    refused is said beside its field, on the page the form was on, the text kept."""
    admin = officer()
    access.require_admin(admin)
    db.session.get(Incident, incident_id) or abort(404)  # the id converter keeps it in range
    reason = request.form.get("reason", "")
    try:
        close(db.session, incident_id, admin.username, reason)
    except Conflict as refused:  # handled meanwhile, or a calendar year's
        db.session.rollback()
        flash(translated(refused.message), "error")
        return redirect(url_for("web.incidents_page", **_page_arg()), 303)
    except Invalid as refused:
        db.session.rollback()
        closing = {"id": incident_id, "reason": reason, "errors": field_errors(refused.fields).get("reason", [])}
        return _page(_page_arg().get("page", 1), closing, 422)
    db.session.commit()
    flash(_("Incident %(id)d is closed without retrying; the reason is kept with it.", id=incident_id), "success")
    return redirect(url_for("web.incidents_page", **_page_arg()), 303)


def _page_arg() -> dict:
    """The page the form was on (after a retry the list is shorter: a page past the end is the last one)."""
    raw = request.form.get("page", "")
    if not raw.isdigit() or int(raw) < 2:
        return {}
    pages = max(1, -(-open_count() // PAGE_SIZE))
    return {"page": min(int(raw), pages)} if pages > 1 else {}


def _row(incident: Incident) -> dict:
    """One incident as the page lists it: what failed and for which case, its channel, the action it allows."""
    kind, _sep, ref = incident.subject.partition(":")
    what, channel, case_id = _what(kind, ref)
    ticket = db.session.scalar(select(Case.ticket).where(Case.id == case_id)) if case_id is not None else None
    return {
        "id": incident.id,
        "opened": incident.created_at,
        "what": what,
        "channel": channel,
        "ticket": ticket,
        "attempts": incident.attempts,
        "error": error_words(last_error(db.session, incident), job=is_job(incident)),
        "action": "calendar" if kind in CLOSES_ITSELF else "acknowledge" if kind in ACKNOWLEDGED_ONLY else "retry",
    }


def _closed_row(incident: Incident) -> dict:
    """A closed incident: what failed and for which case, when and by whom it was closed, how, and the reason."""
    row = _row(incident)
    kind = incident.subject.partition(":")[0]
    by = incident.resolved_by
    if by == accounts.CLI:
        by = display.changed_by(by, "calendar") if kind in CLOSES_ITSELF else _("the server (kawal incidents)")
    else:
        by = display.officer_name(by)
    return row | {
        "closed_at": incident.resolved_at,
        "closed_by": by,
        "outcome": str(OUTCOMES[outcome(incident)]),
        "reason": incident.close_reason,
    }


def _what(kind: str, ref: str) -> tuple[str, str | None, int | None]:
    """What the incident is about in words, its channel's name (messages only), and its case's id."""
    found = db.session.get(SUBJECTS[kind], int(ref)) if kind in SUBJECTS and ref.isdigit() else None
    if kind == "notification" and found is not None:
        label = str(EVENTS.get(found.event, found.event))
        return f"{label} {_recipient(found)}", str(CHANNELS.get(found.channel, found.channel)), found.case_id
    if kind == "reminder" and found is not None:
        return _("Deadline reminder %(point)s (not sent)", point=found.kind), None, found.case_id
    if kind == "letter" and found is not None:
        title = letter_title(found.kind, current_language()) if found.kind else ""
        return (
            _("The PDF of the letter %(title)s no. %(number)s", title=title, number=found.number),
            None,
            found.case_id,
        )
    if kind == "case" and found is not None:
        return _("The case's timers (deadlines and reminders)"), None, found.id
    if kind == "quota":
        return _("A limit of the public portal"), None, None
    if kind == "storage":
        return _("The disk of the files"), None, None
    if kind == "calendar":
        return _("The working calendar of %(year)s", year=ref), None, None
    return _("Something Kawal does not name (%(subject)s)", subject=kind), None, None


SUBJECTS = {"notification": Notification, "reminder": Reminder, "letter": Letter, "case": Case}


def _recipient(row: Notification) -> str:
    """To whom, by role: the public by their role only, an officer by name (the administrator keeps their account)."""
    if row.recipient_user_id is not None:
        name = db.session.scalar(select(User.display_name).where(User.id == row.recipient_user_id))
        return _("to the officer %(name)s", name=name or "?")
    if not row.to_requester:
        return ""
    if row.context.get(PROXY_COPY) is not None:
        return _("to the requester's proxy")
    complaint = row.case_id is not None and db.session.scalar(select(Case.kind).where(Case.id == row.case_id))
    return _("to the reporter") if complaint == kinds.COMPLAINT else _("to the requester")
