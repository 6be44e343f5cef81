"""One chain: a request, the objections to it and the disputes that follow (legal-process.md §4–§6, §10).

Cases link by ``parent_id`` (objection -> request, dispute -> objection or request). The requester's
filing windows are not the agency's deadlines, so they are not timers in a model: they are computed
here, on the lenient calendar (§2.2), from what the chain recorded: the written notice or the lapse
of T10/T17 opens the 30-working-day objection window (Pasal 36(1)); the superior's response or the
lapse of A30 opens the 14-working-day dispute window (Pasal 37(2)).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import citations, clock, lateness, notice_delivery, status
from engine.calendar import iso_day
from engine.catalogs import N_, catalog
from engine.explanation import day_in_words
from engine.kinds import DISPUTE, OBJECTION, REQUEST
from engine.models import Case, CaseEvent, Deadline
from engine.runtime import Runtime

# The chain's words are English message ids the catalogs translate (engine.catalogs; portal.po, case.po).
KIND_LABELS = {
    REQUEST: N_("Public information request"),
    OBJECTION: N_("Objection"),
    DISPUTE: N_("Public information dispute"),
}


def kind_label(kind: str, locale: str = "id") -> str:
    """A process's name in ``locale``; an unknown one as it is."""
    return catalog(locale).gettext(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


# UU 14/2008 Pasal 35(1) a-g; b-g may be settled by agreement (Pasal 35(2)) and mediated (Pasal 40).
GROUNDS = ("a", "b", "c", "d", "e", "f", "g")
AMICABLE_GROUNDS = frozenset("bcdefg")
# Grounds whose objection window opens when T10/T17 lapses rather than with the notice (§4.2).
LAPSE_GROUNDS = frozenset("cg")
# Ground g (information given later than the law allows) is also found when the information was not handed over by
# its own deadline (SERAH) after a notice that came in time: its window then runs from that lapse (Pasal 36(1): 30
# working days "after the ground is found"), as the requester's status page promises.
LATE_DELIVERY_GROUND = "g"
# Grounds about the information itself (not what was asked for; not given): their window runs from the day the
# information reached the requester when that is after the notice (legal-process.md §4.2: "the written notice
# or information was received"; the window is the requester's, so the later start counts).
INFORMATION_GROUNDS = frozenset("de")
OBJECTION_DAYS, DISPUTE_DAYS = 30, 14
OBJECTION_BASIS = "UU 14/2008 Pasal 36(1)"
# The stages that tell the requester the superior's answer: each opens the dispute window (Pasal 37(2)).
RESPONSE_STATUSES = frozenset({"tanggapan_dikirim", "diselesaikan_musyawarah"})
HOW_TO_OBJECT = N_(
    "File a written objection with the PPID's superior through the information desk, or online with your request's"
    " ticket and access code (POST /api/v1/objections)."
)
# How to bring the dispute before the Commission (legal-process.md §5.2 rows 1, 1b, 1c): within 14 working days (UU
# 14/2008 Pasal 37(2); Perki 1/2013 Pasal 13), free (Pasal 12), with the documents of Pasal 10-11; to the Commission
# the superior's response named (``commission``), its address and website when it is the office's own (§5.1:
# KAWAL_COMMISSION_NAME, _ADDRESS, _WEBSITE).
DISPUTE_LAW = "Perki 1/2013 Pasal 10-13"
HOW_TO_DISPUTE = N_(
    "Apply in writing to the Information Commission competent for this office, %(commission)s, to resolve the"
    " dispute, by %(date)s at the latest (%(days)d working days). It is free of charge. Attach copies of: your request"
    " and its receipt; the PPID's answer, if any; your objection and its receipt; the answer of the PPID's superior,"
    " if any; and your identity document (ID card or passport; for a legal entity, its approved articles of"
    " association; for a group, its power of attorney) (%(law)s)."
)
HOW_TO_DISPUTE_LATE = N_(
    "The %(days)d working days to apply to the Information Commission ended on %(date)s; the Commission itself"
    " decides whether a later application is heard. Apply in writing to the Information Commission competent for"
    " this office, %(commission)s; it is free of charge. Attach copies of: your request and its receipt; the PPID's"
    " answer, if any; your objection and its receipt; the answer of the PPID's superior, if any; and your identity"
    " document (ID card or passport; for a legal entity, its approved articles of association; for a group, its power"
    " of attorney) (%(law)s)."
)
COMMISSION_ADDRESS = N_("The Commission's address: %(address)s.")
COMMISSION_WEBSITE = N_("The Commission's website: %(website)s.")
# The superior's decision on an objection (keberatan_putusan.json), and its field naming the Commission the response
# sends the requester to: the office's setting, prefilled (api.web.task), or another the superior named for the case.
OBJECTION_DECISION_TASK, COMMISSION_FIELD = "putuskan_keberatan", "komisi_informasi"
# How the requester goes on from a decision they do not accept (``applicant_window``), by the window's name; going
# to court, by the court the office's setting names (KAWAL_COURT_OF_CHALLENGE; UU 14/2008 Pasal 47).
COURT_LAW = "UU 14/2008 Pasal 47-48"
HOW_TO_GO_TO_COURT = {
    "ptun": N_(
        "File a written objection with the competent court: the administrative court (PTUN), as this office is a state"
        " public body (%(law)s)."
    ),
    "pn": N_(
        "File a written objection with the competent court: the district court (Pengadilan Negeri), as this office is"
        " a public body that is not a state body (%(law)s)."
    ),
}
CASSATION_LAW = "UU 14/2008 Pasal 50"
HOW_TO_GO_ON = {
    "K14P": N_(
        "File for cassation with the Supreme Court through the registry of the court that gave the judgment (%(law)s)."
    ),
}


# When a requester's window ends on a later day on the latest reading than on the earliest (``Window.accepted_until``):
# the requester is told the earliest end as the date to file by (the Commission and the courts judge timeliness
# themselves) and, in one sentence, that a filing up to the latest end is in time and why (legal-process.md §2.2), by
# who judges the filing: the office an objection, the Commission a dispute, a court a challenge or a cassation.
LATER_FILING = {
    "office": N_(
        "The office still accepts an objection filed up to %(date)s as in time: counted the way most favourable to you"
        " (collective leave days (cuti bersama) not counted as working days, and a letter received after office hours"
        " counted from the next working day), your time ends then."
    ),
    "commission": N_(
        "Counted the way most favourable to you (collective leave days (cuti bersama) not counted as working days, and"
        " a letter received after office hours counted from the next working day), your time ends on %(date)s, but the"
        " Information Commission decides for itself whether an application is in time."
    ),
    "court": N_(
        "Counted the way most favourable to you (collective leave days (cuti bersama) not counted as working days, and"
        " a letter received after office hours counted from the next working day), your time ends on %(date)s, but the"
        " court decides for itself whether a filing is in time."
    ),
}
LATER_FILING_JUDGE = {"O30": "office", "D14": "commission", "P14P": "court", "K14P": "court"}


def later_filing(window: Window, locale: str = "id") -> str:
    """The sentence on the later end of ``window`` (``LATER_FILING``), or "" when the requester is told its last
    day on every reading."""
    if window.accepted_until is None:
        return ""
    judge = LATER_FILING_JUDGE.get(window.name, "commission")
    day = day_in_words(window.accepted_until.isoformat(), "en" if locale == "en" else "id")
    return catalog(locale).gettext(LATER_FILING[judge]) % {"date": day}


def how_to_dispute(window: Window, to: Commission, locale: str = "id") -> str:
    """How to bring the dispute before the Commission ``to`` (``commission``: the case's or the office's) in
    ``window`` (D14), the day to file by in words (``Window.told_on``)."""
    gettext = catalog(locale).gettext
    day = (window.told_on if window.open else window.due_at.astimezone(window.tz).date()).isoformat()
    words = gettext(HOW_TO_DISPUTE if window.open else HOW_TO_DISPUTE_LATE) % {
        "commission": to.name,
        "date": day_in_words(day, "en" if locale == "en" else "id"),
        "days": window.working_days,
        "law": citations.legal_basis(DISPUTE_LAW, locale),
    }
    if to.address:
        words += " " + gettext(COMMISSION_ADDRESS) % {"address": to.address.rstrip(".")}
    if to.website:
        words += " " + gettext(COMMISSION_WEBSITE) % {"website": to.website}
    return words


def how_to_go_on(rt: Runtime, window: Window, locale: str = "id") -> str:
    """How to challenge the decision of ``window`` (P14P: at the court the office's setting names; K14P)."""
    gettext = catalog(locale).gettext
    if window.name == "P14P":
        court = rt.settings.court_of_challenge
        return gettext(HOW_TO_GO_TO_COURT[court]) % {"law": citations.legal_basis(COURT_LAW, locale)}
    if window.name in HOW_TO_GO_ON:
        return gettext(HOW_TO_GO_ON[window.name]) % {"law": citations.legal_basis(CASSATION_LAW, locale)}
    return ""


@dataclass(frozen=True)
class Commission:
    """The Komisi Informasi a requester goes to: its name, and its address and website when known."""

    name: str
    address: str = ""
    website: str = ""


def office_commission(rt: Runtime) -> Commission:
    """The office's own Komisi Informasi, as its settings name it."""
    settings = rt.settings
    return Commission(settings.commission_name, settings.commission_address, settings.commission_website)


def commission(rt: Runtime, session: Session, objection: Case) -> Commission:
    """The Commission the requester may bring an objection's dispute to: the one its superior's response recorded (a
    case keeps what it stored), else the office's setting; the address and website only when it is the office's."""
    own = office_commission(rt)
    named = ""
    for (data,) in session.execute(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == objection.id, CaseEvent.type == "task_completed")
        .order_by(CaseEvent.seq.desc())
    ):
        if data.get("task") == OBJECTION_DECISION_TASK:
            named = " ".join(str((data.get("data") or {}).get(COMMISSION_FIELD) or "").split())
            break
    if not named or named.casefold() == own.name.casefold():
        return own
    return Commission(named)


@dataclass(frozen=True)
class Window:
    """A requester's filing window: from when, how many working days, until when, and why."""

    name: str
    legal_basis: str
    calendar: str
    start_at: datetime
    working_days: int
    due_at: datetime
    provenance: dict
    opened_by: str  # what opened it: notice, lapse, delivery_lapse, information, response, discovery
    start_known: bool = True  # False: the requester's receipt is not recorded; this is the earliest end
    tz: tzinfo = UTC  # the office's: the window's last day is whole in it
    # The end on the earliest reading (strict calendar), when it falls on an earlier day than ``due_at`` (the latest
    # reading's, which judges a filing): the date the requester is told to file by (``told_on``; legal-process §2.2).
    earliest_due_at: datetime | None = None

    @property
    def open(self) -> bool:
        """Until the end of its last day, evening included: a filing is judged by the day it was made."""
        return clock.now().astimezone(self.tz).date() <= self.due_at.astimezone(self.tz).date()

    @property
    def told_on(self) -> date:
        """The last day the requester is told to file by: the earliest reading's end while it has not passed (what is
        safe before the Commission or a court, which judge timeliness themselves), else the latest reading's."""
        today = clock.now().astimezone(self.tz).date()
        if self.earliest_due_at is not None and today <= self.earliest_due_at.astimezone(self.tz).date():
            return self.earliest_due_at.astimezone(self.tz).date()
        return self.due_at.astimezone(self.tz).date()

    @property
    def accepted_until(self) -> date | None:
        """The latest reading's last day when the earliest reading's is an earlier one, else None: a filing up to it
        is in time (said with ``later_filing``, also once ``told_on`` has become it)."""
        return self.due_at.astimezone(self.tz).date() if self.earliest_due_at is not None else None

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "legal_basis": self.legal_basis,
            "calendar": self.calendar,
            "start_at": self.start_at,
            "working_days": self.working_days,
            "due_at": self.due_at,
            "status": "open" if self.open else "closed",
            "opened_by": self.opened_by,
            "start_known": self.start_known,
            "earliest_due_at": self.earliest_due_at,
            "provenance": self.provenance,
        }


def root_of(session: Session, case: Case) -> Case:
    seen = {case.id}
    while case.parent_id is not None and case.parent_id not in seen:
        case = session.get(Case, case.parent_id)
        seen.add(case.id)
    return case


def members(session: Session, case: Case) -> list[Case]:
    """Every case of the chain, the request first, then by filing order."""
    found = [root_of(session, case)]
    frontier = [found[0].id]
    while frontier:
        children = session.scalars(select(Case).where(Case.parent_id.in_(frontier)).order_by(Case.id)).all()
        found.extend(children)
        frontier = [c.id for c in children]
    return found


def _first_status_at(session: Session, case: Case, statuses) -> datetime | None:
    for data, at in session.execute(
        select(CaseEvent.data, CaseEvent.at)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == "status_changed")
        .order_by(CaseEvent.seq)
    ):
        if data.get("status") in statuses:
            return at
    return None


def _lapse(rt: Runtime, session: Session, case: Case, names) -> tuple[datetime, datetime] | None:
    """When the case's last missed agency deadline among ``names`` lapsed: (strict instant, lenient instant).

    A deadline answered by a notice dispatched in time (engine.lateness) is ``met``, not missed, and
    opens nothing.
    """
    row = session.scalar(
        select(Deadline)
        .where(Deadline.case_id == case.id, Deadline.name.in_(names), Deadline.status == "missed")
        .order_by(Deadline.due_at.desc())
        .limit(1)
    )
    return None if row is None else (row.due_at, lateness.lenient_due(rt, row))


def _lapse_start(lapse, calendar: str, public: bool) -> datetime | None:
    """Where a window opened by a lapse starts on ``calendar``; for the requester's eyes, only once the
    lapse is late on every reading (nothing tells a requester "late" on the strict reading alone)."""
    if lapse is None:
        return None
    strict_at, lenient_at = lapse
    if public and clock.now() <= lenient_at:
        return None
    return lenient_at if calendar == "lenient" else strict_at


def _window(
    rt: Runtime, name, basis, calendar, start: datetime, days: int, opened_by: str, known=True, dated=None
) -> Window:
    """``dated``: the day of a receipt recorded without an hour; when ``start`` is that day read on the latest reading
    (``_received_on``: the end of its office hours), the provenance says so (``received_on``), so that the explanation
    never states that instant as an hour someone recorded."""
    due = rt.calendars[calendar].add_working_days(start, days)
    provenance = due.to_dict() if known else {**due.to_dict(), "start_estimated": True}
    provenance |= _dated(rt, start, dated)
    tz = rt.calendars[calendar].tz
    return Window(name, basis, calendar, start, days, due.due_at, provenance, opened_by, known, tz)


def _received_notice(
    rt: Runtime, session: Session, case: Case, statuses, calendar: str = "lenient", told: bool = False
) -> tuple[datetime | None, bool, str | None]:
    """When the requester received the case's notice (Pasal 36(1), 37(2)) on ``calendar``'s reading, whether that
    is known, and the day the desk recorded (without an hour) when the start is that day, if any.

    A letter Kawal itself delivered (by its e-mail or its portal: engine.notice_delivery) was received at the instant
    Kawal delivered it (UU ITE Pasal 8: when it entered the requester's system), and the readings the requester is
    told count from that instant by their own rule (legal-process.md §2.2): the latest from that day when it came in
    office hours on a working day, else from the next working day; the earliest (``told``: the day to file by) from
    its date. The office's own earliest reading (``calendar`` strict, not ``told``: its argument before the
    Commission, engine.chain ``admissibility``) keeps the day the desk recorded. A letter handed over or posted is
    received on
    the day the desk records, whose hour Kawal does not know: the latest reading counts it from the end of that day
    (``_received_on``). The recorded date of receipt when there is one (a later one than Kawal's delivery: the
    requester received it then); else the dispatch date, the earliest possible one (its window is shown with its
    earliest possible end); cases from before dispatch dates were recorded count from the stage the notice reached.
    """
    notice = notice_delivery.last_notice(session, case)
    if notice is not None:
        known = bool(notice.get("delivered_on"))
        day = notice.get("delivered_on") or notice["dispatched_on"]
        by_kawal = notice_delivery.delivered_by_kawal(session, case, notice) if calendar == "lenient" or told else None
        tz = rt.calendars[calendar].tz
        if by_kawal is not None and by_kawal.astimezone(tz).date() >= date.fromisoformat(day):
            return by_kawal, True, None
        return _received_on(rt, day), known, day
    return _first_status_at(session, case, statuses), True, None


def _received_on(rt: Runtime, day: str) -> datetime:
    """A receipt known only by its date, whose hour Kawal does not know (a letter posted or handed over, a decision's
    copy, a discovery): on the latest reading (``Runtime.received``) from the end of that day, on the earliest from
    that date."""
    return rt.received(day)


def _dated(rt: Runtime, start: datetime, day: str | None) -> dict:
    """The provenance's ``received_on`` (engine.explanation): ``day`` when ``start`` is that day read at its latest."""
    return {"received_on": day} if day and len(day) == 10 and start == _received_on(rt, day) else {}


def objection_window(
    rt: Runtime,
    session: Session,
    request: Case,
    ground: str | None = None,
    discovered_on: date | None = None,
    calendar: str = "lenient",
    public: bool = False,
) -> Window | None:
    """Until when the requester may object on ``ground`` (Pasal 36(1)); None while nothing opened it.

    Grounds c and g run from the lapse of T10/T17 when there was one; the others from the written
    notice (a lapse without a notice opens them too), d and e from the information's hand-over when it
    came later; ground b from the discovery date the requester states. Ground g runs from the lapse of the
    hand-over's deadline (SERAH) when that is later: the information was given late, or not at all
    (``objection_windows`` shows both). The window is the requester's, so
    on the lenient calendar a lapse opens it at the lenient lapse of the agency's deadline: the reading
    that ends latest. ``public``: as the requester is shown it, where a lapse counts only once it is late
    on every reading.
    """
    if calendar == "lenient":  # as the requester is told it: with the earliest reading's end (``_with_earliest``)
        return _with_earliest(
            _objection_window(rt, session, request, ground, discovered_on, "lenient", public),
            _objection_window(rt, session, request, ground, discovered_on, "strict", public, told=True),
        )
    return _objection_window(rt, session, request, ground, discovered_on, calendar, public)


def _objection_window(rt, session, request, ground, discovered_on, calendar, public, told=False) -> Window | None:
    """``objection_window`` on ``calendar``'s reading alone (``told``: ``_received_notice``)."""
    basis = OBJECTION_BASIS
    if ground == "b":
        if discovered_on is None:
            return None
        start = _received_on(rt, discovered_on.isoformat())
        return _window(rt, "O30", basis, calendar, start, OBJECTION_DAYS, "discovery", dated=discovered_on.isoformat())
    window = _answer_window(rt, session, request, ground, calendar, public, told)
    if ground == LATE_DELIVERY_GROUND:
        return _late_delivery_window(rt, session, request, calendar, public, window) or window
    return window


def _with_earliest(window: Window | None, strict: Window | None) -> Window | None:
    """A requester's ``window`` (the latest reading, which judges whether a filing is in time) with the end on the
    earliest reading (``strict``) when that falls on an earlier day (legal-process.md §2.2: a window of the requester's
    is counted on the reading that ends latest, and the difference is said): the requester is told the earliest end as
    the date to file by, the Commission and the courts judging timeliness themselves, and that a filing up to the
    latest end is in time; the explanation names both readings (provenance ``earliest_due_at``)."""
    if window is None or strict is None:
        return window
    if strict.due_at.astimezone(window.tz).date() >= window.due_at.astimezone(window.tz).date():
        return window
    provenance = window.provenance | {
        "earliest_due_at": strict.due_at.isoformat(),
        "earliest_counted_from": strict.provenance.get("counted_from"),
    }
    return replace(window, earliest_due_at=strict.due_at, provenance=provenance)


def objection_windows(rt: Runtime, session: Session, request: Case, calendar: str = "lenient", public: bool = False):
    """The windows a requester is shown: the one every ground opened by the answer has, and, when the hand-over
    lapsed later, ground g's own (information given late), which is not the other grounds' (legal-process §4.2)."""
    window = objection_window(rt, session, request, None, None, calendar, public)
    late = _late_delivery_window(rt, session, request, calendar, public, window)
    if late is not None and calendar == "lenient":
        strict = _objection_window(rt, session, request, None, None, "strict", public, told=True)
        late = _with_earliest(late, _late_delivery_window(rt, session, request, "strict", public, strict))
    return [w for w in (window, late) if w is not None]


def _late_delivery_window(rt: Runtime, session: Session, request: Case, calendar: str, public: bool, answer):
    """Ground g's window from the lapse of the hand-over's deadline (SERAH), when that starts after ``answer``."""
    late_at = _lapse_start(_lapse(rt, session, request, ("SERAH",)), calendar, public)
    if late_at is None or (answer is not None and late_at <= answer.start_at):
        return None
    return _window(rt, "O30", OBJECTION_BASIS, calendar, late_at, OBJECTION_DAYS, "delivery_lapse")


def _answer_window(rt: Runtime, session: Session, request: Case, ground, calendar: str, public: bool, told=False):
    """``objection_window`` as the notice, its lapse or the information's hand-over opened it."""
    basis = OBJECTION_BASIS
    notice_at, known, notice_day = _received_notice(rt, session, request, status.NOTICE_STATUSES, calendar, told)
    lapse_at = _lapse_start(_lapse(rt, session, request, ("T10", "T17")), calendar, public)
    if lapse_at is not None and (ground in LAPSE_GROUNDS or notice_at is None):
        return _window(rt, "O30", basis, calendar, lapse_at, OBJECTION_DAYS, "lapse")
    if ground in INFORMATION_GROUNDS and notice_at is not None:
        delivered_on = _information_day(session, request)
        delivered_at = _received_on(rt, delivered_on) if delivered_on else None
        if delivered_at is not None and delivered_at > notice_at:
            return _window(rt, "O30", basis, calendar, delivered_at, OBJECTION_DAYS, "information", dated=delivered_on)
    if notice_at is not None:
        return _window(rt, "O30", basis, calendar, notice_at, OBJECTION_DAYS, "notice", known, notice_day)
    return None


def _information_day(session: Session, case: Case) -> str | None:
    """The day the information last reached the requester: the date recorded with its hand-over, if any."""
    day = None
    for data in session.scalars(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == "information_delivered")
        .order_by(CaseEvent.seq)
    ):
        day = data.get("delivered_on") or day
    return day


def dispute_window(
    rt: Runtime, session: Session, objection: Case, calendar: str = "lenient", public: bool = False
) -> Window | None:
    """Until when the requester may apply to the Komisi Informasi (Pasal 37(2); Perki 1/2013 Pasal 13).

    It opens with the superior's written response, or with the lapse of A30 without one (on the lenient
    calendar, its lenient lapse); when both happened (a late response), the later start counts, in the
    requester's favour.
    """
    if calendar == "lenient":  # as the requester is told it: with the earliest reading's end (``_with_earliest``)
        return _with_earliest(
            _dispute_window(rt, session, objection, "lenient", public),
            _dispute_window(rt, session, objection, "strict", public, told=True),
        )
    return _dispute_window(rt, session, objection, calendar, public)


def _dispute_window(rt: Runtime, session: Session, objection: Case, calendar: str, public: bool, told=False):
    """``dispute_window`` on ``calendar``'s reading alone (``told``: ``_received_notice``)."""
    basis = "UU 14/2008 Pasal 37(2); Perki 1/2013 Pasal 13"
    response_at, known, day = _received_notice(rt, session, objection, RESPONSE_STATUSES, calendar, told)
    lapse_at = _lapse_start(_lapse(rt, session, objection, ("A30",)), calendar, public)
    starts = [(at, why) for at, why in ((response_at, "response"), (lapse_at, "lapse")) if at is not None]
    if not starts:
        return None
    start, why = max(starts)
    dated = day if why == "response" else None
    return _window(rt, "D14", basis, calendar, start, DISPUTE_DAYS, why, known or why != "response", dated)


# The applicant's own time to go on after a decision, while the dispute stands at it (UU 14/2008 Pasal 48(1): a
# court challenge within 14 working days of receiving the Commission's adjudication decision; Pasal 50: cassation
# within 14 days of receiving the court's judgment): sengketa_informasi.bpmn's P14P and K14P, counted here as the
# model counts them (lenient, from the applicant's receipt, or until it is recorded from the day the decision was
# read or given: the earliest possible end). Here because the model arms them only once the agency has accepted the
# decision, and the requester's time runs from their receipt whatever the agency decides.
# stage -> (clock, basis, days, unit, the decision's message field of the applicant's receipt, its fallback)
APPLICANT_WINDOWS = {
    "putusan_ajudikasi": (
        "P14P",
        "UU 14/2008 Pasal 48(1)",
        14,
        "working_days",
        "tanggal_diterima_pemohon",
        "tanggal_dibacakan",
    ),
    "putusan_pengadilan": ("K14P", "UU 14/2008 Pasal 50", 14, "calendar_days", "tanggal_diterima_pemohon", "tanggal"),
}
# The deadline rows of those windows: the applicant's (the requester's) own, never the office's (issue: the API gave
# their holder as "agency", the case page "another body's clock"; the model marks them clock "info").
APPLICANT_CLOCKS = frozenset(spec[0] for spec in APPLICANT_WINDOWS.values())
# The office's last day to take a position on a decision (sengketa_informasi.bpmn since version 5: P14_AKHIR, K14_AKHIR
# end its position task). The model marks them clock "info" so that their lapse is no lateness and tells no one, but
# they are the office's own time, never another body's: their holder is the office.
OFFICE_LAST_DAYS = frozenset({"P14_AKHIR", "K14_AKHIR"})


def applicant_window(rt: Runtime, session: Session, dispute: Case) -> Window | None:
    """Until when the requester may challenge the decision the dispute stands at; None at any other stage."""
    spec = APPLICANT_WINDOWS.get(dispute.status) if dispute.kind == DISPUTE else None
    if spec is None:
        return None
    name, basis, days, unit, received_field, fallback_field = spec
    payload = None
    for data in session.scalars(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == dispute.id, CaseEvent.type == "message_received")
        .order_by(CaseEvent.seq)
    ):
        if data.get("message") == dispute.status:
            payload = data.get("data") or {}
    day = (payload or {}).get(received_field) or (payload or {}).get(fallback_field)
    if not isinstance(day, str):
        return None
    known = bool(payload.get(received_field))
    cal = rt.calendars["lenient"]
    start = rt.received(day)  # a receipt known by its day: on the latest reading, as the model counts it
    due = cal.count(start, days, unit)
    provenance = due.to_dict() if known else {**due.to_dict(), "start_estimated": True}
    provenance |= _dated(rt, start, day)
    window = Window(name, basis, "lenient", start, days, due.due_at, provenance, "decision", known, cal.tz)
    earliest = rt.calendars["strict"].count(start, days, unit)  # from that date, whatever the hour
    strict = Window(name, basis, "strict", start, days, earliest.due_at, earliest.to_dict(), "decision", known, cal.tz)
    return _with_earliest(window, strict)


def unarmed_windows(rt: Runtime, session: Session, case: Case) -> list[Window]:
    """The requester's windows a case's own deadline rows do not show yet: a dispute's applicant window while the
    office still decides on the decision (the model arms P14P, K14P only once the office has accepted it; the
    applicant's time runs from their receipt whatever the office decides: the officer reads it beside P14, K14)."""
    if case.kind != DISPUTE:
        return []
    window = applicant_window(rt, session, case)
    if window is None or any(d.name == window.name for d in case.deadlines):
        return []
    return [window]


def objections_on(session: Session, request: Case) -> list[Case]:
    """The objections filed on a request, in filing order (none on any other kind of case)."""
    if request.kind != REQUEST or request.id is None:
        return []
    query = select(Case).where(Case.parent_id == request.id, Case.kind == OBJECTION).order_by(Case.id)
    return list(session.scalars(query))


def disputes_on(session: Session, objection: Case) -> list[Case]:
    """The disputes brought on an objection: recorded against it, or against its request when the summons' check
    found it was the objection that preceded the application (``admissibility``, kept on the dispute)."""
    if objection.kind != OBJECTION:
        return []
    out = []
    for dispute in (m for m in members(session, objection) if m.kind == DISPUTE):
        preceded = ((dispute.details or {}).get("keterterimaan") or {}).get("keberatan_didahului") or {}
        if dispute.parent_id == objection.id or preceded.get("keberatan") == objection.ticket:
            out.append(dispute)
    return out


def holder(deadline: Deadline) -> str:
    """Whose clock a deadline row is: ``requester`` (the applicant's windows in a dispute; a window the requester or
    reporter acts in), ``commission`` (the Commission's or a court's clock, for information), or ``agency``."""
    if deadline.name in APPLICANT_CLOCKS or (deadline.kind == "window" and deadline.calendar == "lenient"):
        return "requester"
    if deadline.name in OFFICE_LAST_DAYS:
        return "agency"
    if deadline.kind == "info":
        return "commission"
    return "agency"


def timeliness(
    rt: Runtime, session: Session, request: Case, grounds, received_at: datetime, discovered_on: date | None = None
) -> dict:
    """Is an objection filed at ``received_at`` on time? Never a refusal: a flag for the superior (§4.2).

    Judged by the day it was filed, as ``admissibility`` judges D14: the window counts working days, and one
    filed online in the evening of its last day (UU ITE Pasal 8: received when it enters the system) is in it.

    Per ground, on both calendars: on time (strict), on time only if cuti bersama are not working
    days (lenient; the difference goes to a human), late, premature (no notice and no lapse has opened
    its window yet: ground c filed the day after the request), or not computable (ground b without a
    discovery date, or past the earliest possible end of a window whose start, the requester's receipt
    of the notice, is not recorded). The filing is on time when any ground is.
    """
    per_ground = {}
    tz = rt.calendars["strict"].tz
    filed_on = received_at.astimezone(tz).date()  # a window of days: its last day is whole, evening included
    for ground in grounds:
        lenient = objection_window(rt, session, request, ground, discovered_on, "lenient")
        strict = objection_window(rt, session, request, ground, discovered_on, "strict")
        if lenient is None and ground == "b":  # no discovery date stated
            verdict, due = "tidak_dapat_dihitung", None
        elif lenient is None:  # neither a notice nor a lapse has opened it: filed before there was a ground
            verdict, due = "prematur", None
        elif filed_on <= strict.due_at.astimezone(tz).date():
            verdict, due = "tepat_waktu", lenient.due_at
        elif filed_on <= lenient.due_at.astimezone(tz).date():
            verdict, due = "tepat_waktu_kalender_longgar", lenient.due_at
        elif not lenient.start_known:  # past the earliest possible end, but not provably late
            verdict, due = "tidak_dapat_dihitung", lenient.due_at
        else:
            verdict, due = "terlambat", lenient.due_at
        per_ground[ground] = {"verdict": verdict, "due_at": due.isoformat() if due else None}
    order = ("tepat_waktu", "tidak_dapat_dihitung", "tepat_waktu_kalender_longgar", "prematur", "terlambat")
    overall = min((g["verdict"] for g in per_ground.values()), key=order.index)
    return {"verdict": overall, "late": overall == "terlambat", "grounds": per_ground}


# An objection's timeliness in words (Bahasa Indonesia, English), for the superior's decision task.
TIMELINESS_VERDICTS = {
    "tepat_waktu": N_("in time"),
    "tepat_waktu_kalender_longgar": N_(
        "in time only on the latest reading (cuti bersama not counted as working days, and the notice counted as"
        " received at the latest: after office hours, or when Kawal sent it)"
    ),
    "terlambat": N_("late (registered, not refused)"),
    "tidak_dapat_dihitung": N_("cannot be computed yet"),
    "prematur": N_("filed before a written notice or the end of the request's time limit (registered, not refused)"),
}


def timeliness_text(verdict: str, locale: str = "id") -> str:
    """``timeliness``'s verdict in words; an unknown code as it is."""
    return catalog(locale).gettext(TIMELINESS_VERDICTS[verdict]) if verdict in TIMELINESS_VERDICTS else verdict


# The agency's cheapest defences at the preliminary examination (Perki 1/2013 Pasal 35-36, legal-process.md §5.2
# row 4): was the application filed within D14, and did an objection precede it? Checked when a summons is
# recorded; never a refusal (the Commission decides), a flag for the evidence file.
ADMISSIBILITY_VERDICTS = {
    "tepat_waktu": N_("filed within 14 working days"),
    "tepat_waktu_kalender_longgar": N_(
        "filed within 14 working days only on the latest reading (cuti bersama not working days, and the response"
        " counted as received at the latest: after office hours, or when Kawal sent it)"
    ),
    "terlambat": N_("filed after the 14 working days ended"),
    "prematur": N_("filed before the superior's response or the end of the 30 working days"),
    "tidak_dapat_dihitung": N_("cannot be computed"),
}


def admissibility(
    rt: Runtime, session: Session, parent: Case, filed_on: date, grounds: list[str] | None = None
) -> dict:
    """The dispute's admissibility as the agency can argue it: D14 (UU 14/2008 Pasal 37(2); Perki 1/2013
    Pasal 13), a preceding objection (Pasal 36-37: the dispute follows the objection) and the dispute's
    ``grounds`` that objection did not raise. Recorded, never a refusal."""
    tz = rt.calendars["strict"].tz
    objections = [m for m in members(session, parent) if m.kind == OBJECTION]
    if parent.kind == OBJECTION:
        objection = parent
    else:  # the summons names the request: an objection filed on it counts, the latest before the filing
        earlier = [o for o in objections if o.received_at.astimezone(tz).date() <= filed_on]
        objection = earlier[-1] if earlier else None
    # An objection filed after the application reached the Commission did not precede it.
    before = objection if objection is not None and objection.received_at.astimezone(tz).date() <= filed_on else None
    preceded = {
        "verdict": "ya" if before is not None else "tidak",
        "keberatan": before.ticket if before is not None else None,
        "dasar": "UU 14/2008 Pasal 36-37; Perki 1/2013 Pasal 13",
    }
    d14 = {"verdict": "tidak_dapat_dihitung", "batas_ketat": None, "batas_longgar": None}
    if objection is not None:
        strict = dispute_window(rt, session, objection, "strict")
        lenient = dispute_window(rt, session, objection, "lenient")
        # Premature only before the window opened on any reading: the strict one opens it first.
        if strict is None or filed_on < strict.start_at.astimezone(rt.calendars["strict"].tz).date():
            verdict = "prematur"
        elif filed_on <= strict.due_at.astimezone(rt.calendars["strict"].tz).date():
            verdict = "tepat_waktu"
        elif filed_on <= lenient.due_at.astimezone(rt.calendars["lenient"].tz).date():
            verdict = "tepat_waktu_kalender_longgar"
        elif not lenient.start_known:  # the requester's receipt of the response is not recorded
            verdict = "tidak_dapat_dihitung"
        else:
            verdict = "terlambat"
        d14 = {
            "verdict": verdict,
            "batas_ketat": strict.due_at.isoformat() if strict else None,
            "batas_longgar": lenient.due_at.isoformat() if lenient else None,
            "dibuka_oleh": lenient.opened_by if lenient else None,
        }
    # The Commission hears the objection the superior answered (Pasal 37(1)): a ground the objection never raised is
    # one the office can say was not objected to first.
    raised = set((objection.details or {}).get("alasan") or ()) if objection is not None else set()
    outside = sorted(set(grounds or ()) - raised) if raised else []
    return {
        "diajukan_ke_ki": filed_on.isoformat(),
        "jangka_waktu_d14": {**d14, "dasar": "UU 14/2008 Pasal 37(2); Perki 1/2013 Pasal 13"},
        "keberatan_didahului": preceded,
        "alasan_di_luar_keberatan": outside,
    }


# The Commission's own clocks (legal-process.md §6, "info": a lapse is no fault of the agency's and closes
# nothing), checked on what the agency learns: K14, the Commission starts mediation or adjudication within 14
# working days of receiving the application (UU 14/2008 Pasal 38(1)), against the summons' first hearing.
COMMISSION_START_DAYS = 14
COMMISSION_START_LAW = "UU 14/2008 Pasal 38(1)"
COMMISSION_START_BASIS = f"{COMMISSION_START_LAW} (informatif)"
COMMISSION_START_VERDICTS = {
    "tepat_waktu": N_("first hearing within 14 working days"),
    "terlambat": N_("first hearing after 14 working days"),
}


def commission_start(rt: Runtime, filed_on: str, first_hearing: str) -> dict:
    """K14 for a summons: the last day the Commission should have started (14 working days after the application
    reached it, on the lenient reading: the Commission's clock, read in its favour) and the first hearing's day
    against it, with the working days it is late by. Information for the agency's file, never a refusal."""
    cal = rt.calendars["lenient"]
    last = rt.instant(rt.working_days_after(filed_on, COMMISSION_START_DAYS, "lenient")).astimezone(cal.tz).date()
    hearing = rt.instant(first_hearing).astimezone(cal.tz).date()
    late = max(0, cal.working_days_between(last, hearing))
    return {
        "batas_mulai": last.isoformat(),
        "sidang_pertama": hearing.isoformat(),
        "verdict": "terlambat" if late else "tepat_waktu",
        "hari_kerja_terlambat": late,
        "dasar": COMMISSION_START_BASIS,
    }


def commission_start_text(check: dict, locale: str = "id") -> str:
    """``commission_start`` in one sentence, dates as a person reads them."""
    words = catalog(locale)
    verdict = check["verdict"]
    said = words.gettext(COMMISSION_START_VERDICTS[verdict]) if verdict in COMMISSION_START_VERDICTS else verdict
    late = check.get("hari_kerja_terlambat") or 0
    facts = {
        "verdict": said.capitalize(),
        "date": day_in_words(check["batas_mulai"], "en" if locale == "en" else "id"),
        "law": citations.legal_basis(COMMISSION_START_LAW, locale),
        "num": late,
    }
    if not late:
        return words.gettext("%(verdict)s: by %(date)s (%(law)s, for information)") % facts
    return (
        words.ngettext(
            "%(verdict)s: by %(date)s, %(num)d working day late (the Commission's delay; %(law)s, for information)",
            "%(verdict)s: by %(date)s, %(num)d working days late (the Commission's delay; %(law)s, for information)",
            late,
        )
        % facts
    )


# C3 (legal-process.md §6; Perki 1/2013 Pasal 59): the Commission gives the parties a copy of its adjudication
# decision within 3 working days of reading it. The agency knows when it received its copy, not when the
# Commission sent it: the record says how long the copy took, for information.
DECISION_COPY_DAYS = 3
DECISION_COPY_LAW = "Perki 1/2013 Pasal 59"


def decision_copy(rt: Runtime, read_on: str, received_on: str) -> dict:
    """How many working days (lenient reading) after the adjudication decision was read its copy reached the
    agency, and the last day the Commission had to give it."""
    cal = rt.calendars["lenient"]
    last = rt.instant(rt.working_days_after(read_on, DECISION_COPY_DAYS, "lenient")).astimezone(cal.tz).date()
    read, received = date.fromisoformat(read_on), date.fromisoformat(received_on)
    return {
        "dibacakan": read_on,
        "diterima": received_on,
        "hari_kerja": max(0, cal.working_days_between(read, received)),
        "batas_salinan": last.isoformat(),
        "dalam_batas": received <= last,
        "dasar": f"{DECISION_COPY_LAW} (informatif)",
    }


def decision_copy_text(check: dict, locale: str = "id") -> str:
    """``decision_copy`` in one sentence, dates as a person reads them."""
    words = catalog(locale)
    days = check["hari_kerja"]
    when = (
        words.ngettext("%(num)d working day after it was read", "%(num)d working days after it was read", days)
        % {"num": days}
        if days
        else words.gettext("on the day it was read")
    )
    return words.gettext(
        "The copy of the decision reached the office %(when)s; the Commission gives it within %(days)d working days,"
        " by %(date)s (%(law)s, for information)"
    ) % {
        "when": when,
        "days": DECISION_COPY_DAYS,
        "date": day_in_words(check["batas_salinan"], "en" if locale == "en" else "id"),
        "law": citations.legal_basis(DECISION_COPY_LAW, locale),
    }


def admissibility_text(verdicts: dict, locale: str = "id", words: bool = False) -> str:
    """The admissibility in one sentence for the evidence-file task, the case's facts and the bundle; ``words``:
    the filing date as a person reads it (``5 Des 2026``) instead of ISO 8601."""
    said = catalog(locale)
    d14, preceded = verdicts["jangka_waktu_d14"], verdicts["keberatan_didahului"]
    verdict = d14["verdict"]
    if verdict in ADMISSIBILITY_VERDICTS:
        verdict = said.gettext(ADMISSIBILITY_VERDICTS[verdict])
    filed = verdicts["diajukan_ke_ki"]
    if words:
        filed = day_in_words(filed, "en" if locale == "en" else "id")
    if preceded["keberatan"]:
        objection = said.gettext("objection %(ticket)s preceded it") % {"ticket": preceded["keberatan"]}
    else:
        objection = said.gettext("no objection preceded it")
    outside = ", ".join(verdicts.get("alasan_di_luar_keberatan") or ())  # recorded since 2026-12 (absent before)
    if outside:
        objection = said.gettext("%(objection)s; ground %(grounds)s was not raised in the objection") % {
            "objection": objection,
            "grounds": outside,
        }
    return said.gettext("Filed with the Commission on %(date)s: %(verdict)s; %(objection)s.") % {
        "date": filed,
        "verdict": verdict,
        "objection": objection,
    }


def deadline_view(d: Deadline) -> dict:
    return {
        "name": d.name,
        "legal_basis": d.legal_basis,
        "calendar": d.calendar,
        "start_at": d.start_at,
        "working_days": d.working_days,
        "unit": d.provenance.get("unit", "working_days"),  # or calendar_days: a period the law counts in "hari"
        "due_at": d.due_at,
        "status": d.status,
        "kind": d.kind,
        "provenance": d.provenance,
    }


def clocks(rt: Runtime, session: Session, case: Case) -> list[dict]:
    """A case's legal clocks for the chain view: its deadlines, then the requester's windows it opened."""
    out = [{**deadline_view(d), "holder": holder(d)} for d in case.deadlines]
    windows = []
    if case.kind == REQUEST:
        windows = objection_windows(rt, session, case)
    elif case.kind == OBJECTION:
        windows = [w for w in (dispute_window(rt, session, case),) if w is not None]
    else:
        windows = unarmed_windows(rt, session, case)
    out += [{**window.to_dict(), "holder": "requester"} for window in windows]
    return out


def chain_view(rt: Runtime, session: Session, case: Case, locale: str = "id") -> list[dict]:
    """Every case of the chain with its stage and clocks; no identity, no task data."""
    return [
        {
            "ticket": member.ticket,
            "kind": member.kind,
            "kind_label": kind_label(member.kind, locale),
            "parent": None if member.parent_id is None else session.get(Case, member.parent_id).ticket,
            "status": member.status,
            "status_label": status.label(member.status, locale),
            "outcome": member.outcome,
            "overdue": member.overdue,
            "received_at": member.received_at,
            "closed_at": member.closed_at,
            "current": member.id == case.id,
            "clocks": clocks(rt, session, member),
        }
        for member in members(session, case)
    ]


# Events that make the chronology a Komisi Informasi reads (§5.3 "Prepare file").
_CHRONOLOGY = {
    "request_submitted": N_("Information request received"),
    "objection_filed": N_("Objection received"),
    "dispute_recorded": N_("Information Commission summons received"),
    "deadline_missed": N_("Deadline missed"),
    "message_received": N_("Notice from the Commission/court"),
    "requester_message_received": N_("Message from the requester to the desk"),
    "case_closed": N_("Case closed"),
}


# Events from outside that the office itself records of another's silence, named as what they are: the complaint
# team's confirmation that the reporter sent no evidence (workflows/pengaduan.bpmn) is no notice of a Commission or a
# court.
_OWN_CONFIRMATIONS = {
    "bukti_tidak_dikirim": N_("The complaint team confirmed that the reporter sent no data or evidence asked for"),
}

_TOLD_BY_FILING = frozenset({"diterima", "keberatan_diterima"})

# The field of an event from outside that gives the day it happened (a hearing, a reading, a check at the court's
# registry); its other dates are schedules or follow from it (engine.casework.SCHEDULED, FOLLOWS).
EVENT_DAY_FIELDS = ("tanggal", "tanggal_dibacakan", "tanggal_pemeriksaan")


def event_day(event_data: dict) -> date | None:
    """The day a recorded event from outside (a ``message_received`` event's data) says it happened, if any."""
    payload = event_data.get("data") or {}
    return iso_day(next((payload[f] for f in EVENT_DAY_FIELDS if isinstance(payload.get(f), str)), None))


def message_title(forms, name, locale: str) -> str | None:
    """An event from outside by its form's title in ``locale`` (``forms/pesan_<name>.json``); None without the forms
    or such a form. The chronology and the officers' pages name it so."""
    if forms is None or not isinstance(name, str):
        return None
    try:
        schema = forms.schema(f"pesan_{name}.json")
    except LookupError:
        return None
    return (schema.get("x-title-en") if locale == "en" else None) or schema.get("title") or None


def chronology(session: Session, case: Case, locale: str = "id", forms=None) -> list[dict]:
    """The dated story of the whole chain: receipts, stages reached, lapses, KI notices, closings. An event from
    outside is said by the title of its form (``forms``: the runtime's, ``forms/pesan_<name>.json``), else as a notice
    from the Commission or the court with its name."""
    gettext = catalog(locale).gettext
    chain = members(session, case)
    tickets = {c.id: c.ticket for c in chain}
    rows = session.scalars(select(CaseEvent).where(CaseEvent.case_id.in_(tickets)).order_by(CaseEvent.id))
    out = []
    for event in rows:
        if {"objection", "dispute"} & set(event.data) or event.data.get("status") in _TOLD_BY_FILING:
            continue  # the parent's echo of a filing, or a first stage its filing event already tells
        # A paper filing recorded later is dated by its real receipt.
        at = datetime.fromisoformat(event.data["received_at"]) if "received_at" in event.data else event.at
        if event.type == "status_changed":
            what = status.label(event.data.get("status", ""), locale)
        elif event.type == "message_received" and event.data.get("message") in _OWN_CONFIRMATIONS:
            what = gettext(_OWN_CONFIRMATIONS[event.data["message"]])
        elif event.type == "message_received" and (titled := message_title(forms, event.data.get("message"), locale)):
            what = titled
        elif event.type in _CHRONOLOGY:
            what = gettext(_CHRONOLOGY[event.type])
            if event.type == "deadline_missed":
                what += f" ({event.data.get('deadline')})"
            if event.type == "message_received":
                what += f": {event.data.get('message')}"
        else:
            continue
        out.append({"at": at, "ticket": tickets[event.case_id], "event": event.type, "what": what})
    out.sort(key=lambda row: row["at"])
    return out
