"""The lane a BPMN diagram draws each step in, read from the XML alone (not through any parser): the lane of the
step's own process or subprocess that lists it (the innermost of nested lanes), else the lane the subprocess around
it is drawn in, and so on outwards; None for a step no lane holds at any depth."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
NS = {"bpmn": BPMN}
_SUBPROCESSES = {f"{{{BPMN}}}{tag}" for tag in ("subProcess", "transaction", "adHocSubProcess")}
HUMAN_TASKS = ("userTask", "manualTask")


def _own_lane(node) -> tuple[bool, str | None]:
    """(listed, lane name) in the laneSet of the (sub)process that holds ``node``; the deepest lane listing it."""
    container = node.getparent()
    found = [
        ref.getparent().get("name")
        for ref in container.xpath("./bpmn:laneSet//bpmn:flowNodeRef", namespaces=NS)
        if (ref.text or "").strip() == node.get("id")
    ]
    return (True, found[-1]) if found else (False, None)


def drawn_lane(node) -> str | None:
    listed, lane = _own_lane(node)
    if listed:
        return lane
    container = node.getparent()
    return drawn_lane(container) if container.tag in _SUBPROCESSES else None


@cache
def human_task_lanes(path: Path) -> dict[str, str | None]:
    """Every user and manual task of the file (its called processes' too): BPMN id -> the lane drawn around it."""
    tree = etree.parse(str(path))
    query = " | ".join(f"//bpmn:{tag}" for tag in HUMAN_TASKS)
    return {node.get("id"): drawn_lane(node) for node in tree.xpath(query, namespaces=NS)}
