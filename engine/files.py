"""Attachments: checked by content, encrypted at rest, kept outside the database under random names.

A file is accepted when its bytes start like one of the allowed types (the upload's own name and
type are not trusted), it is not empty and not over the size limit. Its content is sealed with the
vault's current key (AES-GCM, bound to its storage key) and written to ``KAWAL_FILES_DIR``; the
database row holds the sanitized name, the detected type, the size and the sha256 of the plain
content, so a download can be checked.

A file is written before its row is committed; when that transaction rolls back instead (a bad
request, a crash, a conflict), the files it wrote are removed (``put(..., session)``), so a failed
message leaves nothing behind on disk either.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from engine.errors import Invalid
from engine.messages import Message, msg
from engine.vault import Vault

_WRITTEN = "kawal_files_written"  # session.info: files written in the session's open transaction

# Signatures of the types a reporter may send: documents and photos.
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
MAX_FILES = 5
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes

    @classmethod
    def from_storage(cls, storage) -> Upload:
        """An uploaded file read once (werkzeug's ``FileStorage``, or anything with ``filename``,
        ``stream`` and ``read()``); the spooled temporary file is closed at once."""
        with storage.stream:
            return cls(storage.filename or "", storage.read())


@dataclass(frozen=True)
class Checked:
    file_name: str
    media_type: str
    size: int
    sha256: str
    data: bytes


def sniff(data: bytes) -> tuple[str, str] | None:
    for signature, media_type, extension in SIGNATURES:
        if data.startswith(signature):
            return media_type, extension
    return None


def safe_name(name: str, extension: str) -> str:
    """A plain file name for Content-Disposition: no path, no odd characters, the detected extension."""
    stem = _UNSAFE.sub("_", Path(name or "").name).strip("._")[:80] or "lampiran"
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return f"{stem or 'lampiran'}{extension}"


def check(uploads: list[Upload], max_bytes: int) -> list[Checked]:
    """Every upload checked, or one Invalid naming each bad file (``attachments.N``); nothing is stored."""
    fields: dict[str, list[Message]] = {}
    if len(uploads) > MAX_FILES:
        fields["attachments"] = [msg("too_many_files", max=MAX_FILES)]
    checked = []
    for n, upload in enumerate(uploads):
        kind = sniff(upload.data)
        problem = None
        if not upload.data:
            problem = msg("empty_file")
        elif len(upload.data) > max_bytes:
            problem = msg("file_too_large", max=max_bytes)
        elif kind is None:
            problem = msg("file_type_refused")
        if problem:
            fields[f"attachments.{n}"] = [problem]
            continue
        media_type, extension = kind
        checked.append(
            Checked(
                safe_name(upload.name, extension),
                media_type,
                len(upload.data),
                hashlib.sha256(upload.data).hexdigest(),
                upload.data,
            )
        )
    if fields:
        raise Invalid("attachment_refused", fields=fields)
    return checked


class FileStore:
    def __init__(self, directory: Path, vault: Vault):
        self.directory = Path(directory)
        self.vault = vault

    def put(self, data: bytes, session: Session | None = None) -> tuple[str, str]:
        """Seal and write ``data``; returns (storage key, vault key id).

        With ``session``, the file belongs to its transaction: a rollback removes it.
        """
        key = uuid.uuid4().hex
        kid, blob = self.vault.seal_bytes(data, b"attachment:" + key.encode())
        self.directory.mkdir(parents=True, exist_ok=True)
        temporary = self.directory / f".{key}.tmp"
        temporary.write_bytes(blob)
        os.replace(temporary, self.directory / key)  # never a half-written file under the real name
        if session is not None:
            session.info.setdefault(_WRITTEN, []).append(self.directory / key)
        return key, kid

    def get(self, key: str, kid: str) -> bytes:
        if not re.fullmatch(r"[0-9a-f]{32}", key):
            raise LookupError("bad storage key")
        return self.vault.open_bytes(kid, (self.directory / key).read_bytes(), b"attachment:" + key.encode())


@event.listens_for(Session, "after_commit")
def _keep_written(session: Session) -> None:
    session.info.pop(_WRITTEN, None)


@event.listens_for(Session, "after_rollback")
def _remove_written(session: Session) -> None:
    for path in session.info.pop(_WRITTEN, ()):
        path.unlink(missing_ok=True)
