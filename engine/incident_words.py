"""An incident's last error in words an administrator acts on, with a stable code: the incidents page
(api.web.incidents), the JSON API (api.views.incidents) and ``kawal incidents list`` say it alike.

The errors are written by the code that failed, in English and for a log: the channels' ``ChannelError`` texts
(``smtp host:port: recipient refused (550)``), the outbox's steps (``render: UndefinedError: ...``), a job's
exception (``OperationalError: ...``), the quota and storage guards, the calendar's unconfirmed year. Each known form
has a code (``smtp_recipient_refused``) and becomes a sentence saying what failed and what to check, with the
setting's name; the values it quotes are the channels' own (a host and port, a code, an exception's type): never an
address, never a message's body. An error of no known form is named by its exception type alone (``job_failed`` for a
background job's, else ``unexplained``), since its text may quote anything: a render error quotes the message's facts,
a database error the values it was writing (a requester's name, address or NIK).

The English words are the Babel message ids (``N_``, engine.catalogs); messages.po translates them.
"""

from __future__ import annotations

import re

from engine.catalogs import N_, catalog

_WHERE = r"(?P<where>\S+)"
ERRORS = [
    (
        "smtp_recipient_refused",
        re.compile(rf"smtp {_WHERE}: recipient refused \((?P<codes>[^)]*)\)"),
        N_(
            "The mail server %(where)s refused the recipient's address (code %(codes)s): the address is wrong or the "
            "mailbox is gone. Have it corrected first (a requester's by the front desk on the case, an officer's on "
            "their account): a retry alone sends to the same address."
        ),
    ),
    (
        "smtp_starttls_failed",
        re.compile(rf"smtp {_WHERE}: TLS \(STARTTLS\): .*"),
        N_(
            "TLS with the mail server %(where)s failed (STARTTLS): check KAWAL_SMTP_STARTTLS, KAWAL_SMTP_SSL and "
            "KAWAL_SMTP_PORT with the command kawal mail test, then retry."
        ),
    ),
    (
        "smtp_login_refused",
        re.compile(rf"smtp {_WHERE}: (?:login: .*|SMTPAuthenticationError \d+)"),
        N_(
            "The mail server %(where)s did not accept Kawal's login: check KAWAL_SMTP_USER and KAWAL_SMTP_PASSWORD "
            "(and whether the server asks for a login at all) with the command kawal mail test, then retry."
        ),
    ),
    (
        "smtp_sender_refused",
        re.compile(rf"smtp {_WHERE}: SMTPSenderRefused (?P<code>\d+)"),
        N_(
            "The mail server %(where)s refused the sender's address (code %(code)s): check KAWAL_SMTP_FROM, then retry."
        ),
    ),
    (
        "smtp_message_refused",
        re.compile(rf"smtp {_WHERE}: SMTPDataError (?P<code>\d+)"),
        N_(
            "The mail server %(where)s refused the message itself (code %(code)s): it may be too large, or taken "
            "for spam."
        ),
    ),
    (
        "smtp_refused",
        re.compile(rf"smtp {_WHERE}: \w+ (?P<code>\d{{3}})"),
        N_("The mail server %(where)s refused the message with code %(code)s."),
    ),
    (
        "smtp_disconnected",
        re.compile(rf"smtp {_WHERE}: SMTPServerDisconnected"),
        N_(
            "The mail server %(where)s closed the connection before taking the message: check KAWAL_SMTP_PORT "
            "(port 465 needs KAWAL_SMTP_SSL=1)."
        ),
    ),
    (
        "smtp_unreachable",
        re.compile(rf"smtp {_WHERE}: (?:Connection refused|ConnectionRefusedError)"),
        N_(
            "Kawal could not reach the mail server %(where)s: the connection was refused. Check KAWAL_SMTP_HOST and "
            "KAWAL_SMTP_PORT, and that the mail server runs, then retry."
        ),
    ),
    (
        "smtp_timeout",
        re.compile(rf"smtp {_WHERE}: (?:.*timed out|TimeoutError)"),
        N_(
            "Kawal could not reach the mail server %(where)s: it did not answer in time (a firewall, or the wrong "
            "port). Check KAWAL_SMTP_HOST and KAWAL_SMTP_PORT, then retry."
        ),
    ),
    (
        "smtp_host_unknown",
        re.compile(rf"smtp {_WHERE}: .*(?:not known|resolution|gaierror|No address associated)"),
        N_("The mail server's name in %(where)s is not found: check KAWAL_SMTP_HOST, then retry."),
    ),
    (
        "smtp_tls_failed",
        re.compile(rf"smtp {_WHERE}: .*(?:SSL|[Cc]ertificate)"),
        N_(
            "TLS with the mail server %(where)s failed (its certificate, or no protocol in common): check "
            "KAWAL_SMTP_SSL and KAWAL_SMTP_STARTTLS with the command kawal mail test, then retry."
        ),
    ),
    (
        "message_not_buildable",
        re.compile(r"\w+: the message (?:cannot|could not) be built \((?P<type>\w+)\)"),
        N_(
            "The message could not be put together (%(type)s): most often an address holding characters an e-mail "
            "cannot carry. Have the address corrected, then retry."
        ),
    ),
    (
        "smtp_failed",
        re.compile(rf"smtp {_WHERE}: (?P<detail>.+)"),
        N_("Sending through the mail server %(where)s failed (%(detail)s)."),
    ),
    (
        "gateway_refused",
        re.compile(rf"webhook {_WHERE}: HTTP (?P<status>\d+)"),
        N_("The SMS/WhatsApp gateway %(where)s refused the message (HTTP %(status)s)."),
    ),
    (
        "gateway_unreachable",
        re.compile(rf"webhook {_WHERE}: (?P<detail>.+)"),
        N_(
            "Kawal could not reach the SMS/WhatsApp gateway %(where)s (%(detail)s): check KAWAL_WEBHOOK_URL and "
            "that the gateway runs, then retry."
        ),
    ),
    (
        "recipient_unreadable",
        re.compile(r"address: (?P<type>\w+)"),
        N_("The recipient's record could not be read (%(type)s): the server's log has the details."),
    ),
    (
        "render_failed",
        re.compile(r"render: (?P<type>\w+)(?::.*)?", re.S),
        N_(
            "The message's text could not be written (%(type)s): a fault in Kawal's template or in the message's "
            "facts. Tell whoever maintains Kawal: a retry fails the same way until it is mended."
        ),
    ),
    (
        "attachment_unreadable",
        re.compile(r"attachments: (?P<type>\w+)"),
        N_(
            "A file the message carries could not be read, or does not match its record (%(type)s): check the "
            "files' storage (KAWAL_FILES_DIR)."
        ),
    ),
    (
        "quota_reached",
        re.compile(r"(?P<kind>\w+) quota refused (?P<n>\d+) times within a day"),
        N_(
            "The public's limit on %(what)s was reached %(n)s times within a day: someone may be sending in bulk. "
            "Mark it handled once looked at; it opens again if it recurs."
        ),
    ),
    (
        "files_disk_full",
        re.compile(r"the disk of KAWAL_FILES_DIR is nearly full.*"),
        N_(
            "The disk of the files (KAWAL_FILES_DIR) is nearly full, and uploads are refused: make room, then mark "
            "it handled."
        ),
    ),
    (
        "cuti_bersama_unconfirmed",
        re.compile(r"Cuti bersama (?P<year>\d{4}) belum dikonfirmasi.*", re.S),
        N_(
            "The cuti bersama of %(year)s are not confirmed, and a case's deadline reaches into that year: enter the "
            "SKB's days on the working calendar and confirm the year there. The incident closes then."
        ),
    ),
]
QUOTAS = {  # engine.quotas: what each limit counts
    "filing": N_("filings"),
    "message": N_("reporters' messages"),
    "bytes": N_("attachments' size"),
    "code_resend": N_("new access codes"),
}
JOB = N_(
    "A background job kept failing (%(type)s): the workers' log (journalctl -u 'kawal-worker@*') has the details. "
    "Retry once its cause is mended."
)
UNKNOWN = N_("Kawal recorded an error of a kind it does not recognise (%(type)s): the server's log has the details.")
JOB_FAILED, UNEXPLAINED = "job_failed", "unexplained"  # the codes of the two fallbacks
_TYPE = re.compile(r"([A-Za-z_][\w.]*)(?::|$)")


def explain(message: str | None, job: bool, language: str) -> tuple[str, str]:
    """The error ``message`` as its code and its words in ``language``; ``job``: the incident is a background job's
    (a case's timers, a reminder, a letter's PDF), whose error is an exception of no known form."""
    say = catalog(language).gettext
    text = (message or "").strip()
    for code, pattern, words in ERRORS:
        found = pattern.fullmatch(text)
        if found:
            values = found.groupdict()
            if "kind" in values:
                kind = values.pop("kind")
                values["what"] = say(QUOTAS[kind]) if kind in QUOTAS else kind
            return code, say(words) % values if values else say(words)
    kind = _TYPE.match(text)
    code, words = (JOB_FAILED, JOB) if job else (UNEXPLAINED, UNKNOWN)
    return code, say(words) % {"type": kind[1] if kind else "—"}
