"""A label ending in an abbreviation is a name, not a sentence (walk report 41, finding 6).

The English request form's summary read "National ID no. / legal-entity decree no. A national identity number (NIK)
has 16 digits.": the label's "no." was taken for a sentence's full stop, so the colon every other label gets was
dropped (the Indonesian label, without the abbreviation, had it). A question still stands as its own sentence.
"""

from api.web.schema_form import Field
from tests.web.pages import text
from tests.web.test_form_error_sentences import _summary
from tests.web.test_portal import request_form


def test_the_english_nik_error_follows_its_label_after_a_colon(browser, unchanged):
    b = browser()
    b.get("/bahasa/en")
    with unchanged():
        r = b.post("/publik/permohonan", request_form() | {"requester.nik": "12345"})
    assert r.status_code == 422
    said = _summary(text(r))["f-requester-nik"]
    assert said.startswith("National ID no. / legal-entity decree no.: ")
    assert "decree no. A national" not in said


def test_an_abbreviation_takes_a_colon_and_a_question_or_a_sentence_stands_alone(app):
    with app.test_request_context("/"):
        assert (
            Field("a", "Payment receipt no.", "text", errors=["too long"]).summary == "Payment receipt no.: too long."
        )
        assert Field("b", "Permohonan lengkap?", "text", errors=["salah"]).summary == "Permohonan lengkap? Salah."
        assert Field("c", "I agree to the terms.", "text", errors=["salah"]).summary == "I agree to the terms. Salah."
