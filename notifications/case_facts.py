"""What a requester's message states that is read when it is sent, not when it was written: the letters it goes
with, and the last day of the requester's next step (``notifications.delivery``). A reporter's messages about their
letters (the Tanda Terima Pengaduan, the Surat Pemberitahuan Hasil) carry them the same way.

A message is written inside the run of the change that causes it (``engine.notices.announce``), before that change
issues its letters (``engine.letters.issue.after_task`` runs once the run is closed) and while the change's events
are not flushed yet. When it is sent the change is committed, so the letters' titles and numbers, and the window the
portal's status page shows (``engine.chain``, read here as the page reads it), are there to read.

The letters (the written notice, the superior's response...) travel as PDF attachments of the e-mail when every one
of them is rendered already (``engine.letters.production``: a job after the commit, queued before the message's) and
fits ``KAWAL_EMAIL_ATTACHMENT_MAX_BYTES``; otherwise the message names them and links the status page, where the
requester downloads them. A letter that cannot be read never holds a notice back: it is linked instead. A requester
who writes in English is sent each letter twice: the Indonesian original, which is the letter of record, and the
English translation made for them under its number (``engine.letters.issue.after_task``); the message says which
file is which. An Indonesian reader is sent the original alone.

A question a task asks the reporter goes with the letters that task issued them (the evidence request's Surat
Permintaan Kelengkapan Data/Bukti): its row names their kinds (``LETTER_KINDS``), so that a later question of the
team's, outside any task, goes without them. A complaint forwarded to another agency is told with the number of the
forwarding letter, which Kawal gives it after the message is written (unless the office gave its own); the letter
itself is the agency's and never goes to the reporter.

The superior's response names the Komisi Informasi the requester may bring the dispute to; its mail names the same
one, as the status page does (``engine.chain.commission``: the one the response recorded, else the office's setting).
So does the apology when the response is late (A30 lapsed): the dispute goes to the same Commission.

A dispute's mails of its decision become final and of its compliance recorded name the decision as the office recorded
it (``engine.letters.dispute.carried_out``, as the Berita Acara Pelaksanaan Putusan names it): the Commission's with
its decision number (else the dispute's register number), the court's with its name and case number, or the Supreme
Court's on cassation, with its day; or the mediation agreement with its own. Read when sent: the Supreme Court's
decision that makes the judgment final is recorded in the same run as the finality, before its event is written.

The written notice of a granted request states the fee for copying and/or sending and how to pay it (UU 14/2008
Pasal 22(7) huruf g; ``engine.fees``); its mail says them too, read from the letter's own sealed content (what the
notice's form recorded: ``biaya``, ``cara_pembayaran``), so that the mail says what the letter says and the outbox
row keeps neither.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import chain, evidence_lapse, kinds, queries
from engine.files import FileStore
from engine.letters import dispute, issue, production, records
from engine.letters.completeness import GRANTS
from engine.letters.types import TYPES
from engine.models import Case, HumanTask, Letter, Notification
from engine.outbox import LETTER_KINDS
from engine.runtime import Runtime

log = logging.getLogger("kawal.notifications")

# The letters each message goes with, by the kind of letter (engine.letters.types), in the order they are named.
LETTERS = {
    "request_registered": ("tanda_bukti_penerimaan",),  # the registered receipt, given by e-mail
    "extension_notice": ("pemberitahuan_perpanjangan",),
    "decision_notice": ("pemberitahuan_tertulis", "pemberitahuan_tidak_lengkap", "keputusan_penolakan"),
    # The Objection Receipt: with the mail of its registration when given by e-mail (engine.notices), or with the first
    # mail when that goes after it (the letter is issued at the registration, after the objection came in).
    "objection_receipt": ("tanda_terima_keberatan",),
    "objection_response": ("tanggapan_atasan",),
    # A reporter's letters (legal-process.md §10b): the receipt once the complaint is recorded, the outcome notice.
    "complaint_recorded": ("tanda_terima_pengaduan",),
    "complaint_outcome": ("pemberitahuan_hasil",),
}
# The message that says a complaint was forwarded to another agency, and the letter that forwarded it.
FORWARDED_EVENT, FORWARDED_STATUS = "complaint_referred", "diteruskan_instansi_lain"
FORWARDING_LETTER = "surat_penerusan"
# The messages that open a window of the requester's (Pasal 36(1): objection; Pasal 37(2): dispute), and so say its
# last day; and the apology for an objection the superior never answered (A30 lapsed), which opens the dispute window
# by itself (Pasal 37(2); engine.chain.dispute_window) and says until when.
WINDOWS = frozenset({"decision_notice", "objection_response", "overdue_apology"})
# The messages that name the Komisi Informasi the requester may go to: the superior's response to an objection, and
# the apology when the superior's response is late (A30 lapsed; UU 14/2008 Pasal 35(1) huruf e, 37(2)).
COMMISSION_EVENTS = frozenset({"objection_response", "overdue_apology"})
# The message that states the written notice's fee, and the letter it reads it from (engine.fees.NOTICE_TASK); a fee
# may be due only when the decision gives information (completeness.GRANTS, the notice letter's own test).
FEE_EVENT, FEE_LETTER = "decision_notice", "pemberitahuan_tertulis"
# The messages that name a dispute's decision (engine.notices): its finality, and its compliance recorded.
DECISION_EVENTS = frozenset({"dispute_final", "dispute_carried_out"})


@dataclass
class Facts:
    context: dict = field(default_factory=dict)
    attachments: tuple[tuple[str, str, bytes], ...] = ()


@dataclass(frozen=True)
class Sent:
    """One letter as the requester is sent it: the original, which is the letter of record, and the translation
    into their language when one was made for them."""

    original: Letter
    translation: Letter | None = None

    @property
    def copies(self) -> tuple[Letter, ...]:
        return (self.original,) if self.translation is None else (self.original, self.translation)


def read(session: Session, rt: Runtime, row: Notification, locale: str) -> Facts:
    """The letters, the window and the fee of a requester's message; the task's name in an officer's language; and
    what a complaint's evidence lapse leads to (``evidence_lapse``)."""
    facts = _read(session, rt, row, locale)
    facts.context |= evidence_lapse_of(session, rt, row)
    return facts


# The messages that say what follows when a complaint's reporter sends no evidence (engine.evidence_lapse): the
# reporter's, and the team's about the reporter's window (BUKTI) only.
LAPSE_EVENTS = frozenset(
    {
        "complaint_question",
        "reporter_reminder",
        "complaint_deemed_withdrawn",
        "complaint_reopened",
        "deadline_reminder",
        "deadline_overdue",
    }
)
LAPSE_STAFF_EVENTS = frozenset({"deadline_reminder", "deadline_overdue"})


def evidence_lapse_of(session: Session, rt: Runtime, row: Notification) -> dict:
    """``akibat_tanpa_bukti``: ``withdrawn`` or ``not_actionable``, as the case's process version and its reporter's
    mode decide (engine.evidence_lapse.consequence), for a message that says it; {} for any other. Read when sent:
    neither the version nor the mode of a case changes."""
    if row.case_id is None or row.event not in LAPSE_EVENTS:
        return {}
    if row.event in LAPSE_STAFF_EVENTS and row.context.get("deadline") != "BUKTI":
        return {}
    case = session.get(Case, row.case_id)
    if case is None or case.kind != kinds.COMPLAINT:
        return {}
    return {evidence_lapse.KEY: evidence_lapse.consequence(session, case, rt)}


def _read(session: Session, rt: Runtime, row: Notification, locale: str) -> Facts:
    if not row.to_requester and row.case_id is not None:
        return Facts(context=task_title(session, rt, row, locale))
    if not row.to_requester or row.case_id is None:
        return Facts()
    wanted = (*LETTERS.get(row.event, ()), *row.context.get(LETTER_KINDS, ()))
    forwarded = row.event == FORWARDED_EVENT and row.context.get("status_code") == FORWARDED_STATUS
    if not wanted and row.event not in WINDOWS | COMMISSION_EVENTS | DECISION_EVENTS and not forwarded:
        return Facts()
    case = session.get(Case, row.case_id)
    facts = Facts(context=window(session, rt, case, row.event) | commission(session, rt, case, row.event))
    if row.event in DECISION_EVENTS:
        facts.context |= decision(session, rt, case, row.context)
    if forwarded and not row.context.get("letter_number"):
        facts.context |= forwarding_number(session, case)
    chosen = letters(session, case, wanted, locale)
    if row.event == FEE_EVENT:
        facts.context |= fee(rt, chosen)
        if "fee_amount" not in facts.context:
            facts.context |= free_basis(row.context)
    if not chosen:
        return facts
    files = _files(rt, [copy for sent in chosen for copy in sent.copies]) if row.channel == "smtp" else {}
    facts.attachments = tuple(files.values())
    facts.context["letters"] = [_named(sent, locale, files, case.outcome) for sent in chosen]
    facts.context["letters_attached"] = bool(files)
    return facts


# A new task's news names its task in its key (engine.notices: the cause "task:<guid>").
_TASK_KEY = re.compile(r":task:([0-9a-f-]{36}):")


def task_title(session: Session, rt: Runtime, row: Notification, locale: str) -> dict:
    """An officer's message names its task (``task_title``, the BPMN's name the row keeps) as the pages do in the
    reader's language (engine.queries.task_title: its form's English title): the task its key names, else the case's
    latest task of that name. Nothing for a reader of Bahasa Indonesia, or a message about no task of the case."""
    title = row.context.get("task_title")
    if locale != "en" or not title:
        return {}
    named = _TASK_KEY.search(row.idempotency_key or "")
    which = HumanTask.task_guid == named[1] if named is not None else HumanTask.title == title
    query = select(HumanTask).where(HumanTask.case_id == row.case_id, which)
    task = session.scalar(query.order_by(HumanTask.id.desc()).limit(1))
    return {"task_title": queries.task_title(rt, task, locale)} if task is not None else {}


def letters(session: Session, case: Case, wanted: tuple[str, ...], locale: str) -> list[Sent]:
    """The latest letter of each kind in ``wanted`` (the kinds the message goes with) that the requester may read,
    with its translation into their language when one was made for them."""
    theirs = [x for x in records.for_requester(session, case) if x.kind in wanted]
    latest = {x.kind: x for x in theirs if x.translation_of_id is None}  # oldest first: a correction comes later
    chosen = []
    for kind in wanted:
        original = latest.get(kind)
        if original is None:
            continue
        copy = None
        if original.locale != locale:
            copy = next((x for x in theirs if x.translation_of_id == original.id and x.locale == locale), None)
        chosen.append(Sent(original, copy))
    return chosen


def forwarding_number(session: Session, case: Case) -> dict:
    """The number Kawal gave the latest forwarding letter of the complaint (none: nothing)."""
    number = session.scalar(
        select(Letter.number)
        .where(Letter.case_id == case.id, Letter.kind == FORWARDING_LETTER, Letter.translation_of_id.is_(None))
        .order_by(Letter.id.desc())
        .limit(1)
    )
    return {"letter_number": number} if number else {}


def fee(rt: Runtime, chosen: list[Sent]) -> dict:
    """The fee the written notice states and how to pay it, as the letter of record says them (``fee_amount`` in
    whole rupiah, ``fee_method`` as the officer wrote it): only when it grants the request and the fee is above zero,
    as the letter prints them (``pemberitahuan_tertulis`` item g)."""
    notice = next((sent.original for sent in chosen if sent.original.kind == FEE_LETTER), None)
    if notice is None:
        return {}
    said = issue.unseal(rt, notice)
    data = said.get("data") or {}
    amount = int(round(float(data.get("biaya") or 0)))
    if (said.get("decision") or {}).get("keputusan") not in GRANTS or amount <= 0:
        return {}
    return {"fee_amount": amount, "fee_method": (data.get("cara_pembayaran") or "").strip()}


# The delivery clock's basis (permohonan_informasi.bpmn, SERAH) names the fee rule and "after payment", whichever way
# it was armed; a notice that states no fee arms it within the notice's own period.
_FEE_CLAUSE = re.compile(r";\s*(?:biaya:|Perki 1/2010 Pasal 27-28).*\(setelah pembayaran\)\s*$")


def free_basis(context: dict) -> dict:
    """The deadline block's basis without the fee rule, when the notice states no fee (nothing when it names none)."""
    basis = context.get("legal_basis") or ""
    stripped = _FEE_CLAUSE.sub("", basis)
    return {"legal_basis": stripped} if stripped != basis else {}


def _named(sent: Sent, locale: str, files: dict[int, tuple[str, str, bytes]], outcome: str | None = None) -> dict:
    """A letter as the message names it: title (in the reader's language, by the case's decision ``outcome``),
    number, whether it comes with a translation, and the names of the attached files (empty when not attached)."""

    def file_name(letter: Letter | None) -> str:
        return files[letter.id][0] if letter is not None and letter.id in files else ""

    return {
        "title": TYPES[sent.original.kind].title(locale, outcome),
        "number": sent.original.number,
        "translated": sent.translation is not None,
        "original_file": file_name(sent.original),
        "translation_file": file_name(sent.translation),
    }


def _files(rt: Runtime, copies: list[Letter]) -> dict[int, tuple[str, str, bytes]]:
    """Every letter's file of record by the letter's id, or none: a message says either "attached" or "download",
    never half."""
    if any(x.status != "ready" and x.scan_storage_key is None for x in copies):
        return {}
    store = FileStore.of(rt.settings, rt.vault)
    out = {}
    try:
        for letter in copies:
            scan = letter.scan_storage_key is not None  # the signed scan, once uploaded, is the letter of record
            data = production.file_bytes(store, letter, scan=scan)
            media_type = letter.scan_media_type if scan else "application/pdf"
            extension = {"image/png": "png", "image/jpeg": "jpg"}.get(media_type, "pdf")
            out[letter.id] = (f"{letter.number.replace('/', '-')}.{letter.locale}.{extension}", media_type, data)
    except Exception as exc:  # the notice goes all the same, pointing to the status page
        log.warning("letters of case %s not attached: %s", copies[0].case_id, type(exc).__name__)
        return {}
    if sum(len(data) for _name, _type, data in out.values()) > rt.settings.email_attachment_max_bytes:
        return {}
    return out


def commission(session: Session, rt: Runtime, case: Case, event: str) -> dict:
    """The Komisi Informasi the superior's response sends the requester to, as the status page names it
    (``engine.chain.commission``: the one the response recorded, else the office's), with its address and website
    when it is the office's own; for an objection's ``objection_response`` and ``overdue_apology`` only."""
    if event not in COMMISSION_EVENTS or case.kind != kinds.OBJECTION:
        return {}
    found = chain.commission(rt, session, case)
    named = {"commission": found.name, "commission_address": found.address, "commission_website": found.website}
    return {key: value for key, value in named.items() if value}


def decision(session: Session, rt: Runtime, case: Case, told: dict) -> dict:
    """The decision a dispute's mail names, as the office recorded it (``dispute.carried_out``): ``instance``
    (``kasasi``, ``pengadilan``, ``ajudikasi``) with ``court``, ``case_number`` and ``decided_on`` as its message gave
    them, and of the Commission's the ``commission`` the summons named and its number: the decision's own when its
    message gave it (``nomor_putusan``), else the dispute's register number there, which the decision bears; or, of a
    mediation agreement carried out (``told``: the row's ``mediation``), the day it was made, ``agreed_on``. Only what
    was recorded."""
    task = dispute.MEDIATION_COMPLIANCE_TASK if told.get("mediation") else None
    recorded = dispute.carried_out(session, case, rt.calendars["strict"].tz, task)
    named = {
        "instance": recorded["instance"],
        "court": recorded["court"],
        "case_number": recorded["number"],
        "decided_on": recorded["date"],
        "agreed_on": recorded["agreed_on"],
    }
    if recorded["instance"] == "ajudikasi":  # the Commission that decided, the one the summons named, and its number
        details = case.details or {}
        named["commission"] = details.get("ki") or ""
        named["case_number"] = recorded["number"] or details.get("nomor_register") or ""
    return {key: value for key, value in named.items() if value}


def window(session: Session, rt: Runtime, case: Case, event: str) -> dict:
    """The last day of the window the message opens, as the status page shows it (``engine.queries``): an
    ``overdue_apology`` an objection's only (a request's or a complaint's opens none it states)."""
    if event not in WINDOWS or (event == "overdue_apology" and case.kind != kinds.OBJECTION):
        return {}
    if case.kind == kinds.REQUEST:
        found = chain.objection_windows(rt, session, case, public=True)
        opened = found[0] if found else None
    elif case.kind == kinds.OBJECTION:
        opened = chain.dispute_window(rt, session, case, public=True)
    else:
        opened = None
    if opened is None:
        return {}
    # The day to file by (the earliest reading's end while it has not passed) and, when the latest reading ends later,
    # that day: a filing up to it is in time (engine.chain ``Window.told_on``, ``accepted_until``; legal-process §2.2).
    told = {"window_ends_on": opened.told_on.isoformat(), "window_from_dispatch": not opened.start_known}
    if opened.accepted_until is not None and opened.told_on < opened.accepted_until:
        told["window_accepted_until"] = opened.accepted_until.isoformat()
    return told
