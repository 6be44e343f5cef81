"""A refusal in English is English throughout: its example e-mail address is an English one ("nama@contoh.go.id"
stood in the English message), and the NIK it names is glossed as the form's English label calls it."""

import pytest

from api.language import say
from engine.messages import msg


def test_the_e_mail_example_is_english_in_english_and_indonesian_in_indonesian(app):
    with app.app_context():
        assert say(msg("email_format"), "en") == "an e-mail address such as name@example.go.id"
        assert say(msg("email_format"), "id") == "alamat e-mail seperti nama@contoh.go.id"


@pytest.mark.parametrize("code", ["nik_format", "nik_person_format"])
def test_the_nik_is_glossed_in_english_and_named_as_it_is_in_indonesian(app, code):
    with app.app_context():
        assert say(msg(code), "en").startswith("a national identity number (NIK) has 16 digits")
        assert say(msg(code), "id").startswith("NIK terdiri atas 16 angka")
