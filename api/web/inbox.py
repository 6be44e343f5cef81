"""The officer's inbox and the task actions it offers: claim, unclaim, assign.

The rows are a page of ``engine.inbox_list`` (the same query, scope, sort, filters, search and keyset paging as ``GET
/api/v1/tasks``); the page adds the words (labels, due state) and the actions the reader may take. The actions are
the API's verbs (engine.inbox), each a small POST form that comes back here; check boxes send several tasks to one
verb at once (all or none: a refusal names each task refused and why, and the page comes back with the others still
ticked, to apply again). Each check box says what may be done to its task and to whom it may go (static/inbox-bulk.js
offers only what applies to every task ticked). Above the tasks, what waits for the reader that is no task: the
requesters' requests to correct their data and their messages no one has answered yet (the desk's, the PPID's and
its superior's: engine.inbox_messages, a mark on their case's tasks too), the identity reveals to decide (a WBS
manager's, engine.reveal_queue).
"""

from __future__ import annotations

from types import SimpleNamespace

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import login_required
from sqlalchemy import select

from api.boundary import commit, runtime
from api.extensions import db
from api.web import display, schema_form
from api.web.blueprint import bp
from api.web.i18n import current_language, refusal_details, translated
from api.web.schema_form import as_sentence, error_line
from api.web.session import officer
from api.web.urls import safe_next
from engine import (
    absence,
    access,
    clock,
    confirmations,
    correction_requests,
    inbox_list,
    inbox_messages,
    leave_returns,
    reveal_queue,
    saved_filters,
    status,
    users,
)
from engine.errors import Conflict, Invalid
from engine.inbox import assign_task, bulk_tasks, claim_next, claim_task, unclaim_task
from engine.messages import Message, msg
from engine.models import DELEGABLE_GROUPS, Group, HumanTask, User
from engine.runtime import Runtime

# Kept in the session for the page the officer comes back to, once: the name of a saved view they tried to save
# over (the page asks whether to replace it), and the tasks, action and colleague of a change to several tasks
# that was refused (the tasks not refused stay ticked, to apply again).
VIEW_CLASH = "inbox_view_clash"
BULK_KEPT = "inbox_bulk_kept"

SCOPES = {"mine": _l("My tasks"), "group": _l("My groups' queue"), "all": _l("Whole unit")}


SORT_LABELS = {
    "due": _l("Most urgent first"),
    "-due": _l("Latest due date first"),
    "received": _l("Oldest received first"),
    "-received": _l("Newest received first"),
    "status": _l("Stage"),
    "-status": _l("Stage, reversed"),
}


@bp.get("/kotak-masuk")
@login_required
def inbox():
    user = officer()
    access.require_staff(user)
    if "auditor" in user.group_codes and not user.group_codes & DELEGABLE_GROUPS:
        # An auditor works no task (no claiming, assigning, saved views): their case search, the same words.
        wanted = {key: request.args[key] for key in ("q", "process") if request.args.get(key)}
        return redirect(url_for("web.audit_cases", **wanted))
    keys = ("scope", "sort", "process", "stage", "due", "follow_up", "unit", "q", "cursor")
    raw = {key: request.args.get(key, "") for key in keys}
    if raw["scope"] and raw["scope"] not in SCOPES:
        abort(404)
    rt = runtime()
    try:
        filters = inbox_list.parse(raw)
        page = inbox_list.page(db.session, rt, user, filters)
    except Invalid as error:
        flash(_filter_refusal(error), "error")
        return redirect(url_for("web.inbox", scope=raw["scope"] or "group"))
    members = _members(page.lanes) if access.is_superior(user) else []
    rows = [_row(rt, item, user, members) for item in page.items]
    kept = session.pop(BULK_KEPT, None) or {}
    unconfirmed = confirmations.awaited_among(db.session, [row["ticket"] for row in rows])
    for row in rows:  # a request from WhatsApp or social media its requester has not confirmed yet
        row["to_confirm"] = row["ticket"] in unconfirmed
    scopes = scopes_of(user)
    chosen = {key: str(value) for key, value in filters.params().items()}
    held = leave_returns.held_under(db.session, [row["id"] for row in rows])
    for row in rows:  # held by a stand-in for the colleague on leave, as the leave's end gives it back
        row["standing_in_for"] = held[row["id"]].display_name if row["id"] in held else None
    unanswered = inbox_messages.cases_waiting(db.session, user, [row["case_id"] for row in rows])
    for row in rows:  # the requester wrote to the desk on its case and no one has answered yet
        row["messages_waiting"] = unanswered.get(row["case_id"], 0)
    messages, more_messages = inbox_messages.waiting(db.session, user)
    others = closed = None
    if filters.q and not filters.cursor:  # the search's other cases, once, under its first page of tasks
        others = _labelled(inbox_list.open_cases(db.session, rt, user, filters, page.found))
        closed = _labelled(inbox_list.closed_cases(db.session, rt, user, filters, page.found))
    return render_template(
        "inbox.html",
        rows=rows,
        others=others,
        closed=closed,
        total=inbox_list.total(db.session, rt, user, filters, page),
        scope=filters.scope,
        scopes=scopes,
        chosen=chosen,
        options=_filter_options(user, chosen.get("process", "")),
        filter_labels=FILTER_LABELS,  # the filters' names, as a refusal names them too (_filter_refusal)
        sorts=SORT_LABELS,
        next_url=url_for("web.inbox", **chosen, cursor=page.next_cursor) if page.next_cursor else None,
        first_url=url_for("web.inbox", **chosen) if filters.cursor else None,
        saved=saved_filters.of_user(db.session, user),
        view_clash=session.pop(VIEW_CLASH, None),
        kept={"ids": set(kept.get("ids", ())), "action": kept.get("action"), "username": kept.get("username")},
        active_filters=sum(1 for key in FILTER_KEYS if chosen.get(key)),  # what the folded filters' line says
        leaves=absence.under_way_for(db.session, user),  # the reader's own leave, or one they stand in for
        bulk_members=members,
        bulk_actions=_bulk_actions(rows),
        front_desk=access.is_request_staff(user),  # records a request that came in person or on paper
        corrections=_corrections_waiting(user),
        requester_messages=messages,  # the requesters' messages no one has answered yet (engine.inbox_messages)
        more_messages=more_messages,
        reveals=reveal_queue.waiting(db.session, user),  # the sealed identities a WBS manager may open or keep shut
        # Only the PPID's desk reads requesters' names (a complaint's reporter never shows): for anyone else the
        # column would hold dashes, and the search hint would promise names it cannot find.
        shows_requesters=access.can_read_identity(user),
    )


def _labelled(cases: inbox_list.Cases) -> inbox_list.Cases:
    """A search's cases with their process and stage in the visitor's words."""
    for item in cases.items:
        item["process_label"] = display.process_label(item["kind"], current_language())
        item["stage_label"] = display.stage_label(item["status"], current_language())
    return cases


# The filters the folded form holds (the search too): its line says how many are set. The order is no filter.
FILTER_KEYS = ("q", "process", "stage", "due", "follow_up", "unit")


BULK_LABELS = {"claim": _l("Claim"), "unclaim": _l("Release"), "assign": _l("Assign")}


def _bulk_actions(rows: list[dict]) -> dict:
    """The actions the check boxes offer: those the reader may take on at least one task of the page (the PPID
    assigns the desk's tasks, not the PPID's own: engine.access.can_assign), the one most of the tasks take first
    (it is the one chosen before anything is ticked)."""
    counts = {action: sum(1 for row in rows if action in row["bulk"]) for action in BULK_LABELS}
    offered = sorted((action for action in BULK_LABELS if counts[action]), key=lambda action: -counts[action])
    return {action: BULK_LABELS[action] for action in offered}


def scopes_of(user: User) -> dict:
    """The inbox's task lists the reader has: the whole unit's for a superior alone."""
    return {key: label for key, label in SCOPES.items() if key != "all" or access.is_superior(user)}


def _corrections_waiting(user: User) -> list[dict]:
    """The requesters' own requests to correct their data that wait for the desk (none for anyone else): they are
    no task of a process, and their 3 x 24 hours run all the same."""
    return correction_requests.listed(db.session, correction_requests.waiting(db.session, user))


def _row(rt: Runtime, item: dict, user: User, members: list[User]) -> dict:
    """One inbox line: the page's task item plus what the page shows and which actions it offers."""
    locale = current_language()
    task = SimpleNamespace(  # what the access rules read of a task
        lane=item["lane"],
        unit_id=item["task_unit_id"],
        due_at=item["due_at"],
        case=SimpleNamespace(overdue=item["case_overdue"]),
    )
    can_work, can_assign = access.can_work_task(user, task), access.can_assign(user, task)
    due_state = display.due_state(item["due_at"], item["working_days_left"])
    can_claim = can_work and item["assignee_id"] is None
    can_unclaim = item["assignee_id"] is not None and (item["assignee_id"] == user.id or can_assign)
    may_have = [m for m in members if _may_work(m, item)] if can_assign else []
    return {
        **item,
        "title": _title(rt, item, locale),
        "process_label": display.process_label(item["process"], locale),
        "stage_label": display.stage_label(item["stage"], locale) if item["stage"] else "—",
        "unit_name": item["unit_name"] or "—",
        # Late as the header counts it (access.is_late): by its own date, or its case's lapsed deadline.
        "due_state": display.OVERDUE if item["case_overdue"] else due_state,
        "late_case": item["case_overdue"] and due_state != display.OVERDUE,
        "can_claim": can_claim,
        "can_unclaim": can_unclaim,
        "members": may_have,
        # What the check box may send it to (its data-actions): the actions of its own buttons.
        "bulk": [a for a, may in (("claim", can_claim), ("unclaim", can_unclaim), ("assign", bool(may_have))) if may],
    }


def _title(rt: Runtime, item: dict, locale: str) -> str:
    """The task's name in the visitor's language: the BPMN name, or its form's English title."""
    if locale == "en" and item["form"]:
        try:
            return rt.forms.schema(item["form"]).get("x-title-en") or item["title"]
        except LookupError:
            return item["title"]
    return item["title"]


def _may_work(member: User, item: dict) -> bool:
    return item["lane"] in member.own_group_codes and item["task_unit_id"] in (None, member.unit_id)


def _members(lanes: set[str]) -> list[User]:
    """Active officers of the page's lanes, once for the whole page (each row then picks its own)."""
    if not lanes:
        return []
    return list(
        db.session.scalars(
            select(User)
            .join(User.groups)
            .where(Group.code.in_(sorted(lanes)), User.active.is_(True))
            .distinct()
            .order_by(User.username)
        )
    )


def lane_members(task: HumanTask) -> list[User]:
    """Who may be given the task: active members of its lane who may work it (its unit, if referred)."""
    candidates = db.session.scalars(
        select(User).join(User.groups).where(Group.code == task.lane, User.active.is_(True)).order_by(User.username)
    )
    return [u for u in candidates if access.can_work_task(u, task)]


def _filter_options(user: User, process: str) -> dict:
    """The choices each filter offers: the processes the officer's cases can be of, the stages of those (of the
    process chosen, when one is), grouped by process in the order a case goes through them, the office's units."""
    locale = current_language()
    shown = access.kinds_visible_to(user)
    return {
        "process": [(p, display.process_label(p, locale)) for p in shown],
        "stage": [
            (display.process_label(p, locale), [(code, display.stage_label(code, locale)) for code in status.STAGES[p]])
            for p in shown
            if process in ("", p)
        ],
        "due": list(display.DUE_STATES.items()),
        "follow_up": list(FOLLOW_UP_LABELS.items()),
        "unit": [(str(u.id), schema_form.unit_label(u)) for u in users.units(db.session)],
    }


@bp.post("/tugas/massal")
@login_required
def bulk():
    """Several tasks at once from the inbox's check boxes: all of them, or none with each task refused named, and
    why; the others come back ticked, with the action and the colleague chosen, to apply again."""
    back = safe_next(request.form.get("next")) or url_for("web.inbox")
    action = request.form.get("action", "")
    username = request.form.get("username") or None
    ids = list(dict.fromkeys(int(i) for i in request.form.getlist("task") if i.isdigit() and 0 < int(i) < 2**31))
    if not ids:
        flash(_("Choose at least one task."), "error")
        return redirect(back)
    if action == "assign" and not username:  # "Tugaskan kepada wajib dipilih.", the ticks kept
        session[BULK_KEPT] = {"ids": ids, "action": action}
        flash(error_line(_("Assign to"), [translated(msg("required"))], widget="select"), "error")
        return redirect(back)
    try:
        tasks, changed = bulk_tasks(db.session, runtime(), officer(), action, ids, username)
    except Invalid as error:
        db.session.rollback()
        refused = {ids[int(key.removeprefix("ids."))] for key in error.fields if key.startswith("ids.")}
        if not refused:  # an action the form does not offer (an old page)
            flash(refusal_message(error), "error")
            return redirect(back)
        kept = [i for i in ids if i not in refused]
        if kept:
            session[BULK_KEPT] = {"ids": kept, "action": action, "username": username}
        flash(_bulk_refusal(error, ids, username, bool(kept)), "error")
        return redirect(back)
    commit(*{t.case for t in tasks})
    if changed:
        flash(_bulk_done(action, changed), "success")
    else:
        flash(_("No task changed: each was already as chosen."), "info")
    return redirect(back)


BULK_NAMED = 10  # tasks named in the confirmation of a change to several


def _bulk_refusal(error: Invalid, ids: list[int], username: str | None, kept: bool) -> str:
    """That nothing changed, then each reason once with the tasks refused for it, by ticket and title ("Tidak ada
    tugas yang diubah. ADU-2026-000002 (Catat pengaduan): sudah diambil oleh Rina. Tugas lain tetap dicentang: ...")."""
    rt, locale = runtime(), current_language()
    by_reason: dict[str, list[str]] = {}
    for key, messages in error.fields.items():
        if not key.startswith("ids."):
            continue
        task_id = ids[int(key.removeprefix("ids."))]
        reason = _task_refusal(messages, username)
        task = db.session.get(HumanTask, task_id) if messages[0].code != "task_not_found" else None
        named = f"{task.case.ticket} ({display.task_title(rt, task, locale)})" if task else _("a task you cannot open")
        by_reason.setdefault(reason, []).append(named)
    parts = [_("No task was changed.")]
    parts += [f"{', '.join(tasks)}: {reason}" for reason, tasks in by_reason.items()]
    if kept:
        parts.append(_("The other tasks stay ticked: apply again to change them."))
    return " ".join(parts)


# The precise messages that say what the colleague is not ("bukan anggota Petugas layanan"): said after their name.
ABOUT_THE_COLLEAGUE = ("not_in_group", "not_in_unit")


def _task_refusal(messages: list[Message], username: str | None) -> str:
    """One task's refusal, said once (the verb's message, or its field's more precise one), ending with a full stop:
    the colleague it was not given to named before a message about them ("Ppid bukan anggota Petugas layanan"); the
    verb's general reason ("pengguna bukan anggota kelompok tugas") and a message that names them already, alone."""
    reason, *precise = messages
    said = "; ".join(translated(m) for m in precise) if precise else translated(reason)
    if precise and precise[0].code in ABOUT_THE_COLLEAGUE and username:
        name = db.session.scalar(select(User.display_name).where(User.username == username)) or username
        said = _("%(name)s is %(reason)s", name=name, reason=said)
    return said if said.endswith((".", "?", "!")) else f"{said}."


def _bulk_done(action: str, changed: list) -> str:
    """What was done, to which tasks (each by its case's ticket and its title; the first ten, then how many more),
    and for whom."""
    rt, locale = runtime(), current_language()
    n = len(changed)
    tasks = ", ".join(f"{t.case.ticket} ({display.task_title(rt, t, locale)})" for t in changed[:BULK_NAMED])
    if n > BULK_NAMED:
        tasks += f", +{n - BULK_NAMED}"
    if action == "claim":
        return ngettext("You took %(num)d task: %(tasks)s.", "You took %(num)d tasks: %(tasks)s.", n, tasks=tasks)
    if action == "unclaim":
        return ngettext(
            "You released %(num)d task to its group: %(tasks)s.",
            "You released %(num)d tasks to their groups: %(tasks)s.",
            n,
            tasks=tasks,
        )
    assignee = changed[0].assignee
    return ngettext(
        "%(num)d task assigned to %(name)s: %(tasks)s.",
        "%(num)d tasks assigned to %(name)s: %(tasks)s.",
        n,
        name=assignee.display_name or assignee.username,
        tasks=tasks,
    )


@bp.post("/kotak-masuk/simpan")
@login_required
def save_view():
    """Keep the list's current choices under a name, shown above the list as a link. A name in use is refused
    unless the officer chose to replace that view (``replace``): the page says so and offers to."""
    user = officer()
    params = {k: v for k, v in request.form.items() if k in ("scope", "sort", *FILTER_KEYS)}
    name, replace = request.form.get("name", ""), bool(request.form.get("replace"))
    replaced = replace and saved_filters.named(db.session, user, name) is not None
    try:
        row = saved_filters.save_filter(db.session, user, name, params, replace=replace)
    except Invalid as error:
        db.session.rollback()
        said = error.fields.get("name", [])
        if any(getattr(m, "code", None) == "saved_filter_exists" for m in said):
            session[VIEW_CLASH] = " ".join(name.split())
            flash(
                _(
                    "There is already a view named “%(name)s”. Choose another name, or replace that view with this "
                    "list's choices.",
                    name=" ".join(name.split()),
                ),
                "error",
            )
        elif any(getattr(m, "code", None) == "saved_filters_full" for m in said):  # no fault of the name
            flash(as_sentence(translated(said[0])), "error")
        elif said:  # "Nama tampilan wajib diisi."
            flash(error_line(_("View name"), [translated(m) for m in said]), "error")
        else:
            flash(refusal_message(error), "error")
        return redirect(url_for("web.inbox", **params))
    db.session.commit()
    said = _("View replaced: %(name)s", name=row.name) if replaced else _("View saved: %(name)s", name=row.name)
    flash(said, "success")
    return redirect(url_for("web.inbox", **row.params))


@bp.post("/kotak-masuk/tampilan/<id:filter_id>/hapus")
@login_required
def delete_view(filter_id: int):
    saved_filters.delete_filter(db.session, officer(), filter_id)
    db.session.commit()
    flash(_("The saved view was removed."), "success")
    return redirect(url_for("web.inbox"))


@bp.post("/kotak-masuk/berikutnya")
@login_required
def take_next():
    """The inbox's "take the next task": the most urgent task of the officer's queue no one has taken, under the
    filters chosen (engine.inbox.claim_next), claimed and opened; back to the inbox when nothing waits."""
    user = officer()
    access.require_staff(user)
    chosen = {key: request.form.get(key, "") for key in ("process", "stage", "due", "follow_up", "unit")}
    try:
        filters = inbox_list.parse(chosen)
    except Invalid as error:
        flash(_filter_refusal(error), "error")
        return redirect(url_for("web.inbox"))
    task = claim_next(db.session, runtime(), user, filters)
    if task is None:
        db.session.rollback()
        flash(_("No task in your queue waits untaken."), "info")
        return redirect(url_for("web.inbox", **{key: value for key, value in chosen.items() if value}))
    commit(task.case)
    flash(_("You took the task: %(ticket)s.", ticket=task.case.ticket), "success")
    return redirect(url_for("web.task", task_id=task.id))


@bp.post("/tugas/<id:task_id>/ambil")
@login_required
def claim(task_id: int):
    return _act(lambda user: claim_task(db.session, user, task_id), _l("You took the task."))


@bp.post("/tugas/<id:task_id>/lepas")
@login_required
def unclaim(task_id: int):
    return _act(lambda user: unclaim_task(db.session, user, task_id), _l("The task is back in the queue."))


@bp.post("/tugas/<id:task_id>/tugaskan")
@login_required
def assign(task_id: int):
    username = request.form.get("username", "")

    def done(task: HumanTask) -> str:
        if task.assignee is not None and task.assignee.username != username:  # the officer chosen is on leave
            away = db.session.scalar(select(User.display_name).where(User.username == username)) or username
            return _(
                "%(name)s is on leave: the task went to their stand-in, %(stand_in)s.",
                name=away,
                stand_in=task.assignee.display_name,
            )
        return _("The task was assigned.")

    return _act(lambda user: assign_task(db.session, runtime(), user, task_id, username), done)


def _act(operation, done_message):
    """Run one task operation, commit, and go back with a message (``done_message``: its words, or a function of
    the task that says them).

    A conflict or a wrong choice is something the officer can fix, so it comes back as a message;
    a task that is not visible (404) or not theirs to act on (403) is an error page.
    """
    back = safe_next(request.form.get("next")) or url_for("web.inbox")
    try:
        task = operation(officer())
    except (Conflict, Invalid) as error:
        db.session.rollback()
        flash(refusal_message(error), "error")
        return redirect(back)
    said = done_message(task) if callable(done_message) else str(done_message)
    commit(task.case)
    flash(said, "success")
    return redirect(back)


FOLLOW_UP_LABELS = {"due": _l("Its day has come"), "set": _l("Has a follow-up")}
FILTER_LABELS = {
    "process": _l("Process"),
    "stage": _l("Stage"),
    "due": _l("Due state"),
    "follow_up": _l("Follow-up"),
    "unit": _l("Unit"),
    "sort": _l("Sort by"),
    "cursor": _l("Page"),
    "limit": _l("Page"),
}


def _filter_refusal(error: Invalid) -> str:
    """A filter the list does not offer (an edited or old link), named as the page names it; the search's own
    limit said, since a person typed it."""
    parts = []
    if "q" in error.fields:
        parts.append(_("Search: %(problem)s.", problem="; ".join(translated(m) for m in error.fields["q"])))
    named = list(dict.fromkeys(str(FILTER_LABELS[k]) for k in error.fields if k in FILTER_LABELS))
    if named:
        parts.append(_("The list is shown without what it does not offer: %(names)s.", names=", ".join(named)))
    return " ".join(parts) or refusal_message(error)


def refusal_message(error: Conflict | Invalid) -> str:
    """A refusal in one line: what was refused, then each reason ("data tidak sah: pengganti harus ...; ...")."""
    details = refusal_details(error)
    return f"{translated(error.message)}: {'; '.join(details)}" if details else translated(error.message)


@bp.app_template_filter("due_words")
def due_words(row: dict) -> str:
    """How much time is left, in words (the badge beside it says the state)."""
    left = row["working_days_left"]
    if left is None:
        return _("no deadline")
    if left < 0:
        return ngettext("%(num)d working day late", "%(num)d working days late", -left)
    if left == 0:
        due = row.get("due_at")
        # Past its instant on the same working day, or since the last working day (a weekend): late, not due today (as
        # of now; a closed task's row says when it closed, ``as_of``).
        late = due is not None and due < (row.get("as_of") or clock.now())
        return _("less than a working day late") if late else _("due today")
    return ngettext("%(num)d working day left", "%(num)d working days left", left)
