"""The boundary both front ends cross: the runtime, the commit, and the reads that must be recorded.

A REST handler (``api.views``) and a page (``api.web``) do the same three things around an engine
operation: take the process's runtime, let the operation change state, then commit and only after the
commit put the touched cases' timers and messages on their way (STYLE.md rule 3). They share this
module so that neither front end imports the other.
"""

import functools
from collections.abc import Callable
from contextlib import contextmanager
from typing import TypeVar

from flask import Response, current_app
from sqlalchemy.orm.exc import StaleDataError

from api.extensions import db
from engine.complaints import note_read
from engine.letters import records
from engine.models import Case
from engine.runtime import Runtime

T = TypeVar("T")
ATTEMPTS = 3


def runtime() -> Runtime:
    rt: Runtime = current_app.extensions["kawal_runtime"]
    rt.refresh_overrides(db.session)  # another process (CLI, another web worker) may have changed holidays
    return rt


def commit(*cases) -> None:
    """Commit the request's work, then put the cases' new timers and messages on their way."""
    db.session.commit()
    scheduler = current_app.extensions.get("kawal_scheduler")
    if scheduler is not None:
        for case in cases:
            scheduler.schedule_case(db.session, case.id)
    clock = current_app.extensions.get("kawal_clock")
    if clock is not None:
        clock.wake()


def retried(work: Callable[[], T]) -> T:
    """Run ``work`` (an engine operation and its ``commit``) again when another transaction changed the case
    meanwhile (its optimistic lock: ``StaleDataError`` at the flush or the commit), up to ``ATTEMPTS`` times.

    A background job may write to a case an officer or a requester is working on (a letter's PDF stored with
    its event, a timer fired, a reminder sent): nothing of the lost attempt was kept, so doing it again on the
    new state is safe. The last conflict still answers 409 (``case_changed``).
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return work()
        except StaleDataError:
            db.session.rollback()
            if attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def retry_on_conflict(app) -> None:
    """Make every view of ``app`` ``retried``: each attempt is the whole request again, from the look-up of
    its case to the commit, so no view can forget it (a reporter's reply right after a letter was issued met
    the letter's PDF being stored and answered 409).

    An attempt reads its input afresh: webargs parses the JSON body from the request's bytes on every call
    (the engine may keep and change what it was given), forms are strings, and an upload is read once
    (``engine.files.Upload.from_storage`` keeps what it read).
    """
    for endpoint, view in list(app.view_functions.items()):
        app.view_functions[endpoint] = _retried_view(view)


def _retried_view(view: Callable[..., T]) -> Callable[..., T]:
    @functools.wraps(view)
    def attempts(**url_values):
        return retried(lambda: view(**url_values))

    return attempts


def noted(user, case, what: str) -> None:
    """A read of a confidential or sealed complaint is an event of the case: recorded and committed."""
    note_read(db.session, user, case, what)
    db.session.commit()


def noted_letter(user, case, letter) -> None:
    """A read of a letter, recorded and committed (engine.letters.records.note_read)."""
    records.note_read(db.session, user, case, letter)
    db.session.commit()


def private_download(data: bytes, mimetype: str, name: str) -> Response:
    """A file of personal data for the reader to save: an attachment no cache keeps."""
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    return Response(data, mimetype=mimetype, headers=headers)


@contextmanager
def calendar_change(rt):
    """An admin's holiday override (the API's and the working calendar page's): the runtime's calendars follow the
    table before the commit; if the change fails, they go back."""
    try:
        yield
    except Exception:
        db.session.rollback()
        rt.load_overrides(db.session)
        raise


def commit_moved(moved: list[dict]) -> None:
    """Commit a calendar change with the cases whose deadlines it moved (their timers and reminders follow)."""
    case_ids = dict.fromkeys(m["case_id"] for m in moved)
    commit(*(db.session.get(Case, case_id) for case_id in case_ids))
