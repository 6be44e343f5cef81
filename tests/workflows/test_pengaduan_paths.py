"""Every path of workflows/pengaduan.bpmn, a public complaint (legal-process.md §7.2-§7.4, §10 item 4).

The complaint team works the case, a unit answers what is referred to it, and the reporter answers
questions through the engine (the internal message bukti_pelapor). Each step saves the instance and
loads it again (the Office fixture); time moves with time-machine, which moves SpiffWorkflow's own
clock too.
"""

import dataclasses
import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from engine import casework, complaints, inbox, instructions, notices, outbox, queries, reminders, survey
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.files import FileStore, Upload
from engine.messages import msg
from engine.models import Case, CaseFacts, CaseMessage, Deadline, HumanTask, Notification, Reminder, Unit, User
from engine.runtime import Runtime
from engine.sync import NO_DEADLINE_RANK
from tests.conftest import REPORTER_NAME, REPORTER_NIK, complaint_payload
from tests.helpers import SAMPLE_PDF, SAMPLE_PNG
from tests.workflows.conftest import Office

FIXTURES = Path(__file__).parent / "fixtures"

# Mon 11 Jan 2027, 10:00 WIB: the complaint is filed online.
RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)


def wib(day: str, hour: int = 10) -> datetime:
    """An instant on an office day in Jakarta (UTC+7)."""
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00+07:00")


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


CATAT = {
    "pokok_masalah": "Pungutan liar pada pendaftaran madrasah",
    "uraian_ringkas": "Petugas pendaftaran meminta uang di luar ketentuan.",
    "lokasi_kejadian": "Kantor pendaftaran madrasah",
    "provinsi_kejadian": "35",
    "kabkota_kejadian": "kota contoh",
    "waktu_kejadian": "2026-11-03",
    "unit_terlapor": "KANWIL",
    "jabatan_terlapor": "Petugas pendaftaran",
}
LAYAK = {"hasil": "layak"}
KE_UNIT = {"kode_masalah": "02", "kategori": "beasiswa_bantuan", "berkadar_pengawasan": False, "unit_tujuan": "KANWIL"}
KE_ITJEN = {"kode_masalah": "03", "kategori": "pungli", "berkadar_pengawasan": True}
TANGGAPAN_UNIT = {"tanggapan": "Pungutan tidak sesuai ketentuan", "tindakan_yang_diambil": "Petugas ditegur"}
QUESTION = "Mohon kirim bukti pembayaran atau foto kuitansi dan sebutkan tanggal pembayarannya."
NOTICE = {
    "ringkasan_untuk_pelapor": "Pengaduan Anda telah ditindaklanjuti dan layanan pendaftaran telah diperbaiki.",
    "tanggal": "2027-01-11",  # the notice is dated no later than the day it is recorded
}
ARSIP = {"lokasi_arsip": "Arsip Subbag Ortala dan KUB, lemari 3"}
TINDAK_LANJUT = {"tindak_lanjut": "perbaikan_layanan", "uraian": "Prosedur pendaftaran diperbaiki"}
BEFORE_HANDLING = ["pengaduan_baru", "tercatat", "terverifikasi"]


def clarification(hasil):
    return {"hasil": hasil, "ringkasan": "Klarifikasi kepada unit telah dilakukan."}


def _verified(office, mode="rahasia"):
    ticket, code = office.complaint(mode)
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    return ticket, code


def _clarifying(office, classification=KE_UNIT):
    """Classified and referred; for a unit, its clarification is in: the team assesses it."""
    ticket, code = _verified(office)
    office.complete(ticket, "klasifikasi", classification)
    if classification["berkadar_pengawasan"]:
        office.complete(
            ticket, "rujukan_itjen", {"nomor_nota_dinas": "ND-12/Kw.13/PS.00/01/2027", "tanggal": "2027-01-11"}
        )
    else:
        office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    return ticket, code


def _awaiting_evidence(office):
    ticket, code = _clarifying(office)
    office.complete(ticket, "klarifikasi", clarification("perlu_bukti_pelapor"))
    office.complete(ticket, "minta_bukti", {"pertanyaan": QUESTION})
    return ticket, code


def _complete_as(office, username, ticket, name, data):
    with office.sessions.begin() as s:
        task = office._open(s, ticket, name)
        inbox.complete_task(s, office.rt, office.user(s, username), task.id, data)


def _messages(office, ticket):
    with office.sessions() as s:
        rows = s.scalars(select(CaseMessage).join(Case).where(Case.ticket == ticket).order_by(CaseMessage.id)).all()
        return [(m.direction, m.kind, m.body) for m in rows]


def _deadlines(office, ticket, name):
    with office.sessions() as s:
        return s.scalars(
            select(Deadline).join(Case).where(Case.ticket == ticket, Deadline.name == name).order_by(Deadline.id)
        ).all()


def _reminders(office, deadline):
    with office.sessions() as s:
        return [(r.kind, r.audience) for r in s.scalars(select(Reminder).where(Reminder.deadline_id == deadline.id))]


def _utc(instant: datetime) -> datetime:
    """An instant as stored (SQLite keeps it naive, in UTC) compared as an aware one."""
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)


def _task(office, ticket, name):
    with office.sessions() as s:
        return s.scalar(select(HumanTask).join(Case).where(Case.ticket == ticket, HumanTask.bpmn_id == name))


def _notices(office, ticket):
    with office.sessions() as s:
        rows = s.scalars(
            select(Notification)
            .join(Case, Notification.case_id == Case.id)
            .where(Case.ticket == ticket)
            .order_by(Notification.id)
        )
        return [(n.event, n.to_requester) for n in rows]


def _due(office, start, days):
    return office.rt.calendars["strict"].add_working_days(start, days).due_at


def test_reporter_answering_in_time_resumes_the_handling_through_follow_up_to_archiving(office, clock):
    ticket, code = _clarifying(office)
    assert office.case(ticket).status == "dalam_klarifikasi"
    office.complete(ticket, "klarifikasi", clarification("perlu_bukti_pelapor"))
    clock.move_to(wib("2027-01-13"))
    office.complete(ticket, "minta_bukti", {"pertanyaan": QUESTION})
    case = office.case(ticket)
    assert (case.status, case.closed_at) == ("menunggu_kelengkapan_pelapor", None)
    assert office.open_tasks(ticket) == []
    assert _messages(office, ticket) == [("to_reporter", "question", QUESTION)]
    (bukti,) = _deadlines(office, ticket, "BUKTI")
    assert (bukti.status, bukti.kind, bukti.public, bukti.working_days, bukti.calendar, bukti.legal_basis) == (
        "pending",
        "window",
        True,
        30,
        "lenient",
        "UU 25/2009 Pasal 45 (30 hari); SP4N-LAPOR! (10 hari kerja)",
    )
    # A complaint filed online: 30 days (UU 25/2009 Pasal 45) from Wed 13 Jan 2027: Fri 12 Feb 2027, 16:00 WIB.
    assert bukti.due_at == wib("2027-02-12", 16)
    assert set(_reminders(office, bukti)) == {("T-2", "requester"), ("T+1", "group")}  # the reporter, then the team

    clock.move_to(wib("2027-01-20"))
    office.reporter_reply(ticket, code, "Kuitansi pembayaran terlampir.", files=[("kuitansi.pdf", SAMPLE_PDF)])
    assert office.open_tasks(ticket) == ["klarifikasi_lanjutan"]
    assert office.case(ticket).status == "dalam_klarifikasi"  # it said it still waited for the reporter
    assert office.deadlines(ticket)["BUKTI"] == "met"
    with office.sessions() as s:  # the reporter is no longer told to answer before the deadline
        shown = queries.public_status(s, s.scalar(select(Case).where(Case.ticket == ticket)), "id", office.rt)
    assert shown["next_step"].startswith("Jawaban dan bukti Anda sudah kami terima")
    with pytest.raises(Invalid):  # no second evidence request: the handling cannot loop
        office.complete(ticket, "klarifikasi_lanjutan", clarification("perlu_bukti_pelapor"))
    office.complete(ticket, "klarifikasi_lanjutan", clarification("cukup_ditindaklanjuti"))
    office.complete(ticket, "tindak_lanjut", TINDAK_LANJUT)
    assert office.case(ticket).status == "ditindaklanjuti"
    office.complete(ticket, "pemberitahuan_hasil", NOTICE)
    case = office.case(ticket)
    assert (case.status, case.closed_at is not None) == ("pengaduan_selesai", True)
    assert _messages(office, ticket)[-1] == ("to_reporter", "outcome", NOTICE["ringkasan_untuk_pelapor"])
    assert office.open_tasks(ticket) == ["arsip"]
    office.complete(ticket, "arsip", ARSIP)
    case = office.case(ticket)
    assert (case.status, case.overdue) == ("diarsipkan", False)
    assert office.milestones(ticket) == [
        *BEFORE_HANDLING,
        "didisposisikan_unit",
        "dalam_klarifikasi",
        "menunggu_kelengkapan_pelapor",
        "dalam_klarifikasi",  # the reporter answered: no longer waiting for them (the team assesses the answer)
        "ditindaklanjuti",
        "pengaduan_selesai",
        "diarsipkan",
    ]
    assert office.deadlines(ticket) == {"V3": "met", "UNIT": "met", "SLA": "met", "S60": "met", "BUKTI": "met"}
    office.verify()


def test_evidence_window_lapse_closes_nothing_a_confirmation_deems_the_complaint_withdrawn_and_late_evidence_reopens_it(
    office, clock
):
    ticket, code = _awaiting_evidence(office)
    (bukti,) = _deadlines(office, ticket, "BUKTI")
    clock.move_to(bukti.due_at - timedelta(minutes=1))
    office.run(ticket)
    assert office.case(ticket).status == "menunggu_kelengkapan_pelapor"
    with pytest.raises(Conflict):  # the reporter is still in time
        office.message(ticket, "bukti_tidak_dikirim", {"tanggal": clock_today()}, "tim")
    clock.move_to(bukti.due_at + timedelta(minutes=1))
    office.run(ticket)
    assert office.case(ticket).status == "menunggu_kelengkapan_pelapor"  # the reporter's lapse closes nothing
    assert office.deadlines(ticket)["BUKTI"] == "lapsed"
    clock.move_to(bukti.due_at + timedelta(hours=17))  # the next morning: the window's last day was the reporter's
    confirmed_on = clock_today()  # the confirmation's date: the day it is recorded, after the window's last day
    office.message(ticket, "bukti_tidak_dikirim", {"tanggal": confirmed_on}, "tim")
    case = office.case(ticket)
    assert (case.status, case.overdue) == ("dianggap_dicabut", False)
    assert (case.closed_at is not None, case.due_at) == (True, None)
    assert office.open_tasks(ticket) == ["arsip_dicabut"]  # its file is archived as every complaint's, no clock
    assert office.deadlines(ticket)["BUKTI"] == "lapsed"  # the reporter's window: no fault of the office
    (sla,) = _deadlines(office, ticket, "SLA")
    assert sla.status not in ("pending", "missed")  # the resolution clock stopped with the handling
    office.complete(ticket, "arsip_dicabut", ARSIP)

    # Long after the first resolution period would have ended: still closed, never overdue.
    clock.move_to(sla.due_at + timedelta(days=30))
    office.run(ticket)
    case = office.case(ticket)
    assert (case.status, case.overdue, office.open_tasks(ticket)) == ("dianggap_dicabut_diarsipkan", False, [])
    assert not {event for event, _ in _notices(office, ticket)} & {"deadline_overdue", "escalation", "overdue_apology"}
    # Not finished for the reporter while the evidence still reopens it: no satisfaction survey yet.
    assert ("survey_invitation", True) not in _notices(office, ticket)
    with office.sessions() as s:
        assert not survey.can_answer(s, office.rt, s.scalars(select(Case).where(Case.ticket == ticket)).one())

    reopened_at = datetime.now(UTC)
    office.reporter_reply(ticket, code, "Maaf terlambat, kuitansi terlampir.", files=[("kuitansi.png", SAMPLE_PNG)])
    case = office.case(ticket)
    assert (case.status, case.closed_at, case.overdue) == ("dibuka_kembali_pengaduan", None, False)
    assert office.open_tasks(ticket) == ["klarifikasi_setelah_dibuka"]
    first, fresh = _deadlines(office, ticket, "SLA")
    assert (fresh.status, fresh.working_days) == ("pending", 14)
    _, fresh_s60 = _deadlines(office, ticket, "S60")  # the file is complete from the reopening: 60 days again
    assert fresh_s60.start_at == fresh.start_at
    assert fresh.start_at >= reopened_at - timedelta(minutes=1)  # counted again from the reopening
    assert fresh.due_at == _due(office, fresh.start_at, 14)
    with pytest.raises(Invalid):  # a reopened complaint cannot ask for evidence again
        office.complete(ticket, "klarifikasi_setelah_dibuka", clarification("perlu_bukti_pelapor"))
    office.complete(ticket, "klarifikasi_setelah_dibuka", clarification("tidak_cukup_bukti"))
    office.complete(ticket, "pemberitahuan_hasil", NOTICE)
    office.complete(ticket, "arsip", ARSIP)
    assert office.milestones(ticket) == [
        *BEFORE_HANDLING,
        "didisposisikan_unit",
        "dalam_klarifikasi",
        "menunggu_kelengkapan_pelapor",
        "dianggap_dicabut",
        "dianggap_dicabut_diarsipkan",  # its file archived, still reopened by the evidence
        "dibuka_kembali_pengaduan",
        "pengaduan_selesai",
        "diarsipkan",
    ]
    assert office.case(ticket).overdue is False
    invited = _notices(office, ticket).count(("survey_invitation", True))
    assert invited == len(office.rt.settings.notify_channels)  # once, now that it closed for good
    office.verify()


def test_evidence_that_comes_before_the_withdrawn_complaint_is_archived_reopens_it_and_the_archiving_ends(
    office, clock
):
    ticket, code = _awaiting_evidence(office)
    (bukti,) = _deadlines(office, ticket, "BUKTI")
    clock.move_to(bukti.due_at + timedelta(hours=17))  # the next morning, after the window's last day
    office.message(ticket, "bukti_tidak_dikirim", {"tanggal": clock_today()}, "tim")
    assert (office.case(ticket).status, office.open_tasks(ticket)) == ("dianggap_dicabut", ["arsip_dicabut"])
    archiving = _task(office, ticket, "arsip_dicabut")  # no clock, on a closed case: ranked after clocked work
    assert archiving.due_at is None
    assert _utc(archiving.sort_at) == _utc(archiving.created_at) + NO_DEADLINE_RANK  # by when it arose
    office.reporter_reply(ticket, code, "Kuitansi terlampir.", files=[("kuitansi.pdf", SAMPLE_PDF)])
    case = office.case(ticket)
    assert (case.status, case.closed_at) == ("dibuka_kembali_pengaduan", None)
    assert office.open_tasks(ticket) == ["klarifikasi_setelah_dibuka"]  # the archiving is no longer asked for
    office.complete(ticket, "klarifikasi_setelah_dibuka", clarification("tidak_cukup_bukti"))
    office.complete(ticket, "pemberitahuan_hasil", NOTICE)
    office.complete(ticket, "arsip", ARSIP)  # archived once, at the end of the reopened handling
    assert office.case(ticket).status == "diarsipkan"
    office.verify()


def test_complaint_without_oversight_relevance_is_referred_to_the_named_unit_only(office, clock):
    ticket, _ = _verified(office)
    office.complete(ticket, "klasifikasi", {**KE_UNIT, "unit_tujuan": "PENDMAD"})
    assert office.case(ticket).status == "didisposisikan_unit"
    assert office.open_tasks(ticket) == ["klarifikasi_unit"]
    task = _task(office, ticket, "klarifikasi_unit")
    assert task.lane == "unit_pengolah"
    assert "Identitas pelapor tidak diberikan" in task.instructions
    assert "laporan yang kami terima" in task.instructions
    with office.sessions() as s:
        assert task.unit_id == s.scalar(select(Unit.id).where(Unit.code == "PENDMAD"))
    with pytest.raises(NotFound):  # an officer of another unit does not even see it
        _complete_as(office, "unit", ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    _complete_as(office, "unitmad", ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    assert office.case(ticket).status == "dalam_klarifikasi"
    office.complete(ticket, "klarifikasi", clarification("cukup_ditindaklanjuti"))
    assert office.open_tasks(ticket) == ["tindak_lanjut"]
    with office.sessions() as s:  # nothing about the reporter reached the workflow
        state = s.scalar(select(Case).where(Case.ticket == ticket)).workflow_state.state
    assert REPORTER_NAME not in state
    assert REPORTER_NIK not in state
    office.verify()


NOT_OURS = {"tanggapan": "Beasiswa diurus Bidang Pendidikan Madrasah, bukan unit kami.", "bukan_kewenangan": True}


def _unit_of(office, ticket):
    """The code of the unit the case's open clarification task belongs to."""
    with office.sessions() as s:
        return s.scalar(
            select(Unit.code)
            .join(HumanTask, HumanTask.unit_id == Unit.id)
            .join(Case)
            .where(Case.ticket == ticket, HumanTask.state == "open")
        )


def test_a_unit_answering_not_its_matter_lets_the_team_refer_the_complaint_to_another_unit(office, clock):
    """Referral (legal-process.md §7.2 stage 4) is to the competent unit: when the unit named answers that the report
    is not its matter, the team names another; the new unit gets its own time to answer (an internal limit), the
    complaint's resolution clocks run on unchanged."""
    ticket, _ = _verified(office)
    office.complete(ticket, "klasifikasi", KE_UNIT)  # KANWIL
    [sla_before] = _deadlines(office, ticket, "SLA")
    clock.move_to(wib("2027-01-13"))
    office.complete(ticket, "klarifikasi_unit", NOT_OURS)
    assert office.open_tasks(ticket) == ["disposisi_ulang"]
    assert _task(office, ticket, "disposisi_ulang").lane == "tim_pengaduan"
    with pytest.raises(Invalid) as refused:  # another unit needs its code
        office.complete(ticket, "disposisi_ulang", {"langkah_disposisi": "unit_lain"})
    assert "unit_tujuan" in refused.value.fields
    with pytest.raises(Invalid):  # and a unit that exists
        office.complete(ticket, "disposisi_ulang", {"langkah_disposisi": "unit_lain", "unit_tujuan": "TIDAKADA"})
    assert office.open_tasks(ticket) == ["disposisi_ulang"]

    clock.move_to(wib("2027-01-14"))
    office.complete(
        ticket,
        "disposisi_ulang",
        {"langkah_disposisi": "unit_lain", "unit_tujuan": "PENDMAD", "catatan_disposisi": "Urusan beasiswa madrasah"},
    )
    assert office.case(ticket).status == "didisposisikan_unit"
    assert office.open_tasks(ticket) == ["klarifikasi_unit"]
    assert _unit_of(office, ticket) == "PENDMAD"
    with pytest.raises(Forbidden):  # the first unit still reads the case it answered; the new task is not its own
        _complete_as(office, "unit", ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    first, second = _deadlines(office, ticket, "UNIT")
    assert first.status == "met"
    assert second.status == "pending"
    assert abs(second.start_at - wib("2027-01-14")) < timedelta(minutes=1)  # from the re-referral, not the first
    assert second.due_at == _due(office, second.start_at, office.rt.settings.unit_response_days) > first.due_at
    with office.sessions() as s:  # the first unit is reminded no more; the new one is, on its own dates
        statuses = {
            d.id: sorted({r.status for r in s.scalars(select(Reminder).where(Reminder.deadline_id == d.id))})
            for d in (first, second)
        }
    assert statuses == {first.id: ["cancelled"], second.id: ["pending"]}
    [sla_after] = _deadlines(office, ticket, "SLA")
    assert (sla_after.id, sla_after.due_at, sla_after.status) == (sla_before.id, sla_before.due_at, "pending")

    _complete_as(office, "unitmad", ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    assert office.case(ticket).status == "dalam_klarifikasi"
    assert office.open_tasks(ticket) == ["klarifikasi"]
    with office.sessions() as s:
        facts = s.get(CaseFacts, s.scalar(select(Case.id).where(Case.ticket == ticket)))
        assert facts.unit_code == "PENDMAD"  # the registers count the complaint at the unit that answered it
    office.verify()


def test_the_team_may_assess_the_clarification_itself_when_the_unit_says_not_its_matter(office, clock):
    ticket, _ = _verified(office)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", NOT_OURS)
    office.complete(ticket, "disposisi_ulang", {"langkah_disposisi": "tim_menilai"})
    assert office.case(ticket).status == "dalam_klarifikasi"
    assert office.open_tasks(ticket) == ["klarifikasi"]
    assert len(_deadlines(office, ticket, "UNIT")) == 1
    office.verify()


def test_a_complaint_is_referred_again_at_most_three_times(office, clock):
    """Each re-referral is a pass through the model's loop (spiffworkflow-notes §1.7: loops deepen the task tree);
    after the third, whatever the unit answers goes to the team's assessment."""
    ticket, _ = _verified(office)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    officer = {"KANWIL": "unit", "PENDMAD": "unitmad"}
    for code in ["PENDMAD", "KANWIL", "PENDMAD"]:
        _complete_as(office, officer[_unit_of(office, ticket)], ticket, "klarifikasi_unit", NOT_OURS)
        office.complete(ticket, "disposisi_ulang", {"langkah_disposisi": "unit_lain", "unit_tujuan": code})
        assert _unit_of(office, ticket) == code
    _complete_as(office, "unitmad", ticket, "klarifikasi_unit", NOT_OURS)
    assert office.open_tasks(ticket) == ["klarifikasi"]
    assert len(_deadlines(office, ticket, "UNIT")) == 4
    office.complete(ticket, "klarifikasi", clarification("tidak_cukup_bukti"))
    office.verify()


def test_a_complaint_started_before_re_referral_existed_is_not_offered_the_not_our_matter_answer(
    settings, session_factory_, tmp_path, clock
):
    """A case keeps the process version it started on (workflows/, ProcessVersion): on version 1 the unit's answer
    goes straight to the team's assessment, so the unit is not asked a question nothing there would act on
    (forms: x-needs-step)."""
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(FIXTURES / "pengaduan.v1.bpmn", workflows / "pengaduan.bpmn")
    before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
    old, _ = _verified(before)
    before.complete(old, "klasifikasi", KE_UNIT)

    office = Office(session_factory_, Runtime(settings))  # the new version deployed
    new, _ = _verified(office)
    office.complete(new, "klasifikasi", KE_UNIT)
    with office.sessions() as s:
        unit = office.user(s, "unit")
        offered = {
            ticket: queries.task_detail(
                s, office.rt, s.get(HumanTask, _task(office, ticket, "klarifikasi_unit").id), unit
            )["form_schema"]["properties"]
            for ticket in (old, new)
        }
    assert "bukan_kewenangan" not in offered[old]
    assert "bukan_kewenangan" in offered[new]
    with pytest.raises(Invalid) as refused:
        office.complete(old, "klarifikasi_unit", NOT_OURS)
    assert refused.value.fields == {"bukan_kewenangan": [msg("field_unknown")]}
    office.complete(old, "klarifikasi_unit", TANGGAPAN_UNIT)
    assert office.open_tasks(old) == ["klarifikasi"]
    office.complete(new, "klarifikasi_unit", NOT_OURS)
    assert office.open_tasks(new) == ["disposisi_ulang"]


def test_referral_to_an_unknown_unit_is_refused(office, clock):
    ticket, _ = _verified(office)
    with pytest.raises(Invalid):
        office.complete(ticket, "klasifikasi", {**KE_UNIT, "unit_tujuan": "TIDAKADA"})
    assert office.open_tasks(ticket) == ["klasifikasi"]
    with pytest.raises(Invalid):  # a unit is required when the complaint is not oversight-relevant
        office.complete(ticket, "klasifikasi", {k: v for k, v in KE_UNIT.items() if k != "unit_tujuan"})


def test_referral_to_a_unit_with_nobody_to_answer_is_refused_naming_the_unit(office, clock):
    """A unit with no active unit officer would hold the task forever, and its notices reached nobody who could."""
    from engine.models import Unit

    with office.sessions.begin() as s:
        s.add(Unit(code="TU", name="Bagian Tata Usaha"))
    ticket, _ = _verified(office)
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "klasifikasi", {**KE_UNIT, "unit_tujuan": "TU"})
    assert refused.value.fields["unit_tujuan"] == [msg("unit_has_no_officer", unit="Bagian Tata Usaha")]
    assert office.open_tasks(ticket) == ["klasifikasi"]


def test_oversight_relevant_complaint_goes_to_the_inspectorate_and_is_examined_before_follow_up(office, clock):
    ticket, _ = _verified(office)
    office.complete(ticket, "klasifikasi", KE_ITJEN)
    assert office.case(ticket).status == "diteruskan_itjen"
    assert office.open_tasks(ticket) == ["rujukan_itjen"]
    office.complete(ticket, "rujukan_itjen", {"nomor_nota_dinas": "ND-12/Kw.13/PS.00/01/2027", "tanggal": "2027-01-11"})
    assert office.case(ticket).status == "dalam_klarifikasi"
    office.complete(ticket, "klarifikasi", clarification("perlu_pemeriksaan"))
    assert office.case(ticket).status == "dalam_pemeriksaan"
    with pytest.raises(Invalid):
        office.complete(
            ticket, "pemeriksaan", {"jenis": "audit_investigasi", "laporan_hasil": "x", "kerugian_negara": -1}
        )
    office.complete(
        ticket,
        "pemeriksaan",
        {"jenis": "audit_investigasi", "laporan_hasil": "Pungutan terbukti", "kerugian_negara": 1_250_000_000},
    )
    office.complete(
        ticket, "tindak_lanjut", {"tindak_lanjut": "rujukan_kpk", "uraian": "Kerugian negara di atas Rp1 miliar"}
    )
    office.complete(ticket, "pemberitahuan_hasil", NOTICE)
    office.complete(ticket, "arsip", ARSIP)
    assert office.milestones(ticket) == [
        *BEFORE_HANDLING,
        "diteruskan_itjen",
        "dalam_klarifikasi",
        "dalam_pemeriksaan",
        "ditindaklanjuti",
        "pengaduan_selesai",
        "diarsipkan",
    ]
    office.verify()


def test_insufficient_evidence_goes_straight_to_the_notice_without_follow_up(office, clock):
    ticket, _ = _clarifying(office)
    office.complete(ticket, "klarifikasi", clarification("tidak_cukup_bukti"))
    assert office.open_tasks(ticket) == ["pemberitahuan_hasil"]
    office.complete(ticket, "pemberitahuan_hasil", NOTICE)
    assert office.case(ticket).status == "pengaduan_selesai"
    assert "ditindaklanjuti" not in office.milestones(ticket)
    # The reporter reads the outcome before the survey its closing invites them to (it came after it).
    told = [event for event, to_reporter in _notices(office, ticket) if to_reporter]
    assert told.index("complaint_outcome") < told.index("survey_invitation")


def test_complaint_outside_the_office_authority_is_forwarded_to_another_agency_and_archived(office, clock):
    ticket, _ = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    forwarded = {
        "hasil": "diteruskan_instansi_lain",
        "alasan": "Sengketa tanah antarwarga",
        "alasan_untuk_pelapor": "Sengketa tanah antarwarga menjadi kewenangan Kantor Pertanahan.",
    }
    with pytest.raises(Invalid):  # the agency it goes to is required
        office.complete(ticket, "verifikasi", forwarded)
    office.complete(ticket, "verifikasi", {**forwarded, "instansi_tujuan": "Kantor Pertanahan Kota Contoh"})
    assert office.open_tasks(ticket) == ["surat_penerusan"]
    office.complete(
        ticket,
        "surat_penerusan",
        {"nomor_surat": "B-31/Kw.13/HM.01/01/2027", "tanggal": "2027-01-11", "instansi_tujuan": "Kantor Pertanahan"},
    )
    case = office.case(ticket)
    assert (case.status, case.closed_at is not None) == ("diteruskan_instansi_lain", True)
    assert office.open_tasks(ticket) == ["arsip"]
    office.complete(ticket, "arsip", ARSIP)
    assert office.milestones(ticket) == ["pengaduan_baru", "tercatat", "diteruskan_instansi_lain", "diarsipkan"]
    assert office.deadlines(ticket) == {"V3": "met"}
    office.verify()


def test_anonymous_complaint_not_actionable_is_closed_but_kept_as_information(office, clock):
    ticket, _ = office.complaint("anonim")
    office.complete(ticket, "catat_pengaduan", CATAT)
    with pytest.raises(Invalid):  # a reason is required when it cannot be followed up
        office.complete(ticket, "verifikasi", {"hasil": "tidak_dapat_ditindaklanjuti"})
    office.complete(
        ticket,
        "verifikasi",
        {
            "hasil": "tidak_dapat_ditindaklanjuti",
            "jenis_alasan": "pihak_tidak_jelas",
            "alasan": "Terlapor tidak jelas dan tidak dapat dikonfirmasi",
            "alasan_untuk_pelapor": "Pihak yang dilaporkan tidak dapat kami kenali dari laporan ini.",
        },
    )
    case = office.case(ticket)
    assert (case.status, case.reporter_mode, case.requester_party_id) == ("tidak_dapat_ditindaklanjuti", "anonim", None)
    assert case.closed_at is not None
    assert office.open_tasks(ticket) == ["arsip"]
    assert "bahan informasi" in _task(office, ticket, "arsip").instructions
    office.complete(ticket, "arsip", {**ARSIP, "catatan": "Bahan informasi untuk perencanaan pengawasan"})
    case = office.case(ticket)  # the record stays: archived, not deleted
    assert case.status == "diarsipkan"
    assert case.details["pokok_masalah"] == complaint_payload()["pokok_masalah"]
    assert office.milestones(ticket) == ["pengaduan_baru", "tercatat", "tidak_dapat_ditindaklanjuti", "diarsipkan"]
    office.verify()


def test_verification_not_done_in_three_working_days_flags_the_case_overdue_and_escalates(office, clock):
    ticket, _ = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    v3 = office.deadline(ticket, "V3")
    assert (v3.working_days, v3.public, v3.kind, v3.legal_basis) == (
        3,
        False,
        "agency",
        "SP4N-LAPOR!: verifikasi 3 hari kerja",
    )
    assert v3.due_at == _due(office, RECEIVED, 3)
    assert set(_reminders(office, v3)) == {("T-1", "group"), ("T0", "group,superior"), ("T+1", "superior")}
    clock.move_to(v3.due_at - timedelta(minutes=1))
    office.run(ticket)
    assert office.case(ticket).overdue is False
    clock.move_to(v3.due_at + timedelta(minutes=1))
    office.run(ticket)
    case = office.case(ticket)
    assert (case.overdue, case.status, office.open_tasks(ticket)) == (True, "tercatat", ["eskalasi_v3", "verifikasi"])
    assert office.deadlines(ticket) == {"V3": "missed"}
    office.complete(ticket, "verifikasi", LAYAK)  # late, but the work goes on
    assert office.open_tasks(ticket) == ["eskalasi_v3", "klasifikasi"]
    assert office.case(ticket).status == "terverifikasi"
    office.verify()


def _reminder_states(office, deadline):
    with office.sessions() as s:
        return {r.kind: r.status for r in s.scalars(select(Reminder).where(Reminder.deadline_id == deadline.id))}


def test_the_review_clock_runs_until_the_complaint_is_classified(office, clock):
    """Classifying the complaint (problem code, oversight-relevant or not) is part of its review (legal-process.md
    §7.2 stage 3), which SP4N-LAPOR! gives 3 working days from receipt: V3 runs on after the verification, the
    classification task is due by it and its reminders stay planned, and the classification meets it. Before, the
    verification alone met V3, and a complaint verified but not classified ran on no clock: its classification
    read "Tanpa batas waktu"."""
    ticket, _ = _verified(office)
    v3 = office.deadline(ticket, "V3")
    assert (office.case(ticket).status, office.deadlines(ticket)) == ("terverifikasi", {"V3": "pending"})
    assert _task(office, ticket, "klasifikasi").due_at == v3.due_at
    assert _reminder_states(office, v3) == {"T-1": "pending", "T0": "pending", "T+1": "pending"}
    with office.sessions() as s:
        told = instructions.for_task(s, office.rt, s.get(HumanTask, _task(office, ticket, "klasifikasi").id))
    assert f"Klasifikasikan pengaduan {ticket} paling lambat 3 hari kerja sejak diterima" in told["id"]
    assert f"Classify complaint {ticket} no later than 3 working days after it was received" in told["en"]
    office.complete(ticket, "klasifikasi", KE_UNIT)
    assert office.deadlines(ticket) == {"V3": "met", "SLA": "pending", "S60": "pending", "UNIT": "pending"}
    assert _reminder_states(office, v3) == {"T-1": "cancelled", "T0": "cancelled", "T+1": "cancelled"}
    assert office.milestones(ticket) == [*BEFORE_HANDLING, "didisposisikan_unit"]
    office.verify()


def _send_due_reminders(office):
    with office.sessions.begin() as s:
        for reminder in reminders.due(s):
            reminder.status = "sent"
            notices.remind(s, office.rt, reminder)


def _told(office, ticket, event) -> set[str]:
    with office.sessions() as s:
        return set(
            s.scalars(
                select(User.username)
                .join(Notification, Notification.recipient_user_id == User.id)
                .join(Case, Case.id == Notification.case_id)
                .where(Case.ticket == ticket, Notification.event == event)
            )
        )


def test_a_verified_complaint_not_classified_within_three_working_days_of_receipt_is_late_by_v3(office, clock):
    """Received and verified on Mon 11 Jan 2027; V3 ends Thu 14 Jan, 16:00 WIB. Still not classified then, the
    complaint is late (V3 missed, the case flagged overdue), its classification shows the date it missed, and the
    lapse goes to the WBS managers as the resolution clocks' lapses do (eskalasi_sla, eskalasi_s60). The team and
    the WBS managers are reminded before: the reminders were cancelled when the verification met V3."""
    ticket, _ = _verified(office)
    v3 = office.deadline(ticket, "V3")
    assert v3.due_at == _due(office, RECEIVED, 3) == wib("2027-01-14", 16)
    clock.move_to(v3.due_at - timedelta(minutes=1))  # T-1 (Wed) and T0 (Thu, at opening) are due
    office.run(ticket)
    _send_due_reminders(office)
    assert (office.case(ticket).overdue, office.deadlines(ticket)) == (False, {"V3": "pending"})
    assert {"tim", "wbs"} <= _told(office, ticket, "deadline_reminder")
    clock.move_to(v3.due_at + timedelta(minutes=1))
    office.run(ticket)
    assert "wbs" in _told(office, ticket, "escalation")
    case = office.case(ticket)
    assert (case.overdue, case.status) == (True, "terverifikasi")
    assert office.deadlines(ticket) == {"V3": "missed"}
    assert office.open_tasks(ticket) == ["eskalasi_v3", "klasifikasi"]
    assert _task(office, ticket, "klasifikasi").due_at == v3.due_at
    escalation = _task(office, ticket, "eskalasi_v3")
    assert (escalation.lane, escalation.form) == ("pengelola_wbs", "eskalasi.json")
    with office.sessions() as s:
        told = instructions.for_task(s, office.rt, s.get(HumanTask, escalation.id))
    assert f"Pengaduan {ticket} belum ditelaah, diverifikasi dan diklasifikasikan dalam 3 hari kerja" in told["id"]
    assert f"Complaint {ticket} has not been reviewed, verified and classified within 3 working days" in told["en"]
    office.complete(ticket, "klasifikasi", KE_UNIT)  # late, but the work goes on
    assert office.open_tasks(ticket) == ["eskalasi_v3", "klarifikasi_unit"]
    assert office.deadlines(ticket) == {"V3": "missed", "SLA": "pending", "S60": "pending", "UNIT": "pending"}
    office.complete(ticket, "eskalasi_v3", {"tindakan": "Tim pengaduan diminta mengklasifikasikan hari ini"})
    assert office.open_tasks(ticket) == ["klarifikasi_unit"]
    assert office.case(ticket).overdue is True  # the lapse stays on the record
    office.verify()


def test_a_complaint_started_before_the_classification_joined_the_review_keeps_its_process(
    settings, session_factory_, tmp_path, clock
):
    """A case keeps the process version it started on (engine.runtime.deploy stores each file's content once, by
    its sha256; a case holds its process_version_id and is always loaded with that version's spec). On version 1
    the classification follows the review subprocess: V3 was met by the verification, and the classification runs
    on no clock there, as it did; a complaint filed on the new version is classified under V3."""
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(FIXTURES / "pengaduan.v1.bpmn", workflows / "pengaduan.bpmn")
    before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
    old, _ = _verified(before)

    office = Office(session_factory_, Runtime(settings))  # the new version deployed
    new, _ = _verified(office)
    assert (office.deadlines(old), office.deadlines(new)) == ({"V3": "met"}, {"V3": "pending"})
    assert _task(office, old, "klasifikasi").due_at is None
    # What the reporter's page says the 3 days cover is read from the case's own version; the clock's name is neutral.
    with office.sessions() as s:
        covers = {
            t: complaints.review_classifies(s, office.rt, s.scalar(select(Case).where(Case.ticket == t)))
            for t in (old, new)
        }
    assert covers == {old: False, new: True}
    assert "klasifikasi" not in outbox.deadline_label("V3", "id")
    assert "classification" not in outbox.deadline_label("V3", "en")
    clock.move_to(office.deadline(new, "V3").due_at + timedelta(minutes=1))
    office.run(old)
    office.run(new)
    assert (office.case(old).overdue, office.case(new).overdue) == (False, True)
    assert office.open_tasks(old) == ["klasifikasi"]
    office.complete(old, "klasifikasi", KE_UNIT)
    assert office.open_tasks(old) == ["klarifikasi_unit"]
    assert office.deadlines(old) == {"V3": "met", "SLA": "pending", "S60": "pending", "UNIT": "pending"}
    office.verify()


@pytest.mark.parametrize(
    ("classification", "days", "settings_overrides", "start"),
    [
        (KE_UNIT, 14, {}, RECEIVED),
        (KE_ITJEN, 41, {}, RECEIVED),
        (KE_UNIT, 14, {"KAWAL_COMPLAINT_SLA_FROM": "klasifikasi"}, wib("2027-01-12")),
        (KE_ITJEN, 40, {"KAWAL_COMPLAINT_SLA_FROM": "klasifikasi"}, wib("2027-01-12")),
    ],
    ids=["tidak_berkadar_14", "berkadar_60_cut_to_41", "from_classification_14", "from_classification_cut_to_40"],
)
def test_resolution_period_is_fourteen_working_days_or_sixty_cut_to_the_statutory_sixty_days(
    office, clock, classification, days, start
):
    """Filed Mon 11 Jan 2027 10:00 WIB; S60 (UU 25/2009 Pasal 50) ends 60 days later, Fri 12 Mar 2027; classified
    Tue 12 Jan. The period is the agency's deadline: it runs from the receipt (the earliest reading, §2.2), or,
    configured so, from the classification. 14 working days fit either way; 60 do not: the working days from
    11 Jan to 12 Mar on the strict reading are 12-15 Jan (4), 18-22 (9), 25-29 (14), 1-5 Feb (19), 8-12 (24),
    15-19 (29), 22-26 (34), 1-5 Mar (39), Mon 8 Nyepi, Tue 9 (40), 10-11 Idul Fitri, Fri 12 (41): the oversight
    tier is cut to 41 (from the classification on 12 Jan: 40)."""
    ticket, _ = _verified(office)
    clock.move_to(wib("2027-01-12"))
    office.complete(ticket, "klasifikasi", classification)
    (sla,) = _deadlines(office, ticket, "SLA")
    assert (sla.status, sla.working_days, sla.public, sla.calendar) == ("pending", days, True, "strict")
    assert sla.legal_basis == (
        "Standar layanan pengaduan: 14 hari kerja, 60 hari kerja bila berkadar pengawasan; dipotong agar tidak"
        " melewati batas 60 hari kalender UU 25/2009 Pasal 50"
    )
    assert abs(sla.start_at - start) < timedelta(minutes=1)
    assert sla.due_at == _due(office, start, days)
    assert office.case(ticket).due_at == sla.due_at
    assert set(_reminders(office, sla)) >= {("T-3", "group"), ("T-1", "assignee,group"), ("T0", "assignee,superior")}


def test_resolution_period_lapse_flags_overdue_and_escalates_to_the_wbs_managers(office, clock):
    ticket, _ = _clarifying(office)
    sla = office.deadline(ticket, "SLA")
    clock.move_to(sla.due_at + timedelta(minutes=1))
    office.run(ticket)
    case = office.case(ticket)
    assert (case.overdue, case.status) == (True, "dalam_klarifikasi")
    assert office.open_tasks(ticket) == ["eskalasi_sla", "klarifikasi"]
    assert _task(office, ticket, "eskalasi_sla").lane == "pengelola_wbs"
    assert ("escalation", False) in _notices(office, ticket)  # to the WBS managers, not the reporter
    assert office.deadlines(ticket)["SLA"] == "missed"
    office.complete(ticket, "eskalasi_sla", {"tindakan": "Tim pengaduan diminta menyelesaikan dalam 3 hari kerja"})
    office.complete(ticket, "klarifikasi", clarification("cukup_ditindaklanjuti"))
    office.complete(ticket, "tindak_lanjut", TINDAK_LANJUT)
    office.complete(ticket, "pemberitahuan_hasil", NOTICE)
    office.complete(ticket, "arsip", ARSIP)
    case = office.case(ticket)
    assert (case.status, case.overdue) == ("diarsipkan", True)
    office.verify()


def test_a_reporters_answer_that_is_rolled_back_leaves_no_file_on_disk(office, clock):
    ticket, code = _awaiting_evidence(office)
    files_dir = office.rt.settings.files_dir

    def stored():
        return {p.name for p in files_dir.glob("*")} if files_dir.exists() else set()

    with office.sessions() as s:
        case = casework.find_by_code(s, ticket, code)
        store = FileStore(files_dir, office.rt.vault)
        complaints.reporter_message(s, office.rt, store, case, "Bukti", [Upload("kuitansi.pdf", SAMPLE_PDF)])
        assert len(stored()) == 1  # written before the commit
        s.rollback()  # the transaction fails: its message and its file both go
    assert stored() == set()
    assert office.open_tasks(ticket) == []
    office.reporter_reply(ticket, code, "Bukti", files=[("kuitansi.pdf", SAMPLE_PDF)])
    assert len(stored()) == 1  # a committed answer keeps its file


@pytest.mark.parametrize("stage", ["awaiting_evidence", "clarifying"])
def test_the_team_is_told_of_a_reporters_message_in_a_mail_that_renders_in_both_languages(office, clock, stage):
    """The team's mail about a reporter's message failed to render (its context lacked the deadline key),
    so it became an incident and the team was never told. It names the complaint's most pressing clock."""
    from notifications.rendering import render

    ticket, code = _awaiting_evidence(office) if stage == "awaiting_evidence" else _clarifying(office)
    office.reporter_reply(ticket, code, "Bukti terlampir")
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        told = s.scalars(
            select(Notification).where(Notification.case_id == case.id, Notification.event == "reporter_message")
        ).all()
        pending = [d for d in case.deadlines if d.status == "pending" and d.kind == "agency"]
    assert told
    for row in told:
        for locale in ("id", "en"):
            subject, body = render(row.event, locale, row.context)
            assert ticket in subject
            assert ticket in body
        if pending:
            assert row.context["deadline"] == min(pending, key=lambda d: d.due_at).name
        else:
            assert row.context["deadline"] is None


def test_the_teams_mail_of_a_reporters_message_names_its_own_clock_not_the_units_time_to_answer(office, clock):
    """While a unit clarifies, its internal limit (UNIT, the sooner) is the unit's to meet: the team's mail named it
    as the team's deadline. It names the complaint's own clock (SLA) instead, in both languages."""
    from notifications.rendering import render

    ticket, code = _verified(office)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    assert _deadlines(office, ticket, "UNIT")[0].status == "pending"
    office.reporter_reply(ticket, code, "Tambahan keterangan")
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        (row, *_) = s.scalars(
            select(Notification).where(Notification.case_id == case.id, Notification.event == "reporter_message")
        ).all()
    assert row.context["deadline"] == "SLA"
    subject, body = render(row.event, "id", row.context)
    assert "Standar layanan pengaduan" in body
    assert "unit pengolah" not in body
    subject, body = render(row.event, "en", row.context)
    assert body.count("Pesan dari pelapor") == 0  # the English mail is English


def test_the_teams_own_clock_is_one_rule_for_every_staff_mail_and_never_a_units_internal_limit(office, clock):
    """The team's most pressing clock (engine.lateness.team_clock) is what both a reporter's message and a
    whistleblower's new report tell staff (engine.notices): the nearest pending clock that would make the case late.
    A unit's time to answer (UNIT, lateness.COORDINATION) is the sooner here but never makes the case late: not it."""
    from engine import lateness

    ticket, _ = _verified(office, mode="whistleblower")
    office.complete(ticket, "klasifikasi", KE_UNIT)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        pending = {d.name: d.due_at for d in case.deadlines if d.status == "pending"}
        told = lateness.team_clock(office.rt, case)
    assert pending["UNIT"] < pending["SLA"]
    assert told["deadline"] == "SLA"
    assert told["due_at"].startswith(pending["SLA"].astimezone(office.rt.calendars["strict"].tz).date().isoformat())


def clock_today() -> str:
    """The office's date now (WIB), as a form writes it."""
    from engine import clock as office_clock

    return office_clock.now().astimezone(timezone(timedelta(hours=7))).date().isoformat()


def test_the_team_records_an_incident_no_later_than_the_complaint_reached_the_office(office, clock):
    """The public form refuses an incident dated after the filing; the team's record of it took 2027-02-02."""
    ticket, _ = office.complaint()
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "catat_pengaduan", {**CATAT, "waktu_kejadian": "2030-02-02"})
    assert list(refused.value.fields) == ["waktu_kejadian"]
    assert office.open_tasks(ticket) == ["catat_pengaduan"]
    office.complete(ticket, "catat_pengaduan", CATAT)
    assert office.open_tasks(ticket) == ["verifikasi"]


def test_time_to_resolve_a_complaint_counts_to_its_outcome_notice_as_dated_not_as_recorded(office, clock):
    """legal-process.md §9.3: time to close in working days against the tier. A complaint whose outcome notice,
    dated Wed 13 Jan, was recorded on Mon 1 Feb counted to the recording, and showed its 14-day tier as missed."""
    from engine import facts, kinds, registers
    from engine.models import CaseFacts

    ticket, _ = _clarifying(office)
    office.complete(ticket, "klarifikasi", clarification("tidak_cukup_bukti"))
    clock.move_to(wib("2027-02-01"))  # the notice went out on 13 Jan; its record is typed in three weeks later
    office.complete(ticket, "pemberitahuan_hasil", {**NOTICE, "tanggal": "2027-01-13"})
    cal = office.rt.calendars["strict"]
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        assert case.closed_at.astimezone(cal.tz).date().isoformat() == "2027-02-01"
        told = cal.working_days_between(cal.day_zero(case.received_at)[0], datetime(2027, 1, 13).date())
        kept = s.get(CaseFacts, case.id)
        assert (kept.closed_days, kept.closed_calendar_days) == (told, 2)
        assert facts.derive(s, office.rt, case)["closed_days"] == told
        [row] = registers.rows(s, office.rt, office.user(s, "wbs"), registers.Filter(kinds.COMPLAINT))
        assert (row["closed_days"], row["within_sla"]) == (told, True)


def test_a_complaint_resolved_within_its_fresh_clock_after_the_reporters_evidence_is_within_its_tier(office, clock):
    """legal-process.md §10, §9.3: the resolution tier runs on the complete file. A complaint received in January
    waited four weeks for the reporter's evidence (13 Jan to 10 Feb) and was resolved on 15 Feb, well within the
    fresh 14 working days its clock restarted with: the register and the statistics count it within its tier
    (they compared 25 working days from the receipt with 14, and counted the reporter's time against the office)."""
    from engine import complaint_stats, kinds, registers
    from engine.models import CaseFacts

    ticket, code = office.complaint("rahasia")
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    clock.move_to(wib("2027-01-13"))
    office.complete(ticket, "klarifikasi", clarification("perlu_bukti_pelapor"))
    office.complete(ticket, "minta_bukti", {"pertanyaan": QUESTION})
    clock.move_to(wib("2027-02-10"))
    office.reporter_reply(ticket, code, "Kuitansi terlampir.")
    clock.move_to(wib("2027-02-15"))
    office.complete(ticket, "klarifikasi_lanjutan", clarification("cukup_ditindaklanjuti"))
    office.complete(ticket, "tindak_lanjut", TINDAK_LANJUT)
    office.complete(ticket, "pemberitahuan_hasil", {**NOTICE, "tanggal": "2027-02-15"})
    office.complete(ticket, "arsip", ARSIP)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        kept = s.get(CaseFacts, case.id)
        assert kept.closed_days > kept.sla_days == 14  # counted from the receipt, the evidence's weeks included
        assert kept.sla == "met"
        [row] = registers.rows(s, office.rt, office.user(s, "wbs"), registers.Filter(kinds.COMPLAINT))
        assert row["within_sla"] is True
        stats = complaint_stats.complaint_stats(s, wib("2027-01-01"), wib("2028-01-01"))
        assert (stats.tiers["within_own_tier"], stats.tiers["with_tier"]) == (1, 1)


def test_a_complaint_resolved_after_its_clock_ended_is_not_within_its_tier(office, clock):
    """The same count read the other way: the outcome notice dated after the tier's last day is outside it."""
    from engine.models import CaseFacts

    ticket, _ = _clarifying(office)
    office.complete(ticket, "klarifikasi", clarification("tidak_cukup_bukti"))
    sla = office.deadline(ticket, "SLA")
    late = (sla.due_at + timedelta(days=1)).astimezone(office.rt.calendars["strict"].tz).date()
    clock.move_to(wib(late.isoformat()))
    office.run(ticket)
    office.complete(ticket, "pemberitahuan_hasil", {**NOTICE, "tanggal": late.isoformat()})
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        assert s.get(CaseFacts, case.id).sla == "missed"


def test_the_start_of_a_complaints_resolution_period_is_one_of_two_named_choices():
    from engine.config import ConfigError, load_settings

    assert load_settings({}).complaint_sla_from == "penerimaan"
    assert load_settings({"KAWAL_COMPLAINT_SLA_FROM": "klasifikasi"}).complaint_sla_from == "klasifikasi"
    with pytest.raises(ConfigError) as refused:
        load_settings({"KAWAL_COMPLAINT_SLA_FROM": "verifikasi"})
    assert "KAWAL_COMPLAINT_SLA_FROM must be one of penerimaan, klasifikasi" in str(refused.value)


def test_a_units_task_past_its_own_time_to_answer_shows_that_missed_date_not_the_complaints_later_one(office, clock):
    """A unit's missed deadline is invisible where people look: once UNIT (the unit's time to answer, a timer on
    klarifikasi_unit) lapsed, the unit's inbox showed its task due on the complaint's SLA, days ahead, "on schedule".
    A task shows its own missed deadline while it stays open; the case keeps its public one (SLA: a coordination
    limit never makes the complaint late, engine.lateness.COORDINATION), and the team's task after the unit's
    answer is due on the complaint's clock, not on the unit's missed limit."""
    from engine import inbox_list

    ticket, _ = _verified(office)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    unit, sla = office.deadline(ticket, "UNIT"), office.deadline(ticket, "SLA")
    assert _utc(unit.due_at) < _utc(sla.due_at)
    clock.move_to(_utc(unit.due_at) + timedelta(days=1))  # the next working day
    office.run(ticket)
    assert office.deadlines(ticket)["UNIT"] == "missed"
    with office.sessions() as s:
        [item] = inbox_list.page(s, office.rt, office.user(s, "unit"), inbox_list.parse({})).items
        assert item["form"] == _task(office, ticket, "klarifikasi_unit").form
        assert _utc(item["due_at"]) == _utc(unit.due_at)
        assert item["working_days_left"] < 0  # the inbox and the task page say it is late
        row = s.get(HumanTask, item["id"])
        assert _utc(row.sort_at) == _utc(unit.due_at)  # listed among the late tasks
    case = office.case(ticket)
    assert _utc(case.due_at) == _utc(sla.due_at)  # the complaint itself is on schedule
    assert not case.overdue
    _complete_as(office, "unit", ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    assert _utc(_task(office, ticket, "klarifikasi").due_at) == _utc(sla.due_at)


def test_the_model_says_where_a_forwarded_complaint_is_told_and_a_case_on_the_version_before_is_told_there_too(
    settings, session_factory_, tmp_path, clock
):
    """pengaduan.bpmn marks the task that tells the reporter of the forwarding (``tells_reporter_forwarded`` on
    surat_penerusan); the review keeps ``tells_reporter_closure`` for a complaint it closes here. A case started on a
    version before the mark keeps it, and is told at its forwarding letter alike: once, never at the review."""
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(FIXTURES / "pengaduan.v1.bpmn", workflows / "pengaduan.bpmn")
    before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
    old, _ = before.complaint()
    office = Office(session_factory_, Runtime(settings))
    new, _ = office.complaint()
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == new))
        spec = office.rt.spec(s, case.process_version_id)
        specs = {name: t for sp in (spec.spec, *spec.subprocess_specs.values()) for name, t in sp.task_specs.items()}
    from engine.sync import properties

    assert properties(specs["surat_penerusan"]).get("tells_reporter_forwarded")
    assert properties(specs["verifikasi"]).get("tells_reporter_closure") == "alasan_untuk_pelapor"
    forwarded = {
        "hasil": "diteruskan_instansi_lain",
        "alasan": "Sengketa tanah antarwarga",
        "alasan_untuk_pelapor": "Sengketa tanah antarwarga menjadi kewenangan Kantor Pertanahan.",
        "instansi_tujuan": "Kantor Pertanahan Kota Contoh",
    }
    letter = {
        "nomor_surat": "B-31/Kw.13/HM.01/01/2027",
        "tanggal": "2027-01-11",
        "instansi_tujuan": "Kantor Pertanahan",
    }
    for ticket in (old, new):
        office.complete(ticket, "catat_pengaduan", CATAT)
        office.complete(ticket, "verifikasi", forwarded)
        assert [m for m in _messages(office, ticket) if m[1] == "outcome"] == [], ticket
        office.complete(ticket, "surat_penerusan", letter)
        (told,) = [m for m in _messages(office, ticket) if m[1] == "outcome"]
        assert "B-31/Kw.13/HM.01/01/2027" in told[2], ticket
