"""Writing notifications into the outbox, in the transaction of the change that causes them.

Rows name their recipient by id (an officer) or as "the case's requester"; addresses and names are
looked up only when a message is sent (``notifications.delivery``). Each row's idempotency key
says what caused it, so the same cause never makes the same message twice: the key's unique index
skips a message already written, by this change or an earlier one, or by a concurrent one that
commits first (the insert waits for it, then adds nothing).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from engine import access, citations, clock, proxy_party, stand_ins
from engine.calendar import WorkingCalendar
from engine.catalogs import N_, catalog
from engine.db import per_dialect
from engine.kinds import COMPLAINT
from engine.models import Case, Deadline, Group, HumanTask, Membership, Notification, User

CHANNELS = ("log", "smtp", "webhook")
# The messages about a letter the requester's proxy is copied on ("Tembusan", legal-process.md §3.2): the receipts
# (which name who filed), the notices and the superior's response; and the apology for a late answer, which tells of
# the right the lapse opened (an objection, a dispute) that the proxy exercises for the requester. The proxy gets them
# by e-mail only: the phone they gave is for the desk to call.
PROXY_COPIES = frozenset(
    {
        "receipt",
        "request_registered",
        "objection_receipt",
        "extension_notice",
        "completion_request",
        "decision_notice",
        "objection_response",
        "overdue_apology",
    }
)
PROXY_CHANNELS = ("log", "smtp")
PROXY_COPY = "proxy_party_id"  # the context's key naming the proxy a copy is for (notifications.delivery)
# The context's key marking a message for the proxy as their own, not a copy of the requester's (``to_proxy``).
PROXY_OWN = "to_proxy"
# The context's key naming the kinds of letter a message goes with besides its event's own (a question a task asks
# goes with the letters that task issued the reporter: notifications.case_facts); never rendered.
LETTER_KINDS = "letter_kinds"


def deadline_context(cal: WorkingCalendar, deadline: Deadline | None) -> dict:
    """A deadline as a message states it. Facts, not words: the renderer writes the name, the legal basis and the
    due time in the reader's language (notifications.wording); the Indonesian name is kept for whoever reads the
    row itself."""
    if deadline is None:
        return {"deadline": None}
    today = clock.now().astimezone(cal.tz).date()
    due_local = deadline.due_at.astimezone(cal.tz)
    unit = (deadline.provenance or {}).get("unit", WORKING_DAYS)
    context = {
        "deadline": deadline.name,
        "deadline_label": deadline_label(deadline.name, "id"),
        "legal_basis": legal_basis(deadline, unit),
        "due_at": instant(due_local),
        "working_days_left": cal.working_days_between(today, due_local.date()),
    }
    if unit == CALENDAR_DAYS:  # the renderer counts what is left in days, as the law counts this period
        context["day_unit"] = CALENDAR_DAYS
    return context


def stated(calendars, deadline: Deadline | None) -> dict:
    """``deadline_context`` on the deadline's own calendar (``calendars``: the runtime's, by name): a reporter's
    window is counted on the lenient reading it runs on, the office's own clocks on the strict one."""
    return deadline_context(calendars[deadline.calendar], deadline) if deadline is not None else {"deadline": None}


def own_deadline(task: HumanTask, deadlines, statuses=("pending",)) -> Deadline | None:
    """The deadline ``task`` itself is due by: of its case's ``deadlines``, one in ``statuses`` due when the task
    is (the last armed), or None (a task due by no clock of its own). A staff mail about a task states it."""
    if task.due_at is None:
        return None
    rows = [d for d in deadlines if d.status in statuses and d.due_at == task.due_at]
    return rows[-1] if rows else None


WORKING_DAYS, CALENDAR_DAYS = "working_days", "calendar_days"  # a deadline's unit (engine.calendar.DueDate.unit)


def legal_basis(deadline: Deadline, unit: str) -> str:
    """The deadline's legal basis as a message states it: of a basis naming a rule per unit
    (``citations.BASIS_BY_UNIT``), the rule of ``unit``."""
    by_unit = citations.BASIS_BY_UNIT.get(deadline.legal_basis)
    if by_unit is None or unit not in by_unit:
        return deadline.legal_basis
    return by_unit[unit].format(days=deadline.working_days)


def instant(at: datetime) -> str:
    """A moment as a message's row keeps it: ISO 8601 in the office's local time with its offset, to the minute
    (``2026-12-21T16:00+07:00``), which the renderer writes out as the reader reads dates."""
    return at.isoformat(timespec="minutes")


def deadline_label(name: str, locale: str) -> str:
    """A deadline's name in ``locale`` (``id`` unless ``en``); an unknown name as it is."""
    return catalog(locale).gettext(DEADLINE_LABELS[name]) if name in DEADLINE_LABELS else name


# A deadline's name: English message ids the catalogs translate (engine.catalogs; case.po), for a message to its
# reader (notifications.wording) and the pages (api.web.case) alike.
DEADLINE_LABELS = {
    "T10": N_("Written notice (10 working days)"),
    "UNIT": N_("The unit's answer to the PPID's or the complaint team's request (internal limit)"),
    "ITJEN": N_("Referral of the complaint to the Inspectorate General (internal limit)"),
    "T17": N_("Written notice after the extension (17 working days)"),
    "K_LENGKAP": N_("Time to complete the request"),
    "A30": N_("The PPID superior's response to the objection (30 working days)"),
    "M14": N_("Mediation at the Information Commission (14 working days)"),
    "M21": N_("Extended mediation (14 + 7 working days)"),
    "P14": N_("Respondent's position: appeal to the court against the Commission's decision (14 working days)"),
    "K100": N_("Settlement by the Information Commission (100 working days, for information)"),
    "P14P": N_("The applicant's time to go to court against the Commission's decision (14 working days)"),
    "K14": N_("The agency's decision on cassation (14 days from receiving the judgment)"),
    "K14P": N_("The applicant's time to file for cassation (14 days)"),
    # The office's window on its latest reading, plus the working day a position lodged on its last day is recorded in
    # (sengketa_informasi.bpmn p14_lewat, k14_lewat): once it passes the position task ends, the decision accepted.
    "P14_AKHIR": N_(
        "The office's last day to record its position on the Commission's decision (15 working days, lenient reading)"
    ),
    "K14_AKHIR": N_(
        "The office's last day to record its position on the court's judgment (1 working day after K14, lenient"
        " reading)"
    ),
    "S60": N_("Statutory limit for settling the complaint (60 days from the complete file)"),
    # Neutral on the classification (stage 3, Penelaahan/Verifikasi): a case started before it joined the review
    # keeps its process version, where V3 ends with the verification (engine.complaints.review_classifies).
    "V3": N_("Review and verification of the complaint (3 working days)"),
    "SLA": N_("Settlement of the complaint (service standard)"),
    "BUKTI": N_("Time for the reporter to supply data or evidence"),
    "SERAH": N_("Handing over the information (within the notice period, or after the fee is paid)"),
    "LAKSANA": N_("Carrying out the decision or the mediation agreement"),
    "O30": N_("The requester's objection window (30 working days)"),
    "D14": N_("The requester's window to bring a dispute (14 working days)"),
    "PERSIAPAN": N_(
        "The respondent's preparation before the first hearing: power of attorney and file (internal limit)"
    ),
}


class Outbox:
    """Collects a change's messages, then writes the new ones in one statement (``write``)."""

    def __init__(self, session: Session, channels: tuple[str, ...]):
        self.session = session
        self.channels = tuple(c for c in channels if c in CHANNELS) or ("log",)
        self.created: list[int] = []
        self._wanted: dict[str, dict] = {}

    def to_requester(self, case: Case, event: str, cause: str, context: dict, only: tuple[str, ...] = ()) -> None:
        """``only``: the channels this message may take (e.g. ``PROXY_CHANNELS``: e-mail, never a text message);
        every configured one when empty."""
        if case.requester_party_id is None:
            return
        for channel in self.channels:
            if only and channel not in only:
                continue
            self._add(case, event, channel, None, True, f"{event}:{case.id}:{cause}:requester:{channel}", context)
        if event in PROXY_COPIES:
            self._to_proxy(case, event, cause, context)

    def to_proxy(self, case: Case, event: str, cause: str, context: dict) -> None:
        """A message for the proxy in office alone, sent as their copy is (``_to_proxy``) but as their own mail
        (``PROXY_OWN``: no "Copy:" and no letter's copy line, notifications.rendering): a new access code when the
        requester left no contact a channel reaches (engine.lost_codes)."""
        self._to_proxy(case, event, cause, {**context, PROXY_OWN: True})

    def _to_proxy(self, case: Case, event: str, cause: str, context: dict) -> None:
        """The copy of a message about a letter for the proxy acting for the requester now (the letter's "Tembusan"),
        by e-mail: the row names the proxy's party, whose address is read when it is sent (none: skipped)."""
        proxy = proxy_party.party_id(case)
        if proxy is None:
            return
        for channel in self.channels:
            if channel in PROXY_CHANNELS:
                key = f"{event}:{case.id}:{cause}:proxy{proxy}:{channel}"
                self._add(case, event, channel, None, True, key, {**context, PROXY_COPY: proxy})

    def to_former_contact(self, case: Case, event: str, cause: str, channel: str, context: dict) -> None:
        """One message on ``channel`` to a requester's former address, sealed in ``context`` (former_contacts)."""
        self._add(case, event, channel, None, True, f"{event}:{case.id}:{cause}:requester:{channel}", context)

    def to_users(self, case: Case, event: str, cause: str, user_ids, context: dict) -> None:
        for user_id in sorted(set(user_ids)):
            for channel in self.channels:
                key = f"{event}:{case.id}:{cause}:user{user_id}:{channel}"
                self._add(case, event, channel, user_id, False, key, context)

    def to_staff(self, event: str, cause: str, user_ids, context: dict) -> None:
        """Officers told of something that is no case's (a DIP item falling due): no ticket, no case."""
        for user_id in sorted(set(user_ids)):
            for channel in self.channels:
                self._add(None, event, channel, user_id, False, f"{event}:{cause}:user{user_id}:{channel}", context)

    def _add(self, case, event, channel, user_id, requester, key, context) -> None:
        self._wanted.setdefault(
            key,
            {
                "case_id": case.id if case is not None else None,
                "event": event,
                "channel": channel,
                "recipient_user_id": user_id,
                "to_requester": requester,
                "context": {"ticket": case.ticket, **context} if case is not None else context,
                "idempotency_key": key,
                "created_at": clock.now(),
            },
        )

    def write(self) -> list[int]:
        """Insert the messages whose key is new (a cause already told is not told again); returns the ids of
        every message this outbox has added so far.

        A plain statement, not ORM objects: nothing is left for the change's flush, and no look-up of the keys
        first. The case's row exists already (a new case is flushed before anything tells of it).
        """
        if self._wanted:
            rows, self._wanted = list(self._wanted.values()), {}
            with self.session.no_autoflush:
                self.created += self.session.scalars(_insert_new(self.session), rows).all()
        return self.created


@per_dialect
def _insert_new(insert):
    """INSERT .. ON CONFLICT (idempotency_key) DO NOTHING RETURNING id."""
    return (
        insert(_NOTIFICATION)
        .values(status="pending", attempts=0)
        .on_conflict_do_nothing(index_elements=["idempotency_key"])
        .returning(_NOTIFICATION.c.id)
    )


# Built once, on the tables rather than the mapped classes: plain statements skip the ORM's compile and
# result layers (every run that tells anyone asks them), and none needs pending rows flushed first.
_NOTIFICATION, _USER, _MEMBERSHIP, _GROUP = (m.__table__ for m in (Notification, User, Membership, Group))
_MEMBERS = (
    select(_USER.c.id)
    .join(_MEMBERSHIP, _MEMBERSHIP.c.user_id == _USER.c.id)
    .join(_GROUP, _GROUP.c.id == _MEMBERSHIP.c.group_id)
    .where(_GROUP.c.code.in_(bindparam("groups", expanding=True)), _USER.c.active.is_(True))
)


_MEMBERS_OF_UNIT = _MEMBERS.where(_USER.c.unit_id == bindparam("unit_id"))


def members(session: Session, groups, unit_id: int | None = None) -> list[int]:
    """Ids of the active officers in these groups, of one unit when ``unit_id`` is given (ids only: no officer
    rows are loaded)."""
    groups = [g for g in groups if g]
    if not groups:
        return []
    with session.no_autoflush:  # reads users and groups only, which this change does not touch
        if unit_id is None:
            ids = list(session.scalars(_MEMBERS, {"groups": groups}))
        else:
            ids = list(session.scalars(_MEMBERS_OF_UNIT, {"groups": groups, "unit_id": unit_id}))
    return stand_ins.recipients(session, ids)  # an officer on leave: their substitute instead


def lane_members(session: Session, case: Case, lane: str | None, task_unit_id: int | None = None) -> list[int]:
    """The officers of ``lane`` who may see ``case`` (access.cases_visible_to), told of it and nobody else: a
    unit's officers of their own unit's task only, a complaint team of its own unit's complaints; the PPID desk
    sees every request of the office."""
    if lane == access.UNIT_LANE:
        return members(session, [lane], task_unit_id or case.unit_id)
    if case.kind == COMPLAINT:
        return members(session, [lane], case.unit_id) if lane in access.COMPLAINT_TEAM else []
    return members(session, [lane])


def superior_lane(case: Case, lane: str) -> str | None:
    """Who answers for a lane's late task: a complaint's referred unit answers to the complaint team that referred
    it, never to the PPID (who may not see complaints); otherwise ``access.SUPERIOR_OF``."""
    if case.kind == COMPLAINT and lane == access.UNIT_LANE:
        return "tim_pengaduan"
    return access.SUPERIOR_OF.get(lane)


def audience_users(session: Session, case: Case, audience: str) -> list[int]:
    """Who "assignee", "group" and "superior" are for a case, as officer ids: read from its open tasks."""
    open_tasks: list[HumanTask] = [t for t in case.tasks if t.state == "open"]
    if audience == "assignee":
        return stand_ins.recipients(session, [t.assignee_id for t in open_tasks])
    if audience == "group":
        if not open_tasks and case.kind == COMPLAINT:
            # A complaint waiting for its reporter has no open task: its group is the team that asked (BUKTI's
            # "+1:group", pengaduan.bpmn: the team is reminded to confirm that no evidence came).
            return lane_members(session, case, "tim_pengaduan")
        return sorted({u for t in open_tasks for u in lane_members(session, case, t.lane, t.unit_id)})
    if audience == "superior":
        lanes = {superior_lane(case, t.lane) for t in open_tasks}
        return sorted({u for lane in lanes for u in lane_members(session, case, lane)})
    return []
