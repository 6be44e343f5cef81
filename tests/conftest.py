"""Shared fixtures: a database per test on SQLite and on PostgreSQL, the app, API clients, users.

Every test starts from the same database: the migrated schema with the STAFF officers and the deployed
processes, copied from a template built once per run (tests/databases.py). The app is built once per
settings and kept (see ``app``); tokens are issued without a login request (see ``login``).

PostgreSQL comes from ``KAWAL_TEST_POSTGRES_URL`` (``make test`` starts a server and sets it). Without
it the PostgreSQL variants are deselected, saying so, unless ``KAWAL_REQUIRE_POSTGRES=1`` (set by
``make test``), where a missing server is an error. Under pytest-xdist each worker has its own databases.

Which tests run on PostgreSQL: a test that takes ``db_url`` (itself, or through ``app``, ``client``, ``desk``...)
runs on both databases, unless its module, or its package (tests/web, tests/browser), takes ``db_url`` on SQLite
alone (``from tests.conftest import sqlite_db_url as db_url``) or the test is marked ``@sqlite_only``. Both run what
the database decides: what is stored and read back (the workflow state, the vault, the audit chain, files' records),
the queries (the inbox and its search, registers, reports, exports, the searches for leaked names across every
table), numbers and counters that processes share (tickets, letter numbers, throttles, quotas, sessions), locks and
conflicts, the outbox and the reminders, what the CLI and the migrations do to a database, each process walked end
to end (tests/workflows/test_*_paths.py), bad input and server errors (PostgreSQL refuses what SQLite stores: a
string longer than its column, an integer beyond 64 bits) and the statement budgets. SQLite alone runs what Python
decides over rows that either database returns alike: the law's rules and deadlines, who may see and do what, the
checks of a form, the wording, language and layout of pages and letters, the processes' priority. Their PostgreSQL
twins ran the same Python again over the same rows: on the project's two-core machine, about 340 s of the workers'
time a run (2026-12-06), a fifth of `make test`. Within a module that runs on both, the rule is read test by test
(2026-12-07): the first round trip of a kind of data, each query and each counter stays on both; a second scenario
through the same query, or a test of the wording over it, is ``@sqlite_only``.
"""

import gc
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select

from engine.config import load_settings
from engine.db import make_engine, session_factory
from engine.models import Base, ProcessVersion
from engine.users import create_user
from tests.databases import PostgresDatabases, SqliteDatabases

PG_URL = os.environ.get("KAWAL_TEST_POSTGRES_URL")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"  # screenshots of failed browser tests
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
# For one test of a module that runs on both: its PostgreSQL twin would only run the same Python again over rows
# either database returns alike (see the docstring). Its comment, or its module's docstring, says why.
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
PASSWORD = "test-password-1"
STAFF = {
    "petugas": ["petugas_layanan"],
    "ppid": ["ppid"],
    "unit": ["unit_pengolah"],
    "atasan": ["atasan_ppid"],
    "kepala": ["pimpinan"],
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


def pytest_configure(config):
    """Python's cycle collector runs a young collection every 20,000 allocations instead of 700: the tests
    allocate in bursts (a case's task tree, a session's rows) that mostly live until the test ends. Measured over
    tests/workflows in one process: 4.8 s of 60 s in the collector before, 1.6 s after, for 9 MB more at most."""
    gc.set_threshold(20_000, 20, 10)


def pytest_sessionstart(session):
    """Keep only this run's browser artifacts (tests/browser): cleared once, by the process that runs the
    session (under pytest-xdist the controller, not each worker, which would delete another's screenshots)."""
    if hasattr(session.config, "workerinput"):
        return
    for old in [*ARTIFACTS.glob("*.png"), *ARTIFACTS.glob("*.html")]:
        old.unlink()


def pytest_report_header(config):
    if not PG_URL:
        return "PostgreSQL: none (KAWAL_TEST_POSTGRES_URL unset): its variants are deselected; make test runs them"
    return f"PostgreSQL: {PG_URL}"


# The tests with real servers and processes (redis-server, `kawal worker`, gunicorn, SMTP, Chromium) wait more than they
# compute, and the OpenAPI fuzzing is one long test (~100 s): they start first, longest first, spread over the
# workers, so that they overlap with the rest and the run does not end on one of them. pytest-xdist's worksteal
# hands each worker a run of the list (the first N // workers items to the first, and so on) and lets an idle one
# take the second half of the longest queue: so each worker's run starts with its share of these and goes on
# with the others (``_deal``). Put all first in one list, they fell into the first worker's run, one after the
# other, and the run ended on them.
SLOW_FIRST = (
    "tests/security/test_openapi_fuzz.py",
    "tests/reminders/test_reminders.py::test_flushall",
    "tests/deploy/test_topology.py::test_eight_desks",
    "tests/reminders/",
    "tests/deploy/",
    "tests/test_readme_tour.py",
    "tests/browser/",
)


def _start_order(item) -> int:
    """Where ``item`` starts: its place in ``SLOW_FIRST``, the rest after (each package still together)."""
    return next((n for n, prefix in enumerate(SLOW_FIRST) if item.nodeid.startswith(prefix)), len(SLOW_FIRST))


def _deal(items: list, workers: int) -> list:
    """``items`` in the order worksteal's first hand-out gives each worker the slow ones first, dealt in turn."""
    slow = [item for item in items if _start_order(item) < len(SLOW_FIRST)]
    rest = [item for item in items if _start_order(item) == len(SLOW_FIRST)]
    sizes, left = [], len(items)
    for n in range(workers):  # as xdist.scheduler.worksteal splits the pending list among idle workers
        sizes.append(left // (workers - n))
        left -= sizes[-1]
    runs = [slow[n::workers] for n in range(workers)]
    dealt = []
    for run, size in zip(runs, sizes, strict=True):
        take = max(size - len(run), 0)
        dealt += run + rest[:take]
        rest = rest[take:]
    return dealt + rest


@pytest.hookimpl(trylast=True)  # after -k, -m and --deselect: the list dealt is the one run
def pytest_collection_modifyitems(config, items):
    """The slow tests first (SLOW_FIRST, in its order, dealt over the workers; otherwise as collected), and
    without a server (a developer's bare `pytest`) the PostgreSQL variants left out, saying so.

    `make test` sets KAWAL_REQUIRE_POSTGRES=1: there a missing server fails the run instead.
    """
    if not (PG_URL or os.environ.get("KAWAL_REQUIRE_POSTGRES") == "1"):
        left_out = [item for item in items if item.get_closest_marker("postgres")]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if not item.get_closest_marker("postgres")]
    items.sort(key=_start_order)  # stable: each package stays together
    workers = getattr(config, "workerinput", {}).get("workercount", 1)
    items[:] = _deal(items, workers)


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing():
    """Argon2 with production costs takes ~50 ms a hash; tests create and log in many officers."""
    from argon2 import PasswordHasher

    import engine.users

    engine.users._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    engine.users._dummy_hash.cache_clear()


def seed_office(url: str) -> None:
    """The office every test starts in: the STAFF officers and the four processes deployed (parsed once)."""
    from engine.runtime import Runtime

    engine = make_engine(url)
    try:
        with session_factory(engine).begin() as session:
            for name, groups in STAFF.items():
                create_user(session, name, PASSWORD, groups, name.title(), UNIT_OF.get(name))
            Runtime(load_settings({"KAWAL_ENV": "test", "KAWAL_DATABASE_URL": url})).deploy(session)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def sqlite_databases(tmp_path_factory, _cheap_password_hashing) -> SqliteDatabases:
    return SqliteDatabases(tmp_path_factory.mktemp("sqlite"), seed_office)


@pytest.fixture(scope="session")
def sqlite_template(sqlite_databases) -> Path:
    """The empty template's file (the migrated schema, no rows): to copy for a database of a test's own."""
    return sqlite_databases.templates["empty"]


@pytest.fixture(scope="session")
def postgres_databases(_cheap_password_hashing):
    if not PG_URL:
        pytest.fail("KAWAL_REQUIRE_POSTGRES=1 but KAWAL_TEST_POSTGRES_URL is not set")
    databases = PostgresDatabases(PG_URL, seed_office)
    yield databases
    databases.close()


@pytest.fixture
def db_template():
    """What the test's database holds at its start (tests/databases.py): ``office``; a module that needs an
    empty database overrides this fixture to return ``empty``."""
    return "office"


@pytest.fixture
def sqlite_url(db_template, sqlite_databases):
    _release_apps(sqlite_databases.url)
    return sqlite_databases.reset(db_template)


@pytest.fixture
def kept_database(db_url, request):
    """``kept_database(name, build)``: the test's database as ``build()`` leaves it, and what ``build`` returns.

    Built by the first test (of this worker and backend) that asks for ``name``; every later one gets a copy
    of that database instead, as it gets the template: for a scenario that many tests look at and none depend
    on building (tests/browser/test_quality.py's pages, tests/reports' year of cases).
    """
    databases = request.getfixturevalue("sqlite_databases" if db_url.startswith("sqlite") else "postgres_databases")
    kept = databases.kept

    def _kept(name, build):
        if name not in kept:
            result = build()
            _release_apps(databases.url)
            databases.save(name)
            kept[name] = result
        else:
            _release_apps(databases.url)
            databases.reset(name)
        return kept[name]

    return _kept


@pytest.fixture(params=BACKENDS)
def db_url(request, db_template):
    """The test's database on each backend, as its template left it (by default: the STAFF officers and the
    deployed processes)."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_databases").reset(db_template)


@pytest.fixture
def sqlite_db_url(sqlite_url):
    """``db_url`` on SQLite alone, for the modules that import it as ``db_url`` (see the module's docstring)."""
    return sqlite_url


@pytest.fixture
def settings_overrides():
    """Extra KAWAL_* settings for a module's tests; override this fixture to change them."""
    return {}


@pytest.fixture(scope="session")
def files_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("files")


@pytest.fixture
def settings(db_url, files_root, settings_overrides):
    """The test's settings; its attachments folder starts empty (one folder per backend, so that settings, and
    with them the app, are the same for every test of a backend)."""
    backend = "sqlite" if db_url.startswith("sqlite") else "postgres"
    files = files_root / backend
    shutil.rmtree(files, ignore_errors=True)
    values = {"KAWAL_ENV": "test", "KAWAL_DATABASE_URL": db_url, "KAWAL_FILES_DIR": str(files), **settings_overrides}
    key = tuple(sorted(values.items()))
    if key not in _SETTINGS:
        _SETTINGS[key] = load_settings(values)
    return _SETTINGS[key]


# One app per settings for the whole run (per worker): create_app builds the OpenAPI spec and the page
# blueprints (~60 ms), which every test paid again. The database under it is reset before each test, and
# the runtime's holiday overrides are reloaded from it; apps with a Redis URL (a test's own redis-server)
# are not kept.
_SETTINGS: dict[tuple, object] = {}
_APPS: dict[int, object] = {}  # id(settings) -> app


def _release_apps(url: str) -> None:
    """Close the kept apps' (and the kept engines') connections to ``url`` before its file is replaced."""
    from api.extensions import db

    for app in _APPS.values():
        if app.config["KAWAL"].database_url == url:
            with app.app_context():
                db.engine.dispose()
    if url in _ENGINES:
        _ENGINES[url].dispose()


def _forget_versions_beyond(rt, last_id: int | None) -> None:
    """The kept app's runtime outlives each test's database, whose process versions are numbered afresh after the
    template's (``last_id``, the highest the test starts with): a version an earlier test deployed (an older process
    file, tests/workflows/fixtures) must not be read by the number this test's database gives another. The template's
    own versions are the same rows in every test, and stay cached."""
    for cache in (rt._specs, rt._steps):
        for version_id in [v for v in cache if last_id is None or v > last_id]:
            del cache[version_id]
    for process_id in [p for p, v in rt._latest.items() if last_id is None or v > last_id]:
        del rt._latest[process_id]  # deployed again when asked for (Runtime.latest_version_id)


@pytest.fixture
def app(settings):
    """The app for ``settings``: built by the first test that needs it and kept for the next ones (over their
    fresh databases). What a test sets in ``app.config`` or ``app.extensions`` is put back after it; a test
    that changes anything else of the app (an extension's own state) undoes it with monkeypatch."""
    from api import create_app
    from api.extensions import db

    app = _APPS.get(id(settings))  # one settings object per distinct settings: see ``settings``
    if app is None:
        app = create_app(settings)
        app.config["TESTING"] = True
        if not settings.redis_url:
            _APPS[id(settings)] = app
    with app.app_context():
        app.extensions["kawal_runtime"].load_overrides(db.session)  # the last test's holiday overrides are gone
        _forget_versions_beyond(app.extensions["kawal_runtime"], db.session.scalar(select(func.max(ProcessVersion.id))))
        db.session.remove()
    config, extensions = dict(app.config), dict(app.extensions)
    yield app
    for kept, now in ((config, app.config), (extensions, app.extensions)):
        if now != kept:  # e.g. app.config["WTF_CSRF_ENABLED"] = False for one test
            now.clear()
            now.update(kept)
    with app.app_context():
        db.session.remove()
        if id(settings) not in _APPS or settings.database_url.startswith("sqlite"):
            db.engine.dispose()


@pytest.fixture(scope="session")
def smtp_sink():
    from tests.smtp import smtp_server

    with smtp_server() as box:
        yield box


@pytest.fixture
def mailbox(smtp_sink):
    """The worker's SMTP server (tests/smtp.py), emptied for the test: for the tests that send in this process.

    One server for the run keeps its port, and with it the test's settings and app (see ``app``), the same
    from one test to the next: a server per test made a new app for each (~0.3 s, 100 times a run). The tests
    whose `kawal` processes send mail have a server of their own (tests/reminders/conftest.py)."""
    smtp_sink.empty()
    return smtp_sink


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login(app, client):
    """``login("ppid")`` -> headers with that officer's bearer token.

    The token is issued as ``POST /api/v1/auth/token`` issues it after a password-only login
    (api.auth.issue_token: a real token with its session row), without the request. An officer who must
    pass a second factor, or who is inactive, logs in over HTTP as before (and fails the test the same way).
    The tests of logging in itself call the endpoint.
    """
    from api.auth import issue_token
    from api.extensions import db
    from engine import totp
    from engine.models import User

    cache = {}

    def _login(username):
        if username not in cache:
            with app.app_context():
                user = db.session.scalar(select(User).where(User.username == username))
                if user is not None and user.active and not totp.needed(app.config["KAWAL"], user):
                    cache[username] = {"Authorization": f"Bearer {issue_token(user)}"}
                    db.session.commit()
        if username not in cache:
            r = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
            assert r.status_code == 200, r.json
            cache[username] = {"Authorization": f"Bearer {r.json['token']}"}
        return cache[username]

    return _login


@pytest.fixture
def browser(app):
    """``browser("ppid")``: a separate logged-in browser per officer (tests.web.pages: the login form, CSRF tokens);
    ``browser()`` one not logged in."""
    from tests.web.pages import Browser

    def _browser(username=None):
        b = Browser(app.test_client())
        if username:
            response = b.login(username)
            assert response.status_code == 302, response.get_data(as_text=True)
        return b

    return _browser


@pytest.fixture
def desk(client, login):
    from tests.helpers import Desk

    return Desk(client, login)


# One engine per database URL for the run (per worker), its connections closed after every test: SQLAlchemy keeps
# the statements it has compiled on the engine, and a fresh engine per test compiled them all again (the row
# snapshot of ``unchanged``: half its time).
_ENGINES: dict[str, object] = {}


def _engine(url: str):
    if url not in _ENGINES:
        _ENGINES[url] = make_engine(url)
    return _ENGINES[url]


@pytest.fixture
def session_factory_(settings):
    engine = _engine(settings.database_url)
    yield session_factory(engine)
    engine.dispose()


# Rows that are no case's state: counters a refusal writes on purpose (engine.quotas, engine.codes: a
# wrong access code counts) and the sessions of the test's own logins (engine.sessions).
REFUSAL_COUNTERS = {"tally", "auth_session"}


@pytest.fixture
def unchanged(settings):
    """``with unchanged(): ...`` fails if any row of any table (but the refusal counters) differs after the block."""
    engine = _engine(settings.database_url)

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


def request_payload(name="Ani Wijaya", nik="3171234507890001", **overrides):
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


REPORTER_NAME, REPORTER_NIK = "Siti Pelapor Rahasia", "3171990108887777"


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
