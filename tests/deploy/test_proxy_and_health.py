"""Behind nginx the throttles count the client nginx names, and only when told to trust it; the health
endpoint tells monitoring whether the parts answer and whether due work is waiting past its time."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from engine.config import ConfigError, load_settings
from tests.conftest import request_payload, sqlite_only

API = "/api/v1"
START = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # a Wednesday, 10:00 WIB


def file_through_proxy(client, forwarded_for: str):
    """A filing as nginx passes it on: the peer is the proxy, the client is in X-Forwarded-For."""
    return client.post(
        f"{API}/requests",
        json=request_payload(),
        headers={"X-Forwarded-For": forwarded_for, "X-Forwarded-Proto": "https"},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_TRUSTED_PROXIES": "1", "KAWAL_QUOTA_FILINGS_PER_HOUR": "1"}])
def test_behind_a_trusted_proxy_each_client_has_its_own_filing_quota(client, settings_overrides):
    assert file_through_proxy(client, "198.51.100.7").status_code == 201
    assert file_through_proxy(client, "198.51.100.8").status_code == 201
    refused = file_through_proxy(client, "198.51.100.7")
    assert refused.status_code == 429
    assert refused.json["code"] == "quota_exceeded"


# Which address is read is Python's; the quota's count per client is the test above's on PostgreSQL.
@sqlite_only
@pytest.mark.parametrize("settings_overrides", [{"KAWAL_QUOTA_FILINGS_PER_HOUR": "1"}])
def test_without_trusted_proxies_a_forwarded_for_header_buys_no_new_quota(client, settings_overrides):
    """Any caller can write X-Forwarded-For: unless the office says a proxy is in front, it is not read."""
    assert file_through_proxy(client, "198.51.100.7").status_code == 201
    assert file_through_proxy(client, "198.51.100.8").status_code == 429


@pytest.mark.parametrize("value", ["-1", "satu", "6"])
def test_the_trusted_proxies_setting_must_be_a_small_whole_number(value):
    with pytest.raises(ConfigError, match="KAWAL_TRUSTED_PROXIES"):
        load_settings({"KAWAL_TRUSTED_PROXIES": value})


# The same counts as the next test's, which keeps them on PostgreSQL (the waiting timers and messages).
@sqlite_only
def test_health_is_ok_when_nothing_due_waits(client):
    with time_machine.travel(START, tick=False):
        assert client.post(f"{API}/requests", json=request_payload()).status_code == 201
        answer = client.get(f"{API}/health")
    assert answer.status_code == 200
    assert answer.json["status"] == "ok"
    assert answer.json["redis"] is None  # the embedded mode: no Redis to ask
    database = answer.json["database"]
    assert database["ok"] is True
    assert database["timers_due"] == {"count": 0, "oldest_seconds": 0}
    assert database["messages_pending"]["count"] >= 1  # the receipt and the desk's new-task notes, just written
    assert database["messages_pending"]["oldest_seconds"] == 0


def test_health_says_late_when_timers_and_messages_wait_past_their_time(client):
    """Nobody ran the clock for a month: T10 should have fired and the receipt should have gone."""
    with time_machine.travel(START, tick=False) as traveller:
        assert client.post(f"{API}/requests", json=request_payload()).status_code == 201
        traveller.shift(timedelta(days=30))
        answer = client.get(f"{API}/health")
    assert answer.status_code == 200  # the parts answer: a load balancer keeps this process
    assert answer.json["status"] == "late"
    database = answer.json["database"]
    assert database["late"] is True
    assert database["timers_due"]["count"] >= 1
    assert database["messages_pending"]["oldest_seconds"] == 30 * 86400


# Port 1 (tcpmux) has no listener on any machine that runs these tests: Redis is "down".
# Redis down: Python's answer, the database's the same.
@sqlite_only
@pytest.mark.parametrize("settings_overrides", [{"KAWAL_REDIS_URL": "redis://127.0.0.1:1/0"}])
def test_health_is_503_down_when_redis_does_not_answer(client, settings_overrides):
    answer = client.get(f"{API}/health")
    assert answer.status_code == 503
    assert answer.json["status"] == "down"
    assert answer.json["redis"]["ok"] is False
    assert answer.json["database"]["ok"] is True
