"""The S3-compatible store (issue 15, point 1) against a real S3 HTTP endpoint started by the test.

No MinIO server can be installed here (it is neither on PyPI nor in Debian bookworm), so the endpoint is
moto's standalone server (``ThreadedMotoServer``): a separate HTTP server speaking the S3 protocol, which
boto3 talks to over the network exactly as it would to MinIO or AWS. What it does not prove: MinIO's own
quirks (its ETags, its error bodies) and TLS; the README says so.

Files are sealed before they reach the store: the bucket only ever holds ciphertext under random names.
"""

from __future__ import annotations

import hashlib

import boto3
import pytest
from moto.server import ThreadedMotoServer
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from engine.config import load_settings
from engine.files import FileStore
from engine.storage import S3Storage, for_settings
from engine.vault import Vault
from tests.api.test_letters_api import render_letters
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.delivery.conftest import handover, multipart, pdf, walk_to_delivery
from tests.reminders.conftest import free_port

BUCKET = "kawal-berkas"
LETTER = pdf("DAFTAR PENERIMA BEASISWA 2026", "Jumlah penerima: 120 siswa")


@pytest.fixture
def s3_server():
    """A real S3 endpoint on a free port, with the bucket; stopped after the test."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s"
    )
    client.create_bucket(Bucket=BUCKET)
    yield endpoint, client
    server.stop()


def _s3_env(endpoint: str) -> dict:
    return {
        "KAWAL_S3_BUCKET": BUCKET,
        "KAWAL_S3_ENDPOINT": endpoint,
        "KAWAL_S3_REGION": "us-east-1",
        "KAWAL_S3_ACCESS_KEY": "kawal",
        "KAWAL_S3_SECRET_KEY": "rahasia",
        "KAWAL_S3_PREFIX": "berkas",
    }


def _objects(client) -> dict[str, bytes]:
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {o["Key"]: client.get_object(Bucket=BUCKET, Key=o["Key"])["Body"].read() for o in listed}


def test_the_s3_store_writes_reads_and_deletes_blobs_under_its_prefix(s3_server):
    endpoint, client = s3_server
    settings = load_settings({"KAWAL_ENV": "test", **_s3_env(endpoint)})
    store = for_settings(settings)
    assert isinstance(store, S3Storage)
    key = "0123456789abcdef0123456789abcdef"
    store.write(key, b"sealed bytes")
    assert _objects(client) == {f"berkas/{key}": b"sealed bytes"}
    assert store.read(key) == b"sealed bytes"
    store.delete(key)
    assert _objects(client) == {}
    with pytest.raises(FileNotFoundError):
        store.read(key)
    store.delete(key)  # deleting what is gone is no error, as in the folder
    with pytest.raises(LookupError):
        store.write("../elsewhere", b"x")  # a key is never a path


def test_a_file_is_sealed_before_it_reaches_the_bucket_and_a_rollback_removes_it(s3_server):
    endpoint, client = s3_server
    settings = load_settings({"KAWAL_ENV": "test", **_s3_env(endpoint)})
    store = FileStore.of(settings, Vault(settings.vault_keys))
    key, kid = store.put(LETTER)
    (stored,) = _objects(client).values()
    assert LETTER not in stored
    assert b"PENERIMA" not in stored
    assert hashlib.sha256(stored).hexdigest() != hashlib.sha256(LETTER).hexdigest()
    assert store.get(key, kid) == LETTER

    session = Session(bind=create_engine("sqlite://"))  # the file belongs to the session's transaction
    session.execute(text("select 1"))
    store.put(b"%PDF-1.4 a second file", session)
    assert len(_objects(client)) == 2
    session.rollback()
    assert list(_objects(client)) == [f"berkas/{key}"]


@pytest.fixture
def settings_overrides(s3_server):
    return _s3_env(s3_server[0])


def test_files_handed_over_live_in_the_bucket_and_the_requester_downloads_them(
    app, client, login, desk, settings, s3_server
):
    _endpoint, bucket = s3_server
    receipt = walk_to_delivery(desk)
    ticket = receipt["ticket"]
    task = desk.task(ticket, "penyerahan_informasi")
    render_letters(app)  # the render job's work, done now rather than whenever the clock's thread gets to it
    before = _objects(bucket)  # the letters' PDFs are there already: every sealed file goes to the bucket
    assert before
    r = client.post(
        f"/api/v1/tasks/{task['id']}/complete-with-files",
        data=multipart(handover(desk, ticket), berkas_informasi=[("daftar.pdf", LETTER)]),
        content_type="multipart/form-data",
        headers=login("petugas"),
    )
    assert r.status_code == 200, r.json
    (added,) = set(_objects(bucket)) - set(before)
    assert LETTER not in _objects(bucket)[added]
    assert not settings.files_dir.exists() or not any(settings.files_dir.iterdir())  # nothing in the folder
    (shown,) = desk.status(receipt)["files"]
    got = client.post(
        f"/api/v1/requests/files/{shown['id']}", json={"ticket": ticket, "access_code": receipt["access_code"]}
    )
    assert (got.status_code, got.data) == (200, LETTER)


def test_an_s3_bucket_without_boto3_or_with_a_bad_endpoint_is_refused_at_start():
    from engine.config import ConfigError

    with pytest.raises(ConfigError, match="KAWAL_S3_ENDPOINT"):
        load_settings({"KAWAL_ENV": "test", "KAWAL_S3_BUCKET": BUCKET, "KAWAL_S3_ENDPOINT": "minio:9000"})
