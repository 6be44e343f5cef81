"""What a process pays to start: every `kawal` command, web worker and RQ worker imports the app.

Alembic (with Mako and Pygments) and a password hash at import cost ~0.25 s of the ~1.1 s a start takes; only
`kawal db upgrade`, Flask-Migrate's `flask db` commands and a login need them, and load them when they run.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLASK = Path(sys.executable).with_name("flask")


def _python(code: str, **env) -> str:
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "KAWAL_ENV": "test", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_a_started_app_has_not_imported_alembic_nor_hashed_a_password(tmp_path):
    code = (
        "import sys, api.cli, engine.users; from api import create_app; create_app();"
        "print('alembic' in sys.modules, engine.users._dummy_hash.cache_info().currsize)"
    )
    assert _python(code, KAWAL_DATABASE_URL=f"sqlite:///{tmp_path / 'k.db'}") == "False 0"


def test_flask_migrate_commands_still_answer_under_flask_s_command_line(sqlite_url):
    result = subprocess.run(  # noqa: S603 - the venv's own flask
        [str(FLASK), "--app", "api", "db", "heads"],
        cwd=ROOT,
        env={**os.environ, "KAWAL_ENV": "test", "KAWAL_DATABASE_URL": sqlite_url},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "(head)" in result.stdout


def test_gunicorn_s_master_imports_none_of_the_app_so_a_reload_runs_new_code():
    """deploy/gunicorn.conf.py imports api.server (the worker class, the hooks) in gunicorn's master. Through the
    package it loaded 59 modules (the models, the calendar, the config...); the workers a reload forks inherit what
    the master holds, so after `git pull` and `systemctl reload kawal-web` they ran the old code on the new schema."""
    loaded = _python(
        "import sys, runpy; runpy.run_path('deploy/gunicorn.conf.py');"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('api', 'engine', 'notifications')))"
    )
    assert loaded == "['api', 'api.server']"
