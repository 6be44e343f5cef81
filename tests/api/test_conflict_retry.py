"""A background job changing a case while a request works on it (the case's optimistic lock): the request runs
again on the new state (api.boundary.retry_on_conflict), and only a case that keeps changing answers 409.

The job here is the real one: the letter's PDF made and stored with its ``letter_rendered`` event
(engine.letters.production), in its own session, at the moment the request first writes.
"""

import io
from pathlib import Path

import pytest
from flask import has_request_context
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from api.extensions import db
from engine.audit import verify_all
from engine.files import FileStore
from engine.letters import production
from engine.models import Attachment, Case, CaseEvent, CaseMessage, Letter
from engine.scrub import without_metadata
from tests.api.test_bad_input import assert_refused
from tests.api.test_complaints_api import API, PDF, code, file_complaint
from tests.web.pages import Browser, text
from tests.web.test_portal import complaint_form, open_case, receipt_of
from tests.workflows.test_pengaduan_paths import CATAT

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def settings_overrides():
    return {"KAWAL_MAX_ATTACHMENT_BYTES": str(64 * 1024)}


def render_pending(app, session: Session) -> int:
    """What the render job does for every pending letter: its PDF made, stored and recorded, committed."""
    rt = app.extensions["kawal_runtime"]
    store = FileStore.of(rt.settings, rt.vault)
    pending = session.scalars(select(Letter.id).where(Letter.status == "pending")).all()
    for letter_id in pending:
        job = production.prepare(session, rt, letter_id)
        session.commit()
        assert production.record(session, rt, store, letter_id, production.produce(rt, job)) is not None
        session.commit()
    return len(pending)


@pytest.fixture
def meanwhile(app, session_factory_):
    """``meanwhile(job, times)``: run ``job(session)`` in a session of its own (committed) just before a
    request's next ``times`` first writes (a request's first INSERT, UPDATE or DELETE), as a worker in another
    process would: after the request read the case, before it wrote. (Later, on SQLite, the job would wait for
    the request's commit and not conflict.)"""
    armed = {"left": 0, "job": None, "ran": 0, "writing": False}

    def before_execute(conn, _cursor, statement, _parameters, _context, _executemany):
        if not (armed["left"] and has_request_context() and statement.lstrip().upper().startswith(WRITES)):
            return
        if armed["writing"]:  # only before a transaction's first write
            return
        armed["left"] -= 1
        with session_factory_() as other:
            armed["job"](other)
            other.commit()
        armed["ran"] += 1
        armed["writing"] = True

    def transaction_ended(_conn):
        armed["writing"] = False

    def arm(job, times=1):
        armed.update(left=times, job=job)
        return armed

    with app.app_context():
        engine = db.engine
    listeners = [
        ("before_cursor_execute", before_execute),
        ("commit", transaction_ended),
        ("rollback", transaction_ended),
    ]
    for name, listener in listeners:
        event.listen(engine, name, listener)
    try:
        yield arm
    finally:
        for name, listener in listeners:
            event.remove(engine, name, listener)


def conversation(app, ticket):
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        bodies = db.session.scalars(select(CaseMessage.body).where(CaseMessage.case_id == case.id)).all()
        files = db.session.scalars(select(Attachment.file_name).where(Attachment.case_id == case.id)).all()
        types = db.session.scalars(select(CaseEvent.type).where(CaseEvent.case_id == case.id)).all()
        breaks = verify_all(db.session)
        db.session.rollback()
    return bodies, files, types, breaks


def stored_files(settings) -> int:
    """How many files the store holds (encrypted, outside the database)."""
    return sum(1 for path in Path(settings.files_dir).rglob("*") if path.is_file())


def test_a_reporters_reply_sent_while_the_receipts_pdf_is_stored_is_kept_once_with_its_file(
    app, client, login, meanwhile, settings
):
    receipt = file_complaint(client, "whistleblower")
    case = client.get(f"{API}/cases/{receipt['ticket']}", headers=login("tim")).json
    (task,) = [t["id"] for t in case["open_tasks"] if t["name"] == "catat_pengaduan"]
    recorded = client.post(f"{API}/tasks/{task}/complete", json={"data": CATAT}, headers=login("tim"))
    assert recorded.status_code == 200, recorded.json  # the numbered receipt is issued; its PDF comes after
    before = stored_files(settings)
    job = meanwhile(lambda other: render_pending(app, other))
    r = client.post(
        f"{API}/complaints/{receipt['ticket']}/messages",
        data={"body": "Kuitansi terlampir.", "attachments": [(io.BytesIO(PDF), "kuitansi.pdf")]},
        headers=code(receipt),
        content_type="multipart/form-data",
    )
    assert job["ran"] == 1  # the receipt's PDF was stored between the reply's reads and its write
    assert r.status_code == 201, r.json
    bodies, files, types, breaks = conversation(app, receipt["ticket"])
    assert bodies == ["Kuitansi terlampir."]
    assert files == ["lampiran-1.pdf"]  # the file read once (an anonymous reporter's: a neutral name), kept once
    assert stored_files(settings) == before + 2  # the receipt's PDF and the reply's file: no lost attempt's copy
    assert types.count("letter_rendered") == 1
    assert breaks == []  # the job's event and the reply's are both in the chain, in order
    (item,) = [i for i in r.json["items"] if i["direction"] == "from_reporter"]
    download = client.get(
        f"{API}/complaints/{receipt['ticket']}/attachments/{item['attachments'][0]['id']}", headers=code(receipt)
    )
    assert download.data == without_metadata("application/pdf", PDF)  # an anonymous reporter's file, scrubbed


def test_a_case_that_changes_under_every_attempt_answers_409_and_keeps_none_of_them(app, client, meanwhile, settings):
    receipt = file_complaint(client, "anonim")
    before = stored_files(settings)
    bump = update(Case).where(Case.ticket == receipt["ticket"]).values(version=Case.version + 1)
    job = meanwhile(lambda other: other.execute(bump), times=10)
    r = client.post(
        f"{API}/complaints/{receipt['ticket']}/messages",
        data={"body": "Ada kabar?", "attachments": [(io.BytesIO(PDF), "bukti.pdf")]},
        headers=code(receipt),
        content_type="multipart/form-data",
    )
    assert_refused(r, 409)
    assert r.json["reason"] == "case_changed"
    assert job["ran"] == 3  # api.boundary.ATTEMPTS
    bodies, files, _types, breaks = conversation(app, receipt["ticket"])
    assert (bodies, files, breaks) == ([], [], [])
    assert stored_files(settings) == before  # each attempt's file went with its rollback


def test_an_officers_completion_meeting_a_letters_render_goes_through_on_the_new_state(
    app, client, login, desk, meanwhile
):
    ticket = desk.submit()["ticket"]
    desk.complete(ticket, "periksa_kelengkapan")
    desk.complete(ticket, "registrasi")  # issues the receipt, its PDF still to be made
    desk.task(ticket, "proses_permohonan")  # every login the desk needs is made before the job is armed
    job = meanwhile(lambda other: render_pending(app, other))
    done = desk.complete(ticket, "proses_permohonan")  # fails (409) unless run again on the new state
    assert job["ran"] == 1
    assert "tentukan_langkah" in [t["name"] for t in done["next_tasks"]]
    with app.app_context():
        types = db.session.scalars(select(CaseEvent.type).join(Case).where(Case.ticket == ticket)).all()
        assert verify_all(db.session) == []
    assert types.count("letter_rendered") == 1


def test_a_reporters_reply_on_the_portal_page_while_the_receipts_pdf_is_stored_is_sent(app, client, login, meanwhile):
    b = Browser(app.test_client())
    b.get("/publik/pengaduan")
    ticket, access = receipt_of(b, "/publik/pengaduan", complaint_form("whistleblower"))
    case = client.get(f"{API}/cases/{ticket}", headers=login("tim")).json
    (task,) = [t["id"] for t in case["open_tasks"] if t["name"] == "catat_pengaduan"]
    assert client.post(f"{API}/tasks/{task}/complete", json={"data": CATAT}, headers=login("tim")).status_code == 200
    open_case(b, ticket, access)
    job = meanwhile(lambda other: render_pending(app, other))
    r = b.post(
        "/publik/pengaduan/pesan",
        {"body": "Kuitansi terlampir.", "attachments": (io.BytesIO(PDF), "kuitansi.pdf")},
        content_type="multipart/form-data",
    )
    assert job["ran"] == 1
    assert r.status_code == 303, text(r)
    page = text(b.get("/publik/status"))
    assert "Pesan Anda telah dikirim kepada tim pengaduan." in page
    assert conversation(app, ticket)[:2] == (["Kuitansi terlampir."], ["lampiran-1.pdf"])
