"""One function per state change (STYLE.md rule 2).

Each validates, changes state, appends its audit events and leaves the commit to the caller; a
failure raises before anything is flushed or is rolled back by the caller, so nothing half-done
survives. Work on one case is serialized by the case's version column: a second concurrent run of
the same case fails at flush with ``StaleDataError``, which callers report as a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from SpiffWorkflow.exceptions import TaskNotFoundException
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, chain, clock, lateness, tickets, windows
from engine.audit import EventLog
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.models import Case, Deadline, HumanTask, User
from engine.outbox import Outbox, deadline_context
from engine.runtime import Runtime
from engine.sync import properties
from engine.users import default_unit

REQUEST_PROCESS = "permohonan_informasi"
CHANNELS = ("langsung", "web", "email", "pos", "telepon")
# How far back a front-desk officer may record a paper request's real receipt (a typo guard).
OLDEST_RECORDED_RECEIPT = timedelta(days=366)
REQUEST_DETAILS = ("requester_type", "information", "purpose", "obtain_method", "delivery_method")
# Register numbers of objections and disputes: their own series (Perki 1/2021 Pasal 41(3)).
OBJECTION_PREFIX, DISPUTE_PREFIX = "KEB", "SIP"


def actor_name(user: User | None) -> str:
    return user.username if user is not None else "pemohon"


@dataclass
class Submitted:
    case: Case
    access_code: str


LOCALES = ("id", "en")


def with_locale(identity: dict, locale: str | None) -> dict:
    """The identity to seal, with the language its owner is written to in (kept in the vault with it)."""
    return {**identity, "locale": locale} if locale in LOCALES else dict(identity)


def submit_request(
    session: Session,
    rt: Runtime,
    payload: dict,
    *,
    user: User | None = None,
    channel: str | None = None,
    received_at: datetime | None = None,
    locale: str | None = None,
) -> Submitted:
    """Receive an information request (UU 14/2008 Pasal 22): register number, access code, T10 armed.

    The requester's identity goes to the vault; the case and its workflow hold only the party id.
    Only a front-desk officer may give the channel and the real receipt time of an offline request.
    ``locale`` is the language the requester filed in: their messages are written in it.
    """
    now = clock.now()
    channel, received_at = _intake(rt, "permohonan.json", payload, user, channel, received_at)

    party = rt.vault.store(session, "requester", with_locale(payload["requester"], locale))
    local_year = received_at.astimezone(rt.calendars["strict"].tz).year
    ticket = tickets.next_ticket(session, rt.settings.ticket_prefix, local_year)
    code, code_hash = tickets.new_access_code()
    version_id = rt.latest_version_id(session, REQUEST_PROCESS)
    case = new_case(
        session,
        now,
        ticket=ticket,
        kind=REQUEST_PROCESS,
        process_version_id=version_id,
        unit_id=default_unit(session).id,
        status="diterima",
        requester_party_id=party.id,
        requester_type=payload["requester_type"],
        channel=channel,
        access_code_hash=code_hash,
        received_at=received_at,
        details={k: payload[k] for k in REQUEST_DETAILS},
    )
    log = EventLog(session)
    log.append(
        case,
        "request_submitted",
        actor_name(user),
        {"channel": channel, "received_at": received_at.isoformat(), **case.details},
    )
    start_case(
        session,
        rt,
        case,
        log,
        actor_name(user),
        {
            "case_id": case.id,
            "ticket": ticket,
            "received_at": received_at.isoformat(),
            "batas_kelengkapan_hari": rt.settings.completion_window_days,
        },
    )
    return Submitted(case, code)


def _intake(
    rt, form, payload, user, channel, received_at, channels=CHANNELS, require=access.require_front_desk
) -> tuple[str, datetime]:
    """Checks common to every filing; only an officer (``require``) gives the channel and real receipt time."""
    now = clock.now()
    if (channel is not None or received_at is not None) and user is None:
        raise Invalid(
            "data tidak sah / invalid data",
            fields={"channel": ["hanya untuk petugas / officers only"]}
            if channel
            else {"received_at": ["hanya untuk petugas / officers only"]},
        )
    if user is not None:
        require(user)
    rt.forms.validate(form, payload)
    fields = {}
    if channel is not None and channel not in channels:
        fields["channel"] = [f"salah satu dari / one of {', '.join(channels)}"]
    if received_at is not None and (
        received_at.tzinfo is None or received_at > now or received_at < now - OLDEST_RECORDED_RECEIPT
    ):
        fields["received_at"] = [
            "harus waktu lampau (paling lama setahun) dengan zona waktu / must be a past instant, at most a year ago,"
            " with a time zone"
        ]
    if fields:
        raise Invalid("data tidak sah / invalid data", fields=fields)
    return channel or "web", received_at or now


def file_objection(
    session: Session,
    rt: Runtime,
    payload: dict,
    request: Case,
    *,
    user: User | None = None,
    channel: str | None = None,
    received_at: datetime | None = None,
) -> Case:
    """Receive an objection to the PPID's superior (UU 14/2008 Pasal 35-36; Perki 1/2021 Pasal 39-41).

    The objection is its own case with its own register number, linked to the request; the
    requester follows it with the request's access code. Its timeliness is computed on both
    calendars and recorded; a late objection is registered and flagged, never refused (§4.2).
    """
    channel, received_at = _intake(rt, "keberatan.json", payload, user, channel, received_at)
    if request.kind != chain.REQUEST:
        raise Invalid(
            "keberatan diajukan atas permohonan informasi / an objection concerns an information request",
            fields={"ticket": ["bukan permohonan informasi / not an information request"]},
        )
    discovered = payload.get("tanggal_alasan_ditemukan")
    discovered_on = date.fromisoformat(discovered) if discovered else None
    timing = chain.timeliness(rt, session, request, payload["alasan"], received_at, discovered_on)
    now = clock.now()
    proxy = rt.vault.store(session, "kuasa", payload["kuasa"]) if payload.get("kuasa") else None
    year = received_at.astimezone(rt.calendars["strict"].tz).year
    ticket = tickets.next_ticket(session, OBJECTION_PREFIX, year)
    details = {
        "permohonan": request.ticket,
        "alasan": payload["alasan"],
        "kasus_posisi": payload["kasus_posisi"],
        "tujuan_penggunaan": payload.get("tujuan_penggunaan", request.details.get("purpose", "")),
        "ketepatan_waktu": timing,
        "kuasa_party_id": proxy.id if proxy else None,
    }
    if discovered:
        details["tanggal_alasan_ditemukan"] = discovered
    case = _linked_case(session, rt, request, chain.OBJECTION, ticket, channel, received_at, details, now)
    log = EventLog(session)
    log.append(
        case,
        "objection_filed",
        actor_name(user),
        {"channel": channel, "received_at": received_at.isoformat(), "request": request.ticket, **details},
    )
    if timing["late"]:
        log.append(case, "objection_filed_late", "system", {"grounds": timing["grounds"]})
    log.append(request, "objection_filed", actor_name(user), {"objection": ticket, "alasan": payload["alasan"]})
    start_case(
        session,
        rt,
        case,
        log,
        actor_name(user),
        {
            "case_id": case.id,
            "ticket": ticket,
            "permohonan": request.ticket,
            "received_at": received_at.isoformat(),
            "alasan": payload["alasan"],
            "musyawarah_mungkin": bool(set(payload["alasan"]) & chain.AMICABLE_GROUNDS),  # the b-g part
            "terlambat_diajukan": timing["late"],
            "ketepatan_waktu": timing["verdict"],
        },
    )
    return case


def record_dispute(session: Session, rt: Runtime, user: User, payload: dict) -> Case:
    """Record a Komisi Informasi summons: the agency's side of a dispute (Perki 1/2013; §5.3-§5.4).

    Linked to the objection (or, when the requester went straight to the KI, the request); the
    grounds default to the objection's.
    """
    access.require_front_desk(user)
    rt.forms.validate("sengketa.json", payload)
    parent = session.scalar(select(Case).where(Case.ticket == payload["perkara"].strip().upper()))
    if parent is None or parent.kind not in (chain.REQUEST, chain.OBJECTION):
        raise Invalid(
            "perkara tidak dikenal / unknown case",
            fields={"perkara": ["nomor keberatan atau permohonan / an objection or request ticket"]},
        )
    grounds = payload.get("alasan") or parent.details.get("alasan")
    if not grounds:
        raise Invalid("data tidak sah / invalid data", fields={"alasan": ["wajib diisi / is required"]})
    now = clock.now()
    received_at = _instant(payload, "panggilan_diterima_at", now, past=True) or now
    _instant(payload, "sidang_pertama", now)
    year = received_at.astimezone(rt.calendars["strict"].tz).year
    ticket = tickets.next_ticket(session, DISPUTE_PREFIX, year)
    details = {
        "perkara": parent.ticket,
        "ki": payload["ki"],
        "nomor_register": payload["nomor_register"],
        "diajukan_ke_ki": payload["diajukan_ke_ki"],
        "sidang_pertama": payload["sidang_pertama"],
        "alasan": sorted(set(grounds)),
        # D14 and a preceding objection, checked now and flagged, never refused (chain.admissibility).
        "keterterimaan": chain.admissibility(rt, session, parent, date.fromisoformat(payload["diajukan_ke_ki"])),
    }
    case = _linked_case(session, rt, parent, chain.DISPUTE, ticket, "pos", received_at, details, now)
    log = EventLog(session)
    log.append(case, "dispute_recorded", user.username, {"received_at": received_at.isoformat(), **details})
    log.append(
        parent, "dispute_recorded", user.username, {"dispute": ticket, "nomor_register": payload["nomor_register"]}
    )
    start_case(
        session,
        rt,
        case,
        log,
        user.username,
        {
            "case_id": case.id,
            "ticket": ticket,
            "received_at": received_at.isoformat(),
            "mediasi_mungkin": bool(set(details["alasan"]) & chain.AMICABLE_GROUNDS),  # the b-g part
            "keterterimaan_ringkas": chain.admissibility_text(details["keterterimaan"]),
            **{k: details[k] for k in ("ki", "nomor_register", "diajukan_ke_ki", "sidang_pertama", "alasan")},
        },
    )
    return case


def _instant(payload: dict, field: str, now: datetime, past: bool = False) -> datetime | None:
    """An ISO 8601 instant with its time zone (jsonschema leaves "date-time" unchecked without extras)."""
    if not payload.get(field):
        return None
    try:
        value = datetime.fromisoformat(payload[field])
    except ValueError:
        value = None
    if value is None or value.tzinfo is None or (past and value > now):
        when = "waktu lampau / a past instant, " if past else ""
        raise Invalid(
            "data tidak sah / invalid data",
            fields={field: [f"{when}ISO 8601 dengan zona waktu / ISO 8601 with a time zone"]},
        )
    return value


def _linked_case(session, rt, parent, kind, ticket, channel, received_at, details, now) -> Case:
    return new_case(
        session,
        now,
        ticket=ticket,
        kind=kind,
        parent_id=parent.id,
        process_version_id=rt.latest_version_id(session, kind),
        unit_id=parent.unit_id,
        status="diterima",
        requester_party_id=parent.requester_party_id,
        requester_type=parent.requester_type,
        channel=channel,
        access_code_hash=parent.access_code_hash,  # the requester's one code follows the whole chain
        received_at=received_at,
        details=details,
    )


def new_case(session: Session, now: datetime, **fields) -> Case:
    """A new case row, flushed so that it has its id; it has no workflow, deadlines or tasks yet."""
    # Filling workflow_state, deadlines and tasks up front means reading them later needs no query.
    case = Case(created_at=now, updated_at=now, workflow_state=None, deadlines=[], tasks=[], **fields)
    session.add(case)
    session.flush()
    return case


def start_case(session: Session, rt: Runtime, case: Case, log: EventLog, actor: str, data: dict) -> None:
    """Start the case's process with ``data``, run it to its first wait, record what it reached."""
    wf = rt.new_workflow(session, case.process_version_id, data)
    rt.step(wf)
    changes = rt.sync(session, case, wf, log, actor, set())
    rt.save(session, case, wf)
    session.flush()
    _tell_parent(session, rt, case, changes, actor)


def send_case_message(session: Session, rt: Runtime, user: User, case: Case, name: str, payload: dict) -> Case:
    """An event from outside (the Komisi Informasi, a court) recorded by an officer: 409 unless awaited.

    The catch event's lane says which group records it (or a group above it); its
    ``formJsonSchemaFilename`` validates the payload. Messages without one come only from Kawal itself.
    """
    if not isinstance(payload, dict):
        raise Invalid("data harus objek / data must be an object", fields={"data": ["object expected"]})
    wf = rt.load(session, case)
    waiting = rt.waiting_for(wf, name)
    if waiting is None:
        raise Conflict(f"kasus tidak sedang menunggu {name} / the case is not waiting for {name}")
    form = properties(waiting.task_spec).get("formJsonSchemaFilename")
    if not form:
        raise Forbidden("pesan ini hanya dikirim oleh sistem / only Kawal itself sends this message")
    lane = waiting.task_spec.lane
    if lane is not None and lane not in access.supervised_lanes(user):
        raise Forbidden(f"pesan ini dicatat oleh kelompok {lane} / the {lane} group records this message")
    rt.forms.validate(form, payload)
    windows.check_confirmation_allowed(session, case, properties(waiting.task_spec))
    before = rt.completed_ids(wf)
    rt.send_message(wf, name, payload)
    rt.step(wf)
    log = EventLog(session)
    log.append(case, "message_received", user.username, {"message": name, "data": payload})
    changes = rt.sync(session, case, wf, log, user.username, before)
    rt.save(session, case, wf)
    session.flush()
    _tell_parent(session, rt, case, changes, user.username)
    return case


def _tell_parent(session, rt, case, changes, actor) -> None:
    """Milestones with ``parent_message`` (e.g. a granted objection) reach the linked parent case.

    A parent waiting for the message runs on (a request reopens delivery); one that is not (it is
    still being handled) records the news in its history, and its officers carry on.
    """
    if not changes.to_parent or case.parent_id is None:
        return
    parent = session.get(Case, case.parent_id)
    for message, _data in changes.to_parent:
        wf = rt.load(session, parent)
        log = EventLog(session)
        payload = {"ticket": case.ticket, "status": case.status}
        if rt.waiting_for(wf, message) is None:
            log.append(parent, "linked_case_outcome", actor, {**payload, "message": message, "applied": False})
            continue
        before = rt.completed_ids(wf)
        rt.send_message(wf, message, payload)
        rt.step(wf)
        log.append(parent, "linked_case_outcome", actor, {**payload, "message": message, "applied": True})
        rt.sync(session, parent, wf, log, actor, before)
        rt.save(session, parent, wf)
    session.flush()


def find_by_code(session: Session, ticket: str, code: str) -> Case:
    """The requester's way in: ticket + access code. Unknown ticket and wrong code look the same."""
    case = session.scalar(select(Case).where(Case.ticket == (ticket or "").strip().upper()))
    if not tickets.code_matches(case.access_code_hash if case else None, code or ""):
        raise NotFound("tiket atau kode akses salah / wrong ticket or access code")
    return case


def reissue_access_code(session: Session, case: Case, actor: str, reason: str) -> str:
    """Replace a case's access code with a new one and return it (shown once, like the first).

    Only the code's hash is stored, so a code that never reached its owner cannot be shown again: a new
    one is the only way. The old code stops working on every case of the chain it opened (an objection
    follows its request with the request's code). The history records the reissue, never a code.
    """
    old_hash = case.access_code_hash
    code, code_hash = tickets.new_access_code()
    log = EventLog(session)
    for member in chain.members(session, case):
        if member.access_code_hash == old_hash:
            member.access_code_hash = code_hash
            _touch(member)
            log.append(member, "access_code_reissued", actor, {"reason": reason, "for": case.ticket})
    session.flush()
    return code


def _touch(case: Case) -> None:
    case.updated_at = clock.now()  # bumps the version: concurrent work on this case now conflicts


def claim_task(session: Session, user: User, task_id: int) -> HumanTask:
    task = access.require_task(session, user, task_id)
    access.require_work(user, task)
    _require_open(task)
    if task.assignee_id not in (None, user.id):
        raise Conflict(f"sudah diambil oleh {task.assignee.username} / already claimed by {task.assignee.username}")
    if task.assignee_id is None:
        task.assignee, task.claimed_at = user, clock.now()
        _touch(task.case)
        EventLog(session).append(task.case, "task_claimed", user.username, {"task": task.bpmn_id, "task_id": task.id})
    return task


def unclaim_task(session: Session, user: User, task_id: int) -> HumanTask:
    task = access.require_task(session, user, task_id)
    if not access.can_assign(user, task):  # a superior may release anyone's claim
        access.require_work(user, task)
    _require_open(task)
    if task.assignee_id is not None and task.assignee_id != user.id and not access.can_assign(user, task):
        raise Conflict("diambil oleh petugas lain / claimed by another officer")
    if task.assignee_id is not None:
        task.assignee, task.claimed_at = None, None
        _touch(task.case)
        EventLog(session).append(task.case, "task_unclaimed", user.username, {"task": task.bpmn_id, "task_id": task.id})
    return task


def assign_task(session: Session, rt: Runtime, user: User, task_id: int, username: str) -> HumanTask:
    task = access.require_task(session, user, task_id)
    access.require_assign(user, task)
    _require_open(task)
    assignee = session.scalar(select(User).where(User.username == username, User.active.is_(True)))
    if assignee is None:
        raise Invalid("pengguna tidak dikenal / unknown user", fields={"username": ["tidak dikenal / unknown"]})
    if not access.can_work_task(assignee, task):
        raise Invalid(
            "pengguna bukan anggota kelompok tugas / user is not in the task's group",
            fields={"username": [f"bukan anggota {task.lane} / not in {task.lane}"]},
        )
    task.assignee, task.claimed_at = assignee, clock.now()
    _touch(task.case)
    due = next((d for d in task.case.deadlines if d.status == "pending"), None)
    context = {**deadline_context(rt.calendars["strict"], due), "task_title": task.title}
    cause = f"task{task.id}:{assignee.id}:{task.claimed_at.timestamp():.0f}"
    outbox = Outbox(session, rt.settings.notify_channels)
    outbox.to_users(task.case, "task_assigned", cause, [assignee.id], context)
    outbox.write()
    EventLog(session).append(
        task.case,
        "task_assigned",
        user.username,
        {"task": task.bpmn_id, "task_id": task.id, "assignee": assignee.username},
    )
    return task


def complete_task(session: Session, rt: Runtime, user: User, task_id: int, data: dict) -> HumanTask:
    """Complete a user task with its form data and run the case to its next wait state."""
    task = access.require_task(session, user, task_id)
    access.require_work(user, task)
    _require_open(task)
    if task.assignee_id not in (None, user.id):
        raise Conflict(f"sudah diambil oleh {task.assignee.username} / already claimed by {task.assignee.username}")
    if not isinstance(data, dict):
        raise Invalid("data harus objek / data must be an object", fields={"data": ["object expected"]})
    if task.form:
        rt.forms.validate(task.form, data)
    case = task.case
    wf = rt.load(session, case)
    try:
        spiff_task = wf.get_task_from_id(UUID(task.task_guid))
    except TaskNotFoundException:
        spiff_task = None
    if spiff_task is None or spiff_task.state != TaskState.READY:
        raise Conflict("tugas sudah tidak terbuka / the task is no longer open")
    _check_deadline_guard(session, rt, case, spiff_task, data)
    before = rt.completed_ids(wf)
    spiff_task.set_data(**data)
    spiff_task.run()
    rt.step(wf)
    now = clock.now()
    task.state, task.completed_at, task.completed_by_id = "completed", now, user.id
    if task.assignee_id is None:
        task.assignee, task.claimed_at = user, now
    log = EventLog(session)
    log.append(case, "task_completed", user.username, {"task": task.bpmn_id, "task_id": task.id, "data": data})
    changes = rt.sync(session, case, wf, log, user.username, before)
    rt.save(session, case, wf)
    session.flush()
    _tell_parent(session, rt, case, changes, user.username)
    _tell_reporter(session, rt, user, case, properties(spiff_task.task_spec), data)
    return task


def _tell_reporter(session, rt, user, case, props, data) -> None:
    """Tasks marked ``asks_reporter`` / ``tells_reporter`` send a form field to a complaint's reporter."""
    from engine.complaints import tell_reporter, tell_reporter_closure  # complaints builds on this module

    for prop, kind in (("asks_reporter", "question"), ("tells_reporter", "outcome")):
        if props.get(prop) and data.get(props[prop]):
            tell_reporter(session, rt, case, user.username, data[props[prop]], kind)
    if props.get("tells_reporter_closure") and data.get(props["tells_reporter_closure"]):
        tell_reporter_closure(session, rt, case, user.username, data)  # why, and where to go next


def _check_deadline_guard(session, rt, case, spiff_task, data) -> None:
    """A task marked ``mustCompleteBefore`` (e.g. the extension notice before T10) is refused after it.

    A notice task's recorded dispatch date (bounded: not before the receipt, not in the future) is
    what counts, not the moment of the click: the deadline ends at the close of its due day.
    """
    props = properties(spiff_task.task_spec)
    sent = lateness.check_dispatch_date(rt, case, props, data)
    deadline_name = props.get("mustCompleteBefore")
    if not deadline_name:
        return
    condition = props.get("mustCompleteBeforeWhen")
    if condition and not rt.script_engine.environment.evaluate(condition, dict(data)):
        return
    due = session.scalar(
        select(Deadline.due_at)
        .where(Deadline.case_id == case.id, Deadline.name == deadline_name)
        .order_by(Deadline.id.desc())
        .limit(1)
    )
    if due is None:
        return
    due_day = due.astimezone(rt.calendars["strict"].tz).date()
    if (sent > due_day) if sent is not None else clock.now() >= due:
        raise Invalid(
            f"batas waktu {deadline_name} sudah lewat / the {deadline_name} deadline has passed",
            fields={"_schema": [f"harus sebelum {due.isoformat()} / must be done before {due.isoformat()}"]},
        )


def withdraw_request(session: Session, rt: Runtime, case: Case, reason: str | None, actor: str = "pemohon") -> Case:
    """The requester withdraws (status ``dicabut``); every open task and clock of the case ends."""
    if case.closed_at is not None:
        raise Conflict("kasus sudah ditutup / the case is already closed")
    wf = rt.load(session, case)
    before = rt.completed_ids(wf)
    rt.send_message(wf, "permohonan_dicabut", {"reason_given": bool(reason)})
    rt.step(wf)
    log = EventLog(session)
    log.append(case, "request_withdrawn", actor, {"reason": (reason or "")[:2000]})
    rt.sync(session, case, wf, log, actor, before)
    rt.save(session, case, wf)
    session.flush()
    return case


def run_case(session: Session, rt: Runtime, case: Case, actor: str = "system") -> Case:
    """Run a case's due timers (idempotent: a case with nothing due is left unchanged)."""
    if case.closed_at is not None:
        return case
    wf = rt.load(session, case)
    before = rt.completed_ids(wf)
    waiting_before = {t.id for t in wf.get_tasks(state=TaskState.WAITING)}
    rt.step(wf)
    if rt.completed_ids(wf) == before and {t.id for t in wf.get_tasks(state=TaskState.WAITING)} == waiting_before:
        return case
    rt.sync(session, case, wf, EventLog(session), actor, before)
    rt.save(session, case, wf)
    session.flush()
    return case


def _require_open(task: HumanTask) -> None:
    if task.state != "open":
        raise Conflict("tugas sudah tidak terbuka / the task is no longer open")
