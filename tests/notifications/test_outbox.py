"""The outbox writes a cause's message once (engine.outbox): in one change, in a later one, and when a
concurrent change told the same cause first, on SQLite and PostgreSQL."""

import threading

from sqlalchemy import func, select

from engine.models import Notification, User
from engine.outbox import Outbox

CHANNELS = ("log", "smtp")
CONTEXT = {"item": "Daftar Informasi Publik"}


def _tell(session, cause: str) -> list[int]:
    officer = session.scalar(select(User.id).where(User.username == "ppid"))
    outbox = Outbox(session, CHANNELS)
    outbox.to_staff("dip_due_reminder", cause, [officer], CONTEXT)
    return outbox.write()


def _count(session_factory_, cause: str) -> int:
    with session_factory_() as session:
        return session.scalar(select(func.count()).where(Notification.idempotency_key.contains(f":{cause}:")))


def test_a_cause_already_told_is_not_told_again_in_the_same_change_or_a_later_one(session_factory_):
    with session_factory_() as session:
        first = _tell(session, "dip1:due:20270104")
        assert len(first) == len(CHANNELS)  # one message per channel, their ids
        assert _tell(session, "dip1:due:20270104") == []  # the same change again
        session.commit()
    with session_factory_() as session:
        assert _tell(session, "dip1:due:20270104") == []  # a later change
        assert len(_tell(session, "dip1:overdue:20270111")) == len(CHANNELS)  # another cause is news
        session.commit()
        rows = session.scalars(select(Notification).where(Notification.id.in_(first))).all()
    assert {(r.channel, r.status, r.attempts, r.context["item"]) for r in rows} == {
        (channel, "pending", 0, CONTEXT["item"]) for channel in CHANNELS
    }
    assert _count(session_factory_, "dip1:due:20270104") == len(CHANNELS)


def test_a_cause_a_concurrent_change_told_first_is_skipped_not_a_failed_change(session_factory_):
    first = session_factory_()
    assert len(_tell(first, "dip2:due:20270104")) == len(CHANNELS)  # written, not committed yet
    second: dict = {}

    def concurrent():
        with session_factory_() as session:
            try:
                second["ids"] = _tell(session, "dip2:due:20270104")  # waits for the first change
                session.commit()
            except Exception as error:  # noqa: BLE001 - the test asserts there was none
                second["error"] = error

    worker = threading.Thread(target=concurrent)
    worker.start()
    worker.join(0.5)
    assert worker.is_alive()  # held by the first change's row
    first.commit()
    first.close()
    worker.join(30)
    assert not worker.is_alive()
    assert second == {"ids": []}  # nothing new, and no error
    assert _count(session_factory_, "dip2:due:20270104") == len(CHANNELS)
