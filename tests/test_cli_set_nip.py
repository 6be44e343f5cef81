"""``kawal users set-nip``: a NIP typed on the command line stays in the shell's history; the command asks for it
(or reads it from standard input) when it is not given, and the argument still works for scripts."""

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from api.cli import main


@pytest.fixture
def kawal(db_url, monkeypatch):
    monkeypatch.setenv("KAWAL_DATABASE_URL", db_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return run


def held(db_url, username):
    engine = create_engine(db_url)
    with engine.connect() as conn:
        nip = conn.execute(text('select nip from "user" where username = :u'), {"u": username}).scalar()
    engine.dispose()
    return nip


def test_the_nip_is_asked_for_when_not_given_and_the_argument_still_works(kawal, db_url):
    asked = kawal("users", "set-nip", "ppid", input="19820315 200604 2 001\n")
    assert asked.exit_code == 0, asked.output
    assert "NIP of ppid (18 digits)" in asked.output
    assert asked.output.endswith("user ppid: NIP set\n")
    assert held(db_url, "ppid") == "198203152006042001"
    piped = kawal("users", "set-nip", "ppid", input="197505102000031001\n")  # a script's standard input
    assert piped.exit_code == 0, piped.output
    assert held(db_url, "ppid") == "197505102000031001"
    wrong = kawal("users", "set-nip", "ppid", input="1982031520060410\n")
    assert wrong.exit_code == 1
    assert "nip: a NIP has 18 digits" in wrong.output
    assert held(db_url, "ppid") == "197505102000031001"
    assert kawal("users", "set-nip", "ppid", "198203152006042001").output == "user ppid: NIP set\n"
    assert held(db_url, "ppid") == "198203152006042001"
    assert kawal("users", "set-nip", "ppid", "").output == "user ppid: NIP removed\n"
    assert held(db_url, "ppid") is None


def test_the_help_says_the_prompt_is_preferred(kawal):
    said = " ".join(kawal("users", "set-nip", "--help").output.split())
    assert "Without NIP the command asks for it (preferred: a NIP typed on the command line stays in the shell's" in (
        said
    )


def test_an_officer_unknown_is_said_before_the_nip_is_asked_for(kawal):
    told = kawal("users", "set-nip", "nobody", input="198203152006042001\n")
    assert told.exit_code == 1
    assert "no officer named 'nobody'" in told.output
    assert "NIP of" not in told.output
