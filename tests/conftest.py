"""Shared fixtures: a database per test on SQLite and on PostgreSQL, the app, API clients, users.

PostgreSQL comes from ``KAWAL_TEST_POSTGRES_URL`` (``make test`` starts a server and sets it). Without
it the PostgreSQL variants are skipped with that reason, unless ``KAWAL_REQUIRE_POSTGRES=1`` (set by
``make test``), where a missing server is an error.
"""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select, text

from engine.config import load_settings
from engine.db import make_engine, session_factory, upgrade
from engine.models import Base

PG_URL = os.environ.get("KAWAL_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
PASSWORD = "test-password-1"
STAFF = {
    "petugas": ["petugas_layanan"],
    "ppid": ["ppid"],
    "unit": ["unit_pengolah"],
    "atasan": ["atasan_ppid"],
    "auditor": ["auditor"],
    "admin": ["admin"],
    "petugas2": ["petugas_layanan"],
    "tim": ["tim_pengaduan"],
    "tim2": ["tim_pengaduan"],
    "wbs": ["pengelola_wbs"],
    "wbs2": ["pengelola_wbs"],
    "unitmad": ["unit_pengolah"],
}
# Officers outside the office's main unit (KANWIL): a complaint referred to their unit reaches them only.
UNIT_OF = {"unitmad": "PENDMAD"}


def pytest_report_header(config):
    if not PG_URL:
        return "PostgreSQL: none (KAWAL_TEST_POSTGRES_URL unset): its variants are deselected; make test runs them"
    return f"PostgreSQL: {PG_URL}"


def pytest_collection_modifyitems(config, items):
    """Without a server (a developer's bare `pytest`), leave the PostgreSQL variants out, saying so.

    `make test` sets KAWAL_REQUIRE_POSTGRES=1: there a missing server fails the run instead.
    """
    if PG_URL or os.environ.get("KAWAL_REQUIRE_POSTGRES") == "1":
        return
    left_out = [item for item in items if item.get_closest_marker("postgres")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing():
    """Argon2 with production costs takes ~50 ms a hash; tests create and log in many officers."""
    from argon2 import PasswordHasher

    import engine.users

    engine.users._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    engine.users._DUMMY_HASH = engine.users._hasher.hash("kawal-dummy-password")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "kawal.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_schema():
    if not PG_URL:
        pytest.fail("KAWAL_REQUIRE_POSTGRES=1 but KAWAL_TEST_POSTGRES_URL is not set")
    engine = make_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    upgrade(PG_URL)
    return PG_URL


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path, sqlite_template):
    if request.param == "sqlite":
        path = tmp_path / "kawal.db"
        shutil.copy(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("postgres_schema")
    engine = make_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()
    yield url


@pytest.fixture
def settings_overrides():
    """Extra KAWAL_* settings for a module's tests; override this fixture to change them."""
    return {}


@pytest.fixture
def settings(db_url, tmp_path, settings_overrides):
    return load_settings(
        {
            "KAWAL_ENV": "test",
            "KAWAL_DATABASE_URL": db_url,
            "KAWAL_FILES_DIR": str(tmp_path / "files"),
            **settings_overrides,
        }
    )


@pytest.fixture
def app(settings):
    from api import create_app
    from api.extensions import db
    from engine.users import create_user

    app = create_app(settings)
    app.config["TESTING"] = True
    with app.app_context():
        for name, groups in STAFF.items():
            create_user(db.session, name, PASSWORD, groups, name.title(), UNIT_OF.get(name))
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login(client):
    """``login("ppid")`` -> headers with that officer's bearer token."""
    cache = {}

    def _login(username):
        if username not in cache:
            r = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
            assert r.status_code == 200, r.json
            cache[username] = {"Authorization": f"Bearer {r.json['token']}"}
        return cache[username]

    return _login


@pytest.fixture
def desk(client, login):
    from tests.helpers import Desk

    return Desk(client, login)


@pytest.fixture
def session_factory_(settings):
    engine = make_engine(settings.database_url)
    yield session_factory(engine)
    engine.dispose()


# Rows that are no case's state: counters a refusal writes on purpose (engine.quotas, engine.codes: a
# wrong access code counts) and the sessions of the test's own logins (engine.sessions).
REFUSAL_COUNTERS = {"tally", "auth_session"}


@pytest.fixture
def unchanged(settings):
    """``with unchanged(): ...`` fails if any row of any table (but the refusal counters) differs after the block."""
    engine = make_engine(settings.database_url)

    def snapshot() -> dict[str, list[tuple]]:
        with engine.connect() as conn:
            return {
                table.name: [tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key.columns))]
                for table in Base.metadata.sorted_tables
                if table.name not in REFUSAL_COUNTERS
            }

    @contextmanager
    def check():
        before = snapshot()
        yield
        after = snapshot()
        changed = sorted(name for name in before if before[name] != after[name])
        assert not changed, f"tables changed by a refused request: {changed}"

    yield check
    engine.dispose()


def request_payload(name="Ani Wijaya", nik="3171234567890001", **overrides):
    payload = {
        "requester": {
            "name": name,
            "nik": nik,
            "address": "Jl. Merdeka 1, Jakarta Pusat",
            "email": "ani@example.org",
            "phone": "+62 812 1234 5678",
            "occupation": "Peneliti",
        },
        "requester_type": "perorangan",
        "information": "Daftar penerima beasiswa tahun 2026 beserta kriteria seleksinya",
        "purpose": "Penelitian kebijakan pendidikan",
        "obtain_method": "salinan_softcopy",
        "delivery_method": "email",
    }
    payload.update(overrides)
    return payload


REPORTER_NAME, REPORTER_NIK = "Siti Pelapor Rahasia", "3171999988887777"


def complaint_payload(mode="rahasia", **overrides):
    """A complaint about illegal levies; the reporter's name and NIK are planted for leak searches."""
    payload = {
        "mode": mode,
        "pokok_masalah": "Pungutan liar pada pendaftaran madrasah",
        "uraian": "Petugas pendaftaran meminta uang Rp500.000 di luar ketentuan pada 3 November 2026.",
        "lokasi": "Kantor Kementerian Agama Kota Contoh",
        "waktu_kejadian": "2026-11-03",
        "kategori_usulan": "pungli",
    }
    if mode != "anonim":
        payload["pelapor"] = {
            "name": REPORTER_NAME,
            "nik": REPORTER_NIK,
            "address": "Jl. Rahasia No. 7, Kota Contoh",
            "email": "pelapor.rahasia@example.org",
            "phone": "+62 811 0000 7777",
        }
    payload.update(overrides)
    return payload
