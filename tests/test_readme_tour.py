"""The README's tour works exactly as written: its shell blocks, run in order against Kawal served as
``make run`` serves it, get no answer outside 2xx that the text does not announce.

- Kawal: ``kawal db upgrade``, ``kawal demo`` and ``kawal serve`` on a free port, each a process of its
  own as in ``make run``, on a fresh SQLite database in the test's temporary directory. Their clock is
  pinned (time-machine, ticking) to a Thursday morning in Jakarta, so that neither the demo's cases nor
  the tour's dates depend on the day the test runs.
- The tour: every ``sh`` block between "## A short tour" and the next "## " heading, joined into one
  bash script (``set -euo pipefail``) run in a temporary directory whose ``.venv/bin/kawal`` is the
  same pinned command (and ``.venv/bin/python`` a Python on the server's clock, for the second-factor code),
  with ``KAWAL_URL`` pointing at the server. ``curl`` is wrapped: each answer's
  status goes to a log, and an answer outside 2xx stops the tour unless it is the next status the
  README announces with a ``# -> <status>`` comment.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
NOW = "2026-12-03T10:00:00+07:00"  # Thursday 3 December 2026, 10:00 WIB
# The kawal command with its clock at NOW (ticking), and the cheap password hashing of tests/conftest.py
# (the tour logs in seven times; production Argon2 costs would make that most of its time).
KAWAL = f"""
import sys

import time_machine
from argon2 import PasswordHasher

import engine.users

time_machine.travel({NOW!r}, tick=True).start()
engine.users._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
engine.users._dummy_hash.cache_clear()
from api.cli import main

sys.argv[0] = "kawal"
main()
"""
# The tour's ``.venv/bin/python -c ...`` (it shows the demo's second-factor code) on the server's clock: NOW
# plus the time since the server started, so that a code it prints is the one the server expects.
PYTHON = """
import sys
import time
from datetime import datetime, timedelta

import time_machine

time_machine.travel(datetime.fromisoformat({now!r}) + timedelta(seconds=time.time() - {started}), tick=True).start()
if len(sys.argv) < 3 or sys.argv[1] != "-c":
    sys.exit("the tour's python wrapper runs only -c CODE")
code, sys.argv = sys.argv[2], ["-c", *sys.argv[3:]]
exec(compile(code, "<string>", "exec"), {{"__name__": "__main__"}})  # noqa: S102 - the README's own line
"""
ANNOUNCED = re.compile(r"#\s*->\s*([1-5]\d\d)\b")
# Logs each answer as "HTTP <status> <method> <url> <seconds>"; an answer outside 2xx must be the next announced one.
CURL_WRAPPER = r"""
set -euo pipefail
curl() {
  local rc=0 status failures expected
  command curl -w '%{stderr}HTTP %{http_code} %{method} %{url_effective} %{time_total}\n' "$@" 2>>"$TOUR_LOG" || rc=$?
  status=$(grep '^HTTP ' "$TOUR_LOG" | tail -n 1 | cut -d' ' -f2)
  case $status in 2??) return $rc ;; esac
  failures=$(grep -c '^HTTP [^2]' "$TOUR_LOG")
  expected=$(echo "$TOUR_EXPECTED" | awk -v n="$failures" '{ print $n }')
  if [ "$status" = "$expected" ]; then return 0; fi
  echo "the tour got HTTP $status where the README announces ${expected:-nothing}" >&2
  return 22
}
"""
TOUR_SECONDS = 120


def tour_blocks(readme: str) -> list[str]:
    """The ``sh`` blocks of the tour section, in order."""
    start = readme.index("\n## A short tour")
    end = readme.index("\n## ", start + 1)
    return re.findall(r"^```sh\n(.*?)^```$", readme[start:end], flags=re.MULTILINE | re.DOTALL)


def announced_failures(blocks: list[str]) -> list[str]:
    return [status for block in blocks for status in ANNOUNCED.findall(block) if not status.startswith("2")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answering(url: str, server: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"kawal serve exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 - our own server on 127.0.0.1
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"kawal serve did not answer {url} within {seconds} s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def served(tmp_path):
    """``make run``'s three commands on a fresh database, pinned to NOW; yields (base URL, environment)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAWAL_")}
    env.update(KAWAL_DATABASE_URL=f"sqlite:///{tmp_path / 'kawal.db'}", KAWAL_FILES_DIR=str(tmp_path / "files"))
    kawal = tmp_path / ".venv" / "bin" / "kawal"  # the tour calls .venv/bin/kawal, as from the repository
    kawal.parent.mkdir(parents=True)
    (tmp_path / "kawal.py").write_text(KAWAL, encoding="utf-8")
    kawal.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} {tmp_path / "kawal.py"} "$@"\n')
    kawal.chmod(0o755)
    for command in (["db", "upgrade"], ["demo"]):
        done = subprocess.run([kawal, *command], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
    port, log = free_port(), tmp_path / "serve.log"
    python = kawal.parent / "python"
    (tmp_path / "python.py").write_text(PYTHON.format(now=NOW, started=time.time()), encoding="utf-8")
    python.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} {tmp_path / "python.py"} "$@"\n')
    python.chmod(0o755)
    with log.open("w") as out:
        server = subprocess.Popen(
            [kawal, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env, stdout=out, stderr=out
        )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_answering(f"{url}/api/v1/openapi.json", server, log)
        yield url, env
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_the_tour_is_found_with_the_failures_it_announces():
    """A tour the test cannot find would pass for nothing."""
    blocks = tour_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 3  # the tour, the chain, the complaints
    assert all("curl" in block for block in blocks)
    assert "409" in announced_failures(blocks)  # a message the case is not waiting for


def test_the_readme_tour_runs_as_written_against_a_fresh_make_run(served, tmp_path):
    url, env = served
    blocks = tour_blocks(README.read_text(encoding="utf-8"))
    script = tmp_path / "tour.sh"
    script.write_text(CURL_WRAPPER + "\n".join(blocks), encoding="utf-8")
    http_log = tmp_path / "http.log"
    http_log.touch()
    env = {
        **env,
        "KAWAL_URL": url,
        "TOUR_LOG": str(http_log),
        "TOUR_EXPECTED": " ".join(announced_failures(blocks)),
        "TMPDIR": str(tmp_path),  # the tour's mktemp -d
        # This interpreter answers the tour's python3 at once (a pyenv or asdf shim takes a fifth of a second).
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}",
    }
    done = subprocess.run(
        [shutil.which("bash") or "/bin/bash", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=TOUR_SECONDS,
    )
    answers = http_log.read_text().splitlines()
    report = "\n".join(answers[-15:]) + "\n--- stderr ---\n" + done.stderr[-3000:]
    assert done.returncode == 0, report
    failed = [line.split()[1] for line in answers if line.startswith("HTTP ") and not line.startswith("HTTP 2")]
    assert failed == announced_failures(blocks), report  # every announced failure happened, in order
    assert "every hash chain is intact" in done.stdout
    assert list(tmp_path.glob("tmp.*/berkas*.zip"))  # the downloads stayed in the tour's directory
