"""Who signs a letter: the signature block's name, position and NIP (engine.letters.context ``signatory``).

The office configures a signatory per lane (KAWAL_SIGNATORY_*: "Name; Position; NIP"); without one, the officer
who completed the task that issues the letter signs when the lane is theirs, else the lane's only active officer,
with the NIP their account holds (none for an officer who is not a civil servant); a blank line is left for the name
only when nothing says who. The head (``pimpinan``) falls back to the Atasan PPID,
who at a Kanwil is the head of the office.

A letter of the head's (the complaint's disposition sheet, memo and outcome letter: legal-process.md §10b) that an
officer of another lane issued by completing its task is never signed in a head's name they never saw: the officer
signs it "a.n." (atas nama) the head, under their own lane's title (Tata Naskah Dinas: an officer signing on the
head's behalf writes "a.n. <the head's position>," above their own position and name).
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.config import Settings
from engine.models import Group, Membership, User

# A lane's title on the signature block when the office configured no signatory for it.
DEFAULT_POSITIONS = {
    "ppid": ("Pejabat Pengelola Informasi dan Dokumentasi", "Information and Documentation Management Officer"),
    "atasan_ppid": ("Atasan PPID", "PPID Superior"),
    "pimpinan": ("Pimpinan Badan Publik", "Head of the Public Body"),
    "petugas_layanan": ("Petugas Pelayanan Informasi", "Information Service Officer"),
    # Any officer of the team: its chair is named so only where the office configures it (KAWAL_SIGNATORY_*).
    "tim_pengaduan": ("Tim Pengelola Pengaduan", "Complaints Team"),
}
HEAD_LANES = frozenset({"pimpinan", "atasan_ppid"})
# The lanes whose officers sign the head's letters on the head's behalf (a.n.) when they issue them: the complaint
# team, whose tasks issue the head's complaint letters (§10b). Never a letter only the head may sign (a dispute's
# power of attorney): those keep the head's name, or a blank line.
ON_BEHALF_LANES = ("tim_pengaduan",)


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
        own = (officer or {}).get("lane")
        if own and own != lane:  # an officer of another lane signs for the head: a.n. the head, as themselves
            own_position = DEFAULT_POSITIONS.get(own, (own, own))
            return {
                "lane": lane,
                "name": name,
                "position": own_position[0],
                "position_en": own_position[1],
                "nip": nip,
                "on_behalf_of": position[0],
                "on_behalf_of_en": position[1],
                "signer_lane": own,
            }
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
    if lane in HEAD_LANES and user is not None and not HEAD_LANES & user.own_group_codes:
        # The head never saw it: who completed the task signs on the head's behalf (``signatory``).
        own = next((code for code in ON_BEHALF_LANES if code in user.own_group_codes), None)
        signer = as_signer(user.display_name, user.nip)
        if own is not None and signer is not None:
            return signer | {"lane": own}
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


def overview(session: Session, settings: Settings) -> list[dict]:
    """Who signs each lane's letters now, as a letter issued today would print it (the administrator's page of
    accounts): ``source`` "configured" (KAWAL_SIGNATORY_<LANE>: its name, position and NIP), "only_officer" (none
    configured: the lane's one active officer, with the NIP the account holds), or "completing" (none configured and
    the lane has none or several officers: whoever of the lane completes the task that issues the letter, and a blank
    line for the name when an officer of another lane issues it)."""
    rows = []
    for lane in DEFAULT_POSITIONS:
        configured = _configured(settings, lane)
        if configured is not None:
            name, title, nip = configured
            rows.append(
                {
                    "lane": lane,
                    "position": title,
                    "position_en": title,
                    "name": name,
                    "nip": nip,
                    "source": "configured",
                }
            )
            continue
        officer = signing_officer(session, settings, lane)
        rows.append(
            {
                "lane": lane,
                "position": DEFAULT_POSITIONS[lane][0],
                "position_en": DEFAULT_POSITIONS[lane][1],
                "name": (officer or {}).get("name", ""),
                "nip": (officer or {}).get("nip", ""),
                "source": "only_officer" if officer else "completing",
            }
        )
    return rows
