"""The public explanations of an error page (api.web.errors.PUBLIC_EXPLANATIONS) belong to the portal's pages: /publik
and the pages under /publik/, not any address that merely begins with the same letters (/publikasi)."""

from tests.web.pages import text


def test_an_address_only_beginning_like_the_portal_s_gets_the_officers_explanation(browser):
    page = text(browser("ppid").get("/publikasi/tidak-ada"))
    assert "Halaman tidak ditemukan" in page
    assert "kotak masuk Anda" in page
    assert "buka kembali kasus Anda dengan nomor tiket dan kode aksesnya" not in page


def test_a_page_under_the_portal_gets_the_public_explanation(browser):
    page = text(browser().get("/publik/tidak-ada"))
    assert "buka kembali kasus Anda dengan nomor tiket dan kode aksesnya" in page
