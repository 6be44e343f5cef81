"""Complete by law before it can be sent: the rules a letter's form data must meet beyond its JSON Schema.

The JSON Schemas in forms/ carry what depends on one form alone (a refusal's Pasal 17 letters, a fee's
payment method, a redaction's reason, the superior's written reasons when upholding the PPID, the
extension's reasons). What depends on another task's record lives here, in one place: the written notice
against the decision it announces (UU 14/2008 Pasal 22(7) a-g) and the copy it gives against the delivery the
request asked for (letter f; its fee's items are engine.fees'), the head's determination against its
request, a decision citing the exemption register. ``inbox.complete_task`` calls ``check`` after the
schema, so the API (422) and the task page (messages beside the fields) say the same thing, and nothing
is changed by a refused form.

A letter's other dates are bounded here too (``DATES``): the day a request was completed, a decision, a settlement
record, a power of attorney, what the agency handed the Commission or carried out, or a complaint letter is dated
between the case's receipt and today, and an incident a complaint reports no later than its receipt; a response is
sent no earlier than it was decided. Dispatch dates (not before the receipt, not in the future) are
engine.lateness's, the date information is handed over (not before the written notice) engine.delivery's; the
extension's "before T10" is the task's ``mustCompleteBefore`` guard.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import clock, exemptions, fees, kinds
from engine.calendar import iso_day
from engine.errors import Invalid
from engine.facts import EXEMPTING
from engine.letters import dispute
from engine.letters.context import task_data
from engine.messages import msg
from engine.models import Case, CaseEvent, Deadline, HumanTask
from engine.runtime import Runtime

# The decisions that give information: only a written notice of one says what is given and may state a fee (which
# the decision notice's mail then says too, notifications.case_facts).
GRANTS = frozenset({"dikabulkan_seluruhnya", "dikabulkan_sebagian"})
HELD = GRANTS | {"ditolak_dikecualikan"}  # only what the body holds can be given or refused as exempt
NOT_HELD = frozenset({"tidak_dikuasai", "belum_dikuasai_didokumentasikan"})

NOT_GRANTED = msg("notice_not_granted")
REQUIRED_WHEN_GRANTED = msg("notice_required_when_granted")


def written_notice(decision: dict, data: dict, request: dict | None = None) -> dict[str, list[str]]:
    """Pasal 22(7) a-g against the decision: each item that applies present, none that contradicts it; with the
    request's details (``case.details``), no printed copy (letter f) sent by e-mail, the way the requester asked to
    receive it (the fee's items against the copy given: engine.fees.charges_not_asked)."""
    fields: dict[str, list[str]] = {}
    outcome = decision.get("keputusan")
    held = data.get("informasi_dikuasai")
    if outcome in HELD and held is False:
        fields["informasi_dikuasai"] = [msg("notice_held_contradicts")]
    if outcome in NOT_HELD and held is True:
        fields["informasi_dikuasai"] = [msg("notice_not_held_contradicts")]
    if held is True and data.get("badan_publik_penguasa"):
        fields["badan_publik_penguasa"] = [msg("notice_holder_only_when_not_held")]
    if outcome in GRANTS:
        for name in ("materi_diberikan", "media_format", "jadwal_penyerahan"):
            if not data.get(name):
                fields.setdefault(name, []).append(REQUIRED_WHEN_GRANTED)
        if outcome == "dikabulkan_seluruhnya" and data.get("penghitaman"):
            fields["penghitaman"] = [msg("notice_redacted_is_partial")]
        if outcome == "dikabulkan_sebagian" and "penghitaman" not in data:
            fields["penghitaman"] = [msg("notice_say_if_redacted")]
        delivery = (request or {}).get("delivery_method")
        if request is not None and fees.copy_given(request, data) in fees.PRINTED and delivery in fees.NO_PAPER:
            fields["bentuk_salinan"] = [msg("notice_printed_not_by_delivery", delivery=fees.delivery_words(delivery))]
    elif outcome is not None:
        given = ("materi_diberikan", "jadwal_penyerahan", "cara_pembayaran", "alasan_penghitaman", "bentuk_salinan")
        for name in given:
            if data.get(name):
                fields.setdefault(name, []).append(NOT_GRANTED)
        if data.get("penghitaman"):
            fields.setdefault("penghitaman", []).append(NOT_GRANTED)
        if (data.get("biaya") or 0) > 0:
            fields.setdefault("biaya", []).append(msg("notice_no_fee_when_nothing_given"))
    sent, delivery = iso_day(data.get("tanggal_pemberitahuan")), iso_day(data.get("jadwal_penyerahan"))
    if sent is not None and delivery is not None and delivery < sent:
        fields.setdefault("jadwal_penyerahan", []).append(msg("notice_delivery_before_notice"))
    return fields


def _check_notice(session: Session, rt: Runtime, case: Case, data: dict) -> dict:
    decision = task_data(session, case, "putuskan")
    fields = written_notice(decision, data, case.details or {})
    if decision.get("keputusan") in EXEMPTING:
        fields.update(_not_before_decree(session, case, data))
    if decision.get("keputusan") in GRANTS and not (data.get("biaya") or 0) > 0:
        fields.update(_delivery_within_clock(session, rt, case, data))
    return fields


def _delivery_within_clock(session: Session, rt: Runtime, case: Case, data: dict) -> dict:
    """Without a fee the information is handed over within the notice's period (or, the notice being late,
    within KAWAL_DELIVERY_DAYS of it): the hand-over clock (SERAH) the process arms next counts so, and a
    notice may not promise a later date (a letter admitting in writing that the office will be late).
    With a fee the clock runs from the payment, which no notice can date."""
    promised = iso_day(data.get("jadwal_penyerahan"))
    if promised is None:
        return {}
    extended = session.scalar(select(Deadline.id).where(Deadline.case_id == case.id, Deadline.name == "T17").limit(1))
    today = rt.office_today()
    # As the process's script jam_tanpa_biaya computes the clock's start and length (permohonan_informasi.bpmn).
    last = rt.working_days_after(case.received_at.isoformat(), 17 if extended else 10)[:10]
    if today >= last:
        last = rt.working_days_after(today, rt.settings.delivery_days)[:10]
    if promised > date.fromisoformat(last):
        return {"jadwal_penyerahan": [msg("notice_delivery_after_clock", last=date.fromisoformat(last))]}
    return {}


# The decree of exempt information a refusal or a partial grant stands behind: the superior's, or the head's own.
DECREES = ("tetapkan_pengecualian", "tetapkan_pengecualian_pimpinan")


def _not_before_decree(session: Session, case: Case, data: dict) -> dict:
    """A refusal's notice cites the decree that determined the exemption: it is not dated before that decree."""
    sent = iso_day(data.get("tanggal_pemberitahuan"))
    decree = next((d for d in (task_data(session, case, t) for t in DECREES) if d), {})
    decreed = iso_day(decree.get("tanggal_penetapan"))
    if sent is not None and decreed is not None and sent < decreed:
        return {"tanggal_pemberitahuan": [msg("date_after_determination", first=decreed)]}
    return {}


def _check_decision(session: Session, rt: Runtime, case: Case, data: dict) -> dict:
    """Only a refusal or a partial grant rests on Pasal 17: a full grant (or information not held) naming a
    ground would print it on the decision the Commission reads as evidence."""
    if data.get("keputusan") not in EXEMPTING and data.get("pasal_pengecualian"):
        return {"pasal_pengecualian": [msg("exemption_only_for_refusal")]}
    exemptions.check_citation(session, data, _today(rt))
    needs_determination = data.get("keputusan") in EXEMPTING and not data.get(exemptions.CITE_FIELD)
    if needs_determination and returns(session, case) >= RETURNS_AT_MOST:
        return {"keputusan": [msg("exemption_returned_too_often", times=RETURNS_AT_MOST)]}
    return {}


# The head may return the PPID's consequence test instead of determining the exemption (forms/
# tetapkan_pengecualian.json "penetapan"): the decision opens again (permohonan_informasi.bpmn
# catat_pengecualian_dikembalikan). After this many returns a decision that needs a new determination is refused,
# which bounds that loop in the model (ARCHITECTURE.md: no unbounded gateway loops).
RETURNS_AT_MOST = 3


def returns(session: Session, case: Case) -> int:
    """How many times the head returned the case's exemption to the PPID without determining it."""
    completed = select(CaseEvent.data).where(CaseEvent.case_id == case.id, CaseEvent.type == "task_completed")
    rows = session.scalars(completed)
    return sum(1 for d in rows if d.get("task") in DECREES and exemptions.returned(d.get("data") or {}))


def _check_determination(session: Session, rt: Runtime, case: Case, data: dict) -> dict:
    if exemptions.returned(data):  # not determined: nothing is decreed, the PPID decides again
        return {}
    exemptions.check_determination(data, _received_on(rt, case), _today(rt))
    return determination_letters(task_data(session, case, "putuskan"), data)


def determination_letters(decision: dict, data: dict) -> dict[str, list[str]]:
    """The head determines the exemption the PPID decided and tested (Perki 1/2021 Pasal 49): the decree's
    Pasal 17 letters are among the decision's, or the decree, the refusal and the register contradict each other
    (a decree on letter c over a consequence test of letter h)."""
    tested = set(decision.get("pasal_pengecualian") or ())
    untested = sorted(set(data.get("pasal_pengecualian") or ()) - tested)
    if untested and tested:
        return {
            "pasal_pengecualian": [
                msg("exemption_letters_not_decided", letters=", ".join(untested), decided=", ".join(sorted(tested)))
            ]
        }
    return {}


# How a court's name says which court it is, and what a challenge at the other one is told.
COURTS = {
    "ptun": (re.compile(r"\b(PTUN|tata\s+usaha\s+negara)\b", re.IGNORECASE), "court_of_challenge_ptun"),
    "pn": (re.compile(r"\b(PN|pengadilan\s+negeri)\b", re.IGNORECASE), "court_of_challenge_pn"),
}


def _compliance_check(task: str):
    """The check of the record of carrying out a decision (``task``): no earlier than it became final, or a mediation
    agreement no earlier than it was made, the days the record of compliance states (engine.letters.dispute
    ``carried_out``: Kawal numbers one dated that day, BAPP). On every process version: sengketa_informasi version 4
    bounds the date in the model too (dispatch_not_before), a case started before does not."""

    def check(session: Session, rt: Runtime, case: Case, data: dict) -> dict:
        day = iso_day(data.get("tanggal_pelaksanaan"))
        if day is None:
            return {}
        said = dispute.carried_out(session, case, rt.calendars["strict"].tz, task)
        first = iso_day(said["final_on"] or said["agreed_on"])
        if first is not None and day < first:
            return {"tanggal_pelaksanaan": [msg("between_and_today", first=first)]}
        return {}

    return check


def _check_court(session: Session, rt: Runtime, case: Case, data: dict) -> dict:
    """The office challenges the Commission's decision at the court the law gives a body like it (UU 14/2008 Pasal
    47, §5.2 row 9: the PTUN for a state public body, KAWAL_COURT_OF_CHALLENGE=ptun, else the district court): a
    challenge lodged at the other court is one the office loses on jurisdiction, its 14-day window gone."""
    court = data.get("pengadilan")
    if data.get("sikap") != "mengajukan_keberatan" or not isinstance(court, str):
        return {}
    name, message = COURTS[rt.settings.court_of_challenge]
    if not name.search(court):
        return {"pengadilan": [msg(message)]}
    return {}


RULES: dict[tuple[str, str], Callable[[Session, Runtime, Case, dict], dict]] = {
    (kinds.REQUEST, "putuskan"): _check_decision,
    (kinds.REQUEST, "pemberitahuan_tertulis"): _check_notice,
    (kinds.REQUEST, "tetapkan_pengecualian"): _check_determination,
    (kinds.REQUEST, "tetapkan_pengecualian_pimpinan"): _check_determination,
    (kinds.DISPUTE, "sikap_atas_putusan"): _check_court,
    (kinds.DISPUTE, "pelaksanaan_putusan"): _compliance_check("pelaksanaan_putusan"),
    (kinds.DISPUTE, dispute.MEDIATION_COMPLIANCE_TASK): _compliance_check(dispute.MEDIATION_COMPLIANCE_TASK),
}


@dataclass(frozen=True)
class Dated:
    """A date field no earlier than the case's receipt (or than ``after``: another task's date, when recorded)
    and no later than today."""

    field: str
    after: tuple[str, str] | None = None  # (task, field) of the date it may not precede
    message: str | None = None  # the message when that date bounds it (else: between the receipt and today)


ON_OR_AFTER_DECISION = ("putuskan_keberatan", "tanggal_keputusan")
DATES: dict[tuple[str, str], tuple[Dated, ...]] = {
    (kinds.REQUEST, "terima_kelengkapan"): (Dated("dilengkapi_pada"),),
    (kinds.OBJECTION, "tawarkan_musyawarah"): (Dated("tanggal"),),
    (kinds.OBJECTION, "putuskan_keberatan"): (Dated("tanggal_keputusan"),),
    (kinds.OBJECTION, "kirim_tanggapan"): (Dated("tanggal_dikirim", ON_OR_AFTER_DECISION, "date_after_decision"),),
    (kinds.DISPUTE, "surat_kuasa"): (Dated("tanggal"),),
    (kinds.DISPUTE, "bukti_ajudikasi"): (Dated("tanggal_diserahkan"),),
    (kinds.DISPUTE, "kesimpulan"): (Dated("tanggal_diserahkan"),),
    (kinds.DISPUTE, "sikap_kasasi"): (Dated("tanggal_permohonan_kasasi"),),
    (kinds.DISPUTE, "kuasa_pengadilan"): (Dated("tanggal"),),
    (kinds.DISPUTE, "kuasa_kasasi"): (Dated("tanggal"),),
    (kinds.DISPUTE, "laksanakan_kesepakatan_mediasi"): (Dated("tanggal_pelaksanaan"),),
    (kinds.DISPUTE, "pelaksanaan_putusan"): (Dated("tanggal_pelaksanaan"),),
    (kinds.COMPLAINT, "rujukan_itjen"): (Dated("tanggal"),),
    (kinds.COMPLAINT, "surat_penerusan"): (Dated("tanggal"),),
    (kinds.COMPLAINT, "pemberitahuan_hasil"): (Dated("tanggal"),),
}


# Dates of what happened before the case reached the office: no later than its receipt (an incident in 2030).
BEFORE_RECEIPT: dict[tuple[str, str], tuple[str, ...]] = {
    (kinds.COMPLAINT, "catat_pengaduan"): ("waktu_kejadian",),
}


def dates(session: Session, rt: Runtime, case: Case, task: str, data: dict) -> dict[str, list[str]]:
    """The bounds of ``DATES`` on a task's data: field messages for each date out of them."""
    fields: dict[str, list[str]] = {}
    today, received = _today(rt), _received_on(rt, case)
    for name in BEFORE_RECEIPT.get((case.kind, task), ()):
        value = iso_day(data.get(name))
        if value is not None and value > received:
            fields[name] = [msg("not_after_filing")]
    for rule in DATES.get((case.kind, task), ()):
        value = iso_day(data.get(rule.field))
        if value is None:
            continue  # absent (the schema says whether it is required) or not a date (the schema's message)
        after = iso_day(task_data(session, case, rule.after[0]).get(rule.after[1])) if rule.after else None
        first, message = (after, rule.message) if after is not None and after > received else (received, None)
        if not first <= value <= today:
            fields[rule.field] = [msg(message or "date_between_receipt_and_today", first=first)]
    return fields


def check(session: Session, rt: Runtime, task: HumanTask, data: dict) -> None:
    """Refuse (422, field messages) a letter's data that the law's contents or the case's record contradict."""
    fields = dates(session, rt, task.case, task.bpmn_id, data)
    rule = RULES.get((task.case.kind, task.bpmn_id))
    if rule is not None:
        for name, messages in rule(session, rt, task.case, data).items():
            fields.setdefault(name, []).extend(messages)
    if fields:
        raise Invalid("letter_incomplete", fields=fields)


def _today(rt: Runtime) -> date:
    return clock.now().astimezone(rt.calendars["strict"].tz).date()


def _received_on(rt: Runtime, case: Case) -> date:
    return case.received_at.astimezone(rt.calendars["strict"].tz).date()
