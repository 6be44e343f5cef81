"""The shipped systemd units (deploy/systemd) start commands that exist, and the nightly chain check does what
the README says: it passes on a sound database and fails, naming the case, on one changed by hand.

`systemd-analyze verify` reads every unit as systemd would load it (make test installs systemd for it; nothing
is started), its paths moved from /opt/kawal to this checkout; each command is also run from here.
"""

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, update

from engine.models import Case, CaseEvent, ChainCheck
from tests.conftest import request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.reminders.conftest import ROOT

UNITS = ROOT / "deploy" / "systemd"
INSTALLED = "/opt/kawal/"  # where the README's production section puts the checkout


def read_unit(path: Path) -> dict[str, dict[str, str]]:
    """A unit file's sections and keys (the last value of a key wins, as for ExecStart's single value)."""
    sections: dict[str, dict[str, str]] = {}
    current = None
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
        else:
            key, _, value = line.partition("=")
            current[key.strip()] = value.strip()
    return sections


def local_command(exec_start: str) -> list[str]:
    """A unit's ExecStart, run from this checkout: its programs from this virtualenv, its files from here."""
    words = shlex.split(exec_start)
    program = words[0].removeprefix(INSTALLED + ".venv/bin/")
    assert program != words[0], f"{exec_start}: not a program of Kawal's virtualenv"
    local = [str(Path(sys.executable).with_name(program))]
    return local + [str(ROOT / w.removeprefix(INSTALLED)) if w.startswith(INSTALLED) else w for w in words[1:]]


SERVICES = sorted(UNITS.glob("*.service"))


def test_systemd_loads_every_shipped_unit_without_a_warning(tmp_path):
    """A misspelt key is only a warning in the journal, and the unit runs without it (a timer without its
    schedule never fires): systemd's own reading of the files must say nothing at all."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.fail("systemd-analyze is not installed (make test installs systemd)")
    venv = str(Path(sys.executable).parent) + "/"
    for unit in UNITS.iterdir():
        text = unit.read_text().replace(INSTALLED + ".venv/bin/", venv).replace(INSTALLED, f"{ROOT}/")
        (tmp_path / unit.name).write_text(text)
    units = sorted(str(p) for p in tmp_path.iterdir())
    assert len(units) >= 8
    verified = subprocess.run(  # noqa: S603 - systemd's reader on our own files; it starts nothing
        [analyze, "verify", *units], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert (verified.returncode, verified.stdout + verified.stderr) == (0, "")


def test_every_timer_starts_a_shipped_service():
    timers = sorted(UNITS.glob("*.timer"))
    assert {t.stem for t in timers} >= {"kawal-reconcile", "kawal-audit-verify"}
    for timer in timers:
        unit = read_unit(timer)
        assert (UNITS / f"{timer.stem}.service").exists(), timer.name
        assert unit["Install"]["WantedBy"] == "timers.target"
        assert {"OnCalendar", "OnUnitActiveSec"} & set(unit["Timer"]), timer.name


@pytest.mark.parametrize("service", SERVICES, ids=[s.name for s in SERVICES])
def test_every_service_runs_a_command_of_this_checkout_that_exists(service):
    unit = read_unit(service)["Service"]
    assert unit["EnvironmentFile"] == "/etc/kawal/kawal.env"
    command = local_command(unit["ExecStart"])
    if Path(command[0]).name == "gunicorn":
        assert Path(command[command.index("--config") + 1]).is_file()
        return
    words = [w for w in command[1:] if not w.startswith("-") and "%" not in w]
    shown = subprocess.run([command[0], *words, "--help"], capture_output=True, text=True, timeout=60)  # noqa: S603
    assert shown.returncode == 0, shown.stderr


def test_the_nightly_chain_check_passes_on_a_sound_history_and_fails_naming_a_case_changed_by_hand(app, client, env):
    command = local_command(read_unit(UNITS / "kawal-audit-verify.service")["Service"]["ExecStart"])
    assert client.post("/api/v1/requests", json=request_payload()).status_code == 201
    sound = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)  # noqa: S603
    assert sound.returncode == 0, sound.stdout + sound.stderr
    assert "every hash chain is intact" in sound.stdout

    from api.extensions import db

    with app.app_context():
        ticket = db.session.scalar(select(Case.ticket))
        case_id = db.session.scalar(select(Case.id).where(Case.ticket == ticket))
        db.session.execute(
            update(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.seq == 1).values(actor="someone-else")
        )
        db.session.commit()
    broken = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)  # noqa: S603
    assert broken.returncode == 1  # the unit fails: systemctl --failed and the monitoring show it
    assert f"case {ticket}, event 1: content does not match its hash" in broken.stdout + broken.stderr
    with app.app_context():  # and both nights are kept for the auditor's console, who reads no journal
        nights = db.session.scalars(select(ChainCheck).order_by(ChainCheck.id)).all()
    assert [(n.by, n.checked_cases, n.breaks_total) for n in nights] == [
        ("kawal audit verify", 1, 0),
        ("kawal audit verify", 1, 1),
    ]
    assert nights[1].breaks == [{"ticket": ticket, "seq": 1, "reason": "content does not match its hash"}]
    # The night walked the access changes' chains too, and says so beside the cases' (the console lists it).
    assert {kind: state["broken_at"] for kind, state in nights[1].access.items()} == {
        "officer": None,
        "unit": None,
        "calendar": None,
        "fee": None,
        "exemption": None,
    }
