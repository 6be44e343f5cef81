"""Delivery channels: SMTP, a signed webhook (for SMS/WhatsApp gateways) and a log channel.

A channel takes a rendered ``Message`` and delivers it, or raises ``ChannelError``; the caller
(the outbox job) records the attempt and retries. Channels never log or put into an error text
the recipient's address or the message body: personal data stays out of logs (ASVS 16.2.5). For
the same reason a ``ChannelError`` is raised ``from None``: the underlying exception (whose text
may quote the address, e.g. an SMTP "550 <x@y>: unknown user") is not chained into tracebacks.

Configuration (``channels_from_settings``; read from the environment by ``engine.config``):

``KAWAL_SMTP_HOST``
    Enables the ``smtp`` channel: the mail server's host name.
``KAWAL_SMTP_PORT``
    Its port; default 25 (465 when ``KAWAL_SMTP_SSL=1``).
``KAWAL_SMTP_FROM``
    The sender address (From and envelope sender; its domain is the Message-IDs', ``on_domain``); default
    ``ppid@localhost``.
``KAWAL_SMTP_USER``, ``KAWAL_SMTP_PASSWORD``
    Log in with these when the user is set.
``KAWAL_SMTP_STARTTLS=1``
    Upgrade the connection with STARTTLS (certificate verified against the system CAs).
``KAWAL_SMTP_SSL=1``
    Connect with implicit TLS (SMTPS). Not together with STARTTLS.
``KAWAL_WEBHOOK_URL``, ``KAWAL_WEBHOOK_SECRET``
    Enable the ``webhook`` channel (both needed): the gateway's http(s) URL and the HMAC secret
    (its UTF-8 bytes are the key).

The ``log`` channel is always there.

Webhook contract (for gateway implementers): a ``POST`` with a compact, key-sorted UTF-8 JSON body
``{"body", "event", "locale", "message_id", "subject", "ticket", "to"}`` and the headers
``Content-Type: application/json``, ``X-Kawal-Message-Id`` (the same for every retry of a message:
use it to drop duplicates) and ``X-Kawal-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>``.
Verify the signature over the raw bytes before parsing (``verify_signature``). Any 2xx answer means
"accepted"; anything else, including a redirect, is a failure and the message is retried. The other way, the
gateway posts the status questions it receives to ``POST /api/v1/gateway/texts``, signed with the same secret
(api.views.gateway).
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import logging
import re
import smtplib
import ssl
import textwrap
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import formatdate, parseaddr
from typing import Protocol

from engine.config import Settings

log = logging.getLogger("kawal.notifications")


@dataclass(frozen=True)
class Message:
    """One rendered message to one recipient. ``to`` is personal data: never log it."""

    channel: str
    to: str  # e-mail address, phone number or gateway recipient id
    subject: str
    body: str
    message_id: str  # notifications.rendering.message_id(idempotency_key)
    event: str
    ticket: str
    locale: str
    # (file name, media type, content): e-mail only (the delivered information); other channels ignore them
    attachments: tuple[tuple[str, str, bytes], ...] = ()


class ChannelError(Exception):
    """Delivery failed; the caller retries. The text never holds the address or the body.

    ``permanent`` is a hint that retrying will not help (an SMTP 5xx answer, a webhook 4xx other
    than 408/429); the caller may still retry and open an incident after its attempts.
    """

    def __init__(self, reason: str, *, permanent: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


class Channel(Protocol):
    name: str

    def send(self, message: Message) -> None: ...


class LogChannel:
    """For development: one INFO line per message, without the address or the body."""

    name = "log"

    def send(self, message: Message) -> None:
        log.info(
            "notification event=%s ticket=%s channel=%s message_id=%s subject=%r",
            message.event,
            message.ticket,
            message.channel,
            message.message_id,
            message.subject,
        )


class _MailPolicy(EmailPolicy):
    """The standard policy (``email.policy.default``), except that a plain (ASCII) subject too long for one line is
    folded at its spaces from its first line: Python moves a subject that fits on a line of its own to the next one
    (``Subject:\r\n Tembusan: ...``), which mail readers parse with a leading space."""

    def fold(self, name, value):
        return self._plain(name, value) or super().fold(name, value)

    def fold_binary(self, name, value):
        plain = self._plain(name, value)
        return plain.encode("ascii") if plain else super().fold_binary(name, value)

    def _plain(self, name: str, value) -> str | None:
        text = str(value)
        line = f"{name}: {text}"
        if name.lower() != "subject" or not text.isascii() or "\n" in text or "\r" in text:
            return None
        if len(line) <= (self.max_line_length or len(line)):
            return None
        wrap = textwrap.wrap(
            line, self.max_line_length, subsequent_indent=" ", break_long_words=False, break_on_hyphens=False
        )
        return self.linesep.join(wrap) + self.linesep


MAIL_POLICY = _MailPolicy(linesep="\n")  # as email.policy.default: smtplib writes CRLF on the wire


class SmtpChannel:
    name = "smtp"

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = False,
        use_ssl: bool = False,
        timeout: float = 10,
        ssl_context: ssl.SSLContext | None = None,
    ):
        if starttls and use_ssl:
            raise ValueError("SMTP: choose STARTTLS or implicit TLS (SSL), not both")
        self.host = host
        self.port = port
        self.sender = sender
        self.username = username
        self.password = password
        self.starttls = starttls
        self.use_ssl = use_ssl
        self.timeout = timeout
        self._ssl_context = ssl_context

    @property
    def ssl_context(self) -> ssl.SSLContext:
        """The TLS context, built once: loading the system's CA certificates takes ~35 ms a time."""
        if self._ssl_context is None:
            self._ssl_context = ssl.create_default_context()
        return self._ssl_context

    def build(self, message: Message) -> EmailMessage:
        email = EmailMessage(policy=MAIL_POLICY)
        email["From"] = self.sender
        email["To"] = message.to
        email["Subject"] = message.subject
        email["Message-ID"] = on_domain(message.message_id, self.sender)
        email["Date"] = formatdate(localtime=True)
        email["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to this
        # Quoted-printable keeps the message 7-bit clean for any relay, without relying on 8BITMIME.
        email.set_content(message.body, charset="utf-8", cte="quoted-printable")
        email["Content-Language"] = message.locale  # after set_content, which clears Content-* headers
        for name, media_type, data in message.attachments:
            maintype, subtype = media_type.split("/", 1)
            email.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
        if message.attachments:  # the first attachment moved the text's Content-* headers into its part
            email["Content-Language"] = message.locale
        return email

    def send(self, message: Message) -> None:
        try:
            email = self.build(message)
        except (ValueError, TypeError) as exc:  # e.g. a CR/LF in the address: the same on every try
            raise ChannelError(f"smtp: the message cannot be built ({type(exc).__name__})", permanent=True) from None
        where = f"{self.host}:{self.port}"
        try:
            if self.use_ssl:
                client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=self.ssl_context)
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with client:
                if self.starttls:
                    _step(where, STARTTLS, client.starttls, context=self.ssl_context)
                if self.username:
                    _step(where, LOGIN, client.login, self.username, self.password or "")
                client.send_message(email, from_addr=self.sender, to_addrs=[message.to])
        except ChannelError:
            raise
        except smtplib.SMTPRecipientsRefused as exc:
            codes = sorted({code for code, _ in exc.recipients.values()})
            raise ChannelError(
                f"smtp {where}: recipient refused ({', '.join(map(str, codes))})",
                permanent=all(code >= 500 for code in codes),
            ) from None
        except smtplib.SMTPResponseException as exc:
            # Only the code: the server's text may quote the address.
            raise ChannelError(
                f"smtp {where}: {type(exc).__name__} {exc.smtp_code}", permanent=exc.smtp_code >= 500
            ) from None
        except smtplib.SMTPException as exc:
            raise ChannelError(f"smtp {where}: {type(exc).__name__}") from None
        except OSError as exc:  # refused, timed out, TLS failure (ssl.SSLError is an OSError)
            raise ChannelError(f"smtp {where}: {exc.strerror or type(exc).__name__}") from None


# The steps of the conversation before the message, as an error names them, and what it says when the server does
# not offer the step's extension at all (smtplib raises SMTPNotSupportedError for either).
STARTTLS, LOGIN = "TLS (STARTTLS)", "login"
_NOT_OFFERED = {STARTTLS: "the server does not offer STARTTLS", LOGIN: "the server offers no login (AUTH)"}


def _step(where: str, step: str, action, *args, **kwargs) -> None:
    """Run ``action``, the step ``step`` with the server at ``where``; a failure names the step, so ``kawal mail test``
    and an incident say which settings to look at (KAWAL_SMTP_STARTTLS, _SSL and _PORT; KAWAL_SMTP_USER and
    _PASSWORD). Only codes and type names: the server's text may quote an address."""
    name = f"smtp {where}: {step}"
    try:
        action(*args, **kwargs)
    except smtplib.SMTPNotSupportedError:
        raise ChannelError(f"{name}: {_NOT_OFFERED[step]}") from None
    except smtplib.SMTPResponseException as exc:  # the password refused (535), the upgrade refused (454)
        raise ChannelError(f"{name}: refused ({exc.smtp_code})", permanent=exc.smtp_code >= 500) from None
    except smtplib.SMTPException as exc:  # e.g. no authentication method both sides know
        raise ChannelError(f"{name}: {type(exc).__name__}") from None
    except OSError as exc:  # the TLS handshake: an untrusted certificate, no common protocol
        raise ChannelError(f"{name}: {exc.strerror or type(exc).__name__}") from None


def on_domain(message_id: str, sender: str) -> str:
    """``message_id`` (``<digest@kawal.local>``, notifications.rendering.message_id) on the domain of the From
    address, which the office owns: a Message-ID on a domain nobody owns counts against a mail in spam filters. A
    From without a domain, or with a bare host name (the default ``ppid@localhost``), keeps the id as it is. The
    digest is the row's, so a resend still carries the same id."""
    domain = parseaddr(sender)[1].rpartition("@")[2].strip().lower()
    if "." not in domain or not _DOMAIN.fullmatch(domain):
        return message_id
    digest = message_id.strip("<>").rpartition("@")[0]
    return f"<{digest}@{domain}>"


_DOMAIN = re.compile(r"[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """urllib turns a redirected POST into a GET without the body; treat a redirect as a failure."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class WebhookChannel:
    name = "webhook"

    def __init__(self, url: str, secret: bytes, timeout: float = 10):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("webhook URL must be http(s)://host/...")
        if not secret:
            raise ValueError("webhook secret must not be empty")
        self.url = url
        self.secret = secret
        self.timeout = timeout
        self._where = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"

    @staticmethod
    def payload(message: Message) -> bytes:
        data = {
            "event": message.event,
            "ticket": message.ticket,
            "to": message.to,
            "subject": message.subject,
            "body": message.body,
            "message_id": message.message_id,
            "locale": message.locale,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def send(self, message: Message) -> None:
        body = self.payload(message)
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-Kawal-Message-Id": message.message_id,
                "X-Kawal-Signature": sign(self.secret, body),
            },
        )
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=self.timeout) as response:
                status = response.status
                response.read()
        except urllib.error.HTTPError as exc:
            status = exc.code
            exc.close()
        except (OSError, http.client.HTTPException) as exc:
            reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            text = getattr(reason, "strerror", None) or type(reason).__name__
            raise ChannelError(f"webhook {self._where}: {text}") from None
        if not 200 <= status < 300:
            permanent = 400 <= status < 500 and status not in (408, 429)
            raise ChannelError(f"webhook {self._where}: HTTP {status}", permanent=permanent)


def sign(secret: bytes, body: bytes) -> str:
    """The ``X-Kawal-Signature`` header value for ``body``."""
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def verify_signature(secret: bytes, body: bytes, header: str | None) -> bool:
    """True when ``header`` is the signature of the raw ``body`` under ``secret`` (constant time)."""
    if not header:
        return False
    return hmac.compare_digest(sign(secret, body).encode("ascii"), header.strip().encode("utf-8", "replace"))


def channels_from_settings(settings: Settings) -> dict[str, Channel]:
    """The configured channels by name (``engine.config.Settings``: the ``smtp_*`` and ``webhook_*`` settings)."""
    channels: dict[str, Channel] = {"log": LogChannel()}
    if settings.smtp_host:
        channels["smtp"] = SmtpChannel(
            host=settings.smtp_host,
            port=settings.smtp_port or (465 if settings.smtp_ssl else 25),
            sender=settings.smtp_from,
            username=settings.smtp_user,
            password=settings.smtp_password,
            starttls=settings.smtp_starttls,
            use_ssl=settings.smtp_ssl,
        )
    if settings.webhook_url and settings.webhook_secret:
        channels["webhook"] = WebhookChannel(settings.webhook_url, settings.webhook_secret.encode("utf-8"))
    return channels
