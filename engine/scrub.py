"""Hidden data taken out of a reporter's files before anyone reads them (ASVS 5.2; ecosystem-reliability §C.6).

A photo's EXIF names the camera or phone, the place (GPS) and often the owner; a PDF's document information
and XMP name its author and the software that made it. A whistleblower's or an anonymous reporter's file that
keeps them tells the complaint team who sent it, whatever the sealed identity; a confidential reporter's tells
whoever the file reaches, without the recorded read of their identity (engine.complaints.SCRUBBED_MODES: every
reporter). What is removed:

- JPEG: the APP1-APP15 segments (EXIF, XMP, IPTC, maker notes) but the ICC colour profile (APP2 ``ICC_PROFILE``)
  and Adobe's colour transform (APP14), and the comments (COM). The image data is not touched (no re-encoding).
- PNG: the text chunks (tEXt, zTXt, iTXt), EXIF (eXIf) and the time of the last change (tIME).
- PDF: the document information dictionary and the XMP metadata streams of the document and its pages (their
  objects dropped, not only unlinked); the file is written again by pypdf, so a digital signature in it no longer
  verifies (the portal says so).
- The file's name, which may name its owner, becomes ``lampiran-N`` with its type's extension.

A file that cannot be read as its type is refused (``Invalid`` on its field): keeping it whole would keep what
this module exists to remove.
"""

from __future__ import annotations

import hashlib
import io
import logging
import struct
from dataclasses import replace

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from engine.errors import Invalid
from engine.files import Checked
from engine.messages import msg

log = logging.getLogger(__name__)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_DROPPED = frozenset({b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"})
JPEG_KEPT_APP = frozenset({0xE0, 0xEE})  # JFIF, Adobe (colour transform)
SOS, EOI, COM = 0xDA, 0xD9, 0xFE


class Unreadable(ValueError):
    """The file is not what its first bytes say: its hidden data cannot be found to be taken out."""


def scrubbed(files: list[Checked], field: str = "attachments") -> list[Checked]:
    """Each file without its hidden data, its size and hash those of what is kept; a file that cannot be
    read is refused by its place in the list (``attachments.N``)."""
    out, refused = [], {}
    for n, item in enumerate(files):
        try:
            data = without_metadata(item.media_type, item.data)
        except Unreadable:
            refused[f"{field}.{n}"] = [msg("file_unreadable_for_scrub")]
            continue
        # The name the file had on the reporter's device may name them ("Budi_Santoso_KTP.pdf"): a neutral one.
        name = f"lampiran-{n + 1}.{item.file_name.rsplit('.', 1)[-1]}"
        out.append(replace(item, file_name=name, data=data, size=len(data), sha256=hashlib.sha256(data).hexdigest()))
    if refused:
        raise Invalid("attachment_refused", fields=refused)
    return out


def without_metadata(media_type: str, data: bytes) -> bytes:
    if media_type == "image/jpeg":
        return _jpeg(data)
    if media_type == "image/png":
        return _png(data)
    if media_type == "application/pdf":
        return _pdf(data)
    return data


def _jpeg(data: bytes) -> bytes:
    if data[:2] != b"\xff\xd8":
        raise Unreadable("no JPEG start")
    out, i = bytearray(data[:2]), 2
    while i < len(data):
        if data[i] != 0xFF or i + 1 >= len(data):
            raise Unreadable("a JPEG segment does not start with a marker")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte before a marker
            i += 1
            continue
        if marker in (SOS, EOI):  # the image data follows: kept as it is, to the end
            out += data[i:]
            return bytes(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            out += data[i : i + 2]
            i += 2
            continue
        if i + 4 > len(data):
            raise Unreadable("a JPEG segment is cut short")
        end = i + 2 + struct.unpack(">H", data[i + 2 : i + 4])[0]
        if end > len(data):
            raise Unreadable("a JPEG segment is longer than the file")
        segment = data[i:end]
        if not _jpeg_hidden(marker, segment):
            out += segment
        i = end
    raise Unreadable("a JPEG without image data")


def _jpeg_hidden(marker: int, segment: bytes) -> bool:
    if marker == COM:
        return True
    if 0xE0 <= marker <= 0xEF and marker not in JPEG_KEPT_APP:
        return not (marker == 0xE2 and segment[4:16] == b"ICC_PROFILE\x00")
    return False


def _png(data: bytes) -> bytes:
    if not data.startswith(PNG_SIGNATURE):
        raise Unreadable("no PNG signature")
    out, i = bytearray(PNG_SIGNATURE), len(PNG_SIGNATURE)
    while i < len(data):
        if i + 12 > len(data):
            raise Unreadable("a PNG chunk is cut short")
        length = struct.unpack(">I", data[i : i + 4])[0]
        kind = data[i + 4 : i + 8]
        end = i + 12 + length
        if end > len(data):
            raise Unreadable("a PNG chunk is longer than the file")
        if kind not in PNG_DROPPED:
            out += data[i:end]
        i = end
        if kind == b"IEND":
            return bytes(out)
    raise Unreadable("a PNG without its end")


def _pdf(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data))
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        writer.root_object.pop(NameObject("/Metadata"), None)
        for page in writer.pages:
            page.pop(NameObject("/Metadata"), None)
            page.pop(NameObject("/PieceInfo"), None)
        # The metadata streams are now unreferenced, but a clone still holds them: they are dropped, not written.
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        out = io.BytesIO()
        writer.write(out)
    except Exception as error:  # a PDF pypdf cannot read or write again, whatever the reason, cannot be scrubbed
        log.info("a reporter's PDF could not be read to remove its metadata: %s", type(error).__name__)
        raise Unreadable("the PDF cannot be read") from error
    return out.getvalue()
