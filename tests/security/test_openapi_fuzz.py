"""Finding 9: the OpenAPI document tells the truth, and a fuzzing run against a served instance keeps it so.

Schemathesis reads ``/api/v1/openapi.json`` from Kawal served on a real port (werkzeug, a thread) over a
database with the demo's cases, and sends every operation cases it generates from the document, both
valid and invalid (invalid ones where the document leaves anything to get wrong: ``_nothing_to_negate``), once
anonymously and once as an officer of each group. Any 5xx, any status, content
type, header or body the document does not describe fails the test. The run is bounded: 4 cases per operation
and mode (December 2026, the project's two-core machine: 5 cases took 74 s of one worker alone and 6 took 87 s; in the
parallel suite, the cores shared, 6 took 160 s when the whole suite neared its 11 minutes, and 5 about 95 s when it
neared them again with 6,262 tests); ``KAWAL_FUZZ_EXAMPLES`` widens it for a longer hunt, and
``KAWAL_FUZZ_SEED`` picks another sequence (the default one is fixed, so the suite is repeatable).

The instance's public limits are raised so the run exercises the operations rather than the limits
(those have their own tests), and ``/auth/logout`` is sent anonymously only, so no profile revokes its
own token halfway.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections import Counter
from datetime import date
from http.cookiejar import DefaultCookiePolicy

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.serving import make_server

from engine.config import load_settings
from engine.demo import DEMO_PASSWORD, DEMO_USERS

EXAMPLES = int(os.environ.get("KAWAL_FUZZ_EXAMPLES", "4"))  # per operation and mode (the module docstring)
SHARDS = 3
SEED = os.environ.get("KAWAL_FUZZ_SEED")  # unset: Hypothesis derandomized, the same cases every run
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# One officer of each group (the demo's logins), and nobody.
PROFILES = {"anonymous": None} | {
    groups[0]: name for name, groups in DEMO_USERS.items() if name not in ("wbs2", "madrasah")
}
SENT: Counter = Counter()  # requests, by operation
CASES: Counter = Counter()  # generated cases, by operation


class Served:
    """Kawal with the demo's data on 127.0.0.1:<port>, and a token for each profile."""

    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, name="kawal-fuzz-server", daemon=True)
        self.thread.start()
        # One client session for the run, reading no proxy, netrc or CA settings from the environment for each
        # request (requests does, unless told not to: the cases go to loopback), and keeping no cookie, so no
        # reader's request carries what another's answer set.
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
        client = app.test_client()
        self.headers = {}
        for profile, username in PROFILES.items():
            if username is None:
                self.headers[profile] = {}
                continue
            r = client.post("/api/v1/auth/token", json={"username": username, "password": DEMO_PASSWORD})
            assert r.status_code == 200, r.json
            self.headers[profile] = {"Authorization": f"Bearer {r.json['token']}"}

    def stop(self):
        self.session.close()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def served(tmp_path_factory, sqlite_template):
    from api import create_app
    from api.extensions import db
    from engine.demo import load_demo

    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copy(sqlite_template, folder / "kawal.db")
    settings = load_settings(
        {
            "KAWAL_ENV": "test",
            "KAWAL_DATABASE_URL": f"sqlite:///{folder / 'kawal.db'}",
            "KAWAL_FILES_DIR": str(folder / "files"),
            "KAWAL_QUOTA_FILINGS_PER_HOUR": "1000000",
            "KAWAL_QUOTA_MESSAGES_PER_DAY": "1000000",
            "KAWAL_CODE_MAX_FAILURES_PER_ADDRESS": "1000000",
            "KAWAL_CODE_MAX_FAILURES": "1000000",
            "KAWAL_LOGIN_MAX_FAILURES_PER_ADDRESS": "1000000",
            "KAWAL_LOGIN_MAX_FAILURES": "1000000",
        }
    )
    app = create_app(settings)
    with app.app_context():
        demo = load_demo(db.session, app.extensions["kawal_runtime"])
        db.session.commit()
    instance = Served(app)
    instance.cases = [(ticket, code) for ticket, code, _what in demo if code]
    instance.spec = None  # the document as served, read once (``_nothing_to_negate``)
    yield instance
    instance.stop()
    with app.app_context():
        db.engine.dispose()


def _operations(served):
    schema = schemathesis.openapi.from_url(f"{served.url}/api/v1/openapi.json")
    return [result.ok() for result in schema.get_all_operations()]


def _nothing_to_negate(served, operation) -> bool:
    """Whether every request the operation can be sent conforms to its document: no body, no query or cookie
    parameter, only path parameters any non-empty text fits (a ticket, a username) and optional headers any text
    fits (X-Access-Code). Schemathesis rejects every negative case it draws for such an operation until Hypothesis
    gives up (Unsatisfiable): ~0.55 s of CPU for each of 27 operations, a third of the fuzzing's, for no request
    sent."""
    if served.spec is None:
        served.spec = served.app.test_client().get("/api/v1/openapi.json").json
    item = served.spec["paths"][operation.path]
    raw = item[operation.method.lower()]
    parameters = [*item.get("parameters", []), *raw.get("parameters", [])]
    return "requestBody" not in raw and all(
        (p.get("in") == "path" or (p.get("in") == "header" and not p.get("required")))
        and p.get("schema", {}).items() <= {"type": "string", "minLength": 1}.items()
        for p in parameters
    )


def _real(case, served, n: int) -> None:
    """Every other case names a real demo case (ticket, and its access code where the body asks for one),
    so the answers of found cases are checked too, not only the 404s of random tickets."""
    if n % 2 or not served.cases:
        return
    ticket, code = served.cases[(n // 2) % len(served.cases)]
    if "ticket" in (case.path_parameters or {}):
        case.path_parameters["ticket"] = ticket
    if isinstance(case.body, dict) and "ticket" in case.body:
        case.body["ticket"] = ticket
        if "access_code" in case.body:
            case.body["access_code"] = code


def _fuzz(operation, mode, served) -> None:
    """Send ``EXAMPLES`` generated cases of ``operation`` to every reader; the first failure fails the test."""

    @seed(int(SEED or 0))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=SEED is None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        CASES[operation.label] += 1
        _real(case, served, CASES[operation.label])
        for profile, headers in served.headers.items():
            if operation.path == "/api/v1/auth/logout" and profile != "anonymous":
                continue
            SENT[operation.label] += 1
            case.call_and_validate(base_url=served.url, session=served.session, headers=headers, checks=CHECKS)

    try:
        run()
    except Unsatisfiable:  # nothing to get wrong (an operation without parameters or body): no negative case
        assert mode == GenerationMode.NEGATIVE, operation.label


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_operation_answers_as_its_document_says_for_every_reader(served, shard):
    """No 5xx, and only statuses, content types, headers and bodies the document describes. The operations are
    dealt into ``SHARDS`` tests, which parallel workers run side by side (one test was 90-110 s of one worker
    at the end of ``make test``)."""
    operations = _operations(served)
    assert len(operations) >= 35  # every /api/v1 operation of the document
    mine = operations[shard::SHARDS]
    for operation in mine:
        modes = [GenerationMode.POSITIVE]
        if not _nothing_to_negate(served, operation):
            modes.append(GenerationMode.NEGATIVE)
        for mode in modes:
            _fuzz(operation, mode, served)
    sent = {o.label: SENT[o.label] for o in mine}
    print(  # noqa: T201 - the counts the issue asks for (shown with -s)
        f"\nschemathesis, shard {shard + 1}/{SHARDS}: {sum(CASES[o.label] for o in mine)} cases over {len(mine)}"
        f" operations, {sum(sent.values())} requests as {len(PROFILES)} readers"
    )
    assert all(n >= len(PROFILES) or label.endswith("/auth/logout") for label, n in sent.items()), sent


def test_the_error_code_is_documented_as_the_string_it_is(served):
    spec = served.app.test_client().get("/api/v1/openapi.json").json
    error = spec["components"]["schemas"]["ErrorBody"]
    assert error["properties"]["code"]["type"] == "string"
    assert set(error["required"]) == {"code", "message", "errors"}
    assert served.app.test_client().get("/api/v1/cases/X").json["code"] == "unauthorized"


def test_the_intake_bodies_carry_the_limits_of_their_forms(served):
    schemas = served.app.test_client().get("/api/v1/openapi.json").json["components"]["schemas"]
    assert schemas["RequestSubmit"]["properties"]["information"] | {} == {
        "type": "string",
        "minLength": 10,
        "maxLength": 5000,
    }
    assert schemas["Requester"]["properties"]["nik"]["pattern"] == "^[0-9A-Za-z./ -]{6,60}$"
    assert schemas["ComplaintSubmit"]["properties"]["mode"]["enum"] == ["anonim", "rahasia", "whistleblower"]
    assert schemas["ObjectionSubmit"]["properties"]["alasan"]["items"]["enum"] == list("abcdefg")
    assert schemas["ReporterIdentity"]["properties"]["email"]["format"] == "email"


def test_an_instant_before_1924_is_written_with_a_whole_minute_offset(served):
    """Jakarta's local mean time before 1924 (+07:07:12) cannot be written in RFC 3339: the modern offset is used."""
    r = served.app.test_client().get(
        "/api/v1/calendar/due", query_string={"start": "1900-01-02T10:00:00+07:00", "working_days": 3}
    )
    assert r.status_code == 200
    assert r.json["due_at"].endswith("+07:00")
    assert date.fromisoformat(r.json["due_at"][:10]) == date(1900, 1, 5)
