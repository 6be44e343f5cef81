"""``kawal serve`` answers a desk's next request on the thread that answered its last one while it follows at
once (api.server.BalancedThreadWorker.handle), but never with the last free thread: desks sending back to back
on every thread still leave room for another desk."""

import http.client
import subprocess
import threading
import time

import pytest

from tests.reminders.conftest import KAWAL, ROOT, free_port, wait_for

HOST = "127.0.0.1"
THREADS = 2
MISSING = "/api/v1/no-such-thing"  # a cheap answer (404 as JSON) that keeps the connection open


@pytest.fixture
def served(env, tmp_path):
    port = free_port()
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115 - closed below, after the process
    server = subprocess.Popen(  # noqa: S603 - our own command
        [KAWAL, "serve", "--host", HOST, "--port", str(port), "--threads", str(THREADS)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def answers() -> bool:
        assert server.poll() is None, (tmp_path / "serve.log").read_text()
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=10)
            conn.request("GET", "/api/v1/health")
            ok = conn.getresponse().status == 200
            conn.close()
        except OSError:
            return False
        return ok

    try:
        wait_for(answers, 120, 0.2, what="kawal serve")
        yield port
    finally:
        server.terminate()
        server.wait(30)
        log.close()


def _get(conn: http.client.HTTPConnection) -> http.client.HTTPResponse:
    conn.request("GET", MISSING, headers={"Accept": "application/json"})
    response = conn.getresponse()
    response.read()
    return response


def test_desks_sending_back_to_back_on_every_thread_never_keep_another_desk_waiting(served):
    stop = threading.Event()
    kept = []

    def busy_desk():
        conn = http.client.HTTPConnection(HOST, served, timeout=30)
        answers = closed = 0
        deadline = time.monotonic() + 20
        while not stop.is_set() and time.monotonic() < deadline:
            response = _get(conn)
            answers, closed = answers + 1, closed + response.will_close
        conn.close()
        kept.append((answers, closed))

    desks = [threading.Thread(target=busy_desk) for _ in range(THREADS)]
    for desk in desks:
        desk.start()
    try:
        time.sleep(0.5)  # both threads of the server are taken by a desk that never pauses
        other = http.client.HTTPConnection(HOST, served, timeout=30)
        waits = []
        for _ in range(20):
            started = time.monotonic()
            assert _get(other).status == 404
            waits.append(time.monotonic() - started)
        other.close()
    finally:
        stop.set()
        for desk in desks:
            desk.join(30)
    assert max(waits) < 2, waits  # answered beside them, not after them (they run for up to 20 s)
    assert len(kept) == THREADS
    assert all(answers > 20 and closed == 0 for answers, closed in kept), kept  # each kept its connection
