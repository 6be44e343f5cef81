"""Which lane a step of a BPMN diagram belongs to: the group whose officers may work it (``HumanTask.lane``).

A step is in the lane its own process or subprocess draws it in; a step its (sub)process puts in no lane is in
the lane of the subprocess around it, and so on outwards. SpiffWorkflow 3.2's parser gives every step of a
subprocess drawn inside a lane that lane, whatever lanes the subprocess declares itself (SpiffWorkflow PR #168,
``ProcessParser.parse_node`` passing the subprocess's lane down): a power of attorney the head's superior issues,
drawn in the ``atasan_ppid`` lane of a subprocess standing in the ``ppid`` lane, came out ``ppid``, and the
superior could not complete it. Kawal parses with ``parser()``, which keeps a step's own lane first.

Only the specs parsed from now on change: a deployed version keeps the spec (and the lanes) stored with it.
"""

from __future__ import annotations

from SpiffWorkflow.bpmn.parser.ProcessParser import AdHocParser
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser
from SpiffWorkflow.spiff.parser.process import SpiffProcessParser


class _OwnLaneFirst:
    """A (sub)process parser whose steps take the lane drawn around them in this (sub)process, and only when there
    is none the lane of the subprocess itself (``enclosing_lane``, what SpiffWorkflow hands down as ``lane``)."""

    def __init__(self, p, node, nsmap, data_stores, filename=None, lane=None):
        super().__init__(p, node, nsmap, data_stores, filename=filename, lane=None)
        self.enclosing_lane = lane

    def get_lane_name(self, node_id):
        own = self._own_lanes().get(node_id)
        return own if own is not None else self.enclosing_lane

    def _own_lanes(self) -> dict[str, str | None]:
        """The lane names this (sub)process's own laneSet gives its direct steps (a child lane set's innermost
        lane wins over the lane holding it), not those of the subprocesses inside it."""
        if not hasattr(self, "_own"):
            own = {}
            for ref in self.node.xpath("./bpmn:laneSet//bpmn:flowNodeRef", namespaces=self.nsmap):
                if ref.text:
                    own[ref.text.strip()] = ref.getparent().get("name")  # document order: deeper lanes come later
            self._own = own
        return self._own


class _ProcessParser(_OwnLaneFirst, SpiffProcessParser):
    pass


class _AdHocParser(_OwnLaneFirst, AdHocParser):
    pass


class _Parser(SpiffBpmnParser):
    PROCESS_PARSER_CLASS = _ProcessParser
    AD_HOC_PARSER_CLASS = _AdHocParser


def parser() -> SpiffBpmnParser:
    """A fresh parser for one deployment (a process id may be added once per parser), validating against the
    BPMN and spiffworkflow schemas."""
    return _Parser(validator=VALIDATOR)
