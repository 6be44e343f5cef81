"""What the requester hears of a dispute's court stage (walk of a dispute through the court stage, finding 11): a
dispute walked on a real database to the court's judgment, its finality and its compliance, its messages sent by the
sender the RQ job runs (notifications.delivery) through a real SMTP server (tests/smtp.py), in the language the
requester filed in.

The requester is told the day the decision became final and binding, which decision it is (the court's name and case
number), and what the office must now do: carry it out, by the compliance clock's date. Once carried out, the Berita
Acara Pelaksanaan Putusan Kawal issues goes with the mail (or the office's own record is named by its number). The
court's judgment itself is not mailed: the court serves it on the parties (engine.notices, FINAL).

Python's decisions over the existing rows and messages: SQLite alone."""

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import intake
from engine.models import Case, Letter, Notification
from notifications import delivery
from notifications.channels import channels_from_settings
from tests.conftest import request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.notifications.staff import smtp_settings
from tests.notifications.test_complaint_mails import file_name, letter_of, render_letters
from tests.notifications.test_mail_words import send
from tests.workflows.conftest import Office
from tests.workflows.test_sengketa_paths import (
    BERKAS,
    BUKTI,
    KESIMPULAN,
    MANDAT,
    PELAKSANAAN,
    SURAT_KUASA,
    _heard,
    wib,
)

SUMMONED = datetime(2027, 1, 13, 3, 0, tzinfo=UTC)  # Wed 13 Jan 2027, 10:00 WIB
ACCEPTED = {"sikap": "menerima", "alasan_sikap": "Putusan sesuai telaah hukum"}
COURT, COURT_NUMBER = "PTUN Jakarta", "12/G/KI/2027/PTUN.JKT"
CARRIED_OUT = {k: v for k, v in PELAKSANAAN.items() if k != "nomor_berita_acara"} | {
    "tanggal_pelaksanaan": "2027-05-26"
}


@pytest.fixture
def settings_overrides(mailbox):
    return smtp_settings(mailbox)


@pytest.fixture
def clock():
    with time_machine.travel(SUMMONED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def decided(office, clock, amar: str = "dikabulkan_seluruhnya", locale=None, email=True, **given) -> str:
    """A request filed online in ``locale`` (without an e-mail address unless ``email``), an objection on ground c, the
    dispute heard and adjudicated: the Commission's decision (``amar``, and what else its message gives: ``given``) read
    Fri 26 Feb 2027 and received by the office Mon 1 Mar, the clock then. The dispute's ticket."""
    payload = request_payload() if email else request_payload(obtain_method="salinan_hardcopy", delivery_method="pos")
    if not email:
        del payload["requester"]["email"]
    with office.sessions.begin() as s:
        request = intake.submit_request(s, office.rt, payload, locale=locale).case.ticket
    dispute = office.dispute(office.objection(request, ["c"]))
    office.complete(dispute, "surat_kuasa", SURAT_KUASA)
    office.complete(dispute, "siapkan_berkas", BERKAS)
    clock.move_to(wib("2027-01-20"))
    office.message(dispute, "pemeriksaan_awal", {"tanggal": "2027-01-20", "hasil": "dilanjutkan", "mediasi": False})
    clock.move_to(wib("2027-02-17"))
    office.complete(dispute, "bukti_ajudikasi", BUKTI)
    office.complete(dispute, "kesimpulan", KESIMPULAN)
    clock.move_to(wib("2027-03-01"))
    decision = {"tanggal_dibacakan": "2027-02-26", "tanggal_diterima": "2027-03-01", "amar": amar, **given}
    office.message(dispute, "putusan_ajudikasi", decision)
    return dispute


def judged(office, clock, locale=None, email=True) -> str:
    """The dispute ``decided`` granted the request in full and the office accepted it; the applicant went to PTUN
    Jakarta, whose judgment of Mon 3 May 2027 granted the request in full, received by the applicant Wed 5 May; the
    office accepted it. The dispute's ticket; the clock on Thu 6 May 2027."""
    dispute = decided(office, clock, locale=locale, email=email)
    office.complete(dispute, "sikap_atas_putusan", ACCEPTED)
    clock.move_to(wib("2027-03-08"))
    challenged = {"tanggal": "2027-03-08", "pengadilan": COURT, "nomor_perkara": COURT_NUMBER}
    office.message(dispute, "gugatan_pemohon", challenged)
    clock.move_to(wib("2027-05-06"))
    judgment = {
        "tanggal": "2027-05-03",
        "pengadilan": COURT,
        "nomor_perkara": COURT_NUMBER,
        "amar": "dikabulkan_seluruhnya",
        "tanggal_diterima_pemohon": "2027-05-05",
    }
    office.message(dispute, "putusan_pengadilan", judgment)
    office.complete(dispute, "sikap_kasasi", ACCEPTED)
    return dispute


def adjudicated(office, clock, amar: str, locale=None, **given) -> str:
    """The request and the dispute as ``judged``'s, up to the Commission's decision (``amar``, and what else its
    message gives: ``given``), read Fri 26 Feb 2027 and received Mon 1 Mar, which the office accepts; nobody goes to
    court, and the Commission's certificate that it is final, dated Mon 5 Apr 2027, is recorded that day. The dispute's
    ticket."""
    dispute = decided(office, clock, amar, locale, **given)
    office.complete(dispute, "sikap_atas_putusan", ACCEPTED)
    clock.move_to(wib("2027-04-05"))
    office.run(dispute)
    office.message(dispute, "berkekuatan_hukum_tetap", {"tanggal": "2027-04-05"})
    return dispute


def final(office, clock, dispute) -> None:
    """Nobody filed for cassation: the court's certificate that its judgment is final, dated Mon 24 May 2027, recorded
    that day (after the applicant's 14 days, K14P, ended Fri 21 May on the latest reading)."""
    clock.move_to(wib("2027-05-24"))
    office.run(dispute)
    office.message(dispute, "berkekuatan_hukum_tetap", {"tanggal": "2027-05-24"})


def written(office, ticket) -> list[str]:
    """The events of the messages written to the requester about ``ticket``, in order."""
    with office.sessions() as s:
        return s.scalars(
            select(Notification.event)
            .join(Case, Notification.case_id == Case.id)
            .where(Case.ticket == ticket, Notification.to_requester.is_(True))
            .order_by(Notification.id)
        ).all()


@pytest.mark.parametrize(
    ("locale", "said"),
    [
        (
            "id",
            [
                f"Putusan {COURT} Nomor {COURT_NUMBER} tanggal 3 Mei 2027 atas sengketa informasi Anda",
                "telah berkekuatan hukum tetap sejak 24 Mei 2027",
                "Akibat bagi permohonan informasi Anda : dikabulkan seluruhnya",
                "Kami wajib melaksanakan putusan ini",
                "Pelaksanaan putusan atau kesepakatan mediasi",  # the compliance clock, by its name
                "Jatuh tempo  : 14 Juni 2027 pukul 16.00 WIB",
            ],
        ),
        (
            "en",
            [
                f"The judgment of {COURT}, number {COURT_NUMBER}, of 3 May 2027, in your information dispute",
                "has been final and binding since 24 May 2027",
                "Effect on your information request : granted in full",
                "We must carry out this decision",
                "Due          : 14 June 2027, 16:00 WIB",
            ],
        ),
    ],
)
def test_the_requester_is_told_the_day_the_decision_became_final_and_that_the_office_must_carry_it_out(
    app, settings, mailbox, office, clock, locale, said
):
    """Final on Mon 24 May 2027: the office carries it out within KAWAL_COMPLIANCE_DAYS (14) working days, by Mon
    14 Jun 2027 (25-28 May: 4, 31 May: 5, Tue 1 Jun Pancasila; 2-4 Jun: 8, 7-11 Jun: 13, 14 Jun: 14)."""
    dispute = judged(office, clock, locale)
    final(office, clock, dispute)
    [mail] = send(app, settings, mailbox, "dispute_final")
    assert mail.to == "ani@example.org"
    assert dispute in mail.subject
    for words in said:
        assert words in mail.text
    assert "\n  Sisa waktu   : 14 hari kerja" in mail.text or "\n  Time left    : 14 working days" in mail.text


def test_the_court_s_judgment_itself_is_not_mailed_to_the_requester(office, clock):
    """The court serves its judgment on the parties: the office's record of it tells the requester nothing until the
    decision binds the office."""
    dispute = judged(office, clock)
    assert "dispute_final" not in written(office, dispute)
    assert written(office, dispute) == []
    final(office, clock, dispute)
    assert written(office, dispute) == ["dispute_final"]


def test_the_compliance_record_goes_with_the_mail_once_the_decision_is_carried_out(
    app, settings, mailbox, office, clock
):
    """Carried out on Wed 26 May 2027, recorded without the office's own number: Kawal issues the Berita Acara
    Pelaksanaan Putusan, attached to the one mail that says so, within the compliance clock."""
    dispute = judged(office, clock)
    final(office, clock, dispute)
    clock.move_to(wib("2027-05-26"))
    office.complete(dispute, "pelaksanaan_putusan", CARRIED_OUT)
    render_letters(app)
    record = letter_of(app, dispute, "berita_acara_pelaksanaan_putusan")
    mails = send(app, settings, mailbox, "dispute_carried_out")
    assert len(mails) == 1
    [mail] = mails
    assert mail.to == "ani@example.org"
    assert f"atas sengketa informasi Anda dengan nomor {dispute} telah kami laksanakan pada 26 Mei 2027" in mail.text
    assert f"Berita Acara Pelaksanaan Putusan Sengketa Informasi Publik Nomor {record.number}" in mail.text
    assert "Surat tersebut terlampir pada e-mail ini" in mail.text
    assert mail.files == [file_name(record)]
    assert "Putusan dilaksanakan dalam jangka waktu yang ditentukan" in mail.text
    assert "Dengan pelaksanaan ini, sengketa informasi Anda selesai." in mail.text
    assert PELAKSANAAN["uraian"] not in mail.text  # the letter says what was done; the row keeps nothing of it


def test_a_compliance_the_office_recorded_under_its_own_number_names_that_number(app, settings, mailbox, office, clock):
    """The office made and numbered its own record: Kawal issues none, and the mail names the office's number."""
    dispute = judged(office, clock)
    final(office, clock, dispute)
    clock.move_to(wib("2027-05-26"))
    office.complete(dispute, "pelaksanaan_putusan", {**CARRIED_OUT, "nomor_berita_acara": "BA-03/PPID/V/2027"})
    [mail] = send(app, settings, mailbox, "dispute_carried_out")
    assert "Berita Acara Pelaksanaan Putusan Nomor BA-03/PPID/V/2027" in mail.text
    assert mail.files == []
    with office.sessions() as s:
        assert s.scalar(select(Letter.id).where(Letter.kind == "berita_acara_pelaksanaan_putusan")) is None


def test_a_requester_without_an_e_mail_address_is_sent_no_mail(app, settings, mailbox, office, clock):
    """As every requester's mail: written to the outbox, and skipped by the sender for want of an address."""
    dispute = judged(office, clock, email=False)
    final(office, clock, dispute)
    with app.app_context():
        ids = db.session.scalars(select(Notification.id).where(Notification.event == "dispute_final")).all()
        sent = [delivery.deliver(db.session, office.rt, channels_from_settings(settings), i) for i in ids]
        db.session.remove()
    assert sent == ["skipped"]
    assert mailbox.by_event(dispute) == []


def test_a_decision_that_refused_the_request_tells_the_requester_the_dispute_is_over_without_a_deadline(
    app, settings, mailbox, office, clock
):
    """The Commission refused the request ("ditolak"): the office has nothing to carry out, so no compliance clock
    and no promise of a record of compliance."""
    dispute = adjudicated(office, clock, "ditolak", "en")
    [mail] = send(app, settings, mailbox, "dispute_final")
    assert "has been final and binding since 5 April 2027: it can no longer be appealed" in mail.text
    assert "Effect on your information request : refused" in mail.text
    assert "does not require us to give you the information you asked for. The dispute is therefore over." in (
        mail.text
    )
    for promised in ("Deadline", "Due", "We must carry out", "Record of Compliance"):
        assert promised not in mail.text
    assert written(office, dispute) == ["dispute_final"]


@pytest.mark.parametrize(
    ("locale", "named"),
    [
        (
            "id",
            "Putusan Komisi Informasi Pusat Nomor 001/REG-PSI/I/2027 tanggal 26 Februari 2027 atas sengketa informasi"
            " Anda",
        ),
        ("en", "The decision of Komisi Informasi Pusat, number 001/REG-PSI/I/2027, of 26 February 2027, in your"),
    ],
)
def test_the_commission_s_decision_made_final_is_named_with_the_dispute_s_register_number(
    app, settings, mailbox, office, clock, locale, named
):
    """Nobody went to court: the decision that binds the office is the Commission's, which bears the dispute's
    register number there (its message gave none of its own)."""
    adjudicated(office, clock, "dikabulkan_seluruhnya", locale)
    [mail] = send(app, settings, mailbox, "dispute_final")
    assert named in mail.text
    assert "upaya hukum biasa" in mail.text or "it can no longer be appealed" in mail.text
    assert "tidak ada lagi upaya hukum" not in mail.text


@pytest.mark.parametrize(
    ("locale", "named"),
    [
        ("id", "Putusan Komisi Informasi Pusat Nomor 012/III/KIP-PS-A/2027 tanggal 26 Februari 2027 atas sengketa"),
        ("en", "The decision of Komisi Informasi Pusat, number 012/III/KIP-PS-A/2027, of 26 February 2027, in your"),
    ],
)
def test_the_finality_mail_names_the_commission_s_decision_by_its_own_number_when_recorded(
    app, settings, mailbox, office, clock, locale, named
):
    """The officer recorded the decision with its number: the mail names the decision the requester holds by it,
    not by the dispute's register number."""
    adjudicated(office, clock, "dikabulkan_seluruhnya", locale, nomor_putusan="012/III/KIP-PS-A/2027")
    [mail] = send(app, settings, mailbox, "dispute_final")
    assert named in mail.text
    assert "001/REG-PSI/I/2027" not in mail.text


def test_a_mediation_agreement_carried_out_is_named_by_its_day(app, settings, mailbox, office, clock):
    """The parties agreed in mediation on Wed 27 Jan 2027: the agreement is final as made, no mail says it became
    final, and the mail of its compliance names the agreement by its day."""
    dispute = _heard(office, clock, mediasi=True, tanggal_mediasi="2027-01-20")
    office.complete(dispute, "mandat_mediasi", MANDAT)
    clock.move_to(wib("2027-01-27"))
    agreement = {"tanggal": "2027-01-27", "hasil": "berhasil", "kesepakatan": "Informasi diserahkan"}
    office.message(dispute, "hasil_mediasi", agreement)
    clock.move_to(wib("2027-02-01"))
    office.complete(dispute, "pelaksanaan_putusan", {**CARRIED_OUT, "tanggal_pelaksanaan": "2027-02-01"})
    [mail] = send(app, settings, mailbox, "dispute_carried_out")
    assert (
        f"Kesepakatan mediasi tanggal 27 Januari 2027 atas sengketa informasi Anda dengan nomor {dispute} telah kami"
        " laksanakan pada 1 Februari 2027."
    ) in mail.text
    assert written(office, dispute) == ["dispute_carried_out"]


def test_a_run_after_the_finality_and_the_compliance_writes_no_second_mail(office, clock):
    """Each mail is written once, for the run that recorded what it tells: later runs of the same case add none."""
    dispute = judged(office, clock)
    final(office, clock, dispute)
    clock.move_to(wib("2027-05-26"))
    office.complete(dispute, "pelaksanaan_putusan", CARRIED_OUT)
    office.run(dispute)
    clock.move_to(wib("2027-06-01"))
    office.run(dispute)
    assert written(office, dispute) == ["dispute_final", "dispute_carried_out"]


def challenged_by_the_office(office, clock, **position) -> str:
    """The Commission's decision (read Fri 26 Feb 2027, received Mon 1 Mar) granted the request; the office does not
    accept it and lodges its challenge with PTUN Jakarta on Tue 23 Mar 2027 (its 14 working days: within them). The
    dispute's ticket."""
    dispute = decided(office, clock)
    clock.move_to(wib("2027-03-23"))
    challenge = {
        "sikap": "mengajukan_keberatan",
        "alasan_sikap": "Informasi dikecualikan menurut telaah hukum",
        "pengadilan": COURT,
        "tanggal_pengajuan_keberatan": "2027-03-23",
    }
    office.complete(dispute, "sikap_atas_putusan", {**challenge, **position})
    return dispute


def test_the_office_s_challenge_in_court_sends_the_requester_its_statement_of_non_acceptance(
    app, settings, mailbox, office, clock
):
    """The statement of non-acceptance (UU 14/2008 Pasal 48(1)) is copied to the Pemohon: the one mail of the office's
    challenge carries it, names the court and the day, and says the decision is not final yet."""
    dispute = challenged_by_the_office(office, clock)
    render_letters(app)
    statement = letter_of(app, dispute, "pernyataan_tidak_menerima_putusan")
    mails = send(app, settings, mailbox, "dispute_challenged")
    assert len(mails) == 1
    [mail] = mails
    assert mail.to == "ani@example.org"
    assert f"pada 23 Maret 2027 telah mengajukan keberatan atas putusan tersebut ke {COURT}" in mail.text
    assert f"Pernyataan Tidak Menerima Putusan Ajudikasi Nomor {statement.number}" in mail.text
    assert mail.files == [file_name(statement)]
    assert "putusan Komisi Informasi belum berkekuatan hukum tetap" in mail.text


def test_a_statement_the_office_numbered_itself_is_named_by_its_number(app, settings, mailbox, office, clock):
    """The office made and numbered its own statement: Kawal issues none, and the mail names the office's number."""
    challenged_by_the_office(office, clock, nomor_pernyataan="W.9/PPID/III/2027")
    [mail] = send(app, settings, mailbox, "dispute_challenged")
    assert "bernomor W.9/PPID/III/2027" in mail.text
    assert mail.files == []


def test_the_applicant_s_own_challenge_is_not_mailed_to_them(office, clock):
    """The applicant went to court themselves (``judged``): they are told nothing of their own filing."""
    dispute = judged(office, clock)
    assert "dispute_challenged" not in written(office, dispute)
