"""Issuing letters: numbered and frozen in the transaction of the change that issues them (STYLE.md rule 2).

``after_task`` is what ``inbox.complete_task`` calls once a task's run is closed: the letters the task
issues (engine.letters.types ``TRIGGERS``), each with the next number of its type and its content sealed,
as ``pending`` rows that the render job turns into PDFs after the commit (engine.letters.render). Nothing
here renders, so completing a task costs a counter update and an insert per letter, not a PDF.

A correction is a new letter of the same type with the next number, naming the one it corrects and
why; a translation shares its original's number. Neither changes the letter they refer to.
"""

from __future__ import annotations

import json
import secrets
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import clock, exemptions, languages, referral, reported_party
from engine.audit import EventLog
from engine.calendar import iso_day
from engine.errors import Conflict, Invalid
from engine.letters import context, numbering, signers
from engine.letters.types import BY_TASK, DETERMINATION_TASKS, REPORTED, TYPES, Facts
from engine.messages import msg
from engine.models import Case, HumanTask, Letter, User
from engine.runtime import Runtime
from engine.tickets import CROCKFORD
from engine.users import unit_of_code

CODE_CHARS = 10  # x 5 bits = 50 bits: not guessable, short enough to type from a printout


def new_code() -> str:
    # One read of the system's randomness; each byte's low 5 bits pick a letter (256 = 8 x 32: uniform).
    return "".join(CROCKFORD[byte & 31] for byte in secrets.token_bytes(CODE_CHARS)).lower()


def seal(rt: Runtime, code: str, value: dict) -> tuple[str, bytes]:
    plain = json.loads(json.dumps(value, default=_iso))  # dates as ISO text, as the templates read them
    return rt.vault.seal(plain, associated=b"letter:" + code.encode())


def unseal(rt: Runtime, letter: Letter) -> dict:
    return rt.vault.open(letter.context_key_id, letter.context, associated=b"letter:" + letter.code.encode())


def issue(
    session: Session,
    rt: Runtime,
    case: Case,
    kind: str,
    actor: str,
    *,
    letter_date: date,
    data: dict | None = None,
    task: str | None = None,
    shown_after: str | None = None,
    locale: str = languages.DEFAULT,
    signed_as: str | None = None,
    translation_of: Letter | None = None,
    corrects: Letter | None = None,
    reason: str | None = None,
    record: context.CaseRecord | None = None,
    original: dict | None = None,
    officer: dict | None = None,
) -> Letter:
    """One letter of type ``kind``: its number (a translation's is its original's), its sealed content, its
    ``letter_issued`` event; pending until the render job has made its PDF. ``record``: what the case's history
    and vault give the letters of this change, read once for all of them (``context.CaseRecord``). ``original``:
    the sealed context of the letter a translation translates, whose facts it states (``context.translation``).
    ``officer``: who signs when the office configured no signatory for the lane (``signers.signing_officer``)."""
    letter_type = TYPES[kind]
    if translation_of is not None:
        number = numbering.Number(translation_of.number, translation_of.series, translation_of.year, translation_of.seq)
    else:
        number = numbering.allocate(session, rt.settings, letter_type.series, letter_date)
    code = new_code()
    corrected = (
        {"number": corrects.number, "date": corrects.letter_date.isoformat(), "reason": reason or ""}
        if corrects is not None
        else None
    )
    content = context.build(
        session,
        rt,
        case,
        letter_type,
        letter_date=letter_date,
        number=number.text,
        code=code,
        locale=locale,
        data=data or {},
        signed_as=signed_as,
        corrects=corrected,
        record=record,
        officer=officer,
        task=task,
    )
    if original is not None:
        content = context.translation(rt, original, content)
    key_id, sealed = seal(rt, code, content)
    addressed = _addressed_unit(session, letter_type, task, data or {}, translation_of or corrects)
    letter = Letter(
        code=code,
        case_id=case.id,
        kind=kind,
        task=task,
        locale=locale,
        number=number.text,
        series=number.series,
        year=number.year,
        seq=number.seq,
        letter_date=letter_date,
        to_requester=letter_type.to_requester,
        shown_after=shown_after,
        issued_at=clock.now(),
        issued_by=actor,
        translation_of_id=translation_of.id if translation_of is not None else None,
        corrects_id=corrects.id if corrects is not None else None,
        correction_reason=reason,
        context_key_id=key_id,
        context=sealed,
        status="pending",
        attempts=0,
        signed=False,
        unit_id=addressed,
    )
    session.add(letter)
    session.flush()
    event = {"letter": letter.id, "kind": kind, "number": letter.number, "date": letter_date.isoformat()}
    event |= {"locale": locale, "code": code}
    if corrects is not None:
        event["corrects"] = corrects.number
    EventLog(session).append(case, "letter_issued", actor, event)
    return letter


def _addressed_unit(session: Session, letter_type, task: str | None, data: dict, original: Letter | None) -> int | None:
    """The unit a complaint's letter to a unit addresses: its task's referral (``unit_tujuan``, a re-referral's
    for the request a re-referral sends); a translation or a correction addresses the unit its original did. The
    disposition sheet goes from the head to the unit its task disposes the complaint to (engine.referral.referred_to;
    legal-process.md §10b; that unit reads it, engine.access.can_read_letter); one to the Inspectorate General
    addresses no unit."""
    if letter_type.code == "lembar_disposisi":
        if original is not None:
            return original.unit_id
        unit = unit_of_code(session, referral.referred_to(task, data))
        return unit.id if unit is not None else None
    if letter_type.audience != "unit":
        return None
    unit = unit_of_code(session, data.get("unit_tujuan"))
    if unit is not None:
        return unit.id
    return original.unit_id if original is not None else None


def after_task(session: Session, rt: Runtime, user: User, task: HumanTask, data: dict) -> list[Letter]:
    """The letters a just-completed task issues (with an English copy for a requester who writes in English),
    and the head's determination as an exemption register entry."""
    if task.bpmn_id in DETERMINATION_TASKS and exemptions.returned(data):  # not determined: no decree, no entry
        exemptions.record_return(session, task.case, task.lane, user.username)
    triggers = BY_TASK.get((task.case.kind, task.bpmn_id), ())
    if not triggers:
        return []
    case = task.case
    record = context.CaseRecord(session, rt, case)  # the history and the requester, read once for every letter
    facts = Facts(data=data, recorded=record.recorded, details=case.details or {})
    english = None
    issued = []
    for trigger in triggers:
        if not trigger.when(facts):
            continue
        letter_type = TYPES[trigger.letter]
        on = iso_day(data.get(trigger.date_field)) if trigger.date_field else None
        options = {
            "letter_date": on or rt.today(),
            "data": data,
            "task": task.bpmn_id,
            "shown_after": trigger.shown_after,
            "record": record,
        }
        if task.bpmn_id in DETERMINATION_TASKS:
            options["signed_as"] = task.lane
        lane = options.get("signed_as") or letter_type.signatory
        options["officer"] = signers.signing_officer(session, rt.settings, lane, user)  # the English copy's too
        letter = issue(session, rt, case, trigger.letter, user.username, **options)
        issued.append(letter)
        if task.bpmn_id in DETERMINATION_TASKS:
            test = record.task_data("uji_konsekuensi")
            exemptions.record_determination(session, case, task.lane, user.username, data, test, letter)
        if letter_type.to_requester and letter_type.audience is None:  # a reporter's identity is never read here
            if english is None:
                english = record.requester_locale() == "en"
            if english:
                translated = issue(
                    session, rt, case, trigger.letter, user.username, locale="en", translation_of=letter, **options
                )
                issued.append(translated)
    return issued


def record_reported(
    session: Session, rt: Runtime, user: User, case: Case, payload: dict
) -> tuple[reported_party.Recorded, Letter | None]:
    """``reported_party.record``, and the Inspectorate General's annex when the persons are recorded after the
    complaint was referred to it (``rujukan_itjen`` issues the annex only for persons on file then): issued once,
    dated today, naming the referral's memo. An annex issued already is not issued again: the team corrects it
    (``correct``), which prints the persons as they are then. Returns what was recorded and the annex (or None)."""
    done = reported_party.record(session, rt, user, case, payload)
    return done, _annex_recorded_later(session, rt, user, case) if done.changed and done.persons else None


def _annex_recorded_later(session: Session, rt: Runtime, user: User, case: Case) -> Letter | None:
    if not (case.details or {}).get(REPORTED):
        return None
    if session.scalar(select(Letter.id).where(Letter.case_id == case.id, Letter.kind == context.ANNEX).limit(1)):
        return None
    referral = context.task_data(session, case, "rujukan_itjen")
    if not referral:  # not referred yet: the referral will issue it
        return None
    officer = signers.signing_officer(session, rt.settings, TYPES[context.ANNEX].signatory, user)
    return issue(
        session,
        rt,
        case,
        context.ANNEX,
        user.username,
        letter_date=rt.today(),
        data=referral,
        task="rujukan_itjen",
        officer=officer,
    )


def translate(session: Session, rt: Runtime, user: User, letter: Letter, locale: str) -> Letter:
    """A copy of ``letter`` in ``locale`` under its number (a requester asked for English): once per language.
    It states what the original stated, whatever changed in the case since (``context.translation``)."""
    if locale not in languages.LOCALES:
        raise Invalid(
            "letter_language_unknown", fields={"locale": [msg("one_of", choices=", ".join(languages.LOCALES))]}
        )
    original = session.get(Letter, letter.translation_of_id) if letter.translation_of_id else letter
    existing = session.scalar(select(Letter).where(Letter.number == original.number, Letter.locale == locale))
    if existing is not None:
        raise Conflict("letter_exists_in_language", code=existing.code)
    content = unseal(rt, original)
    case = session.get(Case, original.case_id)
    return issue(
        session,
        rt,
        case,
        original.kind,
        user.username,
        letter_date=original.letter_date,
        data=content.get("data", {}),
        task=original.task,
        shown_after=original.shown_after,
        locale=locale,
        signed_as=content["signatory"]["lane"],
        translation_of=original,
        original=content,
    )


def correct(session: Session, rt: Runtime, user: User, letter: Letter, reason: str) -> Letter:
    """A new letter in place of ``letter``: the next number, today's date, the case's facts as they are now,
    naming the letter it corrects and why. The corrected letter itself is never changed."""
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("correction_reason_required", fields={"reason": [msg("required")]})
    if letter.translation_of_id is not None:
        raise Conflict("correct_the_original")
    if session.scalar(select(Letter.id).where(Letter.corrects_id == letter.id)) is not None:
        raise Conflict("letter_already_corrected")
    content = unseal(rt, letter)
    case = session.get(Case, letter.case_id)
    lane = content["signatory"]["lane"]
    # Signed by whoever signs for the lane now; else by who signed the letter it corrects.
    signed = {key: content["signatory"].get(key, "") for key in ("name", "nip")}
    if content["signatory"].get("signer_lane"):  # signed a.n. the head: the correction is too, never in their name
        signed["lane"] = content["signatory"]["signer_lane"]
    options = {
        "letter_date": rt.today(),
        "data": content.get("data", {}),
        "task": letter.task,
        "shown_after": letter.shown_after,
        "signed_as": lane,
        "reason": reason[:2000],
        "officer": signers.signing_officer(session, rt.settings, lane, user) or (signed if signed["name"] else None),
    }
    correction = issue(session, rt, case, letter.kind, user.username, locale=letter.locale, corrects=letter, **options)
    # The requester who got the letter in English gets the correction in English too, under the same number.
    for copy in session.scalars(select(Letter).where(Letter.translation_of_id == letter.id)):
        issue(
            session,
            rt,
            case,
            letter.kind,
            user.username,
            locale=copy.locale,
            translation_of=correction,
            corrects=copy,
            **options,
        )
    return correction


def _iso(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")
