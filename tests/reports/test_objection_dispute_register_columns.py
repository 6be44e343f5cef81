"""What the objection and dispute registers tell beyond the outcome (legal-process.md §4.3, §5.2; a walk found them
missing): the superior's order to the PPID in the objection register and its files; a dispute on ground a alone,
which mediation cannot settle (UU 14/2008 Pasal 40), read "not applicable" under Mediation, not blank; and the day
a dispute's decision became final and binding.

On PostgreSQL too: the day a decision became final, read from the dispute's events (their data and the instant
each was recorded). The superior's order (read from the objection's events as the final day is) and "not applicable"
are Python's reading of rows either database returns alike: SQLite alone.
"""

from datetime import datetime, timedelta

from tests.conftest import sqlite_only
from tests.reports.test_dispute_register import _adjudicated, _csv, _page, _xlsx, clock, office  # noqa: F401
from tests.workflows.test_sengketa_paths import BERKAS, SURAT_KUASA_GROUND_A, WIB, wib

ORDER = "Serahkan salinan kontrak pengadaan kepada pemohon"
FINAL_ON = "Berkekuatan hukum tetap pada"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


@sqlite_only
def test_the_objection_register_and_its_files_carry_the_superior_s_order_to_the_ppid(office, clock, browser):  # noqa: F811
    objection = office.objection(office.submit(), ["c"])
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    office.complete(objection, "tawarkan_musyawarah", {"hasil": "tidak_bersedia"})
    office.complete(objection, "susun_kronologi", {"kronologi": "Belum dijawab", "pertimbangan_ppid": "Terlambat"})
    today = "2027-01-13"  # decided the day it came in (the clock's)
    granted = {
        "keputusan": "keberatan_dikabulkan_seluruhnya",
        "tanggal_keputusan": today,
        "perintah_kepada_ppid": ORDER,
    }
    office.complete(objection, "putuskan_keberatan", granted)
    ppid = browser("ppid")
    [row] = _page(ppid, "/laporan/register/keberatan?kolom=semua")
    assert row["Perintah Atasan PPID kepada PPID"] == ORDER
    [line] = _csv(ppid, "/laporan/register/keberatan?format=csv")
    assert line["Perintah Atasan PPID kepada PPID"] == ORDER
    [cells] = _xlsx(ppid, "/laporan/register/keberatan?format=xlsx")
    assert cells["Perintah Atasan PPID kepada PPID"].value == ORDER
    ppid.get("/bahasa/en")
    [line] = _csv(ppid, "/laporan/register/keberatan?format=csv")
    assert line["Superior's order to the PPID"] == ORDER


@sqlite_only
def test_a_ground_a_dispute_reads_mediation_not_applicable_and_a_mediated_one_its_outcome(office, clock, browser):  # noqa: F811
    ticket = office.dispute(office.objection(office.submit(), ["a"]))
    office.complete(ticket, "surat_kuasa", SURAT_KUASA_GROUND_A)
    office.complete(ticket, "siapkan_berkas", BERKAS)
    clock.move_to(wib("2027-01-20"))
    ordered = {"tanggal": "2027-01-20", "hasil": "dilanjutkan", "mediasi": True, "tanggal_mediasi": "2027-01-20"}
    office.message(ticket, "pemeriksaan_awal", ordered)
    ppid = browser("ppid")
    [row] = _page(ppid, "/laporan/register/sengketa")
    assert row["Mediasi"] == "Tidak berlaku (alasan huruf a)"
    [line] = _csv(ppid, "/laporan/register/sengketa?format=csv")
    assert line["Mediasi"] == "Tidak berlaku (alasan huruf a)"
    ppid.get("/bahasa/en")
    [row] = _page(ppid, "/laporan/register/sengketa")
    assert row["Mediation"] == "Not applicable (ground a)"


def test_the_dispute_register_gives_the_day_the_decision_became_final(office, clock, browser):  # noqa: F811
    ticket = _adjudicated(office, clock, "ditolak")
    ppid = browser("ppid")
    [line] = _csv(ppid, "/laporan/register/sengketa?format=csv")
    assert line[FINAL_ON] == ""  # read, not final yet: the parties may still go to court
    office.complete(ticket, "sikap_atas_putusan", {"sikap": "menerima", "alasan_sikap": "Putusan menguatkan PPID"})
    after = office.deadline(ticket, "P14P").due_at + timedelta(days=1)
    clock.move_to(after)
    certified = after.astimezone(WIB).date()
    office.message(ticket, "berkekuatan_hukum_tetap", {"tanggal": certified.isoformat()})
    clock.move_to(after + timedelta(days=3))  # read days later: the certificate's day, not the reading's
    ppid = browser("ppid")  # a new sign-in: the first one's session has ended meanwhile
    [line] = _csv(ppid, "/laporan/register/sengketa?format=csv")
    assert line[FINAL_ON] == f"{certified.day} {MONTHS[certified.month - 1]} {certified.year}"
    [cells] = _xlsx(ppid, "/laporan/register/sengketa?format=xlsx")
    assert cells[FINAL_ON].value == datetime(certified.year, certified.month, certified.day)
