"""Kawal's e-mails as their receivers read them (an acceptance walk's findings): each case walked on a real database,
its messages sent by the sender the RQ job runs (notifications.delivery) through a real SMTP server (tests/smtp.py),
and the mail that arrives read, in the language its reader filed in.

A requester who filed in English reads English throughout; every mail to a requester or reporter links the portal's
status page (KAWAL_PUBLIC_URL), never with the access code; the notices name the letter they go with, attached once
rendered; the decision and the superior's response give the last day of the requester's next step; dates are written
one way, in the reader's language (legal-process.md §3.7, §4.2, §4.4).
"""

import hashlib
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import casework, complaints, intake, lost_codes, queries, reminders
from engine.files import FileStore
from engine.letters import production
from engine.letters.render import MONTHS
from engine.models import Case, FeeRate, Letter, Notification, Reminder, User
from engine.notices import remind
from notifications import delivery
from notifications.channels import channels_from_settings
from tests.conftest import complaint_payload, request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import NOTICE, decision
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import CATAT, KE_UNIT, LAYAK, QUESTION, TANGGAPAN_UNIT, clarification

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
PUBLIC = "https://ppid.kanwil.example"
CONTACT = "Telp. (021) 555-0100, ppid@kanwil.example"
# What an English reader must never meet: the Indonesian of the rows, the labels, the dates and the old hint.
INDONESIAN = re.compile(
    r"Pasal|hari kerja|Batas waktu|Jatuh tempo|Ditolak|Dikecualikan|Dikabulkan|Desember|Januari|Februari|portal layanan"
    r"|Ikuti|Hormat kami|Pemberitahuan tertulis"
)
OLD_DATE = re.compile(r"\b\d{2}-\d{2}-\d{4}\b")


@pytest.fixture
def settings_overrides(mailbox):
    return {
        "KAWAL_NOTIFY_CHANNELS": "smtp",
        "KAWAL_SMTP_HOST": "127.0.0.1",
        "KAWAL_SMTP_PORT": str(mailbox.port),
        "KAWAL_SMTP_FROM": "ppid@kanwil.example",
        "KAWAL_PUBLIC_URL": PUBLIC,
        "KAWAL_OFFICE_CONTACT": CONTACT,
    }


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


class Mail:
    """One message as its receiver has it: subject, plain text, attachments' names."""

    def __init__(self, message):
        self.to = message["To"]
        self.subject = " ".join(str(message["Subject"]).split())
        part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
        self.text = part.get_payload(decode=True).decode("utf-8").replace("\r\n", "\n")
        self.files = [p.get_filename() for p in message.walk() if p.get_filename()]
        self.bytes = {p.get_filename(): p.get_payload(decode=True) for p in message.walk() if p.get_filename()}
        self.language = message["Content-Language"]


def send(app, settings, mailbox, event: str) -> list[Mail]:
    """Run the sender for every pending e-mail of ``event``; the mails that arrived for it."""
    before = len(mailbox.messages)
    with app.app_context():
        ids = db.session.scalars(
            select(Notification.id).where(Notification.event == event, Notification.status == "pending")
        ).all()
        rt = app.extensions["kawal_runtime"]
        for notification_id in ids:
            assert delivery.deliver(db.session, rt, channels_from_settings(settings), notification_id) == "sent"
        db.session.remove()
    return [Mail(m) for m in mailbox.messages[before:]]


def filed(office, locale=None, **payload) -> tuple[str, str]:
    """A request filed online in ``locale`` (``payload``: what it asks besides the defaults): its ticket and access
    code."""
    with office.sessions.begin() as s:
        sub = intake.submit_request(s, office.rt, request_payload(**payload), locale=locale)
        return sub.case.ticket, sub.access_code


def decided(office, ticket, outcome="ditolak_dikecualikan", **notice) -> None:
    """Through the decision to its written notice, sent by e-mail the day the request came in (``notice``: what the
    notice's form says besides the defaults, e.g. the copies that cost a fee)."""
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision(outcome))
    office.decisions[ticket] = outcome
    if outcome in ("ditolak_dikecualikan", "dikabulkan_sebagian"):
        office.complete(ticket, "uji_konsekuensi")
        office.complete(ticket, "tetapkan_pengecualian")
    data = {**NOTICE[outcome], "tanggal_pemberitahuan": "2026-12-02"}
    if "jadwal_penyerahan" in data:  # the information goes the day the notice does
        data["jadwal_penyerahan"] = "2026-12-02"
    data = {key: value for key, value in {**data, **notice}.items() if value is not None}  # None: left out
    office.complete(ticket, "pemberitahuan_tertulis", data)


# Most tests start from a request filed online and refused, its written notice given by e-mail: built once per worker
# and language and copied for every later test (kept_database). Its mails wait in the outbox (Notification rows, in
# the database) until a test's ``send`` delivers them.
@pytest.fixture
def refused(office, kept_database):
    """``refused(locale)``: a request filed online in ``locale`` and refused as exempt with its written notice sent
    (``filed`` and ``decided``): its ticket and access code."""

    def _refused(locale):
        def build():
            ticket, code = filed(office, locale)
            decided(office, ticket)
            return ticket, code

        ticket, code = kept_database(f"mail_words-refused-{locale}", build)
        office.decisions[ticket] = "ditolak_dikecualikan"
        return ticket, code

    return _refused


def render_letters(app) -> None:
    """What the render job does after the commit: every pending letter's PDF."""
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        store = FileStore.of(rt.settings, rt.vault)
        for letter_id in db.session.scalars(select(Letter.id).where(Letter.status == "pending")).all():
            pdf = production.produce(rt, production.prepare(db.session, rt, letter_id))
            production.record(db.session, rt, store, letter_id, pdf)
            db.session.commit()


def long_day(at: datetime, locale: str) -> str:
    return f"{at.day} {MONTHS[locale][at.month - 1]} {at.year}"


def status_link(ticket: str) -> str:
    return f"{PUBLIC}/publik/status?kasus={ticket}"


def window_end(office, ticket) -> date:
    """The day the requester is told to file by in their window, as the portal's status page shows it: the earliest
    reading's end while it has not passed (legal-process.md §2.2; engine.chain ``Window.told_on``)."""
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        [window] = queries.public_status(s, case, "id", office.rt)["windows"]
        return window["file_by"]


def answered(office, ticket, outcome="keberatan_ditolak") -> None:
    """The objection registered, decided by the superior (dismissed unless ``outcome`` says otherwise) and its response
    sent by e-mail."""
    office.complete(ticket, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    office.complete(ticket, "susun_kronologi", {"kronologi": "Ditolak", "pertimbangan_ppid": "Dikecualikan"})
    reasons = "Informasi dikecualikan berdasarkan Pasal 17 huruf h; uji konsekuensi terlampir."
    decided = {"keputusan": outcome, "tanggal_keputusan": "2026-12-02", "alasan_tertulis": reasons}
    if outcome != "keberatan_ditolak":
        decided["perintah_kepada_ppid"] = "Serahkan informasi yang diminta"
    office.complete(ticket, "putuskan_keberatan", decided)
    office.complete(ticket, "kirim_tanggapan", {"tanggal_dikirim": "2026-12-02", "dikirim_melalui": "email"})


# -- 1, 2, 10: the reader's language, the link, one way of writing dates ------------------------------------------


def test_a_requester_who_filed_in_english_reads_the_receipt_and_the_decision_in_english_throughout(
    app, settings, mailbox, refused
):
    ticket, code = refused("en")
    [receipt] = send(app, settings, mailbox, "receipt")
    [notice] = send(app, settings, mailbox, "decision_notice")
    assert notice.subject == f"Written Notice on Request {ticket}: Rejected (Exempt)"
    assert "Decision     : Rejected (Exempt)" in notice.text
    assert "Deadline     : Written notice (10 working days)" in receipt.text
    assert "Legal basis  : Law 14/2008 Article 22(7)" in receipt.text  # engine.citations, as the English letters
    assert "Due          : 16 December 2026, 16:00 WIB" in receipt.text  # T10: 10 working days after 2 Dec
    for mail in (receipt, notice):
        assert mail.language == "en"
        assert not INDONESIAN.search(mail.subject + mail.text), INDONESIAN.search(mail.subject + mail.text)
        assert not OLD_DATE.search(mail.text)
        assert f"Follow your request at {status_link(ticket)} with number {ticket}" in mail.text
        assert code not in mail.text  # the code is never written into a mail that is not about a new code


def test_every_mail_to_a_requester_links_the_status_page_with_its_ticket_and_never_the_access_code(
    app, settings, mailbox, office
):
    ticket, code = filed(office)
    decided(office, ticket)
    mails = send(app, settings, mailbox, "receipt") + send(app, settings, mailbox, "decision_notice")
    assert len(mails) == 2
    for mail in mails:
        assert mail.language == "id"
        assert f"Ikuti perkembangan permohonan Anda di {status_link(ticket)} dengan nomor {ticket}" in mail.text
        assert f"Minta kode baru di {PUBLIC}/publik/kode-hilang." in mail.text
        assert "portal layanan ini" not in mail.text
        assert code not in mail.text
        for link in re.findall(r"https?://\S+", mail.text):
            assert link.startswith(PUBLIC)
            assert code not in link
    assert "Jatuh tempo  : 16 Desember 2026 pukul 16.00 WIB" in mails[0].text  # one long form, in Indonesian
    assert not OLD_DATE.search(mails[0].text + mails[1].text)


# -- 3, 7: the notices name their letters, attach them once rendered, and give the next step's last day ----------


@pytest.mark.parametrize("locale", ["id", "en"])
def test_the_written_notice_mail_attaches_its_rendered_letters_and_gives_the_last_day_to_object(
    app, settings, mailbox, office, refused, locale
):
    ticket, _code = refused(locale)
    render_letters(app)
    [notice] = send(app, settings, mailbox, "decision_notice")
    with app.app_context():
        letters = db.session.scalars(
            select(Letter)
            .join(Case)
            .where(Case.ticket == ticket, Letter.locale == locale, Letter.to_requester.is_(True))
            .order_by(Letter.id)
        ).all()
    numbers = {x.kind: x.number for x in letters}
    assert set(numbers) == {"pemberitahuan_tertulis", "keputusan_penolakan", "tanda_bukti_penerimaan"}
    assert sorted(notice.files) == sorted(  # an English reader's: the originals and their translations
        f"{numbers[kind].replace('/', '-')}.{language}.pdf"
        for kind in ("pemberitahuan_tertulis", "keputusan_penolakan")
        for language in sorted({"id", locale})
    )
    last_day = window_end(office, ticket)
    shown = long_day(last_day, locale)  # the date the status page shows, as the reader writes dates
    if locale == "en":
        assert f"  - Written Notice, number {numbers['pemberitahuan_tertulis']}" in notice.text
        assert "These letters are attached to this e-mail" in notice.text
        assert f"within 30 (thirty) working days of receiving this notice, that is by {shown}," in notice.text
    else:
        assert f"  - Pemberitahuan Tertulis Nomor {numbers['pemberitahuan_tertulis']}" in notice.text
        assert f"Nomor {numbers['keputusan_penolakan']}" in notice.text
        assert "Surat tersebut terlampir pada e-mail ini" in notice.text
        assert f"setelah menerima pemberitahuan ini, yaitu sampai dengan {shown}," in notice.text


def _letters_of(app, ticket) -> dict[tuple[str, str], Letter]:
    """The requester's letters of a case by kind and language."""
    with app.app_context():
        rows = db.session.scalars(
            select(Letter).join(Case).where(Case.ticket == ticket, Letter.to_requester.is_(True))
        ).all()
        db.session.expunge_all()
    return {(x.kind, x.locale): x for x in rows}


def test_an_english_reader_is_sent_the_indonesian_letter_of_record_and_its_english_translation_each_named(
    app, settings, mailbox, refused
):
    ticket, _code = refused("en")
    render_letters(app)
    [notice] = send(app, settings, mailbox, "decision_notice")
    letters = _letters_of(app, ticket)
    for kind, title in (("pemberitahuan_tertulis", "Written Notice"), ("keputusan_penolakan", "Decision Rejecting")):
        original, translation = letters[(kind, "id")], letters[(kind, "en")]
        assert translation.translation_of_id == original.id
        name = original.number.replace("/", "-")
        for letter, file in ((original, f"{name}.id.pdf"), (translation, f"{name}.en.pdf")):
            assert hashlib.sha256(notice.bytes[file]).hexdigest() == letter.sha256  # the file of record, byte for byte
        listed = notice.text.split(f"number {original.number}\n", 1)[1]
        assert listed.startswith(
            f"      Indonesian original, the letter of record: {name}.id.pdf\n"
            f"      English translation: {name}.en.pdf\n"
        ), notice.text
        assert title in notice.text
    assert len(notice.files) == 4


def test_an_indonesian_reader_is_sent_the_letters_of_record_alone(app, settings, mailbox, refused):
    ticket, _code = refused("id")
    render_letters(app)
    [notice] = send(app, settings, mailbox, "decision_notice")
    letters = _letters_of(app, ticket)
    assert not any(language == "en" for _kind, language in letters)
    assert sorted(notice.files) == sorted(
        f"{letters[(kind, 'id')].number.replace('/', '-')}.id.pdf"
        for kind in ("pemberitahuan_tertulis", "keputusan_penolakan")
    )
    assert "terjemahan" not in notice.text


def test_an_english_reader_told_to_download_the_letters_is_told_each_comes_as_the_original_and_its_translation(
    app, settings, mailbox, office
):
    ticket, _code = filed(office, "en")
    decided(office, ticket, "tidak_dikuasai")
    [notice] = send(app, settings, mailbox, "decision_notice")  # the render job has not run yet
    assert notice.files == []
    listed = re.search(r"\n  - Written Notice, number \S+(.*)\n", notice.text)
    assert listed[1] == " (the Indonesian original, which is the letter of record, and its English translation)"
    assert f"Download it at {status_link(ticket)}" in notice.text


def test_a_notice_sent_before_its_letter_is_rendered_names_the_letter_and_links_where_to_download_it(
    app, settings, mailbox, office
):
    ticket, _code = filed(office)
    decided(office, ticket, "tidak_dikuasai")
    [notice] = send(app, settings, mailbox, "decision_notice")  # the render job has not run yet
    assert notice.files == []
    assert "  - Pemberitahuan Tertulis Nomor " in notice.text
    assert f"Unduh surat tersebut di {status_link(ticket)} dengan nomor {ticket} dan kode akses Anda." in notice.text
    assert "terlampir" not in notice.text


@pytest.mark.parametrize("locale", ["id", "en"])
def test_the_superior_s_response_gives_the_last_day_to_go_to_the_commission_not_its_own_met_deadline(
    app, settings, mailbox, office, refused, locale
):
    request, _code = refused(locale)
    objection = office.objection(request)  # filed online: its receipt goes before an officer registers it
    [receipt] = send(app, settings, mailbox, "objection_receipt")
    answered(office, objection)
    render_letters(app)
    [response] = send(app, settings, mailbox, "objection_response")
    last_day = window_end(office, objection)
    shown = long_day(last_day, locale)  # the date the status page shows, as the reader writes dates
    with app.app_context():
        numbers = dict(
            db.session.execute(
                select(Letter.kind, Letter.number).join(Case).where(Case.ticket == objection, Letter.locale == locale)
            ).all()
        )
    name = numbers["tanggapan_atasan"].replace("/", "-")
    assert response.files == [f"{name}.{language}.pdf" for language in sorted({"id", locale}, reverse=True)]
    assert "Sisa waktu" not in response.text
    assert "Time left" not in response.text
    if locale == "en":
        assert f"that is by {shown} (Law 14/2008 Article 37(2))" in response.text
        assert (
            f"  - The PPID Superior's Response to the Objection, number {numbers['tanggapan_atasan']}" in response.text
        )
        assert "once an officer has registered the objection" in receipt.text  # filed online: registered later
        assert not INDONESIAN.search(response.subject + response.text + receipt.subject + receipt.text)
    else:
        assert f"paling lambat 14 hari kerja sejak tanggapan ini diterima, yaitu sampai dengan {shown} (" in (
            response.text
        )
        assert f"  - Tanggapan Atasan PPID atas Keberatan Nomor {numbers['tanggapan_atasan']}" in response.text
        assert "setelah keberatan diregistrasi oleh petugas" in receipt.text
    assert status_link(objection) in receipt.text
    assert status_link(objection) in response.text
    assert "Salinan formulir keberatan ini berlaku sebagai tanda terima" not in receipt.text  # nothing was attached


# -- 4: the survey is a page, not an API call ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "says"), [("id", "Isi survei kepuasan masyarakat"), ("en", "Answer the satisfaction survey")]
)
def test_the_survey_mail_links_the_status_page_and_names_no_api_call(app, settings, mailbox, office, locale, says):
    ticket, _code = filed(office, locale)
    with office.sessions.begin() as s:
        casework.withdraw_request(s, office.rt, s.scalar(select(Case).where(Case.ticket == ticket)), "")
    [survey] = send(app, settings, mailbox, "survey_invitation")
    assert "/api/" not in survey.text
    assert "POST" not in survey.text
    assert status_link(ticket) in survey.text
    assert f"\u201c{says}\u201d" in survey.text  # the button on the status page that opens the survey


# -- 11: a withdrawal is confirmed to the requester ------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "when", "contact"),
    [
        ("id", "telah dicabut pada 3 Desember 2026 pukul 09.30 WIB", f"segera hubungi PPID ({CONTACT})"),
        ("en", "was withdrawn on 3 December 2026, 09:30 WIB", f"contact the PPID at once ({CONTACT})"),
    ],
)
def test_a_withdrawn_request_is_confirmed_to_the_requester_with_when_and_whom_to_call_if_it_was_not_them(
    app, settings, mailbox, office, clock, locale, when, contact
):
    ticket, code = filed(office, locale)
    clock.move_to(datetime(2026, 12, 3, 2, 30, tzinfo=UTC))
    with office.sessions.begin() as s:
        casework.withdraw_request(s, office.rt, s.scalar(select(Case).where(Case.ticket == ticket)), "Tidak perlu lagi")
    [confirmation] = send(app, settings, mailbox, "request_withdrawn")
    assert confirmation.to == request_payload()["requester"]["email"]
    assert ticket in confirmation.subject
    assert when in confirmation.text
    assert contact in confirmation.text
    assert f"{PUBLIC}/publik/kode-hilang" in confirmation.text
    assert code not in confirmation.text


# -- 5, 6: the officers' reminder after the due day, the escalation's subject ----------------------------------


def _officers_have_mail(office) -> None:
    with office.sessions.begin() as s:
        for user in s.scalars(select(User).where(User.email.is_(None))):
            user.email = f"{user.username}@kanwil.example"


def test_the_reminder_the_day_after_a_missed_deadline_says_it_has_passed_and_the_escalation_has_one_clear_subject(
    app, settings, mailbox, office, clock
):
    _officers_have_mail(office)
    ticket, _code = filed(office)
    t10 = office.deadline(ticket, "T10")
    with office.sessions() as s:
        after = s.scalar(select(Reminder).where(Reminder.deadline_id == t10.id, Reminder.kind == "T+1"))
    assert after.fire_at.astimezone(office.rt.calendars["strict"].tz).date().isoformat() == "2026-12-17"
    clock.move_to(t10.due_at + timedelta(seconds=2))
    office.run(ticket)  # T10 lapses: the superior is given the escalation
    [escalation] = send(app, settings, mailbox, "escalation")
    assert escalation.subject == (
        f"Eskalasi kepada Atasan PPID: permohonan {ticket} terlambat - Pemberitahuan tertulis (10 hari kerja)"
    )
    assert "(T10)" not in escalation.subject
    clock.move_to(after.fire_at + timedelta(seconds=1))
    with office.sessions.begin() as s:
        assert [r.id for r in reminders.due(s)] == [after.id]
        remind(s, office.rt, s.get(Reminder, after.id))
    mails = send(app, settings, mailbox, "deadline_reminder")
    # T+1 goes to the superiors (permohonan_informasi.bpmn): the PPID over the desk; the Atasan PPID read of the lapse
    # in the escalation, once (tests/reminders/test_escalated_lapse.py).
    assert {m.to for m in mails} == {"ppid@kanwil.example"}
    for mail in mails:
        assert mail.subject == f"Batas waktu terlewati - permohonan {ticket}"
        assert "Batas waktu berikut sudah terlewati" in mail.text
        assert "Terlambat    : 1 hari kerja" in mail.text
        assert "sudah dekat" not in mail.text
        assert "sebelum jatuh tempo" not in mail.text


# -- 8: a complaint question speaks of "deemed withdrawn" only with the evidence window, and its date ------------

COMPLAINT_FILED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB


def complaint(office, locale=None) -> tuple[str, str]:
    with office.sessions.begin() as s:
        sub = complaints.submit_complaint(s, office.rt, complaint_payload("rahasia"), locale=locale)
        return sub.case.ticket, sub.access_code


def test_a_complaint_question_says_deemed_withdrawn_only_while_the_evidence_window_runs_and_until_when(
    app, settings, mailbox, office, clock
):
    clock.move_to(COMPLAINT_FILED)
    ticket, _code = complaint(office)
    office.complete(ticket, "catat_pengaduan", CATAT)
    with office.sessions.begin() as s:  # a follow-up question outside any evidence request
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        complaints.officer_message(s, office.rt, office.user(s, "tim"), case, "Di loket mana pungutan diminta?")
    [question] = send(app, settings, mailbox, "complaint_question")
    assert "dianggap dicabut" not in question.text
    assert f"Baca dan jawab pesan petugas di {status_link(ticket)}" in question.text
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", clarification("perlu_bukti_pelapor"))
    office.complete(ticket, "minta_bukti", {"pertanyaan": QUESTION})
    [asked] = send(app, settings, mailbox, "complaint_question")
    due = office.deadline(ticket, "BUKTI").due_at.astimezone(office.rt.calendars["lenient"].tz)
    months = ("Januari", "Februari", "Maret")
    written = f"{due.day} {months[due.month - 1]} {due.year} pukul {due:%H.%M} WIB"
    assert f"Jika kelengkapan yang diminta tidak kami terima sampai {written}, pengaduan dianggap dicabut" in asked.text
    assert f"Jatuh tempo  : {written}" in asked.text


# -- 9: a reporter's new code is the complaint team's, to the reporter -----------------------------------------


@pytest.mark.parametrize(
    ("locale", "greeting", "signed", "never"),
    [
        ("id", "Yth. Pelapor,", "Hormat kami,\nTim Pengelola Pengaduan", "abaikan pesan ini"),
        ("en", "Dear Reporter,", "Kind regards,\nComplaint Handling Team", "ignore this message"),
    ],
)
def test_a_reporter_s_new_code_greets_the_reporter_is_signed_by_the_complaint_team_and_does_not_contradict_itself(
    app, settings, mailbox, office, clock, locale, greeting, signed, never
):
    clock.move_to(COMPLAINT_FILED)
    ticket, old_code = complaint(office, locale)
    with office.sessions.begin() as s:
        # A complaint's new code goes only to a request that names the reporter's contact (engine.lost_codes).
        lost_codes.send_new_code(s, office.rt, ticket, "198.51.100.7", complaint_payload()["pelapor"]["email"])
    [mail] = send(app, settings, mailbox, "access_code_resent")
    assert mail.text.startswith(greeting)
    assert mail.text.rstrip().endswith(signed)
    assert "Pemohon" not in mail.text
    assert "Requester" not in mail.text
    assert never not in mail.text
    assert old_code not in mail.text
    assert status_link(ticket) in mail.text
    new_code = re.search(r"\n  (\S+)\n", mail.text).group(1)
    assert all(new_code not in link for link in re.findall(r"https?://\S+", mail.text))


# -- the fee a granted notice states, and what each outcome's mail says of the information (legal-process.md §3.7) --

FEE_BASIS = "Keputusan Kepala Kantor Wilayah Nomor 12 Tahun 2026 tentang Standar Biaya Layanan Informasi Publik"
PAYMENT = "Transfer ke rekening BLU Kanwil, BRI 0123-01-000123-30-1"
# A printed copy asked for by post; the notice's copies: 12 printed pages at Rp500 and a postal delivery at Rp20.000
# (engine.fees.assess), a fee for only the copy given, sent as asked (engine.letters.completeness.fee_items).
BY_POST = {"obtain_method": "salinan_hardcopy", "delivery_method": "pos"}
WITH_FEE = {"biaya": None, "jumlah_halaman": 12, "dikirim_pos": True, "cara_pembayaran": PAYMENT}
FEE_WORDS = re.compile(r"Biaya |Cara pembayaran|pembayaran Anda|Fee |How to pay|your payment|IDR|Rp\d")


def priced(office) -> None:
    """The office's fee standard since January: a printed page Rp500, a postal delivery Rp20.000."""
    with office.sessions.begin() as s:
        for code, amount in (("halaman", 500), ("pos", 20_000)):
            s.add(
                FeeRate(
                    code=code,
                    amount=amount,
                    effective_from=date(2026, 1, 2),
                    legal_basis=FEE_BASIS,
                    actor="admin",
                    at=RECEIVED,
                )
            )


@pytest.mark.parametrize(
    ("locale", "fee", "how", "waits", "obtain"),
    [
        (
            "id",
            "  Biaya            : Rp26.000",
            f"  Cara pembayaran  : {PAYMENT}",
            "Informasi diserahkan setelah pembayaran Anda dicatat oleh PPID.",
            "Rincian keputusan beserta alasannya, serta cara memperoleh informasi, tercantum dalam surat",
        ),
        (
            "en",
            "  Fee          : IDR 26,000",
            f"  How to pay   : {PAYMENT}",
            "The information is delivered once the PPID has recorded your payment.",
            "The details of the decision and its reasons, and how you obtain the information, are set out in",
        ),
    ],
)
def test_a_granted_notice_with_a_fee_states_the_amount_how_to_pay_and_that_the_information_waits_for_the_payment(
    app, settings, mailbox, office, locale, fee, how, waits, obtain
):
    priced(office)
    ticket, _code = filed(office, locale, **BY_POST)
    decided(office, ticket, "dikabulkan_seluruhnya", **WITH_FEE)
    assert office.open_tasks(ticket) == ["catat_pembayaran"]  # the process waits for the payment
    render_letters(app)
    [notice] = send(app, settings, mailbox, "decision_notice")
    assert fee in notice.text
    assert how in notice.text  # as the written notice says it (its form's cara_pembayaran)
    assert waits in notice.text
    assert obtain in notice.text
    assert notice.text.index(fee) < notice.text.index(waits)
    with app.app_context():  # read when sent, never kept in the outbox row
        row = db.session.scalar(select(Notification).where(Notification.event == "decision_notice"))
        assert PAYMENT not in str(row.context)
        assert "26000" not in str(row.context).replace("_", "")


@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize("outcome", ["dikabulkan_sebagian", "ditolak_dikecualikan"])
def test_a_notice_without_a_fee_has_no_fee_block(app, settings, mailbox, office, locale, outcome):
    priced(office)
    ticket, _code = filed(office, locale)
    decided(office, ticket, outcome)  # a soft copy by e-mail: free
    [notice] = send(app, settings, mailbox, "decision_notice")
    assert not FEE_WORDS.search(notice.text), FEE_WORDS.search(notice.text)


@pytest.mark.parametrize(
    ("locale", "says"),
    [
        ("id", "Rincian keputusan beserta alasannya tercantum dalam surat pemberitahuan tertulis"),
        ("en", "The details of the decision and its reasons are set out in the written notice"),
    ],
)
def test_a_refusal_s_mail_does_not_speak_of_obtaining_the_information(app, settings, mailbox, refused, locale, says):
    ticket, _code = refused(locale)  # refused as exempt ("ditolak_dikecualikan")
    [notice] = send(app, settings, mailbox, "decision_notice")
    assert says in notice.text
    assert "memperoleh informasi" not in notice.text
    assert "obtain the information" not in notice.text


DELIVERED = {"id": "Informasi akan diserahkan sesuai tanggapan tersebut.", "en": "The information will be delivered"}


@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize(
    ("outcome", "delivered"),
    [("keberatan_ditolak", False), ("keberatan_dikabulkan_seluruhnya", True), ("keberatan_dikabulkan_sebagian", True)],
)
def test_the_superior_s_response_speaks_of_delivering_the_information_only_when_the_objection_was_granted(
    app, settings, mailbox, office, refused, locale, outcome, delivered
):
    request, _code = refused(locale)
    objection = office.objection(request)
    answered(office, objection, outcome)
    [response] = send(app, settings, mailbox, "objection_response")
    assert (DELIVERED[locale] in response.text) is delivered, response.text
    assert "Jika keberatan Anda dikabulkan" not in response.text
    assert "If your objection was granted" not in response.text


def test_the_fee_is_stated_before_the_notice_s_pdf_is_rendered_too(app, settings, mailbox, office):
    priced(office)
    ticket, _code = filed(office, "id", **BY_POST)
    decided(office, ticket, "dikabulkan_seluruhnya", **WITH_FEE)
    [notice] = send(app, settings, mailbox, "decision_notice")  # the render job has not run yet
    assert notice.files == []
    assert "  Biaya            : Rp26.000" in notice.text
    assert "Unduh surat tersebut di " in notice.text
