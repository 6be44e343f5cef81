"""The inbox's "Menunggu pihak lain" (engine.waiting, GET /api/v1/waiting-cases, /kotak-masuk/menunggu): the open
cases no officer holds a task in, waiting for the reporter, the Information Commission or a court, the one whose
next clock falls due first at the top, each with its running clocks; to each officer the cases they may see. The list's
query and the migration that dates the cases on SQLite and PostgreSQL; the page's wording on SQLite alone."""

from datetime import UTC, datetime

import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import waiting as waiting_list
from engine.models import Case
from tests.api.test_chain_api import disputed
from tests.api.test_complaint_documents import Team
from tests.conftest import sqlite_only
from tests.workflows.test_pengaduan_paths import KE_UNIT, QUESTION, TANGGAPAN_UNIT, clarification
from tests.workflows.test_sengketa_paths import BERKAS, SURAT_KUASA_GROUND_A

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB


def waiting(client, login, who):
    r = client.get(f"{API}/waiting-cases", headers=login(who))
    assert r.status_code == 200, r.json
    return r.json


def awaiting_the_commission(desk, client, login) -> str:
    """A dispute whose respondent's file is in: it waits for the Commission's first examination."""
    _, _, dispute = disputed(desk, client, login)
    on = desk.case(dispute["ticket"])["received_at"][:10]  # the power of attorney is signed the summons' day
    desk.complete(dispute["ticket"], "surat_kuasa", {**SURAT_KUASA_GROUND_A, "tanggal": on})
    desk.complete(dispute["ticket"], "siapkan_berkas", BERKAS)
    return dispute["ticket"]


def awaiting_the_reporter(client, login) -> str:
    """A complaint whose reporter was asked for evidence: their 30 days run, nobody in the office has a task."""
    team = Team(client, login, "rahasia").verified()
    team.complete("klasifikasi", KE_UNIT)
    team.complete("klarifikasi_unit", TANGGAPAN_UNIT)
    team.complete("klarifikasi", clarification("perlu_bukti_pelapor"))
    team.complete("minta_bukti", {"pertanyaan": QUESTION})
    return team.ticket


def test_cases_nobody_holds_a_task_in_are_listed_with_their_clocks_next_due_first(desk, client, login):
    with time_machine.travel(RECEIVED, tick=True):
        dispute = awaiting_the_commission(desk, client, login)
        with_a_task = desk.submit()["ticket"]
        complaint = awaiting_the_reporter(client, login)
        desk_view = waiting(client, login, "ppid")
        team_view = waiting(client, login, "tim")
        auditor_view = waiting(client, login, "auditor")
    assert [i["ticket"] for i in desk_view["items"]] == [dispute]  # never a complaint, nor a case with a task
    assert desk_view["total"] == 1
    (item,) = desk_view["items"]
    assert (item["process"], item["status"]) == ("sengketa_informasi", "persiapan_termohon")
    assert [(c["name"], c["kind"]) for c in item["clocks"]] == [("K100", "info")]
    # what it waits to hear from the Commission, which the PPID records on the case page when it comes
    assert item["awaiting"] == ["pemeriksaan_awal", "sengketa_dicabut", "sengketa_gugur"]
    (item,) = team_view["items"]  # the complaint team: its unit's complaint, never the dispute
    assert item["ticket"] == complaint
    assert [(c["name"], c["kind"], c["calendar"]) for c in item["clocks"]] == [("BUKTI", "window", "lenient")]
    assert item["awaiting"] == ["bukti_tidak_dikirim"]  # the team records that the reporter sent nothing
    assert with_a_task not in str(desk_view) + str(team_view)
    # the auditor reads them all: the reporter's 30 days end before the Commission's 100 working days
    assert [i["ticket"] for i in auditor_view["items"]] == [complaint, dispute]
    assert [i["awaiting"] for i in auditor_view["items"]] == [[], []]  # an auditor records nothing


# The page's wording and its cap, in Python: test_cases_nobody_holds_a_task_in_... keeps the list's query on PostgreSQL.
@sqlite_only
def test_the_page_lists_them_under_the_inbox_and_counts_beyond_the_first_hundred(
    desk, client, login, browser, monkeypatch
):
    with time_machine.travel(RECEIVED, tick=True):
        first = awaiting_the_commission(desk, client, login)
        second = awaiting_the_commission(desk, client, login)
        officer = browser("ppid")
        inbox = officer.get("/kotak-masuk").get_data(as_text=True)
        page = officer.get("/kotak-masuk/menunggu").get_data(as_text=True)
        monkeypatch.setattr(waiting_list, "SHOWN", 1)
        capped = officer.get("/kotak-masuk/menunggu").get_data(as_text=True)
        unit_page = browser("unit").get("/kotak-masuk/menunggu").get_data(as_text=True)
    assert '<a href="/kotak-masuk/menunggu">Menunggu pihak lain</a>' in inbox
    assert '<a href="/kotak-masuk/menunggu" aria-current="page">Menunggu pihak lain</a>' in page
    assert "2 kasus menunggu." in page
    for ticket in (first, second):
        assert f'<a href="/kasus/{ticket}">{ticket}</a>' in page
    assert "Penyelesaian sengketa oleh Komisi Informasi (100 hari kerja, informatif)" in page
    assert "Jangka waktu lembaga lain" in page  # whose clock it is
    assert f'<a href="/kasus/{first}/peristiwa/pemeriksaan_awal">' in page  # the event's form, from the list
    assert "Yang ditampilkan 1 pertama." in capped
    assert first in capped
    assert second not in capped
    assert "Tidak ada kasus yang menunggu pihak lain." in unit_page  # a unit sees no dispute


def test_the_upgrade_dates_the_cases_waiting_then_by_their_last_change(app, desk, client, login, db_url, monkeypatch):
    """Migration 0044 on a database from before it: the open cases with no open task are listed, dated by their
    last change; a case with a task, or closed, is not. `kawal db upgrade` then reads what they wait to hear."""
    from alembic import command
    from click.testing import CliRunner

    from api.cli import main
    from engine.db import alembic_config

    with time_machine.travel(RECEIVED, tick=True):
        dispute = awaiting_the_commission(desk, client, login)
        desk.submit()
        before = waiting(client, login, "ppid")
        command.downgrade(alembic_config(db_url), "0043")
        command.upgrade(alembic_config(db_url), "head")
        after = waiting(client, login, "ppid")
        assert after["items"][0]["awaiting"] == []  # the migration cannot read the instances
        monkeypatch.setenv("KAWAL_DATABASE_URL", db_url)
        monkeypatch.setenv("KAWAL_ENV", "test")
        upgraded = CliRunner().invoke(main, ["db", "upgrade"], catch_exceptions=False)
        assert upgraded.exit_code == 0, upgraded.output
        read = waiting(client, login, "ppid")
    assert [i["ticket"] for i in before["items"]] == [i["ticket"] for i in after["items"]] == [dispute]
    assert (
        read["items"][0]["awaiting"]
        == before["items"][0]["awaiting"]
        == [
            "pemeriksaan_awal",
            "sengketa_dicabut",
            "sengketa_gugur",
        ]
    )
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == dispute))
        assert case.awaiting_since == case.updated_at
