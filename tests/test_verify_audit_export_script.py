"""scripts/verify_audit_export.py: an outside auditor verifies an export without Kawal (README "Audit: verifying an
export"). It runs on Python's standard library alone, in a Python that cannot import Kawal, and agrees with Kawal's
own check (engine.audit.verify_lines, kawal audit verify) on a real export: it accepts it as written, and rejects a
one-byte change, a removed line and two lines swapped; against an anchor it finds an anchored event rewritten (even
with the chain hashed anew behind it) and a case cut at its end, and refuses an anchor file that was changed."""

import ast
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from engine.audit import GENESIS, event_hash, verify_lines
from tests.conftest import complaint_payload, sqlite_only

API = "/api/v1"
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "verify_audit_export.py"


@pytest.fixture
def export(desk, client, login, tmp_path):
    """A real export of two requests (one a few steps in) and a complaint, as the auditor downloads it: its path."""
    first = desk.submit()
    desk.complete(first["ticket"], "periksa_kelengkapan")
    desk.submit(information="Rincian anggaran “jembatan” desa — 2026 ✓")  # characters beyond ASCII are hashed as UTF-8
    assert client.post(f"{API}/complaints", json=complaint_payload("rahasia")).status_code == 201
    path = tmp_path / "kawal-audit.jsonl"
    path.write_bytes(api_export(client, login))
    return path


def api_export(client, login, **query) -> bytes:
    r = client.get(f"{API}/audit/export", query_string=query, headers=login("auditor"))
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_data()
    r.close()
    return body


def outside(*args, cwd) -> subprocess.CompletedProcess:
    """The script as an auditor runs it on their own machine: ``-I -S``, no site-packages, so no Kawal to import."""
    return subprocess.run(  # noqa: S603 - this test's own interpreter and script
        [sys.executable, "-I", "-S", str(SCRIPT), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def kawal_finds_it_broken(path: Path) -> bool:
    with path.open("rb") as lines:
        return bool(list(verify_lines(lines)))


def test_the_script_imports_the_standard_library_alone():
    tree = ast.parse(SCRIPT.read_text())
    imported = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    imported |= {
        node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported - {"__future__"} <= set(sys.stdlib_module_names), imported
    assert not imported & {"engine", "api", "kawal"}


# On PostgreSQL too: a real export, its text beyond ASCII and its timestamps as the database returns them, verifies
# as written. The others are @sqlite_only: the script's checks of a file, in Python, over an export made alike (the
# anchors' comparison in the database is proven on PostgreSQL by tests/test_cli.py).
def test_a_real_export_verifies_as_written(export, tmp_path):
    done = outside(export, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = export.read_bytes().splitlines()
    assert f"OK: {len(lines)} event(s) of 3 case(s) in {export}, every chain intact" in done.stdout
    assert not kawal_finds_it_broken(export)  # the two checks agree


@sqlite_only
def test_one_case_s_export_verifies_on_its_own(export, client, login, tmp_path):
    ticket = json.loads(export.read_bytes().splitlines()[0])["ticket"]
    single = tmp_path / f"kawal-audit-{ticket}.jsonl"
    single.write_bytes(api_export(client, login, ticket=ticket))
    done = outside(single, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"event(s) of 1 case(s) in {single}, every chain intact" in done.stdout


def rewrite(export: Path, change) -> Path:
    lines = export.read_bytes().splitlines(keepends=True)
    changed = export.with_name("diubah.jsonl")
    changed.write_bytes(b"".join(change(lines)))
    return changed


def swapped(lines: list[bytes]) -> list[bytes]:
    lines[1], lines[2] = lines[2], lines[1]
    return lines


def removed(lines: list[bytes]) -> list[bytes]:
    return lines[:1] + lines[2:]


TAMPERED = {  # what changed, and what the script says of it
    "a_character_of_the_data": (lambda lines: _data_byte(lines), "its content does not match its hash"),
    "a_hash_digit": (lambda lines: _hash_digit(lines), "its content does not match its hash"),
    "a_timestamp_digit": (lambda lines: _time_digit(lines), "its content does not match its hash"),
    "the_actor": (lambda lines: _actor(lines), "its content does not match its hash"),
    "a_line_removed": (removed, "expected event 2, found 3"),
    "two_lines_swapped": (swapped, "expected event 2, found 3"),
}


def _data_byte(lines):
    event = json.loads(lines[0])
    text = lines[0]
    key = next(iter(sorted(event["data"])))
    value = json.dumps(event["data"][key], ensure_ascii=False).encode()
    at = text.index(value) + 1 if value.startswith(b'"') else text.index(value)
    original = text[at : at + 1]
    lines[0] = text[:at] + (b"X" if original != b"X" else b"Y") + text[at + 1 :]
    return lines


def _hash_digit(lines):
    event = json.loads(lines[0])
    digit = event["hash"][-1]
    other = "0" if digit != "0" else "1"
    lines[0] = lines[0].replace(event["hash"].encode(), (event["hash"][:-1] + other).encode())
    return lines


def _time_digit(lines):
    event = json.loads(lines[1])
    at = event["at"]  # 2026-12-07T00:30:00.123456+00:00: change a microsecond digit
    lines[1] = lines[1].replace(at.encode(), (at[:20] + ("1" if at[20] != "1" else "2") + at[21:]).encode())
    return lines


def _actor(lines):
    event = json.loads(lines[1])
    changed = json.dumps({**event, "actor": "x" + event["actor"][1:]}, ensure_ascii=False, sort_keys=True)
    lines[1] = changed.encode() + b"\n"
    return lines


@sqlite_only
@pytest.mark.parametrize("what", TAMPERED)
def test_a_change_a_removed_line_and_a_reordered_line_are_rejected_as_kawal_rejects_them(export, tmp_path, what):
    change, said = TAMPERED[what]
    changed = rewrite(export, change)
    assert changed.read_bytes() != export.read_bytes()
    done = outside(changed, cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    first = json.loads(export.read_bytes().splitlines()[0])["ticket"]
    assert f"BROKEN case {first}" in done.stdout
    assert said in done.stdout
    assert kawal_finds_it_broken(changed)  # the two checks agree


@sqlite_only
def test_a_readable_copy_is_refused_with_where_to_look(desk, client, login, tmp_path):
    desk.submit()
    csv_file = tmp_path / "kawal-audit.csv"
    csv_file.write_bytes(api_export(client, login, format="csv"))
    done = outside(csv_file, cwd=tmp_path)
    assert done.returncode == 2
    assert "a CSV export, a readable copy: verify the JSON lines export of the same period or case" in done.stderr


@sqlite_only
def test_an_anchor_shows_a_rewritten_chain_and_a_cut_case_the_chain_alone_cannot(
    desk, client, login, browser, tmp_path
):
    request = desk.submit()["ticket"]
    other = desk.submit()["ticket"]
    anchor = tmp_path / "jangkar.jsonl"
    r = browser("auditor").get("/audit/jangkar")  # the console's anchor of now
    assert r.status_code == 200
    anchor.write_bytes(r.get_data())
    r.close()  # its temporary file, as a WSGI server closes it
    desk.complete(other, "periksa_kelengkapan")  # events after the anchor: the export is newer than it
    export = tmp_path / "kawal-audit.jsonl"
    export.write_bytes(api_export(client, login))
    done = outside(export, "--anchor", anchor, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "every anchored event in place" in done.stdout

    # The request's history rewritten and hashed anew, as one who can write to the database could: its chain holds.
    lines = [json.loads(line) for line in export.read_bytes().splitlines()]
    prev = GENESIS
    for event in (e for e in lines if e["ticket"] == request):
        if event["seq"] == 1:
            event["data"] = {**event["data"], "information": "Sesuatu yang lain"}
        event["prev_hash"] = prev
        at = datetime.fromisoformat(event["at"])
        event["hash"] = prev = event_hash(prev, request, event["seq"], at, event["type"], event["actor"], event["data"])
    forged = tmp_path / "dipalsukan.jsonl"
    forged.write_text("".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in lines))
    assert outside(forged, cwd=tmp_path).returncode == 0  # without the anchor, nothing shows
    done = outside(forged, "--anchor", anchor, cwd=tmp_path)
    assert done.returncode == 1
    assert f"BROKEN case {request}" in done.stdout
    assert "the history was rewritten" in done.stdout

    # The request's last event cut away: the chain still holds, the anchor holds a later event.
    kept = export.read_bytes().splitlines(keepends=True)
    last = max(i for i, line in enumerate(kept) if json.loads(line)["ticket"] == request)
    cut = tmp_path / "dipotong.jsonl"
    cut.write_bytes(b"".join(kept[:last] + kept[last + 1 :]))
    assert outside(cut, cwd=tmp_path).returncode == 0
    done = outside(cut, "--anchor", anchor, cwd=tmp_path)
    assert done.returncode == 1
    assert f"case {request}: the history was cut" in done.stdout

    # The anchor file itself changed: refused, never trusted.
    bent = tmp_path / "jangkar-diubah.jsonl"
    bent.write_bytes(anchor.read_bytes().replace(b'"seq":', b'"seq": ', 1))
    done = outside(export, "--anchor", bent, cwd=tmp_path)
    assert done.returncode == 2
    assert "its digest does not match its lines" in done.stderr


@sqlite_only
def test_a_whole_export_made_after_the_anchor_misses_no_anchored_case(desk, client, login, browser, tmp_path):
    kept, removed = desk.submit()["ticket"], desk.submit()["ticket"]
    anchor = tmp_path / "jangkar.jsonl"
    r = browser("auditor").get("/audit/jangkar")
    anchor.write_bytes(r.get_data())
    r.close()
    whole = api_export(client, login)
    export = tmp_path / "kawal-audit.jsonl"
    export.write_bytes(whole)
    done = outside(export, "--anchor", anchor, "--made-after-anchor", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    # One case's every event taken out: its chain is gone with it, only the anchor shows it.
    lines = whole.splitlines(keepends=True)
    export.write_bytes(b"".join(line for line in lines if json.loads(line)["ticket"] != removed))
    done = outside(export, "--anchor", anchor, "--made-after-anchor", cwd=tmp_path)
    assert done.returncode == 1
    assert f"case {removed}: not in the export" in done.stdout
    assert f"case {kept}" not in done.stdout
    # Every case taken out (an empty file): still told, not taken for the chains' export, which holds no case.
    export.write_bytes(b"")
    done = outside(export, "--anchor", anchor, "--made-after-anchor", cwd=tmp_path)
    assert done.returncode == 1
    assert f"case {removed}: not in the export" in done.stdout
    assert f"case {kept}: not in the export" in done.stdout
