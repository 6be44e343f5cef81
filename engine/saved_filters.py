"""An officer's saved inbox views: a name and the list's choices (engine.inbox_list.Filters.params)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine import clock, inbox_list
from engine.errors import Invalid, NotFound
from engine.messages import msg
from engine.models import SavedFilter, User

MAX_PER_OFFICER = 30


def of_user(session: Session, user: User) -> list[SavedFilter]:
    return list(session.scalars(select(SavedFilter).where(SavedFilter.user_id == user.id).order_by(SavedFilter.name)))


def save_filter(session: Session, user: User, name: str, params: dict) -> SavedFilter:
    """Keep the list's choices under ``name`` (the same name again replaces them); bad choices are refused."""
    name = " ".join((name or "").split())
    if not name or len(name) > 80:
        raise Invalid("invalid_data", fields={"name": [msg("length_range", min=1, max=80)]})
    if not isinstance(params, dict) or any(not isinstance(v, str | int | bool) for v in params.values()):
        raise Invalid("invalid_data", fields={"params": [msg("object_expected")]})
    unknown = set(params) - {"scope", "sort", "process", "stage", "due", "follow_up", "unit", "q"}
    if unknown:
        raise Invalid("invalid_data", fields={f"params.{k}": [msg("field_unknown")] for k in sorted(unknown)})
    checked = inbox_list.parse({k: str(v) for k, v in params.items()}).params()
    row = session.scalar(select(SavedFilter).where(SavedFilter.user_id == user.id, SavedFilter.name == name))
    if row is None:
        if len(of_user(session, user)) >= MAX_PER_OFFICER:
            raise Invalid("invalid_data", fields={"name": [msg("saved_filters_full", max=MAX_PER_OFFICER)]})
        row = SavedFilter(user_id=user.id, name=name, params=checked, created_at=clock.now())
        session.add(row)
    else:
        row.params = checked
    try:
        session.flush()
    except IntegrityError:  # the same name saved at the same moment by another tab
        raise Invalid("invalid_data", fields={"name": [msg("saved_filter_exists")]}) from None
    return row


def delete_filter(session: Session, user: User, filter_id: int) -> None:
    row = session.get(SavedFilter, filter_id) if 0 < filter_id < 2**31 else None
    if row is None or row.user_id != user.id:  # another officer's view does not exist for this one
        raise NotFound("saved_filter_not_found")
    session.delete(row)
