"""marshmallow 4 schemas of the /api/v1 contract: explicit fields, unknown fields refused.

They check shape and types; the rules of each form (required when, enums, lengths) live in the JSON
Schema files under ``forms/`` and are checked by the engine, so both answer 422 with field paths.
"""

from datetime import UTC, datetime, timezone
from zoneinfo import ZoneInfo

from flask import current_app
from marshmallow import Schema, fields, validate

from api.errors import ITEMS_AT_LEAST, ITEMS_BETWEEN
from api.formspec import form, with_limits
from engine import inbox_list, kinds
from engine.calendar import CALENDARS
from engine.complaints import CHANNELS as COMPLAINT_CHANNELS
from engine.confirmations import RECORDED as RECORDED_CONFIRMATIONS
from engine.holidays import KIND_READINGS
from engine.intake import CHANNELS, LOCALES
from engine.queries import SCOPES

# An instant of today's world, whose offset is the office zone's modern one (WIB has been +07:00 since 1964).
MODERN = datetime(2000, 1, 1, tzinfo=UTC)


def office_time(value: datetime, zone: ZoneInfo) -> datetime:
    """``value`` in the office's zone; where the zone's history gives an offset of odd seconds (Jakarta's
    local mean time before 1924 is +07:07:12, which RFC 3339 cannot write), the zone's modern offset."""
    local = value.astimezone(zone)
    if local.utcoffset().seconds % 60:
        local = value.astimezone(timezone(zone.utcoffset(MODERN)))
    return local


class OfficeDateTime(fields.AwareDateTime):
    """Instants are stored in UTC and shown in the office's time zone (WIB/WITA/WIT)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None:
            value = office_time(value, ZoneInfo(current_app.config["KAWAL"].office_timezone))
        return super()._serialize(value, attr, obj, **kwargs)


class TokenRequest(Schema):
    username = fields.String(required=True)
    password = fields.String(required=True, load_only=True)
    otp = fields.String(
        load_only=True,
        metadata={"description": "the authenticator app's code or a recovery code, where a second factor is needed"},
    )


class TokenResponse(Schema):
    token = fields.String()


class Requester(Schema):
    name = fields.String(required=True)
    nik = fields.String(required=True)
    address = fields.String(required=True)
    email = fields.String()
    phone = fields.String()
    occupation = fields.String()


class RequesterCorrection(Schema):
    """The requester's data given again in full (a field left out is removed), checked as the request form checks
    it, with why it is corrected."""

    requester = fields.Nested(Requester, required=True)
    requester_type = fields.String(required=True)
    locale = fields.String(
        metadata={"description": "id or en: the language of their messages and letters; left out, kept"}
    )
    request_id = fields.Integer(metadata={"description": "the requester's own request this answers (it is applied)"})
    reason = fields.String(
        required=True,
        metadata={"description": "permintaan_pemohon (the requester asked: UU 27/2022) or kesalahan_pencatatan"},
    )


class RequesterCorrected(Schema):
    ticket = fields.String()
    changed = fields.List(fields.String(), metadata={"description": "the fields that changed; empty: nothing did"})
    cases = fields.List(fields.String(), metadata={"description": "the chain's cases that name the requester"})
    requester = fields.Dict()
    requester_type = fields.String()


class RequestProxy(Schema):
    """A request's proxy, with a special power of attorney (legal-process.md §3.2): its date, its number if any."""

    name = fields.String(required=True)
    address = fields.String(required=True)
    phone = fields.String()
    email = fields.String(
        metadata={
            "description": "where Kawal sends the proxy a copy of the messages about the case's"
            " letters (the notices' copy line)"
        }
    )
    nomor_surat_kuasa = fields.String(metadata={"description": "the power of attorney's number, if it has one"})
    tanggal_surat_kuasa = fields.String(
        required=True, metadata={"description": "the power of attorney's date, YYYY-MM-DD"}
    )


class RequestSubmit(Schema):
    requester = fields.Nested(Requester, required=True)
    requester_type = fields.String(required=True)
    information = fields.String(required=True)
    purpose = fields.String(required=True)
    obtain_method = fields.String(required=True)
    delivery_method = fields.String(required=True)
    kuasa = fields.Nested(RequestProxy, metadata={"description": "a proxy with a special power of attorney"})
    channel = fields.String(validate=validate.OneOf(CHANNELS), metadata={"description": "officers only"})
    received_at = fields.AwareDateTime(
        metadata={"description": "officers only: real receipt time of an offline request"}
    )
    locale = fields.String(
        validate=validate.OneOf(LOCALES),
        metadata={
            "description": "id or en: the language the requester's messages and letters are written in; left out, "
            "the caller's Accept-Language for a requester filing themselves, Bahasa Indonesia for the desk"
        },
    )


class PaperRequestForm(Schema):
    """A paper request recorded by the front desk: the request as JSON text, its scanned pages beside it."""

    data = fields.String(required=True, metadata={"description": "the request as for POST /requests, as JSON"})


class Receipt(Schema):
    ticket = fields.String()
    access_code = fields.String(metadata={"description": "shown once; keep it to follow the case"})
    status = fields.String()
    received_at = OfficeDateTime()
    due_at = OfficeDateTime(allow_none=True)


class TicketAccess(Schema):
    ticket = fields.String(required=True)
    access_code = fields.String(required=True, load_only=True)


class Confirmation(Schema):
    via = fields.String(
        required=True,
        validate=validate.OneOf(RECORDED_CONFIRMATIONS),
        metadata={"description": "how the requester's confirmation reached the desk (on the portal they confirm it)"},
    )


class Confirmed(Schema):
    ticket = fields.String()
    via = fields.String()
    at = OfficeDateTime()


class Withdraw(TicketAccess):
    reason = fields.String(validate=validate.Length(max=2000))


class RequesterCorrectionAsked(TicketAccess):
    """The requester's own request to correct their data: their data in full, as at filing."""

    requester = fields.Nested(Requester, required=True)
    requester_type = fields.String(required=True)
    locale = fields.String(metadata={"description": "id or en: the language of their messages and letters"})


class CorrectionAskReceipt(Schema):
    ticket = fields.String()
    asked_at = OfficeDateTime()
    due_at = OfficeDateTime(metadata={"description": "the desk answers by then (UU 27/2022: 3 x 24 hours)"})


class WaitingCorrection(Schema):
    id = fields.Integer()
    ticket = fields.String()
    asked_at = OfficeDateTime()
    due_at = OfficeDateTime()
    overdue = fields.Boolean()
    fields_ = fields.List(fields.String(), data_key="fields", metadata={"description": "the fields it would change"})


class WaitingCorrections(Schema):
    items = fields.List(fields.Nested(WaitingCorrection))


class OtherFiling(Schema):
    ticket = fields.String()
    process = fields.String(metadata={"description": "the process (kinds): a request or an objection"})
    status = fields.String(metadata={"description": "its stage now"})
    received_at = OfficeDateTime()
    closed_at = OfficeDateTime(allow_none=True)
    subject = fields.String()
    name = fields.String(metadata={"description": "the requester's name as that filing recorded it"})


class OtherFilings(Schema):
    ticket = fields.String()
    matched = fields.Boolean(metadata={"description": "false: the requester has no 16-digit NIK to match by"})
    total = fields.Integer(metadata={"description": "how many other filings the NIK has, of those the reader reads"})
    items = fields.List(
        fields.Nested(OtherFiling),
        metadata={"description": "the most recent first, at most ten; never the case's own chain"},
    )


class RunningClock(Schema):
    name = fields.String(metadata={"description": "the deadline's code (T10, K_LENGKAP, BUKTI, M14, ...)"})
    kind = fields.String(metadata={"description": "agency (the office acts), window (another's time), info"})
    calendar = fields.String()
    due_at = OfficeDateTime()


class LapseToConfirm(Schema):
    event = fields.String(metadata={"description": "the message that confirms it (bukti_tidak_dikirim)"})
    ended_at = OfficeDateTime(metadata={"description": "when the reporter's window ended"})
    ended_on = fields.Date(metadata={"description": "the window's last day, in the office's time zone"})
    confirm_from = fields.Date(
        metadata={"description": "the first date the confirmation may carry: the day after the window's last day"}
    )


class WaitingCase(Schema):
    ticket = fields.String()
    process = fields.String()
    status = fields.String()
    subject = fields.String()
    received_at = OfficeDateTime()
    awaiting_since = OfficeDateTime(metadata={"description": "since when nobody in the office has had a task in it"})
    awaiting = fields.List(
        fields.String(),
        metadata={"description": "what it waits to hear from outside that the reader records (POST its message)"},
    )
    clocks = fields.List(fields.Nested(RunningClock), metadata={"description": "its running clocks, next due first"})
    to_confirm = fields.Nested(
        LapseToConfirm,
        allow_none=True,
        metadata={
            "description": "a complaint whose reporter's evidence window (BUKTI) ended: the reader confirms that no "
            "evidence came by posting ``event`` (it closes the complaint as Dianggap Dicabut, or an anonymous one on "
            "pengaduan version 4 as Tidak Dapat Ditindaklanjuti, kept as information); null otherwise"
        },
    )


class WaitingCases(Schema):
    total = fields.Integer(metadata={"description": "how many open cases the reader sees wait with no open task"})
    to_confirm = fields.Integer(
        metadata={"description": "how many of them wait for the reader to confirm a reporter's lapsed evidence window"}
    )
    items = fields.List(
        fields.Nested(WaitingCase),
        metadata={"description": "the first hundred: those to confirm first, then the next clock first"},
    )


class WaitingQuery(Schema):
    to_confirm = fields.Boolean(
        load_default=False, metadata={"description": "true: only the cases whose lapse the reader must confirm"}
    )


class CorrectionRefusal(Schema):
    reason = fields.String(required=True, metadata={"description": "why, in words the requester is sent"})


class CorrectionAnswered(Schema):
    id = fields.Integer()
    status = fields.String()


class Milestone(Schema):
    name = fields.String()
    label = fields.String()
    at = OfficeDateTime(metadata={"description": "When the stage was recorded"})
    on = fields.Date(
        allow_none=True,
        metadata={
            "description": "The day the stage was reached, when an event from the Commission or a court "
            "moved the case (recorded later, it gives its own day), the task that moved it recorded its day, or it "
            "was reached with the stage before it; null otherwise"
        },
    )
    detail = fields.String(
        allow_none=True,
        metadata={
            "description": "What the public decision or filing that moved a dispute to the stage said: the "
            "Commission's or the court's decision, who went to court or filed for cassation; null otherwise"
        },
    )
    message_id = fields.Integer(
        metadata={
            "description": "requester_message (the requester wrote to the desk) and desk_reply (the desk answered "
            "them) only: the id of that message or answer in desk_messages (an answer's in its message's replies)"
        }
    )


class Window(Schema):
    name = fields.String()
    legal_basis = fields.String()
    due_at = OfficeDateTime(
        metadata={
            "description": "the end on the latest reading: a filing up to its day is in time (legal-process §2.2)"
        }
    )
    file_by = fields.Date(
        metadata={
            "description": "the day the requester is told to file by: the end on the earliest reading while it has "
            "not passed, else due_at's day"
        }
    )
    accepted_until = fields.Date(
        allow_none=True, metadata={"description": "due_at's day when it is later than file_by; null otherwise"}
    )
    later = fields.String(
        metadata={"description": "when accepted_until is set: that later end, and why, in a sentence"}
    )
    open = fields.Boolean(metadata={"description": "true until the end of its last day (a filing's day counts)"})
    opened_by = fields.String(
        metadata={
            "description": "notice, lapse, information, response, delivery_lapse (ground g's own window), or "
            "decision (P14P, K14P: going to court or to the Supreme Court after a dispute's decision)"
        }
    )
    explanation = fields.String()
    how = fields.String()
    filed = fields.List(
        fields.String(), metadata={"description": "the disputes already brought in this window (D14), if any"}
    )


class FiledDispute(Schema):
    ticket = fields.String()
    status_label = fields.String()


class LinkedCase(Schema):
    ticket = fields.String()
    kind = fields.String()
    status_label = fields.String()


class DeliveredFile(Schema):
    id = fields.Integer()
    file_name = fields.String()
    media_type = fields.String()
    size = fields.Integer()
    sha256 = fields.String()
    available_until = OfficeDateTime()
    expired = fields.Boolean()


class DeskReply(Schema):
    """The desk's answer to a requester's message (engine.requester_messages)."""

    id = fields.Integer()
    created_at = OfficeDateTime()
    body = fields.String()
    author = fields.String(metadata={"description": "the officer's username (officers only)"})


class DeskMessage(Schema):
    """A requester's message to the desk, with the desk's answers to it."""

    id = fields.Integer()
    created_at = OfficeDateTime()
    body = fields.String()
    replies = fields.List(fields.Nested(DeskReply), metadata={"description": "the desk's answers, oldest first"})


class PublicStatus(Schema):
    ticket = fields.String()
    kind = fields.String()
    status = fields.String()
    status_label = fields.String()
    overdue = fields.Boolean()
    milestones = fields.List(fields.Nested(Milestone))
    due_at = OfficeDateTime(allow_none=True)
    due_explanation = fields.String(allow_none=True)
    due_latest_at = OfficeDateTime(
        allow_none=True,
        metadata={
            "description": "the office's deadline shown (due_at) on the reading of the law that ends latest: the office"
            " is late, and an objection on ground c or g, or a dispute, opens for not answering, only after it; null"
            " for the requester's own window"
        },
    )
    statutory_due_at = OfficeDateTime(
        allow_none=True,
        metadata={
            "description": "an open complaint's statutory limit (60 days after the complete file, UU 25/2009 Pasal 50)"
            " on the reading that ends latest: after it the reporter may take the complaint to the Ombudsman; null"
            " otherwise (due_at is the office's own service standard)"
        },
    )
    next_step = fields.String()
    missing = fields.String(
        allow_none=True,
        metadata={
            "description": "while the office waits for the request to be completed (or, the requester's window to"
            " complete it lapsed, until its written notice closing the request is sent): what is missing"
        },
    )
    windows = fields.List(
        fields.Nested(Window),
        metadata={"description": "until when the requester may object, bring a dispute, or go to court after it"},
    )
    disputes = fields.List(
        fields.Nested(FiledDispute), metadata={"description": "an objection's disputes before the Commission"}
    )
    linked = fields.List(fields.Nested(LinkedCase))
    files = fields.List(
        fields.Nested(DeliveredFile),
        metadata={"description": "the information handed over as files, downloadable with the access code"},
    )
    confirmation_asked = fields.Boolean(
        metadata={
            "description": "a request an officer recorded from WhatsApp or social media, not yet confirmed by its "
            "requester: POST /requests/confirm"
        }
    )
    desk_messages = fields.List(
        fields.Nested(DeskMessage),
        metadata={
            "description": "a request's or an objection's messages from its requester to the desk, oldest first, "
            "each with the desk's answers (never an officer's name), as the portal's status page shows them; "
            "empty for any other case. The milestones list each message and answer on its day (message_id)"
        },
    )
    can_write_to_desk = fields.Boolean(
        metadata={"description": "whether the requester may write to the desk on the case now: POST /status/messages"}
    )


METERAI = "true: the special power of attorney bears a duty stamp (Perki 1/2021 Pasal 39(4))"


class Proxy(RequestProxy):
    """An objection's proxy, whose power of attorney bears meterai."""

    bermeterai = fields.Boolean(required=True, metadata={"description": METERAI})


class CaseProxy(RequestProxy):
    """A request's or an objection's proxy, checked by the case's form: an objection's must say ``bermeterai``."""

    bermeterai = fields.Boolean(metadata={"description": f"an objection's proxy only, {METERAI}"})


class ProxyCorrection(Schema):
    """A request's or an objection's proxy given again in full (a field left out is removed), checked as the case's
    form checks it, with why it is corrected."""

    kuasa = fields.Nested(CaseProxy, required=True)
    reason = fields.String(
        required=True,
        metadata={"description": "permintaan_kuasa (the proxy asked: UU 27/2022) or kesalahan_pencatatan"},
    )


class ProxyAppointment(Schema):
    """A proxy the requester appointed after filing the request or objection, as the case's form asks for one."""

    kuasa = fields.Nested(CaseProxy, required=True)


class ProxyRevocation(Schema):
    reason = fields.String(
        required=True,
        metadata={
            "description": "dicabut_pemohon (the requester revoked it), kuasa_mengundurkan_diri (the proxy "
            "withdrew) or kuasa_berakhir (its term ended)"
        },
    )


class ProxyCorrected(Schema):
    ticket = fields.String()
    changed = fields.List(fields.String(), metadata={"description": "the fields that changed; empty: nothing did"})
    kuasa = fields.Dict()


class ObjectionSubmit(Schema):
    ticket = fields.String(required=True, metadata={"description": "the request's ticket"})
    access_code = fields.String(load_only=True, metadata={"description": "the request's access code (requesters)"})
    alasan = fields.List(fields.String(), required=True, metadata={"description": "UU 14/2008 Pasal 35(1) a-g"})
    kasus_posisi = fields.String(required=True)
    tujuan_penggunaan = fields.String()
    tanggal_alasan_ditemukan = fields.String(metadata={"description": "ground b: date the requester found it"})
    kuasa = fields.Nested(Proxy, metadata={"description": "a proxy with a special power of attorney"})
    channel = fields.String(validate=validate.OneOf(CHANNELS), metadata={"description": "officers only"})
    received_at = fields.AwareDateTime(metadata={"description": "officers only: real receipt time of a paper form"})


class ObjectionWithoutRequest(Schema):
    pemohon = fields.Nested(Requester, required=True, metadata={"description": "the requester's identity"})
    requester_type = fields.String()
    alasan = fields.List(fields.String(), required=True, metadata={"description": 'ground b only: ["b"]'})
    informasi_yang_diminta = fields.String(required=True)
    kasus_posisi = fields.String(required=True)
    tujuan_penggunaan = fields.String()
    tanggal_alasan_ditemukan = fields.String(required=True, metadata={"description": "date the ground was found"})
    kuasa = fields.Nested(Proxy, metadata={"description": "a proxy with a special power of attorney"})
    channel = fields.String(validate=validate.OneOf(CHANNELS), metadata={"description": "officers only"})
    received_at = fields.AwareDateTime(metadata={"description": "officers only: real receipt time of a paper form"})


class ObjectionWithoutRequestReceipt(Schema):
    ticket = fields.String(metadata={"description": "the objection's register number"})
    access_code = fields.String(metadata={"description": "shown once; keep it to follow the objection"})
    status = fields.String()
    received_at = OfficeDateTime()
    due_at = OfficeDateTime(allow_none=True, metadata={"description": "the superior answers by then (A30)"})
    timeliness = fields.String()


class ObjectionReceipt(Schema):
    ticket = fields.String(metadata={"description": "the objection's register number"})
    request = fields.String()
    status = fields.String()
    received_at = OfficeDateTime()
    due_at = OfficeDateTime(allow_none=True, metadata={"description": "the superior answers by then (A30)"})
    timeliness = fields.String(metadata={"description": "tepat_waktu, tepat_waktu_kalender_longgar, terlambat, ..."})
    access = fields.String(metadata={"description": "how the requester follows the objection, in the Accept-Language"})


class NoticeDelivery(Schema):
    diterima_pada = fields.Date(
        required=True, metadata={"description": "the date the requester received the notice (e.g. the post's receipt)"}
    )


class NoticeDelivered(Schema):
    ticket = fields.String()
    task = fields.String(metadata={"description": "the task that wrote the notice"})
    dispatched_on = fields.String()
    via = fields.String()
    delivered_on = fields.String()


class DisputeRecord(Schema):
    perkara = fields.String(required=True)
    ki = fields.String(required=True)
    nomor_register = fields.String(required=True)
    diajukan_ke_ki = fields.String(required=True)
    panggilan_diterima_at = fields.String()
    sidang_pertama = fields.String(required=True)
    alasan = fields.List(fields.String())


class CaseMessage(Schema):
    data = fields.Dict(required=True, metadata={"description": "the payload, validated against the message's schema"})


class TaskQuery(Schema):
    scope = fields.String(load_default="group", validate=validate.OneOf(SCOPES))
    process = fields.String(validate=validate.OneOf(kinds.ALL))
    overdue = fields.Boolean(
        metadata={"description": "late: its due date has passed or its case is flagged overdue (as due=overdue)"}
    )
    sort = fields.String(
        validate=validate.OneOf(inbox_list.SORTS),
        metadata={
            "description": "due (default: late tasks first, then by due date, no deadline last), received, status;"
            " -: reversed"
        },
    )
    stage = fields.String(validate=validate.Length(max=40), metadata={"description": "the case's stage (status code)"})
    due = fields.String(
        validate=validate.OneOf(inbox_list.DUE_STATES),
        metadata={"description": "overdue: as the header's count (a task of a case flagged overdue too)"},
    )
    follow_up = fields.String(
        validate=validate.OneOf(inbox_list.FOLLOW_UPS),
        metadata={"description": "due: the follow-up's day has come; set: the task has a follow-up"},
    )
    unit = fields.Integer(validate=validate.Range(min=1, max=2**31 - 1))
    q = fields.String(
        validate=validate.Length(max=inbox_list.MAX_QUERY),
        metadata={
            "description": (
                "a ticket, the requester's NIK or name or a proxy's name (identity readers only),"
                " or words of the subject"
            )
        },
    )
    cursor = fields.String(
        validate=validate.Length(max=400), metadata={"description": "next_cursor of the page before"}
    )
    limit = fields.Integer(
        validate=validate.Range(min=1, max=inbox_list.MAX_PAGE_SIZE), load_default=inbox_list.PAGE_SIZE
    )


class TaskItem(Schema):
    id = fields.Integer()
    ticket = fields.String()
    name = fields.String()
    title = fields.String()
    lane = fields.String(allow_none=True)
    process = fields.String()
    state = fields.String()
    assignee = fields.String(allow_none=True)
    due_at = OfficeDateTime(allow_none=True)
    working_days_left = fields.Integer(allow_none=True)
    follow_up_on = fields.Date(
        allow_none=True, metadata={"description": "the day chosen to come back to it (its holder then is told)"}
    )
    follow_up_note = fields.String(
        allow_none=True, metadata={"description": "the follow-up's note, read by whoever works the task"}
    )
    follow_up_due = fields.Boolean(metadata={"description": "true once the follow-up's day has come"})


class FollowUpIn(Schema):
    on = fields.Date(required=True, metadata={"description": "a working day of the office after today, within a year"})
    note = fields.String(load_default="", validate=validate.Length(max=200))


class TaskRow(TaskItem):
    subject = fields.String(allow_none=True, metadata={"description": "null where the reader may not see it"})
    stage = fields.String(allow_none=True)
    requester_name = fields.String(allow_none=True, metadata={"description": "identity readers only; never a reporter"})
    received_at = OfficeDateTime(allow_none=True)
    unit_name = fields.String(allow_none=True)
    case_overdue = fields.Boolean(
        metadata={"description": "its case is flagged overdue: the task is late whatever its own due date"}
    )


class TaskList(Schema):
    items = fields.List(fields.Nested(TaskRow))
    total = fields.Integer(
        metadata={"description": "open tasks matching the filters, over all pages, counted up to 1000 (total_more)"}
    )
    total_more = fields.Boolean(metadata={"description": "true: more than total match (counting stops at 1000)"})
    next_cursor = fields.String(allow_none=True, metadata={"description": "pass as cursor for the next page"})


class SavedFilterIn(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=80))
    params = fields.Dict(
        required=True, metadata={"description": "the list's query: scope, sort, process, stage, due, unit, q"}
    )


class SavedFilterOut(Schema):
    id = fields.Integer()
    name = fields.String()
    params = fields.Dict()


class UnitItem(Schema):
    code = fields.String(metadata={"description": 'what a form field marked "x-references": "unit" takes'})
    name = fields.String()


class UnitList(Schema):
    items = fields.List(fields.Nested(UnitItem))


class SavedFilterList(Schema):
    items = fields.List(fields.Nested(SavedFilterOut))


class BulkAction(Schema):
    action = fields.String(required=True, validate=validate.OneOf(("claim", "unclaim", "assign")))
    ids = fields.List(
        fields.Integer(validate=validate.Range(min=1, max=2**31 - 1)),
        required=True,
        validate=validate.Length(min=1, max=200, error=ITEMS_BETWEEN),
    )
    username = fields.String(validate=validate.Length(max=80))


class BulkResult(Schema):
    items = fields.List(fields.Nested(TaskItem))
    changed = fields.Integer(metadata={"description": "how many of them changed (a release of an unheld task: none)"})


class TaskDetail(TaskItem):
    instructions = fields.String(allow_none=True)
    instructions_en = fields.String(allow_none=True)
    form_schema = fields.Dict(allow_none=True)
    data = fields.Dict()
    case = fields.Dict()
    dip_suggestions = fields.List(
        fields.Dict(),
        metadata={"description": "published DIP items that may answer the request: cite one in the decision"},
    )


class CompleteTask(Schema):
    data = fields.Dict(required=True)


class ScanFinding(Schema):
    ref = fields.String(metadata={"description": "the finding's code, to confirm it with the task (konfirmasi_temuan)"})
    kind = fields.String(metadata={"description": "nik, kk, npwp, telepon, email or unreadable"})
    masked = fields.String(metadata={"description": "the value with its middle hidden"})
    page = fields.Integer()
    label = fields.String()
    label_en = fields.String()


class ScannedFile(Schema):
    field = fields.String()
    index = fields.Integer()
    file_name = fields.String()
    findings = fields.List(fields.Nested(ScanFinding))


class ScanResult(Schema):
    files = fields.List(fields.Nested(ScannedFile))


class CompleteTaskForm(Schema):
    """The multipart form of a task with file fields: the form data as JSON text, files beside it."""

    data = fields.String(
        required=True,
        metadata={"description": "The form data as a JSON object, without the file fields (they come as files)."},
    )


class Assign(Schema):
    username = fields.String(required=True)


class Deadline(Schema):
    name = fields.String()
    legal_basis = fields.String()
    calendar = fields.String()
    start_at = OfficeDateTime()
    working_days = fields.Integer()
    due_at = OfficeDateTime()
    status = fields.String()
    kind = fields.String(
        metadata={"description": "agency: a duty; window: the office's option; info: another body's clock"}
    )
    provenance = fields.Dict()


class Clock(Deadline):
    opened_by = fields.String(
        metadata={"description": "requester's windows: notice, information, lapse, delivery_lapse, response, discovery"}
    )
    holder = fields.String(
        metadata={
            "description": "agency: a deadline the office must meet; requester: the requester's own window (a filing "
            "window; in a dispute P14P and K14P, the applicant's time to go to court or to the Supreme Court); "
            "commission: the Commission's clock, for information"
        }
    )


class ChainMember(Schema):
    ticket = fields.String()
    kind = fields.String()
    kind_label = fields.String()
    parent = fields.String(allow_none=True)
    status = fields.String()
    status_label = fields.String()
    outcome = fields.String(allow_none=True)
    overdue = fields.Boolean()
    received_at = OfficeDateTime()
    closed_at = OfficeDateTime(allow_none=True)
    current = fields.Boolean()
    clocks = fields.List(fields.Nested(Clock))


class CaseView(Schema):
    ticket = fields.String()
    kind = fields.String()
    status = fields.String()
    status_label = fields.String()
    outcome = fields.String(allow_none=True)
    overdue = fields.Boolean()
    channel = fields.String()
    received_at = OfficeDateTime()
    due_at = OfficeDateTime(allow_none=True)
    closed_at = OfficeDateTime(allow_none=True)
    details = fields.Dict()
    deadlines = fields.List(fields.Nested(Deadline))
    open_tasks = fields.List(fields.Nested(TaskItem))
    requester = fields.Dict(allow_none=True, metadata={"description": "only for officers allowed to read identities"})
    proxy = fields.Dict(
        allow_none=True,
        metadata={
            "description": "a request's or an objection's proxy (kuasa), only for officers allowed to read "
            "identities; ``revoked``: their power of attorney has ended"
        },
    )
    chain = fields.List(
        fields.Nested(ChainMember), metadata={"description": "request -> objections -> disputes, with each clock"}
    )
    calendar_unconfirmed = fields.List(
        fields.Integer(),
        metadata={"description": "years a pending deadline reaches into whose cuti bersama nobody confirmed"},
    )


class ProxyRevoked(CaseView):
    access_code_sent = fields.Boolean(metadata={"description": "the new access code went to the requester's contact"})
    access_code = fields.String(
        allow_none=True,
        metadata={"description": "else the new code, shown once here for the desk to hand to the requester"},
    )


class CaseAfterTask(CaseView):
    """The case as a completion left it: what the officer needs next, without the chain (GET the case for it)."""

    class Meta:
        exclude = ("chain", "requester", "proxy")


class CompleteResult(Schema):
    case = fields.Nested(CaseAfterTask)
    next_tasks = fields.List(fields.Nested(TaskItem))


class Event(Schema):
    seq = fields.Integer()
    at = OfficeDateTime()
    type = fields.String()
    actor = fields.String()
    data = fields.Dict()
    prev_hash = fields.String()
    hash = fields.String()


class EventList(Schema):
    ticket = fields.String()
    items = fields.List(fields.Nested(Event))


class AuditQuery(Schema):
    from_ = fields.AwareDateTime(data_key="from")
    to = fields.AwareDateTime()
    process = fields.String(
        validate=validate.OneOf(kinds.ALL), metadata={"description": "only the cases of this process (default: all)"}
    )
    ticket = fields.String(
        metadata={
            "description": "only this case, whole (PPID-2026-000123; as kawal audit export --case): 404 when no case"
            " holds it, 422 when it is no ticket or comes with a period or a process"
        }
    )
    format = fields.String(load_default="jsonl", validate=validate.OneOf(["jsonl", "csv", "xlsx"]))
    lang = fields.String(
        load_default="id",
        validate=validate.OneOf(["id", "en"]),
        metadata={"description": "CSV and XLSX headers: Bahasa Indonesia (default) or English"},
    )


class AuditBreak(Schema):
    ticket = fields.String()
    seq = fields.Integer(metadata={"description": "the first event of the case that does not verify"})
    reason = fields.String()


class AuditVerify(Schema):
    checked_cases = fields.Integer()
    checked_events = fields.Integer()
    ok = fields.Boolean(metadata={"description": "true when every checked chain verifies"})
    breaks = fields.List(
        fields.Nested(AuditBreak),
        metadata={"description": "the first break of each broken case, at most the first 1,000 found"},
    )
    breaks_total = fields.Integer(metadata={"description": "every break found (`breaks` lists 1,000 at most)"})


class DueQuery(Schema):
    start = fields.AwareDateTime(required=True)
    working_days = fields.Integer(required=True, validate=validate.Range(min=0, max=400))
    calendar = fields.String(load_default="strict", validate=validate.OneOf(CALENDARS))


class DueResult(Schema):
    due_at = OfficeDateTime()
    provenance = fields.Dict()


class DeadlineExplained(Deadline):
    explanation_id = fields.String(metadata={"description": "how the due date was counted, in Bahasa Indonesia"})
    explanation_en = fields.String(metadata={"description": "the same in English"})


class DeadlineList(Schema):
    ticket = fields.String()
    items = fields.List(fields.Nested(DeadlineExplained))


class OverrideCreate(Schema):
    day = fields.Date(required=True)
    is_working = fields.Boolean(
        metadata={"description": "true: a correction, the day IS a working day (default false; leave it out with kind)"}
    )
    reason = fields.String(required=True, validate=validate.Length(min=1, max=200))
    kind = fields.String(
        validate=validate.OneOf(list(KIND_READINGS)),
        metadata={
            "description": "what the day is: holiday (a national holiday or the office closed: both readings),"
            " cuti_bersama (a collective leave day: the latest reading only, legal-process.md §2.2) or working (a"
            " correction: the day IS a working day); it sets is_working and, unless given, the readings"
        },
    )
    calendars = fields.List(
        fields.String(validate=validate.OneOf(CALENDARS)),
        metadata={"description": "the readings the day is set on; default: the kind's, or both without a kind"},
        validate=validate.Length(min=1, error=ITEMS_AT_LEAST),
    )


class Override(Schema):
    id = fields.Integer()
    day = fields.Date()
    is_working = fields.Boolean()
    reason = fields.String()
    calendars = fields.List(fields.String())
    created_at = OfficeDateTime()


class OverrideList(Schema):
    items = fields.List(fields.Nested(Override))


class RecomputedDeadline(Schema):
    ticket = fields.String()
    deadline = fields.String()
    old_due_at = OfficeDateTime()
    new_due_at = OfficeDateTime()


class OverrideChange(Override):
    recomputed = fields.List(
        fields.Nested(RecomputedDeadline), metadata={"description": "the open deadlines the change moved"}
    )


class EstimatedDate(Schema):
    date = fields.Date()
    name = fields.String()


class HolidayYearView(Schema):
    year = fields.Integer()
    package_lists_cuti_bersama = fields.Boolean()
    override_rows = fields.Boolean(metadata={"description": "the override table has rows in this year"})
    confirmed = fields.Boolean(metadata={"description": "by the holidays package or by the admin"})
    confirmed_by = fields.String(allow_none=True)
    confirmed_at = OfficeDateTime(allow_none=True)
    note = fields.String(allow_none=True)
    estimated_dates = fields.List(
        fields.Nested(EstimatedDate), metadata={"description": "dates the package only estimates (perkiraan)"}
    )


class HolidayYearConfirm(Schema):
    note = fields.String(load_default=None, validate=validate.Length(max=200), metadata={"description": "e.g. the SKB"})


class IncidentItem(Schema):
    id = fields.Integer()
    subject = fields.String()
    message = fields.String()
    attempts = fields.Integer()
    created_at = OfficeDateTime()
    resolved_at = OfficeDateTime(allow_none=True)
    resolved_by = fields.String(allow_none=True)
    close_reason = fields.String(
        allow_none=True, metadata={"description": "why an administrator closed it without retrying its work"}
    )


class IncidentList(Schema):
    items = fields.List(fields.Nested(IncidentItem))
    total = fields.Integer()


class IncidentQuery(Schema):
    status = fields.String(
        load_default="open",
        validate=validate.OneOf(["open", "closed"]),
        metadata={"description": "open (oldest first) or closed (newest closed first)"},
    )


class IncidentClose(Schema):
    reason = fields.String(
        required=True,
        metadata={"description": "why it is closed without retrying (at most 300 characters; no one's contact)"},
    )


class ReporterIdentity(Schema):
    name = fields.String(required=True)
    nik = fields.String()
    address = fields.String()
    kabkota = fields.String(metadata={"description": "regency or city"})
    provinsi = fields.String(metadata={"description": "province, by its Kemendagri code (35), or LN abroad"})
    email = fields.String()
    phone = fields.String()
    occupation = fields.String()


class ComplaintSubmit(Schema):
    mode = fields.String(
        required=True, metadata={"description": "anonim (no identity), rahasia (team only), whistleblower (sealed)"}
    )
    pelapor = fields.Nested(ReporterIdentity, metadata={"description": "required unless anonim; never with anonim"})
    pokok_masalah = fields.String(required=True)
    uraian = fields.String(required=True)
    lokasi = fields.String()
    waktu_kejadian = fields.String()
    kategori_usulan = fields.String()
    kategori_pelapor = fields.String(
        metadata={"description": "perorangan, kelompok, lembaga, badan_usaha, media, asn or instansi"}
    )
    nomor_lapor = fields.String()
    channel = fields.String(
        validate=validate.OneOf(COMPLAINT_CHANNELS), metadata={"description": "complaint team only"}
    )
    received_at = fields.AwareDateTime(metadata={"description": "complaint team only: real receipt time"})


class ComplaintReceipt(Schema):
    ticket = fields.String()
    access_code = fields.String(metadata={"description": "shown once; with the ticket it opens the complaint"})
    mode = fields.String()
    status = fields.String()
    received_at = OfficeDateTime()


class AttachmentMeta(Schema):
    id = fields.Integer()
    file_name = fields.String()
    media_type = fields.String()
    size = fields.Integer()
    sha256 = fields.String()


class ConversationMessage(Schema):
    id = fields.Integer()
    direction = fields.String(metadata={"description": "to_reporter or from_reporter"})
    kind = fields.String(metadata={"description": "question, outcome, answer, message"})
    body = fields.String()
    author = fields.String(metadata={"description": "for the reporter: petugas or pelapor, never a name"})
    reply_to = fields.Integer(allow_none=True)
    created_at = OfficeDateTime()
    attachments = fields.List(fields.Nested(AttachmentMeta))


class ConversationView(Schema):
    ticket = fields.String()
    status = fields.String()
    status_label = fields.String()
    next_step = fields.String()
    items = fields.List(fields.Nested(ConversationMessage))


class RevealRequestCreate(Schema):
    reason = fields.String(required=True)


class RevealDecision(Schema):
    note = fields.String(
        validate=validate.Length(max=4000), metadata={"description": "required: why it is approved or refused"}
    )


class RevealRequestView(Schema):
    id = fields.Integer()
    requested_by = fields.String()
    reason = fields.String()
    requested_at = OfficeDateTime()
    status = fields.String()
    decided_by = fields.String(allow_none=True)
    decided_at = OfficeDateTime(allow_none=True)
    decision_note = fields.String(allow_none=True, metadata={"description": "why it was approved or refused"})
    open_until = OfficeDateTime(
        allow_none=True,
        metadata={"description": "approved: when the identity seals again for the one who asked (KAWAL_REVEAL_DAYS)"},
    )
    expired = fields.Boolean(metadata={"description": "approved and that time has passed: a new request is needed"})


class RevealList(Schema):
    ticket = fields.String()
    items = fields.List(fields.Nested(RevealRequestView))


class DocumentItem(Schema):
    name = fields.String()
    title = fields.String()
    title_en = fields.String()
    audience = fields.String(metadata={"description": "team, unit, itjen, agency or reporter"})


class DocumentList(Schema):
    ticket = fields.String()
    items = fields.List(fields.Nested(DocumentItem))


class LateWork(Schema):
    count = fields.Integer(metadata={"description": "items due before now and still pending"})
    oldest_seconds = fields.Integer(metadata={"description": "how long the oldest of them has been due (0: none)"})


class DatabaseHealth(Schema):
    ok = fields.Boolean()
    error = fields.String(
        metadata={"description": "why the database did not answer, or schema: its schema is not this release's"}
    )
    schema = fields.String(
        metadata={"description": "(error schema) the migration the database is at and the one this release needs"}
    )
    timers_due = fields.Nested(LateWork, metadata={"description": "BPMN timers due and not yet fired"})
    reminders_due = fields.Nested(LateWork, metadata={"description": "deadline reminders due and not yet sent"})
    messages_pending = fields.Nested(LateWork, metadata={"description": "outbox messages not yet sent"})
    incidents_open = fields.Integer(metadata={"description": "incidents no administrator has resolved"})
    late = fields.Boolean(metadata={"description": "some due work has waited more than five minutes"})


class RedisHealth(Schema):
    ok = fields.Boolean()
    error = fields.String(metadata={"description": "why Redis did not answer (only when ok is false)"})
    queued = fields.Integer(metadata={"description": "jobs waiting for a worker (the queue's depth)"})
    scheduled = fields.Integer(metadata={"description": "jobs waiting for their time"})
    started = fields.Integer(metadata={"description": "jobs a worker is running"})
    failed = fields.Integer(metadata={"description": "jobs in RQ's failed registry"})
    workers = fields.Integer(
        metadata={
            "description": "live `kawal worker` processes: one killed outright stops counting when its heartbeat "
            "key expires, two minutes after its last beat (longer mid-job)"
        }
    )
    scheduler = fields.Boolean(
        metadata={"description": "a live worker holds the scheduler lock (its heartbeat at most 15 s old)"}
    )
    scheduler_heartbeat_age = fields.Float(
        allow_none=True,
        metadata={"description": "seconds since the lock holder's last heartbeat; null when no worker holds it"},
    )


class Health(Schema):
    status = fields.String(
        metadata={
            "description": "ok; degraded (Redis answers but no worker or no scheduler is alive); late (due work"
            " waits); or down (a part does not answer: 503)"
        }
    )
    database = fields.Nested(DatabaseHealth)
    redis = fields.Nested(
        RedisHealth, allow_none=True, metadata={"description": "null in the embedded mode (no KAWAL_REDIS_URL)"}
    )


# The intake bodies document their forms' limits (api.formspec); the engine checks them.
with_limits(RequestSubmit, form("permohonan.json"))
with_limits(ObjectionSubmit, form("keberatan.json"))
with_limits(ComplaintSubmit, form("pengaduan.json"))
with_limits(DisputeRecord, form("sengketa.json"))


class ReporterContact(Schema):
    """Where a reporter is told of their report, given again in full (a field left out is removed)."""

    email = fields.String()
    phone = fields.String()
    locale = fields.String(metadata={"description": "id or en: the language of the messages; left out, kept"})


class ReporterContactChanged(Schema):
    ticket = fields.String()
    changed = fields.List(fields.String(), metadata={"description": "the fields that changed; empty: nothing did"})


class ReportedPerson(Schema):
    nama = fields.String(required=True)
    nip_nrp = fields.String()
    jabatan = fields.String()
    instansi = fields.String()
    kategori_instansi = fields.String(
        metadata={
            "description": "kementerian_lembaga, pemerintah_daerah, satuan_pendidikan, bumn_bumd, swasta, "
            "perorangan or lainnya"
        }
    )
    alamat = fields.String()


class Witness(Schema):
    nama = fields.String(required=True)
    nip_nrp = fields.String()
    jabatan = fields.String()
    instansi = fields.String()
    alamat = fields.String()


class ReportedPersons(Schema):
    """The persons a complaint reports, given again in full (an empty list removes them), as the complaint team
    records them (Permenpan PER/05/M.PAN/4/2009: name, NIP/NRP, address, position, agency, agency category); and its
    witnesses, protected as they are."""

    terlapor = fields.List(fields.Nested(ReportedPerson), required=True, validate=validate.Length(max=10))
    saksi = fields.List(
        fields.Nested(Witness),
        validate=validate.Length(max=10),
        metadata={
            "description": "the witnesses, given again in full (an empty list removes them; left out, they are kept "
            "as they are): sealed as the reported persons are; a text the reporter or a unit reads is refused when "
            "it names one of them"
        },
    )
    tidak_teridentifikasi = fields.Boolean(
        load_default=False,
        metadata={
            "description": "true with an empty list: no person is identified as reported (the outcome notice "
            "waits until the persons or this are recorded)"
        },
    )


class ReportedView(Schema):
    ticket = fields.String()
    changed = fields.Boolean(metadata={"description": "false: the same list was sent again"})
    terlapor = fields.List(fields.Nested(ReportedPerson))
    tidak_teridentifikasi = fields.Boolean(metadata={"description": "the team said no person is identified"})
    saksi = fields.List(fields.Nested(Witness), metadata={"description": "the witnesses on file"})
    annex = fields.String(
        allow_none=True,
        metadata={"description": "the number of the annex for the Inspectorate General this recording issued"},
    )


class GatewayText(Schema):
    """A text the office's SMS or WhatsApp gateway received (api.views.gateway)."""

    sender = fields.String(
        required=True,
        data_key="from",
        validate=validate.Length(max=64),
        metadata={"description": "the sender's number or WhatsApp id: counted (hashed) for wrong codes, not kept"},
    )
    text = fields.String(required=True, validate=validate.Length(max=2000))
    at = fields.AwareDateTime(
        required=True,
        metadata={"description": "when the gateway posts it (RFC 3339); more than 5 minutes off is refused (a replay)"},
    )


class GatewayReply(Schema):
    reply = fields.String(metadata={"description": "the text to send back to the sender"})
