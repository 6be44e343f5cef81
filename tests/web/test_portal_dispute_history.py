"""A dispute's "What happened so far" on the requester's status page, as an acceptance walk read it: in date order, each
stage on the day it happened, and saying what the Commission and the court decided and who went to court
(legal-process.md §5.2 rows 7 and 9: an adjudication decision is read in public and published; a court's judgment is
public). Nothing the requester may not read: no summary, no officer's reasons, no mediation's content.

The walk recorded the first hearing, the mediation and its failure days after they happened: the page listed
"Respondent Preparing" on the day of typing, between the registration and the hearing; "Mediation" on the day its
mandate was set, after "Mediation Failed"; never "partly granted", nor that it was the office that went to court.
"""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine

from engine import milestone_words, queries
from tests.web.test_portal_dispute_status import _page, _request
from tests.workflows.conftest import Office
from tests.workflows.test_sengketa_paths import BERKAS, BUKTI, KESIMPULAN, MANDAT, SURAT_KUASA, wib

SUMMONED = datetime(2027, 1, 13, 3, 0, tzinfo=UTC)  # Wed 13 Jan 2027, 10:00 WIB
MONTHS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Mei": 5, "Agu": 8, "Okt": 10, "Des": 12}


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _to_court(office, clock) -> tuple[str, str]:
    """Each event recorded some days after it happened: the hearing of Wed 20 Jan 2027 and the mediation begun that
    day, failed on Fri 22 Jan, all typed in on Mon 25 Jan; the decision read Fri 26 Feb (granted in part), received
    on Mon 1 Mar; the office's objection lodged with the court on Wed 3 Mar, recorded on Fri 5 Mar; the court's
    judgment of Mon 3 May (dismissed), recorded on Wed 5 May."""
    request, code = _request(office)
    dispute = office.dispute(office.objection(request, ["c"]))
    office.complete(dispute, "surat_kuasa", SURAT_KUASA)
    office.complete(dispute, "siapkan_berkas", BERKAS)
    clock.move_to(wib("2027-01-25"))
    heard = {"tanggal": "2027-01-20", "hasil": "dilanjutkan", "mediasi": True, "tanggal_mediasi": "2027-01-20"}
    office.message(dispute, "pemeriksaan_awal", heard)
    office.complete(dispute, "mandat_mediasi", MANDAT)
    office.message(
        dispute, "hasil_mediasi", {"tanggal": "2027-01-22", "hasil": "gagal", "alasan_gagal": "Tidak sepakat"}
    )
    clock.move_to(wib("2027-02-17"))
    office.complete(dispute, "bukti_ajudikasi", BUKTI)
    office.complete(dispute, "kesimpulan", KESIMPULAN)
    clock.move_to(wib("2027-03-01"))
    decided = {"tanggal_dibacakan": "2027-02-26", "tanggal_diterima": "2027-03-01", "amar": "dikabulkan_sebagian"}
    office.message(dispute, "putusan_ajudikasi", {**decided, "ringkasan": "Rahasia majelis tidak untuk pemohon"})
    clock.move_to(wib("2027-03-05"))
    challenge = {
        "sikap": "mengajukan_keberatan",
        "alasan_sikap": "Pertimbangan internal kantor",
        "pengadilan": "PTUN Jakarta",
        "tanggal_pengajuan_keberatan": "2027-03-03",
    }
    office.complete(dispute, "sikap_atas_putusan", challenge)
    clock.move_to(wib("2027-05-05"))
    judgment = {"tanggal": "2027-05-03", "pengadilan": "PTUN Jakarta", "nomor_perkara": "12/G/KI/2027/PTUN.JKT"}
    office.message(dispute, "putusan_pengadilan", {**judgment, "amar": "ditolak"})
    return dispute, code


def _history(page: str) -> list[str]:
    """The lines of "What happened so far" ("Yang sudah terjadi"), in order."""
    found = re.search(
        r"(?:What happened so far|Yang sudah terjadi) (.*?)(?: Your personal data| Data pribadi Anda)", page
    )
    assert found, page
    return re.findall(
        r"(\d{1,2} \w{3} \d{4})(?:, \d\d:\d\d WIB)?: (.*?)(?= \d{1,2} \w{3} \d{4}(?:, \d\d:\d\d WIB)?:|$)", found[1]
    )


def _day(text: str) -> date:
    day, month, year = text.split()
    return date(int(year), MONTHS[month], int(day))


def test_a_disputes_history_is_in_date_order_each_stage_on_its_day_and_says_the_decisions_and_who_went_to_court(
    browser, office
):
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _to_court(office, clock)
        english = _history(_page(browser, dispute, code, "en"))
        indonesian = _history(_page(browser, dispute, code))
    days = [_day(day) for day, _what in english]
    assert days == sorted(days), english
    said = dict((what, day) for day, what in english)
    assert said["Awaiting the First Hearing"] == "13 Jan 2027"  # reached with the registration, not on a later day
    assert said["Mediation"] == "20 Jan 2027"  # the day mediation began, not the day its mandate was typed in
    assert said["Mediation Failed"] == "22 Jan 2027"
    assert said["Adjudication Decision — Granted in part"] == "26 Feb 2027"
    # The court and its case number (the judgment's) after who filed.
    filed = "Court Challenge — filed by the office, the respondent, at PTUN Jakarta, case number 12/G/KI/2027/PTUN.JKT"
    assert said[filed] == "3 Mar 2027"
    # What the court decided on the office's challenge, then its effect on the request (the form's "Dismissed" alone
    # read as the office's challenge dismissed, when the court had granted it and refused the request).
    court = (
        "Court Decision — The court granted the challenge filed by the office, the respondent, and overturned the"
        " Commission's decision. With this decision, your information request is refused."
    )
    assert said[court] == "3 May 2027"
    shown = dict((what, day) for day, what in indonesian)
    assert shown["Putusan Ajudikasi — Dikabulkan sebagian"] == "26 Feb 2027"
    lodged = (
        "Keberatan ke Pengadilan — diajukan oleh kantor ini, Termohon, di PTUN Jakarta, perkara Nomor"
        " 12/G/KI/2027/PTUN.JKT"
    )
    assert shown[lodged] == "3 Mar 2027"
    for line in english + indonesian:
        assert "Rahasia majelis" not in line[1]  # the decision's summary is not the requester's page's
        assert "Pertimbangan internal" not in line[1]  # nor the office's reasons


def test_the_applicants_own_court_challenge_is_said_to_be_theirs(browser, office, client):
    with time_machine.travel(SUMMONED, tick=True) as clock:
        request, code = _request(office)
        dispute = office.dispute(office.objection(request, ["c"]))
        office.complete(dispute, "surat_kuasa", SURAT_KUASA)
        office.complete(dispute, "siapkan_berkas", BERKAS)
        clock.move_to(wib("2027-01-20"))
        office.message(dispute, "pemeriksaan_awal", {"tanggal": "2027-01-20", "hasil": "dilanjutkan", "mediasi": False})
        clock.move_to(wib("2027-02-17"))
        office.complete(dispute, "bukti_ajudikasi", BUKTI)
        office.complete(dispute, "kesimpulan", KESIMPULAN)
        clock.move_to(wib("2027-03-01"))
        decided = {"tanggal_dibacakan": "2027-02-26", "tanggal_diterima": "2027-03-01", "amar": "ditolak"}
        office.message(dispute, "putusan_ajudikasi", decided)
        clock.move_to(wib("2027-03-10"))
        challenge = {"tanggal": "2027-03-08", "pengadilan": "PTUN Jakarta", "nomor_perkara": "12/G/KI/2027/PTUN.JKT"}
        office.message(dispute, "gugatan_pemohon", challenge)
        english = _history(_page(browser, dispute, code, "en"))
        api = client.post("/api/v1/status", json={"ticket": dispute, "access_code": code}).json
    said = dict((what, day) for day, what in english)
    assert said["Adjudication Decision — Dismissed"] == "26 Feb 2027"
    assert said[
        "Court Challenge — filed by you, the applicant, at PTUN Jakarta, case number 12/G/KI/2027/PTUN.JKT"
    ] == ("8 Mar 2027")
    # The JSON API words the same in its caller's language (Bahasa Indonesia unless English is asked for).
    details = {m["name"]: m["detail"] for m in api["milestones"]}
    assert details["putusan_ajudikasi"] == "Ditolak"
    assert (
        details["keberatan_pengadilan"]
        == "diajukan oleh Anda, Pemohon, di PTUN Jakarta, perkara Nomor 12/G/KI/2027/PTUN.JKT"
    )


def test_a_decision_recorded_without_its_operative_part_says_nothing_of_it(app):
    """An old decision recorded without ``amar`` read "Adjudication Decision — None" on the requester's page."""
    decided = {"message": "putusan_ajudikasi", "data": {"tanggal_dibacakan": "2027-02-26"}}
    assert queries._said("putusan_ajudikasi", decided, None) is None
    cassation = {"message": "putusan_kasasi", "data": {"amar": "ditolak"}}
    detail = queries._said("berkekuatan_hukum_tetap", cassation, None)
    rt = app.extensions["kawal_runtime"]
    # Without the court's judgment and who filed for cassation: the Supreme Court named, and the effect on the request.
    assert milestone_words.said(rt, detail, "en") == (
        "The Supreme Court decided on the cassation. With this decision, your information request is refused."
    )
    assert milestone_words.said(rt, detail, "id") == (
        "Mahkamah Agung telah memutus permohonan kasasi. Dengan putusan ini, permohonan informasi Anda ditolak."
    )
    assert milestone_words.said(rt, None, "en") is None


def test_the_office_is_said_to_have_gone_to_court_only_when_its_own_task_took_it_there():
    """Not inferred from "no applicant's message": a stage a timer or an officer's confirmation moved says nothing
    of who filed; the office's own decision (its task) or the filing's message says who did."""
    assert queries._said("keberatan_pengadilan", None, None) is None
    assert queries._said("keberatan_pengadilan", {"message": "putusan_ajudikasi", "data": {}}, None) is None
    assert queries._said("keberatan_pengadilan", None, "sikap_atas_putusan") == {"filed_by": "termohon"}
    assert queries._said("kasasi", None, "sikap_kasasi") == {"filed_by": "termohon"}
    filed = {"message": "kasasi_diajukan", "data": {"pihak": "termohon"}}
    assert queries._said("kasasi", filed, None) == {"filed_by": "termohon"}
    assert queries._said("kasasi", {"message": "kasasi_diajukan", "data": {}}, None) == {"filed_by": "pemohon"}
