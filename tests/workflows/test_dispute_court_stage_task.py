"""While a court hears the dispute the office has a task: its power of attorney for that court (walk of a dispute's
court stage, finding 17; legal-process.md §5.3, §10b "Dispute / Summons: Surat Kuasa Khusus"). The attorneys it
appoints file the office's answer there later: the task does not ask for it.

When the case goes to court (the office's own challenge or the applicant's), and again at cassation (either party's),
the head of the office (the Atasan PPID's lane, as the power of attorney before the Commission) gets a task
(kuasa_pengadilan, kuasa_kasasi: forms/sengketa_kuasa_pengadilan.json) with no deadline, the law giving none. The
court's decision is recorded whenever it comes: while the task is open it ends it, and the case moves on as it did. A
case started on version 4 of the model keeps running on it, without the task.

The decisions of tests/workflows/test_sengketa_paths.py's dispute (adjudication received Mon 1 Mar 2027; the court's
judgment of Mon 3 May 2027). Python's decisions over existing rows: SQLite alone."""

import dataclasses
import shutil
from pathlib import Path

from sqlalchemy import select

from engine.models import Case, HumanTask
from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: nothing new is stored
from tests.workflows.conftest import Office
from tests.workflows.test_dispute_final_on_the_day_after_the_windows import _decided
from tests.workflows.test_sengketa_paths import clock, wib  # noqa: F401 - the clock fixture

FIXTURES = Path(__file__).parent / "fixtures"
CHALLENGE = {
    "sikap": "mengajukan_keberatan",
    "alasan_sikap": "Informasi dikecualikan",
    "pengadilan": "PTUN Jakarta",
    "tanggal_pengajuan_keberatan": "2027-03-15",
}
APPLICANT_S_CHALLENGE = {"tanggal": "2027-03-12", "pengadilan": "PTUN Jakarta", "nomor_perkara": "9/G/KI/2027/PTUN.JKT"}
POWER = {
    "nomor_surat": "SK-21/Kw.09/HK.00/03/2027",
    "tanggal": "2027-03-16",
    "penerima_kuasa": ["Kepala Bagian Tata Usaha", "Kepala Subbagian Hukum dan KUB"],
}
JUDGMENT = {
    "tanggal": "2027-05-03",
    "pengadilan": "PTUN Jakarta",
    "nomor_perkara": "12/G/KI/2027/PTUN.JKT",
    "amar": "dikabulkan_seluruhnya",
    "tanggal_diterima": "2027-05-05",
    "tanggal_diterima_pemohon": "2027-05-05",
}
CASSATION_JUDGMENT = {"tanggal": "2027-08-02", "nomor_perkara": "101 K/TUN/KI/2027", "amar": "ditolak"}


def _task_rows(office, ticket, name) -> list[tuple[str, str]]:
    """(state, lane) of every task ``name`` the case had."""
    with office.sessions() as s:
        rows = s.scalars(select(HumanTask).join(Case).where(Case.ticket == ticket, HumanTask.bpmn_id == name))
        return [(row.state, row.lane) for row in rows]


def _office_challenged(office, clock) -> str:  # noqa: F811 - the clock fixture
    ticket = _decided(office, clock, "2027-03-01", "2027-03-01")
    clock.move_to(wib("2027-03-15"))
    office.complete(ticket, "sikap_atas_putusan", CHALLENGE)
    return ticket


def _judged(office, clock) -> str:  # noqa: F811 - the clock fixture
    """The court's judgment on the office's challenge, its task done; the clock on Wed 5 May 2027."""
    ticket = _office_challenged(office, clock)
    clock.move_to(wib("2027-03-16"))
    office.complete(ticket, "kuasa_pengadilan", POWER)
    clock.move_to(wib("2027-05-05"))
    office.message(ticket, "putusan_pengadilan", JUDGMENT)
    return ticket


def test_the_office_s_own_challenge_opens_its_court_task_and_the_judgment_is_awaited_after_it(office, clock):  # noqa: F811
    """The office went to court: its head appoints the attorneys; the task done, the case waits for the
    judgment, which then opens the office's position on cassation as before."""
    ticket = _office_challenged(office, clock)
    assert office.case(ticket).status == "keberatan_pengadilan"
    assert office.open_tasks(ticket) == ["kuasa_pengadilan"]
    assert _task_rows(office, ticket, "kuasa_pengadilan") == [("open", "atasan_ppid")]
    assert office.case(ticket).due_at is None  # no deadline: the law gives the office none here
    clock.move_to(wib("2027-03-16"))
    office.complete(ticket, "kuasa_pengadilan", POWER)
    assert office.open_tasks(ticket) == []
    assert [e["name"] for e in office.case(ticket).awaiting_events] == ["putusan_pengadilan"]
    clock.move_to(wib("2027-05-05"))
    office.message(ticket, "putusan_pengadilan", JUDGMENT)
    assert office.case(ticket).status == "putusan_pengadilan"
    assert office.open_tasks(ticket) == ["sikap_kasasi"]
    office.verify()


def test_a_judgment_recorded_while_the_court_task_is_open_ends_it_and_the_case_moves_on(office, clock):  # noqa: F811
    """The applicant went to court while the office deliberated; the judgment comes before the office recorded its
    attorneys: the task ends, and the judgment counts as it did (K14 from the office's receipt on Wed 5 May)."""
    ticket = _decided(office, clock, "2027-03-01", "2027-03-01")
    clock.move_to(wib("2027-03-12"))
    office.message(ticket, "gugatan_pemohon", APPLICANT_S_CHALLENGE)
    assert office.case(ticket).status == "keberatan_pengadilan"
    assert office.open_tasks(ticket) == ["kuasa_pengadilan"]
    assert [e["name"] for e in office.case(ticket).awaiting_events] == ["putusan_pengadilan"]
    clock.move_to(wib("2027-05-05"))
    office.message(ticket, "putusan_pengadilan", JUDGMENT)
    assert _task_rows(office, ticket, "kuasa_pengadilan") == [("cancelled", "atasan_ppid")]
    assert office.case(ticket).status == "putusan_pengadilan"
    assert office.open_tasks(ticket) == ["sikap_kasasi"]
    assert office.deadline(ticket, "K14").start_at.date().isoformat() == "2027-05-05"
    office.verify()


def test_the_office_s_cassation_opens_its_task_for_the_supreme_court(office, clock):  # noqa: F811
    ticket = _judged(office, clock)
    lodged = {"sikap": "mengajukan_kasasi", "alasan_sikap": "Putusan keliru", "tanggal_permohonan_kasasi": "2027-05-10"}
    clock.move_to(wib("2027-05-10"))
    office.complete(ticket, "sikap_kasasi", lodged)
    assert office.case(ticket).status == "kasasi"
    assert office.open_tasks(ticket) == ["kuasa_kasasi"]
    assert _task_rows(office, ticket, "kuasa_kasasi") == [("open", "atasan_ppid")]
    office.complete(ticket, "kuasa_kasasi", {**POWER, "tanggal": "2027-05-10"})
    assert office.open_tasks(ticket) == []
    assert [e["name"] for e in office.case(ticket).awaiting_events] == ["putusan_kasasi"]


def test_the_supreme_court_s_judgment_recorded_while_the_task_is_open_ends_it(office, clock):  # noqa: F811
    """The applicant filed for cassation: the office's task for the Supreme Court (its attorneys there) opens;
    the cassation judgment recorded first ends it, and the judgment is final on its date."""
    ticket = _judged(office, clock)
    clock.move_to(wib("2027-05-10"))
    office.message(ticket, "kasasi_diajukan", {"tanggal": "2027-05-10", "pihak": "pemohon", "nomor_perkara": "101 K"})
    assert office.case(ticket).status == "kasasi"
    assert office.open_tasks(ticket) == ["kuasa_kasasi"]
    clock.move_to(wib("2027-08-05"))
    office.message(ticket, "putusan_kasasi", CASSATION_JUDGMENT)
    assert _task_rows(office, ticket, "kuasa_kasasi") == [("cancelled", "atasan_ppid")]
    assert office.case(ticket).status == "sengketa_selesai"  # the application dismissed: nothing to carry out
    assert office.open_tasks(ticket) == []
    office.verify()


def test_a_dispute_started_on_version_4_keeps_running_without_the_new_tasks(
    settings,
    session_factory_,
    office,
    clock,  # noqa: F811 - the clock fixture
    tmp_path,
):
    """A case keeps the process version it started on (tests/workflows/fixtures/sengketa_informasi.v4.bpmn): it
    goes to court with no task and waits for the judgment; its office's position on cassation never ends by itself.
    One started after gets the court task."""
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(FIXTURES / "sengketa_informasi.v4.bpmn", workflows / "sengketa_informasi.bpmn")
    before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
    old = _office_challenged(before, clock)
    clock.move_to(wib("2027-01-13"))
    new = _office_challenged(office, clock)
    assert (office.open_tasks(old), office.open_tasks(new)) == ([], ["kuasa_pengadilan"])
    clock.move_to(wib("2027-05-05"))
    office.message(old, "putusan_pengadilan", JUDGMENT)
    assert office.case(old).status == "putusan_pengadilan"
    assert office.open_tasks(old) == ["sikap_kasasi"]
    clock.move_to(wib("2027-06-01"))  # K14 (19 May) long lapsed on every reading
    office.run(old)
    assert office.open_tasks(old) == ["sikap_kasasi"]
    with office.sessions() as s:
        versions = {s.scalar(select(Case.process_version_id).where(Case.ticket == t)) for t in (old, new)}
    assert len(versions) == 2
    office.verify()
