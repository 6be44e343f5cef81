"""The registers the PPID and the complaint unit keep (legal-process.md §3.3, §4.3, §5, §7.2): one row a case.

* the request register (Register Permohonan Informasi Publik): number, date and channel, the requester's
  name, address, occupation and contact, the information asked for, purpose, how to obtain and deliver,
  the decision and its date, the reasons and Pasal 17 letters of a refusal, working days taken, the fee, and the
  final result (``final_result``): the objections brought against the decision and the disputes on them, each with
  what became of it, so that a refusal or a "not held" followed by a delivery date reads as what it was (the
  information handed over after a granted objection, a settlement or the Commission's decision, §9.2 (c));
* the objection register (Register Keberatan, §4.3): the request it concerns, the grounds, the superior's
  decision, its order to the PPID, its date, who gave it and in which position (the letters' rule,
  engine.letters.signers), and the requester's reaction to the answer (tanggapan Pemohon, register_rows.reaction);
* the dispute register: the Commission's register number, the stages reached, mediation (not applicable on ground a
  alone), adjudication, the decision and the day it is dated (the agreement's, the day it was read), the court's
  decision as its effect on the information request and its date, the day the decision became final, and
  compliance;
* the complaint register: never the reporter, whatever the complaint's protection; the reporter's own subject line
  for the complaint team only, the subject the team recorded for every other reader (engine.subjects).

A register lists the cases received in a period (office days, the last included), optionally only
the open or the closed ones, or one unit's (``Filter``, ``scoped``: the dashboard and the statistics count by the
same rule). Rows carry codes and Python values; the API and the pages label them. The requester's identity is read
from the vault only for a reader ``access`` allows, and a complaint's reporter never.

Here: which cases a register lists, its columns, and the listing read in batches (``rows``, ``count``). One case's
row is engine.register_rows; what a row tells of other cases and events (the objections and disputes that followed,
the superior's order, the day a decision became final) is engine.register_lookups, read once a batch.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from engine import access, kinds
from engine.letters.context import signatory
from engine.models import Case, CaseFacts, User
from engine.register_lookups import MEDIATED, disputes_of, final_days, followed_by, orders
from engine.register_rows import case_row, identity
from engine.runtime import Runtime
from engine.subjects import REPORTERS, complaint_subject_read_by, team_subjects

STATES = ("open", "closed")
# A value the JSON gives as a key of its own that a page and a download show in another column's cell when that one
# is empty (api.reports.files.register_table): a complaint referred to the Inspectorate General, in its Unit.
SHOWN_IN = {"referred_to": "unit_code"}
BATCH = 1000

# The columns of each register, in order. Identity columns are filled only for an allowed reader.
IDENTITY = ("requester_name", "requester_address", "requester_occupation", "requester_contact")
COLUMNS = {
    kinds.REQUEST: (
        "ticket",
        "received_at",
        "channel",
        *IDENTITY,
        "proxy_name",
        "requester_type",
        "information",
        "purpose",
        "obtain_method",
        "delivery_method",
        "status",
        "result",
        "final_result",
        "decided_at",
        "notice_sent_on",
        "notice_via",
        "exemptions",
        "reason",
        "decision_days",
        "extended",
        "overdue",
        "fee_charged",
        "fee_paid",
        "delivered_on",
    ),
    kinds.OBJECTION: (
        "ticket",
        "received_at",
        "channel",
        *IDENTITY,
        "proxy_name",
        "request_ticket",
        "information",
        "purpose",
        "grounds",
        "late_filed",
        "status",
        "result",
        "reason",
        "order_to_ppid",
        "decided_at",
        "decided_by",
        "decided_by_position",
        "notice_sent_on",
        "notice_via",
        "decision_days",
        "overdue",
        "requester_response",
    ),
    kinds.DISPUTE: (
        "ticket",
        "received_at",
        *IDENTITY,
        "commission",
        "commission_register",
        "filed_at_commission",
        "parent_ticket",
        "grounds",
        "status",
        "mediation",
        "adjudication",
        "court",
        "court_result",
        "court_decided_on",
        "cassation",
        "cassation_result",
        "cassation_decided_on",
        "result",
        "decided_at",
        "final_on",
        "carried_out_on",
    ),
    kinds.COMPLAINT: (
        "ticket",
        "received_at",
        "channel",
        "reporter_mode",
        "reporter_category",
        "subject",
        "location_province",
        "location_regency",
        "category",
        "problem_code",
        "oversight",
        "unit_code",
        "referred_to",
        "status",
        "result",
        "not_actionable",
        "not_actionable_reason",
        "follow_up",
        "closed_at",
        "closed_days",
        "sla_days",
        "within_sla",
        "closed_calendar_days",
        "within_statutory",
    ),
}


@dataclass(frozen=True)
class Filter:
    """Which cases a register (or a figure) lists: received in [start, end), open or closed, of one unit."""

    kind: str
    start: datetime | None = None
    end: datetime | None = None
    state: str | None = None
    unit: str | None = None

    def __post_init__(self):
        if self.kind not in kinds.ALL:
            raise ValueError(f"unknown kind {self.kind!r}")
        if self.state is not None and self.state not in STATES:
            raise ValueError(f"unknown state {self.state!r}")


def scoped(query: Select, where: Filter) -> Select:
    """``query`` (over Case joined to CaseFacts) narrowed to the filter: the one rule every count follows."""
    query = query.where(CaseFacts.kind == where.kind)
    if where.start is not None:
        query = query.where(CaseFacts.received_at >= where.start)
    if where.end is not None:
        query = query.where(CaseFacts.received_at < where.end)
    if where.state == "open":
        query = query.where(Case.closed_at.is_(None))
    elif where.state == "closed":
        query = query.where(Case.closed_at.is_not(None))
    if where.unit:
        query = query.where(CaseFacts.unit_code == where.unit)
    return query


def base() -> Select:
    return select(Case, CaseFacts).join(CaseFacts, CaseFacts.case_id == Case.id)


def count(session: Session, where: Filter, user: User | None = None) -> int:
    """How many rows the register holds (for ``user``: the cases that user may see, as ``rows`` lists them)."""
    query = scoped(select(func.count()).select_from(Case).join(CaseFacts, CaseFacts.case_id == Case.id), where)
    if user is not None:
        query = access.cases_visible_to(user, query)
    return session.scalar(query) or 0


def rows(
    session: Session, rt: Runtime, user: User, where: Filter, *, limit: int | None = None, offset: int = 0
) -> Iterator[dict]:
    """The register's rows, oldest receipt first, read in batches; identities only for an allowed reader. ``offset``
    rows are skipped (a page of the register after the first: api.web.reports)."""
    access.require_register(user, where.kind)
    with_identity = where.kind != kinds.COMPLAINT and access.can_read_identity(user)
    parent = aliased(Case)
    query = scoped(base().add_columns(parent.ticket, parent.details), where)
    query = query.outerjoin(parent, parent.id == Case.parent_id).order_by(CaseFacts.received_at, Case.id)
    query = access.cases_visible_to(user, query)
    names = dict(session.execute(select(User.username, User.display_name)).all())
    # The Atasan PPID's position as the office's letters sign it (KAWAL_SIGNATORY_ATASAN_PPID, else the lane's title,
    # engine.letters.signers): §4.3 lists it. Written in Bahasa Indonesia; the pages name it in their language.
    superior = signatory(rt.settings, "atasan_ppid")["position"] if where.kind == kinds.OBJECTION else None
    # The reporter's own subject line is the complaint team's; anyone else reads the team's (engine.subjects).
    read_by = complaint_subject_read_by(rt.forms, user) if where.kind == kinds.COMPLAINT else REPORTERS
    own_words = read_by == REPORTERS
    left = limit
    while left is None or left > 0:
        size = BATCH if left is None else min(BATCH, left)
        batch = session.execute(query.limit(size).offset(offset)).all()
        if not batch:
            return
        ids = [case.id for case, *_rest in batch]
        disputes = disputes_of(session, ids) if where.kind == kinds.OBJECTION else {}
        ordered = orders(session, ids) if where.kind == kinds.OBJECTION else {}
        finals = final_days(session, ids, rt.calendars["strict"].tz) if where.kind == kinds.DISPUTE else {}
        after = followed_by(session, ids) if where.kind == kinds.REQUEST else {}
        # The subject the team recorded (what the letters use) for whoever reads a complaint's subject at all.
        subjects = team_subjects(session, ids) if where.kind == kinds.COMPLAINT and read_by is not None else {}
        for case, facts, parent_ticket, parent_details in batch:
            row = case_row(case, facts, parent_ticket, parent_details or {}, names, disputes)
            row["decided_by_position"] = superior if row["decided_by"] else None
            row["order_to_ppid"] = ordered.get(case.id)
            row["final_result"] = after.get(case.id)
            if where.kind == kinds.DISPUTE:
                agreed = facts.decided_on if facts.result == MEDIATED else None  # final at once (Pasal 39)
                row["final_on"] = finals.get(case.id) or agreed
            if where.kind == kinds.COMPLAINT:  # the reporter's own line before it is recorded, to the team alone
                row["subject"] = subjects.get(case.id) or (row["subject"] if own_words else None)
            if with_identity:
                row.update(identity(session, rt, case))
            yield {column: row.get(column) for column in COLUMNS[where.kind]}
        offset += len(batch)
        if left is not None:
            left -= len(batch)
        if len(batch) < size:
            return
