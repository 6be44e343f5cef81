"""The case page's process diagram: the BPMN file it draws, what it marks, the same as two lists of steps, and the
names its elements go by in the reader's language (api.web.case draws the page).

The BPMN files name their elements in Bahasa Indonesia, the process's own words, and an Indonesian page keeps
them. An English page names an element in English where Kawal has an English name for it: a user task by its
form's ``x-title-en`` (as the task pages name it), a milestone by its stage, a deadline's timer and a subprocess a
single deadline bounds by the deadline's name (as the deadlines table names it), an event from outside by its
form's English title, the process by its kind and its start by what opened the case. Gateways, the labels of their
flows and Kawal's own script steps have no English name: they keep the BPMN's. The drawing takes the same names
(``names`` goes to static/case-diagram.js with the highlights), so the lists and the diagram say the same.
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
        return display.process_label(kind, "en") if e.id == kind else None
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
    return None


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
        out.append(_Element(process.get("id", ""), "process", process.get("id", "")))
        top = set(process)
        for node in process.iter():
            if not isinstance(node.tag, str) or not node.tag.startswith(BPMN) or not node.get("name"):
                continue
            tag = node.tag.removeprefix(BPMN)
            if tag in ("process", "lane", "sequenceFlow", "textAnnotation"):
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
