"""Finding 6: inputs that made the server answer 500 are each a 4xx with a clear message, changing nothing.

A JSON body nested 1,000 deep overflowed Python's parser; a 5,000-digit integer literal made ``int()``
raise; an id beyond the columns' range (``reply_to: 10**30``, ``/incidents/{2**63}/retry``) made the
database driver raise; a NUL byte in a ticket or a username made PostgreSQL's driver raise. The request
check (api.limits) and the id rules (engine.ids) now refuse them before any view or query, on both
databases.

On PostgreSQL too: what PostgreSQL refuses and SQLite stores (a NUL byte in text; an id beyond a 32-bit column, 2^31,
10^15). What either database's driver refuses (beyond 64 bits) and the parser's limits are refused in Python before
any query: their PostgreSQL twin ran the same check again, so they run on SQLite alone (``backends``).
"""

import pytest

from tests.conftest import BACKENDS, PASSWORD, complaint_payload, request_payload, sqlite_only

API = "/api/v1"
DEEP = "[" * 1000 + "]" * 1000
HUGE_INT = '{"ticket": "PPID-2026-000001", "access_code": ' + "9" * 5000 + "}"
OUT_OF_RANGE_IDS = {"zero": (0,), "2^31": (2**31,), "2^63": (2**63,), "10^30": (10**30,)}


def backends(cases: dict[str, tuple], on_postgres: set[str]) -> list:
    """``db_url`` joined with each case's values: every case on SQLite, those named in ``on_postgres`` on PostgreSQL
    too (ids as ``db_url``'s own: ``sqlite-<case>``, ``postgres-<case>``)."""
    postgres = BACKENDS[1]
    params = []
    for name, values in cases.items():
        params.append(pytest.param("sqlite", *values, id=f"sqlite-{name}"))
        if name in on_postgres:
            params.append(pytest.param(*postgres.values, *values, marks=postgres.marks, id=f"postgres-{name}"))
    return params


def assert_clear_4xx(response, status):
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    body = response.json
    assert set(body) - {"reason"} == {"code", "message", "errors"}
    assert isinstance(body["code"], str)
    assert body["message"]
    return body


@pytest.fixture
def token(client):
    r = client.post(f"{API}/auth/token", json={"username": "admin", "password": PASSWORD})
    return {"Authorization": f"Bearer {r.json['token']}"}


BROKEN_BODIES = {
    "deep-status": ("/status", DEEP, "nested too deeply"),
    "deep-request": ("/requests", '{"requester": ' * 200 + "1" + "}" * 200, "nested too deeply"),
    "deep-login": ("/auth/token", DEEP, "nested too deeply"),
    "5000-digit-int": ("/status", HUGE_INT, "number too large"),
    "4301-digit-negative": ("/complaints", '{"mode": "anonim", "x": -' + "1" * 4301 + "}", "number too large"),
    "nan": ("/status", '{"ticket": NaN, "access_code": "x"}', "not a JSON number"),
    "infinity": ("/status", '{"ticket": 1e999, "access_code": "x"}', "number too large"),
    "nul-ticket": ("/status", '{"ticket": "PPID\\u0000-2026", "access_code": "x"}', "NUL"),
    "nul-username": ("/auth/token", '{"username": "ad\\u0000min", "password": "x"}', "NUL"),
    "nul-key": ("/auth/token", '{"us\\u0000er": "admin", "password": "x"}', "NUL"),
}


@pytest.mark.parametrize(
    ("db_url", "path", "raw", "words"),
    backends(BROKEN_BODIES, {"nul-ticket", "nul-username", "nul-key"}),
    indirect=["db_url"],
)
def test_a_json_body_that_broke_the_parser_or_driver_is_400_with_a_reason(client, unchanged, path, raw, words):
    """The answer says which limit the body broke; no row of any table changes."""
    with unchanged():
        r = client.post(API + path, data=raw, content_type="application/json", headers={"Accept-Language": "en"})
        body = assert_clear_4xx(r, 400)
    assert words in body["message"]


@pytest.mark.parametrize(
    "path",
    [
        "/incidents/{id}/retry",
        "/tasks/{id}/claim",
        "/tasks/{id}/complete",
    ],
)
@pytest.mark.parametrize(("db_url", "number"), backends(OUT_OF_RANGE_IDS, {"2^31"}), indirect=["db_url"])
def test_an_id_outside_the_columns_range_in_a_path_is_404(client, token, unchanged, path, number):
    """Such an id can name no row: the route does not match, whatever the database."""
    with unchanged():
        r = client.post(API + path.format(id=number), json={"data": {}}, headers=token)
    assert_clear_4xx(r, 404)


@pytest.mark.parametrize(("db_url", "number"), backends(OUT_OF_RANGE_IDS, {"2^31"}), indirect=["db_url"])
def test_an_id_outside_the_columns_range_on_a_page_is_404(client, number):
    """The officers' and the portal's pages use the same id rule as the API."""
    for path in (f"/tugas/{number}", f"/publik/pengaduan/lampiran/{number}"):
        assert client.get(path).status_code == 404


@pytest.fixture
def complaint(client):
    r = client.post(f"{API}/complaints", json=complaint_payload("anonim"))
    assert r.status_code == 201
    return r.json["ticket"], {"X-Access-Code": r.json["access_code"]}


REPLIES = {
    "10^30": (10**30, 400),
    "2^63": (2**63, 400),
    "2^31": (2**31, 422),
    "10^15": (10**15, 422),
    "zero": (0, 422),
    "negative": (-1, 422),
    "text": ("abc", 422),
    "bool": (True, 422),
}


@pytest.mark.parametrize(("db_url", "reply_to", "status"), backends(REPLIES, {"2^31", "10^15"}), indirect=["db_url"])
def test_reply_to_out_of_range_is_refused_and_nothing_is_stored(client, complaint, unchanged, reply_to, status):
    """A message's ``reply_to`` is a row id: out of range is a field error (or, beyond 64 bits, a body error)."""
    ticket, code = complaint
    with unchanged():
        r = client.post(
            f"{API}/complaints/{ticket}/messages", json={"body": "Jawaban", "reply_to": reply_to}, headers=code
        )
    body = assert_clear_4xx(r, status)
    if status == 422:
        assert set(body["errors"]) == {"reply_to"}


@sqlite_only  # beyond 64 bits: refused by either database's driver, so SQLite proves the check comes first
def test_reply_to_out_of_range_in_the_multipart_form_is_a_field_error(client, complaint, unchanged):
    ticket, code = complaint
    with unchanged():
        r = client.post(
            f"{API}/complaints/{ticket}/messages",
            data={"body": "Jawaban", "reply_to": str(10**30)},
            headers=code,
            content_type="multipart/form-data",
        )
    assert set(assert_clear_4xx(r, 422)["errors"]) == {"reply_to"}


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("GET", "/cases/PPID%00-2026-000001", {}),
        ("GET", "/tasks?scope=gr%00oup", {}),
        ("POST", "/status", {"json": {"ticket": "PPID-2026-000001\x00", "access_code": "x"}}),
        ("POST", "/requests/withdraw", {"json": {"ticket": "\x00", "access_code": "x"}}),
        ("POST", "/auth/token", {"json": {"username": "admin\x00", "password": PASSWORD}}),
        ("POST", "/requests", {"json": request_payload(name="Ani\x00 Wijaya")}),
    ],
    ids=["path", "query", "status-ticket", "withdraw-ticket", "username", "requester-name"],
)
def test_a_nul_byte_anywhere_is_400_not_a_driver_error(client, token, unchanged, method, path, kwargs):
    """PostgreSQL's text types cannot hold NUL; the request is refused before a query sees it."""
    with unchanged():
        r = client.open(API + path, method=method, headers=token, **kwargs)
    assert "NUL" in assert_clear_4xx(r, 400)["message"]


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/masuk", {"username": "admin\x00", "password": PASSWORD}),
        ("/publik/status", {"ticket": "A\x00", "access_code": "x"}),
    ],
)
def test_a_nul_byte_in_a_page_form_is_a_400_page(app, unchanged, path, form):
    """The login and the portal's status form answer with the error page, never a 500."""
    app.config["WTF_CSRF_ENABLED"] = False
    with unchanged():
        r = app.test_client().post(path, data=form)
    assert r.status_code == 400
    assert r.mimetype == "text/html"
