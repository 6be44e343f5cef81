"""Issue 13, point 9: a complaint's statutory outer limit, the reporter's own window, and telling the reporter.

UU 25/2009 Pasal 50 and Perpres 76/2013 give 60 days from the complete file to settle a complaint: S60 is
tracked and shown beside the internal tiers (14 or 60 working days), which are cut so they never end after
it. The reporter's evidence window is theirs (lenient reading): 30 days where the law gives 30 (Pasal 45),
the configured working days through SP4N-LAPOR!; its lapse closes nothing by itself. A complaint that is
not actionable or is forwarded elsewhere is explained to the reporter, with where to go next.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import facts, queries
from engine.models import Case, CaseFacts, CaseMessage, Deadline, Notification
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_pengaduan_paths import (
    CATAT,
    KE_ITJEN,
    KE_UNIT,
    LAYAK,
    QUESTION,
    TANGGAPAN_UNIT,
    clarification,
    wib,
)

FILED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB


@pytest.fixture
def clock():
    with time_machine.travel(FILED, tick=True) as traveller:
        yield traveller


def _rows(office, ticket, name):
    with office.sessions() as s:
        return s.scalars(
            select(Deadline).join(Case).where(Case.ticket == ticket, Deadline.name == name).order_by(Deadline.id)
        ).all()


def _classified(office, clock, classification, **complaint):
    ticket, code = office.complaint(**complaint)
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    clock.move_to(wib("2027-01-12"))
    office.complete(ticket, "klasifikasi", classification)
    return ticket, code


def test_the_statutory_sixty_days_are_tracked_and_the_oversight_tier_is_cut_to_end_with_them(office, clock):
    """Filed Mon 11 Jan 2027: S60 = 11 Jan + 60 days = Fri 12 Mar 2027 (a cuti bersama, a working day on the
    strict reading), 16:00 WIB. Classified oversight-relevant on Tue 12 Jan; the tier runs from the receipt:
    60 working days would run to 9 Apr; the working days from 11 Jan to 12 Mar are 41 (12-15 Jan 4, 18-22 9,
    25-29 14, 1-5 Feb 19, 8-12 24, 15-19 29, 22-26 34, 1-5 Mar 39, 9 Mar 40, 12 Mar 41; Nyepi 8 Mar and Idul
    Fitri 10-11 Mar skipped), so the tier ends the same day as the law's limit, never after it."""
    ticket, _ = _classified(office, clock, KE_ITJEN)
    [s60] = _rows(office, ticket, "S60")
    assert (s60.due_at, s60.calendar, s60.kind, s60.public) == (wib("2027-03-12", 16), "strict", "agency", True)
    assert s60.provenance["unit"] == "calendar_days"
    assert s60.legal_basis == "UU 25/2009 Pasal 50; Perpres 76/2013 (60 hari sejak berkas lengkap)"
    [sla] = _rows(office, ticket, "SLA")
    assert (sla.working_days, sla.due_at) == (41, s60.due_at)
    with office.sessions() as s:
        rows = {r["name"]: r for r in queries.explained_deadlines(s.scalar(select(Case).where(Case.ticket == ticket)))}
    assert "60 hari kalender" in rows["S60"]["explanation_id"]


def test_the_statutory_limit_lapsing_flags_the_complaint_and_escalates(office, clock):
    ticket, _ = _classified(office, clock, KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    [s60] = _rows(office, ticket, "S60")
    clock.move_to(s60.due_at + timedelta(minutes=1))
    office.run(ticket)
    case = office.case(ticket)
    assert case.overdue is True
    assert "eskalasi_s60" in office.open_tasks(ticket)
    assert office.deadlines(ticket)["S60"] == "missed"


def test_after_the_strict_sixty_days_lapse_the_reporter_reads_sixty_calendar_days_on_the_lenient_reading(office, clock):
    """S60 from Mon 11 Jan 2027 ends Fri 12 Mar 2027 on the strict reading. On the lenient one, day 60 (12 Mar)
    and Mon 15 Mar are cuti bersama: Tue 16 Mar 2027, 16:00 WIB. The reporter reads that date, counted in days
    as the law counts them (60 working days would run into May), and the explanation says so."""
    ticket, _ = _classified(office, clock, KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    [s60] = _rows(office, ticket, "S60")
    clock.move_to(s60.due_at + timedelta(minutes=1))
    office.run(ticket)
    with office.sessions() as s:
        shown = queries.public_status(s, s.scalar(select(Case).where(Case.ticket == ticket)), "id", office.rt)
    assert shown["due_name"] == "S60"
    assert shown["due_at"] == wib("2027-03-16", 16)
    assert "60 hari kalender" in shown["due_explanation"]
    assert "60 hari kerja" not in shown["due_explanation"]


def test_the_reporters_window_is_thirty_days_on_the_lenient_reading_ending_on_a_working_day(office, clock):
    """Evidence asked for on Mon 8 Feb 2027: 30 days end Wed 10 Mar 2027, Idul Fitri (estimated); 11 Mar is
    the second day, 12 and 15 Mar cuti bersama: the reporter's window ends Tue 16 Mar 2027, 16:00 WIB."""
    ticket, _ = _classified(office, clock, KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    clock.move_to(wib("2027-02-08"))
    office.complete(ticket, "klarifikasi", clarification("perlu_bukti_pelapor"))
    office.complete(ticket, "minta_bukti", {"pertanyaan": QUESTION})
    [bukti] = _rows(office, ticket, "BUKTI")
    assert (bukti.due_at, bukti.calendar, bukti.working_days) == (wib("2027-03-16", 16), "lenient", 30)
    # The file is incomplete: the handling and its clocks end. S60 running is neither met nor missed (nothing was
    # settled: the reports' "within 60 days" must not count it); the 14 working days had lapsed on 1 Feb and stay
    # missed. The reporter's window alone runs.
    assert (office.deadlines(ticket)["S60"], office.deadlines(ticket)["SLA"]) == ("cancelled", "missed")
    clock.move_to(bukti.due_at + timedelta(days=1))
    office.run(ticket)
    office.message(ticket, "bukti_tidak_dikirim", {"tanggal": "2027-03-17"}, "tim")
    assert office.case(ticket).status == "dianggap_dicabut"
    with office.sessions() as s:
        row = s.get(CaseFacts, s.scalar(select(Case.id).where(Case.ticket == ticket)))
        assert (row.result, row.statutory) == ("dianggap_dicabut", None)
    # A complaint from before the fix kept its S60 row "met" (and its model version): derived again, it is not
    # counted as settled within the 60 days either.
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        for row in case.deadlines:
            if row.name == "S60":
                row.status = "met"
        facts.refresh(s, office.rt, case)
    with office.sessions() as s:
        assert s.get(CaseFacts, s.scalar(select(Case.id).where(Case.ticket == ticket))).statutory is None


def test_a_complaint_through_sp4n_lapor_gives_the_reporter_ten_working_days_on_the_lenient_reading(office, clock):
    """Recorded from SP4N-LAPOR!; evidence asked for on Wed 13 Jan 2027: 10 working days, lenient: 14, 15,
    18-22 (7), 25, 26, 27 Jan (10): Wed 27 Jan 2027, 16:00 WIB."""
    ticket, _ = _classified(office, clock, KE_UNIT, channel="lapor", received_at=FILED - timedelta(minutes=5))
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    clock.move_to(wib("2027-01-13"))
    office.complete(ticket, "klarifikasi", clarification("perlu_bukti_pelapor"))
    office.complete(ticket, "minta_bukti", {"pertanyaan": QUESTION})
    [bukti] = _rows(office, ticket, "BUKTI")
    assert (bukti.due_at, bukti.working_days) == (wib("2027-01-27", 16), 10)
    assert "unit" not in bukti.provenance  # working days


@pytest.mark.parametrize(
    ("outcome", "sent", "mail"),
    [
        (
            {"hasil": "tidak_dapat_ditindaklanjuti", "jenis_alasan": "perkara_pengadilan", "alasan": "Di pengadilan"},
            "Pengaduan Anda tidak dapat kami tindak lanjuti. Alasannya: Perkara ini sedang diperiksa pengadilan.",
            "complaint_outcome",
        ),
        (  # told when the forwarding letter is recorded (engine.forwarding); its one mail is the referral's
            {"hasil": "diteruskan_instansi_lain", "alasan": "Sengketa tanah", "instansi_tujuan": "Kantor Pertanahan"},
            "Pengaduan Anda di luar kewenangan kantor ini dan telah kami teruskan kepada Kantor Pertanahan dengan surat"
            " Nomor B-31/Kw.13/HM.01/01/2027 tanggal 11 Januari 2027, tanpa identitas Anda. Alasannya: Perkara ini"
            " sedang diperiksa pengadilan.",
            "complaint_referred",
        ),
    ],
    ids=["not_actionable", "forwarded"],
)
def test_the_reporter_is_told_why_and_where_to_go_next(office, clock, outcome, sent, mail):
    ticket, _ = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(
        ticket, "verifikasi", {**outcome, "alasan_untuk_pelapor": "Perkara ini sedang diperiksa pengadilan."}
    )
    if outcome["hasil"] == "diteruskan_instansi_lain":
        letter = {
            "nomor_surat": "B-31/Kw.13/HM.01/01/2027",
            "tanggal": "2027-01-11",
            "instansi_tujuan": "Kantor Pertanahan",
        }
        office.complete(ticket, "surat_penerusan", letter)
    with office.sessions() as s:
        [message] = s.scalars(select(CaseMessage).join(Case).where(Case.ticket == ticket)).all()
        told = s.scalars(
            select(Notification.event).join(Case).where(Case.ticket == ticket, Notification.to_requester.is_(True))
        ).all()
    assert (message.direction, message.kind) == ("to_reporter", "outcome")
    assert message.body.startswith(sent)
    assert "Ombudsman Republik Indonesia" in message.body
    assert "SP4N-LAPOR!" in message.body
    assert told.count(mail) == 1
    assert ({"complaint_outcome", "complaint_referred"} - {mail}).isdisjoint(told)  # one mail, not two


def test_the_three_working_day_review_clock_runs_from_receipt_before_the_complaint_is_recorded(office, clock):
    """SP4N-LAPOR! counts the review's 3 working days from receipt (§7.2 stage 3), so V3 is open, shown and
    reminded from the complaint's first moment. Filed Mon 11 Jan 2027 10:00 WIB: due Thu 14 Jan, 16:00 WIB.
    A complaint still unrecorded when it lapses is overdue, and the lapse goes to the WBS managers; before this, V3
    only opened once recorded."""
    ticket, _ = office.complaint()
    assert office.open_tasks(ticket) == ["catat_pengaduan"]
    [v3] = _rows(office, ticket, "V3")
    assert (v3.due_at, v3.calendar, v3.public) == (wib("2027-01-14", 16), "strict", False)
    clock.move_to(v3.due_at + timedelta(minutes=1))
    office.run(ticket)
    assert office.case(ticket).overdue is True
    assert office.open_tasks(ticket) == ["catat_pengaduan", "eskalasi_v3"]
