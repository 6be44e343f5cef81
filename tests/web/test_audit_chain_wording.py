"""How a failed chain check is said: the console names only the chains that broke (not every chain with a dash for
the intact ones), and ``kawal audit verify`` says a changed case row of the case, not of an "event 0" no case has."""

import re

from click.testing import CliRunner
from sqlalchemy import create_engine
from sqlalchemy import text as sql

from api.cli import main
from tests.web.pages import text


def tamper(db_url: str, statement: str, **params) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sql(statement), params)
    engine.dispose()


def test_the_console_names_only_the_broken_chain(browser, client, login, db_url):
    admin = login("admin")
    for name in ("Bidang Satu", "Bidang Dua"):
        assert client.put("/api/v1/units/PENDMAD", json={"name": name}, headers=admin).status_code == 200
    tamper(db_url, "UPDATE unit_event SET actor = 'cli' WHERE id = (SELECT min(id) FROM unit_event)")
    auditor = browser("auditor")
    for page in (
        text(auditor.get("/audit/akses")),
        auditor.get("/audit", query_string={"periksa": "1"}).get_data(as_text=True),
    ):
        (said,) = re.findall(r'<p class="flash flash-error" role="alert">(.*?)</p>', page, re.S)
        assert "<strong>RUSAK:</strong>" in said
        assert re.search(r"Perubahan akses: unit: catatan \d+ tidak terverifikasi", said)
        for intact in ("akun", "kalender", "standar biaya", "pengecualian pada", "—"):
            assert intact not in said


def test_verify_says_a_changed_case_row_of_the_case_not_of_an_event_0(desk, db_url, monkeypatch):
    ticket = desk.submit()["ticket"]
    desk.complete(ticket, "periksa_kelengkapan")
    tamper(db_url, """UPDATE "case" SET status = 'selesai' WHERE ticket = :t""", t=ticket)
    monkeypatch.setenv("KAWAL_DATABASE_URL", db_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    told = CliRunner().invoke(main, ["audit", "verify"])
    assert told.exit_code == 1
    assert f"case {ticket}: the case's stage (selesai) is not the last its history reached" in told.output
    assert "event 0" not in told.output
