"""A refusal's grounds on the requester's status page: each Pasal 17 letter with what it exempts, in brackets.

The page read "…dikecualikan menurut UU 14/2008 Pasal 17 huruf h. rahasia pribadi.": the form's choice title
("h. rahasia pribadi") was put after "huruf", breaking the sentence.
"""

from tests.api.test_chain_api import decided
from tests.helpers import decision
from tests.web.pages import text
from tests.web.test_portal import open_case


def test_a_refusal_names_each_exemption_letter_with_its_meaning_in_brackets(browser, desk):
    receipt = decided(desk)  # refused on Pasal 17 huruf h
    page = text(open_case(browser(), receipt["ticket"], receipt["access_code"]))
    assert "dikecualikan menurut UU 14/2008 Pasal 17 huruf h (rahasia pribadi)." in page
    assert "huruf h. rahasia pribadi" not in page


def test_several_grounds_are_each_named_and_said_in_english_when_chosen(browser, desk):
    receipt = desk.submit()
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("ditolak_dikecualikan", pasal_pengecualian=["c", "h"]))
    for step in ("uji_konsekuensi", "tetapkan_pengecualian", "pemberitahuan_tertulis"):
        desk.complete(ticket, step)
    b = browser()
    b.get("/bahasa/en")
    page = text(open_case(b, ticket, receipt["access_code"]))
    assert (
        "exempt under Law 14/2008 Article 17 letter c (defence and state security), letter h (personal secrets)."
        in page
    )
