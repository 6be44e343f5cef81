import time
from datetime import timedelta

from flask_smorest import Blueprint
from marshmallow import RAISE, Schema, fields, post_dump, validate

from api.auth import current_user, login_required
from api.boundary import runtime
from api.exports import export_response, readable_for, workbook_refusal
from api.extensions import db
from api.schemas import AuditBreak, AuditQuery, AuditVerify
from engine import access, access_log, blind_index, identity_reads, kinds
from engine.audit import (
    BREAKS_LISTED,
    count_events,
    iter_export,
    one_case,
    recent_checks,
    record,
    record_read,
    verify_chains,
)
from engine.errors import Invalid
from engine.messages import msg
from engine.models import User

blp = Blueprint("audit", __name__, description="Tamper-evident history exports for auditors")
# Events one answer of /audit/verify hashes (~40,000 a second: some 25 s). Its answer comes whole at the end,
# and a proxy gives up on a silent request after 70 s (deploy/nginx) while the thread hashes on for minutes;
# the console's check streams and the CLI has no proxy.
VERIFY_MAX_EVENTS = 1_000_000
# The audit API's questions refuse a query parameter they do not know (422, naming it), as a body's unknown field is
# refused: an auditor's "ticket=" or "proses=" silently ignored would answer about every case instead.
STRICT = {"location": "query", "unknown": RAISE}


@blp.get("/audit/export")
@login_required
@blp.arguments(AuditQuery, **STRICT)
@blp.response(200, content_type="application/x-ndjson")
def export(query):
    """Every event of every case touched in [from, to), or of one case (``ticket``), as JSON lines, CSV or XLSX,
    with its hashes.

    JSON lines is the canonical history (check it with ``kawal audit verify`` or, without Kawal,
    scripts/verify_audit_export.py: README "Audit: verifying an export"); CSV and XLSX are readable copies: one
    column per field, instants in office time, the agency named, headers in Bahasa Indonesia or, with ``lang=en``,
    English. ``process`` narrows the export to one process, ``ticket`` to one case, whole, as ``kawal audit export
    --case`` (a ticket no case holds: 404; a text that is no ticket, or a ticket beside ``from``, ``to`` or
    ``process``: 422, on ``ticket``). A query parameter not listed here is
    refused (422), never ignored. JSON lines and CSV stream as they are read; XLSX, a zip, is written to a
    temporary file first and then sent in chunks with its length. Each export is recorded (who, when, the period,
    process or case, the format): the auditor console lists it.
    """
    user = current_user()
    access.require_auditor(user)
    ticket = _case_of(user, query)
    if query["format"] == "xlsx":
        events = count_events(db.session, query.get("from_"), query.get("to"), query.get("process"), ticket)
        refused = workbook_refusal(query["format"], events)
        if refused:
            raise Invalid("invalid_data", fields={"format": [refused]})
    # Who read what (engine.audit.record_read): the auditor console lists it beside the checks.
    scope = {**_days(query, query.get("process")), "ticket": ticket}
    record_read(db.session, user.username, "export", "api", scope, query["format"])
    db.session.commit()

    def rows():
        return iter_export(db.session, query.get("from_"), query.get("to"), query.get("process"), ticket)

    readable = readable_for(runtime().settings, query.get("lang", "id"))
    response = export_response(rows, query["format"], readable)
    name = f"kawal-audit-{ticket}" if ticket else "kawal-audit"
    response.headers["Content-Disposition"] = f"attachment; filename={name}.{query['format']}"
    return response


def _case_of(user: User, query: dict) -> str | None:
    """The case ``ticket`` names, or None (``engine.audit.one_case``: a text that is no ticket, or a ticket beside a
    period or a process, 422; a ticket of no case 404; all on ``ticket``: one case is never widened to all of them)."""
    return one_case(
        db.session,
        user,
        query.get("ticket"),
        runtime().settings,
        start=query.get("from_"),
        end=query.get("to"),
        process=query.get("process"),
    )


@blp.get("/audit/verify")
@login_required
@blp.arguments(AuditQuery(exclude=("format", "lang")), **STRICT)
@blp.response(200, AuditVerify)
def verify(query):
    """Recompute the hash chains of every case touched in [from, to) (optionally one process), or of one case
    (``ticket``, as the export reads it: the registers' tickets are then not counted).

    The summary an auditor console shows: how much was checked, and the first break of each case (the first
    1,000 listed, all counted: a database restored from an old backup may break most of its cases). The answer
    comes whole when the check ends (some 40,000 events a second), so a selection of more than 1,000,000 events
    is refused (422, on ``from``) rather than left to a proxy's read timeout: check a period or one process, or
    the whole history with the console's check (it streams) or ``kawal audit verify`` on the server. A check that
    ran to its end is recorded: the auditor console lists it with the others, by whom and over which office days.
    """
    user = current_user()
    access.require_auditor(user)
    process, ticket = query.get("process"), _case_of(user, query)
    events = count_events(db.session, query.get("from_"), query.get("to"), process, ticket)
    if events > VERIFY_MAX_EVENTS:
        told = msg("verify_too_many_events", events=events, max=VERIFY_MAX_EVENTS)
        raise Invalid("invalid_data", fields={"from": [told]})
    series = [] if ticket else kinds.register_series(runtime().settings, process)  # one case: no register's gaps
    started = time.monotonic()
    result = verify_chains(
        db.session,
        query.get("from_"),
        query.get("to"),
        process,
        series,
        shown=BREAKS_LISTED,
        ticket=ticket,
        details_key=blind_index.details_key(runtime().settings),
    )
    # Listed on the auditor console beside its own and the nightly checks (engine.audit.record).
    record(db.session, result, user.username, {**_days(query, process), "ticket": ticket}, time.monotonic() - started)
    db.session.commit()
    return {
        "checked_cases": result.checked_cases,
        "checked_events": result.checked_events,
        "ok": result.ok,
        "breaks": [{"ticket": b.ticket, "seq": b.seq, "reason": b.reason} for b in result.breaks],
        "breaks_total": result.total,
    }


class ChecksQuery(Schema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class RecordedCheck(Schema):
    finished_at = fields.DateTime()
    seconds = fields.Float()
    by = fields.String(metadata={"description": "an auditor's username, or kawal audit verify (the nightly check)"})
    scope = fields.Dict(
        metadata={"description": "from, to (office days), process and ticket (one case); empty: the whole history"}
    )
    checked_cases = fields.Integer()
    checked_events = fields.Integer()
    breaks_total = fields.Integer()
    breaks = fields.List(
        fields.Nested(AuditBreak),
        metadata={"description": "the first breaks found (access:<chain> for an access chain)"},
    )
    access = fields.Dict(
        allow_none=True,
        metadata={"description": "each access chain's records and first broken record; null where not walked"},
    )


@blp.get("/audit/checks")
@login_required
@blp.arguments(ChecksQuery, location="query")
@blp.response(200, RecordedCheck(many=True))
def checks(query):
    """The last chain checks that ran to their end, newest first: the nightly ``kawal audit verify``, the console's
    and this API's, what each checked and found (what a monitoring script asks each morning)."""
    access.require_auditor(current_user())
    return recent_checks(db.session, query["limit"])


def _days(query: dict, process: str | None) -> dict:
    """The check's period as the console records its own: the office days of its first and last instant."""
    tz = runtime().calendars["strict"].tz
    first, end = query.get("from_"), query.get("to")
    return {
        "from": first.astimezone(tz).date().isoformat() if first else None,
        "to": (end - timedelta(microseconds=1)).astimezone(tz).date().isoformat() if end else None,  # [from, to)
        "process": process,
    }


class AccessChangeView(Schema):
    at = fields.DateTime()
    actor = fields.String(metadata={"description": "the administrator's username, or cli"})
    type = fields.String(
        metadata={"description": "account_created, account_changed, ..., unit_renamed, ..., fee_rate_added"}
    )
    subject_kind = fields.String(metadata={"description": "officer, unit, calendar, fee or exemption"})
    subject = fields.String(
        metadata={
            "description": "the officer's username, the unit's code, the day or year, the fee item's code, or the"
            " exemption register's entry number"
        }
    )
    data = fields.Dict(metadata={"description": "the fields changed, the groups added or removed; never a value"})


@blp.get("/audit/access")
@login_required
@blp.arguments(AuditQuery(only=("from_", "to")), **STRICT)
@blp.response(200, AccessChangeView(many=True))
def access_changes(query):
    """What administrators changed in [from, to) in officers' accounts, the office's units, the working-day calendar
    and the fee standard, and the records of the exemption register (exemption_recorded, exemption_determined,
    exemption_snapshot, exemption_ended: its decree, period, letters and end, a digest of its text), newest first."""
    access.require_auditor(current_user())
    return access_log.changes(db.session, query.get("from_"), query.get("to"))


class EntryBreakView(Schema):
    entry = fields.Integer(metadata={"description": "the exemption register's entry number"})
    reason = fields.String(metadata={"description": "what is not as its chain last recorded it"})


class AccessChainView(Schema):
    records = fields.Integer()
    broken_at = fields.Integer(allow_none=True, metadata={"description": "the first record that does not verify"})
    entries = fields.List(
        fields.Nested(EntryBreakView),
        metadata={
            "description": "exemption only, and only when some are: the register's entries that are not what the last"
            " record of their chain holds (changed in the database, or with no record)"
        },
    )

    @post_dump
    def _entries_when_any(self, data, **_kwargs):
        if not data.get("entries"):
            data.pop("entries", None)
        return data


class AccessChainsView(Schema):
    officer = fields.Nested(AccessChainView, metadata={"description": "the officers' account records"})
    unit = fields.Nested(AccessChainView, metadata={"description": "the units' records"})
    calendar = fields.Nested(AccessChainView, metadata={"description": "the working-day calendar's records"})
    fee = fields.Nested(AccessChainView, metadata={"description": "the fee standard's records"})
    exemption = fields.Nested(
        AccessChainView,
        metadata={
            "description": "the register of exempt information: each entry's records (made without a request or on"
            " one), each entry compared with its last record"
        },
    )


@blp.get("/audit/access/verify")
@login_required
@blp.response(200, AccessChainsView)
def access_chains():
    """Walk the hash chains of the access changes and of the register of exempt information: a record altered, or
    removed from the middle, breaks them; an entry of the register changed in the database, or without a record, is
    listed under ``exemption.entries``."""
    access.require_auditor(current_user())
    return access_log.verify(db.session)


@blp.get("/audit/access/export")
@login_required
@blp.response(200, content_type="application/x-ndjson")
def access_export():
    """Every record of the access changes' chains and of the exemption register's chain, each chain whole, with its
    hashes, as JSON lines (one record a line: chain, id, at, actor, type, subject, data, prev_hash, hash). Check it
    without Kawal with scripts/verify_audit_export.py, against an anchor too (its ``access`` lines). The records hold
    the names of what changed, never a password, a code, an address or an exemption entry's text (a digest of it).
    Recorded as a read of the history (the console lists it)."""
    user = current_user()
    access.require_auditor(user)
    record_read(db.session, user.username, "export", "api", {"chains": "access"}, "jsonl")
    db.session.commit()
    return access_chains_response()


def access_chains_response():
    """The access and exemption chains' export as a streamed JSON lines attachment (the API's and the console's)."""
    from flask import Response, stream_with_context

    lines = access_log.export_lines(db.session)
    response = Response(stream_with_context(lines), mimetype="application/x-ndjson")
    response.headers["Content-Disposition"] = "attachment; filename=kawal-audit-rantai-akses.jsonl"
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


class IdentityReadsQuery(Schema):
    from_ = fields.AwareDateTime(data_key="from")
    to = fields.AwareDateTime()
    officer = fields.String(validate=validate.Length(max=80), metadata={"description": "one officer's username"})
    ticket = fields.String(metadata={"description": "one case (PPID-2026-000123): 404 when no case holds it"})
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    per_page = fields.Integer(
        load_default=identity_reads.PAGE_SIZE, validate=validate.Range(min=1, max=identity_reads.BATCH)
    )


class RevealView(Schema):
    id = fields.Integer(metadata={"description": "the reveal request's number"})
    status = fields.String(metadata={"description": "approved (a sealed identity is read under an approval only)"})
    requested_by = fields.String(metadata={"description": "the username of the officer who asked"})
    requested_by_name = fields.String()
    requested_at = fields.DateTime()
    decided_by = fields.String(allow_none=True, metadata={"description": "the WBS manager who approved it"})
    decided_by_name = fields.String(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)


class IdentityReadView(Schema):
    at = fields.DateTime()
    officer = fields.String(metadata={"description": "the reader's username, as the case's history records it"})
    officer_name = fields.String()
    ticket = fields.String()
    process = fields.String()
    identity = fields.String(
        metadata={
            "description": "reporter, reported (the persons reported: a read recorded before witnesses were kept),"
            " reported_and_witnesses (the persons reported and the witnesses) or requester"
        }
    )
    reporter_mode = fields.String(allow_none=True, metadata={"description": "rahasia or whistleblower"})
    authority = fields.String(
        metadata={
            "description": "reveal (an approved request: see reveal), complaint_team (the team's group) or"
            " right_of_access (a copy of their data for the requester, UU 27/2022)"
        }
    )
    reveal = fields.Nested(RevealView, allow_none=True)


class IdentityReadsPage(Schema):
    items = fields.List(fields.Nested(IdentityReadView))
    total = fields.Integer(metadata={"description": "every read of the selection"})
    page = fields.Integer()
    next_page = fields.Integer(allow_none=True, metadata={"description": "null on the last page"})


@blp.get("/audit/identity-reads")
@login_required
@blp.arguments(IdentityReadsQuery, **STRICT)
@blp.response(200, IdentityReadsPage)
def identity_reads_list(query):
    """Every officer's read of a personal identity recorded in the cases' histories, newest first, across cases
    (the console's "Identity reads"): a complaint's reporter (a whistleblower's under an approved reveal, named with
    who asked and who approved), the persons a complaint reports, a copy of a requester's data made for them. The
    kind of identity, never the identity. Filtered by [from, to), officer and ticket; paged."""
    user = current_user()
    access.require_auditor(user)
    ticket = one_case(db.session, user, query.get("ticket"), runtime().settings)
    filters = identity_reads.Filters(query.get("from_"), query.get("to"), query.get("officer"), ticket)
    number, size = query["page"], query["per_page"]
    total = identity_reads.count(db.session, filters)
    return {
        "items": identity_reads.page(db.session, filters, number, size),
        "total": total,
        "page": number,
        "next_page": number + 1 if number * size < total else None,
    }
