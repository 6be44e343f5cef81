"""A granted objection's order on its request, in words: the box the case page and the request's task pages show while
it binds the PPID (engine.objection_orders), and the line of the request's history that records it.

The box is shown prominently, above the facts and the form: the superior's decision binds the PPID and the request's
decision may not refuse what it ordered given (an order on ground c alone orders an answer: any decision). The
history line names the objection, its outcome, its date and what became of the order on the request, never the
instruction's own text (the history's lines carry no free text; the box above, and the objection's own page, show
it).
"""

from __future__ import annotations

from flask_babel import gettext as _

from api.extensions import db
from api.web import display
from engine import objection_orders, status
from engine.models import Case


def shown(case: Case, locale: str) -> list[dict]:
    """The orders not carried out yet on ``case`` (a request), each as the box says it."""
    out = []
    for order in objection_orders.pending(db.session, case):
        on = display.iso_date(order.on.isoformat()) if order.on else "—"
        by = display.officer_name(order.by) if order.by else "—"
        words = {"ticket": order.objection, "name": by, "date": on}
        if order.outcome == objection_orders.SETTLED:
            heading = _(
                "Objection %(ticket)s was settled by agreement on %(date)s: the information is handed over.", **words
            )
            text_label = _("Terms agreed")
        elif order.outcome == objection_orders.PART:
            heading = _("Objection %(ticket)s was granted in part on %(date)s by the PPID superior: %(name)s.", **words)
            text_label = _("Instruction to the PPID")
        else:
            heading = _("Objection %(ticket)s was granted in full on %(date)s by the PPID superior: %(name)s.", **words)
            text_label = _("Instruction to the PPID")
        if order.applied:
            binds = _("The request's delivery has reopened: hand the information over as the response orders.")
        elif order.to_answer:
            binds = _(
                "The decision binds the PPID: this request must be answered, by a written notice of the decision"
                " (granted, refused with reasons, or the information not held)."
            )
        elif order.in_full:
            binds = _(
                "The decision binds the PPID: this request can only be granted in full, and the information handed"
                " over (unless the information is not held)."
            )
        else:
            binds = _(
                "The decision binds the PPID: this request can only be granted, in full or in part, and the"
                " information handed over (unless the information is not held)."
            )
        out.append(
            {
                "objection": order.objection,
                "heading": heading,
                "text_label": text_label,
                "text": order.text,
                "binds": binds,
            }
        )
    return out


def history_line(data: dict, locale: str) -> str:
    """A request's news of a linked case (``linked_case_outcome``): the objection, its outcome, the day it was decided,
    and what it did on the request; never the instruction's text."""
    outcome = data.get("outcome") or data.get("status") or ""
    parts = [data.get("ticket") or "", status.label(outcome, locale) if outcome else ""]
    if data.get("on"):
        parts.append(display.iso_date(data["on"]))
    if data.get("message") == objection_orders.MESSAGE:
        if data.get("applied"):
            parts.append(_("the request's delivery reopened"))
        else:
            parts.append(_("binds the PPID on the request still being handled"))
    return " · ".join(part for part in parts if part)
