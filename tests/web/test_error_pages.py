"""Error pages speak the reader's language (api.web.errors): never Werkzeug's English descriptions.

A 405 in the Indonesian interface said "The method is not allowed for the requested URL." (a browser opening
/kasus/ADU-2026-000003/identitas, an address only a form's button posts to).
"""

import pytest
from werkzeug import exceptions

from api.web import errors
from tests.web.pages import text

# Each status an error page renders, Werkzeug's refusal for it, and the page's title in Bahasa Indonesia.
PAGES = [
    (exceptions.BadRequest, "Permintaan tidak dapat dipahami"),
    (exceptions.Forbidden, "Anda tidak diizinkan melakukan ini"),
    (exceptions.NotFound, "Halaman tidak ditemukan"),
    (exceptions.MethodNotAllowed, "Tindakan ini tidak tersedia di sini"),
    (exceptions.RequestEntityTooLarge, "Berkas yang diunggah terlalu besar"),
    (exceptions.TooManyRequests, "Terlalu banyak percobaan"),
    (exceptions.InternalServerError, "Terjadi kesalahan pada sistem kami"),
]


def test_a_get_of_an_address_only_a_button_posts_to_says_so_in_indonesian(browser):
    r = browser().get("/kasus/ADU-2026-000003/identitas")
    page = text(r)
    assert r.status_code == 405
    assert '<html lang="id">' in page
    assert "Tindakan ini tidak tersedia di sini" in page
    assert "Alamat ini dibuka melalui tombol pada sebuah halaman" in page
    assert "The method is not allowed" not in page


def test_the_same_page_speaks_english_when_chosen(browser):
    b = browser()
    b.get("/bahasa/en")
    page = text(b.get("/kasus/ADU-2026-000003/identitas"))
    assert "This action is not available here" in page
    assert "This address is opened by a button on a page" in page
    assert "Tindakan ini" not in page


@pytest.mark.parametrize(("refusal", "title"), PAGES, ids=[str(e.code) for e, _t in PAGES])
def test_every_error_page_says_its_status_in_the_reader_s_language_without_werkzeug_s_english(app, refusal, title):
    error = refusal()
    with app.test_request_context("/publik/status"):
        response = errors._http_error(error)
        page = response.get_data(as_text=True)
    assert response.status_code == error.code
    assert f"<h1>{title}</h1>" in page
    assert error.description not in page
    assert 'class="error-message"' not in page  # Werkzeug's words are not shown in its place either
    assert errors.EXPLANATIONS.get(error.code)  # and each says what to do, in the reader's language


def test_a_refusal_of_kawal_s_own_still_shows_its_message_in_the_reader_s_language(browser):
    """A body outside the parser's limits (api.limits.Refused) carries its own words, said as the reader reads."""
    r = browser().client.get("/publik?q=%00")
    assert r.status_code == 400
    assert 'class="error-message"' in text(r)
    assert "Permintaan tidak dapat dipahami" in text(r)
