"""What was handed over to the requester, and the requester's downloads (issue 15, points 2 and 3).

A task form whose file field says ``"delivery": true`` in its ``x-kawal-file`` (the delivery task's
``berkas_informasi``) hands its files to the requester. Completing it records ``information_delivered``:
how (``cara_penyerahan``) and when (``tanggal_penyerahan``: not before the written notice was sent, not in
the future) the information went, and every file by id, sha256, size, type and page count, never by name
(the history feeds the bundle and the audit export: hashes only; the officer's case page shows the
names). A redacted file also carries its original's id, sha256, size and pages, and each redaction's
Pasal 17 letter, page and exemption register entry (engine.redaction); the originals themselves are
never delivered. A delivery on paper, in person or by post has no files and is recorded the same way
with its date.

Which deliveries need files (``require_files``; the handover receipt lists what went, legal-process.md §3.10
INFORMASI_DISERAHKAN and §10b, so a delivery that carries files is refused, nothing written, until they are
attached):

- by e-mail (``email``), always: an e-mail carries files and nothing else, neither paper nor an inspection;
- any way, when the copy the written notice gives is a digital one (letter f, ``bentuk_salinan``, else the form
  the request asked for: ``engine.fees.copy_given`` in ``engine.fees.DIGITAL``): a soft copy handed over in person,
  by courier or by post goes on a CD, DVD or flash drive, and those files are what the requester receives;
- not otherwise: a printed copy in person, by courier, by post or by fax, and information shown in person to be
  viewed, read, listened to or noted (the request's ``obtain_method``, no copy) have no file to attach (one may be,
  a scan of what went on paper, and the receipt lists it).

By e-mail: when the method is ``email`` and Kawal sends e-mail (``smtp`` among KAWAL_NOTIFY_CHANNELS), the
completion writes one outbox row to the requester (``information_sent``) naming the files by attachment
id; the sender reads them from storage and attaches them when together they are at most
``KAWAL_EMAIL_ATTACHMENT_MAX_BYTES``; above it the mail tells the requester to download them with the
ticket and access code. Without the smtp channel the office e-mailed the files itself and the record
says so. A requester who gave no e-mail address, whose proxy in office gave one (the request form takes an e-mail
delivery so, engine.intake, and its receipt says the copies go to the proxy's address), is sent them at the proxy's
address: the proxy receives for the requester (legal-process.md §3.2), so the record names the proxy as the receiver
(``penerima`` filled with ``kuasa`` when left empty; "the requester" refused), the mail is the proxy's own
(``Outbox.to_proxy``) and ``information_delivered`` says ``emailed_to: kuasa``. When neither gave an address the
files cannot be sent that way (422).

The objection's registration (forms/keberatan_registrasi.json) gives its receipt by e-mail (engine.notices
``RECEIPT_BY_MAIL``) only when the requester or the objection's proxy gave an e-mail address (``check_receipt``):
else nothing could say the receipt went (``engine.notices.receipt_mailed``), and it is refused (422). So does a
request's own registration (forms/registrasi.json ``cara_kirim_tanda_bukti``, ``REQUEST_RECEIPT_FIELD``), whose
registered receipt engine.notices mails when given by e-mail: only when the requester or the request's proxy gave
an address.

Who received it for a legal entity (legal-process.md §3.2: an Indonesian legal entity requests, and receives,
through a person): the form's ``yang_menerima`` (name, position, and whether as a member of its management, an
employee or under a power of attorney), asked only when the requester is a legal entity (``x-case-when``) and
required when the information is handed over in person to someone other than the proxy on record (whose own data
the record prints). It is a person's data: sealed in the vault as a party of its own (``seal_receiver``) before
the run, so the workflow, the history (``task_completed``), a job or an export holds only its party id
(``RECEIVER_PARTY``); the handover record prints it ("untuk dan atas nama" the entity, engine.letters.context).
Given while the proxy on record is said to have received it, it is refused: one receiver per record.

The requester downloads the delivered files with the ticket and access code for
``KAWAL_DOWNLOAD_DAYS`` calendar days after the delivery; after that a download is refused (410) and
nothing is written. Each download is an event of the case (``information_downloaded``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import clock, fees, notice_delivery, proxy_data, redaction, task_files
from engine.audit import EventLog
from engine.errors import Gone, Invalid, NotFound
from engine.ids import in_range
from engine.letters.context import RECEIVER_PARTY, task_data
from engine.letters.render import long_date
from engine.messages import msg
from engine.models import Attachment, Case, Exemption, HumanTask, Party
from engine.notices import PORTAL_HINT, RECEIPT_BY_MAIL, RECEIPT_FIELD
from engine.outbox import Outbox

REQUESTER = "pemohon"
METHOD, DATE = "cara_penyerahan", "tanggal_penyerahan"
BY_EMAIL = "email"
RECEIVER, BY_PROXY = "penerima", "kuasa"  # who received it: the record names and has sign the proxy in office
RECEIVED_FOR = "yang_menerima"  # who received it for a legal entity: sealed (``seal_receiver``), see the module
RECEIVER_ROLE = "penerima"  # their party's role in the vault
EMAIL_EVENT = "information_sent"
NOTICE_TASK = "pemberitahuan_tertulis"  # its letter f says which copy is given (``bentuk_salinan``)


@dataclass
class Plan:
    """What ``check`` found out before anything is written, for ``record`` after the files are stored."""

    pages: dict[tuple[str, int], int | None] = field(default_factory=dict)  # (field, n) -> page count
    entry: Exemption | None = None  # the exemption register entry the redactions rest on
    email: bool = False  # Kawal e-mails the files itself
    to_proxy: bool = False  # ... to the proxy in office: the requester gave no e-mail address (see the module)


def check(session: Session, rt, case: Case, schema: dict, data: dict, incoming: task_files.Incoming) -> Plan | None:
    """Refuse a delivery whose date, redaction record or e-mail cannot stand, and a registration's receipt by e-mail
    with no address to send it to (``check_receipt``); nothing is written. A delivery by e-mail to the proxy fills
    ``penerima`` (``data``) with the proxy when it was left empty (see the module)."""
    check_receipt(session, rt, case, schema, data)
    fields = delivery_fields(schema)
    if not fields:
        return None
    _check_date(rt, session, case, data)
    to_proxy = _email_to_proxy(session, rt, case, data)
    if to_proxy and data.get(RECEIVER) not in (None, BY_PROXY):  # the record would name who had nothing
        raise Invalid("invalid_data", fields={RECEIVER: [msg("email_goes_to_proxy")]})
    if to_proxy:
        data[RECEIVER] = BY_PROXY
    if data.get(RECEIVER) == BY_PROXY and proxy_data.party_id(case) is None:  # the record would name nobody
        raise Invalid("invalid_data", fields={RECEIVER: [msg("no_proxy_in_office")]})
    if data.get(RECEIVER) == BY_PROXY and data.get(RECEIVED_FOR):  # the record names one receiver
        raise Invalid("invalid_data", fields={RECEIVED_FOR: [msg("receiver_is_the_proxy")]})
    plan = Plan()
    counts = {name: len(items) for name, items in incoming.checked.items()}
    require_files(session, case, fields, data, counts)
    for name in [*fields, redaction.originals(schema)]:
        for n, item in enumerate(incoming.checked.get(name, []) if name else []):
            plan.pages[(name, n)] = pages(item.media_type, item.data)
    found = redaction.spec(schema)
    if found is not None:
        delivered, names = found
        if data.get(names["record"]) or counts.get(names["originals"]):
            plan.entry = redaction.entry_for(session, rt.forms, case)
        by_position = {delivered: [plan.pages[(delivered, n)] for n in range(counts.get(delivered, 0))]}
        redaction.check(schema, data, counts, by_position, plan.entry)
    sent = any(counts.get(name) for name in fields)
    plan.email = data.get(METHOD) == BY_EMAIL and sent and "smtp" in rt.settings.notify_channels
    plan.to_proxy = plan.email and to_proxy
    if plan.email and not to_proxy and not task_files.requester_identity(session, rt, case).get("email"):
        raise Invalid("requester_has_no_email", fields={METHOD: [msg("no_email_on_file")]})
    return plan


# The request's registration task's field saying how its receipt was given (engine.notices mails it by e-mail).
REQUEST_RECEIPT_FIELD = "cara_kirim_tanda_bukti"
# Each registration's receipt field -> the words a refusal puts beside it (engine.messages).
RECEIPT_FIELDS = {RECEIPT_FIELD: "no_email_for_receipt", REQUEST_RECEIPT_FIELD: "no_email_for_request_receipt"}


def check_receipt(session: Session, rt, case: Case, schema: dict, data: dict) -> None:
    """Refuse a registration's receipt given by e-mail (an objection's ``RECEIPT_FIELD``, a request's
    ``REQUEST_RECEIPT_FIELD``) when neither its requester nor its own proxy in office gave an e-mail address (see the
    module)."""
    fields = schema.get("properties", {})
    field = next((f for f in RECEIPT_FIELDS if f in fields and data.get(f) == RECEIPT_BY_MAIL), None)
    if field is None:
        return
    if task_files.requester_identity(session, rt, case).get("email") or _proxy_email(session, rt, case):
        return
    raise Invalid("receipt_has_no_address", fields={field: [msg(RECEIPT_FIELDS[field])]})


def _email_to_proxy(session: Session, rt, case: Case, data: dict) -> bool:
    """Whether Kawal e-mails the information to the proxy in office: by e-mail, with mail configured, to a requester
    who gave no e-mail address, whose proxy gave one."""
    if data.get(METHOD) != BY_EMAIL or "smtp" not in rt.settings.notify_channels:
        return False
    return not task_files.requester_identity(session, rt, case).get("email") and bool(_proxy_email(session, rt, case))


def _proxy_email(session: Session, rt, case: Case) -> str | None:
    """The e-mail address of the proxy in office (not one whose power of attorney ended), if they gave one."""
    proxy = proxy_data.party_id(case)
    party = session.get(Party, proxy) if proxy is not None else None
    return rt.vault.read(party).get("email") if party is not None else None


def seal_receiver(session: Session, rt, data: dict) -> dict:
    """``data`` with who received the information for a legal entity (``RECEIVED_FOR``) sealed in the vault as a
    party of its own and named by its id (``RECEIVER_PARTY``): what the workflow and the history keep (see the
    module). ``data`` as it is when it names nobody."""
    receiver = data.get(RECEIVED_FOR)
    if not isinstance(receiver, dict) or not receiver:
        return data
    party = rt.vault.store(session, RECEIVER_ROLE, dict(receiver))
    return {**{k: v for k, v in data.items() if k != RECEIVED_FOR}, RECEIVER_PARTY: party.id}


def require_files(session: Session, case: Case, fields: list[str], data: dict, counts: dict[str, int]) -> None:
    """Refuse a delivery by e-mail, or of a digital copy, that attaches no file (see the module), naming the field
    the files go in."""
    if any(counts.get(name) for name in fields):
        return
    if data.get(METHOD) == BY_EMAIL:
        said = msg("email_delivery_needs_files")
    elif fees.copy_given(case.details or {}, task_data(session, case, NOTICE_TASK)) in fees.DIGITAL:
        said = msg("digital_copy_needs_files")
    else:
        return
    raise Invalid("delivery_needs_files", fields={fields[0]: [said]})


def _check_date(rt, session: Session, case: Case, data: dict) -> None:
    """The delivery date: not before the written notice was sent (the receipt without one), not in the future."""
    if not data.get(DATE):
        return
    tz = rt.calendars["strict"].tz
    notice = notice_delivery.last_notice(session, case)
    first = date.fromisoformat(notice["dispatched_on"]) if notice else case.received_at.astimezone(tz).date()
    today = clock.now().astimezone(tz).date()
    try:
        value = date.fromisoformat(data[DATE])
    except (TypeError, ValueError):
        value = None
    if value is None or not first <= value <= today:
        raise Invalid("delivery_date_invalid", fields={DATE: [msg("between_and_today", first=first)]})


def delivery_fields(schema: dict) -> list[str]:
    """The file fields of a form whose files go to the requester."""
    specs = {name: node.get(task_files.FILE) for name, node in schema.get("properties", {}).items()}
    return [name for name, spec in specs.items() if isinstance(spec, dict) and spec.get("delivery")]


def pages(media_type: str, data: bytes) -> int | None:
    """A PDF's page count (None when it cannot be read), 1 for a picture."""
    if media_type != "application/pdf":
        return 1
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return len(PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError, KeyError, TypeError):
        return None


def record(
    session: Session,
    rt,
    log: EventLog,
    case: Case,
    task: HumanTask,
    schema: dict,
    data: dict,
    stored,
    actor: str,
    plan: Plan | None,
) -> None:
    """Append ``information_delivered`` for a completed task whose form delivers files (see the module), link
    each redacted file to its original, and write the e-mail to the requester when Kawal sends it.

    ``stored``: the task's files as (row, checked upload) pairs (``task_files.Incoming.stored``).
    """
    fields = delivery_fields(schema)
    if not fields or plan is None:
        return
    rows = [row for row, _item in stored]
    redaction.link(schema, data, rows, plan.entry)
    by_id = {row.id: row for row in rows}
    position: dict[int, int] = {}  # row id -> its place among its field's files
    for row in rows:
        position[row.id] = sum(1 for r in rows if r.field == row.field and r.id < row.id)
    files = []
    for row in rows:
        if row.field not in fields:
            continue
        entry = {**task_files.described([row])[0], "pages": plan.pages.get((row.field, position[row.id]))}
        if row.original_id is not None:
            original = by_id[row.original_id]
            entry["original"] = {
                **task_files.described([original])[0],
                "pages": plan.pages.get((original.field, position[original.id])),
            }
            entry["redactions"] = list(row.redactions or [])
        files.append(entry)
    log.append(
        case,
        "information_delivered",
        actor,
        {
            "task_id": task.id,
            "method": data.get(METHOD),
            "delivered_on": data.get(DATE),
            "files": files,
            "emailed": plan.email,
            **({"emailed_to": BY_PROXY} if plan.to_proxy else {}),
        },
    )
    if plan.email:
        _write_email(session, rt, case, task, [by_id[f["id"]] for f in files], plan.to_proxy)


def _write_email(
    session: Session, rt, case: Case, task: HumanTask, rows: list[Attachment], to_proxy: bool = False
) -> None:
    """One e-mail to the requester with the delivered files (ids only in the row: the sender reads them); to the
    proxy in office instead (``to_proxy``), as their own mail saying they receive it as the proxy."""
    total = sum(row.size for row in rows)
    until = min(available_until(row, rt.settings.download_days) for row in rows)
    context = {
        "deadline": None,
        "portal_hint": PORTAL_HINT,
        "file_ids": [row.id for row in rows],
        "file_count": len(rows),
        "attached": total <= rt.settings.email_attachment_max_bytes,
        "download_until": long_date(until.astimezone(rt.calendars["strict"].tz).date()),
    }
    outbox = Outbox(session, ("smtp",))
    if to_proxy:
        outbox.to_proxy(case, EMAIL_EVENT, f"task{task.id}", context)
    else:
        outbox.to_requester(case, EMAIL_EVENT, f"task{task.id}", context)
    outbox.write()


def available_until(row: Attachment, days: int) -> datetime:
    return row.created_at + timedelta(days=days)


def delivered_files(session: Session, forms, case: Case) -> list[Attachment]:
    """The files the case's completed tasks handed to the requester, oldest first."""
    rows = session.scalars(
        select(Attachment)
        .join(HumanTask, HumanTask.id == Attachment.task_id)
        .where(Attachment.case_id == case.id, HumanTask.state == "completed")
        .order_by(Attachment.id)
    ).all()
    out = []
    for row in rows:
        task = session.get(HumanTask, row.task_id)
        if task.form and row.field in delivery_fields(forms.schema(task.form)):
            out.append(row)
    return out


def public_files(session: Session, rt, case: Case) -> list[dict]:
    """The delivered files as the requester's status shows them: name, facts, until when they download."""
    now = clock.now()
    out = []
    for row in delivered_files(session, rt.forms, case):
        until = available_until(row, rt.settings.download_days)
        out.append(
            {
                "id": row.id,
                "file_name": row.file_name,
                "media_type": row.media_type,
                "size": row.size,
                "sha256": row.sha256,
                "available_until": until,
                "expired": now >= until,
            }
        )
    return out


def download(session: Session, rt, case: Case, attachment_id: int) -> tuple[Attachment, bytes]:
    """The requester downloads a delivered file: refused after its date (nothing written), else an event."""
    row = session.get(Attachment, attachment_id) if in_range(attachment_id) else None
    if row is None or row.case_id != case.id or row not in delivered_files(session, rt.forms, case):
        raise NotFound("file_not_found")
    until = available_until(row, rt.settings.download_days)
    if clock.now() >= until:
        raise Gone("download_expired", date=until.astimezone(rt.calendars["strict"].tz))  # as the status page writes it
    data = task_files.read(rt, row)
    EventLog(session).append(case, "information_downloaded", REQUESTER, {"file_id": row.id, "sha256": row.sha256})
    return row, data
