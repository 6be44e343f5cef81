"""The case page's process diagram: the BPMN file it draws, what it marks, the same as two lists of steps, and the
names its elements go by in the reader's language (api.web.case draws the page).

The BPMN files name their elements in Bahasa Indonesia, the process's own words, and an Indonesian page keeps
them. An English page names an element in English where Kawal has an English name for it: a user task by its
form's ``x-title-en`` (as the task pages name it), a milestone by its stage, a deadline's timer and a subprocess a
single deadline bounds by the deadline's name (as the deadlines table names it), an event from outside by its
form's English title, the process by its kind and its start by what opened the case. What has none of these (a
gateway's question, the labels of its flows, Kawal's own script steps) is named by ``ENGLISH``, the BPMN's words put
into English (tests/web/test_process_diagram_words.py fails while a name of workflows/*.bpmn is missing). The drawing
takes the same names (``names`` goes to static/case-diagram.js with the highlights), so the lists and the diagram say
the same.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from api.extensions import db
from api.web import display
from engine import kinds, progress
from engine.models import Case, ProcessVersion
from engine.runtime import Runtime

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
SPIFF = "{http://spiffworkflow.org/bpmn/schema/1.0/core}"
# What opened a case of each kind, named as the timeline names that event (api.reports.history.EVENT_LABELS): the
# start event of the kind's process.
OPENED = {
    kinds.REQUEST: _l("Request received"),
    kinds.OBJECTION: _l("Objection filed"),
    kinds.DISPUTE: _l("Dispute recorded"),
    kinds.COMPLAINT: _l("Complaint received"),
}
# The messages Kawal sends a case itself, which have no form (and so no form title) of their own.
KAWAL_MESSAGES = {
    "keberatan_dikabulkan": _l("Objection granted"),
    "permohonan_dicabut": _l("Withdrawn by the requester"),
    "bukti_pelapor": _l("The reporter's answer or evidence"),
}

# The English of the names the BPMN files give their gateways, the flows out of them, Kawal's script steps and the
# events no stage names, by the BPMN's own words: what an English page has no other name for.
ENGLISH = {
    # gateways
    "Ada alasan huruf b-g?": "Any of grounds (b)-(g)?",
    "Ada biaya?": "Is a fee due?",
    "Berkadar pengawasan?": "Oversight-relevant?",
    "Bukan kewenangan unit?": "Outside the unit's remit?",
    "Dibuka kembali?": "Reopened?",
    "Dikabulkan?": "Granted?",
    "Diputuskan?": "Decided?",
    "Ditetapkan dikecualikan?": "Exemption confirmed?",
    "Hasil klarifikasi?": "Outcome of the clarification?",
    "Hasil pemeriksaan awal?": "Outcome of the preliminary examination?",
    "Hasil penilaian?": "Outcome of the assessment?",
    "Hasil penyelesaian?": "Outcome of the settlement?",
    "Hasil tahap pemberitahuan": "Outcome of the written-notice stage",
    "Hasil verifikasi?": "Outcome of the verification?",
    "Informasi diberikan?": "Information given?",
    "Informasi diserahkan?": "Information handed over?",
    "Juga alasan huruf a?": "Ground (a) too?",
    "Kasasi?": "Cassation?",
    "Ke pengadilan?": "To court?",
    "Ke unit lain?": "To another unit?",
    "Langkah?": "Next step?",
    "Layak ditindaklanjuti?": "Fit for follow-up?",
    "Lengkap?": "Complete?",
    "Mediasi berhasil?": "Mediation succeeded?",
    "Menunggu bukti pelapor?": "Waiting for the reporter's evidence?",
    "Minta ke unit pengolah?": "Ask the processing unit?",
    "Perlu uji konsekuensi?": "Consequence test needed?",
    "Permohonan ditolak?": "Request refused?",
    "Sepakat?": "Agreed?",
    "Siapa menetapkan?": "Who decides?",
    "Sikap?": "Position?",
    # the flows out of a gateway or a deadline
    "14 hari kerja lewat (informasi)": "14 working days passed (for information)",
    "21 hari kerja lewat (informasi)": "21 working days passed (for information)",
    "Ada biaya": "A fee is due",
    "Ajudikasi": "Adjudication",
    "Atasan PPID": "PPID superior",
    "Batas persiapan lewat": "Preparation limit passed",
    "Batas sikap Termohon lewat": "The respondent's time to take a position passed",
    "Batas terakhir sikap Termohon lewat": "The respondent's last day to record a position passed",
    "Belum lengkap": "Not complete",
    "Berkadar pengawasan": "Oversight-relevant",
    "Berkekuatan hukum tetap": "Final and binding",
    "Bukan kewenangan unit": "Outside the unit's remit",
    "Bukti diminta": "Evidence asked for",
    "Bukti tidak dikirim": "Evidence not sent",
    "Cukup untuk ditindaklanjuti": "Enough to follow up",
    "Di luar kewenangan": "Outside the remit",
    "Dikabulkan": "Granted",
    "Diperpanjang": "Extended",
    "Diputuskan": "Decided",
    "Ditetapkan": "Confirmed",
    "Ditolak": "Refused",
    "Ditolak / sebagian, uji baru": "Refused, or granted in part: a new test",
    "Gagal": "Failed",
    "Jangka waktu pelapor lewat (informasi)": "The reporter's time passed (for information)",
    "Jangka waktu pemohon lewat (informasi)": "The requester's time passed (for information)",
    "Kasasi": "Cassation",
    "Keberatan diajukan": "Objection filed",
    "Kesepakatan": "Agreement",
    "Layak": "Fit for follow-up",
    "Layak, terklasifikasi": "Fit, classified",
    "Lengkap": "Complete",
    "Mediasi (alasan b-g)": "Mediation (grounds (b)-(g))",
    "Mediasi berakhir (dikonfirmasi)": "Mediation ended (confirmed)",
    "Menerima": "Accepts",
    "Mengajukan kasasi": "Files for cassation",
    "Mengajukan keberatan": "Files an objection",
    "Menguatkan PPID": "Upholds the PPID",
    "Pelapor menjawab": "The reporter answers",
    "Perlu bukti dari pelapor": "Evidence needed from the reporter",
    "Perlu pemeriksaan": "Examination needed",
    "Perpanjang": "Extend",
    "Pimpinan": "Head of the public body",
    "Putusan ajudikasi": "Adjudication decision",
    "Putusan mediasi": "Mediation decision",
    "Putusan sela": "Interim decision",
    "Putuskan": "Decide",
    "Selesai": "Done",
    "Sepakat": "Agreed",
    "Tanpa biaya": "No fee",
    "Tidak": "No",
    "Tidak (huruf a)": "No (ground (a))",
    "Tidak ada kasasi": "No cassation",
    "Tidak berkadar pengawasan": "Not oversight-relevant",
    "Tidak cukup bukti": "Not enough evidence",
    "Tidak dapat ditindaklanjuti": "Cannot be followed up",
    "Tidak diberikan": "Not given",
    "Tidak dijawab (dikonfirmasi)": "Not answered (confirmed)",
    "Tidak dilengkapi": "Not completed",
    "Tidak sepakat": "No agreement",
    "Tim menilai": "The team assesses",
    "Unit lain": "Another unit",
    "Unit menjawab": "The unit answers",
    "Tidak menyetujui: kembali ke PPID": "Not confirmed: back to the PPID",
    "Ya": "Yes",
    "Ya: alasan a ke Atasan PPID": "Yes: ground (a) to the PPID superior",
    "Ya: alasan a ke ajudikasi": "Yes: ground (a) to adjudication",
    # Kawal's script steps
    "Batas penyerahan: N hari kerja setelah dibuka kembali": "Hand-over limit: N working days after reopening",
    "Batas penyerahan: N hari kerja setelah pembayaran": "Hand-over limit: N working days after payment",
    "Batas penyerahan: dalam jangka waktu pemberitahuan": "Hand-over limit: within the written-notice period",
    "Batas waktu pelaksanaan putusan": "Time limit to carry out the decision",
    "Catat disposisi ulang": "Record the new disposition",
    "Catat: penetapan pengecualian tidak disetujui": "Record: the exemption not confirmed",
    "Catat jawaban pelapor": "Record the reporter's answer",
    "Catat mulai mediasi": "Record the start of mediation",
    "Catat mulai menunggu kelengkapan": "Record the start of waiting for completion",
    "Catat pembukaan kembali": "Record the reopening",
    "Catat putusan ajudikasi": "Record the adjudication decision",
    "Catat putusan kasasi": "Record the cassation judgment",
    "Catat putusan mediasi": "Record the mediation decision",
    "Catat putusan pengadilan": "Record the court's judgment",
    "Catat waktu permintaan bukti": "Record when the evidence was asked for",
    "Hitung batas persiapan (hari kerja sebelum sidang pertama)": (
        "Count the preparation limit (the working day before the first hearing)"
    ),
    "Sikap Termohon tidak diambil: putusan dianggap diterima": (
        "The respondent took no position: the decision stands as accepted"
    ),
    "Tandai dianggap dicabut": "Mark as deemed withdrawn",
    "Tandai ditutup: bukti tidak dikirim": "Mark as closed: evidence not sent",
    # pengaduan.bpmn version 4: the stage (status_from) is deemed withdrawn, or an anonymous one's not actionable
    "Ditutup: bukti tidak dikirim": "Closed: evidence not sent",
    "Ditutup: bukti tidak dikirim, diarsipkan": "Closed: evidence not sent, archived",
    "Tandai diperpanjang": "Mark as extended",
    "Tandai diputuskan": "Mark as decided",
    "Tandai kasasi oleh Termohon": "Mark cassation by the respondent",
    "Tandai kasasi oleh pemohon": "Mark cassation by the applicant",
    "Tandai keberatan oleh Termohon": "Mark objection by the respondent",
    "Tandai keberatan oleh pemohon": "Mark objection by the applicant",
    "Tandai putusan sela": "Mark the interim decision",
    "Tetapkan batas waktu penyelesaian": "Set the completion deadline",
    "Tidak ada kasasi: putusan berkekuatan hukum tetap": "No cassation: the judgment is final and binding",
    "Tidak ada keberatan: putusan berkekuatan hukum tetap": "No objection: the decision is final and binding",
    "Tutup: tidak dilengkapi": "Close: not completed",
    # events no stage names: a lapse flagged, a stage a variable gives, a message to the request
    "Keberatan diputus": "Objection decided",
    "Melewati batas 60 hari UU 25/2009": "Past the 60-day limit of Law 25/2009",
    "Melewati batas waktu (T10)": "Past the deadline (T10)",
    "Melewati batas waktu (T17)": "Past the deadline (T17)",
    "Melewati batas waktu pelaksanaan putusan": "Past the deadline to carry out the decision",
    "Melewati batas waktu penyelesaian": "Past the completion deadline",
    "Melewati batas waktu penyerahan": "Past the hand-over deadline",
    "Penelaahan melewati 3 hari kerja": "Review past 3 working days",
    "Penyerahan dibuka pada permohonan": "Hand-over opened on the request",
    # subprocesses that no single deadline bounds
    "Masa kasasi (14 hari)": "Cassation period (14 days)",
    "Masa keberatan ke pengadilan (14 hari kerja)": "Period to object before the court (14 working days)",
    "Menunggu bukti setelah dianggap dicabut": "Waiting for evidence after being deemed withdrawn",
    "Penanganan pengaduan (14/60 hari kerja)": "Handling the complaint (14/60 working days)",
    "Penanganan permohonan": "Handling the request",
    "Putusan dan pemberitahuan tertulis": "Decision and written notice",
    "Terbuka untuk keberatan": "Open to objection",
}


@dataclass(frozen=True)
class _Element:
    """A named element of a BPMN file, with what its English name may come from."""

    id: str
    tag: str  # the BPMN element's local name: userTask, boundaryEvent, subProcess, process...
    process: str  # the id of the process it is drawn in
    status: str | None = None  # a milestone's stage
    deadline: str | None = None  # a deadline's timer
    form: str | None = None  # a user task's or an event's form
    message: str | None = None  # a message event's message
    attached_to: str | None = None  # a boundary event's activity
    top: bool = False  # drawn on the process itself, not inside one of its subprocesses
    name: str = ""  # the BPMN's own name


def source(rt: Runtime, case: Case) -> tuple[bytes, bool]:
    """The BPMN file of the case's process version, and whether it is still that version's content.

    A version stores its parsed spec and the file's sha256, not the XML: the file in workflows/ is
    read, and when it has changed since (a newer version deployed) it is still the best picture.
    """
    version = db.session.get(ProcessVersion, case.process_version_id)
    content = (Path(rt.settings.workflows_dir) / version.file_name).read_bytes()
    return content, hashlib.sha256(content).hexdigest() == version.sha256


def names(rt: Runtime, content: bytes, kind: str, locale: str, clock_label: Callable[[str], str]) -> dict[str, str]:
    """The elements of the BPMN file ``content`` that have a name in ``locale`` other than the BPMN's, by id: none
    in Bahasa Indonesia, the BPMN's own language. ``clock_label``: a deadline's name (api.web.case.clock_label)."""
    if locale != "en":
        return {}
    elements = _elements(content)
    deadlines: dict[str, list[str]] = {}  # an activity's deadline timers, by its id
    for e in elements:
        if e.attached_to and e.deadline:
            deadlines.setdefault(e.attached_to, []).append(e.deadline)
    out = {}
    for e in elements:
        name = _english(rt, e, kind, deadlines.get(e.id, []), clock_label)
        if name:
            out[e.id] = name
    return out


def _english(rt: Runtime, e: _Element, kind: str, bounds: list[str], clock_label: Callable[[str], str]) -> str | None:
    if e.tag == "process":
        return display.process_label(kind, "en") if e.id == kind else ENGLISH.get(e.name)  # a called process
    if e.status:
        return display.stage_label(e.status, "en")
    if e.deadline:
        label = clock_label(e.deadline)
        return e.deadline if label == e.deadline else f"{e.deadline} · {label}"
    if e.message:
        return _form_title(rt, e.form or f"pesan_{e.message}.json") or _str(KAWAL_MESSAGES.get(e.message))
    if e.form:
        return _form_title(rt, e.form)
    if e.tag == "startEvent" and e.top and e.process == kind:
        return _str(OPENED.get(kind))
    if e.tag == "subProcess" and len(bounds) == 1:
        return clock_label(bounds[0])
    return ENGLISH.get(e.name)  # what has no other English name: its words


def _str(value) -> str | None:
    return str(value) if value is not None else None


def _form_title(rt: Runtime, form: str) -> str | None:
    try:
        return rt.forms.schema(form).get("x-title-en")
    except LookupError:
        return None


@lru_cache(maxsize=16)
def _elements(content: bytes) -> tuple[_Element, ...]:
    """The named elements of a BPMN file (read once per content: the files are Kawal's own, from workflows/)."""
    root = ET.fromstring(content)  # noqa: S314 - Kawal's own files from workflows/, never a visitor's XML
    messages = {m.get("id"): m.get("name") for m in root.iter(f"{BPMN}message")}
    out = []
    for process in root.iter(f"{BPMN}process"):
        out.append(_Element(process.get("id", ""), "process", process.get("id", ""), name=process.get("name", "")))
        top = set(process)
        for node in process.iter():
            if not isinstance(node.tag, str) or not node.tag.startswith(BPMN) or not node.get("name"):
                continue
            tag = node.tag.removeprefix(BPMN)
            if tag in ("process", "lane", "textAnnotation"):
                continue
            own = node.find(f"{BPMN}extensionElements")
            props = {p.get("name"): p.get("value") for p in (own.iter(f"{SPIFF}property") if own is not None else ())}
            message = node.find(f"{BPMN}messageEventDefinition")
            out.append(
                _Element(
                    node.get("id", ""),
                    tag,
                    process.get("id", ""),
                    status=props.get("status"),
                    deadline=props.get("deadline"),
                    form=props.get("formJsonSchemaFilename"),
                    message=messages.get(message.get("messageRef")) if message is not None else None,
                    attached_to=node.get("attachedToRef"),
                    top=node in top,
                    name=node.get("name", ""),
                )
            )
    return tuple(out)


def steps(rt: Runtime, case: Case, locale: str, named: dict[str, str]) -> dict:
    """The diagram's highlights (bpmn ids) and the same as text (engine.progress), named for the reader: a task as
    the task pages name it, anything else by ``named`` (``names``, which the drawing takes too) or the BPMN's name."""
    titles = {t.bpmn_id: display.task_title(rt, t, locale) for t in case.tasks}
    found = progress.progress(db.session, rt, case)
    if found is None:  # no instance stored: what the inbox rows say
        completed = {t.bpmn_id: titles[t.bpmn_id] for t in case.tasks if t.state != "open"}
        current = {t.bpmn_id: titles[t.bpmn_id] for t in case.tasks if t.state == "open"}
        for bpmn_id in current:
            completed.pop(bpmn_id, None)
        active = []
    else:
        completed = {i: _step_name(e, titles, named, locale) if e.step else "" for i, e in found.completed.items()}
        current = {i: titles.get(i) or named.get(i) or e.name or i for i, e in found.current.items()}
        active = found.active
    return {
        "completed": list(completed),
        "current": list(current),
        "active": active,
        "completed_steps": [name for name in completed.values() if name],
        "current_steps": list(current.values()),
        "names": named,
    }


def _step_name(element: progress.Element, titles: dict[str, str], named: dict[str, str], locale: str) -> str:
    if element.stage:
        return _("Stage reached: %(stage)s", stage=display.stage_label(element.stage, locale))
    return titles.get(element.bpmn_id) or named.get(element.bpmn_id) or element.name or element.bpmn_id
