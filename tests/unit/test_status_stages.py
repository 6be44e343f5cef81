"""Each stage belongs to one process (engine.status.STAGES), as the BPMN files set them: the inbox's stage filter
groups them so."""

import re

import pytest

from engine import kinds, status
from engine.config import WORKFLOWS_DIR

SET_IN_BPMN = re.compile(r'name="status" value="([^"]+)"')


def test_every_stage_belongs_to_exactly_one_process():
    listed = [code for codes in status.STAGES.values() for code in codes]
    assert sorted(listed) == sorted(status.STATUSES)
    assert set(status.STAGES) == set(kinds.ALL)


@pytest.mark.parametrize("kind", kinds.ALL)
def test_the_stages_a_process_s_bpmn_sets_are_its_own(kind):
    bpmn = (WORKFLOWS_DIR / f"{kind}.bpmn").read_text(encoding="utf-8")
    assert set(SET_IN_BPMN.findall(bpmn)) <= set(status.STAGES[kind])
