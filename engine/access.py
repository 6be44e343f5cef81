"""Every authorization predicate in one place (STYLE.md rule 5).

Views, exports and queries call these; nobody re-implements them. A case the caller may not see is a
404 (its existence is not revealed); a visible case or task the caller may not act on is a 403.
"""

from sqlalchemy import Select, exists, false, or_, select, true
from sqlalchemy.orm import Session, aliased, joinedload

from engine import clock
from engine.errors import Forbidden, NotFound
from engine.ids import in_range
from engine.kinds import ALL as ALL_KINDS
from engine.kinds import COMPLAINT, REQUEST
from engine.letters.types import TYPES as LETTER_TYPES
from engine.messages import group_term
from engine.models import DELEGABLE_GROUPS, Case, HumanTask, Letter, User

# Groups that handle information requests and see every PPID case of their office (never a complaint).
REQUEST_STAFF = frozenset({"petugas_layanan", "ppid", "atasan_ppid"})
# The head of the agency: determines exempt information when the office is configured so
# (KAWAL_EXEMPTION_LANE=pimpinan): sees the PPID cases and what they recorded, not the requester's identity.
HEAD = "pimpinan"
PPID_READERS = REQUEST_STAFF | {"admin", HEAD}
# A unit asked to answer (a request's information, a complaint's clarification): sees only what is referred to it.
UNIT_LANE = "unit_pengolah"
# The complaint team and the WBS managers: the complaints of their unit (legal-process.md §7.3).
COMPLAINT_TEAM = frozenset({"tim_pengaduan", "pengelola_wbs"})
# The complaint documents a unit sees (engine.documents): what was referred to it, the clarification
# request, never the team's internal papers. The complaint team and the auditors read every one.
UNIT_DOCUMENTS = frozenset({"surat_permintaan_klarifikasi"})
# A complaint's letters that name the reported persons (engine.reported_party): the complaint team's alone to read,
# never a unit's, an auditor's or the reporter's.
TEAM_ONLY_LETTERS = frozenset({"lampiran_terlapor"})
# The disposition sheet goes from the head to the unit it disposes to (legal-process.md §10b): that unit reads it
# (``Letter.unit_id``, ``can_read_disposition``); a sheet addressed to no unit (to the Inspectorate General) is the
# team's.
DISPOSITION_SHEET = "lembar_disposisi"
# Who may read a requester's identity from the vault (PPID cases; a complaint's reporter: engine.complaints).
IDENTITY_READERS = REQUEST_STAFF
# The superior of each lane: may assign its tasks and see its whole queue.
SUPERIOR_OF = {
    "petugas_layanan": "ppid",
    "unit_pengolah": "ppid",
    "ppid": "atasan_ppid",
    "atasan_ppid": "atasan_ppid",
    "pimpinan": "pimpinan",
    "tim_pengaduan": "pengelola_wbs",
    "pengelola_wbs": "pengelola_wbs",
}


# Who designates a stand-in (a Plh.) from outside a lane for a leave, granting it the lane for the leave alone
# (engine.absence): the lane's superior; for the Atasan PPID, their own lane's superior, also the head of the public
# body, above them (legal-process.md §1: the Kakanwil), or the lane's only officer could never be stood in for.
GRANTED_BY = {lane: frozenset({boss}) for lane, boss in SUPERIOR_OF.items()} | {
    "atasan_ppid": frozenset({"atasan_ppid", HEAD}),
}
# The lanes an administrator records a grant of when nobody else in the office may grant it (engine.absence
# .ungranted_lanes): the Atasan PPID's, whose stand-in the ministry names outside Kawal; never a complaint-team lane.
ADMIN_RECORDS = frozenset({"atasan_ppid"})


def _groups(user: User | None) -> frozenset[str]:
    return user.group_codes if user is not None else frozenset()


def is_superior(user: User) -> bool:
    return bool(_groups(user) & set(SUPERIOR_OF.values()))


def supervised_lanes(user: User) -> frozenset[str]:
    """The user's own lanes and every lane below them (the Atasan PPID oversees the whole office)."""
    lanes = set(_groups(user))
    while True:
        below = {lane for lane, boss in SUPERIOR_OF.items() if boss in lanes} - lanes
        if not below:
            return frozenset(lanes)
        lanes |= below


def kinds_visible_to(user: User) -> tuple[str, ...]:
    """The processes whose cases ``cases_visible_to`` may show the user (a unit: the requests and complaints that
    can be referred to it), in ``kinds.ALL``'s order: what the inbox's filters offer."""
    groups = _groups(user)
    if "auditor" in groups:
        return ALL_KINDS
    shown = set()
    if groups & PPID_READERS:
        shown |= {k for k in ALL_KINDS if k != COMPLAINT}
    if groups & COMPLAINT_TEAM:
        shown.add(COMPLAINT)
    if "unit_pengolah" in groups:
        shown |= {REQUEST, COMPLAINT}
    return tuple(k for k in ALL_KINDS if k in shown)


def cases_visible_to(user: User, query: Select | None = None) -> Select:
    """Scope any case query to what the user may see.

    PPID cases: the request staff and the admin. Complaints: the complaint team of the case's unit,
    never the PPID desk or the admin. A unit sees a case only through a task referred to it (its
    lane, and its unit when the task names one). Auditors read every history (identities are never
    in it).
    """
    query = query if query is not None else select(Case)
    rule = _case_rule(user)
    return query if rule is None else query.where(rule)


def figures_visible_to(user: User, query: Select) -> Select:
    """Scope a query the dashboard counts over (engine.dashboard): the cases ``cases_visible_to`` shows, and for the
    head of the agency the complaints of its unit too, which it reads in figures (``COMPLAINT_FIGURE_READERS``) but
    never opens or sees listed."""
    rule = _case_rule(user)
    if rule is None:
        return query
    if HEAD in _groups(user):
        rule = or_(rule, (Case.kind == COMPLAINT) & (Case.unit_id == user.unit_id))
    return query.where(rule)


def _case_rule(user: User):
    """The rule of ``cases_visible_to`` as a clause; None for a reader of every case."""
    groups = _groups(user)
    if "auditor" in groups:
        return None
    seen = []
    if groups & PPID_READERS:
        seen.append(Case.kind != COMPLAINT)
    if groups & COMPLAINT_TEAM:
        seen.append((Case.kind == COMPLAINT) & (Case.unit_id == user.unit_id))
    if "unit_pengolah" in groups:
        lane_task = aliased(HumanTask)  # the outer query may select HumanTask itself (the inbox)
        seen.append(
            exists()
            .where(
                lane_task.case_id == Case.id,
                lane_task.lane.in_(groups),
                or_(lane_task.unit_id.is_(None), lane_task.unit_id == user.unit_id),
            )
            .correlate(Case)
        )
    return or_(*seen) if seen else false()


def open_tasks_rule(user: User):
    """The rule of ``cases_visible_to`` over a task's own copies of its case's facts (``HumanTask.process_id``,
    ``HumanTask.case_unit_id``), for readers whose rule needs nothing more of the case (the PPID desk, the
    complaint team, admins, auditors): counting their queue then needs no join to the cases. ``None`` for a
    unit officer, whose rule reads the case's other tasks."""
    groups = _groups(user)
    if "auditor" in groups:
        return true()
    if "unit_pengolah" in groups:
        return None
    seen = []
    if groups & PPID_READERS:
        seen.append(HumanTask.process_id != COMPLAINT)
    if groups & COMPLAINT_TEAM:
        seen.append((HumanTask.process_id == COMPLAINT) & (HumanTask.case_unit_id == user.unit_id))
    return or_(*seen) if seen else false()


def can_view_case(session: Session, user: User, case: Case) -> bool:
    groups = _groups(user)
    if "auditor" in groups or (groups & PPID_READERS and case.kind != COMPLAINT):
        return True  # the rule of cases_visible_to, without a round trip
    return session.scalar(cases_visible_to(user, select(Case.id)).where(Case.id == case.id)) is not None


def require_case(session: Session, user: User, ticket: str) -> Case:
    case = session.scalar(cases_visible_to(user).where(Case.ticket == ticket.strip().upper()))
    if case is None:
        raise NotFound("case_not_found")
    return case


def require_staff_case(session: Session, user: User, ticket: str) -> Case:
    """A case an officer reads: 403 for a non-officer, 404 for a case the officer may not see."""
    require_staff(user)
    return require_case(session, user, ticket)


_WITH_CASE = joinedload(HumanTask.case)  # loader options are immutable: built once
_WITH_INSTANCE = joinedload(HumanTask.case).joinedload(Case.workflow_state)


def require_task(session: Session, user: User, task_id: int, *, with_instance: bool = False) -> HumanTask:
    """The task and its case (404 unless the user may see the case); ``with_instance``: the case's workflow
    state in the same query, for a verb that runs the case (engine.run)."""
    if not in_range(task_id):  # beyond the column's range there is no such task
        raise NotFound("task_not_found")
    task = session.get(HumanTask, task_id, options=[_WITH_INSTANCE if with_instance else _WITH_CASE])
    if task is None or not can_view_case(session, user, task.case):
        raise NotFound("task_not_found")
    return task


def can_work_task(user: User, task: HumanTask) -> bool:
    return task.lane in _groups(user) and (task.unit_id is None or task.unit_id == user.unit_id)


def can_work_task_in_some_unit(user: User, task: HumanTask) -> bool:
    """In the task's group, whatever the unit the task was referred to."""
    return task.lane in _groups(user)


def require_work(user: User, task: HumanTask) -> None:
    if not can_work_task(user, task):
        raise Forbidden("task_for_group", group=group_term(task.lane))


def can_assign(user: User, task: HumanTask) -> bool:
    """The lane's superior assigns its tasks; a superior above it (the Atasan PPID over the front desk) too,
    once the task or its case is late: the escalation reaches them, so must the means to act on it."""
    if SUPERIOR_OF.get(task.lane) in _groups(user):
        return True
    return is_superior(user) and task.lane in supervised_lanes(user) and is_late(task)


def is_late(task: HumanTask) -> bool:
    """The task's own due date has passed, or its case is flagged overdue (an agency deadline lapsed)."""
    return (task.due_at is not None and task.due_at < clock.now()) or bool(task.case.overdue)


def require_assign(user: User, task: HumanTask) -> None:
    if not can_assign(user, task):
        raise Forbidden("superiors_assign")


def grant_refusal(
    actor: User, officer: User, stand_in: User, lanes: list[str], ungranted: frozenset[str] = frozenset()
) -> tuple[str, list[str]] | None:
    """Why ``actor``, recording ``officer``'s leave, may not grant ``stand_in`` the officer's ``lanes`` for it (the
    refusal's code and the lanes it names); None when they may (or nothing is granted). Holding a lane is reading
    what it reads (a complaint's reporter, a requester's identity), so: the stand-in must be an officer who works in
    a lane of their own (never an auditor's or an admin's account alone); nobody grants lanes to themselves; and
    each lane is granted only by its superior (``GRANTED_BY``, by their own groups, never ones they hold as a
    stand-in): the superior of one of the officer's lanes grants none of the others, and an administrator as such
    grants none, the complaint team's least of all, but a lane nobody else in the office may grant (``ungranted``,
    engine.absence.ungranted_lanes: its superiors' only officer is the one going on leave, or there is none) among
    ``ADMIN_RECORDS`` (the Atasan PPID's): the designation is then made outside Kawal (the ministry names the
    Kakanwil's Plh.), and the administrator records it."""
    if not lanes:
        return None
    if not stand_in.own_group_codes & DELEGABLE_GROUPS:
        return "substitute_no_work_lane", lanes
    if actor.id == stand_in.id:
        return "grant_to_self", lanes
    own = actor.own_group_codes
    beyond = [lane for lane in lanes if not GRANTED_BY.get(lane, frozenset()) & own]
    if "admin" in own:
        beyond = [lane for lane in beyond if lane not in ungranted & ADMIN_RECORDS]
    return ("grant_not_superior", beyond) if beyond else None


def can_grant_lanes(
    actor: User, officer: User, stand_in: User, lanes: list[str], ungranted: frozenset[str] = frozenset()
) -> bool:
    return grant_refusal(actor, officer, stand_in, lanes, ungranted) is None


def can_read_identity(user: User, case: Case | None = None) -> bool:
    """A PPID requester's identity; a complaint's reporter is never shown with the case (engine.complaints)."""
    if case is not None and case.kind == COMPLAINT:
        return False
    return bool(_groups(user) & IDENTITY_READERS)


def is_complaint_team(user: User) -> bool:
    return bool(_groups(user) & COMPLAINT_TEAM)


def can_read_document(user: User, name: str) -> bool:
    """A complaint's document by name: all of them for the complaint team and the auditors, a unit's for a unit."""
    if is_complaint_team(user) or "auditor" in _groups(user):
        return True
    return name in UNIT_DOCUMENTS


def referred_unit_id(session: Session, case: Case) -> int | None:
    """The unit a complaint is referred to now: its last task's that belongs to a unit (engine.sync)."""
    query = select(HumanTask.unit_id).where(HumanTask.case_id == case.id, HumanTask.unit_id.is_not(None))
    return session.scalar(query.order_by(HumanTask.id.desc()).limit(1))


def can_read_case_document(session: Session, user: User, case: Case, name: str) -> bool:
    """A complaint's document, as ``can_read_document``; a unit's only while the complaint is referred to it: the
    document names the unit it is referred to now, so a unit it was referred to before reads the letter of record
    it was sent (``can_read_letter``), not the request the next unit was sent."""
    if not can_read_document(user, name):
        return False
    return is_complaint_team(user) or "auditor" in _groups(user) or referred_unit_id(session, case) == user.unit_id


def can_read_disposition(user: User, case: Case, unit_id: int | None) -> bool:
    """A complaint's disposition to the unit ``unit_id`` (its instructions and note, engine.complaints.disposition;
    its sheet): the complaint team and the auditors, and that unit's officers; never another unit, one the
    complaint went to before or after it."""
    if case.kind != COMPLAINT:
        return False
    if is_complaint_team(user) or "auditor" in _groups(user):
        return True
    return UNIT_LANE in _groups(user) and unit_id is not None and unit_id == user.unit_id


def require_read_document(session: Session, user: User, case: Case, name: str) -> None:
    if not can_read_case_document(session, user, case, name):
        raise Forbidden("document_not_for_unit")


REQUESTER = "pemohon"
"""The requester or reporter as a reader of recorded fields (the portal): a pseudo-group for ``x-visible-to``."""


def case_team(case: Case) -> frozenset[str]:
    """The groups that read every recorded field of a case: the desk that runs its process, and the auditors.

    PPID cases: the request staff (and the admin, who sees them); complaints: the complaint team.
    """
    if case.kind == COMPLAINT:
        return COMPLAINT_TEAM | {"auditor"}
    return PPID_READERS | {"auditor"}


def field_readers(user: User, case: Case) -> frozenset[str] | None:
    """Whose ``x-visible-to`` marks let ``user`` read a recorded field of ``case`` (engine.visibility).

    ``None``: the case's team reads every field. Anyone else (a unit referred the case) reads only the
    fields a form marks visible to one of their groups: a field no one marked stays with the team.
    """
    groups = _groups(user)
    return None if groups & case_team(case) else groups


def can_read_history(user: User, case: Case) -> bool:
    """A case's event history holds every recorded field: the case's team and the auditors only."""
    return field_readers(user, case) is None


def require_read_history(user: User, case: Case) -> None:
    if not can_read_history(user, case):
        raise Forbidden("history_restricted")


def can_read_notes(user: User, case: Case, session: Session | None = None) -> bool:
    """A case's internal notes (engine.notes): its team only (``case_team``), never a unit it was referred to.
    Notes are free text (a call with the requester, by name and NIK; on a complaint, about the unit complained
    of), and a unit reads only the fields the forms mark for it. ``session``: check the case's visibility too,
    for a user other than the one who loaded it (a mentioned colleague)."""
    if field_readers(user, case) is not None:
        return False
    if session is not None:
        return can_view_case(session, user, case) and bool(_groups(user) & STAFF_GROUPS)
    return bool(_groups(user) & STAFF_GROUPS)


def require_read_notes(user: User, case: Case) -> None:
    if not can_read_notes(user, case):
        raise Forbidden("not_allowed")


def can_write_notes(user: User, case: Case) -> bool:
    """Adding a note: a reader of the notes who works the case. An auditor only reads: a note is an event of
    the history the auditor examines, and who audits a record does not write into it."""
    return can_read_notes(user, case) and bool(_groups(user) & (STAFF_GROUPS - {"auditor"}))


def require_write_notes(user: User, case: Case) -> None:
    if not can_write_notes(user, case):
        raise Forbidden("auditors_read_only")


def require_complaint_team(user: User) -> None:
    if not is_complaint_team(user):
        raise Forbidden("complaint_team_only")


def require_wbs_manager(user: User) -> None:
    if "pengelola_wbs" not in _groups(user):
        raise Forbidden("wbs_managers_only")


class SecondFactorNeeded(Forbidden):
    code = "second_factor_required"


def require_second_factor(passed: bool) -> None:
    """The caller's login passed the TOTP second factor (engine.totp); needed to approve an identity reveal."""
    if not passed:
        raise SecondFactorNeeded("second_factor_for_reveal")


def require_auditor(user: User) -> None:
    if "auditor" not in _groups(user):
        raise Forbidden("auditors_only")


def require_admin(user: User) -> None:
    """Only administrators change the office's settings (e.g. the holiday override table)."""
    if "admin" not in _groups(user):
        raise Forbidden("admins_only")


def require_bundle_reader(user: User) -> None:
    """The evidence bundle for the Komisi Informasi: the PPID's officers and the auditors."""
    if not _groups(user) & (REQUEST_STAFF | {"auditor"}):
        raise Forbidden("ppid_and_auditors_only")


STAFF_GROUPS = PPID_READERS | COMPLAINT_TEAM | {"unit_pengolah", "auditor"}


def can_read_letter(user: User, case: Case, letter: Letter) -> bool:
    """A letter of record (engine.letters). A PPID case's letter to the requester prints their name, address and
    contact, and a dispute's letter names them as the Pemohon, so these are for those who read the identity
    (``can_read_identity``); its other letters for its staff. A
    complaint's letter as its document of the same name (``can_read_document``): a unit reads the clarification
    request it was sent (``Letter.unit_id``), not the one a unit the complaint went on to was sent; none of those
    prints the reporter. The disposition sheet is read by the unit it is addressed to only (``DISPOSITION_SHEET``).
    The annex naming the reported persons is the complaint team's alone (``TEAM_ONLY_LETTERS``)."""
    if case.kind == COMPLAINT:
        if letter.kind in TEAM_ONLY_LETTERS:
            return is_complaint_team(user)
        if letter.kind == DISPOSITION_SHEET:
            return can_read_disposition(user, case, letter.unit_id)
        if not can_read_document(user, letter.kind):
            return False
        team = is_complaint_team(user) or "auditor" in _groups(user)
        return team or letter.unit_id is None or letter.unit_id == user.unit_id
    kind = LETTER_TYPES.get(letter.kind)
    return kind is None or not kind.identifies_requester or can_read_identity(user, case)


def require_read_letter(user: User, case: Case, letter: Letter) -> None:
    if not can_read_letter(user, case, letter):
        raise NotFound("letter_not_found")


def require_letter_writer(user: User, case: Case | None = None) -> None:
    """Who corrects a letter or uploads its signed scan: the staff who issue the PPID's letters; for a
    complaint's letters, the complaint team."""
    writers = COMPLAINT_TEAM if case is not None and case.kind == COMPLAINT else REQUEST_STAFF | {HEAD}
    if not _groups(user) & writers:
        raise Forbidden("not_allowed")


def require_staff(user: User) -> None:
    if not _groups(user) & STAFF_GROUPS:
        raise Forbidden("not_allowed")


def is_request_staff(user: User) -> bool:
    """The PPID desk, who record what reaches it on paper: a request brought in person, a Commission summons, the
    post's receipt of a letter to the requester."""
    return bool(_groups(user) & REQUEST_STAFF)


def require_front_desk(user: User) -> None:
    if not _groups(user) & REQUEST_STAFF:
        raise Forbidden("officers_record_offline")


# -- The public information list (engine.dip) --------------------------------------------------------------
# The PPID keeps the whole list: classifying information (exempt or public), recording the determinations, publishing
# and withdrawing items, the import (which publishes every row, category and all) and the service pages (the service
# charter is one of the PPID's standards): UU 14/2008 Pasal 13, PP 61/2010 Pasal 14, Perki 1/2021 Pasal 23 and 47-48.
# A unit's officers prepare the items their unit holds. The admin, a technical role, reads the list and keeps the
# office's settings (units, accounts, calendar, fee rates), not what the PPID decides.
DIP_KEEPERS = frozenset({"ppid"})
# Officers who read the list as staff (drafts, versions, the repeated requests), besides the keepers.
DIP_READERS = REQUEST_STAFF | {"unit_pengolah", "admin", "auditor"}
# Who reads what the office's requests ask for across cases (the repeated requests): the request staff, and the admin,
# who reads the PPID's cases (``PPID_READERS``).
REQUEST_INSIGHT_READERS = REQUEST_STAFF | {"admin"}


def can_edit_dip_item(user: User, unit_id: int | None, category: str | None = None) -> bool:
    """The keepers any item; a unit's officers their unit's items, but not one listed as exempt: classifying
    information as exempt is the PPID's (PP 61/2010 Pasal 14), on the register's determination (engine.dip)."""
    groups = _groups(user)
    if groups & DIP_KEEPERS:
        return True
    own = "unit_pengolah" in groups and unit_id is not None and unit_id == user.unit_id
    return own and category != "dikecualikan"


def require_dip_editor(user: User, unit_id: int | None, category: str | None = None) -> None:
    if not can_edit_dip_item(user, unit_id, category):
        raise Forbidden("dip_editors_only")


def is_dip_keeper(user: User) -> bool:
    return bool(_groups(user) & DIP_KEEPERS)


def require_dip_keeper(user: User) -> None:
    """Importing the whole list, recording an exemption determination, the office's service pages: the PPID."""
    if not is_dip_keeper(user):
        raise Forbidden("dip_kept_by_ppid")


def can_read_dip(user: User | None) -> bool:
    return bool(_groups(user) & DIP_READERS)


def require_dip_reader(user: User) -> None:
    if not can_read_dip(user):
        raise Forbidden("not_allowed")


def require_request_insight(user: User) -> None:
    """What the office's requests ask for, across cases (repeated requests): the request staff and the admin."""
    if not _groups(user) & REQUEST_INSIGHT_READERS:
        raise Forbidden("ppid_officers_only")


# -- registers, reports and the dashboard (engine.registers, engine.reports, engine.dashboard) --------------

# Who reads the PPID's registers and reports: the request staff and the auditors (identities: see
# can_read_identity). The complaint register and statistics: the complaint team and the auditors.
REPORT_READERS = REQUEST_STAFF | {"auditor"}
COMPLAINT_REPORT_READERS = COMPLAINT_TEAM | {"auditor"}
# Who reads the complaints in figures (the statistics, with small counts withheld, and the dashboard's counts): the
# register's readers and the head of the agency, to whom the results are reported (legal-process.md §7.2 stage 7;
# Perpres 76/2013: periodic reporting). The head reads no complaint's row: as of the PPID, figures and not registers,
# and the complaint files stay with the complaint team (KMA 765/2018: the reported's confidentiality).
COMPLAINT_FIGURE_READERS = COMPLAINT_REPORT_READERS | {HEAD}
# Who writes the report's narrative sections (facilities, staff, budget, obstacles, recommendations).
NARRATIVE_WRITERS = frozenset({"ppid", "atasan_ppid"})


def can_read_register(user: User, kind: str) -> bool:
    readers = COMPLAINT_REPORT_READERS if kind == COMPLAINT else REPORT_READERS
    return bool(_groups(user) & readers)


def require_register(user: User, kind: str) -> None:
    if not can_read_register(user, kind):
        raise Forbidden("register_not_for_group")


def require_report_reader(user: User) -> None:
    """The Laporan Layanan Informasi Publik and the PPID's registers."""
    if not _groups(user) & REPORT_READERS:
        raise Forbidden("reports_for_ppid_and_auditors")


def can_read_complaint_statistics(user: User) -> bool:
    return bool(_groups(user) & COMPLAINT_FIGURE_READERS)


def require_complaint_statistics(user: User) -> None:
    if not can_read_complaint_statistics(user):
        raise Forbidden("complaint_statistics_restricted")


def require_narrative_writer(user: User) -> None:
    if not _groups(user) & NARRATIVE_WRITERS:
        raise Forbidden("narrative_writers_only")


# Who reads the dashboard of the PPID's processes: the report readers, and the head of the agency, who answers
# for the PPID and sees its cases (never an identity: the dashboard holds figures and tickets only).
DASHBOARD_READERS = REPORT_READERS | {HEAD}


def dashboard_kinds(user: User) -> tuple[str, ...]:
    """The processes a user's dashboard shows: the PPID's to its staff and the head, complaints to the
    complaint team and, in figures only (``figures_visible_to``), the head."""
    shown = []
    if _groups(user) & DASHBOARD_READERS:
        shown += [k for k in ALL_KINDS if k != COMPLAINT]
    if _groups(user) & COMPLAINT_FIGURE_READERS:
        shown.append(COMPLAINT)
    return tuple(shown)


def counted_only(user: User) -> frozenset[str]:
    """The processes ``user`` reads in figures without opening their cases (``figures_visible_to``): the complaints,
    for the head of the agency."""
    groups = _groups(user)
    if HEAD in groups and not groups & COMPLAINT_REPORT_READERS:
        return frozenset({COMPLAINT})
    return frozenset()


def require_dashboard(user: User) -> tuple[str, ...]:
    shown = dashboard_kinds(user)
    if not shown:
        raise Forbidden("dashboard_restricted")
    return shown
