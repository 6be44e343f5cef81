"""A granted objection binds the PPID on a request still being handled (legal-process.md §4.4: granted -> the
information delivered -> done). Granted in full on a ground against the refusal as such (a, d, e), only a grant in
full; on ground c alone (not answered), an answer, whatever it decides; information not held is never refused.

The walk: KEB-2026-000002 (ground c, not answered in time) granted in full with "Perintah kepada PPID: segera memberikan
salinan kontrak"; the request kept its old tasks, nothing stopped the PPID refusing it afterwards, and the yearly
report's "granted and carried out" stayed 0.

On PostgreSQL too: the order recorded on the request by the superior (found by a JSON query on the objection's history)
and the yearly report counting the order carried out (its SQL, the request's facts). The others (``sqlite_only``) are
the law's rules Python applies over rows either database returns alike.
"""

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import casework, objection_orders, reports
from engine.errors import Invalid
from engine.models import Case, CaseEvent, CaseFacts
from tests.conftest import sqlite_only
from tests.helpers import DELIVERED, NOTICE, STEP, dated, decision
from tests.workflows.test_keberatan_paths import REASONS, RECEIVED, clock_today

ORDER = "Segera memberikan salinan kontrak kepada pemohon"
FILES = {"berkas_informasi": [("kontrak.pdf", DELIVERED)]}
NOT_ANSWERED_NOR_FULFILLED = ("c", "e")  # the requester ticks e too: the order binds to a grant in full


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _unanswered_and_granted(office, clock, keputusan="keberatan_dikabulkan_seluruhnya", grounds=("c",)):
    """A request left unanswered past T10 (ground c), its objection granted by the superior while it is open."""
    request = office.submit()
    clock.move_to(office.deadline(request, "T10").due_at + timedelta(hours=1))
    office.run(request)
    objection = office.objection(request, list(grounds))
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    if "musyawarah" in str(office.open_tasks(objection)):
        office.complete(objection, "tawarkan_musyawarah", {"hasil": "tidak_bersedia"})
    office.complete(objection, "susun_kronologi", {"kronologi": "Belum dijawab", "pertimbangan_ppid": "Terlambat"})
    today = clock_today(office).isoformat()
    data = {"keputusan": keputusan, "tanggal_keputusan": today, "perintah_kepada_ppid": ORDER}
    if keputusan != "keberatan_dikabulkan_seluruhnya":
        data["alasan_tertulis"] = REASONS
    office.complete(objection, "putuskan_keberatan", data)
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": today, "dikirim_melalui": "email"})
    return request, objection


def _to_decision(office, request):
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(request, step)


def _report(office):
    with office.sessions() as s:
        return reports.annual_report(s, office.rt, reports.Period(2026))


def test_the_superior_s_order_is_recorded_on_the_open_request_as_the_superior_s_with_what_it_orders(office, clock):
    request, objection = _unanswered_and_granted(office, clock)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == request))
        news = s.scalar(select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.type == "linked_case_outcome"))
        assert news.actor == "atasan"  # the superior decided it, not whoever sent the response
        assert (news.data["outcome"], news.data["order"], news.data["grounds"]) == (
            "keberatan_dikabulkan_seluruhnya",
            ORDER,
            ["c"],
        )
        [order] = objection_orders.binding(s, case)
    assert (order.objection, order.text, order.on, order.by) == (objection, ORDER, clock_today(office), "atasan")


def _pending(office, request):
    with office.sessions() as s:
        return objection_orders.pending(s, s.scalar(select(Case).where(Case.ticket == request)))


@sqlite_only
@pytest.mark.parametrize("refused", ["ditolak_dikecualikan", "dikabulkan_sebagian"])
def test_a_decision_contrary_to_an_objection_granted_in_full_is_refused_naming_the_objection(office, clock, refused):
    request, objection = _unanswered_and_granted(office, clock, grounds=NOT_ANSWERED_NOR_FULFILLED)
    _to_decision(office, request)
    with pytest.raises(Invalid) as contrary:
        office.complete(request, "putuskan", decision(refused))
    assert contrary.value.reason == "objection_order_binds"
    assert objection in str(contrary.value.fields["keputusan"][0])
    assert "putuskan" in office.open_tasks(request)


@sqlite_only
@pytest.mark.parametrize("not_held", ["tidak_dikuasai", "belum_dikuasai_didokumentasikan"])
def test_information_not_held_is_never_refused_by_an_order_the_office_cannot_hand_over_what_it_does_not_hold(
    office, clock, not_held
):
    request, _objection = _unanswered_and_granted(office, clock, grounds=NOT_ANSWERED_NOR_FULFILLED)
    _to_decision(office, request)
    office.complete(request, "putuskan", decision(not_held))
    assert "putuskan" not in office.open_tasks(request)


@sqlite_only
def test_an_objection_granted_on_ground_c_alone_orders_an_answer_and_a_refusal_with_reasons_is_one(office, clock):
    """Not answered in time (c): the superior orders the PPID to answer, not to give the information; the written
    notice of a refusal, with its reasons, carries the order out."""
    request, objection = _unanswered_and_granted(office, clock)
    [order] = _pending(office, request)
    assert order.to_answer
    assert not order.in_full
    _to_decision(office, request)
    office.complete(request, "putuskan", decision("ditolak_dikecualikan"))
    office.complete(request, "uji_konsekuensi")
    office.complete(request, "tetapkan_pengecualian")
    today = clock_today(office)
    office.complete(request, "pemberitahuan_tertulis", dated(NOTICE["ditolak_dikecualikan"], today.isoformat()))
    assert _pending(office, request) == []  # answered: the box is gone
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == request))
        assert s.get(CaseFacts, case.id).carried_out_on == today
        assert objection_orders.binding(s, case) == []
    assert "penyerahan_lanjutan" not in office.open_tasks(request)  # an answer was ordered, not the information
    office.verify()


@sqlite_only
def test_an_objection_granted_in_part_allows_a_partial_grant_but_no_refusal(office, clock):
    request, objection = _unanswered_and_granted(
        office, clock, "keberatan_dikabulkan_sebagian", grounds=NOT_ANSWERED_NOR_FULFILLED
    )
    _to_decision(office, request)
    with pytest.raises(Invalid) as contrary:
        office.complete(request, "putuskan", decision("ditolak_dikecualikan"))
    assert objection in str(contrary.value.fields["keputusan"][0])
    office.complete(request, "putuskan", decision("dikabulkan_sebagian"))
    assert "uji_konsekuensi" in office.open_tasks(request)


def test_the_request_delivered_as_ordered_carries_the_objection_out_in_the_yearly_report(office, clock):
    request, objection = _unanswered_and_granted(office, clock, grounds=NOT_ANSWERED_NOR_FULFILLED)
    assert _report(office).value("objections.carried_out") == 0
    _to_decision(office, request)
    office.complete(request, "putuskan", decision("dikabulkan_seluruhnya"))
    office.complete(request, "pemberitahuan_tertulis")
    today = clock_today(office)
    delivered = {"biaya_dibayar": 0, "tanggal_penyerahan": today.isoformat(), "cara_penyerahan": "email"}
    office.complete(request, "penyerahan_informasi", delivered, files=FILES)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == request))
        assert s.get(CaseFacts, case.id).carried_out_on == today
        assert objection_orders.pending(s, case) == []  # carried out: no longer shown as binding
    assert _report(office).value("objections.carried_out") == 1
    assert office.open_tasks(request) == []  # done: not reopened for an order already carried out
    office.verify()


@sqlite_only
def test_a_refusal_decided_before_the_order_came_reopens_delivery_once_its_notice_is_sent(office, clock):
    """Decided as exempt while the objection was with the superior: the refusal's notice still goes (its step was
    under way), and then the request reopens its delivery as a decided request does on a granted objection."""
    request = office.submit()
    clock.move_to(office.deadline(request, "T10").due_at + timedelta(days=1))  # the next day: a notice now is late
    office.run(request)
    objection = office.objection(request, list(NOT_ANSWERED_NOR_FULFILLED))
    _to_decision(office, request)
    office.complete(request, "putuskan", decision("ditolak_dikecualikan"))
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    if "tawarkan_musyawarah" in office.open_tasks(objection):
        office.complete(objection, "tawarkan_musyawarah", {"hasil": "tidak_bersedia"})
    office.complete(objection, "susun_kronologi", {"kronologi": "Belum dijawab", "pertimbangan_ppid": "Terlambat"})
    today = clock_today(office).isoformat()
    granted = {
        "keputusan": "keberatan_dikabulkan_seluruhnya",
        "tanggal_keputusan": today,
        "perintah_kepada_ppid": ORDER,
    }
    office.complete(objection, "putuskan_keberatan", granted)
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": today, "dikirim_melalui": "email"})
    office.complete(request, "uji_konsekuensi")
    office.complete(request, "tetapkan_pengecualian")
    office.complete(request, "pemberitahuan_tertulis", dated(NOTICE["ditolak_dikecualikan"], today))  # late: sent today
    assert office.open_tasks(request) == ["eskalasi_t10"]  # the superior still acts on the lapse
    office.complete(request, "eskalasi_t10", STEP["eskalasi"])
    assert office.open_tasks(request) == ["penyerahan_lanjutan"]
    assert office.case(request).status == "dibuka_kembali"
    delivered = {"biaya_dibayar": 0, "tanggal_penyerahan": today, "cara_penyerahan": "email"}
    office.complete(request, "penyerahan_lanjutan", delivered, files=FILES)
    assert office.case(request).status == "selesai"
    assert _report(office).value("objections.carried_out") == 1
    office.verify()


@sqlite_only
def test_a_refusal_sent_in_time_after_the_t10_timer_fired_still_reopens_on_a_granted_objection(office, clock):
    """Found on the way (not this module's): the notice dated within T10 but recorded after the timer fired withdraws
    the superior's escalation; the request then never waits for an objection, and one granted later only logs."""
    from tests.workflows.test_keberatan_paths import _decide, _to_superior

    request = office.submit()
    clock.move_to(office.deadline(request, "T10").due_at + timedelta(hours=1))
    office.run(request)
    _to_decision(office, request)
    office.complete(request, "putuskan", decision("ditolak_dikecualikan"))
    office.complete(request, "uji_konsekuensi")
    office.complete(request, "tetapkan_pengecualian")
    office.complete(request, "pemberitahuan_tertulis")  # dated the day of receipt: in time, the escalation withdrawn
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    _decide(office, objection, "keberatan_dikabulkan_seluruhnya")
    assert office.open_tasks(request) == ["penyerahan_lanjutan"]
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == request))
        types = list(s.scalars(select(CaseEvent.type).where(CaseEvent.case_id == case.id)))
    assert (types.count("task_cancelled"), types.count("case_closed")) == (1, 1)  # the escalation; the notice's end
    office.verify()


@sqlite_only
def test_a_request_that_ended_for_good_shows_no_order(office, clock):
    request, _objection = _unanswered_and_granted(office, clock, grounds=NOT_ANSWERED_NOR_FULFILLED)
    assert _pending(office, request) != []
    with office.sessions.begin() as s:
        casework.withdraw_request(s, office.rt, s.scalar(select(Case).where(Case.ticket == request)), "tidak perlu")
    assert office.case(request).status == "dicabut"
    assert _pending(office, request) == []


def test_a_second_order_of_the_same_objection_is_carried_out_by_the_reopened_delivery():
    """The objection's news twice on the request (a later order of it, not taken up): the reopened delivery after it
    carries it out, whatever the request's first decision was."""
    news = {"message": objection_orders.MESSAGE, "ticket": "KEB-2026-000002", "outcome": objection_orders.FULL}
    rows = [
        ("task_completed", {"task": "putuskan", "data": {"keputusan": "ditolak_dikecualikan"}}),
        (objection_orders.NEWS, {**news, "grounds": ["e"], "applied": True}),
        (objection_orders.NEWS, {**news, "grounds": ["a", "e"], "applied": False}),
        ("task_completed", {"task": "penyerahan_lanjutan", "data": {"tanggal_penyerahan": "2026-12-04"}}),
    ]
    [order] = objection_orders.orders(rows)
    assert not order.applied
    assert objection_orders.carried_out_on(rows).isoformat() == "2026-12-04"


@sqlite_only
def test_closing_a_run_of_a_case_other_than_a_request_does_not_walk_its_tree_for_orders(office, clock, monkeypatch):
    request = office.submit()
    office.complete(request, "periksa_kelengkapan")
    office.complete(request, "registrasi")
    objection = office.objection(request, ["a"])
    walked = []
    waiting_for = office.rt.waiting_for
    monkeypatch.setattr(office.rt, "waiting_for", lambda wf, name: walked.append(name) or waiting_for(wf, name))
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    assert walked == []
    office.complete(request, "proses_permohonan")  # a request's run still looks
    assert walked == [objection_orders.MESSAGE]
