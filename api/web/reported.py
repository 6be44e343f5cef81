"""The complaint team records the persons a complaint reports (terlapor) and its witnesses (saksi) on a page
(``/kasus/<ticket>/terlapor``): the verb behind ``PUT /api/v1/complaints/{ticket}/reported`` (engine.reported_party),
on a page. The witnesses are protected as the reported are: a text the reporter or a unit reads is refused when it
names one of them.

Or the team says that no person is identified (the form's yes/no choice): the outcome notice to the reporter waits
until one or the other is said (engine.reported_party.said).

The form starts from the persons on file (opening it is a read, recorded in the case's history) and is checked by
``forms/pengaduan_terlapor.json``; a refusal comes back beside its fields (422), and a recording returns to the case
page, which tells the complaint team only how many are on file, and links here.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from api.boundary import commit, runtime
from api.extensions import db
from api.web import schema_form
from api.web.blueprint import bp
from api.web.session import officer
from engine import access, reported_party
from engine.errors import Invalid
from engine.letters import issue as letter_issue


@bp.route("/kasus/<ticket>/terlapor", methods=["GET", "POST"])
@login_required
def reported_persons(ticket: str):
    user, rt = officer(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    schema = rt.forms.schema(reported_party.FORM)
    try:
        reported_party.require_team_complaint(user, case)
        if request.method == "GET":
            on_file = reported_party.read(db.session, rt, user, case) or []
            witnesses = reported_party.witnesses(db.session, rt, user, case) or []
            reported_party.note_read(db.session, user, case)
            db.session.commit()
            none = bool((case.details or {}).get(reported_party.NONE_KEY))
            return _page(case, schema, _values(on_file, none, witnesses), None)
        data = schema_form.parse(schema, request.form, rt.calendars["strict"].tz)
        payload = {"terlapor": data.get("terlapor") or [], reported_party.NONE: data.get(reported_party.NONE) is True}
        payload[reported_party.WITNESSES] = data.get(reported_party.WITNESSES) or []
        done, annex = letter_issue.record_reported(db.session, rt, user, case, payload)
    except Invalid as error:
        db.session.rollback()
        return _page(case, schema, request.form, error.fields, 422)
    commit(case)
    if done.changed and done.none:
        flash(_("Recorded: no person is identified as reported."), "success")
    elif done.changed and not done.persons:
        flash(_("The reported persons are removed."), "success")
    elif done.changed:
        flash(_("The reported persons are recorded: %(num)d.", num=len(done.persons)), "success")
        if annex is not None:
            flash(
                _(
                    "The annex naming them for the Inspectorate General is issued: %(number)s.",
                    number=annex.number,
                ),
                "success",
            )
    if done.witnesses_changed and done.witnesses:
        flash(_("The witnesses are recorded: %(num)d.", num=len(done.witnesses)), "success")
    elif done.witnesses_changed:
        flash(_("The witnesses are removed."), "success")
    if not (done.changed or done.witnesses_changed):
        flash(_("Nothing was changed: the data is as it was."), "success")
    return redirect(url_for("web.case", ticket=case.ticket) + "#reported-title", 303)


def _values(persons: list[dict], none: bool, witnesses: list[dict]) -> MultiDict:
    values = MultiDict({f"terlapor.{i}.{k}": v for i, p in enumerate(persons) for k, v in p.items()})
    values.update({f"{reported_party.WITNESSES}.{i}.{k}": v for i, w in enumerate(witnesses) for k, v in w.items()})
    if none:
        values[reported_party.NONE] = "true"
    return values


def _page(case, schema: dict, values, errors: dict | None, status: int = 200):
    fields, general = schema_form.form_fields(schema, values, errors)
    page = {"case": case, "fields": fields, "general": general, "has_errors": bool(errors)}
    return render_template("reported_persons.html", **page), status
