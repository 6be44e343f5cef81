"""The task page: the form of a task drawn from its JSON Schema, the case's facts, the deadline and
why, and the instructions; posting the form completes the task exactly as the API does.

Load -> authorize -> act (STYLE.md rule 4): ``access.require_task`` answers 404 for a task the
officer may not see; the page then shows, read-only, a task the officer may see but not work, and
``engine.inbox.complete_task`` applies the same rules as ``POST /api/v1/tasks/{id}/complete``
(the task's group, the claim of another officer, the schema).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from api.boundary import commit, noted, runtime
from api.extensions import db
from api.web import case_messages, display, lenient_window, objection_orders, schema_form
from api.web.blueprint import bp
from api.web.case import FEE_ITEMS, awaiting_fee, clock_label, deadline_lapse, shown_amounts, when_passed, with_fees
from api.web.facts import (
    case_facts,
    established_facts,
    finding_files,
    labelled,
    proxy_facts,
    requester_facts,
    unit_answers,
)
from api.web.i18n import current_language, field_errors
from api.web.inbox import lane_members, refusal_message
from api.web.session import officer
from engine import (
    access,
    chain,
    complaint_rules,
    complaints,
    dip_match,
    fees,
    follow_ups,
    inbox,
    inbox_messages,
    instructions,
    kinds,
    other_filings,
    queries,
    regions,
    reported_party,
    requester_messages,
    users,
    visibility,
)
from engine.config import Settings
from engine.errors import Conflict, Invalid
from engine.letters import completeness
from engine.letters.context import task_data
from engine.letters.types import TYPES as LETTER_TYPES
from engine.messages import Message
from engine.models import Case, CaseEvent, HumanTask, Unit, User
from engine.runtime import Runtime
from engine.task_files import FILE


@bp.get("/tugas/<id:task_id>")
@login_required
def task(task_id: int):
    user = officer()
    found = access.require_task(db.session, user, task_id)
    noted(user, found.case, f"task:{found.bpmn_id}")  # a read of a confidential complaint is recorded
    cited = request.args.get("kutip", type=int)  # "cite it in the decision" beside a suggested DIP item
    values = _given(found, runtime().settings)
    if cited:
        values[dip_match.REFERENCE] = str(cited)
    return _page(found, values=values or None)


# A task's fields the filing already answered, offered as typed (the officer confirms or mends them): a complaint's
# incident date and place, and the category the reporter suggested. Task field -> the case's detail.
GIVEN = {
    # Not the subject: the team writes its own summary, never the reporter's words, for the papers a unit reads.
    ("pengaduan", "catat_pengaduan"): {"lokasi_kejadian": "lokasi", "waktu_kejadian": "waktu_kejadian"},
    ("pengaduan", "klasifikasi"): {"kategori": "kategori_usulan"},
}


def _given(task: HumanTask, settings: Settings) -> MultiDict:
    details = task.case.details or {}
    wanted = GIVEN.get((task.case.kind, task.bpmn_id), {})
    values = MultiDict({field: str(details[key]) for field, key in wanted.items() if details.get(key)})
    if (task.case.kind, task.bpmn_id) == ("pengaduan", "catat_pengaduan") and settings.office_province:
        values["provinsi_kejadian"] = settings.office_province  # most complaints are of the office's own province
    if (task.case.kind, task.bpmn_id) == (kinds.OBJECTION, BRIEF_TASK):
        values[BRIEF_FIELD] = _chronology_text(task.case)
    if (task.case.kind, task.bpmn_id) == (kinds.OBJECTION, chain.OBJECTION_DECISION_TASK):
        # The Commission the superior's response names (keberatan_putusan.json): the office's own, as its settings
        # name it (KAWAL_COMMISSION_NAME: legal-process.md §5.1), offered as typed; the superior names another for a
        # case where that one is competent, and the case keeps what it stored (engine.chain.commission).
        values[chain.COMMISSION_FIELD] = settings.commission_name
    return values


# The PPID's brief for the superior (keberatan_kronologi.json) starts from the chain's chronology the page lists
# beside it: days, tickets and stages only, no one's identity. The PPID mends it rather than typing it again.
BRIEF_TASK, BRIEF_FIELD, BRIEF_MAX = "susun_kronologi", "kronologi", 4000


def _chronology_text(case: Case) -> str:
    """The chain's chronology as lines ("2 Des 2026 · PMH-2026-000001: Permohonan informasi diterima"), a stage
    repeated right after itself said once, cut at a whole line within the field's length."""
    lines: list[str] = []
    for row in chain.chronology(db.session, case, current_language(), runtime().forms):
        line = f"{display.office_date(row['at'])} · {row['ticket']}: {row['what']}"
        if not lines or lines[-1].split(" · ", 1)[1] != line.split(" · ", 1)[1]:
            lines.append(line)
    while lines and len("\n".join(lines)) > BRIEF_MAX:
        lines.pop()
    return "\n".join(lines)


@bp.post("/tugas/<id:task_id>")
@login_required
def complete(task_id: int):
    user, rt = officer(), runtime()
    found = access.require_task(db.session, user, task_id)
    schema = rt.task_form(db.session, found)
    data = schema_form.parse(schema, request.form, rt.calendars["strict"].tz)
    uploads = schema_form.uploads(schema, request.files)

    try:
        done = inbox.complete_task(db.session, rt, user, task_id, data, uploads)
        case, stage = done.case, display.stage_label(done.case.status, current_language())
        commit(*done.touched)  # a granted objection may have reopened its request
    except Invalid as error:
        db.session.rollback()
        return _page(found, values=_with_findings(schema, request.form, error), errors=error.fields), 422
    except Conflict as error:
        db.session.rollback()
        flash(refusal_message(error), "error")
        return redirect(url_for("web.task", task_id=task_id))
    flash(_completed(found, case, stage), "success")
    following = _next_for(user, case)
    if following is not None:  # the case's next step is the officer's own: straight to it, not back to the inbox
        title = display.task_title(rt, following, current_language())
        if following.assignee_id == user.id:
            flash(_("Its next task is yours: %(title)s.", title=title), "info")
        else:  # the lane's, unclaimed: it is not taken for them, a colleague of the lane may take it first
            group = display.group_label(following.lane)
            flash(
                _(
                    "Its next task waits in your group's queue (%(group)s): %(title)s. Claim it to work on it.",
                    group=group,
                    title=title,
                ),
                "info",
            )
        return redirect(url_for("web.task", task_id=following.id))
    return redirect(url_for("web.inbox"))


def _completed(task: HumanTask, case: Case, stage: str) -> str:
    """What completing ``task`` did to its case: its stage; a unit's "not our matter" sends a complaint back to the
    complaint team (pengaduan.bpmn ``disposisi_ulang``), which the stage, still "referred to a unit", does not say."""
    if task.bpmn_id == complaint_rules.UNIT_ANSWER and db.session.scalar(
        select(HumanTask.id).where(
            HumanTask.case_id == case.id, HumanTask.state == "open", HumanTask.bpmn_id == complaint_rules.RE_REFERRAL
        )
    ):
        return _(
            "Task completed. Case %(ticket)s goes back to the complaint team, which refers it to another unit or"
            " assesses the clarification itself.",
            ticket=case.ticket,
        )
    return _("Task completed. Case %(ticket)s is now at: %(stage)s.", ticket=case.ticket, stage=stage)


def _next_for(user, case: Case) -> HumanTask | None:
    """The case's first open task the officer may work and nobody else holds, if any."""
    open_tasks = db.session.scalars(
        select(HumanTask).where(HumanTask.case_id == case.id, HumanTask.state == "open").order_by(HumanTask.id)
    )
    return next((t for t in open_tasks if access.can_work_task(user, t) and t.assignee_id in (None, user.id)), None)


def _held_up(rt, task: HumanTask, locale: str) -> list[dict] | None:
    """On an escalation, the case's other open tasks: which step is stuck, with whom or in which queue, since when
    (the superior acts on it, and may assign it from its page); None on any other task."""
    if not task.bpmn_id.startswith("eskalasi"):
        return None
    others = db.session.scalars(
        select(HumanTask)
        .where(HumanTask.case_id == task.case_id, HumanTask.state == "open", HumanTask.id != task.id)
        .order_by(HumanTask.created_at, HumanTask.id)
    )
    return [
        {
            "id": t.id,
            "title": display.task_title(rt, t, locale),
            "holder": t.assignee.display_name if t.assignee is not None else None,
            "group": display.group_label(t.lane),
            "since": t.claimed_at if t.assignee is not None else t.created_at,
            "due_at": t.due_at,
        }
        for t in others
    ]


@bp.post("/tugas/<id:task_id>/tindak-lanjut")
@login_required
def follow_up(task_id: int):
    """The holder's follow-up day and note (``PUT /api/v1/tasks/{id}/follow-up`` on the task page); ``hapus``
    removes it. A wrong day comes back on the page beside its field (422)."""
    user, rt = officer(), runtime()
    found = access.require_task(db.session, user, task_id)
    values = {"on": request.form.get("on", ""), "note": request.form.get("note", "")}
    try:
        if request.form.get("hapus"):
            follow_ups.clear_follow_up(db.session, user, task_id)
            done = _("The follow-up was removed.")
        else:
            follow_ups.set_follow_up(db.session, rt, user, task_id, values)
            done = _("The follow-up was set: whoever holds the task on that day gets a message.")
    except Invalid as error:
        db.session.rollback()
        return _page(found, follow_up_form={"values": values, "errors": field_errors(error.fields)}), 422
    except Conflict as error:
        db.session.rollback()
        flash(refusal_message(error), "error")
        return redirect(url_for("web.task", task_id=task_id))
    commit(found.case)
    flash(done, "success")
    return redirect(url_for("web.task", task_id=task_id) + "#tindak-lanjut")


def _page(
    task: HumanTask, values: MultiDict | None = None, errors: dict | None = None, follow_up_form: dict | None = None
):
    user, rt, locale = officer(), runtime(), current_language()
    detail = queries.task_detail(db.session, rt, task, user, locale)  # only the fields the officer may see
    view = queries.case_view(db.session, rt, user, task.case)  # the identity only where access allows
    closed = _closed(task)
    if closed is not None:  # its time as it stood when it closed, not still counting to today
        detail = {**detail, **_due_when_closed(rt, detail["due_at"], closed["at"])}
    fields, general = [], []
    if task.form:
        schema = schema_form.with_unit_choices(
            rt.task_form(db.session, task),
            lambda: complaint_rules.units_offered(db.session, task, users.units(db.session, active_only=True)),
        )
        schema = schema_form.with_suggestions(schema, lambda kind: regions.suggestions(db.session, kind))
        fields, general = schema_form.form_fields(schema, values, errors, required=_required_by_record(task))
    still_open = lenient_window.still_open(rt, task)  # late on the strict count, in time on the lenient one
    return render_template(
        "task.html",
        task=task,
        title=display.task_title(rt, task, locale),
        process_label=display.process_label(task.process_id, locale),
        stage_label=display.stage_label(task.case.status, locale),
        instructions=instructions.for_task(db.session, rt, task)["en" if locale == "en" else "id"],
        held_up=_held_up(rt, task, locale),
        disposition=_disposition(rt, task, user, locale),
        due_state=display.STRICT_PASSED
        if still_open
        else display.due_state(detail["due_at"], detail["working_days_left"], detail.get("as_of")),
        still_open=still_open,
        row=detail,
        deadlines=_deadlines(rt, task.case, locale),
        # The fee the requester was told and has not paid: since when, never a date to pay by (engine.fees.awaiting).
        awaiting_fee=awaiting_fee(task.case) if task.bpmn_id == fees.PAYMENT_TASK else None,
        case_facts=case_facts(
            rt, task.case, locale, detail["case"]["details"], established_facts(rt, user, task.case, locale)
        ),
        objection_orders=objection_orders.shown(task.case, locale),  # a granted objection's order binding the PPID
        requester=requester_facts(rt, view["requester"], locale),
        other_filings=other_filings.count(db.session, rt, user, task.case, view["requester"]),
        proxy=proxy_facts(rt, task.case, view["proxy"], locale),
        proxy_revoked=bool(view["proxy"] and view["proxy"].get("revoked")),
        proxy_mailed=bool(view["proxy"] and view["proxy"].get("email")),  # sent copies (engine.outbox.PROXY_COPIES)
        reported=reported_party.count(db.session, rt, user, task.case),  # the complaint team's: how many on file
        recorded=_recorded(rt, task, user, locale),
        # What the units answered, on top of the task it comes back to (not on a unit's own task: _unit_answers.html).
        unit_answers=unit_answers(rt, user, task.case, locale) if task.lane != access.UNIT_LANE else [],
        chronology=detail["case"].get("chronology", []),
        fields=fields,
        takes_files=schema_form.has_files(fields),
        has_errors=bool(errors),
        general_errors=general,
        can_work=access.can_work_task(user, task),
        claimed_by_other=task.assignee_id not in (None, user.id),
        can_claim=access.can_work_task(user, task) and task.assignee_id is None,
        can_unclaim=task.assignee_id is not None and (task.assignee_id == user.id or access.can_assign(user, task)),
        members=lane_members(task) if access.can_assign(user, task) else [],
        dip_suggestions=dip_match.for_case(db.session, task.case),
        # A complaint's conversation for its team: the reporter's answers and files beside the task that judges them.
        conversation=case_messages.conversation(user, task.case) if task.case.kind == kinds.COMPLAINT else None,
        # A request's or an objection's messages from its requester no one has answered yet, for their readers.
        open_messages=inbox_messages.open_on(db.session, user, task.case),
        max_reply=requester_messages.MAX_BODY,
        cite_field=any(f.name == dip_match.REFERENCE for f in fields),
        follow_up=queries.follow_up(rt, task.follow_up_at, task.follow_up_note),
        holds_it=task.assignee_id == user.id and task.state == "open",
        follow_up_form=follow_up_form or {"values": {}, "errors": {}},
        tomorrow=rt.today() + timedelta(days=1),
        closed=closed,
    )


def _required_by_record(task: HumanTask) -> set[str]:
    """Fields the case's record requires though the task's form alone does not, marked required on the page: a granted
    request's written notice says what is given, in what form and when (engine.letters.completeness refuses them
    left empty, Pasal 22 ayat 7), a partial grant whether parts are redacted."""
    if (task.case.kind, task.bpmn_id) != (kinds.REQUEST, "pemberitahuan_tertulis"):
        return set()
    return set(completeness.written_notice(task_data(db.session, task.case, "putuskan"), {}))


CLASSIFICATION_FORM = "pengaduan_klasifikasi.json"  # its instructions' titles


def _disposition(rt, task: HumanTask, user, locale: str) -> dict | None:
    """On a unit's clarification task: the disposition addressed to the task's unit (engine.complaints.disposition),
    the instructions in words in the form's order, and its sheet when the reader may open it; for that unit and the
    complaint team, never another unit (access.can_read_disposition). None on any other task."""
    case = task.case
    if case.kind != kinds.COMPLAINT or task.unit_id is None:
        return None
    if not access.can_read_disposition(user, case, task.unit_id):
        return None
    unit = db.session.get(Unit, task.unit_id)
    found = complaints.disposition(db.session, case, unit) if unit is not None else None
    if found is None:
        return None
    items = rt.forms.schema(CLASSIFICATION_FORM)["properties"]["instruksi_disposisi"]["items"]
    titles = items.get("x-enum-titles-en" if locale == "en" else "x-enum-titles", {})
    sheet = found["sheet"]
    readable = sheet is not None and access.can_read_letter(user, case, sheet)
    return {
        "instructions": [titles.get(code, code) for code in items["enum"] if code in found["instructions"]],
        "note": found["note"],
        "again": found["again"],
        "sheet": {"id": sheet.id, "title": LETTER_TYPES[sheet.kind].title(locale), "number": sheet.number}
        if readable
        else None,
    }


def _closed(task: HumanTask) -> dict | None:
    """A task no longer open, opened from a bookmark or the browser's history: who closed it and when, instead of
    an empty form whose buttons answer "the task is no longer open"."""
    if task.state == "open":
        return None
    by = db.session.get(User, task.completed_by_id) if task.completed_by_id is not None else None
    return {"state": task.state, "by": by.display_name if by else None, "at": _closed_at(task)}


def _closed_at(task: HumanTask) -> datetime:
    """When a task no longer open closed: its completion; a task the run cancelled (the case moved on without it, e.g.
    the office's position task after its last day), the event that says so; else the case's last change."""
    if task.completed_at is not None:
        return task.completed_at
    cancelled = db.session.execute(
        select(CaseEvent.at, CaseEvent.data)
        .where(CaseEvent.case_id == task.case_id, CaseEvent.type == "task_cancelled")
        .order_by(CaseEvent.seq)
    )
    return next((at for at, data in cancelled if data.get("task_id") == task.id), task.case.updated_at)


def _due_when_closed(rt: Runtime, due_at: datetime | None, closed_at: datetime) -> dict:
    """A closed task's time as it stood when it closed (``as_of``): the working days it had left then, or was late
    by, never still counting to today."""
    if due_at is None:
        return {}
    cal = rt.calendars["strict"]
    left = cal.working_days_between(closed_at.astimezone(cal.tz).date(), due_at.astimezone(cal.tz).date())
    return {"working_days_left": left, "as_of": closed_at}


def _with_findings(schema: dict, form: MultiDict, error: Invalid) -> MultiDict:
    """The posted form again, with a confirmation row ready for each finding of the scan not yet confirmed
    (its code filled in: the officer picks the reason, or blacks the data out and sends the file again)."""
    values = MultiDict(form)
    confirm = next(
        (
            node[FILE]["scan"]["confirm"]
            for node in schema.get("properties", {}).values()
            if isinstance(node, dict) and isinstance(node.get(FILE, {}).get("scan"), dict)
        ),
        None,
    )
    if confirm is None or error.reason != "files_hold_personal_data":
        return values
    refs = [m.params["ref"] for ms in error.fields.values() for m in ms if isinstance(m, Message) and "ref" in m.params]
    filled = [(k.split("."), v) for k, v in values.items() if k.startswith(f"{confirm}.") and v.strip()]
    taken = {v for parts, v in filled if parts[-1] == "temuan"}
    used = {int(parts[1]) for parts, _v in filled if parts[1].isdigit()}
    row = 0
    for ref in refs:
        if ref in taken:
            continue
        while row in used:
            row += 1
        values[f"{confirm}.{row}.temuan"] = ref
        used.add(row)
    return values


def _deadlines(rt: Runtime, case: Case, locale: str) -> list[dict]:
    """The case's running deadlines with how each was counted (engine.queries.explain)."""
    lapse = deadline_lapse(rt, case)  # by the case's process version: what the lapse leads to (api.web.case)
    return [
        {
            **chain.deadline_view(d),
            "label": clock_label(d.name),  # named in the reader's language, its code a note beside it (case.html)
            "explanation": queries.explain(d.provenance, locale, words=True),
            "when_passed": when_passed(d.name, lapse),
        }
        for d in case.deadlines
        if d.status == "pending"
    ]


def _recorded(rt, task: HumanTask, user, locale: str) -> list[tuple[str, str]]:
    """What earlier tasks of the case recorded, each field labelled by the form that recorded it (forms reuse
    names with other meanings: a complaint's verification ``hasil`` is not an objection's settlement result);
    a later value of the same field replaces an earlier one, as in ``engine.visibility.recorded``."""
    readers, files = access.field_readers(user, task.case), finding_files(rt, user, task.case)
    query = select(HumanTask.id, HumanTask.form).where(HumanTask.case_id == task.case_id)
    forms = dict(db.session.execute(query).all())
    pairs: dict[str, tuple[str, str]] = {}
    for (event,) in db.session.execute(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == task.case_id, CaseEvent.type == "task_completed")
        .order_by(CaseEvent.seq)
    ):
        form = forms.get(event.get("task_id"))
        data = visibility.shown(rt.forms, form, event.get("data", {}), readers)
        data = {k: v for k, v in data.items() if v not in (None, "", [], {})}  # as ``labelled`` leaves them out
        # A notice's itemised fee in words, as the case page writes it, never its rows' codes and rate ids.
        fee_line = dict(with_fees([], data, locale))
        data = shown_amounts(data)
        schema = _schema(rt, form)
        names = [k for k in schema.get("properties", {}) if k in data] + [
            k for k in data if k not in schema.get("properties", {})
        ]
        for name, pair in zip(names, labelled(schema, {k: data[k] for k in names}, locale, files), strict=False):
            pairs.pop(name, None)
            pairs[name] = pair
        for label, line in fee_line.items():
            pairs.pop(FEE_ITEMS, None)
            pairs[FEE_ITEMS] = (label, line)
    return list(pairs.values())


def _schema(rt, form: str | None) -> dict:
    try:
        return rt.forms.schema(form) if form else {}
    except LookupError:
        return {}
