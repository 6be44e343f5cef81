"""The registers the PPID and the complaint unit keep (legal-process.md §3.3, §4.3, §5, §7.2): one row a case.

* the request register (Register Permohonan Informasi Publik): number, date and channel, the requester's
  name, address, occupation and contact, the information asked for, purpose, how to obtain and deliver,
  the decision and its date, the reasons and Pasal 17 letters of a refusal, working days taken, the fee, and the
  final result (``final_result``): the objections brought against the decision and the disputes on them, each with
  what became of it, so that a refusal or a "not held" followed by a delivery date reads as what it was (the
  information handed over after a granted objection, a settlement or the Commission's decision, §9.2 (c));
* the objection register (Register Keberatan, §4.3): the request it concerns, the grounds, the superior's
  decision, its order to the PPID, its date, who gave it and in which position (the letters' rule,
  engine.letters.signers), and the requester's reaction to the answer (tanggapan Pemohon, ``reaction``);
* the dispute register: the Commission's register number, the stages reached, mediation (not applicable on ground a
  alone), adjudication, the decision and the day it is dated (the agreement's, the day it was read), the court's
  decision as its effect on the information request and its date, the day the decision became final, and
  compliance;
* the complaint register: never the reporter, whatever the complaint's protection; the reporter's own subject line
  for the complaint team only, the subject the team recorded for every other reader (engine.subjects).

A register lists the cases received in a period (office days, the last included), optionally only
the open or the closed ones, or one unit's. Rows carry codes and Python values; the API and the pages
label them. The requester's identity is read from the vault only for a reader ``access`` allows, and
a complaint's reporter never.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from engine import access, chain, kinds, proxy_data
from engine.calendar import iso_day
from engine.letters.context import signatory
from engine.models import Case, CaseEvent, CaseFacts, Party, User
from engine.runtime import Runtime
from engine.subjects import REPORTERS, complaint_subject_read_by, team_subjects

STATES = ("open", "closed")
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
        disputes = _disputes(session, ids) if where.kind == kinds.OBJECTION else {}
        orders = _orders(session, ids) if where.kind == kinds.OBJECTION else {}
        finals = _final_days(session, ids, rt.calendars["strict"].tz) if where.kind == kinds.DISPUTE else {}
        after = followed_by(session, ids) if where.kind == kinds.REQUEST else {}
        # The subject the team recorded (what the letters use) for whoever reads a complaint's subject at all.
        subjects = team_subjects(session, ids) if where.kind == kinds.COMPLAINT and read_by is not None else {}
        for case, facts, parent_ticket, parent_details in batch:
            row = _row(case, facts, parent_ticket, parent_details or {}, names, disputes)
            row["decided_by_position"] = superior if row["decided_by"] else None
            row["order_to_ppid"] = orders.get(case.id)
            row["final_result"] = after.get(case.id)
            if where.kind == kinds.DISPUTE:
                agreed = facts.decided_on if facts.result == MEDIATED else None  # final at once (Pasal 39)
                row["final_on"] = finals.get(case.id) or agreed
            if where.kind == kinds.COMPLAINT:  # the reporter's own line before it is recorded, to the team alone
                row["subject"] = subjects.get(case.id) or (row["subject"] if own_words else None)
            if with_identity:
                row.update(_identity(session, rt, case))
            yield {column: row.get(column) for column in COLUMNS[where.kind]}
        offset += len(batch)
        if left is not None:
            left -= len(batch)
        if len(batch) < size:
            return


def _disputes(session: Session, ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for parent_id, ticket in session.execute(
        select(Case.parent_id, Case.ticket).where(Case.parent_id.in_(ids), Case.kind == kinds.DISPUTE).order_by(Case.id)
    ):
        found.setdefault(parent_id, []).append(ticket)
    return found


def followed_by(session: Session, ids: list[int]) -> dict[int, list[dict]]:
    """Of the requests ``ids``, those an objection followed: request id -> its objections, each followed by the
    disputes brought on it, in the order filed. Each says what became of it: its ``ticket`` and ``kind``, its
    ``result`` (None while open: then its ``status``), and for a dispute the Commission's ruling (``adjudication``)
    and the court's decision's effect on the request (``court_result``) when there were any. Nothing here judges
    which word is final: the reader reads the last of them."""
    objections = _children(session, ids, kinds.OBJECTION)
    disputes = _children(session, [row["id"] for rows in objections.values() for row in rows], kinds.DISPUTE)
    return {
        request_id: [item for row in rows for item in (row, *disputes.get(row["id"], []))]
        for request_id, rows in objections.items()
    }


def _children(session: Session, ids: list[int], kind: str) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {}
    if not ids:
        return found
    query = (
        select(Case.parent_id, Case.id, Case.ticket, Case.status, CaseFacts.result)
        .add_columns(CaseFacts.adjudication, CaseFacts.court_result)
        .outerjoin(CaseFacts, CaseFacts.case_id == Case.id)
        .where(Case.parent_id.in_(ids), Case.kind == kind)
        .order_by(Case.received_at, Case.id)
    )
    for parent_id, id_, ticket, status, result, adjudication, court_result in session.execute(query):
        item = {"id": id_, "ticket": ticket, "kind": kind, "result": result, "status": status}
        if kind == kinds.DISPUTE:
            item.update(adjudication=adjudication, court_result=court_result)
        found.setdefault(parent_id, []).append(item)
    return found


# The superior's decision on an objection and its order to the PPID (keberatan_putusan.json), §4.3's "Atasan PPID
# decision": the register shows what the PPID was ordered to do, not only the outcome.
DECISION_TASK, ORDER_FIELD = "putuskan_keberatan", "perintah_kepada_ppid"


def _orders(session: Session, ids: list[int]) -> dict[int, str]:
    """Each objection's order to the PPID, as the superior's latest decision gave it (none when it gave none)."""
    found: dict[int, str | None] = {}
    for case_id, data in session.execute(
        select(CaseEvent.case_id, CaseEvent.data)
        .where(CaseEvent.case_id.in_(ids), CaseEvent.type == "task_completed")
        .order_by(CaseEvent.case_id, CaseEvent.seq)
    ):
        if data.get("task") == DECISION_TASK:
            found[case_id] = (data.get("data") or {}).get(ORDER_FIELD)
    return {case_id: order for case_id, order in found.items() if order}


# A dispute's decision becomes final and binding (berkekuatan hukum tetap, legal-process.md §5.2 row 10) on the day
# sengketa_informasi.bpmn takes: the Commission's certificate's date when recorded, the Supreme Court's judgment's
# on cassation, else the day Kawal reached the stage (the 14 working days passed without a challenge, confirmed).
# A mediation agreement is final at once (UU 14/2008 Pasal 39): the day it is dated.
FINAL, CASSATION, MEDIATED = "berkekuatan_hukum_tetap", "putusan_kasasi", "putusan_mediasi"


def _final_days(session: Session, ids: list[int], tz) -> dict[int, date]:
    """The day each dispute's decision became final and binding, for those that have."""
    words: dict[int, dict[str, dict]] = {}
    out: dict[int, date] = {}
    for case_id, type_, at, data in session.execute(
        select(CaseEvent.case_id, CaseEvent.type, CaseEvent.at, CaseEvent.data)
        .where(CaseEvent.case_id.in_(ids), CaseEvent.type.in_(("message_received", "status_changed")))
        .order_by(CaseEvent.case_id, CaseEvent.seq)
    ):
        heard = words.setdefault(case_id, {})
        if type_ == "message_received" and data.get("message") in (FINAL, CASSATION):
            heard[data["message"]] = data.get("data") or {}
        elif type_ == "status_changed" and data.get("status") == FINAL:
            certified = heard.get(FINAL, heard.get(CASSATION, {})).get("tanggal")
            out[case_id] = iso_day(certified) or iso_day(data.get("on")) or at.astimezone(tz).date()
    return out


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split(",") if v]


def _row(case: Case, facts: CaseFacts, parent_ticket, parent_details: dict, names: dict, disputes: dict) -> dict:
    details = case.details or {}
    row = {
        "ticket": case.ticket,
        "received_at": case.received_at,
        "channel": case.channel,
        "status": case.status,
        "result": facts.result,
        "decided_at": facts.decided_on or facts.decided_at,  # the day the decision is dated, where it says one
        "decided_by": names.get(facts.decided_by, facts.decided_by),
        "notice_sent_on": facts.notice_sent_on,
        "notice_via": facts.notice_via,
        "decision_days": facts.decision_days,
        "reason": facts.reason,
        "overdue": facts.overdue,  # late on the lenient reading too (engine.facts), as the requester may be told
        "closed_at": case.closed_at,
        "closed_days": facts.closed_days,
        "closed_calendar_days": facts.closed_calendar_days,
        "unit_code": facts.unit_code,
        "grounds": _split(facts.grounds),
    }
    if case.kind == kinds.REQUEST:
        row.update(
            {key: details.get(key) for key in ("requester_type", "information", "purpose")},
            obtain_method=details.get("obtain_method"),
            delivery_method=details.get("delivery_method"),
            exemptions=_split(facts.exemptions),
            extended=facts.extended,
            fee_charged=facts.fee_charged,
            fee_paid=facts.fee_paid,
            delivered_on=facts.delivered_on,
        )
    elif case.kind == kinds.OBJECTION:
        row.update(
            request_ticket=details.get("permohonan") or parent_ticket,
            information=parent_details.get("information"),
            purpose=details.get("tujuan_penggunaan"),
            late_filed=facts.late_filed,
            disputes=disputes.get(case.id, []),
            requester_response=reaction(case, facts, disputes.get(case.id, [])),
        )
    elif case.kind == kinds.DISPUTE:
        row.update(
            commission=details.get("ki"),
            commission_register=details.get("nomor_register"),
            filed_at_commission=iso_day(details.get("diajukan_ke_ki")),
            parent_ticket=details.get("perkara") or parent_ticket,
            mediation=facts.mediation or _mediation_not_applicable(facts),
            adjudication=facts.adjudication,
            court=facts.court,
            court_result=facts.court_result,
            court_decided_on=facts.court_decided_on,
            cassation=facts.cassation,
            carried_out_on=facts.carried_out_on,
        )
    else:
        row.update(
            reporter_mode=case.reporter_mode,
            reporter_category=facts.reporter_category,
            subject=details.get("pokok_masalah"),
            location_province=facts.location_province,
            location_regency=facts.location_regency,
            category=facts.category,
            problem_code=facts.problem_code,
            oversight=facts.oversight,
            not_actionable=facts.not_actionable,
            # the verification form's reason (its jenis_alasan); none for a complaint verified before it asked
            not_actionable_reason=facts.not_actionable_reason,
            follow_up=facts.follow_up,
            sla_days=facts.sla_days,
            within_sla={"met": True, "missed": False}.get(facts.sla),
            within_statutory={"met": True, "missed": False}.get(facts.statutory),
        )
    return row


def _mediation_not_applicable(facts: CaseFacts) -> str | None:
    """``tidak_berlaku`` for a dispute on ground a alone (an exemption, Pasal 17): mediation settles grounds b-g only
    (UU 14/2008 Pasal 40), so it was not blank for want of a record; None when its grounds are unknown."""
    grounds = set(_split(facts.grounds))
    return NOT_APPLICABLE if grounds and not grounds & chain.AMICABLE_GROUNDS else None


NOT_APPLICABLE = "tidak_berlaku"


# The requester's reaction to the superior's answer (tanggapan Pemohon, legal-process.md §4.3): ``reaction``'s codes.
REACTIONS = ("dispute_filed", "settled", "none_recorded")


def reaction(case: Case, facts: CaseFacts, disputes: list[str]) -> dict | None:
    """What the requester did about the answer to their objection, as far as Kawal knows it.

    Kawal records no reaction of the requester's own: no form asks whether they accepted the superior's answer. What
    it does record is the dispute they bring to the Information Commission (the dispute case filed on the objection)
    and, for an objection settled by agreement (UU 14/2008 Pasal 35(2)), the agreement they made. So the reaction is
    derived, and says no more than that: ``dispute_filed`` with the disputes' tickets; ``settled``; else, once the
    answer was sent or its 30 working days lapsed (or the objection was closed), ``none_recorded`` (which is not
    "accepted": the requester may still go to the Commission, which judges timeliness itself, §4.4); None while the
    superior has not answered yet."""
    if disputes:
        return {"code": "dispute_filed", "disputes": disputes}
    if facts.result == "diselesaikan_musyawarah":
        return {"code": "settled"}
    answered = facts.notice_sent_on or facts.decided_at or facts.result == "keberatan_tidak_ditanggapi"
    return {"code": "none_recorded"} if answered or case.closed_at is not None else None


def _identity(session: Session, rt: Runtime, case: Case) -> dict:
    """The requester's name, address, occupation and contact from the vault (and a request's or objection's proxy)."""
    out = {}
    if case.requester_party_id:
        person = rt.vault.read(session.get(Party, case.requester_party_id))
        contact = "; ".join(v for v in (person.get("email"), person.get("phone")) if v)
        out = {
            "requester_name": person.get("name"),
            "requester_address": person.get("address"),
            "requester_occupation": person.get("occupation"),
            "requester_contact": contact or None,
        }
    proxy_id = proxy_data.register_party_id(case)  # who filed it, else who acts or acted for the requester
    if proxy_id:
        out["proxy_name"] = rt.vault.read(session.get(Party, proxy_id)).get("name")
    return out
