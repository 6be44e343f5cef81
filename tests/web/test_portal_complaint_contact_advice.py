"""The complaint form advises a reporter to give a private e-mail and phone, not an office's, in both languages.

A walk found the form offering "Pegawai/ASN" as the reporter's category and never warning against an office
e-mail: whoever runs the office's mail server can see whose mailbox receives the team's messages about a report,
and so who reported (the lost-code mail showed it, engine.lost_codes). Said beside the e-mail and phone fields and
in the whistleblower mode's own words.
"""

import html
import re

import pytest

from tests.web.pages import text


def hint_of(page: str, name: str) -> str:
    found = re.search(rf'id="f-pelapor-{name}-hint"[^>]*>(.*?)</', page, re.S)
    assert found, f"the {name} field has no hint"
    return html.unescape(found[1])


def mode_words(page: str, number: int) -> str:
    return html.unescape(re.search(rf'id="f-mode-{number}-more">(.*?)</span>', page, re.S)[1])


@pytest.mark.parametrize(
    ("language", "email", "phone", "whistleblower"),
    [
        (
            "id",
            "bukan alamat kantor: pengelola server e-mail kantor dapat melihat siapa yang menerima pesan kami",
            "bukan telepon kantor",
            "Berikan alamat e-mail atau nomor telepon pribadi, bukan milik kantor",
        ),
        (
            "en",
            "not an office one: whoever runs an office's mail server can see who receives our messages",
            "not an office phone",
            "Give a private e-mail address or phone number, not your office's",
        ),
    ],
)
def test_the_complaint_form_advises_a_private_contact_beside_the_fields_and_in_the_whistleblower_mode(
    browser, language, email, phone, whistleblower
):
    b = browser()
    b.get(f"/bahasa/{language}")
    page = text(b.get("/publik/pengaduan"))
    assert email in hint_of(page, "email")
    assert phone in hint_of(page, "phone")
    assert 'aria-describedby="f-pelapor-email-hint' in page  # read out with the field
    assert whistleblower in mode_words(page, 3)
    assert whistleblower not in mode_words(page, 2)  # the confidential mode keeps its words; its fields say it
