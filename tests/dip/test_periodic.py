"""Keeping the list fresh: a periodic item's unit is reminded before its next edition is due, the PPID is told
when it is overdue, and a new edition moves the due date; the sweep is reconcile's, as for case deadlines."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select

from engine import dip, dip_due
from engine.models import DipItem, DipReminder, Notification, User
from notifications.reconcile import reconcile
from notifications.services import Services, use
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.dip.conftest import item_data

WIB = ZoneInfo("Asia/Jakarta")
# Made on 15 June 2026, every six months: due Tuesday 15 December 2026 at closing (16:00 WIB).
REPORT = item_data(title="Laporan kinerja madrasah", unit="PENDMAD", made_on="2026-06-15", rhythm_months=6)


@pytest.fixture
def svc(settings):
    services = Services(settings)
    use(services)
    yield services
    use(None)
    if "sessions" in services.__dict__:  # the sweep's own engine: closed, so no connection outlives the test
        services.sessions.kw["bind"].dispose()


def told(keeper, event) -> set[str]:
    with keeper.sessions() as s:
        rows = s.execute(
            select(User.username)
            .join(Notification, Notification.recipient_user_id == User.id)
            .where(Notification.event == event, Notification.case_id.is_(None))
        )
        return {name for (name,) in rows}


def test_the_unit_is_reminded_before_and_the_ppid_told_after_a_periodic_item_falls_due(keeper, svc):
    with time_machine.travel(datetime(2026, 12, 1, 10, tzinfo=WIB), tick=False):
        item_id = keeper.run("ppid", dip.create_item, REPORT, publish=True)
        with keeper.sessions() as s:
            item = s.get(DipItem, item_id)
            assert item.next_due_at == datetime(2026, 12, 15, 16, tzinfo=WIB)
            assert dip_due.overdue(s) == []
        reconcile(svc)
        assert told(keeper, "dip_due_reminder") == set()
    with time_machine.travel(datetime(2026, 12, 8, 9, tzinfo=WIB), tick=False):  # T-5: Tuesday 8 Dec, 08:00
        reconcile(svc)
        assert told(keeper, "dip_due_reminder") == {"unitmad"}  # the unit's own officer
        assert told(keeper, "dip_overdue") == set()
        reconcile(svc)  # a second sweep tells nobody twice
        with keeper.sessions() as s:
            assert len(s.scalars(select(Notification).where(Notification.event == "dip_due_reminder")).all()) == 1
    with time_machine.travel(datetime(2026, 12, 16, 9, tzinfo=WIB), tick=False):  # T+1
        reconcile(svc)
        assert told(keeper, "dip_overdue") == {"ppid", "unitmad"}
        with keeper.sessions() as s:
            assert [i.id for i in dip_due.overdue(s)] == [item_id]
            sent = s.scalar(select(Notification).where(Notification.event == "dip_overdue"))
            assert sent.status == "sent"  # delivered to the log channel by the same sweep
        # The unit proposes the new edition (a revision of its published item: engine.dip.propose_revision): the
        # public has not got it yet, so it is still late; the PPID publishes it: fresh again, due in June.
        keeper.run("unitmad", dip.update_item, item_id, {**REPORT, "made_on": "2026-12-16"})
        with keeper.sessions() as s:
            assert [i.id for i in dip_due.overdue(s)] == [item_id]
        keeper.run("ppid", dip.publish_revision, item_id)
        with keeper.sessions() as s:
            assert dip_due.overdue(s) == []
            pending = s.scalars(select(DipReminder).where(DipReminder.status == "pending")).all()
            assert {(r.kind, r.due_at) for r in pending} == {
                ("T-5", datetime(2027, 6, 16, 16, tzinfo=WIB)),
                ("T+1", datetime(2027, 6, 16, 16, tzinfo=WIB)),
            }


def test_a_new_edition_before_the_due_date_cancels_the_reminders_of_the_old_one(keeper, svc):
    with time_machine.travel(datetime(2026, 12, 1, 10, tzinfo=WIB), tick=False):
        item_id = keeper.run("ppid", dip.create_item, REPORT, publish=True)
        keeper.run("ppid", dip.update_item, item_id, {**REPORT, "made_on": "2026-11-30"})
    with time_machine.travel(datetime(2026, 12, 16, 9, tzinfo=WIB), tick=False):
        reconcile(svc)
        assert told(keeper, "dip_due_reminder") == set()
        assert told(keeper, "dip_overdue") == set()


def test_a_withdrawn_or_unpublished_item_is_never_due(keeper, svc):
    with time_machine.travel(datetime(2026, 12, 1, 10, tzinfo=WIB), tick=False):
        draft = keeper.run("ppid", dip.create_item, REPORT)
        published = keeper.run("ppid", dip.create_item, {**REPORT, "title": "Laporan lain"}, publish=True)
        keeper.run("ppid", dip.withdraw_item, published)
        with keeper.sessions() as s:
            assert s.get(DipItem, draft).next_due_at is None
            assert s.get(DipItem, published).next_due_at is None
    with time_machine.travel(datetime(2026, 12, 16, 9, tzinfo=WIB), tick=False):
        reconcile(svc)
        assert told(keeper, "dip_overdue") == set()


@pytest.mark.parametrize(
    ("made", "months", "due"),
    [("2026-08-31", 6, "2027-02-28"), ("2026-01-31", 1, "2026-02-28"), ("2027-11-30", 3, "2028-02-29")],
)
def test_the_rhythm_counts_calendar_months_ending_on_a_shorter_months_last_day(made, months, due):
    from datetime import date

    assert dip_due.add_months(date.fromisoformat(made), months) == date.fromisoformat(due)
