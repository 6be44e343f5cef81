"""Finding 8: HSTS in production, the docs page's frame and content-security headers, TRACE refused with Allow."""

import base64
import os

import pytest

from engine.config import load_settings
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)

API = "/api/v1"


def test_production_answers_carry_hsts_and_development_ones_do_not(settings, client, another_app):
    """Production is served over HTTPS only; browsers are told to come back that way for a year."""
    production = load_settings(
        {
            "KAWAL_ENV": "production",
            "KAWAL_SECRET_KEY": base64.b64encode(os.urandom(48)).decode(),
            "KAWAL_VAULT_KEY": base64.b64encode(os.urandom(32)).decode(),
            "KAWAL_DATABASE_URL": settings.database_url,
            "KAWAL_FILES_DIR": str(settings.files_dir),
            "KAWAL_PUBLIC_URL": "https://ppid.kanwil-jatim.go.id",
            "KAWAL_OFFICE_NAME": "KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TIMUR",
        }
    )
    served = another_app(production).test_client()
    for path in (f"{API}/openapi.json", "/publik", f"{API}/docs"):
        hsts = served.get(path).headers.get("Strict-Transport-Security", "")
        assert hsts.startswith("max-age=31536000"), path
        assert "Strict-Transport-Security" not in client.get(path).headers


def test_the_api_docs_page_may_not_be_framed_and_runs_only_its_own_scripts(client):
    """The Swagger UI page is HTML under /api/: it gets the same CSP and X-Frame-Options as every page."""
    r = client.get(f"{API}/docs")
    assert r.status_code == 200
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert "script-src" not in r.headers["Content-Security-Policy"]  # default-src 'self': no inline script
    assert r.headers["X-Frame-Options"] == "DENY"
    assert "<script>" not in r.get_data(as_text=True)


@pytest.mark.parametrize("path", [f"{API}/cases/PPID-2026-000001", f"{API}/openapi.json", "/publik", "/masuk"])
def test_trace_is_405_with_the_allowed_methods(client, path):
    """TRACE is never echoed back; the answer names what the resource allows (RFC 9110 §15.5.6)."""
    r = client.open(path, method="TRACE")
    assert r.status_code == 405
    allowed = {m.strip() for m in r.headers["Allow"].split(",")}
    assert "GET" in allowed
    assert "TRACE" not in allowed
