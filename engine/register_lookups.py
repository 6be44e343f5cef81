"""What a register's rows tell beyond each case's own facts, read for a batch of cases at once (engine.registers).

* a request's objections and the disputes on them, each with what became of it (``followed_by``: the request
  register's ``final_result``);
* an objection's disputes (``disputes_of``) and the superior's order to the PPID (``orders``): the objection register;
* the day a dispute's decision became final and binding (``final_days``): the dispute register.

Each takes the ids of one batch of a register's cases and answers with one query, keyed by case id.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import kinds
from engine.calendar import iso_day
from engine.chain import OBJECTION_DECISION_TASK
from engine.models import Case, CaseEvent, CaseFacts


def disputes_of(session: Session, ids: list[int]) -> dict[int, list[str]]:
    """Of the objections ``ids``, those a dispute followed: objection id -> its disputes' tickets, as filed."""
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
    and the court's and the Supreme Court's decisions' effect on the request (``court_result``, ``cassation_result``)
    when there were any. Nothing here judges
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
        .add_columns(CaseFacts.adjudication, CaseFacts.court_result, CaseFacts.cassation_result)
        .outerjoin(CaseFacts, CaseFacts.case_id == Case.id)
        .where(Case.parent_id.in_(ids), Case.kind == kind)
        .order_by(Case.received_at, Case.id)
    )
    for parent_id, id_, ticket, status, result, adjudication, court_result, cassation_result in session.execute(query):
        item = {"id": id_, "ticket": ticket, "kind": kind, "result": result, "status": status}
        if kind == kinds.DISPUTE:
            item.update(adjudication=adjudication, court_result=court_result, cassation_result=cassation_result)
        found.setdefault(parent_id, []).append(item)
    return found


# The superior's decision on an objection and its order to the PPID (keberatan_putusan.json), §4.3's "Atasan PPID
# decision": the register shows what the PPID was ordered to do, not only the outcome.
ORDER_FIELD = "perintah_kepada_ppid"


def orders(session: Session, ids: list[int]) -> dict[int, str]:
    """Each objection's order to the PPID, as the superior's latest decision gave it (none when it gave none)."""
    found: dict[int, str | None] = {}
    for case_id, data in session.execute(
        select(CaseEvent.case_id, CaseEvent.data)
        .where(CaseEvent.case_id.in_(ids), CaseEvent.type == "task_completed")
        .order_by(CaseEvent.case_id, CaseEvent.seq)
    ):
        if data.get("task") == OBJECTION_DECISION_TASK:
            found[case_id] = (data.get("data") or {}).get(ORDER_FIELD)
    return {case_id: order for case_id, order in found.items() if order}


# A dispute's decision becomes final and binding (berkekuatan hukum tetap, legal-process.md §5.2 row 10) on the day
# sengketa_informasi.bpmn takes: the Commission's certificate's date when recorded, the Supreme Court's judgment's
# on cassation, else the day the stage names (``on``: since version 4 the day after the office's and the applicant's
# windows both lapsed on the lenient reading, confirmed), else the day Kawal reached it (versions 1-3).
# A mediation agreement is final at once (UU 14/2008 Pasal 39): the day it is dated (engine.registers.rows).
FINAL, CASSATION, MEDIATED = "berkekuatan_hukum_tetap", "putusan_kasasi", "putusan_mediasi"


def final_days(session: Session, ids: list[int], tz) -> dict[int, date]:
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
