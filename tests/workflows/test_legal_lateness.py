"""Issue 13, point 2: no admission of lateness before the law says so; a deadline is met by its dispatch date.

The agency's deadline lapses internally at its strict instant (escalation, staff notices, the case's
internal overdue flag); anything the requester sees that says "late" (the apology, the public status
"terlambat", a stage saying "not answered", the window a lapse opens) waits until the lenient count of
the same deadline has lapsed too. A deadline is met by the notice's recorded dispatch date (not before
the receipt, not in the future), and it ends at the close of office hours of its due day.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import casework, facts, kinds, lateness, notices, queries, registers, reminders, reports
from engine.errors import Invalid
from engine.models import Case, CaseEvent, CaseFacts, Notification, Reminder
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import DELIVERED, STEP, decision

# Tue 17 Mar 2026, 10:00 WIB, the week of Nyepi (Thu 19 Mar) and Idul Fitri (Sat 21 - Sun 22 Mar).
RECEIVED = datetime(2026, 3, 17, 3, 0, tzinfo=UTC)
# T10 on the strict reading: day zero Tue 17 Mar; Wed 18 (1; Cuti Bersama Nyepi counts on this reading),
# Thu 19 Nyepi, Fri 20 (2; cuti bersama), Mon 23 (3; cuti bersama), Tue 24 (4; cuti bersama), Wed 25 (5),
# Thu 26 (6), Fri 27 (7), Mon 30 (8), Tue 31 (9), Wed 1 Apr 2026 (10), closing at 16:00 WIB.
STRICT_T10 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
# T10 on the lenient reading: Wed 18, Fri 20, Mon 23 and Tue 24 are cuti bersama, Thu 19 Nyepi: Wed 25 (1),
# Thu 26 (2), Fri 27 (3), Mon 30 (4), Tue 31 (5), Wed 1 Apr (6), Thu 2 (7), Fri 3 Wafat Yesus Kristus,
# Mon 6 (8), Tue 7 (9), Wed 8 Apr 2026 (10), closing at 16:00 WIB.
LENIENT_T10 = datetime(2026, 4, 8, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _notices(office, ticket, event):
    with office.sessions() as s:
        return s.scalars(
            select(Notification).join(Case).where(Case.ticket == ticket, Notification.event == event)
        ).all()


def _public(office, ticket, locale="id"):
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        return queries.public_status(s, case, locale, office.rt)


def _send_due_reminders(office):
    """What the reminder job does with every reminder whose time has come."""
    with office.sessions.begin() as s:
        for reminder in reminders.due(s):
            reminder.status = "sent"
            notices.remind(s, office.rt, reminder)


def _to_notice(office, ticket):
    for step in ("registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))


def test_apology_waits_for_the_lenient_count_receipt_17_march_2026_strict_1_april_lenient_8_april(office, clock):
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    assert office.deadline(ticket, "T10").due_at == STRICT_T10
    clock.move_to(STRICT_T10 + timedelta(hours=1))
    office.run(ticket)
    # Internally the agency is late at the strict instant: escalation, staff told, the case flagged.
    case = office.case(ticket)
    assert (case.overdue, office.deadlines(ticket)) == (True, {"T10": "missed"})
    assert "eskalasi_t10" in office.open_tasks(ticket)
    assert _notices(office, ticket, "deadline_overdue")
    # The requester is told nothing of it: no apology, no "late", the lenient due date and why.
    assert _notices(office, ticket, "overdue_apology") == []
    shown = _public(office, ticket)
    assert shown["overdue"] is False
    assert "Melewati Batas Waktu" not in shown["status_label"]
    assert shown["due_at"] == LENIENT_T10
    assert "pembacaan paling akhir (kalender longgar) juga lewat" in shown["due_explanation"]
    assert "2026-04-03 (Wafat Yesus Kristus)" in shown["due_explanation"]
    with office.sessions() as s:
        [planned] = s.scalars(select(Reminder).where(Reminder.kind == lateness.APOLOGY_KIND)).all()
        assert (planned.fire_at, planned.status) == (LENIENT_T10, "pending")
    clock.move_to(LENIENT_T10 - timedelta(minutes=5))
    _send_due_reminders(office)
    assert _notices(office, ticket, "overdue_apology") == []
    clock.move_to(LENIENT_T10 + timedelta(minutes=1))
    _send_due_reminders(office)
    [apology] = _notices(office, ticket, "overdue_apology")
    assert apology.context["due_at"] == "08-04-2026 16:00 WIB"
    shown = _public(office, ticket, "en")
    assert shown["overdue"] is True
    assert shown["status_label"].endswith("Overdue")


def test_a_request_withdrawn_before_the_lenient_end_is_never_apologized_for_nor_called_late(office, clock):
    """Withdrawn Mon 6 Apr 2026: after the strict T10 (1 Apr), before the lenient one (8 Apr). The office's duty
    ended with the request; nothing the requester sees may say it was late, then or later."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    clock.move_to(STRICT_T10 + timedelta(hours=1))
    office.run(ticket)
    clock.move_to(datetime(2026, 4, 6, 3, 0, tzinfo=UTC))
    with office.sessions.begin() as s:
        casework.withdraw_request(s, office.rt, s.scalar(select(Case).where(Case.ticket == ticket)), "Tidak perlu")
    assert office.case(ticket).status == "dicabut"
    clock.move_to(LENIENT_T10 + timedelta(minutes=1))
    _send_due_reminders(office)
    assert _notices(office, ticket, "overdue_apology") == []
    assert _public(office, ticket)["overdue"] is False


def test_a_notice_dispatched_between_the_strict_and_the_lenient_end_is_never_called_late(office, clock):
    """The notice goes out Mon 6 Apr 2026: after the strict T10 (1 Apr), before the lenient one (8 Apr)."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    clock.move_to(STRICT_T10 + timedelta(hours=1))
    office.run(ticket)
    clock.move_to(datetime(2026, 4, 6, 3, 0, tzinfo=UTC))
    _to_notice(office, ticket)
    office.complete(
        ticket,
        "pemberitahuan_tertulis",
        {**STEP["pemberitahuan_tertulis"], "jadwal_penyerahan": "2026-04-06", "tanggal_pemberitahuan": "2026-04-06"},
    )
    t10 = office.deadline(ticket, "T10")
    assert (t10.status, t10.met_on.isoformat()) == ("missed", "2026-04-06")  # late on the strict reading, internally
    handed = {**STEP["penyerahan_informasi"], "tanggal_penyerahan": "2026-04-06"}
    # handed over with the notice, by e-mail with its file: its own clock is met
    office.complete(ticket, "penyerahan_informasi", handed, files={"berkas_informasi": [("informasi.pdf", DELIVERED)]})
    clock.move_to(LENIENT_T10 + timedelta(days=1))
    _send_due_reminders(office)
    assert _notices(office, ticket, "overdue_apology") == []
    with office.sessions() as s:
        assert s.scalar(select(Reminder.status).where(Reminder.kind == lateness.APOLOGY_KIND)) == "cancelled"
    assert _public(office, ticket)["overdue"] is False


def test_a_deadline_is_met_by_the_recorded_dispatch_date_not_by_the_click(office, clock):
    """The notice went out on Wed 1 Apr 2026, T10's due day (it ends at 16:00, the close of office hours),
    and an officer records it on Thu 2 Apr at 09:00, after the strict timer fired: T10 is met."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    _to_notice(office, ticket)
    clock.move_to(datetime(2026, 4, 2, 2, 0, tzinfo=UTC))
    office.complete(
        ticket,
        "pemberitahuan_tertulis",
        {**STEP["pemberitahuan_tertulis"], "jadwal_penyerahan": "2026-04-01", "tanggal_pemberitahuan": "2026-04-01"},
    )
    t10 = office.deadline(ticket, "T10")
    assert (t10.status, t10.met_on.isoformat()) == ("met", "2026-04-01")
    assert office.case(ticket).overdue is False
    with office.sessions() as s:
        met = s.scalar(
            select(CaseEvent).join(Case).where(Case.ticket == ticket, CaseEvent.type == "deadline_met_by_dispatch")
        )
    assert met.data["dispatched_on"] == "2026-04-01"
    assert _notices(office, ticket, "overdue_apology") == []


def test_the_register_and_the_report_count_working_days_to_the_notice_as_sent_not_as_recorded(office, clock):
    """legal-process.md §3.3 and §9.3: the register holds the date and form of the written notice, and the
    response time is counted from receipt to the notice. Sent on Wed 1 Apr 2026 (working day 10 on the strict
    reading), recorded on Thu 2 Apr (day 11): the request counts 10 working days, within 10."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    _to_notice(office, ticket)
    clock.move_to(datetime(2026, 4, 2, 2, 0, tzinfo=UTC))
    notice = {
        **STEP["pemberitahuan_tertulis"],
        "jadwal_penyerahan": "2026-04-01",
        "tanggal_pemberitahuan": "2026-04-01",
        "dikirim_melalui": "pos",
    }
    office.complete(ticket, "pemberitahuan_tertulis", notice)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        kept = s.get(CaseFacts, case.id)
        assert (kept.decision_days, kept.notice_sent_on, kept.notice_via) == (10, date(2026, 4, 1), "pos")
        assert facts.derive(s, office.rt, case)["decision_days"] == 10
        [row] = registers.rows(s, office.rt, office.user(s, "ppid"), registers.Filter(kinds.REQUEST))
        assert (row["notice_sent_on"], row["notice_via"], row["decision_days"]) == (date(2026, 4, 1), "pos", 10)
        assert {"notice_sent_on", "notice_via"} <= set(registers.COLUMNS[kinds.REQUEST])
        report = reports.annual_report(s, office.rt, reports.Period(2026))
    assert (report.value("time.within_10"), report.value("time.band_6_10")) == (1, 1)


@pytest.mark.parametrize("sent", ["2026-03-16", "2026-03-19"])
def test_a_dispatch_date_before_the_receipt_or_in_the_future_is_refused(office, clock, sent):
    """Received Tue 17 Mar 2026; today is Wed 18 Mar: 16 Mar is before the receipt, 19 Mar in the future."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    _to_notice(office, ticket)
    clock.move_to(datetime(2026, 3, 18, 3, 0, tzinfo=UTC))
    with pytest.raises(Invalid) as refused:
        office.complete(
            ticket,
            "pemberitahuan_tertulis",
            {**STEP["pemberitahuan_tertulis"], "jadwal_penyerahan": sent, "tanggal_pemberitahuan": sent},
        )
    assert "tanggal_pemberitahuan" in refused.value.fields
    assert office.open_tasks(ticket) == ["pemberitahuan_tertulis"]


# The objection's A30 around Christmas 2026: received Wed 2 Dec 2026, 10:00 WIB.
OBJECTED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


def test_a30_not_answered_is_shown_to_the_requester_only_after_the_lenient_count(office):
    """A30 on the strict reading: day zero Wed 2 Dec 2026; 3, 4, 7-11, 14-18, 21-24 Dec (16; Thu 24 Dec is
    Cuti Bersama Natal and counts), Fri 25 Natal, 28-31 Dec (20), Fri 1 Jan Tahun Baru, Mon 4 Jan (21),
    Tue 5 Jan Isra Mikraj, 6-8 Jan (24), 11-15 Jan (29), Mon 18 Jan 2027 (30), 16:00 WIB. On the lenient
    reading 24 Dec does not count: Tue 19 Jan 2027, 16:00 WIB. The dispute window D14 the lapse opens is
    the requester's: shown from the lenient lapse, counted on the lenient calendar from it."""
    with time_machine.travel(OBJECTED, tick=True) as clock:
        request = office.submit()
        for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
            office.complete(request, step)
        office.complete(request, "putuskan", decision("ditolak_dikecualikan"))
        office.complete(request, "uji_konsekuensi")
        office.complete(request, "tetapkan_pengecualian")
        office.complete(request, "pemberitahuan_tertulis")
        objection = office.objection(request, ["a"])
        assert office.deadline(objection, "A30").due_at == datetime(2027, 1, 18, 9, 0, tzinfo=UTC)
        clock.move_to(datetime(2027, 1, 18, 10, 0, tzinfo=UTC))
        office.run(objection)
        assert office.case(objection).status == "keberatan_tidak_ditanggapi"  # internally, at the strict lapse
        shown = _public(office, objection)
        assert shown["status"] != "keberatan_tidak_ditanggapi"
        assert "keberatan_tidak_ditanggapi" not in [m["name"] for m in shown["milestones"]]
        assert (shown["overdue"], shown["windows"]) == (False, [])
        assert shown["due_at"] == datetime(2027, 1, 19, 9, 0, tzinfo=UTC)
        clock.move_to(datetime(2027, 1, 19, 9, 1, tzinfo=UTC))
        shown = _public(office, objection)
        assert shown["status"] == "keberatan_tidak_ditanggapi"
        assert shown["overdue"] is True
        [window] = shown["windows"]
        # D14 from Tue 19 Jan 2027 16:00 (after hours: day zero Wed 20 Jan): 21, 22, 25-29 Jan (7),
        # 1-4 Feb (11), Fri 5 Feb Cuti Bersama Imlek, Mon 8 (12), Tue 9 (13), Wed 10 Feb 2027 (14).
        assert window["due_at"] == datetime(2027, 2, 10, 9, 0, tzinfo=UTC)


def test_a_response_sent_after_the_strict_a30_but_within_the_lenient_one_is_not_called_late_in_the_letter(office):
    """Objection received Wed 2 Dec 2026: A30 ends Mon 18 Jan 2027 (strict) or Tue 19 Jan (lenient, Thu 24 Dec
    being a cuti bersama). The superior's response goes out Tue 19 Jan: the letter to the requester gives
    the lenient due date with no working day left, not "late"."""
    with time_machine.travel(OBJECTED, tick=True) as clock:
        request = office.submit()
        for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
            office.complete(request, step)
        office.complete(request, "putuskan", decision("ditolak_dikecualikan"))
        office.complete(request, "uji_konsekuensi")
        office.complete(request, "tetapkan_pengecualian")
        office.complete(request, "pemberitahuan_tertulis")
        objection = office.objection(request, ["a"])
        office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
        office.complete(objection, "susun_kronologi", {"kronologi": "Ditolak", "pertimbangan_ppid": "Dikecualikan"})
        clock.move_to(datetime(2027, 1, 19, 2, 0, tzinfo=UTC))
        office.run(objection)  # the strict A30 has lapsed: escalation, internally
        reasons = "Informasi tersebut dikecualikan berdasarkan Pasal 17 huruf h; uji konsekuensi terlampir."
        office.complete(
            objection,
            "putuskan_keberatan",
            {"keputusan": "keberatan_ditolak", "tanggal_keputusan": "2027-01-19", "alasan_tertulis": reasons},
        )
        office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": "2027-01-19", "dikirim_melalui": "email"})
    [letter] = _notices(office, objection, "objection_response")
    assert (letter.context["due_at"], letter.context["working_days_left"]) == ("19-01-2027 16:00 WIB", 0)
    assert _notices(office, objection, "overdue_apology") == []


def test_the_objection_window_a_t17_lapse_opens_runs_from_each_readings_lapse_legal_process_2_3(office):
    """legal-process.md §2.3: a request received Wed 26 Mar 2025, 10:00 WIB, extended: T17 is Wed 23 Apr 2025
    on the strict reading and Wed 30 Apr on the lenient one. The window for grounds c and g (O30) opens with
    the lapse. Strict, from 23 Apr (day zero that date): 24, 25, 28-30 Apr (5), Fri 2 May (6; 1 May Hari
    Buruh), 5-9 (11), 13 (12; Cuti Bersama Waisak counts; 12 May Waisak), 14-16 (15), 19-23 (20), 26-28
    (23), 30 (24; cuti bersama; 29 May Kenaikan), 2-5 Jun (28), 9 (29; cuti bersama; 6 Jun Idul Adha),
    Tue 10 Jun 2025 (30): §2.3's 10 Jun. Lenient, from the lenient lapse at the close of 30 Apr, so from
    the next working day, Fri 2 May: 5-9 (5), 14-16 (8), 19-23 (13), 26-28 (16), 2-5 Jun (20), 10-13 (24),
    16-20 (29), Mon 23 Jun 2025 (30). §2.3's 20 Jun counts from 30 Apr as day zero; a lapse at the close of
    office hours counts, on the reading that ends latest, from the next working day."""
    from engine import chain

    with time_machine.travel(datetime(2025, 3, 26, 3, 0, tzinfo=UTC), tick=True) as clock:
        ticket = office.submit()
        for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan"):
            office.complete(ticket, step)
        extension = {**STEP["tentukan_langkah_perpanjang"], "tanggal_pemberitahuan_perpanjangan": "2025-03-26"}
        office.complete(ticket, "tentukan_langkah", extension)
        assert office.deadline(ticket, "T17").due_at == datetime(2025, 4, 23, 9, 0, tzinfo=UTC)
        clock.move_to(datetime(2025, 5, 2, 3, 0, tzinfo=UTC))
        office.run(ticket)
        with office.sessions() as s:
            request = s.scalar(select(Case).where(Case.ticket == ticket))
            strict = chain.objection_window(office.rt, s, request, "c", None, "strict")
            lenient = chain.objection_window(office.rt, s, request, "c", None, "lenient")
    assert (strict.opened_by, strict.due_at) == ("lapse", datetime(2025, 6, 10, 9, 0, tzinfo=UTC))
    assert (lenient.opened_by, lenient.due_at) == ("lapse", datetime(2025, 6, 23, 9, 0, tzinfo=UTC))


def test_the_yearly_report_tells_a_request_never_answered_apart_from_one_answered_late(office, clock):
    """legal-process.md §9.2-§9.3: response time. A request still unanswered after its T10 lapsed was counted as
    "answered late", beside those that were. Late on every reading (§2.2): past the lenient T10 too, the apology
    sent (tests/workflows/test_legal_lateness_in_reports.py: late on the strict reading alone is not counted)."""
    unanswered = office.submit()
    late = office.submit()
    for ticket in (unanswered, late):
        office.complete(ticket, "periksa_kelengkapan")
    clock.move_to(STRICT_T10 + timedelta(hours=1))
    office.run(unanswered)
    office.run(late)
    clock.move_to(LENIENT_T10 + timedelta(hours=1))
    _send_due_reminders(office)
    clock.move_to(datetime(2026, 4, 9, 3, 0, tzinfo=UTC))
    _to_notice(office, late)
    office.complete(
        late,
        "pemberitahuan_tertulis",
        {**STEP["pemberitahuan_tertulis"], "jadwal_penyerahan": "2026-04-09", "tanggal_pemberitahuan": "2026-04-09"},
    )
    with office.sessions() as s:
        report = reports.annual_report(s, office.rt, reports.Period(2026))
    assert (office.case(unanswered).overdue, office.case(late).overdue) == (True, True)
    assert (report.value("time.overdue"), report.value("time.overdue_unanswered")) == (1, 1)


def test_a_notice_recorded_after_its_deadline_fired_but_sent_in_time_withdraws_the_superior_s_escalation(office, clock):
    """The notice went out on T10's due day and was typed in the next morning, after the timer fired and opened the
    superior's "notice is late" task: T10 was corrected to met, but that task stayed in the superior's inbox."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    _to_notice(office, ticket)
    clock.move_to(datetime(2026, 4, 2, 2, 0, tzinfo=UTC))
    office.run(ticket)
    assert "eskalasi_t10" in office.open_tasks(ticket)
    office.complete(
        ticket,
        "pemberitahuan_tertulis",
        {**STEP["pemberitahuan_tertulis"], "jadwal_penyerahan": "2026-04-01", "tanggal_pemberitahuan": "2026-04-01"},
    )
    assert office.open_tasks(ticket) == ["penyerahan_informasi"]
    assert office.deadline(ticket, "T10").status == "met"
    with office.sessions() as s:
        withdrawn = s.scalar(
            select(CaseEvent).join(Case).where(Case.ticket == ticket, CaseEvent.type == "task_cancelled")
        )
    assert withdrawn.data["task"] == "eskalasi_t10"
    handed = {**STEP["penyerahan_informasi"], "tanggal_penyerahan": "2026-04-02"}
    office.complete(ticket, "penyerahan_informasi", handed, files={"berkas_informasi": [("informasi.pdf", DELIVERED)]})
    assert office.case(ticket).closed_at is not None  # nothing left open keeps the case from closing
    office.verify()


def test_a_notice_sent_late_keeps_the_superior_s_escalation(office, clock):
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    _to_notice(office, ticket)
    clock.move_to(datetime(2026, 4, 2, 2, 0, tzinfo=UTC))
    office.complete(
        ticket,
        "pemberitahuan_tertulis",
        {**STEP["pemberitahuan_tertulis"], "jadwal_penyerahan": "2026-04-02", "tanggal_pemberitahuan": "2026-04-02"},
    )
    assert "eskalasi_t10" in office.open_tasks(ticket)


def test_a_decision_typed_in_after_its_notice_went_out_is_dated_no_later_than_the_notice(office, clock):
    """legal-process.md §3.3: the register showed the decision on Thu 2 Apr, after the notice of Wed 1 Apr that
    told it, when both were typed in on the 2nd."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    clock.move_to(datetime(2026, 4, 2, 2, 0, tzinfo=UTC))
    _to_notice(office, ticket)
    notice = {
        **STEP["pemberitahuan_tertulis"],
        "jadwal_penyerahan": "2026-04-01",
        "tanggal_pemberitahuan": "2026-04-01",
    }
    office.complete(ticket, "pemberitahuan_tertulis", notice)
    with office.sessions() as s:
        [row] = registers.rows(s, office.rt, office.user(s, "ppid"), registers.Filter(kinds.REQUEST))
    assert (row["decided_at"], row["notice_sent_on"]) == (date(2026, 4, 1), date(2026, 4, 1))


def test_a_request_recorded_after_its_notice_period_is_acknowledged_with_that_period_before_the_apology(office):
    """A paper request received Tue 17 Mar 2026 and recorded on Fri 10 Apr, after T10 lapsed on both readings (1 and
    8 Apr): the requester's receipt comes first and states the period as the requester is told of it (the latest
    reading, 8 Apr, 2 working days late); the apology follows it. The apology came first, the receipt without a date."""
    with time_machine.travel(datetime(2026, 4, 10, 3, 0, tzinfo=UTC), tick=True):
        ticket = office.submit(received_at=RECEIVED)
    with office.sessions() as s:
        told = s.scalars(
            select(Notification)
            .join(Case)
            .where(Case.ticket == ticket, Notification.event.in_(("receipt", "overdue_apology")))
            .order_by(Notification.id)
        ).all()
    assert [n.event for n in told] == ["receipt", "overdue_apology"]
    receipt = told[0].context
    assert (receipt["deadline"], receipt["due_at"], receipt["working_days_left"]) == ("T10", "08-04-2026 16:00 WIB", -2)
