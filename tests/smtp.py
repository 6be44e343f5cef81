"""The real SMTP server the tests send mail to (aiosmtpd on 127.0.0.1), and what it received."""

from __future__ import annotations

import asyncio
import socket
import threading
from contextlib import contextmanager
from email import message_from_bytes

from aiosmtpd.controller import Controller


def mailed_id(idempotency_key: str, sender: str = "ppid@kanwil.example") -> str:
    """The Message-ID a mail of the outbox row with ``idempotency_key`` arrives with, sent from ``sender`` (the
    tests' KAWAL_SMTP_FROM): the row's digest on the From's domain (notifications.channels.on_domain)."""
    from notifications.channels import on_domain
    from notifications.rendering import message_id

    return on_domain(message_id(idempotency_key), sender)


def mail_settings(mailbox: Mailbox, channels: str = "log,smtp", **extra: str) -> dict[str, str]:
    """The settings that send an app's mail to ``mailbox`` (from the tests' KAWAL_SMTP_FROM), with ``extra`` ones."""
    return {
        "KAWAL_NOTIFY_CHANNELS": channels,
        "KAWAL_SMTP_HOST": "127.0.0.1",
        "KAWAL_SMTP_PORT": str(mailbox.port),
        "KAWAL_SMTP_FROM": "ppid@kanwil.example",
        **extra,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """Collects every message the SMTP server accepts; ``hold`` makes the next RCPT wait (to kill a sender)."""

    def __init__(self):
        self.messages, self.lock = [], threading.Lock()
        self.hold = threading.Event()
        self.held = threading.Event()
        self.port = 0

    def empty(self) -> None:
        """As a new server's: nothing received, nothing held."""
        with self.lock:
            self.messages.clear()
        self.hold.clear()
        self.held.clear()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd hook
        if self.hold.is_set():
            self.held.set()
            while self.hold.is_set():
                await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted"

    def by_event(self, subject_part: str = "") -> list:
        with self.lock:
            return [m for m in self.messages if subject_part in str(m["Subject"])]

    def ids(self) -> list[str]:
        with self.lock:
            return [m["Message-ID"] for m in self.messages]


@contextmanager
def smtp_server():
    """A Mailbox served on a free port of 127.0.0.1 until the block ends."""
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    try:
        yield box
    finally:
        box.hold.clear()
        controller.stop()
