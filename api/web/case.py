"""The case page (``/kasus/<ticket>``): facts, timeline, deadlines with provenance, documents,
linked cases and the BPMN diagram with what is done and what is open.

Load -> authorize -> act (STYLE.md rule 4): ``access.require_staff_case`` answers 404 for a case the
officer may not see, on the page and on its diagram and documents; what each part shows follows the
REST API's rules, from engine.access: the requester's identity only where ``can_read_identity``
allows, a complaint's history where ``can_read_history`` does, a complaint's documents where
``can_read_case_document`` does. A read of a confidential complaint is recorded (``noted``).

The diagram is the BPMN file of the process version the case runs; the page carries the ids of the
completed elements, the current tasks and the subprocesses they are in (from the case's workflow
instance) for static/case-diagram.js, and the same as two lists of steps, which are all a visitor
without JavaScript (or without the vendored viewer) sees; both name the steps in the reader's language where
Kawal has a name for them in it (api.web.process_diagram). The timeline is oldest first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from flask import Response, make_response, render_template
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from sqlalchemy import select

from api.boundary import noted, runtime
from api.extensions import db
from api.language import LANGUAGES
from api.reports.history import READ, event_label
from api.reports.labels import CHANNELS
from api.web import case_messages, display, events, objection_orders, process_diagram, proxy, requester, workbench
from api.web.blueprint import bp
from api.web.facts import (
    case_facts,
    established_facts,
    finding_files,
    is_reference,
    labelled,
    proxy_facts,
    requester_facts,
    unit_answers,
)
from api.web.i18n import current_language
from api.web.letters import for_case_page as letter_rows
from api.web.letters import scan_form
from api.web.session import officer
from engine import (
    access,
    bundle,
    chain,
    complaints,
    correction_requests,
    documents,
    evidence_lapse,
    fees,
    holiday_years,
    kinds,
    lateness,
    other_filings,
    outbox,
    proxy_data,
    queries,
    reported_party,
    requester_data,
    requester_messages,
    task_files,
    visibility,
)
from engine.delivery import BY_PROXY as DELIVERED_TO_PROXY
from engine.letters import records as letter_records
from engine.letters.render import rupiah
from engine.letters.types import TYPES as LETTER_TYPES
from engine.models import Case, CaseEvent, Deadline, Letter, Party, User
from engine.runtime import Runtime

VENDOR_VIEWER = Path(__file__).parent / "static" / "vendor" / "bpmn-viewer.production.min.js"

DEADLINE_STATUSES = {
    "pending": _l("Running"),
    "met": _l("Met"),
    "missed": _l("Missed"),
    "lapsed": _l("Lapsed"),
    "superseded": _l("Superseded"),
    "cancelled": _l("Cancelled"),
    "open": _l("Open"),
    "closed": _l("Closed"),
}
DEADLINE_KINDS = {
    "agency": _l("The office must act"),
    "window": _l("The office may act"),
    "info": _l("Another body's clock"),
}
# Whose clock a deadline is and what its lapse does, said beside each deadline (issue 11, point 3). Every complaint's
# lapse, not a whistleblower's alone, is the complaint team's superiors' to act on: the WBS managers' group
# (access.SUPERIOR_OF; pengaduan.bpmn's escalations), named as such, not as if the complaint were a WBS report.
COMPLAINT_ESCALATION = _l(
    "If it passes: escalated to the complaint team's superiors (the WBS managers' group, who oversee every complaint,"
    " not only whistleblowers' reports)."
)
CITIZEN_WINDOW = _l("The requester's or reporter's own window, not the office's")
WHEN_PASSED = {
    "T10": _l(
        "If it passes without a written notice: escalated to the PPID superior; the requester may object on ground g."
    ),
    "T17": _l(
        "If it passes without a written notice: escalated to the PPID superior; the requester may object on ground g."
    ),
    "A30": _l("If it passes unanswered: escalated; the requester may bring a dispute to the Information Commission."),
    "K_LENGKAP": _l("If it passes: the request is closed with a written notice saying what was missing."),
    "BUKTI": _l(
        "If it passes without evidence: the complaint is deemed withdrawn once the team confirms; it "
        "reopens if the evidence comes later."
    ),
    "V3": COMPLAINT_ESCALATION,
    "SLA": COMPLAINT_ESCALATION,
    "S60": _l("If it passes: the statutory limit is exceeded; the reporter may go to the Ombudsman."),
    "O30": _l("If it passes: a late objection is still registered and considered."),
    "D14": _l("If it passes: the requester's window to bring a dispute has closed."),
    "SERAH": _l("If it passes: escalated to the PPID superior; the requester may object on ground g."),
    "LAKSANA": _l("If it passes: escalated to the PPID superior; not complying may be an offence (Article 52)."),
    "UNIT": _l(
        "If it passes: the unit and whoever referred it are reminded; the case is not late by it, its legal deadline"
        " still counts."
    ),
    "ITJEN": _l(
        "If it passes: the complaint team, then the WBS managers, are reminded; the case is not late by it, its legal"
        " deadline still counts."
    ),
    # The office's own window to challenge: sengketa_informasi since version 5 ends its position task then (on an
    # earlier version the officer records the acceptance: POSITION_RECORDED_WORDS).
    "P14": _l(
        "If it passes on every reading without a position: the office may no longer challenge the decision; it stands"
        " as accepted and becomes final once the applicant's time has passed too."
    ),
    "K14": _l(
        "If it passes on every reading without a position: the office may no longer appeal in cassation; the judgment"
        " stands as accepted and becomes final once the applicant's time has passed too."
    ),
    "P14_AKHIR": _l(
        "When it passes: the office's position task ends and the decision stands as accepted by the office; no mail"
        " is sent (P14 already reminded and escalated)."
    ),
    "K14_AKHIR": _l(
        "When it passes: the office's cassation task ends and the judgment stands as accepted by the office; no mail"
        " is sent (K14 already reminded and escalated)."
    ),
    "PERSIAPAN": _l(
        "If it passes: the first hearing may come before the power of attorney or the file is ready; the Commission"
        " may examine and decide without the office (Information Commission Regulation 1/2013 Article 31)."
    ),
}
# An anonymous complaint on a process version that closes it as not actionable (engine.evidence_lapse) is never told
# to the team as one that would be deemed withdrawn (legal-process.md §7.3 rule 4).
BUKTI_NOT_ACTIONABLE = _l(
    "If it passes without evidence: this anonymous complaint is closed as not actionable once the team confirms, and"
    " kept as information for planning audits; it reopens if the evidence comes later."
)


# The office's position on the Commission's decision (P14) or on the court's judgment (K14) ends by itself at the
# window's lenient end only since sengketa_informasi version 5 (its boundary p14_lewat, added with k14_lewat): a case
# on an earlier version keeps its task open, and the officer records the acceptance (``deadline_lapse``).
POSITION_LAPSE_STEP = "p14_lewat"
POSITION_RECORDED = "position_recorded"
POSITION_RECORDED_WORDS = {
    "P14": _l(
        "If it passes on every reading without a position: the office may no longer challenge the decision; record its"
        " acceptance so that the case goes on."
    ),
    "K14": _l(
        "If it passes on every reading without a position: the office may no longer appeal in cassation; record its"
        " acceptance so that the case goes on."
    ),
}


def when_passed(name: str, lapse: str | None = None) -> str:
    """What a deadline's lapse does, said beside it; the reporter's evidence window (BUKTI) and the office's position
    windows (P14, K14) by what the case's lapse leads to (``lapse``: ``deadline_lapse``)."""
    if name == "BUKTI" and lapse == evidence_lapse.NOT_ACTIONABLE:
        return str(BUKTI_NOT_ACTIONABLE)
    if name in POSITION_RECORDED_WORDS and lapse == POSITION_RECORDED:
        return str(POSITION_RECORDED_WORDS[name])
    return str(WHEN_PASSED.get(name, ""))


def deadline_lapse(rt: Runtime, case: Case) -> str | None:
    """What a lapse leads to where the case's process version decides it, for ``when_passed``: a complaint's evidence
    lapse (engine.evidence_lapse.consequence); ``POSITION_RECORDED`` for a dispute on a version whose office position
    does not end by itself; None otherwise."""
    if case.kind == kinds.COMPLAINT:
        return evidence_lapse.consequence(db.session, case, rt)
    version = case.process_version_id
    if case.kind == kinds.DISPUTE and version is not None and POSITION_LAPSE_STEP not in rt.steps(db.session, version):
        return POSITION_RECORDED
    return None


ACTORS = {
    "system": _l("Kawal (automatic)"),
    "pemohon": _l("Requester"),
    "pelapor": _l("Reporter"),
    # A request to correct the proxy's contacts (engine.correction_requests.PROXY): either the requester or the proxy
    # may have filed it, with the case's ticket and access code they share.
    "kuasa": _l("Portal (the case's ticket and access code)"),
}


def actor_name(actor: str) -> str:
    """Who recorded something, as the pages name them: Kawal itself, the requester or reporter, or an officer by
    their display name (never their login)."""
    return str(ACTORS[actor]) if actor in ACTORS else display.officer_name(actor)


@bp.get("/kasus/<ticket>")
@login_required
def case(ticket: str, reporter: dict | None = None, refused: dict | None = None):
    """The page; ``reporter``: a complaint's reporter identity just read (``case_messages.case_identity``);
    ``refused``: a form of the page sent back (``case_messages``): which (``form``), why, and what was typed."""
    user, rt, locale = officer(), runtime(), current_language()
    found = access.require_staff_case(db.session, user, ticket)
    history_shown = access.can_read_history(user, found)
    identity = _identity(rt, user, found)
    content, diagram_current = process_diagram.source(rt, found)
    names = process_diagram.names(rt, content, found.kind, locale, clock_label)
    page = {
        "case": found,
        "process_label": display.process_label(found.kind, locale),
        "stage_label": display.stage_label(found.status, locale),
        "due_state": _due_state(rt, found),
        "late_since": _late_since(found),
        "due_at": shown_due(found)[0] if found.closed_at is None else found.due_at,
        "due_clock": _due_clock(found) if found.closed_at is None else None,
        "awaiting_fee": awaiting_fee(found),  # told a fee, not paid yet: since when (no law sets a date to pay by)
        "payment_task": fees.PAYMENT_TASK,  # the open task beside which the page says since when
        "facts": _facts(rt, user, found, locale),
        "objection_orders": objection_orders.shown(found, locale),  # a granted objection's order binding the PPID
        "unit_answers": unit_answers(rt, user, found, locale),  # what the units referred it answered, files linked
        "requester": requester_facts(rt, identity, locale),
        "other_filings": _other_filings(rt, user, found, identity, locale),
        "can_correct_requester": requester_data.can_correct(user, found),
        "proxy": proxy_facts(rt, found, proxy_data.read(db.session, rt, user, found), locale),
        "can_correct_proxy": proxy_data.can_correct(user, found),
        "proxy_revoked": proxy_data.revoked(found),
        "can_appoint_proxy": proxy_data.can_appoint(user, found),
        # the request's proxy does not act for this objection without a power of attorney for it (Perki 1/2021 39(4))
        "request_proxy_not_named": proxy_data.request_proxy(db.session, found) is not None,
        "correction_waiting": correction_requests.listed(
            db.session, correction_requests.waiting(db.session, user, found)
        ),
        "tasks": _open_tasks(rt, found, locale),
        "awaited": events.awaited(user, found, locale),
        "summons": events.can_record_summons(user, found),
        "awaited_receipt": events.awaited_receipt(user, found),
        "confirmation": events.confirmation(user, found),
        "deadlines": _deadlines(rt, found, locale),
        "history_shown": history_shown,
        # The requester's messages' events point to their words only for a reader of them (requester_messages).
        "timeline": _timeline(found, locale, requester_messages.can_read(user, found)) if history_shown else [],
        "documents": _documents(rt, user, found, locale),
        "letters": (letters := letter_rows(user, found, locale)),
        "scan_form": scan_form(user, found, letters),
        "files": task_files.files_of(db.session, rt.forms, user, found),
        "chain": _chain(rt, user, found, locale) if found.kind != kinds.COMPLAINT else [],
        "progress": process_diagram.steps(rt, found, locale, names),
        "diagram_current": diagram_current,
        "viewer_present": VENDOR_VIEWER.is_file(),
        "calendar_unconfirmed": holiday_years.case_warnings(db.session, found),
        "conversation": case_messages.conversation(user, found) if found.kind == kinds.COMPLAINT else None,
        # A request's or an objection's messages from its requester (engine.requester_messages): None for a reader
        # who may not read them (a unit, an auditor: the words may hold the requester's identity).
        "requester_messages": (
            requester_messages.listed(db.session, found) if requester_messages.can_read(user, found) else None
        ),
        "max_reply": requester_messages.MAX_BODY,  # the answer under each (api.web.desk_replies)
        "identity": case_messages.identity_panel(user, found) if found.kind == kinds.COMPLAINT else None,
        "reported": reported_party.count(db.session, rt, user, found),
        "reporter": requester_facts(rt, reporter, locale, kinds.COMPLAINT) if reporter else [],
        "notes": workbench.notes_section(user, found),  # internal notes: never to the requester
        "refused": refused or {},
    }
    noted(user, found, "case")
    return make_response(render_template("case.html", **page), 422 if refused else 200)


TEAM_SUMMARY = _l("Summary by the complaint team (no names)")
NOT_SUMMARISED = _l(
    "Not summarised yet by the complaint team: it writes its summary, without anyone's name, when it records the"
    " complaint. The reporter's own words are read by the complaint team only."
)


def _facts(rt: Runtime, user: User, case: Case, locale: str) -> list[tuple[str, str]]:
    """The case's facts as ``user`` may read them; an auditor reads a complaint's as the team summarised it, never
    the reporter's own words (engine.complaints.details_read_by), and reads that it is not summarised yet before."""
    details = complaints.details_read_by(db.session, rt.forms, user, case)
    # A complaint's classification by its team, beside the reporter's suggestion; a dispute's decisions.
    established = established_facts(rt, user, case, locale)
    if case.kind != kinds.COMPLAINT or complaints.SUMMARY not in details:
        return case_facts(rt, case, locale, details, established)
    summary = details.pop(complaints.SUMMARY)
    return case_facts(rt, case, locale, details, [(str(TEAM_SUMMARY), summary or str(NOT_SUMMARISED)), *established])


@bp.get("/kasus/<ticket>/diagram.bpmn")
@login_required
def case_diagram(ticket: str):
    """The BPMN XML of the process version the case runs (the process model: no case data in it)."""
    found = access.require_staff_case(db.session, officer(), ticket)
    content, same_version = process_diagram.source(runtime(), found)
    response = Response(content, mimetype="application/xml")
    # The file may have changed since the case started; the page says so too.
    response.headers["X-Kawal-Diagram-Version"] = "case" if same_version else "current-file"
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.get("/kasus/<ticket>/berkas/<id:file_id>")
@login_required
def case_file(ticket: str, file_id: int):
    """A file an officer attached to the case (``GET /api/v1/cases/{t}/files/{id}`` on a page): a download."""
    user, rt = officer(), runtime()
    found = access.require_staff_case(db.session, user, ticket)
    row = task_files.file_for(db.session, rt.forms, user, found, file_id)
    data = task_files.read(rt, row)
    noted(user, found, f"file:{row.id}")
    return Response(
        data,
        mimetype=row.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{row.file_name}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )


@bp.get("/kasus/<ticket>/dokumen/<name>")
@login_required
def case_document(ticket: str, name: str):
    """A complaint's document as plain text (``GET /api/v1/cases/{t}/documents/{name}`` on a page)."""
    user, locale = officer(), current_language()
    found = access.require_staff_case(db.session, user, ticket)
    complaints.require_complaint(found)
    access.require_read_document(db.session, user, found, name)
    rt = runtime()
    doc, text = documents.render(db.session, rt.forms, found, name, locale, access.field_readers(user, found), rt)
    noted(user, found, f"document:{name}")
    return render_template(
        "case/document.html", case=found, title=doc.title_en if locale == "en" else doc.title_id, text=text
    )


# -- the parts of the page ---------------------------------------------------------------------------


def shown_due(case: Case) -> tuple[datetime | None, Deadline | None]:
    """The date the top of the case shows, and the clock it is (None: the date the requester is shown).

    The nearest pending deadline of the office, internal ones too (a new complaint's review, V3), else the one the
    requester is shown (``Case.due_at``): engine.dashboard counts open cases by these two. A case with neither (a
    dispute: the model marks none of its clocks public) shows the date its open tasks are due by (a task whose own
    clock was missed shows that one: the respondent's preparation past the first hearing), else the nearest running
    clock of another holder (the Commission's mediation, the applicant's time to go to court): a dispute whose
    clocks run never reads "no deadline".
    """
    pending = sorted((d for d in case.deadlines if d.status == "pending"), key=lambda d: (d.due_at, d.id or 0))
    own = [d for d in pending if d.kind == "agency"]
    if own:
        return own[0].due_at, own[0]
    if case.due_at is not None:
        return case.due_at, None
    tasks_due = min((t.due_at for t in case.tasks if t.state == "open" and t.due_at is not None), default=None)
    if tasks_due is not None:
        clock_of = [d for d in case.deadlines if d.status in ("missed", "pending") and d.due_at == tasks_due]
        return tasks_due, clock_of[-1] if clock_of else None
    return (pending[0].due_at, pending[0]) if pending else (None, None)


def awaiting_fee(case: Case) -> dict | None:
    """The fee the case waits to be paid, as the pages say it: since the day the requester was told (the written
    notice's date), the amount, and the payment method the notice stated; never a date to pay by, which no law sets
    (engine.fees.awaiting). None when the case waits for no payment."""
    found = fees.awaiting(db.session, case)
    if found is None:
        return None
    return {"since": display.office_day(found.since), "total": money(found.total), "how": found.how}


def _due_clock(case: Case) -> str | None:
    """The clock the date at the top of the case belongs to, named, with whose it is."""
    _due, deadline = shown_due(case)
    if deadline is None:
        return None
    whose = clock_kind_label(deadline.kind, deadline.calendar, deadline.name)
    return f"{clock_label(deadline.name)} · {whose}"  # its code is in the deadlines' table, a note beside its name


def _late_since(case: Case) -> dict | None:
    """The office's first missed deadline of a case flagged overdue: the badge beside the date the case runs to now
    (the requester's time to complete, say) names the clock it missed, which that date alone did not."""
    first = lateness.late_since(case) if case.overdue else None
    return {"due_at": first.due_at, "label": clock_label(first.name)} if first is not None else None


def _due_state(rt: Runtime, case: Case) -> str:
    if case.overdue:
        return display.OVERDUE
    if case.closed_at is not None:
        return display.NO_DEADLINE
    due, _clock_shown = shown_due(case)
    return display.due_state(due, queries.working_days_left(rt, due))


def _identity(rt: Runtime, user: User, case: Case) -> dict | None:
    """The requester's identity where the rule allows (never a complaint's reporter: engine.complaints)."""
    if not access.can_read_identity(user, case) or not case.requester_party_id:
        return None
    return rt.vault.read(db.session.get(Party, case.requester_party_id))


def _other_filings(rt: Runtime, user: User, case: Case, identity: dict | None, locale: str) -> dict | None:
    """The requester's other filings by NIK (engine.other_filings), as the page lists them."""
    found = other_filings.other_filings(db.session, rt, user, case, identity)
    if found is None:
        return None
    rows = [
        {
            "ticket": f.case.ticket,
            "process": display.process_label(f.case.kind, locale),
            "received_at": f.case.received_at,
            "subject": f.case.subject,
            "stage": display.stage_label(f.case.status, locale),
            "closed": f.case.closed_at is not None,
            "name": f.name,
        }
        for f in found.items
    ]
    return {"matched": found.matched, "total": found.total, "rows": rows}


def _open_tasks(rt: Runtime, case: Case, locale: str) -> list[dict]:
    rows = [
        {**queries.task_item(rt, t), "title": display.task_title(rt, t, locale)}
        for t in case.tasks
        if t.state == "open"
    ]
    return [{**row, "due_state": display.due_state(row["due_at"], row["working_days_left"])} for row in rows]


def clock_label(name: str) -> str:
    """A deadline's name in the page's language, as the e-mails name it (engine.outbox.deadline_label)."""
    return outbox.deadline_label(name, current_language())


def clock_kind_label(kind: str | None, calendar: str | None, name: str | None = None) -> str:
    """Whose clock it is: the office's to act on, the requester's or reporter's own window (the applicant's time
    to go to court or to the Supreme Court among them: engine.chain.APPLICANT_CLOCKS), another body's."""
    if (kind == "window" and calendar == "lenient") or name in chain.APPLICANT_CLOCKS:
        return str(CITIZEN_WINDOW)
    if name in chain.OFFICE_LAST_DAYS:  # its time to challenge a decision: a right, not a duty
        return str(DEADLINE_KINDS["window"])
    return str(DEADLINE_KINDS.get(kind or "", ""))


def _clock(row: dict, locale: str, lapse: str | None = None) -> dict:
    """A deadline or window as the page shows it: labelled, with how it was counted; ``lapse``: what a lapse leads to
    on the case's process version (``deadline_lapse``)."""
    return {
        **row,
        "label": clock_label(row["name"]),
        "status_label": str(DEADLINE_STATUSES.get(row["status"], row["status"])),
        "kind_label": clock_kind_label(row.get("kind"), row.get("calendar"), row.get("name")),
        "when_passed": when_passed(row["name"], lapse),
        "explanation": queries.explain(row["provenance"], locale, words=True) if row.get("provenance") else "",
    }


# Where a complaint's resolution clock started (pengaduan.bpmn, sla_mulai_at): the receipt or the classification
# (KAWAL_COMPLAINT_SLA_FROM), or afresh once the file was completed (the reporter's evidence, a reopening).
SLA_COUNTED_FROM = {
    "receipt": _l("Counted from the receipt"),
    "classification": _l("Counted from the classification"),
    "afresh": _l("Counted afresh from the reporter's evidence or the reopening"),
}


def _deadlines(rt: Runtime, case: Case, locale: str) -> list[dict]:
    """The case's deadline rows, and the requester's windows it has no row for yet (a dispute's applicant window
    while the office decides on the decision: engine.chain.unarmed_windows)."""
    lapse = deadline_lapse(rt, case)
    rows = [_clock(chain.deadline_view(d), locale, lapse) for d in case.deadlines]
    windows = chain.unarmed_windows(rt, db.session, case)
    rows += [_clock({**w.to_dict(), "unit": w.provenance.get("unit", "working_days")}, locale) for w in windows]
    slas = [row for row in rows if row["name"] == "SLA"]
    for n, row in enumerate(slas):
        start = "receipt" if row["start_at"] == case.received_at else "afresh" if n else "classification"
        row["counted_from"] = str(SLA_COUNTED_FROM[start])
    return rows


def _timeline(case: Case, locale: str, reads_messages: bool = False) -> list[dict]:
    """The case's events, oldest first (the order of its hash chain), in words. ``reads_messages``: the reader reads
    the requester's messages to the desk on the page (engine.requester_messages.can_read)."""
    events = queries.case_events(db.session, case)
    tasks = {t.id: t for t in case.tasks}
    by_spec = {t.bpmn_id: t for t in case.tasks}
    usernames = {e["actor"] for e in events} - set(ACTORS)
    names = {
        row.username: row.display_name
        for row in db.session.execute(select(User.username, User.display_name).where(User.username.in_(usernames)))
    }
    rt = runtime()
    titles = {bpmn_id: display.task_title(rt, t, locale) for bpmn_id, t in by_spec.items()}
    letters = {x.id: x for x in letter_records.for_case(db.session, case)}
    translated = {x.translation_of_id for x in letters.values() if x.translation_of_id}  # originals with a copy
    out = []
    for e in events:
        data = e["data"]
        task = tasks.get(data.get("task_id")) or by_spec.get(data.get("task"))
        if e["type"].startswith("letter_"):
            detail = _letter_detail(e["type"], letters.get(data.get("letter")), locale, translated, case.outcome)
        elif e["type"] == "case_read" and str(data.get("what", "")).startswith("letter:"):
            detail = _read_letter(letters, str(data["what"]).partition(":")[2], locale, case.outcome)
        elif e["type"] in DESK_MESSAGE_EVENTS:
            detail = _desk_message_detail(e["type"], data, reads_messages)
        else:
            detail = _event_detail(
                e["type"], data, display.task_title(rt, task, locale) if task else None, locale, titles
            )
        out.append(
            {
                "seq": e["seq"],
                "at": e["at"],
                "type": e["type"],
                "label": _event_label(case, e["type"], data.get("what")),
                "detail": detail,
                "actor": str(ACTORS[e["actor"]]) if e["actor"] in ACTORS else names.get(e["actor"], e["actor"]),
            }
        )
    return _grouped_reads(out)


def _grouped_reads(rows: list[dict]) -> list[dict]:
    """One line for a run of reads by the same officer (a page view records several: the case, its task, a
    document), naming what was read and how often; the history itself keeps every read."""
    out: list[dict] = []
    for row in rows:
        last = out[-1] if out else None
        if row["type"] == READ and last and last["type"] == READ and last["actor"] == row["actor"]:
            last["reads"] += 1
            if row["detail"] and row["detail"] not in last["read"]:
                last["read"].append(row["detail"])
            continue
        out.append(
            {**row, "reads": 1, "read": [row["detail"]] if row["detail"] else []} if row["type"] == READ else row
        )
    for row in out:
        if row["type"] == READ:
            reads, row["detail"] = row.pop("reads"), "; ".join(row.pop("read"))
            if reads > 1:
                row["detail"] += " " + ngettext("(%(num)d read)", "(%(num)d reads)", reads)
    return out


def _letter_detail(
    kind: str,
    letter: Letter | None,
    locale: str,
    translated: set[int] | frozenset = frozenset(),
    outcome: str | None = None,
) -> str:
    """A letter's line: its title and number (and its language, for either letter of a bilingual pair: ``translated``
    holds the originals that have a copy), and for its issue whether its PDF is ready now (read from the letter
    record; the PDF's own event, ``letter_rendered``, follows in the history once it is made). Its title by the case's
    decision ``outcome``: a decree rejecting in part says so."""
    if letter is None:
        return ""
    line = f"{LETTER_TYPES[letter.kind].title(locale, outcome)} {letter.number}"
    if letter.translation_of_id or letter.id in translated:  # a bilingual letter: each language has the same number
        line += f" · {LANGUAGES.get(letter.locale, letter.locale)}"
    if kind != "letter_issued":
        return line
    if letter.status == "ready":
        return f"{line} · " + _("PDF ready, SHA-256 %(sha)s…", sha=letter.sha256[:16])
    if letter.status == "failed":
        return f"{line} · " + _("the PDF could not be made: an admin is handling it")
    return f"{line} · " + _("PDF being prepared")


def _event_label(case: Case, kind: str, what: object = None) -> str:
    """An event of the history by its name (api.reports.history, as the auditor's exports name it)."""
    return _(event_label(kind, what, complaint=case.kind == kinds.COMPLAINT, mode=case.reporter_mode))


def _event_detail(kind: str, data: dict, task_title: str | None, locale: str, titles: dict[str, str]) -> str:
    """One line of what an event is about; never the free text or identity an event may carry, but an identity
    reveal's reason and decision note, which every reader of the history reads anyway."""
    if kind == "status_changed":
        return display.stage_label(data.get("status", ""), locale)
    if kind.startswith("task_"):
        title = task_title or data.get("task", "")
        assigned = kind in ("task_assigned", "task_handed_over", "task_returned") and data.get("assignee")
        return f"{title} → {display.officer_name(data['assignee'])}" if assigned else title
    if kind.startswith("deadline_"):
        due = data.get("new_due_at") or data.get("due_at")
        name = data.get("deadline", "")
        when = f" · {display.office_datetime(datetime.fromisoformat(due))}" if due else ""
        return f"{name} · {clock_label(name)}{when}"
    if kind == "notice_dispatched":
        via = data.get("via")
        return _day(data.get("dispatched_on")) + (f" · {CHANNELS.get(via, via)}" if via else "")
    if kind == "notice_delivered":
        return _day(data.get("delivered_on"))
    if kind == "information_delivered" and data.get("emailed_to") == DELIVERED_TO_PROXY:  # engine.delivery: the
        return _("sent by e-mail to the requester's proxy")  # requester gave no address, the proxy did
    if kind == "notice_mailed":  # the moment Kawal's mail went, from which the requester's window runs
        return display.office_datetime(datetime.fromisoformat(data["mailed_at"]))
    if kind == "exemption_determined":
        return data.get("decree_number", "")
    if kind == "exemption_ended":  # the entry, and the case whose decision overturned the refusal (since when)
        by = data.get("by") or data.get("objection")
        return " · ".join(filter(None, (f"No. {data.get('exemption')}", by, _day(data.get("on")))))
    if kind == "refusal_overturned":  # the case whose decision overturned it (since when)
        return " · ".join(filter(None, (data.get("by"), _day(data.get("on")))))
    if kind.startswith("calendar_year_"):
        return str(data.get("year") or ", ".join(str(y) for y in data.get("years", [])))
    if kind == "objection_filed":
        return data.get("objection", "")
    if kind == "dispute_recorded":
        return data.get("nomor_register", "")
    if kind == "reporter_message_received":
        files = len(data.get("attachments", []))
        return _("%(num)d attachment(s); the message is under Messages with the reporter.", num=files)
    if kind == "message_received":  # the event by its form's title, and the day it gives
        name = data.get("message", "")
        title = events.message_title(name, locale)
        day = chain.event_day(data)
        return f"{title} · {display.office_date(day)}" if day else title
    if kind == "linked_case_outcome":  # the objection, its outcome and day, and what it did on the request
        return objection_orders.history_line(data, locale)
    if kind == "case_read":  # the reported persons with the witnesses since they are kept (engine.reported_party)
        what = data.get("what", "")
        return _read_what(
            "terlapor+saksi" if what == "terlapor" and data.get("saksi") is True else what, locale, titles
        )
    if kind == "requester_correction_asked":
        return requester.field_names(runtime(), data.get("fields", []))
    if kind == "proxy_correction_asked":  # the fields' names: never their values
        return proxy.field_names(runtime(), data.get("fields", []))
    if kind == "requester_data_corrected":  # the fields' names and why, as recorded: never their values
        why = CORRECTION_REASONS.get(data.get("reason", ""), data.get("reason", ""))
        return f"{requester.field_names(runtime(), data.get('fields', []))} · {why}"
    if kind == "reporter_contact_changed":  # the fields' names: never their values
        return ", ".join(str(CONTACT_FIELDS.get(name, name)) for name in data.get("fields", []))
    if kind == "proxy_revoked":
        return str(proxy.REVOKE_REASONS.get(data.get("reason", ""), data.get("reason", "")))
    if kind in ("reported_recorded", "reported_removed", "witnesses_recorded", "witnesses_removed"):  # never who
        return ngettext("%(num)d person", "%(num)d persons", data.get("count", 0))
    if kind == "reveal_requested":  # shown to the history's readers, who read it already: the complaint team on
        return _(
            "Reason: “%(reason)s”", reason=data.get("reason", "")
        )  # the identity panel, the auditors in the export
    if kind in ("reveal_approved", "reveal_refused") and data.get("note"):
        return _("Decision note: “%(note)s”", note=data["note"])
    if kind == "proxy_data_corrected":
        why = CORRECTION_REASONS.get(data.get("reason", ""), data.get("reason", ""))
        return f"{proxy.field_names(runtime(), data.get('fields', []))} · {why}"
    return ""


# A requester's message to the desk and the desk's answer (engine.requester_messages): their words are for the PPID's
# staff who read the requester's identity, on the page, never in the history, which keeps their ids and lengths only.
DESK_MESSAGE_EVENTS = (requester_messages.RECEIVED, requester_messages.ANSWERED)


def _desk_message_detail(kind: str, data: dict, reads_messages: bool) -> str:
    """A requester's message's or the desk's answer's line: its length, and where its words are for a reader of
    them; for another reader of the history (an auditor), that they are not in it."""
    chars = data.get("chars")
    length = ngettext("%(num)d character", "%(num)d characters", chars) + ". " if isinstance(chars, int) else ""
    if not reads_messages:
        return length + _("Its words are read on the case page by the PPID's staff only, not in the history.")
    if kind == requester_messages.RECEIVED:
        return length + _("The message is under Messages from the requester.")
    return length + _("The answer is under Messages from the requester, below the message it answers.")


def _day(value: str | None) -> str:
    """A recorded date (``2026-12-02``) as the page writes dates (``2 Des 2026``); nothing when none was recorded."""
    return display.iso_date(value) if value else ""


CONTACT_FIELDS = {"email": _l("e-mail address"), "phone": _l("phone number"), "locale": _l("language of the messages")}
CORRECTION_REASONS = {
    "permintaan_pemohon": _l("at the requester's request"),
    "permintaan_kuasa": _l("at the proxy's request"),
    "kesalahan_pencatatan": _l("a recording error"),
}
# What an officer read, by the key its read is recorded under (api.boundary.noted, engine.complaints.note_read): the
# pages' and the API's reads alike (``events``, ``deadlines``, ``documents``: GET /api/v1/cases/<ticket>/...).
READ_WHAT = {
    "case": _l("the case page"),
    "events": _l("the case's history"),
    "deadlines": _l("the list of deadlines"),
    "documents": _l("the list of documents issued"),
    "messages": _l("the messages with the reporter"),
    "reporter": _l("the reporter's identity"),
    "terlapor": _l("the reported persons"),  # a read recorded before witnesses were kept
    "terlapor+saksi": _l("the reported persons and witnesses"),
}


def _read_letter(letters: dict, letter_id: str, locale: str, outcome: str | None = None) -> str:
    """A letter of record an officer opened, by its title and number (the history kept its id: "letter:9")."""
    letter = letters.get(int(letter_id)) if letter_id.isdigit() else None
    if letter is None:
        return _("a letter")
    return _("the letter: %(title)s", title=f"{LETTER_TYPES[letter.kind].title(locale, outcome)} {letter.number}")


def _read_what(what: str, locale: str, titles: dict[str, str]) -> str:
    """What an officer opened (``noted``'s key: ``case``, ``task:<bpmn id>``, ``document:<name>``, ...) in words."""
    kind, _colon, name = what.partition(":")
    if kind == "task" and name:
        return _("the task page: %(title)s", title=titles.get(name, name.replace("_", " ")))
    if kind == "document" and name:
        doc = documents.DOCUMENTS.get(name)
        title = (doc.title_en if locale == "en" else doc.title_id) if doc else name.replace("_", " ")
        return _("the document: %(title)s", title=title)
    if kind == "attachment" and name:
        return _("an attachment from the reporter (no. %(num)s)", num=name)
    if kind == "file" and name:  # by its number: an officer's file name may say more than the history should
        return _("a file attached to the case (no. %(num)s)", num=name)
    return str(READ_WHAT.get(what, what.replace("_", " ")))


def _documents(rt: Runtime, user: User, case: Case, locale: str) -> list[dict]:
    """What the case issued: a complaint's documents (engine.documents), a PPID case's notices and decisions."""
    if case.kind == kinds.COMPLAINT:
        return [
            {"name": d.name, "title": d.title_en if locale == "en" else d.title_id, "audience": d.audience}
            for d in documents.issued(db.session, case)
            if access.can_read_case_document(db.session, user, case, d.name)
        ]
    return _letters(rt, case, locale, access.field_readers(user, case), finding_files(rt, user, case))


def _letters(
    rt: Runtime, case: Case, locale: str, readers: visibility.Readers, files: Callable[[], dict[str, str]]
) -> list[dict]:
    """The notices and decisions the evidence bundle would carry (engine.bundle's register), in order,
    with the fields ``readers`` may see (engine.visibility); ``files``: the files a confirmed finding names."""
    forms = {t.id: t.form for t in case.tasks}
    out = []
    for event in db.session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == "task_completed")
        .order_by(CaseEvent.seq)
    ):
        task, data = event.data.get("task"), event.data.get("data", {})
        title = bundle.record_title(task, data, locale)
        if title is None:
            continue
        form = forms.get(event.data.get("task_id"))
        schema = _schema(rt, form)
        data = visibility.shown(rt.forms, form, data, readers)
        # A party's row in the vault (the hand-over's receiver, ``yang_menerima_party_id``) is a reference, not a
        # fact (as ``facts.case_facts`` keeps it out).
        facts = {key: value for key, value in data.items() if not is_reference(key)}
        out.append(
            {
                "title": title,
                "at": event.at,
                "actor": actor_name(event.actor),
                "fields": with_fees(labelled(schema, shown_amounts(bundle.redact(facts)), locale, files), data, locale),
            }
        )
    return out


# The fields of the notices and their deliveries that hold an amount in rupiah (their labels say so: "(Rp)",
# "(IDR)"), and the itemised fee the engine adds to a written notice (engine.fees.assess).
AMOUNTS = frozenset({"biaya", "biaya_dibayar", "jumlah_dibayar"})
FEE_ITEMS = "rincian_biaya"


def money(amount: int | float) -> str:
    """An amount in rupiah as the reader's language writes it: "IDR 25,000", "Rp25.000", on one line, as the letters
    and messages write it (engine.letters.render.rupiah)."""
    return rupiah(amount, current_language())


def shown_amounts(data: dict) -> dict:
    """``data`` with its amounts grouped as the reader's language groups digits (the label names the currency), and
    without the itemised fee, which ``with_fees`` spells out."""
    shown = {k: format_decimal(v) if k in AMOUNTS and _is_number(v) else v for k, v in data.items()}
    shown.pop(FEE_ITEMS, None)
    return shown


def with_fees(fields: list[tuple[str, str]], data: dict, locale: str) -> list[tuple[str, str]]:
    """A notice's itemised fee as a line of words ("printed page: 8 × IDR 500 = IDR 4,000"), never its rows'
    codes and rate ids."""
    items = [i for i in data.get(FEE_ITEMS) or [] if isinstance(i, dict)]
    if not items:
        return fields
    lines = [
        _(
            "%(unit)s: %(quantity)s × %(price)s = %(amount)s",
            unit=i.get("unit_en" if locale == "en" else "unit") or i.get("code", ""),
            quantity=format_decimal(i.get("quantity", 0)),
            price=money(i.get("unit_amount", 0)),
            amount=money(i.get("amount", 0)),
        )
        for i in items
    ]
    return [*fields, (_("Fee, itemised"), "; ".join(lines))]


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _schema(rt: Runtime, form: str | None) -> dict:
    try:
        return rt.forms.schema(form) if form else {}
    except LookupError:
        return {}


def _chain(rt: Runtime, user: User, case: Case, locale: str) -> list[dict]:
    """Request -> objections -> disputes, each with its clocks; a link where the officer may open it."""
    members = chain.chain_view(rt, db.session, case, locale)
    if len(members) < 2:
        return []
    tickets = [m["ticket"] for m in members]
    visible = set(
        db.session.scalars(access.cases_visible_to(user, select(Case.ticket)).where(Case.ticket.in_(tickets)))
    )
    return [
        {
            **m,
            "visible": m["ticket"] in visible,
            "kind_label": display.process_label(m["kind"], locale),
            "clocks": [_clock(c, locale) for c in m["clocks"]],
        }
        for m in members
    ]
