"""An office that never takes its position on a decision is not left with the task forever (walk of a dispute's
court stage, finding 8; legal-process.md §2.2, §5.2 rows 9-10).

Once the office's own window (P14 on the Commission's decision, K14 on the court's judgment) has lapsed on the lenient
reading too, it can no longer challenge the decision, which stands for it as accepted. Its position task ends at the
close of the next working day (a challenge lodged on the window's last day and recorded the next morning is in time:
tests/workflows/test_legal_dispute_clocks.py), and the case goes on as after "menerima": the applicant's window and
the confirmation of finality run as they do. The decision is then final from the first day no party could still
challenge it: the later of the day after the applicant's window and the day after the office's own.

The decisions of tests/workflows/test_sengketa_paths.py's dispute: the adjudication read Fri 26 Feb 2027; the
court's judgment of Mon 3 May 2027 (tests/workflows/test_legal_dispute_clocks.py). The task ends when the scheduler's
sweep finds the office's last day passed (its deadline row, P14_AKHIR or K14_AKHIR: notifications.reconcile, run
embedded here), at the close of office hours (16:00 WIB by default). Python's decisions over the existing rows: SQLite
alone."""

from datetime import date, datetime

import pytest
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select

from engine import holidays
from engine.errors import Invalid
from engine.models import Case, CaseEvent
from notifications.reconcile import reconcile
from notifications.services import Services, use
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: nothing new is stored
from tests.workflows.test_dispute_final_on_the_day_after_the_windows import _decided, _final_days
from tests.workflows.test_legal_dispute_clocks import judged  # noqa: F401 - the fixture
from tests.workflows.test_sengketa_paths import WIB, clock, wib  # noqa: F401 - the clock fixture

CHALLENGE = {"sikap": "mengajukan_keberatan", "alasan_sikap": "Informasi dikecualikan", "pengadilan": "PTUN Jakarta"}
CASSATION = {"sikap": "mengajukan_kasasi", "alasan_sikap": "Putusan keliru menerapkan Pasal 17"}


@pytest.fixture
def sweep(office, clock):  # noqa: F811 - the clock fixture
    """The scheduler's sweep at an instant: notifications.reconcile, embedded (no Redis), runs the due timers itself."""
    svc = Services(office.rt.settings)
    use(svc)

    def at(instant: datetime) -> None:
        clock.move_to(instant)
        reconcile(svc)

    yield at
    use(None)
    svc.sessions.kw["bind"].dispose()


def _at(day: str, hour: int, minute: int) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:{minute:02d}:00+07:00")


def _decided_in_court(office, clock) -> str:  # noqa: F811 - the clock fixture
    """The office challenged the Commission's decision (received Mon 1 Mar 2027) in court on Mon 15 Mar."""
    ticket = _decided(office, clock, "2027-03-01", "2027-03-01")
    clock.move_to(wib("2027-03-15"))
    office.complete(ticket, "sikap_atas_putusan", {**CHALLENGE, "tanggal_pengajuan_keberatan": "2027-03-15"})
    return ticket


def _recorded(office, ticket, step: str) -> dict:
    """The process data once ``step`` (the script marking the position not taken) has run."""
    with office.sessions() as s:
        wf = office.rt.load(s, s.scalar(select(Case).where(Case.ticket == ticket)))
        [task] = wf.get_tasks(spec_name=step, state=TaskState.COMPLETED)
        return task.data


def _moved(office, ticket) -> list[str]:
    """The deadlines the history says a change of the calendar moved."""
    with office.sessions() as s:
        events = s.scalars(
            select(CaseEvent).join(Case).where(Case.ticket == ticket, CaseEvent.type == "deadline_recomputed")
        )
        return [e.data["deadline"] for e in events]


def _cancelled(office, ticket) -> list[str]:
    """The tasks the history says were ended without being completed."""
    with office.sessions() as s:
        events = s.scalars(
            select(CaseEvent).join(Case).where(Case.ticket == ticket, CaseEvent.type == "task_cancelled")
        )
        return [e.data["task"] for e in events]


def test_the_office_s_position_ends_after_p14_s_lenient_end_and_the_decision_is_final_the_day_after_it(
    office,
    clock,  # noqa: F811 - the clock fixture
    sweep,
):
    """The office received the decision Tue 2 Mar 2027 (P14: Thu 25 Mar strict, Thu 1 Apr lenient, the cuti bersama
    of Idul Fitri), the applicant Mon 1 Mar (P14P ends Wed 31 Mar). The office never answers: its task is still open
    at 15:59 on Fri 2 Apr (a challenge lodged by 1 Apr could still be recorded), gone when the sweep runs after that
    day's close (P14_AKHIR: 15 working days on the lenient calendar). The applicant's window had ended first: the
    decision is final from Fri 2 Apr, the day after the office's own window, though the confirmation is recorded on
    Mon 5 Apr."""
    ticket = _decided(office, clock, "2027-03-02", "2027-03-01")
    last = office.deadline(ticket, "P14_AKHIR")
    assert (last.due_at.astimezone(WIB), last.kind, last.calendar, last.working_days) == (
        _at("2027-04-02", 16, 0),
        "info",
        "lenient",
        15,
    )
    sweep(_at("2027-04-02", 15, 59))
    assert office.open_tasks(ticket) == ["sikap_atas_putusan"]
    assert office.deadlines(ticket)["P14"] == "missed"  # the strict reading's reminders and escalation stand
    sweep(_at("2027-04-02", 16, 1))
    assert office.open_tasks(ticket) == []
    assert _cancelled(office, ticket) == ["sikap_atas_putusan"]
    assert office.deadlines(ticket)["P14_AKHIR"] == "lapsed"  # an information clock: no overdue, no escalation
    assert office.case(ticket).status == "putusan_ajudikasi"  # final only once confirmed, as after "menerima"
    data = _recorded(office, ticket, "tandai_sikap_lewat")
    assert (data["sikap"], data["sikap_lewat"], data["sikap_pada"]) == ("menerima", True, "2027-04-02")
    clock.move_to(wib("2027-04-05", 9))
    office.message(ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-04-05"})
    assert office.case(ticket).status == "pelaksanaan_putusan"
    final = date(2027, 4, 2)
    assert _final_days(office, ticket) == {"register": final, "timeline": final, "laksana": final}
    office.verify()


def test_a_day_off_added_after_p14_s_last_day_was_counted_moves_the_end_of_the_office_s_task(
    office,
    clock,  # noqa: F811 - the clock fixture
    sweep,
):
    """The office closes on Fri 2 Apr 2027 (an override added on Mon 29 Mar, after the task opened): P14's lenient end
    stays Thu 1 Apr, the day after it is now Mon 5 Apr. The sweep after Friday's close leaves the task open; the one
    after Monday's ends it, and the history says the office's last day was moved."""
    ticket = _decided(office, clock, "2027-03-02", "2027-03-01")
    clock.move_to(wib("2027-03-29"))
    with office.sessions.begin() as s:
        holidays.add_override(s, office.rt, day=date(2027, 4, 2), kind="holiday", reason="Kantor tutup", actor="admin")
        holidays.recompute_open_deadlines(s, office.rt, "admin", "Kantor tutup")
    assert office.deadline(ticket, "P14_AKHIR").due_at.astimezone(WIB) == _at("2027-04-05", 16, 0)
    assert "P14_AKHIR" in _moved(office, ticket)
    sweep(_at("2027-04-02", 16, 1))
    assert office.open_tasks(ticket) == ["sikap_atas_putusan"]
    sweep(_at("2027-04-05", 15, 59))
    assert office.open_tasks(ticket) == ["sikap_atas_putusan"]
    sweep(_at("2027-04-05", 16, 1))
    assert office.open_tasks(ticket) == []
    assert office.deadlines(ticket)["P14_AKHIR"] == "lapsed"


def test_a_court_challenge_lodged_by_p14_s_lenient_end_and_recorded_the_next_day_still_goes_to_court(
    office,
    clock,  # noqa: F811 - the clock fixture
):
    """P14 ends Thu 1 Apr 2027 on the lenient reading. On Fri 2 Apr a challenge lodged that day is refused (the
    office's window has lapsed on every reading), one lodged on 1 Apr is recorded and goes to court."""
    ticket = _decided(office, clock, "2027-03-02", "2027-03-01")
    clock.move_to(wib("2027-04-02"))
    office.run(ticket)
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "sikap_atas_putusan", {**CHALLENGE, "tanggal_pengajuan_keberatan": "2027-04-02"})
    assert "P14" in str(refused.value)
    office.complete(ticket, "sikap_atas_putusan", {**CHALLENGE, "tanggal_pengajuan_keberatan": "2027-04-01"})
    assert office.case(ticket).status == "keberatan_pengadilan"
    assert office.open_tasks(ticket) == ["kuasa_pengadilan"]
    clock.move_to(wib("2027-04-06"))
    office.run(ticket)
    assert office.case(ticket).status == "keberatan_pengadilan"
    with office.sessions() as s:
        wf = office.rt.load(s, s.scalar(select(Case).where(Case.ticket == ticket)))
        assert wf.get_tasks(spec_name="tandai_sikap_lewat", state=TaskState.COMPLETED) == []


def test_the_office_s_cassation_position_ends_after_k14_s_lenient_end_and_the_judgment_is_final_the_day_after_it(
    office,
    clock,  # noqa: F811 - the clock fixture
    sweep,
):
    """The court's judgment of Mon 3 May 2027, received by the applicant Wed 5 May (K14P ends Fri 21 May on the
    lenient reading: 19 May a cuti bersama, 20 May Waisak) and by the office Mon 10 May (K14 ends Mon 24 May on both
    readings). The office never answers: its task is still open at 15:59 on Tue 25 May, gone when the sweep runs after
    that day's close (K14_AKHIR: one working day on the lenient calendar from K14's lenient last day); the judgment is
    final from Tue 25 May, the day after the office's own window, not the applicant's (22 May) nor the confirmation's
    (Wed 26 May)."""
    ticket = _decided_in_court(office, clock)
    clock.move_to(wib("2027-05-10"))
    judgment = {"tanggal": "2027-05-03", "pengadilan": "PTUN Jakarta", "nomor_perkara": "12/G/KI/2027/PTUN.JKT"}
    received = {"tanggal_diterima": "2027-05-10", "tanggal_diterima_pemohon": "2027-05-05"}
    office.message(ticket, "putusan_pengadilan", {**judgment, "amar": "dikabulkan_seluruhnya", **received})
    last = office.deadline(ticket, "K14_AKHIR")
    assert (last.due_at.astimezone(WIB), last.kind, last.working_days, last.provenance["counted_from"]) == (
        _at("2027-05-25", 16, 0),
        "info",
        1,
        "2027-05-24",
    )
    sweep(_at("2027-05-25", 15, 59))
    assert office.open_tasks(ticket) == ["sikap_kasasi"]
    assert office.deadlines(ticket)["K14"] == "missed"
    sweep(_at("2027-05-25", 16, 1))
    assert office.open_tasks(ticket) == []
    assert _cancelled(office, ticket) == ["kuasa_pengadilan", "sikap_kasasi"]  # the court's, ended by its judgment
    assert office.deadlines(ticket)["K14_AKHIR"] == "lapsed"
    k14p = office.deadline(ticket, "K14P")  # the applicant's window, run as after "menerima": over already
    assert (k14p.due_at.astimezone(WIB).date(), k14p.status) == (date(2027, 5, 21), "lapsed")
    data = _recorded(office, ticket, "tandai_sikap_kasasi_lewat")
    assert (data["sikap"], data["sikap_kasasi_lewat"], data["sikap_kasasi_pada"]) == ("menerima", True, "2027-05-25")
    clock.move_to(wib("2027-05-26", 9))
    office.message(ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-05-26"})
    final = date(2027, 5, 25)
    assert _final_days(office, ticket) == {"register": final, "timeline": final, "laksana": final}


def test_a_cassation_lodged_on_k14_s_lenient_last_day_is_recorded_the_next_working_day_though_the_15th_day_is_off(
    office,
    clock,  # noqa: F811 - the clock fixture
    judged,  # noqa: F811 - the fixture
):
    """Judgment received Wed 5 May 2027: K14 ends Fri 21 May on the lenient reading (19 May a cuti bersama carries the
    14th day on; 20 May Waisak). 15 calendar days from the receipt would fall on that same Friday; the office's last
    day is the working day after it, Mon 24 May (K14_AKHIR: one working day from K14's lenient last day): a cassation
    lodged on Friday and recorded on Monday goes to the Supreme Court."""
    ticket = judged(tanggal_diterima="2027-05-05", tanggal_diterima_pemohon="2027-05-05")
    last = office.deadline(ticket, "K14_AKHIR")
    assert (last.due_at.astimezone(WIB), last.working_days, last.start_at.astimezone(WIB).date()) == (
        _at("2027-05-24", 16, 0),
        1,
        date(2027, 5, 21),
    )
    clock.move_to(wib("2027-05-24", 15))
    office.run(ticket)
    assert office.open_tasks(ticket) == ["sikap_kasasi"]
    office.complete(ticket, "sikap_kasasi", {**CASSATION, "tanggal_permohonan_kasasi": "2027-05-21"})
    assert office.case(ticket).status == "kasasi"
    assert office.open_tasks(ticket) == ["kuasa_kasasi"]
    assert office.deadlines(ticket)["K14_AKHIR"] == "met"


def test_a_day_off_added_on_k14_s_lenient_last_day_moves_the_office_s_last_day_with_it(
    office,
    clock,  # noqa: F811 - the clock fixture
    judged,  # noqa: F811 - the fixture
    sweep,
):
    """K14 ends Fri 21 May 2027 on the lenient reading (judgment received Wed 5 May). The office closes that Friday (an
    override added on Mon 17 May): K14 now ends Mon 24 May, and the office's last day to record its position moves
    with it to Tue 25 May, the working day after."""
    ticket = judged(tanggal_diterima="2027-05-05", tanggal_diterima_pemohon="2027-05-05")
    clock.move_to(wib("2027-05-17"))
    with office.sessions.begin() as s:
        holidays.add_override(s, office.rt, day=date(2027, 5, 21), kind="holiday", reason="Kantor tutup", actor="admin")
        holidays.recompute_open_deadlines(s, office.rt, "admin", "Kantor tutup")
    assert office.deadline(ticket, "K14_AKHIR").due_at.astimezone(WIB) == _at("2027-05-25", 16, 0)
    assert "K14_AKHIR" in _moved(office, ticket)
    sweep(_at("2027-05-24", 16, 1))
    assert office.open_tasks(ticket) == ["sikap_kasasi"]
    sweep(_at("2027-05-25", 16, 1))
    assert office.open_tasks(ticket) == []
    assert office.deadlines(ticket)["K14_AKHIR"] == "lapsed"
