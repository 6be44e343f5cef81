"""A published item of the public information list names who answers for making or issuing it (penanggung jawab)
and how long it is kept (jangka waktu penyimpanan): the public list showed "-" in both columns for every item the
demo office had published (walk report 41). A draft may be saved without them; publishing, an edit of a published
item and an import (which publishes every row) are refused on the field, and the form says why."""

import pytest
from sqlalchemy import select

from engine import dip, dip_io
from engine.errors import Invalid
from engine.models import DipItem
from tests.dip.conftest import item_data
from tests.dip.test_import_export import workbook

NEEDS = {"responsible", "retention"}


def test_an_item_is_not_published_without_who_answers_for_it_and_how_long_it_is_kept(keeper):
    with pytest.raises(Invalid) as refused:
        keeper.run("ppid", dip.create_item, item_data(responsible=None, retention=None), publish=True)
    assert set(refused.value.fields) >= NEEDS
    assert refused.value.fields["retention"][0].code == "dip_publish_needs_retention"  # errors.po says why
    draft = keeper.run("ppid", dip.create_item, item_data(responsible=None, retention=None))  # a draft may lack them
    with pytest.raises(Invalid) as refused:
        keeper.run("ppid", dip.publish_item, draft)
    assert set(refused.value.fields) >= NEEDS
    keeper.run("ppid", dip.update_item, draft, item_data())  # both given: saved, then published
    keeper.run("ppid", dip.publish_item, draft)
    with keeper.sessions() as s:
        item = s.get(DipItem, draft)
        assert (item.status, item.responsible, item.retention) == ("published", "Kepala Bagian Umum", "10 tahun")


def test_an_edit_of_a_published_item_cannot_empty_what_publishing_needs(keeper):
    item_id = keeper.run("ppid", dip.create_item, item_data(), publish=True)
    with pytest.raises(Invalid) as refused:
        keeper.run("ppid", dip.update_item, item_id, item_data(retention=""))
    assert set(refused.value.fields) == {"retention"}
    with keeper.sessions() as s:
        assert s.get(DipItem, item_id).retention == "10 tahun"


def test_an_imported_row_without_them_is_refused_by_its_row_and_field(keeper):
    row = {"Judul": "Rencana Strategis", "Kategori": "setiap saat", "Unit Penguasa Informasi": "KANWIL"}
    with pytest.raises(Invalid) as refused:
        keeper.run("ppid", dip_io.import_xlsx, workbook([row], list(row)))
    assert {"baris 2.responsible", "baris 2.retention"} <= set(refused.value.fields)
    with keeper.sessions() as s:
        assert s.scalar(select(DipItem)) is None
