"""A unit's proposed revision of its published item is checked as the PPID's own edit is (engine.dip.unpublishable):
every published item names who answers for it and how long it is kept (Perki 1/2021's DIP standard), so a unit
cannot propose emptying them, and nothing is held for the PPID to publish."""

import pytest

from engine import dip
from engine.errors import Invalid
from engine.models import DipItem
from tests.dip.conftest import item_data


@pytest.mark.parametrize("emptied", ["responsible", "retention"])
def test_a_unit_cannot_propose_emptying_what_a_published_item_must_say(keeper, emptied):
    item_id = keeper.run("ppid", dip.create_item, item_data(unit="PENDMAD", title="Data madrasah"), publish=True)
    proposed = item_data(unit="PENDMAD", title="Data madrasah 2026", **{emptied: None})
    with pytest.raises(Invalid) as refused:
        keeper.run("unitmad", dip.update_item, item_id, proposed)
    assert list(refused.value.fields) == [emptied]
    with keeper.sessions() as s:
        item = s.get(DipItem, item_id)
        assert (item.title, item.pending_revision) == ("Data madrasah", None)
        assert dip.awaiting_publication(s) == []


def test_a_unit_s_revision_that_keeps_them_is_held_for_the_ppid(keeper):
    item_id = keeper.run("ppid", dip.create_item, item_data(unit="PENDMAD", title="Data madrasah"), publish=True)
    keeper.run("unitmad", dip.update_item, item_id, item_data(unit="PENDMAD", title="Data madrasah 2026"))
    with keeper.sessions() as s:
        assert s.get(DipItem, item_id).pending_revision["data"]["title"] == "Data madrasah 2026"
