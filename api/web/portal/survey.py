"""The satisfaction survey at the portal (``/publik/survei``): the requester or reporter of a closed case.

The case is the one opened on this device with its ticket and access code (``access.verified_case``);
the page asks the nine questions of PermenPANRB 14/2017 on a four-point scale and records one anonymous
answer (``engine.survey``). An invalid answer comes back with a message beside each question.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from api.boundary import runtime
from api.extensions import db
from api.reports import labels
from api.web.blueprint import bp
from api.web.portal.access import no_store, verified_case
from engine import survey
from engine.errors import Conflict, Invalid


@bp.route("/publik/survei", methods=["GET", "POST"])
def portal_survey():
    case = verified_case(request.values.get("kasus"))
    if case is None:
        flash(_("For your security, enter your ticket and access code again."), "info")
        return redirect(url_for("web.portal_status"), 303)
    rt = runtime()
    if not survey.can_answer(db.session, rt, case):
        flash(_("The survey for this case is not open or has been answered already. Thank you."), "info")
        return redirect(url_for("web.portal_status", kasus=case.ticket), 303)
    errors: dict = {}
    if request.method == "POST":
        try:
            survey.answer(db.session, rt, case, {e: request.form.get(e) for e in survey.ELEMENTS})
        except Invalid as error:
            db.session.rollback()
            errors = {key: _("Choose one answer, from 1 to 4.") for key in error.fields}
        except Conflict:
            db.session.rollback()
            flash(_("The survey for this case is not open or has been answered already. Thank you."), "info")
            return redirect(url_for("web.portal_status", kasus=case.ticket), 303)
        else:
            db.session.commit()
            flash(_("Thank you: your answers are recorded, without your name or your case's number."), "success")
            return redirect(url_for("web.portal_status", kasus=case.ticket), 303)
    return no_store(
        render_template(
            "portal/survey.html",
            case=case,
            elements=[(key, labels.SURVEY_ELEMENTS[key]) for key in survey.ELEMENTS],
            scales=labels.SURVEY_SCALES,
            errors=errors,
            typed=request.form,
        ),
        422 if errors else 200,
    )
