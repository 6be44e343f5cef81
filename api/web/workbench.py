"""The officers' workbench pages: internal notes on the case page, leave with a stand-in, workload.

The notes' section is part of the case page (``templates/case/_notes.html``, filled by ``notes_section``);
its form posts here and comes back to the case. Leave (/cuti) and workload (/beban-kerja) are pages of
their own. Each action is an engine verb (engine.notes, engine.absence) and one commit.
"""

from __future__ import annotations

from datetime import date

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required
from sqlalchemy import select

from api.boundary import commit, runtime
from api.extensions import db
from api.web import case_messages
from api.web.blueprint import bp
from api.web.i18n import translated
from api.web.inbox import refusal_message
from api.web.session import officer
from engine import absence, access, notes
from engine.errors import Conflict, Invalid
from engine.files import FileStore, Upload
from engine.messages import msg
from engine.models import Case, Unit, User


@bp.app_template_test("takes_leave")
def takes_leave(groups) -> bool:
    """Whether an officer of these groups has leave a stand-in can cover (a lane of engine.absence.DELEGABLE): the
    users page links each such officer to the leave page."""
    return bool(set(groups) & absence.DELEGABLE)


def _store() -> FileStore:
    rt = runtime()
    return FileStore.of(rt.settings, rt.vault)


def notes_section(user: User, case: Case) -> dict | None:
    """What the case page's notes section shows, or None for a reader of no notes."""
    if not access.can_read_notes(user, case):
        return None
    return {"items": notes.notes_of(db.session, user, case), "can_write": access.can_write_notes(user, case)}


@bp.post("/kasus/<ticket>/catatan")
@login_required
def add_note(ticket: str):
    user = officer()
    case = access.require_staff_case(db.session, user, ticket)
    uploads = [Upload.from_storage(f) for f in request.files.getlist("attachments") if f.filename]
    back = url_for("web.case", ticket=case.ticket) + "#notes-title"
    try:
        notes.add_note(db.session, runtime(), _store(), user, case, request.form.get("body", ""), uploads)
    except Invalid as error:  # the page again, the message beside the note and what was typed kept
        return case_messages.sent_back(case, "note", error, request.form.get("body", ""), files=bool(uploads))
    commit(case)
    flash(_("The note was added."), "success")
    return redirect(back)


@bp.get("/kasus/<ticket>/catatan/lampiran/<id:attachment_id>")
@login_required
def note_attachment(ticket: str, attachment_id: int):
    user = officer()
    case = access.require_staff_case(db.session, user, ticket)
    row = notes.note_attachment(db.session, user, case, attachment_id)
    return Response(
        _store().get(row.storage_key, row.key_id),
        mimetype=row.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{row.file_name}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )


@bp.get("/beban-kerja")
@login_required
def workload():
    """Per officer of the lanes the superior oversees: tasks held, overdue, leave."""
    user = officer()
    rows = absence.workload(db.session, runtime(), user)
    return render_template("workload.html", rows=rows)


@bp.get("/cuti")
@login_required
def absences():
    return _absences_page(officer(), request.args.get("untuk"))


def _whose_leave(user: User) -> list[User]:
    """Whose leave ``user`` may record (engine.absence.can_mark): their own and, for a superior, that of their lanes'
    officers of their unit; for an administrator, every officer of any unit who works in a lane (their own leave only
    when they work in one: an administrator's leave hands over no task)."""
    admin = "admin" in user.own_group_codes
    query = select(User).where(User.active.is_(True)).order_by(User.display_name)
    if not admin:
        query = query.where(User.unit_id == user.unit_id)
    return [
        u
        for u in db.session.scalars(query)
        if absence.can_mark(user, u) and (not admin or u.own_group_codes & absence.DELEGABLE)
    ]


def _absences_page(user, chosen_name: str | None, values=None, errors: dict | None = None, status: int = 200):
    """The leave page; after a refused form, with what was typed and each field's message beside it (422).

    First whose leave, then who may stand in. One's own leave is the page's first choice, but for an administrator who
    works in no lane: the page then asks whose leave first (it opened on "the administrator's leave", offering lane
    officers as the administrator's stand-ins). So for the head, who works in no lane a stand-in holds and records the
    Atasan PPID's leave: it opened on the head's own."""
    access.require_staff(user)
    officers = _whose_leave(user)
    own = next((u for u in officers if u.id == user.id and u.own_group_codes & absence.DELEGABLE), None)
    chosen = next((u for u in officers if u.username == chosen_name), own)
    substitutes, lacking = [], {}
    if chosen is not None:
        substitutes, lacking = _stand_ins(user, chosen)
    rows = absence.visible_to(db.session, user)
    return render_template(
        "absences.html",
        rows=rows,
        granted=absence.granted_lanes_of(db.session, rows),  # one read of the access log for the page
        officers=officers,
        unit_names=_unit_names(officers),
        chosen=chosen,
        substitutes=substitutes,
        lacking=lacking,
        chosen_groups=sorted(chosen.own_group_codes & absence.DELEGABLE) if chosen else [],
        me=user,
        can_cancel=lambda a: absence.can_mark(user, a.user),
        values=values or {},
        errors={name: " ".join(translated(m) for m in messages) for name, messages in (errors or {}).items()},
    ), status


def _unit_names(officers: list[User]) -> dict[int, str]:
    """Each officer's unit by its name when they are of several units (an administrator's choice), else none."""
    if len({u.unit_id for u in officers}) <= 1:  # one unit needs no name
        return {}
    return {unit_id: name for unit_id, name in db.session.execute(select(Unit.id, Unit.name))}


def _stand_ins(user: User, chosen: User) -> tuple[list[User], dict[str, list[str]]]:
    """Who may stand in for ``chosen``, recorded by ``user``, and the lanes each lacks: for one's own leave a colleague
    who already works in one's lanes; for another's, those first, then anyone of the unit with a lane, whom the
    superior names only by granting them the lanes they lack (engine.absence)."""
    colleagues = db.session.scalars(
        select(User).where(User.active.is_(True), User.unit_id == chosen.unit_id).order_by(User.display_name)
    )
    substitutes = [u for u in colleagues if u.own_group_codes & absence.DELEGABLE and u.id != chosen.id]
    if chosen.id == user.id:
        substitutes = [u for u in substitutes if absence.can_stand_in_for_self(user, u)]
    lacking = {u.username: absence.lanes_to_grant(chosen, u) for u in substitutes}
    # Offered only what would be accepted: a stand-in who lacks lanes when the reader may grant them those
    # (engine.access.grant_refusal: each lane's own superior, never to oneself; an administrator, a lane nobody
    # else may grant), and then the tick box.
    lanes = sorted(chosen.own_group_codes & absence.DELEGABLE)
    ungranted = absence.ungranted_lanes(db.session, chosen, lanes) if "admin" in user.own_group_codes else frozenset()
    substitutes = [u for u in substitutes if access.can_grant_lanes(user, chosen, u, lacking[u.username], ungranted)]
    substitutes.sort(key=lambda u: bool(lacking[u.username]))  # who works in the lanes already, first
    return substitutes, {u.username: lacking[u.username] for u in substitutes}


@bp.post("/cuti")
@login_required
def mark_absence():
    user = officer()
    form = request.form
    try:
        first, last = _day(form.get("first_day"), "first_day"), _day(form.get("last_day"), "last_day")
        row, handed = absence.mark_absence(
            db.session,
            runtime(),
            user,
            form.get("username") or user.username,
            form.get("substitute", ""),
            first,
            last,
            grant_lanes=form.get("grant_lanes") == "1",
        )
    except Invalid as error:
        db.session.rollback()
        if not error.fields:
            flash(refusal_message(error), "error")
        return _absences_page(user, form.get("username"), form, error.fields, 422)
    except Conflict as error:
        db.session.rollback()
        flash(refusal_message(error), "error")
        return redirect(url_for("web.absences", untuk=form.get("username") or None))
    commit(*{t.case for t in handed})
    flash(_("Leave recorded: %(substitute)s stands in.", substitute=row.substitute.display_name), "success")
    # Back on the officer whose leave it was (it went back to the recorder's own, "Cuti Administrator").
    return redirect(url_for("web.absences", untuk=None if row.user_id == user.id else row.user.username))


@bp.get("/cuti/<id:absence_id>/batal")
@login_required
def confirm_cancel_absence(absence_id: int):
    """What cancelling the leave changes, and the button that does it: one click in the list cancelled it."""
    found = absence.cancellable(db.session, officer(), absence_id)
    if found.cancelled_at is not None:
        return redirect(url_for("web.absences"))
    return render_template("absence_cancel.html", a=found, granted=absence.granted_lanes(db.session, found))


@bp.post("/cuti/<id:absence_id>/batal")
@login_required
def cancel_absence(absence_id: int):
    cancelled, returned = absence.cancel_absence(db.session, runtime(), officer(), absence_id)
    commit(*{t.case for t in returned})
    said = _("The leave of %(name)s was cancelled.", name=cancelled.user.display_name)
    if returned:
        said += " " + ngettext(
            "%(num)d task %(stand_in)s still held went back.",
            "%(num)d tasks %(stand_in)s still held went back.",
            len(returned),
            stand_in=cancelled.substitute.display_name,
        )
    flash(said, "success")
    return redirect(url_for("web.absences"))


def _day(value: str | None, field: str) -> date:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        raise Invalid("invalid_data", fields={field: [msg("date_required")]}) from None
