"""An item listed as exempt whose exemption register entry no longer holds (its period over, UU 14/2008 Pasal 20, or
an objection against the refusal granted): the information is no longer exempt, and the PPID opens it (PP 61/2010
Pasal 14). The officers' list names such items, the item may not be kept exempt on that entry, and the public page
no longer says the information is withheld."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from engine import dip, dip_exempt
from engine.errors import Invalid
from engine.models import DipItem
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.dip.conftest import exemption_row, item_data

NOW = datetime(2027, 3, 1, 3, 0, tzinfo=UTC)  # Mon 1 Mar 2027, 10:00 WIB
TODAY = date(2027, 3, 1)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


def entry(keeper, valid_until: date, ended_on: date | None = None, number: str = "SK-1/2026") -> int:
    with keeper.sessions.begin() as session:
        row = exemption_row(valid_until, ended_on, number)
        session.add(row)
        session.flush()
        return row.id


def exempt_item(exemption_id: int, **overrides) -> dict:
    fields = {"category": "dikecualikan", "rhythm_months": None, "url": None, "exemption_id": exemption_id}
    fields["made_on"] = "2026-05-04"  # the file, made before it was listed (1 June)
    return item_data(**{"title": "Berkas pemeriksaan disiplin pegawai", **fields, **overrides})


def test_items_resting_on_an_entry_that_no_longer_holds_are_listed_with_the_day_it_stopped(keeper):
    holding = entry(keeper, valid_until=date(2030, 1, 5), number="SK-1/2026")
    overturned = entry(keeper, valid_until=date(2030, 1, 5), ended_on=date(2027, 2, 10), number="SK-2/2026")
    with time_machine.travel(datetime(2026, 6, 1, 3, 0, tzinfo=UTC)):  # when the items were listed, all held
        expired = entry(keeper, valid_until=date(2027, 2, 28), number="SK-3/2026")
        items = {
            name: keeper.run("ppid", dip.create_item, exempt_item(exemption, title=f"Berkas {name}"), publish=True)
            for name, exemption in (("holding", holding), ("overturned", overturned), ("expired", expired))
        }
        gone = keeper.run("ppid", dip.create_item, exempt_item(expired, title="Berkas ditarik"), publish=True)
    keeper.run("ppid", dip.withdraw_item, gone)  # a withdrawn item is nobody's to open
    with keeper.sessions() as s:
        found = [(item.id, since) for item, since in dip_exempt.no_longer_exempt(s, keeper.rt)]
        shown = {name: dip_exempt.exemption_ended_on(s, keeper.rt, s.get(DipItem, i)) for name, i in items.items()}
    # the overturned one first (10 Feb), then the one whose period ended on 28 Feb: exempt no more from 1 Mar
    assert found == [(items["overturned"], date(2027, 2, 10)), (items["expired"], TODAY)]
    assert shown == {"holding": None, "overturned": date(2027, 2, 10), "expired": TODAY}


def test_an_item_may_not_be_kept_exempt_on_an_entry_that_no_longer_holds(keeper):
    ended = entry(keeper, valid_until=date(2030, 1, 5), ended_on=date(2027, 2, 10))
    with pytest.raises(Invalid) as refused:
        keeper.run("ppid", dip.create_item, exempt_item(ended))
    (message,) = refused.value.fields["exemption_id"]
    assert (message.code, message.params["since"]) == ("exemption_no_longer_holds", "10/02/2027")
    # Reclassified as information available at any time, without the entry: accepted, and off the list.
    with time_machine.travel(datetime(2027, 2, 1, 3, 0, tzinfo=UTC)):
        item_id = keeper.run("ppid", dip.create_item, exempt_item(ended))
    with pytest.raises(Invalid):
        keeper.run("ppid", dip.update_item, item_id, exempt_item(ended, summary="Diperbarui"))
    opened = item_data(rhythm_months=None, category="setiap_saat", title="Berkas pemeriksaan disiplin pegawai")
    keeper.run("ppid", dip.update_item, item_id, opened)
    with keeper.sessions() as s:
        assert dip_exempt.no_longer_exempt(s, keeper.rt) == []


def test_the_pages_and_the_api_say_the_exemption_has_ended(keeper, browser, client, login):
    ended = entry(keeper, valid_until=date(2030, 1, 5), ended_on=date(2027, 2, 10))
    with time_machine.travel(datetime(2027, 2, 1, 3, 0, tzinfo=UTC)):
        item_id = keeper.run("ppid", dip.create_item, exempt_item(ended), publish=True)
    officer = browser("ppid")
    listed = officer.get("/dip").get_data(as_text=True)
    assert "Tercatat dikecualikan, tetapi pengecualiannya telah berakhir" in listed
    assert f'<a href="/dip/{item_id}">Berkas pemeriksaan disiplin pegawai</a>' in listed
    assert "tidak lagi dikecualikan sejak 10 Feb 2027" in listed
    page = officer.get(f"/dip/{item_id}").get_data(as_text=True)
    assert "tidak berlaku lagi sejak 10 Feb 2027" in page
    catalogue = browser().get("/publik/informasi?q=pemeriksaan").get_data(as_text=True)
    assert "(pengecualiannya berakhir pada 10 Feb 2027)" in catalogue
    public = browser().get(f"/publik/informasi/{item_id}").get_data(as_text=True)
    assert "Pengecualiannya berakhir pada 10 Feb 2027" in public
    assert "tidak diberikan" not in public.lower()  # no longer "exempt and not given out"
    r = client.get("/api/v1/dip/no-longer-exempt", headers=login("ppid"))
    assert r.status_code == 200, r.json
    assert [(x["item"]["id"], x["since"]) for x in r.json] == [(item_id, "2027-02-10")]


def test_reconcile_tells_the_ppid_and_the_unit_once_that_an_items_exemption_ended(keeper, settings):
    from sqlalchemy import select

    from engine.models import Notification, User
    from notifications.reconcile import reconcile
    from notifications.rendering import render
    from notifications.services import Services, use

    ended = entry(keeper, valid_until=date(2030, 1, 5), ended_on=date(2027, 2, 10))
    holding = entry(keeper, valid_until=date(2030, 1, 5), number="SK-2/2026")
    with time_machine.travel(datetime(2027, 2, 1, 3, 0, tzinfo=UTC)):
        item_id = keeper.run("ppid", dip.create_item, exempt_item(ended), publish=True)
    keeper.run("ppid", dip.create_item, exempt_item(holding, title="Berkas lain"), publish=True)
    services = Services(settings)
    use(services)
    try:
        assert reconcile(services).failed == []
        reconcile(services)  # once only
    finally:
        use(None)

    with keeper.sessions() as s:
        told = s.execute(
            select(User.username, Notification.channel, Notification.context)
            .join(User, User.id == Notification.recipient_user_id)
            .where(Notification.event == "dip_exemption_ended")
        ).all()
    assert {username for username, _channel, _context in told} == {"ppid", "unit"}  # the PPID and the unit's officer
    assert len(told) == len({(u, ch) for u, ch, _c in told})  # once per channel
    context = told[0][2]
    assert (context["dip_item"], context["since"]) == (item_id, "2027-02-10")
    subject, body = render("dip_exemption_ended", "id", context)
    assert subject == "Pengecualian informasi telah berakhir - Berkas pemeriksaan disiplin pegawai"
    assert "Tidak lagi dikecualikan sejak : 10 Februari 2027" in body
    assert "PP 61/2010 Pasal 14" in body
    subject, body = render("dip_exemption_ended", "en", context)
    assert subject == "Exemption ended - Berkas pemeriksaan disiplin pegawai"
    assert "No longer exempt since : 10 February 2027" in body
