"""The identity vault: personal data encrypted at rest with AES-GCM.

Case and task data hold only the party id; the name, NIK and contacts live here. Every ciphertext
records the id of the key that sealed it, so keys rotate: new data is sealed with the first key in
``KAWAL_VAULT_KEY`` and old data still opens with the keys after it.
"""

import hashlib
import json
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.orm import Session

from engine import clock
from engine.models import Party

NONCE_BYTES = 12


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:16]


class Vault:
    def __init__(self, keys: tuple[bytes, ...]):
        if not keys:
            raise ValueError("the vault needs at least one key")
        self._keys = {key_id(k): AESGCM(k) for k in keys}
        self._current = key_id(keys[0])

    def seal(self, identity: dict, *, associated: bytes = b"party") -> tuple[str, bytes]:
        nonce = os.urandom(NONCE_BYTES)
        plain = json.dumps(identity, ensure_ascii=False, sort_keys=True).encode()
        return self._current, nonce + self._keys[self._current].encrypt(nonce, plain, associated)

    def open(self, kid: str, blob: bytes, *, associated: bytes = b"party") -> dict:
        try:
            aead = self._keys[kid]
        except KeyError:
            raise LookupError(f"vault key {kid} is not configured") from None
        return json.loads(aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], associated))

    def seal_bytes(self, data: bytes, associated: bytes) -> tuple[str, bytes]:
        """A file's content (an attachment), sealed with the current key and bound to ``associated``."""
        nonce = os.urandom(NONCE_BYTES)
        return self._current, nonce + self._keys[self._current].encrypt(nonce, data, associated)

    def open_bytes(self, kid: str, blob: bytes, associated: bytes) -> bytes:
        try:
            aead = self._keys[kid]
        except KeyError:
            raise LookupError(f"vault key {kid} is not configured") from None
        return aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], associated)

    def store(self, session: Session, role: str, identity: dict) -> Party:
        kid, blob = self.seal(identity)
        party = Party(role=role, key_id=kid, ciphertext=blob, created_at=clock.now())
        session.add(party)
        session.flush()
        return party

    def read(self, party: Party) -> dict:
        return self.open(party.key_id, party.ciphertext)
