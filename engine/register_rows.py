"""One case's row of a register (engine.registers), from the case, its facts and the request or objection it follows.

``case_row`` reads every register's columns for the case's kind; the values it derives rather than reads are here too:
a dispute's mediation that could not apply (``mediation_not_applicable``), the requester's reaction to the answer to
their objection (``reaction``). ``identity`` reads the requester's (and a proxy's) name and contact from the vault,
for the reader engine.registers has allowed. Rows carry codes and Python values; api.reports.labels words them.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine import chain, kinds, proxy_data
from engine.calendar import iso_day
from engine.models import Case, CaseFacts, Party
from engine.runtime import Runtime


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split(",") if v]


def case_row(case: Case, facts: CaseFacts, parent_ticket, parent_details: dict, names: dict, disputes: dict) -> dict:
    """The columns of ``case``'s register read from the case and its facts: ``names`` maps usernames to the names
    shown, ``disputes`` an objection's id to its disputes' tickets (engine.register_lookups.disputes_of)."""
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
            mediation=facts.mediation or mediation_not_applicable(facts),
            adjudication=facts.adjudication,
            court=facts.court,
            court_result=facts.court_result,
            court_decided_on=facts.court_decided_on,
            cassation=facts.cassation,
            cassation_result=facts.cassation_result,
            cassation_decided_on=facts.cassation_decided_on,
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
            # the page and downloads show it as its Unit (engine.registers.SHOWN_IN)
            referred_to=referred_to(facts),
            sla_days=facts.sla_days,
            within_sla={"met": True, "missed": False}.get(facts.sla),
            within_statutory={"met": True, "missed": False}.get(facts.statutory),
        )
    return row


def mediation_not_applicable(facts: CaseFacts) -> str | None:
    """``tidak_berlaku`` for a dispute on ground a alone (an exemption, Pasal 17): mediation settles grounds b-g only
    (UU 14/2008 Pasal 40), so it was not blank for want of a record; None when its grounds are unknown."""
    grounds = set(_split(facts.grounds))
    return NOT_APPLICABLE if grounds and not grounds & chain.AMICABLE_GROUNDS else None


NOT_APPLICABLE = "tidak_berlaku"
# ``referred_to`` of a complaint referred to the Inspectorate General (the register's JSON; api.reports.labels words
# it in the Unit column of the page and the downloads).
INSPECTORATE = "inspektorat_jenderal"
# The rule, once: a complaint is referred to the Inspectorate General when it is oversight-relevant (pengaduan.bpmn
# gw_berkadar: with a memo, to no unit of the office, so ``unit_code`` stays empty). In SQL for the complaint
# statistics' unit breakdown (engine.complaint_stats), read in Python by ``referred_to`` for a register row.
REFERRED_TO_INSPECTORATE = CaseFacts.oversight.is_(True)


def referred_to(facts: CaseFacts) -> str | None:
    """INSPECTORATE for a complaint REFERRED_TO_INSPECTORATE holds of, else None."""
    return INSPECTORATE if facts.oversight is True else None


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


def identity(session: Session, rt: Runtime, case: Case) -> dict:
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
