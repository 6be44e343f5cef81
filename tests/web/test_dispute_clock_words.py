"""A dispute's clocks in words on the officer's case page and in the API: the Commission's start and its copy of a
decision cite the law in the reader's language and count their days as the language does; the applicant's own time
to go to court or to the Supreme Court (P14P, K14P) is theirs, not the office's nor another body's."""

import html
import re
from datetime import UTC, datetime

import pytest
import time_machine

from engine import chain
from tests.web.pages import text
from tests.web.test_portal_dispute_status import ACCEPTED, CHALLENGED, _heard
from tests.workflows.conftest import Office
from tests.workflows.test_sengketa_paths import BUKTI, KESIMPULAN, wib

SUMMONED = datetime(2027, 1, 13, 3, 0, tzinfo=UTC)  # Wed 13 Jan 2027, 10:00 WIB


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _at_cassation(office, clock) -> str:
    """A decision read and its copy received the same day (Fri 26 Feb 2027), accepted by the office; the applicant
    goes to court; the court's judgment of 3 May 2027, accepted by the office too: K14P, the applicant's time to
    file for cassation, runs."""
    dispute, _code = _heard(office, clock, mediasi=False)
    clock.move_to(wib("2027-02-17"))
    office.complete(dispute, "bukti_ajudikasi", BUKTI)
    office.complete(dispute, "kesimpulan", KESIMPULAN)
    clock.move_to(wib("2027-02-26"))
    decided = {"tanggal_dibacakan": "2027-02-26", "tanggal_diterima": "2027-02-26", "amar": "dikabulkan_seluruhnya"}
    office.message(dispute, "putusan_ajudikasi", decided)
    office.complete(dispute, "sikap_atas_putusan", ACCEPTED)
    clock.move_to(wib("2027-03-08"))
    office.message(dispute, "gugatan_pemohon", CHALLENGED)
    clock.move_to(wib("2027-05-04"))
    judgment = {"tanggal": "2027-05-03", "pengadilan": "PTUN Jakarta", "nomor_perkara": "12/G/KI/2027/PTUN.JKT"}
    office.message(dispute, "putusan_pengadilan", {**judgment, "amar": "dikabulkan_seluruhnya"})
    office.complete(dispute, "sikap_kasasi", ACCEPTED)
    return dispute


def _row(page: str, name: str) -> str:
    """The deadline table's row of clock ``name``, in words."""
    code = rf'<th scope="row">[^<]*<span class="clock-code">{name}</span>'  # named in words, its code a note
    found = re.search(rf"<tr class=\"deadline-\w+\">\s*{code}.*?</tr>", page, re.S)
    assert found, name
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", found[0])))


def test_the_english_case_page_cites_the_commission_s_clocks_in_english_and_counts_its_days(
    browser, office, client, login
):
    """It read "by 22 Jan 2027 (UU 14/2008 Pasal 38(1), for information)" and "reached the office 0 working day(s)
    after it was read (Perki 1/2013 Pasal 59, for information)"."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute = _at_cassation(office, clock)
        officer = browser("ppid")
        indonesian = html.unescape(text(officer.get(f"/kasus/{dispute}")))
        officer.get(f"/bahasa/en?next=/kasus/{dispute}")
        english = html.unescape(text(officer.get(f"/kasus/{dispute}")))
        api = client.get(f"/api/v1/cases/{dispute}", headers=login("ppid")).json
    assert "(Law 14/2008 Article 38(1), for information)" in english
    assert "reached the office on the day it was read" in english
    assert "(Information Commission Regulation 1/2013 Article 59, for information)" in english
    for wrong in ("Pasal 38(1), for information", "Pasal 59, for information", "day(s)"):
        assert wrong not in english, wrong
    assert not re.search(r"\b0 working day", english)
    assert "(UU 14/2008 Pasal 38(1), sebagai informasi)" in indonesian
    assert "Salinan putusan diterima pada hari putusan dibacakan" in indonesian
    # K14P and P14P are the applicant's: the requester's own window, not another body's clock, nor the agency's.
    k14p = _row(english, "K14P")
    assert "The requester's or reporter's own window, not the office's" in k14p
    assert "Another body's clock" not in k14p
    assert "Another body's clock" in _row(english, "K100")  # the Commission's own stays another body's
    assert "Jangka waktu lembaga lain" not in _row(indonesian, "K14P")
    (member,) = [m for m in api["chain"] if m["ticket"] == dispute]
    holders = {c["name"]: c["holder"] for c in member["clocks"]}
    assert (holders["K14P"], holders["P14P"], holders["K14"], holders["K100"]) == (
        "requester",
        "requester",
        "agency",
        "commission",
    )


def test_the_commission_s_delay_counts_one_working_day_and_several_in_english():
    check = {"batas_mulai": "2027-01-22", "sidang_pertama": "2027-01-25", "verdict": "terlambat"}
    one = chain.commission_start_text({**check, "hari_kerja_terlambat": 1}, "en")
    assert one == (
        "First hearing after 14 working days: by 22 Jan 2027, 1 working day late (the Commission's delay;"
        " Law 14/2008 Article 38(1), for information)"
    )
    assert ", 3 working days late" in chain.commission_start_text({**check, "hari_kerja_terlambat": 3}, "en")
    assert ", terlambat 1 hari kerja" in chain.commission_start_text({**check, "hari_kerja_terlambat": 1}, "id")
    copy = {"hari_kerja": 1, "batas_salinan": "2027-03-03", "dibacakan": "2027-02-26", "diterima": "2027-03-01"}
    assert "reached the office 1 working day after it was read" in chain.decision_copy_text(copy, "en")
