"""A complaint's witnesses (saksi) are protected as its reported persons are (legal-process.md §7.1: KMA 765/2018, the
confidentiality of reporter and reported; §7.2 stage 9: the outcome is told "within the limits of confidentiality";
§7.3: a witness's identity kept secret, UU 31/2014 Pasal 5; engine.reported_party).

The walker's finding: the outcome "Rina Wulandari sebagai saksi membenarkan ..." went to the reporter in the outcome
letter, the portal's message and the mail, as nothing recorded who the witnesses were. Now the complaint team records
them beside the reported persons, on the same page and API, sealed in the vault as they are (the team alone reads
them; the history says how many, never who); and every text the names check covers (the outcome notice, the review's
reason for the reporter, a field a unit reads) is refused when it names a recorded witness, as when it names a
reported person. The reported persons are recorded and checked as before.

The first test stores and reads back the new data on both databases; the others are Python's decisions on SQLite
(``sqlite_only``)."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import inspect, select

from api.extensions import db
from engine import reported_party
from engine.models import Base, Case, CaseEvent, Party
from tests.api.test_complaint_outcome_names_no_one import (
    MODE,
    OUTCOME,
    PLAIN,
    TEXT,
    at_outcome,  # noqa: F401 - the fixture: one complaint kept
)
from tests.browser.journeys import ComplaintDesk
from tests.conftest import sqlite_only
from tests.workflows.test_pengaduan_paths import CATAT

API = "/api/v1"
NOW = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
RINA = {"nama": "Rina Wulandari", "jabatan": "Bendahara", "instansi": "MTsN 3 Kota Contoh"}
HENDRA = {"nama": "Hendra Wijaya", "nip_nrp": "19700101 199503 1 001", "jabatan": "Kepala Subbag TU"}
# The walker's outcome, word for word.
NAMED = "Rina Wulandari sebagai saksi membenarkan adanya pungutan; petugas yang bersangkutan telah diberi teguran."


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


def record(client, login, ticket, body, who="tim"):
    return client.put(f"{API}/complaints/{ticket}/reported", json=body, headers=login(who))


def read(client, login, ticket, who="tim"):
    return client.get(f"{API}/complaints/{ticket}/reported", headers=login(who))


def notify(client, login, task_id, text):
    data = {TEXT: text, "tanggal": "2027-01-11"}
    return client.post(f"{API}/tasks/{task_id}/complete", json={"data": data}, headers=login("tim"))


def refused_beside(r, field, *unsaid) -> str:
    assert r.status_code == 422, r.json
    assert list(r.json["errors"]) == [field], r.json
    for word in unsaid:  # the refusal names the problem, never the person
        assert not re.search(rf"\b{word}\b", r.get_data(as_text=True), re.IGNORECASE), word
    return r.json["errors"][field][0]


def events(app, ticket, kind) -> list[dict]:
    with app.app_context():
        return [
            e.data
            for e in db.session.scalars(
                select(CaseEvent)
                .join(Case)
                .where(Case.ticket == ticket, CaseEvent.type == kind)
                .order_by(CaseEvent.seq)
            )
        ]


def test_the_team_records_witnesses_sealed_beside_the_reported_persons_and_reads_them_back(
    app,
    client,
    login,
    at_outcome,  # noqa: F811 - the imported fixture
):
    """The new data on both databases: stored in the vault, read back, kept when a client leaves them out, removed
    by an empty list; the history counts them, never names them; no one but the team reads them."""
    complaint = at_outcome()
    body = {"terlapor": [HENDRA], "saksi": [RINA]}
    r = record(client, login, complaint.ticket, body)
    assert r.status_code == 200, r.json
    assert (r.json["changed"], r.json["terlapor"], r.json["saksi"]) == (True, [HENDRA], [RINA])
    back = read(client, login, complaint.ticket).json
    assert (back["terlapor"], back["saksi"]) == ([HENDRA], [RINA])
    assert record(client, login, complaint.ticket, body).json["changed"] is False  # the same again: nothing
    kept = record(client, login, complaint.ticket, {"terlapor": [HENDRA, {"nama": "Budi Santoso"}]})
    assert kept.json["saksi"] == [RINA]  # a client that sends no witnesses leaves them as they are
    assert read(client, login, complaint.ticket).json["saksi"] == [RINA]
    assert events(app, complaint.ticket, reported_party.WITNESSES_EVENT) == [
        {"count": 1, "fields": ["nama", "jabatan", "instansi"]}
    ]
    with app.app_context():  # sealed in the vault: no table holds a witness's name in the clear
        names = set(inspect(db.engine).get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name in names:
                for row in db.session.execute(select(table)).all():
                    assert "Wulandari" not in repr(tuple(row)), table.name
        case = db.session.scalar(select(Case).where(Case.ticket == complaint.ticket))
        party = db.session.get(Party, case.details[reported_party.WITNESSES_KEY])
        assert party.role == reported_party.WITNESSES
    for who, status in (("unitmad", 403), ("auditor", 403)):  # the unit and the auditor read neither
        assert read(client, login, complaint.ticket, who).status_code == status, who
    exported = client.get(f"{API}/audit/export", headers=login("auditor"))
    assert "Wulandari" not in exported.get_data(as_text=True)
    gone = record(client, login, complaint.ticket, {"terlapor": [HENDRA], "saksi": []})
    assert (gone.json["changed"], gone.json["saksi"]) == (True, [])
    assert read(client, login, complaint.ticket).json["saksi"] == []
    with app.app_context():  # nothing of them is kept
        case = db.session.scalar(select(Case).where(Case.ticket == complaint.ticket))
        assert case.details.get(reported_party.WITNESSES_KEY) is None
        assert db.session.scalar(select(Party).where(Party.role == reported_party.WITNESSES)) is None
    assert events(app, complaint.ticket, reported_party.WITNESSES_REMOVED) == [{"count": 1}]


@sqlite_only
def test_the_outcome_naming_a_recorded_witness_is_refused_as_a_reported_person_s_name_is(
    client,
    login,
    unchanged,
    at_outcome,  # noqa: F811 - the imported fixture
):
    """The walker's text, the witness's first name alone (the outcome is written without names), the reporter's
    reading of the result told by role instead."""
    complaint = at_outcome()
    task_id = complaint.task(OUTCOME)["id"]  # read before: reading the case is an event
    body = {"terlapor": [], "tidak_teridentifikasi": True, "saksi": [RINA]}
    assert record(client, login, complaint.ticket, body).status_code == 200
    for text in (NAMED, "Keterangan Wulandari menguatkan laporan; petugas telah diberi teguran."):
        with unchanged():
            r = notify(client, login, task_id, text)
            said = refused_beside(r, TEXT, "Rina", "Wulandari")
        assert "menyebut saksi yang tercatat" in said, said
        assert "menyebut saksi yang tercatat" in r.json["message"], r.json  # the refusal's own words say so too
    told = "Saksi membenarkan adanya pungutan; petugas yang bersangkutan telah diberi teguran."
    assert notify(client, login, task_id, told).status_code == 200


@sqlite_only
def test_a_reported_person_is_still_refused_as_before_beside_a_witness(
    client,
    login,
    unchanged,
    at_outcome,  # noqa: F811 - the imported fixture
):
    complaint = at_outcome()
    task_id = complaint.task(OUTCOME)["id"]
    assert record(client, login, complaint.ticket, {"terlapor": [HENDRA], "saksi": [RINA]}).status_code == 200
    with unchanged():
        said = refused_beside(notify(client, login, task_id, "Sdr. Hendra Wijaya telah ditegur."), TEXT, "Hendra")
    assert "menyebut terlapor yang tercatat" in said, said
    assert notify(client, login, task_id, PLAIN).status_code == 200


@sqlite_only
def test_a_field_a_unit_reads_naming_a_recorded_witness_is_refused(client, login, unchanged):
    """Not only the outcome: the recording's summary, which the unit reads, names no witness either."""
    complaint = ComplaintDesk(client, login, MODE)
    assert record(client, login, complaint.ticket, {"terlapor": [], "saksi": [RINA]}).status_code == 200
    task_id = complaint.task("catat_pengaduan")["id"]
    named = {**CATAT, "uraian_ringkas": "Menurut Rina Wulandari, petugas meminta uang pendaftaran."}
    with unchanged():
        r = client.post(f"{API}/tasks/{task_id}/complete", json={"data": named}, headers=login("tim"))
    said = refused_beside(r, "uraian_ringkas", "Rina", "Wulandari")
    assert "saksi" in said, said


@sqlite_only
def test_the_page_records_witnesses_beside_the_reported_persons_and_shows_them_again(browser, client, login):
    complaint = ComplaintDesk(client, login, MODE)
    officer = browser("tim")
    form = officer.get(f"/kasus/{complaint.ticket}/terlapor").get_data(as_text=True)
    assert 'name="saksi.0.nama"' in form, form
    sent = {"terlapor.0.nama": "Hendra Wijaya", "saksi.0.nama": "Rina Wulandari", "saksi.0.jabatan": "Bendahara"}
    response = officer.post(f"/kasus/{complaint.ticket}/terlapor", sent)
    assert response.status_code == 303, response.get_data(as_text=True)
    back = read(client, login, complaint.ticket).json
    assert (back["terlapor"], back["saksi"]) == (
        [{"nama": "Hendra Wijaya"}],
        [{"nama": "Rina Wulandari", "jabatan": "Bendahara"}],
    )
    again = officer.get(f"/kasus/{complaint.ticket}/terlapor").get_data(as_text=True)
    assert re.search(r'<input[^>]*value="Rina Wulandari"[^>]*name="saksi\.0\.nama"', again), again
    only = {"terlapor.0.nama": "Hendra Wijaya", "saksi.0.nama": ""}  # the witness's row emptied: removed
    response = officer.post(f"/kasus/{complaint.ticket}/terlapor", only)
    assert response.status_code == 303, response.get_data(as_text=True)
    assert read(client, login, complaint.ticket).json["saksi"] == []
