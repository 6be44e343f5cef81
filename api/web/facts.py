"""A case's facts as the officers' pages show them: label / value pairs, labelled by the forms.

The task page and the case page show the same facts (``case_facts``), the same requester's identity
(``requester_facts``, given only what ``access.can_read_identity`` let through) and label recorded
data by the same rule (``labelled``), and add what the case's later steps established (``established_facts``): a
complaint's classification, a dispute's decisions and court stage. The templates draw the pairs with ``_macros.html``'s
``case_facts`` and ``fact_list``.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

from flask import g, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from markupsafe import Markup
from sqlalchemy import select

from api.extensions import db
from api.language import LANGUAGES
from api.reports.labels import COURT, COURT_AMAR, REQUEST_CHOICES, form_choice
from api.web import display, schema_form
from api.web.i18n import current_language
from engine import access, chain, kinds, pii_scan, proxy_data, register_lookups, task_files, users, visibility
from engine.explanation import ISO_DATE_OR_INSTANT
from engine.facts import decision_stage
from engine.languages import DEFAULT, LOCALE, LOCALES
from engine.models import Attachment, Case, CaseEvent, CaseFacts, HumanTask, Unit, User
from engine.runtime import Runtime

# The intake form that describes each kind of case's details (their labels and choice names).
INTAKE_FORMS = visibility.INTAKE_FORMS


class Facts(list):
    """A case's facts as label / value pairs (``case_facts``): ``base``, the case's own (ticket, process, stage,
    receipt, channel), then ``asked``, its details as the form it was filed with labels them: what the requester asked
    for, what a complaint is about. A unit's task page shows ``asked`` before its form (templates/task.html)."""

    def __init__(self, base: list[tuple[str, str]], asked: list[tuple[str, str]]):
        super().__init__(base + asked)
        self.base, self.asked = base, asked


def case_facts(rt: Runtime, case: Case, locale: str, details: dict, established: list | tuple = ()) -> Facts:
    """The case's ``details`` (as the reader may see them: engine.visibility) as label / value pairs,
    labelled by the form the case was filed with; then what its later steps ``established`` (``established_facts``)."""
    schema = intake_schema(rt, case.kind)
    facts = [
        (_("Ticket"), case.ticket),
        (_("Process"), display.process_label(case.kind, locale)),
        (_("Stage"), display.stage_label(case.status, locale)),
        (_("Received"), display.office_datetime(case.received_at)),
        (_("Channel"), display.channel_label(case.channel)),
    ]
    # A party's row in the vault (a request's or an objection's proxy, ``kuasa_party_id``) is a reference, not a
    # fact: the proxy is shown apart, to those who may read it (``proxy_facts``). The language an objection was filed
    # in (engine.languages) is a setting of its messages, as the requester's own is (``requester_facts``).
    shown = {key: value for key, value in details.items() if not is_reference(key) and key != LOCALE}
    asked = [(str(OFFICER_LABELS.get(key, label)), value) for key, (label, value) in _keyed(schema, shown, locale)]
    return Facts(facts, [*asked, *established])


# A filed detail the officers read under another name than the filer's form gives it: a complaint's category is the
# reporter's suggestion, which the team's classification may overrule (``classification_facts``).
OFFICER_LABELS = {"kategori_usulan": _l("Category suggested by the reporter")}


def _keyed(schema: dict, values: dict, locale: str) -> list[tuple[str, tuple[str, str]]]:
    """``labelled``'s pairs, each beside the key it labels (a value left out when empty leaves no pair)."""
    shown = [key for key in values if values[key] not in (None, "", [], {})]
    pairs = labelled(schema, {key: values[key] for key in shown}, locale)
    fields = [f.name for f in schema_form.build_fields(schema, locale)] if schema else []
    order = [k for k in fields if k in shown] + [k for k in shown if k not in fields]
    return list(zip(order, pairs, strict=True))


# The complaint team's classification (pengaduan_klasifikasi.json), as the case's facts name it once made.
CLASSIFICATION_TASK, CLASSIFICATION_FORM = "klasifikasi", "pengaduan_klasifikasi.json"


def classification_facts(rt: Runtime, user: User, case: Case, locale: str) -> list[tuple[str, str]]:
    """A complaint's classification by its team, its last one (a reopened complaint may be classified again): the
    problem code, the category and whether it is oversight-relevant, as ``user`` may read them (engine.visibility);
    nothing before it is made, or for another kind of case."""
    if case.kind != kinds.COMPLAINT:
        return []
    made = {}
    for task, data in visibility.completed(db.session, rt.forms, case, access.field_readers(user, case)):
        if task == CLASSIFICATION_TASK:
            made = data
    if not made:
        return []
    names = {f.name: dict(f.options) for f in schema_form.build_fields(_form_schema(rt, CLASSIFICATION_FORM), locale)}
    out = []
    if code := made.get("kode_masalah"):
        out.append((str(CLASSIFIED_CODE), f"{code} {names.get('kode_masalah', {}).get(code, '')}".strip()))
    if category := made.get("kategori"):
        out.append((str(CLASSIFIED_CATEGORY), names.get("kategori", {}).get(category, category)))
    if isinstance(made.get("berkadar_pengawasan"), bool):
        out.append((str(CLASSIFIED_OVERSIGHT), str(OVERSIGHT[made["berkadar_pengawasan"]])))
    return out


CLASSIFIED_CODE = _l("Problem code (the complaint team's classification)")
CLASSIFIED_CATEGORY = _l("Category (the complaint team's classification)")
CLASSIFIED_OVERSIGHT = _l("Oversight (the complaint team's classification)")
OVERSIGHT = {
    True: _l("Oversight-relevant: examined by the Inspectorate General (60 working days)"),
    False: _l("Not oversight-relevant: handled by the responsible unit (14 working days)"),
}


# A dispute's decisions as the case recorded them, beside its other facts, for the officer who takes the office's
# position on them and for whoever reads the case later (legal-process.md §5, §9.2 (c) 5-6): the Commission's
# adjudication, the day it was read and the days each party received its copy (which start the office's and the
# applicant's windows to challenge it); who went to court, the court and its case number, the court's ruling on the
# challenge and its effect on the request, the day of it and the days each party received it; who filed for cassation,
# its case number, the Supreme Court's ruling and its effect, the day of it; and the day the decision became final and
# binding (the dispute register's reading, engine.register_lookups.final_days).
DECISION_FACTS = {
    "amar": _l("The Commission's decision"),
    "read_on": _l("Read on"),
    "received_on": _l("Copy received by the office"),
    "applicant_received_on": _l("Copy received by the applicant"),
    "court": _l("Taken to court by"),
    "court_name": _l("Court"),
    "court_number": _l("Court case number"),
    "challenge_ruling": _l("Ruling on the challenge"),
    "court_result": _l("Court's decision (effect on the request)"),
    "court_decided_on": _l("Date of the court's decision"),
    "judgment_received_on": _l("Court's decision received by the office"),
    "judgment_applicant_received_on": _l("Court's decision received by the applicant"),
    "cassation_by": _l("Cassation filed by"),
    "cassation_number": _l("Cassation case number"),
    "cassation_ruling": _l("Ruling on the cassation"),
    "cassation_result": _l("Supreme Court's decision (effect on the request)"),
    "cassation_decided_on": _l("Date of the Supreme Court's decision"),
    "final_on": _l("Final and binding since"),
}
# The forms whose own words name a recorded choice: the Commission's operative part, the courts' rulings on the
# challenge and on the cassation (fact -> message form, field).
DECISION_CHOICES = {
    "amar": ("pesan_putusan_ajudikasi.json", "amar"),
    "challenge_ruling": ("pesan_putusan_pengadilan.json", "putusan_atas_keberatan"),
    "cassation_ruling": ("pesan_putusan_kasasi.json", "putusan_atas_kasasi"),
}


def decision_facts(rt: Runtime, case: Case) -> list[tuple[str, str]]:
    """The facts of a dispute's decisions (``DECISION_FACTS``) that were recorded, as label / value pairs: the
    decisions' effects and days from its facts row (engine.facts), the rest from its history (engine.facts
    ``decision_stage``, one read). None before the Commission decided."""
    row = db.session.get(CaseFacts, case.id)
    recorded = decision_stage(db.session, case)
    values = {
        **recorded,
        "court_name": recorded["court"],
        "court": COURT.get(row.court) if row is not None else None,
        "court_result": COURT_AMAR.get(row.court_result) if row is not None else None,
        "court_decided_on": row.court_decided_on if row is not None else None,
        "cassation_by": COURT.get(recorded["cassation_by"]),
        "cassation_result": COURT_AMAR.get(row.cassation_result) if row is not None else None,
        "cassation_decided_on": row.cassation_decided_on if row is not None else None,
        "final_on": register_lookups.final_days(db.session, [case.id], rt.calendars["strict"].tz).get(case.id),
    }
    for key, (form, field) in DECISION_CHOICES.items():
        values[key] = form_choice(rt, form, field, values[key]) if values[key] else None
    return [
        (
            str(DECISION_FACTS[key]),
            display.office_day(values[key]) if isinstance(values[key], date) else str(values[key]),
        )
        for key in DECISION_FACTS
        if values[key]
    ]


def established_facts(rt: Runtime, user: User, case: Case, locale: str) -> list[tuple[str, str]]:
    """What the case's later steps established, after its filed details: a complaint's classification
    (``classification_facts``), a dispute's decisions (``decision_facts``); nothing for another kind."""
    if case.kind == kinds.DISPUTE:
        return decision_facts(rt, case)
    return classification_facts(rt, user, case, locale)


# Where each kind's intake form keeps the person's identity: a request's requester, a complaint's reporter.
IDENTITY_FIELD = {kinds.REQUEST: "requester", kinds.COMPLAINT: "pelapor"}


def requester_facts(
    rt: Runtime, identity: dict | None, locale: str, kind: str = kinds.REQUEST
) -> list[tuple[str, str]]:
    """The requester's (or a complaint's reporter's) identity, labelled by the form they filed; nothing when the
    caller may not read it."""
    if not identity:
        return []
    schema = intake_schema(rt, kind).get("properties", {}).get(IDENTITY_FIELD[kind], {})
    known = schema.get("properties", {})
    # Only what the form asks a person for: the vault also keeps settings such as the language of their mail.
    facts = labelled(schema, {k: v for k, v in identity.items() if k in known}, locale)
    nik = identity.get("nik")
    if isinstance(nik, str) and len(nik) == 16 and nik.isdigit() and not pii_scan.is_nik(nik):
        # The form refuses a NIK that cannot exist (engine.nik) but takes one whose region the office's table lacks
        # (a province or regency made later); that one, or one filed before the form refused, is for the desk to
        # check with the filer, as its identity check.
        facts = [(label, f"{value} ({NIK_IMPLAUSIBLE})" if value == nik else value) for label, value in facts]
    # The language they filed in and are written to in (engine.languages; the desk may correct it): an officer who
    # calls or writes to them knows which to use.
    kept = identity.get("locale") if identity.get("locale") in LOCALES else DEFAULT
    return [*facts, (_("Language"), LANGUAGES.get(kept, kept))]


NIK_IMPLAUSIBLE = _l(
    "not a possible national identity number (NIK): its region or birth date does not exist; check the ID card"
)


def proxy_facts(rt: Runtime, case: Case, identity: dict | None, locale: str) -> list[tuple[str, str]]:
    """A case's proxy (engine.proxy_data), labelled by the case's form; nothing when none or unreadable."""
    if not identity:
        return []
    schema = proxy_data.proxy_schema(rt, case.kind)
    return labelled(schema, {k: v for k, v in identity.items() if k in schema["properties"]}, locale)


def intake_schema(rt: Runtime, kind: str) -> dict:
    """The JSON Schema a kind of case is filed with, or an empty one for a kind without an intake form."""
    try:
        return rt.forms.schema(INTAKE_FORMS[kind])
    except (KeyError, LookupError):
        return {}


# What the engine adds to a case's details beyond its filing form (engine.intake): named in both languages,
# not by their codes ("Ketepatan waktu" on an English page).
DETAIL_LABELS = {
    "permohonan": _l("Information request"),
    "perkara": _l("Objection or request"),
    "ketepatan_waktu": _l("Filed in time"),
    "keterterimaan": _l("Admissibility"),
    "mulai_penyelesaian": _l("The Commission's start"),
    "salinan_putusan": _l("Copy of the adjudication decision"),
}


def labelled(schema: dict, values: dict, locale: str, files: CaseFiles | None = None) -> list[tuple[str, str]]:
    """Values as label / text pairs, in the schema's order, then anything the schema does not name.

    A unit's code (a field marked ``"x-references": "unit"``) reads as the unit's name; rows (an array of objects)
    as their fields' labels and values; a file field's files, given the reader's ``files`` (``finding_files``), by
    name, each a link to download it, else by their number; the confirmations of the personal-data scan by the
    reason chosen and, when ``files`` names the file, the file and the finding's number, never the finding's code."""
    schema = schema_form.with_unit_choices(schema, _units) if schema else schema
    fields = {f.name: f for f in schema_form.build_fields(schema, locale)} if schema else {}
    order = [k for k in fields if k in values] + [k for k in values if k not in fields]
    nodes = schema.get("properties", {}) if schema else {}
    confirms = _confirmation_fields(nodes)
    out = []
    for key in order:
        value = values[key]
        if value in (None, "", [], {}):
            continue
        known = fields.get(key)
        label = known.label if known else str(DETAIL_LABELS.get(key, key.replace("_", " ").capitalize()))
        if known is not None and known.widget == "file" and isinstance(value, list):
            # The data holds the files' ids: named and linked where the reader may open them, else counted.
            out.append((label, files.links(value) if files is not None else _file_count(len(value))))
            continue
        items = nodes.get(key, {}).get("items", {})
        if isinstance(value, list) and items.get("properties") and all(isinstance(v, dict) for v in value):
            confirm = key in confirms
            rows = [_confirmation(items, row, locale, files) if confirm else _row(items, row, locale) for row in value]
            out.append((label, "; ".join(rows)))
            continue
        choices = {
            **(dict(known.options) if known else {}),
            **{k: str(v) for k, v in REQUEST_CHOICES.get(key, {}).items()},
        }
        out.append((label, value_text(value, choices)))
    return out


def _units() -> list:
    """The office's units, deactivated ones too (a value recorded before still names one), once per request."""
    if "fact_units" not in g:
        g.fact_units = users.units(db.session)
    return g.fact_units


def _row(items: dict, row: dict, locale: str) -> str:
    """One row of an array of objects (a redaction: file, original, Article 17 letter) as its labelled values."""
    # "Alasan: Pasal 17 huruf — huruf h: rahasia pribadi": a label with a colon of its own takes a dash instead.
    return ", ".join(f"{label}{' —' if ':' in label else ':'} {text}" for label, text in labelled(items, row, locale))


def _confirmation_fields(nodes: dict) -> set[str]:
    """The fields that confirm the findings of a file field's personal-data scan (engine.task_files)."""
    return {
        node[task_files.FILE]["scan"].get("confirm")
        for node in nodes.values()
        if isinstance(node, dict) and isinstance(node.get(task_files.FILE, {}).get("scan"), dict)
    }


def _confirmation(items: dict, row: dict, locale: str, files: CaseFiles | None) -> str:
    """A finding confirmed to go out: why, and which file and finding it was when the reader may know the file. The
    finding's code (its file's sha256 prefix and number, engine.task_files.finding_ref) says nothing to a person, and
    what was found is not kept (the file's row counts findings, never their values)."""
    reason = ", ".join(text for _label, text in labelled(items, {"alasan": row.get("alasan")}, locale))
    prefix, _dash, number = str(row.get("temuan", "")).rpartition("-")
    name = files().get(prefix) if files is not None and prefix else None
    return _("%(file)s, finding %(num)s: %(reason)s", file=name, num=number, reason=reason) if name else reason


class CaseFiles:
    """The case's files ``user`` may read (engine.task_files.files_of), read once, when a page first names one: linked
    by their ids (a file field's value) and named by the prefix a finding's code starts with (``files()``, for a
    confirmation of the scan: engine.task_files.finding_ref)."""

    def __init__(self, rt: Runtime, user: User, case: Case):
        self._rt, self._user, self.case = rt, user, case

    @cached_property
    def rows(self) -> dict[int, Attachment]:
        return {row.id: row for row in task_files.files_of(db.session, self._rt.forms, self._user, self.case)}

    @cached_property
    def _by_prefix(self) -> dict[str, str]:
        return {row.sha256[:12]: row.file_name for row in self.rows.values()}

    def __call__(self) -> dict[str, str]:
        return self._by_prefix

    def links(self, ids: list) -> Markup | str:
        """A file field's files: each the reader may read by name, a link to download it (the case page's
        ``case_file``); the others counted, never named."""
        readable = [self.rows[i] for i in ids if isinstance(i, int) and not isinstance(i, bool) and i in self.rows]
        if not readable:
            return _file_count(len(ids))
        links = [
            Markup('<a href="{}" download>{}</a>').format(
                url_for("web.case_file", ticket=self.case.ticket, file_id=row.id), row.file_name
            )
            for row in readable
        ]
        if len(ids) > len(readable):
            links.append(Markup.escape(_file_count(len(ids) - len(readable))))
        return Markup(", ").join(links)


def finding_files(rt: Runtime, user: User, case: Case) -> CaseFiles:
    """The case's files ``user`` may read (``CaseFiles``), for ``labelled``."""
    return CaseFiles(rt, user, case)


def _file_count(num: int) -> str:
    return ngettext("%(num)d file", "%(num)d files", num)


def unit_answers(rt: Runtime, user: User, case: Case, locale: str) -> list[dict]:
    """What the units a case was referred to answered (their completed tasks: a request's information, a complaint's
    clarification), oldest first: which unit, who, when, and the fields ``user`` may read (engine.visibility), files
    linked where ``user`` may open them. The case's history, which says it too, is for the case's team only
    (``access.can_read_history``); a unit reads its own unit's answers, never another unit's."""
    readers = access.field_readers(user, case)
    query = select(HumanTask).where(
        HumanTask.case_id == case.id, HumanTask.lane == access.UNIT_LANE, HumanTask.state == "completed"
    )
    if readers is not None:
        query = query.where(HumanTask.unit_id == user.unit_id)
    tasks = {task.id: task for task in db.session.scalars(query)}
    if not tasks:
        return []
    files, out = finding_files(rt, user, case), []
    for (event,) in db.session.execute(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == "task_completed")
        .order_by(CaseEvent.seq)
    ):
        task = tasks.get(event.get("task_id"))
        if task is None:
            continue
        data = visibility.shown(rt.forms, task.form, event.get("data", {}), readers)
        unit = db.session.get(Unit, task.unit_id) if task.unit_id is not None else None
        by = db.session.get(User, task.completed_by_id) if task.completed_by_id is not None else None
        out.append(
            {
                "unit": unit.name if unit is not None else "",
                "by": by.username if by is not None else None,
                "at": task.completed_at,
                "facts": labelled(_form_schema(rt, task.form), data, locale, files),
            }
        )
    return out


def _form_schema(rt: Runtime, form: str | None) -> dict:
    try:
        return rt.forms.schema(form) if form else {}
    except LookupError:
        return {}


def value_text(value, choices: dict) -> str:
    """A recorded value in words: a choice by its label, yes/no, dates as dates, lists and objects spelled out."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(value_text(v, choices) for v in value)
    # A computed check stored with the case, in words, never its codes ("verdict: tepat_waktu; late: No"):
    # an objection's timeliness (engine.chain.timeliness), a dispute's admissibility (chain.admissibility) and
    # the Commission's start and its copy of a decision (chain.commission_start, chain.decision_copy).
    if isinstance(value, dict) and "batas_mulai" in value:  # the Commission's start (chain.commission_start)
        return chain.commission_start_text(value, current_language())
    if isinstance(value, dict) and "batas_salinan" in value:  # its copy of a decision (chain.decision_copy)
        return chain.decision_copy_text(value, current_language())
    if isinstance(value, dict) and value.get("verdict") in chain.TIMELINESS_VERDICTS:
        return chain.timeliness_text(value["verdict"], current_language())
    if isinstance(value, dict) and "jangka_waktu_d14" in value:
        return chain.admissibility_text(value, current_language(), words=True)
    if isinstance(value, dict):
        return "; ".join(value_text(v, {}) for v in value.values() if v not in (None, "", [], {}))
    if isinstance(value, str) and value not in choices and ISO_DATE_OR_INSTANT.fullmatch(value):
        return display.iso_date(value.replace("Z", "+00:00"))
    return choices.get(value, str(value))


def is_reference(key: str) -> bool:
    """Whether a recorded key names a party's row in the vault (``kuasa_party_id``, ``yang_menerima_party_id``): a
    reference, never shown as a fact; the party is shown apart, to those who may read it."""
    return key.endswith("_party_id")
