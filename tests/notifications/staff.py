"""What the mail tests of officers' news share: mail through the test's own SMTP server, and officers who have an
address and read their chosen language."""

from sqlalchemy import select

from engine.models import User
from tests.smtp import mail_settings


def smtp_settings(mailbox, sender: str = "ppid@kanwil.example") -> dict[str, str]:
    """Settings that send every message by e-mail to ``mailbox`` (tests/smtp.py), from ``sender``."""
    return mail_settings(mailbox, "smtp", KAWAL_SMTP_FROM=sender, KAWAL_PUBLIC_URL="https://ppid.kanwil.example")


def officers_have_mail(office, english=()) -> None:
    """Every officer has an address; those named in ``english`` read English."""
    with office.sessions.begin() as s:
        for user in s.scalars(select(User)):
            user.email = user.email or f"{user.username}@kanwil.example"
            user.locale = "en" if user.username in english else "id"
