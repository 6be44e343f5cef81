"""The office's units as an administrator keeps them: on the units page (``/pengguna/unit``), through
``/api/v1/units`` and with ``kawal units`` on the server.

A unit (a Bidang, a Bagian, a Kankemenag kab/kota) has a code and a name. Its code is what a referral names and
what the registers and statistics count a complaint's unit by (``CaseFacts.unit_code``, a form's
``"x-references": "unit"``), so it is chosen once and never changed; its name, which every page and letter
shows, may be corrected. An officer's unit is chosen among these (engine.accounts): a mistyped code is refused,
never made into a new unit.

A unit dissolved or merged is deactivated, never deleted: its cases, letters and statistics keep naming it and the
filters still list it, but no referral or officer's account may choose it any more. It is refused while an active
officer still belongs to it or a task of it is open (move them, let them be done, first), and the office's own unit
(KANWIL) stays. It may be activated again.

Each creation, renaming, deactivation and activation is one transaction (the caller's) with its record,
``UnitEvent``: who, when, and the name before and after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine import access_log, users
from engine.errors import Conflict, Invalid, NotFound
from engine.messages import msg
from engine.models import HumanTask, Unit, UnitEvent, User

CLI = "cli"  # the actor of `kawal units`: whoever runs commands on the server
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")  # the pattern of a form's unit field (unit_terlapor, ...)
CODE_MAX = 40
REFERENCE = "unit"  # the value of a form field's "x-references" that names one of these units by its code
NAME_MAX = 200


@dataclass(frozen=True)
class Listed:
    unit: Unit
    officers: int  # active officers of the unit
    open_tasks: int  # the unit's tasks not yet done (claimed or waiting in its queue)


def _counts(session: Session, unit: Unit | None = None) -> tuple[dict[int, int], dict[int, int]]:
    """Active officers and open tasks by unit id (two grouped queries), of every unit or of ``unit`` alone."""
    officers = select(User.unit_id, func.count()).where(User.active.is_(True), User.unit_id.is_not(None))
    tasks = select(HumanTask.unit_id, func.count()).where(HumanTask.state == "open", HumanTask.unit_id.is_not(None))
    if unit is not None:
        officers, tasks = officers.where(User.unit_id == unit.id), tasks.where(HumanTask.unit_id == unit.id)
    return (
        dict(session.execute(officers.group_by(User.unit_id)).all()),
        dict(session.execute(tasks.group_by(HumanTask.unit_id)).all()),
    )


def listing(session: Session) -> list[Listed]:
    """Every unit by name, with its active officers and open tasks counted."""
    officers, tasks = _counts(session)
    return [Listed(unit, officers.get(unit.id, 0), tasks.get(unit.id, 0)) for unit in users.units(session)]


def listed(session: Session, unit: Unit) -> Listed:
    """One unit with its active officers and open tasks counted."""
    officers, tasks = _counts(session, unit)
    return Listed(unit, officers.get(unit.id, 0), tasks.get(unit.id, 0))


def require(session: Session, code: str) -> Unit:
    unit = users.unit_of_code(session, code)
    if unit is None:
        raise NotFound("unit_code_unknown", code=code)
    return unit


def check_references(session: Session, schema: dict, data: dict) -> dict:
    """``data`` with each field the form marks ``"x-references": "unit"`` (the unit a complaint is referred to, the
    reported person's unit) naming one of the office's active units by its own code: one typed in another letter
    case is that unit (codes are unique in any case), a code of no unit or of a deactivated one is refused. The
    pages offer these units as a list; an API client reads them from ``GET /api/v1/units``."""
    fields, out = {}, dict(data)
    for name, node in schema.get("properties", {}).items():
        code = data.get(name)
        if node.get("x-references") != REFERENCE or not isinstance(code, str) or not code:
            continue
        unit = session.scalar(select(Unit).where(func.lower(Unit.code) == code.lower()))
        if unit is None:
            fields[name] = [msg("unit_code_unknown", code=repr(code))]
        elif not unit.active:
            fields[name] = [msg("unit_inactive", name=unit.name)]
        else:
            out[name] = unit.code
    if fields:
        raise Invalid("unit_unknown", fields=fields)
    return out


def history(session: Session, unit: Unit, limit: int = 50) -> list[UnitEvent]:
    query = select(UnitEvent).where(UnitEvent.unit_id == unit.id).order_by(UnitEvent.id.desc()).limit(limit)
    return list(session.scalars(query))


def create(session: Session, actor: str, code, name) -> Unit:
    """A new unit; a code already used (in any letter case) or not of the pattern, or a name missing, is refused."""
    code = code.strip() if isinstance(code, str) else ""
    name = " ".join(name.split()) if isinstance(name, str) else ""
    fields: dict[str, list] = {}
    if not code:
        fields["code"] = [msg("required")]
    elif len(code) > CODE_MAX or not CODE.match(code):
        fields["code"] = [msg("unit_code_rule", max=CODE_MAX)]
    else:
        taken = session.scalar(select(Unit).where(func.lower(Unit.code) == code.lower()))
        if taken is not None:
            fields["code"] = [msg("unit_code_taken", name=taken.name)]
    if problem := _name_problem(name):
        fields["name"] = [problem]
    if fields:
        raise Invalid("unit_not_created", fields=fields)
    unit = Unit(code=code, name=name)
    session.add(unit)
    session.flush()
    created(session, actor, unit)
    return unit


def created(session: Session, actor: str, unit: Unit) -> None:
    """Record a unit just made."""
    _record(session, actor, unit, "unit_created", {"code": unit.code, "name": unit.name})


def rename(session: Session, actor: str, unit: Unit, name) -> bool:
    """Give the unit a new name; returns whether it changed (the same name records nothing)."""
    name = " ".join(name.split()) if isinstance(name, str) else ""
    if problem := _name_problem(name):
        raise Invalid("unit_not_changed", fields={"name": [problem]})
    if name == unit.name:
        return False
    _record(session, actor, unit, "unit_renamed", {"name": [unit.name, name]})
    unit.name = name
    session.flush()
    return True


def deactivate(session: Session, actor: str, unit: Unit) -> None:
    """No referral or account may choose the unit any more; refused while it has active officers or open tasks."""
    if not unit.active:
        raise Conflict("unit_inactive_already")
    if unit.code == users.DEFAULT_UNIT[0]:
        raise Conflict("office_unit_stays")
    counted = listed(session, unit)
    if counted.officers:
        raise Conflict("unit_has_officers", num=counted.officers)
    if counted.open_tasks:
        raise Conflict("unit_has_open_tasks", num=counted.open_tasks)
    unit.active = False
    _record(session, actor, unit, "unit_deactivated", {})
    session.flush()


def activate(session: Session, actor: str, unit: Unit) -> None:
    if unit.active:
        raise Conflict("unit_active_already")
    unit.active = True
    _record(session, actor, unit, "unit_activated", {})
    session.flush()


def _name_problem(name: str):
    if not name:
        return msg("required")
    if len(name) > NAME_MAX:
        return msg("max_length", max=NAME_MAX)
    return None


def _record(session: Session, actor: str, unit: Unit, type_: str, data: dict) -> None:
    access_log.record(session, access_log.UNIT, unit.id, actor, type_, data)
