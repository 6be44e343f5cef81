"""A run names every case it changed (engine.run), so the boundary commits and schedules exactly those.

The boundary (an HTTP handler, a job) schedules the timers and messages of ``RunResult.touched``
after its commit; a case the run did not move is not in it, and a case it moved always is.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import casework, inbox
from engine.models import Case
from tests.helpers import STEP, WHO, decision

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
GRANTED = {
    "keputusan": "keberatan_dikabulkan_seluruhnya",
    "tanggal_keputusan": "2026-12-02",  # the objections here are received, decided and answered on 2 Dec
    "perintah_kepada_ppid": "Serahkan informasi yang diminta",
}
RESPONSE_SENT = {"dikirim_melalui": "email"}  # dated by ``_sent``: a dispatch date is bounded (engine.lateness)


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _completed(office, ticket, name, data=None) -> list[str]:
    """Complete the open task ``name`` as its lane's officer; the tickets the run touched."""
    with office.sessions.begin() as s:
        task = office._open(s, ticket, name)
        result = inbox.complete_task(s, office.rt, office.user(s, WHO[task.lane]), task.id, data or STEP[name])
        return [case.ticket for case in result.touched]


def _sent(office, objection) -> dict:
    """The superior's response, sent on the objection's own day of receipt."""
    received = office.case(objection).received_at.astimezone(office.rt.calendars["strict"].tz).date()
    return {**RESPONSE_SENT, "tanggal_dikirim": received.isoformat()}


def _refused_request(office) -> str:
    ticket = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    office.complete(ticket, "uji_konsekuensi")
    office.complete(ticket, "tetapkan_pengecualian")
    office.complete(ticket, "pemberitahuan_tertulis")
    return ticket


def _registered(office, objection):
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})


def test_the_response_to_a_granted_objection_touches_the_request_it_reopens(office, clock):
    request = _refused_request(office)
    objection = office.objection(request, ["a"])
    _registered(office, objection)
    office.complete(objection, "susun_kronologi", {"kronologi": "Ditolak", "pertimbangan_ppid": "Dikecualikan"})
    assert _completed(office, objection, "putuskan_keberatan", GRANTED) == [objection]  # nothing sent yet
    assert _completed(office, objection, "kirim_tanggapan", _sent(office, objection)) == [objection, request]
    assert office.open_tasks(request) == ["penyerahan_lanjutan"]


def test_news_the_request_does_not_await_leaves_it_out_of_the_touched_cases(office, clock):
    request = office.submit()
    clock.move_to(office.deadline(request, "T10").due_at + timedelta(hours=1))
    office.run(request)  # T10 lapsed without a notice: ground c
    objection = office.objection(request, ["c"])
    _registered(office, objection)
    office.complete(objection, "tawarkan_musyawarah", {"hasil": "tidak_bersedia"})
    office.complete(objection, "susun_kronologi", {"kronologi": "Belum dijawab", "pertimbangan_ppid": "Terlambat"})
    office.complete(
        objection, "putuskan_keberatan", {**GRANTED, "tanggal_keputusan": _sent(office, objection)["tanggal_dikirim"]}
    )
    # Recorded in the request's history only: no timer or message of the request changed.
    assert _completed(office, objection, "kirim_tanggapan", _sent(office, objection)) == [objection]


def test_a_timer_run_with_nothing_due_touches_its_case_and_changes_nothing(office, clock):
    ticket = office.submit()
    before = office.case(ticket).version
    with office.sessions.begin() as s:
        result = casework.run_case(s, office.rt, s.scalar(select(Case).where(Case.ticket == ticket)))
        touched = [case.ticket for case in result.touched]
    assert touched == [ticket]  # the job still reschedules it: a job that ran early is put back
    assert office.case(ticket).version == before
