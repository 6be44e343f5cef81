"""No deadline is ever missed silently: reminders, escalations and timers through a real redis-server,
real `kawal worker` processes and a real SMTP server, surviving FLUSHALL, kill -9 and Redis downtime.

Office hours are 00:00-23:59 here so that "the morning of the day" has always begun, whatever the
hour the suite runs at; the counting rules are the calendar tests' business.
"""

from collections import Counter
from datetime import UTC, datetime, time, timedelta

import pytest
from redis import Redis
from rq.registry import ScheduledJobRegistry
from sqlalchemy import func, select

from engine import clock, inbox, intake
from engine.models import Case, Deadline, HumanTask, Notification, Reminder, User
from engine.reminders import shift_working_days
from notifications import jobs
from notifications.reconcile import reconcile
from notifications.services import QUEUE
from tests.conftest import request_payload, sqlite_only
from tests.helpers import STEP, dated
from tests.reminders.conftest import free_port, run_kawal, wait_for
from tests.smtp import mailed_id

N_ITEMS = int(__import__("os").environ.get("KAWAL_TEST_FLUSH_ITEMS", "1000"))
ALL_DAY = {"KAWAL_OFFICE_HOURS": "00:00-23:59"}


def received_working_days_ago(rt, n: int, calendar: str = "strict") -> datetime:
    cal = rt.calendars[calendar]
    day = clock.now().astimezone(cal.tz).date()
    while not cal.is_working_day(day):
        day -= timedelta(days=1)
    return datetime.combine(shift_working_days(cal, day, -n), time(10, 0), tzinfo=cal.tz)


def submit(svc, received_at=None) -> int:
    with svc.sessions.begin() as s:
        officer = s.scalar(select(User).where(User.username == "petugas"))
        case = intake.submit_request(
            s, svc.runtime, request_payload(), user=officer, channel="langsung", received_at=received_at
        ).case
        case_id = case.id
    jobs.schedule_case(case_id)
    return case_id


def rows(svc, model, *where):
    with svc.sessions() as s:
        return s.scalars(select(model).where(*where)).all()


def sent_ids(svc, case_id: int, event: str) -> list[str]:
    return [
        mailed_id(n.idempotency_key)
        for n in rows(svc, Notification, Notification.case_id == case_id, Notification.event == event)
    ]


def all_sent(svc, case_id=None) -> bool:
    where = [Notification.status.in_(("pending", "sending"))]
    if case_id is not None:
        where.append(Notification.case_id == case_id)
    with svc.sessions() as s:
        return s.scalar(select(func.count()).select_from(Notification).where(*where)) == 0


def usernames(svc, notifications) -> list[str]:
    """Who the outbox rows are addressed to, by username."""
    with svc.sessions() as s:
        return [s.get(User, n.recipient_user_id).username for n in notifications]


def assert_each_delivered_once(mailbox, ids):
    counts = Counter(mailbox.ids())
    assert ids, "no message was expected: the test is wrong"
    assert {i: counts[i] for i in ids} == dict.fromkeys(ids, 1)


def test_request_received_nine_working_days_ago_gets_its_t_minus_1_reminder_once(
    services_for, redis_server, workers, mailbox, env
):
    svc = services_for(KAWAL_REDIS_URL=redis_server.url, **ALL_DAY)
    workers({**env, "KAWAL_REDIS_URL": redis_server.url, **ALL_DAY}, n=2)
    case_id = submit(svc, received_working_days_ago(svc.runtime, 9))
    t_minus_1 = rows(svc, Reminder, Reminder.case_id == case_id, Reminder.kind == "T-1")[0]
    wait_for(lambda: rows(svc, Reminder, Reminder.id == t_minus_1.id)[0].status == "sent", 60, what="T-1 sent")
    wait_for(lambda: all_sent(svc, case_id), 60, what="messages delivered")
    told = [
        n
        for n in rows(svc, Notification, Notification.case_id == case_id)
        if f"reminder{t_minus_1.id}:" in n.idempotency_key
    ]
    ids = [mailed_id(n.idempotency_key) for n in told]
    # The two officers of the front-desk group, and at T-1 already the superior of the lane that holds the case's task,
    # here the PPID over the front desk (legal-process.md §6: escalate at T-1).
    assert sorted(usernames(svc, told)) == ["petugas", "petugas2", "ppid"]
    jobs.schedule_case(case_id)  # a duplicate schedule: nothing is sent twice
    run_kawal({**env, "KAWAL_REDIS_URL": redis_server.url}, "reconcile")
    import time as _time

    _time.sleep(2)
    assert_each_delivered_once(mailbox, ids)
    later = rows(svc, Reminder, Reminder.case_id == case_id, Reminder.kind.in_(("T0", "T+1")))
    assert {r.status for r in later} == {"pending"}  # their day has not come


def test_request_received_eleven_working_days_ago_escalates_to_the_superior_once(
    services_for, redis_server, workers, mailbox, env
):
    svc = services_for(KAWAL_REDIS_URL=redis_server.url, **ALL_DAY)
    workers({**env, "KAWAL_REDIS_URL": redis_server.url, **ALL_DAY}, n=2)
    # Eleven working days on the lenient reading: T10 has lapsed on both readings, so the requester gets
    # the apology at once (engine.lateness: never on the strict reading alone).
    case_id = submit(svc, received_working_days_ago(svc.runtime, 11, "lenient"))
    wait_for(lambda: all_sent(svc, case_id), 60, what="messages delivered")
    escalation = sent_ids(svc, case_id, "escalation")
    apology = sent_ids(svc, case_id, "overdue_apology")
    assert len(escalation) == 1  # the one Atasan PPID
    assert len(apology) == 1  # the requester
    run_kawal({**env, "KAWAL_REDIS_URL": redis_server.url}, "reconcile")
    import time as _time

    _time.sleep(2)
    assert_each_delivered_once(mailbox, escalation + apology)
    to = [m["To"] for m in mailbox.messages if m["Message-ID"] in escalation + apology]
    assert sorted(to) == ["ani@example.org", "atasan@kanwil.example"]
    t10 = rows(svc, Deadline, Deadline.case_id == case_id, Deadline.name == "T10")[0]
    assert t10.status == "missed"
    pre = rows(svc, Reminder, Reminder.deadline_id == t10.id, Reminder.kind.in_(("T-3", "T-1", "T0")))
    assert {r.status for r in pre} == {"cancelled"}


# Redis flushed under a thousand schedules is Redis's and reconcile's matter, not the database's: run on the
# production database alone (about 40 s of a worker in the parallel suite). Reconcile re-creating on SQLite the
# schedules Redis lacks is test_redis_down_while_officers_work_commits_and_schedules_after_reconcile's, on both.
@pytest.mark.parametrize("db_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_flushall_with_a_thousand_scheduled_items_then_reconcile_fires_each_once(
    services_for, redis_server, workers, mailbox, env
):
    svc = services_for(KAWAL_REDIS_URL=redis_server.url)
    case_id = submit(svc)
    t10 = rows(svc, Deadline, Deadline.case_id == case_id)[0]
    soon = clock.now() + timedelta(seconds=6)
    with svc.sessions.begin() as s:
        s.add_all(
            Reminder(
                case_id=case_id,
                deadline_id=t10.id,
                kind=f"X{i:04d}",
                audience="superior",
                fire_at=soon + timedelta(milliseconds=i),
                status="pending",
                attempts=0,
            )
            for i in range(N_ITEMS)
        )
    jobs.schedule_case(case_id)
    redis = Redis.from_url(redis_server.url)
    assert len(ScheduledJobRegistry(QUEUE, connection=redis)) >= N_ITEMS
    redis.flushall()
    assert len(ScheduledJobRegistry(QUEUE, connection=redis)) == 0
    report = run_kawal({**env, "KAWAL_REDIS_URL": redis_server.url}, "reconcile")
    assert report.returncode == 0, report.stderr
    workers({**env, "KAWAL_REDIS_URL": redis_server.url}, n=2)
    wait_for(
        lambda: not rows(svc, Reminder, Reminder.kind.like("X%"), Reminder.status == "pending"),
        240,
        interval=1,
        what="1000 reminders sent",
    )
    wait_for(lambda: all_sent(svc, case_id), 240, interval=1, what="their messages delivered")
    ids = [
        mailed_id(n.idempotency_key)
        for n in rows(svc, Notification, Notification.case_id == case_id, Notification.event == "deadline_reminder")
    ]
    assert len(ids) == N_ITEMS  # one PPID officer per reminder
    assert_each_delivered_once(mailbox, ids)
    redis.close()


def test_worker_killed_mid_message_runs_it_again_and_sends_it_once(services_for, redis_server, workers, mailbox, env):
    svc = services_for(KAWAL_REDIS_URL=redis_server.url)
    mailbox.hold.set()  # the SMTP server stalls the first message: the worker is inside the job
    running = workers({**env, "KAWAL_REDIS_URL": redis_server.url}, n=1)
    case_id = submit(svc)
    wait_for(mailbox.held.is_set, 60, what="a worker inside a send")
    running.kill9()
    mailbox.hold.clear()
    assert mailbox.messages == []
    workers({**env, "KAWAL_REDIS_URL": redis_server.url}, n=1)

    def reconciled_and_sent():
        run_kawal({**env, "KAWAL_REDIS_URL": redis_server.url}, "reconcile")
        return all_sent(svc, case_id)

    wait_for(reconciled_and_sent, 90, interval=2, what="the killed message sent after reconcile")
    ids = [mailed_id(n.idempotency_key) for n in rows(svc, Notification, Notification.case_id == case_id)]
    assert_each_delivered_once(mailbox, ids)


def test_redis_down_while_officers_work_commits_and_schedules_after_reconcile(
    services_for, redis_server, workers, mailbox, env, client, login
):
    svc = services_for(KAWAL_REDIS_URL=redis_server.url)
    case_id = submit(svc)
    redis_server.stop()
    with svc.sessions() as s:
        task_id = s.scalar(select(HumanTask.id).where(HumanTask.case_id == case_id, HumanTask.state == "open"))
    operations_done = []
    for step in ("periksa_kelengkapan", "registrasi"):
        with svc.sessions.begin() as s:
            task = s.scalar(select(HumanTask).where(HumanTask.case_id == case_id, HumanTask.bpmn_id == step))
            officer = s.scalar(select(User).where(User.username == "petugas"))
            inbox.complete_task(s, svc.runtime, officer, task.id, STEP[step])
        jobs.schedule_case(case_id)  # Redis is down: logged, not raised
        operations_done.append(step)
    assert task_id
    with svc.sessions() as s:
        assert s.get(Case, case_id).status == "terdaftar"
    redis_server.start()
    redis = Redis.from_url(redis_server.url)
    assert len(ScheduledJobRegistry(QUEUE, connection=redis)) == 0
    assert run_kawal({**env, "KAWAL_REDIS_URL": redis_server.url}, "reconcile").returncode == 0
    scheduled = set(ScheduledJobRegistry(QUEUE, connection=redis).get_job_ids())
    pending_reminders = rows(svc, Reminder, Reminder.case_id == case_id, Reminder.status == "pending")
    due_soon = [r for r in pending_reminders if r.fire_at <= clock.now() + timedelta(minutes=15)]
    assert {f"reminder-{r.id}" for r in due_soon} <= scheduled
    workers({**env, "KAWAL_REDIS_URL": redis_server.url}, n=1)
    wait_for(lambda: all_sent(svc, case_id), 60, what="messages of the Redis downtime delivered")
    redis.close()


def test_two_reconciles_at_once_send_nothing_twice(services_for, mailbox, env):
    svc = services_for(**ALL_DAY)  # the embedded mode: reconcile does the work itself
    case_ids = [submit(svc, received_working_days_ago(svc.runtime, 9)) for _ in range(5)]
    import subprocess

    from tests.reminders.conftest import KAWAL, ROOT

    runs = [
        subprocess.Popen(
            [KAWAL, "reconcile"],
            env={**env, **ALL_DAY},
            cwd=ROOT,  # noqa: S603
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for run in runs:
        run.communicate(timeout=120)
    wait_for(lambda: all(all_sent(svc, c) for c in case_ids), 60, what="all delivered")
    ids = [mailed_id(n.idempotency_key) for c in case_ids for n in rows(svc, Notification, Notification.case_id == c)]
    assert_each_delivered_once(mailbox, ids)
    assert len(mailbox.messages) == len(ids)


# Which reminders an extension cancels and plans is Python's decision over the case's deadlines (engine.reminders);
# the reminders' and deadlines' rows, and Redis's schedule of them, run on PostgreSQL in the tests above.
@sqlite_only
def test_extension_cancels_t10_reminders_and_schedules_t17_ones(services_for, redis_server, env):
    svc = services_for(KAWAL_REDIS_URL=redis_server.url)
    case_id = submit(svc)
    steps = ["periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"]
    for step in steps:
        with svc.sessions.begin() as s:
            task = s.scalar(select(HumanTask).where(HumanTask.case_id == case_id, HumanTask.bpmn_id == step))
            who = "ppid" if task.lane == "ppid" else "petugas"
            officer = s.scalar(select(User).where(User.username == who))
            data = STEP["tentukan_langkah_perpanjang" if step == "tentukan_langkah" else step]
            received_on = task.case.received_at.astimezone(svc.runtime.calendars["strict"].tz).date().isoformat()
            inbox.complete_task(s, svc.runtime, officer, task.id, dated(data, received_on))
    jobs.schedule_case(case_id)
    deadlines = {d.name: d for d in rows(svc, Deadline, Deadline.case_id == case_id)}
    t10 = rows(svc, Reminder, Reminder.deadline_id == deadlines["T10"].id)
    t17 = rows(svc, Reminder, Reminder.deadline_id == deadlines["T17"].id)
    assert {r.status for r in t10} == {"cancelled"}
    assert {r.status for r in t17} == {"pending"}
    assert sorted(r.kind for r in t17) == ["T+1", "T-1", "T-3", "T0"]
    redis = Redis.from_url(redis_server.url)
    scheduled = set(ScheduledJobRegistry(QUEUE, connection=redis).get_job_ids())
    assert {f"reminder-{r.id}" for r in t17} <= scheduled
    assert f"timer-{deadlines['T17'].id}" in scheduled
    redis.close()


# The same T-1 as the first test's, through the embedded clock's sweep: the sweep's queries and the outbox run on
# PostgreSQL there and in test_two_reconciles_at_once_send_nothing_twice.
@sqlite_only
def test_embedded_clock_without_redis_delivers_the_same_reminder(services_for, mailbox):
    from notifications.clock import EmbeddedClock

    svc = services_for(**ALL_DAY)
    assert svc.scheduler is None
    case_id = submit(svc, received_working_days_ago(svc.runtime, 9))
    ticking = EmbeddedClock(svc, interval=0.5).start()
    try:
        wait_for(lambda: all_sent(svc, case_id), 60, what="the clock's deliveries")
    finally:
        ticking.stop()
    t_minus_1 = rows(svc, Reminder, Reminder.case_id == case_id, Reminder.kind == "T-1")[0]
    assert t_minus_1.status == "sent"
    told = [
        n
        for n in rows(svc, Notification, Notification.case_id == case_id)
        if f"reminder{t_minus_1.id}:" in n.idempotency_key
    ]
    ids = [mailed_id(n.idempotency_key) for n in told]
    assert sorted(usernames(svc, told)) == ["petugas", "petugas2", "ppid"]
    assert_each_delivered_once(mailbox, ids)


def test_reconcile_reads_only_due_rows(services_for):
    svc = services_for()
    submit(svc)
    report = reconcile(svc)
    assert report.timers == []  # nothing due: T10 is ten working days away
    assert report.failed == []


pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def test_scheduling_a_case_again_queues_only_what_redis_does_not_hold_as_needed(services_for, redis_server):
    """After every commit the case is scheduled again: unchanged items cost no enqueue, a moved one is moved."""
    svc = services_for(KAWAL_REDIS_URL=redis_server.url)
    case_id = submit(svc)  # scheduled once already, as the boundary does after the filing commits
    with svc.sessions() as s:
        assert svc.scheduler.schedule_case(s, case_id) == 0
    (reminder, *_) = sorted(rows(svc, Reminder, Reminder.case_id == case_id), key=lambda r: r.fire_at)
    later = reminder.fire_at + timedelta(hours=5)
    with svc.sessions.begin() as s:
        s.get(Reminder, reminder.id).fire_at = later
    with svc.sessions() as s:
        assert svc.scheduler.schedule_case(s, case_id) == 1
    with Redis.from_url(redis_server.url) as redis:
        registry = ScheduledJobRegistry(QUEUE, connection=redis)
        assert registry.get_scheduled_time(f"reminder-{reminder.id}") == later.astimezone(UTC).replace(microsecond=0)


# Falling back to the embedded sweep when Redis does not answer is Python's decision; that sweep, by `kawal
# reconcile`, runs on PostgreSQL in test_two_reconciles_at_once_send_nothing_twice.
@sqlite_only
def test_reconcile_does_what_is_due_itself_when_redis_does_not_answer(services_for, mailbox, env):
    """With Redis down, `kawal reconcile` (the every-minute timer) failed with a traceback and delivered nothing;
    the receipt waited for Redis. The database holds everything, so reconcile does the due work itself."""
    svc = services_for()
    case_id = submit(svc)
    assert [n.status for n in rows(svc, Notification, Notification.event == "receipt")] == ["pending"]
    closed = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    done = run_kawal({**env, "KAWAL_REDIS_URL": closed}, "reconcile")
    assert done.returncode == 0, done.stderr
    assert "Redis did not answer: ran what is due here" in done.stdout
    assert "Traceback" not in done.stderr
    [pending] = rows(svc, Notification, Notification.case_id == case_id, Notification.event == "receipt")
    assert pending.status == "sent"
    assert_each_delivered_once(mailbox, [mailed_id(pending.idempotency_key)])
