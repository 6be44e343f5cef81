"""The complaint statistics say what each figure counts (walk report 41): the headline "Tidak dapat
ditindaklanjuti 18" sat above an outcome table where the same words counted 7 (the 18 also held the forwarded, the
deemed withdrawn and the unproven: the table "Tidak ditindaklanjuti, menurut alasan"); the band "Dalam 60 hari kerja
(berkadar pengawasan)" named a tier it does not measure (an oversight complaint's limit is the statutory 60 calendar
days, 38-44 working days); the engine's code "S60" was printed."""

from tests.reports.test_complaint_statistics import complaints, figure
from tests.web.pages import text


def test_the_headline_not_followed_up_is_the_sum_of_the_reasons_and_no_engine_code_is_printed(client, browser):
    complaints(client, "rahasia")
    page = text(browser("tim").get("/laporan/pengaduan"))
    assert figure(page, "Tidak ditindaklanjuti (semua alasan di bawah)") == "0"
    assert "<caption>Tidak ditindaklanjuti, menurut alasan</caption>" in page
    assert figure(page, "Dalam 60 hari kerja sejak diterima") == "0"
    assert "Dalam 60 hari kerja (berkadar pengawasan)" not in page
    assert figure(page, "Dalam 60 hari menurut undang-undang (hari kalender, UU 25/2009 Pasal 50)") == "0"
    assert "S60" not in page
