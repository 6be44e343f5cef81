"""Every path of workflows/keberatan.bpmn and the filing windows around it (legal-process.md §4, §6).

Each step saves the instance and loads it again (the Office fixture); time moves with time-machine.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import chain
from engine.errors import Invalid
from engine.models import Case, CaseEvent, Notification, Reminder, User
from tests.helpers import decision

# Wed 2 Dec 2026, 10:00 WIB. Christmas (Fri 25 Dec) is a holiday; Thu 24 Dec 2026 is cuti bersama, so
# the strict and lenient calendars differ by one day for windows that span it.
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
REASONS = "Informasi tersebut dikecualikan berdasarkan Pasal 17 huruf h; uji konsekuensi terlampir."


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _decided(office, outcome="ditolak_dikecualikan", ticket=None):
    """A request decided (and its notice sent, its information handed over when granted); ``ticket``: one filed
    already, else a new one."""
    ticket = ticket or office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision(outcome))
    if outcome in ("ditolak_dikecualikan", "dikabulkan_sebagian"):
        office.complete(ticket, "uji_konsekuensi")
        office.complete(ticket, "tetapkan_pengecualian")
    office.complete(ticket, "pemberitahuan_tertulis")
    if outcome in ("dikabulkan_seluruhnya", "dikabulkan_sebagian"):
        office.complete(ticket, "penyerahan_informasi")
    return ticket


def _to_superior(office, objection):
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    office.complete(
        objection,
        "susun_kronologi",
        {"kronologi": "Permohonan ditolak 2 Des 2026", "pertimbangan_ppid": "Dikecualikan"},
    )


def _decide(office, objection, keputusan, **extra):
    # Decided and sent on the objection's own day of receipt (bounded: engine.letters.completeness, engine.lateness).
    received = office.case(objection).received_at.astimezone(office.rt.calendars["strict"].tz).date().isoformat()
    data = {"keputusan": keputusan, "tanggal_keputusan": received, **extra}
    if keputusan != "keberatan_ditolak":
        data.setdefault("perintah_kepada_ppid", "Serahkan informasi yang diminta")
    if keputusan != "keberatan_dikabulkan_seluruhnya":
        data.setdefault("alasan_tertulis", REASONS)
    office.complete(objection, "putuskan_keberatan", data)
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": received, "dikirim_melalui": "email"})


def _window(office, ticket, kind):
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        if kind == "objection":
            return chain.objection_window(office.rt, s, case, "a")
        return chain.dispute_window(office.rt, s, case)


def test_objection_on_time_upheld_with_written_reasons_closes_and_opens_the_dispute_window(office, clock):
    request = _decided(office)
    objection = office.objection(request, ["a"])
    case = office.case(objection)
    assert objection.startswith("KEB-2026-")  # its own register number
    assert case.parent_id == office.case(request).id
    assert case.details["ketepatan_waktu"]["verdict"] == "tepat_waktu"
    a30 = office.deadline(objection, "A30")
    assert (a30.calendar, a30.working_days, a30.legal_basis) == ("strict", 30, "UU 14/2008 Pasal 36(2)")
    assert a30.due_at == office.rt.calendars["strict"].add_working_days(case.received_at, 30).due_at
    assert a30.due_at == datetime(2027, 1, 18, 9, 0, tzinfo=UTC)  # Mon 18 Jan 2027 16:00 WIB
    with office.sessions() as s:
        planned = set(s.scalars(select(Reminder.kind).where(Reminder.deadline_id == a30.id)))
    assert planned == {"T-3", "T-1", "T0", "T+1"}  # reminders before, on and after the superior's deadline
    assert office.open_tasks(objection) == ["registrasi_keberatan"]
    _to_superior(office, objection)  # ground a: no amicable settlement is offered
    assert office.case(objection).status == "menunggu_keputusan_atasan"
    _decide(office, objection, "keberatan_ditolak")
    case = office.case(objection)
    assert (case.status, case.outcome) == ("keberatan_selesai", "keberatan_ditolak")
    assert case.closed_at is not None
    assert office.deadlines(objection) == {"A30": "met"}
    assert office.open_tasks(request) == []  # upheld: nothing reopens
    window = _window(office, objection, "dispute")
    assert (window.name, window.calendar, window.working_days, window.opened_by) == ("D14", "lenient", 14, "response")
    with office.sessions() as s:
        letters = s.scalars(
            select(Notification.event).where(Notification.case_id == case.id, Notification.to_requester.is_(True))
        ).all()
    assert sorted(set(letters)) == ["objection_receipt", "objection_response", "survey_invitation"]
    office.verify()


def test_upholding_the_ppid_without_written_reasons_is_refused(office, clock):
    request = _decided(office)
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    with pytest.raises(Invalid) as refused:
        office.complete(
            objection, "putuskan_keberatan", {"keputusan": "keberatan_ditolak", "tanggal_keputusan": "2026-12-02"}
        )
    assert "alasan_tertulis" in refused.value.fields
    assert office.open_tasks(objection) == ["putuskan_keberatan"]


def test_granted_objection_reopens_delivery_on_the_request(office, clock):
    request = _decided(office)
    assert office.case(request).closed_at is not None
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    _decide(office, objection, "keberatan_dikabulkan_seluruhnya")
    assert office.case(objection).outcome == "keberatan_dikabulkan_seluruhnya"
    reopened = office.case(request)
    assert (reopened.status, reopened.closed_at) == ("dibuka_kembali", None)
    assert office.open_tasks(request) == ["penyerahan_lanjutan"]
    # Delivery has its clock again: KAWAL_DELIVERY_DAYS (3) working days from the day it reopened (issue 15).
    serah = office.deadline(request, "SERAH")
    assert (serah.status, serah.working_days, serah.public) == ("pending", 3, True)
    office.complete(request, "penyerahan_lanjutan", step="penyerahan_informasi")
    assert office.deadlines(request)["SERAH"] == "met"
    done = office.case(request)
    assert done.status == "selesai"
    assert done.closed_at is not None
    assert office.milestones(request)[-3:] == ["dibuka_kembali", "informasi_diserahkan", "selesai"]
    office.verify()


def test_amicable_settlement_is_offered_only_for_grounds_b_to_g_and_can_hand_the_information_over(office, clock):
    request = _decided(office, "dikabulkan_sebagian")
    objection = office.objection(request, ["d", "e"])
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "langsung"})
    assert office.open_tasks(objection) == ["tawarkan_musyawarah"]
    office.complete(
        objection,
        "tawarkan_musyawarah",
        {
            "hasil": "sepakat",
            "kesepakatan": "Data lengkap diserahkan",
            "informasi_diserahkan": True,
            "tanggal": "2026-12-02",  # settled the day the objection came in (not in the future)
        },
    )
    case = office.case(objection)
    assert case.status == "diselesaikan_musyawarah"
    assert case.closed_at is not None
    assert office.open_tasks(request) == ["penyerahan_lanjutan"]


def test_failed_amicable_settlement_goes_to_the_superior(office, clock):
    request = _decided(office, "dikabulkan_sebagian")
    objection = office.objection(request, ["f"])
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "pos"})
    office.complete(objection, "tawarkan_musyawarah", {"hasil": "tidak_sepakat"})
    assert office.open_tasks(objection) == ["susun_kronologi"]


def test_late_objection_is_registered_and_flagged_never_refused(office, clock):
    request = _decided(office)
    window = _window(office, request, "objection")
    assert (window.name, window.calendar, window.opened_by) == ("O30", "lenient", "notice")
    clock.move_to(window.due_at + timedelta(days=3))
    objection = office.objection(request, ["a"])
    case = office.case(objection)
    assert case.details["ketepatan_waktu"]["verdict"] == "terlambat"
    assert office.open_tasks(objection) == ["registrasi_keberatan"]  # handled like any other
    with office.sessions() as s:
        flagged = s.scalar(
            select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.type == "objection_filed_late")
        )
    assert flagged is not None


def test_objection_late_on_the_strict_calendar_only_is_on_time_and_flagged_for_a_human(office, clock):
    request = _decided(office)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == request))
        strict = chain.objection_window(office.rt, s, case, "a", calendar="strict")
        lenient = chain.objection_window(office.rt, s, case, "a", calendar="lenient")
    assert lenient.due_at > strict.due_at  # cuti bersama 24 Dec 2026 counts only on the strict calendar
    clock.move_to(strict.due_at + timedelta(days=1))  # the day after the strict window's last day (a whole day)
    objection = office.objection(request, ["a"])
    timing = office.case(objection).details["ketepatan_waktu"]
    assert (timing["verdict"], timing["late"]) == ("tepat_waktu_kalender_longgar", False)


def test_objection_for_an_unanswered_request_counts_from_the_lapse_of_t10(office, clock):
    request = office.submit()
    t10 = office.deadline(request, "T10").due_at
    clock.move_to(t10 + timedelta(hours=1))
    office.run(request)
    assert office.deadlines(request)["T10"] == "missed"
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == request))
        window = chain.objection_window(office.rt, s, case, "c")
    assert (window.opened_by, window.start_at) == ("lapse", t10)
    objection = office.objection(request, ["c"])
    assert office.case(objection).details["ketepatan_waktu"]["verdict"] == "tepat_waktu"


def test_a30_lapse_escalates_to_the_superior_and_opens_the_dispute_window(office, clock):
    request = _decided(office)
    objection = office.objection(request, ["a"])
    a30 = office.deadline(objection, "A30").due_at
    clock.move_to(a30 + timedelta(hours=1))
    office.run(objection)
    case = office.case(objection)
    assert (case.status, case.overdue) == ("keberatan_tidak_ditanggapi", True)
    assert office.deadlines(objection) == {"A30": "missed"}
    assert "eskalasi_a30" in office.open_tasks(objection)
    window = _window(office, objection, "dispute")
    # The requester's window runs from the lapse on the latest reading: A30 counted on the lenient calendar.
    lenient_a30 = office.rt.calendars["lenient"].add_working_days(office.case(objection).received_at, 30).due_at
    assert lenient_a30 > a30  # Cuti Bersama Natal (24 Dec 2026) counts only on the strict reading
    assert (window.opened_by, window.start_at, window.calendar) == ("lapse", lenient_a30, "lenient")
    assert window.due_at == office.rt.calendars["lenient"].add_working_days(lenient_a30, 14).due_at


def test_paper_objection_keeps_its_real_receipt_time(office, clock):
    request = _decided(office)
    clock.move_to(RECEIVED + timedelta(days=2))
    paper = RECEIVED + timedelta(days=1)
    objection = office.objection(request, ["a"], received_at=paper)
    case = office.case(objection)
    assert case.received_at == paper
    assert office.deadline(objection, "A30").start_at == paper


def test_granted_objection_on_a_request_still_in_process_is_recorded_on_it_and_its_officers_carry_on(office, clock):
    request = office.submit()
    clock.move_to(office.deadline(request, "T10").due_at + timedelta(hours=1))
    office.run(request)  # T10 lapsed without a notice: ground c
    objection = office.objection(request, ["c"])
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    office.complete(objection, "tawarkan_musyawarah", {"hasil": "tidak_bersedia"})
    office.complete(objection, "susun_kronologi", {"kronologi": "Belum dijawab", "pertimbangan_ppid": "Terlambat"})
    _decide(office, objection, "keberatan_dikabulkan_seluruhnya")
    assert office.case(objection).status == "keberatan_selesai"
    assert "periksa_kelengkapan" in office.open_tasks(request)  # the request's own path goes on
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == request))
        news = s.scalar(select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.type == "linked_case_outcome"))
    assert (news.data["ticket"], news.data["applied"]) == (objection, False)
    office.verify()


def test_an_objection_on_the_exemption_granted_in_full_ends_the_register_entry_the_refusal_rests_on(office, clock):
    """The request reopened for delivery while its entry stayed "in force" to 2036, and a later refusal could cite
    an exemption the superior had overturned (Pasal 20, 36)."""
    from engine import exemptions
    from engine.models import Exemption

    request = _decided(office)
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    _decide(office, objection, "keberatan_dikabulkan_seluruhnya")
    today = clock_today(office)
    with office.sessions() as s:
        (entry,) = s.scalars(select(Exemption)).all()
        assert entry.ended_on == today
        assert objection in entry.ended_reason
        assert exemptions.view(entry, today)["in_force"] is False
        assert exemptions.view(entry, today)["valid_until"].isoformat() == "2036-12-31"  # the decree, as it was
        with pytest.raises(Invalid) as cited:
            exemptions.check_citation(
                s, {"pengecualian_terdaftar": entry.id, "keputusan": "ditolak_dikecualikan"}, today
            )
        assert list(cited.value.fields) == ["pengecualian_terdaftar"]
    with office.sessions() as s:
        types = s.scalars(select(CaseEvent.type).join(Case).where(Case.ticket == request)).all()
    assert "exemption_ended" in types


def test_an_objection_upheld_or_on_another_ground_leaves_the_entry_in_force(office, clock):
    from engine.models import Exemption

    request = _decided(office)
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    _decide(office, objection, "keberatan_ditolak")
    with office.sessions() as s:
        (entry,) = s.scalars(select(Exemption)).all()
        assert entry.ended_on is None


def clock_today(office):
    from engine import clock as office_clock

    return office_clock.now().astimezone(office.rt.calendars["strict"].tz).date()


def test_an_objection_settled_by_agreement_counts_its_days_to_the_agreement_as_dated_not_as_recorded(office, clock):
    """legal-process.md §9.3: days to the superior's response. An agreement reached on Wed 2 Dec and recorded on
    Thu 10 Dec (no letter follows it) counted to the recording: 6 working days instead of 0."""
    from sqlalchemy import select

    from engine import facts, kinds, registers
    from engine.models import Case, CaseFacts

    request = _decided(office, "dikabulkan_sebagian")
    objection = office.objection(request, ["d"])
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "langsung"})
    clock.move_to(datetime(2026, 12, 10, 3, 0, tzinfo=UTC))
    agreed = {"hasil": "sepakat", "kesepakatan": "Data diserahkan", "informasi_diserahkan": True}
    agreed["tanggal"] = "2026-12-02"
    office.complete(objection, "tawarkan_musyawarah", agreed)
    cal = office.rt.calendars["strict"]
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == objection))
        told = cal.working_days_between(cal.day_zero(case.received_at)[0], date(2026, 12, 2))
        assert s.get(CaseFacts, case.id).decision_days == told == facts.derive(s, office.rt, case)["decision_days"]
        assert facts.working_days(office.rt, case.received_at, case.closed_at) > told  # what it counted before
        [row] = registers.rows(s, office.rt, office.user(s, "ppid"), registers.Filter(kinds.OBJECTION))
        assert (row["decided_at"], row["decision_days"]) == (date(2026, 12, 2), told)  # the agreement's own day


def test_the_objection_register_names_the_superior_s_position_and_dates_the_decision_by_its_own_date(office, clock):
    """legal-process.md §4.3: the register holds the Atasan PPID's decision, the day and date of the response, and
    the name and position of the Atasan PPID. It showed a login's name and the moment the decision was typed in."""
    from sqlalchemy import select

    from engine import kinds, registers

    request = _decided(office)
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    clock.move_to(datetime(2026, 12, 4, 3, 0, tzinfo=UTC))  # typed in on Friday, decided on Wednesday
    _decide(office, objection, "keberatan_ditolak")
    with office.sessions() as s:
        [row] = registers.rows(s, office.rt, office.user(s, "ppid"), registers.Filter(kinds.OBJECTION))
        decider = s.scalar(select(User.display_name).where(User.username == "atasan"))
    assert (row["decided_by"], row["decided_by_position"]) == (decider, "Atasan PPID")
    assert row["decided_at"] == date(2026, 12, 2)  # the decision's own date (_decide dates it the day of receipt)


def test_an_upgrade_ends_the_entries_an_objection_overturned_before_the_register_ended_them(
    office, clock, settings, monkeypatch
):
    """An office upgraded from a Kawal older than migration 0023 kept an entry "in force" (and citable) after an
    objection on ground a was granted in full. `kawal db upgrade` ends it as the grant would have: on the day the
    request learned of it, with its event; the chains stay whole, and a second run changes nothing."""
    from click.testing import CliRunner

    from api.cli import main
    from engine import exemptions, run
    from engine.models import Exemption

    request = _decided(office)
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    monkeypatch.setattr(run.exemption_ends, "end_for_objection", lambda *a, **k: [])  # the Kawal before 0023
    _decide(office, objection, "keberatan_dikabulkan_seluruhnya")
    monkeypatch.undo()
    with office.sessions() as s:
        (entry,) = s.scalars(select(Exemption)).all()
        assert entry.ended_on is None
    monkeypatch.setenv("KAWAL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    first = CliRunner().invoke(main, ["db", "upgrade"], catch_exceptions=False)
    assert "1 exemption entries ended" in first.output
    with office.sessions() as s:
        (entry,) = s.scalars(select(Exemption)).all()
        assert entry.ended_on == clock_today(office)
        assert objection in entry.ended_reason
        assert exemptions.in_force(entry, clock_today(office)) is False
        types = s.scalars(select(CaseEvent.type).join(Case).where(Case.ticket == request)).all()
    assert types.count("exemption_ended") == 1
    again = CliRunner().invoke(main, ["db", "upgrade"], catch_exceptions=False)
    assert "exemption" not in again.output
    office.verify()
