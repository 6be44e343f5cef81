"""The Laporan Layanan Informasi Publik (legal-process.md §9.2) and the yearly announcement (§9.1), in figures.

Every figure is a count of cases received in the period (a year, or a semester) that meet one
predicate over the case and its facts (engine.facts); the same predicate lists the tickets behind
the figure in the annex, so each number can be checked case by case. The figures are counted in SQL
(one aggregate query per process); the median and the 90th percentile of the time to fulfil are read
from a histogram of working days that SQL counts too. Outcomes are as known when the report is made.

Time to fulfil is working days from receipt to the written notice (strict calendar, engine.facts), in
the bands the Commission's monitoring asks for: 0-5, 6-10, 11-17 and over 17. "Answered late" is late on
the lenient reading too, as the requester may be told (engine.facts ``overdue``, legal-process.md §2.2):
every document says so in one sentence (api.reports.labels.READING).

The narrative (facilities, staff, budget, obstacles, recommendations) is written by the PPID in Kawal
and kept per period (engine.narrative).
"""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import reduce
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, case, func, literal, select
from sqlalchemy.orm import Session, aliased

from engine import clock, kinds, narrative
from engine.errors import Invalid
from engine.letters import context as letter_context
from engine.letters import signers
from engine.messages import msg
from engine.models import Case, CaseFacts

EXEMPTION_LETTERS = tuple("abcdefghij")  # UU 14/2008 Pasal 17
GROUND_LETTERS = tuple("abcdefg")  # UU 14/2008 Pasal 35(1)
REQUEST_CHANNELS = ("langsung", "web", "email", "pos", "telepon", "medsos")
REQUESTER_TYPES = ("perorangan", "badan_hukum", "kelompok")
EXTENSION_REASONS = ("belum_dikuasai", "belum_didokumentasikan", "belum_dapat_diputuskan_dikecualikan")
AMAR = ("dikabulkan_seluruhnya", "dikabulkan_sebagian", "ditolak")
# Time to fulfil a request, in working days (lowest, highest; None = no upper bound).
BANDS = (("0_5", 0, 5), ("6_10", 6, 10), ("11_17", 11, 17), ("over_17", 18, None))
PERIOD_PATTERN = re.compile(r"^(\d{4})(?:-S([12]))?$")


@dataclass(frozen=True)
class Period:
    """A budget year, or one of its semesters: ``2026``, ``2026-S1`` (Jan-Jun), ``2026-S2`` (Jul-Dec)."""

    year: int
    semester: int | None = None

    @classmethod
    def parse(cls, text: str) -> Period:
        found = PERIOD_PATTERN.match((text or "").strip().upper())
        if not found or not 2000 <= int(found.group(1)) <= 2999:
            raise Invalid("unknown_period", fields={"period": [msg("period_format")]})
        return cls(int(found.group(1)), int(found.group(2)) if found.group(2) else None)

    @property
    def key(self) -> str:
        return f"{self.year}" if self.semester is None else f"{self.year}-S{self.semester}"

    def bounds(self, timezone: str) -> tuple[datetime, datetime]:
        """[first day 00:00, the day after the last 00:00) in the office's zone."""
        zone = ZoneInfo(timezone)
        first, after = {None: (1, 13), 1: (1, 7), 2: (7, 13)}[self.semester]
        start = datetime(self.year, first, 1, tzinfo=zone)
        end = datetime(self.year + 1, 1, 1, tzinfo=zone) if after == 13 else datetime(self.year, after, 1, tzinfo=zone)
        return start, end


@dataclass
class Figure:
    """One number of the report: its key (the label's), its value, and its share of ``of`` (a key) if any."""

    key: str
    value: int
    of: str | None = None


@dataclass
class Section:
    key: str
    figures: list[Figure] = field(default_factory=list)

    def get(self, key: str) -> int:
        return next(f.value for f in self.figures if f.key == key)


@dataclass
class TimeToFulfil:
    """Working days from receipt to the written notice, of the requests decided."""

    decided: int
    histogram: dict[int, int]  # working days -> requests
    median: int | None
    p90: int | None
    within_10: int
    within_17: int


@dataclass
class Report:
    period: Period
    sections: list[Section]
    time_to_fulfil: TimeToFulfil
    narrative: dict[str, str]
    generated_at: datetime
    fees: dict[str, int]
    # Whose report and who signs it, as the letters print them: the public body as the letterhead names it (the
    # office under its agency, engine.letters.context.office), and the PPID's signature block (engine.letters.signers).
    office: dict = field(default_factory=dict)
    signatory: dict = field(default_factory=dict)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    @property
    def unwritten(self) -> list[str]:
        """The narrative's sections not yet written (legal-process.md §9.2 (a), (d), (e) are required): while any
        is, the report is a draft, and its documents carry no signature (api.reports.files)."""
        return [key for key in narrative.SECTIONS if not (self.narrative.get(key) or "").strip()]

    def value(self, key: str) -> int:
        """A figure by its full key, ``section.figure`` (e.g. ``requests.granted_full``)."""
        section, _dot, figure = key.partition(".")
        return self.section(section).get(figure)


def _has(column, letter: str) -> ColumnElement:
    return column.like(f"%,{letter},%")


def _result(*values: str) -> ColumnElement:
    return CaseFacts.result.in_(values)


# -- the predicates, per process: (section, figure key, predicate, share of) --------------------------------

PARENT = aliased(CaseFacts)  # an objection's request, for "carried out"


def request_figures() -> list[tuple[str, str, ColumnElement, str | None]]:
    refused = _result("ditolak_dikecualikan")
    partial = _result("dikabulkan_sebagian")
    decided = CaseFacts.decided_at.is_not(None)
    rows = [("requests", "received", CaseFacts.case_id.is_not(None), None)]
    rows += [("requests", f"channel_{c}", CaseFacts.channel == c, "requests.received") for c in REQUEST_CHANNELS]
    rows += [
        ("requests", f"requester_{t}", CaseFacts.requester_type == t, "requests.received") for t in REQUESTER_TYPES
    ]
    rows += [
        ("outcomes", "decided", decided, "requests.received"),
        ("outcomes", "granted_full", _result("dikabulkan_seluruhnya"), "requests.received"),
        ("outcomes", "granted_part", partial, "requests.received"),
        ("outcomes", "refused", refused, "requests.received"),
        ("outcomes", "not_held", _result("tidak_dikuasai"), "requests.received"),
        ("outcomes", "not_documented", _result("belum_dikuasai_didokumentasikan"), "requests.received"),
        ("outcomes", "withdrawn", _result("dicabut"), "requests.received"),
        ("outcomes", "closed_incomplete", _result("ditutup_tidak_lengkap"), "requests.received"),
        ("outcomes", "in_process", CaseFacts.result.is_(None), "requests.received"),
    ]
    rows += [
        ("refusals", letter, and_(refused, _has(CaseFacts.exemptions, letter)), "outcomes.refused")
        for letter in EXEMPTION_LETTERS
    ]
    rows += [
        ("redactions", letter, and_(partial, _has(CaseFacts.exemptions, letter)), "outcomes.granted_part")
        for letter in EXEMPTION_LETTERS
    ]
    for key, low, high in BANDS:
        band = CaseFacts.decision_days >= low if high is None else CaseFacts.decision_days.between(low, high)
        rows.append(("time", f"band_{key}", and_(decided, band), "outcomes.decided"))
    rows += [
        ("time", "within_10", and_(decided, CaseFacts.decision_days <= 10), "outcomes.decided"),
        ("time", "within_17", and_(decided, CaseFacts.decision_days <= 17), "outcomes.decided"),
        ("time", "extended", CaseFacts.extended.is_(True), "requests.received"),
    ]
    rows += [
        ("time", f"extension_{r}", and_(CaseFacts.extended.is_(True), CaseFacts.extension_reason == r), "time.extended")
        for r in EXTENSION_REASONS
    ]
    rows += [
        # Answered after a deadline lapsed; and not answered at all though one lapsed (still open, or withdrawn or
        # closed as incomplete after the lapse): two figures, so a case never answered is not "answered late".
        ("time", "overdue", and_(decided, CaseFacts.overdue.is_(True)), "outcomes.decided"),
        ("time", "overdue_unanswered", and_(~decided, CaseFacts.overdue.is_(True)), "requests.received"),
        ("fees", "charged", CaseFacts.fee_charged > 0, "requests.received"),
        ("fees", "paid", CaseFacts.fee_paid > 0, "requests.received"),
    ]
    return rows


def objection_figures() -> list[tuple[str, str, ColumnElement, str | None]]:
    granted = _result("keberatan_dikabulkan_seluruhnya", "keberatan_dikabulkan_sebagian")
    settled = _result("diselesaikan_musyawarah")  # carried out too, but settled, not granted: a figure of its own
    rows = [("objections", "received", CaseFacts.case_id.is_not(None), None)]
    rows += [("objections", f"ground_{g}", _has(CaseFacts.grounds, g), "objections.received") for g in GROUND_LETTERS]
    rows += [
        ("objections", "late_filed", CaseFacts.late_filed.is_(True), "objections.received"),
        ("objections", "granted_full", _result("keberatan_dikabulkan_seluruhnya"), "objections.received"),
        ("objections", "granted_part", _result("keberatan_dikabulkan_sebagian"), "objections.received"),
        ("objections", "upheld", _result("keberatan_ditolak"), "objections.received"),
        ("objections", "settled", _result("diselesaikan_musyawarah"), "objections.received"),
        ("objections", "not_answered", _result("keberatan_tidak_ditanggapi"), "objections.received"),
        ("objections", "in_process", CaseFacts.result.is_(None), "objections.received"),
        ("objections", "answered_within_30", CaseFacts.decision_days <= 30, "objections.received"),
        ("objections", "carried_out", and_(granted, PARENT.carried_out_on.is_not(None)), "objections.received"),
        ("objections", "settled_carried_out", and_(settled, PARENT.carried_out_on.is_not(None)), "objections.settled"),
    ]
    return rows


def dispute_figures() -> list[tuple[str, str, ColumnElement, str | None]]:
    rows = [("disputes", "received", CaseFacts.case_id.is_not(None), None)]
    rows += [("disputes", f"ground_{g}", _has(CaseFacts.grounds, g), "disputes.received") for g in GROUND_LETTERS]
    rows += [
        ("disputes", "mediation", CaseFacts.mediation.is_not(None), "disputes.received"),
        ("disputes", "mediation_agreed", CaseFacts.mediation == "berhasil", "disputes.mediation"),
        ("disputes", "mediation_failed", CaseFacts.mediation == "gagal", "disputes.mediation"),
        ("disputes", "adjudication", CaseFacts.adjudication.is_not(None), "disputes.received"),
    ]
    rows += [("disputes", f"adjudication_{a}", CaseFacts.adjudication == a, "disputes.adjudication") for a in AMAR]
    rows += [
        ("disputes", "interlocutory", _result("putusan_sela"), "disputes.received"),
        ("disputes", "withdrawn", _result("sengketa_dicabut"), "disputes.received"),
        ("disputes", "lapsed", _result("sengketa_gugur"), "disputes.received"),
        ("disputes", "in_process", CaseFacts.closed_month.is_(None), "disputes.received"),
        ("disputes", "carried_out", CaseFacts.carried_out_on.is_not(None), "disputes.received"),
        ("court", "cases", CaseFacts.court.is_not(None), "disputes.received"),
        ("court", "by_applicant", CaseFacts.court == "pemohon", "court.cases"),
        ("court", "by_office", CaseFacts.court == "termohon", "court.cases"),
    ]
    rows += [("court", f"result_{a}", CaseFacts.court_result == a, "court.cases") for a in AMAR]
    rows += [
        ("court", "cassation", CaseFacts.cassation.is_(True), "court.cases"),
    ]
    rows += [("court", f"cassation_result_{a}", CaseFacts.cassation_result == a, "court.cassation") for a in AMAR]
    rows += [
        (
            "court",
            "carried_out",
            and_(CaseFacts.court.is_not(None), CaseFacts.carried_out_on.is_not(None)),
            "court.cases",
        ),
    ]
    return rows


PREDICATES = {kinds.REQUEST: request_figures, kinds.OBJECTION: objection_figures, kinds.DISPUTE: dispute_figures}
SECTION_ORDER = ("requests", "outcomes", "refusals", "redactions", "time", "fees", "objections", "disputes", "court")


def _population(kind: str, start: datetime, end: datetime, *, tickets: bool = False):
    """The facts of the cases of ``kind`` received in [start, end); with the case row when ``tickets`` are read."""
    query = (
        select()
        .select_from(CaseFacts)
        .where(CaseFacts.kind == kind, CaseFacts.received_at >= start, CaseFacts.received_at < end)
    )
    if tickets or kind == kinds.OBJECTION:
        query = query.join(Case, Case.id == CaseFacts.case_id)
    if kind == kinds.OBJECTION:
        query = query.outerjoin(PARENT, PARENT.case_id == Case.parent_id)
    return query


def annual_report(session: Session, rt, period: Period, officer=None) -> Report:
    """Every figure of §9.2 for the cases received in ``period``, counted in SQL; signed as the letters are signed
    (``report_signatory``)."""
    start, end = period.bounds(rt.settings.office_timezone)
    sections: dict[str, Section] = {}
    for kind, predicates in PREDICATES.items():
        rows = predicates()
        sums = [func.coalesce(func.sum(case((predicate, 1), else_=0)), 0) for _s, _k, predicate, _of in rows]
        values = session.execute(_population(kind, start, end).add_columns(*sums)).one()
        for (section, key, _predicate, of), value in zip(rows, values, strict=True):
            sections.setdefault(section, Section(section)).figures.append(Figure(key, int(value), of))
    fees = session.execute(
        _population(kinds.REQUEST, start, end).add_columns(
            func.coalesce(func.sum(CaseFacts.fee_charged), 0), func.coalesce(func.sum(CaseFacts.fee_paid), 0)
        )
    ).one()
    return Report(
        period=period,
        sections=[sections[key] for key in SECTION_ORDER],
        time_to_fulfil=time_to_fulfil(session, start, end),
        narrative=narrative.of(session, period.key),
        generated_at=clock.now(),
        fees={"charged_total": int(fees[0]), "paid_total": int(fees[1])},
        office=letter_context.office(rt.settings),
        signatory=report_signatory(session, rt.settings, officer),
    )


def report_signatory(session: Session, settings, officer=None) -> dict:
    """Who signs the report, by the letters' rule (engine.letters.signers): the PPID the office configured
    (KAWAL_SIGNATORY_PPID), else ``officer`` (who makes the report) when a PPID, else the office's only PPID, with
    the NIP their account holds; the PPID's position over a blank line for the name only when nothing says who."""
    maker = officer if officer is not None and "ppid" in officer.own_group_codes else None  # never "a.n." the PPID
    return signers.signatory(settings, "ppid", signers.signing_officer(session, settings, "ppid", maker))


def time_to_fulfil(session: Session, start: datetime, end: datetime) -> TimeToFulfil:
    """The histogram of working days to the written notice (SQL), and its median and 90th percentile."""
    query = (
        _population(kinds.REQUEST, start, end)
        .add_columns(CaseFacts.decision_days, func.count())
        .where(CaseFacts.decided_at.is_not(None))
        .group_by(CaseFacts.decision_days)
    )
    histogram = {int(days): int(n) for days, n in session.execute(query)}
    decided = sum(histogram.values())
    return TimeToFulfil(
        decided=decided,
        histogram=dict(sorted(histogram.items())),
        median=percentile(histogram, 50),
        p90=percentile(histogram, 90),
        within_10=sum(n for d, n in histogram.items() if d <= 10),
        within_17=sum(n for d, n in histogram.items() if d <= 17),
    )


def percentile(histogram: dict[int, int], p: float) -> int | None:
    """The nearest-rank percentile: the least value whose cumulative count reaches ceil(p/100 * n)."""
    n = sum(histogram.values())
    if not n:
        return None
    rank = max(1, math.ceil(p / 100 * n))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return None  # pragma: no cover - the loop always reaches n


@dataclass
class Annex:
    """The tickets behind every figure: each ticket of the period with the figures it counts in.

    The figure keys of a ticket are joined in SQL (``"requests.received; outcomes.granted_full; "``), so
    reading the annex of 100,000 cases moves two short columns per case, not a flag per figure.
    """

    keys: list[str]  # every figure, ``section.figure``, in the report's order
    rows: list[tuple[str, str]]  # (ticket, "key; key; "), ordered by ticket

    @property
    def listed(self) -> int:
        """How many (figure, ticket) pairs the annex holds."""
        return sum(counted.count(SEPARATOR) for _ticket, counted in self.rows)

    def by_ticket(self) -> list[tuple[str, list[str]]]:
        """(ticket, the figures it counts in) for every ticket of the period."""
        return [(ticket, counted.split(SEPARATOR)[:-1]) for ticket, counted in self.rows]

    def tickets(self) -> list[tuple[str, list[str]]]:
        """(figure, its tickets) in the report's order."""
        found: dict[str, list[str]] = {key: [] for key in self.keys}
        for ticket, keys in self.by_ticket():
            for key in keys:
                found[key].append(ticket)
        return list(found.items())


SEPARATOR = "; "


def annex_of(session: Session, rt, period: Period) -> Annex:
    """Each case of the period with the figures it counts in, by the predicates the figures are counted with."""
    start, end = period.bounds(rt.settings.office_timezone)
    keys, rows = [], []
    for kind, predicates in PREDICATES.items():
        figures = predicates()
        parts = [case((predicate, literal(f"{s}.{k}{SEPARATOR}")), else_=literal("")) for s, k, predicate, _ in figures]
        counted = reduce(operator.add, parts)
        query = _population(kind, start, end, tickets=True).add_columns(Case.ticket, counted)
        rows += [tuple(row) for row in session.execute(query)]
        keys += [f"{s}.{k}" for s, k, _p, _of in figures]
    rows.sort()
    return Annex(keys, rows)


def annex(session: Session, rt, period: Period) -> list[tuple[str, list[str]]]:
    """The tickets behind every figure: (``section.figure``, [tickets]) in the report's order."""
    return annex_of(session, rt, period).tickets()


# -- the announcement (UU 14/2008 Pasal 12) ------------------------------------------------------------------

ANNOUNCED = (
    "requests.received",
    "outcomes.decided",
    "outcomes.granted_full",
    "outcomes.granted_part",
    "outcomes.refused",
    "outcomes.not_held",
    "outcomes.not_documented",
    "outcomes.withdrawn",
    "outcomes.closed_incomplete",
    "outcomes.in_process",
    "time.band_0_5",
    "time.band_6_10",
    "time.band_11_17",
    "time.band_over_17",
    "time.within_10",
    "time.within_17",
)


def announcement(session: Session, rt, year: int) -> dict:
    """What the office must announce each year (Pasal 12): requests, time taken, granted, refused and why.

    Figures only: no ticket, no identity. The reasons are the Pasal 17 letters of the refusals and of the partial
    grants (what was withheld, §9.1 (d)); one decision may cite several. ``records_from``: the office's first request
    in Kawal (an office that began mid-year counts from it; a year before it has no figures to announce);
    ``running_until``: today, while the year is still running (None once it is over).
    """
    report = annual_report(session, rt, Period(year))
    today = rt.today()
    return {
        "year": year,
        "figures": {key: report.value(key) for key in ANNOUNCED},
        "refusal_reasons": {f"pasal_17_{f.key}": f.value for f in report.section("refusals").figures},
        "redaction_reasons": {f"pasal_17_{f.key}": f.value for f in report.section("redactions").figures},
        "median_days": report.time_to_fulfil.median,
        "p90_days": report.time_to_fulfil.p90,
        "generated_at": report.generated_at,
        "office": report.office,  # whose announcement: the public body as its letterhead names it
        "records_from": records_from(session, rt),
        "running_until": today if year == today.year else None,
    }


def records_from(session: Session, rt) -> date | None:
    """The office-local day of the first request Kawal holds (None before any): the announcement counts from it."""
    first = session.scalar(select(func.min(CaseFacts.received_at)).where(CaseFacts.kind == kinds.REQUEST))
    return first.astimezone(ZoneInfo(rt.settings.office_timezone)).date() if first is not None else None
