"""Every setting goes through engine.config.Settings: one place reads the environment, and documents it."""

import ast
from pathlib import Path

import pytest

from engine.config import ConfigError, load_settings

ROOT = Path(__file__).resolve().parents[2]
OS_READERS = {"environ", "environb", "getenv", "getenvb"}


def _reads_the_environment(node) -> bool:
    """``os.environ``, ``os.getenv``, ``from os import environ`` (a WSGI ``request.environ`` is no setting)."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id == "os" and node.attr in OS_READERS
    if isinstance(node, ast.ImportFrom) and node.module == "os":
        return bool({alias.name for alias in node.names} & OS_READERS)
    return False


def test_only_engine_config_reads_the_environment():
    readers = []
    for layer in ("engine", "api", "notifications"):
        for path in sorted((ROOT / layer).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name == "engine/config.py" or "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if _reads_the_environment(node):
                    readers.append(f"{name}:{node.lineno}")
    assert readers == []


def test_delivery_settings_come_from_the_environment_with_their_defaults():
    default = load_settings({})
    assert (default.stale_claim_seconds, default.smtp_host, default.smtp_port, default.webhook_url) == (
        600,
        None,
        None,
        None,
    )
    shortened = load_settings({"KAWAL_STALE_CLAIM_SECONDS": "3", "KAWAL_SMTP_HOST": " mail ", "KAWAL_SMTP_SSL": "1"})
    assert (shortened.stale_claim_seconds, shortened.smtp_host, shortened.smtp_ssl) == (3, "mail", True)
    with pytest.raises(ConfigError, match="KAWAL_STALE_CLAIM_SECONDS"):
        load_settings({"KAWAL_STALE_CLAIM_SECONDS": "soon"})


def test_the_kept_instances_are_256_by_default_none_in_tests_and_never_negative():
    assert load_settings({}).workflow_cache == 256
    assert load_settings({"KAWAL_ENV": "test"}).workflow_cache == 0  # scenario tests restore at every step
    assert load_settings({"KAWAL_ENV": "test", "KAWAL_WORKFLOW_CACHE": "8"}).workflow_cache == 8
    assert load_settings({"KAWAL_WORKFLOW_CACHE": "0"}).workflow_cache == 0
    for bad in ("-1", "many"):
        with pytest.raises(ConfigError, match="KAWAL_WORKFLOW_CACHE"):
            load_settings({"KAWAL_WORKFLOW_CACHE": bad})


def test_secrets_of_the_channels_stay_out_of_the_settings_repr():
    settings = load_settings({"KAWAL_SMTP_PASSWORD": "rahasia-smtp", "KAWAL_WEBHOOK_SECRET": "rahasia-webhook"})
    assert settings.smtp_password == "rahasia-smtp"
    assert "rahasia" not in repr(settings)


def test_the_s3_store_and_the_e_mail_attachment_limit_come_from_the_environment():
    default = load_settings({})
    assert (default.s3_bucket, default.email_attachment_max_bytes) == (None, 7 * 1024 * 1024)
    s3 = load_settings(
        {
            "KAWAL_S3_BUCKET": "berkas",
            "KAWAL_S3_ENDPOINT": "https://minio.example.go.id:9000",
            "KAWAL_S3_PREFIX": "/kawal",
            "KAWAL_S3_SECRET_KEY": "rahasia-s3",
            "KAWAL_EMAIL_ATTACHMENT_MAX_BYTES": "1000",
        }
    )
    assert (s3.s3_bucket, s3.s3_endpoint, s3.s3_prefix, s3.email_attachment_max_bytes) == (
        "berkas",
        "https://minio.example.go.id:9000",
        "kawal/",
        1000,
    )
    assert "rahasia" not in repr(s3)
    with pytest.raises(ConfigError, match="KAWAL_EMAIL_ATTACHMENT_MAX_BYTES"):
        load_settings({"KAWAL_EMAIL_ATTACHMENT_MAX_BYTES": "0"})
