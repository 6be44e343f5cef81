"""PAdES signatures on letters with the agency's certificate (pyHanko), when the office configures a key.

``KAWAL_LETTER_SIGNING_KEY`` and ``KAWAL_LETTER_SIGNING_CERT`` (PEM files; the key may be encrypted with
``KAWAL_LETTER_SIGNING_PASSPHRASE``) make every PDF a PAdES baseline (B-B) signature over the whole
document, signed for the office with the letter's number as the reason. No timestamp authority is
asked (no network during rendering): the signing time is in the signed attributes. pyHanko is an
optional dependency (``pip install 'kawal[sign]'``); engine.config refuses a key without it.
"""

from __future__ import annotations

import io
from functools import lru_cache

from engine.config import Settings


@lru_cache(maxsize=2)
def _signer(key: str, cert: str, passphrase: str | None):
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load(key, cert, key_passphrase=passphrase.encode() if passphrase else None)
    if signer is None:
        raise RuntimeError("the letter signing key or certificate could not be read")
    return signer


def sign(settings: Settings, pdf: bytes, content: dict) -> bytes:
    """``pdf`` with a PAdES signature of the office over every byte."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = _signer(str(settings.signing_key), str(settings.signing_cert), settings.signing_passphrase)
    meta = signers.PdfSignatureMetadata(
        field_name="Kawal",
        reason=f"{content['type']['title']} {content['letter']['number']}",
        location=settings.office_city,
        name=settings.office_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer)
    return out.getvalue()
