"""Production refuses the example file's placeholders: the public address every letter prints, the office's name,
and the mail server, sender and audit-anchor addresses.

The tester installed Kawal by the README: deploy/kawal.env.example ships ``KAWAL_PUBLIC_URL=https://ppid.example.go.id``
and ``KAWAL_OFFICE_NAME="KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI ..."``, so "production refuses to start without a
public URL" never fired, and every letter's QR code and verification address pointed to example.go.id under an office
of no province. Each is now refused at start, with one message naming the setting; development keeps its defaults.
A later walk found the example's mail settings (``mail.example.go.id``, ``ppid@example.go.id``,
``inspektorat@example.go.id``) still accepted: refused the same way.
"""

import base64
import os
import shlex
from pathlib import Path

import pytest

from engine.config import ConfigError, load_settings

EXAMPLE = Path(__file__).resolve().parents[2] / "deploy" / "kawal.env.example"
OFFICE = "KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TIMUR"
PUBLIC_URL = "https://ppid.kanwil-jatim.go.id"


def production(**env):
    return {
        "KAWAL_ENV": "production",
        "KAWAL_SECRET_KEY": base64.b64encode(os.urandom(48)).decode(),
        "KAWAL_VAULT_KEY": base64.b64encode(os.urandom(32)).decode(),
        "KAWAL_DATABASE_URL": "postgresql+psycopg://db/kawal",
        "KAWAL_PUBLIC_URL": PUBLIC_URL,
        "KAWAL_OFFICE_NAME": OFFICE,
        **env,
    }


def example_file() -> dict:
    """The shipped example as systemd and the shell read it (README, Production step 5): its uncommented lines."""
    env = {}
    for line in EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            env[name] = " ".join(shlex.split(value)) if value else ""
    return env


@pytest.mark.parametrize(
    "url",
    [
        "https://ppid.example.go.id",
        "https://example.com",
        "https://ppid.kanwil.example",
        "http://127.0.0.1:5000",
        "https://127.0.0.1",
        "https://localhost:8443",
        "https://[::1]:8000",
        "https://0.0.0.0",
        "https://ppid.kanwil.invalid",
    ],
)
def test_production_refuses_a_placeholder_or_this_machine_as_the_public_address(url):
    with pytest.raises(ConfigError, match=r"^KAWAL_PUBLIC_URL: .* is a placeholder or this machine's own address"):
        load_settings(production(KAWAL_PUBLIC_URL=url))


def test_production_refuses_a_public_address_without_https():
    with pytest.raises(ConfigError, match=r"^KAWAL_PUBLIC_URL must start with https:// in production"):
        load_settings(production(KAWAL_PUBLIC_URL="http://ppid.kanwil-jatim.go.id"))


@pytest.mark.parametrize(
    "name",
    ["KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI ...", "KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI …", None],
    ids=["the-example-s-placeholder", "an-ellipsis", "unset-the-default-names-no-province"],
)
def test_production_refuses_the_placeholder_office_name(name):
    env = production(KAWAL_OFFICE_NAME=name)
    if name is None:
        del env["KAWAL_OFFICE_NAME"]
    with pytest.raises(ConfigError, match=r"^KAWAL_OFFICE_NAME: set the office's full name"):
        load_settings(env)


def test_the_shipped_example_with_its_secrets_filled_in_is_refused_naming_every_placeholder_at_once():
    """What the README's step 4 does (the two secrets by sed), then starting: one refusal names all five placeholders.
    Before, each start named the next one only, and the walker needed five starts to learn what to change."""
    env = example_file() | {
        "KAWAL_SECRET_KEY": base64.b64encode(os.urandom(48)).decode(),
        "KAWAL_VAULT_KEY": base64.b64encode(os.urandom(32)).decode(),
    }
    with pytest.raises(ConfigError) as refused:
        load_settings(env)
    lines = str(refused.value).splitlines()
    assert lines[0] == "production refuses to start until these 5 settings are changed in the environment file:"
    assert [line.partition(":")[0] for line in lines[1:]] == [
        "- KAWAL_PUBLIC_URL",
        "- KAWAL_OFFICE_NAME",
        "- KAWAL_SMTP_HOST",
        "- KAWAL_SMTP_FROM",
        "- KAWAL_ANCHOR_DIGEST_TO",
    ]
    assert "mail.example.go.id is a placeholder" in lines[3]
    env |= {
        "KAWAL_PUBLIC_URL": PUBLIC_URL,
        "KAWAL_OFFICE_NAME": OFFICE,
        "KAWAL_SMTP_HOST": "mail.kanwil-jatim.go.id",
        "KAWAL_SMTP_FROM": "ppid@kanwil-jatim.go.id",
    }
    with pytest.raises(ConfigError, match="^KAWAL_ANCHOR_DIGEST_TO: inspektorat@example.go.id is a placeholder"):
        load_settings(env)  # one left: named alone, as before
    env["KAWAL_ANCHOR_DIGEST_TO"] = "inspektorat@itjen.kemenag.go.id"
    settings = load_settings(env)
    assert (settings.public_url, settings.office_name) == (PUBLIC_URL, OFFICE)
    assert (settings.smtp_host, settings.smtp_from) == ("mail.kanwil-jatim.go.id", "ppid@kanwil-jatim.go.id")


def test_readme_step_4_names_every_setting_production_refuses_as_a_placeholder():
    """The editor line of README's step 4 lists what to change: each setting the example ships as a placeholder."""
    readme = (EXAMPLE.parents[1] / "README.md").read_text()
    editor = next(line for line in readme.splitlines() if line.startswith("editor /etc/kawal/kawal.env"))
    for name in (
        "KAWAL_PUBLIC_URL",
        "KAWAL_OFFICE_NAME",
        "KAWAL_SMTP_HOST",
        "KAWAL_SMTP_FROM",
        "KAWAL_ANCHOR_DIGEST_TO",
    ):
        assert name in editor, name


MAIL = {"KAWAL_SMTP_HOST": "mail.kanwil-jatim.go.id", "KAWAL_SMTP_FROM": "ppid@kanwil-jatim.go.id"}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("KAWAL_SMTP_FROM", "ppid@example.go.id"),
        ("KAWAL_SMTP_FROM", "ppid@localhost"),
        ("KAWAL_SMTP_FROM", "ppid@kanwil.test"),
        ("KAWAL_SMTP_HOST", "mail.example.go.id"),
        ("KAWAL_SMTP_HOST", "smtp.kanwil.invalid"),
        ("KAWAL_ANCHOR_DIGEST_TO", "inspektorat@example.go.id"),
        ("KAWAL_ANCHOR_DIGEST_TO", "itjen@kemenag.go.id inspektorat@example.go.id"),
    ],
)
def test_production_refuses_the_example_file_s_mail_addresses_naming_the_setting(name, value):
    """The sender every message goes out from and the addresses the audit anchor's digest goes to."""
    with pytest.raises(ConfigError, match=rf"^{name}: .* is a placeholder"):
        load_settings(production(**MAIL | {name: value}))


def test_production_without_a_mail_server_ignores_the_unused_default_sender():
    """No KAWAL_SMTP_HOST: no mail is sent, so the default sender (ppid@localhost) is nobody's placeholder."""
    assert load_settings(production()).smtp_from == "ppid@localhost"


def test_production_accepts_an_office_s_mail_and_a_local_relay_and_development_keeps_the_examples():
    settings = load_settings(production(**MAIL, KAWAL_ANCHOR_DIGEST_TO="itjen@kemenag.go.id bpk@bpk.go.id"))
    assert (settings.smtp_host, settings.smtp_from) == ("mail.kanwil-jatim.go.id", "ppid@kanwil-jatim.go.id")
    for relay in ("localhost", "127.0.0.1", "::1"):  # Postfix on this machine relays for the office
        assert load_settings(production(**MAIL | {"KAWAL_SMTP_HOST": relay})).smtp_host == relay
    development = load_settings({"KAWAL_SMTP_HOST": "mail.example.go.id", "KAWAL_SMTP_FROM": "ppid@example.go.id"})
    assert development.smtp_from == "ppid@example.go.id"


def test_the_example_lists_the_letterhead_and_hours_settings_it_had_left_out():
    text = EXAMPLE.read_text()
    for name in (
        "KAWAL_OFFICE_CITY",
        "KAWAL_OFFICE_ADDRESS",
        "KAWAL_OFFICE_CONTACT",
        "KAWAL_OFFICE_LOGO",
        "KAWAL_OFFICE_HOURS",
        "KAWAL_OFFICE_CODE",
    ):
        assert f"#{name}=" in text, name
    assert "KAWAL_SMTP_USER" not in example_file()  # no login shipped with an empty password
    assert "#KAWAL_SMTP_USER=" in text
    assert "#KAWAL_SMTP_PASSWORD=" in text


def test_production_starts_with_a_real_address_and_name_and_development_keeps_its_defaults():
    settings = load_settings(production())
    assert (settings.public_url, settings.office_name) == (PUBLIC_URL, OFFICE)
    assert load_settings(production(KAWAL_PUBLIC_URL=PUBLIC_URL + "/")).public_url == PUBLIC_URL
    development = load_settings({"KAWAL_PUBLIC_URL": "https://ppid.example.go.id"})
    assert development.public_url == "https://ppid.example.go.id"
    assert load_settings({}).public_url == "http://127.0.0.1:5000"


def test_a_webhook_without_its_secret_is_refused_as_missing_not_as_the_public_default():
    with pytest.raises(ConfigError) as refused:
        load_settings(production(KAWAL_WEBHOOK_URL="https://sms.kanwil-jatim.go.id/send"))
    assert str(refused.value).startswith("KAWAL_WEBHOOK_SECRET is missing: KAWAL_WEBHOOK_URL is set")
    assert "development default" not in str(refused.value)
