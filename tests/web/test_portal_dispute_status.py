"""The requester's status page along an objection and the dispute after it (legal-process.md §4-§5), as an
acceptance walk read it: the stage the case is really in, the office's running deadline to carry out a decision, the
last day of each window the requester may act in, the dispute once brought, and the letters in plain words; in both
languages."""

import html
import re
from datetime import UTC, datetime

import pytest
import time_machine

from engine import intake
from tests.conftest import request_payload
from tests.web.pages import text
from tests.workflows.conftest import Office
from tests.workflows.test_keberatan_paths import REASONS, _decided, _to_superior
from tests.workflows.test_sengketa_paths import BERKAS, BUKTI, KESIMPULAN, MANDAT, PELAKSANAAN, SURAT_KUASA, wib

SUMMONED = datetime(2027, 1, 13, 3, 0, tzinfo=UTC)  # Wed 13 Jan 2027, 10:00 WIB
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
ACCEPTED = {"sikap": "menerima", "alasan_sikap": "Putusan sesuai telaah hukum"}
CHALLENGED = {"tanggal": "2027-03-08", "pengadilan": "PTUN Jakarta", "nomor_perkara": "12/G/KI/2027/PTUN.JKT"}
AGREEMENT = {"tanggal": "2027-01-27", "hasil": "berhasil", "kesepakatan": "Daftar penerima diserahkan"}


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _request(office) -> tuple[str, str]:
    """A request filed online: its ticket and the one access code of its chain."""
    with office.sessions.begin() as s:
        sub = intake.submit_request(s, office.rt, request_payload())
        return sub.case.ticket, sub.access_code


def _heard(office, clock, **outcome) -> tuple[str, str]:
    """A request, an objection on ground c, the Commission's summons and its first hearing on Wed 20 Jan 2027:
    the dispute's ticket and the chain's access code."""
    request, code = _request(office)
    dispute = office.dispute(office.objection(request, ["c"]))
    office.complete(dispute, "surat_kuasa", SURAT_KUASA)
    office.complete(dispute, "siapkan_berkas", BERKAS)
    clock.move_to(wib("2027-01-20"))
    office.message(dispute, "pemeriksaan_awal", {"tanggal": "2027-01-20", "hasil": "dilanjutkan", **outcome})
    return dispute, code


def _agreed(office, clock, **agreement) -> tuple[str, str]:
    """Mediation from the first hearing, an agreement on Wed 27 Jan 2027."""
    dispute, code = _heard(office, clock, mediasi=True, tanggal_mediasi="2027-01-20")
    office.complete(dispute, "mandat_mediasi", MANDAT)
    clock.move_to(wib("2027-01-27"))
    office.message(dispute, "hasil_mediasi", {**AGREEMENT, **agreement})
    return dispute, code


def _adjudicated(office, clock, **received) -> tuple[str, str]:
    """Adjudication to the decision, read on Fri 26 Feb 2027 and received by the office on Mon 1 Mar."""
    dispute, code = _heard(office, clock, mediasi=False)
    clock.move_to(wib("2027-02-17"))
    office.complete(dispute, "bukti_ajudikasi", BUKTI)
    office.complete(dispute, "kesimpulan", KESIMPULAN)
    clock.move_to(wib("2027-03-01"))
    decided = {"tanggal_dibacakan": "2027-02-26", "tanggal_diterima": "2027-03-01", "amar": "dikabulkan_seluruhnya"}
    office.message(dispute, "putusan_ajudikasi", {**decided, **received})
    return dispute, code


def _page(browser, ticket, code, lang="id") -> str:
    """The status page as the requester reads it, tags removed, spaces folded."""
    b = browser()
    if lang == "en":
        b.get("/bahasa/en?next=/publik/status")
    raw = text(b.post("/publik/status", {"ticket": ticket, "access_code": code}))
    return _words(raw)


def _words(raw: str) -> str:
    main = raw.split("<main", 1)[1]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main)))


def _stepper(raw_words: str) -> str:
    """The stepper's text, from the first stage to the deadline's heading."""
    return raw_words.split("Batas waktu")[0] if "Batas waktu" in raw_words else raw_words.split("Deadline")[0]


# --- finding 1 and 2: a mediation agreement carried out by a date ------------------------------------------------


def test_after_a_mediation_agreement_the_page_stands_at_carrying_it_out_with_the_office_s_date(browser, office):
    """The page said "Selesai (posisi sekarang)" and "no deadline is running for the office" the day the agreement
    was reached, while the office still had to carry it out: by KAWAL_COMPLIANCE_DAYS (14) working days from the
    agreement's date, Wed 27 Jan 2027, on the office's strict reading: 28, 29 Jan (2), 1-5 Feb (7; Fri 5 Feb,
    cuti bersama Imlek, counts), 8-12 Feb (12), 15 (13), Tue 16 Feb 2027 (14)."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _agreed(office, clock)
        page = _page(browser, dispute, code)
        english = _page(browser, dispute, code, "en")
        clock.move_to(wib("2027-01-29"))
        office.complete(dispute, "pelaksanaan_putusan", {**PELAKSANAAN, "tanggal_pelaksanaan": "2027-01-29"})
        done = _page(browser, dispute, code)
    stages = _stepper(page)
    assert "Pengadilan tidak dilalui" in stages
    assert "Pelaksanaan putusan posisi sekarang" in stages
    assert "Selesai akan datang" in stages
    assert "Batas waktu kantor: kantor wajib bertindak paling lambat 16 Feb 2027, 16:00 WIB." in page
    assert "kantor wajib melaksanakan putusan yang telah berkekuatan hukum tetap atau kesepakatan mediasi" in page
    assert "tidak ada batas waktu yang berjalan bagi kantor" not in page
    assert "Ombudsman" not in page  # a complaint's recourse, not a dispute's
    assert "Carrying out the decision you are here" in english
    assert "Completed to come" in english
    assert "The office's deadline: the office must act by 16 Feb 2027, 16:00 WIB." in english
    # Carried out: the case is completed, and the stage it went through is passed.
    assert "Pelaksanaan putusan sudah dilalui" in _stepper(done)
    assert "Selesai posisi sekarang" in _stepper(done)


def test_a_date_the_agreement_sets_is_the_office_s_deadline_and_its_lapse_is_told_once_late_on_every_reading(
    browser, office
):
    """The agreement sets Wed 10 Feb 2027 to carry it out; past it (the strict lapse fires the office's escalation)
    and past its latest reading too, the requester reads that the office is late and what they may do."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _agreed(office, clock, batas_pelaksanaan="2027-02-10")
        page = _page(browser, dispute, code)
        english = _page(browser, dispute, code, "en")
        clock.move_to(wib("2027-02-12"))
        office.run(dispute)
        late = _page(browser, dispute, code)
        late_english = _page(browser, dispute, code, "en")
    assert "kantor wajib bertindak paling lambat 10 Feb 2027, 16:00 WIB." in page
    assert "Kesepakatan mediasi menetapkan tanggal ini sebagai batas pelaksanaannya." in page
    assert "0 hari kerja" not in page
    assert "The mediation agreement sets this date for carrying it out." in english
    assert "Kantor terlambat." in late
    assert "Kantor wajib melaksanakan putusan paling lambat 10 Feb 2027, 16:00 WIB dan belum melaksanakannya." in late
    assert "penetapan eksekusi" in late
    assert "UU 14/2008 Pasal 52" in late
    assert "belum menjawab" not in late  # the office's answer to a request is not what is late
    assert "Law 14/2008 Article 52" in late_english  # the law as the English letters name it (engine.citations)
    assert "UU 14/2008" not in late_english


# --- finding 3: the last day of the requester's time to go to court or to the Supreme Court ----------------------


def test_after_the_commission_s_decision_the_page_gives_the_last_day_to_go_to_court(browser, office, client):
    """UU 14/2008 Pasal 48(1): 14 working days from receiving the decision. The requester's receipt is not recorded,
    so the page counts from the day it was read, Fri 26 Feb 2027 (the earliest possible end), on the latest
    reading: a day without its hour counts from the next working day, Mon 1 Mar; 2-5 Mar (4); Mon 8 Nyepi, Tue 9
    cuti bersama, Wed 10 and Thu 11 Idul Fitri, Fri 12 and Mon 15 cuti bersama; 16-19 (8), 22-24 (11); Thu 25 cuti
    bersama, Fri 26 Good Friday; 29, 30 (13), Wed 31 Mar 2027 (14). The
    page said "14 hari kerja" and no date. It is the date the office's own record of the applicant's time (P14P)
    gives once the office has accepted the decision: the model arms it only then. On the earliest reading (cuti bersama
    working days, from 26 Feb itself) it ends Tue 23 Mar 2027: the requester is told that day to file by, and that
    the court decides on the later one (legal-process.md §2.2)."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _adjudicated(office, clock)
        page = _page(browser, dispute, code)
        english = _page(browser, dispute, code, "en")
        api = client.post("/api/v1/status", json={"ticket": dispute, "access_code": code}).json
        office.complete(dispute, "sikap_atas_putusan", ACCEPTED)
        p14p = office.deadline(dispute, "P14P")
    assert "Waktu untuk mengajukan keberatan atas putusan ke pengadilan (UU 14/2008 Pasal 48(1))" in page
    assert "Anda dapat mengajukannya sampai 23 Mar 2027." in page
    assert "jangka waktu Anda berakhir pada 31 Mar 2027, tetapi pengadilan sendiri yang menilai" in page
    assert "Pengadilan Tata Usaha Negara" in page
    assert "ini akhir paling cepat" in page  # counted from the earliest possible receipt
    assert "Time to challenge the decision in court (Law 14/2008 Article 48(1))" in english
    assert "You may file until 23 Mar 2027." in english
    assert p14p.due_at == wib("2027-03-31", 16)
    (window,) = api["windows"]
    assert (window["name"], window["opened_by"], window["due_at"][:10]) == ("P14P", "decision", "2027-03-31")


def test_after_the_court_s_judgment_the_page_gives_the_last_day_to_file_for_cassation(browser, office):
    """UU 14/2008 Pasal 50: 14 days (calendar days) from receiving the judgment; the applicant received it on
    Wed 5 May 2027: Wed 19 May 2027 is cuti bersama Waisak and Thu 20 May Waisak, so on the latest reading the
    requester's last day moves to Fri 21 May 2027, the date of the office's own record of it (K14P). On the earliest
    reading (from 5 May itself, cuti bersama a working day) it is Wed 19 May 2027: the day the requester is told to
    file by (legal-process.md §2.2)."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _adjudicated(office, clock)
        office.complete(dispute, "sikap_atas_putusan", ACCEPTED)
        clock.move_to(wib("2027-03-08"))
        office.message(dispute, "gugatan_pemohon", CHALLENGED)
        clock.move_to(wib("2027-05-06"))
        judgment = {
            "tanggal": "2027-05-03",
            "pengadilan": "PTUN Jakarta",
            "nomor_perkara": "12/G/KI/2027/PTUN.JKT",
            "amar": "dikabulkan_seluruhnya",
            "tanggal_diterima_pemohon": "2027-05-05",
        }
        office.message(dispute, "putusan_pengadilan", judgment)
        page = _page(browser, dispute, code)
        english = _page(browser, dispute, code, "en")
        office.complete(dispute, "sikap_kasasi", ACCEPTED)
        k14p = office.deadline(dispute, "K14P")
    assert "Waktu untuk mengajukan kasasi ke Mahkamah Agung (UU 14/2008 Pasal 50)" in page
    assert "Anda dapat mengajukannya sampai 19 Mei 2027." in page
    assert "jangka waktu Anda berakhir pada 21 Mei 2027, tetapi pengadilan sendiri yang menilai" in page
    assert "14 hari kalender" in page  # why this date: days, not working days
    assert "ini akhir paling cepat" not in page  # the applicant's receipt is recorded
    assert "Time to appeal in cassation to the Supreme Court (Law 14/2008 Article 50)" in english
    assert "You may file until 19 May 2027." in english
    assert k14p.due_at == wib("2027-05-21", 16)


# --- finding 4 and 5: the objection's page once a dispute is brought; its letters in plain words -----------------


def _answered_objection(office, clock) -> tuple[str, str]:
    """A request refused as exempt, an objection on ground a, upheld by the superior with written reasons, its
    response sent on Mon 7 Dec 2026: the objection's ticket and the chain's code."""
    request, code = _request(office)
    _decided(office, ticket=request)
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    data = {"keputusan": "keberatan_ditolak", "tanggal_keputusan": "2026-12-02", "alasan_tertulis": REASONS}
    office.complete(objection, "putuskan_keberatan", data)
    clock.move_to(datetime(2026, 12, 7, 3, 0, tzinfo=UTC))
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": "2026-12-07", "dikirim_melalui": "email"})
    return objection, code


def test_once_a_dispute_is_brought_the_objection_s_page_says_so_and_links_it_instead_of_inviting_one(
    browser, office, client
):
    """D14 from the response e-mailed on Mon 7 Dec 2026 at 10:00 WIB: to file by Mon 28 Dec 2026 (the earliest
    reading's end, legal-process.md §2.2); the page invited a dispute "until 30 Dec 2026" while SIP-... was already
    listed under the linked cases."""
    with time_machine.travel(RECEIVED, tick=True) as clock:
        objection, code = _answered_objection(office, clock)
        before = _page(browser, objection, code)
        clock.move_to(datetime(2026, 12, 14, 3, 0, tzinfo=UTC))
        dispute = office.dispute(objection, diajukan_ke_ki="2026-12-10", sidang_pertama="2027-01-06T09:00:00+07:00")
        b = browser()
        raw = text(b.post("/publik/status", {"ticket": objection, "access_code": code}))
        after = _words(raw)
        english = _page(browser, objection, code, "en")
        api = client.post("/api/v1/status", json={"ticket": objection, "access_code": code}).json
    assert "Anda dapat mengajukannya sampai 28 Des 2026." in before  # the invitation while none is brought (§2.2)
    assert "Anda dapat mengajukannya sampai" not in after
    assert "Waktu untuk mengajukan sengketa" not in after
    assert "Jika tidak puas, Anda dapat mengajukan sengketa" not in after
    assert f"Sengketa atas keberatan ini sudah diajukan kepada Komisi Informasi: {dispute} (" in after
    assert f'href="/publik/status?kasus={dispute}">Ikuti sengketa {dispute}</a>' in raw
    assert f"A dispute on this objection is before the Information Commission: {dispute} (" in english
    assert "You may file until" not in english
    assert f"Follow dispute {dispute}" in english
    assert [d["ticket"] for d in api["disputes"]] == [dispute]
    assert [(w["name"], w["filed"]) for w in api["windows"]] == [("D14", [dispute])]
    assert api["next_step"].startswith(f"Sengketa atas keberatan ini sudah diajukan kepada Komisi Informasi: {dispute}")


def test_the_objection_s_letters_tell_the_requester_what_happened_not_the_officers_form_labels(browser, office):
    with time_machine.travel(RECEIVED, tick=True) as clock:
        objection, code = _answered_objection(office, clock)
        page = _page(browser, objection, code)
        english = _page(browser, objection, code, "en")
    letters = page.split("Surat yang dikirim kepada Anda")[1].split("Surat resmi")[0]
    # This office has no e-mail channel: Kawal sent no receipt, so the page does not say one went (engine.notices).
    assert "Salinan formulir keberatan Anda telah diberikan" not in letters
    assert "Tanda terima dikirim kepada Anda melalui e-mail." not in letters
    assert "Tanda terima tidak dapat dikirim kepada Anda melalui e-mail" in letters
    assert "Atasan PPID telah memutus keberatan Anda: Keberatan Ditolak (Menguatkan PPID)." in letters
    assert f"Alasan: {REASONS}" in letters
    assert "Diputuskan pada 2 Des 2026." in letters
    for label in ("wajib jika keberatan ditolak", "sebagai tanda terima: Ya", "Cara penyerahan tanda terima", ".."):
        assert label not in letters, label
    letters_en = english.split("Letters sent to you")[1].split("Official letters")[0]
    assert "The receipt could not be sent to you by e-mail" in letters_en
    assert "The PPID's superior decided on your objection: Objection Dismissed (PPID Upheld)." in letters_en
    for label in ("required when the objection is refused", "as receipt: Yes", ".."):
        assert label not in letters_en, label
