"""gunicorn on the shipped config refuses bad settings once, in its master, in one line that names the setting.

Before, each worker loaded the app, met the short KAWAL_SECRET_KEY and printed a 35-line traceback before
"Worker failed to boot": the one line that said what was wrong was buried in the journal, twice per restart.
deploy/gunicorn.conf.py now checks the settings in ``on_starting`` (engine.config.load_settings, as the app
does), before any worker is forked, and exits with EX_CONFIG (78).
"""

import base64
import os
import subprocess
import sys

import pytest

from tests.deploy.topology import GUNICORN_CONFIG, ROOT
from tests.smtp import free_port

EX_CONFIG = 78


def _start(tmp_path, **settings) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "KAWAL_ENV": "production",
        "KAWAL_SECRET_KEY": base64.b64encode(os.urandom(48)).decode(),
        "KAWAL_VAULT_KEY": base64.b64encode(os.urandom(32)).decode(),
        "KAWAL_DATABASE_URL": f"sqlite:///{tmp_path}/kawal.db",
        "KAWAL_PUBLIC_URL": "https://ppid.kanwil.example",
        "KAWAL_WEB_BIND": f"127.0.0.1:{free_port()}",
        "KAWAL_WEB_WORKERS": "2",
        **settings,
    }
    return subprocess.run(  # noqa: S603 - gunicorn on the shipped config
        [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONFIG)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("setting", "value", "said"),
    [
        ("KAWAL_SECRET_KEY", "short", "KAWAL_SECRET_KEY must be at least 32 bytes"),
        ("KAWAL_VAULT_KEY", "not-base64!", "KAWAL_VAULT_KEY must be base64 keys"),
        ("KAWAL_SMTP_PORT", "dua lima", "KAWAL_SMTP_PORT must be a number"),
    ],
)
def test_a_bad_setting_stops_gunicorn_at_once_with_one_line_naming_it(tmp_path, setting, value, said):
    started = _start(tmp_path, **{setting: value})
    output = started.stdout + started.stderr
    assert started.returncode == EX_CONFIG, output
    assert "Traceback" not in output
    assert "Worker failed to boot" not in output
    assert "Booting worker" not in output  # refused before any worker was forked
    lines = [line for line in output.splitlines() if said in line]
    assert len(lines) == 1, output
    assert "[ERROR] Kawal's settings are wrong: " in lines[0], lines[0]
