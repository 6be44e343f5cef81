"""Every mail says its language (Content-Language), those with the letters attached too; a subject reads as it was
written, with no leading space, however its length folds it (the proxy's "Tembusan: ..." copy of a receipt)."""

from email import message_from_bytes, policy

import pytest

from notifications.channels import Message, SmtpChannel

PDF = ("surat.id.pdf", "application/pdf", b"%PDF-1.4 a letter")
# 77 characters: too long for "Subject: " and one line, short enough for a line of its own
COPY = "Tembusan: Tanda Bukti Penerimaan Permohonan Informasi Publik REQ-2026-000012"


def _mail(subject: str, locale: str, attachments=()) -> bytes:
    message = Message(
        "smtp",
        "ani@example.org",
        subject,
        "Isi pesan.\n",
        "<a@kawal.local>",
        "receipt",
        "T",
        locale,
        tuple(attachments),
    )
    return SmtpChannel("127.0.0.1", 25, "ppid@kanwil.example").build(message).as_bytes()


@pytest.mark.parametrize("attachments", [(), (PDF,), (PDF, PDF)], ids=["text", "one-letter", "two-letters"])
@pytest.mark.parametrize("locale", ["id", "en"])
def test_every_mail_says_its_language_at_its_top(locale, attachments):
    mail = message_from_bytes(_mail("Tanda Terima", locale, attachments), policy=policy.default)
    assert mail["Content-Language"] == locale


@pytest.mark.parametrize(
    "subject",
    [
        COPY,
        "Copy: " + COPY.removeprefix("Tembusan: "),
        "Tembusan: Pemberitahuan Tertulis atas Permohonan REQ-2026-000012: Ditolak (informasi dikecualikan)",
        "Tanda Terima",
    ],
)
def test_a_subject_has_no_leading_space_however_it_folds(subject):
    raw = _mail(subject, "id")
    first = next(line for line in raw.split(b"\n") if line.startswith(b"Subject:"))
    assert first.startswith(b"Subject: " + subject.split()[0].encode())
    for read in (policy.compat32, policy.default):
        got = str(message_from_bytes(raw, policy=read)["Subject"])
        assert not got[:1].isspace(), got
        assert " ".join(got.split()) == subject
    assert all(len(line) <= 78 for line in raw.split(b"\n") if b"Subject" in line or line.startswith(b" "))
