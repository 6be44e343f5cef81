"""The public-service satisfaction survey (Survei Kepuasan Masyarakat, PermenPANRB 14/2017) after a case closes.

When a case closes, its requester or reporter is invited (their status page, and a message through the
outbox when they can be reached) to rate the nine elements of the regulation on its four-point scale.
Answers are anonymous to officers: a ``SurveyResponse`` keeps the nine scores with the month, the process
and the unit only; that the case was answered is a ``SurveyBallot`` holding an HMAC of the case's id
under the office's secret, which stops a second answer and says nothing about the first.

The index (IKM) follows the regulation: the mean of each element over the answers (NRR), weighted
equally (1/9 each; the regulation's worked example rounds the weight to 0.111), summed, and multiplied
by 25 to put it on 25-100. The conversion intervals and service quality grades:

=======  ============  ==============  =======  ==============
value    index (1-4)   converted       grade    performance
=======  ============  ==============  =======  ==============
1        1.00-2.5996   25.00-64.99     D        tidak baik
2        2.60-3.064    65.00-76.60     C        kurang baik
3        3.0644-3.532  76.61-88.30     B        baik
4        3.5324-4.00   88.31-100.00    A        sangat baik
=======  ============  ==============  =======  ==============

(Figures read in agency SKM reports that quote the regulation's annex, e.g. BPPP Tegal's 2024
performance book and the Penajam Paser Utara metadata of its IKM indicator; verify against the
regulation's own text before relying on the grade boundaries.)
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine import clock, objection_orders, status
from engine.errors import Conflict, Invalid
from engine.messages import msg
from engine.models import Case, CaseFacts, Notification, SurveyBallot, SurveyResponse
from engine.runtime import Runtime

# The nine elements (unsur) of PermenPANRB 14/2017, in the regulation's order.
ELEMENTS = (
    "persyaratan",
    "prosedur",
    "waktu",
    "biaya",
    "produk",
    "kompetensi",
    "perilaku",
    "pengaduan",
    "sarana",
)
SCALE = (1, 2, 3, 4)  # tidak sesuai / kurang sesuai / sesuai / sangat sesuai
WEIGHT = 1 / len(ELEMENTS)
# (lowest converted index of the grade, grade, performance)
INVITATION = "survey_invitation"  # the outbox event of the invitation (engine.notices.invite_to_survey)
GRADES = ((88.31, "A", "sangat_baik"), (76.61, "B", "baik"), (65.00, "C", "kurang_baik"), (25.00, "D", "tidak_baik"))


def token(rt: Runtime, case: Case) -> str:
    """The ballot of a case: an HMAC of its id under the office's secret (no id, no ticket stored)."""
    return hmac.new(rt.settings.secret_key.encode(), f"skm:{case.id}".encode(), hashlib.sha256).hexdigest()


def invited(case: Case) -> bool:
    """A closed case's requester or reporter is asked for their satisfaction; not a complaint deemed withdrawn,
    which the reporter's evidence still reopens (asked when it closes for good, if it does)."""
    return case.closed_at is not None and case.status not in status.REOPENABLE


def chain_finished(session: Session, case: Case) -> bool:
    """Whether the case and its chain (engine.chain: the request, its objections, the disputes after them) are done:
    every case of it closed, none that its evidence still reopens, and no granted objection's order on the request
    still to carry out (engine.objection_orders). A request handed over while an objection on it runs, an objection
    answered while the request's reopened delivery its order opened runs, are not finished for their requester: the
    survey (and its mail, which says the case is done) waits until the whole chain is."""
    return finished_chain(session, case) is not None


def finished_chain(session: Session, case: Case) -> list[Case] | None:
    """The members of the case's chain (``chain_of``) when the chain is finished (``chain_finished``), else None:
    read once for a closing run that then invites each member (engine.notices.invite_to_survey)."""
    members = chain_of(session, case)
    if any(m.closed_at is None or m.status in status.REOPENABLE for m in members):
        return None
    return None if objection_orders.pending(session, members[0]) else members


def chain_of(session: Session, case: Case) -> list[Case]:
    """Every case of the case's chain, the request first, as engine.chain.members reads it (which this module, below
    engine.run, cannot import: engine.chain reaches engine.run through engine.notice_delivery)."""
    seen = {case.id}
    while case.parent_id is not None and case.parent_id not in seen:
        case = session.get(Case, case.parent_id)
        seen.add(case.id)
    found, frontier = [case], [case.id]
    while frontier:
        children = session.scalars(select(Case).where(Case.parent_id.in_(frontier)).order_by(Case.id)).all()
        found.extend(children)
        frontier = [c.id for c in children]
    return found


def answered(session: Session, rt: Runtime, case: Case) -> bool:
    return session.get(SurveyBallot, token(rt, case)) is not None


def invitation_sent(session: Session, case: Case) -> bool:
    """Whether the case's requester or reporter was sent the survey (engine.notices.invite_to_survey: the outbox's
    ``survey_invitation:{case}:closed`` message): the link they hold stays answerable though the chain opened again
    after (an objection filed on the request once it closed)."""
    sent = select(Notification.id).where(Notification.case_id == case.id, Notification.event == INVITATION)
    return session.scalar(sent.limit(1)) is not None


def is_open(session: Session, case: Case) -> bool:
    """The survey of a case may be answered: its chain finished, or its invitation already sent."""
    return (invited(case) and chain_finished(session, case)) or invitation_sent(session, case)


def can_answer(session: Session, rt: Runtime, case: Case) -> bool:
    return is_open(session, case) and not answered(session, rt, case)


def answer(session: Session, rt: Runtime, case: Case, scores: dict) -> None:
    """Record one anonymous answer of the case's requester or reporter (once per case)."""
    if not is_open(session, case):
        raise Conflict("survey_not_open")
    values = {}
    problems = {}
    for element in ELEMENTS:
        raw = scores.get(element)
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = None
        if value not in SCALE or isinstance(raw, bool):
            problems[element] = [msg("one_of", choices="1, 2, 3, 4")]
        values[element] = value
    if problems:
        raise Invalid("invalid_data", fields=problems)
    ballot = SurveyBallot(token_hash=token(rt, case))
    try:
        with session.begin_nested():
            session.add(ballot)
    except IntegrityError:
        raise Conflict("survey_answered") from None
    facts = session.get(CaseFacts, case.id)
    month = clock.now().astimezone(rt.calendars["strict"].tz).strftime("%Y-%m")
    session.add(
        SurveyResponse(
            month=month,
            kind=case.kind,
            unit_code=facts.unit_code if facts else None,
            **{f"u{i}": values[element] for i, element in enumerate(ELEMENTS, start=1)},
        )
    )
    session.flush()


@dataclass(frozen=True)
class Index:
    """The IKM of a set of answers: element means (NRR), the index on 1-4 and on 25-100, and its grade."""

    responses: int
    means: dict[str, float]
    value: float | None  # 1-4
    converted: float | None  # 25-100
    grade: str | None
    performance: str | None


def grade(converted: float) -> tuple[str, str]:
    for lowest, letter, performance in GRADES:
        if round(converted, 2) >= lowest:
            return letter, performance
    return GRADES[-1][1], GRADES[-1][2]


def index_of(responses: int, sums: dict[str, int]) -> Index:
    """The regulation's arithmetic on the per-element sums of ``responses`` answers."""
    if not responses:
        return Index(0, {}, None, None, None, None)
    means = {element: sums[element] / responses for element in ELEMENTS}
    value = sum(mean * WEIGHT for mean in means.values())
    converted = value * 25
    letter, performance = grade(converted)
    return Index(responses, means, value, converted, letter, performance)


def ikm(
    session: Session,
    first_month: str,
    last_month: str,
    kinds_: tuple[str, ...] | None = None,
    unit: str | None = None,
) -> Index:
    """The IKM of the answers given in [first_month, last_month] (``YYYY-MM``), summed in SQL."""
    columns = [func.count()] + [func.coalesce(func.sum(getattr(SurveyResponse, f"u{i}")), 0) for i in range(1, 10)]
    query = select(*columns).where(SurveyResponse.month >= first_month, SurveyResponse.month <= last_month)
    if kinds_:
        query = query.where(SurveyResponse.kind.in_(kinds_))
    if unit:
        query = query.where(SurveyResponse.unit_code == unit)
    count, *sums = session.execute(query).one()
    return index_of(int(count), {element: int(s) for element, s in zip(ELEMENTS, sums, strict=True)})


def ikm_by_unit(
    session: Session, first_month: str, last_month: str, kinds_: tuple[str, ...] | None = None
) -> dict[str, Index]:
    columns = [SurveyResponse.unit_code, func.count()]
    columns += [func.sum(getattr(SurveyResponse, f"u{i}")) for i in range(1, 10)]
    query = select(*columns).where(SurveyResponse.month >= first_month, SurveyResponse.month <= last_month)
    if kinds_:
        query = query.where(SurveyResponse.kind.in_(kinds_))
    out = {}
    for unit_code, count, *sums in session.execute(query.group_by(SurveyResponse.unit_code)):
        out[unit_code or "-"] = index_of(int(count), {e: int(s) for e, s in zip(ELEMENTS, sums, strict=True)})
    return dict(sorted(out.items()))
