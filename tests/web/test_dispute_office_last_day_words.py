"""The office's last day to record its position on a dispute's decision (P14_AKHIR: sengketa_informasi.bpmn p14_lewat;
K14_AKHIR on the court's judgment: k14_lewat) is named in words on the officer's case page: in the deadlines' table,
with what its lapse does and how it was counted, and in the timeline when it lapses and the position task ends
(tests/workflows/test_dispute_office_position_ends_when_its_window_lapsed.py proves the lapse itself).

Python's reading of existing rows: SQLite alone."""

import html
import re

import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: nothing new is stored
from tests.web.pages import text
from tests.web.test_dispute_clock_words import SUMMONED, _row, office  # noqa: F401 - the office fixture
from tests.workflows.test_dispute_final_on_the_day_after_the_windows import _decided
from tests.workflows.test_sengketa_paths import wib

CHALLENGE = {
    "sikap": "mengajukan_keberatan",
    "alasan_sikap": "Informasi dikecualikan",
    "pengadilan": "PTUN Jakarta",
    "tanggal_pengajuan_keberatan": "2027-03-15",
}
JUDGMENT = {
    "tanggal": "2027-05-03",
    "pengadilan": "PTUN Jakarta",
    "nomor_perkara": "12/G/KI/2027/PTUN.JKT",
    "amar": "dikabulkan_seluruhnya",
    "tanggal_diterima": "2027-05-05",
}


def _counted(page: str, name: str) -> str:
    """How clock ``name`` was counted, in words (the page's paragraph for it)."""
    found = re.search(rf'<dt>[^<]*<span class="clock-code">{name}</span></dt>\s*<dd>(.*?)</dd>', page, re.S)
    assert found, name
    return re.sub(r"\s+", " ", html.unescape(found[1]))


def _timeline(page: str) -> str:
    """The page's history, in words."""
    block = page.split('id="timeline', 1)[1]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", block)))


def test_the_lapse_of_the_office_s_last_day_reads_in_words_in_the_timeline_and_the_deadlines(browser, office):  # noqa: F811
    """The office received the decision Tue 2 Mar 2027 and never took a position: its last day to record one ended
    with Fri 2 Apr (P14's lenient end, Thu 1 Apr, and one working day); the case ran on Mon 5 Apr."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute = _decided(office, clock, "2027-03-02", "2027-03-01")
        clock.move_to(wib("2027-04-05", 9))
        office.run(dispute)
        officer = browser("ppid")
        indonesian = text(officer.get(f"/kasus/{dispute}"))
        officer.get(f"/bahasa/en?next=/kasus/{dispute}")
        english = text(officer.get(f"/kasus/{dispute}"))
    assert "Hari terakhir kantor mencatat sikapnya atas putusan Komisi Informasi" in _row(indonesian, "P14_AKHIR")
    row = _row(english, "P14_AKHIR")
    assert "The office's last day to record its position on the Commission's decision" in row
    assert "the office's position task ends and the decision stands as accepted by the office" in row
    # The office's own time (a right to challenge, not a duty), never another body's clock.
    assert "The office may act" in row
    assert "Another body's clock" not in row
    assert "another party" not in row
    lapsed = (
        "Deadline lapsed P14_AKHIR · The office's last day to record its position on the Commission's decision (15"
        " working days, lenient reading) · 2 Apr 2027, 16:00 WIB"
    )
    assert lapsed in _timeline(english)


def test_the_office_s_last_day_on_the_court_s_judgment_reads_as_the_working_day_after_k14(browser, office):  # noqa: F811
    """The office received the court's judgment Wed 5 May 2027: K14 ends Fri 21 May on the lenient reading (19 May a
    cuti bersama, 20 May Waisak), and the office's last day to record its position is the working day after it, Mon
    24 May: counted from K14's last day, which the start column gives without an hour, never as a receipt."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute = _decided(office, clock, "2027-03-01", "2027-03-01")
        clock.move_to(wib("2027-03-15"))
        office.complete(dispute, "sikap_atas_putusan", CHALLENGE)
        clock.move_to(wib("2027-05-05"))
        office.message(dispute, "putusan_pengadilan", JUDGMENT)
        officer = browser("ppid")
        indonesian = text(officer.get(f"/kasus/{dispute}"))
        officer.get(f"/bahasa/en?next=/kasus/{dispute}")
        english = text(officer.get(f"/kasus/{dispute}"))
    row = _row(english, "K14_AKHIR")
    assert "24 May 2027, 16:00 WIB" in row
    assert "21 May 2027 Law 14/2008 Article 50" in row  # K14's last day, no hour anyone recorded
    counted = _counted(english, "K14_AKHIR")
    assert (
        "1 working day counted from 21 May 2027 (day zero: the office's last day to file for cassation on the latest"
        " reading (K14), 21 May 2027); due 24 May 2027, 16:00 WIB"
    ) in counted
    assert "This ends one working day after the office's last day to file for cassation" in counted
    assert "received" not in counted
    dihitung = _counted(indonesian, "K14_AKHIR")
    assert "hari ke-0: hari terakhir Termohon mengajukan kasasi menurut pembacaan paling akhir (K14), 21 Mei 2027" in (
        dihitung
    )
    assert "Jangka waktu ini berakhir satu hari kerja setelah hari terakhir Termohon mengajukan kasasi" in dihitung
