"""The auditor console (``/audit``): choose a period and a process, download the history export, check
the hash chains.

Auditors only (``access.require_auditor``: others get the 403 page), by session. The REST API's
export (``GET /api/v1/audit/export``) authenticates by bearer token, so the console does not call it:
it runs the same source (``engine.audit.iter_export``) through the API's own writers
(``api.views.audit``, body from ``api.exports``), so a download holds exactly the API export's rows for the same period.

The form speaks in office dates: "from" is the first day and "to" the last day of the period, both
in the office's time zone (WIB, WITA or WIT). They become the API's half-open instants
[from 00:00, the day after "to" 00:00), as ``AuditQuery`` reads them: a case is exported whole when
any of its events falls in that window. "ticket" chooses one case, whole, as the API's ``ticket`` and ``kawal audit
export --case`` (``engine.audit.one_case``, the check all three share); a ticket no case holds, or one beside a
period or a process, is said on its field, never read as "every case" nor as none (the case page links here with it,
api.web.audit_cases lists cases to choose from).

The console also makes and checks anchors (``engine.anchors``): the chains' heads written down where the
database's administrators cannot reach them. An auditor has no shell on the server, and should not need the
administrators, whom an anchor guards against, to make one: ``/audit/jangkar`` downloads one (its digest in
the file's last line and in ``X-Kawal-Anchor-Digest``, to be written on paper), and ``/audit/jangkar/periksa``
checks the database against one the auditor uploads, as ``kawal audit verify --anchor`` does.

Downloads stream as attachments and carry ``X-Kawal-Events``, the number of events the export holds
(a count query made just before streaming), so static/audit.js can show a percentage; the XLSX
workbook also has its ``Content-Length``. Without JavaScript the link downloads as any other.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from time import monotonic as time
from zoneinfo import ZoneInfo

from flask import (
    Response,
    current_app,
    get_template_attribute,
    render_template,
    request,
    send_file,
    stream_with_context,
)
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError

from api.boundary import runtime
from api.exports import XLSX_MIMETYPE, export_response, readable_for, workbook_refusal
from api.extensions import db
from api.language import say
from api.limits import body_limit
from api.web import display
from api.web.blueprint import bp
from api.web.i18n import current_language, translated
from api.web.session import officer
from engine import access, access_log, anchors, blind_index, clock, kinds
from engine.audit import (
    BREAKS_LISTED,
    EXPORT_BY,
    VERIFY_BY,
    Break,
    checking,
    count_events,
    iter_export,
    one_case,
    recent_checks,
    recent_reads,
    record,
    record_read,
)
from engine.errors import Invalid, NotFound
from engine.exemptions import COLUMNS

# An anchor is about 100 bytes a case: a province's three million cases fit (deploy/nginx lets this path through).
ANCHOR_MAX_BYTES = 512 * 1024 * 1024

FORMATS = {
    "csv": (_l("CSV"), "text/csv"),
    "jsonl": (_l("JSON lines"), "application/x-ndjson"),
    "xlsx": (_l("Excel (XLSX)"), XLSX_MIMETYPE),
}

# engine.audit writes a chain break's reason in English; the page says it in the visitor's language.
REASONS = [
    (re.compile(r"expected event (\d+), found (\d+)"), _l("expected event %(expected)s, found %(found)s")),
    (re.compile(r"prev_hash does not match the previous event"), _l("prev_hash does not match the previous event")),
    (re.compile(r"content does not match its hash"), _l("content does not match its hash")),
    (
        re.compile(r"the history ends at event (\d+) but the case's head is event (\d+)"),
        _l("the history ends at event %(expected)s but the case's head is event %(found)s"),
    ),
    (
        re.compile(r"the case's receipt \((?P<row>[^)]*)\) is not its history's \((?P<history>[^)]*)\)"),
        _l("the case's receipt (%(row)s) is not its history's (%(history)s)"),
    ),
    (
        re.compile(r"the case's stage \((?P<row>\w+)\) is not the last its history reached \((?P<history>\w+)\)"),
        _l("the case's stage (%(row)s) is not the last its history reached (%(history)s)"),
    ),
    (
        re.compile(r"the case's kind \((?P<row>\w+)\) is not the one its history was filed as \((?P<history>\w+)\)"),
        _l("the case's kind (%(row)s) is not the one its history was filed as (%(history)s)"),
    ),
    (
        re.compile(r"the case's closing \((?P<row>[^)]*)\) is not its history's \((?P<history>[^)]*)\)"),
        _l("the case's closing (%(row)s) is not its history's (%(history)s)"),
    ),
    (
        re.compile(r"the access changes were cut: the anchor of (?P<when>\S+) holds record (?P<seq>\d+)"),
        _l("the access changes were cut: the anchor of %(when)s holds record %(seq)s"),
    ),
    (
        re.compile(r"the access changes were rewritten: record (?P<seq>\d+) is not the anchor's of (?P<when>\S+)"),
        _l("the access changes were rewritten: record %(seq)s is not the one in the anchor of %(when)s"),
    ),
    (
        re.compile(r"the case is gone: the anchor of (?P<when>\S+) holds it"),
        _l("the case is gone: the anchor of %(when)s holds it"),
    ),
    (
        re.compile(r"the case is gone: the anchor of (?P<when>\S+) counts it"),
        _l("the case is gone: the anchor of %(when)s counts its ticket"),
    ),
    (
        re.compile(r"the history was cut: the anchor of (?P<when>\S+) holds event (?P<seq>\d+)"),
        _l("the history was cut: the anchor of %(when)s holds event %(seq)s"),
    ),
    (
        re.compile(r"the history was rewritten: event (?P<seq>\d+) is not the anchor's of (?P<when>\S+)"),
        _l("the history was rewritten: event %(seq)s is not the one in the anchor of %(when)s"),
    ),
    (re.compile(r"the case is open but its history closed it"), _l("the case is open but its history closed it")),
    (
        re.compile(r"the complaint's details on the case are not those its history committed to"),
        _l("the complaint's details on the case are not those its history committed to"),
    ),
    (
        re.compile(r"the case is closed but its history leaves it open"),
        _l("the case is closed but its history leaves it open"),
    ),
    (
        re.compile(r"no case holds this ticket, though its register issued it"),
        _l("no case holds this ticket, though its register issued it"),
    ),
    (
        re.compile(r"(?P<n>\d+) more tickets of this register are missing"),
        _l("%(n)s more tickets of this register are missing"),
    ),
    # engine.access_log.entry_breaks: an entry of the exemption register not as its chain last recorded it
    (re.compile(re.escape(access_log.ENTRY_MISSING)), _l("the register's entry has no record in its hash chain")),
    (
        re.compile(
            r"the register's entry \((?P<field>\w+): (?P<row>.*)\) is not what its chain last recorded \((?P<held>.*)\)"
        ),
        _l("the register's entry (%(field)s: %(row)s) is not what its chain last recorded (%(held)s)"),
    ),
    (  # an entry whose last record is older than format 3: its end compared with its request's history
        re.compile(
            r"the register's entry \((?P<field>\w+): (?P<row>.*)\) is not what its request's history recorded"
            r" \((?P<held>.*)\)"
        ),
        _l("the register's entry (%(field)s: %(row)s) is not what its request's history recorded (%(held)s)"),
    ),
    (
        re.compile(re.escape(access_log.ENTRY_TEXT_CHANGED)),
        _l(
            "the register's entry is not what its chain last recorded: its information, exempted parts, basis, tests"
            " or note changed"
        ),
    ),
]
# The exemption register's columns as a break names them (engine.exemptions.COLUMNS, in the visitor's language).
ENTRY_FIELDS = {key: (id_, en) for key, id_, en in COLUMNS}


@dataclass
class Choice:
    """The console form as read from the query string: what was typed, what it means, what is wrong."""

    values: dict[str, str]
    start: datetime | None = None
    end: datetime | None = None
    process: str | None = None
    ticket: str | None = None  # one case, as its register wrote it
    errors: dict[str, str] = field(default_factory=dict)


def read_choice(args, *, with_format: bool = False) -> Choice:
    """The period, process and case of the form; ``with_format`` for a download, which needs its format too."""
    values = {key: args.get(key, "").strip() for key in ("from", "to", "process", "ticket", "format")}
    choice = Choice(values=values)
    zone = ZoneInfo(current_app.config["KAWAL"].office_timezone)
    first = _day(values["from"], "from", choice)
    last = _day(values["to"], "to", choice)
    if first:
        choice.start = datetime(first.year, first.month, first.day, tzinfo=zone)
    if last:
        after = last + timedelta(days=1)  # the last day is part of the period
        choice.end = datetime(after.year, after.month, after.day, tzinfo=zone)
    if first and last and last < first:
        choice.errors["to"] = _("The last day cannot be before the first day.")
    if values["process"] and values["process"] not in kinds.ALL:
        choice.errors["process"] = _("Choose one of the processes in the list.")
    choice.process = values["process"] or None
    if values["ticket"]:  # a blank field: every case of the period and process
        try:
            choice.ticket = choice.values["ticket"] = one_case(
                db.session,
                officer(),
                values["ticket"],
                runtime().settings,
                start=choice.start,
                end=choice.end,
                process=choice.process,
            )
        except (Invalid, NotFound) as refused:
            choice.errors["ticket"] = "; ".join(map(translated, refused.fields["ticket"]))
    if with_format and values["format"] not in FORMATS:
        choice.errors["format"] = _("Choose CSV, JSON lines or XLSX.")
    return choice


def _day(raw: str, key: str, choice: Choice) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        choice.errors[key] = _("Enter a date like 2026-03-31.")
        return None


CHECKING = "<!--kawal:checking-->"  # where audit.html leaves room for a check's progress and result


@bp.get("/audit")
@login_required
def audit():
    """The console; with ``periksa=1`` it also checks the hash chains of the chosen period and process.

    A province's whole history takes minutes to hash (bench/README.md), and a proxy answers a page silent
    for 70 s with a 504: the page is streamed, its top at once, then how many events are checked every
    ``engine.audit.PROGRESS_EVERY`` (the stylesheet shows only the last), then the result and the rest."""
    access.require_auditor(officer())
    choice = read_choice(request.args)
    if not request.args.get("periksa") or choice.errors:
        return _page(choice)
    # One case: its chain, head and record; the registers' gaps are about every case.
    series = [] if choice.ticket else kinds.register_series(runtime().settings, choice.process)
    who = officer().username
    scope = {key: choice.values[key] for key in ("from", "to", "process", "ticket")}
    started = time()
    steps = checking(
        db.session,
        choice.start,
        choice.end,
        choice.process,
        series,
        shown=BREAKS_LISTED,
        ticket=choice.ticket,
        details_key=blind_index.details_key(runtime().settings),
    )
    head, tail = _page(choice, checking=True)[0].split(CHECKING, 1)
    progress = get_template_attribute("audit_check.html", "check_progress")
    result = get_template_attribute("audit_check.html", "check_result")
    access_result = get_template_attribute("audit_check.html", "access_chains")

    def page():
        yield head
        try:
            while True:
                yield str(progress(next(steps)))
        except StopIteration as done:
            verification = done.value
            yield str(result(verification, [_break_row(b) for b in verification.breaks]))
            access_chains = access_log.verify(db.session)  # the access changes' and the exemption register's chains
            yield str(access_result(access_chains, access_findings(access_chains)))
            # Listed on the console from now on.
            record(db.session, verification, who, scope, time() - started, access_chains)
            db.session.commit()
        except SQLAlchemyError:
            current_app.logger.exception("the hash chain check stopped")
            db.session.rollback()
            stopped = _("The check stopped before its end: the database did not answer. Try again later.")
            yield str(Markup('<div class="flash flash-error" role="alert">{}</div>').format(stopped))
        yield tail

    response = Response(stream_with_context(page()), mimetype="text/html")
    response.headers["X-Accel-Buffering"] = "no"  # nginx passes each part on as it comes
    return response


@bp.get("/audit/unduh")
@login_required
def audit_download():
    """The history export of the chosen period and process, streamed as an attachment."""
    access.require_auditor(officer())
    choice = read_choice(request.args, with_format=True)
    if choice.errors:
        return _page(choice, status=422)
    fmt = choice.values["format"]
    events = count_events(db.session, choice.start, choice.end, choice.process, choice.ticket)
    refused = workbook_refusal(fmt, events, format_decimal)
    if refused:
        choice.errors["format"] = say(refused, current_language())
        return _page(choice, status=422)
    scope = {key: choice.values[key] for key in ("from", "to", "process", "ticket")}
    record_read(db.session, officer().username, "export", "console", scope, fmt)  # who read what: listed below
    db.session.commit()

    def rows():
        return iter_export(db.session, choice.start, choice.end, choice.process, choice.ticket)

    readable = readable_for(runtime().settings, current_language())
    response = export_response(rows, fmt, readable)  # XLSX is written to a temporary file first: it has its length
    response.headers["Content-Disposition"] = f"attachment; filename={file_name(choice)}"
    response.headers["X-Kawal-Events"] = str(events)
    response.headers["Cache-Control"] = "no-store"  # the case history: never kept by a shared cache
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def file_name(choice: Choice) -> str:
    """``kawal-audit[-<ticket>][-<process>][-<first day>_<last day>].<format>``: what an auditor files it under."""
    parts = ["kawal-audit"]
    if choice.ticket:
        parts.append(choice.ticket)
    if choice.process:
        parts.append(choice.process)
    if choice.values["from"] or choice.values["to"]:
        parts.append(f"{choice.values['from'] or 'awal'}_{choice.values['to'] or 'kini'}")
    return "-".join(parts) + "." + choice.values["format"]


# engine.anchors names what is wrong with an anchor file in English; the page says it in the visitor's language.
ANCHOR_PROBLEMS = [
    (re.compile(r"line (?P<line>\d+): lines after the digest"), _l("line %(line)s: there are lines after the digest")),
    (re.compile(r"line (?P<line>\d+): not JSON"), _l("line %(line)s: not JSON")),
    (re.compile(r"line (?P<line>\d+): not a \S+ file"), _l("line %(line)s: not an anchor file of Kawal")),
    (
        re.compile(r"line (?P<line>\d+): neither a case's head nor a register's counter"),
        _l("line %(line)s: neither a case's head nor a register's counter"),
    ),
    (
        re.compile(r"the file ends before its digest: cut short"),
        _l("the file ends before its digest: it was cut short"),
    ),
    (
        re.compile(r"its digest does not match its lines: changed after it was written"),
        _l("its digest does not match its lines: it was changed after it was written"),
    ),
]


def reason_text(reason: str) -> str:
    return _in_words(reason, REASONS)


def _in_words(text: str, table: list) -> str:
    """An English sentence of the engine (a chain's break, an anchor file's problem) in the visitor's language: the
    first pattern of ``table`` that matches it, its values filled in (an anchor's moment in the office's time)."""
    for pattern, message in table:
        found = pattern.fullmatch(text)
        if found:
            values = found.groupdict() or dict(zip(("expected", "found"), found.groups(), strict=False))
            if "when" in values:
                values["when"] = _anchor_time(values["when"])
            if "field" in values and values["field"] in ENTRY_FIELDS:
                values["field"] = ENTRY_FIELDS[values["field"]][current_language() == "en"]
            return str(message) % values if values else str(message)
    return text


def _anchor_time(iso: str) -> str:
    """An anchor's ``made_at`` as the pages write a moment: in the office's time, in the visitor's language."""
    try:
        return display.office_datetime(datetime.fromisoformat(iso))
    except ValueError:
        return iso


@bp.get("/audit/jangkar")
@login_required
def audit_anchor():
    """An anchor of this moment: every case's chain head and every register's counter, with their digest, as
    ``kawal audit anchor`` writes it. Spooled to a temporary file (a province's million cases are ~100 MB)."""
    access.require_auditor(officer())
    settings = runtime().settings
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (the response closes it once sent)
    cases, digest = anchors.write(db.session, out, settings.agency_name, kinds.register_series(settings))
    db.session.rollback()  # read only: nothing of it stays in the pool's transaction
    record_read(db.session, officer().username, "anchor", "console")
    db.session.commit()
    out.seek(0)
    made = clock.now().astimezone(ZoneInfo(current_app.config["KAWAL"].office_timezone))
    response = send_file(
        out,
        mimetype="application/x-ndjson",
        as_attachment=True,
        download_name=f"kawal-jangkar-{made:%Y-%m-%d-%H%M}.jsonl",
        max_age=0,
    )
    response.headers["X-Kawal-Anchor-Digest"] = digest
    response.headers["X-Kawal-Cases"] = str(cases)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.post("/audit/jangkar/periksa")
@body_limit(ANCHOR_MAX_BYTES)
@login_required
def audit_anchor_check():
    """The database against an anchor the auditor uploads: each anchored event still in its chain, unchanged,
    and each anchored ticket still a case. A file that is not an anchor, or was changed, is refused (422)."""
    access.require_auditor(officer())
    upload = request.files.get("anchor")
    if upload is None or not upload.filename:
        return _page(read_choice({}), anchor_error=_("Choose the anchor file to check against."), status=422)
    try:
        checked = anchors.check(db.session, upload.stream, shown=BREAKS_LISTED)
    except anchors.AnchorInvalid as exc:
        db.session.rollback()
        problem = _in_words(str(exc), ANCHOR_PROBLEMS)
        message = _("This file cannot be trusted as an anchor: %(problem)s.", problem=problem)
        return _page(read_choice({}), anchor_error=message, status=422)
    db.session.rollback()
    record_read(db.session, officer().username, "anchor_check", "console")
    db.session.commit()
    anchor = checked.anchor
    result = {
        "made_at": _anchor_time(anchor.made_at),
        "digest": anchor.digest,
        "agency": anchor.agency,
        "cases": anchor.cases,
        "file": upload.filename,
        "breaks": [_break_row(b) for b in checked.breaks],
        "total": checked.total,
    }
    return _page(read_choice({}), anchor_result=result)


def _page(
    choice: Choice,
    status: int = 200,
    anchor_result: dict | None = None,
    anchor_error: str = "",
    checking: bool = False,
):
    locale = current_language()
    processes = [(p, display.process_label(p, locale)) for p in kinds.ALL]
    return (
        render_template(
            "audit.html",
            choice=choice,
            values=choice.values,
            errors=choice.errors,
            processes=processes,
            process_label=dict(processes).get(choice.process or ""),
            formats={key: label for key, (label, _mimetype) in FORMATS.items()},
            checking=checking,
            checks=[_check_row(row, dict(processes)) for row in recent_checks(db.session)],
            reads=[_read_row(row, dict(processes)) for row in recent_reads(db.session)],
            anchor_result=anchor_result,
            anchor_error=anchor_error,
        ),
        status,
    )


def _check_row(row, process_labels: dict) -> dict:
    """A recorded chain check as the console lists it: when, by whom, over what, and what it found."""
    scope = row.scope
    process = scope.get("process")
    return {
        "when": display.office_datetime(row.finished_at),
        "by": _("the server (%(command)s)", command=VERIFY_BY) if row.by == VERIFY_BY else display.officer_name(row.by),
        "first": scope.get("from"),
        "last": scope.get("to"),
        "process": process and process_labels.get(process, process),
        "ticket": scope.get("ticket"),
        "cases": row.checked_cases,
        "events": row.checked_events,
        "broken": row.breaks_total,
        "seconds": row.seconds,
        "access": _access_row(row.access),
    }


READ_ACTIONS = {  # engine.audit.record_read
    "export": _l("Export"),
    "anchor": _l("Anchor downloaded"),
    "anchor_check": _l("Checked against an anchor"),
}
READ_CHANNELS = {"api": _l("API"), "console": _l("Console"), "cli": _l("Server")}


def _read_row(row, process_labels: dict) -> dict:
    """A recorded read of the history as the console lists it: when, by whom, what, over what, in which format."""
    scope = row.scope
    process = scope.get("process")
    return {
        "when": display.office_datetime(row.at),
        "by": _("the server (%(command)s)", command=row.by) if row.by == EXPORT_BY else display.officer_name(row.by),
        "export": row.action == "export",  # an anchor is of every case
        "chains": scope.get("chains") == "access",  # the access and exemption chains' export (engine.access_log)
        "action": READ_ACTIONS.get(row.action, row.action),
        "channel": READ_CHANNELS.get(row.channel, row.channel),
        "first": scope.get("from"),
        "last": scope.get("to"),
        "process": process and process_labels.get(process, process),
        "ticket": scope.get("ticket"),
        "format": FORMATS[row.format][0] if row.format in FORMATS else row.format,
    }


def _access_row(access: dict | None) -> dict | None:
    """What a recorded check found of the access changes' chains: how many records, and each chain broken with
    where; None where the check did not walk them (the API's check of a period, or one recorded before)."""
    if access is None:
        return None
    states = {kind: access.get(kind) or {"records": 0, "broken_at": None} for kind in ACCESS_LABELS}
    broken = [
        _("%(chain)s, record %(record)s", chain=ACCESS_LABELS[kind], record=state["broken_at"])
        for kind, state in states.items()
        if state["broken_at"] is not None
    ]
    entries = states["exemption"].get("entries") or []
    broken += [_entry_text(entry, reason) for entry, reason in entries]
    more = (states["exemption"].get("entries_total") or 0) - len(entries)
    if more > 0:
        broken.append(ngettext("%(num)d more entry", "%(num)d more entries", more))
    return {"records": sum(state["records"] for state in states.values()), "broken": broken}


def _entry_text(entry: int, reason: str) -> str:
    return _("%(register)s, entry %(entry)s: %(reason)s", register=EXEMPTION_REGISTER, entry=entry,
             reason=reason_text(reason))  # fmt: skip


def access_findings(chains: dict) -> list[str]:
    """What engine.access_log.verify found wrong, each chain or entry named once (the intact ones not at all): for the
    console's check and the access changes' page (audit_check.html ``access_chains``)."""
    found = [
        _("%(chain)s: record %(record)s does not verify", chain=ACCESS_LABELS[kind], record=state.broken_at)
        for kind, state in chains.items()
        if state.broken_at is not None
    ]
    return found + [_entry_text(told.entry, told.reason) for told in chains["exemption"].entries]


ACCESS_LABELS = {  # engine.access_log.CHAINS
    "officer": _l("Access changes: accounts"),
    "unit": _l("Access changes: units"),
    "calendar": _l("Access changes: calendar"),
    "fee": _l("Access changes: fee standard"),
    "exemption": _l("Register of exempt information"),
}
EXEMPTION_REGISTER = ACCESS_LABELS["exemption"]
# An anchor's access chains (engine.anchors) are told where a break names a case's ticket.
ACCESS_CHAINS = {f"access:{kind}": label for kind, label in ACCESS_LABELS.items()}


def _break_row(b: Break) -> dict:
    return {"ticket": str(ACCESS_CHAINS.get(b.ticket, b.ticket)), "seq": b.seq, "reason": reason_text(b.reason)}
