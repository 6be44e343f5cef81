"""Channels against real servers: aiosmtpd for SMTP (plain, STARTTLS, SMTPS) and an HTTP server for
the webhook. Nothing here mocks the network."""

import email
import email.policy
import ipaddress
import json
import logging
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509

from engine.config import ConfigError, load_settings
from notifications.channels import (
    ChannelError,
    LogChannel,
    Message,
    SmtpChannel,
    WebhookChannel,
    channels_from_settings,
    verify_signature,
)
from notifications.rendering import message_id, render
from tests.certificates import certificate_pem, key_pem, self_signed
from tests.smtp import free_port

ADDRESS = "pemohon.rahasia@example.org"
PHONE = "+6281234567890"
SENDER = "ppid@kemenag.example.go.id"
SECRET = b"webhook-secret-for-tests"
SUBJECT = "Pemberitahuan — Permohonan PPID/2026/000123: “Dikabulkan Sebagian” (é, ñ, 中文)"
BODY = (
    "Yth. Pemohon Informasi Publik,\n\nKeputusan: Dikabulkan Sebagian — naskah UTF-8: é ñ 中文.\n\nHormat kami,\nPPID\n"
)


def make_message(channel="smtp", to=ADDRESS, subject=SUBJECT, body=BODY) -> Message:
    return Message(
        channel=channel,
        to=to,
        subject=subject,
        body=body,
        message_id=message_id("case:1:decision_notice"),
        event="decision_notice",
        ticket="PPID/2026/000123",
        locale="id",
    )


# --- SMTP -----------------------------------------------------------------------------------------


class Collector:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


class Recipients(Collector):
    """Refuses one mailbox with a 550 whose text quotes the address, as real servers do."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.startswith("unknown"):
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def smtp_server():
    handler = Recipients()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1, and a client context that trusts only it."""
    cert, key = self_signed(
        "kawal-test",
        (x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False),
        (x509.BasicConstraints(ca=True, path_length=None), True),
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_pem = certificate_pem(cert)
    (folder / "cert.pem").write_bytes(cert_pem)
    (folder / "key.pem").write_bytes(key_pem(key))
    return folder, cert_pem.decode("ascii")


def server_context(tls_files) -> ssl.SSLContext:
    folder, _ = tls_files
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


def client_context(tls_files) -> ssl.SSLContext:
    return ssl.create_default_context(cadata=tls_files[1])


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"ppid" and auth_data.password == b"rahasia-smtp"
    return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself


def parse(envelope) -> email.message.EmailMessage:
    return email.message_from_bytes(envelope.original_content, policy=email.policy.default)


def test_smtp_delivers_utf8_message_with_stable_message_id(smtp_server):
    controller, handler = smtp_server
    message = make_message()
    SmtpChannel("127.0.0.1", controller.port, SENDER).send(message)

    (envelope,) = handler.envelopes
    assert envelope.mail_from == SENDER
    assert envelope.rcpt_tos == [ADDRESS]
    received = parse(envelope)
    assert received["To"] == ADDRESS
    assert received["From"] == SENDER
    assert received["Subject"] == SUBJECT
    assert received["Message-ID"] == message_id("case:1:decision_notice", "kemenag.example.go.id")  # the From's domain
    assert received["Content-Language"] == "id"
    assert received["Auto-Submitted"] == "auto-generated"
    assert received["Date"]
    assert received.get_content_type() == "text/plain"
    assert received.get_content_charset() == "utf-8"
    assert received.get_content().replace("\r\n", "\n") == BODY
    # 7-bit clean on the wire: no relay needs 8BITMIME or SMTPUTF8 for it.
    assert envelope.original_content.isascii()


def test_smtp_resend_carries_the_same_message_id(smtp_server):
    controller, handler = smtp_server
    channel = SmtpChannel("127.0.0.1", controller.port, SENDER)
    channel.send(make_message())
    channel.send(make_message())
    first, second = (parse(e)["Message-ID"] for e in handler.envelopes)
    assert first == second == message_id("case:1:decision_notice", "kemenag.example.go.id")


def test_smtp_sends_a_rendered_template(smtp_server):
    controller, handler = smtp_server
    context = {
        "ticket": "PPID/2026/000123",
        "deadline": "T17",
        "deadline_label": "Pemberitahuan tertulis setelah perpanjangan (7 hari kerja)",
        "legal_basis": "UU 14/2008 Pasal 22(8)",
        "due_at": "28 Desember 2026 16:00 WIB",
        "working_days_left": 7,
        "reason": "Informasi yang diminta belum didokumentasikan.",
        "new_due_at": "28 Desember 2026 16:00 WIB",
        "portal_hint": "Pantau permohonan Anda di portal PPID dengan nomor pendaftaran dan kode akses.",
    }
    subject, body = render("extension_notice", "id", context)
    SmtpChannel("127.0.0.1", controller.port, SENDER).send(make_message(subject=subject, body=body))
    received = parse(handler.envelopes[0])
    assert received["Subject"] == subject
    assert received.get_content().replace("\r\n", "\n") == body


def test_smtp_refused_connection_is_a_channel_error():
    port = free_port()
    with pytest.raises(ChannelError) as caught:
        SmtpChannel("127.0.0.1", port, SENDER, timeout=2).send(make_message())
    assert f"127.0.0.1:{port}" in str(caught.value)
    assert ADDRESS not in str(caught.value)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_smtp_rejected_recipient_is_permanent_and_does_not_leak_the_address(smtp_server):
    controller, handler = smtp_server
    unknown = "unknown.person@example.org"
    with pytest.raises(ChannelError) as caught:
        SmtpChannel("127.0.0.1", controller.port, SENDER).send(make_message(to=unknown))
    assert caught.value.permanent
    assert "550" in str(caught.value)
    assert unknown not in str(caught.value)
    assert handler.envelopes == []


@pytest.mark.parametrize("mode", ["starttls", "ssl"])
def test_smtp_over_tls_with_login(tls_files, mode):
    handler = Collector()
    port = free_port()
    tls = server_context(tls_files)
    if mode == "starttls":
        options = {"tls_context": tls, "require_starttls": True}
    else:
        # aiosmtpd only counts STARTTLS as TLS for AUTH; with SMTPS the whole connection is TLS.
        options = {"ssl_context": tls, "auth_require_tls": False}
    controller = Controller(handler, hostname="127.0.0.1", port=port, authenticator=authenticator, **options)
    controller.start()
    try:
        channel = SmtpChannel(
            "127.0.0.1",
            port,
            SENDER,
            username="ppid",
            password="rahasia-smtp",
            starttls=mode == "starttls",
            use_ssl=mode == "ssl",
            ssl_context=client_context(tls_files),
        )
        channel.send(make_message())
        (envelope,) = handler.envelopes
        assert parse(envelope)["Subject"] == SUBJECT

        wrong = SmtpChannel(
            "127.0.0.1",
            port,
            SENDER,
            username="ppid",
            password="salah",
            starttls=mode == "starttls",
            use_ssl=mode == "ssl",
            ssl_context=client_context(tls_files),
        )
        with pytest.raises(ChannelError, match="535") as caught:
            wrong.send(make_message())
        assert caught.value.permanent
    finally:
        controller.stop()


def test_smtp_untrusted_certificate_is_a_channel_error(tls_files):
    handler = Collector()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, tls_context=server_context(tls_files))
    controller.start()
    try:
        # The system CAs do not know the self-signed certificate.
        with pytest.raises(ChannelError):
            SmtpChannel("127.0.0.1", port, SENDER, starttls=True).send(make_message())
        assert handler.envelopes == []
    finally:
        controller.stop()


def test_smtp_starttls_and_ssl_together_is_a_configuration_error():
    with pytest.raises(ValueError, match="STARTTLS"):
        SmtpChannel("127.0.0.1", 25, SENDER, starttls=True, use_ssl=True)


# --- webhook --------------------------------------------------------------------------------------


class Recorder(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server's hook name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.requests.append((self.path, dict(self.headers), body))
        status = self.server.status
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", "/elsewhere")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass


@pytest.fixture
def webhook_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.requests = []
    server.status = 202
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def webhook_url(server, path="/kawal/sms") -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}{path}"


def test_webhook_posts_signed_json(webhook_server):
    message = make_message(channel="webhook", to=PHONE)
    WebhookChannel(webhook_url(webhook_server), SECRET).send(message)

    ((path, headers, body),) = webhook_server.requests
    assert path == "/kawal/sms"
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Kawal-Message-Id"] == message.message_id
    signature = headers["X-Kawal-Signature"]
    assert signature.startswith("sha256=")
    assert verify_signature(SECRET, body, signature)
    assert not verify_signature(b"another-secret", body, signature)
    assert not verify_signature(SECRET, body.replace(b"Dikabulkan", b"Ditolak"), signature)
    assert not verify_signature(SECRET, body + b" ", signature)
    assert not verify_signature(SECRET, body, "")
    assert not verify_signature(SECRET, body, None)
    assert not verify_signature(SECRET, body, "sha256=" + "0" * 64)
    assert not verify_signature(SECRET, body, "sha256=ünicode")

    assert json.loads(body.decode("utf-8")) == {
        "event": "decision_notice",
        "ticket": "PPID/2026/000123",
        "to": PHONE,
        "subject": SUBJECT,
        "body": BODY,
        "message_id": message.message_id,
        "locale": "id",
    }
    # Compact, sorted keys, raw UTF-8: the exact bytes a gateway sees and signs.
    assert body == json.dumps(json.loads(body), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )
    assert "中文".encode() in body


def test_webhook_server_error_is_a_transient_channel_error(webhook_server):
    webhook_server.status = 500
    with pytest.raises(ChannelError, match="HTTP 500") as caught:
        WebhookChannel(webhook_url(webhook_server), SECRET).send(make_message(channel="webhook", to=PHONE))
    assert not caught.value.permanent
    assert PHONE not in str(caught.value)
    assert len(webhook_server.requests) == 1


def test_webhook_client_error_is_permanent(webhook_server):
    webhook_server.status = 400
    with pytest.raises(ChannelError, match="HTTP 400") as caught:
        WebhookChannel(webhook_url(webhook_server), SECRET).send(make_message(channel="webhook", to=PHONE))
    assert caught.value.permanent


def test_webhook_redirect_is_not_followed(webhook_server):
    webhook_server.status = 302
    with pytest.raises(ChannelError, match="HTTP 302"):
        WebhookChannel(webhook_url(webhook_server), SECRET).send(make_message(channel="webhook", to=PHONE))
    assert len(webhook_server.requests) == 1


def test_webhook_refused_connection_is_a_channel_error():
    channel = WebhookChannel(f"http://127.0.0.1:{free_port()}/hook?token=abc", SECRET, timeout=2)
    with pytest.raises(ChannelError) as caught:
        channel.send(make_message(channel="webhook", to=PHONE))
    assert "token" not in str(caught.value)
    assert PHONE not in str(caught.value)


def test_webhook_rejects_bad_configuration():
    with pytest.raises(ValueError, match="http"):
        WebhookChannel("file:///etc/passwd", SECRET)
    with pytest.raises(ValueError, match="secret"):
        WebhookChannel("https://gateway.example/hook", b"")


# --- log ------------------------------------------------------------------------------------------


def test_log_channel_writes_one_line_without_personal_data(caplog):
    caplog.set_level(logging.INFO, logger="kawal.notifications")
    message = make_message(channel="log")
    LogChannel().send(message)

    (record,) = caplog.records
    assert record.name == "kawal.notifications"
    assert record.levelno == logging.INFO
    line = record.getMessage()
    assert "\n" not in line
    assert "PPID/2026/000123" in line
    assert "decision_notice" in line
    assert message.message_id in line
    assert SUBJECT in line
    assert ADDRESS not in line
    assert "Keputusan" not in line  # body text
    assert "Hormat kami" not in line


# --- configuration --------------------------------------------------------------------------------


def channels_from_env(environ: dict) -> dict:
    """The channels a process with ``environ`` builds: the variables are read by engine.config only."""
    return channels_from_settings(load_settings(environ))


def test_channels_from_env_only_log_by_default():
    channels = channels_from_env({})
    assert set(channels) == {"log"}
    assert isinstance(channels["log"], LogChannel)


def test_channels_from_env_smtp_and_webhook():
    channels = channels_from_env(
        {
            "KAWAL_SMTP_HOST": "mail.example.go.id",
            "KAWAL_SMTP_PORT": "587",
            "KAWAL_SMTP_FROM": SENDER,
            "KAWAL_SMTP_USER": "ppid",
            "KAWAL_SMTP_PASSWORD": "rahasia",
            "KAWAL_SMTP_STARTTLS": "1",
            "KAWAL_WEBHOOK_URL": "https://gateway.example/kawal",
            "KAWAL_WEBHOOK_SECRET": "s3cret",
        }
    )
    assert set(channels) == {"log", "smtp", "webhook"}
    smtp = channels["smtp"]
    assert isinstance(smtp, SmtpChannel)
    assert (smtp.host, smtp.port, smtp.sender) == ("mail.example.go.id", 587, SENDER)
    assert (smtp.username, smtp.password, smtp.starttls, smtp.use_ssl) == ("ppid", "rahasia", True, False)
    webhook = channels["webhook"]
    assert isinstance(webhook, WebhookChannel)
    assert webhook.url == "https://gateway.example/kawal"
    assert webhook.secret == b"s3cret"
    assert {name: channel.name for name, channel in channels.items()} == {n: n for n in channels}


def test_channels_from_env_defaults():
    smtp = channels_from_env({"KAWAL_SMTP_HOST": "localhost"})["smtp"]
    assert (smtp.port, smtp.sender, smtp.username, smtp.starttls, smtp.use_ssl) == (
        25,
        "ppid@localhost",
        None,
        False,
        False,
    )
    assert channels_from_env({"KAWAL_SMTP_HOST": "localhost", "KAWAL_SMTP_SSL": "1"})["smtp"].port == 465


def test_channels_from_env_webhook_needs_url_and_secret():
    assert "webhook" not in channels_from_env({"KAWAL_WEBHOOK_URL": "https://gateway.example/kawal"})
    assert "webhook" not in channels_from_env({"KAWAL_WEBHOOK_SECRET": "s3cret"})


def test_channels_from_env_rejects_a_bad_port():
    with pytest.raises(ConfigError, match="KAWAL_SMTP_PORT"):
        channels_from_env({"KAWAL_SMTP_HOST": "localhost", "KAWAL_SMTP_PORT": "smtp"})
