"""``kawal audit verify --file``: an exported history altered anywhere, even into lines that are no longer events,
is told as a break naming its case, event and line, with the check's exit code 1, never a traceback.

Checking a file is Python over its lines, whatever database made it: the demo office is exported once, from
SQLite, and each test alters a copy.
"""

import json

import pytest
from click.testing import CliRunner

from api.cli import main
from engine.audit import iter_export
from engine.db import make_engine, session_factory


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)  # a traceback fails the test


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The demo office's history in JSON lines, written as the console and the API write it (sorted keys), and
    an anchor made at the same moment: (export's lines, anchor's path)."""
    folder = tmp_path_factory.mktemp("audit-file")
    url = f"sqlite:///{folder}/kawal.db"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KAWAL_DATABASE_URL", url)
        env.setenv("KAWAL_FILES_DIR", str(folder / "files"))
        env.setenv("KAWAL_ENV", "test")
        for command in (("db", "upgrade"), ("demo",), ("audit", "anchor", str(folder / "anchor.jsonl"))):
            assert run(*command).exit_code == 0
    engine = make_engine(url)
    with session_factory(engine)() as session:
        encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # api.exports' encoder
        lines = [(encode(row) + "\n").encode() for row in iter_export(session)]
    engine.dispose()
    return lines, folder / "anchor.jsonl"


def _swap(old: bytes, new: bytes):
    def alter(line: bytes) -> bytes:
        assert old in line
        return line.replace(old, new, 1)

    return alter


def _time_digit(line: bytes) -> bytes:
    """One byte of the time changed: 04:52 becomes 04152."""
    at = json.loads(line)["at"].encode()
    return line.replace(at, at[:13] + b"1" + at[14:], 1)


# Each kind of damage: how the line is altered, and what the check says of it after the event's place.
DAMAGE = {
    "a digit of the time": (_time_digit, '"at" holds "{day}T{hour}1'),
    "the time without its offset": (_swap(b'+00:00"', b'"'), '"at" holds "{day}T'),
    "the time's field renamed": (_swap(b'"at":', b'"aT":'), 'the field "at" is missing'),
    "seq written as text": (_swap(b'"seq": 13', b'"seq": "13"'), 'expected event 13, found "13" (text)'),
    "seq written as true": (_swap(b'"seq": 13', b'"seq": true'), "expected event 13, found true (true or false)"),
    "a field added": (_swap(b'"seq":', b'"note": "ok", "seq":'), 'a field no exported event has: "note"'),
    "the line no longer JSON": (lambda line: line.rstrip(b"}\n") + b"\n", "unreadable: not JSON"),
    "a byte that is not UTF-8": (_swap(b'"actor": "', b'"actor": "\xff'), "unreadable: not UTF-8 text"),
    "another ticket in its data, and no longer JSON": (
        lambda line: line.replace(b'"data": {', b'"data": {"ticket": "PPID-2026-999999", ', 1).rstrip(b"}\n") + b";",
        "unreadable: not JSON",
    ),
    "the actor changed": (_swap(b'"actor": "', b'"actor": "x'), "content does not match its hash"),
}


def _thirteenth(lines: list[bytes]) -> int:
    """The index of a case's event 13: one in the middle of a chain, with events after it."""
    return next(i for i, line in enumerate(lines) if json.loads(line)["seq"] == 13)


def _check(lines: list[bytes], folder, *args) -> tuple[int, str]:
    path = folder / "altered.jsonl"
    path.write_bytes(b"".join(lines))
    result = run("audit", "verify", "--file", str(path), *args)
    return result.exit_code, result.output


@pytest.mark.parametrize("damage", DAMAGE)
def test_an_export_altered_in_any_way_is_told_at_its_case_event_and_line_with_exit_code_1(exported, tmp_path, damage):
    lines, anchor = exported
    alter, said = DAMAGE[damage]
    i = _thirteenth(lines)
    event = json.loads(lines[i])
    day, hour = event["at"][:10], event["at"][11:13]
    altered = [*lines[:i], alter(lines[i]), *lines[i + 1 :]]
    assert altered[i] != lines[i]
    told = f"case {event['ticket']}, event 13 (line {i + 1}): " + said.format(day=day, hour=hour)
    for against in ((), ("--anchor", str(anchor))):  # an anchor reads only the lines that are still events
        code, output = _check(altered, tmp_path, *against)
        assert code == 1, output
        assert "Error: 1 break(s) found:\n" in output, output
        assert told in output, output


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (b"[13]\n", "not an event but [13] (a list)"),
        (b'{"seq": 13}\n', 'the field "ticket" is missing'),
        (b'{"ticket": 7}\n', '"ticket" holds 7 (a whole number), not text'),
    ],
)
def test_a_line_that_names_no_case_is_told_by_its_number_and_its_case_by_the_gap_it_leaves(
    exported, tmp_path, line, said
):
    lines, _anchor = exported
    i = _thirteenth(lines)
    ticket = json.loads(lines[i])["ticket"]
    code, output = _check([*lines[:i], line, *lines[i + 1 :]], tmp_path)
    assert code == 1, output
    assert f"  line {i + 1}: {said}\n" in output
    assert f"case {ticket}, event 14 (line {i + 2}): expected event 13, found 14" in output


def test_an_export_as_written_verifies(exported, tmp_path):
    lines, anchor = exported
    code, output = _check(lines, tmp_path, "--anchor", str(anchor))
    assert code == 0, output
    assert "is intact" in output
