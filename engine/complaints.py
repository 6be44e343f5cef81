"""Public complaints and the protection of the people who report (legal-process.md §7, §10 item 4).

A reporter files anonymously (no identity at all), confidentially (the identity is known to the
complaint team) or as a whistleblower (the identity is sealed). The identity lives only in the
vault: never in the case, its workflow data, its events, job arguments, logs, exports or the
documents sent out. A sealed identity is opened only by a reveal request with a reason from a
handler, approved by a different WBS manager; every step and every later read is an event of the
case. The reporter follows the complaint with its ticket and access code, reads the team's
questions and answers them with attachments.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import (
    access,
    blind_index,
    clock,
    kinds,
    languages,
    lateness,
    officer_text,
    referral,
    reporter_words,
    scrub,
    tickets,
    visibility,
)
from engine.audit import REPORTER_WORDS, EventLog, words_commitment
from engine.config import Settings
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.files import FileStore, Upload, check, keep
from engine.forms import FormRegistry
from engine.ids import in_range
from engine.intake import Submitted, actor_name, check_filing, new_case, start_case, with_locale
from engine.messages import Term, msg
from engine.models import Attachment, Case, CaseEvent, CaseMessage, Deadline, Letter, Party, RevealRequest, Unit, User
from engine.outbox import LETTER_KINDS, Outbox, deadline_context, lane_members
from engine.reveal_notice import tell_reporter_revealed
from engine.run import CaseRun
from engine.runtime import Runtime
from engine.users import default_unit

MODES = ("anonim", "rahasia", "whistleblower")
CHANNELS = ("web", "langsung", "pos", "email", "telepon", "lapor", "medsos")  # medsos: WhatsApp or social media
DETAILS = ("pokok_masalah", "uraian", "lokasi", "waktu_kejadian", "kategori_usulan", "kategori_pelapor", "nomor_lapor")
FORM = "pengaduan.json"  # the complaint's filing form
REPORTER = "pelapor"  # how the reporter appears as an actor: never by name
MAX_BODY = 4000
REASON_MIN = 20


def submit_complaint(
    session: Session,
    rt: Runtime,
    payload: dict,
    *,
    user: User | None = None,
    channel: str | None = None,
    received_at: datetime | None = None,
    locale: str | None = None,
) -> Submitted:
    """Receive a complaint: ticket and access code; the identity (if any) goes to the vault only.

    ``locale`` is the language the reporter filed in: their messages are written in it. A named reporter's is kept
    with their identity in the vault; an anonymous reporter's, who has none, with the complaint (engine.languages),
    never in its history.
    """
    channel, received_at = check_filing(
        rt,
        FORM,
        payload,
        user,
        channel,
        received_at,
        channels=CHANNELS,
        require=access.require_complaint_team,
    )
    mode = payload["mode"]
    if mode == "anonim" and payload.get("pelapor"):
        raise Invalid("invalid_data", fields={"pelapor": [msg("anonymous_without_identity")]})
    now = clock.now()
    party = rt.vault.store(session, REPORTER, with_locale(payload["pelapor"], locale)) if mode != "anonim" else None
    year = received_at.astimezone(rt.calendars["strict"].tz).year
    ticket = tickets.next_ticket(session, kinds.series(kinds.COMPLAINT, rt.settings), year)
    code, code_hash = tickets.new_access_code()
    details = {k: payload[k] for k in DETAILS if payload.get(k)}
    written_in = languages.own_locale(None, locale) if party is None else {}
    case = new_case(
        session,
        now,
        ticket=ticket,
        kind=kinds.COMPLAINT,
        process_version_id=rt.latest_version_id(session, kinds.COMPLAINT),
        unit_id=default_unit(session).id,
        status="pengaduan_baru",
        requester_party_id=party.id if party else None,
        reporter_mode=mode,
        confidential=mode != "anonim",
        channel=channel,
        access_code_hash=code_hash,
        received_at=received_at,
        details={**details, **written_in},
    )
    log = EventLog(session)
    log.append(
        case,
        "complaint_submitted",
        actor_name(user) if user else REPORTER,
        {
            "channel": channel,
            "received_at": received_at.isoformat(),
            "mode": mode,
            **filing_words(rt.settings, details),
        },
    )
    settings = rt.settings
    start_case(
        session,
        rt,
        case,
        log,
        REPORTER,
        {
            "case_id": case.id,
            "ticket": ticket,
            "received_at": received_at.isoformat(),
            "mode": mode,
            "channel": channel,
            "verifikasi_hari": settings.complaint_verification_days,
            "sla_berkadar_hari": settings.complaint_oversight_sla_days,
            "sla_tidak_berkadar_hari": settings.complaint_sla_days,
            "batas_bukti_hari": settings.evidence_window_days,
            "sla_dari": settings.complaint_sla_from,
            "unit_hari": settings.unit_response_days,
            "rujukan_itjen_hari": settings.itjen_referral_days,  # pengaduan.bpmn ITJEN: the memo to the Inspectorate
        },
    )
    return Submitted(case, code)


def filing_words(settings: Settings, details: dict) -> dict:
    """What the filing event records of the complaint's ``details``: the categories chosen from lists as they are,
    the reporter's own words (``REPORTER_WORDS``) as a keyed commitment (engine.audit.words_commitment), never as
    text. The history is exported and never erased; the words stay on the case row, readable by the complaint team
    and erasable, and the chain check compares them with the commitment."""
    chosen = {name: value for name, value in details.items() if name not in REPORTER_WORDS}
    return {**chosen, **words_commitment(blind_index.details_key(settings), details)}


# -- the complaint's details as each reader reads them ---------------------------------------------------------------

SUMMARY = "uraian_ringkas"  # the team's summary, written without anyone's name when it records the complaint
SUMMARY_TASK = "catat_pengaduan"


def details_read_by(session: Session, forms: FormRegistry, user: User, case: Case) -> dict:
    """The case's details as ``user`` may read them (engine.visibility). An auditor who is not of the complaint team
    reads a complaint's as the team summarised it (``SUMMARY``: None until the team has recorded it) beside the
    categories chosen from lists, never the reporter's own words: whatever identifies a reporter stays with the
    complaint team (legal-process.md §7.3 rules 1 and 3), whatever the complaint's mode."""
    readers = access.field_readers(user, case)
    details = visibility.details(forms, case, readers)
    # Who reads every field of a complaint without being its team: the auditors (access.case_team). A unit reads
    # only what the forms mark for it, none of the reporter's words.
    if case.kind != kinds.COMPLAINT or readers is not None or access.is_complaint_team(user):
        return details
    kept = {name: value for name, value in details.items() if name not in REPORTER_WORDS}
    return {**kept, SUMMARY: team_summary(session, forms, case)}


def team_summary(session: Session, forms: FormRegistry, case: Case) -> str | None:
    """The complaint team's summary of the complaint (``SUMMARY``, its last recording), or None before it."""
    summary = None
    for task, data in visibility.completed(session, forms, case, None):
        if task == SUMMARY_TASK and data.get(SUMMARY):
            summary = data[SUMMARY]
    return summary


def require_complaint(case: Case) -> None:
    if case.kind != kinds.COMPLAINT:
        raise NotFound("complaint_not_found")


def note_read(session: Session, user: User, case: Case, what: str) -> None:
    """Every read of a confidential or sealed complaint by an officer is an event of the case."""
    if case.kind == kinds.COMPLAINT and case.reporter_mode in ("rahasia", "whistleblower"):
        EventLog(session).append(case, "case_read", user.username, {"what": what})


# -- the disposition a unit reads -------------------------------------------------------------------

# The tasks that dispose a complaint to a unit (engine.referral): each writes its own note; the instructions are the
# classification's.
DISPOSING = referral.DISPOSING


def disposition(session: Session, case: Case, unit: Unit) -> dict | None:
    """The disposition addressed to ``unit`` (legal-process.md §7.2 stage 4, §10b: from the head to the unit), as
    its disposition sheet states it: the instructions the classification ticked (their codes, in the form's order),
    the note of the latest referral to that unit (the classification's, or a re-referral's: never the note written
    for another unit), whether it is a re-referral, and its sheet (``Letter.unit_id``; None for one issued before
    sheets named their unit). None when the complaint was never disposed to the unit. The caller checks who reads
    it (``access.can_read_disposition``)."""
    instructions: list[str] = []
    found = None
    events = select(CaseEvent.data).where(CaseEvent.case_id == case.id, CaseEvent.type == "task_completed")
    for (event,) in session.execute(events.order_by(CaseEvent.seq)):
        task, data = event.get("task"), event.get("data") or {}
        if task not in DISPOSING:
            continue
        if task == "klasifikasi":
            instructions = list(data.get("instruksi_disposisi") or [])
        if referral.referred_to(task, data) == unit.code:
            found = {"note": data.get("catatan_disposisi", ""), "again": task == "disposisi_ulang"}
    if found is None:
        return None
    sheet = session.scalar(
        select(Letter)
        .where(Letter.case_id == case.id, Letter.kind == "lembar_disposisi", Letter.unit_id == unit.id)
        .where(Letter.translation_of_id.is_(None))
        .order_by(Letter.id.desc())
        .limit(1)
    )
    return {"instructions": instructions, **found, "sheet": sheet}


# The review's subprocess, bound by V3 (pengaduan.bpmn); since the classification joined it, V3 runs until a verified
# complaint is classified. A case started before keeps its process version, where V3 ends with the verification.
REVIEW, CLASSIFICATION = "verifikasi_pengaduan", "klasifikasi"


def review_classifies(session: Session, rt: Runtime, case: Case) -> bool:
    """Whether the complaint's own process version classifies it within the review, under V3 (what its reporter and
    its team are told the 3 working days cover)."""
    loaded = rt.spec(session, case.process_version_id)
    review = loaded.subprocess_specs.get(REVIEW)
    return review is not None and CLASSIFICATION in review.task_specs


# -- the two-way follow-up -------------------------------------------------------------------------


def messages_view(case: Case, session: Session, for_reporter: bool, locale: str | None = None) -> list[dict]:
    """The conversation; the reporter sees officers as "petugas", never their names. Kawal's own words are in
    ``locale`` (engine.reporter_words), or as written in Bahasa Indonesia without one."""
    rows = session.scalars(select(CaseMessage).where(CaseMessage.case_id == case.id).order_by(CaseMessage.id))
    return [
        {
            "id": m.id,
            "direction": m.direction,
            "kind": m.kind,
            "body": reporter_words.read(m.code, m.params, m.body, locale),
            "author": ("petugas" if m.direction == "to_reporter" else REPORTER) if for_reporter else m.author,
            "reply_to": m.reply_to_id,
            "created_at": m.created_at,
            "attachments": [
                {"id": a.id, "file_name": a.file_name, "media_type": a.media_type, "size": a.size, "sha256": a.sha256}
                for a in m.attachments
            ],
        }
        for m in rows
    ]


# The team's messages to the reporter that wait for their answer: the evidence request's (``REQUEST``, a task's
# ``asks_reporter`` field, engine.inbox) and a message an officer writes outside a task (``MESSAGE``).
REQUEST, MESSAGE, OUTCOME = "question", "message", "outcome"
ANSWERABLE = (REQUEST, MESSAGE)


def awaited_question(session: Session, case: Case) -> CaseMessage | None:
    """The team's latest message to the reporter when it is an evidence request or a message (``ANSWERABLE``)
    nothing from the reporter has followed yet: their next step is to answer it. Any message of theirs after it
    counts as the answer (it may name an older one, or none); an outcome asks nothing, and an archived complaint
    takes no answer."""
    if case.kind != kinds.COMPLAINT or case.status == "diarsipkan":
        return None
    latest = session.scalar(
        select(CaseMessage)
        .where(CaseMessage.case_id == case.id, CaseMessage.direction == "to_reporter")
        .order_by(CaseMessage.id.desc())
        .limit(1)
    )
    if latest is None or latest.kind not in ANSWERABLE:
        return None
    answered = session.scalar(
        select(CaseMessage.id)
        .where(CaseMessage.case_id == case.id, CaseMessage.direction == "from_reporter", CaseMessage.id > latest.id)
        .limit(1)
    )
    return None if answered is not None else latest


def _body(text: object) -> str:
    body = text.strip() if isinstance(text, str) else ""
    if not body:  # said as such: "1 to 4000 characters" left an empty message's writer guessing
        raise Invalid("invalid_data", fields={"body": [msg("message_required", max=MAX_BODY)]})
    if len(body) > MAX_BODY:
        raise Invalid("invalid_data", fields={"body": [msg("length_range", min=1, max=MAX_BODY)]})
    return body


# The review's outcomes that close the complaint here, and Kawal's words for them (engine.reporter_words: why, and
# where the reporter may go next). A complaint the review forwards to another agency is told when its forwarding
# letter is recorded, not here: only then was it forwarded (engine.forwarding).
CLOSURES = {"tidak_dapat_ditindaklanjuti": reporter_words.NOT_FOLLOWED_UP}


def tell_reporter_closure(session: Session, rt: Runtime, case: Case, author: str, data: dict) -> CaseMessage | None:
    """The verification closed the complaint here: the reporter is told why, and where to go next."""
    code = CLOSURES.get(data.get("hasil", ""))
    if code is None:
        return None
    return tell_reporter_words(session, rt, case, author, code, {"reason": data["alasan_untuk_pelapor"].strip()})


def tell_reporter_words(
    session: Session, rt: Runtime, case: Case, author: str, code: str, params: dict, *, mail: bool = True
) -> CaseMessage:
    """An outcome for the reporter in Kawal's own words (``code``, engine.reporter_words), each reader's in their
    language; its body the words of record, in Bahasa Indonesia."""
    body = reporter_words.worded(code, params, languages.DEFAULT)
    return tell_reporter(session, rt, case, author, body, "outcome", mail=mail, words=(code, dict(params)))


def tell_reporter(
    session: Session,
    rt: Runtime,
    case: Case,
    author: str,
    body: str,
    kind: str,
    *,
    mail: bool = True,
    letter_kinds: tuple[str, ...] = (),
    words: tuple[str, dict] | None = None,
) -> CaseMessage:
    """An evidence request (``kind`` ``REQUEST``), a message (``MESSAGE``) or the outcome for the reporter: on their
    messages page, and a notice if they can be reached
    (``mail``: False when another message of the same change tells them); the notice goes with the letters of
    ``letter_kinds`` the task that asks issued them (notifications.case_facts). ``words``: the code and parameters of
    Kawal's own words the body says (``tell_reporter_words``)."""
    code, params = words or (None, None)
    message = CaseMessage(
        case_id=case.id,
        direction="to_reporter",
        kind=kind,
        body=_body(body),
        code=code,
        params=params,
        author=author,
        created_at=clock.now(),
    )
    session.add(message)
    session.flush()
    EventLog(session).append(case, f"reporter_{kind}_sent", author, {"message_id": message.id, "chars": len(body)})
    if not mail:
        return message
    outbox = Outbox(session, rt.settings.notify_channels)
    event = "complaint_outcome" if kind == OUTCOME else "complaint_question"
    # A request or a message carries the reply window that runs (BUKTI), so the reporter knows until when to answer;
    # the mail names which it is (``asks_evidence``: a request for data or evidence, else a message from the team).
    window = _pending(session, case, "BUKTI") if kind in ANSWERABLE else None
    cal = rt.calendars[window.calendar if window is not None else "strict"]  # the reporter's window: lenient
    context = {**deadline_context(cal, window), "portal_hint": PORTAL_HINT}
    if kind in ANSWERABLE:
        context["asks_evidence"] = kind == REQUEST
    if letter_kinds:
        context[LETTER_KINDS] = list(letter_kinds)
    outbox.to_requester(case, event, f"message{message.id}", context)
    outbox.write()
    return message


def _pending(session: Session, case: Case, name: str) -> Deadline | None:
    return session.scalar(
        select(Deadline)
        .where(Deadline.case_id == case.id, Deadline.name == name, Deadline.status == "pending")
        .order_by(Deadline.id.desc())
        .limit(1)
    )


# The reporter's line on where to read and answer the team (notifications.wording.HINTS), worded by the renderer in
# the reporter's language with the portal's link.
PORTAL_HINT = "complaint"


def officer_message(session: Session, rt: Runtime, user: User, case: Case, body: str) -> CaseMessage:
    """An officer of the complaint team writes to the reporter outside a task (a follow-up message)."""
    access.require_complaint_team(user)
    if case.closed_at is not None and case.status == "diarsipkan":
        raise Conflict("complaint_archived")
    require_reporter_text(session, rt, case, body or "")
    return tell_reporter(session, rt, case, user.username, body, MESSAGE)


# A message to the reporter as engine.officer_text checks it: read by the reporter (``x-visible-to``), and written
# without names (``x-no-names``) like the evidence request's question (forms/pengaduan_minta_bukti.json), which its
# letter prints. It reaches the reporter, but also every officer of the team on the case page and the auditors in the
# case's export: a confidential reporter's name (the reporter is "Anda"), a reported person's, anyone's NIK or phone
# number is refused as in a disposition note, in every mode.
MESSAGE_FIELD = "body"
MESSAGE_SCHEMA = {
    "properties": {
        MESSAGE_FIELD: {
            "type": "string",
            "title": "Pesan kepada pelapor",
            "x-title-en": "Message to the reporter",
            "x-visible-to": ["pemohon"],
            "x-no-names": True,
        }
    }
}
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def require_reporter_text(session: Session, rt: Runtime, case: Case, body: str) -> None:
    """Refuse a message to the reporter that names a protected person or holds personal data (``MESSAGE_SCHEMA``);
    the office's own telephone numbers and e-mail addresses (``KAWAL_OFFICE_CONTACT``), which the reporter may need
    to reach the team, are no one's personal data and pass."""
    data = {MESSAGE_FIELD: without_office_contact(rt.settings, body)}
    officer_text.require_task(session, rt, case, MESSAGE_SCHEMA, data)


def without_office_contact(settings: Settings, text: str) -> str:
    """``text`` without the office's own numbers and addresses (as ``settings.office_contact`` gives them, however
    the text groups a number's digits)."""
    contact = settings.office_contact or ""
    numbers = {re.sub(r"\D", "", m.group()) for m in officer_text.PHONE.finditer(contact)}
    addresses = {a.casefold() for a in _ADDRESS.findall(contact)}

    def kept(match: re.Match) -> str:
        return " " if re.sub(r"\D", "", match.group()) in numbers else match.group()

    text = officer_text.PHONE.sub(kept, text) if numbers else text
    return _ADDRESS.sub(lambda m: " " if m.group().casefold() in addresses else m.group(), text)


# The reporters whose files lose their hidden data and their names (engine.scrub): every one. An anonymous or a
# whistleblower's the team must not identify; a confidential one's identity is read only by a recorded read
# (read_reporter), and a file's name is stored in the clear: its author, its EXIF or its name would tell whoever the
# file reaches (and a copy of the database) who sent it.
SCRUBBED_MODES = frozenset({"anonim", "rahasia", "whistleblower"})


def reporter_message(
    session: Session,
    rt: Runtime,
    store: FileStore,
    case: Case,
    body: str,
    uploads: list[Upload],
    reply_to: int | None = None,
) -> CaseMessage:
    """The reporter answers (with attachments). Evidence awaited moves the case on, or reopens it."""
    text = _body(body)
    checked = check(uploads, rt.settings.max_attachment_bytes)
    if case.reporter_mode in SCRUBBED_MODES:  # a photo's EXIF or a PDF's author would say who sent it
        checked = scrub.scrubbed(checked)
    if reply_to is not None:
        question = session.get(CaseMessage, reply_to) if in_range(reply_to) else None
        if question is None or question.case_id != case.id or question.direction != "to_reporter":
            raise Invalid("invalid_data", fields={"reply_to": [msg("message_unknown")]})
    if case.status == "diarsipkan":
        raise Conflict("complaint_archived")
    now = clock.now()
    message = CaseMessage(
        case_id=case.id, direction="from_reporter", kind="answer", body=text, author=REPORTER, created_at=now
    )
    message.reply_to_id = reply_to
    session.add(message)
    session.flush()
    files = [keep(session, store, case.id, item, now, message_id=message.id) for item in checked]
    session.flush()
    log = EventLog(session)
    log.append(
        case,
        "reporter_message_received",
        REPORTER,
        {
            "message_id": message.id,
            "chars": len(text),
            "attachments": [
                {"id": f.id, "sha256": f.sha256, "size": f.size, "media_type": f.media_type} for f in files
            ],
        },
    )
    with CaseRun(session, rt, case, REPORTER, log=log) as run:
        if run.waiting_for("bukti_pelapor") is not None:
            run.send_message("bukti_pelapor", {"message_id": message.id, "attachments": len(files)})
    outbox = Outbox(session, rt.settings.notify_channels)
    team = lane_members(session, case, "tim_pengaduan")  # the case's own unit's team only
    outbox.to_users(case, "reporter_message", f"message{message.id}", team, lateness.team_clock(rt, case))
    outbox.write()
    case.updated_at = now
    session.flush()
    return message


def attachment_for(session: Session, case: Case, attachment_id: int) -> Attachment:
    """An attachment of the complaint's conversation: an officer's file (on a task or a note) is not one."""
    row = session.get(Attachment, attachment_id) if in_range(attachment_id) else None
    if row is None or row.case_id != case.id or row.message_id is None:
        raise NotFound("attachment_not_found")
    return row


def read_attachment(store: FileStore, row: Attachment) -> bytes:
    data = store.get(row.storage_key, row.key_id)
    if len(data) != row.size:
        raise RuntimeError(f"attachment {row.id} does not match its record")
    return data


# -- the identity: reveal requests and reads ---------------------------------------------------------


def request_reveal(session: Session, rt: Runtime, user: User, case: Case, reason: str) -> RevealRequest:
    """A handler asks to open a sealed (whistleblower) identity, saying why; the WBS managers who may decide it
    (every one but the one who asked) are told it waits (``reveal_requested``: the ticket, never the reason)."""
    access.require_complaint_team(user)
    if case.reporter_mode != "whistleblower":
        raise Conflict("only_whistleblower_sealed" if case.reporter_mode == "rahasia" else "anonymous_has_no_identity")
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN:
        raise Invalid("reason_required", fields={"reason": [msg("min_length", min=REASON_MIN)]})
    if len(reason) > MAX_BODY:  # refused, not cut: the managers decide on the whole reason
        raise Invalid("invalid_data", fields={"reason": [msg("max_length", max=MAX_BODY)]})
    row = RevealRequest(
        case_id=case.id, requested_by_id=user.id, reason=reason, requested_at=clock.now(), status="pending"
    )
    session.add(row)
    session.flush()
    EventLog(session).append(case, "reveal_requested", user.username, {"request_id": row.id, "reason": row.reason})
    deciders = [uid for uid in lane_members(session, case, "pengelola_wbs") if uid != user.id]
    outbox = Outbox(session, rt.settings.notify_channels)
    current = next((t.title for t in case.tasks if t.state == "open"), "-")
    context = {"deadline": None, "task_title": current, "author": user.display_name}
    outbox.to_users(case, "reveal_requested", f"reveal{row.id}", deciders, context)
    outbox.write()
    return row


def decide_reveal(
    session: Session,
    rt: Runtime,
    user: User,
    case: Case,
    request_id: int,
    approve: bool,
    note: str | None = None,
    *,
    second_factor: bool = False,
) -> RevealRequest:
    """A WBS manager other than the one who asked approves or refuses, saying why (``note``: required, refused
    over ``MAX_BODY``, never cut); the one who asked is told.

    Approving needs a login that passed the second factor (``second_factor``, engine.totp), whatever
    ``KAWAL_SECOND_FACTOR_GROUPS`` says: a stolen password alone never opens a sealed identity.
    """
    access.require_wbs_manager(user)
    if approve:
        access.require_second_factor(second_factor)
    row = session.get(RevealRequest, request_id) if in_range(request_id) else None
    if row is None or row.case_id != case.id:
        raise NotFound("reveal_request_not_found")
    if row.requested_by_id == user.id:
        raise Forbidden("reveal_needs_other_manager")
    if row.status != "pending":
        # the decision in the reader's words: the case page's "approved"/"refused" (never the stored code)
        raise Conflict("reveal_already_decided", status=Term(row.status))
    note = (note or "").strip()
    if not note:  # why the identity opens or stays sealed: the case page and the history keep it
        raise Invalid("decision_note_required", fields={"note": [msg("decision_note_required")]})
    if len(note) > MAX_BODY:  # the API's schema refuses it first; never cut here
        raise Invalid("invalid_data", fields={"note": [msg("max_length", max=MAX_BODY)]})
    row.status = "approved" if approve else "refused"
    row.decided_by_id, row.decided_at, row.decision_note = user.id, clock.now(), note
    EventLog(session).append(case, f"reveal_{row.status}", user.username, {"request_id": row.id, "note": note})
    # The handler who asked is told the decision (``reveal_decided``), never the note: it is on the case page
    # (reveal_requests, for the complaint team).
    current = next((t.title for t in case.tasks if t.state == "open"), "-")
    outcome = "disetujui" if approve else "ditolak"
    context = {"deadline": None, "task_title": current, "author": user.display_name, "outcome_label": outcome}
    outbox = Outbox(session, rt.settings.notify_channels)
    outbox.to_users(case, "reveal_decided", f"reveal{row.id}", [row.requested_by_id], context)
    outbox.write()
    return row


def read_reporter(session: Session, rt: Runtime, user: User, case: Case) -> dict:
    """The reporter's identity for an allowed officer; every read is an event of the case."""
    access.require_complaint_team(user)
    if case.reporter_mode == "anonim" or case.requester_party_id is None:
        raise Conflict("anonymous_has_no_identity")
    grant = None
    if case.reporter_mode == "whistleblower":
        grant = _open_grant(session, rt, user, case)
    EventLog(session).append(
        case, "identity_read", user.username, {"mode": case.reporter_mode, "request_id": grant.id if grant else None}
    )
    if grant is not None:  # the reporter learns that it was opened (engine.reveal_notice), once per approved reveal
        tell_reporter_revealed(session, rt, case, grant)
    return rt.vault.read(session.get(Party, case.requester_party_id))


def reveal_open_until(rt: Runtime, row: RevealRequest) -> datetime | None:
    """When an approved reveal seals the identity again for the officer who asked: ``KAWAL_REVEAL_DAYS`` after its
    decision (a reason answers a need of the time, not access for good); None for a request not approved."""
    if row.status != "approved" or row.decided_at is None:
        return None
    return row.decided_at + timedelta(days=rt.settings.reveal_days)


def open_grant(session: Session, rt: Runtime, user: User, case: Case) -> RevealRequest | None:
    """The approved reveal under which ``user`` may read the sealed identity now: their latest approved one, while
    it is open (``reveal_open_until``); None without one, or when it has ended (ask again). A refused or pending
    request after it changes nothing; an older approval never outlives the latest. The one rule for reading
    (``read_reporter``) and for offering to read (the case page's identity panel)."""
    latest = _latest_approved(session, user, case)
    if latest is None or clock.now() >= reveal_open_until(rt, latest):
        return None
    return latest


def _latest_approved(session: Session, user: User, case: Case) -> RevealRequest | None:
    approved = select(RevealRequest).where(
        RevealRequest.case_id == case.id, RevealRequest.requested_by_id == user.id, RevealRequest.status == "approved"
    )
    return session.scalar(approved.order_by(RevealRequest.decided_at.desc(), RevealRequest.id.desc()).limit(1))


def _open_grant(session: Session, rt: Runtime, user: User, case: Case) -> RevealRequest:
    """``open_grant``, or refused as sealed, saying until when the latest was open when it has ended."""
    grant = open_grant(session, rt, user, case)
    if grant is not None:
        return grant
    latest = _latest_approved(session, user, case)
    if latest is None:
        raise Forbidden("identity_sealed")
    until = reveal_open_until(rt, latest)
    raise Forbidden("reveal_expired", until=until.astimezone(rt.calendars["strict"].tz))


def reveal_requests(session: Session, rt: Runtime, case: Case) -> list[dict]:
    """The case's reveal requests; an approved one says until when it is open to the one who asked (``open_until``)
    and whether that time has passed (``expired``)."""
    rows = session.scalars(select(RevealRequest).where(RevealRequest.case_id == case.id).order_by(RevealRequest.id))
    names = {u.id: u.username for u in session.scalars(select(User))}
    now = clock.now()
    out = []
    for r in rows:
        until = reveal_open_until(rt, r)
        out.append(
            {
                "id": r.id,
                "requested_by": names.get(r.requested_by_id),
                "reason": r.reason,
                "requested_at": r.requested_at,
                "status": r.status,
                "decided_by": names.get(r.decided_by_id),
                "decided_at": r.decided_at,
                "decision_note": r.decision_note,
                "open_until": until,
                "expired": until is not None and now >= until,
            }
        )
    return out
