"""DIP items: who keeps them, what an item must say, and that every change keeps the version before it."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from engine import clock, dip
from engine.errors import Conflict, Forbidden, Invalid
from engine.models import DipItem, DipItemVersion
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.dip.conftest import exemption_row, item_data


def test_a_change_keeps_the_old_version_with_who_and_when(keeper):
    item_id = keeper.run("ppid", dip.create_item, item_data(), publish=True)
    keeper.run("ppid", dip.update_item, item_id, item_data(summary="Realisasi per semester, dengan catatan"))
    with keeper.sessions() as s:
        versions = dip.versions(s, s.get(DipItem, item_id))
    assert [(v.version, v.action, v.actor) for v in versions] == [(2, "updated", "ppid"), (1, "created", "ppid")]
    assert versions[1].data["summary"] == "Realisasi belanja pegawai, barang dan modal per semester"
    assert versions[0].data["summary"] == "Realisasi per semester, dengan catatan"
    assert versions[0].at >= versions[1].at


def test_an_edit_over_someone_elses_change_is_a_conflict(keeper):
    item_id = keeper.run("ppid", dip.create_item, item_data())
    keeper.run("ppid", dip.update_item, item_id, item_data(format="PDF dan XLSX"), expected_version=1)
    with pytest.raises(Conflict):
        keeper.run("ppid", dip.update_item, item_id, item_data(format="PDF saja"), expected_version=1)


def test_a_unit_keeps_its_own_items_and_no_other_units(keeper):
    own = keeper.run("unitmad", dip.create_item, item_data(unit="PENDMAD", title="Data madrasah binaan"))
    with pytest.raises(Forbidden):
        keeper.run("unitmad", dip.create_item, item_data(unit="HUMAS"))
    with pytest.raises(Forbidden):
        keeper.run("unitmad", dip.update_item, own, item_data(unit="HUMAS"))  # nor hand its item to another
    with pytest.raises(Forbidden):
        keeper.run("petugas", dip.create_item, item_data())
    keeper.run("ppid", dip.update_item, own, item_data(unit="PENDMAD", title="Data madrasah binaan 2026"))


def test_a_periodic_item_needs_its_rhythm_and_only_a_periodic_one_has_one(keeper):
    with pytest.raises(Invalid) as missing:
        keeper.run("ppid", dip.create_item, item_data(rhythm_months=None))
    assert "rhythm_months" in missing.value.fields
    with pytest.raises(Invalid) as extra:
        keeper.run("ppid", dip.create_item, item_data(category="setiap_saat"))
    assert "rhythm_months" in extra.value.fields


def test_an_exempt_item_states_its_exemption_and_is_never_given_out(keeper):
    exempt = item_data(category="dikecualikan", rhythm_months=None, url=None, title="Berkas pemeriksaan pegawai")
    with pytest.raises(Invalid) as error:
        keeper.run("ppid", dip.create_item, {**exempt, "url": "https://example.go.id/berkas.pdf"})
    assert set(error.value.fields) == {"exemption_id", "url"}
    with keeper.sessions.begin() as s:
        entry = exemption_row(clock.now().date() + timedelta(days=365))
        s.add(entry)
        s.flush()
        exemption_id = entry.id
    item_id = keeper.run("ppid", dip.create_item, {**exempt, "exemption_id": exemption_id})
    from engine.files import Upload

    with pytest.raises(Invalid) as refused:
        keeper.run("ppid", dip.attach_file, item_id, Upload("berkas.pdf", b"%PDF-1.4 test"))
    assert "file" in refused.value.fields


def test_bad_data_names_each_field_and_changes_nothing(keeper, unchanged):
    with unchanged(), pytest.raises(Invalid) as error:
        keeper.run("ppid", dip.create_item, item_data(unit="NOWHERE", url="ftp://x", title="x", extra="?"))
    assert {"title", "url", "extra"} <= set(error.value.fields)
    with unchanged(), pytest.raises(Invalid) as error:
        keeper.run("ppid", dip.create_item, item_data(unit="NOWHERE"))
    assert set(error.value.fields) == {"unit"}


def test_two_items_cannot_share_the_offices_code(keeper):
    keeper.run("ppid", dip.create_item, item_data(code="DIP-01"))
    with pytest.raises(Invalid) as error:
        keeper.run("ppid", dip.create_item, item_data(code="DIP-01", title="Lain"))
    assert "code" in error.value.fields


def test_publishing_and_withdrawing_are_versions_too_and_only_published_items_are_public(keeper):
    item_id = keeper.run("ppid", dip.create_item, item_data())
    with keeper.sessions() as s, pytest.raises(Exception, match="not found"):
        dip.public_item(s, item_id)
    keeper.run("ppid", dip.publish_item, item_id)
    with keeper.sessions() as s:
        assert dip.public_item(s, item_id).published_at is not None
    keeper.run("ppid", dip.withdraw_item, item_id)
    with keeper.sessions() as s:
        actions = s.scalars(
            select(DipItemVersion.action).where(DipItemVersion.item_id == item_id).order_by(DipItemVersion.version)
        ).all()
        assert actions == ["created", "published", "withdrawn"]
        with pytest.raises(Exception, match="not found"):
            dip.public_item(s, item_id)


def test_a_serta_merta_item_goes_on_the_front_page_when_published(keeper):
    urgent = item_data(
        category="serta_merta", rhythm_months=None, title="Peringatan banjir di Kota Contoh", notice_days=7
    )
    item_id = keeper.run("ppid", dip.create_item, urgent, publish=True)
    with keeper.sessions() as s:
        assert [i.id for i in dip.front_page_notices(s)] == [item_id]
        item = s.get(DipItem, item_id)
        assert (item.notice_until - item.published_at).days == 7


def test_an_exempt_item_cites_only_an_entry_of_the_exemption_register(keeper):
    exempt = item_data(category="dikecualikan", rhythm_months=None, url=None, title="Berkas pemeriksaan pegawai")
    with pytest.raises(Invalid) as missing:
        keeper.run("ppid", dip.create_item, {**exempt, "exemption_id": 7})
    assert [m.code for m in missing.value.fields["exemption_id"]] == ["exemption_not_in_register"]
    with pytest.raises(Invalid) as wrong_kind:
        keeper.run("ppid", dip.create_item, item_data(exemption_id=7))
    assert "exemption_id" in wrong_kind.value.fields


def test_an_item_is_not_made_after_today(keeper):
    """A periodic item "made" on 1 March 2027 was published, its next edition shown as due in 2028."""
    tomorrow = (clock.now() + timedelta(days=2)).date().isoformat()
    with pytest.raises(Invalid) as future:
        keeper.run("ppid", dip.create_item, item_data(made_on=tomorrow))
    assert [str(m) for m in future.value.fields["made_on"]] == ["not after today: the day the information was made"]
    keeper.run("ppid", dip.create_item, item_data(made_on=clock.now().date().isoformat()))


def test_an_immediate_item_is_published_only_when_it_says_what_the_public_must_know(keeper):
    """The demo's warning about extreme weather stood on the portal's front page saying only "request it"."""
    bare = item_data(category="serta_merta", rhythm_months=None, title="Peringatan banjir", summary=None, url=None)
    with pytest.raises(Invalid) as refused:
        keeper.run("ppid", dip.create_item, bare, publish=True)
    assert list(refused.value.fields) == ["summary"]
    draft = keeper.run("ppid", dip.create_item, bare)  # a draft may wait for its file
    with pytest.raises(Invalid):
        keeper.run("ppid", dip.publish_item, draft)
    keeper.run(
        "ppid", dip.create_item, {**bare, "summary": "Warga bantaran sungai mengungsi ke aula kantor."}, publish=True
    )
