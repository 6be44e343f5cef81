"""Two refusals of one field of the case page are two sentences, never one run-on line.

A message to a whistleblower naming them and holding a phone number was refused on the case page with
"menyebut pelapor, yang identitasnya dirahasiakan: tulis tanpa namanya memuat data pribadi (nomor telepon)…": the
field's two refusals were joined by a space alone (api.web.case_messages.sent_back).
"""

import html
import re

from tests.web.pages import text
from tests.web.test_portal import complaint_form, receipt_of

TYPED = "Ibu Siti, saksi Anda dapat kami hubungi di 0811 0000 7777?"


def _error_under_the_field(page: str) -> str:
    return html.unescape(re.search(r'<p class="field-error" id="reply-body-error">(.*?)</p>', page, re.S)[1])


def test_each_refusal_of_a_message_to_the_reporter_is_a_sentence_of_its_own(browser):
    ticket, _code = receipt_of(browser(), "/publik/pengaduan", complaint_form("whistleblower"))
    team = browser("tim")
    team.get(f"/kasus/{ticket}")
    page = text(team.post(f"/kasus/{ticket}/pesan", {"body": TYPED}))
    said = _error_under_the_field(page)
    assert said.startswith("Menyebut pelapor, yang identitasnya dirahasiakan: tulis tanpa namanya. Memuat data pribadi")
    assert "namanya memuat" not in said
    assert said.endswith(".")
    assert "tanpa namanya. Memuat data pribadi" in html.unescape(page.split('class="error-summary"')[1])
