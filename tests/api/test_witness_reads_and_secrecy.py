"""A complaint's witnesses: their read is told as a read of the reported persons and witnesses, and their secrecy is
cited as the law gives it (legal-process.md §7.3; engine.reported_party, engine.identity_reads).

A reviewer found that (1) the team's page, the form and engine.reported_party cited a witness's identity kept
secret as "UU 31/2014 Pasal 10", which is the immunity of witnesses and reporters from prosecution or suit over
their testimony or report; the identity kept secret is among the rights of UU 31/2014 Pasal 5 (§7.3: "identity
protection, etc. — UU 31/2014 Pasal 5 list"); and (2) the reported persons' page and API answer show the witnesses
too, yet each read was told (the case's history, the auditor's identity reads) as a read of "the reported persons"
alone. A read is now recorded with the witnesses (``saksi``) and told so in both languages; a read recorded before
witnesses were kept is told as before.

Python's decisions (wording, a label chosen from a stored event) on SQLite alone."""

import html
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import reported_party
from engine.audit import EventLog
from engine.models import Case, CaseEvent
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: wording and labels
from tests.web.pages import text
from tests.web.test_identity_reads_page import PAGE, complaint, rows

API = "/api/v1"
FORM = Path(__file__).resolve().parents[2] / "forms" / "pengaduan_terlapor.json"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=True):
        yield


def _reads(app, ticket) -> list[dict]:
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        found = select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.type == "case_read")
        return [e.data for e in db.session.scalars(found.order_by(CaseEvent.seq)) if e.data.get("what") == "terlapor"]


def _history(officer, ticket) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(text(officer.get(f"/kasus/{ticket}")))))


def test_a_read_of_the_reported_persons_page_is_told_with_the_witnesses_and_an_earlier_read_as_before(
    app, client, login, browser
):
    ticket = complaint(client, "rahasia")
    with app.app_context():  # a read recorded before witnesses were kept: its stored event stays as it is
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        EventLog(db.session).append(case, "case_read", "tim2", {"what": "terlapor"})
        db.session.commit()
    assert client.get(f"{API}/complaints/{ticket}/reported", headers=login("tim")).status_code == 200
    assert _reads(app, ticket) == [{"what": "terlapor"}, {"what": "terlapor", "saksi": True}]
    listed = rows(text(browser("auditor").get(PAGE)))
    assert [(r["Petugas"], r["Identitas"]) for r in listed] == [
        ("Tim (tim)", "Terlapor dan saksi"),
        ("Tim2 (tim2)", "Terlapor"),
    ]
    auditor = browser("auditor")
    auditor.get("/bahasa/en")
    listed = rows(text(auditor.get(PAGE)))
    assert [r["Identity"] for r in listed] == ["Reported persons and witnesses", "Reported persons"]
    team = browser("tim")
    said = _history(team, ticket)
    assert said.count("data terlapor dan saksi") == 1, said  # this read (the page's own read adds another later)
    assert re.search(r"data terlapor(?! dan saksi)", said), said  # the earlier one
    team.get("/bahasa/en")
    said = _history(team, ticket)
    assert "the reported persons and witnesses" in said, said
    assert re.search(r"the reported persons(?! and witnesses)", said), said


def test_the_witnesses_secrecy_is_cited_as_law_31_2014_article_5_on_the_team_s_page_in_both_languages(
    client, login, browser
):
    ticket = complaint(client, "rahasia")
    team = browser("tim")
    page = html.unescape(text(team.get(f"/kasus/{ticket}/terlapor")))
    assert "Saksi berhak dirahasiakan identitasnya (UU 31/2014 Pasal 5)" in page, page
    assert "31/2014 Pasal 10" not in page
    team.get("/bahasa/en")
    page = html.unescape(text(team.get(f"/kasus/{ticket}/terlapor")))
    assert "A witness has the right to have their identity kept secret (Law 31/2014 Article 5)" in page, page
    assert "31/2014 Article 10" not in page


def test_the_form_and_the_module_cite_article_5_for_the_witnesses():
    witnesses = json.loads(FORM.read_text(encoding="utf-8"))["properties"]["saksi"]
    assert "UU 31/2014 Pasal 5" in witnesses["description"]
    assert "Pasal 10" not in witnesses["description"]
    assert "Law 31/2014 Article 5" in witnesses["x-description-en"]
    assert "Article 10" not in witnesses["x-description-en"]
    doc = reported_party.__doc__
    line = doc[doc.index("- Witnesses (saksi)") :].split("\n- ", 1)[0]
    assert "UU 31/2014 Pasal 5" in line, line
