"""The complaint form says when evidence can be sent as the portal takes it: the Indonesian said "setelah pengaduan
tercatat" (once the team has recorded it), the English "after filing"; the portal takes the reporter's files from the
moment the complaint is filed, while it is still New."""

from tests.web.pages import text
from tests.web.test_portal import complaint_form, open_case, receipt_of


def test_the_form_says_evidence_can_be_sent_as_soon_as_the_complaint_is_filed_and_the_portal_takes_it(browser):
    b = browser()
    page = text(b.get("/publik/pengaduan"))
    assert "segera setelah pengaduan terkirim" in page
    assert "tercatat" not in page.split("<form")[0]
    b.get("/bahasa/en")
    assert "as soon as you have filed it" in text(b.get("/publik/pengaduan"))

    ticket, code = receipt_of(b, "/publik/pengaduan", complaint_form("rahasia"))
    status = text(open_case(b, ticket, code))
    assert 'id="reply-body"' in status  # a New complaint's page takes a message with files
