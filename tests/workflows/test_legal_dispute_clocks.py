"""Issue 13, points 4 and 5: clocks of a dispute that are not the agency's close nothing; kasasi is decided.

Mediation (M14/M21), the applicant's time to go to court (P14P) and to file for cassation (K14P) are
information clocks on the lenient calendar: they remind and show; the stage moves on the Commission's or
the court's message, or an officer's confirmation after their lenient end (engine.windows). The agency's
own decisions, whether to challenge the Commission's decision in court (P14, UU 14/2008 Pasal 47-48)
and whether to file for cassation (K14, Pasal 50: 14 days, "hari", from receipt of the judgment), are
tasks with reminders and escalation on the strict calendar. Old cases keep the process version they
started on.
"""

import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select

from engine.calendar import LENIENT, STRICT, WorkingCalendar
from engine.config import load_settings
from engine.db import make_engine, session_factory, upgrade
from engine.errors import Conflict, Invalid
from engine.lateness import lenient_due
from engine.models import Case, CaseEvent, Notification, Reminder
from engine.queries import explained_deadlines
from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_sengketa_paths import _carried_out, _decided, clock, wib  # noqa: F401 - fixture

WIB = ZoneInfo("Asia/Jakarta")
FIXTURES = Path(__file__).parent / "fixtures"


def _to_judgment(office, clock, **received):  # noqa: F811 - the clock fixture
    """The agency challenged the Commission's decision; the court's judgment is dated Mon 3 May 2027."""
    ticket = _decided(office, clock, "dikabulkan_seluruhnya")
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
    clock.move_to(wib("2027-05-05"))
    judgment = {"tanggal": "2027-05-03", "pengadilan": "PTUN Jakarta", "nomor_perkara": "12/G/KI/2027/PTUN.JKT"}
    office.message(ticket, "putusan_pengadilan", {**judgment, "amar": "dikabulkan_seluruhnya", **received})
    return ticket


# Most tests start from the Commission's decision received or from the court's judgment: each built once per worker
# (and set of receipt dates) and copied for every later test (kept_database), the clock put back where the build
# left it.
@pytest.fixture
def commission_decided(office, clock, kept_database):  # noqa: F811 - the clock fixture
    """``commission_decided()``: the Commission's decision granting the request in full, received Mon 1 Mar 2027
    (``_decided``): its ticket; the clock on that day."""

    def _commission_decided():
        build = lambda: _decided(office, clock, "dikabulkan_seluruhnya")  # noqa: E731
        ticket = kept_database("legal_dispute_clocks-commission_decided", build)
        clock.move_to(wib("2027-03-01"))
        return ticket

    return _commission_decided


@pytest.fixture
def judged(office, clock, kept_database):  # noqa: F811 - the clock fixture
    """``judged(**received)``: the court's judgment of Mon 3 May 2027 on the agency's challenge (``_to_judgment``):
    its ticket; the clock on Wed 5 May 2027."""

    def _judged(**received):
        name = "legal_dispute_clocks-judged-" + ",".join(f"{key}={value}" for key, value in sorted(received.items()))
        ticket = kept_database(name, lambda: _to_judgment(office, clock, **received))
        clock.move_to(wib("2027-05-05"))
        return ticket

    return _judged


def _notices(office, ticket):
    with office.sessions() as s:
        return s.scalars(select(Notification.event).join(Case).where(Case.ticket == ticket)).all()


def test_kasasi_period_counts_calendar_days_ending_on_a_working_day_on_each_reading():
    """14 days (UU 14/2008 Pasal 50: "hari", calendar days) from Thu 6 May 2027 (Kenaikan Yesus Kristus).

    Strict: day zero Thu 6 May; +14 = Thu 20 May, Waisak: the earliest reading ends on the working day
    before it, Wed 19 May (a cuti bersama, a working day on this reading).
    Lenient: 6 May is a holiday, so day zero is Fri 7 May; +14 = Fri 21 May, a working day.
    """
    received = datetime(2027, 5, 6, 10, 0, tzinfo=WIB)
    strict = WorkingCalendar(STRICT).add_calendar_days(received, 14)
    lenient = WorkingCalendar(LENIENT).add_calendar_days(received, 14)
    assert (strict.counted_from, strict.due_date) == (date(2027, 5, 6), date(2027, 5, 19))
    assert (lenient.counted_from, lenient.due_date) == (date(2027, 5, 7), date(2027, 5, 21))
    assert strict.to_dict()["unit"] == "calendar_days"


def test_the_agency_decides_on_kasasi_within_14_days_of_receiving_the_judgment(office, clock, judged):  # noqa: F811
    """Judgment of Mon 3 May 2027 received by the agency Wed 5 May: K14 = 5 May + 14 days = Wed 19 May 2027
    (Cuti Bersama Waisak, a working day on the strict reading), 16:00 WIB. Reminders T-3, T-1, T0 and T+1
    (working days); a lapse escalates; cassation lodged after its lenient end too (Fri 21 May: 19 May is a cuti
    bersama, 20 May Waisak) is refused."""
    ticket = judged(tanggal_diterima="2027-05-05", tanggal_diterima_pemohon="2027-05-05")
    assert office.open_tasks(ticket) == ["sikap_kasasi"]
    k14 = office.deadline(ticket, "K14")
    assert (k14.due_at, k14.calendar, k14.kind, k14.legal_basis) == (
        datetime(2027, 5, 19, 9, 0, tzinfo=UTC),
        "strict",
        "agency",
        "UU 14/2008 Pasal 50",
    )
    with office.sessions() as s:
        reminders = {r.kind: r.audience for r in s.scalars(select(Reminder).where(Reminder.deadline_id == k14.id))}
    assert reminders == {"T-3": "group", "T-1": "assignee,group,superior", "T0": "assignee,superior", "T+1": "superior"}
    clock.move_to(k14.due_at + timedelta(minutes=1))
    office.run(ticket)
    assert office.deadlines(ticket)["K14"] == "missed"
    assert "deadline_overdue" in _notices(office, ticket)
    clock.move_to(wib("2027-05-24"))
    late = {"sikap": "mengajukan_kasasi", "alasan_sikap": "Terlambat", "tanggal_permohonan_kasasi": "2027-05-24"}
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "sikap_kasasi", late)
    assert "K14" in str(refused.value)
    assert office.open_tasks(ticket) == ["sikap_kasasi"]


def test_kasasi_lodged_after_k14s_strict_end_but_within_its_lenient_end_is_recorded_and_flagged(office, clock, judged):  # noqa: F811
    """legal-process.md §2.2: Kawal never declares a decision final on the strict reading alone. K14 ends Wed 19
    May 2027 on the strict reading and Fri 21 May on the lenient one (19 May a cuti bersama, 20 May Waisak): a
    cassation lodged Thu 20 May is recorded (refused, only acceptance would be left, and the judgment final) and
    the history flags it for the court to judge; K14 stays missed on the strict reading, its escalation stands."""
    ticket = judged(tanggal_diterima="2027-05-05", tanggal_diterima_pemohon="2027-05-05")
    clock.move_to(wib("2027-05-20"))
    office.run(ticket)
    assert office.deadlines(ticket)["K14"] == "missed"
    lodged = {"sikap": "mengajukan_kasasi", "alasan_sikap": "Putusan keliru", "tanggal_permohonan_kasasi": "2027-05-20"}
    office.complete(ticket, "sikap_kasasi", lodged)
    assert office.case(ticket).status == "kasasi"
    k14 = office.deadline(ticket, "K14")
    assert (k14.status, k14.met_on) == ("missed", date(2027, 5, 20))
    with office.sessions() as s:
        flags = [
            e.data
            for e in s.scalars(select(CaseEvent).join(Case).where(Case.ticket == ticket).order_by(CaseEvent.seq))
            if e.type == "deadline_in_time_on_lenient_reading"
        ]
    assert flags == [
        {
            "deadline": "K14",
            "dispatched_on": "2027-05-20",
            "strict_due_at": "2027-05-19T16:00:00+07:00",
            "due_at": "2027-05-21T16:00:00+07:00",
        }
    ]


def test_kasasi_lodged_on_the_last_day_and_recorded_the_next_morning_is_in_time(office, clock, judged):  # noqa: F811
    ticket = judged(tanggal_diterima="2027-05-05")
    clock.move_to(datetime(2027, 5, 20, 2, 0, tzinfo=UTC))  # Thu 20 May, 09:00 WIB: after K14's strict end
    office.complete(
        ticket,
        "sikap_kasasi",
        {
            "sikap": "mengajukan_kasasi",
            "alasan_sikap": "Putusan keliru menerapkan Pasal 17",
            "tanggal_permohonan_kasasi": "2027-05-19",
        },
    )
    assert office.case(ticket).status == "kasasi"
    k14 = office.deadline(ticket, "K14")
    assert (k14.status, k14.met_on) == ("met", date(2027, 5, 19))


def test_a_court_objection_lodged_on_p14_s_last_day_and_recorded_the_next_morning_is_in_time(
    office,
    commission_decided,
    clock,  # noqa: F811 - the clock fixture
):
    """P14 (UU 14/2008 Pasal 48(1)) is met by the day the objection was lodged with the court's registry, as K14
    is by the cassation's: the officer records it the next morning, after the strict end, and it is in time."""
    ticket = commission_decided()
    p14 = office.deadline(ticket, "P14")
    last_day = p14.due_at.astimezone(WIB).date()
    clock.move_to(datetime.combine(last_day + timedelta(days=1), datetime.min.time(), WIB) + timedelta(hours=9))
    office.run(ticket)
    assert office.deadlines(ticket)["P14"] == "missed"  # escalated at its strict end, as it should
    challenge = {"sikap": "mengajukan_keberatan", "alasan_sikap": "Dikecualikan", "pengadilan": "PTUN Jakarta"}
    with pytest.raises(Invalid) as undated:
        office.complete(ticket, "sikap_atas_putusan", challenge)
    assert "tanggal_pengajuan_keberatan" in undated.value.fields
    before = {**challenge, "tanggal_pengajuan_keberatan": "2027-02-26"}  # before the decision was received
    with pytest.raises(Invalid) as early:
        office.complete(ticket, "sikap_atas_putusan", before)
    assert "tanggal_pengajuan_keberatan" in early.value.fields
    office.complete(ticket, "sikap_atas_putusan", {**challenge, "tanggal_pengajuan_keberatan": last_day.isoformat()})
    assert office.case(ticket).status == "keberatan_pengadilan"
    p14 = office.deadline(ticket, "P14")
    assert (p14.status, p14.met_on) == ("met", last_day)


def test_accepting_the_decision_with_a_date_filled_in_answers_no_clock(office, clock, commission_decided):  # noqa: F811
    """A court-objection date left in the form while the agency accepts the decision is not a filing: P14 stays
    as the acceptance leaves it, not met on that date."""
    ticket = commission_decided()
    p14 = office.deadline(ticket, "P14")
    day = p14.due_at.astimezone(WIB).date().isoformat()
    clock.move_to(p14.due_at - timedelta(hours=2))
    accepted = {"sikap": "menerima", "alasan_sikap": "Putusan diterima", "tanggal_pengajuan_keberatan": day}
    office.complete(ticket, "sikap_atas_putusan", accepted)
    assert office.deadline(ticket, "P14").met_on is None


def test_the_applicants_kasasi_window_closes_nothing_and_is_confirmed_after_its_lenient_end(office, clock, judged):  # noqa: F811
    """The applicant received the judgment Wed 5 May 2027: K14P (lenient) = 5 May + 14 = Wed 19 May, a cuti
    bersama, then Thu 20 May Waisak: Fri 21 May 2027, 16:00 WIB."""
    ticket = judged(tanggal_diterima="2027-05-05", tanggal_diterima_pemohon="2027-05-05")
    office.complete(ticket, "sikap_kasasi", {"sikap": "menerima", "alasan_sikap": "Putusan menguatkan Termohon"})
    k14p = office.deadline(ticket, "K14P")
    assert (k14p.due_at, k14p.calendar, k14p.kind) == (datetime(2027, 5, 21, 9, 0, tzinfo=UTC), "lenient", "info")
    clock.move_to(datetime(2027, 5, 20, 3, 0, tzinfo=UTC))
    with pytest.raises(Conflict):
        office.message(ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-05-20"})
    clock.move_to(k14p.due_at + timedelta(minutes=1))
    office.run(ticket)
    assert office.case(ticket).status == "putusan_pengadilan"  # nothing final by itself
    assert office.deadlines(ticket)["K14P"] == "lapsed"
    clock.move_to(wib("2027-05-24"))
    office.message(ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-05-24"})
    assert office.case(ticket).status == "pelaksanaan_putusan"
    office.complete(ticket, "pelaksanaan_putusan", _carried_out())
    assert office.case(ticket).status == "sengketa_selesai"


def test_the_applicants_cassation_is_recorded_while_the_agency_still_deliberates(office, clock, judged):  # noqa: F811
    ticket = judged()
    clock.move_to(wib("2027-05-10"))
    payload = {"tanggal": "2027-05-10", "pihak": "pemohon", "nomor_perkara": "101 K/TUN/KI/2027"}
    office.message(ticket, "kasasi_diajukan", payload)
    assert office.case(ticket).status == "kasasi"
    assert office.open_tasks(ticket) == ["kuasa_kasasi"]  # the office's representatives for the Supreme Court


def test_an_applicants_window_without_a_recorded_receipt_shows_its_earliest_possible_end(office, judged):
    """No receipt by the applicant recorded: K14P counts from the judgment's date, Mon 3 May 2027 (the
    earliest the applicant can have it), a day without its hour, so from the next working day on the lenient reading,
    Tue 4 May: +14 = Tue 18 May 2027, a cuti bersama; 19 May a cuti bersama, 20 May Waisak: on the lenient reading
    the window ends on the working day after, Fri 21 May 2027, 16:00 WIB; and the explanation says it is the earliest
    possible end."""
    ticket = judged()
    office.complete(ticket, "sikap_kasasi", {"sikap": "menerima", "alasan_sikap": "Putusan menguatkan Termohon"})
    k14p = office.deadline(ticket, "K14P")
    assert k14p.due_at == datetime(2027, 5, 21, 9, 0, tzinfo=UTC)
    assert k14p.provenance["counted_from"] == "2027-05-04"
    assert k14p.provenance["start_estimated"] is True
    with office.sessions() as s:
        rows = {r["name"]: r for r in explained_deadlines(s.scalar(select(Case).where(Case.ticket == ticket)))}
    assert "akhir paling cepat" in rows["K14P"]["explanation_id"]
    assert "earliest possible end" in rows["K14P"]["explanation_en"]
    assert "14 hari kalender" in rows["K14P"]["explanation_id"]


def test_a_dispute_started_on_the_old_process_version_keeps_its_rules(tmp_path):
    """A case in mediation saved by version 1 (M14 an interrupting timer on the strict reading) loads and
    runs on version 1: its M14 still ends mediation by itself at Tue 9 Feb 2027, 16:00 WIB."""
    import time_machine

    fixture = json.loads((FIXTURES / "sengketa_informasi.v1.in_mediation.json").read_text())
    workflows = tmp_path / "workflows"
    workflows.mkdir()
    shutil.copy(FIXTURES / "sengketa_informasi.v1.bpmn", workflows / "sengketa_informasi.bpmn")
    url = f"sqlite:///{tmp_path / 'k.db'}"
    upgrade(url)
    session = session_factory(make_engine(url))()
    rt = Runtime(load_settings({}, workflows_dir=workflows))
    version = rt.latest_version_id(session, "sengketa_informasi")
    wf = rt.loads(session, version, json.dumps(fixture["state"]))
    assert sorted({t.task_spec.bpmn_id for t in wf.get_tasks(state=TaskState.WAITING)}) == fixture["waiting"]
    with time_machine.travel(datetime(2027, 2, 9, 9, 1, tzinfo=UTC), tick=False):
        rt.step(wf)
    ready = [t.task_spec.bpmn_id for t in wf.get_tasks(state=TaskState.READY, manual=True)]
    assert ready == ["bukti_ajudikasi"]


def test_a_court_objection_lodged_between_p14s_two_readings_is_recorded_and_the_decision_is_not_final(
    office,
    commission_decided,
    clock,  # noqa: F811 - the clock fixture
):
    """legal-process.md §2.2. The decision received Mon 1 Mar 2027: P14 ends Wed 24 Mar on the strict reading and
    Wed 31 Mar on the lenient one (the cuti bersama of Idul Fitri). An objection lodged with the court on Fri 26
    Mar goes to court (refused, only acceptance was left: the decision final on the strict reading alone); the
    history says it was filed between the two readings; one lodged after 31 Mar is refused."""
    ticket = commission_decided()
    p14 = office.deadline(ticket, "P14")
    assert p14.due_at.astimezone(WIB).date() == date(2027, 3, 24)
    assert lenient_due(office.rt, p14).date() == date(2027, 3, 31)
    clock.move_to(wib("2027-04-01"))
    office.run(ticket)
    challenge = {"sikap": "mengajukan_keberatan", "alasan_sikap": "Dikecualikan", "pengadilan": "PTUN Jakarta"}
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "sikap_atas_putusan", {**challenge, "tanggal_pengajuan_keberatan": "2027-04-01"})
    assert "P14" in str(refused.value)
    office.complete(ticket, "sikap_atas_putusan", {**challenge, "tanggal_pengajuan_keberatan": "2027-03-26"})
    assert office.case(ticket).status == "keberatan_pengadilan"
    with office.sessions() as s:
        flagged = s.scalars(
            select(CaseEvent.data)
            .join(Case)
            .where(Case.ticket == ticket, CaseEvent.type == "deadline_in_time_on_lenient_reading")
        ).all()
    assert [(e["deadline"], e["dispatched_on"], e["due_at"][:10]) for e in flagged] == [
        ("P14", "2027-03-26", "2027-03-31")
    ]
    assert office.deadlines(ticket)["P14"] == "missed"  # the strict reading's escalation stands
