"""Who puts what before the public once an item is published (UU 14/2008 Pasal 13; PP 61/2010 Pasal 14): a unit's file
to its published item, a unit's revision carrying its own confirmation of personal data, a PPID's edit over a pending
revision; and a determination's decree number that is only spaces (engine.exemptions.record_direct)."""

import pytest
from sqlalchemy import func, select

from engine import dip, exemptions
from engine.errors import Conflict, Forbidden, Invalid
from engine.files import Upload
from engine.models import DipItem, Exemption
from tests.delivery.conftest import pdf
from tests.dip.conftest import item_data
from tests.dip.test_direct_determination import determination

PDF = pdf("Data madrasah", "Jumlah madrasah per kabupaten tahun 2026")  # clean for the scan
NAMED = "Penerima bantuan: Ahmad Fauzi NIK 3171234507900123 HP 0812-3456-7890"


def published(keeper) -> int:
    return keeper.run("ppid", dip.create_item, item_data(unit="PENDMAD", title="Data madrasah"), publish=True)


def test_a_unit_cannot_replace_the_public_file_of_its_published_item_but_the_ppid_can(keeper):
    item_id = published(keeper)
    with pytest.raises(Forbidden):
        keeper.run("unitmad", dip.attach_file, item_id, Upload("ganti.pdf", PDF))
    with keeper.sessions() as s:
        assert s.get(DipItem, item_id).file_storage_key is None
    draft = keeper.run("unitmad", dip.create_item, item_data(unit="PENDMAD", title="Draf madrasah"))
    keeper.run("unitmad", dip.attach_file, draft, Upload("draf.pdf", PDF))  # a draft's file: not public yet
    keeper.run("ppid", dip.attach_file, item_id, Upload("resmi.pdf", PDF))
    with keeper.sessions() as s:
        assert (s.get(DipItem, item_id).file_name, s.get(DipItem, draft).file_name) == ("resmi.pdf", "draf.pdf")


def test_a_units_confirmation_of_personal_data_does_not_carry_over_to_the_ppids_publication(keeper):
    item_id = published(keeper)
    proposal = item_data(unit="PENDMAD", title="Data madrasah", summary=NAMED, data_pribadi_diperiksa=True)
    keeper.run("unitmad", dip.update_item, item_id, proposal)
    with pytest.raises(Invalid) as refused:
        keeper.run("ppid", dip.publish_revision, item_id)
    assert [m.code for m in refused.value.fields["summary"]] == ["public_text_personal_data"]
    with keeper.sessions() as s:
        item = dip.public_item(s, item_id)
        assert item.summary == item_data()["summary"]
        assert item.pending_revision is not None  # still there for the PPID to decline or edit


def test_the_ppids_edit_sets_a_pending_revision_aside_so_it_cannot_undo_the_edit_later(keeper):
    item_id = published(keeper)
    keeper.run("unitmad", dip.update_item, item_id, item_data(unit="PENDMAD", title="Data madrasah (usulan unit)"))
    keeper.run("ppid", dip.update_item, item_id, item_data(unit="PENDMAD", title="Data madrasah 2026"))
    with keeper.sessions() as s:
        item = s.get(DipItem, item_id)
        assert (item.title, item.pending_revision) == ("Data madrasah 2026", None)
        history = dip.versions(s, item)
        assert [v.action for v in history[:2]] == ["updated", "revision_set_aside"]
        assert history[1].data["proposed_by"] == "unitmad"
        assert history[1].data["proposed"]["title"] == "Data madrasah (usulan unit)"
        assert dip.awaiting_publication(s) == []
    with pytest.raises(Conflict):
        keeper.run("ppid", dip.publish_revision, item_id)


def test_a_published_revisions_version_names_the_unit_officer_who_proposed_it(keeper):
    item_id = published(keeper)
    keeper.run("unitmad", dip.update_item, item_id, item_data(unit="PENDMAD", title="Data madrasah terbaru"))
    keeper.run("ppid", dip.publish_revision, item_id)
    with keeper.sessions() as s:
        latest = dip.versions(s, s.get(DipItem, item_id))[0]
        assert (latest.action, latest.actor, latest.data["proposed_by"]) == ("revision_published", "ppid", "unitmad")


def test_a_decree_number_of_only_spaces_is_refused_as_required(keeper):
    with keeper.sessions.begin() as s, pytest.raises(Invalid) as refused:
        exemptions.record_direct(
            s, keeper.rt.forms, keeper.rt.today(), keeper.user(s, "ppid"),
            determination(keeper, nomor_penetapan="   "),
        )  # fmt: skip
    assert [m.code for m in refused.value.fields["nomor_penetapan"]] == ["required"]
    with keeper.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Exemption)) == 0
