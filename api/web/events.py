"""What reaches the office from outside a case's tasks, recorded on a page as the API records it.

- An event the case waits for (``/kasus/<ticket>/peristiwa/<name>``): the Commission's preliminary examination,
  a mediation's result or end, the decision, the applicant's court challenge, a judgment, finality, a withdrawal;
  for a complaint, the reporter's evidence that never came. The case page lists those the officer may record
  (``engine.casework.awaited_messages``); the form is the catch event's JSON Schema and posting it is
  ``casework.send_case_message``, the engine verb behind ``POST /api/v1/cases/{ticket}/messages/{name}``.
- The post's or courier's receipt of a letter to the requester (``/kasus/<ticket>/diterima-pemohon``): the day
  their objection or dispute window starts (``notice_delivery.record_delivery``, behind
  ``POST /api/v1/cases/{ticket}/notice-delivery``).
- A requester's confirmation of a request recorded from WhatsApp or social media
  (``/kasus/<ticket>/konfirmasi-pemohon``), when it reached the desk by e-mail, letter or in person
  (``confirmations.confirm``); the requester may also confirm on the portal (api.web.portal.following).
- A Commission summons (``/sengketa/baru``): the dispute is registered from it (``intake.record_dispute``, behind
  ``POST /api/v1/disputes``); the case page of an objection or a request offers it to the PPID desk.

Refusals are the engine's: a form's errors beside its fields (422); a case no longer waiting, or an event
recorded before the window it confirms has ended, as a message on the case page.
"""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from api.boundary import commit, runtime
from api.extensions import db
from api.web import display, schema_form
from api.web.blueprint import bp
from api.web.i18n import current_language, refusal_details, translated
from api.web.inbox import refusal_message
from api.web.session import officer
from engine import (
    access,
    casework,
    chain,
    confirmations,
    evidence_lapse,
    intake,
    kinds,
    lateness,
    notice_delivery,
    windows,
)
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.messages import msg
from engine.models import Case, CaseEvent, User
from engine.waiting import LAPSE_CONFIRMATION, LAPSE_WINDOW

SUMMONS_FORM = "sengketa.json"


def awaited(user: User, case: Case, locale: str) -> list[dict]:
    """The events the case page offers ``user`` to record: each with its form's title, in the reader's language."""
    rt = runtime()
    return [
        {"name": event.name, "title": _title(rt.forms.schema(event.form), locale)}
        for event in casework.awaited_messages(db.session, rt, user, case)
    ]


def message_title(name: str, locale: str) -> str:
    """An event from outside by the title of its form (``chain.message_title``), or its name."""
    return chain.message_title(runtime().forms, name, locale) or name


def can_record_summons(user: User, case: Case) -> bool:
    """The PPID desk records a Commission summons against an objection or a request (``intake.record_dispute``)."""
    return case.kind in (kinds.OBJECTION, kinds.REQUEST) and access.is_request_staff(user)


def awaited_receipt(user: User, case: Case) -> dict | None:
    """The latest letter to the requester sent by post or courier, for the desk to record when the delivery receipt
    comes back (the requester's window starts that day: engine.notice_delivery), or to correct the day recorded (a
    misread receipt; the later record counts, both stay in the history)."""
    if case.kind not in (kinds.OBJECTION, kinds.REQUEST) or not access.is_request_staff(user):
        return None
    notice = notice_delivery.last_notice(db.session, case)
    if notice is None or notice.get("via") in lateness.RECEIVED_WHEN_SENT:  # an e-mail arrives the day it is sent
        return None
    recorded = notice.get("delivered_on")
    return {
        "dispatched_on": date.fromisoformat(notice["dispatched_on"]),
        "via": notice.get("via"),
        "recorded_on": date.fromisoformat(recorded) if recorded else None,
    }


def confirmation(user: User, case: Case) -> dict | None:
    """For a request recorded from WhatsApp or social media: whether, when and how its requester confirmed it, and
    whether this officer may record a confirmation that reached the desk (the PPID desk, while the case is open)."""
    if not confirmations.asked(case):
        return None
    event = confirmations.event(db.session, case)
    return {
        "at": event.at if event else None,
        "via": display.channel_label(event.data.get("via")) if event else None,
        "open": case.closed_at is None,
        "can_record": event is None and case.closed_at is None and access.is_request_staff(user),
        "choices": [(via, display.channel_label(via)) for via in confirmations.RECORDED],
    }


@bp.post("/kasus/<ticket>/konfirmasi-pemohon")
@login_required
def record_confirmation(ticket: str):
    """The requester's confirmation received by e-mail, letter or in person, recorded by the PPID desk."""
    user = officer()
    case = access.require_staff_case(db.session, user, ticket)
    back = url_for("web.case", ticket=case.ticket) + "#confirmation-title"
    via = request.form.get("via", "")
    try:
        access.require_front_desk(user)
        confirmations.confirm(db.session, case, user.username, via)
        db.session.commit()
    except (Invalid, Conflict, Forbidden) as error:
        db.session.rollback()
        flash(_one_field_refusal(_("The requester confirmed through"), error), "error")
        return redirect(back, 303)
    said = _("Recorded: the requester confirmed the request through %(via)s.", via=display.channel_label(via))
    flash(said, "success")
    return redirect(back, 303)


@bp.post("/kasus/<ticket>/diterima-pemohon")
@login_required
def record_receipt(ticket: str):
    user, rt = officer(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    back = url_for("web.case", ticket=case.ticket)
    try:
        day = date.fromisoformat((request.form.get("diterima_pada") or "").strip())
    except ValueError:
        day = None
    try:
        if day is None:
            raise Invalid("receipt_date_invalid", fields={"diterima_pada": [msg("iso_date_format")]})
        notice_delivery.record_delivery(db.session, rt, user, case, day)
        commit(case)
    except (Invalid, Conflict, Forbidden) as error:
        db.session.rollback()
        flash(_one_field_refusal(_("Date on the delivery receipt"), error), "error")
        return redirect(back, 303)
    flash(_("Recorded: the requester received the letter on %(date)s.", date=display.office_date(day)), "success")
    return redirect(back, 303)


def _one_field_refusal(label: str, error: Invalid | Conflict | Forbidden) -> str:
    """A one-field form's refusal on the case page, in one line: the field's label and why, or what was refused."""
    details = refusal_details(error)
    return f"{label}: {' '.join(details)}" if details else translated(error.message)


@bp.get("/kasus/<ticket>/peristiwa/<name>")
@login_required
def event_form(ticket: str, name: str):
    user = officer()
    case = access.require_staff_case(db.session, user, ticket)
    event = _awaited(user, case, name)
    return _event_page(case, event)


@bp.post("/kasus/<ticket>/peristiwa/<name>")
@login_required
def record_event(ticket: str, name: str):
    user, rt = officer(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    event = _awaited(user, case, name, on_post=True)
    if event is None:  # recorded meanwhile (a second click, another officer): the case page says so
        flash(refusal_message(Conflict("case_not_waiting", name=message_title(name, current_language()))), "error")
        return redirect(url_for("web.case", ticket=case.ticket))
    schema = rt.forms.schema(event.form)
    data = schema_form.parse(schema, request.form, rt.calendars["strict"].tz)
    last_seq = db.session.scalar(select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == case.id)) or 0
    try:
        result = casework.send_case_message(db.session, rt, user, case, name, data)
        commit(*result.touched)
    except Invalid as error:
        db.session.rollback()
        return _event_page(case, event, MultiDict(request.form), error.fields), 422
    except (Conflict, Forbidden, NotFound) as error:
        db.session.rollback()
        flash(refusal_message(error), "error")
        return redirect(url_for("web.case", ticket=case.ticket))
    flash(_("Recorded: %(event)s.", event=_title(schema, current_language())), "success")
    if _logged_since(case, last_seq, "mediation_not_applicable"):
        # The Commission's order is recorded as given, but the process adjudicates (engine.casework): say why.
        flash(MEDIATION_NOT_APPLICABLE, "info")
    return redirect(url_for("web.case", ticket=case.ticket))


MEDIATION_NOT_APPLICABLE = _l(
    "Mediation does not apply to this dispute: it rests on ground a alone, a refusal under the exemptions of Article"
    " 17, which mediation cannot settle (Law 14/2008 Article 40). The dispute goes on to adjudication; the next step"
    " is on the case page."
)


def _logged_since(case: Case, seq: int, kind: str) -> bool:
    """Whether the run just committed wrote an event of ``kind`` in the case's history (after ``seq``)."""
    found = select(CaseEvent.id).where(CaseEvent.case_id == case.id, CaseEvent.seq > seq, CaseEvent.type == kind)
    return db.session.scalar(found.limit(1)) is not None


@bp.get("/sengketa/baru")
@login_required
def summons_form():
    user = officer()
    if not access.is_request_staff(user):
        abort(403)
    named = request.args.get("perkara", "")
    objection = _objection_named(user, named)
    return _summons_page(MultiDict([("perkara", named), ("ki", _commission_of(objection)), *_grounds_of(objection)]))


def _objection_named(user: User, ticket: str) -> Case | None:
    """The objection the summons names, if the officer may see it; None for a request or any other case."""
    case = db.session.scalar(select(Case).where(Case.ticket == ticket.strip())) if ticket.strip() else None
    if case is None or case.kind != kinds.OBJECTION or not access.can_view_case(db.session, user, case):
        return None
    return case


def _grounds_of(objection: Case | None) -> list[tuple[str, str]]:
    """The grounds of the objection the summons names, ticked as the objection gave them (the Commission hears the
    dispute on the objection's grounds, Perki 1/2013 Pasal 5); none for a request or a case the officer may not see.
    The officer mends them when the application to the Commission says otherwise."""
    if objection is None:
        return []
    return [("alasan", letter) for letter in (objection.details or {}).get("alasan") or ()]


def _commission_of(objection: Case | None) -> str:
    """The Commission the summons most likely comes from: the one the objection's response sent the requester to (the
    superior's decision recorded it), else the office's own (KAWAL_COMMISSION_NAME; legal-process.md §5.1), as for a
    request taken straight to the Commission. The officer mends it when the summons names another."""
    rt = runtime()
    if objection is None:
        return rt.settings.commission_name
    return chain.commission(rt, db.session, objection).name


@bp.post("/sengketa/baru")
@login_required
def record_summons():
    user, rt = officer(), runtime()
    if not access.is_request_staff(user):
        abort(403)
    data = schema_form.parse(rt.forms.schema(SUMMONS_FORM), request.form, rt.calendars["strict"].tz)
    try:
        case = intake.record_dispute(db.session, rt, user, data)
        commit(case, db.session.get(Case, case.parent_id))
    except Invalid as error:
        db.session.rollback()
        return _summons_page(MultiDict(request.form), error.fields), 422
    flash(_("The summons is recorded as dispute %(ticket)s.", ticket=case.ticket), "success")
    return redirect(url_for("web.case", ticket=case.ticket))


def _awaited(user: User, case: Case, name: str, on_post: bool = False) -> casework.Awaited | None:
    """The event ``name`` the case waits for and ``user`` may record; otherwise 404 for the form, None for a post
    (the case may have heard of it meanwhile)."""
    for event in casework.awaited_messages(db.session, runtime(), user, case):
        if event.name == name:
            return event
    if on_post:
        return None
    abort(404)


def _event_page(case: Case, event: casework.Awaited, values: MultiDict | None = None, errors: dict | None = None):
    action = url_for("web.record_event", ticket=case.ticket, name=event.name)
    back = url_for("web.case", ticket=case.ticket)
    return _form_page(event.form, case, action, back, values, errors, window_end=lapse_end(case, event.name))


# The team's confirmation that the reporter sent no evidence (workflows/pengaduan.bpmn, allowed_after BUKTI): recording
# it closes the complaint as Dianggap Dicabut, or an anonymous one on a process version that says so as Tidak Dapat
# Ditindaklanjuti (legal-process.md §7.3 rule 4, §7.4; engine.evidence_lapse). Its page says so, the day the reporter's
# window ended and the day after it, the first the confirmation may give (engine.casework.check_event_dates).


def lapse_end(case: Case, name: str):
    """When the reporter's evidence window ended (its latest reading) for the confirmation ``name``; else None."""
    if name != LAPSE_CONFIRMATION:
        return None
    rows = [d for d in case.deadlines if d.name == LAPSE_WINDOW]
    return rows[-1].due_at if rows else None


def _summons_page(values: MultiDict, errors: dict | None = None):
    named = (values.get("perkara") or "").strip()
    back = url_for("web.case", ticket=named) if named else url_for("web.inbox")
    return _form_page(SUMMONS_FORM, None, url_for("web.record_summons"), back, values, errors)


def _form_page(
    form: str,
    case: Case | None,
    action: str,
    back: str,
    values: MultiDict | None,
    errors: dict | None,
    window_end=None,
):
    """event.html with ``form``'s fields, their values and errors; ``case`` None for a summons, which makes one;
    ``window_end``: the reporter's evidence window's end, for the confirmation that it lapsed (``lapse_end``)."""
    rt, locale = runtime(), current_language()
    schema = rt.forms.schema(form)
    fields, general = schema_form.form_fields(schema, values, errors)
    # The first day the confirmation may give: the window's last day is still the reporter's until its end.
    first = windows.confirm_from(window_end, windows.office_zone(rt)) if window_end else None
    # what recording it closes the complaint as, by the case's process version (engine.evidence_lapse)
    lapse = evidence_lapse.consequence(db.session, case, rt) if window_end else None
    return render_template(
        "event.html",
        case=case,
        title=_title(schema, locale),
        fields=fields,
        general_errors=general,
        has_errors=bool(errors),
        action=action,
        back=back,
        window_end=window_end,
        window_first=first,
        not_actionable=lapse == evidence_lapse.NOT_ACTIONABLE,
    )


def _title(schema: dict, locale: str) -> str:
    return (schema.get("x-title-en") if locale == "en" else None) or schema.get("title") or ""
