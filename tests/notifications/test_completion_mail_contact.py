"""The mail asking for what a request lacks (Perki 1/2021: the requester completes it within the window, or the
request is closed) says where to send it: the office's contact when KAWAL_OFFICE_CONTACT is set, else the information
desk alone, as the status page says; never "by post or by e-mail" with no address. What the officer typed (what is
missing, an extension's reason, a refused correction's reason, how to pay the fee) is said to be in Indonesian on
the English side, as the public information list says of its entries."""

import pytest

from notifications.rendering import render
from tests.notifications.test_templates import full_context

CONTACT = "Telp. (031) 555-0101, ppid@kanwil.example"


@pytest.mark.parametrize(
    ("locale", "with_contact", "desk_only"),
    [
        (
            "en",
            f"Hand it in at the information desk, or send it by post or e-mail to the PPID ({CONTACT}), quoting",
            "Hand it in at the PPID's information desk, quoting the registration number above.",
        ),
        (
            "id",
            "Serahkan kelengkapan di meja layanan informasi, atau kirim melalui pos atau e-mail kepada PPID"
            f" ({CONTACT}),",
            "Serahkan kelengkapan di meja layanan informasi PPID dengan menyebut nomor pendaftaran di atas.",
        ),
    ],
)
def test_the_request_incomplete_mail_names_the_office_s_contact_or_else_the_desk_alone(locale, with_contact, desk_only):
    context = full_context("completion_request")
    _, body = render("completion_request", locale, context, "https://ppid.example.go.id", CONTACT)
    assert with_contact in " ".join(body.split())
    _, body = render("completion_request", locale, context, "https://ppid.example.go.id", "")
    flat = " ".join(body.split())
    assert desk_only in flat
    assert "by post or by e-mail" not in flat
    assert "melalui pos atau e-mail" not in flat


@pytest.mark.parametrize(
    ("event", "said"),
    [
        ("completion_request", "Please supply the following (as the officer wrote it, in Indonesian):"),
        ("extension_notice", "Reason for the extension (as the office wrote it, in Indonesian):"),
        ("requester_correction_refused", "The reason, as the officer wrote it (in Indonesian):"),
    ],
)
def test_an_english_mail_says_the_officer_s_own_words_are_in_indonesian(event, said):
    _, body = render(event, "en", full_context(event))
    assert said in " ".join(body.split())
    _, indonesian = render(event, "id", full_context(event))
    assert "Indonesian" not in indonesian


def test_the_fee_s_way_to_pay_is_said_to_be_the_written_notice_s_own_words():
    context = full_context("decision_notice", fee_amount=26000, fee_method="Transfer ke rekening BRI 0123")
    _, body = render("decision_notice", "en", context)
    assert "  How to pay   : Transfer ke rekening BRI 0123 (as the written notice states it, in Indonesian)" in body
