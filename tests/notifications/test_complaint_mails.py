"""A public complaint's e-mails as the reporter reads them (an acceptance walk with an SMTP sink): each complaint
walked on a real database, its messages sent by the sender the RQ job runs (notifications.delivery) through a real
SMTP server (tests/smtp.py), in the language the reporter filed in (legal-process.md §7.2, §7.4).

The receipt says when the complaint came in and what comes next, with the limit the law gives (UU 25/2009 Pasal 50:
60 days from the complete file), never an internal clock (V3); the recording sends the Tanda Terima; each referral
(stage 4, Penyaluran/Disposisi) is told to the reporter in the status page's words; the outcome mail carries the
outcome letter; the evidence request states the rule of the complaint's own channel and counts a period of days in
days; the apology for a late complaint names the Ombudsman and SP4N-LAPOR!.
"""

import hashlib
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import complaints, queries, reminders
from engine.files import FileStore
from engine.letters import issue, production
from engine.letters.render import MONTHS
from engine.models import Case, CaseMessage, Letter, Notification, Reminder, Unit
from engine.notices import remind
from notifications.rendering import render
from tests.conftest import complaint_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.notifications.staff import smtp_settings
from tests.notifications.test_mail_words import Mail, send
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import (
    CATAT,
    KE_ITJEN,
    KE_UNIT,
    LAYAK,
    NOT_OURS,
    NOTICE,
    QUESTION,
    TANGGAPAN_UNIT,
    TINDAK_LANJUT,
    clarification,
    wib,
)

FILED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
PUBLIC = "https://ppid.kanwil.example"
# What an English reader must never meet: the Indonesian of the rows, the labels and the dates.
INDONESIAN = re.compile(r"Pasal|hari kerja|\bhari\b|Batas waktu|Jatuh tempo|Januari|Februari|Maret|Hormat kami")


@pytest.fixture
def settings_overrides(mailbox):
    return smtp_settings(mailbox, sender="pengaduan@kanwil.example")


@pytest.fixture
def clock():
    with time_machine.travel(FILED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def render_letters(app) -> None:
    """What the render job does after the commit: every pending letter's PDF."""
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        store = FileStore.of(rt.settings, rt.vault)
        for letter_id in db.session.scalars(select(Letter.id).where(Letter.status == "pending")).all():
            pdf = production.produce(rt, production.prepare(db.session, rt, letter_id))
            production.record(db.session, rt, store, letter_id, pdf)
            db.session.commit()


def filed(office, locale=None, mode="rahasia", **payload) -> str:
    """A complaint filed online in ``locale``: its ticket."""
    with office.sessions.begin() as s:
        sub = complaints.submit_complaint(s, office.rt, complaint_payload(mode, **payload), locale=locale)
        return sub.case.ticket


def written(office, ticket) -> list[str]:
    """The events of the messages written to the reporter, in order."""
    with office.sessions() as s:
        return s.scalars(
            select(Notification.event)
            .join(Case, Notification.case_id == Case.id)
            .where(Case.ticket == ticket, Notification.to_requester.is_(True))
            .order_by(Notification.id)
        ).all()


def letter_of(app, ticket, kind, locale="id") -> Letter:
    with app.app_context():
        letter = db.session.scalar(
            select(Letter).join(Case).where(Case.ticket == ticket, Letter.kind == kind, Letter.locale == locale)
        )
        db.session.expunge_all()
    return letter


def file_name(letter: Letter) -> str:
    return f"{letter.number.replace('/', '-')}.{letter.locale}.pdf"


def local(at: datetime) -> datetime:
    return at.astimezone(datetime.fromisoformat("2027-01-01T00:00+07:00").tzinfo)


def long_moment(at: datetime, locale: str) -> str:
    """A moment as the mails write it, e.g. "5 Februari 2027 pukul 16.00 WIB"."""
    day = f"{at.day} {MONTHS[locale][at.month - 1]} {at.year}"
    return f"{day}, {at:%H:%M} WIB" if locale == "en" else f"{day} pukul {at:%H.%M} WIB"


# -- 1: the receipt says when, what comes next, and the limit the law gives -----------------------------------------


@pytest.mark.parametrize(
    ("locale", "when", "next_step", "limit", "never"),
    [
        (
            "id",
            "Pengaduan Anda telah kami terima pada 11 Januari 2027 pukul 10.00 WIB dengan nomor",
            "Tim pengaduan akan mencatat dan menelaah (memverifikasi) pengaduan Anda",
            "paling lambat 60 hari sejak berkas pengaduan lengkap (UU 25/2009 Pasal 50; Perpres 76/2013)",
            "3 hari kerja",
        ),
        (
            "en",
            "We received your complaint on 11 January 2027, 10:00 WIB under number",
            "The complaint team will record and review (verify) your complaint",
            "within 60 days of the complete file (Law 25/2009 Article 50; Presidential Regulation 76/2013)",
            "3 working days",
        ),
    ],
)
def test_the_complaint_receipt_says_when_it_was_received_what_comes_next_and_the_sixty_days_of_the_law(
    app, settings, mailbox, office, locale, when, next_step, limit, never
):
    ticket = filed(office, locale)
    [receipt] = send(app, settings, mailbox, "complaint_receipt")
    assert when in receipt.text
    assert next_step in receipt.text
    assert limit in receipt.text
    assert never not in receipt.text  # the review's 3 working days (V3) are the office's internal clock
    assert "V3" not in receipt.text
    assert f"{PUBLIC}/publik/status?kasus={ticket}" in receipt.text
    if locale == "en":
        assert not INDONESIAN.search(receipt.subject + receipt.text), INDONESIAN.search(receipt.text)


# -- 2: the recording sends the Tanda Terima; each referral is told, in the status page's words ----------------------


@pytest.mark.parametrize(
    ("locale", "says"),
    [
        ("id", "Pengaduan Anda dengan nomor {ticket} telah dicatat."),
        ("en", "Your complaint {ticket} has been recorded, and its official Complaint Receipt"),
    ],
)
def test_the_recorded_complaint_s_tanda_terima_is_sent_to_the_reporter_attached(
    app, settings, mailbox, office, locale, says
):
    ticket = filed(office, locale)
    office.complete(ticket, "catat_pengaduan", CATAT)
    render_letters(app)
    [mail] = send(app, settings, mailbox, "complaint_recorded")
    receipt = letter_of(app, ticket, "tanda_terima_pengaduan")
    assert says.format(ticket=ticket) in mail.text
    assert receipt.number in mail.text
    assert mail.files == [file_name(receipt)]
    assert hashlib.sha256(mail.bytes[file_name(receipt)]).hexdigest() == receipt.sha256  # the letter of record
    assert mail.to == complaint_payload()["pelapor"]["email"]
    if locale == "en":
        assert not INDONESIAN.search(mail.subject + mail.text), INDONESIAN.search(mail.text)


def _verified(office, ticket):
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)


@pytest.mark.parametrize(
    ("locale", "classification", "says"),
    [
        ("id", {**KE_UNIT, "unit_tujuan": "PENDMAD"}, "telah didisposisikan kepada unit kerja yang bertanggung jawab"),
        ("en", {**KE_UNIT, "unit_tujuan": "PENDMAD"}, "has been referred to the responsible unit"),
        ("id", KE_ITJEN, "akan diteruskan kepada Inspektorat Jenderal"),
        ("en", KE_ITJEN, "will be referred to the Inspectorate General (Inspektorat Jenderal)"),
    ],
    ids=["unit-id", "unit-en", "itjen-id", "itjen-en"],
)
def test_a_referral_is_told_to_the_reporter_with_the_complaint_s_limit_and_never_the_unit_s_name(
    app, settings, mailbox, office, locale, classification, says
):
    ticket = filed(office, locale)
    _verified(office, ticket)
    office.complete(ticket, "klasifikasi", classification)
    [mail] = send(app, settings, mailbox, "complaint_referred")
    assert ticket in mail.subject
    assert says in mail.text
    with app.app_context():
        unit = db.session.scalar(select(Unit).where(Unit.code == "PENDMAD"))
        names = {unit.code, unit.name}
    assert not any(name in mail.text for name in names)  # the status page names no unit either
    with office.sessions() as s:  # the date the status page shows: the service standard, nearer than the 60 days
        shown = queries.public_status(s, s.scalar(select(Case).where(Case.ticket == ticket)), locale, office.rt)
    assert shown["due_name"] == "SLA"
    strict = office.rt.calendars["strict"]
    left = strict.working_days_between(local(datetime.now(UTC)).date(), local(shown["due_at"]).date())
    due = long_moment(local(shown["due_at"]), locale)
    if locale == "en":
        assert "Deadline     : Settlement of the complaint (service standard)\n" in mail.text
        assert f"Due          : {due}\n" in mail.text
        assert f"Time left    : {left} working days\n" in mail.text
        assert not INDONESIAN.search(mail.subject + mail.text), INDONESIAN.search(mail.text)
    else:
        assert "Batas waktu  : Penyelesaian pengaduan (standar layanan)\n" in mail.text
        assert f"Jatuh tempo  : {due}\n" in mail.text
        assert f"Sisa waktu   : {left} hari kerja\n" in mail.text
        assert "Identitas Anda tidak disertakan" in mail.text


FORWARDED = {
    "hasil": "diteruskan_instansi_lain",
    "alasan": "Sengketa tanah antarwarga",
    "alasan_untuk_pelapor": "Sengketa tanah antarwarga menjadi kewenangan Kantor Pertanahan.",
    "instansi_tujuan": "Kantor Pertanahan",
}
OWN_NUMBER = "B-31/Kw.13/HM.01/01/2027"


def messages_to_reporter(office, ticket) -> list[str]:
    with office.sessions() as s:
        return s.scalars(
            select(CaseMessage.body)
            .join(Case)
            .where(Case.ticket == ticket, CaseMessage.direction == "to_reporter")
            .order_by(CaseMessage.id)
        ).all()


@pytest.mark.parametrize("numbered_by", ["office", "kawal"])
@pytest.mark.parametrize(
    ("locale", "says", "why"),
    [
        (
            "id",
            "Pengaduan Anda dengan nomor {ticket} di luar kewenangan kantor ini dan telah kami teruskan kepada"
            " Kantor Pertanahan Kota Contoh dengan surat penerusan Nomor {number} tanggal 12 Januari 2027.",
            "Alasannya dapat dibaca pada halaman pesan pengaduan Anda",
        ),
        (
            "en",
            "Your complaint {ticket} is outside this office's authority and we have forwarded it to Kantor Pertanahan"
            " Kota Contoh with the forwarding letter number {number} of 12 January 2027.",
            "The reason is given on your complaint's messages page",
        ),
    ],
)
def test_a_complaint_forwarded_to_another_agency_is_told_once_when_its_letter_is_recorded_with_the_agency_and_letter(
    app, settings, mailbox, office, clock, locale, says, why, numbered_by
):
    """Stage 4 (Penyaluran, legal-process.md §7.2: "tell the reporter"): the review decides the complaint goes to
    another agency; it is forwarded only when the forwarding letter is recorded. One mail then, naming the agency,
    the letter's number and date (the office's own number, or the one Kawal gave it), never the letter itself (it is
    the agency's); nothing at the review."""
    ticket = filed(office, locale)
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", FORWARDED)
    assert written(office, ticket) == ["complaint_receipt", "complaint_recorded"]  # nothing yet: not forwarded yet
    assert messages_to_reporter(office, ticket) == []
    clock.move_to(wib("2027-01-12"))
    letter = {"tanggal": "2027-01-12", "instansi_tujuan": "Kantor Pertanahan Kota Contoh"}
    if numbered_by == "office":
        letter["nomor_surat"] = OWN_NUMBER
    office.complete(ticket, "surat_penerusan", letter)
    told = written(office, ticket)
    assert told.count("complaint_referred") == 1
    assert "complaint_outcome" not in told
    number = OWN_NUMBER if numbered_by == "office" else letter_of(app, ticket, "surat_penerusan").number
    [mail] = send(app, settings, mailbox, "complaint_referred")
    assert send(app, settings, mailbox, "complaint_outcome") == []
    assert says.format(ticket=ticket, number=number) in " ".join(mail.text.split())
    assert why in mail.text
    assert mail.files == []  # the forwarding letter is the agency's
    assert "ombudsman.go.id" in mail.text
    assert "lapor.go.id" in mail.text
    assert FORWARDED["alasan_untuk_pelapor"] not in mail.text  # the officer's words: on the messages page only
    if locale == "en":
        assert not INDONESIAN.search(mail.subject + mail.text), INDONESIAN.search(mail.text)
    [page] = messages_to_reporter(office, ticket)  # the messages page says it once, with the reason
    assert page.startswith(
        "Pengaduan Anda di luar kewenangan kantor ini dan telah kami teruskan kepada Kantor Pertanahan Kota Contoh"
        f" dengan surat Nomor {number} tanggal 12 Januari 2027, tanpa identitas Anda. Alasannya: "
        + FORWARDED["alasan_untuk_pelapor"]
    )
    assert "Ombudsman Republik Indonesia" in page


def test_a_re_referral_to_another_unit_reads_on_the_status_page_as_before_and_is_not_told_again(office):
    ticket = filed(office)
    _verified(office, ticket)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", NOT_OURS)
    office.complete(ticket, "disposisi_ulang", {"langkah_disposisi": "unit_lain", "unit_tujuan": "PENDMAD"})
    assert office.case(ticket).status == "didisposisikan_unit"
    assert written(office, ticket).count("complaint_referred") == 1


def test_an_anonymous_reporter_who_gave_no_contact_is_sent_nothing_of_the_recording_or_the_referral(office):
    ticket = filed(office, mode="anonim")
    _verified(office, ticket)
    office.complete(ticket, "klasifikasi", KE_ITJEN)
    assert office.case(ticket).status == "diteruskan_itjen"
    assert written(office, ticket) == []


# -- 3: the outcome mail carries the outcome letter ------------------------------------------------------------------


def _settled(office, ticket):
    _verified(office, ticket)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", clarification("cukup_ditindaklanjuti"))
    office.complete(ticket, "tindak_lanjut", TINDAK_LANJUT)
    office.complete(ticket, "pemberitahuan_hasil", NOTICE)


def test_the_outcome_mail_attaches_the_notice_of_the_outcome_letter_of_record(app, settings, mailbox, office):
    ticket = filed(office, "id")
    _settled(office, ticket)
    render_letters(app)
    [mail] = send(app, settings, mailbox, "complaint_outcome")
    notice = letter_of(app, ticket, "pemberitahuan_hasil")
    assert f"  - Surat Pemberitahuan Hasil Penanganan Pengaduan Nomor {notice.number}" in mail.text
    assert "Surat tersebut terlampir pada e-mail ini" in mail.text
    assert mail.files == [file_name(notice)]
    assert hashlib.sha256(mail.bytes[file_name(notice)]).hexdigest() == notice.sha256
    assert "terjemahan" not in mail.text


def test_an_english_reporter_is_sent_the_indonesian_outcome_letter_and_its_translation_when_one_was_made(
    app, settings, mailbox, office
):
    ticket = filed(office, "en")
    _settled(office, ticket)
    with office.sessions.begin() as s:  # the team made the English copy for the reporter
        original = s.scalar(
            select(Letter).join(Case).where(Case.ticket == ticket, Letter.kind == "pemberitahuan_hasil")
        )
        issue.translate(s, office.rt, office.user(s, "tim"), original, "en")
    render_letters(app)
    [mail] = send(app, settings, mailbox, "complaint_outcome")
    original, translation = (letter_of(app, ticket, "pemberitahuan_hasil", x) for x in ("id", "en"))
    assert sorted(mail.files) == sorted([file_name(original), file_name(translation)])
    for letter in (original, translation):
        assert hashlib.sha256(mail.bytes[file_name(letter)]).hexdigest() == letter.sha256
    assert f"  - Notice of the Outcome of the Complaint, number {original.number}\n" in mail.text
    assert f"      Indonesian original, the letter of record: {file_name(original)}\n" in mail.text
    assert f"      English translation: {file_name(translation)}\n" in mail.text
    assert not INDONESIAN.search(mail.subject + mail.text), INDONESIAN.search(mail.text)


def test_an_english_reporter_sent_only_the_indonesian_outcome_letter_is_told_it_is_in_indonesian(
    app, settings, mailbox, office
):
    ticket = filed(office, "en")
    _settled(office, ticket)
    render_letters(app)
    [mail] = send(app, settings, mailbox, "complaint_outcome")
    original = letter_of(app, ticket, "pemberitahuan_hasil")
    assert mail.files == [file_name(original)]
    assert f"  - Notice of the Outcome of the Complaint, number {original.number} (in Indonesian)\n" in mail.text


def test_an_outcome_mail_sent_before_its_letter_is_rendered_links_where_to_download_it(app, settings, mailbox, office):
    ticket = filed(office, "id")
    _settled(office, ticket)
    [mail] = send(app, settings, mailbox, "complaint_outcome")  # the render job has not run yet
    assert mail.files == []
    assert "  - Surat Pemberitahuan Hasil Penanganan Pengaduan Nomor " in mail.text
    assert f"Unduh surat tersebut di {PUBLIC}/publik/status?kasus={ticket}" in mail.text


# -- 4: the evidence request states the rule of the complaint's channel and counts days as that rule does ------------


def _asked_for_evidence(office, ticket):
    _verified(office, ticket)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", clarification("perlu_bukti_pelapor"))
    office.complete(ticket, "minta_bukti", {"pertanyaan": QUESTION})


def _evidence_lines(mail: Mail) -> str:
    return mail.text.split("Dasar hukum" if "Dasar hukum" in mail.text else "Legal basis", 1)[1].split("\n\n")[0]


@pytest.mark.parametrize(
    ("locale", "basis", "left", "unit"),
    [
        ("id", "Dasar hukum  : UU 25/2009 Pasal 45 (30 hari)\n", "Sisa waktu   : {days} hari\n", "hari kerja"),
        ("en", "Legal basis  : Law 25/2009 Article 45 (30 days)\n", "Time left    : {days} days\n", "working day"),
    ],
)
def test_a_web_complaint_s_evidence_request_gives_the_thirty_days_of_the_law_counted_in_days(
    app, settings, mailbox, office, locale, basis, left, unit
):
    ticket = filed(office, locale)
    _asked_for_evidence(office, ticket)
    [asked] = send(app, settings, mailbox, "complaint_question")
    due = local(office.deadline(ticket, "BUKTI").due_at)
    days = (due.date() - local(datetime.now(UTC)).date()).days
    assert days >= 30  # 30 days, on the reporter's (lenient) reading
    assert basis in asked.text
    assert "SP4N-LAPOR!" not in asked.text  # not this complaint's channel
    assert left.format(days=days) in asked.text
    assert unit not in _evidence_lines(asked)


@pytest.mark.parametrize(
    ("locale", "basis", "left"),
    [
        ("id", "Dasar hukum  : SP4N-LAPOR! (10 hari kerja)\n", "Sisa waktu   : 10 hari kerja\n"),
        ("en", "Legal basis  : SP4N-LAPOR! (10 working days)\n", "Time left    : 10 working days\n"),
    ],
)
def test_a_complaint_from_sp4n_lapor_gives_its_working_days_and_not_the_law_s_thirty_days(
    app, settings, mailbox, office, locale, basis, left
):
    with office.sessions.begin() as s:  # recorded by the team from SP4N-LAPOR!, the reporter writing in English
        sub = complaints.submit_complaint(
            s,
            office.rt,
            complaint_payload(),
            user=office.user(s, "tim"),
            channel="lapor",
            received_at=FILED - timedelta(minutes=5),
            locale=locale,
        )
        ticket = sub.case.ticket
    _asked_for_evidence(office, ticket)
    [asked] = send(app, settings, mailbox, "complaint_question")
    assert basis in asked.text
    assert "Pasal 45" not in asked.text
    assert "Article 45" not in asked.text
    assert left in asked.text


def test_the_reporter_s_reminder_counts_the_thirty_day_window_in_days(app, settings, mailbox, office, clock):
    ticket = filed(office, "id")
    _asked_for_evidence(office, ticket)
    bukti = office.deadline(ticket, "BUKTI")
    with office.sessions() as s:
        before = s.scalar(select(Reminder).where(Reminder.deadline_id == bukti.id, Reminder.audience == "requester"))
    clock.move_to(before.fire_at + timedelta(seconds=1))
    with office.sessions.begin() as s:
        assert before.id in [r.id for r in reminders.due(s)]
        remind(s, office.rt, s.get(Reminder, before.id))
    [reminder] = send(app, settings, mailbox, "reporter_reminder")
    days = (local(bukti.due_at).date() - local(datetime.now(UTC)).date()).days
    assert "Dasar hukum  : UU 25/2009 Pasal 45 (30 hari)\n" in reminder.text
    assert f"Sisa waktu   : {days} hari\n" in reminder.text
    assert "hari kerja" not in _evidence_lines(reminder)


@pytest.mark.parametrize(
    ("locale", "named", "attached"),
    [
        (
            "id",
            "  - Surat Permintaan Kelengkapan Data/Bukti Nomor {number}\n",
            "Surat tersebut terlampir pada e-mail ini",
        ),
        (
            "en",
            "  - Request for Supporting Evidence, number {number} (in Indonesian)\n",
            "It is attached to this e-mail",
        ),
    ],
)
def test_the_evidence_request_mail_attaches_the_office_s_surat_permintaan_kelengkapan_data_bukti(
    app, settings, mailbox, office, locale, named, attached
):
    """§7.4: the office sends the reporter a Surat Permintaan Kelengkapan Data/Bukti; the evidence request's mail goes
    with it as the receipt's and the outcome's go with theirs: the letter of record attached once rendered."""
    ticket = filed(office, locale)
    _asked_for_evidence(office, ticket)
    render_letters(app)
    [asked] = send(app, settings, mailbox, "complaint_question")
    request = letter_of(app, ticket, "surat_permintaan_bukti")
    assert named.format(number=request.number) in asked.text
    assert attached in asked.text
    assert asked.files == [file_name(request)]
    assert hashlib.sha256(asked.bytes[file_name(request)]).hexdigest() == request.sha256  # the letter of record
    if locale == "en":
        assert not INDONESIAN.search(asked.subject + asked.text), INDONESIAN.search(asked.text)


def test_a_follow_up_question_after_the_evidence_request_goes_without_its_letter(app, settings, mailbox, office):
    """The letter is the evidence request's: a later question of the team's (outside any task) is not sent with it,
    nor is a mail sent before the letter is rendered without saying where to download it."""
    ticket = filed(office, "id")
    _asked_for_evidence(office, ticket)
    [asked] = send(app, settings, mailbox, "complaint_question")  # the render job has not run yet
    request = letter_of(app, ticket, "surat_permintaan_bukti")
    assert asked.files == []
    assert f"  - Surat Permintaan Kelengkapan Data/Bukti Nomor {request.number}\n" in asked.text
    assert f"Unduh surat tersebut di {PUBLIC}/publik/status?kasus={ticket}" in asked.text
    render_letters(app)
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        complaints.officer_message(s, office.rt, office.user(s, "tim"), case, "Kapan tepatnya uang itu diminta?")
    [follow_up] = send(app, settings, mailbox, "complaint_question")
    assert follow_up.files == []
    assert "Surat Permintaan Kelengkapan" not in follow_up.text


# -- 5: the apology for a late complaint names the routes outside the office -----------------------------------------


@pytest.mark.parametrize(
    ("locale", "route", "late"),
    [
        (
            "id",
            "Anda dapat menyampaikan pengaduan kepada Ombudsman Republik Indonesia (UU 25/2009 Pasal 46;"
            " ombudsman.go.id) atau melalui SP4N-LAPOR! (lapor.go.id)",
            "Terlambat    : 1 hari\n",
        ),
        (
            "en",
            "you may complain to the Ombudsman of the Republic of Indonesia (Law 25/2009 Article 46; ombudsman.go.id)"
            " or through SP4N-LAPOR! (lapor.go.id)",
            "Overdue by   : 1 day\n",
        ),
    ],
)
def test_the_apology_for_a_late_complaint_names_the_ombudsman_and_sp4n_lapor_and_counts_the_sixty_days_in_days(
    app, settings, mailbox, office, clock, locale, route, late
):
    """S60 from Mon 11 Jan 2027 ends Tue 16 Mar 2027, 16:00 WIB on the lenient reading
    (test_legal_complaint_clocks): on Wed 17 Mar the complaint is one day late on every reading."""
    ticket = filed(office, locale)
    _verified(office, ticket)
    clock.move_to(wib("2027-01-12"))
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    clock.move_to(wib("2027-03-17"))
    office.run(ticket)
    mails = send(app, settings, mailbox, "overdue_apology")
    assert mails  # the service standard's lapse and the law's
    for mail in mails:
        assert route in " ".join(mail.text.split())
    law = "Legal basis  : Law 25/2009 Article 50;" if locale == "en" else "Dasar hukum  : UU 25/2009 Pasal 50;"
    [s60] = [m for m in mails if law in m.text]
    assert late in s60.text
    if locale == "en":
        assert not INDONESIAN.search(s60.subject + s60.text), INDONESIAN.search(s60.text)


# A period the law counts in days, in every message that states one, as the day it is sent reads it.
DAYS_EVENTS = (
    "complaint_receipt",
    "complaint_recorded",
    "complaint_referred",
    "complaint_question",
    "complaint_outcome",
    "complaint_reopened",
    "reporter_reminder",
    "overdue_apology",
)


@pytest.mark.parametrize("event", DAYS_EVENTS)
@pytest.mark.parametrize(
    ("locale", "days", "says"),
    [
        ("id", 5, "Sisa waktu   : 5 hari\n"),
        ("id", 0, "Sisa waktu   : 0 hari (hari ini hari terakhir)\n"),
        ("id", -4, "Terlambat    : 4 hari\n"),
        ("en", 1, "Time left    : 1 day\n"),
        ("en", 0, "Time left    : 0 days (today is the last day)\n"),
        ("en", -1, "Overdue by   : 1 day\n"),
    ],
)
def test_a_period_the_law_counts_in_days_is_written_in_days_in_every_sign(event, locale, days, says):
    today = datetime(2027, 3, 10, 2, 0, tzinfo=UTC)  # Wed 10 Mar 2027, 09:00 WIB
    due = local(today + timedelta(days=days)).replace(hour=16, minute=0)
    context = {
        "ticket": "ADU-2027-000001",
        "deadline": "S60",
        "legal_basis": "UU 25/2009 Pasal 50; Perpres 76/2013 (60 hari sejak berkas lengkap)",
        "due_at": due.isoformat(timespec="minutes"),
        "working_days_left": 99,  # the working days the row counted: not what the reader is told
        "day_unit": "calendar_days",
        "status_code": "didisposisikan_unit",
        "portal_hint": "complaint",
    }
    with time_machine.travel(today, tick=False):
        _subject, body = render(event, locale, context)
        _subject, older = render(event, locale, {**context, "due_at": f"{due:%d-%m-%Y %H:%M} WIB"})  # lateness' form
    for text in (body, older):
        assert says in text
        assert "99" not in text
        assert "hari kerja" not in text
        assert "working day" not in text
