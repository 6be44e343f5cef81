"""Letters signed with the agency's certificate (PAdES, pyHanko) when a key is configured."""

import io
from datetime import UTC, datetime

import pytest
import time_machine
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import select

from engine.config import load_settings
from engine.files import FileStore
from engine.letters import production
from engine.models import Letter
from tests.certificates import certificate_pem, key_pem, self_signed
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_letters import render_pending


def _certificate(tmp_path):
    cert, key = self_signed(
        "PPID Kantor Wilayah Contoh",
        (x509.BasicConstraints(ca=True, path_length=None), True),
        (x509.KeyUsage(True, True, False, False, False, True, False, False, False), True),
        not_before=datetime(2026, 1, 1, tzinfo=UTC),
        days=3650,
    )
    key_path, cert_path = tmp_path / "key.pem", tmp_path / "cert.pem"
    key_path.write_bytes(key_pem(key, b"rahasia-kantor"))
    cert_path.write_bytes(certificate_pem(cert))
    return key_path, cert_path, asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


@pytest.fixture
def signing(tmp_path):
    return _certificate(tmp_path)


@pytest.fixture
def settings(db_url, tmp_path, signing):  # noqa: F811 - db_url: the fixture imported above
    key, cert, _ = signing
    return load_settings(
        {
            "KAWAL_ENV": "test",
            "KAWAL_DATABASE_URL": db_url,
            "KAWAL_FILES_DIR": str(tmp_path / "files"),
            "KAWAL_LETTER_SIGNING_KEY": str(key),
            "KAWAL_LETTER_SIGNING_CERT": str(cert),
            "KAWAL_LETTER_SIGNING_PASSPHRASE": "rahasia-kantor",
        }
    )


def test_with_a_key_configured_every_letter_carries_a_valid_pades_signature_of_the_office(office, signing):
    with time_machine.travel(datetime(2026, 11, 30, 2, 0, tzinfo=UTC), tick=True):
        ticket = office.submit()
        office.complete(ticket, "periksa_kelengkapan")
        office.complete(ticket, "registrasi")
        render_pending(office)
        with office.sessions() as s:
            letter = s.scalar(select(Letter))
            data = production.file_bytes(FileStore(office.rt.settings.files_dir, office.rt.vault), letter)
        assert letter.signed is True
        (embedded,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
        status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[signing[2]]))
        assert status.intact
        assert status.valid
        assert status.trusted
        assert status.coverage.name == "ENTIRE_FILE"
