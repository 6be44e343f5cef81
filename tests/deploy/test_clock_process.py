"""The embedded mode's clock runs in a process of its own (`kawal clock`, started by `kawal serve`): the
web process hands it the work with one datagram after the commit, and the message goes out at once."""

import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from engine.models import Notification
from tests.conftest import request_payload
from tests.reminders.conftest import KAWAL, ROOT, wait_for
from tests.smtp import mailed_id


@pytest.fixture
def settings_overrides(tmp_path, mailbox):
    return {
        "KAWAL_NOTIFY_CHANNELS": "smtp",
        "KAWAL_SMTP_HOST": "127.0.0.1",
        "KAWAL_SMTP_PORT": str(mailbox.port),
        "KAWAL_CLOCK_SOCKET": str(tmp_path / "clock.sock"),
    }


def test_the_clock_process_sends_the_receipt_when_the_filing_commits_not_at_its_next_sweep(
    app, client, env, settings, mailbox, tmp_path
):
    socket_path = Path(settings.clock_socket)
    log = open(tmp_path / "clock.log", "wb")  # noqa: SIM115 - closed below, after the process
    clock = subprocess.Popen(  # noqa: S603 - our own command
        [KAWAL, "clock", "--interval", "3600"],  # its next sweep is an hour away
        env={**env, "KAWAL_CLOCK_SOCKET": str(socket_path)},
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(socket_path.exists, 60, what="the clock's socket")
        time.sleep(1)  # its first sweep, of an empty outbox, is over
        assert client.post("/api/v1/requests", json=request_payload()).status_code == 201
        with app.app_context():
            from api.extensions import db

            receipt = db.session.scalar(select(Notification).where(Notification.event == "receipt"))
        wait_for(
            lambda: mailed_id(receipt.idempotency_key, env["KAWAL_SMTP_FROM"]) in mailbox.ids(),
            30,
            what="the receipt at the sink",
        )
    finally:
        clock.terminate()
        clock.wait(30)
        log.close()
    assert clock.returncode == 0, (tmp_path / "clock.log").read_text()
    assert not socket_path.exists()  # it cleans up after itself
