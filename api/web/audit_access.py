"""The auditor's list of access changes (``/audit/akses``): what administrators changed in who may do what, over a
period (engine.access_log: officers' accounts, the office's units, the working-day calendar and the fee standard), and
the records of the register of exempt information (each entry recorded, by the PPID without a request or by the head
on one, and the upgrade's snapshot of each), newest first, with the whole period as CSV, and every chain whole with
its hashes as JSON lines (``/audit/akses/rantai``), which scripts/verify_audit_export.py checks outside Kawal.

Auditors only, as the rest of the console. The case histories show what was done to each case; this shows who was
given or denied the groups that allowed it. The page also walks the five hash chains (engine.access_log.verify),
compares each entry of the exemption register with its last record, and says whether they hold.
"""

from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from api.extensions import db
from api.reports.files import csv_stream
from api.views.audit import access_chains_response
from api.web import display
from api.web.audit import access_findings, read_choice
from api.web.blueprint import bp
from api.web.i18n import current_language
from api.web.portal.catalogue import FEE_LABELS
from api.web.reports import _download
from api.web.session import officer
from api.web.units import change_text as unit_change_text
from api.web.users import change_text as account_change_text
from engine import access, access_log
from engine.access_log import CALENDAR, EXEMPTION, FEE, OFFICER, UNIT, Change
from engine.audit import record_read
from engine.chain_gaps import FOUND as FOUND_UNCHAINED
from engine.exemptions import DECIDED_AS

SHOWN = 500  # changes the page lists; the CSV holds the whole period


CALENDAR_CHANGES = {
    "override_added": _l("Calendar: day set"),
    "override_removed": _l("Calendar: day's setting removed"),
    "year_confirmed": _l("Calendar: year confirmed"),
}
CALENDARS = {"strict": _l("strict"), "lenient": _l("lenient")}


def calendar_change_text(type_: str, data: dict) -> str:
    """A change of the working-day calendar in the visitor's words: "Calendar: day set: 11 Mar 2027, a day off
    (strict, lenient): Cuti bersama"."""
    text = str(CALENDAR_CHANGES.get(type_, type_))
    if "day" in data:
        kind = _("a working day") if data.get("is_working") else _("a day off")
        names = ", ".join(str(CALENDARS.get(c, c)) for c in str(data.get("calendars", "")).split(",") if c)
        text += f": {display.iso_date(data['day'])}, {kind} ({names}): {data.get('reason', '')}"
    elif "year" in data:
        text += f": {data['year']}" + (f" ({data['note']})" if data.get("note") else "")
    return text


def fee_change_text(type_: str, data: dict) -> str:
    """An item of the fee standard priced from a date: "Fee standard: Printed page, IDR 500 from 4 Jan 2027 (Keputusan
    Kepala Kantor ...)"."""
    if type_ != "fee_rate_added":
        return type_
    price = "{:,}".format(int(data.get("amount", 0))).replace(",", ".")
    return _(
        "Fee standard: %(item)s, IDR %(price)s from %(day)s (%(basis)s)",
        item=FEE_LABELS.get(data.get("code"), data.get("code")),
        price=price,
        day=display.iso_date(data.get("effective_from", "")),
        basis=data.get("legal_basis", ""),
    )


EXEMPTION_CHANGES = {
    "exemption_recorded": _l("Exemption determination recorded by the PPID without a request"),
    "exemption_determined": _l("Exemption determined on a request"),
    "exemption_snapshot": _l("Register entry as it stood when Kawal began chaining every entry"),
    "exemption_ended": _l("Register entry ended: the refusal it rested on was overturned"),
}


def exemption_change_text(type_: str, data: dict) -> str:
    """A record of the exemption register: "Exemption determined on a request: decree SK-7/2026 of 5 Jan 2026, Article
    17 h, in force until 5 Jan 2031, decided by the head of agency (PPID-2026-000003)". Never the entry's text."""
    text = str(EXEMPTION_CHANGES.get(type_, type_))
    if "decree_number" in data:
        decided = DECIDED_AS.get(data.get("decided_as"), (data.get("decided_as"),) * 2)[current_language() == "en"]
        text += ": " + _(
            "decree %(number)s of %(day)s, Article 17 %(letters)s, in force until %(until)s, decided by %(by)s",
            number=data["decree_number"],
            day=display.iso_date(data.get("decree_date", "")),
            letters=", ".join(data.get("letters") or ()),
            until=display.iso_date(data.get("valid_until", "")),
            by=decided,
        )
        if data.get("case"):
            text += f" ({data['case']})"
        if data.get("ended_on"):  # format 3: the entry's early end (engine.exemption_ends)
            text += "; " + _("ended on %(day)s", day=display.iso_date(data["ended_on"]))
    return text


def describe(change: Change) -> str:
    describe_kind = {
        OFFICER: account_change_text,
        UNIT: unit_change_text,
        CALENDAR: calendar_change_text,
        FEE: fee_change_text,
        EXEMPTION: exemption_change_text,
    }
    text = describe_kind[change.subject_kind](change.type, change.data)
    if change.data.get(FOUND_UNCHAINED):  # engine.chain_gaps: the row was found without its record
        text += "; " + _(
            "found without a record; recorded by the system on %(day)s; who made it and when is unknown",
            day=display.iso_date(change.data.get("found_on", "")),
        )
    return text


def actor_name(actor: str, subject_kind: str, data: dict | None = None) -> str:
    if (data or {}).get(FOUND_UNCHAINED):  # recorded by `kawal repair chain-gaps`, not by whoever made it
        return _("the system")
    if subject_kind in (FEE, EXEMPTION):  # the standard, the register: on their pages only, never by the server
        return display.officer_name(actor) if actor != "system" else _("the upgrade (kawal db upgrade)")
    return display.changed_by(actor, {OFFICER: "users", UNIT: "units", CALENDAR: "calendar"}[subject_kind])


@bp.get("/audit/akses")
@login_required
def audit_access():
    access.require_auditor(officer())
    choice = read_choice({key: request.args.get(key, "") for key in ("from", "to")})
    fmt = request.args.get("format", "")
    if fmt not in ("", "csv"):
        choice.errors["format"] = _("Choose CSV.")
    if choice.errors:
        return _page(choice, [], 0), 422
    if fmt:
        found = access_log.changes(db.session, choice.start, choice.end)
        table = [[_("When"), _("By"), _("Change"), _("Officer, unit, day or fee")]]
        table += [
            [display.office_datetime(c.at), actor_name(c.actor, c.subject_kind, c.data), describe(c), subject_text(c)]
            for c in found
        ]
        return _download(csv_stream(table), "text/csv", "kawal-perubahan-akses.csv")
    found = access_log.changes(db.session, choice.start, choice.end, limit=SHOWN)
    return _page(choice, found, access_log.count(db.session, choice.start, choice.end))


def _page(choice, found: list[Change], total: int) -> str:
    rows = [
        {
            "at": c.at,
            "by": actor_name(c.actor, c.subject_kind, c.data),
            "text": describe(c),
            "subject": c.subject,
            "kind": c.subject_kind,
        }
        for c in found
    ]
    chains = access_log.verify(db.session)
    return render_template(
        "audit_access.html",
        values=choice.values,
        errors=choice.errors,
        rows=rows,
        total=total,
        chains=chains,
        findings=access_findings(chains),
    )


def subject_text(change: Change) -> str:
    """The CSV's last cell: the officer's username, the unit's code, the day or year, the fee item, or the entry."""
    if change.subject_kind == EXEMPTION:
        return _("exemption register, entry %(entry)s", entry=change.subject)
    return change.subject


@bp.get("/audit/akses/rantai")
@login_required
def audit_access_chains():
    """Every record of the access changes' chains and of the exemption register's, each chain whole, with its hashes,
    as JSON lines (engine.access_log.export_lines): scripts/verify_audit_export.py checks it outside Kawal, against an
    anchor's ``access`` lines too. Recorded as a read of the history (the console lists it)."""
    user = officer()
    access.require_auditor(user)
    record_read(db.session, user.username, "export", "console", {"chains": "access"}, "jsonl")
    db.session.commit()
    return access_chains_response()
