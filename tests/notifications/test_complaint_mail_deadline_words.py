"""What a complaint's reporter is told of the time limits and of where to go next (a walk of the reporter in English
on a phone): each limit by the date the code set, not a count of days alone; after the classification, which limit
applies (legal-process.md §7.2 stage 4: the service standard by classification, within the 60 days of UU 25/2009
Pasal 50; a complaint forwarded to another agency under that agency's own); the outcome names the Ombudsman and
SP4N-LAPOR! in both languages, as the outcome letter does (UU 25/2009 Pasal 46); a whistleblower told their identity
was opened learns who approved it and the protection of UU 31/2014 Pasal 10 and the LPSK (§7.3).
"""

import pytest
from sqlalchemy import select

from engine import queries
from engine.models import Case
from notifications.rendering import render
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the mails' words, no new data
from tests.notifications.test_complaint_mails import (
    FORWARDED,
    INDONESIAN,
    KE_ITJEN,
    KE_UNIT,
    _asked_for_evidence,
    _settled,
    _verified,
    clock,  # noqa: F401 - the fixture
    filed,
    local,
    long_moment,
    office,  # noqa: F401 - the fixture
    settings_overrides,  # noqa: F401 - the fixture
)
from tests.notifications.test_mail_words import send
from tests.workflows.test_pengaduan_paths import CATAT, wib


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("locale", "says"),
    [
        ("id", "Kirimkan kelengkapan itu melalui halaman tersebut sehingga kami terima paling lambat {due}."),
        ("en", "Send what is asked for on that page so that it reaches us by {due} at the latest."),
    ],
)
def test_the_evidence_request_names_the_day_the_evidence_must_arrive_by_with_the_request(
    app,
    settings,
    mailbox,
    office,  # noqa: F811 - the imported fixture
    locale,
    says,
):
    """The mail's first paragraph gives the last moment of the reporter's window (the BUKTI deadline the process
    set), so "30 days" is never the only thing to count from."""
    ticket = filed(office, locale)
    _asked_for_evidence(office, ticket)
    [asked] = send(app, settings, mailbox, "complaint_question")
    due = long_moment(local(office.deadline(ticket, "BUKTI").due_at), locale)
    first = _flat(asked.text.split("\n\n")[1])
    assert says.format(due=due) in first


@pytest.mark.parametrize(
    ("locale", "classification", "says"),
    [
        ("id", KE_UNIT, "Pengaduan Anda diklasifikasikan tidak berkadar pengawasan, sehingga berlaku jangka waktu"),
        ("en", KE_UNIT, "Your complaint was classified as not oversight-relevant, so the service standard's time"),
        ("id", KE_ITJEN, "Pengaduan Anda diklasifikasikan berkadar pengawasan (perlu pemeriksaan), sehingga berlaku"),
        ("en", KE_ITJEN, "Your complaint was classified as oversight-relevant (it needs an examination), so the"),
    ],
    ids=["unit-id", "unit-en", "itjen-id", "itjen-en"],
)
def test_a_referral_says_which_time_limit_applies_once_the_complaint_is_classified_and_its_date(
    app,
    settings,
    mailbox,
    office,  # noqa: F811 - the imported fixture
    locale,
    classification,
    says,
):
    ticket = filed(office, locale)
    _verified(office, ticket)
    office.complete(ticket, "klasifikasi", classification)
    [mail] = send(app, settings, mailbox, "complaint_referred")
    text = _flat(mail.text)
    assert says in text
    with office.sessions() as s:  # the limit the process recorded, as the status page shows it
        shown = queries.public_status(s, s.scalar(select(Case).where(Case.ticket == ticket)), locale, office.rt)
    due = long_moment(local(shown["due_at"]), locale)
    if locale == "en":
        assert "applies, which never runs past the 60 days of Law 25/2009 Article 50." in text
        assert "never ending after" not in text
        assert f"The complaint is to be settled within this time limit, by {due} at the latest:" in text
        assert not INDONESIAN.search(mail.subject + mail.text), INDONESIAN.search(mail.text)
    else:
        assert "yang tidak melewati batas 60 hari UU 25/2009 Pasal 50" in text
        assert f"Pengaduan Anda diselesaikan dalam jangka waktu berikut, paling lambat {due}:" in text


@pytest.mark.parametrize(
    ("locale", "says"),
    [
        (
            "id",
            "Sejak diteruskan, jangka waktu penyelesaian pengaduan di kantor ini tidak berjalan lagi untuk pengaduan"
            " Anda; yang berlaku adalah jangka waktu instansi yang menerimanya.",
        ),
        (
            "en",
            "Now that it is forwarded, this office's time limit for settling complaints no longer runs for your"
            " complaint; the time limit of the agency that received it applies.",
        ),
    ],
)
def test_a_complaint_forwarded_to_another_agency_is_told_that_agency_s_own_time_limit_applies(
    app,
    settings,
    mailbox,
    office,  # noqa: F811 - the imported fixture
    clock,  # noqa: F811 - the imported fixture
    locale,
    says,
):
    ticket = filed(office, locale)
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", FORWARDED)
    clock.move_to(wib("2027-01-12"))
    office.complete(ticket, "surat_penerusan", {"tanggal": "2027-01-12", "instansi_tujuan": "Kantor Pertanahan Kota"})
    [mail] = send(app, settings, mailbox, "complaint_referred")
    assert says in _flat(mail.text)
    assert office.case(ticket).closed_at is not None  # archived: no clock of the office's runs on
    for label in ("Batas waktu  :", "Jatuh tempo  :", "Sisa waktu", "Deadline     :", "Due          :", "Time left"):
        assert label not in mail.text  # no deadline block: no limit of this office's is said to run


@pytest.mark.parametrize(
    ("locale", "route"),
    [
        (
            "id",
            "Apabila Anda tidak puas dengan hasil ini, Anda dapat menyampaikan pengaduan kepada Ombudsman Republik"
            " Indonesia (UU 25/2009 Pasal 46; ombudsman.go.id) atau melalui SP4N-LAPOR! (lapor.go.id).",
        ),
        (
            "en",
            "If you are not satisfied with this outcome, you may complain to the Ombudsman of the Republic of"
            " Indonesia (Law 25/2009 Article 46; ombudsman.go.id) or through SP4N-LAPOR! (lapor.go.id).",
        ),
    ],
)
def test_the_outcome_mail_names_the_ombudsman_and_sp4n_lapor_in_either_language(
    app,
    settings,
    mailbox,
    office,  # noqa: F811 - the imported fixture
    locale,
    route,
):
    ticket = filed(office, locale)
    _settled(office, ticket)
    [mail] = send(app, settings, mailbox, "complaint_outcome")
    assert route in _flat(mail.text)
    if locale == "en":
        assert not INDONESIAN.search(mail.subject + mail.text), INDONESIAN.search(mail.text)


@pytest.mark.parametrize(
    ("locale", "approved", "protection"),
    [
        (
            "id",
            "dibuka hanya bagi petugas yang memintanya secara tertulis dengan alasan, setelah disetujui oleh seorang"
            " pengelola Whistleblowing System selain petugas itu",
            "Pelapor yang beriktikad baik tidak dapat dituntut secara hukum atas laporannya (UU 31/2014 Pasal 10)."
            " Bila Anda memerlukan perlindungan sebagai pelapor, Anda dapat mengajukannya kepada Lembaga"
            " Perlindungan Saksi dan Korban (LPSK).",
        ),
        (
            "en",
            "opened only to the officer who asked for it in writing with a reason, once a manager of the"
            " Whistleblowing System other than that officer approved",
            "A reporter who acts in good faith cannot be prosecuted or sued over the report (Law 31/2014 Article"
            " 10). If you need protection as a reporter, you may ask the Witness and Victim Protection Agency (LPSK).",
        ),
    ],
)
def test_a_whistleblower_told_of_a_reveal_learns_who_approved_what_and_the_protection_of_the_law(
    locale, approved, protection
):
    context = {"ticket": "ADU-2027-000001", "deadline": None, "revealed_on": "2027-02-01", "portal_hint": "complaint"}
    _subject, body = render("identity_revealed", locale, context)
    text = _flat(body)
    assert approved in text
    assert protection in text
    assert "second manager" not in text
    # Any complaint-team member may ask (engine.complaints.request_reveal): never promised to be the handler alone.
    assert "menangani laporan Anda, setelah" not in text
    assert "handling your report, after" not in text
    if locale == "en":
        assert not INDONESIAN.search(text), INDONESIAN.search(text)
