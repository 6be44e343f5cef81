"""The superior's response to an objection, as the requester's mail says where to go next: the Komisi Informasi that
hears the office's disputes (UU 14/2008 Pasal 37(2); legal-process.md §5.1), by the office's setting
(KAWAL_COMMISSION_NAME, its address and website), or the one the superior named for the case, which the case keeps.

The mail said only "kepada Komisi Informasi", naming none, while the letter it carries named one (a walk of the
objection and dispute desk). Sent by the sender the RQ job runs, through a real SMTP server (tests/smtp.py), read in
the language the requester filed in. The Commission is read back from the case's history: the superior's naming one,
in Indonesian, runs on PostgreSQL too; the others are Python's choice and wording over the same rows, on SQLite alone.
"""

import pytest

from tests.conftest import sqlite_only
from tests.notifications.test_mail_words import PUBLIC, clock, decided, filed, render_letters, send  # noqa: F401
from tests.workflows.conftest import Office
from tests.workflows.test_keberatan_paths import REASONS, _to_superior

JATIM = "Komisi Informasi Provinsi Jawa Timur"
ADDRESS = "Jl. Bandilan No. 4, Surabaya 60231"
WEBSITE = "https://kip.jatimprov.go.id"


@pytest.fixture
def settings_overrides(mailbox):
    return {
        "KAWAL_NOTIFY_CHANNELS": "smtp",
        "KAWAL_SMTP_HOST": "127.0.0.1",
        "KAWAL_SMTP_PORT": str(mailbox.port),
        "KAWAL_SMTP_FROM": "ppid@kanwil.example",
        "KAWAL_PUBLIC_URL": PUBLIC,
        "KAWAL_COMMISSION_NAME": JATIM,
        "KAWAL_COMMISSION_ADDRESS": ADDRESS,
        "KAWAL_COMMISSION_WEBSITE": WEBSITE,
    }


@pytest.fixture
def office(app, session_factory_, clock):  # noqa: F811 - the clock of test_mail_words
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _response_mail(app, settings, mailbox, office, locale, **named):
    """A refused request's objection upheld by the superior (``named``: what the decision's form recorded besides),
    its response e-mailed: the requester's mail."""
    request, _code = filed(office, locale)
    decided(office, request)
    objection = office.objection(request)
    _to_superior(office, objection)
    upheld = {"keputusan": "keberatan_ditolak", "tanggal_keputusan": "2026-12-02", "alasan_tertulis": REASONS}
    office.complete(objection, "putuskan_keberatan", {**upheld, **named})
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": "2026-12-02", "dikirim_melalui": "email"})
    render_letters(app)
    [mail] = send(app, settings, mailbox, "objection_response")
    return mail


@sqlite_only
def test_the_response_mail_names_the_office_s_commission_with_its_address_and_website(app, settings, mailbox, office):
    """The office's setting names its Commission; the decision recorded through the API named none (as the
    decisions recorded before the field): the mail names the office's, where it is and its website."""
    mail = _response_mail(app, settings, mailbox, office, "id")
    said = " ".join(mail.text.split())
    assert f"penyelesaian sengketa informasi publik kepada {JATIM} paling lambat 14 hari kerja" in said
    assert f"Alamat : {ADDRESS}" in said
    assert f"Situs web : {WEBSITE}" in said
    assert "kepada Komisi Informasi paling lambat" not in said


@sqlite_only
def test_the_english_response_mail_names_the_office_s_commission_by_its_name(app, settings, mailbox, office):
    mail = _response_mail(app, settings, mailbox, office, "en")
    said = " ".join(mail.text.split())
    assert f"apply to the Information Commission competent for this office, {JATIM}, to resolve the dispute" in said
    assert f"Address : {ADDRESS}" in said
    assert f"Website : {WEBSITE}" in said
    assert "Alamat" not in said


@pytest.mark.parametrize(
    ("db_url", "locale"),
    [("sqlite", "id"), ("sqlite", "en"), pytest.param("postgres", "id", marks=pytest.mark.postgres)],
    indirect=["db_url"],
)
def test_the_commission_the_superior_named_for_the_case_is_the_one_the_mail_names(
    app, settings, mailbox, office, locale
):
    """The superior named the Central Commission for this case (the per-case field, kept as stored): the mail names
    that one, and not the address or website of the office's own."""
    mail = _response_mail(app, settings, mailbox, office, locale, komisi_informasi="Komisi Informasi Pusat")
    said = " ".join(mail.text.split())
    assert "Komisi Informasi Pusat" in said
    assert JATIM not in said
    assert ADDRESS not in said
    assert WEBSITE not in said


@sqlite_only
@pytest.mark.parametrize("locale", ["id", "en"])
def test_the_office_s_commission_named_again_for_the_case_keeps_its_address(app, settings, mailbox, office, locale):
    """The superior kept the prefilled name (as typed, whatever its letters' case): it is the office's Commission."""
    mail = _response_mail(app, settings, mailbox, office, locale, komisi_informasi=JATIM.upper())
    said = " ".join(mail.text.split())
    assert JATIM in said
    assert ADDRESS in said
