"""Where sealed file blobs live: a small interface, with a local folder as the default.

``engine.files.FileStore`` seals a file (vault, AES-GCM) and hands the blob to a ``Storage`` under a
random key; the storage never sees plain content or a file's name, so any backend only keeps
ciphertext. The local folder (``KAWAL_FILES_DIR``) is the only backend shipped: an S3-compatible store
was not built because no S3 server could be run for its tests on the project's machines (MinIO's
server is not packaged in Debian bookworm nor on PyPI), and an untested store is worse than none. A
new backend implements these three methods and is chosen in ``FileStore``'s constructor.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Protocol

_KEY = re.compile(r"[0-9a-f]{32}")  # what FileStore hands out (uuid4 hex): never a path


class Storage(Protocol):
    def write(self, key: str, blob: bytes) -> None: ...

    def read(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...


def check_key(key: str) -> str:
    if not _KEY.fullmatch(key or ""):
        raise LookupError("bad storage key")
    return key


class LocalStorage:
    """Blobs as files in one folder, each written under a temporary name and renamed into place."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def write(self, key: str, blob: bytes) -> None:
        check_key(key)
        self.directory.mkdir(parents=True, exist_ok=True)
        temporary = self.directory / f".{key}.tmp"
        temporary.write_bytes(blob)
        os.replace(temporary, self.directory / key)  # never a half-written file under the real name

    def read(self, key: str) -> bytes:
        return (self.directory / check_key(key)).read_bytes()

    def delete(self, key: str) -> None:
        (self.directory / check_key(key)).unlink(missing_ok=True)
