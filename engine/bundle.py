"""The evidence bundle for the Komisi Informasi: one zip for a whole chain (legal-process.md §5.3, §10b).

"Prepare file" asks for the chronology, copies of the notices and the superior's response, the
consequence-test record and what the agency did at each stage. The bundle holds them for every
case of the chain (request, objections, disputes), each case's event history with its hashes so
the Komisi can re-check it without Kawal, the chain view with its clocks, and a sha256 manifest.

No identity leaves the office in it: the vault is never read and no Party row is touched. The
histories are copied exactly as stored, since changing a byte would break their hashes (they hold
no identity by design: the vault does); the documents are redacted again by key as a second line
of defence.

A bundle shows the history up to the moment it is built: the ``bundle_exported`` event that
records its sha256 is appended afterwards, so it appears only in later bundles.
"""

from __future__ import annotations

import hashlib
import io
import json
import textwrap
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import chain
from engine.audit import EventLog, export_row
from engine.catalogs import N_, catalog
from engine.files import FileStore
from engine.letters import production
from engine.letters.context import verify_url
from engine.letters.types import GRANTED_IN_PART, TYPES
from engine.models import Case, CaseEvent, Letter
from engine.runtime import Runtime

# Keys whose values never appear in a document of the bundle, at any depth.
REDACTED_KEYS = frozenset({"requester", "kuasa", "nik", "name", "address", "email", "phone"})
REDACTED = "[dirahasiakan]"

# The tasks whose completion issues a document (§10b), by its title: English message ids the catalogs translate
# (engine.catalogs; case.po).
DOCUMENTS = {
    # Request
    "putuskan": N_("PPID Decision on the Request"),
    "pemberitahuan_tertulis": N_("Written Notice"),
    "pemberitahuan_tidak_lengkap": N_("Written Notice: Request Not Completed"),
    "tentukan_langkah": N_("Notice of Time Extension"),
    "penyerahan_informasi": N_("Information Delivery Receipt / Handover Record"),
    "penyerahan_lanjutan": N_("Information Delivery Receipt / Handover Record (after the objection)"),
    # Objection
    "registrasi_keberatan": N_("Objection Form with its Registration Number (receipt)"),
    "tawarkan_musyawarah": N_("Amicable Settlement"),
    "putuskan_keberatan": N_("PPID Superior's Response/Decision"),
    "kirim_tanggapan": N_("Dispatch of the PPID Superior's Response"),
    # Dispute
    "surat_kuasa": N_("Special Power of Attorney"),
    "siapkan_berkas": N_("Respondent's Evidence File and Chronology"),
    "bukti_ajudikasi": N_("Respondent's Evidence"),
    "kesimpulan": N_("Respondent's Closing Statement"),
    "pelaksanaan_putusan": N_("Record of Compliance with the Decision"),
}
REJECTION = N_("PPID Decision Rejecting the Request")
# A request granted in part: its decision rejects the rest, by a decree titled so (engine.letters.types IN_PART).
REJECTION_IN_PART = N_("PPID Decision Rejecting the Request in Part")
CONSEQUENCE_TEST = N_("Consequence Test Record")
# Zip entries need a date; the newest event's keeps the same history giving the same bytes.
_OLDEST_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# How the Komisi re-checks a history without Kawal (the canonical form of engine.audit.event_hash).
VERIFY_SCRIPT = """\
import hashlib, json, pathlib

for path in sorted(pathlib.Path("riwayat").glob("*.jsonl")):
    prev = "0" * 64
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        e = json.loads(line)
        body = json.dumps({k: e[k] for k in ("ticket", "seq", "at", "type", "actor", "data")},
                          sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        ok = e["seq"] == number and e["prev_hash"] == prev
        ok = ok and hashlib.sha256((prev + body).encode()).hexdigest() == e["hash"]
        print(path.name, e["seq"], "OK" if ok else "RUSAK / BROKEN")
        prev = e["hash"]
"""
VERIFICATION = f"""\
VERIFIKASI RIWAYAT / VERIFYING THE HISTORIES

1. Keutuhan berkas / Integrity of the files
   MANIFEST.sha256 memuat sha256 setiap berkas lain; periksa dengan `sha256sum -c MANIFEST.sha256`.
   MANIFEST.sha256 lists the sha256 of every other file; check it with `sha256sum -c MANIFEST.sha256`.

2. Rantai hash setiap kasus / Each case's hash chain
   Setiap baris riwayat/<tiket>.jsonl adalah satu peristiwa: ticket, seq, at, type, actor, data,
   prev_hash, hash. Peristiwa pertama memiliki prev_hash 64 angka nol; setiap prev_hash sama dengan
   hash peristiwa sebelumnya; dan
   Each line of riwayat/<ticket>.jsonl is one event: ticket, seq, at, type, actor, data, prev_hash,
   hash. The first event's prev_hash is 64 zeros; every prev_hash equals the previous event's hash; and

       hash = sha256(prev_hash + JSON{{ticket, seq, at, type, actor, data}})

   dengan JSON kanonik / in canonical JSON: keys sorted, separators "," and ":" without spaces,
   non-ASCII characters written as UTF-8 (not escaped), `at` exactly as in the line (UTC, ISO 8601
   with microseconds). Python 3, standard library only, run in the folder of this file:

{textwrap.indent(VERIFY_SCRIPT, "       ")}
3. Cakupan / What the bundle covers
   Berkas ini memuat riwayat sampai saat dibuat. Pembuatannya dicatat sesudahnya sebagai peristiwa
   `bundle_exported` berisi sha256 berkas zip ini, yang muncul di berkas berikutnya.
   The bundle holds the history up to the moment it was built. Its making is recorded afterwards as a
   `bundle_exported` event carrying this zip's sha256, which appears in later bundles.
   Identitas pemohon dan kuasanya tidak dimuat (disimpan terpisah dan terenkripsi).
   The requester's and any proxy's identity is not included (it is kept apart, encrypted).
"""


@dataclass(frozen=True)
class Bundle:
    file_name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def redact(value):
    """A copy of ``value`` with every identity key's value replaced, at any depth."""
    if isinstance(value, dict):
        return {k: REDACTED if k.lower() in REDACTED_KEYS else redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def build_bundle(session: Session, rt: Runtime, case: Case, locale: str = "id") -> tuple[str, bytes]:
    """The chain's evidence bundle: (file name, zip bytes), files in path order.

    The same history gives the same bytes, as long as no clock of the chain view changed state
    meanwhile (a requester's window closes with time, not with an event).
    """
    tz = rt.calendars["strict"].tz
    members = chain.members(session, case)
    tickets = {m.id: m.ticket for m in members}
    events = session.scalars(
        select(CaseEvent).where(CaseEvent.case_id.in_(tickets)).order_by(CaseEvent.case_id, CaseEvent.seq)
    ).all()

    files: dict[str, bytes] = {}
    rows = chain.chronology(session, case, locale, rt.forms)
    files["kronologi.json"] = _json(rows, tz)
    files["kronologi.txt"] = "".join(
        f"{row['at'].astimezone(tz):%Y-%m-%d %H:%M %Z}  {row['ticket']}  {row['what']}\n" for row in rows
    ).encode()
    files.update(_documents(events, tickets, tz, locale))
    for member in members:
        history = [export_row(member.ticket, e) for e in events if e.case_id == member.id]
        files[f"riwayat/{member.ticket}.jsonl"] = "".join(
            json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in history
        ).encode()
    files["ringkasan.json"] = _json(chain.chain_view(rt, session, case, locale), tz)
    files.update(_letters(session, rt, members, locale))
    for member in members:  # the agency's defences at the preliminary examination, checked at the summons
        if (member.details or {}).get("keterterimaan"):
            verdicts = member.details["keterterimaan"]
            files[f"keterterimaan/{member.ticket}.json"] = _json(
                {**verdicts, "ringkasan": chain.admissibility_text(verdicts, locale)}, tz
            )
    files["verifikasi.txt"] = VERIFICATION.encode()
    files["MANIFEST.sha256"] = "".join(
        f"{hashlib.sha256(content).hexdigest()}  {path}\n" for path, content in sorted(files.items())
    ).encode()

    newest = max((e.at for e in events), default=None)
    stamp = max(newest.astimezone(tz).timetuple()[:6], _OLDEST_ZIP_DATE) if newest else _OLDEST_ZIP_DATE
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[path], compresslevel=9)
    return f"berkas-{case.ticket}.zip", buffer.getvalue()


def export_bundle(session: Session, rt: Runtime, case: Case, actor: str, locale: str = "id") -> Bundle:
    """Build the bundle and record its sha256 on the case (``bundle_exported``); the caller commits."""
    bundle = Bundle(*build_bundle(session, rt, case, locale))
    EventLog(session).append(case, "bundle_exported", actor, {"sha256": bundle.sha256})
    return bundle


def _letters(session: Session, rt: Runtime, members: list[Case], locale: str) -> dict[str, bytes]:
    """The chain's letters: an index of every one (number, date, type, sha256, verification address),
    and the PDFs of those that name no requester (the determinations of exempt information).

    A letter addressed to the requester carries their name and address, and a dispute's letter (the power
    of attorney, the respondent's response) names them as the Pemohon: neither leaves the office in a
    bundle. The index gives its sha256, so the copy filed with the Commission can be checked against it
    (and at its verification address).
    """
    store = FileStore.of(rt.settings, rt.vault)
    tickets = {m.id: m.ticket for m in members}
    outcomes = {m.id: m.outcome for m in members}  # a decree rejecting in part says so (engine.letters.types)
    rows, files = [], {}
    for letter in session.scalars(select(Letter).where(Letter.case_id.in_(tickets)).order_by(Letter.id)):
        path = None
        if letter.status == "ready" and not TYPES[letter.kind].identifies_requester:
            path = f"surat/{tickets[letter.case_id]}/{letter.number.replace('/', '-')}.{letter.locale}.pdf"
            files[path] = production.file_bytes(store, letter)
        rows.append(
            {
                "ticket": tickets[letter.case_id],
                "number": letter.number,
                "date": letter.letter_date.isoformat(),
                "type": letter.kind,
                "title": TYPES[letter.kind].title(locale, outcomes[letter.case_id]),
                "locale": letter.locale,
                "status": letter.status,
                "sha256": letter.sha256,
                "scan_sha256": letter.scan_sha256,
                "to_requester": letter.to_requester,
                "verify_url": verify_url(rt.settings, letter.code),
                "file": path,
            }
        )
    if rows:
        files["surat/daftar.json"] = json.dumps(rows, ensure_ascii=False, indent=1, sort_keys=True).encode()
    return files


def document_title(task: str | None, data: dict, locale: str = "id") -> str | None:
    """The title of the notice or decision a completed task issued, in ``locale``, or None when the task issued
    none. An extension step writes only when it extends; a decision to reject (or to grant in part, rejecting the
    rest) is its own letter, titled as its decree. The consequence test is a record, not a letter: see
    ``record_title``.
    """
    if task not in DOCUMENTS or (task == "tentukan_langkah" and data.get("langkah") != "perpanjang"):
        return None
    if task == "putuskan" and str(data.get("keputusan", "")).startswith("ditolak"):
        return catalog(locale).gettext(REJECTION)
    if task == "putuskan" and data.get("keputusan") == GRANTED_IN_PART:
        return catalog(locale).gettext(REJECTION_IN_PART)
    return catalog(locale).gettext(DOCUMENTS[task])


def record_title(task: str | None, data: dict, locale: str = "id") -> str | None:
    """What the bundle files for a completed task, in ``locale``: its document's title, or the consequence test's
    record's (CONSEQUENCE_TEST); None when it files nothing."""
    if task == "uji_konsekuensi":
        return catalog(locale).gettext(CONSEQUENCE_TEST)
    return document_title(task, data, locale)


def _documents(events, tickets: dict[int, str], tz: tzinfo, locale: str) -> dict[str, bytes]:
    """Every notice and decision issued, numbered per case in the order they were issued."""
    out: dict[str, bytes] = {}
    numbers: dict[int, int] = {}
    tests: dict[int, int] = {}
    for event in events:
        if event.type != "task_completed":
            continue
        task, data = event.data.get("task"), event.data.get("data", {})
        ticket = tickets[event.case_id]
        if task == "uji_konsekuensi":
            tests[event.case_id] = tests.get(event.case_id, 0) + 1
            suffix = "" if tests[event.case_id] == 1 else f"-{tests[event.case_id]}"
            title = record_title(task, data, locale)
            out[f"uji_konsekuensi/{ticket}{suffix}.json"] = _document(ticket, task, title, event, tz)
            continue
        title = document_title(task, data, locale)
        if title is None:
            continue
        numbers[event.case_id] = numbers.get(event.case_id, 0) + 1
        out[f"dokumen/{ticket}/{numbers[event.case_id]:02d}-{task}.json"] = _document(ticket, task, title, event, tz)
    return out


def _document(ticket: str, task: str, title: str, event: CaseEvent, tz: tzinfo) -> bytes:
    return _json(
        {
            "ticket": ticket,
            "task": task,
            "title": title,
            "completed_at": event.at.astimezone(tz),
            "completed_by": event.actor,
            "data": redact(event.data.get("data", {})),
        },
        tz,
    )


def _json(value, tz: tzinfo) -> bytes:
    """Readable JSON; instants in the office's time zone, with their offset."""

    def default(obj):
        if isinstance(obj, datetime):
            return obj.astimezone(tz).isoformat()
        if isinstance(obj, date):
            return obj.isoformat()
        raise TypeError(f"{type(obj).__name__} is not JSON")

    return (json.dumps(value, ensure_ascii=False, indent=2, default=default) + "\n").encode()
