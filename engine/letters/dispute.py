"""What a dispute's letters to (or for) the Commission say of the parties (Perki 1/2013; legal-process.md §1, §5.3).

The Commission names the parties Pemohon and Termohon and the dispute by its register number; the power of attorney
and the Respondent's written response do the same. The response is signed by the attorneys the power of attorney
names and lists what it encloses. In court (UU 14/2008 Pasal 47-50, §5.2 row 9) the office's written statement that it
does not accept the adjudication decision, and its power of attorney before the PTUN or the Supreme Court, name the
decision challenged, the court, and the office's role there as the case recorded who filed (``in_court``). The
Commission's decision is named by its own number when the officer recorded it (``nomor_putusan``), beside the
dispute's register number: a court's papers cite the decision challenged by its number.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.facts import (
    CASSATION_DECIDED,
    CASSATION_FILED,
    CASSATION_POSITION,
    CHALLENGED,
    JUDGED,
    POSITION,
    court_reading,
)
from engine.letters.types import LetterType
from engine.models import Case, CaseEvent, Letter
from engine.register_lookups import final_days

POWER_OF_ATTORNEY, RESPONSE = "surat_kuasa_khusus", "tanggapan_termohon"
COMPLIANCE = "berita_acara_pelaksanaan_putusan"  # the record of carrying out the final decision (§10b)
MEDIATION_COMPLIANCE_TASK = "laksanakan_kesepakatan_mediasi"  # the mediation agreement's, on grounds b-g
# The decisions that may become final, the last instance first: the Supreme Court's, the court's, the Commission's.
DECISIONS = ("putusan_kasasi", "putusan_pengadilan", "putusan_ajudikasi")
MEDIATED = "hasil_mediasi"  # the Commission's message of the mediation's outcome: an agreement's day
DETERMINATION = "penetapan_pengecualian"
CONSEQUENCE_TEST = "uji konsekuensi"  # how an item of evidence names the consequence test record
# The court stage's letters: the office's statement of non-acceptance (UU 14/2008 Pasal 48(1)), issued with its
# challenge, and the head's power of attorney before the court, issued at the PTUN stage and again at cassation.
NON_ACCEPTANCE, COURT_POWER = "pernyataan_tidak_menerima_putusan", "surat_kuasa_khusus_pengadilan"
COURT_LETTERS = frozenset({NON_ACCEPTANCE, COURT_POWER})
CASSATION_POWER_TASK = "kuasa_kasasi"  # the cassation's power of attorney (the PTUN stage's: kuasa_pengadilan)
SUPREME_COURT = "Mahkamah Agung Republik Indonesia"
ADJUDICATION = "putusan_ajudikasi"  # the Commission's decision challenged (the court stage's: engine.facts)
# The Commission's decision's own number, when its message gave it (optional: older records have none).
DECISION_NUMBER = "nomor_putusan"


def parties(
    session: Session,
    case: Case,
    kind: LetterType,
    data: dict,
    request: Case | None,
    requester: dict,
    task_data: Callable[[str], dict],
) -> dict:
    """What a dispute's letter to (or for) the Commission says of the parties, as the Commission names them: the
    requester as the Pemohon, by name alone (no NIK, no address: Perki 1/2013 asks neither of the Termohon's
    papers). The Respondent's written response also names who signs it and what goes with it: the attorneys of the
    power of attorney (``attorneys``: its number and date, Kawal's letter or the office's own), and the enclosures the
    header counts and the letter lists (``enclosed``: the power of attorney, each item of evidence, the consequence
    test and the determination of exempt information when the office attaches them). ``requester``: the requester's
    identity as the case's record read it; ``task_data``: the record's reader of a completed task's data."""
    out: dict = {"pemohon": {"name": requester.get("name", "")}}
    if kind.code != RESPONSE:
        return out
    power = task_data("surat_kuasa")
    attorneys = None
    if power.get("penerima_kuasa"):
        number, dated = power.get("nomor_surat"), power.get("tanggal")
        if not number:  # numbered by Kawal: the latest power of attorney it issued (a correction's, if corrected)
            issued = _latest(session, case.id, POWER_OF_ATTORNEY)
            if issued is not None:
                number, dated = issued.number, issued.letter_date.isoformat()
        attorneys = {"names": list(power["penerima_kuasa"]), "number": number or "", "date": dated or ""}
    enclosed: list[dict] = []
    if attorneys is not None:
        enclosed.append({"kind": "power_of_attorney", "number": attorneys["number"], "date": attorneys["date"]})
    enclosed += [{"kind": "evidence", "text": item} for item in data.get("daftar_bukti") or []]
    if data.get("uji_konsekuensi_dilampirkan"):
        if not any(CONSEQUENCE_TEST in str(item).casefold() for item in data.get("daftar_bukti") or []):
            enclosed.append({"kind": "consequence_test"})  # not listed twice when the evidence names it already
        decree = None
        if request is not None:
            decree = _latest(session, request.id, DETERMINATION)
        enclosed.append(
            {
                "kind": "determination",
                "number": decree.number if decree is not None else "",
                "date": decree.letter_date.isoformat() if decree is not None else "",
            }
        )
    return out | {"attorneys": attorneys, "enclosed": enclosed, "enclosures": len(enclosed)}


def carried_out(session: Session, case: Case, tz, task: str | None = None) -> dict:
    """What a record of compliance names (``task``: the task whose completion issues it). Of a mediation agreement
    (MEDIATION_COMPLIANCE_TASK), the agreement's day (``agreed_on``), whatever was decided after it. Of a decision, the
    last instance's that the office recorded (``instance``: ``kasasi``, ``pengadilan`` or ``ajudikasi``, with its court,
    number and date as its message gave them: a court's case number, the Commission's decision number), and the day
    it became final as the register reads it (engine.register_lookups.final_days); a full mediation agreement carried
    out: that day alone, if any."""
    recorded = _received(session, case, (*DECISIONS, MEDIATED))
    out = dict.fromkeys(("instance", "court", "number", "date", "final_on", "agreed_on"), "")  # every key, always
    if task == MEDIATION_COMPLIANCE_TASK:
        return out | {"agreed_on": recorded.get(MEDIATED, {}).get("tanggal") or ""}
    final_on = final_days(session, [case.id], tz).get(case.id)
    out["final_on"] = final_on.isoformat() if final_on else ""
    name = next((n for n in DECISIONS if n in recorded), None)
    if name is None:
        return out | {"agreed_on": recorded.get(MEDIATED, {}).get("tanggal") or ""}
    decided = recorded[name]
    return out | {
        "instance": name.removeprefix("putusan_"),
        "court": decided.get("pengadilan") or "",
        "number": decided.get("nomor_perkara") or decided.get(DECISION_NUMBER) or "",
        "date": decided.get("tanggal") or decided.get("tanggal_dibacakan") or "",
    }


def in_court(session: Session, case: Case, task: str | None, task_data: Callable[[str], dict]) -> dict:
    """What a letter of the court stage names: the Commission's adjudication decision challenged (``adjudication``: its
    number, the day it was read and the day the office received it, as its message gave them), and the instance the
    letter is for (``court``): the PTUN's, or the Supreme Court's when ``task`` (the task whose completion issues it)
    is the cassation's power of attorney. Each names its court and its case number as the case page reads them
    (engine.facts.court_reading), and the office's role there: ``pemohon`` when it filed, ``termohon`` when the
    applicant did, "" while neither is recorded (a power given before anyone filed); at cassation also its role before
    the PTUN (``earlier_role``) and the PTUN's judgment appealed (``judgment``). ``task_data``: the record's reader of a
    completed task's data."""
    received = _received(session, case, (ADJUDICATION, CHALLENGED, JUDGED, CASSATION_FILED, CASSATION_DECIDED))
    decided = received.get(ADJUDICATION, {})
    stage = court_reading(task_data, received)
    challenge = _challenge(received, task_data, stage)
    return {
        "adjudication": {
            "number": decided.get(DECISION_NUMBER) or "",
            "read_on": decided.get("tanggal_dibacakan") or "",
            "received_on": decided.get("tanggal_diterima") or "",
        },
        "court": _cassation(received, task_data, stage, challenge) if task == CASSATION_POWER_TASK else challenge,
    }


def _challenge(received: dict[str, dict], task_data: Callable[[str], dict], stage: dict) -> dict:
    """The challenge of the Commission's decision before the PTUN (``stage``: its court and case number): the office's
    own when its position says so, else the applicant's when their message is recorded."""
    task, answer = POSITION
    if task_data(task).get("sikap") == answer:
        role = "pemohon"
    elif CHALLENGED in received:
        role = "termohon"
    else:
        role = ""
    return {
        "instance": "pengadilan",
        "name": stage["court"] or "",
        "number": stage["court_number"] or "",
        "role": role,
        "earlier_role": "",
        "judgment": None,
    }


def _cassation(received: dict[str, dict], task_data: Callable[[str], dict], stage: dict, challenge: dict) -> dict:
    """The cassation before the Supreme Court of the PTUN's judgment (``challenge``: the stage before; ``stage``: the
    cassation's case number): filed by the office when its position says so or the message of a cassation filed names
    it (``pihak`` ``termohon``), by the applicant when that message names them."""
    task, answer = CASSATION_POSITION
    filed = received.get(CASSATION_FILED, {})
    if task_data(task).get("sikap") == answer or filed.get("pihak") == "termohon":
        role = "pemohon"
    elif filed.get("pihak") == "pemohon":
        role = "termohon"
    else:
        role = ""
    judgment = {
        "court": challenge["name"],
        "number": challenge["number"],
        "date": received.get(JUDGED, {}).get("tanggal") or "",
    }
    return {
        "instance": "kasasi",
        "name": SUPREME_COURT,
        "number": stage["cassation_number"] or "",
        "role": role,
        "earlier_role": challenge["role"],
        "judgment": judgment,
    }


def _received(session: Session, case: Case, names: tuple[str, ...]) -> dict[str, dict]:
    """The data of the latest message of each of ``names`` the case recorded from the Commission or a court."""
    recorded: dict[str, dict] = {}
    rows = session.execute(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == "message_received")
        .order_by(CaseEvent.seq)
    )
    for (data,) in rows:
        if data.get("message") in names:
            recorded[data["message"]] = dict(data.get("data") or {})
    return recorded


def _latest(session: Session, case_id: int, kind: str):
    """The number and date of the case's latest letter of ``kind`` (a correction's, if corrected), not a copy in
    another language; None when none was issued."""
    return session.execute(
        select(Letter.number, Letter.letter_date)
        .where(Letter.case_id == case_id, Letter.kind == kind, Letter.translation_of_id.is_(None))
        .order_by(Letter.id.desc())
        .limit(1)
    ).first()
