"""The officers' second factor: TOTP (RFC 6238, via pyotp) with one-time recovery codes.

Who needs it: the groups in ``KAWAL_SECOND_FACTOR_GROUPS`` (by default the WBS managers, who can open
sealed identities, and the administrators, who can grant themselves any group), and anyone who has
enrolled. Approving an identity reveal needs a login that passed it, whatever the setting says
(engine.complaints.decide_reveal).

The shared secret is sealed with the vault's current key (bound to the officer's id), so a copy of the
database gives no codes; a code is accepted once (``totp_last_step``), one step either side of now for
clock drift. Recovery codes are random, shown once at enrolment and stored only as Argon2 hashes.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime

import pyotp
import segno
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from engine import clock, users
from engine.config import Settings
from engine.models import RecoveryCode, User
from engine.tickets import CROCKFORD
from engine.vault import Vault

ISSUER = "Kawal"
RECOVERY_CODES = 10
RECOVERY_CHARS = 16  # x 5 bits = 80 bits, Argon2-hashed (ASVS 6.5.2)
DRIFT_STEPS = 1


def required(settings: Settings, user: User) -> bool:
    """The officer's groups make the second factor compulsory."""
    return bool(user.group_codes & set(settings.second_factor_groups))


def enrolled(user: User) -> bool:
    return user.totp_enabled_at is not None


def needed(settings: Settings, user: User) -> bool:
    """A login of this officer must pass the second factor (compulsory, or chosen by enrolling)."""
    return enrolled(user) or required(settings, user)


def _associated(user: User) -> bytes:
    return f"totp:{user.id}".encode()


def _secret(vault: Vault, user: User) -> str:
    return vault.open_bytes(user.totp_key_id, user.totp_secret, _associated(user)).decode()


def begin_enrolment(session: Session, vault: Vault, user: User) -> str:
    """A new secret for an officer not yet enrolled (kept until confirmed by a code); returns it."""
    if enrolled(user):
        raise ValueError("already enrolled")
    if user.totp_secret is not None:
        return _secret(vault, user)  # the page was reloaded: the secret already scanned stays
    secret = pyotp.random_base32()
    user.totp_key_id, user.totp_secret = vault.seal_bytes(secret.encode(), _associated(user))
    session.flush()
    return secret


def enrol(session: Session, vault: Vault, user: User, secret: str) -> None:
    """Turn the second factor on with a given secret, without a first code (the demo's officers only)."""
    user.totp_key_id, user.totp_secret = vault.seal_bytes(secret.encode(), _associated(user))
    user.totp_enabled_at = clock.now()
    session.flush()


def provisioning_uri(secret: str, user: User) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The enrolment URI as an SVG QR code (no image library needed), for an ``<img src="data:...">``."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


def confirm_enrolment(session: Session, vault: Vault, user: User, code: str) -> list[str] | None:
    """Turn the second factor on once a first code matches; returns the recovery codes (shown once)."""
    if enrolled(user) or user.totp_secret is None or not _check_code(vault, user, code):
        return None
    user.totp_enabled_at = clock.now()
    return new_recovery_codes(session, user)


def new_recovery_codes(session: Session, user: User) -> list[str]:
    """Replace the officer's recovery codes with fresh ones; returns them as the officer is to write them down."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(CROCKFORD) for _ in range(RECOVERY_CHARS))
        codes.append("-".join(raw[i : i + 4] for i in range(0, RECOVERY_CHARS, 4)))
        session.add(RecoveryCode(user_id=user.id, code_hash=users.hash_secret(_normal(codes[-1]))))
    session.flush()
    return codes


def verify(session: Session, vault: Vault, user: User, code: str | None) -> bool:
    """A current TOTP code (each accepted once) or an unused recovery code (then used up)."""
    if not enrolled(user) or not code:
        return False
    text = code.strip()
    if text.replace(" ", "").isdigit():
        return _check_code(vault, user, text)
    return _use_recovery_code(session, user, text)


def _check_code(vault: Vault, user: User, code: str) -> bool:
    code = (code or "").replace(" ", "")
    if len(code) != 6 or not code.isdigit():
        return False
    totp = pyotp.TOTP(_secret(vault, user))
    now_step = totp.timecode(clock.now())
    for step in range(now_step - DRIFT_STEPS, now_step + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            if user.totp_last_step is not None and step <= user.totp_last_step:
                return False  # replayed (or older than one already used)
            user.totp_last_step = step
            return True
    return False


def _normal(code: str) -> str:
    return code.upper().replace("-", "").replace(" ", "")


def _use_recovery_code(session: Session, user: User, code: str) -> bool:
    given = _normal(code)
    if len(given) != RECOVERY_CHARS:
        return False
    for row in session.scalars(
        select(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    ):
        try:
            users.verify_secret(row.code_hash, given)
        except (VerificationError, InvalidHashError):
            continue
        row.used_at = clock.now()
        return True
    return False


def reset(session: Session, user: User) -> None:
    """Remove the officer's second factor (a lost phone): they enrol again at their next login."""
    user.totp_secret = user.totp_key_id = user.totp_enabled_at = user.totp_last_step = None
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def code_now(secret: str, at: datetime | None = None) -> str:
    """The code an authenticator app shows for ``secret`` (for the CLI's check and for tests)."""
    return pyotp.TOTP(secret).at(at or clock.now())
