"""Complaint statistics (legal-process.md §7, §9.3): what the complaint unit reports, never who reported.

Counted in SQL over the complaints received in a period (optionally of one unit): by channel, by the
reporter's protection (anonymous, confidential, whistleblower), by Permenpan 5/2009 problem code, by
the office's trend categories (the classification form's list, so the office configures them there),
by oversight relevance, by unit (those referred to the Inspectorate General in a row of their own), by outcome and
follow-up; the time to close against every resolution tier (2, 5, 14 and 60 working days) and the tier each complaint
was given, and against the statutory 60 days (the case's own S60 clock, UU 25/2009 Pasal 50: met, or lapsed); the
share not actionable, by reason, and of those found not actionable at verification, by the reason the verification
chose (those verified before it was asked: reason not recorded, ``NOT_RECORDED``).

A count from 1 to 4 could point to a person (the only whistleblower report of a unit in a semester): such a
cell of a breakdown is suppressed (``Cell.suppressed``), its value withheld, and so is a headline count (the
complaints received, closed, not actionable, each time band) when it is one of them (``shown``). A breakdown
with one suppressed cell would give it away by subtraction from its total: the smallest other count of that
breakdown is withheld with it (secondary suppression).

Withheld from whom: from whatever carries the figures beyond the people who handle the complaints (the XLSX a
superior or a published summary takes them from, the API another system reads: ``PASSED_ON``), and from an
officer who may read the figures but not the complaints (the head of the office). A reader to whom the complaint
register lists every complaint counted (``readable_in_full``: the complaint team of the office's unit, the
auditors) already sees each with its protection, unit and outcome: a "<5" on their page would hide nothing from
them, only the figure itself. ``disclosure`` decides it for a reader, and ``Disclosure`` writes a count as that
reader is shown it, on this page and on the dashboard's complaint counts (engine.dashboard) alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from engine import kinds, registers
from engine.facts import NOT_ACTIONABLE, NOT_ACTIONABLE_REASONS, RESULTS
from engine.models import Case, CaseFacts, User
from engine.register_rows import INSPECTORATE, REFERRED_TO_INSPECTORATE  # the register's rule and its row key
from engine.reports import percentile  # the same nearest-rank rule as the PPID report

SUPPRESS_BELOW = 5
CHANNELS = ("web", "langsung", "email", "pos", "telepon", "lapor", "medsos")
MODES = ("anonim", "rahasia", "whistleblower")
PROBLEM_CODES = tuple(f"{n:02d}" for n in range(1, 11))
TIERS = (2, 5, 14, 60)  # working days: light, normative, not oversight-relevant, oversight-relevant
FOLLOW_UPS = (
    "hukuman_disiplin",
    "perbaikan_administrasi",
    "perbaikan_layanan",
    "rujukan_aph",
    "rujukan_kpk",
    "pemulihan_kerugian",
    "tidak_terbukti",
)
UNKNOWN = "-"
NOT_RECORDED = "tidak_dicatat"  # not actionable at verification before its form asked why (engine.facts)


@dataclass(frozen=True)
class Cell:
    """A count as shown: ``None`` with ``suppressed`` when 1-4 could point to a person."""

    raw: int
    suppressed: bool

    @property
    def value(self) -> int | None:
        return None if self.suppressed else self.raw


def cell(n: int, suppress: bool = True) -> Cell:
    return Cell(n, suppress and 0 < n < SUPPRESS_BELOW)


def shown(n: int) -> int | None:
    """A headline count as it may be shown: None (withheld) from 1 to 4."""
    return None if 0 < n < SUPPRESS_BELOW else n


def readable_in_full(
    session: Session, user: User, start: datetime | None, end: datetime | None, unit: str | None, total: int
) -> bool:
    """Does the complaint register list ``user`` every one of the ``total`` complaints these statistics count (the
    same complaints: received in [start, end), of ``unit``; None: since or until any time)? Then its counts may be
    shown to them exact."""
    where = registers.Filter(kinds.COMPLAINT, start, end, unit=unit)
    return registers.count(session, where, user) == total


WITHHELD = "<5"  # a withheld count as a page or a file writes it


def written(value: int | None) -> int | str:
    """A count as a page writes it: a withheld one (None) as "<5"."""
    return WITHHELD if value is None else value


@dataclass(frozen=True)
class Disclosure:
    """How complaint counts are shown to a reader: exact, or each count from 1 to 4 withheld (``shown``), with a
    breakdown's cells as suppressed (``Cell.suppressed``: its secondary suppression too)."""

    exact: bool

    def known(self, n: int) -> int | None:
        """A headline count as it may be shown: None when withheld."""
        return n if self.exact else shown(n)

    def value(self, c: Cell) -> int | None:
        """A breakdown's cell as it may be shown: None when withheld."""
        return c.raw if self.exact else c.value

    def count(self, n: int) -> int | str:
        return written(self.known(n))

    def cell(self, c: Cell) -> int | None:
        """A breakdown's cell as a page writes it: None when withheld, which the page writes as a word, never "<5":
        the smallest other count withheld beside a count from 1 to 4 (``_protect``) may be 5 or more, and a mark of
        its own would tell which of the two is the small one."""
        return self.value(c)


EXACT = Disclosure(exact=True)
PASSED_ON = Disclosure(exact=False)  # an XLSX, an API answer: withheld whoever takes the figures further


def disclosure(
    session: Session, user: User, start: datetime | None, end: datetime | None, unit: str | None, total: int
) -> Disclosure:
    """How a page shows ``user`` the counts of ``total`` complaints (received in [start, end), of ``unit``): exact
    when the complaint register lists them every one (``readable_in_full``), else a count from 1 to 4 withheld."""
    return EXACT if readable_in_full(session, user, start, end, unit, total) else PASSED_ON


def breakdown(counts: dict[str, int]) -> dict[str, Cell]:
    """Counts that add up to a total shown beside them, as cells: 1 to 4 suppressed, and one more when one alone
    would be the total minus the others (``_protect``)."""
    return _protect({key: cell(n) for key, n in counts.items()})


def _protect(cells: dict[str, Cell]) -> dict[str, Cell]:
    """A lone suppressed cell is the total minus the others: withhold the smallest other non-zero count too."""
    if sum(c.suppressed for c in cells.values()) != 1:
        return cells
    others = sorted((c.raw, key) for key, c in cells.items() if not c.suppressed and c.raw > 0)
    if others:
        _raw, key = others[0]
        cells[key] = Cell(cells[key].raw, True)
    return cells


@dataclass
class ComplaintStats:
    total: int
    closed: int
    breakdowns: dict[str, dict[str, Cell]]  # dimension -> value -> count
    # Of the closed: within_2 ... within_60, over_60 (from the receipt); within_own_tier: resolved by the end of
    # the resolution clock that ran last (engine.facts._sla), of with_tier, those whose clock ran. The statutory 60 days
    # (S60), of every complaint whose clock started: within_statutory (met), statutory_missed (lapsed).
    tiers: dict[str, int]
    not_actionable: int
    median_days: int | None


def _scope(query, start: datetime, end: datetime, unit: str | None):
    query = query.where(CaseFacts.kind == kinds.COMPLAINT, CaseFacts.received_at >= start, CaseFacts.received_at < end)
    return query.where(CaseFacts.unit_code == unit) if unit else query


def _grouped(session: Session, column, start, end, unit) -> dict[str, int]:
    query = select(column, func.count()).select_from(Case).join(CaseFacts, CaseFacts.case_id == Case.id)
    query = _scope(query, start, end, unit).group_by(column)
    return {(UNKNOWN if key is None else str(key)): int(n) for key, n in session.execute(query)}


def _ordered(found: dict[str, int], known: tuple[str, ...]) -> dict[str, Cell]:
    """Every known value (zeros included), then any other value found, then the unknown one."""
    keys = list(known) + sorted(k for k in found if k not in known and k != UNKNOWN)
    if found.get(UNKNOWN):
        keys.append(UNKNOWN)
    return {key: cell(found.get(key, 0)) for key in keys}


def _units(found: dict[str, int]) -> dict[str, Cell]:
    """The unit breakdown: each unit, then the Inspectorate General, then those not referred (yet, or at all)."""
    referred = found.pop(INSPECTORATE, 0)
    cells = _ordered(found, ())
    unknown = cells.pop(UNKNOWN, None)
    if referred:
        cells[INSPECTORATE] = cell(referred)
    if unknown is not None:
        cells[UNKNOWN] = unknown
    return cells


def complaint_stats(
    session: Session,
    start: datetime,
    end: datetime,
    unit: str | None = None,
    categories: tuple[str, ...] = (),
    reporter_categories: tuple[str, ...] = (),
) -> ComplaintStats:
    """The complaint statistics of [start, end), counted in SQL; ``categories`` and ``reporter_categories`` (the
    forms' lists) in the order to show them."""
    result = case((Case.closed_at.is_(None), "terbuka"), else_=CaseFacts.result)
    oversight = case(
        (CaseFacts.oversight.is_(True), "berkadar"), (CaseFacts.oversight.is_(False), "tidak_berkadar"), else_=None
    )
    # A complaint is counted at the unit it was referred to; one referred to the Inspectorate General in a row of its
    # own, as the register shows it in its Unit column (engine.register_rows ``referred_to``, by the same rule), not
    # among those not referred to a unit (yet, or at all).
    unit_or_inspectorate = case(
        (CaseFacts.unit_code.is_not(None), CaseFacts.unit_code),
        (REFERRED_TO_INSPECTORATE, INSPECTORATE),
        else_=None,
    )
    at_verification = case(
        (
            CaseFacts.not_actionable == "verifikasi",
            func.coalesce(CaseFacts.not_actionable_reason, NOT_RECORDED),
        ),
        else_=None,
    )
    breakdowns = {
        "channel": _ordered(_grouped(session, Case.channel, start, end, unit), CHANNELS),
        "mode": _ordered(_grouped(session, Case.reporter_mode, start, end, unit), MODES),
        "problem_code": _ordered(_grouped(session, CaseFacts.problem_code, start, end, unit), PROBLEM_CODES),
        "category": _ordered(_grouped(session, CaseFacts.category, start, end, unit), categories),
        "reporter_category": _ordered(
            _grouped(session, CaseFacts.reporter_category, start, end, unit), reporter_categories
        ),
        "province": _ordered(_grouped(session, CaseFacts.location_province, start, end, unit), ()),
        "regency": _ordered(_grouped(session, CaseFacts.location_regency, start, end, unit), ()),
        "oversight": _ordered(_grouped(session, oversight, start, end, unit), ("berkadar", "tidak_berkadar")),
        "unit": _units(_grouped(session, unit_or_inspectorate, start, end, unit)),
        "result": _ordered(_grouped(session, result, start, end, unit), (*RESULTS[kinds.COMPLAINT], "terbuka")),
        "not_actionable": _ordered(_grouped(session, CaseFacts.not_actionable, start, end, unit), NOT_ACTIONABLE),
        # Of those not actionable at verification (adding up to that reason's count): the reason it chose.
        "not_actionable_reason": _ordered(_grouped(session, at_verification, start, end, unit), NOT_ACTIONABLE_REASONS),
        "follow_up": _ordered(_grouped(session, CaseFacts.follow_up, start, end, unit), FOLLOW_UPS),
    }
    breakdowns["not_actionable"].pop(UNKNOWN, None)  # the complaints that were acted on
    breakdowns["not_actionable_reason"].pop(UNKNOWN, None)  # those not closed at verification
    breakdowns["follow_up"].pop(UNKNOWN, None)
    breakdowns = {dimension: _protect(cells) for dimension, cells in breakdowns.items()}
    closed = CaseFacts.closed_days.is_not(None)
    counts = [func.count(), func.coalesce(func.sum(case((closed, 1), else_=0)), 0)]
    counts += [func.coalesce(func.sum(case((CaseFacts.closed_days <= tier, 1), else_=0)), 0) for tier in TIERS]
    counts += [
        func.coalesce(func.sum(case((CaseFacts.closed_days > TIERS[-1], 1), else_=0)), 0),
        func.coalesce(func.sum(case((CaseFacts.sla == "met", 1), else_=0)), 0),
        func.coalesce(func.sum(case((CaseFacts.sla.is_not(None), 1), else_=0)), 0),
        func.coalesce(func.sum(case((CaseFacts.statutory == "met", 1), else_=0)), 0),
        func.coalesce(func.sum(case((CaseFacts.statutory == "missed", 1), else_=0)), 0),
        func.coalesce(func.sum(case((CaseFacts.not_actionable.is_not(None), 1), else_=0)), 0),
    ]
    query = _scope(select(*counts).select_from(Case).join(CaseFacts, CaseFacts.case_id == Case.id), start, end, unit)
    total, n_closed, *within, over, own, with_tier, statutory, missed, not_actionable = session.execute(query).one()
    tiers = {f"within_{tier}": int(n) for tier, n in zip(TIERS, within, strict=True)}
    tiers.update(over_60=int(over), within_own_tier=int(own), with_tier=int(with_tier))
    tiers.update(within_statutory=int(statutory), statutory_missed=int(missed))
    histogram = _grouped(session, CaseFacts.closed_days, start, end, unit)
    histogram.pop(UNKNOWN, None)
    return ComplaintStats(
        total=int(total),
        closed=int(n_closed),
        breakdowns=breakdowns,
        tiers=tiers,
        not_actionable=int(not_actionable),
        median_days=percentile({int(k): v for k, v in histogram.items()}, 50),
    )
