"""An amount of money is written one way in each language, by one writer (engine.letters.render.rupiah): the case
page's and the portal's (api.web.case.money) as the letters and the refusals write it, on one line."""

from flask_babel import force_locale

from api.language import say
from api.web.case import money
from engine.letters.render import rupiah
from engine.messages import Money, msg


def test_the_pages_write_rupiah_as_the_letters_do_in_both_languages(app):
    with app.test_request_context(), force_locale("id"):
        assert [money(25000), money(500), money(0), money(1250000.0)] == ["Rp25.000", "Rp500", "Rp0", "Rp1.250.000"]
    with app.test_request_context(), force_locale("en"):
        assert [money(25000), money(500), money(0)] == ["IDR\u00a025,000", "IDR\u00a0500", "IDR\u00a00"]
    assert (rupiah(25000, "id"), rupiah(25000, "en")) == ("Rp25.000", "IDR\u00a025,000")


def test_a_refusal_names_an_amount_as_a_message_writes_it_with_a_plain_space():
    refusal = msg("fee_paid_is_recorded", total=Money(26000))
    assert say(refusal, "en").endswith("IDR 26,000")
    assert "Rp26.000" in say(refusal, "id")
