"""An objection granted (or settled with the information handed over) while its request is still being handled: the
superior's order binds the PPID on that request until it is carried out.

The PPID's superior's decision on an objection binds the PPID (legal-process.md §4.4: granted -> the information
delivered -> done). A request already decided waits for it (``menunggu_keberatan`` in
workflows/permohonan_informasi.bpmn) and reopens its delivery on the message ``keberatan_dikabulkan``. A request still
being handled (an objection on ground c, "not answered", is filed while it is) cannot catch the message: its process
goes on with its own tasks and clocks. Without changing the process (old instances keep running), the engine holds
the order on the request instead:

- ``record``: the objection's news on the request (``linked_case_outcome``, written by engine.run) carries the order:
  the objection's ticket, its outcome and grounds, the superior's instruction (or the terms agreed), its date and who
  decided; the case page and the request's task pages show each order not carried out yet (``pending``);
- ``check``: while an order binds, the request's decision (``putuskan``) may not refuse what it ordered given: granted
  in full on a ground against the refusal as such (a, d, e), only a grant in full; granted on ground c alone (not
  answered) it orders an answer, and any decision is one (a refusal with its reasons too); else any grant, in full or
  in part. Information the office does not hold (``tidak_dikuasai``, ``belum_dikuasai_didokumentasikan``) it cannot
  hand over: that decision is always allowed (a field message names the objection);
- ``to_carry_out``: a request decided contrary to an order before the order came (its refusal already on its way)
  reaches the wait for an objection with the order not carried out: engine.run delivers the message then, and its
  delivery reopens as for a decided request (``penyerahan_lanjutan``);
- ``carried_out_on``: the delivery that follows an order, on a decision that agrees with it (for an order to
  answer, the written notice), carries the objection out (engine.facts, so the registers and the yearly report's
  "granted and carried out").

An order is carried out by the information handed over after it: a delivery on a decision that agrees with it, or a
reopened delivery (``penyerahan_lanjutan``); an order to answer (ground c alone) by the written notice after it.
Not a deadline of its own: the request's clocks (T10, T17, the delivery's) run as they did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from engine import kinds
from engine.calendar import iso_day
from engine.errors import Invalid
from engine.messages import msg
from engine.models import Case, CaseEvent, HumanTask

MESSAGE = "keberatan_dikabulkan"  # the objection's milestone property parent_message (workflows/keberatan.bpmn)
NEWS = "linked_case_outcome"  # the request's event of it (engine.run)
FULL = "keberatan_dikabulkan_seluruhnya"
PART = "keberatan_dikabulkan_sebagian"
SETTLED = "diselesaikan_musyawarah"  # a settlement that hands the information over (Pasal 35(2))
ENDED = frozenset({"dicabut", "ditutup_tidak_lengkap"})  # a request's statuses after which no order binds it
DECISION_TASK = "putuskan"
NOTICE_TASK = "pemberitahuan_tertulis"  # the request's answer
REOPENED_DELIVERY = "penyerahan_lanjutan"  # the delivery a granted objection reopens
DELIVERY_TASKS = ("penyerahan_informasi", REOPENED_DELIVERY)
GRANTS = frozenset({"dikabulkan_seluruhnya", "dikabulkan_sebagian"})
# Decisions that the information is not held (forms/putuskan.json): what the office does not hold it cannot hand
# over, whatever an order says.
NOT_HELD = frozenset({"tidak_dikuasai", "belum_dikuasai_didokumentasikan"})
# Pasal 35(1) grounds against the refusal (or partial refusal) as such: refused as exempt (a), not as asked (d), not
# fulfilled (e). Granted in full on one of them, the superior ordered the information given, all of it (the same
# grounds that may overturn an exemption, engine.exemption_ends.overturns).
INFORMATION_GROUNDS = frozenset("ade")
# Not answered (c): granted on it alone, the superior ordered the PPID to answer; any decision is an answer.
UNANSWERED_GROUND = "c"
# The superior's own period for handing the information over (forms/keberatan_putusan.json), and its key in the
# message's payload, which the request's reopened delivery counts by (workflows/permohonan_informasi.bpmn
# ``jam_lanjutan``: else its ``hari_penyerahan``, the office's standard).
DAYS_FIELD = "batas_penyerahan_hari"
OBJECTION_DECISION_TASK = "putuskan_keberatan"
# A limit written into the instruction itself ("paling lambat 5 hari kerja", "dalam 7 (tujuh) hari", "no later than
# ..."): the letter would state it beside the office's, and the PPID's task be due by neither. A number of days
# alone ("rekap kunjungan 7 hari pertama", "daftar hari kerja pegawai") describes the information, no limit.
PERIOD_IN_TEXT = re.compile(
    r"\bpaling\s+lambat\b|\bselambat[- ]lambatnya\b"
    r"|\bdalam\s+(?:(?:jangka\s+)?waktu\s+)?\d+\s*(?:\([^)]*\)\s*)?hari\b"
    r"|\bno\s+later\s+than\b|\bwithin\s+\d+\s+(?:working\s+|business\s+)?days?\b",
    re.IGNORECASE,
)
PAYLOAD_DAYS = "hari_penyerahan"


@dataclass(frozen=True)
class Order:
    """A granted objection's order as the request records it."""

    objection: str  # its ticket
    outcome: str | None  # FULL, PART or SETTLED; None on news recorded before this module
    grounds: tuple[str, ...]
    text: str | None  # the superior's instruction to the PPID, or the terms agreed
    on: date | None  # the decision's (or the agreement's) date
    by: str | None  # who decided (the superior), or recorded the agreement: a username
    applied: bool  # the request was waiting and reopened its delivery on it
    index: int = 0  # its place in the request's history
    days: int | None = None  # the working days the superior gave the PPID to hand over; None: the office's standard

    @property
    def in_full(self) -> bool:
        """Whether it ordered all the information given: granted in full on a ground against the refusal as such."""
        return self.outcome == FULL and bool(INFORMATION_GROUNDS & set(self.grounds))

    @property
    def to_answer(self) -> bool:
        """Whether it only ordered the request answered: granted (in full or in part) on ground c, not on a, d or e."""
        grounds = set(self.grounds)
        return self.outcome in (FULL, PART) and UNANSWERED_GROUND in grounds and not INFORMATION_GROUNDS & grounds

    def allows(self, decision: str | None) -> bool:
        """Whether the request's decision ``decision`` (putuskan's ``keputusan``) agrees with the order: information
        not held always does (it cannot be handed over), and any decision answers an order to answer."""
        if decision in NOT_HELD or self.to_answer:
            return True
        return decision == "dikabulkan_seluruhnya" if self.in_full else decision in GRANTS


def details(data: dict, grounds, by: str | None) -> dict:
    """The order, for the request's news, from the objection's data when its milestone reached the request: a grant
    (the superior's ``keputusan``, instruction and date) or a settlement handing the information over."""
    decision, days = data.get("keputusan"), None
    if decision in (FULL, PART):
        text, on, days = data.get("perintah_kepada_ppid"), data.get("tanggal_keputusan"), own_days(data)
    elif data.get("hasil") == "sepakat":
        decision, text, on = SETTLED, data.get("kesepakatan"), data.get("tanggal")
    else:
        return {}
    found = {"outcome": decision, "grounds": sorted(grounds or ()), "order": text, "on": on, "by": by}
    return found | ({"days": days} if days else {})


def own_days(data: dict) -> int | None:
    """The working days the superior's decision (``putuskan_keberatan``'s data) gave the PPID to hand the
    information over, when it set them (``DAYS_FIELD``); None: the office's standard (KAWAL_DELIVERY_DAYS). The
    response letter states it and the request's reopened delivery (``SERAH``) is due by it: one limit."""
    days = data.get(DAYS_FIELD)
    return days if isinstance(days, int) and not isinstance(days, bool) and days > 0 else None


def decider(session: Session, objection: Case, outcome: str | None) -> str | None:
    """Who decided the objection (the superior who completed ``putuskan_keberatan``), or recorded its settlement: the
    actor of that task's last completion in the objection's history."""
    task = "tawarkan_musyawarah" if outcome == SETTLED else "putuskan_keberatan"
    return session.scalar(
        select(CaseEvent.actor)
        .where(
            CaseEvent.case_id == objection.id,
            CaseEvent.type == "task_completed",
            CaseEvent.data["task"].as_string() == task,
        )
        .order_by(CaseEvent.seq.desc())
        .limit(1)
    )


def orders(rows) -> list[Order]:
    """Each objection's latest news on a request (``rows``: the request's history as (type, data), oldest first)."""
    latest: dict[str, Order] = {}
    for index, (type_, data) in enumerate(rows):
        if type_ == NEWS and data.get("message") == MESSAGE:
            latest[data.get("ticket")] = _order(data, index)
    return sorted(latest.values(), key=lambda order: order.index)


def carried_out_on(rows) -> date | None:
    """The day of the delivery that carried out the last order carried out on a request (``rows``: its history as
    (type, data), oldest first); None when none was."""
    found = None
    for order in orders(rows):
        day = _carried(rows, order)
        found = day if day not in (None, date.min) else found
    return found


def pending(session: Session, request: Case) -> list[Order]:
    """The orders on ``request`` not carried out yet, oldest first (news recorded before this module completed from
    the objection's own record); none on a request that ended for good (withdrawn, or closed as never completed)."""
    if request.kind != kinds.REQUEST or request.id is None or request.status in ENDED:
        return []
    rows = _history(session, request)
    return [_completed(session, order) for order in orders(rows) if _carried(rows, order) is None]


def binding(session: Session, request: Case) -> list[Order]:
    """The orders on ``request`` its process did not take up (it was still being handled) and not carried out."""
    return [order for order in pending(session, request) if not order.applied]


def check(session: Session, task: HumanTask, data: dict) -> None:
    """Before the request's decision runs: a decision contrary to an order that binds it is refused, its field
    message naming the objection and what the order allows. Before the superior's decision runs: an instruction
    that states its own period (or date) to hand over is refused, the period having its own field (``DAYS_FIELD``),
    so that the letter never states two limits, the superior's and the office's."""
    if task.bpmn_id == OBJECTION_DECISION_TASK and task.case.kind == kinds.OBJECTION:
        if PERIOD_IN_TEXT.search(data.get("perintah_kepada_ppid") or ""):
            raise Invalid("invalid_data", fields={"perintah_kepada_ppid": [msg("objection_order_period")]})
        return
    if task.bpmn_id != DECISION_TASK or task.case.kind != kinds.REQUEST:
        return
    decision = data.get("keputusan")
    for order in binding(session, task.case):
        if not order.allows(decision):
            code = "objection_order_full" if order.in_full else "objection_order_grant"
            raise Invalid("objection_order_binds", fields={"keputusan": [msg(code, objection=order.objection)]})


def to_carry_out(session: Session, request: Case, waiting: bool) -> list[Order]:
    """After a run of a request that now waits for an objection (``waiting``: engine.run asks its instance): the orders
    it did not take up and did not carry out (it was decided contrary before they came), which engine.run then
    delivers as the message, so its delivery reopens (``applied_news``)."""
    if request.kind != kinds.REQUEST or not waiting:
        return []
    return binding(session, request)


def carry_period(catch_task, payload: dict, standard: int) -> None:
    """The period the request's reopened delivery is due by, into the waiting catch event's data too: the superior's
    (``PAYLOAD_DAYS``), else the office's ``standard``. Process version 4's ``jam_lanjutan`` reads the message's
    period, else the instance's own ``hari_penyerahan``; the versions before it read only the instance's own (the
    office's standard at intake), so a request filed on them was due by the standard while the superior's letter
    stated another period. The catch event's data is what the reopened delivery inherits, on every version alike; it
    is set on the event's parent as well, whose data SpiffWorkflow merges into the event's (over it) when it fires."""
    if catch_task is None:
        return
    days = payload.get(PAYLOAD_DAYS) or standard
    for task in (catch_task, catch_task.parent):
        if task is not None:
            task.data[PAYLOAD_DAYS] = days


def message_payload(order: Order) -> dict:
    """The message ``keberatan_dikabulkan`` delivered late for ``order``, as the objection's own would be."""
    return {"ticket": order.objection, "status": order.outcome} | ({PAYLOAD_DAYS: order.days} if order.days else {})


def applied_news(order: Order) -> dict:
    """The request's news of ``order`` taken up late: delivery reopened on it (``deferred``)."""
    news = {"ticket": order.objection, "status": order.outcome, "message": MESSAGE, "applied": True}
    return {**news, **_recorded(order), "deferred": True}


def _order(data: dict, index: int) -> Order:
    return Order(
        objection=data.get("ticket") or "",
        outcome=data.get("outcome"),
        grounds=tuple(data.get("grounds") or ()),
        text=data.get("order"),
        on=iso_day(data.get("on")),
        by=data.get("by"),
        applied=bool(data.get("applied")),
        index=index,
        days=data.get("days") or None,
    )


def _recorded(order: Order) -> dict:
    on = order.on.isoformat() if order.on else None
    found = {"outcome": order.outcome, "grounds": list(order.grounds), "order": order.text, "on": on, "by": order.by}
    return found | ({"days": order.days} if order.days else {})


def _carried(rows, order: Order) -> date | None:
    """The day ``order`` was carried out (``date.min`` when the step recorded no date); None while it was not: the
    information handed over after it on a decision that agrees with it, or by a reopened delivery (whichever news of
    the objection reopened it); an order to answer, by the written notice after it."""
    decision = None
    for index, (type_, data) in enumerate(rows):
        if type_ != "task_completed":
            continue
        task, given = data.get("task"), data.get("data") or {}
        if task == DECISION_TASK:
            decision = given.get("keputusan")
        if index < order.index:
            continue
        if task == NOTICE_TASK and order.to_answer:
            return iso_day(given.get("tanggal_pemberitahuan")) or date.min
        if task == REOPENED_DELIVERY or (task in DELIVERY_TASKS and (order.applied or order.allows(decision))):
            return iso_day(given.get("tanggal_penyerahan")) or date.min
    return None


def _history(session: Session, request: Case) -> list[tuple[str, dict]]:
    """The request's news and completed tasks, oldest first; none when it has no news (no objection reported back):
    most requests, whose runs then read one small row set, not every completed task's data."""
    if session.scalar(_ANY_NEWS, {"case_id": request.id}) is None:
        return []
    rows = session.execute(
        select(CaseEvent.type, CaseEvent.data)
        .where(CaseEvent.case_id == request.id, CaseEvent.type.in_((NEWS, "task_completed")))
        .order_by(CaseEvent.seq)
    )
    return [(type_, data or {}) for type_, data in rows]


_ANY_NEWS = (
    select(CaseEvent.seq).where(CaseEvent.case_id == bindparam("case_id"), CaseEvent.type == NEWS).limit(1)
)  # built once (see engine.run)


def _completed(session: Session, order: Order) -> Order:
    """News recorded before the order was (only the objection's ticket): completed from the objection's record."""
    if order.outcome is not None:
        return order
    objection = session.scalar(select(Case).where(Case.ticket == order.objection))
    if objection is None:
        return order
    data: dict = {}
    for (event,) in session.execute(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == objection.id, CaseEvent.type == "task_completed")
        .order_by(CaseEvent.seq)
    ):
        if (event or {}).get("task") in ("tawarkan_musyawarah", "putuskan_keberatan"):
            data |= event.get("data") or {}
    found = details(data, (objection.details or {}).get("alasan"), None)
    if not found:
        return order
    by = decider(session, objection, found["outcome"])
    return _order({"ticket": order.objection, "applied": order.applied, **found, "by": by}, order.index)
