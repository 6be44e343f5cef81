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
NAME_MAX = 80


def of_user(session: Session, user: User) -> list[SavedFilter]:
    return list(session.scalars(select(SavedFilter).where(SavedFilter.user_id == user.id).order_by(SavedFilter.name)))


def named(session: Session, user: User, name: str) -> SavedFilter | None:
    """The officer's view of that name (spaces as ``save_filter`` keeps them), if any."""
    name = " ".join((name or "").split())
    return session.scalar(select(SavedFilter).where(SavedFilter.user_id == user.id, SavedFilter.name == name))


def save_filter(session: Session, user: User, name: str, params: dict, replace: bool = True) -> SavedFilter:
    """Keep the list's choices under ``name``; bad choices are refused. The same name again replaces the view of
    that name when ``replace`` (as the API saves), else it is refused (``saved_filter_exists``) so that the
    inbox page can ask first: an officer typing a name in use most likely forgot it."""
    name = " ".join((name or "").split())
    if not name:
        raise Invalid("invalid_data", fields={"name": [msg("required")]})
    if len(name) > NAME_MAX:
        raise Invalid("invalid_data", fields={"name": [msg("max_length", max=NAME_MAX)]})
    if not isinstance(params, dict) or any(not isinstance(v, str | int | bool) for v in params.values()):
        raise Invalid("invalid_data", fields={"params": [msg("object_expected")]})
    unknown = set(params) - {"scope", "sort", "process", "stage", "due", "follow_up", "unit", "q"}
    if unknown:
        raise Invalid("invalid_data", fields={f"params.{k}": [msg("field_unknown")] for k in sorted(unknown)})
    checked = inbox_list.parse({k: str(v) for k, v in params.items()}).params()
    row = named(session, user, name)
    if row is None:
        if len(of_user(session, user)) >= MAX_PER_OFFICER:
            raise Invalid("invalid_data", fields={"name": [msg("saved_filters_full", max=MAX_PER_OFFICER)]})
        row = SavedFilter(user_id=user.id, name=name, params=checked, created_at=clock.now())
        session.add(row)
    elif not replace:
        raise Invalid("invalid_data", fields={"name": [msg("saved_filter_exists")]})
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
