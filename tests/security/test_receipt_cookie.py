"""A filing's receipt waits on the server, not in the browser's cookie.

A walk filed a whistleblower's report, decoded the session cookie (Flask's: signed, not encrypted) and read
``'receipt': {'code': 'YNS7-...', 'kind': 'pengaduan', 'mode': 'whistleblower', 'ticket': 'ADU-2026-000008'}``,
kept for 30 minutes for a form sent again: on a shared or seized device it named a whistleblower's case and opened
it. The receipt is now sealed by the vault in a row of its own (engine.portal_receipts), named in the cookie by a
random id: the cookie holds neither the code, the ticket, the kind nor the mode, and the row is deleted once the
receipt is shown or its time is up.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from api.extensions import db
from api.web.portal import repeats
from engine import kinds
from engine.models import PortalReceipt
from tests.api.test_chain_api import decided
from tests.conftest import sqlite_only
from tests.web.pages import text
from tests.web.test_portal import complaint_form, request_form

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
SHOWN = re.compile(r'<dd class="secret">([^<]+)</dd>')
KEY = re.compile(r'name="submission_key" value="([^"]+)"')
UNREGISTERED_OBJECTION = {
    "pemohon.name": "Budi Santoso",
    "pemohon.nik": "3171234507890002",
    "pemohon.address": "Jl. Kenanga 3, Jakarta",
    "pemohon.email": "budi@example.org",
    "informasi_yang_diminta": "Laporan keuangan berkala 2025",
    "kasus_posisi": "Petugas loket menolak menerima permohonan saya tanpa alasan",
    "tanggal_alasan_ditemukan": "2026-11-30",
}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def cookie(app, b) -> str:
    """The session cookie decoded, as anyone holding the device can (the signature hides nothing)."""
    value = b.client.get_cookie("session").value
    return repr(app.session_interface.get_signing_serializer(app).loads(value))


def file(b, path, form) -> None:
    """Open the form (``path`` may carry ``?tiket=``), then send it with the key it rendered."""
    key = KEY.search(text(b.get(path)))[1]
    r = b.post(path.split("?")[0], form | {"submission_key": key})
    assert r.status_code == 303, text(r)


def secrets_of(receipt_page) -> list[str]:
    """What the receipt shows under its secret style: the ticket, and the access code when the case has one."""
    shown = SHOWN.findall(receipt_page)
    assert shown, receipt_page
    return shown


def rows(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(PortalReceipt))


def filings(desk):
    """(path, form, words the cookie must not hold) for each kind of filing the portal takes."""
    request_filed = decided(desk)
    objection = {
        "ticket": request_filed["ticket"],
        "access_code": request_filed["access_code"],
        "alasan": ["a"],
        "kasus_posisi": "Informasi ditolak tanpa uji konsekuensi yang layak",
    }
    return {
        "request": ("/publik/permohonan", request_form(), (kinds.REQUEST,)),
        "objection": (f"/publik/keberatan?tiket={request_filed['ticket']}", objection, (kinds.OBJECTION,)),
        "objection-without-ticket": ("/publik/keberatan/tanpa-tiket", UNREGISTERED_OBJECTION, (kinds.OBJECTION,)),
        "complaint-anonim": ("/publik/pengaduan", complaint_form("anonim"), (kinds.COMPLAINT, "anonim")),
        "complaint-rahasia": ("/publik/pengaduan", complaint_form("rahasia"), (kinds.COMPLAINT, "rahasia")),
        "complaint-whistleblower": (
            "/publik/pengaduan",
            complaint_form("whistleblower"),
            (kinds.COMPLAINT, "whistleblower"),
        ),
    }


# On PostgreSQL too: the receipt's sealed row stored, read back and deleted, and the rows past their time pruned (an
# instant compared in SQL; every process shares them). The others are @sqlite_only: what the cookie holds and what a
# copy of it opens, Python's decision over the same rows (their PostgreSQL twin ran the same Python again).
@sqlite_only
@pytest.mark.parametrize(
    "kind",
    [
        "request",
        "objection",
        "objection-without-ticket",
        "complaint-anonim",
        "complaint-rahasia",
        "complaint-whistleblower",
    ],
)
def test_the_session_cookie_holds_neither_the_ticket_the_code_nor_the_mode_of_a_filing(app, browser, desk, kind):
    path, form, words = filings(desk)[kind]
    b = browser()
    file(b, path, form)
    waiting = cookie(app, b)  # between the POST and the receipt page (post/redirect/get)
    page = text(b.get("/publik/tanda-terima"))
    secrets = secrets_of(page)
    if kind == "objection":
        secrets.append(form["access_code"])  # typed in the form, the request's code: not kept either
    for held in (waiting, cookie(app, b)):
        for secret in secrets:
            assert secret not in held
            assert secret.replace("-", "") not in held
        for word in words:
            assert word not in held, word


def test_the_receipt_is_shown_once_and_its_row_is_sealed_and_deleted_then(app, browser):
    b = browser()
    file(b, "/publik/pengaduan", complaint_form("whistleblower"))
    with app.app_context():  # the receipt waiting to be shown, and the one a form sent again would show
        kept = db.session.scalars(select(PortalReceipt)).all()
        assert len(kept) == 2
        stored = repr([(row.id_hash, row.key_id, bytes(row.sealed)) for row in kept])
    ticket, code = secrets_of(text(b.get("/publik/tanda-terima")))
    for secret in (ticket, code, code.replace("-", ""), "whistleblower"):
        assert secret.encode() not in stored.encode()
    assert not SHOWN.search(text(b.get("/publik/tanda-terima")))  # a reload shows nothing
    # The row the form sent again would show stays for the window; the one waiting to be shown is gone.
    assert rows(app) == 1


@sqlite_only
def test_a_copy_of_the_cookie_taken_before_the_receipt_was_shown_opens_nothing_after(app, browser):
    """A copy of the cookie (a seized device, a shared one) does not show the receipt a second time."""
    b = browser()
    file(b, "/publik/pengaduan", complaint_form("whistleblower"))
    copied = b.client.get_cookie("session").value
    assert SHOWN.search(text(b.get("/publik/tanda-terima")))
    other = browser()
    other.client.set_cookie("session", copied)
    assert not SHOWN.search(text(other.get("/publik/tanda-terima")))


def test_a_form_sent_again_shows_the_receipt_again_within_the_window_and_not_after(app, browser, clock):
    b = browser()
    form = complaint_form("whistleblower")
    key = KEY.search(text(b.get("/publik/pengaduan")))[1]
    assert b.post("/publik/pengaduan", form | {"submission_key": key}).status_code == 303
    first = secrets_of(text(b.get("/publik/tanda-terima")))
    assert b.post("/publik/pengaduan", form | {"submission_key": key}).status_code == 303
    assert secrets_of(text(b.get("/publik/tanda-terima"))) == first
    assert rows(app) == 1
    clock.shift(timedelta(seconds=repeats.REPEAT_WINDOW + 60))
    b.get("/publik/pengaduan")  # a form opened prunes the cookie, and the rows past their time go with it
    assert rows(app) == 0


@sqlite_only
def test_closing_the_case_on_this_device_deletes_the_receipts_kept_for_it(app, browser):
    b = browser()
    file(b, "/publik/pengaduan", complaint_form("rahasia"))
    b.get("/publik/tanda-terima")
    assert rows(app) == 1
    b.post("/publik/status/tutup")
    assert rows(app) == 0
