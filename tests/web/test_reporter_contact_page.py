"""A complaint's reporter changes their contact on the portal (/publik/status/kontak, api.web.portal.contact) as the
API does (tests/api/test_reporter_contact.py): linked from the status page of a report with a contact, an empty
form that never shows the contact on file, errors beside their fields, and the change recorded."""

import html
import re

from tests.api.test_complaints_api import events, file_complaint
from tests.web.pages import text

NEW_EMAIL = "pelapor.baru@contoh.example"


def opened(browser, receipt):
    """The reporter opens the report on the portal with its ticket and code: the status page."""
    visitor = browser()
    visitor.get("/publik/status")
    visitor.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    return visitor, html.unescape(text(visitor.get(f"/publik/status?kasus={receipt['ticket']}")))


def test_the_reporter_changes_their_e_mail_from_the_status_page(app, browser, client):
    receipt = file_complaint(client, "whistleblower")
    visitor, status = opened(browser, receipt)
    assert "/publik/status/kontak" in status
    form = text(visitor.get(f"/publik/status/kontak?kasus={receipt['ticket']}"))
    assert "pelapor.rahasia@example.org" not in form  # the contact on file is never shown
    assert "0000 7777" not in form
    response = visitor.post("/publik/status/kontak", {"kasus": receipt["ticket"], "email": NEW_EMAIL})
    assert response.status_code == 303, text(response)
    status = html.unescape(text(visitor.get(f"/publik/status?kasus={receipt['ticket']}")))
    assert "Kontak Anda telah diubah." in status
    assert NEW_EMAIL not in status
    assert events(app, receipt["ticket"], "reporter_contact_changed") == [
        {"fields": ["email", "phone"], "actor": "pelapor"}
    ]
    team = html.unescape(text(browser("tim").get(f"/kasus/{receipt['ticket']}")))
    assert re.search(r"Pelapor mengubah kontaknya</[^>]+>\s*<[^>]+>[^<]*alamat e-mail, nomor telepon", team), team
    assert NEW_EMAIL not in team  # the timeline names the fields, the sealed identity stays sealed


def test_a_mistyped_address_comes_back_beside_its_field_and_nothing_changes(browser, client, unchanged):
    receipt = file_complaint(client, "rahasia")
    visitor, _status = opened(browser, receipt)
    visitor.get(f"/publik/status/kontak?kasus={receipt['ticket']}")
    with unchanged():
        response = visitor.post("/publik/status/kontak", {"kasus": receipt["ticket"], "email": "pelapor@@contoh"})
    assert response.status_code == 422
    page = text(response)
    assert 'id="f-email-error"' in page
    assert 'value="pelapor@@contoh"' in page  # what was typed stays


def test_an_anonymous_report_offers_no_contact_to_change(browser, client):
    receipt = file_complaint(client, "anonim")
    visitor, status = opened(browser, receipt)
    assert "/publik/status/kontak" not in status
    response = visitor.get(f"/publik/status/kontak?kasus={receipt['ticket']}")
    assert response.status_code == 303


def test_the_page_asks_for_the_code_again_on_another_device(browser, client):
    receipt = file_complaint(client, "rahasia")
    stranger = browser()
    response = stranger.get(f"/publik/status/kontak?kasus={receipt['ticket']}")
    assert response.status_code == 303
    assert "/publik/status" in response.headers["Location"]
