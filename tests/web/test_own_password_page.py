"""An officer's own account page (``/akun``, linked from their name in the header): they change their password there
(engine.accounts.change_own_password), and an officer whose password an administrator set is sent there first,
before any other page, once any second factor they need is set up. The welcome after logging in ends with one full
stop, whatever the officer's name ends with."""

import re

import pytest
from sqlalchemy import select

from api.extensions import db
from engine import accounts, totp
from engine.models import User
from engine.users import create_user
from tests.api.test_users_api import SARI
from tests.conftest import PASSWORD
from tests.security.test_second_factor import SECRET
from tests.web.pages import Browser, text

NEW = "meja-depan-baru-77"


def change(b, current=PASSWORD, new=NEW, repeat=None, onward=None):
    """The account page's form, as typed; ``onward``: the page the officer was sent from (its hidden ``next``)."""
    b.get("/akun")
    form = {"current_password": current, "new_password": new, "new_password_repeat": new if repeat is None else repeat}
    return b.post("/akun", form | ({"next": onward} if onward else {}))


def test_the_header_names_the_officer_with_a_link_to_their_account_page(browser):
    b = browser("petugas")
    assert '<a href="/akun">Petugas</a>' in text(b.get("/kotak-masuk"))
    page = text(b.get("/akun"))
    assert "<h1>Akun saya</h1>" in page
    assert "<dd>petugas</dd>" in page  # the username they log in with
    assert 'id="user-current_password"' in page
    assert 'autocomplete="current-password"' in page
    assert page.count('autocomplete="new-password"') == 2


def test_an_officer_changes_their_password_on_their_page_and_their_other_sessions_end(app, browser):
    desk, laptop = browser("petugas"), browser("petugas")
    done = change(desk)
    assert done.status_code == 303
    assert done.headers["Location"] == "/akun"
    page = text(desk.get("/akun"))
    assert "Kata sandi Anda sudah diganti. Sesi lain yang terbuka diakhiri: 1." in page
    assert desk.get("/kotak-masuk").status_code == 200  # this browser stays logged in
    assert laptop.get("/kotak-masuk").status_code == 302  # the other is logged out
    assert Browser(app.test_client()).login("petugas").status_code == 200  # the old password: refused
    assert Browser(app.test_client()).login("petugas", NEW).status_code == 302


def test_what_the_rules_refuse_is_said_beside_each_field_and_nothing_changes(browser, unchanged):
    b = browser("petugas")
    with unchanged():
        weak = change(b, new="password", repeat="password1")
    assert weak.status_code == 422
    page = text(weak)
    assert 'class="error-summary" role="alert"' in page
    assert '<a href="#user-new_password">Kata sandi baru: terlalu mudah ditebak' in page  # after the field's name
    assert '<a href="#user-new_password_repeat">Ulangi kata sandi baru: tidak sama dengan kata sandi baru.</a>' in page
    assert "password1" not in page  # nothing typed is shown again
    assert "<title>Galat: Akun saya · Kawal</title>" in page


def test_a_wrong_current_password_is_refused_then_throttled_like_a_login(browser):
    b = browser("petugas")
    for _ in range(5):
        wrong = change(b, current="bukan-sandinya-1")
        assert wrong.status_code == 422
        assert '<p class="field-error" id="user-current_password-error">Salah.</p>' in text(wrong)
    throttled = change(b)
    assert throttled.status_code == 429
    assert "Terlalu banyak kata sandi yang salah. Tunggu 15 menit lalu coba lagi." in text(throttled)
    assert b.get("/kotak-masuk").status_code == 200  # still logged in


def test_an_officer_whose_password_an_administrator_set_is_sent_to_change_it_before_any_page(browser):
    admin = browser("admin")
    admin.get("/pengguna/baru")
    assert admin.post("/pengguna/baru", SARI).status_code == 303
    sari = Browser(browser().client)
    assert sari.login("sari.w", SARI["password"]).status_code == 302
    sent = sari.get("/kotak-masuk?scope=mine")
    assert sent.status_code == 302
    assert sent.headers["Location"] == "/akun?next=/kotak-masuk?scope%3Dmine"
    for elsewhere in ("/pengguna", "/kasus/PPID-2026-000001", "/laporan"):
        assert sari.get(elsewhere).headers["Location"].startswith("/akun?next=")
    page = text(sari.get(sent.headers["Location"]))
    assert '<input type="hidden" name="next" value="/kotak-masuk?scope=mine">' in page
    assert "Administrator memberi Anda kata sandi ini. Ganti dengan kata sandi Anda sendiri sebelum melanjutkan" in page
    assert sari.get("/bahasa/en?next=/akun").status_code == 302  # the language may still be switched
    done = change(sari, current=SARI["password"], onward="/kotak-masuk?scope=mine")
    assert done.headers["Location"] == "/kotak-masuk?scope=mine"  # on to the page they asked for
    assert sari.get("/kotak-masuk").status_code == 200


def test_an_officer_who_must_change_may_still_log_out(browser, login, client):
    assert client.put("/api/v1/users/petugas/password", json={"password": "sementara-2026"}, headers=login("admin"))
    b = Browser(browser().client)
    b.login("petugas", "sementara-2026")
    b.get("/akun")
    assert b.post("/keluar").headers["Location"] == "/masuk"
    assert b.get("/akun").status_code == 302


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_SECOND_FACTOR_GROUPS": "admin"}])
def test_a_new_administrator_sets_up_the_second_factor_then_changes_the_password(app, settings_overrides):
    with app.app_context():
        accounts.create(db.session, "admin", {**SARI, "username": "dewi", "groups": ["admin"]})
        db.session.commit()
    b = Browser(app.test_client())
    assert b.login("dewi", SARI["password"]).headers["Location"] == "/masuk/faktor-kedua"  # the second factor first
    secret = SECRET.search(text(b.get("/masuk/faktor-kedua")))[1]
    codes = b.post("/masuk/faktor-kedua", {"code": totp.code_now(secret)})
    assert codes.status_code == 200  # the recovery codes, shown once
    onward = re.search(r'<p><a href="([^"]+)">', text(codes))[1]
    sent = b.get(onward)
    assert sent.headers["Location"].startswith("/akun?next=")  # then the password
    assert change(b, current=SARI["password"]).status_code == 303
    assert b.get("/pengguna").status_code == 200
    with app.app_context():
        dewi = db.session.scalar(select(User).where(User.username == "dewi"))
        assert (dewi.must_change_password, totp.enrolled(dewi)) == (False, True)


def test_the_welcome_ends_with_one_full_stop_when_the_name_ends_with_one(app, browser):
    with app.app_context():
        create_user(db.session, "rina", PASSWORD, ["petugas_layanan"], "Rina Wulandari, S.Kom.")
        db.session.commit()
    b = browser("rina")
    page = text(b.get("/kotak-masuk"))
    assert "Selamat datang, Rina Wulandari, S.Kom.</div>" in page
    assert "S.Kom.." not in page
    assert "Selamat datang, Petugas.</div>" in text(browser("petugas").get("/kotak-masuk"))
