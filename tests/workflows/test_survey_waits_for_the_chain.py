"""The satisfaction survey (engine.survey) is asked for, and its mail says the case's handling is complete, only once
the case and its chain are finished (engine.notices.invite_to_survey): no objection on a request, nor the order a
granted objection gave, still running.

- A request handed over while an objection on it runs is not finished for its requester: its survey waits for the
  objection, and both are asked for when the objection's answer closes the chain.
- An objection answered while the delivery its order reopened on the request runs is not finished either: its survey
  waits for the hand-over; the portal does not offer it meanwhile.

On SQLite alone: the chain is read by ``parent_id`` as engine.chain reads it and the order from the request's history
(engine.objection_orders), queries both databases run in tests/workflows/test_keberatan_paths.py.
"""

from datetime import timedelta

from sqlalchemy import select

from engine import survey
from engine.models import Case, Notification
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see the module's docstring)
from tests.helpers import decision
from tests.workflows.test_keberatan_paths import _decide, _decided, _to_superior, clock  # noqa: F401 - fixture

SURVEY = "survey_invitation"


def _surveys(office, *tickets) -> dict[str, bool]:
    """Whether each case's requester was sent the survey (any channel)."""
    with office.sessions() as s:
        out = {}
        for ticket in tickets:
            case = s.scalar(select(Case).where(Case.ticket == ticket))
            sent = s.scalar(
                select(Notification.id).where(Notification.case_id == case.id, Notification.event == SURVEY)
            )
            out[ticket] = sent is not None
        return out


def _offered(office, ticket) -> bool:
    with office.sessions() as s:
        return survey.can_answer(s, office.rt, s.scalar(select(Case).where(Case.ticket == ticket)))


def test_a_request_handed_over_while_an_objection_on_it_runs_is_asked_only_when_the_objection_is_answered(
    office,
    clock,  # noqa: F811
):
    request = office.submit()
    clock.move_to(office.deadline(request, "T10").due_at + timedelta(hours=1))
    office.run(request)  # T10 lapsed without a notice: ground c, the requester objects
    objection = office.objection(request, ["c"])
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(request, step)
    office.complete(request, "putuskan", decision("dikabulkan_seluruhnya"))
    office.complete(request, "pemberitahuan_tertulis")
    office.complete(request, "penyerahan_informasi")  # handed over: the request is closed, its objection is not
    assert office.case(request).status == "selesai"
    assert _surveys(office, request, objection) == {request: False, objection: False}
    assert not _offered(office, request)
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    office.complete(objection, "tawarkan_musyawarah", {"hasil": "tidak_bersedia"})
    office.complete(objection, "susun_kronologi", {"kronologi": "Dijawab terlambat", "pertimbangan_ppid": "Terlambat"})
    _decide(office, objection, "keberatan_ditolak")  # answered: the chain is finished
    assert office.case(objection).status == "keberatan_selesai"
    assert _surveys(office, request, objection) == {request: True, objection: True}
    assert _offered(office, request)
    assert _offered(office, objection)
    office.verify()


def test_an_objection_whose_order_is_still_being_carried_out_is_asked_only_after_the_hand_over(office, clock):  # noqa: F811
    request = _decided(office)  # refused: closed, nothing else runs on it
    assert _surveys(office, request) == {request: True}
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    _decide(office, objection, "keberatan_dikabulkan_seluruhnya")
    assert office.case(objection).status == "keberatan_selesai"
    assert office.open_tasks(request) == ["penyerahan_lanjutan"]  # the order still runs on the request
    assert _surveys(office, objection) == {objection: False}
    assert not _offered(office, objection)
    office.complete(request, "penyerahan_lanjutan", step="penyerahan_informasi")
    assert _surveys(office, request, objection) == {request: True, objection: True}
    with office.sessions() as s:
        told = s.scalars(
            select(Notification.idempotency_key).where(Notification.event == SURVEY).order_by(Notification.id)
        ).all()
    assert len(told) == len(set(told))  # each case asked once
    assert _offered(office, objection)
    office.verify()


def test_a_survey_already_sent_stays_answerable_when_an_objection_opens_the_chain_again(office, clock):  # noqa: F811
    """The request closed with no objection: its requester was sent the survey. The objection filed after opens the
    chain again, and the link they hold still takes their answer (once)."""
    request = _decided(office)  # refused: closed, nothing else runs on it
    assert _surveys(office, request) == {request: True}
    objection = office.objection(request, ["a"])
    assert office.case(objection).closed_at is None  # the chain is open again
    assert _offered(office, request)
    assert not _offered(office, objection)  # not sent yet: it waits for the chain
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == request))
        survey.answer(s, office.rt, case, dict.fromkeys(survey.ELEMENTS, 3))
        s.commit()
    assert not _offered(office, request)  # answered once
    office.verify()
