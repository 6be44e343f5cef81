"""Who signs a letter: the signature block's name, position and NIP (engine.letters.context ``signatory``).

The office configures a signatory per lane (KAWAL_SIGNATORY_*: "Name; Position; NIP"); without one, the officer
who completed the task that issues the letter signs when the lane is theirs, else the lane's only active officer,
with the NIP their account holds (none for an officer who is not a civil servant); a blank line is left for the name
only when nothing says who. The head (``pimpinan``) falls back to the Atasan PPID,
who at a Kanwil is the head of the office.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.config import Settings
from engine.models import Group, Membership, User

# A lane's title on the signature block when the office configured no signatory for it.
DEFAULT_POSITIONS = {
    "ppid": ("Pejabat Pengelola Informasi dan Dokumentasi", "Information and Documentation Officer"),
    "atasan_ppid": ("Atasan PPID", "PPID Superior"),
    "pimpinan": ("Pimpinan Badan Publik", "Head of the Public Body"),
    "petugas_layanan": ("Petugas Pelayanan Informasi", "Information Service Officer"),
    "tim_pengaduan": ("Ketua Tim Pengelola Pengaduan", "Head of the Complaints Team"),
}


def _lanes(lane: str) -> tuple[str, ...]:
    """The lanes whose signatory signs for ``lane``: at a Kanwil the head of the office is the Atasan PPID."""
    return (lane, "atasan_ppid") if lane == "pimpinan" else (lane,)


def _configured(settings: Settings, lane: str) -> tuple | None:
    return next((settings.signatories[code] for code in _lanes(lane) if code in settings.signatories), None)


def signatory(settings: Settings, lane: str, officer: dict | None = None) -> dict:
    """Who signs for ``lane``: the office's configured signatory (KAWAL_SIGNATORY_*), else ``officer``
    (``signing_officer``), else the lane's position over a blank line for the name."""
    configured = _configured(settings, lane)
    position = DEFAULT_POSITIONS.get(lane, (lane, lane))
    if configured is None:
        name, nip = (officer or {}).get("name", ""), (officer or {}).get("nip", "")
        return {"lane": lane, "name": name, "position": position[0], "position_en": position[1], "nip": nip}
    name, title, nip = configured
    return {"lane": lane, "name": name, "position": title, "position_en": title, "nip": nip}


# A display name's trailing note in brackets ("Budi Santoso (PPID)") says the role on the pages; the letter prints the
# position under the name itself.
_ROLE_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def signing_officer(session: Session, settings: Settings, lane: str, user: User | None = None) -> dict | None:
    """Who signs for ``lane`` when the office configured no signatory for it: ``user`` (the officer who completed the
    task that issues the letter) when the lane is theirs, else the lane's only active officer; for the head, who
    may be the Atasan PPID (``_lanes``), the same asked of the Atasan PPID's lane next. None when nothing says who
    (the letter keeps a blank line for the name), and when a signatory is configured, which wins. The officer signs
    with the NIP their account holds (``User.nip``), or none."""
    if _configured(settings, lane) is not None:
        return None
    for code in _lanes(lane):
        if user is not None and code in user.own_group_codes:
            return as_signer(user.display_name, user.nip)
        holders = session.execute(
            select(User.display_name, User.nip)
            .join(Membership, Membership.user_id == User.id)
            .join(Group, Group.id == Membership.group_id)
            .where(Group.code == code, User.active.is_(True))
            .limit(2)
        ).all()
        if len(holders) == 1:
            return as_signer(*holders[0])
    return None


def as_signer(display_name: str | None, nip: str | None = None) -> dict | None:
    """An account as it signs: its display name without a trailing role note, and its NIP ("" for none); None for a
    name left blank."""
    name = _ROLE_NOTE.sub("", display_name or "").strip()
    return {"name": name, "nip": nip or ""} if name else None
