"""The administrator's incidents page (/insiden): a message that kept failing is seen on the web, not only with
`kawal incidents list` on the server (README "Deadlines, reminders and messages": "an admin retries" it).

It lists the open incidents, oldest first, paged: which message, which case's ticket, which channel, how many
attempts and the last error in words an administrator can act on, never the recipient's address nor the body.
Retrying is the API's verb (notifications.incidents.retry, committed then scheduled as POST
/api/v1/incidents/<id>/retry does); only administrators open the page, as only they read /api/v1/incidents.
The page queries on its own (its count and its pages), so it runs on both databases.
"""

import contextlib
import re

import pytest
from sqlalchemy import select

from engine import clock
from engine.models import Case, Incident, Notification
from notifications import delivery
from notifications.channels import ChannelError, SmtpChannel
from tests.conftest import db_url, request_payload, sqlite_only  # noqa: F401 - both databases again (tests/web/conftest.py)
from tests.smtp import free_port
from tests.web.pages import text

DEAD_PORT = free_port()  # nothing listens there: every send is refused


@pytest.fixture
def settings_overrides():
    return {"KAWAL_NOTIFY_CHANNELS": "smtp", "KAWAL_SMTP_HOST": "127.0.0.1", "KAWAL_SMTP_PORT": str(DEAD_PORT)}


def _messages_incidents(page: str) -> list[str]:
    """The rows of the page's table, each as its text (calendar incidents left out: a case filed in December may
    open one for next year's unconfirmed cuti bersama)."""
    rows = re.findall(r"<tr class=\"incident\"[^>]*>(.*?)</tr>", page, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows if "kalender" not in row]


def _failed_five_times(app, client, login) -> tuple[str, int]:
    """A request filed online whose receipt to the requester the mail server never takes: an incident."""
    from api.extensions import db

    filed = client.post("/api/v1/requests", json=request_payload())
    assert filed.status_code == 201, filed.json
    ticket = filed.json["ticket"]
    channels = {"smtp": SmtpChannel("127.0.0.1", DEAD_PORT, "ppid@kanwil.example", timeout=2)}
    with app.app_context():
        row_id = db.session.scalar(
            select(Notification.id)
            .join(Case, Case.id == Notification.case_id)
            .where(Case.ticket == ticket, Notification.to_requester.is_(True))
            .order_by(Notification.id)
        )
        for _ in range(delivery.MAX_ATTEMPTS):
            with contextlib.suppress(ChannelError):
                delivery.deliver(db.session, app.extensions["kawal_runtime"], channels, row_id)
        db.session.remove()
    return ticket, row_id


# Who opens the page: Python (the page's permission).
@sqlite_only
def test_only_the_administrator_opens_the_incidents_page(browser):
    for who in ("ppid", "auditor", "petugas"):
        b = browser(who)
        assert b.get("/insiden").status_code == 403
        assert b.post("/insiden/1/ulangi").status_code == 403
        assert "/insiden" not in text(b.get("/akun"))  # not in their navigation either
    admin = browser("admin")
    page = text(admin.get("/insiden"))
    assert "<h1>Insiden</h1>" in page
    assert re.search(r'<a href="/insiden"[^>]*>Insiden', page)  # in the administrator's navigation


def test_a_requesters_receipt_that_failed_five_times_is_listed_without_address_or_body_and_retried(
    app, client, login, browser
):
    ticket, row_id = _failed_five_times(app, client, login)
    admin = browser("admin")
    page = text(admin.get("/insiden"))
    listed = _messages_incidents(page)
    assert len(listed) == 1, listed
    row = listed[0]
    assert ticket in row
    assert "Tanda terima" in row
    assert "kepada pemohon" in row
    assert "Saluran: E-mail" in row
    assert f"{delivery.MAX_ATTEMPTS}" in row
    # The error in an administrator's words: what failed, and what to check.
    assert "tidak dapat menghubungi server surat" in row
    assert "KAWAL_SMTP_HOST" in row
    # No personal data: neither the requester's address, nor name, nor the message's body.
    for private in ("ani@example.org", "Ani Wijaya", "3171234507890001", "Daftar penerima beasiswa"):
        assert private not in page
    # The count is in the navigation link, so it is seen from every page.
    assert re.search(r'<a href="/insiden"[^>]*>Insiden \(\d+\)</a>', page)

    with app.app_context():
        from api.extensions import db

        incident_id = db.session.scalar(select(Incident.id).where(Incident.subject == f"notification:{row_id}"))
    done = admin.post(f"/insiden/{incident_id}/ulangi")
    assert done.status_code == 303
    assert done.headers["Location"].endswith("/insiden")
    page = text(admin.get("/insiden"))
    assert "dikembalikan ke antrean pengiriman" in page
    assert _messages_incidents(page) == []
    with app.app_context():
        from api.extensions import db

        assert db.session.get(Notification, row_id).status == "pending"
        incident = db.session.get(Incident, incident_id)
        assert incident.resolved_by == "admin"
        assert incident.resolved_at is not None
        db.session.remove()
    again = admin.post(f"/insiden/{incident_id}/ulangi")  # a second tab, or a double click
    assert again.status_code == 303
    assert f"insiden {incident_id} sudah diselesaikan" in text(admin.get("/insiden"))  # said, nothing done twice
    assert admin.post("/insiden/999999/ulangi").status_code == 404


def test_the_incidents_are_paged_oldest_first(app, browser):
    from api.extensions import db

    with app.app_context():
        now = clock.now()
        for n in range(45):
            db.session.add(
                Incident(
                    subject=f"quota:filing:test{n}",
                    message="filing quota refused 3 times within a day",
                    attempts=3,
                    created_at=now,
                )  # fmt: skip
            )
        db.session.commit()
        db.session.remove()
    admin = browser("admin")
    first = text(admin.get("/insiden"))
    assert "45 insiden terbuka · Halaman 1 dari 3" in first
    assert len(re.findall(r'<tr class="incident"', first)) == 20
    assert 'rel="next"' in first
    assert 'rel="prev"' not in first
    last = text(admin.get("/insiden?page=3"))
    assert len(re.findall(r'<tr class="incident"', last)) == 5
    assert 'rel="prev"' in last
    # A quota's incident is acknowledged, not retried: the button says so.
    assert "Tandai sudah ditangani" in first
    assert admin.get("/insiden?page=x").status_code == 404
    assert admin.get("/insiden?page=99").status_code == 404


# The words of an error are Python's (api.web.incident_words), no database read; the count in the navigation is the
# page's count query again, kept on PostgreSQL by the two tests above (a message's incident listed and retried, the
# pages of 45).
@sqlite_only
@pytest.mark.parametrize(
    ("error", "said"),
    [
        ("smtp mail.kanwil.example:587: recipient refused (550)", "menolak alamat penerima (kode 550)"),
        ("smtp mail.kanwil.example:587: TLS (STARTTLS): the server does not offer STARTTLS", "KAWAL_SMTP_STARTTLS"),
        ("smtp mail.kanwil.example:587: login: refused (535)", "KAWAL_SMTP_PASSWORD"),
        ("smtp mail.kanwil.example:587: SMTPAuthenticationError 535", "KAWAL_SMTP_PASSWORD"),  # rows written before
        ("smtp mail.kanwil.example:587: SMTPSenderRefused 553", "KAWAL_SMTP_FROM"),
        ("smtp mail.kanwil.example:25: TimeoutError", "tidak menjawab tepat waktu"),
        ("smtp: the message cannot be built (ValueError)", "karakter yang tidak dapat dibawa surel"),
        ("webhook sms.kanwil.example: HTTP 502", "Gateway SMS/WhatsApp sms.kanwil.example menolak pesan (HTTP 502)"),
        ("render: UndefinedError: 'portal_hint' is undefined", "Teks pesan tidak dapat disusun (UndefinedError)"),
        ("message quota refused 12 times within a day", "Batas pesan pelapor bagi masyarakat tercapai 12 kali"),
    ],
)
def test_each_known_error_is_said_as_what_failed_and_what_to_check(app, error, said):
    from api.web.incident_words import error_words

    with app.test_request_context("/insiden"):
        assert said in error_words(error)


@sqlite_only
def test_an_error_of_no_known_form_is_named_by_its_type_alone_never_its_text(app):
    """A job's exception text may quote anything (a statement's parameters, a name): only its type is shown."""
    from api.web.incident_words import error_words

    with app.test_request_context("/insiden"):
        said = error_words(
            "IntegrityError: (sqlite3.IntegrityError) ... [parameters: ('Ani Wijaya', 'ani@example.org')]"
        )
        job = error_words("OperationalError: could not connect to 'ani@example.org'", job=True)
    assert "IntegrityError" in said
    assert "OperationalError" in job
    assert "journalctl" in job
    for words in (said, job):
        assert "Ani" not in words
        assert "ani@example.org" not in words


@sqlite_only
def test_the_open_incidents_count_is_on_every_page_the_administrator_opens(app, browser):
    from api.extensions import db

    with app.app_context():
        db.session.add(
            Incident(
                subject="storage:files",
                message="the disk of KAWAL_FILES_DIR is nearly full: uploads are refused",
                attempts=1,
                created_at=clock.now(),
            )  # fmt: skip
        )
        db.session.commit()
        db.session.remove()
    admin = browser("admin")
    assert re.search(r'<a href="/insiden">Insiden \(1\)</a>', text(admin.get("/pengguna")))
    page = text(admin.get("/insiden"))
    assert "Disk penyimpanan berkas (KAWAL_FILES_DIR) hampir penuh" in page
    [incident_id] = re.findall(r'<tr class="incident" id="insiden-(\d+)"', page)
    assert admin.post(f"/insiden/{incident_id}/ulangi").status_code == 303
    page = text(admin.get("/insiden"))
    assert f"Insiden {incident_id} ditandai sudah ditangani." in page
    assert re.search(r'<a href="/insiden" aria-current="page">Insiden</a>', page)  # none open: the plain word
