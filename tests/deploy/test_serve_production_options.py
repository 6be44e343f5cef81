"""`kawal serve --production --port P` serves on P: an option given on the command line wins over the config's
KAWAL_WEB_BIND. Before, gunicorn was started on the config alone and bound KAWAL_WEB_BIND (127.0.0.1:8000) without a
word, while `--help` offered --port with no note. Only the part given is replaced: --host alone keeps KAWAL_WEB_BIND's
port (it bound 5000, the development server's), --port alone keeps its host."""

import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

from api.cli import _configured_bind
from tests.deploy.topology import ROOT
from tests.smtp import free_port


@pytest.fixture(autouse=True)
def _schema(tmp_path, sqlite_template):
    """The database `_serve` names, with this release's schema: `kawal serve --production` refuses one without."""
    shutil.copy(sqlite_template, tmp_path / "kawal.db")


def _listening(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex((host, port)) == 0


def _serve(tmp_path, *options: str, bind_port: int, bind_host: str = "127.0.0.1") -> subprocess.Popen:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "KAWAL_ENV": "production",
        "KAWAL_SECRET_KEY": base64.b64encode(os.urandom(48)).decode(),
        "KAWAL_VAULT_KEY": base64.b64encode(os.urandom(32)).decode(),
        "KAWAL_DATABASE_URL": f"sqlite:///{tmp_path}/kawal.db",
        "KAWAL_PUBLIC_URL": "https://ppid.kanwil-jatim.go.id",
        "KAWAL_OFFICE_NAME": "KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TIMUR",
        "KAWAL_REDIS_URL": "redis://127.0.0.1:1/0",  # gunicorn binds before any worker asks Redis anything
        "KAWAL_WEB_BIND": f"{bind_host}:{bind_port}",
        "KAWAL_WEB_WORKERS": "1",
    }
    return subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "api.cli", "serve", "--production", *options],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def _stop(process: subprocess.Popen) -> str:
    if process.poll() is not None:  # it ended on its own (a port it could not bind): what it said
        return process.communicate()[0]
    os.killpg(process.pid, signal.SIGTERM)
    try:
        out, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, _ = process.communicate()
    return out


def _wait_for(port: int, process: subprocess.Popen, host: str = "127.0.0.1") -> bool:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        if _listening(port, host):
            return True
        time.sleep(0.1)
    return False


def test_serve_production_binds_the_port_given_not_kawal_web_bind(tmp_path):
    asked, configured = free_port(), free_port()
    process = _serve(tmp_path, "--port", str(asked), bind_port=configured)
    try:
        bound = _wait_for(asked, process)
        configured_bound = _listening(configured)
    finally:
        out = _stop(process)
    assert bound, out
    assert not configured_bound, out
    assert f"--bind 127.0.0.1:{asked}" in out  # said, not silent


def test_serve_production_host_alone_keeps_kawal_web_bind_s_port(tmp_path):
    configured = free_port()
    process = _serve(tmp_path, "--host", "127.0.0.1", bind_port=configured)
    try:
        bound = _wait_for(configured, process)
    finally:
        out = _stop(process)
    assert bound, out
    assert f"--bind 127.0.0.1:{configured}" in out
    assert "5000" not in out


def test_serve_production_port_alone_keeps_kawal_web_bind_s_host(tmp_path):
    asked = free_port()
    process = _serve(tmp_path, "--port", str(asked), bind_port=free_port(), bind_host="127.0.0.2")
    try:
        bound = _wait_for(asked, process, host="127.0.0.2")
        on_default_host = _listening(asked)
    finally:
        out = _stop(process)
    assert bound, out
    assert not on_default_host, out
    assert f"--bind 127.0.0.2:{asked}" in out


@pytest.mark.parametrize(
    ("configured", "host", "port"),
    [
        ("127.0.0.1:8000", "127.0.0.1", 8000),
        ("0.0.0.0:9001", "0.0.0.0", 9001),  # noqa: S104 - read, not bound
        ("[::1]:9002", "::1", 9002),
        ("localhost", "localhost", 8000),
        ("unix:/run/kawal/web.sock", "127.0.0.1", 8000),  # a socket has no host or port: the defaults
    ],
)
def test_the_configured_bind_gives_the_part_not_given(configured, host, port):
    assert _configured_bind(configured) == (host, port)


def test_serve_production_without_options_binds_kawal_web_bind(tmp_path):
    configured = free_port()
    process = _serve(tmp_path, bind_port=configured)
    try:
        bound = _wait_for(configured, process)
    finally:
        out = _stop(process)
    assert bound, out
    assert "over the KAWAL_WEB_* settings" not in out


def test_serve_help_says_what_port_does_in_production():
    shown = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "api.cli", "serve", "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(shown.split())
    assert "--port INTEGER with --production: replaces KAWAL_WEB_BIND's port" in flat
    assert "--host TEXT with --production: replaces KAWAL_WEB_BIND's host" in flat
