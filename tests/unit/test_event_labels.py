"""Every kind of event Kawal writes into a case's history has a name on the case page and in the audit exports
(api.reports.history).

An event without one showed its code ("Notice dispatched", in English on the Indonesian page). The kinds
are read from the code that writes them: each ``.append(case, "<kind>", ...)`` of an EventLog.
"""

import ast
from pathlib import Path

from api.reports.history import EVENT_LABELS

ROOT = Path(__file__).resolve().parents[2]


def _written_kinds() -> dict[str, str]:
    found = {}
    for path in [*ROOT.joinpath("engine").rglob("*.py"), *ROOT.joinpath("api").rglob("*.py")]:
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append"):
                continue
            if len(node.args) >= 3 and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
                found.setdefault(node.args[1].value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_event_kind_the_engine_writes_has_a_label_on_the_case_page():
    written = _written_kinds()
    assert {"task_completed", "notice_dispatched", "exemption_determined"} <= written.keys()  # the scan finds them
    assert {kind: where for kind, where in written.items() if kind not in EVENT_LABELS} == {}
