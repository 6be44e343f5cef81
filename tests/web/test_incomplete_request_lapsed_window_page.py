"""The status page of a request waiting on what was missing (legal-process.md §3.10: MENUNGGU_KELENGKAPAN): it says
what is missing, as the officer recorded it, and the date by which the requester must supply it (their own window,
K_LENGKAP, on its lenient reading, §2.2); once that window lapsed, that it ended, that the request can no longer be
completed and what follows: the office's written notice closing it, due by T10 counted from the receipt (§3.3). It
never says "nothing to do for this deadline" over the office's T10 as if the requester's part were not over, nor
keeps asking for what can no longer be supplied. The closing notice is a letter: listed and downloadable.

A walk (PPID-2026-000007, filed by a proxy) saw, on 18 Dec, the window of 11 Dec lapsed: only T10 (21 Dec) with
"Anda tidak perlu melakukan apa pun untuk batas waktu ini", "Lengkapi kekurangan ... sebelum batas waktu melengkapi"
with no date, and what was missing nowhere.
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import casework
from engine.models import Case
from tests.api.test_letters_api import render_letters
from tests.api.test_request_proxy import PROXY
from tests.conftest import PASSWORD
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a page's words over stored rows
from tests.helpers import Desk
from tests.web.pages import text
from tests.web.test_portal import open_case

RECEIVED = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)  # Mon 7 Dec 2026, 10:00 WIB: T10 Mon 21 Dec, 16:00 WIB
CHECKED = datetime(2026, 12, 8, 3, 0, tzinfo=UTC)  # Tue 8 Dec: 3 working days to complete, to Fri 11 Dec 16:00 WIB
SEEN = datetime(2026, 12, 18, 3, 0, tzinfo=UTC)  # Fri 18 Dec: the window lapsed, T10 still running
MISSING = "Salinan KTP pemohon dan surat kuasa khusus"


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def fresh_desk(client):
    """The desk logging in afresh at each step: days of travel outlive a token kept."""

    def login(username):
        r = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
        return {"Authorization": f"Bearer {r.json['token']}"}

    return Desk(client, login)


def _run(app, ticket):
    """What the timer job does: run the case's due timers."""
    with app.app_context():
        casework.run_case(
            db.session, app.extensions["kawal_runtime"], db.session.scalar(select(Case).where(Case.ticket == ticket))
        )
        db.session.commit()


def _incomplete(app, desk, clock):
    receipt = desk.submit(kuasa={**PROXY, "email": "rahmat.hidayat@advokat.example"})
    clock.move_to(CHECKED)
    desk.complete(receipt["ticket"], "periksa_kelengkapan", {"lengkap": False, "kekurangan": MISSING})
    return receipt


def test_while_the_window_runs_the_next_step_names_its_date_and_what_is_missing(app, browser, fresh_desk, clock):
    receipt = _incomplete(app, fresh_desk, clock)
    page = text(open_case(browser(), receipt["ticket"], receipt["access_code"]))
    assert "Lengkapi kekurangan permohonan Anda kepada petugas paling lambat 11 Des 2026, 16:00 WIB." in page
    assert "sebelum batas waktu melengkapi" not in page  # the stage's words with no date
    assert f"<strong>Yang perlu dilengkapi:</strong> <span>{MISSING}</span>" in page
    assert "Cara melengkapinya:" in page


def test_once_the_window_lapsed_the_page_says_it_ended_what_was_missing_and_what_follows(
    app, browser, fresh_desk, clock
):
    receipt = _incomplete(app, fresh_desk, clock)
    clock.move_to(SEEN)
    _run(app, receipt["ticket"])
    assert "pemberitahuan_tidak_lengkap" in fresh_desk.open_tasks(receipt["ticket"], "ppid")
    page = text(open_case(browser(), receipt["ticket"], receipt["access_code"]))
    assert f"<strong>Yang tidak dilengkapi:</strong> <span>{MISSING}</span>" in page
    assert (
        "Waktu Anda untuk melengkapi kekurangan berakhir pada 11 Des 2026, 16:00 WIB tanpa kekurangan itu sampai ke"
        " kantor, sehingga permohonan ini tidak dapat dilengkapi lagi." in page
    )
    assert "Anda dapat mengajukan permohonan baru yang lengkap kapan saja." in page
    # The office's T10 is the date of its closing notice; the requester is not told "nothing to do" beside it.
    assert "kantor wajib bertindak paling lambat 21 Des 2026, 16:00 WIB" in page
    assert "kantor wajib mengirimkan kepada Anda pemberitahuan tertulis yang menutup permohonan" in page
    assert "Anda tidak perlu melakukan apa pun" not in page
    assert "Cara melengkapinya:" not in page  # it can no longer be supplied
    assert "sebelum batas waktu melengkapi" not in page


def test_in_english_the_office_s_words_are_quoted_and_kawal_s_own_are_english(app, browser, fresh_desk, clock):
    receipt = _incomplete(app, fresh_desk, clock)
    clock.move_to(SEEN)
    _run(app, receipt["ticket"])
    b = browser()
    b.get("/bahasa/en")
    page = text(open_case(b, receipt["ticket"], receipt["access_code"]))
    assert "Your time to supply the missing items ended on 11 Dec 2026, 16:00 WIB" in page
    assert f'<strong>What was missing:</strong> <span lang="id">{MISSING}</span>' in page
    assert "(as the officer wrote it, in Indonesian)" in page


def test_the_closing_notice_is_a_letter_listed_and_downloadable_and_the_page_stops_asking(
    app, browser, fresh_desk, clock
):
    receipt = _incomplete(app, fresh_desk, clock)
    clock.move_to(SEEN)
    _run(app, receipt["ticket"])
    notice = {"kekurangan": MISSING, "tanggal_pemberitahuan": "2026-12-18", "dikirim_melalui": "email"}
    fresh_desk.complete(receipt["ticket"], "pemberitahuan_tidak_lengkap", notice)
    render_letters(app)
    requester = browser()
    page = text(open_case(requester, receipt["ticket"], receipt["access_code"]))
    assert "Belum ada surat yang dikirim kepada Anda." not in page
    assert "Surat resmi (PDF)" in page
    assert "Yang tidak dilengkapi:" not in page  # closed: the letter says it
    assert "Waktu Anda untuk melengkapi" not in page
    assert "Pemberitahuan Tertulis: Permohonan Tidak Dilengkapi</a> · B-1/PPID/PTL/XII/2026 · 18 Des 2026" in page
    [link] = re.findall(rf'href="(/publik/surat/\d+\?kasus={receipt["ticket"]})"', page)
    pdf = requester.client.get(link)
    assert pdf.status_code == 200
    assert pdf.data.startswith(b"%PDF-")
