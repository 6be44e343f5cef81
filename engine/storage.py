"""Where sealed file blobs live: a small interface, a local folder by default, an S3-compatible store beside it.

``engine.files.FileStore`` seals a file (vault, AES-GCM) and hands the blob to a ``Storage`` under a
random key; the storage never sees plain content or a file's name, so any backend only keeps
ciphertext. Two backends: the local folder (``KAWAL_FILES_DIR``, the default) and an S3-compatible
bucket (``KAWAL_S3_BUCKET`` and its endpoint, region and keys: AWS S3, MinIO, Ceph RGW, SeaweedFS...;
``boto3``, the optional extra ``kawal[s3]``). ``for_settings`` picks one. A new backend implements these
three methods.
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


class S3Storage:
    """Blobs as objects of one bucket (an S3 PUT is atomic: a reader never sees half an object).

    ``client`` is a boto3 S3 client; ``prefix`` a folder inside the bucket. A missing object reads as
    ``FileNotFoundError``, like the local folder, so callers need not know the backend.
    """

    def __init__(self, client, bucket: str, prefix: str = ""):
        self.client, self.bucket, self.prefix = client, bucket, prefix

    @classmethod
    def from_settings(cls, settings) -> S3Storage:
        import boto3
        from botocore.config import Config

        client = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint,
            region_name=settings.s3_region,
            aws_access_key_id=settings.s3_access_key,
            aws_secret_access_key=settings.s3_secret_key,
            # path-style addressing: MinIO and most self-hosted stores have no per-bucket DNS names
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 3, "mode": "standard"}),
        )
        return cls(client, settings.s3_bucket, settings.s3_prefix)

    def _name(self, key: str) -> str:
        return self.prefix + check_key(key)

    def write(self, key: str, blob: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self._name(key), Body=blob)

    def read(self, key: str) -> bytes:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._name(key))
        except self.client.exceptions.NoSuchKey:
            raise FileNotFoundError(key) from None
        return answer["Body"].read()

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._name(key))  # no error when it is gone already


_S3_CLIENTS: dict = {}  # one client per configuration: building one reads botocore's model files (~100 ms)


def for_settings(settings) -> Storage:
    """The storage the settings choose: the S3 bucket when ``s3_bucket`` is set, else the local folder."""
    if not settings.s3_bucket:
        return LocalStorage(settings.files_dir)
    config = (settings.s3_endpoint, settings.s3_region, settings.s3_bucket, settings.s3_prefix, settings.s3_access_key)
    if config not in _S3_CLIENTS:
        _S3_CLIENTS[config] = S3Storage.from_settings(settings)
    return _S3_CLIENTS[config]
