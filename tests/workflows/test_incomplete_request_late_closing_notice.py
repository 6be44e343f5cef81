"""A request the requester did not complete in their window (K_LENGKAP, §3.10) closes with the office's written notice
stating what was missing: that notice is the office's answer under UU 14/2008 Pasal 22(7), due by T10 counted from the
receipt (legal-process.md §3.3: "the statutory clock counts from receipt"; §6), which the requester's lapse does not
stop. Its task is therefore due at T10, not when the window lapsed; sent by then, the requester is told of no lateness
(the request failed on their side); not sent by then on every reading (§2.2), the office was late on its own deadline
and the apology is real: it says the notice is the one closing an uncompleted request (not "your request is still
being processed"), and the proxy who filed the request gets its copy ("Tembusan") as they get the other notices.

SQLite alone: which messages the engine writes, and their words, over rows the other modules store on both databases.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from engine.models import Case, HumanTask, Notification
from notifications.rendering import render
from tests.api.test_request_proxy import PROXY
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the engine's messages over stored rows

RECEIVED = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)  # Mon 7 Dec 2026, 10:00 WIB
CHECKED = datetime(2026, 12, 8, 3, 0, tzinfo=UTC)  # the window: 3 working days, to Fri 11 Dec 2026, 16:00 WIB
T10 = datetime(2026, 12, 21, 9, 0, tzinfo=UTC)  # Mon 21 Dec 2026, 16:00 WIB on either reading (no leave day between)
AFTER_T10 = datetime(2026, 12, 22, 3, 0, tzinfo=UTC)
MISSING = "Salinan KTP pemohon dan surat kuasa khusus"


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _lapsed(office, clock) -> str:
    """A request filed by a proxy, found incomplete, its requester's window lapsed (Fri 18 Dec): its ticket."""
    ticket = office.submit(kuasa={**PROXY, "email": "rahmat.hidayat@advokat.example"})
    clock.move_to(CHECKED)
    office.complete(ticket, "periksa_kelengkapan", {"lengkap": False, "kekurangan": MISSING})
    clock.move_to(datetime(2026, 12, 18, 3, 0, tzinfo=UTC))
    office.run(ticket)
    assert office.open_tasks(ticket) == ["pemberitahuan_tidak_lengkap"]
    return ticket


def _apologies(office, ticket) -> list[Notification]:
    with office.sessions() as s:
        return list(
            s.scalars(
                select(Notification)
                .join(Case)
                .where(Case.ticket == ticket, Notification.event == "overdue_apology")
                .order_by(Notification.id)
            )
        )


def test_the_closing_notice_s_task_is_due_at_t10_counted_from_the_receipt(office, clock):
    ticket = _lapsed(office, clock)
    with office.sessions() as s:
        task = s.scalar(
            select(HumanTask)
            .join(Case)
            .where(Case.ticket == ticket, HumanTask.bpmn_id == "pemberitahuan_tidak_lengkap")
        )
        assert task.due_at == T10
    assert office.deadline(ticket, "K_LENGKAP").status == "lapsed"
    assert office.deadline(ticket, "T10").status == "pending"


def test_sent_by_t10_the_requester_who_did_not_complete_is_told_of_no_lateness(office, clock):
    ticket = _lapsed(office, clock)
    notice = {"kekurangan": MISSING, "tanggal_pemberitahuan": "2026-12-18", "dikirim_melalui": "email"}
    office.complete(ticket, "pemberitahuan_tidak_lengkap", notice)
    clock.move_to(AFTER_T10)
    office.run(ticket)
    assert office.deadline(ticket, "T10").status == "met"
    assert _apologies(office, ticket) == []
    assert not office.case(ticket).overdue


def test_not_sent_by_t10_the_office_was_late_its_apology_says_so_and_the_proxy_gets_its_copy(office, clock):
    ticket = _lapsed(office, clock)
    clock.move_to(AFTER_T10)
    office.run(ticket)
    apologies = _apologies(office, ticket)
    assert [("proxy_party_id" in n.context) for n in apologies] == [False, True]  # the requester's, the proxy's copy
    subject, body = render("overdue_apology", "id", apologies[0].context)
    assert subject == f"Permohonan Maaf atas Keterlambatan - Permohonan {ticket}"
    assert f"Nomor Pendaftaran {ticket}, yang tidak dilengkapi dalam batas waktu melengkapi, belum dapat kami" in body
    assert (
        "Pemberitahuan tertulis yang menutup permohonan Anda dan menyebut kekurangannya segera kami kirimkan." in body
    )
    assert "tetap kami proses" not in body  # it is not processed: it closes
    assert "Jatuh tempo  : 21 Desember 2026 pukul 16.00 WIB" in body
    copy_subject, copy_body = render("overdue_apology", "id", apologies[1].context)
    assert copy_subject.startswith("Tembusan: Permohonan Maaf atas Keterlambatan")
    assert f"sebagai kuasa pemohon dalam permohonan {ticket}" in copy_body
    _subject, english = render("overdue_apology", "en", apologies[0].context)
    assert "which was not completed within the time given to complete it" in english
    assert "We are still working on" not in english


def test_a_request_late_on_its_notice_without_an_incomplete_window_keeps_the_usual_words(office, clock):
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan", {"lengkap": True})
    clock.move_to(AFTER_T10)
    office.run(ticket)
    [apology] = _apologies(office, ticket)
    _subject, body = render("overdue_apology", "id", apology.context)
    assert "Permohonan Anda tetap kami proses dan akan kami selesaikan secepatnya." in body
    assert "tidak dilengkapi" not in body
