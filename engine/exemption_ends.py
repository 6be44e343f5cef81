"""When an entry of the exemption register ends before its period: the refusal it rests on is overturned.

An objection granted in full by the PPID's superior (UU 14/2008 Pasal 35-36, legal-process.md §4), or a Commission's
or court's decision granting the request in full become final (Pasal 47-50, §5), overturns the refusal when it
opens what the exemption withheld (``overturns``). Then the request's own entries (those determined on it) end from
that day, each with an ``exemption_ended`` event, and the request's history records the refusal overturned
(``refusal_overturned``: the deciding case's ticket, the day, and the entry it cited when it cited one), which the
/dip box of refusals reads (engine.dip_match). An entry the refusal only cited was determined on another request:
a decree binding every later requester, which one requester's objection does not void for everyone; it stays, and
that other request's history is not written to.

Each end is recorded in the register's hash chain too (engine.access_log EXEMPTION, an ``exemption_ended`` record of
format 3 holding the day and the reason's code), in the same transaction: ``kawal audit verify`` compares every
entry's ``ended_on`` and ``ended_reason`` with its last record, so an end written, changed or erased in the database
is told. An entry with no record in that chain at all (written by an older release still running after the
migrations, by SQL by hand, or its records deleted: engine.chain_gaps) is ended all the same, the refusal being
overturned, and its event written on the request, but no record is added to the register's chain: its first one would
vouch for a row written past the chain and close its gap unchecked. The gap stays for `kawal db upgrade` to count and
`kawal repair chain-gaps` to list; once the administrator has checked it, --apply records the entry as it then stands,
its end included, marked found without a record.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access_log, exemption_words, kinds
from engine.audit import EventLog
from engine.calendar import iso_day
from engine.exemptions import CITE_FIELD, decisions
from engine.models import Case, CaseEvent, Exemption, ExemptionEvent
from engine.runtime import Runtime

# The request's decision (forms/putuskan.json ``keputusan``) refusing the whole request as exempt (Pasal 17).
REFUSED_EXEMPT = "ditolak_dikecualikan"
EXEMPTION_GROUND = "a"  # Pasal 35(1) a: the request refused on the grounds of Pasal 17
# d (not answered as asked), e (not fulfilled): against a whole refusal as exempt, granted in full, they open it.
FULFILMENT_GROUNDS = frozenset("de")
# The final word on a dispute that grants the request in full (the Commission's, the court's or the Supreme Court's
# ``amar``; engine.facts reads the same).
GRANTED_IN_FULL = "dikabulkan_seluruhnya"
FINAL = "berkekuatan_hukum_tetap"  # the dispute's milestone: its decision became final and binding
OVERTURNED = "refusal_overturned"  # the request's event: its refusal overturned (engine.dip_match reads it)


def overturns(grounds, decision: str | None) -> bool:
    """Whether an objection (or a dispute) on ``grounds``, granted in full, overturns the exemption of a request
    decided ``decision`` (its ``keputusan``; legal-process.md §4.1, UU 14/2008 Pasal 35(1)).

    Ground a contests the exemption itself: granted in full, the exempt information is to be given. Grounds d (not
    answered as asked) and e (not fulfilled) contest what was handed over: against a partial grant they often
    contest only the part the exemption left open (blacked out beyond the exempt part, or not delivered), and
    granting them orders that part given, the exemption standing; against a request refused whole as exempt
    (``ditolak_dikecualikan``) nothing was given but for the exemption, so granting them in full opens it. The other
    grounds (b periodic information, c no answer, f the fee, g lateness) never overturn it."""
    grounds = set(grounds or ())
    return EXEMPTION_GROUND in grounds or (decision == REFUSED_EXEMPT and bool(FULFILMENT_GROUNDS & grounds))


def end_for_objection(session: Session, request: Case, objection: Case, actor: str, on: date) -> list[Exemption]:
    """The PPID's superior granted in full an objection that overturns the exemption (``overturns``): the request's
    own entries no longer hold from ``on`` and may not be cited (each an event), and the refusal is recorded
    overturned on the request.

    What ends an entry is the refusal being overturned, not the letter the requester ticked: a requester refused
    whole on an exemption often objects on ground e ("my request was not fulfilled") or d rather than a, and the
    superior granting that in full orders the request fulfilled (Kawal reopens the request's delivery). An objection
    granted in part leaves the entry: the superior upheld part of the refusal with written reasons (Pasal 36(3)),
    Kawal cannot tell which part, and the entry stays the basis of what is still withheld (the head may determine a
    narrower one). An amicable agreement (Pasal 35(2)) never ends one: settlement is only for grounds b-g, never the
    exemption, and what it hands over is what the exemption leaves open."""
    if objection.outcome != "keberatan_dikabulkan_seluruhnya":
        return []
    decision = decisions(session, [request.id]).get(request.id, {})
    if not overturns((objection.details or {}).get("alasan"), decision.get("keputusan")):
        return []
    reason = (exemption_words.OBJECTION, {"objection": objection.ticket})
    return _end(session, request, decision, objection.ticket, reason, actor, on, {"objection": objection.ticket})


def end_for_dispute(session: Session, dispute: Case, data: dict, actor: str, today: date) -> list[Exemption]:
    """A dispute's decision became final (its milestone ``berkekuatan_hukum_tetap``, with the workflow's ``data``):
    when it grants the request in full on grounds that overturn the exemption (``overturns``), the request's own
    entries end on the day it became final (the certificate's date; else ``today``), each an event, and the refusal
    is recorded overturned on the request.

    Final, not complied with (UU 14/2008 Pasal 47-50, legal-process.md §5.2 rows 9-10, §5.4): a Commission decision
    the office may still challenge, or a judgment open to cassation, overturns nothing yet; once final it binds the
    office, which must open the information (not doing so is an offence, Pasal 52). From that day the entry may not
    be cited to refuse anyone else, however late the office complies; the compliance record (``pelaksanaan_putusan``)
    is the execution, not the ruling. A decision granting in part, or dismissing, leaves the entry, and a mediation
    agreement (final at once, Pasal 39) never reaches this milestone: mediation is for grounds b-g only (Pasal 40),
    never the exemption."""
    if data.get("amar_final") != GRANTED_IN_FULL:
        return []
    request = _request_of(session, dispute)
    if request is None:
        return []
    decision = decisions(session, [request.id]).get(request.id, {})
    if not overturns((dispute.details or {}).get("alasan"), decision.get("keputusan")):
        return []
    on = iso_day((data.get(FINAL) or {}).get("tanggal")) or today
    body, name = _deciding_body(dispute, data)
    reason = (exemption_words.DISPUTE, {"dispute": dispute.ticket, "body": body, "name": name})
    return _end(session, request, decision, dispute.ticket, reason, actor, on, {"dispute": dispute.ticket})


def _deciding_body(dispute: Case, data: dict) -> tuple[str, str | None]:
    """Who gave the final word (exemption_words.BODIES), and its name as typed: the Supreme Court on cassation, the
    court on a challenge (the court the message names), else the Commission (the one the dispute was filed with)."""
    if isinstance(data.get("putusan_kasasi"), dict):
        return exemption_words.SUPREME_COURT, None
    court = data.get("putusan_pengadilan")
    if isinstance(court, dict):
        return exemption_words.COURT, court.get("pengadilan") or None
    return exemption_words.COMMISSION, (dispute.details or {}).get("ki") or None


def _request_of(session: Session, case: Case) -> Case | None:
    """The request a dispute (filed against an objection or a request) or an objection is about."""
    while case is not None and case.kind != kinds.REQUEST:
        case = session.get(Case, case.parent_id) if case.parent_id is not None else None
    return case


def _end(
    session: Session,
    request: Case,
    decision: dict,
    by: str,
    reason: tuple[str, dict],
    actor: str,
    on: date,
    extra: dict,
) -> list[Exemption]:
    """End the request's own entries in force on ``on`` (the entry keeps why, ``reason``: a code of
    engine.exemption_words and its parameters, naming the deciding case; the request's history an event each, with
    the same code and parameters and their Indonesian words; the register's chain a record each, with the end) and
    record its refusal overturned: once per deciding case (``by``), however often the upgrade runs."""
    if _recorded(session, request, by):
        return []
    ended = list(
        session.scalars(
            select(Exemption)
            .where(Exemption.case_id == request.id, Exemption.ended_on.is_(None), Exemption.valid_until >= on)
            .order_by(Exemption.id)
        )
    )
    code, params = reason
    why = {"code": code, "params": params, "reason": exemption_words.worded(code, params, "id")}
    log = EventLog(session)
    chained_ids = _chained(session, [entry.id for entry in ended])
    for entry in ended:
        entry.ended_on = on
        entry.ended_reason = exemption_words.stored(code, **params)
        event = {"exemption": entry.id, "by": by, **why, "on": on.isoformat(), **extra}
        log.append(request, "exemption_ended", actor, event)
        if entry.id not in chained_ids:
            continue  # its gap left for `kawal repair chain-gaps` (the module's docstring)
        chained = access_log.exemption_record(entry, request.ticket)  # format 3: with the end, checked against the row
        access_log.record(session, access_log.EXEMPTION, entry.id, actor, "exemption_ended", chained)
    cited = decision.get(CITE_FIELD)
    overturned = {"by": by, **why, "on": on.isoformat(), **extra}
    if isinstance(cited, int):
        overturned["cited"] = cited  # the entry it cited stays in force: determined on another request
    log.append(request, "refusal_overturned", actor, overturned)  # OVERTURNED, literal for the labels test
    return ended


def _chained(session: Session, ids: list[int]) -> set[int]:
    """Which of the entries have a record in the register's chain (one query); the others have none: written by an
    older release, by SQL by hand, or their records deleted (engine.chain_gaps)."""
    if not ids:
        return set()
    return set(session.scalars(select(ExemptionEvent.exemption_id).where(ExemptionEvent.exemption_id.in_(ids))))


def _recorded(session: Session, request: Case, by: str) -> bool:
    """Whether the request's history already says that the case ``by`` overturned its refusal (its event, or an
    entry ended by it before the refusal itself was recorded: an objection on ground a before this version)."""
    recorded = select(CaseEvent.data).where(
        CaseEvent.case_id == request.id, CaseEvent.type.in_((OVERTURNED, "exemption_ended"))
    )
    return any(by in (data.get("by"), data.get("objection")) for data in session.scalars(recorded))


def end_overturned(session: Session, rt: Runtime) -> int:
    """End the entries whose refusal was overturned before Kawal ended them, and record those refusals overturned:
    an objection granted in full before migration 0023 (or, before the request's decision was weighed, on ground d or
    e against a refusal as exempt), a dispute's decision granting the request in full that became final before
    Kawal ended entries on it, or either while the upgrade ran. Each as ``end_for_objection`` and ``end_for_dispute``
    do now: on the day the request learned of the grant (its ``linked_case_outcome`` event), or on the day the
    decision became final (its certificate's date, else the day Kawal recorded it), with its events. Idempotent: a
    refusal recorded overturned by the same case is left as it is. The count is of the entries ended."""
    tz = rt.calendars["strict"].tz
    granted = (
        select(CaseEvent)
        .join(Case, CaseEvent.case_id == Case.id)
        .where(Case.kind == kinds.REQUEST, CaseEvent.type == "linked_case_outcome")
        .order_by(CaseEvent.case_id, CaseEvent.seq)
    )
    ended = 0
    for event in session.scalars(granted).all():
        if event.data.get("message") != "keberatan_dikabulkan":
            continue
        objection = session.scalar(select(Case).where(Case.ticket == event.data.get("ticket")))
        if objection is None:
            continue
        request = session.get(Case, event.case_id)
        on = event.at.astimezone(tz).date()
        ended += len(end_for_objection(session, request, objection, "system", on))
    final = (
        select(CaseEvent)
        .join(Case, CaseEvent.case_id == Case.id)
        .where(Case.kind == kinds.DISPUTE, CaseEvent.type == "status_changed")
        .order_by(CaseEvent.case_id, CaseEvent.seq)
    )
    for event in session.scalars(final).all():
        if event.data.get("status") != FINAL:
            continue
        dispute = session.get(Case, event.case_id)
        data = _final_word(session, dispute)
        ended += len(end_for_dispute(session, dispute, data, "system", event.at.astimezone(tz).date()))
    return ended


def _final_word(session: Session, dispute: Case) -> dict:
    """What the workflow knew when a dispute's decision became final, read back from its history: the last
    decision's ``amar`` (the Supreme Court's, else the court's, else the Commission's), the court's and the Supreme
    Court's decisions, and the certificate of finality's date when one was recorded."""
    messages: dict[str, dict] = {}
    for (data,) in session.execute(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == dispute.id, CaseEvent.type == "message_received")
        .order_by(CaseEvent.seq)
    ):
        messages[data.get("message", "")] = data.get("data") or {}
    word = messages.get("putusan_kasasi") or messages.get("putusan_pengadilan") or messages.get("putusan_ajudikasi")
    out = {"amar_final": (word or {}).get("amar")}
    out |= {name: messages[name] for name in ("putusan_kasasi", "putusan_pengadilan") if name in messages}
    if "putusan_kasasi" in messages:
        out[FINAL] = {"tanggal": messages["putusan_kasasi"].get("tanggal")}
    elif FINAL in messages:
        out[FINAL] = messages[FINAL]
    return out
