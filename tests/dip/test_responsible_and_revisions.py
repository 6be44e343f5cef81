"""What each item states (Perki 1/2010 Pasal 11, kept by Perki 1/2021: who answers for making or issuing the
information, where it was made), and who puts a change to a published item before the public: a unit proposes it as
a revision, the PPID publishes it (UU 14/2008 Pasal 13; PP 61/2010 Pasal 14)."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from engine import dip, dip_io
from engine.errors import Conflict, Forbidden
from engine.models import DipItem, DipItemVersion
from tests.dip.conftest import item_data

MADE = {"responsible": "Kepala Bidang Pendidikan Madrasah", "made_in": "Kantor Wilayah, Jakarta"}


def published_before_the_rule(keeper, data: dict) -> int:
    """An item published before a published item had to name who answers for it (engine.dip.unpublishable): saved
    as a draft, then marked published as it was then."""
    item_id = keeper.run("ppid", dip.create_item, data)
    with keeper.sessions.begin() as s:
        item = s.get(DipItem, item_id)
        item.status, item.published_at = "published", item.created_at
    return item_id


def test_an_item_states_who_answers_for_it_and_where_it_was_made_in_every_download(keeper):
    stated = keeper.run("ppid", dip.create_item, item_data(title="Laporan Keuangan", **MADE), publish=True)
    old = published_before_the_rule(keeper, item_data(title="Laporan lama", responsible=None))  # before the columns
    with keeper.sessions() as s:
        item = s.get(DipItem, stated)
        assert (item.responsible, item.made_in) == (MADE["responsible"], MADE["made_in"])
        assert dip.snapshot(s.get(DipItem, old))["responsible"] is None
        sheet = load_workbook(io.BytesIO(dip_io.export_xlsx(s, keeper.rt))).active
        pdf = dip_io.export_pdf(s, keeper.rt, compress=False)
    header = [c.value for c in sheet[1]]
    rows = {r[header.index("Judul")]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Laporan Keuangan"][header.index("Penanggung Jawab")] == MADE["responsible"]
    assert rows["Laporan Keuangan"][header.index("Tempat Pembuatan")] == MADE["made_in"]
    assert rows["Laporan lama"][header.index("Penanggung Jawab")] is None  # left empty, as the office left it
    page = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Penanggung jawab" in page
    assert "Kepala Bidang Pendidikan Madrasah" in page
    assert "Kantor Wilayah, Jakarta" in page


def test_the_downloaded_list_with_the_new_columns_imports_again_creating_nothing(keeper):
    keeper.run("ppid", dip.create_item, item_data(title="Laporan Keuangan", **MADE), publish=True)
    keeper.run("ppid", dip.create_item, item_data(title="Laporan lama", unit="HUMAS"), publish=True)
    with keeper.sessions() as s:
        exported = dip_io.export_xlsx(s, keeper.rt)
    with keeper.sessions.begin() as s:
        done = dip_io.import_xlsx(s, keeper.rt, keeper.user(s, "ppid"), exported)
        assert sorted(d.outcome for d in done) == ["unchanged", "unchanged"]
    with keeper.sessions() as s:
        assert s.scalar(select(func.count()).select_from(DipItem)) == 2


def test_an_import_reads_the_responsible_and_the_place(keeper):
    from tests.dip.test_import_export import workbook

    row = {
        "Judul": "Rencana Strategis",
        "Kategori": "setiap saat",
        "Unit Penguasa Informasi": "KANWIL",
        "Penanggung Jawab": "Kepala Bagian Tata Usaha",
        "Tempat Pembuatan": "Jakarta",
        "Jangka Waktu Penyimpanan": "10 tahun",
    }
    headers = list(row)
    keeper.run("ppid", dip_io.import_xlsx, workbook([row], headers))
    with keeper.sessions() as s:
        item = s.scalar(select(DipItem))
        assert (item.responsible, item.made_in) == ("Kepala Bagian Tata Usaha", "Jakarta")


def test_a_units_change_to_its_published_item_waits_for_the_ppid(keeper):
    """A unit changed its published item and it went live with no one at the PPID knowing."""
    item_id = keeper.run("ppid", dip.create_item, item_data(unit="PENDMAD", title="Data madrasah"), publish=True)
    changed = item_data(unit="PENDMAD", title="Data madrasah", summary="Jumlah madrasah per kabupaten, diperbarui")
    keeper.run("unitmad", dip.update_item, item_id, changed)
    with keeper.sessions() as s:
        item = dip.public_item(s, item_id)  # the public still reads the published item
        assert item.summary == item_data()["summary"]
        assert item.pending_revision["by"] == "unitmad"
        assert [i.id for i in dip.awaiting_publication(s)] == [item_id]
        assert dip.versions(s, item)[0].action == "revision_proposed"
    with pytest.raises(Forbidden):  # the unit cannot put it live itself
        keeper.run("unitmad", dip.publish_revision, item_id)
    keeper.run("ppid", dip.publish_revision, item_id)
    with keeper.sessions() as s:
        item = dip.public_item(s, item_id)
        assert item.summary == "Jumlah madrasah per kabupaten, diperbarui"
        assert (item.pending_revision, item.status) == (None, "published")
        assert dip.awaiting_publication(s) == []
        latest = dip.versions(s, item)[0]
        assert (latest.action, latest.actor) == ("revision_published", "ppid")
    with pytest.raises(Conflict):
        keeper.run("ppid", dip.publish_revision, item_id)


def test_the_ppid_declines_a_revision_and_the_item_stays_as_published(keeper):
    item_id = keeper.run("ppid", dip.create_item, item_data(unit="PENDMAD", title="Data madrasah"), publish=True)
    keeper.run("unitmad", dip.update_item, item_id, item_data(unit="PENDMAD", title="Judul yang keliru"))
    keeper.run("ppid", dip.discard_revision, item_id)
    with keeper.sessions() as s:
        item = s.get(DipItem, item_id)
        assert (item.title, item.pending_revision) == ("Data madrasah", None)
        actions = s.scalars(select(DipItemVersion.action).where(DipItemVersion.item_id == item_id)).all()
        assert "revision_discarded" in actions


def test_a_units_draft_is_still_changed_in_place(keeper):
    draft = keeper.run("unitmad", dip.create_item, item_data(unit="PENDMAD", title="Data madrasah"))
    keeper.run("unitmad", dip.update_item, draft, item_data(unit="PENDMAD", title="Data madrasah 2026"))
    with keeper.sessions() as s:
        item = s.get(DipItem, draft)
        assert (item.title, item.pending_revision) == ("Data madrasah 2026", None)


def test_a_unit_saving_its_published_item_unchanged_holds_no_revision(keeper):
    item_id = keeper.run("ppid", dip.create_item, item_data(unit="PENDMAD", title="Data madrasah"), publish=True)
    keeper.run("unitmad", dip.update_item, item_id, item_data(unit="PENDMAD", title="Data madrasah"))
    with keeper.sessions() as s:
        assert s.get(DipItem, item_id).pending_revision is None
        assert dip.awaiting_publication(s) == []
