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
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from engine.errors import Invalid
from engine.messages import Message, msg
from engine.models import Attachment
from engine.storage import LocalStorage, Storage, check_key
from engine.storage import for_settings as storage_for
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
        ``stream`` and ``read()``); the spooled temporary file is closed at once. A request run again (after
        a conflict with another transaction) gets the same upload from the same storage."""
        kept = getattr(storage, "_kawal_upload", None)
        if kept is None:
            with storage.stream:
                kept = cls(storage.filename or "", storage.read())
            storage._kawal_upload = kept
        return kept


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


@dataclass(frozen=True)
class Rule:
    """What one field accepts: the detected types, how many files and how large each may be."""

    field: str = "attachments"
    types: tuple[str, ...] = tuple(t for _s, t, _e in SIGNATURES)
    max_files: int = MAX_FILES
    max_bytes: int = 10 * 1024 * 1024


_TYPE_NAMES = {t: e[1:].upper().replace("JPG", "JPEG") for _s, t, e in SIGNATURES}


def size_words(n: int) -> str:
    """A size limit as people read it (``10 MB``, ``2 KB``), rounded down so "larger than" stays true."""
    for unit, size in (("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            tenths = n * 10 // size if n < 10 * size else n // size * 10
            return f"{tenths // 10}{'' if tenths % 10 == 0 else f'.{tenths % 10}'} {unit}"
    return f"{n} B"


def check(uploads: list[Upload], max_bytes: int) -> list[Checked]:
    """A reporter's attachments: PDF, PNG or JPEG, ``MAX_FILES`` at most, ``max_bytes`` each."""
    return check_rule(uploads, Rule(max_bytes=max_bytes))


def problems(uploads: list[Upload], rule: Rule) -> dict[str, list[Message]]:
    """Each broken limit as ``{field or field.N: [message]}``; empty when every upload is acceptable."""
    fields: dict[str, list[Message]] = {}
    if len(uploads) > rule.max_files:
        fields[rule.field] = [msg("too_many_files", max=rule.max_files)]
    if set(rule.types) == set(Rule().types):
        wrong_type = msg("file_type_refused")
    else:
        wrong_type = msg("file_types_only", types=", ".join(_TYPE_NAMES.get(t, t) for t in rule.types))
    for n, upload in enumerate(uploads):
        kind = sniff(upload.data)
        problem = None
        if not upload.data:
            problem = msg("empty_file")
        elif len(upload.data) > rule.max_bytes:
            problem = msg("file_too_large", max=size_words(rule.max_bytes))
        elif kind is None or kind[0] not in rule.types:
            problem = wrong_type
        if problem:
            fields[f"{rule.field}.{n}"] = [problem]
    return fields


def check_rule(uploads: list[Upload], rule: Rule) -> list[Checked]:
    """Every upload checked, or one Invalid naming each bad file (``field.N``); nothing is stored."""
    fields = problems(uploads, rule)
    if fields:
        raise Invalid("attachment_refused", fields=fields)
    return [checked(upload) for upload in uploads]


def checked(upload: Upload) -> Checked:
    media_type, extension = sniff(upload.data)
    return Checked(
        safe_name(upload.name, extension),
        media_type,
        len(upload.data),
        hashlib.sha256(upload.data).hexdigest(),
        upload.data,
    )


class FileStore:
    """Sealed files in a ``Storage`` (the local folder unless another is given)."""

    def __init__(self, directory: Path, vault: Vault, storage: Storage | None = None):
        self.storage = storage if storage is not None else LocalStorage(directory)
        self.vault = vault

    @classmethod
    def of(cls, settings, vault: Vault) -> FileStore:
        """The store the settings choose (engine.storage.for_settings: the folder or the S3 bucket)."""
        return cls(settings.files_dir, vault, storage_for(settings))

    def put(self, data: bytes, session: Session | None = None) -> tuple[str, str]:
        """Seal and write ``data``; returns (storage key, vault key id).

        With ``session``, the file belongs to its transaction: a rollback removes it.
        """
        key = uuid.uuid4().hex
        kid, blob = self.vault.seal_bytes(data, b"attachment:" + key.encode())
        self.storage.write(key, blob)
        if session is not None:
            session.info.setdefault(_WRITTEN, []).append((self.storage, key))
        return key, kid

    def get(self, key: str, kid: str) -> bytes:
        return self.vault.open_bytes(kid, self.storage.read(check_key(key)), b"attachment:" + key.encode())


@event.listens_for(Session, "after_commit")
def _keep_written(session: Session) -> None:
    session.info.pop(_WRITTEN, None)


@event.listens_for(Session, "after_rollback")
def _remove_written(session: Session) -> None:
    for storage, key in session.info.pop(_WRITTEN, ()):
        storage.delete(key)


def keep(session: Session, store: FileStore, case_id: int, item: Checked, at, **owner) -> Attachment:
    """Store a checked file encrypted (removed again if the transaction rolls back) and add its row.

    ``owner``: what the file belongs to (``message_id``, ``note_id``, or ``task_id``/``field``/``uploaded_by``
    and its ``scan``); the row is added to the session, not flushed.
    """
    key, kid = store.put(item.data, session)
    row = Attachment(
        case_id=case_id,
        file_name=item.file_name,
        media_type=item.media_type,
        size=item.size,
        sha256=item.sha256,
        storage_key=key,
        key_id=kid,
        created_at=at,
        **owner,
    )
    session.add(row)
    return row
