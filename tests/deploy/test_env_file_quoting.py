"""The environment file is read by two readers, and both must read the same values: systemd (``EnvironmentFile=`` of
every unit in deploy/systemd) and the shell (README, Production step 5: ``set -a; . /etc/kawal/kawal.env`` before each
``kawal`` command).

A walker followed README's advice to quote a value holding ``$`` and wrote ``KAWAL_SMTP_PASSWORD="Rah4s!a$Kantor"``:
systemd keeps ``$`` as it is (it expands no variables in the file), the shell expanded ``$Kantor`` to nothing, so
``kawal mail test`` logged in with ``Rah4s!a`` while the services logged in with the whole password. In single quotes
both readers take every character as written; the README and the example file say so now.

systemd's reader is systemd's own: ``load_env_file`` of libsystemd-shared, the function the service manager calls
for ``EnvironmentFile=`` (make test installs systemd, scripts/system-packages.sh). The shell is ``sh`` (dash on
Debian), as the README's function runs it.
"""

import ctypes
import glob
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "deploy" / "kawal.env.example"
PASSWORD = "Rah4s!a$Kantor"


def systemd_reads(path: Path) -> dict[str, str]:
    """What systemd's EnvironmentFile= makes of the file: libsystemd-shared's load_env_file, called as PID 1 does."""
    found = sorted(
        glob.glob("/usr/lib/*/systemd/libsystemd-shared-*.so") + glob.glob("/lib/systemd/libsystemd-shared-*.so")
    )
    if not found:
        pytest.fail("libsystemd-shared is not installed (make test installs systemd)")
    library = ctypes.CDLL(found[-1])
    pairs = ctypes.POINTER(ctypes.c_char_p)()
    assert library.load_env_file(None, str(path).encode(), ctypes.byref(pairs)) == 0
    read, n = {}, 0
    while pairs[n]:
        name, _, value = pairs[n].decode().partition("=")
        read[name] = value
        n += 1
    return read


def shell_reads(path: Path) -> dict[str, str]:
    """What README's `kawal` function hands the command: ``sh -c 'set -a; . FILE; exec ...'``, from an empty
    environment."""
    dump = f"{sys.executable} -c 'import json, os; print(json.dumps(dict(os.environ)))'"
    done = subprocess.run(  # noqa: S603 - the shell, as the README runs it, on our own file
        ["/bin/sh", "-c", f'set -a; . "$1"; exec {dump}', "sh", str(path)],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr == ""
    return {k: v for k, v in json.loads(done.stdout).items() if k.startswith("KAWAL_")}


def example_with_every_line(tmp_path: Path, password_line: str) -> Path:
    """The shipped example, its commented-out settings uncommented, the mail password written as ``password_line``
    writes it."""
    lines = []
    for line in EXAMPLE.read_text().splitlines():
        if re.match(r"#KAWAL_SMTP_PASSWORD=", line):
            line = password_line
        elif re.match(r"#KAWAL_[A-Z0-9_]+=", line):
            line = line[1:]
        lines.append(line)
    path = tmp_path / "kawal.env"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_the_example_file_quotes_the_password_so_that_systemd_and_the_shell_read_the_same():
    shipped = next(line for line in EXAMPLE.read_text().splitlines() if line.startswith("#KAWAL_SMTP_PASSWORD="))
    assert shipped == "#KAWAL_SMTP_PASSWORD='...'"  # single quotes: nothing inside is expanded by either reader


def test_every_setting_of_the_example_is_read_alike_by_systemd_and_the_shell(tmp_path):
    """Each line of the example (the commented-out ones uncommented) and a password holding ``$`` and ``!`` written as
    the README says: systemd and sh give every variable the same value, the password whole."""
    path = example_with_every_line(tmp_path, f"KAWAL_SMTP_PASSWORD='{PASSWORD}'")
    by_systemd, by_shell = systemd_reads(path), shell_reads(path)
    assert by_systemd == by_shell
    assert by_shell["KAWAL_SMTP_PASSWORD"] == PASSWORD
    assert by_shell["KAWAL_AGENCY_NAME"] == "KEMENTERIAN AGAMA REPUBLIK INDONESIA"
    assert len(by_shell) > 30


def test_double_quotes_around_a_dollar_sign_are_read_differently_the_walker_s_password(tmp_path):
    """Why the advice changed: in double quotes the shell expands ``$Kantor``, systemd does not."""
    path = tmp_path / "kawal.env"
    path.write_text(f'KAWAL_SMTP_PASSWORD="{PASSWORD}"\n')
    assert systemd_reads(path)["KAWAL_SMTP_PASSWORD"] == PASSWORD
    assert shell_reads(path)["KAWAL_SMTP_PASSWORD"] == "Rah4s!a"


def test_readme_step_4_advises_single_quotes():
    readme = (ROOT / "README.md").read_text()
    step = readme[
        readme.index("**4. The environment file**") : readme.index("**5. Schema and the first administrator.**")
    ]
    flat = " ".join(step.split())
    assert f"KAWAL_SMTP_PASSWORD='{PASSWORD}'" in flat
    assert "single quotes" in flat


def test_a_value_holding_a_single_quote_goes_in_double_quotes_with_its_escapes(tmp_path):
    """README's way for a value that holds ``'``: double quotes, ``\\$ \\` \\" \\\\`` escaped; both readers agree."""
    path = tmp_path / "kawal.env"
    path.write_text(
        'KAWAL_SIGNATORY_PPID="Dra. Siti Ma\'rifah; Kepala \\$ \\"Bagian\\" \\\\ \\`TU; 197001011990031001"\n'
    )
    expected = 'Dra. Siti Ma\'rifah; Kepala $ "Bagian" \\ `TU; 197001011990031001'
    assert systemd_reads(path) == shell_reads(path) == {"KAWAL_SIGNATORY_PPID": expected}
