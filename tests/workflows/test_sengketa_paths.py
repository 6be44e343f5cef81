"""Every path of workflows/sengketa_informasi.bpmn, the agency's side of a dispute (legal-process.md §5.3-§5.4, §6).

The Komisi Informasi and the courts speak through messages an officer records; each step saves the
instance and loads it again (the Office fixture). Time moves with time-machine, which moves
SpiffWorkflow's own clock too: the library decides by itself when a timer is due.
"""

from datetime import UTC, datetime, timedelta, timezone

import pytest
import time_machine
from sqlalchemy import func, select

from api.language import say
from engine import windows
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.lateness import lenient_due
from engine.messages import Term, msg
from engine.models import Case, CaseEvent, HumanTask, Notification, Reminder

# Wed 13 Jan 2027, 10:00 WIB: the summons arrives; the KI received the application on Mon 4 Jan 2027.
SUMMONED = datetime(2027, 1, 13, 3, 0, tzinfo=UTC)


WIB = timezone(timedelta(hours=7))


def wib(day: str, hour: int = 10) -> datetime:
    """An instant on an office day in Jakarta (UTC+7)."""
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00+07:00")


@pytest.fixture
def clock():
    with time_machine.travel(SUMMONED, tick=True) as traveller:
        yield traveller


SURAT_KUASA = {
    "nomor_surat": "B-17/Kw.09/HM.00/01/2027",
    "tanggal": "2027-01-13",  # signed the day the summons came (not in the future)
    "penerima_kuasa": ["Kepala Bagian Tata Usaha", "Kepala Subbagian Hukum dan KUB"],
    "wewenang_berdamai": True,
}
# A dispute on ground a alone is not mediated (UU 14/2008 Pasal 40): its power of attorney asks no authority to settle,
# and refuses a "yes" (tests/web/test_settlement_authority_only_where_mediation_can_settle.py).
SURAT_KUASA_GROUND_A = {k: v for k, v in SURAT_KUASA.items() if k != "wewenang_berdamai"}
BERKAS = {
    "kronologi_diperiksa": True,
    "daftar_bukti": ["Register permohonan", "Pemberitahuan tertulis", "Tanggapan Atasan PPID"],
    "argumen": "Permohonan telah dijawab dalam jangka waktu yang ditentukan.",
    "uji_konsekuensi_dilampirkan": False,
}
MANDAT = {"mandat": "Boleh menyerahkan daftar penerima tanpa NIK", "bersedia_menyerahkan_informasi": True}
BUKTI = {"alat_bukti": ["T-1 Register permohonan", "T-2 Lembar uji konsekuensi"], "tanggal_diserahkan": "2027-02-10"}
KESIMPULAN = {"tanggal_diserahkan": "2027-02-17", "ringkasan": "Informasi dikecualikan berdasarkan Pasal 17 huruf h."}
PELAKSANAAN = {
    "tanggal_pelaksanaan": "2027-04-05",
    "uraian": "Daftar penerima beasiswa diserahkan kepada pemohon melalui e-mail",
    "nomor_berita_acara": "BA-03/PPID/IV/2027",
}
BEFORE_THE_HEARING = ["sengketa_teregistrasi", "persiapan_termohon", "pemeriksaan_awal"]


def _carried_out() -> dict:
    """The decision carried out today (a date of the past: never after the day it is recorded)."""
    from engine import clock as office_clock

    return {**PELAKSANAAN, "tanggal_pelaksanaan": office_clock.now().astimezone(WIB).date().isoformat()}


def _dispute(office, grounds=("c",)):
    """A request, an objection on ``grounds`` and the KI's summons against it."""
    request = office.submit()
    objection = office.objection(request, list(grounds))
    return office.dispute(objection)


def power_for(grounds) -> dict:
    """The power of attorney a dispute on ``grounds`` is given: with the authority to settle where mediation can."""
    return SURAT_KUASA if set(grounds) - {"a"} else SURAT_KUASA_GROUND_A


def _prepared(office, grounds=("c",)):
    ticket = _dispute(office, grounds)
    office.complete(ticket, "surat_kuasa", power_for(grounds))
    office.complete(ticket, "siapkan_berkas", BERKAS)
    return ticket


def _heard(office, clock, grounds=("c",), **outcome):
    ticket = _prepared(office, grounds)
    clock.move_to(wib("2027-01-20"))
    office.message(ticket, "pemeriksaan_awal", {"tanggal": "2027-01-20", "hasil": "dilanjutkan", **outcome})
    return ticket


def _in_mediation(office, clock):
    ticket = _heard(office, clock, mediasi=True, tanggal_mediasi="2027-01-20")
    office.complete(ticket, "mandat_mediasi", MANDAT)
    return ticket


def _decided(office, clock, amar, **received):
    """Adjudication to the decision, received on Mon 1 Mar 2027."""
    ticket = _heard(office, clock, mediasi=False)
    clock.move_to(wib("2027-02-17"))  # the evidence handed over on 10 Feb, the conclusions on 17 Feb
    office.complete(ticket, "bukti_ajudikasi", BUKTI)
    office.complete(ticket, "kesimpulan", KESIMPULAN)
    clock.move_to(wib("2027-03-01"))
    decision = {"tanggal_dibacakan": "2027-02-26", "tanggal_diterima": "2027-03-01", "amar": amar, **received}
    office.message(ticket, "putusan_ajudikasi", decision)
    return ticket


def _court(office, ticket, amar, nomor="12/G/KI/2027/PTUN.JKT"):
    decision = {"tanggal": "2027-05-03", "pengadilan": "PTUN Jakarta", "nomor_perkara": nomor, "amar": amar}
    office.message(ticket, "putusan_pengadilan", decision)


def _snapshot(office, ticket):
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        events = s.scalar(select(func.count(CaseEvent.id)).where(CaseEvent.case_id == case.id))
        return case.status, case.workflow_state.state, events, office.open_tasks(ticket), office.deadlines(ticket)


def _workflow_data(office, ticket):
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        wf = office.rt.load(s, case)
        return wf.last_task.data


def _overdue_notices(office, ticket):
    with office.sessions() as s:
        return s.scalars(
            select(Notification.event)
            .join(Case, Notification.case_id == Case.id)
            .where(Case.ticket == ticket, Notification.event.in_(["deadline_overdue", "escalation", "overdue_apology"]))
        ).all()


def _due_at(office, ticket, task):
    with office.sessions() as s:
        return s.scalar(select(HumanTask.due_at).join(Case).where(Case.ticket == ticket, HumanTask.bpmn_id == task))


def test_summons_registers_the_dispute_and_the_superior_issues_the_power_of_attorney(office, clock):
    ticket = _dispute(office)
    case = office.case(ticket)
    assert case.status == "persiapan_termohon"
    assert office.milestones(ticket) == ["sengketa_teregistrasi", "persiapan_termohon"]
    assert office.open_tasks(ticket) == ["surat_kuasa"]
    k100 = office.deadline(ticket, "K100")
    assert (k100.legal_basis, k100.calendar, k100.working_days, k100.public) == (
        "UU 14/2008 Pasal 38(2) (informatif)",
        "lenient",
        100,
        False,
    )
    # The Commission's clock, on the lenient reading: 100 working days from Mon 4 Jan 2027 (the KI's receipt).
    # The strict count ends Fri 4 Jun 2027; seven cuti bersama fall on weekdays before then (5 Feb, 9, 12,
    # 15 and 25 Mar, 18 and 19 May), so the lenient count runs seven working days on: 7-11 Jun (5), Mon 14
    # (6), Tue 15 Jun 2027 (7), 16:00 WIB.
    assert k100.due_at == datetime(2027, 6, 15, 9, 0, tzinfo=UTC)
    office.complete(ticket, "surat_kuasa", SURAT_KUASA)
    assert office.open_tasks(ticket) == ["siapkan_berkas"]
    office.complete(ticket, "siapkan_berkas", BERKAS)
    assert office.open_tasks(ticket) == []  # waiting for the preliminary examination
    assert office.case(ticket).status == "persiapan_termohon"
    office.verify()


def test_file_without_a_checked_chronology_is_refused(office, clock):
    ticket = _dispute(office)
    office.complete(ticket, "surat_kuasa", SURAT_KUASA)
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "siapkan_berkas", {**BERKAS, "kronologi_diperiksa": False})
    assert "kronologi_diperiksa" in refused.value.fields
    assert office.open_tasks(ticket) == ["siapkan_berkas"]


def test_interlocutory_decision_ends_the_case(office, clock):
    ticket = _prepared(office)
    clock.move_to(wib("2027-01-20"))
    office.message(ticket, "pemeriksaan_awal", {"tanggal": "2027-01-20", "hasil": "putusan_sela"})
    case = office.case(ticket)
    assert case.status == "putusan_sela"
    assert case.closed_at is not None
    assert office.milestones(ticket) == [*BEFORE_THE_HEARING, "putusan_sela"]
    assert office.open_tasks(ticket) == []
    assert office.deadlines(ticket) == {"PERSIAPAN": "met", "K100": "cancelled"}
    office.verify()


def test_exemption_dispute_skips_mediation_even_when_the_panel_orders_it_and_its_history_says_why(office, clock):
    ticket = _heard(office, clock, grounds=["a"], mediasi=True, tanggal_mediasi="2027-01-20")
    assert office.case(ticket).status == "ajudikasi"
    assert office.milestones(ticket) == [*BEFORE_THE_HEARING, "ajudikasi"]
    assert office.open_tasks(ticket) == ["bukti_ajudikasi"]
    assert office.deadlines(ticket) == {"PERSIAPAN": "met", "K100": "pending"}  # no mediation clock
    # Recorded as the Commission ordered it; the history tells the officer why no mediation follows (Pasal 40).
    with office.sessions() as s:
        said = s.scalars(
            select(CaseEvent.data).join(Case).where(Case.ticket == ticket, CaseEvent.type == "mediation_not_applicable")
        ).all()
    assert said == [{"grounds": ["a"]}]


def test_a_mediation_ordered_on_grounds_it_can_settle_is_not_said_to_be_inapplicable(office, clock):
    ticket = _in_mediation(office, clock)  # ground c
    with office.sessions() as s:
        types = s.scalars(select(CaseEvent.type).join(Case).where(Case.ticket == ticket)).all()
    assert "message_received" in types
    assert "mediation_not_applicable" not in types


def test_no_mediation_ordered_goes_to_adjudication(office, clock):
    ticket = _heard(office, clock, mediasi=False)
    assert office.milestones(ticket) == [*BEFORE_THE_HEARING, "ajudikasi"]
    assert office.open_tasks(ticket) == ["bukti_ajudikasi"]


def test_mediation_agreement_is_a_final_decision_the_agency_carries_out(office, clock):
    ticket = _in_mediation(office, clock)
    assert office.case(ticket).status == "mediasi"
    m14 = office.deadline(ticket, "M14")
    # The Commission's clock, on the lenient reading: 14 working days from Wed 20 Jan 2027, the first
    # meeting: 21, 22, 25-29 Jan (7), 1-4 Feb (11), Fri 5 Feb Cuti Bersama Imlek, Sat 6 Imlek, Mon 8 (12),
    # Tue 9 (13), Wed 10 Feb 2027 (14), 16:00 WIB (the strict reading would end Tue 9 Feb).
    assert m14.due_at == datetime(2027, 2, 10, 9, 0, tzinfo=UTC)
    assert (m14.legal_basis, m14.working_days, m14.public, m14.calendar, m14.kind) == (
        "Perki 1/2013 Pasal 41",
        14,
        False,
        "lenient",
        "info",
    )
    clock.move_to(wib("2027-01-27"))
    office.message(
        ticket,
        "hasil_mediasi",
        {
            "tanggal": "2027-01-27",
            "hasil": "berhasil",
            "kesepakatan": "Informasi diserahkan paling lambat 14 hari kerja",
        },
    )
    assert office.case(ticket).status == "pelaksanaan_putusan"
    assert office.open_tasks(ticket) == ["pelaksanaan_putusan"]
    assert office.deadlines(ticket) == {"PERSIAPAN": "met", "K100": "met", "M14": "met", "LAKSANA": "pending"}
    # The agreement names no date: KAWAL_COMPLIANCE_DAYS (14) working days from its own date, Wed 27 Jan 2027.
    laksana = office.deadline(ticket, "LAKSANA")
    assert (laksana.working_days, laksana.provenance["counted_from"]) == (14, "2027-01-27")
    with pytest.raises(Conflict):  # a mediation decision is final: there is no court challenge
        office.message(ticket, "gugatan_pemohon", {"tanggal": "2027-02-01", "pengadilan": "PTUN", "nomor_perkara": "1"})
    office.complete(ticket, "pelaksanaan_putusan", _carried_out())
    case = office.case(ticket)
    assert (case.status, case.closed_at is not None) == ("sengketa_selesai", True)
    assert office.milestones(ticket) == [
        *BEFORE_THE_HEARING,
        "mediasi",
        "putusan_mediasi",
        "pelaksanaan_putusan",
        "sengketa_selesai",
    ]
    assert _workflow_data(office, ticket)["amar_final"] == "dikabulkan_seluruhnya"
    office.verify()


def test_mediation_is_extended_once_by_seven_working_days_then_fails_into_adjudication(office, clock):
    ticket = _in_mediation(office, clock)
    clock.move_to(wib("2027-02-05"))
    office.message(ticket, "mediasi_diperpanjang", {"tanggal": "2027-02-05", "alasan": "Para pihak sepakat"})
    assert office.case(ticket).status == "mediasi_diperpanjang"
    assert office.deadlines(ticket) == {"PERSIAPAN": "met", "K100": "pending", "M14": "superseded", "M21": "pending"}
    # 14 + 7 = 21 working days from 20 Jan on the lenient reading: 10 Feb (14), 11, 12, 15, 16, 17, 18 (20),
    # Fri 19 Feb 2027 (21).
    assert office.deadline(ticket, "M21").due_at == datetime(2027, 2, 19, 9, 0, tzinfo=UTC)
    with pytest.raises(Conflict):
        office.message(ticket, "mediasi_diperpanjang", {"tanggal": "2027-02-12", "alasan": "Sekali lagi"})
    clock.move_to(wib("2027-02-15"))
    office.message(
        ticket, "hasil_mediasi", {"tanggal": "2027-02-15", "hasil": "gagal", "alasan_gagal": "Tidak sepakat"}
    )
    assert office.case(ticket).status == "ajudikasi"
    assert office.open_tasks(ticket) == ["bukti_ajudikasi"]
    assert office.deadlines(ticket) == {"PERSIAPAN": "met", "K100": "pending", "M14": "superseded", "M21": "met"}
    assert office.milestones(ticket) == [
        *BEFORE_THE_HEARING,
        "mediasi",
        "mediasi_diperpanjang",
        "mediasi_gagal",
        "ajudikasi",
    ]


def test_failed_mediation_agreement_needs_no_terms_but_an_agreement_does(office, clock):
    ticket = _in_mediation(office, clock)
    clock.move_to(wib("2027-01-27"))
    with pytest.raises(Invalid) as refused:
        office.message(ticket, "hasil_mediasi", {"tanggal": "2027-01-27", "hasil": "berhasil"})
    assert "kesepakatan" in refused.value.fields
    office.message(ticket, "hasil_mediasi", {"tanggal": "2027-01-27", "hasil": "gagal"})
    assert office.case(ticket).status == "ajudikasi"


def test_mediation_lapse_closes_nothing_the_stage_moves_on_a_confirmation_after_the_lenient_end(office, clock):
    """M14 is the Commission's clock (Perki 1/2013 Pasal 41), on the lenient reading: Wed 10 Feb 2027.
    Its lapse reminds the officers and shows; mediation fails only on the Commission's message or an
    officer's confirmation, which is refused before the lenient end."""
    ticket = _in_mediation(office, clock)
    due = office.deadline(ticket, "M14").due_at
    assert due == datetime(2027, 2, 10, 9, 0, tzinfo=UTC)
    clock.move_to(datetime(2027, 2, 9, 10, 0, tzinfo=UTC))  # after the strict end (Tue 9 Feb), before the lenient
    with pytest.raises(Conflict):
        office.message(ticket, "mediasi_berakhir", {"tanggal": "2027-02-09"})
    clock.move_to(due + timedelta(minutes=1))
    office.run(ticket)
    assert office.case(ticket).status == "mediasi"  # nothing closed by itself
    assert office.deadlines(ticket) == {"PERSIAPAN": "met", "K100": "pending", "M14": "lapsed"}  # no fault, shown
    assert _overdue_notices(office, ticket) == []
    with office.sessions() as s:
        after = s.scalars(
            select(Reminder.kind).join(Case).where(Case.ticket == ticket, Reminder.status == "pending")
        ).all()
    assert "T+1" in after  # the officers are reminded to record what the Commission decided
    clock.move_to(wib("2027-02-11"))
    office.message(ticket, "mediasi_berakhir", {"tanggal": "2027-02-11", "keterangan": "Mediator: tidak sepakat"})
    assert office.case(ticket).status == "ajudikasi"
    assert office.open_tasks(ticket) == ["bukti_ajudikasi"]
    assert office.milestones(ticket)[-2:] == ["mediasi_gagal", "ajudikasi"]
    with pytest.raises(Conflict):  # too late for the mediation's result
        office.message(ticket, "hasil_mediasi", {"tanggal": "2027-02-10", "hasil": "gagal"})


def test_extended_mediation_lapse_closes_nothing_either(office, clock):
    """M21 (14 + 7 working days, lenient) ends Fri 19 Feb 2027; the Commission may still report a result."""
    ticket = _in_mediation(office, clock)
    clock.move_to(wib("2027-02-05"))
    office.message(ticket, "mediasi_diperpanjang", {"tanggal": "2027-02-05", "alasan": "Para pihak sepakat"})
    clock.move_to(office.deadline(ticket, "M21").due_at + timedelta(minutes=1))
    office.run(ticket)
    assert office.case(ticket).status == "mediasi_diperpanjang"
    assert office.deadlines(ticket) == {"PERSIAPAN": "met", "K100": "pending", "M14": "superseded", "M21": "lapsed"}
    clock.move_to(wib("2027-02-22"))
    office.message(ticket, "hasil_mediasi", {"tanggal": "2027-02-22", "hasil": "gagal"})
    assert office.case(ticket).status == "ajudikasi"


def test_accepted_decision_becomes_final_only_after_the_applicants_lenient_window_on_confirmation(office, clock):
    """A decision read Fri 26 Feb 2027 and received by both parties on Mon 1 Mar 2027.

    P14, the agency's own decision (strict): 14 working days from 1 Mar skipping Nyepi (8 Mar) and
    Idul Fitri (10-11 Mar), the cuti bersama counting: 2-5 (4), 9 (5), 12 (6), 15-19 (11), 22-24 Mar (14):
    Wed 24 Mar 2027, 16:00 WIB.
    P14P, the applicant's window (lenient): their receipt is known by its day alone, so it counts from the next
    working day, Tue 2 Mar (legal-process.md §2.2); 8, 9 (cuti bersama), 10, 11, 12 and 15 (cuti bersama), 25 (cuti
    bersama) and 26 Mar (Wafat Yesus Kristus) do not count: 3-5 (3), 16-19 (7), 22-24 (10), 29, 30, 31 Mar (13),
    1 Apr (14): Thu 1 Apr 2027, 16:00 WIB. Until then the decision is not final, whatever the strict count says.
    """
    ticket = _decided(office, clock, "dikabulkan_sebagian", tanggal_diterima_pemohon="2027-03-01")
    assert office.case(ticket).status == "putusan_ajudikasi"
    assert office.open_tasks(ticket) == ["sikap_atas_putusan"]
    p14 = office.deadline(ticket, "P14")
    assert p14.due_at == datetime(2027, 3, 24, 9, 0, tzinfo=UTC)
    assert {"2027-03-08", "2027-03-10", "2027-03-11"} <= {s["date"] for s in p14.provenance["skipped"]}
    assert (p14.legal_basis, p14.calendar, p14.public, p14.kind) == (
        "UU 14/2008 Pasal 48(1)",
        "strict",
        False,
        "agency",
    )
    with office.sessions() as s:
        kinds = set(s.scalars(select(Reminder.kind).where(Reminder.deadline_id == p14.id)))
    assert kinds == {"T-3", "T-1", "T0", "T+1"}
    office.complete(ticket, "sikap_atas_putusan", {"sikap": "menerima", "alasan_sikap": "Putusan sesuai telaah hukum"})
    assert office.open_tasks(ticket) == []  # the applicant may still go to court
    p14p = office.deadline(ticket, "P14P")
    assert (p14p.due_at, p14p.calendar, p14p.kind) == (datetime(2027, 4, 1, 9, 0, tzinfo=UTC), "lenient", "info")
    assert office.deadlines(ticket) == {
        "PERSIAPAN": "met",
        "K100": "met",
        "P14": "met",
        "P14_AKHIR": "met",
        "P14P": "pending",
    }
    clock.move_to(datetime(2027, 3, 25, 3, 0, tzinfo=UTC))  # after the strict count, before the applicant's end
    office.run(ticket)
    assert office.case(ticket).status == "putusan_ajudikasi"  # not "final" on 24 Mar
    with pytest.raises(Conflict):
        office.message(ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-03-25"})
    with pytest.raises(Conflict) as early:  # the other confirmation of finality waits for the same window
        office.message(ticket, "berkekuatan_hukum_tetap", {"tanggal": "2027-03-25"})
    assert early.value.reason == "window_not_ended"
    assert say(early.value.message, "id").startswith(
        "jangka waktu pemohon untuk mengajukan keberatan ke pengadilan belum berakhir: menurut pembacaan paling akhir"
    )  # the window in words, never its code (P14P)
    assert "berakhir pada 1 Apr 2027" in say(early.value.message, "id")  # the office's date, not a UTC instant
    clock.move_to(p14p.due_at + timedelta(minutes=1))
    office.run(ticket)
    assert office.case(ticket).status == "putusan_ajudikasi"  # the lapse closes nothing by itself
    assert office.deadlines(ticket)["P14P"] == "lapsed"
    assert _overdue_notices(office, ticket) == []
    clock.move_to(wib("2027-04-02"))
    office.message(ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-04-02", "keterangan": "PTUN: nihil"})
    assert office.case(ticket).status == "pelaksanaan_putusan"
    assert office.open_tasks(ticket) == ["pelaksanaan_putusan"]
    # Not overdue from its first day: 14 working days from the day it became final (Fri 2 Apr 2027).
    assert _due_at(office, ticket, "pelaksanaan_putusan") == datetime(2027, 4, 22, 9, 0, tzinfo=UTC)
    office.complete(ticket, "pelaksanaan_putusan", _carried_out())
    case = office.case(ticket)
    assert (case.status, case.closed_at is not None) == ("sengketa_selesai", True)
    assert office.milestones(ticket) == [
        *BEFORE_THE_HEARING,
        "ajudikasi",
        "putusan_ajudikasi",
        "berkekuatan_hukum_tetap",
        "pelaksanaan_putusan",
        "sengketa_selesai",
    ]
    office.verify()


def test_final_decision_dismissing_the_application_ends_without_compliance(office, clock):
    ticket = _decided(office, clock, "ditolak")
    office.complete(ticket, "sikap_atas_putusan", {"sikap": "menerima", "alasan_sikap": "Putusan menguatkan PPID"})
    after = office.deadline(ticket, "P14P").due_at + timedelta(days=1)
    clock.move_to(after)
    certified = after.astimezone(WIB).date().isoformat()  # the Commission's certificate, after the applicant's window
    office.message(ticket, "berkekuatan_hukum_tetap", {"tanggal": certified})
    case = office.case(ticket)
    assert (case.status, case.closed_at is not None) == ("sengketa_selesai", True)
    assert office.open_tasks(ticket) == []
    assert office.milestones(ticket)[-2:] == ["berkekuatan_hukum_tetap", "sengketa_selesai"]


CHALLENGE = {
    "sikap": "mengajukan_keberatan",
    "alasan_sikap": "Informasi dikecualikan",
    "tanggal_pengajuan_keberatan": "2027-03-15",
}


@pytest.mark.parametrize(
    ("settings_overrides", "wrong", "right"),
    [
        ({}, "Pengadilan Negeri Jakarta Pusat", "Pengadilan Tata Usaha Negara Jakarta"),
        ({"KAWAL_COURT_OF_CHALLENGE": "pn"}, "PTUN Jakarta", "PN Jakarta Pusat"),
    ],
    ids=["state_body_ptun", "other_body_pn"],
)
def test_the_office_challenges_the_commission_s_decision_at_the_court_the_law_gives_its_kind_of_body(
    office, clock, wrong, right
):
    """UU 14/2008 Pasal 47 (§5.2 row 9): a state public body (a Kanwil) goes to the PTUN, any other to the district
    court; a challenge lodged at the other court is lost on jurisdiction, and the 14 days with it."""
    ticket = _decided(office, clock, "dikabulkan_seluruhnya")
    clock.move_to(wib("2027-03-15"))
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "sikap_atas_putusan", {**CHALLENGE, "pengadilan": wrong})
    kind = office.rt.settings.court_of_challenge
    assert refused.value.fields == {"pengadilan": [msg(f"court_of_challenge_{kind}")]}
    assert office.open_tasks(ticket) == ["sikap_atas_putusan"]
    office.complete(ticket, "sikap_atas_putusan", {**CHALLENGE, "pengadilan": right})
    assert office.case(ticket).status == "keberatan_pengadilan"


def test_agency_challenges_in_court_then_cassation_gives_the_final_decision(office, clock):
    ticket = _decided(office, clock, "dikabulkan_seluruhnya")
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "sikap_atas_putusan", {"sikap": "mengajukan_keberatan", "alasan_sikap": "Dikecualikan"})
    assert {"pengadilan", "tanggal_pengajuan_keberatan"} <= set(refused.value.fields)
    clock.move_to(wib("2027-03-15"))
    office.complete(
        ticket,
        "sikap_atas_putusan",
        {
            "sikap": "mengajukan_keberatan",
            "alasan_sikap": "Informasi dikecualikan",
            "pengadilan": "PTUN Jakarta",
            "tanggal_pengajuan_keberatan": "2027-03-15",
        },
    )
    assert office.case(ticket).status == "keberatan_pengadilan"
    assert office.deadlines(ticket) == {"PERSIAPAN": "met", "K100": "met", "P14": "met", "P14_AKHIR": "met"}
    clock.move_to(wib("2027-05-03"))
    _court(office, ticket, "ditolak")
    assert office.case(ticket).status == "putusan_pengadilan"
    clock.move_to(wib("2027-05-12"))
    office.message(
        ticket, "kasasi_diajukan", {"tanggal": "2027-05-12", "pihak": "pemohon", "nomor_perkara": "101 K/TUN/KI/2027"}
    )
    assert office.case(ticket).status == "kasasi"
    with pytest.raises(Conflict):  # the court's decision is no longer the last word
        office.message(ticket, "berkekuatan_hukum_tetap", {"tanggal": "2027-05-20"})
    clock.move_to(wib("2027-08-02"))
    office.message(
        ticket,
        "putusan_kasasi",
        {"tanggal": "2027-07-30", "nomor_perkara": "101 K/TUN/KI/2027", "amar": "dikabulkan_sebagian"},
    )
    assert office.open_tasks(ticket) == ["pelaksanaan_putusan"]  # the cassation overturned the dismissal
    office.complete(ticket, "pelaksanaan_putusan", _carried_out())
    assert office.case(ticket).status == "sengketa_selesai"
    assert office.milestones(ticket) == [
        *BEFORE_THE_HEARING,
        "ajudikasi",
        "putusan_ajudikasi",
        "keberatan_pengadilan",
        "putusan_pengadilan",
        "kasasi",
        "berkekuatan_hukum_tetap",
        "pelaksanaan_putusan",
        "sengketa_selesai",
    ]
    assert _workflow_data(office, ticket)["amar_final"] == "dikabulkan_sebagian"
    office.verify()


def test_the_agencys_p14_lapse_escalates_and_challenging_after_it_is_refused(office, clock):
    ticket = _decided(office, clock, "dikabulkan_seluruhnya")
    clock.move_to(office.deadline(ticket, "P14").due_at + timedelta(minutes=1))
    office.run(ticket)
    assert office.deadlines(ticket)["P14"] == "missed"  # the agency's own decision: escalated, not just lapsed
    assert "deadline_overdue" in _overdue_notices(office, ticket)
    assert office.case(ticket).status == "putusan_ajudikasi"  # nothing is final by itself
    # refused once late on every reading: the day after P14's lenient end (a challenge between the two readings
    # is recorded and flagged, test_legal_dispute_clocks)
    day_after = lenient_due(office.rt, office.deadline(ticket, "P14")) + timedelta(days=1)
    clock.move_to(day_after)
    late = day_after.astimezone(WIB).date().isoformat()
    challenge = {
        "sikap": "mengajukan_keberatan",
        "alasan_sikap": "Terlambat",
        "pengadilan": "PTUN Jakarta",
        "tanggal_pengajuan_keberatan": late,
    }
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "sikap_atas_putusan", challenge)
    assert refused.value.message == msg("deadline_passed", deadline="P14")
    assert office.open_tasks(ticket) == ["sikap_atas_putusan"]


def test_applicant_may_challenge_in_court_after_the_agency_accepted(office, clock):
    ticket = _decided(office, clock, "ditolak")
    office.complete(ticket, "sikap_atas_putusan", {"sikap": "menerima", "alasan_sikap": "Putusan menguatkan PPID"})
    clock.move_to(wib("2027-03-16"))
    office.message(
        ticket,
        "gugatan_pemohon",
        {"tanggal": "2027-03-16", "pengadilan": "PTUN Jakarta", "nomor_perkara": "13/G/KI/2027/PTUN.JKT"},
    )
    assert office.case(ticket).status == "keberatan_pengadilan"
    assert office.deadlines(ticket) == {
        "PERSIAPAN": "met",
        "K100": "met",
        "P14": "met",
        "P14_AKHIR": "met",
        "P14P": "met",
    }
    clock.move_to(office.deadline(ticket, "P14").due_at + timedelta(days=1))
    office.run(ticket)  # P14 is gone: the case waits for the court
    assert office.case(ticket).status == "keberatan_pengadilan"
    clock.move_to(wib("2027-05-03"))
    _court(office, ticket, "ditolak", nomor="13/G/KI/2027/PTUN.JKT")
    assert office.open_tasks(ticket) == ["sikap_kasasi"]  # the agency won: it accepts the judgment
    office.complete(ticket, "sikap_kasasi", {"sikap": "menerima", "alasan_sikap": "Putusan menguatkan Termohon"})
    with pytest.raises(Conflict) as early:  # the applicant's 14 days for cassation (K14P) still run
        office.message(ticket, "berkekuatan_hukum_tetap", {"tanggal": "2027-05-03"})
    assert early.value.reason == "window_not_ended"
    clock.move_to(wib("2027-05-24"))
    office.message(ticket, "berkekuatan_hukum_tetap", {"tanggal": "2027-05-24"})
    case = office.case(ticket)
    assert (case.status, case.closed_at is not None) == ("sengketa_selesai", True)
    assert office.open_tasks(ticket) == []
    assert office.milestones(ticket)[-4:] == [
        "keberatan_pengadilan",
        "putusan_pengadilan",
        "berkekuatan_hukum_tetap",
        "sengketa_selesai",
    ]
    data = _workflow_data(office, ticket)
    assert (data["pihak_keberatan"], data["amar_final"]) == ("pemohon", "ditolak")


def test_withdrawal_before_the_decision_closes_the_case_and_cancels_its_clocks(office, clock):
    ticket = _in_mediation(office, clock)
    clock.move_to(wib("2027-01-25"))
    office.message(ticket, "sengketa_dicabut", {"tanggal": "2027-01-25", "nomor_akta": "001/AKTA-PR/I/2027"})
    case = office.case(ticket)
    assert (case.status, case.closed_at is not None) == ("sengketa_dicabut", True)
    assert office.open_tasks(ticket) == []
    assert office.deadlines(ticket) == {"PERSIAPAN": "met", "K100": "cancelled", "M14": "cancelled"}
    assert office.milestones(ticket)[-1] == "sengketa_dicabut"
    office.verify()


def test_application_lapses_when_the_applicant_stays_away(office, clock):
    ticket = _dispute(office)
    clock.move_to(wib("2027-01-27"))
    office.message(ticket, "sengketa_gugur", {"tanggal": "2027-01-27", "alasan": "Pemohon dua kali tidak hadir"})
    case = office.case(ticket)
    assert (case.status, case.closed_at is not None) == ("sengketa_gugur", True)
    assert office.open_tasks(ticket) == []  # the power of attorney is no longer needed
    # Not prepared by the working day before the first hearing (20 Jan): the preparation's limit was missed.
    assert office.deadlines(ticket) == {"PERSIAPAN": "missed", "K100": "cancelled"}


def test_withdrawal_after_the_decision_is_refused(office, clock):
    ticket = _decided(office, clock, "dikabulkan_seluruhnya")
    with pytest.raises(Conflict):
        office.message(ticket, "sengketa_dicabut", {"tanggal": "2027-03-02"})
    assert office.case(ticket).status == "putusan_ajudikasi"
    assert office.open_tasks(ticket) == ["sikap_atas_putusan"]


def test_message_the_case_is_not_waiting_for_is_refused(office, clock):
    ticket = _dispute(office)
    before = _snapshot(office, ticket)
    decision = {"tanggal_dibacakan": "2027-01-14", "tanggal_diterima": "2027-01-14", "amar": "ditolak"}
    with pytest.raises(Conflict):
        office.message(ticket, "putusan_ajudikasi", decision)
    with pytest.raises(Conflict):
        office.message(ticket, "hasil_mediasi", {"tanggal": "2027-01-14", "hasil": "gagal"})
    with pytest.raises(NotFound):  # a message of the request's process, not of a dispute's
        office.message(ticket, "permohonan_dicabut", {})
    assert _snapshot(office, ticket) == before
    heard = _heard(office, clock, mediasi=False)  # in adjudication there is no mediation to extend
    with pytest.raises(Conflict):
        office.message(heard, "mediasi_diperpanjang", {"tanggal": "2027-01-21", "alasan": "Sepakat"})


def test_invalid_payload_is_refused_and_changes_nothing(office, clock):
    ticket = _prepared(office)
    clock.move_to(wib("2027-01-20"))
    before = _snapshot(office, ticket)
    with pytest.raises(Invalid) as refused:
        office.message(ticket, "pemeriksaan_awal", {"tanggal": "2027-01-20", "hasil": "dilanjutkan", "mediasi": True})
    assert "tanggal_mediasi" in refused.value.fields
    for payload in (
        {"tanggal": "20 Januari 2027", "hasil": "putusan_sela"},
        {"tanggal": "2027-01-20", "hasil": "ditunda"},
        {"tanggal": "2027-01-20", "hasil": "putusan_sela", "majelis": "Ketua"},
        {"tanggal": "2027-01-20", "hasil": "dilanjutkan"},
    ):
        with pytest.raises(Invalid):
            office.message(ticket, "pemeriksaan_awal", payload)
    assert _snapshot(office, ticket) == before
    office.message(ticket, "pemeriksaan_awal", {"tanggal": "2027-01-20", "hasil": "putusan_sela"})
    assert office.case(ticket).status == "putusan_sela"


def test_only_the_ppid_or_its_superior_records_commission_events(office, clock):
    ticket = _prepared(office)
    clock.move_to(wib("2027-01-20"))
    with pytest.raises(Forbidden):
        office.message(ticket, "pemeriksaan_awal", {"tanggal": "2027-01-20", "hasil": "putusan_sela"}, "petugas")
    office.message(ticket, "pemeriksaan_awal", {"tanggal": "2027-01-20", "hasil": "putusan_sela"}, "atasan")
    assert office.case(ticket).status == "putusan_sela"


def test_k100_lapse_is_only_shown_the_case_goes_on(office, clock):
    ticket = _heard(office, clock, mediasi=False)
    clock.move_to(office.deadline(ticket, "K100").due_at + timedelta(minutes=1))
    office.run(ticket)
    case = office.case(ticket)
    assert (case.status, case.overdue, case.closed_at) == ("ajudikasi", False, None)
    assert office.open_tasks(ticket) == ["bukti_ajudikasi"]
    assert office.deadlines(ticket)["K100"] == "lapsed"
    assert _overdue_notices(office, ticket) == []  # the Commission's clock: nobody is told off
    office.complete(ticket, "bukti_ajudikasi", BUKTI)
    assert office.open_tasks(ticket) == ["kesimpulan"]


def test_a_mediation_agreement_with_its_own_date_is_due_that_day_and_lapsing_flags_overdue_and_escalates(office, clock):
    """Issue 15, point 5: compliance has a clock; a date the agreement sets wins over KAWAL_COMPLIANCE_DAYS."""
    ticket = _in_mediation(office, clock)
    clock.move_to(wib("2027-01-27"))
    agreement = {
        "tanggal": "2027-01-27",
        "hasil": "berhasil",
        "kesepakatan": "Salinan diserahkan",
        "batas_pelaksanaan": "2027-02-03",
    }
    office.message(ticket, "hasil_mediasi", agreement)
    laksana = office.deadline(ticket, "LAKSANA")
    assert (laksana.due_at, laksana.working_days, laksana.status) == (wib("2027-02-03", 16), 0, "pending")
    with office.sessions() as s:
        kinds = set(s.scalars(select(Reminder.kind).where(Reminder.deadline_id == laksana.id)))
    assert kinds == {"T-3", "T-1", "T0", "T+1"}
    clock.move_to(wib("2027-02-03", 17))
    office.run(ticket)
    assert office.case(ticket).overdue is True
    assert office.deadlines(ticket)["LAKSANA"] == "missed"
    assert sorted(office.open_tasks(ticket)) == ["eskalasi_pelaksanaan", "pelaksanaan_putusan"]
    office.complete(ticket, "pelaksanaan_putusan", _carried_out())
    case = office.case(ticket)
    assert (case.status, case.closed_at is not None, case.overdue) == ("sengketa_selesai", True, True)
    # Carried out, late: the escalation saying it was not is withdrawn with the dispute; the lateness stays.
    assert office.open_tasks(ticket) == []
    assert office.deadlines(ticket)["LAKSANA"] == "missed"


def test_an_event_s_dates_are_past_after_the_commission_filing_and_in_their_order(office, clock):
    """A preliminary examination dated in 2027's future or in 1990, a decision received before it was read, an
    agreement carried out before it was made: each made clocks run from dates that never were."""
    ticket = _prepared(office)  # filed with the Commission Mon 4 Jan 2027; today Wed 13 Jan
    before = _snapshot(office, ticket)
    for day in ("2027-01-20", "1990-01-01", "2027-01-03"):
        with pytest.raises(Invalid) as refused:
            office.message(ticket, "pemeriksaan_awal", {"tanggal": day, "hasil": "putusan_sela"})
        assert refused.value.fields == {"tanggal": [msg("between_and_today", first=datetime(2027, 1, 4).date())]}
    assert _snapshot(office, ticket) == before
    office.message(ticket, "pemeriksaan_awal", {"tanggal": "2027-01-13", "hasil": "putusan_sela"})
    assert office.case(ticket).status == "putusan_sela"


def test_a_decision_is_received_no_earlier_than_it_was_read(office, clock):
    ticket = _heard(office, clock, mediasi=False)
    clock.move_to(wib("2027-02-17"))
    office.complete(ticket, "bukti_ajudikasi", BUKTI)
    with pytest.raises(Invalid) as refused:  # handed to the Commission in the future
        office.complete(ticket, "kesimpulan", {**KESIMPULAN, "tanggal_diserahkan": "2027-02-18"})
    assert list(refused.value.fields) == ["tanggal_diserahkan"]
    office.complete(ticket, "kesimpulan", KESIMPULAN)
    clock.move_to(wib("2027-03-01"))
    decision = {"tanggal_dibacakan": "2027-02-26", "tanggal_diterima": "2027-02-20", "amar": "ditolak"}
    with pytest.raises(Invalid) as refused:
        office.message(ticket, "putusan_ajudikasi", decision)
    assert refused.value.fields == {"tanggal_diterima": [msg("not_before_date", day=datetime(2027, 2, 26).date())]}
    assert office.case(ticket).status == "ajudikasi"


def test_finality_is_dated_no_earlier_than_the_applicant_s_window_ended_and_events_come_in_order(office, clock):
    """A QA walk recorded finality dated 4 Nov while the applicant's window ran to 20 Nov, and a mediation failure
    dated before the examination that ordered mediation."""
    ticket = _decided(office, clock, "ditolak")
    office.complete(ticket, "sikap_atas_putusan", {"sikap": "menerima", "alasan_sikap": "Putusan menguatkan PPID"})
    end = office.deadline(ticket, "P14P").due_at
    clock.move_to(end + timedelta(days=1))
    with pytest.raises(Invalid) as refused:
        office.message(ticket, "berkekuatan_hukum_tetap", {"tanggal": "2027-03-02"})  # the day after the decision
    # The Commission's own date of finality: after the window's earliest (strict) last day, the first a body that
    # counts cuti bersama as working days may certify (tests/workflows/test_finality_strict_reading.py).
    last = windows.ends_at(office.rt, office.deadline(ticket, "P14P"), "strict").astimezone(WIB).date()
    assert last < end.astimezone(WIB).date()
    window = Term("the applicant's time to go to court")
    assert refused.value.fields == {
        "tanggal": [msg("confirmed_within_window", name=window, due=last, first=last + timedelta(days=1))]
    }


def test_an_event_is_dated_no_earlier_than_the_event_recorded_before_it(office, clock):
    ticket = _in_mediation(office, clock)  # the examination that ordered mediation: 20 Jan 2027
    clock.move_to(wib("2027-01-27"))
    with pytest.raises(Invalid) as refused:  # mediation failed on 15 Jan, before it was ordered
        office.message(ticket, "hasil_mediasi", {"tanggal": "2027-01-15", "hasil": "gagal"})
    assert refused.value.fields == {"tanggal": [msg("between_and_today", first=datetime(2027, 1, 20).date())]}
    office.message(ticket, "hasil_mediasi", {"tanggal": "2027-01-27", "hasil": "gagal"})


def test_the_first_mediation_meeting_is_on_the_first_hearing_s_day_or_after_it(office, clock):
    """Perki 1/2013 Pasal 38 (§5.2 row 5): mediation is held the day of the first hearing or a later day the parties
    agree; a meeting dated before the hearing that ordered it would start the 14-working-day mediation clock early."""
    ticket = _prepared(office)
    clock.move_to(wib("2027-01-20"))
    before = _snapshot(office, ticket)
    heard = {"tanggal": "2027-01-20", "hasil": "dilanjutkan", "mediasi": True}
    with pytest.raises(Invalid) as refused:
        office.message(ticket, "pemeriksaan_awal", {**heard, "tanggal_mediasi": "2027-01-19"})
    assert refused.value.fields == {"tanggal_mediasi": [msg("not_before_date", day=datetime(2027, 1, 20).date())]}
    assert _snapshot(office, ticket) == before
    office.message(ticket, "pemeriksaan_awal", {**heard, "tanggal_mediasi": "2027-01-20"})
    assert office.open_tasks(ticket) == ["mandat_mediasi"]


def test_a_mediation_agreement_is_carried_out_no_earlier_than_it_was_made(office, clock):
    ticket = _in_mediation(office, clock)
    clock.move_to(wib("2027-01-27"))
    agreement = {"tanggal": "2027-01-27", "hasil": "berhasil", "kesepakatan": "Salinan diserahkan"}
    with pytest.raises(Invalid) as refused:
        office.message(ticket, "hasil_mediasi", {**agreement, "batas_pelaksanaan": "2027-01-26"})
    assert list(refused.value.fields) == ["batas_pelaksanaan"]
    office.message(ticket, "hasil_mediasi", {**agreement, "batas_pelaksanaan": "2027-02-03"})  # a date to come
    assert office.deadline(ticket, "LAKSANA").due_at == wib("2027-02-03", 16)


@pytest.mark.parametrize(("received", "days", "within"), [("2027-03-01", 1, True), ("2027-03-05", 5, False)])
def test_how_long_the_copy_of_the_adjudication_decision_took_is_recorded_for_information(
    office, clock, received, days, within
):
    """Perki 1/2013 Pasal 59 (legal-process.md §6, C3): the Commission gives the parties a copy of its decision
    within 3 working days of reading it. Read Fri 26 Feb 2027 (a date: the count starts the next working day):
    Mon 1 Mar (1), Tue 2 (2), Wed 3 Mar 2027 (3). A copy received on 1 Mar came in 1 working day; on Fri 5 Mar,
    in 5, after the Commission's 3 (when it was sent the office cannot tell: a record, never a refusal)."""
    ticket = _heard(office, clock, mediasi=False)
    clock.move_to(wib("2027-02-17"))
    office.complete(ticket, "bukti_ajudikasi", BUKTI)
    office.complete(ticket, "kesimpulan", KESIMPULAN)
    clock.move_to(wib(received))
    decision = {"tanggal_dibacakan": "2027-02-26", "tanggal_diterima": received, "amar": "ditolak"}
    office.message(ticket, "putusan_ajudikasi", decision)
    assert office.case(ticket).details["salinan_putusan"] == {
        "dibacakan": "2027-02-26",
        "diterima": received,
        "hari_kerja": days,
        "batas_salinan": "2027-03-03",
        "dalam_batas": within,
        "dasar": "Perki 1/2013 Pasal 59 (informatif)",
    }
    assert "sikap_atas_putusan" in office.open_tasks(ticket)  # the agency's own 14 working days run as before
