"""Issue 13, point 6: recording a summons checks the dispute's admissibility, and never refuses it.

The agency's cheapest defences at the preliminary examination (Perki 1/2013 Pasal 35-36): was the
application filed with the Commission within D14 (UU 14/2008 Pasal 37(2); Perki 1/2013 Pasal 13), and
did an objection precede it (Pasal 36-37)? Both verdicts are recorded on the dispute, shown in the task
that prepares the evidence file, and put in the bundle.
"""

import io
import json
import zipfile
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from engine import bundle, chain, instructions, queries
from engine.models import Case, HumanTask
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_keberatan_paths import _decided, _to_superior

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
ANSWERED = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)  # Mon 7 Dec 2026, 10:00 WIB: the superior's response sent
REASONS = "Informasi tersebut dikecualikan berdasarkan Pasal 17 huruf h; uji konsekuensi terlampir."


def _answered_objection(office, clock):
    request = _decided(office)
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    data = {"keputusan": "keberatan_ditolak", "tanggal_keputusan": "2026-12-02", "alasan_tertulis": REASONS}
    office.complete(objection, "putuskan_keberatan", data)
    clock.move_to(ANSWERED)
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": "2026-12-07", "dikirim_melalui": "email"})
    return objection


def _verdicts(office, ticket):
    return office.case(ticket).details["keterterimaan"]


@pytest.mark.parametrize(
    ("filed", "verdict"),
    [("2026-12-28", "tepat_waktu"), ("2026-12-29", "tepat_waktu_kalender_longgar"), ("2026-12-30", "terlambat")],
)
def test_a_summons_is_checked_against_d14_from_the_superiors_response_on_both_readings(office, filed, verdict):
    """The response went out by Kawal's e-mail on Mon 7 Dec 2026 at 10:00 WIB, so the requester received it then
    (UU ITE Pasal 8). D14, 14 working days: strict, from that date: 8-11 Dec (4), 14-18 (9), 21-24 (13; Thu 24 Dec,
    Cuti Bersama Natal, counts), Fri 25 Natal, Mon 28 Dec 2026 (14). Lenient, received in office hours on a working
    day, so that day is day zero (legal-process.md §2.2; it was counted from the end of that day, as if its hour were
    unknown): 8-11 (4), 14-18 (9), 21-23 (12), 24 Dec does not count, 28 (13), Tue 29 Dec 2026 (14).
    Filed 28 Dec: in time; 29 Dec: in time only on the latest reading; 30 Dec: late. Never refused."""
    with time_machine.travel(RECEIVED, tick=True) as clock:
        objection = _answered_objection(office, clock)
        clock.move_to(datetime(2027, 1, 13, 3, 0, tzinfo=UTC))
        dispute = office.dispute(objection, diajukan_ke_ki=filed)
    found = _verdicts(office, dispute)
    assert found["jangka_waktu_d14"]["verdict"] == verdict
    assert found["jangka_waktu_d14"]["batas_ketat"].startswith("2026-12-28T16:00:00+07:00")
    assert found["jangka_waktu_d14"]["batas_longgar"].startswith("2026-12-29T16:00:00+07:00")
    assert found["keberatan_didahului"] == {
        "verdict": "ya",
        "keberatan": objection,
        "dasar": "UU 14/2008 Pasal 36-37; Perki 1/2013 Pasal 13",
    }
    assert found["alasan_di_luar_keberatan"] == []  # the objection's own grounds
    assert office.open_tasks(dispute) == ["surat_kuasa"]  # recorded and running, never refused


def test_a_summons_filed_before_the_superior_answered_is_flagged_premature(office):
    with time_machine.travel(RECEIVED, tick=True):
        request = _decided(office)
        objection = office.objection(request, ["a"])
        dispute = office.dispute(objection, diajukan_ke_ki="2026-12-02")
    assert _verdicts(office, dispute)["jangka_waktu_d14"]["verdict"] == "prematur"


def test_an_objection_filed_after_the_application_reached_the_commission_did_not_precede_it(office):
    """A QA walk saw "didahului keberatan KEB-..." for an objection filed two months after the Commission filing."""
    with time_machine.travel(RECEIVED, tick=True):
        request = _decided(office)
        objection = office.objection(request, ["a"])  # filed Wed 2 Dec 2026
        dispute = office.dispute(objection, diajukan_ke_ki="2026-12-01")
    found = _verdicts(office, dispute)
    assert found["keberatan_didahului"]["verdict"] == "tidak"
    assert found["jangka_waktu_d14"]["verdict"] == "prematur"


def test_a_summons_against_a_request_without_an_objection_is_flagged_and_recorded(office):
    with time_machine.travel(RECEIVED, tick=True):
        request = _decided(office)
        dispute = office.dispute(request, grounds=["a"], diajukan_ke_ki="2026-12-02")
    found = _verdicts(office, dispute)
    assert (found["keberatan_didahului"]["verdict"], found["jangka_waktu_d14"]["verdict"]) == (
        "tidak",
        "tidak_dapat_dihitung",
    )
    assert office.case(dispute).status == "persiapan_termohon"


def test_the_verdicts_are_shown_in_the_evidence_file_task_and_put_in_the_bundle(office):
    with time_machine.travel(RECEIVED, tick=True) as clock:
        objection = _answered_objection(office, clock)
        clock.move_to(datetime(2027, 1, 13, 3, 0, tzinfo=UTC))
        dispute = office.dispute(objection, diajukan_ke_ki="2026-12-31")
        office.complete(
            dispute,
            "surat_kuasa",
            {"nomor_surat": "B-1", "tanggal": "2027-01-13", "penerima_kuasa": ["Kabag TU"], "wewenang_berdamai": False},
        )
        with office.sessions() as s:
            task = s.scalar(
                select(HumanTask).join(Case).where(Case.ticket == dispute, HumanTask.bpmn_id == "siapkan_berkas")
            )
            assert "{{ keterterimaan_ringkas }}" in task.instructions
            filled = instructions.for_task(s, office.rt, task)["id"]
            assert "diajukan setelah 14 hari kerja berakhir" in filled
            detail = queries.task_detail(s, office.rt, task, office.user(s, "ppid"))
            assert detail["case"]["details"]["keterterimaan"]["jangka_waktu_d14"]["verdict"] == "terlambat"
            case = s.scalar(select(Case).where(Case.ticket == dispute))
            _, data = bundle.build_bundle(s, office.rt, case)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        shown = json.loads(archive.read(f"keterterimaan/{dispute}.json"))
    assert shown["jangka_waktu_d14"]["verdict"] == "terlambat"
    assert shown["ringkasan"] == (
        "Diajukan ke Komisi Informasi pada 2026-12-31: diajukan setelah 14 hari kerja berakhir;"
        f" didahului keberatan {objection}."
    )


def test_a_ground_the_objection_never_raised_is_flagged_on_the_dispute_and_recorded(office):
    """UU 14/2008 Pasal 37(1): the Commission hears what the superior answered. A summons citing ground b on an
    objection that raised only ground a (a refusal under Pasal 17, where mediation has no place) is recorded, never
    refused, and the office's evidence file says ground b was not objected to first."""
    with time_machine.travel(RECEIVED, tick=True) as clock:
        objection = _answered_objection(office, clock)  # ground a
        clock.move_to(datetime(2027, 1, 13, 3, 0, tzinfo=UTC))
        dispute = office.dispute(objection, grounds=["a", "b"], diajukan_ke_ki="2026-12-28")
    found = _verdicts(office, dispute)
    assert found["alasan_di_luar_keberatan"] == ["b"]
    assert office.case(dispute).status == "persiapan_termohon"
    assert chain.admissibility_text(found) == (
        "Diajukan ke Komisi Informasi pada 2026-12-28: diajukan dalam 14 hari kerja;"
        f" didahului keberatan {objection}; alasan huruf b tidak diajukan dalam keberatan."
    )
    assert chain.admissibility_text(found, "en").endswith("; ground b was not raised in the objection.")


@pytest.mark.parametrize(
    ("hearing", "verdict", "late"),
    [("2027-01-25T09:00:00+07:00", "tepat_waktu", 0), ("2027-01-27T09:00:00+07:00", "terlambat", 2)],
)
def test_a_commission_starting_after_14_working_days_is_recorded_from_the_summons_and_refuses_nothing(
    office, hearing, verdict, late
):
    """UU 14/2008 Pasal 38(1) (legal-process.md §6, K14, a clock of the Commission's): it starts mediation or
    adjudication within 14 working days of receiving the application. Filed Mon 4 Jan 2027, a date without an
    hour, so the count starts the next working day; Tue 5 Jan is Isra Mikraj: 6-8 Jan (3), 11-15 (8), 18-22 (13),
    Mon 25 Jan 2027 (14). A first hearing on 25 Jan is in time; on Wed 27 Jan it is 2 working days late. The
    agency learns it from the summons; the dispute runs the same either way."""
    with time_machine.travel(RECEIVED, tick=True) as clock:
        request = _decided(office)
        clock.move_to(datetime(2027, 1, 11, 3, 0, tzinfo=UTC))
        dispute = office.dispute(request, ["b"], diajukan_ke_ki="2027-01-04", sidang_pertama=hearing)
    check = office.case(dispute).details["mulai_penyelesaian"]
    assert check == {
        "batas_mulai": "2027-01-25",
        "sidang_pertama": hearing[:10],
        "verdict": verdict,
        "hari_kerja_terlambat": late,
        "dasar": "UU 14/2008 Pasal 38(1) (informatif)",
    }
    assert office.open_tasks(dispute) == ["surat_kuasa"]
