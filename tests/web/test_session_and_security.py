"""Officers log in with a session; forms need the CSRF token; the API stays on bearer tokens and JSON."""

from tests.conftest import PASSWORD
from tests.web.pages import text


def test_an_officer_logs_in_and_lands_in_the_inbox(browser):
    b = browser()
    r = b.login("petugas")
    assert r.status_code == 302
    assert r.location == "/kotak-masuk"
    page = b.get("/kotak-masuk")
    assert page.status_code == 200
    assert "Petugas" in text(page)


def test_a_wrong_password_is_refused_with_a_message_and_no_session(browser):
    b = browser()
    r = b.login("petugas", "wrong-password")
    assert r.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in text(r)
    assert 'aria-invalid="true"' in text(r)
    assert b.get("/kotak-masuk").status_code == 302  # still not logged in


def test_pages_ask_for_a_login_and_come_back_afterwards(browser):
    b = browser()
    r = b.get("/kotak-masuk?scope=mine")
    assert r.status_code == 302
    assert r.location.startswith("/masuk?next=")
    b.get(r.location)
    r = b.post("/masuk", {"username": "petugas", "password": PASSWORD, "next": "/kotak-masuk?scope=mine"})
    assert r.location == "/kotak-masuk?scope=mine"


def test_login_never_redirects_to_another_site(browser):
    b = browser()
    b.get("/masuk")
    r = b.post("/masuk", {"username": "petugas", "password": PASSWORD, "next": "https://evil.example/"})
    assert r.location == "/kotak-masuk"


def test_logout_is_a_post_with_csrf_and_ends_the_session(browser):
    b = browser("petugas")
    b.get("/kotak-masuk")
    assert b.client.get("/keluar").status_code == 405  # a link cannot log anybody out
    r = b.post("/keluar")
    assert r.status_code == 302
    assert r.location == "/masuk"
    assert b.get("/kotak-masuk").status_code == 302


def test_the_session_cookie_is_httponly_and_samesite_lax(browser):
    b = browser()
    b.get("/masuk")
    r = b.post("/masuk", {"username": "petugas", "password": PASSWORD})
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # the http://127.0.0.1 demo keeps working; production sets Secure


def test_a_form_without_its_csrf_token_gets_the_expired_form_page(browser):
    b = browser("petugas")
    r = b.post("/keluar", csrf=False)
    assert r.status_code == 400
    assert r.mimetype == "text/html"
    assert "Formulir ini sudah kedaluwarsa" in text(r)
    assert b.get("/kotak-masuk").status_code == 200  # nothing happened: still logged in


def test_the_expired_form_page_speaks_english_when_chosen(browser):
    b = browser()
    b.get("/bahasa/en")
    r = b.post("/masuk", {"username": "petugas", "password": PASSWORD, "csrf_token": "stale"})
    assert r.status_code == 400
    assert "This form has expired" in text(r)
    assert '<html lang="en">' in text(r)


def test_the_api_does_not_accept_the_session_cookie(browser):
    b = browser("petugas")
    r = b.client.get("/api/v1/tasks")
    assert r.status_code == 401
    assert r.json["code"] == "unauthorized"


def test_the_api_needs_no_csrf_token_for_bearer_calls(browser, login):
    b = browser("petugas")  # a session cookie in the same client changes nothing
    r = b.client.post("/api/v1/auth/token", json={"username": "ppid", "password": PASSWORD})
    assert r.status_code == 200
    assert b.client.get("/api/v1/tasks", headers=login("ppid")).status_code == 200


def test_the_api_neither_reads_nor_renews_the_pages_session_cookie(browser, login):
    b = browser("petugas")  # the page's session goes along with every call of this client
    r = b.client.get("/api/v1/tasks", headers=login("ppid"))
    assert r.status_code == 200
    assert "Set-Cookie" not in r.headers
    assert "Cookie" not in r.headers.get("Vary", "")  # the answer is the token's, whatever the cookie
    assert b.get("/kotak-masuk").status_code == 200  # and the page session goes on as before


def test_api_errors_stay_json_and_page_errors_are_html(client, login):
    r = client.get("/api/v1/no-such-thing")
    assert (r.status_code, r.mimetype, r.json["code"]) == (404, "application/json", "not_found")
    r = client.get("/api/v1/cases/PPID-2099-999999", headers=login("ppid"))
    assert (r.status_code, r.mimetype, r.json["code"]) == (404, "application/json", "not_found")
    r = client.post("/api/v1/requests", json={})
    assert (r.status_code, r.mimetype) == (422, "application/json")
    r = client.get("/tidak-ada")
    assert (r.status_code, r.mimetype) == (404, "text/html")
    assert "Halaman tidak ditemukan" in text(r)


def test_pages_carry_security_headers_and_api_responses_keep_theirs(browser, client):
    page = browser().get("/masuk")
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Referrer-Policy"] == "same-origin"
    api = client.get("/api/v1/no-such-thing")
    assert "Content-Security-Policy" not in api.headers
    assert api.headers["Referrer-Policy"] == "no-referrer"


def test_the_language_switch_changes_the_page_language(browser):
    b = browser("petugas")
    page = text(b.get("/kotak-masuk"))
    assert '<html lang="id">' in page
    assert "Kotak masuk" in page
    r = b.get("/bahasa/en?next=/kotak-masuk")
    assert r.location == "/kotak-masuk"
    page = text(b.get("/kotak-masuk"))
    assert '<html lang="en">' in page
    assert "Inbox" in page
    assert "Kotak masuk" not in page
    b.get("/bahasa/id?next=https://evil.example/")
    page = text(b.get("/kotak-masuk"))
    assert '<html lang="id">' in page


def test_the_language_switch_works_before_login(browser):
    b = browser()
    b.get("/bahasa/en")
    page = text(b.get("/masuk"))
    assert '<html lang="en">' in page
    assert "Log in" in page


def test_the_login_page_says_why_it_appeared(browser):
    b = browser()
    r = b.get("/kotak-masuk")
    assert "Silakan masuk untuk membuka halaman itu." in text(b.get(r.location))


def test_the_front_door_leads_the_public_to_the_portal_and_officers_to_their_first_page(browser):
    assert browser().get("/").location == "/publik"
    assert browser("petugas").get("/").location == "/kotak-masuk"
    assert browser("auditor").get("/").location == "/audit"
    assert browser().get("/publik").status_code == 200
