"""What a letter says, gathered once when it is issued and frozen (sealed by the vault) with it.

The context holds everything the template prints: the letterhead and the signatory (engine.config),
the letter's own facts (number, date, verification address), the case and what its tasks recorded,
the exemption entry a refusal rests on, the deadlines a notice states, and for a letter addressed to the
requester their name and address from the vault. Rendering later, or again after a failure, or as a
print view, reads only this: the letter says what it said when it was issued.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from engine import (
    access,
    chain,
    dip_match,
    documents,
    evidence_lapse,
    exemptions,
    fees,
    kinds,
    proxy_data,
    regions,
    reported_party,
    status,
    visibility,
)
from engine.catalogs import N_, catalog
from engine.config import Settings
from engine.explanation import ZONES
from engine.languages import written_in
from engine.letters import dispute
from engine.letters.dispute import parties
from engine.letters.render import long_date
from engine.letters.signers import signatory
from engine.letters.types import DETERMINATION_TASKS, TYPES, LetterType
from engine.models import Attachment, Case, CaseEvent, CaseFacts, Letter, Party
from engine.runtime import Runtime
from engine.users import unit_of_code

# Whom a complaint's letter goes to, and the fields it may print (engine.visibility): a unit, the Inspectorate
# General or another agency read the team's summary (what the referral gives a unit), the reporter what was
# written for them, the team (its disposition sheet) every recorded field. No reader here sees the reporter's
# identity, which lives in the vault and is never read.
AUDIENCES: dict[str, visibility.Readers] = {
    "unit": frozenset({"unit_pengolah"}),
    "itjen": frozenset({"unit_pengolah"}),
    "itjen_annex": frozenset({"unit_pengolah"}),
    "agency": frozenset({"unit_pengolah"}),
    "reporter": frozenset({access.REQUESTER}),
    "team": None,
}
# What a complaint letter prints of its issuing task's data: its number and date, the agency forwarded to, the
# question or outcome written for the reporter. The disposition sheet reads the classification instead.
# ``unit_tujuan``: the unit a referral's letters address (the classification's, or a re-referral's), kept so that
# a copy made after the complaint went on to another unit still names the unit the original named.
COMPLAINT_PRINTED = ("tanggal", "instansi_tujuan", "pertanyaan", "ringkasan_untuk_pelapor", "unit_tujuan")
# What the team's own disposition sheet prints of a re-referral (kept with the letter, so that its translation or
# correction says the same); never in a letter that leaves the team.
DISPOSITION_PRINTED = ("langkah_disposisi", "catatan_disposisi")
CLASSIFICATION_FORM = "pengaduan_klasifikasi.json"
DISPOSITION_CODES = ("kode_masalah", "kategori", "berkadar_pengawasan", "instruksi_disposisi")
# UU 14/2008 Pasal 17: what each letter exempts (legal-process.md §3.6), as a refusal quotes it: English message ids,
# the law's own words in letters.po (engine.catalogs).
PASAL_17 = {
    "a": N_("would obstruct law enforcement"),
    "b": N_("would harm intellectual property or fair competition"),
    "c": N_("would endanger national defence and security"),
    "d": N_("would reveal Indonesia's natural wealth"),
    "e": N_("would harm national economic resilience"),
    "f": N_("would harm foreign relations"),
    "g": N_("would reveal the content of a personal authentic deed or a last will"),
    "h": N_("would reveal personal secrets"),
    "i": N_("internal or inter-agency memoranda confidential by nature"),
    "j": N_("information a statute forbids disclosing"),
}
# What of the requester's (or their representative's) identity a letter prints: never the NIK.
IDENTITY_KEYS = ("name", "address", "occupation", "email", "phone", "nomor_surat_kuasa", "tanggal_surat_kuasa")
LEGAL_ENTITY = "badan_hukum"  # a requester type (forms/permohonan.json): the NIK field holds its decree's number
# Where a delivery's data names who received the information for a legal entity: their party, sealed in the vault
# (engine.delivery.seal_receiver); the handover record prints their name, position and capacity.
RECEIVER_PARTY = "yang_menerima_party_id"
RECEIVER_KEYS = ("nama", "jabatan", "hubungan")


def verify_url(settings: Settings, code: str) -> str:
    return f"{settings.public_url}/verifikasi/{code}"


def office(settings: Settings) -> dict:
    """The office as every letter prints it, frozen with the letter: its letterhead, its city, and the Komisi
    Informasi that hears its disputes (KAWAL_COMMISSION_NAME: the superior's response names it when the decision
    recorded none; a letter issued before it was kept prints what it printed)."""
    return {
        "agency_name": settings.agency_name,
        "office_name": settings.office_name,
        "office_name_in_text": name_in_text(settings.office_name),
        "address": settings.office_address,
        "contact": settings.office_contact,
        "city": settings.office_city,
        "commission": settings.commission_name,
    }


# Words an office's name keeps in lower case inside a sentence, and the abbreviations it keeps in capitals.
_NAME_LOWER = frozenset({"dan", "di", "ke", "dari", "untuk", "pada", "atas", "and", "of", "the"})
_NAME_CAPITALS = frozenset({"RI", "DKI", "DIY", "D.I.", "NTB", "NTT", "KUA", "MAN", "MTSN", "MIN", "PPID"})


def name_in_text(name: str) -> str:
    """The office's name as a sentence writes it: the letterhead's capitals (``KANTOR WILAYAH KEMENTERIAN AGAMA
    PROVINSI DKI JAKARTA``, as KAWAL_OFFICE_NAME is usually configured) in title case (``Kantor Wilayah Kementerian
    Agama Provinsi DKI Jakarta``), a province named as engine.regions spells it; a name configured with its own
    small letters is kept as written."""
    if not name.isupper():
        return name
    words = [
        word if word in _NAME_CAPITALS else word.lower() if word.lower() in _NAME_LOWER and i else word.capitalize()
        for i, word in enumerate(name.split())
    ]
    text = " ".join(words)
    for province in regions.PROVINCES.values():
        if text.casefold().endswith(" " + province.casefold()):
            return text[: -len(province)] + province
    return text


def task_data(session: Session, case: Case, task: str) -> dict:
    """The data the case's latest completion of ``task`` recorded ({} when never completed)."""
    for (data,) in session.execute(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == "task_completed")
        .order_by(CaseEvent.seq.desc())
    ):
        if data.get("task") == task:
            return dict(data.get("data", {}))
    return {}


_COMPLETED = (
    select(CaseEvent.data)
    .where(CaseEvent.case_id == bindparam("case_id"), CaseEvent.type == "task_completed")
    .order_by(CaseEvent.seq)
)  # built once: every letter reads it


_PARTY = select(Party.__table__.c.key_id, Party.__table__.c.ciphertext).where(
    Party.__table__.c.id == bindparam("party_id")
)


class CaseRecord:
    """What the letters about a case read of its history and of the identity vault, each read once.

    A completion that issues a letter and its English copy (or two letters) reads the case's completed tasks in
    one statement and reads and decrypts the requester once, for all of them: nothing these letters read is
    changed while they are issued in the same change. The history is read when first asked for, after the run
    that completed the task has been flushed, so it holds that completion too.
    """

    def __init__(self, session: Session, rt: Runtime, case: Case):
        self.session, self.rt, self.case = session, rt, case
        self._tasks: list[tuple[str, dict]] | None = None
        self._recorded: dict | None = None
        self._identities: dict[int, dict] = {}

    @property
    def tasks(self) -> list[tuple[str, dict]]:
        """Each completion of the case's tasks, oldest first: its BPMN id and the data it recorded."""
        if self._tasks is None:
            rows = self.session.execute(_COMPLETED, {"case_id": self.case.id})
            self._tasks = [(data.get("task", ""), data.get("data", {})) for (data,) in rows]
        return self._tasks

    @property
    def recorded(self) -> dict:
        """What the case's tasks recorded, later values over earlier ones: the team's view (every field), as
        ``visibility.recorded`` gives it to the team."""
        if self._recorded is None:
            self._recorded = {}
            for _task, data in self.tasks:
                self._recorded.update(data)
        return self._recorded

    def task_data(self, task: str) -> dict:
        """The data the case's latest completion of ``task`` recorded ({} when never completed)."""
        return next((dict(data) for name, data in reversed(self.tasks) if name == task), {})

    def identity(self, party_id: int | None) -> dict | None:
        """What a letter prints of a party (never the NIK), with the language they write in. A requester that is a
        legal entity (``legal_entity``) is printed with the number of its legalisation decree (``decree_number``),
        which the request form records in the NIK's place (legal-process.md §3.2): it identifies no person."""
        if party_id is None:
            return None
        if party_id not in self._identities:
            # The sealed identity alone, not a Party object: a party is written once, when its case is filed. One the
            # run has loaded already (a check of the task read the requester's e-mail) is read again from memory.
            held = self.session.identity_map.get(identity_key(Party, party_id))
            sealed = (held.key_id, held.ciphertext) if held is not None else None
            sealed = sealed or self.session.execute(_PARTY, {"party_id": party_id}).first()
            identity = self.rt.vault.open(*sealed) if sealed is not None else {}
            self._identities[party_id] = {key: identity.get(key, "") for key in IDENTITY_KEYS} | {
                "locale": identity.get("locale", "id")
            }
            if party_id == self.case.requester_party_id and self.case.requester_type == LEGAL_ENTITY:
                self._identities[party_id] |= {"legal_entity": True, "decree_number": identity.get("nik", "")}
        return dict(self._identities[party_id])

    def receiver(self, party_id) -> dict | None:
        """Who received the information for a legal entity (``RECEIVER_PARTY``): name, position and capacity."""
        if not isinstance(party_id, int):
            return None
        sealed = self.session.execute(_PARTY, {"party_id": party_id}).first()
        if sealed is None:
            return None
        identity = self.rt.vault.open(*sealed)
        return {key: identity.get(key, "") for key in RECEIVER_KEYS}

    def requester_locale(self) -> str:
        """The language the requester is written to in on this case (an objection's own: engine.languages)."""
        return written_in(self.case, self.identity(self.case.requester_party_id))


def requester_locale(rt: Runtime, session: Session, case: Case) -> str:
    return CaseRecord(session, rt, case).requester_locale()


def _case_view(case: Case, tz) -> dict:
    return {
        "ticket": case.ticket,
        "kind": case.kind,
        "received_on": case.received_at.astimezone(tz).date().isoformat(),
        "channel": case.channel,
        "requester_type": case.requester_type,
        "details": {k: v for k, v in (case.details or {}).items() if not k.endswith("_party_id")},
        "status": case.status,
    }


def _chain_view(session: Session, case: Case, tz) -> dict:
    """A case of the chain as a dispute's letters tell its chronology: also when its written notice or response was
    sent, and whether it was extended (the dates the preliminary examination checks, §5.3)."""
    facts = session.get(CaseFacts, case.id)
    sent_on = facts.notice_sent_on if facts is not None else None
    return _case_view(case, tz) | {
        "notice_sent_on": sent_on.isoformat() if sent_on else None,
        "extended": bool(facts and facts.extended),
    }


def _deadlines(case: Case, tz) -> dict:
    """Each deadline's latest row: its due date and its legal basis (a notice states them)."""
    out = {}
    for d in case.deadlines:
        out[d.name] = _deadline(d, tz)
    return out


def _deadline(d, tz) -> dict:
    """A deadline row as a letter states it: its day, its time and the office's zone (WIB, WITA, WIT)."""
    due = d.due_at.astimezone(tz)
    return {
        "due_on": due.date().isoformat(),
        "due_at": due.strftime("%H:%M"),
        "zone": ZONES.get(due.isoformat()[-6:], ""),
        "legal_basis": d.legal_basis,
        "working_days": d.working_days,
        "status": d.status,
    }


def _unit_deadline(case: Case, tz) -> dict | None:
    """The unit's own deadline to answer a clarification request (UNIT, KAWAL_UNIT_RESPONSE_DAYS working days: an
    internal limit of the office), the latest row: a re-referral opens a new one for the new unit."""
    rows = [d for d in case.deadlines if d.name == "UNIT"]
    return _deadline(max(rows, key=lambda d: (d.start_at, d.id or 0)), tz) if rows else None


def build(
    session: Session,
    rt: Runtime,
    case: Case,
    kind: LetterType,
    *,
    letter_date: date,
    number: str,
    code: str,
    locale: str,
    data: dict,
    signed_as: str | None = None,
    corrects: dict | None = None,
    record: CaseRecord | None = None,
    officer: dict | None = None,
    task: str | None = None,
) -> dict:
    """The context of a letter of type ``kind`` about ``case``: see the module's docstring.

    ``record``: what the case's history and vault give its letters, when the caller issues several in one change.
    ``officer``: who signs when the office configured no signatory for the lane (``signers.signing_officer``).
    ``task``: the task whose completion issues it (engine.letters.issue.issue's ``task``; a correction's is read
    from the letter it corrects).
    """
    settings, tz = rt.settings, rt.calendars["strict"].tz
    record = record if record is not None else CaseRecord(session, rt, case)
    common = {
        "type": {"code": kind.code, "title": kind.title(locale), "legal_basis": kind.legal_basis},
        "letter": {
            "number": number,
            "date": letter_date.isoformat(),
            "locale": locale,
            "code": code,
            "verify_url": verify_url(settings, code),
            "corrects": corrects,
        },
        "office": office(settings),
        "signatory": signatory(settings, signed_as or kind.signatory, officer),
    }
    if kind.audience is not None:
        return common | complaint(session, rt, case, kind, locale, data, record)
    recorded = record.recorded  # the team's view: every field
    parent = session.get(Case, case.parent_id) if case.parent_id else None
    root = parent
    while root is not None and root.parent_id is not None:
        root = session.get(Case, root.parent_id)
    request = case if case.kind == kinds.REQUEST else root if root is not None and root.kind == kinds.REQUEST else None
    exemption = cited = None
    decision, test = {}, {}
    if case.kind == kinds.REQUEST:
        entry = _exemption(session, case, record)
        exemption = exemptions.view(entry, letter_date) if entry is not None else None
        decision = record.task_data("putuskan")
        cited = dip_match.cited(session, decision)  # the item the latest decision cited (dip_match.cited_by_case)
        test = record.task_data("uji_konsekuensi")
    addressee = record.identity(case.requester_party_id) if kind.to_requester else None
    i = 1 if locale == "en" else 0
    proxy_id = proxy_data.party_id(case)  # in office: named and copied
    filer_id = proxy_data.filer_party_id(case)  # who filed it, whose power may have ended since
    out = common | {
        # The decree's title as its heading reads: "in part" when the request is granted in part.
        "type": {**common["type"], "title": kind.title(locale, decision.get("keputusan"))},
        "case": _case_view(case, tz),
        "decision_label": status.label(decision["keputusan"], locale) if decision.get("keputusan") else "",
        "request": _chain_view(session, request, tz) if request is not None and request is not case else None,
        "parent": _chain_view(session, parent, tz) if parent is not None else None,
        "requester": addressee,
        "proxy": record.identity(proxy_id) if kind.to_requester and proxy_id else None,
        "filing_proxy": record.identity(filer_id) if kind.to_requester and filer_id else None,
        "data": dict(data),
        "recorded": recorded,
        "decision": decision,
        "test": test,
        "exemption": exemption,
        "dip": {"title": cited.title, "url": settings.public_url + dip_match.public_path(cited)} if cited else None,
        "deadlines": _deadlines(case, tz),
        "pasal17": {letter: catalog(locale).gettext(words) for letter, words in PASAL_17.items()},
        "grounds": _objection_grounds(rt, i),
        "handed_over": _handed_over(session, data) if kind.code == HANDOVER else [],
        "receiver": record.receiver(data.get(RECEIVER_PARTY)) if kind.code == HANDOVER else None,
        # The copy given, by the rule that refuses a digital one without its files (engine.delivery): the written
        # notice's form, else the form asked for; the receipt and the refusal never read it two ways.
        "copy_given": fees.copy_given(case.details or {}, record.task_data("pemberitahuan_tertulis")),
        "copies": _copies(session, record, data, corrects, task) if kind.code == HANDOVER else None,
    }
    if kind.names_requester:
        requester = record.identity(case.requester_party_id) or {}
        out |= parties(session, case, kind, data, request, requester, record.task_data)
    if kind.code == dispute.COMPLIANCE:  # the decision carried out, and the day it became final
        out["carried_out"] = dispute.carried_out(session, case, tz, _issuing_task(session, record, corrects, task))
    if kind.code in dispute.COURT_LETTERS:  # the decision challenged, the court, and the office's role before it
        out |= dispute.in_court(session, case, _issuing_task(session, record, corrects, task), record.task_data)
    if kind.code == OBJECTION_RESPONSE:
        out |= _response_periods(rt, letter_date)
    return out


OBJECTION_RESPONSE = "tanggapan_atasan"


def _response_periods(rt: Runtime, letter_date: date) -> dict:
    """What the superior's response states in days: the last day to apply to the Commission (UU 14/2008 Pasal 37(2):
    14 working days from the requester's receipt) were the letter received on its own date, which later receipt
    moves on, on the earliest reading (strict calendar, from that date whatever the hour: the day the status page
    and the e-mail tell the requester to file by, engine.chain ``Window.told_on``): the letter cannot know the hour
    it will be received, and the Commission judges timeliness itself (legal-process.md §2.2); and the working days
    the PPID has to hand over what a granted objection orders (KAWAL_DELIVERY_DAYS, the office's own standard: the
    law sets none, legal-process.md §3.5), as the request's reopened delivery clock (SERAH) counts them from the
    dispatch."""
    strict = rt.calendars["strict"]
    due = strict.add_working_days(strict.opening(letter_date), chain.DISPUTE_DAYS).due_at
    return {
        "dispute_by": due.astimezone(strict.tz).date().isoformat(),
        "dispute_days": chain.DISPUTE_DAYS,
        "delivery_days": rt.settings.delivery_days,
    }


HANDOVER = "berita_acara_serah_terima"


def _handed_over(session: Session, data: dict) -> list[dict]:
    """The files a handover gave the requester, by name and SHA-256 (what the requester can check them by)."""
    ids = [i for i in data.get("berkas_informasi") or [] if isinstance(i, int)]
    if not ids:
        return []
    rows = session.scalars(select(Attachment).where(Attachment.id.in_(ids)).order_by(Attachment.id)).all()
    # The digest in four groups of 16: it wraps in the letter's narrow column and is read out group by group.
    grouped = lambda digest: " ".join(digest[i : i + 16] for i in range(0, len(digest), 16))  # noqa: E731
    return [{"name": row.file_name, "sha256": row.sha256, "sha256_grouped": grouped(row.sha256)} for row in rows]


def _issuing_task(session: Session, record: CaseRecord, corrects: dict | None, task: str | None) -> str | None:
    """The task whose completion issues the letter being built: for a correction, the corrected letter's own (the
    case may have completed a later handover since, ``penyerahan_lanjutan``); else the one its issuer names
    (engine.letters.issue.issue's ``task``), never guessed from the case's history."""
    if corrects is not None:
        return session.scalar(
            select(Letter.task).where(Letter.case_id == record.case.id, Letter.number == corrects["number"]).limit(1)
        )
    return task


def _copies(session: Session, record: CaseRecord, data: dict, corrects: dict | None, task: str | None) -> dict | None:
    """What the first handover gave on paper or on a storage medium, as the officer recorded it in the written
    notice (the delivery form records no paper: its date, way, receiver and files): the material (letter d), its
    medium and format (letter f), and the printed pages and media (letter g's quantities, which the fee was paid
    for), each ``{"code", "quantity", "unit", "unit_en"}`` as a fee's items are written (render.fee_unit). What the
    way cannot carry (paper by e-mail, a medium by e-mail or fax: engine.fees.charges_not_asked) is not listed.

    None for a later handover (the letter's own task, ``_issuing_task``, is ``penyerahan_lanjutan``: what the
    superior's response ordered, which the notice does not describe) and for a case whose notice gave nothing (no
    material). A correction lists what the letter it corrects listed, whatever the case completed since.
    """
    if _issuing_task(session, record, corrects, task) != fees.DELIVERY_TASK:
        return None
    notice = record.task_data(fees.NOTICE_TASK)
    material = (notice.get("materi_diberikan") or "").strip()
    if not material:
        return None
    copy, way = fees.copy_given(record.case.details or {}, notice), data.get("cara_penyerahan")
    items = []
    pages = notice.get("jumlah_halaman")
    if copy in fees.PRINTED and way not in fees.NO_PAPER and isinstance(pages, int) and pages > 0:
        items.append(("halaman", pages))
    medium = notice.get("media_salinan")
    if copy in fees.DIGITAL and way not in fees.NO_MEDIUM and medium in fees.MEDIA:
        items.append((medium, notice.get("jumlah_media") or 1))
    return {
        "material": material,
        "media_format": (notice.get("media_format") or "").strip(),
        "printed": copy in fees.PRINTED and way not in fees.NO_PAPER,
        "items": [
            {"code": code, "quantity": n, "unit": fees.unit_name(code, "id"), "unit_en": fees.unit_name(code, "en")}
            for code, n in items
        ],
    }


def _exemption(session: Session, case: Case, record: CaseRecord):
    """The register entry a request's letters rest on (``exemptions.for_case``). An entry is made for a case only
    when a determination task of it is completed (``issue.after_task``): a case whose decision cites no entry and
    none of whose completed tasks is a determination has none, and is not looked up."""
    recorded = record.recorded
    if not recorded.get(exemptions.CITE_FIELD) and not any(name in DETERMINATION_TASKS for name, _ in record.tasks):
        return None
    return exemptions.for_case(session, case, recorded)


def complaint(
    session: Session,
    rt: Runtime,
    case: Case,
    kind: LetterType,
    locale: str,
    data: dict,
    record: CaseRecord | None = None,
) -> dict:
    """A complaint letter's own part: what its audience may read of the case (engine.documents ``context``), and
    of the issuing task's data only the fields the letter prints (``COMPLAINT_PRINTED``; the team's sheet also
    ``DISPOSITION_PRINTED``). Never an identity: ``requester`` is always None, and the access code is nowhere here
    (a receipt says how to follow the case with it, never what it is). The receipt and the disposition sheet also
    state the rules and dates that apply (``_complaint_clock``); the disposition sheet its classification and
    instructions (``_disposition``)."""
    tz = rt.calendars["strict"].tz
    readers = AUDIENCES[kind.audience]
    seen = documents.context(session, rt.forms, case, locale, readers)
    record = record if record is not None else CaseRecord(session, rt, case)
    classification = record.task_data("klasifikasi")
    received = case.received_at.astimezone(tz)
    printed = COMPLAINT_PRINTED + (DISPOSITION_PRINTED if kind.audience == "team" else ())
    named = unit_of_code(session, data.get("unit_tujuan"))
    if named is not None:  # the unit this letter's task referred it to, not the last one it went to
        seen = {**seen, "unit_code": named.code, "unit_name": named.name}
    if "when_recorded" in seen:  # a formal letter writes the day in full ("3 November 2026")
        seen = {**seen, "when": _long_day(seen["when_recorded"], locale)}
    out = {
        "audience": kind.audience,
        "complaint": {key: value for key, value in seen.items() if key != "tasks"},
        "problem_code": classification.get("kode_masalah", "") if kind.audience == "itjen" else "",
        "data": {key: data[key] for key in printed if key in data},
        "case": {
            "ticket": case.ticket,
            "kind": case.kind,
            "received_on": received.date().isoformat(),
            "received_time": f"{received:%H:%M} {ZONES.get(received.isoformat()[-6:], '')}".strip(),
            "channel": case.channel,
            "reporter_mode": case.reporter_mode,
        },
        "requester": None,
    }
    if kind.code in ("tanda_terima_pengaduan", "lembar_disposisi", "surat_permintaan_bukti"):
        # what the reporter's silence after an evidence request leads to, by the case's process version
        out["clock"] = {**_complaint_clock(rt, case), "evidence_lapse": evidence_lapse.consequence(session, case, rt)}
    if kind.code in ("lembar_disposisi", "surat_permintaan_klarifikasi"):
        out["unit_deadline"] = _unit_deadline(case, tz)
    if kind.audience == "team":
        out["disposition"] = _disposition(rt, classification, locale, data if "langkah_disposisi" in data else None)
    if kind.code == MEMO and (case.details or {}).get(reported_party.PARTY_KEY):
        out["enclosures"] = 1  # the annex naming the reported persons, issued with it
    if kind.code == ANNEX:
        out["reported"] = _reported(session, rt, case, locale)
        out["memo"] = data.get("nomor_nota_dinas") or _memo_number(session, case)
    return out


ANNEX, MEMO = "lampiran_terlapor", "nota_dinas_itjen"


def _long_day(value: str, locale: str) -> str:
    """A form's day as a letter's body writes it, in full (``3 November 2026``); other text as it is."""
    if len(value or "") == 10 and value[4] == "-" and value[:4].isdigit():
        return long_date(value, "en" if locale == "en" else "id")
    return value or ""


def _reported(session: Session, rt: Runtime, case: Case, locale: str) -> list[dict]:
    """The persons the complaint reports, as the team recorded them (engine.reported_party), for the Inspectorate's
    annex: each field as the form titles its values (the agency's category in words)."""
    persons = reported_party.on_file(session, rt, case)
    items = rt.forms.schema(reported_party.FORM)["properties"]["terlapor"]["items"]["properties"]
    titles = items["kategori_instansi"].get("x-enum-titles-en" if locale == "en" else "x-enum-titles", {})
    shown = ("nama", "nip_nrp", "jabatan", "instansi")
    return [
        {**{key: person.get(key) or "" for key in shown}, "kategori": titles.get(person.get("kategori_instansi"), "")}
        for person in persons
    ]


def _memo_number(session: Session, case: Case) -> str:
    """The number of the case's latest memo to the Inspectorate General (issued just before its annex)."""
    query = select(Letter.number).where(Letter.case_id == case.id, Letter.kind == MEMO)
    return session.scalar(query.order_by(Letter.id.desc()).limit(1)) or ""


def _complaint_clock(rt: Runtime, case: Case) -> dict:
    """The complaint's clocks as a receipt or a disposition sheet states them (pengaduan.bpmn): verification
    within V3 working days of receipt; the service standard's resolution period, 14 (or 60, oversight-relevant)
    working days counted from where the process starts it (``sla_from``, KAWAL_COMPLAINT_SLA_FROM: the receipt
    or the classification); apart from it the statutory limit, 60 calendar days after the file is complete (UU
    25/2009 Pasal 50, Perpres 76/2013; the receipt's reading: complete on receipt), which the period is cut to
    when it would end later; and the reporter's window when asked for evidence (30 days, or working days through
    SP4N-LAPOR!). ``deadlines``: the case's deadline rows as they stand (V3 at receipt, SLA and S60 after the
    classification)."""
    settings, cal = rt.settings, rt.calendars["strict"]
    lapor = case.channel == "lapor"
    return {
        "verification_days": settings.complaint_verification_days,
        "sla_days": settings.complaint_sla_days,
        "oversight_sla_days": settings.complaint_oversight_sla_days,
        "sla_from": settings.complaint_sla_from,
        "statutory_on": cal.add_calendar_days(case.received_at, 60).due_at.astimezone(cal.tz).date().isoformat(),
        "evidence_days": settings.evidence_window_days if lapor else 30,
        "evidence_working_days": lapor,
        "deadlines": _deadlines(case, cal.tz),
        "follow_url": f"{settings.public_url}/publik/status",
    }


def _disposition(rt: Runtime, classification: dict, locale: str, again: dict | None = None) -> dict:
    """The classification as the disposition sheet prints it, its codes in words (the form's titles), and the
    instructions: every choice of the form, ticked where the team chose it, with the team's note. ``again``: the
    re-referral the sheet is issued for (a unit answered that the report is not its matter): its note, not the
    classification's, and ``again`` true for the sheet to say so."""
    properties = rt.forms.schema(CLASSIFICATION_FORM)["properties"]
    titles = "x-enum-titles-en" if locale == "en" else "x-enum-titles"

    def title(field: str, value: str) -> str:
        return properties[field].get(titles, {}).get(value, value)

    chosen = set(classification.get("instruksi_disposisi") or ())
    choices = properties["instruksi_disposisi"]["items"]
    return {
        # The codes as the team chose them, for a translation to word again (``translation``).
        "chosen": {key: classification.get(key) for key in DISPOSITION_CODES if key in classification},
        "problem_code": classification.get("kode_masalah", ""),
        "problem": title("kode_masalah", classification.get("kode_masalah", "")),
        "category": title("kategori", classification.get("kategori", "")),
        "oversight": bool(classification.get("berkadar_pengawasan")),
        "instructions": [
            {"title": choices.get(titles, {}).get(value, value), "chosen": value in chosen} for value in choices["enum"]
        ],
        "notes": (again if again is not None else classification).get("catatan_disposisi", ""),
        "again": again is not None,
    }


def translation(rt: Runtime, original: dict, worded: dict) -> dict:
    """A translation's context: the facts of ``original`` (the sealed context of the letter it translates) in the
    words of ``worded`` (a context built now in the translation's language). A copy made weeks later states what
    the letter stated: its addressee and their address before any correction, its deadlines, decision, exemption,
    signatory and office as they were; only its own code and verification address are new. The labels in the
    letter's language are worded again from the original's own codes (a decision, a disposition's choices, the
    incident's date as the form recorded it)."""
    locale = worded["letter"]["locale"]
    out = dict(original)
    out.pop("status_label", None)  # printed by no letter; sealed into those issued before it was dropped
    out["type"] = worded["type"]
    out["letter"] = original["letter"] | {key: worded["letter"][key] for key in ("locale", "code", "verify_url")}
    for key in ("pasal17", "grounds"):  # the law's own words, the same in every letter
        if key in worded:
            out[key] = worded[key]
    if "decision_label" in original:
        outcome = (original.get("decision") or {}).get("keputusan")
        out["decision_label"] = status.label(outcome, locale) if outcome else ""
    if original.get("complaint") is not None:
        complaint = dict(original["complaint"])
        complaint["received"] = worded["complaint"]["received"]  # the day of receipt, which never changes
        if "when_recorded" in complaint:
            complaint["when"] = _long_day(complaint["when_recorded"], locale)
        else:  # sealed before the form's value was kept: the case's value now, in the translation's words
            complaint["when"] = worded["complaint"]["when"]
        out["complaint"] = complaint
    sheet = original.get("disposition")
    if sheet is not None:
        chosen = sheet.get("chosen")
        out["disposition"] = (
            _disposition(rt, chosen, locale) | {"notes": sheet["notes"], "again": sheet["again"]}
            if chosen is not None
            else worded["disposition"]  # sealed before the codes were kept
        )
    return out


def _objection_grounds(rt: Runtime, i: int) -> dict:
    """UU 14/2008 Pasal 35(1) a-g in the words of the objection form."""
    items = rt.forms.schema("keberatan.json")["properties"]["alasan"]["items"]
    return dict(items.get("x-enum-titles-en" if i else "x-enum-titles", {}))


def title(kind: str, locale: str) -> str:
    return TYPES[kind].title(locale)
