"""Every path of workflows/permohonan_informasi.bpmn, as the law describes it (legal-process.md §3.10).

Time is moved with time-machine, which moves SpiffWorkflow's own clock too: the library decides by
itself when a timer is due.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from engine.errors import Invalid
from tests.helpers import STEP, decision

# Wed 2 Dec 2026, 10:00 WIB: no holidays in the next four weeks but Christmas (Fri 25 Dec 2026).
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


@pytest.fixture
def at_receipt():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _to_decision(office, ticket):
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)


def test_t10_is_ten_working_days_after_receipt_at_close_of_business(office, at_receipt):
    ticket = office.submit()
    due = office.deadline(ticket, "T10")
    assert due.due_at == datetime(2026, 12, 16, 9, 0, tzinfo=UTC)  # Wed 16 Dec 2026, 16:00 WIB
    assert due.legal_basis == "UU 14/2008 Pasal 22(7)"
    assert due.calendar == "strict"
    assert [s["kind"] for s in due.provenance["skipped"]] == ["weekend"] * 4


def test_grant_in_full_goes_to_delivery_and_ends_done(office, at_receipt):
    ticket = office.submit()
    _to_decision(office, ticket)
    office.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    assert office.open_tasks(ticket) == ["pemberitahuan_tertulis"]  # no consequence test for a full grant
    office.complete(ticket, "pemberitahuan_tertulis")
    office.complete(ticket, "penyerahan_informasi")
    case = office.case(ticket)
    assert (case.status, case.outcome, case.overdue) == ("selesai", "dikabulkan_seluruhnya", False)
    assert case.closed_at is not None
    assert office.deadlines(ticket) == {"T10": "met", "SERAH": "met"}
    assert office.milestones(ticket) == [
        "diterima",
        "terdaftar",
        "diproses",
        "dikabulkan_seluruhnya",
        "informasi_diserahkan",
        "selesai",
    ]
    office.verify()


@pytest.mark.parametrize("outcome", ["ditolak_dikecualikan", "dikabulkan_sebagian"])
def test_rejection_or_partial_grant_requires_a_consequence_test(office, at_receipt, outcome):
    ticket = office.submit()
    _to_decision(office, ticket)
    office.complete(ticket, "putuskan", decision(outcome))
    assert office.open_tasks(ticket) == ["uji_konsekuensi"]
    office.complete(ticket, "uji_konsekuensi")
    office.complete(ticket, "tetapkan_pengecualian")
    office.complete(ticket, "pemberitahuan_tertulis")
    expected_next = ["penyerahan_informasi"] if outcome == "dikabulkan_sebagian" else []
    assert office.open_tasks(ticket) == expected_next
    assert office.case(ticket).outcome == outcome


def test_rejection_without_exemption_letter_is_refused(office, at_receipt):
    ticket = office.submit()
    _to_decision(office, ticket)
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "putuskan", {"keputusan": "ditolak_dikecualikan", "alasan_keputusan": "Rahasia"})
    assert "pasal_pengecualian" in refused.value.fields
    assert office.open_tasks(ticket) == ["putuskan"]


@pytest.mark.parametrize("outcome", ["tidak_dikuasai", "belum_dikuasai_didokumentasikan"])
def test_information_not_held_ends_after_the_notice_without_delivery(office, at_receipt, outcome):
    ticket = office.submit()
    _to_decision(office, ticket)
    office.complete(ticket, "putuskan", decision(outcome, badan_publik_penguasa="Kementerian Keuangan"))
    assert office.open_tasks(ticket) == ["pemberitahuan_tertulis"]
    office.complete(
        ticket,
        "pemberitahuan_tertulis",
        {"informasi_dikuasai": False, "biaya": 0, "tanggal_pemberitahuan": "2026-12-02", "dikirim_melalui": "pos"},
    )
    case = office.case(ticket)
    assert (case.status, case.outcome) == ("selesai", outcome)
    assert office.open_tasks(ticket) == []


def test_unit_holding_the_information_answers_before_the_decision(office, at_receipt):
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    office.complete(ticket, "registrasi")
    office.complete(ticket, "proses_permohonan", step="proses_permohonan_unit")
    assert office.open_tasks(ticket) == ["tanggapan_unit"]
    office.complete(ticket, "tanggapan_unit")
    assert office.open_tasks(ticket) == ["tentukan_langkah"]


def test_incomplete_request_waits_for_completion_then_registers(office, at_receipt):
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan", step="periksa_kelengkapan_kurang")
    assert office.case(ticket).status == "menunggu_kelengkapan"
    assert office.deadlines(ticket) == {"T10": "pending", "K_LENGKAP": "pending"}
    office.complete(ticket, "terima_kelengkapan")
    assert office.open_tasks(ticket) == ["registrasi"]
    assert office.deadlines(ticket) == {"T10": "pending", "K_LENGKAP": "met"}


def test_incomplete_request_closes_when_the_completion_window_lapses(office, at_receipt):
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan", step="periksa_kelengkapan_kurang")
    window = office.deadline(ticket, "K_LENGKAP")
    assert window.working_days == 3
    at_receipt.move_to(window.due_at + timedelta(minutes=1))
    office.run(ticket)
    assert office.open_tasks(ticket) == ["pemberitahuan_tidak_lengkap"]  # closed only by a written notice
    office.complete(ticket, "pemberitahuan_tidak_lengkap")
    case = office.case(ticket)
    assert case.status == "ditutup_tidak_lengkap"
    assert case.closed_at is not None
    assert office.deadlines(ticket) == {"T10": "met", "K_LENGKAP": "lapsed"}  # the requester's window: no fault
    assert office.open_tasks(ticket) == []


def test_extension_adds_seven_working_days_and_supersedes_t10(office, at_receipt):
    ticket = office.submit()
    _to_decision_with_extension(office, ticket)
    assert office.case(ticket).status == "diperpanjang"
    assert office.deadlines(ticket) == {"T10": "superseded", "T17": "pending"}
    t17 = office.deadline(ticket, "T17")
    assert t17.due_at == datetime(2026, 12, 28, 9, 0, tzinfo=UTC)  # Mon 28 Dec 2026: Christmas not counted
    assert "2026-12-25" in [s["date"] for s in t17.provenance["skipped"]]
    assert office.case(ticket).due_at == t17.due_at
    office.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    office.complete(ticket, "pemberitahuan_tertulis")
    assert office.deadlines(ticket) == {"T10": "superseded", "T17": "met", "SERAH": "pending"}
    assert office.deadline(ticket, "SERAH").due_at == t17.due_at  # free information: within the extended period


def _to_decision_with_extension(office, ticket):
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan"):
        office.complete(ticket, step)
    office.complete(ticket, "tentukan_langkah", step="tentukan_langkah_perpanjang")


def test_extension_after_t10_is_refused_but_deciding_still_works(office, at_receipt):
    ticket = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan"):
        office.complete(ticket, step)
    at_receipt.move_to(office.deadline(ticket, "T10").due_at + timedelta(days=1))  # Thu 17 Dec 2026
    late_notice = {**STEP["tentukan_langkah_perpanjang"], "tanggal_pemberitahuan_perpanjangan": "2026-12-17"}
    with pytest.raises(Invalid):
        office.complete(ticket, "tentukan_langkah", late_notice)
    office.complete(ticket, "tentukan_langkah")
    assert "putuskan" in office.open_tasks(ticket)


def test_t10_lapse_marks_case_overdue_and_escalates_to_the_superior_without_ending_it(office, at_receipt):
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    at_receipt.move_to(office.deadline(ticket, "T10").due_at + timedelta(minutes=1))
    office.run(ticket)
    case = office.case(ticket)
    assert case.overdue is True
    assert case.status == "diterima"  # the case goes on
    assert office.open_tasks(ticket) == ["eskalasi_t10", "registrasi"]
    assert office.deadlines(ticket) == {"T10": "missed"}
    office.run(ticket)  # a second timer job finds nothing to do
    assert office.open_tasks(ticket) == ["eskalasi_t10", "registrasi"]
    office.complete(ticket, "eskalasi_t10", step="eskalasi")
    for step in ("registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    office.complete(ticket, "uji_konsekuensi")
    office.complete(ticket, "tetapkan_pengecualian")
    office.complete(ticket, "pemberitahuan_tertulis")
    assert office.case(ticket).status == "selesai"
    office.verify()


def test_t17_lapse_escalates_again(office, at_receipt):
    ticket = office.submit()
    _to_decision_with_extension(office, ticket)
    at_receipt.move_to(office.deadline(ticket, "T17").due_at + timedelta(minutes=1))
    office.run(ticket)
    assert office.case(ticket).overdue is True
    assert office.open_tasks(ticket) == ["eskalasi_t17", "putuskan"]
    assert office.deadlines(ticket) == {"T10": "superseded", "T17": "missed"}


def test_timer_job_before_the_deadline_changes_nothing(office, at_receipt):
    ticket = office.submit()
    before = office.case(ticket).version
    office.run(ticket)
    assert office.case(ticket).version == before
    assert office.deadlines(ticket) == {"T10": "pending"}


def test_offline_request_received_eleven_working_days_ago_is_already_overdue(office, at_receipt):
    ticket = office.submit(received_at=RECEIVED - timedelta(days=15), channel="pos")
    case = office.case(ticket)
    assert case.overdue is True
    assert office.deadlines(ticket) == {"T10": "missed"}
    assert office.open_tasks(ticket) == ["eskalasi_t10", "periksa_kelengkapan"]


@pytest.mark.parametrize("stage", ["periksa_kelengkapan", "putuskan", "penyerahan_informasi"])
def test_requester_may_withdraw_at_any_stage(office, at_receipt, stage):
    from sqlalchemy import select

    from engine import casework
    from engine.models import Case

    ticket = office.submit()
    steps = ["periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"]
    for step in steps[: steps.index(stage)] if stage in steps else steps:
        office.complete(ticket, step)
    if stage == "penyerahan_informasi":
        office.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
        office.complete(ticket, "pemberitahuan_tertulis")
    assert stage in office.open_tasks(ticket)
    with office.sessions.begin() as s:
        casework.withdraw_request(s, office.rt, s.scalar(select(Case).where(Case.ticket == ticket)), "tidak perlu")
    case = office.case(ticket)
    assert case.status == "dicabut"
    assert case.closed_at is not None
    assert office.open_tasks(ticket) == []
    assert "pending" not in office.deadlines(ticket).values()


def test_reconcile_runs_only_cases_whose_deadline_has_come(office, at_receipt):
    from notifications.reconcile import reconcile
    from notifications.services import Services, use

    svc = Services(office.rt.settings)  # the embedded mode: reconcile runs the timer jobs itself
    use(svc)
    try:
        early = office.submit()
        at_receipt.move_to(RECEIVED + timedelta(days=2))
        later = office.submit()
        at_receipt.move_to(office.deadline(early, "T10").due_at + timedelta(minutes=1))
        assert [t.split(":")[1] for t in reconcile(svc).timers] == ["ran"]
        assert office.case(early).overdue is True
        assert office.case(later).overdue is False
        assert reconcile(svc).timers == []  # nothing due twice
    finally:
        use(None)
        svc.sessions.kw["bind"].dispose()
