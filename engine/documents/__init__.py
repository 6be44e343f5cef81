"""Documents a complaint produces (legal-process.md §10b), rendered from the case and its tasks.

Every document that leaves the complaint team (the disposition sheet, the clarification request to
a unit, the referral to the Inspectorate General or another agency) speaks of "the report we
received" (laporan yang kami terima) and never of the reporter: no template has the reporter's
identity to use, and their context is built from the team's own summary, not from the reporter's
words. Documents addressed to the reporter greet "Pelapor", never a name.

The receipt (tanda terima pengaduan) and the disposition sheet (lembar disposisi) are letters of record only
(engine.letters: numbered, sealed, verifiable): no text version of them is issued here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, evidence_lapse, status, visibility
from engine.errors import NotFound
from engine.explanation import ZONES, day_in_words
from engine.forms import FormRegistry
from engine.letters.render import long_date
from engine.models import Case, CaseEvent, Letter, Unit
from engine.runtime import Runtime

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Document:
    name: str
    title_id: str
    title_en: str
    audience: str  # team, unit, itjen, agency, reporter
    after: str  # the task whose completion issues it


DOCUMENTS = {
    d.name: d
    for d in (
        Document(
            "surat_permintaan_klarifikasi",
            "Surat Permintaan Klarifikasi",
            "Request for Clarification",
            "unit",
            "klasifikasi",
        ),
        Document(
            "nota_dinas_itjen",
            "Nota Dinas Penerusan ke Inspektorat Jenderal",
            "Referral Memo",
            "itjen",
            "rujukan_itjen",
        ),
        Document(
            "surat_penerusan", "Surat Penerusan Pengaduan", "Complaint Forwarding Letter", "agency", "surat_penerusan"
        ),
        Document(
            "surat_permintaan_bukti",
            "Surat Permintaan Kelengkapan Data/Bukti",
            "Request for Supporting Evidence",
            "reporter",
            "minta_bukti",
        ),
        Document(
            "pemberitahuan_hasil",
            "Surat Pemberitahuan Hasil kepada Pelapor",
            "Notice of Outcome to the Reporter",
            "reporter",
            "pemberitahuan_hasil",
        ),
    )
}

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    undefined=StrictUndefined,
    autoescape=False,  # noqa: S701 - plain-text letters, never HTML
    trim_blocks=True,
    lstrip_blocks=True,
)


def _task_data(session: Session, case: Case) -> dict[str, dict]:
    """The latest data each task of the case was completed with (from the history)."""
    out: dict[str, dict] = {}
    for (data,) in session.execute(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == "task_completed")
        .order_by(CaseEvent.seq)
    ):
        out[data.get("task", "")] = data.get("data", {})
    return out


def issued(session: Session, case: Case) -> list[Document]:
    """The documents the case has produced so far, in the order of the register."""
    done = _task_data(session, case)
    found = []
    for doc in DOCUMENTS.values():
        if doc.after not in done:
            continue
        if doc.name == "surat_permintaan_klarifikasi" and done["klasifikasi"].get("berkadar_pengawasan", True):
            continue  # an oversight case goes to the Inspectorate General, not to a unit
        found.append(doc)
    return found


def _referred_unit(session: Session, case: Case, tasks: dict[str, dict]) -> dict[str, str]:
    """The unit the complaint was referred to (its task's unit): its code, and its name to address a letter to.

    Read from the inbox row rather than the classification's data, which a unit may not see.
    """
    unit_id = access.referred_unit_id(session, case)
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    if unit is None:  # not referred to a unit (yet): the classification's code, where the reader sees it
        code = tasks.get("klasifikasi", {}).get("unit_tujuan") or ""
        return {"unit_code": code, "unit_name": code}
    return {"unit_code": unit.code, "unit_name": unit.name}


def evidence_due(case: Case, locale: str) -> dict | None:
    """The reporter's window to send the evidence asked for (BUKTI, its latest row: the reading that ends latest), as
    the request for evidence states it, in the words of its PDF (engine/letters/templates/surat_permintaan_bukti):
    its days and whether they are working days (SP4N-LAPOR!), its day, hour and zone; None before one is asked."""
    rows = [d for d in case.deadlines if d.name == "BUKTI"]
    due = str((rows[-1].provenance or {}).get("due_at") or "") if rows else ""
    if len(due) < 16:  # the office's local instant, with its offset, as the count kept it
        return None
    en = locale == "en"
    hour = due[11:16] if en else due[11:16].replace(":", ".")
    return {
        "days": rows[-1].working_days,
        "working_days": rows[-1].provenance.get("unit") != "calendar_days",
        "on": long_date(due[:10], "en" if en else "id"),
        "at": f"{hour} {ZONES.get(due[-6:], '')}".strip(),
    }


def form_day(value: str, locale: str) -> str:
    """A form's date as a letter writes it (``3 Nov 2026``); other text as it is."""
    if len(value) == 10 and value[4] == "-" and value[:4].isdigit():
        return day_in_words(value, "en" if locale == "en" else "id")
    return value


def context(session: Session, forms: FormRegistry, case: Case, locale: str, readers: visibility.Readers) -> dict:
    """What a document (or a complaint's letter of record, engine.letters) says of the case, built only from the
    fields ``readers`` may see (engine.visibility): a unit's from the team's summary, a reporter's from what was
    written for them. Never the reporter's identity: no field of it is here to print."""
    tasks = {task: data for task, data in visibility.completed(session, forms, case, readers)}
    recorded = tasks.get("catat_pengaduan", {})
    details = visibility.details(forms, case, readers)
    return {
        "ticket": case.ticket,
        "received": day_in_words(case.received_at.date().isoformat(), "en" if locale == "en" else "id"),
        "status_label": status.label(case.status, locale),
        "subject": recorded.get("pokok_masalah") or details.get("pokok_masalah", ""),
        "summary": recorded.get("uraian_ringkas", ""),
        "place": recorded.get("lokasi_kejadian", ""),
        "when": form_day(recorded.get("waktu_kejadian", ""), locale),
        "when_recorded": recorded.get("waktu_kejadian", ""),  # as the form has it: a translation words it again
        "reported_position": recorded.get("jabatan_terlapor", ""),
        "tasks": tasks,
        **_referred_unit(session, case, tasks),
    }


def render(
    session: Session,
    forms: FormRegistry,
    case: Case,
    name: str,
    locale: str,
    readers: visibility.Readers,
    rt: Runtime | None = None,
) -> tuple[Document, str]:
    """The document's text, built only from the fields ``readers`` may see (``context``). ``rt``, where the caller
    holds it, reads the case's process version's steps for the request for evidence (engine.evidence_lapse)."""
    doc = DOCUMENTS.get(name)
    if doc is None or doc not in issued(session, case):
        raise NotFound("document_not_found")
    template = f"{name}.{'en' if locale == 'en' else 'id'}.txt"
    # The number of the letter of record Kawal issued for it (engine.letters), so the text and the PDF say the same;
    # its dates as letters write them.
    number = session.scalar(
        select(Letter.number).where(Letter.case_id == case.id, Letter.kind == name).order_by(Letter.id.desc()).limit(1)
    )
    say_day = lambda value: form_day(value or "", locale)  # noqa: E731
    text = _env.get_template(template).render(
        **context(session, forms, case, locale, readers),
        number=number or "-",
        day=say_day,
        evidence_due=evidence_due(case, locale),
        # what the reporter's silence leads to, by the case's process version (not by the reporter's mode alone): said
        # by the request for evidence alone
        evidence_lapse=evidence_lapse.consequence(session, case, rt) if name == "surat_permintaan_bukti" else None,
    )
    return doc, text.rstrip("\n") + "\n"
