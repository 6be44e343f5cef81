"""Finding 2: production refuses a known, short or trivial secret (ASVS 13.3: secrets are not defaults).

With the development secret (printed in the source) or a one-character one, anyone could sign an API
token or a session cookie for any officer; with a public vault key, read every sealed identity.
"""

import base64
import os

import pytest

from engine.config import DEV_SECRET, ConfigError, _vault_keys, load_settings

GOOD_SECRET = base64.b64encode(os.urandom(48)).decode()
GOOD_KEY = base64.b64encode(os.urandom(32)).decode()


def production(**env):
    return {
        "KAWAL_ENV": "production",
        "KAWAL_SECRET_KEY": GOOD_SECRET,
        "KAWAL_VAULT_KEY": GOOD_KEY,
        "KAWAL_DATABASE_URL": "postgresql+psycopg://db/kawal",
        "KAWAL_PUBLIC_URL": "https://ppid.kanwil-jatim.go.id",
        "KAWAL_OFFICE_NAME": "KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TIMUR",
        **env,
    }


@pytest.mark.parametrize(
    "secret",
    [
        DEV_SECRET,
        "x",
        "s3cret",
        "a" * 31,
        "a" * 64,
        "ab" * 40,
        "changeme-changeme-changeme-changeme",
        "12345678901234567890123456789012",
        "passwordpasswordpasswordpassword12",
    ],
    ids=[
        "development-default",
        "one-char",
        "short",
        "31-bytes",
        "one-letter-repeated",
        "two-letters-repeated",
        "a-word-repeated",
        "digits-counted",
        "password-repeated",
    ],
)
def test_production_refuses_a_known_short_or_trivial_secret_key(secret):
    """The development default, anything under 32 bytes and a repeated pattern are all refused at start."""
    with pytest.raises(ConfigError, match="KAWAL_SECRET_KEY"):
        load_settings(production(KAWAL_SECRET_KEY=secret))


def test_production_refuses_the_development_vault_key_and_a_trivial_one():
    """The key the development mode derives from the public default secret, or 32 zero bytes, is refused."""
    dev_key = base64.b64encode(_vault_keys(None, DEV_SECRET)[0]).decode()
    for key in (dev_key, base64.b64encode(bytes(32)).decode(), f"{GOOD_KEY},{dev_key}"):
        with pytest.raises(ConfigError, match="KAWAL_VAULT_KEY"):
            load_settings(production(KAWAL_VAULT_KEY=key))


@pytest.mark.parametrize("secret", ["", "s3cret", "z" * 40])
def test_production_refuses_a_weak_webhook_secret_when_the_webhook_is_on(secret):
    """The gateway trusts the signature: a guessable HMAC key lets anyone send messages in the office's name."""
    with pytest.raises(ConfigError, match="KAWAL_WEBHOOK_SECRET"):
        load_settings(production(KAWAL_WEBHOOK_URL="https://sms.example/send", KAWAL_WEBHOOK_SECRET=secret))


@pytest.mark.parametrize("secret", ["s3cret", "z" * 40])
def test_production_refuses_a_weak_gateway_secret_even_without_the_webhook(secret):
    """The secret alone opens the gateway's way in (status questions by text, api.views.gateway): a guessable key
    lets anyone ask in the gateway's name, and guess codes without the per-sender count stopping them."""
    with pytest.raises(ConfigError, match="KAWAL_WEBHOOK_SECRET"):
        load_settings(production(KAWAL_WEBHOOK_SECRET=secret))


def test_production_starts_with_random_secrets_and_development_keeps_its_default():
    """Strong secrets pass; development and tests still start with nothing set."""
    settings = load_settings(
        production(
            KAWAL_WEBHOOK_URL="https://sms.example/send", KAWAL_WEBHOOK_SECRET=base64.b64encode(os.urandom(33)).decode()
        )
    )
    assert settings.production
    assert settings.secret_key == GOOD_SECRET
    assert load_settings({}).secret_key == DEV_SECRET


def test_production_refuses_to_start_without_the_public_address_its_letters_print():
    """Without KAWAL_PUBLIC_URL every letter's QR code and verification address named http://127.0.0.1:5000."""
    env = production()
    del env["KAWAL_PUBLIC_URL"]
    with pytest.raises(ConfigError, match="KAWAL_PUBLIC_URL"):
        load_settings(env)
    assert load_settings(production()).public_url == "https://ppid.kanwil-jatim.go.id"


def test_a_random_hex_or_base64_secret_passes():
    import secrets

    for secret in (secrets.token_hex(32), base64.b64encode(os.urandom(48)).decode(), secrets.token_urlsafe(32)):
        assert load_settings(production(KAWAL_SECRET_KEY=secret)).secret_key == secret
