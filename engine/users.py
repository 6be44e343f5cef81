"""Officers, their groups and their passwords (argon2id)."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import clock, throttle
from engine.errors import Invalid
from engine.messages import msg
from engine.models import Group, Unit, User

# The groups Kawal knows: lane names in the BPMN files are these codes (ARCHITECTURE.md).
GROUPS = {
    "petugas_layanan": "Petugas Pelayanan Informasi",
    "ppid": "PPID",
    "unit_pengolah": "Unit Pengolah Informasi",
    "atasan_ppid": "Atasan PPID",
    "tim_pengaduan": "Tim Pengelola Pengaduan",
    "pengelola_wbs": "Pengelola Whistleblowing System",
    "auditor": "Auditor",
    "admin": "Administrator",
}
DEFAULT_UNIT = ("KANWIL", "Kantor Wilayah")
MIN_PASSWORD = 8

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("kawal-dummy-password")


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


def ensure_unit(session: Session, code: str, name: str | None = None) -> Unit:
    """A unit of the office by its code (e.g. a Bidang or a Kankemenag), created on first use."""
    unit = session.scalar(select(Unit).where(Unit.code == code))
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
) -> User:
    fields = {}
    if not username or len(username) > 80 or not username.replace(".", "").replace("_", "").isalnum():
        fields["username"] = [msg("username_rule")]
    if len(password or "") < MIN_PASSWORD:
        fields["password"] = [msg("min_length", min=MIN_PASSWORD)]
    unknown = sorted(set(groups) - set(GROUPS))
    if unknown or not groups:
        fields["groups"] = [msg("groups_unknown", names=", ".join(unknown)) if unknown else msg("group_required")]
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        fields["username"] = [msg("username_taken")]
    if fields:
        raise Invalid("user_not_created", fields=fields)
    known = ensure_groups(session)
    user = User(
        username=username,
        display_name=display_name or username,
        password_hash=_hasher.hash(password),
        active=True,
        unit_id=(ensure_unit(session, unit) if unit else default_unit(session)).id,
        created_at=clock.now(),
        groups=[known[g] for g in groups],
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    user = session.scalar(select(User).where(User.username == username))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password or "")
    except (VerificationError, InvalidHashError):
        return None
    return user if user is not None and user.active else None


def attempt_login(
    session: Session, username: str, password: str, address: str | None, limits: throttle.Limits
) -> User | None:
    """An officer's login through the throttle: the officer, or ``None`` for wrong credentials.

    The throttle is asked first, so a refused attempt never reaches the password hash. A failure is
    recorded and a success clears the username's failures; the caller commits either way, also when
    it then refuses the request.

    Raises:
        TooMany: the username or the address has failed too often lately (engine.throttle).
    """
    throttle.check(session, username, address, limits)
    user = authenticate(session, username, password)
    if user is None:
        throttle.record_failure(session, username, address, limits)
    else:
        throttle.clear_failures(session, username)
    return user
