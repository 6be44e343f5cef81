"""Health says "degraded" at once when Redis answers but no RQ worker, or no scheduler, is alive.

A tester killed both workers and filed a request: /health answered 200 "ok" (workers 0, scheduler false, two jobs
queued) for five minutes, until the receipt was late. Nothing would send a message or fire a timer meanwhile, and a
monitor that alerts on the status word heard nothing. "degraded" is 200, as "late": the web process itself serves,
so a load balancer keeps it (503 "down" takes it out of rotation); monitoring alerts on any status but "ok".
"""

import pytest

from engine.config import load_settings
from engine.health import overall_status
from tests.conftest import request_payload
from tests.reminders.conftest import redis_server, wait_for, workers  # noqa: F401 - fixtures

API = "/api/v1"


@pytest.fixture
def redis_app(db_url, redis_server, files_root):  # noqa: F811 - the fixture imported above
    from api import create_app

    app = create_app(
        load_settings(
            {
                "KAWAL_ENV": "test",
                "KAWAL_DATABASE_URL": db_url,
                "KAWAL_FILES_DIR": str(files_root / "health"),
                "KAWAL_REDIS_URL": redis_server.url,
            }
        )
    )
    app.config["TESTING"] = True
    yield app
    app.extensions["kawal_scheduler"].redis.close()
    with app.app_context():
        from api.extensions import db

        db.session.remove()
        db.engine.dispose()


def test_health_is_degraded_at_once_when_no_worker_runs_and_ok_once_one_does(
    redis_app,
    env,
    redis_server,  # noqa: F811
    workers,  # noqa: F811
):
    client = redis_app.test_client()
    assert client.post(f"{API}/requests", json=request_payload()).status_code == 201
    answer = client.get(f"{API}/health")
    assert answer.status_code == 200  # the web process serves: a load balancer keeps it
    assert answer.json["status"] == "degraded"
    assert answer.json["redis"]["workers"] == 0
    assert answer.json["redis"]["scheduler"] is False
    assert answer.json["database"]["late"] is False  # nothing is late yet: "late" would come five minutes on

    workers({**env, "KAWAL_REDIS_URL": redis_server.url}, n=1)
    wait_for(lambda: client.get(f"{API}/health").json["status"] == "ok", 60, 0.5, what="health ok with a worker")
    answer = client.get(f"{API}/health").json
    assert answer["redis"]["workers"] == 1
    assert answer["redis"]["scheduler"] is True


@pytest.mark.parametrize(
    ("database", "redis", "expected"),
    [
        ({"ok": True, "late": False}, None, "ok"),  # the embedded mode: its clock needs no worker
        ({"ok": True, "late": False}, {"ok": True, "workers": 2, "scheduler": True}, "ok"),
        ({"ok": True, "late": False}, {"ok": True, "workers": 0, "scheduler": False}, "degraded"),
        ({"ok": True, "late": False}, {"ok": True, "workers": 1, "scheduler": False}, "degraded"),
        ({"ok": True, "late": True}, {"ok": True, "workers": 0, "scheduler": False}, "degraded"),  # the cause, first
        ({"ok": True, "late": True}, {"ok": True, "workers": 2, "scheduler": True}, "late"),
        ({"ok": True, "late": True}, None, "late"),
        ({"ok": False}, {"ok": True, "workers": 0, "scheduler": False}, "down"),
        ({"ok": True, "late": False}, {"ok": False}, "down"),
    ],
)
def test_the_status_word_names_the_worst_of_down_degraded_late_ok(database, redis, expected):
    assert overall_status(database, redis) == expected
