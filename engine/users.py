"""Officers, their groups and their passwords (argon2id)."""

import functools
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from engine import clock, throttle
from engine.errors import Invalid
from engine.messages import Message, msg
from engine.models import Group, Unit, User
from engine.nip import normalized as normalized_nip
from engine.nip import problem as nip_problem

# The groups Kawal knows: lane names in the BPMN files are these codes (ARCHITECTURE.md).
GROUPS = {
    "petugas_layanan": "Petugas Pelayanan Informasi",
    "ppid": "PPID",
    "unit_pengolah": "Unit Pengolah Informasi",
    "atasan_ppid": "Atasan PPID",
    "pimpinan": "Pimpinan Badan Publik",
    "tim_pengaduan": "Tim Pengelola Pengaduan",
    "pengelola_wbs": "Pengelola Whistleblowing System",
    "auditor": "Auditor",
    "admin": "Administrator",
}
DEFAULT_UNIT = ("KANWIL", "Kantor Wilayah")
MIN_PASSWORD = 8
# Passwords tried first by anyone guessing (the most common in leaked lists, and an office's own words): refused.
COMMON_PASSWORDS = frozenset(
    {
        "password", "password1", "password123", "passw0rd", "12345678", "123456789", "1234567890", "87654321",
        "11111111", "00000000", "qwertyui", "qwerty123", "1q2w3e4r", "iloveyou", "admin123", "administrator",
        "welcome1", "sayang123", "bismillah", "indonesia", "kemenag1", "kemenag123", "jakarta1", "rahasia1",
        "abcd1234", "abc12345", "changeme", "letmein1",
    }
)  # fmt: skip
MIN_PASSWORD_CHARACTERS = 5  # "aaaaaaaa", "abababab": a pattern, not a password

_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """What an unknown username's password is checked against, so that it costs what a known one does. Made
    at the first login, not at import: every process that starts would otherwise pay a hash (~0.12 s)."""
    return _hasher.hash("kawal-dummy-password")


def ensure_groups(session: Session) -> dict[str, Group]:
    existing = {g.code: g for g in session.scalars(select(Group))}
    for code, name in GROUPS.items():
        if code not in existing:
            existing[code] = Group(code=code, name=name)
            session.add(existing[code])
    session.flush()
    return existing


def default_unit(session: Session) -> Unit:
    return ensure_unit(session, *DEFAULT_UNIT)


def units(session: Session, active_only: bool = False, keep: int | None = None) -> list[Unit]:
    """The office's units, by name (what a page lists to choose from). ``active_only``: those a referral or an
    officer's account may still choose (engine.units), and ``keep``, the id of a unit already chosen, though it was
    deactivated since (so a form that shows it does not quietly change it)."""
    query = select(Unit).order_by(Unit.name)
    if active_only:
        query = query.where(or_(Unit.active.is_(True), Unit.id == keep) if keep else Unit.active.is_(True))
    return list(session.scalars(query))


def unit_of_code(session: Session, code: str | None) -> Unit | None:
    """The office's unit with this code (what a referral names), or None."""
    return session.scalar(select(Unit).where(Unit.code == code)) if code else None


def ensure_unit(session: Session, code: str, name: str | None = None) -> Unit:
    """A unit of the office by its code (e.g. a Bidang or a Kankemenag), created on first use."""
    unit = unit_of_code(session, code)
    if unit is None:
        unit = Unit(code=code, name=name or code)
        session.add(unit)
        session.flush()
    return unit


def create_user(
    session: Session,
    username: str,
    password: str,
    groups: list[str],
    display_name: str | None = None,
    unit: str | None = None,
    email: str | None = None,
    nip: str | None = None,
) -> User:
    """A new officer; ``nip``: their NIP as typed (engine.nip), or none."""
    nip = normalized_nip(nip)
    if fields := creation_problems(session, username, password, groups, email, nip):
        raise Invalid("user_not_created", fields=fields)
    known = ensure_groups(session)
    user = User(
        username=username,
        display_name=display_name or username,
        email=email,
        nip=nip,
        password_hash=_hasher.hash(password),
        active=True,
        unit_id=(ensure_unit(session, unit) if unit and unit != DEFAULT_UNIT[0] else default_unit(session)).id,
        created_at=clock.now(),
        groups=[known[g] for g in groups],
    )
    session.add(user)
    session.flush()
    return user


def creation_problems(
    session: Session, username: str, password: str, groups: list[str], email: str | None, nip: str | None = None
) -> dict:
    """Why a new officer would be refused, by field (empty when nothing is wrong); ``nip`` as ``engine.nip.normalized``
    left it."""
    fields = {}
    if not username or len(username) > 80 or not username.replace(".", "").replace("_", "").isalnum():
        fields["username"] = [msg("username_rule")]
    if problem := password_problem(password, username):
        fields["password"] = [problem]
    if email is not None and not EMAIL.fullmatch(email):
        fields["email"] = [msg("email_invalid")]
    if problem := nip_problem(nip):
        fields["nip"] = [problem]
    unknown = sorted(set(groups) - set(GROUPS))
    if unknown or not groups:
        fields["groups"] = [msg("groups_unknown", names=", ".join(unknown)) if unknown else msg("group_required")]
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        fields["username"] = [msg("username_taken")]
    return fields


def hash_secret(secret: str) -> str:
    """An Argon2id hash of a low-entropy secret (a recovery code, a password)."""
    return _hasher.hash(secret)


def verify_secret(stored_hash: str, secret: str) -> None:
    """Raises argon2's ``VerificationError`` unless ``secret`` matches ``stored_hash``."""
    _hasher.verify(stored_hash, secret)


EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def password_problem(password: str | None, username: str | None = None) -> Message | None:
    """Why a password is refused (too short, among the most common, a pattern, the username in it), or None."""
    password = password or ""
    if len(password) < MIN_PASSWORD:
        return msg("min_length", min=MIN_PASSWORD)
    if password.lower() in COMMON_PASSWORDS or len(set(password)) < MIN_PASSWORD_CHARACTERS:
        return msg("password_common")
    if username and len(username) >= 3 and username.lower() in password.lower():
        return msg("password_has_username")
    return None


def set_password(session: Session, user: User, password: str) -> None:
    """A new password (a reset by an administrator, the officer's own change: engine.accounts); the caller ends the
    officer's sessions too."""
    if problem := password_problem(password, user.username):
        raise Invalid("password_not_set", fields={"password": [problem]})
    user.password_hash = _hasher.hash(password)
    session.flush()


def password_matches(user: User, password: str | None) -> bool:
    """Whether ``password`` is the officer's (their own change of password asks for the current one)."""
    try:
        _hasher.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False
    return True


def authenticate(session: Session, username: str, password: str) -> User | None:
    dummy = _dummy_hash()  # made before the lookup, for a known user too: the first unknown one waits no longer
    user = session.scalar(select(User).where(User.username == username))
    try:
        _hasher.verify(user.password_hash if user else dummy, password or "")
    except (VerificationError, InvalidHashError):
        return None
    return user if user is not None and user.active else None


def attempt_login(
    session: Session, username: str, password: str, address: str | None, limits: throttle.Limits
) -> User | None:
    """An officer's password checked through the throttle: the officer, or ``None`` for wrong credentials.

    The throttle is asked first, so a refused attempt never reaches the password hash. A failure is
    recorded; the caller commits either way, also when it then refuses the request. A success does not
    yet clear the failures: the login may still need its second factor (engine.login).

    When the username has failed too often from all addresses together (a distributed run), only an
    officer with a second factor may still try, since the password alone then no longer suffices.

    Raises:
        TooMany: the (address, username) pair, the address, or (for an officer without a second
            factor) the username has failed too often lately (engine.throttle).
    """
    username_wait = throttle.check(session, username, address, limits)
    if username_wait:
        user = session.scalar(select(User).where(User.username == username))
        if user is None or user.totp_enabled_at is None:
            raise throttle.too_many(username_wait)
    user = authenticate(session, username, password)
    if user is None:
        throttle.record_failure(session, username, address, limits)
    return user
