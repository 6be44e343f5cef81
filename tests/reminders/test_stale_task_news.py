"""An officer's news of a new task is not sent once the task is no longer open: the desk took and finished it while
the message waited for the worker (a walk through the e-mails found "Tugas baru" mails for tasks already done)."""

from sqlalchemy import select

from api.extensions import db
from engine.models import HumanTask, Notification
from notifications.channels import LogChannel
from notifications.delivery import TASK_DONE, deliver


def test_news_of_a_task_finished_before_it_was_sent_is_skipped_and_of_a_task_still_open_sent(app, desk):
    ticket = desk.submit()["ticket"]
    desk.complete(ticket, "periksa_kelengkapan")  # its news still waits; the next task, registrasi, is open
    with app.app_context():
        guids = {t.bpmn_id: t.task_guid for t in db.session.scalars(select(HumanTask))}
        rows = db.session.scalars(select(Notification).where(Notification.event == "task_new_group")).all()
        done = [r.id for r in rows if guids["periksa_kelengkapan"] in r.idempotency_key]
        still_open = [r.id for r in rows if guids["registrasi"] in r.idempotency_key]
        assert done
        assert still_open
        rt = app.extensions["kawal_runtime"]
        results = {row_id: deliver(db.session, rt, {"log": LogChannel()}, row_id) for row_id in done + still_open}
        assert {results[i] for i in done} == {"skipped"}
        assert {results[i] for i in still_open} == {"sent"}
        assert {db.session.get(Notification, i).last_error for i in done} == {TASK_DONE}
