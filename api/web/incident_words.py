"""An incident's last error in words an administrator acts on (api.web.incidents).

The errors are written by the code that failed, in English and for a log: the channels' ``ChannelError`` texts
(``smtp host:port: recipient refused (550)``), the outbox's steps (``render: UndefinedError: ...``), a job's
exception (``OperationalError: ...``), the quota and storage guards, the calendar's unconfirmed year. Each known form
becomes a sentence saying what failed and what to check, with the setting's name; the values it quotes are the
channels' own (a host and port, a code, an exception's type): never an address, never a message's body. An error of
no known form is named by its exception type alone, since its text may quote anything.
"""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

_WHERE = r"(?P<where>\S+)"
ERRORS = [
    (
        re.compile(rf"smtp {_WHERE}: recipient refused \((?P<codes>[^)]*)\)"),
        _l(
            "The mail server %(where)s refused the recipient's address (code %(codes)s): the address is wrong or the "
            "mailbox is gone. Have it corrected first (a requester's by the front desk on the case, an officer's on "
            "their account): a retry alone sends to the same address."
        ),
    ),
    (
        re.compile(rf"smtp {_WHERE}: TLS \(STARTTLS\): .*"),
        _l(
            "TLS with the mail server %(where)s failed (STARTTLS): check KAWAL_SMTP_STARTTLS, KAWAL_SMTP_SSL and "
            "KAWAL_SMTP_PORT with the command kawal mail test, then retry."
        ),
    ),
    (
        re.compile(rf"smtp {_WHERE}: (?:login: .*|SMTPAuthenticationError \d+)"),
        _l(
            "The mail server %(where)s did not accept Kawal's login: check KAWAL_SMTP_USER and KAWAL_SMTP_PASSWORD "
            "(and whether the server asks for a login at all) with the command kawal mail test, then retry."
        ),
    ),
    (
        re.compile(rf"smtp {_WHERE}: SMTPSenderRefused (?P<code>\d+)"),
        _l(
            "The mail server %(where)s refused the sender's address (code %(code)s): check KAWAL_SMTP_FROM, then retry."
        ),
    ),
    (
        re.compile(rf"smtp {_WHERE}: SMTPDataError (?P<code>\d+)"),
        _l(
            "The mail server %(where)s refused the message itself (code %(code)s): it may be too large, or taken "
            "for spam."
        ),
    ),
    (
        re.compile(rf"smtp {_WHERE}: \w+ (?P<code>\d{{3}})"),
        _l("The mail server %(where)s refused the message with code %(code)s."),
    ),
    (
        re.compile(rf"smtp {_WHERE}: SMTPServerDisconnected"),
        _l(
            "The mail server %(where)s closed the connection before taking the message: check KAWAL_SMTP_PORT "
            "(port 465 needs KAWAL_SMTP_SSL=1)."
        ),
    ),
    (
        re.compile(rf"smtp {_WHERE}: (?:Connection refused|ConnectionRefusedError)"),
        _l(
            "Kawal could not reach the mail server %(where)s: the connection was refused. Check KAWAL_SMTP_HOST and "
            "KAWAL_SMTP_PORT, and that the mail server runs, then retry."
        ),
    ),
    (
        re.compile(rf"smtp {_WHERE}: (?:.*timed out|TimeoutError)"),
        _l(
            "Kawal could not reach the mail server %(where)s: it did not answer in time (a firewall, or the wrong "
            "port). Check KAWAL_SMTP_HOST and KAWAL_SMTP_PORT, then retry."
        ),
    ),
    (
        re.compile(rf"smtp {_WHERE}: .*(?:not known|resolution|gaierror|No address associated)"),
        _l("The mail server's name in %(where)s is not found: check KAWAL_SMTP_HOST, then retry."),
    ),
    (
        re.compile(rf"smtp {_WHERE}: .*(?:SSL|[Cc]ertificate)"),
        _l(
            "TLS with the mail server %(where)s failed (its certificate, or no protocol in common): check "
            "KAWAL_SMTP_SSL and KAWAL_SMTP_STARTTLS with the command kawal mail test, then retry."
        ),
    ),
    (
        re.compile(r"\w+: the message (?:cannot|could not) be built \((?P<type>\w+)\)"),
        _l(
            "The message could not be put together (%(type)s): most often an address holding characters an e-mail "
            "cannot carry. Have the address corrected, then retry."
        ),
    ),
    (
        re.compile(rf"smtp {_WHERE}: (?P<detail>.+)"),
        _l("Sending through the mail server %(where)s failed (%(detail)s)."),
    ),
    (
        re.compile(rf"webhook {_WHERE}: HTTP (?P<status>\d+)"),
        _l("The SMS/WhatsApp gateway %(where)s refused the message (HTTP %(status)s)."),
    ),
    (
        re.compile(rf"webhook {_WHERE}: (?P<detail>.+)"),
        _l(
            "Kawal could not reach the SMS/WhatsApp gateway %(where)s (%(detail)s): check KAWAL_WEBHOOK_URL and "
            "that the gateway runs, then retry."
        ),
    ),
    (
        re.compile(r"address: (?P<type>\w+)"),
        _l("The recipient's record could not be read (%(type)s): the server's log has the details."),
    ),
    (
        re.compile(r"render: (?P<type>\w+)(?::.*)?", re.S),
        _l(
            "The message's text could not be written (%(type)s): a fault in Kawal's template or in the message's "
            "facts. Tell whoever maintains Kawal: a retry fails the same way until it is mended."
        ),
    ),
    (
        re.compile(r"attachments: (?P<type>\w+)"),
        _l(
            "A file the message carries could not be read, or does not match its record (%(type)s): check the "
            "files' storage (KAWAL_FILES_DIR)."
        ),
    ),
    (
        re.compile(r"(?P<kind>\w+) quota refused (?P<n>\d+) times within a day"),
        _l(
            "The public's limit on %(what)s was reached %(n)s times within a day: someone may be sending in bulk. "
            "Mark it handled once looked at; it opens again if it recurs."
        ),
    ),
    (
        re.compile(r"the disk of KAWAL_FILES_DIR is nearly full.*"),
        _l(
            "The disk of the files (KAWAL_FILES_DIR) is nearly full, and uploads are refused: make room, then mark "
            "it handled."
        ),
    ),
    (
        re.compile(r"Cuti bersama (?P<year>\d{4}) belum dikonfirmasi.*", re.S),
        _l(
            "The cuti bersama of %(year)s are not confirmed, and a case's deadline reaches into that year: enter the "
            "SKB's days on the working calendar and confirm the year there. The incident closes then."
        ),
    ),
]
QUOTAS = {  # engine.quotas: what each limit counts
    "filing": _l("filings"),
    "message": _l("reporters' messages"),
    "bytes": _l("attachments' size"),
    "code_resend": _l("new access codes"),
}
JOB = _l(
    "A background job kept failing (%(type)s): the workers' log (journalctl -u 'kawal-worker@*') has the details. "
    "Retry once its cause is mended."
)
UNKNOWN = _l("Kawal recorded an error this page does not explain (%(type)s): the server's log has the details.")
_TYPE = re.compile(r"([A-Za-z_][\w.]*)(?::|$)")


def error_words(message: str | None, job: bool = False) -> str:
    """The error ``message`` in the visitor's language; ``job``: the incident is a background job's (a case's timers,
    a reminder, a letter's PDF), whose error is an exception of no known form."""
    text = (message or "").strip()
    for pattern, words in ERRORS:
        found = pattern.fullmatch(text)
        if found:
            values = found.groupdict()
            if "kind" in values:
                values["what"] = str(QUOTAS.get(values.pop("kind"), values.get("kind")))
            return str(words) % values if values else str(words)
    kind = _TYPE.match(text)
    return str(JOB if job else UNKNOWN) % {"type": kind[1] if kind else "—"}
