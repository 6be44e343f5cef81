"""A failed SMTP send names the step that failed: the TLS upgrade (STARTTLS) or the login.

``kawal mail test`` printed "SMTPNotSupportedError" alike for STARTTLS asked of a server that does not offer it and
for a login asked of a server that offers no AUTH, though README says the test names TLS and the login apart. The
channel's error (what the command prints, and what an incident keeps) now says which, against real aiosmtpd
servers lacking each; it still holds no address.
"""

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from notifications.channels import ChannelError, SmtpChannel
from tests.notifications.test_channels import ADDRESS, SENDER, Collector, make_message
from tests.smtp import free_port


def _server(**options):
    controller = Controller(Collector(), hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    return controller


@pytest.fixture
def plain_server():
    """No STARTTLS (no TLS context) and no AUTH (no authenticator): a relay inside the office's network."""
    controller = _server()
    yield controller
    controller.stop()


@pytest.fixture
def auth_server():
    """AUTH without TLS, refusing every password (a wrong KAWAL_SMTP_PASSWORD)."""
    controller = _server(
        authenticator=lambda *_args: AuthResult(success=False, handled=False),
        auth_require_tls=False,
    )
    yield controller
    controller.stop()


def _refused(channel: SmtpChannel) -> str:
    with pytest.raises(ChannelError) as failed:
        channel.send(make_message())
    text = str(failed.value)
    assert ADDRESS not in text
    return text


def test_starttls_asked_of_a_server_without_it_names_tls(plain_server):
    text = _refused(SmtpChannel("127.0.0.1", plain_server.port, SENDER, starttls=True))
    assert text == f"smtp 127.0.0.1:{plain_server.port}: TLS (STARTTLS): the server does not offer STARTTLS"


def test_a_login_asked_of_a_server_without_auth_names_the_login(plain_server):
    text = _refused(SmtpChannel("127.0.0.1", plain_server.port, SENDER, username="ppid", password="rahasia"))
    assert text == f"smtp 127.0.0.1:{plain_server.port}: login: the server offers no login (AUTH)"


def test_a_refused_password_names_the_login_and_its_code(auth_server):
    text = _refused(SmtpChannel("127.0.0.1", auth_server.port, SENDER, username="ppid", password="salah"))
    assert text == f"smtp 127.0.0.1:{auth_server.port}: login: refused (535)"


def test_the_mail_test_command_prints_the_step(plain_server, monkeypatch):
    """`kawal mail test` prints the channel's error: the step is in its one line."""
    from click.testing import CliRunner

    from api.cli import main

    for key, value in {
        "KAWAL_ENV": "test",
        "KAWAL_SMTP_HOST": "127.0.0.1",
        "KAWAL_SMTP_PORT": str(plain_server.port),
        "KAWAL_SMTP_STARTTLS": "1",
    }.items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(main, ["mail", "test", "admin@kanwil.example"])
    assert result.exit_code == 1
    assert "TLS (STARTTLS): the server does not offer STARTTLS" in result.output
    assert "SMTPNotSupportedError" not in result.output
    monkeypatch.delenv("KAWAL_SMTP_STARTTLS")
    monkeypatch.setenv("KAWAL_SMTP_USER", "ppid")
    monkeypatch.setenv("KAWAL_SMTP_PASSWORD", "rahasia")
    result = CliRunner().invoke(main, ["mail", "test", "admin@kanwil.example"])
    assert result.exit_code == 1
    assert "login: the server offers no login (AUTH)" in result.output
