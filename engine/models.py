"""The data model (ARCHITECTURE.md "Data"): SQLAlchemy 2 typed models, no Flask.

Queryable facts (status, inbox rows, deadlines) live in their own columns and tables, updated in the
same transaction as the workflow state, so nothing ever deserializes a workflow to list or search.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, object_session, relationship
from sqlalchemy.orm.exc import DetachedInstanceError
from sqlalchemy.types import TypeDecorator

from engine import clock

# session.info key: until when nobody is on leave, as engine.stand_ins.anyone_away found it in the session's
# current transaction (User.acting_groups then needs no read of the officer's leaves).
NOBODY_AWAY_UNTIL = "kawal_nobody_away_until"
NOT_KNOWN = datetime.min.replace(tzinfo=UTC)

# The groups a stand-in holds for a colleague on leave (engine.absence): the lanes of the everyday work.
DELEGABLE_GROUPS = frozenset({"petugas_layanan", "unit_pengolah", "ppid", "atasan_ppid", "tim_pengaduan"})

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Timezone-aware datetimes stored in UTC; SQLite hands back naive values, which are UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC) if value is not None else None


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime, dict: JSON, list: JSON}


class ProcessVersion(Base):
    """One deployed BPMN file content; running cases keep the version they started on."""

    __tablename__ = "process_version"
    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[str] = mapped_column(String(100), index=True)
    file_name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    spec_json: Mapped[str] = mapped_column(Text)
    deployed_at: Mapped[datetime]


class Unit(Base):
    __tablename__ = "unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # A unit dissolved or merged is deactivated (engine.units), never deleted: its cases and letters keep naming it,
    # the filters and registers still list it, but no referral or officer's account may choose it.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class ChainedRecord:
    """The columns of an administrator's record that engine.access_log hash-chains, one chain per table: when, who
    (a username, or ``cli``), what (``type`` and ``data``), and the hashes that link it to the record before."""

    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(80))
    type: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class UnitEvent(ChainedRecord, Base):
    """What an administrator did to one of the office's units (engine.units): added it, or corrected its name
    (``data``: the name before and after). ``actor`` is the administrator's username, or ``cli`` for ``kawal units``."""

    __tablename__ = "unit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)


class Group(Base):
    __tablename__ = "group"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class User(Base):
    __tablename__ = "user"
    # A NIP is its 18 digits alone (engine.nip checks the dates in them): ltrim leaves nothing of a string of
    # ASCII digits, on SQLite and PostgreSQL alike.
    __table_args__ = (
        CheckConstraint("nip IS NULL OR (length(nip) = 18 AND ltrim(nip, '0123456789') = '')", name="nip_digits"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))  # where staff notifications go
    # The civil servant's number, printed under their name on the letters they sign (engine.letters.signers);
    # none for an officer who is not a civil servant (honorer, PPNPN). Personal data: administrators see it.
    nip: Mapped[str | None] = mapped_column(String(18))
    locale: Mapped[str] = mapped_column(String(5), default="id", server_default="id")
    password_hash: Mapped[str] = mapped_column(String(200))
    # The password was set by an administrator (a new account, a reset: engine.accounts), who knows it: the officer
    # changes it at their next login before anything else (api.web.account, api.auth); cleared by their own change.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    created_at: Mapped[datetime]
    # The TOTP second factor (engine.totp): the shared secret sealed by the vault; set at enrolment and
    # in force once ``totp_enabled_at`` is; ``totp_last_step`` refuses a code used a second time.
    totp_secret: Mapped[bytes | None] = mapped_column(LargeBinary)
    totp_key_id: Mapped[str | None] = mapped_column(String(16))
    totp_enabled_at: Mapped[datetime | None]
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    groups: Mapped[list[Group]] = relationship(secondary="membership", lazy="selectin")
    # Colleagues' leaves in which this officer is the substitute (engine.absence); read on first use.
    substituting: Mapped[list[Absence]] = relationship(
        foreign_keys="Absence.substitute_id", lazy="select", viewonly=True, order_by="Absence.id"
    )

    @property
    def own_group_codes(self) -> frozenset[str]:
        """The groups the officer is a member of, without any colleague's lanes held in their absence."""
        return frozenset(g.code for g in self.groups)

    @property
    def group_codes(self) -> frozenset[str]:
        """The officer's groups, plus the lanes of colleagues on leave whom they stand in for now."""
        return self.own_group_codes | self.acting_groups()

    def acting_groups(self) -> frozenset[str]:
        """The work lanes (``DELEGABLE_GROUPS``) of the colleagues whose leave, now, this officer stands in for
        (engine.absence): never admin, auditor or the WBS managers' sealed identities."""
        session = object_session(self)
        if session is not None and clock.now() < session.info.get(NOBODY_AWAY_UNTIL, NOT_KNOWN):
            return frozenset()  # nobody is on leave now (engine.stand_ins): no need to read this officer's leaves
        try:
            rows = self.substituting
        except DetachedInstanceError:
            return frozenset()
        if not rows:
            return frozenset()
        now = clock.now()
        held: set[str] = set()
        for leave in rows:
            if leave.cancelled_at is None and leave.starts_at <= now < leave.ends_at:
                held |= leave.user.own_group_codes & DELEGABLE_GROUPS
        return frozenset(held)


class AccountEvent(ChainedRecord, Base):
    """What an administrator did to an officer's account (engine.accounts): created it, changed its name, e-mail,
    unit or groups, deactivated or activated it, set a new password, removed the second factor, ended its
    sessions; and an officer's change of their own password (``password_changed``, by the officer). ``data`` names
    the fields that changed and the groups added or removed, never a password, a code or an address; ``actor`` is
    the administrator's (or that officer's) username, or ``cli`` for the server's own ``kawal users``."""

    __tablename__ = "account_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)


class Membership(Base):
    __tablename__ = "membership"
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), primary_key=True)


class Party(Base):
    """The identity vault: a person's name, NIK and contacts, encrypted at rest (engine.vault)."""

    __tablename__ = "party"
    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(40))
    key_id: Mapped[str] = mapped_column(String(16))
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]


class Case(Base):
    """One case = one BPMN process instance. ``status`` is the internal vocabulary (engine.status)."""

    __tablename__ = "case"
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    # Indexed: a requester's status and every case page look up the case's objections and disputes by it.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"), index=True)
    process_version_id: Mapped[int] = mapped_column(ForeignKey("process_version.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    status: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str | None] = mapped_column(String(40))
    overdue: Mapped[bool] = mapped_column(Boolean, default=False)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    # Complaints: anonim (no identity at all), rahasia (the complaint team only), whistleblower (sealed:
    # revealed only by a request approved by a second WBS manager). None for PPID cases.
    reporter_mode: Mapped[str | None] = mapped_column(String(20))
    requester_party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"))
    requester_type: Mapped[str | None] = mapped_column(String(40))
    details: Mapped[dict] = mapped_column(default=dict)  # what is asked and how; never the requester's identity
    # The case's subject in one line (what is asked, the complaint's matter), for the inbox and its text search.
    subject: Mapped[str] = mapped_column(String(300), default="", server_default="")
    channel: Mapped[str] = mapped_column(String(20))
    access_code_hash: Mapped[str] = mapped_column(String(64))
    # A new code mailed for a lost one (engine.lost_codes), waiting for its first use: until then the old code
    # still opens the case; that use makes it the case's code and ends the old one. Never the code itself.
    pending_code_hash: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[datetime]
    due_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Since when the open case has had no open task (engine.sync): it waits for someone outside the office
    # (engine.waiting). None while a task is open, and once it is closed.
    awaiting_since: Mapped[datetime | None]
    # What the open case waits to hear from outside, that an officer records on its page (engine.sync: each waiting
    # message event with a form, [{"name", "lane"}]); None when nothing. Read by the list of waiting cases.
    awaiting_events: Mapped[list | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    # The head of the case's event chain (engine.audit): appending needs no read, and a truncated
    # history no longer matches it.
    event_seq: Mapped[int] = mapped_column(Integer, default=0)
    event_hash: Mapped[str] = mapped_column(String(64), default="0" * 64)
    deadlines: Mapped[list[Deadline]] = relationship(order_by="Deadline.id", lazy="select")
    tasks: Mapped[list[HumanTask]] = relationship(order_by="HumanTask.id", lazy="select", back_populates="case")
    workflow_state: Mapped[WorkflowState | None] = relationship(lazy="select")
    __mapper_args__ = {"version_id_col": version}  # optimistic lock: two runs of one case never interleave
    __table_args__ = (
        CheckConstraint("channel IN ('langsung','web','email','pos','telepon','lapor','medsos')", name="channel_known"),
        CheckConstraint("reporter_mode IN ('anonim','rahasia','whistleblower')", name="reporter_mode_known"),
        Index("ix_case_kind_status", "kind", "status"),
        Index("ix_case_requester_party_id", "requester_party_id"),  # the inbox's search by name or NIK
        # The open cases no officer holds a task in, alone (engine.waiting).
        Index(
            "ix_case_awaiting_since",
            "awaiting_since",
            sqlite_where=text("awaiting_since IS NOT NULL"),
            postgresql_where=text("awaiting_since IS NOT NULL"),
        ),
    )


class WorkflowState(Base):
    """The case's serialized SpiffWorkflow instance, without its spec. Loaded only to run the engine."""

    __tablename__ = "workflow_state"
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), primary_key=True)
    serializer_version: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class HumanTask(Base):
    """The inbox: one row per READY manual task of a case."""

    __tablename__ = "human_task"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    task_guid: Mapped[str] = mapped_column(String(36), unique=True, insert_sentinel=True)  # see CaseEvent.hash
    bpmn_id: Mapped[str] = mapped_column(String(100))
    process_id: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(300))
    lane: Mapped[str | None] = mapped_column(String(40))
    form: Mapped[str | None] = mapped_column(String(200))
    instructions: Mapped[str | None] = mapped_column(Text)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # A task referred to one unit (BPMN property unit_from): only that unit's officers see and work it.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    claimed_at: Mapped[datetime | None]
    due_at: Mapped[datetime | None]
    state: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime]
    completed_at: Mapped[datetime | None]
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # Copies of the case's facts the inbox sorts by, written with the row at every run (engine.sync), so a
    # page of the inbox is one indexed read of this table (engine.inbox_list): the case's stage, its
    # receipt, and the urgency instant (engine.sync._sort_facts): the due date, the lapse of a case flagged
    # overdue (late tasks first), or for a task with no deadline a rank after every dated one (last).
    stage: Mapped[str | None] = mapped_column(String(40))
    received_at: Mapped[datetime | None]
    sort_at: Mapped[datetime | None]
    # The case's ``overdue`` flag and unit, copied the same way: the header counts the late tasks of a late case
    # from an index, and the complaint team's queue by its unit (engine.access.open_tasks_rule), instead of
    # joining every open task to its case (engine.inbox_list.counts). A copy, so no foreign key of its own.
    case_overdue: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    case_unit_id: Mapped[int | None] = mapped_column(Integer)
    # The task's follow-up (engine.follow_ups): the day's 08:00 to come back to it, a note read by whoever works the
    # task, and when the reconcile sweep told its holder (once).
    follow_up_at: Mapped[datetime | None]
    follow_up_note: Mapped[str | None] = mapped_column(String(200))
    follow_up_sent_at: Mapped[datetime | None]
    # Many-to-one by primary key: a lazy load is served from the session when the row is there already.
    case: Mapped[Case] = relationship(back_populates="tasks")
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    __table_args__ = (
        CheckConstraint("state IN ('open','completed','cancelled')", name="state_known"),
        Index("ix_human_task_state_lane", "state", "lane"),
        Index("ix_human_task_state_sort_at_id", "state", "sort_at", "id"),
        Index("ix_human_task_state_received_at_id", "state", "received_at", "id"),
        Index("ix_human_task_state_stage_sort_at_id", "state", "stage", "sort_at", "id"),
        Index("ix_human_task_assignee_id_state_sort_at", "assignee_id", "state", "sort_at"),
        # The header's counts read only this index (open, overdue, mine of a queue; engine.inbox_list.counts).
        Index("ix_human_task_state_lane_counts", "state", "lane", "process_id", "due_at", "assignee_id"),
        Index("ix_human_task_state_case_overdue_lane", "state", "case_overdue", "lane"),
        # The follow-ups not yet told, by day: every reconcile looks (engine.follow_ups.sweep_due).
        Index(
            "ix_human_task_follow_up_at",
            "follow_up_at",
            sqlite_where=text("follow_up_sent_at IS NULL AND follow_up_at IS NOT NULL"),
            postgresql_where=text("follow_up_sent_at IS NULL AND follow_up_at IS NOT NULL"),
        ),
    )


class Deadline(Base):
    """One row per waiting timer that is a deadline, with its legal basis and provenance."""

    __tablename__ = "deadline"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    task_guid: Mapped[str] = mapped_column(String(36), unique=True, insert_sentinel=True)  # see CaseEvent.hash
    name: Mapped[str] = mapped_column(String(40))
    legal_basis: Mapped[str] = mapped_column(String(200))
    calendar: Mapped[str] = mapped_column(String(20))
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    start_at: Mapped[datetime]
    working_days: Mapped[int]
    due_at: Mapped[datetime]
    provenance: Mapped[dict]
    status: Mapped[str] = mapped_column(String(20), default="pending")
    # agency: the office must act by then (a lapse is "missed", overdue, escalated); window: the office
    # may act by then (a lapse just ends the option: "lapsed", e.g. P14); info: another body's clock
    # shown for orientation (K100, mediation), never a task's due date.
    kind: Mapped[str] = mapped_column(String(10), default="agency", server_default="agency")
    closed_at: Mapped[datetime | None]
    # The date the notice that answers this deadline was dispatched, as recorded on it (bounded: not
    # before the receipt, not in the future): the deadline is met by that date, not by the moment an
    # officer clicks (engine.lateness). None until the answer is recorded.
    met_on: Mapped[date | None] = mapped_column(Date)
    reminders: Mapped[list[Reminder]] = relationship(back_populates="deadline", order_by="Reminder.id")
    __table_args__ = (
        CheckConstraint("status IN ('pending','met','missed','lapsed','superseded','cancelled')", name="status_known"),
        CheckConstraint("kind IN ('agency','window','info')", name="kind_known"),
        Index("ix_deadline_status_due_at", "status", "due_at"),
    )


class CaseEvent(Base):
    """Append-only history, hash-chained per case (engine.audit)."""

    __tablename__ = "case_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"))
    seq: Mapped[int]
    at: Mapped[datetime] = mapped_column(index=True)
    type: Mapped[str] = mapped_column(String(60))
    actor: Mapped[str] = mapped_column(String(80))
    data: Mapped[dict]
    prev_hash: Mapped[str] = mapped_column(String(64))
    # insert_sentinel: a unique value set before the INSERT lets SQLAlchemy write a flush's new rows in one
    # INSERT .. RETURNING (SQLite has no implicit sentinel for an integer key: else one statement per row).
    hash: Mapped[str] = mapped_column(String(64), insert_sentinel=True)
    __table_args__ = (
        UniqueConstraint("case_id", "seq", name="uq_case_event_case_seq"),
        # Events of some kinds across every case, newest first: the auditor's identity reads (engine.identity_reads).
        Index("ix_case_event_type_at", "type", "at"),
    )


class ChainCheck(Base):
    """A hash chain check that ran to its end (engine.audit.record): the nightly ``kawal audit verify`` and the
    auditor console's checks, so that an auditor without a shell sees what the night found."""

    __tablename__ = "chain_check"
    id: Mapped[int] = mapped_column(primary_key=True)
    finished_at: Mapped[datetime] = mapped_column(index=True)
    seconds: Mapped[float] = mapped_column(Float)
    by: Mapped[str] = mapped_column(String(80))  # an officer's username, or "kawal audit verify"
    scope: Mapped[dict]  # {"from": .., "to": .., "process": ..}: empty for the whole history
    checked_cases: Mapped[int]
    checked_events: Mapped[int]
    breaks_total: Mapped[int]
    breaks: Mapped[list]  # the first breaks found: [{"ticket", "seq", "reason"}]
    # The access changes' chains as the check found them, {kind: {"records", "broken_at"}} (engine.access_log):
    # None where they were not walked (the API's check of a period walks the cases' chains only).
    access: Mapped[dict | None]


class AuditRead(Base):
    """An auditor's read of the history (engine.audit.record_read): an export (the API's, the console's, ``kawal
    audit export``), an anchor downloaded from the console or checked there. Who read what is kept as what was
    changed is (separation of duties): the console lists them beside the chain checks. Never personal data: the
    scope is the period, the process and the ticket chosen."""

    __tablename__ = "audit_read"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    by: Mapped[str] = mapped_column(String(80))  # an officer's username, or "kawal audit export" (the server)
    action: Mapped[str] = mapped_column(String(20))  # export, anchor (downloaded), anchor_check
    channel: Mapped[str] = mapped_column(String(10))  # api, console, cli
    scope: Mapped[dict]  # {"from", "to", "process", "ticket"}: the values chosen only; empty for the whole history
    format: Mapped[str | None] = mapped_column(String(10))  # jsonl, csv, xlsx; None for an anchor


class RequesterCorrection(Base):
    """A requester's own request to correct their data (engine.requester_data.ask), filed with the case's ticket and
    access code: the data they give, sealed by the vault (``context``), until the PPID desk applies it (through the
    desk's correction, which may still mend it) or refuses it with a reason told to the requester. UU 27/2022 asks
    for the correction within 3 x 24 hours (``due_at``). A later request of the same requester replaces a pending
    one (``replaced``)."""

    __tablename__ = "requester_correction"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"))
    context_key_id: Mapped[str] = mapped_column(String(16))
    context: Mapped[bytes] = mapped_column(LargeBinary)
    asked_at: Mapped[datetime]
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending, applied, refused, replaced
    decided_by: Mapped[str | None] = mapped_column(String(80))
    decided_at: Mapped[datetime | None]
    refusal: Mapped[str | None] = mapped_column(Text)  # the desk's words to the requester, never in the history
    escalated_at: Mapped[datetime | None]  # when the PPID was told it is overdue (reconcile, once)
    reminded_at: Mapped[datetime | None]  # when the desk was reminded, in the request's last day (reconcile, once)
    # The desk's list of what waits, most urgent first.
    __table_args__ = (Index("ix_requester_correction_status_due_at", "status", "due_at"),)


class TicketCounter(Base):
    """A yearly counter: a register's sequence per prefix, and a letter type's (prefix ``surat:<series>``)."""

    __tablename__ = "ticket_counter"
    prefix: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class HolidayOverrideRow(Base):
    """The admin override table of the working-day calendar (engine.calendar.HolidayOverride)."""

    __tablename__ = "holiday"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    is_working: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(String(200))
    calendars: Mapped[str] = mapped_column(String(40), default="strict,lenient")
    created_at: Mapped[datetime]
    created_by: Mapped[str | None] = mapped_column(String(80))
    __table_args__ = (UniqueConstraint("day", "calendars", name="uq_holiday_day_calendars"),)


class CalendarEvent(ChainedRecord, Base):
    """What an administrator changed in the working-day calendar (engine.holidays, engine.holiday_years): a holiday
    override added or removed, a year's cuti bersama confirmed. ``subject``: the override's id (kept after its row is
    removed) or the year. Hash-chained as the account and unit records are (engine.access_log)."""

    __tablename__ = "calendar_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[int]


class FeeEvent(ChainedRecord, Base):
    """An item of the fee standard priced from a date by an administrator (engine.fees.add_rate): what a requester
    pays for copies and postage. ``data``: the item, the price, the date and the legal basis, as the ``FeeRate`` row
    states them. Hash-chained as the account, unit and calendar records are (engine.access_log)."""

    __tablename__ = "fee_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    fee_rate_id: Mapped[int] = mapped_column(ForeignKey("fee_rate.id"))


class HolidayYear(Base):
    """A year whose holidays and cuti bersama the admin confirmed against the SKB (engine.holiday_years).

    A year the ``holidays`` package lists no cuti bersama for, and nobody confirmed, makes every
    deadline reaching into it flagged; the package's estimated dates ("perkiraan") are shown as
    estimated until the year is confirmed here.
    """

    __tablename__ = "holiday_year"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    confirmed_at: Mapped[datetime]
    confirmed_by: Mapped[str] = mapped_column(String(80))
    note: Mapped[str | None] = mapped_column(String(200))


class Reminder(Base):
    """A notice scheduled before or after a deadline; unique per (deadline, kind, instant), so sent once.

    ``kind`` is the offset in working days from the due date (``T-3``, ``T-1``, ``T0``, ``T+1``) and
    ``audience`` who receives it (``assignee``, ``group``, ``superior``, ``requester``, comma-separated),
    both from the timer's properties in the BPMN file.
    """

    __tablename__ = "reminder"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadline.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    audience: Mapped[str] = mapped_column(String(100))
    fire_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    deadline: Mapped[Deadline] = relationship(back_populates="reminders")
    __table_args__ = (
        UniqueConstraint("deadline_id", "kind", "fire_at", name="uq_reminder_deadline_kind_fire_at"),
        CheckConstraint("status IN ('pending','sent','cancelled','incident')", name="status_known"),
        Index("ix_reminder_status_fire_at", "status", "fire_at"),
    )


class Notification(Base):
    """The outbox: one message to one recipient on one channel, written in the transaction of its cause.

    It holds ids, never addresses or names: the recipient (a user, or the case's requester) is
    resolved when the message is sent. ``idempotency_key`` makes every message exist once.
    """

    __tablename__ = "notification"
    id: Mapped[int] = mapped_column(primary_key=True)
    # None for a message about no case: a DIP item falling due (engine.dip_due) is told to its unit.
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(60))  # template name, e.g. deadline_reminder, receipt
    channel: Mapped[str] = mapped_column(String(20))  # smtp | webhook | log
    recipient_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    to_requester: Mapped[bool] = mapped_column(Boolean, default=False)
    context: Mapped[dict]  # ids and facts for the template; no personal data
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True, insert_sentinel=True)  # CaseEvent.hash
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    claimed_at: Mapped[datetime | None]  # when a sender took it; a stale claim goes back to pending
    sent_at: Mapped[datetime | None]
    __table_args__ = (
        CheckConstraint("status IN ('pending','sending','sent','skipped','incident')", name="status_known"),
        CheckConstraint("channel IN ('smtp','webhook','log')", name="channel_known"),
        Index("ix_notification_status_created_at", "status", "created_at"),
    )


class LoginFailure(Base):
    """One failed officer login, kept for the throttle's window (engine.throttle) and then pruned.

    ``username`` is the name as typed, lower-cased, whether or not such an officer exists.
    """

    __tablename__ = "login_failure"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    __table_args__ = (
        Index("ix_login_failure_username_at", "username", "at"),
        Index("ix_login_failure_address_at", "address", "at"),
        Index("ix_login_failure_at", "at"),  # pruning on every write stays cheap under a distributed run
    )


class Submission(Base):
    """A portal form that filed a case, kept for a day (engine.submissions), so a sending of it again
    finds that case even when the first answer, and the cookie it set, never reached the browser.

    ``key_hash`` is the HMAC of the form's random submission key under the app's secret, never the key.
    Written in the transaction that files the case: a filing that did not happen leaves no row.
    """

    __tablename__ = "submission"
    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(index=True)  # pruning on every write stays cheap


class Incident(Base):
    """A job that kept failing: visible to admins (API, CLI) until someone retries or resolves it.

    ``close_reason``: why an administrator closed it without retrying its work (notifications.incidents.close)."""

    __tablename__ = "incident"
    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(100), index=True)  # e.g. notification:12, reminder:5, case:3
    message: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(80))
    close_reason: Mapped[str | None] = mapped_column(String(300))


class CaseMessage(Base):
    """The two-way follow-up of a complaint without an account: the team's questions, the reporter's answers.

    ``direction`` is ``to_reporter`` (a question or the outcome, written by an officer) or
    ``from_reporter``. Bodies never hold the reporter's identity unless the reporter wrote it.
    A message Kawal words itself (engine.reporter_words) names its words (``code``) and their parameters
    (``params``: the officer's reason among them, as typed), worded when read in the reader's language; its ``body``
    keeps them in Bahasa Indonesia as written then. A message without a code is read as its body.
    A request's or an objection's requester writes to the desk from the portal too (engine.requester_messages):
    ``from_reporter``, ``kind`` ``requester``, ``author`` ``pemohon``.
    """

    __tablename__ = "case_message"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20), default="message")  # question, answer, outcome, message
    body: Mapped[str] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(String(40))
    params: Mapped[dict | None]
    author: Mapped[str] = mapped_column(String(80))  # an officer's username, or "pelapor"
    reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("case_message.id"))
    created_at: Mapped[datetime]
    attachments: Mapped[list[Attachment]] = relationship(order_by="Attachment.id", lazy="selectin")
    __table_args__ = (CheckConstraint("direction IN ('to_reporter','from_reporter')", name="direction_known"),)


class Attachment(Base):
    """A file kept outside the database (encrypted, under a random name); the row holds its facts.

    A reporter's file belongs to a message; an officer's file to the task whose form field
    (``field``, an ``x-kawal-file`` field) took it, or to the case's filing (``field`` only: a scanned
    paper request). Workflow data holds only the row's id. ``scan`` is what the personal-data scan
    counted, by kind (engine.pii_scan), never the values found.
    An officer may also put a file on the case with an internal note (``note_id``): it never reaches the
    requester. A redacted file handed over names its original (``original_id``: kept internal, never
    delivered) and each redaction's Pasal 17 letter, page and register entry (``redactions``,
    engine.redaction).
    """

    __tablename__ = "attachment"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("case_message.id"))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("human_task.id"))
    field: Mapped[str | None] = mapped_column(String(80))
    uploaded_by: Mapped[str | None] = mapped_column(String(80))  # an officer's username; None: the reporter
    scan: Mapped[dict | None]
    original_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id"))
    redactions: Mapped[list | None]
    note_id: Mapped[int | None] = mapped_column(ForeignKey("case_note.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(200))  # sanitized, for Content-Disposition
    media_type: Mapped[str] = mapped_column(String(100))  # from the content's signature, not the upload's claim
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)
    key_id: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]


class RevealRequest(Base):
    """Asking to see a sealed (whistleblower) identity: a handler asks with a reason, a second WBS manager decides."""

    __tablename__ = "reveal_request"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    reason: Mapped[str] = mapped_column(Text)
    requested_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20), default="pending")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (CheckConstraint("status IN ('pending','approved','refused')", name="status_known"),)


# -- The public information list (DIP, UU 14/2008 Pasal 9-11, Perki 1/2021) -------------------------------------
# engine.dip changes items, engine.search finds them, engine.dip_due reminds of periodic ones.

DIP_CATEGORIES = ("berkala", "serta_merta", "setiap_saat", "dikecualikan")


class SearchVector(TypeDecorator):
    """PostgreSQL's ``tsvector``; plain text elsewhere (SQLite searches its FTS5 table, engine.search).

    Written by the database alone (a trigger from ``search_text``), never by the ORM.
    """

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import TSVECTOR

            return dialect.type_descriptor(TSVECTOR())
        return dialect.type_descriptor(Text())


class DipItem(Base):
    """One entry of the Daftar Informasi Publik: what the office holds, which unit holds it, how it is public.

    ``category``: berkala (published periodically, every ``rhythm_months``), serta_merta (published at once,
    with a notice on the portal's front page until ``notice_until``), setiap_saat (available at any time),
    dikecualikan (exempt: listed with its exemption, never with a file or a link). ``next_due_at`` is when a
    periodic item's next edition is due (its ``made_on`` plus the rhythm); reminders are planned from it.
    ``exemption_id`` points into the exemption register (``Exemption``: the head's determination, its decree
    and period); an item listed before its entry exists describes its exemption in ``exemption_note``.
    ``search_text`` is the stemmed text the search indexes (engine.search); the database keeps its index in
    step by triggers. Every change appends a ``DipItemVersion``: the history of who changed what and when.
    """

    __tablename__ = "dip_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(60), unique=True)  # the office's own number, if it has one
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    made_on: Mapped[date | None] = mapped_column(Date)
    retention: Mapped[str] = mapped_column(String(200), default="")
    format: Mapped[str] = mapped_column(String(200), default="")
    legal_basis: Mapped[str] = mapped_column(String(300), default="")
    url: Mapped[str | None] = mapped_column(String(1000))
    rhythm_months: Mapped[int | None] = mapped_column(Integer)
    exemption_id: Mapped[int | None] = mapped_column(ForeignKey("exemption.id"))  # the exemption register's entry
    exemption_note: Mapped[str | None] = mapped_column(Text)
    # Who answers for making or issuing the information, and where it was made (the list's columns "penanggung jawab
    # pembuatan/penerbitan informasi" and "tempat pembuatan"); None on items listed before they were asked for.
    responsible: Mapped[str | None] = mapped_column(String(200))
    made_in: Mapped[str | None] = mapped_column(String(200))
    # A unit's change to its published item, held for the PPID to publish (engine.dip.propose_revision): the form's
    # data, who proposed it and when. The public sees the item as published until the PPID publishes the revision.
    pending_revision: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    published_at: Mapped[datetime | None]
    notice_until: Mapped[datetime | None]
    next_due_at: Mapped[datetime | None] = mapped_column(index=True)
    file_name: Mapped[str | None] = mapped_column(String(200))
    file_media_type: Mapped[str | None] = mapped_column(String(100))
    file_size: Mapped[int | None] = mapped_column(Integer)
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    file_storage_key: Mapped[str | None] = mapped_column(String(64))
    file_key_id: Mapped[str | None] = mapped_column(String(16))
    search_text: Mapped[str] = mapped_column(Text, default="")
    search_vector: Mapped[str | None] = mapped_column(SearchVector, deferred=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    unit: Mapped[Unit] = relationship(lazy="joined")
    __mapper_args__ = {"version_id_col": version}  # two officers editing one item: the second one conflicts
    __table_args__ = (
        CheckConstraint("category IN ('berkala','serta_merta','setiap_saat','dikecualikan')", name="category_known"),
        CheckConstraint("status IN ('draft','published','withdrawn')", name="status_known"),
        CheckConstraint("category = 'berkala' OR rhythm_months IS NULL", name="rhythm_only_periodic"),
        CheckConstraint("rhythm_months IS NULL OR rhythm_months BETWEEN 1 AND 60", name="rhythm_range"),
        CheckConstraint(
            "category <> 'dikecualikan' OR (url IS NULL AND file_storage_key IS NULL)", name="exempt_not_given_out"
        ),
        CheckConstraint(
            "category <> 'dikecualikan' OR exemption_id IS NOT NULL OR exemption_note IS NOT NULL",
            name="exempt_has_exemption",
        ),
        Index("ix_dip_item_status_title", "status", "title"),  # browsing: published items by title
        Index("ix_dip_item_search_vector", "search_vector", postgresql_using="gin"),
    )


class DipItemVersion(Base):
    """An item as it was after one change (append-only): the snapshot, what was done, who did it and when."""

    __tablename__ = "dip_item_version"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("dip_item.id", ondelete="CASCADE"))
    version: Mapped[int]
    action: Mapped[str] = mapped_column(String(30))  # created, updated, imported, published, withdrawn, file_added
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime]
    data: Mapped[dict]
    __table_args__ = (UniqueConstraint("item_id", "version", name="uq_dip_item_version_item_version"),)


class DipReminder(Base):
    """A notice before a periodic item's next edition is due (to its unit) or after it (to the PPID).

    Like ``Reminder`` for case deadlines: unique per (item, kind, due instant), so each is sent once;
    swept by reconcile through ``(status, fire_at)``. A change of the due instant cancels the pending ones.
    """

    __tablename__ = "dip_reminder"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("dip_item.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # T-5 (the unit, before), T+1 (the PPID, overdue)
    due_at: Mapped[datetime]
    fire_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20), default="pending")
    sent_at: Mapped[datetime | None]
    __table_args__ = (
        UniqueConstraint("item_id", "kind", "due_at", name="uq_dip_reminder_item_kind_due_at"),
        CheckConstraint("status IN ('pending','sent','cancelled')", name="status_known"),
        Index("ix_dip_reminder_status_fire_at", "status", "fire_at"),
    )


class ServicePage(Base):
    """A published page of the office (Perki 1/2021): the service charter, the SOP, the fee standard, the hours.

    Append-only: each edit adds the next ``version`` of its ``slug``; the page shown is the highest.
    """

    __tablename__ = "service_page"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40))
    version: Mapped[int]
    body_id: Mapped[str] = mapped_column(Text)
    body_en: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime]
    __table_args__ = (
        UniqueConstraint("slug", "version", name="uq_service_page_slug_version"),
        CheckConstraint("slug IN ('maklumat','sop','biaya','jam_layanan')", name="slug_known"),
    )


class AuthSession(Base):
    """A login that is still open: an officer's page session or API token, or a portal visitor's verified case.

    The cookie or token carries a random id; the row holds only its SHA-256, so a copy of the table
    opens nothing. Logging out, "close my case on this device", ``kawal users end-sessions``, a
    password reset and deactivation delete rows, and a request whose row is gone is no longer logged in.
    ``data`` holds a portal session's verified tickets (never a code). ``second_factor`` says the login
    passed TOTP (needed to approve an identity reveal).
    """

    __tablename__ = "auth_session"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    second_factor: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[dict | None]
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)  # pruning on every login stays cheap
    __table_args__ = (
        CheckConstraint("kind IN ('web','api','portal')", name="kind_known"),
        CheckConstraint("kind = 'portal' OR user_id IS NOT NULL", name="officer_has_user"),
    )


class PortalReceipt(Base):
    """A portal filing's receipt, waiting to be shown (once) or shown again to a form sent twice
    (engine.portal_receipts), for minutes.

    The browser's cookie carries a random id; the row holds its SHA-256 and the receipt sealed by the vault,
    bound to that hash: neither the cookie, which is signed, not encrypted, nor a copy of the table shows a
    ticket, an access code or a reporter's mode. Deleted when shown, when the visitor closes their case on the
    device, or once its time is up.
    """

    __tablename__ = "portal_receipt"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    key_id: Mapped[str] = mapped_column(String(16))
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    expires_at: Mapped[datetime] = mapped_column(index=True)  # pruning on every write stays cheap


class Tally(Base):
    """One counted use by the public (engine.quotas, engine.codes): a filing, a message, its bytes, a wrong
    access code, a refusal. Counted in the database so every process sees the same numbers; pruned after a day.

    ``key`` is ``case:<id>``, ``ticket:<ticket>`` or ``addr:<keyed hash>``: a public caller's address is
    kept only as an HMAC under the app's secret, never as typed, and only for the window it counts in.
    """

    __tablename__ = "tally"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(80))
    amount: Mapped[int] = mapped_column(Integer, default=1)
    at: Mapped[datetime] = mapped_column(index=True)
    __table_args__ = (Index("ix_tally_kind_key_at", "kind", "key", "at"),)


class RecoveryCode(Base):
    """A one-time recovery code for an officer's second factor, stored only as its Argon2 hash."""

    __tablename__ = "recovery_code"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(200))
    used_at: Mapped[datetime | None]


# -- The officers' workbench (issue 11): search, saved filters, internal notes, absences ---------------------


class PartyToken(Base):
    """A blind index of the identity vault (engine.blind_index): keyed hashes of a requester's NIK and of each
    word of their name, so the inbox finds a case by name or NIK without decrypting every party.

    A token is HMAC-SHA256 under the search key, cut to 128 bits; it names no one by itself, and without the
    key a guessed name or NIK cannot be checked against it. Only requesters of PPID cases and their proxies
    (``CaseProxy``) are indexed: a complaint's reporter is never found by name.
    """

    __tablename__ = "party_token"
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), primary_key=True)
    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    # By token with the party: a search reads the parties of a name word from the index alone.
    __table_args__ = (Index("ix_party_token_token_party_id", "token", "party_id"),)


class CaseProxy(Base):
    """Every proxy (kuasa) a request or an objection has had: who filed it, one appointed later, one whose power
    has ended (engine.proxy_party). The case's details say which is which; this link lets the inbox find a case by
    a proxy's name through the blind index, as it finds one by its requester's (a lawyer files for many clients).
    """

    __tablename__ = "case_proxy"
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), primary_key=True, index=True)


class SavedFilter(Base):
    """An officer's named inbox view: the query string's choices (scope, sort, filters, search words)."""

    __tablename__ = "saved_filter"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    params: Mapped[dict]
    created_at: Mapped[datetime]
    __table_args__ = (UniqueConstraint("user_id", "name", name="uq_saved_filter_user_id_name"),)


class CaseNote(Base):
    """An internal note on a case (engine.notes): read by the officers who may read the case, never by its
    requester, never in a letter. ``mentions`` are the usernames told about it (through the outbox)."""

    __tablename__ = "case_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    body: Mapped[str] = mapped_column(Text)
    mentions: Mapped[list] = mapped_column(default=list)
    created_at: Mapped[datetime]
    author: Mapped[User] = relationship(lazy="joined")
    attachments: Mapped[list[Attachment]] = relationship(order_by="Attachment.id", lazy="selectin")


class Absence(Base):
    """An officer's leave with the colleague who stands in (engine.absence), from ``starts_at`` to ``ends_at``
    (the office's midnight before the first day and after the last). During it, the substitute holds the
    officer's lanes, the officer's open tasks are theirs, and reminders go to them instead."""

    __tablename__ = "absence"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    substitute_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]
    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    substitute: Mapped[User] = relationship(foreign_keys=[substitute_id], lazy="joined")
    __table_args__ = (
        CheckConstraint("last_day >= first_day", name="period_ordered"),
        CheckConstraint("user_id <> substitute_id", name="not_self"),
        Index("ix_absence_starts_at_ends_at", "starts_at", "ends_at"),
    )


# -- The agency's letters and the exemption register (engine.letters, engine.exemptions) -------------------------


class Letter(Base):
    """One letter the office issued: its number, its frozen content, and (once rendered) its PDF.

    Written in the transaction of the task that issues it, with its number (``number``: the letter
    type's series ``series``, its yearly counter ``seq``) and its content sealed by the vault
    (``context``: it names the requester); the PDF is rendered after the commit, by a job or the
    embedded clock (``status`` pending, then ready, or failed after its attempts), stored encrypted
    outside the database like an attachment (``storage_key``), with its sha256. It is never rendered
    again with other content: a correction is a new letter naming this one (``corrects_id``); a
    translation shares the number (``translation_of_id``). A signed scan uploaded back becomes the
    letter of record (``scan_*``), kept beside the generated one. ``code`` is the random id of the
    public verification page (``/verifikasi/<code>``).
    """

    __tablename__ = "letter"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    task: Mapped[str | None] = mapped_column(String(100))
    locale: Mapped[str] = mapped_column(String(2), default="id")
    number: Mapped[str] = mapped_column(String(120))
    series: Mapped[str] = mapped_column(String(20))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    letter_date: Mapped[date] = mapped_column(Date)
    to_requester: Mapped[bool] = mapped_column(Boolean, default=False)
    shown_after: Mapped[str | None] = mapped_column(String(100))  # the task that sends it, when a later one
    issued_at: Mapped[datetime]
    issued_by: Mapped[str] = mapped_column(String(80))
    translation_of_id: Mapped[int | None] = mapped_column(ForeignKey("letter.id"))
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("letter.id"))
    correction_reason: Mapped[str | None] = mapped_column(Text)
    context_key_id: Mapped[str] = mapped_column(String(16))
    context: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    rendered_at: Mapped[datetime | None]
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(Integer)
    storage_key: Mapped[str | None] = mapped_column(String(64))
    key_id: Mapped[str | None] = mapped_column(String(16))
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    # The unit a complaint's letter is addressed to (the clarification request): that unit reads it, and no other
    # unit the complaint was referred to before or after (engine.access.can_read_letter).
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    scan_sha256: Mapped[str | None] = mapped_column(String(64))
    scan_size: Mapped[int | None] = mapped_column(Integer)
    scan_media_type: Mapped[str | None] = mapped_column(String(100))
    scan_storage_key: Mapped[str | None] = mapped_column(String(64))
    scan_key_id: Mapped[str | None] = mapped_column(String(16))
    scan_at: Mapped[datetime | None]
    scan_by: Mapped[str | None] = mapped_column(String(80))
    __table_args__ = (
        UniqueConstraint("number", "locale", name="uq_letter_number_locale"),
        CheckConstraint("status IN ('pending','ready','failed')", name="status_known"),
        CheckConstraint("locale IN ('id','en')", name="locale_known"),
        CheckConstraint("status <> 'ready' OR (sha256 IS NOT NULL AND storage_key IS NOT NULL)", name="ready_stored"),
        CheckConstraint("scan_storage_key IS NULL OR scan_sha256 IS NOT NULL", name="scan_hashed"),
        Index("ix_letter_status_issued_at", "status", "issued_at"),  # the sweep of pending letters
    )


class Exemption(Base):
    """An entry of the register of exempt information (informasi yang dikecualikan, UU 14/2008 Pasal 17-20).

    The head of the agency (or the Atasan PPID, per configuration) determines it after the PPID's
    consequence test (Perki 1/2021 Pasal 49): what is exempt and which parts, the Pasal 17 letters and
    the statute, the harm test and the public-interest test, until when (Pasal 20: never permanent),
    and the decree (``decree_number``, ``decree_date``: the SK letter Kawal issues). A later request for
    the same information cites the entry instead of repeating the test; the DIP lists it
    (``DipItem.exemption_id``).
    """

    __tablename__ = "exemption"
    id: Mapped[int] = mapped_column(primary_key=True)
    information: Mapped[str] = mapped_column(Text)
    exempted_parts: Mapped[str] = mapped_column(Text)
    letters: Mapped[list] = mapped_column()  # Pasal 17 letters, e.g. ["h"]
    legal_basis: Mapped[str] = mapped_column(Text)
    harm_test: Mapped[str] = mapped_column(Text)
    public_interest_test: Mapped[str] = mapped_column(Text)
    valid_until: Mapped[date] = mapped_column(Date)
    decree_number: Mapped[str] = mapped_column(String(120), unique=True)
    decree_date: Mapped[date] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(80))
    decided_as: Mapped[str] = mapped_column(String(40))  # the lane: atasan_ppid or pimpinan
    decided_at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(Text)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id", ondelete="SET NULL"), index=True)
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("letter.id"))
    # Ended before its period: the refusal was overturned (engine.exemption_ends). ``ended_reason`` holds an
    # engine.exemption_words record (code and parameters, read in the reader's language), or a sentence stored before.
    ended_on: Mapped[date | None] = mapped_column(Date)
    ended_reason: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (CheckConstraint("valid_until > decree_date", name="period_after_decree"),)


class ExemptionEvent(ChainedRecord, Base):
    """A record of the exemption register's hash chain (``engine.access_log.record_hash``, as the access records are):
    a determination the PPID recorded without a request (engine.exemptions.record_direct: decided before listing, or
    by a decree made before Kawal), one made through a request (also in that case's history), or an entry as it stood
    when migration 0056 began the chain's content digests; ``kawal audit verify`` compares each entry with its last
    record."""

    __tablename__ = "exemption_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    exemption_id: Mapped[int] = mapped_column(ForeignKey("exemption.id"), index=True)


# -- registers, reports and the satisfaction survey (engine.facts, engine.reports, engine.survey) -----------


class CaseFacts(Base):
    """What the registers, the statutory reports and the dashboard count: one row per case.

    A read model, never a source: ``engine.facts`` derives every column from the case, its history
    (milestones, completed tasks' data, messages from the Commission) and its deadlines, in the
    transaction of every run of the case, and ``kawal reports rebuild`` derives them all again.
    Months are office-local ``YYYY-MM`` so that grouping by month is the same plain SQL on SQLite and
    PostgreSQL. Letters and grounds are stored as ``,a,h,`` so a count per letter is a ``LIKE``.
    """

    __tablename__ = "case_facts"
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    received_at: Mapped[datetime]
    received_month: Mapped[str] = mapped_column(String(7))
    unit_code: Mapped[str | None] = mapped_column(String(40))  # a complaint's referred unit (none before), else its own
    # Copied from the case (set at receipt, or in the same run): the figures then need no join.
    channel: Mapped[str] = mapped_column(String(20))
    requester_type: Mapped[str | None] = mapped_column(String(40))
    overdue: Mapped[bool] = mapped_column(Boolean, default=False)
    result: Mapped[str | None] = mapped_column(String(40))  # the kind's final result (engine.facts.RESULTS)
    decided_at: Mapped[datetime | None]  # the written notice / the superior's response sent / the KI's decision
    decision_days: Mapped[int | None]  # working days from receipt to notice_sent_on, else decided_on/_at (strict)
    # The day the decision itself is dated, where its form records one (the superior's decision, an agreement,
    # the Commission's decision as read).
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str | None] = mapped_column(String(80))  # the officer who decided (PPID, Atasan PPID)
    # The written notice (a request) or the superior's response (an objection) as sent: the date recorded on
    # it and how it went (langsung, email, pos, web); decision_days counts to that date when it is recorded.
    notice_sent_on: Mapped[date | None] = mapped_column(Date)
    notice_via: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)  # the written reasons of a refusal or of upholding the PPID
    closed_month: Mapped[str | None] = mapped_column(String(7))
    closed_days: Mapped[int | None]  # working days from receipt to closing, a complaint's to its outcome notice
    closed_calendar_days: Mapped[int | None]
    extended: Mapped[bool] = mapped_column(Boolean, default=False)
    extension_reason: Mapped[str | None] = mapped_column(String(60))
    exemptions: Mapped[str | None] = mapped_column(String(40))  # Pasal 17 letters of a refusal or partial grant
    grounds: Mapped[str | None] = mapped_column(String(40))  # Pasal 35(1) letters of an objection or dispute
    fee_charged: Mapped[int | None]  # rupiah, from the written notice
    fee_paid: Mapped[int | None]  # rupiah, from the delivery
    delivered_on: Mapped[date | None] = mapped_column(Date)
    late_filed: Mapped[bool] = mapped_column(Boolean, default=False)  # an objection filed after its window
    carried_out_on: Mapped[date | None] = mapped_column(Date)  # a granted objection or a KI decision carried out
    mediation: Mapped[str | None] = mapped_column(String(20))  # berhasil | gagal
    adjudication: Mapped[str | None] = mapped_column(String(40))  # the adjudication's amar
    court: Mapped[str | None] = mapped_column(String(20))  # who went to court: pemohon | termohon
    court_result: Mapped[str | None] = mapped_column(String(40))  # the court's decision (first instance): its amar
    court_decided_on: Mapped[date | None] = mapped_column(Date)  # the day that decision is dated
    cassation: Mapped[bool] = mapped_column(Boolean, default=False)
    cassation_result: Mapped[str | None] = mapped_column(String(40))  # the Supreme Court's decision: its amar
    cassation_decided_on: Mapped[date | None] = mapped_column(Date)  # the day that decision is dated
    problem_code: Mapped[str | None] = mapped_column(String(2))  # complaint: Permenpan 5/2009 code 01-10
    category: Mapped[str | None] = mapped_column(String(40))  # complaint: the office's trend category
    oversight: Mapped[bool | None] = mapped_column(Boolean)  # complaint: berkadar pengawasan
    not_actionable: Mapped[str | None] = mapped_column(String(40))  # complaint: why it could not be acted on
    # complaint closed at verification as not actionable: the reason the verification chose (its form's
    # ``jenis_alasan``); None for one verified before the choice existed (counted as not recorded)
    not_actionable_reason: Mapped[str | None] = mapped_column(String(40))
    follow_up: Mapped[str | None] = mapped_column(String(40))  # complaint: tindak lanjut
    # complaint: where it happened (engine.regions: a province's code or LN; the kab/kota as one name) and who
    # reported it (the filing form's reporter category); never the reporter's own place, which is identity
    location_province: Mapped[str | None] = mapped_column(String(3))
    location_regency: Mapped[str | None] = mapped_column(String(100))
    reporter_category: Mapped[str | None] = mapped_column(String(40))
    sla_days: Mapped[int | None]  # complaint: the resolution tier it was given (working days)
    statutory: Mapped[str | None] = mapped_column(String(10))  # complaint: its S60 clock met | missed (else None)
    # complaint: resolved by the end of the resolution clock that ran last (the tier, from its own start), met |
    # missed; None while open, or when the clock never ran or was cancelled (deemed withdrawn)
    sla: Mapped[str | None] = mapped_column(String(10))
    refreshed_at: Mapped[datetime]
    # The derivation the row follows (engine.facts.DERIVED_SINCE); older or none: `kawal db upgrade` derives it again.
    derived: Mapped[str | None] = mapped_column(String(8))
    __table_args__ = (
        Index("ix_case_facts_kind_received_at", "kind", "received_at"),
        Index("ix_case_facts_kind_closed_month", "kind", "closed_month"),
        # The kab/kota a complaint's recording form suggests (engine.regions.suggestions): counted from the index.
        Index(
            "ix_case_facts_location_regency",
            "location_regency",
            sqlite_where=text("location_regency IS NOT NULL"),
            postgresql_where=text("location_regency IS NOT NULL"),
        ),
    )


class ReportNarrative(Base):
    """A narrative section of the Laporan Layanan Informasi Publik, written by the PPID for one period."""

    __tablename__ = "report_narrative"
    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(10))  # 2026, 2026-S1, 2026-S2
    section: Mapped[str] = mapped_column(String(40))  # engine.narrative.SECTIONS
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(80))
    __table_args__ = (UniqueConstraint("period", "section", name="uq_report_narrative_period_section"),)


class ReportSubmission(Base):
    """A year's Laporan Layanan Informasi Publik: when it was handed to the PPID's superior (and its copy to the
    Information Commission), and which reminder of its due date the PPID was last sent (engine.report_due).

    One row per budget year, made by the first reminder or by the PPID's record, whichever comes first."""

    __tablename__ = "report_submission"
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    to_superior_on: Mapped[date | None] = mapped_column(Date)  # disampaikan kepada Atasan PPID
    to_commission_on: Mapped[date | None] = mapped_column(Date)  # tembusan kepada Komisi Informasi
    reference: Mapped[str | None] = mapped_column(String(200))  # the covering letter's number
    recorded_by: Mapped[str | None] = mapped_column(String(80))
    recorded_at: Mapped[datetime | None]
    reminded: Mapped[str | None] = mapped_column(String(10))  # the last reminder sent: T-30, T-7, T+1


class SurveyBallot(Base):
    """That a case's survey was answered: the HMAC of the case id, nothing else (engine.survey).

    Answers (``SurveyResponse``) carry no case and no ballot, so officers cannot tell who answered what.
    """

    __tablename__ = "survey_ballot"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)


class SurveyResponse(Base):
    """One answer to the nine elements of PermenPANRB 14/2017 (1-4), kept with its month, kind and unit."""

    __tablename__ = "survey_response"
    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7), index=True)  # office-local YYYY-MM of the answer
    kind: Mapped[str] = mapped_column(String(40))
    unit_code: Mapped[str | None] = mapped_column(String(40))
    u1: Mapped[int] = mapped_column(Integer)
    u2: Mapped[int] = mapped_column(Integer)
    u3: Mapped[int] = mapped_column(Integer)
    u4: Mapped[int] = mapped_column(Integer)
    u5: Mapped[int] = mapped_column(Integer)
    u6: Mapped[int] = mapped_column(Integer)
    u7: Mapped[int] = mapped_column(Integer)
    u8: Mapped[int] = mapped_column(Integer)
    u9: Mapped[int] = mapped_column(Integer)
    __table_args__ = tuple(CheckConstraint(f"u{i} BETWEEN 1 AND 4", name=f"u{i}_on_scale") for i in range(1, 10))


# The items of the fee standard (engine.fees): what a printed page, a medium or a postal delivery costs.
FEE_CODES = ("halaman", "cd", "dvd", "flashdisk", "pos")


class FeeRate(Base):
    """One item of the fee standard (Biaya Penggandaan dan/atau Pengiriman) in force from a date.

    Versions by effective date, never edited: a change of price is a new row of the same ``code`` with a
    later ``effective_from``; the item in force on a day is its latest row not after that day. ``amount``
    is whole rupiah per unit (a page, a medium, a postal delivery).
    """

    __tablename__ = "fee_rate"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20))
    amount: Mapped[int]
    effective_from: Mapped[date] = mapped_column(Date)
    legal_basis: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime]
    __table_args__ = (
        UniqueConstraint("code", "effective_from", name="uq_fee_rate_code_effective_from"),
        CheckConstraint("code IN ('halaman','cd','dvd','flashdisk','pos')", name="code_known"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )


class FeeNotice(Base):
    """The fee a written notice told the requester (UU 14/2008 Pasal 22(7) huruf g), frozen when it was sent.

    ``items`` lists each line (code, quantity, unit amount, amount, the rate row and its legal basis), computed
    from the standard in force on ``notice_date``; ``total`` is their sum in whole rupiah.
    """

    __tablename__ = "fee_notice"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("human_task.id"), unique=True)
    notice_date: Mapped[date] = mapped_column(Date)
    items: Mapped[list]
    total: Mapped[int]
    at: Mapped[datetime]
    __table_args__ = (CheckConstraint("total >= 0", name="total_not_negative"),)


class FeePayment(Base):
    """The requester's payment of a notified fee: exactly its total, with the receipt's number and date."""

    __tablename__ = "fee_payment"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    fee_notice_id: Mapped[int] = mapped_column(ForeignKey("fee_notice.id"), unique=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("human_task.id"), unique=True)
    amount: Mapped[int]
    receipt_number: Mapped[str] = mapped_column(String(100))
    paid_on: Mapped[date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime]
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)
