"""The portal's list of the determinations of exempt information in force is bounded: the newest decrees first, at
most ``dip_exempt.PUBLIC_LIMIT`` of them, and when more are in force the page says the exemption register holds the
others (a register of years would otherwise be one page of thousands of rows). In force means what the register
says (``exemptions.in_force_sql``, the rule of ``exemptions.in_force``)."""

from datetime import date, timedelta

from sqlalchemy import select

from api.extensions import db
from engine import dip_exempt, exemptions
from engine.models import Exemption
from tests.dip.conftest import exemption_row
from tests.web.pages import text

URL = "/publik/informasi?kategori=dikecualikan"
NOTE = "penetapan terbaru yang ditampilkan di sini; penetapan lain yang masih berlaku ada dalam register pengecualian"


def _decreed(app, days: int) -> date:
    """``days`` entries in force, decreed one a day up to today's; returns today."""
    with app.app_context():
        today = app.extensions["kawal_runtime"].today()
        for n in range(days):
            entry = exemption_row(today + timedelta(days=365), number=f"SK-{n + 1}/2026")
            entry.decree_date = today - timedelta(days=days - 1 - n)
            db.session.add(entry)
        db.session.commit()
    return today


def test_the_public_list_holds_the_newest_determinations_and_says_the_register_holds_more(app, browser):
    today = _decreed(app, dip_exempt.PUBLIC_LIMIT + 1)
    with app.app_context():
        listed = dip_exempt.in_force_for_public(db.session, today)
        assert len(listed) == dip_exempt.PUBLIC_LIMIT
        assert listed.more
        assert listed[0]["decree_number"] == f"SK-{dip_exempt.PUBLIC_LIMIT + 1}/2026"  # the newest first
        assert "SK-1/2026" not in [d["decree_number"] for d in listed]  # the oldest left to the register
    page = text(browser().get(URL))
    assert f"Hanya {dip_exempt.PUBLIC_LIMIT} {NOTE}" in page


def test_a_list_within_the_bound_says_nothing_more(app, browser):
    today = _decreed(app, 2)
    with app.app_context():
        listed = dip_exempt.in_force_for_public(db.session, today)
        assert [d["decree_number"] for d in listed] == ["SK-2/2026", "SK-1/2026"]
        assert not listed.more
    assert NOTE not in text(browser().get(URL))


def test_the_sql_rule_is_the_register_s_rule(app):
    with app.app_context():
        today = app.extensions["kawal_runtime"].today()
        for n, (valid_until, ended_on) in enumerate(
            (
                (today, None),
                (today - timedelta(days=1), None),
                (today + timedelta(days=9), today),
                (today + timedelta(days=9), today + timedelta(days=1)),
            )
        ):
            db.session.add(exemption_row(valid_until, ended_on, number=f"SK-{n + 1}/2026"))
        db.session.commit()
        found = set(db.session.scalars(select(Exemption.id).where(exemptions.in_force_sql(today))))
        entries = db.session.scalars(select(Exemption)).all()
        assert found == {e.id for e in entries if exemptions.in_force(e, today)}
        assert len(found) == 2
