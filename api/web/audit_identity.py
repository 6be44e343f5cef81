"""The auditor's list of identity reads (``/audit/baca-identitas``): who read which reporter's, reported person's or
requester's identity, when, on which case and under what authority (a whistleblower's reveal: its request, who
asked and who approved it), across cases, newest first (engine.identity_reads), paged, filtered by period, officer
and case, with the whole selection as CSV.

Auditors only, as the rest of the console. The kind of identity, never the identity: no name, NIK or contact, and
no reveal's reason or note (free text: the case's history keeps them for its readers, the case is linked).
"""

from __future__ import annotations

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from api.boundary import runtime
from api.extensions import db
from api.reports.files import csv_stream
from api.web import display
from api.web.audit import read_choice
from api.web.blueprint import bp
from api.web.i18n import current_language, translated
from api.web.reports import _download
from api.web.session import officer
from engine import access, identity_reads
from engine.audit import one_case
from engine.errors import Invalid, NotFound
from engine.identity_reads import (
    COMPLAINT_TEAM,
    REPORTED,
    REPORTED_AND_WITNESSES,
    REPORTER,
    REQUESTER,
    REVEAL,
    RIGHT_OF_ACCESS,
    Filters,
    IdentityRead,
)

IDENTITIES = {
    REPORTER: _l("Reporter"),
    REPORTED: _l("Reported persons"),
    REPORTED_AND_WITNESSES: _l("Reported persons and witnesses"),
    REQUESTER: _l("Requester (a copy of their data for them)"),
}
REPORTER_MODES = {"rahasia": _l("Reporter (confidential)"), "whistleblower": _l("Reporter (whistleblower)")}
AUTHORITIES = {
    COMPLAINT_TEAM: _l("Complaint team"),
    RIGHT_OF_ACCESS: _l("The requester's right to a copy of their personal data (UU 27/2022)"),
}
FIELDS = ("from", "to", "officer", "ticket")


def officer_label(username: str | None, name: str | None) -> str:
    """An officer as the list names them: their name and, to tell two of one name apart, their username."""
    if not username:
        return "—"
    return f"{name or username} ({username})"


def identity_text(read: IdentityRead) -> str:
    if read.identity == REPORTER and read.reporter_mode in REPORTER_MODES:
        return str(REPORTER_MODES[read.reporter_mode])
    return str(IDENTITIES.get(read.identity, read.identity))


def authority_text(read: IdentityRead) -> str:
    """Under what the identity was read: the reveal (its number, who asked and who approved, when), else the group
    or the right that allows it."""
    reveal = read.reveal
    if read.authority == REVEAL and reveal is not None:
        return _(
            "Reveal no. %(id)s: asked by %(asker)s %(asked_at)s; approved by %(decider)s %(decided_at)s",
            id=reveal.id,
            asker=officer_label(reveal.requested_by, reveal.requested_by_name),
            asked_at=display.office_datetime(reveal.requested_at),
            decider=officer_label(reveal.decided_by, reveal.decided_by_name),
            decided_at=display.office_datetime(reveal.decided_at),
        )
    if read.authority == COMPLAINT_TEAM and read.identity == REPORTER and read.reporter_mode == "rahasia":
        return _("Complaint team: confidential reporter")
    return str(AUTHORITIES.get(read.authority, read.authority))


@bp.get("/audit/baca-identitas")
@login_required
def audit_identity_reads():
    user = officer()
    access.require_auditor(user)
    choice = read_choice({key: request.args.get(key, "") for key in ("from", "to")})
    values = {key: request.args.get(key, "").strip() for key in FIELDS}
    errors = dict(choice.errors)
    chosen_officers = identity_reads.officers(db.session)
    if values["officer"] and values["officer"] not in dict(chosen_officers):
        errors["officer"] = _("Choose an officer from the list.")
    ticket = None
    if values["ticket"]:
        try:
            ticket = values["ticket"] = one_case(db.session, user, values["ticket"], runtime().settings)
        except (Invalid, NotFound) as refused:
            errors["ticket"] = "; ".join(map(translated, refused.fields["ticket"]))
    number = _page_number(request.args.get("page", "1"))
    if number is None:
        errors["page"] = _("A page number from 1.")
    fmt = request.args.get("format", "")
    if fmt not in ("", "csv"):
        errors["format"] = _("Choose CSV.")
    page = {"values": values, "errors": errors, "officers": chosen_officers, "rows": [], "total": 0}
    if errors:
        return render_template("audit_identity.html", **page), 422
    filters = Filters(choice.start, choice.end, values["officer"] or None, ticket)
    if fmt:
        return _csv(filters)
    total = identity_reads.count(db.session, filters)
    pages = max(1, -(-total // identity_reads.PAGE_SIZE))
    found = identity_reads.page(db.session, filters, number)
    locale = current_language()
    chosen = {key: value for key, value in values.items() if value}
    page.update(
        rows=[_row(read, locale) for read in found],
        total=total,
        number=number,
        pages=pages,
        previous_url=url_for("web.audit_identity_reads", **chosen, page=number - 1) if number > 1 else None,
        next_url=url_for("web.audit_identity_reads", **chosen, page=number + 1) if number < pages else None,
        csv_url=url_for("web.audit_identity_reads", **chosen, format="csv"),
    )
    return render_template("audit_identity.html", **page)


def _page_number(raw: str) -> int | None:
    raw = raw.strip() or "1"
    if not raw.isdigit() or int(raw) < 1 or len(raw) > 9:
        return None
    return int(raw)


def _row(read: IdentityRead, locale: str) -> dict:
    return {
        "at": read.at,
        "officer": officer_label(read.officer, read.officer_name),
        "ticket": read.ticket,
        "process": display.process_label(read.process, locale),
        "identity": identity_text(read),
        "authority": authority_text(read),
    }


def _csv(filters: Filters):
    """The whole selection, not a page of it, read before the response streams (the request's session and language
    are at hand)."""
    locale = current_language()
    table = [[_("When"), _("Officer"), _("Username"), _("Ticket"), _("Process"), _("Identity"), _("Basis")]]
    table += [
        [
            display.office_datetime(read.at),
            read.officer_name,
            read.officer,
            read.ticket,
            display.process_label(read.process, locale),
            identity_text(read),
            authority_text(read),
        ]
        for read in identity_reads.every(db.session, filters)
    ]
    return _download(csv_stream(table), "text/csv", "kawal-pembacaan-identitas.csv")
