"""README's list of commands names every option of the commands an administrator runs from it in production.

The list showed `kawal audit anchor FILE` alone while the monthly timer and Production step 6 run
`kawal audit anchor --into DIR`, and `kawal serve --production` without the options it now takes over KAWAL_WEB_*.
"""

from pathlib import Path

import pytest

from api.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def _command_list() -> str:
    text = README.read_text()
    start = text.index("`kawal serve [--host H]")
    return " ".join(text[start : text.index("\n\n", start)].split())


@pytest.mark.parametrize("path", [("audit", "anchor"), ("serve",)], ids=" ".join)
def test_the_readme_command_list_names_every_option(path):
    command = main
    for name in path:
        command = command.commands[name]
    listed = _command_list()
    for option in command.params:
        for flag in option.opts:
            if flag.startswith("--"):
                assert f"{flag} " in listed or f"{flag}]" in listed or f"{flag}`" in listed, flag
    if path == ("audit", "anchor"):
        assert "`kawal audit anchor (FILE | --into DIR)" in listed
