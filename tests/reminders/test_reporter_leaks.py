"""A reporter's identity is found only where the law allows it (legal-process.md §7.5, §10 item 4).

A confidential and a whistleblower complaint, each with a planted name and NIK, go through their
whole handling over HTTP: referral to a unit, a question to the reporter, an answer with an
attachment, follow-up, the notice of the outcome, archiving. Then every output channel is
searched for the name and the NIK:

- every API answer, to every group, the reporter's own and the public ones;
- the audit exports (JSON lines and CSV), the evidence bundle, the generated documents;
- the notifications, delivered for real to an SMTP server the test starts;
- the log records of the whole run;
- the jobs in a real redis-server, decompressed;
- every column of every table, and the files kept on disk.

The only places allowed: the reporter's identity read by the complaint team (confidential), or by
the handler whose reveal request another WBS manager approved (whistleblower), and e-mail sent to
the reporter themself.
"""

import contextlib
import io
import json
import logging
import zipfile
import zlib
from datetime import UTC, datetime

import pytest
import time_machine
from redis import Redis
from sqlalchemy import inspect, select, text

from api.extensions import db
from engine.models import Base, Notification
from notifications.channels import SmtpChannel
from notifications.delivery import deliver
from tests.conftest import REPORTER_NAME, REPORTER_NIK, complaint_payload
from tests.helpers import SAMPLE_PDF, WHO, second_factor_login
from tests.reported import OUTCOME, say_who_was_reported
from tests.workflows.test_pengaduan_paths import ARSIP, CATAT, KE_UNIT, NOTICE, QUESTION, TINDAK_LANJUT

API = "/api/v1"
RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
GROUPS = ("petugas", "ppid", "atasan", "unit", "unitmad", "auditor", "admin", "tim", "tim2", "wbs", "wbs2")
PLANTED = (REPORTER_NAME, REPORTER_NIK)
PDF = SAMPLE_PDF
CLARIFIED = {"hasil": "cukup_ditindaklanjuti", "ringkasan": "Klarifikasi kepada unit telah dilakukan."}


@pytest.fixture
def settings_overrides(redis_server):
    return {"KAWAL_REDIS_URL": f"redis://127.0.0.1:{redis_server.port}/0", "KAWAL_NOTIFY_CHANNELS": "smtp"}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


class Search:
    """Where the planted identity turned up: a set of (channel, place)."""

    def __init__(self):
        self.hits: set[tuple[str, str]] = set()
        self.looked = 0

    def look(self, channel: str, place: str, content) -> None:
        self.looked += 1
        if isinstance(content, bytes):
            content = content.decode("utf-8", "replace")
        if any(planted in content for planted in PLANTED):
            self.hits.add((channel, place))


class Handling:
    """One complaint handled over HTTP by the team, the PENDMAD unit and the reporter."""

    def __init__(self, client, login, mode):
        self.client, self.login = client, login
        r = client.post(f"{API}/complaints", json=complaint_payload(mode))
        assert r.status_code == 201, r.json
        self.ticket, self.code = r.json["ticket"], r.json["access_code"]
        self.task_ids: list[int] = []

    def complete(self, name, data, username=None):
        if name == OUTCOME:
            say_who_was_reported(self.client, self.login, self.ticket)
        case = self.client.get(f"{API}/cases/{self.ticket}", headers=self.login("tim")).json
        (task,) = [t for t in case["open_tasks"] if t["name"] == name]
        self.task_ids.append(task["id"])
        r = self.client.post(
            f"{API}/tasks/{task['id']}/complete",
            json={"data": data},
            headers=self.login(username or WHO[task["lane"]]),
        )
        assert r.status_code == 200, r.json

    def reporter_answers(self):
        r = self.client.post(
            f"{API}/complaints/{self.ticket}/messages",
            data={"body": "Kuitansi terlampir.", "attachments": [(io.BytesIO(PDF), "kuitansi.pdf")]},
            headers={"X-Access-Code": self.code},
            content_type="multipart/form-data",
        )
        assert r.status_code == 201, r.json

    def run_to_the_archive(self):
        self.complete("catat_pengaduan", CATAT)
        self.complete("verifikasi", {"hasil": "layak"})
        self.complete("klasifikasi", {**KE_UNIT, "unit_tujuan": "PENDMAD"})
        self.complete("klarifikasi_unit", {"tanggapan": "Sudah ditegur", "tindakan_yang_diambil": "Teguran"}, "unitmad")
        self.complete("klarifikasi", {**CLARIFIED, "hasil": "perlu_bukti_pelapor"})
        self.complete("minta_bukti", {"pertanyaan": QUESTION})
        self.reporter_answers()
        self.complete("klarifikasi_lanjutan", CLARIFIED)
        self.complete("tindak_lanjut", TINDAK_LANJUT)
        self.complete("pemberitahuan_hasil", NOTICE)
        self.complete("arsip", ARSIP)

    def reveal(self):
        """A handler asks, another WBS manager approves: the handler may now read the sealed identity."""
        asked = self.client.post(
            f"{API}/complaints/{self.ticket}/reveal-requests",
            json={"reason": "LPSK meminta identitas pelapor untuk perlindungan saksi"},
            headers=self.login("tim"),
        )
        assert asked.status_code == 201, asked.json
        approved = self.client.post(
            f"{API}/complaints/{self.ticket}/reveal-requests/{asked.json['id']}/approve",
            json={"note": "Disetujui"},
            headers=second_factor_login(self.client.application, self.client, "wbs"),  # approving needs TOTP
        )
        assert approved.status_code == 200, approved.json


def _get(client, url, headers=None):
    r = client.get(url, headers=headers or {})
    return r.status_code, r.get_data()


def search_api(search, client, login, handling):
    t = handling.ticket
    urls = [
        f"/cases/{t}",
        f"/cases/{t}/events",
        f"/cases/{t}/deadlines",
        f"/complaints/{t}/messages",
        f"/complaints/{t}/reveal-requests",
        f"/complaints/{t}/reporter",
        f"/cases/{t}/documents",
        "/tasks?scope=mine",
        "/tasks?scope=group",
        "/tasks?scope=all",
        "/calendar/due",
        *(f"/tasks/{task_id}" for task_id in handling.task_ids),
        *(f"/cases/{t}/documents/{name}?lang={lang}" for name in _documents(client, login, t) for lang in ("id", "en")),
        f"/cases/{t}/letters",
        *(f"/cases/{t}/letters/{letter_id}/print" for letter_id in _letters(client, login, t)),
    ]
    for group in GROUPS:
        for url in urls:
            status, body = _get(client, API + url, login(group))
            if status == 200:
                search.look(f"api:{group}", url.replace(t, "T"), body)
        status, body = _get(client, f"{API}/cases/{t}/bundle", login(group))
        if status == 200:
            with zipfile.ZipFile(io.BytesIO(body)) as bundle:
                for name in bundle.namelist():
                    search.look(f"bundle:{group}", name, bundle.read(name))
        for fmt in ("jsonl", "csv"):
            status, body = _get(client, f"{API}/audit/export?format={fmt}", login(group))
            if status == 200:
                search.look(f"export:{group}", fmt, body)
    reporter = {"X-Access-Code": handling.code}
    for url in (f"/complaints/{t}/messages",):
        status, body = _get(client, API + url, reporter)
        assert status == 200
        search.look("api:reporter", url.replace(t, "T"), body)
    r = client.post(f"{API}/status", json={"ticket": t, "access_code": handling.code})
    assert r.status_code == 200, r.json
    search.look("api:reporter", "/status", r.get_data())


def _documents(client, login, ticket):
    r = client.get(f"{API}/cases/{ticket}/documents", headers=login("tim"))
    assert r.status_code == 200, r.json
    return [d["name"] for d in r.json["items"]]


def _letters(client, login, ticket):
    """The complaint's letters of record (the receipt, the disposition sheet, the letters sent out): their ids."""
    r = client.get(f"{API}/cases/{ticket}/letters", headers=login("tim"))
    assert r.status_code == 200, r.json
    assert {"tanda_terima_pengaduan", "lembar_disposisi"} <= {x["kind"] for x in r.json["items"]}
    return [x["id"] for x in r.json["items"]]


def search_notifications(search, app, mailbox):
    rt = app.extensions["kawal_runtime"]
    smtp = {"smtp": SmtpChannel("127.0.0.1", mailbox.port, "ppid@kanwil.example")}
    with app.app_context():
        rows = db.session.scalars(select(Notification).order_by(Notification.id)).all()
        for row in rows:
            search.look("notification-context", row.event, json.dumps(row.context, ensure_ascii=False))
            outcome = deliver(db.session, rt, smtp, row.id)
            assert outcome in ("sent", "skipped", "not-pending"), (row.event, row.context, row.last_error)
    for message in mailbox.by_event():
        reader = "mail:reporter" if message["To"] == complaint_payload()["pelapor"]["email"] else "mail:staff"
        search.look(reader, str(message["Subject"]), message.as_string())
    return len(rows)


def search_redis(search, redis_server):
    client = Redis(port=redis_server.port)
    try:
        for key in client.scan_iter(count=1000):
            kind = client.type(key)
            values = []
            if kind == b"hash":
                values = list(client.hgetall(key).values())
            elif kind == b"string":
                values = [client.get(key)]
            elif kind in (b"list",):
                values = client.lrange(key, 0, -1)
            elif kind in (b"zset",):
                values = [member for member, _ in client.zrange(key, 0, -1, withscores=True)]
            elif kind == b"set":
                values = list(client.smembers(key))
            for value in values:
                search.look("redis", key.decode(), value)
                with contextlib.suppress(zlib.error):  # RQ keeps a job's payload compressed
                    search.look("redis", key.decode(), zlib.decompress(value))
        return client.dbsize()
    finally:
        client.close()


def search_database(search, app):
    with app.app_context():
        names = set(inspect(db.engine).get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name not in names:
                continue
            for row in db.session.execute(select(table)).all():
                search.look("database", table.name, repr(tuple(row)))
        quoted = db.session.execute(text("SELECT count(*) FROM case_event")).scalar()
    return quoted


def search_files(search, settings):
    files = [p for p in settings.files_dir.rglob("*") if p.is_file()]
    for path in files:
        search.look("files", path.name, path.read_bytes())
    return len(files)


CONFIDENTIAL_READERS = {(f"api:{who}", "/complaints/T/reporter") for who in ("tim", "tim2", "wbs", "wbs2")}
SEALED_READERS = {("api:tim", "/complaints/T/reporter")}


@pytest.mark.parametrize(
    ("db_url", "mode", "allowed"),
    [
        # Confidential: the complaint team (handlers and WBS managers) reads the identity, nobody else.
        ("sqlite", "rahasia", CONFIDENTIAL_READERS),
        # Sealed: only the handler whose request another WBS manager approved.
        ("sqlite", "whistleblower", SEALED_READERS),
        # The search of every table's rows as PostgreSQL returns them, once: the sealed complaint, which stores what
        # the confidential one does and its reveal request too. Who may read the identity is Python's decision.
        pytest.param("postgres", "whistleblower", SEALED_READERS, marks=pytest.mark.postgres),
    ],
    indirect=["db_url"],
)
def test_the_planted_name_and_nik_are_found_only_where_the_law_allows(
    app, client, login, settings, redis_server, mailbox, caplog, mode, allowed
):
    caplog.set_level(logging.DEBUG)
    handling = Handling(client, login, mode)
    handling.run_to_the_archive()
    if mode == "whistleblower":
        handling.reveal()

    search = Search()
    search_api(search, client, login, handling)
    assert search_notifications(search, app, mailbox) > 0
    assert search_redis(search, redis_server) > 0  # the jobs were there to search
    assert search_database(search, app) > 0
    assert search_files(search, settings) > 0  # the attachment, encrypted
    for record in caplog.records:
        search.look("log", record.name, record.getMessage() + repr(record.args))

    (question,) = mailbox.by_event("Permintaan Kelengkapan Data/Bukti")  # the reporter learns until when to answer
    assert "Batas waktu melengkapi data/bukti pengaduan" in question.get_payload(decode=True).decode()

    mail_to_reporter = {hit for hit in search.hits if hit[0] == "mail:reporter"}
    assert search.hits - mail_to_reporter == allowed
    assert ("api:auditor", "/cases/T/events") not in search.hits
    assert search.looked > 300
